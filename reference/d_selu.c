/* d_selu.c: selu'(x) = lambda for x > 0, lambda alpha e^x for x <= 0, with
 * lambda = 1.0507009873554805 and alpha = 1.6732632423543772 exactly these
 * decimals (reference/selu.c).
 *
 * Convention at 0: selu jumps in slope there (lambda alpha = 1.758... on
 * the left, lambda = 1.0507... on the right).  PyTorch's elu_backward takes
 * the negative branch for x <= 0, so selu'(+-0) = lambda alpha: so here.
 *
 * Special values: NaN -> NaN; +inf -> lambda; -inf -> +0.  Tail: for
 * x < -764, lambda alpha e^x < 1.76 e^-764 < e^-763.4 < 2^-1100
 * (1100 ln 2 = 762.46...), so ab_iv_tiny.
 *
 * x > 0: lambda = 10507009873554805 / 10^16, an exact integer (54 bits,
 * exact at p >= 64) divided once, correctly rounded: the ternary value is
 * the direction.  x <= 0: an interval enclosure (interval.h) of
 * (N_l / 10^16) (N_a / 10^16) e^x, each factor enclosed outward; never a
 * dyadic (a non-dyadic rational times e^x, x a dyadic), so the Ziv loop
 * decides it. */
#include "d_selu.h"
#include "interval.h"
#include "ref_common.h"

#define SELU_LAMBDA_N 10507009873554805L
#define SELU_ALPHA_N 16732632423543772L
#define TEN16 10000000000000000UL

long ab_ref_d_selu(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)tmp;
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_sgn(x) > 0) {
        mpfr_set_si(y, SELU_LAMBDA_N, MPFR_RNDN);
        return ab_ref_ternary(y, mpfr_div_ui(y, y, TEN16, MPFR_RNDN));
    }
    if (mpfr_inf_p(x)) { mpfr_set_zero(y, 1); return AB_REF_EXACT; }
    if (mpfr_cmp_si(x, -764) < 0) return ab_iv_tiny(y, 0);
    ab_iv l, a, e;
    ab_iv_init(&l, p + 10);
    ab_iv_init(&a, p + 10);
    ab_iv_init(&e, p + 10);
    ab_iv_set_q(&l, SELU_LAMBDA_N, TEN16);
    ab_iv_set_q(&a, SELU_ALPHA_N, TEN16);
    ab_iv_mul(&l, &l, &a);
    ab_iv_set(&e, x);
    ab_iv_exp(&e, &e);
    ab_iv_mul(&l, &l, &e);
    long r = ab_iv_result(y, &l);
    ab_iv_clear(&l);
    ab_iv_clear(&a);
    ab_iv_clear(&e);
    return r;
}
