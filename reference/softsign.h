/* softsign.h: MPFR reference of softsign x/(1+|x|); see softsign.c. */
#ifndef AB_REF_SOFTSIGN_H
#define AB_REF_SOFTSIGN_H
#include "../api/actbench.h"

long ab_ref_softsign(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
