/* exhaustive.c: every binary32 input of an activation (sweep --exhaustive).
 *
 * The finite floats, in ordinal order, are cut at the bounds of the
 * selected ranges into cells (each cell lies inside or outside every
 * range), and each cell into pieces of at most PIECE inputs; the NaN
 * patterns (both signs, every payload) are one more list of pieces, the
 * "nan" range.  Per piece: the references (the fast tier where it
 * decides, else the MPFR Ziv loop), every variant called on the whole
 * piece, one accumulator per variant.  Pieces run in parallel in waves and
 * are merged into their ranges' rows in piece order, so a result is the
 * same bytes for any thread count (and, folded as parts by ab_row_merge,
 * for any shard count: a shard sweeps one block of the pieces).  A range
 * row's output_hash combines its pieces' hashes (ab_hash_combine, with the
 * piece's index; block_hash: FNV-1a in 4 lanes of 64-bit words). */
#include "exhaustive.h"
#include "inputs.h"
#include "sources.h"
#include "partial.h"
#include "../reference/fast32.h"
#include "../reference/reference.h"
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#define PIECE 65536
#define WAVE 256
#define MAX_RANGES 64

typedef struct {
    int64_t lo, hi;        /* ordinals, inclusive; NaN pieces use bit patterns */
    int nan;               /* 1: a list of NaN bit patterns from lo */
    uint64_t ranges;       /* bit r: the piece lies in selected range r */
} piece;

typedef struct {
    const char *name;
    double lo, hi;
    int64_t olo, ohi;
} xrange;

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The pieces covering the selected finite ranges, then the NaN patterns
 * when "nan" is selected (its index is nr). */
static piece *make_pieces(const xrange *R, size_t nr, int with_nan, size_t *np) {
    int64_t cut[2 * MAX_RANGES];
    size_t nc = 0;
    for (size_t r = 0; r < nr; r++) {
        cut[nc++] = R[r].olo;
        cut[nc++] = R[r].ohi + 1;
    }
    qsort(cut, nc, sizeof *cut, cmp_i64);
    size_t cap = 1024, n = 0;
    piece *P = ab_xmalloc(cap * sizeof *P);
    for (size_t c = 0; c + 1 < nc; c++) {
        if (cut[c] == cut[c + 1]) continue;
        uint64_t mask = 0;
        for (size_t r = 0; r < nr; r++)
            if (R[r].olo <= cut[c] && cut[c + 1] - 1 <= R[r].ohi) mask |= (uint64_t)1 << r;
        if (!mask) continue;
        for (int64_t a = cut[c]; a < cut[c + 1]; a += PIECE) {
            if (n == cap) P = realloc(P, (cap *= 2) * sizeof *P);
            if (!P) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
            int64_t b = a + PIECE - 1 < cut[c + 1] - 1 ? a + PIECE - 1 : cut[c + 1] - 1;
            P[n++] = (piece){a, b, 0, mask};
        }
    }
    if (with_nan) /* 0x7f800001..0x7fffffff and 0xff800001..0xffffffff */
        for (int s = 0; s < 2; s++)
            for (int64_t a = 0; a < 0x7fffff; a += PIECE) {
                if (n == cap) P = realloc(P, (cap *= 2) * sizeof *P);
                if (!P) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
                int64_t base = s ? 0xff800001 : 0x7f800001, b = a + PIECE - 1 < 0x7ffffe ? a + PIECE - 1 : 0x7ffffe;
                P[n++] = (piece){base + a, base + b, 1, (uint64_t)1 << nr};
            }
    *np = n;
    return P;
}

/* ab_from_ordinal's f32 case, inline (the hash-only pass is bound by it):
 * ordinal o >= 0 is the bit pattern of +o's float, o < 0 that of ~o with
 * the sign bit set. */
