/* d_silu: the derivative of silu(x) = x sigmoid(x),
 * silu'(x) = s (1 + x (1 - s)), s = sigmoid(x): variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_silu.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <float.h>
#include <math.h>

/* naive: reverse-mode autodiff of silu's naive forward x / (1 + exp(-x))
 * (impls/silu.c), incoming gradient 1, PyTorch's backward rules:
 *   forward  n = -x; e = exp(n); d = 1 + e; y = x / d
 *   DivBackward   gx1 = g/d;  gd = -g*x/(d*d)
 *   AddBackward   ge = gd
 *   ExpBackward   gn = ge*e            (g * result)
 *   NegBackward   gx2 = -gn
 *   dx = gx1 + gx2
 * Below -88.72 (f32) e = inf: d*d = inf, gd = 0 and gn = 0*inf = NaN;
 * just above, d*d overflows first and gd = +-0, so dx = 1/d > 0 where
 * silu' < 0 (x < -1.28): the sign is wrong from about -44.4 (f32). */
#define NAIVE(T, EXP)                                                      \
    T n = -x, e = EXP(n), d = (T)1 + e;                                    \
    T gx1 = (T)1 / d, gd = -((T)1 * x) / (d * d);                         \
    T gn = gd * e, gx2 = -gn;                                              \
    return gx1 + gx2;
static float naive_f32(float x) { NAIVE(float, expf) }
static double naive_f64(double x) { NAIVE(double, exp) }
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float n = -x, e = R(expf(n)), d = R(1.0f + e);
    float gx1 = R(1.0f / d), gd = R(-R(1.0f * x) / R(d * d));
    float gn = R(gd * e), gx2 = -gn;
    return R(gx1 + gx2);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's silu_backward (aten/src/ATen/native/cpu/
 * Activation.cpp): sigmoid = 1/(1 + exp(-x)); dy * sigmoid * (1 + x *
 * (1 - sigmoid)), in the tensor's precision.  exp(-x) overflows below
 * -88.72 / -709.78, sigmoid is 0 and so is the result, where silu' is
 * a (negative) subnormal down to -103 / -745; near the zero crossing
 * 1 + x (1 - sigmoid) cancels (the rounding of 1 - sigmoid and x (...)). */
#define FROM_OUTPUT(T, EXP)                                                \
    T s = (T)1 / ((T)1 + EXP(-x));                                         \
    return (T)1 * s * ((T)1 + x * ((T)1 - s));
static float from_output_f32(float x) { FROM_OUTPUT(float, expf) }
static double from_output_f64(double x) { FROM_OUTPUT(double, exp) }

/* jax-xla-ftz: jax.grad(jax.nn.silu) as XLA's CPU backend runs it (jax
 * issue #39798): silu = x * logistic(x), logistic's JVP g * s * (1 - s),
 * so dx = s + x * (s * (1 - s)), with s = e/(1 + e), e = exp(x), for
 * x < 0; XLA CPU runs with denormals flushed to zero (FTZ/DAZ), emulated
 * here by flushing every subnormal intermediate.  At x = -709 (f64) e =
 * exp(-709) = 1.2e-308 is subnormal, flushed, and the gradient is 0 where
 * silu'(-709) = -8.6e-306 is a normal number. */
static float ftz_f32(float v) { return fabsf(v) < FLT_MIN ? 0.0f * v : v; }
static double ftz_f64(double v) { return fabs(v) < DBL_MIN ? 0.0 * v : v; }
static float jax_f32(float x) {
    float e = ftz_f32(expf(-fabsf(x)));
    float s = ftz_f32(x < 0 ? e / (1.0f + e) : 1.0f / (1.0f + e));
    return s + x * ftz_f32(s * (1.0f - s));
}
static double jax_f64(double x) {
    double e = ftz_f64(exp(-fabs(x)));
    double s = ftz_f64(x < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e));
    return s + x * ftz_f64(s * (1.0 - s));
}

