/* mish(x) = x tanh(softplus(x)): AVX2 / AVX-512F kernels and SLEEF
 * compositions (registered into impls/mish.c's activation with
 * AB_REGISTER_VARIANTS).
 *
 * Own kernels (the stable recipe, vectorised): e = e^-|x| = p 2^k as parts
 * (ab_v*_exp_parts_f32, rr1 p6, clamped at -110), then
 *   x > 0  (m = e):  x (a / (a + 2m^2)),  a = 1 + 2m;
 *   x <= 0 (n = e):  t/(t + 2) with t = n(n + 2) = 2^k p (n + 2), so
 *                    mish = (x (p (n + 2) / (t + 2))) 2^k, the scaling a
 *                    single rounding (vscalefps / AVX2's two steps): the
 *                    tail x e^x keeps its relative accuracy into the
 *                    subnormals (mish rounds to -0 below -108.66).
 * Only positive sums, no cancellation, no overflow (+inf: inf * 1).  Below
 * -110 (and -inf) the result is -0.  NaN: every branch multiplies by x.
 * y is clamped at mish's minimum rounded down (AB_MISH_MIN32): every f32
 * input (2026-11-30) found 150 outputs of the unclamped kernels (118
 * portable) below it near x = -0x1.3152a4p+0, outside the declared range;
 * max(lo, y) only moves such a y towards f.
 * SLEEF: x Sleef_tanhf(Sleef_log1pf(Sleef_expf(x))) (all u10); below -64,
 * where the ratio is e^x to 2^-92, (x Sleef_expf(x + 64)) e^-64, which
 * keeps the subnormal tail (Sleef's log1p flushes subnormal inputs); the
 * same clamp at AB_MISH_MIN32 (unclamped: 24 outputs below the minimum). */
#include "../api/actbench.h"
#include "../reference/mish.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/exp_reduction.h"
#include "kernels/lanes.h"
#include "kernels/sleef.h"
#include "kernels/tails.h"
#include <math.h>
#include <stdint.h>

#define MISH_OWN_BOUND 5     /* sampled 3.19; every f32 input: 4.65 at -0x1.b10b9p+2 */
#define MISH_SLEEF_BOUND 3.25 /* sampled 2.62; every f32 input: 3.03 */

AB_AVX512_INLINE __m512 mish16_own(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f), two = _mm512_set1_ps(2.0f);
    __m512 kf, p = ab_v16_exp_parts_f32(ab_v16_negabs_f32(x), -110.0f, &kf);
    /* e = e^-|x| from max(k, -30): where k < -30 both e and p 2^-30 are
     * below 2^-29.4, and 1 + 2e, e + 2, e(e + 2) + 2 and 2e e + (1 + 2e)
     * all round to 1 or 2 either way (the same bits), while e stays
     * normal (a subnormal e, |x| > 87, cost a microcode assist on Intel
     * cores).  x < -110 skips the last scaling (an underflow to -0) and
     * gets -0 from it; vmaxps keeps -0 (-0 > MIN32) and NaN. */
    __m512 e = _mm512_scalef_ps(p, _mm512_max_ps(kf, _mm512_set1_ps(-30.0f)));
    __mmask16 pos = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GT_OQ);
    __m512 a = _mm512_fmadd_ps(two, e, one);                  /* 1 + 2m */
    __m512 e2 = _mm512_add_ps(e, two);                        /* n + 2 */
    __m512 num = _mm512_mask_blend_ps(pos, _mm512_mul_ps(p, e2), a);
    __m512 den = _mm512_mask_blend_ps(pos, _mm512_fmadd_ps(e, e2, two),
                                      _mm512_fmadd_ps(_mm512_add_ps(e, e), e, a));
    __m512 y = _mm512_mul_ps(x, _mm512_div_ps(num, den));
    /* x >= -80: |mish| >= 80 e^-80 tanh-wise (> 2^-116), normal; [-110,
     * -80): maybe subnormal, the band path (no assist) */
    y = ab_v16_scale_tail_f32(x, y, _mm512_mask_mov_ps(kf, pos, _mm512_setzero_ps()), -80.0f, -110.0f,
                              _mm512_set1_ps(-0.0f));
    return _mm512_max_ps(_mm512_set1_ps(AB_MISH_MIN32), y); /* NaN: vmaxps returns y */
}
AB_AVX2_INLINE __m256 mish8_own(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f), two = _mm256_set1_ps(2.0f);
    __m256 kf, p = ab_v8_exp_parts_f32(ab_v8_negabs_f32(x), -110.0f, &kf);
    __m256 e = ab_v8_scale_f32(p, _mm256_max_ps(kf, _mm256_set1_ps(-30.0f))); /* as mish16_own */
    __m256 pos = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ);
    __m256 a = _mm256_fmadd_ps(two, e, one);
    __m256 e2 = _mm256_add_ps(e, two);
    __m256 num = _mm256_blendv_ps(_mm256_mul_ps(p, e2), a, pos);
    __m256 den = _mm256_blendv_ps(_mm256_fmadd_ps(e, e2, two), _mm256_fmadd_ps(_mm256_add_ps(e, e), e, a), pos);
    __m256 y = _mm256_mul_ps(x, _mm256_div_ps(num, den));
    __m256 dead = _mm256_cmp_ps(x, _mm256_set1_ps(-110.0f), _CMP_LT_OQ); /* -0: scaled by 2^0, not to -0 */
    y = ab_v8_scale_f32(y, _mm256_andnot_ps(_mm256_or_ps(pos, dead), kf));
    y = _mm256_max_ps(_mm256_set1_ps(AB_MISH_MIN32), y);
    return _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), dead);
}

