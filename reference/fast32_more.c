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
 * Grid points (fast32_tier.h): where f(x) sits beside a grid point w
 * closer than a bound can tell, the tier answers w with f's direction and
 * a proven bound b on |f - w|, each at its function:
 *  - near-identity at tiny x: gelu, gelu_tanh, hard_swish: f(x) = x/2 +
 *    g(x) with 0 < g(x) <= c x^2 for 0 < |x| < 2^-30 (half_above); erfc,
 *    multiquadric, inv_multiquadric, hard_sigmoid beside 1 or 1/2;
 *    softsign beside x;
 *  - saturation: erf -> +-1, erfc -> 2, gelu and gelu_tanh -> x, softsign
 *    -> +-1, multiquadric -> |x|, inv_multiquadric -> 1/|x| (|x| a power
 *    of two).
 *
 * Exact values on the grid: a few results are exactly grid points
 * (hard_sigmoid(3 k 2^-24) = 1/2 + k 2^-25, leaky_relu(-100 k 2^-j),
 * softsign(2^j - 1) = 1 - 2^-j, ...).  A bound err > 0 never decides
 * those, so when v may be one (fast_on_grid: its low 27 bits are zero, or
 * v is a quotient to check anyway) the code proves v exact with fma
 * residuals and then returns err = 0. */
#include "fast32_tier.h"

#define TAIL 0x1p-900

/* The relative bounds k u |v| (exact values: fast_exact). */
static inline int rel(double r, double k, double *v, double *err) {
    *v = r;
    *err = k * U * fabs(r);
    return 1;
}

/* x/2 < f(x) <= x/2 + c x^2 (proven at each caller; 0 < |x| < 2^-30, c <=
 * 1/2 a power of two, so c x^2 is exact, >= 2^-300, and <= 2^-30 |x/2|):
 * above x/2 (exact: a float or an f32 midpoint), b = c x^2. */
static inline int half_above(double x, double c, double *v, double *err) {
    return fast_beside(x / 2, 1, c * (x * x), v, err);
}

/* ---- Piecewise-linear (piecewise.c): copies and clamps are exact. ---- */

int ab_fast32_identity(double x, double *v, double *err) {
    return fast_exact(v, err, x); /* NaN, +-inf, +-0 copied */
}

/* numpy.heaviside(x, 1): +0 for x < 0, 1 for x >= 0 (H(-0) = 1). */
int ab_fast32_binary_step(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x < 0 ? 0.0 : 1.0);
}

/* maximum(x, +0): relu(-0) = +0. */
int ab_fast32_relu(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x > 0 ? x : 0.0);
}

int ab_fast32_relu6(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x <= 0 ? 0.0 : x >= 6 ? 6.0 : x);
}

/* clamp(x, -1, 1), the sign of zero kept. */
int ab_fast32_hard_tanh(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x <= -1 ? -1.0 : x >= 1 ? 1.0 : x);
}

/* x for x >= 0 (-0 -> -0), x/100 for x < 0 with the slope the exact
 * decimal 1/100.  Dividing by the exact double 100 rounds once:
 * |v - x/100| <= u |v|; bound 2u |v|.  |x/100| >= 2^-156: no underflow.
 * x/100 is dyadic only when 25 divides x's integer significand, and then
 * has at most 24 bits: a float (1 in 25 negative inputs), or in f32's
 * subnormal range (|v| < 2^-126) an f32 midpoint, x = -(2k + 1) 50 2^-149
 * giving -(k + 1/2) 2^-149: a grid point either way, which no bound
 * decides.  A zero fma residual v * 100 - x proves v exact (the residual
 * is exact before its rounding, a multiple of 2^-210: nonzero stays
 * nonzero). */
int ab_fast32_leaky_relu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x >= 0 || isinf(x)) return fast_exact(v, err, x >= 0 ? x : -INFINITY);
    double r = x / 100;
    if (fma(r, 100, -x) == 0) return fast_exact(v, err, r);
    return rel(r, 2, v, err);
}

/* relu6(x + 3) / 6: +0 for x <= -3, 1 for x >= 3.  Between, s = x + 3 > 0
 * rounds once (relative u; exact unless |x| < 2^-29) and s / 6 once:
 * |v - f| <= (2u + u^2) |f| <= 2.01u |v|; bound 5u |v|.  v >= 2^-22/6
 * (the float above -3 is -3 + 2^-22): normal.  Exact ties: s is exact iff
 * s - 3 == x (Fast2Sum, |3| >= |x|: s - 3 is computed exactly), and s / 6
 * is iff the fma residual v * 6 - s is zero.
 * 0 < |x| < 2^-30: f - 1/2 = x/6: beside 1/2 on x's side, b = |x|/4
 * (exact) < 2^-32; beyond, |f - 1/2| > 2^-33.  +-0: 1/2 exact. */
