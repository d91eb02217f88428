/* softsign.c: softsign(x) = x / (1 + |x|).
 *
 * Special values: NaN -> NaN; softsign(+-0) = +-0; softsign(+-inf) = +-1
 * (the limit; inf/inf in IEEE arithmetic would be NaN).
 * 1 + |x| adds positives and the division follows: 2u, under 4u. */
#include "softsign.h"
#include "ref_common.h"

long ab_ref_softsign(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_si(y, mpfr_sgn(x), MPFR_RNDN); return AB_REF_EXACT; }
    /* |x| >= 2^p: 0 < 1 - |softsign x| = 1/(1+|x|) < 2^-p, the gap below 1.
     * |x| < 2^-(p+1): 0 < |x| - |softsign x| = x^2/(1+|x|) < x^2
     * < 2^(EXP(x)-p-1), the gap below |x|. */
    if ((long)mpfr_get_exp(x) > (long)p) return ab_ref_unit_toward_zero(y, mpfr_signbit(x));
    if (ab_ref_below_2exp(x, p + 1)) return ab_ref_toward_zero(y, x);
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p);
    int inex = mpfr_abs(t, x, MPFR_RNDN);
    inex |= mpfr_add_ui(t, t, 1, MPFR_RNDN);
    inex |= mpfr_div(y, x, t, MPFR_RNDN);
    return inex ? (long)mpfr_get_exp(y) + 2 - (long)p : AB_REF_EXACT;
}
