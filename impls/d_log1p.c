/* d_log1p: log1p'(x) = 1 / (1 + x) on x > -1; +inf at -1; NaN below -1,
 * outside log1p's domain (reference/d_log1p.c): variants and their
 * registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_log1p.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 0.75; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 1

/* naive: reverse mode through impls/log1p.c's naive forward log(1 + x),
 * gradient 1, PyTorch's rules:
 *   forward  t = 1 + x; y = log(t)
 *   log:     gt = g / t
 *   add:     gx = gt
 * 1 + x rounds (relative 2^-24 / 2^-53), then one division: within about
 * an ulp, except below -1, where log(1 + x) is NaN but 1/(1 + x) is a
 * finite negative number (a gradient for an input outside the domain). */
static float naive_f32(float x) {
    float t = 1.0f + x;
    float gt = 1.0f / t;
    return gt;
}
static double naive_f64(double x) {
    double t = 1.0 + x;
    double gt = 1.0 / t;
    return gt;
}
/* per-op: the same with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float t = R(1.0f + x);
    float gt = R(1.0f / t);
    return gt;
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's log1p backward (FunctionsManual.cpp
 * log1p_backward: grad / (self + 1)), from the input: the same two
 * roundings as naive, in the other operand order, with the same finite
 * negative values below -1. */
static float from_output_f32(float x) { return 1.0f / (x + 1.0f); }
static double from_output_f64(double x) { return 1.0 / (x + 1.0); }

/* stable: NaN below -1 (log1p's domain), +inf at -1 (1/(+0)).  f32 in
 * double: 1 + x exact for |x| >= 2^-29, the quotient within 2^-53,
 * rounded once.  f64: 1 + x = d + e exactly (2Sum), q = 1/d and
 * r = 1 - q d exact (fma), 1/(d + e) = q + (r - q e)/d to second order:
 * one final rounding.  +inf and -1 skip the correction (inf - inf). */
static float stable_f32(float x) {
    if (x < -1.0f) return NAN;
    return (float)(1.0 / (1.0 + (double)x));
}
static double stable_f64(double x) {
    if (x < -1.0) return NAN;
    double d = 1.0 + x;
    if (isinf(d) || d == 0) return 1.0 / d;
    double bv = d - 1.0, e = (1.0 - (d - bv)) + (x - bv);
    double q = 1.0 / d, r = fma(-q, d, 1.0);
    return q + (r - q * e) / d;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of logf(1+x): 1/(1+x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of log(1+x): 1/(1+x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1/R(1+x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch log1p_backward: grad/(x+1)", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch log1p_backward: grad/(x+1)", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "x<-1 ? NaN : (float)(1/(1+(double)x))", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "x<-1 ? NaN : q+(fma(-q,d,1)-qe)/d, d+e=1+x (2Sum)", stable_f64_batch),
};

/* The pole at -1 (below it NaN), small |x| where 1 + x rounds, and large
 * x where 1 + x rounds to x (above 2^24 / 2^53). */
static const ab_range ranges[] = {
    {"pole", -1.5, -0.5, -1.5, -0.5},
    {"small", -0x1p-20, 0x1p-20, -0x1p-40, 0x1p-40},
    {"large", 0x1p20, 0x1p30, 0x1p50, 0x1p60},
};

static const ab_activation d_log1p = {
    .name = "d_log1p",
    .description = "derivative of log1p: 1/(1+x) (x > -1; +inf at -1, NaN below)",
    .reference = ab_ref_d_log1p,
    .fast32 = ab_fast32_d_log1p,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-1, 0x1p24),
    AB_THRESHOLDS64(-1, 0x1p53),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* Decreasing on (-1, inf) from +inf to 0; NaN below. */
    .props = AB_PROPS(AB_RANGE(0, INFINITY), -1, AB_SYM_NONE, 0),
};
AB_REGISTER(d_log1p)
