/* cr_simd.c: correctly rounded f32 kernels at SIMD speed (cr-* variants,
 * AVX-512F), registered into the activations of impls/<name>.c.
 *
 * Recipe (impls/kernels/cr_f64.h): 16 floats are widened to two vectors of
 * 8 doubles; f(x) is evaluated in binary64 with a relative error bound eps
 * PROVEN below for each function; cr_v8_unsafe flags the lanes whose
 * double y might round to another float than f(x) (y within K ulps of an
 * f32 midpoint: about 2^-18 of them), and the others are (float)y, the
 * correctly rounded result.  Flagged lanes go to cr_slow: the project's
 * certified binary64 fast tier (reference/fast32_*.c: a value with a
 * proven bound or direction, decided by ab_fast32_decide) and, where it
 * cannot decide, the MPFR Ziv reference (reference/ziv.c), the very
 * machinery that produces the reference values of the exhaustive sweep;
 * so a flagged lane returns the reference's float by construction.  The
 * fast tier is tried first because it is ~100x cheaper than MPFR and
 * decides all but ~2^-20 of inputs.  ab_cr_slow_calls counts the slow
 * calls of the calling thread (tests/test_cr.c reads it).
 *
 * Bounds, in the notation of cr_f64.h (eps_exp4 = 2^-45.05 for exp with q4,
 * eps_em5 = 2^-46.1 for expm1 with q5, u = 2^-53 one rounding); every
 * eps below but elu's is <= 2^-44, so K = 2^10 (cr_f64.h) covers them;
 * elu takes q4 (eps_em4 = 2^-39.8) and K = 2^14. */
#include "../api/actbench.h"
#include "../reference/elu.h"
#include "../reference/exp.h"
#include "../reference/expm1.h"
#include "../reference/fast32.h"
#include "../reference/formulas.h"
#include "../reference/reference.h"
#include "../reference/selu.h"
#include "../reference/silu.h"
#include "kernels/act_constants.h"
#include "kernels/batch.h"
#include "kernels/cr_f64.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>


/* ---- slow path (ab_cr_slow, kernels/cr_f64.h) ---------------------------- */

_Thread_local unsigned long long ab_cr_slow_calls;

static pthread_key_t cr_key;
static pthread_once_t cr_once = PTHREAD_ONCE_INIT;
static void cr_ctx_free(void *p) { ab_ref_ctx_free(p); }
static void cr_key_init(void) { pthread_key_create(&cr_key, cr_ctx_free); }

/* The correctly rounded f32 of f at x: the fast tier when it decides,
 * else MPFR (one context per thread, freed at thread exit). */
float ab_cr_slow(ab_fast32_fn fast, ab_reference_fn ref, float x) {
    ab_cr_slow_calls++;
    double v, err;
    float cr;
    ab_grid g;
    int code = fast(x, &v, &err);
    if (ab_fast32_decide(code, v, err, &cr, &g)) return cr;
    pthread_once(&cr_once, cr_key_init);
    ab_ref_ctx *c = pthread_getspecific(cr_key);
    if (!c) {
        c = ab_ref_ctx_new();
        if (!c) abort();
        pthread_setspecific(cr_key, c);
    }
    ab_refval r;
    ab_reference_eval(c, ref, AB_F32, x, &r);
    return (float)r.cr;
}
CR_SLOW(sigmoid)
/* For f(x) = x/2 + c x^2 + O(x^3), c > 0 (silu, gelu, gelu_tanh): the
 * flagged lanes are mostly tiny x (|x| < 2^-125 with an odd last bit:
 * x/2 is an f32 midpoint, and the double f(x) is x/2 exactly, 1 - x or
 * 2 - x not being doubles).  There f lies strictly above x/2 and within
 * 2^-60 |x/2| of it (c < 1), far closer than the next rounding boundary
 * (2^-25 relative): RN(f) = RU(x/2), whether x/2 is a float or a
 * midpoint (-2^-150 gives -0, as f > -2^-150 does). */
