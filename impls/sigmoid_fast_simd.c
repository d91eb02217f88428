/* sigmoid(x): fast own AVX-512 f32 kernels on the table-driven exp of
 * kernels/exp_lut.h (registered into impls/sigmoid.c's activation with
 * AB_REGISTER_VARIANTS).
 *
 * The stable recipe: e = e^t, t = -min(|x|, 104) (cannot overflow; below
 * -104 e^t < 2^-150 and the result rounds to +0 either way), then
 * y = (x < 0 ? e : 1) / (1 + e).
 *  - t = max(-104, x | sign bit): the constant is vmaxps' FIRST operand,
 *    so a NaN t (second operand) passes through and propagates through
 *    the reduction, the polynomial, vscalefps and the quotient: no NaN
 *    fix-up.  (vrangeps would do both in one instruction, but it returns
 *    the other operand for a quiet NaN: measured, NaN -> 1.)  +-inf give
 *    t = -104: +inf -> 1/(1 + tiny) = 1, -inf -> e^-104 rounded = +0.
 *  - e = vscalefps(p, kq) (exp_lut.h): one rounding also where e is
 *    subnormal (x in [-103.97, -87.3]), where the result is e / 1 = e: no
 *    zero flush.
 *  - num = (sign bit of x) ? e : 1 by vptestmd + a masked move; -0 gives
 *    e = 1 and 1/2.
 *  - the quotient: one vdivps y0 = num/(1 + e), then one correction
 *    y = num - e y0 (x < 0: e - e e/(1+e); x >= 0: 1 - e/(1+e)), as in
 *    impls/sigmoid_simd.c's lite kernel: the errors of rounding 1 + e and
 *    of the quotient are scaled by e in it, and the FNMA rounds once
 *    (sampled: 2.58 ulp without it, 1.81 with it).
 *  - "nr1" (not registered: measured slower than vdivps here) is rcp14 (rel err <=
 *    2^-14) with one Newton step fused into the multiplication by num:
 *    g = num r, y = g + g (1 - d r); the step leaves a relative error of
 *    at most (2^-14)^2 = 2^-28 before its own roundings (g's and the
 *    last FMA's, 1/2 ulp each, and 1 - d r is exact-ish: FMA of a
 *    product within 2^-14 of 1).
 * Error budget of e (x < 0, where e is the result): T's rounding 2^-24
 * relative, the polynomial 2^-29, the last FMA 1/2 ulp, r's rounding
 * ~2^-30: about 1 ulp; then 1 + e (relative 2^-24 of d, scaled by
 * e/(1+e) <= 1/2 in y) and the quotient's own 1/2 ulp. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp_lut.h"

/* e = e^-min(|x|,104) (NaN stays NaN) */
AB_AVX512_INLINE __m512 sigf_e(__m512 x) {
    __m512 t = _mm512_castsi512_ps(_mm512_or_epi32(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u)));
    t = _mm512_max_ps(_mm512_set1_ps(-104.0f), t); /* -min(|x|, 104); a NaN t (2nd operand) stays NaN */
    __m512 kq;
    __m512 p = ab_v16_exp_lut16_p3_f32(t, &kq);
    return _mm512_scalef_ps(p, kq);
}

/* (x<0 ? e : 1)/(1+e) with the one-FMA correction (see the header) */
AB_AVX512_INLINE __m512 sigf_finish(__m512 x, __m512 e) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __mmask16 neg = _mm512_test_epi32_mask(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u));
    __m512 num = _mm512_mask_mov_ps(one, neg, e);
    __m512 y0 = _mm512_div_ps(num, _mm512_add_ps(one, e));
    return _mm512_fnmadd_ps(e, y0, num);
}

AB_AVX512_INLINE __m512 sigf16(__m512 x) { return sigf_finish(x, sigf_e(x)); }

