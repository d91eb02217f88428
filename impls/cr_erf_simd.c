/* cr_erf_simd.c: correctly rounded f32 erf and gelu at SIMD speed (cr-*
 * variants, AVX-512F, f64 lanes), registered into impls/erf.c's and
 * impls/gelu.c's activations.
 *
 * The recipe is impls/cr_simd.c's (kernels/cr_f64.h): f(x) in binary64 with
 * a relative error bound eps <= 2^-44 (derived below), cr_v8_unsafe flags
 * the lanes within K = 2^10 double ulps of an f32 rounding boundary, the
 * others store (float)y, the correctly rounded f(x); flagged lanes take the
 * slow path (the certified fast tier, then MPFR).  The cores (tables and
 * Horner) are impls/kernels/cr_erf_f64.h's; erfc goes through
 * erfc(z) = e^(-z^2) R(z) with e^(-z^2) = cr_v8_exp_neg(z^2, 4) at an exact
 * argument: eps_exp4 = 2^-45.05 (proven in cr_f64.h, |t| <= 120).
 * Notation: u = 2^-53 (one rounding); the polynomial bounds of
 * cr_erf_f64.h: erf table approx <= 2^-51.55 (measured), Horner <=
 * 2^-51.01; gelu table approx <= 2^-51.72 (measured), Horner <= 2^-52.37.
 * Measured: see the registration below. */
#include "../api/actbench.h"
#include "../reference/erf.h"
#include "../reference/fast32.h"
#include "../reference/gelu.h"
#include "../reference/reference.h"
#include "kernels/batch.h"
#include "kernels/cr_erf_f64.h"
#include "kernels/cr_f64.h"

CR_SLOW(erf)
CR_SLOW(gelu)

/* ---- erf -----------------------------------------------------------------
 * z = min(63/16, |x|) (exact: |x| is an f32, 63/16 a short dyadic), k =
 * round(RN(3.9) z).  erf rounds to 1 in f32 above |x| = 3.91921 (erfc =
 * 2^-25), and erfc(63/16) = 2^-25.21, so for |x| > 63/16 f and y (y at
 * least 2^-27.8, 2^25 ulps, from the midpoint 1 - 2^-25) both round to 1.
 *   k <= 2 (z < 0.641): y = p (erf directly).  t = RN(z - c_k) is exact in
 * slot 0 (c = 0) and off by <= u |t| in slots 1, 2, which moves erf by <=
 * |t| erf'/erf u <= (|t|/z) u <= u (erf concave: erf'/erf <= 1/z; |t| <= z
 * there).  eps <= 2^-51.55 + 2^-51.01 + u <= 2^-50.0.
 *   k >= 3 (z >= 0.641): E = e^(-z^2) (z^2 exact, eps_exp4), P ~ R(z)
 * (t off by u |t| <= 0.13 u, |R'/R| <= 1.13 on the range: 0.15 u; so
 * |P/R - 1| <= 2^-51.55 + 2^-51.01 + 0.15 u = 6.9 u), y = RN(1 - E P) (one
 * rounding, the product exact in the FMA).  The error of E P relative to
 * erfc is <= eps_exp4 + 6.9 u (+ 2nd order) and it enters erf multiplied by
 * erfc/erf <= erfc(0.641)/erf(0.641) = 0.574:
 *   eps <= 0.574 (247.3 u + 6.9 u) + u <= 147 u = 2^-45.8,
 * and 2^-45.4 even if the measured approximation bound were 16x larger.
 * Sign: |y| gets x's sign bit (erf is odd; +-0 -> +-0: slot 0 gives
 * RN(q 0 + 0) = +0).  +-inf: z = 63/16 -> +-1.  NaN: min keeps its second
 * operand (x's NaN), which runs through to y (the slot mask is false). */
AB_AVX512_INLINE __m512d cr_erf8(__m512d x) {
    const __m512i sgn = _mm512_set1_epi64((long long)0x8000000000000000ull);
    __m512d a = _mm512_castsi512_pd(_mm512_andnot_si512(sgn, _mm512_castpd_si512(x)));
    __m512d z = _mm512_min_pd(_mm512_set1_pd(ab_cr_erf.zmax_erf), a);
    __mmask8 direct;
    __m512d p = cr_v8_erf_core(z, &direct);
    __m512d e = cr_v8_exp_neg(_mm512_mul_pd(z, z), 4);
    __m512d y = _mm512_mask_mov_pd(_mm512_fnmadd_pd(e, p, _mm512_set1_pd(1.0)), direct, p);
    /* |y| with x's sign: bits (sgn ? x : y) */
    return _mm512_castsi512_pd(_mm512_ternarylogic_epi64(sgn, _mm512_castpd_si512(x), _mm512_castpd_si512(y), 0xCA));
}
AB_CR_BATCH(cr_erf_batch, cr_erf8, CR_K, 0, slow_erf)

