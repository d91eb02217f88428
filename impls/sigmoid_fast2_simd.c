/* sigmoid(x): fast own AVX-512 (F + DQ) f32 kernels with fewer operations
 * than impls/sigmoid_fast_simd.c (registered into impls/sigmoid.c's
 * activation with AB_REGISTER_VARIANTS).  Same exp core (kernels/exp_lut.h:
 * rr2, 16-entry vpermps table, degree-3 polynomial, vscalefps), two DQ/F
 * instructions doing the work of four:
 *  - t = vrangeps(x, 87, imm 0xE) = -min(|x|, 87) in ONE instruction
 *    (imm[1:0] = 10: the smaller magnitude, imm[3:2] = 11: sign bit set),
 *    instead of vpord (x | sign) + vmaxps (clamp).  vrangeps does not
 *    propagate a quiet NaN x (it returns the other operand: t = -87), so
 *    the NaN comes back through num below.  +-inf: t = -87.  The values
 *    are those of a clamp at 104 (the formula column says so), x < -87
 *    being recomputed apart ("no subnormal arithmetic" below).
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
 * y = 1 - e^-87 rounds to 1), -inf -> +0 (num = +0), NaN -> NaN, huge |x|
 * -> 1 or +0, x in [-103.97, -87.3] -> e^x subnormal, rounded once: no
 * flush. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/skew.h"
#include "kernels/exp_lut.h"

#define SF2_S(v) _mm512_set1_ps(v)
#define SF2_DQ_INLINE __attribute__((target("avx512f,avx512dq"), always_inline)) static inline

/* vfixupimmps tokens per class j (bits 4j+3..4j): 2 = QNaN(src),
 * 8 = +0, 10 = +1, 0 = keep the destination (e) */
#define SF2_FIX_NUM ((int)(0x2u | 0x2u << 4 | 0xAu << 8 | 0xAu << 12 | 0x8u << 16 | 0xAu << 20 | 0x0u << 24 | 0xAu << 28))

/* ---- no subnormal arithmetic ---------------------------------------------
 * Without MXCSR.FTZ, an operation whose result is subnormal (or underflows
 * to 0) takes a microcode assist on Intel cores: clamped at 104, every
 * |x| > 87.3 made e subnormal or 0 in vscalefps, vdivps and the FNMA, and
 * the kernel ran 13-24x slower there (5.3 ns/elem for |x| in [200, 400]
 * against 0.25 in [-10, 10], this Xeon; XNNPACK's, which flushes that tail
 * to 0, stays at 0.22).  So e is formed from t = -min(|x|, 87) (e^-87 >
 * 2^-125.6: normal) and the lanes x < -87 are recomputed apart, bit for bit
 * as the 104 clamp gave them:
 *  - x >= -87 (and NaN, +-inf, x > 87): for x > 87 the old e was below
 *    2^-125, the new is e^-87 < 2^-125; either way f = e/(1 + e) = e < 2^-24
 *    and y = 1 - f rounds to 1.  NaN: num carries it.  -inf: num = +0.
 *  - x < -87: old y = e - e f with f = e/1 = e < 2^-125, so e f < 2^-250 and
 *    y = e (e on the 2^-149 grid, the FNMA's exact result within 2^-250 of
 *    it).  e = RN(p 2^k), k = floor(kq) <= -126 there, p < 2: vcvtps2dq of
 *    the exact p 2^(k+149) is e's bit pattern, the subnormal branch of
 *    exp_reduction.h's ab_v16_scale_sub_f32 (whose normal branch, a
 *    roundscale and a blend cost 12% more on x in [-200, -90]).
 *    x <= -104: t = -104, e^-104 = 2^-150.04 (1 + 2^-22 at most) rounds to
 *    0 either way.
 * tests: the exhaustive rows' output hashes (actbench recheck) are those of
 * the 104-clamped kernel on all 2^32 inputs. */

/* The same arithmetic in two halves: sigf2_e16 is everything up to e
 * (vrangeps .. vscalefps, 11 operations, 7 of them on the FMA pipes) and
 * sigf2_fin16 the rest (vfixupimmps, 1 + e, vdivps, the FNMA).  One vector
 * at a time the divider and the FMA pipes wait on each other: every vdivps
 * sits at the end of a ~40-cycle dependency chain, and the kernel measured
 * 6.7 core cycles per vector against 4.2 (e only) + 2.5 (finish only, which
 * is the vdivps throughput).  Skewed by one block, each loop iteration has
 * two independent streams, the e of vector i of block b+1 and the finish of
 * vector i of block b (its e read back from a 1 KiB stack buffer, in L1):
 * the divisions overlap the FMA work (5.7 cycles per vector measured, as
 * XNNPACK's 16-operation kernel).  Lane-wise: every element gets exactly
 * sigf2_16's bits (checked against the single-vector variant by the vector
 * tests, and by the sweeps' output hashes). */
#define SF2_NORMAL 87.0f

