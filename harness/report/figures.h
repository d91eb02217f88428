/* figures.h: what the figure writers (fig_accuracy.c, fig_speed.c) share:
 * the <figure> around a plot, the gnuplot arguments common to the
 * one-series-per-variant scripts, and the ULP axis (internal to
 * harness/report/). */
#ifndef AB_REPORT_FIGURES_H
#define AB_REPORT_FIGURES_H
#include "report.h"
#include "plotlayout.h"

void fig_open(FILE *f, const char *cls);
/* Closes the figure with a caption (trusted markup). */
void fig_close(FILE *f, const char *caption);
/* The marker of queued plot id, or (id 0) a note saying why `what` is
 * not drawn. */
void fig_plot_or_note(rep_ctx *c, unsigned id, const char *what);
/* One entry of a figure's key: a toggle button for the gnuplot plots
 * (1-based clause numbers, space separated) that draw one series. */
typedef struct {
    const char *name;
    ab_plot_style st;
    int line, marker;  /* draw a line sample, a marker (st.pt) */
    int open;          /* the marker open (a variant with failures) */
    char tip[160];     /* title attribute, or "" */
    char plots[24];
    long number;       /* > 0: shown before the name (a point's key number) */
} fig_key_entry;
/* Entry k of the series of variant vi, drawn by plot clause k + 1. */
fig_key_entry fig_key_variant(const rep_ctx *c, size_t vi, size_t k, int line, int marker);
/* Queues scripts/<script> with the arguments a (then freed), leaves its
 * marker (or a note), the key (when the plot is queued) and closes the
 * figure with the caption. */
void fig_queue_and_close(rep_ctx *c, const char *script, ab_gp_args *a, const char *title,
                         const char *what, const char *caption, const fig_key_entry *key,
                         size_t nkey);
/* A figure whose plot is not drawn (plots off, gnuplot broken, no data
 * file): the note saying why, then the empty caption. */
void fig_not_drawn(rep_ctx *c, const char *what);

/* A new data file of the plot (its path to path, size >= 512); NULL, after
 * closing the figure as not drawn, when it cannot be made. */
FILE *fig_data(rep_ctx *c, const char *stem, char *path, const char *what);

/* Safe as a gnuplot word and an SVG id fragment. */
void fig_plain_name(char *out, size_t len, const char *s);
/* The arguments every script takes: scriptdir, plot_title, width, height,
 * styles_cmd (the series styles) and frame_cmd (the plot area at fr). */
void fig_common_args(ab_gp_args *a, const rep_ctx *c, const char *title, const ab_frame *fr);
/* The arguments every one-series-per-variant plot script takes, its
 * "titles" being the plain names of the variants s->v[vi[0..nv-1]]. */
void fig_series_args(ab_gp_args *a, const rep_ctx *c, const char *title, const char *datafile,
                     const size_t *vi, size_t nv, const ab_frame *fr);

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
