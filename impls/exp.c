/* exp(x) = e^x, a building block: variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/exp.h"
#include "kernels/exp.h"
#include "kernels/perop.h"
#include <math.h>

#define LIBM32 1
#define LIBM64 1
#define APPROX32 1.5
#define APPROX64 1.5

/* libm: glibc expf / exp. */
AB_BATCH_F32(libm_f32_batch, expf)
AB_BATCH_F64(libm_f64_batch, exp)
/* per-op: no naive formula; the one libm call, rounded to the format. */
static inline float perop(float x, int bf) { return R(expf(x)); }
AB_PEROP_DEFINE(perop)
/* approx: ab_exp_approx_* from kernels/exp.h (Cody-Waite reduction to
 * |r| <= ln2/2, minimax polynomial, scaling that rounds only once into
 * the subnormal range). */
AB_BATCH_F32(approx_f32_batch, ab_exp_approx_f32)
AB_BATCH_F64(approx_f64_batch, ab_exp_approx_f64)

static const ab_variant variants[] = {
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM32, "glibc expf", libm_f32_batch),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM64, "glibc exp", libm_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(exp(x))"),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "ab_exp_approx_f32 (approx_math.h)", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "ab_exp_approx_f64 (approx_math.h)", approx_f64_batch),
};

/* e^x overflows above 0x1.62e42ep6 (88.72, f32) / 0x1.62e42fefa39efp9
 * (709.78, f64); the result is subnormal below -87.34 / -708.40 and rounds
 * to 0 below -0x1.9fe368p6 (-103.97) / -0x1.74910d52d3051p9 (-745.13). */
static const ab_range ranges[] = {
    {"overflow", 80, 100, 700, 720},
    {"underflow", -110, -80, -750, -700},
};

static const ab_activation exp_act = {
    .name = "exp",
    .description = "exponential e^x (building block)",
    .reference = ab_ref_exp,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e43p6, -0x1.9fe368p6),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, -0x1.74910d52d3051p9),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_exp,
    .props = AB_PROPS(AB_RANGE(0, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(exp_act)
