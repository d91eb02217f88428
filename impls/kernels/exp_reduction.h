/* exp_reduction.h: the Cody-Waite range reduction of e^x and the scaling
 * by 2^n, once per lane type (scalar f32/f64, AVX2 __m256/__m256d,
 * AVX-512F __m512/__m512d).
 *
 * e^x = 2^n * e^r,  n = round(x/ln2),  r = x - n*ln2,  |r| <= ln2/2 (+tiny).
 * n comes from the shifter trick: (x*invln2 + 1.5*2^p) - 1.5*2^p is x/ln2
 * rounded to an integer (|x/ln2| < 2^(p-1)), and the bits of the shifted
 * value hold n in their low bits.  r = (x - n*LN2HI) - n*LN2LO, where LN2HI
 * has few enough bits that n*LN2HI is exact and x - n*LN2HI is exact
 * (Sterbenz), so r carries only the tiny error of n*LN2LO.  The vector
 * forms do the two steps as FMAs (fnmadd), the scalar ones as written
 * (C17 does not contract), so the two differ by rounding, not by recipe.
 *
 * Scaling: 2^n built from exponent bits is exact only for normal 2^n;
 * results that go subnormal (or n = 128) are scaled in two steps, the
 * first exact, so that the result is rounded once (vscalefps/pd does
 * that in one instruction on AVX-512). */
#ifndef AB_KERNELS_EXP_REDUCTION_H
#define AB_KERNELS_EXP_REDUCTION_H

#include <stdint.h>
#include "batch.h"
#include "bits.h"

/* invln2, ln2hi, ln2lo and ovf are printed (as AB_EXP_F32_* #defines) by
 *     sollya scripts/fit/exp_f32.sollya
 * ln2hi = round(ln2, 16 bits, RN): n*ln2hi is exact for |n| < 2^8 (we need
 * |n| <= 151); ln2lo = RN(ln2 - ln2hi); ovf = the largest float with
 * RN(e^x) finite.  shift = 1.5 * 2^23 by hand: adding it rounds any
 * |v| < 2^22 to an integer, and bits(v + shift) = 0x4B400000 + n. */
static const struct { float invln2, ln2hi, ln2lo, ovf, shift; } ab_exp_f32_rr = {
    .invln2 = 0x1.715476p0f,
    .ln2hi = 0x1.62e4p-1f,
    .ln2lo = 0x1.7f7d1cp-20f,
    .ovf = 0x1.62e42ep6f,
    .shift = 0x1.8p23f,
};

/* Printed by `sollya scripts/fit/exp_f64.sollya`: ln2hi has 40 significant
 * bits (n*ln2hi exact for |n| < 2^13; we need |n| <= 1076), ln2lo =
 * RN(ln2 - ln2hi), ovf = the largest double with RN(e^x) finite.
 * shift = 1.5 * 2^52 by hand (as above, bits(v + shift) = 0x4338... + n). */
static const struct { double invln2, ln2hi, ln2lo, ovf, shift; } ab_exp_f64_rr = {
    .invln2 = 0x1.71547652b82fep0,
    .ln2hi = 0x1.62e42fefa4p-1,
    .ln2lo = -0x1.8432a1b0e2634p-43,
    .ovf = 0x1.62e42fefa39efp9,
    .shift = 0x1.8p52,
};

/* ---- the reduction ------------------------------------------------------
 * Each returns r and sets *k = n (an integer-valued float); the scalar and
 * the AVX2 f64 forms also give *kt = n + shift, whose bits hold n. */

AB_SCALAR_INLINE float ab_exp_reduce_f32(float x, float *k, float *kt) {
    float t = x * ab_exp_f32_rr.invln2 + ab_exp_f32_rr.shift;
    float kf = t - ab_exp_f32_rr.shift;
    *k = kf;
    *kt = t;
    return (x - kf * ab_exp_f32_rr.ln2hi) - kf * ab_exp_f32_rr.ln2lo;
}
AB_SCALAR_INLINE double ab_exp_reduce_f64(double x, double *k, double *kt) {
    double t = x * ab_exp_f64_rr.invln2 + ab_exp_f64_rr.shift;
    double kf = t - ab_exp_f64_rr.shift;
    *k = kf;
    *kt = t;
    return (x - kf * ab_exp_f64_rr.ln2hi) - kf * ab_exp_f64_rr.ln2lo;
}
/* n from the shifted value's bits (no float->int conversion of NaN) */
AB_SCALAR_INLINE int32_t ab_exp_n_f32(float kt) {
    return (int32_t)(ab__f32_to_bits(kt) - 0x4B400000u); /* kt = 1.5*2^23 + n exactly */
}

