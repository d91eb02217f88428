/* cmd_eval.c: actbench eval, one input (or one row) replayed through the
 * variants of an operation, with the correctly rounded reference, the ULP
 * error and the failure classes.  Every figure comes from the code the
 * sweep uses (ab_reference_eval / ab_row_reference_eval, ab_acc_add), so a
 * worst input of a CSV replays to the same error. */
#include "cli.h"
#include "commands.h"
#include "isolate.h"
#include "metrics.h"
#include "names.h"
#include "properties.h"
#include "registry.h"
#include "rows.h"
#include "sweep.h"
#include "../reference/reference.h"
#include "../reference/format.h"
#include "../reference/rows.h"
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "usage: actbench eval --activation A [--variant V,..] [--precision P] X...\n"
    "       actbench eval --activation A [--variant V,..] [--precision P]\n"
    "                     [--samples N] --row GENERATOR:SEED:INDEX\n"
    "Evaluates each selected variant at each input X (a hex float such as 0x1.8p-3,\n"
    "a decimal, inf, -inf or nan), rounded to the precision (a note says when that\n"
    "changed it), and prints one line per (input, variant): the input, the output\n"
    "(%a and decimal), the correctly rounded MPFR reference, the ULP error (the\n"
    "sweep's metric) and the classes: cr (correctly rounded) or not_cr, over_1ulp,\n"
    "overflow, nan, sign, zero_flush; or the variant's status (unavailable on this\n"
    "CPU, crashed, timed-out: plugin variants run in a child as in a sweep).\n"
    "  --activation A  an elementwise activation or a row operation (actbench list)\n"
    "  --variant V,..  variants (default: every variant of the precision)\n"
    "  --precision P   f32, f64, bf16, f16 or bf16-f32 (default: all)\n"
    "  --row ID        a row operation's row, as the sweep's worst_row column names it\n"
    "                  (e.g. wide:1592795174:12): regenerated bit for bit, one line\n"
    "                  per output element, then each variant's worst element\n"
    "  --samples N     the sweep's --samples (default 65536): it sets how many rows\n"
    "                  a generator has, so which indices exist\n"
    "Example: actbench eval --activation tanh --variant naive --precision f32 0x1.8p-3\n";

/* Outputs of an elementwise variant are taken from a block of copies of
 * the input: a sweep calls a variant on thousands of inputs at once, so a
 * SIMD kernel computes them in its vector loop, never in a scalar tail a
 * call on one element might take.  64 covers any vector width. */
#define EVAL_BLOCK 64
#define EVAL_MAX_VARIANTS 256

typedef struct {
    const ab_op *op;
    int prec;              /* -1: both */
    ab_filter variants;
    size_t samples;
    const char *row;       /* --row ID, or NULL */
    char **xs;             /* the X arguments */
    size_t nx;
} eval_opts;

/* ---- parsing ---------------------------------------------------------------- */
static int is_inf_word(const char *s) {
    if (*s == '+' || *s == '-') s++;
    return !strcasecmp(s, "inf") || !strcasecmp(s, "infinity");
}

/* Whether a parsed finite value d is exactly the number s spells: MPFR
 * reads s at 64 bits, exact (ternary 0) and equal to d only if s is d. */
static int spelled_exactly(const char *s, double d) {
    mpfr_t m;
    mpfr_init2(m, 64);
    char *end;
    int t = mpfr_strtofr(m, s, &end, 0, MPFR_RNDN);
    int same = *end == 0 && t == 0 && mpfr_cmp_d(m, d) == 0;
    mpfr_clear(m);
    return same;
}

/* s as a number of format p (correctly rounded by strtof / strtod, not
 * through double, which could round twice).  *changed: the rounding
 * changed the value.  A finite value beyond the format is an error, not
 * inf. */
static double parse_value(const char *s, ab_precision p, int *changed) {
    const char *fmt = ab_precision_name(p);
    char *end, q[256];
    errno = 0;
    double d;
    if (ab_is_half(p)) { /* wide enough that its rounding into the format is once */
        mpfr_t t;
        mpfr_init2(t, 256);
        int inex = mpfr_strtofr(t, s, &end, 0, MPFR_RNDN);
        d = ab_round_to_format(t, inex, ab_in_prec(p));
        mpfr_clear(t);
    } else {
        d = p == AB_F32 ? (double)strtof(s, &end) : strtod(s, &end);
    }
    if (!*s || isspace((unsigned char)*s) || end == s || *end)
        ab_usage_error("input '%s' is not a number (valid: a hex float such as 0x1.8p-3, a "
                       "decimal, inf, -inf or nan)", ab_msg_quote(s, q, sizeof q));
    if (isinf(d) && !is_inf_word(s))
        ab_usage_error("input '%s' does not fit %s (largest finite: %a; write inf for infinity)",
                       ab_msg_quote(s, q, sizeof q), fmt, ab_fmt(ab_in_prec(p))->max_finite);
    *changed = isfinite(d) && !spelled_exactly(s, d);
    return d;
}

