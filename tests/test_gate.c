/* test_gate.c: the regression gate and the plugin API, end to end through
 * build/actbench and the plugins in tests/plugins/. */
#include <criterion/criterion.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../api/actbench.h"
#include "subprocess.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(plugin, .timeout = 120);

static char *tmp;
static void setup(void) { tmp = ab_make_tmpdir(); }
static void teardown(void) { ab_remove_tree(tmp); free(tmp); }

/* Baseline: sigmoid f32 with build 1 (stable) of plugin-sigmoid. */
static char *make_baseline(void) {
    char *base = ab_path_join(tmp, "base.csv");
    char *good = ab_plugin_path("gate_variant_1.so");
    const char *args[] = {"--plugin", good, "sweep", "--activation", "sigmoid", "--precision",
                          "f32", "--samples", "2048", "--quiet", "-o", base, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "baseline sweep failed: %s", p.err);
    ab_proc_free(&p);
    free(good);
    return base;
}

static ab_proc gate_with(const char *plugin, const char *base, const char *extra) {
    char *so = ab_plugin_path(plugin);
    const char *args[] = {"--plugin", so, "gate", "--baseline", base, extra, NULL};
    ab_proc p = ab_run_actbench(args);
    free(so);
    return p;
}

TestSuite(gate, .init = setup, .fini = teardown, .timeout = 120);

Test(gate, same_build_passes) {
    char *base = make_baseline();
    ab_proc p = gate_with("gate_variant_1.so", base, NULL);
    cr_expect_eq(p.status, 0, "%s%s", p.out, p.err);
    cr_expect_null(strstr(p.out, "REGRESSION"));
    cr_expect_null(strstr(p.out, "changed "), "a deterministic sweep has the same hashes");
    ab_proc_free(&p);
    free(base);
}

/* Build 2 drops the stable branch: for x < -88.72, expf(-x) = inf and
 * 1/(1+inf) = 0, while sigmoid(x) ~ e^x is a nonzero float down to
 * -103.97, so neg_tail ([-110, -80]) gains zero flushes and max ULP. */
Test(gate, regression_names_the_row) {
    char *base = make_baseline();
    char *junit = ab_path_join(tmp, "junit.xml");
    char *opt = malloc(strlen(junit) + 16);
    sprintf(opt, "--junit=%s", junit);
    ab_proc p = gate_with("gate_variant_2.so", base, opt);
    cr_expect_eq(p.status, 1, "%s%s", p.out, p.err);
    cr_expect_not_null(strstr(p.out, "REGRESSION sigmoid/plugin-sigmoid/f32/neg_tail: "),
                       "%s", p.out);
    cr_expect_not_null(strstr(p.out, "zero_flush 0 -> "), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "worst input -0x1."), "the worst input, as a hex float");
    /* Only that variant regressed. */
    for (char *l = p.out; (l = strstr(l, "REGRESSION ")); l++)
        cr_expect_eq(strncmp(l, "REGRESSION sigmoid/plugin-sigmoid/f32/", 38), 0, "%.80s", l);
    char *xml = ab_slurp(junit);
    cr_assert_not_null(xml);
    char *tc = strstr(xml, "name=\"plugin-sigmoid/f32\"");
    cr_assert_not_null(tc, "%s", xml);
    cr_expect_not_null(strstr(tc, "<failure"), "%s", xml);
    cr_expect_not_null(strstr(xml, "name=\"stable/f32\"></testcase>"), "%s", xml);
    free(xml);
    ab_proc_free(&p);
    free(opt);
    free(junit);
    free(base);
}

/* Build 3 evaluates in double and rounds once: its error is the float
 * rounding plus ~2^-50 relative, so it is correctly rounded at least as
 * often as build 1, whose float divisions add up to 1.5 ulp. */
