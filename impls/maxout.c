/* maxout with k = 4 affine pieces: y = max_i (w_i . x + b_i), as the
 * article's tensordot + reduce_max.  Row layout (n = 5d + 4):
 *   [x_1..x_d | w_1,1..w_1,d | .. | w_4,1..w_4,d | b_1..b_4]
 * A dot product that cancels (sum |w_j x_j| >> |w . x|) has no bounded
 * ULP error in any variant: the error of each rounding is relative to the
 * partial sums, not to the result. */
#include "../reference/rows.h"
#include <math.h>

#define MAXOUT_DEFINE(T, SUF, FMA)                                            \
    /* One rounding per product and per addition. */                        \
    static void naive_##SUF(const T *x, T *y, size_t n) {                    \
        if (n < 9 || (n - 4) % 5) { y[0] = NAN; return; }                     \
        size_t d = (n - 4) / 5;                                               \
        T m = -INFINITY;                                                      \
        for (size_t i = 0; i < 4; i++) {                                      \
            const T *w = x + d + i * d;                                       \
            T z = 0;                                                          \
            for (size_t j = 0; j < d; j++) z += w[j] * x[j];                  \
            z += x[5 * d + i];                                                \
            m = z > m ? z : m;                                                \
        }                                                                     \
        y[0] = m;                                                             \
    }                                                                         \
    /* fma(w, x, z) rounds w x + z once: the products' own roundings are     \
     * gone, which halves the error terms of a dot product.  The maximum     \
     * propagates NaN (a NaN piece is a NaN result, as the reference). */   \
    static void fma_##SUF(const T *x, T *y, size_t n) {                      \
        if (n < 9 || (n - 4) % 5) { y[0] = NAN; return; }                     \
        size_t d = (n - 4) / 5;                                               \
        T m = -INFINITY;                                                      \
        for (size_t i = 0; i < 4; i++) {                                      \
            const T *w = x + d + i * d;                                       \
            T z = x[5 * d + i];                                               \
            for (size_t j = 0; j < d; j++) z = FMA(w[j], x[j], z);            \
            if (isnan(z) || z > m || (z == 0 && m == 0 && !signbit(z))) m = z; \
            if (isnan(m)) break;                                              \
        }                                                                     \
        y[0] = m;                                                             \
    }

MAXOUT_DEFINE(float, f32, fmaf)
MAXOUT_DEFINE(double, f64, fma)

#define MAXOUT_VARIANTS(P, SUF)                                                          \
    AB_VARIANT("naive", AB_NAIVE, "scalar", INFINITY,                                  \
               "z_i = sum w_ij x_j + b_i in order; m = z > m ? z : m (article)", naive_##SUF), \
    /* On the huge generator a piece's dot product cancels (terms near the  \
     * format's maximum, sum near 0): the fma chain's result has no bounded \
     * error, so its sign can differ from the exact sum's. */             \
    AB_VARIANT_EXPECTING("fma", AB_STABLE, "scalar", INFINITY,                         \
               "z_i = fma chain from b_i; NaN-propagating max", fma_##SUF,          \
               AB_FAIL_SIGN, "a cancelling dot product (huge rows) has no bounded error, so its sign can flip")

static const ab_variant maxout_variants[] = {MAXOUT_VARIANTS(AB_F32, f32),
                                             MAXOUT_VARIANTS(AB_F64, f64)};

static const ab_row_op maxout_op = {
    .name = "maxout",
    .description = "y = max_{i<4} (w_i . x + b_i); row [x (d) | w (4d) | b (4)], n = 5d + 4",
    .output = AB_ROW_SCALAR,
    .len_mul = 5,
    .len_add = 4,
    .reference = ab_rowref_maxout,
    .neg_inf_row_policy = "nan",
    .variants = maxout_variants,
    .n_variants = AB_COUNT(maxout_variants),
};
AB_REGISTER_ROW_OP(maxout_op)
