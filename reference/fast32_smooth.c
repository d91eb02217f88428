/* fast32_smooth.c: the certified binary64 tier (ab_fast32_fn, see
 * api/actbench.h and fast32.h) of sigmoid, softplus, log_sigmoid, silu
 * and mish.  The accounting below serves fast32_exp.c (exp, expm1, log1p,
 * tanh, elu, celu, selu, gaussian) too; the shared constants and answers
 * are in fast32_tier.h.
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
 *     exponent range too (|x| >= 3.2e18 for e^x, |x| >= 1.79e9 for
 *     e^-x^2), where the MPFR reference answers the signed zero with f's
 *     direction (f is no zero, and f's grid cell is the one beside 0).
 *   - the binary64 subnormal branches: where their bound comes near zero
 *     (|v| <= 2 err, f within a few 2^-1074 of 0), f's sign is known, and
 *     fast_sign_known() answers v = +-0, err = 4 err in f's direction: f
 *     lies in [v - err, v + err] on its own side of zero, so 0 < |f| <=
 *     |v| + err <= 3 err.
 *   - e^x beyond twice the largest double (exp, expm1: 710.4 < x <
 *     3.1966e18): v = DBL_MAX, AB_FAST_ABOVE, err = +inf (e^x > e^710.4 >
 *     DBL_MAX, and e^x - 1 too).  From MPFR_OVF_LN = 3.1966e18 on (e^x
 *     beyond MPFR's range), the MPFR reference gives +inf, and so does
 *     this tier (exact).
 *   - beside a grid point w of the f32 grid (fast32_tier.h), where f
 *     sits closer to w than any bound could tell: saturation (sigmoid ->
 *     1, softplus -> x, log_sigmoid -> x, silu -> x, mish -> x for large
 *     |x|, bounded by e^-|x|) and near-identity at tiny |x| (sigmoid ->
 *     1/2 or 1/2 + x/4, silu -> x/2, mish -> 3x/5 when exact), each proven
 *     at its function.
 * Other undecided inputs are not declined: (v, err) is returned and the
 * engine's decision falls back (within err of a grid point: rare).
 */
#include "fast32_tier.h"

/* sigmoid(x) for 0 < |x| < 2^-12, beside a grid point; 0 where the bound
 * must decide.  sigmoid(x) = 1/2 + tanh(x/2)/2, and y - y^3/3 <= tanh y
 * < y for y > 0 (tanh is odd).
 * |x| < 2^-28: f - 1/2 has x's sign and |f - 1/2| < |x|/4: beside 1/2,
 * b = |x|/4 (exact) < 2^-30.
 * 2^-28 <= |x| < 2^-12: f lies strictly on the side of w = 1/2 + x/4
 * opposite to x's sign, within |x|^3/48.  w is exact (x/4 has its last bit
 * at or above 2^-53 here, and |w - 1/2| < 2^-14).  When w is a grid point
 * (fast_on_grid; w in [1/4, 1)), an f32 midpoint for instance (x an odd
 * multiple of 2^-23 above 0, of 2^-24 below), no bound decides f, and the
 * direction does: b = fl(x^2 |x|)/32 >= |x|^3 (1 - u)/32 > |x|^3/48 (x^2
 * exact, /32 exact), b < 2^-41.  Otherwise w is off the grid by a multiple
 * of x/4's last bit, and the bound decides (but for isolated inputs).
 * (The direction is kept to grid points w: there the MPFR reference's
 * value, refined by Ziv's loop until it leaves w's cell edge, lies on f's
 * side of w; elsewhere its first 64-bit value may lie on either side.) */
static int sigmoid_near_half(double x, double *v, double *err) {
    if (fabs(x) < 0x1p-28) return fast_beside(0.5, x > 0, fabs(x) / 4, v, err);
    double w = 0.5 + x / 4;
    if (!fast_on_grid(w)) return 0;
    return fast_beside(w, x < 0, (x * x) * fabs(x) / 32, v, err);
}

/* sigmoid(x) = 1/(1 + e^-x).
 * x >= 0: e = exp(-x) (8u; in [0, 1]; subnormal or 0 for x > 708 adds an
 * absolute 2^-1072 to d, far below u d), d = 1 + e: 8u e/(1+e) <= 4u, plus
 * the add: 5u; v = 1/d: 6u.  err = ab_ulps(v, 6).
 * -708 <= x < 0: e = exp(x) (8u), d = 1 + e (5u as above), v = e/d:
 * 8 + 5 + 1 = 14u.  err = ab_ulps(v, 14).
 * -744.5 <= x < -708: 1 + e rounds to 1 and v = e = exp(x/2)^2 (header),
 * ab_ulps(v, 17), through fast_sign_known (f > 0).  x < -744.5: 0 < f < e^x <
 * 2^-1074: fast_tiny, above +0.
 * 0 < |x| < 2^-12: sigmoid_near_half first.  x >= 24 (finite): 0 < 1 - f =
 * e^-x/(1 + e^-x) < e^-24 < 2^-34: below 1, b = 2^-34; below 24, 1 - f >
 * 2^-35, which the bound decides.  +-0: 1/2; +inf: 1, exact. */
