/* test_vector.c: properties every vector kernel must have, checked generically
 * over the registry.  A "vector variant" is any variant whose isa is not
 * "scalar", or whose strategy is AB_VECTOR (the portable ones); variants this
 * CPU cannot run are skipped (never called).
 *
 *  - tails: for every n in 0..65 (covers 3 x 16 + 1, AVX-512 f32) and a few
 *    start offsets, f(x + s, y, n) gives, bit for bit, the elements of one
 *    long call, writes nothing past y[n - 1], and reads nothing past
 *    x[s + n - 1] (the input ends at a PROT_NONE page);
 *  - lane independence: a NaN, +-inf, a huge or a tiny value in one lane
 *    leaves every other lane's output bit-identical, and its own lane gets
 *    what a call with n = 1 gives;
 *  - aligned (64-byte) and unaligned (one element off) x and y;
 *  - in place (x == y).
 * Plus: `actbench list` shows avx2, avx512f and SLEEF rows as available on
 * a CPU that has AVX-512F. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../harness/registry.h"
#include "../reference/format.h"
#include "subprocess.h"

/* make test: each test takes seconds; 120 s only trips on a hang. */
TestSuite(vector, .timeout = 120);

#define LONG_N 256       /* the long reference call */
#define MAX_TAIL 65      /* 64 + 1 */
#define LANES_N 64       /* a multiple of every vector width */

static int is_vector(const ab_variant *v) {
    return strcmp(v->isa, "scalar") != 0 || v->strategy == AB_VECTOR;
}

/* Bytes of an input and of an output element (bf16-f32: 2 and 4). */
static size_t isize(const ab_variant *v) { return (size_t)ab_fmt(ab_in_prec(v->precision))->width; }
static size_t esize(const ab_variant *v) { return (size_t)ab_fmt(v->precision)->width; }

static void call(const ab_variant *v, const void *x, void *y, size_t n) {
    switch (v->precision) {
    case AB_F32: ((ab_fn_f32)v->fn)((const float *)x, (float *)y, n); break;
    case AB_F64: ((ab_fn_f64)v->fn)((const double *)x, (double *)y, n); break;
    case AB_BF16: ((ab_fn_bf16)v->fn)((const ab_bf16 *)x, (ab_bf16 *)y, n); break;
    case AB_F16: ((ab_fn_f16)v->fn)((const ab_f16 *)x, (ab_f16 *)y, n); break;
    default: ((ab_fn_bf16_f32)v->fn)((const ab_bf16 *)x, (float *)y, n); break;
    }
}

/* Visit every available vector variant. */
typedef void (*visit_fn)(const ab_activation *a, const ab_variant *v);
static size_t for_each_vector_variant(visit_fn f) {
    size_t count = 0;
    for (size_t i = 0; i < ab_activation_count(); i++) {
        const ab_activation *a = ab_activation_at(i);
        for (size_t k = 0; k < a->n_variants; k++) {
            const ab_variant *v = &a->variants[k];
            if (!is_vector(v) || !ab_variant_available(v) || ab_variant_isolated(v)) continue;
            f(a, v);
            count++;
        }
    }
    return count;
}

/* ---- inputs: deterministic, every magnitude, specials sprinkled in ---- */

static uint64_t rng_state;
static uint64_t rng(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double pick_value(uint64_t r, int allow_special) {
    static const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, -NAN,
                                      1e-45, -1e-45, 1e-310, 88.8, -104.5, 710.0, -746.0, 20.0};
    unsigned kind = (unsigned)(r & 7);
    double u = (double)(r >> 11) * 0x1p-53; /* [0, 1) */
    if (allow_special && kind == 0) return specials[(r >> 3) % (sizeof specials / sizeof *specials)];
    if (kind <= 4) return (u * 2 - 1) * 12.0;                 /* core */
    if (kind == 5) return (u * 2 - 1) * 120.0;                /* tails, f32 saturation */
    if (kind == 6) return ldexp(u + 0.5, (int)(r >> 53) % 60 - 40) * ((r >> 20) & 1 ? -1 : 1);
    return (u * 2 - 1) * 800.0;                               /* f64 tails */
}

static void set_elem(const ab_variant *v, void *x, size_t i, double d);

static void fill(const ab_variant *v, void *x, size_t n, uint64_t seed, int allow_special) {
    rng_state = seed;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rng();
        double d = pick_value(r, allow_special);
        if (allow_special && (r >> 60) == 0xf) { /* a random bit pattern now and then */
            if (isize(v) == 2) { uint16_t b = (uint16_t)(r >> 8); memcpy((uint16_t *)x + i, &b, 2); }
            else if (isize(v) == 4) { uint32_t b = (uint32_t)(r >> 8); memcpy((float *)x + i, &b, 4); }
            else memcpy((double *)x + i, &r, 8);
            continue;
        }
        set_elem(v, x, i, d);
    }
}

