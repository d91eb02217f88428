/* d_softplus: softplus'(x) = sigmoid(x) = 1 / (1 + e^-x), increasing
 * from 0 to 1, f(x) + f(-x) = 1: variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_softplus.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 1.68; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 2

/* naive: reverse mode through the seed article's np.log(1 + np.exp(x)),
 * gradient 1, PyTorch's rules:
 *   forward  e = exp(x); t = 1 + e; y = log(t)
 *   log:     gt = g / t
 *   add:     ge = gt
 *   exp:     gx = ge * e
 * Above 88.72 (f32) / 709.78 (f64) e = inf, t = inf, gt = 0 and
 * 0 * inf = NaN (burn #5373: softplus as log(exp(x) + 1) gives NaN
 * gradients). */
static float naive_f32(float x) {
    float e = expf(x), t = 1.0f + e;
    float gt = 1.0f / t;
    float ge = gt;
    return ge * e;
}
static double naive_f64(double x) {
    double e = exp(x), t = 1.0 + e;
    double gt = 1.0 / t;
    double ge = gt;
    return ge * e;
}
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float e = R(expf(x)), t = R(1.0f + e);
    float gt = R(1.0f / t);
    float ge = gt;
    return R(ge * e);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's softplus_backward (beta 1, threshold 20), from
 * the input: z = exp(x); x > 20 ? g : g * z / (z + 1).  In f32 the
 * threshold is harmless (z/(z+1) already rounds to 1 above 17.33), but in
 * f64 x > 20 returns 1 where 1 - sigmoid(x) = 2.06e-9 is ~1.9e7 ulps of 1:
 * the threshold was chosen for f32. */
static float from_output_f32(float x) {
    float z = expf(x);
    return x > 20.0f ? 1.0f : 1.0f * z / (z + 1.0f);
}
static double from_output_f64(double x) {
    double z = exp(x);
    return x > 20.0 ? 1.0 : 1.0 * z / (z + 1.0);
}

/* stable: sigmoid with exp only of -|x|: x >= 0 ? 1/(1+e) : e/(1+e).
 * No overflow, and for x < 0 the result keeps e^x's relative accuracy
 * into the subnormals.  f32 evaluates it in double and rounds once; f64
 * is impls/sigmoid.c's stable formula (exp, add, divide: each within an
 * ulp, exp's error entering with condition 1/(1+e) <= 1). */
static float stable_f32(float x) {
    double e = exp(-fabs((double)x));
    return (float)(x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
}
static double stable_f64(double x) {
    double e = exp(-fabs(x));
    return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of logf(1+expf(x)): (1/(1+e))*e, e=expf(x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of log(1+exp(x)): (1/(1+e))*e, e=exp(x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(1/R(1+e))*e), e=R(exp(x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch softplus_backward: x>20 ? 1 : z/(z+1), z=expf(x)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch softplus_backward: x>20 ? 1 : z/(z+1), z=exp(x)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "e=exp(-|x|) in double; x>=0 ? 1/(1+e) : e/(1+e)", stable_f32_batch),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", STABLE64, "e=exp(-|x|); x>=0 ? 1/(1+e) : e/(1+e)", stable_f64_batch,
               AB_FAIL_MONOTONE, AB_WHY_MONO_LIBM),
};

/* naive: e^x overflows above 88.72 / 709.78; PyTorch's threshold is 20;
 * sigmoid rounds to 1 above 25 ln 2 = 17.33 / 54 ln 2 = 37.43 and to 0
 * below -103.97 / -745.13. */
static const ab_range ranges[] = {
    {"overflow", 80, 100, 700, 720},
    {"threshold", 15, 25, 15, 40},
    {"neg_tail", -110, -80, -750, -700},
};

static const ab_activation d_softplus = {
    .name = "d_softplus",
    .description = "derivative of softplus: sigmoid(x) = 1/(1+e^-x)",
    .reference = ab_ref_d_softplus,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e43p6, 20, 0x1.154246p4, -0x1.9fe368p6),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, 20, 0x1.2b708872320e2p5, -0x1.74910d52d3052p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* sigmoid(x) + sigmoid(-x) = 1 (softplus(x) - softplus(-x) = x). */
    .fast32 = ab_fast32_sigmoid,          /* softplus' = sigmoid */
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_SUM, 1),
};
AB_REGISTER(d_softplus)
