/* softmax: AVX-512F kernels, registered by name into impls/softmax.c's row
 * operation with AB_REGISTER_VARIANTS, after its scalar variants (the AVX2
 * ones are in impls/softmax_avx2.c). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp.h"
#include "kernels/rows_avx512.h"
#include <math.h>

/* ---- AVX-512F two-pass softmax (f32) ----------------------------------
 * Pass 1: the row maximum m (ab_v16_rowmax_f32: vmaxps over 16 lanes, plus
 * a NaN flag: the scalar rowmax lets a NaN win, so a row with a NaN gives
 * NaN throughout).  m = -inf (all -inf row): NaN, impls/softmax.c's policy.  Pass 2: y_i =
 * e^(x_i - m) by kernels/exp.h's exp (rr1, p6, FMA, scalef; its argument is
 * <= 0 or NaN, so the nonpos form: no overflow clamp), summed in two
 * 16-lane accumulators (32 interleaved partial sums, then a tree: error
 * about (n/32 + 5) u instead of the sequential (n - 1) u).  Pass 3: y_i / s
 * (true division), or y_i * (1/s) in the -rcp variant.  m = +inf: x - m is
 * NaN for the inf entries, so the sum and every output are NaN, as the
 * scalar stable.  Masked tails load 0 and are dropped from the sum. */
AB_AVX512_INLINE void sm16_softmax(const float *x, float *y, size_t n, const int rcp) {
    if (n == 0) return;
    float m = ab_v16_rowmax_f32(x, n);
    if (m == -INFINITY) {
        for (size_t i = 0; i < n; i++) y[i] = NAN;
        return;
    }
    const __m512 vm = _mm512_set1_ps(m);
    __m512 s0 = _mm512_setzero_ps(), s1 = s0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 e0 = ab_v16_exp_f32(_mm512_sub_ps(_mm512_loadu_ps(x + i), vm), 6, AB_EXP_NONPOS);
        __m512 e1 = ab_v16_exp_f32(_mm512_sub_ps(_mm512_loadu_ps(x + i + 16), vm), 6, AB_EXP_NONPOS);
        _mm512_storeu_ps(y + i, e0);
        _mm512_storeu_ps(y + i + 16, e1);
        s0 = _mm512_add_ps(s0, e0);
        s1 = _mm512_add_ps(s1, e1);
    }
    for (; i < n; i += 16) {
        __mmask16 k = ab_v16_tail_mask(i, n);
        __m512 e = ab_v16_exp_f32(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, x + i), vm), 6, AB_EXP_NONPOS);
        e = _mm512_maskz_mov_ps(k, e);
        _mm512_mask_storeu_ps(y + i, k, e);
        s0 = _mm512_add_ps(s0, e);
    }
    float s = _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
    const __m512 vs = _mm512_set1_ps(s), vr = _mm512_set1_ps(1.0f / s);
    for (i = 0; i < n; i += 16) {
        __mmask16 k = ab_v16_tail_mask(i, n);
        __m512 e = _mm512_maskz_loadu_ps(k, y + i);
        _mm512_mask_storeu_ps(y + i, k, rcp ? _mm512_mul_ps(e, vr) : _mm512_div_ps(e, vs));
    }
}
__attribute__((target("avx512f")))
static void avx512_div_f32(const float *x, float *y, size_t n) { sm16_softmax(x, y, n, 0); }
__attribute__((target("avx512f")))
static void avx512_rcp_f32(const float *x, float *y, size_t n) { sm16_softmax(x, y, n, 1); }

static const ab_variant softmax_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-div", AB_VECTOR, "avx512f", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, scalef) + 32-lane sum, y/s (vdivps)", avx512_div_f32),
    AB_VARIANT("avx512-rr1-p6-rcp", AB_VECTOR, "avx512f", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, scalef) + 32-lane sum, y*(1/s)", avx512_rcp_f32),
};
AB_REGISTER_VARIANTS("softmax", softmax_simd_variants)
