/* d_tanh.c: MPFR reference for tanh'(x) = 1 - tanh^2(x)
 * = 4 e^-2|x| / (1 + e^-2|x|)^2, an even function in (0, 1].
 *
 * The formula has only positive terms (no 1 - tanh^2 cancellation) and
 * is enclosed with interval.h's outward-rounded arithmetic; the inputs
 * where an enclosure could never decide come first. */
#include "d_tanh.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* +-inf: the limit +0 (f > 0 everywhere). */
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    /* +-0: 1 - 0 = 1 exactly. */
    if (mpfr_zero_p(x)) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* 0 < 1 - f = tanh^2 x < x^2 < 2^-p for |x| < 2^-ceil(p/2): inside
     * the gap 2^-p between 1 and its neighbour below at p bits. */
    if (ab_ref_below_2exp(x, (long)(p + 1) / 2)) return ab_ref_unit_toward_zero(y, 0);
    /* |x| >= 383: 0 < f < 4 e^-2|x| <= 4 e^-766 < 2^2 2^-1105 < 2^-1100
     * (766 / ln 2 = 1105.1). */
    if (mpfr_cmpabs_ui(x, 383) >= 0) return ab_iv_tiny(y, 0);
    ab_iv v, s;
    ab_iv_init(&v, p + 10);
    ab_iv_init(&s, p + 10);
    ab_iv_set(&v, x);
    ab_iv_abs(&v, &v);
    ab_iv_mul_si(&v, &v, -2);    /* exact */
    ab_iv_exp(&v, &v);           /* e = e^-2|x| in (0, 1) */
    ab_iv_add_si(&s, &v, 1);
    ab_iv_sqr(&s, &s);
    ab_iv_mul_2si(&v, &v, 2);    /* 4e, exact */
    ab_iv_div(&v, &v, &s);
    long E = ab_iv_result(y, &v);
    ab_iv_clear(&v);
    ab_iv_clear(&s);
    return E;
}
