/* exp.h: e^x kernels, scalar (approx), AVX2+FMA, AVX-512F and portable,
 * all rr1 (exp_reduction.h) with exp_poly.h's polynomials.
 *
 * Scalar: if 2^n*p is normal we multiply by 2^n built from bits; for
 * n = 128 (x just below the overflow threshold) we multiply by 2^127 then
 * 2; for subnormal results we first scale by 2^(n+64) (exact, result still
 * normal) then by 2^-64, so that only the last multiplication rounds into
 * the subnormal range.
 *
 * Special values of the vector exp (every width): NaN -> NaN (x + x, as
 * the scalar kernel), +inf and x > OVF -> +inf, -inf and x < -104 (f32) /
 * -746 (f64) -> +0, subnormal results rounded once: AVX-512 uses
 * vscalefps/pd (p * 2^n with a single rounding, into the subnormals or to
 * inf); AVX2 multiplies by 2^n when -126 <= n <= 127 (one rounding) and
 * otherwise, for the whole vector, scales in two exact-then-rounding steps
 * (p * 2^(n>>1)) * 2^(n - (n>>1)), which is the same single rounding.  So
 * a lane's result never depends on the other lanes (the tests check this),
 * and the AVX2 and AVX-512 kernels return the same bits.  The vector code
 * uses FMA for the reduction and the Horner steps, so results can differ
 * from the scalar kernels (built without contraction) by rounding.
 *
 * Portable kernels are plain branch-free C that gcc's vectorizer handles
 * (SSE2 on baseline x86-64): bit-mask selects instead of branches, n from
 * the shifter's bits (no float->int conversion of NaN), the scaling always
 * in two steps.  Built without contraction they are the scalar kernel's
 * arithmetic exactly, so they return the same bits for every input but
 * NaN (sign/payload may differ). */
#ifndef AB_KERNELS_EXP_H
#define AB_KERNELS_EXP_H

#include <math.h>
#include "batch.h"
#include "bits.h"
#include "exp_poly.h"
#include "exp_reduction.h"

/* ---- scalar ------------------------------------------------------------- */

/* max error measured: 0.986 ULP on all 2^32 float inputs (4294967296 inputs, exhaustive; worst x = -0x1.76cb88p+2) */
static inline float ab_exp_approx_f32(float x)
{
    if (x != x) return x + x;                       /* NaN */
    if (x > ab_exp_f32_rr.ovf) return (float)INFINITY; /* overflow, +inf */
    if (x < -104.0f) return 0.0f;                   /* e^x < 2^-150: rounds to +0 (and -inf) */
    if (fabsf(x) < 0x1p-25f) return 1.0f;           /* the path below gives 1 too (r = x, 1 + r + r^2/2
                                                       rounds to 1), but squares r into the subnormals:
                                                       a microcode assist, ~100x slower */
    float kf, kt;
    float r = ab_exp_reduce_f32(x, &kf, &kt);
    float p = 1.0f + ab_exp_f32_p6_em1(r);
    int n = (int)kf;
    if (n > 127) return p * ab__pow2_f32(127) * 2.0f;
    if (n < -125) return (p * ab__pow2_f32(n + 64)) * 0x1p-64f;
    return p * ab__pow2_f32(n);
}

/* max error measured: 0.972 ULP on [-746, 710] (10^7 random bit patterns across binades + specials) */
static inline double ab_exp_approx_f64(double x)
{
    if (x != x) return x + x;                  /* NaN */
    if (x > ab_exp_f64_rr.ovf) return (double)INFINITY;
    if (x < -746.0) return 0.0;                /* e^x < 2^-1075: rounds to +0 (and -inf) */
    double kf, kt;
    double r = ab_exp_reduce_f64(x, &kf, &kt);
    double p = 1.0 + ab_exp_f64_p11_em1(r);
    int n = (int)kf;
    if (n > 1023) return p * ab__pow2_f64(1023) * 2.0;
    if (n < -1021) return (p * ab__pow2_f64(n + 600)) * 0x1p-600;
    return p * ab__pow2_f64(n);
}

/* ---- vector f32 ----------------------------------------------------------
 * ab_v*_exp_em1_f32: e^r - 1 = r + r^2 q(r) for the reduced x, *k = n.
 * deg: 6 or 5 (fast).  flags (compile-time constants after inlining):
 *   AB_EXP_NONPOS: the caller guarantees x <= 0 or NaN (sigmoid and
 * softplus call exp(-|x|)), which drops the overflow clamp and fix-up.
 *   AB_EXP_BAND: results below 2^-125 (x in [-104, -86.5)) are formed by
 * integer conversion (ab_v*_scale_sub_f32), the same bits with no
 * subnormal arithmetic, so no microcode assist on Intel cores (no FTZ): on
 * [-200, -90], exp 23x -> 1.7x its [-10, 10] time.  It costs a kortest and
 * a branch per vector (AVX-512: exp +7% on [-10, 10], its port-0 budget),
 * and vectors with a lane below -104 take the branch: +20% on
 * [-1e9, -1e3], +10-15% on masked softmax rows, which is why softmax and
 * the row kernels leave it out (their band lanes, x - max in [-104,
 * -86.5), are rare). */
