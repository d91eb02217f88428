/* formulas.c: MPFR reference formulas.
 *
 * Every MPFR operation rounds to nearest with relative error at most
 * u = 2^-p.  Each formula below is arranged so that no step cancels, so the
 * relative errors simply add up; the comment gives the sum, and the return
 * value turns a relative bound k*u into the absolute exponent
 * EXP(y) + ceil(log2 k) + 1 - p (the +1 covers |f| slightly above |y|).
 * Underflow inside MPFR's extended exponent range (below 2^(-2^62)) adds an
 * absolute error far smaller than any of these bounds. */
#include "formulas.h"
#include "ref_common.h"
#include <math.h>

/* sigmoid(x) = 1/(1+e^-x).  e^-x >= 0, so 1 + e^-x does not cancel:
 * errors exp (u) + add (u) + div (u), under 4u.
 * Grid points (directions): x >= 0.6932 p > p ln 2: 0 < 1 - sigmoid(x) <
 * e^-x < 2^-p,
 * the distance from 1 to its neighbour below at p bits.  |x| < 2^-p:
 * sigmoid(x) - 1/2 = tanh(x/2)/2 has x's sign and |.| < |x|/4 < 2^-(p+2),
 * inside the gaps 2^-p above 1/2 and 2^-(p+1) below it. */
long ab_ref_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (!mpfr_inf_p(x) && mpfr_cmp_d(x, 0.6932 * (double)p) >= 0) return ab_ref_unit_toward_zero(y, 0);
    if (!mpfr_zero_p(x) && ab_ref_below_2exp(x, p)) {
        mpfr_set_ui_2exp(y, 1, -1, MPFR_RNDN);
        return mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p);
    int inex = mpfr_neg(t, x, MPFR_RNDN);
    inex |= mpfr_exp(t, t, MPFR_RNDN);
    inex |= mpfr_add_ui(t, t, 1, MPFR_RNDN);
    inex |= mpfr_ui_div(y, 1, t, MPFR_RNDN);
    return inex ? ab_ref_rel_bound(y, p, 2) : AB_REF_EXACT;
}

/* tanh(|x|) = expm1(2|x|) / (expm1(2|x|) + 2).  expm1 keeps tiny |x|
 * accurate (no 1 - 1 cancellation) and the denominator adds positives:
 * errors expm1 (u), add (2u), div (u), under 8u.  Saturation and tiny |x|
 * are directions (grid points, see below), so expm1 never sees |x| above
 * p/2 + 1. */
long ab_ref_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    int neg = mpfr_signbit(x);
    if (mpfr_inf_p(x)) { mpfr_set_si(y, neg ? -1 : 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* |x| >= 0.3466 (p+1) > (p+1) ln2 / 2: 0 < 1 - tanh|x| = 2/(e^(2|x|)+1)
     * < 2e^(-2|x|) < 2^-p, the gap below 1.  |x| < 2^-((p+3)/2): 0 < |x| - tanh|x| < |x|^3/3
     * < 2^(-p-2)|x|, inside the gap below |x| (at least 2^(-p-1)|x|). */
    if (fabs(mpfr_get_d(x, MPFR_RNDN)) >= 0.3466 * (double)(p + 1)) return ab_ref_unit_toward_zero(y, neg);
    if (ab_ref_below_2exp(x, (long)(p + 3) / 2 + 1)) return ab_ref_toward_zero(y, x);
    mpfr_ptr t = tmp[0], d = tmp[1];
    mpfr_set_prec(t, p);
    mpfr_set_prec(d, p);
    mpfr_abs(t, x, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
    mpfr_expm1(t, t, MPFR_RNDN);
    mpfr_add_ui(d, t, 2, MPFR_RNDN);
    mpfr_div(y, t, d, MPFR_RNDN);
    if (neg) mpfr_neg(y, y, MPFR_RNDN);
    return ab_ref_rel_bound(y, p, 3);
}

/* softplus(x) = log1p(e^x) for x <= 0, x + log1p(e^-x) for x > 0.
 * The argument of exp is never positive, so it cannot overflow; log1p's
 * condition number t/((1+t) log1p t) is at most 1 for t >= 0; the final
 * sum adds positives.  Errors exp (u) + log1p (2u) + add (u), under 4u. */
long ab_ref_softplus(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, 1);
        return AB_REF_EXACT;
    }
    /* x >= 0.6932 p: 0 < softplus(x) - x = log1p(e^-x) < e^-x < 2^-p < the
     * gap above x at p bits (x >= 1). */
    if (mpfr_cmp_d(x, 0.6932 * (double)p) >= 0) return ab_ref_beside(y, x, 1);
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p);
    if (mpfr_sgn(x) > 0) {
        mpfr_neg(t, x, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_log1p(t, t, MPFR_RNDN);
        mpfr_add(y, x, t, MPFR_RNDN);
    } else {
        mpfr_exp(t, x, MPFR_RNDN);
        mpfr_log1p(y, t, MPFR_RNDN);
    }
    return ab_ref_rel_bound(y, p, 2);
}
