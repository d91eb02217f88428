/* independent_smooth.c: independent formulas for the smooth activations
 * (log_sigmoid, silu, mish, gelu, gelu_tanh, gaussian, multiquadric,
 * inv_multiquadric).  Each takes a different evaluation path from its
 * reference in reference/ where one exists; intermediate values carry
 * 32 bits more than y (which the caller sets to 4x the target precision),
 * and more where a step cancels, as stated beside it.  Where the value
 * is far below half the smallest subnormal of every target, the rounded
 * answer (a signed zero) is set directly. */
#include "independent.h"

#define GUARD 32

/* silu, gelu and gelu_tanh are x/2 + c x^2 + O(x^3) near 0 with c > 0
 * (1/4, 1/sqrt(2 pi), sqrt(2/pi)/2).  For |x| < 2^-100 the c x^2 term is
 * far below y's precision, so a y rounded to nearest would be x/2 itself
 * and the final rounding would see an exact tie whenever x is an odd
 * multiple of the smallest subnormal, and go to even.  Rounding x/2 + x^2/4
 * upward instead keeps y strictly above x/2 by less than an ulp of y: the
 * same rounding as the true value for every target.  Returns 1 if it
 * handled x. */
static int tiny_half_plus(mpfr_t y, const mpfr_t x) {
    if (!mpfr_regular_p(x) || mpfr_get_exp(x) > -100) return 0;
    mpfr_t t;
    mpfr_init2(t, 2 * mpfr_get_prec(x));
    mpfr_sqr(t, x, MPFR_RNDN);                 /* exact */
    mpfr_div_2ui(t, t, 2, MPFR_RNDN);
    mpfr_t h;
    mpfr_init2(h, mpfr_get_prec(x));
    mpfr_div_2ui(h, x, 1, MPFR_RNDN);          /* exact in MPFR's range */
    mpfr_add(y, h, t, MPFR_RNDU);
    mpfr_clears(t, h, (mpfr_ptr)0);
    return 1;
}

/* log sigmoid(x) = log(1/(1+e^-x)).  x <= 0: x - log(1 + e^x) with log,
 * not log1p: 1 + e^x rounds at prec q, an absolute 2^-q, and
 * |log sigmoid(x)| >= log 2 there, so it is a relative 2^(1-q).
 * x > 0: -log1p(1/e^x) (the reference takes e^-x directly).
 * x < -2^20: log(1+e^x) < e^(-2^20) and the value is x to any precision
 * used here (this also keeps e^x and its MPFR underflow out). */
static void log_sigmoid_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_zero(y, -1); else mpfr_set_inf(y, -1);
        return;
    }
    if (mpfr_cmp_si(x, -(1L << 20)) < 0) { mpfr_set(y, x, MPFR_RNDN); return; }
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + GUARD);
    if (mpfr_sgn(x) > 0) {
        mpfr_exp(t, x, MPFR_RNDN);
        mpfr_ui_div(t, 1, t, MPFR_RNDN);
        mpfr_log1p(t, t, MPFR_RNDN);
        mpfr_neg(y, t, MPFR_RNDN);
    } else {
        mpfr_exp(t, x, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_log(t, t, MPFR_RNDN);
        mpfr_sub(y, x, t, MPFR_RNDN);
    }
    mpfr_clear(t);
}
AB_INDEPENDENT("log_sigmoid", log_sigmoid_indep)

/* silu(x) = x / (1 + e^-x) for every x (the reference splits at 0).  For
 * x < 0 e^-x is large and the sum is dominated by it, no cancellation;
 * e^-x overflowing MPFR's range (x < -3e18) gives x/inf = -0, the right
 * answer for a value below 2^(-2^62). */
static void silu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (tiny_half_plus(y, x)) return;
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return;
    }
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + GUARD);
    mpfr_neg(t, x, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_div(y, x, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("silu", silu_indep)

/* mish(x) = x tanh(log1p(e^x)) with MPFR's own tanh and log1p (the
 * reference uses the algebraic n(n+2)/(n(n+2)+2)).  e^x overflowing
 * MPFR's range gives tanh(inf) = 1, y = x; underflowing gives x * 0 = -0;
 * both are right beyond 3e18.  tanh(s) for tiny s = e^x keeps its
 * relative accuracy (tanh is correctly rounded). */
static void mish_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return;
    }
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + GUARD);
    mpfr_exp(t, x, MPFR_RNDN);
    mpfr_log1p(t, t, MPFR_RNDN);
    mpfr_tanh(t, t, MPFR_RNDN);
    mpfr_mul(y, x, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("mish", mish_indep)

/* gelu(x) = x/2 (1 + erf(x/sqrt2)), the definition, with the precision
 * raised to pay for the cancellation of 1 + erf for x < 0: 1 + erf(z) =
 * erfc(|z|) < e^(-z^2) = e^(-x^2/2), so 0.73 x^2 extra bits (plus the
 * erf condition number, about x^2 more bits' worth of argument error,
 * covered by 2 log2|x| + GUARD).  x < -40: |gelu(x)| < e^-800 < 2^-1154,
 * -0 in every target (x < -15 for f32, see below).  x > 2^32: 1 - erf < e^(-2^63), the value is x. */
static void gelu_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (tiny_half_plus(y, x)) return;
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return;
    }
    /* -15 for targets up to 24 bits (y has at most 4*24 + ...): below it
     * |gelu(x)| < e^-112.5 < 2^-162, -0 in f32. */
    if (mpfr_cmp_si(x, mpfr_get_prec(y) <= 4 * 24 ? -15 : -40) < 0) { mpfr_set_zero(y, -1); return; }
    if (mpfr_cmp_ui(x, 1) > 0 && mpfr_get_exp(x) > 32) { mpfr_set(y, x, MPFR_RNDN); return; }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    mpfr_prec_t q = mpfr_get_prec(y) + 2 * GUARD + (xd < 0 ? (mpfr_prec_t)(0.73 * xd * xd) + 16 : 0);
    mpfr_t t, s;
    mpfr_init2(t, q);
    mpfr_init2(s, q);
    mpfr_sqrt_ui(s, 2, MPFR_RNDN);
    mpfr_div(t, x, s, MPFR_RNDN);
    mpfr_erf(t, t, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_mul(t, t, x, MPFR_RNDN);
    mpfr_div_2ui(y, t, 1, MPFR_RNDN);
    mpfr_clears(t, s, (mpfr_ptr)0);
}
AB_INDEPENDENT("gelu", gelu_indep)

