/* exp.c: the reference of the exp building block is MPFR's own mpfr_exp,
 * which is correctly rounded at the precision of y (p bits): the error is
 * at most half an ulp at p, 2^(EXP(y) - p - 1), and 2^(EXP(y) - p) is
 * returned.  A zero ternary value means y is exact.  NaN, the infinities
 * and +-0 follow IEEE 754 / C99 Annex F, which MPFR implements:
 * exp(+-0) = 1, exp(-inf) = +0, exp(+inf) = +inf.
 */
#include "exp.h"

long ab_ref_exp(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    int inex = mpfr_exp(y, x, MPFR_RNDN);
    if (inex == 0 || !mpfr_regular_p(y)) return AB_REF_EXACT;
    return (long)mpfr_get_exp(y) - (long)p;
}
