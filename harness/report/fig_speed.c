/* fig_speed.c: ns per element by array size of one (activation,
 * precision); accuracy against speed is in fig_pareto.c. */
#include "figures.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

void rep_throughput_plot(rep_ctx *c, const char *act, const char *prec, const size_t *vi,
                         size_t nv) {
    FILE *f = c->f;
    char what[256], title[256];
    snprintf(what, sizeof what, "Throughput of %s %s by array size", act, prec);
    fig_open(f, "plot");
    const ab_summary *s = c->s;
    size_t sizes[64], ns = 0, have = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const ab_tprow *t = &s->t[i];
        if (t->latency || strcmp(t->precision, prec)) continue;
        int mine = !strcmp(t->activation, act);
        if (!mine && strcmp(t->strategy, "baseline")) continue;
        have += mine;
        int seen = 0;
        for (size_t k = 0; k < ns && !seen; k++) seen = sizes[k] == t->size;
        if (!seen && ns < 64) sizes[ns++] = t->size;
    }
    if (!have || !c->o->plots || c->pl->broken) {
        if (!have) fputs("<p class=\"note\">No throughput rows (run <code>build/actbench bench</code>).</p>", f);
        else fig_plot_or_note(c, 0, what);
        fig_close(f, "");
        return;
    }
    qsort(sizes, ns, sizeof *sizes, by_size);
    char dpath[512], bpath[512] = "";
    FILE *d = fig_data(c, "tput", dpath, what);
    if (!d) return;
    for (size_t k = 0; k < nv; k++) {
        const ab_vsummary *v = &s->v[vi[k]];
        if (k) fputs("\n\n", d);
        int any = 0;
        for (size_t z = 0; z < ns; z++)
            for (size_t i = 0; i < s->nt; i++) {
                const ab_tprow *t = &s->t[i];
                if (t->latency || t->size != sizes[z] || strcmp(t->precision, prec) ||
                    strcmp(t->activation, act) || strcmp(t->variant, v->variant))
                    continue;
                fprintf(d, "%zu %.6g\n", t->size, t->ns_min);
                any = 1;
                break;
            }
        if (!any) fprintf(d, "%zu NaN\n", sizes[0]);
    }
    fclose(d);
    FILE *b = NULL;
    for (size_t z = 0; z < ns; z++)
        for (size_t i = 0; i < s->nt; i++) {
            const ab_tprow *t = &s->t[i];
            if (t->latency || t->size != sizes[z] || strcmp(t->precision, prec) ||
                strcmp(t->strategy, "baseline"))
                continue;
            if (!b && !(b = ab_plot_data(c->pl, "base", bpath))) break;
            fprintf(b, "%zu %.6g\n", t->size, t->ns_min);
            break;
        }
    if (b) fclose(b);
    char xt[1024];
    size_t xl = (size_t)snprintf(xt, sizeof xt, "set xtics (");
    for (size_t z = 0; z < ns; z++) {
        size_t n = sizes[z];
        char lab[32];
        if (n >= 1048576 && n % 1048576 == 0) snprintf(lab, sizeof lab, "%zuM", n / 1048576);
        else if (n >= 1024 && n % 1024 == 0) snprintf(lab, sizeof lab, "%zuK", n / 1024);
        else snprintf(lab, sizeof lab, "%zu", n);
        xl += (size_t)snprintf(xt + xl, sizeof xt - xl, "%s\"%s\" %zu", z ? ", " : "", lab, n);
    }
    snprintf(xt + xl, sizeof xt - xl, ")");
    ab_gp_args a = {0};
    snprintf(title, sizeof title, "%s %s: ns per element by array size", act, prec);
    static const ab_frame tput_frame = {560, 300, 72, 546, 26, 254};
    fig_series_args(&a, c, title, dpath, vi, nv, &tput_frame);
    ab_gp_str(&a, "basefile", bpath);
    ab_gp_str(&a, "xtics_cmd", xt);
    fig_key_entry key[REP_MAXV + 1];
    for (size_t k = 0; k < nv; k++) key[k] = fig_key_variant(c, vi[k], k, 1, 1);
    size_t nk = nv;
    if (bpath[0]) { /* the baseline is the clause after the variants' */
        key[nk] = (fig_key_entry){.name = "memcpy", .st = {"#777777", 1, 7}, .line = 1};
        snprintf(key[nk].plots, sizeof key[nk].plots, "%zu", nv + 1);
        nk++;
    }
    fig_queue_and_close(c, "throughput.gp", &a, title, what,
                        "Minimum ns per element over the timed samples (one pinned thread, core-range "
                        "inputs); the grey dashed line is memcpy of the same bytes.", key, nk);
}
