/* d_log1p.h: MPFR reference for the derivative of log1p (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_LOG1P_H
#define AB_REF_D_LOG1P_H
#include "../api/actbench.h"

long ab_ref_d_log1p(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
