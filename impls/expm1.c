/* expm1(x) = e^x - 1, a building block: variants and their registration. */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/expm1.h"
#include "kernels/expm1.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define LIBM32 1
#define LIBM64 1
#define APPROX32 2
#define APPROX64 2

/* naive: e^x - 1.  For |x| small, e^x rounds to within an ulp of 1 and the
 * subtraction keeps only its low bits: relative error about u/|x|, and
 * below |x| = 2^-25 (f32) the result is 0 or an ulp of 1. */
static float naive_f32(float x) { return expf(x) - 1.0f; }
static double naive_f64(double x) { return exp(x) - 1.0; }
static inline float perop(float x, int bf) { return R(R(expf(x)) - 1.0f); }
AB_PEROP_DEFINE(perop)

AB_BATCH_PAIR(naive)
AB_BATCH_F32(libm_f32_batch, expm1f)
AB_BATCH_F64(libm_f64_batch, expm1)
/* approx: our own (kernels/expm1.h): Taylor near 0, ab_exp_approx - 1
 * elsewhere. */
AB_BATCH_F32(approx_f32_batch, ab_expm1_approx_f32)
AB_BATCH_F64(approx_f64_batch, ab_expm1_approx_f64)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "expf(x)-1", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "exp(x)-1", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(R(exp(x))-1)"),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM32, "glibc expm1f", libm_f32_batch),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM64, "glibc expm1", libm_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "|x|<=0.7 ? x+x^2*Taylor(deg 10) : exp_approx(x)-1", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "|x|<=0.7 ? x+x^2*Taylor(deg 17) : exp_approx(x)-1", approx_f64_batch),
};

/* Cancellation of e^x - 1 near 0; approx's switch at +-0.7; saturation to
 * -1 below -0x1.154246p4 (f32) / -0x1.2b708872320e2p5 (f64); overflow
 * above 0x1.62e42ep6 / 0x1.62e42fefa39efp9. */
static const ab_range ranges[] = {
    {"near_zero", -0.125, 0.125, -0.125, 0.125},
    {"switch", -1, 1, -1, 1},
    {"saturation", -20, -15, -40, -35},
    {"overflow", 80, 100, 700, 720},
};

static const ab_activation expm1_act = {
    .name = "expm1",
    .description = "e^x - 1 (building block)",
    .reference = ab_ref_expm1,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.62e43p6, -0x1.154246p4, 0.7, -0.7),
    AB_THRESHOLDS64(0x1.62e42fefa39efp9, -0x1.2b708872320e2p5, 0.7, -0.7),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_expm1,
    .props = AB_PROPS(AB_RANGE(-1, INFINITY), 1, AB_SYM_NONE, 0),
};
AB_REGISTER(expm1_act)
