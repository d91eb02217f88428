/* test_bad_inputs.c: the bad-input catalogue (issue 12).  One table, one
 * runner.  Every case runs build/actbench once, in an empty working
 * directory, with a precious pre-existing output file (@out, given as -o
 * or --junit where the command writes one), and asserts:
 *   - the exit status (2 for bad input; 0 for the inputs documented as
 *     accepted, such as a UTF-8 byte order mark);
 *   - exactly one line on stderr, naming the problem (a needle), or none
 *     for an accepted input;
 *   - @out unchanged, nothing else in its directory (no temporary file),
 *     nothing left in the working directory.
 * Files: see bad_inputs_fixture.c (real CSVs from a 16-sample sweep, and
 * malformed copies).  Names in a CSV must be 1-64 characters from
 * A-Z a-z 0-9 _ . + -, starting with a letter, a digit or _ (names.h).
 *
 * Placeholders in the arguments: @D/x is the fixture's file x, @P/x the
 * plugin x in $ACTBENCH_PLUGINS, @out the precious output. */
#include "bad_inputs_fixture.h"
#include "subprocess.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

TestSuite(bad_inputs, .timeout = 240);

enum { FULL = 1, ACCEPT = 2 };

typedef struct {
    const char *args[24];
    const char *needle;   /* in the one stderr line (ACCEPT: unused) */
    int flags;            /* FULL: stdout is /dev/full; ACCEPT: exit 0, no stderr */
} bad_case;

#define SW "sweep", "--quiet", "--range", "special", "--samples", "16", "-o", "@out"
#define BE "bench", "--quiet", "--activation", "relu", "--variant", "naive", "--sizes", "4K", \
           "--reps", "1", "-o", "@out"
#define GA "gate", "--results", "@D/acc.csv", "--junit", "@out"
#define RE "report", "--quiet", "--no-plots", "-o", "@out"
#define RI "report", "--quiet", "--no-plots", "-i", "@D/acc.csv", "-o", "@out"
#define RC "recommend", "-i", "@D/acc.csv"
#define BL "baseline", "--samples", "16", "-o", "@out"

