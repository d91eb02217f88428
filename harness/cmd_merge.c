/* cmd_merge.c: actbench merge PARTS... -o FILE. */
#include "cli.h"
#include "commands.h"
#include "csv_io.h"
#include "csv_schema.h"
#include "partial.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: actbench merge PART... -o FILE\n"
    "Merges the partial states of `actbench sweep --shard K/N -o PART` (K = 0..N-1,\n"
    "in any order) into the accuracy CSV a single-process sweep writes, byte for\n"
    "byte.  Every shard of one selection must be given exactly once; parts of\n"
    "different selections, seeds, versions or shard counts are refused.  Plugins:\n"
    "load the same ones as the shards (actbench --plugin LIB.so merge ...).\n"
    "  -o FILE   the CSV (- for stdout); nothing is written unless the merge succeeds\n";

int ab_cmd_merge(int argc, char **argv) {
    static const char *parts[4096];
    size_t n = 0;
    const char *out = NULL, *v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        } else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) {
            out = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            ab_usage_error("unknown option '%s' (valid: -o, --help)", argv[i]);
        } else {
            if (n == 4096) ab_usage_error("at most 4096 parts");
            parts[n++] = argv[i];
        }
    }
    if (!out) ab_usage_error("no output: give -o FILE");
    if (!n) ab_usage_error("no parts to merge");
    ab_sweep_result res;
    uint64_t seed;
    size_t samples;
    char err[1024];
    if (ab_partial_merge(parts, NULL, n, &res, &seed, &samples, err, sizeof err) != 0)
        ab_usage_error("%s", err);
    ab_csv_writer w;
    if (ab_csv_open(&w, out) != 0) {
        ab_sweep_result_free(&res);
        return AB_EXIT_USAGE;
    }
    ab_write_accuracy(&w, &res, seed, samples);
    ab_sweep_result_free(&res);
    return ab_csv_commit(&w) == 0 ? 0 : AB_EXIT_USAGE;
}
