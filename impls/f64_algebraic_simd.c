/* f64 vector kernels (AVX-512F, 8 lanes; AVX2+FMA, 4 lanes) for the
 * algebraic activations: softsign x/(1 + |x|), multiquadric sqrt(x^2 + 1)
 * and inv_multiquadric 1/sqrt(x^2 + 1).  No table, no polynomial: each is
 * two or three correctly rounded operations, so the error is a sum of
 * half-ulps (bounds measured below, with the analysis beside each).
 * Registered into each activation with AB_REGISTER_VARIANTS. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/lanes.h"
#include <math.h>

/* ---- softsign: impls/softsign.c's stable recipe: d + e = 1 + |x| exactly
 * (Fast2Sum, the larger operand first), q = RN(x/d), r = x - q d exactly
 * (FMA), y = q + (r - q e)/d: the quotient of x by the exact 1 + |x|
 * corrected to within a small fraction of an ulp, so y is faithful and
 * monotone (a plain RN(x / RN(1 + |x|)) rounds twice and loses order near
 * 2^53, where 1 + |x| starts to round).  +-inf: copysign(1, x) (inf/inf
 * would be NaN).  +-0: x itself (the correction's +0 would turn -0 into
 * +0).  NaN: NaN. */
AB_AVX512_INLINE __m512d softsign8d(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d a = _mm512_abs_pd(x), d = _mm512_add_pd(one, a);
    __m512d e = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(a, one, _CMP_LE_OQ), _mm512_sub_pd(one, _mm512_sub_pd(d, a)),
                                     _mm512_sub_pd(a, _mm512_sub_pd(d, one)));
    __m512d q = _mm512_div_pd(x, d), r = _mm512_fnmadd_pd(q, d, x);
    __m512d y = _mm512_add_pd(q, _mm512_div_pd(_mm512_fnmadd_pd(q, e, r), d));
    y = _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(a, _mm512_setzero_pd(), _CMP_EQ_OQ), x);
    return _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(a, _mm512_set1_pd(INFINITY), _CMP_EQ_OQ),
                              ab_v8_copysign_f64(one, x));
}
AB_AVX2_INLINE __m256d softsign4d(__m256d x) {
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d a = ab_v4_abs_f64(x), d = _mm256_add_pd(one, a);
    __m256d e = _mm256_blendv_pd(_mm256_sub_pd(one, _mm256_sub_pd(d, a)), _mm256_sub_pd(a, _mm256_sub_pd(d, one)),
                                 _mm256_cmp_pd(a, one, _CMP_LE_OQ));
    __m256d q = _mm256_div_pd(x, d), r = _mm256_fnmadd_pd(q, d, x);
    __m256d y = _mm256_add_pd(q, _mm256_div_pd(_mm256_fnmadd_pd(q, e, r), d));
    y = _mm256_blendv_pd(y, x, _mm256_cmp_pd(a, _mm256_setzero_pd(), _CMP_EQ_OQ));
    return _mm256_blendv_pd(y, ab_v4_copysign_f64(one, x), _mm256_cmp_pd(a, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ));
}
AB_V8_BATCH_F64_512(softsign_avx512_batch, softsign8d)
AB_V4_BATCH_F64(softsign_avx2_batch, softsign4d)

/* ---- multiquadric: sqrt(RN(x^2 + 1)) (one FMA rounding, u, halved by the
 * square root, plus its own rounding).  |x| > 2^27: sqrt(x^2 + 1) = |x| (1 +
 * 1/(2x^2) - ...), within 2^-55 relative of |x|: |x| is the rounded
 * result, and x^2 cannot overflow (above 2^511 it would).  +-inf: inf.
 * NaN: NaN (the comparison is false).  inv_multiquadric: 1/that, one more
 * rounding; |x| > 2^27: RN(1/|x|); +-inf: +0. */
