/* d_expm1.h: MPFR reference for the derivative of expm1 (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_EXPM1_H
#define AB_REF_D_EXPM1_H
#include "../api/actbench.h"

long ab_ref_d_expm1(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
