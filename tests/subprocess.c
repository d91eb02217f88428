/* subprocess.c: see subprocess.h. */
#include "subprocess.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *ab_slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) buf = realloc(buf, cap *= 2);
    }
    buf[n] = 0;
    fclose(f);
    return buf;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

char *ab_slurp_site(const char *index) {
    char *all = ab_slurp(index);
    if (!all) return NULL;
    size_t len = strlen(all);
    char *dir = strdup(index), *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : index;
    if (slash) *slash = 0;
    else strcpy(dir, ".");
    struct dirent **e;
    int n = scandir(dir, &e, NULL, by_name);
    for (int i = 0; i < n; i++) {
        size_t k = strlen(e[i]->d_name);
        if (k > 5 && !strcmp(e[i]->d_name + k - 5, ".html") && strcmp(e[i]->d_name, base)) {
            char *path = ab_path_join(dir, e[i]->d_name), *page = ab_slurp(path);
            if (page) {
                size_t m = strlen(page);
                all = realloc(all, len + m + 1);
                memcpy(all + len, page, m + 1);
                len += m;
                free(page);
            }
            free(path);
        }
        free(e[i]);
    }
    if (n >= 0) free(e);
    free(dir);
    return all;
}

void ab_write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

char *ab_make_tmpdir(void) {
    char *d = strdup("/tmp/actbench-test-XXXXXX");
    cr_assert_not_null(mkdtemp(d));
    return d;
}

void ab_remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *p = ab_path_join(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

void ab_remove_tmpdir(char *dir) {
    ab_remove_tree(dir);
    free(dir);
}

char *ab_path_join(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *ab_plugin_path(const char *name) {
    const char *dir = getenv("ACTBENCH_PLUGINS");
    cr_assert_not_null(dir, "ACTBENCH_PLUGINS is not set (run the tests with make test)");
    return ab_path_join(dir, name);
}

size_t ab_count_lines(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

ab_proc ab_run_actbench(const char *const *args) {
    const char *bin = getenv("ACTBENCH_BIN");
    cr_assert_not_null(bin, "ACTBENCH_BIN is not set (run the tests with make test)");
    char *dir = ab_make_tmpdir();
    char *out = ab_path_join(dir, "out"), *err = ab_path_join(dir, "err");
    size_t n = 0;
    while (args[n]) n++;
    char **argv = calloc(n + 2, sizeof *argv);
    argv[0] = (char *)bin;
    for (size_t i = 0; i < n; i++) argv[i + 1] = (char *)args[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, bin, &fa, NULL, argv, environ);
    cr_assert_eq(rc, 0, "cannot start %s", bin);
    int status;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&fa);
    ab_proc p;
    p.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    p.out = ab_slurp(out);
    p.err = ab_slurp(err);
    free(argv);
    free(out);
    free(err);
    ab_remove_tree(dir);
    free(dir);
    return p;
}

void ab_proc_free(ab_proc *p) {
    free(p->out);
    free(p->err);
}
