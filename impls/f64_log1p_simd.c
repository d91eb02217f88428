/* f64 vector log1p (AVX-512F, 8 lanes; AVX2+FMA, 4 lanes): the one smooth
 * activation whose f64 vector kernel is a reduction plus an existing core.
 *
 * x in [-1/4, 1/2): log1p(x) = w + lo from kernels/log1p.h's atanh form
 * (f = x, no rounding before it).
 * Otherwise (x > -1): s + e = 1 + x exactly (Fast2Sum, larger operand
 * first), s = 2^m mant with mant in [0.75, 1.5) (integer ops on the bits;
 * s >= 2^-53 is normal), f = mant - 1 exact (Sterbenz), and
 *     log1p(x) = m ln2 + log1p(f) + log1p(e/s),   log1p(e/s) = e/s (1 + d),
 * |d| <= 2^-53 (|e/s| <= 2^-53).  m != 0 here (s >= 1.5 or s < 0.75), so
 * |m ln2hi| >= 0.69 > |w| (w in [-2/7, 2/5]) and hi + eh = m ln2hi + w
 * exactly (Fast2Sum); m ln2hi is exact (ln2hi has 42 bits, |m| <= 1024).
 * |result| >= log(4/3) = 0.288, so eh, w's low part, m ln2lo and e/s
 * together are a few 2^-53 of it and their roundings ~2^-100: the error is
 * essentially the core's low-part error times |w/result| <= 1.4, plus the
 * last rounding of hi + lo (bound measured below).
 * Edges: |x| < 2^-54 (+-0, subnormals, where x^2/2 < ulp(x)/4): x; x = -1:
 * -inf; x < -1: NaN; +inf: +inf; NaN: NaN. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/lanes.h"
#include "kernels/log1p.h"
#include <math.h>

/* ln2 = ln2hi + ln2lo: ln2hi is ln2 with its low 11 bits cleared, ln2lo =
 * RN(ln2 - ln2hi) (python3 + mpmath, 200 bits). */
static const struct { double ln2hi, ln2lo, c075, off, tiny, lo_x, hi_x; } ab_l1p = {
    .ln2hi = 0x1.62e42fefa3800p-1,
    .ln2lo = 0x1.ef35793c76730p-45,
    .c075 = 0x1.8p-1,   /* mant's lower end: bits(s) - bits(0.75) >> 52 = m */
    .off = 0x1.8p+52,   /* m + off is exact: m from the low bits */
    .tiny = 0x1p-54,
    .lo_x = -0x1p-2,    /* direct path: x in [-1/4, 1/2) */
    .hi_x = 0x1p-1,
};

/* s = RN(1 + x) >= 2^-53 (x > -1), e its rounding error: 2^m mant with
 * mant in [0.75, 1.5); *mf = m.  m + 1023 = (bits(s) - bits(0.75) +
 * (1023 << 52)) >> 52 (logical: nonnegative), and mant's bits are s's with
 * m taken off the exponent. */
AB_AVX512_INLINE __m512d l1p_split8(__m512d s, __m512d *mf) {
    const __m512i b = _mm512_castpd_si512(s), bias = _mm512_set1_epi64(1023LL << 52);
    __m512i mb = _mm512_srli_epi64(_mm512_add_epi64(_mm512_sub_epi64(b, _mm512_castpd_si512(
                                       _mm512_set1_pd(ab_l1p.c075))), bias), 52);
    *mf = _mm512_sub_pd(_mm512_castsi512_pd(_mm512_add_epi64(mb, _mm512_castpd_si512(_mm512_set1_pd(ab_l1p.off)))),
                        _mm512_set1_pd(ab_l1p.off + 1023.0));
    return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_sub_epi64(b, _mm512_slli_epi64(mb, 52)), bias));
}
AB_AVX2_INLINE __m256d l1p_split4(__m256d s, __m256d *mf) {
    const __m256i b = _mm256_castpd_si256(s), bias = _mm256_set1_epi64x(1023LL << 52);
    __m256i mb = _mm256_srli_epi64(_mm256_add_epi64(_mm256_sub_epi64(b, _mm256_castpd_si256(
                                       _mm256_set1_pd(ab_l1p.c075))), bias), 52);
    *mf = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(mb, _mm256_castpd_si256(_mm256_set1_pd(ab_l1p.off)))),
                        _mm256_set1_pd(ab_l1p.off + 1023.0));
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_sub_epi64(b, _mm256_slli_epi64(mb, 52)), bias));
}

