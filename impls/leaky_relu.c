/* leaky_relu(x) = x for x >= 0, alpha x for x < 0, alpha = 0.01:
 * variants and their registration.  The reference takes alpha as the
 * decimal 1/100 exactly (reference/piecewise.c); leaky_relu(-0) = -0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: the seed article's np.where(x >= 0, x, alpha*x).  NaN fails
 * x >= 0 and alpha*NaN is NaN, so it propagates; -0 >= 0 keeps -0.  The
 * error is in alpha itself: 0.01f = 0.00999999977648..., 2.2e-8 relative
 * (0.375 ulp of alpha), which adds to the multiplication's half ulp. */
static float naive_f32(float x) { return x >= 0 ? x : 0.01f * x; }
static double naive_f64(double x) { return x >= 0 ? x : 0.01 * x; }
static inline float perop(float x, int bf) { return x >= 0 ? x : R(R(0.01f) * x); }
AB_PEROP_DEFINE(perop)

/* stable: x / 100 is one correctly rounded division by an exact 100, so
 * it is alpha x correctly rounded, subnormal results included. */
static float stable_f32(float x) { return x >= 0 ? x : x / 100.0f; }
static double stable_f64(double x) { return x >= 0 ? x : x / 100.0; }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=0.01; x>=0 ? x : 0.01f*x", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=0.01; x>=0 ? x : 0.01*x", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "alpha=0.01; x>=0 ? x : R(R(0.01)*x)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, "alpha=0.01; x>=0 ? x : x/100", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, "alpha=0.01; x>=0 ? x : x/100", stable_f64_batch),
};

/* The kink at 0, and the negative inputs whose result alpha x is
 * subnormal: |x| < 100 * 2^-126 (f32) / 100 * 2^-1022 (f64). */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
    {"subnormal_result", -0x1p-119, 0, -0x1p-1015, 0},
};

static const ab_activation leaky_relu = {
    .name = "leaky_relu",
    .description = "leaky relu, alpha = 0.01",
    .reference = ab_ref_leaky_relu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0),
    AB_THRESHOLDS64(0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_leaky_relu,
    .props = AB_PROPS(AB_NO_RANGE, 1, AB_SYM_NONE, 0),
};
AB_REGISTER(leaky_relu)
