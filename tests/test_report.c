/* test_report.c: the report generator's non-browser parts: HTML escaping,
 * SVG inlining, the recommendation rule on a hand-made CSV, a small real
 * report that is self-contained and within the size limit, and that what
 * the report shows of the build and the catalog (commit, flags,
 * descriptions, formulas) is what the accuracy CSV recorded.  The browser
 * checks are in tests/e2e/ (make test-e2e). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../harness/metrics.h"
#include "../harness/recommend.h"
#include "../harness/report/report_gen.h"
#include "../harness/report/html.h"
#include "../harness/report/svg.h"
#include "subprocess.h"

static char *tmp;
static void setup(void) { tmp = ab_make_tmpdir(); }
static void teardown(void) { ab_remove_tree(tmp); free(tmp); }

TestSuite(report, .init = setup, .fini = teardown, .timeout = 120);

Test(report, html_escape) {
    char *s = ab_html_escape_str("<a href=\"x\">&'</a>");
    cr_assert_str_eq(s, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    free(s);
    s = ab_html_escape_str("plain-name_1.5");
    cr_assert_str_eq(s, "plain-name_1.5");
    free(s);
    s = ab_html_escape_str("");
    cr_assert_str_eq(s, "");
    free(s);
}

Test(report, svg_inline_prefixes_ids_and_drops_the_prolog) {
    const char *svg =
        "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
        "<svg \n viewBox=\"0 0 600 300\"\n xmlns=\"http://www.w3.org/2000/svg\">\n"
        "<title>Gnuplot</title>\n<desc>Produced by GNUPLOT</desc>\n"
        "<g id=\"gnuplot_canvas\">\n<defs>\n"
        "\t<path id='gpPt0' d='M-1,0 h2'/>\n"
        "\t<path id='gpPt1' d='M-1,-1 L1,1'/>\n"   /* unused: dropped */
        "\t<clipPath id='clip1'><rect x='1' y='2' width='3' height='4'/></clipPath>\n"
        "</defs>\n"
        "<g fill=\"none\" stroke-width=\"1.00\" stroke-linecap=\"butt\">\n</g>\n"
        "<path clip-path='url(#clip1)' d='M38.504,270.00 L308.75,116.48'/>\n"
        "<use xlink:href='#gpPt0' transform='translate(38.50,270.00) scale(3.75)'/>\n"
        "<text>a &lt; b</text>\n"
        "</g>\n</svg>\n";
    char *out = ab_svg_inline(svg, "p7", "plot <1>");
    cr_assert_not_null(out);
    cr_expect(strncmp(out, "<svg role=\"img\" aria-label=\"plot &lt;1&gt;\"", 42) == 0, "%s", out);
    cr_expect_null(strstr(out, "<?xml"));
    cr_expect_null(strstr(out, "DOCTYPE"));
    cr_expect_null(strstr(out, "<title>"));
    cr_expect_null(strstr(out, "<desc>"));
    cr_expect_not_null(strstr(out, "id=\"p7-gnuplot_canvas\""));
    cr_expect_not_null(strstr(out, "id='p7-gpPt0'"));
    cr_expect_null(strstr(out, "gpPt1"), "an unused definition stays: %s", out);
    cr_expect_not_null(strstr(out, "xlink:href='#p7-gpPt0'"));
    cr_expect_not_null(strstr(out, "url(#p7-clip1)"));
    cr_expect_not_null(strstr(out, "d='M38.5,270 L308.8,116.5'"), "%s", out);
    cr_expect_not_null(strstr(out, "translate(38.5,270) scale(3.8)"), "%s", out);
    cr_expect_null(strstr(out, "stroke-linecap"), "the empty group stays: %s", out);
    cr_expect_not_null(strstr(out, "<text>a &lt; b</text>"));
    cr_expect(strstr(out, "</svg>") != NULL);
    free(out);
    cr_expect_null(ab_svg_inline("<html>no svg</html>", "p1", ""));
}

/* The accuracy CSV's required columns, then the extra ones the report reads. */
static const char acc_header[] =
    "activation,variant,strategy,precision,range,samples,max_ulp,worst_input,worst_output,"
    "worst_reference,mean_ulp,correctly_rounded,overflow,nan,sign_errors,zero_flush,isa,"
    "declared_max_ulp,within_bound,output_hash,overflow_onset,nan_onset,ulp_histogram,status,"
    "seed,samples_requested\n";

/* One row; extra: the cells of further columns (",a,b"), or "". */
static void acc_row_with(FILE *f, const char *act, const char *var, const char *prec,
                         const char *range, double max_ulp, unsigned ovf, int within,
                         double declared, const char *extra) {
    fprintf(f, "%s,%s,stable,%s,%s,100,%g,0x1p+0,0x1p+0,0x1p+0,0.1,0.9,%u,0,0,0,scalar,%g,%d,"
               "0123456789abcdef,%s,,90;10;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0,ok,7,100%s\n",
            act, var, prec, range, max_ulp, ovf, declared, within, ovf ? "0x1.6p+6" : "", extra);
}

static void acc_row(FILE *f, const char *act, const char *var, const char *prec, const char *range,
                    double max_ulp, unsigned ovf, int within, double declared) {
    acc_row_with(f, act, var, prec, range, max_ulp, ovf, within, declared, "");
}

