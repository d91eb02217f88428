/* test_shards.c: `sweep --shard K/N` + `merge` write the bytes of a
 * single-process sweep (issue 13), and merge refuses what it cannot merge.
 *
 * Each identity test runs build/actbench once without --shard (the
 * expected file: a single process, nothing merged) and N times with
 * --shard K/N, merges the parts in a shuffled order and compares the two
 * CSVs byte for byte.  Nothing is compared with a file from an earlier
 * run.  The selections are small (a few seconds in all under load):
 *   - sampled: tanh (elementwise: special set, named ranges, f32 and f64;
 *     --samples 4096 = 2 segments of AB_CHUNK = 2048 per range) and softmax
 *     (a row operation: rows of its generators, one segment per row);
 *   - N = 1, 2, 3, and N = 7 with 1024 samples, more shards than any job
 *     has segments (tanh 1 segment, softmax 4 rows), so that most parts
 *     hold a job's rows for no segment at all, or no rows;
 *   - a search selection (f64, --budget 128: shards own whole jobs);
 *   - exhaustive f32 on two small custom intervals (pieces of 65536).
 * The refusals: exit 2, one line on stderr, and the -o target neither
 * created nor, when it exists, changed.
 * ab_row_merge: folded parts give the same row in any grouping
 * ((a b) c = a (b c)), in process. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../harness/custom.h"
#include "../harness/partial.h"
#include "../harness/sweep.h"
#include "subprocess.h"

TestSuite(shards, .timeout = 180);

#define MAXA 48

static void expect_ok(ab_proc *p, const char *what) {
    cr_assert_eq(p->status, 0, "%s: exit %d:\n%s", what, p->status, p->err);
}

/* dir/name_K for shard K. */
static char *part_path(const char *dir, const char *name, unsigned k) {
    char b[64];
    snprintf(b, sizeof b, "%s_%u.part", name, k);
    return ab_path_join(dir, b);
}

/* The sweep `sel` once, then as n shards merged in the order `order`
 * (a permutation of 0..n-1); the two CSVs must be the same bytes.
 * Plugins: `pre` goes before the command (e.g. --plugin X), for the
 * shards and the merge alike. */
static void same_bytes(const char *const *pre, const char *const *sel, unsigned n,
                       const unsigned *order) {
    char *dir = ab_make_tmpdir();
    char *single = ab_path_join(dir, "single.csv"), *merged = ab_path_join(dir, "merged.csv");
    const char *o1[] = {"-o", single, NULL};
    ab_proc p;
    const char *argv[MAXA];
    size_t k = 0;
    for (size_t i = 0; pre && pre[i]; i++) argv[k++] = pre[i];
    argv[k++] = "sweep";
    argv[k++] = "--quiet";
    for (size_t i = 0; sel[i]; i++) argv[k++] = sel[i];
    size_t base = k;
    argv[k++] = o1[0];
    argv[k++] = o1[1];
    argv[k] = NULL;
    p = ab_run_actbench(argv);
    expect_ok(&p, "the single-process sweep");
    ab_proc_free(&p);

    char *parts[64];
    char kn[32];
    for (unsigned s = 0; s < n; s++) {
        parts[s] = part_path(dir, "p", s);
        snprintf(kn, sizeof kn, "%u/%u", s, n);
        k = base;
        argv[k++] = "--shard";
        argv[k++] = kn;
        argv[k++] = "-o";
        argv[k++] = parts[s];
        argv[k] = NULL;
        p = ab_run_actbench(argv);
        expect_ok(&p, "a shard");
        ab_proc_free(&p);
        char *t = ab_slurp(parts[s]);
        cr_assert_not_null(t, "shard %s wrote no part", kn);
        cr_assert(!strncmp(t, AB_PARTIAL_MAGIC "\n", strlen(AB_PARTIAL_MAGIC) + 1),
                  "part %s does not start with the magic line", kn);
        free(t);
    }
    k = 0;
    for (size_t i = 0; pre && pre[i]; i++) argv[k++] = pre[i];
    argv[k++] = "merge";
    for (unsigned s = 0; s < n; s++) argv[k++] = parts[order[s]];
    argv[k++] = "-o";
    argv[k++] = merged;
    argv[k] = NULL;
    p = ab_run_actbench(argv);
    expect_ok(&p, "merge");
    cr_expect_str_empty(p.err, "merge printed: %s", p.err);
    ab_proc_free(&p);

    char *a = ab_slurp(single), *b = ab_slurp(merged);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_gt(ab_count_lines(a), 1, "the sweep wrote no rows");
    if (strcmp(a, b)) {
        /* Name the first line that differs. */
        size_t line = 1, i = 0;
        for (; a[i] && a[i] == b[i]; i++) line += a[i] == '\n';
        cr_assert_fail("%u shards merged: line %zu differs from the single-process CSV "
                       "(%zu vs %zu bytes)", n, line, strlen(a), strlen(b));
    }
    free(a);
    free(b);
    for (unsigned s = 0; s < n; s++) free(parts[s]);
    free(single);
    free(merged);
    ab_remove_tmpdir(dir);
}

