/*
 * gelu_erf.h -- own accurate f32 gelu (erf form) kernels, computed in f64
 * lanes: AVX-512F (two halves of 8 doubles per 16 floats), AVX2+FMA (two
 * halves of 4 doubles per 8 floats) and a portable scalar form.
 *
 * Recipe.  gelu(x) = x Phi(x), t = |x| (exact in double), and
 *   Phi(x) = E(t) (x < 0),  1 - E(t) (x >= 0),  E(t) = erfc(t/sqrt2)/2,
 * so nothing cancels: 1 - E >= 1/2.  E(t) = e^(-t^2/2) R(t) with
 *   R(t) = erfc(t/sqrt2) e^(t^2/2) / 2   (smooth, ~ 1/(t sqrt(2 pi))),
 *   R ~ degree-11 polynomial in s = 1/(4 + t), t in [0, 14.5], 2^-31.8
 *       relative (scripts/fit/gelu_erfc_f64.sollya);
 *   s: a seed + two Newton steps (no f64 division): AVX-512
 *       rcp14pd (2^-14 -> 2^-28 -> ~2^-53); AVX2 1/(4 + t) divided in f32
 *       (vdivps xmm, 2^-24 -> 2^-48 -> ~2^-53).  Not rcpps: its table is
 *       the vendor's (AMD's differs from Intel's), and s's dependence on
 *       the seed (2^-46 after two steps) changed some outputs on Zen 5
 *       against a Xeon; rcp14pd and division are the same everywhere;
 *   e^(-t^2/2): t^2/2 is exact in double (t has 24 bits), so the argument
 *       carries no rounding: erfc's condition number ~x^2 in the negative
 *       tail costs nothing, unlike erfc(z) with z = -x/sqrt2 rounded.
 *       rr1 (exp_reduction.h's shifter + Cody-Waite ln2hi/ln2lo),
 *       p(r) = 1 + r + r^2 q(r), degree 6, 2^-28.3 relative; the scaling
 *       2^k (k in [-152, 0]) is a normal double: vscalefpd / exponent bits.
 * Then y = x * (x < 0 ? E : 1 - E) in double (relative error ~2^-27.5
 * in all: rounding to float adds at most ~0.01 ulp to the 0.5), and one
 * rounding to float -- into the subnormals too (gelu(x) < 2^-126 below
 * x = -13.0), where the double value is still normal.
 * t is clamped at 14.5 (the fit's end): for x > 14.5, 1 - E = 1 and y = x
 * (also +inf); x < -14.5 (and -inf): -0 (gelu rounds to -0 below -14.36;
 * between -14.5 and -14.36 the double value rounds there by itself).
 * NaN: x + x (the lane's own NaN, whatever the other lanes).
 * |x| < 2^-60: the x/2 tie rule (ab_v*_half_tiny_f32, as the scalar stable).
 *
 */
#ifndef AB_KERNELS_GELU_ERF_H
#define AB_KERNELS_GELU_ERF_H

#include <math.h>
#include "batch.h"
#include "bits.h"
#include "exp_poly.h"
#include "exp_reduction.h"
#include "lanes.h"
#include "tails.h"

/* sollya scripts/fit/gelu_erfc_f64.sollya (its first part; the e^r
   coefficients it also prints are exp_poly.h's ab_exp_f64_p6)
   R(s): degree 11 in s = 1/(4+t), t in [0, 14.5], max rel err = 2^-31.78 */
static const struct { double r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11; } ab_gelu_R = {
    .r0 = 0x1.74e24ec8efc5fp-19,
    .r1 = 0x1.9833a14b6277p-2,
    .r2 = 0x1.9c6a3aec7cda6p0,
    .r3 = 0x1.628f0a62cdbb6p2,
    .r4 = 0x1.d3d801133c291p4,
    .r5 = -0x1.775ad19dbb6a9p5,
    .r6 = 0x1.2f8f2853205c4p10,
    .r7 = -0x1.8d6b704b85792p12,
    .r8 = 0x1.db074f7ff2e96p14,
    .r9 = -0x1.4d5ce52437789p16,
    .r10 = 0x1.d2a1c0a2e835ap16,
    .r11 = -0x1.04d2cb2a64797p16,
};

#define AB_GELU_TMAX 14.5   /* the fit's end (the script's IR) */

/* R(s) (Estrin in pairs, s^2 and s^4), for any vector type through the
 * FMA/MUL/SET macros. */
