/* test_f16_native.c: the AVX-512 FP16 kernels (impls/f16_simd.c) and the
 * emulation that measures them where the CPU has no AVX-512 FP16.
 *
 *  - twins: every f16 variant of isa "avx512fp16" has its emulation,
 *    "emu-" + its name, with the same declared bound (the registry side;
 *    runs on any CPU);
 *  - native_is_emulated: on a CPU with AVX-512 FP16, native and emulated
 *    give the same output on all 65,536 inputs, bit for bit (a NaN output
 *    matches any NaN: the emulation does not promise x86's NaN payload
 *    choice); elsewhere the test is skipped, and says so;
 *  - the emulated ops themselves (kernels/f16_ops_emu.h), the reason the
 *    emulated sweep can stand for the native one: add, sub, mul, div and
 *    fma against MPFR (11 bits, binary16's exponent range, then
 *    mpfr_subnormalize: IEEE binary16 with round to nearest even) on a
 *    seeded sample of operands (every pair of a set of edge values, and
 *    random bit patterns, plus fma triples built to cancel); scalef and
 *    rint the same way; the double -> binary16 rounding against
 *    ab_f16_from_f32 on a sweep of floats. */
#include <criterion/criterion.h>
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/registry.h"
#include "../impls/kernels/f16_ops_emu.h"

/* make test: a few seconds each; 120 s only trips on a hang. */
TestSuite(f16_native, .timeout = 120);

static const char *const ops[] = {"exp", "sigmoid", "silu", "tanh", "softplus", "gelu"};

/* ---- registry: each native kernel and its emulation ---------------------- */

static const ab_variant *twin_of(const ab_activation *a, const ab_variant *v) {
    char name[128];
    snprintf(name, sizeof name, "emu-%s", v->name);
    return ab_find_variant(a, name, AB_F16);
}

static const ab_variant *native_of(const ab_activation *a) {
    for (size_t k = 0; k < a->n_variants; k++)
        if (a->variants[k].precision == AB_F16 && !strcmp(a->variants[k].isa, "avx512fp16"))
            return &a->variants[k];
    return NULL;
}

Test(f16_native, twins) {
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        const ab_activation *a = ab_find_activation(ops[i]);
        cr_assert(a, "%s is registered", ops[i]);
        const ab_variant *v = native_of(a), *e = v ? twin_of(a, v) : NULL;
        cr_assert(v, "%s has an avx512fp16 f16 variant", ops[i]);
        cr_assert(e, "%s %s has its emulation emu-%s", ops[i], v->name, v->name);
        cr_expect_eq(v->strategy, AB_VECTOR, "%s %s", ops[i], v->name);
        cr_expect_eq(e->strategy, AB_APPROX, "%s %s", ops[i], e->name);
        cr_expect_str_eq(e->isa, "scalar");
        cr_expect_eq(v->max_ulp, e->max_ulp, "%s: one declared bound for both", ops[i]);
        cr_expect(ab_variant_available(e), "%s: the emulation runs anywhere", ops[i]);
    }
}

static int same_f16(uint16_t a, uint16_t b) {
    int na = (a & 0x7fff) > 0x7c00, nb = (b & 0x7fff) > 0x7c00;
    return na || nb ? na && nb : a == b;
}

Test(f16_native, native_is_emulated) {
    const ab_variant *probe = native_of(ab_find_activation(ops[0]));
    if (!probe || !ab_variant_available(probe)) /* the registry's own CPUID test */
        cr_skip_test("this CPU lacks AVX-512 FP16 (avx512fp16): the native kernels cannot run here, "
                     "so native == emulated is not checked (their sweep is the emulation's)");
    static ab_f16 x[65536], yn[65536], ye[65536];
    for (uint32_t b = 0; b < 65536; b++) x[b].bits = (uint16_t)b;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        const ab_activation *a = ab_find_activation(ops[i]);
        const ab_variant *v = native_of(a), *e = twin_of(a, v);
        cr_assert(v && e && ab_variant_available(v));
        ((ab_fn_f16)v->fn)(x, yn, 65536);
        ((ab_fn_f16)e->fn)(x, ye, 65536);
        size_t bad = 0, first = 0;
        for (uint32_t b = 0; b < 65536; b++)
            if (!same_f16(yn[b].bits, ye[b].bits) && !bad++) first = b;
        cr_expect_eq(bad, 0, "%s %s: %zu of 65536 outputs differ from emu-%s; first x = 0x%04zx: "
                     "native 0x%04x, emulated 0x%04x", ops[i], v->name, bad, v->name, first,
                     yn[first].bits, ye[first].bits);
    }
}

/* ---- the emulated ops against MPFR ----------------------------------------- */

