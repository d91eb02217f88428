/* cmd_report.c: actbench report, the self-contained HTML report (see
 * report/report_gen.h for what it contains). */
#include "cli.h"
#include "commands.h"
#include "report/report_gen.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: actbench report [-i FILE] [-t FILE] [--profile DIR] [--special-values FILE]\n"
    "                       [--inputs-throughput FILE] [-o FILE] [--scripts DIR] [--no-plots] [--no-core-profiles]\n"
    "                       [--quiet]\n"
    "Writes the report as a small site: the overview (-o, default reports/index.html:\n"
    "recommendations, an index of the activations, gradients, 16-bit formats, the\n"
    "environment) and one page per activation beside it (<activation>.html), each\n"
    "self-contained (inline CSS, SVG and a little JS; nothing from the network):\n"
    "per precision a summary table, error-versus-input profiles, ULP histograms,\n"
    "overflow/NaN onsets, worst inputs with replay commands, special values,\n"
    "throughput by size and accuracy-versus-speed with the Pareto frontier.  Plots\n"
    "are drawn by gnuplot from scripts/*.gp.\n"
    "It reads only these files: descriptions, formulas, the commit and the compiler\n"
    "flags shown are the ones recorded in the accuracy CSV by the sweep.\n"
    "  -i FILE                accuracy CSV (default results/accuracy.csv)\n"
    "  -t FILE                throughput CSV (default results/throughput.csv; optional)\n"
    "  --inputs-throughput FILE  throughput CSV of `bench --inputs core,LO:HI,..`\n"
    "                         (default results/throughput_inputs.csv; optional): each\n"
    "                         page's table of speed on other inputs, as ratios to the\n"
    "                         core row of the same file\n"
    "  -e FILE                exhaustive CSV (default results/exhaustive.csv; optional):\n"
    "                         its rows replace the sampled rows of the same range\n"
    "  --profile DIR          sweep --profile output (default results/profile; optional)\n"
    "  --special-values FILE  sweep --special-values output\n"
    "                         (default results/special_values.csv; optional)\n"
    "  -o FILE                the overview (default reports/index.html); the activation\n"
    "                         pages are written in its directory\n"
    "  --scripts DIR          gnuplot scripts (default scripts/, or the one beside the binary)\n"
    "  --no-plots             tables only (no gnuplot)\n"
    "  --no-core-profiles     plot the error profile of the full range only\n";

/* An explicit --scripts must be a directory holding the plot scripts
 * (a wrong path is a mistake, not a request for a report without plots:
 * that is --no-plots). */
static void check_scripts(const char *dir) {
    struct stat st;
    if (stat(dir, &st) != 0)
        ab_usage_error("--scripts: %s: %s (a directory of gnuplot scripts, such as scripts/)", dir,
                       strerror(errno));
    if (!S_ISDIR(st.st_mode))
        ab_usage_error("--scripts: %s is not a directory (a directory of gnuplot scripts, such as "
                       "scripts/)", dir);
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/error_profile.gp", dir);
    if (access(probe, R_OK) != 0)
        ab_usage_error("--scripts: %s has no readable error_profile.gp (a directory of gnuplot "
                       "scripts, such as scripts/)", dir);
}

int ab_cmd_report(int argc, char **argv) {
    ab_report_opts o;
    ab_report_opts_init(&o);
    int quiet = 0, out_given = 0, scripts_given = 0;
    const char *v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(help, stdout); return 0; }
        else if (!strcmp(argv[i], "--quiet")) quiet = 1;
        else if (!strcmp(argv[i], "--no-plots")) o.plots = 0;
        else if (!strcmp(argv[i], "--no-core-profiles")) o.core_profiles = 0;
        else if ((v = ab_opt_value(argc, argv, &i, "--input", "-i"))) o.accuracy = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--throughput", "-t"))) o.throughput = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--exhaustive", "-e"))) o.exhaustive = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--profile", NULL))) o.profile_dir = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--special-values", NULL))) o.special_values = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--inputs-throughput", NULL))) o.inputs_throughput = v;
        else if ((v = ab_opt_value(argc, argv, &i, "--output", "-o"))) { o.output = v; out_given = 1; }
        else if ((v = ab_opt_value(argc, argv, &i, "--scripts", NULL))) { o.scripts = v; scripts_given = 1; }
        else ab_usage_error("unknown option '%s' (valid: -i, -t, -e, --profile, --special-values, --inputs-throughput, -o, "
                            "--scripts, --no-plots, --no-core-profiles, --quiet, --help)",
                            argv[i]);
    }
    if (scripts_given) check_scripts(o.scripts);
    if (!out_given) mkdir("reports", 0777);
    char err[1024];
    if (ab_report_generate(&o, quiet, err, sizeof err) != 0) {
        if (err[0]) ab_usage_error("%s", err);
        return AB_EXIT_USAGE;
    }
    return 0;
}
