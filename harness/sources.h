/* sources.h: the inputs of one job.  An elementwise activation's source
 * is a range (sampled on ordinals, or its special set); a row operation's
 * is a row generator.  Either way the inputs come cut into segments: a
 * chunk of AB_CHUNK inputs, or one row.  A segment is the unit of
 * parallel work and of metric accumulation, merged in segment order. */
#ifndef AB_SOURCES_H
#define AB_SOURCES_H
#include <stddef.h>
#include <stdint.h>
#include "registry.h"

#define AB_CHUNK 2048

typedef struct {
    double *x;              /* inputs, nin of them */
    size_t nin, nout;       /* outputs: nin, or one per row (scalar rows) */
    size_t nseg;
    size_t *in_off;         /* nseg + 1 offsets into x */
    size_t *out_off;        /* nseg + 1 offsets into the outputs */
    double lo, hi;          /* the range's bounds; NAN: special set or rows */
    int exhaustive;         /* every value of the range is an input */
} ab_job_inputs;

/* Inputs of (op, p, source) for a sweep of `samples` per range with
 * `seed`; every input depends only on these.  Returns 0, or -1 for an
 * unknown source. */
int ab_job_inputs_make(const ab_op *op, ab_precision p, const char *source, uint64_t seed,
                       size_t samples, ab_job_inputs *in);
void ab_job_inputs_free(ab_job_inputs *in);
#endif
