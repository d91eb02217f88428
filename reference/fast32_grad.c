/* fast32_grad.c: the certified binary64 tier (ab_fast32_fn, fast32.h) of
 * the derivatives of sigmoid, tanh, silu, gelu, gelu_tanh, elu, celu,
 * selu, gaussian, erf, log1p, softsign and of the piecewise-linear
 * activations,
 * with the
 * conventions of their MPFR references (reference/d_*.c, d_piecewise.c):
 * the branch at a kink is the one PyTorch's backward kernel takes.  Error accounting as in
 * fast32_exp.c (libm exp: 8u, ab_ulps); directions as in fast32_tier.h.
 * tests/test_fast32_more.c certifies each against its reference. */
#include "fast32_tier.h"

/* c e^x for x < -708 and 0 < c < 2: f < 2^-1020, far below 2^-151. */
static int exp_neg_tail(double *v, double *err) {
    return fast_beside_zero(+1, 0x1p-1020, v, err);
}

/* sigmoid'(x) = e/(1 + e)^2, e = e^-|x|: even, in (0, 1/4].  +-0: 1/4,
 * +-inf: +0, exact.
 * 0 < |x| < 2^-14: 0 < 1/4 - f = tanh^2(x/2)/4 < x^2/16: below 1/4,
 * b = x^2/16 (exact) <= 2^-32; beyond, 1/4 - f > 2^-32.1, far outside
 * the bound.
 * |x| > 708: f < e < 2^-1021, the tail.
 * Else e = exp(-|x|) (8u), d = 1 + e (e/(1+e) <= 1/2 of e's error, plus
 * u: 5u), d^2 (11u), e / d^2 (20u): err = ab_ulps(v, 12) = 24u |v|. */
int ab_fast32_d_sigmoid(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, 0.25);
    if (isinf(x)) return fast_exact(v, err, 0.0);
    double a = fabs(x);
    if (a < 0x1p-14) return fast_beside(0.25, 0, x * x / 16, v, err);
    if (a > -SUB_LN) return exp_neg_tail(v, err);
    double e = exp(-a), d = 1 + e;
    *v = e / (d * d);
    *err = ab_ulps(*v, 12);
    return 1;
}

/* tanh'(x) = 4 e'/(1 + e')^2 with e' = e^-2|x|: 4 sigmoid'(2x), 2x exact.
 * Scaling the answer by 4 is exact, so a bound stays a bound, and the two
 * directions stay true: below 1/4 becomes below the grid point 1 within
 * x^2 (tanh' = 1 - tanh^2 x > 1 - x^2), the tail above +0 within 2^-1018. */
int ab_fast32_d_tanh(double x, double *v, double *err) {
    int code = ab_fast32_d_sigmoid(2 * x, v, err);
    *v *= 4;
    *err *= 4;
    return code;
}

/* silu'(x) = s (1 + x (1 - s)), s = sigmoid(x); +inf -> 1, -inf -> -0,
 * +-0 -> 1/2, exact (reference/d_silu.c's limits).
 * 0 < |x| < 2^-30: f - 1/2 has x's sign and |f - 1/2| <= |x|/2: beside
 * 1/2, b = |x|/2 <= 2^-31.
 * |x| < 2^-15: f = 1/2 + x/2 - x^3/12 + O(x^5), so where w = 1/2 + x/2 is
 * exact (w - 1/2 == x/2, Sterbenz) and a grid point (x a multiple of
 * 2^-25), f is beside w on -x's side within b = |x|^3/8 (fl(x^2 |x|) >=
 * (1 - u)|x|^3) <= 2^-30 w; the bound below cannot split f from w there.
 * x >= 24: 0 < f - 1 < x e^-x <= 24 e^-24 < 2^-30: above 1, b = 2^-29;
 * below 24, f - 1 > 2^-31.
 * x < -700: f < 0, |f| < (1 + |x|) e^x <= 701 e^-700 < 2^-1000: the tail.
 * Else e = e^-|x| (8u), d = 1 + e (4u + u), 1/d (6u) and e/d (14u) are s
 * and c = 1 - s (x > 0: s = 1/d; x < 0: s = e/d), t = x c (c's + u), g =
 * 1 + t (absolute e_t |t| + u |g|), v = s g: |v - f| <= |s| ((e_s + u)
 * |g| + e_t |t|) + u |v|, i.e. |s| (7u |g| + 15u |t|) for x > 0 and
 * |s| (15u |g| + 7u |t|) for x < 0, rounded up to 8u and 16u (the
 * second-order terms), plus ab_ulps(v, 1).  An absolute bound: g cancels
 * at x0 = -1.27846..., and the few floats nearest x0 fall back to MPFR. */
