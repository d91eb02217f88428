/* cmd_gate.c: actbench gate and actbench baseline. */
#include "csv_schema.h"
#include "cli.h"
#include "commands.h"
#include "env.h"
#include "baseline_keep.h"
#include "gate.h"
#include "json_out.h"
#include "registry.h"
#include "rows.h"
#include "tmpfiles.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_BASELINE "results/baseline.csv"
#define BASELINE_SAMPLES 16384u
#define ACCEPT_HINT "make baseline (then review and commit results/baseline.csv)"

static const char gate_help[] =
    "usage: actbench gate --baseline FILE [--results FILE] [--tolerance-ulp T]\n"
    "                     [--junit FILE] [--strict] [--threads T] [--format text|json]\n"
    "Compares every (activation, variant, precision, range) row with the baseline.\n"
    "Without --results it runs the sweep with the baseline's seed and samples.\n"
    "Fails (exit 1) when max_ulp grows beyond baseline + T (default 0), a failure\n"
    "count (overflow, nan, sign_errors, zero_flush) grows, correctly_rounded drops,\n"
    "a declared bound is exceeded, or a baseline row has no result. Improvements\n"
    "are listed and never fail. --strict also fails on a changed output hash.\n"
    "Unusable input (baseline missing or malformed) exits 2.\n"
    "--format json prints one JSON document instead of the text: the summary, the\n"
    "result and exit status, and every regression, improvement, change and skipped\n"
    "row with its fields (README: Machine-readable output); the exit status is the same.\n";

static const char baseline_help[] =
    "usage: actbench baseline [-o FILE] [--activation A,..] [--samples N] [--seed S]\n"
    "                         [--threads T]\n"
    "Sweeps every variant and writes the baseline (default results/baseline.csv,\n"
    "16384 samples per range), then prints how it differs from the previous one.\n"
    "Rows of the previous baseline whose variant this build or CPU cannot run (an\n"
    "ISA, a peer library not built: the gate skips them here) are kept as they\n"
    "were, so a machine without them does not drop them.\n"
    "  --activation A,..  sweep only these; the previous rows of the others are\n"
    "                kept as they were (same seed and samples required)\n"
    "Nothing else ever writes the baseline: review the diff and commit it.\n";

/* A temporary file in /tmp (tmp: its mkstemp template), removed on
 * SIGINT, SIGTERM, SIGHUP and exit(). */
static void make_tmp(char *tmp) {
    int fd = mkstemp(tmp);
    if (fd < 0) ab_usage_error("cannot create a temporary file in /tmp");
    close(fd);
    ab_tmp_register(tmp);
}

/* Sweep (the given activations, or all) with the given sampling into the
 * CSV at path; -1 when it failed (the writer has said what). */
static int sweep_to_csv(uint64_t seed, size_t samples, int threads, const char *path,
                        const ab_filter *activations) {
    ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    if (activations) o.activations = *activations;
    o.seed = seed;
    o.samples = samples;
    o.threads = threads;
    o.progress = 1;
    ab_csv_writer w;
    return ab_csv_open(&w, path) != 0 || ab_sweep_to_csv(&o, &w, 1) != 0 ? -1 : 0;
}

/* The same, loaded into out. */
static int sweep_to_results(uint64_t seed, size_t samples, int threads, const char *path,
                            const ab_filter *activations, ab_results *out, char *err,
                            size_t errlen) {
    if (sweep_to_csv(seed, samples, threads, path, activations) != 0) {
        err[0] = 0; /* the writer has said what failed */
        return -1;
    }
    return ab_results_load(path, out, err, errlen);
}