/* ---- gelu ----------------------------------------------------------------
 * gelu(x) = x/2 erfc(-x/sqrt2).  xc = min(15, max(-15, x)), a = |xc|,
 * z = RN(a RN(1/sqrt2)), E2 = e^(-a^2/2) (a^2/2 exact: a is an f32 or 15),
 * P ~ R(z), C = RN(E2 P) ~ erfc(|x|/sqrt2), h = xc/2 (exact).
 *   x <= 0: y = RN(h C) = x/2 erfc(|x|/sqrt2): no cancellation.
 *   x > 0:  y = RN(x - h C) (one rounding) = x (1 - erfc/2), erfc/2 <= 1/2:
 * the error of h C enters scaled by (erfc/2)/(1 - erfc/2) <= 1.
 * Error of C relative to erfc(|x|/sqrt2): z is off by <= 2u relative (RN
 * of 1/sqrt2 and the product), which moves R(z) by <= 2u |z R'/R| <= 1.98 u
 * (|z R'/R| <= 0.9913 on [0, 10.61], printed by the fit script; e^(-a^2/2)
 * is exact-argument, so only R sees z's rounding); t = RN(z - c_k) off by u
 * |t| (|t| <= 1) moves R by <= 1.13 u; P's approximation and Horner:
 * 2^-51.72 + 2^-52.37 = 4.0 u; E2: eps_exp4 = 247.3 u; the product: u.
 * So |C/erfc - 1| <= 247.3 + 1.98 + 1.13 + 4.0 + 1 = 255.4 u (+ 2nd order),
 * and either branch: eps <= 256.4 u = 2^-45.0 (2^-44.8 with the measured
 * approximation bound 16x larger).
 * Clamps: x < -15: gelu rounds to -0 below x = -14.75 (|gelu| < 2^-150),
 * and y = -7.5 erfc(15/sqrt2) ~ -2^-163.6 also gives -0, unflagged (L < 2^19
 * in cr_v8_unsafe); -inf -> -0.  x > 15: y = RN(x - 7.5 erfc(10.6)) = x,
 * as gelu rounds to x above 5.42; +inf -> inf.
 * Tiny: 0 < |x| < 2^-100: gelu = x/2 + x^2/sqrt(2 pi) - ... lies in (x/2,
 * x/2 + 2^-199), and where x/2 is an f32 midpoint (odd subnormal x, or x in
 * [2^-126, 2^-125) with odd last bit) the double path gives y = x/2 exactly,
 * a flagged tie (2^-8 of all inputs).  There y = RN(x/2 + 2^-160) instead:
 * every f32 rounding boundary below 2^-124 is a multiple of 2^-150, x/2 is
 * one, and both f and y lie strictly between x/2 and x/2 + 2^-150, so they
 * round alike (to RU(x/2)), and y is 2^18 ulps of cr_v8_unsafe's a2 =
 * |y| + 2^-126 away from the boundary (not flagged).  For 2^-124 <= |x| <
 * 2^-100, x/2 is a normal float, y and f round to it (y is x/2 or at most
 * 2^-35 relative above it: L <= 2^18, not flagged).
 * +-0: the x <= 0 branch, h C = +-0.  NaN: max/min keep it; the comparisons
 * are false: y = RN(x - h C) = NaN. */
AB_AVX512_INLINE __m512d cr_gelu8(__m512d x) {
    __m512d xc = _mm512_min_pd(_mm512_set1_pd(15.0), _mm512_max_pd(_mm512_set1_pd(-15.0), x));
    __m512d a = _mm512_castsi512_pd(_mm512_andnot_si512(_mm512_set1_epi64((long long)0x8000000000000000ull),
                                                        _mm512_castpd_si512(xc)));
    __m512d z = _mm512_mul_pd(a, _mm512_set1_pd(ab_cr_erf.rsqrt2));
    __m512d P = cr_v8_gelu_core(z);
    __m512d E2 = cr_v8_exp_neg(_mm512_mul_pd(_mm512_mul_pd(a, _mm512_set1_pd(0.5)), a), 4);
    __m512d C = _mm512_mul_pd(E2, P);
    __m512d h = _mm512_mul_pd(xc, _mm512_set1_pd(0.5));
    __m512d y = _mm512_fnmadd_pd(h, C, x);
    y = _mm512_mask_mul_pd(y, _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LE_OQ), h, C);
    __mmask8 tiny = _mm512_cmp_pd_mask(a, _mm512_set1_pd(0x1p-100), _CMP_LT_OQ) &
                    _mm512_cmp_pd_mask(a, _mm512_setzero_pd(), _CMP_NEQ_OQ);
    return _mm512_mask_mov_pd(y, tiny, _mm512_fmadd_pd(x, _mm512_set1_pd(0.5), _mm512_set1_pd(0x1p-160)));
}
AB_CR_BATCH(cr_gelu_batch, cr_gelu8, CR_K, 0, slow_gelu)

/* ---- registration ---------------------------------------------------------
 * Declared 0.5 ULP: correctly rounded by construction (above).  Measured:
 * `actbench sweep --samples 1000000`, every range of both: max ULP < 0.5,
 * correctly_rounded 1, no failures; every f32 input (`sweep --exhaustive`,
 * 2 shared cores): erf 16 min, max ULP 0.49999999999999994, correctly
 * rounded on every row; gelu 18 min, the same.  Slow path (2^24 inputs: random
 * bits / uniform in [-10, 10] / in [-1, 1]): erf 2^-18.9 / 2^-19.3 /
 * 2^-17.7, gelu 2^-21.0 / 2^-18.5 / 2^-18.0. */
CR_VARIANT(erf, "cr-avx512-f64-erfc-lut16-p10-exp-lut16-p5",
           "f64 lanes: |x|<0.641: erf by slot (16 slots, p10); else 1-exp(-x^2) R(|x|), R=erfc e^(z^2) by slot (p10), exp lut16 q4; 2^-45.8; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_erf_batch)
CR_VARIANT(gelu, "cr-avx512-f64-erfc-lut16-p12-exp-lut16-p5",
           "f64 lanes: C=exp(-x^2/2) R(|x|/sqrt2), R=erfc e^(z^2) by slot of |x|/sqrt2+1 (16 slots, p12), exp lut16 q4; x<=0: x/2 C, else x - x/2 C; 2^-45.0; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_gelu_batch)
