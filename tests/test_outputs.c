/* test_outputs.c: one command's outputs are committed together or not at
 * all (issue 12, defect 5).
 *
 * Each test runs build/actbench in a private directory that already holds
 * the outputs of an "earlier run" (files whose text the test wrote), makes
 * one output fail or interrupts the command with a signal, and checks the
 * exit status, that the error is one line, that every earlier file is byte
 * for byte what it was, and that no temporary (*.tmp.XXXXXX) is left. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "subprocess.h"

TestSuite(outputs, .timeout = 180);

extern char **environ;

#define OLD_CSV "earlier accuracy\n"
#define OLD_SV "earlier special values\n"
#define OLD_PROFILE "earlier profile\n"

/* A quick sweep: one activation, one precision, few samples. */
#define QUICK "sweep", "--activation", "relu", "--precision", "f32", "--samples", "64", "--quiet"

/* Names of dir's entries that contain ".tmp." (temporaries), or "". */
static void temporaries(const char *dir, char *buf, size_t len) {
    buf[0] = 0;
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp.")) {
            strncat(buf, e->d_name, len - strlen(buf) - 2);
            strcat(buf, " ");
        }
    closedir(d);
}

static void expect_no_temporaries(const char *dir) {
    char t[4096];
    temporaries(dir, t, sizeof t);
    cr_expect_str_empty(t, "temporaries left in %s: %s", dir, t);
}

static void expect_text(const char *path, const char *want) {
    char *got = ab_slurp(path);
    cr_expect_not_null(got, "%s is gone", path);
    if (got) cr_expect_str_eq(got, want, "%s changed", path);
    free(got);
}

/* Removes dir/sub/ (one level) and dir/. */
static void remove_dir2(char *dir, const char *sub) {
    char *p = ab_path_join(dir, sub);
    DIR *d = opendir(p);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char *q = ab_path_join(p, e->d_name);
            if (rmdir(q) != 0) unlink(q);
            free(q);
        }
        closedir(d);
        rmdir(p);
    }
    free(p);
    ab_remove_tmpdir(dir);
}

Test(outputs, special_values_write_error_keeps_the_csv) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "x.csv");
    ab_write_text(csv, OLD_CSV);
    ab_proc p = ab_run_actbench((const char *[]){QUICK, "-o", csv, "--special-values", "/dev/full",
                                                 NULL});
    cr_expect_eq(p.status, 2, "exit %d, stderr: %s", p.status, p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "stderr: %s", p.err);
    cr_expect(strstr(p.err, "/dev/full") != NULL, "stderr does not name the file: %s", p.err);
    expect_text(csv, OLD_CSV);
    expect_no_temporaries(dir);
    ab_proc_free(&p);
    free(csv);
    ab_remove_tmpdir(dir);
}

Test(outputs, profile_that_is_a_regular_file_fails_before_any_output) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "x.csv"), *sv = ab_path_join(dir, "sv.csv"),
         *pf = ab_path_join(dir, "profile");
    ab_write_text(csv, OLD_CSV);
    ab_write_text(sv, OLD_SV);
    ab_write_text(pf, OLD_PROFILE);
    ab_proc p = ab_run_actbench((const char *[]){QUICK, "-o", csv, "--special-values", sv,
                                                 "--profile", pf, NULL});
    cr_expect_eq(p.status, 2, "exit %d, stderr: %s", p.status, p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "stderr: %s", p.err);
    cr_expect(strstr(p.err, "--profile") != NULL, "stderr does not name the flag: %s", p.err);
    expect_text(csv, OLD_CSV);
    expect_text(sv, OLD_SV);
    expect_text(pf, OLD_PROFILE);
    expect_no_temporaries(dir);
    ab_proc_free(&p);
    free(csv);
    free(sv);
    free(pf);
    ab_remove_tmpdir(dir);
}

/* A profile that cannot be written (its name is taken by a directory)
 * after others were: nothing is committed, not even those profiles. */
