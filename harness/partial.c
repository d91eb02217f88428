/* partial.c: see partial.h. */
#include "partial.h"
#include "custom.h"
#include "env.h"
#include "inputs.h"
#include "names.h"
#include "registry.h"
#include "rows.h"
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the selection -------------------------------------------------------- */
static size_t put_filter(char *b, size_t k, size_t len, const char *flag, const ab_filter *f) {
    k += (size_t)snprintf(b + k, k < len ? len - k : 0, " %s=", flag);
    for (size_t i = 0; i < f->n; i++)
        k += (size_t)snprintf(b + k, k < len ? len - k : 0, "%s%s", i ? "," : "", f->names[i]);
    return k;
}

/* Every operation and variant name, in registry order: plugins loaded in
 * a different order or not at all change it. */
static uint64_t registry_fingerprint(void) {
    uint64_t h = 0;
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *op = ab_op_at(i);
        h = ab_mix64(h ^ ab_hash_string(op->name));
        for (size_t v = 0; v < op->n_variants; v++)
            h = ab_mix64(h ^ ab_hash_string(op->variants[v].name));
    }
    return h;
}

void ab_partial_selection(const ab_sweep_opts *o, char *b, size_t len) {
    ab_env e;
    ab_env_read(&e);
    size_t k = (size_t)snprintf(b, len, "commit=%s metric=%s", e.commit, AB_ULP_METRIC);
    k = put_filter(b, k, len, "activation", &o->activations);
    k = put_filter(b, k, len, "variant", &o->variants);
    k = put_filter(b, k, len, "range", &o->ranges);
    k += (size_t)snprintf(b + k, k < len ? len - k : 0,
                          " precision=%d/%x samples=%zu seed=%" PRIu64 " exhaustive=%d reference=%s"
                          " search=%zu custom=%016llx registry=%016" PRIx64,
                          o->precision, o->precisions, o->samples, o->seed, o->exhaustive,
                          o->reference_mpfr ? "mpfr" : "fast", o->search_budget,
                          ab_custom_fingerprint(), registry_fingerprint());
}

/* ---- writing ------------------------------------------------------------------ */
static uint64_t bits(double x) {
    uint64_t u;
    memcpy(&u, &x, 8);
    return u;
}

static void put_d(FILE *f, double x) { fprintf(f, " %016" PRIx64, bits(x)); }
static void put_u(FILE *f, uint64_t u) { fprintf(f, " %" PRIu64, u); }

static void write_row(FILE *f, const ab_row *r) {
    const ab_acc *a = &r->acc;
    uint32_t yf, yl;
    memcpy(&yf, &r->y_first, 4);
    memcpy(&yl, &r->y_last, 4);
    fprintf(f, "row %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %s %s %s %s",
            r->key, r->sub, r->s0, r->s1, r->nseg, r->op->name, r->var->name,
            ab_precision_name(r->prec), r->range);
    put_d(f, r->lo);
    put_d(f, r->hi);
    fprintf(f, " %d", r->exhaustive);
    put_u(f, r->cap_hits);
    put_u(f, r->ref_fallbacks);
    put_u(f, r->output_hash);
    fprintf(f, " %d %d %zu", (int)r->run.status, r->run.signal, r->run.completed);
    put_d(f, r->last_input);
    fprintf(f, " %s %zu %d %" PRId64 " %" PRId64 " %" PRIx32 " %" PRIx32, *r->worst_row ? r->worst_row : "-",
            r->worst_element, r->has_ends, r->first_ord, r->last_ord, yf, yl);
    put_d(f, r->row_sum_error);
    /* the accumulator */
    const uint64_t counts[] = {a->samples, a->correctly_rounded, a->over_1ulp, a->overflow,
                               a->nan, a->sign_errors, a->zero_flush, a->measured,
                               a->double_rounded};
    for (size_t i = 0; i < AB_COUNT(counts); i++) put_u(f, counts[i]);
    put_d(f, a->max_ulp);
    fprintf(f, " %La ", a->sum_ulp);
    ab_xsum_print(f, &a->xs);
    fprintf(f, " %d %zu", a->has_worst, a->worst_index);
    const double d[] = {a->worst_input, a->worst_output, a->worst_reference, a->max_rel,
                        a->max_abs, a->overflow_onset, a->nan_onset};
    for (size_t i = 0; i < AB_COUNT(d); i++) put_d(f, d[i]);
    for (int i = 0; i < AB_HIST_BINS; i++) put_u(f, a->hist[i]);
    for (int k = 0; k < AB_PROP_COUNT; k++) {
        put_u(f, r->props.checked[k]);
        put_u(f, r->props.violations[k]);
        put_d(f, r->props.first[k]);
    }
    fputc('\n', f);
}

