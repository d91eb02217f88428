/* actbench.h: the one public contract between actbench and the code it
 * measures.  Built-in activations (impls/), their MPFR references
 * (reference/) and plugins all include this header and nothing of the
 * engine's.
 *
 * An operation is elementwise (an ab_activation: y_i = f(x_i)) or a row
 * operation (an ab_row_op: a row x[0..n) gives y[0..n) or one value).
 * Each has an MPFR reference and a list of variants; a variant is one batch
 * function plus one registration line.  Sweep, metrics, CSV, bench, report
 * and gate are all driven by the one registry, so a new variant gets all
 * of them for free.
 *
 * ABI: bump ACTBENCH_ABI_VERSION whenever a struct below changes layout or
 * meaning.  2: row operations, ab_host.register_row_op, reference
 * directions (AB_REF_ABOVE, AB_REF_BELOW), the f32 fast tier.
 * 3: declared properties (ab_activation.props: output range,
 * monotonicity, symmetry) and expected failures (ab_variant.expect,
 * ab_variant.expect_reason).  Both are new trailing fields: a descriptor
 * that leaves them out (zero) declares nothing and is swept as before.
 * 4: ab_variant.outputs (fused kernels that return two arrays in one pass,
 * e.g. a forward value and its derivative: the bench counts both), and
 * AB_ROW_HALF row operations (a row holds two vectors, x and g, and the
 * output one: the backward passes of softmax and log_softmax).
 * 5: the 16-bit precisions AB_BF16 and AB_F16 (input and output in the
 * format) and AB_BF16_F32 (bfloat16 in, f32 out), their batch signatures
 * (actbench_half.h) and ab_range's bounds for them (the f32 bounds,
 * rounded inward into the format). */
#ifndef ACTBENCH_H
#define ACTBENCH_H

#include <stddef.h>
#include <mpfr.h>
#include "actbench_half.h"

#define ACTBENCH_ABI_VERSION 5

/* A precision names the input and output formats of a batch function:
 * f32, f64, bf16 and f16 read and write one format; bf16-f32 reads
 * bfloat16 and writes f32 (a bf16 tensor feeding f32 accumulation).  The
 * reference is rounded to the output format, and ULPs are the output
 * format's. */
typedef enum {
    AB_F32 = 0, AB_F64 = 1, AB_BF16 = 2, AB_F16 = 3, AB_BF16_F32 = 4,
    AB_PRECISION_COUNT
} ab_precision;

typedef enum {
    AB_NAIVE = 0,   /* the textbook / seed-article formula */
    AB_STABLE,      /* the careful rewrite: no spurious overflow or cancellation */
    AB_APPROX,      /* a fast approximation with a declared bound */
    AB_VECTOR,      /* SIMD kernel */
    AB_LIBRARY,     /* libm, SLEEF, ... */
    AB_STRATEGY_COUNT
} ab_strategy;

/* Batch signatures.  Elementwise: y[i] = f(x[i]) for i < n; x and y may
 * alias (in-place).  Row operations: x[0..n) is one row; y receives n
 * values (AB_ROW_SAME) or one (AB_ROW_SCALAR). */
typedef void (*ab_fn_f32)(const float *x, float *y, size_t n);
typedef void (*ab_fn_f64)(const double *x, double *y, size_t n);
typedef void (*ab_fn_bf16)(const ab_bf16 *x, ab_bf16 *y, size_t n);
typedef void (*ab_fn_f16)(const ab_f16 *x, ab_f16 *y, size_t n);
typedef void (*ab_fn_bf16_f32)(const ab_bf16 *x, float *y, size_t n);

/* Failure classes, for a variant's declared expected failures (a bit
 * set).  A variant holds only when its max ULP is within its bound and
 * every failure count is zero on every range; a class named here turns
 * that class's failures from "fails" into "fails as declared", with the
 * reason shown beside them.  A naive variant that declares nothing
 * expects every class, with the reason "the article's formula: measured,
 * not promised". */
