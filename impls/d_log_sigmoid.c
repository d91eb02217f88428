/* d_log_sigmoid: (log sigmoid)'(x) = sigmoid(-x) = 1 - sigmoid(x),
 * decreasing from 1 to 0, f(x) + f(-x) = 1: variants and their
 * registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_log_sigmoid.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 1.57; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 2

/* naive: reverse mode through impls/log_sigmoid.c's naive forward
 * np.log(1 / (1 + np.exp(-x))) (the log of the seed article's sigmoid),
 * gradient 1, PyTorch's rules:
 *   forward  n = -x; e = exp(n); t = 1 + e; r = 1 / t (reciprocal); y = log(r)
 *   log:        gr = g / r
 *   reciprocal: gt = -gr * (r * r)
 *   add:        ge = gt
 *   exp:        gn = ge * e
 *   neg:        gx = -gn
 * Below -88.72 (f32) e = inf, r = 0, gr = 1/0 = inf and gt = -inf * 0 =
 * NaN.  Above 17.33 r rounds to 1 and gr * r * r = 1 exactly, so
 * gx = e^-x: accurate on that side. */
static float naive_f32(float x) {
    float n = -x, e = expf(n), t = 1.0f + e, r = 1.0f / t;
    float gr = 1.0f / r;
    float gt = -gr * (r * r);
    float ge = gt;
    float gn = ge * e;
    return -gn;
}
static double naive_f64(double x) {
    double n = -x, e = exp(n), t = 1.0 + e, r = 1.0 / t;
    double gr = 1.0 / r;
    double gt = -gr * (r * r);
    double ge = gt;
    double gn = ge * e;
    return -gn;
}
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float n = -x, e = R(expf(n)), t = R(1.0f + e), r = R(1.0f / t);
    float gr = R(1.0f / r);
    float gt = R(-gr * R(r * r));
    float ge = gt;
    float gn = R(ge * e);
    return -gn;
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's CPU log_sigmoid_backward
 * (aten/src/ATen/native/cpu/Activation.cpp), from the input a and the
 * forward's buffer b = exp(-|a|):
 *   in_negative = a < 0; max_deriv = in_negative ? 1 : 0;
 *   sign = in_negative ? 1 : -1;
 *   (max_deriv - sign * (b / (1 + b))) * g
 * For a >= 0 that is b/(1+b) = sigmoid(-a), accurate; for a < 0,
 * 1 - b/(1+b) with b/(1+b) < 1/2, which loses at most a bit.  So the
 * framework's formula is sound: measured, expected within a few ulps. */
static float from_output_f32(float x) {
    float b = expf(-fabsf(x));
    int in_negative = x < 0.0f;
    float max_deriv = in_negative ? 1.0f : 0.0f, sign = in_negative ? 1.0f : -1.0f;
    return (max_deriv - sign * (b / (1.0f + b))) * 1.0f;
}
static double from_output_f64(double x) {
    double b = exp(-fabs(x));
    int in_negative = x < 0.0;
    double max_deriv = in_negative ? 1.0 : 0.0, sign = in_negative ? 1.0 : -1.0;
    return (max_deriv - sign * (b / (1.0 + b))) * 1.0;
}

/* stable: sigmoid(-x) with exp only of -|x|: x > 0 ? e/(1+e) : 1/(1+e).
 * No overflow, no subtraction; for x > 0 the tail keeps e^-x's relative
 * accuracy into the subnormals.  f32 in double, rounded once.  -0 takes
 * the second branch: 1/2. */
static float stable_f32(float x) {
    double e = exp(-fabs((double)x));
    return (float)(x > 0 ? e / (1.0 + e) : 1.0 / (1.0 + e));
}
static double stable_f64(double x) {
    double e = exp(-fabs(x));
    return x > 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of logf(1/(1+expf(-x))): -((-(1/r)*(r*r))*e)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of log(1/(1+exp(-x))): -((-(1/r)*(r*r))*e)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "-R(R(-R(1/r)*R(r*r))*e), r=R(1/R(1+e)), e=R(exp(-x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch log_sigmoid_backward (CPU): (x<0 ? 1 : 0) - (x<0 ? 1 : -1)*b/(1+b), b=expf(-|x|)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch log_sigmoid_backward (CPU): (x<0 ? 1 : 0) - (x<0 ? 1 : -1)*b/(1+b), b=exp(-|x|)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "e=exp(-|x|) in double; x>0 ? e/(1+e) : 1/(1+e)", stable_f32_batch),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", STABLE64, "e=exp(-|x|); x>0 ? e/(1+e) : 1/(1+e)", stable_f64_batch,
               AB_FAIL_MONOTONE, AB_WHY_MONO_LIBM),
};

/* naive: e^-x overflows below -88.72 / -709.78; sigmoid(-x) rounds to 1
 * below -17.33 / -37.43 and to 0 above 103.97 / 745.13. */
static const ab_range ranges[] = {
    {"neg_overflow", -100, -80, -720, -700},
    {"saturation", -25, -15, -40, -15},
    {"pos_tail", 80, 110, 700, 750},
};

/* The fast tier (exhaustive sweeps): log_sigmoid'(x) = sigmoid(-x), whose
 * binary64 evaluation and bound are sigmoid's (reference/fast32.c); -x is
 * exact, and a direction describes the value, not x. */
static int fast32_sigmoid_neg(double x, double *v, double *err) {
    return ab_fast32_sigmoid(-x, v, err);
}

static const ab_activation d_log_sigmoid = {
    .name = "d_log_sigmoid",
    .description = "derivative of log_sigmoid: sigmoid(-x) = 1/(1+e^x)",
    .reference = ab_ref_d_log_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.62e43p6, -0x1.154246p4, 0x1.9fe368p6),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, -0x1.2b708872320e2p5, 0x1.74910d52d3052p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* sigmoid(-x) + sigmoid(x) = 1 (log s(x) - log s(-x) = x). */
    .fast32 = fast32_sigmoid_neg,
    .props = AB_PROPS(AB_RANGE(0, 1), -1, AB_SYM_SUM, 1),
};
AB_REGISTER(d_log_sigmoid)
