/* softmax_backward: dx_i = y_i (g_i - <g, y>), y = softmax(x): the
 * vector-Jacobian product of softmax, a row operation on the pair (x, g)
 * (AB_ROW_HALF: the row is x then g; the output is dx).  Reference:
 * reference/rows_backward.c.  All -inf x: NaN (softmax is NaN there). */
#include "../reference/rows.h"
#include "kernels/rowdot.h"
#include "kernels/rowsum.h"
#include <math.h>
#include <stdlib.h>

/* naive: the article's softmax, then PyTorch's backward formula
 * (_softmax_backward_data: y * (g - sum(g * y))), sums in order.  Inherits
 * the forward's overflow (inf/inf = NaN above x = 88.7 in f32) and loses
 * every digit where g_i and <g, y> agree: the subtraction cancels. */
#define NAIVE_DEFINE(T, SUF, EXP)                                                       \
    static void naive_##SUF(const T *xg, T *y, size_t n) {                              \
        size_t L = n / 2;                                                               \
        const T *x = xg, *g = xg + L;                                                   \
        for (size_t i = 0; i < L; i++) y[i] = EXP(x[i]);                                \
        T s = ab_sum_seq_##SUF(y, L), dot = 0;                                          \
        for (size_t i = 0; i < L; i++) { y[i] = y[i] / s; dot += g[i] * y[i]; }         \
        for (size_t i = 0; i < L; i++) y[i] = y[i] * (g[i] - dot);                      \
    }
NAIVE_DEFINE(float, f32, expf)
NAIVE_DEFINE(double, f64, exp)

static void all_nan_f32(float *y, size_t L) { for (size_t i = 0; i < L; i++) y[i] = NAN; }
static void all_nan_f64(double *y, size_t L) { for (size_t i = 0; i < L; i++) y[i] = NAN; }

/* stable f32: everything in double.  With t_j = e^(x_j - m) (no overflow,
 * S in [1, L]) and N_i = g_i S - sum g_j t_j, dx_i = t_i N_i / S^2: the
 * cancellation in N_i costs double's 2^-53, which leaves 2^29 of headroom
 * before the float result's last bit is touched. */
static void stable_f32(const float *xg, float *y, size_t n) {
    size_t L = n / 2, k = ab_row_argmax_f32(xg, L);
    const float *x = xg, *g = xg + L;
    if (k == L) { all_nan_f32(y, L); return; }
    double m = x[k], S = 0, A = 0;
    for (size_t j = 0; j < L; j++) {
        double t = exp((double)x[j] - m);
        S += t;
        A += (double)g[j] * t;
    }
    for (size_t i = 0; i < L; i++) {
        double t = exp((double)x[i] - m);
        y[i] = (float)(t * ((double)g[i] * S - A) / (S * S));
    }
}

/* stable f64: t_j into y, S by Neumaier, A = sum g_j t_j compensated
 * (rowdot.h), and N_i = g_i S - A in double-double (the product's low part
 * from an fma), rounded once before the scaling by t_i / S^2. */
static void stable_f64(const double *xg, double *y, size_t n) {
    size_t L = n / 2, k = ab_row_argmax_f64(xg, L);
    const double *x = xg, *g = xg + L;
    if (k == L) { all_nan_f64(y, L); return; }
    for (size_t j = 0; j < L; j++) y[j] = exp(x[j] - x[k]);
    double S = ab_sum_neumaier_f64(y, L), Ah, Al;
    ab_dot2_f64(g, y, L, &Ah, &Al);
    for (size_t i = 0; i < L; i++) {
        double ph = g[i] * S, pl = fma(g[i], S, -ph);
        double N = (ph - Ah) + (pl - Al);
        y[i] = y[i] * N / (S * S);
    }
}

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = e^x/sum e^x (article); y*(g - sum g*y) (PyTorch softmax backward)", naive_f32),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = e^x/sum e^x (article); y*(g - sum g*y) (PyTorch softmax backward)", naive_f64),
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,
               "in double: t = e^(x-max), t_i (g_i S - sum g t) / S^2", stable_f32),
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,
               "t = e^(x-max); Neumaier S; Dot2 sum g t; t_i (g_i S - sum g t) / S^2 in double-double",
               stable_f64),
};

static const ab_row_op backward_op = {
    .name = "softmax_backward",
    .description = "dx_i = y_i (g_i - <g, y>), y = softmax(x): row = x then g",
    .output = AB_ROW_HALF,
    .len_mul = 2,
    .reference = ab_rowref_softmax_backward,
    .neg_inf_row_policy = "nan",
    .variants = variants,
    .n_variants = AB_COUNT(variants),
};
AB_REGISTER_ROW_OP(backward_op)
