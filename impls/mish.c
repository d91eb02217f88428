/* mish(x) = x * tanh(softplus(x)): variants and their registration. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/mish.h"
#include "kernels/exp.h"
#include "kernels/log1p.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include "kernels/tails.h"
#include "kernels/tanh_rational.h"
#include <math.h>

/* naive: the seed article's numpy version, x * tanh(softplus(x)) with
 * tanh = (e^s - e^-s)/(e^s + e^-s) and softplus = log(1 + e^x).  Above
 * 88.72 (f32) softplus is inf (and so is e^s just above it), and tanh
 * becomes inf/inf = NaN; at -inf it is -inf * 0 = NaN. */
static float tanh_naive_f32(float s) { return (expf(s) - expf(-s)) / (expf(s) + expf(-s)); }
static double tanh_naive_f64(double s) { return (exp(s) - exp(-s)) / (exp(s) + exp(-s)); }
static float naive_f32(float x) { return x * tanh_naive_f32(logf(1.0f + expf(x))); }
static double naive_f64(double x) { return x * tanh_naive_f64(log(1.0 + exp(x))); }
static inline float tanh_perop(float s, int bf) {
    return R(R(R(expf(s)) - R(expf(-s))) / R(R(expf(s)) + R(expf(-s))));
}
static inline float perop(float x, int bf) { return R(x * tanh_perop(R(logf(R(1.0f + R(expf(x))))), bf)); }
AB_PEROP_DEFINE(perop)

/* keras: the article's Keras line x*K.tanh(K.softplus(x)) on libm,
 * x * tanh(log1p(e^x)); a naive formula on good building blocks.  e^x overflowing to inf is harmless here
 * (log1p(inf) = inf, tanh(inf) = 1), but e^x flushing to 0 below -103.97
 * loses the subnormal tail, and -inf * 0 is NaN. */
static float libm_f32(float x) { return x * tanhf(log1pf(expf(x))); }
static double libm_f64(double x) { return x * tanh(log1p(exp(x))); }

/* stable: with n = e^x, tanh(log1p(n)) = ((1+n)^2 - 1)/((1+n)^2 + 1)
 * = n(n+2)/(n(n+2) + 2); with m = e^-x the same is
 * (1 + 2m)/(1 + 2m + 2m^2).  The n form for x <= 0 and the m form for
 * x > 0 keep exp's argument non-positive (no overflow, +inf gives
 * inf * 1), have only positive sums, and drop the (1+n)^2 - 1
 * cancellation that loses n's bits when n is tiny.  Below -64 the ratio
 * is n to 2^-92, and mish(x) = x e^x is formed as (x e^(x+64)) e^-64 so
 * that only the last product rounds into the subnormals (see silu.c);
 * below -110 / -760 |mish(x)| < 2^-150 / 2^-1075 and the answer is -0,
 * which also covers -inf.  NaN fails every test and propagates.
 * f32: y is clamped at mish's minimum rounded down (AB_MISH_MIN32): every
 * f32 input found 58 outputs below it from x = -0x1.31543p+0 on (each
 * within the bound; until 2026-11-30 this variant declared the range
 * failure instead); the clamp moves y only towards f. */
static float stable_f32_unclamped(float x) {
    if (x > 0) {
        float m = expf(-x), a = 1.0f + 2.0f * m;
        return x * (a / (a + 2.0f * m * m));
    }
    if (x < -110.0f) return -0.0f;
    if (x < -64.0f) return ab_x_exp_x_scaled_f32(x);
    float n = expf(x), t = n * (n + 2.0f);
    return x * (t / (t + 2.0f));
}
static float stable_f32(float x) { return ab_floor_at_f32(stable_f32_unclamped(x), AB_MISH_MIN32); }
static double stable_f64(double x) {
    if (x > 0) {
        double m = exp(-x), a = 1.0 + 2.0 * m;
        return x * (a / (a + 2.0 * m * m));
    }
    if (x < -760.0) return -0.0;
    if (x < -64.0) return ab_x_exp_x_scaled_f64(x);
    double n = exp(x), t = n * (n + 2.0);
    return x * (t / (t + 2.0));
}

