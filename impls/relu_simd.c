/* relu: AVX2 / AVX-512F kernels (registered into impls/relu.c's activation
 * with AB_REGISTER_VARIANTS).  Same rule as the stable variant,
 * x <= 0 ? +0 : x: one compare !(x <= 0) (true for x > 0 and for NaN),
 * then keep x under the mask and +0 elsewhere.  So NaN is passed through
 * with its bits, and -0 <= 0 gives +0 (IEEE 754-2019 maximum(x, +0)).
 * (maxps alone cannot do both: max(x, 0) drops NaN, max(0, x) keeps -0.)
 * Memory bound at large n: the "-nt" drivers switch to non-temporal
 * stores from 4 MiB of output on (kernels/batch.h, AB_V16_STREAM_BATCH_F32). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include <math.h>
#include <stdint.h>

AB_AVX512_INLINE __m512 relu16(__m512 x) {
    return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NLE_UQ), x);
}
AB_AVX2_INLINE __m256 relu8(__m256 x) {
    return _mm256_and_ps(x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NLE_UQ));
}
AB_V16_BATCH_F32(avx512_f32_batch, relu16)
AB_V16_STREAM_BATCH_F32(avx512_nt_f32_batch, relu16)
AB_V8_BATCH_F32(avx2_f32_batch, relu8)
AB_V8_STREAM_BATCH_F32(avx2_nt_f32_batch, relu8)

/* Bound 0: bit-identical to stable (exact). */
static const ab_variant relu_simd_variants[] = {
    AB_VARIANT("avx512-cmp-mask", AB_VECTOR, "avx512f", 0, "maskz_mov(!(x<=0), x)", avx512_f32_batch),
    AB_VARIANT("avx512-cmp-mask-nt", AB_VECTOR, "avx512f", 0, "maskz_mov(!(x<=0), x); streaming stores from n >= 1M", avx512_nt_f32_batch),
    AB_VARIANT("avx2-cmp-and", AB_VECTOR, "avx2", 0, "x & cmp(!(x<=0))", avx2_f32_batch),
    AB_VARIANT("avx2-cmp-and-nt", AB_VECTOR, "avx2", 0, "x & cmp(!(x<=0)); streaming stores from n >= 1M", avx2_nt_f32_batch),
};
AB_REGISTER_VARIANTS("relu", relu_simd_variants)

/* portable: plain C the compiler vectorizes, the stable rule as a bit
 * select (!(x <= 0): x, else +0); bit-identical to stable.  `gcc -std=c17
 * -O2 -fopt-info-vec -c impls/relu_simd.c` reports "loop vectorized using
 * 16 byte vectors" for the chunk loop of portable_f32_batch. */
static inline float relu_portable(float x) { return ab_psel_f32(!(x <= 0.0f), x, 0.0f); }
AB_PORTABLE_BATCH_F32(portable_f32_batch, relu_portable)
static const ab_variant relu_portable_variants[] = {
    AB_VARIANT("portable-select", AB_VECTOR, "scalar", 0, "plain C the compiler vectorizes: sel(!(x<=0), x, +0)", portable_f32_batch),
};
AB_REGISTER_VARIANTS("relu", relu_portable_variants)
