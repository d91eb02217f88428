/* test_metrics.c: the ULP metric and failure counts on hand-worked cases.
 * Each expected value is derived in the comment beside it from the
 * definition in metrics.h / README (ulp(v) = 2^(max(e, emin) - p)). */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include "../harness/metrics.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(metrics, .timeout = 120);

/* A reference value v = m * 2^e (0.5 <= m < 1) with rounded value cr. */
static ab_refval val(double m, long e, double cr) {
    ab_refval r = {.cr = cr, .m_hi = m, .m_lo = 0, .e = e, .kind = AB_V_FINITE};
    return r;
}
static ab_refval zero(double signed_zero) {
    ab_refval r = {.cr = signed_zero, .kind = AB_V_ZERO};
    return r;
}
static double ulps(double y, ab_refval r, ab_precision p) { return ab_measure(y, &r, p).ulp; }

Test(metrics, binade_edges_f32) {
    /* v = 1 = 0.5 * 2^1: e = 1, ulp = 2^(1-24) = 2^-23. */
    ab_refval one = val(0.5, 1, 1.0);
    cr_expect_eq(ulps(1.0, one, AB_F32), 0.0);
    cr_expect_eq(ulps(0x1.000002p0, one, AB_F32), 1.0);       /* +2^-23 */
    /* Below the binade, the ulp is still v's: 2^-24 / 2^-23 = 0.5. */
    cr_expect_eq(ulps(0x1.fffffep-1, one, AB_F32), 0.5);
    /* v = 1.5 - 2^-25 (m = 0.75 - 2^-26, e = 1): cr = 1.5, error of 1.5 is
     * 2^-25 / 2^-23 = 0.25. */
    ab_refval r = val(0.75 - 0x1p-26, 1, 1.5);
    cr_expect_eq(ulps(1.5, r, AB_F32), 0.25);
    cr_expect_eq(ulps(0x1.7ffffep0, r, AB_F32), 0.75);
}

Test(metrics, subnormals_and_zero_f32) {
    /* Smallest normal 2^-126 = 0.5 * 2^-125: e = emin, ulp = 2^-149. */
    ab_refval mn = val(0.5, -125, 0x1p-126);
    cr_expect_eq(ulps(0x1.000002p-126, mn, AB_F32), 1.0);
    /* 2^-127 (e = -126 < emin): ulp stays 2^-149 (subnormal spacing). */
    ab_refval sub = val(0.5, -126, 0x1p-127);
    cr_expect_eq(ulps(0x1p-127 + 0x1p-149, sub, AB_F32), 1.0);
    /* v = 3 * 2^-150 = 0.75 * 2^-148, a tie that rounds to 2^-148; the
     * other neighbour 2^-149 is 0.5 ulp away, like the rounded value. */
    ab_refval tie = val(0.75, -148, 0x1p-148);
    cr_expect_eq(ulps(0x1p-148, tie, AB_F32), 0.5);
    cr_expect_eq(ulps(0x1p-149, tie, AB_F32), 0.5);
    /* ulp(0) is the smallest subnormal. */
    cr_expect_eq(ulps(0x1p-149, zero(0.0), AB_F32), 1.0);
    cr_expect_eq(ulps(0.0, zero(0.0), AB_F32), 0.0);
    /* Flushing v = 2^-140 to 0 costs 2^-140 / 2^-149 = 512 ulps. */
    cr_expect_eq(ulps(0.0, val(0.5, -139, 0x1p-140), AB_F32), 512.0);
}

Test(metrics, f64_cases) {
    ab_refval one = val(0.5, 1, 1.0);
    cr_expect_eq(ulps(nextafter(1.0, 2.0), one, AB_F64), 1.0);
    cr_expect_eq(ulps(nextafter(1.0, 0.0), one, AB_F64), 0.5);
    /* Smallest subnormal 2^-1074 against 0. */
    cr_expect_eq(ulps(0.0, val(0.5, -1073, 0x1p-1074), AB_F64), 1.0);
    cr_expect_eq(ulps(0x1p-1073, zero(0.0), AB_F64), 2.0);
    /* v = 1 + 2^-60 (the tail m_lo carries it): y = 1 is 2^-60/2^-52 =
     * 2^-8 ulp away. */
    ab_refval t = {.cr = 1.0, .m_hi = 0.5, .m_lo = 0x1p-61, .e = 1, .kind = AB_V_FINITE};
    cr_expect_eq(ab_measure(1.0, &t, AB_F64).ulp, 0x1p-8);
}