/* An argument that starts with '-' and is a value (-1.5, -0x1p-3, -inf,
 * -nan), not an option. */
static int negative_value(const char *a) {
    return a[0] == '-' && (isdigit((unsigned char)a[1]) || a[1] == '.' ||
                           strchr("iInN", a[1]) != NULL) && a[1];
}

static void check_variants(const eval_opts *o) {
    const char *valid[EVAL_MAX_VARIANTS];
    size_t nv = 0;
    for (size_t k = 0; k < o->op->n_variants; k++)
        if (o->prec < 0 || o->op->variants[k].precision == (ab_precision)o->prec)
            nv = ab_add_name(valid, nv, EVAL_MAX_VARIANTS, o->op->variants[k].name);
    ab_check_names("--variant", &o->variants, valid, nv);
}

static void parse_args(int argc, char **argv, eval_opts *o) {
    const char *v, *act = NULL;
    int only_inputs = 0; /* after "--" */
    for (int i = 1; i < argc; i++) {
        if (only_inputs) o->xs[o->nx++] = argv[i];
        else if (!strcmp(argv[i], "--")) only_inputs = 1;
        else if ((v = ab_opt_value(argc, argv, &i, "--activation", NULL))) act = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--variant", NULL))) {
            free(o->variants.names);
            ab_parse_names(v, &o->variants);
        } else if ((v = ab_opt_value(argc, argv, &i, "--precision", NULL))) {
            ab_precision p;
            if (ab_parse_precision(v, &p) != 0)
                ab_usage_error("--precision: unknown precision '%s' (valid: f32, f64, bf16, f16, bf16-f32)", v);
            o->prec = p;
        } else if ((v = ab_opt_value(argc, argv, &i, "--samples", NULL)))
            o->samples = ab_parse_u64("--samples", v, 1, 1u << 26, 1);
        else if ((v = ab_opt_value(argc, argv, &i, "--row", NULL))) o->row = v;
        else if (argv[i][0] == '-' && !negative_value(argv[i]))
            ab_usage_error("unknown option '%s' (valid: --activation, --variant, --precision, "
                           "--row, --samples, --help; inputs are numbers)",
                           ab_msg_quote(argv[i], (char[256]){0}, 256));
        else o->xs[o->nx++] = argv[i];
    }
    char valid[4096] = "";
    for (size_t i = 0, len = 0; i < ab_op_count() && len + 2 < sizeof valid; i++)
        len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
                                ab_op_at(i)->name);
    if (!act) ab_usage_error("--activation is required (valid: %s)", valid);
    o->op = ab_find_op(act);
    char q[256], q2[256];
    if (!o->op)
        ab_usage_error("--activation: unknown name '%s' (valid: %s)", ab_msg_quote(act, q, sizeof q),
                       valid);
    check_variants(o);
    int rows = o->op->kind == AB_OP_ROW;
    if (o->row && o->nx)
        ab_usage_error("give either inputs or --row, not both ('%s' and --row %s)",
                       ab_msg_quote(o->xs[0], q, sizeof q), ab_msg_quote(o->row, q2, sizeof q2));
    if (rows && o->nx)
        ab_usage_error("%s is a row operation: replay a row with --row GENERATOR:SEED:INDEX, "
                       "not input '%s'", o->op->name, ab_msg_quote(o->xs[0], q, sizeof q));
    if (!rows && o->row)
        ab_usage_error("--row: %s is elementwise (rows are for row operations); give inputs", o->op->name);
    if (!o->row && !o->nx)
        ab_usage_error("no inputs (give X... for %s, e.g. 0x1.8p-3 or 0.5%s)", o->op->name,
                       rows ? "; it is a row operation: --row GENERATOR:SEED:INDEX" : "");
}

/* ---- one evaluation ------------------------------------------------------------ */
typedef enum { RAN, UNAVAILABLE, FAILED } run_kind;

