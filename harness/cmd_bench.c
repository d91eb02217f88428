/* cmd_bench.c: actbench bench. */
#include "bench.h"
#include "cli.h"
#include "commands.h"
#include "gbench_out.h"
#include "json_out.h"
#include "registry.h"
#include "rows.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help[] =
    "usage: actbench bench [--activation A,..] [--variant V,..] [--precision P,..]\n"
    "                      [--sizes N,..] [--inputs LO:HI,..] [--reps N] [--latency]\n"
    "                      [-o FILE] [--quiet]\n"
    "                      [--format csv|json|gbench]\n"
    "Measures the speed of every selected variant (one thread, pinned to a CPU) and\n"
    "writes one CSV row per (activation, variant, precision, n, mode), plus a memcpy\n"
    "baseline row per precision and size (the memory bound for the same bytes).\n"
    "Row operations (softmax, log_softmax, ...) are measured on one row per size:\n"
    "n is the row length (the size; maxout: 5 size + 4), ns_per_elem is per row\n"
    "element, the row's values come from the `uniform` generator, bytes count\n"
    "the row read and the outputs written; no latency rows.\n"
    "  --precision P,..  f32, f64, bf16, f16, bf16-f32 (default: all); 16-bit\n"
    "                elements are 2 bytes (bf16-f32: 2 in, 4 out) in bytes and gb_per_s\n"
    "  --sizes N,..  elements per call, K = 1024 and M = 1048576 suffixes allowed\n"
    "                (default 4K,256K; larger sizes such as 64M are only measured\n"
    "                when asked and take minutes: 64M f64 needs 1 GiB of buffers)\n"
    "  --inputs LO:HI,..  elementwise inputs uniform in value over [LO, HI] instead\n"
    "                of the core range [-10,10] (finite numbers, hex floats allowed;\n"
    "                `core` names [-10,10]; the `inputs` column records them).  With\n"
    "                several intervals (at most 8) every elementwise row is measured\n"
    "                once per interval, in one run; row operations and latency rows\n"
    "                with the first.  Speed can depend on the values: e.g. -200:-90\n"
    "                makes an exp underflow, and without FTZ a subnormal result\n"
    "                costs a microcode assist on Intel cores\n"
    "  --reps N      timed samples per row (default 15); min and median reported.\n"
    "                Each sample repeats the call to last about 1 ms\n"
    "  --latency     also time scalar variants (and memcpy) on a dependent chain of\n"
    "                n=1 calls over the smallest size's inputs (mode=latency rows,\n"
    "                ns per element = ns per call, including one fmul+fadd per link)\n"
    "  -o FILE       output CSV (default results/throughput.csv; - for stdout)\n"
    "  --format F    csv (default); json: one document (default results/throughput.json)\n"
    "                with a \"rows\" array keyed by the CSV's column names; gbench:\n"
    "                Google Benchmark's JSON (default results/throughput.gbench.json),\n"
    "                for its tools/compare.py (README: Machine-readable output)\n"
    "  --quiet       no progress or summary lines on stderr\n"
    "Inputs: uniform in value over the core range [-10,10] (or --inputs), fixed\n"
    "seed, in no order; row operations' rows: the `uniform` generator.\n"
    "Columns: activation,variant,strategy,precision,isa,n,bytes (per call, read +\n"
    "written),outputs (arrays written per call: 2 for a fused kernel that returns y\n"
    "and y' in one pass; bytes and gb_per_s count both),ns_per_elem_min,ns_per_elem_median,elems_per_s,gb_per_s (from the min;\n"
    "10^9 bytes),cycles_per_elem (TSC ticks, best sample),mode,reps,inner (calls per\n"
    "sample),tsc_hz (TSC frequency calibrated against CLOCK_MONOTONIC),cpu,inputs\n"
    "(core, LO:HI, or uniform for row operations; recommend and report read only\n"
    "core and uniform rows),status.\n"
    "Variants this CPU cannot run are skipped with a note.  Plugin variants are\n"
    "measured in a child process per row, under --plugin-timeout (default 10 s) and\n"
    "--plugin-memory (default 4G): one that crashes, hangs, runs out of memory or\n"
    "calls exit() gets a row with status crashed (SIG), timed-out, out-of-memory or\n"
    "exited (N), and empty timings; other rows have status ok.\n";

