/* test_plugin_rows.c: plugins add row-operation variants and new row
 * operations (examples/plugin/my_rows.c), and a crashing row variant is
 * isolated like an elementwise one (tests/plugins/misbehave.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/csv_schema.h"
#include "subprocess.h"

/* The CSV row of (activation, variant, precision, range), or NULL. */
static const ab_result_row *row(const ab_results *r, const char *a, const char *v,
                                const char *p, const char *g) {
    ab_result_row key = {.activation = a, .variant = v, .precision = p, .range = g};
    return ab_results_find(r, &key);
}

static void sweep_with(const char *plugin, const char *acts, const char *vars, const char *out) {
    char *so = ab_plugin_path(plugin);
    const char *args[] = {"--plugin", so, "--plugin-timeout", "5", "sweep", "--activation", acts,
                          "--variant", vars, "--samples", "1024", "--quiet", "-o", out, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "sweep with %s: %s", plugin, p.err);
    ab_proc_free(&p);
    free(so);
}

Test(plugin_rows, variant_and_new_row_operation, .timeout = 120) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "rows.csv");
    sweep_with("my_rows.so", "softmax,sum_pool", "no-max,sequential", out);
    ab_results r;
    char err[512];
    cr_assert_eq(ab_results_load(out, &r, err, sizeof err), 0, "%s", err);
    /* softmax/no-max exists in f32 only; sum_pool/sequential in both: 9
     * generators each. */
    cr_expect_eq(r.n, 9 + 2 * 9, "%zu rows", r.n);
    /* wide rows are uniform on [-1e4, 1e4]: a row of n >= 2 entries holds
     * an x > 88.73 with probability 1 - 0.5045^n, where e^x overflows f32:
     * inf/inf = NaN where the reference is finite. */
    const ab_result_row *w = row(&r, "softmax", "no-max", "f32", "wide");
    cr_assert_not_null(w);
    cr_expect_gt(w->nan, 0, "no-max on wide rows: nan = %llu", (unsigned long long)w->nan);
    cr_expect_str_eq(w->status, "ok");
    /* An all -inf row sums to -inf exactly: no error, and the measured
     * policy is the reference's. */
    const ab_result_row *s = row(&r, "sum_pool", "sequential", "f64", "all_neginf");
    cr_assert_not_null(s);
    cr_expect_eq(s->max_ulp, 0);
    cr_expect_str_eq(s->neg_inf_row_policy, "neginf");
    /* A sequential f64 sum of uniform [-10, 10] rows of up to 1000 entries
     * is off by a few ulps of the result at most, never by 2^20 (a sum of
     * n terms errs by at most (n - 1) u sum|x_i|, and these sums do not
     * cancel to below 2^-20 of sum|x_i| on 256 seeded rows: the measured
     * maximum at the default seed is 6). */
    const ab_result_row *u = row(&r, "sum_pool", "sequential", "f64", "uniform");
    cr_assert_not_null(u);
    cr_expect(u->max_ulp > 0 && u->max_ulp < 0x1p20, "max_ulp %g", u->max_ulp);
    ab_results_free(&r);
    free(out);
    ab_remove_tmpdir(dir);
}

Test(plugin_rows, crashing_row_variant_is_isolated, .timeout = 120) {
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "rows.csv");
    char *so = ab_plugin_path("misbehave.so");
    const char *args[] = {"--plugin", so, "sweep", "--activation", "logsumexp", "--variant",
                          "segv-long,stable", "--precision", "f32", "--samples", "1024",
                          "-o", out, NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 0, "%s", p.err);
    cr_expect_not_null(strstr(p.err, "logsumexp/segv-long/f32 crashed (SEGV) on generator long "
                                     "at row long:"), "%s", p.err);
    ab_results r;
    char err[512];
    cr_assert_eq(ab_results_load(out, &r, err, sizeof err), 0, "%s", err);
    const ab_result_row *l = row(&r, "logsumexp", "segv-long", "f32", "long");
    cr_assert_not_null(l);
    cr_expect_str_eq(l->status, "crashed (SEGV)");
    /* Every other generator's rows are at most 1000 long: they all ran. */
    const ab_result_row *u = row(&r, "logsumexp", "segv-long", "f32", "uniform");
    cr_assert_not_null(u);
    cr_expect_str_eq(u->status, "ok");
    cr_expect_eq(u->samples, 4, "uniform rows: %llu", (unsigned long long)u->samples);
    ab_results_free(&r);
    ab_proc_free(&p);
    free(so);
    free(out);
    ab_remove_tmpdir(dir);
}
