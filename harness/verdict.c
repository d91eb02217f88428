/* verdict.c: see verdict.h. */
#include "verdict.h"
#include "registry.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[AB_FAIL_CLASSES] = {
    "bound", "overflow", "nan", "sign", "zero_flush",
    "range", "monotone", "symmetry", "nan_class", "inf_class"};

enum { C_BOUND, C_OVERFLOW, C_NAN, C_SIGN, C_ZERO, C_RANGE, C_MONOTONE, C_SYMMETRY,
       C_NAN_CLASS, C_INF_CLASS };

const char *ab_fail_class_name(int bit) {
    return bit >= 0 && bit < AB_FAIL_CLASSES ? class_names[bit] : "?";
}

/* A naive variant or a framework's kernel (what the framework ships:
 * measured, with every failure shown, but not a promise of ours) that
 * declares nothing expects every class. */
static unsigned expected_of(const ab_variant *v, const ab_library *lib) {
    if (v->expect) return v->expect;
    return v->strategy == AB_NAIVE || lib ? AB_FAIL_ANY : 0;
}
unsigned ab_variant_expected(const ab_variant *v) { return expected_of(v, ab_variant_library(v)); }

const char *ab_expected_text(const ab_variant *v, char *buf, size_t len) {
    const ab_library *lib = ab_variant_library(v);
    unsigned e = expected_of(v, lib);
    const char *why = v->expect_reason;
    char libwhy[160];
    if (!v->expect && v->strategy == AB_NAIVE) {
        why = AB_NAIVE_REASON;
    } else if (!v->expect && lib) {
        snprintf(libwhy, sizeof libwhy, "%s's own kernel, as the library ships it: measured, not "
                 "promised", lib->name);
        why = libwhy;
    }
    buf[0] = 0;
    if (!e) return buf;
    size_t n = 0;
    if ((e & AB_FAIL_ANY) == AB_FAIL_ANY) n = (size_t)snprintf(buf, len, "any");
    else
        for (int b = 0; b < AB_FAIL_CLASSES && n < len; b++)
            if (e >> b & 1) n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", class_names[b]);
    if (n < len) snprintf(buf + n, len - n, ": %s", why && *why ? why : "(no reason given)");
    return buf;
}

/* Parses "classes: reason" into v->expected and v->expect_reason. */
static void parse_expected(ab_verdict *v, const char *s) {
    const char *colon = strstr(s, ": ");
    if (!colon) return;
    for (const char *p = s; p < colon;) {
        const char *end = p;
        while (end < colon && *end != ',') end++;
        size_t k = (size_t)(end - p);
        if (k == 3 && !strncmp(p, "any", 3)) v->expected |= AB_FAIL_ANY;
        for (int b = 0; b < AB_FAIL_CLASSES; b++)
            if (strlen(class_names[b]) == k && !strncmp(p, class_names[b], k)) v->expected |= 1u << b;
        p = end < colon ? end + 1 : end;
    }
    snprintf(v->expect_reason, sizeof v->expect_reason, "%s", colon + 2);
}

void ab_verdict_init(ab_verdict *v) {
    memset(v, 0, sizeof *v);
    v->max_ulp = 0;
    v->declared = INFINITY;
}

static void tally(ab_class_tally *c, uint64_t bad, uint64_t of, const char *range,
                  const char *first) {
    c->of += of;
    if (!bad) return;
    if (!c->bad && first) snprintf(c->first, sizeof c->first, "%s", first);
    c->bad += bad;
    size_t n = strlen(c->ranges);
    if (n + strlen(range) + 3 < sizeof c->ranges)
        snprintf(c->ranges + n, sizeof c->ranges - n, "%s%s", n ? ", " : "", range);
    else if (!strstr(c->ranges, "..."))
        snprintf(c->ranges + n, sizeof c->ranges - n, ", ...");
}

void ab_verdict_add(ab_verdict *v, const ab_result_row *r, int what) {
    if (what & AB_VERDICT_COUNTS) {
        v->rows++;
        if (!r->within_bound && !(r->max_ulp <= v->max_ulp)) v->max_ulp = r->max_ulp;
        v->declared = r->declared_max_ulp;
        tally(&v->c[C_BOUND], !r->within_bound, 1, r->range, NULL);
        tally(&v->c[C_OVERFLOW], r->overflow, r->samples, r->range, NULL);
        tally(&v->c[C_NAN], r->nan, r->samples, r->range, NULL);
        tally(&v->c[C_SIGN], r->sign_errors, r->samples, r->range, NULL);
        tally(&v->c[C_ZERO], r->zero_flush, r->samples, r->range, NULL);
        if (*r->status && strcmp(r->status, "ok") && !*v->crashed)
            snprintf(v->crashed, sizeof v->crashed, "%s on %s", r->status, r->range);
    }
    /* Any row may carry the declaration (an exhaustive row swept before the
     * column existed leaves it to the sampled row). */
    if (!v->expected) {
        if (*r->expected_failure) parse_expected(v, r->expected_failure);
        else if (!strcmp(r->strategy, "naive")) {
            v->expected = AB_FAIL_ANY;
            snprintf(v->expect_reason, sizeof v->expect_reason, "%s", AB_NAIVE_REASON);
        }
    }
    if (what & AB_VERDICT_PROPS) {
        if (*r->properties && !*v->properties)
            snprintf(v->properties, sizeof v->properties, "%s", r->properties);
#define PROP(p, cls) tally(&v->c[cls], r->p##_violations, r->p##_checked, r->range, r->p##_first);
        PROP(range, C_RANGE)
        PROP(monotone, C_MONOTONE)
        PROP(symmetry, C_SYMMETRY)
        PROP(nan_class, C_NAN_CLASS)
        PROP(inf_class, C_INF_CLASS)
#undef PROP
    }
}

