/* test_csv.c: the CSV layer (harness/csv_io.h) round-trips what it writes.
 *
 * Cells are written with ab_csv_open/ab_csv_field/ab_csv_commit and read
 * back with ab_csv_read; every cell must come back byte for byte.  The
 * expected values are the strings the test itself wrote, so nothing here is
 * copied from the program's output. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "subprocess.h"
#include "../harness/csv_io.h"
#include "../harness/registry.h"
#include "../harness/rows.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(csv, .timeout = 120);

extern char **environ;

static size_t count_entries(const char *dir) {
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

/* Writes rows[r][0..ncols[r]) through the writer, reads the file back and
 * compares every cell. */
static void round_trip(const char *path, const char *const *const *rows, const size_t *ncols,
                       size_t nrows) {
    ab_csv_writer w;
    cr_assert_eq(ab_csv_open(&w, path), 0);
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols[r]; c++) ab_csv_field(&w, rows[r][c]);
        ab_csv_end_row(&w);
    }
    cr_assert_eq(ab_csv_commit(&w), 0);

    ab_csv_table t;
    char err[512];
    cr_assert_eq(ab_csv_read(path, &t, err, sizeof err), 0, "ab_csv_read: %s", err);
    cr_expect_eq(t.nrows, nrows, "read %zu rows, wrote %zu", t.nrows, nrows);
    for (size_t r = 0; r < nrows && r < t.nrows; r++) {
        cr_expect_eq(t.ncols[r], ncols[r], "row %zu: read %zu cells, wrote %zu", r, t.ncols[r],
                     ncols[r]);
        for (size_t c = 0; c < ncols[r] && c < t.ncols[r]; c++)
            cr_expect(strcmp(t.cells[r][c], rows[r][c]) == 0,
                      "row %zu cell %zu: read <<%s>>, wrote <<%s>>", r, c, t.cells[r][c],
                      rows[r][c]);
    }
    ab_csv_table_free(&t);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__})
#define NCOLS(...) (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

Test(csv, round_trip_fields_that_need_quoting) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "q.csv");
    const char *formula = "x>20 ? x : log1p(exp(x)) (PyTorch, \"beta=1\")";
    const char *const *rows[] = {
        ROW("name", "value", "note"),
        ROW("comma", "a,b", ","),
        ROW("quotes", "say \"hi\"", "\""),
        ROW("two quotes", "\"\"", "\"a\",\"b\""),
        ROW("newline", "line1\nline2", "\n"),
        ROW("crlf", "one\r\ntwo", "cr\ronly"),
        ROW(" leading", "trailing ", "  both  "),
        ROW(" ", "   ", "a b"),
        ROW("\ttab", "tab\t", " \t mixed \t "),
        ROW("", "", ""),
        ROW("", "first empty", "x"),
        ROW("last empty", "x", ""),
        ROW("formula", formula, "\"\n,\" \r\n"),
        ROW("utf-8", "\xc2\xb5 \xc2\xb1 \xe2\x88\x9e", "0x1.62e43p+6"),
        ROW("many", "1", "2", "3", "4", "5"),
        ROW("one"),
    };
    const size_t ncols[] = {
        NCOLS("name", "value", "note"), 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6, 1,
    };
    round_trip(path, rows, ncols, sizeof rows / sizeof *rows);
    cr_expect_eq(count_entries(dir), 1, "the writer left extra files in %s", dir);
    free(path);
    ab_remove_tmpdir(dir);
}

/* A row whose only cell is empty is a row, not a blank line to skip. */
Test(csv, round_trip_single_empty_cell_row) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "e.csv");
    const char *const *rows[] = {ROW("h"), ROW(""), ROW("x"), ROW("")};
    const size_t ncols[] = {1, 1, 1, 1};
    round_trip(path, rows, ncols, 4);
    free(path);
    ab_remove_tmpdir(dir);
}

