/* d_exp.c: MPFR reference for exp'(x) = e^x, the function itself.
 *
 * No interval is needed: mpfr_exp is correctly rounded at y's precision
 * and its ternary value is a direction (ab_ref_ternary), which decides
 * even e^x = 1 + x for tiny x; NaN, +-inf and +-0 follow C99 Annex F as
 * MPFR implements it (e^+-0 = 1, e^-inf = +0, e^+inf = +inf).  That is
 * reference/exp.c's ab_ref_exp, called as it is. */
#include "d_exp.h"
#include "exp.h"

long ab_ref_d_exp(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    return ab_ref_exp(y, x, p, tmp);
}