static void parse_sizes(const char *v, ab_bench_opts *o) {
    static ab_filter f; /* static: reachable if a bad item exits */
    ab_parse_names(v, &f);
    free(o->sizes);
    o->sizes = malloc(f.n * sizeof *o->sizes);
    if (!o->sizes) exit(3);
    for (size_t i = 0; i < f.n; i++)
        o->sizes[i] = (size_t)ab_parse_u64("--sizes", f.names[i], 1, AB_BENCH_MAX_SIZE, 1);
    o->n_sizes = f.n;
    free(f.names);
    f.names = NULL;
}

/* --inputs A,B,..: each `core` or LO:HI, two finite numbers (C99 hex
 * floats too), LO < HI; at most AB_BENCH_MAX_INPUTS, none twice. */
typedef struct {
    double lo[AB_BENCH_MAX_INPUTS], hi[AB_BENCH_MAX_INPUTS];
    size_t n;
} inputs_list;
static void parse_inputs(const char *list, inputs_list *in) {
    /* static: reachable if a usage error exits below.  Never freed on
     * entry: after such an exit the block is gone (the fuzz harness frees
     * what a run left), and names is NULL after every normal return. */
    static ab_filter f;
    ab_parse_names(list, &f);
    if (f.n == 0) ab_usage_error("--inputs '%s': expected LO:HI or core, comma-separated", list);
    if (f.n > AB_BENCH_MAX_INPUTS)
        ab_usage_error("--inputs '%s': %zu intervals, at most %d", list, f.n, AB_BENCH_MAX_INPUTS);
    in->n = 0;
    for (size_t k = 0; k < f.n; k++) {
        const char *v = f.names[k];
        double lo, hi = NAN;
        if (!strcmp(v, "core")) {
            ab_bench_opts d;
            ab_bench_opts_init(&d);
            lo = d.in_lo, hi = d.in_hi;
        } else {
            char *end;
            lo = strtod(v, &end);
            const char *q = end;
            if (end != v && *q == ':') {
                hi = strtod(q + 1, &end);
                if (end == q + 1 || *end) hi = NAN;
            }
            if (!(isfinite(lo) && isfinite(hi)))
                ab_usage_error("--inputs '%s': expected LO:HI, two finite numbers such as -200:200 or -0x1.6p+6:0, or core", v);
            if (!(lo < hi)) ab_usage_error("--inputs '%s': LO must be below HI", v);
        }
        for (size_t j = 0; j < in->n; j++)
            if (in->lo[j] == lo && in->hi[j] == hi) ab_usage_error("--inputs '%s': listed twice", v);
        in->lo[in->n] = lo, in->hi[in->n++] = hi;
    }
    free(f.names);
    f.names = NULL;
}

/* A repeated list flag replaces the earlier list. */
static void names(const char *v, ab_filter *f) {
    free(f->names);
    ab_parse_names(v, f);
}

/* --format json and gbench: the CSV, in memory, converted into w's file. */
static int write_json(const ab_bench_opts *o, const ab_bench_result *res, size_t nres, ab_format format,
                      ab_csv_writer *w) {
    ab_csv_capture cap;
    if (ab_capture_begin(&cap) != 0) return -1;
    ab_bench_write_csv_runs(&cap.w, res, nres);
    if (ab_capture_end(&cap) != 0) return -1;
    json_t *doc = ab_json_document("throughput");
    ab_json_set_u64(doc, "seed", o->seed);
    double seconds = 0;
    for (size_t k = 0; k < nres; k++) seconds += res[k].seconds;
    json_object_set_new(doc, "seconds", json_real(seconds));
    int rc = ab_json_take_table(doc, &cap, ab_throughput_column_type);
    if (rc == 0 && format == AB_FORMAT_GBENCH) {
        json_t *g = ab_gbench_document(doc);
        json_decref(doc);
        doc = g;
    }
    if (rc == 0) rc = ab_json_dump(doc, w);
    json_decref(doc);
    return rc;
}

