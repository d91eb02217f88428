/* f64 vector kernels (AVX-512F, 8 lanes; AVX2+FMA, 4 lanes) for the smooth
 * elementwise activations that had none: exp, expm1, elu, celu (alpha = 1,
 * so elu's kernel), selu, silu, log_sigmoid, mish.  Each is the
 * activation's stable recipe (impls/<name>.c) on the existing f64 cores:
 * exp_reduction.h's rr1 reduction (shifter, Cody-Waite ln2hi/ln2lo as
 * FMAs), exp_poly.h's degree-11 e^r - 1 = r + r^2 q(r), exp.h's
 * ab_v*_exp_f64 and log1p.h's ab_v*_log1p01_f64 (softplus's).  Registered
 * into each activation with AB_REGISTER_VARIANTS.
 *
 * Shared pieces (below): t = e^r - 1 with k (x = k ln2 + r, |r| <= ln2/2);
 * expm1 as 2 (s t + (s - 1/2)), s = 2^(k-1) (kernels/expm1.h's recipe in
 * f64: s t exact, s - 1/2 exact for -53 <= k <= 54, one rounding, the
 * doubling exact); e^-|x| as parts p 2^k (p = 1 + t in [0.7, 1.42]) so
 * that the x e^x tails of silu and mish are formed at a normal scale and
 * rounded into the subnormals once by the last scaling (vscalefpd, or
 * AVX2's two steps, each exact but the last).
 * gaussian and gelu_tanh carry their exponent to twice the precision
 * (x^2 by FMA; gelu_tanh's v as impls/gelu_tanh.c's double-double).
 * Not here: erf, erfc and gelu (impls/f64_erf_simd.c, on their own erfc
 * fit) and log1p (impls/f64_log1p_simd.c). */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/act_constants.h"
#include "kernels/batch.h"
#include "kernels/exp.h"
#include "kernels/exp_poly.h"
#include "kernels/exp_reduction.h"
#include "kernels/lanes.h"
#include "kernels/log1p.h"
#include "kernels/tails.h"
#include <math.h>

/* ---- shared pieces ------------------------------------------------------ */

/* t = e^r - 1 for xc = k ln2 + r; *k = k (integer-valued). */
AB_AVX512_INLINE __m512d em1_8d(__m512d xc, __m512d *k) {
    __m512d r = ab_v8_exp_reduce_f64(xc, k), t;
    AB__EXP_F64_POLY(_mm512_mul_pd, _mm512_fmadd_pd, _mm512_set1_pd, r, t);
    return t;
}
AB_AVX2_INLINE __m256d em1_4d(__m256d xc, __m256d *k) {
    __m256d kt, r = ab_v4_exp_reduce_f64(xc, k, &kt), t;
    AB__EXP_F64_POLY(_mm256_mul_pd, _mm256_fmadd_pd, _mm256_set1_pd, r, t);
    return t;
}
/* 2^kf, kf integer-valued in [-1022, 1023] */
AB_AVX2_INLINE __m256d pow2_4d(__m256d kf) { return ab_v4_pow2i_f64(_mm256_cvtpd_epi32(kf)); }
/* v 2^kf rounded once, kf integer-valued in [-2044, 0], v normal with
 * |v| >= 2^-400 (or 0, inf, NaN): when 2^kf is not normal, two steps
 * 2^(kf - kf/2) then 2^(kf/2), the first exact (v 2^-1022 stays normal). */
AB_AVX2_INLINE __m256d scale_4d(__m256d v, __m256d kf) {
    __m128i n = _mm256_cvtpd_epi32(kf);
    __m256d out = _mm256_cmp_pd(kf, _mm256_set1_pd(-1022.0), _CMP_LT_OQ);
    if (_mm256_testz_pd(out, out)) return _mm256_mul_pd(v, ab_v4_pow2i_f64(n));
    __m128i n1 = _mm_srai_epi32(n, 1), n2 = _mm_sub_epi32(n, n1);
    return _mm256_mul_pd(_mm256_mul_pd(v, ab_v4_pow2i_f64(n2)), ab_v4_pow2i_f64(n1));
}

/* e^x - 1, every x (nonpos: the caller uses only x <= 0 or NaN lanes).
 * x is clamped to [-40, 710] (e^x - 1 rounds to -1 below -37.43; k <= 1024
 * keeps s = 2^(k-1) a normal double); x > OVF: +inf; |x| < 2^-53 (+-0 and
 * subnormals included, where the sum would lose -0 or a subnormal t) and
 * NaN: x itself, the correctly rounded result (x^2/2 < ulp(x)/2). */
