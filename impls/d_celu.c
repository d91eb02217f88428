/* d_celu: celu'(x) = 1 for x > 0, e^(x/alpha) for x <= 0, alpha = 1
 * (impls/celu.c): equal to elu' (reference/d_celu.c), d(+-0) = 1.  The
 * framework and stable variants are d_elu's formulas (PyTorch computes
 * celu as elu(x, alpha, 1, 1/alpha)); naive differs, since the forward
 * formula differs. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_celu.h"
#include "elu_family.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define ALPHA 1.0
#define WHY_NAN "NaN in gives 1: elu_backward takes g*poscoef unless x <= 0, which NaN fails (scalar path; the vector path's blendv on x > 0 gives NaN); the kernel as shipped"

/* PyTorch's rules for maximum / minimum, gradient to `other` (x is the
 * second operand of max(0, x), t of min(0, t)): where(self == other, g/2,
 * g).masked_fill_(self > other, 0) (maximum; minimum: self < other). */
#define MAX_TO_OTHER(s, o, g) ((s) > (o) ? 0 : (s) == (o) ? (g) / 2 : (g))
#define MIN_TO_OTHER(s, o, g) ((s) < (o) ? 0 : (s) == (o) ? (g) / 2 : (g))

/* naive: reverse-mode autodiff of PyTorch's documented formula
 * max(0, x) + min(0, alpha*(exp(x/alpha) - 1)) (impls/celu.c), g = 1:
 *   u = x/alpha;  e = exp(u);  t = alpha*(e - 1)
 *   g1  = MAX_TO_OTHER(0, x, 1)              (max backward, to x)
 *   g_t = MIN_TO_OTHER(0, t, 1)              (min backward, to t)
 *   g_x = g1 + ((g_t * alpha) * e) / alpha   (mul, exp, div backward; sum)
 * Where e rounds to 1 (|x| below 2^-25 / 2^-54, x != 0) t = 0 is a tie:
 * d = 1/2 for small x < 0 and 3/2 for small x > 0 instead of ~1; for
 * x > 88.72 / 709.78, e = inf and g_t = 0 give 0 * inf = NaN. */
static float naive_f32(float x) {
    const float a = (float)ALPHA;
    float e = expf(x / a), t = a * (e - 1.0f);
    float g1 = MAX_TO_OTHER(0.0f, x, 1.0f), gt = MIN_TO_OTHER(0.0f, t, 1.0f);
    return g1 + ((gt * a) * e) / a;
}
static double naive_f64(double x) {
    const double a = ALPHA;
    double e = exp(x / a), t = a * (e - 1.0);
    double g1 = MAX_TO_OTHER(0.0, x, 1.0), gt = MIN_TO_OTHER(0.0, t, 1.0);
    return g1 + ((gt * a) * e) / a;
}
/* per-op: the same chain with every result rounded to the format.  e
 * rounds to 1 for x in about [-2^-9, 2^-8] (bf16) / [-2^-12, 2^-11] (f16),
 * so the t = 0 ties reach much further than in f32. */
static inline float perop(float x, int bf) {
    const float a = R((float)ALPHA);
    float e = R(expf(R(x / a))), t = R(a * R(e - 1.0f));
    float g1 = MAX_TO_OTHER(0.0f, x, 1.0f), gt = MIN_TO_OTHER(0.0f, t, 1.0f);
    return R(g1 + R(R(R(gt * a) * e) / a));
}
AB_PEROP_DEFINE(perop)

/* framework: elu_backward(g, alpha, 1, 1/alpha, is_result = false, x):
 * x <= 0 ? g * (1/alpha) * alpha * exp(x/alpha) : g (scalar path). */
static float framework_f32(float x) {
    const float ipt = 1.0f / (float)ALPHA, neg = (float)ALPHA;
    return x <= 0 ? 1.0f * ipt * neg * expf(x * ipt) : 1.0f;
}
static double framework_f64(double x) {
    const double ipt = 1.0 / ALPHA, neg = ALPHA;
    return x <= 0 ? 1.0 * ipt * neg * exp(x * ipt) : 1.0;
}

/* from-output: elu_backward with is_result = true (celu_ in place):
 * y <= 0 ? g * (1/alpha) * (y + alpha) : g, y = PyTorch's forward
 * x <= 0 ? (exp(x/alpha) - 1) * alpha : x; zero flush below -17.33 /
 * -37.43 as for d_elu. */
static float from_output_f32(float x) {
    const float ipt = 1.0f / (float)ALPHA, a = (float)ALPHA;
    float y = x <= 0 ? (expf(x * ipt) - 1.0f) * a : x;
    return y <= 0 ? 1.0f * ipt * (y + a) : 1.0f;
}
static double from_output_f64(double x) {
    const double ipt = 1.0 / ALPHA, a = ALPHA;
    double y = x <= 0 ? (exp(x * ipt) - 1.0) * a : x;
    return y <= 0 ? 1.0 * ipt * (y + a) : 1.0;
}

/* stable: as d_elu's (x / alpha exact for alpha = 1). */
static float stable_f32(float x) { return x > 0 ? 1.0f : (float)exp((double)x / ALPHA); }
static double stable_f64(double x) { return x > 0 ? 1.0 : exp(x / ALPHA); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of max(0,x)+min(0,alpha*(exp(x/alpha)-1)), alpha=1, ties g/2 (torch.maximum/minimum)"
#define FW_F "PyTorch elu_backward(alpha,1,1/alpha,is_result=false): x<=0 ? exp(x/alpha) : 1"
#define FO_F "PyTorch elu_backward(is_result=true): y<=0 ? (y+alpha)/alpha : 1, y = (exp(x/alpha)-1)*alpha"
#define STABLE32_F "x>0 ? 1 : (float)exp((double)x/alpha) (d(0) = 1)"
#define STABLE64_F "x>0 ? 1 : exp(x/alpha) (d(0) = 1)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(g1 + R(R(R(gt*alpha)*e)/alpha)), e=R(exp(R(x/alpha))), t=R(alpha*R(e-1)), ties g/2, alpha=1"),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 1, FW_F, framework_f32_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT_EXPECTING("framework", AB_NAIVE, "scalar", 1, FW_F, framework_f64_batch,
                         AB_FAIL_NAN | AB_FAIL_NAN_CLASS, WHY_NAN),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.501, STABLE32_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, STABLE64_F, stable_f64_batch),
};

/* As d_elu: near_zero (naive's ties where exp rounds to 1), saturation
 * (from-output's flush), subnormal results, overflow (naive's NaN). */
static const ab_range ranges[] = {
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"saturation", -20, -15, -40, -35},
    {"subnormal", -105, -85, -746, -706},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation d_celu = {
    .name = "d_celu",
    .description = "derivative of celu: x > 0 ? 1 : e^(x/alpha), alpha = 1 (1 at 0 from both sides)",
    .reference = ab_ref_d_celu,
    .fast32 = ab_fast32_d_celu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0, AB_EXPM1_SAT_F32, 0x1.62e42ep+6, -0x1p-25, 0x1p-24),
    AB_THRESHOLDS64(0, AB_EXPM1_SAT_F64, 0x1.62e42fefa39efp+9, -0x1p-54, 0x1p-53),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_celu)
