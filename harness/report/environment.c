/* environment.c: the environment section: where and how the results were
 * made, and the commands that make them again.
 *
 * Everything about the run comes from the accuracy CSV (the env_* columns
 * on every row: CPU model and flags, compiler, flags, glibc, MPFR, GMP,
 * SLEEF, commit); a column that holds different values on different rows
 * (CSVs of several builds put together) shows them all.  Only "report
 * generated" describes the report itself. */
#include "report.h"
#include "../csv_schema.h"
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define NOT_RECORDED "not recorded in the accuracy CSV"

/* The distinct non-empty values of an accuracy CSV column (the first 16),
 * in order of appearance, separated by " | "; NOT_RECORDED when none. */
static const char *recorded(const ab_results *r, const char *column, char *buf, size_t len) {
    const char *seen[16];
    size_t ns = 0, n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *v = ab_results_extra(r, i, column);
        if (!v || !*v) continue;
        size_t k = 0;
        while (k < ns && strcmp(seen[k], v)) k++;
        if (k < ns || ns == sizeof seen / sizeof *seen) continue;
        seen[ns++] = v;
        if (n < len) n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " | " : "", v);
    }
    return ns ? buf : NOT_RECORDED;
}

static void env_row(FILE *f, const char *k, const char *v) {
    fputs("<tr><th>", f);
    ESC(k);
    fputs("</th><td>", f);
    ESC(v);
    fputs("</td></tr>\n", f);
}

/* The commands that make the CSVs and the report again. */
static void reproduce(rep_ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    fputs("<p>Reproduce this run (from the repository root, at the commit "
          "above):</p>\n<pre>", f);
    fprintf(f, "make all\nbuild/actbench sweep --seed %llu --samples %llu",
            (unsigned long long)c->s->seed, (unsigned long long)c->s->samples_requested);
    fputs(" --activation ", f);
    for (size_t i = 0; i < na; i++) {
        if (i) fputc(',', f);
        ESC(acts[i]);
    }
    fputs(" \\\n    -o results/accuracy.csv --profile results/profile "
          "--special-values results/special_values.csv\n", f);
    fputs("build/actbench bench -o results/throughput.csv\n", f);
    fputs("build/actbench report\n# or, for the default catalog: make report</pre>\n", f);
}

void rep_environment(rep_ctx *c, const char *const *acts, size_t na) {
    FILE *f = c->f;
    const ab_summary *s = c->s;
    const ab_results *acc = &s->acc;
    char when[64], sweep_when[64] = "unknown", buf[2048];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    struct stat st;
    if (stat(c->o->accuracy, &st) == 0)
        strftime(sweep_when, sizeof sweep_when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&st.st_mtime));
    fputs("<section id=\"environment\"><h2>Environment</h2>\n<table class=\"env\"><tbody>\n", f);
    env_row(f, "CPU", recorded(acc, "env_cpu_model", buf, sizeof buf));
    env_row(f, "ISA flags", recorded(acc, "env_cpu_flags", buf, sizeof buf));
    env_row(f, "compiler", recorded(acc, "env_compiler", buf, sizeof buf));
    env_row(f, "compiler flags", recorded(acc, "env_cflags", buf, sizeof buf));
    env_row(f, "glibc", recorded(acc, "env_glibc", buf, sizeof buf));
    env_row(f, "MPFR", recorded(acc, "env_mpfr", buf, sizeof buf));
    env_row(f, "GMP", recorded(acc, "env_gmp", buf, sizeof buf));
    env_row(f, "SLEEF (headers)", recorded(acc, "env_sleef", buf, sizeof buf));
    env_row(f, "framework peers", recorded(acc, "env_libraries", buf, sizeof buf));
    env_row(f, "git commit", recorded(acc, "env_commit", buf, sizeof buf));
    env_row(f, "accuracy CSV written", sweep_when);
    env_row(f, "report generated", when);
    snprintf(buf, sizeof buf, "%llu (0x%llx)", (unsigned long long)s->seed, (unsigned long long)s->seed);
    env_row(f, "seed", buf);
    uint64_t total = 0;
    for (size_t i = 0; i < acc->n; i++) total += acc->rows[i].samples;
    snprintf(buf, sizeof buf, "%llu per range (smaller ranges exhaustively); %llu evaluations "
                              "in %zu rows", (unsigned long long)s->samples_requested,
             (unsigned long long)total, acc->n);
    env_row(f, "samples", buf);
    snprintf(buf, sizeof buf, "%zu activations, %zu (activation, precision, variant)", na, s->n);
    env_row(f, "catalog", buf);
    env_row(f, "throughput", s->have_tp ? c->o->throughput : "not measured");
    fputs("</tbody></table>\n", f);
    reproduce(c, acts, na);
    fputs("</section>\n", f);
}
