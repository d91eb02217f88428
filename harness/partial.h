/* partial.h: a shard's rows (sweep --shard K/N), and their merge.
 *
 * A shard computes the segments [s0, s1) it owns of every job and writes
 * one partial row per (job, variant): the accumulator, property counts,
 * row-sum error, cap hits, output hash and run status of those segments
 * alone.  Every field combines associatively (maxima with the first-input
 * tie rule, counts, exact sums (xsum.h), hashes added modulo 2^64), so
 * folding the parts of a row in segment order gives the bytes of the
 * single-process row, whatever the shard count.
 *
 * The file is text: a header with the selection's fingerprint (version,
 * metric, flags, custom sources, the registry), the shard K/N, then one
 * line per partial row with every double as its 16 hex digits of bits. */
#ifndef AB_PARTIAL_H
#define AB_PARTIAL_H
#include <stdio.h>
#include "sweep.h"

#define AB_PARTIAL_MAGIC "actbench-partial 2"

/* The selection fingerprint of a sweep: one line, no newline. */
void ab_partial_selection(const ab_sweep_opts *o, char *buf, size_t len);
/* Writes res's rows as shard o->shard_k of o->shard_n. */
void ab_partial_write(FILE *f, const ab_sweep_opts *o, const ab_sweep_result *res);

/* Folds b, the part that follows a in segment order, into a. */
void ab_row_merge(ab_row *a, const ab_row *b);

/* Reads parts (file names, or in-memory texts when texts is not NULL),
 * checks they are the N shards of one selection, and merges them into
 * res with its seed and samples.  Returns 0, or -1 with a one-line reason
 * in err. */
int ab_partial_merge(const char *const *names, const char *const *texts, size_t n,
                     ab_sweep_result *res, uint64_t *seed, size_t *samples, char *err,
                     size_t errlen);
#endif
