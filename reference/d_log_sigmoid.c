/* d_log_sigmoid.c: MPFR reference for (log sigmoid)'(x) = sigmoid(-x)
 * = 1 - sigmoid(x), decreasing from 1 to 0, f(x) + f(-x) = 1.
 *
 * It is softplus' at -x: the negation is exact (a sign flip at x's own
 * precision), so d_softplus's reference, with its grid-point and tail
 * proofs, applies unchanged. */
#include "d_log_sigmoid.h"
#include "d_softplus.h"

long ab_ref_d_log_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    mpfr_ptr m = tmp[0];
    mpfr_set_prec(m, mpfr_get_prec(x));
    mpfr_neg(m, x, MPFR_RNDN);   /* exact; NaN stays NaN */
    return ab_ref_d_softplus(y, m, p, tmp + 1);
}
