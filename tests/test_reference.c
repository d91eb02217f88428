/* test_reference.c: the MPFR references are correctly rounded.
 *
 * For every registered activation and both formats, seeded inputs
 * (uniform bit patterns over all finite values, values in the core and
 * branch regions, each declared threshold +-64 ulps, the special set) are
 * evaluated by ab_reference_eval (Ziv loop, exponent-range emulation) and
 * by an independent formula at 4x the precision rounded by MPFR's own
 * mpfr_get_flt/mpfr_get_d.  The two must agree bit for bit.
 *
 * `make test` draws 10^4 inputs per activation and format (suite
 * reference); the certification run, `make check`, draws 10^5 (suite
 * check_reference, the same code; the first 10^4 inputs are the same). */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "../harness/inputs.h"
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../reference/reference.h"
#include "independent.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(reference, .timeout = 120);
/* make check: the certification run (10^5 inputs per case). */
TestSuite(check_reference, .timeout = 1200);

#define N_QUICK 10000     /* make test */
#define N_CERTIFY 100000  /* make check */

static double draw(uint64_t *s, ab_precision p, const ab_activation *a, size_t i) {
    uint64_t r = ab_mix64((*s)++);
    int f32 = p == AB_F32;
    double max = f32 ? FLT_MAX : DBL_MAX;
    switch (i % 5) {
    case 0: case 1: { /* any finite value, by bit pattern */
        int64_t lo = ab_ordinal(-max, p), hi = ab_ordinal(max, p);
        /* unsigned: hi - lo + 1 exceeds INT64_MAX in f64 */
        return ab_from_ordinal((int64_t)((uint64_t)lo + r % ((uint64_t)hi - (uint64_t)lo + 1)), p);
    }
    case 2: { /* values in [-10, 10] */
        double v = ((double)(r >> 11) * 0x1p-53) * 20 - 10;
        return f32 ? (float)v : v;
    }
    case 3: { /* up to the overflow/underflow regions of exp */
        double span = f32 ? 120 : 800;
        double v = ((double)(r >> 11) * 0x1p-53) * 2 * span - span;
        return f32 ? (float)v : v;
    }
    default: { /* near a declared threshold */
        const double *th = f32 ? a->thresholds32 : a->thresholds64;
        size_t nth = f32 ? a->n_thresholds32 : a->n_thresholds64;
        if (nth == 0) return f32 ? (float)((double)(int64_t)r * 0x1p-60) : (double)(int64_t)r * 0x1p-60;
        double t = th[(r >> 8) % nth];
        int64_t o = ab_ordinal(f32 ? (float)t : t, p) + (int64_t)(r % 129) - 64;
        return ab_from_ordinal(o, p);
    }
    }
}

static void check_activation(const ab_activation *a, ab_precision p, size_t n_check) {
    ab_independent_fn indep = ab_find_independent(a->name);
    cr_assert_not_null(indep, "activation %s has no independent formula in tests/", a->name);
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    int bits = ab_format_bits(p) * 4;
    mpfr_t x, y;
    mpfr_init2(x, 53);
    mpfr_init2(y, bits);
    double special[AB_SPECIAL_MAX];
    size_t nspecial = ab_special_inputs(a, p, special);
    uint64_t state = ab_hash_string(a->name) + p;
    size_t mismatches = 0, caps = 0;
    for (size_t i = 0; i < n_check + nspecial; i++) {
        double xv = i < nspecial ? special[i] : draw(&state, p, a, i);
        ab_refval r;
        ab_reference_eval(ctx, a->reference, p, xv, &r);
        caps += r.cap_hit;
        mpfr_set_d(x, xv, MPFR_RNDN);
        indep(y, x);
        double want = p == AB_F32 ? (double)mpfr_get_flt(y, MPFR_RNDN) : mpfr_get_d(y, MPFR_RNDN);
        if (!ab_same_result(r.cr, want, p)) {
            if (mismatches++ < 5)
                cr_log_error("%s %s x=%a: reference %a, independent %a", a->name,
                             ab_precision_name(p), xv, r.cr, want);
        }
    }
    mpfr_clears(x, y, (mpfr_ptr)0);
    ab_ref_ctx_free(ctx);
    cr_expect_eq(caps, 0, "%s %s: %zu evaluations hit the precision cap", a->name,
                 ab_precision_name(p), caps);
    cr_assert_eq(mismatches, 0, "%s %s: %zu of %zu inputs disagree with the 4x evaluation",
                 a->name, ab_precision_name(p), mismatches, n_check + nspecial);
}

