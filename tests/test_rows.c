/* test_rows.c: the row operations (softmax, log_softmax, logsumexp, maxout,
 * pooling, RBFs): their references are correctly rounded, the sweep is
 * deterministic, and the failures of the naive formulas are visible.
 * Expected values come from the hand analysis in the comments. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../harness/inputs.h"
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../harness/rows.h"
#include "../harness/sweep.h"
#include "../reference/rows.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(rows_reference, .timeout = 120);
TestSuite(rows_failures, .timeout = 120);
TestSuite(rows_sweep, .timeout = 120);

/* ---- helpers ------------------------------------------------------------- */
static const ab_row_op *op(const char *name) {
    const ab_row_op *o = ab_find_row_op(name);
    cr_assert_not_null(o, "row operation %s is not registered", name);
    return o;
}

static const ab_variant *var(const ab_row_op *o, const char *name, ab_precision p) {
    for (size_t i = 0; i < o->n_variants; i++)
        if (o->variants[i].precision == p && strcmp(o->variants[i].name, name) == 0)
            return &o->variants[i];
    cr_assert_fail("%s has no variant %s", o->name, name);
    return NULL;
}

static void run(const char *opn, const char *vn, ab_precision p, const double *x, size_t n,
                double *y) {
    const ab_row_op *o = op(opn);
    ab_call_variant(var(o, vn, p), x, n, y, ab_row_out_len(o, n));
}

/* The reference of a row, into out[] (out_len values); returns cap hits. */
static size_t reference(const char *opn, ab_precision p, const double *x, size_t n,
                        ab_refval *out) {
    ab_row_ref_ctx *c = ab_row_ref_ctx_new();
    size_t caps = ab_row_reference_eval(c, op(opn), p, x, n, out);
    ab_row_ref_ctx_free(c);
    return caps;
}

static double ulp_err(double y, const ab_refval *r, ab_precision p) {
    return ab_measure(y, r, p).ulp;
}

/* One sweep row, selected by op, variant, precision and generator. */
static const ab_row *find(const ab_sweep_result *res, const char *opn, const char *vn,
                               ab_precision p, const char *gen) {
    for (size_t i = 0; i < res->n; i++) {
        const ab_row *r = &res->rows[i];
        if (!strcmp(r->op->name, opn) && !strcmp(r->var->name, vn) &&
            r->prec == p && !strcmp(r->range, gen))
            return r;
    }
    cr_assert_fail("no sweep row %s/%s/%s", opn, vn, gen);
    return NULL;
}

static char *names1[1];
static void sweep(const char *opn, ab_precision p, const char *gens, size_t samples, int threads,
                  ab_sweep_result *res) {
    static char opbuf[64], genbuf[256];
    static char *gv[16];
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    strcpy(opbuf, opn);
    names1[0] = opbuf;
    o.activations.names = names1;
    o.activations.n = 1;
    strcpy(genbuf, gens);
    size_t ng = 0;
    for (char *s = strtok(genbuf, ","); s && ng < 16; s = strtok(NULL, ",")) gv[ng++] = s;
    o.ranges.names = gv;
    o.ranges.n = ng;
    o.precision = p;
    o.samples = samples;
    o.threads = threads;
    ab_sweep_run(&o, res);
}

/* ---- the references are correctly rounded ---------------------------------
 * Independent formulas, evaluated once at 4x the target precision and
 * rounded by mpfr_get_flt / mpfr_get_d:
 *   softmax_i     = 1 / (1 + sum_{j != i} e^(x_j - x_i))   (O(n^2), per element;
 *                   -inf entries x_j skipped, all -inf rows NaN)
 *   log_softmax_i = -log1p(sum_{j != i} e^(x_j - x_i)), at 4p + 1.45 (m - m2)
 *                   bits (see below)
 *   logsumexp     = log(sum e^(x_j)) (m + log(sum e^(x_j - m)) past e^(2^20))
 *   mean          = sequential sum / n; max/min: direct loop
 *   maxout        = fma chain from b_i, then max
 *   rbf           = exp(-s), sqrt(1 + s), s a sequential sum of squares.
 * The differences are rounded (not exact as in the reference), and the
 * sums are sequential (not mpfr_sum).  MPFR's IEEE rules for infinities
 * give the -inf and NaN policies without special cases. */
static double to_fmt(mpfr_t v, ab_precision p) {
    return p == AB_F32 ? (double)mpfr_get_flt(v, MPFR_RNDN) : mpfr_get_d(v, MPFR_RNDN);
}