/* The fast path, for |x| <= 87 only (no NaN): t = -|x| needs no clamp
 * (max(-104, t) = t), p comes from the same instructions as in sigf_e, and
 * 2^floor(kq) is applied by adding floor(kq) to p's exponent field instead
 * of by vscalefps.  Both are exact when e = p 2^floor(kq) is a normal
 * float, and |x| <= 87 makes it one (e^-87 = 2^-125.5, and p is within a
 * few ulps of e^t 2^-floor(kq)), so the two paths give the same bits: an
 * element's result never depends on its neighbours in the block of 64. */
AB_AVX512_INLINE __m512 sigf16_fast(__m512 x) {
    __m512 t = _mm512_castsi512_ps(_mm512_or_epi32(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u)));
    __m512 kq;
    __m512 p = ab_v16_exp_lut16_p3_f32(t, &kq);
    __m512i f = _mm512_cvt_roundps_epi32(kq, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    __m512 e = _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(p), _mm512_slli_epi32(f, 23)));
    return sigf_finish(x, e);
}

AB_V16_BATCH_UNROLL_F32(sigf_x16, "avx512f", sigf16, 1)

/* 4 vectors per iteration: if any lane of the 4 has |x| > 87 or is NaN
 * (one vcmpps per vector, the masks OR-ed, one branch), the whole block
 * takes sigf16 (exact same recipe, vscalefps), else sigf16_fast. */
AB_AVX512_FN void sigf_fast_x64(const float *x, float *y, size_t n) {
    const __m512 lim = _mm512_set1_ps(87.0f);
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        __m512 c = _mm512_loadu_ps(x + i + 32), d = _mm512_loadu_ps(x + i + 48);
        __mmask16 o = _mm512_cmp_ps_mask(_mm512_abs_ps(a), lim, _CMP_NLE_UQ) | _mm512_cmp_ps_mask(_mm512_abs_ps(b), lim, _CMP_NLE_UQ)
                    | _mm512_cmp_ps_mask(_mm512_abs_ps(c), lim, _CMP_NLE_UQ) | _mm512_cmp_ps_mask(_mm512_abs_ps(d), lim, _CMP_NLE_UQ);
        if (__builtin_expect(o != 0, 0)) {
            a = sigf16(a); b = sigf16(b); c = sigf16(c); d = sigf16(d);
        } else {
            a = sigf16_fast(a); b = sigf16_fast(b); c = sigf16_fast(c); d = sigf16_fast(d);
        }
        _mm512_storeu_ps(y + i, a); _mm512_storeu_ps(y + i + 16, b);
        _mm512_storeu_ps(y + i + 32, c); _mm512_storeu_ps(y + i + 48, d);
    }
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, sigf16(_mm512_loadu_ps(x + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);
        _mm512_mask_storeu_ps(y + i, m, sigf16(_mm512_maskz_loadu_ps(m, x + i)));
    }
}

/* Bounds: every f32 input (sweep --exhaustive, 750 s on 2 cores, the
 * x64 variant; the scalef one gives the same bits): max 2.2104 ulp at
 * -0x1.b8c824p+1 (core and full), neg_tail 0.9998, tiny 0.875,
 * saturation 0.50002, special 0.511; no overflow, NaN, sign, zero-flush,
 * range, symmetry or NaN/inf-class failure; 736,302 of 2^32 pairs out of
 * order (declared).  Declared: 2.25. */
static const ab_variant sigmoid_fast_variants[] = {
    AB_VARIANT_EXPECTING("avx512-rr2-lut16-p3-scalef-div-fma", AB_VECTOR, "avx512f", 2.25,
               "e=exp(max(-104,-|x|)) (rr2, vpermps lut16, p3, scalef); y0=(x<0?e:1)/(1+e) (vdivps); (x<0?e:1)-e*y0", sigf_x16,
               AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx512-rr2-lut16-p3-div-fma-x64", AB_VECTOR, "avx512f", 2.25,
               "as avx512-rr2-lut16-p3-scalef-div-fma, bit for bit; blocks of 64 with all |x|<=87: no clamp, 2^n by integer add to p's exponent", sigf_fast_x64,
               AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("sigmoid", sigmoid_fast_variants)
