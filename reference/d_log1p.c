/* d_log1p.c: MPFR reference for log1p'(x) = 1 / (1 + x).
 *
 * Domain: log1p is defined for x >= -1 (log1p(-1) = -inf) and NaN below,
 * so its derivative is NaN for x < -1 (and at -inf), +inf at x = -1 (the
 * limit from the right, where log1p is defined), and +0 at +inf.  The
 * frameworks' g / (x + 1) returns a finite negative value below -1 instead:
 * that mismatch is measured, not hidden.
 *
 * Computed with one rounding: t = 1 + x is exact at the precision below
 * and 1 / t is mpfr_ui_div, correctly rounded at y's precision with its
 * ternary value as a direction (ab_ref_ternary).  Where 1 + x is a power
 * of two the quotient is exact; no interval and no grid-point cases are
 * needed (1/(1 + x) for tiny x is decided by the ternary value too). */
#include "d_log1p.h"
#include "ref_common.h"

long ab_ref_d_log1p(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p;
    if (mpfr_nan_p(x) || mpfr_cmp_si(x, -1) < 0) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_cmp_si(x, -1) == 0) { mpfr_set_inf(y, 1); return AB_REF_EXACT; }
    if (mpfr_zero_p(x)) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* x = m 2^(e - q), q = prec(x): 1 + x is a multiple of 2^min(0, e - q)
     * below 2^(max(e, 0) + 1) in magnitude: at most |e| + q + 1 bits. */
    long e = (long)mpfr_get_exp(x);
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, mpfr_get_prec(x) + (e < 0 ? -e : e) + 2);
    mpfr_add_ui(t, x, 1, MPFR_RNDN);     /* exact, > 0 */
    int inex = mpfr_ui_div(y, 1, t, MPFR_RNDN);
    return ab_ref_ternary(y, inex);
}