static void independent(const char *opn, ab_precision p, const double *x, size_t n, double *out) {
    mpfr_prec_t P = 4 * ab_format_bits(p);
    mpfr_t a, s, t, u;
    mpfr_inits2(P, a, s, t, u, (mpfr_ptr)0);
    if (!strcmp(opn, "softmax") || !strcmp(opn, "log_softmax")) {
        /* log_softmax_i = (x_i - m) - log1p(T): x_i - m can be a rounding
         * midpoint of the target, and then only the tiny log1p(T) >=
         * e^-(m - m2) (m2 the second largest entry) decides the rounding,
         * so the working precision must reach below it. */
        if (!strcmp(opn, "log_softmax")) {
            double m1 = -INFINITY, m2 = -INFINITY;
            for (size_t j = 0; j < n; j++) {
                if (x[j] > m1) { m2 = m1; m1 = x[j]; }
                else if (x[j] > m2) m2 = x[j];
            }
            if (isfinite(m2) && m1 - m2 < 4e4) {
                mpfr_prec_t Q = P + (mpfr_prec_t)(1.4427 * (m1 - m2)) + 32;
                mpfr_set_prec(a, Q);
                mpfr_set_prec(s, Q);
            }
        }
        for (size_t i = 0; i < n; i++) {
            mpfr_set_zero(s, 1);
            size_t fin = 0;
            for (size_t j = 0; j < n; j++) fin += x[j] != -INFINITY;
            if (!fin) mpfr_set_nan(s); /* all -inf: 0/0 */
            for (size_t j = 0; j < n && fin; j++) {
                if (j == i || x[j] == -INFINITY) continue; /* e^-inf = 0 */
                mpfr_set_d(a, x[j], MPFR_RNDN);
                mpfr_sub_d(a, a, x[i], MPFR_RNDN);
                mpfr_exp(a, a, MPFR_RNDN);
                mpfr_add(s, s, a, MPFR_RNDN);
            }
            if (isnan(x[i])) mpfr_set_nan(s);
            if (!strcmp(opn, "softmax")) {
                mpfr_add_ui(s, s, 1, MPFR_RNDN);
                mpfr_ui_div(s, 1, s, MPFR_RNDN);
            } else {
                mpfr_log1p(s, s, MPFR_RNDN);
                /* An exact 0 (a single finite entry) is (x_i - m) - 0 = +0. */
                if (!mpfr_zero_p(s)) mpfr_neg(s, s, MPFR_RNDN);
            }
            out[i] = to_fmt(s, p);
        }
    } else if (!strcmp(opn, "logsumexp")) {
        double m = -INFINITY;
        for (size_t j = 0; j < n; j++) m = x[j] > m || isnan(x[j]) ? x[j] : m;
        int shift = isfinite(m) && fabs(m) > 0x1p20;
        mpfr_set_zero(s, 1);
        for (size_t j = 0; j < n; j++) {
            mpfr_set_d(a, x[j], MPFR_RNDN);
            if (shift) mpfr_sub_d(a, a, m, MPFR_RNDN);
            mpfr_exp(a, a, MPFR_RNDN);
            mpfr_add(s, s, a, MPFR_RNDN);
        }
        mpfr_log(s, s, MPFR_RNDN);
        if (shift) mpfr_add_d(s, s, m, MPFR_RNDN);
        out[0] = to_fmt(s, p);
    } else if (!strcmp(opn, "mean_pool")) {
        mpfr_set_zero(s, 1);
        for (size_t j = 0; j < n; j++) mpfr_add_d(s, s, x[j], MPFR_RNDN);
        mpfr_div_ui(s, s, (unsigned long)n, MPFR_RNDN);
        out[0] = to_fmt(s, p);
    } else if (!strcmp(opn, "max_pool") || !strcmp(opn, "min_pool")) {
        int mx = !strcmp(opn, "max_pool");
        double m = x[0];
        for (size_t j = 0; j < n; j++) {
            if (isnan(x[j]) || isnan(m)) { m = NAN; continue; }
            if (mx ? (x[j] > m || (x[j] == m && !signbit(x[j]))) : (x[j] < m || (x[j] == m && signbit(x[j]))))
                m = x[j];
        }
        out[0] = p == AB_F32 ? (double)(float)m : m;
    } else if (!strcmp(opn, "maxout")) {
        size_t d = (n - 4) / 5;
        int have = 0;
        for (size_t i = 0; i < 4; i++) {
            mpfr_set_d(t, x[5 * d + i], MPFR_RNDN);
            for (size_t j = 0; j < d; j++) {
                mpfr_set_d(a, x[d + i * d + j], MPFR_RNDN);
                mpfr_set_d(u, x[j], MPFR_RNDN);
                mpfr_fma(t, a, u, t, MPFR_RNDN);
            }
            if (mpfr_nan_p(t)) { mpfr_set_nan(s); have = 1; break; }
            if (!have || mpfr_greater_p(t, s) ||
                (mpfr_zero_p(t) && mpfr_zero_p(s) && !mpfr_signbit(t)))
                mpfr_set(s, t, MPFR_RNDN);
            have = 1;
        }
        out[0] = to_fmt(s, p);
    } else { /* gaussian_rbf, multiquadric_rbf */
        mpfr_set_zero(s, 1);
        for (size_t j = 0; j < n; j++) {
            mpfr_set_d(a, x[j], MPFR_RNDN);
            mpfr_sub_d(a, a, AB_RBF_CENTRE, MPFR_RNDN);
            mpfr_sqr(a, a, MPFR_RNDN);
            mpfr_add(s, s, a, MPFR_RNDN);
        }
        if (!strcmp(opn, "gaussian_rbf")) {
            mpfr_neg(s, s, MPFR_RNDN);
            mpfr_exp(s, s, MPFR_RNDN);
        } else {
            mpfr_add_ui(s, s, 1, MPFR_RNDN);
            mpfr_sqrt(s, s, MPFR_RNDN);
        }
        out[0] = to_fmt(s, p);
    }
    mpfr_clears(a, s, t, u, (mpfr_ptr)0);
}