Test(csv, fieldf_and_row_helpers) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "f.csv");
    ab_csv_writer w;
    cr_assert_eq(ab_csv_open(&w, path), 0);
    const char *hdr[] = {"a", "b,c", "d"};
    ab_csv_row(&w, hdr, 3);
    ab_csv_fieldf(&w, "%a", 0x1.8p-3);
    ab_csv_fieldf(&w, "%d,%s", 7, "x\"y");
    ab_csv_fieldf(&w, " %s ", "pad");
    ab_csv_end_row(&w);
    cr_assert_eq(ab_csv_commit(&w), 0);
    ab_csv_table t;
    char err[512];
    cr_assert_eq(ab_csv_read(path, &t, err, sizeof err), 0, "%s", err);
    cr_assert_eq(t.nrows, 2);
    cr_assert_eq(t.ncols[1], 3);
    cr_expect_str_eq(t.cells[1][0], "0x1.8p-3");
    cr_expect_str_eq(t.cells[1][1], "7,x\"y");
    cr_expect_str_eq(t.cells[1][2], " pad ");
    cr_expect_eq(ab_csv_column(&t, "b,c"), 1);
    cr_expect_eq(ab_csv_column(&t, "d"), 2);
    cr_expect_eq(ab_csv_column(&t, "nope"), -1);
    ab_csv_table_free(&t);
    free(path);
    ab_remove_tmpdir(dir);
}

/* Physical lines of the file below (1-based):
 *   1  h1,h2
 *   2  a,"multi          <- row 1 starts here; its 2nd cell spans lines 2-4
 *   3  line
 *   4  field"
 *   5  b,c               <- row 2: the row FOLLOWING a multi-line cell
 *   6  "x                <- row 3 starts here; its 1st cell spans lines 6-7
 *   7  y",z
 *   8  last,row          <- row 4: follows a row whose FIRST cell is multi-line
 * csv_io.h: "line[r] is the 1-based line where row r starts". */
static const char multiline_csv[] =
    "h1,h2\n"
    "a,\"multi\nline\nfield\"\n"
    "b,c\n"
    "\"x\ny\",z\n"
    "last,row\n";

static void read_text(const char *text, ab_csv_table *t, char **dir_out) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "m.csv");
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    char err[512];
    cr_assert_eq(ab_csv_read(path, t, err, sizeof err), 0, "%s", err);
    free(path);
    *dir_out = dir;
}

Test(csv, line_numbers_after_multiline_cells) {
    ab_csv_table t;
    char *dir;
    read_text(multiline_csv, &t, &dir);
    cr_assert_eq(t.nrows, 5);
    cr_expect_str_eq(t.cells[1][1], "multi\nline\nfield");
    cr_expect_str_eq(t.cells[3][0], "x\ny");
    cr_expect_eq(t.line[0], 1);
    cr_expect_eq(t.line[1], 2, "row 1 starts on line 2, got %zu", t.line[1]);
    /* The rows after a multi-line cell: embedded newlines are counted. */
    cr_expect_eq(t.line[2], 5, "row after a 3-line cell starts on line 5, got %zu", t.line[2]);
    cr_expect_eq(t.line[4], 8, "row after a 2-line row starts on line 8, got %zu", t.line[4]);
    for (size_t r = 1; r < t.nrows; r++)
        cr_expect_gt(t.line[r], t.line[r - 1], "line numbers must increase (row %zu)", r);
    ab_csv_table_free(&t);
    ab_remove_tmpdir(dir);
}

/* A row whose FIRST cell spans lines starts on the line of its opening
 * quote (row 3 above: line 6), as csv_io.h documents. */
Test(csv, line_number_of_row_starting_with_multiline_cell) {
    ab_csv_table t;
    char *dir;
    read_text(multiline_csv, &t, &dir);
    cr_assert_eq(t.nrows, 5);
    cr_expect_eq(t.line[3], 6, "row 3 (\"x\\ny\",z) starts on line 6, got %zu", t.line[3]);
    ab_csv_table_free(&t);
    ab_remove_tmpdir(dir);
}

Test(csv, malformed_csv_names_the_file) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "bad-quote.csv");
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs("a,b\n1,\"unterminated\n2,3\n", f);
    fclose(f);
    ab_csv_table t;
    char err[512] = "";
    cr_expect_eq(ab_csv_read(path, &t, err, sizeof err), -1, "an unterminated quote was accepted");
    cr_expect(strstr(err, path) != NULL, "message lacks the file name: %s", err);
    cr_expect_eq(t.nrows, 0, "a failed read must leave an empty table");

    /* A quote in the middle of an unquoted field is malformed in strict mode. */
    f = fopen(path, "wb");
    fputs("a,b\n1,x\"y\n", f);
    fclose(f);
    cr_expect_eq(ab_csv_read(path, &t, err, sizeof err), -1, "a stray quote was accepted");
    cr_expect(strstr(err, path) != NULL, "message lacks the file name: %s", err);

    char *missing = ab_path_join(dir, "missing.csv");
    cr_expect_eq(ab_csv_read(missing, &t, err, sizeof err), -1);
    cr_expect(strstr(err, missing) != NULL, "message lacks the file name: %s", err);
    free(missing);
    free(path);
    ab_remove_tmpdir(dir);
}