enum {
    AB_FAIL_BOUND     = 1u << 0,  /* max ULP above the declared bound */
    AB_FAIL_OVERFLOW  = 1u << 1,
    AB_FAIL_NAN       = 1u << 2,
    AB_FAIL_SIGN      = 1u << 3,
    AB_FAIL_ZERO      = 1u << 4,  /* zero flush */
    AB_FAIL_RANGE     = 1u << 5,  /* properties (ab_properties) */
    AB_FAIL_MONOTONE  = 1u << 6,
    AB_FAIL_SYMMETRY  = 1u << 7,
    AB_FAIL_NAN_CLASS = 1u << 8,
    AB_FAIL_INF_CLASS = 1u << 9,
    AB_FAIL_ANY       = (1u << 10) - 1
};

typedef struct {
    const char *name;        /* "naive", "stable", "avx512-rr1-p5-div", ... */
    ab_strategy strategy;
    ab_precision precision;  /* set by AB_VARIANT from fn's type */
    const char *isa;         /* "scalar", "avx2", "avx512f", ... */
    double max_ulp;          /* declared bound on every range; INFINITY: none */
    const char *formula;     /* one line describing the recipe */
    void (*fn)(void);        /* an ab_fn_f32 or ab_fn_f64, cast by AB_VARIANT */
    /* ABI 3: expected failures (AB_FAIL_* bits) and why; 0 / NULL: none
     * (see AB_VARIANT_EXPECTING). */
    unsigned expect;
    const char *expect_reason;
    /* ABI 4: arrays the kernel writes per call (0 or 1: one).  2: a fused
     * kernel that computes a second output in the same pass (the forward
     * value beside the derivative, AB_VARIANT_FUSED); only the output
     * passed to fn is measured for accuracy, and the bench counts the
     * bytes of both. */
    unsigned outputs;
} ab_variant;

/* One registration line: AB_VARIANT(name, strategy, isa, declared_max_ulp,
 * formula, batch_function).  The precision comes from the function's
 * type: an ab_fn_f32 is an f32 variant, an ab_fn_f64 an f64 one, an
 * ab_fn_bf16 / ab_fn_f16 / ab_fn_bf16_f32 a 16-bit one, and any other type
 * is a compile error (no `default:` association). */
#define AB_FN_PRECISION(fn)                                                  \
    _Generic((fn), ab_fn_f32: AB_F32, ab_fn_f64: AB_F64, ab_fn_bf16: AB_BF16, \
             ab_fn_f16: AB_F16, ab_fn_bf16_f32: AB_BF16_F32)
#define AB_FN_ERASE(fn)                                                      \
    ((void (*)(void))_Generic((fn), ab_fn_f32: (fn), ab_fn_f64: (fn),         \
                              ab_fn_bf16: (fn), ab_fn_f16: (fn), ab_fn_bf16_f32: (fn)))
#define AB_VARIANT(name, strategy, isa, ulp, formula, fn)                  \
    { name, strategy, AB_FN_PRECISION(fn), isa, ulp, formula, AB_FN_ERASE(fn), 0, NULL, 1 }
/* The same, declaring failure classes the variant is known to have and a
 * true reason, e.g. AB_FAIL_SIGN, "the fma chain's sign on a cancelling
 * dot product". */
#define AB_VARIANT_EXPECTING(name, strategy, isa, ulp, formula, fn, classes, reason) \
    { name, strategy, AB_FN_PRECISION(fn), isa, ulp, formula, AB_FN_ERASE(fn), classes, reason, 1 }
/* A fused kernel (ABI 4): fn writes the measured output and, in the same
 * pass, a second array (outputs = 2) that the bench counts; see
 * impls/kernels/fused.h for the wrapper that keeps the second array. */
#define AB_VARIANT_FUSED(name, strategy, isa, ulp, formula, fn, classes, reason) \
    { name, strategy, AB_FN_PRECISION(fn), isa, ulp, formula, AB_FN_ERASE(fn), classes, reason, 2 }

/* A named input interval, with bounds per precision.  Bounds are values;
 * the sweep samples the ordinal (bit-pattern) interval between them. */
typedef struct {
    const char *name;
    double lo32, hi32;
    double lo64, hi64;
} ab_range;