void ab_partial_write(FILE *f, const ab_sweep_opts *o, const ab_sweep_result *res) {
    char sel[4096];
    ab_partial_selection(o, sel, sizeof sel);
    fprintf(f, "%s\nselection %s\nshard %u %u\nrows %zu\n", AB_PARTIAL_MAGIC, sel, o->shard_k,
            o->shard_n, res->n);
    for (size_t i = 0; i < res->n; i++) write_row(f, &res->rows[i]);
    fputs("end\n", f);
}

/* ---- merging rows ------------------------------------------------------------- */
void ab_row_merge(ab_row *a, const ab_row *b) {
    a->s1 = b->s1;
    if (a->run.status != AB_RUN_OK) return; /* the single run stopped there */
    if (b->acc.has_worst && (!a->acc.has_worst || b->acc.max_ulp > a->acc.max_ulp)) {
        memcpy(a->worst_row, b->worst_row, sizeof a->worst_row);
        a->worst_element = b->worst_element;
    }
    ab_acc_merge(&a->acc, &b->acc);
    if (a->has_ends && b->has_ends && a->last_ord + 1 == b->first_ord)
        ab_props_pair_f32(a->op->act, (float)ab_from_ordinal(a->last_ord, AB_F32), a->y_last,
                          b->y_first, &a->props);
    ab_props_merge(&a->props, &b->props);
    if (b->has_ends) {
        if (!a->has_ends) {
            a->first_ord = b->first_ord;
            a->y_first = b->y_first;
        }
        a->has_ends = 1;
        a->last_ord = b->last_ord;
        a->y_last = b->y_last;
    }
    if (!isnan(b->row_sum_error) && !(b->row_sum_error <= a->row_sum_error))
        a->row_sum_error = b->row_sum_error;
    a->cap_hits += b->cap_hits;
    a->ref_fallbacks += b->ref_fallbacks;
    a->output_hash += b->output_hash;
    a->run.completed += b->run.completed;
    if (b->run.status != AB_RUN_OK) {
        a->run.status = b->run.status;
        a->run.signal = b->run.signal;
        a->last_input = b->last_input;
    }
}

/* ---- reading ------------------------------------------------------------------ */
typedef struct {
    char **tok;
    size_t n, i;
    int bad;
} toks;

static const char *next(toks *t) {
    if (t->i >= t->n) { t->bad = 1; return "0"; }
    return t->tok[t->i++];
}

static uint64_t get_u(toks *t) {
    const char *s = next(t);
    char *end;
    if (*s == '-' || *s == '+') { t->bad = 1; return 0; }
    uint64_t v = strtoull(s, &end, 10);
    if (!*s || *end) t->bad = 1;
    return v;
}

static int64_t get_i(toks *t) {
    const char *s = next(t);
    char *end;
    int64_t v = strtoll(s, &end, 10);
    if (!*s || *end) t->bad = 1;
    return v;
}

static uint64_t get_x(toks *t) {
    const char *s = next(t);
    char *end;
    uint64_t v = strtoull(s, &end, 16);
    if (!*s || *end || *s == '-') t->bad = 1;
    return v;
}

