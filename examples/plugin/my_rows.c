/* my_rows.c: an example plugin for row operations.
 *
 * It adds a variant to an existing row operation (softmax) and a new row
 * operation with its MPFR reference (sum_pool: y = sum_i x_i).
 * Build: make example-plugin   (gives build/plugins/my_rows.so)
 * Use:   build/actbench --plugin build/plugins/my_rows.so sweep --activation softmax,sum_pool */
#include "../../api/actbench.h"
#include <math.h>

/* softmax without the max subtraction: e^x_i / sum e^x_j.  One pass fewer,
 * but e^x overflows for x > 88.7 (f32): the `wide` and `huge` generators
 * show NaN (inf / inf). */
static void softmax_no_max(const float *x, float *y, size_t n) {
    float s = 0;
    for (size_t i = 0; i < n; i++) s += y[i] = expf(x[i]);
    for (size_t i = 0; i < n; i++) y[i] /= s;
}

/* sum_pool, f32 and f64: the sequential sum. */
static void sum_f32(const float *x, float *y, size_t n) {
    float s = 0;
    for (size_t i = 0; i < n; i++) s += x[i];
    y[0] = s;
}
static void sum_f64(const double *x, double *y, size_t n) {
    double s = 0;
    for (size_t i = 0; i < n; i++) s += x[i];
    y[0] = s;
}

/* Reference: mpfr_sum rounds the exact sum once, however it cancels, so
 * its ternary value says whether y is exact; otherwise |y - f| is below
 * half an ulp of y at p bits: 2^(EXP(y) - p).  NaN and infinities follow
 * IEEE rules (mpfr_sum gives NaN for +inf + -inf). */
static void sum_ref(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p,
                    ab_row_scratch *s) {
    for (size_t i = 0; i < n; i++) s->ptr[i] = x[i];
    mpfr_set_prec(y[0], p);
    int inex = mpfr_sum(y[0], s->ptr, n, MPFR_RNDN);
    err[0] = inex && mpfr_regular_p(y[0]) ? (long)mpfr_get_exp(y[0]) - (long)p : AB_REF_EXACT;
}

static const ab_variant softmax_variants[] = {
    AB_VARIANT("no-max", AB_NAIVE, "scalar", INFINITY, "e^x_i / sum e^x_j (no max subtraction)",
               softmax_no_max),
};

static const ab_variant sum_variants[] = {
    AB_VARIANT("sequential", AB_NAIVE, "scalar", INFINITY, "s += x_i", sum_f32),
    AB_VARIANT("sequential", AB_NAIVE, "scalar", INFINITY, "s += x_i", sum_f64),
};

static const ab_row_op sum_pool = {
    .name = "sum_pool",
    .description = "y = sum_i x_i over a row",
    .output = AB_ROW_SCALAR,
    .reference = sum_ref,
    .neg_inf_row_policy = "neginf",
    .variants = sum_variants,
    .n_variants = AB_COUNT(sum_variants),
};

const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;

int actbench_plugin_register(const ab_host *host) {
    if (host->register_variant("softmax", &softmax_variants[0]) != 0) return 1;
    return host->register_row_op(&sum_pool);
}
