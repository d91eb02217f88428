/* expm1.h: e^x - 1 kernels, scalar (approx), AVX2+FMA, AVX-512F and
 * portable.
 *
 * Scalar (ab_expm1_approx_*, on top of ab_exp_approx_*):
 * |x| <= 0.7: Taylor polynomial x + x^2 (1/2 + x/6 + ...), of degree 10
 * (f32) / 17 (f64): the first dropped term, x^11/11! / x^18/18! at 0.7, is
 * 2^-30 / 2^-61 relative to |x|.  Writing it as x + x^2 q(x) keeps the
 * leading term exact: the correction is at most 0.43 |x|, so the result
 * carries about one rounding.  This is where e^x - 1 would cancel (it
 * loses log2(1/|x|) bits).
 * |x| > 0.7: e^x - 1 no longer cancels badly (e^x <= 0.5 or >= 2; for
 * e^x <= 0.5 the subtraction is exact by Sterbenz up to its final rounding,
 * for e^x >= 2 the error of e^x is at most doubled relative to the result).
 * +-0 is returned as is (x + x^2 q would turn -0 into +0).
 *
 * Vector and portable (every x): the exp reduction x = k ln2 + r (rr1,
 * |r| <= ln2/2), t = e^r - 1 = r + r^2 q(r) (the p6 polynomial without its
 * leading 1), and, with s = 2^(k-1),
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
 * (x^2/2 < ulp(x)/2 there). */
#ifndef AB_KERNELS_EXPM1_H
#define AB_KERNELS_EXPM1_H

#include <math.h>
#include <stddef.h>
#include "exp.h"
#include "lanes.h"

static inline float ab_expm1_approx_f32(float x) {
    if (x == 0 || x != x) return x + x;  /* +-0 (and -0 + -0 = -0), NaN */
    if (fabsf(x) > 0.7f) return ab_exp_approx_f32(x) - 1.0f;
    if (fabsf(x) < 0x1p-25f) return x;  /* x^2/2 < 2^-26 |x|, under half an ulp of x either way: the
                                           path below rounds to x too, through subnormal x^2 (assists) */
    float q = 1.0f / 3628800;
    q = 1.0f / 362880 + x * q;
    q = 1.0f / 40320 + x * q;
    q = 1.0f / 5040 + x * q;
    q = 1.0f / 720 + x * q;
    q = 1.0f / 120 + x * q;
    q = 1.0f / 24 + x * q;
    q = 1.0f / 6 + x * q;
    q = 0.5f + x * q;
    return x + (x * x) * q;
}

static inline double ab_expm1_approx_f64(double x) {
    if (x == 0 || x != x) return x + x;
    if (fabs(x) > 0.7) return ab_exp_approx_f64(x) - 1.0;
    /* 1/n! for n = 17 down to 3, folded at compile time; each is within
     * 2^-53 relative, which the x^n weighting makes negligible. */
    static const double inv_fact[] = {
        1.0 / 355687428096000.0, 1.0 / 20922789888000.0, 1.0 / 1307674368000.0,
        1.0 / 87178291200.0, 1.0 / 6227020800.0, 1.0 / 479001600.0,
        1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0};
    double q = inv_fact[0];
    for (size_t i = 1; i < sizeof inv_fact / sizeof inv_fact[0]; i++) q = inv_fact[i] + x * q;
    q = 0.5 + x * q;
    return x + (x * x) * q;
}

/* nonpos: the caller only uses lanes with x <= 0 or NaN (selu), which
 * drops the overflow clamp and fix-up. */

AB_AVX512_INLINE __m512 ab_v16_expm1_f32(__m512 x, const int nonpos) {
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(-18.0f));  /* NaN -> -18, blended back */
    xc = _mm512_min_ps(xc, _mm512_set1_ps(nonpos ? 0.0f : 89.0f));
    __m512 k;
    __m512 t = ab_v16_exp_em1_f32(xc, 6, &k);
    __m512 s = _mm512_scalef_ps(_mm512_set1_ps(0.5f), k);              /* 2^(k-1) */
    __m512 y = _mm512_fmadd_ps(s, t, _mm512_sub_ps(s, _mm512_set1_ps(0.5f)));
    y = _mm512_add_ps(y, y);
    if (!nonpos)
        y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(ab_exp_f32_rr.ovf), _CMP_GT_OQ),
                                 y, _mm512_set1_ps((float)INFINITY));
    /* |x| < 2^-24 (LT_OQ: NaN fails) or NaN: x itself */
    __mmask16 keep = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(0x1p-24f), _CMP_LT_OQ) |
                     _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_ps(keep, y, x);
}

AB_AVX2_INLINE __m256 ab_v8_expm1_f32(__m256 x, const int nonpos) {
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(-18.0f));
    xc = _mm256_min_ps(xc, _mm256_set1_ps(nonpos ? 0.0f : 89.0f));
    __m256 k;
    __m256 t = ab_v8_exp_em1_f32(xc, 6, &k);
    /* k in [-26, 128]: k - 1 in [-27, 127], a normal exponent */
    __m256 s = ab_v8_pow2i_f32(_mm256_sub_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(1)));
    __m256 y = _mm256_fmadd_ps(s, t, _mm256_sub_ps(s, _mm256_set1_ps(0.5f)));
    y = _mm256_add_ps(y, y);
    if (!nonpos)
        y = _mm256_blendv_ps(y, _mm256_set1_ps((float)INFINITY),
                             _mm256_cmp_ps(x, _mm256_set1_ps(ab_exp_f32_rr.ovf), _CMP_GT_OQ));
    __m256 keep = _mm256_or_ps(_mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(0x1p-24f), _CMP_LT_OQ),
                               _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_ps(y, x, keep);
}

/* e^x - 1, every x: the recipe at the top of this file, without FMA (s t
 * is exact anyway: s = 2^(n-1) is a power of two). */
AB_SCALAR_INLINE float ab_pexpm1_f32(float x) {
    float xc = ab_psel_f32(x < -18.0f, -18.0f, x);
    xc = ab_psel_f32(xc > 89.0f, 89.0f, xc);
    int32_t n;
    float t = ab_pexp_em1_f32(xc, &n);
    float s = ab__pow2_f32(n - 1);   /* n - 1 in [-27, 127] */
    float y = s * t + (s - 0.5f);
    y = y + y;
    y = ab_psel_f32(x > ab_exp_f32_rr.ovf, (float)INFINITY, y);
    /* |x| < 2^-24 (NaN fails) and NaN (x != x): x itself */
    return ab_psel_f32((fabsf(x) < 0x1p-24f) | (x != x), x, y);
}

#endif /* AB_KERNELS_EXPM1_H */