int ab_fast32_d_silu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 1.0 : -0.0);
    if (x == 0) return fast_exact(v, err, 0.5);
    if (fabs(x) < 0x1p-30) return fast_beside(0.5, x > 0, fabs(x) / 2, v, err);
    double w = 0.5 + x / 2;
    if (fabs(x) < 0x1p-15 && w - 0.5 == x / 2 && fast_on_grid(w))
        return fast_beside(w, x < 0, x * x * fabs(x) / 8, v, err);
    if (x >= 24) return fast_beside(1.0, 1, 0x1p-29, v, err);
    if (x < -700) return fast_beside_zero(-1, 0x1p-1000, v, err);
    double e = exp(-fabs(x)), d = 1 + e;
    double s = x > 0 ? 1 / d : e / d, c = x > 0 ? e / d : 1 / d; /* c = 1 - s */
    double t = x * c, g = 1 + t;
    *v = s * g;
    double eg = x > 0 ? 0x1p-50 : 0x1p-49, et = x > 0 ? 0x1p-49 : 0x1p-50; /* 8u, 16u */
    *err = s * (eg * fabs(g) + et * fabs(t)) + ab_ulps(*v, 1);
    return 1;
}

/* gelu'(x) = Phi(x) + x phi(x), Phi = erfc(-x/sqrt2)/2, phi(x) =
 * e^(-x^2/2)/sqrt(2 pi) (reference/d_gelu.c); +inf -> 1, -inf -> -0, +-0
 * -> 1/2, exact.
 * 0 < |x| < 2^-30: f - 1/2 has x's sign, |f - 1/2| < 0.8|x|: beside 1/2,
 * b = |x|.
 * x >= 8: 0 < f - 1 < x phi(x) < 8 e^-32 < 2^-43: above 1, b = 2^-40;
 * below 8, f - 1 > 2^-43.4, far above the bound.
 * x <= -37: 0 < -f < |x| phi(x) <= 37 e^-684.5 / 2.5 < 2^-980: the tail.
 * Else P = erfc(-(x M_SQRT1_2)) / 2 (halving exact) with the relative
 * error of ab_fast32_gelu's analysis (fast32_more.c) before its last
 * product: 10u for x > 0, 2.1 (x^2 + |x| + 6) u for x < 0; q = x (C e^-h)
 * with h = x^2/2 exact, C = RN(1/sqrt(2 pi)) (u), libm exp (8u) and two
 * products: 11u; v = P + q (u).  |v - f| <= eP P + 11u |q| + u |v|,
 * doubled for the second-order terms.  An absolute bound: P + q cancels
 * at x0 = -0.75179..., whose nearest floats fall back to MPFR. */
/* The answers gelu' and gelu_tanh' share (both bounds proven beside
 * each): NaN; +inf -> 1, -inf -> -0, +-0 -> 1/2; beside 1/2 within |x|
 * for 0 < |x| < 2^-30; above 1 within 2^-40 from x >= top.  -1 where
 * none applies. */
static int gelu_like_edges(double x, double top, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 1.0 : -0.0);
    if (x == 0) return fast_exact(v, err, 0.5);
    if (fabs(x) < 0x1p-30) return fast_beside(0.5, x > 0, fabs(x), v, err);
    if (x >= top) return fast_beside(1.0, 1, 0x1p-40, v, err);
    return -1;
}
int ab_fast32_d_gelu(double x, double *v, double *err) {
    int edge = gelu_like_edges(x, 8, v, err);
    if (edge >= 0) return edge;
    if (x <= -37) return fast_beside_zero(-1, 0x1p-900, v, err);
    double P = erfc(-(x * M_SQRT1_2)) / 2;
    double q = x * (0x1.9884533d43651p-2 * exp(-(x * x) / 2)); /* C = 1/sqrt(2 pi) to nearest */
    double eP = x > 0 ? 10 * U : 2.1 * (x * x - x + 6) * U;
    *v = P + q;
    *err = 2 * (eP * P + 11 * U * fabs(q)) + ab_ulps(*v, 1);
    return 1;
}

