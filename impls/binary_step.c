/* binary_step(x) = H(x), Heaviside with H(0) = 1 (numpy.heaviside(x, 1)):
 * variants and their registration.  NaN convention (reference/piecewise.c):
 * NaN in, NaN out, as numpy.heaviside does. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive: the seed article's docstring, "returns 0 if the input is less
 * than zero, otherwise one", written as the comparison it describes.  NaN
 * fails x < 0 and so comes out as 1. */
static float naive_f32(float x) { return x < 0 ? 0.0f : 1.0f; }
static double naive_f64(double x) { return x < 0 ? 0.0 : 1.0; }
static inline float perop(float x, int bf) { (void)bf; return x < 0 ? 0.0f : 1.0f; }
AB_PEROP_DEFINE(perop)

/* stable: the same, except that NaN (which fails both comparisons)
 * propagates.  -0 is not < 0, so H(-0) = 1. */
static float stable_f32(float x) { return x < 0 ? 0.0f : x >= 0 ? 1.0f : x; }
static double stable_f64(double x) { return x < 0 ? 0.0 : x >= 0 ? 1.0 : x; }

AB_BATCH_PAIR(naive)
AB_BATCH_PAIR(stable)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x<0 ? 0 : 1", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x<0 ? 0 : 1", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "x<0 ? 0 : 1 (exact)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<0 ? 0 : x>=0 ? 1 : NaN", stable_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x<0 ? 0 : x>=0 ? 1 : NaN", stable_f64_batch),
};

/* The only branch point is 0 (its neighbours are the smallest
 * subnormals, which the special set holds anyway). */
static const ab_range ranges[] = {
    {"unit", -1, 1, -1, 1},
};

static const ab_activation binary_step = {
    .name = "binary_step",
    .description = "Heaviside step, H(0) = 1",
    .reference = ab_ref_binary_step,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0),
    AB_THRESHOLDS64(0),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_binary_step,
    .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(binary_step)
