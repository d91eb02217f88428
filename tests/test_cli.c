/* test_cli.c: build/actbench as a user runs it.
 *
 * The binary (absolute path in $ACTBENCH_BIN, set by `make test`) runs as a
 * subprocess through posix_spawn, never a shell, with stdin from /dev/null
 * and stdout/stderr captured into files of a private temporary directory.
 * Expected values come from the registry (names, counts) or from cli.h's
 * contract: every bad input exits 2 with ONE line on stderr naming the flag
 * and what is valid, and a failing run never clobbers an existing output. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "subprocess.h"
#include "../harness/registry.h"
#include "../harness/rows.h"
#include "../harness/sweep.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(cli, .timeout = 120);

extern char **environ;

static void expect_usage_error(const char *what, const char *const *args,
                               const char *const *needles) {
    ab_proc r = ab_run_actbench(args);
    cr_expect_eq(r.status, 2, "%s: exit status %d, want 2 (stderr: %s)", what, r.status, r.err);
    cr_expect_eq(strlen(r.out), 0, "%s: stdout should be empty, got: %s", what, r.out);
    cr_expect(strlen(r.err) > 0 && r.err[strlen(r.err) - 1] == '\n' && ab_count_lines(r.err) == 1,
              "%s: want exactly one line on stderr, got: <<%s>>", what, r.err);
    for (size_t i = 0; needles && needles[i]; i++)
        cr_expect(strstr(r.err, needles[i]) != NULL, "%s: stderr lacks \"%s\": %s", what,
                  needles[i], r.err);
    ab_proc_free(&r);
}

/* ---- help and list ---- */

/* The command names, read from `actbench --help` ("commands:" then one
 * "  NAME  summary" line each), so a new command is covered too. */
static size_t help_commands(char names[][32], size_t max) {
    const char *args[] = {"--help", NULL};
    ab_proc r = ab_run_actbench(args);
    cr_assert_eq(r.status, 0, "actbench --help: exit %d", r.status);
    const char *p = strstr(r.out, "commands:\n");
    cr_assert_not_null(p, "actbench --help has no commands: section: %s", r.out);
    p += strlen("commands:\n");
    size_t n = 0;
    while (*p == ' ' && n < max) {
        while (*p == ' ') p++;
        size_t k = strcspn(p, " \n");
        cr_assert(k > 0 && k < 32);
        memcpy(names[n], p, k);
        names[n++][k] = 0;
        p = strchr(p, '\n');
        if (!p) break;
        p++;
    }
    ab_proc_free(&r);
    return n;
}

Test(cli, every_command_has_help) {
    char names[16][32];
    size_t n = help_commands(names, 16);
    const char *want[] = {"list", "sweep", "report"};
    for (size_t k = 0; k < 3; k++) {
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= !strcmp(names[i], want[k]);
        cr_expect(found, "`actbench --help` does not list %s", want[k]);
    }
    for (size_t i = 0; i < n; i++) {
        for (int h = 0; h < 2; h++) {
            const char *args[] = {names[i], h ? "-h" : "--help", NULL};
            ab_proc r = ab_run_actbench(args);
            char prefix[64];
            snprintf(prefix, sizeof prefix, "usage: actbench %s", names[i]);
            cr_expect_eq(r.status, 0, "%s %s: exit %d", names[i], args[1], r.status);
            cr_expect(strncmp(r.out, prefix, strlen(prefix)) == 0,
                      "%s %s: stdout should start with \"%s\": %s", names[i], args[1], prefix, r.out);
            cr_expect_eq(strlen(r.err), 0, "%s %s: stderr: %s", names[i], args[1], r.err);
            ab_proc_free(&r);
        }
    }
}

/* Splits a CSV line without quotes (list's plain columns never need them). */
static size_t split_plain(char *line, char **f, size_t max) {
    size_t n = 0;
    for (char *t = line; n < max;) {
        f[n++] = t;
        char *c = strchr(t, ',');
        if (!c) break;
        *c = 0;
        t = c + 1;
    }
    return n;
}

