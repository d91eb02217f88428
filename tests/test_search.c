/* test_search.c: the worst-case search (harness/search.c) against the
 * planted defect of tests/plugins/planted_band.h: relu moved up
 * m(d) = floor(C / max(|d|, 1)) ulps at ordinal distance d from c.  The
 * expected errors are computed here from the model in value arithmetic
 * (x and c in [1, 2), so d = (x - c) 2^52 exactly, 2^23 for f32), not
 * from the code under test.  Jobs are the sweep's: relu, `core`, 65536
 * stratified samples, the default seed. */
#include <criterion/criterion.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/inputs.h"
#include "../harness/plugin.h"
#include "../harness/registry.h"
#include "../harness/search.h"
#include "../harness/sweep.h"
#include "../reference/reference.h"
#include "plugins/planted_band.h"
#include "subprocess.h"

static const ab_variant planted64 =
    AB_VARIANT("planted-band", AB_STABLE, "scalar", 0.5, PB_FORMULA, pb_relu64_batch);
static const ab_variant planted32 =
    AB_VARIANT("planted-band", AB_STABLE, "scalar", 0.5, PB_FORMULA, pb_relu32_batch);

/* The model's error at x (0 outside [1, 2), where it is 0 by the header's
 * analysis: |d| > C there). */
static double model_ulps(double x, ab_precision p) {
    if (!(x >= 1 && x < 2)) return 0;
    double c = p == AB_F64 ? PB64_CENTRE : (double)PB32_CENTRE;
    double d = fabs(ldexp(x - c, p == AB_F64 ? 52 : 23)); /* exact: same binade */
    double C = (double)(p == AB_F64 ? PB64_C : PB32_C);
    return floor(C / (d > 1 ? d : 1));
}

/* One job's stratified pass, as the sweep makes it. */
typedef struct {
    const ab_activation *a;
    ab_precision p;
    double lo, hi;
    double *x, *y;
    ab_refval *ref;
    size_t n;
} job;

static void job_make(job *j, const ab_variant *v, ab_precision p) {
    j->a = ab_find_activation("relu");
    cr_assert_not_null(j->a);
    j->p = p;
    cr_assert_eq(ab_range_bounds(j->a, "core", p, &j->lo, &j->hi), 0);
    size_t n = AB_DEFAULT_SAMPLES;
    j->x = malloc(n * sizeof *j->x);
    j->y = malloc(n * sizeof *j->y);
    j->ref = malloc(n * sizeof *j->ref);
    uint64_t stream = ab_hash_string(j->a->name) ^ ab_mix64(ab_hash_string("core") + p);
    int exhaustive;
    j->n = ab_range_inputs(j->lo, j->hi, p, AB_DEFAULT_SEED, stream, n, j->x, &exhaustive);
    cr_assert_eq(exhaustive, 0);
    cr_assert_eq(j->n, n);
    ab_run_variant(v, j->x, j->y, n);
    ab_ref_ctx *c = ab_ref_ctx_new();
    for (size_t i = 0; i < n; i++) ab_reference_eval(c, j->a->reference, p, j->x[i], &j->ref[i]);
    ab_ref_ctx_free(c);
}

static void job_free(job *j) {
    free(j->x);
    free(j->y);
    free(j->ref);
}

typedef struct {
    size_t evals;
    ab_acc acc;
    ab_props_acc props;
    uint64_t hash, caps;
    ab_search_stats st;
} outcome;

static void search(const job *j, const ab_variant *v, size_t budget, outcome *o) {
    ab_search_opts so;
    ab_search_opts_init(&so);
    so.budget = budget;
    so.stats = &o->st;
    o->evals = ab_search_run(j->a, v, j->p, j->lo, j->hi, j->x, j->y, j->ref, j->n, &so,
                             &o->acc, &o->props, &o->hash, &o->caps);
}

static double stratified_max(const job *j) {
    ab_acc a;
    ab_acc_init(&a);
    for (size_t i = 0; i < j->n; i++) ab_acc_add(&a, i, j->x[i], j->y[i], &j->ref[i], j->p);
    return a.max_ulp;
}

