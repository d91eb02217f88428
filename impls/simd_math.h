/*
 * simd_math.h -- vector (AVX2+FMA, AVX-512F) versions of the kernels in
 * approx_math.h, plus the pieces the vector activations share.
 *
 * Same recipes and the same coefficient macros as approx_math.h:
 *   exp    rr1 (shifter + Cody-Waite LN2HI/LN2LO), p(r) = 1 + r + r^2 q(r),
 *          degree 6 (f32) / 11 (f64).  A degree-5 f32 polynomial (fitted by
 *          scripts/fit/exp_f32_p5.sollya, same script with d = 5) backs the
 *          "fast" variants.
 *   log1p  w = u/(1 + u/2) with its exact residual, w + w^3 q(w^2).
 *   tanh   clamped rational x P(x^2)/Q(x^2).
 * The vector code uses FMA for the reduction and the Horner steps, so
 * results can differ from the scalar kernels (which are built without
 * contraction) by rounding, not by recipe.
 *
 * Everything here is compiled per function with
 * __attribute__((target("avx2,fma"))) or __attribute__((target("avx512f")));
 * nothing needs global -m flags, and the registry only runs a variant when
 * __builtin_cpu_supports says the CPU has its ISA.  The kernels are
 * always_inline: call them only from functions with the same target.
 *
 * Special values of exp (every width): NaN -> NaN (x + x, as the scalar
 * kernel), +inf and x > OVF -> +inf, -inf and x < -104 (f32) / -746 (f64)
 * -> +0, subnormal results rounded once: AVX-512 uses vscalefps/pd (p * 2^n
 * with a single rounding, into the subnormals or to inf); AVX2 multiplies by
 * 2^n when -126 <= n <= 127 (one rounding) and otherwise, for the whole
 * vector, scales in two exact-then-rounding steps (p * 2^(n>>1)) * 2^(n -
 * (n>>1)), which is the same single rounding.  So a lane's result never
 * depends on the other lanes (the tests check this), and the AVX2 and
 * AVX-512 kernels return the same bits.
 *
 * AVX512F only: _mm512_and_ps/_or_ps/_xor_ps are AVX512DQ, so sign-bit
 * manipulation goes through the integer forms (_mm512_*_epi32).
 */
#ifndef AB_SIMD_MATH_H
#define AB_SIMD_MATH_H

#include <immintrin.h>
#include <stddef.h>
#include "approx_math.h"

#define AB_AVX2_INLINE __attribute__((target("avx2,fma"), always_inline)) static inline
#define AB_AVX512_INLINE __attribute__((target("avx512f"), always_inline)) static inline
#define AB_AVX2_FN __attribute__((target("avx2,fma"))) static
#define AB_AVX512_FN __attribute__((target("avx512f"))) static

/* Degree-5 exp f32 polynomial (p(r) = 1 + r + c2 r^2 + ... + c5 r^5).
   Regenerate: sollya scripts/fit/exp_f32_p5.sollya
   exp f32: degree 5, max rel err of p (vs exact e^r) = 2^-23.16 */
#define AB_EXP_F32_P5_C2 0x1.fffdf6p-2f
#define AB_EXP_F32_P5_C3 0x1.5557b2p-3f
#define AB_EXP_F32_P5_C4 0x1.572cc4p-5f
#define AB_EXP_F32_P5_C5 0x1.10635ep-7f

/* ======================================================================== */
/* Batch drivers: full vectors, then one masked vector for the tail.        */
/* Tail lanes are loaded as 0 and never stored; every kernel is lane-wise,  */
/* so a tail element gets the same bits as in a long call.  x == y works    */
/* (each vector is loaded before it is stored).                             */
/* ======================================================================== */

#define AB_V16_BATCH_F32(name, kernel)                                                  \
    AB_AVX512_FN void name(const float *x, float *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
        if (i < n) {                                                                    \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                            \
            _mm512_mask_storeu_ps(y + i, m, kernel(_mm512_maskz_loadu_ps(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_BATCH_F64_512(name, kernel)                                               \
    AB_AVX512_FN void name(const double *x, double *y, size_t n) {                      \
        size_t i = 0;                                                                   \
        for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, kernel(_mm512_loadu_pd(x + i))); \
        if (i < n) {                                                                    \
            __mmask8 m = (__mmask8)((1u << (n - i)) - 1u);                              \
            _mm512_mask_storeu_pd(y + i, m, kernel(_mm512_maskz_loadu_pd(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_BATCH_F32(name, kernel)                                                   \
    AB_AVX2_FN void name(const float *x, float *y, size_t n) {                          \
        size_t i = 0;                                                                   \
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - i)),             \
                                           _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));  \
            _mm256_maskstore_ps(y + i, m, kernel(_mm256_maskload_ps(x + i, m)));        \
        }                                                                               \
    }

#define AB_V4_BATCH_F64(name, kernel)                                                   \
    AB_AVX2_FN void name(const double *x, double *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, kernel(_mm256_loadu_pd(x + i))); \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(n - i)),      \
                                           _mm256_setr_epi64x(0, 1, 2, 3));             \
            _mm256_maskstore_pd(y + i, m, kernel(_mm256_maskload_pd(x + i, m)));        \
        }                                                                               \
    }

/* ======================================================================== */
/* small helpers                                                            */
/* ======================================================================== */