Test(cli, list_header_and_one_row_per_variant) {
    const char *args[] = {"list", NULL};
    ab_proc r = ab_run_actbench(args);
    cr_assert_eq(r.status, 0, "list: exit %d: %s", r.status, r.err);
    cr_expect_eq(strlen(r.err), 0, "list: stderr: %s", r.err);
    char *save, *line = strtok_r(r.out, "\n", &save);
    cr_assert_not_null(line);
    cr_expect_str_eq(line, "activation,variant,strategy,precision,isa,available");

    /* One row per registered (activation, variant, precision), in registry
     * order (activations by name, variants in registration order). */
    size_t rows = 0, expected = 0;
    for (size_t i = 0; i < ab_op_count(); i++) expected += ab_op_at(i)->n_variants;
    cr_assert(expected > 0, "the registry is empty");
    size_t ai = 0, vi = 0;
    const ab_op *a = ab_op_at(0);
    while ((line = strtok_r(NULL, "\n", &save))) {
        rows++;
        while (a && vi >= a->n_variants) { a = ab_op_at(++ai); vi = 0; }
        if (!a) continue;   /* more rows than variants: the count check fails */
        const ab_variant *v = &a->variants[vi++];
        char want[512];
        snprintf(want, sizeof want, "%s,%s,%s,%s,%s,%d", a->name, v->name,
                 ab_strategy_name(v->strategy), ab_precision_name(v->precision), v->isa,
                 ab_variant_available(v) ? 1 : 0);
        cr_expect_str_eq(line, want, "list row %zu", rows);
        char *f[8];
        cr_expect_eq(split_plain(line, f, 8), 6, "list row %zu has 6 columns", rows);
    }
    cr_expect_eq(rows, expected, "list printed %zu rows; the registry has %zu variants", rows,
                 expected);
    ab_proc_free(&r);
}

/* ---- bad input: exit 2 and one line naming the flag and what is valid ---- */

Test(cli, unknown_command) {
    const char *args[] = {"frobnicate", NULL};
    const char *needles[] = {"frobnicate", "list", "sweep", "report", NULL};
    expect_usage_error("unknown command", args, needles);
}

Test(cli, unknown_option_every_command) {
    char names[16][32];
    size_t n = help_commands(names, 16);
    cr_assert(n >= 3);
    for (size_t i = 0; i < n; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s --bogus-flag", names[i]);
        const char *args[] = {names[i], "--bogus-flag", NULL};
        /* Every command's valid list includes --help. */
        const char *needles[] = {"--bogus-flag", "--help", NULL};
        expect_usage_error(what, args, needles);
    }
}

/* The sweep cases put cheap settings first (special range, 16 samples,
 * output in a scratch directory) so that a binary that wrongly accepts the
 * bad flag finishes fast instead of running the default 65536-sample sweep;
 * the flag under test comes last and overrides. */
#define SWEEP_BASE "sweep", "--quiet", "--range", "special", "--samples", "16", "-o", out

static void sweep_error(const char *what, const char *flag, const char *value,
                        const char *const *needles) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "never.csv");
    const char *args[] = {SWEEP_BASE, flag, value, NULL};
    expect_usage_error(what, args, needles);
    cr_expect(access(out, F_OK) != 0, "%s: a failing run created %s", what, out);
    free(out);
    ab_remove_tmpdir(dir);
}

Test(cli, unknown_activation_lists_valid_names) {
    const char *needles[64] = {"--activation", "no-such-act"};
    size_t k = 2;
    for (size_t i = 0; ab_activation_at(i) && k < 63; i++) needles[k++] = ab_activation_at(i)->name;
    needles[k] = NULL;
    cr_assert(k > 2);
    sweep_error("--activation no-such-act", "--activation", "no-such-act", needles);
    /* One bad name among good ones is still rejected. */
    sweep_error("--activation tanh,no-such-act", "--activation", "tanh,no-such-act", needles);
}

