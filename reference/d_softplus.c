/* d_softplus.c: MPFR reference for softplus'(x) = sigmoid(x)
 * = 1 / (1 + e^-x), increasing from 0 to 1, f(x) + f(-x) = 1.
 *
 * Enclosed by interval.h's ab_iv_sigmoid (exp only of -|x|: no overflow,
 * no lost tail).  Grid points and tails first: */
#include "d_softplus.h"
#include "interval.h"
#include "ref_common.h"

long ab_ref_d_softplus(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    /* The limits: sigmoid(+inf) = 1, sigmoid(-inf) = +0. */
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_ui(y, 1, MPFR_RNDN); else mpfr_set_zero(y, 1);
        return AB_REF_EXACT;
    }
    /* sigmoid(+-0) = 1/2 exactly. */
    if (mpfr_zero_p(x)) { mpfr_set_ui_2exp(y, 1, -1, MPFR_RNDN); return AB_REF_EXACT; }
    /* x >= 0.6932 p > p ln 2: 0 < 1 - f = 1/(1 + e^x) < e^-x < 2^-p, the
     * gap below 1 at p bits. */
    if (mpfr_cmp_d(x, 0.6932 * (double)p) >= 0) return ab_ref_unit_toward_zero(y, 0);
    /* |x| < 2^-p: f - 1/2 = tanh(x/2)/2 has x's sign and |.| < |x|/4
     * < 2^(-p-2), inside the gaps 2^-p above 1/2 and 2^(-p-1) below. */
    if (ab_ref_below_2exp(x, p)) {
        mpfr_set_ui_2exp(y, 1, -1, MPFR_RNDN);
        return mpfr_sgn(x) > 0 ? AB_REF_ABOVE : AB_REF_BELOW;
    }
    /* x <= -763 < -1100 ln 2: 0 < f < e^x < 2^-1100. */
    if (mpfr_cmp_si(x, -763) <= 0) return ab_iv_tiny(y, 0);
    ab_iv v;
    ab_iv_init(&v, p + 10);
    ab_iv_set(&v, x);
    ab_iv_sigmoid(&v, &v);
    long E = ab_iv_result(y, &v);
    ab_iv_clear(&v);
    return E;
}