/* bf16: a 16-bit job (every input) split into shards too */
#define SAMPLED "--activation", "tanh,softmax", "--samples", "4096", "--precision", "f32,f64,bf16"

Test(shards, sampled_one_shard) {
    const char *sel[] = {SAMPLED, NULL};
    same_bytes(NULL, sel, 1, (unsigned[]){0});
}

Test(shards, sampled_two_shards_reversed) {
    const char *sel[] = {SAMPLED, NULL};
    same_bytes(NULL, sel, 2, (unsigned[]){1, 0});
}

Test(shards, sampled_three_shards_shuffled) {
    const char *sel[] = {SAMPLED, NULL};
    same_bytes(NULL, sel, 3, (unsigned[]){2, 0, 1});
}

/* 1024 samples: tanh's ranges are 1 segment, softmax's generators 4 rows
 * of 256: 7 shards leave most parts without a block of any given job. */
Test(shards, more_shards_than_segments) {
    const char *sel[] = {"--activation", "tanh,softmax", "--samples", "1024", NULL};
    same_bytes(NULL, sel, 7, (unsigned[]){5, 3, 6, 0, 2, 4, 1});
}

/* A selection with named ranges, a seed, both precisions and a custom
 * interval beside a named range. */
Test(shards, custom_interval_and_seed) {
    const char *sel[] = {"--activation", "sigmoid,gelu", "--range", "core,-0x1p-3:0x1.8p1",
                         "--samples", "3000", "--seed", "77", NULL};
    same_bytes(NULL, sel, 3, (unsigned[]){1, 2, 0});
}

/* --search: shards own whole jobs (job index mod N); the search rows
 * (<range>+search) come through the merge unchanged. */
Test(shards, search_f64) {
    const char *sel[] = {"--activation", "tanh,relu", "--precision", "f64", "--samples", "4096",
                         "--search", "--budget", "128", NULL};
    same_bytes(NULL, sel, 3, (unsigned[]){2, 1, 0});
}

/* The planted band's plugin variant (run isolated in a child), searched in
 * f32 and f64, with the plugin loaded by the shards and by the merge. */
Test(shards, search_plugin_variant) {
    char *so = ab_plugin_path("planted_band.so");
    const char *pre[] = {"--plugin", so, NULL};
    const char *sel[] = {"--activation", "relu", "--variant", "planted-band,stable", "--range",
                         "core,unit", "--samples", "2048", "--search", "--budget", "64", NULL};
    same_bytes(pre, sel, 2, (unsigned[]){1, 0});
    free(so);
}

/* Exhaustive f32: [1, 1 + 2^-5] holds 2^18 + 1 floats, 5 pieces (4 of
 * 65536, then 1); the interval around 0 (-2^-140..2^-140: 2 x 2^9 + 1
 * subnormals and zeros, -0 included) is one more piece.  2, 3 and 7
 * shards (7 > 6 pieces). */
#define EXH "--activation", "tanh,relu", "--exhaustive", "--range", \
            "0x1p0:0x1.08p0,-0x1p-140:0x1p-140"
