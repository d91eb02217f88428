/* f16_ops_emu.h: kernels/f16_body.h's op layer emulated on any x86-64, so
 * that the AVX-512 FP16 kernels (kernels/f16_ops_native.h) can be measured
 * on a CPU without AVX-512 FP16.  32 lanes, as the native layer; a lane
 * holds a binary16 value in a float (exact), and every op returns exactly
 * the IEEE 754 binary16 result of its native instruction: one rounding to
 * nearest even with gradual underflow and overflow to infinity, and x86's
 * rules for min/max and vscalefph's special cases.  (A NaN result is a
 * NaN, but its payload and sign are not promised to match the hardware's:
 * x86 passes on the first NaN operand of the instruction the compiler
 * chose, which an emulation cannot know.)
 *
 * Why each op is exact.  h16emu_round (below) rounds a double to binary16
 * correctly (ties to even, subnormals, overflow).  Binary16 operands have
 * 11-bit significands and exponents in [-24, 15], so in binary64:
 *  - a + b, a - b and a b are exact (a sum spans at most 15 + 24 + 1 = 40
 *    bits, a product 22 bits): the result is rounded once, by
 *    h16emu_round;
 *  - a / b is rounded twice, to 53 bits then to 11, and that is innocuous:
 *    53 >= 2*11 + 2 (Figueroa, "When is double rounding innocuous?",
 *    1995).  The binary16 subnormal range needs its own check (the theorem
 *    is for one precision): a quotient A 2^i / B (A, B < 2^11 integers)
 *    that is not a binary16 rounding boundary m (an odd multiple of 2^-25
 *    there) is at least 2^min(i, -25) / B > 2^(min(i, -25) - 11) >= 2^-47
 *    away from it (i >= -36 for a quotient near 2^-25), while the 53-bit
 *    rounding moves it by at most 2^-68 (half an ulp below 2^-14): it
 *    cannot land on m;
 *  - fma a b + c: a b is exact in binary64, the sum is not always (a b may
 *    have bits down to 2^-48 below a c near 2^15); TwoSum gives the exact
 *    sum as s + t, and s is rounded to odd (t != 0 and s even: step one
 *    ulp toward t), then to binary16: rounding to odd at 53 >= 11 + 2 bits
 *    then to nearest is the correct rounding (Boldo and Melquiond,
 *    "Emulation of FMA and correctly rounded sums: proved algorithms using
 *    rounding to odd", 2008).  (A plain binary64 fma rounded again to
 *    binary16 happens to be innocuous too within binary16's exponent
 *    range, but only by a case analysis; a binary32 one is not: the
 *    test's fma triples find counterexamples);
 *  - scalef a 2^floor(b) is exact in binary64 (|floor(b)| clamped to 80,
 *    beyond which every binary16 result is 0 or inf anyway) and rounded
 *    once; roundscale (to an integer, ties to even) is nearbyint in the
 *    default rounding mode, exact;
 *  - min, max, compares, abs, sign operations and table lookups are
 *    exact.
 * tests/test_f16_native.c checks add, sub, mul, div, fma, scalef and rint
 * against MPFR (11 bits, binary16's exponent range, mpfr_subnormalize) on
 * seeded samples and edge values, and h16emu_round_bits against
 * ab_f16_from_f32. */
#ifndef AB_KERNELS_F16_OPS_EMU_SCALAR
#define AB_KERNELS_F16_OPS_EMU_SCALAR
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../../api/actbench.h"

/* d rounded to binary16 (nearest, ties to even, subnormals, overflow to
 * inf; NaN keeps its sign and leading payload bits, quieted), as bits. */
static inline uint16_t h16emu_round_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    uint16_t s = (uint16_t)((u >> 48) & 0x8000);
    uint64_t a = u & 0x7fffffffffffffffull;
    if (a > 0x7ff0000000000000ull) return (uint16_t)(s | 0x7e00 | ((a >> 42) & 0x3ff));
    int e = (int)(a >> 52) - 1023;
    if (e > 15) return (uint16_t)(s | 0x7c00); /* also inf */
    if ((a >> 52) == 0) return s;              /* binary64 zero or subnormal: rounds to 0 */
    uint64_t m = (a & 0xfffffffffffffull) | (1ull << 52);
    /* The result's ulp is 2^q; d = m 2^(e-52) is m >> sh units of it. */
    int q = (e < -14 ? -14 : e) - 10, sh = 52 - e + q; /* sh >= 42 */
    uint64_t r = 0;
    if (sh <= 63) { /* else d < 2^-35: rounds to 0 */
        uint64_t rem = m & ((1ull << sh) - 1), half = 1ull << (sh - 1);
        r = m >> sh;
        if (rem > half || (rem == half && (r & 1))) r++;
    }
    /* Normal: r in [2^10, 2^11] with its leading bit; r = 2^11 carries into
     * the exponent (at e = 15: 0x7c00, inf).  Subnormal: r in [0, 2^10]. */
    uint32_t bits = e < -14 ? (uint32_t)r : ((uint32_t)(e + 14) << 10) + (uint32_t)r;
    return (uint16_t)(s | bits);
}

