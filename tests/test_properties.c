/* test_properties.c: the property checks (harness/properties.c) and the
 * verdict (harness/verdict.c).  Each property has a deliberately broken
 * variant that only that property catches: its max ULP stays within its
 * declared bound and every other failure count, and every other
 * property, stays at zero.  The NaN classes use a plugin
 * (tests/plugins/nan_swallow.c), so the isolated path and the CLI, the
 * gate and recommend see it too. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../harness/verdict.h"
#include "../reference/reference.h"
#include "subprocess.h"

/* ---- broken variants ------------------------------------------------------ */
/* range: tanh returning 1 + 2^-23 (0x1.000002p+0, as a known TensorFlow
 * bug) for 9.5 < |x| < 2^100, odd.  Error at most 2.2 ulps: above 9.5,
 * 1 - tanh(x) = 2/(e^(2x) + 1) < 2^-26.4, so |y - tanh x| < 2^-23 +
 * 2^-26.4 < 2.2 ulp(v) = 2.2 * 2^-24; declared 4.  Monotone: it steps up
 * at 9.5 and down at 2^100, where no sampled pair (x, next x) lies. */
static float over_one(float x) {
    float a = fabsf(x);
    return a > 9.5f && a < 0x1p100f ? copysignf(0x1.000002p+0f, x) : tanhf(x);
}
/* monotone: sigmoid evaluated in double and rounded, minus one ulp at
 * every input with an odd last bit in [-10, 10]: a 1-ulp dip wherever
 * two neighbours round alike.  Error <= 1.5 ulps (declared 2); x and -x
 * have the same last bit, so sigmoid(x) + sigmoid(-x) is off by at most
 * 1.5 (ulp(a) + ulp(b)) <= the 2 (ulp(a) + ulp(b)) allowed. */
static float sig_double(float x) { return (float)(1.0 / (1.0 + exp(-(double)x))); }
static float dip(float x) {
    unsigned b;
    memcpy(&b, &x, 4);
    float y = sig_double(x);
    return fabsf(x) <= 10 && (b & 1) ? nextafterf(y, 0) : y;
}
/* symmetry (odd): glibc tanhf (at most 2 ulps, and monotone) on x >= 0;
 * on x < 0, -tanhf(-x) moved one ulp toward zero, except 0 and the
 * smallest subnormal (no zero flush) and -inf (the limit stays -1).
 * Error <= 3 ulps, declared 4; moving toward zero keeps the order. */
static float odd_off(float x) {
    if (!(x < 0) || isinf(x)) return tanhf(x);
    float t = tanhf(-x);
    return -(t > 0x1p-149f ? nextafterf(t, 0) : t);
}
/* symmetry (f(x) + f(-x) = 1): sigmoid correct on x >= 0 and 1/16 too
 * large on x < 0, swept on "saturation" [10, 40] only: the sampled
 * inputs and their outputs are right (0.5 ulp), the mirrors are not.
 * At x near 10, f(-x) ~ 4.5e-5 is off by 2.8e-6 >> 2 (ulp(a) + ulp(b))
 * ~ 2^-23. */
static float sum_off(float x) { return x < 0 ? sig_double(x) * 1.0625f : sig_double(x); }
/* inf_class: gaussian e^-x^2 in double, rounded (0.5 ulp + 2^-29), but
 * the smallest subnormal at +-inf: 1 ulp of 0 (within the declared 2, no
 * zero flush, no sign error, still in [0, 1] and even); only the limit
 * is wrong. */
static float inf_off(float x) {
    return isinf(x) ? 0x1p-149f : (float)exp(-(double)x * (double)x);
}

AB_BATCH_F32(over_one_b, over_one)
AB_BATCH_F32(dip_b, dip)
AB_BATCH_F32(odd_off_b, odd_off)
AB_BATCH_F32(sum_off_b, sum_off)
AB_BATCH_F32(inf_off_b, inf_off)

static const ab_variant v_over = AB_VARIANT("over-one", AB_STABLE, "scalar", 4, "t", over_one_b);
static const ab_variant v_dip = AB_VARIANT("dip", AB_STABLE, "scalar", 2, "t", dip_b);
static const ab_variant v_odd = AB_VARIANT("odd-off", AB_STABLE, "scalar", 4, "t", odd_off_b);
static const ab_variant v_sum = AB_VARIANT("sum-off", AB_STABLE, "scalar", 2, "t", sum_off_b);
static const ab_variant v_inf = AB_VARIANT("inf-off", AB_STABLE, "scalar", 2, "t", inf_off_b);

