/* batch.h: target attributes and the loops that lift a lane-wise kernel to
 * the batch signature (ab_fn_f32 / ab_fn_f64).
 *
 * Every vector function is compiled per function with
 * __attribute__((target("avx2,fma"))) or __attribute__((target("avx512f")));
 * nothing needs global -m flags, and the registry only runs a variant when
 * __builtin_cpu_supports says the CPU has its ISA.  The kernels are
 * always_inline: call them only from functions with the same target. */
#ifndef AB_KERNELS_BATCH_H
#define AB_KERNELS_BATCH_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define AB_AVX2_INLINE __attribute__((target("avx2,fma"), always_inline)) static inline
#define AB_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) static inline
#define AB_AVX2_FN __attribute__((target("avx2,fma"))) static
#define AB_AVX512_FN __attribute__((target("avx512f"))) static

/* ======================================================================== */
/* Batch drivers: full vectors, then one masked vector for the tail.        */
/* Tail lanes are loaded as 0 and never stored; every kernel is lane-wise,  */
/* so a tail element gets the same bits as in a long call.  x == y works    */
/* (each vector is loaded before it is stored).                             */
/* ======================================================================== */

#define AB_V16_BATCH_F32(name, kernel)                                                  \
    AB_AVX512_FN void name(const float *x, float *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
        if (i < n) {                                                                    \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                            \
            _mm512_mask_storeu_ps(y + i, m, kernel(_mm512_maskz_loadu_ps(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_BATCH_F64_512(name, kernel)                                               \
    AB_AVX512_FN void name(const double *x, double *y, size_t n) {                      \
        size_t i = 0;                                                                   \
        for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, kernel(_mm512_loadu_pd(x + i))); \
        if (i < n) {                                                                    \
            __mmask8 m = (__mmask8)((1u << (n - i)) - 1u);                              \
            _mm512_mask_storeu_pd(y + i, m, kernel(_mm512_maskz_loadu_pd(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_BATCH_F32(name, kernel)                                                   \
    AB_AVX2_FN void name(const float *x, float *y, size_t n) {                          \
        size_t i = 0;                                                                   \
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - i)),             \
                                           _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));  \
            _mm256_maskstore_ps(y + i, m, kernel(_mm256_maskload_ps(x + i, m)));        \
        }                                                                               \
    }

#define AB_V4_BATCH_F64(name, kernel)                                                   \
    AB_AVX2_FN void name(const double *x, double *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, kernel(_mm256_loadu_pd(x + i))); \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(n - i)),      \
                                           _mm256_setr_epi64x(0, 1, 2, 3));             \
            _mm256_maskstore_pd(y + i, m, kernel(_mm256_maskload_pd(x + i, m)));        \
        }                                                                               \
    }

/* Portable batch driver: 16-element chunks copied into a local buffer (the
 * tail zero-padded), so the inner loop has a constant trip count and no
 * aliasing question (x == y is allowed): gcc -O2's "very cheap" vectorizer
 * cost model accepts it without versioning or an epilogue. */
#define AB_PORTABLE_BATCH_F32(name, f)                                                  \
    static void name(const float *x, float *y, size_t n) {                              \
        float b_[16];                                                                   \
        for (size_t i = 0; i < n; i += 16) {                                            \
            size_t m = n - i < 16 ? n - i : 16;                                         \
            if (m == 16) memcpy(b_, x + i, sizeof b_); /* constant size: inlined */     \
            else {                                                                      \
                memcpy(b_, x + i, m * sizeof *b_);                                      \
                for (size_t k = m; k < 16; k++) b_[k] = 0.0f;                           \
            }                                                                           \
            for (int k = 0; k < 16; k++) b_[k] = f(b_[k]);                              \
            if (m == 16) memcpy(y + i, b_, sizeof b_);                                  \
            else memcpy(y + i, b_, m * sizeof *b_);                                     \
        }                                                                               \
    }

/* Streaming batch drivers for memory-bound kernels (relu, leaky_relu): as
 * AB_V16_BATCH_F32 / AB_V8_BATCH_F32, but for n >= AB_STREAM_MIN elements
 * the stores are non-temporal (no read-for-ownership of y, which the
 * output would never reuse from cache at that size): a masked head up to
 * y's next 64-byte boundary, aligned streaming stores, an sfence, a masked
 * tail.  The values stored are the kernel's, bit for bit, on either path. */
#define AB_STREAM_MIN ((size_t)1 << 20)   /* 4 MiB of f32 output */

#define AB_V16_STREAM_BATCH_F32(name, kernel)                                           \
    AB_AVX512_FN void name(const float *x, float *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        if (n >= AB_STREAM_MIN && ((uintptr_t)y & 3) == 0) {                            \
            size_t h = ((64 - ((uintptr_t)y & 63)) & 63) / 4;                           \
            if (h) {                                                                    \
                __mmask16 m = (__mmask16)((1u << h) - 1u);                              \
                _mm512_mask_storeu_ps(y, m, kernel(_mm512_maskz_loadu_ps(m, x)));       \
                i = h;                                                                  \
            }                                                                           \
            for (; i + 16 <= n; i += 16) _mm512_stream_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
            _mm_sfence();                                                               \
        } else {                                                                        \
            for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
        }                                                                               \
        if (i < n) {                                                                    \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                            \
            _mm512_mask_storeu_ps(y + i, m, kernel(_mm512_maskz_loadu_ps(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_STREAM_BATCH_F32(name, kernel)                                            \
    AB_AVX2_FN void name(const float *x, float *y, size_t n) {                          \
        size_t i = 0;                                                                   \
        const __m256i lanes_ = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);               \
        if (n >= AB_STREAM_MIN && ((uintptr_t)y & 3) == 0) {                            \
            size_t h = ((32 - ((uintptr_t)y & 31)) & 31) / 4;                           \
            if (h) {                                                                    \
                __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)h), lanes_);      \
                _mm256_maskstore_ps(y, m, kernel(_mm256_maskload_ps(x, m)));            \
                i = h;                                                                  \
            }                                                                           \
            for (; i + 8 <= n; i += 8) _mm256_stream_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
            _mm_sfence();                                                               \
        } else {                                                                        \
            for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
        }                                                                               \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - i)), lanes_);    \
            _mm256_maskstore_ps(y + i, m, kernel(_mm256_maskload_ps(x + i, m)));        \
        }                                                                               \
    }

/* Lanes [0, n - i) of the vector at i (all 16 when n - i >= 16). */
AB_AVX512_INLINE __mmask16 ab_v16_tail_mask(size_t i, size_t n) {
    return n - i >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << (n - i)) - 1u);
}

#endif /* AB_KERNELS_BATCH_H */
