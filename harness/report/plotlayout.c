/* plotlayout.c: see plotlayout.h. */
#include "plotlayout.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Okabe-Ito without its yellow (too pale on white), and Tol's wine. */
static const char *const colours[8] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                       "#e69f00", "#56b4e9", "#000000", "#882255"};
/* Filled circle, square, diamond: one per dash type, so that a scatter's
 * (colour, shape) pairs are as distinct as the lines' (colour, dash). */
static const int shapes[3] = {7, 5, 13};

ab_plot_style ab_plot_style_of(size_t k) {
    k %= AB_PLOT_NSTYLES;
    size_t c = k % 8, b = k / 8;
    /* dash = c + 2b (mod 3): within a block of 8 consecutive colours the
     * dash steps by 1; across blocks a colour's dash steps by 2, so a
     * colour meets each dash once and 7 -> 0 at a block edge still changes
     * dash (1 + 2b vs 2 + 2b). */
    int dash = (int)((c + 2 * b) % 3);
    return (ab_plot_style){colours[c], dash, shapes[dash]};
}

const char *ab_plot_dash_svg(int dash) {
    return dash == 1 ? "5.6,2.4" : dash == 2 ? "1.2,2" : "";
}

static const char *gp_dash(int dash) { return dash == 1 ? "(7,3)" : dash == 2 ? "(1.5,2.5)" : "solid"; }

void ab_plot_styles_cmd(char *buf, size_t len) {
    size_t n = 0;
    buf[0] = 0;
    for (size_t k = 0; k < AB_PLOT_NSTYLES && n < len; k++) {
        ab_plot_style s = ab_plot_style_of(k);
        n += (size_t)snprintf(buf + n, len - n, "set linetype %zu lc rgb '%s' lw 1.6 dt %s pt %d; ",
                              k + 1, s.colour, gp_dash(s.dash), s.pt);
    }
    if (n < len) snprintf(buf + n, len - n, "set linetype cycle %d", AB_PLOT_NSTYLES);
}

void ab_frame_cmd(char *buf, size_t len, const ab_frame *f) {
    snprintf(buf, len,
             "set lmargin at screen %.5f; set rmargin at screen %.5f; "
             "set tmargin at screen %.5f; set bmargin at screen %.5f",
             f->left / f->w, f->right / f->w, 1 - f->top / f->h, 1 - f->bottom / f->h);
}

/* ---- binade ticks --------------------------------------------------------- */

double ab_tick_label_px(const char *label, double char_px) {
    size_t cps = 0;
    for (const unsigned char *s = (const unsigned char *)label; *s; s++)
        cps += (*s & 0xc0) != 0x80; /* count code points, not bytes */
    return (double)cps * char_px;
}

static void superscript(char *out, size_t len, int e) {
    static const char *const digit[10] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                          "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    char dec[16];
    snprintf(dec, sizeof dec, "%d", e);
    size_t n = 0;
    out[0] = 0;
    for (const char *d = dec; *d && n < len; d++)
        n += (size_t)snprintf(out + n, len - n, "%s", *d == '-' ? "\u207b" : digit[*d - '0']);
}

static void tick_label(char *out, size_t len, int neg, int k) {
    const char *sign = neg ? "\u2212" : "";
    if (k == 0) {
        snprintf(out, len, "%s1", sign);
        return;
    }
    char sup[24];
    superscript(sup, sizeof sup, k);
    snprintf(out, len, "%s2%s", sign, sup);
}

typedef struct {
    double omin, omax, px, char_px, gap;
    ab_precision p;
    int kmin, kmax;
} tick_axis;

static int fits(const tick_axis *ax, double o) { return o >= ax->omin && o <= ax->omax; }

static double px_of(const tick_axis *ax, double o) {
    return (o - ax->omin) / (ax->omax - ax->omin) * ax->px;
}

static size_t push(ab_tick *out, size_t n, size_t cap, int64_t o, const char *label) {
    if (n >= cap) return n;
    out[n].o = o;
    out[n].ord = (double)o;
    snprintf(out[n].label, sizeof out[n].label, "%s", label);
    return n + 1;
}

static int apart(const tick_axis *ax, const ab_tick *a, const ab_tick *b) {
    double need = (ab_tick_label_px(a->label, ax->char_px) + ab_tick_label_px(b->label, ax->char_px)) / 2 + ax->gap;
    return fabs(px_of(ax, b->ord) - px_of(ax, a->ord)) >= need;
}

/* +-2^k, unless it is outside the axis or too close to the zero tick (the
 * subnormal powers all crowd next to 0, whatever the step). */
static size_t push_power(const tick_axis *ax, int neg, int k, ab_tick *out, size_t n, size_t cap) {
    ab_tick t = {ab_ordinal(neg ? -ldexp(1, k) : ldexp(1, k), ax->p), 0, ""};
    t.ord = (double)t.o;
    if (!fits(ax, t.ord)) return n;
    tick_label(t.label, sizeof t.label, neg, k);
    ab_tick zero = {0, 0, "0"};
    if (fits(ax, 0) && !apart(ax, &zero, &t)) return n;
    return push(out, n, cap, t.o, t.label);
}

