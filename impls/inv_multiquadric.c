/* inv_multiquadric(x) = 1/sqrt(x^2 + a^2) with a = 1: variants and their
 * registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/inv_multiquadric.h"
#include "kernels/perop.h"
#include "kernels/rcp.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: 1/sqrt(x*x + 1).  x*x overflows for |x| > 1.8e19 (f32) /
 * 1.3e154 (f64) and the result flushes to 0 where the true value ~1/|x|
 * is a normal number (down to 2.9e-39 / 5.6e-309 at the largest x). */
static float naive_f32(float x) { return 1.0f / sqrtf(x * x + 1.0f); }
static double naive_f64(double x) { return 1.0 / sqrt(x * x + 1.0); }
static inline float perop(float x, int bf) { return R(1.0f / R(sqrtf(R(R(x * x) + 1.0f)))); }
AB_PEROP_DEFINE(perop)

/* stable: for |x| > 2^12 (2^27), 1/sqrt(x^2+1) = (1/|x|)(1 - d) with
 * d < x^-2/2 < 2^-25 (2^-55): 1/|x|, one rounding, is within an ulp, and
 * x^2 is never formed (+-inf gives 0).  Below, x^2 + 1 is one FMA
 * rounding, then sqrt and the division: about 1.5 ulps at most.  NaN
 * fails the comparison and propagates. */
static float stable_f32(float x) {
    float ax = fabsf(x);
    return ax > 0x1p12f ? 1.0f / ax : 1.0f / sqrtf(fmaf(x, x, 1.0f));
}
static double stable_f64(double x) {
    double ax = fabs(x);
    return ax > 0x1p27 ? 1.0 / ax : 1.0 / sqrt(fma(x, x, 1.0));
}

/* libm: 1/hypot(x, 1). */
static float hypot_f32(float x) { return 1.0f / hypotf(x, 1.0f); }
static double hypot_f64(double x) { return 1.0 / hypot(x, 1.0); }

/* approx: rsqrt(x^2 + 1) by the classic bit-level seed and 3 (f32) /
 * 4 (f64) Newton steps (ab_rsqrt_approx_*, kernels/rcp.h). */
static float approx_f32(float x) {
    float ax = fabsf(x);
    if (ax < 0x1p-13f) return 1.0f;  /* x^2/2 < 2^-27: rounds to 1; Newton from the seed would not land on 1 exactly */
    return ax > 0x1p12f ? 1.0f / ax : ab_rsqrt_approx_f32(fmaf(x, x, 1.0f));
}
static double approx_f64(double x) {
    double ax = fabs(x);
    if (ax < 0x1p-28) return 1.0;    /* x^2/2 < 2^-57: rounds to 1 */
    return ax > 0x1p27 ? 1.0 / ax : ab_rsqrt_approx_f64(fma(x, x, 1.0));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(hypot)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1/sqrtf(x*x+1) (a=1)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1/sqrt(x*x+1) (a=1)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1/R(sqrt(R(R(x*x)+1)))) (a=1)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 2.25, "|x|>2^12 ? 1/|x| : 1/sqrtf(fmaf(x,x,1)) (a=1)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 2.25, "|x|>2^27 ? 1/|x| : 1/sqrt(fma(x,x,1)) (a=1)", stable_f64_batch),
    AB_VARIANT("libm-hypot", AB_LIBRARY, "scalar", 1.75, "1/hypotf(x,1) (a=1)", hypot_f32_batch),
    AB_VARIANT("libm-hypot", AB_LIBRARY, "scalar", 1.75, "1/hypot(x,1) (a=1)", hypot_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", 3, "|x|>2^12 ? 1/|x| : rsqrt(fmaf(x,x,1)), 0x5f3759df seed+3 Newton (a=1)", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", 3, "|x|>2^27 ? 1/|x| : rsqrt(fma(x,x,1)), 0x5fe6eb50c7b537a9 seed+4 Newton (a=1)", approx_f64_batch),
};

/* naive's x*x overflows from 2^64 / 2^512 on; stable switches to 1/|x|
 * above 2^12 / 2^27. */
static const ab_range ranges[] = {
    {"overflow", 1e19, 1e20, 1e154, 1e156},
    {"switch", 0x1p11, 0x1p13, 0x1p26, 0x1p28},
};

static const ab_activation inv_multiquadric = {
    .name = "inv_multiquadric",
    .description = "1/sqrt(x^2 + a^2), a = 1",
    .reference = ab_ref_inv_multiquadric,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1p64, -0x1p64, 0x1p12, -0x1p12),
    AB_THRESHOLDS64(0x1p512, -0x1p512, 0x1p27, -0x1p27),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_inv_multiquadric,
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(inv_multiquadric)
