/* f64_erf_simd.c: binary64 vector kernels (AVX-512F, 8 lanes, and AVX2+FMA
 * twins, 4 lanes, with the same output bits) for erf, erfc and gelu(x) =
 * x/2 erfc(-x/sqrt2), registered into impls/erf.c's, impls/erfc.c's and
 * impls/gelu.c's activations.
 *
 * The core (kernels/erf_f64.h, erf64_core) gives erfc(z) = 2^kf (F + Fe)
 * (a double-double) for z in [1/2, 28] from e^(-z^2) at an exact argument
 * and R(z) = erfc(z) e^(z^2) by slot (32 slots, degree 13, fitted to
 * 2^-57.3 on the slots used by scripts/fit/fit_erf_f64.py), to <= 0.6 u relative (u = 2^-53,
 * worst cases summed; 0.29 u sampled: the header's comment).  Each kernel
 * rounds once more (below).  Near 0 (where a result ~1 has its largest ulp
 * relative to the core's error) the kernels go through erf's odd polynomial
 * instead, in double-double: erf(z) = p + rest (erf64_small), erfc = 1 -
 * erf, gelu = x/2 (1 + erf).
 * Declared bounds: from those worst-case sums (each kernel's comment), not
 * from the sampled maxima, which stay below 0.8 ulp (registration). */
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/erf_f64.h"
#include "kernels/lanes.h"
#include <math.h>

#define SGN64 _mm512_set1_epi64((long long)0x8000000000000000ull)
#define ERF64_ZMAX 0x1.7fcp+2 /* 6 - 2^-8: erf's clamp, below slot 16 (z >= 6) */

/* |m| with the sign bit of s */
AB_AVX512_INLINE __m512d erf64_with_sign(__m512d m, __m512d s) {
    return _mm512_castsi512_pd(_mm512_ternarylogic_epi64(SGN64, _mm512_castpd_si512(s), _mm512_castpd_si512(m), 0xCA));
}

/* erf(z) = p + rest for |z| < 3/4, z = zh + zl (|zl| <= 2^-52 |zh|), s =
 * RN(zh^2) (or z^2's leading part): P(s) = c0hi + tail, tail = c0lo + s Q(s)
 * (Horner, FMA; |tail| <= 0.19 P), p = RN(zh c0hi) and rest = the product's
 * residual (FMA, exact) + zh tail + zl c0hi, so p + rest is z P(z^2) to
 * <= 0.55 u (P fitted to 2^-56.2: 0.06; tail's Horner, ~1.6 u of it, and
 * zh tail's rounding: 0.19 (1.6 + 1) u; s's rounding moves P by <= 0.03 u). */
AB_AVX512_INLINE __m512d erf64_poly_tail(__m512d s) {
    __m512d q = _mm512_set1_pd(ab_erf_f64.es[12]);
#pragma GCC unroll 12
    for (int j = 11; j >= 2; j--) q = _mm512_fmadd_pd(q, s, _mm512_set1_pd(ab_erf_f64.es[j]));
    return _mm512_fmadd_pd(q, s, _mm512_set1_pd(ab_erf_f64.es[1]));
}
AB_AVX512_INLINE __m512d erf64_small(__m512d zh, __m512d zl, __m512d s, __m512d *rest) {
    __m512d tail = erf64_poly_tail(s);
    const __m512d c0 = _mm512_set1_pd(ab_erf_f64.es[0]);
    __m512d p = _mm512_mul_pd(zh, c0);
    *rest = _mm512_fmadd_pd(zh, tail, _mm512_fmadd_pd(zl, c0, _mm512_fmsub_pd(zh, c0, p)));
    return p;
}

