/* hard_tanh: AVX2 / AVX-512F kernels (registered into impls/hard_tanh.c's
 * activation with AB_REGISTER_VARIANTS).  Same rule as the stable variant,
 * x < -1 ? -1 : x > 1 ? 1 : x, as two selects on ordered compares (false
 * for NaN, which keeps its bits; +-0 keep their sign).  (minps/maxps would
 * not do: they return the second operand for NaN.)  No arithmetic:
 * bit-identical to stable on every input (bound 0). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include <math.h>
#include <stdint.h>

AB_AVX512_INLINE __m512 htanh16(__m512 x) {
    __m512 y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-1.0f), _CMP_LT_OQ), x,
                                    _mm512_set1_ps(-1.0f));
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(1.0f), _CMP_GT_OQ), y,
                                _mm512_set1_ps(1.0f));
}
AB_AVX2_INLINE __m256 htanh8(__m256 x) {
    __m256 y = _mm256_blendv_ps(x, _mm256_set1_ps(-1.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-1.0f), _CMP_LT_OQ));
    return _mm256_blendv_ps(y, _mm256_set1_ps(1.0f), _mm256_cmp_ps(x, _mm256_set1_ps(1.0f), _CMP_GT_OQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, htanh16)
AB_V8_BATCH_F32(avx2_f32_batch, htanh8)

/* Bound 0: bit-identical to stable (exact). */
static const ab_variant hard_tanh_simd_variants[] = {
    AB_VARIANT("avx512-cmp-mask", AB_VECTOR, "avx512f", 0, "x<-1 ? -1 : x>1 ? 1 : x (mask blends)", avx512_f32_batch),
    AB_VARIANT("avx2-cmp-blend", AB_VECTOR, "avx2", 0, "x<-1 ? -1 : x>1 ? 1 : x (blendv)", avx2_f32_batch),
};
AB_REGISTER_VARIANTS("hard_tanh", hard_tanh_simd_variants)