#define AB__GELU_R_POLY(MUL, FMA, SET, s, out)                                          \
    do {                                                                                \
        __typeof__(s) s2_ = MUL(s, s), s4_ = MUL(s2_, s2_);                             \
        __typeof__(s) a0_ = FMA(s, SET(ab_gelu_R.r1), SET(ab_gelu_R.r0));               \
        __typeof__(s) a1_ = FMA(s, SET(ab_gelu_R.r3), SET(ab_gelu_R.r2));               \
        __typeof__(s) a2_ = FMA(s, SET(ab_gelu_R.r5), SET(ab_gelu_R.r4));               \
        __typeof__(s) a3_ = FMA(s, SET(ab_gelu_R.r7), SET(ab_gelu_R.r6));               \
        __typeof__(s) a4_ = FMA(s, SET(ab_gelu_R.r9), SET(ab_gelu_R.r8));               \
        __typeof__(s) a5_ = FMA(s, SET(ab_gelu_R.r11), SET(ab_gelu_R.r10));             \
        __typeof__(s) b0_ = FMA(s2_, a1_, a0_);                                         \
        __typeof__(s) b1_ = FMA(s2_, a3_, a2_);                                         \
        __typeof__(s) b2_ = FMA(s2_, a5_, a4_);                                         \
        out = FMA(s4_, FMA(s4_, b2_, b1_), b0_);                                        \
    } while (0)


/* ---- AVX-512F: 8 lanes of double x (from floats) -> x Phi(x) in double -- */
AB_AVX512_INLINE __m512d ab_v8_gelu_f64(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d t = _mm512_min_pd(_mm512_abs_pd(x), _mm512_set1_pd(AB_GELU_TMAX)); /* NaN -> 14.5 */
    __m512d mh = _mm512_mul_pd(_mm512_mul_pd(t, _mm512_set1_pd(-0.5)), t);     /* -t^2/2, exact */
    /* e^mh = (1 + r + r^2 q) 2^k */
    __m512d kf;
    __m512d r = ab_v8_exp_reduce_f64(mh, &kf);
    __m512d em1;
    AB__EXP_F64_P6_POLY(_mm512_mul_pd, _mm512_fmadd_pd, _mm512_set1_pd, r, em1);
    __m512d e = _mm512_scalef_pd(_mm512_add_pd(one, em1), kf);
    /* s = 1/(4 + t) */
    __m512d d = _mm512_add_pd(t, _mm512_set1_pd(4.0));
    __m512d s = _mm512_rcp14_pd(d);
    s = _mm512_fmadd_pd(_mm512_fnmadd_pd(d, s, one), s, s);
    s = _mm512_fmadd_pd(_mm512_fnmadd_pd(d, s, one), s, s);
    __m512d R;
    AB__GELU_R_POLY(_mm512_mul_pd, _mm512_fmadd_pd, _mm512_set1_pd, s, R);
    __m512d E = _mm512_mul_pd(e, R);
    __mmask8 neg = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LT_OQ);
    __m512d w = _mm512_mask_blend_pd(neg, _mm512_sub_pd(one, E), E);
    return _mm512_mul_pd(x, w);
}

AB_V16_VIA_F64_DEFINE(ab_v16_gelu_via_f64, ab_v8_gelu_f64)
AB_AVX512_INLINE __m512 ab_v16_gelu_f64_f32(__m512 x) {
    __m512 y = ab_v16_gelu_via_f64(x);
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(-14.5f), _CMP_LT_OQ), y,
                             _mm512_set1_ps(-0.0f));
    y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), y, _mm512_add_ps(x, x));
    return ab_v16_half_tiny_f32(x, y);
}