/* ---- erf -----------------------------------------------------------------
 * a = |x| < 3/4: a P(a^2) = RN(a c0hi + a (c0lo + s Q)) (one rounding of
 * the sum; erf64_small's 0.55 u before it): <= 1.05 ulp.  Subnormal x: a
 * c0hi rounded once, a c0lo below the subnormal ulp.
 * a >= 3/4: z = min(a, 6 - 2^-8) (so slots 0..15: one vpermt2pd per
 * table), erf = 1 - 2^kf (F + Fe): Eh = 2^kf F and El =
 * 2^kf Fe exact (kf >= -60), 1 - Eh by Fast2Sum, then (+ (e - El)) one
 * rounding.  The core's 0.6 u enters scaled by erfc/erf <= 0.406 (at 3/4):
 * <= 0.25 u, plus the last rounding: <= 0.75 ulp.  a >= 5.93: erfc(a) <
 * 2^-54 and y = 1 (erfc(6 - 2^-8) = 2^-55.3 also gives RN(1 - it) = 1).
 * Sign: x's sign bit on |y| (+-0 -> +-0; +-inf: z = ERF64_ZMAX -> +-1).  NaN: x + x
 * (as erfc8d). */
AB_AVX512_INLINE __m512d erf8d(__m512d x) {
    __m512d a = _mm512_abs_pd(x);
    __mmask8 small = _mm512_cmp_pd_mask(a, _mm512_set1_pd(0.75), _CMP_LT_OQ);
    __m512d y = _mm512_setzero_pd();
    if (small != 0xFF) { /* the core, unless every lane takes the polynomial */
        __m512d z = _mm512_min_pd(_mm512_set1_pd(ERF64_ZMAX), a);
        __m512d zz = _mm512_mul_pd(z, z);
        __m512d Fe, kf;
        __m512d F = erf64_core(z, _mm512_setzero_pd(), zz, _mm512_fmsub_pd(z, z, zz), &Fe, &kf, 1);
        __m512d Eh = _mm512_scalef_pd(F, kf), El = _mm512_scalef_pd(Fe, kf);
        const __m512d one = _mm512_set1_pd(1.0);
        __m512d s1 = _mm512_sub_pd(one, Eh);
        __m512d e = _mm512_sub_pd(_mm512_sub_pd(one, s1), Eh);
        y = _mm512_add_pd(s1, _mm512_sub_pd(e, El));
    }
    if (small) {
        __m512d tail = erf64_poly_tail(_mm512_mul_pd(a, a));
        y = _mm512_mask_mov_pd(y, small, _mm512_fmadd_pd(a, _mm512_set1_pd(ab_erf_f64.es[0]), _mm512_mul_pd(a, tail)));
    }
    return _mm512_mask_add_pd(erf64_with_sign(y, x), _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q), x, x);
}
AB_V8_BATCH_F64_512(erf_avx512_batch, erf8d)

/* ---- erfc ----------------------------------------------------------------
 * z = min(|x|, 28) (erfc(28) < 2^-1100 rounds to +0, as erfc(x) for x >
 * 27.23), C = 2^kf F: one rounding of F + Fe's value (two where C is
 * subnormal: F is rounded, then vscalefpd rounds into the subnormals; the
 * first is <= 2^-53 C, below half a subnormal ulp).  x < 0: erfc(x) = 2 - C
 * in [1, 2]: 2 - C by Fast2Sum, minus 2^kf Fe, one rounding (C <= 1/2 there
 * carries its 0.6 u relative error into a result >= 3/2: <= 0.7 ulp).
 * x >= 1/2: the core's 0.6 u + the rounding: <= 1.1 ulp; subnormal results
 * <= 0.5 + 0.5 + 0.3 (the core's 0.6 u of 2^-1022 is 0.3 of its ulp).
 * |x| < 1/2: 1 - erf(x), erf = p + rest (signed, erf64_small), 1 - p by
 * Fast2Sum, one rounding; erf/erfc <= 1.09, erf to 0.55 u: <= 1.1 ulp (+-0:
 * exactly 1).  +inf: +0, -inf: 2.  NaN: x + x, set at the end. */
