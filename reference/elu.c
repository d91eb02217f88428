/* elu.c: elu(x) = x for x >= 0, alpha (e^x - 1) for x < 0, alpha = 1.
 *
 * Special values: NaN -> NaN; elu(+-0) = +-0 (the x >= 0 branch takes -0,
 * and expm1(-0) = -0 would agree); elu(+inf) = +inf; elu(-inf) = -alpha.
 * For x < 0 the value is one correctly rounded mpfr_expm1 (times alpha = 1):
 * error at most half an ulp at p, reported as 2^(EXP(y) - p).  expm1, not
 * exp - 1, because e^x - 1 cancels for small |x|. */
#include "elu.h"

long ab_ref_elu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_sgn(x) >= 0) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    int inex = mpfr_expm1(y, x, MPFR_RNDN);
    if (inex == 0 || !mpfr_regular_p(y)) return AB_REF_EXACT;
    return (long)mpfr_get_exp(y) - (long)p;
}
