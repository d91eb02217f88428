/* independent_elu_family.c: independent formulas for the piecewise-linear
 * activations, the ELU family and the building blocks exp, expm1, log1p,
 * erf, erfc.  Each takes a different path from its reference in reference/
 * where one exists; y's precision is set by the caller (4x the format). */
#include "independent.h"
#include <stdlib.h>

/* expm1 through tanh: e^x - 1 = 2t / (1 - t), t = tanh(x/2), for
 * x < 1/2 (for x <= 0, 1 - t >= 1 so nothing cancels; for 0 < x < 1/2,
 * 1 - t > 0.75); e^x - 1 directly above, where e^x > 1.64 and the
 * subtraction loses under 2 bits.  16 guard bits cover the 4 roundings. */
static void expm1_tanh(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_t t, d;
    mpfr_inits2(mpfr_get_prec(y) + 16, t, d, (mpfr_ptr)0);
    if (mpfr_cmp_d(x, 0.5) < 0) {
        mpfr_div_2ui(t, x, 1, MPFR_RNDN);
        mpfr_tanh(t, t, MPFR_RNDN);
        mpfr_ui_sub(d, 1, t, MPFR_RNDN);
        mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
        mpfr_div(y, t, d, MPFR_RNDN);
    } else {
        mpfr_exp(t, x, MPFR_RNDN);
        mpfr_sub_ui(y, t, 1, MPFR_RNDN);
    }
    mpfr_clears(t, d, (mpfr_ptr)0);
}

/* ---- piecewise-linear: comparisons written differently ---- */

static void identity_indep(mpfr_t y, const mpfr_t x) { mpfr_set(y, x, MPFR_RNDN); }
AB_INDEPENDENT("identity", identity_indep)

/* H(x) = (1 + sign(x)) / 2 with sign(+-0) taken as +1. */
static void binary_step_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    int s = mpfr_zero_p(x) ? 1 : mpfr_sgn(x);
    mpfr_set_si(y, (1 + s) / 2, MPFR_RNDN);
}
AB_INDEPENDENT("binary_step", binary_step_indep)

/* relu(x) = (x + |x|) / 2: exact when y has x's precision or more;
 * (-0 + 0)/2 = +0 as maximum(-0, +0) says. */
static void relu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_inf_p(x)) { if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, 1); return; }
    mpfr_t a;
    mpfr_init2(a, mpfr_get_prec(x));     /* |x| exact */
    mpfr_abs(a, x, MPFR_RNDN);
    mpfr_add(y, x, a, MPFR_RNDN);
    mpfr_div_2ui(y, y, 1, MPFR_RNDN);
    mpfr_clear(a);
}
AB_INDEPENDENT("relu", relu_indep)

/* relu6 = relu(x) - relu(x - 6). */
static void relu6_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_inf_p(x)) { if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 6, MPFR_RNDN); else mpfr_set_zero(y, 1); return; }
    mpfr_t a, b;
    mpfr_inits2(2200, a, b, (mpfr_ptr)0);
    relu_indep(a, x);
    mpfr_sub_ui(b, x, 6, MPFR_RNDN);
    relu_indep(b, b);
    mpfr_sub(y, a, b, MPFR_RNDN);
    if (mpfr_zero_p(y)) mpfr_set_zero(y, 1);
    mpfr_clears(a, b, (mpfr_ptr)0);
}
AB_INDEPENDENT("relu6", relu6_indep)

/* leaky_relu = max(x, x/100) (for x < 0, x/100 > x); x itself for x >= 0
 * including -0 (max picks x when equal). */
static void leaky_relu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    mpfr_t a;
    mpfr_init2(a, mpfr_get_prec(y) + 16);
    mpfr_div_ui(a, x, 100, MPFR_RNDN);
    if (mpfr_cmp(a, x) > 0) mpfr_set(y, a, MPFR_RNDN); else mpfr_set(y, x, MPFR_RNDN);
    mpfr_clear(a);
}
AB_INDEPENDENT("leaky_relu", leaky_relu_indep)

