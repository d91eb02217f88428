/* test_rows_backward.c: the backward row operations (softmax_backward,
 * log_softmax_backward; AB_ROW_HALF rows x then g).
 *
 * 1. The references against an independent evaluation: the O(L^2) form
 *      softmax:     dx_i = (sum_j (g_i - g_j) / D_j) / D_i,
 *                   D_j = 1 / y_j = 1 + sum_{k != j} e^(x_k - x_j)
 *      log_softmax: dx_i = g_i - G / D_i (G summed in order)
 *    at Q = 4p + 1.45 (max x - min finite x) + 64 bits (the cancellation
 *    of the reference's g_i S - A is at most e^(range) deep), rounded once
 *    by mpfr_get_flt / mpfr_get_d.  No intervals, no exact-zero theorem,
 *    no special paths: MPFR's IEEE rules give the signed zeros (y_j = +0
 *    for x_j = -inf, +0 * negative = -0) and the NaN rows.
 * 2. Hand cases: exact zeros (a constant gradient), the single-group
 *    rationals, a row whose weights leave MPFR's exponent range.
 * 3. The row generator keeps a gradient finite, and the measured failures
 *    of the naive variants show in the sweep's counters. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../harness/rows.h"
#include "../harness/sweep.h"
#include "../reference/rows.h"

TestSuite(rows_backward, .timeout = 120);

static const ab_row_op *op(const char *name) {
    const ab_op *o = ab_find_op(name);
    cr_assert(o && o->kind == AB_OP_ROW, "%s is not a row operation", name);
    return o->row;
}

static double to_fmt(mpfr_t v, ab_precision p) {
    return p == AB_F32 ? (double)mpfr_get_flt(v, MPFR_RNDN) : mpfr_get_d(v, MPFR_RNDN);
}

static void independent(int soft, ab_precision p, const double *xg, size_t n, double *out) {
    size_t L = n / 2;
    const double *x = xg, *g = xg + L;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t j = 0; j < L; j++)
        if (isfinite(x[j])) { lo = fmin(lo, x[j]); hi = fmax(hi, x[j]); }
    mpfr_prec_t Q = 4 * ab_format_bits(p) + 64 + (hi > lo ? (mpfr_prec_t)(1.45 * (hi - lo)) : 0);
    mpfr_t *y = malloc(L * sizeof *y), s, a, G;
    mpfr_inits2(Q, s, a, G, (mpfr_ptr)0);
    int any_nan = 0, fin = 0;
    for (size_t j = 0; j < L; j++) {
        any_nan |= isnan(x[j]) || x[j] == INFINITY;
        fin += isfinite(x[j]);
    }
    for (size_t j = 0; j < L; j++) {
        mpfr_init2(y[j], Q);
        mpfr_set_zero(s, 1);
        for (size_t k = 0; k < L; k++) {
            if (k == j || x[k] == -INFINITY) continue;
            mpfr_set_d(a, x[k], MPFR_RNDN);
            mpfr_sub_d(a, a, x[j], MPFR_RNDN);
            mpfr_exp(a, a, MPFR_RNDN);
            mpfr_add(s, s, a, MPFR_RNDN);
        }
        mpfr_add_ui(y[j], s, 1, MPFR_RNDN); /* D_j */
        if (any_nan || !fin) mpfr_set_nan(y[j]);
    }
    mpfr_set_zero(G, 1);
    for (size_t j = 0; j < L; j++) mpfr_add_d(G, G, g[j], MPFR_RNDN);
    for (size_t i = 0; i < L; i++) {
        if (soft) {
            mpfr_set_zero(s, 1);
            for (size_t j = 0; j < L; j++) {
                mpfr_set_d(a, g[i], MPFR_RNDN);
                mpfr_sub_d(a, a, g[j], MPFR_RNDN);
                mpfr_div(a, a, y[j], MPFR_RNDN);
                mpfr_add(s, s, a, MPFR_RNDN);
            }
            mpfr_div(s, s, y[i], MPFR_RNDN);
        } else {
            mpfr_div(s, G, y[i], MPFR_RNDN);
            mpfr_d_sub(s, g[i], s, MPFR_RNDN);
        }
        out[i] = to_fmt(s, p);
    }
    for (size_t j = 0; j < L; j++) mpfr_clear(y[j]);
    mpfr_clears(s, a, G, (mpfr_ptr)0);
    free(y);
}

