/* test_plots.c: the deterministic geometry of the report's plots
 * (harness/report/plotlayout.c): the 24 series styles and the table
 * swatches that must match them, binade ticks of ordinal axes, and the
 * placement of point labels. */
#include <criterion/criterion.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/report/plotlayout.h"
#include "subprocess.h"

TestSuite(plots, .timeout = 30);

/* ---- styles ---------------------------------------------------------------- */

Test(plots, styles_are_24_distinct_pairs_and_neighbours_differ_in_both) {
    for (size_t i = 0; i < AB_PLOT_NSTYLES; i++) {
        ab_plot_style a = ab_plot_style_of(i);
        cr_assert(a.dash >= 0 && a.dash <= 2);
        for (size_t j = i + 1; j < AB_PLOT_NSTYLES; j++) {
            ab_plot_style b = ab_plot_style_of(j);
            cr_expect(strcmp(a.colour, b.colour) || a.dash != b.dash, "styles %zu and %zu", i, j);
            cr_expect(strcmp(a.colour, b.colour) || a.pt != b.pt, "markers %zu and %zu", i, j);
        }
        /* Consecutive series, including the wrap from 23 to 24 = 0. */
        ab_plot_style n = ab_plot_style_of(i + 1);
        cr_expect(strcmp(a.colour, n.colour) != 0, "colour %zu -> %zu", i, i + 1);
        cr_expect(a.dash != n.dash, "dash %zu -> %zu", i, i + 1);
    }
}

/* By hand from the rule colour = k mod 8, dash = (k mod 8 + 2 (k div 8)) mod 3,
 * marker circle/square/diamond for solid/dashed/dotted. */
Test(plots, style_table_values) {
    struct { size_t k; const char *colour; int dash, pt; } want[] = {
        {0, "#0072b2", 0, 7},  {1, "#d55e00", 1, 5},  {2, "#009e73", 2, 13},
        {7, "#882255", 1, 5},  {8, "#0072b2", 2, 13}, {9, "#d55e00", 0, 7},
        {16, "#0072b2", 1, 5}, {23, "#882255", 2, 13}, {24, "#0072b2", 0, 7},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        ab_plot_style s = ab_plot_style_of(want[i].k);
        cr_expect_str_eq(s.colour, want[i].colour, "k=%zu", want[i].k);
        cr_expect_eq(s.dash, want[i].dash, "k=%zu", want[i].k);
        cr_expect_eq(s.pt, want[i].pt, "k=%zu", want[i].k);
    }
}

Test(plots, gnuplot_linetypes_follow_the_table) {
    char cmd[4096];
    ab_plot_styles_cmd(cmd, sizeof cmd);
    const char *q = cmd;
    for (size_t k = 0; k < AB_PLOT_NSTYLES; k++) {
        char head[64];
        snprintf(head, sizeof head, "set linetype %zu lc rgb '", k + 1);
        q = strstr(q, head);
        cr_assert_not_null(q, "no linetype %zu in %s", k + 1, cmd);
        q += strlen(head);
        cr_expect_eq(strncmp(q, ab_plot_style_of(k).colour, 7), 0, "linetype %zu", k + 1);
    }
    cr_expect_not_null(strstr(cmd, "set linetype cycle 24"));
}

/* The table swatches (.s1 .. .s24 in report.css) show the same colour and
 * dash as the plot series. */
Test(plots, css_swatches_match_the_table) {
    const char *bin = getenv("ACTBENCH_BIN");
    cr_assert_not_null(bin, "ACTBENCH_BIN is not set (run the tests with make test)");
    char *b = strdup(bin);
    char *css = ab_path_join(dirname(dirname(b)), "harness/report/report.css");
    char *s = ab_slurp(css);
    cr_assert_not_null(s, "cannot read %s", css);
    for (size_t k = 0; k < AB_PLOT_NSTYLES; k++) {
        ab_plot_style st = ab_plot_style_of(k);
        char sel[16];
        snprintf(sel, sizeof sel, "\n.s%zu{", k + 1);
        const char *r = strstr(s, sel);
        cr_assert_not_null(r, "no %s", sel + 1);
        r += strlen(sel);
        size_t len = strcspn(r, "}");
        char rule[256];
        cr_assert_lt(len, sizeof rule);
        memcpy(rule, r, len);
        rule[len] = 0;
        cr_expect_not_null(strstr(rule, st.colour), ".s%zu{%s} lacks %s", k + 1, rule, st.colour);
        int dashed = strstr(rule, "repeating-linear-gradient") != NULL;
        cr_expect_eq(dashed, st.dash != 0, ".s%zu{%s}: dash %d", k + 1, rule, st.dash);
        if (st.dash == 1) cr_expect_not_null(strstr(rule, "6px,transparent 6px"), ".s%zu", k + 1);
        if (st.dash == 2) cr_expect_not_null(strstr(rule, "2px,transparent 2px"), ".s%zu", k + 1);
    }
    free(s);
    free(css);
    free(b);
}

/* ---- binade ticks ---------------------------------------------------------- */

