/* isolate.h: run plugin code in a child process whose limits the parent
 * enforces, so that a plugin's crash, hang, exit or runaway allocation is
 * reported rather than fatal.
 *
 * The parent owns the deadline: it waits for the child with a timeout
 * (pidfd + poll) and SIGKILLs it when the deadline passes, so a plugin that
 * blocks or ignores signals, or sleeps uninterruptibly, cannot hang
 * actbench.  The child gets an address-space limit (RLIMIT_AS) of its
 * current size plus ab_isolation_memory_bytes, so a huge allocation fails
 * at once; a child that then dies (or aborts) while errno is ENOMEM is
 * reported as out of memory. */
#ifndef AB_ISOLATE_H
#define AB_ISOLATE_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "../api/actbench.h"

typedef enum {
    AB_RUN_OK = 0,
    AB_RUN_CRASHED,        /* killed by a signal (SEGV, ABRT, ...) */
    AB_RUN_TIMED_OUT,      /* the parent killed it at the deadline */
    AB_RUN_OUT_OF_MEMORY,  /* an allocation failed under the memory limit */
    AB_RUN_EXITED          /* called exit() (any status) before finishing */
} ab_run_status;

typedef struct {
    ab_run_status status;
    /* AB_RUN_CRASHED, AB_RUN_OUT_OF_MEMORY: the signal that ended the
     * child; AB_RUN_EXITED: its exit status.  (One field, so the existing
     * positional initialisers {status, signal, completed} stay complete.) */
    int signal;
    size_t completed;    /* calls (segments) that returned */
} ab_isolated_run;

extern double ab_isolation_timeout_s;     /* per child; default 10 */
/* Address space a child may add to what it inherits; 0 means no limit.
 * Default AB_DEFAULT_MEMORY_LIMIT, or $ACTBENCH_PLUGIN_MEMORY when set
 * (read by ab_isolation_init). */
extern uint64_t ab_isolation_memory_bytes;
#define AB_DEFAULT_MEMORY_LIMIT ((uint64_t)4 << 30)

/* Parses a memory size: a decimal number with an optional K, M, G or T
 * suffix (powers of 1024), or "0" / "unlimited" for no limit.  Returns 0,
 * or -1 when s is malformed. */
int ab_parse_memory_size(const char *s, uint64_t *out);
/* Reads $ACTBENCH_PLUGIN_MEMORY (one-line error and exit 2 when it is
 * malformed).  Called by main before the options, which may override it. */
void ab_isolation_init(void);

/* ---- a child with limits ------------------------------------------------ */
typedef struct {
    pid_t pid;
    void *payload;            /* shared with the child (MAP_SHARED), zeroed */
    size_t payload_bytes;
    struct ab_child_hdr *hdr; /* internal */
    int err_fd;               /* the captured stderr pipe (parent side), or -1 */
    size_t map_bytes;
} ab_child;

/* Forks a child.  In the child (return 1): the memory limit is set, signal
 * dispositions are defaults, the OOM detector is installed, and with
 * capture_stdio stdout goes to /dev/null and stderr to a pipe the parent
 * reads (ab_child_finish's err).  In the parent returns 0.  On failure to
 * fork or map, prints one line and exits 3.  The child must leave with
 * _exit (never exit: the parent's atexit handlers are not its own). */
int ab_child_start(ab_child *c, size_t payload_bytes, int capture_stdio);
/* In the child: call just before plugin code runs (clears errno, so a
 * failed allocation is told from any earlier error). */
void ab_child_enter_plugin(void);
/* In the parent: waits for the child until timeout_s has passed, then
 * SIGKILLs it.  Fills out (status and signal; completed is left
 * as it was); an exit status of 0 is AB_RUN_OK here: the caller decides
 * from its payload whether the child finished.  With capture, the child's
 * first stderr line (up to errlen - 1 bytes, control characters as
 * spaces) goes to err.  The payload stays mapped until ab_child_release. */
void ab_child_finish(ab_child *c, double timeout_s, ab_isolated_run *out, char *err,
                     size_t errlen);
void ab_child_release(ab_child *c);

/* Evaluates v in a forked child, one call per segment: segment s reads
 * x[in_off[s]..in_off[s+1]) and writes y[out_off[s]..out_off[s+1]).
 * in_off == NULL means one element per segment (elementwise: the input
 * being evaluated when the child died is x[completed]); out_off == NULL
 * means out_off = in_off.  Outputs of the completed segments are copied
 * back to y.  ab_isolation_timeout_s bounds the whole call. */
void ab_run_isolated(const ab_variant *v, const double *x, double *y, size_t nseg,
                     const size_t *in_off, const size_t *out_off, ab_isolated_run *out);
/* f32 in place, for the exhaustive paths (2^32 inputs through a child
 * 2^22 at a time): x and y lie in memory shared with the child
 * (ab_shared_f32), so nothing is copied or converted, and the pages stay
 * allocated from one call to the next (the double path above maps, faults
 * in and zeroes 8 bytes of payload and 8 of staging per input, per child:
 * three quarters of the time of an exhaustive pass through a child).
 * Segment s: v called on x[off[s]..off[s+1]) -> y[same]; completed counts
 * the segments that returned, as above. */
float *ab_shared_f32(size_t n);            /* exits 3 when it cannot map */
void ab_shared_free(float *p, size_t n);
void ab_run_isolated_f32(const ab_variant *v, const float *x, float *y, size_t nseg,
                         const size_t *off, ab_isolated_run *out);
/* "ok", "crashed (SEGV)", "timed-out", "out-of-memory", "exited (0)". */
const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len);
#endif
