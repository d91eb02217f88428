/* formulas.h: MPFR reference formulas, one per activation.  Each follows the
 * ab_reference_fn contract in actbench.h and states its error bound. */
#ifndef AB_FORMULAS_H
#define AB_FORMULAS_H
#include "../api/actbench.h"

long ab_ref_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_softplus(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
