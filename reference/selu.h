/* selu.h: MPFR reference of selu with Klambauer et al.'s decimal constants; see selu.c. */
#ifndef AB_REF_SELU_H
#define AB_REF_SELU_H
#include "../api/actbench.h"

long ab_ref_selu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
