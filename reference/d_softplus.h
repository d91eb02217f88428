/* d_softplus.h: MPFR reference for the derivative of softplus (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_SOFTPLUS_H
#define AB_REF_D_SOFTPLUS_H
#include "../api/actbench.h"

long ab_ref_d_softplus(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