static const char *const check_gens[] = {"uniform", "wide", "masked", "all_neginf",
                                         "constant", "dominant", "nan", "huge"};
#define CHECK_ROWS 40 /* per generator: 320 rows per op and precision */

static void check_reference(const char *opn) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    const ab_row_op *o = op(opn);
    int quadratic = o->output == AB_ROW_SAME;
    size_t cap = ab_row_max_len(o);
    double *x = malloc(cap * sizeof *x), *want = malloc(cap * sizeof *want);
    ab_refval *ref = malloc(cap * sizeof *ref);
    ab_row_ref_ctx *c = ab_row_ref_ctx_new();
    for (int p = AB_F32; p <= AB_F64; p++) {
        size_t rows = 0, outputs = 0, mismatches = 0, caps = 0;
        for (size_t g = 0; g < AB_COUNT(check_gens); g++)
            for (size_t r = 0; r < CHECK_ROWS; r++) {
                size_t n;
                ab_row_generate(o, check_gens[g], 7, r, (ab_precision)p, x, &n);
                if (quadratic && n > 128) continue; /* the O(n^2) formula */
                /* e^(x_j - x_i) for |x| ~ 1e36 leaves even MPFR's range: the
                 * independent log_softmax cannot be formed (exact_cases
                 * checks the reference's handling of that case). */
                if (!strcmp(opn, "log_softmax") && !strcmp(check_gens[g], "huge")) continue;
                caps += ab_row_reference_eval(c, o, (ab_precision)p, x, n, ref);
                independent(opn, (ab_precision)p, x, n, want);
                size_t m = ab_row_out_len(o, n);
                rows++;
                outputs += m;
                for (size_t i = 0; i < m; i++)
                    if (!ab_same_result(ref[i].cr, want[i], (ab_precision)p) && mismatches++ < 5)
                        cr_log_error("%s %s row %s:7:%zu element %zu: reference %a, "
                                     "independent %a",
                                     opn, ab_precision_name((ab_precision)p), check_gens[g], r,
                                     i, ref[i].cr, want[i]);
            }
        cr_expect_eq(mismatches, 0, "%s %s: %zu of %zu outputs differ", opn,
                     ab_precision_name((ab_precision)p), mismatches, outputs);
        cr_expect_eq(caps, 0, "%s: %zu outputs hit the precision cap", opn, caps);
        cr_expect_geq(rows, 200, "%s: only %zu rows checked", opn, rows);
    }
    ab_row_ref_ctx_free(c);
    free(x);
    free(want);
    free(ref);
}

Test(rows_reference, softmax, .timeout = 120) { check_reference("softmax"); }
Test(rows_reference, log_softmax, .timeout = 120) { check_reference("log_softmax"); }
Test(rows_reference, logsumexp, .timeout = 120) { check_reference("logsumexp"); }
Test(rows_reference, maxout, .timeout = 120) { check_reference("maxout"); }
Test(rows_reference, mean_pool, .timeout = 120) { check_reference("mean_pool"); }
Test(rows_reference, max_pool, .timeout = 120) { check_reference("max_pool"); }
Test(rows_reference, min_pool, .timeout = 120) { check_reference("min_pool"); }
Test(rows_reference, gaussian_rbf, .timeout = 120) { check_reference("gaussian_rbf"); }
Test(rows_reference, multiquadric_rbf, .timeout = 120) { check_reference("multiquadric_rbf"); }

