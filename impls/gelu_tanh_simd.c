/* gelu_tanh(x) = x/2 (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))): AVX2 /
 * AVX-512F kernels and SLEEF compositions (registered into
 * impls/gelu_tanh.c's activation with AB_REGISTER_VARIANTS).
 *
 * The stable recipe, vectorised: gelu_tanh(x) = x sigmoid(v),
 * v = 2 sqrt(2/pi) x (1 + 0.044715 x^2).  sigmoid's condition number in
 * the negative tail is ~|v| (up to ~110), so v is carried to twice the
 * precision: computed in double (x^2 exact, the rest to ~2^-51), then
 * split vh = (float)v, vl = (float)(v - vh), and e^-|v| = e^-|vh| (1 -+ vl).
 * e^-|vh| = p 2^k as parts (ab_v*_exp_parts_f32, rr1 p6, clamped at -120,
 * below which nothing is left: gelu_tanh rounds to -0 below -10.77, where
 * v ~ -106); p absorbs (1 -+ vl); e = p 2^k, and
 *   vh >= 0: x (1 / (1 + e));   vh < 0: (x (p / (1 + e))) 2^k,
 * the scaling one rounding into the subnormals.  x > 6: x (also +inf);
 * x < -11: -0 (also -inf); |x| < 2^-60: the x/2 tie rule.  NaN propagates
 * through x.  y is clamped at gelu_tanh's minimum rounded down
 * (AB_GELU_TANH_MIN32): every f32 input found 62 outputs of the own
 * kernels (63 portable, 72 SLEEF) below it near x = -0x1.81583ep-1, each
 * within the bound; the clamp moves y only towards f.  SLEEF: the same with e^-|vh| from Sleef_expf*_u10, on
 * -|vh| + 64 below vh = -64 and the product rescaled by e^-64.  (The
 * formula's own 1 + tanh(u) cancels for x < 0; a Sleef_tanhf composition
 * of it would lose the whole negative tail, so the peer is the sigmoid
 * form too.) */
#include "../api/actbench.h"
#include "../reference/gelu_tanh.h"
#include "kernels/act_constants.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/lanes.h"
#include "kernels/sigmoid.h"
#include "kernels/sleef.h"
#include "kernels/tails.h"
#include <math.h>
#include <stdint.h>

#define GT_OWN_BOUND 5       /* sampled 3.83; every f32 input: 4.62 at -0x1.5fd4bap+1 */
#define GT_SLEEF_BOUND 5     /* sampled 3.83; every f32 input: 4.62 */

/* v = K x (1 + C x^2) in double for 8 lanes, split to vh + vl */
AB_AVX512_INLINE __m512d gt_v_f64x8(__m256 xs) {
    __m512d xd = _mm512_cvtps_pd(xs);
    __m512d a = _mm512_fmadd_pd(_mm512_set1_pd(ab_gelu_tanh_kc.c_hi), _mm512_mul_pd(xd, xd), _mm512_set1_pd(1.0));
    return _mm512_mul_pd(_mm512_mul_pd(xd, a), _mm512_set1_pd(ab_gelu_tanh_kc.k_hi));
}
AB_AVX512_INLINE __m512 gt16_split(__m512 x, __m512 *vl) {
    __m256 xlo = _mm512_castps512_ps256(x);
    __m256 xhi = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x), 1));
    __m512d vlo = gt_v_f64x8(xlo), vhi = gt_v_f64x8(xhi);
    __m256 hlo = _mm512_cvtpd_ps(vlo), hhi = _mm512_cvtpd_ps(vhi);
    __m256 llo = _mm512_cvtpd_ps(_mm512_sub_pd(vlo, _mm512_cvtps_pd(hlo)));
    __m256 lhi = _mm512_cvtpd_ps(_mm512_sub_pd(vhi, _mm512_cvtps_pd(hhi)));
    *vl = _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(llo)), _mm256_castps_pd(lhi), 1));
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(hlo)), _mm256_castps_pd(hhi), 1));
}
AB_AVX2_INLINE __m256d gt_v_f64x4(__m128 xs) {
    __m256d xd = _mm256_cvtps_pd(xs);
    __m256d a = _mm256_fmadd_pd(_mm256_set1_pd(ab_gelu_tanh_kc.c_hi), _mm256_mul_pd(xd, xd), _mm256_set1_pd(1.0));
    return _mm256_mul_pd(_mm256_mul_pd(xd, a), _mm256_set1_pd(ab_gelu_tanh_kc.k_hi));
}
AB_AVX2_INLINE __m256 gt8_split(__m256 x, __m256 *vl) {
    __m256d vlo = gt_v_f64x4(_mm256_castps256_ps128(x)), vhi = gt_v_f64x4(_mm256_extractf128_ps(x, 1));
    __m128 hlo = _mm256_cvtpd_ps(vlo), hhi = _mm256_cvtpd_ps(vhi);
    __m128 llo = _mm256_cvtpd_ps(_mm256_sub_pd(vlo, _mm256_cvtps_pd(hlo)));
    __m128 lhi = _mm256_cvtpd_ps(_mm256_sub_pd(vhi, _mm256_cvtps_pd(hhi)));
    *vl = _mm256_set_m128(lhi, llo);
    return _mm256_set_m128(hhi, hlo);
}

