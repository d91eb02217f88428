/* half.c: the 16-bit variants every elementwise activation gets for free
 * (see half.h).  Batch functions take no context, so each synthesised
 * variant owns a slot: a trampoline per slot and signature passes the
 * slot to the kernel of its kind. */
#include "half.h"
#include "registry.h"
#include "../reference/format.h"
#include "../reference/reference.h"
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { VIA_F32, TABLE, AVX512_CVT };

typedef struct {
    int kind;
    ab_precision prec;
    const ab_activation *act;   /* the registry's copy (stable address) */
    ab_fn_f32 f32;              /* VIA_F32, AVX512_CVT: the f32 kernel */
    pthread_mutex_t lock;       /* TABLE: built once, at first use */
    atomic_int built;
    void *table;
    char name[64], formula[200], reason[400];
} slot;

#define SLOTS 256
static slot slots[3][SLOTS]; /* per signature: bf16, f16, bf16-f32 */
static size_t used[3];

static int sig_of(ab_precision p) { return p == AB_BF16 ? 0 : p == AB_F16 ? 1 : 2; }

/* ---- the table: every input's correctly rounded output ------------------- */
static void build_table(slot *s) {
    pthread_mutex_lock(&s->lock);
    if (!atomic_load(&s->built)) {
        ab_ref_ctx *c = ab_ref_ctx_new();
        size_t w = (size_t)ab_fmt(s->prec)->width;
        unsigned char *t = malloc(65536 * w);
        if (!c || !t) { fprintf(stderr, "actbench: out of memory\n"); exit(3); }
        ab_precision fi = ab_in_prec(s->prec), fo = ab_out_prec(s->prec);
        for (uint32_t b = 0; b < 65536; b++) {
            ab_refval r;
            ab_reference_eval(c, s->act->reference, s->prec, ab_fmt_from_bits(b, fi), &r);
            if (w == 2) ((uint16_t *)t)[b] = (uint16_t)ab_fmt_bits(r.cr, fo);
            else ((float *)t)[b] = (float)r.cr;
        }
        ab_ref_ctx_free(c);
        s->table = t;
        atomic_store(&s->built, 1);
    }
    pthread_mutex_unlock(&s->lock);
}

static const void *table_of(slot *s) {
    if (!atomic_load_explicit(&s->built, memory_order_acquire)) build_table(s);
    return s->table;
}

/* ---- conversions: scalar (RNE, ab_*_from_f32) or AVX-512 ----------------- */
#define BLOCK 256

static void widen(ab_precision fi, const uint16_t *x, float *f, size_t n) {
    for (size_t i = 0; i < n; i++)
        f[i] = fi == AB_BF16 ? ab_bf16_to_f32((ab_bf16){x[i]}) : ab_f16_to_f32((ab_f16){x[i]});
}

static void narrow(ab_precision fo, const float *f, uint16_t *y, size_t n) {
    for (size_t i = 0; i < n; i++)
        y[i] = fo == AB_BF16 ? ab_bf16_from_f32(f[i]).bits : ab_f16_from_f32(f[i]).bits;
}

/* bf16: widening is a shift; narrowing is vcvtne2ps2bf16 (round to
 * nearest even, but with denormal inputs and outputs flushed to zero:
 * the sweep measures what that costs).  f16: vcvtph2ps and vcvtps2ph with
 * round-to-nearest-even (AVX-512F).  A block's tail goes through the same
 * instructions (the buffers are whole vectors), so that an output does not
 * depend on its position in the array. */
__attribute__((target("avx512f,avx512bw,avx512bf16"))) static void
cvt_bf16(const slot *s, const uint16_t *x, void *y, size_t n) {
    float f[BLOCK] __attribute__((aligned(64))), g[BLOCK] __attribute__((aligned(64)));
    uint16_t h[BLOCK] __attribute__((aligned(64)));
    for (size_t i = 0; i < n; i += BLOCK) {
        size_t k = n - i < BLOCK ? n - i : BLOCK, k32 = (k + 31) / 32 * 32;
        memcpy(h, x + i, k * sizeof *h);
        memset(h + k, 0, (k32 - k) * sizeof *h);
        for (size_t j = 0; j < k32; j += 16) {
            __m256i v = _mm256_load_si256((const __m256i *)(h + j));
            _mm512_store_ps(f + j, _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(v), 16)));
        }
        s->f32(f, g, k32);
        if (s->prec == AB_BF16_F32) { memcpy((float *)y + i, g, k * sizeof *g); continue; }
        for (size_t j = 0; j < k32; j += 32) {
            __m512bh p = _mm512_cvtne2ps_pbh(_mm512_load_ps(g + j + 16), _mm512_load_ps(g + j));
            _mm512_store_si512(h + j, (__m512i)p);
        }
        memcpy((uint16_t *)y + i, h, k * sizeof *h);
    }
}