/* Runs v on the segment x[0..n) -> y[0..m) as the sweep does: a plugin
 * variant in a child (one call), a built-in one in this process. */
static run_kind run_segment(const ab_variant *v, const double *x, size_t n, double *y, size_t m,
                            char *status, size_t len) {
    if (!ab_variant_available(v)) {
        snprintf(status, len, "unavailable (this CPU cannot run %s)", v->isa);
        return UNAVAILABLE;
    }
    if (ab_variant_isolated(v)) {
        size_t in_off[2] = {0, n}, out_off[2] = {0, m};
        ab_isolated_run run;
        ab_run_isolated(v, x, y, 1, in_off, out_off, &run);
        if (run.status == AB_RUN_OK && run.completed == 1) return RAN;
        ab_run_status_text(&run, status, len);
        return FAILED;
    }
    ab_call_variant(v, x, n, y, m);
    return RAN;
}

/* One elementwise input: a built-in variant sees EVAL_BLOCK copies (see
 * above); a plugin one a call on one input, as in the sweep. */
static run_kind run_point(const ab_variant *v, double x, double *y, char *status, size_t len) {
    if (ab_variant_isolated(v) || !ab_variant_available(v))
        return run_segment(v, &x, 1, y, 1, status, len);
    double xs[EVAL_BLOCK], ys[EVAL_BLOCK];
    for (size_t i = 0; i < EVAL_BLOCK; i++) xs[i] = x;
    ab_run_variant(v, xs, ys, EVAL_BLOCK);
    *y = ys[0];
    return RAN;
}

/* ---- output -------------------------------------------------------------------- */
typedef struct {
    ab_precision prec;
    int lead_w, var_w, num_w, dec_w;
} layout;

static layout make_layout(ab_precision p, int lead_w, const ab_variant *const *vs, size_t nv) {
    int w = ab_out_prec(p) == AB_F64 ? 24 : 16;
    layout L = {p, lead_w, 7, w, w};
    for (size_t i = 0; i < nv; i++)
        if ((int)strlen(vs[i]->name) > L.var_w) L.var_w = (int)strlen(vs[i]->name);
    return L;
}

static void print_header(const layout *L, const char *lead) {
    printf("# %-*s %-*s %-*s %-*s %-*s %-24s %s\n", L->lead_w - 2, lead, L->var_w, "variant",
           L->num_w, "output", L->dec_w, "output (decimal)", L->num_w, "reference", "ulp", "classes");
}

static void fmt_hex(char *b, size_t len, double v) { snprintf(b, len, "%a", v); }

/* The classes of one measured output: what ab_acc_add counted for it. */
static void classes_text(const ab_acc *a, char *b, size_t len) {
    snprintf(b, len, "%s%s%s%s%s%s", a->correctly_rounded ? "cr" : "not_cr",
             a->over_1ulp ? ",over_1ulp" : "", a->overflow ? ",overflow" : "",
             a->nan ? ",nan" : "", a->sign_errors ? ",sign" : "", a->zero_flush ? ",zero_flush" : "");
}

/* One line: lead (the input, or the row element's index and input), the
 * variant, and either its output measured against r, or its status.
 * Returns the ULP error (NAN: none). */
static double print_line(const layout *L, const char *lead, const ab_variant *v, double x,
                         double y, const ab_refval *r, const char *status) {
    char ref[40], out[40] = "-", dec[40] = "-", ulp[40] = "-", cls[160];
    fmt_hex(ref, sizeof ref, r->cr);
    double u = NAN;
    if (status) snprintf(cls, sizeof cls, "%s", status);
    else {
        ab_acc a;
        ab_acc_init(&a);
        ab_acc_add(&a, 0, x, y, r, L->prec);
        fmt_hex(out, sizeof out, y);
        snprintf(dec, sizeof dec, ab_out_prec(L->prec) == AB_F64 ? "%.17g" : "%.9g", y);
        if (a.measured) {
            u = a.max_ulp;
            snprintf(ulp, sizeof ulp, "%.17g", u);
        }
        classes_text(&a, cls, sizeof cls);
    }
    printf("  %-*s %-*s %-*s %-*s %-*s %-24s %s\n", L->lead_w - 2, lead, L->var_w, v->name,
           L->num_w, out, L->dec_w, dec, L->num_w, ref, ulp, cls);
    if (r->cap_hit) printf("# the reference hit the %d-bit cap: its rounding is not certain\n",
                           AB_REF_MAX_PREC);
    return u;
}