static void env_warning(const ab_results *base) {
    if (base->n == 0) return;
    ab_env env;
    ab_env_read(&env);
    /* An absent column reads as "": unknown, not different. */
    const char *flags = base->rows[0].env_cpu_flags, *glibc = base->rows[0].env_glibc,
               *cc = base->rows[0].env_compiler;
    int differs = (*flags && strcmp(flags, env.isa_flags)) || (*glibc && strcmp(glibc, env.glibc)) ||
                  (*cc && strcmp(cc, env.compiler));
    if (!differs) return;
    fprintf(stderr, "actbench gate: warning: the baseline was made on another environment "
                    "(cpu flags '%s', glibc %s, %s; here '%s', glibc %s, %s)\n",
            *flags ? flags : "?", *glibc ? glibc : "?", *cc ? cc : "?", env.isa_flags, env.glibc,
            env.compiler);
    fprintf(stderr, "actbench gate: rows that call libm (naive, stable, library variants) may "
                    "differ for that reason alone:");
    for (size_t i = 0; i < base->n; i++) {
        const ab_result_row *r = &base->rows[i];
        if (strcmp(r->strategy, "naive") && strcmp(r->strategy, "stable") &&
            strcmp(r->strategy, "library"))
            continue;
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(base->rows[k].activation, r->activation) ||
                    strcmp(base->rows[k].variant, r->variant) ||
                    strcmp(base->rows[k].precision, r->precision);
        if (first) fprintf(stderr, " %s/%s/%s", r->activation, r->variant, r->precision);
    }
    fputc('\n', stderr);
}

/* Two paths name the same file (or the same path when neither exists). */
static int same_file(const char *a, const char *b) {
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return strcmp(a, b) == 0;
}

/* The sampling settings every baseline row shares. */
static void baseline_sampling(const ab_results *base, uint64_t *seed, size_t *samples) {
    if (base->n == 0) ab_usage_error("%s: the baseline has no rows", base->path);
    *seed = base->rows[0].seed;
    *samples = base->rows[0].samples_requested;
    for (size_t i = 1; i < base->n; i++)
        if (base->rows[i].seed != *seed || base->rows[i].samples_requested != *samples)
            ab_usage_error("%s:%zu: column 'seed'/'samples_requested' differs from line %zu "
                           "(a baseline has one sampling setting)",
                           base->path, base->rows[i].line, base->rows[0].line);
    if (*samples == 0 || *samples > (1u << 26))
        ab_usage_error("%s:%zu: column 'samples_requested': %zu is out of range (1..67108864)",
                       base->path, base->rows[0].line, *samples);
}

/* ---- --format json ---- */

typedef struct {
    json_t *lists; /* kind -> array */
} gate_json;

static json_t *row_key(const ab_result_row *x) {
    return json_pack("{s:s, s:s, s:s, s:s}", "activation", x->activation, "variant",
                     x->variant, "precision", x->precision, "range", x->range);
}

/* One finding (gate.h's ab_gate_finding_fn) into its kind's list. */
static void on_finding(void *ctx, const char *kind, const ab_result_row *b,
                       const ab_result_row *r, const char *what) {
    gate_json *g = ctx;
    static const struct { const char *kind, *list; } lists[] = {
        {"regression", "regressions"}, {"new_regression", "regressions"},
        {"improvement", "improvements"}, {"change", "changed"}, {"skip", "skipped"}};
    const char *list = "other";
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        if (!strcmp(kind, lists[i].kind)) list = lists[i].list;
    json_t *f = row_key(b ? b : r);
    json_object_set_new(f, strcmp(kind, "skip") ? "what" : "reason", json_string(what));
    if (!strcmp(list, "regressions"))
        json_object_set_new(f, "new", json_boolean(!strcmp(kind, "new_regression")));
    json_object_set_new(f, "baseline_line", b ? json_integer((json_int_t)b->line) : json_null());
    json_object_set_new(f, "results_line", r ? json_integer((json_int_t)r->line) : json_null());
    if (b) ab_json_set_double(f, "baseline_max_ulp", b->max_ulp, 1);
    if (r) {
        ab_json_set_double(f, "max_ulp", r->max_ulp, 1);
        int worst = *r->worst_input != 0;
        json_object_set_new(f, "worst_input", worst ? json_string(r->worst_input) : json_null());
        json_object_set_new(f, "worst_output", worst ? json_string(r->worst_output) : json_null());
        json_object_set_new(f, "worst_reference",
                            worst ? json_string(r->worst_reference) : json_null());
    }
    json_array_append_new(json_object_get(g->lists, list), f);
}