Test(shards, exhaustive_two_shards) {
    const char *sel[] = {EXH, NULL};
    same_bytes(NULL, sel, 2, (unsigned[]){1, 0});
}

Test(shards, exhaustive_three_shards) {
    const char *sel[] = {EXH, NULL};
    same_bytes(NULL, sel, 3, (unsigned[]){1, 2, 0});
}

Test(shards, exhaustive_more_shards_than_pieces) {
    const char *sel[] = {EXH, NULL};
    /* Shard 0's block is empty ([0, 0), 6 pieces over 7 shards) and
     * shard 1's starts at the same piece ([0, 1)): given first, it once
     * made merge refuse the parts (cmp_rows ordered blocks by start only,
     * and glibc's qsort kept the command line's order). */
    same_bytes(NULL, sel, 7, (unsigned[]){1, 6, 4, 2, 0, 3, 5});
}

/* ---- refusals -------------------------------------------------------------- */
static const char precious[] = "an earlier merge\n";

/* merge with args (parts...), to a new path and to an existing file: exit
 * 2, one line naming `needle`, no output. */
static void expect_refused(const char *dir, const char *const *pre, const char *const *parts,
                           const char *needle) {
    for (int existing = 0; existing < 2; existing++) {
        char *out = ab_path_join(dir, existing ? "old.csv" : "new.csv");
        unlink(out);
        if (existing) ab_write_text(out, precious);
        const char *m[] = {"merge", NULL};
        const char *o[] = {"-o", out, NULL};
        const char *argv[MAXA];
        size_t k = 0;
        for (size_t i = 0; pre && pre[i]; i++) argv[k++] = pre[i];
        for (size_t i = 0; m[i]; i++) argv[k++] = m[i];
        for (size_t i = 0; parts[i]; i++) argv[k++] = parts[i];
        argv[k++] = o[0];
        argv[k++] = o[1];
        argv[k] = NULL;
        ab_proc p = ab_run_actbench(argv);
        cr_expect_eq(p.status, 2, "[%s] exit %d (want 2):\n%s", needle, p.status, p.err);
        cr_expect_eq(ab_count_lines(p.err), 1, "[%s] %zu stderr lines:\n%s", needle,
                     ab_count_lines(p.err), p.err);
        cr_expect(strstr(p.err, needle) != NULL, "[%s] not in: %s", needle, p.err);
        cr_expect_str_empty(p.out);
        char *now = ab_slurp(out);
        if (existing) {
            cr_expect(now && !strcmp(now, precious), "[%s] the existing output was changed",
                      needle);
        } else {
            cr_expect_null(now, "[%s] merge created its output", needle);
        }
        free(now);
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d)))
            cr_expect(!strstr(e->d_name, ".tmp."), "[%s] temporary left: %s", needle, e->d_name);
        if (d) closedir(d);
        unlink(out);
        free(out);
        ab_proc_free(&p);
    }
}

/* Writes the parts of `sel` as n shards into dir/name_K.part (only < n:
 * that shard alone). */
static void make_parts_only(const char *dir, const char *const *pre, const char *const *sel,
                            const char *name, unsigned n, unsigned only) {
    char kn[32];
    for (unsigned s = 0; s < n; s++) {
        if (only < n && s != only) continue;
        char *path = part_path(dir, name, s);
        snprintf(kn, sizeof kn, "%u/%u", s, n);
        const char *sh[] = {"--shard", kn, "-o", path, NULL};
        const char *sw[] = {"sweep", "--quiet", NULL};
        const char *argv[MAXA];
        size_t k = 0;
        for (size_t i = 0; pre && pre[i]; i++) argv[k++] = pre[i];
        for (size_t i = 0; sw[i]; i++) argv[k++] = sw[i];
        for (size_t i = 0; sel[i]; i++) argv[k++] = sel[i];
        for (size_t i = 0; sh[i]; i++) argv[k++] = sh[i];
        argv[k] = NULL;
        ab_proc p = ab_run_actbench(argv);
        expect_ok(&p, "a shard");
        ab_proc_free(&p);
        free(path);
    }
}