AB_AVX2_INLINE __m256 ab_v8_abs_f32(__m256 x) {
    return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x);
}
AB_AVX2_INLINE __m256 ab_v8_negabs_f32(__m256 x) {   /* -|x| */
    return _mm256_or_ps(_mm256_set1_ps(-0.0f), x);
}
AB_AVX2_INLINE __m256d ab_v4_abs_f64(__m256d x) {
    return _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
}
AB_AVX2_INLINE __m256d ab_v4_negabs_f64(__m256d x) {
    return _mm256_or_pd(_mm256_set1_pd(-0.0), x);
}
/* copysign(mag, sgn) for mag >= 0 (or NaN) */
AB_AVX2_INLINE __m256 ab_v8_copysign_f32(__m256 mag, __m256 sgn) {
    return _mm256_or_ps(mag, _mm256_and_ps(_mm256_set1_ps(-0.0f), sgn));
}
AB_AVX2_INLINE __m256d ab_v4_copysign_f64(__m256d mag, __m256d sgn) {
    return _mm256_or_pd(mag, _mm256_and_pd(_mm256_set1_pd(-0.0), sgn));
}

AB_AVX512_INLINE __m512 ab_v16_negabs_f32(__m512 x) {
    return _mm512_castsi512_ps(_mm512_or_epi32(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u)));
}
AB_AVX512_INLINE __m512 ab_v16_copysign_f32(__m512 mag, __m512 sgn) {
    const __m512i s = _mm512_set1_epi32((int)0x80000000u);
    return _mm512_castsi512_ps(_mm512_or_epi32(_mm512_castps_si512(mag),
                                               _mm512_and_epi32(s, _mm512_castps_si512(sgn))));
}
AB_AVX512_INLINE __m512d ab_v8_negabs_f64(__m512d x) {
    return _mm512_castsi512_pd(_mm512_or_epi64(_mm512_castpd_si512(x), _mm512_set1_epi64((long long)0x8000000000000000ull)));
}
AB_AVX512_INLINE __m512d ab_v8_copysign_f64(__m512d mag, __m512d sgn) {
    const __m512i s = _mm512_set1_epi64((long long)0x8000000000000000ull);
    return _mm512_castsi512_pd(_mm512_or_epi64(_mm512_castpd_si512(mag),
                                               _mm512_and_epi64(s, _mm512_castpd_si512(sgn))));
}

/* Reciprocals.  "div": true division (0.5 ulp).  "nr": hardware estimate
 * refined by Newton-Raphson r' = r + r (1 - d r) with FMA; each step squares
 * the relative error: rcp14 (2^-14) + 1 step ~ 2^-28, rcpps (1.5 * 2^-12) +
 * 2 steps ~ 2^-46 before the final rounding.  Both give NaN for NaN. */
AB_AVX512_INLINE __m512 ab_v16_rcp_nr1_f32(__m512 d) {
    __m512 r = _mm512_rcp14_ps(d);
    return _mm512_fmadd_ps(_mm512_fnmadd_ps(d, r, _mm512_set1_ps(1.0f)), r, r);
}
AB_AVX2_INLINE __m256 ab_v8_rcp_nr2_f32(__m256 d) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 r = _mm256_rcp_ps(d);
    r = _mm256_fmadd_ps(_mm256_fnmadd_ps(d, r, one), r, r);
    return _mm256_fmadd_ps(_mm256_fnmadd_ps(d, r, one), r, r);
}

/* ======================================================================== */
/* exp f32                                                                  */
/* ======================================================================== */
/* deg: 6 (approx_math.h's coefficients) or 5 (fast).  nonpos: the caller
 * guarantees x <= 0 or NaN (sigmoid and softplus call exp(-|x|)), which
 * drops the overflow clamp and fix-up.  Both are compile-time constants
 * after inlining. */

#define AB__EXP_F32_POLY(MUL, ADD, FMA, SET, r, deg, q)                                   \
    do {                                                                                \
        if ((deg) == 6) {                                                               \
            q = FMA(SET(AB_EXP_F32_C6), r, SET(AB_EXP_F32_C5));                         \
            q = FMA(q, r, SET(AB_EXP_F32_C4));                                          \
            q = FMA(q, r, SET(AB_EXP_F32_C3));                                          \
            q = FMA(q, r, SET(AB_EXP_F32_C2));                                          \
        } else {                                                                        \
            q = FMA(SET(AB_EXP_F32_P5_C5), r, SET(AB_EXP_F32_P5_C4));                   \
            q = FMA(q, r, SET(AB_EXP_F32_P5_C3));                                       \
            q = FMA(q, r, SET(AB_EXP_F32_P5_C2));                                       \
        }                                                                               \
    } while (0)

