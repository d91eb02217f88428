/* independent_grad.c: second formulas for the derivatives of the elu
 * family and of the piecewise-linear activations (test_reference.c; the
 * references are reference/d_elu.c, d_selu.c, d_celu.c, d_piecewise.c).
 *
 * Written as the definitions read, in MPFR at the caller's precision:
 * the slopes as exact rationals or decimals rounded once, the kinks by
 * the stated conventions (PyTorch's backward kernels):
 *   relu'(0) = 0, leaky_relu'(0) = 1/100, relu6' = 0 at 0 and 6,
 *   hard_tanh' = 0 at +-1, hard_sigmoid' = 0 at +-3,
 *   hard_swish' = x/3 + 1/2 on [-3, 3] (so -1/2 at -3, 3/2 at 3),
 *   elu'(x) = celu'(x) = e^x for x <= 0 (alpha = 1: 1 at 0 either way),
 *   selu'(x) = lambda alpha e^x for x <= 0, lambda for x > 0.
 * NaN gives NaN; the infinities follow from the branches (e^-inf = 0). */
#include "independent.h"
#include <math.h>

static int nan_in(mpfr_t y, const mpfr_t x) {
    if (!mpfr_nan_p(x)) return 0;
    mpfr_set_nan(y);
    return 1;
}

/* 1 on (lo, hi), else 0. */
static void box(mpfr_t y, const mpfr_t x, long lo, long hi) {
    mpfr_set_ui(y, mpfr_cmp_si(x, lo) > 0 && mpfr_cmp_si(x, hi) < 0, MPFR_RNDN);
}

static void d_relu(mpfr_t y, const mpfr_t x) {
    if (!nan_in(y, x)) mpfr_set_ui(y, mpfr_sgn(x) > 0, MPFR_RNDN);
}
static void d_leaky_relu(mpfr_t y, const mpfr_t x) {
    if (nan_in(y, x)) return;
    if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN);
    else mpfr_set_str(y, "0.01", 10, MPFR_RNDN);
}
static void d_relu6(mpfr_t y, const mpfr_t x) { if (!nan_in(y, x)) box(y, x, 0, 6); }
static void d_hard_tanh(mpfr_t y, const mpfr_t x) { if (!nan_in(y, x)) box(y, x, -1, 1); }
static void d_hard_sigmoid(mpfr_t y, const mpfr_t x) {
    if (nan_in(y, x)) return;
    box(y, x, -3, 3);
    mpfr_div_ui(y, y, 6, MPFR_RNDN);
}
static void d_hard_swish(mpfr_t y, const mpfr_t x) {
    if (nan_in(y, x)) return;
    if (mpfr_cmp_si(x, -3) < 0) { mpfr_set_zero(y, 1); return; }
    if (mpfr_cmp_si(x, 3) > 0) { mpfr_set_ui(y, 1, MPFR_RNDN); return; }
    mpfr_t t; /* (2x + 3) / 6, 2x + 3 exact: x >= 2^-1074 and |x| <= 3 span
               * under 1080 bits, so 1100 + prec(x) bits hold the sum */
    mpfr_init2(t, mpfr_get_prec(x) + 1100);
    mpfr_mul_2ui(t, x, 1, MPFR_RNDN);
    mpfr_add_ui(t, t, 3, MPFR_RNDN);
    mpfr_div_ui(y, t, 6, MPFR_RNDN);
    mpfr_clear(t);
}
static void d_elu(mpfr_t y, const mpfr_t x) {
    if (nan_in(y, x)) return;
    if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN);
    else mpfr_exp(y, x, MPFR_RNDN);
}
/* alpha = 1: celu' = elu' */
static void d_celu(mpfr_t y, const mpfr_t x) { d_elu(y, x); }
static void d_selu(mpfr_t y, const mpfr_t x) {
    if (nan_in(y, x)) return;
    mpfr_t l, a;
    mpfr_inits2(mpfr_get_prec(y) + 64, l, a, (mpfr_ptr)0);
    mpfr_set_str(l, "1.0507009873554805", 10, MPFR_RNDN);
    if (mpfr_sgn(x) > 0) {
        mpfr_set(y, l, MPFR_RNDN);
    } else { /* lambda alpha e^x = e^(x + log(lambda alpha)) */
        mpfr_set_str(a, "1.6732632423543772", 10, MPFR_RNDN);
        mpfr_mul(a, a, l, MPFR_RNDN);
        mpfr_log(a, a, MPFR_RNDN);
        mpfr_set_prec(l, mpfr_get_prec(y) + 64 + (mpfr_prec_t)mpfr_get_prec(x));
        mpfr_add(l, a, x, MPFR_RNDN);
        mpfr_exp(y, l, MPFR_RNDN);
    }
    mpfr_clears(l, a, (mpfr_ptr)0);
}

AB_INDEPENDENT("d_relu", d_relu)
AB_INDEPENDENT("d_leaky_relu", d_leaky_relu)
AB_INDEPENDENT("d_relu6", d_relu6)
AB_INDEPENDENT("d_hard_tanh", d_hard_tanh)
AB_INDEPENDENT("d_hard_sigmoid", d_hard_sigmoid)
AB_INDEPENDENT("d_hard_swish", d_hard_swish)
AB_INDEPENDENT("d_elu", d_elu)
AB_INDEPENDENT("d_celu", d_celu)
AB_INDEPENDENT("d_selu", d_selu)