/* gelu_tanh'(x) = S + x S (1 - S) t', S = sigmoid(t), t = K x (1 + b x^2),
 * t' = K (1 + 3b x^2), K = 2 sqrt(2/pi), b = 0.044715 (reference/
 * d_gelu_tanh.c); +inf -> 1, -inf -> -0, +-0 -> 1/2, exact.
 * 0 < |x| < 2^-30: f - 1/2 has x's sign, |f - 1/2| < |x| (the
 * reference's bound): beside 1/2, b = |x|.
 * x >= 7: 0 < f - 1 = (1 - S)(x S t' - 1) < x t' e^-t <= 84.6 e^-35.6 <
 * 2^-44: above 1, b = 2^-40; below 7, f - 1 > 2^-45, far above the bound.
 * tc < -700 (tc = t (1 + th), |th| <= 6.01u, ab_fast32_gelu_tanh's
 * analysis): 0 < -f < e^t (1 + |x| t') < e^-699 2000 < 2^-999: the tail.
 * Else e = exp(-|tc|) (8u), d = 1 + e, S and c = 1 - S as 1/d and e/d
 * (6u and 14u, swapped for tc < 0), plus the argument's error through
 * sigmoid's log-derivatives (1 - S for S, S for 1 - S): 6.1u |tc| c and
 * 6.1u |tc| S.  t' takes 5u, q = x S c t' three products more: eq = eS +
 * ec + 9u.  v = S + q: |v - f| <= eS S + eq |q| + u |v|, the first two
 * terms times 1.01 for the second-order ones (each eS, ec < 2^-40 here).
 * Absolute: S + q cancels at x0 = -0.75246..., whose nearest floats fall
 * back to MPFR. */
int ab_fast32_d_gelu_tanh(double x, double *v, double *err) {
    int edge = gelu_like_edges(x, 7, v, err);
    if (edge >= 0) return edge;
    double x2 = x * x, tc = AB_GELU_TANH_K * (x * (1 + 0.044715 * x2));
    if (tc < -700) return fast_beside_zero(-1, 0x1p-900, v, err);
    double e = exp(-fabs(tc)), d = 1 + e;
    double S = tc > 0 ? 1 / d : e / d, c = tc > 0 ? e / d : 1 / d;
    double tp = AB_GELU_TANH_K * (1 + 3 * 0.044715 * x2), q = x * S * c * tp;
    double eS = ((tc > 0 ? 6 : 14) + 6.1 * fabs(tc) * c) * U;
    double ec = ((tc > 0 ? 14 : 6) + 6.1 * fabs(tc) * S) * U;
    *v = S + q;
    *err = 1.01 * (eS * S + (eS + ec + 9 * U) * fabs(q)) + ab_ulps(*v, 1);
    return 1;
}

/* elu'(x), alpha = 1: 1 for x >= 0 (+-0 and +inf: the reference's
 * mpfr_sgn >= 0), e^x below: exp's tier, its direction beside 1 near 0-,
 * its tails and -inf -> +0 included.  One more direction: for
 * -2^-15 < x < 0, e^x - (1 + x) = x^2 e^xi / 2 lies in (0, x^2/2], so
 * where w = 1 + x is exact (w - 1 == x: Sterbenz) and a grid point (x =
 * -k 2^-26, ...), f is above w within b = x^2/2 (exact) <= 2^-31 w.  exp's
 * 8u bound cannot split f from w there: |f - w| ~ k^2 2^-53. */
int ab_fast32_d_elu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x >= 0) return fast_exact(v, err, 1.0);
    double w = 1 + x;
    if (x > -0x1p-15 && w - 1 == x && fast_on_grid(w)) return fast_beside(w, 1, x * x / 2, v, err);
    return ab_fast32_exp(x, v, err);
}

/* celu'(x), alpha = 1: e^(x/1) for x <= 0, 1 above: elu's, 1 at 0 too. */
int ab_fast32_d_celu(double x, double *v, double *err) {
    return ab_fast32_d_elu(x, v, err);
}

/* selu'(x): lambda for x > 0 (+inf included), lambda alpha e^x for
 * x <= 0 (+-0 included, the reference's convention), +0 at -inf.
 * lambda as a double: u, err = ab_ulps(v, 1) = 2u |v|.  x <= 0: LA =
 * lambda alpha rounded (3u, fast32_exp.c) times libm exp (8u), rounded
 * (u): 12u, err = ab_ulps(v, 12).  Neither lambda nor lambda alpha e^x
 * (x dyadic) is dyadic: no exact grid point to meet. */
int ab_fast32_d_selu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x > 0) {
        *v = AB_SELU_LAMBDA_D;
        *err = ab_ulps(*v, 1);
        return 1;
    }
    if (x == -INFINITY) return fast_exact(v, err, 0.0);
    if (x < SUB_LN) return exp_neg_tail(v, err);
    *v = AB_SELU_LAMBDA_D * AB_SELU_ALPHA_D * exp(x);
    *err = ab_ulps(*v, 12);
    return 1;
}

