/* sweep.c: the job engine.  For each job: inputs (sources.c) -> correctly
 * rounded references, once -> every selected variant -> one accumulator
 * per segment, merged in segment order -> one result row per variant.
 * Observers (sweep_outputs.c) see each variant's outputs. */
#include "sweep.h"
#include "csv_schema.h"
#include "exhaustive.h"
#include "rows.h"
#include "sources.h"
#include "search.h"
#include "custom.h"
#include "inputs.h"
#include "../reference/reference.h"
#include "../reference/format.h"
#include "../reference/rows.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>

int ab_filter_match(const ab_filter *f, const char *name) {
    if (f->n == 0) return 1;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->names[i], name) == 0) return 1;
    return 0;
}

void ab_sweep_opts_init(ab_sweep_opts *o) {
    memset(o, 0, sizeof *o);
    o->precision = -1;
    o->samples = AB_DEFAULT_SAMPLES;
    o->seed = AB_DEFAULT_SEED;
}

void *ab_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    return p;
}

/* A 16-bit (or bf16-in, f32-out) variant: the values as the format's bit
 * patterns (NaN payloads kept, ab_fmt_bits), then back. */
static void call_half(const ab_variant *v, const double *x, size_t n, double *y, size_t m) {
    ab_precision fi = ab_in_prec(v->precision), fo = ab_out_prec(v->precision);
    uint16_t *xh = ab_xmalloc(n * sizeof *xh + 64);
    void *yb = ab_xmalloc(m * (size_t)ab_fmt(fo)->width + 64);
    for (size_t i = 0; i < n; i++) xh[i] = (uint16_t)ab_fmt_bits(x[i], fi);
    if (v->precision == AB_BF16_F32) {
        ((ab_fn_bf16_f32)v->fn)((const ab_bf16 *)xh, yb, n);
        for (size_t i = 0; i < m; i++) y[i] = ((float *)yb)[i];
    } else {
        if (v->precision == AB_BF16) ((ab_fn_bf16)v->fn)((const ab_bf16 *)xh, yb, n);
        else ((ab_fn_f16)v->fn)((const ab_f16 *)xh, yb, n);
        for (size_t i = 0; i < m; i++) y[i] = ab_fmt_from_bits(((uint16_t *)yb)[i], fo);
    }
    free(xh);
    free(yb);
}

void ab_call_variant(const ab_variant *v, const double *x, size_t n, double *y, size_t m) {
    if (v->precision == AB_F64) {
        ((ab_fn_f64)v->fn)(x, y, n);
        return;
    }
    if (n == 0) return;
    if (v->precision != AB_F32) {
        call_half(v, x, n, y, m);
        return;
    }
    float *xf = ab_xmalloc(n * sizeof *xf + 64);
    float *yf = ab_xmalloc(m * sizeof *yf + 64);
    for (size_t i = 0; i < n; i++) xf[i] = ab_narrow_f32(x[i]); /* keeps sNaN */
    ((ab_fn_f32)v->fn)(xf, yf, n);
    for (size_t i = 0; i < m; i++) y[i] = yf[i];
    free(xf);
    free(yf);
}

void ab_run_variant(const ab_variant *v, const double *x, double *y, size_t n) {
    ab_call_variant(v, x, n, y, n);
}

double ab_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

uint64_t ab_hash_outputs(uint64_t h, const double *y, size_t n, ab_precision p) {
    for (size_t i = 0; i < n; i++) {
        unsigned char b[8];
        size_t k;
        ab_precision fo = ab_out_prec(p);
        if (fo == AB_F64) { memcpy(b, &y[i], 8); k = 8; }
        else if (fo == AB_F32) { float f = (float)y[i]; memcpy(b, &f, 4); k = 4; }
        else { uint16_t u = (uint16_t)ab_fmt_bits(y[i], fo); memcpy(b, &u, 2); k = 2; }
        for (size_t j = 0; j < k; j++) h = (h ^ b[j]) * 0x100000001b3u;
    }
    return h;
}

