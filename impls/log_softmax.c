/* log_softmax: y_i = x_i - log(sum_j e^(x_j)), a row operation (out_len = n).
 * All -inf row policy: NaN (as softmax, whose log it is). */
#include "../reference/rows.h"
#include "kernels/rowsum.h"
#include <math.h>

#define LOG_SOFTMAX_DEFINE(T, SUF, EXP, LOG, LOG1P)                           \
    /* log of the naive softmax: NaN once e^x overflows, -inf once e^x_i     \
     * underflows (x_i < -103 in f32) although log_softmax is finite, and   \
     * for a dominant entry softmax rounds to 1, so its log is 0 instead of \
     * -sum_j e^(x_j - x_k), all of whose digits are lost. */               \
    static void naive_##SUF(const T *x, T *y, size_t n) {                    \
        for (size_t i = 0; i < n; i++) y[i] = EXP(x[i]);                      \
        T s = ab_sum_seq_##SUF(y, n);                                         \
        for (size_t i = 0; i < n; i++) y[i] = LOG(y[i] / s);                  \
    }                                                                         \
    /* Returns the index of the first maximum, or n for an all -inf row      \
     * (y filled with NaN) or a row with a NaN (y filled with NaN). */       \
    static size_t argmax_##SUF(const T *x, T *y, size_t n) {                 \
        size_t k = 0;                                                         \
        for (size_t i = 0; i < n; i++) {                                      \
            if (isnan(x[i])) k = n;                                           \
            if (k < n && x[i] > x[k]) k = i;                                  \
        }                                                                     \
        if (k < n && x[k] == -INFINITY) k = n;                                \
        if (k == n)                                                           \
            for (size_t i = 0; i < n; i++) y[i] = NAN;                        \
        return k;                                                             \
    }                                                                         \
    /* x_i - m - log(sum e^(x_j - m)): the exponents are <= 0, so no         \
     * overflow, and the sum is in [1, n], so its log is finite.  But for a  \
     * dominant entry the sum rounds to 1 and log gives 0: the dominant      \
     * output -log(1 + tiny) loses all its digits. */                       \
    static void stable_##SUF(const T *x, T *y, size_t n) {                   \
        size_t k = argmax_##SUF(x, y, n);                                     \
        if (k == n) return;                                                   \
        T m = x[k], s = 0;                                                    \
        for (size_t i = 0; i < n; i++) s += EXP(x[i] - m);                    \
        T l = LOG(s);                                                         \
        for (size_t i = 0; i < n; i++) y[i] = (x[i] - m) - l;                 \
    }                                                                         \
    /* As stable, but the maximum's own term 1 is kept out of the sum:      \
     * log(1 + t) = log1p(t) keeps t's relative accuracy when t is tiny, so  \
     * the dominant entry's -log1p(t) ~ -t is accurate too.  When every    \
     * other term underflows, the exact -log1p(t) is still negative: its    \
     * rounding is -0, not the +0 of 0 - 0 (a row of one is exactly +0). */ \
    static void log1p_##SUF(const T *x, T *y, size_t n) {                    \
        size_t k = argmax_##SUF(x, y, n);                                     \
        if (k == n) return;                                                   \
        T m = x[k], t = 0;                                                    \
        for (size_t i = 0; i < n; i++)                                        \
            if (i != k) t += EXP(x[i] - m);                                   \
        T l = LOG1P(t);                                                       \
        int others = 0;                                                       \
        for (size_t i = 0; i < n; i++) others |= i != k && x[i] > -INFINITY;  \
        for (size_t i = 0; i < n; i++) y[i] = (x[i] - m) - l;                 \
        if (l == 0 && others) y[k] = -(T)0;                                   \
    }

LOG_SOFTMAX_DEFINE(float, f32, expf, logf, log1pf)
LOG_SOFTMAX_DEFINE(double, f64, exp, log, log1p)

#define LOG_SOFTMAX_VARIANTS(P, SUF)                                                    \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "log(e^x_i / sum e^x_j)",       \
               naive_##SUF),                                                            \
    /* The textbook "stable" formula is registered as naive: it still loses   \
     * the dominant entry (see above). */                                     \
    AB_VARIANT("max-sub", AB_NAIVE, "scalar", INFINITY,                              \
               "x_i - m - log(sum e^(x_j - m)), m = max (textbook)", stable_##SUF),      \
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,                               \
               "x_i - m - log1p(sum_{j!=argmax} e^(x_j - m))", log1p_##SUF)

static const ab_variant log_softmax_variants[] = {
    LOG_SOFTMAX_VARIANTS(AB_F32, f32), LOG_SOFTMAX_VARIANTS(AB_F64, f64),
    /* the AVX-512 and AVX2 variants follow, from impls/log_softmax_simd.c and _avx2.c */
};

static const ab_row_op log_softmax_op = {
    .name = "log_softmax",
    .description = "y_i = x_i - log(sum_j e^(x_j)) over a row",
    .output = AB_ROW_SAME,
    .reference = ab_rowref_log_softmax,
    .neg_inf_row_policy = "nan",
    .row_sum = 2,
    .variants = log_softmax_variants,
    .n_variants = AB_COUNT(log_softmax_variants),
};
AB_REGISTER_ROW_OP(log_softmax_op)
