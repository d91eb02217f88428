/* d_elu.h: MPFR reference of the derivative of elu (alpha = 1); contract in
 * actbench.h, convention and proof in d_elu.c. */
#ifndef AB_REF_D_ELU_H
#define AB_REF_D_ELU_H
#include "../api/actbench.h"

long ab_ref_d_elu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