Test(gate, improvement_passes_and_is_listed) {
    char *base = make_baseline();
    ab_proc p = gate_with("gate_variant_3.so", base, NULL);
    cr_expect_eq(p.status, 0, "%s%s", p.out, p.err);
    cr_expect_null(strstr(p.out, "REGRESSION"), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "improved sigmoid/plugin-sigmoid/f32/core: "), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "make baseline"), "the command that accepts it");
    ab_proc_free(&p);
    /* --strict fails on the changed output hashes. */
    p = gate_with("gate_variant_3.so", base, "--strict");
    cr_expect_eq(p.status, 1, "%s", p.out);
    ab_proc_free(&p);
    free(base);
}

Test(gate, removed_variant_fails) {
    char *base = make_baseline();
    char *text = ab_slurp(base);
    char *row = strstr(text, "\nsigmoid,plugin-sigmoid,");
    cr_assert_not_null(row);
    /* Rename one baseline row's variant: it no longer has a result. */
    memcpy(row + 1 + 8, "plugin-sigmoiX", 14);
    ab_write_text(base, text);
    ab_proc p = gate_with("gate_variant_1.so", base, NULL);
    cr_expect_eq(p.status, 1);
    cr_expect_not_null(strstr(p.out, "REGRESSION sigmoid/plugin-sigmoiX/f32/"), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "removed or renamed"), "%s", p.out);
    ab_proc_free(&p);
    free(text);
    free(base);
}

/* Malformed baselines: exit 2 and one line naming file:line and column. */
static void expect_bad_baseline(const char *text, const char *needle) {
    char *good = make_baseline();
    char *bad = ab_path_join(tmp, "bad.csv");
    ab_write_text(bad, text);
    const char *args[] = {"gate", "--baseline", bad, "--results", good, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2, "%s", p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    cr_expect_not_null(strstr(p.err, needle), "wanted '%s' in: %s", needle, p.err);
    ab_proc_free(&p);
    free(bad);
    free(good);
}

static char *baseline_lines(char **header, char **row1, char **row2) {
    char *base = make_baseline();
    char *text = ab_slurp(base);
    *header = text;
    *row1 = strchr(text, '\n') + 1;
    *row2 = strchr(*row1, '\n') + 1;
    (*row1)[-1] = 0;
    (*row2)[-1] = 0;
    free(base);
    return text;
}

Test(gate, malformed_baselines) {
    char *h, *r1, *r2, buf[65536];
    char *text = baseline_lines(&h, &r1, &r2);
    char *rest = strchr(r2, '\n');
    *rest = 0;
    /* missing columns: the first required one absent is named. */
    expect_bad_baseline("activation,variant\nsigmoid,naive\n", "bad.csv:1: missing column 'strategy'");
    /* wrong type in line 3 */
    char *r2copy = strdup(r2);
    char *f = r2copy;
    for (int i = 0; i < 8; i++) f = strchr(f, ',') + 1; /* the max_ulp field */
    char *end = strchr(f, ',');
    snprintf(buf, sizeof buf, "%s\n%s\n%.*sabc%s\n", h, r1, (int)(f - r2copy), r2copy, end);
    expect_bad_baseline(buf, "bad.csv:3: column 'max_ulp': 'abc'");
    /* duplicate row */
    snprintf(buf, sizeof buf, "%s\n%s\n%s\n%s\n", h, r1, r2, r1);
    expect_bad_baseline(buf, "bad.csv:4: duplicate row");
    /* a row with a missing field */
    snprintf(buf, sizeof buf, "%s\n%s\n%.*s\n", h, r1, (int)(strrchr(r2, ',') - r2), r2);
    expect_bad_baseline(buf, "bad.csv:3: ");
    /* unterminated quote */
    snprintf(buf, sizeof buf, "%s\n\"%s\n", h, r1);
    expect_bad_baseline(buf, "bad.csv");
    /* empty file */
    expect_bad_baseline("", "bad.csv:1: empty");
    free(r2copy);
    free(text);
    /* missing file */
    const char *args[] = {"gate", "--baseline", "/nonexistent/base.csv", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2);
    cr_expect_not_null(strstr(p.err, "/nonexistent/base.csv"), "%s", p.err);
    ab_proc_free(&p);
}

/* misbehave.so: segv crashes for x < -50, hang spins for x > 50. */
Test(plugin, crash_and_hang_are_isolated, .timeout = 120) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "a.csv");
    char *so = ab_plugin_path("misbehave.so");
    const char *args[] = {"--plugin", so, "--plugin-timeout", "1", "sweep", "--activation",
                          "sigmoid", "--precision", "f32", "--range", "full", "--samples", "1024",
                          "--quiet", "-o", out, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 0, "%s", p.err);
    cr_expect_not_null(strstr(p.err, "sigmoid/segv/f32 crashed (SEGV) on range full at input -0x"),
                       "%s", p.err);
    cr_expect_not_null(strstr(p.err, "sigmoid/hang/f32 timed-out on range full at input 0x"),
                       "%s", p.err);
    char *csv = ab_slurp(out);
    cr_assert_not_null(csv);
    cr_expect_not_null(strstr(csv, "sigmoid,segv,approx,f32,full,"), "%s", csv);
    cr_expect_not_null(strstr(csv, ",crashed (SEGV),-0x"), "%s", csv);
    cr_expect_not_null(strstr(csv, ",timed-out,0x"), "%s", csv);
    /* The other variants ran all 1024 inputs. */
    for (const char *v = "naive\0stable\0fine\0"; *v; v += strlen(v) + 1) {
        char key[64];
        snprintf(key, sizeof key, "sigmoid,%s,", v);
        char *row = strstr(csv, key);
        cr_assert_not_null(row, "%s", key);
        char *lo = row;
        for (int i = 0; i < 7; i++) lo = strchr(lo, ',') + 1;
        cr_expect_eq(strncmp(lo, "1024,", 5), 0, "%s: %.60s", v, lo);
        cr_expect_not_null(strstr(row, ",ok,"), "%s", v);
    }
    free(csv);
    ab_proc_free(&p);
    free(so);
    free(out);
    ab_remove_tree(dir);
    free(dir);
}

