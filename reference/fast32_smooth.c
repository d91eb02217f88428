/* fast32_smooth.c: the certified binary64 tier (ab_fast32_fn, see
 * api/actbench.h and fast32.h) of sigmoid, tanh, softplus, exp, expm1,
 * log1p, log_sigmoid, silu, mish, elu, celu, selu and gaussian.
 *
 * Error accounting.  u = 2^-53.  x is a float's value, so it has at most
 * 24 significant bits: x/2 and -x are exact, and x*x is exact in binary64.
 * Relative errors, first order, in units of u:
 *   - a libm call (exp, expm1, log1p, tanh) with a normal result: at most
 *     AB_LIBM_ULP = 4 ulps, and an ulp of a normal r is at most 2^-52 |r|:
 *     8u;
 *   - a correctly rounded + - * / with a normal result: u;
 *   - a sum of two positive terms with relative errors a and b: max(a, b),
 *     and the error of a term t of the sum s enters with the weight t/s;
 *   - a product or quotient: the sum of the operands' errors;
 *   - g(y) for an argument y carrying relative error a: a times the
 *     condition number |y g'(y) / g(y)|.
 * Every bound below is k u |v| first order; the second-order terms
 * (products of two errors, at most k^2 u^2) are below 2^-40 of it, and the
 * returned err is ab_ulps(v, k) = 2k u |v| + 2^-1074: twice the first-order
 * bound, plus the smallest subnormal.  ab_ulps rounds once (relative u) and
 * may underflow (absolute 2^-1075), both far inside the factor 2.
 *
 * Results in the binary64 subnormal range.  Where e^y (y < -708.39)
 * would be subnormal, it is formed as h*h with h = exp(y/2) (y/2 exact,
 * h normal, 8u): h*h then carries 16u relative from h, and its own
 * rounding, u relative or 2^-1075 absolute in the subnormal range.  A
 * further product with x is formed as (x*h)*h, x*h being normal.  The
 * bound 17u |v| + 2^-1075 is covered by ab_ulps(v, 17) = 34u |v| + 2^-1074.
 * A factor 1/(1 + e) with e <= 2^-1021, dropped there, changes the value
 * by a relative 2^-1021, also inside the margin.
 *
 * Directions (AB_FAST_ABOVE / AB_FAST_BELOW, api/actbench.h), where no
 * bound (v, err) could decide:
 *   - |f(x)| strictly between 0 and 2^-1074 (no double interval around
 *     f(x) stays on its side of zero): v = +-0 with the direction of f's
 *     sign and err = 2^-1074, each tail's inequality proven at its
 *     function.  exp, sigmoid, softplus: x < -744.5 (e^x < 2^-1074 below
 *     -744.44), f > 0; log_sigmoid: x > 744.5, f < 0; silu, mish:
 *     x < -752, f < 0; gaussian: x^2 > 744.5, f > 0.  Beyond MPFR's
 *     exponent range (|exponent| >= 2^62, i.e. |x| >= 3.2e18 for e^x,
 *     |x| >= 1.79e9 for e^-x^2) the MPFR reference itself gives the exact
 *     signed zero, and so does this tier (err = 0).
 *   - the binary64 subnormal branches: where their bound reaches zero
 *     (|v| <= err, f within a few 2^-1074 of 0), f's sign is known, and
 *     sign_known() answers v = +-0, err = 2 err in f's direction: f lies in
 *     [v - err, v + err] on its own side of zero, so 0 < |f| <= |v| + err
 *     <= 2 err.
 *   - e^x beyond twice the largest double (exp, expm1: 710.4 < x <
 *     3.1966e18): v = DBL_MAX, AB_FAST_ABOVE, err = +inf (e^x > e^710.4 >
 *     DBL_MAX, and e^x - 1 too).  From MPFR_OVF_LN = 3.1966e18 on (e^x
 *     beyond MPFR's range), the MPFR reference gives +inf, and so does
 *     this tier (exact).
 *   - silu(x) for |x| < 2^-64: f(x) = x/2 + x tanh(x/2)/2 (sigmoid(x) =
 *     1/2 + tanh(x/2)/2), and x tanh(x/2) > 0 for x != 0 with |tanh y| <=
 *     |y|: x/2 < f(x) <= x/2 + x^2/4, v = x/2 (exact), err = fl(x^2/4 +
 *     |x| 2^-60) >= x^2/4 (x^2/4 exact: 48 bits, >= 2^-300; the added term
 *     exceeds u times the sum).  For |x| < 2^-125 with an odd last bit, x/2
 *     is an f32 rounding midpoint and no bound could decide it; the slack
 *     |x| 2^-60 = 2^-59 |v| is for the certification (the MPFR reference's
 *     value, which tests/fast32_check.c compares with (v, err), carries
 *     errors up to about 2^-62 relative) and costs no decision: x/2 is an
 *     f32 value or midpoint, and values within 2^-24 |v| above it round as
 *     those just above it do.
 * Other undecided inputs are not declined: (v, err) is returned and the
 * engine's decision falls back (near f32 midpoints: rare).
 */
