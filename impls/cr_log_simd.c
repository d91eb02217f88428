/* cr_log_simd.c: correctly rounded f32 kernels (cr-* variants, AVX-512F)
 * of softplus, log_sigmoid, log1p, mish and gelu_tanh: the recipe of
 * impls/cr_simd.c (f64 lanes with a proven relative error eps, the
 * midpoint test of kernels/cr_f64.h, a rare slow path), on the exp core
 * of kernels/cr_f64.h and the log core of kernels/cr_log_f64.h.
 *
 * Bounds (u = 2^-53 one rounding; eps_exp5 = 2^-47.6, eps_log =
 * 2^-46.2 and eps_l1 = 2^-46.6 proven in those headers): softplus, log_sigmoid, log1p and mish
 * stay under 2^-44 (K = CR_K); gelu_tanh under 2^-43 (K = CR_K11). */
#include "../api/actbench.h"
#include "../reference/fast32.h"
#include "../reference/formulas.h"
#include "../reference/gelu_tanh.h"
#include "../reference/log1p.h"
#include "../reference/log_sigmoid.h"
#include "../reference/mish.h"
#include "kernels/batch.h"
#include "kernels/cr_f64.h"
#include "kernels/cr_log_f64.h"
#include <math.h>

CR_SLOW(softplus)
CR_SLOW(log_sigmoid)
CR_SLOW(log1p)
CR_SLOW(mish)
static float slow_gelu_tanh(float x) { return ab_cr_slow_halfx(ab_fast32_gelu_tanh, ab_ref_gelu_tanh, x); }

/* ---- softplus, log_sigmoid -------------------------------------------------
 * softplus(x) = max(x, 0) + log1p(e^-|x|).  a = min(120, |x|), E = e^-a (cr_v8_exp2_neg, q5: eps_exp5), lg = log1p(E) by cr_v8_log1p01 (E in
 * [0, 1]: eps_l1), y = RN(max(x, 0) + lg).  E's error passes into
 * log1p(E) scaled by E/((1 + E) log1p(E)) <= 1, and both terms of the
 * final sum are >= 0: |y/f - 1| <= eps_exp5 + eps_l1 + u <= 2^-46.0.
 * (Until 2026-11-30 the log ran as log(s + d), s = RN(1 + E) and d its
 * Fast2Sum error, through getmant-style halving and a 13-entry table: 7
 * vector ops more per 8 lanes; the value is correctly rounded either way,
 * so every output is the same.)
 * |x| > 120: e^-|x| < 2^-173, so f = max(x, 0) + O(2^-173): y = x
 * (x > 120) or y = e^-120 < 2^-173 (x < -120): both round as f (to x, to
 * +0).  NaN: min keeps it, E and y are NaN.  log_sigmoid(x) =
 * -softplus(-x): the same bound. */
/* split for AB_CR_BATCH2: E = e^-min(120, |x|), then the rest */
AB_AVX512_INLINE __m512d cr_softplus_e8(__m512d x) {
    return cr_v8_exp2_neg(cr_v8_absmin(x, 120.0), 5);
}
AB_AVX512_INLINE __m512d cr_softplus_l8(__m512d x, __m512d E) {
    return _mm512_add_pd(_mm512_max_pd(x, _mm512_setzero_pd()), cr_v8_log1p01(E));
}
/* |-x| = |x|: the same E */
AB_AVX512_INLINE __m512d cr_log_sigmoid_l8(__m512d x, __m512d E) {
    const __m512i sgn = _mm512_set1_epi64((long long)0x8000000000000000ull);
    __m512d nx = _mm512_castsi512_pd(_mm512_xor_si512(sgn, _mm512_castpd_si512(x)));
    return _mm512_castsi512_pd(_mm512_xor_si512(sgn, _mm512_castpd_si512(cr_softplus_l8(nx, E))));
}
/* The skewed 16-lane batches of kernels/cr_f64.h with no clamp in f32
 * (softplus needs x itself): y < 2^-126 needs x < -87 for softplus
 * (softplus(-87) > e^-87 (1 - e^-87) > 2^-125.5, y within 2^-44 of f) and
 * |y| < 2^-126 needs x > 87 for log_sigmoid (log_sigmoid(x) =
 * -softplus(-x)): those lanes are tested exactly. */
