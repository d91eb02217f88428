/* fast32_more.c: the certified binary64 tier (ab_fast32_fn, fast32.h) of
 * erf, erfc, gelu, gelu_tanh, softsign, multiquadric, inv_multiquadric and
 * the piecewise-linear activations.  Definitions and special values are
 * those of the MPFR references (reference/erf.c, erfc.c, gelu.c,
 * gelu_tanh.c, softsign.c, multiquadric.c, inv_multiquadric.c,
 * piecewise.c).
 *
 * Notation: u = 2^-53.  x is a float's value: 24 significant bits and
 * 2^-149 <= |x| <= FLT_MAX < 2^128 when finite and nonzero, so x, x/2 and
 * x*x (48 bits, 2^-298 .. 2^256) are exact doubles, far from binary64's
 * underflow and overflow.  A correctly rounded +, -, *, /, sqrt of a
 * nonzero result r (no underflow) has |fl(r) - r| <= u |r| and also
 * <= u |fl(r)|.  A glibc libm call is trusted to AB_LIBM_ULP ulps of its
 * result: ab_ulps(r, AB_LIBM_ULP), i.e. relative 4 * 2^-52 = 8u for a
 * normal result; every libm result used below is normal or handled apart.
 * Each bound is the derived one times at least 2 (the margin is free: only
 * the f32 rounding is decided from it).
 *
 * Far tails below binary64's range (erfc for x >= 26, gelu for x <= -37,
 * gelu_tanh for x < about -21.4): 0 < |f(x)| < T = 2^-900, and the tier
 * returns v = +-0 with f's direction (AB_FAST_ABOVE / AB_FAST_BELOW) and
 * err = T: the decision is the zero of f's sign.
 *
 * Near-midpoints at tiny x (gelu, gelu_tanh, hard_swish): f(x) = x/2 +
 * g(x) with 0 < g(x) <= c x^2 for every x != 0 in the range used (proven
 * at each function).  For |x| < 2^-125 with an odd significand, x/2 is an
 * f32 rounding midpoint and f(x) lies far less than a double ulp above
 * it, so no bound decides it; for |x| < 2^-64 the tier answers v = x/2
 * (exact), AB_FAST_ABOVE, err = c x^2 (x^2 exact: 48 bits, >= 2^-298;
 * c a power of two) plus a slack (half_above), which decides them and
 * every other tiny x.
 *
 * Exact ties: a few piecewise results are exactly f32 rounding midpoints
 * (hard_sigmoid(3 k 2^-24) = 1/2 + k 2^-25, ...).  A bound err > 0 never
 * decides those, so when v looks like a midpoint (its low 29 bits are
 * 1 followed by zeros) the code proves v exact with fma residuals and then
 * returns err = 0. */
#include "fast32.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define U 0x1p-53
#define TAIL 0x1p-900

#define NAN_IN(x, v, err) \
    if (isnan(x)) { *(v) = (x); *(err) = 0; return 1; }

/* Exact values and the relative bounds k u |v|. */
static inline int exact(double r, double *v, double *err) {
    *v = r;
    *err = 0;
    return 1;
}
static inline int rel(double r, double k, double *v, double *err) {
    *v = r;
    *err = k * U * fabs(r);
    return 1;
}

/* v's double bits have the pattern of an f32 rounding midpoint in f32's
 * normal range: a cheap filter before the exactness proofs (which are
 * needed only there; missing a tie elsewhere costs a fallback, never a
 * wrong answer). */
static inline int looks_like_tie(double v) {
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return (b & 0x1fffffffu) == 0x10000000u;
}

/* x/2 < f(x) <= x/2 + c x^2 (the top; c a power of two, so c x^2 is
 * exact): err = fl(c x^2 + |x| 2^-60) >= c x^2, the added term being more
 * than u times the sum.  The slack 2^-59 |v| serves the certification
 * only: tests/fast32_check.c compares (v, err) with the MPFR reference's
 * value, which carries errors up to about 2^-62 relative.  It costs no
 * decision: x/2 is an f32 value or midpoint, and every value within
 * 2^-24 |v| above it rounds as those just above it do. */
