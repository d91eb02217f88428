/* main.c: build/actbench COMMAND [options]. */
#include "../api/actbench.h"
#include "cli.h"
#include "commands.h"
#include "env.h"
#include "isolate.h"
#include "plugin.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* actbench --version (and actbench version): the commit the binary was
 * built from ("-dirty": with uncommitted changes), the plugin ABI it
 * loads, and the compiler and flags. */
static int version(int argc, char **argv) {
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs("usage: actbench version (or actbench --version)\n"
              "Prints \"actbench COMMIT (ABI N)\": the commit the binary was built from\n"
              "(-dirty: with uncommitted changes) and the plugin ABI it loads\n"
              "(ACTBENCH_ABI_VERSION), then the compiler and flags.\n", stdout);
        return 0;
    }
    if (argc > 1) ab_usage_error("unknown option '%s' (valid: --help)", argv[1]);
    ab_env env;
    ab_env_read(&env);
    printf("actbench %s (ABI %d)\ncompiler: %s; flags: %s\n", env.commit, ACTBENCH_ABI_VERSION,
           env.compiler, env.cflags);
    return 0;
}

static const struct {
    const char *name, *summary;
    int (*run)(int, char **);
} commands[] = {
    {"list", "list activations and variants (CSV)", ab_cmd_list},
    {"sweep", "measure accuracy against MPFR, write results/accuracy.csv", ab_cmd_sweep},
    {"report", "write reports/index.html from the accuracy CSV", ab_cmd_report},
    {"bench", "measure throughput and latency, write results/throughput.csv", ab_cmd_bench},
    {"gate", "fail (exit 1) when numerics regress against a baseline", ab_cmd_gate},
    {"baseline", "regenerate results/baseline.csv and show what changed", ab_cmd_baseline},
    {"recommend", "fastest variant without failures within a ULP budget", ab_cmd_recommend},
    {"eval", "evaluate variants at chosen inputs (or a sweep's row) against MPFR", ab_cmd_eval},
    {"merge", "merge the partial states of sweep --shard into one accuracy CSV", ab_cmd_merge},
    {"recheck", "check that exhaustive rows still describe the code (outputs on every input)", ab_cmd_recheck},
    {"version", "print the commit, plugin ABI and compiler (also --version)", version},
};

static void usage(FILE *f) {
    fprintf(f, "usage: actbench [--plugin-timeout S] [--plugin-memory SIZE] [--plugin LIB.so]...\n"
               "                COMMAND [options]\n"
               "       actbench --version\n"
               "       (actbench COMMAND --help for details)\n\n"
               "  --plugin LIB.so      load a plugin's variants and activations (repeatable); it is\n"
               "                       first loaded in a child process, so a broken file is an error\n"
               "  --plugin-timeout S   time limit for a plugin child: loading, one variant on one\n"
               "                       range (sweep) or one measurement (bench); default 10\n"
               "  --plugin-memory SIZE memory a plugin child may add (RLIMIT_AS; K, M, G suffixes,\n"
               "                       or unlimited); default 4G or $ACTBENCH_PLUGIN_MEMORY.\n"
               "                       Limits apply to the --plugin options after them\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

/* The MPI front end (harness/mpi/) builds this file with AB_NO_MAIN and
 * calls ab_main itself. */
int ab_main(int argc, char **argv);
#ifndef AB_NO_MAIN
int main(int argc, char **argv) { return ab_main(argc, argv); }
#endif

int ab_main(int argc, char **argv) {
    /* Global options come before the command. */
    int i = 1;
    const char *v;
    ab_isolation_init(); /* $ACTBENCH_PLUGIN_MEMORY; --plugin-memory overrides it */
    while (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--help") && strcmp(argv[i], "-h")) {
        if (!strcmp(argv[i], "--version")) {
            ab_cmd = "actbench --version";
            return ab_finish_stdout(version(argc - i, argv + i));
        }
        if ((v = ab_opt_value(argc, argv, &i, "--plugin", NULL))) ab_load_plugin(v);
        else if ((v = ab_opt_value(argc, argv, &i, "--plugin-timeout", NULL))) {
            char *end;
            double t = strtod(v, &end);
            if (!*v || *end || !(t > 0) || t > 86400)
                ab_usage_error("--plugin-timeout: '%s' is not a number of seconds in (0, 86400]", v);
            ab_isolation_timeout_s = t;
        } else if ((v = ab_opt_value(argc, argv, &i, "--plugin-memory", NULL))) {
            if (ab_parse_memory_size(v, &ab_isolation_memory_bytes) != 0)
                ab_usage_error("--plugin-memory: '%s' is not a size (e.g. 4G, 512M, or unlimited)", v);
        } else {
            ab_usage_error("unknown option '%s' before the command (valid: --plugin, "
                           "--plugin-timeout, --plugin-memory, --version, --help)", argv[i]);
        }
        i++;
    }
    argc -= i - 1;
    argv += i - 1;
    char valid[512] = "";
    for (size_t i = 0, len = 0; i < sizeof commands / sizeof *commands; i++)
        len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
                                commands[i].name);
    if (argc < 2) ab_usage_error("no command (valid: %s; actbench --help for details)", valid);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return ab_finish_stdout(0);
    }
    static char cmd[64];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            snprintf(cmd, sizeof cmd, "actbench %s", commands[i].name);
            ab_cmd = cmd;
            return ab_finish_stdout(commands[i].run(argc - 1, argv + 1));
        }
    ab_usage_error("unknown command '%s' (valid: %s)", argv[1], valid);
}