/* ---- references ----------------------------------------------------------- */
/* Each thread's MPFR reference contexts, made on first use and freed when
 * the thread ends (a pthread key's destructor: OpenMP may retire threads
 * when the thread count changes, and _Thread_local pointers would leak). */
typedef struct {
    ab_ref_ctx *elem;
    ab_row_ref_ctx *row;
} thread_ctx;
static pthread_key_t ctx_key;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void thread_ctx_free(void *p) {
    thread_ctx *t = p;
    ab_ref_ctx_free(t->elem);
    ab_row_ref_ctx_free(t->row);
    free(t);
    mpfr_free_cache(); /* this thread's cached constants (pi, log 2) */
}

static void ctx_key_init(void) {
    if (pthread_key_create(&ctx_key, thread_ctx_free) != 0) {
        fprintf(stderr, "actbench: out of thread keys\n");
        exit(3);
    }
}

static thread_ctx *this_thread_ctx(void) {
    pthread_once(&ctx_once, ctx_key_init);
    thread_ctx *t = pthread_getspecific(ctx_key);
    if (!t) {
        t = calloc(1, sizeof *t);
        if (!t || pthread_setspecific(ctx_key, t) != 0) {
            fprintf(stderr, "actbench: out of memory\n");
            exit(3);
        }
    }
    return t;
}

/* 16-bit precisions: every pattern's reference once per (operation,
 * precision), shared by its ranges (which overlap: full holds them all).
 * bf16's double-rounding step (f rounded to f32) is bf16-f32's reference,
 * so the two share that table.  Filled by reference_segment; within a job
 * each pattern is one thread's, and jobs run one after another. */
typedef struct {
    const ab_op *op;
    ab_refval *r;
    unsigned char *caps; /* 0: not yet; else 1 + the cap hits */
} half_table;
static half_table half_refs[AB_PRECISION_COUNT]; /* bf16, f16, bf16-f32 */

static void half_table_for(half_table *t, const ab_op *op) {
    if (t->op == op) return;
    if (!t->r) {
        t->r = ab_xmalloc(65536 * sizeof *t->r);
        t->caps = ab_xmalloc(65536);
    }
    memset(t->caps, 0, 65536);
    t->op = op;
}

static void half_refs_for(const ab_op *op, ab_precision p) {
    half_table_for(&half_refs[p], op);
    if (p == AB_BF16) half_table_for(&half_refs[AB_BF16_F32], op);
}

/* The reference of pattern b in precision p from its table, evaluated
 * (and stored) on first use; returns the cap hits. */
static uint64_t half_lookup(ab_ref_ctx *c, const ab_op *op, ab_precision p, unsigned b, double x,
                            ab_refval *out) {
    half_table *t = &half_refs[p];
    if (t->caps[b]) {
        *out = t->r[b];
        return t->caps[b] - 1u;
    }
    ab_reference_eval(c, op->act->reference, p, x, out);
    uint64_t caps = out->cap_hit;
    if (ab_out_prec(p) != AB_F32) { /* dr: f32's rounding, then the format's */
        ab_refval r32;
        if (p == AB_BF16) caps += half_lookup(c, op, AB_BF16_F32, b, x, &r32);
        else {
            ab_reference_eval(c, op->act->reference, AB_F32, x, &r32);
            caps += r32.cap_hit;
        }
        out->dr = ab_fmt_round(r32.cr, ab_out_prec(p));
        out->has_dr = 1;
    }
    t->r[b] = *out;
    t->caps[b] = (unsigned char)(1 + caps);
    return caps;
}

/* One 16-bit input's reference, with dr for the double-rounding count. */
static uint64_t half_reference(ab_ref_ctx *c, const ab_op *op, ab_precision p, double x,
                               ab_refval *out) {
    return half_lookup(c, op, p, (unsigned)ab_fmt_bits(x, ab_in_prec(p)), x, out);
}