#include "fast32.h"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Beyond this |y|, e^y is outside MPFR's exponent range (2^(2^62 - 1) is
 * e^3.1966e18): the MPFR references round it to +0 or +inf. */
#define MPFR_RANGE_LN 3.2e18
/* e^y overflows MPFR's range (2^(2^62 - 1), MPFR's largest value is below
 * it) from y = (2^62 - 1) ln 2 = 3196577161300663914.25 on; this is the
 * first float above it (the float below is 2.7e11 below it, where e^y is
 * a finite MPFR value, which the reference then rounds). */
#define MPFR_OVF_LN 0x1.62e43p+61
/* e^y for y < SUB_LN is below 2^-1022: formed as exp(y/2)^2. */
#define SUB_LN (-708.0)
/* e^y < 2^-1074 for y below -744.44. */
#define TINY_LN (-744.5)
/* exp(y) overflows binary64 from 709.7827 on; 709.78 is below. */
#define OVF_LN 709.78

#define SPECIAL_NAN(x)                                                     \
    if (isnan(x)) { *v = x; *err = 0; return 1; }

static inline int exact(double *v, double *err, double value) {
    *v = value;
    *err = 0;
    return 1;
}

/* 0 < |f| < 2^-1074, f of the sign of `sign` (+1 or -1): f lies strictly
 * on that side of +-0 within 2^-1074 (the tails, see the top). */
static inline int tiny(double *v, double *err, int sign) {
    *v = sign > 0 ? 0.0 : -0.0;
    *err = 0x1p-1074;
    return sign > 0 ? AB_FAST_ABOVE : AB_FAST_BELOW;
}

/* The bound (r, e), |r - f| <= e, for an f of the sign of `sign`: as is
 * while |r| > e; else the direction from +-0 (see the top): 0 < |f| <=
 * |r| + e <= 2 e, and 2 e is exact. */
static inline int sign_known(double *v, double *err, double r, double e, int sign) {
    if (fabs(r) > e) {
        *v = r;
        *err = e;
        return AB_FAST_BOUND;
    }
    *v = sign > 0 ? 0.0 : -0.0;
    *err = 2 * e;
    return sign > 0 ? AB_FAST_ABOVE : AB_FAST_BELOW;
}

/* e^x (or e^x - 1) for x >= 709.78, near or beyond DBL_MAX (e^709.7827).
 * x <= 710.4: 2^1023 < f < e^710.4 < 0.93 * 2^1025, so v = DBL_MAX with
 * err = DBL_MAX (1 - 2^-50) holds f: v + err overflows to +inf and
 * v - err = DBL_MAX 2^-50 > 2^973 rounds to +inf in f32 too, so the
 * decision is +inf.  From MPFR_OVF_LN on: +inf exact (the reference's
 * value, MPFR overflowing).  In between: f > e^710.4 - 1 > DBL_MAX, so v = DBL_MAX,
 * AB_FAST_ABOVE with err = +inf (a finite err cannot reach f). */
static int overflow(double x, double *v, double *err) {
    if (x >= MPFR_OVF_LN) return exact(v, err, INFINITY); /* +inf included */
    *v = DBL_MAX;
    if (x > 710.4) {
        *err = INFINITY;
        return AB_FAST_ABOVE;
    }
    *err = DBL_MAX * (1 - 0x1p-50);
    return 1;
}

/* exp(x) = e^x.
 * x > -708: one libm exp, 8u: err = ab_ulps(v, 8).
 * -744.5 <= x < -708: exp(x/2)^2 (header): ab_ulps(v, 17), through
 * sign_known (e^x > 0).  x < -744.5: 0 < e^x < e^-744.5 < 2^-1074
 * (ln 2^-1074 = -744.44): tiny, above +0. */
int ab_fast32_exp(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0) return exact(v, err, 1.0);
    if (x >= OVF_LN) return overflow(x, v, err);
    if (x >= SUB_LN) {
        *v = exp(x);
        *err = ab_ulps(*v, 8);
        return 1;
    }
    if (x <= -MPFR_RANGE_LN) return exact(v, err, 0.0); /* -inf included */
    if (x < TINY_LN) return tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* expm1(x) = e^x - 1.  One libm expm1 (never subnormal: |expm1 x| >= |x|/2
 * and |x| >= 2^-149 is normal in binary64), 8u: err = ab_ulps(v, 8).
 * +-0 exact, -inf -> -1 exact, overflow as exp. */
