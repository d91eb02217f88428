/* test_recheck.c: actbench recheck, as a user runs it (tests/subprocess.h).
 *
 * recheck's hashes must equal those `sweep --exhaustive` wrote: the
 * committed results/exhaustive.csv is the independent computation (its
 * hashes came from full sweeps with references and metrics).  The quick
 * suite checks the failure paths that need no 2^32 pass; the check_ suite
 * (make check) rechecks the whole committed file (forward and derivative
 * rows) and a copy with one hash altered. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "subprocess.h"

static char *tmp;
static void setup(void) { tmp = ab_make_tmpdir(); }
static void teardown(void) { ab_remove_tmpdir(tmp); }

TestSuite(recheck, .init = setup, .fini = teardown, .timeout = 120);

#define HEADER "activation,variant,precision,range,output_hash\n"

/* Runs recheck on a file holding text. */
static ab_proc recheck_text(const char *text, const char *extra) {
    char *f = ab_path_join(tmp, "x.csv");
    ab_write_text(f, text);
    const char *args[] = {"recheck", "-e", f, extra, NULL};
    ab_proc p = ab_run_actbench(args);
    free(f);
    return p;
}

Test(recheck, missing_file_is_one_line_and_status_2) {
    const char *args[] = {"recheck", "-e", "/nonexistent/x.csv", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    ab_proc_free(&p);
}

Test(recheck, a_file_without_hashes_is_refused) {
    ab_proc p = recheck_text("activation,variant,precision,range\nrelu,stable,f32,core\n", NULL);
    cr_expect_eq(p.status, 2);
    cr_expect(strstr(p.err, "output_hash") != NULL, "%s", p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    ab_proc_free(&p);
}

Test(recheck, a_short_line_is_refused) {
    ab_proc p = recheck_text(HEADER "relu,stable,f32\n", NULL);
    cr_expect_eq(p.status, 2);
    cr_expect(strstr(p.err, "line 2") != NULL, "%s", p.err);
    ab_proc_free(&p);
}

Test(recheck, a_variant_that_is_gone_is_a_change) {
    ab_proc p = recheck_text(HEADER "relu,no-such-kernel,f32,core,0123456789abcdef\n", NULL);
    cr_expect_eq(p.status, 1);
    cr_expect(strstr(p.out, "relu no-such-kernel: not registered") != NULL, "%s", p.out);
    cr_expect(strstr(p.out, "some rows are stale") != NULL, "%s", p.out);
    ab_proc_free(&p);
}

Test(recheck, unknown_flag_is_a_usage_error) {
    const char *args[] = {"recheck", "--samples", "5", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    ab_proc_free(&p);
}

/* ---- make check: the committed file, whole (2^32 calls per variant) ---- */
TestSuite(check_recheck, .init = setup, .fini = teardown, .timeout = 3600);

/* recheck -e file: every pair unchanged. */
static void file_still_holds(const char *file) {
    const char *args[] = {"recheck", "-e", file, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 0, "%s%s", p.out, p.err);
    cr_expect(strstr(p.out, "every row still holds") != NULL, "%s", p.out);
    cr_expect(strstr(p.out, "CHANGED") == NULL, "%s", p.out);
    ab_proc_free(&p);
}
Test(check_recheck, every_committed_row_still_holds) { file_still_holds("results/exhaustive.csv"); }

/* One variant's rows with the core row's hash flipped in its last digit:
 * exactly that row is reported, and the status is 1. */
Test(check_recheck, an_altered_hash_is_found) {
    char *all = ab_slurp("results/exhaustive.csv");
    cr_assert(all);
    const char *want = "sigmoid,avx512-rr2-lut16-p3-div-fma-x64,";
    size_t cap = strlen(all) + 1, n = 0;
    char *text = malloc(cap);
    const char *nl = strchr(all, '\n');
    memcpy(text, all, (size_t)(nl - all + 1));
    n = (size_t)(nl - all + 1);
    int altered = 0;
    for (const char *p = nl + 1; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl) break;
        if (strncmp(p, want, strlen(want))) continue;
        memcpy(text + n, p, (size_t)(nl - p + 1));
        char *row = text + n;
        n += (size_t)(nl - p + 1);
        if (!altered && strstr(row, ",core,")) {
            /* output_hash is the only 16-hex-digit field ending in ",": flip its last digit */
            for (char *q = row; q + 17 < text + n; q++) {
                int hex = q[-1] == ',' && q[16] == ',';
                for (int k = 0; hex && k < 16; k++) hex = strchr("0123456789abcdef", q[k]) != NULL;
                if (hex) { q[15] = q[15] == '0' ? '1' : '0'; altered = 1; break; }
            }
        }
    }
    text[n] = 0;
    cr_assert(altered, "no core row for %s", want);
    ab_proc p = recheck_text(text, NULL);
    cr_expect_eq(p.status, 1, "%s%s", p.out, p.err);
    cr_expect(strstr(p.out, "sigmoid avx512-rr2-lut16-p3-div-fma-x64 core") != NULL, "%s", p.out);
    cr_expect(strstr(p.out, "CHANGED: output hash") != NULL, "%s", p.out);
    cr_expect_eq(ab_count_lines(p.out), 2, "%s", p.out); /* the changed row, the summary */
    ab_proc_free(&p);
    free(text);
    free(all);
}