Test(plugin, malformed_plugins_exit_2) {
    /* malformed_2.so declares ACTBENCH_ABI_VERSION + 998. */
    char abi[96];
    snprintf(abi, sizeof abi, "ABI version %d, this actbench has version %d",
             ACTBENCH_ABI_VERSION + 998, ACTBENCH_ABI_VERSION);
    const char *cases[][2] = {
        {"malformed_1.so", "missing symbol actbench_plugin_register"},
        {"malformed_2.so", abi},
        {"malformed_3.so", "duplicate variant sigmoid/stable/f32"},
        {"malformed_4.so", "no operation named no_such_activation"},
        {"malformed_5.so", "activation no_reference has no MPFR reference"},
        {"does_not_exist.so", "cannot load"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *so = ab_plugin_path(cases[i][0]);
        const char *args[] = {"--plugin", so, "list", NULL};
        ab_proc p = ab_run_actbench(args);
        cr_expect_eq(p.status, 2, "%s: %s", cases[i][0], p.err);
        cr_expect_eq(ab_count_lines(p.err), 1, "%s: %s", cases[i][0], p.err);
        cr_expect_not_null(strstr(p.err, cases[i][1]), "%s: %s", cases[i][0], p.err);
        ab_proc_free(&p);
        free(so);
    }
}

/* The example plugin adds a variant and an activation that every command sees. */
Test(plugin, example_plugin_registers) {
    char *so = ab_plugin_path("my_sigmoid.so");
    const char *args[] = {"--plugin", so, "list", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 0, "%s", p.err);
    cr_expect_not_null(strstr(p.out, "\nsigmoid,via-tanh,stable,f32,scalar,1\n"), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "\nswish_beta2,stable,stable,f32,scalar,1\n"), "%s", p.out);
    ab_proc_free(&p);
    free(so);
}

/* A baseline made on another environment: the gate warns and names the
 * rows that call libm (naive, stable and library variants), but the
 * comparison itself still decides the exit status. */
