/* test_eval.c: actbench eval as a user runs it (tests/subprocess.h), and
 * the report's replay commands.
 *
 * Expected values come from hand analysis written beside each case (exact
 * inputs of relu and exp, the overflow of a naive softplus, the zero flush
 * of a naive expm1), or from an independent run of the sweep: a row the
 * sweep names as worst must replay to the same element and the same ULP
 * error, which holds only if eval regenerates the row bit for bit and
 * measures it with the sweep's metric. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/csv_schema.h"
#include "subprocess.h"

static char *tmp;
static void setup(void) { tmp = ab_make_tmpdir(); }
static void teardown(void) { ab_remove_tmpdir(tmp); }

/* Each test takes seconds; 120 s only trips on a hang. */
TestSuite(eval, .init = setup, .fini = teardown, .timeout = 120);

/* One data line of eval's output, split on blanks: elementwise lines are
 * input, variant, output, decimal, reference, ulp, classes; row lines
 * start with the element index.  The classes (or status, which may hold
 * a blank) are the rest of the line. */
typedef struct {
    char f[8][64];
    char rest[160];
} line;

/* The data line whose fields key0 (at k0) and key1 (at k1) match, or 0. */
static int find_line(const char *out, int k0, const char *key0, int k1, const char *key1,
                     int nfields, line *L) {
    for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (*p == '#' || !strncmp(p, "note:", 5)) continue;
        const char *q = p;
        int k = 0;
        for (; k < nfields; k++) {
            while (*q == ' ') q++;
            size_t n = strcspn(q, " \n");
            if (n == 0 || n >= sizeof L->f[k]) break;
            memcpy(L->f[k], q, n);
            L->f[k][n] = 0;
            q += n;
        }
        if (k < nfields || strcmp(L->f[k0], key0) || strcmp(L->f[k1], key1)) continue;
        while (*q == ' ') q++;
        size_t n = strcspn(q, "\n");
        snprintf(L->rest, sizeof L->rest, "%.*s", (int)n, q);
        return 1;
    }
    return 0;
}

static ab_proc eval_ok(const char *const *args) {
    ab_proc r = ab_run_actbench(args);
    cr_assert_eq(r.status, 0, "eval: exit %d: %s", r.status, r.err);
    cr_expect_eq(strlen(r.err), 0, "eval: stderr: %s", r.err);
    return r;
}

/* An elementwise line: out, ref, ulp (strings) and classes. */
static void expect_point(const char *out, const char *x, const char *var, const char *y,
                         const char *ref, double ulp, const char *classes) {
    line L;
    cr_assert(find_line(out, 0, x, 1, var, 6, &L), "no line for %s %s in:\n%s", x, var, out);
    cr_expect_str_eq(L.f[2], y, "%s at %s: output", var, x);
    cr_expect_str_eq(L.f[4], ref, "%s at %s: reference", var, x);
    cr_expect_eq(strtod(L.f[5], NULL), ulp, "%s at %s: ulp %s, want %.17g", var, x, L.f[5], ulp);
    cr_expect_str_eq(L.rest, classes, "%s at %s: classes", var, x);
}

/* relu(x) = max(x, 0) is exact at every input: -2.5 -> +0, 0.1875 ->
 * 0.1875, and -0 -> +0 (the README's convention: +0 where the function
 * saturates at zero).  The naive np.where(x < 0, 0, x) returns x itself at
 * -0 (-0 < 0 is false): -0, a sign error of 0 ULP (|-0 - 0| = 0). */
Test(eval, relu_at_exact_points) {
    const char *args[] = {"eval", "--activation", "relu", "--variant", "naive,stable",
                          "--precision", "f32", "-2.5", "0x1.8p-3", "-0", NULL};
    ab_proc r = eval_ok(args);
    expect_point(r.out, "-0x1.4p+1", "naive", "0x0p+0", "0x0p+0", 0, "cr");
    expect_point(r.out, "0x1.8p-3", "naive", "0x1.8p-3", "0x1.8p-3", 0, "cr");
    expect_point(r.out, "0x1.8p-3", "stable", "0x1.8p-3", "0x1.8p-3", 0, "cr");
    expect_point(r.out, "-0x0p+0", "naive", "-0x0p+0", "0x0p+0", 0, "not_cr,sign");
    expect_point(r.out, "-0x0p+0", "stable", "0x0p+0", "0x0p+0", 0, "cr");
    cr_expect_null(strstr(r.out, "note:"), "exact inputs need no rounding note");
    /* Deterministic: the same bytes again. */
    ab_proc r2 = eval_ok(args);
    cr_expect_str_eq(r.out, r2.out);
    ab_proc_free(&r);
    ab_proc_free(&r2);
}

