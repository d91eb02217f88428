/* erf.c: reference of erf.  For |x| < 5, MPFR's mpfr_erf, correctly
 * rounded at p bits: its ternary value is the direction (ab_ref_ternary).
 * For |x| >= 5, erf|x| = 1 - erfc|x| with erfc from the continued fraction
 * in erfc.c: erfc(5) < 2^-7, so 1 - erfc does not cancel and erfc's error
 * (relative, 2^(E - EXP(erfc))) shrinks by the factor erfc/erf < 2^-7, plus
 * the subtraction's half ulp.  This also decides erf = 1 - tiny quickly for
 * large |x|, where mpfr_erf is slow.  NaN, +-0 and +-inf follow C99 Annex F:
 * erf(+-0) = +-0, erf(+-inf) = +-1. */
#include "erf.h"
#include "erfc.h"
#include "ref_common.h"

long ab_ref_erf(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) { mpfr_set_si(y, mpfr_sgn(x), MPFR_RNDN); return AB_REF_EXACT; }
    if (mpfr_cmpabs_ui(x, 5) < 0 || mpfr_zero_p(x)) {
        return ab_ref_ternary(y, mpfr_erf(y, x, MPFR_RNDN));
    }
    /* x^2 >= p: 0 < 1 - erf|x| = erfc|x| < e^(-x^2) <= e^-p < 2^-p, the gap
     * below 1. */
    double xd = mpfr_get_d(x, MPFR_RNDN);
    if (xd * xd >= (double)p) return ab_ref_unit_toward_zero(y, xd < 0);
    mpfr_ptr c = tmp[4];
    mpfr_set_prec(c, p);
    mpfr_abs(c, x, MPFR_RNDN); /* exact: p >= 53 */
    mpfr_set_prec(tmp[5], p);
    long ec = ab_mpfr_erfc(tmp[5], c, p, tmp);
    mpfr_ui_sub(y, 1, tmp[5], MPFR_RNDN);
    if (mpfr_signbit(x)) mpfr_neg(y, y, MPFR_RNDN);
    /* |y| in (1/2, 1]: half an ulp of the subtraction is 2^-(p+1); the
     * erfc error passes through unchanged in absolute terms. */
    long sub = -(long)p - 1;
    long e = ec == AB_REF_EXACT ? sub : (ec > sub ? ec : sub);
    return e + 1;
}
