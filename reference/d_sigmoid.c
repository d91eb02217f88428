/* d_sigmoid.c: MPFR reference for sigmoid'(x) = s(1 - s)
 * = e^-|x| / (1 + e^-|x|)^2, an even function in (0, 1/4].
 *
 * The value is enclosed with the outward-rounded interval arithmetic of
 * interval.h (the enclosure is the error bound's proof).  Before it, the
 * inputs where an enclosure could never decide: */
#include "d_sigmoid.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* +-inf: e^-|x| = 0, the limit is +0 (f > 0 everywhere). */
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    /* +-0: e^0 / (1 + 1)^2 = 1/4 exactly. */
    if (mpfr_zero_p(x)) { mpfr_set_ui_2exp(y, 1, -2, MPFR_RNDN); return AB_REF_EXACT; }
    /* sigmoid'(x) = (1 - tanh^2(x/2)) / 4, so 0 < 1/4 - f = tanh^2(x/2)/4
     * < x^2/16.  For |x| < 2^-ceil(p/2) that is < 2^(-p-4), inside the gap
     * 2^(-p-2) between 1/4 and its neighbour below at p bits. */
    if (ab_ref_below_2exp(x, (long)(p + 1) / 2)) {
        mpfr_set_ui_2exp(y, 1, -2, MPFR_RNDN);
        return AB_REF_BELOW;
    }
    /* |x| >= 763 > 1100 ln 2 (762.46): 0 < f < e^-|x| < 2^-1100. */
    if (mpfr_cmpabs_ui(x, 763) >= 0) return ab_iv_tiny(y, 0);
    ab_iv v, s;
    ab_iv_init(&v, p + 10);
    ab_iv_init(&s, p + 10);
    ab_iv_set(&v, x);            /* exact: x has 53 bits at most */
    ab_iv_abs(&v, &v);
    ab_iv_neg(&v, &v);
    ab_iv_exp(&v, &v);           /* e = e^-|x| in (0, 1) */
    ab_iv_add_si(&s, &v, 1);
    ab_iv_sqr(&s, &s);           /* (1 + e)^2 in (1, 4) */
    ab_iv_div(&v, &v, &s);
    long E = ab_iv_result(y, &v);
    ab_iv_clear(&v);
    ab_iv_clear(&s);
    return E;
}
