/* custom.c: see custom.h. */
#include "custom.h"
#include "inputs.h"
#include "names.h"
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char name[AB_NAME_MAX + 1];
    int list;
    double lo[2], hi[2];        /* intervals, per precision */
    double *vals[2];            /* lists, per precision */
    size_t n;
} custom;

/* Each source allocated on its own: the names handed out (filters, rows)
 * must not move when a later source is added. */
static custom **C;
static size_t nc;
static char **search_names;
static size_t nsearch;

int ab_is_interval(const char *s) { return strchr(s, ':') != NULL; }

static custom *push(void) {
    custom **c2 = realloc(C, (nc + 1) * sizeof *C);
    custom *c = calloc(1, sizeof *c);
    if (!c2 || !c) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    C = c2;
    C[nc++] = c;
    return c;
}

static custom *find(const char *name) {
    for (size_t i = 0; i < nc; i++)
        if (!strcmp(C[i]->name, name)) return C[i];
    return NULL;
}

/* A finite bound, hex or decimal, the whole of s, rounded in direction
 * mode (FE_UPWARD for LO, FE_DOWNWARD for HI: the interval's values in the
 * format are the ones inside [LO, HI]); f32 directly with strtof, so
 * that there is one rounding.  A bound beyond the format's finite range
 * rounds to +-inf or +-max, which *big flags. */
static int parse_bound(const char *s, int mode, int p, double *v, int *big) {
    char *end;
    int old = fegetround();
    fesetround(mode);
    errno = 0;
    double d = strtod(s, &end);
    *v = p == AB_F32 ? (double)strtof(s, &end) : d;
    fesetround(old);
    if (!*s || *end || s[0] == ' ') return -1;
    if (isnan(d) || (isinf(d) && errno != ERANGE)) return -2;
    double max = p == AB_F32 ? FLT_MAX : DBL_MAX;
    *big = isinf(*v) || (fabs(*v) == max && fabs(d) > max) || fabs(d) > max || isinf(d);
    return 0;
}

static const char *prec_name(int p) { return p == AB_F32 ? "f32" : "f64"; }

const char *ab_custom_range_add(const char *spec, unsigned mask, char *err, size_t len) {
    char q[128];
    const char *colon = strchr(spec, ':');
    char a[128], b[128];
    size_t la = (size_t)(colon - spec);
    if (la >= sizeof a || strlen(colon + 1) >= sizeof b || strchr(colon + 1, ':')) {
        snprintf(err, len, "'%s' is not LO:HI", ab_msg_quote(spec, q, sizeof q));
        return NULL;
    }
    memcpy(a, spec, la);
    a[la] = 0;
    strcpy(b, colon + 1);
    double l[2] = {0, 0}, h[2] = {0, 0};
    for (int p = AB_F64; p >= AB_F32; p--) {
        int bl = 0, bh = 0;
        int ra = parse_bound(a, FE_UPWARD, p, &l[p], &bl), rb = parse_bound(b, FE_DOWNWARD, p, &h[p], &bh);
        if (ra || rb) {
            const char *bad = ra ? a : b;
            snprintf(err, len, "'%s': bound '%s' is %s", ab_msg_quote(spec, q, sizeof q), bad,
                     (ra ? ra : rb) == -2 ? "not finite (use the range full for every finite input)"
                                          : "not a number (hex like 0x1p-24 or decimal)");
            return NULL;
        }
        if (p == AB_F64 && strtod(a, NULL) > strtod(b, NULL)) {
            snprintf(err, len, "'%s': LO > HI", ab_msg_quote(spec, q, sizeof q));
            return NULL;
        }
        if (!(mask >> p & 1)) continue;
        if (bl || bh) {
            snprintf(err, len, "'%s': a bound does not fit %s (its largest finite value is %a)%s",
                     ab_msg_quote(spec, q, sizeof q), prec_name(p), p == AB_F32 ? FLT_MAX : DBL_MAX,
                     p == AB_F32 ? "; use --precision f64" : "");
            return NULL;
        }
        if (l[p] > h[p]) {
            snprintf(err, len, "'%s' holds no %s value", ab_msg_quote(spec, q, sizeof q),
                     prec_name(p));
            return NULL;
        }
        /* -0 and +0 both lie in [0, 0]: the interval runs from the lower. */
        if (l[p] == 0) l[p] = -0.0;
        if (h[p] == 0) h[p] = 0.0;
    }
    char name[2 * sizeof a + 16];
    snprintf(name, sizeof name, "range_%s_%s", a, b);
    if (!ab_name_ok(name)) {
        snprintf(err, len, "'%s': write the bounds with 0-9 a-z A-Z . + - only, at most 26 "
                 "characters each", ab_msg_quote(spec, q, sizeof q));
        return NULL;
    }
    custom *c = find(name);
    if (c) return c->name; /* the same interval twice */
    c = push();
    strcpy(c->name, name);
    memcpy(c->lo, l, sizeof l);
    memcpy(c->hi, h, sizeof h);
    return c->name;
}