/* Exact results and rounding midpoints must be recognised, not refined
 * until the cap. */
Test(rows_reference, exact_cases) {
    ab_refval r[4];
    /* softmax of a constant row of 4: exactly 1/4 each. */
    double c4[4] = {3, 3, 3, 3};
    cr_expect_eq(reference("softmax", AB_F32, c4, 4, r), 0);
    for (int i = 0; i < 4; i++) cr_expect_eq(r[i].cr, 0.25);
    /* mean of 1 and 1 + 2^-23 is 1 + 2^-24, the midpoint between two
     * floats: ties to even gives 1. */
    double mid[2] = {1, 1 + 0x1p-23};
    cr_expect_eq(reference("mean_pool", AB_F32, mid, 2, r), 0);
    cr_expect_eq(r[0].cr, 1.0);
    /* multiquadric of v = 1.25: d = 0.75, sqrt(0.5625 + 1) = 1.25 exactly. */
    double mq[1] = {1.25};
    cr_expect_eq(reference("multiquadric_rbf", AB_F64, mq, 1, r), 0);
    cr_expect_eq(r[0].cr, 1.25);
    /* log_softmax [1e36, -1e36] (f32): e^(-2e36) is below MPFR's range, so
     * y_0 = -log1p(tiny) rounds to -0 and y_1 = -2e36 - tiny to the float
     * nearest -2e36. */
    double h[2] = {(float)1e36, (float)-1e36};
    cr_expect_eq(reference("log_softmax", AB_F32, h, 2, r), 0);
    cr_expect(r[0].cr == 0 && signbit(r[0].cr), "y_0 = %a, want -0", r[0].cr);
    cr_expect_eq(r[1].cr, (double)(float)(h[1] - h[0]));
    /* logsumexp of [0, -inf]: m + log1p(0) = 0 exactly. */
    double z[2] = {0, -INFINITY};
    cr_expect_eq(reference("logsumexp", AB_F64, z, 2, r), 0);
    cr_expect(r[0].cr == 0 && !signbit(r[0].cr));
}

/* ---- failures the sweep must make visible -------------------------------- */

/* softmax [100, 0] in f32: e^100 = 2.7e43 > FLT_MAX (e^88.72), so the naive
 * sum is inf: y_0 = inf/inf = NaN, y_1 = 1/inf = 0.  The exact values are
 * 1/(1 + e^-100), which rounds to 1, and e^-100/(1 + e^-100) = 3.72e-44, a
 * subnormal (26 * 2^-149).  Max-subtraction computes e^0 = 1 and e^-100. */
Test(rows_failures, softmax_naive_overflows) {
    double x[2] = {100, 0}, y[2];
    ab_refval r[2];
    reference("softmax", AB_F32, x, 2, r);
    cr_expect_eq(r[0].cr, 1.0);
    cr_expect_eq(r[1].cr, (double)expf(-100.0f)); /* subnormal; expf is exact to 0.5 ulp here */
    run("softmax", "naive", AB_F32, x, 2, y);
    cr_expect(isnan(y[0]), "naive y_0 = %a, want NaN", y[0]);
    cr_expect_eq(y[1], 0.0);
    const char *stable[] = {"stable", "stable-pairwise", "stable-kahan", "online"};
    for (size_t k = 0; k < 4; k++) {
        run("softmax", stable[k], AB_F32, x, 2, y);
        for (int i = 0; i < 2; i++)
            cr_expect_leq(ulp_err(y[i], &r[i], AB_F32), 1.0, "%s y_%d = %a", stable[k], i, y[i]);
    }
}

/* On the `wide` generator (|x| up to 1e4) every f32 row with an entry
 * above 88.72 overflows the naive sum: NaN outputs and an infinite
 * row-sum error.  The stable variants have neither.  Their outputs that do
 * not underflow have |x_i - m| < 104, so whenever |m| > 208 x_i and m are
 * within a factor 2 and x_i - m is exact (Sterbenz): what remains is
 * exp's rounding and the sum's, a few ulps (64 leaves room). */