/* ab_csv_abort and a failed open never touch an existing file. */
Test(csv, abort_keeps_existing_file) {
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "keep.csv");
    FILE *f = fopen(path, "wb");
    fputs("old,content\n", f);
    fclose(f);
    ab_csv_writer w;
    cr_assert_eq(ab_csv_open(&w, path), 0);
    ab_csv_field(&w, "new");
    ab_csv_end_row(&w);
    ab_csv_abort(&w);
    char buf[64] = "";
    f = fopen(path, "rb");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    cr_expect_str_eq(buf, "old,content\n");
    cr_expect_eq(count_entries(dir), 1, "ab_csv_abort left a temporary file in %s", dir);
    char *bad = ab_path_join(dir, "no-such-dir/x.csv");
    cr_expect_eq(ab_csv_open(&w, bad), -1);
    free(bad);
    free(path);
    ab_remove_tmpdir(dir);
}

/* `list --long -o FILE` parses, and its formula column is the registry's
 * formula strings exactly (they hold commas, quotes, parentheses). */
Test(csv, list_long_formulas_match_registry) {
    const char *bin = getenv("ACTBENCH_BIN");
    cr_assert(bin && *bin, "ACTBENCH_BIN is not set (run the tests with `make test`)");
    char *dir = ab_make_tmpdir();
    char *path = ab_path_join(dir, "list.csv");
    char *const argv[] = {(char *)bin, "list", "--long", "-o", path, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, bin, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    cr_assert_eq(rc, 0, "posix_spawn: %s", strerror(rc));
    int st;
    while (waitpid(pid, &st, 0) < 0) cr_assert_eq(errno, EINTR);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "list --long -o: status %d", st);

    ab_csv_table t;
    char err[512];
    cr_assert_eq(ab_csv_read(path, &t, err, sizeof err), 0, "%s", err);
    int ca = ab_csv_column(&t, "activation"), cv = ab_csv_column(&t, "variant");
    int cp = ab_csv_column(&t, "precision"), cf = ab_csv_column(&t, "formula");
    int cu = ab_csv_column(&t, "declared_max_ulp");
    cr_assert(ca >= 0 && cv >= 0 && cp >= 0 && cf >= 0 && cu >= 0, "list --long lacks columns");

    size_t expected = 0, tricky = 0;
    for (size_t i = 0; i < ab_op_count(); i++) expected += ab_op_at(i)->n_variants;
    cr_expect_eq(t.nrows, expected + 1, "list --long: %zu rows, registry has %zu variants",
                 t.nrows - 1, expected);
    size_t r = 1;
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *a = ab_op_at(i);
        for (size_t k = 0; k < a->n_variants; k++, r++) {
            const ab_variant *v = &a->variants[k];
            if (r >= t.nrows) continue;
            cr_assert_eq(t.ncols[r], t.ncols[0], "row %zu has %zu cells", r, t.ncols[r]);
            cr_expect_str_eq(t.cells[r][ca], a->name, "row %zu", r);
            cr_expect_str_eq(t.cells[r][cv], v->name, "row %zu", r);
            cr_expect_str_eq(t.cells[r][cp], ab_precision_name(v->precision), "row %zu", r);
            cr_expect_str_eq(t.cells[r][cf], v->formula, "row %zu (%s/%s) formula", r, a->name,
                             v->name);
            /* %.6g of the bound reads back to it when it has <= 6 digits
             * (2.5, 2, inf, ...); otherwise to within 6 digits. */
            double u = strtod(t.cells[r][cu], NULL);
            cr_expect(u == v->max_ulp || (isfinite(u) && fabs(u - v->max_ulp) <= 5e-6 * v->max_ulp),
                      "row %zu declared_max_ulp %s, registry %g", r, t.cells[r][cu], v->max_ulp);
            tricky += strpbrk(v->formula, ",\"()") != NULL;
        }
    }
    /* The check is only meaningful if some formula needed quoting. */
    cr_expect_gt(tricky, 0, "no registered formula holds a comma, quote or parenthesis");
    ab_csv_table_free(&t);
    free(path);
    ab_remove_tmpdir(dir);
}