AB_AVX512_INLINE __m512d mq8d(__m512d x, const int inv) {
    __m512d a = _mm512_abs_pd(x);
    __m512d s = _mm512_sqrt_pd(_mm512_fmadd_pd(x, x, _mm512_set1_pd(1.0)));
    s = _mm512_mask_mov_pd(s, _mm512_cmp_pd_mask(a, _mm512_set1_pd(0x1p27), _CMP_GT_OQ), a);
    return inv ? _mm512_div_pd(_mm512_set1_pd(1.0), s) : s;
}
AB_AVX2_INLINE __m256d mq4d(__m256d x, const int inv) {
    __m256d a = ab_v4_abs_f64(x);
    __m256d s = _mm256_sqrt_pd(_mm256_fmadd_pd(x, x, _mm256_set1_pd(1.0)));
    s = _mm256_blendv_pd(s, a, _mm256_cmp_pd(a, _mm256_set1_pd(0x1p27), _CMP_GT_OQ));
    return inv ? _mm256_div_pd(_mm256_set1_pd(1.0), s) : s;
}
AB_AVX512_INLINE __m512d mq8d_0(__m512d x) { return mq8d(x, 0); }
AB_AVX512_INLINE __m512d imq8d(__m512d x) { return mq8d(x, 1); }
AB_AVX2_INLINE __m256d mq4d_0(__m256d x) { return mq4d(x, 0); }
AB_AVX2_INLINE __m256d imq4d(__m256d x) { return mq4d(x, 1); }
AB_V8_BATCH_F64_512(mq_avx512_batch, mq8d_0)
AB_V4_BATCH_F64(mq_avx2_batch, mq4d_0)
AB_V8_BATCH_F64_512(imq_avx512_batch, imq8d)
AB_V4_BATCH_F64(imq_avx2_batch, imq4d)

/* ---- registration: sampled maxima (`actbench sweep --precision f64
 * --samples 1000000 --search`, every range), bounds with a margin */
#define SOFTSIGN_F64_BOUND 0.75 /* 0.49999999999999994: correctly rounded on every sample */
#define MQ_F64_BOUND 1.0        /* 0.8306 at 0x1.7197bf013147dp+10 */
#define IMQ_F64_BOUND 2.25      /* 1.9462 at -0x1.bd2373ad5c239p-8 */

static const ab_variant softsign_f64_variants[] = {
    AB_VARIANT("avx512-twosum-div-corr", AB_VECTOR, "avx512f", SOFTSIGN_F64_BOUND, "q=x/d, d+e=1+|x| (Fast2Sum), r=fma(-q,d,x); q+(r-q*e)/d; +-inf: +-1", softsign_avx512_batch),
    AB_VARIANT("avx2-twosum-div-corr", AB_VECTOR, "avx2", SOFTSIGN_F64_BOUND, "q=x/d, d+e=1+|x| (Fast2Sum), r=fma(-q,d,x); q+(r-q*e)/d; +-inf: +-1", softsign_avx2_batch),
};
AB_REGISTER_VARIANTS("softsign", softsign_f64_variants)
static const ab_variant mq_f64_variants[] = {
    AB_VARIANT("avx512-fma-sqrt", AB_VECTOR, "avx512f", MQ_F64_BOUND, "sqrt(fma(x,x,1)); |x|>2^27: |x|", mq_avx512_batch),
    AB_VARIANT("avx2-fma-sqrt", AB_VECTOR, "avx2", MQ_F64_BOUND, "sqrt(fma(x,x,1)); |x|>2^27: |x|", mq_avx2_batch),
};
AB_REGISTER_VARIANTS("multiquadric", mq_f64_variants)
static const ab_variant imq_f64_variants[] = {
    AB_VARIANT("avx512-fma-sqrt-div", AB_VECTOR, "avx512f", IMQ_F64_BOUND, "1/sqrt(fma(x,x,1)); |x|>2^27: 1/|x|", imq_avx512_batch),
    AB_VARIANT("avx2-fma-sqrt-div", AB_VECTOR, "avx2", IMQ_F64_BOUND, "1/sqrt(fma(x,x,1)); |x|>2^27: 1/|x|", imq_avx2_batch),
};
AB_REGISTER_VARIANTS("inv_multiquadric", imq_f64_variants)
