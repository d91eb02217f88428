/* test_torch_grad.c: libtorch's backward kernels as derivative variants
 * (impls/peers/torch_grad.c).  Every build: each is registered in both
 * precisions with the library "libtorch", and listed unavailable with the
 * reason when libtorch was not built.  With make PEERS=torch: a few values
 * that are exact (and document what the kernels do: NaN -> 1 at relu's
 * threshold_backward, hardsigmoid_backward's f64 slope 1.0f/6.0f, log1p's
 * formula finite below -1), in-place calls and position independence. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include "../harness/registry.h"

static const struct { const char *op, *name; } grads[] = {
    {"d_sigmoid", "torch-sigmoid-backward"},
    {"d_tanh", "torch-tanh-backward"},
    {"d_softplus", "torch-softplus-backward-b1-t20"},
    {"d_elu", "torch-elu-backward"},
    {"d_selu", "torch-selu-backward"},
    {"d_celu", "torch-celu-backward"},
    {"d_log_sigmoid", "torch-log-sigmoid-backward"},
    {"d_relu", "torch-relu-backward"},
    {"d_leaky_relu", "torch-leaky-relu-backward"},
    {"d_relu6", "torch-relu6-backward"},
    {"d_hard_tanh", "torch-hardtanh-backward"},
    {"d_hard_sigmoid", "torch-hardsigmoid-backward"},
    {"d_hard_swish", "torch-hardswish-backward"},
    {"d_exp", "torch-exp-autograd"},
    {"d_expm1", "torch-expm1-autograd"},
    {"d_log1p", "torch-log1p-autograd"},
    {"d_softsign", "torch-softsign-autograd"},
    {"d_silu", "torch-silu-backward"},
    {"d_mish", "torch-mish-backward"},
    {"d_gelu", "torch-gelu-backward-none"},
    {"d_gelu_tanh", "torch-gelu-backward-tanh"},
    {"softmax_backward", "torch-softmax-backward"},
    {"log_softmax_backward", "torch-log-softmax-backward"},
};

static const ab_variant *find(const char *op, const char *name, ab_precision p) {
    const ab_op *o = ab_find_op(op);
    cr_assert(o, "%s is not registered", op);
    const ab_variant *v = ab_op_find_variant(o, name, p);
    cr_assert(v, "%s/%s/%s is not registered", op, name, ab_precision_name(p));
    return v;
}

static int torch_built(void) {
    return ab_variant_available(find("d_sigmoid", "torch-sigmoid-backward", AB_F32));
}

Test(torch_grad, registered_with_libtorch) {
    for (size_t i = 0; i < sizeof grads / sizeof *grads; i++)
        for (int p = AB_F32; p <= AB_F64; p++) {
            const ab_variant *v = find(grads[i].op, grads[i].name, (ab_precision)p);
            const ab_library *l = ab_variant_library(v);
            cr_assert(l, "%s/%s has no library", grads[i].op, grads[i].name);
            cr_expect_str_eq(l->name, "libtorch");
            cr_expect_eq(v->strategy, AB_LIBRARY);
            cr_expect(isinf(v->max_ulp));
            char why[256];
            const char *r = ab_variant_unavailable_reason(v, why, sizeof why);
            cr_expect_eq(r == NULL, torch_built(), "%s/%s", grads[i].op, grads[i].name);
            /* why: libtorch is opt-in (make PEERS=torch), or no peer is
             * built at all (the sanitizer and fuzz builds, NO_PEERS=1) */
            if (r) cr_expect(strstr(r, "torch") || strstr(r, "NO_PEERS"), "%s: %s", grads[i].name, r);
        }
}

#define F32FN(op, name) ((ab_fn_f32)find(op, name, AB_F32)->fn)
#define F64FN(op, name) ((ab_fn_f64)find(op, name, AB_F64)->fn)

Test(torch_grad, exact_values) {
    if (!torch_built()) return;
    float x[4] = {-1, 0, 2, NAN}, y[4];
    F32FN("d_relu", "torch-relu-backward")(x, y, 4);
    cr_expect(y[0] == 0 && y[1] == 0 && y[2] == 1);
    cr_expect_eq(y[3], 1.0f, "threshold_backward sends NaN to the gradient");
    double z = 0, dz;
    F64FN("d_hard_sigmoid", "torch-hardsigmoid-backward")(&z, &dz, 1);
    cr_expect_eq(dz, (double)(1.0f / 6.0f), "f64 slope %a", dz);
    float s = 20, ds;
    F32FN("d_sigmoid", "torch-sigmoid-backward")(&s, &ds, 1);
    cr_expect_eq(ds, 0.0f, "(1 - y) y with y rounded to 1: %a", (double)ds);
    float l = -1.5f, dl;
    F32FN("d_log1p", "torch-log1p-autograd")(&l, &dl, 1);
    cr_expect_eq(dl, -2.0f);
    float inf = INFINITY, di;
    F32FN("d_softsign", "torch-softsign-autograd")(&inf, &di, 1);
    cr_expect(isnan(di), "inf / inf in the div gradient: %a", (double)di);
    /* softmax of (0, 0) is (1/2, 1/2); g = (1, 3): dx = y (g - <g, y>) = (-1/2, 1/2). */
    double row[4] = {0, 0, 1, 3}, dx[2];
    F64FN("softmax_backward", "torch-softmax-backward")(row, dx, 4);
    cr_expect(dx[0] == -0.5 && dx[1] == 0.5, "%a %a", dx[0], dx[1]);
    /* In place: dx over the row's x half. */
    F64FN("softmax_backward", "torch-softmax-backward")(row, row, 4);
    cr_expect(row[0] == -0.5 && row[1] == 0.5 && row[2] == 1 && row[3] == 3);
}

/* A result depends neither on its position nor on n (64-element blocks,
 * padded remainder), and x == y gives the same. */
Test(torch_grad, position_independent_and_in_place) {
    if (!torch_built()) return;
    enum { N = 100 };
    float x[N], y[N], one[N], inpl[N];
    for (int i = 0; i < N; i++) x[i] = (float)(i - 50) * 0.37f;
    const char *ops[][2] = {{"d_tanh", "torch-tanh-backward"},
                            {"d_log_sigmoid", "torch-log-sigmoid-backward"},
                            {"d_softsign", "torch-softsign-autograd"},
                            {"d_selu", "torch-selu-backward"}};
    for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
        ab_fn_f32 f = F32FN(ops[k][0], ops[k][1]);
        f(x, y, N);
        for (int i = 0; i < N; i++) f(&x[i], &one[i], 1);
        memcpy(inpl, x, sizeof x);
        f(inpl, inpl, N);
        for (int i = 0; i < N; i++) {
            cr_expect_eq(y[i], one[i], "%s at %a", ops[k][1], (double)x[i]);
            cr_expect_eq(y[i], inpl[i], "%s in place at %a", ops[k][1], (double)x[i]);
        }
    }
}
