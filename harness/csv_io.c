/* csv_io.c: see csv_io.h. */
#include "csv_io.h"
#include "tmpfiles.h"
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Removes a temporary and frees its name. */
static void drop_tmp(char *tmp) {
    unlink(tmp);
    ab_tmp_forget(tmp);
    free(tmp);
}

static char *dupstr(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

FILE *ab_atomic_open(const char *path, char **tmp_out) {
    *tmp_out = NULL;
    /* A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place:
     * renaming over it would replace the device with a file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        FILE *f = fopen(path, "w");
        if (!f) fprintf(stderr, "actbench: cannot write %s: %s\n", path, strerror(errno));
        return f;
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        fprintf(stderr, "actbench: cannot write %s: out of memory\n", path);
        return NULL;
    }
    /* Registered before it exists, so that no signal can come between its
     * creation and its registration (removing a path not yet created is
     * harmless); a name taken by someone else is forgotten again. */
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        unsigned char r[6];
        if (getentropy(r, sizeof r) != 0) memset(r, attempt, sizeof r);
        char suffix[7];
        for (int k = 0; k < 6; k++) suffix[k] = digits[r[k] % 62];
        suffix[6] = 0;
        snprintf(tmp, n, "%s.tmp.%s", path, suffix);
        if (ab_tmp_register(tmp) != 0) {
            fprintf(stderr, "actbench: cannot write %s: out of memory\n", path);
            free(tmp);
            return NULL;
        }
        fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            int e = errno;
            ab_tmp_forget(tmp);
            if (e != EEXIST) {
                fprintf(stderr, "actbench: cannot write %s: %s\n", path, strerror(e));
                free(tmp);
                return NULL;
            }
        }
    }
    if (fd < 0) {
        fprintf(stderr, "actbench: cannot write %s: no free temporary name\n", path);
        free(tmp);
        return NULL;
    }
    /* Created 0600 (as mkstemp would); give it the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        fprintf(stderr, "actbench: cannot write %s: %s\n", path, strerror(errno));
        close(fd);
        drop_tmp(tmp);
        return NULL;
    }
    *tmp_out = tmp;
    return f;
}

/* Closes f and checks every write to it reached the file; on failure prints
 * one line and removes (and frees) tmp. */
static int finish(FILE *f, char *tmp, const char *path, int error) {
    /* After a failed write the flush fails again, with the reason. */
    errno = 0;
    int bad = fflush(f) != 0 || ferror(f) || error;
    int e = bad ? (errno ? errno : EIO) : 0;
    if (fclose(f) != 0 && !bad) { bad = 1; e = errno; }
    if (bad) {
        fprintf(stderr, "actbench: cannot write %s: %s\n", path, strerror(e));
        if (tmp) drop_tmp(tmp);
    }
    return bad ? -1 : 0;
}

int ab_atomic_commit(FILE *f, char *tmp, const char *path) {
    if (finish(f, tmp, path, 0) != 0) return -1;
    if (!tmp) return 0; /* written in place */
    if (rename(tmp, path) != 0) {
        fprintf(stderr, "actbench: cannot write %s: %s\n", path, strerror(errno));
        drop_tmp(tmp);
        return -1;
    }
    ab_tmp_forget(tmp);
    free(tmp);
    return 0;
}

int ab_csv_open(ab_csv_writer *w, const char *path) {
    memset(w, 0, sizeof *w);
    if (strcmp(path, "-") == 0) {
        w->f = stdout;
        return 0;
    }
    w->f = ab_atomic_open(path, &w->tmp);
    if (!w->f) return -1;
    w->path = dupstr(path);
    if (!w->path) {
        fprintf(stderr, "actbench: cannot write %s: out of memory\n", path);
        fclose(w->f);
        if (w->tmp) drop_tmp(w->tmp);
        memset(w, 0, sizeof *w);
        return -1;
    }
    return 0;
}

/* Quote only what needs it; libcsv's csv_fwrite does the quoting. */
void ab_csv_field(ab_csv_writer *w, const char *s) {
    if (w->fields_in_row++) fputc(',', w->f);
    size_t n = strlen(s);
    if (strpbrk(s, ",\"\r\n") || (n && (strchr(" \t", s[0]) || strchr(" \t", s[n - 1]))) || (!n && w->fields_in_row == 1)) {
        if (csv_fwrite(w->f, s, n) != 0) w->error = 1;
    } else {
        fwrite(s, 1, n, w->f);
    }
}