static void assert_same(const outcome *a, const outcome *b) {
    cr_assert_eq(a->evals, b->evals);
    cr_assert_eq(a->hash, b->hash);
    cr_assert_eq(a->caps, b->caps);
    cr_assert_eq(a->acc.samples, b->acc.samples);
    cr_assert_eq(a->acc.measured, b->acc.measured);
    cr_assert_eq(a->acc.correctly_rounded, b->acc.correctly_rounded);
    cr_assert_eq(a->acc.over_1ulp, b->acc.over_1ulp);
    cr_assert_eq(a->acc.max_ulp, b->acc.max_ulp);
    cr_assert_eq(a->acc.sum_ulp, b->acc.sum_ulp);
    cr_assert_eq(a->acc.worst_index, b->acc.worst_index);
    cr_assert_eq(memcmp(&a->acc.worst_input, &b->acc.worst_input, sizeof(double)), 0);
    cr_assert_eq(memcmp(a->acc.hist, b->acc.hist, sizeof a->acc.hist), 0);
    cr_assert_eq(memcmp(a->props.violations, b->props.violations, sizeof a->props.violations), 0);
    cr_assert_eq(memcmp(a->props.checked, b->props.checked, sizeof a->props.checked), 0);
}

/* (1) The stratified pass sees the shoulder (a few ulps, by the header's
 * analysis at least floor(C / W) = 3) but not the band (< 2^30 ulps), and
 * its max is the model's max over its inputs. */
Test(search, stratified_pass_misses_the_band) {
    job j;
    job_make(&j, &planted64, AB_F64);
    double expect = 0;
    for (size_t i = 0; i < j.n; i++) expect = fmax(expect, model_ulps(j.x[i], AB_F64));
    double got = stratified_max(&j);
    cr_assert_eq(got, expect, "stratified max %g, model %g", got, expect);
    cr_assert(got >= 3 && got < (double)PB64_LEVEL, "stratified max %g", got);
    job_free(&j);
}

/* (2) The default budget reaches the band and climbs to the peak: a local
 * maximum of a unimodal error is found exactly, m = C at |d| <= 1. */
Test(search, finds_the_planted_band_f64) {
    job j;
    job_make(&j, &planted64, AB_F64);
    outcome o;
    search(&j, &planted64, AB_SEARCH_DEFAULT_BUDGET, &o);
    cr_assert(o.evals > 0 && o.evals <= AB_SEARCH_DEFAULT_BUDGET);
    cr_assert_eq(o.acc.samples, j.n + o.evals);
    cr_assert(o.acc.worst_index >= j.n, "the worst is a search evaluation");
    double w = o.acc.worst_input, dist = fabs(ldexp(w - PB64_CENTRE, 52));
    cr_assert(dist <= (double)PB64_HALF_BAND, "worst input %a is outside the band", w);
    cr_assert_eq(o.acc.max_ulp, model_ulps(w, AB_F64), "max %g at %a", o.acc.max_ulp, w);
    cr_assert_eq(o.acc.max_ulp, (double)PB64_C, "the peak: max %g at %a", o.acc.max_ulp, w);
    cr_assert(o.st.first_improvement > 0 && o.st.first_improvement <= o.evals);
    cr_assert_eq(o.caps, 0);
    /* The search outputs break relu's monotonicity and x-symmetry. */
    cr_assert_gt(o.props.violations[AB_PROP_SYMMETRY], 0);
    job_free(&j);
}

/* (3) Same acc, hash and properties for repeated runs and any thread
 * count. */
Test(search, deterministic_for_any_thread_count) {
    job j;
    job_make(&j, &planted64, AB_F64);
    outcome a, b, c;
    omp_set_num_threads(1);
    search(&j, &planted64, 1000, &a);
    omp_set_num_threads(2);
    search(&j, &planted64, 1000, &b);
    search(&j, &planted64, 1000, &c);
    assert_same(&a, &b);
    assert_same(&b, &c);
    job_free(&j);
}

/* (4) A correctly rounded variant: nothing above 0.5 ulp (relu is exact,
 * so nothing above 0), in both formats. */