int ab_cmd_bench(int argc, char **argv) {
    /* static: the lists stay reachable when a usage error exits from
     * inside the parsing (no leak report under LeakSanitizer) */
    static ab_bench_opts o;
    static inputs_list in;
    ab_bench_opts_init(&o);
    in.lo[0] = o.in_lo, in.hi[0] = o.in_hi, in.n = 1;
    const char *out = "results/throughput.csv", *v;
    int out_given = 0, quiet = 0;
    ab_format format = AB_FORMAT_CSV;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return 0; }
        else if (!strcmp(argv[i], "--quiet")) quiet = 1;
        else if (!strcmp(argv[i], "--latency")) o.latency = 1;
        else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) names(v, &o.activations);
        else if ((v = ab_opt_value(argc, argv, &i, "--variant", NULL))) names(v, &o.variants);
        else if ((v = ab_opt_value(argc, argv, &i, "--precision", NULL))) o.precisions = ab_parse_precisions(v);
        else if ((v = ab_opt_value(argc, argv, &i, "--sizes", NULL))) parse_sizes(v, &o);
        else if ((v = ab_opt_value(argc, argv, &i, "--inputs", NULL))) parse_inputs(v, &in);
        else if ((v = ab_opt_value(argc, argv, &i, "--reps", NULL))) o.reps = (unsigned)ab_parse_u64("--reps", v, 1, 100000, 0);
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) { out = v; out_given = 1; }
        else if ((v = ab_opt_value(argc, argv, &i, "--format", NULL)))
            format = ab_parse_format(v, AB_FORMAT_CSV | AB_FORMAT_JSON | AB_FORMAT_GBENCH);
        else ab_usage_error("unknown option '%s' (valid: --activation, --variant, --precision, "
                            "--sizes, --inputs, --reps, --latency, -o, --quiet, --format, --help)", argv[i]);
    }

    /* "memcpy" names the baseline; it is measured whatever the filters. */
    const char *acts[512], *vars[1024];
    size_t na = 0, nv = 0;
    acts[na++] = "memcpy";
    for (size_t i = 0; i < ab_op_count() && na < 512; i++) acts[na++] = ab_op_at(i)->name;
    ab_check_names("--activation", &o.activations, acts, na);
    vars[nv++] = "memcpy";
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *a = ab_op_at(i);
        if (!ab_filter_match(&o.activations, a->name)) continue;
        for (size_t k = 0; k < a->n_variants; k++) nv = ab_add_name(vars, nv, 1024, a->variants[k].name);
    }
    ab_check_names("--variant", &o.variants, vars, nv);

    if (!out_given && format == AB_FORMAT_JSON) out = "results/throughput.json";
    if (!out_given && format == AB_FORMAT_GBENCH) out = "results/throughput.gbench.json";
    if (!out_given) mkdir("results", 0777);
    ab_csv_writer w;
    if (ab_csv_open(&w, out) != 0) return AB_EXIT_USAGE; /* before the work */
    o.progress = !quiet;

    /* One run per interval: the row operations (their own `uniform`
     * inputs) and the latency rows with the first only. */
    static ab_bench_result res[AB_BENCH_MAX_INPUTS];
    int run_rc = 0, latency = o.latency;
    size_t nres = 0, rows = 0;
    double seconds = 0;
    for (size_t k = 0; k < in.n && run_rc == 0; k++, nres++) {
        o.in_lo = in.lo[k], o.in_hi = in.hi[k];
        o.row_ops = o.skip_notes = k == 0, o.latency = latency && k == 0;
        run_rc = ab_bench_run(&o, &res[k]);
        rows += res[k].n, seconds += res[k].seconds;
    }
    int rc = -1;
    if (run_rc != 0) ab_csv_abort(&w);
    else {
        if (format == AB_FORMAT_CSV) ab_bench_write_csv_runs(&w, res, nres);
        else if (write_json(&o, res, nres, format, &w) != 0) w.error = 1;
        rc = ab_csv_commit(&w); /* writes devices such as /dev/null in place */
        if (!quiet)
            fprintf(stderr, "actbench: %zu rows in %.2f s; TSC %.4g GHz; pinned to CPU %d%s\n",
                    rows, seconds, res[0].tsc_hz * 1e-9, res[0].cpu,
                    res[0].skipped_unavailable ? "; variants that cannot run here (CPU, peer library not built: list --long says why) were skipped" : "");
    }
    for (size_t k = 0; k < nres; k++) ab_bench_result_free(&res[k]);
    if (run_rc != 0) return 3;
    free(o.sizes);
    free(o.activations.names);
    free(o.variants.names);
    return rc == 0 ? 0 : AB_EXIT_USAGE;
}
