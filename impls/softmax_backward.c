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


/* stable: t_j = e^(x_j - m) (no overflow, S in [1, L]), S = Sh + Sl and
 * A = sum g_j t_j as double-double sums (rowdot.h), and N_i = g_i S - A in
 * double-double (the product's low part from an fma; S's low part keeps
 * the rest of a row whose maximum dominates, which g_k S - A is made of),
 * rounded once before the scaling by t_i / S^2.  On doubles; t holds L
 * doubles and becomes dx. */
static void stable_core(const double *x, const double *g, double *t, size_t L) {
    size_t k = ab_row_argmax_f64(x, L);
    if (k == L) { for (size_t i = 0; i < L; i++) t[i] = NAN; return; }
    for (size_t j = 0; j < L; j++) t[j] = exp(x[j] - x[k]);
    double Sh, Sl, Ah, Al;
    ab_sum2_f64(t, L, &Sh, &Sl);
    ab_dot2_f64(g, t, L, &Ah, &Al);
    double S = Sh + Sl;
    for (size_t i = 0; i < L; i++) {
        double ph = g[i] * Sh, pl = fma(g[i], Sh, -ph);
        double N = (ph - Ah) + ((pl - Al) + g[i] * Sl);
        t[i] = t[i] * N / (S * S);
    }
}

static void stable_f64(const double *xg, double *y, size_t n) {
    stable_core(xg, xg + n / 2, y, n / 2);
}

/* f32: the same on the row widened to double (exact), rounded once at the
 * end: the cancellation in N_i then costs double's digits, 2^29 below the
 * float result's last bit. */
static void stable_f32(const float *xg, float *y, size_t n) {
    double *w = malloc(3 * (n / 2 + 1) * sizeof *w);
    if (!w) abort();
    size_t L = n / 2;
    for (size_t j = 0; j < 2 * L; j++) w[j] = xg[j];
    stable_core(w, w + L, w + 2 * L, L);
    for (size_t i = 0; i < L; i++) y[i] = (float)w[2 * L + i];
    free(w);
}

/* Measured on the wide and huge rows (sweep rows softmax_backward/stable). */
#define WHY_UNDERFLOW                                                                       \
    "sign, zero flush: t_j = e^(x_j - max) underflows double below e^-745 (wide and huge "   \
    "rows), so an output far below the smallest subnormal comes out as a zero whose sign "   \
    "is not the exact product's, and one within range but built from lost terms as 0"

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = e^x/sum e^x (article); y*(g - sum g*y) (PyTorch softmax backward)", naive_f32),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = e^x/sum e^x (article); y*(g - sum g*y) (PyTorch softmax backward)", naive_f64),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", INFINITY,
               "in double: t = e^(x-max); t_i (g_i S - sum g t) / S^2, S and the sums double-double",
               stable_f32, AB_FAIL_SIGN | AB_FAIL_ZERO, WHY_UNDERFLOW),
    AB_VARIANT_EXPECTING("stable", AB_STABLE, "scalar", INFINITY,
               "t = e^(x-max); t_i (g_i S - sum g t) / S^2, S and the sums double-double",
               stable_f64, AB_FAIL_SIGN | AB_FAIL_ZERO, WHY_UNDERFLOW),
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