float ab_cr_slow_halfx(ab_fast32_fn fast, ab_reference_fn ref, float x) {
    if (fabsf(x) < 0x1p-60f) {
        ab_cr_slow_calls++;
        double h = 0.5 * (double)x; /* exact */
        float r = (float)h;
        return (double)r < h ? nextafterf(r, INFINITY) : r;
    }
    return ab_cr_slow(fast, ref, x);
}
static float slow_silu(float x) { return ab_cr_slow_halfx(ab_fast32_silu, ab_ref_silu, x); }
CR_SLOW(tanh)
CR_SLOW(exp)
CR_SLOW(expm1)
CR_SLOW(elu)
CR_SLOW(selu)

/* The exp reduction as the first stage of the skewed batches (kernels/cr_f64.h:
 * AB_CR_BATCH16S, AB_CR_BATCH16SR) of exp, expm1, elu and tanh. */
AB_AVX512_INLINE cr_v8_rs cr_red8(__m512d t) { return cr_v8_exp2_red_s(t, 0); }

/* ---- sigmoid -------------------------------------------------------------
 * u = min(110, max(-110, x)) (cr_v8_clamp), E = e^-u (cr_v8_exp2_neg, q4:
 * eps_exp4),
 * y = 1 / RN(1 + E) (vdivpd).  No cancellation anywhere (E > 0): RN(1 + E)
 * is off from 1 + e^-u by at most (E eps_exp4 + u(1 + E))/(1 + E) <=
 * eps_exp4 + u relative, the quotient rounds once: |y/f - 1| <= eps_exp4 +
 * 2u + (2nd order) <= 2^-44.95.  x > 110: f and y are within e^-110 of 1:
 * both round to 1.  x < -110: f < y = sigmoid(-110) < 2^-158: both round
 * to +0 (cr_v8_unsafe's L < 2^20 there).  +-0: 1/2.  NaN: max and min
 * keep their second operand: y NaN (and so does the unclamped loop of
 * AB_CR_BATCH16SR, which runs x in [-87, 110] and NaN as u = x). */
AB_AVX512_INLINE __m512 cr_clamp110_16(__m512 x) {
    return _mm512_min_ps(_mm512_set1_ps(110.0f), _mm512_max_ps(_mm512_set1_ps(-110.0f), x));
}
AB_AVX512_INLINE cr_v8_rs cr_sig_a8(__m512d u) { return cr_v8_exp2_red_s(u, 1); }
AB_AVX512_INLINE __m512d cr_sig_b8(__m512d u, cr_v8_rs o) {
    const __m512d one = _mm512_set1_pd(1.0);
    (void)u;
    return _mm512_div_pd(one, _mm512_add_pd(one, cr_v8_exp2_neg_fin(o, 4)));
}
/* The f32 screen of AB_CR_BATCH16SR: y < 2^-126 needs x < -87 (sigmoid(-87)
 * > e^-87 / 1.0000001 > 2^-125.5 and y is within 2^-44 of f). */
AB_CR_BATCH16SR(cr_sigmoid_batch, cr_clamp110_16, cr_sig_a8, cr_sig_b8, CR_K, CR_POS, -87.0f, 110.0f, slow_sigmoid)

/* ---- silu ----------------------------------------------------------------
 * u = max(-120, x), v = min(120, u), y = u / RN(1 + e^-v): as sigmoid with
 * an exact numerator, |y/f - 1| <= eps_exp4 + 2u <= 2^-44.95 for x in
 * [-120, 120].  x > 120: y = x / (1 + e^-120) and f are within 2^-173
 * relative of x: both round to x.  x < -120: |f| and |y| are below
 * 120 e^-120 < 2^-166: both round to -0 (L < 2^13).  Tiny x: y = x/2
 * (1 + O(x)); where x/2 is an f32 midpoint (odd subnormal x) y lands on
 * it and is flagged.  -0: -0/2 = -0.  NaN: max and min keep it.
 *   In AB_CR_BATCH16SRT: the loop takes u = x for x >= -87 (v = min(120, x)
 * inside fa), lanes below are recomputed from max(-120, x).  Tiny results,
 * |f| < 2^-126, need x < -87 or |x| < 2^-124 (x in [-87, -1]: |f| >=
 * sigmoid(-87) > 2^-125.5; [-1, -2^-124]: |f| >= 0.26 |x| > 2^-126; x > 0:
 * f > x/2), so the two f32 screens (x < -87, |x| < 2^-124) send every tiny
 * lane to the exact test, CR_ANY.  (Until 2026-11-30: AB_CR_BATCH, 8
 * lanes at a time, both clamps in the loop.) */
