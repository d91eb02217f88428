/* gate.c: the numerics regression gate.  A row regresses when its max ULP
 * grows beyond the baseline plus the tolerance, a failure count (property
 * violations included) grows, the correctly rounded fraction drops, it
 * does not hold and declares no such failure (verdict.h), or it
 * disappears; improvements are listed but never fail. */
#include "gate.h"
#include "csv_io.h"
#include "registry.h"
#include "verdict.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const ab_result_row *b, *r;
    char what[1024];
} finding;

typedef struct {
    finding *v;
    size_t n, cap;
} findings;

static void add(findings *f, const ab_result_row *b, const ab_result_row *r, const char *what) {
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 32;
        f->v = realloc(f->v, f->cap * sizeof *f->v);
        if (!f->v) exit(3);
    }
    f->v[f->n].b = b;
    f->v[f->n].r = r;
    snprintf(f->v[f->n].what, sizeof f->v[f->n].what, "%s", what);
    f->n++;
}

int ab_gate_unavailable(const char *act, const char *variant, const char *precision, char *why,
                        size_t len) {
    const ab_op *op = ab_find_op(act);
    ab_precision p;
    if (!op || ab_parse_precision(precision, &p)) return 0;
    for (size_t k = 0; k < op->n_variants; k++) {
        const ab_variant *v = &op->variants[k];
        if (v->precision == p && !strcmp(v->name, variant))
            return ab_variant_unavailable_reason(v, why, len) != NULL;
    }
    return 0;
}

/* A baseline row with no result: skipped, with the reason in why, if this
 * build or CPU cannot run it. */
static int unavailable_here(const ab_result_row *b, char *why, size_t len) {
    return ab_gate_unavailable(b->activation, b->variant, b->precision, why, len);
}

static void compare_row(const ab_result_row *b, const ab_result_row *r, double tol,
                        findings *reg, findings *imp) {
    char m[256];
#define COUNT(field)                                                                  \
    if (r->field > b->field) {                                                        \
        snprintf(m, sizeof m, #field " %llu -> %llu", (unsigned long long)b->field,    \
                 (unsigned long long)r->field);                                       \
        add(reg, b, r, m);                                                            \
    } else if (r->field < b->field) {                                                 \
        snprintf(m, sizeof m, #field " %llu -> %llu", (unsigned long long)b->field,    \
                 (unsigned long long)r->field);                                       \
        add(imp, b, r, m);                                                            \
    }
    if (r->max_ulp > b->max_ulp + tol) {
        snprintf(m, sizeof m, "max_ulp %.6g -> %.6g", b->max_ulp, r->max_ulp);
        add(reg, b, r, m);
    } else if (r->max_ulp < b->max_ulp) {
        snprintf(m, sizeof m, "max_ulp %.6g -> %.6g", b->max_ulp, r->max_ulp);
        add(imp, b, r, m);
    }
    COUNT(overflow)
    COUNT(nan)
    COUNT(sign_errors)
    COUNT(zero_flush)
#define PCOUNT(p)                                                                     \
    if (r->p##_violations > b->p##_violations) {                                      \
        snprintf(m, sizeof m, #p "_violations %llu -> %llu, first at x = %s",           \
                 (unsigned long long)b->p##_violations,                               \
                 (unsigned long long)r->p##_violations, r->p##_first);                 \
        add(reg, b, r, m);                                                            \
    } else                                                                            \
        COUNT(p##_violations)
    PCOUNT(range)
    PCOUNT(monotone)
    PCOUNT(symmetry)
    PCOUNT(nan_class)
    PCOUNT(inf_class)
#undef PCOUNT
#undef COUNT
    if (r->correctly_rounded < b->correctly_rounded) {
        snprintf(m, sizeof m, "correctly_rounded %.6f -> %.6f", b->correctly_rounded,
                 r->correctly_rounded);
        add(reg, b, r, m);
    } else if (r->correctly_rounded > b->correctly_rounded) {
        snprintf(m, sizeof m, "correctly_rounded %.6f -> %.6f", b->correctly_rounded,
                 r->correctly_rounded);
        add(imp, b, r, m);
    }
    if (strcmp(r->status, "ok") != 0 && strcmp(b->status, r->status) != 0) {
        snprintf(m, sizeof m, "status %s -> %s", b->status, r->status);
        add(reg, b, r, m);
    }
    /* The verdict, whatever the baseline says: a baseline swept with the
     * bug in it must not keep passing. */
    char why[900];
    if (ab_row_verdict(r, why, sizeof why) == AB_FAILS) {
        char v[1024];
        snprintf(v, sizeof v, "does not hold: %s", why);
        add(reg, b, r, v);
    }
}

static void tell(const ab_gate_opts *o, const char *kind, const findings *f, int new_rows) {
    if (!o->on_finding) return;
    for (size_t k = 0; k < f->n; k++)
        o->on_finding(o->finding_ctx, kind, new_rows ? NULL : f->v[k].b, f->v[k].r, f->v[k].what);
}

static void xml_text(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '&') fputs("&amp;", f);
        else if (*s == '"') fputs("&quot;", f);
        else fputc(*s, f);
    }
}

