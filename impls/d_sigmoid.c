/* d_sigmoid: sigmoid'(x) = s(1 - s) = e^-|x| / (1 + e^-|x|)^2, even, in
 * (0, 1/4]: variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/d_sigmoid.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* Measured max ULP over every range, 200000 samples a range: f32 0.5,
 * f64 1.23; the bounds leave a margin. */
#define STABLE32 1
#define STABLE64 2

/* naive: reverse mode through the seed article's s = 1 / (1 + np.exp(-x))
 * with incoming gradient 1, in the framework's order (PyTorch's
 * derivatives.yaml rules):
 *   forward  n = -x; e = exp(n); t = 1 + e; r = 1 / t   (reciprocal)
 *   reciprocal: gt = -g * (r * r)
 *   add:        ge = gt
 *   exp:        gn = ge * e          (grad * result)
 *   neg:        gx = -gn
 * At x = -90 (f32) e = exp(90) = inf, r = 0, gt = -0 and gn = -0 * inf =
 * NaN (burn #1139, candle #1722: the same NaN); f64 from x < -709.78.
 * Before that, r * r underflows (r < 2^-75 for x < -51.99, f32), giving 0
 * where e^x is representable. */
static float naive_f32(float x) {
    float n = -x, e = expf(n), t = 1.0f + e, r = 1.0f / t;
    float gt = -1.0f * (r * r);
    float ge = gt;
    float gn = ge * e;
    return -gn;
}
static double naive_f64(double x) {
    double n = -x, e = exp(n), t = 1.0 + e, r = 1.0 / t;
    double gt = -1.0 * (r * r);
    double ge = gt;
    double gn = ge * e;
    return -gn;
}
/* per-op: the same chain with every result rounded to the format. */
static inline float perop(float x, int bf) {
    float n = -x, e = R(expf(n)), t = R(1.0f + e), r = R(1.0f / t);
    float gt = R(-1.0f * R(r * r));
    float ge = gt;
    float gn = R(ge * e);
    return -gn;
}
AB_PEROP_DEFINE(perop)

/* from-output: PyTorch's sigmoid_backward, grad * (1 - y) * y (CPU:
 * a * (1 - b) * b), on y from the stable forward (impls/sigmoid.c's
 * e = exp(-|x|); x >= 0 ? 1/(1+e) : e/(1+e)).  For x above 17.33 (f32) /
 * 37.43 (f64) y rounds to 1 and the result is 0, where the true value
 * e^-x (2.06e-9 at x = 20) is representable; before that 1 - y keeps only
 * the bits of y below 1: relative error up to ulp(1)/(1 - y). */
static float sig_f32(float x) {
    float e = expf(-fabsf(x));
    return x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
}
static double sig_f64(double x) {
    double e = exp(-fabs(x));
    return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
static float from_output_f32(float x) {
    float y = sig_f32(x);
    return 1.0f * (1.0f - y) * y;
}
static double from_output_f64(double x) {
    double y = sig_f64(x);
    return 1.0 * (1.0 - y) * y;
}

/* stable: e = e^-|x| in (0, 1], f = e / (1 + e)^2: exp never overflows,
 * every term is positive (no cancellation), and e keeps the tail's
 * relative accuracy into the subnormals.  f32 evaluates it in double
 * (each step within 2^-52 relative) and rounds once.  f64 makes the
 * denominator's rounding errors exact and corrects the quotient:
 * 1 + e = s + sl exactly (Fast2Sum, 1 >= e), s^2 = d + dl exactly (fma),
 * (1 + e)^2 = d + c with c = dl + 2 s sl (to second order; c < 2^-50 d);
 * q = e / d and its remainder r = e - q d exactly (fma); then
 * e / (d + c) = q + (r - q c) / d to within 2^-100 relative: the result's
 * error is exp's (condition |1 - 2e/(1+e)| <= 1) plus the final rounding.
 * NaN propagates; +-inf give e = 0 and +0. */
static float stable_f32(float x) {
    double e = exp(-fabs((double)x)), s = 1.0 + e;
    return (float)(e / (s * s));
}
static double stable_f64(double x) {
    double e = exp(-fabs(x));
    double s = 1.0 + e, sl = e - (s - 1.0);
    double d = s * s, dl = fma(s, s, -d);
    double c = dl + 2.0 * s * sl;
    double q = e / d, r = fma(-q, d, e);
    return q + (r - q * c) / d;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(from_output)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 1/(1+expf(-x)): -(-(r*r)*e), r=1/(1+e), e=expf(-x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "autodiff of 1/(1+exp(-x)): -(-(r*r)*e), r=1/(1+e), e=exp(-x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "-R(-R(r*r)*e), r=R(1/R(1+e)), e=R(exp(-x))"),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch sigmoid_backward: (1-y)*y, y = stable sigmoid", from_output_f32_batch),
    AB_VARIANT("from-output", AB_NAIVE, "scalar", INFINITY, "PyTorch sigmoid_backward: (1-y)*y, y = stable sigmoid", from_output_f64_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE32, "e=exp(-|x|) in double; (float)(e/(1+e)^2)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE64, "e=exp(-|x|); e/(1+e)^2, denominator and quotient compensated (Fast2Sum, fma)", stable_f64_batch),
};

/* naive: e^-x overflows below -88.72 / -709.78 (NaN from there) and r*r
 * underflows below -75 ln 2 = -51.99 / -537.5 ln 2 = -372.57;
 * from-output: y rounds to 1 above 25 ln 2 = 17.33 / 54 ln 2 = 37.43;
 * the value rounds to 0 beyond |x| = 150 ln 2 = 103.97 / 1075 ln 2 =
 * 745.13. */
static const ab_range ranges[] = {
    {"neg_overflow", -110, -80, -750, -700},
    {"r2_underflow", -60, -40, -400, -350},
    {"saturation", 10, 40, 30, 60},
    {"pos_tail", 80, 110, 700, 750},
};

static const ab_activation d_sigmoid = {
    .name = "d_sigmoid",
    .description = "derivative of sigmoid: s(1-s) = e^-|x|/(1+e^-|x|)^2",
    .reference = ab_ref_d_sigmoid,
    .fast32 = ab_fast32_d_sigmoid,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.62e43p6, -0x1.9fe368p5, 0x1.154246p4, -0x1.9fe368p6, 0x1.9fe368p6),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, -0x1.74910d52d3052p8, 0x1.2b708872320e2p5,
                    -0x1.74910d52d3052p9, 0x1.74910d52d3052p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    /* s(1-s) = 1/(4 cosh^2(x/2)): in (0, 1/4], even, not monotone. */
    .props = AB_PROPS(AB_RANGE(0, 0.25), 0, AB_SYM_EVEN, 0),
};
AB_REGISTER(d_sigmoid)
