/* figures.h: what the figure writers (fig_accuracy.c, fig_speed.c) share:
 * the <figure> around a plot, the gnuplot arguments common to the
 * one-series-per-variant scripts, and the ULP axis (internal to
 * harness/report/). */
#ifndef AB_REPORT_FIGURES_H
#define AB_REPORT_FIGURES_H
#include "report.h"

void fig_open(FILE *f, const char *cls);
/* Closes the figure with a caption (trusted markup). */
void fig_close(FILE *f, const char *caption);
/* The marker of queued plot id, or (id 0) a note saying why `what` is
 * not drawn. */
void fig_plot_or_note(rep_ctx *c, unsigned id, const char *what);
/* Queues scripts/<script> with the arguments a (then freed), leaves its
 * marker (or a note) and closes the figure with the caption. */
void fig_queue_and_close(rep_ctx *c, const char *script, ab_gp_args *a, const char *title,
                         const char *what, const char *caption);
/* A figure whose plot is not drawn (plots off, gnuplot broken, no data
 * file): the note saying why, then the empty caption. */
void fig_not_drawn(rep_ctx *c, const char *what);

/* A new data file of the plot (its path to path, size >= 512); NULL, after
 * closing the figure as not drawn, when it cannot be made. */
FILE *fig_data(rep_ctx *c, const char *stem, char *path, const char *what);

/* Safe as a gnuplot word and an SVG id fragment. */
void fig_plain_name(char *out, size_t len, const char *s);
/* The arguments every one-series-per-variant plot script takes, its
 * "titles" being the plain names of the variants s->v[vi[0..nv-1]]. */
void fig_series_args(ab_gp_args *a, const rep_ctx *c, const char *title, const char *datafile,
                     const size_t *vi, size_t nv);

/* Y axis of the ULP plots: exact results at floor; errors beyond 2^p
 * (no correct bit left: 2^24 in f32, 2^53 in f64), inf and NaN on the
 * off-scale line top, so that the interesting range keeps its height. */
typedef struct {
    double floor, top, cap;
    int offscale;
    int p;
} fig_ulp_axis;

void fig_axis_from_max(fig_ulp_axis *ax, double maxf, int any_inf, const char *prec);
/* Where u goes on the axis. */
double fig_y_clamp(const fig_ulp_axis *ax, double u);
/* The axis's gnuplot arguments: yfloor, ytop and ytics_cmd. */
void fig_axis_args(ab_gp_args *a, const fig_ulp_axis *ax);
#endif