AB_AVX512_INLINE __m512d erfc8d(__m512d x) {
    __m512d a = _mm512_abs_pd(x);
    __mmask8 small = _mm512_cmp_pd_mask(a, _mm512_set1_pd(0.5), _CMP_LT_OQ);
    __m512d C = _mm512_setzero_pd();
    if (small != 0xFF) {
        __m512d z = _mm512_min_pd(_mm512_set1_pd(28.0), a);
        __m512d zz = _mm512_mul_pd(z, z);
        __m512d Fe, kf;
        __m512d F = erf64_core(z, _mm512_setzero_pd(), zz, _mm512_fmsub_pd(z, z, zz), &Fe, &kf, 0);
        C = _mm512_scalef_pd(F, kf);
        __mmask8 neg = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LT_OQ);
        if (neg) {
            const __m512d two = _mm512_set1_pd(2.0);
            __m512d s1 = _mm512_sub_pd(two, C);
            __m512d e = _mm512_sub_pd(_mm512_sub_pd(two, s1), C);
            C = _mm512_mask_mov_pd(C, neg, _mm512_add_pd(s1, _mm512_sub_pd(e, _mm512_scalef_pd(Fe, kf))));
        }
    }
    if (small) { /* 1 - erf(x), erf(x) = p + rest (signed), 1 - p by Fast2Sum */
        const __m512d one = _mm512_set1_pd(1.0);
        __m512d rest, p = erf64_small(x, _mm512_setzero_pd(), _mm512_mul_pd(x, x), &rest);
        __m512d g = _mm512_sub_pd(one, p), ge = _mm512_sub_pd(_mm512_sub_pd(one, g), p);
        C = _mm512_mask_mov_pd(C, small, _mm512_add_pd(g, _mm512_sub_pd(ge, rest)));
    }
    /* NaN: x + x, explicitly: which NaN operand an FMA passes on depends on
     * the instruction form the compiler picks, which may differ between the
     * branches above, and a lane's result must not depend on the others. */
    return _mm512_mask_add_pd(C, _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q), x, x);
}
AB_V8_BATCH_F64_512(erfc_avx512_batch, erfc8d)

/* ---- gelu ----------------------------------------------------------------
 * xc = x clamped to [-40, 40], a = |xc|, z = a/sqrt2 as zh + zl (zh =
 * RN(a rsqrt2_hi), zl = the FMA residual + a rsqrt2_lo: |z - zh - zl| <=
 * 2^-100 z, so R(z) sees no rounding of z beyond t's), z^2 = a^2/2 exactly
 * as h + l (FMA, halved).  d = 2^kf RN(hx F + hx Fe) (hx = xc/2, exact)
 * ~ x/2 erfc(|x|/sqrt2), scaled once at the end (erfc alone would go
 * subnormal while x/2 erfc is still normal).
 *   x <= -3/4: y = d (no cancellation: the core's 0.6 u (z >= 0.53, slots
 * 2..31) + one rounding, <= 1.1 ulp; subnormal results, two roundings: <=
 * 1.3 ulp as erfc's).
 *   x >= 3/4:  y = x/2 (2 - erfc) with 2 - erfc = G + Gl in double-double
 * (Fast2Sum, erfc <= 0.46): one rounding, the core's error scaled by
 * erfc/(2 - erfc) <= 0.3.
 *   |x| < 3/4: x/2 (1 + erf(z)) with z = zh + zl signed, erf = p + rest
 * (erf64_small, 0.55 u; |erf| <= 0.55 of 1 + erf >= 0.45: x 1.2), 1 + p
 * by Fast2Sum, one rounding: <= 1.2 ulp.  x > 40: y = x (gelu rounds to x above ~8.3; +inf
 * stays inf).  x < -38.6: |gelu| < 2^-1075 and d underflows to -0 (-inf:
 * -0).  |x| < 2^-60: the x/2 tie rule
 * (tails.h's ab_half_tiny_f64: gelu = x/2 + x^2/sqrt(2 pi) + ..., so an
 * odd subnormal x's midpoint x/2 rounds up), which also keeps +-0.
 * NaN: x + x, set at the end (as erfc8d). */
