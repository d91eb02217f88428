/* erf.h: MPFR reference of erf (one correctly rounded mpfr_erf). */
#ifndef AB_REF_ERF_H
#define AB_REF_ERF_H
#include "../api/actbench.h"

long ab_ref_erf(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
