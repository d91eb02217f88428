/* softmax: y_i = e^(x_i) / sum_j e^(x_j), a row operation (out_len = n).
 *
 * All -inf row policy (the reference's too): NaN, as PyTorch; the sum is
 * 0 and 0/0 has no value.  The stable variants test for it explicitly
 * rather than relying on -inf - (-inf) = NaN. */
#include "../reference/rows.h"
#include "kernels/batch.h"
#include "kernels/exp.h"
#include "kernels/rowsum.h"
#include <math.h>

#define SOFTMAX_DEFINE(T, SUF, EXP)                                           \
    /* The article's formula.  e^x overflows for x > 88.7 (f32) or 709.8     \
     * (f64), and then inf/inf = NaN; e^x underflows to 0 for every entry   \
     * of a row below -103 (f32), and then 0/0 = NaN. */                     \
    static void naive_##SUF(const T *x, T *y, size_t n) {                    \
        for (size_t i = 0; i < n; i++) y[i] = EXP(x[i]);                      \
        T s = ab_sum_seq_##SUF(y, n);                                         \
        for (size_t i = 0; i < n; i++) y[i] = y[i] / s;                       \
    }                                                                         \
    static T rowmax_##SUF(const T *x, size_t n) {                            \
        T m = x[0];                                                           \
        for (size_t i = 1; i < n; i++)                                        \
            if (x[i] > m || isnan(x[i])) m = x[i];                            \
        return m;                                                             \
    }                                                                         \
    /* softmax is invariant under x -> x - c; with c = max x every exponent  \
     * is <= 0, so e^(x - m) <= 1 cannot overflow, the largest term is 1 and \
     * the sum lies in [1, n]: the division never sees 0 or inf. */          \
    static int shift_##SUF(const T *x, T *y, size_t n, T *m) {               \
        *m = rowmax_##SUF(x, n);                                              \
        if (*m == -INFINITY) {                                                \
            for (size_t i = 0; i < n; i++) y[i] = NAN;                        \
            return 0;                                                         \
        }                                                                     \
        for (size_t i = 0; i < n; i++) y[i] = EXP(x[i] - *m);                 \
        return 1;                                                             \
    }                                                                         \
    static void stable_##SUF(const T *x, T *y, size_t n) {                   \
        T m;                                                                  \
        if (!shift_##SUF(x, y, n, &m)) return;                                \
        T s = ab_sum_seq_##SUF(y, n);                                         \
        for (size_t i = 0; i < n; i++) y[i] = y[i] / s;                       \
    }                                                                         \
    /* The sum's error grows like (n-1)u sequentially, log2(n) u pairwise:   \
     * it multiplies every output, so it matters on long rows. */           \
    static void pairwise_##SUF(const T *x, T *y, size_t n) {                 \
        T m;                                                                  \
        if (!shift_##SUF(x, y, n, &m)) return;                                \
        T s = ab_sum_pairwise_##SUF(y, n);                                    \
        for (size_t i = 0; i < n; i++) y[i] = y[i] / s;                       \
    }                                                                         \
    static void kahan_##SUF(const T *x, T *y, size_t n) {                    \
        T m;                                                                  \
        if (!shift_##SUF(x, y, n, &m)) return;                                \
        T s = ab_sum_neumaier_##SUF(y, n);                                    \
        for (size_t i = 0; i < n; i++) y[i] = y[i] / s;                       \
    }                                                                         \
    /* Online normaliser (Milakov & Gimelshein 2018): one pass keeps the     \
     * running maximum m and the sum s of e^(x_j - m); when the maximum      \
     * grows, s is rescaled by e^(m_old - m_new) <= 1, so nothing overflows  \
     * and no second pass over x is needed for the normaliser.  -inf         \
     * entries are skipped: against m = -inf, e^(-inf - -inf) is NaN. */    \
    static void online_##SUF(const T *x, T *y, size_t n) {                   \
        T m = -INFINITY, s = 0;                                               \
        for (size_t i = 0; i < n; i++) {                                      \
            T v = x[i];                                                       \
            if (v > m) { s = s * EXP(m - v) + 1; m = v; }                     \
            else if (v != -INFINITY) s += EXP(v - m);                         \
        }                                                                     \
        if (m == -INFINITY) {                                                 \
            for (size_t i = 0; i < n; i++) y[i] = NAN;                        \
            return;                                                           \
        }                                                                     \
        for (size_t i = 0; i < n; i++) y[i] = EXP(x[i] - m) / s;              \
    }

SOFTMAX_DEFINE(float, f32, expf)
SOFTMAX_DEFINE(double, f64, exp)

