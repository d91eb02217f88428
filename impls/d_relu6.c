/* d_relu6: relu6'(x) = 1 for 0 < x < 6, 0 outside [0, 6]; at the kinks 0
 * and 6 the value is a convention (reference/d_piecewise.c: PyTorch's 0
 * at both, since relu6 is hardtanh(x, 0, 6)). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define WHY_NAN "NaN in gives 1: hardtanh_backward zeroes g when x <= 0 || x >= 6, which NaN fails (scalar path; the vector path gives 0); the kernel as shipped"

/* naive: reverse-mode autodiff of min(max(x, 0), 6) (impls/relu6.c), g = 1,
 * with PyTorch's rules for maximum / minimum (derivatives.yaml):
 * where(self == other, g/2, g).masked_fill_(self < other, 0) (maximum;
 * minimum: masked where self > other), so a tie splits the gradient.
 *   m = max(x, 0);  r = min(m, 6)
 *   g_m = m < 6 ? 1 : m == 6 ? 1/2 : 0          (min backward, to m)
 *   g_x = x > 0 ? g_m : x == 0 ? g_m/2 : 0      (max backward, to x)
 * So d(+-0) = d(6) = 1/2; NaN fails every mask and gives 1. */
static float naive_f32(float x) {
    float m = fmaxf(x, 0.0f);
    float gm = m == 6.0f ? 0.5f : m > 6.0f ? 0.0f : 1.0f;
    return x == 0.0f ? gm / 2 : x < 0.0f ? 0.0f : gm;
}
static double naive_f64(double x) {
    double m = fmax(x, 0.0);
    double gm = m == 6.0 ? 0.5 : m > 6.0 ? 0.0 : 1.0;
    return x == 0.0 ? gm / 2 : x < 0.0 ? 0.0 : gm;
}
/* per-op: the same selection; x needs no rounding and the values 0, 1/4,
 * 1/2, 1 are exact in both formats. */
static inline float perop(float x, int bf) {
    (void)bf;
    return naive_f32(x);
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's hardtanh_backward(g, x, 0, 6), scalar path:
 * (x <= 0 || x >= 6) ? 0 : g. */
static float framework_f32(float x) { return x <= 0.0f || x >= 6.0f ? 0.0f : 1.0f; }
static double framework_f64(double x) { return x <= 0.0 || x >= 6.0 ? 0.0 : 1.0; }

/* stable: the convention; NaN passed on. */
static float stable_f32(float x) {
    if (x > 0.0f && x < 6.0f) return 1.0f;
    return isnan(x) ? x : 0.0f;
}
static double stable_f64(double x) {
    if (x > 0.0 && x < 6.0) return 1.0;
    return isnan(x) ? x : 0.0;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of min(max(x,0),6), ties g/2 (torch.maximum/minimum): 1/2 at 0 and 6"
#define FW_F "PyTorch hardtanh_backward(0,6): x<=0||x>=6 ? 0 : 1 (0 at 0 and 6)"
#define STABLE_F "0<x<6 ? 1 : NaN ? NaN : 0 (0 at 0 and 6, PyTorch's)"
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

/* Kinks at 0 and 6. */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
    {"cap", 5, 7, 5, 7},
};

static const ab_activation d_relu6 = {
    .name = "d_relu6",
    .description = "derivative of relu6: 0 < x < 6 ? 1 : 0 (0 at both kinks, PyTorch's hardtanh_backward)",
    .reference = ab_ref_d_relu6,
    .fast32 = ab_fast32_d_relu6,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0, 6),
    AB_THRESHOLDS64(0, 6),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Up at 0, down at 6: not monotone; no symmetry. */
    .props = AB_PROPS(AB_RANGE(0, 1), 0, AB_SYM_NONE, 0),
};
AB_REGISTER(d_relu6)