static void make_parts(const char *dir, const char *const *pre, const char *const *sel,
                       const char *name, unsigned n) {
    make_parts_only(dir, pre, sel, name, n, n);
}

/* dir/name_K.part, as a string kept in a static pool for the arg lists. */
static const char *P(const char *dir, const char *name, unsigned k) {
    static char *pool[64];
    static size_t n;
    cr_assert_lt(n, 64);
    return pool[n++] = part_path(dir, name, k);
}

/* A copy of part src as dst, with the first occurrence of `from` replaced
 * by `to` (from == NULL: cut the text at byte `cut`). */
static const char *edited(const char *dir, const char *src, const char *dst, const char *from,
                          const char *to, size_t cut) {
    char *t = ab_slurp(src);
    cr_assert_not_null(t);
    char *path = ab_path_join(dir, dst);
    if (from) {
        char *at = strstr(t, from);
        cr_assert_not_null(at, "'%s' not in %s", from, src);
        size_t n = strlen(t) + strlen(to) + 1;
        char *u = malloc(n);
        snprintf(u, n, "%.*s%s%s", (int)(at - t), t, to, at + strlen(from));
        ab_write_text(path, u);
        free(u);
    } else {
        cr_assert_lt(cut, strlen(t));
        t[cut] = 0;
        ab_write_text(path, t);
    }
    free(t);
    static char *pool[32];
    static size_t n;
    cr_assert_lt(n, 32);
    return pool[n++] = path;
}

#define SMALL "--activation", "relu,softmax", "--variant", "naive,stable", "--samples", "1024"

Test(shards, merge_refusals) {
    char *dir = ab_make_tmpdir();
    const char *sel[] = {SMALL, NULL};
    const char *sel_seed[] = {SMALL, "--seed", "9", NULL};
    const char *sel_samples[] = {"--activation", "relu,softmax", "--variant", "naive,stable",
                                 "--samples", "2048", NULL};
    make_parts(dir, NULL, sel, "a", 3);          /* a_0..a_2: the selection, 3 shards */
    make_parts(dir, NULL, sel, "b", 2);          /* b_0, b_1: 2 shards */
    make_parts_only(dir, NULL, sel_seed, "s", 3, 2);    /* another seed: s_2 */
    make_parts_only(dir, NULL, sel_samples, "n", 3, 0); /* other samples: n_0 */
    const char *a0 = P(dir, "a", 0), *a1 = P(dir, "a", 1), *a2 = P(dir, "a", 2);

    /* A shard missing, or given twice (alone, or as one of N names). */
    expect_refused(dir, NULL, (const char *[]){a0, a2, NULL}, "shard 1/3 is missing");
    expect_refused(dir, NULL, (const char *[]){a2, a1, NULL}, "shard 0/3 is missing");
    expect_refused(dir, NULL, (const char *[]){a0, a1, a1, NULL}, "given twice");
    expect_refused(dir, NULL, (const char *[]){a0, a1, a1, a2, NULL}, "given twice");
    /* Parts of other selections, seeds, shard counts. */
    expect_refused(dir, NULL, (const char *[]){a0, a1, P(dir, "s", 2), NULL}, "another sweep");
    expect_refused(dir, NULL, (const char *[]){P(dir, "n", 0), a1, a2, NULL}, "another sweep");
    expect_refused(dir, NULL, (const char *[]){a0, P(dir, "b", 1), NULL}, "another sweep");
    expect_refused(dir, NULL, (const char *[]){P(dir, "b", 0), a1, a2, NULL}, "another sweep");
    /* Another version: the commit in the selection line differs. */
    expect_refused(dir, NULL,
                   (const char *[]){a0, edited(dir, a1, "v.part", "commit=", "commit=0ther", 0),
                                    a2, NULL},
                   "another sweep");
    /* Truncated: the end line gone, a row cut in the middle, nothing after
     * the header. */
    char *t = ab_slurp(a1);
    size_t len = strlen(t);
    const char *last_row = strstr(t, "\nrow ");
    cr_assert_not_null(last_row, "part 1 has no row");
    size_t mid_row = (size_t)(last_row - t) + 40;
    free(t);
    expect_refused(dir, NULL,
                   (const char *[]){a0, edited(dir, a1, "t1.part", NULL, NULL, len - 4), a2, NULL},
                   "truncated");
    expect_refused(dir, NULL,
                   (const char *[]){a0, edited(dir, a1, "t2.part", NULL, NULL, mid_row), a2, NULL},
                   "t2.part");
    expect_refused(dir, NULL,
                   (const char *[]){a0, a1, edited(dir, a2, "t3.part", NULL, NULL, 19), NULL},
                   "t3.part");
    /* Malformed: a row's field not a number; rows fewer than declared; not
     * a partial at all; an empty file; a missing file. */
    expect_refused(dir, NULL,
                   (const char *[]){a0, edited(dir, a1, "m1.part", " naive ", " naive zz ", 0), a2,
                                    NULL},
                   "m1.part");
    expect_refused(dir, NULL,
                   (const char *[]){edited(dir, a0, "m2.part", "\nrows ", "\nrows 9", 0), a1, a2,
                                    NULL},
                   "m2.part");
    expect_refused(dir, NULL,
                   (const char *[]){edited(dir, a0, "m3.part", "actbench-partial 2",
                                           "actbench-partial 3", 0), a1, a2, NULL},
                   "not an actbench partial");
    char *empty = ab_path_join(dir, "empty.part");
    ab_write_text(empty, "");
    expect_refused(dir, NULL, (const char *[]){a0, a1, empty, NULL}, "empty.part");
    char *gone = ab_path_join(dir, "gone.part");
    expect_refused(dir, NULL, (const char *[]){a0, a1, gone, NULL}, "gone.part");
    /* A part that is a CSV (the single-process output). */
    char *csv = ab_path_join(dir, "x.csv");
    const char *sw[] = {"sweep", "--quiet", SMALL, "-o", csv, NULL};
    ab_proc p = ab_run_actbench(sw);
    expect_ok(&p, "sweep");
    ab_proc_free(&p);
    expect_refused(dir, NULL, (const char *[]){csv, NULL}, "not an actbench partial");
    free(empty);
    free(gone);
    free(csv);
    ab_remove_tmpdir(dir);
}

