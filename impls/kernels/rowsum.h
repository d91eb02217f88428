/* rowsum.h: summation kernels shared by the row operations (softmax,
 * mean_pool), for float and double.
 *
 * Sequential summation of n terms has a relative error bound of about
 * (n - 1) u times sum|x| / |sum x|; pairwise summation brings the factor
 * down to log2(n) u, and compensated (Neumaier) summation to 2u plus
 * O(n u^2), which is why the stable variants use them on long rows. */
#ifndef AB_KERNELS_ROWSUM_H
#define AB_KERNELS_ROWSUM_H
#include <math.h>
#include <stddef.h>

#define AB_ROWSUM_DEFINE(T, SUF, FABS)                                                  \
    static inline T ab_sum_seq_##SUF(const T *x, size_t n) {                            \
        T s = 0;                                                                        \
        for (size_t i = 0; i < n; i++) s += x[i];                                       \
        return s;                                                                       \
    }                                                                                   \
    /* Blocks of 8 are summed in order: the error tree stays log2 deep. */              \
    static inline T ab_sum_pairwise_##SUF(const T *x, size_t n) {                       \
        if (n <= 8) return ab_sum_seq_##SUF(x, n);                                      \
        size_t h = n / 2;                                                               \
        return ab_sum_pairwise_##SUF(x, h) + ab_sum_pairwise_##SUF(x + h, n - h);       \
    }                                                                                   \
    /* Neumaier: c collects the low part lost by each addition, whichever               \
     * operand is larger (Kahan's version loses it when a term exceeds the              \
     * running sum).  Once the plain sum is infinite, (s - t) would be                  \
     * inf - inf = NaN, so the plain sum is returned as it stands. */                   \
    static inline T ab_sum_neumaier_##SUF(const T *x, size_t n) {                       \
        T s = 0, c = 0;                                                                 \
        for (size_t i = 0; i < n; i++) {                                                \
            T t = s + x[i];                                                             \
            if (FABS(s) >= FABS(x[i])) c += (s - t) + x[i];                             \
            else c += (x[i] - t) + s;                                                   \
            s = t;                                                                      \
        }                                                                               \
        return isfinite(s) ? s + c : s;                                                 \
    }

AB_ROWSUM_DEFINE(float, f32, fabsf)
AB_ROWSUM_DEFINE(double, f64, fabs)
#endif