static inline int half_above(double x, double c, double *v, double *err) {
    *v = x / 2;
    *err = c * (x * x) + fabs(x) * 0x1p-60;
    return AB_FAST_ABOVE;
}

/* ---- Piecewise-linear (piecewise.c): copies and clamps are exact. ---- */

int ab_fast32_identity(double x, double *v, double *err) {
    return exact(x, v, err); /* NaN, +-inf, +-0 copied */
}

/* numpy.heaviside(x, 1): +0 for x < 0, 1 for x >= 0 (H(-0) = 1). */
int ab_fast32_binary_step(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    return exact(x < 0 ? 0.0 : 1.0, v, err);
}

/* maximum(x, +0): relu(-0) = +0. */
int ab_fast32_relu(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    return exact(x > 0 ? x : 0.0, v, err);
}

int ab_fast32_relu6(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    return exact(x <= 0 ? 0.0 : x >= 6 ? 6.0 : x, v, err);
}

/* clamp(x, -1, 1), the sign of zero kept. */
int ab_fast32_hard_tanh(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    return exact(x <= -1 ? -1.0 : x >= 1 ? 1.0 : x, v, err);
}

/* x for x >= 0 (-0 -> -0), x/100 for x < 0 with the slope the exact
 * decimal 1/100.  Dividing by the exact double 100 rounds once:
 * |v - x/100| <= u |v|; bound 2u |v|.  |x/100| >= 2^-156: no underflow.
 * x/100 is dyadic only when 25 divides x's integer significand, and then
 * has at most 24 bits: never an f32 midpoint in f32's normal range, but
 * in its subnormal range (|v| < 2^-126) x = -(2k + 1) 50 2^-149 gives the
 * midpoint -(k + 1/2) 2^-149.  There v is proven exact by a zero fma
 * residual v * 100 - x. */
int ab_fast32_leaky_relu(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x >= 0 || isinf(x)) return exact(x >= 0 ? x : -INFINITY, v, err);
    double r = x / 100;
    if (r > -0x1p-126 && fma(r, 100, -x) == 0) return exact(r, v, err);
    return rel(r, 2, v, err);
}

/* relu6(x + 3) / 6: +0 for x <= -3, 1 for x >= 3.  Between, s = x + 3 > 0
 * rounds once (relative u; exact unless |x| < 2^-29) and s / 6 once:
 * |v - f| <= (2u + u^2) |f| <= 2.01u |v|; bound 5u |v|.  v >= 2^-22/6
 * (the float above -3 is -3 + 2^-22): normal.  Exact ties: s is exact iff
 * s - 3 == x (Fast2Sum, |3| >= |x|: s - 3 is computed exactly), and s / 6
 * is iff the fma residual v * 6 - s is zero. */
int ab_fast32_hard_sigmoid(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x <= -3) return exact(0.0, v, err);
    if (x >= 3) return exact(1.0, v, err);
    double s = x + 3, r = s / 6;
    if (looks_like_tie(r) && s - 3 == x && fma(r, 6, -s) == 0) return exact(r, v, err);
    return rel(r, 5, v, err);
}

/* x relu6(x + 3) / 6: +0 for x <= -3 (and -inf), x for x >= 3 (and +inf),
 * +-0 for +-0.  Between: s = x + 3 (u, exact as above), p = x s (u), v =
 * p / 6 (u), all products and quotients of nonzero values without
 * underflow (|p| >= 2^-149 * 2^-22): |v - f| <= ((1+u)^3 - 1)|f| <=
 * 3.01u |v|; bound 7u |v|.  Exact ties as in hard_sigmoid, plus the
 * product: p exact iff fma(x, s, -p) == 0.
 * |x| < 2^-64 (the top): f = x (x + 3)/6 = x/2 + x^2/6, so x/2 < f <=
 * x/2 + x^2/4: v = x/2, above, err = x^2/4. */
