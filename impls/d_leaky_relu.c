/* d_leaky_relu: leaky_relu'(x) = 1 for x > 0, alpha = 0.01 for x < 0; at
 * the kink x = 0 the value is a convention (reference/d_piecewise.c:
 * PyTorch's alpha).  alpha is the decimal 1/100, as the forward. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define WHY_NAN "NaN in gives 0.01: PyTorch selects g with x > 0, which NaN fails, and returns g*negval (scalar path); the kernel as shipped"

/* naive: reverse-mode autodiff of the seed article's
 * np.where(x >= 0, x, alpha*x), g = 1: where sends g to x when x >= 0 and
 * to alpha*x otherwise, whose mul backward gives g*alpha = 0.01 (0.01f is
 * 1/100 correctly rounded, so that part is exact); x's gradient is the sum
 * 1 + 0 or 0 + alpha.  leaky_relu'(+-0) = 1; NaN (x >= 0 false) gives
 * 0.01. */
static float naive_f32(float x) { return x >= 0 ? 1.0f + 0.0f * 0.01f : 0.0f + 1.0f * 0.01f; }
static double naive_f64(double x) { return x >= 0 ? 1.0 + 0.0 * 0.01 : 0.0 + 1.0 * 0.01; }
/* per-op: the same sums with 0.01 rounded to the format (0.01f rounds as
 * 1/100 would: not a midpoint of either format); the sums are exact. */
static inline float perop(float x, int bf) {
    float alpha = R(0.01f);
    return x >= 0 ? R(1.0f + R(0.0f * alpha)) : R(0.0f + R(1.0f * alpha));
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's leaky_relu_backward: x > 0 ? g : g * negval. */
static float framework_f32(float x) { return x > 0 ? 1.0f : 1.0f * 0.01f; }
static double framework_f64(double x) { return x > 0 ? 1.0 : 1.0 * 0.01; }

/* stable: the convention; NaN passed on. */
static float stable_f32(float x) { return x > 0 ? 1.0f : x <= 0 ? 0.01f : x; }
static double stable_f64(double x) { return x > 0 ? 1.0 : x <= 0 ? 0.01 : x; }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of np.where(x>=0,x,0.01*x): x>=0 ? 1 : 0.01 (d(0) = 1)"
#define FW_F "PyTorch leaky_relu_backward: x>0 ? 1 : 0.01 (d(0) = 0.01)"
#define STABLE_F "x>0 ? 1 : x<=0 ? RN(1/100) : NaN (d(0) = 0.01, PyTorch's)"
/* RN(1/100) has an error of 0.36 ulp (f32) / 0.19 ulp (f64): bound 0.5
 * means correctly rounded. */
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "x>=0 ? 1 : R(0.01)"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0.5, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0.5, FW_F, framework_f64_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.5, STABLE_F, stable_f64_batch),
};

static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
};

static const ab_activation d_leaky_relu = {
    .name = "d_leaky_relu",
    .description = "derivative of leaky_relu: x > 0 ? 1 : 0.01 (0.01 at the kink, PyTorch's leaky_relu_backward)",
    .reference = ab_ref_d_leaky_relu,
    .fast32 = ab_fast32_d_leaky_relu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0),
    AB_THRESHOLDS64(0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Values RN(1/100) and 1 (RN(1/100) = 0.01f / 0.01 are the lower
     * ends); a step up: nondecreasing. */
    .props = AB_PROPS(AB_RANGE2(0.01f, 1, 0.01, 1), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_leaky_relu)