/* hard_sigmoid = clamp(x/6 + 1/2, 0, 1), computed as x/6 + 1/2 at 4x
 * precision (sum of a rounded x/6 and an exact 1/2). */
static void hard_sigmoid_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    mpfr_t a;
    mpfr_init2(a, mpfr_get_prec(y) + 16);
    mpfr_div_ui(a, x, 6, MPFR_RNDN);
    mpfr_add_d(a, a, 0.5, MPFR_RNDN);
    if (mpfr_sgn(a) <= 0) mpfr_set_zero(y, 1);
    else if (mpfr_cmp_ui(a, 1) >= 0) mpfr_set_ui(y, 1, MPFR_RNDN);
    else mpfr_set(y, a, MPFR_RNDN);
    mpfr_clear(a);
}
AB_INDEPENDENT("hard_sigmoid", hard_sigmoid_indep)

/* hard_tanh = min(max(x, -1), 1) with MPFR's min/max (NaN-ignoring, so
 * NaN first). */
static void hard_tanh_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    mpfr_t m1, p1;
    mpfr_inits2(8, m1, p1, (mpfr_ptr)0);
    mpfr_set_si(m1, -1, MPFR_RNDN);
    mpfr_set_ui(p1, 1, MPFR_RNDN);
    mpfr_max(y, x, m1, MPFR_RNDN);
    mpfr_min(y, y, p1, MPFR_RNDN);
    mpfr_clears(m1, p1, (mpfr_ptr)0);
}
AB_INDEPENDENT("hard_tanh", hard_tanh_indep)

/* hard_swish = x * hard_sigmoid(x), the sigmoid via x/6 + 1/2, at 4x. */
static void hard_swish_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_cmp_si(x, -3) <= 0) { mpfr_set_zero(y, 1); return; }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    /* Tiny x: x (1/2 + x/6) is a hair above the tie x/2 when x/2 is a
     * midpoint of the subnormals, so 1/2 + x/6 must keep x/6 exactly
     * enough: add the exponent gap to the precision. */
    long gap = mpfr_regular_p(x) ? -(long)mpfr_get_exp(x) : 0;
    mpfr_t h;
    mpfr_init2(h, mpfr_get_prec(y) + 16 + (gap > 0 ? gap : 0));
    hard_sigmoid_indep(h, x);
    /* The product is exact in t; rounding it to y's 4p bits would land
     * exactly on the subnormal midpoint x/2 and lose the side x^2/6 puts it
     * on, so y gets it rounded to odd (toward zero, then the last bit set if
     * inexact), from which the caller's rounding to nearest is correct. */
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(h) + 64);
    mpfr_mul(t, x, h, MPFR_RNDN);
    if (mpfr_set(y, t, MPFR_RNDZ) != 0 && mpfr_min_prec(y) < mpfr_get_prec(y)) {
        if (mpfr_sgn(y) > 0) mpfr_nextabove(y); else mpfr_nextbelow(y);
    }
    mpfr_clears(h, t, (mpfr_ptr)0);
}
AB_INDEPENDENT("hard_swish", hard_swish_indep)

/* ---- ELU family ---- */

/* elu and celu (alpha = 1): x for x >= 0, expm1 through tanh below. */
static void elu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_sgn(x) >= 0) { mpfr_set(y, x, MPFR_RNDN); return; }
    expm1_tanh(y, x);
}
AB_INDEPENDENT("elu", elu_indep)

/* celu as max(0, x) + min(0, expm1(x)) with the sign of zero restored
 * (the reference's convention: celu(-0) = -0). */
static void celu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_t a, b, z;
    mpfr_inits2(mpfr_get_prec(y) + 16, a, b, (mpfr_ptr)0);
    mpfr_init2(z, 8);
    mpfr_set_zero(z, 1);
    mpfr_max(a, x, z, MPFR_RNDN);
    expm1_tanh(b, x);
    mpfr_min(b, b, z, MPFR_RNDN);
    mpfr_add(y, a, b, MPFR_RNDN);
    mpfr_clears(a, b, z, (mpfr_ptr)0);
}
AB_INDEPENDENT("celu", celu_indep)

