/* test_exhaustive.c: the exhaustive f32 path (harness/exhaustive.c) on a
 * slice small enough for MPFR: every float of [0.5, 0.5078125) (2^17
 * inputs) for every tanh f32 variant, three ways:
 *   - exhaustive with the fast tier,
 *   - exhaustive with MPFR only (--reference mpfr),
 *   - the ordinary sampled engine, which takes every value of a range no
 *     larger than --samples (pure MPFR, long double metrics).
 * (and the same for [-0.5078125, -0.5], where outputs are negative).
 * The correctly rounded values decide every count, so those agree exactly.
 * The ULP errors are measured against reference values that differ: the
 * fast tier's v is within its bound (at most 32 u |v| here, u = 2^-53),
 * the MPFR value rounded to a double within u |v|: 33 u |v| < 2^-24 ulp
 * of an f32 result, the tolerance below. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include "../harness/csv_io.h"
#include "../harness/registry.h"
#include "../harness/sweep.h"
#include "../harness/verdict.h"
#include "subprocess.h"

/* A positive slice and a negative one (negative outputs: signs). */
static const ab_range slice[] = {{"slice", 0.5, 0x1.03fffep-1, 0.5, 0.5},
                                 {"negslice", -0x1.03fffep-1, -0.5, -0.5, -0.5}};

static void register_slice(void) {
    static ab_activation t;
    t = *ab_find_activation("tanh");
    t.name = "tanh_slice";
    t.ranges = slice;
    t.n_ranges = 2;
    cr_assert_eq(ab_register_activation(&t), 0);
}

static void run_threads(int exhaustive, int mpfr, int threads, ab_sweep_result *res) {
    static char *acts[] = {"tanh_slice"}, *ranges[] = {"slice", "negslice"};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){acts, 1};
    o.ranges = (ab_filter){ranges, 2};
    o.precision = AB_F32;
    o.samples = 1 << 18;
    o.exhaustive = exhaustive;
    o.reference_mpfr = mpfr;
    o.threads = threads;
    ab_sweep_run(&o, res);
}

static void run(int exhaustive, int mpfr, ab_sweep_result *res) { run_threads(exhaustive, mpfr, 2, res); }

static void same_counts(const ab_row *a, const ab_row *b, const char *what) {
    const ab_acc *x = &a->acc, *y = &b->acc;
    const char *v = a->var->name;
    cr_expect_eq(x->samples, y->samples, "%s %s samples", what, v);
    cr_expect_eq(x->correctly_rounded, y->correctly_rounded, "%s %s correctly_rounded", what, v);
    cr_expect_eq(x->over_1ulp, y->over_1ulp, "%s %s over_1ulp", what, v);
    cr_expect_eq(x->overflow, y->overflow, "%s %s overflow", what, v);
    cr_expect_eq(x->nan, y->nan, "%s %s nan", what, v);
    cr_expect_eq(x->sign_errors, y->sign_errors, "%s %s sign_errors", what, v);
    cr_expect_eq(x->zero_flush, y->zero_flush, "%s %s zero_flush", what, v);
    cr_expect_eq(memcmp(x->hist, y->hist, sizeof x->hist), 0, "%s %s histogram", what, v);
    cr_expect(fabs(x->max_ulp - y->max_ulp) <= 0x1p-24, "%s %s max_ulp %.17g vs %.17g",
              what, v, x->max_ulp, y->max_ulp);
    cr_expect(fabs(ab_acc_mean_ulp(x) - ab_acc_mean_ulp(y)) <= 0x1p-24, "%s %s mean", what, v);
    cr_expect_eq(x->worst_input, y->worst_input, "%s %s worst input %a vs %a", what, v,
                 x->worst_input, y->worst_input);
}

Test(exhaustive, slice_matches_the_mpfr_paths, .timeout = 120) {
    register_slice();
    ab_sweep_result fast, mpfr, sampled;
    run(1, 0, &fast);
    run(1, 1, &mpfr);
    run(0, 0, &sampled);
    cr_assert_gt(fast.n, 0);
    cr_assert_eq(fast.n, mpfr.n);
    cr_assert_eq(fast.n, sampled.n);
    for (size_t i = 0; i < fast.n; i++) {
        const ab_row *f = &fast.rows[i], *m = &mpfr.rows[i], *s = &sampled.rows[i];
        cr_assert(f->var == m->var && f->var == s->var, "row %zu: variants differ", i);
        cr_expect_eq(f->acc.samples, 1 << 17, "%s: %llu inputs", f->var->name,
                     (unsigned long long)f->acc.samples);
        cr_expect(f->exhaustive && s->exhaustive);
        cr_expect_eq(f->output_hash, m->output_hash, "%s: outputs differ", f->var->name);
        cr_expect_eq(f->ref_fallbacks, 0, "the fast tier declined %llu of 2^17 tanh inputs",
                     (unsigned long long)f->ref_fallbacks);
        /* no row-operation fields on an elementwise row */
        cr_expect(f->worst_row[0] == 0 && f->neg_inf_row_policy == NULL && isnan(f->row_sum_error));
        same_counts(f, m, "fast vs mpfr");
        same_counts(f, s, "exhaustive vs sampled");
    }
    ab_sweep_result_free(&fast);
    ab_sweep_result_free(&mpfr);
    ab_sweep_result_free(&sampled);
}