int ab_fast32_hard_sigmoid(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x <= -3) return fast_exact(v, err, 0.0);
    if (x >= 3) return fast_exact(v, err, 1.0);
    if (x == 0) return fast_exact(v, err, 0.5);
    if (fabs(x) < 0x1p-30) return fast_beside(0.5, x > 0, fabs(x) / 4, v, err);
    double s = x + 3, r = s / 6;
    if (fast_on_grid(r) && s - 3 == x && fma(r, 6, -s) == 0) return fast_exact(v, err, r);
    return rel(r, 5, v, err);
}

/* x relu6(x + 3) / 6: +0 for x <= -3 (and -inf), x for x >= 3 (and +inf),
 * +-0 for +-0.  Between: s = x + 3 (u, exact as above), p = x s (u), v =
 * p / 6 (u), all products and quotients of nonzero values without
 * underflow (|p| >= 2^-149 * 2^-22): |v - f| <= ((1+u)^3 - 1)|f| <=
 * 3.01u |v|; bound 7u |v|.  Exact ties as in hard_sigmoid, plus the
 * product: p exact iff fma(x, s, -p) == 0.
 * 0 < |x| < 2^-30: f = x (x + 3)/6 = x/2 + x^2/6, so x/2 < f <= x/2 +
 * x^2/4: half_above, c = 1/4. */
int ab_fast32_hard_swish(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x <= -3) return fast_exact(v, err, 0.0);
    if (x >= 3 || x == 0) return fast_exact(v, err, x);
    if (fabs(x) < 0x1p-30) return half_above(x, 0.25, v, err);
    double s = x + 3, p = x * s, r = p / 6;
    if (fast_on_grid(r) && s - 3 == x && fma(x, s, -p) == 0 && fma(r, 6, -p) == 0)
        return fast_exact(v, err, r);
    return rel(r, 7, v, err);
}

/* ---- Algebraic (softsign.c, multiquadric.c, inv_multiquadric.c) ---- */

/* x / (1 + |x|); +-0 -> +-0, +-inf -> +-1.  d = 1 + |x| adds positives
 * (u), the quotient rounds (u): v = f (1 + d2)/(1 + d1), relative
 * <= 2u/(1 - u) <= 2.01u; bound 5u |v|.  For 1 <= |x| < 2^30, d is exact
 * (x's last bit is at least 2^-23) and f = x/d: when a grid point w lies
 * within 2e of v (f = 1 - 2^-j at x = +-(2^j - 1); f next to 1 - 2^-26 at
 * x = 2^26; ...), the sign of f - w is that of x - w d, the fma residual
 * (fast_resolve).
 * 0 < |x| < 2^-30: 0 < |x| - |f| = x^2/(1 + |x|) < x^2: toward 0 from x,
 * b = x^2 (exact) < 2^-30 |x|; beyond, |x| - |f| > 2^-31 |x|.
 * |x| >= 2^30 (finite): 0 < 1 - |f| = 1/(1 + |x|) < 2^-30: toward 0 from
 * +-1, b = 2^-30; below, 1 - |f| > 2^-31. */
int ab_fast32_softsign(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 1.0 : -1.0);
    if (x == 0) return fast_exact(v, err, x);
    if (fabs(x) < 0x1p-30) return fast_toward_zero(x, x * x, v, err);
    if (fabs(x) >= 0x1p30) return fast_toward_zero(x > 0 ? 1.0 : -1.0, 0x1p-30, v, err);
    double d = 1 + fabs(x), r = x / d, e = 5 * U * fabs(r), w = fast_grid_nearest(r);
    if (fabs(x) >= 1 && fabs(r - w) <= 2 * e) return fast_resolve(w, fma(-w, d, x), r, e, v, err);
    return rel(r, 5, v, err);
}

