/* log1p.h: MPFR reference of log1p (one correctly rounded mpfr_log1p). */
#ifndef AB_REF_LOG1P_H
#define AB_REF_LOG1P_H
#include "../api/actbench.h"

long ab_ref_log1p(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