AB_AVX512_INLINE __m512 ab_v16_exp_f32(__m512 x, const int deg, const int nonpos) {
    const __m512 shift = _mm512_set1_ps(0x1.8p23f);
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(-104.0f)); /* NaN -> -104, fixed below */
    if (!nonpos) xc = _mm512_min_ps(xc, _mm512_set1_ps(89.0f));
    __m512 kf = _mm512_sub_ps(_mm512_fmadd_ps(xc, _mm512_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m512 r = _mm512_fnmadd_ps(kf, _mm512_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm512_fnmadd_ps(kf, _mm512_set1_ps(AB_EXP_F32_LN2LO), r);
    __m512 q;
    AB__EXP_F32_POLY(_mm512_mul_ps, _mm512_add_ps, _mm512_fmadd_ps, _mm512_set1_ps, r, deg, q);
    __m512 p = _mm512_add_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(_mm512_mul_ps(r, r), q, r));
    /* p * 2^kf, one rounding (subnormal results and overflow included).
     * x < -104 (and -inf) was clamped to -104, where e^x < 2^-150 rounds
     * to +0, as the scalar kernel's early return. */
    __m512 y = _mm512_scalef_ps(p, kf);
    if (!nonpos)
        y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_set1_ps(AB_EXP_F32_OVF), _CMP_GT_OQ),
                                 y, _mm512_set1_ps((float)INFINITY));
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), y, _mm512_add_ps(x, x));
}

AB_AVX2_INLINE __m256 ab_v8_pow2i_f32(__m256i n) {   /* 2^n, -126 <= n <= 127 */
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

AB_AVX2_INLINE __m256 ab_v8_exp_f32(__m256 x, const int deg, const int nonpos) {
    const __m256 shift = _mm256_set1_ps(0x1.8p23f);
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(-104.0f));
    if (!nonpos) xc = _mm256_min_ps(xc, _mm256_set1_ps(89.0f));
    __m256 kf = _mm256_sub_ps(_mm256_fmadd_ps(xc, _mm256_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m256 r = _mm256_fnmadd_ps(kf, _mm256_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm256_fnmadd_ps(kf, _mm256_set1_ps(AB_EXP_F32_LN2LO), r);
    __m256 q;
    AB__EXP_F32_POLY(_mm256_mul_ps, _mm256_add_ps, _mm256_fmadd_ps, _mm256_set1_ps, r, deg, q);
    __m256 p = _mm256_add_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r));
    __m256i n = _mm256_cvtps_epi32(kf);    /* exact: kf is an integer in [-150, 128] */
    __m256 out = _mm256_or_ps(_mm256_cmp_ps(kf, _mm256_set1_ps(-126.0f), _CMP_LT_OQ),
                              _mm256_cmp_ps(kf, _mm256_set1_ps(127.0f), _CMP_GT_OQ));
    __m256 y;
    if (_mm256_testz_ps(out, out)) {
        y = _mm256_mul_ps(p, ab_v8_pow2i_f32(n));
    } else { /* 2^n not normal in some lane: two steps, the first exact */
        __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
        y = _mm256_mul_ps(_mm256_mul_ps(p, ab_v8_pow2i_f32(n1)), ab_v8_pow2i_f32(n2));
    }
    if (!nonpos)
        y = _mm256_blendv_ps(y, _mm256_set1_ps((float)INFINITY),
                             _mm256_cmp_ps(x, _mm256_set1_ps(AB_EXP_F32_OVF), _CMP_GT_OQ));
    return _mm256_blendv_ps(y, _mm256_add_ps(x, x), _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

/* ======================================================================== */
/* exp f64 (degree 11, Estrin-ish as the scalar kernel)                     */
/* ======================================================================== */

#define AB__EXP_F64_POLY(MUL, FMA, SET, r, q)                                             \
    do {                                                                                \
        __typeof__(r) r2_ = MUL(r, r);                                                  \
        __typeof__(r) a_ = FMA(r, SET(AB_EXP_F64_C3), SET(AB_EXP_F64_C2));              \
        __typeof__(r) b_ = FMA(r, SET(AB_EXP_F64_C5), SET(AB_EXP_F64_C4));              \
        __typeof__(r) c_ = FMA(r, SET(AB_EXP_F64_C7), SET(AB_EXP_F64_C6));              \
        __typeof__(r) d_ = FMA(r, SET(AB_EXP_F64_C9), SET(AB_EXP_F64_C8));              \
        __typeof__(r) e_ = FMA(r, SET(AB_EXP_F64_C11), SET(AB_EXP_F64_C10));            \
        q = FMA(r2_, FMA(r2_, FMA(r2_, FMA(r2_, e_, d_), c_), b_), a_);                 \
        q = FMA(r2_, q, r);                                                             \
    } while (0)

AB_AVX512_INLINE __m512d ab_v8_exp_f64(__m512d x, const int nonpos) {
    const __m512d shift = _mm512_set1_pd(0x1.8p52);
    __m512d xc = _mm512_max_pd(x, _mm512_set1_pd(-746.0));
    if (!nonpos) xc = _mm512_min_pd(xc, _mm512_set1_pd(710.0));
    __m512d kf = _mm512_sub_pd(_mm512_fmadd_pd(xc, _mm512_set1_pd(AB_EXP_F64_INVLN2), shift), shift);
    __m512d r = _mm512_fnmadd_pd(kf, _mm512_set1_pd(AB_EXP_F64_LN2HI), xc);
    r = _mm512_fnmadd_pd(kf, _mm512_set1_pd(AB_EXP_F64_LN2LO), r);
    __m512d s;
    AB__EXP_F64_POLY(_mm512_mul_pd, _mm512_fmadd_pd, _mm512_set1_pd, r, s); /* s = r + r^2 q */
    __m512d y = _mm512_scalef_pd(_mm512_add_pd(_mm512_set1_pd(1.0), s), kf);
    if (!nonpos)
        y = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_set1_pd(AB_EXP_F64_OVF), _CMP_GT_OQ),
                                 y, _mm512_set1_pd(INFINITY));
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, x, _CMP_UNORD_Q), y, _mm512_add_pd(x, x));
}