AB_AVX512_INLINE __m512 ab_v16_exp_reduce_f32(__m512 x, __m512 *k) {
    const __m512 shift = _mm512_set1_ps(ab_exp_f32_rr.shift);
    __m512 kf = _mm512_sub_ps(_mm512_fmadd_ps(x, _mm512_set1_ps(ab_exp_f32_rr.invln2), shift), shift);
    __m512 r = _mm512_fnmadd_ps(kf, _mm512_set1_ps(ab_exp_f32_rr.ln2hi), x);
    *k = kf;
    return _mm512_fnmadd_ps(kf, _mm512_set1_ps(ab_exp_f32_rr.ln2lo), r);
}
AB_AVX2_INLINE __m256 ab_v8_exp_reduce_f32(__m256 x, __m256 *k) {
    const __m256 shift = _mm256_set1_ps(ab_exp_f32_rr.shift);
    __m256 kf = _mm256_sub_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(ab_exp_f32_rr.invln2), shift), shift);
    __m256 r = _mm256_fnmadd_ps(kf, _mm256_set1_ps(ab_exp_f32_rr.ln2hi), x);
    *k = kf;
    return _mm256_fnmadd_ps(kf, _mm256_set1_ps(ab_exp_f32_rr.ln2lo), r);
}
AB_AVX512_INLINE __m512d ab_v8_exp_reduce_f64(__m512d x, __m512d *k) {
    const __m512d shift = _mm512_set1_pd(ab_exp_f64_rr.shift);
    __m512d kf = _mm512_sub_pd(_mm512_fmadd_pd(x, _mm512_set1_pd(ab_exp_f64_rr.invln2), shift), shift);
    __m512d r = _mm512_fnmadd_pd(kf, _mm512_set1_pd(ab_exp_f64_rr.ln2hi), x);
    *k = kf;
    return _mm512_fnmadd_pd(kf, _mm512_set1_pd(ab_exp_f64_rr.ln2lo), r);
}
AB_AVX2_INLINE __m256d ab_v4_exp_reduce_f64(__m256d x, __m256d *k, __m256d *kt) {
    const __m256d shift = _mm256_set1_pd(ab_exp_f64_rr.shift);
    __m256d t = _mm256_fmadd_pd(x, _mm256_set1_pd(ab_exp_f64_rr.invln2), shift);
    __m256d kf = _mm256_sub_pd(t, shift);
    __m256d r = _mm256_fnmadd_pd(kf, _mm256_set1_pd(ab_exp_f64_rr.ln2hi), x);
    *k = kf;
    *kt = t;
    return _mm256_fnmadd_pd(kf, _mm256_set1_pd(ab_exp_f64_rr.ln2lo), r);
}

/* ---- scaling by 2^n ---------------------------------------------------- */

AB_AVX2_INLINE __m256 ab_v8_pow2i_f32(__m256i n) {   /* 2^n, -126 <= n <= 127 */
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}
AB_AVX2_INLINE __m256d ab_v4_pow2i_f64(__m128i n) {  /* 2^n, -1022 <= n <= 1023 */
    return _mm256_castsi256_pd(_mm256_slli_epi64(
        _mm256_cvtepi32_epi64(_mm_add_epi32(n, _mm_set1_epi32(1023))), 52));
}

/* v * 2^kf with one rounding (kf integer-valued, -254 <= kf <= 0 and v a
 * normal number or 0/inf/NaN with |v| >= 2^-40 when nonzero, for AVX2's
 * two steps: v 2^(kf/2) is then exact).  AVX-512: vscalefps. */
