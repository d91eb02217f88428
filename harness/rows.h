/* rows.h: the inputs and row-level checks of row operations: seeded row
 * generators (the "range" column of a row operation), the all -inf row
 * policy probe and the row-sum error.  Maxout's row layout:
 * [x (d) | w_1 .. w_4 (4 d) | b_1 .. b_4 (4)], so n = 5 d + 4. */
#ifndef AB_ROWS_H
#define AB_ROWS_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"

size_t ab_row_generator_count(void);
const char *ab_row_generator_name(size_t i);
int ab_row_generator_index(const char *name);   /* -1: unknown */
/* Rows of a generator for a sweep of `samples`: samples/256, in [1, 256]
 * (default 65536 -> 256 rows); `long` gets 1/64 of that, at least 2. */
size_t ab_row_generator_rows(const char *gen, size_t samples);
/* Length of row `index` of generator gen for op. */
size_t ab_row_length(const ab_row_op *op, const char *gen, size_t index);
/* Maximum row length over the generators for op (to size buffers). */
size_t ab_row_max_len(const ab_row_op *op);
/* Row `index` of generator gen (seed, precision): writes its length to
 * *n and the values to x (room for ab_row_max_len(op)).  Depends only on
 * (gen, seed, index, prec, op's len_mul/len_add): replayable from the id
 * generator:seed:index.  Returns 0, or -1 for an unknown generator. */
int ab_row_generate(const ab_row_op *op, const char *gen, uint64_t seed, size_t index,
                    ab_precision prec, double *x, size_t *n);

/* The measured policy of a variant on all -inf rows (lengths 1, 3, 16):
 * "nan", "zeros", "uniform" (1/n or -log n), "neginf", "posinf",
 * "finite", "mixed" when the outputs or lengths disagree, or "crashed"
 * when an isolated (plugin) variant did not return.  Static string. */
const char *ab_row_neg_inf_policy(const ab_row_op *op, const ab_variant *v);

/* |sum - 1| of one output row: kind 1 sums y_i (softmax), kind 2 sums
 * e^(y_i) (log_softmax).  A NaN sum is an infinite error. */
double ab_row_sum_error(int kind, const double *y, size_t m);
#endif
