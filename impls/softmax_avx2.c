/* softmax: AVX2+FMA kernels (the 8-lane counterparts of
 * impls/softmax_simd.c's AVX-512F ones), registered by name on the row
 * operation like those. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp.h"
#include "kernels/rows_avx2.h"
#include <math.h>

/* ---- AVX2 two-pass softmax (f32) ---------------------------------------
 * The AVX-512 kernel's numerics with 8-lane vectors.  Pass 1: the row
 * maximum m (ab_v8_rowmax_f32: vmaxps plus a NaN flag, so a row with a NaN
 * gives NaN throughout, as the scalar rowmax).  m = -inf (all -inf row):
 * NaN, impls/softmax.c's policy.  Pass 2: y_i = e^(x_i - m) by
 * kernels/exp.h's AVX2 exp (rr1, p6, FMA; its argument is <= 0 or NaN, so
 * the nonpos form; subnormal results rounded once by the two-step
 * scaling, the same bits as vscalefps), summed in four 8-lane
 * accumulators (32 interleaved partial sums, then a tree: error about
 * (n/32 + 5) u, as the AVX-512 kernel).  Pass 3: y_i / s (true division),
 * or y_i * (1/s) in the -rcp variant.  m = +inf: x - m is NaN for the inf
 * entries, so the sum and every output are NaN, as the scalar stable.
 * Masked tails load 0; their exp is zeroed before the sum and not stored.
 * Bound: none declared (INFINITY), as every softmax variant: the sum's
 * error, which multiplies every output, grows with the row length (about
 * (n/32 + 5) u, and the sweep's `long` rows reach n = 2^16), so no
 * length-independent ulp bound holds;
 * the sweep reports the measured max. */
AB_AVX2_INLINE void sm8_softmax(const float *x, float *y, size_t n, const int rcp) {
    if (n == 0) return;
    float m = ab_v8_rowmax_f32(x, n);
    if (m == -INFINITY) {
        for (size_t i = 0; i < n; i++) y[i] = NAN;
        return;
    }
    const __m256 vm = _mm256_set1_ps(m);
    __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 e0 = ab_v8_exp_f32(_mm256_sub_ps(_mm256_loadu_ps(x + i), vm), 6, AB_EXP_NONPOS);
        __m256 e1 = ab_v8_exp_f32(_mm256_sub_ps(_mm256_loadu_ps(x + i + 8), vm), 6, AB_EXP_NONPOS);
        __m256 e2 = ab_v8_exp_f32(_mm256_sub_ps(_mm256_loadu_ps(x + i + 16), vm), 6, AB_EXP_NONPOS);
        __m256 e3 = ab_v8_exp_f32(_mm256_sub_ps(_mm256_loadu_ps(x + i + 24), vm), 6, AB_EXP_NONPOS);
        _mm256_storeu_ps(y + i, e0);
        _mm256_storeu_ps(y + i + 8, e1);
        _mm256_storeu_ps(y + i + 16, e2);
        _mm256_storeu_ps(y + i + 24, e3);
        s0 = _mm256_add_ps(s0, e0);
        s1 = _mm256_add_ps(s1, e1);
        s2 = _mm256_add_ps(s2, e2);
        s3 = _mm256_add_ps(s3, e3);
    }
    for (; i < n; i += 8) {
        __m256i k = ab_v8_tail_mask(i, n);
        __m256 e = ab_v8_exp_f32(_mm256_sub_ps(_mm256_maskload_ps(x + i, k), vm), 6, AB_EXP_NONPOS);
        e = _mm256_and_ps(_mm256_castsi256_ps(k), e);
        _mm256_maskstore_ps(y + i, k, e);
        s0 = _mm256_add_ps(s0, e);
    }
    float s = ab_v8_hsum_f32(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    const __m256 vs = _mm256_set1_ps(s), vr = _mm256_set1_ps(1.0f / s);
    for (i = 0; i + 8 <= n; i += 8) {
        __m256 e = _mm256_loadu_ps(y + i);
        _mm256_storeu_ps(y + i, rcp ? _mm256_mul_ps(e, vr) : _mm256_div_ps(e, vs));
    }
    if (i < n) {
        __m256i k = ab_v8_tail_mask(i, n);
        __m256 e = _mm256_maskload_ps(y + i, k);
        _mm256_maskstore_ps(y + i, k, rcp ? _mm256_mul_ps(e, vr) : _mm256_div_ps(e, vs));
    }
}
AB_AVX2_FN void avx2_div_f32(const float *x, float *y, size_t n) { sm8_softmax(x, y, n, 0); }
AB_AVX2_FN void avx2_rcp_f32(const float *x, float *y, size_t n) { sm8_softmax(x, y, n, 1); }

static const ab_variant softmax_avx2_variants[] = {
    AB_VARIANT("avx2-rr1-p6-div", AB_VECTOR, "avx2", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, 2-step scaling) + 32-lane sum, y/s (vdivps)", avx2_div_f32),
    AB_VARIANT("avx2-rr1-p6-rcp", AB_VECTOR, "avx2", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, 2-step scaling) + 32-lane sum, y*(1/s)", avx2_rcp_f32),
};
AB_REGISTER_VARIANTS("softmax", softmax_avx2_variants)
