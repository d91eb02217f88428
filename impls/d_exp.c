/* d_exp: exp'(x) = e^x, the function itself: variants and their
 * registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_exp.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 0.504; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 1

/* naive: reverse mode through exp(x) (no seed-article form; exp is a
 * primitive): exp's backward is grad * result, so with gradient 1 it is
 * 1 * expf(x), exactly the forward.  Listed so every derivative has its
 * autodiff row. */
static float naive_f32(float x) {
    float r = expf(x);
    return 1.0f * r;
}
static double naive_f64(double x) {
    double r = exp(x);
    return 1.0 * r;
}
/* per-op: the same with every result rounded to the format: f32 expf,
 * then a second rounding to the format. */
static inline float perop(float x, int bf) {
    float r = R(expf(x));
    return R(1.0f * r);
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's exp backward (derivatives.yaml: grad * result),
 * on the forward's result: the same computation as naive; both are
 * glibc's expf / exp, within an ulp. */
static float from_output_f32(float x) { return 1.0f * expf(x); }
static double from_output_f64(double x) { return 1.0 * exp(x); }

/* stable: f32 via double exp (within 2^-52 relative), rounded once to
 * float: within half an ulp plus 2^-29 ulp, subnormals included; f64 is
 * glibc exp. */
static float stable_f32(float x) { return (float)exp((double)x); }
static double stable_f64(double x) { return exp(x); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of expf(x): 1*expf(x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of exp(x): 1*exp(x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1*R(exp(x)))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch exp backward: grad*result, result=expf(x)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch exp backward: grad*result, result=exp(x)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "(float)exp((double)x)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "glibc exp", stable_f64_batch),
};

/* e^x overflows above 88.72 / 709.78; it is subnormal below -87.34 /
 * -708.40 and rounds to 0 below -103.97 / -745.13. */
static const ab_range ranges[] = {
    {"overflow", 80, 100, 700, 720},
    {"underflow", -110, -80, -750, -700},
};

static const ab_activation d_exp = {
    .name = "d_exp",
    .description = "derivative of exp: e^x",
    .reference = ab_ref_d_exp,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e42ep6, 0x1.62e43p6, -0x1.9fe368p6),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, -0x1.74910d52d3051p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_exp,              /* exp' = exp: the forward's fast tier */
    .props = AB_PROPS(AB_RANGE(0, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_exp)
