/*
 * portable_math.h -- pieces for the `portable-*` variants of the *_simd.c
 * activations (silu, elu, mish, gelu_tanh): plain branch-free C that gcc -O2
 * auto-vectorizes (SSE2 on baseline x86-64) inside simd_math.h's
 * AB_PORTABLE_BATCH_F32 driver.  Same rules as simd_math.h's portable
 * kernels: selects through ab_psel_f32 (integer masks), no float->int
 * conversions of possibly-NaN values (exponents come from the shifter's
 * bits), scaling by 2^n always in two steps.  Include after simd_math.h.
 */
#ifndef AB_PORTABLE_MATH_H
#define AB_PORTABLE_MATH_H

#include "simd_math.h"

/* 2^n as a float, -126 <= n <= 127 */
static inline float ab_ppow2_f32(int32_t n) { return ab__f32_from_bits((uint32_t)(n + 127) << 23); }

/* e^x for x <= 0 (or NaN) as parts p * 2^n, p in [0.7, 1.42] (rr1, p6, the
 * scalar kernel's arithmetic).  x is clamped below at lo (-150 <= lo), so
 * -217 <= n <= 0.  NaN fails the clamp test and makes p NaN (n is then
 * whatever the shifter's bits say; the callers' results are NaN anyway). */
static inline float ab_pexp_parts_f32(float x, float lo, int32_t *n) {
    const float shift = 0x1.8p23f;
    float xc = ab_psel_f32(x < lo, lo, x);
    float kt = xc * AB_EXP_F32_INVLN2 + shift;
    float kf = kt - shift;
    float r = (xc - kf * AB_EXP_F32_LN2HI) - kf * AB_EXP_F32_LN2LO;
    float q = AB_EXP_F32_C2 + r * (AB_EXP_F32_C3 + r * (AB_EXP_F32_C4 + r * (AB_EXP_F32_C5 + r * AB_EXP_F32_C6)));
    *n = (int32_t)(ab__f32_to_bits(kt) - 0x4B400000u); /* kt = 1.5*2^23 + n exactly */
    return 1.0f + (r + (r * r) * q);
}

/* v * 2^n, -252 <= n <= 0, in two steps (v 2^(n/2), exact when that stays
 * normal, then one rounding into the subnormals). */
static inline float ab_pscale_f32(float v, int32_t n) {
    int32_t n1 = n / 2, n2 = n - n1;
    return (v * ab_ppow2_f32(n1)) * ab_ppow2_f32(n2);
}

/* x/2 + c x^2 (c > 0) for tiny x: x/2 when exact, else the upper
 * neighbour with x's sign (common_math.h's ab_half_tiny_f32, as selects). */
static inline float ab_phalf_tiny_f32(float x) {
    float h = 0.5f * x;
    return ab_psel_f32(h + h == x, h, copysignf(0.5f * (x + 0x1p-149f), x));
}

#endif /* AB_PORTABLE_MATH_H */
