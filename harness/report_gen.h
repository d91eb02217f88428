/* report_gen.h: the HTML report (reports/index.html) from the accuracy,
 * throughput, profile and special-values outputs.
 *
 * One self-contained file: inline CSS, inline SVG plots (drawn by gnuplot
 * from the scripts in scripts/), a few lines of inline JS (sortable
 * tables), nothing loaded from the network. */
#ifndef AB_REPORT_GEN_H
#define AB_REPORT_GEN_H
#include <stddef.h>

#define AB_REPORT_SIZE_LIMIT (5u * 1024 * 1024)

typedef struct {
    const char *accuracy;        /* required */
    const char *throughput;      /* optional (missing file: "not measured") */
    const char *profile_dir;     /* optional: <act>_<prec>_<range>.csv */
    const char *special_values;  /* optional */
    const char *output;
    const char *scripts;         /* directory of the .gp scripts */
    const char *cflags;          /* compiler flags of the build, or NULL */
    int plots;                   /* 0: no gnuplot, tables only */
    int core_profiles;           /* also plot the core range's error profile */
} ab_report_opts;

void ab_report_opts_init(ab_report_opts *o);
/* Returns 0, or -1 with a message in err.  Prints a summary line (size,
 * plots) on stderr unless quiet. */
int ab_report_generate(const ab_report_opts *o, int quiet, char *err, size_t errlen);
#endif
