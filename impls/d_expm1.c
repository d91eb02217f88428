/* d_expm1: expm1'(x) = e^x: variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_expm1.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 0.506; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 1

/* naive: reverse mode through impls/expm1.c's naive forward e^x - 1,
 * gradient 1, PyTorch's rules:
 *   forward  e = exp(x); y = e - 1
 *   sub:     ge = g
 *   exp:     gx = ge * e
 * i.e. e^x itself: the forward's cancellation does not reach the
 * gradient. */
static float naive_f32(float x) {
    float e = expf(x);
    float ge = 1.0f;
    return ge * e;
}
static double naive_f64(double x) {
    double e = exp(x);
    double ge = 1.0;
    return ge * e;
}
/* per-op: the same with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float e = R(expf(x));
    float ge = 1.0f;
    return R(ge * e);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's expm1 backward (derivatives.yaml:
 * grad * (result + 1)) on result = expm1f(x).  Adding 1 back cancels:
 * for x < 0 the result carries only the bits of e^x above ulp(1)/2
 * (relative error up to 2^-24 / e^x), and below -25 ln 2 = -17.33 (f32) /
 * -54 ln 2 = -37.43 (f64) expm1 rounds to -1 and the gradient is 0 where
 * e^x is representable down to -103.97 / -745.13. */
static float from_output_f32(float x) {
    float r = expm1f(x);
    return 1.0f * (r + 1.0f);
}
static double from_output_f64(double x) {
    double r = expm1(x);
    return 1.0 * (r + 1.0);
}

/* stable: e^x directly (as d_exp): f32 via double exp rounded once,
 * f64 glibc exp. */
static float stable_f32(float x) { return (float)exp((double)x); }
static double stable_f64(double x) { return exp(x); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of expf(x)-1: 1*expf(x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of exp(x)-1: 1*exp(x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1*R(exp(x)))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch expm1 backward: grad*(result+1), result=expm1f(x)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch expm1 backward: grad*(result+1), result=expm1(x)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "(float)exp((double)x)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "glibc exp", stable_f64_batch),
};

/* from-output: expm1 rounds to -1 below -17.33 / -37.43 and cancels in
 * result + 1 before that; e^x overflows above 88.72 / 709.78 and rounds
 * to 0 below -103.97 / -745.13. */
static const ab_range ranges[] = {
    {"neg", -20, -1, -40, -1},
    {"neg_tail", -110, -15, -750, -30},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation d_expm1 = {
    .name = "d_expm1",
    .description = "derivative of expm1: e^x",
    .reference = ab_ref_d_expm1,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.154246p4, 0x1.62e43p6, -0x1.9fe368p6),
    AB_THRESHOLDS64(-0x1.2b708872320e2p5, 0x1.62e42fefa39efp9, -0x1.74910d52d3051p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_exp,              /* expm1' = exp */
    .props = AB_PROPS(AB_RANGE(0, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_expm1)
