/* bits.h: bit-level views of floats and powers of two built from exponent
 * bits.  Every helper is exact: memcpy reinterprets, and 2^n is written
 * straight into the exponent field (n in the normal range only; callers
 * that need 2^n outside it split n, see exp_reduction.h). */
#ifndef AB_KERNELS_BITS_H
#define AB_KERNELS_BITS_H

#include <stdint.h>
#include <string.h>

/* always_inline for the small scalar helpers that sit inside the portable
 * kernels' chunk loops: the vectorizer only sees through inlined code. */
#define AB_SCALAR_INLINE __attribute__((always_inline)) static inline

static inline float ab__f32_from_bits(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static inline uint32_t ab__f32_to_bits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static inline double ab__f64_from_bits(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }
static inline uint64_t ab__f64_to_bits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }

/* 2^n for n in the normal exponent range (-126..127 / -1022..1023) */
static inline float ab__pow2_f32(int32_t n) { return ab__f32_from_bits((uint32_t)(n + 127) << 23); }
static inline double ab__pow2_f64(int n) { return ab__f64_from_bits((uint64_t)(n + 1023) << 52); }

/* (c ? a : b) on the bits.  A plain ?: whose arm needs arithmetic is
 * sunk into a branch, and with -ftrapping-math (the default) gcc will not
 * if-convert it back ("control flow in loop"); integer masks vectorize. */
static inline float ab_psel_f32(int c, float a, float b) {
    uint32_t m = (uint32_t)-(int32_t)(c != 0);
    return ab__f32_from_bits((ab__f32_to_bits(a) & m) | (ab__f32_to_bits(b) & ~m));
}

#endif /* AB_KERNELS_BITS_H */
