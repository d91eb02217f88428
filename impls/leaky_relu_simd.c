/* leaky_relu (alpha = 0.01): AVX2 / AVX-512F kernels (registered into
 * impls/leaky_relu.c's activation with AB_REGISTER_VARIANTS).  Same
 * arithmetic as the stable variant, x >= 0 ? x : x / 100: the division by
 * an exact 100 is correctly rounded (subnormal results included), and
 * vdivps rounds exactly as divss, so the output is bit-identical to
 * stable's for every input: NaN fails x >= 0 and goes through x/100 (a
 * quiet NaN keeps its payload, as in the scalar code), -0 >= 0 keeps -0.
 * The division costs ~10 cycles per vector, hidden under the memory
 * traffic at large n; "-nt" drivers use streaming stores from 4 MiB of
 * output on (kernels/batch.h). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include <math.h>
#include <stdint.h>

AB_AVX512_INLINE __m512 lrelu16(__m512 x) {
    __m512 d = _mm512_div_ps(x, _mm512_set1_ps(100.0f));
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GE_OQ), d, x);
}
AB_AVX2_INLINE __m256 lrelu8(__m256 x) {
    __m256 d = _mm256_div_ps(x, _mm256_set1_ps(100.0f));
    return _mm256_blendv_ps(d, x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GE_OQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, lrelu16)
AB_V16_STREAM_BATCH_F32(avx512_nt_f32_batch, lrelu16)
AB_V8_BATCH_F32(avx2_f32_batch, lrelu8)
AB_V8_STREAM_BATCH_F32(avx2_nt_f32_batch, lrelu8)

/* Bound 0.5: correctly rounded, as stable. */
static const ab_variant leaky_relu_simd_variants[] = {
    AB_VARIANT("avx512-div", AB_VECTOR, "avx512f", 0.5, "x>=0 ? x : x/100 (vdivps, blend)", avx512_f32_batch),
    AB_VARIANT("avx512-div-nt", AB_VECTOR, "avx512f", 0.5, "x>=0 ? x : x/100; streaming stores from n >= 1M", avx512_nt_f32_batch),
    AB_VARIANT("avx2-div", AB_VECTOR, "avx2", 0.5, "x>=0 ? x : x/100 (vdivps, blendv)", avx2_f32_batch),
    AB_VARIANT("avx2-div-nt", AB_VECTOR, "avx2", 0.5, "x>=0 ? x : x/100; streaming stores from n >= 1M", avx2_nt_f32_batch),
};
AB_REGISTER_VARIANTS("leaky_relu", leaky_relu_simd_variants)

/* portable: plain C the compiler vectorizes, stable's arithmetic with a
 * bit select (x >= 0: x, else x/100; NaN takes x/100, as stable), so
 * bit-identical to stable.  `gcc -std=c17 -O2 -fopt-info-vec -c
 * impls/leaky_relu_simd.c` reports "loop vectorized using 16 byte vectors"
 * for the chunk loop of portable_f32_batch. */
static inline float lrelu_portable(float x) { return ab_psel_f32(x >= 0.0f, x, x / 100.0f); }
AB_PORTABLE_BATCH_F32(portable_f32_batch, lrelu_portable)
static const ab_variant leaky_relu_portable_variants[] = {
    AB_VARIANT("portable-div", AB_VECTOR, "scalar", 0.5, "plain C the compiler vectorizes: sel(x>=0, x, x/100)", portable_f32_batch),
};
AB_REGISTER_VARIANTS("leaky_relu", leaky_relu_portable_variants)
