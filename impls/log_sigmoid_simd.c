/* log_sigmoid(x) = -log1p(e^-x): AVX2 / AVX-512F kernels, a portable
 * kernel and SLEEF peers (registered into impls/log_sigmoid.c's activation
 * with AB_REGISTER_VARIANTS).
 *
 * The stable recipe (impls/log_sigmoid.c), vectorised: u = e^-|x| (never
 * overflows; rounded once into the subnormals), L = log1p(u) on [0, 1],
 *   x >= 0: -L;   x < 0: x - L
 * (two magnitudes of the same sign: no cancellation).  For large x, u is
 * tiny or subnormal and log1p(u) = u to full relative accuracy (the -e^-x
 * tail down to x = 103.97); +inf gives -0, -inf gives -inf, NaN
 * propagates through the exp.
 * Own: kernels/exp.h's ab_v*_exp_f32 (rr1, p6, nonpos) and ab_v*_log1p01_f32
 * (w = u/(1 + u/2) with its exact residual, w + w^3 q(w^2); true divisions).
 * portable: the same on ab_pexp_nonpos_f32 and log1p.h's
 * ab_log1p_approx_f32 (its residual through double), a select for the
 * branch.  Vectorizes (SSE2) at our -O2: `gcc -std=c17 -O2 -fopt-info-vec
 * -c impls/log_sigmoid_simd.c` reports "loop vectorized using 16 byte
 * vectors" for the chunk loop of portable_batch.
 * SLEEF: u = Sleef_expf*_u10(-|x|), L = Sleef_log1pf*_u10(u); SLEEF 3.5's
 * log1pf loses low bits of subnormal arguments (0x1.feep-138 ->
 * 0x1.ffp-138) and returns 0 for 2^-149 (zero_flush in pos_tail), so
 * below u = 2^-24 (where log1p(u) rounds to u) L = u is used instead. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/lanes.h"
#include "kernels/log1p.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define LOGSIG_OWN_BOUND 1.75      /* measured 1.48 (two sweeps, every range) */
#define LOGSIG_PORTABLE_BOUND 1.75 /* measured 1.48 */
#define LOGSIG_SLEEF_BOUND 1.5     /* measured 1.28 */

AB_AVX512_INLINE __m512 logsig16_finish(__m512 x, __m512 L) {
    __mmask16 nonneg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GE_OQ);
    return _mm512_mask_blend_ps(nonneg, _mm512_sub_ps(x, L), ab_v16_copysign_f32(L, _mm512_set1_ps(-0.0f)));
}
AB_AVX2_INLINE __m256 logsig8_finish(__m256 x, __m256 L) {
    __m256 nonneg = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GE_OQ);
    return _mm256_blendv_ps(_mm256_sub_ps(x, L), _mm256_xor_ps(L, _mm256_set1_ps(-0.0f)), nonneg);
}

AB_AVX512_INLINE __m512 logsig16_own(__m512 x) {
    /* u = e^-|max(-28, x)|: for x < -28, x - log1p(u) is x either way
     * (as softplus_simd.c's sp16 for x > 28); vmaxps keeps a NaN x */
    __m512 u = ab_v16_exp_f32(ab_v16_negabs_f32(_mm512_max_ps(_mm512_set1_ps(-28.0f), x)), 6, AB_EXP_NONPOS | AB_EXP_BAND);
    return logsig16_finish(x, ab_v16_log1p01_f32(u, 0));
}
AB_AVX2_INLINE __m256 logsig8_own(__m256 x) {
    __m256 u = ab_v8_exp_f32(ab_v8_negabs_f32(_mm256_max_ps(_mm256_set1_ps(-28.0f), x)), 6, AB_EXP_NONPOS | AB_EXP_BAND);
    return logsig8_finish(x, ab_v8_log1p01_f32(u, 0));
}

AB_AVX512_INLINE __m512 logsig16_sleef(__m512 x) {
    __m512 u = Sleef_expf16_u10avx512f(ab_v16_negabs_f32(x));
    __m512 L = Sleef_log1pf16_u10avx512f(u);
    L = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(u, _mm512_set1_ps(0x1p-24f), _CMP_LT_OQ), L, u);
    return logsig16_finish(x, L);
}
AB_AVX2_INLINE __m256 logsig8_sleef(__m256 x) {
    __m256 u = Sleef_expf8_u10avx2(ab_v8_negabs_f32(x));
    __m256 L = Sleef_log1pf8_u10avx2(u);
    L = _mm256_blendv_ps(L, u, _mm256_cmp_ps(u, _mm256_set1_ps(0x1p-24f), _CMP_LT_OQ));
    return logsig8_finish(x, L);
}

static inline float logsig_portable(float x) {
    float L = ab_log1p_approx_lane_f32(ab_pexp_nonpos_f32(-fabsf(x)));
    return ab_psel_f32(x >= 0.0f, -L, x - L);
}

AB_V16_BATCH_F32(avx512_own_batch, logsig16_own)
AB_V8_BATCH_F32(avx2_own_batch, logsig8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, logsig16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, logsig8_sleef)
AB_PORTABLE_BATCH_F32(portable_batch, logsig_portable)

static const ab_variant log_sigmoid_simd_variants[] = {
    AB_VARIANT_EXPECTING("avx512-rr1-p6-log1p-div", AB_VECTOR, "avx512f", LOGSIG_OWN_BOUND, "u=e^-|x| (rr1, p6, scalef), L=log1p(u) (w=u/(1+u/2)+residual, w+w^3q(w^2)); x>=0 ? -L : x-L", avx512_own_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx2-rr1-p6-log1p-div", AB_VECTOR, "avx2", LOGSIG_OWN_BOUND, "u=e^-|x| (rr1, p6), L=log1p(u) (w=u/(1+u/2)+residual, w+w^3q(w^2)); x>=0 ? -L : x-L", avx2_own_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("portable-rr1-p6-log1p-div", AB_VECTOR, "scalar", LOGSIG_PORTABLE_BOUND, "plain C the compiler vectorizes: u=e^-|x| (rr1, p6), L=log1p_approx(u); x>=0 ? -L : x-L (select)", portable_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("sleef-avx512-u10", AB_LIBRARY, "avx512f", LOGSIG_SLEEF_BOUND, "u=Sleef_expf16_u10(-|x|), L=u<2^-24 ? u : Sleef_log1pf16_u10(u); x>=0 ? -L : x-L", sleef_avx512_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF),
    AB_VARIANT_EXPECTING("sleef-avx2-u10", AB_LIBRARY, "avx2", LOGSIG_SLEEF_BOUND, "u=Sleef_expf8_u10(-|x|), L=u<2^-24 ? u : Sleef_log1pf8_u10(u); x>=0 ? -L : x-L", sleef_avx2_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF),
};
AB_REGISTER_VARIANTS("log_sigmoid", log_sigmoid_simd_variants)
