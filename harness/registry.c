/* registry.c: activations and variants, registered at start-up or by plugins. */
#include "registry.h"
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

typedef struct {
    ab_activation act;       /* act.variants points at vars */
    ab_variant *vars;
    unsigned char *isolated; /* per variant: registered by a plugin */
    size_t cap;
} entry;

/* Set while a plugin's register function runs. */
static int registering_plugin;
static char last_error[256];

/* Plugin registration errors are reported by the loader, as one line. */
__attribute__((format(printf, 1, 2))) static void reg_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    if (!registering_plugin) fprintf(stderr, "actbench: %s\n", last_error);
}

const char *ab_registry_last_error(void) { return last_error; }

static entry *entries;
static size_t n_entries, cap_entries;
static int sorted;

static entry *find_entry(const char *name) {
    for (size_t i = 0; i < n_entries; i++)
        if (strcmp(entries[i].act.name, name) == 0) return &entries[i];
    return NULL;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return p;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need) c *= 2;
    void *q = realloc(p, c * size);
    if (!q) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    *cap = c;
    return q;
}

static int add_variant(entry *e, const ab_variant *v) {
    for (size_t i = 0; i < e->act.n_variants; i++)
        if (strcmp(e->vars[i].name, v->name) == 0 &&
            e->vars[i].precision == v->precision) {
            reg_error("duplicate variant %s/%s/%s", e->act.name, v->name,
                      ab_precision_name(v->precision));
            return -1;
        }
    if (!v->name || !*v->name || !v->fn || !v->isa || !v->formula ||
        (v->precision != AB_F32 && v->precision != AB_F64) ||
        (unsigned)v->strategy >= AB_STRATEGY_COUNT) {
        reg_error("variant %s of %s is incomplete (name, fn, isa, formula, precision and "
                  "strategy are required)", v->name ? v->name : "(unnamed)", e->act.name);
        return -1;
    }
    size_t cap = e->cap;
    e->vars = grow(e->vars, &e->cap, e->act.n_variants + 1, sizeof *e->vars);
    e->isolated = grow(e->isolated, &cap, e->act.n_variants + 1, 1);
    e->isolated[e->act.n_variants] = (unsigned char)registering_plugin;
    e->vars[e->act.n_variants++] = *v;
    e->act.variants = e->vars;
    return 0;
}

/* Variants registered at start-up for an activation whose own constructor
 * has not run yet (constructor order across files is unspecified): they
 * wait here until it registers. */
typedef struct {
    const char *activation;
    const ab_variant *v;
} pending_variant;
static pending_variant pending[256];
static size_t n_pending;

static void adopt_pending(entry *e) {
    for (size_t i = 0; i < n_pending;) {
        if (strcmp(pending[i].activation, e->act.name) == 0) {
            add_variant(e, pending[i].v);
            pending[i] = pending[--n_pending];
        } else {
            i++;
        }
    }
}

int ab_register_activation(const ab_activation *a) {
    if (!a->name || !*a->name || !a->reference) {
        reg_error("activation %s has no MPFR reference", a->name ? a->name : "(unnamed)");
        return -1;
    }
    if (find_entry(a->name)) {
        reg_error("duplicate activation %s", a->name);
        return -1;
    }
    entries = grow(entries, &cap_entries, n_entries + 1, sizeof *entries);
    entry *e = &entries[n_entries++];
    memset(e, 0, sizeof *e);
    e->act = *a;
    e->act.variants = NULL;
    e->act.n_variants = 0;
    for (size_t i = 0; i < a->n_variants; i++)
        if (add_variant(e, &a->variants[i]) != 0) return -1;
    adopt_pending(e);
    sorted = 0;
    return 0;
}

int ab_register_variant(const char *activation, const ab_variant *v) {
    entry *e = find_entry(activation);
    if (!e && !registering_plugin && n_pending < AB_COUNT(pending)) {
        pending[n_pending++] = (pending_variant){activation, v};
        return 0;
    }
    if (!e) {
        reg_error("no activation named %s (a new activation must be registered, with its "
                  "MPFR reference, before its variants)", activation);
        return -1;
    }
    return add_variant(e, v);
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const entry *)a)->act.name, ((const entry *)b)->act.name);
}

static void sort_entries(void) {
    if (sorted) return;
    for (size_t i = 0; i < n_pending; i++) {
        fprintf(stderr, "actbench: variant %s registered for %s, which is not an activation\n",
                pending[i].v->name, pending[i].activation);
        exit(3);
    }
    qsort(entries, n_entries, sizeof *entries, by_name);
    for (size_t i = 0; i < n_entries; i++) entries[i].act.variants = entries[i].vars;
    sorted = 1;
}

size_t ab_activation_count(void) { return n_entries; }

const ab_activation *ab_activation_at(size_t i) {
    sort_entries();
    return i < n_entries ? &entries[i].act : NULL;
}

const ab_activation *ab_find_activation(const char *name) {
    sort_entries();
    entry *e = find_entry(name);
    return e ? &e->act : NULL;
}

const ab_variant *ab_find_variant(const ab_activation *a, const char *name,
                                  ab_precision p) {
    for (size_t i = 0; i < a->n_variants; i++)
        if (a->variants[i].precision == p && strcmp(a->variants[i].name, name) == 0)
            return &a->variants[i];
    return NULL;
}

int ab_variant_isolated(const ab_variant *v) {
    for (size_t i = 0; i < n_entries; i++)
        if (v >= entries[i].vars && v < entries[i].vars + entries[i].act.n_variants)
            return entries[i].isolated[v - entries[i].vars];
    return 0;
}

void ab_registry_set_plugin_mode(int on) { registering_plugin = on; }

int ab_variant_available(const ab_variant *v) {
    const char *isa = v->isa;
    if (!isa || strcmp(isa, "scalar") == 0) return 1;
    __builtin_cpu_init();
    if (strcmp(isa, "sse4.1") == 0) return __builtin_cpu_supports("sse4.1");
    if (strcmp(isa, "avx2") == 0)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (strcmp(isa, "avx512f") == 0 || strcmp(isa, "avx512") == 0)
        return __builtin_cpu_supports("avx512f");
    if (strcmp(isa, "avx512dq") == 0)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
    return 0; /* an ISA we do not know how to detect is never run */
}

const char *ab_strategy_name(ab_strategy s) {
    static const char *names[] = {"naive", "stable", "approx", "vector", "library"};
    return (unsigned)s < AB_STRATEGY_COUNT ? names[s] : "?";
}

const char *ab_precision_name(ab_precision p) { return p == AB_F32 ? "f32" : "f64"; }

int ab_parse_precision(const char *s, ab_precision *out) {
    if (strcmp(s, "f32") == 0) { *out = AB_F32; return 0; }
    if (strcmp(s, "f64") == 0) { *out = AB_F64; return 0; }
    return -1;
}
