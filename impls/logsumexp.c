/* logsumexp: y = log(sum_j e^(x_j)), a row operation (out_len = 1).
 * -inf entries contribute e^-inf = 0; an all -inf row gives log 0 = -inf. */
#include "../reference/rows.h"
#include <math.h>

#define LOGSUMEXP_DEFINE(T, SUF, EXP, LOG, LOG1P)                             \
    /* Overflows to +inf once any x > 88.7 (f32), and gives -inf once every  \
     * e^x underflows (all x < -103.3 in f32) though the result is finite.   \
     * It gets the all -inf row right only because log(0) = -inf. */        \
    static void naive_##SUF(const T *x, T *y, size_t n) {                    \
        T s = 0;                                                              \
        for (size_t i = 0; i < n; i++) s += EXP(x[i]);                        \
        y[0] = LOG(s);                                                        \
    }                                                                         \
    static T rowmax_##SUF(const T *x, size_t n, size_t *k) {                 \
        *k = 0;                                                               \
        for (size_t i = 1; i < n; i++)                                        \
            if (x[i] > x[*k] || isnan(x[i])) *k = i;                          \
        return x[*k];                                                         \
    }                                                                         \
    /* m + log(sum e^(x - m)): exponents <= 0 and a sum in [1, n].  An       \
     * infinite m must be returned as it is: x - m would be inf - inf. */    \
    static void stable_##SUF(const T *x, T *y, size_t n) {                   \
        size_t k;                                                             \
        T m = rowmax_##SUF(x, n, &k), s = 0;                                  \
        if (isinf(m) || isnan(m)) { y[0] = m; return; }                       \
        for (size_t i = 0; i < n; i++) s += EXP(x[i] - m);                    \
        y[0] = m + LOG(s);                                                    \
    }                                                                         \
    /* m + log1p(sum over j != argmax): log1p keeps the small tail's digits, \
     * which matters when m is near 0 or the tail is near -m. */            \
    static void log1p_##SUF(const T *x, T *y, size_t n) {                    \
        size_t k;                                                             \
        T m = rowmax_##SUF(x, n, &k), t = 0;                                  \
        if (isinf(m) || isnan(m)) { y[0] = m; return; }                       \
        for (size_t i = 0; i < n; i++)                                        \
            if (i != k) t += EXP(x[i] - m);                                   \
        y[0] = m + LOG1P(t);                                                  \
    }

LOGSUMEXP_DEFINE(float, f32, expf, logf, log1pf)
LOGSUMEXP_DEFINE(double, f64, exp, log, log1p)

#define LOGSUMEXP_VARIANTS(P, SUF)                                                      \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "log(sum e^x_j)", naive_##SUF), \
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,                               \
               "m + log(sum e^(x_j - m)), m = max; inf m returned", stable_##SUF),       \
    AB_VARIANT("stable-log1p", AB_STABLE, "scalar", INFINITY,                         \
               "m + log1p(sum_{j!=argmax} e^(x_j - m))", log1p_##SUF)

static const ab_variant logsumexp_variants[] = {LOGSUMEXP_VARIANTS(AB_F32, f32),
                                                LOGSUMEXP_VARIANTS(AB_F64, f64)};

static const ab_row_op logsumexp_op = {
    .name = "logsumexp",
    .description = "y = log(sum_j e^(x_j)) over a row",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_logsumexp,
    .neg_inf_row_policy = "neginf",
    .variants = logsumexp_variants,
    .n_variants = AB_COUNT(logsumexp_variants),
};
AB_REGISTER_ROW_OP(logsumexp_op)
