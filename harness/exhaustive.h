/* exhaustive.h: sweep every binary32 input of an elementwise activation. */
#ifndef AB_EXHAUSTIVE_H
#define AB_EXHAUSTIVE_H
#include "sweep.h"

/* The exhaustive ranges of op selected by `ranges`: its ranges but the
 * special set (which the sampled path already covers input by input),
 * then "nan" (every NaN bit pattern).  Returns the count. */
int ab_exhaustive_ranges(const ab_op *op, const ab_filter *ranges, const char **names,
                         size_t max);
/* Appends one row per (selected range, selected f32 variant) of op, each
 * over every float of its range, marked exhaustive. */
void ab_exhaustive_job(const ab_sweep_opts *o, const ab_op *op, size_t key, ab_sweep_result *res);
/* The output_hash of every exhaustive range row of v (f32) that
 * `sweep --exhaustive` with no --range would write, without references or
 * metrics (actbench recheck).  Returns the count (names[i], hashes[i]), or
 * -1 when a plugin variant's child failed (*fail says how). */
int ab_exhaustive_hashes(const ab_op *op, const ab_variant *v, const char **names,
                         uint64_t *hashes, size_t max, ab_isolated_run *fail);
#endif
