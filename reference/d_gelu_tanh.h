/* d_gelu_tanh.h: MPFR reference for d_gelu_tanh, the derivative of gelu_tanh
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_GELU_TANH_H
#define AB_REF_D_GELU_TANH_H
#include "../api/actbench.h"

long ab_ref_d_gelu_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
