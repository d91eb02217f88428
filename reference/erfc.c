/* erfc.c: reference of erfc, and the erfc kernel that erf's reference
 * shares.
 *
 * mpfr_erfc is correctly rounded but takes 0.1-2 ms per call for x in
 * [2, 27] (it fights the cancellation of 1 - erf with extra precision), which
 * would dominate the whole catalog sweep.  For x >= 2 we use Laplace's
 * continued fraction instead,
 *     erfc(x) = e^(-x^2)/sqrt(pi) * F,  F = 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))),
 * whose partial numerators k/2 and denominators x are positive, so its
 * convergents F_n alternate around F (F_0 = 1/x > F, F_1 < F, ...): the
 * distance between two consecutive convergents bounds the truncation error.
 * Evaluated backwards, each step t = x + (k/2)/t adds positives, so the
 * relative rounding errors only add up: at most (2n + 4)u for F_n at
 * precision q (u = 2^-q).  The prefactor costs exp (u), pi (u), sqrt (u),
 * div (u), mul (u): 5u more.  x^2 is exact (x has at most 53 bits, s has
 * 128).  The fraction converges slowly near x = 2, so below x = 5 we use
 * erfc = 1 - erf(x) with erf at q = p + c + 3 bits, where c = ceil(1.4427 x^2)
 * + 5 >= log2(1/erfc(x)) for 0 < x < 5 (erfc(x) > e^(-x^2)/(2 x sqrt(pi)));
 * erf's absolute error 2^-q is then below 2^-(p+3) of erfc, plus the
 * subtraction's u: relative error under 2^(1-p).  For x <= 0 nothing
 * cancels (1 - erf(x) >= 1). */
#include "erfc.h"
#include "ref_common.h"
#include <limits.h>

/* F_n at precision of f, by the backward recurrence. */
static void convergent(mpfr_t f, const mpfr_t x, unsigned long n, mpfr_t t) {
    mpfr_set(t, x, MPFR_RNDN);
    for (unsigned long k = n; k >= 1; k--) {
        mpfr_ui_div(t, k, t, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_add(t, t, x, MPFR_RNDN);
    }
    mpfr_ui_div(f, 1, t, MPFR_RNDN);
}

long ab_mpfr_erfc(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_zero(y, 1); else mpfr_set_ui(y, 2, MPFR_RNDN);
        return AB_REF_EXACT;
    }
    if (mpfr_zero_p(x)) { mpfr_set_ui(y, 1, MPFR_RNDN); return AB_REF_EXACT; }
    /* Grid points: |x| < 2^-(p+1): erfc(x) - 1 = -erf(x), |erf x| < 1.13|x|
     * < 2^-p, inside the gaps 2^-p below 1 and 2^(1-p) above it.  x <= -1
     * and x^2 >= p: 0 < 2 - erfc(x) = erfc|x| < e^(-x^2) < 2^(1-p), the gap
     * below 2.  (Never taken for erf's calls, which have x >= 5.) */
    double xd = mpfr_get_d(x, MPFR_RNDN);
    if (ab_ref_below_2exp(x, p + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return xd > 0 ? AB_REF_BELOW : AB_REF_ABOVE;
    }
    if (xd <= -1 && xd * xd >= (double)p) {
        mpfr_set_ui(y, 2, MPFR_RNDN);
        return AB_REF_BELOW;
    }
    mpfr_ptr a = tmp[0], b = tmp[1], t = tmp[2], s = tmp[3];
    if (mpfr_cmp_ui(x, 5) < 0) {
        mpfr_prec_t c = xd > 0 ? (mpfr_prec_t)(1.4427 * xd * xd) + 6 : 0;
        mpfr_set_prec(a, p + c + 3);
        mpfr_erf(a, x, MPFR_RNDN);
        mpfr_ui_sub(y, 1, a, MPFR_RNDN);
        return ab_ref_rel_bound(y, p, 1);
    }
    /* Enough terms that two consecutive convergents agree to 2^-(p+4). */
    mpfr_prec_t q = p + 32;
    unsigned long n = 16;
    long diff_exp;
    for (;;) {
        mpfr_set_prec(a, q);
        mpfr_set_prec(b, q);
        mpfr_set_prec(t, q);
        convergent(a, x, n, t);
        convergent(b, x, n + 1, t);
        mpfr_sub(t, a, b, MPFR_RNDA);
        diff_exp = mpfr_zero_p(t) ? LONG_MIN / 2 : (long)mpfr_get_exp(t) - (long)mpfr_get_exp(a);
        if (diff_exp < -(long)p - 4 || n > (1ul << 24)) break;
        n *= 2;
        q = p + 32 + 2 * (mpfr_prec_t)__builtin_ctzl(n);
    }
    /* y = e^(-x^2) / sqrt(pi) * F_n */
    /* x^2 exact: twice x's precision (128 bits for a float or a double;
     * more when a caller passes a wider x, as the derivative tests do) */
    mpfr_set_prec(s, 2 * mpfr_get_prec(x) > 128 ? 2 * mpfr_get_prec(x) : 128);
    mpfr_sqr(s, x, MPFR_RNDN);
    mpfr_neg(s, s, MPFR_RNDN);
    mpfr_exp(t, s, MPFR_RNDN);
    mpfr_const_pi(b, MPFR_RNDN);
    mpfr_sqrt(b, b, MPFR_RNDN);
    mpfr_div(t, t, b, MPFR_RNDN);
    mpfr_mul(y, t, a, MPFR_RNDN);
    if (mpfr_zero_p(y)) return AB_REF_ABOVE; /* f > 0 below MPFR's range: +0 and just above */
    /* relative error: (2n + 9) 2^-q rounding + 2^diff_exp truncation */
    int log2_terms = 64 - __builtin_clzl(2 * n + 9);
    long rounding = log2_terms - (long)q, truncation = diff_exp + 1;
    long rel = (rounding > truncation ? rounding : truncation) + 1;
    return (long)mpfr_get_exp(y) + 1 + rel;
}

long ab_ref_erfc(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    return ab_mpfr_erfc(y, x, p, tmp);
}
