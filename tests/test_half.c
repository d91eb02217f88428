/* test_half.c: the 16-bit formats' instrument.
 *
 *  - The conversions of api/actbench_half.h and ab_fmt_round against
 *    independent roundings: MPFR (mpfr_subnormalize at the format's emin
 *    and emax) and, for binary16, the F16C instructions.
 *  - The references correctly rounded to bf16 and f16 (Ziv with the
 *    format's exponent range) against the f64 reference rounded once more:
 *    RN16(RN64(f)) = RN16(f) unless RN64(f) is itself a 16-bit midpoint
 *    (f and RN64(f) on opposite sides of a midpoint m would put the double
 *    m between them, nearer to f than RN64(f)).  Such inputs are skipped
 *    and counted.
 *  - The double_rounded count on a hand-analysed input.
 * `make test`: 2^20 floats per conversion, 4 activations; `make check`:
 * every float and every activation. */
#include <criterion/criterion.h>
#include <immintrin.h>
#include <math.h>
#include <string.h>
#include "../harness/inputs.h"
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../reference/format.h"
#include "../reference/reference.h"

TestSuite(half, .timeout = 240);
TestSuite(check_half, .timeout = 1800);

/* RN of x into p bits with the exponent range [emin_sub, emax] (MPFR's
 * convention), by MPFR: the independent rounding. */
static double round_mpfr_d(double x, int p, long emin_sub, long emax) {
    if (isnan(x)) return x;
    mpfr_exp_t e0 = mpfr_get_emin(), e1 = mpfr_get_emax();
    mpfr_t t;
    mpfr_init2(t, p);
    mpfr_set_emin(emin_sub);
    mpfr_set_emax(emax);
    int i = mpfr_set_d(t, x, MPFR_RNDN);
    i = mpfr_check_range(t, i, MPFR_RNDN);
    mpfr_subnormalize(t, i, MPFR_RNDN);
    double r = mpfr_get_d(t, MPFR_RNDN); /* exact: p <= 53 bits */
    mpfr_set_emin(e0);
    mpfr_set_emax(e1);
    mpfr_clear(t);
    return r;
}

static float round_mpfr(float x, int p, long emin_sub, long emax) {
    return (float)round_mpfr_d(x, p, emin_sub, emax);
}

static uint32_t fbits(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float from_fbits(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* Every float of a slice (stride through all 2^32 patterns). */
static void narrowing(uint64_t stride) {
    uint64_t n = 0, bad_b = 0, bad_h = 0;
    for (uint64_t k = 0; k < ((uint64_t)1 << 32); k += stride, n++) {
        float x = from_fbits((uint32_t)(k ^ (k >> 7))); /* vary the low bits too */
        float b = ab_bf16_to_f32(ab_bf16_from_f32(x)), h = ab_f16_to_f32(ab_f16_from_f32(x));
        if (isnan(x)) {
            bad_b += !isnan(b) || signbit(b) != signbit(x);
            bad_h += !isnan(h) || signbit(h) != signbit(x);
            continue;
        }
        float rb = round_mpfr(x, 8, -132, 128), rh = round_mpfr(x, 11, -23, 16);
        if (fbits(b) != fbits(rb) && bad_b++ < 5)
            cr_log_error("bf16(%a) = %a, MPFR %a", x, b, rb);
        if (fbits(h) != fbits(rh) && bad_h++ < 5)
            cr_log_error("f16(%a) = %a, MPFR %a", x, h, rh);
    }
    cr_expect_eq(bad_b, 0, "%llu of %llu bf16 roundings differ from MPFR", (unsigned long long)bad_b,
                 (unsigned long long)n);
    cr_expect_eq(bad_h, 0, "%llu of %llu f16 roundings differ from MPFR", (unsigned long long)bad_h,
                 (unsigned long long)n);
}

Test(half, narrowing_matches_mpfr) { narrowing(4099); }
Test(check_half, narrowing_matches_mpfr) { narrowing(61); }

/* binary16 against the hardware (F16C: vcvtps2ph, round to nearest even;
 * vcvtph2ps), every float in make check. */
__attribute__((target("f16c"))) static void f16c(uint64_t stride) {
    uint64_t bad = 0, n = 0;
    for (uint64_t k = 0; k < ((uint64_t)1 << 32); k += stride, n++) {
        float x = from_fbits((uint32_t)k);
        uint16_t hw = (uint16_t)_cvtss_sh(x, _MM_FROUND_TO_NEAREST_INT);
        uint16_t me = ab_f16_from_f32(x).bits;
        if (isnan(x)) me |= 0x0200, hw |= 0x0200; /* both quiet it; payloads may differ */
        if (hw != me && bad++ < 5) cr_log_error("f16(%a): 0x%04x, F16C 0x%04x", x, me, hw);
    }
    cr_expect_eq(bad, 0, "%llu of %llu differ from F16C", (unsigned long long)bad, (unsigned long long)n);
    for (uint32_t b = 0; b < 65536; b++) { /* widening: every pattern */
        float hw = _cvtsh_ss((unsigned short)b), me = ab_f16_to_f32((ab_f16){(uint16_t)b});
        cr_expect(fbits(hw) == fbits(me) || (isnan(hw) && isnan(me)), "0x%04x: %a, F16C %a", b, me, hw);
    }
}

Test(half, f16_matches_f16c) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("f16c")) cr_skip_test("this CPU has no F16C");
    f16c(257);
}
Test(check_half, f16_matches_f16c) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("f16c")) cr_skip_test("this CPU has no F16C");
    f16c(1);
}