/* exp(0) = 1 exactly, in both formats; C Annex F requires libm's exp(+-0)
 * to return 1, so the libm variant is correctly rounded there. */
Test(eval, exp_of_zero_is_one) {
    const char *args[] = {"eval", "--activation", "exp", "0", NULL};
    ab_proc r = eval_ok(args);
    expect_point(r.out, "0x0p+0", "libm", "0x1p+0", "0x1p+0", 0, "cr");
    cr_expect_not_null(strstr(r.out, "# exp f32:"), "both precisions by default");
    cr_expect_not_null(strstr(r.out, "# exp f64:"), "both precisions by default");
    /* Every line's reference is 1, whatever its variant returned. */
    size_t lines = 0;
    for (const char *p = r.out; (p = strstr(p, "\n  0x0p+0 ")); p++) {
        char v[64], y[64], d[64], ref[64];
        cr_assert_eq(sscanf(p, " 0x0p+0 %63s %63s %63s %63s", v, y, d, ref), 4);
        if (strcmp(y, "-")) cr_expect_str_eq(ref, "0x1p+0", "%s", v);
        lines++;
    }
    cr_expect_geq(lines, 2);
    ab_proc_free(&r);
}

/* Naive softplus log(1 + e^x) at x = 100 in f32: e^100 ~ 2.7e43 overflows
 * f32 (max 3.4e38), so the output is log(inf) = inf.  softplus(100) =
 * 100 + log1p(e^-100) = 100 + 3.7e-44, which rounds to 100 = 0x1.9p+6.
 * inf is measured as 2^128; 100 lies in [64, 128) so ulp = 2^(7-24) =
 * 2^-17, and the error (2^128 - 100) / 2^-17 = 2^145 - 100 * 2^17 rounds
 * to 2^145 in double (100 * 2^17 < 2^24 is far below half its ulp). */
Test(eval, naive_softplus_overflows_at_100) {
    const char *args[] = {"eval", "--activation", "softplus", "--variant", "naive",
                          "--precision", "f32", "100", NULL};
    ab_proc r = eval_ok(args);
    expect_point(r.out, "0x1.9p+6", "naive", "inf", "0x1.9p+6", 0x1p145,
                 "not_cr,over_1ulp,overflow");
    ab_proc_free(&r);
}

/* Naive expm1 = e^x - 1 at x = 2^-30 in f32: e^x = 1 + 2^-30 + ..., within
 * 2^-24 (half an ulp of 1) of 1, so expf gives 1 and the output is 0.
 * expm1(2^-30) = 2^-30 + 2^-61 + 2^-90/6 + ... rounds to 2^-30; it lies in
 * [2^-30, 2^-29), ulp = 2^(-29-24) = 2^-53, so the error is
 * expm1(2^-30) * 2^53 = 2^23 + 2^-8 + 2^-37/6 + ..., which is
 * 8388608.00390625 to within the 2^-29 spacing of doubles there. */
Test(eval, naive_expm1_flushes_a_tiny_result) {
    const char *args[] = {"eval", "--activation", "expm1", "--variant", "naive",
                          "--precision", "f32", "0x1p-30", NULL};
    ab_proc r = eval_ok(args);
    line L;
    cr_assert(find_line(r.out, 0, "0x1p-30", 1, "naive", 6, &L), "%s", r.out);
    cr_expect_str_eq(L.f[2], "0x0p+0");
    cr_expect_str_eq(L.f[4], "0x1p-30");
    double ulp = strtod(L.f[5], NULL), want = 0x1p23 + 0x1p-8;
    cr_expect(fabs(ulp - want) <= 0x1p-28, "ulp %s, want %.17g", L.f[5], want);
    cr_expect_str_eq(L.rest, "not_cr,over_1ulp,zero_flush");
    ab_proc_free(&r);
}

