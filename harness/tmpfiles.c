/* tmpfiles.c: see tmpfiles.h.
 *
 * The handler may run on any thread (OpenMP workers take process signals
 * too), while the main thread registers and forgets files.  So the table
 * is append-only: slots live in chunks that are never freed or moved, a
 * slot's path is written before the slot is published (count incremented
 * with release order), and forgetting a slot only clears its live flag.
 * The handler reads the count and the flags with acquire loads and calls
 * only unlink, sigaction and raise. */
#include "tmpfiles.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 256
#define MAX_CHUNKS 4096 /* 2^20 temporary files per process */

typedef struct {
    char *path;
    int live;
} slot;

static slot *chunks[MAX_CHUNKS];
static size_t nslots;                   /* published slots */
static pid_t owner;                     /* the process that created them */
/* 0: running; 1: committing (renames in progress); 2: a handler is
 * removing the files and ending the process. */
static int state;
static volatile sig_atomic_t held_sig;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};

static slot *at(size_t i) { return &chunks[i / CHUNK][i % CHUNK]; }

static void unlink_all(void) {
    if (getpid() != owner) return; /* a forked child: not its files */
    size_t n = __atomic_load_n(&nslots, __ATOMIC_ACQUIRE);
    for (size_t i = 0; i < n; i++) {
        slot *s = at(i);
        if (__atomic_exchange_n(&s->live, 0, __ATOMIC_ACQ_REL)) unlink(s->path);
    }
}

static void on_signal(int sig) {
    held_sig = sig; /* before the state test: see ab_tmp_release_signals */
    int expected = 0;
    if (!__atomic_compare_exchange_n(&state, &expected, 2, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return; /* committing (the committer re-raises), or already ending */
    unlink_all();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    raise(sig); /* delivered when the handler returns: the default action */
}

static void at_exit(void) { unlink_all(); }

static void install(void) {
    owner = getpid();
    atexit(at_exit);
    for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++) {
        struct sigaction old, sa;
        if (sigaction(sigs[k], NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigfillset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
}

int ab_tmp_register(const char *path) {
    pthread_mutex_lock(&lock);
    int rc = -1;
    if (!owner) install();
    size_t i = nslots;
    if (i / CHUNK < MAX_CHUNKS) {
        if (!chunks[i / CHUNK]) {
            slot *c = calloc(CHUNK, sizeof *c);
            __atomic_store_n(&chunks[i / CHUNK], c, __ATOMIC_RELEASE);
        }
        char *p = chunks[i / CHUNK] ? strdup(path) : NULL;
        if (p) {
            slot *s = at(i);
            s->path = p;
            s->live = 1;
            __atomic_store_n(&nslots, i + 1, __ATOMIC_RELEASE);
            rc = 0;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void ab_tmp_forget(const char *path) {
    pthread_mutex_lock(&lock);
    for (size_t i = nslots; i-- > 0;) {
        slot *s = at(i);
        if (__atomic_load_n(&s->live, __ATOMIC_ACQUIRE) && !strcmp(s->path, path)) {
            /* The path stays allocated: the handler may be reading it. */
            __atomic_store_n(&s->live, 0, __ATOMIC_RELEASE);
            break;
        }
    }
    pthread_mutex_unlock(&lock);
}

void ab_tmp_remove_all(void) {
    if (owner) unlink_all();
}

void ab_tmp_hold_signals(void) {
    int expected = 0;
    if (!__atomic_compare_exchange_n(&state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        for (;;) pause(); /* a handler is removing the files: the process ends */
}

void ab_tmp_release_signals(void) {
    /* held_sig is never cleared: once set, a signal arrived and the process
     * is to end. */
    __atomic_store_n(&state, 0, __ATOMIC_RELEASE);
    /* A handler that ran while we held wrote held_sig before it saw state 1;
     * one that runs from now on sees 0 and acts itself. */
    int sig = held_sig;
    if (sig) raise(sig); /* the handler removes what is left and re-raises */
}
