/* selu(x) = lambda x for x >= 0, lambda alpha (e^x - 1) for x < 0, with
 * lambda = 1.0507009873554805 and alpha = 1.6732632423543772 (the
 * decimals are the definition; reference/selu.c): variants and their
 * registration.  selu(+-0) = +-0, selu(-inf) = -lambda alpha. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/selu.h"
#include "elu_family.h"
#include "kernels/act_constants.h"
#include "kernels/expm1.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define STABLE32 2
#define STABLE64 2
#define APPROX32 2.5
#define APPROX64 2.5

/* lambda and alpha rounded to each format (f32: lambda 0.58 ulp off, so a
 * single product lambda * x is already up to ~1.1 ulp off), and the hi + lo
 * splits of lambda and lambda alpha: kernels/act_constants.h. */

/* naive: the SNN authors' scale * where(x >= 0, x, alpha * (exp(x) - 1))
 * with exp - 1, which cancels near 0 like the seed article's elu. */
static float naive_f32(float x) { return ab_selu_f32.lambda * (x >= 0 ? x : ab_selu_f32.alpha * (expf(x) - 1.0f)); }
static double naive_f64(double x) { return ab_selu_f64.lambda * (x >= 0 ? x : ab_selu_f64.alpha * (exp(x) - 1.0)); }
static inline float perop(float x, int bf) {
    return R(R(ab_selu_f32.lambda) * (x >= 0 ? x : R(R(ab_selu_f32.alpha) * R(R(expf(x)) - 1.0f))));
}
AB_PEROP_DEFINE(perop)

/* stable: expm1 for the negative branch (no cancellation near 0), and the
 * constants as hi + lo pairs applied with one fma, c x ~ fma(hi, x,
 * lo * x): the rounding of lambda (0.58 ulp in f32) and of lambda alpha
 * would otherwise add to every result.  +-0 and +inf are returned as
 * they are: fma(hi, -0, lo * -0) is +0 when lo > 0, and hi * inf + lo * inf
 * is inf - inf = NaN when lo < 0.  NaN fails x >= 0 and propagates. */
static float stable_f32(float x) {
    if (x == 0 || x == INFINITY) return x;
    if (x >= 0) return fmaf(ab_selu_f32.lambda_hi, x, ab_selu_f32.lambda_lo * x);
    float e = expm1f(x);
    return fmaf(ab_selu_f32.la_hi, e, ab_selu_f32.la_lo * e);
}
static double stable_f64(double x) {
    if (x == 0 || x == INFINITY) return x;
    if (x >= 0) return fma(ab_selu_f64.lambda_hi, x, ab_selu_f64.lambda_lo * x);
    double e = expm1(x);
    return fma(ab_selu_f64.la_hi, e, ab_selu_f64.la_lo * e);
}

/* approx: our own expm1 (kernels/expm1.h) and the constants lambda and
 * lambda alpha each rounded once (no hi + lo, no fma). */
static float approx_f32(float x) {
    return x >= 0 ? ab_selu_f32.lambda * x : ab_selu_f32.la_hi * ab_expm1_approx_f32(x);
}
static double approx_f64(double x) {
    return x >= 0 ? ab_selu_f64.lambda * x : ab_selu_f64.la_hi * ab_expm1_approx_f64(x);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "lambda=1.0507009873554805 alpha=1.6732632423543772; lambda*(x>=0 ? x : alpha*(expf(x)-1))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "lambda=1.0507009873554805 alpha=1.6732632423543772; lambda*(x>=0 ? x : alpha*(exp(x)-1))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(lambda)*(x>=0 ? x : R(R(alpha)*R(R(exp(x))-1))))"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1f(x)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1(x)", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", APPROX32, "x>=0 ? lambda*x : lambda*alpha*expm1_approx(x)", approx_f32_batch,
               AB_FAIL_OVERFLOW, AB_WHY_SELU_OVERFLOW),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "x>=0 ? lambda*x : lambda*alpha*expm1_approx(x)", approx_f64_batch),
};

/* As elu: the branch at 0 and the saturation to -lambda alpha
 * (elu_family.h). */
static const ab_activation selu = {
    .name = "selu",
    .description = "scaled elu, lambda = 1.0507009873554805, alpha = 1.6732632423543772",
    .reference = ab_ref_selu,
    AB_ELU_FAMILY_RANGES,
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_selu,
    /* selu > -lambda alpha = -1.75809934084737678183405158424 with the
     * reference's decimals (scripts/props/minima.py), rounded down in each
     * format. */
    .props = AB_PROPS(AB_RANGE2(-0x1.c212cep+0, INFINITY, -0x1.c212cc640f031p+0, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(selu)