AB_AVX512_INLINE __m512d gelu8d(__m512d x) {
    __m512d xc = _mm512_min_pd(_mm512_set1_pd(40.0), _mm512_max_pd(_mm512_set1_pd(-40.0), x));
    __m512d a = _mm512_abs_pd(xc);
    __m512d aa = _mm512_mul_pd(a, a);
    const __m512d half = _mm512_set1_pd(0.5);
    __m512d h = _mm512_mul_pd(aa, half), hx = _mm512_mul_pd(xc, half), y = _mm512_setzero_pd();
    __mmask8 small = _mm512_cmp_pd_mask(a, _mm512_set1_pd(0.75), _CMP_LT_OQ);
    if (small != 0xFF) {
        __m512d zh = _mm512_mul_pd(a, _mm512_set1_pd(ab_erf_f64.rsqrt2_hi));
        __m512d zl = _mm512_fmadd_pd(a, _mm512_set1_pd(ab_erf_f64.rsqrt2_lo),
                                     _mm512_fmsub_pd(a, _mm512_set1_pd(ab_erf_f64.rsqrt2_hi), zh));
        __m512d l = _mm512_mul_pd(_mm512_fmsub_pd(a, a, aa), half);
        __m512d Fe, kf;
        __m512d F = erf64_core(zh, zl, h, l, &Fe, &kf, 0);
        y = _mm512_scalef_pd(_mm512_fmadd_pd(hx, F, _mm512_mul_pd(hx, Fe)), kf);
        __mmask8 pos = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GT_OQ);
        if (pos) { /* x/2 (G + Gl), G + Gl = 2 - erfc(z) = 1 + erf(z) (Fast2Sum), one rounding */
            const __m512d two = _mm512_set1_pd(2.0);
            __m512d C = _mm512_scalef_pd(F, kf), G = _mm512_sub_pd(two, C);
            __m512d Gl = _mm512_sub_pd(_mm512_sub_pd(_mm512_sub_pd(two, G), C), _mm512_scalef_pd(Fe, kf));
            __m512d yp = _mm512_fmadd_pd(hx, G, _mm512_mul_pd(hx, Gl));
            yp = _mm512_mask_mov_pd(yp, _mm512_cmp_pd_mask(x, _mm512_set1_pd(40.0), _CMP_GT_OQ), x);
            y = _mm512_mask_mov_pd(y, pos, yp);
        }
    }
    if (small) { /* x/2 (1 + erf(x/sqrt2)), erf = p + rest with z signed; 1 + p by Fast2Sum */
        const __m512d one = _mm512_set1_pd(1.0);
        __m512d sh = _mm512_mul_pd(x, _mm512_set1_pd(ab_erf_f64.rsqrt2_hi));
        __m512d sl = _mm512_fmadd_pd(x, _mm512_set1_pd(ab_erf_f64.rsqrt2_lo),
                                     _mm512_fmsub_pd(x, _mm512_set1_pd(ab_erf_f64.rsqrt2_hi), sh));
        __m512d rest, p = erf64_small(sh, sl, h, &rest);
        __m512d g = _mm512_add_pd(one, p), ge = _mm512_add_pd(_mm512_sub_pd(one, g), p);
        y = _mm512_mask_mov_pd(y, small, _mm512_fmadd_pd(hx, g, _mm512_mul_pd(hx, _mm512_add_pd(ge, rest))));
    }
    __mmask8 tiny = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(0x1p-60), _CMP_LT_OQ);
    if (tiny) {
        __m512d hh = _mm512_mul_pd(half, x);
        __mmask8 exact = _mm512_cmp_pd_mask(_mm512_add_pd(hh, hh), x, _CMP_EQ_OQ);
        __m512d upn = erf64_with_sign(_mm512_mul_pd(half, _mm512_add_pd(x, _mm512_set1_pd(0x1p-1074))), x);
        y = _mm512_mask_mov_pd(y, tiny, _mm512_mask_blend_pd(exact, upn, hh));
    }
    return _mm512_mask_add_pd(y, _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q), x, x); /* NaN: x + x (see erfc8d) */
}
AB_V8_BATCH_F64_512(gelu_avx512_batch, gelu8d)


/* ---- the AVX2+FMA twins (4 lanes) ----------------------------------------
 * The same recipes and arithmetic, line for line; erf64_core4 reads the
 * tables from per-slot rows (kernels/erf_f64.h).  vscalefpd's single rounding of v 2^kf becomes two
 * multiplications (v 2^(n>>1)) 2^(n - (n>>1)): the first exact (n >= -1160,
 * so v 2^(n>>1) stays normal for the v here), the second the one rounding
 * (into the subnormals too).  So the twins return the AVX-512 kernels' bits. */
__attribute__((constructor)) static void erf64_rows_ctor(void) { erf64_rows_init(); }

