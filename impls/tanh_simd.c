/* tanh: vector kernels and peers (AVX2+FMA, AVX-512F, portable C the
 * compiler vectorizes, SLEEF, libmvec), registered into impls/tanh.c's
 * activation with AB_REGISTER_VARIANTS, after its scalar variants. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/exp_poly.h"
#include "kernels/exp_reduction.h"
#include "kernels/lanes.h"
#include "kernels/sleef.h"
#include "kernels/tanh_rational.h"
#include <math.h>

/* ---- vector variants (impls/kernels/) -----------------------------------
 * The clamped rational: x P(x^2)/Q(x^2), blended with copysign(1, x) where
 * |x| >= clamp (NaN fails that test and propagates through P/Q; -0 stays
 * -0 since x * P/Q keeps x's sign). */

/* f32 evaluated in double (the scalar kernel's recipe): both halves of the
 * vector are widened, evaluated and narrowed. */
AB_V16_VIA_F64_DEFINE(tanh16_rat_via_f64, ab_v8_tanh_rat_f32in64)
AB_AVX512_INLINE __m512 tanh16_f64eval(__m512 x) {
    __m512 y = tanh16_rat_via_f64(x);
    __mmask16 big = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(ab_tanh_f32_rat.clamp), _CMP_GE_OQ);
    return _mm512_mask_blend_ps(big, y, ab_v16_copysign_f32(_mm512_set1_ps(1.0f), x));
}
AB_V8_VIA_F64_DEFINE(tanh8_rat_via_f64, ab_v4_tanh_rat_f32in64)
AB_AVX2_INLINE __m256 tanh8_f64eval(__m256 x) {
    __m256 y = tanh8_rat_via_f64(x);
    __m256 big = _mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(ab_tanh_f32_rat.clamp), _CMP_GE_OQ);
    return _mm256_blendv_ps(y, ab_v8_copysign_f32(_mm256_set1_ps(1.0f), x), big);
}
/* f32 evaluated in float: twice the lanes per instruction, but the Horner
 * roundings show near |x| ~ 7.5 (tanh = 1 - 3e-7). */
AB_AVX512_INLINE __m512 tanh16_f32eval(__m512 x, const int nr) {
    __mmask16 big = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(ab_tanh_f32_rat.clamp), _CMP_GE_OQ);
    return _mm512_mask_blend_ps(big, ab_v16_tanh_rat_f32(x, nr), ab_v16_copysign_f32(_mm512_set1_ps(1.0f), x));
}
AB_AVX2_INLINE __m256 tanh8_f32eval(__m256 x, const int nr) {
    __m256 big = _mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(ab_tanh_f32_rat.clamp), _CMP_GE_OQ);
    return _mm256_blendv_ps(ab_v8_tanh_rat_f32(x, nr), ab_v8_copysign_f32(_mm256_set1_ps(1.0f), x), big);
}
AB_AVX512_INLINE __m512 tanh16_div(__m512 x) { return tanh16_f32eval(x, 0); }
AB_AVX512_INLINE __m512 tanh16_nr1(__m512 x) { return tanh16_f32eval(x, 1); }
AB_AVX2_INLINE __m256 tanh8_div(__m256 x) { return tanh8_f32eval(x, 0); }
AB_AVX2_INLINE __m256 tanh8_nr2(__m256 x) { return tanh8_f32eval(x, 1); }

AB_AVX512_INLINE __m512d tanh8d(__m512d x) {
    __mmask8 big = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(ab_tanh_f64_rat.clamp), _CMP_GE_OQ);
    return _mm512_mask_blend_pd(big, ab_v8_tanh_rat_f64(x), ab_v8_copysign_f64(_mm512_set1_pd(1.0), x));
}
AB_AVX2_INLINE __m256d tanh4d(__m256d x) {
    __m256d big = _mm256_cmp_pd(ab_v4_abs_f64(x), _mm256_set1_pd(ab_tanh_f64_rat.clamp), _CMP_GE_OQ);
    return _mm256_blendv_pd(ab_v4_tanh_rat_f64(x), ab_v4_copysign_f64(_mm256_set1_pd(1.0), x), big);
}

