/* fast32_exp.c: the certified binary64 tier (ab_fast32_fn, see
 * api/actbench.h and fast32.h) of exp, expm1, log1p, tanh, elu, celu,
 * selu and gaussian: one libm call each.  The error accounting, the
 * binary64 subnormal range and the tails below 2^-1074 are those at the
 * top of fast32_smooth.c; the directions beside grid points are explained
 * in fast32_tier.h.
 *
 * Near 0 and in saturation f sits beside a grid point w (1, x, -1, +-1),
 * closer than one libm call's bound can tell, and the tier answers w with
 * f's direction.  The bounds on |f - w| are Taylor's, with Lagrange's
 * remainder (xi strictly between 0 and x):
 *   e^x - 1 = x e^xi: of x's sign, |.| < |x| e^max(x, 0) < 2|x| for
 *     x < ln 2;
 *   e^x - 1 - x = x^2 e^xi / 2 > 0, below x^2 for x < ln 2;
 *   x - ln(1 + x) = x^2 / (2 (1 + xi)^2) > 0, below x^2 for |x| <= 1/4;
 *   x - tanh x: tanh' = 1 - tanh^2 and tanh y <= y for y >= 0 give
 *     0 <= y - tanh y <= y^3/3 (odd: x - tanh x has x's sign).
 * Each region keeps b <= 2^-30 |w|, and beyond it |f - w| exceeds
 * 2^-35 |f|, where the bound ab_ulps(v, 8) = 2^-49 |v| decides (but for
 * isolated inputs within 2^-49 |f| of some grid point).
 * Products such as x*x are exact (x has 24 bits); x*x*|x| rounds once, to
 * at least (1 - u) |x|^3. */
#include "fast32_tier.h"
#include <float.h>

/* e^x (or e^x - 1) for x >= 709.78, near or beyond DBL_MAX (e^709.7827).
 * x <= 710.4: 2^1023 < f < e^710.4 < 0.93 * 2^1025, so v = DBL_MAX with
 * err = DBL_MAX (1 - 2^-50) holds f: v + err overflows to +inf and
 * v - err = DBL_MAX 2^-50 > 2^973 rounds to +inf in f32 too, so the
 * decision is +inf.  From MPFR_OVF_LN on: +inf exact (the reference's
 * value, MPFR overflowing).  In between: f > e^710.4 - 1 > DBL_MAX, so v = DBL_MAX,
 * AB_FAST_ABOVE with err = +inf (a finite err cannot reach f). */
static int overflow(double x, double *v, double *err) {
    if (x >= MPFR_OVF_LN) return fast_exact(v, err, INFINITY); /* +inf included */
    *v = DBL_MAX;
    if (x > 710.4) {
        *err = INFINITY;
        return AB_FAST_ABOVE;
    }
    *err = DBL_MAX * (1 - 0x1p-50);
    return 1;
}

/* exp(x) = e^x.
 * |x| < 2^-32 (x != 0): e^x - 1 has x's sign and |e^x - 1| < 2|x| (the
 * top): beside 1, b = 2|x| <= 2^-31.
 * x > -708: one libm exp, 8u: err = ab_ulps(v, 8).
 * -744.5 <= x < -708: exp(x/2)^2 (fast32_smooth.c): ab_ulps(v, 17), through
 * fast_sign_known (e^x > 0).  x < -744.5: 0 < e^x < e^-744.5 < 2^-1074
 * (ln 2^-1074 = -744.44): fast_tiny, above +0. */
int ab_fast32_exp(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, 1.0);
    if (fabs(x) < 0x1p-32) return fast_beside(1.0, x > 0, 2 * fabs(x), v, err);
    if (x >= OVF_LN) return overflow(x, v, err);
    if (x >= SUB_LN) {
        *v = exp(x);
        *err = ab_ulps(*v, 8);
        return 1;
    }
    if (x == -INFINITY) return fast_exact(v, err, 0.0);
    if (x < TINY_LN) return fast_tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* expm1(x) = e^x - 1.  One libm expm1 (never subnormal: |expm1 x| >= |x|/2
 * and |x| >= 2^-149 is normal in binary64), 8u: err = ab_ulps(v, 8).
 * |x| < 2^-30 (x != 0): 0 < expm1(x) - x < x^2 (the top): above x,
 * b = x^2 <= 2^-30 |x|.
 * x <= -24: expm1(x) + 1 = e^x in (0, e^-24), e^-24 < 2^-34: above -1,
 * b = 2^-34.
 * +-0 exact, -inf -> -1 exact, overflow as exp. */
