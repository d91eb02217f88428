/* silu.c: MPFR reference for silu(x) = x * sigmoid(x) (swish). */
#include "silu.h"
#include "ref_common.h"

/* x >= 0: x / (1 + e^-x); x < 0: x * (e^x / (1 + e^x)).  exp only sees
 * -|x| <= 0 (no overflow), 1 + e adds positives, and the rest are products
 * and quotients: errors exp, add, div, mul, 4u (bounded by 8u).  Far in
 * the negative tail e^x underflows MPFR's range to 0 and y = x * 0 = -0,
 * the correct rounding of a value below 2^(-2^62). */
long ab_ref_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    /* x e^x -> 0 from below at -inf: -0. */
    if (ab_ref_x_sigmoid_special(y, x)) return AB_REF_EXACT;
    /* x >= 0.6932 (p + 1): 0 < x - silu(x) < x e^-x < 2^EXP(x) 2^(-p-1), the gap
     * below x at p bits.  |x| < 2^-p: silu(x) - x/2 = x tanh(x/2)/2 is in
     * (0, x^2/4), and x^2/4 < 2^(EXP(x)-2-p) <= the gap beside x/2. */
    if (mpfr_cmp_d(x, 0.6932 * (double)(p + 1)) >= 0) return ab_ref_beside(y, x, 0);
    if (ab_ref_below_2exp(x, p)) {
        mpfr_div_2ui(y, x, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    mpfr_ptr e = tmp[0], d = tmp[1], v = tmp[2];
    mpfr_set_prec(e, p);
    mpfr_set_prec(d, p);
    mpfr_set_prec(v, mpfr_get_prec(x));
    mpfr_set(v, x, MPFR_RNDN);                  /* exact */
    ab_ref_x_sigmoid(y, x, v, e, d);
    return ab_ref_rel_bound(y, p, 3);
}
