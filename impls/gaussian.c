/* gaussian(x) = e^(-x^2): variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/gaussian.h"
#include "kernels/exp.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: exp(-x*x).  Nothing overflows harmfully (x*x = inf gives 0),
 * but x*x is rounded: its error, up to ulp(x^2)/2 ~ x^2 2^-24, lands in
 * the exponent, and e^-(s + d) = e^-s e^-d is off by a relative d, i.e.
 * up to x^2/2 ulps: about 50 ulps near the f32 underflow (x ~ 10),
 * 370 near the f64 one (x ~ 27). */
static float naive_f32(float x) { return expf(-x * x); }
static double naive_f64(double x) { return exp(-x * x); }
static inline float perop(float x, int bf) { return R(expf(R(-x * x))); }
AB_PEROP_DEFINE(perop)

/* stable: x^2 = hi + lo exactly (hi = x*x, lo = fma(x, x, -hi)), and
 * e^-(hi+lo) = e^-hi e^-lo = e^-hi (1 - lo) to a relative lo^2/2 <
 * 2^-34 (|lo| <= ulp(hi)/2 < 2^-17 wherever the result is not 0).
 * exp(-hi - lo) would not do: -hi - lo rounds straight back to -hi,
 * lo being below half an ulp of hi.  The correction is applied as
 * t - t*lo so that it keeps its own relative accuracy and only the final
 * subtraction rounds.  x^2 > 200 (1000) means e^(-x^2) < 2^-150
 * (2^-1075): 0, which also keeps fma(inf, inf, -inf) = NaN out; NaN
 * fails that test and propagates.  |x| < 2^-13 (2^-27): x^2 < 2^-26
 * (2^-54), under half an ulp below 1, so the result is 1, as the recipe
 * itself rounds; returned first because the recipe squares tiny x into
 * the subnormals, a microcode assist per operation (~100x slower). */
static float stable_f32(float x) {
    if (fabsf(x) < 0x1p-13f) return 1.0f;
    float hi = x * x;
    if (hi > 200.0f) return 0.0f;
    float lo = fmaf(x, x, -hi), t = expf(-hi);
    return t - t * lo;
}
static double stable_f64(double x) {
    if (fabs(x) < 0x1p-27) return 1.0;
    double hi = x * x;
    if (hi > 1000.0) return 0.0;
    double lo = fma(x, x, -hi), t = exp(-hi);
    return t - t * lo;
}

/* approx: the stable recipe on ab_exp_approx. */
static float approx_f32(float x) {
    if (fabsf(x) < 0x1p-13f) return 1.0f;
    float hi = x * x;
    if (hi > 200.0f) return 0.0f;
    float lo = fmaf(x, x, -hi), t = ab_exp_approx_f32(-hi);
    return t - t * lo;
}
static double approx_f64(double x) {
    if (fabs(x) < 0x1p-27) return 1.0;
    double hi = x * x;
    if (hi > 1000.0) return 0.0;
    double lo = fma(x, x, -hi), t = ab_exp_approx_f64(-hi);
    return t - t * lo;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "expf(-x*x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "exp(-x*x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(exp(R(-x*x)))"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1.5, "hi=x*x, lo=fmaf(x,x,-hi), t=expf(-hi); t-t*lo", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1.5, "hi=x*x, lo=fma(x,x,-hi), t=exp(-hi); t-t*lo", stable_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", 1.75, "hi=x*x, lo=fmaf(x,x,-hi), t=ab_exp_approx_f32(-hi); t-t*lo", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", 1.5, "hi=x*x, lo=fma(x,x,-hi), t=ab_exp_approx_f64(-hi); t-t*lo", approx_f64_batch),
};

/* The rounding of x*x costs naive up to x^2/2 ulps, so it shows where
 * x^2 is large and the result still representable: the tail up to the
 * underflow to 0 at 10.197 / 27.297. */
static const ab_range ranges[] = {
    {"tail", 5, 10.25, 15, 27.3},
};

static const ab_activation gaussian = {
    .name = "gaussian",
    .description = "e^(-x^2)",
    .reference = ab_ref_gaussian,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.464b1ep3, -0x1.464b1ep3),
    AB_THRESHOLDS64(0x1.b4c109b69b1bap4, -0x1.b4c109b69b1bap4),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_gaussian,
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(gaussian)