/* One thread or three: the same rows, bit for bit (blocks are merged in
 * input order whatever thread ran them). */
Test(exhaustive, same_result_for_any_thread_count, .timeout = 120) {
    register_slice();
    ab_sweep_result a, b;
    run_threads(1, 0, 1, &a);
    run_threads(1, 0, 3, &b);
    cr_assert_eq(a.n, b.n);
    cr_assert_gt(a.n, 0);
    for (size_t i = 0; i < a.n; i++) {
        cr_expect_eq(a.rows[i].output_hash, b.rows[i].output_hash);
        cr_expect_eq(memcmp(&a.rows[i].acc, &b.rows[i].acc, sizeof a.rows[i].acc), 0,
                     "%s: accumulators differ", a.rows[i].var->name);
    }
    ab_sweep_result_free(&a);
    ab_sweep_result_free(&b);
}

/* Every NaN bit pattern, both signs: 2 (2^23 - 1) inputs, and relu's
 * stable variant propagates every one (a NaN payload may change, a NaN
 * must stay a NaN). */
Test(exhaustive, every_nan_pattern, .timeout = 120) {
    static char *acts[] = {"relu"}, *ranges[] = {"nan"}, *vars[] = {"stable"};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){acts, 1};
    o.ranges = (ab_filter){ranges, 1};
    o.variants = (ab_filter){vars, 1};
    o.precision = AB_F32;
    o.exhaustive = 1;
    ab_sweep_result r;
    ab_sweep_run(&o, &r);
    cr_assert_eq(r.n, 1);
    cr_expect_str_eq(r.rows[0].range, "nan");
    cr_expect_eq(r.rows[0].acc.samples, 2 * ((1u << 23) - 1));
    cr_expect_eq(r.rows[0].acc.nan, 0);
    cr_expect_eq(r.rows[0].acc.correctly_rounded, r.rows[0].acc.samples);
    ab_sweep_result_free(&r);
}

/* results/exhaustive.csv (committed, every f32 input) must keep saying
 * what the code does: every row names a registered variant (peers that
 * this build lacks excepted), was within its bound when swept, and its
 * max ULP is still within the variant's CURRENT declared bound (a bound
 * lowered below the proven maximum fails here).  Where the CPU can run
 * the variant, it is called again at the row's worst input and must give
 * the row's worst output bit for bit: a kernel changed since its sweep
 * fails (the row is then stale; re-run `make exhaustive` for it). */
static int same_f32(double a, double b) {
    float fa = (float)a, fb = (float)b;
    if (isnan(fa) || isnan(fb)) return isnan(fa) && isnan(fb);
    return memcmp(&fa, &fb, sizeof fa) == 0;
}

/* The failure counts of a row, by class. */
static const struct { const char *name; unsigned bit; } fail_col[] = {
    {"overflow", AB_FAIL_OVERFLOW}, {"nan", AB_FAIL_NAN}, {"sign_errors", AB_FAIL_SIGN},
    {"zero_flush", AB_FAIL_ZERO}, {"range_violations", AB_FAIL_RANGE},
    {"monotone_violations", AB_FAIL_MONOTONE}, {"symmetry_violations", AB_FAIL_SYMMETRY},
    {"nan_class_violations", AB_FAIL_NAN_CLASS}, {"inf_class_violations", AB_FAIL_INF_CLASS},
};