/* sqrt(x^2 + 1); +-inf -> +inf.  x^2 exact, s = x^2 + 1 (u), sqrt: v =
 * sqrt(x^2 + 1) sqrt(1 + d1) (1 + d2), relative <= u/2 + u + u^2 <= 1.51u;
 * bound 4u |v|.  |x| <= FLT_MAX: s <= 2^256, no overflow.  The one exact
 * tie is x = +-(2^24 - 1) 2^-13, v = (2^24 + 1) 2^-13, and the other
 * exact values are floats (x = 3/4: 5/4; x = (2^d - 1) 2^-(d/2 + 1),
 * v = (2^d + 1) 2^-(d/2 + 1) for even d <= 24): grid points, which no
 * bound decides, and f passes close to others (x = 2^12: f = 2^12 +
 * 2^-13 - 2^-40 + ...).  When a grid point w lies within 2e of v and s is
 * exact (Fast2Sum: s - max(x^2, 1) == min(x^2, 1)), the sign of f - w is
 * that of s - w^2, the fma residual (w^2 exact: w has 26 bits), and
 * fast_resolve answers.
 * 0 < |x| < 2^-16: 0 < f - 1 = x^2/(f + 1) < x^2/2: above 1, b = x^2/2
 * (exact) < 2^-33; beyond, f - 1 > 2^-34.
 * |x| >= 2^16 (finite): 0 < f - |x| = 1/(f + |x|) < 1/(2|x|): above |x|,
 * b = fl(1/|x|) >= (1 - u)/|x| > 1/(2|x|), b <= 2^-32 |x| (1 + u); below,
 * f - |x| > 1/(2|x| + 1) > 2^-34 |x|.  x = +-0: 1 exact. */
int ab_fast32_multiquadric(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, INFINITY);
    if (x == 0) return fast_exact(v, err, 1.0);
    if (fabs(x) < 0x1p-16) return fast_beside(1.0, 1, x * x / 2, v, err);
    if (fabs(x) >= 0x1p16) return fast_beside(fabs(x), 1, 1 / fabs(x), v, err);
    double x2 = x * x, s = x2 + 1, r = sqrt(s), e = 4 * U * r, w = fast_grid_nearest(r);
    if (fabs(r - w) <= 2 * e && (x2 >= 1 ? s - x2 == 1 : s - 1 == x2))
        return fast_resolve(w, fma(-w, w, s), r, e, v, err);
    return rel(r, 4, v, err);
}

/* 1 / sqrt(x^2 + 1); +-inf -> +0.  s (u, halved by the sqrt), sqrt (u), the
 * quotient (u): relative <= u/2 + 2u + 2u^2 <= 2.51u; bound 6u |v|.
 * v >= 2^-128.1: normal.  f is dyadic only at x = 0 (v = 1, exact).
 * 0 < |x| < 2^-16: 0 < 1 - f < x^2/2 (1/sqrt(1 + s) >= 1 - s/2): below 1,
 * b = x^2/2 (exact) < 2^-33; beyond, 1 - f > 2^-34.
 * |x| = 2^k >= 2^16: w = 1/|x| = 2^-k is a grid point (>= 2^-128, in the
 * subnormal range a multiple of 2^-151), f = w (1 + 1/x^2)^(-1/2) < w and
 * w - f < w/(2x^2) < w^3: below w, b = w^3 (exact, >= 2^-384) <= 2^-32 w;
 * within 2^-151 below 2^-126: w^3 < 2^-378.  Other large |x|: 1/|x| is
 * no grid point, and the bound decides.
 * Near-misses (x = 2^12 - 2^-12: f = 2^-12 (1 + 2^-25) + 2^-12 O(2^-48)):
 * when a grid point w lies within 2e of v and s = x^2 + 1 is exact (as in
 * multiquadric), the sign of f - w is that of 1 - w^2 s, the fma residual
 * (w^2 exact, w having 26 bits), and fast_resolve answers. */
int ab_fast32_inv_multiquadric(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, 0.0);
    if (x == 0) return fast_exact(v, err, 1.0);
    if (fabs(x) < 0x1p-16) return fast_beside(1.0, 0, x * x / 2, v, err);
    if (fabs(x) >= 0x1p16 && fast_power_of_two(x)) {
        double w = 1 / fabs(x);
        return fast_beside(w, 0, w * w * w, v, err);
    }
    double x2 = x * x, s = x2 + 1, r = 1 / sqrt(s), e = 6 * U * r, w = fast_grid_nearest(r);
    if (fabs(r - w) <= 2 * e && (x2 >= 1 ? s - x2 == 1 : s - 1 == x2))
        return fast_resolve(w, fma(-(w * w), s, 1), r, e, v, err);
    return rel(r, 6, v, err);
}

/* ---- erf, erfc (erf.c, erfc.c) ---- */

/* libm erf: |v - erf(x)| <= ab_ulps(v, 4); bound twice that.  erf(+-0) =
 * +-0 and erf(+-inf) = +-1 exactly (C99 Annex F).  |erf(x)| >= 1.12 *
 * 2^-149: normal.
 * |x| >= 5 (finite): 0 < 1 - |erf x| = erfc|x| < e^(-x^2)/(|x| sqrt(pi))
 * <= e^-25/8.8 < 2^-39: toward 0 from +-1, b = 2^-38; below 5, erfc|x| >
 * erfc(5) > 2^-40, which the bound (2^-49) decides. */
