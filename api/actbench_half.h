/* actbench_half.h: the 16-bit formats of the public contract (ABI 5).
 *
 * bfloat16: 1 sign, 8 exponent, 7 fraction bits (f32's exponent range,
 * 8-bit precision).  IEEE binary16: 1, 5, 10 (11-bit precision, normal
 * range [2^-14, 65504], subnormals down to 2^-24).  Both are stored as
 * their bit patterns in distinct struct types, so that a batch function's
 * type names its format (AB_VARIANT dispatches on it) and a bf16 kernel
 * cannot be registered as an f16 one by mistake.
 *
 * The conversions below are the reference semantics for kernels: exact
 * widening, and narrowing with round-to-nearest-even, gradual underflow
 * and overflow to infinity; a NaN stays a NaN of the same sign, quieted,
 * keeping its leading payload bits. */
#ifndef ACTBENCH_HALF_H
#define ACTBENCH_HALF_H

#include <stdint.h>
#include <string.h>

typedef struct { uint16_t bits; } ab_bf16;
typedef struct { uint16_t bits; } ab_f16;

static inline float ab_bf16_to_f32(ab_bf16 h) {
    uint32_t u = (uint32_t)h.bits << 16;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static inline ab_bf16 ab_bf16_from_f32(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (ab_bf16){(uint16_t)((u >> 16) | 0x40)};
    u += 0x7fffu + ((u >> 16) & 1); /* ties to even; a carry reaches inf */
    return (ab_bf16){(uint16_t)(u >> 16)};
}

static inline float ab_f16_to_f32(ab_f16 h) {
    uint32_t s = (uint32_t)(h.bits & 0x8000) << 16, e = (h.bits >> 10) & 0x1f, m = h.bits & 0x3ff;
    uint32_t u;
    if (e == 0x1f) u = s | 0x7f800000u | (m << 13);
    else if (e) u = s | ((e + 112) << 23) | (m << 13);
    else if (m) { /* subnormal m * 2^-24: normalise */
        int k = 0;
        while (!(m & 0x400)) { m <<= 1; k++; }
        u = s | ((uint32_t)(113 - k) << 23) | ((m & 0x3ff) << 13);
    } else u = s;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static inline ab_f16 ab_f16_from_f32(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    uint16_t s = (uint16_t)((u >> 16) & 0x8000);
    uint32_t a = u & 0x7fffffffu;
    if (a > 0x7f800000u) return (ab_f16){(uint16_t)(s | 0x7e00 | ((a >> 13) & 0x3ff))};
    if (a >= 0x477ff000u) return (ab_f16){(uint16_t)(s | 0x7c00)}; /* >= 65520: inf */
    if (a < 0x38800000u) { /* below 2^-14: a multiple of 2^-24, ties to even */
        uint32_t e = a >> 23;
        if (e < 102) return (ab_f16){s}; /* below 2^-25: rounds to zero */
        uint32_t m = (a & 0x7fffff) | 0x800000, sh = 126 - e;
        uint32_t r = m >> sh, rem = m & ((1u << sh) - 1), half = 1u << (sh - 1);
        if (rem > half || (rem == half && (r & 1))) r++;
        return (ab_f16){(uint16_t)(s | r)};
    }
    uint32_t r = a - 0x38000000u; /* rebias 127 -> 15 */
    r += 0xfffu + ((r >> 13) & 1);
    return (ab_f16){(uint16_t)(s | (r >> 13))};
}

#endif
