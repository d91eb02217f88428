/* perop.h: the "per-op" 16-bit variants: the article's formula with every
 * intermediate rounded to the format, as a naive bf16/f16 kernel computes
 * it (each operation, and each libm call, evaluated in f32 and rounded
 * back to nearest even; constants rounded to the format too).
 *
 * One formula function serves both formats: write
 *     static inline float sigmoid_perop(float x, int bf) {
 *         return R(1.0f / R(1.0f + R(expf(R(-x)))));
 *     }
 *     AB_PEROP_DEFINE(sigmoid_perop)
 * and register it with one line in the variant list:
 *     AB_PEROP_VARIANTS(sigmoid_perop, "R(1/R(1+R(exp(-x))))"),
 * x is a value of the format (exact in a float); bf is 1 for bfloat16 and
 * 0 for binary16, a constant after inlining.  Negation and fabs are exact
 * and need no R. */
#ifndef AB_PEROP_H
#define AB_PEROP_H
#include "../../api/actbench.h"
#include <math.h>

__attribute__((always_inline)) static inline float ab_perop_round(float v, int bf) {
    return bf ? ab_bf16_to_f32(ab_bf16_from_f32(v)) : ab_f16_to_f32(ab_f16_from_f32(v));
}
#define R(v) ab_perop_round((v), bf)

#define AB_PEROP_DEFINE(fn)                                                        \
    static void fn##_bf16(const ab_bf16 *x, ab_bf16 *y, size_t n) {                \
        for (size_t i = 0; i < n; i++) y[i] = ab_bf16_from_f32(fn(ab_bf16_to_f32(x[i]), 1)); \
    }                                                                              \
    static void fn##_f16(const ab_f16 *x, ab_f16 *y, size_t n) {                   \
        for (size_t i = 0; i < n; i++) y[i] = ab_f16_from_f32(fn(ab_f16_to_f32(x[i]), 0)); \
    }

/* Two registrations (bf16 and f16): no bound is promised. */
#define AB_PEROP_VARIANTS(fn, formula)                                             \
    AB_VARIANT("per-op", AB_NAIVE, "scalar", INFINITY, formula, fn##_bf16),        \
    AB_VARIANT("per-op", AB_NAIVE, "scalar", INFINITY, formula, fn##_f16)
#endif
