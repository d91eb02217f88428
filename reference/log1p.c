/* log1p.c: the reference of the log1p building block is MPFR's own mpfr_log1p,
 * which is correctly rounded at the precision of y (p bits): its ternary
 * value is returned as a direction (ab_ref_ternary), which decides f's
 * place however close f is to a grid point (exp(x) = 1 + x for tiny x).  NaN, the infinities
 * and +-0 follow IEEE 754 / C99 Annex F, which MPFR implements:
 * log1p(+-0) = +-0, log1p(-1) = -inf, log1p(x < -1) = NaN, log1p(+inf) = +inf.
 */
#include "log1p.h"
#include "ref_common.h"

long ab_ref_log1p(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    int inex = mpfr_log1p(y, x, MPFR_RNDN);
    (void)p;
    return ab_ref_ternary(y, inex);
}
