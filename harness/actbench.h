/* actbench.h: the public interface between actbench and the code it measures.
 *
 * A variant is one batch function plus one registration line.  An activation
 * is a name, an MPFR reference, named input ranges and a list of variants.
 * Everything else (sweep, metrics, CSV, report, gate) is driven by this
 * registry, so a new variant gets all of them for free.
 *
 * ABI: bump ACTBENCH_ABI_VERSION whenever a struct below changes layout. */
#ifndef ACTBENCH_H
#define ACTBENCH_H

#include <stddef.h>
#include <mpfr.h>

#define ACTBENCH_ABI_VERSION 1

typedef enum { AB_F32 = 0, AB_F64 = 1 } ab_precision;

typedef enum {
    AB_NAIVE = 0,   /* the textbook / seed-article formula */
    AB_STABLE,      /* the careful rewrite: no spurious overflow or cancellation */
    AB_APPROX,      /* a fast approximation with a declared bound */
    AB_VECTOR,      /* SIMD kernel */
    AB_LIBRARY,     /* libm, SLEEF, ... */
    AB_STRATEGY_COUNT
} ab_strategy;

/* Batch signatures.  x and y may alias (in-place). */
typedef void (*ab_fn_f32)(const float *x, float *y, size_t n);
typedef void (*ab_fn_f64)(const double *x, double *y, size_t n);

typedef struct {
    const char *name;        /* "naive", "stable", "avx512-rr1-p5-div", ... */
    ab_strategy strategy;
    ab_precision precision;
    const char *isa;         /* "scalar", "avx2", "avx512f", ... */
    double max_ulp;          /* declared bound on every range; INFINITY: none */
    const char *formula;     /* one line describing the recipe */
    void (*fn)(void);        /* an ab_fn_f32 or ab_fn_f64, cast */
} ab_variant;

/* A named input interval, with bounds per precision.  Bounds are values;
 * the sweep samples the ordinal (bit-pattern) interval between them. */
typedef struct {
    const char *name;
    double lo32, hi32;
    double lo64, hi64;
} ab_range;

/* MPFR reference formula.  Sets y (whose precision the formula may choose,
 * at least prec bits) to an approximation of f(x) and returns an exponent E
 * such that |y - f(x)| <= 2^E, or AB_REF_EXACT when y == f(x) exactly.
 * tmp[] holds AB_REF_TEMPS initialised scratch variables. */
#define AB_REF_EXACT ((long)-0x7fffffffffffffffL)
#define AB_REF_TEMPS 6
typedef long (*ab_reference_fn)(mpfr_t y, const mpfr_t x, mpfr_prec_t prec,
                                mpfr_t *tmp);

#define AB_MAX_THRESHOLDS 16

typedef struct {
    const char *name;
    const char *description;
    ab_reference_fn reference;
    const ab_range *ranges;          /* own ranges at branch/saturation points */
    size_t n_ranges;
    /* Declared thresholds (branch and saturation points); the special set
     * contains each one and its neighbours +-1 ulp. 0-terminated lists are
     * awkward for 0, so they carry explicit counts. */
    double thresholds32[AB_MAX_THRESHOLDS];
    size_t n_thresholds32;
    double thresholds64[AB_MAX_THRESHOLDS];
    size_t n_thresholds64;
    const ab_variant *variants;
    size_t n_variants;
} ab_activation;

/* Registration: may be called at any time before a command runs (from a
 * constructor in the binary).  Returns 0, or -1 with a message on stderr
 * when a name clashes, the activation is unknown, or a new activation has
 * no reference. */
int ab_register_activation(const ab_activation *a);
int ab_register_variant(const char *activation, const ab_variant *v);

/* ---- Plugins ----------------------------------------------------------
 * A plugin is a shared object loaded with `actbench --plugin lib.so CMD`.
 * It exports two symbols:
 *
 *   const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
 *   int actbench_plugin_register(const ab_host *host);
 *
 * actbench_plugin_register() calls host->register_variant() to add
 * variants to existing activations, and host->register_activation() to
 * add new activations (each with its MPFR reference).  It returns 0, or
 * nonzero to refuse loading.  The descriptors and strings it passes must
 * stay valid for the life of the process (static storage).  Plugin
 * variants are swept in a child process with a time limit, so a crash or
 * a hang is reported (with the last input) instead of taking the run down.
 * See examples/plugin/ and the README. */
typedef struct {
    int abi_version;
    int (*register_activation)(const ab_activation *a);
    int (*register_variant)(const char *activation, const ab_variant *v);
} ab_host;

typedef int (*ab_plugin_register_fn)(const ab_host *host);

#define AB_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Lift a scalar function T f(T) to the batch signature. */
#define AB_BATCH_F32(batch, scalar)                                        \
    static void batch(const float *x, float *y, size_t n) {                \
        for (size_t i = 0; i < n; i++) y[i] = scalar(x[i]);                \
    }
#define AB_BATCH_F64(batch, scalar)                                        \
    static void batch(const double *x, double *y, size_t n) {              \
        for (size_t i = 0; i < n; i++) y[i] = scalar(x[i]);                \
    }

/* One registration line: AB_VARIANT(name, strategy, precision, isa,
 * declared_max_ulp, formula, batch_function). */
#define AB_VARIANT(name, strategy, prec, isa, ulp, formula, fn)            \
    { name, strategy, prec, isa, ulp, formula, (void (*)(void))(fn) }

/* Register more variants of an activation from another file (e.g. its SIMD
 * kernels in impls/<activation>_simd.c), in any constructor order. */
#define AB_REGISTER_VARIANTS(activation, array)                            \
    __attribute__((constructor)) static void ab_register_##array(void) {  \
        for (size_t i = 0; i < AB_COUNT(array); i++)                       \
            ab_register_variant(activation, &array[i]);                    \
    }

/* Register an activation descriptor when the program starts. */
#define AB_REGISTER(desc)                                                  \
    __attribute__((constructor)) static void ab_register_##desc(void) {   \
        ab_register_activation(&desc);                                     \
    }

#endif
