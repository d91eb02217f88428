/* relu6: AVX2 / AVX-512F kernels (registered into impls/relu6.c's
 * activation with AB_REGISTER_VARIANTS).  Same rule as the stable variant,
 * x <= 0 ? +0 : x >= 6 ? 6 : x, as two selects: keep x where !(x <= 0)
 * (true for x > 0 and for NaN, so -0 gives +0 and NaN keeps its bits),
 * then 6 where x >= 6 (false for NaN).  No arithmetic: bit-identical to
 * stable on every input (bound 0). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include <math.h>
#include <stdint.h>

AB_AVX512_INLINE __m512 relu6_16(__m512 x) {
    __m512 y = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NLE_UQ), x);
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(6.0f), _CMP_GE_OQ), y,
                                _mm512_set1_ps(6.0f));
}
AB_AVX2_INLINE __m256 relu6_8(__m256 x) {
    __m256 y = _mm256_and_ps(x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NLE_UQ));
    return _mm256_blendv_ps(y, _mm256_set1_ps(6.0f), _mm256_cmp_ps(x, _mm256_set1_ps(6.0f), _CMP_GE_OQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, relu6_16)
AB_V8_BATCH_F32(avx2_f32_batch, relu6_8)

/* Bound 0: bit-identical to stable (exact). */
static const ab_variant relu6_simd_variants[] = {
    AB_VARIANT("avx512-cmp-mask", AB_VECTOR, "avx512f", 0, "x>=6 ? 6 : maskz_mov(!(x<=0), x)", avx512_f32_batch),
    AB_VARIANT("avx2-cmp-blend", AB_VECTOR, "avx2", 0, "x>=6 ? 6 : x & cmp(!(x<=0)) (blendv)", avx2_f32_batch),
};
AB_REGISTER_VARIANTS("relu6", relu6_simd_variants)
