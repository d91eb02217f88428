/* mish.c: MPFR reference for mish(x) = x * tanh(softplus(x)). */
#include "mish.h"
#include "ref_common.h"

/* With n = e^x, tanh(log1p(n)) = ((1+n)^2 - 1) / ((1+n)^2 + 1)
 * = n(n+2) / (n(n+2) + 2), and with m = e^-x = 1/n the same ratio is
 * (1 + 2m) / (1 + 2m + 2m^2).  The first form is used for x < 0 (n < 1),
 * the second for x > 0 (m < 1): exp never overflows, every sum adds
 * positives, and no (1+n)^2 - 1 cancellation is left.
 * x > 0: exp u, then a = 1+2m (2u), b = 2m^2 (3u), d = a+b (4u),
 * a/d (7u), times x (8u).
 * x < 0: exp u, n+2 (2u), t = n(n+2) (4u), t+2 (5u), t/(t+2) (10u),
 * times x (11u).  Both under 16u.  Far out, m or n underflows MPFR's range
 * to 0: then y = x (x > 0; the true value is x(1 - O(m^2)), below x by a
 * relative 2^(-2^63)) or y = x * 0 = -0 (x < 0, a value below
 * 2^(-2^62)), both rounded correctly. */
long ab_ref_mish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    /* x e^x -> 0 from below at -inf: -0. */
    if (ab_ref_x_sigmoid_special(y, x)) return AB_REF_EXACT;
    /* 2x >= p + 2: softplus(x) > x and 0 < x - mish(x) < 2x e^(-2x) <
     * 2^(EXP(x)+1) e^-(p+2) < 2^(EXP(x)-p-1), the gap below x. */
    if (mpfr_cmp_ui(x, (p + 2) / 2 + 1) >= 0) return ab_ref_beside(y, x, 0);
    /* |x| < 2^-(p+1) with 3x/5 exact at p bits (5 divides x's significand):
     * mish(x) - 3x/5 = x (tanh(softplus x) - tanh(ln 2)) is positive (the
     * factor increases with x, slope sech^2 * sigmoid < 1) and below x^2 <
     * 2^(EXP(x)-p-1), inside the gap beside 3x/5 (|3x/5| > 2^(EXP(x)-2)).
     * Otherwise 3x/5 is at least a fifth of a grid step from the grid. */
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_mul_ui(y, x, 3, MPFR_RNDN);
        if (mpfr_div_ui(y, y, 5, MPFR_RNDN) == 0) return AB_REF_ABOVE;
    }
    mpfr_ptr e = tmp[0], a = tmp[1], b = tmp[2];
    mpfr_set_prec(e, p);
    mpfr_set_prec(a, p);
    mpfr_set_prec(b, p);
    if (mpfr_sgn(x) > 0) {
        mpfr_neg(e, x, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);          /* m */
        mpfr_mul_2ui(a, e, 1, MPFR_RNDN);
        mpfr_add_ui(a, a, 1, MPFR_RNDN);    /* 1 + 2m */
        mpfr_sqr(b, e, MPFR_RNDN);
        mpfr_mul_2ui(b, b, 1, MPFR_RNDN);   /* 2m^2 */
        mpfr_add(b, a, b, MPFR_RNDN);
        mpfr_div(a, a, b, MPFR_RNDN);
    } else {
        mpfr_exp(e, x, MPFR_RNDN);          /* n */
        mpfr_add_ui(a, e, 2, MPFR_RNDN);
        mpfr_mul(a, a, e, MPFR_RNDN);       /* n(n+2) */
        mpfr_add_ui(b, a, 2, MPFR_RNDN);
        mpfr_div(a, a, b, MPFR_RNDN);
    }
    mpfr_mul(y, x, a, MPFR_RNDN);
    return ab_ref_rel_bound(y, p, 4);
}