Test(rows_failures, softmax_wide_sweep, .timeout = 60) {
    ab_sweep_result res;
    sweep("softmax", AB_F32, "wide,all_neginf", 4096, 0, &res);
    const ab_row *n = find(&res, "softmax", "naive", AB_F32, "wide");
    cr_expect_gt(n->acc.nan, 0);
    cr_expect(isinf(n->row_sum_error), "naive row_sum_error %g", n->row_sum_error);
    const char *stable[] = {"stable", "stable-pairwise", "stable-kahan", "online"};
    for (size_t k = 0; k < 4; k++) {
        const ab_row *s = find(&res, "softmax", stable[k], AB_F32, "wide");
        cr_expect_eq(s->acc.nan, 0, "%s", stable[k]);
        cr_expect_eq(s->acc.overflow, 0, "%s", stable[k]);
        cr_expect_lt(s->acc.max_ulp, 64, "%s max_ulp %g", stable[k], s->acc.max_ulp);
        cr_expect_lt(s->row_sum_error, 1e-5, "%s", stable[k]);
        /* all -inf rows: the reference and every variant give NaN (0/0). */
        const ab_row *a = find(&res, "softmax", stable[k], AB_F32, "all_neginf");
        cr_expect_eq(a->acc.nan, 0, "%s all_neginf", stable[k]);
        cr_expect_str_eq(a->neg_inf_row_policy, "nan");
    }
    cr_expect_str_eq(find(&res, "softmax", "naive", AB_F32, "all_neginf")->neg_inf_row_policy, "nan");
    ab_sweep_result_free(&res);
}

/* All -inf rows.  softmax naive: e^-inf = 0, sum 0, 0/0 = NaN for every
 * element; stable: the stated policy (NaN, as PyTorch), tested explicitly.
 * log_softmax: NaN.  logsumexp: log(0) = -inf for naive (right by
 * accident) and stable (by its guard: -inf - -inf would be NaN).
 * max_pool: -inf.  The policy column is measured from the outputs. */
Test(rows_failures, all_neginf_rows) {
    double x[3] = {-INFINITY, -INFINITY, -INFINITY}, y[3];
    for (int p = AB_F32; p <= AB_F64; p++) {
        run("softmax", "naive", (ab_precision)p, x, 3, y);
        for (int i = 0; i < 3; i++) cr_expect(isnan(y[i]));
        run("softmax", "stable", (ab_precision)p, x, 3, y);
        for (int i = 0; i < 3; i++) cr_expect(isnan(y[i]));
        run("logsumexp", "naive", (ab_precision)p, x, 3, y);
        cr_expect(isinf(y[0]) && y[0] < 0);
        run("logsumexp", "stable", (ab_precision)p, x, 3, y);
        cr_expect(isinf(y[0]) && y[0] < 0);
    }
    struct { const char *op, *var, *policy; } want[] = {
        {"softmax", "naive", "nan"},          {"softmax", "online", "nan"},
        {"log_softmax", "naive", "nan"},      {"log_softmax", "stable", "nan"},
        {"logsumexp", "naive", "neginf"},     {"logsumexp", "stable", "neginf"},
        {"max_pool", "naive", "neginf"},      {"mean_pool", "kahan", "neginf"},
        {"gaussian_rbf", "scaled", "zeros"},  {"multiquadric_rbf", "scaled", "posinf"},
        /* maxout of an all -inf row: (-inf)(-inf) = +inf, + b = -inf: NaN
         * pieces, which the naive `z > m ? z : m` skips, keeping -inf. */
        {"maxout", "naive", "neginf"},        {"maxout", "fma", "nan"},
    };
    for (size_t i = 0; i < AB_COUNT(want); i++) {
        const ab_row_op *o = op(want[i].op);
        for (int p = AB_F32; p <= AB_F64; p++)
            cr_expect_str_eq(ab_row_neg_inf_policy(o, var(o, want[i].var, (ab_precision)p)),
                             want[i].policy, "%s/%s", want[i].op, want[i].var);
    }
    /* And the references' own policies. */
    ab_refval r[3];
    reference("softmax", AB_F64, x, 3, r);
    cr_expect(isnan(r[0].cr));
    reference("logsumexp", AB_F64, x, 3, r);
    cr_expect(isinf(r[0].cr) && r[0].cr < 0);
}

/* log_softmax [30, 0] in f32: e^30 = 1.07e13, whose ulp is 2^20, so
 * adding e^0 = 1 changes nothing: s = e^30, softmax_0 = 1, log = 0.  The
 * exact value is -log1p(e^-30) = -9.36e-14, in [2^-44, 2^-43): ulp
 * 2^-67, so 0 is 9.36e-14 * 2^67 = 1.4e7 ulps off.  "stable" computes
 * log(1 + e^-30) with 1 + e^-30 rounded to 1: the same 0.  log1p keeps
 * e^-30's digits (within a few ulps). */
