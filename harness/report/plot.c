/* plot.c: see plot.h. */
#include "plot.h"
#include "svg.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int ab_plotter_open(ab_plotter *p, const char *scripts_dir) {
    memset(p, 0, sizeof *p);
    p->scripts = scripts_dir;
    const char *t = getenv("TMPDIR");
    if (!t || !*t || strlen(t) > 200) t = "/tmp";
    snprintf(p->dir, sizeof p->dir, "%s/actbench-report-XXXXXX", t);
    if (!mkdtemp(p->dir)) {
        snprintf(p->why, sizeof p->why, "cannot create a temporary directory in %s: %s", t,
                 strerror(errno));
        p->dir[0] = 0;
        p->broken = 1;
        return -1;
    }
    return 0;
}

void ab_plotter_close(ab_plotter *p) {
    if (!p->dir[0]) return;
    DIR *d = opendir(p->dir);
    if (d) {
        struct dirent *e;
        char path[1024];
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            snprintf(path, sizeof path, "%s/%s", p->dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(p->dir);
    p->dir[0] = 0;
    for (size_t k = 0; k < p->njobs; k++) {
        free(p->jobs[k].script);
        free(p->jobs[k].args);
        free(p->jobs[k].label);
        free(p->jobs[k].svg);
    }
    free(p->jobs);
    p->jobs = NULL;
    p->njobs = p->cap = 0;
}

FILE *ab_plot_data(ab_plotter *p, const char *stem, char *path) {
    if (!p->dir[0]) return NULL;
    snprintf(path, 512, "%s/%s%u.dat", p->dir, stem, ++p->counter);
    return fopen(path, "w");
}

static void gp_add(ab_gp_args *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) return;
    if (a->n + (size_t)need + 3 > a->cap) {
        size_t cap = a->cap ? a->cap : 256;
        while (a->n + (size_t)need + 3 > cap) cap *= 2;
        char *s = realloc(a->s, cap);
        if (!s) exit(3);
        a->s = s;
        a->cap = cap;
    }
    if (a->n) {
        a->s[a->n++] = ';';
        a->s[a->n++] = ' ';
    }
    va_start(ap, fmt);
    vsnprintf(a->s + a->n, a->cap - a->n, fmt, ap);
    va_end(ap);
    a->n += (size_t)need;
}

/* In a gnuplot single-quoted string only '' needs escaping. */
void ab_gp_str(ab_gp_args *a, const char *name, const char *value) {
    size_t n = strlen(value), k = 0;
    char *q = malloc(2 * n + 1);
    if (!q) exit(3);
    for (size_t i = 0; i < n; i++) {
        if (value[i] == '\'') q[k++] = '\'';
        q[k++] = value[i] == '\n' ? ' ' : value[i];
    }
    q[k] = 0;
    gp_add(a, "%s='%s'", name, q);
    free(q);
}

void ab_gp_num(ab_gp_args *a, const char *name, double value) {
    gp_add(a, "%s=%.17g", name, value);
}

void ab_gp_free(ab_gp_args *a) {
    free(a->s);
    memset(a, 0, sizeof *a);
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t k;
    while (s && (k = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) {
            char *t = realloc(s, cap *= 2);
            if (!t) {
                free(s);
                s = NULL;
            }
            s = t;
        }
    }
    fclose(f);
    if (s) s[n] = 0;
    return s;
}

unsigned ab_plot_queue(ab_plotter *p, const char *script, ab_gp_args *a, const char *label) {
    if (p->broken) return 0;
    char gp[1024];
    snprintf(gp, sizeof gp, "%s/%s", p->scripts, script);
    if (access(gp, R_OK) != 0) {
        snprintf(p->why, sizeof p->why, "plot script %.400s not found", gp);
        p->failures++;
        return 0;
    }
    if (p->njobs == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        ab_plot_job *j = realloc(p->jobs, p->cap * sizeof *j);
        if (!j) exit(3);
        p->jobs = j;
    }
    unsigned id = (unsigned)++p->njobs;
    ab_plot_job *j = &p->jobs[id - 1];
    memset(j, 0, sizeof *j);
    char out[600];
    snprintf(out, sizeof out, "%s/plot%u.svg", p->dir, id);
    ab_gp_str(a, "outfile", out);
    j->script = strdup(gp);
    j->args = strdup(a->s);
    j->label = strdup(label ? label : "");
    if (!j->script || !j->args || !j->label) exit(3);
    return id;
}

static void job_paths(const ab_plotter *p, unsigned id, char *out, char *errp) {
    snprintf(out, 600, "%s/plot%u.svg", p->dir, id);
    snprintf(errp, 600, "%s/plot%u.err", p->dir, id);
}

static int job_start(ab_plotter *p, unsigned id) {
    ab_plot_job *j = &p->jobs[id - 1];
    char out[600], errp[600];
    job_paths(p, id, out, errp);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(j->why, sizeof j->why, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int nul = open("/dev/null", O_RDWR);
        if (fd >= 0) dup2(fd, 2);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 1);
        }
        char *argv[] = {"gnuplot", "-e", j->args, j->script, NULL};
        execvp("gnuplot", argv);
        _exit(127);
    }
    j->pid = pid;
    return 0;
}