Test(cli, unknown_variant_lists_valid_names) {
    const char *needles[128] = {"--variant", "no-such-variant"};
    size_t k = 2;
    for (size_t i = 0; ab_activation_at(i); i++) {
        const ab_activation *a = ab_activation_at(i);
        for (size_t v = 0; v < a->n_variants && k < 127; v++) needles[k++] = a->variants[v].name;
    }
    needles[k] = NULL;
    sweep_error("--variant no-such-variant", "--variant", "no-such-variant", needles);
}

Test(cli, unknown_range_lists_valid_names) {
    const char *needles[128] = {"--range", "no-such-range"};
    size_t k = 2;
    for (size_t i = 0; ab_activation_at(i); i++) {
        const char *rn[64];
        size_t n = ab_source_names(ab_find_op(ab_activation_at(i)->name), rn, 64);
        for (size_t r = 0; r < n && k < 127; r++) needles[k++] = rn[r];
    }
    needles[k] = NULL;
    cr_assert(k > 2 + 4, "standard ranges missing from ab_source_names");
    sweep_error("--range no-such-range", "--range", "no-such-range", needles);
}

Test(cli, bad_precision) {
    const char *needles[] = {"--precision", "f8", "f32", "f64", "bf16", "f16", NULL};
    sweep_error("--precision f8", "--precision", "f8", needles);
    const char *needles2[] = {"--precision", "f32", "f64", NULL};
    sweep_error("--precision F32", "--precision", "F32", needles2);
}

Test(cli, malformed_samples) {
    /* Not a whole number, negative, zero (valid is 1..), trailing junk,
     * empty; each must name --samples and say what is valid. */
    const char *bad[] = {"abc", "-5", "0", "12x", "", "1.5", "5 "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char what[64];
        snprintf(what, sizeof what, "--samples '%s'", bad[i]);
        const char *needles[] = {"--samples", "valid", NULL};
        sweep_error(what, "--samples", bad[i], needles);
    }
    /* --samples=VALUE spelling goes through the same check. */
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "never.csv");
    const char *args[] = {SWEEP_BASE, "--samples=", NULL};
    const char *needles[] = {"--samples", "valid", NULL};
    expect_usage_error("--samples=", args, needles);
    free(out);
    ab_remove_tmpdir(dir);
}

/* (2^54 + 1) K = 2^64 + 1024: a K/M suffix must not wrap a huge count back
 * into the valid range (2^64 + 1024 mod 2^64 = 1024 would be accepted). */
Test(cli, samples_suffix_does_not_wrap) {
    const char *needles[] = {"--samples", "valid", NULL};
    sweep_error("--samples 18014398509481985K", "--samples", "18014398509481985K", needles);
    /* (2^44 + 1) M = 2^64 + 2^20. */
    sweep_error("--samples 17592186044417M", "--samples", "17592186044417M", needles);
}

Test(cli, malformed_seed_and_threads) {
    const char *seeds[] = {"xyz", "-1", "", "12x", "99999999999999999999999"};
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        char what[64];
        snprintf(what, sizeof what, "--seed '%s'", seeds[i]);
        const char *needles[] = {"--seed", "valid", NULL};
        sweep_error(what, "--seed", seeds[i], needles);
    }
    const char *threads[] = {"0", "-2", "two", "100000"};
    for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
        char what[64];
        snprintf(what, sizeof what, "--threads '%s'", threads[i]);
        const char *needles[] = {"--threads", "valid", NULL};
        sweep_error(what, "--threads", threads[i], needles);
    }
}

/* An empty name list ("--activation ''", "--range ,") is a bad input like
 * any other: cli.h promises the message says what is valid. */