int ab_fast32_erf(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, x);
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 1.0 : -1.0);
    if (fabs(x) >= 5) return fast_toward_zero(x > 0 ? 1.0 : -1.0, 0x1p-38, v, err);
    double r = erf(x);
    *v = r;
    *err = 2 * ab_ulps(r, AB_LIBM_ULP);
    return 1;
}

/* libm erfc: bound twice ab_ulps(v, 4).  erfc(-inf) = 2, erfc(+inf) = +0,
 * erfc(+-0) = 1 exactly.  For x < 26 the result is above 2^-990 (normal).
 * For x >= 26: 0 < erfc(x) < e^(-x^2)/(x sqrt(pi)) <= e^-676/46 < 2^-980,
 * so v = +0, above, err = T = 2^-900 (the far tail, see the top).
 * 0 < |x| < 2^-32: erfc(x) - 1 = -erf(x), and erf(x) has x's sign with
 * |erf x| <= (2/sqrt(pi)) |x| < 2|x| (erf' <= 2/sqrt(pi)): beside 1 on the
 * side opposite to x, b = 2|x| < 2^-31; beyond, |erf x| > |x| >= 2^-32.
 * x <= -5 (finite): 0 < 2 - erfc(x) = erfc|x| < 2^-39 (as erf): below 2,
 * b = 2^-38; above -5, erfc|x| > 2^-40 (the bound: 2^-48). */
int ab_fast32_erfc(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, 1.0);
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 0.0 : 2.0);
    if (fabs(x) < 0x1p-32) return fast_beside(1.0, x < 0, 2 * fabs(x), v, err);
    if (x <= -5) return fast_beside(2.0, 0, 0x1p-38, v, err);
    if (x >= 26) return fast_beside_zero(+1, TAIL, v, err);
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
 * 0 < |x| < 2^-30: f = x/2 + (x/2) erf(x/sqrt2), and erf(y) has y's sign
 * with |erf y| <= (2/sqrt(pi)) |y| (erf' <= 2/sqrt(pi)), so 0 < f - x/2 <=
 * x^2/sqrt(2 pi) < x^2/2: half_above, c = 1/2.  Beyond, f - x/2 > x^2/3.
 * x >= 7 (finite): 0 < x - f = (x/2) erfc(x/sqrt2) < (x/2) e^(-x^2/2)
 * (erfc(y) < e^(-y^2)/(y sqrt(pi)), y sqrt(pi) > 1) <= x e^-24.5/2 <
 * x 2^-36: below x, b = x 2^-35 (exact); below 7, x - f > x Phi(-7) >
 * x 2^-40, which the bound (2^-48 |v|) decides. */
int ab_fast32_gelu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, x);
    if (isinf(x)) return fast_exact(v, err, x > 0 ? x : -0.0);
    if (x <= -37) return fast_beside_zero(-1, TAIL, v, err);
    if (fabs(x) < 0x1p-30) return half_above(x, 0.5, v, err);
    if (x >= 7) return fast_beside(x, 0, x * 0x1p-35, v, err);
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
 * 0 < |x| < 2^-30: f = x/2 + (x/2) tanh(y), y = sqrt(2/pi)(x + 0.044715
 * x^3) of x's sign with |y| <= 0.8 |x| (1 + x^2/20) < |x|, and |tanh y| <=
 * |y|: 0 < f - x/2 < x^2/2: half_above, c = 1/2.  Beyond, f - x/2 >
 * x^2/3.
 * x >= 6 (finite): t increases with x, t(6) > 24.98, and 0 < x - f =
 * x sigmoid(-t) < x e^-t < x 2^-36: below x, b = x 2^-35 (exact); below 6,
 * x - f > x e^-25/2 > x 2^-38, which the bound (2^-49 |v|) decides. */
int ab_fast32_gelu_tanh(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, x);
    if (isinf(x)) return fast_exact(v, err, x > 0 ? x : -0.0);
    if (fabs(x) < 0x1p-30) return half_above(x, 0.5, v, err);
    if (x >= 6) return fast_beside(x, 0, x * 0x1p-35, v, err);
    double tc = AB_GELU_TANH_K * (x * (1 + 0.044715 * (x * x)));
    if (x > 0) return rel(x / (1 + exp(-tc)), 20, v, err);
    if (tc < -700) return fast_beside_zero(-1, TAIL, v, err);
    double e = exp(tc), r = (x * e) / (1 + e);
    *v = r;
    *err = (32 - 13 * tc) * U * fabs(r);
    return 1;
}
