/* test_derivatives.c: every derivative activation d_<name> against an
 * independent computation, and the catalogue of derivatives.
 *
 * Independent value: the central difference of the FORWARD reference,
 *   D(x) = (f(x + h) - f(x - h)) / (2h),  h = 2^(e - 300), 2^(e-1) <= |x| < 2^e
 *   (h = 2^-400 at x = 0),
 * each f evaluated by the forward activation's own MPFR reference at P =
 * 1400 bits (its answer's error 2^E is checked to be below 2^-1100 |f|).
 * Taylor: D(x) - f'(x) = h^2 f'''(xi) / 6, so |D - f'| is below
 * 2^(2e - 600) |f'''| plus the evaluation error 2^-1100 |f| / h; both are
 * hundreds of bits below the last bit of f'(x) at every point sampled
 * here unless f'(x) is itself that small, which the test skips (|f'| below
 * 2^-1000 or f' rounding to 0).  The derivative references share no code
 * with this: they are interval formulas of their own (reference/d_*.c).
 * D is rounded to the format once and compared with the derivative
 * reference's correctly rounded value, bit for bit.
 *
 * Kinks: the piecewise functions' conventions (relu'(0) = 0, ...) are
 * not derivatives there, so x equal to one of d_<name>'s declared
 * thresholds is skipped; so are non-finite inputs and outputs. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../harness/metrics.h"
#include "../harness/registry.h"
#include "../reference/reference.h"

TestSuite(derivatives, .timeout = 120);

/* The catalogue: the smooth ones and the piecewise-linear ones. */
static const char *const smooth[] = {"sigmoid", "tanh", "softplus", "log_sigmoid", "silu",
                                     "mish", "gelu", "gelu_tanh", "elu", "selu", "celu",
                                     "softsign", "gaussian", "erf", "exp", "expm1", "log1p"};
static const char *const piecewise[] = {"relu", "leaky_relu", "relu6", "hard_sigmoid",
                                        "hard_tanh", "hard_swish"};

Test(derivatives, catalogue_is_registered) {
    char name[64];
    for (size_t i = 0; i < AB_COUNT(smooth) + AB_COUNT(piecewise); i++) {
        const char *f = i < AB_COUNT(smooth) ? smooth[i] : piecewise[i - AB_COUNT(smooth)];
        snprintf(name, sizeof name, "d_%s", f);
        const ab_activation *d = ab_find_activation(name);
        cr_expect_not_null(d, "%s is not registered", name);
        if (!d) continue;
        for (int p = AB_F32; p <= AB_F64; p++) {
            const char *want[] = {"naive", "from-output", "stable"};
            for (size_t k = 0; k < AB_COUNT(want); k++) {
                int pw = i >= AB_COUNT(smooth);
                if (pw && k == 2) continue; /* a slope needs no "stable" rewrite */
                const ab_variant *v = ab_find_variant(d, want[k], (ab_precision)p);
                if (!v && pw && k == 1) v = ab_find_variant(d, "framework", (ab_precision)p);
                cr_expect_not_null(v,
                                   "%s has no %s %s variant", name, want[k],
                                   ab_precision_name((ab_precision)p));
            }
        }
    }
}

/* f(v) by the forward reference at P bits, into out; 0 if its error
 * bound is not small enough (or f is not a finite nonzero value). */
static int forward(const ab_activation *a, mpfr_t out, const mpfr_t v, mpfr_t *tmp) {
    const mpfr_prec_t P = 1400;
    mpfr_set_prec(out, P);
    long E = a->reference(out, v, P, tmp);
    if (!mpfr_regular_p(out)) return 0;
    if (E == AB_REF_EXACT || E == AB_REF_ABOVE || E == AB_REF_BELOW) return 1; /* within 2^-P */
    return E <= (long)mpfr_get_exp(out) - 1100;
}