/* ---- MPFR references ---------------------------------------------------
 * An elementwise reference sets y (whose precision the formula may choose,
 * at least prec bits) to an approximation of f(x) and returns one of:
 *   - an exponent E with |y - f(x)| <= 2^E;
 *   - AB_REF_EXACT: y == f(x) exactly (or |f(x)| is beyond MPFR's exponent
 *     range, where every format rounds it the same way);
 *   - AB_REF_ABOVE / AB_REF_BELOW, a direction, as MPFR's ternary value
 *     gives one: f(x) lies strictly between y and the next number above
 *     (below) y at y's own precision, and that precision is at least the
 *     target's plus 2 (26 bits for f32, 55 for f64).  No rounding
 *     boundary of the target lies strictly between y and that neighbour,
 *     so the correctly rounded result is decided, however close f(x) is
 *     to y.  Example: x - tanh(x) for f32 |x| >= 2^24 is x - 1 + d with
 *     0 < d < 2^-10000: y = x - 1 exactly, AB_REF_ABOVE.  A bound 2^E
 *     could not decide it when x - 1 is a rounding midpoint.
 * A zero y is read as exact, or as a value beyond MPFR's exponent range
 * (below 2^(-2^62)) on y's side of zero, which every format rounds to
 * that signed zero: a formula whose value can cancel to zero at p bits
 * must detect that and return a refined y (or a larger bound on a nonzero
 * y), never a zero with a bound.
 * tmp[] holds AB_REF_TEMPS initialised scratch variables. */
#define AB_REF_EXACT ((long)-0x7fffffffffffffffL)
#define AB_REF_ABOVE (AB_REF_EXACT + 1)
#define AB_REF_BELOW (AB_REF_EXACT + 2)
#define AB_REF_TEMPS 6
typedef long (*ab_reference_fn)(mpfr_t y, const mpfr_t x, mpfr_prec_t prec,
                                mpfr_t *tmp);

/* Optional fast tier for f32 results (exhaustive sweeps): evaluates f(x)
 * in binary64 (x is a float's value) with a proven error bound, derived in
 * a comment beside the code as the MPFR formulas' are.  Returns
 *   AB_FAST_DECLINE (0): no answer; the MPFR reference is used;
 *   AB_FAST_BOUND:  |*v - f(x)| <= *err (*err = 0: *v is f(x) exactly;
 *                   NaN and infinite results carry *err = 0);
 *   AB_FAST_ABOVE:  *v < f(x) <= *v + *err;
 *   AB_FAST_BELOW:  *v - *err <= f(x) < *v.
 * With a direction *err may be +inf, and *v may be 0 or DBL_MAX: so a
 * value below 2^-1074 or above DBL_MAX is described exactly enough, and
 * so is x/2 + (tiny) when x/2 is an f32 rounding midpoint.  The engine
 * takes the f32 rounding from this only when every value the answer
 * allows rounds to the same float (same sign included); otherwise it falls
 * back to MPFR and counts the fallback (ref_fallbacks). */
enum { AB_FAST_DECLINE = 0, AB_FAST_BOUND = 1, AB_FAST_ABOVE = 2, AB_FAST_BELOW = 3 };
typedef int (*ab_fast32_fn)(double x, double *v, double *err);

#define AB_MAX_THRESHOLDS 16

/* ---- Properties (ABI 3) ---------------------------------------------------
 * Declared beside each activation and checked in every sweep, sampled and
 * exhaustive, each with its own failure columns (a count and the first
 * violating input):
 *   - range: every non-NaN output y of a non-NaN input satisfies
 *     lo <= y <= hi (per precision: a constant such as silu's minimum is
 *     rounded outward in each format, so a correctly rounded output never
 *     violates it);
 *   - monotone: +1 nondecreasing, -1 nonincreasing: f(x) <= f(x+)
 *     (>=) for x+ the next number after x (sampled pairs; every adjacent
 *     pair in an exhaustive sweep);
 *   - symmetry: AB_SYM_ODD f(-x) = -f(x) and AB_SYM_EVEN f(-x) = f(x),
 *     bitwise; AB_SYM_SUM f(x) + f(-x) = c and AB_SYM_DIFF_X
 *     f(x) - f(-x) = x, within the variant's bound B: the exact residual
 *     is at most B (ulp(f(x)) + ulp(f(-x))), each term's ulp in the
 *     output's format (the residual both outputs within B ulps allow);
 *   - NaN and infinity classes (every activation, nothing to declare):
 *     quiet and signalling NaNs of both signs, with several payloads,
 *     give NaN, and +-inf give the reference's limit, bitwise. */