AB_AVX512_INLINE __m512 cr_max120_16(__m512 x) { return _mm512_max_ps(_mm512_set1_ps(-120.0f), x); }
AB_AVX512_INLINE cr_v8_rs cr_silu_a8(__m512d u) {
    return cr_v8_exp2_red_s(_mm512_min_pd(_mm512_set1_pd(120.0), u), 1);
}
AB_AVX512_INLINE __m512d cr_silu_b8(__m512d u, cr_v8_rs o) {
    return _mm512_div_pd(u, _mm512_add_pd(_mm512_set1_pd(1.0), cr_v8_exp2_neg_fin(o, 4)));
}
AB_CR_BATCH16SRT(cr_silu_batch, cr_max120_16, cr_silu_a8, cr_silu_b8, CR_K, CR_ANY, -87.0f, INFINITY,
                 0x1p-124f, slow_silu)

/* ---- tanh ----------------------------------------------------------------
 * v = min(10, max(-10, x)), t = -2v (both in f32 on 16 lanes, exact), em =
 * expm1(t) (cr_v8_expm1_2, q5: eps_em5 = 2^-46.1), y = em / RN(-em - 2)
 * (the identity tanh v = -expm1(-2v)/(2 + expm1(-2v)), odd in v; the
 * denominator is one vfnmsub).  v >= 0: em in (-1, 0], |2 + em| in [1, 2]:
 * the denominator is off by <= (|em| eps_em5 + u)/(2 + em) <= eps_em5 + u;
 * v < 0: em > 0, no cancellation in 2 + em, the same bound.  The quotient
 * rounds once: |y/f - 1| <= 2 eps_em5 + 2u + (2nd order) <= 2^-45.05.
 * |x| > 10: f and y = tanh(+-10)(1 +- 2^-45) both lie within 4.2e-9 < 0.1
 * ulp of +-1: both round to +-1 (L far from 2^28).  +0: t = -0, em = -0
 * (cr_v8_expm1_2), y = -0/-2 = +0; -0: t = +0, em = +0, y = -0.  NaN: max
 * and min keep it.  Tiny: for |x| < 2^-61, em = -2x exactly (cr_f64.h,
 * cr_v8_expm1_2), -em - 2 rounds to -2 and y = x exactly: every |y| <
 * 2^-126 is x itself, the correctly rounded tanh(x) (|tanh x - x| < |x|^3
 * is far below half an ulp of x): CR_NOTINY.  (Until 2026-11-30: em =
 * expm1(-2 min(10, |x|)) and x's sign copied in, in the skewed
 * AB_CR_BATCH2; 3 vector ops more per 8 lanes.) */
AB_AVX512_INLINE __m512 cr_tanh_pre16(__m512 x) {
    __m512 v = _mm512_min_ps(_mm512_set1_ps(10.0f), _mm512_max_ps(_mm512_set1_ps(-10.0f), x));
    return _mm512_mul_ps(v, _mm512_set1_ps(-2.0f));
}
AB_AVX512_INLINE __m512d cr_tanh_b8(__m512d t, cr_v8_rs o) {
    __m512d em = cr_v8_expm1_2_fin(o, 5);
    (void)t;
    return _mm512_div_pd(em, _mm512_fnmsub_pd(em, _mm512_set1_pd(1.0), _mm512_set1_pd(2.0)));
}
AB_CR_BATCH16S(cr_tanh_batch, cr_tanh_pre16, cr_red8, cr_tanh_b8, CR_K, CR_NOTINY, 0.0f, slow_tanh)