/* Parts written with a plugin, merged without it: its variant is unknown
 * (and with it: accepted). */
Test(shards, merge_refuses_unknown_variants) {
    char *dir = ab_make_tmpdir();
    char *so = ab_plugin_path("planted_band.so");
    const char *pre[] = {"--plugin", so, NULL};
    const char *sel[] = {"--activation", "relu", "--variant", "planted-band", "--range", "unit",
                         "--samples", "256", NULL};
    make_parts(dir, pre, sel, "pb", 2);
    const char *parts[] = {P(dir, "pb", 1), P(dir, "pb", 0), NULL};
    expect_refused(dir, NULL, parts, "unknown variant");
    char *out = ab_path_join(dir, "ok.csv");
    const char *m[] = {"--plugin", so, "merge", parts[0], parts[1], "-o", out, NULL};
    ab_proc p = ab_run_actbench(m);
    expect_ok(&p, "merge with the plugin");
    ab_proc_free(&p);
    char *csv = ab_slurp(out);
    cr_assert_not_null(csv);
    cr_expect(strstr(csv, "\nrelu,planted-band,") != NULL, "no planted-band row:\n%s", csv);
    free(csv);
    free(out);
    free(so);
    ab_remove_tmpdir(dir);
}

/* Usage errors of merge itself. */
Test(shards, merge_usage_errors) {
    char *dir = ab_make_tmpdir();
    const char *none[] = {NULL};
    expect_refused(dir, NULL, none, "no parts");
    const char *sel[] = {SMALL, NULL};
    make_parts(dir, NULL, sel, "a", 1);
    const char *a0 = P(dir, "a", 0);
    const char *noout[] = {"merge", a0, NULL};
    ab_proc p = ab_run_actbench(noout);
    cr_expect_eq(p.status, 2);
    cr_expect_eq(ab_count_lines(p.err), 1, "%s", p.err);
    cr_expect(strstr(p.err, "-o") != NULL, "%s", p.err);
    ab_proc_free(&p);
    ab_remove_tmpdir(dir);
}

