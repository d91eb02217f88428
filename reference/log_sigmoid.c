/* log_sigmoid.c: MPFR reference for log(sigmoid(x)) = -softplus(-x).
 *
 * Error accounting as in formulas.c: each MPFR operation rounds with
 * relative error u = 2^-p, the formula is arranged so that no step cancels,
 * and a relative bound k*u becomes the exponent EXP(y) + log2(k) + 1 - p. */
#include "log_sigmoid.h"
#include "ref_common.h"

/* x >= 0: -log1p(e^-x); x < 0: x - log1p(e^x).  exp only sees -|x|, so it
 * never overflows (for x beyond ~3e18 it underflows MPFR's range to 0, and
 * -0 is then the right rounding of a value below 2^(-2^62)).  log1p's
 * condition number is at most 1 on [0, 1], and x - t subtracts a positive
 * from a negative, so magnitudes add.  Errors exp (u) + log1p (2u) +
 * sub (u): 4u. */
long ab_ref_log_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) {
        /* log sigmoid(x) < 0 tends to 0 from below at +inf: -0. */
        if (mpfr_sgn(x) > 0) mpfr_set_zero(y, -1); else mpfr_set_inf(y, -1);
        return AB_REF_EXACT;
    }
    /* x <= -0.6932 p: 0 < x - log_sigmoid(x) = log1p(e^x) < e^x < 2^-p < the
     * gap below x at p bits (|x| >= 1). */
    if (mpfr_cmp_d(x, -0.6932 * (double)p) <= 0) return ab_ref_beside(y, x, 0);
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p);
    if (mpfr_sgn(x) >= 0) {
        mpfr_neg(t, x, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_log1p(t, t, MPFR_RNDN);
        mpfr_neg(y, t, MPFR_RNDN);
    } else {
        mpfr_exp(t, x, MPFR_RNDN);
        mpfr_log1p(t, t, MPFR_RNDN);
        mpfr_sub(y, x, t, MPFR_RNDN);
    }
    return ab_ref_rel_bound(y, p, 2);
}
