/* csv_schema.h: the accuracy CSV (results/accuracy.csv, the baseline) as
 * one table.  Each column has a name, the type it is read back as, whether
 * a file must have it, and how a sweep row writes it.  The writer, the
 * reader (typed rows with file:line errors), the gate, recommend and the
 * report all go through this table.
 *
 * Types: STR (text), NUM (a double; empty = NAN in an optional column),
 * U64 (decimal), BOOL (0 or 1).  The measured errors are written with 17
 * significant digits, so they read back to the same double (1.0000000205
 * is not 1); declared bounds and ratios with 6.
 * Writers see: w (the writer), r (const ab_row *), a (&r->acc), c (const
 * ab_csv_ctx *: seed, samples, env). */
#ifndef AB_CSV_SCHEMA_H
#define AB_CSV_SCHEMA_H
#include <stddef.h>
#include <stdint.h>
#include "csv_io.h"
#include "env.h"
#include "sweep.h"

/* Each property's columns (properties.h): inputs checked, violations,
 * and the first violating input (hex float; a NaN as nan:0x<bits>). */
#define AB_PROPERTY_COLUMNS(X, p, k)                                                   \
    X(p##_checked,        U64,  0, W_U64(r->props.checked[k]))                         \
    X(p##_violations,     U64,  0, W_U64(r->props.violations[k]))                      \
    X(p##_first,          STR,  0, ab_csv_write_prop_first(w, r, k))

#define AB_ACCURACY_COLUMNS(X)                                                         \
    X(activation,         STR,  1, W_STR(r->op->name))                                 \
    X(variant,            STR,  1, W_STR(r->var->name))                                \
    X(strategy,           STR,  1, W_STR(ab_strategy_name(r->var->strategy)))          \
    X(precision,          STR,  1, W_STR(ab_precision_name(r->prec)))                  \
    X(range,              STR,  1, W_STR(r->range))                                    \
    X(lo,                 NUM,  0, W_HEX(r->lo, !isnan(r->lo)))                        \
    X(hi,                 NUM,  0, W_HEX(r->hi, !isnan(r->hi)))                        \
    X(samples,            U64,  1, W_U64(a->samples))                                  \
    X(max_ulp,            NUM,  1, W_G17(a->max_ulp))                                  \
    X(worst_input,        STR,  1, W_HEX(a->worst_input, a->has_worst && !ab_row_input_is_row(r))) \
    X(worst_output,       STR,  1, W_HEX(a->worst_output, a->has_worst))               \
    X(worst_reference,    STR,  1, W_HEX(a->worst_reference, a->has_worst))            \
    X(mean_ulp,           NUM,  0, W_G17(ab_acc_mean_ulp(a)))                          \
    X(correctly_rounded,  NUM,  1, W_F6(a->samples ? (double)a->correctly_rounded / a->samples : 0.0)) \
    X(over_1ulp,          U64,  0, W_U64(a->over_1ulp))                                \
    X(overflow,           U64,  1, W_U64(a->overflow))                                 \
    X(nan,                U64,  1, W_U64(a->nan))                                      \
    X(sign_errors,        U64,  1, W_U64(a->sign_errors))                              \
    X(zero_flush,         U64,  1, W_U64(a->zero_flush))                               \
    X(max_rel_error,      NUM,  0, W_G17(a->max_rel))                                  \
    X(max_abs_error,      NUM,  0, W_G17(a->max_abs))                                  \
    X(double_rounded,     U64,  0, W_U64(a->double_rounded))                           \
    AB_PROPERTY_COLUMNS(X, range, AB_PROP_RANGE)                                       \
    AB_PROPERTY_COLUMNS(X, monotone, AB_PROP_MONOTONE)                                 \
    AB_PROPERTY_COLUMNS(X, symmetry, AB_PROP_SYMMETRY)                                 \
    AB_PROPERTY_COLUMNS(X, nan_class, AB_PROP_NAN_CLASS)                               \
    AB_PROPERTY_COLUMNS(X, inf_class, AB_PROP_INF_CLASS)                               \
    X(properties,         STR,  0, ab_csv_write_properties(w, r))                      \
    X(expected_failure,   STR,  0, ab_csv_write_expected(w, r))                        \
    X(isa,                STR,  0, W_STR(r->var->isa))                                 \
    X(declared_max_ulp,   NUM,  1, W_G6(r->var->max_ulp))                              \
    X(within_bound,       BOOL, 1, W_BOOL(ab_row_within_bound(r)))                     \
    X(exhaustive,         BOOL, 0, W_BOOL(r->exhaustive))                              \
    X(ulp_metric,         STR,  0, W_STR(AB_ULP_METRIC))                               \
    X(ref_cap_hits,       U64,  0, W_U64(r->cap_hits))                                 \
    X(ref_fallbacks,      U64,  0, W_U64(r->ref_fallbacks))                            \
    X(output_hash,        STR,  1, ab_csv_fieldf(w, "%016" PRIx64, r->output_hash))    \
    X(overflow_onset,     NUM,  0, W_HEX(a->overflow_onset, !isnan(a->overflow_onset))) \
    X(nan_onset,          NUM,  0, W_HEX(a->nan_onset, !isnan(a->nan_onset)))          \
    X(ulp_histogram,      STR,  0, ab_csv_write_histogram(w, a))                       \
    X(status,             STR,  1, ab_csv_write_status(w, r))                          \
    X(last_input,         NUM,  0, W_HEX(r->last_input, r->run.status != AB_RUN_OK && !isnan(r->last_input))) \
    X(seed,               U64,  1, W_U64(c->seed))                                     \
    X(samples_requested,  U64,  1, W_U64(c->samples))                                  \
    X(env_cpu_flags,      STR,  0, W_STR(c->env.isa_flags))                            \
    X(env_glibc,          STR,  0, W_STR(c->env.glibc))                                \
    X(env_compiler,       STR,  0, W_STR(c->env.compiler))                             \
    X(env_commit,         STR,  0, W_STR(c->env.commit))                               \
    X(env_cflags,         STR,  0, W_STR(c->env.cflags))                               \
    X(env_cpu_model,      STR,  0, W_STR(c->env.cpu_model))                            \
    X(env_mpfr,           STR,  0, W_STR(c->env.mpfr))                                 \
    X(env_gmp,            STR,  0, W_STR(c->env.gmp))                                  \
    X(env_sleef,          STR,  0, W_STR(c->env.sleef))                                \
    X(env_libraries,      STR,  0, W_STR(c->env.libraries))                            \
    X(description,        STR,  0, W_STR(r->op->description ? r->op->description : "")) \
    X(formula,            STR,  0, W_STR(r->var->formula))                             \
    X(row_sum_error,      NUM,  0, W_G6E(r->row_sum_error))                            \
    X(worst_row,          STR,  0, W_STR(r->worst_row))                                \
    X(worst_element,      STR,  0, ab_csv_write_worst_element(w, r))                   \
    X(neg_inf_row_policy, STR,  0, W_STR(r->neg_inf_row_policy ? r->neg_inf_row_policy : "")) \
    X(library,            STR,  0, ab_csv_write_library(w, r))

/* ---- writing ------------------------------------------------------------------ */
typedef struct {
    uint64_t seed;
    size_t samples;
    ab_env env;
} ab_csv_ctx;

void ab_write_accuracy_header(ab_csv_writer *w);
void ab_write_accuracy_row(ab_csv_writer *w, const ab_row *r, const ab_csv_ctx *c);
/* A whole sweep result: header and rows. */
void ab_write_accuracy(ab_csv_writer *w, const ab_sweep_result *res, uint64_t seed,
                       size_t samples);
/* Writers of the columns that take more than one expression. */
void ab_csv_write_histogram(ab_csv_writer *w, const ab_acc *a);
void ab_csv_write_status(ab_csv_writer *w, const ab_row *r);
/* The framework library and version a variant calls ("" for none). */
void ab_csv_write_library(ab_csv_writer *w, const ab_row *r);
void ab_csv_write_worst_element(ab_csv_writer *w, const ab_row *r);
void ab_csv_write_prop_first(ab_csv_writer *w, const ab_row *r, ab_prop k);
/* The activation's declared properties (ab_props_describe). */
void ab_csv_write_properties(ab_csv_writer *w, const ab_row *r);
/* The variant's expected failures, "classes: reason" (verdict.h), or "". */
void ab_csv_write_expected(ab_csv_writer *w, const ab_row *r);
/* Whether the row's result lies within the variant's declared bound. */
int ab_row_within_bound(const ab_row *r);
/* A scalar row operation's worst input is a whole row (worst_row). */
int ab_row_input_is_row(const ab_row *r);

/* ---- reading ------------------------------------------------------------------ */
#define AB_T_STR const char *
#define AB_T_NUM double
#define AB_T_U64 uint64_t
#define AB_T_BOOL int

typedef struct {
#define AB_FIELD(name, type, required, writer) AB_T_##type name;
    AB_ACCURACY_COLUMNS(AB_FIELD)
#undef AB_FIELD
    size_t line;            /* where the row is in its file */
} ab_result_row;

typedef struct {
    ab_csv_table csv;       /* owns the strings */
    ab_result_row *rows;
    size_t n;
    const char *path;
} ab_results;

/* Returns 0, or -1 with a message "file:line: ..." in err.  Checks the
 * required columns, every column's type, and duplicate keys.  An
 * optional column a file lacks reads as "" or NAN or 0. */
int ab_results_load(const char *path, ab_results *r, char *err, size_t errlen);
void ab_results_free(ab_results *r);
/* The row with the same (activation, variant, precision, range), or NULL. */
const ab_result_row *ab_results_find(const ab_results *r, const ab_result_row *key);
/* A column outside the schema; NULL when absent. */
const char *ab_results_extra(const ab_results *r, size_t row, const char *column);
#endif