int ab_fast32_hard_swish(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x <= -3) return exact(0.0, v, err);
    if (x >= 3 || x == 0) return exact(x, v, err);
    if (fabs(x) < 0x1p-64) return half_above(x, 0.25, v, err);
    double s = x + 3, p = x * s, r = p / 6;
    if (looks_like_tie(r) && s - 3 == x && fma(x, s, -p) == 0 && fma(r, 6, -p) == 0)
        return exact(r, v, err);
    return rel(r, 7, v, err);
}

/* ---- Algebraic (softsign.c, multiquadric.c, inv_multiquadric.c) ---- */

/* x / (1 + |x|); +-0 -> +-0, +-inf -> +-1.  d = 1 + |x| adds positives
 * (u), the quotient rounds (u): v = f (1 + d2)/(1 + d1), relative
 * <= 2u/(1 - u) <= 2.01u; bound 5u |v|.  For |x| >= 2^53, d = |x| and
 * v = +-1 with f = +-(1 - 1/(1+|x|)): covered.  f is dyadic only for
 * x = +-(2^j - 1), where it is 1 - 2^-j, a float: no exact ties. */
int ab_fast32_softsign(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (isinf(x)) return exact(x > 0 ? 1.0 : -1.0, v, err);
    return rel(x / (1 + fabs(x)), 5, v, err); /* x = +-0: +-0, err 0 */
}

/* sqrt(x^2 + 1); +-inf -> +inf.  x^2 exact, s = x^2 + 1 (u), sqrt: v =
 * sqrt(x^2 + 1) sqrt(1 + d1) (1 + d2), relative <= u/2 + u + u^2 <= 1.51u;
 * bound 4u |v|.  |x| <= FLT_MAX: s <= 2^256, no overflow.  The one exact
 * tie is x = +-(2^24 - 1) 2^-13, v = (2^24 + 1) 2^-13: s is exact iff
 * Fast2Sum's s - max(x^2, 1) == min(x^2, 1), sqrt iff v^2 - s == 0. */
int ab_fast32_multiquadric(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (isinf(x)) return exact(INFINITY, v, err);
    double x2 = x * x, s = x2 + 1, r = sqrt(s);
    if (looks_like_tie(r) && (x2 >= 1 ? s - x2 == 1 : s - 1 == x2) && fma(r, r, -s) == 0)
        return exact(r, v, err);
    return rel(r, 4, v, err);
}

/* 1 / sqrt(x^2 + 1); +-inf -> +0.  s (u, halved by the sqrt), sqrt (u), the
 * quotient (u): relative <= u/2 + 2u + 2u^2 <= 2.51u; bound 6u |v|.
 * v >= 2^-128.1: normal.  f is dyadic only at x = 0 (v = 1): no ties. */
int ab_fast32_inv_multiquadric(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (isinf(x)) return exact(0.0, v, err);
    return rel(1 / sqrt(x * x + 1), 6, v, err);
}

/* ---- erf, erfc (erf.c, erfc.c) ---- */

/* libm erf: |v - erf(x)| <= ab_ulps(v, 4); bound twice that.  erf(+-0) =
 * +-0 and erf(+-inf) = +-1 exactly (C99 Annex F).  |erf(x)| >= 1.12 *
 * 2^-149: normal.  For |x| >= 6, v = +-1 and erf = +-(1 - e), e < 2^-53:
 * covered. */
int ab_fast32_erf(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x == 0) return exact(x, v, err);
    if (isinf(x)) return exact(x > 0 ? 1.0 : -1.0, v, err);
    double r = erf(x);
    *v = r;
    *err = 2 * ab_ulps(r, AB_LIBM_ULP);
    return 1;
}

/* libm erfc: bound twice ab_ulps(v, 4).  erfc(-inf) = 2, erfc(+inf) = +0,
 * erfc(+-0) = 1 exactly.  For x < 26 the result is above 2^-990 (normal).
 * For x >= 26: 0 < erfc(x) < e^(-x^2)/(x sqrt(pi)) <= e^-676/46 < 2^-980,
 * so v = +0, above, err = T = 2^-900 (the far tail, see the top). */
