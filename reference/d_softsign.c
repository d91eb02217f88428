/* d_softsign.c: MPFR reference for softsign'(x) = 1 / (1 + |x|)^2, an
 * even function in (0, 1].
 *
 * Computed with one rounding: t = 1 + |x| and t^2 are exact (the
 * precisions below are large enough), and 1 / t^2 is mpfr_ui_div,
 * correctly rounded at y's precision p, whose ternary value is a
 * direction (ab_ref_ternary).  So no interval and no grid-point cases are
 * needed: where t^2 is a power of two (x = 2^k - 1, e.g. f(1) = 1/4) the
 * quotient is exact and the ternary value 0. */
#include "d_softsign.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_softsign(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* +-inf: the limit +0; +-0: 1/1 = 1 exactly. */
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_zero_p(x)) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* |x| >= 2^551: 0 < f < x^-2 <= 2^-1102 < 2^-1100. */
    long e = (long)mpfr_get_exp(x);
    if (e > 551) return ab_iv_tiny(y, 0);
    /* x = m 2^(e - q) with q = prec(x) bits: 1 + |x| is a multiple of
     * 2^min(0, e - q) below 2^(max(e, 0) + 1), so it has at most
     * |e| + q + 1 significant bits; its square at most twice that. */
    mpfr_ptr t = tmp[0];
    mpfr_prec_t q = mpfr_get_prec(x) + (e < 0 ? -e : e) + 2;
    mpfr_set_prec(t, 2 * q);
    mpfr_abs(t, x, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);     /* exact */
    mpfr_sqr(t, t, MPFR_RNDN);           /* exact at 2q bits */
    int inex = mpfr_ui_div(y, 1, t, MPFR_RNDN);
    return ab_ref_ternary(y, inex);
}
