/* rcp.h: reciprocals and reciprocal square roots by a hardware or bit-level
 * estimate refined with Newton steps (each squares the relative error). */
#ifndef AB_KERNELS_RCP_H
#define AB_KERNELS_RCP_H

#include <stdint.h>
#include <string.h>
#include "batch.h"

/* Reciprocals.  "div": true division (0.5 ulp).  "nr": hardware estimate
 * refined by Newton-Raphson r' = r + r (1 - d r) with FMA; each step squares
 * the relative error: rcp14 (2^-14) + 1 step ~ 2^-28, rcpps (1.5 * 2^-12) +
 * 2 steps ~ 2^-46 before the final rounding.  Both give NaN for NaN. */
AB_AVX512_INLINE __m512 ab_v16_rcp_nr1_f32(__m512 d) {
    __m512 r = _mm512_rcp14_ps(d);
    return _mm512_fmadd_ps(_mm512_fnmadd_ps(d, r, _mm512_set1_ps(1.0f)), r, r);
}
AB_AVX2_INLINE __m256 ab_v8_rcp_nr2_f32(__m256 d) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 r = _mm256_rcp_ps(d);
    r = _mm256_fmadd_ps(_mm256_fnmadd_ps(d, r, one), r, r);
    return _mm256_fmadd_ps(_mm256_fnmadd_ps(d, r, one), r, r);
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


#endif /* AB_KERNELS_RCP_H */
