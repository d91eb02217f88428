/* accuracy_csv.c: one CSV row per (activation, variant, precision, range). */
#include "accuracy_csv.h"
#include "registry.h"
#include "rows.h"
#include <inttypes.h>
#include <math.h>

const char *const ab_accuracy_columns[] = {
    "activation", "variant", "strategy", "precision", "range", "lo", "hi",
    "samples", "max_ulp", "worst_input", "worst_output", "worst_reference",
    "mean_ulp", "correctly_rounded", "over_1ulp", "overflow", "nan",
    "sign_errors", "zero_flush", "max_rel_error", "max_abs_error",
    "isa", "declared_max_ulp", "within_bound", "exhaustive", "ref_cap_hits",
    "output_hash", "overflow_onset", "nan_onset", "ulp_histogram", "status", "last_input", "seed", "samples_requested", "env_cpu_flags", "env_glibc",
    "env_compiler", "env_commit", "env_cflags", "description", "formula", "row_sum_error", "worst_row", "worst_element", "neg_inf_row_policy"};
const size_t ab_accuracy_ncolumns = AB_COUNT(ab_accuracy_columns);

void ab_write_accuracy_header(ab_csv_writer *w) {
    ab_csv_row(w, ab_accuracy_columns, ab_accuracy_ncolumns);
}

int ab_row_within_bound(const ab_row *r) {
    return !(r->acc.max_ulp > r->var->max_ulp);
}

/* Hex floats replay exactly; "%a" of a float promoted to double is the
 * float's value. */
static void hexf(ab_csv_writer *w, double v, int have) {
    if (have) ab_csv_fieldf(w, "%a", v);
    else ab_csv_field(w, "");
}

/* The elementwise columns.  input_is_row: a row operation with a scalar
 * output, whose input is a whole row (named by worst_row), not a value. */
static void write_fields(ab_csv_writer *w, const ab_row *r, uint64_t seed, size_t samples,
                         const ab_env *env, int input_is_row) {
    const ab_acc *a = &r->acc;
    ab_csv_field(w, r->act->name);
    ab_csv_field(w, r->var->name);
    ab_csv_field(w, ab_strategy_name(r->var->strategy));
    ab_csv_field(w, ab_precision_name(r->prec));
    ab_csv_field(w, r->range);
    hexf(w, r->lo, !isnan(r->lo));
    hexf(w, r->hi, !isnan(r->hi));
    ab_csv_fieldf(w, "%" PRIu64, a->samples);
    ab_csv_fieldf(w, "%.6g", a->max_ulp);
    hexf(w, a->worst_input, a->has_worst && !input_is_row);
    hexf(w, a->worst_output, a->has_worst);
    hexf(w, a->worst_reference, a->has_worst);
    ab_csv_fieldf(w, "%.6g", ab_acc_mean_ulp(a));
    ab_csv_fieldf(w, "%.6f", a->samples ? (double)a->correctly_rounded / a->samples : 0.0);
    ab_csv_fieldf(w, "%" PRIu64, a->over_1ulp);
    ab_csv_fieldf(w, "%" PRIu64, a->overflow);
    ab_csv_fieldf(w, "%" PRIu64, a->nan);
    ab_csv_fieldf(w, "%" PRIu64, a->sign_errors);
    ab_csv_fieldf(w, "%" PRIu64, a->zero_flush);
    ab_csv_fieldf(w, "%.6g", a->max_rel);
    ab_csv_fieldf(w, "%.6g", a->max_abs);
    ab_csv_field(w, r->var->isa);
    ab_csv_fieldf(w, "%.6g", r->var->max_ulp);
    ab_csv_field(w, ab_row_within_bound(r) ? "1" : "0");
    ab_csv_field(w, r->exhaustive ? "1" : "0");
    ab_csv_fieldf(w, "%" PRIu64, r->cap_hits);
    ab_csv_fieldf(w, "%016" PRIx64, r->output_hash);
    hexf(w, a->overflow_onset, !isnan(a->overflow_onset));
    hexf(w, a->nan_onset, !isnan(a->nan_onset));
    char hist[AB_HIST_BINS * 21];
    size_t len = 0;
    for (int k = 0; k < AB_HIST_BINS; k++)
        len += (size_t)snprintf(hist + len, sizeof hist - len, "%s%" PRIu64, k ? ";" : "", a->hist[k]);
    ab_csv_field(w, hist);
    char st[64];
    ab_csv_field(w, ab_run_status_text(&r->run, st, sizeof st));
    hexf(w, r->last_input, r->run.status != AB_RUN_OK);
    ab_csv_fieldf(w, "%" PRIu64, seed);
    ab_csv_fieldf(w, "%zu", samples);
    ab_csv_field(w, env->isa_flags);
    ab_csv_field(w, env->glibc);
    ab_csv_field(w, env->compiler);
    ab_csv_field(w, env->commit);
    ab_csv_field(w, env->cflags);
    ab_csv_field(w, r->act->description ? r->act->description : "");
    ab_csv_field(w, r->var->formula);
}

void ab_write_accuracy_row(ab_csv_writer *w, const ab_row *r, uint64_t seed,
                           size_t samples, const ab_env *env) {
    write_fields(w, r, seed, samples, env, 0);
    ab_rows_write_extra(w, NULL);
    ab_csv_end_row(w);
}

void ab_write_accuracy_rows(ab_csv_writer *w, const ab_rows_result *res, uint64_t seed,
                            size_t samples) {
    ab_env env;
    ab_env_read(&env);
    for (size_t i = 0; i < res->n; i++) {
        write_fields(w, &res->rows[i].base, seed, samples, &env, res->rows[i].scalar);
        ab_rows_write_extra(w, &res->rows[i]);
        ab_csv_end_row(w);
    }
}

void ab_write_accuracy(ab_csv_writer *w, const ab_sweep_result *res, uint64_t seed,
                       size_t samples) {
    ab_env env;
    ab_env_read(&env);
    ab_write_accuracy_header(w);
    for (size_t i = 0; i < res->n; i++)
        ab_write_accuracy_row(w, &res->rows[i], seed, samples, &env);
}
