/* silu(x) = x sigmoid(x): AVX2 / AVX-512F kernels and SLEEF compositions
 * (registered into impls/silu.c's activation with AB_REGISTER_VARIANTS).
 *
 * Own kernels (the stable recipe, vectorised): e^-|x| = p 2^k as parts
 * (kernels/exp.h, ab_v*_exp_parts_f32, rr1 p6), e = p 2^k, and
 *   x >= 0: x (1 / (1 + e));   x < 0: (x (p / (1 + e))) 2^k,
 * the last scaling a single rounding (vscalefps, or AVX2's two steps), so
 * the negative tail keeps its relative accuracy down into the subnormals
 * (silu(x) ~ x e^x is subnormal below -87.3 and rounds to -0 below
 * -108.66), where e itself, only used in 1 + e, may be subnormal.  x is
 * clamped at -110 inside the exp; below -110 (and -inf) the result is -0.
 * |x| < 2^-60: the x/2 tie rule of the scalar tiny_f32 (ab_v*_half_tiny).
 * y is clamped at silu's minimum rounded down (AB_SILU_MIN32): every f32
 * input (2026-11-30) found 8 outputs of the unclamped kernels below it,
 * around x = -0x1.47491ap+0 (within 3.19 ulps, but under the range the
 * activation declares); max(lo, y) only moves such a y towards f.
 * NaN: every branch multiplies by x.  +inf: inf (1/(1+0)).
 * SLEEF: e = Sleef_expf*_u10 on -|x|, and below -64 on x + 64 with the
 * product rescaled by e^-64 (the scalar stable's trick), same tiny rule and
 * the same clamp (unclamped, 8 outputs below the minimum, as the own). */
#include "../api/actbench.h"
#include "../reference/silu.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/lanes.h"
#include "kernels/sigmoid.h"
#include "kernels/sleef.h"
#include "kernels/tails.h"
#include <math.h>
#include <stdint.h>

#define SILU_OWN_BOUND 3.5    /* sampled 2.32; every f32 input: 3.19 at -0x1.e7cfb2p+2 */
#define SILU_SLEEF_BOUND 3.5  /* sampled 2.49; every f32 input: 3.19 */

AB_AVX512_INLINE __m512 silu16_own(__m512 x) {
    __m512 kf, p = ab_v16_exp_parts_f32(ab_v16_negabs_f32(x), -110.0f, &kf);
    __mmask16 neg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
    /* x < -110: -0; x >= -80: |silu| >= 80 e^-80 / (1 + e^-80) > 2^-116,
     * normal; between them the results may be subnormal */
    __m512 y = ab_v16_x_sigmoid_parts_f32(x, p, kf, neg, -80.0f, -110.0f, _mm512_set1_ps(-0.0f));
    y = _mm512_max_ps(_mm512_set1_ps(AB_SILU_MIN32), y); /* NaN: vmaxps returns y */
    return ab_v16_half_tiny_f32(x, y);
}
AB_AVX2_INLINE __m256 silu8_own(__m256 x) {
    __m256 kf, p = ab_v8_exp_parts_f32(ab_v8_negabs_f32(x), -110.0f, &kf);
    /* x < -110 (-0 below) is taken out of neg, so its last scaling is by
     * 2^0, not an underflow to -0 (a microcode assist, as in
     * ab_v8_x_sigmoid_parts_f32) */
    __m256 dead = _mm256_cmp_ps(x, _mm256_set1_ps(-110.0f), _CMP_LT_OQ);
    __m256 neg = _mm256_andnot_ps(dead, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ));
    __m256 y = ab_v8_x_sigmoid_parts_f32(x, p, kf, neg);
    y = _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), dead);
    y = _mm256_max_ps(_mm256_set1_ps(AB_SILU_MIN32), y);
    return ab_v8_half_tiny_f32(x, y);
}

