/* fuzz_ranges.c: the range syntax of --range (sweep): a comma-separated
 * list of names, split by ab_parse_names and checked against the ranges of
 * the selected activations by ab_check_names, as the sweep does; every
 * accepted name then makes its inputs (ab_job_inputs_make, 16 samples).
 * The first byte picks the activation and the precision. */
#define FUZZ_TRACK_ALLOCS
#include "fuzz.h"
#include "../harness/cli.h"
#include "../harness/registry.h"
#include "../harness/sources.h"
#include "../harness/sweep.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    ab_cmd = "actbench sweep";
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    static char s[4097];
    memcpy(s, data + 1, size - 1);
    s[size - 1] = 0;
    const ab_op *op = ab_op_at(data[0] % ab_op_count());
    ab_precision p = data[0] & 0x80 ? AB_F64 : AB_F32;
    const char *valid[64];
    size_t nv = ab_source_names(op, valid, 64);
    fuzz_track_begin();
    FUZZ_TRY {
        ab_filter f;
        ab_parse_names(s, &f);
        ab_check_names("--range", &f, valid, nv);
        for (size_t i = 0; i < f.n; i++) {
            ab_job_inputs in;
            if (ab_job_inputs_make(op, p, f.names[i], 0x5eed, 16, &in) == 0) ab_job_inputs_free(&in);
        }
    }
    FUZZ_END;
    fuzz_track_end();
    return 0;
}