unsigned ab_verdict_failing(const ab_verdict *v) {
    unsigned f = 0;
    for (int b = 0; b < AB_FAIL_CLASSES; b++)
        if (v->c[b].bad) f |= 1u << b;
    return f;
}

ab_verdict_kind ab_verdict_kind_of(const ab_verdict *v) {
    unsigned f = ab_verdict_failing(v);
    if (*v->crashed) return AB_FAILS;
    if (!f) return AB_HOLDS;
    return (f & ~v->expected) ? AB_FAILS : AB_FAILS_AS_DECLARED;
}

const char *ab_verdict_word(ab_verdict_kind k) {
    return k == AB_HOLDS ? "holds" : k == AB_FAILS_AS_DECLARED ? "fails as declared" : "fails";
}

/* The declared text of one property, from the properties column: "range
 * [-1, 1]" gives "[-1, 1]", "odd" for symmetry, ... */
static void declared_part(const char *props, const char *key, char *out, size_t len) {
    out[0] = 0;
    for (const char *p = props; p && *p;) {
        const char *end = strstr(p, "; ");
        size_t k = end ? (size_t)(end - p) : strlen(p);
        int is_range = !strncmp(p, "range ", 6);
        int is_mono = !strncmp(p, "non", 3);
        int want = !strcmp(key, "range") ? is_range : !strcmp(key, "monotone") ? is_mono
                                                                              : !is_range && !is_mono;
        if (want) {
            if (is_range) { p += 6; k -= 6; }
            snprintf(out, len, "%.*s", (int)k, p);
            return;
        }
        p = end ? end + 2 : NULL;
    }
}

const char *ab_verdict_reason(const ab_verdict *v, char *buf, size_t len) {
    size_t n = 0;
    buf[0] = 0;
#define PUT(...) if (n < len) n += (size_t)snprintf(buf + n, len - n, __VA_ARGS__)
    if (*v->crashed) PUT("%s", v->crashed);
    for (int b = 0; b < AB_FAIL_CLASSES; b++) {
        const ab_class_tally *c = &v->c[b];
        if (!c->bad) continue;
        PUT("%s", n ? "; " : "");
        unsigned long long bad = c->bad, of = c->of;
        char d[96];
        switch (b) {
        case C_BOUND:
            PUT("max ULP %.17g above the declared %g (%s)", v->max_ulp, v->declared, c->ranges);
            break;
        case C_OVERFLOW: case C_NAN: case C_SIGN: case C_ZERO:
            PUT("%s on %llu of %llu inputs (%s)", class_names[b], bad, of, c->ranges);
            break;
        case C_RANGE:
            declared_part(v->properties, "range", d, sizeof d);
            PUT("range: %llu of %llu outputs outside %s, first at x = %s", bad, of,
                *d ? d : "the declared range", c->first);
            break;
        case C_MONOTONE:
            declared_part(v->properties, "monotone", d, sizeof d);
            PUT("monotone: %llu of %llu pairs (x, next x) not %s, first at x = %s", bad, of,
                *d ? d : "monotone", c->first);
            break;
        case C_SYMMETRY:
            declared_part(v->properties, "symmetry", d, sizeof d);
            PUT("symmetry: %s fails on %llu of %llu inputs, first at x = %s", *d ? d : "the identity",
                bad, of, c->first);
            break;
        case C_NAN_CLASS:
            PUT("nan_class: %llu of %llu NaN inputs give a number, first %s", bad, of, c->first);
            break;
        case C_INF_CLASS:
            PUT("inf_class: %llu of %llu infinite inputs miss the reference's limit, first %s",
                bad, of, c->first);
            break;
        }
    }
    if (ab_verdict_kind_of(v) == AB_FAILS_AS_DECLARED) PUT(" (declared: %s)", v->expect_reason);
#undef PUT
    return buf;
}

ab_verdict_kind ab_row_verdict(const ab_result_row *r, char *reason, size_t len) {
    ab_verdict v;
    ab_verdict_init(&v);
    ab_verdict_add(&v, r, AB_VERDICT_ALL);
    if (reason) ab_verdict_reason(&v, reason, len);
    return ab_verdict_kind_of(&v);
}