/* ---- exp -----------------------------------------------------------------
 * t = min(104, max(-104, x)) (in f32; NaN x gives x), y = exp(t)
 * (cr_v8_exp2, q4): |y/f - 1| <= eps_exp4 = 2^-45.05 on [-104, 104].  x > 88.73: f > 2^128 -
 * 2^103 (the midpoint above FLT_MAX) rounds to inf, and y, within eps_exp4
 * of f, converts to inf (vcvtpd2ps) unless flagged (cr_f64.h's overflow
 * clause); x > 104 gives y = e^104 > 2^150 (+inf in: +inf; a flagged lane
 * goes to slow() with its own x).  x < -104: f <
 * y = e^-104 = 0.486 2^-149 (1 +- 2^-45): both round to +0, and y is
 * 0.014 2^-149 (2^22 ulps of y + 2^-126) from the midpoint 2^-150: not
 * flagged.  AB_CR_BATCH16SR: the vector loop runs x in [-87, 104] (and NaN,
 * which propagates through r and Sr) unclamped, t = x; y < 2^-126 needs x
 * < -87.33 (y within 2^-44 of e^x), so every possibly tiny lane is among
 * those recomputed with the clamp and tested exactly. */
AB_AVX512_INLINE __m512 cr_clamp104_16(__m512 x) {
    return _mm512_min_ps(_mm512_set1_ps(104.0f), _mm512_max_ps(_mm512_set1_ps(-104.0f), x));
}
AB_AVX512_INLINE __m512d cr_exp8c(__m512d t) { return cr_v8_exp2(t, 4); }
AB_AVX512_INLINE __m512d cr_exp_b8(__m512d t, cr_v8_rs o) { (void)t; return cr_v8_exp2_fin(o, 4); }
AB_CR_BATCH16SR(cr_exp_batch, cr_clamp104_16, cr_red8, cr_exp_b8, CR_K, CR_POS, -87.0f, 104.0f, slow_exp)

/* ---- expm1, elu, selu ------------------------------------------------------
 * (elu: q4 and eps_em4 = 2^-39.8 wherever eps_em5 is said below.)
 * em = expm1(t), t = min(89, max(-110, x)) (q5): eps_em5 = 2^-46.1.  x <
 * -110: f and y lie within e^-110 of -1: both round to -1.  x > 89: inf.
 * (selu; expm1 and elu below use the regrouped core cr_v8_expm1_2, same
 * bound, with t clamped to [-104, 104] by cr_v8_clamp: x < -104 puts f
 * and y within e^-104 < 2^-150 of -1, both round to -1; x > 104: inf.)
 * x >= 0 (+-0 included) takes x itself for elu (exact) and
 * RN(RN(lambda) x) for selu (2u + |RN(lambda) - lambda|/lambda <= 3u,
 * lambda the reference's decimal 1.0507009873554805); x < 0: selu =
 * RN(RN(lambda alpha) em): eps_em5 + 3u (the decimal product's RN is
 * within 2^-57 of la_hi).  expm1(+-0) = +-0 by the same blend.  NaN: the
 * comparison is false and em is NaN. */
AB_AVX512_INLINE __m512d cr_em8(__m512d x) {
    __m512d t = _mm512_min_pd(_mm512_set1_pd(89.0), _mm512_max_pd(_mm512_set1_pd(-110.0), x));
    return cr_v8_expm1(t, 5);
}
/* expm1: cr_v8_expm1_2 gives expm1(-0) = -0 itself.  CR_NOTINY: for |x| <
 * 2^-60, em = x exactly (cr_f64.h), so every |y| < 2^-126 is x itself,
 * the correctly rounded expm1(x) (|expm1(x) - x| <= x^2 is far below half
 * an ulp of x); elu the same (x >= 0 takes x). */
/* Both run in AB_CR_BATCH16SR: the vector loop takes t = x for x in
 * [-104, 104] (expm1) or x >= -104 (elu), and NaN (it propagates); other
 * lanes are recomputed on t = x clamped to [-104, 104] (cr_clamp104_16: t
 * has x's sign, zero and NaN) or t = max(-104, x) (elu: x >= 0 untouched,
 * elu takes t = x there; for t > 104 the core's value is garbage and is
 * discarded by the blend). */
