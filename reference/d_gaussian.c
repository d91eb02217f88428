/* d_gaussian.c: MPFR reference for gaussian'(x) = -2x e^(-x^2), the
 * derivative of reference/gaussian.c's e^(-x^2) (odd). */
#include "d_gaussian.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_gaussian(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* -2x e^(-x^2) -> 0 with the sign of -x: f(+inf) = -0, f(-inf) = +0,
     * and f(+-0) = -2 (+-0) = -+0 exactly. */
    if (mpfr_inf_p(x) || mpfr_zero_p(x)) {
        mpfr_set_zero(y, mpfr_signbit(x) ? 1 : -1);  /* the sign of -x */
        return AB_REF_EXACT;
    }
    /* |x| >= 28: |f| = 2|x| e^(-x^2) <= 56 e^-784 < 2^(5.9 - 1131) < 2^-1100
     * (decreasing for |x| > 1/sqrt2), of the sign of -x. */
    if (mpfr_cmpabs_ui(x, 28) >= 0) return ab_iv_tiny(y, mpfr_sgn(x) > 0);
    mpfr_set_prec(y, p);
    /* |x| < 2^-k, 2k >= p + 3: f = -2x + 2x (1 - e^(-x^2)), the second term
     * of x's sign (toward zero from y = -2x) and below 2|x| x^2 <
     * |y| 2^-(p+3), inside the gap from y toward zero at p bits
     * (>= |y| 2^-(p+1)).  y = -2x is exact (p >= 64 >= prec(x)). */
    if (ab_ref_below_2exp(x, (p + 4) / 2)) {
        mpfr_mul_si(y, x, -2, MPFR_RNDN);
        return mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    ab_iv X, A;
    mpfr_prec_t w = p + 10;
    ab_iv_init(&X, w); ab_iv_init(&A, w);
    ab_iv_set(&X, x);
    ab_iv_sqr(&A, &X);
    ab_iv_neg(&A, &A);
    ab_iv_exp(&A, &A);
    ab_iv_mul(&A, &A, &X);
    ab_iv_mul_si(&A, &A, -2);
    long E = ab_iv_result(y, &A);
    ab_iv_clear(&X); ab_iv_clear(&A);
    return E;
}
