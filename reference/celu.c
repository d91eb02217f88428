/* celu.c: celu(x) = max(0, x) + min(0, alpha (e^(x/alpha) - 1)), alpha = 1,
 * which equals elu for every x (the two terms are never both nonzero).
 *
 * Special values: NaN -> NaN; celu(+inf) = +inf; celu(-inf) = -alpha;
 * celu(+-0) = +-0.  The sign of zero is a convention: the formula evaluated
 * literally in IEEE arithmetic gives max(0, -0) + min(0, -0) = +0 + -0 = +0;
 * we keep the sign, as for elu and selu (celu(x) ~ x near 0), so the
 * literal formula shows as a sign error at -0.
 * For x < 0: x / alpha is exact (alpha = 1) and one correctly rounded
 * mpfr_expm1 follows: error at most half an ulp at p. */
#include "celu.h"
#include "elu.h"

/* Equal to elu (alpha = 1) everywhere, signs of zero included, so the
 * reference is elu's. */
long ab_ref_celu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    return ab_ref_elu(y, x, p, tmp);
}