static size_t select_variants(const eval_opts *o, ab_precision p, const ab_variant **vs) {
    size_t n = 0;
    for (size_t k = 0; k < o->op->n_variants && n < EVAL_MAX_VARIANTS; k++) {
        const ab_variant *v = &o->op->variants[k];
        if (v->precision == p && ab_filter_match(&o->variants, v->name)) vs[n++] = v;
    }
    return n;
}

/* ---- elementwise ------------------------------------------------------------- */
static void eval_points(const eval_opts *o, ab_precision p, ab_ref_ctx *ctx) {
    const ab_variant *vs[EVAL_MAX_VARIANTS];
    size_t nv = select_variants(o, p, vs);
    if (!nv) return;
    const char *fmt = ab_precision_name(p);
    double *x = ab_xmalloc(o->nx * sizeof *x);
    for (size_t i = 0; i < o->nx; i++) {
        int changed;
        x[i] = parse_value(o->xs[i], p, &changed);
        if (changed)
            printf("note: %s is not an %s value: rounded to %a (%.*g)\n", o->xs[i], fmt, x[i],
                   ab_in_prec(p) == AB_F64 ? 17 : 9, x[i]);
    }
    printf("# %s %s: reference MPFR, correctly rounded; ulp = |output - f(x)| / ulp(f(x))\n",
           o->op->name, fmt);
    layout L = make_layout(p, 2 + (ab_in_prec(p) == AB_F64 ? 24 : 16), vs, nv);
    print_header(&L, "input");
    for (size_t i = 0; i < o->nx; i++) {
        ab_refval r;
        ab_reference_eval(ctx, o->op->act->reference, p, x[i], &r);
        char in[40], status[96];
        fmt_hex(in, sizeof in, x[i]);
        for (size_t k = 0; k < nv; k++) {
            double y = NAN;
            run_kind rk = run_point(vs[k], x[i], &y, status, sizeof status);
            print_line(&L, in, vs[k], x[i], y, &r, rk == RAN ? NULL : status);
        }
    }
    free(x);
}

/* ---- rows -------------------------------------------------------------------- */
typedef struct {
    const char *gen;
    uint64_t seed;
    size_t index;
    char buf[128];
} row_id;

/* GENERATOR:SEED:INDEX, as sweep.c writes worst_row ("%s:%" PRIu64 ":%zu"). */
static void parse_row_id(const char *s, size_t samples, row_id *id) {
    char q[256], q2[256];
    ab_msg_quote(s, q, sizeof q);
    if (strlen(s) >= sizeof id->buf)
        ab_usage_error("--row: '%s' is too long (want GENERATOR:SEED:INDEX)", q);
    strcpy(id->buf, s);
    char *c1 = strchr(id->buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1 || !c2 || strchr(c2 + 1, ':'))
        ab_usage_error("--row: '%s' is not GENERATOR:SEED:INDEX (e.g. wide:1592795174:12)", q);
    *c1 = *c2 = 0;
    id->gen = id->buf;
    if (ab_row_generator_index(id->gen) < 0) {
        char valid[512] = "";
        for (size_t i = 0, len = 0; i < ab_row_generator_count(); i++)
            len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
                                    ab_row_generator_name(i));
        ab_usage_error("--row: unknown generator '%s' in '%s' (valid: %s)",
                       ab_msg_quote(id->gen, q2, sizeof q2), q, valid);
    }
    id->seed = ab_parse_u64("--row seed", c1 + 1, 0, UINT64_MAX, 0);
    size_t rows = ab_row_generator_rows(id->gen, samples);
    uint64_t index = ab_parse_u64("--row index", c2 + 1, 0, UINT64_MAX, 0);
    if (index >= rows)
        ab_usage_error("--row: index %" PRIu64 " is beyond generator %s's %zu rows at --samples "
                       "%zu (valid: 0..%zu; give the sweep's --samples)", index, id->gen, rows,
                       samples, rows - 1);
    id->index = (size_t)index;
}

/* One variant on the row: a line per output element, then its worst
 * element (the first largest ULP error, as the sweep's worst_element). */
