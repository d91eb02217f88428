/* d_elu.c: elu'(x) = 1 for x > 0, alpha e^x for x <= 0, alpha = 1
 * (impls/elu.c).
 *
 * Convention at 0: PyTorch's elu_backward takes the negative branch for
 * x <= 0 (negcoef * negiptcoef * exp(x * negiptcoef)), but with alpha = 1
 * both branches give 1 there: elu is C^1 and elu'(+-0) = 1 exactly.
 *
 * Special values: NaN -> NaN; x > 0 (+inf included) and +-0 -> 1 exactly;
 * -inf -> +0 (e^x -> 0 from above).  Tail: for x < -763, e^x < e^-763 <
 * 2^-1100 (1100 ln 2 = 762.46...), so ab_iv_tiny.
 *
 * Otherwise the value is one correctly rounded mpfr_exp at y's precision
 * p (>= 64 >= the target's + 2): its ternary value is the direction
 * (ab_ref_ternary).  That is a sharper proof than an interval enclosure
 * and decides at the first precision, including near x = 0-, where
 * e^x = 1 - |x| + ... sits just below the grid point 1. */
#include "d_elu.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_elu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_sgn(x) >= 0) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_cmp_si(x, -763) < 0) return ab_iv_tiny(y, 0);
    return ab_ref_ternary(y, mpfr_exp(y, x, MPFR_RNDN));
}
