/* report_gen.h: the HTML report, a small site: the overview
 * (reports/index.html, or -o) and one page per activation beside it
 * (reports/<activation>.html, ab_html_page_name), from the accuracy,
 * throughput, profile and special-values CSVs, and nothing else: the
 * descriptions, formulas, commit and compiler flags it shows are the ones
 * the accuracy CSV recorded (no registry lookup, no git).
 *
 * Each page is self-contained: inline CSS and JS (harness/report/report.css and
 * report.js, embedded at build time; the JS sorts tables), inline SVG plots
 * (drawn by gnuplot from the scripts in scripts/), nothing loaded from the
 * network.  The parts are in harness/report/ (see report.h). */
#ifndef AB_REPORT_GEN_H
#define AB_REPORT_GEN_H
#include <stddef.h>

/* Per page of the site (the overview, each activation's page). */
#define AB_REPORT_SIZE_LIMIT (1024u * 1024)

typedef struct {
    const char *accuracy;        /* required */
    const char *throughput;      /* optional (missing file: "not measured") */
    const char *exhaustive;      /* optional: exhaustive f32 rows, preferred */
    const char *profile_dir;     /* optional: <act>_<prec>_<range>.csv */
    const char *special_values;  /* optional */
    const char *inputs_throughput; /* optional: bench --inputs core,LO:HI,.. rows */
    const char *output;
    const char *scripts;         /* directory of the .gp scripts */
    int plots;                   /* 0: no gnuplot, tables only */
    int core_profiles;           /* also plot the core range's error profile */
} ab_report_opts;

void ab_report_opts_init(ab_report_opts *o);
/* Returns 0, or -1 with a message in err ("" when the one line saying
 * what failed is already on stderr: an output that cannot be written).
 * Prints a summary line (size, plots) on stderr unless quiet. */
int ab_report_generate(const ab_report_opts *o, int quiet, char *err, size_t errlen);
#endif
