/* erf(x), a building block: variants and their registration.
 * erf(+-0) = +-0, erf(+-inf) = +-1. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/erf.h"
#include "kernels/erfc.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define LIBM32 1
#define LIBM64 1.5

/* approx: A&S 7.1.26 (kernels/erfc.h), erf(x) = sign(x) (1 - erfc_AS(|x|)).
 * Its error is absolute (<= 1.5e-7), so the declared ULP bound is none
 * (INFINITY): near 0, where erf(x) ~ 1.128 x, the absolute error is many
 * ulps of the result (erf(0) itself comes out as 1 - sum(a_i), about
 * 1e-9, or as a rounding residue of that), and in f64 1.5e-7 is ~10^9 ulps
 * of anything near 1.  copysign keeps erf odd. */
static float approx_f32(float x) { return copysignf(1.0f - ab_as7126_erfc_pos_f32(fabsf(x)), x); }
static double approx_f64(double x) { return copysign(1.0 - ab_as7126_erfc_pos_f64(fabs(x)), x); }

AB_BATCH_F32(libm_f32_batch, erff)
AB_BATCH_F64(libm_f64_batch, erf)
/* per-op: no naive formula; the one libm call, rounded to the format. */
static inline float perop(float x, int bf) { return R(erff(x)); }
AB_PEROP_DEFINE(perop)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM32, "glibc erff", libm_f32_batch),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM64, "glibc erf", libm_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(erf(x))"),
    AB_VARIANT_EXPECTING("approx", AB_APPROX, "scalar", INFINITY, "A&S 7.1.26, abs err <= 1.5e-7 (no ULP bound)", approx_f32_batch,
               AB_FAIL_ZERO,
               "A&S 7.1.26 bounds the absolute error (1.5e-7), not the relative: 1 - erfc_AS(|x|) is 0 for tiny |x|"),
    AB_VARIANT("approx", AB_APPROX, "scalar", INFINITY, "A&S 7.1.26, abs err <= 1.5e-7 (no ULP bound)", approx_f64_batch),
};

/* Small |x|, where an absolute error bound means nothing relative; the
 * saturation where erf(x) rounds to +-1, from 0x1.f5a88ap+1 (3.92, f32) /
 * 0x1.7afb48dc96627p+2 (5.92, f64) on. */
static const ab_range ranges[] = {
    {"small", -0.5, 0.5, -0.5, 0.5},
    {"saturation", 3, 5, 5, 7},
};

static const ab_activation erf_act = {
    .name = "erf",
    .description = "error function (building block)",
    .reference = ab_ref_erf,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.f5a88ap+1, -0x1.f5a88ap+1),
    AB_THRESHOLDS64(0x1.7afb48dc96627p+2, -0x1.7afb48dc96627p+2),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_erf,
    .props = AB_PROPS(AB_RANGE(-1, 1), 1, AB_SYM_ODD, 0),
};
AB_REGISTER(erf_act)