typedef enum {
    AB_SYM_NONE = 0,
    AB_SYM_ODD,      /* tanh, erf, softsign, hard_tanh, ... */
    AB_SYM_EVEN,     /* gaussian, multiquadric, ... */
    AB_SYM_SUM,      /* f(x) + f(-x) = sym_c: sigmoid (1), erfc (2) */
    AB_SYM_DIFF_X    /* f(x) - f(-x) = x: softplus, silu, gelu, ... */
} ab_symmetry;

typedef struct {
    int has_range;               /* 0: no range check */
    double lo32, hi32, lo64, hi64;
    int monotone;                /* 0 none, +1 nondecreasing, -1 nonincreasing */
    ab_symmetry symmetry;
    double sym_c;                /* AB_SYM_SUM's constant */
} ab_properties;

/* .props = AB_PROPS(AB_RANGE(0, 1), 1, AB_SYM_SUM, 1) */
#define AB_RANGE(lo, hi) 1, lo, hi, lo, hi
#define AB_RANGE2(lo32, hi32, lo64, hi64) 1, lo32, hi32, lo64, hi64
#define AB_NO_RANGE 0, 0, 0, 0, 0
#define AB_PROPS(range, monotone, symmetry, c) {range, monotone, symmetry, c}

typedef struct {
    const char *name;
    const char *description;
    ab_reference_fn reference;
    const ab_range *ranges;          /* own ranges at branch/saturation points */
    size_t n_ranges;
    /* Declared thresholds (branch and saturation points); the special set
     * contains each one and its neighbours +-1 ulp.  Declare them with
     * AB_THRESHOLDS32(...) and AB_THRESHOLDS64(...), which count them. */
    double thresholds32[AB_MAX_THRESHOLDS];
    size_t n_thresholds32;
    double thresholds64[AB_MAX_THRESHOLDS];
    size_t n_thresholds64;
    const ab_variant *variants;
    size_t n_variants;
    ab_fast32_fn fast32;             /* optional: NULL means MPFR only */
    ab_properties props;             /* ABI 3; zero: nothing declared */
} ab_activation;

#define AB_THRESHOLDS32(...)                                               \
    .thresholds32 = {__VA_ARGS__},                                         \
    .n_thresholds32 = sizeof((double[]){__VA_ARGS__}) / sizeof(double)
#define AB_THRESHOLDS64(...)                                               \
    .thresholds64 = {__VA_ARGS__},                                         \
    .n_thresholds64 = sizeof((double[]){__VA_ARGS__}) / sizeof(double)

/* ---- Row operations ------------------------------------------------------
 * softmax, log_softmax, logsumexp, maxout, pooling, radial functions.  A
 * row reference evaluates the whole row at once; the row Ziv loop raises
 * the precision of the whole row until every output's rounding is
 * decided.  Rows come from the seeded generators uniform, wide, masked,
 * all_neginf, constant, dominant, long, nan and huge (the "range" column);
 * a generator's length L maps to the row length n = len_mul L + len_add. */
/* AB_ROW_HALF (ABI 4): the row is two vectors of n/2 each, x = row[0..n/2)
 * and g = row[n/2..n) (a backward pass: inputs and incoming gradient), and
 * y receives n/2 values.  The length rule must give an even n (len_mul 2,
 * len_add even). */
typedef enum { AB_ROW_SAME = 0, AB_ROW_SCALAR = 1, AB_ROW_HALF = 2 } ab_row_output;

/* Scratch for a row reference: t[0..n) values and ptr[0..n) pointers
 * (for mpfr_sum), s[0..AB_ROW_TEMPS) scalars.  All initialised; their
 * precision is the reference's to set. */
#define AB_ROW_TEMPS 6
typedef struct {
    mpfr_t *t;
    mpfr_ptr *ptr;
    mpfr_t *s;
} ab_row_scratch;

/* x[0..n) hold the row exactly (53-bit precision, NaN and infinities
 * included).  Sets y[0..out_len) (precision p set by the caller; the
 * reference may change it) and err[0..out_len), each with the meaning of
 * an elementwise reference's return value: an exponent E with
 * |y_i - f_i(x)| <= 2^E, AB_REF_EXACT, AB_REF_ABOVE or AB_REF_BELOW. */
typedef void (*ab_row_reference_fn)(mpfr_t *y, long *err, mpfr_t *x, size_t n,
                                    mpfr_prec_t p, ab_row_scratch *s);

