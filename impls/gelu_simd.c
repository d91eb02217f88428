/* gelu (erf form): own f64-lane kernels (impls/kernels/gelu_erf.h) and SLEEF
 * peers (registered into impls/gelu.c's activation with
 * AB_REGISTER_VARIANTS).  0.5 x erfc(-x/sqrt2) with Sleef_erfcf*_u15
 * in f32: no 1 + erf cancellation, but (as libm-erfc in gelu.c) z = -x/sqrt2
 * is rounded once and erfc's condition number ~x^2 turns that into up to
 * x^2/2 ulps in the negative tail, and erfc(z) goes subnormal (z > 9.2,
 * x < -13) while gelu(x) is still normal, so the last binades lose
 * accuracy and flush: a peer measured as it is, with that bound declared.
 * x > 6: x (also +inf); x < -14.5: -0 (also -inf, instead of -inf * 0);
 * |x| < 2^-60: the x/2 tie rule (ab_v*_half_tiny_f32).  NaN is blended
 * back as x + x: Sleef_erfcf8_u15avx2's NaN sign depends on the other
 * lanes (tests/test_vector.c caught it).  The own kernels (below) avoid
 * the rounded z altogether: e^(-x^2/2) with x^2/2 exact in double. */
#include "expected.h"
#include "../api/actbench.h"
#include "../reference/gelu.h"
#include "kernels/act_constants.h"
#include "kernels/batch.h"
#include "kernels/gelu_erf.h"
#include "kernels/sleef.h"
#include "kernels/tails.h"
#include <math.h>
#include <stdint.h>

#define GELU_OWN_BOUND 1   /* own: measured 0.553 (neg_tail; full 0.532), two sweeps; analysis 0.5 + ~2^-27.5 * 2^24 */
#define GELU_SLEEF_BOUND 256 /* measured 192 (neg_tail; full 170), two sweeps; plus zero_flush below -13;
                              * every f32 input 198.81; y clamped at AB_GELU_MIN32 (reference/gelu.h) */

AB_AVX512_INLINE __m512 gelu16_sleef(__m512 x) {
    __m512 z = _mm512_mul_ps(x, _mm512_set1_ps(-ab_gelu_c.r_f32));
    __m512 y = _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), x), Sleef_erfcf16_u15avx512f(z));
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(6.0f), _CMP_GT_OQ), y, x);
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-14.5f), _CMP_LT_OQ), y,
                             _mm512_set1_ps(-0.0f));
    y = _mm512_max_ps(_mm512_set1_ps(AB_GELU_MIN32), y); /* NaN: vmaxps returns y */
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), y, _mm512_add_ps(x, x));
    return ab_v16_half_tiny_f32(x, y);
}
AB_AVX2_INLINE __m256 gelu8_sleef(__m256 x) {
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(-ab_gelu_c.r_f32));
    __m256 y = _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), Sleef_erfcf8_u15avx2(z));
    y = _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, _mm256_set1_ps(6.0f), _CMP_GT_OQ));
    y = _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-14.5f), _CMP_LT_OQ));
    y = _mm256_max_ps(_mm256_set1_ps(AB_GELU_MIN32), y);
    y = _mm256_blendv_ps(y, _mm256_add_ps(x, x), _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return ab_v8_half_tiny_f32(x, y);
}
AB_V16_BATCH_F32(sleef_avx512_batch, gelu16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, gelu8_sleef)

/* Own kernels (impls/kernels/gelu_erf.h): x (x < 0 ? E : 1 - E) in f64 lanes,
 * E = erfc(|x|/sqrt2)/2 = e^(-x^2/2) R(s), R a degree-11 polynomial in
 * s = 1/(4 + |x|) (a seed + 2 Newton), e^(-x^2/2) with x^2/2 exact (rr1, p6);
 * one rounding to float (into the subnormals too). */
AB_V16_BATCH_F32(own_avx512_batch, ab_v16_gelu_f64_f32)
AB_V8_BATCH_F32(own_avx2_batch, ab_v8_gelu_f64_f32)
AB_PORTABLE_BATCH_F32(own_portable_batch, ab_pgelu_f32)

static const ab_variant gelu_simd_variants[] = {
    AB_VARIANT_EXPECTING("sleef-avx512-u15", AB_LIBRARY, "avx512f", GELU_SLEEF_BOUND, "0.5f*x*Sleef_erfcf16_u15(-x/sqrt2); x>6: x; x<-14.5: -0; max(min f, y)", sleef_avx512_batch,
               AB_FAIL_ZERO,
               "SLEEF erfcf_u15 " AB_WHY_ZERO),
    AB_VARIANT_EXPECTING("sleef-avx2-u15", AB_LIBRARY, "avx2", GELU_SLEEF_BOUND, "0.5f*x*Sleef_erfcf8_u15(-x/sqrt2); x>6: x; x<-14.5: -0; max(min f, y)", sleef_avx2_batch,
               AB_FAIL_ZERO,
               "SLEEF erfcf_u15 " AB_WHY_ZERO),
    AB_VARIANT("avx512-f64-erfc-p11", AB_VECTOR, "avx512f", GELU_OWN_BOUND, "f64 lanes: x*(x<0 ? E : 1-E), E=e^(-x^2/2)*R(1/(4+|x|)) (R p11, rcp14+2NR; exp rr1 p6, x^2/2 exact); x<-14.5: -0; tiny: x/2 tie rule", own_avx512_batch),
    AB_VARIANT("avx2-f64-erfc-p11", AB_VECTOR, "avx2", GELU_OWN_BOUND, "f64 lanes: x*(x<0 ? E : 1-E), E=e^(-x^2/2)*R(1/(4+|x|)) (R p11, f32 div+2NR; exp rr1 p6, x^2/2 exact); x<-14.5: -0; tiny: x/2 tie rule", own_avx2_batch),
    AB_VARIANT("portable-f64-erfc-p11", AB_VECTOR, "scalar", GELU_OWN_BOUND, "plain C the compiler vectorizes: the f64 recipe above with s=1/(4+|x|) by division, no FMA", own_portable_batch),
};
AB_REGISTER_VARIANTS("gelu", gelu_simd_variants)