/* sleef: 0 own exp parts, 1 Sleef_expf16_u10 */
AB_AVX512_INLINE __m512 gt16(__m512 x, const int sleef) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 vl, vh = gt16_split(x, &vl);
    __mmask16 neg = _mm512_cmp_ps_mask(vh, _mm512_setzero_ps(), _CMP_LT_OQ);
    /* 1 - sign(vh) vl */
    __m512 corr = _mm512_sub_ps(one, _mm512_mask_sub_ps(vl, neg, _mm512_setzero_ps(), vl));
    __m512 y;
    if (!sleef) {
        __m512 kf, p = ab_v16_exp_parts_f32(ab_v16_negabs_f32(vh), -120.0f, &kf);
        /* x < -11 gets -0 from the last scaling, which it skips (an
         * underflow to -0, a microcode assist, for x in [-200, -11]);
         * x >= -10: v <= -87.3 at most, |y| >= 10 e^-87.3 > 2^-123,
         * normal */
        y = ab_v16_x_sigmoid_parts_f32(x, _mm512_mul_ps(p, corr), kf, neg, -10.0f, -11.0f,
                                       _mm512_set1_ps(-0.0f));
    } else {
        __mmask16 deep = _mm512_cmp_ps_mask(vh, _mm512_set1_ps(-64.0f), _CMP_LT_OQ);
        __m512 a = ab_v16_negabs_f32(vh);
        a = _mm512_mask_add_ps(a, deep, a, _mm512_set1_ps(64.0f));
        __m512 e = _mm512_mul_ps(Sleef_expf16_u10avx512f(a), corr);
        __m512 num = _mm512_mask_blend_ps(neg, one, e);
        y = _mm512_mul_ps(x, _mm512_div_ps(num, _mm512_add_ps(one, e)));
        y = _mm512_mask_mul_ps(y, deep, _mm512_mul_ps(x, e), _mm512_set1_ps(ab_em64.f32));
        y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-11.0f), _CMP_LT_OQ), y,
                                 _mm512_set1_ps(-0.0f));
    }
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(6.0f), _CMP_GT_OQ), y, x);
    y = _mm512_max_ps(_mm512_set1_ps(AB_GELU_TANH_MIN32), y); /* NaN: vmaxps returns y */
    return ab_v16_half_tiny_f32(x, y);
}
AB_AVX2_INLINE __m256 gt8(__m256 x, const int sleef) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 vl, vh = gt8_split(x, &vl);
    __m256 neg = _mm256_cmp_ps(vh, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 corr = _mm256_sub_ps(one, _mm256_xor_ps(vl, _mm256_and_ps(neg, _mm256_set1_ps(-0.0f))));
    __m256 y;
    if (!sleef) {
        __m256 kf, p = ab_v8_exp_parts_f32(ab_v8_negabs_f32(vh), -120.0f, &kf);
        y = ab_v8_x_sigmoid_parts_f32(x, _mm256_mul_ps(p, corr), kf, neg);
    } else {
        __m256 deep = _mm256_cmp_ps(vh, _mm256_set1_ps(-64.0f), _CMP_LT_OQ);
        __m256 a = ab_v8_negabs_f32(vh);
        a = _mm256_blendv_ps(a, _mm256_add_ps(a, _mm256_set1_ps(64.0f)), deep);
        __m256 e = _mm256_mul_ps(Sleef_expf8_u10avx2(a), corr);
        __m256 num = _mm256_blendv_ps(one, e, neg);
        y = _mm256_mul_ps(x, _mm256_div_ps(num, _mm256_add_ps(one, e)));
        y = _mm256_blendv_ps(y, _mm256_mul_ps(_mm256_mul_ps(x, e), _mm256_set1_ps(ab_em64.f32)), deep);
    }
    y = _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, _mm256_set1_ps(6.0f), _CMP_GT_OQ));
    y = _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-11.0f), _CMP_LT_OQ));
    y = _mm256_max_ps(_mm256_set1_ps(AB_GELU_TANH_MIN32), y);
    return ab_v8_half_tiny_f32(x, y);
}
AB_AVX512_INLINE __m512 gt16_own(__m512 x) { return gt16(x, 0); }
AB_AVX512_INLINE __m512 gt16_sleef(__m512 x) { return gt16(x, 1); }
AB_AVX2_INLINE __m256 gt8_own(__m256 x) { return gt8(x, 0); }
AB_AVX2_INLINE __m256 gt8_sleef(__m256 x) { return gt8(x, 1); }
AB_V16_BATCH_F32(avx512_own_batch, gt16_own)
AB_V8_BATCH_F32(avx2_own_batch, gt8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, gt16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, gt8_sleef)