/* Hand-made results for activation "sig":
 *   f32 variant  max ULP (core, full)  failures             ns/elem at 4K
 *       A        0.5   0.5             none                 5.0
 *       B        3     2               none                 2.0
 *       C        40    10              none                 1.0
 *       D        0.4   0.4             overflow on full     0.5
 *       E        2     2               bound broken (core)  0.8
 *       F        0.9   0.9             none                 (no row; only n=65536)
 *   f64 variant G: max ULP 0.5, clean, no throughput row at all.
 * Expected (max ULP over all ranges <= U, no failures, then fastest):
 *   U = 1:    candidates A (0.5), F (0.9); F has no 4K row, so A.
 *   U = 4:    A, B, F; B (2.0 ns) beats A (5.0 ns).
 *   U = 64:   A, B, C, F; C (1.0 ns).  D is faster still but overflows,
 *             E is faster than C but breaks its declared bound.
 *   U = 0.45: none (D is the only variant that accurate, and it fails).
 *   f64, U = 1: G, flagged as not measured (the most accurate candidate). */
static void write_handmade(char **acc, char **tp) {
    *acc = ab_path_join(tmp, "acc.csv");
    *tp = ab_path_join(tmp, "tp.csv");
    FILE *f = fopen(*acc, "w");
    cr_assert_not_null(f);
    fputs(acc_header, f);
    const struct { const char *v; double core, full; unsigned ovf; int within; } rows[] = {
        {"A", 0.5, 0.5, 0, 1}, {"B", 3, 2, 0, 1}, {"C", 40, 10, 0, 1},
        {"D", 0.4, 0.4, 1, 1}, {"E", 2, 2, 0, 0}, {"F", 0.9, 0.9, 0, 1}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        acc_row(f, "sig", rows[i].v, "f32", "core", rows[i].core, 0, rows[i].within, 64);
        acc_row(f, "sig", rows[i].v, "f32", "full", rows[i].full, rows[i].ovf, 1, 64);
    }
    acc_row(f, "sig", "G", "f64", "core", 0.5, 0, 1, 1);
    acc_row(f, "sig", "G", "f64", "full", 0.5, 0, 1, 1);
    fclose(f);
    f = fopen(*tp, "w");
    cr_assert_not_null(f);
    fputs("activation,variant,strategy,precision,isa,n,bytes,ns_per_elem_min,ns_per_elem_median,"
          "elems_per_s,gb_per_s,cycles_per_elem,mode\n"
          "memcpy,memcpy,baseline,f32,libc,4096,32768,0.02,0.03,5e10,400,0.05,throughput\n"
          "sig,A,stable,f32,scalar,4096,32768,5.0,5.5,2e8,1.6,11,throughput\n"
          "sig,A,stable,f32,scalar,65536,524288,5.2,5.5,2e8,1.6,11,throughput\n"
          "sig,B,stable,f32,scalar,4096,32768,2.0,2.1,5e8,4,4.6,throughput\n"
          "sig,C,stable,f32,scalar,4096,32768,1.0,1.1,1e9,8,2.3,throughput\n"
          "sig,C,stable,f32,scalar,4096,32768,0.1,0.1,1e10,80,0.2,latency\n"
          "sig,D,stable,f32,scalar,4096,32768,0.5,0.6,2e9,16,1.1,throughput\n"
          "sig,E,stable,f32,scalar,4096,32768,0.8,0.9,1.2e9,10,1.8,throughput\n"
          "sig,F,stable,f32,scalar,65536,524288,0.7,0.8,1.4e9,11,1.6,throughput\n", f);
    fclose(f);
}

static const char *best(const ab_summary *s, const char *prec, double u, ab_recommendation *r) {
    *r = ab_recommend(s, "sig", prec, u);
    return r->best < 0 ? "none" : s->v[r->best].variant;
}

