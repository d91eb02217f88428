/* log_softmax_backward: dx_i = g_i - softmax(x)_i sum_j g_j, the
 * vector-Jacobian product of log_softmax, a row operation on the pair
 * (x, g) (AB_ROW_HALF: the row is x then g; the output is dx).  Reference:
 * reference/rows_backward.c.  All -inf x: NaN (log_softmax is NaN). */
#include "../reference/rows.h"
#include "kernels/rowdot.h"
#include "kernels/rowsum.h"
#include <math.h>

/* naive: the article's log_softmax (log(e^x_i / sum e^x_j)), then
 * PyTorch's backward formula from the output (_log_softmax_backward_data:
 * g - exp(y) * sum(g)).  The forward's overflow gives NaN; where softmax
 * underflows, log gives -inf and exp(-inf) = 0, which is harmless; the
 * subtraction cancels where g_i ~ p_i sum g. */
#define NAIVE_DEFINE(T, SUF, EXP, LOG)                                                  \
    static void naive_##SUF(const T *xg, T *y, size_t n) {                              \
        size_t L = n / 2;                                                               \
        const T *x = xg, *g = xg + L;                                                   \
        for (size_t i = 0; i < L; i++) y[i] = EXP(x[i]);                                \
        T s = ab_sum_seq_##SUF(y, L), G = ab_sum_seq_##SUF(g, L);                       \
        for (size_t i = 0; i < L; i++) y[i] = LOG(y[i] / s);                            \
        for (size_t i = 0; i < L; i++) y[i] = g[i] - EXP(y[i]) * G;                     \
    }
NAIVE_DEFINE(float, f32, expf, logf)
NAIVE_DEFINE(double, f64, exp, log)

/* stable f32: in double, p_i = e^(x_i - m)/S straight (not exp of a
 * rounded log_softmax, whose absolute error e^y amplifies), G summed in
 * double, dx_i = g_i - p_i G rounded once to float. */
static void stable_f32(const float *xg, float *y, size_t n) {
    size_t L = n / 2, k = ab_row_argmax_f32(xg, L);
    const float *x = xg, *g = xg + L;
    if (k == L) { for (size_t i = 0; i < L; i++) y[i] = NAN; return; }
    double m = x[k], S = 0, G = 0;
    for (size_t j = 0; j < L; j++) { S += exp((double)x[j] - m); G += g[j]; }
    for (size_t i = 0; i < L; i++)
        y[i] = (float)((double)g[i] - exp((double)x[i] - m) / S * G);
}

/* stable f64: with t_j = e^(x_j - m), S = Sh + Sl and G = Gh + Gl as
 * double-double sums, dx_i = (g_i S - t_i G) / S, the numerator from the
 * exact products (fma) of the high parts: so a constant row (t = 1, S = c,
 * G = c g) gives exactly 0, which g_i - fl(p_i) G misses by a rounding of
 * either sign; a masked entry (t_i = 0) is g_i exactly. */
static void stable_f64(const double *xg, double *y, size_t n) {
    size_t L = n / 2, k = ab_row_argmax_f64(xg, L);
    const double *x = xg, *g = xg + L;
    if (k == L) { for (size_t i = 0; i < L; i++) y[i] = NAN; return; }
    for (size_t j = 0; j < L; j++) y[j] = exp(x[j] - x[k]);
    double Sh, Sl, Gh, Gl;
    ab_sum2_f64(y, L, &Sh, &Sl);
    ab_sum2_f64(g, L, &Gh, &Gl);
    for (size_t i = 0; i < L; i++) {
        double t = y[i];
        if (t == 0) { y[i] = g[i]; continue; }
        double ph = g[i] * Sh, pl = fma(g[i], Sh, -ph), qh = t * Gh, ql = fma(t, Gh, -qh);
        y[i] = ((ph - qh) + ((pl - ql) + (g[i] * Sl - t * Gl))) / (Sh + Sl);
    }
}

static const ab_variant variants[] = {
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = log(e^x/sum e^x) (article); g - exp(y)*sum g (PyTorch log_softmax backward)",
               naive_f32),
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,
               "y = log(e^x/sum e^x) (article); g - exp(y)*sum g (PyTorch log_softmax backward)",
               naive_f64),
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,
               "in double: p = e^(x-max)/S; g - p*sum g", stable_f32),
    AB_VARIANT("stable", AB_STABLE, "scalar", INFINITY,
               "t = e^(x-max); (g_i S - t_i G)/S, S and G double-double, exact products", stable_f64),
};

static const ab_row_op backward_op = {
    .name = "log_softmax_backward",
    .description = "dx_i = g_i - softmax(x)_i sum_j g_j: row = x then g",
    .output = AB_ROW_HALF,
    .len_mul = 2,
    .reference = ab_rowref_log_softmax_backward,
    .neg_inf_row_policy = "nan",
    .variants = variants,
    .n_variants = AB_COUNT(variants),
};
AB_REGISTER_ROW_OP(backward_op)