int ab_fast32_erfc(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x == 0) return exact(1.0, v, err);
    if (isinf(x)) return exact(x > 0 ? 0.0 : 2.0, v, err);
    if (x >= 26) { *v = 0; *err = TAIL; return AB_FAST_ABOVE; }
    double r = erfc(x);
    *v = r;
    *err = 2 * ab_ulps(r, AB_LIBM_ULP);
    return 1;
}

/* ---- gelu (gelu.c): x/2 erfc(-x/sqrt2) ----
 * +-0 -> +-0, +inf -> +inf, -inf -> -0.
 * w = -x/sqrt2 is computed as wc = -(x * c), c = M_SQRT1_2 = (1/sqrt2)(1 +
 * dc), |dc| <= u, and the product rounds once: wc = w (1 + eta), |eta| <=
 * 2u + u^2 <= 2.01u.  The libm value E = erfc(wc)(1 + e1), |e1| <= 8u.
 * The argument error: d/dw ln erfc(w) = -2 e^(-w^2) / (sqrt(pi) erfc(w)),
 * so |ln erfc(wc) - ln erfc(w)| <= max over xi in [w, wc] of that times
 * |w eta|:
 *  - w < 0 (x > 0): erfc(xi) > 1, and |w| e^(-xi^2) <= |w| e^(-w^2 (1 -
 *    |eta|)^2) <= 1/((1 - |eta|) sqrt(2e)) < 0.43: the change is at most
 *    (2/sqrt(pi)) 0.43 |eta| < 0.49 |eta| < u;
 *  - w > 0 (x < 0): from erfc(xi) > 2 e^(-xi^2)/(sqrt(pi)(xi + sqrt(xi^2
 *    + 2))), the factor is below xi + sqrt(xi^2 + 2) <= 2 xi + sqrt2, xi <=
 *    w (1 + |eta|): the change is at most (2 w^2 (1 + |eta|) + sqrt2 w)
 *    |eta| <= (x^2 + |x| + 1) 2.01u (2 w^2 = x^2, sqrt2 w = |x|); for
 *    -37 < x < 0 that is below 2^-40, so e^D - 1 <= 1.01 D.
 * Then v = (x/2) E rounds once (x/2 exact): relative u.
 * Total: (1 + 8u)(1 + 1.01 D)(1 + u) - 1 <= 9.01u + 1.02 D, i.e. 11u for
 * x > 0 (bound 24u |v|) and 9.01u + 2.06 (x^2 + |x| + 1) u <= 2.1 (x^2 +
 * |x| + 6) u for x < 0 (bound 4.2 (x^2 + |x| + 6) u |v|).  No underflow:
 * E >= 1 for x > 0; for -1 <= x < 0, E >= erfc(0.71) > 0.3 and |v| >
 * 2^-152; for -37 < x < -1, |v| >= E/2 >= erfc(26.17)/2 > 2^-996.
 * Far tail x <= -37: 0 < -f = (|x|/2) erfc(|x|/sqrt2) < e^(-x^2/2)/
 * sqrt(2 pi) <= e^-684.5 / 2.5 < 2^-988: v = -0, below, err = T.
 * |x| < 2^-64 (the top): f = x/2 + (x/2) erf(x/sqrt2), and erf(y) has
 * y's sign with |erf y| <= (2/sqrt(pi)) |y| (erf' <= 2/sqrt(pi)), so
 * 0 < f - x/2 <= x^2/sqrt(2 pi) < x^2/2: v = x/2, above, err = x^2/2. */
