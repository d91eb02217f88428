/* test_binade.c: ULP errors just below and just above powers of two, in
 * both formats and at the subnormal boundary, where a reference value
 * that rounds up to 2^k used to take its ulp from the binade above (and
 * halve the error), and errors of 1 + eps with eps below the stored
 * value's resolution used to read as 1 (issue 11).
 *
 * Each case gives an input x, an output y, and the interval (lo, hi) the
 * true error lies in, derived by hand in the comment beside it.  The
 * measured error must lie in (lo, hi), agree with an independent
 * 4000-bit MPFR computation (f evaluated directly, its binade read from
 * that value), and be counted by over_1ulp exactly when it exceeds 1. */
#include <criterion/criterion.h>
#include <math.h>
#include <mpfr.h>
#include <string.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../reference/fast32.h"

typedef enum { EXP, EXPM1, LOG1P, TANH, SIGMOID, SOFTSIGN, GELU } fn_id;

static const char *const names[] = {"exp", "expm1", "log1p", "tanh", "sigmoid", "softsign", "gelu"};

/* The true error is B + side t with 0 < t < 2^w (side +1 or -1). */
typedef struct {
    fn_id fn;
    ab_precision prec;
    double x, y, B;
    int side, w;
} binade_case;

static const binade_case cases[] = {
    /* f = e^x = 1 - 2^-65 (1 - ...) just below 1: ulp 2^-24.  y - f =
     * 2^-23 + (1 - f), so the error is 2 + (1 - f) 2^24: 2 + ~2^-41. */
    {EXP, AB_F32, -0x1.fe303cp-66, 0x1.000002p+0, 2, +1, -40},
    /* f = 2^-125 / (1 + 2^-125) = 2^-125 - 2^-250 + ...: in [2^-126,
     * 2^-125), ulp 2^-149.  f - y = 2^-149 - 2^-250 + ...: 1 - 2^-101. */
    {SOFTSIGN, AB_F32, 0x1p-125, 0x1.fffffep-126, 1, -1, -100},
    /* f = e^(2^-70) = 1 + 2^-70 + 2^-141 + ...: ulp 2^-23 above 1.  f - y =
     * 2^-24 + 2^-70 + ...: 0.5 + 2^-47 + 2^-118 + ... */
    {EXP, AB_F32, 0x1p-70, 0x1.fffffep-1, 0.5 + 0x1p-47, +1, -100},
    /* f = x + x^2/2 = -2^-125 + 2^-251 + ...: |f| below 2^-125, ulp 2^-149.
     * y = -2^-125 - 2^-148: f - y = 2^-148 + 2^-251: 2 + 2^-102. */
    {EXPM1, AB_F32, -0x1p-125, -0x1.000002p-125, 2, +1, -100},
    /* f = x - x^3/3 + 2x^5/15, x = 1.5 2^-40 in [2^-40, 2^-39), ulp 2^-63.
     * y = x + 2^-63: y - f = 2^-63 + 1.125 2^-120 - ~2^-200: the error is
     * 1 + 1.125 2^-57 - ~2^-137 (1 + t, t below double's resolution). */
    {TANH, AB_F32, 0x1.8p-40, 0x1.800002p-40, 1, +1, -56},
    /* f = 2^-40 - 2^-120/3 + ...: below 2^-40, ulp 2^-64.  y = 2^-40 -
     * 2^-64: f - y = 2^-64 - 2^-120/3: 1 - 2^-56/3. */
    {TANH, AB_F32, 0x1p-40, 0x1.fffffep-41, 1, -1, -55},
    /* f = 1/2 + 2^-32 - 2^-90/48 + ... (sigmoid(x) = 1/2 + x/4 - x^3/48):
     * ulp 2^-24.  y = 1/2: 2^-8 - 2^-66/48; y = 1/2 - 2^-25: 0.5 + the same. */
    {SIGMOID, AB_F32, 0x1p-30, 0x1p-1, 0x1p-8, -1, -60},
    {SIGMOID, AB_F32, 0x1p-30, 0x1.fffffep-2, 0.5 + 0x1p-8, -1, -60},
    /* f = gelu(2^-149) = 2^-150 + 2^-298/sqrt(2 pi) + ...: just above the
     * midpoint 2^-150, ulp 2^-149.  y = 2^-149: 0.5 - tiny; y = 0: 0.5 + tiny. */
    {GELU, AB_F32, 0x1p-149, 0x1p-149, 0.5, -1, -100},
    {GELU, AB_F32, 0x1p-149, 0, 0.5, +1, -100},
    /* f = 1 - 2^-80 + 2^-161 - ...: below 1, ulp 2^-53.  y = 1 + 2^-52:
     * (2^-52 + 2^-80 - 2^-161) 2^53 = 2 + 2^-27 - 2^-108. */
    {EXP, AB_F64, -0x1p-80, 0x1.0000000000001p+0, 2 + 0x1p-27, -1, -100},
    /* f = -2^-1021 + 2^-2043 + ...: |f| in [2^-1022, 2^-1021), ulp 2^-1074.
     * y = -2^-1021 - 2^-1073: 2 + 2^-969. */
    {EXPM1, AB_F64, -0x1p-1021, -0x1.0000000000001p-1021, 2, +1, -900},
    /* f = x - x^2/2 + ..., x = 1.5 2^-600, ulp 2^-652.  y = x + 2^-652:
     * 1 + 1.125 2^-548 + ... */
    {LOG1P, AB_F64, 0x1.8p-600, 0x1.8000000000001p-600, 1, +1, -540},
    /* f = 2^-1021 - 2^-2042 + ... just below 2^-1021 (softsign): ulp
     * 2^-1074.  y = 2^-1021 - 2^-1074: f - y = 2^-1074 - 2^-2042: 1 - 2^-968. */
    {SOFTSIGN, AB_F64, 0x1p-1021, 0x1.fffffffffffffp-1022, 1, -1, -960},
};

