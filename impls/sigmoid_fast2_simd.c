/* sigmoid(x): fast own AVX-512 (F + DQ) f32 kernels with fewer operations
 * than impls/sigmoid_fast_simd.c (registered into impls/sigmoid.c's
 * activation with AB_REGISTER_VARIANTS).  Same exp core (kernels/exp_lut.h:
 * rr2, 16-entry vpermps table, degree-3 polynomial, vscalefps), two DQ/F
 * instructions doing the work of four:
 *  - t = vrangeps(x, 104, imm 0xE) = -min(|x|, 104) in ONE instruction
 *    (imm[1:0] = 10: the smaller magnitude, imm[3:2] = 11: sign bit set),
 *    instead of vpord (x | sign) + vmaxps (-104 clamp).  vrangeps does not
 *    propagate a quiet NaN x (it returns the other operand: t = -104 and
 *    e ~ 0), so the NaN comes back through num below.  +-inf: t = -104.
 *  - num = vfixupimmps(e, x, table) (x<0 ? e : 1) in ONE instruction
 *    instead of vptestmd + a masked move: the token table (4 bits per class
 *    of x: QNaN, SNaN, zero, +1, -inf, +inf, negative, positive) gives
 *    QNaN(x) for both NaN classes (NaN -> NaN, its sign kept), +1 for zero,
 *    +1.0, +inf and positive, +0 for -inf, and keeps e for negative x
 *    (subnormal x are classed negative/positive: MXCSR.DAZ is off).
 *  - f = e/(1 + e) (vdivps) no longer waits for num; then
 *    y = num - num f (one FNMA): x < 0: e - e f = e (1 - f), the rounding
 *    errors of 1 + e and of the quotient scaled by e f <= e/2 in y (the
 *    same correction as the older kernel's e - e (e/(1+e))); x >= 0:
 *    1 - f, where f <= 1/2 and the same errors cost (1 - y) 2^-23 absolute.
 * Every special input: +-0 -> 1/2 (e = 1, num = 1), +inf -> 1 (num = 1,
 * e = e^-104 rounds to +0), -inf -> +0 (num = +0), NaN -> NaN, huge |x|
 * -> 1 or +0, x in [-103.97, -87.3] -> e subnormal, rounded once by
 * vscalefps, y = e - e f with f ~ e: no flush. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp_lut.h"

#define SF2_S(v) _mm512_set1_ps(v)
#define SF2_DQ_INLINE __attribute__((target("avx512f,avx512dq"), always_inline)) static inline

/* vfixupimmps tokens per class j (bits 4j+3..4j): 2 = QNaN(src),
 * 8 = +0, 10 = +1, 0 = keep the destination (e) */
#define SF2_FIX_NUM ((int)(0x2u | 0x2u << 4 | 0xAu << 8 | 0xAu << 12 | 0x8u << 16 | 0xAu << 20 | 0x0u << 24 | 0xAu << 28))

SF2_DQ_INLINE __m512 sigf2_16(__m512 x) {
    __m512 t = _mm512_range_ps(x, SF2_S(104.0f), 0xE); /* -min(|x|, 104); NaN -> -104 */
    __m512 kq;
    __m512 p = ab_v16_exp_lut16_p3_f32(t, &kq);
    __m512 e = _mm512_scalef_ps(p, kq);
    __m512 num = _mm512_fixupimm_ps(e, x, _mm512_set1_epi32(SF2_FIX_NUM), 0);
    __m512 f = _mm512_div_ps(e, _mm512_add_ps(SF2_S(1.0f), e));
    return _mm512_fnmadd_ps(num, f, num);
}

AB_V16_BATCH_UNROLL_F32(sigf2_x16, "avx512f,avx512dq", sigf2_16, 1)

static const ab_variant sigmoid_fast2_variants[] = {
    AB_VARIANT_EXPECTING("avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma", AB_VECTOR, "avx512dq", 2.25,
               "e=exp(vrangeps: -min(|x|,104)) (rr2, vpermps lut16, p3, scalef); num=vfixupimmps(x<0?e:1, NaN->NaN); f=e/(1+e) (vdivps); num-num*f",
               sigf2_x16, AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("sigmoid", sigmoid_fast2_variants)