static inline float h16emu_round(double d) { return ab_f16_to_f32((ab_f16){h16emu_round_bits(d)}); }

static inline float h16emu_add(float a, float b) { return h16emu_round((double)a + b); }
static inline float h16emu_sub(float a, float b) { return h16emu_round((double)a - b); }
static inline float h16emu_mul(float a, float b) { return h16emu_round((double)a * b); }
static inline float h16emu_div(float a, float b) { return h16emu_round((double)a / b); }

/* a b + c, one rounding (see the header: TwoSum, then round to odd). */
static inline float h16emu_fma(float a, float b, float c) {
    double p = (double)a * b, s = p + c;
    if (!isfinite(s)) return h16emu_round(s);
    double bb = s - p, t = (p - (s - bb)) + (c - bb);
    uint64_t u;
    memcpy(&u, &s, sizeof u);
    if (t != 0 && !(u & 1)) {
        u += (t > 0) == (s > 0) ? 1 : (uint64_t)-1; /* toward t (s != 0 here) */
        memcpy(&s, &u, sizeof s);
    }
    return h16emu_round(s);
}

/* vscalefph: a 2^floor(b), with the special cases of the SDM's table
 * (VSCALEFPH/VSCALEFSH Special Cases): a NaN a gives NaN, except a quiet
 * NaN with b = +inf (+inf) or b = -inf (+0); else a NaN b gives NaN;
 * b = +inf: a = 0 gives NaN, else a (inf) or inf with a's sign;
 * b = -inf: a = inf gives NaN, else 0 with a's sign. */
static inline float h16emu_scalef(float a, float b) {
    if (isnan(a)) {
        uint32_t u;
        memcpy(&u, &a, sizeof u);
        int quiet = (u >> 22) & 1;
        if (quiet && isinf(b)) return b > 0 ? INFINITY : 0.0f;
        return a + 0.0f;
    }
    if (isnan(b)) return b + 0.0f;
    if (isinf(b)) {
        if (b > 0) return a == 0 ? NAN : copysignf(INFINITY, a);
        return isinf(a) ? NAN : copysignf(0.0f, a);
    }
    double k = floor((double)b);
    k = k > 80 ? 80 : k < -80 ? -80 : k;
    return h16emu_round(ldexp((double)a, (int)k));
}

static inline float h16emu_rint(float a) { return isnan(a) ? a + 0.0f : (float)nearbyint((double)a); }
static inline float h16emu_min(float a, float b) { return a < b ? a : b; }
static inline float h16emu_max(float a, float b) { return a > b ? a : b; }

static inline float h16emu_flipsign(float a, int neg) {
    uint32_t u;
    memcpy(&u, &a, sizeof u);
    u ^= neg ? 0x80000000u : 0;
    memcpy(&a, &u, sizeof a);
    return a;
}

static inline float h16emu_fms_(float a, float b, float c) { return h16emu_fma(a, b, -c); }
static inline float h16emu_fnma_(float a, float b, float c) { return h16emu_fma(-a, b, c); }
static inline float h16emu_negabs_(float a) { return -fabsf(a); }
static inline float h16emu_xorsign_(float a, float s) { return h16emu_flipsign(a, signbit(s) != 0); }

/* 32 lanes, as the native layer. */
typedef struct { float v[32]; } h16emu_v;
typedef uint32_t h16emu_m;

#define H16EMU_V1(name, f)                                 \
    static inline h16emu_v name(h16emu_v a) {              \
        for (int i = 0; i < 32; i++) a.v[i] = f(a.v[i]);   \
        return a;                                          \
    }
#define H16EMU_V2(name, f)                                         \
    static inline h16emu_v name(h16emu_v a, h16emu_v b) {          \
        for (int i = 0; i < 32; i++) a.v[i] = f(a.v[i], b.v[i]);   \
        return a;                                                  \
    }
#define H16EMU_V3(name, f)                                                  \
    static inline h16emu_v name(h16emu_v a, h16emu_v b, h16emu_v c) {       \
        for (int i = 0; i < 32; i++) a.v[i] = f(a.v[i], b.v[i], c.v[i]);    \
        return a;                                                           \
    }