/* selu with the constants parsed from their decimal strings (the
 * reference multiplies by integers and divides by 10^16). */
static void selu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_prec_t w = mpfr_get_prec(y) + 16;
    mpfr_t l, a, t;
    mpfr_inits2(w, l, a, t, (mpfr_ptr)0);
    mpfr_set_str(l, "1.0507009873554805", 10, MPFR_RNDN);
    if (mpfr_sgn(x) > 0) {
        mpfr_mul(y, x, l, MPFR_RNDN);
    } else {
        mpfr_set_str(a, "1.6732632423543772", 10, MPFR_RNDN);
        expm1_tanh(t, x);
        mpfr_mul(t, t, a, MPFR_RNDN);
        mpfr_mul(y, t, l, MPFR_RNDN);
    }
    mpfr_clears(l, a, t, (mpfr_ptr)0);
}
AB_INDEPENDENT("selu", selu_indep)

/* softsign: sign(x) (1 - 1/(1 + |x|)) for |x| >= 1 (no cancellation:
 * the difference is >= 1/2), x/(1 + |x|) below; +-1 at +-inf. */
static void softsign_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    if (mpfr_inf_p(x)) { mpfr_set_si(y, mpfr_sgn(x), MPFR_RNDN); return; }
    mpfr_t d;
    mpfr_init2(d, mpfr_get_prec(y) + 16);
    mpfr_abs(d, x, MPFR_RNDN);
    mpfr_add_ui(d, d, 1, MPFR_RNDN);
    if (mpfr_cmpabs_ui(x, 1) >= 0) {
        mpfr_ui_div(d, 1, d, MPFR_RNDN);
        mpfr_ui_sub(d, 1, d, MPFR_RNDN);
        mpfr_setsign(y, d, mpfr_signbit(x), MPFR_RNDN);
    } else {
        mpfr_div(y, x, d, MPFR_RNDN);
    }
    mpfr_clear(d);
}
AB_INDEPENDENT("softsign", softsign_indep)

/* ---- building blocks ---- */

/* e^x = cosh|x| + sinh|x| (positive terms), inverted for x < 0. */
static void exp_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    mpfr_t a, c, s;
    mpfr_inits2(mpfr_get_prec(y) + 16, a, c, s, (mpfr_ptr)0);
    mpfr_abs(a, x, MPFR_RNDN);
    mpfr_cosh(c, a, MPFR_RNDN);
    mpfr_sinh(s, a, MPFR_RNDN);
    mpfr_add(c, c, s, MPFR_RNDN);
    if (mpfr_sgn(x) < 0) mpfr_ui_div(y, 1, c, MPFR_RNDN);
    else mpfr_set(y, c, MPFR_RNDN);
    mpfr_clears(a, c, s, (mpfr_ptr)0);
}
AB_INDEPENDENT("exp", exp_indep)

AB_INDEPENDENT("expm1", expm1_tanh)

/* log1p(x) = 2 atanh(x / (2 + x)) for -1 < x <= 1 (2 + x >= 1 adds
 * without harm; atanh's conditioning near x = -1 costs ~log2(1/(1+x))
 * bits, at most 53, covered by 80 extra bits); log(1 + x) for x > 1. */
static void log1p_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_cmp_si(x, -1) < 0) { mpfr_set_nan(y); return; }
    if (mpfr_zero_p(x) || mpfr_inf_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    if (mpfr_cmp_si(x, -1) == 0) { mpfr_set_inf(y, -1); return; }
    mpfr_t t, d;
    mpfr_inits2(mpfr_get_prec(y) + 80, t, d, (mpfr_ptr)0);
    if (mpfr_cmp_ui(x, 1) <= 0) {
        mpfr_add_ui(d, x, 2, MPFR_RNDN);
        mpfr_div(t, x, d, MPFR_RNDN);
        mpfr_atanh(t, t, MPFR_RNDN);
        mpfr_mul_2ui(y, t, 1, MPFR_RNDN);
    } else {
        mpfr_add_ui(t, x, 1, MPFR_RNDN);
        mpfr_log(y, t, MPFR_RNDN);
    }
    mpfr_clears(t, d, (mpfr_ptr)0);
}
AB_INDEPENDENT("log1p", log1p_indep)

