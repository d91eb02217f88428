/* d_celu.h: MPFR reference of the derivative of celu (alpha = 1); see d_celu.c. */
#ifndef AB_REF_D_CELU_H
#define AB_REF_D_CELU_H
#include "../api/actbench.h"

long ab_ref_d_celu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