Test(report, recommendation_rule) {
    char *acc, *tp, err[512];
    write_handmade(&acc, &tp);
    ab_summary s;
    cr_assert_eq(ab_summary_load(&s, acc, tp, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(s.n, 7);
    ab_recommendation r;
    cr_expect_str_eq(best(&s, "f32", 1, &r), "A");
    cr_expect_eq(r.candidates, 2);
    cr_expect_eq(r.measured, 1);
    cr_expect_eq(r.variants, 6);
    cr_expect_str_eq(best(&s, "f32", 4, &r), "B");
    cr_expect_str_eq(best(&s, "f32", 64, &r), "C");
    cr_expect_eq(r.candidates, 4);
    cr_expect_str_eq(best(&s, "f32", 0.45, &r), "none");
    cr_expect_eq(r.candidates, 0);
    cr_expect_str_eq(best(&s, "f64", 1, &r), "G");
    cr_expect_eq(r.measured, 0);
    /* The aggregates the summary table shows. */
    for (size_t i = 0; i < s.n; i++) {
        const ab_vsummary *v = &s.v[i];
        if (!strcmp(v->variant, "B")) {
            cr_expect_eq(v->max_ulp, 3);
            cr_expect_eq(v->max_ulp_core, 3);
            cr_expect_eq(v->max_ulp_full, 2);
            cr_expect_eq(v->ns_l1, 2.0);
            cr_expect_eq(v->hist[0], 90);
        }
        if (!strcmp(v->variant, "D")) {
            cr_expect_eq(v->overflow, 1);
            cr_expect_eq(v->overflow_onset, 0x1.6p+6);
            cr_expect_not(ab_vsummary_clean(v));
        }
        if (!strcmp(v->variant, "E")) cr_expect_not(ab_vsummary_clean(v));
        if (!strcmp(v->variant, "C")) cr_expect_eq(v->ns_l1, 1.0, "the latency row is not throughput");
        if (!strcmp(v->variant, "F")) cr_expect(isnan(v->ns_l1));
    }
    ab_summary_free(&s);
    free(acc);
    free(tp);
}

/* bench --inputs rows measure another workload: the summary (report and
 * recommend) times variants on the core inputs only.  A has a core row
 * (5.0 ns) and a far faster -200:-90 row; B has only a -200:-90 row, so it
 * counts as not measured. */
Test(report, speeds_come_from_core_inputs_only) {
    char *acc, *tp, err[512];
    write_handmade(&acc, &tp);
    FILE *f = fopen(tp, "w");
    cr_assert_not_null(f);
    fputs("activation,variant,strategy,precision,isa,n,bytes,ns_per_elem_min,ns_per_elem_median,"
          "elems_per_s,gb_per_s,cycles_per_elem,mode,status,inputs\n"
          "sig,A,stable,f32,scalar,4096,32768,5.0,5.5,2e8,1.6,11,throughput,ok,core\n"
          "sig,A,stable,f32,scalar,4096,32768,0.01,0.01,1e11,800,0.02,throughput,ok,-200:-90\n"
          "sig,B,stable,f32,scalar,4096,32768,0.02,0.02,5e10,400,0.05,throughput,ok,-200:-90\n", f);
    fclose(f);
    ab_summary s;
    cr_assert_eq(ab_summary_load(&s, acc, tp, NULL, err, sizeof err), 0, "%s", err);
    int seen = 0;
    for (size_t i = 0; i < s.n; i++) {
        const ab_vsummary *v = &s.v[i];
        if (!strcmp(v->variant, "A")) {
            cr_expect_eq(v->ns_l1, 5.0, "A: %g ns, not its core row's 5.0", v->ns_l1);
            seen++;
        }
        if (!strcmp(v->variant, "B")) {
            cr_expect(isnan(v->ns_l1), "B: %g ns from a -200:-90 row", v->ns_l1);
            seen++;
        }
    }
    cr_expect_eq(seen, 2);
    ab_recommendation r;
    cr_expect_str_eq(best(&s, "f32", 4, &r), "A");
    ab_summary_free(&s);
    free(acc);
    free(tp);
}

/* Each page's table of speed on other inputs (report --inputs-throughput):
 * ratios to the same variant's core row of that file, worked by hand: A
 * 8.0 / 2.0 = 4.00x (3x or slower: marked), B 1.5 / 1.0 = 1.50x (not); C
 * has no core row (its time, no ratio).  A file with a bad time is refused
 * with its line (exit 2), and no page is written. */
Test(report, speed_on_other_inputs) {
    char *acc, *tp;
    write_handmade(&acc, &tp);
    char *it = ab_path_join(tmp, "tpi.csv"), *site = ab_path_join(tmp, "site"),
         *html = ab_path_join(site, "index.html");
    mkdir(site, 0777);
    FILE *f = fopen(it, "w");
    cr_assert_not_null(f);
    fputs("activation,variant,precision,n,ns_per_elem_min,mode,status,inputs\n"
          "memcpy,memcpy,f32,4096,0.02,throughput,ok,core\n"
          "sig,A,f32,4096,2.0,throughput,ok,core\n"
          "sig,B,f32,4096,1.0,throughput,ok,core\n"
          "sig,A,f32,4096,8.0,throughput,ok,-200:-90\n"
          "sig,B,f32,4096,1.5,throughput,ok,-200:-90\n"
          "sig,C,f32,4096,0.25,throughput,ok,-200:-90\n", f);
    fclose(f);
    char *none = ab_path_join(tmp, "none.csv");
    const char *args[] = {"report", "-i", acc, "-t", tp, "--special-values", none, "--inputs-throughput", it,
                          "--no-plots", "-o", html, "--quiet", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    char *s = ab_slurp_site(html);
    cr_assert_not_null(s);
    cr_expect_not_null(strstr(s, "Speed on other inputs"));
    cr_expect_not_null(strstr(s, "(1 of 3 variants here)"));
    cr_expect_not_null(strstr(s, "<td class=\"bad\" data-v=\"8\">8 <span class=\"dim\">4.00&times;</span></td>"));
    cr_expect_not_null(strstr(s, "<td data-v=\"1.5\">1.5 <span class=\"dim\">1.50&times;</span></td>"));
    cr_expect_not_null(strstr(s, "<td>C</td><td class=\"na\">&ndash;</td><td>0.25</td>"));
    free(s);
    unlink(html);
    f = fopen(it, "w");
    cr_assert_not_null(f);
    fputs("activation,variant,precision,n,ns_per_elem_min,mode,status,inputs\n"
          "sig,A,f32,4096,fast,throughput,ok,core\n", f);
    fclose(f);
    p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2);
    cr_expect_not_null(strstr(p.err, "tpi.csv:2: column 'ns_per_elem_min': 'fast'"), "%s", p.err);
    cr_expect_eq(access(html, F_OK), -1, "a page was written");
    ab_proc_free(&p);
    free(none);
    free(it);
    free(site);
    free(html);
    free(acc);
    free(tp);
}

/* The exhaustive CSV of the tests below: B's core, full and nan ranges
 * swept over every float at 0.45 ULP, and a row of A measured with an
 * older metric (no ulp_metric: no evidence; it would make A exhaustive on
 * core). */
static char *write_exhaustive(void) {
    char *exh = ab_path_join(tmp, "exh.csv");
    FILE *f = fopen(exh, "w");
    cr_assert_not_null(f);
    fprintf(f, "%.*s,exhaustive,ulp_metric\n", (int)strlen(acc_header) - 1, acc_header);
    const char *ranges[] = {"core", "full", "nan"};
    const unsigned long long n[] = {2185232386ull, 4278190080ull, 16777214ull};
    for (int i = 0; i < 3; i++)
        fprintf(f, "sig,B,stable,f32,%s,%llu,0.45,0x1p+0,0x1p+0,0x1p+0,0.1,0.9,0,0,0,0,scalar,64,1,"
                   "0123456789abcdef,,,,ok,7,100,1,%s\n", ranges[i], n[i], AB_ULP_METRIC);
    fprintf(f, "sig,A,stable,f32,core,2185232386,0.3,0x1p+0,0x1p+0,0x1p+0,0.1,0.9,0,0,0,0,scalar,64,1,"
               "0123456789abcdef,,,,ok,7,100,1,\n");
    fclose(f);
    return exh;
}

/* Exhaustive rows replace sampled ones of the same range: B's core and
 * full, swept over every float, show 0.45 ULP (its samples said 3 and 2),
 * and its nan range adds a row.  With U = 1 the candidates are then A
 * (0.5, 5.0 ns), B (0.45, 2.0 ns) and F (0.9, untimed): B, resting on
 * exhaustive evidence; A's figures stay sampled. */
Test(report, exhaustive_rows_are_preferred) {
    char *acc, *tp, err[512];
    write_handmade(&acc, &tp);
    char *exh = write_exhaustive();
    ab_summary s;
    cr_assert_eq(ab_summary_load(&s, acc, tp, exh, err, sizeof err), 0, "%s", err);
    ab_recommendation r;
    cr_expect_str_eq(best(&s, "f32", 1, &r), "B");
    cr_expect_str_eq(ab_vsummary_evidence(&s.v[r.best]), "exhaustive: all 2^32 inputs");
    char line[512];
    ab_recommendation_text(&s, &r, 1, line, sizeof line);
    cr_expect_not_null(strstr(line, "evidence: exhaustive: all 2^32 inputs"), "%s", line);
    cr_expect_str_eq(best(&s, "f32", 4, &r), "B");
    for (size_t i = 0; i < s.n; i++)
        if (!strcmp(s.v[i].variant, "A")) cr_expect_str_eq(ab_vsummary_evidence(&s.v[i]), "sampled");
    ab_summary_free(&s);
    /* The report marks the variant, and recommend says what it rests on. */
    const char *args[] = {"recommend", "-i", acc, "-t", tp, "-e", exh, "--activation", "sig",
                          "--precision", "f32", "--max-ulp", "1", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 0, "%s", p.err);
    cr_expect_not_null(strstr(p.out, "B (stable, scalar): max ULP 0.45"), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "evidence: exhaustive: all 2^32 inputs"), "%s", p.out);
    cr_expect_not_null(strstr(p.err, "1 of 4 rows were measured with an older ULP metric"), "%s", p.err);
    ab_proc_free(&p);
    free(exh);
    free(acc);
    free(tp);
}

/* The overview's cost of correct rounding (f32), worked by hand from
 * write_handmade: at <= 0.5 ULP only A holds (5.0 ns; D is at 0.4 but
 * overflows); within 4 ULP the fastest that holds is B (2.0 ns, 3 ULP; F
 * is untimed, C is above 4 on core, E breaks its bound): 5.0 / 2.0 =
 * 2.50x, above 2x, so marked; A rests on samples.  With the exhaustive
 * CSV, B is at 0.45 on every input: it is both, 1.00x, resting on all
 * 2^32 inputs.  Then N, naive (its failures are declared: it fails as
 * declared), 1 ULP with an overflow, 1.6 ns, becomes the 4-ULP side:
 * 2.0 / 1.6 = 1.25x. */
Test(report, cost_of_correct_rounding) {
    char *acc, *tp;
    write_handmade(&acc, &tp);
    char *exh = write_exhaustive(), *site = ab_path_join(tmp, "site-cr"),
         *html = ab_path_join(site, "index.html"), *none = ab_path_join(tmp, "none.csv");
    mkdir(site, 0777);
    const char *want[] = {
        "<td class=\"name\">A</td><td data-v=\"5\">5</td><td class=\"dim\" data-v=\"0\">sampled</td>"
        "<td class=\"name\">B</td><td data-v=\"2\">2</td><td class=\"u4\" data-v=\"3\">3</td>"
        "<td class=\"bad\" data-v=\"2.5\">2.50&times;</td>",
        "<td class=\"name\">B</td><td data-v=\"2\">2</td><td class=\"exh\" data-v=\"1\">all 2<sup>32</sup> "
        "inputs</td><td class=\"name\">B</td><td data-v=\"2\">2</td><td class=\"cr\" "
        "data-v=\"0.45000000000000001\">0.45</td><td data-v=\"1\">1.00&times;</td>",
        "<td class=\"name\">B</td><td data-v=\"2\">2</td><td class=\"exh\" data-v=\"1\">all 2<sup>32</sup> "
        "inputs</td><td class=\"name\">N</td><td data-v=\"1.6\">1.6</td><td class=\"u1\" data-v=\"1\">1</td>"
        "<td data-v=\"1.25\">1.25&times;</td>"};
    for (int e = 0; e < 3; e++) {
        if (e == 2) {
            FILE *f = fopen(acc, "a");
            cr_assert_not_null(f);
            const char *rg[] = {"core", "full"};
            for (int k = 0; k < 2; k++)
                fprintf(f, "sig,N,naive,f32,%s,100,1,0x1p+0,0x1p+0,0x1p+0,0.1,0.9,%d,0,0,0,scalar,4,1,"
                           "0123456789abcdef,%s,,90;10;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0,ok,7,100\n",
                        rg[k], k, k ? "0x1.6p+6" : "");
            fclose(f);
            f = fopen(tp, "a");
            cr_assert_not_null(f);
            fputs("sig,N,naive,f32,scalar,4096,32768,1.6,1.7,6e8,5,3.7,throughput\n", f);
            fclose(f);
        }
        const char *args[] = {"report", "-i", acc, "-t", tp, "--special-values", none, "--no-plots",
                              "-o", html, "--quiet", e ? "-e" : NULL, exh, NULL};
        ab_proc p = ab_run_actbench(args);
        cr_assert_eq(p.status, 0, "%s", p.err);
        ab_proc_free(&p);
        char *s = ab_slurp_site(html);
        cr_assert_not_null(s);
        const char *t = strstr(s, "id=\"cr-cost-table\"");
        cr_assert_not_null(t, "no cost-of-correct-rounding table");
        cr_expect_not_null(strstr(t, want[e]), "case %d: %.900s", e, t);
        free(s);
        unlink(html);
    }
    free(none);
    free(site);
    free(html);
    free(exh);
    free(acc);
    free(tp);
}

Test(report, recommend_cli) {
    char *acc, *tp;
    write_handmade(&acc, &tp);
    const char *args[] = {"recommend", "-i", acc, "-t", tp, "--activation", "sig",
                          "--precision", "f32", "--max-ulp", "4", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    /* The recommendation, then the variants that do not hold, with the
     * verdict's reason (D overflows on full; E is above its bound). */
    cr_expect_eq(ab_count_lines(p.out), 3, "%s", p.out);
    cr_expect(strncmp(p.out, "sig f32 max-ulp 4: B (stable, scalar)", 37) == 0, "%s", p.out);
    cr_expect_not_null(strstr(p.out, "\nsig f32 D: fails: overflow on 1 of 200 inputs (full)\n"), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "\nsig f32 E: fails: max ULP "), "%s", p.out);
    ab_proc_free(&p);
    /* Default budgets 1, 4, 64 for both precisions: 6 lines, and D and E. */
    const char *all[] = {"recommend", "-i", acc, "-t", tp, NULL};
    p = ab_run_actbench(all);
    cr_assert_eq(p.status, 0, "%s", p.err);
    cr_expect_eq(ab_count_lines(p.out), 8, "%s", p.out);
    cr_expect_not_null(strstr(p.out, "sig f32 max-ulp 64: C "), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "sig f64 max-ulp 1: G "), "%s", p.out);
    cr_expect_not_null(strstr(p.out, "no throughput row"), "%s", p.out);
    ab_proc_free(&p);
    const char *bad[] = {"recommend", "-i", acc, "--activation", "nope", NULL};
    p = ab_run_actbench(bad);
    cr_expect_eq(p.status, 2);
    cr_expect_not_null(strstr(p.err, "--activation"), "%s", p.err);
    ab_proc_free(&p);
    free(acc);
    free(tp);
}

