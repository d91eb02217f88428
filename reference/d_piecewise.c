/* d_piecewise.c: MPFR references of the derivatives of the piecewise-linear
 * activations.  Between the kinks each derivative is a constant (0, 1, 1/100,
 * 1/6) or, for hard_swish, the linear x/3 + 1/2; at a kink the function has
 * no derivative and the value is a convention.  This file's convention is
 * PyTorch's backward kernel's (aten/src/ATen/native/cpu/Activation.cpp, the
 * scalar path of cpu_kernel_vec), so that the framework variants can be
 * checked bit for bit:
 *
 *   d_relu        0 at 0        threshold_backward: x <= 0 ? 0 : g
 *   d_leaky_relu  1/100 at 0    leaky_relu_backward: x > 0 ? g : g * negval
 *   d_relu6       0 at 0 and 6  hardtanh_backward(0, 6): x <= 0 || x >= 6 ? 0 : g
 *   d_hard_tanh   0 at -1 and 1 hardtanh_backward(-1, 1)
 *   d_hard_sigmoid 0 at -3 and 3  x > -3 && x < 3 ? g/6 : 0
 *   d_hard_swish  -1/2 at -3, 3/2 at 3 (the inner branch x/3 + 1/2 on the
 *                 closed interval): x < -3 ? 0 : x <= 3 ? g (x/3 + 1/2) : g
 *
 * Signed zeros: every zero derivative is +0 (the kernels return the
 * constant 0), and the sign of a zero input does not matter: -0 and +0
 * compare equal, so both take the same branch.  -inf and +inf take the
 * outer branches (0 or 1; leaky_relu: 1/100 at -inf).  NaN -> NaN (the
 * kernels' comparisons send NaN to an arbitrary branch; the reference is
 * the derivative, which a NaN input does not have).
 *
 * Values: 0, 1, -1/2, 3/2 are exact (AB_REF_EXACT); 1/100 and 1/6 are one
 * correctly rounded division of exact integers, and x/3 + 1/2 is computed
 * as (2x + 3)/6 with 2x + 3 exact, then one correctly rounded division:
 * their ternary values are the directions (ab_ref_ternary), which decide
 * the rounding at the first precision. */
#include "d_piecewise.h"
#include "ref_common.h"

#define NAN_IN(y, x) \
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }

static long set_si(mpfr_t y, long v) {
    mpfr_set_si(y, v, MPFR_RNDN);
    return AB_REF_EXACT;
}

/* 1 / den correctly rounded at y's precision (p >= 64). */
static long reciprocal(mpfr_t y, unsigned long den) {
    mpfr_set_ui(y, 1, MPFR_RNDN);
    return ab_ref_ternary(y, mpfr_div_ui(y, y, den, MPFR_RNDN));
}

/* x > 0 ? 1 : 0. */
long ab_ref_d_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    return set_si(y, mpfr_sgn(x) > 0);
}

/* x > 0 ? 1 : 1/100 (alpha = 0.01 as the decimal, as reference/piecewise.c). */
long ab_ref_d_leaky_relu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    return mpfr_sgn(x) > 0 ? set_si(y, 1) : reciprocal(y, 100);
}

/* 0 < x < 6 ? 1 : 0. */
long ab_ref_d_relu6(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    return set_si(y, mpfr_sgn(x) > 0 && mpfr_cmp_ui(x, 6) < 0);
}

/* -1 < x < 1 ? 1 : 0. */
long ab_ref_d_hard_tanh(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    return set_si(y, mpfr_cmp_si(x, -1) > 0 && mpfr_cmp_ui(x, 1) < 0);
}

/* -3 < x < 3 ? 1/6 : 0. */
long ab_ref_d_hard_sigmoid(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    NAN_IN(y, x);
    if (mpfr_cmp_si(x, -3) > 0 && mpfr_cmp_ui(x, 3) < 0) return reciprocal(y, 6);
    return set_si(y, 0);
}

/* x < -3 ? 0 : x <= 3 ? x/3 + 1/2 : 1. */
long ab_ref_d_hard_swish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    NAN_IN(y, x);
    if (mpfr_cmp_si(x, -3) < 0) return set_si(y, 0);
    if (mpfr_cmp_ui(x, 3) > 0) return set_si(y, 1);
    /* |x| < 2^-(p+1): f - 1/2 = x/3 has x's sign and |x/3| < 2^-(p+1)/3,
     * inside the gaps beside the grid point 1/2 at p bits (2^-(p+1) below,
     * 2^-p above), so y = 1/2 with x's direction (exact at +-0). */
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_set_ui_2exp(y, 1, -1, MPFR_RNDN);
        return mpfr_zero_p(x) ? AB_REF_EXACT : mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    /* Otherwise |x| >= 2^-(p+1) and x has at most 53 bits, so its last bit
     * is at or above 2^-(p+54); |2x + 3| <= 9 < 2^4, so 2x + 3 is exact at
     * p + 58 <= p + 60 bits, and the division by 6 rounds once.  At x = -3/2
     * it is +0 exactly (the kernel's -1/2 + 1/2 = +0 too). */
    mpfr_ptr t = tmp[0];
    mpfr_set_prec(t, p + 60);
    mpfr_mul_2ui(t, x, 1, MPFR_RNDN);
    mpfr_add_ui(t, t, 3, MPFR_RNDN);
    return ab_ref_ternary(y, mpfr_div_ui(y, t, 6, MPFR_RNDN));
}
