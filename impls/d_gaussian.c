/* d_gaussian: the derivative of gaussian(x) = e^(-x^2),
 * gaussian'(x) = -2x e^(-x^2) (odd): variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_gaussian.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: reverse mode through the seed article's np.exp(-x * x)
 * (impls/gaussian.c's naive), incoming gradient 1, derivatives.yaml:
 *   forward  n = x * x; m = -n; y = exp(m)
 *   ExpBackward  gm = y            (grad * result)
 *   NegBackward  gn = -gm
 *   MulBackward  (x used twice) gx = gn * x + gn * x
 * x * x rounds (relative 2^-24 / 2^-53), an absolute error of x^2 2^-24
 * in exp's argument: relative error ~ x^2 / 2 ulps in the result (about
 * 40 ulps at x = 9, f32); and y = e^-x^2 is a subnormal from |x| = 9.36 /
 * 26.6 on, while the result 2|x| y is still normal there: the subnormal's
 * absolute rounding is multiplied by 2|x|. */
#define NAIVE(T, EXP)                                                      \
    T n = x * x, m = -n, y = EXP(m);                                       \
    T gm = (T)1 * y, gn = -gm;                                             \
    return gn * x + gn * x;
static float naive_f32(float x) { NAIVE(float, expf) }
static double naive_f64(double x) { NAIVE(double, exp) }
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float n = R(x * x), m = -n, y = R(expf(m));
    float gm = R(1.0f * y), gn = -gm;
    return R(R(gn * x) + R(gn * x));
}
AB_PEROP_DEFINE(perop)

/* from-output: no framework ships a gaussian; its backward from the saved
 * output is exp's own rule (derivatives.yaml: grad * result), then the
 * product's, i.e. -2 x y on y = the forward computed the stable way
 * (impls/gaussian.c: hi = x*x, lo = fma(x,x,-hi), t = exp(-hi), y = t - t lo).
 * y is correctly rounded to about an ulp, but it is subnormal from |x| =
 * 9.36 / 26.6 while -2 x y is normal up to 9.4 / 26.7 (f32 / f64): the
 * output's underflow is inherited, times 2|x|. */
static float gauss_f32(float x) {
    float hi = x * x, lo = fmaf(x, x, -hi), t = expf(-hi);
    return t - t * lo;
}
static double gauss_f64(double x) {
    double hi = x * x, lo = fma(x, x, -hi), t = exp(-hi);
    return t - t * lo;
}
static float from_output_f32(float x) { return -2.0f * x * gauss_f32(x); }
static double from_output_f64(double x) { return -2.0 * x * gauss_f64(x); }

/* stable: x^2 = hi + lo exactly (fma), e^-(hi+lo) = e^-hi (1 - lo) to
 * lo^2 < 2^-80 relative (|lo| <= ulp(hi)/2 <= 2^-43 for |x| < 28), so exp's
 * argument is exact.  f32: in double (x^2 of a float is exact in double,
 * lo = 0; exp(-hi) normal down to e^-784; relative error ~2^-52), rounded
 * once.  f64: in long double (x86 80-bit, u = 2^-64): expl(-hi) within ~2u,
 * the products u each, so the long double value is within 2^-61 relative
 * and the final rounding (the only one into the subnormals, since
 * long double's exponent range holds e^-784) dominates: 1/2 + 2^-8 ulp.
 * |x| > 28: |f| < 56 e^-784 < 2^-1100: a zero with the sign of -x (covers
 * +-inf, where the formula would give inf * 0).  +-0 gives -2(+-0) = -+0,
 * NaN propagates. */
static float stable_f32(float x) {
    if (fabsf(x) > 28.0f) return copysignf(0.0f, -x);
    double X = x;
    return (float)(-2.0 * X * exp(-(X * X)));
}
static double stable_f64(double x) {
    if (fabs(x) > 28.0) return copysign(0.0, -x);
    double hi = x * x, lo = fma(x, x, -hi);
    long double X = x;
    return (double)(-2.0L * X * expl(-(long double)hi) * (1.0L - (long double)lo));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of expf(-x*x): gn*x+gn*x, gn=-expf(-x*x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of exp(-x*x): gn*x+gn*x, gn=-exp(-x*x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(gn*x)+R(gn*x)), gn=-R(exp(-R(x*x)))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "exp backward grad*result: -2x*y, y = stable gaussian (t-t*lo, t=expf(-hi))", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "exp backward grad*result: -2x*y, y = stable gaussian (t-t*lo, t=exp(-hi))", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "(float)(-2x*exp(-x^2)) in double", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "long double: -2x*expl(-hi)*(1-lo), x^2=hi+lo by fma", stable_f64_batch),
};

/* e^-x^2 becomes subnormal from |x| = sqrt(126 ln 2) = 9.345 (f32) /
 * sqrt(1022 ln 2) = 26.62 (f64) while -2x e^-x^2 is normal a little
 * further; the result underflows to zero beyond about 10.2 / 27.3. */
static const ab_range ranges[] = {
    {"underflow", 8, 10.5, 25, 27.5},
    {"neg_underflow", -10.5, -8, -27.5, -25},
};

static const ab_activation d_gaussian = {
    .name = "d_gaussian",
    .description = "derivative of gaussian: -2x e^(-x^2)",
    .reference = ab_ref_d_gaussian,
    .fast32 = ab_fast32_d_gaussian,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* 0x1.2b0a4p3 ~ sqrt(126 ln 2) = 9.3454 (e^-x^2 subnormal, f32),
     * 0x1.a9e2ep4 ~ sqrt(1022 ln 2) = 26.617 (f64); -+0.70710678 = the
     * extremes; 28, where stable flushes. */
    AB_THRESHOLDS32(0x1.2b0a4p3, -0x1.2b0a4p3, 0x1.6a09e6p-1, -0x1.6a09e6p-1, 28),
    AB_THRESHOLDS64(0x1.a9e2ep4, -0x1.a9e2ep4, 0x1.6a09e667f3bcdp-1, -0x1.6a09e667f3bcdp-1, 28),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* f' = (4x^2 - 2) e^-x^2 = 0 at -+1/sqrt2: extremes -+sqrt2 e^-1/2 =
     * -+0.85776388496070679648 (mpmath), rounded outward; odd. */
    .props = AB_PROPS(AB_RANGE2(-0x1.b72cd4p-1, 0x1.b72cd4p-1, -0x1.b72cd3f331399p-1, 0x1.b72cd3f331399p-1),
                      0, AB_SYM_ODD, 0),
};
AB_REGISTER(d_gaussian)
