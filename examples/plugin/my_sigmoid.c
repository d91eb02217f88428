/* my_sigmoid.c: an example actbench plugin.
 *
 * It adds a variant to an existing activation (sigmoid) and a new
 * activation with its own MPFR reference (swish_beta2, x * sigmoid(2x)).
 * Build: make example-plugin   (gives build/plugins/my_sigmoid.so)
 * Use:   build/actbench --plugin build/plugins/my_sigmoid.so sweep --activation sigmoid,swish_beta2 */
#include "../../api/actbench.h"
#include <math.h>

/* sigmoid through tanh: 0.5 + 0.5 tanh(x/2).  One libm call, no division,
 * but 0.5 + 0.5 t cancels for x < -17, where sigmoid is tiny. */
static void sigmoid_via_tanh(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = 0.5f + 0.5f * tanhf(0.5f * x[i]);
}

/* swish with beta = 2: x * sigmoid(2x), with sigmoid's stable branches. */
static float swish2(float x) {
    float e = expf(-fabsf(2.0f * x));
    return x * (x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e));
}
static void swish2_batch(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = swish2(x[i]);
}

/* MPFR reference: x / (1 + e^(-2x)).  exp (u), add of positives (u), div
 * (u): relative error under 4u = 2^(2-p), so the absolute error is below
 * 2^(EXP(y) + 3 - p). */
static long swish2_ref(mpfr_t y, const mpfr_t x, mpfr_prec_t p, mpfr_t *tmp) {
    if (mpfr_nan_p(x)) { mpfr_set_nan(y); return AB_REF_EXACT; }
    if (mpfr_inf_p(x)) {
        if (mpfr_sgn(x) > 0) mpfr_set_inf(y, 1); else mpfr_set_zero(y, -1);
        return AB_REF_EXACT;
    }
    if (mpfr_zero_p(x)) { mpfr_set(y, x, MPFR_RNDN); return AB_REF_EXACT; }
    mpfr_set_prec(tmp[0], p);
    mpfr_mul_si(tmp[0], x, -2, MPFR_RNDN);
    mpfr_exp(tmp[0], tmp[0], MPFR_RNDN);
    mpfr_add_ui(tmp[0], tmp[0], 1, MPFR_RNDN);
    mpfr_div(y, x, tmp[0], MPFR_RNDN);
    if (mpfr_zero_p(y) || mpfr_inf_p(y)) return AB_REF_EXACT; /* beyond MPFR's range */
    return (long)mpfr_get_exp(y) + 3 - (long)p;
}

static const ab_variant sigmoid_variants[] = {
    AB_VARIANT("via-tanh", AB_STABLE, "scalar", 4, "0.5+0.5*tanhf(x/2)", sigmoid_via_tanh),
};

static const ab_variant swish2_variants[] = {
    AB_VARIANT("stable", AB_STABLE, "scalar", 4, "x*sigmoid(2x), sign-branched", swish2_batch),
};

static const ab_range swish2_ranges[] = {{"neg_tail", -60, -40, -400, -300}};

static const ab_activation swish2_activation = {
    .name = "swish_beta2",
    .description = "x * sigmoid(2x)",
    .reference = swish2_ref,
    .ranges = swish2_ranges, .n_ranges = 1,
    .variants = swish2_variants, .n_variants = 1,
};

const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;

int actbench_plugin_register(const ab_host *host) {
    if (host->register_variant("sigmoid", &sigmoid_variants[0]) != 0) return 1;
    return host->register_activation(&swish2_activation);
}
