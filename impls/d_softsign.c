/* d_softsign: softsign'(x) = 1 / (1 + |x|)^2, even, in (0, 1]: variants
 * and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_softsign.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 0.98; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 1.5

/* naive: reverse mode through x / (1 + |x|) (impls/softsign.c's naive;
 * PyTorch's F.softsign is input / (input.abs() + 1), the same graph, with
 * no fused backward kernel), gradient 1, PyTorch's rules:
 *   forward  a = abs(x); d = 1 + a; y = x / d
 *   div:     gx1 = g / d;  gd = -g * x / (d * d)
 *   add:     ga = gd
 *   abs:     gx2 = ga * sgn(x)            (sgn(+-0) = 0)
 *   sum:     gx = gx1 + gx2
 * 1/d - |x|/d^2 = 1/d^2 cancels: relative error about |x| ulps.  Above
 * 2^64 (f32) / 2^512 (f64) d * d overflows, gd = -0 and the result is
 * 1/d, |x| times too large; at +-inf it is -inf/inf = NaN. */
static float sgnf(float x) { return x > 0 ? 1.0f : x < 0 ? -1.0f : 0.0f * x; }
static double sgn(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0 * x; }
static float naive_f32(float x) {
    float a = fabsf(x), d = 1.0f + a;
    float gx1 = 1.0f / d, gd = -1.0f * x / (d * d);
    float ga = gd;
    float gx2 = ga * sgnf(x);
    return gx1 + gx2;
}
static double naive_f64(double x) {
    double a = fabs(x), d = 1.0 + a;
    double gx1 = 1.0 / d, gd = -1.0 * x / (d * d);
    double ga = gd;
    double gx2 = ga * sgn(x);
    return gx1 + gx2;
}
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float a = fabsf(x), d = R(1.0f + a);
    float gx1 = R(1.0f / d), gd = R(R(-1.0f * x) / R(d * d));
    float ga = gd;
    float gx2 = R(ga * sgnf(x));
    return R(gx1 + gx2);
}
AB_PEROP_DEFINE(perop)

/* from-output: TensorFlow's fused SoftsignGrad
 * (tensorflow/core/kernels/softsign_op.h), from the input:
 * gradients / (|features| + 1)^2.  PyTorch has no fused kernel (its
 * autograd path is the naive variant above).  Accurate (three roundings)
 * until (|x| + 1)^2 overflows above 2^64 (f32) / 2^512 (f64): 0 there,
 * where 1/x^2 stays representable up to 2^75 / 2^537.5. */
static float from_output_f32(float x) {
    float d = fabsf(x) + 1.0f;
    return 1.0f / (d * d);
}
static double from_output_f64(double x) {
    double d = fabs(x) + 1.0;
    return 1.0 / (d * d);
}

/* stable: f32 in double: 1 + |x| (exact below 2^29), its square (no
 * overflow: at most 2^256) and the quotient, each within 2^-53, rounded
 * once to float.  f64 squares the reciprocal instead of reciprocating the
 * square (no overflow above 2^512), with the roundings compensated:
 * 1 + |x| = d + e exactly (Fast2Sum, larger operand first); q = 1/d with
 * remainder r = 1 - q d exact (fma); 1/(d + e) = q + c with
 * c = (r - q e)/d to second order; (q + c)^2 = q^2 + 2qc to within
 * 2^-100 relative, so fma(q, q, 2qc) rounds once.  +-inf return +0
 * directly (Fast2Sum and the remainder would give inf - inf); +-0 give
 * q = 1, c = 0: 1. */
static float stable_f32(float x) {
    double d = 1.0 + fabs((double)x);
    return (float)(1.0 / (d * d));
}
static double stable_f64(double x) {
    if (isinf(x)) return 0.0;
    double a = fabs(x), d = 1.0 + a;
    double e = a <= 1.0 ? a - (d - 1.0) : 1.0 - (d - a);
    double q = 1.0 / d, r = fma(-q, d, 1.0);
    double c = (r - q * e) / d;
    return fma(q, q, 2.0 * q * c);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x/(1+|x|): 1/d + (-x/(d*d))*sgn(x), d=1+|x|", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x/(1+|x|): 1/d + (-x/(d*d))*sgn(x), d=1+|x|", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(1/d) + R(R(-x/R(d*d))*sgn(x))), d=R(1+|x|)"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "TensorFlow SoftsignGrad: 1/(|x|+1)^2", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "TensorFlow SoftsignGrad: 1/(|x|+1)^2", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "(float)(1/(1+|x|)^2) in double", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "q=1/d, d+e=1+|x|; fma(q,q,2q(fma(-q,d,1)-qe)/d)", stable_f64_batch),
};

/* The square overflows above 2^64 / 2^512; the value rounds to 0 above
 * 2^75 / 2^537.5; 1 + |x| rounds above 2^24 / 2^53; |x| near 1, where
 * the Fast2Sum order changes. */
static const ab_range ranges[] = {
    {"unit", -2, 2, -2, 2},
    {"large", 0x1p20, 0x1p30, 0x1p50, 0x1p60},
    {"square_overflow", 0x1p60, 0x1p80, 0x1p500, 0x1p540},
};

static const ab_activation d_softsign = {
    .name = "d_softsign",
    .description = "derivative of softsign: 1/(1+|x|)^2",
    .reference = ab_ref_d_softsign,
    .fast32 = ab_fast32_d_softsign,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1p64, -0x1p64, 0x1p75, -0x1p75, 0x1p24, 1, -1),
    AB_THRESHOLDS64(0x1p512, -0x1p512, 0x1.6a09e667f3bcdp537, -0x1.6a09e667f3bcdp537, 0x1p53, 1, -1),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* 1/(1+|x|)^2: in (0, 1], even, not monotone (peak at 0). */
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_softsign)