/* An element of a buffer of the format fmt (values rounded into it). */
static void put(ab_precision fmt, void *x, size_t i, double d) {
    if (fmt == AB_F32) ((float *)x)[i] = (float)d;
    else if (fmt == AB_F64) ((double *)x)[i] = d;
    else ((uint16_t *)x)[i] = (uint16_t)ab_fmt_bits(ab_fmt_round(d, fmt), fmt);
}

static double get(ab_precision fmt, const void *x, size_t i) {
    if (fmt == AB_F32) return ((const float *)x)[i];
    if (fmt == AB_F64) return ((const double *)x)[i];
    return ab_fmt_from_bits(((const uint16_t *)x)[i], fmt);
}

static void set_elem(const ab_variant *v, void *x, size_t i, double d) { put(ab_in_prec(v->precision), x, i, d); }
static double get_elem(const ab_variant *v, const void *x, size_t i) { return get(ab_in_prec(v->precision), x, i); }
static double get_out(const ab_variant *v, const void *y, size_t i) { return get(ab_out_prec(v->precision), y, i); }

static int same(const ab_variant *v, const void *a, size_t i, const void *b, size_t j) {
    size_t es = esize(v);
    return memcmp((const char *)a + i * es, (const char *)b + j * es, es) == 0;
}

#define VNAME(a, v) (a)->name, (v)->name, ab_precision_name((v)->precision), (v)->isa

/* ---- tails ---- */

/* Input ends exactly at a PROT_NONE page: reading one element past the
 * last one faults. */
typedef struct { char *base; size_t len; } guarded;
static void *guarded_end(guarded *g, size_t bytes) {
    long pg = sysconf(_SC_PAGESIZE);
    size_t data = ((bytes + (size_t)pg) / (size_t)pg) * (size_t)pg; /* >= 1 page */
    g->len = data + (size_t)pg;
    g->base = mmap(NULL, g->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(g->base, MAP_FAILED);
    cr_assert_eq(mprotect(g->base + data, (size_t)pg, PROT_NONE), 0);
    return g->base + data - bytes;
}

static void check_tails(const ab_activation *a, const ab_variant *v) {
    size_t es = esize(v), is = isize(v);
    double xbuf[LONG_N], ref[LONG_N], y[LONG_N + 16];
    fill(v, xbuf, LONG_N, 0x7a11 + (uint64_t)is, 1);
    call(v, xbuf, ref, LONG_N);
    static const size_t starts[] = {0, 1, 3, 7, 16};
    guarded g;
    for (size_t si = 0; si < sizeof starts / sizeof *starts; si++) {
        size_t s = starts[si];
        for (size_t n = 0; n <= MAX_TAIL; n++) {
            /* the n inputs x[s .. s+n) copied to the end of a guarded page */
            void *gx = guarded_end(&g, n * is);
            memcpy(gx, (char *)xbuf + s * is, n * is);
            memset(y, 0xA5, sizeof y);
            call(v, gx, y, n);
            for (size_t i = 0; i < n; i++)
                cr_expect(same(v, y, i, ref, s + i),
                          "%s/%s/%s (%s): n=%zu start=%zu: element %zu is %a, the long call "
                          "gives %a for x=%a", VNAME(a, v), n, s, i, get_out(v, y, i),
                          get_out(v, ref, s + i), get_elem(v, xbuf, s + i));
            unsigned char *tail = (unsigned char *)y + n * es;
            for (size_t b = 0; b < 16 * es; b++)
                if (tail[b] != 0xA5) {
                    cr_expect_fail("%s/%s/%s (%s): n=%zu wrote past the end (byte %zu)",
                                   VNAME(a, v), n, b);
                    break;
                }
            munmap(g.base, g.len);
        }
    }
}

Test(vector, tails_match_long_call_and_stay_in_bounds) {
    size_t n = for_each_vector_variant(check_tails);
    cr_log_info("tails checked on %zu vector variants", n);
    cr_assert_gt(n, 0, "no available vector variant was checked");
}

/* ---- lane independence ---- */

static void check_lanes(const ab_activation *a, const ab_variant *v) {
    static const double specials[] = {NAN, -NAN, INFINITY, -INFINITY, 1e300, -1e300,
                                      -200.0, 200.0, -800.0, 5e-324, -0.0};
    double x[LANES_N], base[LANES_N], xs[LANES_N], y[LANES_N], one_in, one_out;
    fill(v, x, LANES_N, 0x1a4e5, 0); /* ordinary values only */
    for (size_t i = 0; i < LANES_N; i++)   /* keep them in the kernels' fast paths */
        set_elem(v, x, i, fmod(get_elem(v, x, i), 8.0));
    call(v, x, base, LANES_N);
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
        set_elem(v, &one_in, 0, specials[k]);
        call(v, &one_in, &one_out, 1);
        for (size_t p = 0; p < LANES_N; p++) {
            memcpy(xs, x, sizeof xs); /* whole buffers: any element size */
            set_elem(v, xs, p, specials[k]);
            call(v, xs, y, LANES_N);
            for (size_t i = 0; i < LANES_N; i++) {
                if (i == p) {
                    cr_expect(same(v, y, i, &one_out, 0),
                              "%s/%s/%s (%s): f(%g) in lane %zu is %a, alone it is %a",
                              VNAME(a, v), specials[k], p, get_out(v, y, i),
                              get_out(v, &one_out, 0));
                } else if (!same(v, y, i, base, i)) {
                    cr_expect_fail("%s/%s/%s (%s): %g in lane %zu changed lane %zu: %a, was %a "
                                   "(x=%a)", VNAME(a, v), specials[k], p, i, get_out(v, y, i),
                                   get_out(v, base, i), get_elem(v, x, i));
                    break;
                }
            }
        }
    }
}

