/* d_gelu.h: MPFR reference for d_gelu, the derivative of gelu
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_GELU_H
#define AB_REF_D_GELU_H
#include "../api/actbench.h"

long ab_ref_d_gelu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
