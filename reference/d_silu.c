/* d_silu.c: MPFR reference for silu'(x) = s (1 + x (1 - s)), s = sigmoid(x).
 * Enclosed by interval arithmetic (interval.h): s and 1 - s = sigmoid(-x)
 * are each computed directly (no 1 - s cancellation), and the interval's
 * width proves the bound where 1 + x (1 - s) cancels: silu' crosses zero
 * at x0 = -1.2784645..., so a float near x0 gives |f| ~ 0.2 |x - x0|, which
 * the Ziv loop decides once the enclosure is narrower than that (a double
 * next to x0 needs about 2 x 55 bits, far below the 10000-bit cap). */
#include "d_silu.h"
#include "interval.h"
#include "ref_common.h"
#include <math.h>

long ab_ref_d_silu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* f -> 1 at +inf (from above, see below); f ~ (1 + x) e^x -> 0 from
     * below at -inf: -0.  f(+-0) = s(0) = 1/2. */
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN); else mpfr_set_zero(y, -1);
        return AB_REF_EXACT;
    }
    if (mpfr_zero_p(x)) { mpfr_set_d(y, 0.5, MPFR_RNDN); return AB_REF_EXACT; }
    double xd = mpfr_get_d(x, MPFR_RNDN);
    /* x <= -800: 0 < s < e^x and |1 + x(1-s)| <= 1 + |x|, so |f| < (1+|x|) e^x,
     * increasing in x (its derivative is -x e^x > 0), at most
     * 801 e^-800 < 2^(9.7 - 1154) < 2^-1100; 1 + x(1-s) <= 1 + x/2 < 0, so
     * f < 0. */
    if (xd <= -800) return ab_iv_tiny(y, 1);
    mpfr_set_prec(y, p);
    /* x >= 2: f - 1 = (1 - s)(x s - 1) with 0 < 1 - s < e^-x and
     * 1 < x s < x (x s >= 2 s(2) > 1.7), so 0 < f - 1 < x e^-x =
     * e^-(x - ln x) <= 2^-(p+1) once x - ln x >= 0.6932 (p + 1) > ln2 (p + 1)
     * (the margin 5e-5 (p+1) dwarfs log's rounding): f lies strictly
     * between 1 and 1 + 2^(1-p), its neighbour above at p bits. */
    if (xd >= 2 && xd - log(xd) >= 0.6932 * (double)(p + 1)) {
        mpfr_set_ui(y, 1, MPFR_RNDN);
        return AB_REF_ABOVE;
    }
    /* |x| < 2^-(p+2): f - 1/2 = (s - 1/2) + x s (1 - s), both terms of x's
     * sign and each at most |x|/4 in size (s' <= 1/4), so
     * 0 < |f - 1/2| <= |x|/2 < 2^-(p+3), inside both gaps beside 1/2 at p
     * bits (2^-(p+1) below, 2^-p above). */
    if (ab_ref_below_2exp(x, p + 2)) {
        mpfr_set_d(y, 0.5, MPFR_RNDN);
        return mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    ab_iv X, S, U, T;
    mpfr_prec_t w = p + 10;
    ab_iv_init(&X, w); ab_iv_init(&S, w); ab_iv_init(&U, w); ab_iv_init(&T, w);
    ab_iv_set(&X, x);                 /* exact: w >= 74 >= prec(x) */
    ab_iv_sigmoid(&S, &X);            /* s */
    ab_iv_neg(&T, &X);
    ab_iv_sigmoid(&U, &T);            /* 1 - s = sigmoid(-x) */
    ab_iv_mul(&T, &X, &U);
    ab_iv_add_si(&T, &T, 1);          /* 1 + x (1 - s): cancels near x0 */
    ab_iv_mul(&T, &T, &S);
    long E = ab_iv_result(y, &T);
    ab_iv_clear(&X); ab_iv_clear(&S); ab_iv_clear(&U); ab_iv_clear(&T);
    return E;
}
