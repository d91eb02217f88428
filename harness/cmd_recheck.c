/* cmd_recheck.c: actbench recheck [-e FILE] [--activation A,..] [--variant V,..].
 *
 * An exhaustive row is a fact about the code that produced it.  Every
 * metric of the row (max ULP, counts, properties) is a function of the
 * outputs alone, so if the current code gives the same output on every
 * input, the row still holds for it.  recheck recomputes, per committed
 * (activation, variant), the output hash of every exhaustive range
 * (ab_exhaustive_hashes: 2^32 calls, no reference) and of the special set
 * (the sampled engine, a few dozen MPFR calls), and compares them with
 * the file's output_hash column.  Equal hashes: the row still describes
 * the code; a changed hash: the row is stale and must be swept again. */
#include "cli.h"
#include "commands.h"
#include "csv_io.h"
#include "exhaustive.h"
#include "registry.h"
#include "sweep.h"
#include <inttypes.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: actbench recheck [-e FILE] [--activation A,..] [--variant V,..] [--threads T]\n"
    "Checks that the rows of an exhaustive CSV still describe the code: for each of\n"
    "its (activation, variant) pairs, the variant is run on every f32 input again\n"
    "(no reference: seconds per variant) and each range's output hash is compared\n"
    "with the file's.  Equal on every range: the row's figures hold for the current\n"
    "code, bit for bit.  Exit 0 when every pair is unchanged, 1 when one changed or\n"
    "its variant is gone (sweep it again: sweep --exhaustive --variant V), 2 on bad\n"
    "input.  A variant this CPU cannot run is reported and skipped.\n"
    "  -e FILE        exhaustive CSV (default results/exhaustive.csv)\n"
    "  --activation A only these activations; --variant V only these variants\n"
    "  --threads T    OpenMP threads (results are identical for any T)\n";

typedef struct {
    const char *file;
    ab_filter acts, vars;
} opts;

/* Columns of the file that recheck reads. */
enum { C_ACT, C_VAR, C_PREC, C_RANGE, C_HASH, NCOL };
static const char *const colname[NCOL] = {"activation", "variant", "precision", "range", "output_hash"};

/* The special set through the sampled engine, as sweep --exhaustive runs it. */
static uint64_t special_hash(const ab_op *op, const ab_variant *v, int *ok) {
    char *an[1] = {(char *)op->name}, *vn[1] = {(char *)v->name}, *rn[1] = {"special"};
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    o.activations = (ab_filter){an, 1};
    o.variants = (ab_filter){vn, 1};
    o.ranges = (ab_filter){rn, 1};
    o.precision = AB_F32;
    ab_sweep_result r;
    ab_sweep_run(&o, &r);
    uint64_t h = 0;
    *ok = 0;
    for (size_t i = 0; i < r.n; i++)
        if (r.rows[i].var == v && !strcmp(r.rows[i].range, "special")) { h = r.rows[i].output_hash; *ok = 1; }
    ab_sweep_result_free(&r);
    return h;
}

/* One (activation, variant): the file's rows rows[0..n) (their line
 * numbers in t).  Returns 0 unchanged or skipped, 1 changed or gone. */
