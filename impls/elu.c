/* elu(x) = x for x >= 0, alpha (e^x - 1) for x < 0, alpha = 1: variants
 * and their registration.  elu(-0) = -0, elu(-inf) = -alpha. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/elu.h"
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

/* naive: the seed article's np.where(x >= 0, x, alpha*(np.exp(x)-1)).
 * For small negative x, e^x is within an ulp of 1 and e^x - 1 keeps only
 * the bits of e^x below 1: at x = -2^-20, f32 e^x = 1 - 2^-20 (about),
 * so the result has ~4 significant bits; below |x| = 2^-25 it is 0 (a
 * flush, with a huge ULP error).  NaN propagates through exp. */
static float naive_f32(float x) { return x >= 0 ? x : (float)ALPHA * (expf(x) - 1.0f); }
static double naive_f64(double x) { return x >= 0 ? x : ALPHA * (exp(x) - 1.0); }
static inline float perop(float x, int bf) { return x >= 0 ? x : R(R((float)ALPHA) * R(R(expf(x)) - 1.0f)); }
AB_PEROP_DEFINE(perop)

/* stable: expm1 computes e^x - 1 without forming e^x, so it keeps full
 * relative accuracy as x -> 0 (expm1(x) ~ x).  alpha = 1 makes the
 * multiply exact. */
static float stable_f32(float x) { return x >= 0 ? x : (float)ALPHA * expm1f(x); }
static double stable_f64(double x) { return x >= 0 ? x : ALPHA * expm1(x); }

/* approx: our own expm1 (Taylor near 0, ab_exp_approx - 1 away from 0;
 * see kernels/expm1.h). */
static float approx_f32(float x) { return x >= 0 ? x : (float)ALPHA * ab_expm1_approx_f32(x); }
static double approx_f64(double x) { return x >= 0 ? x : ALPHA * ab_expm1_approx_f64(x); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=1; x>=0 ? x : alpha*(expf(x)-1)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "alpha=1; x>=0 ? x : alpha*(exp(x)-1)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "alpha=1; x>=0 ? x : R(R(alpha)*R(R(exp(x))-1))"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "alpha=1; x>=0 ? x : alpha*expm1f(x)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "alpha=1; x>=0 ? x : alpha*expm1(x)", stable_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "alpha=1; x>=0 ? x : alpha*expm1_approx(x) (Taylor |x|<=0.7, else exp_approx-1)", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "alpha=1; x>=0 ? x : alpha*expm1_approx(x) (Taylor |x|<=0.7, else exp_approx-1)", approx_f64_batch),
};

/* Ranges and thresholds: the branch at 0 and expm1's saturation
 * (elu_family.h). */
static const ab_activation elu = {
    .name = "elu",
    .description = "exponential linear unit, alpha = 1",
    .reference = ab_ref_elu,
    AB_ELU_FAMILY_RANGES,
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_elu,
    /* elu > -alpha = -1 (alpha = 1); increasing. */
    .props = AB_PROPS(AB_RANGE(-1, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(elu)
