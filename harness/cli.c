/* cli.c: see cli.h. */
#include "cli.h"
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

void ab_parse_names(const char *s, ab_filter *out) {
    char *copy = strdup(s);
    if (!copy) exit(3);
    out->n = 0;
    out->names = NULL;
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        out->names = realloc(out->names, (out->n + 1) * sizeof *out->names);
        if (!out->names) exit(3);
        out->names[out->n++] = tok;
    }
    if (out->n == 0) { /* "" or ",": an empty name, which the check rejects with the list */
        out->names = realloc(out->names, sizeof *out->names);
        if (!out->names) exit(3);
        out->names[out->n++] = "";
    }
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
        ab_usage_error("%s: unknown name '%s' (valid: %s)", flag, f->names[i], list);
    }
}

size_t ab_add_name(const char **list, size_t n, size_t max, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s)) return n;
    if (n < max) list[n++] = s;
    return n;
}
