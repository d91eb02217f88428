/* main.c: build/actbench COMMAND [options]. */
#include "cli.h"
#include "commands.h"
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *summary;
    int (*run)(int, char **);
} commands[] = {
    {"list", "list activations and variants (CSV)", ab_cmd_list},
    {"sweep", "measure accuracy against MPFR, write results/accuracy.csv", ab_cmd_sweep},
    {"report", "write reports/index.html from the accuracy CSV", ab_cmd_report},
    {"gate", "fail (exit 1) when numerics regress against a baseline", ab_cmd_gate},
    {"baseline", "regenerate results/baseline.csv and show what changed", ab_cmd_baseline},
};

static void usage(FILE *f) {
    fprintf(f, "usage: actbench COMMAND [options]   (actbench COMMAND --help for details)\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return AB_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    static char cmd[64];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            snprintf(cmd, sizeof cmd, "actbench %s", commands[i].name);
            ab_cmd = cmd;
            return commands[i].run(argc - 1, argv + 1);
        }
    char valid[256] = "";
    for (size_t i = 0, len = 0; i < sizeof commands / sizeof *commands; i++)
        len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
                                commands[i].name);
    ab_usage_error("unknown command '%s' (valid: %s)", argv[1], valid);
}