AB_AVX512_INLINE __m512 ab_v16_scale_f32(__m512 v, __m512 kf) { return _mm512_scalef_ps(v, kf); }
AB_AVX2_INLINE __m256 ab_v8_scale_f32(__m256 v, __m256 kf) {
    __m256i n = _mm256_cvtps_epi32(kf);
    __m256 out = _mm256_cmp_ps(kf, _mm256_set1_ps(-126.0f), _CMP_LT_OQ);
    if (_mm256_testz_ps(out, out)) return _mm256_mul_ps(v, ab_v8_pow2i_f32(n));
    __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
    return _mm256_mul_ps(_mm256_mul_ps(v, ab_v8_pow2i_f32(n1)), ab_v8_pow2i_f32(n2));
}

/* Portable: v 2^n for n in [-252, 128], always in two steps (v 2^(n/2) is
 * exact for v normal, so this is one rounding, into the subnormals or to
 * inf), with no branch for the vectorizer. */
AB_SCALAR_INLINE float ab_pscale_f32(float v, int32_t n) {
    int32_t n1 = n / 2, n2 = n - n1;
    return (v * ab__pow2_f32(n1)) * ab__pow2_f32(n2);
}

/* ---- v 2^k rounded into the subnormals by integer conversion -----------
 * For 0 <= v < 2 and an integer-valued kf in [-150, 0]: where k <= -126
 * the result v 2^k < 2^-125 is m 2^-149 with m = round(v 2^(k+149)) <
 * 2^24, and the float whose bits are the integer m is exactly that
 * (exponent field 0 or 1: subnormal, or the first normal binade, both
 * m 2^-149).  v 2^(k+149) is normal and exact, and the conversion rounds
 * to nearest even (MXCSR default) once: the correctly rounded v 2^k, with
 * no subnormal floating-point operation (which costs a microcode assist
 * per instruction on Intel cores).  The other lanes scale by 2^max(k,-126)
 * (normal, exact up to its one rounding). */
AB_AVX512_INLINE __m512 ab_v16_scale_sub_f32(__m512 v, __m512 kf) {
    __mmask16 sub = _mm512_cmp_ps_mask(kf, _mm512_set1_ps(-125.5f), _CMP_LT_OQ);
    /* each scaling only in its own lanes: v 2^-126 with v < 1 would be
     * subnormal (an assist) in a lane that takes ys */
    __m512 yn = _mm512_maskz_scalef_ps((__mmask16)~sub, v, _mm512_max_ps(kf, _mm512_set1_ps(-126.0f)));
    __m512 ys = _mm512_maskz_scalef_ps(sub, v, _mm512_add_ps(kf, _mm512_set1_ps(149.0f)));
    return _mm512_mask_blend_ps(sub, yn, _mm512_castsi512_ps(_mm512_cvtps_epi32(ys)));
}
/* The same for v of either sign, in the lanes of m (the others: src):
 * v 2^kf rounded once, for integer-valued kf <= 0 and, where kf < -100,
 * 2^-8 <= |v| < 2^8 (x sigmoid(x) and mish's tails).  Lanes kf < -100
 * whose t = |v| 2^(kf+149) (exact, normal) is below 2^24 get sign(v) |
 * RN(t), the integer's bits: m 2^-149 for m <= 2^24 (m = 2^24 is the bits
 * of 2^-125); the others scale by vscalefps to a result >= 2^-125 (or
 * kf >= -100: what the caller's v gives there, as before). */
