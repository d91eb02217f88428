/* gelu_tanh(x) = x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): the
 * tanh form of GELU, measured here as a function in its own right.
 * Variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/gelu_tanh.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include "kernels/sigmoid.h"
#include "kernels/tails.h"
#include <math.h>

/* 2 sqrt(2/pi) and 0.044715 as f64 hi + lo pairs: kernels/act_constants.h. */

/* naive: the formula as written (PyTorch's approximate='tanh' recipe).
 * For x < 0, 1 + tanh(u) cancels (tanh = -1 + 2sigmoid(2u)), the result
 * degrades and is -0 once tanh rounds to -1 (x < -4.3 f32, -6.5 f64),
 * while gelu_tanh(x) is representable down to -10.77 / -21.55; at -inf
 * it is -inf * 0 = NaN.  x^3 overflows for |x| > 7e12 / 5.6e102, which
 * here happens to be harmless (tanh(+-inf) = +-1). */
static float naive_f32(float x) {
    return 0.5f * x * (1.0f + tanhf((float)(ab_gelu_tanh_kc.k_hi / 2) * (x + 0.044715f * x * x * x)));
}
static double naive_f64(double x) {
    return 0.5 * x * (1.0 + tanh(ab_gelu_tanh_kc.k_hi / 2 * (x + 0.044715 * x * x * x)));
}
static inline float perop(float x, int bf) {
    const float k = R((float)(ab_gelu_tanh_kc.k_hi / 2)), c = R(0.044715f);
    return R(R(0.5f * x) * R(1.0f + R(tanhf(R(k * R(x + R(R(R(c * x) * x) * x)))))));
}
AB_PEROP_DEFINE(perop)

/* stable: 1 + tanh(u) = 2 sigmoid(2u), so gelu_tanh(x) = x sigmoid(v),
 * v = 2 sqrt(2/pi) x (1 + 0.044715 x^2), with sigmoid as e/(1+e) on
 * e = e^-|v| (no cancellation, no overflow).  sigmoid's relative
 * condition number in v is |v|(1 - sigmoid(v)) ~ |v| in the negative
 * tail (|v| ~ 0.07|x|^3, over 100 near the f32 underflow, 800 for f64),
 * so a v rounded once would cost up to |v|/2 ulps.  v is therefore carried
 * to twice the precision, v = vh + vl, and e^(vh+vl) = e^vh (1 + vl):
 *  f32: in double (x^2 of a float is exact, the rest is good to 2^-50),
 *       then split into floats;
 *  f64: x^2 exactly by FMA and double-double products and sums with the
 *       constants split in two.
 * Below v = -64 the factor e^v would go subnormal before the result does,
 * so it is formed as e^(v+64) and the product rescaled by e^-64 (v + 64 is
 * exact there).  x > 6 (8): 1 - sigmoid(v) < 2^-25 (2^-54) and the result
 * is x, which also covers +inf; x < -11 (-22): |gelu_tanh| < 2^-150
 * (2^-1075), -0, which covers -inf.  NaN fails both tests and goes
 * through.  f32: y is clamped at the minimum rounded down (the every-input
 * sweep found 51 outputs below it near x = -0x1.81583ep-1, each within
 * the bound); the clamp moves y only towards f. */
static float stable_f32_unclamped(float x) {
    if (fabsf(x) < 0x1p-60f) return ab_half_tiny_f32(x);
    if (x > 6.0f) return x;
    if (x < -11.0f) return -0.0f;
    double xd = x, vd = ab_gelu_tanh_kc.k_hi * xd * (1.0 + ab_gelu_tanh_kc.c_hi * (xd * xd));
    float vh = (float)vd, vl = (float)(vd - vh);
    if (vh >= 0) {
        float e = expf(-vh) * (1.0f - vl);
        return x / (1.0f + e);
    }
    if (vh < -64.0f) return (x * (expf(vh + 64.0f) * (1.0f + vl))) * ab_em64.f32;
    float e = expf(vh) * (1.0f + vl);
    return x * (e / (1.0f + e));
}
static float stable_f32(float x) { return ab_floor_at_f32(stable_f32_unclamped(x), AB_GELU_TANH_MIN32); }