/* 0.1 = 0x1.99999999...p-4: 24 bits round up to 0x1.99999ap-4 (the next
 * hex digit, 9, is above half), 53 bits to 0x1.999999999999ap-4; the
 * rounding is announced.  0.5 is exact in both. */
Test(eval, rounding_of_an_input_is_announced) {
    const char *args[] = {"eval", "--activation", "identity", "0.1", "0.5", NULL};
    ab_proc r = eval_ok(args);
    cr_expect_not_null(strstr(r.out, "note: 0.1 is not an f32 value: rounded to 0x1.99999ap-4"),
                       "%s", r.out);
    cr_expect_not_null(strstr(r.out, "note: 0.1 is not an f64 value: rounded to 0x1.999999999999ap-4"),
                       "%s", r.out);
    cr_expect_null(strstr(r.out, "note: 0.5"), "0.5 is exact");
    ab_proc_free(&r);
}

/* A plugin variant runs in a child: the misbehaving one (a null pointer
 * store for x < -50) reports "crashed (SEGV)"; eval goes on to the next. */
Test(eval, crashing_plugin_is_reported) {
    char *so = ab_plugin_path("misbehave.so");
    const char *args[] = {"--plugin", so, "eval", "--activation", "sigmoid", "--variant",
                          "segv,fine", "--precision", "f32", "-60", NULL};
    ab_proc r = eval_ok(args);
    line L;
    cr_expect(find_line(r.out, 0, "-0x1.ep+5", 1, "segv", 6, &L), "%s", r.out);
    cr_expect_str_eq(L.rest, "crashed (SEGV)");
    cr_expect(find_line(r.out, 0, "-0x1.ep+5", 1, "fine", 6, &L), "%s", r.out);
    cr_expect_eq(strncmp(L.f[2], "0x1.", 4), 0, "fine returned %s", L.f[2]);
    ab_proc_free(&r);
    /* Its row variant segv-long crashes on rows over 1000 entries: the
     * `long` generator's row 0 has 4096. */
    const char *rows[] = {"--plugin", so, "eval", "--activation", "logsumexp", "--variant",
                          "segv-long,stable", "--precision", "f32", "--row", "long:1:0", NULL};
    r = eval_ok(rows);
    cr_expect(find_line(r.out, 0, "all", 2, "segv-long", 7, &L), "%s", r.out);
    cr_expect_str_eq(L.rest, "crashed (SEGV)");
    cr_expect(find_line(r.out, 0, "0", 2, "stable", 7, &L), "%s", r.out);
    ab_proc_free(&r);
    free(so);
}

/* A variant this CPU cannot run (list's available=0) is listed as
 * unavailable, never run.  Skipped on a CPU that runs them all. */
Test(eval, unavailable_variant_is_listed) {
    const char *list[] = {"list", NULL};
    ab_proc l = eval_ok(list);
    char act[64] = "", var[64] = "", prec[8] = "";
    for (const char *p = strchr(l.out, '\n'); p && !*act; p = strchr(p + 1, '\n')) {
        char a[64], v[64], s[32], pr[8], isa[32], av[4];
        if (sscanf(p + 1, "%63[^,],%63[^,],%31[^,],%7[^,],%31[^,],%3s", a, v, s, pr, isa, av) == 6 &&
            !strcmp(av, "0") && strcmp(a, "softmax")) {
            snprintf(act, sizeof act, "%s", a);
            snprintf(var, sizeof var, "%s", v);
            snprintf(prec, sizeof prec, "%s", pr);
        }
    }
    ab_proc_free(&l);
    if (!*act) cr_skip_test("this CPU runs every variant");
    const char *args[] = {"eval", "--activation", act, "--variant", var, "--precision", prec,
                          "1", NULL};
    ab_proc r = ab_run_actbench(args);
    if (r.status == 0) cr_expect_not_null(strstr(r.out, "unavailable"), "%s", r.out);
    else cr_expect_not_null(strstr(r.err, "row operation"), "%s", r.err); /* a row op's variant */
    ab_proc_free(&r);
}

Test(eval, help) {
    const char *args[] = {"eval", "--help", NULL};
    ab_proc r = eval_ok(args);
    cr_expect_eq(strncmp(r.out, "usage: actbench eval", 20), 0, "%s", r.out);
    cr_expect_not_null(strstr(r.out, "--row"));
    ab_proc_free(&r);
}