/* stable f64: in long double (x86 80-bit, 64-bit significand, u = 2^-64),
 * rounded once to double (f32: the same in double, below).  With e = exp(-|x|) (no overflow):
 *   x < 0:  silu' = e g / (1 + e)^2, g = 1 + x + e   (s = e/(1+e), 1 - s = 1/(1+e))
 *   x >= 0: silu' = (1 + m + x m) / (1 + m)^2, m = e  (all terms positive)
 * g cancels at the zero crossing x0 = -1.27846454276107379510935873902
 * (1 + x0 + e^x0 = 0): 1 + x + e^x with e^x off by one rounding is off by
 * 0.28 u absolutely, i.e. relatively unbounded as x -> x0 (that was the
 * 1.5e15 ULP of the plain f64 formula).  The identity, exact for every x,
 *   g(x0 + t) = t + E0 (e^t - 1),  E0 = e^x0 = -(1 + x0) = 0.27846...,
 * has no cancellation: t and expm1(t) share a sign and E0 > 0.  It is used
 * on [-2.5, -0.65], where t = (x - X0H) - X0L: x - X0H is exact (Sterbenz,
 * X0H/2 >= x >= 2 X0H), X0H + X0L = x0 to 2^-117, and the double nearest x0
 * (X0H itself, 0.49 ulp away: mpmath) keeps |t| >= 2^-54, so t is within
 * 2u + 2^-63 relative.  Error budget of the long double value, relative:
 * t 2^-63, expm1l and expl ~1 ulp each (glibc: <= 2u), E0's product u, the
 * same-sign sum u, 1 + e, the square and the quotient 3u: below 16u =
 * 2^-60, so the result is within 1/2 + 2^-7 ulp in f64 (one rounding
 * from long double; into the subnormals too, since
 * long double's exponent range holds e^-760 normal: no scaling needed).
 * Outside [-2.5, -0.65], 1 + x + e does not cancel: x < -2.5 gives
 * |1 + x| > 1.5 > 20 e; x in (-0.65, 0) gives 1 + x > 0.35, e > 0.
 * 1 + x is exact for |x| in [2.5, 2^11) (62 bits) and within u elsewhere.
 * Below -760 |silu'| < 761 e^-760 < 2^-1085: -0 (covers -inf).  Above 45
 * 0 < silu' - 1 < x e^-x < 2^-58: 1 (covers +inf).  NaN fails every
 * comparison and propagates through expl. */
#define X0H (-0x1.474973c84120bp+0)
#define X0L (-0xfc6ba5e4d60aa289p-117L)
#define E0 (0x8e92e79082416fc7p-65L)
static long double stable_ld(double x) {
    if (x > 45.0) return 1.0L;
    if (x < -760.0) return -0.0L;
    long double e = expl(-fabsl((long double)x)), d = 1.0L + e;
    if (!(x < 0)) return (1.0L + e + (long double)x * e) / (d * d);
    long double g;
    if (x >= -2.5 && x <= -0.65) {
        long double t = (long double)(x - X0H) - X0L;
        g = t + E0 * expm1l(t);
    } else {
        g = (1.0L + (long double)x) + e;
    }
    return e * g / (d * d);
}
static double stable_f64(double x) { return (double)stable_ld(x); }

/* stable f32: the same formulas in double (u = 2^-53), rounded once to
 * float (ulp 2^-23 relative at most).  A double value within r relative
 * rounds to within 1/2 + r 2^24 ulp, so the 2^29 between the formats has
 * room for every libm error and every bounded cancellation: exp and expm1
 * (<= 1 ulp each), t (2u + 2^-107 / |t|), the products, sums and quotient
 * (~8u), times the cancellation of 1 + x + e outside the window, at most
 * 1.12 (at -2.5; mpmath): below 2^-48, i.e. 1/2 + 2^-24 ulp.  Near x0 the
 * window is still needed: there 1 + x + e keeps e's rounding, 2^-54
 * absolute, against |g| ~ 1.28 |t|, and the float nearest x0 is 2^-26.2
 * away: 2^-28 relative, 0.06 ulp of the float (and nothing bounds |t|
 * from below in general); t + E0 expm1(t) keeps the error relative to t.
 * x < -110: |silu'| < 2^-151.9 (mpmath), below half the least float
 * subnormal, so -0 is the rounded value (covers -inf; e stays a normal
 * double above it). */
