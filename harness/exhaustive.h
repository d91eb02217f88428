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
#endif
