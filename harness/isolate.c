/* isolate.c: see isolate.h. */
#include "isolate.h"
#include "registry.h"
#include "cli.h"
#include "properties.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double ab_isolation_timeout_s = 10.0;
uint64_t ab_isolation_memory_bytes = AB_DEFAULT_MEMORY_LIMIT;

/* Shared with the child, before the caller's payload. */
struct ab_child_hdr {
    volatile sig_atomic_t oom;   /* the child died while errno was ENOMEM */
};

/* ---- the memory limit ----------------------------------------------------- */
int ab_parse_memory_size(const char *s, uint64_t *out) {
    if (!strcmp(s, "unlimited")) { *out = 0; return 0; }
    if (*s < '0' || *s > '9') return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno) return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    case 'T': case 't': shift = 40; end++; break;
    default: break;
    }
    if (*end == 'i' && shift) end++;        /* "4Gi" */
    if (*end == 'B' && shift) end++;        /* "4GB", "4GiB" */
    if (*end || (shift && v > (UINT64_MAX >> shift))) return -1;
    *out = (uint64_t)v << shift;
    return 0;
}

void ab_isolation_init(void) {
    const char *e = getenv("ACTBENCH_PLUGIN_MEMORY");
    if (e && ab_parse_memory_size(e, &ab_isolation_memory_bytes) != 0)
        ab_usage_error("ACTBENCH_PLUGIN_MEMORY: '%s' is not a size (e.g. 4G, 512M, or "
                       "unlimited)", e);
}

/* The address space this process maps now (VmSize), in bytes; 0 if
 * unknown.  The child's limit is relative to it, because a parent with
 * many threads can hold gigabytes of reserved (PROT_NONE) arenas. */
static uint64_t current_vm_bytes(void) {
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    return (uint64_t)strtoull(buf, NULL, 10) * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* ---- the child side --------------------------------------------------- */
static struct ab_child_hdr *child_hdr;     /* set in the child only */
static char alt_stack[1 << 16];

/* A fatal signal while errno is ENOMEM: a failed allocation brought the
 * plugin down (a NULL dereference, an abort() after the NULL check, a C++
 * bad_alloc).  Record it, then die of the same signal. */
static void on_fatal(int sig) {
    if (errno == ENOMEM && child_hdr) child_hdr->oom = 1;
    signal(sig, SIG_DFL);
    raise(sig); /* delivered on return; a SEGV also faults again */
}

static void child_setup(uint64_t limit) {
    /* The parent's handlers (cleanup of its temporary files, for one) are
     * not the child's business: defaults everywhere. */
    for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP) signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (limit) {
        struct rlimit r = {(rlim_t)limit, (rlim_t)limit};
        setrlimit(RLIMIT_AS, &r);
    }
    stack_t st = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack};
    sigaltstack(&st, NULL);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal;
        sa.sa_flags = SA_ONSTACK;
        sigaction(fatal[i], &sa, NULL);
    }
}

void ab_child_enter_plugin(void) { errno = 0; }

/* ---- the parent side ------------------------------------------------------- */
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int ab_child_start(ab_child *c, size_t payload_bytes, int capture_stdio) {
    memset(c, 0, sizeof *c);
    c->err_fd = -1;
    size_t hdr = (sizeof(struct ab_child_hdr) + 63) / 64 * 64;
    c->map_bytes = hdr + (payload_bytes ? payload_bytes : 1);
    void *m = mmap(NULL, c->map_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("actbench: mmap"); exit(3); }
    c->hdr = m;
    c->payload = (char *)m + hdr;
    c->payload_bytes = payload_bytes;
    int pipefd[2] = {-1, -1};
    if (capture_stdio && pipe2(pipefd, O_CLOEXEC) != 0) { perror("actbench: pipe"); exit(3); }
    uint64_t limit = 0;
    if (ab_isolation_memory_bytes) {
        uint64_t base = current_vm_bytes();
        limit = base + ab_isolation_memory_bytes;
        if (limit < base) limit = 0; /* overflow: no limit */
    }
    fflush(NULL); /* nothing buffered is written twice */
    c->pid = fork();
    if (c->pid < 0) { perror("actbench: fork"); exit(3); }
    if (c->pid == 0) {
        /* The child touches no locks (no malloc, no stdio) before plugin
         * code runs: it may have been forked while other threads held them. */
        child_hdr = c->hdr;
        if (capture_stdio) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) { dup2(null, 1); close(null); }
            dup2(pipefd[1], 2);
            close(pipefd[0]);
            close(pipefd[1]);
        }
        child_setup(limit);
        return 1;
    }
    if (capture_stdio) {
        close(pipefd[1]);
        c->err_fd = pipefd[0];
        fcntl(c->err_fd, F_SETFL, O_NONBLOCK);
    }
    return 0;
}

