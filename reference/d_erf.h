/* d_erf.h: MPFR reference for d_erf, the derivative of erf
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_ERF_H
#define AB_REF_D_ERF_H
#include "../api/actbench.h"

long ab_ref_d_erf(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
