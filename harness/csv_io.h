/* csv_io.h: CSV through libcsv, written atomically (temporary file, then
 * rename), so a failed run never leaves a partial or clobbered file. */
#ifndef AB_CSV_IO_H
#define AB_CSV_IO_H
#include <stdio.h>
#include <stddef.h>

typedef struct ab_csv_writer_s {
    FILE *f;
    char *path, *tmp;
    int error;
    size_t fields_in_row;
} ab_csv_writer;

/* path "-" writes to stdout.  Returns -1 with a message (naming the path)
 * on stderr when the directory cannot be written. */
int ab_csv_open(ab_csv_writer *w, const char *path);
void ab_csv_field(ab_csv_writer *w, const char *s);
void ab_csv_fieldf(ab_csv_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ab_csv_end_row(ab_csv_writer *w);
void ab_csv_row(ab_csv_writer *w, const char *const *fields, size_t n);
/* Renames into place; returns -1 (and removes the temporary) on error. */
int ab_csv_commit(ab_csv_writer *w);
void ab_csv_abort(ab_csv_writer *w);

/* Atomic plain-file output, for HTML and other text.  The temporary
 * (*tmp_out, NULL for a device written in place) is registered with
 * tmpfiles.h until ab_atomic_commit, which renames it and frees the name
 * (or removes it on a write error). */
FILE *ab_atomic_open(const char *path, char **tmp_out);
int ab_atomic_commit(FILE *f, char *tmp, const char *path);

/* Several outputs of one command, committed together or not at all:
 * ab_csv_finish closes a writer and checks every write reached its
 * temporary, which then joins the set (or is removed, with one line on
 * stderr, and the set marked failed).  ab_output_set_commit renames every
 * member into place when none failed (SIGINT, SIGTERM and SIGHUP are held
 * meanwhile), else removes them all and leaves every earlier file as it
 * was; either way it empties the set.  Outputs written in place (stdout,
 * a device such as /dev/null) are checked but cannot be rolled back.
 * Start from a zeroed set. */
typedef struct {
    char **tmp, **path;
    size_t n, cap;
    int failed;
} ab_output_set;
int ab_csv_finish(ab_csv_writer *w, ab_output_set *s);
int ab_output_set_commit(ab_output_set *s);
void ab_output_set_abort(ab_output_set *s);

/* A parsed CSV table: cells[r][c]; row 0 is the header.  line[r] is the
 * 1-based line where row r starts, for error messages. */
typedef struct {
    char ***cells;
    size_t *ncols;
    size_t *line;
    size_t nrows;
} ab_csv_table;

/* Returns 0, or -1 with a message in err (naming the file). */
int ab_csv_read(const char *path, ab_csv_table *t, char *err, size_t errlen);
void ab_csv_table_free(ab_csv_table *t);
/* Column index of a header name, or -1. */
int ab_csv_column(const ab_csv_table *t, const char *name);
#endif