AB_AVX512_INLINE __m512 ab_v16_mask_scale_sub_signed_f32(__m512 src, __mmask16 m, __m512 v, __m512 kf) {
    const __m512i sgn = _mm512_set1_epi32((int)0x80000000u);
    __mmask16 c = _mm512_mask_cmp_ps_mask(m, kf, _mm512_set1_ps(-100.0f), _CMP_LT_OQ);
    __m512 a = _mm512_castsi512_ps(_mm512_andnot_si512(sgn, _mm512_castps_si512(v)));
    __m512 t = _mm512_maskz_scalef_ps(c, a, _mm512_add_ps(kf, _mm512_set1_ps(149.0f)));
    __mmask16 sub = _mm512_mask_cmp_ps_mask(c, t, _mm512_set1_ps(0x1p24f), _CMP_LT_OQ);
    __m512 y = _mm512_mask_scalef_ps(src, m & (__mmask16)~sub, v, kf);
    /* sign(v) | RN(t) */
    __m512i r = _mm512_ternarylogic_epi32(sgn, _mm512_castps_si512(v), _mm512_cvtps_epi32(t), 0xEA);
    return _mm512_mask_mov_ps(y, sub, _mm512_castsi512_ps(r));
}
/* The last scaling of a tail such as x sigmoid(x) = (x p / (1 + e)) 2^k:
 * v 2^kn where x >= xlive (or NaN), dead elsewhere.  The lanes x >= xfast
 * have normal results (the caller proves it): vscalefps alone; a vector
 * with a lane in [xlive, xfast), where results may be subnormal, takes
 * ab_v16_mask_scale_sub_signed_f32 (the same bits, no assist).  On the
 * common path: one kortest per vector. */
AB_AVX512_INLINE __m512 ab_v16_scale_tail_f32(__m512 x, __m512 v, __m512 kn, float xfast, float xlive,
                                              __m512 dead) {
    __mmask16 fast = _mm512_cmp_ps_mask(x, _mm512_set1_ps(xfast), _CMP_NLT_UQ);
    __m512 r = _mm512_mask_scalef_ps(dead, fast, v, kn);
    if (__builtin_expect(!_kortestc_mask16_u8(fast, fast), 0)) {
        __mmask16 live = _mm512_cmp_ps_mask(x, _mm512_set1_ps(xlive), _CMP_NLT_UQ);
        if (!_kortestz_mask16_u8(_kandn_mask16(fast, live), _kandn_mask16(fast, live)))
            r = ab_v16_mask_scale_sub_signed_f32(dead, live, v, kn);
    }
    return r;
}
AB_AVX2_INLINE __m256 ab_v8_scale_sub_f32(__m256 v, __m256 kf) {
    __m256i n = _mm256_cvtps_epi32(kf);
    __m256i sub = _mm256_cmpgt_epi32(_mm256_set1_epi32(-125), n);
    /* each scaling only in its own lanes (AVX2 has no masks: the other
     * lanes scale by 2^0): v 2^-126 with v < 1 is subnormal, and
     * 2^(n + 149) for n > -21 is no power of two but wrapped exponent bits
     * (n = -19: -2^-126), either an assist in a lane that does not use it */
    __m256 yn = _mm256_mul_ps(v, ab_v8_pow2i_f32(_mm256_andnot_si256(sub, n)));
    __m256 ys = _mm256_mul_ps(v, ab_v8_pow2i_f32(_mm256_and_si256(sub, _mm256_add_epi32(n, _mm256_set1_epi32(149)))));
    return _mm256_blendv_ps(yn, _mm256_castsi256_ps(_mm256_cvtps_epi32(ys)), _mm256_castsi256_ps(sub));
}
/* Portable: the same (v NaN gives +0: the caller keeps NaN); round(y) for
 * y < 2^23 as (y + 2^23) - 2^23 (exact in [2^23, 2^24), where the ulp is 1), and y >= 2^23 is an integer. */
static inline float ab_pscale_sub_f32(float v, int32_t n) {
    int32_t nn = n < -126 ? -126 : n;
    float yn = v * ab__f32_from_bits((uint32_t)(nn + 127) << 23);
    float ys = v * ab__f32_from_bits((uint32_t)(n + 149 + 127) << 23);
    float yr = ab_psel_f32(ys < 0x1p23f, (ys + 0x1p23f) - 0x1p23f, ys);
    yr = ab_psel_f32(yr < 0x1p24f, yr, 0.0f);  /* NaN (and inf) lanes: no UB in the cast; the caller selects them */
    return ab_psel_f32(n < -125, ab__f32_from_bits((uint32_t)(int32_t)yr), yn);
}

#endif /* AB_KERNELS_EXP_REDUCTION_H */
