/* plotlayout.h: the deterministic geometry behind the report's plots,
 * computed in C so that it can be tested and so that gnuplot only draws:
 * the series styles, binade ticks of ordinal axes, and the placement of
 * point labels (internal to harness/report/). */
#ifndef AB_REPORT_PLOTLAYOUT_H
#define AB_REPORT_PLOTLAYOUT_H
#include "../inputs.h"
#include <stddef.h>

/* 8 colour-blind safe colours x 3 dash types; series k uses style k mod 24.
 * Ordered so that consecutive series differ in colour and in dash. */
#define AB_PLOT_NSTYLES 24
typedef struct {
    const char *colour; /* "#rrggbb" */
    int dash;           /* 0 solid, 1 dashed, 2 dotted */
    int pt;             /* gnuplot point type (filled); pt - 1 is its open form */
} ab_plot_style;
ab_plot_style ab_plot_style_of(size_t k);
/* The SVG stroke-dasharray of a dash type ("" for solid), as gnuplot's
 * SVG terminal draws it at the report's line width. */
const char *ab_plot_dash_svg(int dash);
/* "set linetype 1 ...; ...; set linetype cycle 24" for gnuplot. */
void ab_plot_styles_cmd(char *buf, size_t len);

/* The plot area in SVG pixels (y down); the scripts get it as margins. */
typedef struct {
    double w, h;                    /* the whole SVG */
    double left, right, top, bottom;
} ab_frame;
/* "set lmargin at screen ...; ..." placing gnuplot's plot area on f. */
void ab_frame_cmd(char *buf, size_t len, const ab_frame *f);

/* A tick of an ordinal axis: the bit-pattern ordinal of 0 or of +-2^k. */
typedef struct {
    int64_t o;      /* exact */
    double ord;     /* o as gnuplot gets it (f64 ordinals round in a double) */
    char label[32]; /* "0", "1", "2⁶⁴", "−2⁻¹²⁶" (UTF-8) */
} ab_tick;
/* Display width of a tick label in pixels at char_px per character. */
double ab_tick_label_px(const char *label, double char_px);
/* Ticks of an axis of ordinals [omin, omax] spread over px pixels: 0 and
 * +-2^k for k a multiple of the smallest step (1, 2, 4, ... binades) that
 * keeps every two neighbouring labels (char_px per character, centred on
 * their tick) at least gap pixels apart; powers whose label would touch
 * the label of 0 are left out (the subnormal binades crowd there).  When
 * fewer than two powers of two fit (a range within a binade), the two ends
 * labelled by value.  Returns the count (<= cap), sorted by ordinal. */
size_t ab_binade_ticks(double omin, double omax, ab_precision p, double px, double char_px,
                       double gap, ab_tick *out, size_t cap);

/* Label placement.  Boxes are in pixels, (x, y) their top left corner. */
typedef struct {
    double x, y, w, h;
} ab_box;
typedef struct {
    double px, py;  /* the point */
    double w, h;    /* the label's size */
    int state;      /* in: 0 to place, 1 placed (an obstacle); out: 1 or -1 */
    ab_box box;     /* out, when placed */
} ab_label;
/* Places each label still to place, in order, at the first of eight
 * offsets around its point (right, left, above and below right, above and
 * below left, above, below) whose box stays in area and overlaps neither a
 * placed label nor any marker.  Returns how many it placed. */
size_t ab_place_labels(ab_label *l, size_t n, const ab_box *marks, size_t nm, ab_box area);
int ab_box_overlap(const ab_box *a, const ab_box *b);
#endif
