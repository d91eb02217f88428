/* test_contract.c: what api/actbench.h promises.
 *   - A reference may answer with a direction (AB_REF_ABOVE/BELOW), which
 *     decides a value a bound 2^E never can: x - tanh(x) at f32
 *     |x| >= 2^24, where x - 1 can be a rounding midpoint.
 *   - Registration takes the precision from the function's type, and a
 *     function of any other type does not compile. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../reference/reference.h"
#include "subprocess.h"

/* x - tanh(x) for |x| >= 2^24 (and finite): tanh(x) = sgn(x) (1 - d) with
 * 0 < d = 2/(e^(2|x|) + 1) < 2^-(2^25), so f(x) = x - sgn(x) + sgn(x) d:
 * just above x - 1 for x > 0, just below x + 1 for x < 0.  The inputs
 * below are integers near 2^24, so x -+ 1 is exact at 64 bits. */
static long xmt_direction(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    (void)p; (void)tmp;
    int pos = mpfr_sgn(x) > 0;
    if (pos) mpfr_sub_ui(y, x, 1, MPFR_RNDN);
    else mpfr_add_ui(y, x, 1, MPFR_RNDN);
    return pos ? AB_REF_ABOVE : AB_REF_BELOW;
}
/* The same value with the tightest bound MPFR could carry: 2^-(2^24). */
static long xmt_bound(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    xmt_direction(y, x, p, tmp);
    return -(1L << 24);
}

static double eval(ab_reference_fn f, double x, int *cap) {
    ab_ref_ctx *c = ab_ref_ctx_new();
    ab_refval r;
    ab_reference_eval(c, f, AB_F32, x, &r);
    ab_ref_ctx_free(c);
    *cap = r.cap_hit;
    return r.cr;
}

/* Hand analysis, f32 spacing 2 on [2^24, 2^25) and 1 on [2^23, 2^24):
 *   x = 2^24 + 2:    f = 2^24 + 1 + d: above the midpoint 2^24 + 1,
 *                    rounds up to 2^24 + 2 (a bound cannot tell the side);
 *   x = 2^24:        f = 2^24 - 1 + d: 2^24 - 1 is a float, the next is
 *                    2^24: rounds to 2^24 - 1;
 *   x = -(2^24 + 2): f = -(2^24 + 1) - d: below the midpoint, rounds to
 *                    -(2^24 + 2);
 *   x = 2^24 + 6:    f = 2^24 + 5 + d: above the midpoint between
 *                    2^24 + 4 and 2^24 + 6: rounds to 2^24 + 6. */
Test(contract, direction_decides_a_midpoint) {
    const double cases[][2] = {
        {0x1p24 + 2, 0x1p24 + 2}, {0x1p24, 0x1p24 - 1}, {-(0x1p24 + 2), -(0x1p24 + 2)},
        {0x1p24 + 6, 0x1p24 + 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int cap;
        double cr = eval(xmt_direction, cases[i][0], &cap);
        cr_expect_eq(cap, 0, "x = %a: the direction did not decide", cases[i][0]);
        cr_expect_eq(cr, cases[i][1], "x = %a: %a, expected %a", cases[i][0], cr, cases[i][1]);
    }
}

/* Without the direction the midpoint case is undecidable: the loop runs to
 * the precision cap, and says so. */
Test(contract, bound_alone_hits_the_cap_at_a_midpoint) {
    int cap;
    eval(xmt_bound, 0x1p24 + 2, &cap);
    cr_expect_eq(cap, 1, "a bound decided a value that lies within it of a midpoint");
    /* 2^24 - 1 + d rounds to 2^24 - 1 whatever d, but 2^24 - 1 is a float,
     * a point of the grid (reference.h) on which f's side must be known
     * for exact ULP errors: a bound cannot tell it either. */
    double cr = eval(xmt_bound, 0x1p24, &cap);
    cr_expect_eq(cap, 1);
    cr_expect_eq(cr, 0x1p24 - 1);
}

/* Compiles a registration with gcc; returns its exit status and keeps its
 * diagnostics in *err. */
static int compile(const char *fn_decl, char **err) {
    char *dir = ab_make_tmpdir();
    char *src = ab_path_join(dir, "reg.c");
    char text[2048];
    snprintf(text, sizeof text,
             "#include \"%s/api/actbench.h\"\n%s\n"
             "static const ab_variant v[] = {AB_VARIANT(\"v\", AB_NAIVE, \"scalar\", 1, \"f\", f)};\n"
             "int precision_of_v(void) { return (int)v[0].precision; }\n",
             AB_SOURCE_DIR, fn_decl);
    ab_write_text(src, text);
    char *obj = ab_path_join(dir, "reg.o"), *log = ab_path_join(dir, "log");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cc -std=c17 -c %s -o %s 2> %s", src, obj, log);
    int rc = system(cmd);
    *err = ab_slurp(log);
    free(src);
    free(obj);
    free(log);
    ab_remove_tmpdir(dir);
    return rc;
}

Test(contract, precision_comes_from_the_function_type) {
    char *err;
    cr_expect_eq(compile("static void f(const float *x, float *y, size_t n) { (void)x; (void)y; (void)n; }", &err), 0, "%s", err);
    free(err);
    cr_expect_eq(compile("static void f(const double *x, double *y, size_t n) { (void)x; (void)y; (void)n; }", &err), 0, "%s", err);
    free(err);
    /* Mixed types, a scalar function, an int batch: none is a batch of
     * either precision, so none compiles. */
    const char *bad[] = {
        "static void f(const float *x, double *y, size_t n) { (void)x; (void)y; (void)n; }",
        "static float f(float x) { return x; }",
        "static void f(const int *x, int *y, size_t n) { (void)x; (void)y; (void)n; }",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_expect_neq(compile(bad[i], &err), 0, "compiled: %s", bad[i]);
        cr_expect(err && strstr(err, "_Generic"), "no _Generic error for %s: %s", bad[i], err);
        free(err);
    }
}

/* And the precision it takes is the right one. */
static void f32_batch(const float *x, float *y, size_t n) { (void)x; (void)y; (void)n; }
static void f64_batch(const double *x, double *y, size_t n) { (void)x; (void)y; (void)n; }
Test(contract, registered_precision_matches_type) {
    const ab_variant v[] = {
        AB_VARIANT("a", AB_NAIVE, "scalar", 1, "f", f32_batch),
        AB_VARIANT("b", AB_NAIVE, "scalar", 1, "f", f64_batch),
    };
    cr_expect_eq(v[0].precision, AB_F32);
    cr_expect_eq(v[1].precision, AB_F64);
    cr_expect(v[0].fn == (void (*)(void))f32_batch);
}

/* Thresholds are counted by the macro. */
Test(contract, thresholds_are_counted) {
    const ab_activation a = {.name = "t", AB_THRESHOLDS32(0, -3, 3), AB_THRESHOLDS64(1)};
    cr_expect_eq(a.n_thresholds32, 3);
    cr_expect_eq(a.n_thresholds64, 1);
    cr_expect_eq(a.thresholds32[1], -3);
}
