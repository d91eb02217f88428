/* hard_sigmoid(x) = relu6(x + 3) / 6 (PyTorch's Hardsigmoid): variants and
 * their registration.  Convention (reference/piecewise.c): NaN
 * propagates; +0 for x <= -3, 1 for x >= 3. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define STABLE_ULP 0.75 /* measured 0.5 (f32 and f64): correctly rounded up to the fma/Fast2Sum argument */

/* naive: no seed-article form; PyTorch's relu6(x + 3) / 6 with C99
 * fmin/fmax, which turn NaN into 0. */
static float naive_f32(float x) { return fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f; }
static double naive_f64(double x) { return fmin(fmax(x + 3.0, 0.0), 6.0) / 6.0; }
static inline float perop(float x, int bf) { return R(fminf(fmaxf(R(x + 3.0f), 0.0f), 6.0f) / 6.0f); }
AB_PEROP_DEFINE(perop)

/* stable: the saturations as comparisons NaN fails, so it reaches the
 * arithmetic and propagates.  Between the knees, (x + 3) / 6 rounds twice,
 * and the first rounding is not harmless: at x = 3 - 2^-22 (f32), x + 3 =
 * 6 - 2^-22 is a tie that rounds to 6, giving 1 instead of 1 - 2^-24.  So
 * the rounding error of s = x + 3 is kept, e = (3 - s) + x (exact: Fast2Sum,
 * |x| < 3), and so is the division's, r = s - 6q (exact with fma), and
 * (x + 3)/6 = q + (r + e)/6, where the correction only needs to be roughly
 * right. */
static float stable_f32(float x) {
    if (x <= -3) return 0.0f;
    if (x >= 3) return 1.0f;
    float s = x + 3.0f, e = (3.0f - s) + x;
    float q = s / 6.0f, r = fmaf(-q, 6.0f, s);
    return q + (r + e) / 6.0f;
}
static double stable_f64(double x) {
    if (x <= -3) return 0.0;
    if (x >= 3) return 1.0;
    double s = x + 3.0, e = (3.0 - s) + x;
    double q = s / 6.0, r = fma(-q, 6.0, s);
    return q + (r + e) / 6.0;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fminf(fmaxf(x+3,0),6)/6 (PyTorch)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fmin(fmax(x+3,0),6)/6 (PyTorch)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(min(max(R(x+3),0),6)/6)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? 1 : (x+3)/6 with Fast2Sum+fma corrections", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? 1 : (x+3)/6 with Fast2Sum+fma corrections", stable_f64_batch),
};

/* Knees at -3 and 3. */
static const ab_range ranges[] = {
    {"neg_knee", -4, -2, -4, -2},
    {"pos_knee", 2, 4, 2, 4},
};

static const ab_activation hard_sigmoid = {
    .name = "hard_sigmoid",
    .description = "relu6(x + 3) / 6 (PyTorch Hardsigmoid)",
    .reference = ab_ref_hard_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-3, 3),
    AB_THRESHOLDS64(-3, 3),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_hard_sigmoid,
    /* relu6(x+3) + relu6(3-x) = 6 for every x: f(x) + f(-x) = 1. */
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_SUM, 1),
};
AB_REGISTER(hard_sigmoid)
