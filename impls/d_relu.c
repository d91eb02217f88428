/* d_relu: relu'(x) = 1 for x > 0, 0 for x < 0; at the kink x = 0 the
 * value is a convention (reference/d_piecewise.c: PyTorch's 0). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define WHY_NAN "NaN in gives 1: PyTorch selects g with x <= 0, which NaN fails (scalar path); the kernel as shipped"

/* naive: reverse-mode autodiff of the seed article's
 * np.where(x < 0, 0, x), incoming gradient 1: where sends g to the taken
 * side, so x gets 1 when !(x < 0) and 0 otherwise.  relu'(+-0) = 1 (the
 * other subgradient), and NaN (x < 0 false) gives 1. */
static float naive_f32(float x) { return x < 0 ? 0.0f : 1.0f; }
static double naive_f64(double x) { return x < 0 ? 0.0 : 1.0; }
/* per-op: the same selection; 0 and 1 are exact in both formats. */
static inline float perop(float x, int bf) {
    (void)bf;
    return naive_f32(x);
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's threshold_backward(g, x, 0) (relu's backward):
 * x <= 0 ? 0 : g.  The convention at 0; NaN fails x <= 0 and gives g = 1. */
static float framework_f32(float x) { return x <= 0 ? 0.0f : 1.0f; }
static double framework_f64(double x) { return x <= 0 ? 0.0 : 1.0; }

/* stable: the convention, and NaN (both comparisons false) passed on. */
static float stable_f32(float x) { return x > 0 ? 1.0f : x <= 0 ? 0.0f : x; }
static double stable_f64(double x) { return x > 0 ? 1.0 : x <= 0 ? 0.0 : x; }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of np.where(x<0,0,x): x<0 ? 0 : 1 (relu'(0) = 1)"
#define FW_F "PyTorch threshold_backward: x<=0 ? 0 : 1 (relu'(0) = 0)"
#define STABLE_F "x>0 ? 1 : x<=0 ? 0 : NaN (relu'(0) = 0, PyTorch's)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "x<0 ? 0 : 1 (no arithmetic to round)"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 0, FW_F, framework_f64_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, STABLE_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, STABLE_F, stable_f64_batch),
};

/* The kink at 0 (its neighbours +-1 ulp are the smallest subnormals). */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
};

static const ab_activation d_relu = {
    .name = "d_relu",
    .description = "derivative of relu: x > 0 ? 1 : 0 (0 at the kink, PyTorch's threshold_backward)",
    .reference = ab_ref_d_relu,
    .fast32 = ab_fast32_d_relu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0),
    AB_THRESHOLDS64(0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* A step from 0 to 1: nondecreasing.  No symmetry: d(x) + d(-x) = 1
     * except at 0, where it is 0. */
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_relu)