AB_AVX512_INLINE __m512d expm1_8d(__m512d x, const int nonpos) {
    __m512d xc = _mm512_max_pd(x, _mm512_set1_pd(-40.0));
    xc = _mm512_min_pd(xc, _mm512_set1_pd(nonpos ? 0.0 : 710.0));
    __m512d k, t = em1_8d(xc, &k);
    __m512d s = _mm512_scalef_pd(_mm512_set1_pd(0.5), k);
    __m512d y = _mm512_fmadd_pd(s, t, _mm512_sub_pd(s, _mm512_set1_pd(0.5)));
    y = _mm512_add_pd(y, y);
    if (!nonpos)
        y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(ab_exp_f64_rr.ovf), _CMP_GT_OQ),
                                 y, _mm512_set1_pd(INFINITY));
    __mmask8 keep = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(0x1p-53), _CMP_LT_OQ) |
                    _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_pd(keep, y, x);
}
AB_AVX2_INLINE __m256d expm1_4d(__m256d x, const int nonpos) {
    __m256d xc = _mm256_max_pd(x, _mm256_set1_pd(-40.0));
    xc = _mm256_min_pd(xc, _mm256_set1_pd(nonpos ? 0.0 : 710.0));
    __m256d k, t = em1_4d(xc, &k);
    __m256d s = pow2_4d(_mm256_sub_pd(k, _mm256_set1_pd(1.0)));   /* k - 1 in [-59, 1023] */
    __m256d y = _mm256_fmadd_pd(s, t, _mm256_sub_pd(s, _mm256_set1_pd(0.5)));
    y = _mm256_add_pd(y, y);
    if (!nonpos)
        y = _mm256_blendv_pd(y, _mm256_set1_pd(INFINITY),
                             _mm256_cmp_pd(x, _mm256_set1_pd(ab_exp_f64_rr.ovf), _CMP_GT_OQ));
    __m256d keep = _mm256_or_pd(_mm256_cmp_pd(ab_v4_abs_f64(x), _mm256_set1_pd(0x1p-53), _CMP_LT_OQ),
                                _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_pd(y, x, keep);
}

/* e^x for x <= 0 as parts p 2^k: x clamped below at lo (>= -1100, chosen
 * by the caller so that its result rounds to 0 below lo; k >= -1587 then,
 * and the FMA reduction stays accurate: x - k ln2hi is exact, k ln2lo
 * carries 2^-106 relative). */
AB_AVX512_INLINE __m512d parts_8d(__m512d x, double lo, __m512d *k) {
    return _mm512_add_pd(_mm512_set1_pd(1.0), em1_8d(_mm512_max_pd(x, _mm512_set1_pd(lo)), k));
}
AB_AVX2_INLINE __m256d parts_4d(__m256d x, double lo, __m256d *k) {
    return _mm256_add_pd(_mm256_set1_pd(1.0), em1_4d(_mm256_max_pd(x, _mm256_set1_pd(lo)), k));
}

/* x/2 tie rule for |x| < 2^-60 (tails.h's ab_half_tiny_f64, as selects) */
AB_AVX512_INLINE __m512d half_tiny_8d(__m512d x, __m512d y) {
    __mmask8 tiny = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(0x1p-60), _CMP_LT_OQ);
    if (!tiny) return y;
    __m512d h = _mm512_mul_pd(_mm512_set1_pd(0.5), x);
    __mmask8 exact = _mm512_cmp_pd_mask(_mm512_add_pd(h, h), x, _CMP_EQ_OQ);
    __m512d up = ab_v8_copysign_f64(_mm512_abs_pd(_mm512_mul_pd(_mm512_set1_pd(0.5),
                                                                _mm512_add_pd(x, _mm512_set1_pd(0x1p-1074)))), x);
    return _mm512_mask_blend_pd(tiny, y, _mm512_mask_blend_pd(exact, up, h));
}
AB_AVX2_INLINE __m256d half_tiny_4d(__m256d x, __m256d y) {
    __m256d tiny = _mm256_cmp_pd(ab_v4_abs_f64(x), _mm256_set1_pd(0x1p-60), _CMP_LT_OQ);
    if (_mm256_testz_pd(tiny, tiny)) return y;
    __m256d h = _mm256_mul_pd(_mm256_set1_pd(0.5), x);
    __m256d exact = _mm256_cmp_pd(_mm256_add_pd(h, h), x, _CMP_EQ_OQ);
    __m256d up = ab_v4_copysign_f64(ab_v4_abs_f64(_mm256_mul_pd(_mm256_set1_pd(0.5),
                                                                _mm256_add_pd(x, _mm256_set1_pd(0x1p-1074)))), x);
    return _mm256_blendv_pd(y, _mm256_blendv_pd(up, h, exact), tiny);
}