/* Sweeps one registered variant (f32) over the ranges, 4096 samples. */
static void sweep(const char *act, const ab_variant *v, char **ranges, size_t nr, int exhaustive,
                  ab_sweep_result *res) {
    cr_assert_eq(ab_register_variant(act, v), 0);
    static char *a[1], *vn[1];
    a[0] = (char *)act;
    vn[0] = (char *)v->name;
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){a, 1};
    o.variants = (ab_filter){vn, 1};
    o.ranges = (ab_filter){ranges, nr};
    o.precision = AB_F32;
    o.samples = 4096;
    o.exhaustive = exhaustive;
    ab_sweep_run(&o, res);
    cr_assert_gt(res->n, 0);
}

/* Every row: within bound, no metric failure, and only property k fires
 * (somewhere). */
static void only(const ab_sweep_result *res, ab_prop k) {
    uint64_t fired = 0;
    for (size_t i = 0; i < res->n; i++) {
        const ab_row *r = &res->rows[i];
        const char *rg = r->range;
        cr_expect(!(r->acc.max_ulp > r->var->max_ulp), "%s: max ULP %.17g above %g", rg,
                  r->acc.max_ulp, r->var->max_ulp);
        cr_expect_eq(r->acc.overflow + r->acc.nan + r->acc.sign_errors + r->acc.zero_flush, 0,
                     "%s: overflow %llu nan %llu sign %llu zero %llu", rg,
                     (unsigned long long)r->acc.overflow, (unsigned long long)r->acc.nan,
                     (unsigned long long)r->acc.sign_errors, (unsigned long long)r->acc.zero_flush);
        for (int p = 0; p < AB_PROP_COUNT; p++)
            if (p != (int)k)
                cr_expect_eq(r->props.violations[p], 0, "%s: %s fired (%llu, first %a)", rg,
                             ab_prop_name(p), (unsigned long long)r->props.violations[p],
                             r->props.first[p]);
        fired += r->props.violations[k];
    }
    cr_expect_gt(fired, 0, "%s never fired", ab_prop_name(k));
}

Test(properties, range_only) {
    ab_sweep_result res;
    char *ranges[] = {"special", "core", "saturation"};
    sweep("tanh", &v_over, ranges, 3, 0, &res);
    only(&res, AB_PROP_RANGE);
    /* The first violation of "saturation" [5, 12] is its first sampled
     * input above 9.5, and it is above 9.5. */
    const ab_row *sat = &res.rows[2];
    cr_expect_str_eq(sat->range, "saturation");
    cr_expect(sat->props.first[AB_PROP_RANGE] > 9.5, "%a", sat->props.first[AB_PROP_RANGE]);
    ab_sweep_result_free(&res);
}

Test(properties, monotone_only) {
    ab_sweep_result res;
    char *ranges[] = {"special", "core"};
    sweep("sigmoid", &v_dip, ranges, 2, 0, &res);
    only(&res, AB_PROP_MONOTONE);
    ab_sweep_result_free(&res);
}

Test(properties, odd_symmetry_only) {
    ab_sweep_result res;
    char *ranges[] = {"special", "core", "tiny"};
    sweep("tanh", &v_odd, ranges, 3, 0, &res);
    only(&res, AB_PROP_SYMMETRY);
    ab_sweep_result_free(&res);
}

Test(properties, sum_symmetry_only) {
    ab_sweep_result res;
    char *ranges[] = {"saturation"};
    sweep("sigmoid", &v_sum, ranges, 1, 0, &res);
    only(&res, AB_PROP_SYMMETRY);
    ab_sweep_result_free(&res);
}