AB_AVX512_INLINE __m512 mish16_sleef(__m512 x) {
    __mmask16 deep = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-64.0f), _CMP_LT_OQ);
    __m512 e = Sleef_expf16_u10avx512f(_mm512_mask_add_ps(x, deep, x, _mm512_set1_ps(64.0f)));
    __m512 y = _mm512_mul_ps(x, Sleef_tanhf16_u10avx512f(Sleef_log1pf16_u10avx512f(e)));
    y = _mm512_mask_mul_ps(y, deep, _mm512_mul_ps(x, e), _mm512_set1_ps(ab_em64.f32));
    y = _mm512_max_ps(_mm512_set1_ps(AB_MISH_MIN32), y); /* NaN: vmaxps returns y */
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-110.0f), _CMP_LT_OQ), y,
                                _mm512_set1_ps(-0.0f));
}
AB_AVX2_INLINE __m256 mish8_sleef(__m256 x) {
    __m256 deep = _mm256_cmp_ps(x, _mm256_set1_ps(-64.0f), _CMP_LT_OQ);
    __m256 e = Sleef_expf8_u10avx2(_mm256_blendv_ps(x, _mm256_add_ps(x, _mm256_set1_ps(64.0f)), deep));
    __m256 y = _mm256_mul_ps(x, Sleef_tanhf8_u10avx2(Sleef_log1pf8_u10avx2(e)));
    y = _mm256_blendv_ps(y, _mm256_mul_ps(_mm256_mul_ps(x, e), _mm256_set1_ps(ab_em64.f32)), deep);
    y = _mm256_max_ps(_mm256_set1_ps(AB_MISH_MIN32), y);
    return _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-110.0f), _CMP_LT_OQ));
}

AB_V16_BATCH_F32(avx512_own_batch, mish16_own)
AB_V8_BATCH_F32(avx2_own_batch, mish8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, mish16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, mish8_sleef)

static const ab_variant mish_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-div", AB_VECTOR, "avx512f", MISH_OWN_BOUND, "e^-|x|=p*2^k (rr1,p6); x>0 ? x*(a/(a+2m^2)), a=1+2m : scalef(x*(p(n+2)/(n(n+2)+2)),k); max(min f, y); x<-110: -0", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-div", AB_VECTOR, "avx2", MISH_OWN_BOUND, "e^-|x|=p*2^k (rr1,p6); x>0 ? x*(a/(a+2m^2)), a=1+2m : (x*(p(n+2)/(n(n+2)+2)))*2^k; max(min f, y); x<-110: -0", avx2_own_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", MISH_SLEEF_BOUND, "x*Sleef_tanhf16(Sleef_log1pf16(Sleef_expf16(x))) (u10); x<-64: (x*e^(x+64))*e^-64", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", MISH_SLEEF_BOUND, "x*Sleef_tanhf8(Sleef_log1pf8(Sleef_expf8(x))) (u10); x<-64: (x*e^(x+64))*e^-64", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("mish", mish_simd_variants)

/* portable: plain C the compiler vectorizes (impls/kernels/exp.h), the
 * own kernels' recipe without FMA: e = e^-|x| = p 2^n (rr1, p6, clamped at
 * -110); x > 0: x (a / (a + 2m^2)), a = 1 + 2m; x <= 0: (x (p (n + 2) /
 * (t + 2))) 2^n with t = n(n + 2), the scaling in two steps; x < -110: -0.
 * `gcc -std=c17 -O2 -fopt-info-vec -c impls/mish_simd.c` reports "loop
 * vectorized using 16 byte vectors" for the chunk loop of
 * portable_f32_batch. */
