/* d_elu: elu'(x) = 1 for x > 0, alpha e^x for x <= 0, alpha = 1
 * (impls/elu.c).  With alpha = 1 both branches give 1 at 0 (elu is C^1),
 * so there is no convention to choose: d(+-0) = 1, d(-inf) = +0,
 * d(+inf) = 1 (reference/d_elu.c). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_elu.h"
#include "elu_family.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define ALPHA 1.0
#define WHY_NAN "NaN in gives 1: elu_backward takes g*poscoef unless x <= 0, which NaN fails (scalar path; the vector path's blendv on x > 0 gives NaN); the kernel as shipped"

/* naive: reverse-mode autodiff of the seed article's
 * np.where(x >= 0, x, alpha*(np.exp(x)-1)), g = 1.  Both sides are
 * computed; where sends g to the taken side and 0 to the other:
 *   e = exp(x);  g_a = x >= 0 ? 1 : 0;  g_b = x >= 0 ? 0 : 1
 *   g_t = g_b * alpha                        (mul backward, to e - 1)
 *   g_x = g_a + g_t * e                      (exp backward g*result; sum)
 * For x > 88.72 (f32) / 709.78 (f64) e = inf and the untaken side's
 * 0 * inf = NaN poisons the sum: the well-known where-gradient NaN. */
static float naive_f32(float x) {
    float e = expf(x), ga = x >= 0 ? 1.0f : 0.0f, gb = x >= 0 ? 0.0f : 1.0f;
    return ga + (gb * (float)ALPHA) * e;
}
static double naive_f64(double x) {
    double e = exp(x), ga = x >= 0 ? 1.0 : 0.0, gb = x >= 0 ? 0.0 : 1.0;
    return ga + (gb * ALPHA) * e;
}
/* per-op: the same chain with every result rounded to the format.  In
 * f16 exp overflows above 11.09: 0 * inf = NaN from there. */
static inline float perop(float x, int bf) {
    float e = R(expf(x)), ga = x >= 0 ? 1.0f : 0.0f, gb = x >= 0 ? 0.0f : 1.0f;
    return R(ga + R(R(gb * R((float)ALPHA)) * e));
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's elu_backward(g, alpha, scale = 1, input_scale = 1,
 * is_result = false, x) (autograd's path for F.elu), scalar path:
 * x <= 0 ? g * negiptcoef * negcoef * exp(x * negiptcoef) : g * poscoef,
 * with negcoef = alpha * scale = 1, poscoef = 1, negiptcoef = 1. */
static float framework_f32(float x) {
    const float neg = (float)ALPHA * 1.0f, pos = 1.0f, ipt = 1.0f;
    return x <= 0 ? 1.0f * ipt * neg * expf(x * ipt) : 1.0f * pos;
}
static double framework_f64(double x) {
    const double neg = ALPHA * 1.0, pos = 1.0, ipt = 1.0;
    return x <= 0 ? 1.0 * ipt * neg * exp(x * ipt) : 1.0 * pos;
}

/* from-output: elu_backward with is_result = true (the in-place elu_
 * path): y <= 0 ? g * negiptcoef * (y + negcoef) : g * poscoef, with y
 * PyTorch's forward elu_kernel: x <= 0 ? (exp(x) - 1) * negcoef : x.
 * For x < -0.69 e^x - 1 rounds in the binade of -1 (absolute error up to
 * 2^-25 in f32), which y + 1 keeps while e^x goes to 0: below x = -17.33
 * (f32) / -37.43 (f64) y = -1 and the result is 0 (a zero flush). */
static float elu_torch_f32(float x) { return x <= 0 ? (expf(x * 1.0f) - 1.0f) * (float)ALPHA : x * 1.0f; }
static double elu_torch_f64(double x) { return x <= 0 ? (exp(x * 1.0) - 1.0) * ALPHA : x * 1.0; }
static float from_output_f32(float x) {
    float y = elu_torch_f32(x);
    return y <= 0 ? 1.0f * 1.0f * (y + (float)ALPHA) : 1.0f;
}
static double from_output_f64(double x) {
    double y = elu_torch_f64(x);
    return y <= 0 ? 1.0 * 1.0 * (y + ALPHA) : 1.0;
}

/* stable: 1 for x > 0; e^x otherwise (NaN, -inf -> +0, +-0 -> 1 all
 * through exp).  f32: exp in double, then one rounding to float: within
 * 0.5 ulp + 2^-28 ulp (glibc's exp is within 1 double ulp). */
static float stable_f32(float x) { return x > 0 ? 1.0f : (float)exp((double)x); }
static double stable_f64(double x) { return x > 0 ? 1.0 : exp(x); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of np.where(x>=0,x,alpha*(exp(x)-1)), alpha=1: (x>=0) + (x<0)*alpha*exp(x); NaN from 0*inf for large x"
#define FW_F "PyTorch elu_backward(is_result=false): x<=0 ? 1*1*alpha*exp(x) : 1"
#define FO_F "PyTorch elu_backward(is_result=true): y<=0 ? y+alpha : 1, y = PyTorch elu (exp(x)-1)*alpha"
#define STABLE32_F "x>0 ? 1 : (float)exp((double)x) (d(0) = 1)"
#define STABLE64_F "x>0 ? 1 : exp(x) (d(0) = 1)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R((x>=0) + R(R((x<0)*alpha)*R(exp(x)))), alpha=1"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 1, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 1, FW_F, framework_f64_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.501, STABLE32_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, STABLE64_F, stable_f64_batch),
};

/* near_zero: the branch; saturation: where from-output's exp(x) - 1
 * rounds to -1; subnormal: e^x below the smallest normal (x < -87.34 /
 * -708.4) down to below the smallest subnormal (-103.97 / -745.13);
 * overflow: naive's exp(x) = inf (x > 88.72 / 709.78). */
static const ab_range ranges[] = {
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"saturation", -20, -15, -40, -35},
    {"subnormal", -105, -85, -746, -706},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation d_elu = {
    .name = "d_elu",
    .description = "derivative of elu: x > 0 ? 1 : alpha e^x, alpha = 1 (1 at 0 from both sides)",
    .reference = ab_ref_d_elu,
    .fast32 = ab_fast32_d_elu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* The branch, expm1's saturation (elu_family.h), and the largest x
     * whose exp is finite (naive's NaN starts above it). */
    AB_THRESHOLDS32(0, AB_EXPM1_SAT_F32, 0x1.62e42ep+6),
    AB_THRESHOLDS64(0, AB_EXPM1_SAT_F64, 0x1.62e42fefa39efp+9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* e^x in (0, 1] for x <= 0, then 1: nondecreasing, in [0, 1]. */
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_elu)