/* gaussian'(x) = -2x e^(-x^2), odd; +-0 -> -+0, +-inf -> -+0 (the sign of
 * -x), exact.
 * 0 < |x| < 2^-15: f = -2x + 2x (1 - e^-s), s = x^2 (exact), the second
 * term of x's sign and below 2|x| s: toward 0 from -2x (a float), b =
 * 2|x| s (exact, no underflow: |x| >= 2^-149) <= 2^-30 |2x|.
 * s > 708: |f| <= 2|x| e^-s < 2^-1014 (2|x| e^-s decreases for |x| > 1/2;
 * 2 (26.6) e^-708 < 2^-1015.6), the tail, of the sign of -x.
 * Else one libm exp (8u), times 2x (exact), err = ab_ulps(v, 8). */
int ab_fast32_d_gaussian(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0 || isinf(x)) return fast_exact(v, err, signbit(x) ? 0.0 : -0.0);
    double s = x * x;
    if (fabs(x) < 0x1p-15) return fast_toward_zero(-2 * x, 2 * fabs(x) * s, v, err);
    if (s > -SUB_LN) return fast_beside_zero(x > 0 ? -1 : +1, 0x1p-1014, v, err);
    *v = -2 * x * exp(-s);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* erf'(x) = (2/sqrt(pi)) e^(-x^2), even, in (0, 2/sqrt(pi)]; +-inf -> +0.
 * C = RN(2/sqrt(pi)) (u), s = x^2 exact, libm exp (8u), the product (u):
 * err = ab_ulps(v, 6) = 12u |v|.  f is never a grid point (irrational at
 * 0, transcendental elsewhere), so the bound decides but for isolated
 * near-misses.  s > 708: f < 1.13 e^-708 < 2^-1021, the tail. */
int ab_fast32_d_erf(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, 0.0);
    double s = x * x;
    if (s > -SUB_LN) return exp_neg_tail(v, err);
    *v = 0x1.20dd750429b6dp+0 * exp(-s); /* 2/sqrt(pi) rounded to nearest */
    *err = ab_ulps(*v, 6);
    return 1;
}

/* log1p'(x) = 1/(1 + x): NaN below -1 (and at -inf), +inf at -1, +0 at
 * +inf, 1 at +-0, exact.
 * 0 < |x| < 2^-30: f - 1 = -x/(1 + x), of -x's sign, below 2|x| <= 2^-29
 * in size: beside 1, b = 2|x|.
 * x >= 2^30 a power of two: 0 < 1/x - f = 1/(x (1 + x)) < x^-2: below the
 * grid point 1/x, b = x^-2 <= 2^-30 / x.
 * Else t = 1 + x: exact when t - 1 == x and x < 2^53 (t - 1 is then
 * exact: Sterbenz for t <= 2, t's lsb <= 1 above), else rounded (u); v = 1/t rounds once more:
 * err = ab_ulps(v, 2) = 4u |v|.  An exact t makes f a grid point only when
 * it is a power of two; then the fma residual v t - 1 is 0 and v exact. */
int ab_fast32_d_log1p(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x < -1) return fast_exact(v, err, NAN);
    if (x == -1) return fast_exact(v, err, INFINITY);
    if (x == INFINITY) return fast_exact(v, err, 0.0);
    if (x == 0) return fast_exact(v, err, 1.0);
    if (fabs(x) < 0x1p-30) return fast_beside(1.0, x < 0, 2 * fabs(x), v, err);
    if (x >= 0x1p30 && fast_power_of_two(x)) return fast_beside(1 / x, 0, 1 / (x * x), v, err);
    double t = 1 + x, r = 1 / t;
    if (x < 0x1p53 && t - 1 == x && fma(r, t, -1) == 0) return fast_exact(v, err, r);
    *v = r;
    *err = ab_ulps(r, 2);
    return 1;
}

/* softsign'(x) = 1/(1 + |x|)^2, even, in (0, 1]; +-0 -> 1, +-inf -> +0.
 * 0 < |x| < 2^-31: 0 < 1 - f < 2|x| <= 2^-30: below 1, b = 2|x|.
 * |x| >= 2^80: f < x^-2 <= 2^-160: the tail, above +0.
 * |x| >= 2^30 a power of two: 0 < x^-2 - f = x^-2 (1 - (1 + 1/|x|)^-2)
 * < 2|x|^-3: below the grid point x^-2 (exact), b = 2|x|^-3 <= 2^-29 x^-2.
 * Else t = 1 + |x| (u, or exact), t^2 (u), 1/t^2 (u): err = ab_ulps(v, 3)
 * = 6u |v|; exact results (t^2 a power of two: x = 2^k - 1) by the fma
 * residuals, as log1p'. */