/* ---- exp: ab_v*_exp_f64 as is (rr1, p11; x > OVF: inf; x < -746: +0;
 * subnormal results rounded once) ---------------------------------------- */
AB_AVX512_INLINE __m512d exp8d(__m512d x) { return ab_v8_exp_f64(x, 0); }
AB_AVX2_INLINE __m256d exp4d(__m256d x) { return ab_v4_exp_f64(x, 0); }
AB_V8_BATCH_F64_512(exp_avx512_batch, exp8d)
AB_V4_BATCH_F64(exp_avx2_batch, exp4d)

/* ---- expm1 -------------------------------------------------------------- */
AB_AVX512_INLINE __m512d expm1_8d_all(__m512d x) { return expm1_8d(x, 0); }
AB_AVX2_INLINE __m256d expm1_4d_all(__m256d x) { return expm1_4d(x, 0); }
AB_V8_BATCH_F64_512(expm1_avx512_batch, expm1_8d_all)
AB_V4_BATCH_F64(expm1_avx2_batch, expm1_4d_all)

/* ---- elu (alpha = 1), and celu (alpha = 1: the same function) -----------
 * x >= 0 (-0 included) or NaN: x; else expm1(x) (nonpos; -inf: -1). */
AB_AVX512_INLINE __m512d elu8d(__m512d x) {
    __mmask8 keep = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_NLT_UQ);
    return _mm512_mask_blend_pd(keep, expm1_8d(x, 1), x);
}
AB_AVX2_INLINE __m256d elu4d(__m256d x) {
    return _mm256_blendv_pd(expm1_4d(x, 1), x, _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_NLT_UQ));
}
AB_V8_BATCH_F64_512(elu_avx512_batch, elu8d)
AB_V4_BATCH_F64(elu_avx2_batch, elu4d)

/* ---- selu: impls/selu_simd.c's finish with act_constants.h's f64 hi + lo
 * pairs: x >= 0: fma(l_hi, x, l_lo x); x < 0: fma(la_hi, e, la_lo e),
 * e = expm1(x); +-0, +inf and NaN returned as they are. */
AB_AVX512_INLINE __m512d selu8d(__m512d x) {
    __m512d e = expm1_8d(x, 1);
    __m512d pos = _mm512_fmadd_pd(_mm512_set1_pd(ab_selu_f64.lambda_hi), x,
                                  _mm512_mul_pd(_mm512_set1_pd(ab_selu_f64.lambda_lo), x));
    __m512d neg = _mm512_fmadd_pd(_mm512_set1_pd(ab_selu_f64.la_hi), e,
                                  _mm512_mul_pd(_mm512_set1_pd(ab_selu_f64.la_lo), e));
    __m512d y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GE_OQ), neg, pos);
    __mmask8 keep = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_EQ_OQ) |
                    _mm512_cmp_pd_mask(x, _mm512_set1_pd(INFINITY), _CMP_EQ_OQ) |
                    _mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_pd(keep, y, x);
}
AB_AVX2_INLINE __m256d selu4d(__m256d x) {
    __m256d e = expm1_4d(x, 1);
    __m256d pos = _mm256_fmadd_pd(_mm256_set1_pd(ab_selu_f64.lambda_hi), x,
                                  _mm256_mul_pd(_mm256_set1_pd(ab_selu_f64.lambda_lo), x));
    __m256d neg = _mm256_fmadd_pd(_mm256_set1_pd(ab_selu_f64.la_hi), e,
                                  _mm256_mul_pd(_mm256_set1_pd(ab_selu_f64.la_lo), e));
    __m256d y = _mm256_blendv_pd(neg, pos, _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_GE_OQ));
    __m256d keep = _mm256_or_pd(_mm256_or_pd(_mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_EQ_OQ),
                                             _mm256_cmp_pd(x, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ)),
                                _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_pd(y, x, keep);
}
AB_V8_BATCH_F64_512(selu_avx512_batch, selu8d)
AB_V4_BATCH_F64(selu_avx2_batch, selu4d)

