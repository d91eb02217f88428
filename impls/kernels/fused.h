/* fused.h: fused forward+backward kernels, one pass giving y = f(x) and
 * dy = f'(x), exposed as two ab_fn_f32 / ab_fn_f64 batch functions
 * (AB_VARIANT_FUSED, api/actbench.h, ABI 4: outputs = 2).
 *
 * A fused kernel has the signature
 *     void k(const float *x, float *y, float *dy, size_t n)
 * and the registry measures one array per variant, so each kernel gets two
 * wrappers, both of which run the whole kernel (the bench counts both
 * outputs' bytes):
 *   stem_dy_batch(x, out, n): dy into out, y into a per-thread scratch;
 *   stem_y_batch(x, out, n):  y into out, dy into the scratch.
 * The scratch is a _Thread_local chunk of AB_FUSED_CHUNK elements (16 KiB
 * of f32: stays in L1 next to the output), so the call is processed
 * chunk by chunk; every kernel here is lane-wise, so chunking changes no
 * bit.  x may alias out (in place): the kernel loads each vector of x
 * before storing either output at that index.
 *
 * AB_FUSED_V16_F32 / AB_FUSED_V8_F64_512 lift a lane kernel
 * `__m512 f(__m512 x, __m512 *dy)` (returns y) to the fused signature:
 * full vectors, then one masked vector for the tail (tail lanes load 0 and
 * are never stored), as batch.h's drivers. */
#ifndef AB_KERNELS_FUSED_H
#define AB_KERNELS_FUSED_H

#include <stddef.h>
#include "batch.h"

#define AB_FUSED_CHUNK 4096

/* The fused kernels themselves, for tests/test_fused.c (one call's two
 * outputs against the two registered wrappers): impls/fused_simd.c's
 * table.  Run `kernel` only where the variant of that name is available
 * (its isa; ab_variant_available). */
typedef void (*ab_fused_f32)(const float *x, float *y, float *dy, size_t n);
typedef struct {
    const char *op;        /* forward activation: "sigmoid"; dy goes to "d_" op */
    const char *dy_name;   /* the variant names registered */
    const char *y_name;
    ab_fused_f32 kernel;
} ab_fused_entry;
extern const ab_fused_entry ab_fused_table[];
extern const size_t ab_fused_table_n;

#define AB_FUSED_WRAP_F32(stem, kernel)                                                 \
    static void stem##_dy_batch(const float *x, float *out, size_t n) {                 \
        static _Thread_local float scratch_[AB_FUSED_CHUNK];                            \
        for (size_t i = 0; i < n; i += AB_FUSED_CHUNK) {                                \
            size_t m = n - i < AB_FUSED_CHUNK ? n - i : AB_FUSED_CHUNK;                 \
            kernel(x + i, scratch_, out + i, m);                                        \
        }                                                                               \
    }                                                                                   \
    static void stem##_y_batch(const float *x, float *out, size_t n) {                  \
        static _Thread_local float scratch_[AB_FUSED_CHUNK];                            \
        for (size_t i = 0; i < n; i += AB_FUSED_CHUNK) {                                \
            size_t m = n - i < AB_FUSED_CHUNK ? n - i : AB_FUSED_CHUNK;                 \
            kernel(x + i, out + i, scratch_, m);                                        \
        }                                                                               \
    }

#define AB_FUSED_WRAP_F64(stem, kernel)                                                 \
    static void stem##_dy_batch(const double *x, double *out, size_t n) {               \
        static _Thread_local double scratch_[AB_FUSED_CHUNK];                           \
        for (size_t i = 0; i < n; i += AB_FUSED_CHUNK) {                                \
            size_t m = n - i < AB_FUSED_CHUNK ? n - i : AB_FUSED_CHUNK;                 \
            kernel(x + i, scratch_, out + i, m);                                        \
        }                                                                               \
    }                                                                                   \
    static void stem##_y_batch(const double *x, double *out, size_t n) {                \
        static _Thread_local double scratch_[AB_FUSED_CHUNK];                           \
        for (size_t i = 0; i < n; i += AB_FUSED_CHUNK) {                                \
            size_t m = n - i < AB_FUSED_CHUNK ? n - i : AB_FUSED_CHUNK;                 \
            kernel(x + i, out + i, scratch_, m);                                        \
        }                                                                               \
    }

/* A NaN input gives its own NaN, quieted (x + x), in both outputs: the
 * kernels' commutative steps leave the compiler free to choose which NaN
 * operand propagates, and the body and the tail could choose differently
 * (a NaN's sign then depended on its position). */
AB_AVX512_INLINE __m512 ab_fused_nan_f32(__m512 x, __m512 v) {
    return _mm512_mask_add_ps(v, _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), x, x);
}
#define AB_FUSED_V16_F32(name, f)                                                       \
    AB_AVX512_FN void name(const float *x, float *y, float *dy, size_t n) {             \
        size_t i = 0;                                                                   \
        for (; i + 16 <= n; i += 16) {                                                  \
            __m512 x_ = _mm512_loadu_ps(x + i), d_, v_ = f(x_, &d_);                    \
            _mm512_storeu_ps(y + i, ab_fused_nan_f32(x_, v_));                          \
            _mm512_storeu_ps(dy + i, ab_fused_nan_f32(x_, d_));                         \
        }                                                                               \
        if (i < n) {                                                                    \
            __mmask16 m_ = (__mmask16)((1u << (n - i)) - 1u);                           \
            __m512 x_ = _mm512_maskz_loadu_ps(m_, x + i), d_, v_ = f(x_, &d_);          \
            v_ = ab_fused_nan_f32(x_, v_);                                              \
            d_ = ab_fused_nan_f32(x_, d_);                                              \
            _mm512_mask_storeu_ps(y + i, m_, v_);                                       \
            _mm512_mask_storeu_ps(dy + i, m_, d_);                                      \
        }                                                                               \
    }

#define AB_FUSED_V8_F64_512(name, f)                                                    \
    AB_AVX512_FN void name(const double *x, double *y, double *dy, size_t n) {          \
        size_t i = 0;                                                                   \
        for (; i + 8 <= n; i += 8) {                                                    \
            __m512d d_, v_ = f(_mm512_loadu_pd(x + i), &d_);                            \
            _mm512_storeu_pd(y + i, v_);                                                \
            _mm512_storeu_pd(dy + i, d_);                                               \
        }                                                                               \
        if (i < n) {                                                                    \
            __mmask8 m_ = (__mmask8)((1u << (n - i)) - 1u);                             \
            __m512d d_, v_ = f(_mm512_maskz_loadu_pd(m_, x + i), &d_);                  \
            _mm512_mask_storeu_pd(y + i, m_, v_);                                       \
            _mm512_mask_storeu_pd(dy + i, m_, d_);                                      \
        }                                                                               \
    }

#endif /* AB_KERNELS_FUSED_H */
