/* log1p(x) = log(1 + x), a building block: variants and their
 * registration.  log1p(-1) = -inf, log1p(x < -1) = NaN, log1p(+-0) = +-0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/log1p.h"
#include "kernels/exp_reduction.h"
#include "kernels/log1p.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* glibc's log1pf errs by 1.29 ulp on every f32 input (make exhaustive, at
 * 0x1.a827b4p-2): a bound of 1 held on samples only. */
#define LIBM32 1.5
#define LIBM64 1
#define APPROX32 1.5
#define APPROX64 1.5

/* naive: log(1 + x).  1 + x rounds away the low bits of a small x: for
 * |x| < 2^-24 (f32) the result is 0 or +-an ulp of 1's logarithm, and
 * in general the relative error is about u/|x|. */
static float naive_f32(float x) { return logf(1.0f + x); }
static double naive_f64(double x) { return log(1.0 + x); }
static inline float perop(float x, int bf) { return R(logf(R(1.0f + x))); }
AB_PEROP_DEFINE(perop)

/* approx: ab_log1p_approx_* (kernels/log1p.h) evaluates log1p(f) as
 * 2 atanh(w/2), w = f/(1 + f/2), an odd function of w; it is fitted for
 * |w| <= 2/3, so it also serves f in [sqrt(1/2) - 1, sqrt(2) - 1]
 * (|w| <= 0.35), where we use it directly: 1 + x is never formed, so
 * small x keep their low bits.  Elsewhere 1 + x = v is rounded, and
 * log1p(x) = log v + log1p(c'), c' = ((1 + x) - v)/v: the rounding error
 * (1 + x) - v is exact (v - 1 is exact by Sterbenz for v < 2, and v - x
 * for v >= 2), so c = ((1 + x) - v)/v recovers the lost bits to first
 * order (the fdlibm correction).  Then v = m 2^k with m in
 * [sqrt(1/2), sqrt(2)), m - 1 exact, and log v = k ln2 + log1p(m - 1)
 * with ln2 split hi + lo (k * hi exact): the exp reduction's split,
 * kernels/exp_reduction.h. */
static float approx_f32(float x) {
    if (x != x) return x + x;
    if (x <= -1.0f) return x == -1.0f ? -INFINITY : NAN;
    if (x == 0 || isinf(x)) return x;
    if (x >= -0x1.2bec34p-2f && x <= 0x1.a8279ap-2f) return ab_log1p_approx_f32(x);
    float v = 1.0f + x;
    float c = (v >= 2.0f ? 1.0f - (v - x) : x - (v - 1.0f)) / v;
    int k;
    float m = frexpf(v, &k);            /* v = m 2^k, m in [0.5, 1) */
    if (m < 0x1.6a09e6p-1f) { m *= 2.0f; k--; }
    float f = m - 1.0f;
    float kf = (float)k;
    return kf * ab_exp_f32_rr.ln2hi + (ab_log1p_approx_f32(f) + (kf * ab_exp_f32_rr.ln2lo + c));
}
static double approx_f64(double x) {
    if (x != x) return x + x;
    if (x <= -1.0) return x == -1.0 ? -INFINITY : NAN;
    if (x == 0 || isinf(x)) return x;
    if (x >= -0x1.2bec333018866p-2 && x <= 0x1.a827999fcef34p-2) return ab_log1p_approx_f64(x);
    double v = 1.0 + x;
    double c = (v >= 2.0 ? 1.0 - (v - x) : x - (v - 1.0)) / v;
    int k;
    double m = frexp(v, &k);
    if (m < 0x1.6a09e667f3bcdp-1) { m *= 2.0; k--; }
    double f = m - 1.0;
    double kd = (double)k;
    return kd * ab_exp_f64_rr.ln2hi + (ab_log1p_approx_f64(f) + (kd * ab_exp_f64_rr.ln2lo + c));
}

AB_BATCH_PAIR(naive)
AB_BATCH_F32(libm_f32_batch, log1pf)
AB_BATCH_F64(libm_f64_batch, log1p)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "logf(1+x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "log(1+x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(log(R(1+x)))"),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM32, "glibc log1pf", libm_f32_batch),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM64, "glibc log1p", libm_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "log1p_approx(x) near 0, else k*ln2+log1p_approx(m-1)+c", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "log1p_approx(x) near 0, else k*ln2+log1p_approx(m-1)+c", approx_f64_batch),
};

/* The pole at -1 (log1p -> -inf; below it NaN), small |x| where naive's
 * 1 + x rounds, and the largest inputs (k up to 128 / 1024). */
static const ab_range ranges[] = {
    {"near_minus1", -1, -0.5, -1, -0.5},
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"large", 0x1p100, 0x1.fffffep127, 0x1p1000, 0x1.fffffffffffffp1023},
};

static const ab_activation log1p_act = {
    .name = "log1p",
    .description = "log(1 + x) (building block)",
    .reference = ab_ref_log1p,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-1, -0x1.2bec34p-2f, 0x1.a8279ap-2f),
    AB_THRESHOLDS64(-1, -0x1.2bec333018866p-2, 0x1.a827999fcef34p-2),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_log1p,
    .props = AB_PROPS(AB_NO_RANGE, 1, AB_SYM_NONE, 0),
};
AB_REGISTER(log1p_act)
