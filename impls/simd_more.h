/*
 * simd_more.h -- more vector (AVX2+FMA, AVX-512F) and portable kernels on
 * top of simd_math.h, for impls/{exp,expm1,selu,log_sigmoid,gaussian}_simd.c.
 * Same recipes and coefficients (approx_math.h's rr1 p6 exp).
 *
 * expm1 (every x): the exp reduction x = k ln2 + r (rr1, |r| <= ln2/2),
 * t = e^r - 1 = r + r^2 q(r) (the p6 polynomial without its leading 1, as
 * impls/elu_simd.c), and, with s = 2^(k-1),
 *     e^x - 1 = 2 (s t + (s - 1/2)).
 * s t is exact (s a power of two, t normal), s - 1/2 is exact for
 * -24 <= k <= 24 (outside, its rounding is under 2^-25 of the result, or
 * e^x - 1 rounds to -1 anyway), so the sum is one rounding and the final
 * doubling is exact -- or overflows to inf where e^x - 1 does.  Using
 * 2^(k-1) rather than 2^k keeps k = 128 (x in [88.38, 88.72], still
 * finite) representable.  x is clamped to [-18, 89] (e^x - 1 rounds to -1
 * below -17.33), x > OVF gives +inf, NaN is blended back, and |x| < 2^-24
 * (+-0 and the subnormals included, where the sum above would not keep
 * -0 or a subnormal t) returns x itself, the correctly rounded result
 * (x^2/2 < ulp(x)/2 there).
 */
#ifndef AB_SIMD_MORE_H
#define AB_SIMD_MORE_H

#include "simd_math.h"

/* ======================================================================== */
/* expm1 f32                                                                */
/* ======================================================================== */
/* nonpos: the caller only uses lanes with x <= 0 or NaN (selu), which
 * drops the overflow clamp and fix-up. */

AB_AVX512_INLINE __m512 ab_v16_expm1_f32(__m512 x, const int nonpos) {
    const __m512 shift = _mm512_set1_ps(0x1.8p23f);
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(-18.0f));  /* NaN -> -18, blended back */
    xc = _mm512_min_ps(xc, _mm512_set1_ps(nonpos ? 0.0f : 89.0f));
    __m512 k = _mm512_sub_ps(_mm512_fmadd_ps(xc, _mm512_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm512_fnmadd_ps(k, _mm512_set1_ps(AB_EXP_F32_LN2LO), r);
    __m512 q;
    AB__EXP_F32_POLY(_mm512_mul_ps, _mm512_add_ps, _mm512_fmadd_ps, _mm512_set1_ps, r, 6, q);
    __m512 t = _mm512_fmadd_ps(_mm512_mul_ps(r, r), q, r);
    __m512 s = _mm512_scalef_ps(_mm512_set1_ps(0.5f), k);              /* 2^(k-1) */
    __m512 y = _mm512_fmadd_ps(s, t, _mm512_sub_ps(s, _mm512_set1_ps(0.5f)));
    y = _mm512_add_ps(y, y);
    if (!nonpos)
        y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(AB_EXP_F32_OVF), _CMP_GT_OQ),
                                 y, _mm512_set1_ps((float)INFINITY));
    /* |x| < 2^-24 (LT_OQ: NaN fails) or NaN: x itself */
    __mmask16 keep = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(0x1p-24f), _CMP_LT_OQ) |
                     _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_ps(keep, y, x);
}

AB_AVX2_INLINE __m256 ab_v8_expm1_f32(__m256 x, const int nonpos) {
    const __m256 shift = _mm256_set1_ps(0x1.8p23f);
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(-18.0f));
    xc = _mm256_min_ps(xc, _mm256_set1_ps(nonpos ? 0.0f : 89.0f));
    __m256 k = _mm256_sub_ps(_mm256_fmadd_ps(xc, _mm256_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm256_fnmadd_ps(k, _mm256_set1_ps(AB_EXP_F32_LN2LO), r);
    __m256 q;
    AB__EXP_F32_POLY(_mm256_mul_ps, _mm256_add_ps, _mm256_fmadd_ps, _mm256_set1_ps, r, 6, q);
    __m256 t = _mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r);
    /* k in [-26, 128]: k - 1 in [-27, 127], a normal exponent */
    __m256 s = ab_v8_pow2i_f32(_mm256_sub_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(1)));
    __m256 y = _mm256_fmadd_ps(s, t, _mm256_sub_ps(s, _mm256_set1_ps(0.5f)));
    y = _mm256_add_ps(y, y);
    if (!nonpos)
        y = _mm256_blendv_ps(y, _mm256_set1_ps((float)INFINITY),
                             _mm256_cmp_ps(x, _mm256_set1_ps(AB_EXP_F32_OVF), _CMP_GT_OQ));
    __m256 keep = _mm256_or_ps(_mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(0x1p-24f), _CMP_LT_OQ),
                               _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_ps(y, x, keep);
}

/* ======================================================================== */
/* Portable kernels (plain branch-free C, see simd_math.h's portable part) */
/* ======================================================================== */

/* Shared reduction: xc already clamped to [-104, 89] (or NaN).  Returns
 * t = e^r - 1 (r + r^2 q) and n = round(xc / ln2), read from the
 * shifter's bits (no float->int conversion of NaN). */
static inline float ab_pexp_reduce_f32(float xc, int32_t *n) {
    const float shift = 0x1.8p23f;
    float kt = xc * AB_EXP_F32_INVLN2 + shift;
    float kf = kt - shift;
    float r = (xc - kf * AB_EXP_F32_LN2HI) - kf * AB_EXP_F32_LN2LO;
    float q = AB_EXP_F32_C2 + r * (AB_EXP_F32_C3 + r * (AB_EXP_F32_C4 + r * (AB_EXP_F32_C5 + r * AB_EXP_F32_C6)));
    *n = (int32_t)(ab__f32_to_bits(kt) - 0x4B400000u); /* kt = 1.5*2^23 + n exactly */
    return r + (r * r) * q;
}

