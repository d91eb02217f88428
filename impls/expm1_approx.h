/* expm1_approx.h: our own expm1 for the ELU family's "approx" variants and
 * the expm1 building block, on top of ab_exp_approx_* (approx_math.h).
 *
 * |x| <= 0.7: Taylor polynomial x + x^2 (1/2 + x/6 + ...), of degree 10
 * (f32) / 17 (f64): the first dropped term, x^11/11! / x^18/18! at 0.7, is
 * 2^-30 / 2^-61 relative to |x|.  Writing it
 * as x + x^2 q(x) keeps the leading term exact: the correction is at most
 * 0.43 |x|, so the result carries about one rounding.  This is where
 * e^x - 1 would cancel (it loses log2(1/|x|) bits).
 * |x| > 0.7: e^x - 1 no longer cancels badly (e^x <= 0.5 or >= 2; for
 * e^x <= 0.5 the subtraction is exact by Sterbenz up to its final rounding,
 * for e^x >= 2 the error of e^x is at most doubled relative to the result).
 * +-0 is returned as is (x + x^2 q would turn -0 into +0). */
#ifndef AB_EXPM1_APPROX_H
#define AB_EXPM1_APPROX_H
#include "approx_math.h"

static inline float ab_expm1_approx_f32(float x) {
    if (x == 0 || x != x) return x + x;  /* +-0 (and -0 + -0 = -0), NaN */
    if (fabsf(x) > 0.7f) return ab_exp_approx_f32(x) - 1.0f;
    float q = 1.0f / 3628800;
    q = 1.0f / 362880 + x * q;
    q = 1.0f / 40320 + x * q;
    q = 1.0f / 5040 + x * q;
    q = 1.0f / 720 + x * q;
    q = 1.0f / 120 + x * q;
    q = 1.0f / 24 + x * q;
    q = 1.0f / 6 + x * q;
    q = 0.5f + x * q;
    return x + (x * x) * q;
}

static inline double ab_expm1_approx_f64(double x) {
    if (x == 0 || x != x) return x + x;
    if (fabs(x) > 0.7) return ab_exp_approx_f64(x) - 1.0;
    /* 1/n! for n = 17 down to 3, folded at compile time; each is within
     * 2^-53 relative, which the x^n weighting makes negligible. */
    static const double inv_fact[] = {
        1.0 / 355687428096000.0, 1.0 / 20922789888000.0, 1.0 / 1307674368000.0,
        1.0 / 87178291200.0, 1.0 / 6227020800.0, 1.0 / 479001600.0,
        1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0};
    double q = inv_fact[0];
    for (size_t i = 1; i < sizeof inv_fact / sizeof inv_fact[0]; i++) q = inv_fact[i] + x * q;
    q = 0.5 + x * q;
    return x + (x * x) * q;
}
#endif
