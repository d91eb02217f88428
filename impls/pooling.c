/* Pooling over a row (out_len = 1): mean_pool, max_pool, min_pool.
 *
 * NaN policy: the reference propagates NaN (numpy.max, torch.max).  The
 * naive max `m = x > m ? x : m` swallows it: a comparison with NaN is
 * false, so a NaN entry is skipped.  The stable variants propagate it, and
 * order zeros as IEEE 754-2019 maximum/minimum do: max(-0, +0) = +0,
 * min(-0, +0) = -0. */
#include "../reference/rows.h"
#include "kernels/rowsum.h"
#include <math.h>

#define POOL_DEFINE(T, SUF)                                                   \
    /* The sequential sum's error grows with n (about n u sum|x| in the      \
     * worst case, sqrt(n) u typically), and the mean of a row that cancels  \
     * is small, so long rows lose digits. */                                \
    static void mean_naive_##SUF(const T *x, T *y, size_t n) {               \
        y[0] = ab_sum_seq_##SUF(x, n) / (T)n;                                 \
    }                                                                         \
    static void mean_pairwise_##SUF(const T *x, T *y, size_t n) {            \
        y[0] = ab_sum_pairwise_##SUF(x, n) / (T)n;                            \
    }                                                                         \
    static void mean_kahan_##SUF(const T *x, T *y, size_t n) {               \
        y[0] = ab_sum_neumaier_##SUF(x, n) / (T)n;                            \
    }                                                                         \
    static void max_naive_##SUF(const T *x, T *y, size_t n) {                \
        T m = -INFINITY;                                                      \
        for (size_t i = 0; i < n; i++) m = x[i] > m ? x[i] : m;               \
        y[0] = m;                                                             \
    }                                                                         \
    static void max_stable_##SUF(const T *x, T *y, size_t n) {               \
        T m = -INFINITY;                                                      \
        for (size_t i = 0; i < n; i++) {                                      \
            if (isnan(x[i])) { y[0] = x[i]; return; }                         \
            if (x[i] > m || (x[i] == m && signbit(m) && !signbit(x[i]))) m = x[i]; \
        }                                                                     \
        y[0] = m;                                                             \
    }                                                                         \
    static void min_naive_##SUF(const T *x, T *y, size_t n) {                \
        T m = INFINITY;                                                       \
        for (size_t i = 0; i < n; i++) m = x[i] < m ? x[i] : m;               \
        y[0] = m;                                                             \
    }                                                                         \
    static void min_stable_##SUF(const T *x, T *y, size_t n) {               \
        T m = INFINITY;                                                       \
        for (size_t i = 0; i < n; i++) {                                      \
            if (isnan(x[i])) { y[0] = x[i]; return; }                         \
            if (x[i] < m || (x[i] == m && !signbit(m) && signbit(x[i]))) m = x[i]; \
        }                                                                     \
        y[0] = m;                                                             \
    }

POOL_DEFINE(float, f32)
POOL_DEFINE(double, f64)

#define MEAN_VARIANTS(P, SUF)                                                           \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "sequential sum / n",          \
               mean_naive_##SUF),                                                       \
    AB_VARIANT("pairwise", AB_STABLE, "scalar", INFINITY, "pairwise sum / n",        \
               mean_pairwise_##SUF),                                                    \
    AB_VARIANT("kahan", AB_STABLE, "scalar", INFINITY, "Neumaier compensated sum / n", \
               mean_kahan_##SUF)
static const ab_variant mean_variants[] = {MEAN_VARIANTS(AB_F32, f32), MEAN_VARIANTS(AB_F64, f64)};

#define MAX_VARIANTS(P, SUF)                                                            \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,                                \
               "m = x > m ? x : m from -inf (NaN swallowed)", max_naive_##SUF),          \
    AB_VARIANT("stable", AB_STABLE, "scalar", 0,                                     \
               "NaN propagates; max(-0,+0) = +0", max_stable_##SUF)
static const ab_variant max_variants[] = {MAX_VARIANTS(AB_F32, f32), MAX_VARIANTS(AB_F64, f64)};

#define MIN_VARIANTS(P, SUF)                                                            \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,                                \
               "m = x < m ? x : m from +inf (NaN swallowed)", min_naive_##SUF),          \
    AB_VARIANT("stable", AB_STABLE, "scalar", 0,                                     \
               "NaN propagates; min(-0,+0) = -0", min_stable_##SUF)
static const ab_variant min_variants[] = {MIN_VARIANTS(AB_F32, f32), MIN_VARIANTS(AB_F64, f64)};

static const ab_row_op mean_pool_op = {
    .name = "mean_pool",
    .description = "y = sum x_i / n over a row",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_mean,
    .neg_inf_row_policy = "neginf",
    .variants = mean_variants,
    .n_variants = AB_COUNT(mean_variants),
};
AB_REGISTER_ROW_OP(mean_pool_op)

static const ab_row_op max_pool_op = {
    .name = "max_pool",
    .description = "y = max x_i over a row; NaN propagates",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_max,
    .neg_inf_row_policy = "neginf",
    .variants = max_variants,
    .n_variants = AB_COUNT(max_variants),
};
AB_REGISTER_ROW_OP(max_pool_op)

static const ab_row_op min_pool_op = {
    .name = "min_pool",
    .description = "y = min x_i over a row; NaN propagates",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_min,
    .neg_inf_row_policy = "neginf",
    .variants = min_variants,
    .n_variants = AB_COUNT(min_variants),
};
AB_REGISTER_ROW_OP(min_pool_op)