/* approx: the composition x * tanh(softplus(x)) on kernels/exp.h, log1p.h and tanh_rational.h:
 * softplus = max(x,0) + log1p(e^-|x|) with the approximate exp and log1p,
 * tanh by the clamped rational (exact 1 from 9.01 / 19.06 on, so +inf
 * gives inf).  The approximate exp flushes below -104 / -746, which is
 * where the tail is lost; -inf (and the flushed tail) is sent to -0. */
static float approx_f32(float x) {
    if (x < -110.0f) return -0.0f;
    float s = fmaxf(x, 0.0f) + ab_log1p_approx_f32(ab_exp_approx_f32(-fabsf(x)));
    return x * ab_tanh_rational_f32(s);
}
static double approx_f64(double x) {
    if (x < -760.0) return -0.0;
    double s = fmax(x, 0.0) + ab_log1p_approx_f64(ab_exp_approx_f64(-fabs(x)));
    return x * ab_tanh_rational_f64(s);
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(libm)
AB_BATCH_PAIR(stable)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x*tanh(logf(1+expf(x))), tanh(s)=(e^s-e^-s)/(e^s+e^-s)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x*tanh(log(1+exp(x))), tanh(s)=(e^s-e^-s)/(e^s+e^-s)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "s=R(log(R(1+R(exp(x))))); R(x*R(R(R(exp(s))-R(exp(-s)))/R(R(exp(s))+R(exp(-s)))))"),
    AB_VARIANT("keras", AB_NAIVE, "scalar", INFINITY, "x*tanhf(log1pf(expf(x)))", libm_f32_batch),
    AB_VARIANT("keras", AB_NAIVE, "scalar", INFINITY, "x*tanh(log1p(exp(x)))", libm_f64_batch),
    /* f32: 4.65 ulp on every input (at -0x1.b10b9p+2) */
    AB_VARIANT("stable", AB_STABLE, "scalar", 5, "x>0 ? x*(a/(a+2m^2)), a=1+2m, m=expf(-x) : x<-64 ? (x*expf(x+64))*e^-64 : x*(t/(t+2)), t=n(n+2), n=expf(x); max(min f, y)", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 4, "x>0 ? x*(a/(a+2m^2)), a=1+2m, m=exp(-x) : x<-64 ? (x*exp(x+64))*e^-64 : x*(t/(t+2)), t=n(n+2), n=exp(x)", stable_f64_batch),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 64, "x*ab_tanh_rational_f32(max(x,0)+ab_log1p_approx_f32(ab_exp_approx_f32(-|x|)))", approx_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_RANGE,
               "x tanh_approx(softplus_approx(x)) " AB_WHY_ZERO "; range: 46 outputs below "
               "mish's minimum (every f32 input, 2026-11-30): the approximation's error, not clamped"),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", 512, "x*ab_tanh_rational_f64(max(x,0)+ab_log1p_approx_f64(ab_exp_approx_f64(-|x|)))", approx_f64_batch,
               AB_FAIL_ZERO,
               "x tanh_approx(softplus_approx(x)) " AB_WHY_ZERO),
};

/* naive's e^x overflows above 88.72 / 709.78 (NaN from there on); mish
 * underflows to -0 below -108.66 / -751.76; stable changes formula at 0
 * and -64 and returns -0 below -110 / -760. */
static const ab_range ranges[] = {
    {"overflow", 80, 100, 700, 720},
    {"neg_tail", -112, -60, -765, -60},
};

static const ab_activation mish = {
    .name = "mish",
    .description = "x * tanh(softplus(x))",
    .reference = ab_ref_mish,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e43p6, -0x1.b2a426p6, -64, -110),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, -0x1.77e0b87f54f95p9, -64, -760),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_mish,
    /* min of x tanh(softplus(x)): -0.308843413017250406628760229042 at
     * x = -1.1924312145154952121 (scripts/props/minima.py, mpmath at 60
     * digits), rounded down in each format. */
    .props = AB_PROPS(AB_RANGE2(AB_MISH_MIN32, INFINITY, AB_MISH_MIN64, INFINITY), 0, AB_SYM_NONE, 0),
};
AB_REGISTER(mish)