AB_AVX2_INLINE __m256d ab_v4_pow2i_f64(__m128i n) {  /* 2^n, -1022 <= n <= 1023 */
    return _mm256_castsi256_pd(_mm256_slli_epi64(
        _mm256_cvtepi32_epi64(_mm_add_epi32(n, _mm_set1_epi32(1023))), 52));
}

AB_AVX2_INLINE __m256d ab_v4_exp_f64(__m256d x, const int nonpos) {
    const __m256d shift = _mm256_set1_pd(0x1.8p52);
    __m256d xc = _mm256_max_pd(x, _mm256_set1_pd(-746.0));
    if (!nonpos) xc = _mm256_min_pd(xc, _mm256_set1_pd(710.0));
    __m256d kf = _mm256_sub_pd(_mm256_fmadd_pd(xc, _mm256_set1_pd(AB_EXP_F64_INVLN2), shift), shift);
    __m256d r = _mm256_fnmadd_pd(kf, _mm256_set1_pd(AB_EXP_F64_LN2HI), xc);
    r = _mm256_fnmadd_pd(kf, _mm256_set1_pd(AB_EXP_F64_LN2LO), r);
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
                             _mm256_cmp_pd(x, _mm256_set1_pd(AB_EXP_F64_OVF), _CMP_GT_OQ));
    return _mm256_blendv_pd(y, _mm256_add_pd(x, x), _mm256_cmp_pd(x, x, _CMP_UNORD_Q));
}

/* ======================================================================== */
/* log1p on [0, 1] (u = e^-|x|), NaN propagates                             */
/* ======================================================================== */
/* nr: replace the two divisions by t with one reciprocal (rcp + Newton);
 * w = u * (1/t) is then ~1 ulp off, but w_lo is still computed from the
 * exact residual u - w t, so w + w_lo stays close to u/t. */

#define AB__LOG1P_F32(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, RCP, u, nr, out)                 \
    do {                                                                                \
        T h_ = MUL(S(0.5f), u);                                                         \
        T t_ = ADD(S(1.0f), h_);                                                        \
        T te_ = ADD(SUB(S(1.0f), t_), h_);                                              \
        T w_, wlo_;                                                                     \
        if (nr) {                                                                       \
            T it_ = RCP(t_);                                                            \
            w_ = MUL(u, it_);                                                           \
            wlo_ = MUL(FNMA(w_, te_, FNMA(w_, t_, u)), it_);                            \
        } else {                                                                        \
            w_ = DIV(u, t_);                                                            \
            wlo_ = DIV(FNMA(w_, te_, FNMA(w_, t_, u)), t_);                             \
        }                                                                               \
        T W_ = MUL(w_, w_);                                                             \
        T q_ = FMA(S(AB_LOG1P_F32_Q3), W_, S(AB_LOG1P_F32_Q2));                         \
        q_ = FMA(q_, W_, S(AB_LOG1P_F32_Q1));                                           \
        q_ = FMA(q_, W_, S(AB_LOG1P_F32_Q0));                                           \
        out = ADD(w_, FMA(MUL(w_, W_), q_, wlo_));                                      \
    } while (0)

AB_AVX512_INLINE __m512 ab_v16_log1p01_f32(__m512 u, const int nr) {
    __m512 y;
    AB__LOG1P_F32(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_fnmadd_ps, _mm512_mul_ps,
                  _mm512_add_ps, _mm512_sub_ps, _mm512_div_ps, ab_v16_rcp_nr1_f32, u, nr, y);
    return y;
}
AB_AVX2_INLINE __m256 ab_v8_log1p01_f32(__m256 u, const int nr) {
    __m256 y;
    AB__LOG1P_F32(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_fnmadd_ps, _mm256_mul_ps,
                  _mm256_add_ps, _mm256_sub_ps, _mm256_div_ps, ab_v8_rcp_nr2_f32, u, nr, y);
    return y;
}

#define AB__LOG1P_F64(T, S, FMA, FNMA, MUL, ADD, SUB, DIV, u, out)                        \
    do {                                                                                \
        T h_ = MUL(S(0.5), u);                                                          \
        T t_ = ADD(S(1.0), h_);                                                         \
        T te_ = ADD(SUB(S(1.0), t_), h_);                                               \
        T w_ = DIV(u, t_);                                                              \
        T wlo_ = DIV(FNMA(w_, te_, FNMA(w_, t_, u)), t_);                               \
        T W_ = MUL(w_, w_), W2_ = MUL(W_, W_);                                          \
        T a_ = FMA(W_, S(AB_LOG1P_F64_Q1), S(AB_LOG1P_F64_Q0));                         \
        T b_ = FMA(W_, S(AB_LOG1P_F64_Q3), S(AB_LOG1P_F64_Q2));                         \
        T c_ = FMA(W_, S(AB_LOG1P_F64_Q5), S(AB_LOG1P_F64_Q4));                         \
        T d_ = FMA(W_, S(AB_LOG1P_F64_Q7), S(AB_LOG1P_F64_Q6));                         \
        T e_ = FMA(W_, S(AB_LOG1P_F64_Q9), S(AB_LOG1P_F64_Q8));                         \
        T q_ = FMA(W2_, FMA(W2_, FMA(W2_, FMA(W2_, e_, d_), c_), b_), a_);              \
        out = ADD(w_, FMA(MUL(w_, W_), q_, wlo_));                                      \
    } while (0)

