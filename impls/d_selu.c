/* d_selu: selu'(x) = lambda for x > 0, lambda alpha e^x for x <= 0, with
 * lambda = 1.0507009873554805, alpha = 1.6732632423543772 (impls/selu.c).
 * The slope jumps at 0 (lambda alpha = 1.758 on the left, lambda = 1.051
 * on the right); the convention is PyTorch's x <= 0 branch: d(+-0) =
 * lambda alpha (reference/d_selu.c). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_selu.h"
#include "elu_family.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define WHY_NAN "NaN in gives lambda: elu_backward takes g*poscoef unless x <= 0, which NaN fails (scalar path); the kernel as shipped"

/* naive: reverse-mode autodiff of the SNN authors'
 * scale * where(x >= 0, x, alpha*(exp(x)-1)) (impls/selu.c), g = 1:
 *   e = exp(x);  g_w = g * lambda                 (mul backward)
 *   g_a = x >= 0 ? g_w : 0;  g_b = x >= 0 ? 0 : g_w
 *   g_x = g_a + (g_b * alpha) * e                 (mul, exp backward; sum)
 * d(+-0) = lambda (the other one-sided slope), the negative side rounds
 * twice more (RN(lambda alpha) then the product), and x > 88.72 / 709.78
 * gives 0 * inf = NaN. */
static float naive_f32(float x) {
    float e = expf(x), gw = 1.0f * ab_selu_f32.lambda;
    float ga = x >= 0 ? gw : 0.0f, gb = x >= 0 ? 0.0f : gw;
    return ga + (gb * ab_selu_f32.alpha) * e;
}
static double naive_f64(double x) {
    double e = exp(x), gw = 1.0 * ab_selu_f64.lambda;
    double ga = x >= 0 ? gw : 0.0, gb = x >= 0 ? 0.0 : gw;
    return ga + (gb * ab_selu_f64.alpha) * e;
}
/* per-op: the f32 chain with every result and constant rounded to the
 * format (lambda and alpha in f32 round as the exact ones would: neither
 * is a midpoint of either format). */
static inline float perop(float x, int bf) {
    float e = R(expf(x)), gw = R(1.0f * R(ab_selu_f32.lambda));
    float ga = x >= 0 ? gw : 0.0f, gb = x >= 0 ? 0.0f : gw;
    return R(ga + R(R(gb * R(ab_selu_f32.alpha)) * e));
}
AB_PEROP_DEFINE(perop)

/* framework: PyTorch's selu is elu(x, alpha, scale = lambda, 1):
 * elu_backward(is_result = false), scalar path:
 * x <= 0 ? g * 1 * negcoef * exp(x) : g * poscoef, with negcoef =
 * alpha.to<T>() * scale.to<T>() rounded in the format (RN(RN(alpha)
 * RN(lambda))) and poscoef = RN(lambda). */
static float framework_f32(float x) {
    const float neg = ab_selu_f32.alpha * ab_selu_f32.lambda, pos = ab_selu_f32.lambda;
    return x <= 0 ? 1.0f * 1.0f * neg * expf(x * 1.0f) : 1.0f * pos;
}
static double framework_f64(double x) {
    const double neg = ab_selu_f64.alpha * ab_selu_f64.lambda, pos = ab_selu_f64.lambda;
    return x <= 0 ? 1.0 * 1.0 * neg * exp(x * 1.0) : 1.0 * pos;
}

/* from-output: elu_backward with is_result = true (selu_ in place):
 * y <= 0 ? g * 1 * (y + negcoef) : g * poscoef, y = PyTorch's forward
 * x <= 0 ? (exp(x) - 1) * negcoef : x * poscoef.  y + negcoef cancels as
 * for d_elu: a zero flush below x = -17.33 / -37.43. */
static float from_output_f32(float x) {
    const float neg = ab_selu_f32.alpha * ab_selu_f32.lambda, pos = ab_selu_f32.lambda;
    float y = x <= 0 ? (expf(x * 1.0f) - 1.0f) * neg : x * pos;
    return y <= 0 ? 1.0f * 1.0f * (y + neg) : 1.0f * pos;
}
static double from_output_f64(double x) {
    const double neg = ab_selu_f64.alpha * ab_selu_f64.lambda, pos = ab_selu_f64.lambda;
    double y = x <= 0 ? (exp(x * 1.0) - 1.0) * neg : x * pos;
    return y <= 0 ? 1.0 * 1.0 * (y + neg) : 1.0 * pos;
}

