/* common_math.h: small scalar building blocks shared by several variants
 * (gelu, gelu_tanh, silu, mish; multiquadric, inv_multiquadric).
 *
 * Every helper is static inline and computes exactly what the open-coded
 * version did (same operations, same order; C17 mode keeps gcc from
 * contracting them into FMAs), so moving code here changes no result bit. */
#ifndef AB_IMPLS_COMMON_MATH_H
#define AB_IMPLS_COMMON_MATH_H
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- x/2 for tiny |x| ------------------------------------------------
 * gelu, gelu_tanh and silu all behave like f(x) = x/2 + c x^2 with c > 0
 * near 0, so the result is x/2 nudged up by far less than an ulp: when x/2
 * is exactly half-way between two numbers (x an odd multiple of the
 * smallest subnormal) it must round up, not to even as 0.5*x would (which
 * flushes x = 2^-149 to 0).  (x + min_subnormal)/2 is that upper
 * neighbour, exactly; copysign keeps -0 for x = -min_subnormal.  Below
 * 2^-60, c|x| < 2^-56 leaves every other x/2 (exact) as the correctly
 * rounded answer, so callers use these for |x| < 2^-60. */
static inline float ab_half_tiny_f32(float x) {
    float h = 0.5f * x;
    return h + h == x ? h : copysignf(0.5f * (x + 0x1p-149f), x);
}
static inline double ab_half_tiny_f64(double x) {
    double h = 0.5 * x;
    return h + h == x ? h : copysign(0.5 * (x + 0x1p-1074), x);
}

/* ---- the scaled negative tail x e^x -----------------------------------
 * e^-64 rounded to each format.  In a negative tail where f(x) ~ x e^x
 * (silu, mish; gelu_tanh and gelu with their own exponents), e^x alone
 * would go subnormal (inexact to an absolute 2^-150 / 2^-1075, i.e. a
 * relative error multiplied by |x| in the result) before the product
 * does.  So below -64 it is formed as (x e^(x+64)) e^-64: x + 64 is exact
 * (both multiples of ulp(x), result smaller), x e^(x+64) is a normal
 * number, and only the last product rounds into the subnormals. */
#define AB_EM64_F32 0x1.969d48p-93f
#define AB_EM64_F64 0x1.969d47321e4ccp-93

static inline float ab_x_exp_x_scaled_f32(float x) {
    return (x * expf(x + 64.0f)) * AB_EM64_F32;
}
static inline double ab_x_exp_x_scaled_f64(double x) {
    return (x * exp(x + 64.0)) * AB_EM64_F64;
}

/* ---- reciprocal square root by bit seed + Newton ----------------------
 * The classic bit-level seed (magic constants 0x5f3759df /
 * 0x5fe6eb50c7b537a9, Lomont) and Newton steps y <- y (3/2 - q/2 y^2),
 * each of which squares the relative error (3.4% seed; 3 steps for f32
 * and 4 for f64 bring it below the rounding errors of the steps
 * themselves).  NaN stays NaN through the Newton steps.  Used by the
 * multiquadric and inv_multiquadric "approx" variants. */
static inline float ab_rsqrt_approx_f32(float q) {
    uint32_t i;
    memcpy(&i, &q, sizeof i);
    i = 0x5f3759dfu - (i >> 1);
    float y;
    memcpy(&y, &i, sizeof y);
    float h = 0.5f * q;
    for (int k = 0; k < 3; k++) y = y * (1.5f - h * y * y);
    return y;
}
static inline double ab_rsqrt_approx_f64(double q) {
    uint64_t i;
    memcpy(&i, &q, sizeof i);
    i = 0x5fe6eb50c7b537a9u - (i >> 1);
    double y;
    memcpy(&y, &i, sizeof y);
    double h = 0.5 * q;
    for (int k = 0; k < 4; k++) y = y * (1.5 - h * y * y);
    return y;
}

#endif
