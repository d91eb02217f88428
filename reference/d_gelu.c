/* d_gelu.c: MPFR reference for gelu'(x) = Phi(x) + x phi(x) (the erf form),
 * Phi(x) = erfc(-x/sqrt2)/2, phi(x) = e^(-x^2/2)/sqrt(2 pi).
 *
 * Phi as erfc(-x/sqrt2)/2 has no 1 + erf cancellation; the sum
 * Phi + x phi cancels for x < 0 (gelu' crosses zero at gelu's minimum
 * x0 = -0.75179...), which the interval enclosure (interval.h) proves
 * and the Ziv loop decides, as for d_silu. */
#include "d_gelu.h"
#include "interval.h"
#include "ref_common.h"
#include <math.h>

long ab_ref_d_gelu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* +inf: 1 (approached from above, below); -inf: f = Q(t) - t phi(t)
     * with t = -x and Q(t) < phi(t)/t < t phi(t), negative, -> -0.
     * f(+-0) = Phi(0) = 1/2. */
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN); else mpfr_set_zero(y, -1);
        return AB_REF_EXACT;
    }
    if (mpfr_zero_p(x)) { mpfr_set_d(y, 0.5, MPFR_RNDN); return AB_REF_EXACT; }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    /* x <= -40: 0 < -f < t phi(t) < 40 e^-800 < 2^-1100 (t phi(t) decreasing
     * for t > 1). */
    if (xd <= -40) return ab_iv_tiny(y, 1);
    mpfr_set_prec(y, p);
    /* x >= 1: f - 1 = x phi(x) - Q(x) with Q(x) < phi(x)/x <= x phi(x), so
     * 0 < f - 1 < x phi(x) < e^-(x^2/2 - ln x) <= 2^-(p+1) once
     * x^2/2 - ln x >= 0.6932 (p+1): strictly between 1 and its neighbour
     * above at p bits. */
    if (xd >= 1 && xd * xd / 2 - log(xd) >= 0.6932 * (double)(p + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    /* |x| < 2^-(p+2): Phi(x) - 1/2 and x phi(x) have x's sign and are each
     * at most |x| phi(0) < 0.4|x|, so 0 < |f - 1/2| < 2^-(p+3), inside both
     * gaps beside 1/2 at p bits. */
    if (ab_ref_below_2exp(x, p + 2)) {
        mpfr_set_d(y, 0.5, MPFR_RNDN);
        return mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    ab_iv X, R, A, B;
    mpfr_prec_t w = p + 12;
    ab_iv_init(&X, w); ab_iv_init(&R, w); ab_iv_init(&A, w); ab_iv_init(&B, w);
    ab_iv_set(&X, x);
    ab_iv_set_si(&R, 2);
    ab_iv_sqrt(&R, &R);                  /* sqrt2 */
    ab_iv_neg(&A, &X);
    ab_iv_div(&A, &A, &R);
    ab_iv_erfc(&A, &A);
    ab_iv_mul_2si(&A, &A, -1);           /* Phi(x) = erfc(-x/sqrt2)/2 */
    ab_iv_sqr(&B, &X);
    ab_iv_mul_2si(&B, &B, -1);
    ab_iv_neg(&B, &B);
    ab_iv_exp(&B, &B);                   /* e^(-x^2/2) */
    ab_iv_const_pi(&R);
    ab_iv_mul_2si(&R, &R, 1);
    ab_iv_sqrt(&R, &R);                  /* sqrt(2 pi) */
    ab_iv_div(&B, &B, &R);               /* phi(x) */
    ab_iv_mul(&B, &B, &X);
    ab_iv_add(&A, &A, &B);
    long E = ab_iv_result(y, &A);
    ab_iv_clear(&X); ab_iv_clear(&R); ab_iv_clear(&A); ab_iv_clear(&B);
    return E;
}
