/* d_softsign.h: MPFR reference for the derivative of softsign (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_D_SOFTSIGN_H
#define AB_REF_D_SOFTSIGN_H
#include "../api/actbench.h"

long ab_ref_d_softsign(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
