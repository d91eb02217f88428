/* relu(x) = max(x, 0): variants and their registration.  Convention
 * (reference/piecewise.c): IEEE 754-2019 maximum(x, +0), so NaN
 * propagates and relu(-0) = +0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: the seed article's np.where(x < 0, 0, x).  NaN fails x < 0 and
 * is passed through (kept), but so is -0, which is not < 0: relu(-0) comes
 * out as -0, a sign error against maximum(-0, +0) = +0. */
static float naive_f32(float x) { return x < 0 ? 0.0f : x; }
static double naive_f64(double x) { return x < 0 ? 0.0 : x; }
static inline float perop(float x, int bf) { (void)bf; return x < 0 ? 0.0f : x; }
AB_PEROP_DEFINE(perop)

/* stable: x <= 0 catches -0 as well (-0 <= 0), so it becomes +0; NaN fails
 * the comparison and propagates.  (fmaxf(x, 0) would instead swallow NaN,
 * returning 0, by C99's rule that fmax ignores a NaN operand.) */
static float stable_f32(float x) { return x <= 0 ? 0.0f : x; }
static double stable_f64(double x) { return x <= 0 ? 0.0 : x; }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x<0 ? 0 : x (np.where)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x<0 ? 0 : x (np.where)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "x<0 ? 0 : x (exact)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<=0 ? +0 : x", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<=0 ? +0 : x", stable_f64_batch),
};

/* The kink at 0. */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
};

static const ab_activation relu = {
    .name = "relu",
    .description = "rectified linear unit max(x, 0)",
    .reference = ab_ref_relu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0),
    AB_THRESHOLDS64(0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_relu,
    /* relu(x) - relu(-x) = x. */
    .props = AB_PROPS(AB_RANGE(0, INFINITY), 1, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(relu)
