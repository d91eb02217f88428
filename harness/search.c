/* search.c: the worst-case search (see search.h).
 *
 * Why a search at all.  A range of binary64 values holds up to 2^64
 * ordinals; the stratified pass puts one sample in each of n strata of
 * width W = size / n (core [-10, 10] with n = 65536: W = 2^47).  A defect
 * confined to a band of w consecutive ordinals is sampled with probability
 * at most about w / W (2^20 / 2^47 = 2^-27), so sampling alone cannot be
 * trusted to see it.  A search helps only when the defect leaves a trace
 * outside its band: an output error of less than half an ulp is invisible
 * (a double cannot show it), so a band whose neighbours are correctly
 * rounded is undiscoverable by any method short of enumeration.  Real
 * defects do leave traces: cancellation near a root, a removable
 * singularity, or a badly reduced argument give errors that grow
 * continuously toward the bad point (like C / |x - c|, or C / |x - c|^k),
 * so the error seen at the samples is a coarse picture of a function with
 * local maxima, and the worst case is at (or next to) one of them.
 *
 * The method: bracketed grid refinement on ordinals, seeded from buckets.
 *   1. Steering error: e = ab_measure(y, ref).ulp, with a NaN mismatch or
 *      an overflow (y = +-inf, cr finite) taken as +inf, the worst.
 *   2. Buckets: the n samples (ordinal order) are cut into B = min(512, n)
 *      buckets of consecutive strata; each bucket's seed is its worst
 *      sample (lowest index on ties).  Seeds are ranked by error (then
 *      index).  One seed per bucket keeps the budget from piling onto one
 *      shoulder: a smooth bump spans a few strata, a bucket n / B = 128.
 *   3. Refinement of a seed i: the bracket (x[i-1], b = x[i], x[i+1]).  If
 *      the error is unimodal there, its maximum lies strictly inside the
 *      bracket (b is the best of three points, so the peak cannot be beyond
 *      a lower neighbour).  Each round puts 4 points on each side of b, at
 *      1/5, 2/5, 3/5 and 4/5 of the side (each jittered by up to a quarter
 *      of the spacing, keyed by the seed, so that the grid does not alias
 *      with power-of-two structure of the bit patterns).  The best point
 *      (b on ties, else the leftmost) becomes b, and its two neighbours in
 *      the sorted set of points the new bracket: the same argument keeps
 *      the peak inside.  The new sides are the distances from the best
 *      point to its neighbours: one grid spacing s = D / 5 give or take
 *      two jitters of s / 4, so each side shrinks from D to at most
 *      1.5 s = 0.3 D, typically D / 5: 8 evaluations buy 1.7 to 2.3 bits
 *      of the peak's position, a bisection with 8 probes per round.  A
 *      side with at most 4 interior ordinals is enumerated, so a
 *      refinement ends on a local maximum of the error on the unit grid
 *      (both neighbours evaluated and not higher): for W = 2^47 at most
 *      about 48 / 1.7 = 28 rounds (224 evaluations), typically 20 (160).
 *      This is hill climbing with steps that shrink geometrically, but
 *      bracketed, so every step is decided by a comparison and never
 *      wasted on a direction already known to be downhill.
 *      Ties keep b: on a plateau of the error wider than the grid spacing
 *      the peak may then be left outside the bracket (the refinement still
 *      ends on a local maximum of what it saw); an error growing like
 *      C / |d| has plateaus of width ~|d|^2 / C, narrower than the spacing
 *      everywhere the error is above a few ulps.
 *   4. Scheduling: 4 seeds are refined side by side (32 candidates a
 *      round, one batch, so OpenMP evaluates the references in parallel);
 *      when one ends, the next ranked bucket takes its slot, until the
 *      budget or the buckets run out.  The batch is cut to the budget.
 * Determinism: the candidates of a round depend only on (seed, bucket
 * rank, round of that refinement) and on the errors of earlier rounds;
 * references are computed in parallel into fixed slots and consumed in
 * order, so the result is the same for any thread count.  Plugin variants
 * run in a child per batch (ab_run_isolated): a crash ends the search
 * with the evaluations that completed. */
#include "search.h"
#include "inputs.h"
#include "registry.h"
#include "sources.h"
#include "sweep.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

typedef __int128 pos_t; /* ordinal - ord(lo); -1 and size are virtual ends */

#define NBUCKETS 512
#define SLOTS 4                   /* refinements side by side */
#define SIDE 4                    /* points per side of b per round */
#define BATCH (SLOTS * 2 * SIDE)  /* candidates per round */

typedef struct {
    pos_t L, b, R;        /* bracket: L < b < R, b the best so far */
    double eb;
    size_t rank, steps;   /* the seed's rank and this refinement's round */
    size_t first, nleft, count; /* this round's candidates in the batch */
    int live;
} refinement;

typedef struct {
    double e;
    size_t i;
} seed;

void ab_search_opts_init(ab_search_opts *so) {
    memset(so, 0, sizeof *so);
    so->budget = AB_SEARCH_DEFAULT_BUDGET;
    so->seed = AB_DEFAULT_SEED;
}

