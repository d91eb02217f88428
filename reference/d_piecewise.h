/* d_piecewise.h: MPFR references of the derivatives of the piecewise-linear
 * activations (d_relu, d_leaky_relu, d_relu6, d_hard_sigmoid, d_hard_tanh,
 * d_hard_swish).  Each follows the ab_reference_fn contract in actbench.h;
 * the value at each kink is PyTorch's backward kernel's, stated in
 * d_piecewise.c. */
#ifndef AB_D_PIECEWISE_H
#define AB_D_PIECEWISE_H
#include "../api/actbench.h"

long ab_ref_d_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_d_leaky_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_d_relu6(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_d_hard_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_d_hard_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
long ab_ref_d_hard_swish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp);
#endif