/* stable: x > 0: RN(lambda) (ab_selu_*.lambda, correctly rounded).
 * x <= 0 (NaN passes through exp): lambda alpha e^x computed wider and
 * rounded once to the format.  f32: lambda alpha (double, within 2^-53)
 * times exp in double (within 1 double ulp): 0.5 ulp + 2^-27 ulp, and
 * double's range holds e^x far below f32's subnormals.  f64: the same in
 * x87 long double (64 bits, exponent range to 2^-16445): LA_L within
 * 2^-64, expl within about 1 ulp, the product one more rounding, so
 * 0.5 ulp + 2^-9 ulp of double, subnormal results included (exp in double
 * underflows to 0 below -745.13 while lambda alpha e^x still rounds to
 * the smallest subnormal down to -745.7, and its subnormal e^x carries a
 * half-step absolute error that the product by 1.76 enlarges: measured
 * 1.63 ulp and zero flushes with fma(la_hi, e, la_lo * e)).  Where long
 * double is double (not x86-64 Linux) the bound would not hold. */
#define LA_L (1.0507009873554805L * 1.6732632423543772L)
static float stable_f32(float x) {
    if (x > 0) return ab_selu_f32.lambda;
    return (float)(ab_selu_f64.la_hi * exp((double)x));
}
static double stable_f64(double x) {
    if (x > 0) return ab_selu_f64.lambda;
    return (double)(LA_L * expl((long double)x));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(framework)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

#define NAIVE_F "autodiff of lambda*where(x>=0,x,alpha*(exp(x)-1)): d(0) = lambda; NaN from 0*inf for large x"
#define FW_F "PyTorch elu_backward(alpha,lambda,1,is_result=false): x<=0 ? RN(alpha*lambda)*exp(x) : lambda (d(0) = lambda*alpha)"
#define FO_F "PyTorch elu_backward(is_result=true): y<=0 ? y+RN(alpha*lambda) : lambda, y = (exp(x)-1)*RN(alpha*lambda)"
#define STABLE32_F "x>0 ? RN(lambda) : (float)(la64*exp((double)x)) (d(0) = lambda*alpha, PyTorch's)"
#define STABLE64_F "x>0 ? RN(lambda) : (double)(la*expl(x)) in long double (d(0) = lambda*alpha, PyTorch's)"
static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, NAIVE_F, naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(ga + R(R(gb*R(alpha))*R(exp(x)))), ga, gb = x>=0 ? R(lambda), 0 : 0, R(lambda)"),
    AB_VARIANT("framework", AB_NAIVE, "scalar", INFINITY, FW_F, framework_f32_batch),
    AB_VARIANT("framework", AB_NAIVE, "scalar", INFINITY, FW_F, framework_f64_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, FO_F, from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.501, STABLE32_F, stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0.51, STABLE64_F, stable_f64_batch),
};

static const ab_range ranges[] = {
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"saturation", -20, -15, -40, -35},
    {"subnormal", -105, -85, -746, -706},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation d_selu = {
    .name = "d_selu",
    .description = "derivative of selu: x > 0 ? lambda : lambda alpha e^x (lambda alpha at 0, PyTorch's elu_backward x <= 0)",
    .reference = ab_ref_d_selu,
    .fast32 = ab_fast32_d_selu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0, AB_EXPM1_SAT_F32, 0x1.62e42ep+6),
    AB_THRESHOLDS64(0, AB_EXPM1_SAT_F64, 0x1.62e42fefa39efp+9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Values in [0, lambda alpha] (rounded up in each format: the f32
     * la_hi is below lambda alpha, the f64 one above); increasing on
     * x <= 0, then down to lambda: not monotone.  No symmetry. */
    .props = AB_PROPS(AB_RANGE2(0, 0x1.c212cep+0, 0, 0x1.c212cc640f031p+0), 0, AB_SYM_NONE, 0),
};
AB_REGISTER(d_selu)
