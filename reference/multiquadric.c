/* multiquadric.c: MPFR reference for multiquadric(x) = sqrt(x^2 + a^2),
 * a = 1. */
#include "multiquadric.h"
#include "ref_common.h"

/* x^2 is exact (twice x's precision); x^2 + 1 adds positives (u) and sqrt
 * halves that error and adds its own (u/2 + u): under 2u, bound
 * 2^(EXP(y) + 2 - p).  The inexact flags are kept because the result can
 * be exact off zero (x = 3/4 gives 5/4, x = 15/8 gives 17/8), and the Ziv
 * loop must be told so rather than refine forever. */
long ab_ref_multiquadric(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_inf(y, 1); return AB_REF_EXACT; }
    /* Grid points: |x| < 2^-((p+1)/2): 0 < f - 1 < x^2/2 < 2^-(p+2), inside
     * the gap 2^(1-p) above 1.  |x| >= 2^(p/2): 0 < f - |x| < 1/(2|x|)
     * <= 2^-EXP(x) < 2^(EXP(x)-p), the gap above |x|. */
    if (ab_ref_below_2exp(x, (long)(p + 1) / 2 + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return mpfr_zero_p(x) ? AB_REF_EXACT : AB_REF_ABOVE;
    }
    if ((long)mpfr_get_exp(x) >= (long)p / 2 + 1) {
        mpfr_abs(y, x, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    mpfr_ptr s = tmp[0], t = tmp[1];
    mpfr_set_prec(t, p);
    int inex = ab_ref_sq_plus_1(t, s, x);
    inex |= mpfr_sqrt(y, t, MPFR_RNDN) != 0;
    return inex ? (long)mpfr_get_exp(y) + 2 - (long)p : AB_REF_EXACT;
}
