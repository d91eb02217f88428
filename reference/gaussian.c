/* gaussian.c: MPFR reference for gaussian(x) = e^(-x^2). */
#include "gaussian.h"

/* x^2 is formed exactly (twice x's precision), so the only rounding is
 * exp's (u): |y - f| <= u|f| < 2^(EXP(y) + 1 - p).  For |x| beyond ~1.8e9
 * e^(-x^2) underflows MPFR's range to +0, which is the correct rounding of
 * a value below 2^(-2^62).  x = +-0 gives exactly 1 (exp reports it). */
long ab_ref_gaussian(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    mpfr_ptr s = tmp[0];
    mpfr_set_prec(s, 2 * mpfr_get_prec(x));
    mpfr_sqr(s, x, MPFR_RNDN);
    mpfr_neg(s, s, MPFR_RNDN);
    int inex = mpfr_exp(y, s, MPFR_RNDN);
    (void)p;
    return inex ? (long)mpfr_get_exp(y) + 1 - (long)mpfr_get_prec(y) : AB_REF_EXACT;
}