static void check_all(ab_precision p, size_t n_check) {
    size_t i = 0;
    for (; i < ab_activation_count(); i++) check_activation(ab_activation_at(i), p, n_check);
    cr_assert_gt(i, 0, "no activation is registered");
}

Test(reference, correctly_rounded_f32) { check_all(AB_F32, N_QUICK); }
Test(reference, correctly_rounded_f64) { check_all(AB_F64, N_QUICK); }
Test(check_reference, correctly_rounded_f32) { check_all(AB_F32, N_CERTIFY); }
Test(check_reference, correctly_rounded_f64) { check_all(AB_F64, N_CERTIFY); }

/* The IEEE rounding emulation on hand-worked cases (round to nearest,
 * ties to even, gradual underflow, overflow past FLT_MAX + half an ulp). */
static double rnd(const char *hex, int prec_bits, ab_precision p) {
    mpfr_t v;
    mpfr_init2(v, prec_bits);
    mpfr_set_str(v, hex, 0, MPFR_RNDN);
    double r = ab_round_to_format(v, 0, p);
    mpfr_clear(v);
    return r;
}

Test(reference, ieee_rounding_emulation) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    /* 2^-150 is half the smallest f32 subnormal: a tie, to even (0). */
    cr_expect_eq(rnd("0x1p-150", 200, AB_F32), 0.0);
    cr_expect(signbit(rnd("-0x1p-150", 200, AB_F32)));
    cr_expect_eq(rnd("0x1.000000000000000001p-150", 200, AB_F32), 0x1p-149);
    /* 3 * 2^-150 = 1.5 * 2^-149: tie between 2^-149 (odd) and 2^-148. */
    cr_expect_eq(rnd("0x3p-150", 200, AB_F32), 0x1p-148);
    /* 5 * 2^-151 = 1.25 * 2^-149 rounds down. */
    cr_expect_eq(rnd("0x5p-151", 200, AB_F32), 0x1p-149);
    /* A subnormal with 23 significant bits: 2^-126 - 2^-149 exactly. */
    cr_expect_eq(rnd("0x0.fffffep-126", 200, AB_F32), (double)0x1.fffffcp-127f);
    /* Double rounding trap: 2^-149 * (1.5 - 2^-80) must not round to the
     * tie and then to even (2^-148). */
    cr_expect_eq(rnd("0x1.7fffffffffffffffffffp-149", 200, AB_F32), 0x1p-149);
    /* FLT_MAX + half an ulp is a tie between FLT_MAX (odd) and 2^128: inf. */
    cr_expect(isinf(rnd("0x1.ffffffp+127", 200, AB_F32)));
    cr_expect_eq(rnd("0x1.fffffefffffffp+127", 200, AB_F32), FLT_MAX);
    /* f64 subnormals and overflow. */
    cr_expect_eq(rnd("0x1p-1075", 200, AB_F64), 0.0);
    cr_expect_eq(rnd("0x3p-1075", 200, AB_F64), 0x1p-1073);
    cr_expect_eq(rnd("0x1.0000000000000000001p-1075", 200, AB_F64), 0x1p-1074);
    cr_expect(isinf(rnd("0x1.fffffffffffff8p+1023", 200, AB_F64)));
    cr_expect_eq(rnd("0x1.fffffffffffff7ffp+1023", 200, AB_F64), DBL_MAX);
    /* Far outside the double range but inside MPFR's. */
    cr_expect_eq(rnd("0x1p-100000", 200, AB_F64), 0.0);
    cr_expect(isinf(rnd("0x1p+100000", 200, AB_F64)));
}

/* Exact results are recognised, not left to the precision cap. */
Test(reference, exact_values_terminate) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    ab_refval r;
    const ab_activation *sig = ab_find_activation("sigmoid");
    cr_assert_not_null(sig);
    ab_reference_eval(ctx, sig->reference, AB_F64, 0.0, &r);
    cr_expect_eq(r.cr, 0.5);
    cr_expect_eq(r.cap_hit, 0);
    cr_expect_eq(r.bits, 96);
    const ab_activation *th = ab_find_activation("tanh");
    ab_reference_eval(ctx, th->reference, AB_F32, -0.0, &r);
    cr_expect(r.cr == 0 && signbit(r.cr), "tanh(-0) = -0");
    ab_reference_eval(ctx, th->reference, AB_F32, INFINITY, &r);
    cr_expect_eq(r.cr, 1.0);
    ab_reference_eval(ctx, th->reference, AB_F64, NAN, &r);
    cr_expect(isnan(r.cr));
    ab_ref_ctx_free(ctx);
}