#define SOFTMAX_VARIANTS(P, SUF)                                                          \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "e^x_i / sum e^x_j (article)",    \
               naive_##SUF),                                                              \
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,                                 \
               "e^(x_i-m) / sum e^(x_j-m), m = max, sequential sum", stable_##SUF),        \
    AB_VARIANT("stable-pairwise", AB_STABLE, "scalar", INFINITY,                        \
               "max-subtracted, pairwise sum", pairwise_##SUF),                            \
    AB_VARIANT("stable-kahan", AB_STABLE, "scalar", INFINITY,                           \
               "max-subtracted, Neumaier compensated sum", kahan_##SUF),                   \
    AB_VARIANT("online", AB_STABLE, "scalar", INFINITY,                                 \
               "single-pass running max and rescaled sum (Milakov-Gimelshein)", online_##SUF)

/* ---- AVX-512F two-pass softmax (f32) ----------------------------------
 * Pass 1: the row maximum m (vmaxps over 16 lanes, plus a NaN flag: the
 * scalar rowmax lets a NaN win, so a row with a NaN gives NaN throughout).
 * m = -inf (all -inf row): NaN, the policy above.  Pass 2: y_i =
 * e^(x_i - m) by kernels/exp.h's exp (rr1, p6, FMA, scalef; its argument is
 * <= 0 or NaN, so the nonpos form: no overflow clamp), summed in two
 * 16-lane accumulators (32 interleaved partial sums, then a tree: error
 * about (n/32 + 5) u instead of the sequential (n - 1) u).  Pass 3: y_i / s
 * (true division), or y_i * (1/s) in the -rcp variant.  m = +inf: x - m is
 * NaN for the inf entries, so the sum and every output are NaN, as the
 * scalar stable.  Masked tails load 0 and are dropped from the sum. */
AB_AVX512_FN float sm16_rowmax(const float *x, size_t n) {
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
        __mmask16 k = n - i >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << (n - i)) - 1u);
        __m512 a = _mm512_mask_loadu_ps(_mm512_set1_ps(-INFINITY), k, x + i);
        nan |= _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q);
        m0 = _mm512_max_ps(m0, a);
    }
    if (nan) return NAN;
    return _mm512_reduce_max_ps(_mm512_max_ps(m0, m1));
}
AB_AVX512_INLINE void sm16_softmax(const float *x, float *y, size_t n, const int rcp) {
    if (n == 0) return;
    float m = sm16_rowmax(x, n);
    if (m == -INFINITY) {
        for (size_t i = 0; i < n; i++) y[i] = NAN;
        return;
    }
    const __m512 vm = _mm512_set1_ps(m);
    __m512 s0 = _mm512_setzero_ps(), s1 = s0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 e0 = ab_v16_exp_f32(_mm512_sub_ps(_mm512_loadu_ps(x + i), vm), 6, 1);
        __m512 e1 = ab_v16_exp_f32(_mm512_sub_ps(_mm512_loadu_ps(x + i + 16), vm), 6, 1);
        _mm512_storeu_ps(y + i, e0);
        _mm512_storeu_ps(y + i + 16, e1);
        s0 = _mm512_add_ps(s0, e0);
        s1 = _mm512_add_ps(s1, e1);
    }
    for (; i < n; i += 16) {
        __mmask16 k = n - i >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << (n - i)) - 1u);
        __m512 e = ab_v16_exp_f32(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, x + i), vm), 6, 1);
        e = _mm512_maskz_mov_ps(k, e);
        _mm512_mask_storeu_ps(y + i, k, e);
        s0 = _mm512_add_ps(s0, e);
    }
    float s = _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
    const __m512 vs = _mm512_set1_ps(s), vr = _mm512_set1_ps(1.0f / s);
    for (i = 0; i < n; i += 16) {
        __mmask16 k = n - i >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << (n - i)) - 1u);
        __m512 e = _mm512_maskz_loadu_ps(k, y + i);
        _mm512_mask_storeu_ps(y + i, k, rcp ? _mm512_mul_ps(e, vr) : _mm512_div_ps(e, vs));
    }
}
AB_AVX512_FN void avx512_div_f32(const float *x, float *y, size_t n) { sm16_softmax(x, y, n, 0); }
AB_AVX512_FN void avx512_rcp_f32(const float *x, float *y, size_t n) { sm16_softmax(x, y, n, 1); }

static const ab_variant softmax_variants[] = {
    SOFTMAX_VARIANTS(AB_F32, f32), SOFTMAX_VARIANTS(AB_F64, f64),
    AB_VARIANT("avx512-rr1-p6-div", AB_VECTOR, "avx512f", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, scalef) + 32-lane sum, y/s (vdivps)", avx512_div_f32),
    AB_VARIANT("avx512-rr1-p6-rcp", AB_VECTOR, "avx512f", INFINITY,
               "two-pass: vmax, e^(x-m) (rr1, p6, scalef) + 32-lane sum, y*(1/s)", avx512_rcp_f32),
};

static const ab_row_op softmax_op = {
    .name = "softmax",
    .description = "y_i = e^(x_i) / sum_j e^(x_j) over a row",
    .output = AB_ROW_SAME,
    .reference = ab_rowref_softmax,
    .neg_inf_row_policy = "nan",
    .row_sum = 1,
    .variants = softmax_variants,
    .n_variants = AB_COUNT(softmax_variants),
};
AB_REGISTER_ROW_OP(softmax_op)