#define AB_EXP_NONPOS 1
#define AB_EXP_BAND 2

AB_AVX512_INLINE __m512 ab_v16_exp_em1_f32(__m512 xc, const int deg, __m512 *k) {
    __m512 r = ab_v16_exp_reduce_f32(xc, k);
    __m512 q;
    AB__EXP_F32_POLY(_mm512_mul_ps, _mm512_add_ps, _mm512_fmadd_ps, _mm512_set1_ps, r, deg, q);
    return _mm512_fmadd_ps(_mm512_mul_ps(r, r), q, r);
}
AB_AVX2_INLINE __m256 ab_v8_exp_em1_f32(__m256 xc, const int deg, __m256 *k) {
    __m256 r = ab_v8_exp_reduce_f32(xc, k);
    __m256 q;
    AB__EXP_F32_POLY(_mm256_mul_ps, _mm256_add_ps, _mm256_fmadd_ps, _mm256_set1_ps, r, deg, q);
    return _mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r);
}

AB_AVX512_INLINE __m512 ab_v16_exp_f32(__m512 x, const int deg, const int flags) {
    const int nonpos = flags & AB_EXP_NONPOS;
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(-104.0f)); /* NaN -> -104, fixed below */
    if (!nonpos) xc = _mm512_min_ps(xc, _mm512_set1_ps(89.0f));
    __m512 kf;
    __m512 p = _mm512_add_ps(_mm512_set1_ps(1.0f), ab_v16_exp_em1_f32(xc, deg, &kf));
    /* p * 2^kf, one rounding (subnormal results and overflow included).
     * x < -104 (and -inf, NaN) is left out of the vscalefps and gets +0:
     * there e^x < 2^-150 rounds to +0, as the scalar kernel's early return
     * (and as vscalefps did on the clamped -104), but an underflow to 0
     * would cost a microcode assist per instruction on Intel cores (no
     * FTZ), so a masked-out lane is cheaper: 25x on x in [-200, -105]. */
    /* AB_EXP_BAND: x < -86.5 (and NaN) takes a branch, rare for typical
     * inputs.  x >= -86.5 has kf >= round(-124.8) = -125: p 2^kf normal,
     * vscalefps alone. */
    __mmask16 fast = _mm512_cmp_ps_mask(x, _mm512_set1_ps(flags & AB_EXP_BAND ? -86.5f : -104.0f), _CMP_GE_OQ);
    __m512 y = _mm512_maskz_scalef_ps(fast, p, kf);
    if ((flags & AB_EXP_BAND) && __builtin_expect(!_kortestc_mask16_u8(fast, fast), 0)) { /* CF: all ones */
        /* lanes x < -104 and NaN are right already (+0, and NaN below);
         * the band's go through the integer conversion */
        __mmask16 live = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-104.0f), _CMP_GE_OQ);
        if (!_kortestz_mask16_u8(_kandn_mask16(fast, live), _kandn_mask16(fast, live)))
            y = _mm512_maskz_mov_ps(live, ab_v16_scale_sub_f32(p, kf));
    }
    if (!nonpos)
        y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(ab_exp_f32_rr.ovf), _CMP_GT_OQ),
                                 y, _mm512_set1_ps((float)INFINITY));
    /* NaN x: QNaN(x) (vfixupimmps token 2 for the QNaN and SNaN classes,
     * y kept for every other class), the bits of x + x */
    return _mm512_fixupimm_ps(y, x, _mm512_set1_epi32(0x22), 0);
}

