/* hard_swish(x) = x relu6(x + 3) / 6 (PyTorch's Hardswish): variants and
 * their registration.  Convention (reference/piecewise.c): NaN
 * propagates; +0 for x <= -3 (and -inf); x for x >= 3; +-0 -> +-0. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define STABLE_ULP 2 /* measured 1.75 (f32) / 1.745 (f64) */

/* naive: no seed-article form; PyTorch's x * relu6(x + 3) / 6 with C99
 * fmin/fmax.  Three failure modes: x * 6 overflows for x > FLT_MAX / 6
 * although the result x is finite; x <= -3 gives x * (+0) = -0 (sign
 * error against the saturated +0); and -inf * 0 is NaN. */
static float naive_f32(float x) { return x * fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f; }
static double naive_f64(double x) { return x * fmin(fmax(x + 3.0, 0.0), 6.0) / 6.0; }
static inline float perop(float x, int bf) { return R(R(x * fminf(fmaxf(R(x + 3.0f), 0.0f), 6.0f)) / 6.0f); }
AB_PEROP_DEFINE(perop)

/* stable: for x >= 3 the factor relu6(x + 3) / 6 is exactly 1, so x is
 * returned without the multiply that overflows; NaN fails both
 * comparisons and propagates through the arithmetic.  Between the knees
 * x + 3 is exact near -3 (Sterbenz), where the product is small. */
/* For tiny |x| the value is x/2 + x^2/6 with x^2/6 far below an ulp, but
 * x/2 of an odd multiple of the smallest subnormal is a tie, which
 * round-to-even would flush toward zero: the x^2/6 term breaks the tie
 * upward (toward +inf), so step up when the halving was inexact. */
static float stable_f32(float x) {
    if (x <= -3) return 0.0f;
    if (x >= 3) return x;
    if (fabsf(x) < 0x1p-100f) {
        float h = x * 0.5f;
        return h + h == x ? h : (h + h < x ? nextafterf(h, INFINITY) : h);
    }
    return x * (x + 3.0f) / 6.0f;
}
static double stable_f64(double x) {
    if (x <= -3) return 0.0;
    if (x >= 3) return x;
    if (fabs(x) < 0x1p-600) {
        double h = x * 0.5;
        return h + h == x ? h : (h + h < x ? nextafter(h, INFINITY) : h);
    }
    return x * (x + 3.0) / 6.0;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x*fminf(fmaxf(x+3,0),6)/6 (PyTorch)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x*fmin(fmax(x+3,0),6)/6 (PyTorch)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(x*min(max(R(x+3),0),6))/6)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? x : x*(x+3)/6", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? x : x*(x+3)/6", stable_f64_batch),
};

/* Knees at -3 and 3; naive's x * 6 overflows above FLT_MAX / 6
 * (0x1.555554p+125) / DBL_MAX / 6 (0x1.5555555555555p+1021). */
static const ab_range ranges[] = {
    {"neg_knee", -4, -2, -4, -2},
    {"pos_knee", 2, 4, 2, 4},
    {"overflow", 0x1p125, 0x1.fffffep127, 0x1p1021, 0x1.fffffffffffffp1023},
};

static const ab_activation hard_swish = {
    .name = "hard_swish",
    .description = "x relu6(x + 3) / 6 (PyTorch Hardswish)",
    .reference = ab_ref_hard_swish,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-3, 3, 0x1.555554p+125),
    AB_THRESHOLDS64(-3, 3, 0x1.5555555555555p+1021),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_hard_swish,
    /* min x (x+3)/6 on [-3, 3] at x = -3/2: -3/8 exactly; x (hsig(x) +
     * hsig(-x)) = x (the hard_sigmoid identity). */
    .props = AB_PROPS(AB_RANGE(-0.375, INFINITY), 0, AB_SYM_DIFF_X, 0),
};
AB_REGISTER(hard_swish)