H16EMU_V2(h16emu_v_add, h16emu_add)
H16EMU_V2(h16emu_v_sub, h16emu_sub)
H16EMU_V2(h16emu_v_mul, h16emu_mul)
H16EMU_V2(h16emu_v_div, h16emu_div)
H16EMU_V3(h16emu_v_fma, h16emu_fma)
H16EMU_V3(h16emu_v_fms, h16emu_fms_)
H16EMU_V3(h16emu_v_fnma, h16emu_fnma_)
H16EMU_V2(h16emu_v_scalef, h16emu_scalef)
H16EMU_V1(h16emu_v_rint, h16emu_rint)
H16EMU_V2(h16emu_v_min, h16emu_min)
H16EMU_V2(h16emu_v_max, h16emu_max)
H16EMU_V1(h16emu_v_abs, fabsf)
H16EMU_V1(h16emu_v_negabs, h16emu_negabs_)
H16EMU_V2(h16emu_v_xorsign, h16emu_xorsign_)

static inline h16emu_v h16emu_v_set(float c) {
    h16emu_v r;
    for (int i = 0; i < 32; i++) r.v[i] = c;
    return r;
}
static inline h16emu_m h16emu_v_lt(h16emu_v a, h16emu_v b) {
    h16emu_m m = 0;
    for (int i = 0; i < 32; i++) m |= (h16emu_m)(a.v[i] < b.v[i]) << i;
    return m;
}
static inline h16emu_m h16emu_v_signmask(h16emu_v a) {
    h16emu_m m = 0;
    for (int i = 0; i < 32; i++) m |= (h16emu_m)(signbit(a.v[i]) != 0) << i;
    return m;
}
/* vpermt2w: tbl[low 6 bits of t's binary16 encoding]. */
static inline h16emu_v h16emu_v_tbl64(h16emu_v t, const uint16_t *tbl) {
    for (int i = 0; i < 32; i++) t.v[i] = ab_f16_to_f32((ab_f16){tbl[ab_f16_from_f32(t.v[i]).bits & 63]});
    return t;
}
static inline h16emu_v h16emu_v_blend(h16emu_m m, h16emu_v a, h16emu_v b) {
    for (int i = 0; i < 32; i++)
        if (m >> i & 1) a.v[i] = b.v[i];
    return a;
}
#endif

/* ---- the layer (undefined again at the end of f16_body.h) ---------------- */
#define F16_ATTR static inline
#define F16_FN_ATTR static
#define F16_FN(name) h16emu_##name
#define F16V h16emu_v
#define F16M h16emu_m
#define H_SET(c) h16emu_v_set(c)
#define H_ADD(a, b) h16emu_v_add(a, b)
#define H_SUB(a, b) h16emu_v_sub(a, b)
#define H_MUL(a, b) h16emu_v_mul(a, b)
#define H_DIV(a, b) h16emu_v_div(a, b)
#define H_FMA(a, b, c) h16emu_v_fma(a, b, c)
#define H_FMS(a, b, c) h16emu_v_fms(a, b, c)
#define H_FNMA(a, b, c) h16emu_v_fnma(a, b, c)
#define H_SCALEF(a, b) h16emu_v_scalef(a, b)
#define H_RINT(a) h16emu_v_rint(a)
#define H_MIN(a, b) h16emu_v_min(a, b)
#define H_MAX(a, b) h16emu_v_max(a, b)
#define H_LT(a, b) h16emu_v_lt(a, b)
#define H_BLEND(m, a, b) h16emu_v_blend(m, a, b)
#define H_ABS(a) h16emu_v_abs(a)
#define H_NEGABS(a) h16emu_v_negabs(a)
#define H_XORSIGN(a, s) h16emu_v_xorsign(a, s)
#define H_SIGNMASK(a) h16emu_v_signmask(a)
#define H_TBL64(t, tbl) h16emu_v_tbl64(t, tbl)

/* The same batch loop as the native layer: 32 lanes, tail lanes 0. */
#define F16_BATCH(name, kernel)                                                 \
    static void name(const ab_f16 *x, ab_f16 *y, size_t n) {                    \
        for (size_t i = 0; i < n; i += 32) {                                    \
            size_t k = n - i < 32 ? n - i : 32;                                 \
            F16V v = h16emu_v_set(0.0f);                                        \
            for (size_t j = 0; j < k; j++) v.v[j] = ab_f16_to_f32(x[i + j]);    \
            v = kernel(v);                                                      \
            for (size_t j = 0; j < k; j++) y[i + j] = ab_f16_from_f32(v.v[j]);  \
        }                                                                       \
    }
