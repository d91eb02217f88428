/* cr_more_simd.c: correctly rounded f32 kernels (cr-* variants, AVX-512F)
 * for the remaining smooth activations: celu, gaussian, erfc, softsign,
 * multiquadric and inv_multiquadric, so that every smooth activation has a
 * 0.5-ULP answer.  The recipe is impls/cr_simd.c's (kernels/cr_f64.h: f64
 * lanes with a proven relative error eps, the midpoint test with K, a rare
 * slow path); eps below uses u = 2^-53 and the exp core's eps_exp4 =
 * 2^-45.05, eps_em5 = 2^-46.1 (cr_f64.h), and erfc the gelu core's R
 * (kernels/cr_erf_f64.h: approximation 2^-51.72 measured, Horner 2^-52.37).
 * Every eps is <= 2^-44: K = CR_K. */
#include "../api/actbench.h"
#include "../reference/celu.h"
#include "../reference/erfc.h"
#include "../reference/fast32.h"
#include "../reference/gaussian.h"
#include "../reference/inv_multiquadric.h"
#include "../reference/multiquadric.h"
#include "../reference/softsign.h"
#include "kernels/batch.h"
#include "kernels/cr_erf_f64.h"
#include "kernels/cr_f64.h"
#include <math.h>

CR_SLOW(celu)
CR_SLOW(gaussian)
CR_SLOW(erfc)
CR_SLOW(softsign)
CR_SLOW(multiquadric)
CR_SLOW(inv_multiquadric)

/* celu with alpha = 1 is elu (reference/celu.c): x >= 0 (+-0 included) ?
 * x : expm1(max(-110, x)) (q5, eps_em5; below -110 f and y round to -1).
 * NaN: the comparison is false and expm1 keeps it. */
AB_AVX512_INLINE __m512d cr_celu8(__m512d x) {
    __m512d em = cr_v8_expm1(_mm512_max_pd(_mm512_set1_pd(-110.0), x), 5);
    return _mm512_mask_mov_pd(em, _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GE_OQ), x);
}
AB_CR_BATCH(cr_celu_batch, cr_celu8, CR_K, 0, slow_celu)

/* gaussian: e^-t, t = min(120, x^2): x^2 is exact (24-bit x), so y =
 * e^-t within eps_exp4.  x^2 > 120 (+-inf included): f < e^-104 rounds to
 * +0 and so does y = e^-120 (L < 2^20).  NaN: min keeps its second
 * operand.  cr_v8_exp2's grouping (eps_exp4 holds, cr_f64.h) in the
 * skewed AB_CR_BATCH2; CR_POSX: y < 2^-126 for |x| > 9.35, 7% of the
 * bench's [-10, 10], so the screen's branch on tiny lanes was taken by
 * two thirds of the 16-lane steps, unpredictably (0.51 ns on [-9, 9],
 * 0.65 on [-10, 10], 0.78 on [9.5, 12]); the exact test on every vector
 * runs 0.57 on all three (2026-12-01, Xeon). */
AB_AVX512_INLINE cr_v8_rs cr_gauss_a8(__m512d x) {
    return cr_v8_exp2_red_s(_mm512_min_pd(_mm512_set1_pd(120.0), _mm512_mul_pd(x, x)), 1);
}
AB_AVX512_INLINE __m512d cr_gauss_b8(__m512d x, cr_v8_rs o) {
    (void)x;
    return cr_v8_exp2_neg_fin(o, 4);
}
AB_CR_BATCH2(cr_gauss_batch, cr_gauss_a8, cr_gauss_b8, CR_K, CR_POSX, slow_gaussian)

/* erfc: a = min(10.6, |x|), C = RN(e^-a^2 P(a)) ~ erfc(a) = e^-a^2 R(a),
 * with the gelu core's R (slots on [0, 10.61]) at the exact argument a
 * (gelu feeds it |x|/sqrt2; here no rounding of z at all) and a^2 exact:
 * |C/erfc - 1| <= eps_exp4 + 2^-51.72 + 2^-52.37 + 1.13u (t = RN(a - c_k),
 * |R'/R| <= 1.13) + u <= 2^-44.95.  x >= 0: y = C.  x < 0: y = RN(2 - C)
 * = 2 - erfc|x| = erfc(x), C's error scaled by C/(2 - C) <= 1, plus u.
 * x > 10.6: f < erfc(10.6) < 2^-165 and y = C(10.6) < 2^-164 both round to
 * +0; x < -10.6: both round to 2.  +-inf: 0 and 2.  NaN: min keeps it, the
 * comparison is false. */