/* A copy of part src as dst with field `k` (0: "row") of its first row
 * line set to value. */
static const char *edited_field(const char *dir, const char *src, const char *dst, size_t k,
                                const char *value) {
    char *t = ab_slurp(src);
    cr_assert_not_null(t);
    char *row = strstr(t, "\nrow ");
    cr_assert_not_null(row, "%s has no row", src);
    char *a = row + 1;
    for (size_t i = 0; i < k; i++) {
        a = strchr(a, ' ');
        cr_assert_not_null(a);
        a++;
    }
    char *b = a + strcspn(a, " \n");
    size_t n = strlen(t) + strlen(value) + 1;
    char *u = malloc(n);
    snprintf(u, n, "%.*s%s%s", (int)(a - t), t, value, b);
    char *path = ab_path_join(dir, dst);
    ab_write_text(path, u);
    free(u);
    free(t);
    static char *pool[16];
    static size_t np;
    cr_assert_lt(np, 16);
    return pool[np++] = path;
}

/* Numbers a part cannot hold (each once undefined behaviour in the merge,
 * found while writing fuzz/fuzz_partial.c): an exhaustive row's last ordinal
 * at INT64_MAX (the monotone pair compares last + 1 with the next part's
 * first), and an exact-sum digit near 2^62 (three such parts overflowed
 * the int64 digit).  Field numbers as partial.c writes a row: 24 the last
 * ordinal; 39 the exact sum (after "row", 5 positions, 4 names, lo, hi,
 * exhaustive, 3 counters, run status/signal/completed, last input, worst
 * row/element, has_ends, first/last ordinal, 2 outputs, row-sum error,
 * 9 counts, max, sum). */
Test(shards, merge_refuses_numbers_out_of_domain) {
    char *dir = ab_make_tmpdir();
    const char *sel[] = {"--activation", "relu", "--variant", "stable", "--exhaustive", "--range",
                         "0x1p0:0x1.04p0", NULL};
    make_parts(dir, NULL, sel, "x", 3);
    const char *x0 = P(dir, "x", 0), *x1 = P(dir, "x", 1), *x2 = P(dir, "x", 2);
    /* the fields are where the comment says: the unedited values */
    char *t = ab_slurp(x1);
    cr_assert_not_null(strstr(t, " 1 1065418752 1065484287 3f810000 3f81ffff "),
                       "piece 1 (from 1 + 2^-7) not where expected:\n%s", t);
    free(t);
    expect_refused(dir, NULL,
                   (const char *[]){edited_field(dir, x0, "o.part", 24, "9223372036854775807"), x1,
                                    x2, NULL},
                   "o.part:5: a malformed row");
    expect_refused(dir, NULL,
                   (const char *[]){edited_field(dir, x0, "f.part", 23, "-9223372036854775807"), x1,
                                    x2, NULL},
                   "f.part:5: a malformed row");
    const char *big = "111:3fffffffffffffff";
    expect_refused(dir, NULL,
                   (const char *[]){edited_field(dir, x0, "s0.part", 39, big),
                                    edited_field(dir, x1, "s1.part", 39, big),
                                    edited_field(dir, x2, "s2.part", 39, big), NULL},
                   "a malformed exact sum");
    /* Ends (has_ends, field 22) on a row operation's row: merging two such
     * parts dereferenced the missing activation (a crash). */
    const char *rsel[] = {"--activation", "softmax", "--variant", "stable", "--precision", "f32",
                          "--range", "uniform", "--samples", "512", NULL};
    make_parts(dir, NULL, rsel, "r", 2);
    expect_refused(dir, NULL,
                   (const char *[]){edited_field(dir, P(dir, "r", 0), "e0.part", 22, "1"),
                                    edited_field(dir, P(dir, "r", 1), "e1.part", 22, "1"), NULL},
                   "e0.part:5: a malformed row");
    ab_remove_tmpdir(dir);
}

