/* Radial basis functions of a row v against the fixed centre c_i = 1/2
 * (AB_RBF_CENTRE), out_len = 1:
 *   gaussian_rbf     e^(-||v - c||^2)
 *   multiquadric_rbf sqrt(||v - c||^2 + 1)
 * The naive norm sums squares, which overflow once |v_i - c| > 1.8e19
 * (f32) or 1.3e154 (f64) although the norm itself is finite.  The scaled
 * norm divides by t = max |v_i - c| first (as hypot does), so every
 * squared term is <= 1 and the sum is in [1, n]. */
#include "../reference/rows.h"
#include <math.h>

#define RBF_DEFINE(T, SUF, EXP, SQRT, FABS)                                   \
    static T sqnorm_naive_##SUF(const T *x, size_t n) {                      \
        T s = 0;                                                              \
        for (size_t i = 0; i < n; i++) {                                      \
            T d = x[i] - (T)AB_RBF_CENTRE;                                    \
            s += d * d;                                                       \
        }                                                                     \
        return s;                                                             \
    }                                                                         \
    /* ||d||^2 = t^2 sum (d_i/t)^2; returns the sum and t.  An infinite t   \
     * must not be divided by (inf/inf = NaN): the norm is then inf. */     \
    static T scaled_##SUF(const T *x, size_t n, T *t) {                      \
        T m = 0;                                                              \
        for (size_t i = 0; i < n; i++) {                                      \
            T a = FABS(x[i] - (T)AB_RBF_CENTRE);                              \
            if (a > m || isnan(a)) m = a;                                     \
        }                                                                     \
        *t = m;                                                               \
        if (m == 0 || isinf(m) || isnan(m)) return m;                         \
        T s = 0;                                                              \
        for (size_t i = 0; i < n; i++) {                                      \
            T d = (x[i] - (T)AB_RBF_CENTRE) / m;                              \
            s += d * d;                                                       \
        }                                                                     \
        return s;                                                             \
    }                                                                         \
    static void gauss_naive_##SUF(const T *x, T *y, size_t n) {              \
        y[0] = EXP(-sqnorm_naive_##SUF(x, n));                                \
    }                                                                         \
    /* e^(-t^2 s) = (e^(-s))^(t^2) would need pow; t^2 s overflowing means   \
     * the result underflows anyway, so the product is formed directly:      \
     * scaling changes nothing for the Gaussian but the order of the sum. */ \
    static void gauss_scaled_##SUF(const T *x, T *y, size_t n) {             \
        T t, s = scaled_##SUF(x, n, &t);                                      \
        if (t == 0 || isinf(t) || isnan(t)) { y[0] = EXP(-s * s); return; }   \
        y[0] = EXP(-(t * t) * s);                                             \
    }                                                                         \
    static void mq_naive_##SUF(const T *x, T *y, size_t n) {                 \
        y[0] = SQRT(sqnorm_naive_##SUF(x, n) + 1);                            \
    }                                                                         \
    /* sqrt(t^2 s + 1) = t sqrt(s + 1/t^2) for t > 1 (where 1/t^2 cannot     \
     * overflow); for t <= 1 no square can overflow, so the plain sum. */   \
    static void mq_scaled_##SUF(const T *x, T *y, size_t n) {                \
        T t, s = scaled_##SUF(x, n, &t);                                      \
        if (isinf(t) || isnan(t)) { y[0] = t; return; }                       \
        if (t <= 1) { y[0] = SQRT(sqnorm_naive_##SUF(x, n) + 1); return; }    \
        y[0] = t * SQRT(s + (1 / t) / t);                                     \
    }

RBF_DEFINE(float, f32, expf, sqrtf, fabsf)
RBF_DEFINE(double, f64, exp, sqrt, fabs)

#define GAUSS_VARIANTS(P, SUF)                                                            \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "e^(-sum (v_i - c)^2)",          \
               gauss_naive_##SUF),                                                        \
    AB_VARIANT("scaled", AB_STABLE, "scalar", INFINITY,                                \
               "t = max|v_i - c|; e^(-t^2 sum ((v_i - c)/t)^2)", gauss_scaled_##SUF)
static const ab_variant gauss_variants[] = {GAUSS_VARIANTS(AB_F32, f32),
                                            GAUSS_VARIANTS(AB_F64, f64)};

#define MQ_VARIANTS(P, SUF)                                                               \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY, "sqrt(sum (v_i - c)^2 + 1)",     \
               mq_naive_##SUF),                                                           \
    AB_VARIANT("scaled", AB_STABLE, "scalar", INFINITY,                                \
               "t = max|v_i - c|; t sqrt(sum ((v_i - c)/t)^2 + 1/t^2) for t > 1",          \
               mq_scaled_##SUF)
static const ab_variant mq_variants[] = {MQ_VARIANTS(AB_F32, f32), MQ_VARIANTS(AB_F64, f64)};

static const ab_row_op gaussian_rbf_op = {
    .name = "gaussian_rbf",
    .description = "y = e^(-||v - c||^2), c_i = 1/2",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_gaussian_rbf,
    .neg_inf_row_policy = "zeros",
    .variants = gauss_variants,
    .n_variants = AB_COUNT(gauss_variants),
};
AB_REGISTER_ROW_OP(gaussian_rbf_op)

static const ab_row_op multiquadric_rbf_op = {
    .name = "multiquadric_rbf",
    .description = "y = sqrt(||v - c||^2 + 1), c_i = 1/2",
    .output = AB_ROW_SCALAR,
    .reference = ab_rowref_multiquadric_rbf,
    .neg_inf_row_policy = "posinf",
    .variants = mq_variants,
    .n_variants = AB_COUNT(mq_variants),
};
AB_REGISTER_ROW_OP(multiquadric_rbf_op)