/* ---- AVX2+FMA: 4 lanes of double ---------------------------------------- */
AB_AVX2_INLINE __m256d ab_v4_gelu_f64(__m256d x) {
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d t = _mm256_min_pd(ab_v4_abs_f64(x), _mm256_set1_pd(AB_GELU_TMAX)); /* NaN -> 14.5 */
    __m256d mh = _mm256_mul_pd(_mm256_mul_pd(t, _mm256_set1_pd(-0.5)), t);
    __m256d kf, kt;
    __m256d r = ab_v4_exp_reduce_f64(mh, &kf, &kt);
    __m256d em1;
    AB__EXP_F64_P6_POLY(_mm256_mul_pd, _mm256_fmadd_pd, _mm256_set1_pd, r, em1);
    /* 2^k from the shifter's bits: kt = 1.5 * 2^52 + k exactly, k in
     * [-152, 0], so the low 12 bits of bits(kt) + 1023 are k + 1023. */
    __m256d p2 = _mm256_castsi256_pd(_mm256_slli_epi64(
        _mm256_add_epi64(_mm256_castpd_si256(kt), _mm256_set1_epi64x(1023)), 52));
    __m256d e = _mm256_mul_pd(_mm256_add_pd(one, em1), p2);
    /* s = 1/(4 + t): 1/(float)(4 + t) in f32 (not rcpps: see the top), two Newton steps */
    __m256d d = _mm256_add_pd(t, _mm256_set1_pd(4.0));
    __m256d s = _mm256_cvtps_pd(_mm_div_ps(_mm_set1_ps(1.0f), _mm256_cvtpd_ps(d)));
    s = _mm256_fmadd_pd(_mm256_fnmadd_pd(d, s, one), s, s);
    s = _mm256_fmadd_pd(_mm256_fnmadd_pd(d, s, one), s, s);
    __m256d R;
    AB__GELU_R_POLY(_mm256_mul_pd, _mm256_fmadd_pd, _mm256_set1_pd, s, R);
    __m256d E = _mm256_mul_pd(e, R);
    __m256d neg = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d w = _mm256_blendv_pd(_mm256_sub_pd(one, E), E, neg);
    return _mm256_mul_pd(x, w);
}

AB_V8_VIA_F64_DEFINE(ab_v8_gelu_via_f64, ab_v4_gelu_f64)
AB_AVX2_INLINE __m256 ab_v8_gelu_f64_f32(__m256 x) {
    __m256 y = ab_v8_gelu_via_f64(x);
    y = _mm256_blendv_ps(y, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(x, _mm256_set1_ps(-14.5f), _CMP_LT_OQ));
    y = _mm256_blendv_ps(y, _mm256_add_ps(x, x), _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return ab_v8_half_tiny_f32(x, y);
}

/* ---- portable: the same recipe in plain branch-free C ------------------
 * For gcc -O2's vectorizer (SSE2 on baseline x86-64, two doubles a
 * vector): float selects by ab_psel_f32, the double one (E or 1 - E) by
 * x's sign bit spread to a 64-bit mask (a double compare's int result
 * blocks the vectorizer: "no vectype"; -0 takes E(0) = 1 - E(0)), 2^k
 * from the shifter's bits, s = 1/(4 + t) by a true division (no rcp in C),
 * no contraction (C17): every multiply and add rounds, which costs a few
 * 2^-53 more than the FMA kernels, nothing at float precision. */
AB_SCALAR_INLINE float ab_pgelu_f32(float xf) {
    float tf = fabsf(xf);
    tf = ab_psel_f32(tf < (float)AB_GELU_TMAX, tf, (float)AB_GELU_TMAX); /* NaN -> 14.5 */
    double x = xf, t = tf;
    double mh = (t * -0.5) * t;                           /* exact */
    double kf, kt;
    double r = ab_exp_reduce_f64(mh, &kf, &kt);
    double p2 = ab__f64_from_bits((ab__f64_to_bits(kt) + 1023u) << 52);
    double e = (1.0 + ab_exp_f64_p6_em1(r)) * p2;
    double s = 1.0 / (4.0 + t), s2 = s * s, s4 = s2 * s2;
    double b0 = (ab_gelu_R.r0 + s * ab_gelu_R.r1) + s2 * (ab_gelu_R.r2 + s * ab_gelu_R.r3);
    double b1 = (ab_gelu_R.r4 + s * ab_gelu_R.r5) + s2 * (ab_gelu_R.r6 + s * ab_gelu_R.r7);
    double b2 = (ab_gelu_R.r8 + s * ab_gelu_R.r9) + s2 * (ab_gelu_R.r10 + s * ab_gelu_R.r11);
    double E = e * (b0 + s4 * (b1 + s4 * b2));
    uint64_t m = (uint64_t)((int64_t)ab__f64_to_bits(x) >> 63);   /* sign: E, else 1 - E */
    double w = ab__f64_from_bits((ab__f64_to_bits(E) & m) | (ab__f64_to_bits(1.0 - E) & ~m));
    float y = (float)(x * w);
    y = ab_psel_f32(xf < -14.5f, -0.0f, y);
    y = ab_psel_f32(xf != xf, xf + xf, y);
    return ab_psel_f32(fabsf(xf) < 0x1p-60f, ab_phalf_tiny_f32(xf), y);
}

#endif /* AB_KERNELS_GELU_ERF_H */