/* Error-free sum: a + b = s + *err exactly (Knuth's TwoSum). */
static double two_sum(double a, double b, double *err) {
    double s = a + b, bb = s - a;
    *err = (a - (s - bb)) + (b - bb);
    return s;
}
/* v = 2 sqrt(2/pi) x (1 + 0.044715 x^2) as vh + *lo, to about 2^-100. */
static double gelu_tanh_arg_f64(double x, double *lo) {
    double sh = x * x, sl = fma(x, x, -sh);                 /* x^2 exact */
    double ph = ab_gelu_tanh_kc.c_hi * sh;
    double pl = fma(ab_gelu_tanh_kc.c_hi, sh, -ph) + (ab_gelu_tanh_kc.c_hi * sl + ab_gelu_tanh_kc.c_lo * sh); /* 0.044715 x^2 */
    double al, ah = two_sum(1.0, ph, &al);
    al += pl;                                               /* 1 + 0.044715 x^2 */
    double wh = ah * x, wl = fma(ah, x, -wh) + al * x;      /* times x */
    double vh = wh * ab_gelu_tanh_kc.k_hi;
    *lo = fma(wh, ab_gelu_tanh_kc.k_hi, -vh) + (wh * ab_gelu_tanh_kc.k_lo + wl * ab_gelu_tanh_kc.k_hi);     /* times 2 sqrt(2/pi) */
    return vh;
}
static double stable_f64(double x) {
    if (fabs(x) < 0x1p-60) return ab_half_tiny_f64(x);
    if (x > 8.0) return x;
    if (x < -22.0) return -0.0;
    double vl, vh = gelu_tanh_arg_f64(x, &vl);
    if (vh >= 0) {
        double e = exp(-vh) * (1.0 - vl);
        return x / (1.0 + e);
    }
    if (vh < -64.0) return (x * (exp(vh + 64.0) * (1.0 + vl))) * ab_em64.f64;
    double e = exp(vh) * (1.0 + vl);
    return x * (e / (1.0 + e));
}

/* approx: x * ab_sigmoid_approx(v) with v rounded in the working
 * precision: fast, no cancellation or overflow, but it keeps the |v|/2
 * ulp amplification of v's rounding in the negative tail (see stable),
 * and the approximate exp flushes its result below -104 / -746. */
static float approx_f32(float x) {
    if (x < -11.0f) return -0.0f;
    if (fabsf(x) < 0x1p-26f) return 0.5f * x; /* |v| < 2^-25: sigmoid gives 1/2, as below, without
                                                 the subnormal x^2 (an assist, ~100x slower) */
    return x * ab_sigmoid_approx_f32((float)ab_gelu_tanh_kc.k_hi * x * (1.0f + (float)ab_gelu_tanh_kc.c_hi * x * x));
}
static double approx_f64(double x) {
    if (x < -22.0) return -0.0;
    return x * ab_sigmoid_approx_f64(ab_gelu_tanh_kc.k_hi * x * (1.0 + ab_gelu_tanh_kc.c_hi * x * x));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "0.5f*x*(1+tanhf(sqrt(2/pi)*(x+0.044715f*x^3)))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "k=R(sqrt(2/pi)), c=R(0.044715); R(R(0.5*x)*R(1+R(tanh(R(k*R(x+R(R(R(c*x)*x)*x)))))))"),
    /* f32: 4.34 ulp on every input (at -0x1.f19612p+1) */
    AB_VARIANT("stable", AB_STABLE, "scalar", 4.5, "x*sigmoid(v), v=2sqrt(2/pi)x(1+0.044715x^2) in double, e^(vh+vl)=e^vh(1+vl); max(min f, y)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 4.5, "x*sigmoid(v), v=2sqrt(2/pi)x(1+0.044715x^2) double-double (FMA), e^(vh+vl)=e^vh(1+vl)", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 256, "x*ab_sigmoid_approx_f32(2sqrt(2/pi)x(1+0.044715x^2))", approx_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_RANGE,
               "x sigmoid_approx(...) " AB_WHY_ZERO "; range: 238 outputs below gelu_tanh's "
               "minimum around x = -0x1.816376p-1 (every f32 input, 2026-11-30): the "
               "approximation's error, not clamped"),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 2048, "x*ab_sigmoid_approx_f64(2sqrt(2/pi)x(1+0.044715x^2))", approx_f64_batch,
               AB_FAIL_ZERO,
               "x sigmoid_approx(...) " AB_WHY_ZERO),
};

/* naive's 1 + tanh cancels for x < 0 and is 0 below about -4.3 / -6.5;
 * gelu_tanh underflows to -0 below -10.77 / -21.55; stable returns x
 * above 6 / 8 and -0 below -11 / -22. */
static const ab_range ranges[] = {
    {"neg_tail", -11, -3, -22, -3},
    {"saturation", 3, 9, 5, 10},
};

static const ab_activation gelu_tanh = {
    .name = "gelu_tanh",
    .description = "x/2 * (1 + tanh(sqrt(2/pi)(x + 0.044715x^3)))",
    .reference = ab_ref_gelu_tanh,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.58aaf4p3, -11, 6),
    AB_THRESHOLDS64(-0x1.58c0d225444bcp4, -22, 8),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_gelu_tanh,
    /* the minimum (reference/gelu_tanh.h); x/2 (1 + t) + x/2 (1 - t) = x
     * with t = tanh(odd u(x)). */
    .props = AB_PROPS(AB_RANGE2(AB_GELU_TANH_MIN32, INFINITY, AB_GELU_TANH_MIN64, INFINITY), 0, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(gelu_tanh)
