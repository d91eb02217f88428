/* d_expm1.c: MPFR reference for expm1'(x) = e^x.
 *
 * d/dx (e^x - 1) = e^x: the correctly rounded mpfr_exp with its ternary
 * value as a direction (reference/exp.c's ab_ref_exp; see d_exp.c), which
 * needs no interval and no special cases beyond NaN. */
#include "d_expm1.h"
#include "exp.h"

long ab_ref_d_expm1(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    return ab_ref_exp(y, x, p, tmp);
}
