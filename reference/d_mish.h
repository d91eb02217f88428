/* d_mish.h: MPFR reference for d_mish, the derivative of mish
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_MISH_H
#define AB_REF_D_MISH_H
#include "../api/actbench.h"

long ab_ref_d_mish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
