/* d_hard_tanh: hard_tanh'(x) = 1 for |x| < 1, 0 for |x| > 1; at the kinks
 * +-1 the value is a convention (reference/d_piecewise.c: PyTorch's 0). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define WHY_NAN "NaN in gives 1: hardtanh_backward zeroes g when x <= -1 || x >= 1, which NaN fails (scalar path; the vector path gives 0); the kernel as shipped"

/* naive: reverse-mode autodiff of max(-1, min(1, x)) (impls/hard_tanh.c),
 * g = 1, with PyTorch's maximum / minimum rules (a tie splits g/2; x is
 * `other` in both calls, masked where self > other (maximum) / self <
 * other (minimum)):
 *   m = min(1, x);  r = max(-1, m)
 *   g_m = m > -1 ? 1 : m == -1 ? 1/2 : 0        (max backward, to m)
 *   g_x = x < 1 ? g_m : x == 1 ? g_m/2 : 0      (min backward, to x)
 * So d(+-1) = 1/2; NaN fails every mask and gives 1. */
static float naive_f32(float x) {
    float m = fminf(1.0f, x);
    float gm = m == -1.0f ? 0.5f : m < -1.0f ? 0.0f : 1.0f;
    return x == 1.0f ? gm / 2 : x > 1.0f ? 0.0f : gm;
}
static double naive_f64(double x) {
    double m = fmin(1.0, x);
    double gm = m == -1.0 ? 0.5 : m < -1.0 ? 0.0 : 1.0;
    return x == 1.0 ? gm / 2 : x > 1.0 ? 0.0 : gm;
}
/* per-op: the same selection; the values 0, 1/4, 1/2, 1 are exact in
 * both formats. */
static inline float perop(float x, int bf) {
    (void)bf;
    return naive_f32(x);
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's hardtanh_backward(g, x, -1, 1), scalar path:
 * (x <= -1 || x >= 1) ? 0 : g. */
static float framework_f32(float x) { return x <= -1.0f || x >= 1.0f ? 0.0f : 1.0f; }
static double framework_f64(double x) { return x <= -1.0 || x >= 1.0 ? 0.0 : 1.0; }

/* stable: the convention; NaN passed on. */
static float stable_f32(float x) {
    if (x > -1.0f && x < 1.0f) return 1.0f;
    return isnan(x) ? x : 0.0f;
}
static double stable_f64(double x) {
    if (x > -1.0 && x < 1.0) return 1.0;
    return isnan(x) ? x : 0.0;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of max(-1,min(1,x)), ties g/2 (torch.maximum/minimum): 1/2 at +-1"
#define FW_F "PyTorch hardtanh_backward(-1,1): x<=-1||x>=1 ? 0 : 1 (0 at +-1)"
#define STABLE_F "-1<x<1 ? 1 : NaN ? NaN : 0 (0 at +-1, PyTorch's)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "naive selection, ties g/2 (no arithmetic to round)"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0, FW_F, framework_f64_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, STABLE_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, STABLE_F, stable_f64_batch),
};

/* Kinks at -1 and 1. */
static const ab_range ranges[] = {
    {"neg_knee", -2, 0, -2, 0},
    {"pos_knee", 0, 2, 0, 2},
};

static const ab_activation d_hard_tanh = {
    .name = "d_hard_tanh",
    .description = "derivative of hard_tanh: |x| < 1 ? 1 : 0 (0 at both kinks, PyTorch's hardtanh_backward)",
    .reference = ab_ref_d_hard_tanh,
    .fast32 = ab_fast32_d_hard_tanh,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-1, 1),
    AB_THRESHOLDS64(-1, 1),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* hard_tanh is odd, so its derivative is even (the convention too: 0
     * at both kinks); up then down: not monotone. */
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_hard_tanh)