/* ---- bad input: exit 2, one line on stderr, nothing on stdout ---------------- */
static void expect_bad(const char *const *args, const char *needle) {
    ab_proc r = ab_run_actbench(args);
    cr_expect_eq(r.status, 2, "%s: exit %d (stderr: %s)", needle, r.status, r.err);
    cr_expect_eq(strlen(r.out), 0, "%s: stdout: %s", needle, r.out);
    cr_expect(ab_count_lines(r.err) == 1 && r.err[strlen(r.err) - 1] == '\n',
              "%s: want one line on stderr: <<%s>>", needle, r.err);
    cr_expect_not_null(strstr(r.err, needle), "stderr lacks \"%s\": %s", needle, r.err);
    ab_proc_free(&r);
}

#define BAD(needle, ...) expect_bad((const char *const[]){"eval", __VA_ARGS__, NULL}, needle)

Test(eval, bad_inputs_exit_2_with_one_line) {
    BAD("unknown name 'nope'", "--activation", "nope", "1");
    BAD("--activation is required", "1");
    BAD("--variant: unknown name", "--activation", "relu", "--variant", "nope", "1");
    BAD("--variant: unknown name", "--activation", "relu", "--variant", "re\nlu", "1");
    BAD("--precision", "--activation", "relu", "--precision", "f8", "1");
    BAD("not a number", "--activation", "relu", "0x1.8q-3");
    BAD("not a number", "--activation", "relu", "1.5abc");
    BAD("not a number", "--activation", "relu", "");
    BAD("not a number", "--activation", "relu", " 1");
    BAD("not a number", "--activation", "relu", "--", "1\n2");
    BAD("does not fit f32", "--activation", "relu", "--precision", "f32", "1e300");
    BAD("does not fit f32", "--activation", "relu", "-1e39"); /* both precisions: f32 too */
    BAD("does not fit f64", "--activation", "relu", "--precision", "f64", "1e999");
    BAD("no inputs", "--activation", "relu");
    BAD("unknown option '--bogus'", "--activation", "relu", "--bogus", "1");
    BAD("elementwise", "--activation", "relu", "--row", "wide:1:0");
    BAD("row operation", "--activation", "softmax", "0.5");
    BAD("either inputs or --row", "--activation", "softmax", "--row", "wide:1:0", "0.5");
    BAD("not GENERATOR:SEED:INDEX", "--activation", "softmax", "--row", "wide:1");
    BAD("not GENERATOR:SEED:INDEX", "--activation", "softmax", "--row", "wide:1:2:3");
    BAD("unknown generator 'bogus'", "--activation", "softmax", "--row", "bogus:1:0");
    BAD("--row seed", "--activation", "softmax", "--row", "wide:x:0");
    BAD("--row seed", "--activation", "softmax", "--row", "wide:99999999999999999999:0");
    BAD("--row index", "--activation", "softmax", "--row", "wide:1:-1");
    /* 65536 samples: 256 rows (0..255); 512 samples: 2 rows; long: 2 rows. */
    BAD("beyond generator wide's 256 rows", "--activation", "softmax", "--row", "wide:1:256");
    BAD("beyond generator wide's 2 rows", "--activation", "softmax", "--samples", "512",
        "--row", "wide:1:2");
    BAD("beyond generator long's 4 rows", "--activation", "softmax", "--row", "long:1:4");
    BAD("--samples", "--activation", "softmax", "--samples", "0", "--row", "wide:1:0");
}

/* ---- the row replay identity -------------------------------------------------- */
static void sweep_to(const char *acts, const char *ranges, const char *csv) {
    const char *args[] = {"sweep", "--activation", acts, "--range", ranges, "--samples", "1024",
                          "--quiet", "-o", csv, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "sweep: %s", p.err);
    ab_proc_free(&p);
}

/* Replays one CSV row's worst row: the element the sweep named has the
 * sweep's max ULP, and eval names it as the variant's worst element. */