static int recheck_pair(const ab_csv_table *t, const int *col, const size_t *rows, size_t n) {
    char **c0 = t->cells[rows[0]];
    const char *an = c0[col[C_ACT]], *vn = c0[col[C_VAR]];
    const ab_op *op = ab_find_op(an);
    const ab_variant *v = op && op->act ? ab_op_find_variant(op, vn, AB_F32) : NULL;
    if (!v) {
        printf("recheck: %s %s: not registered in this build: CHANGED (its %zu rows describe code that is gone)\n",
               an, vn, n);
        return 1;
    }
    char why[256];
    if (ab_variant_unavailable_reason(v, why, sizeof why)) {
        printf("recheck: %s %s: skipped (%s)\n", an, vn, why);
        return 0;
    }
    const char *names[64];
    uint64_t hashes[64];
    double t0 = ab_now();
    ab_isolated_run fail = {0};
    int nr = ab_exhaustive_hashes(op, v, names, hashes, 64, &fail);
    if (nr < 0) {
        char st[64];
        printf("recheck: %s %s: its child process %s on a block of 2^22 inputs (--plugin-timeout "
               "sets the limit): not checked\n", an, vn, ab_run_status_text(&fail, st, sizeof st));
        return 1;
    }
    int changed = 0, sp_ok = 0;
    size_t same = 0;
    uint64_t sp = 0;
    for (size_t i = 0; i < n; i++) {
        char **c = t->cells[rows[i]];
        const char *range = c[col[C_RANGE]];
        uint64_t now = 0;
        int found = 0;
        if (!strcmp(range, "special")) {
            if (!sp_ok) sp = special_hash(op, v, &sp_ok);
            now = sp;
            found = sp_ok;
        } else {
            for (int r = 0; r < nr; r++)
                if (!strcmp(names[r], range)) { now = hashes[r]; found = 1; }
        }
        char buf[17];
        snprintf(buf, sizeof buf, "%016" PRIx64, now);
        if (found && !strcmp(buf, c[col[C_HASH]])) { same++; continue; }
        changed = 1;
        if (found)
            printf("recheck: %s %s %s (line %zu): CHANGED: output hash %s, the file says %s\n", an, vn, range,
                   t->line[rows[i]], buf, c[col[C_HASH]]);
        else
            printf("recheck: %s %s %s (line %zu): CHANGED: no such exhaustive range now\n", an, vn, range,
                   t->line[rows[i]]);
    }
    if (!changed)
        printf("recheck: %s %s: same outputs on every input of its %zu ranges (%.1f s)\n", an, vn, same,
               ab_now() - t0);
    return changed;
}

int ab_cmd_recheck(int argc, char **argv) {
    opts o = {"results/exhaustive.csv", {0}, {0}};
    const char *v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        } else if ((v = ab_opt_value(argc, argv, &i, "--exhaustive", "-e"))) {
            o.file = v;
        } else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) {
            ab_parse_names(v, &o.acts);
        } else if ((v = ab_opt_value(argc, argv, &i, "--variant", NULL))) {
            ab_parse_names(v, &o.vars);
        } else if ((v = ab_opt_value(argc, argv, &i, "--threads", NULL))) {
            omp_set_num_threads((int)ab_parse_u64("--threads", v, 1, 1024, 0));
        } else {
            ab_usage_error("unknown argument '%s' (valid: -e, --activation, --variant, --threads, --help)",
                           argv[i]);
        }
    }
    ab_csv_table t;
    char err[1024];
    if (ab_csv_read(o.file, &t, err, sizeof err) != 0) ab_usage_error("%s", err);
    int col[NCOL];
    size_t maxcol = 0;
    for (int k = 0; k < NCOL; k++) {
        if ((col[k] = ab_csv_column(&t, colname[k])) < 0) {
            ab_csv_table_free(&t);
            ab_usage_error("%s: no column '%s' (not an exhaustive CSV)", o.file, colname[k]);
        }
        if ((size_t)col[k] > maxcol) maxcol = (size_t)col[k];
    }
    for (size_t r = 1; r < t.nrows; r++)
        if (t.ncols[r] <= maxcol) {
            size_t line = t.line[r];
            ab_csv_table_free(&t);
            ab_usage_error("%s line %zu: too few fields", o.file, line);
        }
    size_t *rows = ab_xmalloc((t.nrows + 1) * sizeof *rows), *done = calloc(t.nrows + 1, sizeof *done);
    if (!done) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    int rc = 0;
    size_t pairs = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        char **c = t.cells[r];
        if (done[r]) continue;
        if (strcmp(c[col[C_PREC]], "f32") || !ab_filter_match(&o.acts, c[col[C_ACT]]) ||
            !ab_filter_match(&o.vars, c[col[C_VAR]]))
            continue;
        size_t n = 0;
        for (size_t q = r; q < t.nrows; q++) {
            char **d = t.cells[q];
            if (!done[q] && !strcmp(d[col[C_ACT]], c[col[C_ACT]]) &&
                !strcmp(d[col[C_VAR]], c[col[C_VAR]]) && !strcmp(d[col[C_PREC]], "f32")) {
                rows[n++] = q;
                done[q] = 1;
            }
        }
        rc |= recheck_pair(&t, col, rows, n);
        pairs++;
        fflush(stdout);
    }
    printf("recheck: %zu (activation, variant) pairs of %s: %s\n", pairs, o.file,
           rc ? "some rows are stale (CHANGED above)" : "every row still holds");
    free(rows);
    free(done);
    ab_csv_table_free(&t);
    return ab_finish_stdout(rc);
}