/* The references of segment s; returns the cap hits. */
static uint64_t reference_segment(const ab_op *op, ab_precision p, const ab_job_inputs *in,
                                  size_t s, ab_refval *ref) {
    size_t a = in->in_off[s], b = in->in_off[s + 1];
    thread_ctx *t = this_thread_ctx();
    if (op->kind == AB_OP_ROW) {
        if (!t->row) t->row = ab_row_ref_ctx_new();
        if (!t->row) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
        return ab_row_reference_eval(t->row, op->row, p, in->x + a, b - a, ref + in->out_off[s]);
    }
    if (!t->elem) t->elem = ab_ref_ctx_new();
    if (!t->elem) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    ab_ref_ctx *elem_ctx = t->elem;
    uint64_t caps = 0;
    for (size_t i = a; i < b; i++) {
        if (ab_is_half(p)) {
            caps += half_reference(elem_ctx, op, p, in->x[i], &ref[i]);
            continue;
        }
        ab_reference_eval(elem_ctx, op->act->reference, p, in->x[i], &ref[i]);
        caps += ref[i].cap_hit;
        ref[i].has_dr = 0;
    }
    return caps;
}

/* ---- variants ---------------------------------------------------------------- */
/* Runs v on segments [s0, s1); returns the end of the outputs written (an
 * index into all of the job's outputs).  A plugin variant runs in a child
 * (one element, or one row, per call, so a crash names its input);
 * run->completed counts the inputs (rows) of the block that returned. */
static size_t run_variant(const ab_op *op, const ab_variant *v, const ab_job_inputs *in,
                          size_t s0, size_t s1, double *y, ab_isolated_run *run) {
    int rows = op->kind == AB_OP_ROW;
    size_t ia = in->in_off[s0], oa = in->out_off[s0];
    if (ab_variant_isolated(v)) {
        if (!rows) {
            ab_run_isolated(v, in->x + ia, y + ia, in->in_off[s1] - ia, NULL, NULL, run);
            return ia + run->completed;
        }
        /* The child indexes from the block's start. */
        size_t *io = ab_xmalloc((s1 - s0 + 1) * sizeof *io), *oo = ab_xmalloc((s1 - s0 + 1) * sizeof *oo);
        for (size_t s = s0; s <= s1; s++) {
            io[s - s0] = in->in_off[s] - ia;
            oo[s - s0] = in->out_off[s] - oa;
        }
        ab_run_isolated(v, in->x + ia, y + oa, s1 - s0, io, oo, run);
        size_t end = oa + oo[run->completed];
        free(io);
        free(oo);
        return end;
    }
    if (!rows) {
        ab_run_variant(v, in->x + ia, y + ia, in->in_off[s1] - ia);
    } else {
#pragma omp parallel for schedule(dynamic, 1)
        for (size_t r = s0; r < s1; r++)
            ab_call_variant(v, in->x + in->in_off[r], in->in_off[r + 1] - in->in_off[r],
                            y + in->out_off[r], in->out_off[r + 1] - in->out_off[r]);
    }
    *run = (ab_isolated_run){AB_RUN_OK, 0, rows ? s1 - s0 : in->in_off[s1] - ia};
    return in->out_off[s1];
}

static void report_failure(const ab_op *op, const ab_variant *v, ab_precision p,
                           const char *source, const ab_job_inputs *in, size_t s0,
                           const ab_isolated_run *run, uint64_t seed) {
    char st[64];
    ab_run_status_text(run, st, sizeof st);
    if (op->kind == AB_OP_ROW)
        fprintf(stderr, "actbench: plugin variant %s/%s/%s %s on generator %s at row %s:%" PRIu64
                        ":%zu (%zu of %zu rows done)\n",
                op->name, v->name, ab_precision_name(p), st, source, source, seed,
                s0 + run->completed, s0 + run->completed, in->nseg);
    else
        fprintf(stderr, "actbench: plugin variant %s/%s/%s %s on range %s at input %a "
                        "(%zu of %zu inputs done)\n",
                op->name, v->name, ab_precision_name(p), st, source,
                in->x[in->in_off[s0] + run->completed], in->in_off[s0] + run->completed, in->nin);
}

