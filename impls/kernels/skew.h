/* skew.h: a software-pipelined ("skewed") f32 batch driver for kernels
 * whose work splits into a first half fa(x) -> e (an exp) and a second
 * half fb(x, e) -> y (a division), with f(x) = fb(x, fa(x)) lane by lane.
 *
 * Blocks of 256: each step computes fa for block b+1 into a 1 KiB stack
 * buffer while it finishes block b from the other, so the divisions of one
 * block overlap the FMA work of the next (one vector at a time, the
 * sigmoid's e then division chain took 6.7 cycles per vector against 4.2 +
 * 2.5 for its halves alone, Zen 5).  The tail runs f one vector at a
 * time and then masked.  The values are f's, whatever the grouping
 * (tests/test_skew.c compares the bits with the single-vector twin).
 * x == y works: block b's x is read just before its y is stored, and the
 * fa pass reads block b+1, not yet written. */
#ifndef AB_KERNELS_SKEW_H
#define AB_KERNELS_SKEW_H
#include <immintrin.h>
#include <stddef.h>

/* one load kept in a register: without the empty asm gcc folds the buffer
 * read into each of its uses (3 loads of e per vector in the object code) */
#define AB_SKEW_LOAD1(v, expr) do { v = (expr); __asm__("" : "+v"(v)); } while (0)
#define AB_SKEW_B 256

#define AB_SKEW_FIN(xb, eb, yb, j, fb)                                                   \
    {                                                                                    \
        __m512 xv_, ev_;                                                                 \
        AB_SKEW_LOAD1(xv_, _mm512_loadu_ps((xb) + (j)));                                 \
        AB_SKEW_LOAD1(ev_, _mm512_load_ps((eb) + (j)));                                  \
        _mm512_storeu_ps((yb) + (j), fb(xv_, ev_));                                      \
    }
/* the first half of one vector: e = fa(x) into eb, x folded into lo */
#define AB_SKEW_E(xs, eb, j, lo, fa, track)                                              \
    {                                                                                    \
        __m512 xa_ = _mm512_loadu_ps((xs) + (j));                                        \
        lo = track(lo, xa_);                                                             \
        _mm512_store_ps((eb) + (j), fa(xa_));                                            \
    }
/* finish block xb -> yb from eb: with fbx (the checked finish) when the
 * block's x gave rare(lo), else with fb */
#define AB_SKEW_BLOCK(xb, eb, yb, fb, fbx, rare, lo)                                     \
    if (rare(lo)) {                                                                      \
        for (size_t j = 0; j < AB_SKEW_B; j += 16) AB_SKEW_FIN(xb, eb, yb, j, fbx)       \
    } else {                                                                             \
        for (size_t j = 0; j < AB_SKEW_B; j += 16) AB_SKEW_FIN(xb, eb, yb, j, fb)        \
    }

/* The block hooks: track(lo, x) folds each x read by the first half into
 * lo (one op), and rare(lo) tells, once per block of 256, whether the block
 * needs fbx, a finish that also fixes rare lanes (impls/sigmoid_fast2_simd.c:
 * its subnormal tail), instead of a test and branch per vector.  The fix
 * happens before the store, so x == y still works.  These two do nothing. */
__attribute__((target("avx512f"), always_inline)) static inline __m512 ab_skew_notrack(__m512 lo, __m512 x) {
    (void)x;
    return lo;
}
__attribute__((target("avx512f"), always_inline)) static inline int ab_skew_never(__m512 lo) {
    (void)lo;
    return 0;
}

#define AB_SKEW256_F32(name, isa_, fa, fb, f) AB_SKEW256_HOOK_F32(name, isa_, fa, fb, f, ab_skew_notrack, ab_skew_never, fb)

#define AB_SKEW256_HOOK_F32(name, isa_, fa, fb, f, track, rare, fbx)                   \
    __attribute__((target(isa_))) static void name(const float *x, float *y, size_t n) { \
        float eb[2][AB_SKEW_B] __attribute__((aligned(64)));                             \
        size_t nb = n / AB_SKEW_B, i = 0;                                                \
        if (nb > 0) {                                                                    \
            const __m512 top_ = _mm512_set1_ps(__builtin_inff());                        \
            __m512 lo_ = top_;                                                           \
            for (size_t j = 0; j < AB_SKEW_B; j += 16) AB_SKEW_E(x, eb[0], j, lo_, fa, track) \
            int c = 0;                                                                   \
            for (size_t b = 0; b + 1 < nb; b++, c ^= 1) {                                \
                const float *xb = x + b * AB_SKEW_B;                                     \
                float *yb = y + b * AB_SKEW_B;                                           \
                __m512 next_ = top_;                                                     \
                if (rare(lo_)) {                                                         \
                    for (size_t j = 0; j < AB_SKEW_B; j += 16) {                         \
                        AB_SKEW_E(xb + AB_SKEW_B, eb[c ^ 1], j, next_, fa, track)        \
                        AB_SKEW_FIN(xb, eb[c], yb, j, fbx)                               \
                    }                                                                    \
                } else {                                                                 \
                    for (size_t j = 0; j < AB_SKEW_B; j += 16) {                         \
                        AB_SKEW_E(xb + AB_SKEW_B, eb[c ^ 1], j, next_, fa, track)        \
                        AB_SKEW_FIN(xb, eb[c], yb, j, fb)                                \
                    }                                                                    \
                }                                                                        \
                lo_ = next_;                                                             \
            }                                                                            \
            const float *xb = x + (nb - 1) * AB_SKEW_B;                                  \
            float *yb = y + (nb - 1) * AB_SKEW_B;                                        \
            AB_SKEW_BLOCK(xb, eb[c], yb, fb, fbx, rare, lo_)                             \
            i = nb * AB_SKEW_B;                                                          \
        }                                                                                \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, f(_mm512_loadu_ps(x + i))); \
        if (i < n) {                                                                     \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                             \
            _mm512_mask_storeu_ps(y + i, m, f(_mm512_maskz_loadu_ps(m, x + i)));        \
        }                                                                                \
    }

#endif /* AB_KERNELS_SKEW_H */
