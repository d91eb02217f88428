/* lanes.h: sign-bit operations and horizontal reductions on AVX2 and
 * AVX-512F vectors.  Sign operations are exact bit operations.
 *
 * AVX512F only: _mm512_and_ps/_or_ps/_xor_ps are AVX512DQ, so sign-bit
 * manipulation goes through the integer forms (_mm512_*_epi32). */
#ifndef AB_KERNELS_LANES_H
#define AB_KERNELS_LANES_H

#include "batch.h"


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

/* Horizontal reductions (AVX512F only: no DQ/VL needed). */
AB_AVX512_INLINE float ab_v16_hmax_f32(__m512 v) { return _mm512_reduce_max_ps(v); }
AB_AVX512_INLINE float ab_v16_hsum_f32(__m512 v) { return _mm512_reduce_add_ps(v); }

/* f32 lanes evaluated in f64 lanes: name(x) widens each half of x
 * (exact), applies the f64 kernel F and narrows (one rounding per lane). */
#define AB_V16_VIA_F64_DEFINE(name, F)                                                  \
    AB_AVX512_INLINE __m512 name(__m512 x) {                                            \
        __m256 lo_ = _mm512_castps512_ps256(x);                                         \
        __m256 hi_ = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x), 1));  \
        __m256 ylo_ = _mm512_cvtpd_ps(F(_mm512_cvtps_pd(lo_)));                         \
        __m256 yhi_ = _mm512_cvtpd_ps(F(_mm512_cvtps_pd(hi_)));                         \
        return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(ylo_)), \
                                                   _mm256_castps_pd(yhi_), 1));         \
    }
#define AB_V8_VIA_F64_DEFINE(name, F)                                                   \
    AB_AVX2_INLINE __m256 name(__m256 x) {                                              \
        __m128 ylo_ = _mm256_cvtpd_ps(F(_mm256_cvtps_pd(_mm256_castps256_ps128(x))));   \
        __m128 yhi_ = _mm256_cvtpd_ps(F(_mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)))); \
        return _mm256_insertf128_ps(_mm256_castps128_ps256(ylo_), yhi_, 1);             \
    }

#endif /* AB_KERNELS_LANES_H */