static void gate_json_begin(gate_json *g, ab_gate_opts *o) {
    g->lists = json_pack("{s:[], s:[], s:[], s:[]}", "regressions", "improvements", "changed",
                         "skipped");
    o->on_finding = on_finding;
    o->finding_ctx = g;
}

/* The document on stdout; 0 or -1. */
static int gate_json_write(gate_json *g, const char *baseline, const char *results,
                           const ab_gate_opts *o, uint64_t seed, size_t samples,
                           const ab_gate_summary *s, int exit_status) {
    json_t *doc = ab_json_document("gate");
    json_object_set_new(doc, "baseline", json_string(baseline));
    json_object_set_new(doc, "results", results ? json_string(results) : json_null());
    ab_json_set_double(doc, "tolerance_ulp", o->tolerance_ulp, 0);
    json_object_set_new(doc, "strict", json_boolean(o->strict));
    ab_json_set_u64(doc, "seed", seed);
    ab_json_set_u64(doc, "samples", samples);
    json_object_set_new(doc, "summary",
                        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "compared",
                                  (json_int_t)s->compared, "regressions", (json_int_t)s->regressions,
                                  "improvements", (json_int_t)s->improvements, "changed",
                                  (json_int_t)s->changed, "skipped", (json_int_t)s->skipped,
                                  "new_rows", (json_int_t)s->added));
    json_object_set_new(doc, "result", json_string(s->regressions ? "FAIL" : "PASS"));
    json_object_set_new(doc, "exit_status", json_integer(exit_status));
    json_object_update(doc, g->lists);
    json_decref(g->lists);
    int rc = ab_json_write(doc, "-");
    json_decref(doc);
    return rc;
}