static const char *const gens[] = {"uniform", "wide", "masked", "all_neginf",
                                   "constant", "dominant", "nan"};

static void check(const char *opn) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    const ab_row_op *o = op(opn);
    size_t cap = ab_row_max_len(o);
    double *x = malloc(cap * sizeof *x), *want = malloc(cap * sizeof *want);
    ab_refval *ref = malloc(cap * sizeof *ref);
    ab_row_ref_ctx *c = ab_row_ref_ctx_new();
    for (int p = AB_F32; p <= AB_F64; p++) {
        size_t rows = 0, outputs = 0, mismatches = 0, caps = 0;
        for (size_t g = 0; g < AB_COUNT(gens); g++)
            for (size_t r = 0; r < 16; r++) {
                size_t n;
                ab_row_generate(o, gens[g], 11, r, (ab_precision)p, x, &n);
                if (n > 66) continue; /* the O(L^2) form at up to 29,000 bits */
                caps += ab_row_reference_eval(c, o, (ab_precision)p, x, n, ref);
                independent(!strcmp(opn, "softmax_backward"), (ab_precision)p, x, n, want);
                size_t m = ab_row_out_len(o, n);
                cr_assert_eq(m, n / 2);
                rows++;
                outputs += m;
                for (size_t i = 0; i < m; i++)
                    if (!ab_same_result(ref[i].cr, want[i], (ab_precision)p) && mismatches++ < 5)
                        cr_log_error("%s %s row %s:11:%zu element %zu: reference %a, independent %a",
                                     opn, ab_precision_name((ab_precision)p), gens[g], r, i,
                                     ref[i].cr, want[i]);
            }
        cr_expect_eq(mismatches, 0, "%s %s: %zu of %zu outputs differ", opn,
                     ab_precision_name((ab_precision)p), mismatches, outputs);
        cr_expect_eq(caps, 0, "%s: %zu outputs hit the precision cap", opn, caps);
        cr_expect_geq(rows, 70, "%s: only %zu rows checked", opn, rows);
    }
    ab_row_ref_ctx_free(c);
    free(x);
    free(want);
    free(ref);
}

Test(rows_backward, softmax_reference) { check("softmax_backward"); }
Test(rows_backward, log_softmax_reference) { check("log_softmax_backward"); }

static void ref_row(const char *opn, ab_precision p, const double *xg, size_t n, ab_refval *r) {
    ab_row_ref_ctx *c = ab_row_ref_ctx_new();
    cr_expect_eq(ab_row_reference_eval(c, op(opn), p, xg, n, r), 0, "%s: cap hit", opn);
    ab_row_ref_ctx_free(c);
}

/* By hand (L = 2, x = (a, b), g = (g0, g1), y0 + y1 = 1):
 *   softmax:     dx_0 = y0 (g0 - g0 y0 - g1 y1) = y0 y1 (g0 - g1), dx_1 = -dx_0;
 *   log_softmax: dx_i = g_i - y_i (g0 + g1). */