/* erf: Maclaurin series 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)) for
 * |x| < 1 (terms shrink by x^2 at least 3x per step, so nothing cancels
 * beyond a factor 1/(1 - 1/3)); sign(x) (1 - erfc|x|) with MPFR's erfc
 * for |x| >= 1, where erfc <= 0.16 (and +-1 once erfc is negligible). */
static void erf_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x) || mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_prec_t w = mpfr_get_prec(y) + 32;
    /* 0 < 1 - erf|x| = erfc|x| < e^(-x^2) < 2^(-1.44 x^2): beyond w + 8 bits
     * it cannot move the rounding of +-1 (which is no midpoint). */
    double xd = mpfr_get_d(x, MPFR_RNDN);
    if (1.44 * xd * xd > (double)w + 8) { mpfr_set_si(y, mpfr_signbit(x) ? -1 : 1, MPFR_RNDN); return; }
    mpfr_t s, t, x2, u;
    mpfr_inits2(w, s, t, x2, u, (mpfr_ptr)0);
    if (mpfr_cmpabs_ui(x, 1) < 0) {
        mpfr_sqr(x2, x, MPFR_RNDN);
        mpfr_set(t, x, MPFR_RNDN);          /* t = (-1)^n x^(2n+1) / n! */
        mpfr_set(s, x, MPFR_RNDN);
        for (unsigned long n = 1; n < 100000; n++) {
            mpfr_mul(t, t, x2, MPFR_RNDN);
            mpfr_div_ui(t, t, n, MPFR_RNDN);
            mpfr_neg(t, t, MPFR_RNDN);
            mpfr_div_ui(u, t, 2 * n + 1, MPFR_RNDN);
            mpfr_add(s, s, u, MPFR_RNDN);
            if (mpfr_zero_p(u) || mpfr_get_exp(u) < mpfr_get_exp(s) - (mpfr_exp_t)w - 2) break;
        }
        mpfr_const_pi(u, MPFR_RNDN);
        mpfr_sqrt(u, u, MPFR_RNDN);
        mpfr_div(s, s, u, MPFR_RNDN);
        mpfr_mul_2ui(y, s, 1, MPFR_RNDN);
    } else {
        mpfr_abs(t, x, MPFR_RNDN);
        mpfr_erfc(t, t, MPFR_RNDN);
        mpfr_ui_sub(t, 1, t, MPFR_RNDN);
        mpfr_setsign(y, t, mpfr_signbit(x), MPFR_RNDN);
    }
    mpfr_clears(s, t, x2, u, (mpfr_ptr)0);
}
AB_INDEPENDENT("erf", erf_indep)

/* erfc = 1 - erf with MPFR's erf (a separate implementation from its
 * erfc), at enough extra precision to absorb the cancellation:
 * erfc(x) > e^(-x^2) / (2 (x + 1)) for x >= 0, so the subtraction loses
 * at most 1.45 x^2 + log2(x + 1) + 2 bits.  Beyond x = 30 the value is
 * below e^-900, which rounds to +0 in both formats. */
static void erfc_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_cmp_ui(x, 30) > 0) { mpfr_set_zero(y, 1); return; }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    mpfr_prec_t extra = xd > 0 ? (mpfr_prec_t)(1.45 * xd * xd + 8) : 0;
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + 32 + extra);
    mpfr_erf(t, x, MPFR_RNDN);
    mpfr_ui_sub(y, 1, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("erfc", erfc_indep)