/* inputs_<base name>, unsafe characters as _, cut to the name limit. */
static void list_name(const char *path, char *name) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t k = (size_t)snprintf(name, AB_NAME_MAX + 1, "inputs_");
    for (; *base && k < AB_NAME_MAX; base++) {
        char ch = *base;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '+' || ch == '-' || ch == '_';
        name[k++] = ok ? ch : '_';
    }
    name[k] = 0;
}

/* One value: hex or decimal, inf, nan, with optional blanks around. */
static int parse_value(char *s, double *v) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
    if (!n) return 1; /* blank */
    char *end;
    *v = strtod(s, &end);
    return *end ? -1 : 0;
}

const char *ab_custom_inputs_add(const char *path, unsigned mask, char *err, size_t len) {
    char q[128];
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, len, "cannot read %s: %s", ab_msg_quote(path, q, sizeof q), strerror(errno));
        return NULL;
    }
    double *v = NULL;
    size_t n = 0, cap = 0, line = 0;
    char buf[256];
    const char *why = NULL;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        size_t k = strlen(buf);
        if (k == sizeof buf - 1 && buf[k - 1] != '\n') { why = "line too long"; break; }
        if (k && buf[k - 1] == '\n') buf[k - 1] = 0;
        char *hash = strchr(buf, '#');
        if (hash) *hash = 0;
        double x;
        int r = parse_value(buf, &x);
        if (r == 1) continue;
        if (r < 0) { why = "not a number"; break; }
        if (!isnan(x) && !isinf(x) && (mask >> AB_F32 & 1) && fabs(x) > FLT_MAX) {
            why = "does not fit f32 (add --precision f64)";
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            if (cap > (1u << 26)) { why = "more than 2^26 values"; break; }
            double *v2 = realloc(v, cap * sizeof *v);
            if (!v2) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
            v = v2;
        }
        v[n++] = x;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!why && rerr) why = "read error";
    if (!why && n == 0) { why = "no values"; line = 0; }
    if (why) {
        free(v);
        if (line) snprintf(err, len, "%s:%zu: %s", ab_msg_quote(path, q, sizeof q), line, why);
        else snprintf(err, len, "%s: %s", ab_msg_quote(path, q, sizeof q), why);
        return NULL;
    }
    char name[AB_NAME_MAX + 1];
    list_name(path, name);
    if (find(name)) {
        free(v);
        snprintf(err, len, "two input files named %s", name);
        return NULL;
    }
    custom *c = push();
    strcpy(c->name, name);
    c->list = 1;
    c->n = n;
    c->vals[AB_F64] = v;
    c->vals[AB_F32] = malloc(n * sizeof(double) + 1);
    if (!c->vals[AB_F32]) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    for (size_t i = 0; i < n; i++) c->vals[AB_F32][i] = (float)v[i]; /* nearest */
    return c->name;
}

size_t ab_custom_count(void) { return nc; }
const char *ab_custom_name(size_t i) { return C[i]->name; }

int ab_custom_bounds(const char *name, ab_precision p, double *lo, double *hi) {
    custom *c = find(name);
    if (!c || c->list) return -1;
    *lo = c->lo[p];
    *hi = c->hi[p];
    return 0;
}

const double *ab_custom_list(const char *name, ab_precision p, size_t *n) {
    custom *c = find(name);
    if (!c || !c->list) return NULL;
    *n = c->n;
    return c->vals[p];
}

int ab_source_is_list(const char *name) {
    custom *c = find(name);
    return c && c->list;
}

const char *ab_search_range_name(const char *source) {
    for (size_t i = 0; i < nsearch; i++)
        if (!strncmp(search_names[i], source, strlen(source)) &&
            !strcmp(search_names[i] + strlen(source), "+search"))
            return search_names[i];
    char **s2 = realloc(search_names, (nsearch + 1) * sizeof *s2);
    char *s = malloc(strlen(source) + 8);
    if (!s2 || !s) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    search_names = s2;
    sprintf(s, "%s+search", source);
    search_names[nsearch++] = s;
    return s;
}

unsigned long long ab_custom_fingerprint(void) {
    uint64_t h = 0;
    for (size_t i = 0; i < nc; i++) {
        h = ab_mix64(h ^ ab_hash_string(C[i]->name));
        if (!C[i]->list) continue;
        for (size_t k = 0; k < C[i]->n; k++) {
            uint64_t b;
            memcpy(&b, &C[i]->vals[AB_F64][k], 8);
            h = ab_mix64(h ^ b);
        }
    }
    return h;
}
