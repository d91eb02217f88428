/* gelu_tanh.c: MPFR reference for the tanh form of GELU,
 * gelu_tanh(x) = x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))),
 * a function of its own (not an approximation of gelu here): sqrt(2/pi)
 * is taken exactly (to working precision) and 0.044715 as the decimal. */
#include "gelu_tanh.h"
#include "ref_common.h"

/* 1 + tanh(u) = 2 sigmoid(2u), so gelu_tanh(x) = x sigmoid(v) with
 * v = 2 sqrt(2/pi) x (1 + 0.044715 x^2): no 1 + tanh cancellation, and
 * sigmoid is evaluated as 1/(1+e^-v) (v >= 0) or e^v/(1+e^v) (v < 0),
 * exp never overflowing.  sigmoid's condition number in v is
 * v(1 - sigmoid(v)), up to |v| ~ 0.07|x|^3 in the negative tail, so v is
 * computed with pv = p + 3 max(EXP(x), 0) + 12 bits, since |v| <
 * 2^(3 max(EXP(x),0) + 1): x^2 (u), c = 44715/10^6 (u), c x^2 (3u),
 * 1 + . (positive, 4u), times x (5u), sqrt(2/pi) (2/pi: 2u, sqrt: 2u),
 * product (8u); |v| * 8u_v < u/32.  Then exp (u), 1 + e (2u), the
 * quotient (u) and the product with x (u): under 8u.
 * |x| >= 2^24: |v| > 0.07 * 2^72 > 2^68, so x (x > 0, bound 2^-11000) or
 * -0 (x < 0; the value is below |x| e^(-2^68) < 2^(-2^62), outside MPFR's
 * range) is the answer, as in gelu.c. */
long ab_ref_gelu_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (ab_ref_x_sigmoid_special(y, x)) return AB_REF_EXACT;
    long ex = mpfr_get_exp(x);
    if (ex > 24) return ab_ref_x_or_neg_zero(y, x);
    /* v >= p + 1 (v > 1.59 x and v > 0.0713 x^3): 0 < x - gelu_tanh(x) =
     * x sigmoid(-v) < x e^-v < 2^(EXP(x)-p-1), the gap below x.  |x| < 2^-(p+1): the excess over
     * x/2, x tanh(sqrt(2/pi)(x + c x^3))/2, is in (0, x^2/2), under the gap
     * beside x/2. */
    double xd = mpfr_get_d(x, MPFR_RNDN);
    if (xd > 0 && (1.59 * xd >= (double)(p + 1) || 0.0713 * xd * xd * xd >= (double)(p + 1)))
        return ab_ref_beside(y, x, 0);
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_div_2ui(y, x, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    mpfr_prec_t pv = p + 3 * (ex > 0 ? ex : 0) + 12;
    mpfr_ptr v = tmp[0], c = tmp[1], e = tmp[2];
    mpfr_set_prec(v, pv);
    mpfr_set_prec(c, pv);
    mpfr_set_ui(c, 44715, MPFR_RNDN);
    mpfr_div_ui(c, c, 1000000, MPFR_RNDN);
    mpfr_sqr(v, x, MPFR_RNDN);
    mpfr_mul(v, v, c, MPFR_RNDN);
    mpfr_add_ui(v, v, 1, MPFR_RNDN);
    mpfr_mul(v, v, x, MPFR_RNDN);
    mpfr_const_pi(c, MPFR_RNDN);
    mpfr_ui_div(c, 2, c, MPFR_RNDN);
    mpfr_sqrt(c, c, MPFR_RNDN);
    mpfr_mul(v, v, c, MPFR_RNDN);
    mpfr_mul_2ui(v, v, 1, MPFR_RNDN);
    mpfr_set_prec(e, p);
    mpfr_set_prec(c, p);
    ab_ref_x_sigmoid(y, x, v, e, c);
    return ab_ref_rel_bound(y, p, 3);
}
