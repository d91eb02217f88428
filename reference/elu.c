/* elu.c: elu(x) = x for x >= 0, alpha (e^x - 1) for x < 0, alpha = 1.
 *
 * Special values: NaN -> NaN; elu(+-0) = +-0 (the x >= 0 branch takes -0,
 * and expm1(-0) = -0 would agree); elu(+inf) = +inf; elu(-inf) = -alpha.
 * For x < 0 the value is one correctly rounded mpfr_expm1 (times alpha = 1):
 * its ternary value is returned as a direction (ab_ref_ternary).  expm1, not
 * exp - 1, because e^x - 1 cancels for small |x|. */
#include "elu.h"
#include "ref_common.h"

long ab_ref_elu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_sgn(x) >= 0) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    int inex = mpfr_expm1(y, x, MPFR_RNDN);
    (void)p;
    return ab_ref_ternary(y, inex);
}