int ab_fast32_sigmoid(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0) return fast_exact(v, err, 0.5);
    if (x == INFINITY) return fast_exact(v, err, 1.0);
    if (x >= 24) return fast_beside(1.0, 0, 0x1p-34, v, err);
    if (fabs(x) < 0x1p-12) {
        int code = sigmoid_near_half(x, v, err);
        if (code) return code;
    }
    if (x >= 0) {
        *v = 1 / (1 + exp(-x));
        *err = ab_ulps(*v, 6);
        return 1;
    }
    if (x >= SUB_LN) {
        double e = exp(x);
        *v = e / (1 + e);
        *err = ab_ulps(*v, 14);
        return 1;
    }
    if (x == -INFINITY) return fast_exact(v, err, 0.0);
    if (x < TINY_LN) return fast_tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* softplus(x) = ln(1 + e^x).
 * x > 0: x + log1p(e), e = exp(-x) in (0, 1) (8u): log1p's condition number
 * e/((1+e) log1p e) is at most 1, so t = log1p(e) carries 8 + 8 = 16u
 * (and, for subnormal e, an absolute 2^-1070 far below u v since
 * v > ln 2); v = x + t adds positives: 17u.  err = ab_ulps(v, 17).
 * -708 <= x <= 0: v = log1p(exp(x)): 16u.  err = ab_ulps(v, 16).
 * -744.5 <= x < -708: log1p(e) = e (1 - e/2 + ...) with e < 2^-1021, so
 * v = exp(x/2)^2 (header): ab_ulps(v, 17), through fast_sign_known (f > 0).
 * x < -744.5: 0 < log1p(e^x) < e^x < 2^-1074: fast_tiny, above +0.  +inf:
 * +inf; -inf: +0.
 * x >= 24 (finite): 0 < f - x = log1p(e^-x) < e^-x <= e^-24 < 2^-34: above
 * x, b = 2^-34 <= 2^-38 x; below 24, f - x > e^-24/2 > 2^-36, which the
 * bound (2^-43 at most there) decides. */
int ab_fast32_softplus(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == INFINITY) return fast_exact(v, err, INFINITY);
    if (x >= 24) return fast_beside(x, 1, 0x1p-34, v, err);
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
    if (x == -INFINITY) return fast_exact(v, err, 0.0);
    if (x < TINY_LN) return fast_tiny(v, err, +1);
    double h = exp(x / 2), r = h * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), +1);
}

/* log_sigmoid(x) = -softplus(-x), the MPFR reference's branches mirrored:
 * x < 0: x - log1p(exp(x)) (a negative minus a positive: magnitudes add),
 * 17u; 0 <= x <= 708: -log1p(exp(-x)), 16u; 708 < x <= 744.5:
 * -exp(-x/2)^2, ab_ulps(v, 17), through fast_sign_known (f < 0).  x > 744.5:
 * 0 < -f = log1p(e^-x) < e^-x < 2^-1074: fast_tiny, below -0.  +inf: -0;
 * -inf: -inf.
 * x <= -24 (finite): 0 < x - f = log1p(e^x) < 2^-34 (softplus mirrored):
 * below x, b = 2^-34. */
int ab_fast32_log_sigmoid(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == -INFINITY) return fast_exact(v, err, -INFINITY);
    if (x <= -24) return fast_beside(x, 0, 0x1p-34, v, err);
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
    if (x == INFINITY) return fast_exact(v, err, -0.0);
    if (x > -TINY_LN) return fast_tiny(v, err, -1);
    double h = exp(-x / 2), r = -(h * h);
    return fast_sign_known(v, err, r, ab_ulps(r, 17), -1);
}

