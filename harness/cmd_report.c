/* cmd_report.c: actbench report, a plain HTML table from the accuracy CSV.
 * Self-contained: inline CSS, no scripts from the network. */
#include "cli.h"
#include "commands.h"
#include "csv_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: actbench report [-i FILE] [-o FILE]\n"
    "Writes a self-contained HTML table of the accuracy CSV.\n"
    "  -i FILE   accuracy CSV (default results/accuracy.csv)\n"
    "  -o FILE   HTML output (default reports/index.html)\n";

static void html_text(FILE *f, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* ULP classes, for the cell colour. */
static const char *ulp_class(const char *s) {
    double u = strtod(s, NULL);
    if (u <= 0.5) return "cr";
    if (u <= 1) return "u1";
    if (u <= 4) return "u4";
    if (u <= 64) return "u64";
    return "bad";
}

static const char *shown[] = {
    "activation", "variant", "strategy", "precision", "range", "samples",
    "max_ulp", "mean_ulp", "correctly_rounded", "over_1ulp", "overflow", "nan",
    "sign_errors", "zero_flush", "worst_input", "worst_output", "worst_reference",
    "declared_max_ulp", "within_bound"};

int ab_cmd_report(int argc, char **argv) {
    const char *in = "results/accuracy.csv", *out = "reports/index.html", *v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return 0; }
        else if ((v = ab_opt_value(argc, argv, &i, "--input", "-i"))) in = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) out = v;
        else ab_usage_error("unknown option '%s' (valid: -i, -o, --help)", argv[i]);
    }
    ab_csv_table t;
    char err[512];
    if (ab_csv_read(in, &t, err, sizeof err) != 0) ab_usage_error("%s", err);
    size_t ncol = sizeof shown / sizeof *shown;
    int idx[sizeof shown / sizeof *shown];
    for (size_t c = 0; c < ncol; c++) {
        idx[c] = ab_csv_column(&t, shown[c]);
        if (idx[c] < 0) ab_usage_error("%s:1: missing column '%s'", in, shown[c]);
    }
    char *tmp;
    FILE *f = ab_atomic_open(out, &tmp);
    if (!f) return AB_EXIT_USAGE;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<title>actbench accuracy report</title>\n<style>\n"
          "body{font-family:system-ui,sans-serif;margin:1.5em}"
          "table{border-collapse:collapse;font-size:12px}"
          "th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}"
          "td:nth-child(-n+5){text-align:left}th{background:#eee;position:sticky;top:0}"
          ".cr{background:#c8f0c8}.u1{background:#e4f5c0}.u4{background:#fff2b3}"
          ".u64{background:#ffd9a8}.bad{background:#f7b0b0}.fail{color:#b00;font-weight:bold}"
          "code{font-size:11px}\n</style></head><body>\n"
          "<h1>actbench accuracy report</h1>\n"
          "<p>ULP error against correctly rounded MPFR references. "
          "Worst inputs are C99 hex floats; replay one with "
          "<code>build/actbench sweep --activation A --variant V --precision P --range R</code>.</p>\n"
          "<table>\n<thead><tr>", f);
    for (size_t c = 0; c < ncol; c++) {
        fputs("<th>", f);
        html_text(f, shown[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t r = 1; r < t.nrows; r++) {
        fputs("<tr>", f);
        for (size_t c = 0; c < ncol; c++) {
            const char *s = (size_t)idx[c] < t.ncols[r] ? t.cells[r][idx[c]] : "";
            const char *cls = "";
            if (!strcmp(shown[c], "max_ulp") || !strcmp(shown[c], "mean_ulp")) cls = ulp_class(s);
            else if ((c >= 10 && c <= 13 && strcmp(s, "0") != 0) ||
                     (!strcmp(shown[c], "within_bound") && !strcmp(s, "0")))
                cls = "fail";
            fprintf(f, *cls ? "<td class=\"%s\">" : "<td%s>", cls);
            if (c >= 14 && c <= 16) fputs("<code>", f);
            html_text(f, s);
            if (c >= 14 && c <= 16) fputs("</code>", f);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n</body></html>\n", f);
    ab_csv_table_free(&t);
    return ab_atomic_commit(f, tmp, out) == 0 ? 0 : AB_EXIT_USAGE;
}