Test(outputs, profile_write_error_commits_nothing) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "x.csv"), *sv = ab_path_join(dir, "sv.csv"),
         *pd = ab_path_join(dir, "prof");
    ab_write_text(csv, OLD_CSV);
    ab_write_text(sv, OLD_SV);
    cr_assert_eq(mkdir(pd, 0777), 0);
    char *earlier = ab_path_join(pd, "relu_f32_core.csv"), *blocker = ab_path_join(pd, "relu_f32_tiny.csv");
    ab_write_text(earlier, OLD_PROFILE);
    cr_assert_eq(mkdir(blocker, 0777), 0);
    ab_proc p = ab_run_actbench((const char *[]){QUICK, "-o", csv, "--special-values", sv,
                                                 "--profile", pd, NULL});
    cr_expect_eq(p.status, 2, "exit %d, stderr: %s", p.status, p.err);
    cr_expect_eq(ab_count_lines(p.err), 1, "stderr: %s", p.err);
    cr_expect(strstr(p.err, "relu_f32_tiny.csv") != NULL, "stderr does not name the file: %s", p.err);
    expect_text(csv, OLD_CSV);
    expect_text(sv, OLD_SV);
    expect_text(earlier, OLD_PROFILE);
    expect_no_temporaries(dir);
    expect_no_temporaries(pd);
    ab_proc_free(&p);
    free(csv);
    free(sv);
    free(earlier);
    free(blocker);
    free(pd);
    remove_dir2(dir, "prof");
}

/* And when everything can be written, everything is. */
Test(outputs, success_commits_every_output) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "x.csv"), *sv = ab_path_join(dir, "sv.csv"),
         *pd = ab_path_join(dir, "prof"), *prof = ab_path_join(pd, "relu_f32_core.csv");
    ab_write_text(csv, OLD_CSV);
    ab_write_text(sv, OLD_SV);
    ab_proc p = ab_run_actbench((const char *[]){QUICK, "-o", csv, "--special-values", sv,
                                                 "--profile", pd, NULL});
    cr_expect_eq(p.status, 0, "exit %d, stderr: %s", p.status, p.err);
    char *a = ab_slurp(csv), *s = ab_slurp(sv), *q = ab_slurp(prof);
    cr_expect(a && !strncmp(a, "activation,variant,", 19), "x.csv: %.80s", a ? a : "(none)");
    cr_expect(s && !strncmp(s, "activation,precision,input,", 27), "sv.csv: %.80s", s ? s : "(none)");
    cr_expect(q && !strncmp(q, "bucket,", 7), "profile: %.80s", q ? q : "(none)");
    expect_no_temporaries(dir);
    expect_no_temporaries(pd);
    free(a);
    free(s);
    free(q);
    ab_proc_free(&p);
    free(csv);
    free(sv);
    free(prof);
    free(pd);
    remove_dir2(dir, "prof");
}

/* ---- signals ---------------------------------------------------------------- */

