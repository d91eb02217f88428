/* rowdot.h: the pieces the backward row operations share (softmax and
 * log_softmax backward, impls/softmax_backward.c, impls/log_softmax_backward.c): the index of the first
 * maximum, and a compensated dot product.
 *
 * Compensated dot (Ogita, Rump, Oishi 2005, Dot2): each product's low
 * part comes exactly from an fma (a*b - p), each sum's from TwoSum, so the
 * result is as if computed in twice the precision and rounded once more:
 * error below u |sum| + gamma(n)^2 sum |a b|. */
#ifndef AB_KERNELS_ROWDOT_H
#define AB_KERNELS_ROWDOT_H
#include <math.h>
#include <stddef.h>

/* The first maximum of x[0..n); n when the row has a NaN or is all -inf. */
#define AB_ROW_ARGMAX_DEFINE(T, SUF)                                                    \
    static inline size_t ab_row_argmax_##SUF(const T *x, size_t n) {                    \
        size_t k = 0;                                                                   \
        for (size_t i = 0; i < n; i++) {                                                \
            if (isnan(x[i])) return n;                                                  \
            if (x[i] > x[k]) k = i;                                                     \
        }                                                                               \
        return x[k] == -INFINITY ? n : k;                                               \
    }
AB_ROW_ARGMAX_DEFINE(float, f32)
AB_ROW_ARGMAX_DEFINE(double, f64)

/* sum x_i as hi + lo (Neumaier, the compensation kept apart): exact for
 * the sums the backward rows meet in practice (equal entries, short rows),
 * within about u^2 sum |x_i| otherwise. */
static inline void ab_sum2_f64(const double *x, size_t n, double *hi, double *lo) {
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double t = s + x[i];
        c += fabs(s) >= fabs(x[i]) ? (s - t) + x[i] : (x[i] - t) + s;
        s = t;
    }
    *hi = s;
    *lo = isfinite(s) ? c : 0;
}

/* sum a_i b_i as hi + lo (double-double). */
static inline void ab_dot2_f64(const double *a, const double *b, size_t n, double *hi,
                               double *lo) {
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double p = a[i] * b[i], pe = fma(a[i], b[i], -p);
        double t = s + p, z = t - s;
        c += ((s - (t - z)) + (p - z)) + pe;
        s = t;
    }
    *hi = s;
    *lo = c;
}
#endif
