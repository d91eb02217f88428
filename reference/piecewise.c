/* piecewise.c: MPFR references of the piecewise-linear activations.
 *
 * Conventions, shared by all of them (this file is their definition):
 *  - NaN in, NaN out.
 *  - Where a function is saturated at 0 (relu and relu6 for x <= 0,
 *    binary_step, hard_sigmoid and hard_swish for x <= -3 and -inf) the
 *    result is +0, also for x = -0: relu is IEEE 754-2019 maximum(x, +0),
 *    which orders -0 below +0, so relu(-0) = +0.
 *  - Where a function is x times a positive constant near 0 (identity,
 *    leaky_relu, hard_tanh, hard_swish ~ x/2), the sign of zero is kept:
 *    f(-0) = -0.
 *  - binary_step is numpy.heaviside(x, 1): 0 for x < 0, 1 for x >= 0,
 *    so H(-0) = H(+0) = 1.
 *  - The y passed in has at least 64 bits, so copying a float or double x
 *    into it is exact.
 * Every branch that only copies or clamps is exact (AB_REF_EXACT).  The
 * arithmetic branches report their ternary values, so a result that is
 * exact at precision p (for instance a midpoint of the target format)
 * is reported exact rather than left to Ziv's loop. */
#include "piecewise.h"
#include "ref_common.h"

/* Relative error bounds: ab_ref_rel_bound (ref_common.h, see formulas.c). */
#define NAN_IN(y, x) \
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }

long ab_ref_identity(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    mpfr_set(y, x, MPFR_RNDN);
    return AB_REF_EXACT;
}

long ab_ref_binary_step(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    if (mpfr_sgn(x) < 0) mpfr_set_zero(y, 1); /* mpfr_sgn(-0) == 0: H(-0) = 1 */
    else mpfr_set_ui(y, 1, MPFR_RNDN);
    return AB_REF_EXACT;
}

long ab_ref_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    if (mpfr_sgn(x) <= 0) mpfr_set_zero(y, 1);
    else mpfr_set(y, x, MPFR_RNDN);
    return AB_REF_EXACT;
}

/* min(maximum(x, +0), 6). */
long ab_ref_relu6(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    if (mpfr_sgn(x) <= 0) mpfr_set_zero(y, 1);
    else if (mpfr_cmp_ui(x, 6) >= 0) mpfr_set_ui(y, 6, MPFR_RNDN);
    else mpfr_set(y, x, MPFR_RNDN);
    return AB_REF_EXACT;
}

/* x for x >= 0 (so -0 -> -0), x * alpha for x < 0, with alpha = 1/100
 * exactly: the decimal 0.01 that PyTorch's LeakyReLU(0.01) and Keras
 * relu(x, alpha=0.01) are written with, not its binary rounding.  One
 * correctly rounded division: error under u. */
long ab_ref_leaky_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    NAN_IN(y, x);
    if (mpfr_sgn(x) >= 0) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    int inex = mpfr_div_ui(y, x, 100, MPFR_RNDN);
    return inex ? ab_ref_rel_bound(y, p, 0) : AB_REF_EXACT;
}

/* PyTorch's Hardsigmoid: relu6(x + 3) / 6, i.e. +0 for x <= -3, 1 for
 * x >= 3, (x + 3) / 6 between.  Both operations round once from exact
 * operands (x + 3 rounds relative u even when it cancels near -3, because
 * x and 3 are exact): under 2u. */
long ab_ref_hard_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    NAN_IN(y, x);
    if (mpfr_cmp_si(x, -3) <= 0) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_cmp_ui(x, 3) >= 0) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* |x| < 2^-(p+1): f - 1/2 = x/6 has x's sign and is below 2^-(p+3),
     * inside the gaps beside the grid point 1/2.  Otherwise x + 3 is exact
     * at p + 60 bits (x's last bit is at or above 2^-(p+54)), and the one
     * rounding left, the division, gives the direction. */
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_set_ui_2exp(y, 1, -1, MPFR_RNDN);
        return mpfr_zero_p(x) ? AB_REF_EXACT : mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p + 60);
    mpfr_add_ui(t, x, 3, MPFR_RNDN);
    return ab_ref_ternary(y, mpfr_div_ui(y, t, 6, MPFR_RNDN));
}

/* clamp(x, -1, 1); the sign of zero is kept. */
long ab_ref_hard_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    if (mpfr_cmp_si(x, -1) <= 0) mpfr_set_si(y, -1, MPFR_RNDN);
    else if (mpfr_cmp_ui(x, 1) >= 0) mpfr_set_ui(y, 1, MPFR_RNDN);
    else mpfr_set(y, x, MPFR_RNDN);
    return AB_REF_EXACT;
}

/* x * relu6(x + 3) / 6: +0 for x <= -3 (saturated, like relu; the IEEE
 * product x * (+0) would say -0, see the convention above), x for
 * x >= 3, x (x + 3) / 6 between, where +-0 gives +-0 (x/2 near 0).
 * Three roundings from exact operands: under 4u. */
long ab_ref_hard_swish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    NAN_IN(y, x);
    if (mpfr_cmp_si(x, -3) <= 0) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_cmp_ui(x, 3) >= 0) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    /* |x| < 2^-(p+2): f - x/2 = x^2/6 is in (0, 2^(EXP(x)-p-2)), inside the
     * gap beside the grid point x/2. */
    if (ab_ref_below_2exp(x, p + 2)) {
        mpfr_div_2ui(y, x, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    /* Otherwise x + 3 is exact at p + 60 bits (as for hard_sigmoid) and
     * its product with x at p + 113: the division rounds once, and its
     * ternary value is the direction. */
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p + 113);
    mpfr_add_ui(t, x, 3, MPFR_RNDN);
    mpfr_mul(t, t, x, MPFR_RNDN);
    return ab_ref_ternary(y, mpfr_div_ui(y, t, 6, MPFR_RNDN));
}