Test(rows_failures, log_softmax_dominant) {
    double x[2] = {30, 0}, y[2];
    ab_refval r[2];
    reference("log_softmax", AB_F32, x, 2, r);
    cr_expect_lt(r[0].cr, -9.3e-14);
    cr_expect_gt(r[0].cr, -9.4e-14);
    run("log_softmax", "naive", AB_F32, x, 2, y);
    cr_expect_eq(y[0], 0.0);
    cr_expect_gt(ulp_err(y[0], &r[0], AB_F32), 1e7);
    run("log_softmax", "max-sub", AB_F32, x, 2, y);
    cr_expect_gt(ulp_err(y[0], &r[0], AB_F32), 1e7);
    run("log_softmax", "stable", AB_F32, x, 2, y);
    cr_expect_leq(ulp_err(y[0], &r[0], AB_F32), 4);
    cr_expect_leq(ulp_err(y[1], &r[1], AB_F32), 4);
}

Test(rows_failures, log_softmax_sweep, .timeout = 60) {
    ab_sweep_result res;
    sweep("log_softmax", AB_F32, "dominant,wide", 4096, 0, &res);
    /* dominant: the dominant entry's output is lost, as above. */
    cr_expect_gt(find(&res, "log_softmax", "naive", AB_F32, "dominant")->acc.max_ulp, 1e6);
    const ab_row *d = find(&res, "log_softmax", "stable", AB_F32, "dominant");
    cr_expect_lt(d->acc.max_ulp, 64);
    /* ... and the textbook max-subtraction loses it too (log(1 + t) = 0):
     * a zero where the exact value is -t, so a flush and a sign error. */
    cr_expect_gt(find(&res, "log_softmax", "max-sub", AB_F32, "dominant")->acc.zero_flush, 0);
    cr_expect_eq(d->acc.zero_flush + d->acc.sign_errors, 0);
    /* wide: e^x overflows for x > 88.72 -> NaN (inf/inf) and -inf (0/inf). */
    const ab_row *w = find(&res, "log_softmax", "naive", AB_F32, "wide");
    cr_expect_gt(w->acc.nan + w->acc.overflow, 0);
    const ab_row *sw = find(&res, "log_softmax", "stable", AB_F32, "wide");
    cr_expect_eq(sw->acc.nan + sw->acc.sign_errors + sw->acc.zero_flush, 0);
    ab_sweep_result_free(&res);
}

/* logsumexp [-200, -inf] in f32: e^-200 = 1.4e-87 underflows to 0 (below
 * 2^-149 = 1.4e-45), so naive gives log(0) = -inf; the value is exactly
 * -200 (m + log1p(0)), which stable gets exactly.  [100, 0]: e^100
 * overflows, naive gives +inf for 100 + log1p(e^-100) -> 100. */
Test(rows_failures, logsumexp_naive) {
    double x[2] = {-200, -INFINITY}, y[1];
    ab_refval r[1];
    reference("logsumexp", AB_F32, x, 2, r);
    cr_expect_eq(r[0].cr, -200.0);
    run("logsumexp", "naive", AB_F32, x, 2, y);
    cr_expect(isinf(y[0]) && y[0] < 0, "naive %a", y[0]);
    run("logsumexp", "stable", AB_F32, x, 2, y);
    cr_expect_eq(y[0], -200.0);
    double o[2] = {100, 0};
    reference("logsumexp", AB_F32, o, 2, r);
    cr_expect_eq(r[0].cr, 100.0);
    run("logsumexp", "naive", AB_F32, o, 2, y);
    cr_expect(isinf(y[0]) && y[0] > 0);
    run("logsumexp", "stable", AB_F32, o, 2, y);
    cr_expect_eq(y[0], 100.0);
}

/* max_pool [1, NaN, 3]: naive `m = x > m ? x : m` skips the NaN (the
 * comparison is false) and returns 3; the reference and stable give NaN.
 * [-0, +0]: naive keeps the first -0 (+0 > -0 is false); IEEE maximum is
 * +0.  min_pool mirrors both. */
