/* gaussian.c: MPFR reference for gaussian(x) = e^(-x^2). */
#include "gaussian.h"
#include "ref_common.h"

/* x^2 is formed exactly (twice x's precision), so the only rounding is
 * exp's, correctly rounded: its ternary value is the direction
 * (ab_ref_ternary), which decides 1 - x^2 for tiny x at once.  For |x| beyond ~1.8e9
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
    return ab_ref_ternary(y, inex);
}
