/* erfc(x) = 1 - erf(x), a building block: variants and their
 * registration.  erfc(+-0) = 1, erfc(-inf) = 2, erfc(+inf) = +0. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/erfc.h"
#include "kernels/erfc.h"
#include "kernels/perop.h"
#include "kernels/scalar_batch.h"
#include <math.h>

#define LIBM32 3.5
#define LIBM64 4
#define APPROX32 INFINITY
#define APPROX64 INFINITY

/* naive: 1 - erf(x).  For x > 0 erf(x) approaches 1 and the subtraction
 * keeps only its last bits: erfc(4) ~ 1.5e-8 is below half an f32 ulp of 1
 * (2^-25 ~ 3e-8 relative to 1 - 2^-24 spacing), so from about x = 3.9
 * (f32) / 5.9 (f64) on the result is exactly 0, long before erfc
 * underflows (10.05 / 27.2). */
static float naive_f32(float x) { return 1.0f - erff(x); }
static double naive_f64(double x) { return 1.0 - erf(x); }
static inline float perop(float x, int bf) { return R(1.0f - R(erff(x))); }
AB_PEROP_DEFINE(perop)

/* approx: A&S 7.1.26 (kernels/erfc.h) for x >= 0, 2 - that for x < 0 (NaN fails
 * x >= 0 and propagates through the subtraction).  Its 1.5e-7 bound is
 * absolute; relative to erfc the error tends to 38% as x grows (the
 * asymptotic ratio a1 sqrt(pi) / p = 1.38), i.e. ~6e5 ulps (f32) and
 * ~1.4e15 ulps (f64) measured, so no ULP bound is declared. */
static float approx_f32(float x) {
    return x >= 0 ? ab_as7126_erfc_pos_f32(x) : 2.0f - ab_as7126_erfc_pos_f32(-x);
}
static double approx_f64(double x) {
    return x >= 0 ? ab_as7126_erfc_pos_f64(x) : 2.0 - ab_as7126_erfc_pos_f64(-x);
}

AB_BATCH_PAIR(naive)
AB_BATCH_F32(libm_f32_batch, erfcf)
AB_BATCH_F64(libm_f64_batch, erfc)
AB_BATCH_PAIR(approx)

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1-erff(x)", naive_f32_batch),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "1-erf(x)", naive_f64_batch),
    AB_PEROP_VARIANTS(perop, "R(1-R(erf(x)))"),
    AB_VARIANT_EXPECTING("libm", AB_LIBRARY, "scalar", LIBM32, "glibc erfcf", libm_f32_batch,
               AB_FAIL_ZERO,
               "glibc erfcf " AB_WHY_ZERO),
    AB_VARIANT("libm", AB_LIBRARY, "scalar", LIBM64, "glibc erfc", libm_f64_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX32, "A&S 7.1.26, abs err <= 1.5e-7 (no ULP bound)", approx_f32_batch),
    AB_VARIANT("approx", AB_APPROX, "scalar", APPROX64, "A&S 7.1.26, abs err <= 1.5e-7 (no ULP bound)", approx_f64_batch),
};

/* The tail, where erfc underflows to 0 from 0x1.41bbf8p+3 (10.05, f32) /
 * 0x1.b39dc41e48bfdp+4 (27.23, f64) on; the negative saturation to 2
 * below -0x1.ea8f96p+1 (-3.83) / -0x1.7744f8f74e94bp+2 (-5.87); and the
 * region where naive's 1 - erf(x) has already cancelled to 0. */
static const ab_range ranges[] = {
    {"cancel", 1, 6, 1, 8},
    {"tail", 8, 11, 25, 28},
    {"neg_saturation", -5, -3, -7, -5},
};

static const ab_activation erfc_act = {
    .name = "erfc",
    .description = "complementary error function (building block)",
    .reference = ab_ref_erfc,
    .ranges = ranges, .n_ranges = AB_COUNT(ranges),
    AB_THRESHOLDS32(0x1.41bbf8p+3, -0x1.ea8f96p+1),
    AB_THRESHOLDS64(0x1.b39dc41e48bfdp+4, -0x1.7744f8f74e94bp+2),
    .variants = variants, .n_variants = AB_COUNT(variants),
    .fast32 = ab_fast32_erfc,
    /* erfc(x) + erfc(-x) = 2; decreasing. */
    .props = AB_PROPS(AB_RANGE(0, 2), -1, AB_SYM_SUM, 2),
};
AB_REGISTER(erfc_act)
