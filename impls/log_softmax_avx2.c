/* log_softmax: AVX2+FMA kernel (the 8-lane counterpart of
 * impls/log_softmax_simd.c's AVX-512F one), registered by name on the row
 * operation like that one. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/rows_avx2.h"
#include <math.h>

/* AVX2: the stable (log1p) variant's numerics, vectorised
 * (impls/kernels/rows_avx2.h), step for step as the AVX-512 kernel.
 * Pass 1: m = max with NaN detection (a NaN or an all -inf row: NaN
 * throughout, as argmax_f32), then k = the first index with x[k] == m, and
 * m = x[k] itself (vmaxps may pick +0 over -0).  Pass 2: t = sum_{i != k}
 * e^(x_i - m) by kernels/exp.h's AVX2 exp (rr1, p6, FMA) in 32 interleaved
 * lanes (error about (n/32 + 5) u instead of the scalar's (n - 1) u), and
 * whether any other x_i is > -inf.  l = log1pf(t) (one scalar call per
 * row).  Pass 3: y_i = (x_i - m) - l, the scalar's two roundings; and the
 * -0 rule: when l == 0 but some other term exists, the exact -log1p(t) is
 * negative and y_k = -0 (a row of one stays +0).  m = +inf: x_i - m is
 * -inf or NaN, as in the scalar code.
 * Bound: none declared (INFINITY), as stable and the AVX-512 kernel: near
 * y_i = 0 the subtraction (x_i - m) - l cancels, so the relative error of
 * an output close to 0 is unbounded in ulps; the sweep reports the
 * measured max. */
AB_AVX2_FN void avx2_log1p_f32(const float *x, float *y, size_t n) {
    if (n == 0) return;
    float m = ab_v8_rowmax_f32(x, n);
    size_t k = isnan(m) || m == -INFINITY ? n : ab_v8_first_eq_f32(x, n, m);
    if (k == n) {
        for (size_t i = 0; i < n; i++) y[i] = NAN;
        return;
    }
    m = x[k];
    int others;
    float t = ab_v8_sum_exp_skip_f32(x, n, m, k, &others);
    float l = log1pf(t);
    const __m256 vm = _mm256_set1_ps(m), vl = _mm256_set1_ps(l);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_sub_ps(_mm256_sub_ps(_mm256_loadu_ps(x + i), vm), vl));
    if (i < n) {
        __m256i mk = ab_v8_tail_mask(i, n);
        __m256 v = _mm256_maskload_ps(x + i, mk);
        _mm256_maskstore_ps(y + i, mk, _mm256_sub_ps(_mm256_sub_ps(v, vm), vl));
    }
    if (l == 0 && others) y[k] = -0.0f;
}

static const ab_variant log_softmax_avx2_variants[] = {
    AB_VARIANT("avx2-rr1-p6-log1p", AB_VECTOR, "avx2", INFINITY,
               "x_i - m - log1pf(sum_{j!=argmax} e^(x_j - m)): vmax, e^(x-m) (rr1, p6, 2-step scaling) + 32-lane sum", avx2_log1p_f32),
};
AB_REGISTER_VARIANTS("log_softmax", log_softmax_avx2_variants)