AB_AVX2_INLINE __m256d erf64_scale4(__m256d v, __m256d kf) {
    __m128i n = _mm256_cvtpd_epi32(kf), n1 = _mm_srai_epi32(n, 1), n2 = _mm_sub_epi32(n, n1);
    return _mm256_mul_pd(_mm256_mul_pd(v, ab_v4_pow2i_f64(n1)), ab_v4_pow2i_f64(n2));
}
AB_AVX2_INLINE __m256d erf64_with_sign4(__m256d m, __m256d s) {
    const __m256d sgn = _mm256_set1_pd(-0.0);
    return _mm256_or_pd(_mm256_andnot_pd(sgn, m), _mm256_and_pd(sgn, s));
}
AB_AVX2_INLINE __m256d erf64_poly_tail4(__m256d s) {
    __m256d q = _mm256_set1_pd(ab_erf_f64.es[12]);
#pragma GCC unroll 12
    for (int j = 11; j >= 2; j--) q = _mm256_fmadd_pd(q, s, _mm256_set1_pd(ab_erf_f64.es[j]));
    return _mm256_fmadd_pd(q, s, _mm256_set1_pd(ab_erf_f64.es[1]));
}
AB_AVX2_INLINE __m256d erf64_small4(__m256d zh, __m256d zl, __m256d s, __m256d *rest) {
    __m256d tail = erf64_poly_tail4(s);
    const __m256d c0 = _mm256_set1_pd(ab_erf_f64.es[0]);
    __m256d p = _mm256_mul_pd(zh, c0);
    *rest = _mm256_fmadd_pd(zh, tail, _mm256_fmadd_pd(zl, c0, _mm256_fmsub_pd(zh, c0, p)));
    return p;
}
#define ANY4(m) (!_mm256_testz_pd((m), (m)))
#define ALL4(m) (_mm256_movemask_pd(m) == 0xF)

AB_AVX2_INLINE __m256d erf4d(__m256d x) {
    __m256d a = ab_v4_abs_f64(x);
    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.75), _CMP_LT_OQ);
    __m256d y = _mm256_setzero_pd();
    if (!ALL4(small)) {
        __m256d z = _mm256_min_pd(_mm256_set1_pd(ERF64_ZMAX), a);
        __m256d zz = _mm256_mul_pd(z, z);
        __m256d Fe, kf;
        __m256d F = erf64_core4(z, _mm256_setzero_pd(), zz, _mm256_fmsub_pd(z, z, zz), &Fe, &kf);
        __m256d Eh = erf64_scale4(F, kf), El = erf64_scale4(Fe, kf);
        const __m256d one = _mm256_set1_pd(1.0);
        __m256d s1 = _mm256_sub_pd(one, Eh);
        __m256d e = _mm256_sub_pd(_mm256_sub_pd(one, s1), Eh);
        y = _mm256_add_pd(s1, _mm256_sub_pd(e, El));
    }
    if (ANY4(small)) {
        __m256d tail = erf64_poly_tail4(_mm256_mul_pd(a, a));
        y = _mm256_blendv_pd(y, _mm256_fmadd_pd(a, _mm256_set1_pd(ab_erf_f64.es[0]), _mm256_mul_pd(a, tail)), small);
    }
    return _mm256_blendv_pd(erf64_with_sign4(y, x), _mm256_add_pd(x, x), _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
}
AB_V4_BATCH_F64(erf_avx2_batch, erf4d)

