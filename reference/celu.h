/* celu.h: MPFR reference of celu (alpha = 1); see celu.c. */
#ifndef AB_REF_CELU_H
#define AB_REF_CELU_H
#include "../api/actbench.h"

long ab_ref_celu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