Test(metrics, infinities) {
    /* v = 2^128 (1 - 2^-30): above FLT_MAX + half an ulp, so cr = inf.
     * y = inf has error 0; FLT_MAX = 2^128 (1 - 2^-24) is
     * 2^128 (2^-24 - 2^-30) / 2^104 = 1 - 2^-6 ulps away (e = 128). */
    ab_refval big = val(1 - 0x1p-30, 128, INFINITY);
    cr_expect_eq(ulps(INFINITY, big, AB_F32), 0.0);
    cr_expect_eq(ulps(FLT_MAX, big, AB_F32), 1 - 0x1p-6);
    /* y = inf for v = 1.5 is measured as 2^128: (2^128 - 1.5) / 2^-23. */
    ab_refval r = val(0.75, 1, 1.5);
    cr_expect_eq(ulps(INFINITY, r, AB_F32), (0x1p128 - 1.5) * 0x1p23);
    /* f64: 2^1024 against v = 1: (2^1024 - 1) / 2^-52, about 2^1076. */
    cr_expect_eq(ulps(INFINITY, val(0.5, 1, 1.0), AB_F64), ldexp(1.0, 1023) * 0x1p53);
    /* An exact infinite v: the same inf is exact, anything else is inf. */
    ab_refval inf = {.cr = INFINITY, .kind = AB_V_INF};
    cr_expect_eq(ulps(INFINITY, inf, AB_F32), 0.0);
    cr_expect(isinf(ulps(FLT_MAX, inf, AB_F32)));
}

Test(metrics, nan_is_counted_not_measured) {
    ab_refval one = val(0.5, 1, 1.0);
    cr_expect(isnan(ab_measure(NAN, &one, AB_F32).ulp));
    ab_refval nan = {.cr = NAN, .kind = AB_V_NAN};
    cr_expect(isnan(ab_measure(1.0, &nan, AB_F32).ulp));
    cr_expect_eq(ab_measure(NAN, &nan, AB_F32).ulp, 0.0);

    ab_acc a;
    ab_acc_init(&a);
    ab_acc_add(&a, 0, 1.0, 0x1.000002p0, &one, AB_F32); /* 1 ulp */
    ab_acc_add(&a, 1, 2.0, NAN, &one, AB_F32);          /* NaN mismatch */
    ab_acc_add(&a, 2, 3.0, 1.0, &nan, AB_F32);          /* NaN expected */
    ab_acc_add(&a, 3, 4.0, NAN, &nan, AB_F32);          /* both NaN: right */
    cr_expect_eq(a.samples, 4);
    cr_expect_eq(a.nan, 2);
    cr_expect_eq(a.max_ulp, 1.0);
    cr_expect_eq(a.measured, 2);
    cr_expect_eq(a.correctly_rounded, 1);
    cr_expect_eq(a.worst_input, 1.0);
    cr_expect_eq(a.over_1ulp, 0, "exactly 1 ulp is not over 1 ulp");
}

Test(metrics, failure_counts) {
    ab_acc a;
    ab_acc_init(&a);
    ab_refval three = val(0.75, 2, 3.0);
    ab_acc_add(&a, 0, 0.0, -3.0, &three, AB_F32);        /* sign: 6 / 2^-22 */
    ab_acc_add(&a, 1, 0.0, INFINITY, &three, AB_F32);    /* overflow */
    ab_acc_add(&a, 2, 0.0, 0.0, &three, AB_F32);         /* zero flush */
    ab_refval nz = zero(-0.0);
    ab_acc_add(&a, 3, 0.0, 0.0, &nz, AB_F32);            /* +0 for -0: sign */
    ab_refval tiny = val(0.5, -160, 0.0);                /* rounds to 0 */
    ab_acc_add(&a, 4, 0.0, 0.0, &tiny, AB_F32);          /* not a flush */
    cr_expect_eq(a.sign_errors, 2);
    cr_expect_eq(a.overflow, 1);
    cr_expect_eq(a.zero_flush, 1);
    cr_expect_eq(a.correctly_rounded, 1);
    cr_expect_eq(a.over_1ulp, 3);
    cr_expect_eq(ab_measure(-3.0, &three, AB_F32).ulp, 6.0 * 0x1p22);
    cr_expect_eq(a.worst_index, 1, "the overflow (2^128) is the worst");
}

