/* identity(x) = x: variants and their registration.  A control: any
 * nonzero error here is a harness bug, not an arithmetic one. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/piecewise.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

/* naive and stable are the same expression; there is nothing to get wrong
 * (NaN, +-0 and +-inf pass through a copy unchanged). */
static float id_f32(float x) { return x; }
static double id_f64(double x) { return x; }
static inline float perop(float x, int bf) { (void)bf; return x; }
AB_PEROP_DEFINE(perop)

AB_BATCH_PAIR(id)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x", id_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "x", id_f64_batch),
    AB_PEROP_VARIANTS(perop, "x (exact)"),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x", id_f32_batch),
    AB_VARIANT("stable", AB_STABLE, "scalar", 0, "x", id_f64_batch),
};

/* No branch or saturation point: the standard ranges cover it. */
static const ab_activation identity = {
    .name = "identity",
    .description = "identity x",
    .reference = ab_ref_identity,
    .ranges = NULL, .n_ranges = 0,
    
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_identity,
    .props = AB_PROPS(AB_NO_RANGE, 1, AB_SYM_ODD, 0),
};
AB_REGISTER(identity)
