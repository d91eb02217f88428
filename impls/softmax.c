/* softmax: y_i = e^(x_i) / sum_j e^(x_j), a row operation (out_len = n).
 *
 * All -inf row policy (the reference's too): NaN, as PyTorch; the sum is
 * 0 and 0/0 has no value.  The stable variants test for it explicitly
 * rather than relying on -inf - (-inf) = NaN. */
#include "../reference/rows.h"
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

static const ab_variant softmax_variants[] = {
    SOFTMAX_VARIANTS(AB_F32, f32), SOFTMAX_VARIANTS(AB_F64, f64),
    /* the AVX-512 variants follow, from impls/softmax_simd.c */
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