/* ---- result rows ------------------------------------------------------------- */
ab_row *ab_sweep_push_row(ab_sweep_result *res) {
    if (res->n == res->cap) {
        res->cap = res->cap ? res->cap * 2 : 64;
        res->rows = realloc(res->rows, res->cap * sizeof *res->rows);
        if (!res->rows) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    }
    ab_row *r = &res->rows[res->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* The row (segment) that holds output j. */
static size_t segment_of(const ab_job_inputs *in, size_t j) {
    size_t lo = 0, hi = in->nseg;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (in->out_off[mid] <= j) lo = mid;
        else hi = mid;
    }
    return lo;
}

typedef struct {
    const ab_op *op;
    ab_precision prec;
    const char *source;
    size_t index;           /* in the sweep's job list: the rows' sort key */
} job;

static int variant_selected(const ab_sweep_opts *o, const job *jb, const ab_variant *v) {
    return v->precision == jb->prec && ab_filter_match(&o->variants, v->name);
}

uint64_t ab_hash_combine(uint64_t h, uint64_t segment, uint64_t seg_hash) {
    return h + ab_mix64(seg_hash ^ ab_mix64(segment));
}

/* Accumulates outputs [out_off[s0], done) of segments [s0, s1), each
 * complete row's row-sum error and each segment's output hash; fills the
 * result row (folded in segment order). */
static void measure(const job *jb, const ab_job_inputs *in, size_t s0, size_t s1,
                    const double *y, const ab_refval *ref, size_t done, ab_acc *acc,
                    double *rse, uint64_t *hash, ab_row *row) {
    const ab_op *op = jb->op;
    /* an output's input is its own entry x_j, except for a scalar result */
    int same = op->kind == AB_OP_ELEMENTWISE || op->row->output != AB_ROW_SCALAR;
    int row_sum = op->kind == AB_OP_ROW ? op->row->row_sum : 0;
#pragma omp parallel for schedule(static)
    for (size_t s = s0; s < s1; s++) {
        ab_acc_init(&acc[s]);
        size_t a = in->out_off[s], b = in->out_off[s + 1] < done ? in->out_off[s + 1] : done;
        int ref_nan = 0;
        for (size_t j = a; j < b; j++) {
            double xin = same ? in->x[in->in_off[s] + (j - a)] : NAN;
            ab_acc_add(&acc[s], j, xin, y[j], &ref[j], jb->prec);
            ref_nan |= ref[j].kind == AB_V_NAN;
        }
        rse[s] = row_sum && !ref_nan && b == in->out_off[s + 1] && b > a
                     ? ab_row_sum_error(row_sum, y + a, b - a) : NAN;
        hash[s] = b > a ? ab_hash_outputs(AB_FNV_OFFSET, y + a, b - a, jb->prec) : 0;
    }
    ab_acc_init(&row->acc);
    row->row_sum_error = NAN;
    row->output_hash = 0;
    for (size_t s = s0; s < s1; s++) {
        ab_acc_merge(&row->acc, &acc[s]);
        if (!isnan(rse[s]) && !(rse[s] <= row->row_sum_error)) row->row_sum_error = rse[s];
        if (in->out_off[s] < done && in->out_off[s + 1] > in->out_off[s])
            row->output_hash = ab_hash_combine(row->output_hash, s, hash[s]);
    }
}

/* The segments [s0, s1) of a job of nseg that this process computes. */
static void owned(const ab_sweep_opts *o, const job *jb, size_t nseg, size_t *s0, size_t *s1) {
    *s0 = 0;
    *s1 = nseg;
    if (o->shard_n == 0) return;
    if (o->search_budget) { /* a search needs its job's whole stratified pass */
        if (jb->index % o->shard_n != o->shard_k) *s1 = 0;
        return;
    }
    *s0 = (size_t)((unsigned __int128)nseg * o->shard_k / o->shard_n);
    *s1 = (size_t)((unsigned __int128)nseg * (o->shard_k + 1) / o->shard_n);
}

static int searchable(const ab_sweep_opts *o, const job *jb, const ab_job_inputs *in) {
    return o->search_budget && jb->op->kind == AB_OP_ELEMENTWISE && !isnan(in->lo) &&
           !in->exhaustive && !ab_source_is_list(jb->source);
}

/* The search row of variant var after its stratified row (search.h): the
 * search's evaluations alone, so that no input counts in two rows. */
static void search_row(const ab_sweep_opts *o, const job *jb, const ab_job_inputs *in,
                       const ab_variant *var, const double *y, const ab_refval *ref,
                       const ab_row *strat, ab_sweep_result *res) {
    ab_search_opts so;
    ab_search_stats st;
    ab_search_opts_init(&so);
    so.budget = o->search_budget;
    so.seed = o->seed;
    so.stats = &st;
    so.evaluations_only = 1;
    ab_row base = *strat; /* strat lives in res->rows, which the push may move */
    ab_row *row = ab_sweep_push_row(res);
    *row = base;
    size_t n = base.run.status == AB_RUN_OK ? in->nin : base.run.completed;
    uint64_t h = AB_FNV_OFFSET, caps = 0;
    ab_props_init(&row->props);
    size_t evals = ab_search_run(jb->op->act, var, jb->prec, in->lo, in->hi, in->x, y, ref, n,
                                 &so, &row->acc, &row->props, &h, &caps);
    res->reference_evals += evals;
    res->inputs += evals;
    row->output_hash = evals ? ab_hash_combine(0, 0, h) : 0;
    row->cap_hits = caps;
    row->sub = base.sub + 1;
    row->exhaustive = 0;
    row->run = (ab_isolated_run){AB_RUN_OK, 0, evals};
    row->last_input = NAN;
    if (st.run.status != AB_RUN_OK) {
        row->run = st.run;
        row->run.completed = evals;
        row->last_input = st.last_input;
    }
    row->range = ab_search_range_name(jb->source);
}

static void sweep_job(const ab_sweep_opts *o, const job *jb, ab_sweep_result *res) {
    const ab_op *op = jb->op;
    int have_variant = 0;
    for (size_t v = 0; v < op->n_variants; v++)
        have_variant |= variant_selected(o, jb, &op->variants[v]) &&
                        ab_variant_available(&op->variants[v]);
    if (!have_variant) return;
    ab_job_inputs in;
    if (ab_job_inputs_make(op, jb->prec, jb->source, o->seed, o->samples, &in) != 0) return;
    size_t s0, s1;
    owned(o, jb, in.nseg, &s0, &s1);
    if (s0 == s1) {
        ab_job_inputs_free(&in);
        return;
    }
    double *y = ab_xmalloc(in.nout * sizeof *y);
    ab_refval *ref = ab_xmalloc(in.nout * sizeof *ref);
    ab_acc *acc = ab_xmalloc(in.nseg * sizeof *acc);
    double *rse = ab_xmalloc(in.nseg * sizeof *rse);
    uint64_t *hash = ab_xmalloc(in.nseg * sizeof *hash);

    uint64_t caps = 0;
    double tr = ab_now();
    if (op->kind == AB_OP_ELEMENTWISE && ab_is_half(jb->prec)) half_refs_for(op, jb->prec);
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : caps)
    for (size_t s = s0; s < s1; s++) caps += reference_segment(op, jb->prec, &in, s, ref);
    res->reference_seconds += ab_now() - tr;
    res->reference_evals += in.out_off[s1] - in.out_off[s0];
    res->cap_hits += caps;

    /* The special set holds +-inf: their references are the limits the
     * infinity classes are held to (the set is one segment). */
    double limits[2] = {NAN, NAN};
    int have_limits = 0;
    if (op->kind == AB_OP_ELEMENTWISE && !strcmp(jb->source, "special"))
        for (size_t i = in.in_off[s0]; i < in.in_off[s1]; i++)
            if (isinf(in.x[i])) {
                limits[in.x[i] > 0] = ref[i].cr;
                have_limits |= 1 << (in.x[i] > 0);
            }
    have_limits = have_limits == 3;
    ab_job_view view = {op, jb->prec, jb->source, in.lo, in.hi};
    size_t ia = in.in_off[s0];
    for (size_t v = 0; v < op->n_variants; v++) {
        const ab_variant *var = &op->variants[v];
        if (!variant_selected(o, jb, var)) continue;
        if (!ab_variant_available(var)) {
            res->skipped_unavailable++;
            continue;
        }
        ab_row *row = ab_sweep_push_row(res);
        size_t done = run_variant(op, var, &in, s0, s1, y, &row->run);
        if (row->run.status != AB_RUN_OK)
            report_failure(op, var, jb->prec, jb->source, &in, s0, &row->run, o->seed);
        res->inputs += op->kind == AB_OP_ROW ? in.in_off[s0 + row->run.completed] - ia
                                             : row->run.completed;
        res->variant_calls += op->kind == AB_OP_ROW ? row->run.completed : 1;
        measure(jb, &in, s0, s1, y, ref, done, acc, rse, hash, row);
        if (op->kind == AB_OP_ELEMENTWISE)
            ab_props_check(op->act, var, jb->prec, in.x + ia, y + ia, done - ia,
                           have_limits ? limits : NULL, &row->props);
        row->op = op;
        row->var = var;
        row->prec = jb->prec;
        row->range = jb->source;
        row->lo = in.lo;
        row->hi = in.hi;
        row->exhaustive = in.exhaustive;
        row->cap_hits = caps;
        row->key = jb->index;
        row->sub = 2 * v;
        row->s0 = s0;
        row->s1 = s1;
        row->nseg = in.nseg;
        row->last_input = row->run.status == AB_RUN_OK || op->kind == AB_OP_ROW
                              ? NAN : in.x[ia + row->run.completed];
        if (op->kind == AB_OP_ROW) {
            if (row->acc.has_worst) {
                size_t r = segment_of(&in, row->acc.worst_index);
                snprintf(row->worst_row, sizeof row->worst_row, "%s:%" PRIu64 ":%zu",
                         jb->source, o->seed, r);
                row->worst_element = row->acc.worst_index - in.out_off[r];
            }
            row->neg_inf_row_policy = ab_row_neg_inf_policy(op->row, var);
        } else {
            for (size_t k = 0; k < o->n_observers; k++)
                o->observers[k].variant(o->observers[k].ctx, &view, var, in.x, y, ref, done);
            if (searchable(o, jb, &in)) search_row(o, jb, &in, var, y, ref, row, res);
        }
    }
    if (op->kind == AB_OP_ELEMENTWISE)
        for (size_t k = 0; k < o->n_observers; k++)
            if (o->observers[k].job_end) o->observers[k].job_end(o->observers[k].ctx, &view);
    ab_job_inputs_free(&in);
    free(y);
    free(ref);
    free(acc);
    free(rse);
    free(hash);
}