/* A real (small) sweep and report: self-contained and within the limit. */
Test(report, small_report_is_self_contained) {
    char *acc = ab_path_join(tmp, "accuracy.csv"), *prof = ab_path_join(tmp, "profile"),
         *sv = ab_path_join(tmp, "special.csv"), *html = ab_path_join(tmp, "index.html"),
         *tp = ab_path_join(tmp, "none.csv");
    const char *sweep[] = {"sweep", "--activation", "sigmoid", "--samples", "512", "--quiet",
                           "-o", acc, "--profile", prof, "--special-values", sv, NULL};
    ab_proc p = ab_run_actbench(sweep);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    const char *report[] = {"report", "-i", acc, "-t", tp, "--profile", prof, "--special-values",
                            sv, "-o", html, "--quiet", NULL};
    p = ab_run_actbench(report);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    /* The overview and sigmoid's page, each within the per-page limit. */
    char *page = ab_path_join(tmp, "sigmoid.html");
    char *one[] = {ab_slurp(html), ab_slurp(page)};
    for (int k = 0; k < 2; k++) {
        cr_assert_not_null(one[k], "page %d missing", k);
        cr_expect(strlen(one[k]) < AB_REPORT_SIZE_LIMIT, "%zu bytes", strlen(one[k]));
        cr_expect(strncmp(one[k], "<!DOCTYPE html>", 15) == 0);
        free(one[k]);
    }
    free(page);
    char *s = ab_slurp_site(html);
    cr_assert_not_null(s);
    cr_expect_not_null(strstr(s, "<a href=\"sigmoid.html\">sigmoid</a>"), "the overview links the page");
    cr_expect(strncmp(s, "<!DOCTYPE html>", 15) == 0);
    cr_expect_not_null(strstr(s, "</html>"));
    /* Nothing loaded from elsewhere: no http(s) (or protocol-relative) src
     * or href; the SVG namespace URI is not a load. */
    const char *attrs[] = {"src=\"http", "src='http", "href=\"http", "href='http",
                           "src=\"//", "href=\"//", "<link ", "@import", "url(http"};
    for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
        cr_expect_null(strstr(s, attrs[i]), "found %s", attrs[i]);
    cr_expect_null(strstr(s, "<?xml"));
    cr_expect_not_null(strstr(s, "<section class=\"activation\" id=\"act-sigmoid\""));
    cr_expect_not_null(strstr(s, "<table class=\"sortable summary\">"));
    cr_expect_not_null(strstr(s, "No throughput CSV"));
    /* Plots (gnuplot is installed by scripts/install-deps.sh) with ids
     * that do not clash. */
    size_t svgs = 0;
    for (const char *q = s; (q = strstr(q, "<svg ")); q++) svgs++;
    cr_expect_geq(svgs, 6, "%zu SVGs (2 precisions x full, core, histogram)", svgs);
    for (const char *q = s; (q = strstr(q, "id=\"p")); q++) {
        char id[64];
        size_t k = strcspn(q + 4, "\"");
        cr_assert_lt(k, sizeof id);
        memcpy(id, q + 4, k);
        id[k] = 0;
        char pat[80];
        snprintf(pat, sizeof pat, "id=\"%s\"", id);
        cr_expect_eq(strstr(strstr(s, pat) + 1, pat), NULL, "id %s appears twice", id);
    }
    free(s);
    free(acc);
    free(prof);
    free(sv);
    free(html);
    free(tp);
}