/* ---- ab_row_merge, in process ------------------------------------------- */
/* The rows of a selection as shard k of n, in process. */
static void shard_rows(ab_sweep_opts *o, unsigned k, unsigned n, ab_sweep_result *res) {
    o->shard_k = k;
    o->shard_n = n;
    o->threads = 1;
    ab_sweep_run(o, res);
}

/* The "row ..." lines of res (as a part would hold them), malloc'd. */
static char *row_text(const ab_sweep_opts *o, const ab_sweep_result *res) {
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    ab_partial_write(f, o, res);
    fclose(f);
    char *r = strstr(t, "\nrow ");
    char *out = strdup(r ? r + 1 : "");
    free(t);
    return out;
}

static ab_row *find_row(ab_sweep_result *res, uint64_t key, uint64_t sub) {
    for (size_t i = 0; i < res->n; i++)
        if (res->rows[i].key == key && res->rows[i].sub == sub) return &res->rows[i];
    return NULL;
}

/* Three shards a, b, c of every job: ((a b) c) and (a (b c)) must write
 * the same row as the whole job computed at once (shard 0/1). */
static void associativity(ab_sweep_opts *o) {
    ab_sweep_result whole, part[3], left = {0}, right = {0};
    shard_rows(o, 0, 1, &whole);
    for (unsigned k = 0; k < 3; k++) shard_rows(o, k, 3, &part[k]);
    size_t nonempty = 0;
    for (size_t i = 0; i < whole.n; i++) {
        const ab_row *w = &whole.rows[i];
        ab_row *p[3];
        int have = 0;
        for (int k = 0; k < 3; k++) {
            p[k] = find_row(&part[k], w->key, w->sub);
            have += p[k] != NULL && (p[k]->s1 > p[k]->s0 || p[k]->exhaustive);
        }
        if (have < 3) continue; /* a job with fewer than 3 blocks */
        nonempty++;
        ab_row l = *p[0], bc = *p[1], r = *p[0];
        ab_row_merge(&l, p[1]);
        ab_row_merge(&l, p[2]);
        ab_row_merge(&bc, p[2]);
        ab_row_merge(&r, &bc);
        *ab_sweep_push_row(&left) = l;
        *ab_sweep_push_row(&right) = r;
    }
    cr_assert_gt(nonempty, 0, "no job has a block in each of 3 shards");
    /* The whole rows that had 3 blocks, for comparison. */
    ab_sweep_result wsel = {0};
    for (size_t i = 0; i < left.n; i++)
        *ab_sweep_push_row(&wsel) = *find_row(&whole, left.rows[i].key, left.rows[i].sub);
    o->shard_k = 0;
    o->shard_n = 1;
    char *tl = row_text(o, &left), *tr = row_text(o, &right), *tw = row_text(o, &wsel);
    cr_expect_str_eq(tl, tr, "(a b) c and a (b c) differ");
    cr_expect_str_eq(tl, tw, "the folded parts differ from the whole job");
    free(tl);
    free(tr);
    free(tw);
    ab_sweep_result_free(&whole);
    ab_sweep_result_free(&left);
    ab_sweep_result_free(&right);
    ab_sweep_result_free(&wsel);
    for (int k = 0; k < 3; k++) ab_sweep_result_free(&part[k]);
}

static char *names_tanh[] = {"tanh", "softmax"};
static char *vars_few[] = {"naive", "stable"};

Test(shards, row_merge_associative_sampled) {
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){names_tanh, 2};
    o.variants = (ab_filter){vars_few, 2};
    o.samples = 8192; /* 4 segments per range, 32 rows per generator */
    associativity(&o);
}

Test(shards, row_merge_associative_exhaustive) {
    char err[256];
    const char *name = ab_custom_range_add("0x1p0:0x1.08p0", 1u << AB_F32, err, sizeof err);
    cr_assert_not_null(name, "%s", err);
    static char *rn[1];
    rn[0] = (char *)name;
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){names_tanh, 1};
    o.variants = (ab_filter){vars_few, 2};
    o.ranges = (ab_filter){rn, 1};
    o.exhaustive = 1;
    o.precision = AB_F32;
    associativity(&o); /* 5 pieces: blocks of 1, 2 and 2 */
}