AB_AVX512_INLINE __m512 cr_id16(__m512 x) { return x; }
AB_CR_BATCH16S(cr_softplus_batch, cr_id16, cr_softplus_e8, cr_softplus_l8, CR_K, CR_POS, -87.0f, slow_softplus)
AB_CR_BATCH16SR(cr_log_sigmoid_batch, cr_id16, cr_softplus_e8, cr_log_sigmoid_l8, CR_K, CR_ANY, -INFINITY, 87.0f,
                slow_log_sigmoid)

/* ---- log1p -----------------------------------------------------------------
 * s = RN(1 + x), d its error (TwoSum: exact), y = log(s + d) = log1p(x)
 * within eps_log: s is a normal double for x > -1 (s >= 2^-24, x being a
 * float).  Specials by blend: x = +-0 gives x (log1p(-0) = -0), x = -1
 * gives -inf, x < -1 and x = -inf give NaN, x = +inf gives +inf; NaN:
 * TwoSum and the core propagate it. */
AB_AVX512_INLINE __m512d cr_log1p8(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d s = _mm512_add_pd(one, x);
    __m512d bb = _mm512_sub_pd(s, one);
    __m512d d = _mm512_add_pd(_mm512_sub_pd(one, _mm512_sub_pd(s, bb)), _mm512_sub_pd(x, bb));
    __m512d y = cr_v8_log(s, d);
    y = _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_EQ_OQ), x);
    y = _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_set1_pd(-1.0), _CMP_EQ_OQ), _mm512_set1_pd(-INFINITY));
    y = _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_set1_pd(-1.0), _CMP_LT_OQ), _mm512_set1_pd(NAN));
    return _mm512_mask_mov_pd(y, _mm512_cmp_pd_mask(x, _mm512_set1_pd(INFINITY), _CMP_EQ_OQ), x);
}
AB_CR_BATCH(cr_log1p_batch, cr_log1p8, CR_K, 0, slow_log1p)

/* ---- mish ------------------------------------------------------------------
 * mish(x) = x tanh(log1p(e^x)) = x n/(n + 2), n = e^x (e^x + 2) (tanh of
 * a log: ((1+E)^2 - 1)/((1+E)^2 + 1)): no log and no cancellation.
 * v = max(-120, x), E = e^min(20, v) (q5: eps_exp5), n = RN(E RN(E + 2)):
 * <= 2 eps_exp5 + 2u; n/(n + 2) passes n's error scaled by 2/(n + 2) <= 1,
 * plus RN(n + 2) and the quotient (2u), and the product with v (u):
 * |y/f - 1| <= 2 eps_exp5 + 5u <= 2^-46.5.  x > 20: f = x (1 - t), 0 < t
 * < 2.5 e^-40 < 2^-56, and y = x (1 +- 2^-52): both round to x (L near
 * 0 or 2^29).  x < -120: |f| < 120 e^-120 < 2^-166 and |y| the same:
 * both round to -0.  -0: v = -0 (max keeps its second operand on equal
 * inputs), y = -0.  +inf: inf.  -inf: v = -120, -0.  NaN: kept by max. */
AB_AVX512_INLINE __m512d cr_mish_e8(__m512d x) {
    __m512d v = _mm512_max_pd(_mm512_set1_pd(-120.0), x);
    return cr_v8_exp(_mm512_min_pd(_mm512_set1_pd(20.0), v), 5);
}
AB_AVX512_INLINE __m512d cr_mish_r8(__m512d x, __m512d E) {
    const __m512d two = _mm512_set1_pd(2.0);
    __m512d v = _mm512_max_pd(_mm512_set1_pd(-120.0), x);
    __m512d n = _mm512_mul_pd(E, _mm512_add_pd(E, two));
    return _mm512_mul_pd(v, _mm512_div_pd(n, _mm512_add_pd(n, two)));
}
AB_CR_BATCH2(cr_mish_batch, cr_mish_e8, cr_mish_r8, CR_K, 0, slow_mish)