/* ---- silu: impls/silu_simd.c's recipe in f64.  e^-|x| = p 2^k (parts,
 * clamped at -760: silu rounds to -0 below -751.76), e = p 2^k, and
 *   x >= 0: x (1 / (1 + e));   x < 0: (x (p / (1 + e))) 2^k,
 * the last scaling one rounding, so the tail x e^x (subnormal below
 * -708.4) keeps its relative accuracy.  x < -760 (and -inf): -0.  |x| <
 * 2^-60: the x/2 tie rule.  NaN: every branch multiplies by x. */
AB_AVX512_INLINE __m512d silu8d(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d k, p = parts_8d(ab_v8_negabs_f64(x), -760.0, &k);
    __mmask8 neg = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_LT_OQ);
    __m512d e = _mm512_scalef_pd(p, k);
    __m512d y = _mm512_mul_pd(x, _mm512_div_pd(_mm512_mask_blend_pd(neg, one, p), _mm512_add_pd(one, e)));
    y = _mm512_scalef_pd(y, _mm512_maskz_mov_pd(neg, k));
    y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(-760.0), _CMP_LT_OQ), y,
                             _mm512_set1_pd(-0.0));
    return half_tiny_8d(x, y);
}
AB_AVX2_INLINE __m256d silu4d(__m256d x) {
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d k, p = parts_4d(ab_v4_negabs_f64(x), -760.0, &k);
    __m256d neg = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d e = scale_4d(p, k);
    __m256d y = _mm256_mul_pd(x, _mm256_div_pd(_mm256_blendv_pd(one, p, neg), _mm256_add_pd(one, e)));
    y = scale_4d(y, _mm256_and_pd(neg, k));
    y = _mm256_blendv_pd(y, _mm256_set1_pd(-0.0), _mm256_cmp_pd(x, _mm256_set1_pd(-760.0), _CMP_LT_OQ));
    return half_tiny_4d(x, y);
}
AB_V8_BATCH_F64_512(silu_avx512_batch, silu8d)
AB_V4_BATCH_F64(silu_avx2_batch, silu4d)

/* ---- log_sigmoid = -softplus(-x): u = e^-|x| (exp.h, nonpos; subnormal u
 * rounded once), L = log1p(u) (log1p.h, softplus's: w = u/(1 + u/2) plus
 * its residual, w + w^3 q(w^2)), y = -(L - min(x, 0)): x >= 0: -L,
 * x < 0: x - L (-inf: -inf).  Negating last keeps -0 where L underflows
 * to 0 (x > 745 and +inf): min(x, 0) - L would give 0 - 0 = +0, a sign
 * error (log_sigmoid < 0).  NaN: u and L are NaN. */
AB_AVX512_INLINE __m512d logsig8d(__m512d x) {
    __m512d L = ab_v8_log1p01_f64(ab_v8_exp_f64(ab_v8_negabs_f64(x), 1));
    __m512d y = _mm512_sub_pd(L, _mm512_min_pd(x, _mm512_setzero_pd()));
    return _mm512_castsi512_pd(_mm512_xor_epi64(_mm512_castpd_si512(y),
                                                _mm512_set1_epi64((long long)0x8000000000000000ull)));
}
AB_AVX2_INLINE __m256d logsig4d(__m256d x) {
    __m256d L = ab_v4_log1p01_f64(ab_v4_exp_f64(ab_v4_negabs_f64(x), 1));
    return _mm256_xor_pd(_mm256_sub_pd(L, _mm256_min_pd(x, _mm256_setzero_pd())), _mm256_set1_pd(-0.0));
}
AB_V8_BATCH_F64_512(logsig_avx512_batch, logsig8d)
AB_V4_BATCH_F64(logsig_avx2_batch, logsig4d)

/* ---- mish: impls/mish_simd.c's f64-lane recipe, with the tail scaled:
 * e^-|x| = p 2^k (parts, clamped at -760: mish rounds to -0 below
 * -751.76), e = p 2^k,
 *   x > 0  (m = e):  x (a / (a + 2m^2)),  a = 1 + 2m;
 *   x <= 0 (n = e):  t = n (n + 2) = 2^k p (n + 2), and
 *                    mish = (x (p (n + 2) / (t + 2))) 2^k, one rounding
 *                    (t + 2 = fma(n, n + 2, 2)),
 * so x e^x (subnormal below -708.4) keeps its relative accuracy.  Only
 * positive sums.  x < -760 (and -inf): -0.  NaN: x times the ratio. */