/* bf16 widening: the value m * 2^(e - 134) built from the fields. */
Test(half, bf16_widening_every_pattern) {
    for (uint32_t b = 0; b < 65536; b++) {
        uint32_t e = (b >> 7) & 0xff, m = b & 0x7f;
        double want = e == 0xff ? (m ? NAN : INFINITY)
                    : e ? ldexp(128 + m, (int)e - 134) : ldexp(m, -133);
        if (b & 0x8000) want = -want;
        float got = ab_bf16_to_f32((ab_bf16){(uint16_t)b});
        cr_expect(isnan(want) ? isnan(got) : (double)got == want && !signbit(got) == !(b & 0x8000),
                  "0x%04x: %a, want %a", b, got, want);
    }
}

/* ab_fmt_round (double into a format, once) against MPFR on doubles. */
Test(half, fmt_round_matches_mpfr) {
    uint64_t s = 0x16b17;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = ab_mix64(s++);
        double x = ldexp((double)(r >> 11) * 0x1p-53 + 0.5, (int)(r % 300) - 170) * (r >> 63 ? -1 : 1);
        for (int f = AB_BF16; f <= AB_F16; f++) {
            const ab_fmt_info *F = ab_fmt((ab_precision)f);
            double want = round_mpfr_d(x, F->p, F->emin - F->p + 1, F->emax);
            double got = ab_fmt_round(x, (ab_precision)f);
            cr_assert(memcmp(&got, &want, 8) == 0, "%s(%a) = %a, MPFR %a", F->name, x, got, want);
        }
    }
}

/* v a 16-bit rounding midpoint of the format: v / q has fraction 1/2. */
static int midpoint(double v, ab_precision f) {
    if (!isfinite(v) || v == 0) return 0;
    int e;
    frexp(v, &e);
    long emin = ab_fmt(f)->emin, qe = (e > emin ? e : emin) - ab_fmt(f)->p;
    double m = ldexp(v, (int)-qe);
    return m - floor(m) == 0.5;
}

static void references(const char *const *acts, size_t na) {
    ab_ref_ctx *c = ab_ref_ctx_new();
    cr_assert_not_null(c);
    for (size_t k = 0; k < na; k++) {
        const ab_activation *a = ab_find_activation(acts[k]);
        cr_assert_not_null(a, "%s", acts[k]);
        for (int f = AB_BF16; f <= AB_F16; f++) {
            uint64_t skipped = 0, bad = 0;
            for (uint32_t b = 0; b < 65536; b++) {
                double x = ab_fmt_from_bits(b, (ab_precision)f);
                ab_refval r16, r64;
                ab_reference_eval(c, a->reference, (ab_precision)f, x, &r16);
                ab_reference_eval(c, a->reference, AB_F64, x, &r64);
                if (isnan(r64.cr)) {
                    bad += !isnan(r16.cr);
                    continue;
                }
                if (midpoint(r64.cr, (ab_precision)f)) { skipped++; continue; }
                double want = ab_fmt_round(r64.cr, (ab_precision)f);
                if (memcmp(&want, &r16.cr, 8) != 0 && bad++ < 5)
                    cr_log_error("%s %s(%a): %a, RN(f64 %a) = %a", acts[k],
                                 ab_fmt((ab_precision)f)->name, x, r16.cr, r64.cr, want);
            }
            cr_expect_eq(bad, 0, "%s %s: %llu of 65536 differ", acts[k], ab_fmt((ab_precision)f)->name,
                         (unsigned long long)bad);
            cr_log_info("%s %s: %llu midpoints skipped", acts[k], ab_fmt((ab_precision)f)->name,
                        (unsigned long long)skipped);
        }
    }
    ab_ref_ctx_free(c);
}

Test(half, references_agree_with_f64_rounded_once) {
    static const char *const a[] = {"sigmoid", "exp", "gelu", "d_tanh"};
    references(a, 4);
}

Test(check_half, references_agree_with_f64_rounded_once) {
    const char *a[128];
    size_t n = 0;
    for (size_t i = 0; i < ab_activation_count() && n < 128; i++) a[n++] = ab_activation_at(i)->name;
    references(a, n);
}

/* gelu at x = -0x1.fep-126 (bf16): f = x/2 + x^2/sqrt(2 pi), x/2 =
 * -0x1.fep-127 is the bf16 midpoint between -0x1.fcp-127 and -0x1p-126 (in
 * units of 2^-133: 127.5), and the x^2 term (about 2^-251) pulls f toward
 * zero: RN_bf16(f) = -0x1.fcp-127.  f32 holds x/2 exactly (f32 ulp there is
 * 2^-149), so RN_f32(f) = x/2, which ties to even: -0x1p-126 (128 units). */
Test(half, double_rounding_counted) {
    const ab_activation *a = ab_find_activation("gelu");
    cr_assert_not_null(a);
    ab_ref_ctx *c = ab_ref_ctx_new();
    double x = -0x1.fep-126;
    ab_refval r, r32;
    ab_reference_eval(c, a->reference, AB_BF16, x, &r);
    ab_reference_eval(c, a->reference, AB_F32, x, &r32);
    ab_ref_ctx_free(c);
    cr_assert_eq(r.cr, -0x1.fcp-127, "cr %a", r.cr);
    cr_assert_eq(r32.cr, -0x1.fep-127, "f32 %a", r32.cr);
    r.dr = ab_fmt_round(r32.cr, AB_BF16);
    r.has_dr = 1;
    cr_assert_eq(r.dr, -0x1p-126);
    const double ys[] = {-0x1p-126, -0x1.fcp-127, 0.0};
    const uint64_t want[] = {1, 0, 0};
    for (int k = 0; k < 3; k++) {
        ab_acc acc;
        ab_acc_init(&acc);
        ab_acc_add(&acc, 0, x, ys[k], &r, AB_BF16);
        cr_expect_eq(acc.double_rounded, want[k], "y = %a", ys[k]);
    }
}