int ab_fast32_expm1(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0) return exact(v, err, x);
    if (x == -INFINITY) return exact(v, err, -1.0);
    if (x >= OVF_LN) return overflow(x, v, err);
    *v = expm1(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* log1p(x) = ln(1 + x).  One libm log1p (normal result: |log1p x| >= |x|/2
 * for x > -1/2, and far from 0 otherwise), 8u: err = ab_ulps(v, 8).
 * x < -1 (and -inf): NaN; -1: -inf; +inf: +inf; +-0: +-0, all exact. */
int ab_fast32_log1p(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x < -1) return exact(v, err, NAN);
    if (x == -1) return exact(v, err, -INFINITY);
    if (x == INFINITY || x == 0) return exact(v, err, x);
    *v = log1p(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* tanh(x).  One libm tanh, 8u: err = ab_ulps(v, 8).  Its result is never
 * subnormal (|tanh x| >= |x|/2 for |x| <= 1).  +-inf -> +-1, +-0 exact. */
int ab_fast32_tanh(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (isinf(x)) return exact(v, err, x > 0 ? 1.0 : -1.0);
    if (x == 0) return exact(v, err, x);
    *v = tanh(x);
    *err = ab_ulps(*v, 8);
    return 1;
}

/* sigmoid(x) = 1/(1 + e^-x).
 * x >= 0: e = exp(-x) (8u; in [0, 1]; subnormal or 0 for x > 708 adds an
 * absolute 2^-1072 to d, far below u d), d = 1 + e: 8u e/(1+e) <= 4u, plus
 * the add: 5u; v = 1/d: 6u.  err = ab_ulps(v, 6).
 * -708 <= x < 0: e = exp(x) (8u), d = 1 + e (5u as above), v = e/d:
 * 8 + 5 + 1 = 14u.  err = ab_ulps(v, 14).
 * -744.5 <= x < -708: 1 + e rounds to 1 and v = e = exp(x/2)^2 (header),
 * ab_ulps(v, 17), through sign_known (f > 0).  x < -744.5: 0 < f < e^x <
 * 2^-1074: tiny, above +0; +0 exact beyond MPFR's range. */
int ab_fast32_sigmoid(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    /* 2^-28 <= |x| < 2^-12: sigmoid(x) = 1/2 + tanh(x/2)/2, and y - y^3/3
     * <= tanh y < y for y > 0 (odd): f lies strictly on the side of
     * w = 1/2 + x/4 opposite to x's sign, within |x|^3/48.  w is exact (x/4
     * has its last bit at or above 2^-53 here, and |w - 1/2| < 2^-14).
     * When w is an f32 midpoint (x an odd multiple of 2^-23 above 0, of
     * 2^-24 below: 4096 floats) no bound decides f, and the direction does:
     * v = w, err = fl(fl(x^2 |x|)/32 + 2^-56) >= |x|^3 (1 - u)^2/32 >
     * |x|^3/48 (x^2 exact, /32 exact).  The slack 2^-56 serves the
     * certification only (tests/fast32_check.c compares (v, err) in long
     * double with the MPFR reference's value) and costs no decision: it
     * is far below the f32 ulps around v.  Elsewhere the bounds below
     * decide (the direction is kept to the midpoints because there the
     * MPFR reference's value, refined by Ziv's loop until it leaves the
     * midpoint, lies on f's side of w; its first 64-bit value, which it
     * keeps elsewhere, may lie on either side). */
    if (fabs(x) < 0x1p-12 && fabs(x) >= 0x1p-28) {
        double w = 0.5 + x / 4;
        uint64_t b;
        memcpy(&b, &w, sizeof b);
        if ((b & 0x1fffffffu) == 0x10000000u) { /* an f32 midpoint ([1/4, 1): normal) */
            *v = w;
            *err = (x * x) * fabs(x) / 32 + 0x1p-56;
            return x > 0 ? AB_FAST_BELOW : AB_FAST_ABOVE;
        }
    }
    if (x >= 0) {
        *v = 1 / (1 + exp(-x)); /* +inf: exp(-inf) = 0, v = 1 exactly */
        *err = x == INFINITY ? 0 : ab_ulps(*v, 6);
        return 1;
    }
    if (x >= SUB_LN) {
        double e = exp(x);
        *v = e / (1 + e);
        *err = ab_ulps(*v, 14);
        return 1;
    }
    if (x <= -MPFR_RANGE_LN) return exact(v, err, 0.0);
    if (x < TINY_LN) return tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* softplus(x) = ln(1 + e^x).
 * x > 0: x + log1p(e), e = exp(-x) in (0, 1) (8u): log1p's condition number
 * e/((1+e) log1p e) is at most 1, so t = log1p(e) carries 8 + 8 = 16u
 * (and, for subnormal e, an absolute 2^-1070 far below u v since
 * v > ln 2); v = x + t adds positives: 17u.  err = ab_ulps(v, 17).
 * -708 <= x <= 0: v = log1p(exp(x)): 16u.  err = ab_ulps(v, 16).
 * -744.5 <= x < -708: log1p(e) = e (1 - e/2 + ...) with e < 2^-1021, so
 * v = exp(x/2)^2 (header): ab_ulps(v, 17), through sign_known (f > 0).
 * x < -744.5: 0 < log1p(e^x) < e^x < 2^-1074: tiny, above +0; +0 exact
 * beyond MPFR's range.  +inf: +inf; -inf: +0. */
int ab_fast32_softplus(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == INFINITY) return exact(v, err, INFINITY);
    if (x > 0) {
        *v = x + log1p(exp(-x));
        *err = ab_ulps(*v, 17);
        return 1;
    }
    if (x >= SUB_LN) {
        *v = log1p(exp(x));
        *err = ab_ulps(*v, 16);
        return 1;
    }
    if (x <= -MPFR_RANGE_LN) return exact(v, err, 0.0);
    if (x < TINY_LN) return tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* log_sigmoid(x) = -softplus(-x), the MPFR reference's branches mirrored:
 * x < 0: x - log1p(exp(x)) (a negative minus a positive: magnitudes add),
 * 17u; 0 <= x <= 708: -log1p(exp(-x)), 16u; 708 < x <= 744.5:
 * -exp(-x/2)^2, ab_ulps(v, 17), through sign_known (f < 0).  x > 744.5:
 * 0 < -f = log1p(e^-x) < e^-x < 2^-1074: tiny, below -0; -0 exact beyond
 * MPFR's range.  +inf: -0; -inf: -inf. */
int ab_fast32_log_sigmoid(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == -INFINITY) return exact(v, err, -INFINITY);
    if (x < 0) {
        *v = x - log1p(exp(x));
        *err = ab_ulps(*v, 17);
        return 1;
    }
    if (x <= -SUB_LN) {
        *v = -log1p(exp(-x));
        *err = ab_ulps(*v, 16);
        return 1;
    }
    if (x >= MPFR_RANGE_LN) return exact(v, err, -0.0); /* +inf included */
    if (x > -TINY_LN) return tiny(v, err, -1);
    double h = exp(-x / 2), r = -(h * h);
    return sign_known(v, err, r, ab_ulps(r, 17), -1);
}

/* silu(x) = x sigmoid(x).
 * x > 0: x/(1 + exp(-x)): d = 1 + e 5u (as sigmoid), v = x/d 6u.
 * err = ab_ulps(v, 6) (e subnormal or 0: as sigmoid).
 * -708 <= x < 0: e = exp(x) 8u, d = 1 + e 5u, s = e/d 14u, v = x s 15u.
 * err = ab_ulps(v, 15).
 * -752 <= x < -708: v = (x h) h, h = exp(x/2): x h is normal (9u), and the
 * product is 17u or 2^-1075 absolute (header); 1/(1+e) dropped.
 * err = ab_ulps(v, 17), through sign_known (f < 0).  Below -752: 0 < -f =
 * |x| sigmoid(x) < |x| e^x, which increases with x for x < -1, and
 * 752 e^-752 = e^-745.38 < 2^-1074: tiny, below -0; -0 exact beyond
 * MPFR's range.  |x| < 2^-64: x/2, above, err = x^2/4 (the top).
 * +-0: +-0; +inf: +inf; -inf: -0. */
int ab_fast32_silu(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0 || x == INFINITY) return exact(v, err, x);
    /* x/2 < f(x) <= x/2 + x^2/4 (the top): decides the f32 midpoints x/2
     * of |x| < 2^-125 (odd last bit), and the rest of |x| < 2^-64 too. */
    if (fabs(x) < 0x1p-64) {
        *v = x / 2;
        *err = x * x / 4 + fabs(x) * 0x1p-60;
        return AB_FAST_ABOVE;
    }
    if (x > 0) {
        *v = x / (1 + exp(-x));
        *err = ab_ulps(*v, 6);
        return 1;
    }
    if (x >= SUB_LN) {
        double e = exp(x);
        *v = x * (e / (1 + e));
        *err = ab_ulps(*v, 15);
        return 1;
    }
    if (x <= -MPFR_RANGE_LN) return exact(v, err, -0.0); /* -inf included */
    if (x < -752.0) return tiny(v, err, -1);
    double h = exp(x / 2), r = (x * h) * h;
    return sign_known(v, err, r, ab_ulps(r, 17), -1);
}

/* mish(x) = x tanh(softplus(x)), as the MPFR reference arranges it.
 * x > 0: m = exp(-x) (8u, in (0, 1)); a = 1 + 2m: 8u 2m/(1+2m) + u <= 9u;
 * b = 2m^2: 17u; d = a + b (positives): 18u; r = a/d: 9 + 18 + 1 = 28u;
 * v = x r: 29u.  err = ab_ulps(v, 29).  (For m below 2^-511, m^2 and b are
 * subnormal or 0: an absolute error below 2^-1070, far below u d, d >= 1.)
 * -708 <= x < 0: n = exp(x) (8u, in (0, 1)); a = n + 2: 8u n/(n+2) + u
 * <= 4u; t = n a: 13u; t + 2: 13u t/(t+2) + u <= 9u (t <= 3); r = t/(t+2):
 * 23u; v = x r: 24u.  err = ab_ulps(v, 24).
 * -752 <= x < -708: r = n (n+2)/(n(n+2) + 2) = n (1 + O(n)) with
 * n < 2^-1021: v = (x h) h, h = exp(x/2), as silu: ab_ulps(v, 17),
 * through sign_known (f < 0).  Below -752: 0 < -f = |x| tanh(softplus x)
 * <= |x| softplus(x) < |x| e^x < 2^-1074 (as silu): tiny, below -0; -0
 * exact beyond MPFR's range.
 * +-0: +-0; +inf: +inf; -inf: -0. */
int ab_fast32_mish(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0 || x == INFINITY) return exact(v, err, x);
    if (x > 0) {
        double m = exp(-x);
        double a = 1 + 2 * m, b = 2 * (m * m);
        *v = x * (a / (a + b));
        *err = ab_ulps(*v, 29);
        return 1;
    }
    if (x >= SUB_LN) {
        double n = exp(x);
        double t = n * (n + 2);
        *v = x * (t / (t + 2));
        *err = ab_ulps(*v, 24);
        return 1;
    }
    if (x <= -MPFR_RANGE_LN) return exact(v, err, -0.0); /* -inf included */
    if (x < -752.0) return tiny(v, err, -1);
    double h = exp(x / 2), r = (x * h) * h;
    return sign_known(v, err, r, ab_ulps(r, 17), -1);
}

