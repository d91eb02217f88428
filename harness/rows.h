/* rows.h: row operations (vector -> vector or vector -> scalar): softmax,
 * log_softmax, logsumexp, maxout, pooling, radial basis functions.
 *
 * A row operation reuses ab_variant and the batch signature, read as a row:
 * f(x, y, n) reads the row x[0..n) and writes y[0..out_len), where out_len
 * is n (AB_ROW_SAME: softmax, log_softmax) or 1 (AB_ROW_SCALAR).
 *
 * Its MPFR reference evaluates the whole row at once; the row Ziv loop
 * (reference/rows.c) raises the working precision of the whole row until
 * every output element's rounding is decided.  The sweep
 * (ab_rows_sweep) measures every output element in ULPs against its
 * correctly rounded value, on seeded row generators (the "range" column).
 *
 * Maxout's row layout: [x (d) | w_1 .. w_4 (4 d) | b_1 .. b_4 (4)], so
 * n = 5 d + 4 and y[0] = max_i (w_i . x + b_i) (k = 4 pieces). */
#ifndef AB_ROWS_H
#define AB_ROWS_H
#include <stddef.h>
#include <stdint.h>
#include <mpfr.h>
#include "../api/actbench.h"
#include "metrics.h"
#include "sweep.h"
#include "csv_io.h"

/* Row operations in name order. */
/* The whole catalog, for listings: elementwise activations (by name),
 * then row operations.  Returns 0 past the end. */
typedef struct {
    const char *name;
    const ab_variant *variants;
    size_t n_variants;
} ab_catalog_entry;
int ab_catalog_at(size_t i, ab_catalog_entry *e);

size_t ab_row_op_count(void);
const ab_row_op *ab_row_op_at(size_t i);
const ab_row_op *ab_find_row_op(const char *name);
/* The ab_activation the CSV writer sees for a row op (name, description,
 * variants; no elementwise reference). */
const ab_activation *ab_row_op_activation(const ab_row_op *op);

/* ---- Row generators (the "range" column) ------------------------------ */
size_t ab_row_generator_count(void);
const char *ab_row_generator_name(size_t i);
int ab_row_generator_index(const char *name);   /* -1: unknown */
/* Rows of a generator for a sweep of `samples`: samples/256, in [1, 256]
 * (default 65536 -> 256 rows); `long` gets 1/64 of that, at least 2. */
size_t ab_row_generator_rows(const char *gen, size_t samples);
/* Maximum row length over the generators for op (to size buffers). */
size_t ab_row_max_len(const ab_row_op *op);
/* Row `index` of generator gen (seed, precision): writes its length to
 * *n and the values to x (room for ab_row_max_len(op)).  Depends only on
 * (gen, seed, index, prec, op's len_mul/len_add): replayable from the id
 * generator:seed:index.  Returns 0, or -1 for an unknown generator. */
int ab_row_generate(const ab_row_op *op, const char *gen, uint64_t seed, size_t index,
                    ab_precision prec, double *x, size_t *n);

/* Run a row variant on double values (converting through float for f32
 * variants); y needs room for ab_row_out_len(op, n) values. */
void ab_run_row_variant(const ab_row_op *op, const ab_variant *v, const double *x, size_t n,
                        double *y);

/* The measured policy of a variant on all -inf rows (lengths 1, 3, 16):
 * "nan", "zeros", "uniform" (1/n or -log n), "neginf", "posinf", "finite",
 * or "mixed" when the outputs or lengths disagree.  Static string. */
const char *ab_row_neg_inf_policy(const ab_row_op *op, const ab_variant *v);

/* ---- The row sweep -------------------------------------------------- */
typedef struct {
    ab_row base;              /* the elementwise columns; lo/hi NAN (empty) */
    double row_sum_error;     /* max over rows |sum - 1|; NAN: not measured */
    char worst_row[96];       /* generator:seed:index, "" when no worst */
    size_t worst_element;
    const char *neg_inf_row_policy;
    int scalar;               /* AB_ROW_SCALAR: worst_input is not one element */
} ab_rows_row;

typedef struct {
    ab_rows_row *rows;
    size_t n, cap;
    double seconds;
    uint64_t variant_evals, reference_evals, cap_hits;
} ab_rows_result;

/* Uses o's filters (activations: row-op names, variants, ranges:
 * generator names), precision, samples, seed, threads, progress.  Results
 * are identical for any thread count. */
int ab_rows_sweep(const ab_sweep_opts *o, ab_rows_result *res);
void ab_rows_result_free(ab_rows_result *res);
void ab_rows_print_summary(const ab_rows_result *res);

/* The CSV: the extra columns appended after the elementwise ones
 * (row_sum_error, worst_row, worst_element, neg_inf_row_policy).
 * ab_rows_write_extra writes the 4 fields of one row; r == NULL writes 4
 * empty fields (elementwise rows). */
extern const char *const ab_rows_extra_columns[];
#define AB_ROWS_EXTRA_COLUMNS 4
void ab_rows_write_extra(ab_csv_writer *w, const ab_rows_row *r);
#endif
