/* fast32_check.c: see fast32_check.h. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "fast32_check.h"
#include "../harness/inputs.h"
#include "../harness/registry.h"
#include "../reference/fast32.h"

static double draw(uint64_t r, const ab_activation *a, size_t i) {
    switch (i % 4) {
    case 0: case 1: { /* any finite float, by bit pattern */
        int64_t lo = ab_ordinal(-FLT_MAX, AB_F32), hi = ab_ordinal(FLT_MAX, AB_F32);
        return ab_from_ordinal(lo + (int64_t)(r % (uint64_t)(hi - lo + 1)), AB_F32);
    }
    case 2: return (float)(((double)(r >> 11) * 0x1p-53) * 20 - 10);
    default: {
        if (a->n_thresholds32 == 0) return (float)((double)(int64_t)r * 0x1p-70);
        double t = a->thresholds32[(r >> 8) % a->n_thresholds32];
        return ab_from_ordinal(ab_ordinal((float)t, AB_F32) + (int64_t)(r % 129) - 64, AB_F32);
    }
    }
}

/* Distance of v from the nearest f32 rounding midpoint, in ulps of the
 * float v rounds to (normal range only; inf when not applicable). */
static double midpoint_distance(double v) {
    if (!isfinite(v) || fabs(v) < FLT_MIN || fabs(v) >= FLT_MAX) return INFINITY;
    float f = (float)v;
    double u = (double)nextafterf(fabsf(f), INFINITY) - fabs((double)f);
    double m = fabs((double)f) + (fabs(v) >= fabs((double)f) ? u / 2 : -u / 2);
    return fabs(fabs(v) - m) / u;
}

void ab_fast32_check_one(const ab_activation *a, ab_ref_ctx *ctx, double x, ab_fast32_stats *s) {
    double v, err;
    s->inputs++;
    int code = a->fast32(x, &v, &err);
    if (code == AB_FAST_DECLINE) { s->fallbacks++; return; }
    ab_refval r;
    ab_reference_eval(ctx, a->reference, AB_F32, x, &r);
    /* The bound: |v - f(x)| <= err, f(x) from the MPFR value (its own
     * error is below 2^-60 relative, far inside any bound here). */
    if (r.kind == AB_V_NAN) cr_expect(isnan(v), "%s(%a): fast %a, exact NaN", a->name, x, v);
    else if (r.kind == AB_V_INF) cr_expect(v == r.cr, "%s(%a): fast %a, exact %a", a->name, x, v, r.cr);
    else {
        /* long double reaches 2^-16445: clamp the exponent (a value below
         * that is 0 to this check, which a direction's open end allows). */
        long e = r.e < -20000 ? -20000 : r.e > 20000 ? 20000 : r.e;
        long double f = r.kind == AB_V_ZERO ? 0 : ldexpl((long double)r.m_hi + r.m_lo, (int)e);
        long double lv = v, le = (long double)err * (1 + 0x1p-40);
        if (code == AB_FAST_BOUND)
            cr_expect(fabsl(lv - f) <= le, "%s(%a): |%a - f| = %La > bound %a", a->name, x, v,
                      fabsl(lv - f), err);
        else if (code == AB_FAST_ABOVE)
            cr_expect(f >= lv && f <= lv + le, /* strictness is below long double's reach */
                      "%s(%a): f = %La is not in (%a, %a + %a]", a->name, x, f, v, v, err);
        else
            cr_expect(f <= lv && f >= lv - le,
                      "%s(%a): f = %La is not in [%a - %a, %a)", a->name, x, f, v, err, v);
    }
    float cr;
    ab_grid g;
    if (!ab_fast32_decide(code, v, err, &cr, &g)) { s->fallbacks++; return; }
    s->decided++;
    float want = (float)r.cr;
    cr_expect(memcmp(&cr, &want, 4) == 0 || (isnan(cr) && isnan(want)),
              "%s(%a): fast tier rounds to %a, MPFR to %a", a->name, x, cr, want);
    /* The two tiers place f on the grid independently: they must agree. */
    if (g.valid && r.grid.valid)
        cr_expect(g.index == r.grid.index && g.exact == r.grid.exact &&
                      (g.e > -125 ? g.e : -125) == (r.grid.e > -125 ? r.grid.e : -125),
                  "%s(%a): fast grid (%lld, e %d, exact %d), MPFR (%lld, e %d, exact %d)",
                  a->name, x, (long long)g.index, g.e, g.exact, (long long)r.grid.index,
                  r.grid.e, r.grid.exact);
}

ab_fast32_stats ab_fast32_check(const char *name, size_t n) {
    ab_fast32_stats s = {0};
    const ab_activation *a = ab_find_activation(name);
    cr_assert_not_null(a, "no activation %s", name);
    cr_assert_not_null(a->fast32, "%s has no fast tier", name);
    ab_ref_ctx *ctx = ab_ref_ctx_new();
    double special[AB_SPECIAL_MAX];
    size_t ns = ab_special_inputs(a, AB_F32, special);
    for (size_t i = 0; i < ns; i++) ab_fast32_check_one(a, ctx, special[i], &s);
    uint64_t seed = ab_hash_string(name);
    for (size_t i = 0; i < n; i++) ab_fast32_check_one(a, ctx, draw(ab_mix64(seed + i), a, i), &s);
    /* Near-midpoint inputs: scan candidates with the fast tier itself. */
    size_t want = n / 8;
    for (size_t i = 0; i < 64 * n && s.near_midpoint < want; i++) {
        double x = draw(ab_mix64(~seed + i), a, i), v, err;
        if (a->fast32(x, &v, &err) == AB_FAST_DECLINE || !(midpoint_distance(v) < 0x1p-8)) continue;
        s.near_midpoint++;
        ab_fast32_check_one(a, ctx, x, &s);
    }
    ab_ref_ctx_free(ctx);
    cr_expect_gt(s.decided, 0, "%s: the fast tier decided nothing", name);
    return s;
}