static const bad_case cases[] = {
    /* ---- the command line before the command ---- */
    {{NULL}, "no command (valid: list, sweep", 0},
    {{"frobnicate"}, "unknown command 'frobnicate'", 0},
    {{"--frob", "list"}, "unknown option '--frob'", 0},
    {{"--plugin-timeout", "0", "list"}, "--plugin-timeout", 0},
    {{"--plugin-timeout", "abc", "list"}, "--plugin-timeout", 0},
    {{"--plugin-timeout", "1e999", "list"}, "--plugin-timeout", 0},
    {{"--plugin-timeout", "", "list"}, "--plugin-timeout", 0},
    {{"--plugin"}, "--plugin needs a value", 0},
    {{"--help"}, "cannot write the standard output", FULL},
    /* ---- plugins ---- */
    {{"--plugin", "@D/nonexistent.so", "list"}, "cannot load", 0},
    {{"--plugin", "@D/acc.csv", "list"}, "cannot load", 0},
    {{"--plugin", "@D/prof", "list"}, "cannot load", 0},
    {{"--plugin", "@P/malformed_1.so", "list"}, "missing symbol", 0},
    {{"--plugin", "@P/malformed_2.so", "list"}, "ABI version", 0},
    {{"--plugin", "@P/malformed_3.so", "list"}, "duplicate variant", 0},
    {{"--plugin", "@P/malformed_4.so", "list"}, "no operation named", 0},
    {{"--plugin", "@P/malformed_5.so", "list"}, "no MPFR reference", 0},
    /* ---- list ---- */
    {{"list", "--frob"}, "unknown option '--frob'", 0},
    {{"list", "-o"}, "-o needs a value", 0},
    {{"list", "-o", "@D/nodir/x.csv"}, "cannot write", 0},
    {{"list"}, "cannot write the standard output", FULL},
    {{"list", "-o", "@out", "--frob"}, "unknown option", 0},
    /* ---- sweep ---- */
    {{SW, "--activation", "no_such"}, "unknown name 'no_such'", 0},
    {{SW, "--activation", "relu,,tanh"}, "empty name", 0},
    {{SW, "--activation", "relu,"}, "empty name", 0},
    {{SW, "--activation", ""}, "empty name", 0},
    {{SW, "--activation", "<script>"}, "unknown name '<script>'", 0},
    {{SW, "--variant", "no_such"}, "unknown name", 0},
    {{SW, "--variant", ",stable"}, "empty name", 0},
    {{SW, "--range", "no_such"}, "--range", 0},
    {{SW, "--range", ","}, "--range", 0},
    {{SW, "--range", "../core"}, "--range", 0},
    {{SW, "--precision", "f8"}, "unknown precision 'f8'", 0},
    {{SW, "--samples", "0"}, "out of range", 0},
    {{SW, "--samples", "abc"}, "not a whole number", 0},
    {{SW, "--samples", "-1"}, "not a whole number", 0},
    {{SW, "--samples", "1.5"}, "not a whole number", 0},
    {{SW, "--samples", "99999999999999999999999"}, "not a whole number", 0},
    {{SW, "--samples", "1K1"}, "not a whole number", 0},
    {{SW, "--samples", ""}, "empty value", 0},
    {{SW, "--samples"}, "--samples needs a value", 0},
    {{SW, "--seed", "x"}, "--seed", 0},
    {{SW, "--seed", "1e3"}, "--seed", 0},
    {{SW, "--threads", "0"}, "--threads", 0},
    {{SW, "--threads", "100000"}, "--threads", 0},
    {{SW, "--reference", "mpfr"}, "only with --exhaustive", 0},
    {{SW, "--exhaustive", "--reference", "fastest"}, "--reference", 0},
    {{SW, "--exhaustive", "--precision", "f64"}, "f32 only", 0},
    {{SW, "--exhaustive", "--activation", "softmax"}, "row operation", 0},
    {{SW, "--special-values", "@D/nodir/sv.csv"}, "cannot write", 0},
    {{SW, "stray"}, "unknown option 'stray'", 0},
    {{"sweep", "--quiet", "--range", "special", "--samples", "16", "-o", "@D/nodir/x.csv"}, "cannot write", 0},
    {{"sweep", "--quiet", "--range", "special", "--samples", "16", "-o", "@D/prof"}, "cannot write", 0},
    {{"sweep", "--quiet", "--activation", "relu", "--range", "special", "--samples", "16", "-o",
      "-"}, "cannot write the standard output", FULL},
    /* ---- sweep: --range LO:HI, --inputs, --search, --shard (issue 13) ---- */
    {{SW, "--range", "2:1"}, "LO > HI", 0},
    {{SW, "--range", "special,0x1p1:0x1p0"}, "LO > HI", 0},
    {{SW, "--range", "nan:1"}, "not finite", 0},
    {{SW, "--range", "0:inf"}, "not finite", 0},
    {{SW, "--range", "-inf:0"}, "not finite", 0},
    {{SW, "--range", "1e300:1e301"}, "does not fit f32", 0},
    {{SW, "--precision", "f64", "--range", "1e400:1e401"}, "does not fit f64", 0},
    /* 0.1 is no binary value: rounded inward, LO's up is above HI's down */
    {{SW, "--precision", "f64", "--range", "0.1:0.1"}, "holds no f64 value", 0},
    {{SW, "--precision", "f32", "--range", "0.1:0.1"}, "holds no f32 value", 0},
    {{SW, "--range", "1:2:3"}, "is not LO:HI", 0},
    {{SW, "--range", "0x1p0:abc"}, "not a number", 0},
    {{SW, "--range", "1:"}, "not a number", 0},
    {{SW, "--range", ":1"}, "not a number", 0},
    {{SW, "--range", " 1:2"}, "not a number", 0},
    {{SW, "--range", "\t1:2"}, "write the bounds with", 0},
    {{SW, "--range", "0.10000000000000000000000000000000000000000000000000000000001:1"},
     "write the bounds with", 0},
    {{SW, "--activation", "softmax", "--range", "0:1"}, "elementwise activations only", 0},
    {{SW, "--inputs", "@D/nonexistent.txt"}, "cannot read", 0},
    {{SW, "--inputs", "@D/prof"}, "read error", 0},
    {{SW, "--inputs", "@D/acc.csv"}, "acc.csv:1: ", 0},
    {{SW, "--inputs"}, "--inputs needs a value", 0},
    {{SW, "--exhaustive", "--inputs", "@D/acc.csv"}, "not with --inputs", 0},
    {{SW, "--exhaustive", "--search"}, "not with --search", 0},
    {{SW, "--budget", "16"}, "only with --search", 0},
    {{SW, "--search", "--budget", "0"}, "out of range", 0},
    {{SW, "--search", "--budget", "x"}, "--budget", 0},
    {{SW, "--shard", "3/2"}, "--shard", 0},
    {{SW, "--shard", "2/2"}, "--shard", 0},
    {{SW, "--shard", "0/0"}, "--shard", 0},
    {{SW, "--shard", "0/65537"}, "--shard", 0},
    {{SW, "--shard", "-1/2"}, "--shard", 0},
    {{SW, "--shard", "1/2x"}, "--shard", 0},
    {{SW, "--shard", "1"}, "--shard", 0},
    {{SW, "--shard", "a/b"}, "--shard", 0},
    {{SW, "--shard", "/2"}, "--shard", 0},
    {{SW, "--shard", ""}, "--shard", 0},
    {{"sweep", "--quiet", "--range", "special", "--samples", "16", "--shard", "0/2"}, "with -o", 0},
    {{SW, "--shard", "0/2", "--special-values", "@D/sv_new.csv"}, "not with --special-values", 0},
    {{SW, "--shard", "0/2", "--profile", "@D/prof_new"}, "not with --profile", 0},
    /* ---- merge (more in test_shards.c) ---- */
    {{"merge", "-o", "@out"}, "no parts", 0},
    {{"merge", "@D/acc.csv"}, "give -o", 0},
    {{"merge", "@D/acc.csv", "-o", "@out"}, "not an actbench partial", 0},
    {{"merge", "@D/nonexistent.part", "-o", "@out"}, "cannot read", 0},
    {{"merge", "@D/prof", "-o", "@out"}, "read error", 0},
    {{"merge", "@D/a_empty.csv", "-o", "@out"}, "truncated", 0},
    {{"merge", "--frob", "-o", "@out"}, "unknown option", 0},
    /* ---- bench ---- */
    {{BE, "--sizes", "4K,,8K"}, "empty value", 0},
    {{BE, "--sizes", "4K,"}, "empty value", 0},
    {{BE, "--sizes", ""}, "empty value", 0},
    {{BE, "--sizes", "0"}, "out of range", 0},
    {{BE, "--sizes", "1G"}, "not a whole number", 0},
    {{BE, "--sizes", "512M"}, "out of range", 0},
    {{BE, "--sizes", "-4K"}, "not a whole number", 0},
    {{BE, "--sizes", "4K;8K"}, "not a whole number", 0},
    {{BE, "--reps", "0"}, "--reps", 0},
    {{BE, "--reps", "many"}, "--reps", 0},
    {{BE, "--activation", "no_such"}, "unknown name", 0},
    {{BE, "--activation", "relu,,relu6"}, "empty name", 0},
    {{BE, "--variant", "no_such"}, "--variant", 0},
    {{BE, "--precision", "f8"}, "--precision", 0},
    {{BE, "--frob"}, "unknown option", 0},
    {{"bench", "--quiet", "--activation", "relu", "--variant", "naive", "--sizes", "4K", "--reps",
      "1", "-o", "@D/prof"}, "cannot write", 0},
    /* ---- gate: flags ---- */
    {{"gate", "--junit", "@out"}, "--baseline FILE is required", 0},
    {{GA, "--baseline", "@D/acc.csv", "--tolerance-ulp", "-1"}, "--tolerance-ulp", 0},
    {{GA, "--baseline", "@D/acc.csv", "--tolerance-ulp", "x"}, "--tolerance-ulp", 0},
    {{GA, "--baseline", "@D/acc.csv", "--tolerance-ulp", "1e999"}, "--tolerance-ulp", 0},
    {{GA, "--baseline", "@D/acc.csv", "--threads", "0"}, "--threads", 0},
    {{GA, "--baseline", "@D/acc.csv", "--frob"}, "unknown option", 0},
    {{"gate", "--baseline", "@out", "--junit", "@out"}, "is the baseline", 0},
    {{"gate", "--baseline", "@D/acc.csv", "--results", "@D/acc.csv", "--junit", "@D/nodir/j.xml"}, "cannot write", 0},
    {{"gate", "--baseline", "@D/acc.csv", "--results", "@D/acc.csv"}, "cannot write the standard output", FULL},
    /* ---- gate: the baseline (the accuracy CSV reader) ---- */
    {{GA, "--baseline", "@D/nonexistent.csv"}, "No such file", 0},
    {{GA, "--baseline", "@D/prof"}, "is a directory", 0},
    {{GA, "--baseline", "/dev/zero"}, "is a device", 0},
    {{GA, "--baseline", "@D/a_empty.csv"}, "empty file", 0},
    {{GA, "--baseline", "@D/a_header.csv"}, "a_header.csv", 0},
    {{GA, "--baseline", "@D/a_nocol_maxulp.csv"}, "missing column 'max_ulp'", 0},
    {{GA, "--baseline", "@D/a_nocol_act.csv"}, "missing column 'activation'", 0},
    {{GA, "--baseline", "@D/a_maxulp_abc.csv"}, "'abc' is not valid", 0},
    {{GA, "--baseline", "@D/a_maxulp_huge.csv"}, "'1e999999' is out of range", 0},
    {{GA, "--baseline", "@D/a_maxulp_nan.csv"}, "column 'max_ulp'", 0},
    {{GA, "--baseline", "@D/a_maxulp_neg.csv"}, "column 'max_ulp'", 0},
    {{GA, "--baseline", "@D/a_maxulp_empty.csv"}, "column 'max_ulp'", 0},
    {{GA, "--baseline", "@D/a_samples_neg.csv"}, "column 'samples'", 0},
    {{GA, "--baseline", "@D/a_samples_frac.csv"}, "column 'samples'", 0},
    {{GA, "--baseline", "@D/a_samples_huge.csv"}, "column 'samples'", 0},
    {{GA, "--baseline", "@D/a_prec.csv"}, "column 'precision'", 0},
    {{GA, "--baseline", "@D/a_wb.csv"}, "column 'within_bound'", 0},
    {{GA, "--baseline", "@D/a_lo_nan.csv"}, "column 'lo'", 0},
    {{GA, "--baseline", "@D/a_cr_huge.csv"}, "out of range", 0},
    {{GA, "--baseline", "@D/a_cols.csv"}, "fields, the header has", 0},
    {{GA, "--baseline", "@D/a_trunc.csv"}, "malformed CSV", 0},
    {{GA, "--baseline", "@D/a_dup.csv"}, "duplicate row", 0},
    {{GA, "--baseline", "@D/a_xss_act.csv"}, "not a valid name", 0},
    {{GA, "--baseline", "@D/a_dotdot_act.csv"}, "not a valid name", 0},
    {{GA, "--baseline", "@D/a_slash_var.csv"}, "column 'variant'", 0},
    {{GA, "--baseline", "@D/a_dotdot_range.csv"}, "column 'range'", 0},
    {{GA, "--baseline", "@D/a_newline_act.csv"}, "re\\x0alu", 0},
    {{"gate", "--baseline", "@D/a_bom.csv", "--results", "@D/acc.csv"}, NULL, ACCEPT},
    {{GA, "--baseline", "@D/acc.csv", "--results", "@D/a_bom.csv"}, NULL, ACCEPT},
    {{"gate", "--baseline", "@D/acc.csv", "--results", "@D/a_maxulp_huge.csv", "--junit", "@out"}, "out of range", 0},
    {{"gate", "--baseline", "@D/acc.csv", "--results", "@D/prof", "--junit", "@out"}, "is a directory", 0},
    /* ---- report: flags and outputs ---- */
    {{RI, "--scripts", "/nonexistent"}, "--scripts", 0},
    {{RI, "--scripts", "@D/acc.csv"}, "not a directory", 0},
    {{RI, "--scripts", "@D/prof"}, "error_profile.gp", 0},
    {{RI, "--frob"}, "unknown option", 0},
    {{"report", "--quiet", "--no-plots", "-i", "@D/acc.csv", "-o", "@D/prof"}, "cannot write", 0},
    {{"report", "--quiet", "--no-plots", "-i", "@D/acc.csv", "-o", "@D/nodir/r.html"}, "cannot write", 0},
    {{"report", "--quiet", "--no-plots", "-i", "@D/acc.csv", "-o", "/dev/full"}, "cannot write /dev/full", 0},
    {{RE, "-i"}, "-i needs a value", 0},
    /* ---- report: the accuracy CSV ---- */
    {{RE, "-i", "@D/nonexistent.csv"}, "No such file", 0},
    {{RE, "-i", "@D/prof"}, "is a directory", 0},
    {{RE, "-i", "@D/a_empty.csv"}, "empty file", 0},
    {{RE, "-i", "@D/a_nocol_act.csv"}, "missing column", 0},
    {{RE, "-i", "@D/a_maxulp_huge.csv"}, "out of range", 0},
    {{RE, "-i", "@D/a_cols.csv"}, "fields, the header has", 0},
    {{RE, "-i", "@D/a_trunc.csv"}, "malformed CSV", 0},
    {{RE, "-i", "@D/a_xss_act.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_img_act.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_quote_var.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_dotdot_act.csv", "--profile", "@D/prof"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_dot_act.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_dash_act.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_long_act.csv"}, "not a valid name", 0},
    {{RE, "-i", "@D/a_empty_act.csv"}, "column 'activation'", 0},
    {{RE, "-i", "@D/a_bom.csv"}, NULL, ACCEPT},
    /* ---- report: the throughput, exhaustive and special-values CSVs ---- */
    {{RI, "-t", "@D/prof"}, "is a directory", 0},
    {{RI, "-t", "@D/t_empty.csv"}, "empty file", 0},
    {{RI, "-t", "@D/t_nocol.csv"}, "missing column 'ns_per_elem_min'", 0},
    {{RI, "-t", "@D/t_n_neg.csv"}, "column 'n'", 0},
    {{RI, "-t", "@D/t_ns_huge.csv"}, "column 'ns_per_elem_min'", 0},
    {{RI, "-t", "@D/t_xss_var.csv"}, "not a valid name", 0},
    {{RI, "-t", "@D/t_cols.csv"}, "fields, the header has", 0},
    {{RI, "-t", "@D/t_trunc.csv"}, "malformed CSV", 0},
    {{RI, "-t", "@D/t_bom.csv"}, NULL, ACCEPT},
    {{RI, "-e", "@D/prof"}, "is a directory", 0},
    {{RI, "-e", "@D/a_xss_act.csv"}, "not a valid name", 0},
    {{RI, "-e", "@D/a_maxulp_nan.csv"}, "column 'max_ulp'", 0},
    {{RI, "-e", "@D/a_dup.csv"}, "duplicate row", 0},
    {{RI, "--special-values", "@D/prof"}, "is a directory", 0},
    {{RI, "--special-values", "@D/s_empty.csv"}, "empty file", 0},
    {{RI, "--special-values", "@D/s_nocol.csv"}, "missing column 'match'", 0},
    {{RI, "--special-values", "@D/s_xss_var.csv"}, "column 'variant'", 0},
    {{RI, "--special-values", "@D/s_match.csv"}, "column 'match'", 0},
    {{RI, "--special-values", "@D/s_prec.csv"}, "column 'precision'", 0},
    {{RI, "--special-values", "@D/s_cols.csv"}, "fields, the header has", 0},
    {{RI, "--special-values", "@D/s_trunc.csv"}, "malformed CSV", 0},
    /* ---- recommend ---- */
    {{RC, "--activation", "no_such"}, "'no_such' is not in", 0},
    {{RC, "--precision", "f8"}, "--precision", 0},
    {{RC, "--max-ulp", "-1"}, "--max-ulp", 0},
    {{RC, "--max-ulp", "x"}, "--max-ulp", 0},
    {{RC, "--max-ulp", "nan"}, "--max-ulp", 0},
    {{RC, "--max-ulp", "1e999"}, "out of range", 0},
    {{RC, "--max-ulp", ""}, "--max-ulp", 0},
    {{RC, "--frob"}, "unknown option", 0},
    {{"recommend", "-i", "@D/nonexistent.csv"}, "No such file", 0},
    {{"recommend", "-i", "@D/a_dotdot_act.csv"}, "not a valid name", 0},
    {{"recommend", "-i", "@D/a_maxulp_huge.csv"}, "out of range", 0},
    {{RC, "-t", "@D/t_ns_nan.csv"}, "column 'ns_per_elem_min'", 0},
    {{RC, "-t", "@D/t_ns_abc.csv"}, "column 'ns_per_elem_min'", 0},
    {{RC, "-t", "@D/t_ns_neg.csv"}, "column 'ns_per_elem_min'", 0},
    {{RC, "-t", "@D/t_med_abc.csv"}, "column 'ns_per_elem_median'", 0},
    {{RC, "-t", "@D/t_n_zero.csv"}, "column 'n'", 0},
    {{RC, "-t", "@D/t_dotdot_act.csv"}, "not a valid name", 0},
    {{RC, "-t", "@D/t_prec.csv"}, "column 'precision'", 0},
    {{RC, "-e", "@D/prof"}, "is a directory", 0},
    {{RC, "-t", "@D/tp.csv"}, "cannot write the standard output", FULL},
    /* ---- eval (more in test_eval.c) ---- */
    {{"eval", "--activation", "no_such", "1"}, "unknown name", 0},
    {{"eval", "--activation", "relu", "--precision", "f32", "1e300"}, "does not fit f32", 0},
    {{"eval", "--activation", "relu", "0x1.8q-3"}, "not a number", 0},
    {{"eval", "--activation", "softmax", "--row", "bogus:1:0"}, "unknown generator", 0},
    {{"eval", "--activation", "softmax", "--row", "wide:1:256"}, "beyond generator", 0},
    {{"eval", "--activation", "relu", "1"}, "cannot write the standard output", FULL},
    /* ---- baseline ---- */
    {{BL, "--samples", "0"}, "out of range", 0},
    {{BL, "--seed", "x"}, "--seed", 0},
    {{BL, "--threads", "0"}, "--threads", 0},
    {{BL, "--frob"}, "unknown option", 0},
    {{BL, "--activation", "nope"}, "--activation", 0},
    {{BL, "--activation", "relu", "--activation", "elu"}, "given twice", 0},
    {{"baseline", "--samples", "16", "-o", "/dev/full"}, "not a regular file", 0},
    {{"baseline", "--samples", "16", "-o", "@D/prof"}, "not a regular file", 0},
};

/* "@D/x", "@P/x", "@out": see the comment at the top. */
static char *expand(const char *a, const char *dir, const char *out) {
    if (!strcmp(a, "@out")) return strdup(out);
    if (!strncmp(a, "@D/", 3)) return ab_path_join(dir, a + 3);
    if (!strncmp(a, "@P/", 3)) return ab_plugin_path(a + 3);
    return strdup(a);
}

/* Runs the case in cwd: stdout to a file (or /dev/full), stderr to a file;
 * at most 60 s of wall time (then SIGKILL) and, outside sanitizer builds,
 * 4 GiB of address space, so that a reader that loops on a device fails
 * instead of taking the machine. */
static int run(char *const *argv, const char *cwd, const char *outp, const char *errp) {
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        if (chdir(cwd) != 0) _exit(126);
        int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || in < 0) _exit(126);
        dup2(in, 0);
        dup2(o, 1);
        dup2(e, 2);
#if !defined(__SANITIZE_ADDRESS__)
        struct rlimit as = {4ull << 30, 4ull << 30};
        setrlimit(RLIMIT_AS, &as);
#endif
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    for (int waited = 0; waitpid(pid, &st, WNOHANG) == 0; waited++) {
        if (waited == 6000) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return 128 + SIGKILL;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Entries of dir other than keep (NULL: none), listed into names. */
/* site: an accepted report, whose activation pages (*.html) belong beside
 * its output. */
static size_t stray_entries(const char *dir, const char *keep, int site, char *names, size_t len) {
    DIR *d = opendir(dir);
    size_t n = 0, k = 0;
    struct dirent *e;
    names[0] = 0;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (keep && !strcmp(e->d_name, keep)) continue;
        size_t l = strlen(e->d_name);
        if (site && l > 5 && !strcmp(e->d_name + l - 5, ".html")) continue;
        n++;
        k += (size_t)snprintf(names + k, k < len ? len - k : 0, "%s ", e->d_name);
    }
    if (d) closedir(d);
    return n;
}

static const char precious[] = "precious,content\n1,\"never overwritten\"\n";

/* One case; returns 1 when it holds (failures are reported with cr_expect). */
static int check_case(size_t k, const char *dir) {
    const bad_case *c = &cases[k];
    char *outdir = ab_path_join(dir, "out"), *cwd = ab_path_join(dir, "cwd");
    mkdir(outdir, 0700);
    mkdir(cwd, 0700);
    char *out = ab_path_join(outdir, "precious.csv");
    ab_write_text(out, precious);
    char *argv[32] = {getenv("ACTBENCH_BIN")};
    size_t n = 1;
    for (; c->args[n - 1]; n++) argv[n] = expand(c->args[n - 1], dir, out);
    char label[1024] = "";
    for (size_t i = 1, l = 0; i < n && l < sizeof label; i++)
        l += (size_t)snprintf(label + l, sizeof label - l, "%s%s", i > 1 ? " " : "", c->args[i - 1]);
    char *outp = ab_path_join(dir, "stdout.txt"), *errp = ab_path_join(dir, "stderr.txt");
    int status = run(argv, cwd, c->flags & FULL ? "/dev/full" : outp, errp);
    char *err = ab_slurp(errp);
    char *kept = ab_slurp(out);
    int accept = (c->flags & ACCEPT) != 0, ok = 1;
    size_t lines = err ? ab_count_lines(err) : 0;
    ok &= status == (accept ? 0 : 2);
    ok &= accept ? lines == 0 : lines == 1 && strstr(err, c->needle) != NULL;
    cr_expect(ok, "case %zu [%s]: exit %d, %zu stderr lines (want %d, %s '%s'):\n%s", k, label,
              status, lines, accept ? 0 : 2, accept ? "none" : "one with",
              accept ? "" : c->needle, err ? err : "");
    if (!accept) {
        int same = kept && !strcmp(kept, precious);
        cr_expect(same, "case %zu [%s]: the pre-existing output was changed", k, label);
        ok &= same;
    }
    char stray[512];
    int site = accept && !strcmp(c->args[0], "report");
    size_t ns = stray_entries(outdir, "precious.csv", site, stray, sizeof stray);
    size_t nc = stray_entries(cwd, NULL, 0, stray + strlen(stray), sizeof stray - strlen(stray));
    cr_expect(ns + nc == 0, "case %zu [%s]: left behind: %s", k, label, stray);
    ok &= ns + nc == 0;
    ab_remove_tree(outdir);
    ab_remove_tree(cwd);
    for (size_t i = 1; i < n; i++) free(argv[i]);
    free(err);
    free(kept);
    free(out);
    free(outdir);
    free(cwd);
    unlink(outp);
    unlink(errp);
    free(outp);
    free(errp);
    return ok;
}

Test(bad_inputs, catalogue) {
    size_t ncases = sizeof cases / sizeof *cases, held = 0;
    cr_assert_geq(ncases, 100, "the catalogue has %zu cases", ncases);
    char *dir = bi_fixture_make();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t k = 0; k < ncases; k++) held += (size_t)check_case(k, dir);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    cr_log_info("bad-input catalogue: %zu of %zu cases hold (%.1f s)", held, ncases, s);
    cr_expect_eq(held, ncases, "bad-input catalogue: %zu of %zu cases hold", held, ncases);
    bi_fixture_remove(dir);
}