Test(gate, environment_difference_warns) {
    char *base = make_baseline();
    char *text = ab_slurp(base);
    /* Every row ends with env_cpu_flags,env_glibc,env_compiler,...: swap
     * the glibc version for one this machine does not have. */
    char needle[64];
    snprintf(needle, sizeof needle, ",%s,", gnu_get_libc_version());
    size_t nl = strlen(needle);
    char *hit, *out = malloc(strlen(text) * 2 + 1), *o = out;
    const char *p = text;
    size_t swapped = 0;
    while ((hit = strstr(p, needle))) {
        memcpy(o, p, (size_t)(hit - p));
        o += hit - p;
        memcpy(o, ",9.99,", 6);
        o += 6;
        p = hit + nl;
        swapped++;
    }
    strcpy(o, p);
    cr_assert_gt(swapped, 0, "glibc version %s not found in the baseline", gnu_get_libc_version());
    ab_write_text(base, out);
    ab_proc r = gate_with("gate_variant_1.so", base, NULL);
    cr_expect_eq(r.status, 0, "%s%s", r.out, r.err);
    cr_expect_not_null(strstr(r.err, "warning: the baseline was made on another environment"), "%s", r.err);
    cr_expect_not_null(strstr(r.err, "glibc 9.99"), "%s", r.err);
    cr_expect_not_null(strstr(r.err, " sigmoid/stable/f32"), "the libm rows are named: %s", r.err);
    ab_proc_free(&r);
    free(out);
    free(text);
    free(base);
}

/* A sampled sweep of sigmoid f32 into name, with or without a plugin. */
static char *sweep_sigmoid(const char *name, const char *plugin, const char *samples) {
    char *out = ab_path_join(tmp, name);
    char *so = plugin ? ab_plugin_path(plugin) : NULL;
    const char *with[] = {"--plugin", so, "sweep", "--activation", "sigmoid", "--precision", "f32",
                          "--samples", samples, "--quiet", "-o", out, NULL};
    ab_proc p = ab_run_actbench(plugin ? with : with + 2);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    free(so);
    return out;
}

/* Rows the baseline lacks answer to their own bound and must not fail:
 * build 2's plugin-sigmoid (declared stable) flushes neg_tail to zero,
 * build 1's does not. */
Test(gate, new_rows_are_checked) {
    char *base = sweep_sigmoid("base.csv", NULL, "2048");
    ab_proc bad = gate_with("gate_variant_2.so", base, NULL);
    cr_expect_eq(bad.status, 1, "%s%s", bad.out, bad.err);
    cr_expect_not_null(strstr(bad.out, "REGRESSION sigmoid/plugin-sigmoid/f32/neg_tail (new, not in "
                                       "the baseline): does not hold: zero_flush on "), "%s", bad.out);
    ab_proc good = gate_with("gate_variant_1.so", base, NULL);
    cr_expect_eq(good.status, 0, "%s%s", good.out, good.err);
    cr_expect_null(strstr(good.out, "REGRESSION"), "%s", good.out);
    ab_proc_free(&bad);
    ab_proc_free(&good);
    free(base);
}

/* Unusable comparisons exit 2 with one line: a baseline without rows,
 * results swept with other sampling, a JUnit path that is the baseline. */
