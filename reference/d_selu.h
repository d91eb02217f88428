/* d_selu.h: MPFR reference of the derivative of selu; contract in
 * actbench.h, convention and proof in d_selu.c. */
#ifndef AB_REF_D_SELU_H
#define AB_REF_D_SELU_H
#include "../api/actbench.h"

long ab_ref_d_selu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