AB_V16_BATCH_F32(avx512_f64eval_batch, tanh16_f64eval)
AB_V8_BATCH_F32(avx2_f64eval_batch, tanh8_f64eval)
AB_V16_BATCH_F32(avx512_div_batch, tanh16_div)
AB_V16_BATCH_F32(avx512_nr1_batch, tanh16_nr1)
AB_V8_BATCH_F32(avx2_div_batch, tanh8_div)
AB_V8_BATCH_F32(avx2_nr2_batch, tanh8_nr2)
AB_V8_BATCH_F64_512(avx512_f64_batch, tanh8d)
AB_V4_BATCH_F64(avx2_f64_batch, tanh4d)

/* portable: plain C, the scalar kernel's recipe with a bit select for the
 * clamp.  Vectorizes (SSE2) at our -O2: `gcc -std=c17 -O2 -fopt-info-vec
 * -c impls/tanh_simd.c` reports "loop vectorized using 16 byte vectors" for the
 * chunk loop of portable_f32_batch (float->double widening included). */
AB_PORTABLE_BATCH_F32(portable_f32_batch, ab_ptanh_f32)

/* SLEEF 3.5 */
AB_AVX512_INLINE __m512 tanh16_sleef10(__m512 x) { return Sleef_tanhf16_u10avx512f(x); }
AB_AVX512_INLINE __m512 tanh16_sleef35(__m512 x) { return Sleef_tanhf16_u35avx512f(x); }
AB_AVX2_INLINE __m256 tanh8_sleef10(__m256 x) { return Sleef_tanhf8_u10avx2(x); }
AB_AVX2_INLINE __m256 tanh8_sleef35(__m256 x) { return Sleef_tanhf8_u35avx2(x); }
AB_AVX512_INLINE __m512d tanh8d_sleef10(__m512d x) { return Sleef_tanhd8_u10avx512f(x); }
AB_AVX2_INLINE __m256d tanh4d_sleef10(__m256d x) { return Sleef_tanhd4_u10avx2(x); }
AB_V16_BATCH_F32(sleef_avx512_u10_batch, tanh16_sleef10)
AB_V16_BATCH_F32(sleef_avx512_u35_batch, tanh16_sleef35)
AB_V8_BATCH_F32(sleef_avx2_u10_batch, tanh8_sleef10)
AB_V8_BATCH_F32(sleef_avx2_u35_batch, tanh8_sleef35)
AB_V8_BATCH_F64_512(sleef_avx512_u10_f64_batch, tanh8d_sleef10)
AB_V4_BATCH_F64(sleef_avx2_u10_f64_batch, tanh4d_sleef10)

/* glibc libmvec (GLIBC_2.35 names, linked through libm.so's script) */
__m256 _ZGVdN8v_tanhf(__m256 x);
__m512 _ZGVeN16v_tanhf(__m512 x);
AB_AVX512_INLINE __m512 tanh16_mvec(__m512 x) { return _ZGVeN16v_tanhf(x); }
AB_AVX2_INLINE __m256 tanh8_mvec(__m256 x) { return _ZGVdN8v_tanhf(x); }
AB_V16_BATCH_F32(libmvec_avx512_batch, tanh16_mvec)
AB_V8_BATCH_F32(libmvec_avx2_batch, tanh8_mvec)

