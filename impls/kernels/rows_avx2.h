/*
 * rows_avx2.h -- AVX2+FMA pieces for the vector row operations (softmax,
 * log_softmax), the 8-lane counterparts of rows_avx512.h: the row maximum
 * with NaN detection, the first index of the maximum, a masked 32-lane sum
 * of e^(x_i - m), tail masks and horizontal reductions.  Built on exp.h's
 * AVX2 exp (rr1, p6, FMA, two-step scaling), which returns the same bits
 * as the AVX-512 one, so these rows equal rows_avx512.h's up to the order
 * of the final horizontal sum.  Compiled for avx2,fma only (target
 * attribute): call them from functions with the same target.
 */
#ifndef AB_KERNELS_ROWS_AVX2_H
#define AB_KERNELS_ROWS_AVX2_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "batch.h"
#include "exp.h"

/* Lanes [0, n - i) of the vector at i as an all-ones/zero lane mask (all 8
 * when n - i >= 8), for vmaskmovps (masked lanes load as +0). */
AB_AVX2_INLINE __m256i ab_v8_tail_mask(size_t i, size_t n) {
    size_t r = n - i >= 8 ? 8 : n - i;
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)r), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

AB_AVX2_INLINE float ab_v8_hmax_f32(__m256 v) {   /* v free of NaN */
    __m128 a = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_max_ps(a, _mm_movehl_ps(a, a));
    a = _mm_max_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}
/* A tree: (v0+v4 + v2+v6) + (v1+v5 + v3+v7). */
AB_AVX2_INLINE float ab_v8_hsum_f32(__m256 v) {
    __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_add_ps(a, _mm_movehl_ps(a, a));
    a = _mm_add_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}

/* max_i x[i] over a row of n >= 1 floats, NaN when any x[i] is NaN, -inf
 * for an all -inf row.  Four accumulators (vmaxps latency), the masked
 * tail loaded as 0 and replaced by -inf.  (vmaxps's choice between +0 and
 * -0 is arbitrary: callers that need the first maximum's own bits re-read
 * it with ab_v8_first_eq_f32.) */
AB_AVX2_INLINE float ab_v8_rowmax_f32(const float *x, size_t n) {
    const __m256 ninf = _mm256_set1_ps(-INFINITY);
    __m256 m0 = ninf, m1 = ninf, m2 = ninf, m3 = ninf, nan = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
        __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
        nan = _mm256_or_ps(nan, _mm256_or_ps(_mm256_cmp_ps(a, b, _CMP_UNORD_Q),
                                             _mm256_cmp_ps(c, d, _CMP_UNORD_Q)));
        m0 = _mm256_max_ps(m0, a);
        m1 = _mm256_max_ps(m1, b);
        m2 = _mm256_max_ps(m2, c);
        m3 = _mm256_max_ps(m3, d);
    }
    for (; i < n; i += 8) {
        __m256i k = ab_v8_tail_mask(i, n);
        __m256 a = _mm256_blendv_ps(ninf, _mm256_maskload_ps(x + i, k), _mm256_castsi256_ps(k));
        nan = _mm256_or_ps(nan, _mm256_cmp_ps(a, a, _CMP_UNORD_Q));
        m0 = _mm256_max_ps(m0, a);
    }
    if (!_mm256_testz_ps(nan, nan)) return NAN;
    return ab_v8_hmax_f32(_mm256_max_ps(_mm256_max_ps(m0, m1), _mm256_max_ps(m2, m3)));
}

