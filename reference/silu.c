/* silu.c: MPFR reference for silu(x) = x * sigmoid(x) (swish). */
#include "silu.h"

static long rel_bound(const mpfr_t y, mpfr_prec_t p, int log2k) {
    return (long)mpfr_get_exp(y) + log2k + 1 - (long)p;
}

/* x >= 0: x / (1 + e^-x); x < 0: x * (e^x / (1 + e^x)).  exp only sees
 * -|x| <= 0 (no overflow), 1 + e adds positives, and the rest are products
 * and quotients: errors exp, add, div, mul, 4u (bounded by 8u).  Far in
 * the negative tail e^x underflows MPFR's range to 0 and y = x * 0 = -0,
 * the correct rounding of a value below 2^(-2^62). */
long ab_ref_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) {
        /* x e^x -> 0 from below at -inf: -0. */
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return AB_REF_EXACT;
    }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    mpfr_ptr e = tmp[0], d = tmp[1];
    mpfr_set_prec(e, p);
    mpfr_set_prec(d, p);
    if (mpfr_sgn(x) > 0) {
        mpfr_neg(e, x, MPFR_RNDN);
        mpfr_exp(e, e, MPFR_RNDN);
        mpfr_add_ui(d, e, 1, MPFR_RNDN);
        mpfr_div(y, x, d, MPFR_RNDN);
    } else {
        mpfr_exp(e, x, MPFR_RNDN);
        mpfr_add_ui(d, e, 1, MPFR_RNDN);
        mpfr_div(e, e, d, MPFR_RNDN);
        mpfr_mul(y, x, e, MPFR_RNDN);
    }
    return rel_bound(y, p, 3);
}