/* v 2^n for n in [-150, 128], in two steps (v 2^(n/2) is exact for v
 * normal, so this is one rounding, into the subnormals or to inf). */
static inline float ab_pscale_f32(float v, int32_t n) {
    int32_t n1 = n / 2, n2 = n - n1;          /* both in [-75, 64] */
    return (v * ab__f32_from_bits((uint32_t)(n1 + 127) << 23)) * ab__f32_from_bits((uint32_t)(n2 + 127) << 23);
}

/* e^x, every x: clamp to [-104, 89] by selects, p 2^n, x > OVF -> +inf.
 * NaN fails both clamp tests and the overflow test and propagates. */
static inline float ab_pexp_f32(float x) {
    float xc = ab_psel_f32(x < -104.0f, -104.0f, x);
    xc = ab_psel_f32(xc > 89.0f, 89.0f, xc);
    int32_t n;
    float p = 1.0f + ab_pexp_reduce_f32(xc, &n);
    return ab_psel_f32(x > AB_EXP_F32_OVF, (float)INFINITY, ab_pscale_f32(p, n));
}

/* e^x - 1, every x: the recipe at the top of this file, without FMA (s t
 * is exact anyway: s = 2^(n-1) is a power of two). */
static inline float ab_pexpm1_f32(float x) {
    float xc = ab_psel_f32(x < -18.0f, -18.0f, x);
    xc = ab_psel_f32(xc > 89.0f, 89.0f, xc);
    int32_t n;
    float t = ab_pexp_reduce_f32(xc, &n);
    float s = ab__f32_from_bits((uint32_t)(n - 1 + 127) << 23);   /* n - 1 in [-27, 127] */
    float y = s * t + (s - 0.5f);
    y = y + y;
    y = ab_psel_f32(x > AB_EXP_F32_OVF, (float)INFINITY, y);
    /* |x| < 2^-24 (NaN fails) and NaN (x != x): x itself */
    return ab_psel_f32((fabsf(x) < 0x1p-24f) | (x != x), x, y);
}

/* ======================================================================== */
/* v 2^k rounded into the subnormals by integer conversion                  */
/* ======================================================================== */
/* For 0 <= v < 2 and an integer-valued kf in [-150, 0]: where k <= -126
 * the result v 2^k < 2^-125 is m 2^-149 with m = round(v 2^(k+149)) <
 * 2^24, and the float whose bits are the integer m is exactly that
 * (exponent field 0 or 1: subnormal, or the first normal binade, both
 * m 2^-149).  v 2^(k+149) is normal and exact, and the conversion rounds
 * to nearest even (MXCSR default) once: the correctly rounded v 2^k, with
 * no subnormal floating-point operation (which costs a microcode assist
 * per instruction on Intel cores).  The other lanes scale by 2^max(k,-126)
 * (normal, exact up to its one rounding). */
AB_AVX512_INLINE __m512 ab_v16_scale_sub_f32(__m512 v, __m512 kf) {
    __mmask16 sub = _mm512_cmp_ps_mask(kf, _mm512_set1_ps(-125.5f), _CMP_LT_OQ);
    __m512 yn = _mm512_scalef_ps(v, _mm512_max_ps(kf, _mm512_set1_ps(-126.0f)));
    __m512 ys = _mm512_scalef_ps(v, _mm512_add_ps(kf, _mm512_set1_ps(149.0f)));
    return _mm512_mask_blend_ps(sub, yn, _mm512_castsi512_ps(_mm512_cvtps_epi32(ys)));
}
AB_AVX2_INLINE __m256 ab_v8_scale_sub_f32(__m256 v, __m256 kf) {
    __m256i n = _mm256_cvtps_epi32(kf);
    __m256i sub = _mm256_cmpgt_epi32(_mm256_set1_epi32(-125), n);
    __m256 yn = _mm256_mul_ps(v, ab_v8_pow2i_f32(_mm256_max_epi32(n, _mm256_set1_epi32(-126))));
    __m256 ys = _mm256_mul_ps(v, ab_v8_pow2i_f32(_mm256_add_epi32(n, _mm256_set1_epi32(149))));
    return _mm256_blendv_ps(yn, _mm256_castsi256_ps(_mm256_cvtps_epi32(ys)), _mm256_castsi256_ps(sub));
}
/* Portable: the same (v NaN gives +0: the caller keeps NaN); round(y) for y < 2^23 as (y + 2^23) - 2^23 (exact
 * in [2^23, 2^24), where the ulp is 1), and y >= 2^23 is an integer. */
static inline float ab_pscale_sub_f32(float v, int32_t n) {
    int32_t nn = n < -126 ? -126 : n;
    float yn = v * ab__f32_from_bits((uint32_t)(nn + 127) << 23);
    float ys = v * ab__f32_from_bits((uint32_t)(n + 149 + 127) << 23);
    float yr = ab_psel_f32(ys < 0x1p23f, (ys + 0x1p23f) - 0x1p23f, ys);
    yr = ab_psel_f32(yr < 0x1p24f, yr, 0.0f);  /* NaN (and inf) lanes: no UB in the cast; the caller selects them */
    return ab_psel_f32(n < -125, ab__f32_from_bits((uint32_t)(int32_t)yr), yn);
}

#endif /* AB_SIMD_MORE_H */
