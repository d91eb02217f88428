/* erfc.h: MPFR reference of erfc. */
#ifndef AB_REF_ERFC_H
#define AB_REF_ERFC_H
#include "../api/actbench.h"

/* erfc(x) at about p bits with an error bound (the ab_reference_fn
 * contract); uses tmp[0..3]. */
long ab_mpfr_erfc(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_erfc(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