static void replay_row(const ab_result_row *w) {
    const char *args[] = {"eval", "--activation", w->activation, "--variant", w->variant,
                          "--precision", w->precision, "--samples", "1024", "--row",
                          w->worst_row, NULL};
    ab_proc r = eval_ok(args);
    line L;
    cr_assert(find_line(r.out, 0, w->worst_element, 2, w->variant, 7, &L),
              "%s %s %s: no element %s in:\n%s", w->activation, w->variant, w->worst_row,
              w->worst_element, r.out);
    cr_expect_eq(strtod(L.f[6], NULL), w->max_ulp, "%s %s %s element %s: ulp %s, the sweep's %.17g",
                 w->activation, w->variant, w->worst_row, w->worst_element, L.f[6], w->max_ulp);
    if (*w->worst_input) cr_expect_str_eq(L.f[1], w->worst_input, "%s %s", w->activation, w->variant);
    char want[160];
    snprintf(want, sizeof want, "# %s: worst element %s, ", w->variant, w->worst_element);
    cr_expect_not_null(strstr(r.out, want), "%s %s: eval's worst element is not %s:\n%s",
                       w->activation, w->variant, w->worst_element, r.out);
    ab_proc_free(&r);
}

Test(eval, row_replay_matches_the_sweep) {
    char *csv = ab_path_join(tmp, "rows.csv");
    sweep_to("softmax,log_softmax,logsumexp", "wide,masked", csv);
    ab_results res;
    char err[512];
    cr_assert_eq(ab_results_load(csv, &res, err, sizeof err), 0, "%s", err);
    size_t replayed = 0, nonzero = 0;
    for (size_t i = 0; i < res.n; i++) {
        const ab_result_row *w = &res.rows[i];
        if (!*w->worst_row) continue;
        replay_row(w);
        replayed++;
        nonzero += w->max_ulp > 0;
    }
    /* 3 operations x 2 generators x 2 precisions, several variants each. */
    cr_expect_geq(replayed, 12, "%zu rows replayed", replayed);
    cr_expect_geq(nonzero, 4, "only %zu rows with a nonzero error: a weak check", nonzero);
    ab_results_free(&res);
    free(csv);
}

/* ---- the report's replay commands --------------------------------------------- */
/* The report shows each row's command; running the elementwise one gives
 * the CSV's max ULP at its worst input. */
Test(eval, report_shows_replay_commands) {
    char *csv = ab_path_join(tmp, "acc.csv"), *html = ab_path_join(tmp, "index.html"),
         *none = ab_path_join(tmp, "none.csv");
    sweep_to("tanh,softmax", "core,wide", csv);
    const char *rep[] = {"report", "-i", csv, "-t", none, "-e", none, "--special-values", none,
                         "--no-plots", "-o", html, "--quiet", NULL};
    ab_proc p = eval_ok(rep);
    ab_proc_free(&p);
    char *s = ab_slurp_site(html);
    cr_assert_not_null(s);
    ab_results res;
    char err[512];
    cr_assert_eq(ab_results_load(csv, &res, err, sizeof err), 0, "%s", err);
    size_t checked = 0;
    for (size_t i = 0; i < res.n; i++) {
        const ab_result_row *w = &res.rows[i];
        if (!*w->worst_row && !*w->worst_input) continue; /* no worst: no command */
        char cmd[512];
        int row = *w->worst_row != 0;
        snprintf(cmd, sizeof cmd,
                 "<code class=\"cmd\">build/actbench eval --activation %s --variant %s "
                 "--precision %s %s%s</code>", w->activation, w->variant, w->precision,
                 row ? "--samples 1024 --row " : "", row ? w->worst_row : w->worst_input);
        cr_expect_not_null(strstr(s, cmd), "the report lacks %s", cmd);
        checked++;
        if (row || strcmp(w->variant, "stable") || strcmp(w->precision, "f32")) continue;
        const char *args[] = {"eval", "--activation", "tanh", "--variant", "stable", "--precision",
                              "f32", w->worst_input, NULL};
        ab_proc r = eval_ok(args);
        line L;
        cr_assert(find_line(r.out, 0, w->worst_input, 1, "stable", 6, &L), "%s", r.out);
        cr_expect_eq(strtod(L.f[5], NULL), w->max_ulp, "ulp %s, the sweep's %.17g", L.f[5], w->max_ulp);
        ab_proc_free(&r);
    }
    cr_expect_geq(checked, 4);
    cr_expect_not_null(strstr(s, "<details class=\"replay\">"));
    ab_results_free(&res);
    free(s);
    free(csv);
    free(html);
    free(none);
}
