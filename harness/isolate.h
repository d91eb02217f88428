/* isolate.h: run a variant in a child process with a time limit, so that a
 * plugin's crash or hang is reported rather than fatal. */
#ifndef AB_ISOLATE_H
#define AB_ISOLATE_H
#include <stddef.h>
#include "../api/actbench.h"

typedef enum { AB_RUN_OK = 0, AB_RUN_CRASHED, AB_RUN_TIMED_OUT } ab_run_status;

typedef struct {
    ab_run_status status;
    int signal;          /* the signal that ended the child */
    size_t completed;    /* calls (segments) that returned */
} ab_isolated_run;

extern double ab_isolation_timeout_s; /* per call of ab_run_isolated; default 10 */

/* Evaluates v in a forked child, one call per segment: segment s reads
 * x[in_off[s]..in_off[s+1]) and writes y[out_off[s]..out_off[s+1]).
 * in_off == NULL means one element per segment (elementwise: the input
 * being evaluated when the child died is x[completed]); out_off == NULL
 * means out_off = in_off.  Outputs of the completed segments are copied
 * back to y. */
void ab_run_isolated(const ab_variant *v, const double *x, double *y, size_t nseg,
                     const size_t *in_off, const size_t *out_off, ab_isolated_run *out);
const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len);
#endif