AB_AVX2_INLINE __m256 ab_v8_exp_f32(__m256 x, const int deg, const int flags) {
    const int nonpos = flags & AB_EXP_NONPOS;
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(-104.0f));
    if (!nonpos) xc = _mm256_min_ps(xc, _mm256_set1_ps(89.0f));
    __m256 kf;
    __m256 p = _mm256_add_ps(_mm256_set1_ps(1.0f), ab_v8_exp_em1_f32(xc, deg, &kf));
    __m256i n = _mm256_cvtps_epi32(kf);    /* exact: kf is an integer in [-150, 128] */
    __m256 out = _mm256_or_ps(_mm256_cmp_ps(kf, _mm256_set1_ps(-126.0f), _CMP_LT_OQ),
                              _mm256_cmp_ps(kf, _mm256_set1_ps(127.0f), _CMP_GT_OQ));
    __m256 y;
    if (_mm256_testz_ps(out, out)) {
        y = _mm256_mul_ps(p, ab_v8_pow2i_f32(n));
    } else { /* 2^n not normal in some lane: two steps, the first exact.
              * Lanes x < -104 (and NaN, fixed below) get +0, as the two
              * steps gave them (e^x < 2^-150), without the underflow to 0
              * and its microcode assist: their n is set to 0, y to +0.
              * AB_EXP_BAND: lanes n <= -126 (results below 2^-125, maybe
              * subnormal) are formed by integer conversion instead, the same bits
              * as the two steps' one rounding, again without an assist
              * (exp_reduction.h: ab_v8_scale_sub_f32; n set to 0 for the
              * two steps, which then leave p). */
        __m256i dead = _mm256_castps_si256(_mm256_cmp_ps(x, _mm256_set1_ps(-104.0f), _CMP_NGE_UQ));
        __m256i sub = flags & AB_EXP_BAND ? _mm256_andnot_si256(dead, _mm256_cmpgt_epi32(_mm256_set1_epi32(-125), n))
                                          : _mm256_setzero_si256();
        __m256i nn = _mm256_andnot_si256(_mm256_or_si256(dead, sub), n);
        __m256i n1 = _mm256_srai_epi32(nn, 1), n2 = _mm256_sub_epi32(nn, n1);
        y = _mm256_mul_ps(_mm256_mul_ps(p, ab_v8_pow2i_f32(n1)), ab_v8_pow2i_f32(n2));
        if ((flags & AB_EXP_BAND) && !_mm256_testz_si256(sub, sub)) {
            __m256 ys = _mm256_mul_ps(p, ab_v8_pow2i_f32(_mm256_and_si256(sub, _mm256_add_epi32(n, _mm256_set1_epi32(149)))));
            y = _mm256_blendv_ps(y, _mm256_castsi256_ps(_mm256_cvtps_epi32(ys)), _mm256_castsi256_ps(sub));
        }
        y = _mm256_andnot_ps(_mm256_castsi256_ps(dead), y);
    }
    if (!nonpos)
        y = _mm256_blendv_ps(y, _mm256_set1_ps((float)INFINITY),
                             _mm256_cmp_ps(x, _mm256_set1_ps(ab_exp_f32_rr.ovf), _CMP_GT_OQ));
    return _mm256_blendv_ps(y, _mm256_add_ps(x, x), _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

/* e^x for x <= 0 as parts p * 2^kf, p in [0.7, 1.42], kf an integer-valued
 * float (rr1, p6 as ab_v*_exp_f32).  x is clamped below at lo (>= -1000;
 * the callers pick it so that everything under it rounds their result to
 * 0), so kf >= round(lo / ln 2) and the Cody-Waite step stays exact
 * (LN2HI has 9 trailing zero bits).  A NaN lane gets finite parts (the
 * clamp swallows it): the caller propagates NaN through x.  Keeping the
 * parts lets a caller form x e^x / (1 + e^x) at a normal scale and round
 * into the subnormals once, at the end (ab_v*_scale_f32). */
AB_AVX512_INLINE __m512 ab_v16_exp_parts_f32(__m512 x, float lo, __m512 *kf) {
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(lo));
    return _mm512_add_ps(_mm512_set1_ps(1.0f), ab_v16_exp_em1_f32(xc, 6, kf));
}
AB_AVX2_INLINE __m256 ab_v8_exp_parts_f32(__m256 x, float lo, __m256 *kf) {
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(lo));
    return _mm256_add_ps(_mm256_set1_ps(1.0f), ab_v8_exp_em1_f32(xc, 6, kf));
}

/* ---- vector f64 (degree 11) --------------------------------------------- */

AB_AVX512_INLINE __m512d ab_v8_exp_f64(__m512d x, const int nonpos) {
    __m512d xc = _mm512_max_pd(x, _mm512_set1_pd(-746.0));
    if (!nonpos) xc = _mm512_min_pd(xc, _mm512_set1_pd(710.0));
    __m512d kf;
    __m512d r = ab_v8_exp_reduce_f64(xc, &kf);
    __m512d s;
    AB__EXP_F64_POLY(_mm512_mul_pd, _mm512_fmadd_pd, _mm512_set1_pd, r, s); /* s = r + r^2 q */
    /* x < -746 (e^x < 2^-1076: +0) and NaN stay out of the vscalefpd, as
     * in ab_v16_exp_f32: no underflow, no microcode assist */
    __mmask8 live = _mm512_cmp_pd_mask(x, _mm512_set1_pd(-746.0), _CMP_GE_OQ);
    __m512d y = _mm512_maskz_scalef_pd(live, _mm512_add_pd(_mm512_set1_pd(1.0), s), kf);
    if (!nonpos)
        y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(ab_exp_f64_rr.ovf), _CMP_GT_OQ),
                                 y, _mm512_set1_pd(INFINITY));
    return _mm512_fixupimm_pd(y, x, _mm512_set1_epi64(0x22), 0); /* NaN: QNaN(x) = x + x */
}