Test(search, correct_variant_stays_correct) {
    for (int p = AB_F32; p <= AB_F64; p++) {
        const ab_variant *v = ab_find_variant(ab_find_activation("relu"), "stable", (ab_precision)p);
        cr_assert_not_null(v);
        job j;
        job_make(&j, v, (ab_precision)p);
        outcome o;
        search(&j, v, 1024, &o);
        cr_assert_eq(o.evals, 1024);
        cr_assert_eq(o.acc.samples, j.n + 1024);
        cr_assert(o.acc.max_ulp <= 0.5, "max %g", o.acc.max_ulp);
        cr_assert_eq(o.acc.correctly_rounded, o.acc.samples);
        for (int k = 0; k < AB_PROP_COUNT; k++) cr_assert_eq(o.props.violations[k], 0);
        job_free(&j);
    }
}

/* (5) The budget bounds the evaluations, including budgets that end
 * mid-round and 0 (the stratified pass alone, an empty hash). */
Test(search, budget_is_respected) {
    job j;
    job_make(&j, &planted64, AB_F64);
    const size_t budgets[] = {0, 1, 7, 37, 100};
    for (size_t k = 0; k < AB_COUNT(budgets); k++) {
        outcome o;
        search(&j, &planted64, budgets[k], &o);
        cr_assert_leq(o.evals, budgets[k]);
        cr_assert_eq(o.evals, budgets[k], "enough candidates for %zu", budgets[k]);
        cr_assert_eq(o.acc.samples, j.n + o.evals);
        if (budgets[k] == 0) {
            cr_assert_eq(o.hash, AB_FNV_OFFSET);
            cr_assert_eq(o.acc.max_ulp, stratified_max(&j));
        }
    }
    job_free(&j);
}

/* (6) Sampled f32: the same defect scaled (C = 2^17, band |d| <= 2^5 at
 * >= 2^12 ulps): missed by the stratified pass, found at its peak. */
Test(search, finds_the_planted_band_f32) {
    job j;
    job_make(&j, &planted32, AB_F32);
    double s = stratified_max(&j);
    cr_assert(s >= 3 && s < (double)PB32_LEVEL, "stratified max %g", s);
    outcome o;
    search(&j, &planted32, AB_SEARCH_DEFAULT_BUDGET, &o);
    cr_assert_leq(o.evals, AB_SEARCH_DEFAULT_BUDGET);
    double w = o.acc.worst_input;
    cr_assert_eq(w, (float)w);
    cr_assert(fabs(ldexp(w - PB32_CENTRE, 23)) <= (double)PB32_HALF_BAND, "worst %a", w);
    cr_assert_eq(o.acc.max_ulp, model_ulps(w, AB_F32));
    cr_assert_eq(o.acc.max_ulp, (double)PB32_C);
    job_free(&j);
}

/* A plugin variant runs in a child per batch: the same results as in
 * process; and a child that crashes on the band stops the search there,
 * with what was done before. */
Test(search, plugin_variant_isolated) {
    char *path = ab_plugin_path("planted_band.so");
    ab_load_plugin(path);
    free(path);
    path = ab_plugin_path("planted_band_crash.so");
    ab_load_plugin(path);
    free(path);
    const ab_activation *a = ab_find_activation("relu");
    const ab_variant *pv = ab_find_variant(a, "planted-band", AB_F64);
    const ab_variant *cv = ab_find_variant(a, "planted-crash", AB_F64);
    cr_assert(pv && cv && ab_variant_isolated(pv) && ab_variant_isolated(cv));
    job j;
    job_make(&j, &planted64, AB_F64);
    outcome in, iso, crash;
    search(&j, &planted64, 600, &in);
    search(&j, pv, 600, &iso);
    assert_same(&in, &iso);
    cr_assert_eq(iso.st.run.status, AB_RUN_OK);
    cr_assert(in.acc.max_ulp >= (double)PB64_LEVEL, "600 evaluations reach the band");

    search(&j, cv, 600, &crash);
    cr_assert_eq(crash.st.run.status, AB_RUN_CRASHED);
    cr_assert_lt(crash.evals, 600);
    cr_assert(pb_in_band64(crash.st.last_input), "crashed at %a", crash.st.last_input);
    cr_assert_lt(crash.acc.max_ulp, (double)PB64_LEVEL, "no band output was returned");
    cr_assert_eq(crash.acc.samples, j.n + crash.evals);
    job_free(&j);
}