static uint64_t rng_state;
static uint64_t rng(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static float h(uint16_t bits) { return ab_f16_to_f32((ab_f16){bits}); }

/* A random binary16 that is not a NaN. */
static float rand_h(void) {
    for (;;) {
        uint16_t b = (uint16_t)rng();
        if ((b & 0x7fff) <= 0x7c00) return h(b);
    }
}

/* Edge values: zeros, the subnormal ends, the normal boundaries, around
 * 1, 2048 (ulp 2), the top, infinities, and both signs. */
static size_t edges(float *out) {
    static const uint16_t mag[] = {0x0000, 0x0001, 0x0002, 0x0003, 0x01ff, 0x0200, 0x03ff, 0x0400,
                                   0x0401, 0x07ff, 0x0800, 0x1400, 0x2c00, 0x3555, 0x37ff, 0x3800,
                                   0x3801, 0x3bff, 0x3c00, 0x3c01, 0x3e00, 0x3fff, 0x4000, 0x4248,
                                   0x57ff, 0x5800, 0x6400, 0x67ff, 0x6800, 0x7bfe, 0x7bff, 0x7c00};
    size_t n = 0;
    for (size_t i = 0; i < sizeof mag / sizeof *mag; i++) {
        out[n++] = h(mag[i]);
        out[n++] = h((uint16_t)(mag[i] | 0x8000));
    }
    return n;
}

typedef struct {
    mpfr_exp_t emin, emax;
    mpfr_t r, a, b, c;
} mp16;

/* binary16 in MPFR: 11 bits, 2^-24 = 0.5 2^-23 the least subnormal,
 * 65504 = 0.11111111111b 2^16 the largest finite. */
static void mp16_init(mp16 *m) {
    m->emin = mpfr_get_emin();
    m->emax = mpfr_get_emax();
    mpfr_set_emin(-23);
    mpfr_set_emax(16);
    mpfr_inits2(11, m->r, m->a, m->b, m->c, (mpfr_ptr)0);
}

static void mp16_clear(mp16 *m) {
    mpfr_clears(m->r, m->a, m->b, m->c, (mpfr_ptr)0);
    mpfr_set_emin(m->emin);
    mpfr_set_emax(m->emax);
}

enum { ADD, SUB, MUL, DIV, FMA, NOPS };
static const char *const opname[] = {"add", "sub", "mul", "div", "fma"};

static float emu_op(int op, float a, float b, float c) {
    switch (op) {
    case ADD: return h16emu_add(a, b);
    case SUB: return h16emu_sub(a, b);
    case MUL: return h16emu_mul(a, b);
    case DIV: return h16emu_div(a, b);
    default: return h16emu_fma(a, b, c);
    }
}

static float mpfr_op(mp16 *m, int op, float a, float b, float c) {
    mpfr_set_flt(m->a, a, MPFR_RNDN); /* exact: binary16 values */
    mpfr_set_flt(m->b, b, MPFR_RNDN);
    mpfr_set_flt(m->c, c, MPFR_RNDN);
    int t;
    switch (op) {
    case ADD: t = mpfr_add(m->r, m->a, m->b, MPFR_RNDN); break;
    case SUB: t = mpfr_sub(m->r, m->a, m->b, MPFR_RNDN); break;
    case MUL: t = mpfr_mul(m->r, m->a, m->b, MPFR_RNDN); break;
    case DIV: t = mpfr_div(m->r, m->a, m->b, MPFR_RNDN); break;
    default: t = mpfr_fma(m->r, m->a, m->b, m->c, MPFR_RNDN); break;
    }
    mpfr_subnormalize(m->r, t, MPFR_RNDN);
    return mpfr_get_flt(m->r, MPFR_RNDN);
}

static int same_value(float x, float y) {
    if (isnan(x) || isnan(y)) return isnan(x) && isnan(y);
    return x == y && signbit(x) == signbit(y);
}

/* One comparison; counts and reports the first few mismatches. */
static size_t check(mp16 *m, int op, float a, float b, float c, size_t *bad) {
    float e = emu_op(op, a, b, c), r = mpfr_op(m, op, a, b, c);
    if (!same_value(e, r) && (*bad)++ < 5)
        cr_log_error("%s(%a, %a, %a): emulated %a, MPFR %a", opname[op], a, b, c, e, r);
    return 1;
}

Test(f16_native, emulated_ops_match_mpfr) {
    mp16 m;
    mp16_init(&m);
    float ed[64];
    size_t ne = edges(ed), bad[NOPS] = {0}, n[NOPS] = {0};
    rng_state = 0x16f16f16ull;
    for (int op = 0; op < NOPS; op++) {
        /* every pair (and triple's first two) of edge values */
        for (size_t i = 0; i < ne; i++)
            for (size_t j = 0; j < ne; j++)
                for (size_t k = 0; k < (op == FMA ? ne : 1); k++)
                    n[op] += check(&m, op, ed[i], ed[j], ed[k], &bad[op]);
        /* random binary16 operands */
        for (int s = 0; s < 400000; s++) {
            float a = rand_h(), b = rand_h();
            n[op] += check(&m, op, a, b, rand_h(), &bad[op]);
        }
    }
    /* fma with c near -a b: the exact sum keeps many of a b's 22 bits */
    for (int s = 0; s < 400000; s++) {
        float a = rand_h(), b = rand_h(), ab = h16emu_mul(a, b);
        if (isinf(ab)) continue;
        uint16_t cb = ab_f16_from_f32(-ab).bits;
        cb = (uint16_t)(cb + (int)(rng() % 7) - 3);
        n[FMA] += check(&m, FMA, a, b, (cb & 0x7fff) > 0x7c00 ? 0.0f : h(cb), &bad[FMA]);
    }
    mp16_clear(&m);
    for (int op = 0; op < NOPS; op++)
        cr_expect_eq(bad[op], 0, "%s: %zu of %zu results differ from MPFR", opname[op], bad[op], n[op]);
}

/* scalef by an integer (every k the kernels can pass, and beyond) and
 * rint, against mpfr_mul_2si / mpfr_rint at binary16. */
Test(f16_native, emulated_scalef_rint_match_mpfr) {
    mp16 m;
    mp16_init(&m);
    size_t bad = 0;
    for (uint32_t b = 0; b < 0x7c00; b += 3)
        for (int k = -50; k <= 50; k += 7)
            for (int s = 0; s < 2; s++) {
                float a = h((uint16_t)(b | (s ? 0x8000 : 0)));
                float e = h16emu_scalef(a, (float)k + 0.25f); /* floor(k + 1/4) = k */
                mpfr_set_flt(m.a, a, MPFR_RNDN);
                int t = mpfr_mul_2si(m.r, m.a, k, MPFR_RNDN);
                mpfr_subnormalize(m.r, t, MPFR_RNDN);
                float r = mpfr_get_flt(m.r, MPFR_RNDN);
                if (!same_value(e, r) && bad++ < 5) cr_log_error("scalef(%a, %d): %a, MPFR %a", a, k, e, r);
            }
    for (uint32_t b = 0; b < 0x7c00; b++)
        for (int s = 0; s < 2; s++) {
            float a = h((uint16_t)(b | (s ? 0x8000 : 0))), e = h16emu_rint(a);
            mpfr_set_flt(m.a, a, MPFR_RNDN);
            mpfr_rint(m.r, m.a, MPFR_RNDN);
            float r = mpfr_get_flt(m.r, MPFR_RNDN);
            if (!same_value(e, r) && bad++ < 5) cr_log_error("rint(%a): %a, MPFR %a", a, e, r);
        }
    mp16_clear(&m);
    cr_expect_eq(bad, 0, "%zu scalef/rint results differ from MPFR", bad);
    /* the special cases the kernels rely on: NaN passes, +-inf scales */
    cr_expect(isnan(h16emu_scalef(NAN, 3.0f)));
    cr_expect(isnan(h16emu_scalef(1.0f, NAN)));
    cr_expect_eq(h16emu_scalef(-INFINITY, -20.0f), -INFINITY);
    cr_expect_eq(h16emu_scalef(1.5f, 20.0f), INFINITY);
}

/* h16emu_round_bits (binary64 -> binary16) against ab_f16_from_f32 on
 * floats (a float is a double exactly, so both round the same value):
 * every 61st float below 2^17 (binary16's range and its rounding
 * boundaries: 2^-25, 65520), both signs, and every 257th float overall
 * (huge values, infinities, NaNs skipped). */
static size_t round_check(uint32_t w, size_t *bad) {
    float f;
    memcpy(&f, &w, sizeof f);
    if (isnan(f)) return 0;
    uint16_t e = h16emu_round_bits((double)f), r = ab_f16_from_f32(f).bits;
    if (e != r && (*bad)++ < 5) cr_log_error("round(%a): 0x%04x, ab_f16_from_f32 0x%04x", f, e, r);
    return 1;
}

Test(f16_native, emulated_rounding_matches_conversion) {
    size_t bad = 0, n = 0;
    for (uint32_t w = 0; w < 0x48000000u; w += 61) n += round_check(w, &bad) + round_check(w | 0x80000000u, &bad);
    for (uint64_t u = 0; u < (1ull << 32); u += 257) n += round_check((uint32_t)u, &bad);
    cr_expect_eq(bad, 0, "%zu of %zu roundings differ", bad, n);
}