AB_AVX512_INLINE __m512d ab_v8_log1p01_f64(__m512d u) {
    __m512d y;
    AB__LOG1P_F64(__m512d, _mm512_set1_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd, _mm512_mul_pd,
                  _mm512_add_pd, _mm512_sub_pd, _mm512_div_pd, u, y);
    return y;
}
AB_AVX2_INLINE __m256d ab_v4_log1p01_f64(__m256d u) {
    __m256d y;
    AB__LOG1P_F64(__m256d, _mm256_set1_pd, _mm256_fmadd_pd, _mm256_fnmadd_pd, _mm256_mul_pd,
                  _mm256_add_pd, _mm256_sub_pd, _mm256_div_pd, u, y);
    return y;
}

/* ======================================================================== */
/* tanh: clamped rational                                                   */
/* ======================================================================== */
/* x P(t)/Q(t), t = x^2, Horner with FMA; the caller blends copysign(1, x)
 * where |x| >= clamp (NaN fails that test and propagates through P/Q).
 * Lanes beyond the clamp may compute inf/inf = NaN: they are blended away. */

#define AB__TANH_PQ_F32(FMA, S, t, P, Q)                                                  \
    do {                                                                                \
        P = FMA(S(AB_TANH_F32_P5), t, S(AB_TANH_F32_P4));                               \
        P = FMA(P, t, S(AB_TANH_F32_P3));                                               \
        P = FMA(P, t, S(AB_TANH_F32_P2));                                               \
        P = FMA(P, t, S(AB_TANH_F32_P1));                                               \
        P = FMA(P, t, S(1.0));                                                          \
        Q = FMA(S(AB_TANH_F32_Q5), t, S(AB_TANH_F32_Q4));                               \
        Q = FMA(Q, t, S(AB_TANH_F32_Q3));                                               \
        Q = FMA(Q, t, S(AB_TANH_F32_Q2));                                               \
        Q = FMA(Q, t, S(AB_TANH_F32_Q1));                                               \
        Q = FMA(Q, t, S(1.0));                                                          \
    } while (0)

/* f32 rational evaluated in double, as the scalar kernel (<= 1 ulp): */
AB_AVX512_INLINE __m512d ab_v8_tanh_rat_f32in64(__m512d xd) {
    __m512d t = _mm512_mul_pd(xd, xd), P, Q;
    AB__TANH_PQ_F32(_mm512_fmadd_pd, _mm512_set1_pd, t, P, Q);
    return _mm512_mul_pd(xd, _mm512_div_pd(P, Q));
}
AB_AVX2_INLINE __m256d ab_v4_tanh_rat_f32in64(__m256d xd) {
    __m256d t = _mm256_mul_pd(xd, xd), P, Q;
    AB__TANH_PQ_F32(_mm256_fmadd_pd, _mm256_set1_pd, t, P, Q);
    return _mm256_mul_pd(xd, _mm256_div_pd(P, Q));
}

/* f32 rational in float: the ~10 Horner roundings show near |x| ~ 7.5,
 * where tanh = 1 - 3e-7 (the scalar kernel's comment measures 6.4 ulp). */
AB_AVX512_INLINE __m512 ab_v16_tanh_rat_f32(__m512 x, const int nr) {
    __m512 t = _mm512_mul_ps(x, x), P, Q;
    AB__TANH_PQ_F32(_mm512_fmadd_ps, _mm512_set1_ps, t, P, Q);
    return nr ? _mm512_mul_ps(_mm512_mul_ps(x, P), ab_v16_rcp_nr1_f32(Q))
              : _mm512_mul_ps(x, _mm512_div_ps(P, Q));
}
AB_AVX2_INLINE __m256 ab_v8_tanh_rat_f32(__m256 x, const int nr) {
    __m256 t = _mm256_mul_ps(x, x), P, Q;
    AB__TANH_PQ_F32(_mm256_fmadd_ps, _mm256_set1_ps, t, P, Q);
    return nr ? _mm256_mul_ps(_mm256_mul_ps(x, P), ab_v8_rcp_nr2_f32(Q))
              : _mm256_mul_ps(x, _mm256_div_ps(P, Q));
}

#define AB__TANH_PQ_F64(FMA, MUL, S, t, P, Q)                                             \
    do {                                                                                \
        __typeof__(t) t2_ = MUL(t, t);                                                  \
        P = FMA(t2_, FMA(t, S(AB_TANH_F64_P10), S(AB_TANH_F64_P9)), FMA(t, S(AB_TANH_F64_P8), S(AB_TANH_F64_P7))); \
        P = FMA(t2_, P, FMA(t, S(AB_TANH_F64_P6), S(AB_TANH_F64_P5)));                  \
        P = FMA(t2_, P, FMA(t, S(AB_TANH_F64_P4), S(AB_TANH_F64_P3)));                  \
        P = FMA(t2_, P, FMA(t, S(AB_TANH_F64_P2), S(AB_TANH_F64_P1)));                  \
        P = FMA(t, P, S(1.0));                                                          \
        Q = FMA(t2_, FMA(t, S(AB_TANH_F64_Q10), S(AB_TANH_F64_Q9)), FMA(t, S(AB_TANH_F64_Q8), S(AB_TANH_F64_Q7))); \
        Q = FMA(t2_, Q, FMA(t, S(AB_TANH_F64_Q6), S(AB_TANH_F64_Q5)));                  \
        Q = FMA(t2_, Q, FMA(t, S(AB_TANH_F64_Q4), S(AB_TANH_F64_Q3)));                  \
        Q = FMA(t2_, Q, FMA(t, S(AB_TANH_F64_Q2), S(AB_TANH_F64_Q1)));                  \
        Q = FMA(t, Q, S(1.0));                                                          \
    } while (0)