static void committed_rows_hold(const char *file) {
    ab_csv_table t;
    char err[512];
    cr_assert_eq(ab_csv_read(file, &t, err, sizeof err), 0, "%s", err);
    int ca = ab_csv_column(&t, "activation"), cv = ab_csv_column(&t, "variant"),
        cs = ab_csv_column(&t, "strategy"), cp = ab_csv_column(&t, "precision"),
        cr = ab_csv_column(&t, "range"), cm = ab_csv_column(&t, "max_ulp"),
        cwi = ab_csv_column(&t, "worst_input"), cwo = ab_csv_column(&t, "worst_output"),
        cwb = ab_csv_column(&t, "within_bound"), cx = ab_csv_column(&t, "exhaustive");
    cr_assert(ca >= 0 && cv >= 0 && cs >= 0 && cp >= 0 && cr >= 0 && cm >= 0 && cwi >= 0 && cwo >= 0 &&
              cwb >= 0 && cx >= 0);
    int fc[sizeof fail_col / sizeof *fail_col];
    for (size_t k = 0; k < sizeof fail_col / sizeof *fail_col; k++) {
        fc[k] = ab_csv_column(&t, fail_col[k].name);
        cr_assert(fc[k] >= 0, "no column %s", fail_col[k].name);
    }
    size_t checked = 0, called = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        char **c = t.cells[r];
        const char *where = c[cv];
        cr_expect_str_eq(c[cp], "f32", "line %zu", t.line[r]);
        if (strcmp(c[cr], "special")) cr_expect_str_eq(c[cx], "1", "line %zu: not exhaustive", t.line[r]);
        const ab_activation *a = ab_find_activation(c[ca]);
        const ab_variant *v = a ? ab_find_variant(a, c[cv], AB_F32) : NULL;
        if (!v) {
            cr_expect_str_eq(c[cs], "library", "line %zu: %s %s is not registered", t.line[r], c[ca], where);
            continue;
        }
        checked++;
        /* every failure an every-input row counts is one the variant
         * declares now (a kernel fixed after its sweep has new rows) */
        unsigned seen = 0;
        for (size_t k = 0; k < sizeof fail_col / sizeof *fail_col; k++)
            if (fc[k] >= 0 && strtoull(c[fc[k]], NULL, 10)) seen |= fail_col[k].bit;
        cr_expect(!(seen & ~ab_variant_expected(v)), "line %zu: %s %s %s: undeclared failures (0x%x)",
                  t.line[r], c[ca], where, c[cr], seen & ~ab_variant_expected(v));
        double m = strtod(c[cm], NULL);
        int bound_expected = (v->expect & AB_FAIL_BOUND) != 0;
        if (!bound_expected) {
            cr_expect_str_eq(c[cwb], "1", "line %zu: %s %s %s was over its bound", t.line[r], c[ca], where, c[cr]);
            cr_expect(m <= v->max_ulp, "line %zu: %s %s %s: %.17g ULP on every input, declared %.17g now",
                      t.line[r], c[ca], where, c[cr], m, v->max_ulp);
        }
        if (!c[cwi][0] || !ab_variant_available(v) || ab_variant_isolated(v) || v->outputs > 1) continue;
        double x = strtod(c[cwi], NULL), want = strtod(c[cwo], NULL), y;
        ab_run_variant(v, &x, &y, 1);
        called++;
        cr_expect(same_f32(y, want), "line %zu: %s %s at %a gives %a, the committed row says %a",
                  t.line[r], c[ca], where, x, y, want);
    }
    cr_expect_gt(checked, 0);
    cr_log_info("%s: %zu committed rows checked, %zu worst inputs re-evaluated", file, checked, called);
    ab_csv_table_free(&t);
}

Test(exhaustive, committed_rows_still_hold, .timeout = 120) { committed_rows_hold("results/exhaustive.csv"); }

/* A plugin variant runs in child processes, 32 pieces (and their mirrors)
 * per child; 33 pieces per range cut the children at 32 + 1.
 *   - runfaults.so's "fine" is the stable sigmoid's formula: its rows must
 *     equal the in-process "stable" rows in every count and hash;
 *   - my_sigmoid.so's "via-tanh", 0.5 + 0.5 tanhf(x/2), declared 4 ulps:
 *     glibc's tanhf is odd bit for bit, so f(x) + f(-x) - 1 is two
 *     roundings of 0.5 +- 0.5t, within 1 ulp of each: every input's
 *     symmetry check runs (the mirrors came back) and none fails (a mirror
 *     mixed up with its piece would give 2 f(x) - 1, far from 0);
 *   - "crasher" dies in every child: each of its pieces is retried alone,
 *     and its rows say how it failed, with no samples. */
