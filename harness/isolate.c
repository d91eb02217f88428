/* isolate.c: see isolate.h. */
#include "isolate.h"
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
    double y[];
} shared_block;

void ab_run_isolated(const ab_variant *v, const double *x, double *y, size_t n,
                     ab_isolated_run *out) {
    memset(out, 0, sizeof *out);
    size_t bytes = sizeof(shared_block) + n * sizeof(double);
    shared_block *sh = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) { perror("actbench: mmap"); exit(3); }
    sh->progress = 0;
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
        for (size_t i = 0; i < n; i++) {
            sh->progress = i;
            if (v->precision == AB_F32) {
                float xf = (float)x[i], yf;
                ((ab_fn_f32)v->fn)(&xf, &yf, 1);
                sh->y[i] = yf;
            } else {
                ((ab_fn_f64)v->fn)(&x[i], &sh->y[i], 1);
            }
        }
        sh->progress = n;
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && sh->progress == n) {
        out->status = AB_RUN_OK;
        out->completed = n;
    } else {
        out->completed = sh->progress;
        out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        out->status = out->signal == SIGALRM ? AB_RUN_TIMED_OUT : AB_RUN_CRASHED;
    }
    memcpy(y, sh->y, out->completed * sizeof(double));
    munmap(sh, bytes);
}

const char *ab_run_status_text(const ab_isolated_run *r, char *buf, size_t len) {
    if (r->status == AB_RUN_OK) snprintf(buf, len, "ok");
    else if (r->status == AB_RUN_TIMED_OUT) snprintf(buf, len, "timed-out");
    else if (r->signal) snprintf(buf, len, "crashed (%s)", sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "signal");
    else snprintf(buf, len, "crashed (exit)");
    return buf;
}