/* elu(x), alpha = 1: x for x >= 0 (exact, -0 and +inf included); expm1(x)
 * for x < 0, one libm call, 8u: err = ab_ulps(v, 8); -inf: -1 exact. */
int ab_fast32_elu(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x >= 0) return exact(v, err, x);
    if (x == -INFINITY) return exact(v, err, -1.0);
    *v = expm1(x);
    *err = ab_ulps(*v, 8);
    return 1;
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
static const double selu_lambda = 1.0507009873554805;
static const double selu_alpha = 1.6732632423543772;
int ab_fast32_selu(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0 || x == INFINITY) return exact(v, err, x);
    const double la = selu_lambda * selu_alpha;
    if (x > 0) {
        *v = selu_lambda * x;
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
 * s <= 708: v = exp(-s), 8u: err = ab_ulps(v, 8).
 * 708 < s <= 744.5: v = exp(-s/2)^2 (header): ab_ulps(v, 17), through
 * sign_known (f > 0).  Beyond: 0 < e^-s < 2^-1074: tiny, above +0;
 * |x| >= 1.79e9 (s >= 3.2e18, beyond MPFR's range, +-inf included): +0
 * exact.  +-0: 1 exact. */
int ab_fast32_gaussian(double x, double *v, double *err) {
    SPECIAL_NAN(x)
    if (x == 0) return exact(v, err, 1.0);
    if (fabs(x) >= 1.79e9) return exact(v, err, 0.0);
    double s = x * x;
    if (s <= -SUB_LN) {
        *v = exp(-s);
        *err = ab_ulps(*v, 8);
        return 1;
    }
    if (s > -TINY_LN) return tiny(v, err, +1);
    double h = exp(-s / 2), r = h * h;
    return sign_known(v, err, r, ab_ulps(r, 17), +1);
}
