/* softplus: vector kernels and peers (AVX2+FMA, AVX-512F, portable C the
 * compiler vectorizes, SLEEF), registered into impls/softplus.c's
 * activation with AB_REGISTER_VARIANTS, after its scalar variants. */
#include "expected.h"
#include "../api/actbench.h"
#include "kernels/batch.h"
#include "kernels/bits.h"
#include "kernels/exp.h"
#include "kernels/lanes.h"
#include "kernels/log1p.h"
#include "kernels/sleef.h"

/* ---- vector variants (impls/kernels/) -----------------------------------
 * The stable recipe max(x, 0) + log1p(e^-|x|): exp only sees -|x| (never
 * overflows), log1p only u in [0, 1].  NaN: max(NaN, 0) gives 0 but u and
 * log1p(u) are NaN, so the sum is.  +inf: inf + log1p(0); -inf: 0 + 0. */

/* u = e^-|min(28, x)|: for x > 28 the result x + log1p(u) is x whether u
 * is e^-x or e^-28 < 2^-40.4 (x >= 16 has a half-ulp of 2^-20 or more),
 * and e^-28 keeps u and u/2 normal and takes log1p01's gated path: for
 * x > 87, e^-x is subnormal, a microcode assist per instruction on Intel
 * cores (no FTZ).  vminps returns its second operand, x, when it is NaN. */
AB_AVX512_INLINE __m512 sp16(__m512 x, const int deg, const int nr) {
    __m512 u = ab_v16_exp_f32(ab_v16_negabs_f32(_mm512_min_ps(_mm512_set1_ps(28.0f), x)), deg, AB_EXP_NONPOS | AB_EXP_BAND);
    return _mm512_add_ps(_mm512_max_ps(x, _mm512_setzero_ps()), ab_v16_log1p01_f32(u, nr));
}
AB_AVX2_INLINE __m256 sp8(__m256 x, const int deg, const int nr) {
    __m256 u = ab_v8_exp_f32(ab_v8_negabs_f32(_mm256_min_ps(_mm256_set1_ps(28.0f), x)), deg, AB_EXP_NONPOS | AB_EXP_BAND);
    return _mm256_add_ps(_mm256_max_ps(x, _mm256_setzero_ps()), ab_v8_log1p01_f32(u, nr));
}
AB_AVX512_INLINE __m512 sp16_p6_div(__m512 x) { return sp16(x, 6, 0); }
AB_AVX512_INLINE __m512 sp16_p5_nr1(__m512 x) { return sp16(x, 5, 1); }
AB_AVX2_INLINE __m256 sp8_p6_div(__m256 x) { return sp8(x, 6, 0); }
AB_AVX2_INLINE __m256 sp8_p5_nr2(__m256 x) { return sp8(x, 5, 1); }
AB_AVX512_INLINE __m512d sp8d(__m512d x) {
    __m512d u = ab_v8_exp_f64(ab_v8_negabs_f64(x), 1);
    return _mm512_add_pd(_mm512_max_pd(x, _mm512_setzero_pd()), ab_v8_log1p01_f64(u));
}
AB_AVX2_INLINE __m256d sp4d(__m256d x) {
    __m256d u = ab_v4_exp_f64(ab_v4_negabs_f64(x), 1);
    return _mm256_add_pd(_mm256_max_pd(x, _mm256_setzero_pd()), ab_v4_log1p01_f64(u));
}
AB_V16_BATCH_F32(avx512_p6_div_batch, sp16_p6_div)
AB_V16_BATCH_F32(avx512_p5_nr1_batch, sp16_p5_nr1)
AB_V8_BATCH_F32(avx2_p6_div_batch, sp8_p6_div)
AB_V8_BATCH_F32(avx2_p5_nr2_batch, sp8_p5_nr2)
AB_V8_BATCH_F64_512(avx512_f64_batch, sp8d)
AB_V4_BATCH_F64(avx2_f64_batch, sp4d)

/* portable: plain C, the scalar recipe (log1p.h's log1p is already
 * branch-free).  Vectorizes (SSE2) at our -O2: `gcc -std=c17 -O2
 * -fopt-info-vec -c impls/softplus_simd.c` reports "loop vectorized using 16
 * byte vectors" for the chunk loop of portable_f32_batch. */
static inline float sp_portable(float x) {
    float pos = ab_psel_f32(x > 0.0f, x, 0.0f);
    return pos + ab_log1p_approx_lane_f32(ab_pexp_nonpos_f32(-fabsf(x)));
}
AB_PORTABLE_BATCH_F32(portable_f32_batch, sp_portable)