static inline float piece_input(const piece *p, int64_t k) {
    int64_t o = p->lo + k;
    uint32_t bits = p->nan || o >= 0 ? (uint32_t)o : (uint32_t)(~o | (int64_t)INT32_MIN);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* Per-thread buffers for one piece. */
typedef struct {
    float *x, *y;
    float *xm, *ym;        /* -x and f(-x): the symmetry check */
    ab_ref32 *ref;
    ab_ref_ctx *ctx;
} scratch;

/* References of a piece; returns fallbacks to MPFR, adds cap hits. */
static uint64_t piece_refs(const ab_activation *a, const piece *p, scratch *s, int mpfr_only,
                           uint64_t *caps) {
    size_t n = (size_t)(p->hi - p->lo + 1);
    uint64_t fallbacks = 0;
    for (size_t i = 0; i < n; i++) {
        float x = s->x[i] = piece_input(p, (int64_t)i);
        double v, err;
        float cr;
        ab_refval r;
        ab_grid g;
        int code = !mpfr_only && a->fast32 ? a->fast32(x, &v, &err) : AB_FAST_DECLINE;
        if (ab_fast32_decide(code, v, err, &cr, &g)) { /* (the call first: v and err are its outputs) */
            ab_ref32_from_value(v, cr, &g, &s->ref[i]);
        } else {
            if (!s->ctx) s->ctx = ab_ref_ctx_new();
            if (!s->ctx) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
            ab_reference_eval(s->ctx, a->reference, AB_F32, x, &r);
            fallbacks += !mpfr_only && a->fast32;
            *caps += r.cap_hit;
            ab_ref32_from(&r, &s->ref[i]);
        }
    }
    return fallbacks;
}

/* What one piece contributes, per variant. */
typedef struct {
    ab_acc acc;
    ab_props_acc props;
    float y_first, y_last;  /* the monotone pairs across pieces */
    uint64_t hash;
    ab_isolated_run run;
    float last_input;
} piece_out;

/* FNV-1a over the outputs' bits as 64-bit words (two outputs, the first in
 * the low half; an odd last one alone), in 4 interleaved lanes, then
 * FNV-1a over the lanes: 4 independent multiply chains instead of one per
 * byte. */
static uint64_t block_hash(const float *y, size_t n) {
    uint64_t h[4] = {AB_FNV_OFFSET, AB_FNV_OFFSET ^ 1, AB_FNV_OFFSET ^ 2, AB_FNV_OFFSET ^ 3};
    size_t words = n / 2, i = 0;
    for (; i + 4 <= words; i += 4)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, y + 2 * (i + k), 8);
            h[k] = (h[k] ^ w) * 0x100000001b3u;
        }
    for (; i < words; i++) {
        uint64_t w;
        memcpy(&w, y + 2 * i, 8);
        h[0] = (h[0] ^ w) * 0x100000001b3u;
    }
    if (n % 2) {
        uint32_t w;
        memcpy(&w, y + n - 1, 4);
        h[1] = (h[1] ^ w) * 0x100000001b3u;
    }
    uint64_t r = AB_FNV_OFFSET;
    for (int k = 0; k < 4; k++) r = (r ^ h[k]) * 0x100000001b3u;
    return r;
}

/* v on x[0..n) -> y, in a child for a plugin variant (x and y then in
 * shared memory: ab_shared_f32); returns 0 when it ran to the end. */
static int call_f32(const ab_variant *v, const float *x, float *y, size_t n,
                    ab_isolated_run *run) {
    *run = (ab_isolated_run){AB_RUN_OK, 0, 1};
    if (!ab_variant_isolated(v)) {
        ((ab_fn_f32)v->fn)(x, y, n);
        return 0;
    }
    size_t off[2] = {0, n};
    ab_run_isolated_f32(v, x, y, 1, off, run);
    return run->status != AB_RUN_OK;
}

/* The outputs of a child-process variant on a wave's pieces, computed
 * ahead in runs of ISO_RUN pieces per child (one child per piece, and one
 * more for the mirror, cost a fork and the library's set-up 2 x 65,536
 * times for 2^32 inputs).  Segments are the pieces, each followed by its
 * mirror when the activation is symmetric; a piece whose segments did not
 * all complete is left not ready, and piece_variant calls it alone, which
 * reports a failure exactly as before. */
#define ISO_RUN 32 /* 2^21 inputs, 2^22 with mirrors: about a second per child */
typedef struct {
    float *x, *y;          /* shared (ab_shared_f32), WAVE x PIECE x (1 + mirror) */
    size_t *at;            /* per piece of the wave: its outputs at y + at[2i], its
                            * mirror's at y + at[2i + 1] */
    unsigned char *ready;  /* per piece of the wave */
} iso_out;

