/* svg.c: see svg.h, and rep_plot_marker / rep_write_with_plots in report.h. */
#include "svg.h"
#include "html.h"
#include "report.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A growing string. */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + n + 1 > cap) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }
static void sb_putc(sbuf *b, char c) { sb_putn(b, &c, 1); }
static char *sb_take(sbuf *b) {
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    if (!b->p) sb_putn(b, "", 0);
    return b->p;
}

static int starts(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Skips past the end marker; returns the position after it (or the end). */
static const char *skip_past(const char *s, const char *end) {
    const char *e = strstr(s, end);
    return e ? e + strlen(end) : s + strlen(s);
}

/* Copies an attribute value up to the closing quote q, writing numbers
 * with a decimal point to one decimal.  Returns the position of q. */
static const char *copy_coords(sbuf *b, const char *s, char q) {
    while (*s && *s != q) {
        int boundary = b->n == 0 || !(isdigit((unsigned char)b->p[b->n - 1]) || b->p[b->n - 1] == '.');
        if (boundary && (isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1])))) {
            const char *t = s + (*s == '-');
            while (isdigit((unsigned char)*t)) t++;
            if (*t == '.' && isdigit((unsigned char)t[1])) {
                char *end;
                double v = strtod(s, &end);
                char num[64];
                snprintf(num, sizeof num, "%.1f", v);
                size_t len = strlen(num);
                if (len > 2 && !strcmp(num + len - 2, ".0")) num[len - 2] = 0;
                if (!strcmp(num, "-0")) strcpy(num, "0");
                sb_puts(b, num);
                s = end;
                continue;
            }
            sb_putn(b, s, (size_t)(t - s));
            s = t;
            continue;
        }
        if (isspace((unsigned char)*s)) {
            while (isspace((unsigned char)s[1])) s++;
            if (s[1] != q && b->n && b->p[b->n - 1] != ' ') sb_putc(b, ' ');
            s++;
            continue;
        }
        sb_putc(b, *s++);
    }
    return s;
}

/* Removes <g ...></g> groups with nothing inside (repeatedly). */
static void drop_empty_groups(char *s) {
    int changed = 1;
    while (changed) {
        changed = 0;
        char *w = s;
        const char *r = s;
        while (*r) {
            if (starts(r, "<g") && (r[2] == ' ' || r[2] == '>')) {
                const char *gt = strchr(r, '>');
                if (gt && gt[-1] != '/') {
                    const char *k = gt + 1;
                    while (isspace((unsigned char)*k)) k++;
                    if (starts(k, "</g>")) {
                        r = k + 4;
                        while (*r == '\n') r++;
                        changed = 1;
                        continue;
                    }
                }
            }
            *w++ = *r++;
        }
        *w = 0;
    }
}

/* Removes every occurrence of attr (with its leading space) from s. */
static void drop_all(char *s, const char *attr) {
    size_t n = strlen(attr);
    char *w = s;
    const char *r = s;
    while (*r) {
        if (*r == attr[0] && !strncmp(r, attr, n)) {
            r += n;
            continue;
        }
        *w++ = *r++;
    }
    *w = 0;
}

/* Whether "#id" is referenced (followed by a quote or ')') outside [skip_a, skip_b). */
static int referenced(const char *s, const char *id, const char *skip_a, const char *skip_b) {
    size_t n = strlen(id);
    for (const char *p = strchr(s, '#'); p; p = strchr(p + 1, '#')) {
        if (p >= skip_a && p < skip_b) continue;
        if (!strncmp(p + 1, id, n) && (p[n + 1] == '\'' || p[n + 1] == '"' || p[n + 1] == ')'))
            return 1;
    }
    return 0;
}

/* Drops the elements of <defs> that nothing refers to (gnuplot defines
 * every point symbol and text filter in every plot). */
static void drop_unused_defs(char *s) {
    char *defs = strstr(s, "<defs>");
    if (!defs) return;
    int changed = 1;
    while (changed) {
        changed = 0;
        char *end = strstr(defs, "</defs>");
        if (!end) return;
        for (char *e = strchr(defs + 6, '<'); e && e < end; e = strchr(e + 1, '<')) {
            if (e[1] == '/') continue;
            /* The element's extent: a self-closing tag, or up to its end tag. */
            char name[32];
            size_t k = 0;
            while (k + 1 < sizeof name && isalpha((unsigned char)e[1 + k])) { name[k] = e[1 + k]; k++; }
            name[k] = 0;
            char *gt = strchr(e, '>');
            if (!gt || gt > end) return;
            char *stop = gt + 1;
            if (gt[-1] != '/') {
                char close[40];
                snprintf(close, sizeof close, "</%s>", name);
                char *c = strstr(gt, close);
                if (!c || c > end) continue;
                stop = c + strlen(close);
            }
            const char *id = NULL;
            for (const char *a = e; a < gt; a++)
                if (!strncmp(a, " id='", 5) || !strncmp(a, " id=\"", 5)) { id = a + 5; break; }
            if (!id) continue;
            char idbuf[128];
            size_t il = strcspn(id, "'\"");
            if (il >= sizeof idbuf) continue;
            memcpy(idbuf, id, il);
            idbuf[il] = 0;
            if (referenced(s, idbuf, e, stop)) continue;
            while (*stop == '\n') stop++;
            memmove(e, stop, strlen(stop) + 1);
            changed = 1;
            break;
        }
    }
}