Test(rows_backward, hand_cases) {
    ab_refval r[4];
    /* x equal: y = 1/2 each, dx_0 = (g0 - g1)/4 = (1 - 3)/4 = -1/2 exactly. */
    double eq[4] = {5, 5, 1, 3};
    ref_row("softmax_backward", AB_F32, eq, 4, r);
    cr_expect(r[0].cr == -0.5 && r[1].cr == 0.5, "dx = %a %a", r[0].cr, r[1].cr);
    /* log_softmax: dx_0 = 1 - 4/2 = -1, dx_1 = 3 - 2 = 1, exactly. */
    ref_row("log_softmax_backward", AB_F64, eq, 4, r);
    cr_expect(r[0].cr == -1 && r[1].cr == 1, "dx = %a %a", r[0].cr, r[1].cr);
    /* A constant gradient: softmax's VJP is exactly 0 (y sums to 1), for
     * any x: +0, decided without refinement to the cap. */
    double cg[6] = {1, -2, 0.5, 7, 7, 7};
    ref_row("softmax_backward", AB_F64, cg, 6, r);
    for (int i = 0; i < 3; i++) cr_expect(r[i].cr == 0 && !signbit(r[i].cr), "dx_%d = %a", i, r[i].cr);
    /* Three equal x: y = 1/3, dx_i = (3 g_i - G)/9 with g = (1, 2, 4):
     * (3 - 7)/9 = -4/9, a rational that is no float: rounded once. */
    double t3[6] = {0, 0, 0, 1, 2, 4};
    ref_row("softmax_backward", AB_F64, t3, 6, r);
    cr_expect_eq(r[0].cr, -4.0 / 9.0);
    cr_expect_eq(r[2].cr, 5.0 / 9.0);
    /* f32 x = (1e36, -1e36): y1 = e^(-2e36) is below MPFR's range.  dx_0 =
     * y0 y1 (1 - 3) < 0 and dx_1 > 0, both far below 2^-149: -0 and +0. */
    double h[4] = {(float)1e36, (float)-1e36, 1, 3};
    ref_row("softmax_backward", AB_F32, h, 4, r);
    cr_expect(r[0].cr == 0 && signbit(r[0].cr), "dx_0 = %a, want -0", r[0].cr);
    cr_expect(r[1].cr == 0 && !signbit(r[1].cr), "dx_1 = %a, want +0", r[1].cr);
    /* log_softmax there: dx_0 = 1 - y0 4 = -3 + 4 y1: just above -3;
     * dx_1 = 3 - 4 y1: just below 3.  Both round to the integers. */
    ref_row("log_softmax_backward", AB_F32, h, 4, r);
    cr_expect(r[0].cr == -3 && r[1].cr == 3, "dx = %a %a", r[0].cr, r[1].cr);
    /* A masked entry: y = +0, so softmax's dx = +0 * (g_i - <g,y>): the
     * zero of that sign.  x = (0, -inf), g = (1, 3): <g,y> = 1, g_1 - 1 =
     * 2 > 0: +0; g = (3, 1): g_1 - 3 < 0: -0.  log_softmax: g_1 exactly. */
    double m1[4] = {0, -INFINITY, 1, 3}, m2[4] = {0, -INFINITY, 3, 1};
    ref_row("softmax_backward", AB_F64, m1, 4, r);
    cr_expect(r[1].cr == 0 && !signbit(r[1].cr) && r[0].cr == 0, "dx = %a %a", r[0].cr, r[1].cr);
    ref_row("softmax_backward", AB_F64, m2, 4, r);
    cr_expect(r[1].cr == 0 && signbit(r[1].cr), "dx_1 = %a, want -0", r[1].cr);
    ref_row("log_softmax_backward", AB_F64, m1, 4, r);
    cr_expect(r[0].cr == 1 - 4 && r[1].cr == 3, "dx = %a %a", r[0].cr, r[1].cr);
}

/* The generator's gradient half is finite for every generator. */
Test(rows_backward, gradient_is_finite) {
    const ab_row_op *o = op("softmax_backward");
    double *x = malloc(ab_row_max_len(o) * sizeof *x);
    for (size_t gi = 0; gi < ab_row_generator_count(); gi++)
        for (size_t r = 0; r < 16; r++) {
            size_t n;
            ab_row_generate(o, ab_row_generator_name(gi), 3, r, AB_F32, x, &n);
            cr_assert(n % 2 == 0);
            for (size_t j = n / 2; j < n; j++)
                cr_assert(isfinite(x[j]), "%s row %zu: g[%zu] = %a", ab_row_generator_name(gi), r,
                          j - n / 2, x[j]);
        }
    free(x);
}