int ab_fast32_expm1(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, x);
    if (x == -INFINITY) return fast_exact(v, err, -1.0);
    if (fabs(x) < 0x1p-30) return fast_beside(x, 1, x * x, v, err);
    if (x <= -24) return fast_beside(-1.0, 1, 0x1p-34, v, err);
    if (x >= OVF_LN) return overflow(x, v, err);
    *v = expm1(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* log1p(x) = ln(1 + x).  One libm log1p (normal result: |log1p x| >= |x|/2
 * for x > -1/2, and far from 0 otherwise), 8u: err = ab_ulps(v, 8).
 * |x| < 2^-30 (x != 0): 0 < x - log1p(x) < x^2 (the top): below x,
 * b = x^2 <= 2^-30 |x|.
 * x < -1 (and -inf): NaN; -1: -inf; +inf: +inf; +-0: +-0, all exact. */
int ab_fast32_log1p(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x < -1) return fast_exact(v, err, NAN);
    if (x == -1) return fast_exact(v, err, -INFINITY);
    if (x == INFINITY || x == 0) return fast_exact(v, err, x);
    if (fabs(x) < 0x1p-30) return fast_beside(x, 0, x * x, v, err);
    *v = log1p(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* tanh(x).  One libm tanh, 8u: err = ab_ulps(v, 8).  Its result is never
 * subnormal (|tanh x| >= |x|/2 for |x| <= 1).  +-inf -> +-1, +-0 exact.
 * |x| < 2^-16 (x != 0): tanh x lies strictly between x and 0, within
 * |x|^3/3 of x (the top): toward 0 from x, b = fl(x^2 |x|) >= (1 - u)
 * |x|^3 > |x|^3/3, and b <= 2^-32 |x| (|x|^3 >= 2^-447: no underflow).
 * |x| >= 11: 0 < 1 - tanh|x| = 2/(e^(2|x|) + 1) < 2 e^-22 < 2^-30: toward
 * 0 from +-1, b = 2^-30.  Between, |f - x| > 2^-34 |x| and 1 - |f| >
 * 2^-31. */
int ab_fast32_tanh(double x, double *v, double *err) {
    FAST_NAN(x)
    if (isinf(x)) return fast_exact(v, err, x > 0 ? 1.0 : -1.0);
    if (x == 0) return fast_exact(v, err, x);
    if (fabs(x) < 0x1p-16) return fast_toward_zero(x, x * x * fabs(x), v, err);
    if (fabs(x) >= 11) return fast_toward_zero(x > 0 ? 1.0 : -1.0, 0x1p-30, v, err);
    *v = tanh(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* elu(x), alpha = 1: x for x >= 0 (exact, -0 and +inf included); expm1(x)
 * for x < 0, -inf included: ab_fast32_expm1's answer (its directions to x
 * and to -1 included). */
int ab_fast32_elu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x >= 0) return fast_exact(v, err, x);
    return ab_fast32_expm1(x, v, err);
}

/* celu(x), alpha = 1: equal to elu everywhere, signed zeros included (the
 * MPFR reference is elu's); x/alpha is exact. */
int ab_fast32_celu(double x, double *v, double *err) {
    return ab_fast32_elu(x, v, err);
}

/* selu(x) = lambda x (x > 0), lambda alpha expm1(x) (x <= 0), with the
 * decimals lambda = 1.0507009873554805, alpha = 1.6732632423543772 of the
 * MPFR reference.  As doubles each carries a representation error of at
 * most u (relative); LA = lambda alpha rounded: u + u + u = 3u.
 * x > 0: v = lambda x: 2u.  err = ab_ulps(v, 2) (no overflow: x < 2^128).
 * x < 0: v = LA expm1(x): 3 + 8 + 1 = 12u.  err = ab_ulps(v, 12).
 * -inf: -lambda alpha, not a double: v = -LA, 3u, err = ab_ulps(v, 3).
 * +-0: +-0; +inf: +inf. */
int ab_fast32_selu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0 || x == INFINITY) return fast_exact(v, err, x);
    const double la = AB_SELU_LAMBDA_D * AB_SELU_ALPHA_D;
    if (x > 0) {
        *v = AB_SELU_LAMBDA_D * x;
        *err = ab_ulps(*v, 2);
        return 1;
    }
    if (x == -INFINITY) {
        *v = -la;
        *err = ab_ulps(*v, 3);
        return 1;
    }
    *v = la * expm1(x);
    *err = ab_ulps(*v, 12);
    return 1;
}

/* gaussian(x) = e^(-x^2).  s = x^2 is exact (a float has 24 bits).
 * |x| < 2^-16 (x != 0): 0 < 1 - e^-s < s (the top): below 1, b = s <=
 * 2^-32.
 * s <= 708: v = exp(-s), 8u: err = ab_ulps(v, 8).
 * 708 < s <= 744.5: v = exp(-s/2)^2 (fast32_smooth.c): ab_ulps(v, 17), through
 * fast_sign_known (f > 0).  Beyond (s = +inf included, |x| > 2^64):
 * 0 < e^-s < 2^-1074: fast_tiny, above +0.  +-0: 1; +-inf: +0, exact. */
int ab_fast32_gaussian(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, 1.0);
    if (isinf(x)) return fast_exact(v, err, 0.0);
    double s = x * x;
    if (fabs(x) < 0x1p-16) return fast_beside(1.0, 0, s, v, err);
    if (s <= -SUB_LN) {
        *v = exp(-s);
        *err = ab_ulps(*v, 8);
        return 1;
    }
    if (s > -TINY_LN) return fast_tiny(v, err, +1);
    double h = exp(-s / 2), r = h * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), +1);
}