/* Reads what the child wrote to stderr, keeping up to errlen - 1 bytes
 * (ab_child_finish cuts them to the first line); the rest is discarded,
 * so a chatty child never blocks on a full pipe. */
static void drain(int fd, char *err, size_t errlen, size_t *have, int *eof) {
    char buf[4096];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { if (n == 0) *eof = 1; return; }
        for (ssize_t i = 0; i < n && err && *have + 1 < errlen; i++) err[(*have)++] = buf[i];
        if (err && errlen) err[*have] = 0;
    }
}

/* The first non-empty line of s, in place, control characters as spaces. */
static void first_line(char *s) {
    char *p = s;
    while (*p == '\n' || *p == '\r') p++;
    size_t k = 0;
    for (; *p && *p != '\n'; p++) {
        unsigned char ch = (unsigned char)*p;
        s[k++] = ch < 32 || ch == 127 ? ' ' : (char)ch;
    }
    while (k && s[k - 1] == ' ') k--;
    s[k] = 0;
}

/* Waits for pid until deadline; 0 with *status when it ended, -1 when the
 * deadline passed first.  A pidfd makes the wait exact; without one (an
 * old kernel) the loop polls every few milliseconds. */
static int wait_until(pid_t pid, int pidfd, int err_fd, double deadline, int *status,
                      char *err, size_t errlen, size_t *have) {
    int eof = err_fd < 0;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid) {
            if (!eof) drain(err_fd, err, errlen, have, &eof);
            return 0;
        }
        double left = deadline - now();
        if (left <= 0) return -1;
        struct pollfd p[2];
        nfds_t n = 0;
        if (pidfd >= 0) p[n++] = (struct pollfd){pidfd, POLLIN, 0};
        if (!eof) p[n++] = (struct pollfd){err_fd, POLLIN, 0};
        int ms = left > 1000 ? 1000 : (int)(left * 1000) + 1;
        if (pidfd < 0 && ms > 5) ms = 5;
        if (n) poll(p, n, ms);
        else { struct timespec t = {0, (long)ms * 1000000}; nanosleep(&t, NULL); }
        if (!eof) drain(err_fd, err, errlen, have, &eof);
    }
}

void ab_child_finish(ab_child *c, double timeout_s, ab_isolated_run *out, char *err,
                     size_t errlen) {
    if (err && errlen) err[0] = 0;
    size_t have = 0;
    int pidfd = -1;
#ifdef SYS_pidfd_open
    pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
#endif
    int status = 0;
    out->signal = 0;
        if (wait_until(c->pid, pidfd, c->err_fd, now() + timeout_s, &status, err, errlen, &have) != 0) {
        kill(c->pid, SIGKILL);
        /* SIGKILL lands once an uninterruptible sleep ends; a child stuck
         * beyond that is left behind rather than hanging actbench. */
        wait_until(c->pid, pidfd, -1, now() + 5, &status, NULL, 0, &have);
        out->status = AB_RUN_TIMED_OUT;
    } else if (WIFSIGNALED(status)) {
        out->signal = WTERMSIG(status);
        out->status = c->hdr->oom ? AB_RUN_OUT_OF_MEMORY : AB_RUN_CRASHED;
    } else {
        out->signal = WEXITSTATUS(status);
        out->status = out->signal == 0 ? AB_RUN_OK : AB_RUN_EXITED;
    }
    if (pidfd >= 0) close(pidfd);
    if (c->err_fd >= 0) { close(c->err_fd); c->err_fd = -1; }
    if (err && errlen) first_line(err);
}

void ab_child_release(ab_child *c) {
    if (c->hdr) munmap(c->hdr, c->map_bytes);
    c->hdr = NULL;
    c->payload = NULL;
}

/* ---- a variant on segments ------------------------------------------------ */
typedef struct {
    volatile size_t progress;
    float *xf, *yf;      /* f32 staging of one segment (inside this block) */
    double y[];
} shared_block;

static size_t seg_at(const size_t *off, size_t s) { return off ? off[s] : s; }