static pid_t spawn_quiet(const char *const *args) {
    const char *bin = getenv("ACTBENCH_BIN");
    cr_assert_not_null(bin, "ACTBENCH_BIN is not set (run the tests with make test)");
    size_t n = 0;
    while (args[n]) n++;
    char **argv = calloc(n + 2, sizeof *argv);
    argv[0] = (char *)bin;
    for (size_t i = 0; i < n; i++) argv[i + 1] = (char *)args[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    /* The signals' default actions, whatever the test runner inherited
     * (a background shell ignores SIGINT). */
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGINT);
    sigaddset(&def, SIGTERM);
    sigaddset(&def, SIGHUP);
    posix_spawnattr_setsigdefault(&at, &def);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid;
    cr_assert_eq(posix_spawn(&pid, bin, &fa, &at, argv, environ), 0, "cannot start %s", bin);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    free(argv);
    return pid;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Waits (up to 60 s) until dir holds a temporary; 0 if it never did. */
static int wait_for_temporary(const char *dir, pid_t pid) {
    char t[4096];
    for (double t0 = now(); now() - t0 < 60;) {
        temporaries(dir, t, sizeof t);
        if (t[0]) return 1;
        if (waitpid(pid, NULL, WNOHANG) == pid) return 0;
        usleep(20000);
    }
    return 0;
}

static void interrupted_sweep(int sig) {
    char *dir = ab_make_tmpdir();
    char *csv = ab_path_join(dir, "x.csv"), *sv = ab_path_join(dir, "sv.csv"),
         *pd = ab_path_join(dir, "prof");
    ab_write_text(csv, OLD_CSV);
    ab_write_text(sv, OLD_SV);
    /* Every activation: long enough to be interrupted; the profiles of the
     * first jobs are written (to temporaries) within a second. */
    pid_t pid = spawn_quiet((const char *[]){"sweep", "--quiet", "--threads", "1", "-o", csv,
                                             "--special-values", sv, "--profile", pd, NULL});
    int started = wait_for_temporary(pd, pid);
    cr_expect(started, "no profile temporary appeared in %s", pd);
    expect_text(csv, OLD_CSV); /* still running: nothing committed yet */
    kill(pid, sig);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    if (started) {
        cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == sig,
                  "expected death by signal %d, status 0x%x", sig, status);
        expect_text(csv, OLD_CSV);
        expect_text(sv, OLD_SV);
        expect_no_temporaries(dir);
        expect_no_temporaries(pd);
    }
    free(csv);
    free(sv);
    free(pd);
    remove_dir2(dir, "prof");
}

Test(outputs, sigint_leaves_no_temporary) { interrupted_sweep(SIGINT); }
Test(outputs, sigterm_leaves_no_temporary) { interrupted_sweep(SIGTERM); }
Test(outputs, sighup_leaves_no_temporary) { interrupted_sweep(SIGHUP); }

/* The temporaries under /tmp that process pid has open, from /proc. */
static int open_tmp_files(pid_t pid, char names[][256], int max) {
    char fddir[64];
    snprintf(fddir, sizeof fddir, "/proc/%d/fd", (int)pid);
    DIR *d = opendir(fddir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        char link[512], target[256];
        snprintf(link, sizeof link, "%s/%s", fddir, e->d_name);
        ssize_t k = readlink(link, target, sizeof target - 1);
        if (k <= 0) continue;
        target[k] = 0;
        if (!strncmp(target, "/tmp/actbench-gate-", 19)) strcpy(names[n++], target);
    }
    closedir(d);
    return n;
}

/* An interrupted gate leaves nothing in /tmp: neither the results file it
 * sweeps into nor that file's temporary. */
Test(outputs, interrupted_gate_leaves_nothing_in_tmp) {
    /* The committed baseline, beside build/ (or build-san/). */
    char *bin = strdup(getenv("ACTBENCH_BIN"));
    char *root = dirname(dirname(bin));
    char *baseline = ab_path_join(root, "results/baseline.csv");
    cr_assert_eq(access(baseline, R_OK), 0, "no %s", baseline);
    pid_t pid = spawn_quiet((const char *[]){"gate", "--baseline", baseline, "--threads", "1", NULL});
    char names[8][256];
    int n = 0;
    for (double t0 = now(); n == 0 && now() - t0 < 60; usleep(20000)) {
        n = open_tmp_files(pid, names, 8);
        if (waitpid(pid, NULL, WNOHANG) == pid) break;
    }
    cr_assert_gt(n, 0, "the gate never opened its temporary in /tmp");
    /* names[0] is /tmp/actbench-gate-XXXXXX.tmp.YYYYYY; the file it will
     * replace is /tmp/actbench-gate-XXXXXX. */
    char results[256];
    strcpy(results, names[0]);
    char *dot = strstr(results, ".tmp.");
    if (dot) *dot = 0;
    cr_expect_eq(access(results, F_OK), 0, "%s does not exist while the gate runs", results);
    kill(pid, SIGTERM);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status 0x%x", status);
    for (int i = 0; i < n; i++)
        cr_expect_neq(access(names[i], F_OK), 0, "%s left behind", names[i]);
    cr_expect_neq(access(results, F_OK), 0, "%s left behind", results);
    free(baseline);
    free(bin);
}