Test(vector, lanes_are_independent) {
    size_t n = for_each_vector_variant(check_lanes);
    cr_log_info("lane independence checked on %zu vector variants", n);
    cr_assert_gt(n, 0, "no available vector variant was checked");
}

/* ---- alignment and in place ---- */

static void check_alignment_inplace(const ab_activation *a, const ab_variant *v) {
    size_t es = esize(v), is = isize(v), n = 200;
    double xbuf[200], ref[200];
    fill(v, xbuf, n, 0xa119, 1);
    call(v, xbuf, ref, n);
    char *xa = aligned_alloc(64, (n + 8) * 8), *ya = aligned_alloc(64, (n + 8) * 8);
    cr_assert(xa && ya);
    for (int xo = 0; xo <= 1; xo++)
        for (int yo = 0; yo <= 1; yo++) {
            char *xp = xa + (size_t)xo * is, *yp = ya + (size_t)yo * es;
            memcpy(xp, xbuf, n * is);
            memset(yp, 0, n * es);
            call(v, xp, yp, n);
            for (size_t i = 0; i < n; i++)
                if (!same(v, yp, i, ref, i)) {
                    cr_expect_fail("%s/%s/%s (%s): x offset %d, y offset %d elements: element "
                                   "%zu is %a, expected %a", VNAME(a, v), xo, yo, i,
                                   get_out(v, yp, i), get_out(v, ref, i));
                    break;
                }
        }
    for (int o = 0; o <= 1 && is == es; o++) { /* in place: same element size only */
        char *p = xa + (size_t)o * es;
        for (size_t len = n - 5; len <= n; len++) { /* several tail lengths */
            memcpy(p, xbuf, len * es);
            call(v, p, p, len);
            for (size_t i = 0; i < len; i++)
                if (!same(v, p, i, ref, i)) {
                    cr_expect_fail("%s/%s/%s (%s): in place (offset %d, n=%zu): element %zu "
                                   "is %a, expected %a", VNAME(a, v), o, len, i,
                                   get_out(v, p, i), get_out(v, ref, i));
                    break;
                }
        }
    }
    free(xa);
    free(ya);
}

Test(vector, aligned_unaligned_and_in_place) {
    size_t n = for_each_vector_variant(check_alignment_inplace);
    cr_log_info("alignment and in-place checked on %zu vector variants", n);
    cr_assert_gt(n, 0, "no available vector variant was checked");
}

/* The registry has vector variants at all (guards against a filter that
 * silently matches nothing). */
Test(vector, registry_has_vector_variants) {
    size_t vec = 0, avail = 0;
    for (size_t i = 0; i < ab_activation_count(); i++) {
        const ab_activation *a = ab_activation_at(i);
        for (size_t k = 0; k < a->n_variants; k++)
            if (is_vector(&a->variants[k])) {
                vec++;
                avail += ab_variant_available(&a->variants[k]) ? 1 : 0;
            }
    }
    cr_expect_gt(vec, 0, "no vector variants registered");
    cr_expect_gt(avail, 0, "no vector variant can run here (portable ones always can)");
}

/* ---- actbench list on this machine ---- */

Test(vector, list_shows_avx2_avx512_and_sleef_available) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx512f"))
        cr_skip_test("this CPU has no AVX-512F");
    if (!getenv("ACTBENCH_BIN")) cr_skip_test("ACTBENCH_BIN is not set (run with make test)");
    const char *args[] = {"list", NULL};
    ab_proc p = ab_run_actbench(args);
    cr_assert_eq(p.status, 0, "list: exit %d: %s", p.status, p.err);
    int avx2 = 0, avx512 = 0, sleef = 0;
    char *save, *line = strtok_r(p.out, "\n", &save);
    while ((line = strtok_r(NULL, "\n", &save))) {
        /* activation,variant,strategy,precision,isa,available */
        char *f[6], *s = line;
        int nf = 0;
        for (char *c; nf < 6 && (c = strsep(&s, ",")); ) f[nf++] = c;
        if (nf < 6 || strcmp(f[5], "1") != 0) continue;
        if (!strcmp(f[4], "avx2")) avx2++;
        if (!strcmp(f[4], "avx512f")) avx512++;
        if (!strncmp(f[1], "sleef-", 6)) sleef++;
    }
    cr_expect_gt(avx2, 0, "no available avx2 row in `actbench list`");
    cr_expect_gt(avx512, 0, "no available avx512f row in `actbench list`");
    cr_expect_gt(sleef, 0, "no available SLEEF row in `actbench list`");
    ab_proc_free(&p);
}
