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
    size_t completed;    /* outputs y[0..completed) are valid */
} ab_isolated_run;

extern double ab_isolation_timeout_s; /* per call of ab_run_isolated; default 10 */

/* Evaluates v on x[0..n) one element at a time in a forked child, so the
 * input being evaluated when it died is x[completed]. */
void ab_run_isolated(const ab_variant *v, const double *x, double *y, size_t n,
                     ab_isolated_run *out);
const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len);
#endif
