/* sigmoid(x) = 1 / (1 + e^-x): variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/formulas.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include "kernels/sigmoid.h"
#include <math.h>
#include <string.h>

/* naive: the seed article's `1 / (1 + np.exp(-x))`.  e^-x overflows for
 * x < -88.72 (f32), so the result flushes to 0 where sigmoid(x) ~ e^x is
 * still a representable subnormal down to x = -103.97. */
static float naive_f32(float x) { return 1.0f / (1.0f + expf(-x)); }
static double naive_f64(double x) { return 1.0 / (1.0 + exp(-x)); }
static inline float perop(float x, int bf) { return R(1.0f / R(1.0f + R(expf(-x)))); }
AB_PEROP_DEFINE(perop)

/* stable: exp only ever sees -|x| <= 0, so it cannot overflow, and for
 * x < 0 the result e^x / (1 + e^x) keeps e^x's relative accuracy all the
 * way into the subnormals.  NaN propagates through exp. */
/* Bound: exp (about 1 ulp) with condition number 1/(1+e) <= 1, the add
 * and the division: 3 ulps declared. */
static float stable_f32(float x) {
    float e = expf(-fabsf(x));
    return x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
}
static double stable_f64(double x) {
    double e = exp(-fabs(x));
    return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

AB_BATCH_F32(approx_f32_batch, ab_sigmoid_approx_f32)
AB_BATCH_F64(approx_f64_batch, ab_sigmoid_approx_f64)
AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1/(1+expf(-x))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1/(1+exp(-x))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1/R(1+R(exp(-x))))"),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", 3, "e=expf(-|x|); x>=0 ? 1/(1+e) : e/(1+e)", stable_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBM),
    AB_VARIANT("stable", AB_STABLE, "scalar", 3, "e=exp(-|x|); x>=0 ? 1/(1+e) : e/(1+e)", stable_f64_batch),
    /* Bounds: 2.40 ulp measured on all 2^32 floats, 2.17 on 10^7 doubles. */
    AB_VARIANT_EXPECTING("rr1-p6-div", AB_APPROX, "scalar", 2.5, "own exp (rr1, p6) on -|x|, then 1/(1+e) or e/(1+e)", approx_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("rr1-p11-div", AB_APPROX, "scalar", 2.5, "own exp (rr1, p11) on -|x|, then 1/(1+e) or e/(1+e)", approx_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
};

/* Branch and saturation points: e^-x overflows below -88.72 / -709.78;
 * the result underflows to 0 below -103.97 / -745.13 and rounds to 1
 * above 17.33 / 37.43. */
static const ab_range ranges[] = {
    {"neg_tail", -110, -80, -750, -700},
    {"saturation", 10, 40, 30, 60},
};

static const ab_activation sigmoid = {
    .name = "sigmoid",
    .description = "logistic function 1/(1+e^-x)",
    .reference = ab_ref_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.62e43p6, -0x1.9fe368p6, 0x1.154246p4),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, -0x1.74910d52d3051p9, 0x1.2b708872320e1p5),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_sigmoid,
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_SUM, 1),
};
AB_REGISTER(sigmoid)
