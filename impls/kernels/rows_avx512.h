/*
 * rows_avx512.h -- AVX-512F pieces for the vector row operations
 * (softmax, log_softmax; usable by logsumexp): the row maximum with NaN
 * detection, the first index of the maximum, and a masked 32-lane sum of
 * e^(x_i - m).  Built on exp.h's exp (rr1, p6, FMA, scalef).  Every
 * function is compiled for avx512f only (target attribute), like
 * the other vector kernels: call them from functions with the same target.
 */
#ifndef AB_KERNELS_ROWS_AVX512_H
#define AB_KERNELS_ROWS_AVX512_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "batch.h"
#include "exp.h"

/* max_i x[i] over a row of n >= 1 floats, NaN when any x[i] is NaN, -inf
 * for an all -inf row.  Two accumulators, masked tail loaded as -inf.
 * (vmaxps's choice between +0 and -0 is arbitrary: callers that need the
 * first maximum's own bits re-read it with ab_v16_first_eq_f32.) */
AB_AVX512_INLINE float ab_v16_rowmax_f32(const float *x, size_t n) {
    __m512 m0 = _mm512_set1_ps(-INFINITY), m1 = m0;
    __mmask16 nan = 0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        nan |= _mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q);
        m0 = _mm512_max_ps(m0, a);
        m1 = _mm512_max_ps(m1, b);
    }
    for (; i < n; i += 16) {
        __mmask16 k = ab_v16_tail_mask(i, n);
        __m512 a = _mm512_mask_loadu_ps(_mm512_set1_ps(-INFINITY), k, x + i);
        nan |= _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q);
        m0 = _mm512_max_ps(m0, a);
    }
    if (nan) return NAN;
    return _mm512_reduce_max_ps(_mm512_max_ps(m0, m1));
}

/* The first index i with x[i] == v (v not NaN; +0 == -0), n when none. */
AB_AVX512_INLINE size_t ab_v16_first_eq_f32(const float *x, size_t n, float v) {
    const __m512 vv = _mm512_set1_ps(v);
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 k = ab_v16_tail_mask(i, n);
        __mmask16 eq = _mm512_mask_cmp_ps_mask(k, _mm512_maskz_loadu_ps(k, x + i), vv, _CMP_EQ_OQ);
        if (eq) return i + (size_t)__builtin_ctz(eq);
    }
    return n;
}

/* sum_{i != skip} e^(x[i] - m) for m >= every x[i] (the exponents are <= 0
 * or NaN: exp.h's nonpos exp), in two 16-lane accumulators (32
 * interleaved partial sums, then a tree: about (n/32 + 5) u instead of the
 * sequential (n - 1) u).  skip >= n skips nothing.  *others is set to 1
 * when some x[i] with i != skip is > -inf, else 0. */
AB_AVX512_INLINE float ab_v16_sum_exp_skip_f32(const float *x, size_t n, float m, size_t skip,
                                               int *others) {
    const __m512 vm = _mm512_set1_ps(m), ninf = _mm512_set1_ps(-INFINITY);
    __m512 s0 = _mm512_setzero_ps(), s1 = s0;
    __mmask16 live = 0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __mmask16 k0 = 0xffff, k1 = 0xffff;
        if (skip - i < 32) { /* this pair of vectors holds the skipped lane */
            if (skip - i < 16) k0 = (__mmask16)~(1u << (skip - i));
            else k1 = (__mmask16)~(1u << (skip - i - 16));
        }
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        live |= _mm512_mask_cmp_ps_mask(k0, a, ninf, _CMP_GT_OQ) |
                _mm512_mask_cmp_ps_mask(k1, b, ninf, _CMP_GT_OQ);
        s0 = _mm512_add_ps(s0, _mm512_maskz_mov_ps(k0, ab_v16_exp_f32(_mm512_sub_ps(a, vm), 6, AB_EXP_NONPOS)));
        s1 = _mm512_add_ps(s1, _mm512_maskz_mov_ps(k1, ab_v16_exp_f32(_mm512_sub_ps(b, vm), 6, AB_EXP_NONPOS)));
    }
    for (; i < n; i += 16) {
        __mmask16 k = ab_v16_tail_mask(i, n);
        if (skip - i < 16) k &= (__mmask16)~(1u << (skip - i));
        __m512 a = _mm512_maskz_loadu_ps(k, x + i);
        live |= _mm512_mask_cmp_ps_mask(k, a, ninf, _CMP_GT_OQ);
        s0 = _mm512_add_ps(s0, _mm512_maskz_mov_ps(k, ab_v16_exp_f32(_mm512_sub_ps(a, vm), 6, AB_EXP_NONPOS)));
    }
    *others = live != 0;
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

#endif /* AB_KERNELS_ROWS_AVX512_H */