Test(rows_failures, max_pool_nan_and_zeros) {
    double x[3] = {1, NAN, 3}, y[1];
    ab_refval r[1];
    reference("max_pool", AB_F32, x, 3, r);
    cr_expect(isnan(r[0].cr));
    run("max_pool", "naive", AB_F32, x, 3, y);
    cr_expect_eq(y[0], 3.0);
    run("max_pool", "stable", AB_F32, x, 3, y);
    cr_expect(isnan(y[0]));
    run("min_pool", "naive", AB_F64, x, 3, y);
    cr_expect_eq(y[0], 1.0);
    run("min_pool", "stable", AB_F64, x, 3, y);
    cr_expect(isnan(y[0]));
    double z[2] = {-0.0, 0.0};
    reference("max_pool", AB_F64, z, 2, r);
    cr_expect(r[0].cr == 0 && !signbit(r[0].cr));
    run("max_pool", "naive", AB_F64, z, 2, y);
    cr_expect(signbit(y[0]), "naive keeps -0");
    run("max_pool", "stable", AB_F64, z, 2, y);
    cr_expect(!signbit(y[0]));
    double z2[2] = {0.0, -0.0};
    reference("min_pool", AB_F64, z2, 2, r);
    cr_expect(r[0].cr == 0 && signbit(r[0].cr));
    run("min_pool", "stable", AB_F64, z2, 2, y);
    cr_expect(signbit(y[0]));
    /* The sweep's `nan` generator: one NaN per row, every naive output
     * is a NaN mismatch, no stable one is. */
    ab_sweep_result res;
    sweep("max_pool", AB_F32, "nan", 4096, 0, &res);
    const ab_row *n = find(&res, "max_pool", "naive", AB_F32, "nan");
    cr_expect_eq(n->acc.nan, n->acc.samples);
    cr_expect_eq(find(&res, "max_pool", "stable", AB_F32, "nan")->acc.nan, 0);
    ab_sweep_result_free(&res);
}

/* mean_pool on `long` rows (n = 4096 and 65536, entries in [-10, 10]), f32.
 * The running sum random-walks to ~10 sqrt(n/3) ~ 1500, where the ulp is
 * 2^-13; 65536 roundings of up to half of that accumulate to ~1e-2 on a
 * sum of ~1500, i.e. ~1.5e-7 on a mean of ~0.02 whose ulp is 2^-29: tens
 * of ulps or more.  Neumaier's error is 2u + O(n u^2) cond, with cond =
 * sum|x| / |sum x| ~ 200: the mean is within ~1 ulp (sum, then /n).
 * Pairwise: log2(n) = 16 levels instead of n: in between. */
Test(rows_failures, mean_pool_long, .timeout = 60) {
    ab_sweep_result res;
    sweep("mean_pool", AB_F32, "long", 65536, 0, &res);
    double naive = find(&res, "mean_pool", "naive", AB_F32, "long")->acc.max_ulp;
    double pair = find(&res, "mean_pool", "pairwise", AB_F32, "long")->acc.max_ulp;
    double kahan = find(&res, "mean_pool", "kahan", AB_F32, "long")->acc.max_ulp;
    cr_expect_gt(naive, 16, "naive %g", naive);
    cr_expect_leq(kahan, 1.0, "kahan %g", kahan);
    cr_expect_lt(pair, naive, "pairwise %g, naive %g", pair, naive);
    ab_sweep_result_free(&res);
}

/* multiquadric_rbf [1e20, 0.5] in f32: d_0 = 1e20, d_0^2 = 1e40 > FLT_MAX
 * (3.4e38): the naive sum is inf and sqrt(inf + 1) = inf, though
 * sqrt(1e40 + 1) = 1e20 (to 1e-40 relative).  The scaled norm has
 * t = 1e20, s = 1, t sqrt(1 + 1e-40) = t.  gaussian: the naive
 * e^(-inf) = 0 is right (e^(-1e40) underflows anyway). */
Test(rows_failures, rbf_naive_overflow) {
    double x[2] = {(float)1e20, 0.5}, y[1];
    ab_refval r[1];
    reference("multiquadric_rbf", AB_F32, x, 2, r);
    /* sqrt((v - 1/2)^2 + 1) = v - 1/2 + O(1e-20), and the ulp at 1e20 is 2^43. */
    cr_expect_eq(r[0].cr, (double)(float)1e20);
    run("multiquadric_rbf", "naive", AB_F32, x, 2, y);
    cr_expect(isinf(y[0]));
    cr_expect_eq(ab_measure(y[0], &r[0], AB_F32).ulp, ab_measure(INFINITY, &r[0], AB_F32).ulp);
    run("multiquadric_rbf", "scaled", AB_F32, x, 2, y);
    cr_expect_leq(ulp_err(y[0], &r[0], AB_F32), 1.0);
    reference("gaussian_rbf", AB_F32, x, 2, r);
    cr_expect_eq(r[0].cr, 0.0);
    run("gaussian_rbf", "naive", AB_F32, x, 2, y);
    cr_expect_eq(y[0], 0.0);
    ab_sweep_result res;
    sweep("multiquadric_rbf", AB_F32, "huge", 4096, 0, &res);
    const ab_row *n = find(&res, "multiquadric_rbf", "naive", AB_F32, "huge");
    cr_expect_eq(n->acc.overflow, n->acc.samples); /* every |v| > 1e20 */
    cr_expect_eq(find(&res, "multiquadric_rbf", "scaled", AB_F32, "huge")->acc.overflow, 0);
    ab_sweep_result_free(&res);
}

