/* isolate.c: see isolate.h. */
#include "isolate.h"
#include "properties.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

double ab_isolation_timeout_s = 10.0;

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
        ((ab_fn_f64)v->fn)(x + a, sh->y + c, b - a);
        return;
    }
    for (size_t i = a; i < b; i++) sh->xf[i - a] = ab_narrow_f32(x[i]); /* keeps sNaN */
    ((ab_fn_f32)v->fn)(sh->xf, sh->yf, b - a);
    for (size_t i = c; i < d; i++) sh->y[i] = sh->yf[i - c];
}

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
    size_t bytes = sizeof(shared_block) + nout * sizeof(double) + 2 * widest * sizeof(float);
    shared_block *sh = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) { perror("actbench: mmap"); exit(3); }
    sh->progress = 0;
    sh->xf = (float *)(sh->y + nout);
    sh->yf = sh->xf + widest;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) { perror("actbench: fork"); exit(3); }
    if (pid == 0) {
        /* The child touches no locks (no malloc, no stdio): it may have been
         * forked while other threads held them. */
        struct itimerval t = {{0, 0}, {(time_t)ab_isolation_timeout_s,
                                      (suseconds_t)((ab_isolation_timeout_s - (time_t)ab_isolation_timeout_s) * 1e6)}};
        signal(SIGALRM, SIG_DFL);
        setitimer(ITIMER_REAL, &t, NULL);
        for (size_t s = 0; s < nseg; s++) {
            sh->progress = s;
            call_segment(v, sh, x, seg_at(in_off, s), seg_at(in_off, s + 1), seg_at(out_off, s),
                         seg_at(out_off, s + 1));
        }
        sh->progress = nseg;
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && sh->progress == nseg) {
        out->status = AB_RUN_OK;
        out->completed = nseg;
    } else {
        out->completed = sh->progress;
        out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        out->status = out->signal == SIGALRM ? AB_RUN_TIMED_OUT : AB_RUN_CRASHED;
    }
    memcpy(y, sh->y, seg_at(out_off, out->completed) * sizeof(double));
    munmap(sh, bytes);
}

const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len) {
    if (r->status == AB_RUN_OK) snprintf(buf, len, "ok");
    else if (r->status == AB_RUN_TIMED_OUT) snprintf(buf, len, "timed-out");
    else if (r->signal) snprintf(buf, len, "crashed (%s)", sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "signal");
    else snprintf(buf, len, "crashed (exit)");
    return buf;
}
