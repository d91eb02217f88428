/* baseline_keep.h: the previous baseline's rows that a new one keeps
 * (baseline_keep.c). */
#ifndef AB_BASELINE_KEEP_H
#define AB_BASELINE_KEEP_H
#include <stddef.h>
#include "sweep.h"

typedef struct {
    size_t unavailable;   /* rows of variants this build or CPU cannot run */
    size_t other;         /* rows of activations not swept (--activation) */
    char reason[256];     /* the first unavailable row's reason */
    int header_differs;   /* the previous baseline's columns differ: nothing kept */
} ab_baseline_kept;

/* Writes out (atomically): the rows of swept (a sweep's CSV), and the
 * rows of old (NULL or unreadable: none) whose variant this build or CPU
 * cannot run or, when acts names activations, whose activation is not
 * among them; in the sweep's order.  Returns 0, or -1 with a message. */
int ab_baseline_compose(const char *out, const char *swept, const char *old,
                        const ab_filter *acts, ab_baseline_kept *kept, char *err, size_t errlen);
#endif