/* SLEEF 3.5, the same stable form */
AB_AVX512_INLINE __m512 sp16_sleef(__m512 x) {
    __m512 u = Sleef_expf16_u10avx512f(ab_v16_negabs_f32(x));
    return _mm512_add_ps(_mm512_max_ps(x, _mm512_setzero_ps()), Sleef_log1pf16_u10avx512f(u));
}
AB_AVX2_INLINE __m256 sp8_sleef(__m256 x) {
    __m256 u = Sleef_expf8_u10avx2(ab_v8_negabs_f32(x));
    return _mm256_add_ps(_mm256_max_ps(x, _mm256_setzero_ps()), Sleef_log1pf8_u10avx2(u));
}
AB_AVX512_INLINE __m512d sp8d_sleef(__m512d x) {
    __m512d u = Sleef_expd8_u10avx512f(ab_v8_negabs_f64(x));
    return _mm512_add_pd(_mm512_max_pd(x, _mm512_setzero_pd()), Sleef_log1pd8_u10avx512f(u));
}
AB_AVX2_INLINE __m256d sp4d_sleef(__m256d x) {
    __m256d u = Sleef_expd4_u10avx2(ab_v4_negabs_f64(x));
    return _mm256_add_pd(_mm256_max_pd(x, _mm256_setzero_pd()), Sleef_log1pd4_u10avx2(u));
}
AB_V16_BATCH_F32(sleef_avx512_f32_batch, sp16_sleef)
AB_V8_BATCH_F32(sleef_avx2_f32_batch, sp8_sleef)
AB_V8_BATCH_F64_512(sleef_avx512_f64_batch, sp8d_sleef)
AB_V4_BATCH_F64(sleef_avx2_f64_batch, sp4d_sleef)

static const ab_variant softplus_vector_variants[] = {
    /* Vector and peers: bounds a bit above the max over every range of two
     * `actbench sweep --samples 65536` runs (default seed and --seed 7):
     * p6-div 1.44; p5-nr 2.45; portable 1.44 (bit-identical to
     * rr1-p6-log1p-p4 except NaN payloads); f64 1.23; SLEEF f32 1.50,
     * f64 1.67 (in `neg_tail`).  SLEEF's log1p flushes subnormal arguments
     * to 0, so its rows count zero_flush below about -102.9 (f32) / -708.4
     * (f64); ours have no failures. */
    AB_VARIANT_EXPECTING("avx512-rr1-p6-log1p-p4-div", AB_VECTOR, "avx512f", 2, "max(x,0)+log1p~(exp~(-|x|)), own kernels, FMA, div", avx512_p6_div_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx512-rr1-p5-log1p-p4-nr1", AB_VECTOR, "avx512f", 3, "max(x,0)+log1p~(exp~p5(-|x|)), rcp14+1 Newton step for 1/(1+u/2)", avx512_p5_nr1_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx2-rr1-p6-log1p-p4-div", AB_VECTOR, "avx2", 2, "max(x,0)+log1p~(exp~(-|x|)), own kernels, FMA, div", avx2_p6_div_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx2-rr1-p5-log1p-p4-nr2", AB_VECTOR, "avx2", 3, "max(x,0)+log1p~(exp~p5(-|x|)), rcpps+2 Newton steps for 1/(1+u/2)", avx2_p5_nr2_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("portable-rr1-p6-log1p-p4", AB_VECTOR, "scalar", 2, "plain C the compiler vectorizes: max(x,0)+log1p~(exp~(-|x|))", portable_f32_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx512-rr1-p11-log1p-p10-div", AB_VECTOR, "avx512f", 2, "max(x,0)+log1p~(exp~(-|x|)), own kernels, FMA, div", avx512_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    AB_VARIANT_EXPECTING("avx2-rr1-p11-log1p-p10-div", AB_VECTOR, "avx2", 2, "max(x,0)+log1p~(exp~(-|x|)), own kernels, FMA, div", avx2_f64_batch,
               AB_FAIL_MONOTONE,
               AB_WHY_MONO_OWN),
    /* Peers */
    AB_VARIANT_EXPECTING("sleef-avx512-u10", AB_LIBRARY, "avx512f", 2, "max(x,0)+Sleef_log1pf16_u10(Sleef_expf16_u10(-|x|))", sleef_avx512_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF "; SLEEF expf/log1pf " AB_WHY_ZERO),
    AB_VARIANT_EXPECTING("sleef-avx2-u10", AB_LIBRARY, "avx2", 2, "max(x,0)+Sleef_log1pf8_u10(Sleef_expf8_u10(-|x|))", sleef_avx2_f32_batch,
               AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF "; SLEEF expf/log1pf " AB_WHY_ZERO),
    AB_VARIANT_EXPECTING("sleef-avx512-u10", AB_LIBRARY, "avx512f", 2, "max(x,0)+Sleef_log1pd8_u10(Sleef_expd8_u10(-|x|))", sleef_avx512_f64_batch,
               AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF "; SLEEF expf/log1pf " AB_WHY_ZERO),
    AB_VARIANT_EXPECTING("sleef-avx2-u10", AB_LIBRARY, "avx2", 2, "max(x,0)+Sleef_log1pd4_u10(Sleef_expd4_u10(-|x|))", sleef_avx2_f64_batch,
               AB_FAIL_ZERO | AB_FAIL_MONOTONE,
               AB_WHY_MONO_SLEEF "; SLEEF expf/log1pf " AB_WHY_ZERO),
};
AB_REGISTER_VARIANTS("softplus", softplus_vector_variants)
