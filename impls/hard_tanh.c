/* hard_tanh(x) = clamp(x, -1, 1): variants and their registration.
 * Convention (reference/piecewise.c): NaN propagates, the sign of zero is
 * kept. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: no seed-article form; PyTorch's Hardtanh as
 * max(min_val, min(max_val, x)) with C99 fmin/fmax: fminf(1, NaN) = 1, so
 * NaN comes out as 1. */
static float naive_f32(float x) { return fmaxf(-1.0f, fminf(1.0f, x)); }
static double naive_f64(double x) { return fmax(-1.0, fmin(1.0, x)); }
static inline float perop(float x, int bf) { (void)bf; return fmaxf(-1.0f, fminf(1.0f, x)); }
AB_PEROP_DEFINE(perop)

/* stable: comparisons NaN fails fall through to x. */
static float stable_f32(float x) {
    if (x < -1) return -1.0f;
    if (x > 1) return 1.0f;
    return x;
}
static double stable_f64(double x) {
    if (x < -1) return -1.0;
    if (x > 1) return 1.0;
    return x;
}

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fmaxf(-1,fminf(1,x))", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "fmax(-1,fmin(1,x))", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "max(-1,min(1,x)) (exact)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<-1 ? -1 : x>1 ? 1 : x", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<-1 ? -1 : x>1 ? 1 : x", stable_f64_batch),
};

/* Knees at -1 and 1. */
static const ab_range ranges[] = {
    {"neg_knee", -2, 0, -2, 0},
    {"pos_knee", 0, 2, 0, 2},
};

static const ab_activation hard_tanh = {
    .name = "hard_tanh",
    .description = "clamp(x, -1, 1)",
    .reference = ab_ref_hard_tanh,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(-1, 1),
    AB_THRESHOLDS64(-1, 1),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_hard_tanh,
    .props = AB_PROPS(AB_RANGE(-1, 1), 1, AB_SYM_ODD, 0),
};
AB_REGISTER(hard_tanh)
