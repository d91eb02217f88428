/* expm1(x) = e^x - 1: AVX2 / AVX-512F kernels, a portable kernel and SLEEF
 * peers (registered into impls/expm1.c's activation with
 * AB_REGISTER_VARIANTS).
 *
 * Own kernels (kernels/expm1.h, ab_v*_expm1_f32): the exp reduction x = k ln2
 * + r (rr1, p6 without its leading 1: t = e^r - 1 = r + r^2 q(r)), and
 * e^x - 1 = 2 (s t + (s - 1/2)) with s = 2^(k-1) in one FMA (s t and, for
 * |k| <= 24, s - 1/2 exact), the doubling exact or overflowing with e^x - 1
 * itself; no cancellation near 0 (k = 0 there: the result is t).  x is
 * clamped to [-18, 89]; x > 0x1.62e42ep6 and +inf -> +inf, -inf -> -1,
 * |x| < 2^-24 (+-0, subnormals) -> x, NaN -> NaN.
 * portable: the same recipe in plain C (ab_pexpm1_f32; s t is exact, so
 * no FMA is needed), clamps and specials as bit selects.  Vectorizes
 * (SSE2) at our -O2: `gcc -std=c17 -O2 -fopt-info-vec -c
 * impls/expm1_simd.c` reports "loop vectorized using 16 byte vectors" for
 * the chunk loop of portable_batch.
 * SLEEF: Sleef_expm1f16_u10 / Sleef_expm1f8_u10 called directly. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/expm1.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXPM1_OWN_BOUND 1.5       /* measured 1.26 (two sweeps, every range) */
#define EXPM1_PORTABLE_BOUND 1.75 /* measured 1.47 (no FMA in the reduction) */
#define EXPM1_SLEEF_BOUND 1.25    /* measured 1.00 */

AB_AVX512_INLINE __m512 expm1_16_own(__m512 x) { return ab_v16_expm1_f32(x, 0); }
AB_AVX2_INLINE __m256 expm1_8_own(__m256 x) { return ab_v8_expm1_f32(x, 0); }
AB_AVX512_INLINE __m512 expm1_16_sleef(__m512 x) { return Sleef_expm1f16_u10avx512f(x); }
AB_AVX2_INLINE __m256 expm1_8_sleef(__m256 x) { return Sleef_expm1f8_u10avx2(x); }

AB_V16_BATCH_F32(avx512_own_batch, expm1_16_own)
AB_V8_BATCH_F32(avx2_own_batch, expm1_8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, expm1_16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, expm1_8_sleef)
AB_PORTABLE_BATCH_F32(portable_batch, ab_pexpm1_f32)

static const ab_variant expm1_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6-expm1", AB_VECTOR, "avx512f", EXPM1_OWN_BOUND, "t=r+r^2q(r) (rr1, p6), s=2^(k-1): 2*fma(s,t,s-1/2); |x|<2^-24: x; x>OVF: inf", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6-expm1", AB_VECTOR, "avx2", EXPM1_OWN_BOUND, "t=r+r^2q(r) (rr1, p6), s=2^(k-1): 2*fma(s,t,s-1/2); |x|<2^-24: x; x>OVF: inf", avx2_own_batch),
    AB_VARIANT("portable-rr1-p6-expm1", AB_VECTOR, "scalar", EXPM1_PORTABLE_BOUND, "plain C the compiler vectorizes: t=r+r^2q(r), s=2^(k-1): 2*(s*t+(s-1/2)); selects", portable_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", EXPM1_SLEEF_BOUND, "Sleef_expm1f16_u10(x)", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", EXPM1_SLEEF_BOUND, "Sleef_expm1f8_u10(x)", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("expm1", expm1_simd_variants)