static int has_variant(const ab_sweep_opts *o, const ab_op *op, ab_precision p) {
    for (size_t k = 0; k < op->n_variants; k++)
        if (op->variants[k].precision == p && ab_filter_match(&o->variants, op->variants[k].name))
            return 1;
    return 0;
}

int ab_sweep_run(const ab_sweep_opts *o, ab_sweep_result *res) {
    memset(res, 0, sizeof *res);
    if (o->threads > 0) omp_set_num_threads(o->threads);
    if (!mpfr_buildopt_tls_p() && (o->threads != 1)) omp_set_num_threads(1);

    double t0 = ab_now(), last = t0;
    if (o->exhaustive) { /* elementwise f32: the special set as sampled (it
                          * is every special input already), then every
                          * float of the other ranges in one scan */
        for (size_t i = 0; i < ab_op_count(); i++) {
            const ab_op *op = ab_op_at(i);
            if (op->kind != AB_OP_ELEMENTWISE || !ab_filter_match(&o->activations, op->name))
                continue;
            job special = {op, AB_F32, "special", 2 * i};
            if (ab_filter_match(&o->ranges, "special")) sweep_job(o, &special, res);
            ab_exhaustive_job(o, op, i, res);
        }
        res->seconds = ab_now() - t0;
        return 0;
    }

    job *jobs = NULL;
    size_t njobs = 0, capjobs = 0;
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *op = ab_op_at(i);
        if (!ab_filter_match(&o->activations, op->name)) continue;
        const char *names[64];
        size_t nr = ab_source_names(op, names, 64);
        int np = op->kind == AB_OP_ROW ? AB_F64 + 1 : AB_PRECISION_COUNT;
        for (int p = AB_F32; p < np; p++) {
            if (o->precision >= 0 && o->precision != p) continue;
            if (o->precisions && !(o->precisions >> p & 1)) continue;
            if (!has_variant(o, op, (ab_precision)p)) continue; /* no references for nothing */
            for (size_t r = 0; r < nr; r++) {
                if (!ab_filter_match(&o->ranges, names[r])) continue;
                if (!ab_source_applies(op, names[r], (ab_precision)p)) continue;
                if (njobs == capjobs) {
                    capjobs = capjobs ? capjobs * 2 : 64;
                    jobs = realloc(jobs, capjobs * sizeof *jobs);
                    if (!jobs) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
                }
                jobs[njobs] = (job){op, (ab_precision)p, names[r], njobs};
                njobs++;
            }
        }
    }
    for (size_t j = 0; j < njobs; j++) {
        sweep_job(o, &jobs[j], res);
        double t = ab_now();
        if (o->progress && t - last >= 2.0) {
            fprintf(stderr, "actbench: sweep %zu/%zu jobs, %s %s %s done (%.1f s)\n", j + 1,
                    njobs, jobs[j].op->name, ab_precision_name(jobs[j].prec), jobs[j].source,
                    t - t0);
            last = t;
        }
    }
    res->seconds = ab_now() - t0;
    free(jobs);
    return 0;
}

