/* relu6(x) = min(max(x, 0), 6): variants and their registration.
 * Convention (reference/piecewise.c): NaN propagates, relu6(-0) = +0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: no seed-article form; TensorFlow's definition
 * min(max(features, 0), 6) written with C99 fmin/fmax.  fmax ignores a NaN
 * operand, so NaN comes out as 0. */
static float naive_f32(float x) { return fminf(fmaxf(x, 0.0f), 6.0f); }
static double naive_f64(double x) { return fmin(fmax(x, 0.0), 6.0); }
static inline float perop(float x, int bf) { (void)bf; return fminf(fmaxf(x, 0.0f), 6.0f); }
AB_PEROP_DEFINE(perop)

/* stable: comparisons that NaN fails fall through to returning x. */
static float stable_f32(float x) {
    if (x <= 0) return 0.0f;
    if (x >= 6) return 6.0f;
    return x;
}
static double stable_f64(double x) {
    if (x <= 0) return 0.0;
    if (x >= 6) return 6.0;
    return x;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fminf(fmaxf(x,0),6) (TF)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fmin(fmax(x,0),6) (TF)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "min(max(x,0),6) (exact)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<=0 ? +0 : x>=6 ? 6 : x", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<=0 ? +0 : x>=6 ? 6 : x", stable_f64_batch),
};

/* Kinks at 0 and 6. */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
    {"cap", 5, 7, 5, 7},
};

static const ab_activation relu6 = {
    .name = "relu6",
    .description = "relu capped at 6, min(max(x, 0), 6)",
    .reference = ab_ref_relu6,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0, 6),
    AB_THRESHOLDS64(0, 6),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_relu6,
    .props = AB_PROPS(AB_RANGE(0, 6), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(relu6)
