/* piecewise.h: MPFR references of the piecewise-linear activations
 * (identity, binary_step, relu, relu6, leaky_relu, hard_sigmoid, hard_tanh,
 * hard_swish).  Each follows the ab_reference_fn contract in actbench.h;
 * the special-value conventions are stated in piecewise.c. */
#ifndef AB_PIECEWISE_H
#define AB_PIECEWISE_H
#include "../api/actbench.h"

long ab_ref_identity(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_binary_step(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_relu6(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_leaky_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_hard_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_hard_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_hard_swish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
