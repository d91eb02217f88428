/* sources.c: ranges, the range sampler and the row generators behind one
 * job's inputs (see sources.h). */
#include "sources.h"
#include "custom.h"
#include "inputs.h"
#include "rows.h"
#include "sweep.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../reference/format.h"

static const char *const standard_ranges[] = {"special", "core", "tiny", "full"};

size_t ab_source_names(const ab_op *op, const char **names, size_t max) {
    size_t n = 0;
    if (op->kind == AB_OP_ROW) {
        for (size_t i = 0; i < ab_row_generator_count() && n < max; i++)
            names[n++] = ab_row_generator_name(i);
        return n;
    }
    for (size_t i = 0; i < AB_COUNT(standard_ranges) && n < max; i++)
        names[n++] = standard_ranges[i];
    for (size_t i = 0; i < op->act->n_ranges && n < max; i++) names[n++] = op->act->ranges[i].name;
    for (size_t i = 0; i < ab_custom_count() && n < max; i++) names[n++] = ab_custom_name(i);
    return n;
}

/* A 16-bit input format: f32's bounds rounded inward (lo up, hi down);
 * "full" is every pattern (its bounds are the infinities, and its inputs
 * add the NaNs, range_inputs). */
static void half_inward(ab_precision p, double *lo, double *hi) {
    ab_precision f = ab_in_prec(p);
    double l = ab_fmt_round(*lo, f), h = ab_fmt_round(*hi, f);
    if (l < *lo) l = ab_from_ordinal(ab_ordinal(l, f) + 1, f);
    if (h > *hi) h = ab_from_ordinal(ab_ordinal(h, f) - 1, f);
    *lo = l;
    *hi = h;
}

static int half_bounds(const ab_activation *a, const char *range, ab_precision p,
                       double *lo, double *hi) {
    if (strcmp(range, "full") == 0) { *lo = -INFINITY; *hi = INFINITY; return 0; }
    if (strcmp(range, "tiny") == 0) { *lo = -0x1p-20; *hi = 0x1p-20; }
    else if (strcmp(range, "core") == 0) { *lo = -10; *hi = 10; }
    else {
        size_t i = 0;
        while (i < a->n_ranges && strcmp(a->ranges[i].name, range)) i++;
        if (i == a->n_ranges) return -1; /* custom sources are f32 and f64 only */
        *lo = a->ranges[i].lo32;
        *hi = a->ranges[i].hi32;
    }
    half_inward(p, lo, hi);
    if (strcmp(range, "tiny") == 0) { /* |x| < 2^-20 */
        *hi = ab_from_ordinal(ab_ordinal(0x1p-20, p) - 1, p);
        *lo = -*hi;
    }
    return 0;
}

int ab_source_applies(const ab_op *op, const char *source, ab_precision p) {
    if (op->kind == AB_OP_ROW) return p == AB_F32 || p == AB_F64;
    if (!ab_is_half(p) || strcmp(source, "special") == 0) return 1;
    double lo, hi;
    return half_bounds(op->act, source, p, &lo, &hi) == 0 && lo <= hi;
}

int ab_range_bounds(const ab_activation *a, const char *range, ab_precision p,
                    double *lo, double *hi) {
    int f32 = p == AB_F32;
    if (strcmp(range, "special") == 0) { *lo = *hi = NAN; return 0; }
    if (ab_is_half(p)) return half_bounds(a, range, p, lo, hi);
    if (strcmp(range, "special") == 0) { *lo = *hi = NAN; return 0; }
    if (strcmp(range, "core") == 0) { *lo = -10; *hi = 10; return 0; }
    if (strcmp(range, "tiny") == 0) { /* |x| < 2^-20 */
        *hi = f32 ? (double)nextafterf(0x1p-20f, 0) : nextafter(0x1p-20, 0);
        *lo = -*hi;
        return 0;
    }
    if (strcmp(range, "full") == 0) {
        *hi = f32 ? FLT_MAX : DBL_MAX;
        *lo = -*hi;
        return 0;
    }
    for (size_t i = 0; i < a->n_ranges; i++)
        if (strcmp(a->ranges[i].name, range) == 0) {
            *lo = f32 ? (float)a->ranges[i].lo32 : a->ranges[i].lo64;
            *hi = f32 ? (float)a->ranges[i].hi32 : a->ranges[i].hi64;
            return 0;
        }
    if (ab_source_is_list(range)) { *lo = *hi = NAN; return 0; }
    return ab_custom_bounds(range, p, lo, hi);
}

