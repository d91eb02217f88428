/* gaussian(x) = e^(-x^2): AVX2 / AVX-512F kernels, a portable kernel and
 * SLEEF peers (registered into impls/gaussian.c's activation with
 * AB_REGISTER_VARIANTS).
 *
 * The stable recipe (impls/gaussian.c), vectorised: x^2 = hi + lo exactly
 * (hi = x x, lo = fma(x, x, -hi)), e^-(hi + lo) = e^-hi (1 - lo) to a
 * relative lo^2/2 < 2^-34 (|lo| <= ulp(hi)/2 < 2^-17 wherever the result
 * is not 0); the rounding of x^2 (up to x^2/2 ulps for exp(-x*x)) never
 * reaches the exponent.  hi > 200 gives +0 (also keeps fma(inf, inf, -inf)
 * = NaN out); NaN propagates.
 * Own: e^-hi as parts p 2^k (kernels/exp.h, ab_v*_exp_parts_f32, rr1 p6,
 * clamped at -104 where the result rounds to 0), the correction on p in
 * one FMA, fnma(p, lo, p), then one rounding by 2^k: the subnormal tail
 * (|x| > 9.34) is rounded once, by an integer conversion (kernels/exp_reduction.h,
 * ab_v*_scale_sub_f32: no subnormal float operation, so no microcode
 * assists; 3.7 -> ~2.6 ns/elem for AVX-512 at 4K on [-10, 10], where 7% of
 * the results are subnormal).
 * portable: the same in plain C: lo through double (the 24x24-bit
 * product is exact there), p - p lo in two roundings, the scaling in two
 * steps (kernels/exp_reduction.h, the subnormal rounding by conversion), selects for
 * the clamp, the 0 and NaN.  Vectorizes (SSE2)
 * at our -O2: `gcc -std=c17 -O2 -fopt-info-vec -c impls/gaussian_simd.c`
 * reports "loop vectorized using 16 byte vectors" for the chunk loop of
 * portable_batch.
 * SLEEF: t = Sleef_expf*_u10(-hi), fnma(t, lo, t) (t is already rounded
 * into the subnormals, so the tail is rounded twice). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/exp_reduction.h"
#include "kernels/lanes.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define GAUSS_OWN_BOUND 1.75      /* measured 1.43 (two sweeps, every range) */
#define GAUSS_PORTABLE_BOUND 1.75 /* measured 1.43 */
#define GAUSS_SLEEF_BOUND 1.75    /* measured 1.41 */

AB_AVX512_INLINE __m512 gauss16_own(__m512 x) {
    __m512 hi = _mm512_mul_ps(x, x);
    __m512 lo = _mm512_fmsub_ps(x, x, hi);
    __m512 kf, p = ab_v16_exp_parts_f32(ab_v16_negabs_f32(hi), -104.0f, &kf);
    __m512 y = ab_v16_scale_sub_f32(_mm512_fnmadd_ps(p, lo, p), kf);
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(hi, _mm512_set1_ps(200.0f), _CMP_GT_OQ), y, _mm512_setzero_ps());
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), y, x);
}
AB_AVX2_INLINE __m256 gauss8_own(__m256 x) {
    __m256 hi = _mm256_mul_ps(x, x);
    __m256 lo = _mm256_fmsub_ps(x, x, hi);
    __m256 kf, p = ab_v8_exp_parts_f32(ab_v8_negabs_f32(hi), -104.0f, &kf);
    __m256 y = ab_v8_scale_sub_f32(_mm256_fnmadd_ps(p, lo, p), kf);
    y = _mm256_andnot_ps(_mm256_cmp_ps(hi, _mm256_set1_ps(200.0f), _CMP_GT_OQ), y);
    return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

AB_AVX512_INLINE __m512 gauss16_sleef(__m512 x) {
    __m512 hi = _mm512_mul_ps(x, x);
    __m512 lo = _mm512_fmsub_ps(x, x, hi);
    __m512 t = Sleef_expf16_u10avx512f(ab_v16_negabs_f32(hi));
    __m512 y = _mm512_fnmadd_ps(t, lo, t);
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(hi, _mm512_set1_ps(200.0f), _CMP_GT_OQ), y, _mm512_setzero_ps());
}
AB_AVX2_INLINE __m256 gauss8_sleef(__m256 x) {
    __m256 hi = _mm256_mul_ps(x, x);
    __m256 lo = _mm256_fmsub_ps(x, x, hi);
    __m256 t = Sleef_expf8_u10avx2(ab_v8_negabs_f32(hi));
    __m256 y = _mm256_fnmadd_ps(t, lo, t);
    return _mm256_andnot_ps(_mm256_cmp_ps(hi, _mm256_set1_ps(200.0f), _CMP_GT_OQ), y);
}

static inline float gauss_portable(float x) {
    float hi = x * x;
    float lo = (float)((double)x * (double)x - (double)hi);  /* exact */
    float xc = ab_psel_f32(hi > 104.0f, -104.0f, -hi);       /* NaN fails */
    int32_t n;
    float p = 1.0f + ab_pexp_em1_f32(xc, &n);
    float y = ab_pscale_sub_f32(p - p * lo, n);
    return ab_psel_f32(hi > 200.0f, 0.0f, ab_psel_f32(hi != hi, hi, y));
}

AB_V16_BATCH_F32(avx512_own_batch, gauss16_own)
AB_V8_BATCH_F32(avx2_own_batch, gauss8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, gauss16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, gauss8_sleef)
AB_PORTABLE_BATCH_F32(portable_batch, gauss_portable)

static const ab_variant gaussian_simd_variants[] = {
    AB_VARIANT("avx512-sqfma-rr1-p6", AB_VECTOR, "avx512f", GAUSS_OWN_BOUND, "hi=x*x, lo=fma(x,x,-hi); e^-hi=p*2^k (rr1, p6); scalef(fnma(p,lo,p),k); hi>200: 0", avx512_own_batch),
    AB_VARIANT("avx2-sqfma-rr1-p6", AB_VECTOR, "avx2", GAUSS_OWN_BOUND, "hi=x*x, lo=fma(x,x,-hi); e^-hi=p*2^k (rr1, p6); fnma(p,lo,p)*2^k (two steps); hi>200: 0", avx2_own_batch),
    AB_VARIANT("portable-sqexact-rr1-p6", AB_VECTOR, "scalar", GAUSS_PORTABLE_BOUND, "plain C the compiler vectorizes: hi=x*x, lo exact via double; e^-hi=p*2^k (rr1, p6); (p-p*lo)*2^k (two steps); selects", portable_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", GAUSS_SLEEF_BOUND, "hi=x*x, lo=fma(x,x,-hi), t=Sleef_expf16_u10(-hi); fnma(t,lo,t); hi>200: 0", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", GAUSS_SLEEF_BOUND, "hi=x*x, lo=fma(x,x,-hi), t=Sleef_expf8_u10(-hi); fnma(t,lo,t); hi>200: 0", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("gaussian", gaussian_simd_variants)