AB_AVX512_INLINE __m512d log1p8d(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0), zero = _mm512_setzero_pd();
    __m512d big = _mm512_max_pd(x, one), sml = _mm512_min_pd(x, one);
    __m512d s = _mm512_add_pd(big, sml), e = _mm512_sub_pd(sml, _mm512_sub_pd(s, big));
    __m512d mf, f = _mm512_sub_pd(l1p_split8(s, &mf), one);
    __mmask8 dir = _mm512_cmp_pd_mask(x, _mm512_set1_pd(ab_l1p.lo_x), _CMP_GE_OQ) &
                   _mm512_cmp_pd_mask(x, _mm512_set1_pd(ab_l1p.hi_x), _CMP_LT_OQ);
    f = _mm512_mask_mov_pd(f, dir, x);
    e = _mm512_mask_mov_pd(e, dir, zero);
    mf = _mm512_mask_mov_pd(mf, dir, zero);
    __m512d lo;
    AB__LOG1P_F64_PARTS(__m512d, _mm512_set1_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd, _mm512_mul_pd,
                        _mm512_add_pd, _mm512_sub_pd, _mm512_div_pd, f, w, lo);
    __m512d t = _mm512_mul_pd(mf, _mm512_set1_pd(ab_l1p.ln2hi));
    __m512d hi = _mm512_add_pd(t, w), eh = _mm512_add_pd(_mm512_sub_pd(t, hi), w);
    lo = _mm512_add_pd(eh, _mm512_add_pd(lo, _mm512_fmadd_pd(mf, _mm512_set1_pd(ab_l1p.ln2lo), _mm512_div_pd(e, s))));
    __m512d y = _mm512_add_pd(hi, lo);
    __mmask8 keep = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(ab_l1p.tiny), _CMP_LT_OQ) |
                    _mm512_cmp_pd_mask(x, _mm512_set1_pd(INFINITY), _CMP_EQ_OQ) |
                    _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q);
    y = _mm512_mask_mov_pd(y, keep, x);
    y = _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_set1_pd(-1.0), _CMP_EQ_OQ), _mm512_set1_pd(-INFINITY));
    return _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_set1_pd(-1.0), _CMP_LT_OQ), _mm512_set1_pd(NAN));
}
AB_AVX2_INLINE __m256d log1p4d(__m256d x) {
    const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
    __m256d big = _mm256_max_pd(x, one), sml = _mm256_min_pd(x, one);
    __m256d s = _mm256_add_pd(big, sml), e = _mm256_sub_pd(sml, _mm256_sub_pd(s, big));
    __m256d mf, f = _mm256_sub_pd(l1p_split4(s, &mf), one);
    __m256d dir = _mm256_and_pd(_mm256_cmp_pd(x, _mm256_set1_pd(ab_l1p.lo_x), _CMP_GE_OQ),
                                _mm256_cmp_pd(x, _mm256_set1_pd(ab_l1p.hi_x), _CMP_LT_OQ));
    f = _mm256_blendv_pd(f, x, dir);
    e = _mm256_blendv_pd(e, zero, dir);
    mf = _mm256_blendv_pd(mf, zero, dir);
    __m256d lo;
    AB__LOG1P_F64_PARTS(__m256d, _mm256_set1_pd, _mm256_fmadd_pd, _mm256_fnmadd_pd, _mm256_mul_pd,
                        _mm256_add_pd, _mm256_sub_pd, _mm256_div_pd, f, w, lo);
    __m256d t = _mm256_mul_pd(mf, _mm256_set1_pd(ab_l1p.ln2hi));
    __m256d hi = _mm256_add_pd(t, w), eh = _mm256_add_pd(_mm256_sub_pd(t, hi), w);
    lo = _mm256_add_pd(eh, _mm256_add_pd(lo, _mm256_fmadd_pd(mf, _mm256_set1_pd(ab_l1p.ln2lo), _mm256_div_pd(e, s))));
    __m256d y = _mm256_add_pd(hi, lo);
    __m256d keep = _mm256_or_pd(_mm256_cmp_pd(ab_v4_abs_f64(x), _mm256_set1_pd(ab_l1p.tiny), _CMP_LT_OQ),
                                _mm256_or_pd(_mm256_cmp_pd(x, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ),
                                             _mm256_cmp_pd(x, x, _CMP_UNORD_Q)));
    y = _mm256_blendv_pd(y, x, keep);
    y = _mm256_blendv_pd(y, _mm256_set1_pd(-INFINITY), _mm256_cmp_pd(x, _mm256_set1_pd(-1.0), _CMP_EQ_OQ));
    return _mm256_blendv_pd(y, _mm256_set1_pd(NAN), _mm256_cmp_pd(x, _mm256_set1_pd(-1.0), _CMP_LT_OQ));
}
AB_V8_BATCH_F64_512(log1p_avx512_batch, log1p8d)
AB_V4_BATCH_F64(log1p_avx2_batch, log1p4d)

/* sampled maximum (`actbench sweep --precision f64 --samples 1000000
 * --search`, every range), bound with a margin */
#define LOG1P_F64_BOUND 0.75 /* 0.5175 at -0x1.428b116919bc2p-1 (near_minus1) */

static const ab_variant log1p_f64_variants[] = {
    AB_VARIANT("avx512-f64-mant-atanh-p10-div", AB_VECTOR, "avx512f", LOG1P_F64_BOUND,
               "1+x=s+e (Fast2Sum), s=2^m mant (mant in [0.75,1.5)); m ln2 + log1p(mant-1) (w=f/(1+f/2), w+w^3 q(w^2)) + e/s; x in [-1/4,1/2): log1p01 core on x", log1p_avx512_batch),
    AB_VARIANT("avx2-f64-mant-atanh-p10-div", AB_VECTOR, "avx2", LOG1P_F64_BOUND,
               "1+x=s+e (Fast2Sum), s=2^m mant (mant in [0.75,1.5)); m ln2 + log1p(mant-1) (w=f/(1+f/2), w+w^3 q(w^2)) + e/s; x in [-1/4,1/2): log1p01 core on x", log1p_avx2_batch),
};
AB_REGISTER_VARIANTS("log1p", log1p_f64_variants)