AB_AVX512_INLINE __m512d cr_expm1_b8(__m512d t, cr_v8_rs o) { (void)t; return cr_v8_expm1_2_fin(o, 5); }
AB_AVX512_INLINE __m512 cr_max104_16(__m512 x) { return _mm512_max_ps(_mm512_set1_ps(-104.0f), x); }
/* elu: q4 (eps_em4 = 2^-39.8, cr_f64.h) and K = 2^14: one FMA less per 8
 * lanes than q5 for a slow path taken on ~2^-14 of lanes instead of
 * ~2^-18 (elu 0.293 -> 0.270 ns on Zen 5; the slow calls cost nothing
 * measurable: K = 2^10 with q4, wrong but timed, ran the same). */
AB_AVX512_INLINE __m512d cr_elu_b8(__m512d t, cr_v8_rs o) {
    return _mm512_mask_mov_pd(cr_v8_expm1_2_fin(o, 4), _mm512_cmp_pd_mask(t, _mm512_setzero_pd(), _CMP_GE_OQ), t);
}
AB_AVX512_INLINE __m512d cr_selu8(__m512d x) {
    __mmask8 nn = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GE_OQ);
    __m512d neg = _mm512_mul_pd(cr_em8(x), _mm512_set1_pd(ab_selu_f64.la_hi));
    return _mm512_mask_mul_pd(neg, nn, x, _mm512_set1_pd(ab_selu_f64.lambda_hi));
}
AB_CR_BATCH16SR(cr_expm1_batch, cr_clamp104_16, cr_red8, cr_expm1_b8, CR_K, CR_NOTINY, -104.0f, 104.0f, slow_expm1)
AB_CR_BATCH16SR(cr_elu_batch, cr_max104_16, cr_red8, cr_elu_b8, CR_K14, CR_NOTINY, -104.0f, INFINITY, slow_elu)
AB_CR_BATCH(cr_selu_batch, cr_selu8, CR_K, 0, slow_selu)

/* ---- registration ---------------------------------------------------------
 * Declared 0.5 ULP: correctly rounded by construction (above).  Measured:
 * `actbench sweep --samples 1000000` on every range of all seven: max ULP
 * < 0.5, correctly_rounded 1, no failures; every f32 input (`sweep
 * --exhaustive`, sigmoid, 951 s on 2 shared cores): max ULP
 * 0.49999999999999994 on every row, so every output is the correctly
 * rounded one.  Slow path (tests/test_cr.c, 2^24 inputs, half any float,
 * half [-10, 10] by ordinal): 2^-18 to 2^-22 of lanes, silu 2^-7.4 (tiny
 * odd x, decided cheaply as RU(x/2)). */

CR_VARIANT(sigmoid, "cr-avx512-f64-lut16-p5-div",
           "f64 lanes: 1/(1+exp(-x)) (lut16, q4, proven 2^-45.0), 2^-44.9; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_sigmoid_batch)
CR_VARIANT(silu, "cr-avx512-f64-lut16-p5-div",
           "f64 lanes: x/(1+exp(-x)) (lut16, q4), 2^-44.9; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_silu_batch)
CR_VARIANT(tanh, "cr-avx512-f64-lut16-p6-div",
           "f64 lanes: em=expm1(-2 clamp(x,+-10)) (lut16, q5, 2^-46.1), em/(-em-2), 2^-45.05; f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_tanh_batch)
CR_VARIANT(exp, "cr-avx512-f64-lut16-p5",
           "f64 lanes: exp(x) (lut16, q4, 2^-45.0); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_exp_batch)
CR_VARIANT(expm1, "cr-avx512-f64-lut16-p6",
           "f64 lanes: expm1(x) = Sr q - (1-S) (lut16, q5, 2^-46.1); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_expm1_batch)
CR_VARIANT(elu, "cr-avx512-f64-lut16-p5",
           "f64 lanes: x>=0 ? x : expm1(x) (lut16, q4, 2^-39.8); f32 when 2^-40 from any midpoint, else fast tier/MPFR",
           cr_elu_batch)
CR_VARIANT(selu, "cr-avx512-f64-lut16-p6",
           "f64 lanes: x>=0 ? lambda x : lambda alpha expm1(x) (lut16, q5, 2^-45.9); f32 when 2^-44 from any midpoint, else fast tier/MPFR",
           cr_selu_batch)