AB_AVX512_INLINE __m512 silu16_sleef(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __mmask16 neg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
    __mmask16 deep = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-64.0f), _CMP_LT_OQ);
    __m512 a = _mm512_mask_add_ps(ab_v16_negabs_f32(x), deep, x, _mm512_set1_ps(64.0f));
    __m512 e = Sleef_expf16_u10avx512f(a);
    __m512 num = _mm512_mask_blend_ps(neg, one, e);
    __m512 y = _mm512_mul_ps(x, _mm512_div_ps(num, _mm512_add_ps(one, e)));
    y = _mm512_mask_mul_ps(y, deep, _mm512_mul_ps(x, e), _mm512_set1_ps(ab_em64.f32));
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-110.0f), _CMP_LT_OQ), y,
                             _mm512_set1_ps(-0.0f));
    y = _mm512_max_ps(_mm512_set1_ps(AB_SILU_MIN32), y);
    return ab_v16_half_tiny_f32(x, y);
}
AB_AVX2_INLINE __m256 silu8_sleef(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 neg = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 deep = _mm256_cmp_ps(x, _mm256_set1_ps(-64.0f), _CMP_LT_OQ);
    __m256 a = _mm256_blendv_ps(ab_v8_negabs_f32(x), _mm256_add_ps(x, _mm256_set1_ps(64.0f)), deep);
    __m256 e = Sleef_expf8_u10avx2(a);
    __m256 num = _mm256_blendv_ps(one, e, neg);
    __m256 y = _mm256_mul_ps(x, _mm256_div_ps(num, _mm256_add_ps(one, e)));
    y = _mm256_blendv_ps(y, _mm256_mul_ps(_mm256_mul_ps(x, e), _mm256_set1_ps(ab_em64.f32)), deep);
    y = _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-110.0f), _CMP_LT_OQ));
    y = _mm256_max_ps(_mm256_set1_ps(AB_SILU_MIN32), y);
    return ab_v8_half_tiny_f32(x, y);
}

AB_V16_BATCH_F32(avx512_own_batch, silu16_own)
AB_V8_BATCH_F32(avx2_own_batch, silu8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, silu16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, silu8_sleef)

/* Bounds: see the report; a bit above the max over every range of
 * `actbench sweep --samples 65536` (default seed and --seed 7). */
static const ab_variant silu_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-div", AB_VECTOR, "avx512f", SILU_OWN_BOUND, "e^-|x|=p*2^k (rr1,p6); x>=0 ? x/(1+e) : scalef(x*(p/(1+e)),k); x<-110: -0; max(min f, y); tiny: x/2 tie rule", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-div", AB_VECTOR, "avx2", SILU_OWN_BOUND, "e^-|x|=p*2^k (rr1,p6); x>=0 ? x/(1+e) : (x*(p/(1+e)))*2^k (two steps); x<-110: -0; max(min f, y); tiny: x/2 tie rule", avx2_own_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", SILU_SLEEF_BOUND, "e=Sleef_expf16_u10(-|x|); x*((x<0?e:1)/(1+e)); x<-64: (x*e^(x+64))*e^-64", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", SILU_SLEEF_BOUND, "e=Sleef_expf8_u10(-|x|); x*((x<0?e:1)/(1+e)); x<-64: (x*e^(x+64))*e^-64", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("silu", silu_simd_variants)

/* portable: plain C the compiler vectorizes (impls/kernels/exp.h), the
 * own kernels' recipe: e^-|x| = p 2^n (rr1, p6, clamped at -110), e = p 2^n
 * in two steps, x >= 0: x (1 / (1 + e)); x < 0: (x (p / (1 + e))) 2^n,
 * the last scaling in two steps (the first exact), so the subnormal tail
 * is rounded once; x < -110: -0; |x| < 2^-60: the x/2 tie rule.  `gcc
 * -std=c17 -O2 -fopt-info-vec -c impls/silu_simd.c` reports "loop
 * vectorized using 16 byte vectors" for the chunk loop of
 * portable_f32_batch. */
#define SILU_PORTABLE_BOUND 3.5 /* sampled 2.32; every f32 input: 3.19, as the own kernels */
static inline float silu_portable(float x) {
    int32_t n;
    float p = ab_pexp_parts_f32(-fabsf(x), -110.0f, &n);
    float y = ab_px_sigmoid_parts_f32(x, p, n, x < 0.0f);
    y = ab_psel_f32(x < -110.0f, -0.0f, y);
    y = ab_psel_f32(y < AB_SILU_MIN32, AB_SILU_MIN32, y); /* (NaN: false, y) */
    return ab_psel_f32(fabsf(x) < 0x1p-60f, ab_phalf_tiny_f32(x), y);
}
AB_PORTABLE_BATCH_F32(portable_f32_batch, silu_portable)
static const ab_variant silu_portable_variants[] = {
    AB_VARIANT("portable-rr1-p6", AB_VECTOR, "scalar", SILU_PORTABLE_BOUND, "plain C the compiler vectorizes: e^-|x|=p*2^n (rr1,p6); x>=0 ? x/(1+e) : (x*(p/(1+e)))*2^n (two steps); x<-110: -0; max(min f, y); tiny: x/2 tie rule", portable_f32_batch),
};
AB_REGISTER_VARIANTS("silu", silu_portable_variants)
