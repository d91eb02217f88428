/* exp.h: MPFR reference of exp (one correctly rounded mpfr_exp). */
#ifndef AB_REF_EXP_H
#define AB_REF_EXP_H
#include "../api/actbench.h"

long ab_ref_exp(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
