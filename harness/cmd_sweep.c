/* cmd_sweep.c: actbench sweep. */
#include "csv_schema.h"
#include "cli.h"
#include "commands.h"
#include "csv_io.h"
#include "json_out.h"
#include "registry.h"
#include "rows.h"
#include "sweep_outputs.h"
#include "custom.h"
#include "partial.h"
#include "search.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

static const char help[] =
    "usage: actbench sweep [--activation A,..] [--variant V,..] [--precision P,..]\n"
    "                      [--range R,..] [--samples N] [--seed S] [--threads T]\n"
    "                      [-o FILE] [--profile DIR] [--special-values FILE] [--quiet]\n"
    "                      [--exhaustive [--reference fast|mpfr]] [--inputs FILE]\n"
    "                      [--search [--budget N]] [--shard K/N] [--format csv|json]\n"
    "Measures every selected variant against the correctly rounded MPFR reference\n"
    "and writes one CSV row per (activation, variant, precision, range).\n"
    "  --precision P f32, f64, bf16, f16 or bf16-f32 (bfloat16 in, f32 out);\n"
    "                default: all (row operations: f32 and f64)\n"
    "  --samples N   inputs per range (default 65536; K and M suffixes allowed);\n"
    "                a range with at most N values is swept exhaustively; in\n"
    "                bf16 and f16 every range is (full: all 65,536 patterns)\n"
    "  --seed S      seed of the jittered sampling (default 0x5eed2026)\n"
    "  --threads T   OpenMP threads (results are identical for any T)\n"
    "  -o FILE       output CSV (default results/accuracy.csv; - for stdout)\n"
    "  --format F    csv (default) or json: one document (default results/accuracy.json)\n"
    "                with seed, samples and a \"rows\" array keyed by the CSV's column\n"
    "                names (README: Machine-readable output); --profile and\n"
    "                --special-values stay CSV\n"
    "  --profile DIR write per-bucket max ULP (512 ordinal buckets per range) for plots\n"
    "  --special-values FILE  write every variant's output on the special set\n"
    "  --exhaustive  f32, elementwise: every one of the 2^32 inputs; each range row\n"
    "                covers every float in it (exhaustive=1), plus the range `nan`\n"
    "                (every NaN bit pattern); the special set as usual\n"
    "  --reference R with --exhaustive: fast (default: the certified binary64 tier,\n"
    "                MPFR where it cannot decide; ref_fallbacks counts those) or\n"
    "                mpfr (MPFR for every input)\n"
    "  --range LO:HI an interval (hex or decimal bounds, rounded inward to the\n"
    "                precision), sampled like a named range; CSV name range_LO_HI\n"
    "  --inputs FILE one float per line (hex, decimal, inf, nan; # comments), every\n"
    "                one evaluated; CSV name inputs_<file>.  Without --range, only\n"
    "                the file is swept (repeatable)\n"
    "  --search      after each sampled range, search for worse inputs around the\n"
    "                worst buckets (rows named <range>+search)\n"
    "  --budget N    evaluations per search row (default 4096)\n"
    "  --shard K/N   compute the K-th of N slices (K from 0) and write a partial\n"
    "                state to -o, for actbench merge\n"
    "Ranges: special, core [-10,10], tiny |x|<2^-20, full (all finite), plus each\n"
    "activation's own (see README).\n"
    "Row operations (softmax, log_softmax, logsumexp, maxout, mean/max/min_pool,\n"
    "gaussian_rbf, multiquadric_rbf) are selected by --activation too; their ranges\n"
    "are row generators: uniform, wide, masked, all_neginf, constant, dominant,\n"
    "long, nan, huge (N/256 rows each, at most 256; long N/16384, at least 2).\n";

static char **kept_names;

static void free_filters(ab_sweep_opts *o) {
    free(kept_names);
    kept_names = NULL;
    free(o->activations.names);
    free(o->variants.names);
    free(o->ranges.names);
}

static void names(const char *v, ab_filter *f) {
    free(f->names);
    ab_parse_names(v, f);
}

/* --shard K/N: 0 <= K < N <= 65536. */
static void parse_shard(const char *v, ab_sweep_opts *o) {
    char *end;
    const char *slash = strchr(v, '/');
    unsigned long k = strtoul(v, &end, 10), n;
    if (!slash || end != slash || v[0] < '0' || v[0] > '9' || slash[1] < '0' || slash[1] > '9' ||
        (n = strtoul(slash + 1, &end, 10), *end) || n == 0 || n > 65536 || k >= n)
        ab_usage_error("--shard: '%s' is not K/N with 0 <= K < N <= 65536", v);
    o->shard_k = (unsigned)k;
    o->shard_n = (unsigned)n;
}