Test(properties, inf_class_only) {
    ab_sweep_result res;
    char *ranges[] = {"special", "core", "tail"};
    sweep("gaussian", &v_inf, ranges, 3, 0, &res);
    only(&res, AB_PROP_INF_CLASS);
    const ab_row *sp = &res.rows[0];
    cr_expect_eq(sp->props.checked[AB_PROP_INF_CLASS], 2);
    cr_expect_eq(sp->props.violations[AB_PROP_INF_CLASS], 2);
    cr_expect_eq(sp->props.checked[AB_PROP_NAN_CLASS], AB_NAN_CLASSES);
    cr_expect(isinf(sp->props.first[AB_PROP_INF_CLASS]) && sp->props.first[AB_PROP_INF_CLASS] < 0);
    ab_sweep_result_free(&res);
}

/* Exhaustive: every float of "saturation" [5, 12].  Floats of [5, 8):
 * 3 * 2^21 (spacing 2^-21); of [8, 12]: 4 * 2^20 + 1 (spacing 2^-20):
 * n = 10485761 inputs, n - 1 adjacent pairs inside the range.  over-one
 * is above 1 on (9.5, 12]: 2.5 * 2^20 = 2621440 floats. */
Test(properties, exhaustive_counts) {
    ab_sweep_result res;
    char *ranges[] = {"saturation"};
    sweep("tanh", &v_over, ranges, 1, 1, &res);
    cr_assert_eq(res.n, 1);
    const ab_row *r = &res.rows[0];
    cr_expect_eq(r->acc.samples, 10485761u);
    cr_expect_eq(r->props.checked[AB_PROP_MONOTONE], 10485760u);
    cr_expect_eq(r->props.violations[AB_PROP_MONOTONE], 0);
    cr_expect_eq(r->props.checked[AB_PROP_RANGE], 10485761u);
    cr_expect_eq(r->props.violations[AB_PROP_RANGE], 2621440u);
    cr_expect_eq(r->props.first[AB_PROP_RANGE], (double)nextafterf(9.5f, 20));
    cr_expect_eq(r->props.checked[AB_PROP_SYMMETRY], 10485761u);
    cr_expect_eq(r->props.violations[AB_PROP_SYMMETRY], 0);
    ab_sweep_result_free(&res);
}

/* The counts do not depend on the thread count (first = lowest index). */
Test(properties, threads_agree) {
    ab_sweep_result a, b;
    char *ranges[] = {"special", "core", "saturation"};
    cr_assert_eq(ab_register_variant("tanh", &v_over), 0);
    static char *act[] = {"tanh"};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){act, 1};
    o.ranges = (ab_filter){ranges, 3};
    o.precision = AB_F32;
    o.samples = 4096;
    o.threads = 1;
    ab_sweep_run(&o, &a);
    o.threads = 2;
    ab_sweep_run(&o, &b);
    cr_assert_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++)
        cr_expect_eq(memcmp(&a.rows[i].props, &b.rows[i].props, sizeof a.rows[i].props), 0,
                     "%s/%s", a.rows[i].var->name, a.rows[i].range);
    ab_sweep_result_free(&a);
    ab_sweep_result_free(&b);
}