#define X0L_D (-0x1.f8d74bc9ac154p-54)  /* X0L rounded: X0H + X0L_D = x0 to 2^-107 */
#define E0_D (0x1.1d25cf210482ep-2)
static float stable_f32(float xf) {
    double x = xf;
    if (x > 45.0) return 1.0f;
    if (x < -110.0) return -0.0f;
    double e = exp(-fabs(x)), d = 1.0 + e;
    if (!(x < 0)) return (float)((1.0 + e + x * e) / (d * d));
    double g;
    if (x >= -2.5 && x <= -0.65) {
        double t = (x - X0H) - X0L_D;
        g = t + E0_D * expm1(t);
    } else {
        g = (1.0 + x) + e;
    }
    return (float)(e * g / (d * d));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(jax)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x/(1+expf(-x)): 1/d - (-(x)/(d*d))*e, e=expf(-x), d=1+e", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of x/(1+exp(-x)): 1/d - (-(x)/(d*d))*e, e=exp(-x), d=1+e", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(1/d) - R(R(-x/R(d*d))*e)), e=R(exp(-x)), d=R(1+e)"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch silu_backward: s*(1+x*(1-s)), s=1/(1+expf(-x))", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch silu_backward: s*(1+x*(1-s)), s=1/(1+exp(-x))", from_output_f64_batch),
    AB_VARIANT("jax-xla-ftz", AB_NAIVE, "scalar", INFINITY, "jax.grad(jax.nn.silu) on XLA CPU: s+x*(s*(1-s)), s=logistic(x), subnormals flushed (jax #39798)", jax_f32_batch),
    AB_VARIANT("jax-xla-ftz", AB_NAIVE, "scalar", INFINITY, "jax.grad(jax.nn.silu) on XLA CPU: s+x*(s*(1-s)), s=logistic(x), subnormals flushed (jax #39798)", jax_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "double: x<0 ? e g/(1+e)^2, g=1+x+e (near x0: t+E0 expm1(t), t=x-x0) : (1+e+xe)/(1+e)^2, e=exp(-|x|)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "long double: x<0 ? e g/(1+e)^2, g=1+x+e (near x0: t+E0 expm1(t), t=x-x0) : (1+e+xe)/(1+e)^2, e=expl(-|x|)", stable_f64_batch),
};

/* naive's e^-x overflows below -88.72 / -709.78 (NaN), and d*d already
 * below -44.36 / -354.89 (wrong sign); from-output's sigmoid is 0 below
 * -88.72 / -745.13; silu' underflows to -0 below about -103.3 / -745;
 * the zero crossing x0 = -1.2784645427610738; stable switches to
 * t = x - x0 on [-2.5, -0.65], saturates at 45 and flushes below -760. */
static const ab_range ranges[] = {
    {"neg_tail", -110, -40, -765, -340},
    {"crossing", -1.5, -1.1, -1.5, -1.1},
    {"saturation", 10, 50, 30, 50},
};

static const ab_activation d_silu = {
    .name = "d_silu",
    .description = "derivative of silu: s(1 + x(1 - s)), s = sigmoid(x)",
    .reference = ab_ref_d_silu,
    .fast32 = ab_fast32_d_silu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* -0x1.62e43p6 = ln(FLT_MAX) rounded up (exp overflow), -0x1.62e43p5
     * its half (d*d overflow), -0x1.474974p0 the float next to x0; f64 the
     * same, -709 the jax #39798 input; -110 where stable f32 flushes. */
    AB_THRESHOLDS32(-0x1.62e43p6, -0x1.62e43p5, -0x1.474974p0, -2.5, -0.65, 45, -110),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, -0x1.62e42fefa39efp8, -0x1.474973c84120cp+0, -0x1.474973c84120bp+0, -709, -2.5, -0.65, 45, -760),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* silu'(x) + silu'(-x) = 1 (differentiate silu(x) - silu(-x) = x), so
     * silu'' = s(1-s)(2 + x(1-2s)) is even and the extremes are
     * 1.09983932012886691696 at x = 2.39935728051546767 and 1 minus that at
     * -2.3994 (mpmath, 50 digits), rounded outward in each format. */
    .props = AB_PROPS(AB_RANGE2(AB_D_SILU_MIN32, AB_D_SILU_MAX32, AB_D_SILU_MIN64, AB_D_SILU_MAX64),
                      0, AB_SYM_SUM, 1),
};
AB_REGISTER(d_silu)