static double steer(double y, const ab_refval *r, ab_precision p) {
    double e = ab_measure(y, r, p).ulp;
    return isnan(e) || (isinf(y) && !isinf(r->cr)) ? INFINITY : e;
}

static int seed_cmp(const void *pa, const void *pb) {
    const seed *a = pa, *b = pb;
    if (a->e != b->e) return a->e > b->e ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* This round's points strictly inside (A, B), ascending: all of them when
 * there are at most SIDE, else SIDE jittered grid points.  With D = B - A
 * >= SIDE + 2 and s = floor(D / (SIDE + 1)) >= 1, point k is
 * A + floor(k D / (SIDE + 1)) + j_k with |j_k| <= floor(s / 4): consecutive
 * grid points differ by >= s, so the jittered ones by >= s / 2 > 0; the
 * first is >= A + s - s / 4 > A and the last <= A + 0.8 D + 0.05 D < B. */
static size_t side_points(pos_t A, pos_t B, uint64_t key, pos_t *out) {
    pos_t D = B - A;
    size_t k = 0;
    if (D <= 1) return 0;
    if (D - 1 <= SIDE) {
        for (pos_t q = A + 1; q < B; q++) out[k++] = q;
        return k;
    }
    pos_t amp = D / (SIDE + 1) / 4;
    for (int i = 1; i <= SIDE; i++) {
        pos_t q = A + D * i / (SIDE + 1);
        if (amp > 0) q += (pos_t)(ab_mix64(key + (uint64_t)i) % (uint64_t)(2 * amp + 1)) - amp;
        out[k++] = q;
    }
    return k;
}

/* The new bracket from this round's results: the sorted points
 * L < left... < b < right... < R; the best (b on ties, else the leftmost)
 * and its neighbours. */
static void refine_update(refinement *t, const pos_t *cand, const double *err) {
    pos_t pos[2 * SIDE + 3];
    double e[2 * SIDE + 3];
    size_t m = 0, ib;
    pos[m] = t->L, e[m++] = -INFINITY;
    for (size_t j = 0; j < t->nleft; j++) pos[m] = cand[t->first + j], e[m++] = err[t->first + j];
    ib = m;
    pos[m] = t->b, e[m++] = t->eb;
    for (size_t j = t->nleft; j < t->count; j++) pos[m] = cand[t->first + j], e[m++] = err[t->first + j];
    pos[m] = t->R, e[m++] = -INFINITY;
    size_t best = ib;
    for (size_t j = 1; j + 1 < m; j++)
        if (e[j] > e[best]) best = j;
    t->L = pos[best - 1];
    t->b = pos[best];
    t->eb = e[best];
    t->R = pos[best + 1];
    t->live = t->b - t->L > 1 || t->R - t->b > 1;
}

/* Evaluates v and the references on xs[0..m); returns how many completed
 * (fewer only when a plugin's child failed: *run says how). */
static size_t eval_batch(const ab_activation *a, const ab_variant *v, ab_precision p,
                         const double *xs, double *ys, ab_refval *rs, size_t m,
                         ab_ref_ctx **ctxs, int nctx, uint64_t *caps, ab_isolated_run *run) {
    size_t done = m;
    if (ab_variant_isolated(v)) {
        ab_run_isolated(v, xs, ys, m, NULL, NULL, run);
        done = run->status == AB_RUN_OK && run->completed >= m ? m : run->completed;
    } else {
        ab_run_variant(v, xs, ys, m);
    }
    uint64_t c = 0;
#pragma omp parallel num_threads(nctx) reduction(+ : c)
    {
        int tid = omp_get_thread_num();
        if (!ctxs[tid]) ctxs[tid] = ab_ref_ctx_new();
        if (!ctxs[tid]) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
#pragma omp for schedule(dynamic, 4)
        for (size_t i = 0; i < done; i++) {
            ab_reference_eval(ctxs[tid], a->reference, p, xs[i], &rs[i]);
            c += rs[i].cap_hit;
        }
    }
    *caps += c;
    return done;
}

/* Growable arrays of the search's inputs and outputs. */
static void grow(double **sx, double **sy, size_t *cap, size_t need) {
    if (need <= *cap) return;
    size_t c = *cap ? *cap : BATCH * 8;
    while (c < need) c *= 2;
    double *nx = realloc(*sx, c * sizeof *nx), *ny = nx ? realloc(*sy, c * sizeof *ny) : NULL;
    if (!nx || !ny) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    *sx = nx, *sy = ny, *cap = c;
}

size_t ab_search_run(const ab_activation *a, const ab_variant *v, ab_precision p,
                     double lo, double hi, const double *x, const double *y,
                     const ab_refval *ref, size_t n, const ab_search_opts *so,
                     ab_acc *acc, ab_props_acc *props, uint64_t *hash, uint64_t *cap_hits) {
    ab_search_opts defaults;
    if (!so) ab_search_opts_init(&defaults), so = &defaults;
    ab_search_stats st = {{AB_RUN_OK, 0, 0}, NAN, 0, 0, 0, 0};
    *cap_hits = 0;

    /* The stratified samples, in the sweep's chunks (the same sums). */
    ab_acc_init(acc);
    for (size_t s0 = 0; s0 < n && !so->evaluations_only; s0 += AB_CHUNK) {
        ab_acc c;
        ab_acc_init(&c);
        for (size_t i = s0; i < n && i < s0 + AB_CHUNK; i++) ab_acc_add(&c, i, x[i], y[i], &ref[i], p);
        ab_acc_merge(acc, &c);
    }

    /* Seeds: each bucket's worst sample, ranked. */
    uint64_t size = ab_range_size(lo, hi, p);
    int searchable = n > 0 && size > n && so->budget > 0;
    size_t nb = searchable ? (n < NBUCKETS ? n : NBUCKETS) : 0;
    seed *seeds = ab_xmalloc((nb ? nb : 1) * sizeof *seeds);
    double *e = ab_xmalloc((n ? n : 1) * sizeof *e);
    double smax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        e[i] = steer(y[i], &ref[i], p);
        if (e[i] > smax) smax = e[i];
    }
    for (size_t k = 0; k < nb; k++) {
        size_t i0 = k * n / nb, i1 = (k + 1) * n / nb;
        seeds[k] = (seed){e[i0], i0};
        for (size_t i = i0 + 1; i < i1; i++)
            if (e[i] > seeds[k].e) seeds[k] = (seed){e[i], i};
    }
    qsort(seeds, nb, sizeof *seeds, seed_cmp);

    pos_t olo = ab_ordinal(lo, p);
    int nctx = mpfr_buildopt_tls_p() ? omp_get_max_threads() : 1;
    ab_ref_ctx **ctxs = calloc((size_t)nctx, sizeof *ctxs);
    if (!ctxs) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    refinement t[SLOTS];
    memset(t, 0, sizeof t);
    pos_t cand[BATCH];
    double xs[BATCH], ys[BATCH], err[BATCH];
    ab_refval rs[BATCH];
    double *sx = NULL, *sy = NULL;
    size_t cap = 0, total = 0, next = 0;
    uint64_t key = ab_mix64(so->seed ^ 0x5ea4c4u);

    while (searchable && total < so->budget) {
        /* Fill the free slots with the next ranked buckets. */
        for (int s = 0; s < SLOTS; s++)
            while (!t[s].live && next < nb) {
                size_t i = seeds[next].i;
                refinement *r = &t[s];
                r->rank = next++;
                r->steps = 0;
                r->b = (pos_t)ab_ordinal(x[i], p) - olo;
                r->eb = seeds[r->rank].e;
                r->L = i > 0 ? (pos_t)ab_ordinal(x[i - 1], p) - olo : -1;
                r->R = i + 1 < n ? (pos_t)ab_ordinal(x[i + 1], p) - olo : (pos_t)size;
                r->live = r->L < r->b && r->b < r->R && (r->b - r->L > 1 || r->R - r->b > 1);
                st.seeds += r->live;
            }
        size_t m = 0;
        for (int s = 0; s < SLOTS; s++) {
            refinement *r = &t[s];
            if (!r->live) continue;
            uint64_t k = ab_mix64(key + ((uint64_t)r->rank << 32) + r->steps++) ;
            r->first = m;
            r->nleft = side_points(r->L, r->b, k, cand + m);
            r->count = r->nleft + side_points(r->b, r->R, ab_mix64(k), cand + m + r->nleft);
            m += r->count;
        }
        if (m == 0) break;
        size_t want = m;
        if (m > so->budget - total) m = so->budget - total;
        for (size_t j = 0; j < m; j++) xs[j] = ab_from_ordinal((int64_t)(olo + cand[j]), p);
        size_t done = eval_batch(a, v, p, xs, ys, rs, m, ctxs, nctx, cap_hits, &st.run);
        st.rounds++;
        grow(&sx, &sy, &cap, total + done);
        ab_acc c;
        ab_acc_init(&c);
        for (size_t j = 0; j < done; j++) {
            ab_acc_add(&c, n + total + j, xs[j], ys[j], &rs[j], p);
            sx[total + j] = xs[j];
            sy[total + j] = ys[j];
            err[j] = steer(ys[j], &rs[j], p);
            if (!st.first_improvement && err[j] > smax) st.first_improvement = total + j + 1;
            if (!st.first_target && so->target_ulp > 0 && err[j] >= so->target_ulp)
                st.first_target = total + j + 1;
        }
        ab_acc_merge(acc, &c);
        total += done;
        if (done < m) { /* the plugin's child failed on xs[done] */
            st.last_input = xs[done];
            break;
        }
        if (m < want) break; /* the budget ran out mid-round */
        for (int s = 0; s < SLOTS; s++)
            if (t[s].live) refine_update(&t[s], cand, err);
    }
    st.run.completed = total;

    ab_props_check(a, v, p, sx, sy, total, NULL, props);
    *hash = ab_hash_outputs(AB_FNV_OFFSET, sy, total, p);
    if (so->stats) *so->stats = st;
    for (int i = 0; i < nctx; i++) ab_ref_ctx_free(ctxs[i]);
    free(ctxs);
    free(seeds);
    free(e);
    free(sx);
    free(sy);
    return total;
}