static void eval_row_variant(const layout *L, const ab_row_op *op, const ab_variant *v,
                             const double *x, size_t n, const ab_refval *ref, size_t m) {
    double *y = ab_xmalloc(m * sizeof *y);
    char status[96], lead[96];
    run_kind rk = run_segment(v, x, n, y, m, status, sizeof status);
    if (rk != RAN) { /* no output at all: one line, not one per element */
        print_line(L, "all -", v, NAN, NAN, &ref[0], status);
        free(y);
        return;
    }
    int same = op->output != AB_ROW_SCALAR, half = op->output == AB_ROW_HALF;
    double worst = NAN;
    size_t worst_j = 0;
    for (size_t j = 0; j < m; j++) {
        int k = snprintf(lead, sizeof lead, "%zu ", j);
        if (half) snprintf(lead + k, sizeof lead - (size_t)k, "%a g=%a", x[j], x[m + j]);
        else if (same) snprintf(lead + k, sizeof lead - (size_t)k, "%a", x[j]);
        else snprintf(lead + k, sizeof lead - (size_t)k, "row");
        double u = print_line(L, lead, v, same ? x[j] : NAN, y[j], &ref[j], NULL);
        if (!isnan(u) && (isnan(worst) || u > worst)) {
            worst = u;
            worst_j = j;
        }
    }
    if (!isnan(worst)) {
        printf("# %s: worst element %zu, %.17g ulp", v->name, worst_j, worst);
        int ref_nan = 0;
        for (size_t j = 0; j < m; j++) ref_nan |= ref[j].kind == AB_V_NAN;
        if (op->row_sum && !ref_nan)
            printf("; row-sum error %.6g", ab_row_sum_error(op->row_sum, y, m));
        putchar('\n');
    }
    free(y);
}

static void eval_row(const eval_opts *o, ab_precision p, const row_id *id, ab_row_ref_ctx *ctx) {
    const ab_variant *vs[EVAL_MAX_VARIANTS];
    size_t nv = select_variants(o, p, vs);
    if (!nv) return;
    const ab_row_op *op = o->op->row;
    double *x = ab_xmalloc(ab_row_max_len(op) * sizeof *x);
    size_t n;
    ab_row_generate(op, id->gen, id->seed, id->index, p, x, &n); /* the generator is checked */
    size_t m = ab_row_out_len(op, n);
    ab_refval *ref = ab_xmalloc(m * sizeof *ref);
    ab_row_reference_eval(ctx, op, p, x, n, ref);
    printf("# %s %s row %s:%" PRIu64 ":%zu: %zu entries, %zu output%s; reference MPFR, correctly "
           "rounded; ulp = |output - f| / ulp(f)\n", o->op->name, ab_precision_name(p), id->gen,
           id->seed, id->index, n, m, m == 1 ? "" : "s");
    if (op->output == AB_ROW_SCALAR) /* the input is the whole row */
        for (size_t j = 0; j < n; j++) printf("# x[%zu] = %a\n", j, x[j]);
    layout L = make_layout(p, 2 + 8 + (p == AB_F32 ? 16 : 24), vs, nv);
    print_header(&L, "element input");
    for (size_t k = 0; k < nv; k++) eval_row_variant(&L, op, vs[k], x, n, ref, m);
    free(ref);
    free(x);
}

int ab_cmd_eval(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    /* static: reachable when a usage error exits from deep inside. */
    static eval_opts o;
    o = (eval_opts){.prec = -1, .samples = AB_DEFAULT_SAMPLES};
    o.xs = ab_xmalloc((size_t)argc * sizeof *o.xs);
    parse_args(argc, argv, &o);
    row_id id;
    if (o.row) parse_row_id(o.row, o.samples, &id);
    /* Every input is checked in every selected precision before any
     * output, so a bad one leaves stdout empty. */
    int np = o.row ? AB_F64 + 1 : AB_PRECISION_COUNT;
    for (int p = AB_F32; p < np; p++)
        for (size_t i = 0; i < o.nx && (o.prec < 0 || o.prec == p); i++) {
            int changed;
            parse_value(o.xs[i], (ab_precision)p, &changed);
        }
    ab_ref_ctx *ec = o.row ? NULL : ab_ref_ctx_new();
    ab_row_ref_ctx *rc = o.row ? ab_row_ref_ctx_new() : NULL;
    if (!ec && !rc) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    for (int p = AB_F32; p < np; p++) {
        if (o.prec >= 0 && o.prec != p) continue;
        if (o.row) eval_row(&o, (ab_precision)p, &id, rc);
        else eval_points(&o, (ab_precision)p, ec);
    }
    ab_ref_ctx_free(ec);
    ab_row_ref_ctx_free(rc);
    free(o.variants.names);
    free(o.xs);
    mpfr_free_cache();
    return 0;
}
