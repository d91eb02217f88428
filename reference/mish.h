/* mish.h: MPFR reference for mish (ab_reference_fn contract, actbench.h). */
#ifndef AB_REF_MISH_H
#define AB_REF_MISH_H
#include "../api/actbench.h"

long ab_ref_mish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