/* f(x) at 4000 bits, by MPFR's own functions (not the reference code). */
static void direct(mpfr_t f, fn_id fn, double x) {
    mpfr_t t, u;
    mpfr_inits2(4000, t, u, (mpfr_ptr)0);
    mpfr_set_d(t, x, MPFR_RNDN);
    switch (fn) {
    case EXP: mpfr_exp(f, t, MPFR_RNDN); break;
    case EXPM1: mpfr_expm1(f, t, MPFR_RNDN); break;
    case LOG1P: mpfr_log1p(f, t, MPFR_RNDN); break;
    case TANH: mpfr_tanh(f, t, MPFR_RNDN); break;
    case SIGMOID: /* 1 / (1 + e^-x) */
        mpfr_neg(u, t, MPFR_RNDN);
        mpfr_exp(u, u, MPFR_RNDN);
        mpfr_add_ui(u, u, 1, MPFR_RNDN);
        mpfr_ui_div(f, 1, u, MPFR_RNDN);
        break;
    case SOFTSIGN: /* x / (1 + |x|) */
        mpfr_abs(u, t, MPFR_RNDN);
        mpfr_add_ui(u, u, 1, MPFR_RNDN);
        mpfr_div(f, t, u, MPFR_RNDN);
        break;
    case GELU: /* x/2 erfc(-x/sqrt 2) */
        mpfr_sqrt_ui(u, 2, MPFR_RNDN);
        mpfr_div(u, t, u, MPFR_RNDN);
        mpfr_neg(u, u, MPFR_RNDN);
        mpfr_erfc(u, u, MPFR_RNDN);
        mpfr_mul(f, t, u, MPFR_RNDN);
        mpfr_div_2ui(f, f, 1, MPFR_RNDN);
        break;
    }
    mpfr_clears(t, u, (mpfr_ptr)0);
}

/* |y - f| / ulp(f), ulp from f's own binade, at 4000 bits: checks that
 * it is B + side t, 0 < t < 2^w, and returns it as a double. */