/* Pieces P[0..n) (the wave's pieces c.., at x + base, y + base). */
static void iso_run(const ab_variant *v, const piece *P, size_t n, int mirror, iso_out *o,
                    size_t c) {
    size_t per = (size_t)1 + (size_t)mirror, nseg = n * per, base = c * PIECE * per;
    size_t off[2 * ISO_RUN + 1], m = 0, sg = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < per; k++) {
            off[sg++] = m;
            o->at[2 * (c + i) + k] = base + m;
            for (int64_t j = 0; j <= P[i].hi - P[i].lo; j++) {
                float x = piece_input(&P[i], j);
                o->x[base + m++] = k ? -x : x;
            }
        }
    off[sg] = m;
    ab_isolated_run run;
    ab_run_isolated_f32(v, o->x + base, o->y + base, nseg, off, &run);
    for (size_t i = 0; i < n; i++) o->ready[c + i] = (i + 1) * per <= run.completed;
}

static void piece_variant(const ab_activation *a, const ab_variant *v, const piece *p,
                          scratch *s, uint64_t base_index, const float *pre_y,
                          const float *pre_ym, piece_out *o) {
    size_t n = (size_t)(p->hi - p->lo + 1);
    ab_acc_init(&o->acc);
    ab_props_init(&o->props);
    const float *y = pre_y ? pre_y : s->y;
    if (pre_y) {
        o->run = (ab_isolated_run){AB_RUN_OK, 0, 1};
    } else if (call_f32(v, s->x, s->y, n, &o->run)) {
        o->last_input = s->x[0];
        return;
    }
    ab_acc_add_f32_block(&o->acc, base_index, s->x, y, s->ref, n);
    o->hash = block_hash(y, n);
    if (p->nan) return; /* NaN patterns: no order, no range, no mirror */
    /* Properties: f(-x) for a symmetric activation (a mirror call the
     * neighbouring outputs cannot stand in for), adjacent pairs in place. */
    const float *ym = NULL;
    if (a->props.symmetry != AB_SYM_NONE && pre_y) {
        ym = pre_ym;
    } else if (a->props.symmetry != AB_SYM_NONE) {
        ab_isolated_run mr;
        for (size_t i = 0; i < n; i++) s->xm[i] = -s->x[i];
        if (!call_f32(v, s->xm, s->ym, n, &mr)) ym = s->ym;
    }
    ab_props_block_f32(a, v, s->x, y, ym, n, &o->props);
    o->y_first = y[0];
    o->y_last = y[n - 1];
}

static void progress(const ab_sweep_opts *o, const ab_op *op, uint64_t done, uint64_t total,
                     double t0, double *last) {
    double t = ab_now();
    if (!o->progress || (t - *last < 5.0 && done < total)) return;
    *last = t;
    double rate = done / (t - t0 > 1e-9 ? t - t0 : 1e-9);
    double eta = rate > 0 ? (total - done) / rate : 0;
    fprintf(stderr, "actbench: exhaustive %s f32: %5.1f%% (%" PRIu64 " of %" PRIu64
                    " inputs), %.3g inputs/s, ETA %dm%02ds\n",
            op->name, 100.0 * done / total, done, total, rate, (int)eta / 60, (int)eta % 60);
}

int ab_exhaustive_ranges(const ab_op *op, const ab_filter *ranges, const char **names,
                         size_t max) {
    const char *src[MAX_RANGES];
    size_t ns = ab_source_names(op, src, MAX_RANGES), n = 0;
    for (size_t i = 0; i < ns && n < max; i++)
        if (strcmp(src[i], "special") && ab_filter_match(ranges, src[i])) names[n++] = src[i];
    if (ab_filter_match(ranges, "nan") && n < max) names[n++] = "nan";
    return (int)n;
}

/* The f32 ordinal span of each named range (the "nan" name sets
 * *with_nan instead); returns the count of spans. */
