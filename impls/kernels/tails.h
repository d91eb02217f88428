/* tails.h: the two ends of the x e^x-like activations (silu, mish, gelu,
 * gelu_tanh): x/2 rounded the right way for tiny |x|, and x e^x formed at
 * a normal scale deep in the negative tail.  Scalar, AVX2, AVX-512F and
 * portable forms. */
#ifndef AB_KERNELS_TAILS_H
#define AB_KERNELS_TAILS_H

#include <math.h>
#include "batch.h"
#include "bits.h"
#include "lanes.h"

/* ---- x/2 for tiny |x| ------------------------------------------------
 * gelu, gelu_tanh and silu all behave like f(x) = x/2 + c x^2 with c > 0
 * near 0, so the result is x/2 nudged up by far less than an ulp: when x/2
 * is exactly half-way between two numbers (x an odd multiple of the
 * smallest subnormal) it must round up, not to even as 0.5*x would (which
 * flushes x = 2^-149 to 0).  (x + min_subnormal)/2 is that upper
 * neighbour, exactly; copysign keeps -0 for x = -min_subnormal.  Below
 * 2^-60, c|x| < 2^-56 leaves every other x/2 (exact) as the correctly
 * rounded answer, so callers use these for |x| < 2^-60. */
static inline float ab_half_tiny_f32(float x) {
    float h = 0.5f * x;
    return h + h == x ? h : copysignf(0.5f * (x + 0x1p-149f), x);
}
static inline double ab_half_tiny_f64(double x) {
    double h = 0.5 * x;
    return h + h == x ? h : copysign(0.5 * (x + 0x1p-1074), x);
}

/* ---- the clamp at the minimum ------------------------------------------
 * silu, mish, gelu and gelu_tanh have a negative minimum; a kernel's error
 * can take y just below it.  AB_<NAME>_MIN32 (reference/<name>.h) is the
 * minimum rounded down, so y = max(min, y) costs no accuracy and restores
 * the range.  NaN compares false and passes through. */
static inline float ab_floor_at_f32(float y, float min) { return y < min ? min : y; }

/* ---- the scaled negative tail x e^x -----------------------------------
 * e^-64 rounded to each format.  In a negative tail where f(x) ~ x e^x
 * (silu, mish; gelu_tanh and gelu with their own exponents), e^x alone
 * would go subnormal (inexact to an absolute 2^-150 / 2^-1075, i.e. a
 * relative error multiplied by |x| in the result) before the product
 * does.  So below -64 it is formed as (x e^(x+64)) e^-64: x + 64 is exact
 * (both multiples of ulp(x), result smaller), x e^(x+64) is a normal
 * number, and only the last product rounds into the subnormals. */
/* Not fitted: RN(e^-64) in each format, by hand (MPFR's e^-64 rounded to
 * 24 and 53 bits; e.g. `sollya` prints round(exp(-64), 24, RN) and
 * round(exp(-64), 53, RN)). */
static const struct { float f32; double f64; } ab_em64 = {
    .f32 = 0x1.969d48p-93f,
    .f64 = 0x1.969d47321e4ccp-93,
};

static inline float ab_x_exp_x_scaled_f32(float x) {
    return (x * expf(x + 64.0f)) * ab_em64.f32;
}
static inline double ab_x_exp_x_scaled_f64(double x) {
    return (x * exp(x + 64.0)) * ab_em64.f64;
}

/* f(x) = x/2 + c x^2 (c > 0) for |x| < 2^-60 (silu, gelu, gelu_tanh): x/2
 * when exact, else the upper neighbour (x + 2^-149)/2 with x's sign (as
 * ab_half_tiny_f32 above).  Replaces y in those lanes. */
AB_AVX512_INLINE __m512 ab_v16_half_tiny_f32(__m512 x, __m512 y) {
    __mmask16 tiny = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(0x1p-60f), _CMP_LT_OQ);
    if (!tiny) return y;
    __m512 h = _mm512_mul_ps(_mm512_set1_ps(0.5f), x);
    __mmask16 exact = _mm512_cmp_ps_mask(_mm512_add_ps(h, h), x, _CMP_EQ_OQ);
    __m512 up = ab_v16_copysign_f32(_mm512_abs_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f),
                                                                 _mm512_add_ps(x, _mm512_set1_ps(0x1p-149f)))), x);
    return _mm512_mask_blend_ps(tiny, y, _mm512_mask_blend_ps(exact, up, h));
}
AB_AVX2_INLINE __m256 ab_v8_half_tiny_f32(__m256 x, __m256 y) {
    __m256 tiny = _mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(0x1p-60f), _CMP_LT_OQ);
    if (_mm256_testz_ps(tiny, tiny)) return y;
    __m256 h = _mm256_mul_ps(_mm256_set1_ps(0.5f), x);
    __m256 exact = _mm256_cmp_ps(_mm256_add_ps(h, h), x, _CMP_EQ_OQ);
    __m256 up = ab_v8_copysign_f32(ab_v8_abs_f32(_mm256_mul_ps(_mm256_set1_ps(0.5f),
                                                               _mm256_add_ps(x, _mm256_set1_ps(0x1p-149f)))), x);
    return _mm256_blendv_ps(y, _mm256_blendv_ps(up, h, exact), tiny);
}

/* x/2 + c x^2 (c > 0) for tiny x: x/2 when exact, else the upper
 * neighbour with x's sign (ab_half_tiny_f32 above, as selects). */
AB_SCALAR_INLINE float ab_phalf_tiny_f32(float x) {
    float h = 0.5f * x;
    return ab_psel_f32(h + h == x, h, copysignf(0.5f * (x + 0x1p-149f), x));
}

#endif /* AB_KERNELS_TAILS_H */