#define MISH_PORTABLE_BOUND 5 /* sampled 3.19; every f32 input: 4.70 */
static inline float mish_portable(float x) {
    int32_t k;
    float p = ab_pexp_parts_f32(-fabsf(x), -110.0f, &k);
    float e = ab_pscale_f32(p, k);
    int pos = x > 0.0f;
    float a = 2.0f * e + 1.0f, e2 = e + 2.0f;
    float num = ab_psel_f32(pos, a, p * e2);
    float den = ab_psel_f32(pos, (e + e) * e + a, e * e2 + 2.0f);
    float y = ab_pscale_f32(x * (num / den), k & -(int32_t)!pos);
    y = ab_psel_f32(y < AB_MISH_MIN32, AB_MISH_MIN32, y); /* (NaN: false, y) */
    return ab_psel_f32(x < -110.0f, -0.0f, y);
}
AB_PORTABLE_BATCH_F32(portable_f32_batch, mish_portable)
static const ab_variant mish_portable_variants[] = {
    AB_VARIANT("portable-rr1-p6", AB_VECTOR, "scalar", MISH_PORTABLE_BOUND, "plain C the compiler vectorizes: e^-|x|=p*2^k (rr1,p6); x>0 ? x*(a/(a+2m^2)), a=1+2m : (x*(p(n+2)/(n(n+2)+2)))*2^k (two steps); max(min f, y); x<-110: -0", portable_f32_batch),
};
AB_REGISTER_VARIANTS("mish", mish_portable_variants)

/* avx512-f64-rr1-p11-div: the stable recipe in f64 lanes (16 floats as two
 * halves of 8 doubles, as impls/kernels/gelu_erf.h), so the float result is
 * rounded once.  x -> double is exact; e = e^-|x| by ab_v8_exp_f64
 * (rr1 + degree 11, nonpos: no overflow clamp, ~2^-52 relative); then
 *   x > 0  (m = e):  num = a = 1 + 2m,        den = a + 2m^2;
 *   x <= 0 (n = e):  num = t = n (n + 2),     den = t + 2;
 * y = x (num / den) with one division: a few 2^-53 relative in all, so
 * the single rounding to float gives ~0.5 ulp.  For -110 <= x the double
 * e >= e^-110 ~ 2^-158.7 is normal, and so is y, whose rounding to float
 * then lands correctly in the subnormals (mish rounds to -0 below
 * -108.66): no scaled tail needed.  x < -110 (and -inf, where n = 0
 * would give -inf * 0): -0.  +inf: m = e^-746 ~ 0, w = 1, inf.  Tiny x:
 * w = 3/5 + O(x), y ~ 0.6 x is formed in double (x's subnormals are
 * normal there) and 3k/5 (k integer) is never a float tie, so no tie rule
 * is needed; +-0 keep their sign.  NaN: x * w. */
#define MISH_F64_BOUND 1   /* measured 0.49999 (two sweeps, every range: all correctly rounded) */
AB_AVX512_INLINE __m512d mish8_f64(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0), two = _mm512_set1_pd(2.0);
    __m512d e = ab_v8_exp_f64(ab_v8_negabs_f64(x), 1);
    __mmask8 pos = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GT_OQ);
    __m512d a = _mm512_fmadd_pd(two, e, one);                 /* 1 + 2m */
    __m512d t = _mm512_mul_pd(e, _mm512_add_pd(e, two));      /* n(n + 2) */
    __m512d num = _mm512_mask_blend_pd(pos, t, a);
    __m512d den = _mm512_mask_blend_pd(pos, _mm512_add_pd(t, two),
                                       _mm512_fmadd_pd(_mm512_add_pd(e, e), e, a));
    return _mm512_mul_pd(x, _mm512_div_pd(num, den));
}
AB_V16_VIA_F64_DEFINE(mish16_via_f64, mish8_f64)
AB_AVX512_INLINE __m512 mish16_f64(__m512 x) {
    __m512 y = mish16_via_f64(x);
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-110.0f), _CMP_LT_OQ), y,
                                _mm512_set1_ps(-0.0f));
}
AB_V16_BATCH_F32(avx512_f64_batch, mish16_f64)
static const ab_variant mish_f64_variants[] = {
    AB_VARIANT("avx512-f64-rr1-p11-div", AB_VECTOR, "avx512f", MISH_F64_BOUND, "f64 lanes: e=e^-|x| (rr1,p11); x>0 ? x*(a/(a+2m^2)), a=1+2m : x*(t/(t+2)), t=n(n+2); one rounding to float; x<-110: -0", avx512_f64_batch),
};
AB_REGISTER_VARIANTS("mish", mish_f64_variants)