const ab_distributor *ab_sweep_distributor;
/* Under MPI: this rank's shard, its partial sent to rank 0 as text, and
 * on rank 0 (w not NULL) the merge of every rank's into the CSV. */
static void distributed(const ab_sweep_opts *o, const ab_distributor *d, ab_csv_writer *w) {
    ab_sweep_result res;
    ab_sweep_run(o, &res);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    ab_partial_write(f, o, &res);
    fclose(f);
    if (o->progress) ab_sweep_print_summary(&res);
    ab_sweep_result_free(&res);
    char **texts = d->exchange(text, len);
    free(text);
    if (!w) return;
    const char **names = ab_xmalloc((size_t)d->size * sizeof *names);
    char (*label)[32] = ab_xmalloc((size_t)d->size * sizeof *label);
    for (int r = 0; r < d->size; r++) {
        snprintf(label[r], sizeof label[r], "rank %d", r);
        names[r] = label[r];
    }
    uint64_t seed;
    size_t samples;
    char err[1024];
    if (ab_partial_merge(names, (const char *const *)texts, (size_t)d->size, &res, &seed, &samples,
                         err, sizeof err) != 0) {
        ab_csv_abort(w);
        ab_usage_error("merging the ranks: %s", err);
    }
    ab_write_accuracy(w, &res, seed, samples);
    ab_sweep_result_free(&res);
    for (int r = 0; r < d->size; r++) free(texts[r]);
    free(texts);
    free(names);
    free(label);
}


/* --range LO:HI items become custom intervals (their names replace them in
 * the filter); --inputs files become lists, and alone select only them. */
/* --precision P[,P..]: one sets o->precision, several o->precisions. */
static void precisions(const char *v, ab_sweep_opts *o) {
    unsigned m = ab_parse_precisions(v);
    o->precision = -1;
    o->precisions = m;
    if (!(m & (m - 1))) { /* one */
        o->precision = __builtin_ctz(m);
        o->precisions = 0;
    }
}

static void add_custom_sources(ab_sweep_opts *o, const char *const *inputs, size_t n_inputs) {
    unsigned mask = o->precision < 0 ? 3u : 1u << o->precision;
    if (o->precisions) mask = o->precisions & 3u;
    if (!(mask & 3u)) { /* custom sources are f32 and f64 values */
        int custom = n_inputs > 0;
        for (size_t k = 0; k < o->ranges.n; k++) custom |= ab_is_interval(o->ranges.names[k]);
        if (custom)
            ab_usage_error("--range LO:HI and --inputs: f32 and f64 only (a 16-bit sweep covers "
                           "every input already)");
    }
    char err[512];
    for (size_t k = 0; k < o->ranges.n; k++) {
        if (!ab_is_interval(o->ranges.names[k])) continue;
        const char *name = ab_custom_range_add(o->ranges.names[k], mask, err, sizeof err);
        if (!name) ab_usage_error("--range: %s", err);
        o->ranges.names[k] = (char *)name;
    }
    if (!n_inputs) return;
    size_t n = o->ranges.n;
    char **names = malloc((n + n_inputs) * sizeof *names);
    if (!names) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    if (n) memcpy(names, o->ranges.names, n * sizeof *names);
    for (size_t k = 0; k < n_inputs; k++) {
        const char *name = ab_custom_inputs_add(inputs[k], mask, err, sizeof err);
        if (!name) ab_usage_error("--inputs: %s", err);
        names[n++] = (char *)name;
    }
    /* The old block holds the named ranges' text: it stays (reachable). */
    kept_names = o->ranges.names;
    o->ranges.names = names;
    o->ranges.n = n;
}

/* --format json: the accuracy CSV in cap, converted into w's file. */
static int write_json(const ab_sweep_opts *o, ab_csv_capture *cap, ab_csv_writer *w) {
    if (ab_capture_end(cap) != 0) return -1;
    json_t *doc = ab_json_document("accuracy");
    ab_json_set_u64(doc, "seed", o->seed);
    ab_json_set_u64(doc, "samples", o->samples);
    json_object_set_new(doc, "exhaustive", json_boolean(o->exhaustive));
    if (o->exhaustive)
        json_object_set_new(doc, "reference", json_string(o->reference_mpfr ? "mpfr" : "fast"));
    int rc = ab_json_take_table(doc, cap, ab_accuracy_column_type);
    if (rc == 0) rc = ab_json_dump(doc, w);
    json_decref(doc);
    return rc;
}

