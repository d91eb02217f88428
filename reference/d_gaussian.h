/* d_gaussian.h: MPFR reference for d_gaussian, the derivative of gaussian
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_GAUSSIAN_H
#define AB_REF_D_GAUSSIAN_H
#include "../api/actbench.h"

long ab_ref_d_gaussian(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