static const ab_variant tanh_vector_variants[] = {
    /* Vector and peers: bounds a bit above the max over every range of two
     * `actbench sweep --samples 65536` runs (default seed and --seed 7):
     * f64-evaluated 0.70 (bit-identical to the scalar kernel, 0.699
     * exhaustive); float-evaluated div 5.46, nr 5.46 (in `saturation`);
     * f64 rational 5.87 (the scalar kernel measured 7.14 on 10^7 doubles,
     * so 8 stays); SLEEF u10 1.00, u35 2.55, f64 u10 1.00; libmvec 1.32
     * (AVX-512) / 0.95 (AVX2).  No failures. */
    AB_VARIANT("avx512-rational-11-10-f64", AB_VECTOR, "avx512f", 1, "x*P5(x^2)/Q5(x^2) in double (FMA, div), clamp at 9.0109", avx512_f64eval_batch),
    AB_VARIANT("avx2-rational-11-10-f64", AB_VECTOR, "avx2", 1, "x*P5(x^2)/Q5(x^2) in double (FMA, div), clamp at 9.0109", avx2_f64eval_batch),
    AB_VARIANT_EXPECTING("avx512-rational-11-10-div", AB_VECTOR, "avx512f", 6, "x*P5(x^2)/Q5(x^2) in float (FMA, div), clamp at 9.0109", avx512_div_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f32: 1 + 2^-23 at x = 0x1.205964p+3), and its equioscillating error puts neighbouring outputs out of order"),
    AB_VARIANT_EXPECTING("avx512-rational-11-10-nr1", AB_VECTOR, "avx512f", 6, "x*P5(x^2)*rcp14+1 Newton step(Q5(x^2)) in float, clamp at 9.0109", avx512_nr1_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f32: 1 + 2^-23 at x = 0x1.205964p+3), and its equioscillating error puts neighbouring outputs out of order"),
    AB_VARIANT_EXPECTING("avx2-rational-11-10-div", AB_VECTOR, "avx2", 6, "x*P5(x^2)/Q5(x^2) in float (FMA, div), clamp at 9.0109", avx2_div_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f32: 1 + 2^-23 at x = 0x1.205964p+3), and its equioscillating error puts neighbouring outputs out of order"),
    AB_VARIANT_EXPECTING("avx2-rational-11-10-nr2", AB_VECTOR, "avx2", 6, "x*P5(x^2)*rcpps+2 Newton steps(Q5(x^2)) in float, clamp at 9.0109", avx2_nr2_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f32: 1 + 2^-23 at x = 0x1.205964p+3), and its equioscillating error puts neighbouring outputs out of order"),
    AB_VARIANT("portable-rational-11-10", AB_VECTOR, "scalar", 1, "plain C the compiler vectorizes: x*P5/Q5 in double, clamp select", portable_f32_batch),
    AB_VARIANT_EXPECTING("avx512-rational-21-20", AB_VECTOR, "avx512f", 8, "x*P10(x^2)/Q10(x^2) (FMA, div), clamp at 19.0615", avx512_f64_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f64: 1 + 2^-52 near x = 18.3, e.g. 0x1.2464acfec4777p+4), and its equioscillating error puts neighbouring outputs out of order"),
    AB_VARIANT_EXPECTING("avx2-rational-21-20", AB_VECTOR, "avx2", 8, "x*P10(x^2)/Q10(x^2) (FMA, div), clamp at 19.0615", avx2_f64_batch,
               AB_FAIL_RANGE | AB_FAIL_MONOTONE,
               "known bug, not fixed: the rational exceeds 1 by an ulp below its clamp point (f64: 1 + 2^-52 near x = 18.3, e.g. 0x1.2464acfec4777p+4), and its equioscillating error puts neighbouring outputs out of order"),
    /* Peers */
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", 1.5, "Sleef_tanhf16_u10", sleef_avx512_u10_batch),
    AB_VARIANT_EXPECTING("sleef-avx512-u35", AB_LIBRARY, "avx512f", 3, "Sleef_tanhf16_u35", sleef_avx512_u35_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", 1.5, "Sleef_tanhf8_u10", sleef_avx2_u10_batch),
    AB_VARIANT_EXPECTING("sleef-avx2-u35", AB_LIBRARY, "avx2", 3, "Sleef_tanhf8_u35", sleef_avx2_u35_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF),
    AB_VARIANT("sleef-avx512-u10", AB_LIBRARY, "avx512f", 1.5, "Sleef_tanhd8_u10", sleef_avx512_u10_f64_batch),
    AB_VARIANT("sleef-avx2-u10", AB_LIBRARY, "avx2", 1.5, "Sleef_tanhd4_u10", sleef_avx2_u10_f64_batch),
    /* every f32 input (2026-11-30): 1.3736 ulp, and 2 pairs out of order,
     * e.g. tanh(-0x1.8p+0) = -0x1.cf6f96p-1 > tanh(-0x1.7ffffep+0) =
     * -0x1.cf6f98p-1 (the AVX2 kernel: monotone, 1.0265 ulp) */
    AB_VARIANT_EXPECTING("libmvec-avx512", AB_LIBRARY, "avx512f", 2, "glibc _ZGVeN16v_tanhf", libmvec_avx512_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_LIBMVEC),
    AB_VARIANT("libmvec-avx2", AB_LIBRARY, "avx2", 2, "glibc _ZGVdN8v_tanhf", libmvec_avx2_batch),
};
AB_REGISTER_VARIANTS("tanh", tanh_vector_variants)

/* tanh(x): an own AVX-512F f32 kernel split by |x| (registered into
 * impls/tanh.c's activation with AB_REGISTER_VARIANTS).
 *
 * Both branches run on a = |x| for every lane; a mask picks one and the
 * sign is copied from x at the end.
 * a <  9/16: a + (a t) q(t), t = a^2, q of degree 3 (odd minimax
 *            polynomial of degree 9, scripts/fit/tanh_odd_f32.sollya, rel
 *            err 2^-24.4): no division; the correction term is below 1/10
 *            of the result, so its roundings barely show.
 * a >= 9/16: tanh a = 1 - s, s = 2u/(1 + u) = u / ((1 + u)/2), u = e^-2a.
 *            9/16 > atanh(1/2), so s <= 1/2 and s's error counts at most
 *            half in the result's ulps; toward saturation it vanishes (the
 *            f32 rational x P/Q of impls/tanh.c loses 5 ulp there).  u:
 *            the exp reduction with one constant, r' = a + k ln2/2, k =
 *            round(-2a/ln2) (RN(ln2) is within 1.9e-9 of ln2 and |k| <=
 *            29, so this adds < 0.1 ulp to u where u matters), the p5 exp
 *            polynomial of exp_poly.h in r = -2r' (coefficients scaled by
 *            powers of -2, exact), vscalefps.  One vdivps (rcp14 + one
 *            Newton step on the quotient measured the same accuracy but
 *            ~10% slower).  a is clamped to 10 first (tanh rounds to 1
 *            above 9.0109; u = e^-20 still leaves 1 - s = 1), so nothing
 *            over/underflows and +-inf give +-1.
 * Specials: NaN fails a >= 9/16 and propagates through the polynomial
 * (the min clamp would turn it into 10, but that branch is masked off);
 * +-0 and subnormals: a + (a t) q = a exactly, then the sign of x (on x
 * itself the polynomial would give tanh(-0) = -0 + (+0) = +0). */
/* sollya scripts/fit/tanh_odd_f32.sollya
   tanh f32 odd poly: x + x^3 q(x^2), deg q = 3 on |x| <= 0.5625, max rel err (vs exact tanh) = 2^(-24.38) */
static const struct { float c3, c5, c7, c9; } tanh_odd_f32 = {
    .c3 = -0x1.555422p-2f,
    .c5 = 0x1.10c64p-3f,
    .c7 = -0x1.ae9b68p-5f,
    .c9 = 0x1.09f0cep-6f,
};
/* By hand: split = 9/16 (> atanh(1/2), the fit's end); ln2h = RN(ln2)/2,
 * the f32 ln2 0x1.62e43p-1 halved (exact). */
static const struct { float split, ln2h; } tanh_split_c = {
    .split = 0x1.2p-1f,
    .ln2h = 0x1.62e43p-2f,
};

/* e^r, r = -2r': 1 + r' (-2 + r' (4c2 + r' (-8c3 + r' (16c4 - 32c5 r')))) */
#define TANH_E_K5 (-32.0f * ab_exp_f32_p5.c5)
#define TANH_E_K4 (16.0f * ab_exp_f32_p5.c4)
#define TANH_E_K3 (-8.0f * ab_exp_f32_p5.c3)
#define TANH_E_K2 (4.0f * ab_exp_f32_p5.c2)

/* Measured max 1.78 ulp over every range of two `actbench sweep --samples
 * 65536` runs (default seed and --seed 7); 1.96 ulp over every float in
 * [0, 10] against double tanh (odd by construction, and exactly +-1
 * beyond), at 0x1.20c202p-1, just above the split. */
#define TANH_OWN_BOUND 2.1

AB_AVX512_INLINE __m512 tanh16_split(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    const __m512 ax = _mm512_abs_ps(x);
    /* small branch */
    __m512 t = _mm512_mul_ps(ax, ax);
    __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(tanh_odd_f32.c9), t, _mm512_set1_ps(tanh_odd_f32.c7));
    q = _mm512_fmadd_ps(q, t, _mm512_set1_ps(tanh_odd_f32.c5));
    q = _mm512_fmadd_ps(q, t, _mm512_set1_ps(tanh_odd_f32.c3));
    __m512 ys = _mm512_fmadd_ps(_mm512_mul_ps(ax, t), q, ax);
    /* large branch: u = e^-2a, a = min(|x|, 10) */
    __m512 a = _mm512_min_ps(ax, _mm512_set1_ps(10.0f));
    const __m512 shift = _mm512_set1_ps(ab_exp_f32_rr.shift);
    __m512 kf = _mm512_sub_ps(_mm512_fmadd_ps(a, _mm512_set1_ps(-2.0f * ab_exp_f32_rr.invln2), shift), shift);
    __m512 r = _mm512_fmadd_ps(kf, _mm512_set1_ps(tanh_split_c.ln2h), a);
    __m512 h = _mm512_fmadd_ps(_mm512_set1_ps(TANH_E_K5), r, _mm512_set1_ps(TANH_E_K4));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(TANH_E_K3));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(TANH_E_K2));
    h = _mm512_fmadd_ps(h, r, _mm512_set1_ps(-2.0f));
    __m512 u = _mm512_scalef_ps(_mm512_fmadd_ps(h, r, one), kf);
    __m512 dh = _mm512_fmadd_ps(u, _mm512_set1_ps(0.5f), _mm512_set1_ps(0.5f)); /* (1+u)/2 */
    __m512 s = _mm512_div_ps(u, dh);
    __mmask16 big = _mm512_cmp_ps_mask(ax, _mm512_set1_ps(tanh_split_c.split), _CMP_GE_OQ);
    __m512 y = _mm512_mask_sub_ps(ys, big, one, s);
    /* copysign(y, x): bit select 0xCA = (sign bit) ? x : y */
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_set1_epi32((int)0x80000000u),
                                                         _mm512_castps_si512(x), _mm512_castps_si512(y), 0xCA));
}

AB_V16_BATCH_F32(avx512_split_batch, tanh16_split)

static const ab_variant tanh_simd_variants[] = {
    AB_VARIANT_EXPECTING("avx512-odd9-exp-p5-div", AB_VECTOR, "avx512f", TANH_OWN_BOUND,
               "|x|<9/16: a+a^3*q3(a^2) (odd minimax, a=|x|); else 1-u/((1+u)/2), u=e^-2min(|x|,10) (1-const reduction, p5, scalef, vdivps); copysign", avx512_split_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("tanh", tanh_simd_variants)