AB_AVX2_INLINE __m256d erfc4d(__m256d x) {
    __m256d a = ab_v4_abs_f64(x);
    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.5), _CMP_LT_OQ);
    __m256d C = _mm256_setzero_pd();
    if (!ALL4(small)) {
        __m256d z = _mm256_min_pd(_mm256_set1_pd(28.0), a);
        __m256d zz = _mm256_mul_pd(z, z);
        __m256d Fe, kf;
        __m256d F = erf64_core4(z, _mm256_setzero_pd(), zz, _mm256_fmsub_pd(z, z, zz), &Fe, &kf);
        C = erf64_scale4(F, kf);
        __m256d neg = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_LT_OQ);
        if (ANY4(neg)) {
            const __m256d two = _mm256_set1_pd(2.0);
            __m256d s1 = _mm256_sub_pd(two, C);
            __m256d e = _mm256_sub_pd(_mm256_sub_pd(two, s1), C);
            C = _mm256_blendv_pd(C, _mm256_add_pd(s1, _mm256_sub_pd(e, erf64_scale4(Fe, kf))), neg);
        }
    }
    if (ANY4(small)) {
        const __m256d one = _mm256_set1_pd(1.0);
        __m256d rest, p = erf64_small4(x, _mm256_setzero_pd(), _mm256_mul_pd(x, x), &rest);
        __m256d g = _mm256_sub_pd(one, p), ge = _mm256_sub_pd(_mm256_sub_pd(one, g), p);
        C = _mm256_blendv_pd(C, _mm256_add_pd(g, _mm256_sub_pd(ge, rest)), small);
    }
    return _mm256_blendv_pd(C, _mm256_add_pd(x, x), _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
}
AB_V4_BATCH_F64(erfc_avx2_batch, erfc4d)

AB_AVX2_INLINE __m256d gelu4d(__m256d x) {
    __m256d xc = _mm256_min_pd(_mm256_set1_pd(40.0), _mm256_max_pd(_mm256_set1_pd(-40.0), x));
    __m256d a = ab_v4_abs_f64(xc);
    __m256d aa = _mm256_mul_pd(a, a);
    const __m256d half = _mm256_set1_pd(0.5), one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0);
    __m256d h = _mm256_mul_pd(aa, half), hx = _mm256_mul_pd(xc, half), y = _mm256_setzero_pd();
    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.75), _CMP_LT_OQ);
    if (!ALL4(small)) {
        __m256d zh = _mm256_mul_pd(a, _mm256_set1_pd(ab_erf_f64.rsqrt2_hi));
        __m256d zl = _mm256_fmadd_pd(a, _mm256_set1_pd(ab_erf_f64.rsqrt2_lo),
                                     _mm256_fmsub_pd(a, _mm256_set1_pd(ab_erf_f64.rsqrt2_hi), zh));
        __m256d l = _mm256_mul_pd(_mm256_fmsub_pd(a, a, aa), half);
        __m256d Fe, kf;
        __m256d F = erf64_core4(zh, zl, h, l, &Fe, &kf);
        y = erf64_scale4(_mm256_fmadd_pd(hx, F, _mm256_mul_pd(hx, Fe)), kf);
        __m256d pos = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_GT_OQ);
        if (ANY4(pos)) {
            __m256d C = erf64_scale4(F, kf), G = _mm256_sub_pd(two, C);
            __m256d Gl = _mm256_sub_pd(_mm256_sub_pd(_mm256_sub_pd(two, G), C), erf64_scale4(Fe, kf));
            __m256d yp = _mm256_fmadd_pd(hx, G, _mm256_mul_pd(hx, Gl));
            yp = _mm256_blendv_pd(yp, x, _mm256_cmp_pd(x, _mm256_set1_pd(40.0), _CMP_GT_OQ));
            y = _mm256_blendv_pd(y, yp, pos);
        }
    }
    if (ANY4(small)) {
        __m256d sh = _mm256_mul_pd(x, _mm256_set1_pd(ab_erf_f64.rsqrt2_hi));
        __m256d sl = _mm256_fmadd_pd(x, _mm256_set1_pd(ab_erf_f64.rsqrt2_lo),
                                     _mm256_fmsub_pd(x, _mm256_set1_pd(ab_erf_f64.rsqrt2_hi), sh));
        __m256d rest, p = erf64_small4(sh, sl, h, &rest);
        __m256d g = _mm256_add_pd(one, p), ge = _mm256_add_pd(_mm256_sub_pd(one, g), p);
        y = _mm256_blendv_pd(y, _mm256_fmadd_pd(hx, g, _mm256_mul_pd(hx, _mm256_add_pd(ge, rest))), small);
    }
    __m256d tiny = _mm256_cmp_pd(ab_v4_abs_f64(x), _mm256_set1_pd(0x1p-60), _CMP_LT_OQ);
    if (ANY4(tiny)) {
        __m256d hh = _mm256_mul_pd(half, x);
        __m256d exact = _mm256_cmp_pd(_mm256_add_pd(hh, hh), x, _CMP_EQ_OQ);
        __m256d upn = erf64_with_sign4(_mm256_mul_pd(half, _mm256_add_pd(x, _mm256_set1_pd(0x1p-1074))), x);
        y = _mm256_blendv_pd(y, _mm256_blendv_pd(upn, hh, exact), tiny);
    }
    return _mm256_blendv_pd(y, _mm256_add_pd(x, x), _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
}
AB_V4_BATCH_F64(gelu_avx2_batch, gelu4d)

