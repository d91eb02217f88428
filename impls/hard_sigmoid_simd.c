/* hard_sigmoid: AVX2+FMA / AVX-512F kernels (registered into
 * impls/hard_sigmoid.c's activation with AB_REGISTER_VARIANTS).  The stable
 * variant's arithmetic, lane for lane: s = x + 3, its rounding error
 * e = (3 - s) + x (Fast2Sum), q = s / 6, r = fma(-q, 6, s) (exact),
 * q + (r + e) / 6; then +0 where x <= -3 and 1 where x >= 3 (ordered
 * compares: NaN fails both and keeps the arithmetic's quiet NaN, as the
 * scalar code).  Every step is one IEEE operation with the same operands
 * as the scalar code (the scalar fmaf is a true fma, vfmadd here), so the
 * result is bit-identical to stable on every input; the bound is stable's. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include <math.h>
#include <stdint.h>

#define STABLE_ULP 0.75 /* = impls/hard_sigmoid.c's stable (measured 0.5) */

AB_AVX512_INLINE __m512 hsig16(__m512 x) {
    const __m512 three = _mm512_set1_ps(3.0f), six = _mm512_set1_ps(6.0f);
    __m512 s = _mm512_add_ps(x, three);
    __m512 e = _mm512_add_ps(_mm512_sub_ps(three, s), x);
    __m512 q = _mm512_div_ps(s, six);
    __m512 r = _mm512_fnmadd_ps(q, six, s);
    __m512 y = _mm512_add_ps(q, _mm512_div_ps(_mm512_add_ps(r, e), six));
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-3.0f), _CMP_LE_OQ), y, _mm512_setzero_ps());
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, three, _CMP_GE_OQ), y, _mm512_set1_ps(1.0f));
}
AB_AVX2_INLINE __m256 hsig8(__m256 x) {
    const __m256 three = _mm256_set1_ps(3.0f), six = _mm256_set1_ps(6.0f);
    __m256 s = _mm256_add_ps(x, three);
    __m256 e = _mm256_add_ps(_mm256_sub_ps(three, s), x);
    __m256 q = _mm256_div_ps(s, six);
    __m256 r = _mm256_fnmadd_ps(q, six, s);
    __m256 y = _mm256_add_ps(q, _mm256_div_ps(_mm256_add_ps(r, e), six));
    y = _mm256_andnot_ps(_mm256_cmp_ps(x, _mm256_set1_ps(-3.0f), _CMP_LE_OQ), y);
    return _mm256_blendv_ps(y, _mm256_set1_ps(1.0f), _mm256_cmp_ps(x, three, _CMP_GE_OQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, hsig16)
AB_V8_BATCH_F32(avx2_f32_batch, hsig8)

static const ab_variant hard_sigmoid_simd_variants[] = {
    AB_VARIANT("avx512-fast2sum-fma", AB_VECTOR, "avx512f", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? 1 : (x+3)/6 with Fast2Sum+fma corrections (stable, bit for bit)", avx512_f32_batch),
    AB_VARIANT("avx2-fast2sum-fma", AB_VECTOR, "avx2", STABLE_ULP, "x<=-3 ? 0 : x>=3 ? 1 : (x+3)/6 with Fast2Sum+fma corrections (stable, bit for bit)", avx2_f32_batch),
};
AB_REGISTER_VARIANTS("hard_sigmoid", hard_sigmoid_simd_variants)