/* Every tick 0 or +-2^k exactly, increasing, labels clear by gap. */
static void check_ticks(const ab_tick *t, size_t n, double omin, double omax, ab_precision p,
                        double px, double cpx, double gap) {
    for (size_t i = 0; i < n; i++) {
        double x = ab_from_ordinal(t[i].o, p);
        cr_expect_eq(t[i].ord, (double)t[i].o);
        int e;
        cr_expect(x == 0 || fabs(frexp(x, &e)) == 0.5, "tick %s at %.17g", t[i].label, x);
        cr_expect(t[i].ord >= omin && t[i].ord <= omax);
        if (!i) continue;
        cr_expect_gt(t[i].ord, t[i - 1].ord);
        double d = (t[i].ord - t[i - 1].ord) / (omax - omin) * px;
        double need = (ab_tick_label_px(t[i].label, cpx) + ab_tick_label_px(t[i - 1].label, cpx)) / 2 + gap;
        cr_expect_geq(d, need, "%s and %s %.1f px apart", t[i - 1].label, t[i].label, d);
    }
}

static double ord32(double x) { return (double)ab_ordinal(x, AB_F32); }

/* f32 over [-FLT_MAX, FLT_MAX] on 606 px (the error profile's plot area),
 * 6.2 px per character, 10 px gap.  By hand: about 2 x 255 binades of
 * 2^23 ordinals, 1.19 px per binade.  Step 32 puts 2^-96 and 2^-64
 * (labels of 5 characters, 31 px) 38 px apart, less than 31 + 10: too
 * tight.  Step 64: 76 px between neighbours; 2^-128 (2^21 ordinals, a
 * quarter binade, from 0) would touch "0" and is left out; 2^128 is not a
 * float.  So -2^64, -1, -2^-64, 0, 2^-64, 1, 2^64, at ordinals
 * (127 +- 64) << 23 and 127 << 23 (negated as ~o). */
Test(plots, binade_ticks_f32_full_range) {
    double omin = ord32(-0x1.fffffep127), omax = ord32(0x1.fffffep127);
    ab_tick t[64];
    size_t n = ab_binade_ticks(omin, omax, AB_F32, 606, 6.2, 10, t, 64);
    const char *labels[] = {"\u22122\u2076\u2074", "\u22121", "\u22122\u207b\u2076\u2074", "0",
                            "2\u207b\u2076\u2074", "1", "2\u2076\u2074"};
    const int64_t ords[] = {-(191 << 23) - 1, -(127 << 23) - 1, -(63 << 23) - 1, 0,
                            63 << 23, 127 << 23, 191 << 23};
    cr_assert_eq(n, 7, "%zu ticks", n);
    for (size_t i = 0; i < 7; i++) {
        cr_expect_str_eq(t[i].label, labels[i]);
        cr_expect_eq(t[i].o, ords[i], "%s at %lld", t[i].label, (long long)t[i].o);
    }
    check_ticks(t, n, omin, omax, AB_F32, 606, 6.2, 10);
}

/* f64 over [-DBL_MAX, DBL_MAX] on 606 px: about 2 x 2047 binades, 0.148 px
 * each.  Step 256 puts 2^512 and 2^256 (31 px labels) 38 px apart, under
 * 31 + 10; step 512 puts neighbours 76 px apart, 2^-1024 (subnormal, 2^50
 * ordinals from 0) touches "0".  So -2^512, -1, -2^-512, 0, 2^-512, 1, 2^512. */
Test(plots, binade_ticks_f64_full_range) {
    double omin = (double)ab_ordinal(-0x1.fffffffffffffp1023, AB_F64);
    double omax = (double)ab_ordinal(0x1.fffffffffffffp1023, AB_F64);
    ab_tick t[64];
    size_t n = ab_binade_ticks(omin, omax, AB_F64, 606, 6.2, 10, t, 64);
    const char *labels[] = {"\u22122\u2075\u00b9\u00b2", "\u22121", "\u22122\u207b\u2075\u00b9\u00b2",
                            "0", "2\u207b\u2075\u00b9\u00b2", "1", "2\u2075\u00b9\u00b2"};
    const double vals[] = {-0x1p512, -1, -0x1p-512, 0, 0x1p-512, 1, 0x1p512};
    cr_assert_eq(n, 7, "%zu ticks", n);
    for (size_t i = 0; i < 7; i++) {
        cr_expect_str_eq(t[i].label, labels[i]);
        cr_expect_eq(ab_from_ordinal(t[i].o, AB_F64), vals[i], "%s", t[i].label);
    }
    check_ticks(t, n, omin, omax, AB_F64, 606, 6.2, 10);
}

/* Any width: the invariants hold, more room never means fewer ticks than
 * at half the width, and the same input gives the same ticks. */
