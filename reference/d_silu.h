/* d_silu.h: MPFR reference for d_silu, the derivative of silu
 * (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_SILU_H
#define AB_REF_D_SILU_H
#include "../api/actbench.h"

long ab_ref_d_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
