/* d_mish.c: MPFR reference for mish'(x) = tanh(sp) + x sech^2(sp) sigmoid(x),
 * sp = softplus(x) = log(1 + e^x).
 *
 * With n = e^x, (1 + n)^2 = e^(2 sp), so tanh(sp) = n(n+2)/(n(n+2) + 2),
 * sech^2(sp) = 4(1+n)^2/D^2 with D = n(n+2) + 2, and sigmoid = n/(1+n):
 *   f = q/D + x 4n(1+n)/D^2,  q = n(n+2),  D = q + 2     (x <= 0);
 * with m = e^-x (n = 1/m, multiply through by m^2):
 *   f = a/D + x 4m^2(1+m)/D^2,  a = 1 + 2m,  D = a + 2m^2   (x > 0).
 * exp only sees -|x| (no overflow), every sum adds positives, and the only
 * cancellation, tanh(sp) + x(...) near mish's minimum x0 = -1.19243 where
 * f crosses 0, is proven by the interval enclosure (interval.h) and
 * decided by the Ziv loop as for d_silu. */
#include "d_mish.h"
#include "interval.h"
#include "ref_common.h"
#include <math.h>

/* The enclosure of f at w bits; X holds x. */
static void d_mish_iv(ab_iv *F, const ab_iv *X, int positive, mpfr_prec_t w) {
    ab_iv N, Q, D, T;
    ab_iv_init(&N, w); ab_iv_init(&Q, w); ab_iv_init(&D, w); ab_iv_init(&T, w);
    if (positive) {
        ab_iv_neg(&N, X);
        ab_iv_exp(&N, &N);                       /* m */
        ab_iv_mul_2si(&Q, &N, 1);
        ab_iv_add_si(&Q, &Q, 1);                 /* a = 1 + 2m */
        ab_iv_sqr(&D, &N);
        ab_iv_mul_2si(&D, &D, 1);
        ab_iv_add(&D, &D, &Q);                   /* D = a + 2m^2 */
        ab_iv_div(F, &Q, &D);                    /* tanh(sp) */
        ab_iv_add_si(&T, &N, 1);
        ab_iv_mul(&T, &T, &N);
        ab_iv_mul(&T, &T, &N);                   /* m^2 (1 + m) */
    } else {
        ab_iv_exp(&N, X);                        /* n */
        ab_iv_add_si(&Q, &N, 2);
        ab_iv_mul(&Q, &Q, &N);                   /* q = n(n+2) */
        ab_iv_add_si(&D, &Q, 2);                 /* D = q + 2 */
        ab_iv_div(F, &Q, &D);                    /* tanh(sp) */
        ab_iv_add_si(&T, &N, 1);
        ab_iv_mul(&T, &T, &N);                   /* n (1 + n) */
    }
    ab_iv_mul_2si(&T, &T, 2);
    ab_iv_sqr(&D, &D);
    ab_iv_div(&T, &T, &D);                       /* sech^2(sp) sigmoid(x) */
    ab_iv_mul(&T, &T, X);
    ab_iv_add(F, F, &T);
    ab_iv_clear(&N); ab_iv_clear(&Q); ab_iv_clear(&D); ab_iv_clear(&T);
}

long ab_ref_d_mish(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* f -> 1 from above at +inf (below); f ~ (1 + x) e^x -> 0 from below at
     * -inf: -0.  f(+-0) = 3/5 is no grid point: the enclosure decides it. */
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN); else mpfr_set_zero(y, -1);
        return AB_REF_EXACT;
    }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    /* x <= -800: n <= 1 and D >= 2 give |q/D| <= 1.5 n and
     * |x 4n(1+n)/D^2| <= 2|x| n, so |f| <= (1.5 + 2|x|) e^x <= 1601 e^-800
     * < 2^-1100 (increasing in x there); f = n((n+2)/D + 4x(1+n)/D^2) with
     * (n+2)/D < 1.01 and 4x(1+n)/D^2 < 0.99 x, so f < 0. */
    if (xd <= -800) return ab_iv_tiny(y, 1);
    mpfr_set_prec(y, p);
    /* x >= 2 (m <= e^-2 < 0.136): f - 1 = (2m^2/D)(2x(1+m)/D - 1), and
     * 1 <= D <= 1.31 gives 2x(1+m)/D >= 3 (positive) and
     * f - 1 <= 4x m^2 (1+m) <= 4.6 x e^-2x = e^-(2x - ln(4.6x)) <= 2^-(p+1)
     * once 2x - ln(4.6x) >= 0.6932 (p+1): strictly between 1 and its
     * neighbour above at p bits.  ln 4.6 + ln x, not ln(4.6 x): 4.6 x
     * overflows for x near DBL_MAX (the check then failed, and the Ziv
     * loop hit its cap). */
    if (xd >= 2 && 2 * xd - (log(4.6) + log(xd)) >= 0.6932 * (double)(p + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    ab_iv X, F;
    mpfr_prec_t w = p + 12;
    ab_iv_init(&X, w); ab_iv_init(&F, w);
    ab_iv_set(&X, x);
    d_mish_iv(&F, &X, xd > 0, w);
    long E = ab_iv_result(y, &F);
    ab_iv_clear(&X); ab_iv_clear(&F);
    return E;
}
