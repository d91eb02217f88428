/* report.h: what the parts of the report share (internal to harness/report/).
 *
 * Each page (page.c: the overview, one per activation) is written into
 * memory section by section: tables
 * (tables.c), figures (figures.c, fig_accuracy.c, fig_speed.c) and the
 * environment (environment.c).  A figure queues its gnuplot job and leaves
 * a marker (svg.c); once every job has run, the markers are replaced by
 * the SVGs as the page is written out.  Everything shown comes from the
 * CSV files (data.c): no registry, no git. */
#ifndef AB_REPORT_INTERNAL_H
#define AB_REPORT_INTERNAL_H
#include <stdio.h>
#include <stddef.h>
#include "../csv_io.h"
#include "../recommend.h"
#include "html.h"
#include "plot.h"
#include "report_gen.h"

/* Variants of one (activation, precision) that a table or plot shows. */
#define REP_MAXV 64

/* Escapes s into the page being written (needs a FILE *f in scope). */
#define ESC(s) ab_html_escape(f, s)

typedef struct {
    FILE *f;                   /* the page, in memory */
    ab_plotter *pl;
    const ab_report_opts *o;
    const ab_summary *s;
    ab_csv_table sv;           /* the special-values CSV */
    int have_sv;
    ab_csv_table it;           /* the bench --inputs CSV (inputs_speed.c) */
    int have_it;
    int plot_count;            /* plots inlined */
    size_t note_count;         /* plots not drawn */
} rep_ctx;

/* data.c: the loaded CSVs. */
/* The activations in order of first appearance (malloc'd; *n of them). */
const char **rep_activations(const ab_summary *s, size_t *n);
/* The variants (indices into s->v) of one (activation, precision). */
size_t rep_variants_of(const ab_summary *s, const char *act, const char *prec, size_t *idx,
                       size_t max);
/* A column of the first accuracy row of (act, prec, variant) (prec or
 * variant NULL: any); NULL when there is no such row or column, or the
 * cell is empty. */
const char *rep_csv_text(const ab_summary *s, const char *act, const char *prec,
                         const char *variant, const char *column);

/* tables.c */
void rep_recommendations_table(rep_ctx *c, const char *const *acts, size_t na);
void rep_recommended_line(rep_ctx *c, const char *act, const char *prec);
void rep_summary_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                       size_t nv);
void rep_onset_table(rep_ctx *c, const size_t *vi, size_t nv);
void rep_special_matrix(rep_ctx *c, const char *act, const char *prec);
/* Table cells: a ULP figure (classed by size), a failure count, a verdict. */
void rep_td_ulp(FILE *f, double u);
/* The same cell left open, for a note after the figure. */
void rep_td_ulp_open(FILE *f, double u);
void rep_td_count(FILE *f, uint64_t n);
void rep_verdict_cell(FILE *f, const ab_vsummary *v);
/* "all 2^32 inputs" (or 65,536) for a variant whose every range was swept
 * exhaustively; what it rests on otherwise (ab_vsummary_evidence). */
void rep_evidence_cell(FILE *f, const ab_vsummary *v);

/* overview.c: the overview's table of activations, linking each page. */
void rep_activation_index(rep_ctx *c, const char *const *acts, size_t na);
/* cr_cost.c: the overview's cost of correct rounding in f32: per
 * activation the fastest variant that holds at <= 0.5 ULP, the fastest
 * within 4 ULP, and the ratio of their times (above 2x marked). */
void rep_cr_cost_table(rep_ctx *c, const char *const *acts, size_t na);
/* rowops.c: a row operation (its CSV rows carry worst_row or
 * neg_inf_row_policy), and its table of row-sum errors, all -inf row
 * policies and worst rows. */
int rep_is_row_op(const ab_summary *s, const char *act);
void rep_row_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv);

/* frameworks.c: "what your framework computes": every framework peer's
 * variant (its library column) beside the best own variants. */
void rep_framework_table(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                         size_t nv);

/* gradients.c: the overview's table of derivatives and backward row
 * operations: naive, from-output, stable and vector side by side. */
void rep_gradients_table(rep_ctx *c, const char *const *acts, size_t na);
/* half.c: the overview's table of the 16-bit formats (bf16, f16 and
 * bf16-f32): per-op, via-f32, vector and table per activation. */
void rep_half_table(rep_ctx *c, const char *const *acts, size_t na);

/* inputs_speed.c: the bench --inputs CSV checked (0, or -1 with a
 * message), and a page's table of speed on other inputs (nothing when the
 * file has no rows of (act, prec) beyond the core inputs). */
int rep_inputs_speed_check(const ab_csv_table *t, const char *path, char *err, size_t errlen);
void rep_inputs_speed_table(rep_ctx *c, const char *act, const char *prec);

/* replay.c: each (variant, range) row's worst input and the
 * `actbench eval` command that replays it, in a <details>. */
void rep_replay_table(rep_ctx *c, const size_t *vi, size_t nv);

/* fig_accuracy.c, fig_speed.c: one <figure> each. */
void rep_error_profile(rep_ctx *c, const char *act, const char *prec, const char *range,
                       const size_t *vi, size_t nv);
void rep_histogram(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv);
void rep_pareto(rep_ctx *c, const char *act, const char *prec, const size_t *vi, size_t nv);
void rep_throughput_plot(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                         size_t nv);

/* environment.c */
void rep_environment(rep_ctx *c, const char *const *acts, size_t na);

/* svg.c: a queued plot's place in the page, and the page with the plots
 * in their places. */
void rep_plot_marker(FILE *f, unsigned id);
void rep_write_with_plots(rep_ctx *c, const char *page, FILE *out);
#endif