/* ---- registration.  Declared bounds: the worst-case sums above (erf
 * 1.05, erfc and gelu 1.3 on subnormal results, 1.2 elsewhere) rounded up.
 * Sampled (`actbench sweep --precision f64 --samples 1000000 --search`,
 * every range, and 4,000,000 more per range on full, core, cancel, tail,
 * neg_tail, underflow with --seed 12345): max erf 0.782 (0x1.6e55f2395f341p-1,
 * the x P(x^2) side of 3/4), erfc 0.766 (0x1.a8b2f6953f494p+4, a subnormal
 * result: two roundings), gelu 0.768 (-0x1.2ced625827d68p+5, the same); no
 * overflow, NaN, sign, zero-flush or property failure; AVX2 = AVX-512 bits. */
#define ERF_F64_BOUND 1.25
#define ERFC_F64_BOUND 1.5
#define GELU_F64_BOUND 1.5

static const ab_variant erf_f64_variants[] = {
    AB_VARIANT("avx512-f64-erfc-lut32-p13-exp-p11", AB_VECTOR, "avx512f", ERF_F64_BOUND,
               "|x|<3/4: x P(x^2) (p11); else 1 - exp(-x^2) R(|x|) in double-double, R=erfc e^(z^2) by slot (32 slots, p13), exp rr1 p11 at the exact x^2 = h + l",
               erf_avx512_batch),
    AB_VARIANT("avx2-f64-erfc-lut32-p13-exp-p11", AB_VECTOR, "avx2", ERF_F64_BOUND,
               "the avx512 kernel's recipe on 4 lanes, tables by slot rows: |x|<3/4: x P(x^2) (p11); else 1 - exp(-x^2) R(|x|) in double-double (32 slots, p13)",
               erf_avx2_batch),
};
AB_REGISTER_VARIANTS("erf", erf_f64_variants)
static const ab_variant erfc_f64_variants[] = {
    AB_VARIANT("avx512-f64-lut32-p13-exp-p11", AB_VECTOR, "avx512f", ERFC_F64_BOUND,
               "exp(-x^2) R(|x|), R=erfc e^(z^2) by slot (32 slots, p13), exp rr1 p11 at the exact x^2 = h + l; x<0: 2 - that in double-double",
               erfc_avx512_batch),
    AB_VARIANT("avx2-f64-lut32-p13-exp-p11", AB_VECTOR, "avx2", ERFC_F64_BOUND,
               "the avx512 kernel's recipe on 4 lanes, tables by slot rows: exp(-x^2) R(|x|) (32 slots, p13); x<0: 2 - that; |x|<1/2: 1 - erf",
               erfc_avx2_batch),
};
AB_REGISTER_VARIANTS("erfc", erfc_f64_variants)
static const ab_variant gelu_f64_variants[] = {
    AB_VARIANT("avx512-f64-erfc-lut32-p13-exp-p11", AB_VECTOR, "avx512f", GELU_F64_BOUND,
               "d = x/2 exp(-x^2/2) R(|x|/sqrt2) (z double-double, 32 slots p13, exp rr1 p11 at the exact x^2/2); x<=0: d, else x - d; |x|<2^-60: x/2 tie rule",
               gelu_avx512_batch),
    AB_VARIANT("avx2-f64-erfc-lut32-p13-exp-p11", AB_VECTOR, "avx2", GELU_F64_BOUND,
               "the avx512 kernel's recipe on 4 lanes, tables by slot rows: x/2 exp(-x^2/2) R(|x|/sqrt2) (32 slots, p13); x>0: x/2 (2 - erfc); |x|<3/4: x/2 (1 + erf)",
               gelu_avx2_batch),
};
AB_REGISTER_VARIANTS("gelu", gelu_f64_variants)
