/* d_hard_sigmoid: hard_sigmoid'(x) = 1/6 for |x| < 3, 0 for |x| > 3; at
 * the kinks +-3 the value is a convention (reference/d_piecewise.c:
 * PyTorch's 0).  1/6 is not a float: the correctly rounded values are
 * 0x1.555556p-3 (f32, 0.33 ulp above) and 0x1.5555555555555p-3 (f64, 0.33
 * ulp below). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define SIXTH32 0x1.555556p-3f
#define SIXTH64 0x1.5555555555555p-3

#define WHY_NAN "NaN in gives 0: hardsigmoid_backward returns g/6 only when -3 < x < 3, which NaN fails; the kernel as shipped"

/* naive: reverse-mode autodiff of min(max(x + 3, 0), 6) / 6
 * (impls/hard_sigmoid.c), g = 1, PyTorch's rules (a tie of maximum /
 * minimum splits g/2):
 *   s = x + 3 (rounded);  m = max(s, 0);  r = min(m, 6);  out = r / 6
 *   g_r = g / 6 = RN(1/6)                                (div backward)
 *   g_m = m < 6 ? g_r : m == 6 ? g_r/2 : 0               (min backward)
 *   g_s = s > 0 ? g_m : s == 0 ? g_m/2 : 0               (max backward)
 *   g_x = g_s                                            (add backward)
 * So d(-3) = d(3) = 1/12, and so is d(x) for the x < 3 whose x + 3 rounds
 * to 6: f32 x = 3 - 2^-22 (a tie, to even) and 3 - 2^-23; f64 x = 3 -
 * 2^-51, 3 - 2^-52.  NaN: fmax makes m = 0, then 1/6. */
static float naive_f32(float x) {
    float s = x + 3.0f, m = fmaxf(s, 0.0f), gr = 1.0f / 6.0f;
    float gm = m == 6.0f ? gr / 2 : m > 6.0f ? 0.0f : gr;
    return s == 0.0f ? gm / 2 : s < 0.0f ? 0.0f : gm;
}
static double naive_f64(double x) {
    double s = x + 3.0, m = fmax(s, 0.0), gr = 1.0 / 6.0;
    double gm = m == 6.0 ? gr / 2 : m > 6.0 ? 0.0 : gr;
    return s == 0.0 ? gm / 2 : s < 0.0 ? 0.0 : gm;
}
/* per-op: the same chain with x + 3 and 1/6 rounded to the format.  For
 * both neighbours of 3, 3 -+ 2^-6 (bf16) / 3 -+ 2^-9 (f16), x + 3 is a tie
 * that rounds to even 6: they get 1/12, where the values are 1/6 and 0. */
static inline float perop(float x, int bf) {
    float s = R(x + 3.0f), m = fmaxf(s, 0.0f), gr = R(1.0f / 6.0f);
    float gm = m == 6.0f ? R(gr / 2) : m > 6.0f ? 0.0f : gr;
    return s == 0.0f ? R(gm / 2) : s < 0.0f ? 0.0f : gm;
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's hardsigmoid_backward:
 * (x > -3 && x < 3) ? g * one_sixth : 0, with
 * one_sixth = scalar_t(1.0f / 6.0f): computed in float even for double,
 * so the f64 kernel returns 0x1.555556p-3, 1.99e-8 relative above 1/6
 * (about 1.8e8 ulp). */
static float framework_f32(float x) { return x > -3.0f && x < 3.0f ? 1.0f * (1.0f / 6.0f) : 0.0f; }
static double framework_f64(double x) {
    const double one_sixth = (double)(1.0f / 6.0f);
    return x > -3.0 && x < 3.0 ? 1.0 * one_sixth : 0.0;
}

/* stable: the convention with RN(1/6); NaN passed on. */
static float stable_f32(float x) {
    if (x > -3.0f && x < 3.0f) return SIXTH32;
    return isnan(x) ? x : 0.0f;
}
static double stable_f64(double x) {
    if (x > -3.0 && x < 3.0) return SIXTH64;
    return isnan(x) ? x : 0.0;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of min(max(x+3,0),6)/6, ties g/2 (torch.maximum/minimum): 1/12 where x+3 rounds to 0 or 6"
#define FW_F "PyTorch hardsigmoid_backward: -3<x<3 ? g*scalar_t(1.0f/6.0f) : 0 (0 at +-3)"
#define STABLE_F "-3<x<3 ? RN(1/6) : NaN ? NaN : 0 (0 at +-3, PyTorch's)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "naive selection on s=R(x+3), g=R(1/6), ties g/2"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0.5, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("framework", AB_NAIVE, "scalar", INFINITY, FW_F, framework_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F, stable_f64_batch),
};

/* Kinks at -3 and 3. */
static const ab_range ranges[] = {
    {"neg_knee", -4, -2, -4, -2},
    {"pos_knee", 2, 4, 2, 4},
};

static const ab_activation d_hard_sigmoid = {
    .name = "d_hard_sigmoid",
    .description = "derivative of hard_sigmoid: |x| < 3 ? 1/6 : 0 (0 at both kinks, PyTorch's hardsigmoid_backward)",
    .reference = ab_ref_d_hard_sigmoid,
    .fast32 = ab_fast32_d_hard_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* The kinks, and the f32 / f64 inputs below 3 whose x + 3 rounds to 6
     * (naive's 1/12): 3 - 2^-22 and 3 - 2^-51. */
    AB_THRESHOLDS32(-3, 3, 3 - 0x1p-22),
    AB_THRESHOLDS64(-3, 3, 3 - 0x1p-51),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Values 0 and RN(1/6) (upper end: 1/6 rounded up in each format); even
     * (f(x) + f(-x) = 1 for hard_sigmoid; the convention is 0 at both
     * kinks); up then down: not monotone. */
    .props = AB_PROPS(AB_RANGE2(0, 0x1.555556p-3, 0, 0x1.5555555555556p-3), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_hard_sigmoid)