/* The first index i with x[i] == v (v not NaN; +0 == -0), n when none. */
AB_AVX2_INLINE size_t ab_v8_first_eq_f32(const float *x, size_t n, float v) {
    const __m256 vv = _mm256_set1_ps(v);
    for (size_t i = 0; i < n; i += 8) {
        __m256i k = ab_v8_tail_mask(i, n);
        __m256 eq = _mm256_and_ps(_mm256_cmp_ps(_mm256_maskload_ps(x + i, k), vv, _CMP_EQ_OQ),
                                  _mm256_castsi256_ps(k));
        int bits = _mm256_movemask_ps(eq);
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    return n;
}

/* sum_{i != skip} e^(x[i] - m) for m >= every x[i] (the exponents are <= 0
 * or NaN: exp.h's nonpos exp), in four 8-lane accumulators (32
 * interleaved partial sums, then a tree: about (n/32 + 5) u instead of the
 * sequential (n - 1) u, as rows_avx512.h).  skip >= n skips nothing.
 * *others is set to 1 when some x[i] with i != skip is > -inf, else 0.
 * A skipped or tail lane is zeroed after the exp (and-not with its mask),
 * so it adds +0 to its partial sum. */
AB_AVX2_INLINE __m256 ab__v8_term_f32(const float *x, size_t i, size_t skip, __m256 vm,
                                      __m256 *live) {
    __m256 a = _mm256_loadu_ps(x + i);
    __m256 keep = _mm256_castsi256_ps(_mm256_cmpeq_epi32(
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32((int)(skip - i < 8 ? skip - i : 8))));
    keep = _mm256_xor_ps(keep, _mm256_castsi256_ps(_mm256_set1_epi32(-1)));
    *live = _mm256_or_ps(*live, _mm256_and_ps(keep, _mm256_cmp_ps(a, _mm256_set1_ps(-INFINITY), _CMP_GT_OQ)));
    return _mm256_and_ps(keep, ab_v8_exp_f32(_mm256_sub_ps(a, vm), 6, AB_EXP_NONPOS));
}
AB_AVX2_INLINE float ab_v8_sum_exp_skip_f32(const float *x, size_t n, float m, size_t skip,
                                            int *others) {
    const __m256 vm = _mm256_set1_ps(m), ninf = _mm256_set1_ps(-INFINITY);
    __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0, live = s0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        if (skip - i >= 32) { /* the common case: no skipped lane here */
            __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
            __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
            live = _mm256_or_ps(live, _mm256_or_ps(
                _mm256_or_ps(_mm256_cmp_ps(a, ninf, _CMP_GT_OQ), _mm256_cmp_ps(b, ninf, _CMP_GT_OQ)),
                _mm256_or_ps(_mm256_cmp_ps(c, ninf, _CMP_GT_OQ), _mm256_cmp_ps(d, ninf, _CMP_GT_OQ))));
            s0 = _mm256_add_ps(s0, ab_v8_exp_f32(_mm256_sub_ps(a, vm), 6, AB_EXP_NONPOS));
            s1 = _mm256_add_ps(s1, ab_v8_exp_f32(_mm256_sub_ps(b, vm), 6, AB_EXP_NONPOS));
            s2 = _mm256_add_ps(s2, ab_v8_exp_f32(_mm256_sub_ps(c, vm), 6, AB_EXP_NONPOS));
            s3 = _mm256_add_ps(s3, ab_v8_exp_f32(_mm256_sub_ps(d, vm), 6, AB_EXP_NONPOS));
        } else {
            s0 = _mm256_add_ps(s0, ab__v8_term_f32(x, i, skip, vm, &live));
            s1 = _mm256_add_ps(s1, ab__v8_term_f32(x, i + 8, skip, vm, &live));
            s2 = _mm256_add_ps(s2, ab__v8_term_f32(x, i + 16, skip, vm, &live));
            s3 = _mm256_add_ps(s3, ab__v8_term_f32(x, i + 24, skip, vm, &live));
        }
    }
    for (; i < n; i += 8) {
        __m256i k = ab_v8_tail_mask(i, n);
        __m256 keep = _mm256_castsi256_ps(k);
        if (skip - i < 8)
            keep = _mm256_andnot_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(
                                        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
                                        _mm256_set1_epi32((int)(skip - i)))), keep);
        __m256 a = _mm256_maskload_ps(x + i, k);
        live = _mm256_or_ps(live, _mm256_and_ps(keep, _mm256_cmp_ps(a, ninf, _CMP_GT_OQ)));
        s0 = _mm256_add_ps(s0, _mm256_and_ps(keep, ab_v8_exp_f32(_mm256_sub_ps(a, vm), 6, AB_EXP_NONPOS)));
    }
    *others = !_mm256_testz_ps(live, live);
    return ab_v8_hsum_f32(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

#endif /* AB_KERNELS_ROWS_AVX2_H */