static double get_d(toks *t) {
    uint64_t u = get_x(t);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

/* Names read from parts live as long as the process (rows point at them). */
static const char *intern(const char *s) {
    static char **pool;
    static size_t n;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pool[i], s)) return pool[i];
    char **p2 = realloc(pool, (n + 1) * sizeof *pool);
    char *c = strdup(s);
    if (!p2 || !c) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    pool = p2;
    pool[n++] = c;
    return c;
}

/* One "row ..." line into r; returns NULL or what is wrong. */
static const char *parse_row(char *line, ab_row *r) {
    char *tok[128], *save = NULL;
    toks t = {tok, 0, 0, 0};
    for (char *s = strtok_r(line, " ", &save); s; s = strtok_r(NULL, " ", &save)) {
        if (t.n == AB_COUNT(tok)) return "too many fields";
        tok[t.n++] = s;
    }
    memset(r, 0, sizeof *r);
    if (strcmp(next(&t), "row")) return "not a row";
    r->key = get_u(&t);
    r->sub = get_u(&t);
    r->s0 = get_u(&t);
    r->s1 = get_u(&t);
    r->nseg = get_u(&t);
    const char *act = next(&t), *var = next(&t), *prec = next(&t), *range = next(&t);
    if (!ab_name_ok(act) || !ab_name_ok(var) || !ab_name_ok(range)) return "a name is not valid";
    r->op = ab_find_op(act);
    if (!r->op) return "an unknown activation (load the same plugins as the shards)";
    if (ab_parse_precision(prec, &r->prec) != 0) return "an unknown precision";
    for (size_t v = 0; v < r->op->n_variants; v++)
        if (!strcmp(r->op->variants[v].name, var) && r->op->variants[v].precision == r->prec)
            r->var = &r->op->variants[v];
    if (!r->var) return "an unknown variant (load the same plugins as the shards)";
    r->range = intern(range);
    r->lo = get_d(&t);
    r->hi = get_d(&t);
    r->exhaustive = (int)get_u(&t);
    r->cap_hits = get_u(&t);
    r->ref_fallbacks = get_u(&t);
    r->output_hash = get_u(&t);
    r->run.status = (ab_run_status)get_u(&t);
    r->run.signal = (int)get_i(&t);
    r->run.completed = get_u(&t);
    r->last_input = get_d(&t);
    const char *wr = next(&t);
    if (strcmp(wr, "-")) {
        if (strlen(wr) >= sizeof r->worst_row) return "worst_row too long";
        strcpy(r->worst_row, wr);
    }
    r->worst_element = get_u(&t);
    r->has_ends = (int)get_u(&t);
    r->first_ord = get_i(&t);
    r->last_ord = get_i(&t);
    uint32_t yf = (uint32_t)get_x(&t), yl = (uint32_t)get_x(&t);
    memcpy(&r->y_first, &yf, 4);
    memcpy(&r->y_last, &yl, 4);
    r->row_sum_error = get_d(&t);
    ab_acc *a = &r->acc;
    uint64_t *counts[] = {&a->samples, &a->correctly_rounded, &a->over_1ulp, &a->overflow,
                          &a->nan, &a->sign_errors, &a->zero_flush, &a->measured,
                          &a->double_rounded};
    for (size_t i = 0; i < AB_COUNT(counts); i++) *counts[i] = get_u(&t);
    a->max_ulp = get_d(&t);
    const char *sum = next(&t);
    char *end;
    a->sum_ulp = strtold(sum, &end);
    if (*end) return "a malformed sum";
    if (ab_xsum_parse(next(&t), &a->xs) != 0) return "a malformed exact sum";
    a->has_worst = (int)get_u(&t);
    a->worst_index = get_u(&t);
    double *d[] = {&a->worst_input, &a->worst_output, &a->worst_reference, &a->max_rel,
                   &a->max_abs, &a->overflow_onset, &a->nan_onset};
    for (size_t i = 0; i < AB_COUNT(d); i++) *d[i] = get_d(&t);
    for (int i = 0; i < AB_HIST_BINS; i++) a->hist[i] = get_u(&t);
    for (int k = 0; k < AB_PROP_COUNT; k++) {
        r->props.checked[k] = get_u(&t);
        r->props.violations[k] = get_u(&t);
        r->props.first[k] = get_d(&t);
    }
    if (t.bad || t.i != t.n) return "a malformed row";
    if (r->s0 >= r->s1 && !r->exhaustive) return "an empty segment block";
    if (r->s1 > r->nseg || r->s0 > r->s1 || r->run.status > AB_RUN_EXITED) return "a malformed row";
    /* Ends: exhaustive f32 elementwise rows only (ab_row_merge checks the
     * monotone pair through op->act), finite f32 ordinals (it compares
     * last + 1). */
    if (r->has_ends && (r->has_ends != 1 || !r->exhaustive || r->prec != AB_F32 ||
                        r->op->kind != AB_OP_ELEMENTWISE || r->first_ord > r->last_ord ||
                        r->first_ord < ab_ordinal(-FLT_MAX, AB_F32) ||
                        r->last_ord > ab_ordinal(FLT_MAX, AB_F32)))
        return "a malformed row";
    if (r->op->kind == AB_OP_ROW) r->neg_inf_row_policy = ab_row_neg_inf_policy(r->op->row, r->var);
    return NULL;
}