static int same_case(const ab_result_row *a, const ab_result_row *b) {
    return !strcmp(a->activation, b->activation) && !strcmp(a->variant, b->variant) &&
           !strcmp(a->precision, b->precision);
}

/* One JUnit test case per (activation, variant, precision). */
static int write_junit(const char *path, const ab_results *base, const findings *reg,
                       const findings *skipped) {
    char *tmp;
    FILE *f = ab_atomic_open(path, &tmp);
    if (!f) return -1;
    size_t ncases = 0, nfail = 0;
    for (size_t i = 0; i < base->n; i++) {
        int first = 1;
        for (size_t k = 0; k < i && first; k++) first = !same_case(&base->rows[k], &base->rows[i]);
        if (!first) continue;
        ncases++;
        for (size_t k = 0; k < reg->n; k++)
            if (same_case(reg->v[k].b, &base->rows[i])) { nfail++; break; }
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuite name=\"actbench-gate\" tests=\"%zu\" failures=\"%zu\">\n", ncases, nfail);
    for (size_t i = 0; i < base->n; i++) {
        const ab_result_row *b = &base->rows[i];
        int first = 1;
        for (size_t k = 0; k < i && first; k++) first = !same_case(&base->rows[k], b);
        if (!first) continue;
        fputs("  <testcase classname=\"", f);
        xml_text(f, b->activation);
        fputs("\" name=\"", f);
        xml_text(f, b->variant);
        fprintf(f, "/%s\">", b->precision);
        int failed = 0;
        for (size_t k = 0; k < reg->n; k++) {
            if (!same_case(reg->v[k].b, b)) continue;
            if (!failed) fputs("\n    <failure message=\"numerics regression\">", f);
            failed = 1;
            xml_text(f, reg->v[k].b->range);
            fputs(": ", f);
            xml_text(f, reg->v[k].what);
            fputs("\n", f);
        }
        if (failed) fputs("</failure>\n  ", f);
        else
            for (size_t k = 0; k < skipped->n; k++)
                if (same_case(skipped->v[k].b, b)) { fputs("<skipped/>", f); break; }
        fputs("</testcase>\n", f);
    }
    fputs("</testsuite>\n", f);
    return ab_atomic_commit(f, tmp, path);
}

/* Why a row without a baseline fails, in m; 0 when it does not: the same
 * verdict as every row's. */
static int new_row_failure(const ab_result_row *r, char *m, size_t len) {
    char why[900];
    if (ab_row_verdict(r, why, sizeof why) != AB_FAILS) return 0;
    snprintf(m, len, "does not hold: %s", why);
    return 1;
}