static size_t xranges(const ab_activation *a, const char **names, size_t nn, xrange *R,
                      int *with_nan) {
    size_t nr = 0;
    *with_nan = 0;
    for (size_t i = 0; i < nn; i++) {
        if (!strcmp(names[i], "nan")) { *with_nan = 1; continue; }
        R[nr].name = names[i];
        ab_range_bounds(a, names[i], AB_F32, &R[nr].lo, &R[nr].hi);
        R[nr].olo = ab_ordinal(R[nr].lo, AB_F32);
        R[nr].ohi = ab_ordinal(R[nr].hi, AB_F32);
        nr++;
    }
    return nr;
}

void ab_exhaustive_job(const ab_sweep_opts *o, const ab_op *op, size_t key, ab_sweep_result *res) {
    const ab_activation *a = op->act;
    const char *names[MAX_RANGES];
    size_t nn = (size_t)ab_exhaustive_ranges(op, &o->ranges, names, MAX_RANGES - 1);
    xrange R[MAX_RANGES];
    int with_nan;
    size_t nr = xranges(a, names, nn, R, &with_nan);
    const ab_variant *vars[256];
    size_t nv = 0;
    for (size_t k = 0; k < op->n_variants && nv < 256; k++) {
        const ab_variant *v = &op->variants[k];
        if (v->precision != AB_F32 || !ab_filter_match(&o->variants, v->name)) continue;
        if (!ab_variant_available(v)) { res->skipped_unavailable++; continue; }
        vars[nv++] = v;
    }
    if (!nv || (!nr && !with_nan)) return;
    size_t np, nrows = nr + (size_t)with_nan;
    piece *P = make_pieces(R, nr, with_nan, &np);

    /* This process's pieces (a shard's block; merge.c folds the blocks). */
    size_t p0 = 0, p1 = np;
    if (o->shard_n) {
        p0 = (size_t)((unsigned __int128)np * o->shard_k / o->shard_n);
        p1 = (size_t)((unsigned __int128)np * (o->shard_k + 1) / o->shard_n);
    }
    uint64_t total = 0;
    for (size_t i = p0; i < p1; i++) total += (uint64_t)(P[i].hi - P[i].lo + 1);

    /* Rows: per range, per variant; each piece is folded in as a part. */
    ab_row *rows = ab_xmalloc(nrows * nv * sizeof *rows);
    memset(rows, 0, nrows * nv * sizeof *rows); /* no row-operation fields */
    for (size_t r = 0; r < nrows; r++)
        for (size_t v = 0; v < nv; v++) {
            ab_row *row = &rows[r * nv + v];
            ab_acc_init(&row->acc);
            ab_props_init(&row->props);
            row->run = (ab_isolated_run){AB_RUN_OK, 0, 0};
            row->last_input = NAN;
            row->row_sum_error = NAN;
            row->op = op;
            row->var = vars[v];
            row->prec = AB_F32;
            row->range = r < nr ? R[r].name : "nan";
            row->lo = r < nr ? R[r].lo : NAN;
            row->hi = r < nr ? R[r].hi : NAN;
            row->exhaustive = 1;
            row->key = 2 * key + 1;
            row->sub = 2 * (r * op->n_variants + (size_t)(vars[v] - op->variants));
            row->s0 = row->s1 = p0;
            row->nseg = np;
        }

    int threads = omp_get_max_threads();
    scratch *S = calloc((size_t)threads, sizeof *S);
    for (int t = 0; t < threads; t++) {
        S[t].x = ab_shared_f32(PIECE); /* shared: call_f32 may run a child on them */
        S[t].y = ab_shared_f32(PIECE);
        S[t].xm = ab_shared_f32(PIECE);
        S[t].ym = ab_shared_f32(PIECE);
        S[t].ref = ab_xmalloc(PIECE * sizeof *S[t].ref);
    }
    piece_out *out = ab_xmalloc((size_t)WAVE * nv * sizeof *out);
    uint64_t *wfall = ab_xmalloc(WAVE * sizeof *wfall), *wcaps = ab_xmalloc(WAVE * sizeof *wcaps);
    double *wref = ab_xmalloc(WAVE * sizeof *wref), ref_cpu = 0; /* thread-seconds */
    int mirror = a->props.symmetry != AB_SYM_NONE;
    iso_out *iso = ab_xmalloc(nv * sizeof *iso);
    memset(iso, 0, nv * sizeof *iso);
    for (size_t v = 0; v < nv; v++)
        if (ab_variant_isolated(vars[v])) {
            iso[v].x = ab_shared_f32((size_t)WAVE * PIECE * (1 + (size_t)mirror));
            iso[v].y = ab_shared_f32((size_t)WAVE * PIECE * (1 + (size_t)mirror));
            iso[v].at = ab_xmalloc(2 * WAVE * sizeof *iso[v].at);
            iso[v].ready = ab_xmalloc(WAVE);
        }
    double t0 = ab_now(), last = t0;
    uint64_t done = 0;
    for (size_t w = p0; w < p1; w += WAVE) {
        size_t wn = p1 - w < WAVE ? p1 - w : WAVE;
        for (size_t v = 0; v < nv; v++) {
            if (!iso[v].y) continue;
#pragma omp parallel for schedule(dynamic, 1)
            for (size_t c = 0; c < wn; c += ISO_RUN)
                iso_run(vars[v], &P[w + c], wn - c < ISO_RUN ? wn - c : ISO_RUN, mirror,
                        &iso[v], c);
        }
#pragma omp parallel for schedule(dynamic, 1)
        for (size_t i = 0; i < wn; i++) {
            scratch *s = &S[omp_get_thread_num()];
            const piece *p = &P[w + i];
            wcaps[i] = 0;
            double t = ab_now();
            wfall[i] = piece_refs(a, p, s, o->reference_mpfr, &wcaps[i]);
            wref[i] = ab_now() - t;
            /* Indices: ordinals shifted to be non-negative. */
            for (size_t v = 0; v < nv; v++) {
                int pre = iso[v].y && iso[v].ready[i];
                piece_variant(a, vars[v], p, s, (uint64_t)(p->lo + ((int64_t)1 << 32)),
                              pre ? iso[v].y + iso[v].at[2 * i] : NULL,
                              pre && mirror ? iso[v].y + iso[v].at[2 * i + 1] : NULL,
                              &out[i * nv + v]);
            }
        }
        for (size_t i = 0; i < wn; i++) {
            const piece *p = &P[w + i];
            done += (uint64_t)(p->hi - p->lo + 1);
            ref_cpu += wref[i];
            res->ref_fallbacks += wfall[i]; /* per input; the rows count per range */
            res->cap_hits += wcaps[i];
            for (size_t r = 0; r < nrows; r++) {
                if (!(p->ranges >> r & 1)) continue;
                for (size_t v = 0; v < nv; v++) {
                    const piece_out *po = &out[i * nv + v];
                    ab_row part = rows[r * nv + v];
                    part.acc = po->acc;
                    part.props = po->props;
                    part.run = po->run;
                    part.run.completed = po->run.status == AB_RUN_OK;
                    part.last_input = po->last_input;
                    part.output_hash = po->run.status == AB_RUN_OK ? ab_hash_combine(0, w + i, po->hash) : 0;
                    part.cap_hits = wcaps[i];
                    part.ref_fallbacks = wfall[i];
                    part.has_ends = !p->nan && po->run.status == AB_RUN_OK;
                    part.first_ord = p->lo;
                    part.last_ord = p->hi;
                    part.y_first = po->y_first;
                    part.y_last = po->y_last;
                    part.s1 = w + i + 1;
                    ab_row_merge(&rows[r * nv + v], &part);
                }
            }
        }
        progress(o, op, done, total, t0, &last);
    }
    res->inputs += done * nv;
    res->variant_calls += np * nv;
    res->reference_evals += done;
    /* The pieces' references ran on every thread at once: wall time is
     * their thread-seconds over the threads. */
    res->reference_seconds += ref_cpu / threads;
    for (size_t r = 0; r < nrows; r++)
        for (size_t v = 0; v < nv; v++) {
            ab_row *row = ab_sweep_push_row(res);
            *row = rows[r * nv + v];
            row->s1 = p1;
            if (row->run.status != AB_RUN_OK)
                fprintf(stderr, "actbench: plugin variant %s/%s/f32 failed on range %s in the "
                                "block from input %a\n", op->name, vars[v]->name, row->range,
                        row->last_input);
        }
    for (int t = 0; t < threads; t++) {
        ab_shared_free(S[t].x, PIECE);
        ab_shared_free(S[t].y, PIECE);
        ab_shared_free(S[t].xm, PIECE);
        ab_shared_free(S[t].ym, PIECE);
        free(S[t].ref);
        ab_ref_ctx_free(S[t].ctx);
    }
    free(S);
    for (size_t v = 0; v < nv; v++) {
        ab_shared_free(iso[v].x, (size_t)WAVE * PIECE * (1 + (size_t)mirror));
        ab_shared_free(iso[v].y, (size_t)WAVE * PIECE * (1 + (size_t)mirror));
        free(iso[v].at);
        free(iso[v].ready);
    }
    free(iso);
    free(out);
    free(wfall);
    free(wcaps);
    free(wref);
    free(rows);
    free(P);
}