static void job_finish(ab_plotter *p, unsigned id, int st) {
    ab_plot_job *j = &p->jobs[id - 1];
    char out[600], errp[600];
    job_paths(p, id, out, errp);
    j->pid = 0;
    char *err = slurp(errp);
    unlink(errp);
    const char *base = strrchr(j->script, '/');
    base = base ? base + 1 : j->script;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
            snprintf(j->why, sizeof j->why, "gnuplot not found (install gnuplot-nox: "
                                            "bash scripts/install-deps.sh)");
        } else {
            /* The last non-empty line of gnuplot's message. */
            char *msg = err ? err : "";
            size_t len = strlen(msg);
            while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' ')) msg[--len] = 0;
            char *nl = strrchr(msg, '\n');
            snprintf(j->why, sizeof j->why, "gnuplot %s failed: %.300s", base, nl ? nl + 1 : msg);
        }
        fprintf(stderr, "actbench report: %s\n", j->why);
        free(err);
        unlink(out);
        return;
    }
    free(err);
    char *svg = slurp(out);
    unlink(out);
    if (!svg) {
        snprintf(j->why, sizeof j->why, "gnuplot %s wrote no SVG", base);
        return;
    }
    char prefix[32];
    snprintf(prefix, sizeof prefix, "p%u", id);
    j->svg = ab_svg_inline(svg, prefix, j->label);
    free(svg);
    if (!j->svg) snprintf(j->why, sizeof j->why, "gnuplot %s: output is not SVG", base);
}

void ab_plot_run_all(ab_plotter *p, int parallel) {
    if (parallel < 1) parallel = 1;
    size_t next = 0;
    int running = 0;
    while (next < p->njobs || running) {
        while (running < parallel && next < p->njobs) {
            unsigned id = (unsigned)++next;
            if (job_start(p, id) == 0) running++;
        }
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (size_t k = 0; k < p->njobs; k++)
            if (p->jobs[k].pid == pid) {
                job_finish(p, (unsigned)(k + 1), st);
                running--;
                break;
            }
    }
    for (size_t k = 0; k < p->njobs; k++) {
        if (p->jobs[k].svg) p->plots++;
        else p->failures++;
    }
}

char *ab_plot_take(ab_plotter *p, unsigned id, const char **why) {
    if (id == 0 || id > p->njobs) {
        *why = p->why[0] ? p->why : "plots disabled";
        return NULL;
    }
    ab_plot_job *j = &p->jobs[id - 1];
    char *svg = j->svg;
    j->svg = NULL;
    *why = j->why[0] ? j->why : "not drawn";
    return svg;
}
