/* registry.c: activations and variants, registered at start-up or by plugins. */
#include "registry.h"
#include "names.h"
#include "half.h"
#include "../reference/format.h"
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

typedef struct {
    ab_op op;                /* op.variants points at vars */
    ab_activation act;       /* AB_OP_ELEMENTWISE: the descriptor, variants = vars */
    ab_row_op row;           /* AB_OP_ROW: the same */
    ab_variant *vars;
    unsigned char *isolated; /* per variant: registered by a plugin */
    const ab_library **lib;  /* per variant: the framework library it calls, or NULL */
    size_t cap;
    int half_done;           /* the 16-bit variants added (half.h) */
} entry;

/* Set while a plugin's register function runs. */
static int registering_plugin;
/* Set while ab_register_library_variant adds its variant. */
static const ab_library *registering_lib;
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

/* Pointers, so that an ab_op keeps its address when the list grows or is
 * sorted. */
static entry **entries;
static size_t n_entries, cap_entries;
static size_t n_elementwise;
static int sorted;

static entry *find_entry(const char *name) {
    for (size_t i = 0; i < n_entries; i++)
        if (strcmp(entries[i]->op.name, name) == 0) return entries[i];
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

/* The descriptor copies and the op read the one variant list. */
static void sync_variants(entry *e) {
    e->op.variants = e->act.variants = e->row.variants = e->vars;
    e->act.n_variants = e->row.n_variants = e->op.n_variants;
}

/* A name every listing, CSV row, file path and report can carry: not
 * NULL, not "", and within the safe set of names.h (a plugin's "../x" or
 * "<script>" would otherwise reach the report's paths and pages). */
static int check_name(const char *what, const char *name, const char *of) {
    if (name && *name && ab_name_ok(name)) return 0;
    if (name && *name) {
        char q[128];
        reg_error("%s named '%s'%s%s: not a valid name (" AB_NAME_RULE ")", what,
                  ab_msg_quote(name, q, sizeof q), of ? " in " : "", of ? of : "");
        return -1;
    }
    reg_error("%s with %s name%s%s", what, name ? "an empty" : "a NULL", of ? " in " : "",
              of ? of : "");
    return -1;
}

static int add_variant(entry *e, const ab_variant *v) {
    if (!v) {
        reg_error("a NULL variant descriptor for %s", e->op.name);
        return -1;
    }
    /* Before any strcmp: a NULL name would crash the duplicate check. */
    if (check_name("a variant", v->name, e->op.name) != 0) return -1;
    for (size_t i = 0; i < e->op.n_variants; i++)
        if (strcmp(e->vars[i].name, v->name) == 0 &&
            e->vars[i].precision == v->precision) {
            reg_error("duplicate variant %s/%s/%s", e->op.name, v->name,
                      ab_precision_name(v->precision));
            return -1;
        }
    if (!v->name || !*v->name || !v->fn || !v->isa || !v->formula ||
        (unsigned)v->precision >= AB_PRECISION_COUNT ||
        (unsigned)v->strategy >= AB_STRATEGY_COUNT) {
        reg_error("variant %s of %s is incomplete (name, fn, isa, formula, precision and "
                  "strategy are required)", v->name ? v->name : "(unnamed)", e->op.name);
        return -1;
    }
    size_t cap = e->cap, cap2 = e->cap;
    e->vars = grow(e->vars, &e->cap, e->op.n_variants + 1, sizeof *e->vars);
    e->isolated = grow(e->isolated, &cap, e->op.n_variants + 1, 1);
    e->lib = grow(e->lib, &cap2, e->op.n_variants + 1, sizeof *e->lib);
    e->isolated[e->op.n_variants] = (unsigned char)registering_plugin;
    e->lib[e->op.n_variants] = registering_lib;
    e->vars[e->op.n_variants++] = *v;
    sync_variants(e);
    return 0;
}

/* Variants registered at start-up for an operation whose own constructor
 * has not run yet (constructor order across files is unspecified): they
 * wait here until it registers. */
typedef struct {
    const char *operation;
    const ab_variant *v;
    const ab_library *lib;
} pending_variant;
static pending_variant pending[1024];
static size_t n_pending;

static void adopt_pending(entry *e) {
    for (size_t i = 0; i < n_pending;) {
        if (strcmp(pending[i].operation, e->op.name) == 0) {
            registering_lib = pending[i].lib;
            add_variant(e, pending[i].v);
            registering_lib = NULL;
            pending[i] = pending[--n_pending];
        } else {
            i++;
        }
    }
}

/* A new entry for name with the descriptor's variants, or NULL (error
 * reported) on a clash. */
static entry *new_entry(const char *name, const char *description, ab_op_kind kind,
                        const ab_variant *vars, size_t nv) {
    if (find_entry(name)) {
        reg_error("duplicate operation %s", name);
        return NULL;
    }
    entry *e = calloc(1, sizeof *e);
    if (!e) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
    e->op.name = name;
    e->op.description = description;
    e->op.kind = kind;
    for (size_t i = 0; i < nv; i++)
        if (add_variant(e, &vars[i]) != 0) { free(e->vars); free(e->isolated); free(e->lib); free(e); return NULL; }
    entries = grow(entries, &cap_entries, n_entries + 1, sizeof *entries);
    entries[n_entries++] = e;
    n_elementwise += kind == AB_OP_ELEMENTWISE;
    sorted = 0;
    return e;
}

int ab_register_activation(const ab_activation *a) {
    if (!a) {
        reg_error("a NULL activation descriptor");
        return -1;
    }
    if (check_name("an activation", a->name, NULL) != 0) return -1;
    if (a->n_variants && !a->variants) {
        reg_error("activation %s declares %zu variants but no variant array", a->name,
                  a->n_variants);
        return -1;
    }
    if (!a->name || !*a->name || !a->reference) {
        reg_error("activation %s has no MPFR reference", a->name ? a->name : "(unnamed)");
        return -1;
    }
    entry *e = new_entry(a->name, a->description, AB_OP_ELEMENTWISE, a->variants, a->n_variants);
    if (!e) return -1;
    e->act = *a;
    e->op.act = &e->act;
    sync_variants(e);
    adopt_pending(e);
    return 0;
}

int ab_register_row_op(const ab_row_op *r) {
    if (!r) {
        reg_error("a NULL row operation descriptor");
        return -1;
    }
    if (check_name("a row operation", r->name, NULL) != 0) return -1;
    if (r->n_variants && !r->variants) {
        reg_error("row operation %s declares %zu variants but no variant array", r->name,
                  r->n_variants);
        return -1;
    }
    if (!r || !r->name || !*r->name || !r->reference) {
        reg_error("row operation %s has no MPFR reference", r && r->name ? r->name : "(unnamed)");
        return -1;
    }
    if (r->output != AB_ROW_SAME && r->output != AB_ROW_SCALAR && r->output != AB_ROW_HALF) {
        reg_error("row operation %s: output must be AB_ROW_SAME, AB_ROW_SCALAR or AB_ROW_HALF", r->name);
        return -1;
    }
    if (r->output == AB_ROW_HALF && ((r->len_mul ? r->len_mul : 1) % 2 || r->len_add % 2)) {
        reg_error("row operation %s: AB_ROW_HALF needs an even row length (even len_mul and len_add)", r->name);
        return -1;
    }
    entry *e = new_entry(r->name, r->description, AB_OP_ROW, r->variants, r->n_variants);
    if (!e) return -1;
    e->row = *r;
    e->op.row = &e->row;
    sync_variants(e);
    adopt_pending(e);
    return 0;
}

int ab_register_variant(const char *operation, const ab_variant *v) {
    if (check_name("a variant registered for an operation", operation, NULL) != 0) return -1;
    entry *e = find_entry(operation);
    if (!e && !registering_plugin && n_pending < AB_COUNT(pending)) {
        pending[n_pending++] = (pending_variant){operation, v, registering_lib};
        return 0;
    }
    if (!e) {
        reg_error("no operation named %s (a new activation or row operation must be "
                  "registered, with its MPFR reference, before its variants)", operation);
        return -1;
    }
    return add_variant(e, v);
}

/* Elementwise first, then row operations; by name within each. */
static int by_kind_name(const void *a, const void *b) {
    const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
    if (x->op.kind != y->op.kind) return (int)x->op.kind - (int)y->op.kind;
    return strcmp(x->op.name, y->op.name);
}

static const ab_variant *find_in(const ab_variant *v, size_t n, const char *name,
                                 ab_precision p);

/* bf16, f16 and bf16-f32 for every elementwise activation (half.h), once. */
static void add_half_variants(entry *e) {
    ab_variant v[16];
    int iso[16];
    e->half_done = 1;
    size_t n = ab_half_variants(&e->act, v, iso, 16, ab_variant_isolated);
    int was = registering_plugin;
    for (size_t i = 0; i < n; i++) {
        /* a descriptor copied from another activation brings its
         * synthesised variants along: keep those */
        if (find_in(e->vars, e->op.n_variants, v[i].name, v[i].precision)) continue;
        registering_plugin = iso[i];
        add_variant(e, &v[i]);
    }
    registering_plugin = was;
}

static void sort_entries(void) {
    if (sorted) return;
    for (size_t i = 0; i < n_pending; i++) {
        fprintf(stderr, "actbench: variant %s registered for %s, which is not an operation\n",
                pending[i].v->name, pending[i].operation);
        exit(3);
    }
    sorted = 1; /* before the additions below, which read the registry */
    for (size_t i = 0; i < n_entries; i++)
        if (entries[i]->op.kind == AB_OP_ELEMENTWISE && !entries[i]->half_done)
            add_half_variants(entries[i]);
    qsort(entries, n_entries, sizeof *entries, by_kind_name);
    sorted = 1;
}

size_t ab_op_count(void) { return n_entries; }

const ab_op *ab_op_at(size_t i) {
    sort_entries();
    return i < n_entries ? &entries[i]->op : NULL;
}

const ab_op *ab_find_op(const char *name) {
    sort_entries(); /* and the 16-bit variants added */
    entry *e = find_entry(name);
    return e ? &e->op : NULL;
}

static const ab_variant *find_in(const ab_variant *v, size_t n, const char *name,
                                 ab_precision p) {
    for (size_t i = 0; i < n; i++)
        if (v[i].precision == p && strcmp(v[i].name, name) == 0) return &v[i];
    return NULL;
}

const ab_variant *ab_op_find_variant(const ab_op *op, const char *name, ab_precision p) {
    return find_in(op->variants, op->n_variants, name, p);
}

static const entry *entry_of_variant(const ab_variant *v) {
    for (size_t i = 0; i < n_entries; i++)
        if (v >= entries[i]->vars && v < entries[i]->vars + entries[i]->op.n_variants)
            return entries[i];
    return NULL;
}

const ab_op *ab_op_of_variant(const ab_variant *v) {
    const entry *e = entry_of_variant(v);
    return e ? &e->op : NULL;
}

size_t ab_op_out_len(const ab_op *op, size_t n) {
    return op->kind == AB_OP_ROW ? ab_row_out_len(op->row, n) : n;
}

size_t ab_activation_count(void) { return n_elementwise; }

const ab_activation *ab_activation_at(size_t i) {
    const ab_op *op = i < n_elementwise ? ab_op_at(i) : NULL;
    return op ? op->act : NULL;
}

const ab_activation *ab_find_activation(const char *name) {
    const ab_op *op = ab_find_op(name);
    return op ? op->act : NULL;
}

const ab_variant *ab_find_variant(const ab_activation *a, const char *name,
                                  ab_precision p) {
    return find_in(a->variants, a->n_variants, name, p);
}

size_t ab_row_op_count(void) { return n_entries - n_elementwise; }

const ab_row_op *ab_row_op_at(size_t i) {
    const ab_op *op = i < ab_row_op_count() ? ab_op_at(n_elementwise + i) : NULL;
    return op ? op->row : NULL;
}

const ab_row_op *ab_find_row_op(const char *name) {
    const ab_op *op = ab_find_op(name);
    return op ? op->row : NULL;
}

int ab_register_library_variant(const char *operation, const ab_variant *v,
                                const ab_library *lib) {
    if (!lib || !lib->name || !*lib->name) {
        reg_error("variant %s of %s names a library without a name", v && v->name ? v->name : "?",
                  operation ? operation : "?");
        return -1;
    }
    registering_lib = lib;
    int rc = ab_register_variant(operation, v);
    registering_lib = NULL;
    return rc;
}

const ab_library *ab_variant_library(const ab_variant *v) {
    const entry *e = entry_of_variant(v);
    return e ? e->lib[v - e->vars] : NULL;
}

int ab_variant_isolated(const ab_variant *v) {
    const entry *e = entry_of_variant(v);
    if (!e) return 0;
    const ab_library *l = e->lib[v - e->vars];
    return e->isolated[v - e->vars] || (l && l->own_threads);
}

const char *ab_variant_unavailable_reason(const ab_variant *v, char *buf, size_t len) {
    const ab_library *l = ab_variant_library(v);
    if (l && l->unavailable) snprintf(buf, len, "%s", l->unavailable);
    else if (!ab_variant_available(v)) snprintf(buf, len, "this CPU has no %s", v->isa);
    else return NULL;
    return buf;
}

size_t ab_libraries(const ab_library **out, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < ab_op_count(); i++) {
        const ab_op *op = ab_op_at(i);
        for (size_t k = 0; k < op->n_variants; k++) {
            const ab_library *l = ab_variant_library(&op->variants[k]);
            size_t j = 0;
            while (l && j < n && out[j] != l) j++;
            if (l && j == n && n < max) out[n++] = l;
        }
    }
    return n;
}