void ab_sweep_result_free(ab_sweep_result *res) {
    free(res->rows);
    memset(res, 0, sizeof *res);
}

void ab_sweep_print_summary(const ab_sweep_result *res) {
    double s = res->seconds > 0 ? res->seconds : 1e-9;
    double rs = res->reference_seconds > 0 ? res->reference_seconds : s;
    char fb[96] = "";
    if (res->ref_fallbacks)
        snprintf(fb, sizeof fb, " of which %llu fell back from the fast tier to MPFR",
                 (unsigned long long)res->ref_fallbacks);
    fprintf(stderr,
            "actbench: %zu rows in %.2f s: %llu inputs to variants (%.3g/s), "
            "%llu reference evaluations (%.3g/s, %.2f s of references)%s, %llu hit the %d-bit cap%s\n",
            res->n, res->seconds, (unsigned long long)res->inputs, res->inputs / s,
            (unsigned long long)res->reference_evals, res->reference_evals / rs, rs, fb,
            (unsigned long long)res->cap_hits, AB_REF_MAX_PREC,
            res->skipped_unavailable ? "; variants that cannot run here (CPU, peer library not built: list --long says why) were skipped" : "");
}

int ab_sweep_to_csv(const ab_sweep_opts *o, ab_csv_writer *w, int summary) {
    ab_sweep_result res;
    ab_sweep_run(o, &res);
    ab_write_accuracy(w, &res, o->seed, o->samples);
    if (summary) ab_sweep_print_summary(&res);
    ab_sweep_result_free(&res);
    return ab_csv_commit(w);
}
