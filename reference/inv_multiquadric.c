/* inv_multiquadric.c: MPFR reference for
 * inv_multiquadric(x) = 1/sqrt(x^2 + a^2), a = 1. */
#include "inv_multiquadric.h"
#include "ref_common.h"

/* x^2 exact (twice x's precision), x^2 + 1 positive sum (u), rec_sqrt
 * (u/2 + u): under 2u, bound 2^(EXP(y) + 2 - p).  Only x = 0 gives an
 * exact result (1/sqrt(x^2+1) is dyadic only if x^2 + 1 is a power of 4,
 * which for x != 0 makes x irrational); the flags say so. */
long ab_ref_inv_multiquadric(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    /* |x| < 2^-((p+1)/2): 0 < 1 - f < x^2/2 < 2^-(p+2), inside the gap 2^-p
     * below 1.  (For large |x|, f is near the grid point 1/|x| only when
     * |x| is a power of two; the Ziv loop refines those few.) */
    if (ab_ref_below_2exp(x, (long)(p + 1) / 2 + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return mpfr_zero_p(x) ? AB_REF_EXACT : AB_REF_BELOW;
    }
    mpfr_ptr s = tmp[0], t = tmp[1];
    mpfr_set_prec(t, p);
    int inex = ab_ref_sq_plus_1(t, s, x);
    inex |= mpfr_rec_sqrt(y, t, MPFR_RNDN) != 0;
    return inex ? (long)mpfr_get_exp(y) + 2 - (long)p : AB_REF_EXACT;
}