const char *ab_library_label(const ab_library *l, char *buf, size_t len) {
    const char *ver = l && l->version ? l->version() : NULL;
    if (!l) snprintf(buf, len, "%s", "");
    else snprintf(buf, len, "%s %s", l->name, ver && *ver ? ver : "(not built)");
    return buf;
}

void ab_registry_set_plugin_mode(int on) { registering_plugin = on; }

int ab_variant_available(const ab_variant *v) {
    const ab_library *l = ab_variant_library(v);
    if (l) return !l->unavailable; /* the library picks its own ISA at run time */
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
    /* bf16 conversions (vcvtne2ps2bf16) with AVX-512BW's word moves */
    if (strcmp(isa, "avx512bf16") == 0)
        return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512bf16");
    /* half-precision arithmetic (vfmadd...ph): Sapphire Rapids and later
     * Xeons, not Zen 4 or Zen 5 (an EPYC Zen 5 here reports none).
     * CPUID.(7,0):EDX[23], read directly: clang 14's builtin does not know
     * the name (avx512bw's check covers the OS's AVX-512 state). */
    if (strcmp(isa, "avx512fp16") == 0) {
        unsigned a, b, c, d;
        return __builtin_cpu_supports("avx512bw") && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
               (d >> 23 & 1);
    }
    return 0; /* an ISA we do not know how to detect is never run */
}

const char *ab_strategy_name(ab_strategy s) {
    static const char *names[] = {"naive", "stable", "approx", "vector", "library"};
    return (unsigned)s < AB_STRATEGY_COUNT ? names[s] : "?";
}

const char *ab_precision_name(ab_precision p) {
    return (unsigned)p < AB_PRECISION_COUNT ? ab_fmt(p)->name : "?";
}

int ab_precision_known(const char *s) {
    ab_precision p;
    return ab_parse_precision(s, &p) == 0;
}

int ab_parse_precision(const char *s, ab_precision *out) {
    for (int p = 0; p < AB_PRECISION_COUNT; p++)
        if (strcmp(s, ab_fmt((ab_precision)p)->name) == 0) { *out = (ab_precision)p; return 0; }
    return -1;
}
