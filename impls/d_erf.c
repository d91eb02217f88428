/* d_erf: the derivative of erf, erf'(x) = (2/sqrt(pi)) e^(-x^2) (even,
 * in (0, 2/sqrt(pi)]): variants and registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_erf.h"
#include "kernels/act_constants.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: erf is a primitive in every framework (no seed-article formula to
 * differentiate), so reverse mode is its derivatives.yaml rule itself,
 * incoming gradient 1, in the tensor's precision:
 *   ErfBackward  gx = 2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
 *   (the double scalar 2/sqrt(pi) is rounded to the tensor's type; pow(2)
 *   is x * x)
 * x * x rounds (relative 2^-24 / 2^-53), an absolute error up to x^2 2^-25
 * in exp's argument: a relative error of ~x^2/2 ulps, about 40 ulps near
 * x = 9 (f32) and 350 near x = 26 (f64), growing into the tail until the
 * result underflows. */
#define NAIVE(T, EXP) return (T)ab_gelu_c.two_over_sqrtpi * EXP(-(x * x)) * (T)1;
static float naive_f32(float x) { NAIVE(float, expf) }
static double naive_f64(double x) { NAIVE(double, exp) }
/* per-op: the same product with every result and the constant rounded to
 * the format (2/sqrt(pi) in f32 rounds as the exact one would: it is not
 * a midpoint of either format). */
static inline float perop(float x, int bf) {
    return R(R(R((float)ab_gelu_c.two_over_sqrtpi) * R(expf(-R(x * x)))) * 1.0f);
}
AB_PEROP_DEFINE(perop)

/* from-output: erf's backward takes the input, not the output, in every
 * framework; the shipped kernels are TensorFlow's ErfGrad
 * (math_grad.py: grad * two_over_root_pi * exp(-square(x))) and JAX's
 * erf JVP (the same product), which evaluate as below: (1 * c) * exp(-x^2).
 * It is numerically the naive formula with the factors in the other order,
 * and fails the same way. */
static float from_output_f32(float x) {
    return (1.0f * (float)ab_gelu_c.two_over_sqrtpi) * expf(-(x * x));
}
static double from_output_f64(double x) {
    return (1.0 * ab_gelu_c.two_over_sqrtpi) * exp(-(x * x));
}

/* stable: e^-(hi+lo) with x^2 = hi + lo exact (fma), = e^-hi (1 - lo) to
 * lo^2 < 2^-80 (|lo| <= 2^-43 for |x| < 28): exp's argument is exact.
 * f32: in double (a float's square is exact in double; exp within 2^-52,
 * 2/sqrt(pi) within 2^-53), rounded once.  f64: in long double (u = 2^-64:
 * expl within ~2u, 2/sqrt(pi) to 64 bits, two products), within 2^-61
 * relative before the one final rounding (also the only one into the
 * subnormals: long double holds e^-784 normal): 1/2 + 2^-8 ulp.
 * |x| > 28: f < 1.13 e^-784 < 2^-1100: +0 (covers +-inf).  NaN
 * propagates. */
#define TWO_OVER_SQRTPI_L (0x906eba8214db688dp-63L)
static float stable_f32(float x) {
    if (fabsf(x) > 28.0f) return 0.0f;
    double X = x;
    return (float)(ab_gelu_c.two_over_sqrtpi * exp(-(X * X)));
}
static double stable_f64(double x) {
    if (fabs(x) > 28.0) return 0.0;
    double hi = x * x, lo = fma(x, x, -hi);
    return (double)(TWO_OVER_SQRTPI_L * expl(-(long double)hi) * (1.0L - (long double)lo));
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "PyTorch erf backward: 2/sqrt(pi)*expf(-(x*x))*grad", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "PyTorch erf backward: 2/sqrt(pi)*exp(-(x*x))*grad", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(2/sqrt(pi))*R(exp(-R(x*x))))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "TensorFlow ErfGrad / JAX erf JVP: grad*(2/sqrt(pi))*expf(-square(x)) (erf's backward takes the input)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "TensorFlow ErfGrad / JAX erf JVP: grad*(2/sqrt(pi))*exp(-square(x)) (erf's backward takes the input)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "(float)(2/sqrt(pi)*exp(-x^2)) in double", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 1, "long double: 2/sqrt(pi)*expl(-hi)*(1-lo), x^2=hi+lo by fma", stable_f64_batch),
};

/* The tail where x^2's rounding costs most: erf' is a normal number up to
 * |x| = 9.35 / 26.6 and underflows to 0 beyond 10.2 / 27.3. */
static const ab_range ranges[] = {
    {"tail", 5, 10.5, 15, 27.5},
    {"neg_tail", -10.5, -5, -27.5, -15},
};

static const ab_activation d_erf = {
    .name = "d_erf",
    .description = "derivative of erf: (2/sqrt(pi)) e^(-x^2)",
    .reference = ab_ref_d_erf,
    .fast32 = ab_fast32_d_erf,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    /* 0x1.2b0a4p3 ~ sqrt(126 ln 2) = 9.3454: erf' ~ 1.13 e^-x^2 turns
     * subnormal near there (f32); 0x1.a9e2ep4 ~ sqrt(1022 ln 2) = 26.617
     * (f64); 28, where stable flushes to +0. */
    AB_THRESHOLDS32(0x1.2b0a4p3, -0x1.2b0a4p3, 28, -28),
    AB_THRESHOLDS64(0x1.a9e2ep4, -0x1.a9e2ep4, 28, -28),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* (0, 2/sqrt(pi)], the maximum at 0 rounded up in each format; even;
     * not monotone (increasing below 0, decreasing above). */
    .props = AB_PROPS(AB_RANGE2(0, 0x1.20dd76p+0, 0, 0x1.20dd750429b6ep+0), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_erf)