/* Output hashes only: the pieces of every exhaustive range of op (the
 * layout of a sweep with no --range), v called on each, each piece's
 * block_hash folded into the hash of every range holding it, exactly as
 * ab_exhaustive_job folds its parts (a sum of ab_hash_combine terms, so
 * any order gives the same value).  No reference, no metric: seconds per
 * variant.  The pieces go to v in runs of CHUNK (CHUNK_ISO for a variant
 * that runs in a child process, one per call, which costs a fork and the
 * library's set-up; elementwise outputs do not depend on the grouping).  Fills names[i], hashes[i] per range ("nan" last);
 * returns the count, or -1 when a plugin variant's child failed (*fail:
 * how, when fail is not NULL). */
#define CHUNK 64
#define CHUNK_ISO 64 /* 2^22 inputs: about a second per child, far from the 10 s limit */
int ab_exhaustive_hashes(const ab_op *op, const ab_variant *v, const char **names,
                         uint64_t *hashes, size_t max, ab_isolated_run *fail) {
    const ab_activation *a = op->act;
    ab_filter all = {0};
    const char *nm[MAX_RANGES];
    size_t nn = (size_t)ab_exhaustive_ranges(op, &all, nm, MAX_RANGES - 1);
    xrange R[MAX_RANGES];
    int with_nan;
    size_t nr = xranges(a, nm, nn, R, &with_nan);
    size_t nrows = nr + (size_t)with_nan, np;
    if (nrows > max) return -1;
    piece *P = make_pieces(R, nr, with_nan, &np);
    int threads = omp_get_max_threads(), failed = 0, stop = 0;
    size_t chunk = ab_variant_isolated(v) ? CHUNK_ISO : CHUNK;
    uint64_t *acc = calloc((size_t)threads * nrows, sizeof *acc);
    if (!acc) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
#pragma omp parallel reduction(| : failed)
    {
        float *x = ab_shared_f32(chunk * PIECE), *y = ab_shared_f32(chunk * PIECE);
        uint64_t *h = acc + (size_t)omp_get_thread_num() * nrows;
#pragma omp for schedule(dynamic, 1)
        for (size_t c = 0; c < np; c += chunk) {
            int quit;
#pragma omp atomic read
            quit = stop;
            if (quit) continue; /* a child failed: the answer is known */
            size_t ce = c + chunk < np ? c + chunk : np, m = 0;
            for (size_t i = c; i < ce; i++)
                for (int64_t k = 0; k <= P[i].hi - P[i].lo; k++) x[m++] = piece_input(&P[i], k);
            ab_isolated_run run;
            if (call_f32(v, x, y, m, &run)) {
#pragma omp critical(ab_hash_fail)
                if (fail && !failed) *fail = run;
                failed = 1;
#pragma omp atomic write
                stop = 1;
                continue;
            }
            m = 0;
            for (size_t i = c; i < ce; i++) {
                size_t n = (size_t)(P[i].hi - P[i].lo + 1);
                uint64_t t = ab_hash_combine(0, i, block_hash(y + m, n));
                m += n;
                for (size_t r = 0; r < nrows; r++)
                    if (P[i].ranges >> r & 1) h[r] += t;
            }
        }
        ab_shared_free(x, chunk * PIECE);
        ab_shared_free(y, chunk * PIECE);
    }
    for (size_t r = 0; r < nrows; r++) {
        names[r] = r < nr ? R[r].name : "nan";
        hashes[r] = 0;
        for (int t = 0; t < threads; t++) hashes[r] += acc[(size_t)t * nrows + r];
    }
    free(acc);
    free(P);
    return failed ? -1 : (int)nrows;
}