AB_AVX512_INLINE __m512d ab_v8_tanh_rat_f64(__m512d x) {
    __m512d t = _mm512_mul_pd(x, x), P, Q;
    AB__TANH_PQ_F64(_mm512_fmadd_pd, _mm512_mul_pd, _mm512_set1_pd, t, P, Q);
    return _mm512_mul_pd(x, _mm512_div_pd(P, Q));
}
AB_AVX2_INLINE __m256d ab_v4_tanh_rat_f64(__m256d x) {
    __m256d t = _mm256_mul_pd(x, x), P, Q;
    AB__TANH_PQ_F64(_mm256_fmadd_pd, _mm256_mul_pd, _mm256_set1_pd, t, P, Q);
    return _mm256_mul_pd(x, _mm256_div_pd(P, Q));
}

/* ======================================================================== */
/* Portable kernels: plain branch-free C that gcc's vectorizer handles      */
/* (SSE2 on baseline x86-64): bit-mask selects instead of branches, the    */
/* scaling always in two steps.  Built without contraction (-std=c17), they */
/* are approx_math.h's arithmetic exactly, so they return the same bits as  */
/* the scalar kernels for every input but NaN (sign/payload may differ).   */
/* ======================================================================== */

/* (c ? a : b) on the bits.  A plain ?: whose arm needs arithmetic is
 * sunk into a branch, and with -ftrapping-math (the default) gcc will not
 * if-convert it back ("control flow in loop"); integer masks vectorize. */
static inline float ab_psel_f32(int c, float a, float b) {
    uint32_t m = (uint32_t)-(int32_t)(c != 0);
    return ab__f32_from_bits((ab__f32_to_bits(a) & m) | (ab__f32_to_bits(b) & ~m));
}

/* e^x for x <= 0 or NaN (what sigmoid and softplus need: e^-|x|).
 * x < -104 (and -inf) is clamped to -104, where e^x < 2^-150 rounds to +0
 * (the scalar kernel's early return); NaN fails the clamp test and
 * propagates through p (whatever 2^n's bits become, NaN * s is NaN).
 * n is read from the shifter's bits (no float->int conversion of NaN). */
static inline float ab_pexp_nonpos_f32(float x) {
    const float shift = 0x1.8p23f;
    float xc = ab_psel_f32(x < -104.0f, -104.0f, x);
    float kt = xc * AB_EXP_F32_INVLN2 + shift;
    float kf = kt - shift;
    float r = (xc - kf * AB_EXP_F32_LN2HI) - kf * AB_EXP_F32_LN2LO;
    float q = AB_EXP_F32_C2 + r * (AB_EXP_F32_C3 + r * (AB_EXP_F32_C4 + r * (AB_EXP_F32_C5 + r * AB_EXP_F32_C6)));
    float p = 1.0f + (r + (r * r) * q);
    int32_t n = (int32_t)(ab__f32_to_bits(kt) - 0x4B400000u); /* kt = 1.5*2^23 + n exactly */
    int32_t n1 = n / 2, n2 = n - n1;          /* both in [-75, 0] */
    return (p * ab__f32_from_bits((uint32_t)(n1 + 127) << 23)) * ab__f32_from_bits((uint32_t)(n2 + 127) << 23);
}

/* tanh f32, clamped rational evaluated in double (the scalar kernel's
 * recipe, with the clamp as a bit select; NaN fails the test). */
static inline float ab_ptanh_f32(float x) {
    double xd = x, t = xd * xd;
    double P = 1.0 + t * (AB_TANH_F32_P1 + t * (AB_TANH_F32_P2 + t * (AB_TANH_F32_P3 + t * (AB_TANH_F32_P4 + t * AB_TANH_F32_P5))));
    double Q = 1.0 + t * (AB_TANH_F32_Q1 + t * (AB_TANH_F32_Q2 + t * (AB_TANH_F32_Q3 + t * (AB_TANH_F32_Q4 + t * AB_TANH_F32_Q5))));
    float y = (float)(xd * (P / Q));
    return ab_psel_f32(fabsf(x) >= AB_TANH_F32_CLAMP, copysignf(1.0f, x), y);
}

/* Portable batch driver: 16-element chunks copied into a local buffer (the
 * tail zero-padded), so the inner loop has a constant trip count and no
 * aliasing question (x == y is allowed): gcc -O2's "very cheap" vectorizer
 * cost model accepts it without versioning or an epilogue. */