int ab_gate_compare(const ab_results *base, const ab_results *cur, const ab_gate_opts *o,
                    FILE *out, ab_gate_summary *s) {
    findings reg = {0}, imp = {0}, chg = {0}, skip = {0};
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < base->n; i++) {
        const ab_result_row *b = &base->rows[i];
        const ab_result_row *r = ab_results_find(cur, b);
        if (!r) {
            char why[200];
            if (unavailable_here(b, why, sizeof why)) add(&skip, b, NULL, why);
            else add(&reg, b, NULL, "no result: the variant or range was removed or renamed");
            continue;
        }
        s->compared++;
        size_t before = reg.n;
        compare_row(b, r, o->tolerance_ulp, &reg, &imp);
        if (reg.n == before && strcmp(b->output_hash, r->output_hash) != 0) {
            char m[128];
            snprintf(m, sizeof m, "output hash %s -> %s", b->output_hash, r->output_hash);
            add(&chg, b, r, m);
            if (o->strict) add(&reg, b, r, m);
        }
    }
    /* A row the baseline lacks has nothing to regress from, so it answers
     * to its own declared bound, and has no failures (naive formulas, whose
     * failures are the point of them, excepted) and no crash. */
    findings fresh = {0};
    for (size_t i = 0; i < cur->n; i++) {
        const ab_result_row *r = &cur->rows[i];
        if (ab_results_find(base, r)) continue;
        s->added++;
        char m[1024];
        if (new_row_failure(r, m, sizeof m)) add(&fresh, r, r, m);
    }

    for (size_t k = 0; k < reg.n; k++) {
        const finding *f = &reg.v[k];
        fprintf(out, "REGRESSION %s/%s/%s/%s: %s", f->b->activation, f->b->variant,
                f->b->precision, f->b->range, f->what);
        if (f->r && *f->r->worst_input)
            fprintf(out, "; worst input %s -> %s (correctly rounded %s)", f->r->worst_input,
                    f->r->worst_output, f->r->worst_reference);
        fprintf(out, " [baseline line %zu]\n", f->b->line);
    }
    for (size_t k = 0; k < fresh.n; k++)
        fprintf(out, "REGRESSION %s/%s/%s/%s (new, not in the baseline): %s [results line %zu]\n",
                fresh.v[k].r->activation, fresh.v[k].r->variant, fresh.v[k].r->precision,
                fresh.v[k].r->range, fresh.v[k].what, fresh.v[k].r->line);
    for (size_t k = 0; k < imp.n; k++)
        fprintf(out, "improved %s/%s/%s/%s: %s\n", imp.v[k].b->activation, imp.v[k].b->variant,
                imp.v[k].b->precision, imp.v[k].b->range, imp.v[k].what);
    if (imp.n && o->accept_hint) fprintf(out, "  accept the improvements with: %s\n", o->accept_hint);
    for (size_t k = 0; k < chg.n; k++)
        fprintf(out, "changed %s/%s/%s/%s: %s, no metric regressed%s\n", chg.v[k].b->activation,
                chg.v[k].b->variant, chg.v[k].b->precision, chg.v[k].b->range, chg.v[k].what,
                o->strict ? " (fails with --strict)" : "");
    /* Skipped rows, one line per reason (a peer that is not built skips
     * hundreds of rows for one reason): the count and the first row. */
    for (size_t k = 0; k < skip.n; k++) {
        size_t same = 0, first = 1;
        for (size_t j = 0; j < skip.n && first; j++) {
            if (strcmp(skip.v[j].what, skip.v[k].what)) continue;
            if (j < k) first = 0;
            same++;
        }
        if (!first) continue;
        if (same == 1)
            fprintf(out, "skipped %s/%s/%s/%s: %s\n", skip.v[k].b->activation,
                    skip.v[k].b->variant, skip.v[k].b->precision, skip.v[k].b->range,
                    skip.v[k].what);
        else
            fprintf(out, "skipped %zu rows (%s/%s/%s/%s, ...): %s\n", same, skip.v[k].b->activation,
                    skip.v[k].b->variant, skip.v[k].b->precision, skip.v[k].b->range,
                    skip.v[k].what);
    }
    tell(o, "regression", &reg, 0);
    tell(o, "new_regression", &fresh, 1);
    tell(o, "improvement", &imp, 0);
    tell(o, "change", &chg, 0);
    tell(o, "skip", &skip, 0);
    s->regressions = reg.n + fresh.n;
    s->improvements = imp.n;
    s->changed = chg.n;
    s->skipped = skip.n;
    int rc = 0;
    if (o->junit_path) rc = write_junit(o->junit_path, base, &reg, &skip);
    free(reg.v);
    free(fresh.v);
    free(imp.v);
    free(chg.v);
    free(skip.v);
    return rc;
}
