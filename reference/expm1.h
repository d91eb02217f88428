/* expm1.h: MPFR reference of expm1 (one correctly rounded mpfr_expm1). */
#ifndef AB_REF_EXPM1_H
#define AB_REF_EXPM1_H
#include "../api/actbench.h"

long ab_ref_expm1(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