Test(exhaustive, plugin_variant_in_children, .timeout = 120) {
    char *dir = ab_make_tmpdir(), *out = ab_path_join(dir, "x.csv"),
         *so = ab_plugin_path("runfaults.so"), *so2 = ab_plugin_path("my_sigmoid.so");
    const char *args[] = {"--plugin", so, "--plugin", so2, "sweep", "--exhaustive",
                          "--activation", "sigmoid", "--variant", "fine,stable,crasher,via-tanh",
                          "--range",
                          "0x1p0:0x1.4p0,-0x1.4p0:-0x1p0", "-o", out, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_csv_table t;
    char err[256];
    cr_assert_eq(ab_csv_read(out, &t, err, sizeof err), 0, "%s", err);
    const char *same[] = {"samples", "max_ulp", "worst_input", "correctly_rounded", "over_1ulp",
                          "output_hash", "monotone_checked", "monotone_violations",
                          "symmetry_checked", "symmetry_violations", "range_violations"};
    int cv = ab_csv_column(&t, "variant"), cr = ab_csv_column(&t, "range"),
        cs = ab_csv_column(&t, "status"), csym = ab_csv_column(&t, "symmetry_checked"),
        cviol = ab_csv_column(&t, "symmetry_violations"), cn = ab_csv_column(&t, "samples");
    size_t fine = 0, crashed = 0, tanh_rows = 0;
    for (size_t i = 1; i < t.nrows; i++) {
        const char *v = t.cells[i][cv];
        if (!strcmp(v, "crasher")) {
            crashed += strstr(t.cells[i][cs], "crashed") != NULL;
            cr_expect_str_eq(t.cells[i][cn], "0", "%s", t.cells[i][cr]);
            continue;
        }
        if (!strcmp(v, "via-tanh")) {
            tanh_rows++;
            cr_expect_eq(strtoull(t.cells[i][csym], NULL, 10), (1u << 21) + 1, "%s", t.cells[i][cr]);
            cr_expect_str_eq(t.cells[i][cviol], "0", "%s", t.cells[i][cr]);
            continue;
        }
        if (strcmp(v, "fine")) continue;
        fine++;
        cr_expect_eq(strtoull(t.cells[i][csym], NULL, 10), (1u << 21) + 1, "%s", t.cells[i][cr]);
        size_t k = 1;
        while (k < t.nrows && (strcmp(t.cells[k][cv], "stable") || strcmp(t.cells[k][cr], t.cells[i][cr])))
            k++;
        cr_assert_lt(k, t.nrows, "no stable row for %s", t.cells[i][cr]);
        for (size_t c = 0; c < sizeof same / sizeof *same; c++) {
            int col = ab_csv_column(&t, same[c]);
            cr_expect_str_eq(t.cells[i][col], t.cells[k][col], "%s %s", t.cells[i][cr], same[c]);
        }
    }
    cr_expect_eq(fine, 2);
    cr_expect_eq(crashed, 2);
    cr_expect_eq(tanh_rows, 2);
    ab_csv_table_free(&t);
    ab_proc_free(&p);
    free(so);
    free(so2);
    free(out);
    ab_remove_tmpdir(dir);
}

/* Every NaN pattern reaches a child-process variant with its exact bits:
 * runfaults.so's "echo" (a memcpy) gives, on the "nan" range, the output
 * hash of identity's in-process "naive" (return x): the same pieces, so
 * the same hash exactly when every output has the input's bits (a round
 * trip through double would quiet the 2^23 - 2 signalling patterns). */
Test(exhaustive, plugin_variant_sees_nan_bits, .timeout = 120) {
    char *dir = ab_make_tmpdir(), *out = ab_path_join(dir, "x.csv"),
         *so = ab_plugin_path("runfaults.so");
    const char *args[] = {"--plugin", so, "sweep", "--exhaustive", "--activation", "sigmoid,identity",
                          "--variant", "echo,naive", "--range", "nan", "-o", out, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_csv_table t;
    char err[256];
    cr_assert_eq(ab_csv_read(out, &t, err, sizeof err), 0, "%s", err);
    int ca = ab_csv_column(&t, "activation"), cv = ab_csv_column(&t, "variant"),
        ch = ab_csv_column(&t, "output_hash"), cn = ab_csv_column(&t, "samples");
    const char *echo = NULL, *id = NULL;
    for (size_t i = 1; i < t.nrows; i++) {
        if (!strcmp(t.cells[i][ca], "sigmoid") && !strcmp(t.cells[i][cv], "echo")) echo = t.cells[i][ch];
        if (!strcmp(t.cells[i][ca], "identity") && !strcmp(t.cells[i][cv], "naive")) {
            id = t.cells[i][ch];
            cr_expect_eq(strtoull(t.cells[i][cn], NULL, 10), 2 * ((1u << 23) - 1));
        }
    }
    cr_assert(echo && id, "rows missing");
    cr_expect_str_eq(echo, id);
    ab_csv_table_free(&t);
    ab_proc_free(&p);
    free(so);
    free(out);
    ab_remove_tmpdir(dir);
}