int ab_fast32_gelu(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x == 0) return exact(x, v, err);
    if (isinf(x)) return exact(x > 0 ? x : -0.0, v, err);
    if (x <= -37) { *v = -0.0; *err = TAIL; return AB_FAST_BELOW; }
    if (fabs(x) < 0x1p-64) return half_above(x, 0.5, v, err);
    double E = erfc(-(x * M_SQRT1_2)), r = (0.5 * x) * E;
    *v = r;
    *err = x > 0 ? 24 * U * fabs(r) : 4.2 * (x * x - x + 6) * U * fabs(r);
    return 1;
}

/* ---- gelu_tanh (gelu_tanh.c): x/2 (1 + tanh(sqrt(2/pi)(x + 0.044715
 * x^3))) = x sigmoid(t), t = K x (1 + b x^2), K = 2 sqrt(2/pi), b the
 * decimal 0.044715 (1 + tanh(y) = 2 sigmoid(2y): no cancellation).
 * +-0 -> +-0, +inf -> +inf, -inf -> -0.
 * t: Kd = fl(K), bd = fl(b) (u each), x^2 exact, q = bd x^2 (u), r = 1 + q
 * (positive sum: r's relative error is at most q's, 2u + u^2, plus u),
 * s = x r (u), tc = Kd s (u): tc = t (1 + th), |th| <= 6.01u.  No
 * overflow: |t| < 2^381.
 * x > 0: v = x / (1 + e), e = exp(-tc) (8u relative while e is normal; for
 * tc > 708, e < 2^-1021 and 1 + e rounds to 1 with relative error below
 * 2^-1000 whatever e is).  d/dt ln sigmoid(t) = 1 - sigmoid(t) < e^-t, so
 * the argument error changes ln f by at most |t th| e^(-t(1 - |th|)) <=
 * |th|/(e (1 - |th|)) < 0.37 |th| < 2.3u; e's error moves 1 + e by at
 * most 8u e/(1 + e) <= 4u; the sum and the quotient u each: under 8.4u,
 * bound 20u |v|.
 * x < 0: v = x e / (1 + e), e = exp(tc), tc < 0.  1 - sigmoid < 1: the
 * argument error costs at most |t| |th| <= 6.02u |tc| (relative, e^D - 1
 * <= 1.01 D below); e's 8u enters the numerator (8u) and 1 + e (4u); the
 * product, the sum and the quotient u each: under 15.1u + 6.1u |tc|,
 * bound (32 + 13 |tc|) u |v|.  No underflow: for -1 <= x < 0, tc >
 * -1.7, e > 0.18 and |v| > |x|/12 > 2^-153; for x < -1 and tc >= -700,
 * e > 2^-1010 and |v| >= e/2 > 2^-1011.
 * Far tail tc < -700: the true t < -699, so |x| > 21 and 0 < -f < |x| e^t
 * <= 21.4 e^-699 < 2^-1004 (|x| e^t decreases in |x| there): v = -0,
 * below, err = T.
 * |x| < 2^-64 (the top): f = x/2 + (x/2) tanh(y), y = sqrt(2/pi)(x +
 * 0.044715 x^3) of x's sign with |y| <= 0.8 |x| (1 + x^2/20) < |x|, and
 * |tanh y| <= |y|: 0 < f - x/2 < x^2/2: v = x/2, above, err = x^2/2. */
#define GELU_TANH_K 0x1.9884533d43651p+0 /* 2 sqrt(2/pi) = 1.5957691216057308 */
int ab_fast32_gelu_tanh(double x, double *v, double *err) {
    NAN_IN(x, v, err);
    if (x == 0) return exact(x, v, err);
    if (isinf(x)) return exact(x > 0 ? x : -0.0, v, err);
    if (fabs(x) < 0x1p-64) return half_above(x, 0.5, v, err);
    double tc = GELU_TANH_K * (x * (1 + 0.044715 * (x * x)));
    if (x > 0) return rel(x / (1 + exp(-tc)), 20, v, err);
    if (tc < -700) { *v = -0.0; *err = TAIL; return AB_FAST_BELOW; }
    double e = exp(tc), r = (x * e) / (1 + e);
    *v = r;
    *err = (32 - 13 * tc) * U * fabs(r);
    return 1;
}
