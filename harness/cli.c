/* cli.c: see cli.h. */
#include "cli.h"
#include "names.h"
#include "registry.h"
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ab_cmd = "actbench";

void ab_usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", ab_cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(AB_EXIT_USAGE);
}

const char *ab_opt_value(int argc, char **argv, int *i, const char *flag, const char *alias) {
    const char *a = argv[*i];
    const char *names[2] = {flag, alias};
    for (int k = 0; k < 2; k++) {
        const char *f = names[k];
        if (!f) continue;
        size_t n = strlen(f);
        if (strncmp(a, f, n) != 0) continue;
        if (a[n] == '=') return a + n + 1;
        if (a[n] == 0) {
            if (*i + 1 >= argc) ab_usage_error("%s needs a value", f);
            return argv[++*i];
        }
    }
    return NULL;
}

uint64_t ab_parse_u64(const char *flag, const char *s, uint64_t min, uint64_t max,
                      int allow_suffix) {
    const char *p = s;
    if (!*s)
        ab_usage_error("%s: empty value (valid: a whole number in %llu..%llu%s)", flag,
                       (unsigned long long)min, (unsigned long long)max,
                       allow_suffix ? ", optionally with a K or M suffix; lists are separated by "
                                      "single commas" : "");
    if (!isdigit((unsigned char)*p)) goto bad;
    errno = 0;
    char *end;
    /* Decimal, or hexadecimal with 0x (a leading 0 is not octal). */
    int base = (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ? 16 : 10;
    unsigned long long v = strtoull(p, &end, base);
    if (errno || end == p) goto bad;
    if (allow_suffix && (*end == 'K' || *end == 'k')) { v = v >> 54 ? ~0ULL : v << 10; end++; }
    else if (allow_suffix && (*end == 'M' || *end == 'm')) { v = v >> 44 ? ~0ULL : v << 20; end++; }
    if (*end) goto bad;
    if (v < min || v > max)
        ab_usage_error("%s: %s is out of range (valid: %llu..%llu)", flag, s,
                       (unsigned long long)min, (unsigned long long)max);
    return v;
bad:
    ab_usage_error("%s: '%s' is not a whole number (valid: %llu..%llu%s)", flag, s,
                   (unsigned long long)min, (unsigned long long)max,
                   allow_suffix ? ", optionally with a K or M suffix" : "");
}

unsigned ab_parse_precisions(const char *s) {
    ab_filter f = {0};
    ab_parse_names(s, &f);
    unsigned mask = 0;
    for (size_t k = 0; k < f.n; k++) {
        ab_precision p;
        if (ab_parse_precision(f.names[k], &p) != 0)
            ab_usage_error("--precision: unknown precision '%s' (valid: f32, f64, bf16, f16, bf16-f32)",
                           f.names[k]);
        mask |= 1u << p;
    }
    free(f.names);
    return mask;
}

void ab_parse_names(const char *s, ab_filter *out) {
    /* One block: the n pointers, then the copy they point into, so that
     * the owner's free(names) frees both. */
    size_t n = 1, len = strlen(s);
    for (const char *p = s; *p; p++) n += *p == ',';
    char **names = malloc(n * sizeof *names + len + 1);
    if (!names) exit(3);
    char *copy = (char *)(names + n);
    memcpy(copy, s, len + 1);
    /* Every item, empty ones included ("a,,b", "a,", ""): the checks
     * reject those, never drop them. */
    size_t k = 0;
    for (char *tok = copy;; tok++) {
        names[k++] = tok;
        tok = strchr(tok, ',');
        if (!tok) break;
        *tok = 0;
    }
    out->names = names;
    out->n = k;
}

void ab_check_names(const char *flag, const ab_filter *f, const char *const *valid, size_t n) {
    for (size_t i = 0; i < f->n; i++) {
        int ok = 0;
        for (size_t k = 0; k < n && !ok; k++) ok = strcmp(f->names[i], valid[k]) == 0;
        if (ok) continue;
        char list[4096] = "";
        size_t len = 0;
        for (size_t k = 0; k < n && len + 2 < sizeof list; k++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", valid[k]);
        if (!*f->names[i])
            ab_usage_error("%s: empty name (item %zu of %zu in a comma-separated list; valid: %s)",
                           flag, i + 1, f->n, list);
        char q[256];
        ab_usage_error("%s: unknown name '%s' (valid: %s)", flag,
                       ab_msg_quote(f->names[i], q, sizeof q), list);
    }
}

size_t ab_add_name(const char **list, size_t n, size_t max, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s)) return n;
    if (n < max) list[n++] = s;
    return n;
}

int ab_finish_stdout(int rc) {
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    if (errno) fprintf(stderr, "%s: cannot write the standard output: %s\n", ab_cmd, strerror(errno));
    else fprintf(stderr, "%s: cannot write the standard output\n", ab_cmd);
    return AB_EXIT_USAGE;
}
