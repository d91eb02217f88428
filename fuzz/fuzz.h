/* fuzz.h: shared by the libFuzzer targets (see fuzz/README.md).
 *
 * The harness ends a bad input with exit(2) (ab_usage_error) or exit(3);
 * the targets are linked with -Wl,--wrap=exit so that such an exit returns
 * to the target through longjmp instead of ending the fuzzer.  An input
 * that reaches exit is a handled error, not a finding. */
#ifndef AB_FUZZ_H
#define AB_FUZZ_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static jmp_buf fuzz_exit_jmp;
static int fuzz_exit_armed;

void __real_exit(int status);
void __wrap_exit(int status) {
    if (fuzz_exit_armed) {
        fuzz_exit_armed = 0;
        longjmp(fuzz_exit_jmp, status ? status : 256);
    }
    __real_exit(status);
}

/* FUZZ_TRY { code that may exit } : the block runs once; exit() inside it
 * comes back here and skips the rest of the block. */
#define FUZZ_TRY if ((fuzz_exit_armed = 1, setjmp(fuzz_exit_jmp) == 0))
#define FUZZ_END (fuzz_exit_armed = 0)

#ifdef FUZZ_TRACK_ALLOCS
/* The command-line targets leave through exit() on every bad value, where
 * the process would end and release everything: they are linked with
 * --wrap for malloc, calloc, realloc, strdup and free, and what an input
 * allocated and did not free is released after it (as exit would). */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
#define FUZZ_MAX_LIVE 4096
static void *fuzz_live[FUZZ_MAX_LIVE];
static size_t fuzz_nlive;
static int fuzz_tracking;
static void track(void *p) {
    if (p && fuzz_tracking && fuzz_nlive < FUZZ_MAX_LIVE) fuzz_live[fuzz_nlive++] = p;
}
static void untrack(void *p) {
    for (size_t i = fuzz_nlive; p && i-- > 0;)
        if (fuzz_live[i] == p) { fuzz_live[i] = fuzz_live[--fuzz_nlive]; return; }
}
void *__wrap_malloc(size_t n) { void *p = __real_malloc(n); track(p); return p; }
void *__wrap_calloc(size_t n, size_t k) { void *p = __real_calloc(n, k); track(p); return p; }
void *__wrap_realloc(void *p, size_t n) {
    void *q = __real_realloc(p, n);
    if (q || !n) untrack(p);
    track(q);
    return q;
}
char *__wrap_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = __wrap_malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}
void __wrap_free(void *p) { untrack(p); __real_free(p); }
static void fuzz_track_begin(void) { fuzz_nlive = 0; fuzz_tracking = 1; }
static void fuzz_track_end(void) {
    fuzz_tracking = 0;
    while (fuzz_nlive) __real_free(fuzz_live[--fuzz_nlive]);
}
#endif

/* An in-memory file holding data, named /proc/self/fd/N for the readers
 * that take a path.  One per slot, reused across inputs. */
__attribute__((unused)) static const char *fuzz_file(int slot, const uint8_t *data, size_t size) {
    static int fds[4] = {-1, -1, -1, -1};
    static char names[4][32];
    if (fds[slot] < 0) {
        fds[slot] = memfd_create("fuzz", 0);
        if (fds[slot] < 0) { perror("memfd_create"); abort(); }
        snprintf(names[slot], sizeof names[slot], "/proc/self/fd/%d", fds[slot]);
    }
    if (ftruncate(fds[slot], 0) != 0 || pwrite(fds[slot], data, size, 0) != (ssize_t)size) abort();
    return names[slot];
}
#endif