Test(gate, unusable_comparisons_exit_2) {
    char *base = sweep_sigmoid("base.csv", NULL, "2048");
    char *other = sweep_sigmoid("other.csv", NULL, "1024");
    const char *a1[] = {"gate", "--baseline", base, "--results", other, NULL};
    ab_proc p = ab_run_actbench(a1);
    cr_expect_eq(p.status, 2, "%s", p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    cr_expect_not_null(strstr(p.err, "1024 samples per range, but the baseline"), "%s", p.err);
    cr_expect_not_null(strstr(p.err, "2048 samples"), "%s", p.err);
    ab_proc_free(&p);
    const char *a2[] = {"gate", "--baseline", base, "--junit", base, NULL};
    p = ab_run_actbench(a2);
    cr_expect_eq(p.status, 2, "%s", p.err);
    cr_expect_not_null(strstr(p.err, "is the baseline"), "%s", p.err);
    ab_proc_free(&p);
    /* header only */
    char *text = ab_slurp(base);
    *strchr(text, '\n') = 0;
    strcat(text, "\n");
    ab_write_text(base, text);
    const char *a3[] = {"gate", "--baseline", base, "--results", other, NULL};
    p = ab_run_actbench(a3);
    cr_expect_eq(p.status, 2, "%s", p.err);
    cr_expect_not_null(strstr(p.err, "the baseline has no rows"), "%s", p.err);
    ab_proc_free(&p);
    free(text);
    free(base);
    free(other);
}

/* actbench baseline keeps what this machine cannot check, and nothing else:
 *  - plugin-sigmoid built for an ISA no CPU has (gate_variant_4.so): its
 *    rows from a run where it ran (gate_variant_1.so) are kept, and every
 *    other row is swept again to the same bytes: the file is unchanged;
 *  - --activation relu: the sigmoid rows are kept as they were (relu's new
 *    rows go first: the previous file had none to take the place of);
 *  - --activation with other samples than the kept rows': exit 2, the
 *    file untouched;
 *  - without the plugin the variant no longer exists: its rows go. */
/* One `actbench [--plugin P] baseline --activation A --samples N -o base`:
 * its exit status must be status, its output (stdout and stderr) must
 * hold want; returns the baseline file as it is afterwards. */
static char *baseline_run(const char *plugin, const char *act, const char *samples,
                          const char *base, int status, const char *want) {
    const char *args[] = {"--plugin", plugin, "baseline", "--activation", act, "--samples", samples,
                          "-o", base, NULL};
    ab_proc p = ab_run_actbench(plugin ? args : args + 2);
    cr_assert_eq(p.status, status, "%s%s", p.out, p.err);
    cr_expect(strstr(p.out, want) || strstr(p.err, want), "want '%s' in: %s%s", want, p.out, p.err);
    ab_proc_free(&p);
    char *s = ab_slurp(base);
    cr_assert_not_null(s);
    return s;
}

Test(gate, baseline_keeps_what_cannot_run_here) {
    char *base = ab_path_join(tmp, "base.csv");
    char *p1 = ab_plugin_path("gate_variant_1.so"), *p4 = ab_plugin_path("gate_variant_4.so");
    char *first = baseline_run(p1, "sigmoid", "16", base, 0, "baseline: wrote ");
    cr_assert_not_null(strstr(first, "\nsigmoid,plugin-sigmoid,"));
    char *again = baseline_run(p4, "sigmoid", "16", base, 0,
                               "baseline: kept 6 rows of the previous baseline for variants that "
                               "cannot run here (first: this CPU has no avx10.9-never)");
    cr_expect_str_eq(again, first, "the same rows, in the same order, byte for byte");
    char line[128];
    snprintf(line, sizeof line, "baseline: kept %zu rows of the activations not swept",
             ab_count_lines(first) - 1);
    char *with_relu = baseline_run(NULL, "relu", "16", base, 0, line);
    const char *rest = strstr(with_relu, "\nsigmoid,");
    cr_assert_not_null(rest);
    cr_expect_str_eq(rest, strchr(first, '\n'), "the sigmoid rows follow relu's, unchanged");
    cr_expect_not_null(strstr(with_relu, "\nrelu,"));
    char *after = baseline_run(NULL, "relu", "32", base, 2, "sampled with another seed or sample count");
    cr_expect_str_eq(after, with_relu, "a refused run leaves the file as it was");
    free(after);
    after = baseline_run(NULL, "sigmoid", "16", base, 0, "REGRESSION sigmoid/plugin-sigmoid/f32/core: no result");
    cr_expect_null(strstr(after, "plugin-sigmoid"), "a removed variant's rows are not kept");
    free(after);
    free(with_relu);
    free(again);
    free(first);
    free(p1);
    free(p4);
    free(base);
}
