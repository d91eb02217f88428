/* cmd_list.c: actbench list. */
#include "cli.h"
#include "commands.h"
#include "csv_io.h"
#include "json_out.h"
#include "registry.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: actbench list [--long] [--format csv|json] [-o FILE]\n"
    "Prints every variant as CSV: activation,variant,strategy,precision,isa,available.\n"
    "  --long     add declared_max_ulp, formula, library (a framework peer's name\n"
    "             and version) and unavailable_reason columns\n"
    "  --format F csv (default) or json: one document, its \"rows\" keyed by the\n"
    "             CSV's column names (README: Machine-readable output)\n"
    "  -o FILE    write to FILE instead of stdout\n";

static void write_list(ab_csv_writer *w, int lng);

/* The CSV, converted: the same columns and values. */
static int write_json(const char *out, int lng) {
    ab_csv_capture c;
    if (ab_capture_begin(&c) != 0) return AB_EXIT_USAGE;
    write_list(&c.w, lng);
    if (ab_capture_end(&c) != 0) return AB_EXIT_USAGE;
    json_t *doc = ab_json_document("variants");
    json_object_set_new(doc, "long", json_boolean(lng));
    int rc = ab_json_take_table(doc, &c, ab_list_column_type);
    if (rc == 0) rc = ab_json_write(doc, out);
    json_decref(doc);
    return rc == 0 ? 0 : AB_EXIT_USAGE;
}

int ab_cmd_list(int argc, char **argv) {
    int lng = 0;
    ab_format format = AB_FORMAT_CSV;
    const char *out = "-", *v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return 0; }
        else if (!strcmp(argv[i], "--long")) lng = 1;
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) out = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--format", NULL)))
            format = ab_parse_format(v, AB_FORMAT_CSV | AB_FORMAT_JSON);
        else ab_usage_error("unknown option '%s' (valid: --long, --format, -o, --help)", argv[i]);
    }
    if (format == AB_FORMAT_JSON) return write_json(out, lng);
    ab_csv_writer w;
    if (ab_csv_open(&w, out) != 0) return AB_EXIT_USAGE;
    write_list(&w, lng);
    return ab_csv_commit(&w) == 0 ? 0 : AB_EXIT_USAGE;
}

static void write_list(ab_csv_writer *w, int lng) {
    const char *hdr[] = {"activation", "variant", "strategy", "precision", "isa",
                         "available", "declared_max_ulp", "formula", "library",
                         "unavailable_reason"};
    ab_csv_row(w, hdr, lng ? 10 : 6);
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *e = ab_op_at(i);
        for (size_t k = 0; k < e->n_variants; k++) {
            const ab_variant *var = &e->variants[k];
            ab_csv_field(w, e->name);
            ab_csv_field(w, var->name);
            ab_csv_field(w, ab_strategy_name(var->strategy));
            ab_csv_field(w, ab_precision_name(var->precision));
            ab_csv_field(w, var->isa);
            ab_csv_field(w, ab_variant_available(var) ? "1" : "0");
            if (lng) {
                ab_csv_fieldf(w, "%.6g", var->max_ulp);
                ab_csv_field(w, var->formula);
                char b[256], r[256];
                ab_csv_field(w, ab_library_label(ab_variant_library(var), b, sizeof b));
                const char *why = ab_variant_unavailable_reason(var, r, sizeof r);
                ab_csv_field(w, why ? why : "");
            }
            ab_csv_end_row(w);
        }
    }
}