/* The central difference at x, rounded to the format; NAN when skipped. */
static double central(const ab_activation *a, double x, ab_precision p, mpfr_t *tmp) {
    mpfr_t v, fp, fm, h;
    mpfr_inits2(1600, v, fp, fm, h, (mpfr_ptr)0);
    int e = 0;
    if (x != 0) frexp(x, &e);
    mpfr_set_ui_2exp(h, 1, x != 0 ? e - 300 : -400, MPFR_RNDN);
    double r = NAN;
    mpfr_set_d(v, x, MPFR_RNDN);
    mpfr_add(v, v, h, MPFR_RNDN); /* exact at 1600 bits */
    int ok = forward(a, fp, v, tmp);
    mpfr_set_prec(v, 1600);
    mpfr_set_d(v, x, MPFR_RNDN);
    mpfr_sub(v, v, h, MPFR_RNDN);
    ok = ok && forward(a, fm, v, tmp);
    if (ok) {
        mpfr_set_prec(v, 1400);
        mpfr_sub(v, fp, fm, MPFR_RNDN);
        mpfr_div(v, v, h, MPFR_RNDN);
        mpfr_div_2ui(v, v, 1, MPFR_RNDN);
        if (mpfr_regular_p(v) && mpfr_get_exp(v) > -1000)
            r = p == AB_F32 ? (double)mpfr_get_flt(v, MPFR_RNDN) : mpfr_get_d(v, MPFR_RNDN);
    }
    mpfr_clears(v, fp, fm, h, (mpfr_ptr)0);
    return r;
}

static int is_threshold(const ab_activation *d, double x, ab_precision p) {
    size_t n = p == AB_F32 ? d->n_thresholds32 : d->n_thresholds64;
    const double *t = p == AB_F32 ? d->thresholds32 : d->thresholds64;
    for (size_t i = 0; i < n; i++)
        if (x == t[i]) return 1;
    return x == 0; /* the elu family's and the piecewise functions' kink */
}

static uint64_t next(uint64_t *s) { /* splitmix64 */
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Points: each range of d_<name> and of <name>, and [-10, 10]: 40 seeded
 * values per range and precision, uniform in value. */
static void check(const char *fname) {
    char dname[64];
    snprintf(dname, sizeof dname, "d_%s", fname);
    const ab_activation *d = ab_find_activation(dname), *f = ab_find_activation(fname);
    cr_assert_not_null(d, "%s is not registered", dname);
    cr_assert_not_null(f, "%s is not registered", fname);
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    mpfr_t tmp[AB_REF_TEMPS];
    for (int i = 0; i < AB_REF_TEMPS; i++) mpfr_init2(tmp[i], 64);
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    uint64_t seed = 42;
    size_t compared = 0, mismatches = 0;
    for (int p = AB_F32; p <= AB_F64; p++) {
        for (size_t ri = 0; ri < d->n_ranges + f->n_ranges + 1; ri++) {
            double lo = -10, hi = 10;
            const ab_range *r = ri < d->n_ranges ? &d->ranges[ri]
                                : ri < d->n_ranges + f->n_ranges ? &f->ranges[ri - d->n_ranges]
                                                                  : NULL;
            if (r) { lo = p == AB_F32 ? r->lo32 : r->lo64; hi = p == AB_F32 ? r->hi32 : r->hi64; }
            if (!isfinite(lo) || !isfinite(hi)) continue;
            for (int k = 0; k < 40; k++) {
                double u = (double)(next(&seed) >> 11) * 0x1p-53;
                double x = lo + (hi - lo) * u;
                if (p == AB_F32) x = (float)x;
                if (!isfinite(x) || is_threshold(d, x, (ab_precision)p)) continue;
                ab_refval rv;
                ab_reference_eval(ctx, d->reference, (ab_precision)p, x, &rv);
                cr_expect(!rv.cap_hit, "%s(%a) %s: the reference hit the cap", dname, x,
                          ab_precision_name((ab_precision)p));
                if (!isfinite(rv.cr) || rv.cr == 0) continue;
                double want = central(f, x, (ab_precision)p, tmp);
                if (isnan(want) || want == 0) continue;
                compared++;
                if (!ab_same_result(rv.cr, want, (ab_precision)p) && mismatches++ < 5)
                    cr_log_error("%s(%a) %s: reference %a, central difference %a", dname, x,
                                 ab_precision_name((ab_precision)p), rv.cr, want);
            }
        }
    }
    cr_expect_eq(mismatches, 0, "%s: %zu of %zu points differ", dname, mismatches, compared);
    cr_expect_geq(compared, 60, "%s: only %zu points compared", dname, compared);
    ab_ref_ctx_free(ctx);
    for (int i = 0; i < AB_REF_TEMPS; i++) mpfr_clear(tmp[i]);
}

/* One test per derivative, so a failure names it. */
#define D(name) Test(derivatives, name) { check(#name); }
D(sigmoid) D(tanh) D(softplus) D(log_sigmoid) D(silu) D(mish) D(gelu) D(gelu_tanh)
D(elu) D(selu) D(celu) D(softsign) D(gaussian) D(erf) D(exp) D(expm1) D(log1p)
D(relu) D(leaky_relu) D(relu6) D(hard_sigmoid) D(hard_tanh) D(hard_swish)