typedef struct {
    char selection[4096];
    unsigned k, n;
} part_hdr;

/* Reads one part (f) into res; returns NULL or what is wrong (*line: where). */
static const char *read_part(FILE *f, part_hdr *h, ab_sweep_result *res, size_t *line) {
    char *buf = NULL;
    size_t cap = 0, rows = 0, declared = 0;
    ssize_t len;
    const char *why = NULL;
    int state = 0; /* 0 magic, 1 selection, 2 shard, 3 rows, 4 body, 5 end */
    *line = 0;
    while (!why && (len = getline(&buf, &cap, f)) >= 0) {
        (*line)++;
        if (len && buf[len - 1] == '\n') buf[--len] = 0;
        if ((size_t)len != strlen(buf)) { why = "a NUL byte"; break; }
        switch (state) {
        case 0:
            if (strcmp(buf, AB_PARTIAL_MAGIC)) why = "not an actbench partial (first line)";
            break;
        case 1:
            if (strncmp(buf, "selection ", 10) || strlen(buf + 10) >= sizeof h->selection)
                why = "no selection line";
            else strcpy(h->selection, buf + 10);
            break;
        case 2: {
            char tail;
            /* N <= 65536, as --shard K/N allows (a forged count must not
             * size the merge's allocations: found by fuzz_partial) */
            if (sscanf(buf, "shard %u %u%c", &h->k, &h->n, &tail) != 2 || h->n == 0 ||
                h->n > 65536 || h->k >= h->n)
                why = "no valid shard line";
            break;
        }
        case 3: {
            char tail;
            if (sscanf(buf, "rows %zu%c", &declared, &tail) != 1) why = "no rows line";
            break;
        }
        default:
            if (!strcmp(buf, "end")) {
                if (rows != declared) why = "fewer rows than declared (truncated?)";
                state = 5;
                break;
            }
            if (state == 5) { why = "text after the end line"; break; }
            why = parse_row(buf, ab_sweep_push_row(res));
            rows++;
            if (!why && rows > declared) why = "more rows than declared";
            if (why) { res->n--; break; }
            continue;
        }
        if (state < 4) state++;
    }
    free(buf);
    if (!why && ferror(f)) why = "a read error";
    if (!why && state != 5) why = "no end line (truncated?)";
    return why;
}

static int cmp_rows(const void *x, const void *y) {
    const ab_row *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->sub != b->sub) return a->sub < b->sub ? -1 : 1;
    if (a->s0 != b->s0) return a->s0 < b->s0 ? -1 : 1;
    /* An empty exhaustive block [p, p) before [p, q): else the order of the
     * parts on the command line decided whether they covered the row. */
    return (a->s1 > b->s1) - (a->s1 < b->s1);
}

