/* selu(x) = lambda x (x >= 0), lambda alpha (e^x - 1) (x < 0): AVX2 /
 * AVX-512F kernels, a portable kernel and SLEEF peers (registered into
 * impls/selu.c's activation with AB_REGISTER_VARIANTS).
 *
 * The stable recipe (impls/selu.c), vectorised: the constants as hi + lo
 * pairs applied with one FMA, c x ~ fma(hi, x, lo x) (the rounding of
 * lambda alone is 0.58 ulp in f32), and e^x - 1 by expm1 (no
 * cancellation near 0):
 *   x >= 0: fma(l_hi, x, l_lo x);   x < 0: fma(la_hi, e, la_lo e), e = expm1(x).
 * +-0, +inf and NaN are returned as they are (fma(hi, -0, lo * -0) would
 * be +0, hi inf + lo inf NaN); -inf gives e = -1, -lambda alpha.
 * Own: kernels/expm1.h's ab_v*_expm1_f32 with nonpos = 1 (x clamped to
 * [-18, 0]; rr1, p6, 2 fma(2^(k-1), t, 2^(k-1) - 1/2); |x| < 2^-24 -> x).
 * portable: the same in plain C (ab_pexpm1_f32 on min(x, 0); no FMA, so
 * the hi + lo products are two roundings), selects for the branches.
 * Vectorizes (SSE2) at our -O2: `gcc -std=c17 -O2 -fopt-info-vec -c
 * impls/selu_simd.c` reports "loop vectorized using 16 byte vectors" for
 * the chunk loop of portable_batch.
 * SLEEF: e = Sleef_expm1f*_u10(min(x, 0)), the same hi + lo finish. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/act_constants.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/expm1.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* lambda and lambda alpha as hi + lo pairs: kernels/act_constants.h. */

#define SELU_OWN_BOUND 1.75      /* measured 1.45 (two sweeps, every range) */
#define SELU_PORTABLE_BOUND 2   /* sampled 1.56; every f32 input: 1.907 at -0x1.38b7ccp-3 */
#define SELU_SLEEF_BOUND 1.5     /* measured 1.37 */

/* x >= 0 lanes and the pass-through ones (+-0, +inf, NaN) from e. */
AB_AVX512_INLINE __m512 selu16_finish(__m512 x, __m512 e) {
    __m512 pos = _mm512_fmadd_ps(_mm512_set1_ps(ab_selu_f32.lambda_hi), x, _mm512_mul_ps(_mm512_set1_ps(ab_selu_f32.lambda_lo), x));
    __m512 neg = _mm512_fmadd_ps(_mm512_set1_ps(ab_selu_f32.la_hi), e, _mm512_mul_ps(_mm512_set1_ps(ab_selu_f32.la_lo), e));
    __m512 y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GE_OQ), neg, pos);
    __mmask16 keep = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_EQ_OQ) |
                     _mm512_cmp_ps_mask(x, _mm512_set1_ps((float)INFINITY), _CMP_EQ_OQ) |
                     _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_ps(keep, y, x);
}
AB_AVX2_INLINE __m256 selu8_finish(__m256 x, __m256 e) {
    __m256 pos = _mm256_fmadd_ps(_mm256_set1_ps(ab_selu_f32.lambda_hi), x, _mm256_mul_ps(_mm256_set1_ps(ab_selu_f32.lambda_lo), x));
    __m256 neg = _mm256_fmadd_ps(_mm256_set1_ps(ab_selu_f32.la_hi), e, _mm256_mul_ps(_mm256_set1_ps(ab_selu_f32.la_lo), e));
    __m256 y = _mm256_blendv_ps(neg, pos, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GE_OQ));
    __m256 keep = _mm256_or_ps(_mm256_or_ps(_mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_EQ_OQ),
                                            _mm256_cmp_ps(x, _mm256_set1_ps((float)INFINITY), _CMP_EQ_OQ)),
                               _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_ps(y, x, keep);
}

AB_AVX512_INLINE __m512 selu16_own(__m512 x) { return selu16_finish(x, ab_v16_expm1_f32(x, 1)); }
AB_AVX2_INLINE __m256 selu8_own(__m256 x) { return selu8_finish(x, ab_v8_expm1_f32(x, 1)); }
/* min(x, 0): NaN stays NaN (second operand), and the x >= 0 lanes are
 * blended away anyway. */
AB_AVX512_INLINE __m512 selu16_sleef(__m512 x) {
    return selu16_finish(x, Sleef_expm1f16_u10avx512f(_mm512_min_ps(_mm512_setzero_ps(), x)));
}
AB_AVX2_INLINE __m256 selu8_sleef(__m256 x) {
    return selu8_finish(x, Sleef_expm1f8_u10avx2(_mm256_min_ps(_mm256_setzero_ps(), x)));
}

static inline float selu_portable(float x) {
    float e = ab_pexpm1_f32(ab_psel_f32(x > 0.0f, 0.0f, x));
    float pos = ab_selu_f32.lambda_hi * x + ab_selu_f32.lambda_lo * x;
    float neg = ab_selu_f32.la_hi * e + ab_selu_f32.la_lo * e;
    float y = ab_psel_f32(x >= 0.0f, pos, neg);
    return ab_psel_f32((x == 0.0f) | (x == (float)INFINITY) | (x != x), x, y);
}

AB_V16_BATCH_F32(avx512_own_batch, selu16_own)
AB_V8_BATCH_F32(avx2_own_batch, selu8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, selu16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, selu8_sleef)
AB_PORTABLE_BATCH_F32(portable_batch, selu_portable)

static const ab_variant selu_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-expm1", AB_VECTOR, "avx512f", SELU_OWN_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1 (rr1, p6, 2*fma(2^(k-1),t,2^(k-1)-1/2)); +-0,inf,NaN: x", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-expm1", AB_VECTOR, "avx2", SELU_OWN_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1 (rr1, p6, 2*fma(2^(k-1),t,2^(k-1)-1/2)); +-0,inf,NaN: x", avx2_own_batch),
    AB_VARIANT_EXPECTING("portable-rr1-p6-expm1", AB_VECTOR, "scalar", SELU_PORTABLE_BOUND, "plain C the compiler vectorizes: x>=0 ? l_hi*x+l_lo*x : la_hi*e+la_lo*e, e=expm1 (rr1, p6); selects", portable_batch,
               AB_FAIL_OVERFLOW, AB_WHY_SELU_OVERFLOW),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", SELU_SLEEF_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=Sleef_expm1f16_u10(x)", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", SELU_SLEEF_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=Sleef_expm1f8_u10(x)", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("selu", selu_simd_variants)