int ab_cmd_sweep(int argc, char **argv) {
    /* static: the name lists stay reachable when a usage error exits from
     * deep inside (no false leak under LeakSanitizer). */
    static ab_sweep_opts o;
    ab_sweep_opts_init(&o);
    kept_names = NULL; /* a usage error's exit left it to the process (or the fuzz harness) */
    const char *out = "results/accuracy.csv", *v;
    int out_given = 0, quiet = 0, reference_given = 0, search = 0, budget_given = 0;
    static const char *inputs[64];
    size_t n_inputs = 0;
    const char *special_path = NULL, *profile_dir = NULL;
    ab_format format = AB_FORMAT_CSV;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            free_filters(&o);
            return 0;
        }
        else if (!strcmp(argv[i], "--quiet")) quiet = 1;
        else if (!strcmp(argv[i], "--exhaustive")) o.exhaustive = 1;
        else if (!strcmp(argv[i], "--search")) search = 1;
        else if ((v = ab_opt_value(argc, argv, &i, "--budget", NULL))) {
            o.search_budget = ab_parse_u64("--budget", v, 1, 1u << 26, 1);
            budget_given = 1;
        }
        else if ((v = ab_opt_value(argc, argv, &i, "--inputs", NULL))) {
            if (n_inputs == 64) ab_usage_error("--inputs: at most 64 files");
            inputs[n_inputs++] = v;
        }
        else if ((v = ab_opt_value(argc, argv, &i, "--shard", NULL))) parse_shard(v, &o);
        else if ((v = ab_opt_value(argc, argv, &i, "--reference", NULL))) {
            if (strcmp(v, "fast") && strcmp(v, "mpfr"))
                ab_usage_error("--reference: unknown tier '%s' (valid: fast, mpfr)", v);
            o.reference_mpfr = !strcmp(v, "mpfr");
            reference_given = 1;
        }
        /* A repeated flag replaces the earlier list. */
        else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) names(v, &o.activations);
        else if ((v = ab_opt_value(argc, argv, &i, "--variant", NULL))) names(v, &o.variants);
        else if ((v = ab_opt_value(argc, argv, &i, "--range", NULL))) names(v, &o.ranges);
        else if ((v = ab_opt_value(argc, argv, &i, "--precision", NULL))) precisions(v, &o);
        else if ((v = ab_opt_value(argc, argv, &i, "--samples", NULL))) o.samples = ab_parse_u64("--samples", v, 1, 1u << 26, 1);
        else if ((v = ab_opt_value(argc, argv, &i, "--seed", NULL))) o.seed = ab_parse_u64("--seed", v, 0, UINT64_MAX, 0);
        else if ((v = ab_opt_value(argc, argv, &i, "--threads", NULL))) o.threads = (int)ab_parse_u64("--threads", v, 1, 256, 0);
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) { out = v; out_given = 1; }
        else if ((v = ab_opt_value(argc, argv, &i, "--profile", NULL))) profile_dir = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--special-values", NULL))) special_path = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--format", NULL)))
            format = ab_parse_format(v, AB_FORMAT_CSV | AB_FORMAT_JSON);
        else ab_usage_error("unknown option '%s' (valid: --activation, --variant, --precision, "
                            "--range, --samples, --seed, --threads, -o, --profile, --special-values, --quiet, "
                            "--exhaustive, --reference, --inputs, --search, --budget, --shard, --format, "
                            "--help)", argv[i]);
    }
    if (budget_given && !search) ab_usage_error("--budget: only with --search");
    if (search && !o.search_budget) o.search_budget = AB_SEARCH_DEFAULT_BUDGET;
    if (!search) o.search_budget = 0;
    if (o.exhaustive && (search || n_inputs))
        ab_usage_error("--exhaustive: not with %s (every input is already swept)",
                       search ? "--search" : "--inputs");
    add_custom_sources(&o, inputs, n_inputs);
    const ab_distributor *d = ab_sweep_distributor;
    if (d && o.shard_n) ab_usage_error("--shard: not under MPI (the ranks are the shards)");
    if (d) {
        o.shard_k = (unsigned)d->rank;
        o.shard_n = (unsigned)d->size;
        out_given = 1; /* the default path is fine: only rank 0 writes */
    }
    if (o.shard_n && (special_path || profile_dir))
        ab_usage_error("--shard: not with %s (merge writes the CSV only)",
                       special_path ? "--special-values" : "--profile");
    if (o.shard_n && format == AB_FORMAT_JSON)
        ab_usage_error("--format json: not with --shard (a shard writes a partial state; merge "
                       "the parts, then convert)");
    if (format == AB_FORMAT_JSON && !out_given) out = "results/accuracy.json";
    if (o.shard_n && !out_given)
        ab_usage_error("--shard: give the partial's path with -o (merge the parts with actbench merge)");
    if (reference_given && !o.exhaustive)
        ab_usage_error("--reference: only with --exhaustive (sampled sweeps use MPFR for every input)");
    if (o.exhaustive) {
        if (o.precision == AB_F64 || o.precisions)
            ab_usage_error("--exhaustive: f32 only (2^64 inputs are out of reach; sample f64)");
        if (o.precision > AB_F64)
            ab_usage_error("--exhaustive: f32 only (bf16 and f16 sweeps cover all 65,536 inputs "
                           "without it)");
        o.precision = AB_F32;
        for (size_t k = 0; k < o.activations.n; k++) {
            const ab_op *op = ab_find_op(o.activations.names[k]);
            if (op && op->kind == AB_OP_ROW)
                ab_usage_error("--exhaustive: %s is a row operation (rows have no finite input set)",
                               op->name);
        }
    }

    const char *acts[512], *vars[1024], *ranges[1024];
    size_t na = 0, nv = 0, nr = 0;
    for (size_t i = 0; i < ab_op_count() && na < 512; i++) acts[na++] = ab_op_at(i)->name;
    ab_check_names("--activation", &o.activations, acts, na);
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *op = ab_op_at(i);
        if (!ab_filter_match(&o.activations, op->name)) continue;
        for (size_t k = 0; k < op->n_variants; k++) nv = ab_add_name(vars, nv, 1024, op->variants[k].name);
        const char *rn[64];
        size_t n = ab_source_names(op, rn, 64);
        for (size_t k = 0; k < n; k++) nr = ab_add_name(ranges, nr, 1024, rn[k]);
    }
    if (o.exhaustive) nr = ab_add_name(ranges, nr, 1024, "nan");
    ab_check_names("--variant", &o.variants, vars, nv);
    if (ab_custom_count()) {
        int elementwise = 0;
        for (size_t i = 0; i < ab_op_count(); i++)
            elementwise |= ab_op_at(i)->kind == AB_OP_ELEMENTWISE &&
                           ab_filter_match(&o.activations, ab_op_at(i)->name);
        if (!elementwise)
            ab_usage_error("--range LO:HI and --inputs apply to elementwise activations only "
                           "(row operations take their row generators)");
    }
    ab_check_names("--range", &o.ranges, ranges, nr);

    if (d && d->rank != 0) { /* a worker rank: its part goes to rank 0 */
        o.progress = 0;
        distributed(&o, d, NULL);
        free_filters(&o);
        return 0;
    }
    if (!out_given || d) mkdir("results", 0777);
    /* Every output goes to a temporary; they are renamed into place
     * together at the end, or all removed (ab_output_set_commit). */
    ab_output_set set = {0};
    ab_csv_writer w, sv;
    ab_csv_capture cap; /* --format json: the CSV, in memory, to convert */
    if (ab_csv_open(&w, out) != 0) { /* before the work */
        free_filters(&o);
        return AB_EXIT_USAGE;
    }
    if (format == AB_FORMAT_JSON && ab_capture_begin(&cap) != 0) {
        ab_csv_abort(&w);
        free_filters(&o);
        return AB_EXIT_USAGE;
    }
    ab_csv_writer *acc = format == AB_FORMAT_JSON ? &cap.w : &w;
    if (special_path) {
        if (ab_csv_open(&sv, special_path) != 0) {
            ab_csv_abort(&w);
            free_filters(&o);
            return AB_EXIT_USAGE;
        }
        ab_special_values_begin(&o, &sv);
    }
    if (profile_dir && ab_profiles_begin(&o, profile_dir, &set) != 0) {
        int e = errno;
        ab_csv_abort(&w);
        if (special_path) ab_csv_abort(&sv);
        ab_usage_error("--profile: cannot use %s as a directory: %s", profile_dir, strerror(e));
    }
    o.progress = !quiet;

    if (d) {
        distributed(&o, d, acc);
    } else {
        ab_sweep_result res;
        ab_sweep_run(&o, &res);
        if (o.shard_n) ab_partial_write(w.f, &o, &res);
        else ab_write_accuracy(acc, &res, o.seed, o.samples);
        if (!quiet) ab_sweep_print_summary(&res);
        ab_sweep_result_free(&res);
    }
    if (format == AB_FORMAT_JSON && write_json(&o, &cap, &w) != 0) set.failed = 1;
    if (special_path) ab_csv_finish(&sv, &set);
    ab_csv_finish(&w, &set);
    /* NAME.ulp_bins.csv beside it: the ulp_histogram bin edges. */
    if (!o.shard_n) ab_hist_bins_add(out, &set);
    int rc = ab_output_set_commit(&set);
    if (profile_dir) ab_profiles_end(&o, rc == 0);
    free_filters(&o);
    return rc == 0 ? 0 : AB_EXIT_USAGE;
}