__attribute__((target("avx512f"))) static void
cvt_f16(const slot *s, const uint16_t *x, uint16_t *y, size_t n) {
    float f[BLOCK] __attribute__((aligned(64))), g[BLOCK] __attribute__((aligned(64)));
    uint16_t h[BLOCK] __attribute__((aligned(64)));
    for (size_t i = 0; i < n; i += BLOCK) {
        size_t k = n - i < BLOCK ? n - i : BLOCK, k16 = (k + 15) / 16 * 16;
        memcpy(h, x + i, k * sizeof *h);
        memset(h + k, 0, (k16 - k) * sizeof *h);
        for (size_t j = 0; j < k16; j += 16)
            _mm512_store_ps(f + j, _mm512_cvtph_ps(_mm256_load_si256((const __m256i *)(h + j))));
        s->f32(f, g, k16);
        for (size_t j = 0; j < k16; j += 16)
            _mm256_store_si256((__m256i *)(h + j),
                               _mm512_cvtps_ph(_mm512_load_ps(g + j), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
        memcpy(y + i, h, k * sizeof *h);
    }
}

/* ---- the kernels ------------------------------------------------------------ */
static void run(slot *s, const uint16_t *x, void *y, size_t n) {
    ab_precision fi = ab_in_prec(s->prec), fo = ab_out_prec(s->prec);
    if (s->kind == TABLE) {
        const void *t = table_of(s);
        if (fo == AB_F32)
            for (size_t i = 0; i < n; i++) ((float *)y)[i] = ((const float *)t)[x[i]];
        else
            for (size_t i = 0; i < n; i++) ((uint16_t *)y)[i] = ((const uint16_t *)t)[x[i]];
        return;
    }
    if (s->kind == AVX512_CVT) {
        if (fi == AB_BF16) cvt_bf16(s, x, y, n);
        else cvt_f16(s, x, y, n);
        return;
    }
    float f[BLOCK], g[BLOCK]; /* x and y may alias: a block is read before it is written */
    for (size_t i = 0; i < n; i += BLOCK) {
        size_t k = n - i < BLOCK ? n - i : BLOCK;
        widen(fi, x + i, f, k);
        s->f32(f, g, k);
        if (fo == AB_F32) memcpy((float *)y + i, g, k * sizeof *g);
        else narrow(fo, g, (uint16_t *)y + i, k);
    }
}

/* Trampolines: slot i of each signature.  Octal digits name them. */
#define T1(d)                                                                           \
    static void tb_##d(const ab_bf16 *x, ab_bf16 *y, size_t n) { run(&slots[0][0##d], (const uint16_t *)x, y, n); } \
    static void th_##d(const ab_f16 *x, ab_f16 *y, size_t n) { run(&slots[1][0##d], (const uint16_t *)x, y, n); }   \
    static void tm_##d(const ab_bf16 *x, float *y, size_t n) { run(&slots[2][0##d], (const uint16_t *)x, y, n); }
#define T8(d) T1(d##0) T1(d##1) T1(d##2) T1(d##3) T1(d##4) T1(d##5) T1(d##6) T1(d##7)
#define T64(d) T8(d##0) T8(d##1) T8(d##2) T8(d##3) T8(d##4) T8(d##5) T8(d##6) T8(d##7)
T64(0) T64(1) T64(2) T64(3)
#define P1(d) {tb_##d, th_##d, tm_##d},
#define P8(d) P1(d##0) P1(d##1) P1(d##2) P1(d##3) P1(d##4) P1(d##5) P1(d##6) P1(d##7)
#define P64(d) P8(d##0) P8(d##1) P8(d##2) P8(d##3) P8(d##4) P8(d##5) P8(d##6) P8(d##7)
static const struct {
    ab_fn_bf16 b;
    ab_fn_f16 h;
    ab_fn_bf16_f32 m;
} tramp[SLOTS] = {P64(0) P64(1) P64(2) P64(3)};

/* ---- synthesis ------------------------------------------------------------- */
static int portable(const ab_variant *v) {
    return v->precision == AB_F32 && v->strategy != AB_NAIVE && v->outputs <= 1 &&
           strcmp(v->isa, "scalar") == 0 && !ab_variant_library(v) && isfinite(v->max_ulp);
}

static int avx512(const ab_variant *v) {
    return v->precision == AB_F32 && v->strategy == AB_VECTOR && v->outputs <= 1 &&
           !ab_variant_library(v) && isfinite(v->max_ulp) &&
           (!strcmp(v->isa, "avx512f") || !strcmp(v->isa, "avx512") || !strcmp(v->isa, "avx512dq"));
}

/* The most accurate by declared bound; ties go to the first registered. */
static const ab_variant *best(const ab_activation *a, int (*ok)(const ab_variant *)) {
    const ab_variant *b = NULL;
    for (size_t i = 0; i < a->n_variants; i++)
        if (ok(&a->variants[i]) && (!b || a->variants[i].max_ulp < b->max_ulp)) b = &a->variants[i];
    return b;
}

static slot *take(ab_precision p, int kind, const ab_activation *a, ab_fn_f32 f32) {
    int g = sig_of(p);
    if (used[g] == SLOTS) return NULL;
    slot *s = &slots[g][used[g]];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->prec = p;
    s->act = a;
    s->f32 = f32;
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

static ab_variant as_variant(slot *s, size_t idx, ab_strategy st, const char *isa, double ulp,
                             const ab_variant *base) {
    int g = sig_of(s->prec);
    void (*fn)(void) = g == 0 ? (void (*)(void))tramp[idx].b
                     : g == 1 ? (void (*)(void))tramp[idx].h
                              : (void (*)(void))tramp[idx].m;
    ab_variant v = {s->name, st, s->prec, isa, ulp, s->formula, fn,
                    base ? base->expect : 0, base ? base->expect_reason : NULL, 1};
    if (base && s->prec != AB_BF16_F32) {
        /* f(x) = x/2 + tiny at the smallest subnormal x (gelu, silu): f32
         * holds x/2 exactly, which then ties to even, 0, in the format */
        snprintf(s->reason, sizeof s->reason, "%s%sdouble rounding: f32's x/2 at the smallest "
                 "subnormal rounds to even, 0", base->expect_reason ? base->expect_reason : "",
                 base->expect_reason ? "; " : "");
        v.expect |= AB_FAIL_ZERO;
        v.expect_reason = s->reason;
    }
    return v;
}

/* A correctly rounded-to-the-format result of an f32 value within B f32
 * ULPs of f is within 1/2 + 2^(p-23) B of the format's ULPs of f: the
 * final rounding adds at most half an ULP of f's binade, and one f32 ULP
 * is 2^(p-24) of a format ULP, twice that across a power of two. */
static double via_bound(double B, ab_precision p) {
    if (p == AB_BF16_F32) return B;
    return 0.5 + ldexp(B, ab_fmt(p)->p - 23);
}

size_t ab_half_variants(const ab_activation *a, ab_variant *out, int *isolated_base, size_t max,
                        int (*isolated)(const ab_variant *)) {
    static const ab_precision ps[] = {AB_BF16, AB_F16, AB_BF16_F32};
    const ab_variant *via = best(a, portable), *vec = best(a, avx512);
    size_t n = 0;
    for (size_t k = 0; k < 3 && n + 3 <= max; k++) {
        ab_precision p = ps[k];
        const char *fname = ab_fmt(p)->name;
        slot *s;
        if (via && (s = take(p, VIA_F32, a, (ab_fn_f32)via->fn))) {
            snprintf(s->name, sizeof s->name, "via-f32");
            snprintf(s->formula, sizeof s->formula, "widen to f32, f32 %s (declared %g ULP), %s",
                     via->name, via->max_ulp, p == AB_BF16_F32 ? "as it is" : "round to nearest even");
            out[n] = as_variant(s, used[sig_of(p)]++, AB_STABLE, "scalar", via_bound(via->max_ulp, p), via);
            isolated_base[n++] = isolated(via);
        }
        if ((s = take(p, TABLE, a, NULL))) {
            snprintf(s->name, sizeof s->name, "table");
            snprintf(s->formula, sizeof s->formula,
                     "65,536-entry table of the correctly rounded %s, built from the MPFR reference at first use",
                     fname);
            out[n] = as_variant(s, used[sig_of(p)]++, AB_STABLE, "scalar", 0.5, NULL);
            isolated_base[n++] = 0;
        }
        if (vec && (s = take(p, AVX512_CVT, a, (ab_fn_f32)vec->fn))) {
            int bf = ab_in_prec(p) == AB_BF16;
            snprintf(s->name, sizeof s->name, "%s-%s",
                     p == AB_BF16 ? "avx512bf16" : bf ? "widen" : "avx512-cvtph", vec->name);
            snprintf(s->formula, sizeof s->formula, "%s, f32 %s (declared %g ULP), %s",
                     bf ? "widen by shift" : "vcvtph2ps", vec->name, vec->max_ulp,
                     p == AB_BF16_F32 ? "as it is" : bf ? "vcvtne2ps2bf16" : "vcvtps2ph (nearest even)");
            out[n] = as_variant(s, used[sig_of(p)]++, AB_VECTOR, p == AB_BF16 ? "avx512bf16" : vec->isa,
                                via_bound(vec->max_ulp, p), vec);
            if (p == AB_BF16) { /* measured: 2^-133 in, 0 out */
                size_t k = strlen(s->reason);
                snprintf(s->reason + k, sizeof s->reason - k, "%svcvtne2ps2bf16 flushes subnormal "
                         "results to zero", k ? "; " : "");
                out[n].expect |= AB_FAIL_ZERO | AB_FAIL_BOUND | AB_FAIL_SYMMETRY;
                out[n].expect_reason = s->reason;
            }
            isolated_base[n++] = isolated(vec);
        }
    }
    return n;
}
