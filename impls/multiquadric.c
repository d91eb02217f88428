/* multiquadric(x) = sqrt(x^2 + a^2) with a = 1: variants and their
 * registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/multiquadric.h"
#include "kernels/perop.h"
#include "kernels/rcp.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: sqrt(x*x + 1).  x*x overflows for |x| > 1.8e19 (f32) / 1.3e154
 * (f64) and the result is inf where the true value ~|x| is finite. */
static float naive_f32(float x) { return sqrtf(x * x + 1.0f); }
static double naive_f64(double x) { return sqrt(x * x + 1.0); }
static inline float perop(float x, int bf) { return R(sqrtf(R(R(x * x) + 1.0f))); }
AB_PEROP_DEFINE(perop)

/* stable: hypot-style.  For |x| > 2^12 (2^27), sqrt(x^2+1) =
 * |x| sqrt(1 + x^-2) = |x| (1 + d) with d < x^-2/2 < 2^-25 (2^-55),
 * below half an ulp of |x| (even at a power of two, where the ulp below
 * is half as large): the answer is |x| itself, and x^2 is never formed
 * there, so nothing overflows (and +-inf gives inf).  Below, x^2 + 1 is
 * one FMA rounding and sqrt halves its relative error: under 0.75 ulp.
 * NaN fails the comparison and propagates. */
static float stable_f32(float x) {
    float ax = fabsf(x);
    return ax > 0x1p12f ? ax : sqrtf(fmaf(x, x, 1.0f));
}
static double stable_f64(double x) {
    double ax = fabs(x);
    return ax > 0x1p27 ? ax : sqrt(fma(x, x, 1.0));
}

/* libm: hypot(x, 1), which scales internally. */
static float hypot_f32(float x) { return hypotf(x, 1.0f); }
static double hypot_f64(double x) { return hypot(x, 1.0); }

/* approx: q = x^2 + 1 as in stable, then q * rsqrt(q) with rsqrt by the
 * classic bit-level seed and 3 (f32) / 4 (f64) Newton steps
 * (ab_rsqrt_approx_*, kernels/rcp.h).  NaN stays NaN through the Newton
 * steps. */
static float approx_f32(float x) {
    float ax = fabsf(x);
    if (ax > 0x1p12f) return ax;
    if (ax < 0x1p-13f) return 1.0f;  /* x^2/2 < 2^-27: rounds to 1; Newton from the seed would not land on 1 exactly */
    float q = fmaf(x, x, 1.0f);
    return q * ab_rsqrt_approx_f32(q);
}
static double approx_f64(double x) {
    double ax = fabs(x);
    if (ax > 0x1p27) return ax;
    if (ax < 0x1p-28) return 1.0;    /* x^2/2 < 2^-57: rounds to 1 */
    double q = fma(x, x, 1.0);
    return q * ab_rsqrt_approx_f64(q);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(hypot)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "sqrtf(x*x+1) (a=1)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "sqrt(x*x+1) (a=1)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(sqrt(R(R(x*x)+1))) (a=1)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "|x|>2^12 ? |x| : sqrtf(fmaf(x,x,1)) (a=1)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "|x|>2^27 ? |x| : sqrt(fma(x,x,1)) (a=1)", stable_f64_batch),
    AB_VARIANT("libm-hypot", AB_LIBRARY, "scalar", 0.75, "hypotf(x,1) (a=1)", hypot_f32_batch),
    AB_VARIANT("libm-hypot", AB_LIBRARY, "scalar", 0.75, "hypot(x,1) (a=1)", hypot_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 3, "|x|>2^12 ? |x| : q*rsqrt(q), q=fmaf(x,x,1), rsqrt=0x5f3759df seed+3 Newton (a=1)", approx_f32_batch,
               AB_FAIL_RANGE,
               "known bug, not fixed: q rsqrt(q) with the Newton rsqrt gives just below 1 for small |x| (first x = -0x1.fecda4p-13), below multiquadric's minimum 1"),
    AB_VARIANT("approx", AB_APPROX, "scalar", 3, "|x|>2^27 ? |x| : q*rsqrt(q), q=fma(x,x,1), rsqrt=0x5fe6eb50c7b537a9 seed+4 Newton (a=1)", approx_f64_batch),
};

/* naive's x*x overflows from 2^64 / 2^512 on (just below: 1.8e19 /
 * 1.3e154); stable switches to |x| above 2^12 / 2^27. */
static const ab_range ranges[] = {
    {"overflow", 1e19, 1e20, 1e154, 1e156},
    {"switch", 0x1p11, 0x1p13, 0x1p26, 0x1p28},
};

static const ab_activation multiquadric = {
    .name = "multiquadric",
    .description = "sqrt(x^2 + a^2), a = 1",
    .reference = ab_ref_multiquadric,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1p64, -0x1p64, 0x1p12, -0x1p12),
    AB_THRESHOLDS64(0x1p512, -0x1p512, 0x1p27, -0x1p27),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_multiquadric,
    .props = AB_PROPS(AB_RANGE(1, INFINITY), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(multiquadric)