AB_AVX512_INLINE __m512d mish8d(__m512d x) {
    const __m512d one = _mm512_set1_pd(1.0), two = _mm512_set1_pd(2.0);
    __m512d k, p = parts_8d(ab_v8_negabs_f64(x), -760.0, &k);
    __m512d e = _mm512_scalef_pd(p, k);
    __mmask8 pos = _mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GT_OQ);
    __m512d a = _mm512_fmadd_pd(two, e, one);
    __m512d np2 = _mm512_add_pd(e, two);
    __m512d num = _mm512_mask_blend_pd(pos, _mm512_mul_pd(p, np2), a);
    __m512d den = _mm512_mask_blend_pd(pos, _mm512_fmadd_pd(e, np2, two), _mm512_fmadd_pd(_mm512_add_pd(e, e), e, a));
    __m512d y = _mm512_mul_pd(x, _mm512_div_pd(num, den));
    y = _mm512_scalef_pd(y, _mm512_mask_mov_pd(k, pos, _mm512_setzero_pd()));
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(-760.0), _CMP_LT_OQ), y,
                                _mm512_set1_pd(-0.0));
}
AB_AVX2_INLINE __m256d mish4d(__m256d x) {
    const __m256d one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0);
    __m256d k, p = parts_4d(ab_v4_negabs_f64(x), -760.0, &k);
    __m256d e = scale_4d(p, k);
    __m256d pos = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_GT_OQ);
    __m256d a = _mm256_fmadd_pd(two, e, one);
    __m256d np2 = _mm256_add_pd(e, two);
    __m256d num = _mm256_blendv_pd(_mm256_mul_pd(p, np2), a, pos);
    __m256d den = _mm256_blendv_pd(_mm256_fmadd_pd(e, np2, two), _mm256_fmadd_pd(_mm256_add_pd(e, e), e, a), pos);
    __m256d y = _mm256_mul_pd(x, _mm256_div_pd(num, den));
    y = scale_4d(y, _mm256_andnot_pd(pos, k));
    return _mm256_blendv_pd(y, _mm256_set1_pd(-0.0), _mm256_cmp_pd(x, _mm256_set1_pd(-760.0), _CMP_LT_OQ));
}
AB_V8_BATCH_F64_512(mish_avx512_batch, mish8d)
AB_V4_BATCH_F64(mish_avx2_batch, mish4d)

/* ---- gaussian: e^-(hi + lo), hi = x^2, lo = fma(x, x, -hi) exact:
 * e^-hi = p 2^k (parts, clamped at -760: e^-x^2 rounds to 0 beyond 745.2),
 * y = (p - p lo) 2^k, the scaling rounding once into the subnormals.  hi >
 * 760 (+-inf included, where lo is NaN): +0.  NaN: goes through. */
AB_AVX512_INLINE __m512d gauss8d(__m512d x) {
    __m512d hi = _mm512_mul_pd(x, x), lo = _mm512_fmsub_pd(x, x, hi);
    __m512d k, p = parts_8d(_mm512_sub_pd(_mm512_setzero_pd(), hi), -760.0, &k);
    __m512d y = _mm512_scalef_pd(_mm512_fnmadd_pd(p, lo, p), k);
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(hi, _mm512_set1_pd(760.0), _CMP_GT_OQ), y, _mm512_setzero_pd());
}
AB_AVX2_INLINE __m256d gauss4d(__m256d x) {
    __m256d hi = _mm256_mul_pd(x, x), lo = _mm256_fmsub_pd(x, x, hi);
    __m256d k, p = parts_4d(_mm256_sub_pd(_mm256_setzero_pd(), hi), -760.0, &k);
    __m256d y = scale_4d(_mm256_fnmadd_pd(p, lo, p), k);
    return _mm256_blendv_pd(y, _mm256_setzero_pd(), _mm256_cmp_pd(hi, _mm256_set1_pd(760.0), _CMP_GT_OQ));
}
AB_V8_BATCH_F64_512(gauss_avx512_batch, gauss8d)
AB_V4_BATCH_F64(gauss_avx2_batch, gauss4d)