/* silu(x) = x sigmoid(x).
 * x > 0: x/(1 + exp(-x)): d = 1 + e 5u (as sigmoid), v = x/d 6u.
 * err = ab_ulps(v, 6) (e subnormal or 0: as sigmoid).
 * -708 <= x < 0: e = exp(x) 8u, d = 1 + e 5u, s = e/d 14u, v = x s 15u.
 * err = ab_ulps(v, 15).
 * -752 <= x < -708: v = (x h) h, h = exp(x/2): x h is normal (9u), and the
 * product is 17u or 2^-1075 absolute (header); 1/(1+e) dropped.
 * err = ab_ulps(v, 17), through fast_sign_known (f < 0).  Below -752: 0 < -f =
 * |x| sigmoid(x) < |x| e^x, which increases with x for x < -1, and
 * 752 e^-752 = e^-745.38 < 2^-1074: fast_tiny, below -0.  +-0: +-0; +inf:
 * +inf; -inf: -0.
 * 0 < |x| < 2^-30: f(x) = x/2 + x tanh(x/2)/2 (sigmoid(x) = 1/2 +
 * tanh(x/2)/2), and x tanh(x/2) > 0 for x != 0 with |tanh y| <= |y|:
 * x/2 < f(x) <= x/2 + x^2/4: above x/2 (exact), b = x^2/4 (exact: 48 bits,
 * >= 2^-300) <= 2^-31 |x/2|.  This decides the f32 midpoints x/2 of
 * |x| < 2^-125 (odd last bit) too.  Beyond, f - x/2 > x^2/5 > 2^-32 |x/2|.
 * x >= 24 (finite): 0 < x - f = x e^-x/(1 + e^-x) < x e^-24 < x 2^-34:
 * below x, b = x 2^-34 (exact); below 24, x - f > x 2^-35.7. */
int ab_fast32_silu(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0 || x == INFINITY) return fast_exact(v, err, x);
    if (fabs(x) < 0x1p-30) return fast_beside(x / 2, 1, x * x / 4, v, err);
    if (x >= 24) return fast_beside(x, 0, x * 0x1p-34, v, err);
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
    if (x == -INFINITY) return fast_exact(v, err, -0.0);
    if (x < -752.0) return fast_tiny(v, err, -1);
    double h = exp(x / 2), r = (x * h) * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), -1);
}

/* mish(x) for 0 < |x| < 2^-30 beside 3x/5; 0 where the bound must decide.
 * mish(x) = x g(x), g = tanh(softplus(x)), g(0) = tanh(ln 2) = 3/5, and
 * g'(x) = (1 - tanh^2(softplus x)) sigmoid(x) lies in (0, 1): g(x) - 3/5
 * has x's sign and |g(x) - 3/5| < |x|, so 0 < f - 3x/5 < x^2.  3x is exact
 * (26 bits), w = fl(3x/5), and w = 3x/5 exactly iff the fma residual
 * 5w - 3x (exact, then rounded: a nonzero residual, a multiple of 2^-210,
 * stays nonzero) is 0: then w, 24 bits at most, is a float, and the answer
 * is above w, b = x^2 (exact) < 2^-30 |x| < 2^-29 |w|.  Otherwise 3x/5 is
 * no dyadic number: x = m 2^k with 5 not dividing m, and 3x/5 is at least
 * a fifth of a grid step q from the grid (its multiple of q/5 is not one
 * of q), far beyond the bound's 2^-46 |f| + x^2. */
static int mish_near_3x5(double x, double *v, double *err) {
    double w = 3 * x / 5;
    if (fma(w, 5, -3 * x) != 0) return 0;
    return fast_beside(w, 1, x * x, v, err);
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
 * through fast_sign_known (f < 0).  Below -752: 0 < -f = |x| tanh(softplus x)
 * <= |x| softplus(x) < |x| e^x < 2^-1074 (as silu): fast_tiny, below -0.
 * +-0: +-0; +inf: +inf; -inf: -0.
 * x >= 12 (finite): s = softplus(x) > x, and 0 < x - f = x (1 - tanh s) =
 * 2x/(e^(2s) + 1) < 2x e^-24 < x 2^-33: below x, b = x 2^-33 (exact);
 * below 12, x - f > x e^-24.01 > x 2^-35.
 * 0 < |x| < 2^-30 with 3x/5 exact: mish_near_3x5. */
int ab_fast32_mish(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == 0 || x == INFINITY) return fast_exact(v, err, x);
    if (x >= 12) return fast_beside(x, 0, x * 0x1p-33, v, err);
    if (fabs(x) < 0x1p-30) {
        int code = mish_near_3x5(x, v, err);
        if (code) return code;
    }
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
    if (x == -INFINITY) return fast_exact(v, err, -0.0);
    if (x < -752.0) return fast_tiny(v, err, -1);
    double h = exp(x / 2), r = (x * h) * h;
    return fast_sign_known(v, err, r, ab_ulps(r, 17), -1);
}