static int same_row(const ab_row *a, const ab_row *b) {
    return a->op == b->op && a->var == b->var && a->prec == b->prec && a->range == b->range &&
           a->nseg == b->nseg && a->exhaustive == b->exhaustive &&
           bits(a->lo) == bits(b->lo) && bits(a->hi) == bits(b->hi);
}

int ab_partial_merge(const char *const *names, const char *const *texts, size_t n,
                     ab_sweep_result *res, uint64_t *seed, size_t *samples, char *err,
                     size_t errlen) {
    char q[128];
    part_hdr first = {0};
    unsigned char *seen = NULL;
    ab_sweep_result all = {0};
    memset(res, 0, sizeof *res);
    for (size_t i = 0; i < n; i++) {
        FILE *f = texts ? fmemopen((void *)texts[i], strlen(texts[i]), "r") : fopen(names[i], "r");
        if (!f) {
            snprintf(err, errlen, "cannot read %s", ab_msg_quote(names[i], q, sizeof q));
            goto fail;
        }
        part_hdr h = {0};
        size_t line;
        const char *why = read_part(f, &h, &all, &line);
        fclose(f);
        if (why) {
            snprintf(err, errlen, "%s:%zu: %s", ab_msg_quote(names[i], q, sizeof q), line, why);
            goto fail;
        }
        if (i == 0) {
            first = h;
            seen = calloc(h.n, 1);
            if (!seen) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
        } else if (strcmp(h.selection, first.selection) || h.n != first.n) {
            snprintf(err, errlen, "%s is a shard of another sweep than %s (selection, seed, version "
                     "or shard count differ)", ab_msg_quote(names[i], q, sizeof q), names[0]);
            goto fail;
        }
        if (seen[h.k]++) {
            snprintf(err, errlen, "%s: shard %u/%u given twice", ab_msg_quote(names[i], q, sizeof q),
                     h.k, h.n);
            goto fail;
        }
    }
    if (n == 0 || n != first.n) {
        unsigned miss = 0;
        while (n && miss < first.n && seen[miss]) miss++;
        snprintf(err, errlen, n ? "shard %u/%u is missing" : "no parts", miss, first.n);
        goto fail;
    }
    /* The seed and samples of the selection. */
    const char *s = strstr(first.selection, " samples="), *e = strstr(first.selection, " seed=");
    if (!s || !e) { snprintf(err, errlen, "%s: no seed in the selection", names[0]); goto fail; }
    *samples = (size_t)strtoull(s + 9, NULL, 10);
    *seed = strtoull(e + 6, NULL, 10);
    if (all.n) qsort(all.rows, all.n, sizeof *all.rows, cmp_rows); /* rows may be NULL */
    for (size_t i = 0; i < all.n;) {
        size_t j = i + 1;
        ab_row r = all.rows[i];
        if (r.s0 != 0) goto gap;
        while (j < all.n && all.rows[j].key == r.key && all.rows[j].sub == r.sub) {
            if (!same_row(&r, &all.rows[j])) {
                snprintf(err, errlen, "the parts disagree on row %s/%s/%s", r.op->name,
                         r.var->name, r.range);
                goto fail;
            }
            if (all.rows[j].s0 != r.s1) goto gap;
            ab_row_merge(&r, &all.rows[j]);
            j++;
        }
        if (r.s1 != r.nseg) goto gap;
        *ab_sweep_push_row(res) = r;
        i = j;
        continue;
    gap:
        snprintf(err, errlen, "the parts do not cover row %s/%s/%s exactly once", r.op->name,
                 r.var->name, r.range);
        goto fail;
    }
    free(seen);
    ab_sweep_result_free(&all);
    return 0;
fail:
    free(seen);
    ab_sweep_result_free(&all);
    ab_sweep_result_free(res);
    return -1;
}