/* ---- gelu_tanh = x sigmoid(v), v = 2 sqrt(2/pi) x (1 + 0.044715 x^2)
 * as vh + vl (impls/gelu_tanh.c's double-double, about 2^-100: sigmoid's
 * condition number in v reaches |v| ~ 800 in the negative tail), e^-|v|
 * = p 2^k (1 + tl), tl = -+vl; then silu's finish: vh >= 0: x / (1 + e);
 * vh < 0: (x (p' / (1 + e))) 2^k, one rounding into the subnormals.
 * vh < -760 (x < -21.6, -inf): -0.  x > 8: x (1 - sigmoid(v) < 2^-54;
 * covers +inf, where vl is NaN).  |x| < 2^-60: the x/2 tie rule.  NaN:
 * no test holds, y is NaN. */
#define GT_ARG(P, V, W)                                                                         \
    V ch = P##_set1_pd(ab_gelu_tanh_kc.c_hi), kh = P##_set1_pd(ab_gelu_tanh_kc.k_hi), one = P##_set1_pd(1.0); \
    V sh = P##_mul_pd(x, x), sl = P##_fmsub_pd(x, x, sh), ph = P##_mul_pd(ch, sh);               \
    V pl = P##_add_pd(P##_fmsub_pd(ch, sh, ph),                                                 \
                      P##_fmadd_pd(ch, sl, P##_mul_pd(P##_set1_pd(ab_gelu_tanh_kc.c_lo), sh))); \
    V ah = P##_add_pd(one, ph), bb = P##_sub_pd(ah, one);                                       \
    V al = P##_add_pd(P##_add_pd(P##_sub_pd(one, P##_sub_pd(ah, bb)), P##_sub_pd(ph, bb)), pl); \
    V wh = P##_mul_pd(ah, x), wl = P##_fmadd_pd(al, x, P##_fmsub_pd(ah, x, wh));                \
    V vh = P##_mul_pd(wh, kh);                                                                  \
    V vl = P##_add_pd(P##_fmsub_pd(wh, kh, vh),                                                 \
                      P##_fmadd_pd(wh, P##_set1_pd(ab_gelu_tanh_kc.k_lo), P##_mul_pd(wl, kh)));  \
    (void)0
