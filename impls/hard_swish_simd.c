/* hard_swish: AVX2 / AVX-512F kernels (registered into impls/hard_swish.c's
 * activation with AB_REGISTER_VARIANTS).  The stable variant lane for lane:
 *   x <= -3 (and -inf): +0;  x >= 3 (and +inf): x, without the multiply;
 *   |x| < 2^-100: h = x/2 when exact, else the tie broken toward +inf
 *     (stable's nextafterf(h, +inf) step: h + h < x means h was rounded
 *     down, so step up one subnormal ulp; h + h > x means it was rounded
 *     up, keep it).  The "up" value is (x + 2^-149) / 2 with x's sign
 *     (both exact for subnormal x: x + 2^-149 is an even multiple, the
 *     copysign keeps -0 for x = -2^-149), which is that same neighbour;
 *   otherwise x * (x + 3) / 6, the same three roundings (no FMA).
 * NaN fails every compare and goes through the arithmetic (quiet NaN of x,
 * as the scalar code).  Bit-identical to stable on every input; the bound
 * is stable's. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/lanes.h"
#include <math.h>
#include <stdint.h>

#define STABLE_ULP 2 /* = impls/hard_swish.c's stable; measured 1.88 (two sweeps: default seed, --seed 7) */

AB_AVX512_INLINE __m512 hswish16(__m512 x) {
    const __m512 three = _mm512_set1_ps(3.0f);
    __m512 y = _mm512_div_ps(_mm512_mul_ps(x, _mm512_add_ps(x, three)), _mm512_set1_ps(6.0f));
    __mmask16 tiny = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(0x1p-100f), _CMP_LT_OQ);
    if (tiny) {
        __m512 h = _mm512_mul_ps(x, _mm512_set1_ps(0.5f));
        __mmask16 exact = _mm512_cmp_ps_mask(_mm512_add_ps(h, h), x, _CMP_EQ_OQ);
        __m512 up = ab_v16_copysign_f32(_mm512_abs_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f),
                                        _mm512_add_ps(x, _mm512_set1_ps(0x1p-149f)))), x);
        y = _mm512_mask_blend_ps(tiny, y, _mm512_mask_blend_ps(exact, up, h));
    }
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-3.0f), _CMP_LE_OQ), y, _mm512_setzero_ps());
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, three, _CMP_GE_OQ), y, x);
}
AB_AVX2_INLINE __m256 hswish8(__m256 x) {
    const __m256 three = _mm256_set1_ps(3.0f);
    __m256 y = _mm256_div_ps(_mm256_mul_ps(x, _mm256_add_ps(x, three)), _mm256_set1_ps(6.0f));
    __m256 tiny = _mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(0x1p-100f), _CMP_LT_OQ);
    if (!_mm256_testz_ps(tiny, tiny)) {
        __m256 h = _mm256_mul_ps(x, _mm256_set1_ps(0.5f));
        __m256 exact = _mm256_cmp_ps(_mm256_add_ps(h, h), x, _CMP_EQ_OQ);
        __m256 up = ab_v8_copysign_f32(ab_v8_abs_f32(_mm256_mul_ps(_mm256_set1_ps(0.5f),
                                       _mm256_add_ps(x, _mm256_set1_ps(0x1p-149f)))), x);
        y = _mm256_blendv_ps(y, _mm256_blendv_ps(up, h, exact), tiny);
    }
    y = _mm256_andnot_ps(_mm256_cmp_ps(x, _mm256_set1_ps(-3.0f), _CMP_LE_OQ), y);
    return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, three, _CMP_GE_OQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, hswish16)
AB_V8_BATCH_F32(avx2_f32_batch, hswish8)

static const ab_variant hard_swish_simd_variants[] = {
    AB_VARIANT("avx512-div", AB_VECTOR, "avx512f", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? x : |x|<2^-100 ? x/2 tie up : x*(x+3)/6 (stable, bit for bit)", avx512_f32_batch),
    AB_VARIANT("avx2-div", AB_VECTOR, "avx2", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? x : |x|<2^-100 ? x/2 tie up : x*(x+3)/6 (stable, bit for bit)", avx2_f32_batch),
};
AB_REGISTER_VARIANTS("hard_swish", hard_swish_simd_variants)
