/* planted_band.h: a relu variant with a planted defect on one narrow band
 * of consecutive inputs, for the worst-case search (harness/search.c).
 * Shared by the plugin (tests/plugins/planted_band.c) and the unit test
 * (tests/test_search.c), so that the model lives in one place.  Only
 * api/actbench.h's types are used: a plugin cannot call the engine.
 *
 * ---- The model --------------------------------------------------------------
 * A removable singularity evaluated as a quotient: relu(x) = x is computed,
 * for positive x, through a formula that divides by (x - c) for a point c
 * (think (g(x) - g(c)) / (x - c) with an absolute error e in the
 * numerator).  An absolute error e divided by |x - c| = |d| ulp(x) gives an
 * output error of e / (|d| ulp(x)^2) ulps: the error decays like C / |d| in
 * the ordinal distance d = ord(x) - ord(c).  The defect is modelled exactly
 * (so the error is known in advance, bit for bit): the output is x moved
 * up by m(d) = floor(C / max(|d|, 1)) ordinals (m = 0: exact).
 *
 * Every displaced output stays in the binade of its input, so its ULP
 * error against relu(x) = x is exactly m(d) (ulp(x) = ulp(y)):
 *   f64: c = 0x1.4f1bbcdcbfa53p+0 (about 1.309), C = 2^49.  m > 0 only for
 *        |d| <= 2^49, i.e. |x - c| <= 2^49 * 2^-52 = 1/8: x in (1.18, 1.44)
 *        in [1, 2); the largest output is c + 2^49 ulp = c + 1/8 < 2.
 *   f32: c = 0x1.4f1bbcp+0, C = 2^17: |x - c| <= 2^17 * 2^-23 = 1/64.
 *
 * The band (error >= L = C / H ulps) is |d| <= H: 2H + 1 consecutive
 * values inside [1, 2).
 *   f64: H = 2^19, L = 2^30: 2^20 + 1 values with an error of at least
 *        2^30 ulps (at most C = 2^49 at d in {-1, 0, 1}).
 *   f32: H = 2^5, L = 2^12: 65 values, at least 2^12 ulps (peak 2^17).
 * Away from the band the error falls as C / |d|: below 1 ulp beyond
 * |d| = C (f64: 1/8 away from c in value).
 *
 * ---- What default sampling sees (hand analysis) ------------------------------
 * The sweep's `core` range [-10, 10] holds 2 ord(10) + 1 values: f64
 * ord(10) = 0x4024000000000000, so 2^63 + 2^57.17 values, about 2^63.006;
 * 65536 strata of width W = 2^47.006 (f32: ord(10) = 0x41200000, W =
 * 2^31.03 / 2^16 = 2^15.03).
 *   - The band (2H + 1 ordinals) meets at most 2 strata, and each stratum's
 *     one sample is uniform over its W ordinals, so
 *       P(some sample in the band) <= (2H + 1) / W:
 *     f64 (2^20 + 1) / 2^47.006 = 7.4e-9 (about 2^-27), so default sampling
 *     misses it with probability > 1 - 10^-8; f32 65 / 2^15.03 = 1.9e-3.
 *     (Over [1, 2) alone, W = 2^52 / 2^16 = 2^36 and P <= 2^-16 for f64.)
 *   - But it leaves a trace: the stratum holding c has its sample within W
 *     of c, so the stratified max error is at least C / W = 2^49 / 2^47.006
 *     = 3.98 ulps (f32: 2^17 / 2^15.03 = 3.9), and the samples with an
 *     error of 1 ulp or more lie within C / W = 4 strata of c on each side.
 *     The stratified max is below L unless a sample is in the band. */
#ifndef AB_PLANTED_BAND_H
#define AB_PLANTED_BAND_H
#include <stdint.h>
#include <string.h>
#include <math.h>

#define PB64_CENTRE 0x1.4f1bbcdcbfa53p+0
#define PB64_C ((uint64_t)1 << 49)
#define PB64_HALF_BAND ((uint64_t)1 << 19)
#define PB64_LEVEL (PB64_C / PB64_HALF_BAND) /* 2^30 */

#define PB32_CENTRE 0x1.4f1bbcp+0f
#define PB32_C ((uint64_t)1 << 17)
#define PB32_HALF_BAND ((uint64_t)1 << 5)
#define PB32_LEVEL (PB32_C / PB32_HALF_BAND) /* 2^12 */

/* m(d) = floor(C / max(|d|, 1)): the error in ulps at ordinal distance d. */
static inline uint64_t pb_ulps(int64_t d, uint64_t C) {
    uint64_t a = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
    return C / (a ? a : 1);
}

/* For positive finite x the bits are the ordinal: moving up m ordinals
 * is adding m to the bits (the constants keep the result in x's binade). */
static inline double pb_relu64(double x) {
    if (isnan(x)) return x;
    if (x <= 0) return 0.0;
    if (isinf(x)) return x;
    uint64_t b, bc;
    double c = PB64_CENTRE;
    memcpy(&b, &x, 8);
    memcpy(&bc, &c, 8);
    b += pb_ulps((int64_t)(b - bc), PB64_C);
    memcpy(&x, &b, 8);
    return x;
}

/* 1 when x is in the f64 band: |ord(x) - ord(c)| <= 2^19. */
static inline int pb_in_band64(double x) {
    if (!(x > 0) || isinf(x)) return 0;
    uint64_t b, bc;
    double c = PB64_CENTRE;
    memcpy(&b, &x, 8);
    memcpy(&bc, &c, 8);
    return b - bc + PB64_HALF_BAND <= 2 * PB64_HALF_BAND;
}

static inline float pb_relu32(float x) {
    if (isnan(x)) return x;
    if (x <= 0) return 0.0f;
    if (isinf(x)) return x;
    uint32_t b, bc;
    float c = PB32_CENTRE;
    memcpy(&b, &x, 4);
    memcpy(&bc, &c, 4);
    b += (uint32_t)pb_ulps((int64_t)b - (int64_t)bc, PB32_C);
    memcpy(&x, &b, 4);
    return x;
}

static inline void pb_relu64_batch(const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = pb_relu64(x[i]);
}
static inline void pb_relu32_batch(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = pb_relu32(x[i]);
}

#define PB_FORMULA "x moved up floor(C / |ord(x) - ord(c)|) ulps (planted band)"
#endif