static const ab_variant gelu_tanh_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-div", AB_VECTOR, "avx512f", GT_OWN_BOUND, "x*sigmoid(v), v=2sqrt(2/pi)x(1+0.044715x^2) in double -> vh+vl; e^-|v|=p*2^k*(1-+vl) (rr1,p6); scalef tail; max(min f, y)", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-div", AB_VECTOR, "avx2", GT_OWN_BOUND, "x*sigmoid(v), v=2sqrt(2/pi)x(1+0.044715x^2) in double -> vh+vl; e^-|v|=p*2^k*(1-+vl) (rr1,p6); 2-step scaling tail; max(min f, y)", avx2_own_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", GT_SLEEF_BOUND, "x*sigmoid(v) as own, e^-|vh| by Sleef_expf16_u10; vh<-64: e^(vh+64), *e^-64; max(min f, y)", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", GT_SLEEF_BOUND, "x*sigmoid(v) as own, e^-|vh| by Sleef_expf8_u10; vh<-64: e^(vh+64), *e^-64; max(min f, y)", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("gelu_tanh", gelu_tanh_simd_variants)

/* portable: plain C the compiler vectorizes (impls/kernels/exp.h), the
 * own kernels' recipe: v = K x (1 + C x^2) in double, split vh + vl;
 * e^-|vh| = p 2^n (rr1, p6, clamped at -120), p (1 -+ vl), e = p 2^n;
 * vh >= 0: x (1 / (1 + e)); vh < 0: (x (p / (1 + e))) 2^n in two steps;
 * x > 6: x; x < -11: -0; clamped at AB_GELU_TANH_MIN32; |x| < 2^-60: the
 * x/2 tie rule.  `gcc -std=c17 -O2
 * -fopt-info-vec -c impls/gelu_tanh_simd.c` reports "loop vectorized using
 * 16 byte vectors" for the chunk loop of portable_f32_batch (float and
 * double lanes). */
#define GT_PORTABLE_BOUND 5  /* sampled 3.83; every f32 input: 4.62 */
static inline float gt_portable(float x) {
    double xd = x, vd = (xd * (1.0 + ab_gelu_tanh_kc.c_hi * (xd * xd))) * ab_gelu_tanh_kc.k_hi;
    float vh = (float)vd, vl = (float)(vd - (double)vh);
    int neg = vh < 0.0f;
    float corr = 1.0f - ab_psel_f32(neg, -vl, vl);
    int32_t n;
    float p = ab_pexp_parts_f32(-fabsf(vh), -120.0f, &n) * corr;
    float y = ab_px_sigmoid_parts_f32(x, p, n, neg);
    y = ab_psel_f32(x > 6.0f, x, y);
    y = ab_psel_f32(x < -11.0f, -0.0f, y);
    y = ab_psel_f32(y < AB_GELU_TANH_MIN32, AB_GELU_TANH_MIN32, y); /* (NaN: false, y) */
    return ab_psel_f32(fabsf(x) < 0x1p-60f, ab_phalf_tiny_f32(x), y);
}
AB_PORTABLE_BATCH_F32(portable_f32_batch, gt_portable)
static const ab_variant gelu_tanh_portable_variants[] = {
    AB_VARIANT("portable-rr1-p6", AB_VECTOR, "scalar", GT_PORTABLE_BOUND, "plain C the compiler vectorizes: x*sigmoid(v), v in double -> vh+vl; e^-|v|=p*2^n*(1-+vl) (rr1,p6); two-step scaling tail; max(min f, y)", portable_f32_batch),
};
AB_REGISTER_VARIANTS("gelu_tanh", gelu_tanh_portable_variants)