/* 0 and +-2^k (k a multiple of step) inside the axis, by ordinal. */
static size_t candidates(const tick_axis *ax, int step, ab_tick *out, size_t cap) {
    size_t n = 0;
    for (int k = ax->kmax; k >= ax->kmin; k--)
        if (k % step == 0) n = push_power(ax, 1, k, out, n, cap);
    if (fits(ax, 0)) n = push(out, n, cap, 0, "0");
    for (int k = ax->kmin; k <= ax->kmax; k++)
        if (k % step == 0) n = push_power(ax, 0, k, out, n, cap);
    return n;
}

static int spaced(const tick_axis *ax, const ab_tick *t, size_t n) {
    for (size_t i = 1; i < n; i++)
        if (!apart(ax, &t[i - 1], &t[i])) return 0;
    return 1;
}

/* Keeps, left to right, the ticks clear of the last one kept. */
static size_t thin(const tick_axis *ax, ab_tick *t, size_t n) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || apart(ax, &t[m - 1], &t[i])) t[m++] = t[i];
    return m;
}

static int exponent_of(double x) { return ilogb(fabs(x)); }

size_t ab_binade_ticks(double omin, double omax, ab_precision p, double px, double char_px,
                       double gap, ab_tick *out, size_t cap) {
    if (!(omax > omin) || cap < 2) return 0;
    tick_axis ax = {omin, omax, px, char_px, gap, p, 0, 0};
    double lo = ab_from_ordinal((int64_t)llround(omin), p), hi = ab_from_ordinal((int64_t)llround(omax), p);
    double top = fmax(fabs(lo), fabs(hi));
    if (isinf(top) || isnan(top)) top = ab_from_ordinal(ab_ordinal(INFINITY, p) - 1, p);
    ax.kmin = exponent_of(ab_from_ordinal(1, p)); /* the smallest subnormal */
    ax.kmax = exponent_of(top);
    size_t n = 0;
    for (int step = 1; step <= 4096; step *= 2) {
        n = candidates(&ax, step, out, cap);
        if (n >= 2 && spaced(&ax, out, n)) return n;
    }
    n = thin(&ax, out, n);
    if (n >= 2) return n;
    /* Within a binade: the ends, by value. */
    char lab[32];
    snprintf(lab, sizeof lab, "%.3g", lo);
    n = push(out, 0, cap, (int64_t)llround(omin), lab);
    snprintf(lab, sizeof lab, "%.3g", hi);
    n = push(out, n, cap, (int64_t)llround(omax), lab);
    return thin(&ax, out, n);
}

/* ---- label placement ------------------------------------------------------ */

int ab_box_overlap(const ab_box *a, const ab_box *b) {
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static int inside(const ab_box *b, const ab_box *area) {
    return b->x >= area->x && b->y >= area->y && b->x + b->w <= area->x + area->w &&
           b->y + b->h <= area->y + area->h;
}

/* The i-th candidate box of l, clear of a marker of radius r around the point. */
static ab_box offset_box(const ab_label *l, int i) {
    const double r = 5, d = 2;
    double x = l->px, y = l->py, w = l->w, h = l->h;
    switch (i) {
    case 0: return (ab_box){x + r + d, y - h / 2, w, h};
    case 1: return (ab_box){x - r - d - w, y - h / 2, w, h};
    case 2: return (ab_box){x + d, y - r - h, w, h};
    case 3: return (ab_box){x + d, y + r, w, h};
    case 4: return (ab_box){x - d - w, y - r - h, w, h};
    case 5: return (ab_box){x - d - w, y + r, w, h};
    case 6: return (ab_box){x - w / 2, y - r - d - h, w, h};
    default: return (ab_box){x - w / 2, y + r + d, w, h};
    }
}

static int clear(const ab_box *b, const ab_label *l, size_t n, const ab_box *marks, size_t nm) {
    for (size_t j = 0; j < n; j++)
        if (l[j].state == 1 && ab_box_overlap(b, &l[j].box)) return 0;
    for (size_t j = 0; j < nm; j++)
        if (ab_box_overlap(b, &marks[j])) return 0;
    return 1;
}

size_t ab_place_labels(ab_label *l, size_t n, const ab_box *marks, size_t nm, ab_box area) {
    size_t placed = 0;
    for (size_t i = 0; i < n; i++) {
        if (l[i].state != 0) continue;
        l[i].state = -1;
        for (int c = 0; c < 8; c++) {
            ab_box b = offset_box(&l[i], c);
            if (!inside(&b, &area) || !clear(&b, l, n, marks, nm)) continue;
            l[i].box = b;
            l[i].state = 1;
            placed++;
            break;
        }
    }
    return placed;
}