#define AB_PORTABLE_BATCH_F32(name, f)                                                  \
    static void name(const float *x, float *y, size_t n) {                              \
        float b_[16];                                                                   \
        for (size_t i = 0; i < n; i += 16) {                                            \
            size_t m = n - i < 16 ? n - i : 16;                                         \
            if (m == 16) memcpy(b_, x + i, sizeof b_); /* constant size: inlined */     \
            else {                                                                      \
                memcpy(b_, x + i, m * sizeof *b_);                                      \
                for (size_t k = m; k < 16; k++) b_[k] = 0.0f;                           \
            }                                                                           \
            for (int k = 0; k < 16; k++) b_[k] = f(b_[k]);                              \
            if (m == 16) memcpy(y + i, b_, sizeof b_);                                  \
            else memcpy(y + i, b_, m * sizeof *b_);                                     \
        }                                                                               \
    }

/* SLEEF's header declares its AVX2 / AVX-512 entry points only when
 * __AVX__ / __AVX512F__ are defined, so it is included under a target
 * pragma (declarations only: no code is compiled under it).  With __AVX2__
 * defined it also defines FP_FAST_FMA[F], which must not leak into
 * approx_math.h's scalar choices: undo that. */
#ifndef FP_FAST_FMA
#define AB__UNDEF_FP_FAST_FMA
#endif
#ifndef FP_FAST_FMAF
#define AB__UNDEF_FP_FAST_FMAF
#endif
#pragma GCC push_options
#pragma GCC target("avx2,fma,avx512f")
#include <sleef.h>
#pragma GCC pop_options
#ifdef AB__UNDEF_FP_FAST_FMA
#undef FP_FAST_FMA
#undef AB__UNDEF_FP_FAST_FMA
#endif
#ifdef AB__UNDEF_FP_FAST_FMAF
#undef FP_FAST_FMAF
#undef AB__UNDEF_FP_FAST_FMAF
#endif

/* ======================================================================== */
/* Pieces for the *_simd.c activations (silu, elu, mish, gelu_tanh, relu,  */
/* leaky_relu) and the vector softmax.                                      */
/* ======================================================================== */

/* e^x for x <= 0 as parts p * 2^kf, p in [0.7, 1.42], kf an integer-valued
 * float (rr1, p6 as ab_v*_exp_f32).  x is clamped below at lo (>= -1000;
 * the callers pick it so that everything under it rounds their result to
 * 0), so kf >= round(lo / ln 2) and the Cody-Waite step stays exact
 * (LN2HI has 9 trailing zero bits).  A NaN lane gets finite parts (the
 * clamp swallows it): the caller propagates NaN through x.  Keeping the
 * parts lets a caller form x e^x / (1 + e^x) at a normal scale and round
 * into the subnormals once, at the end (ab_v*_scale_f32). */
AB_AVX512_INLINE __m512 ab_v16_exp_parts_f32(__m512 x, float lo, __m512 *kf) {
    const __m512 shift = _mm512_set1_ps(0x1.8p23f);
    __m512 xc = _mm512_max_ps(x, _mm512_set1_ps(lo));
    __m512 k = _mm512_sub_ps(_mm512_fmadd_ps(xc, _mm512_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm512_fnmadd_ps(k, _mm512_set1_ps(AB_EXP_F32_LN2LO), r);
    __m512 q;
    AB__EXP_F32_POLY(_mm512_mul_ps, _mm512_add_ps, _mm512_fmadd_ps, _mm512_set1_ps, r, 6, q);
    *kf = k;
    return _mm512_add_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(_mm512_mul_ps(r, r), q, r));
}
AB_AVX2_INLINE __m256 ab_v8_exp_parts_f32(__m256 x, float lo, __m256 *kf) {
    const __m256 shift = _mm256_set1_ps(0x1.8p23f);
    __m256 xc = _mm256_max_ps(x, _mm256_set1_ps(lo));
    __m256 k = _mm256_sub_ps(_mm256_fmadd_ps(xc, _mm256_set1_ps(AB_EXP_F32_INVLN2), shift), shift);
    __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(AB_EXP_F32_LN2HI), xc);
    r = _mm256_fnmadd_ps(k, _mm256_set1_ps(AB_EXP_F32_LN2LO), r);
    __m256 q;
    AB__EXP_F32_POLY(_mm256_mul_ps, _mm256_add_ps, _mm256_fmadd_ps, _mm256_set1_ps, r, 6, q);
    *kf = k;
    return _mm256_add_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r));
}

/* v * 2^kf with one rounding (kf integer-valued, -254 <= kf <= 0 and v a
 * normal number or 0/inf/NaN with |v| >= 2^-40 when nonzero, for AVX2's
 * two steps: v 2^(kf/2) is then exact).  AVX-512: vscalefps. */
AB_AVX512_INLINE __m512 ab_v16_scale_f32(__m512 v, __m512 kf) { return _mm512_scalef_ps(v, kf); }
AB_AVX2_INLINE __m256 ab_v8_scale_f32(__m256 v, __m256 kf) {
    __m256i n = _mm256_cvtps_epi32(kf);
    __m256 out = _mm256_cmp_ps(kf, _mm256_set1_ps(-126.0f), _CMP_LT_OQ);
    if (_mm256_testz_ps(out, out)) return _mm256_mul_ps(v, ab_v8_pow2i_f32(n));
    __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
    return _mm256_mul_ps(_mm256_mul_ps(v, ab_v8_pow2i_f32(n1)), ab_v8_pow2i_f32(n2));
}