typedef struct {
    const char *name;
    const char *description;
    ab_row_output output;
    /* Row length from a length L of the generator's list: n = mul L + add
     * (mul 0 means 1).  Maxout: 5 L + 4. */
    unsigned len_mul, len_add;
    ab_row_reference_fn reference;
    /* The reference's value on an all -inf row ("nan", "neginf", ...). */
    const char *neg_inf_row_policy;
    /* Row-sum check: 0 none, 1 sum y_i = 1 (softmax), 2 sum e^(y_i) = 1
     * (log_softmax). */
    int row_sum;
    const ab_variant *variants;
    size_t n_variants;
} ab_row_op;

static inline size_t ab_row_out_len(const ab_row_op *op, size_t n) {
    return op->output == AB_ROW_SAME ? n : op->output == AB_ROW_HALF ? n / 2 : 1;
}

/* ---- Registration ---------------------------------------------------------
 * May be called at any time before a command runs (from a constructor in
 * the binary, or from a plugin).  Each returns 0, or -1 with a message
 * when a name clashes, the operation is unknown, or a new operation has
 * no reference.  ab_register_variant adds a variant to an elementwise
 * activation or to a row operation, by name. */
int ab_register_activation(const ab_activation *a);
int ab_register_row_op(const ab_row_op *op);
int ab_register_variant(const char *operation, const ab_variant *v);

/* ---- Framework libraries (built-in peers) -------------------------------
 * A variant that calls a framework's own kernel (oneDNN, XNNPACK, Eigen,
 * Highway, libtorch: impls/peers/) is registered with its library, so
 * that the CSV, the environment and the report name the library and its
 * version, and a library that was not built is listed as unavailable with
 * its reason instead of being run.  A library that runs its own thread
 * pool (own_threads) is swept in a child process, like a plugin, and its
 * shim sets it to one thread.  Not part of the plugin ABI (ab_host). */
typedef struct {
    const char *name;               /* "oneDNN" */
    const char *(*version)(void);   /* the linked library's version; NULL: not built */
    const char *unavailable;        /* NULL when usable; else why not, one line */
    int own_threads;
} ab_library;
int ab_register_library_variant(const char *operation, const ab_variant *v,
                                const ab_library *lib);

/* ---- Plugins ----------------------------------------------------------
 * A plugin is a shared object loaded with `actbench --plugin lib.so CMD`.
 * It exports two symbols:
 *
 *   const int actbench_plugin_abi = ACTBENCH_ABI_VERSION;
 *   int actbench_plugin_register(const ab_host *host);
 *
 * actbench_plugin_register() calls host->register_variant() to add
 * variants to existing operations (elementwise or row),
 * host->register_activation() to add new activations and
 * host->register_row_op() to add new row operations, each with its MPFR
 * reference.  It returns 0, or nonzero to refuse loading.  The
 * descriptors and strings it passes must stay valid for the life of the
 * process (static storage).  Plugin variants are swept in a child process
 * with a time limit, so a crash or a hang is reported (with the last
 * input) instead of taking the run down.  See examples/plugin/ and the
 * README. */
typedef struct {
    int abi_version;
    int (*register_activation)(const ab_activation *a);
    int (*register_variant)(const char *operation, const ab_variant *v);
    int (*register_row_op)(const ab_row_op *op);
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

/* Register more variants of an operation from another file (e.g. its SIMD
 * kernels in impls/<activation>_simd.c), in any constructor order. */
#define AB_REGISTER_VARIANTS(operation, array)                             \
    __attribute__((constructor)) static void ab_register_##array(void) {  \
        for (size_t i = 0; i < AB_COUNT(array); i++)                       \
            ab_register_variant(operation, &array[i]);                     \
    }

/* Register an activation or a row operation when the program starts. */
#define AB_REGISTER_LIBRARY_VARIANTS(operation, array, lib)                 \
    __attribute__((constructor)) static void ab_register_lib_##array(void) { \
        for (size_t i = 0; i < sizeof(array) / sizeof(array[0]); i++)      \
            ab_register_library_variant(operation, &array[i], &lib);       \
    }
#define AB_REGISTER(desc)                                                  \
    __attribute__((constructor)) static void ab_register_##desc(void) {   \
        ab_register_activation(&desc);                                     \
    }
#define AB_REGISTER_ROW_OP(desc)                                           \
    __attribute__((constructor)) static void ab_register_row_##desc(void) { \
        ab_register_row_op(&desc);                                         \
    }

#endif
