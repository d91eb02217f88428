/* multiquadric.h: MPFR reference for multiquadric (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_MULTIQUADRIC_H
#define AB_REF_MULTIQUADRIC_H
#include "../api/actbench.h"

long ab_ref_multiquadric(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