int ab_cmd_gate(int argc, char **argv) {
    const char *baseline = NULL, *results = NULL, *v;
    ab_gate_opts o = {.accept_hint = ACCEPT_HINT};
    int threads = 0, json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(gate_help, stdout); return 0; }
        else if (!strcmp(argv[i], "--strict")) o.strict = 1;
        else if ((v = ab_opt_value(argc, argv, &i, "--baseline", NULL))) baseline = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--results", NULL))) results = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--junit", NULL))) o.junit_path = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--format", NULL))) {
            if (strcmp(v, "text") && strcmp(v, "json"))
                ab_usage_error("--format: unknown format '%s' (valid: text, json)", v);
            json = !strcmp(v, "json");
        }
        else if ((v = ab_opt_value(argc, argv, &i, "--threads", NULL))) threads = (int)ab_parse_u64("--threads", v, 1, 256, 0);
        else if ((v = ab_opt_value(argc, argv, &i, "--tolerance-ulp", NULL))) {
            char *end;
            o.tolerance_ulp = strtod(v, &end);
            if (!*v || *end || !(o.tolerance_ulp >= 0) || o.tolerance_ulp > 1e300)
                ab_usage_error("--tolerance-ulp: '%s' is not a number >= 0", v);
        }
        else ab_usage_error("unknown option '%s' (valid: --baseline, --results, --tolerance-ulp, "
                            "--junit, --strict, --threads, --format, --help)", argv[i]);
    }
    if (!baseline) ab_usage_error("--baseline FILE is required (e.g. %s)", DEFAULT_BASELINE);
    if (o.junit_path && same_file(o.junit_path, baseline))
        ab_usage_error("--junit %s is the baseline: the report would overwrite it", o.junit_path);
    char err[1024];
    ab_results base, cur;
    if (ab_results_load(baseline, &base, err, sizeof err) != 0) ab_usage_error("%s", err);
    uint64_t seed;
    size_t samples;
    baseline_sampling(&base, &seed, &samples); /* exits 2 on a baseline without rows */
    char tmp[] = "/tmp/actbench-gate-XXXXXX";
    int made_tmp = 0;
    if (results) {
        if (ab_results_load(results, &cur, err, sizeof err) != 0) ab_usage_error("%s", err);
        /* Other samples give other maxima: no row would compare fairly. */
        for (size_t i = 0; i < cur.n; i++)
            if (cur.rows[i].seed != seed || cur.rows[i].samples_requested != samples)
                ab_usage_error("--results %s:%zu: seed %llu, %llu samples per range, but the "
                               "baseline %s has seed %llu, %zu samples (sweep with --seed %llu "
                               "--samples %zu)", results, cur.rows[i].line,
                               (unsigned long long)cur.rows[i].seed,
                               (unsigned long long)cur.rows[i].samples_requested, baseline,
                               (unsigned long long)seed, samples, (unsigned long long)seed, samples);
    } else {
        make_tmp(tmp);
        made_tmp = 1;
        /* Sweep only the activations the baseline covers (rows of other
         * activations would only be "new"). */
        ab_filter acts = {malloc(base.n * sizeof(char *)), 0};
        for (size_t k = 0; k < base.n; k++) {
            const char *name = base.rows[k].activation;
            if (!ab_filter_match(&acts, name) || acts.n == 0) acts.names[acts.n++] = (char *)name;
        }
        int bad = sweep_to_results(seed, samples, threads, tmp, &acts, &cur, err, sizeof err);
        free(acts.names);
        if (bad) {
            unlink(tmp);
            if (err[0]) ab_usage_error("%s", err);
            exit(AB_EXIT_USAGE);
        }
    }
    env_warning(&base);
    ab_gate_summary s;
    gate_json g;
    if (json) gate_json_begin(&g, &o);
    /* JSON: the text goes nowhere; the findings come through o.on_finding */
    FILE *text = json ? fopen("/dev/null", "w") : stdout;
    if (!text) ab_usage_error("cannot open /dev/null");
    int rc = ab_gate_compare(&base, &cur, &o, text, &s);
    if (json) {
        fclose(text);
        int status = rc != 0 ? AB_EXIT_USAGE : s.regressions ? 1 : 0;
        if (gate_json_write(&g, baseline, results, &o, seed, samples, &s, status) != 0 && !rc)
            rc = -1;
    } else {
        printf("gate: %zu rows compared, %zu regressions, %zu improvements, %zu changed, "
               "%zu skipped, %zu new rows not in the baseline: %s\n",
               s.compared, s.regressions, s.improvements, s.changed, s.skipped, s.added,
               s.regressions ? "FAIL" : "PASS");
    }
    if (made_tmp) {
        unlink(tmp);
        ab_tmp_forget(tmp);
    }
    ab_results_free(&base);
    ab_results_free(&cur);
    if (rc != 0) return AB_EXIT_USAGE;
    return s.regressions ? 1 : 0;
}

/* Every row of r was sampled with (seed, samples). */
static int sampled_with(const ab_results *r, uint64_t seed, size_t samples) {
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].seed != seed || r->rows[i].samples_requested != samples) return 0;
    return 1;
}