void ab_csv_fieldf(ab_csv_writer *w, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ab_csv_field(w, buf);
}

void ab_csv_end_row(ab_csv_writer *w) {
    fputc('\n', w->f);
    w->fields_in_row = 0;
}

void ab_csv_row(ab_csv_writer *w, const char *const *fields, size_t n) {
    for (size_t i = 0; i < n; i++) ab_csv_field(w, fields[i]);
    ab_csv_end_row(w);
}

int ab_csv_commit(ab_csv_writer *w) {
    int rc;
    if (w->f == stdout) {
        /* main's ab_finish_stdout names the failure, once */
        rc = fflush(stdout) == 0 && !w->error && !ferror(stdout) ? 0 : -1;
    } else if (w->error) {
        rc = finish(w->f, w->tmp, w->path, 1);
    } else {
        rc = ab_atomic_commit(w->f, w->tmp, w->path);
    }
    free(w->path);
    memset(w, 0, sizeof *w);
    return rc;
}

void ab_csv_abort(ab_csv_writer *w) {
    if (w->f && w->f != stdout) {
        fclose(w->f);
        if (w->tmp) drop_tmp(w->tmp);
    }
    free(w->path);
    memset(w, 0, sizeof *w);
}

/* ---- output sets ---- */

int ab_csv_finish(ab_csv_writer *w, ab_output_set *s) {
    if (!w->f) return -1; /* never opened, or already finished */
    int rc;
    if (w->f == stdout) {
        rc = ab_csv_commit(w);
        s->failed |= rc != 0;
        return rc;
    }
    rc = finish(w->f, w->tmp, w->path, w->error);
    if (rc == 0 && w->tmp) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? 2 * s->cap : 8;
            char **t = realloc(s->tmp, cap * sizeof *t);
            if (t) s->tmp = t;
            char **p = t ? realloc(s->path, cap * sizeof *p) : NULL;
            if (p) s->path = p;
            if (!t || !p) {
                fprintf(stderr, "actbench: cannot write %s: out of memory\n", w->path);
                drop_tmp(w->tmp);
                rc = -1;
            } else {
                s->cap = cap;
            }
        }
        if (rc == 0) {
            s->tmp[s->n] = w->tmp;
            s->path[s->n++] = w->path;
            w->path = NULL;
        }
    }
    free(w->path);
    memset(w, 0, sizeof *w);
    s->failed |= rc != 0;
    return rc;
}

static void set_free(ab_output_set *s) {
    for (size_t i = 0; i < s->n; i++) {
        free(s->tmp[i]);
        free(s->path[i]);
    }
    free(s->tmp);
    free(s->path);
    memset(s, 0, sizeof *s);
}

void ab_output_set_abort(ab_output_set *s) {
    for (size_t i = 0; i < s->n; i++) {
        unlink(s->tmp[i]);
        ab_tmp_forget(s->tmp[i]);
    }
    set_free(s);
}

int ab_output_set_commit(ab_output_set *s) {
    if (s->failed) {
        ab_output_set_abort(s);
        return -1;
    }
    /* Every file is complete: rename them all, with SIGINT, SIGTERM and
     * SIGHUP held until the last one is in place.  A rename within one
     * directory fails only when the directory itself changed under us. */
    ab_tmp_hold_signals();
    int rc = 0;
    size_t i = 0;
    for (; i < s->n; i++) {
        if (rename(s->tmp[i], s->path[i]) != 0) {
            fprintf(stderr, "actbench: cannot write %s: %s\n", s->path[i], strerror(errno));
            rc = -1;
            break;
        }
        ab_tmp_forget(s->tmp[i]);
    }
    for (; i < s->n; i++) { /* after a failed rename: the rest stay as they were */
        unlink(s->tmp[i]);
        ab_tmp_forget(s->tmp[i]);
    }
    ab_tmp_release_signals();
    set_free(s);
    return rc;
}