/* ---- gelu_tanh -------------------------------------------------------------
 * gelu_tanh(x) = x/2 (1 + tanh(w)) = x / (1 + e^(-2w)), w = sqrt(2/pi) (x +
 * 0.044715 x^3) (the reference's constants: sqrt(2/pi) exact, 0.044715
 * the decimal).  v = max(-20, x), v^2 exact (24-bit v), g = RN(RN(c2)
 * v^2 + 1) (2u: c2's rounding and the FMA), t = -2 RN(RN(c1 v) g) within
 * 5u |t|, T = min(120, max(-120, t)), y = v / RN(1 + e^T) (q5).  Relative:
 * |t| 5u + eps_exp5 (for T > 0; for T <= 0 scaled by e^T/(1+e^T) <= 1/2)
 * + 2u.  Where y is not below 2^-150 (then y and f round to -0 alike, L <
 * 2^28 - K), e^T <= 20 2^150, T <= 106.3: |y/f - 1| <= 106.3 5u + 2^-47.6
 * + 2u <= 2^-43.8 (K = CR_K11).  x < -20: f and y are below 20 e^-120:
 * -0.  T clamped at -120: y = v (1 - 2^-173): rounds to v, as f does
 * (x > 20 has t < -600).  +inf: inf / 1.  -inf: v = -20, -0.  +-0: t =
 * 0, y = +-0/2.  Tiny odd x: y = x/2, an f32 midpoint, flagged
 * (ab_cr_slow_halfx). */
AB_AVX512_INLINE __m512d cr_gelu_tanh_e8(__m512d x) {
    __m512d v = _mm512_max_pd(_mm512_set1_pd(-20.0), x);
    __m512d g = _mm512_fmadd_pd(_mm512_mul_pd(v, v), _mm512_set1_pd(0.044715), _mm512_set1_pd(1.0));
    __m512d t = _mm512_mul_pd(_mm512_mul_pd(v, _mm512_set1_pd(-2 * 0x1.9884533d43651p-1)), g);
    t = _mm512_min_pd(_mm512_set1_pd(120.0), _mm512_max_pd(_mm512_set1_pd(-120.0), t));
    return cr_v8_exp(t, 5);
}
AB_AVX512_INLINE __m512d cr_gelu_tanh_r8(__m512d x, __m512d E) {
    __m512d v = _mm512_max_pd(_mm512_set1_pd(-20.0), x);
    return _mm512_div_pd(v, _mm512_add_pd(_mm512_set1_pd(1.0), E));
}
AB_CR_BATCH2(cr_gelu_tanh_batch, cr_gelu_tanh_e8, cr_gelu_tanh_r8, CR_K11, 0, slow_gelu_tanh)

/* ---- registration ----------------------------------------------------------
 * Declared 0.5 ULP: correctly rounded by construction (above); every f32
 * input checked by `actbench sweep --exhaustive` (results/exhaustive.csv). */
CR_VARIANT(softplus, "cr-avx512-f64-lut16-p6-log16-p8",
           "f64 lanes: max(x,0)+log1p(exp(-|x|)) (exp lut16 q5, log1p 16-entry table p8), 2^-46.0; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_softplus_batch)
CR_VARIANT(log_sigmoid, "cr-avx512-f64-lut16-p6-log16-p8",
           "f64 lanes: -softplus(-x) (exp lut16 q5, log1p 16-entry table p8), 2^-46.0; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_log_sigmoid_batch)
CR_VARIANT(log1p, "cr-avx512-f64-twosum-log16-p8",
           "f64 lanes: log(1+x) with 1+x as an exact TwoSum (log 13-entry table p8, 2^-46.2); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_log1p_batch)
CR_VARIANT(mish, "cr-avx512-f64-lut16-p6-div",
           "f64 lanes: x n/(n+2), n = e^x (e^x+2) (exp lut16 q5), 2^-46.5; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_mish_batch)
CR_VARIANT(gelu_tanh, "cr-avx512-f64-lut16-p6-div",
           "f64 lanes: x/(1+exp(-2 sqrt(2/pi)(x+0.044715x^3))) (exp lut16 q5), 2^-43.8; f32 when 2^-43 from any midpoint, else fast tier/MPFR",
           cr_gelu_tanh_batch)
