/* fuzz_results_csv.c: the accuracy/baseline/exhaustive CSV reader
 * (ab_results_load: libcsv, the header, every typed column) and the plain
 * table reader under it (ab_csv_read). */
#include "fuzz.h"
#include "../harness/csv_io.h"
#include "../harness/csv_schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_file(0, data, size);
    char err[1024];
    ab_results r;
    FUZZ_TRY {
        if (ab_results_load(path, &r, err, sizeof err) == 0) ab_results_free(&r);
        ab_csv_table t;
        if (ab_csv_read(path, &t, err, sizeof err) == 0) {
            (void)ab_csv_column(&t, "max_ulp");
            ab_csv_table_free(&t);
        }
    }
    FUZZ_END;
    return 0;
}
