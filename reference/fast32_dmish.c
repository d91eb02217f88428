/* fast32_dmish.c: the certified binary64 tier (ab_fast32_fn, fast32.h) of
 * mish'(x) = tanh(sp) + x sech^2(sp) sigmoid(x), sp = log(1 + e^x), in
 * the forms of its MPFR reference (reference/d_mish.c): with n = e^x,
 *   f = q/D + x 4n(1+n)/D^2,  q = n(n+2),  D = q + 2,
 * and with m = e^-x (multiplied through by m^2),
 *   f = a/D + x 4m^2(1+m)/D^2,  a = 1 + 2m,  D = a + 2m^2.
 * Error accounting as at the top of fast32_smooth.c: u = 2^-53, libm exp
 * within AB_LIBM_ULP = 4 ulps of e^y, 8u relative for a normal result (an
 * assumption, at least twice what glibc documents (fast32.h), as for every
 * tier); each + - * / u relative, or u times its computed result
 * (fl(s) = s/(1 + d), |d| <= u); directions as in fast32_tier.h.
 * tests/test_fast32_more.c certifies it against the reference. */
#include "fast32_tier.h"

/* mish'(x).  +inf: 1, -inf: -0, exact (the reference's limits).
 *
 * x >= 16: m <= e^-16, 1 < D < 1 + 2m + 2m^2 < 1.01, and
 * f - 1 = (2m^2/D)(2x(1+m)/D - 1): 2x(1+m)/D > 31, so f > 1, and
 * f - 1 < 4x m^2 (1+m) < 4.01 x e^-2x <= 4.01 16 e^-32 < 2^-40.1 (x e^-2x
 * decreases for x > 1/2): above the grid point 1, b = 2^-39.  On
 * [1.5, 16) f decreases to f(16) = 1 + 2^-40.21 (mpmath): f - 1 stays
 * 2^8 above the bound below (22u = 2^-48.5), which decides.
 *
 * 0 < x < 16: m = exp(-x) (8u, normal: m > e^-16); a = 1 + 2m: 8u 2m/(1+2m)
 * + u <= 6.34u; m^2 (17u), exact doubling; D = a + 2m^2 with 2m^2/D <= 2/5:
 * 3/5 6.34u + 2/5 17u + u <= 11.6u; t1 = a/D: 19u.  1 + m: 5u;
 * m^2 (1+m): 23u, times 4 exact; D^2: 24.2u; the quotient 48.2u; times
 * x: t2 49.2u.  v = t1 + t2 (positives): u |v|.  err = 20u t1 + 50u t2 +
 * ab_ulps(v, 1) (2u |v|): the roundings up (> 0.8u (t1 + t2)) hold the
 * second-order terms (below 2500u^2 = 2^-94 relative).  f (x != 0) is
 * transcendental: never a grid point.
 *
 * -120 <= x <= 0: the sum q/D + x(...) cancels at mish's minimum
 * x0 = -1.19243121451549521 (f ~ 0.267 (x - x0)), where each term is
 * 0.26 in size: their errors (23u and 35u, as for t1 and t2 above) would
 * add up to 15u = 2^-49 absolute.  Over a common denominator the
 * cancellation moves into a cubic in n whose coefficients are exact:
 *   f = r B,  r = n/D^2,  B = n^3 + 4n^2 + c1 n + c0,
 *   c1 = 6 + 4x,  c0 = 4 + 4x
 * (q D + 4x n(1+n) = n ((n+2)(n^2+2n+2) + 4x(1+n)) = n B).  B is formed
 * by Horner: s1 = n + 4, s2 = s1 n, s3 = s2 + c1, s4 = s3 n, B = s4 + c0.
 * c1 and c0 are exact for |x| >= 2^-29 (4x exact; on (-2, -2^-29] x is a
 * multiple of 2^-52, c a multiple of 2^-50 under 8 in size; on [-120, -2]
 * multiples of 2^-20 under 2^9), else each within u |c|.  Each Horner
 * step errs by at most u times its computed result, and the errors reach
 * B^ through the later products by n, exactly: with n the computed exp
 * and B(n) the cubic with exact coefficients there,
 *   |B^ - B(n)| <= u (s1 n^2 + (s2 + |s3|) n + |s4| + |B^|
 *                    + [|x| < 2^-29] (|c1| n + |c0|)),
 * and exp's 8u moves B by at most |B'| 8u n, |B'| <= 3n^2 + 8n + |c1|:
 * |B^ - B(e^x)| <= eB u (eB the sum of both, first order).  r: n + 2
 * (8u n/(n+2) + u <= 3.7u, n <= 1), q = n(n+2) 12.7u, D = q + 2
 * (q/D <= 3/5) 8.6u, D^2 18.2u, n/D^2 27.2u; v = r^ B^ one rounding more:
 *   |v - f| <= r |B^ - B| + |r^ B^ - r B^| + u |v| <= r eB u + 28.2u |v|,
 * and err = 1.01 r eB u + ab_ulps(v, 15) (30u |v|): the factor 1.01 holds
 * r's own error and the computed eB's, 1.8u |v| the second-order terms.
 * At x0 (n = 0.3035, r = 0.0417, eB = 11.9) err = 0.5u = 2^-54, a 32nd of
 * the two-term sum's bound: of the 2^20 floats within 1/16 of x0, 4 are
 * left undecided (148 by the two-term sum), among them the float nearest
 * x0 (f ~ 2^-30.2, its f32 cell 2^-56 below err); the MPFR path decides
 * them.  Elsewhere the bound fails only within err of a grid point:
 * f (x != 0) is transcendental, f(0) = 3/5 is 0.4 cells from the grid.
 *
 * x < -120: n < 2^-173, D in [2, 2 + 2^-171], (n+2)/D < 1.001 and
 * 4x(1+n)/D^2 < 0.999x, so f = n ((n+2)/D + 4x(1+n)/D^2) < 0, and
 * |f| < n |x| (1+n) (4/D^2 <= 1) < 1.001 120 e^-120 < 2^-166 (|x| e^x
 * increases on x < -1): below -0 in f32 (the cell beside 0 is 2^-151
 * wide), b = 2^-160.  Down to -120 exp, n^3 and every intermediate are
 * normal doubles (n^3 > 2^-520), and the f32 results below 2^-126 (x
 * below -91.86) are decided by the relative bound against the fixed
 * 2^-151 step. */