char *ab_svg_inline(const char *svg, const char *prefix, const char *label) {
    const char *s = strstr(svg, "<svg");
    if (!s) return NULL;
    sbuf b = {0};
    sb_puts(&b, "<svg role=\"img\" aria-label=\"");
    char *esc = ab_html_escape_str(label ? label : "");
    sb_puts(&b, esc ? esc : "");
    free(esc);
    sb_putc(&b, '"');
    s += 4;
    while (*s) {
        if (starts(s, "<!--")) { s = skip_past(s, "-->"); continue; }
        if (starts(s, "<title")) { s = skip_past(s, "</title>"); continue; }
        if (starts(s, "<desc")) { s = skip_past(s, "</desc>"); continue; }
        if (starts(s, "<script")) { s = skip_past(s, "</script>"); continue; }
        char prev = b.n ? b.p[b.n - 1] : ' ';
        int attr_start = isspace((unsigned char)prev);
        if (attr_start && starts(s, "id=") && (s[3] == '\'' || s[3] == '"')) {
            sb_putn(&b, s, 4);
            sb_puts(&b, prefix);
            sb_putc(&b, '-');
            s += 4;
            continue;
        }
        if (starts(s, "href=") && (s[5] == '\'' || s[5] == '"') && s[6] == '#') {
            sb_putn(&b, s, 7);
            sb_puts(&b, prefix);
            sb_putc(&b, '-');
            s += 7;
            continue;
        }
        if (starts(s, "url(#")) {
            sb_puts(&b, "url(#");
            sb_puts(&b, prefix);
            sb_putc(&b, '-');
            s += 5;
            continue;
        }
        if (attr_start && (starts(s, "d=") || starts(s, "transform=") || starts(s, "points="))) {
            const char *eq = strchr(s, '=');
            char q = eq[1];
            if (q == '\'' || q == '"') {
                sb_putn(&b, s, (size_t)(eq - s) + 2);
                s = copy_coords(&b, eq + 2, q);
                if (*s) sb_putc(&b, *s++);
                continue;
            }
        }
        if (isspace((unsigned char)*s)) {
            int nl = 0;
            while (isspace((unsigned char)*s)) nl |= *s++ == '\n';
            if (prev == '>' && *s == '<') { /* between elements */
                if (nl) sb_putc(&b, '\n');
            } else {
                sb_putc(&b, nl ? '\n' : ' ');
            }
            continue;
        }
        sb_putc(&b, *s++);
    }
    char *out = sb_take(&b);
    if (out) {
        /* SVG defaults, restated by gnuplot on every group. */
        drop_all(out, " stroke-linecap=\"butt\"");
        drop_all(out, " stroke-linejoin=\"miter\"");
        drop_all(out, " stroke-width=\"1.00\"");
        drop_empty_groups(out);
        drop_unused_defs(out);
    }
    return out;
}

/* ---- the plots' places in the page ------------------------------------- */

#define PLOT_MARK "<!--@abplot:"
#define PLOT_MARK_END "@-->"

void rep_plot_marker(FILE *f, unsigned id) { fprintf(f, PLOT_MARK "%u" PLOT_MARK_END, id); }

/* Writes page to out with each marker replaced by its plot's SVG, or by a
 * note saying why the plot is not there. */
void rep_write_with_plots(rep_ctx *c, const char *page, FILE *out) {
    const size_t mark_len = strlen(PLOT_MARK);
    const char *r = page;
    for (const char *m; (m = strstr(r, PLOT_MARK));) {
        fwrite(r, 1, (size_t)(m - r), out);
        unsigned id = (unsigned)strtoul(m + mark_len, NULL, 10);
        const char *end = strstr(m, PLOT_MARK_END);
        r = end ? end + strlen(PLOT_MARK_END) : m + mark_len;
        const char *why;
        char *svg = ab_plot_take(c->pl, id, &why);
        if (svg) {
            fputs(svg, out);
            free(svg);
            c->plot_count++;
        } else {
            fputs("<p class=\"note\">Plot not drawn: ", out);
            ab_html_escape(out, why);
            fputs("</p>", out);
            c->note_count++;
        }
    }
    fputs(r, out);
}
