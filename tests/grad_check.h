/* grad_check.h: what the derivative suites share (test_grad_basic.c,
 * test_grad_smooth.c): look up a derivative, run one variant at one input,
 * evaluate its reference, and the special-value check of the stable
 * variants (NaN of both signs, +-inf, +-0 against the correctly rounded
 * reference, bit for bit).  Static: each suite gets its own copy. */
#ifndef AB_TEST_GRAD_CHECK_H
#define AB_TEST_GRAD_CHECK_H
#include <criterion/criterion.h>
#include <math.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../reference/reference.h"

static inline const ab_activation *act(const char *name) {
    const ab_activation *a = ab_find_activation(name);
    cr_assert_not_null(a, "%s is not registered", name);
    return a;
}

/* One variant's output at x (in the variant's precision). */
static inline double run(const char *name, const char *variant, ab_precision p, double x) {
    const ab_variant *v = ab_find_variant(act(name), variant, p);
    cr_assert_not_null(v, "%s has no %s %s variant", name, variant, ab_precision_name(p));
    double y;
    ab_run_variant(v, &x, &y, 1);
    return y;
}

static inline ab_refval ref(ab_ref_ctx *ctx, const char *name, ab_precision p, double x) {
    ab_refval r;
    ab_reference_eval(ctx, act(name)->reference, p, x, &r);
    cr_assert(!r.cap_hit, "%s(%a) %s reference hit the precision cap", name, x,
              ab_precision_name(p));
    return r;
}

static inline void check_stable_special_values(const char *const *names, size_t n) {
    const double xs[] = {NAN, -NAN, INFINITY, -INFINITY, 0.0, -0.0};
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    cr_assert_not_null(ctx);
    for (size_t a = 0; a < n; a++)
        for (int p = AB_F32; p <= AB_F64; p++)
            for (size_t i = 0; i < AB_COUNT(xs); i++) {
                double y = run(names[a], "stable", (ab_precision)p, xs[i]);
                ab_refval r = ref(ctx, names[a], (ab_precision)p, xs[i]);
                cr_expect(ab_same_result(y, r.cr, (ab_precision)p),
                          "%s stable %s(%a) = %a, correctly rounded %a", names[a],
                          ab_precision_name((ab_precision)p), xs[i], y, r.cr);
            }
    ab_ref_ctx_free(ctx);
}
#endif