int ab_fast32_d_mish(double x, double *v, double *err) {
    FAST_NAN(x)
    if (x == INFINITY) return fast_exact(v, err, 1.0);
    if (x >= 16) return fast_beside(1.0, 1, 0x1p-39, v, err);
    if (x == -INFINITY) return fast_exact(v, err, -0.0);
    if (x < -120) return fast_beside_zero(-1, 0x1p-160, v, err);
    if (x > 0) {
        double m = exp(-x), a = 1 + 2 * m, mm = m * m, D = a + 2 * mm;
        double t1 = a / D, t2 = x * (4 * (mm * (1 + m)) / (D * D));
        *v = t1 + t2;
        *err = 20 * U * t1 + 50 * U * t2 + ab_ulps(*v, 1);
        return 1;
    }
    double n = exp(x), c1 = 6 + 4 * x, c0 = 4 + 4 * x;
    double s1 = n + 4, s2 = s1 * n, s3 = s2 + c1, s4 = s3 * n, B = s4 + c0;
    double D = n * (n + 2) + 2, r = n / (D * D);
    *v = r * B;
    double eB = s1 * (n * n) + (s2 + fabs(s3)) * n + fabs(s4) + fabs(B) +
                8 * n * (3 * (n * n) + 8 * n + fabs(c1));
    if (fabs(x) < 0x1p-29) eB += fabs(c1) * n + fabs(c0);
    *err = 1.01 * U * (r * eB) + ab_ulps(*v, 15);
    return 1;
}