int ab_cmd_baseline(int argc, char **argv) {
    const char *out = DEFAULT_BASELINE, *v;
    uint64_t seed = AB_DEFAULT_SEED;
    size_t samples = BASELINE_SAMPLES;
    int threads = 0;
    static ab_filter acts; /* static: reachable when a usage error exits */
    acts.names = NULL, acts.n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(baseline_help, stdout); return 0; }
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) out = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) {
            if (acts.names) ab_usage_error("--activation given twice");
            ab_parse_names(v, &acts);
        }
        else if ((v = ab_opt_value(argc, argv, &i, "--samples", NULL))) samples = ab_parse_u64("--samples", v, 1, 1u << 26, 1);
        else if ((v = ab_opt_value(argc, argv, &i, "--seed", NULL))) seed = ab_parse_u64("--seed", v, 0, UINT64_MAX, 0);
        else if ((v = ab_opt_value(argc, argv, &i, "--threads", NULL))) threads = (int)ab_parse_u64("--threads", v, 1, 256, 0);
        else ab_usage_error("unknown option '%s' (valid: -o, --activation, --samples, --seed, --threads, --help)", argv[i]);
    }
    if (acts.names) {
        const char *valid[512];
        size_t nv = 0;
        for (size_t i = 0; i < ab_op_count() && nv < 512; i++) valid[nv++] = ab_op_at(i)->name;
        ab_check_names("--activation", &acts, valid, nv);
    }
    /* The baseline is written, then read back: a device or a directory
     * (/dev/full, /dev/stdout) cannot be. */
    struct stat st;
    if (stat(out, &st) == 0 && !S_ISREG(st.st_mode))
        ab_usage_error("-o %s: not a regular file (the baseline is written to a file, then read "
                       "back)", out);
    char err[1024];
    ab_results old;
    int have_old = access(out, F_OK) == 0;
    if (have_old && ab_results_load(out, &old, err, sizeof err) != 0) {
        if (acts.names) ab_usage_error("--activation: the previous baseline is unusable (%s)", err);
        fprintf(stderr, "actbench baseline: the previous baseline is unusable (%s); replacing it\n", err);
        have_old = 0;
    }
    /* Kept rows must share the new rows' sampling (a baseline has one). */
    int keep = have_old && sampled_with(&old, seed, samples);
    if (have_old && !keep) {
        if (acts.names)
            ab_usage_error("--activation: the previous baseline %s was sampled with another seed or "
                           "sample count (run with its --seed and --samples, or without --activation)", out);
        fprintf(stderr, "actbench baseline: the previous baseline was sampled otherwise; none of its "
                        "rows is kept\n");
    }
    char tmp[] = "/tmp/actbench-baseline-XXXXXX";
    make_tmp(tmp);
    ab_results cur;
    ab_baseline_kept kept;
    err[0] = 0;
    int bad = sweep_to_csv(seed, samples, threads, tmp, acts.names ? &acts : NULL) ||
              ab_baseline_compose(out, tmp, keep ? out : NULL, acts.names ? &acts : NULL, &kept,
                                  err, sizeof err) ||
              ab_results_load(out, &cur, err, sizeof err);
    unlink(tmp);
    ab_tmp_forget(tmp);
    free(acts.names);
    acts.names = NULL;
    if (bad) {
        if (have_old) ab_results_free(&old);
        if (err[0]) ab_usage_error("%s", err);
        exit(AB_EXIT_USAGE);
    }
    if (kept.header_differs)
        fprintf(stderr, "actbench baseline: the previous baseline has other columns; none of its rows is kept\n");
    if (kept.unavailable)
        printf("baseline: kept %zu rows of the previous baseline for variants that cannot run here "
               "(first: %s)\n", kept.unavailable, kept.reason);
    if (kept.other) printf("baseline: kept %zu rows of the activations not swept\n", kept.other);
    if (have_old) {
        ab_gate_opts o = {0};
        ab_gate_summary s;
        printf("baseline: differences from the previous %s:\n", out);
        ab_gate_compare(&old, &cur, &o, stdout, &s);
        printf("baseline: %zu rows; %zu worse, %zu better, %zu changed, %zu new; review with "
               "git diff %s\n", cur.n, s.regressions, s.improvements, s.changed, s.added, out);
        ab_results_free(&old);
    } else {
        printf("baseline: wrote %zu rows to %s\n", cur.n, out);
    }
    ab_results_free(&cur);
    return 0;
}