Test(cli, empty_name_list_says_what_is_valid) {
    const char *needles[64] = {"--activation"};
    size_t k = 1;
    for (size_t i = 0; ab_activation_at(i) && k < 63; i++) needles[k++] = ab_activation_at(i)->name;
    needles[k] = NULL;
    sweep_error("--activation ''", "--activation", "", needles);
    const char *rneedles[] = {"--range", "core", "special", NULL};
    sweep_error("--range ','", "--range", ",", rneedles);
}

Test(cli, missing_value) {
    /* The flag is the last argument. */
    const struct { const char *cmd, *flag; } cases[] = {
        {"sweep", "--samples"}, {"sweep", "--activation"}, {"sweep", "--range"},
        {"sweep", "--seed"},    {"sweep", "-o"},           {"list", "-o"},
        {"report", "-i"},       {"report", "-o"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s %s (no value)", cases[i].cmd, cases[i].flag);
        const char *args[] = {cases[i].cmd, cases[i].flag, NULL};
        const char *needles[] = {cases[i].flag, NULL};
        expect_usage_error(what, args, needles);
    }
}

Test(cli, unwritable_output) {
    const char *path = "/nonexistent-actbench-dir/x.csv";
    const char *a1[] = {"list", "-o", path, NULL};
    const char *needles[] = {path, NULL};
    expect_usage_error("list -o unwritable", a1, needles);
    const char *a2[] = {"sweep", "--quiet", "--activation", "tanh", "--range", "special",
                        "--samples", "16", "-o", path, NULL};
    expect_usage_error("sweep -o unwritable", a2, needles);
}

/* ---- atomic output ---- */

static size_t count_tmp_files(const char *dir) {
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) n += strstr(e->d_name, ".tmp.") != NULL;
    closedir(d);
    return n;
}

Test(cli, failing_run_does_not_clobber_output) {
    static const char precious[] = "precious,content\n1,\"two\"\n";
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "accuracy.csv"), *html = ab_path_join(dir, "index.html");
    ab_write_text(csv, precious);
    ab_write_text(html, precious);

    /* The bad flag comes AFTER -o, so the output path is already known
     * when the run fails. */
    const char *s1[] = {"sweep", "--quiet", "--activation", "tanh", "--samples", "16",
                        "-o", csv, "--range", "no-such-range", NULL};
    const char *n1[] = {"--range", NULL};
    expect_usage_error("sweep -o existing --range bad", s1, n1);
    const char *s2[] = {"sweep", "--quiet", "--range", "special", "-o", csv, "--samples", "0", NULL};
    const char *n2[] = {"--samples", NULL};
    expect_usage_error("sweep -o existing --samples 0", s2, n2);
    const char *s3[] = {"list", "-o", csv, "--bogus", NULL};
    const char *n3[] = {"--bogus", NULL};
    expect_usage_error("list -o existing --bogus", s3, n3);
    /* report: an input that is not an accuracy CSV (no such columns). */
    char *notacc = ab_path_join(dir, "not-accuracy.csv");
    ab_write_text(notacc, "a,b\n1,2\n");
    const char *r1[] = {"report", "-o", html, "-i", notacc, NULL};
    const char *rn1[] = {notacc, NULL};
    expect_usage_error("report -o existing -i bad", r1, rn1);
    char *missing = ab_path_join(dir, "missing.csv");
    const char *r2[] = {"report", "-o", html, "-i", missing, NULL};
    const char *rn2[] = {missing, NULL};
    expect_usage_error("report -o existing -i missing", r2, rn2);

    char *c = ab_slurp(csv), *h = ab_slurp(html);
    cr_expect(c && !strcmp(c, precious), "failing runs changed %s: <<%s>>", csv, c);
    cr_expect(h && !strcmp(h, precious), "failing runs changed %s: <<%s>>", html, h);
    cr_expect_eq(count_tmp_files(dir), 0, "temporary files left in %s", dir);
    free(c);
    free(h);
    free(csv);
    free(html);
    free(notacc);
    free(missing);
    ab_remove_tmpdir(dir);
}

/* ---- a successful run ---- */

