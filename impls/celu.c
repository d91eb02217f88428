/* celu(x) = max(0, x) + min(0, alpha (e^(x/alpha) - 1)), alpha = 1:
 * variants and their registration.  Equal to elu for alpha = 1; the
 * reference (reference/celu.c) keeps the sign of zero, celu(-0) = -0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/celu.h"
#include "elu_family.h"
#include "kernels/expm1.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define ALPHA 1.0
#define STABLE32 1
#define STABLE64 1
#define APPROX32 1.5
#define APPROX64 1.5

/* naive: no seed-article form; PyTorch's documented formula, literally,
 * with C99 fmax/fmin.  Besides e^x - 1 cancelling near 0, fmax and fmin
 * ignore a NaN operand, so NaN comes out as 0 + 0 = 0; and -0 comes out
 * as max(0, -0) + min(0, -0) = +0 (fmaxf/fminf may return either zero;
 * the sum of two zeros of opposite signs is +0 anyway). */
static float naive_f32(float x) {
    const float a = (float)ALPHA;
    return fmaxf(0.0f, x) + fminf(0.0f, a * (expf(x / a) - 1.0f));
}
static double naive_f64(double x) {
    const double a = ALPHA;
    return fmax(0.0, x) + fmin(0.0, a * (exp(x / a) - 1.0));
}
static inline float perop(float x, int bf) {
    const float a = R((float)ALPHA);
    return R(fmaxf(0.0f, x) + fminf(0.0f, R(a * R(R(expf(R(x / a))) - 1.0f))));
}
AB_PEROP_DEFINE(perop)

/* stable: only one of the two terms is ever nonzero, so choose it with a
 * comparison (NaN fails it and propagates through expm1); expm1 keeps
 * relative accuracy near 0. */
static float stable_f32(float x) {
    const float a = (float)ALPHA;
    return x >= 0 ? x : a * expm1f(x / a);
}
static double stable_f64(double x) {
    const double a = ALPHA;
    return x >= 0 ? x : a * expm1(x / a);
}

/* approx: our own expm1 (kernels/expm1.h). */
static float approx_f32(float x) {
    const float a = (float)ALPHA;
    return x >= 0 ? x : a * ab_expm1_approx_f32(x / a);
}
static double approx_f64(double x) {
    const double a = ALPHA;
    return x >= 0 ? x : a * ab_expm1_approx_f64(x / a);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=1; fmaxf(0,x)+fminf(0,alpha*(expf(x/alpha)-1)) (PyTorch)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=1; fmax(0,x)+fmin(0,alpha*(exp(x/alpha)-1)) (PyTorch)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "alpha=1; R(max(0,x)+min(0,R(R(alpha)*R(R(exp(R(x/R(alpha))))-1))))"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "alpha=1; x>=0 ? x : alpha*expm1f(x/alpha)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "alpha=1; x>=0 ? x : alpha*expm1(x/alpha)", stable_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "alpha=1; x>=0 ? x : alpha*expm1_approx(x/alpha)", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "alpha=1; x>=0 ? x : alpha*expm1_approx(x/alpha)", approx_f64_batch),
};

/* As elu: the branch at 0 and the saturation to -alpha (elu_family.h). */
static const ab_activation celu = {
    .name = "celu",
    .description = "continuously differentiable elu, alpha = 1",
    .reference = ab_ref_celu,
    AB_ELU_FAMILY_RANGES,
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_celu,
    /* celu > -alpha = -1 (alpha = 1); increasing. */
    .props = AB_PROPS(AB_RANGE(-1, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(celu)