SF2_DQ_INLINE __m512 sigf2_e16(__m512 x) {
    __m512 t = _mm512_range_ps(x, SF2_S(SF2_NORMAL), 0xE); /* -min(|x|, 87); NaN -> -87 */
    __m512 kq;
    __m512 p = ab_v16_exp_lut16_p3_f32(t, &kq);
    return _mm512_scalef_ps(p, kq);
}

/* y's lanes m (x < -87): e^x as the 104-clamped kernel rounded it. */
SF2_DQ_INLINE __m512 sigf2_neg_tail(__m512 x, __m512 y, __mmask16 m) {
    __m512 t = _mm512_range_ps(x, SF2_S(104.0f), 0xE), kq;
    __m512 p = ab_v16_exp_lut16_p3_f32(t, &kq);
    __m512 s = _mm512_scalef_ps(p, _mm512_add_ps(kq, SF2_S(149.0f)));
    return _mm512_mask_mov_ps(y, m, _mm512_castsi512_ps(_mm512_cvtps_epi32(s)));
}
SF2_DQ_INLINE __m512 sigf2_fix16(__m512 x, __m512 y) {
    __mmask16 m = _mm512_cmp_ps_mask(x, SF2_S(-SF2_NORMAL), _CMP_LT_OQ);
    return __builtin_expect(m != 0, 0) ? sigf2_neg_tail(x, y, m) : y;
}

/* y from e: the numerator, the division and the FNMA (x >= -87 or NaN). */
SF2_DQ_INLINE __m512 sigf2_fin16(__m512 x, __m512 e) {
    __m512 num = _mm512_fixupimm_ps(e, x, _mm512_set1_epi32(SF2_FIX_NUM), 0);
    __m512 f = _mm512_div_ps(e, _mm512_add_ps(SF2_S(1.0f), e));
    return _mm512_fnmadd_ps(num, f, num);
}

SF2_DQ_INLINE __m512 sigf2_16(__m512 x) { return sigf2_fix16(x, sigf2_fin16(x, sigf2_e16(x))); }

/* The skewed driver's hooks (kernels/skew.h): lo = min(x, lo) (vminps
 * returns its second operand when one is NaN, so a NaN x leaves lo as it
 * was: NaN lanes need no fix); a block with some x < -87 is finished with
 * the checked sigf2_fix16 per vector. */
SF2_DQ_INLINE __m512 sigf2_track(__m512 lo, __m512 x) { return _mm512_min_ps(x, lo); }
SF2_DQ_INLINE int sigf2_rare(__m512 lo) {
    return __builtin_expect(_mm512_cmp_ps_mask(lo, SF2_S(-SF2_NORMAL), _CMP_LT_OQ) != 0, 0);
}
SF2_DQ_INLINE __m512 sigf2_fin16x(__m512 x, __m512 e) { return sigf2_fix16(x, sigf2_fin16(x, e)); }

AB_V16_BATCH_UNROLL_F32(sigf2_x16, "avx512f,avx512dq", sigf2_16, 1)
AB_SKEW256_HOOK_F32(sigf2_skew256, "avx512f,avx512dq", sigf2_e16, sigf2_fin16, sigf2_16, sigf2_track, sigf2_rare,
                    sigf2_fin16x)

/* Bounds: every f32 input (sweep --exhaustive, the skew256 variant: 1780 s
 * wall on the 2 shared cores, with other sweeps running): max 2.2104 ulp at
 * -0x1.b8c824p+1 (core and full; x < 0, where the arithmetic is the older
 * kernel's, same worst input), tiny 0.875, neg_tail 0.9998, saturation
 * 0.5001, special 0.5113, nan 0; no overflow, NaN, sign, zero-flush, range,
 * symmetry or NaN/inf-class failure; 326,542 of 2^32 pairs out of order
 * (declared).  scripts/fit/tanh_fast2_check.c's loop run on this kernel
 * against 1/(1 + exp(-x)) in double agrees (2.2104, 0 failures).  The
 * single-vector variant gives the same bits (vector/skewed_blocks_match_
 * single_vector_twin; equal output hashes on 10^6-sample sweeps).
 * Declared: 2.25. */
static const ab_variant sigmoid_fast2_variants[] = {
    AB_VARIANT_EXPECTING("avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma", AB_VECTOR, "avx512dq", 2.25,
               "e=exp(vrangeps: -min(|x|,104)) (rr2, vpermps lut16, p3, scalef); num=vfixupimmps(x<0?e:1, NaN->NaN); f=e/(1+e) (vdivps); num-num*f",
               sigf2_x16, AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma-skew256", AB_VECTOR, "avx512dq", 2.25,
               "as avx512dq-rr2-lut16-p3-range-scalef-div-fixup-fma, bit for bit; blocks of 256: e of block b+1 interleaved with the division of block b",
               sigf2_skew256, AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("sigmoid", sigmoid_fast2_variants)
