/* elu (alpha = 1): AVX2 / AVX-512F kernels and SLEEF compositions
 * (registered into impls/elu.c's activation with AB_REGISTER_VARIANTS).
 *
 * Own kernels: x >= 0 ? x : expm1(x), with expm1 by the exp reduction
 * x = k ln2 + r (rr1, |r| <= ln2/2), e^r - 1 = t = r + r^2 q(r) (the
 * exp p6 polynomial without its leading 1: the fit is p(r) = 1 + r +
 * r^2 q(r), so t is e^r - 1 to within r^2 times q's error, small relative
 * to r), and e^x - 1 = 2^k t + (2^k - 1) in one FMA: 2^k t is exact and
 * so is 2^k - 1 for k >= -24 (below, e^x - 1 rounds to -1 anyway and the
 * rounding of 2^k - 1 is under half an ulp of the result).  k = 0 for
 * |x| < ln2/2 gives t exactly as computed, so tiny x keep full relative
 * accuracy (x = subnormal: r^2 = 0, t = x).  x is clamped at -18 (e^x - 1
 * rounds to -1 below -17.33).  -0 >= 0 keeps -0; NaN is blended back.
 * SLEEF: x >= 0 ? x : Sleef_expm1f*_u10(x). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/exp_reduction.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>

#define ELU_OWN_BOUND 1      /* measured 0.87 (two sweeps, every range) */
#define ELU_SLEEF_BOUND 1.25 /* measured 1.00 */

AB_AVX512_INLINE __m512 elu16_own(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 xc = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(-18.0f)), _mm512_setzero_ps());
    __m512 k;
    __m512 t = ab_v16_exp_em1_f32(xc, 6, &k);
    __m512 s = _mm512_scalef_ps(one, k);
    __m512 em = _mm512_fmadd_ps(s, t, _mm512_sub_ps(s, one));
    __mmask16 keep = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NLT_UQ); /* x >= 0 or NaN */
    return _mm512_mask_blend_ps(keep, em, x);
}
AB_AVX2_INLINE __m256 elu8_own(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 xc = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-18.0f)), _mm256_setzero_ps());
    __m256 k;
    __m256 t = ab_v8_exp_em1_f32(xc, 6, &k);
    __m256 s = ab_v8_pow2i_f32(_mm256_cvtps_epi32(k));   /* k in [-26, 0] */
    __m256 em = _mm256_fmadd_ps(s, t, _mm256_sub_ps(s, one));
    return _mm256_blendv_ps(em, x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NLT_UQ));
}

AB_AVX512_INLINE __m512 elu16_sleef(__m512 x) {
    __mmask16 keep = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NLT_UQ);
    return _mm512_mask_blend_ps(keep, Sleef_expm1f16_u10avx512f(x), x);
}
AB_AVX2_INLINE __m256 elu8_sleef(__m256 x) {
    return _mm256_blendv_ps(Sleef_expm1f8_u10avx2(x), x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NLT_UQ));
}

AB_V16_BATCH_F32(avx512_own_batch, elu16_own)
AB_V8_BATCH_F32(avx2_own_batch, elu8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, elu16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, elu8_sleef)

static const ab_variant elu_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-expm1", AB_VECTOR, "avx512f", ELU_OWN_BOUND, "x>=0 ? x : fma(2^k, r+r^2q(r), 2^k-1) (rr1, p6, scalef)", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-expm1", AB_VECTOR, "avx2", ELU_OWN_BOUND, "x>=0 ? x : fma(2^k, r+r^2q(r), 2^k-1) (rr1, p6)", avx2_own_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", ELU_SLEEF_BOUND, "x>=0 ? x : Sleef_expm1f16_u10(x)", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", ELU_SLEEF_BOUND, "x>=0 ? x : Sleef_expm1f8_u10(x)", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("elu", elu_simd_variants)

/* portable: plain C the compiler vectorizes (kernels/exp.h's portable pieces), the
 * own kernels' recipe without FMA: x clamped to [-18, 0], x = k ln2 + r
 * (rr1), t = r + r^2 q(r), 2^k t + (2^k - 1) (2^k t is exact, so the
 * missing FMA costs nothing there); x < 0 ? that : x (-0 and NaN keep x).
 * `gcc -std=c17 -O2 -fopt-info-vec -c impls/elu_simd.c` reports "loop
 * vectorized using 16 byte vectors" for the chunk loop of
 * portable_f32_batch. */
#define ELU_PORTABLE_BOUND 1 /* measured 0.82 (two sweeps, every range) */
static inline float elu_portable(float x) {
    float xc = ab_psel_f32(x < -18.0f, -18.0f, ab_psel_f32(x > 0.0f, 0.0f, x));
    int32_t n;
    float t = ab_pexp_em1_f32(xc, &n);
    float s = ab__pow2_f32(n); /* k in [-26, 0] */
    float em = s * t + (s - 1.0f);
    return ab_psel_f32(x < 0.0f, em, x);
}
AB_PORTABLE_BATCH_F32(portable_f32_batch, elu_portable)
static const ab_variant elu_portable_variants[] = {
    AB_VARIANT("portable-rr1-p6-expm1", AB_VECTOR, "scalar", ELU_PORTABLE_BOUND, "plain C the compiler vectorizes: x<0 ? 2^k*(r+r^2q(r)) + (2^k-1) (rr1, p6) : x", portable_f32_batch),
};
AB_REGISTER_VARIANTS("elu", elu_portable_variants)