AB_AVX512_INLINE __m512d cr_erfc8(__m512d x) {
    __m512d a = _mm512_castsi512_pd(_mm512_andnot_si512(_mm512_set1_epi64((long long)0x8000000000000000ull),
                                                        _mm512_castpd_si512(x)));
    a = _mm512_min_pd(_mm512_set1_pd(10.6), a);
    __m512d C = _mm512_mul_pd(cr_v8_exp_neg(_mm512_mul_pd(a, a), 4), cr_v8_gelu_core(a));
    return _mm512_mask_sub_pd(C, _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LT_OQ), _mm512_set1_pd(2.0), C);
}
AB_CR_BATCH(cr_erfc_batch, cr_erfc8, CR_K, 1, slow_erfc)

/* softsign: y = RN(x / RN(1 + |x|)): 1 + |x| is exact for 2^-29 <= |x| <
 * 2^53 and off by u otherwise, the quotient rounds once: 2u.  +-inf: +-1
 * (inf/inf is NaN: blended).  +-0: +-0/1.  NaN: NaN. */
AB_AVX512_INLINE __m512d cr_softsign8(__m512d x) {
    const __m512i sgn = _mm512_set1_epi64((long long)0x8000000000000000ull);
    __m512d a = _mm512_castsi512_pd(_mm512_andnot_si512(sgn, _mm512_castpd_si512(x)));
    __m512d y = _mm512_div_pd(x, _mm512_add_pd(_mm512_set1_pd(1.0), a));
    /* +-inf: copysign(1, x), the bits (sgn ? x : 1) */
    __m512d one = _mm512_castsi512_pd(_mm512_ternarylogic_epi64(sgn, _mm512_castpd_si512(x),
                                                                _mm512_castpd_si512(_mm512_set1_pd(1.0)), 0xCA));
    return _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(a, _mm512_set1_pd(INFINITY), _CMP_EQ_OQ), one);
}
AB_CR_BATCH(cr_softsign_batch, cr_softsign8, CR_K, 0, slow_softsign)

/* multiquadric sqrt(x^2 + 1) and inv_multiquadric 1/sqrt(x^2 + 1): x^2
 * exact, RN(x^2 + 1) (u), the square root halves it and rounds (1.5u), the
 * reciprocal rounds once more (2.5u).  +-inf: inf and +0.  NaN: NaN. */
AB_AVX512_INLINE __m512d cr_mq8(__m512d x) {
    return _mm512_sqrt_pd(_mm512_fmadd_pd(x, x, _mm512_set1_pd(1.0)));
}
AB_AVX512_INLINE __m512d cr_imq8(__m512d x) {
    return _mm512_div_pd(_mm512_set1_pd(1.0), cr_mq8(x));
}
AB_CR_BATCH(cr_mq_batch, cr_mq8, CR_K, 1, slow_multiquadric)
AB_CR_BATCH(cr_imq_batch, cr_imq8, CR_K, 1, slow_inv_multiquadric)

/* ---- registration ----------------------------------------------------------
 * Declared 0.5 ULP: correctly rounded by construction (above); every f32
 * input checked by `actbench sweep --exhaustive` (results/exhaustive.csv). */
CR_VARIANT(celu, "cr-avx512-f64-lut16-p6",
           "f64 lanes: alpha=1: x>=0 ? x : expm1(x) (lut16, q5, 2^-46.1); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_celu_batch)
CR_VARIANT(gaussian, "cr-avx512-f64-sqexact-lut16-p5",
           "f64 lanes: exp(-x^2), x^2 exact (lut16, q4, 2^-45.0); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_gauss_batch)
CR_VARIANT(erfc, "cr-avx512-f64-erfc-lut16-p12-exp-lut16-p5",
           "f64 lanes: C=exp(-x^2) R(|x|), R=erfc e^(z^2) by slot (16 slots, p12), exp lut16 q4; x<0: 2-C; 2^-44.9; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_erfc_batch)
CR_VARIANT(softsign, "cr-avx512-f64-div",
           "f64 lanes: x/(1+|x|), 2u; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_softsign_batch)
CR_VARIANT(multiquadric, "cr-avx512-f64-sqrt",
           "f64 lanes: sqrt(fma(x,x,1)), 1.5u; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_mq_batch)
CR_VARIANT(inv_multiquadric, "cr-avx512-f64-sqrt-div",
           "f64 lanes: 1/sqrt(fma(x,x,1)), 2.5u; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_imq_batch)