AB_AVX2_INLINE __m256d ab_v4_exp_f64(__m256d x, const int nonpos) {
    __m256d xc = _mm256_max_pd(x, _mm256_set1_pd(-746.0));
    if (!nonpos) xc = _mm256_min_pd(xc, _mm256_set1_pd(710.0));
    __m256d kf, kt;
    __m256d r = ab_v4_exp_reduce_f64(xc, &kf, &kt);
    __m256d s;
    AB__EXP_F64_POLY(_mm256_mul_pd, _mm256_fmadd_pd, _mm256_set1_pd, r, s);
    __m256d p = _mm256_add_pd(_mm256_set1_pd(1.0), s);
    __m128i n = _mm256_cvtpd_epi32(kf);  /* exact: kf is an integer in [-1076, 1025] */
    __m256d out = _mm256_or_pd(_mm256_cmp_pd(kf, _mm256_set1_pd(-1022.0), _CMP_LT_OQ),
                               _mm256_cmp_pd(kf, _mm256_set1_pd(1023.0), _CMP_GT_OQ));
    __m256d y;
    if (_mm256_testz_pd(out, out)) {
        y = _mm256_mul_pd(p, ab_v4_pow2i_f64(n));
    } else {
        __m128i n1 = _mm_srai_epi32(n, 1), n2 = _mm_sub_epi32(n, n1);
        y = _mm256_mul_pd(_mm256_mul_pd(p, ab_v4_pow2i_f64(n1)), ab_v4_pow2i_f64(n2));
    }
    if (!nonpos)
        y = _mm256_blendv_pd(y, _mm256_set1_pd(INFINITY),
                             _mm256_cmp_pd(x, _mm256_set1_pd(ab_exp_f64_rr.ovf), _CMP_GT_OQ));
    return _mm256_blendv_pd(y, _mm256_add_pd(x, x), _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
}

/* ---- portable f32 -------------------------------------------------------- */

/* e^r - 1 = r + r^2 q for the reduced xc (already clamped, or NaN), and
 * n = round(xc / ln2) from the shifter's bits. */
AB_SCALAR_INLINE float ab_pexp_em1_f32(float xc, int32_t *n) {
    float kf, kt;
    float r = ab_exp_reduce_f32(xc, &kf, &kt);
    *n = ab_exp_n_f32(kt);
    return ab_exp_f32_p6_em1(r);
}

/* e^x for x <= 0 (or NaN) as parts p * 2^n, p in [0.7, 1.42].  x is
 * clamped below at lo (-150 <= lo), so -217 <= n <= 0.  NaN fails the
 * clamp test and makes p NaN (n is then whatever the shifter's bits say;
 * the callers' results are NaN anyway). */
AB_SCALAR_INLINE float ab_pexp_parts_f32(float x, float lo, int32_t *n) {
    return 1.0f + ab_pexp_em1_f32(ab_psel_f32(x < lo, lo, x), n);
}

/* e^x for x <= 0 or NaN (what sigmoid and softplus need: e^-|x|).
 * x < -104 (and -inf) is clamped to -104, where e^x < 2^-150 rounds to +0
 * (the scalar kernel's early return); NaN fails the clamp test and
 * propagates through p (whatever 2^n's bits become, NaN * s is NaN). */
AB_SCALAR_INLINE float ab_pexp_nonpos_f32(float x) {
    int32_t n;
    float p = ab_pexp_parts_f32(x, -104.0f, &n);
    return ab_pscale_f32(p, n);               /* n in [-150, 0] */
}

/* e^x, every x: clamp to [-104, 89] by selects, p 2^n, x > OVF -> +inf.
 * NaN fails both clamp tests and the overflow test and propagates. */
AB_SCALAR_INLINE float ab_pexp_f32(float x) {
    float xc = ab_psel_f32(x < -104.0f, -104.0f, x);
    xc = ab_psel_f32(xc > 89.0f, 89.0f, xc);
    int32_t n;
    float p = 1.0f + ab_pexp_em1_f32(xc, &n);
    return ab_psel_f32(x > ab_exp_f32_rr.ovf, (float)INFINITY, ab_pscale_f32(p, n));
}

#endif /* AB_KERNELS_EXP_H */