/* ---- NaN classes: a plugin, through the CLI, the gate and recommend ---------- */
Test(properties, nan_class_plugin_gate_recommend) {
    char *so = ab_plugin_path("nan_swallow.so");
    char *dir = ab_make_tmpdir(), *csv = ab_path_join(dir, "acc.csv");
    const char *args[] = {"--plugin", so, "sweep", "--activation", "relu", "--precision", "f32",
                          "--samples", "2048", "-o", csv, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    ab_results res;
    char err[512];
    cr_assert_eq(ab_results_load(csv, &res, err, sizeof err), 0, "%s", err);
    int seen = 0;
    for (size_t i = 0; i < res.n; i++) {
        const ab_result_row *r = &res.rows[i];
        if (strcmp(r->variant, "nan-swallow")) continue;
        cr_expect_eq(r->nan + r->overflow + r->sign_errors + r->zero_flush, 0, "%s", r->range);
        cr_expect(r->within_bound, "%s", r->range);
        cr_expect_eq(r->range_violations + r->monotone_violations + r->symmetry_violations +
                         r->inf_class_violations, 0, "%s", r->range);
        if (strcmp(r->range, "special")) {
            cr_expect_eq(r->nan_class_checked, 0, "%s", r->range);
            continue;
        }
        seen = 1;
        /* Classes in order: +qNaN, +qNaN:1, +qNaN:all, +sNaN:1, +sNaN:top,
         * +sNaN:all, then the same negated: the first negative one is
         * -qNaN, 0xffc00000. */
        cr_expect_eq(r->nan_class_checked, 12);
        cr_expect_eq(r->nan_class_violations, 6);
        cr_expect_str_eq(r->nan_class_first, "nan:0xffc00000");
        char why[1024];
        cr_expect_eq(ab_row_verdict(r, why, sizeof why), AB_FAILS);
        cr_expect_not_null(strstr(why, "nan_class: 6 of 12 NaN inputs give a number"), "%s", why);
    }
    cr_expect(seen);
    ab_results_free(&res);
    /* The gate fails a new row that does not hold. */
    char *base = ab_path_join(dir, "base.csv");
    const char *bl[] = {"sweep", "--activation", "relu", "--precision", "f32", "--samples", "2048",
                        "-o", base, NULL};
    p = ab_run_actbench(bl);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    const char *gate[] = {"gate", "--baseline", base, "--results", csv, NULL};
    p = ab_run_actbench(gate);
    cr_expect_eq(p.status, 1, "%s%s", p.out, p.err);
    cr_expect_not_null(strstr(p.out, "relu/nan-swallow/f32/special (new, not in the baseline): "
                                     "does not hold: nan_class: 6 of 12"), "%s", p.out);
    ab_proc_free(&p);
    /* recommend names it with the same reason, and never recommends it. */
    const char *rec[] = {"recommend", "-i", csv, "-t", "/nonexistent.csv", "-e", "/nonexistent.csv",
                         "--activation", "relu", "--precision", "f32", NULL};
    p = ab_run_actbench(rec);
    cr_expect_eq(p.status, 0, "%s", p.err);
    cr_expect_not_null(strstr(p.out, "relu f32 nan-swallow: fails: nan_class: 6 of 12 NaN inputs"),
                       "%s", p.out);
    cr_expect_null(strstr(p.out, "max-ulp 1: nan-swallow"), "%s", p.out);
    ab_proc_free(&p);
    free(base);
    free(csv);
    ab_remove_tmpdir(dir);
    free(so);
}

/* ---- pieces ---------------------------------------------------------------------- */
/* An f32 signalling NaN survives the double that carries it. */
Test(properties, nan_classes_keep_their_bits) {
    double c[AB_NAN_CLASSES];
    ab_nan_classes(AB_F32, c);
    static const unsigned want[AB_NAN_CLASSES] = {
        0x7fc00000u, 0x7fc00001u, 0x7fffffffu, 0x7f800001u, 0x7fa00000u, 0x7fbfffffu,
        0xffc00000u, 0xffc00001u, 0xffffffffu, 0xff800001u, 0xffa00000u, 0xffbfffffu};
    for (int k = 0; k < AB_NAN_CLASSES; k++) {
        float f = ab_narrow_f32(c[k]);
        unsigned b;
        memcpy(&b, &f, 4);
        cr_expect(isnan(c[k]));
        cr_expect_eq(b, want[k], "class %d: 0x%08x, expected 0x%08x", k, b, want[k]);
    }
    cr_expect_eq(ab_narrow_f32(0x1.000001p+0), 1.0f); /* a number still rounds */
}

/* Every declared range holds for the correctly rounded reference: on the
 * special set and on 2001 points of [-10, 10] (each minimum's argmin,
 * about -1.28, -1.19, -0.75, lies in it with spacing 0.01), in both
 * formats.  A wrong constant (not rounded outward) fails here. */
Test(properties, declared_ranges_hold_for_the_reference) {
    ab_ref_ctx *c = ab_ref_ctx_new();
    for (size_t i = 0; i < ab_activation_count(); i++) {
        const ab_activation *a = ab_activation_at(i);
        if (!a->props.has_range) continue;
        for (int p = AB_F32; p <= AB_F64; p++) {
            double lo = p == AB_F32 ? a->props.lo32 : a->props.lo64;
            double hi = p == AB_F32 ? a->props.hi32 : a->props.hi64, min = INFINITY;
            for (int k = -1000; k <= 1000; k++) {
                double x = p == AB_F32 ? (double)(float)(k / 100.0) : k / 100.0;
                ab_refval r;
                ab_reference_eval(c, a->reference, (ab_precision)p, x, &r);
                if (isnan(r.cr)) continue;
                cr_expect(r.cr >= lo && r.cr <= hi, "%s %s: f(%a) = %a outside [%a, %a]", a->name,
                          p ? "f64" : "f32", x, r.cr, lo, hi);
                if (r.cr < min) min = r.cr;
            }
            /* The minima are tight: within 2^-6 relative of the lowest
             * sampled value (the grid misses the argmin by <= 0.005, where
             * f - min ~ f''/2 0.005^2 < 2^-12). */
            if (isfinite(lo) && lo < 0 && lo != -1)
                cr_expect(min - lo < 0x1p-6 * -lo, "%s: declared min %a, sampled %a", a->name, lo, min);
        }
    }
    ab_ref_ctx_free(c);
}

/* Reasons name counts, ranges and the first input; naive variants fail
 * as declared. */
Test(verdict, reasons) {
    ab_result_row r;
    memset(&r, 0, sizeof r);
    r.activation = "tanh";
    r.variant = "v";
    r.strategy = "stable";
    r.precision = "f32";
    r.range = "special";
    r.status = "ok";
    r.samples = 19;
    r.nan = 2;
    r.max_ulp = 1;
    r.declared_max_ulp = 4;
    r.within_bound = 1;
    r.properties = "range [-1, 1]; nondecreasing; odd";
    r.expected_failure = "";
    r.range_checked = 19;
    r.range_violations = 3;
    r.range_first = "0x1.0f5c28p+3";
    r.monotone_first = r.symmetry_first = r.nan_class_first = r.inf_class_first = "";
    char why[1024];
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_FAILS);
    cr_expect_str_eq(why, "nan on 2 of 19 inputs (special); range: 3 of 19 outputs outside "
                          "[-1, 1], first at x = 0x1.0f5c28p+3");
    r.strategy = "naive";
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_FAILS_AS_DECLARED);
    cr_expect_not_null(strstr(why, "(declared: " AB_NAIVE_REASON ")"), "%s", why);
    r.strategy = "stable";
    r.expected_failure = "nan: a reason";
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_FAILS); /* range is not declared */
    r.expected_failure = "nan,range: a reason";
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_FAILS_AS_DECLARED);
    r.nan = 0;
    r.range_violations = 0;
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_HOLDS);
    cr_expect_str_eq(why, "");
    r.status = "crashed (SEGV)";
    cr_expect_eq(ab_row_verdict(&r, why, sizeof why), AB_FAILS); /* never expected */
}