/* Runs `actbench report --no-plots` on acc; returns the HTML (malloc'd). */
static char *report_of(const char *acc) {
    char *site = ab_path_join(tmp, "site"), *html = ab_path_join(site, "index.html"),
         *tp = ab_path_join(tmp, "none.csv");
    mkdir(site, 0777);
    const char *args[] = {"report", "-i", acc, "-t", tp, "--special-values", tp, "--no-plots",
                          "-o", html, "--quiet", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    char *s = ab_slurp_site(html);
    cr_assert_not_null(s);
    free(html);
    free(site);
    free(tp);
    return s;
}

/* The report shows what the accuracy CSV recorded, not what the registry
 * or git say at report time: the commit, flags, description and formulas
 * below exist nowhere but in this CSV (for an activation, sigmoid, that the
 * registry describes otherwise), and the tests run in a git checkout. */
Test(report, shows_the_commit_flags_description_and_formula_of_the_csv) {
    char *acc = ab_path_join(tmp, "acc.csv");
    FILE *f = fopen(acc, "w");
    cr_assert_not_null(f);
    fprintf(f, "%.*s,env_commit,env_cflags,env_compiler,env_glibc,env_cpu_flags,env_cpu_model,"
               "env_mpfr,description,formula\n",
            (int)strlen(acc_header) - 1, acc_header);
    const char *f32 = ",abc123-dirty,-O1 -DFROM_THE_CSV,gcc 0.1-csv,9.99,avx9000,CSV CPU 9000,"
                      "0.0.1-csv,described only in this CSV,formula <only> in this CSV";
    const char *f64 = ",def456,-O1 -DFROM_THE_CSV,gcc 0.1-csv,9.99,avx9000,CSV CPU 9000,"
                      "0.0.1-csv,described only in this CSV,another formula";
    acc_row_with(f, "sigmoid", "stable", "f32", "core", 0.5, 0, 1, 1, f32);
    acc_row_with(f, "sigmoid", "stable", "f32", "full", 0.5, 0, 1, 1, f32);
    acc_row_with(f, "sigmoid", "stable", "f64", "full", 0.5, 0, 1, 1, f64);
    fclose(f);
    char *s = report_of(acc);
    cr_expect_not_null(strstr(s, "<th>git commit</th><td>abc123-dirty | def456</td>"),
                       "the commits of the CSV, both");
    cr_expect_not_null(strstr(s, "<th>compiler flags</th><td>-O1 -DFROM_THE_CSV</td>"));
    cr_expect_not_null(strstr(s, "<th>compiler</th><td>gcc 0.1-csv</td>"));
    cr_expect_not_null(strstr(s, "<th>glibc</th><td>9.99</td>"));
    cr_expect_not_null(strstr(s, "<th>ISA flags</th><td>avx9000</td>"));
    cr_expect_not_null(strstr(s, "<th>CPU</th><td>CSV CPU 9000</td>"));
    cr_expect_not_null(strstr(s, "<th>MPFR</th><td>0.0.1-csv</td>"));
    cr_expect_not_null(strstr(s, "&middot; CSV CPU 9000</p></header>"), "the header's CPU");
    cr_expect_not_null(strstr(s, "</h2>\n<p>described only in this CSV</p>"));
    const char *sec = strstr(s, "id=\"act-sigmoid\"");
    cr_assert_not_null(sec);
    cr_expect_eq(strstr(sec, "<p>"), strstr(sec, "<p>described only in this CSV</p>"),
                 "the section's first paragraph is the CSV's description");
    cr_expect_not_null(strstr(s, "<td class=\"name\" title=\"formula &lt;only&gt; in this CSV\">"));
    cr_expect_not_null(strstr(s, "<td class=\"name\" title=\"another formula\">"));
    cr_expect_not_null(strstr(s, "--activation sigmoid "), "the reproduce command names the CSV's activations");
    free(s);
    free(acc);
}

/* A CSV without those columns (an older sweep): said so, nothing made up. */
Test(report, says_what_the_csv_did_not_record) {
    char *acc, *tp;
    write_handmade(&acc, &tp);
    char *s = report_of(acc);
    cr_expect_not_null(strstr(s, "<th>git commit</th><td>not recorded in the accuracy CSV</td>"));
    cr_expect_not_null(strstr(s, "<th>compiler flags</th><td>not recorded in the accuracy CSV</td>"));
    cr_expect_null(strstr(s, "<td class=\"name\" title="), "a formula from elsewhere");
    cr_expect_not_null(strstr(s, "<h2>sig</h2>\n"), "no section");
    cr_expect_null(strstr(s, "<h2>sig</h2>\n<p>"), "a description from elsewhere");
    free(s);
    free(acc);
    free(tp);
}

/* --cflags is gone: the flags are the ones the sweep recorded. */
Test(report, cflags_option_is_rejected) {
    const char *args[] = {"report", "--cflags", "-O2", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_expect_eq(p.status, 2);
    cr_expect_not_null(strstr(p.err, "unknown option '--cflags'"), "%s", p.err);
    ab_proc_free(&p);
}

/* The Gradients table: one row per derivative and backward row operation
 * and precision, each column the named variant's full-range max ULP and
 * failure count; a forward activation has no row. */
Test(report, gradients_table) {
    char *acc = ab_path_join(tmp, "grad.csv");
    const char *sweep[] = {"sweep", "--activation", "sigmoid,d_sigmoid,softmax_backward",
                           "--variant", "naive,from-output,stable", "--samples", "512",
                           "--quiet", "-o", acc, NULL};
    ab_proc p = ab_run_actbench(sweep);
    cr_assert_eq(p.status, 0, "%s", p.err);
    ab_proc_free(&p);
    char *s = report_of(acc);
    const char *t = strstr(s, "id=\"gradient-table\"");
    cr_assert_not_null(t, "no gradient table");
    const char *end = strstr(t, "</table>");
    cr_assert_not_null(end);
    size_t rows = 0;
    for (const char *q = t; (q = strstr(q, "<tr><td>")) && q < end; q++) rows++;
    cr_expect_eq(rows, 4, "%zu rows: d_sigmoid and softmax_backward in f32 and f64", rows);
    const char *d = strstr(t, "href=\"d_sigmoid.html\"");
    cr_expect(d && d < end, "no d_sigmoid row");
    cr_expect(!strstr(t, "href=\"sigmoid.html\"") || strstr(t, "href=\"sigmoid.html\"") > end,
              "the forward sigmoid has a row");
    /* d_sigmoid's from-output variant, (1-y)y, flushes to 0 in the
     * saturation range (x > 17.3 in f32, where the true value is above
     * 2^-30): its failure cell is nonzero, marked as a failure. */
    cr_expect_not_null(strstr(t, "class=\"fail\""));
    free(s);
    free(acc);
}

/* Timing ties, margins, "none" reasons and "no bound" (recommend.h), on
 * hand-made rows of activation "tie", f32, every variant clean:
 *   variant  max ULP  declared  min ns  median ns  noise = median/min - 1
 *   P        2        4         1.00    1.10       10%
 *   Q        1        4         1.05    1.06       0.95%
 *   R        0.5      inf       1.30    1.31       0.77%
 * U = 4: the fastest is P; Q is within P's 10% (1.05 <= 1.10), so a tie,
 *   and Q is more accurate: Q.  R (1.30 > 1.10) is the runner-up, and Q
 *   is 1.30/1.05 - 1 = 23.8% faster, the noise max(0.95%, 0.77%) = 1.0%.
 * U = 0.75: R alone ("the only timed candidate").
 * U = 0.25: none; the closest is R, ruled out by 0.5 > 0.25 only.
 * R declares no bound: its verdict says so instead of "holds". */
Test(report, timing_ties_margins_and_reasons) {
    char *acc = ab_path_join(tmp, "tie_acc.csv"), *tp = ab_path_join(tmp, "tie_tp.csv");
    FILE *f = fopen(acc, "w");
    cr_assert_not_null(f);
    fputs(acc_header, f);
    acc_row(f, "tie", "P", "f32", "full", 2, 0, 1, 4);
    acc_row(f, "tie", "Q", "f32", "full", 1, 0, 1, 4);
    acc_row(f, "tie", "R", "f32", "full", 0.5, 0, 1, INFINITY);
    fclose(f);
    ab_write_text(tp, "activation,variant,precision,n,ns_per_elem_min,ns_per_elem_median,mode,size\n"
                      "tie,P,f32,4096,1.00,1.10,throughput,4096\n"
                      "tie,Q,f32,4096,1.05,1.06,throughput,4096\n"
                      "tie,R,f32,4096,1.30,1.31,throughput,4096\n");
    ab_summary s;
    char err[512], line[2048];
    cr_assert_eq(ab_summary_load(&s, acc, tp, NULL, err, sizeof err), 0, "%s", err);
    ab_recommendation r = ab_recommend(&s, "tie", "f32", 4);
    cr_assert_geq(r.best, 0);
    cr_expect_str_eq(s.v[r.best].variant, "Q");
    cr_expect_str_eq(s.v[r.fastest].variant, "P");
    cr_expect_str_eq(s.v[r.runner_up].variant, "R");
    ab_recommendation_text(&s, &r, 4, line, sizeof line);
    cr_expect_not_null(strstr(line, "ties with P (1 ns/elem, 5.0% faster, within the 10.0% noise)"), "%s", line);
    cr_expect_not_null(strstr(line, "23.8% faster than R (1.3 ns/elem; noise 1.0%)"), "%s", line);
    r = ab_recommend(&s, "tie", "f32", 0.75);
    cr_expect_str_eq(s.v[r.best].variant, "R");
    ab_recommendation_text(&s, &r, 0.75, line, sizeof line);
    cr_expect_not_null(strstr(line, "the only timed candidate"), "%s", line);
    r = ab_recommend(&s, "tie", "f32", 0.25);
    cr_expect_eq(r.best, -1);
    cr_assert_geq(r.closest, 0);
    cr_expect_str_eq(s.v[r.closest].variant, "R");
    ab_recommendation_text(&s, &r, 0.25, line, sizeof line);
    cr_expect_not_null(strstr(line, "closest: R, 1.3 ns/elem, ruled out by max ULP 0.5 > 0.25"), "%s", line);
    cr_expect_null(strstr(line, "fails"), "R holds: only the budget rules it out: %s", line);
    char why[256];
    cr_expect_str_eq(ab_vsummary_verdict(&s.v[r.closest], why, sizeof why),
                     "no bound declared; no failures");
    ab_summary_free(&s);
    /* The report says the same: the none cell names R and the reason, R's
     * verdict cell says "no bound". */
    char *page = report_of(acc);
    cr_expect_not_null(strstr(page, "no bound<br><small>no failures; no ULP bound declared"), "no 'no bound' cell");
    size_t holds = 0;
    for (const char *q = page; (q = strstr(q, "&#10003; holds")); q++) holds++;
    cr_expect_eq(holds, 2, "%zu cells say holds: P and Q do, R has no bound", holds);
    free(page);
    free(acc);
    free(tp);
}

/* A row operation's throughput row is found by the size asked for (the
 * size column), not by n: maxout's call at size 4096 covers 5*4096+4
 * elements.  Without the column (an older CSV) n must be 4096. */
Test(report, row_op_speed_by_size) {
    char *acc = ab_path_join(tmp, "mx_acc.csv"), *tp = ab_path_join(tmp, "mx_tp.csv");
    FILE *f = fopen(acc, "w");
    cr_assert_not_null(f);
    fputs(acc_header, f);
    acc_row(f, "mx", "naive", "f32", "uniform", 0.5, 0, 1, 1);
    fclose(f);
    ab_write_text(tp, "activation,variant,precision,n,ns_per_elem_min,mode,size\n"
                      "mx,naive,f32,20484,0.45,throughput,4096\n"
                      "mx,naive,f32,1310724,0.48,throughput,262144\n");
    ab_summary s;
    char err[512];
    cr_assert_eq(ab_summary_load(&s, acc, tp, NULL, err, sizeof err), 0, "%s", err);
    cr_expect_eq(s.v[0].ns_l1, 0.45);
    cr_expect_eq(s.v[0].n_l1, 20484);
    ab_summary_free(&s);
    ab_write_text(tp, "activation,variant,precision,n,ns_per_elem_min,mode\n"
                      "mx,naive,f32,20484,0.45,throughput\n");
    cr_assert_eq(ab_summary_load(&s, acc, tp, NULL, err, sizeof err), 0, "%s", err);
    cr_expect(isnan(s.v[0].ns_l1), "n 20484 is not size 4096 without the column");
    ab_summary_free(&s);
    free(acc);
    free(tp);
}
