/* silu(x) = x * sigmoid(x) (swish): variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/silu.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include "kernels/sigmoid.h"
#include "kernels/tails.h"
#include <math.h>

/* naive: x / (1 + e^-x).  Below -88.72 (f32) e^-x overflows and the
 * quotient is -0 where silu(x) ~ x e^x is a subnormal down to -108.66;
 * at x = -inf it is -inf/inf = NaN. */
static float naive_f32(float x) { return x / (1.0f + expf(-x)); }
static double naive_f64(double x) { return x / (1.0 + exp(-x)); }
static inline float perop(float x, int bf) { return R(x / R(1.0f + R(expf(-x)))); }
AB_PEROP_DEFINE(perop)

/* stable: exp only sees -|x|.  x >= 0: x/(1+e).  x < 0: x * (e/(1+e)).
 * Below -64, 1 + e^x is 1 to 2^-92, so silu(x) = x e^x; there e^x alone
 * would be subnormal (inexact to an absolute 2^-150, i.e. a relative
 * error multiplied by |x| in the result) before the product is, so it is
 * computed as (x e^(x+64)) e^-64: x + 64 is exact (both multiples of
 * ulp(x), result smaller), x e^(x+64) is a normal number, and only the
 * last product rounds into the subnormals.  Below -110 (-760 for f64)
 * |silu(x)| < 2^-150 (2^-1075), so the answer is -0; this also keeps
 * -inf * 0 = NaN out.  NaN fails every comparison and propagates.
 * f32: y is clamped at silu's minimum rounded down (AB_SILU_MIN32): every
 * f32 input found 8 outputs below it around x = -0x1.47491ap+0 (each
 * within the bound); the clamp moves y only towards f. */
static float stable_f32_unclamped(float x) {
    if (fabsf(x) < 0x1p-60f) return ab_half_tiny_f32(x);
    if (x >= 0) return x / (1.0f + expf(-x));
    if (x < -110.0f) return -0.0f;
    if (x < -64.0f) return ab_x_exp_x_scaled_f32(x);
    float e = expf(x);
    return x * (e / (1.0f + e));
}
static float stable_f32(float x) { return ab_floor_at_f32(stable_f32_unclamped(x), AB_SILU_MIN32); }
static double stable_f64(double x) {
    if (fabs(x) < 0x1p-60) return ab_half_tiny_f64(x);
    if (x >= 0) return x / (1.0 + exp(-x));
    if (x < -760.0) return -0.0;
    if (x < -64.0) return ab_x_exp_x_scaled_f64(x);
    double e = exp(x);
    return x * (e / (1.0 + e));
}

/* approx: x * ab_sigmoid_approx(x) (exp on -|x|, no overflow).  Where
 * the approximate exp flushes (x < -104 / -746) the product is -0, and
 * -inf is sent to -0 explicitly (-inf * 0 would be NaN). */
static float approx_f32(float x) { return x < -110.0f ? -0.0f : x * ab_sigmoid_approx_f32(x); }
static double approx_f64(double x) { return x < -760.0 ? -0.0 : x * ab_sigmoid_approx_f64(x); }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x/(1+expf(-x))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x/(1+exp(-x))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(x/R(1+R(exp(-x))))"),
    /* f32: 3.22 ulp on every input (at -0x1.e639d6p+2); sampled 2.3 */
    AB_VARIANT("stable", AB_STABLE, "scalar", 3.5, "x>=0 ? x/(1+expf(-x)) : x<-64 ? (x*expf(x+64))*e^-64 : x*(e/(1+e)), e=expf(x); max(min f, y)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 2.75, "x>=0 ? x/(1+exp(-x)) : x<-64 ? (x*exp(x+64))*e^-64 : x*(e/(1+e)), e=exp(x)", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 64, "x*ab_sigmoid_approx_f32(x)", approx_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_RANGE,
               "x sigmoid_approx(x) " AB_WHY_ZERO "; range: 8 outputs below silu's minimum "
               "around x = -0x1.47491ap+0 (every f32 input, 2026-11-30): the approximation's "
               "error, not clamped"),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 512, "x*ab_sigmoid_approx_f64(x)", approx_f64_batch,
               AB_FAIL_ZERO,
               "x sigmoid_approx(x) " AB_WHY_ZERO),
};

/* naive's e^-x overflows below -88.72 / -709.78; silu underflows to -0
 * below -108.66 / -751.76; stable changes formula at -64 and returns -0
 * below -110 / -760. */
static const ab_range ranges[] = {
    {"neg_tail", -112, -80, -765, -700},
    {"scaled", -70, -60, -70, -60},
};

static const ab_activation silu = {
    .name = "silu",
    .description = "x * sigmoid(x) (swish)",
    .reference = ab_ref_silu,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-0x1.62e43p6, -0x1.b2a426p6, -64, -110),
    AB_THRESHOLDS64(-0x1.62e42fefa39efp9, -0x1.77e0b87f54f95p9, -64, -760),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_silu,
    /* min of x s(x): 1 + x (1 - s(x)) = 0 gives f = x + 1 =
     * -0.278464542761073795109358739023 at x = -1.2784645427610737951
     * (scripts/props/minima.py), rounded down in each format;
     * x s(x) + x s(-x) = x. */
    .props = AB_PROPS(AB_RANGE2(AB_SILU_MIN32, INFINITY, AB_SILU_MIN64, INFINITY), 0, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(silu)
