/* sigmoid.h: sigmoid on the own exp kernel (exp.h): the scalar form, and
 * x sigmoid(v) from e^-|v| as parts (vector and portable).
 *
 * Scalar: e = exp(-|x|) in (0, 1]: x >= 0 -> 1/(1+e), x < 0 -> e/(1+e).  Using -|x|
 * means exp never overflows and 1+e never cancels; for very negative x the
 * result degrades gracefully to e (including the subnormal range). */
#ifndef AB_KERNELS_SIGMOID_H
#define AB_KERNELS_SIGMOID_H

#include <math.h>
#include "batch.h"
#include "exp.h"
#include "exp_reduction.h"

/* max error measured: 2.40 ULP on all 2^32 float inputs (4294967296 inputs, exhaustive) */
static inline float ab_sigmoid_approx_f32(float x)
{
    if (x != x) return x + x;
    float e = ab_exp_approx_f32(-fabsf(x));
    float d = 1.0f + e;
    return (x >= 0.0f) ? 1.0f / d : e / d;
}

/* max error measured: 2.17 ULP on [-760, 760] (10^7 random bit patterns across binades + specials) */
static inline double ab_sigmoid_approx_f64(double x)
{
    if (x != x) return x + x;
    double e = ab_exp_approx_f64(-fabs(x));
    double d = 1.0 + e;
    return (x >= 0.0) ? 1.0 / d : e / d;
}

/* ---- x sigmoid(+-v) from e^-|v| as parts p 2^k ---------------------------
 * For silu (v = x) and gelu_tanh (v = 2 sqrt(2/pi) x (1 + c x^2)): with
 * e = p 2^k = e^-|v| and neg = (v < 0),
 *     y = x (neg ? p : 1) / (1 + e),  then scaled by 2^k where neg,
 * so x e^v / (1 + e^v) is formed at a normal scale and rounded into the
 * subnormals once, by the last scaling (AVX-512: vscalefps; AVX2 and
 * portable: two steps, exp_reduction.h).
 *   e only enters 1 + e, so it is formed from max(k, -30): where k < -30,
 * e < 2^-29.4 and p 2^-30 < 2^-29.4 both leave RN(1 + e) = 1 (p < 1.42
 * times a correction within 1 +- 2^-20), the same bits, and e stays normal:
 * for |v| > 87 the subnormal e cost a microcode assist per instruction on
 * Intel cores (no FTZ).  AVX-512: the lanes x < xlive (not NaN) skip the
 * last scaling and get `dead` (silu: -0 below -110, where the scaling
 * would underflow to -0, also through an assist).  The lanes x >= xfast
 * (or NaN) have normal results (the caller proves it); when a vector has
 * a lane in [xlive, xfast), the band where results may be subnormal, its
 * last scaling avoids subnormal arithmetic (exp_reduction.h:
 * ab_v16_scale_tail_f32, the same bits): one kortest per vector. */
AB_AVX512_INLINE __m512 ab_v16_x_sigmoid_parts_f32(__m512 x, __m512 p, __m512 kf, __mmask16 neg,
                                                   float xfast, float xlive, __m512 dead) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 e = _mm512_scalef_ps(p, _mm512_max_ps(kf, _mm512_set1_ps(-30.0f)));
    __m512 num = _mm512_mask_blend_ps(neg, one, p);
    __m512 y = _mm512_mul_ps(x, _mm512_div_ps(num, _mm512_add_ps(one, e)));
    return ab_v16_scale_tail_f32(x, y, _mm512_maskz_mov_ps(neg, kf), xfast, xlive, dead);
}
AB_AVX2_INLINE __m256 ab_v8_x_sigmoid_parts_f32(__m256 x, __m256 p, __m256 kf, __m256 neg) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 e = ab_v8_scale_f32(p, _mm256_max_ps(kf, _mm256_set1_ps(-30.0f)));
    __m256 num = _mm256_blendv_ps(one, p, neg);
    __m256 y = _mm256_mul_ps(x, _mm256_div_ps(num, _mm256_add_ps(one, e)));
    return ab_v8_scale_f32(y, _mm256_and_ps(neg, kf));
}
AB_SCALAR_INLINE float ab_px_sigmoid_parts_f32(float x, float p, int32_t n, int neg) {
    float e = ab_pscale_f32(p, n);
    float y = x * (ab_psel_f32(neg, p, 1.0f) / (1.0f + e));
    return ab_pscale_f32(y, n & -(int32_t)neg);
}

#endif /* AB_KERNELS_SIGMOID_H */