static const char accuracy_prefix[] =
    "activation,variant,strategy,precision,range,lo,hi,samples,max_ulp,worst_input,"
    "worst_output,worst_reference,mean_ulp,correctly_rounded,over_1ulp,overflow,nan,"
    "sign_errors,zero_flush,max_rel_error,max_abs_error";

Test(cli, tiny_sweep_then_report) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "a.csv"), *html = ab_path_join(dir, "r.html");
    const char *s[] = {"sweep", "--activation", "tanh", "--range", "special,core",
                       "--samples", "256", "-o", csv, "--quiet", NULL};
    ab_proc r = ab_run_actbench(s);
    cr_assert_eq(r.status, 0, "sweep: exit %d: %s", r.status, r.err);
    cr_expect_eq(strlen(r.err), 0, "--quiet sweep wrote to stderr: %s", r.err);
    cr_expect_eq(strlen(r.out), 0, "sweep -o FILE wrote to stdout: %s", r.out);
    ab_proc_free(&r);

    char *text = ab_slurp(csv);
    cr_assert_not_null(text, "sweep did not write %s", csv);
    cr_expect(strncmp(text, accuracy_prefix, strlen(accuracy_prefix)) == 0,
              "header does not start with the documented columns: %.300s", text);
    /* Rows: one per (precision, range, variant of that precision) of tanh,
     * ranges special and core. */
    const ab_activation *a = ab_find_activation("tanh");
    cr_assert_not_null(a);
    size_t want_rows = 2 * a->n_variants;
    for (size_t v = 0; v < a->n_variants; v++)
        if (!ab_variant_available(&a->variants[v])) want_rows -= 2;
    cr_expect_gt(want_rows, 0, "tanh has no available variant");
    size_t lines = ab_count_lines(text);
    cr_expect_eq(lines, 1 + want_rows, "%s has %zu lines, want header + %zu rows", csv, lines,
                 want_rows);
    cr_expect_eq(count_tmp_files(dir), 0, "temporary files left in %s", dir);

    const char *rp[] = {"report", "-i", csv, "-o", html, NULL};
    r = ab_run_actbench(rp);
    cr_assert_eq(r.status, 0, "report: exit %d: %s", r.status, r.err);
    ab_proc_free(&r);
    char *page = ab_slurp_site(html);
    cr_assert_not_null(page, "report did not write %s", html);
    cr_expect(strstr(page, "<table") != NULL, "no <table in %s", html);
    /* One section for tanh, naming every variant that ran. */
    cr_expect(strstr(page, "<section class=\"activation\" id=\"act-tanh\"") != NULL,
              "no tanh section in %s", html);
    for (size_t v = 0; v < a->n_variants; v++)
        if (ab_variant_available(&a->variants[v]))
            cr_expect(strstr(page, a->variants[v].name) != NULL, "variant %s missing from %s",
                      a->variants[v].name, html);
    cr_expect_eq(count_tmp_files(dir), 0, "temporary files left in %s", dir);
    free(page);
    free(text);
    free(csv);
    free(html);
    ab_remove_tmpdir(dir);
}

/* Outputs are ordinary files: mode 0666 & ~umask, like any file created by
 * fopen(path, "w"), not the 0600 of a mkstemp temporary (a report behind
 * a web server must be readable). */
Test(cli, output_files_get_default_permissions) {
    mode_t mask = umask(022);   /* a known umask for the child */
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "l.csv");
    const char *a[] = {"list", "-o", csv, NULL};
    ab_proc r = ab_run_actbench(a);
    umask(mask);
    cr_assert_eq(r.status, 0, "list -o: exit %d: %s", r.status, r.err);
    ab_proc_free(&r);
    struct stat st;
    cr_assert_eq(stat(csv, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0644, "%s has mode %03o, want 0644 (0666 & ~022)", csv,
                 (unsigned)(st.st_mode & 0777));
    free(csv);
    ab_remove_tmpdir(dir);
}