/* Elementwise: the sampled range (or the special set), in chunks. */
static int range_inputs(const ab_activation *a, ab_precision p, const char *range,
                        uint64_t seed, size_t samples, ab_job_inputs *in) {
    if (ab_range_bounds(a, range, p, &in->lo, &in->hi) != 0) return -1;
    size_t cap = samples > AB_SPECIAL_MAX ? samples : AB_SPECIAL_MAX, nlist = 0;
    if (ab_is_half(p)) { /* every input of the range, in order: 65,536 at most */
        in->x = ab_xmalloc(65536 * sizeof *in->x);
        int full = strcmp(range, "full") == 0; /* with every NaN pattern */
        int64_t o0 = full ? -32768 : ab_ordinal(in->lo, p);
        int64_t o1 = full ? 32767 : ab_ordinal(in->hi, p);
        if (isnan(in->lo)) in->nin = ab_special_inputs(a, p, in->x);
        else
            for (int64_t o = o0; o <= o1; o++) in->x[in->nin++] = ab_from_ordinal(o, p);
        in->exhaustive = 1;
        goto segments;
    }
    const double *list = ab_custom_list(range, p, &nlist);
    if (list && nlist > cap) cap = nlist;
    in->x = ab_xmalloc(cap * sizeof *in->x);
    if (list) { /* every value, in the file's order */
        memcpy(in->x, list, nlist * sizeof *in->x);
        in->nin = nlist;
        in->exhaustive = 0;
    } else if (isnan(in->lo)) {
        in->nin = ab_special_inputs(a, p, in->x);
        in->exhaustive = 1;
    } else {
        uint64_t stream = ab_hash_string(a->name) ^ ab_mix64(ab_hash_string(range) + p);
        in->nin = ab_range_inputs(in->lo, in->hi, p, seed, stream, samples, in->x,
                                  &in->exhaustive);
    }
segments:
    in->nout = in->nin;
    in->nseg = (in->nin + AB_CHUNK - 1) / AB_CHUNK;
    in->in_off = ab_xmalloc((in->nseg + 1) * sizeof *in->in_off);
    for (size_t s = 0; s <= in->nseg; s++)
        in->in_off[s] = s * AB_CHUNK < in->nin ? s * AB_CHUNK : in->nin;
    in->out_off = in->in_off;
    return 0;
}

/* Row operations: the generator's rows, one segment each. */
static int row_inputs(const ab_row_op *op, ab_precision p, const char *gen, uint64_t seed,
                      size_t samples, ab_job_inputs *in) {
    if (ab_row_generator_index(gen) < 0) return -1;
    in->lo = in->hi = NAN;
    in->exhaustive = 0;
    size_t nrows = ab_row_generator_rows(gen, samples);
    in->nseg = nrows;
    in->in_off = ab_xmalloc((nrows + 1) * sizeof *in->in_off);
    in->out_off = ab_xmalloc((nrows + 1) * sizeof *in->out_off);
    in->in_off[0] = in->out_off[0] = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t n = ab_row_length(op, gen, r);
        in->in_off[r + 1] = in->in_off[r] + n;
        in->out_off[r + 1] = in->out_off[r] + ab_row_out_len(op, n);
    }
    in->nin = in->in_off[nrows];
    in->nout = in->out_off[nrows];
    in->x = ab_xmalloc(in->nin * sizeof *in->x);
#pragma omp parallel for schedule(static)
    for (size_t r = 0; r < nrows; r++) {
        size_t n;
        ab_row_generate(op, gen, seed, r, p, in->x + in->in_off[r], &n);
    }
    return 0;
}

int ab_job_inputs_make(const ab_op *op, ab_precision p, const char *source, uint64_t seed,
                       size_t samples, ab_job_inputs *in) {
    memset(in, 0, sizeof *in);
    int rc = op->kind == AB_OP_ROW ? row_inputs(op->row, p, source, seed, samples, in)
                                   : range_inputs(op->act, p, source, seed, samples, in);
    if (rc != 0) ab_job_inputs_free(in);
    return rc;
}

void ab_job_inputs_free(ab_job_inputs *in) {
    if (in->out_off != in->in_off) free(in->out_off);
    free(in->in_off);
    free(in->x);
    memset(in, 0, sizeof *in);
}