/* f(x) = x/2 + c x^2 (c > 0) for |x| < 2^-60 (silu, gelu, gelu_tanh): x/2
 * when exact, else the upper neighbour (x + 2^-149)/2 with x's sign (see
 * tiny_f32 in impls/silu.c).  Replaces y in those lanes. */
AB_AVX512_INLINE __m512 ab_v16_half_tiny_f32(__m512 x, __m512 y) {
    __mmask16 tiny = _mm512_cmp_ps_mask(_mm512_abs_ps(x), _mm512_set1_ps(0x1p-60f), _CMP_LT_OQ);
    if (!tiny) return y;
    __m512 h = _mm512_mul_ps(_mm512_set1_ps(0.5f), x);
    __mmask16 exact = _mm512_cmp_ps_mask(_mm512_add_ps(h, h), x, _CMP_EQ_OQ);
    __m512 up = ab_v16_copysign_f32(_mm512_abs_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f),
                                                                 _mm512_add_ps(x, _mm512_set1_ps(0x1p-149f)))), x);
    return _mm512_mask_blend_ps(tiny, y, _mm512_mask_blend_ps(exact, up, h));
}
AB_AVX2_INLINE __m256 ab_v8_half_tiny_f32(__m256 x, __m256 y) {
    __m256 tiny = _mm256_cmp_ps(ab_v8_abs_f32(x), _mm256_set1_ps(0x1p-60f), _CMP_LT_OQ);
    if (_mm256_testz_ps(tiny, tiny)) return y;
    __m256 h = _mm256_mul_ps(_mm256_set1_ps(0.5f), x);
    __m256 exact = _mm256_cmp_ps(_mm256_add_ps(h, h), x, _CMP_EQ_OQ);
    __m256 up = ab_v8_copysign_f32(ab_v8_abs_f32(_mm256_mul_ps(_mm256_set1_ps(0.5f),
                                                               _mm256_add_ps(x, _mm256_set1_ps(0x1p-149f)))), x);
    return _mm256_blendv_ps(y, _mm256_blendv_ps(up, h, exact), tiny);
}

/* Streaming batch drivers for memory-bound kernels (relu, leaky_relu): as
 * AB_V16_BATCH_F32 / AB_V8_BATCH_F32, but for n >= AB_STREAM_MIN elements
 * the stores are non-temporal (no read-for-ownership of y, which the
 * output would never reuse from cache at that size): a masked head up to
 * y's next 64-byte boundary, aligned streaming stores, an sfence, a masked
 * tail.  The values stored are the kernel's, bit for bit, on either path. */
#define AB_STREAM_MIN ((size_t)1 << 20)   /* 4 MiB of f32 output */

#define AB_V16_STREAM_BATCH_F32(name, kernel)                                           \
    AB_AVX512_FN void name(const float *x, float *y, size_t n) {                        \
        size_t i = 0;                                                                   \
        if (n >= AB_STREAM_MIN && ((uintptr_t)y & 3) == 0) {                            \
            size_t h = ((64 - ((uintptr_t)y & 63)) & 63) / 4;                           \
            if (h) {                                                                    \
                __mmask16 m = (__mmask16)((1u << h) - 1u);                              \
                _mm512_mask_storeu_ps(y, m, kernel(_mm512_maskz_loadu_ps(m, x)));       \
                i = h;                                                                  \
            }                                                                           \
            for (; i + 16 <= n; i += 16) _mm512_stream_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
            _mm_sfence();                                                               \
        } else {                                                                        \
            for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, kernel(_mm512_loadu_ps(x + i))); \
        }                                                                               \
        if (i < n) {                                                                    \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                            \
            _mm512_mask_storeu_ps(y + i, m, kernel(_mm512_maskz_loadu_ps(m, x + i)));   \
        }                                                                               \
    }

#define AB_V8_STREAM_BATCH_F32(name, kernel)                                            \
    AB_AVX2_FN void name(const float *x, float *y, size_t n) {                          \
        size_t i = 0;                                                                   \
        const __m256i lanes_ = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);               \
        if (n >= AB_STREAM_MIN && ((uintptr_t)y & 3) == 0) {                            \
            size_t h = ((32 - ((uintptr_t)y & 31)) & 31) / 4;                           \
            if (h) {                                                                    \
                __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)h), lanes_);      \
                _mm256_maskstore_ps(y, m, kernel(_mm256_maskload_ps(x, m)));            \
                i = h;                                                                  \
            }                                                                           \
            for (; i + 8 <= n; i += 8) _mm256_stream_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
            _mm_sfence();                                                               \
        } else {                                                                        \
            for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, kernel(_mm256_loadu_ps(x + i))); \
        }                                                                               \
        if (i < n) {                                                                    \
            __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n - i)), lanes_);    \
            _mm256_maskstore_ps(y + i, m, kernel(_mm256_maskload_ps(x + i, m)));        \
        }                                                                               \
    }

/* Horizontal reductions (AVX512F only: no DQ/VL needed). */
AB_AVX512_INLINE float ab_v16_hmax_f32(__m512 v) { return _mm512_reduce_max_ps(v); }
AB_AVX512_INLINE float ab_v16_hsum_f32(__m512 v) { return _mm512_reduce_add_ps(v); }

#endif /* AB_SIMD_MATH_H */