int ab_fast32_d_softsign(double x, double *v, double *err) {
    FAST_NAN(x)
    double a = fabs(x);
    if (a == 0) return fast_exact(v, err, 1.0);
    if (a == INFINITY) return fast_exact(v, err, 0.0);
    if (a < 0x1p-31) return fast_beside(1.0, 0, 2 * a, v, err);
    if (a >= 0x1p80) return fast_beside_zero(+1, 0x1p-160, v, err);
    if (a >= 0x1p30 && fast_power_of_two(a))
        return fast_beside(1 / (a * a), 0, 2 / (a * a * a), v, err);
    double t = 1 + a, q = t * t, r = 1 / q;
    if (a < 0x1p53 && t - 1 == a && fma(t, t, -q) == 0 && fma(r, q, -1) == 0)
        return fast_exact(v, err, r);
    *v = r;
    *err = ab_ulps(r, 3);
    return 1;
}

/* ---- Piecewise-linear: constants between the kinks ---- */

/* 1/den as a double: one rounding, u; err = ab_ulps(v, 1) = 2u |v|.  1/100
 * and 1/6 are not dyadic: never a grid point. */
static int reciprocal(double den, double *v, double *err) {
    *v = 1 / den;
    *err = ab_ulps(*v, 1);
    return 1;
}

/* x > 0 ? 1 : 0 (threshold_backward). */
int ab_fast32_d_relu(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x > 0 ? 1.0 : 0.0);
}

/* x > 0 ? 1 : 1/100 (-inf and +-0 take 1/100). */
int ab_fast32_d_leaky_relu(double x, double *v, double *err) {
    FAST_NAN(x)
    return x > 0 ? fast_exact(v, err, 1.0) : reciprocal(100, v, err);
}

/* 0 < x < 6 ? 1 : 0. */
int ab_fast32_d_relu6(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x > 0 && x < 6 ? 1.0 : 0.0);
}

/* -1 < x < 1 ? 1 : 0. */
int ab_fast32_d_hard_tanh(double x, double *v, double *err) {
    FAST_NAN(x)
    return fast_exact(v, err, x > -1 && x < 1 ? 1.0 : 0.0);
}

/* -3 < x < 3 ? 1/6 : 0. */
int ab_fast32_d_hard_sigmoid(double x, double *v, double *err) {
    FAST_NAN(x)
    return x > -3 && x < 3 ? reciprocal(6, v, err) : fast_exact(v, err, 0.0);
}

/* x < -3 ? 0 : x <= 3 ? x/3 + 1/2 : 1; -1/2 at -3, 3/2 at 3 (exact).
 * 0 < |x| < 2^-30: f - 1/2 = x/3, beside 1/2 on x's side, b = |x|/2
 * (exact) < 2^-31; beyond, |f - 1/2| > 2^-32.
 * Else f = s/3 with s = x + 3/2: s rounds once (u; exact when the 2Sum
 * error t is 0), r = s/3 once (u): |v - f| <= 2.01u |v|, err =
 * ab_ulps(v, 3) = 6u |v|.  f is a grid point only if s/3 is dyadic; then
 * a zero fma residual r * 3 - s (with t = 0) proves r exact.  Otherwise
 * f - g = (x + 3/2 - 3g)/3 for a grid point g is a nonzero multiple of
 * min(lsb(x), the grid step)/3, which stays above err (near 1/2, the only
 * place where lsb(x) is below the step, a grid point other than 1/2 is in
 * reach only for |x| > 2^-26, lsb(x) >= 2^-49: 2^-50.6 > err = 2^-51.4).
 * An input the bound leaves undecided would only cost an MPFR call; the
 * sweep counts those (ref_fallbacks). */
int ab_fast32_d_hard_swish(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x < -3) return fast_exact(v, err, 0.0);
    if (x > 3) return fast_exact(v, err, 1.0);
    if (x == 0) return fast_exact(v, err, 0.5);
    if (fabs(x) < 0x1p-30) return fast_beside(0.5, x > 0, fabs(x) / 2, v, err);
    double s = x + 1.5, bb = s - x, t = (x - (s - bb)) + (1.5 - bb), r = s / 3;
    if (t == 0 && (r == 0 || fast_on_grid(r)) && fma(r, 3, -s) == 0) return fast_exact(v, err, r);
    *v = r;
    *err = ab_ulps(r, 3);
    return 1;
}