/* ab_ulp_of (exponent bits) against its definition by frexp and ldexp, in
 * the four formats: zeros, every binade's first, middle and last double
 * (the subnormal ones included), and 10^5 seeded random bit patterns. */
static double ulp_by_frexp(double y, ab_precision p) {
    int e = 0;
    if (y != 0) frexp(y, &e);
    long emin = ab_fmt(p)->emin;
    return ldexp(1.0, (int)((y != 0 && e > emin ? e : emin) - ab_fmt(p)->p));
}

Test(properties, ulp_of_matches_its_definition) {
    const ab_precision ps[] = {AB_F32, AB_F64, AB_BF16, AB_F16};
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
        const ab_fmt_info *F = ab_fmt(ps[k]);
        size_t checked = 0;
        for (long i = -2; i < 2 * 2046 + 100000; i++) {
            double y;
            if (i < 0) y = i == -2 ? 0.0 : -0.0;
            else if (i < 2 * 2046) { /* binade b = i / 2 (0: subnormals) */
                uint64_t b = (uint64_t)(i / 2) << 52, m = i % 2 ? 0xfffffffffffffu : 0x8000000000000u;
                if (i / 2 == 0 && i % 2 == 0) m = 1;
                y = 0;
                uint64_t bits = b | m;
                memcpy(&y, &bits, 8);
            } else {
                s = s * 6364136223846793005u + 1442695040888963407u;
                uint64_t bits = s;
                memcpy(&y, &bits, 8);
                if (!isfinite(y)) continue;
            }
            for (int sg = 0; sg < 2; sg++, y = -y) {
                cr_assert_eq(ab_ulp_of(y, F), ulp_by_frexp(y, ps[k]), "%s %a", F->name, y);
                checked++;
            }
        }
        cr_assert_gt(checked, 200000);
    }
}