Test(plots, binade_ticks_never_collide_at_any_width) {
    struct { double lo, hi; ab_precision p; } r[] = {
        {-0x1.fffffep127, 0x1.fffffep127, AB_F32}, {-10, 10, AB_F32}, {0x1p-20, 1e30, AB_F32},
        {-0x1.fffffffffffffp1023, 0x1.fffffffffffffp1023, AB_F64}, {-30, 5, AB_F64}};
    for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
        double omin = (double)ab_ordinal(r[i].lo, r[i].p), omax = (double)ab_ordinal(r[i].hi, r[i].p);
        for (double px = 80; px <= 1600; px += 40) {
            ab_tick t[128], u[128];
            size_t n = ab_binade_ticks(omin, omax, r[i].p, px, 6.2, 8, t, 128);
            cr_expect_geq(n, px >= 160 ? 2 : 1, "range %zu, %g px: %zu ticks", i, px, n);
            check_ticks(t, n, omin, omax, r[i].p, px, 6.2, 8);
            size_t m = ab_binade_ticks(omin, omax, r[i].p, px, 6.2, 8, u, 128);
            cr_assert_eq(m, n);
            for (size_t k = 0; k < n; k++) {
                cr_expect_eq(t[k].ord, u[k].ord);
                cr_expect_str_eq(t[k].label, u[k].label);
            }
        }
    }
}

/* [1.25, 1.75] holds no power of two: its ends, labelled by value. */
Test(plots, binade_ticks_within_a_binade_label_the_ends) {
    ab_tick t[8];
    size_t n = ab_binade_ticks(ord32(1.25), ord32(1.75), AB_F32, 600, 6.2, 10, t, 8);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(t[0].label, "1.25");
    cr_expect_str_eq(t[1].label, "1.75");
    cr_expect_eq(t[0].ord, ord32(1.25));
    cr_expect_eq(t[1].ord, ord32(1.75));
}

/* ---- label placement -------------------------------------------------------- */

/* Three labels (50 x 11) of one point at (100, 100) with its 10 x 10 marker.
 * By hand: the first goes right, (107, 94.5); the second left, (43, 94.5);
 * for the third, above/below right (y 84..95, 105..116) cut the first
 * (y 94.5..105.5), above/below left cut the second, so above centred:
 * (75, 100 - 5 - 2 - 11 = 82). */
Test(plots, labels_of_one_point_go_right_left_then_above) {
    ab_label l[3];
    for (int i = 0; i < 3; i++) l[i] = (ab_label){100, 100, 50, 11, 0, {0, 0, 0, 0}};
    ab_box mark = {95, 95, 10, 10}, area = {0, 0, 400, 300};
    cr_assert_eq(ab_place_labels(l, 3, &mark, 1, area), 3);
    const double want[3][2] = {{107, 94.5}, {43, 94.5}, {75, 82}};
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(l[i].state, 1);
        cr_expect_eq(l[i].box.x, want[i][0], "label %d x %g", i, l[i].box.x);
        cr_expect_eq(l[i].box.y, want[i][1], "label %d y %g", i, l[i].box.y);
    }
}

Test(plots, a_label_with_no_room_is_not_placed) {
    ab_label l = {20, 20, 200, 11, 0, {0, 0, 0, 0}};
    ab_box area = {0, 0, 100, 40}; /* narrower than the label */
    cr_expect_eq(ab_place_labels(&l, 1, NULL, 0, area), 0);
    cr_expect_eq(l.state, -1);
}

static unsigned lcg(unsigned *s) { return *s = *s * 1103515245u + 12345u, (*s >> 8) & 0xffff; }

/* 60 crowded points: no two placed labels overlap, none covers a marker or
 * leaves the area, and a second run places every label identically. */
Test(plots, placed_labels_never_overlap_and_are_deterministic) {
    enum { N = 60 };
    ab_label a[N], b[N];
    ab_box marks[N], area = {40, 20, 480, 260};
    unsigned seed = 17;
    for (int i = 0; i < N; i++) {
        double x = 60 + lcg(&seed) % 440, y = 30 + lcg(&seed) % 240;
        a[i] = (ab_label){x, y, 20 + lcg(&seed) % 90, 11, 0, {0, 0, 0, 0}};
        marks[i] = (ab_box){x - 5, y - 5, 10, 10};
    }
    memcpy(b, a, sizeof a);
    size_t placed = ab_place_labels(a, N, marks, N, area);
    cr_expect_gt(placed, N / 4, "only %zu placed", placed);
    cr_expect_lt(placed, N, "all placed: the test is not crowded enough");
    for (int i = 0; i < N; i++) {
        if (a[i].state != 1) {
            cr_expect_eq(a[i].state, -1);
            continue;
        }
        const ab_box *x = &a[i].box;
        cr_expect(x->x >= area.x && x->y >= area.y && x->x + x->w <= area.x + area.w &&
                  x->y + x->h <= area.y + area.h, "label %d outside", i);
        for (int j = 0; j < N; j++) {
            cr_expect(!ab_box_overlap(x, &marks[j]), "label %d covers marker %d", i, j);
            if (j != i && a[j].state == 1)
                cr_expect(!ab_box_overlap(x, &a[j].box), "labels %d and %d overlap", i, j);
        }
    }
    cr_expect_eq(ab_place_labels(b, N, marks, N, area), placed);
    for (int i = 0; i < N; i++) {
        cr_expect_eq(a[i].state, b[i].state, "label %d", i);
        cr_expect(a[i].box.x == b[i].box.x && a[i].box.y == b[i].box.y, "label %d moved", i);
    }
}
