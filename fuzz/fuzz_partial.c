/* fuzz_partial.c: the partial-state reader behind `actbench merge` and
 * the MPI front end (ab_partial_merge on in-memory texts, as rank 0 merges
 * its ranks): the header lines, every field of a row line, the exact sums
 * (ab_xsum_parse), the shard checks and the fold of the parts
 * (ab_row_merge).  The input is split at lines "====" into 1 to 4 parts;
 * a merge that succeeds is written as the accuracy CSV (to /dev/null), as
 * merge would write it. */
#include "fuzz.h"
#include "../harness/cli.h"
#include "../harness/csv_io.h"
#include "../harness/csv_schema.h"
#include "../harness/partial.h"

static const uint8_t *split(const uint8_t *p, const uint8_t *end, size_t *len) {
    static const char sep[] = "\n====\n";
    for (const uint8_t *q = p; q + 6 <= end; q++)
        if (!memcmp(q, sep, 6)) { *len = (size_t)(q - p) + 1; return q + 6; }
    *len = (size_t)(end - p);
    return NULL;
}

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    ab_cmd = "actbench merge";
    devnull = fopen("/dev/null", "w");
    if (!devnull) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *end = data + size, *p = data;
    char *texts[4] = {NULL, NULL, NULL, NULL};
    static const char *const names[4] = {"part0", "part1", "part2", "part3"};
    size_t n = 0;
    while (p && n < 4) {
        size_t len;
        const uint8_t *next = split(p, end, &len);
        /* A NUL inside a part ends its text (the ranks' texts are C strings). */
        texts[n] = malloc(len + 1);
        if (!texts[n]) abort();
        memcpy(texts[n], p, len);
        texts[n][len] = 0;
        n++;
        p = next;
    }
    ab_sweep_result res;
    uint64_t seed;
    size_t samples;
    char err[1024];
    FUZZ_TRY {
        if (ab_partial_merge(names, (const char *const *)texts, n, &res, &seed, &samples, err,
                             sizeof err) == 0) {
            ab_csv_writer w = {devnull, NULL, NULL, 0, 0};
            ab_write_accuracy(&w, &res, seed, samples);
            ab_sweep_result_free(&res);
        } else if (!memchr(err, 0, sizeof err) || strchr(err, '\n')) {
            abort(); /* the reason must be one line */
        }
    }
    FUZZ_END;
    for (size_t i = 0; i < n; i++) free(texts[i]);
    return 0;
}
