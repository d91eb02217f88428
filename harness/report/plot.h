/* report_plot.h: gnuplot (svg terminal) driven from the report generator.
 *
 * Data files go to a private mkdtemp directory that ab_plotter_close
 * removes.  gnuplot is run with fork/exec (no shell): gnuplot -e
 * "ASSIGNMENTS" SCRIPT, where the script is one of the scripts/NAME.gp files and the
 * assignments set its inputs (datafile, outfile, titles, ...). */
#ifndef AB_REPORT_PLOT_H
#define AB_REPORT_PLOT_H
#include <stdio.h>
#include <stddef.h>

typedef struct {
    char *script, *args, *label;
    char why[512];         /* why it failed */
    char *svg;             /* the result, for inlining */
    int pid;               /* running: > 0 */
} ab_plot_job;

typedef struct {
    char dir[256];         /* the temporary directory */
    const char *scripts;   /* where the .gp scripts are */
    int broken;            /* gnuplot missing or failing: no more attempts */
    char why[512];         /* the reason, for the report */
    unsigned counter;      /* file names and SVG id prefixes */
    size_t plots, failures;
    ab_plot_job *jobs;
    size_t njobs, cap;
} ab_plotter;

/* Returns 0, or -1 (with p->why) when no temporary directory can be made. */
int ab_plotter_open(ab_plotter *p, const char *scripts_dir);
void ab_plotter_close(ab_plotter *p);

/* Opens a new data file in the temporary directory; its path goes to
 * path (size >= 512).  NULL on error. */
FILE *ab_plot_data(ab_plotter *p, const char *stem, char *path);

/* gnuplot assignments, built up as one string. */
typedef struct {
    char *s;
    size_t n, cap;
} ab_gp_args;
void ab_gp_str(ab_gp_args *a, const char *name, const char *value);  /* name='value' */
void ab_gp_num(ab_gp_args *a, const char *name, double value);
void ab_gp_free(ab_gp_args *a);

/* Queues scripts/<script> with the assignments (plus outfile).  Returns a
 * job number (>= 1), or 0 with p->why set when it cannot be drawn. */
unsigned ab_plot_queue(ab_plotter *p, const char *script, ab_gp_args *a, const char *label);
/* Runs the queued jobs, up to `parallel` gnuplot processes at a time
 * (gnuplot's start-up dominates, and is mostly waiting). */
void ab_plot_run_all(ab_plotter *p, int parallel);
/* The SVG of job id ready for inlining (ab_svg_inline, ids prefixed
 * uniquely; ownership passes to the caller), or NULL with *why set. */
char *ab_plot_take(ab_plotter *p, unsigned id, const char **why);
#endif
