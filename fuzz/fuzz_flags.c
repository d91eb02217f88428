/* fuzz_flags.c: every command's option parsing, as the command runs it:
 * the numeric flags (--samples, --seed, --threads, --sizes, --reps,
 * --tolerance-ulp, --max-ulp), the name lists, --precision, --reference,
 * --flag=VALUE forms and missing values.
 *
 * Input: the first byte picks the command; the rest is its arguments,
 * separated by NUL or newline bytes.  Two final unknown options
 * (--fuzz-stop: the first may be taken as the value of a last flag such
 * as -o) make the command stop with its usage error right after parsing
 * everything before them, before any work: so every input ends in
 * exit(2) (or returns 0 on --help), and each value is parsed exactly as
 * on the command line. */
#define FUZZ_TRACK_ALLOCS
#include "fuzz.h"
#include "../harness/cli.h"
#include "../harness/commands.h"

static int (*const cmds[])(int, char **) = {ab_cmd_sweep, ab_cmd_bench, ab_cmd_gate,
                                             ab_cmd_baseline, ab_cmd_recommend,
                                             ab_cmd_report, ab_cmd_list};
#define NCMDS (sizeof cmds / sizeof *cmds)
#define MAX_ARGS 32

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    ab_cmd = "actbench fuzz";
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    static char buf[4097];
    size_t n = size - 1;
    memcpy(buf, data + 1, n);
    buf[n] = 0;
    char *argv[MAX_ARGS + 4];
    int argc = 0;
    argv[argc++] = "cmd";
    for (char *p = buf; p <= buf + n && argc < MAX_ARGS + 1;) {
        char *q = p;
        while (q < buf + n && *q && *q != '\n') q++;
        *q = 0;
        argv[argc++] = p;
        p = q + 1;
    }
    argv[argc++] = "--fuzz-stop";
    argv[argc++] = "--fuzz-stop";
    argv[argc] = NULL;
    fuzz_track_begin();
    FUZZ_TRY { (void)cmds[data[0] % NCMDS](argc, argv); }
    FUZZ_END;
    fuzz_track_end();
    return 0;
}