static double independent_ulps(const binade_case *c) {
    int p = c->prec == AB_F32 ? 24 : 53;
    long emin = c->prec == AB_F32 ? -125 : -1021;
    mpfr_t f, d;
    mpfr_inits2(4000, f, d, (mpfr_ptr)0);
    direct(f, c->fn, c->x);
    long e = mpfr_get_exp(f);
    mpfr_sub_d(d, f, c->y, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    mpfr_mul_2si(d, d, -((e > emin ? e : emin) - p), MPFR_RNDN);
    double r = mpfr_get_d(d, MPFR_RNDN);
    mpfr_sub_d(d, d, c->B, MPFR_RNDN); /* t side */
    int side = mpfr_sgn(d);
    mpfr_abs(d, d, MPFR_RNDN);
    cr_expect(side == c->side && mpfr_cmp_ui_2exp(d, 1, c->w) < 0,
              "%s(%a) -> %a: the 4000-bit error is not %.17g %c t, 0 < t < 2^%d", names[c->fn],
              c->x, c->y, c->B, c->side > 0 ? '+' : '-', c->w);
    mpfr_clears(f, d, (mpfr_ptr)0);
    return r;
}

/* got: within max(2^w, tol max(1, B)) of B, on B's side of it when B is a
 * multiple of 1/4 (where the grid makes the comparison exact), and within
 * tol of the 4000-bit value (relative).  tol is what the path's stored
 * value allows: the MPFR path keeps y at the precision that decided (64
 * bits for f32, 96 for f64; a direction leaves y within one ulp of that
 * precision of f), a few 2^-40 of an ulp; the f32 paths keep v as a
 * double, a few 2^-29 of an ulp.  Comparisons with multiples of ulp/4 are
 * exact on every path (the grid). */
static void check(const binade_case *c, double got, const char *path, double tol) {
    const char *fmt = c->prec == AB_F32 ? "f32" : "f64";
    double want = independent_ulps(c);
    double room = fmax(ldexp(1, c->w), tol * fmax(1, c->B));
    int quarter = c->B * 4 == floor(c->B * 4);
    int on_side = !quarter || (c->side > 0 ? got > c->B : got < c->B);
    cr_expect(on_side && fabs(got - c->B) < room, "%s %s %s(%a) -> %a: measured %.17g, not %.17g %c t",
              path, fmt, names[c->fn], c->x, c->y, got, c->B, c->side > 0 ? '+' : '-');
    cr_expect(fabs(got - want) <= tol * want, "%s %s %s(%a): measured %.17g, 4000-bit %.17g", path,
              fmt, names[c->fn], c->x, got, want);
}

/* over_1ulp counts exactly the errors above 1. */
static int over_one(const binade_case *c) { return c->B > 1 || (c->B == 1 && c->side > 0); }

Test(binade, reference_decides_the_binade_and_over_1ulp) {
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const binade_case *c = &cases[i];
        const ab_activation *a = ab_find_activation(names[c->fn]);
        cr_assert_not_null(a);
        ab_refval r;
        ab_reference_eval(ctx, a->reference, c->prec, c->x, &r);
        cr_expect(r.grid.valid && !r.cap_hit, "%s(%a): grid place undecided", names[c->fn], c->x);
        check(c, ab_measure(c->y, &r, c->prec).ulp, "mpfr", 0x1p-34);
        ab_acc acc;
        ab_acc_init(&acc);
        ab_acc_add(&acc, 0, c->x, c->y, &r, c->prec);
        cr_expect_eq(acc.over_1ulp, over_one(c), "%s(%a) -> %a: over_1ulp %llu", names[c->fn], c->x,
                     c->y, (unsigned long long)acc.over_1ulp);
        if (c->prec == AB_F32) { /* the exhaustive path's double arithmetic */
            ab_ref32 r32;
            ab_ref32_from(&r, &r32);
            ab_acc_init(&acc);
            ab_acc_add_f32(&acc, 0, (float)c->x, (float)c->y, &r32);
            check(c, acc.max_ulp, "ref32", 0x1p-25);
            cr_expect_eq(acc.over_1ulp, over_one(c));
        }
    }
    ab_ref_ctx_free(ctx);
}

/* The fast tier places f on the grid by its own arithmetic: where it
 * decides, the error it leads to must be the same. */
Test(binade, fast_tier_agrees_where_it_decides) {
    size_t decided = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const binade_case *c = &cases[i];
        const ab_activation *a = ab_find_activation(names[c->fn]);
        if (c->prec != AB_F32 || !a->fast32) continue;
        double v, err;
        float cr;
        ab_grid g;
        int code = a->fast32(c->x, &v, &err);
        if (!ab_fast32_decide(code, v, err, &cr, &g)) continue;
        decided++;
        ab_ref32 r32;
        ab_ref32_from_value(v, cr, &g, &r32);
        ab_acc acc;
        ab_acc_init(&acc);
        ab_acc_add_f32(&acc, 0, (float)c->x, (float)c->y, &r32);
        /* a direction leaves v at the grid point beside f, within its err
         * (at most 2^-29 |v|, fast32_tier.h): a few 2^-6 of an ulp */
        check(c, acc.max_ulp, "fast", 0x1p-5 / fmin(1, c->B));
        cr_expect_eq(acc.over_1ulp, over_one(c));
    }
    cr_log_info("fast tier decided %zu of the f32 cases", decided);
}
