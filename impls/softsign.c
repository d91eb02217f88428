/* softsign(x) = x / (1 + |x|): variants and their registration.
 * softsign(+-0) = +-0, softsign(+-inf) = +-1. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/softsign.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define STABLE32 0.75
#define STABLE64 0.75
#define APPROX32 3.5
#define APPROX64 3.5

/* naive: the textbook x / (1 + |x|) (no seed-article form).  Two roundings
 * (1 + |x| and the division); at x = +-inf it is inf/inf = NaN. */
static float naive_f32(float x) { return x / (1.0f + fabsf(x)); }
static double naive_f64(double x) { return x / (1.0 + fabs(x)); }
static inline float perop(float x, int bf) { return R(x / R(1.0f + fabsf(x))); }
AB_PEROP_DEFINE(perop)

/* stable: the infinities take their limit +-1 explicitly.  f32 divides in
 * double: 1 + |x| and the quotient are each within 2^-53 relative, so only
 * the final rounding to float matters (except within 2^-29 ulp of a
 * midpoint).  f64 recovers what the two roundings lose: d + e = 1 + |x|
 * exactly (Fast2Sum, larger operand first) and r = x - q d exactly (fma),
 * so x / (1 + |x|) = q + (r - q e) / (d + e), whose correction term only
 * needs to be roughly right.  +-0 is returned as is (q + (+0) would
 * turn -0 into +0). */
static float stable_f32(float x) {
    if (isinf(x)) return copysignf(1.0f, x);
    double xd = x;
    return (float)(xd / (1.0 + fabs(xd)));
}
static double stable_f64(double x) {
    if (isinf(x)) return copysign(1.0, x);
    if (x == 0) return x;
    double a = fabs(x);
    double d = 1.0 + a;
    double e = a <= 1.0 ? a - (d - 1.0) : 1.0 - (d - a);
    double q = x / d;
    double r = fma(-q, d, x);
    return q + (r - q * e) / d;
}

/* approx: the division replaced by a reciprocal, as SIMD kernels do:
 * an initial guess from the bit pattern (the magic constant 0x7EF311C7
 * subtracts the exponent and approximates the significand's reciprocal
 * linearly, within 12%), then Newton steps r <- r (2 - d r), each
 * squaring the relative error: 4 steps for f32 (12% -> 3e-15 before
 * rounding), 5 for f64.  For |x| >= 2^26 (f32) / 2^55 (f64) the result is
 * +-1 to within a quarter ulp, and the guess would leave its valid range,
 * so +-1 is returned (this also covers +-inf).  NaN fails the comparison
 * and propagates. */
static float rcp_guess(float d) {
    uint32_t i;
    memcpy(&i, &d, sizeof i);
    i = 0x7EF311C7u - i;
    float r;
    memcpy(&r, &i, sizeof r);
    return r;
}
static float approx_f32(float x) {
    float a = fabsf(x);
    if (a >= 0x1p26f) return copysignf(1.0f, x);
    float d = 1.0f + a;
    float r = rcp_guess(d);
    for (int k = 0; k < 4; k++) r = r * (2.0f - d * r);
    return x * r;
}
static double approx_f64(double x) {
    double a = fabs(x);
    if (a >= 0x1p55) return copysign(1.0, x);
    double d = 1.0 + a;
    double r = rcp_guess((float)d);
    for (int k = 0; k < 5; k++) r = r * (2.0 - d * r);
    return x * r;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x/(1+fabsf(x))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x/(1+fabs(x))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(x/R(1+|x|))"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "inf ? +-1 : (float)(x/(1+|x|) in double)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "inf ? +-1 : q+(fma(-q,d,x)-q*e)/d, d+e=1+|x|", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", APPROX32, "x*rcp(1+|x|), magic guess + 4 Newton steps; |x|>=2^26 -> +-1", approx_f32_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the Newton reciprocal overshoots, so x rcp(1+|x|) exceeds 1 near |x| = 2^24 (first 0x1.5380f4p+24) and is not monotone there"),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", APPROX64, "x*rcp(1+|x|), magic guess + 5 Newton steps; |x|>=2^55 -> +-1", approx_f64_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the Newton reciprocal overshoots, so x rcp(1+|x|) exceeds 1 near |x| = 2^53 (first 0x1.4eff550c071fp+53) and is not monotone there"),
};

/* Where 1 + |x| starts to round (|x| > 2^24 / 2^53) and approx's switch to
 * +-1 (2^26 / 2^55); |x| near 1, where the Fast2Sum order changes. */
static const ab_range ranges[] = {
    {"unit", -2, 2, -2, 2},
    {"large", 0x1p20, 0x1p30, 0x1p50, 0x1p60},
};

static const ab_activation softsign = {
    .name = "softsign",
    .description = "x / (1 + |x|)",
    .reference = ab_ref_softsign,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1p24, -0x1p24, 0x1p26, -0x1p26, 1, -1),
    AB_THRESHOLDS64(0x1p53, -0x1p53, 0x1p55, -0x1p55, 1, -1),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_softsign,
    .props = AB_PROPS(AB_RANGE(-1, 1), 1, AB_SYM_ODD, 0),
};
AB_REGISTER(softsign)