/* ---- generators and determinism ---------------------------------------- */
Test(rows_sweep, generators) {
    const ab_row_op *sm = op("softmax"), *mo = op("maxout");
    double *x = malloc(ab_row_max_len(mo) * sizeof *x);
    size_t n, seen1 = 0, seen2 = 0, seen_odd = 0;
    for (size_t r = 0; r < 16; r++) {
        ab_row_generate(sm, "uniform", 1, r, AB_F32, x, &n);
        seen1 += n == 1;
        seen2 += n == 2;
        seen_odd += n > 2 && n % 2;
        for (size_t i = 0; i < n; i++) cr_expect(x[i] >= -10 && x[i] <= 10 && x[i] == (float)x[i]);
        ab_row_generate(sm, "masked", 1, r, AB_F64, x, &n);
        size_t fin = 0;
        for (size_t i = 0; i < n; i++) fin += isfinite(x[i]);
        cr_expect_geq(fin, 1);
        ab_row_generate(sm, "dominant", 1, r, AB_F64, x, &n);
        if (n > 1) {
            double m1 = -INFINITY, m2 = -INFINITY;
            for (size_t i = 0; i < n; i++) {
                if (x[i] > m1) { m2 = m1; m1 = x[i]; }
                else if (x[i] > m2) m2 = x[i];
            }
            cr_expect_leq(fabs(m1 - m2 - 30), 1e-12); /* m + 30, rounded */
        }
        ab_row_generate(mo, "uniform", 1, r, AB_F64, x, &n);
        cr_expect_eq((n - 4) % 5, 0);
    }
    cr_expect(seen1 && seen2 && seen_odd);
    ab_row_generate(sm, "long", 1, 1, AB_F32, x, &n);
    cr_expect_eq(n, 65536);
    cr_expect_eq(ab_row_generate(sm, "nope", 1, 0, AB_F32, x, &n), -1);
    free(x);
}

static void same(const ab_sweep_result *a, const ab_sweep_result *b) {
    cr_assert_eq(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const ab_row *x = &a->rows[i], *y = &b->rows[i];
        cr_expect_eq(x->output_hash, y->output_hash);
        cr_expect_eq(x->acc.max_ulp, y->acc.max_ulp);
        cr_expect_eq(x->acc.sum_ulp, y->acc.sum_ulp);
        cr_expect_eq(x->acc.correctly_rounded, y->acc.correctly_rounded);
        cr_expect_str_eq(x->worst_row, y->worst_row);
        cr_expect_eq(x->worst_element, y->worst_element);
        cr_expect(x->row_sum_error == y->row_sum_error ||
                  (isnan(x->row_sum_error) && isnan(y->row_sum_error)));
        cr_expect_eq(x->cap_hits, y->cap_hits);
    }
}

Test(rows_sweep, deterministic_across_threads, .timeout = 120) {
    const char *ops[] = {"softmax", "mean_pool", "logsumexp"};
    for (size_t k = 0; k < AB_COUNT(ops); k++) {
        ab_sweep_result a, b, c;
        sweep(ops[k], AB_F64, "uniform,masked,dominant,wide", 8192, 1, &a);
        sweep(ops[k], AB_F64, "uniform,masked,dominant,wide", 8192, 2, &b);
        sweep(ops[k], AB_F64, "uniform,masked,dominant,wide", 8192, 3, &c);
        cr_expect_gt(a.n, 0);
        same(&a, &b);
        same(&a, &c);
        ab_sweep_result_free(&a);
        ab_sweep_result_free(&b);
        ab_sweep_result_free(&c);
    }
}

/* The replayable worst case: regenerating the row named by worst_row and
 * running the variant reproduces the worst output. */
Test(rows_sweep, worst_row_replays, .timeout = 60) {
    ab_sweep_result res;
    sweep("softmax", AB_F32, "uniform", 4096, 0, &res);
    const ab_row *w = find(&res, "softmax", "stable", AB_F32, "uniform");
    char gen[32];
    unsigned long long seed;
    size_t idx;
    cr_assert_eq(sscanf(w->worst_row, "%31[^:]:%llu:%zu", gen, &seed, &idx), 3);
    const ab_row_op *o = op("softmax");
    double x[1000], y[1000];
    size_t n;
    ab_row_generate(o, gen, seed, idx, AB_F32, x, &n);
    run("softmax", "stable", AB_F32, x, n, y);
    cr_expect_eq(y[w->worst_element], w->acc.worst_output);
    cr_expect_eq(x[w->worst_element], w->acc.worst_input);
    ab_sweep_result_free(&res);
}
