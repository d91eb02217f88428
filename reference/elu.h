/* elu.h: MPFR reference of elu (alpha = 1); contract in actbench.h, bound in elu.c. */
#ifndef AB_REF_ELU_H
#define AB_REF_ELU_H
#include "../api/actbench.h"

long ab_ref_elu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
