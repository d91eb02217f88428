/* exp(x) = e^x: AVX2 / AVX-512F kernels, a portable kernel and SLEEF peers
 * (registered into impls/exp.c's activation with AB_REGISTER_VARIANTS).
 *
 * Own kernels: kernels/exp.h's ab_v*_exp_f32 (rr1: shifter + Cody-Waite
 * LN2HI/LN2LO, p(r) = 1 + r + r^2 q(r) of degree 6, exp_poly.h's
 * coefficients), scaled by 2^k with one rounding (AVX-512 vscalefps; AVX2
 * a multiply when 2^k is normal, else two steps, the first exact), so the
 * subnormal results below -87.34 are rounded once; x > 0x1.62e42ep6 and
 * +inf give +inf, x < -104 and -inf +0, NaN propagates.
 * portable: the same recipe in plain C (kernels/exp.h, ab_pexp_f32): clamps
 * and the overflow as bit selects, the scaling always in two steps.
 * Vectorizes (SSE2) at our -O2: `gcc -std=c17 -O2 -fopt-info-vec -c
 * impls/exp_simd.c` reports "loop vectorized using 16 byte vectors" for
 * the chunk loop of portable_batch.
 * SLEEF: Sleef_expf16_u10 / Sleef_expf8_u10 called directly. */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp.h"
#include "kernels/sleef.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXP_OWN_BOUND 1.25      /* measured 0.97 (two sweeps, every range) */
#define EXP_PORTABLE_BOUND 1.25 /* measured 0.96 */
#define EXP_SLEEF_BOUND 1.25    /* measured 0.94 */

AB_AVX512_INLINE __m512 exp16_own(__m512 x) { return ab_v16_exp_f32(x, 6, AB_EXP_BAND); }
AB_AVX2_INLINE __m256 exp8_own(__m256 x) { return ab_v8_exp_f32(x, 6, AB_EXP_BAND); }
AB_AVX512_INLINE __m512 exp16_sleef(__m512 x) { return Sleef_expf16_u10avx512f(x); }
AB_AVX2_INLINE __m256 exp8_sleef(__m256 x) { return Sleef_expf8_u10avx2(x); }

AB_V16_BATCH_F32(avx512_own_batch, exp16_own)
AB_V8_BATCH_F32(avx2_own_batch, exp8_own)
AB_V16_BATCH_F32(sleef_avx512_batch, exp16_sleef)
AB_V8_BATCH_F32(sleef_avx2_batch, exp8_sleef)
AB_PORTABLE_BATCH_F32(portable_batch, ab_pexp_f32)

/* Bounds: a bit above the max over every range of `actbench sweep
 * --samples 65536` (default seed and --seed 7). */
static const ab_variant exp_simd_variants[] = {
    AB_VARIANT("avx512-rr1-p6", AB_VECTOR, "avx512f", EXP_OWN_BOUND, "rr1 (shifter, LN2HI/LN2LO), p6 = 1+r+r^2q(r), scalef(p,k); x>OVF: inf; x<-104: +0", avx512_own_batch),
    AB_VARIANT("avx2-rr1-p6", AB_VECTOR, "avx2", EXP_OWN_BOUND, "rr1 (shifter, LN2HI/LN2LO), p6 = 1+r+r^2q(r), p*2^k (two steps when 2^k is not normal); x>OVF: inf", avx2_own_batch),
    AB_VARIANT("portable-rr1-p6", AB_VECTOR, "scalar", EXP_PORTABLE_BOUND, "plain C the compiler vectorizes: rr1, p6, (p*2^(k/2))*2^(k-k/2), clamps as bit selects", portable_batch),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", EXP_SLEEF_BOUND, "Sleef_expf16_u10(x)", sleef_avx512_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", EXP_SLEEF_BOUND, "Sleef_expf8_u10(x)", sleef_avx2_batch),
};
AB_REGISTER_VARIANTS("exp", exp_simd_variants)
