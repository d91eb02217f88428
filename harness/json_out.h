/* json_out.h: --format json, through jansson.  A command's table output is
 * written as CSV first (its one writer, into memory) and converted here,
 * so the JSON rows carry exactly the CSV's columns, under the same names.
 *
 * JSON for a table: an object with the metadata (schema_version, kind,
 * actbench: commit, ABI, compiler, flags; and what the command adds, e.g.
 * seed) and "columns" (the CSV header, in order) and "rows" (one object
 * per CSV row, keyed by column name).  Typed columns:
 *   integer  JSON integer (one beyond int64 stays a string)
 *   number   JSON number; a hex float (0x1.8p+3, exact), inf, -inf and nan
 *            (JSON has no non-finite numbers) stay strings as in the CSV
 *   boolean  true / false (the CSV's 1 / 0)
 *   text     string
 * An empty cell in a typed column is null. */
#ifndef AB_JSON_OUT_H
#define AB_JSON_OUT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "csv_io.h"

#define AB_JSON_SCHEMA_VERSION 1

typedef enum { AB_FORMAT_CSV = 1, AB_FORMAT_JSON = 2, AB_FORMAT_GBENCH = 4 } ab_format;
/* --format VALUE, one of the formats in `allowed` (a mask of the above);
 * else one line on stderr and exit 2. */
ab_format ab_parse_format(const char *v, unsigned allowed);

typedef enum { AB_JT_TEXT, AB_JT_NUMBER, AB_JT_INTEGER, AB_JT_BOOL } ab_json_type;
/* A column's type by its name (unknown names: text). */
typedef ab_json_type (*ab_column_type_fn)(const char *column);
ab_json_type ab_accuracy_column_type(const char *column);   /* csv_schema.h's table */
ab_json_type ab_throughput_column_type(const char *column); /* bench.h's columns */
ab_json_type ab_list_column_type(const char *column);       /* actbench list */

/* A CSV writer into memory: ab_capture_begin points c->w at a buffer;
 * ab_capture_end closes it and leaves the text in c->text (NUL-terminated,
 * free it).  Both return -1 (one line on stderr) on failure. */
typedef struct {
    ab_csv_writer w;
    char *text;
    size_t len;
} ab_csv_capture;
int ab_capture_begin(ab_csv_capture *c);
int ab_capture_end(ab_csv_capture *c);

/* A new document: schema_version, kind, actbench {commit, abi, compiler,
 * cflags}. */
json_t *ab_json_document(const char *kind);
/* Adds "columns" and "rows" from CSV text (header first) to doc; returns
 * -1 with a message in err when the text is not CSV. */
int ab_json_add_table(json_t *doc, const char *csv, size_t len, ab_column_type_fn type,
                      char *err, size_t errlen);
/* Converts c's CSV text (ab_capture_end done) into doc's "columns" and
 * "rows", and frees the text; 0, or -1 with one line on stderr. */
int ab_json_take_table(json_t *doc, ab_csv_capture *c, ab_column_type_fn type);
/* Sets key to an unsigned integer (beyond int64: its decimal string). */
void ab_json_set_u64(json_t *obj, const char *key, uint64_t v);
/* Sets key to a double: a JSON number when finite, else "inf", "-inf",
 * "nan"; NAN with nan_is_null is null. */
void ab_json_set_double(json_t *obj, const char *key, double v, int nan_is_null);
/* Dumps doc (indented, a final newline) into w's file; 0, or -1 with w's
 * error flag set.  w: a writer from ab_csv_open, committed by the caller
 * (ab_csv_commit, or ab_csv_finish with an output set). */
int ab_json_dump(const json_t *doc, ab_csv_writer *w);
/* ab_csv_open, ab_json_dump, ab_csv_commit: the document to path ("-":
 * stdout), through a temporary renamed into place.  0, or -1 (said). */
int ab_json_write(const json_t *doc, const char *path);
#endif