AB_AVX512_INLINE __m512d gelu_tanh8d(__m512d x) {
    GT_ARG(_mm512, __m512d, 8);
    __mmask8 neg = _mm512_cmp_pd_mask(vh, _mm512_setzero_pd(), _CMP_LT_OQ);
    __m512d tl = _mm512_mask_blend_pd(neg, _mm512_sub_pd(_mm512_setzero_pd(), vl), vl);
    __m512d k, p = parts_8d(ab_v8_negabs_f64(vh), -760.0, &k);
    p = _mm512_fmadd_pd(p, tl, p);
    __m512d e = _mm512_scalef_pd(p, k);
    __m512d y = _mm512_mul_pd(x, _mm512_div_pd(_mm512_mask_blend_pd(neg, one, p), _mm512_add_pd(one, e)));
    y = _mm512_scalef_pd(y, _mm512_maskz_mov_pd(neg, k));
    y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(vh, _mm512_set1_pd(-760.0), _CMP_LT_OQ), y, _mm512_set1_pd(-0.0));
    y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(8.0), _CMP_GT_OQ), y, x);
    return half_tiny_8d(x, y);
}
AB_AVX2_INLINE __m256d gelu_tanh4d(__m256d x) {
    GT_ARG(_mm256, __m256d, 4);
    __m256d neg = _mm256_cmp_pd(vh, _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d tl = _mm256_blendv_pd(_mm256_sub_pd(_mm256_setzero_pd(), vl), vl, neg);
    __m256d k, p = parts_4d(ab_v4_negabs_f64(vh), -760.0, &k);
    p = _mm256_fmadd_pd(p, tl, p);
    __m256d e = scale_4d(p, k);
    __m256d y = _mm256_mul_pd(x, _mm256_div_pd(_mm256_blendv_pd(one, p, neg), _mm256_add_pd(one, e)));
    y = scale_4d(y, _mm256_and_pd(neg, k));
    y = _mm256_blendv_pd(y, _mm256_set1_pd(-0.0), _mm256_cmp_pd(vh, _mm256_set1_pd(-760.0), _CMP_LT_OQ));
    y = _mm256_blendv_pd(y, x, _mm256_cmp_pd(x, _mm256_set1_pd(8.0), _CMP_GT_OQ));
    return half_tiny_4d(x, y);
}
AB_V8_BATCH_F64_512(gelu_tanh_avx512_batch, gelu_tanh8d)
AB_V4_BATCH_F64(gelu_tanh_avx2_batch, gelu_tanh4d)

/* ---- registration ------------------------------------------------------- */
/* Sampled maxima (`actbench sweep --precision f64 --samples 200000`, every
 * range, plus 1M-sample sweeps of the worst intervals; AVX2 and AVX-512
 * return the same bits on all of them), bounds with a margin: */
#define EXP_F64_BOUND 1.25   /* 0.97 */
#define EXPM1_F64_BOUND 2    /* 1.59 at 0x1.83588f2c65b5ep-2 (k = 1: 2t + 1 cancels a bit) */
#define ELU_F64_BOUND 1.5    /* elu 1.06, celu 1.07 */
#define SELU_F64_BOUND 2     /* 1.66 */
#define SILU_F64_BOUND 3.5   /* 3.06 at -0x1.b72b733016c6dp+3 */
#define LOGSIG_F64_BOUND 1.5 /* 1.27 */
#define GAUSS_F64_BOUND 1.75    /* 1.46 at 0x1.93b5b71d38dd8p+4 (1M samples per range, seed 11) */
#define GELU_TANH_F64_BOUND 4.5 /* 3.84 at -0x1.dcd1d916aa7ecp+1 (1M per range, seed 11; 3.76 with 2M, seed 7) */
#define MISH_F64_BOUND 4.5   /* 2.98 sampled; 3.44 at -0x1.e5d3607fc944ep-3 (1M samples in [-0.3, -0.2]) */

static const ab_variant exp_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11", AB_VECTOR, "avx512f", EXP_F64_BOUND, "rr1 (shifter, LN2HI/LN2LO FMA), 1+r+r^2q(r) deg 11, scalef(p,k); x>OVF: inf", exp_avx512_batch),
    AB_VARIANT("avx2-rr1-p11", AB_VECTOR, "avx2", EXP_F64_BOUND, "rr1 (shifter, LN2HI/LN2LO FMA), 1+r+r^2q(r) deg 11, p*2^k (two steps when 2^k is not normal); x>OVF: inf", exp_avx2_batch),
};
AB_REGISTER_VARIANTS("exp", exp_f64_variants)
static const ab_variant expm1_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-expm1", AB_VECTOR, "avx512f", EXPM1_F64_BOUND, "t=r+r^2q(r) (rr1, p11), s=2^(k-1): 2*fma(s,t,s-1/2); |x|<2^-53: x; x>OVF: inf", expm1_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-expm1", AB_VECTOR, "avx2", EXPM1_F64_BOUND, "t=r+r^2q(r) (rr1, p11), s=2^(k-1): 2*fma(s,t,s-1/2); |x|<2^-53: x; x>OVF: inf", expm1_avx2_batch),
};
AB_REGISTER_VARIANTS("expm1", expm1_f64_variants)
static const ab_variant elu_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-expm1", AB_VECTOR, "avx512f", ELU_F64_BOUND, "x>=0 ? x : 2*fma(2^(k-1),t,2^(k-1)-1/2), t=r+r^2q(r) (rr1, p11)", elu_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-expm1", AB_VECTOR, "avx2", ELU_F64_BOUND, "x>=0 ? x : 2*fma(2^(k-1),t,2^(k-1)-1/2), t=r+r^2q(r) (rr1, p11)", elu_avx2_batch),
};
AB_REGISTER_VARIANTS("elu", elu_f64_variants)
static const ab_variant celu_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-expm1", AB_VECTOR, "avx512f", ELU_F64_BOUND, "alpha=1: x>=0 ? x : 2*fma(2^(k-1),t,2^(k-1)-1/2), t=r+r^2q(r) (rr1, p11)", elu_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-expm1", AB_VECTOR, "avx2", ELU_F64_BOUND, "alpha=1: x>=0 ? x : 2*fma(2^(k-1),t,2^(k-1)-1/2), t=r+r^2q(r) (rr1, p11)", elu_avx2_batch),
};
AB_REGISTER_VARIANTS("celu", celu_f64_variants)
static const ab_variant selu_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-expm1", AB_VECTOR, "avx512f", SELU_F64_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1 (rr1, p11, 2*fma(2^(k-1),t,2^(k-1)-1/2)); +-0,inf,NaN: x", selu_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-expm1", AB_VECTOR, "avx2", SELU_F64_BOUND, "x>=0 ? fma(l_hi,x,l_lo*x) : fma(la_hi,e,la_lo*e), e=expm1 (rr1, p11, 2*fma(2^(k-1),t,2^(k-1)-1/2)); +-0,inf,NaN: x", selu_avx2_batch),
};
AB_REGISTER_VARIANTS("selu", selu_f64_variants)
static const ab_variant silu_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-div", AB_VECTOR, "avx512f", SILU_F64_BOUND, "e^-|x|=p*2^k (rr1, p11); x>=0 ? x/(1+e) : scalef(x*(p/(1+e)),k); x<-760: -0; |x|<2^-60: x/2 tie rule", silu_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-div", AB_VECTOR, "avx2", SILU_F64_BOUND, "e^-|x|=p*2^k (rr1, p11); x>=0 ? x/(1+e) : (x*(p/(1+e)))*2^k (2 steps); x<-760: -0; |x|<2^-60: x/2 tie rule", silu_avx2_batch),
};
AB_REGISTER_VARIANTS("silu", silu_f64_variants)
static const ab_variant logsig_f64_variants[] = {
    AB_VARIANT_EXPECTING("avx512-rr1-p11-log1p-p10-div", AB_VECTOR, "avx512f", LOGSIG_F64_BOUND, "u=e^-|x| (rr1, p11, scalef), L=log1p(u) (w=u/(1+u/2)+residual, w+w^3q(w^2)); -(L-min(x,0))", logsig_avx512_batch,
               AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx2-rr1-p11-log1p-p10-div", AB_VECTOR, "avx2", LOGSIG_F64_BOUND, "u=e^-|x| (rr1, p11), L=log1p(u) (w=u/(1+u/2)+residual, w+w^3q(w^2)); -(L-min(x,0))", logsig_avx2_batch,
               AB_FAIL_MONOTONE, AB_WHY_MONO_OWN),
};
AB_REGISTER_VARIANTS("log_sigmoid", logsig_f64_variants)
static const ab_variant mish_f64_variants[] = {
    AB_VARIANT("avx512-rr1-p11-div", AB_VECTOR, "avx512f", MISH_F64_BOUND, "e^-|x|=p*2^k (rr1, p11); x>0 ? x*(a/(a+2m^2)), a=1+2m : scalef(x*(p(n+2)/(t+2)),k), t=n(n+2); x<-760: -0", mish_avx512_batch),
    AB_VARIANT("avx2-rr1-p11-div", AB_VECTOR, "avx2", MISH_F64_BOUND, "e^-|x|=p*2^k (rr1, p11); x>0 ? x*(a/(a+2m^2)), a=1+2m : (x*(p(n+2)/(t+2)))*2^k (2 steps); x<-760: -0", mish_avx2_batch),
};
AB_REGISTER_VARIANTS("mish", mish_f64_variants)
static const ab_variant gauss_f64_variants[] = {
    AB_VARIANT("avx512-sqfma-rr1-p11", AB_VECTOR, "avx512f", GAUSS_F64_BOUND, "hi=x*x, lo=fma(x,x,-hi); e^-hi=p*2^k (rr1, p11); scalef(fnma(p,lo,p),k); hi>760: 0", gauss_avx512_batch),
    AB_VARIANT("avx2-sqfma-rr1-p11", AB_VECTOR, "avx2", GAUSS_F64_BOUND, "hi=x*x, lo=fma(x,x,-hi); e^-hi=p*2^k (rr1, p11); fnma(p,lo,p)*2^k (two steps); hi>760: 0", gauss_avx2_batch),
};
AB_REGISTER_VARIANTS("gaussian", gauss_f64_variants)
static const ab_variant gelu_tanh_f64_variants[] = {
    AB_VARIANT("avx512-dd-rr1-p11-div", AB_VECTOR, "avx512f", GELU_TANH_F64_BOUND, "v=2sqrt(2/pi)x(1+0.044715x^2) double-double; e^-|v|=p*2^k(1-+vl) (rr1, p11); v>=0 ? x/(1+e) : scalef(x*(p/(1+e)),k); x>8: x; v<-760: -0", gelu_tanh_avx512_batch),
    AB_VARIANT("avx2-dd-rr1-p11-div", AB_VECTOR, "avx2", GELU_TANH_F64_BOUND, "v=2sqrt(2/pi)x(1+0.044715x^2) double-double; e^-|v|=p*2^k(1-+vl) (rr1, p11); v>=0 ? x/(1+e) : (x*(p/(1+e)))*2^k (2 steps); x>8: x; v<-760: -0", gelu_tanh_avx2_batch),
};
AB_REGISTER_VARIANTS("gelu_tanh", gelu_tanh_f64_variants)