/* gelu_tanh(x) = x/2 (1 + tanh(u)), u = sqrt(2/pi)(x + 0.044715 x^3), the
 * definition with tanh (the reference uses 2 sigmoid(2u)), the constant
 * read as the decimal string, and the precision raised for the
 * cancellation of 1 + tanh(u) = 2/(1 + e^(-2u)) < 2e^(2u) for u < 0:
 * 2.9|u| extra bits, plus log2 of tanh's argument sensitivity.
 * x < -30: |gelu_tanh(x)| < 30 e^-1970, -0 in every target; x > 2^24:
 * 1 + tanh(u) = 2 to within e^(-2^70), the value is x. */
static void gelu_tanh_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (tiny_half_plus(y, x)) return;
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return;
    }
    if (mpfr_cmp_si(x, -30) < 0) { mpfr_set_zero(y, -1); return; }
    if (mpfr_cmp_ui(x, 1) > 0 && mpfr_get_exp(x) > 24) { mpfr_set(y, x, MPFR_RNDN); return; }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    double ud = 0.7978845608 * (xd + 0.044715 * xd * xd * xd);
    mpfr_prec_t q = mpfr_get_prec(y) + 2 * GUARD;
    if (ud < 0) q += (mpfr_prec_t)(-2.9 * ud) + 16;
    mpfr_t u, c;
    mpfr_init2(u, q);
    mpfr_init2(c, q);
    mpfr_set_str(c, "0.044715", 10, MPFR_RNDN);
    mpfr_pow_ui(u, x, 3, MPFR_RNDN);
    mpfr_mul(u, u, c, MPFR_RNDN);
    mpfr_add(u, u, x, MPFR_RNDN);          /* x and c x^3 have x's sign */
    mpfr_const_pi(c, MPFR_RNDN);
    mpfr_ui_div(c, 2, c, MPFR_RNDN);
    mpfr_sqrt(c, c, MPFR_RNDN);
    mpfr_mul(u, u, c, MPFR_RNDN);
    mpfr_tanh(u, u, MPFR_RNDN);
    mpfr_add_ui(u, u, 1, MPFR_RNDN);
    mpfr_mul(u, u, x, MPFR_RNDN);
    mpfr_div_2ui(y, u, 1, MPFR_RNDN);
    mpfr_clears(u, c, (mpfr_ptr)0);
}
AB_INDEPENDENT("gelu_tanh", gelu_tanh_indep)

/* gaussian(x) = 1 / e^(x^2) (the reference: e^-(x^2) with x^2 exact).
 * x^2 is rounded here, a relative 2^-q that costs x^2 2^-q in the result:
 * q gets 2 log2|x| more bits.  e^(x^2) overflowing MPFR's range gives
 * 1/inf = +0, right beyond |x| ~ 1.8e9. */
static void gaussian_indep(mpfr_t y, const mpfr_t x) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return; }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return; }
    long ex = mpfr_zero_p(x) ? 0 : mpfr_get_exp(x);
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + GUARD + 2 * (ex > 0 ? ex : 0));
    mpfr_mul(t, x, x, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_ui_div(y, 1, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("gaussian", gaussian_indep)

/* multiquadric(x) = hypot(x, 1), MPFR's correctly rounded hypot. */
static void multiquadric_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t one;
    mpfr_init2(one, 2);
    mpfr_set_ui(one, 1, MPFR_RNDN);
    mpfr_hypot(y, x, one, MPFR_RNDN);
    mpfr_clear(one);
}
AB_INDEPENDENT("multiquadric", multiquadric_indep)

/* inv_multiquadric(x) = 1 / hypot(x, 1). */
static void inv_multiquadric_indep(mpfr_t y, const mpfr_t x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(y) + GUARD);
    mpfr_set_ui(t, 1, MPFR_RNDN);
    mpfr_hypot(t, x, t, MPFR_RNDN);
    mpfr_ui_div(y, 1, t, MPFR_RNDN);
    mpfr_clear(t);
}
AB_INDEPENDENT("inv_multiquadric", inv_multiquadric_indep)