/* ---- reading ---- */

typedef struct {
    ab_csv_table *t;
    char **row;
    size_t nrow, caprow, caprows;
    size_t line, row_line;
    int oom;
} reader;

static void on_field(void *s, size_t len, void *data) {
    reader *r = data;
    if (r->nrow == 0) {
        /* A row starts where its first field does: back off the newlines
         * inside that field. */
        size_t nl = 0;
        for (size_t i = 0; i < len; i++) nl += ((const char *)s)[i] == '\n';
        r->row_line = r->line - nl;
    }
    if (r->nrow == r->caprow) {
        r->caprow = r->caprow ? r->caprow * 2 : 32;
        char **q = realloc(r->row, r->caprow * sizeof *q);
        if (!q) { r->oom = 1; return; }
        r->row = q;
    }
    char *f = malloc(len + 1);
    if (!f) { r->oom = 1; return; }
    memcpy(f, s, len);
    f[len] = 0;
    r->row[r->nrow++] = f;
}

static void on_row(int c, void *data) {
    (void)c;
    reader *r = data;
    ab_csv_table *t = r->t;
    if (t->nrows == r->caprows) {
        r->caprows = r->caprows ? r->caprows * 2 : 64;
        t->cells = realloc(t->cells, r->caprows * sizeof *t->cells);
        t->ncols = realloc(t->ncols, r->caprows * sizeof *t->ncols);
        t->line = realloc(t->line, r->caprows * sizeof *t->line);
        if (!t->cells || !t->ncols || !t->line) { r->oom = 1; return; }
    }
    t->cells[t->nrows] = r->row;
    t->ncols[t->nrows] = r->nrow;
    t->line[t->nrows] = r->nrow ? r->row_line : r->line;
    t->nrows++;
    r->row = NULL;
    r->nrow = r->caprow = 0;
}

int ab_csv_read(const char *path, ab_csv_table *t, char *err, size_t errlen) {
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* A directory reads as empty, a device (/dev/zero, /dev/full) as
     * endless: neither is a CSV.  Pipes are read. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
        snprintf(err, errlen, "%s: is a %s, not a CSV file", path,
                 S_ISDIR(st.st_mode) ? "directory" : "device");
        fclose(f);
        return -1;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    reader r = {.t = t, .line = 1};
    char buf[65536];
    size_t n;
    int rc = 0, first = 1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        /* Feed line by line so that rows know where they start.  A UTF-8
         * byte order mark (as spreadsheets write) is skipped. */
        size_t start = first && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
        first = 0;
        for (size_t i = 0; i < n; i++) {
            if (buf[i] != '\n') continue;
            if (csv_parse(&p, buf + start, i + 1 - start, on_field, on_row, &r) != i + 1 - start) {
                rc = -1;
                break;
            }
            start = i + 1;
            r.line++;
        }
        if (rc == 0 && start < n &&
            csv_parse(&p, buf + start, n - start, on_field, on_row, &r) != n - start)
            rc = -1;
        if (rc) break;
    }
    int read_error = ferror(f) ? errno : 0;
    if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0) rc = -1;
    if (read_error) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(read_error));
        rc = -2;
    } else if (rc) snprintf(err, errlen, "%s:%zu: malformed CSV: %s", path, r.line,
                     csv_strerror(csv_error(&p)));
    else if (r.oom) { snprintf(err, errlen, "%s: out of memory", path); rc = -1; }
    csv_free(&p);
    fclose(f);
    if (r.row) {
        for (size_t i = 0; i < r.nrow; i++) free(r.row[i]);
        free(r.row);
    }
    if (rc) ab_csv_table_free(t);
    return rc;
}

void ab_csv_table_free(ab_csv_table *t) {
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols[r]; c++) free(t->cells[r][c]);
        free(t->cells[r]);
    }
    free(t->cells);
    free(t->ncols);
    free(t->line);
    memset(t, 0, sizeof *t);
}

int ab_csv_column(const ab_csv_table *t, const char *name) {
    if (t->nrows == 0) return -1;
    for (size_t c = 0; c < t->ncols[0]; c++)
        if (strcmp(t->cells[0][c], name) == 0) return (int)c;
    return -1;
}