Test(metrics, merge_is_order_stable) {
    /* Ties on max_ulp keep the first index, as a single pass would. */
    ab_refval one = val(0.5, 1, 1.0);
    ab_acc all, a, b;
    ab_acc_init(&all);
    ab_acc_init(&a);
    ab_acc_init(&b);
    double ys[4] = {0x1.000002p0, 0x1.000004p0, 0x1.000004p0, 1.0};
    for (int i = 0; i < 4; i++) {
        ab_acc_add(&all, i, i, ys[i], &one, AB_F32);
        ab_acc_add(i < 2 ? &a : &b, i, i, ys[i], &one, AB_F32);
    }
    ab_acc_merge(&a, &b);
    cr_expect_eq(a.worst_index, 1);
    cr_expect_eq(all.worst_index, 1);
    cr_expect_eq(a.max_ulp, 2.0);
    cr_expect_eq(ab_acc_mean_ulp(&a), ab_acc_mean_ulp(&all));
    cr_expect_eq(ab_acc_mean_ulp(&a), 5.0 / 4);
}

Test(metrics, histogram_bins) {
    /* bin 0: <= 0.5; bin k: (2^(k-2), 2^(k-1)]; bin 23: > 2^21. */
    cr_expect_eq(ab_hist_bin(0.0), 0);
    cr_expect_eq(ab_hist_bin(0.5), 0);
    cr_expect_eq(ab_hist_bin(0.5000001), 1);
    cr_expect_eq(ab_hist_bin(1.0), 1);
    cr_expect_eq(ab_hist_bin(1.5), 2);
    cr_expect_eq(ab_hist_bin(4.0), 3);
    cr_expect_eq(ab_hist_bin(4.5), 4);
    cr_expect_eq(ab_hist_bin(0x1p21), 22);
    cr_expect_eq(ab_hist_bin(0x1.000002p21), 23);
    cr_expect_eq(ab_hist_bin(INFINITY), 23);
}

Test(metrics, onsets_pick_smallest_magnitude) {
    ab_refval one = val(0.5, 1, 1.0);
    ab_acc a, b;
    ab_acc_init(&a);
    ab_acc_init(&b);
    cr_expect(isnan(a.overflow_onset) && isnan(a.nan_onset));
    ab_acc_add(&a, 0, -100.0, INFINITY, &one, AB_F32);
    ab_acc_add(&a, 1, 90.0, INFINITY, &one, AB_F32);
    ab_acc_add(&b, 2, 89.0, INFINITY, &one, AB_F32);
    ab_acc_add(&b, 3, -7.0, NAN, &one, AB_F32);
    cr_expect_eq(a.overflow_onset, 90.0);
    ab_acc_merge(&a, &b);
    cr_expect_eq(a.overflow_onset, 89.0);
    cr_expect_eq(a.nan_onset, -7.0);
}

/* ab_grid_ulps_d (double y4, integer test by truncation) against
 * ab_grid_ulps (long double, floorl) on 10^6 seeded cases: integer and
 * fractional y4 around the grid index, huge and NaN y4, exact and inexact
 * grids, d on both sides of the multiples of 1/4. */
Test(metrics, grid_ulps_double_matches_long_double) {
    uint64_t s = 12345;
    for (int i = 0; i < 1000000; i++) {
        s = s * 6364136223846793005u + 1442695040888963407u;
        ab_grid g = {0};
        g.index = (int64_t)(s >> 40) - (1 << 23);
        g.valid = (s >> 3) % 8 != 0;
        g.exact = (s >> 6) % 4 == 0;
        int64_t off = (int64_t)(s >> 12) % 64 - 32;
        double y4 = (double)(g.index + off);
        switch ((s >> 20) % 8) {
        case 0: y4 += 0.5; break;
        case 1: y4 = ldexp(1.0, 60 + (int)(s >> 30) % 4) * ((s >> 2) % 2 ? 1 : -1); break;
        case 2: y4 = NAN; break;
        case 3: y4 = nextafter(y4, INFINITY); break;
        default: break;
        }
        double d = fabs((double)off) / 4 + ((double)((s >> 24) % 9) - 4) * 0x1p-6;
        if (d < 0) d = 0;
        double a = ab_grid_ulps_d(d, y4, &g), b = ab_grid_ulps(d, (long double)y4, &g);
        cr_assert(a == b || (isnan(a) && isnan(b)), "d %a y4 %a index %lld: %a vs %a", d, y4,
                  (long long)g.index, a, b);
    }
}