/* One call on segment [a, b) -> [c, d), through float buffers for f32. */
static void call_segment(const ab_variant *v, shared_block *sh, const double *x, size_t a,
                         size_t b, size_t c, size_t d) {
    if (v->precision == AB_F64) {
        ab_child_enter_plugin();
        ((ab_fn_f64)v->fn)(x + a, sh->y + c, b - a);
        return;
    }
    for (size_t i = a; i < b; i++) sh->xf[i - a] = ab_narrow_f32(x[i]); /* keeps sNaN */
    ab_child_enter_plugin();
    ((ab_fn_f32)v->fn)(sh->xf, sh->yf, b - a);
    for (size_t i = c; i < d; i++) sh->y[i] = sh->yf[i - c];
}

/* Wait for the child and read how far it got: exit(0) from inside the
 * plugin ends the child cleanly but unfinished (AB_RUN_EXITED). */
static void finish_segments(ab_child *ch, volatile size_t *progress, size_t nseg,
                            ab_isolated_run *out) {
    ab_child_finish(ch, ab_isolation_timeout_s, out, NULL, 0);
    out->completed = *progress;
    if (out->status == AB_RUN_OK && out->completed != nseg) out->status = AB_RUN_EXITED;
}

#define LIBRARY_BLOCK 2048

void ab_run_isolated(const ab_variant *v, const double *x, double *y, size_t nseg,
                     const size_t *in_off, const size_t *out_off, ab_isolated_run *out) {
    memset(out, 0, sizeof *out);
    if (!out_off) out_off = in_off;
    size_t nout = seg_at(out_off, nseg), widest = 1;
    for (size_t s = 0; s < nseg; s++) {
        size_t a = seg_at(in_off, s + 1) - seg_at(in_off, s);
        size_t c = seg_at(out_off, s + 1) - seg_at(out_off, s);
        if (a > widest) widest = a;
        if (c > widest) widest = c;
    }
    if (!in_off && ab_variant_library(v) && widest < LIBRARY_BLOCK) widest = LIBRARY_BLOCK;
    ab_child ch;
    size_t bytes = sizeof(shared_block) + nout * sizeof(double) + 2 * widest * sizeof(float);
    if (ab_child_start(&ch, bytes, 0)) {
        shared_block *sh = ch.payload;
        sh->xf = (float *)(sh->y + nout);
        sh->yf = sh->xf + widest;
        /* A framework library's variant (isolated for its thread pool,
         * not because it may crash) takes elementwise inputs in blocks, as
         * it would be called: one element per call would measure its
         * scalar tail and its per-call cost instead of its kernel. */
        size_t step = !in_off && ab_variant_library(v) ? LIBRARY_BLOCK : 1;
        for (size_t s = 0; s < nseg; s += step) {
            size_t e = nseg - s < step ? nseg : s + step;
            sh->progress = s;
            call_segment(v, sh, x, seg_at(in_off, s), seg_at(in_off, e), seg_at(out_off, s),
                         seg_at(out_off, e));
        }
        sh->progress = nseg;
        _exit(0);
    }
    shared_block *sh = ch.payload;
    finish_segments(&ch, &sh->progress, nseg, out);
    memcpy(y, sh->y, seg_at(out_off, out->completed) * sizeof(double));
    ab_child_release(&ch);
}

float *ab_shared_f32(size_t n) {
    void *m = mmap(NULL, (n ? n : 1) * sizeof(float), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("actbench: mmap"); exit(3); }
    return m;
}

void ab_shared_free(float *p, size_t n) {
    if (p) munmap(p, (n ? n : 1) * sizeof(float));
}

void ab_run_isolated_f32(const ab_variant *v, const float *x, float *y, size_t nseg,
                         const size_t *off, ab_isolated_run *out) {
    memset(out, 0, sizeof *out);
    ab_child ch;
    if (ab_child_start(&ch, sizeof(size_t), 0)) {
        volatile size_t *progress = ch.payload;
        for (size_t s = 0; s < nseg; s++) {
            *progress = s;
            ab_child_enter_plugin();
            ((ab_fn_f32)v->fn)(x + off[s], y + off[s], off[s + 1] - off[s]);
        }
        *progress = nseg;
        _exit(0);
    }
    finish_segments(&ch, ch.payload, nseg, out);
    ab_child_release(&ch);
}

const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len) {
    switch (r->status) {
    case AB_RUN_OK: snprintf(buf, len, "ok"); break;
    case AB_RUN_TIMED_OUT: snprintf(buf, len, "timed-out"); break;
    case AB_RUN_OUT_OF_MEMORY: snprintf(buf, len, "out-of-memory"); break;
    case AB_RUN_EXITED: snprintf(buf, len, "exited (%d)", r->signal); break;
    default:
        snprintf(buf, len, "crashed (%s)",
                 r->signal && sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "signal");
    }
    return buf;
}
