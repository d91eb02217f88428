/* metrics.h: ULP error and the failure counts of one sweep row.
 *
 * ULP error |y - v| / ulp(v), with v the exact value and
 * ulp(v) = 2^(max(e, emin) - p) for 2^(e-1) <= |v| < 2^e
 * (p = 24, emin = -125 for f32; p = 53, emin = -1021 for f64; ulp(0) is the
 * smallest subnormal).  y = +-inf where v is finite is measured as
 * +-2^128 / +-2^1024 (Zimmermann et al.); where the correctly rounded
 * result is itself that inf, the error is 0.  NaN mismatches are not ULP
 * errors: they are counted apart and left out of max/mean ULP. */
#ifndef AB_METRICS_H
#define AB_METRICS_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "../reference/reference.h"
#include "xsum.h"

typedef struct {
    double ulp;      /* NAN when the sample is a NaN mismatch */
    double abs_err;  /* |y - v| */
    double rel_err;  /* |y - v| / |v|, 0 when v is 0 and y == v */
} ab_error;

/* The ULP metric's version, written in every accuracy row (ulp_metric):
 * results measured before the grid decision (binades decided exactly,
 * exact comparisons at multiples of ulp/4) have none, and are not taken
 * as evidence (recommend.c). */
#define AB_ULP_METRIC "grid-1"

ab_error ab_measure(double y, const ab_refval *r, ab_precision prec);
/* d (the ULP error as computed from the stored value) made exact against
 * every multiple of 1/4 ulp by f's grid place (see metrics.c); y4 is the
 * output in steps of ulp/4. */
double ab_grid_ulps(double d, long double y4, const ab_grid *g);
/* The same for a y4 held exactly in a double (the f32 paths). */
double ab_grid_ulps_d(double d, double y4, const ab_grid *g);

/* Same bits (so NaN == NaN and +0 != -0 in the other direction too). */
int ab_same_result(double y, double cr, ab_precision prec);

typedef struct {
    uint64_t samples;
    uint64_t correctly_rounded, over_1ulp, overflow, nan, sign_errors, zero_flush;
    /* 16-bit formats: outputs that are not correctly rounded but equal
     * the double rounding of f (to f32, then to the format): the error a
     * correctly rounded f32 kernel rounded once more would make. */
    uint64_t double_rounded;
    uint64_t measured;          /* samples that have a ULP error */
    double max_ulp;
    /* The sum of ULP errors: sum_ulp the samples added to this
     * accumulator directly (in index order), xs the exact sum of the
     * accumulators merged into it, so that the total does not depend on
     * how segments were grouped (xsum.h). */
    long double sum_ulp;
    ab_xsum xs;
    int has_worst;
    size_t worst_index;
    double worst_input, worst_output, worst_reference;
    double max_rel, max_abs;
    /* Onsets: the input of smallest magnitude that overflowed, and that
     * gave a NaN the reference does not have (NAN when none did). */
    double overflow_onset, nan_onset;
    /* ULP histogram: bin 0 holds errors <= 0.5, bin k (1..AB_HIST_BINS-2)
     * errors in (2^(k-2), 2^(k-1)], the last bin anything larger. */
    uint64_t hist[24];
} ab_acc;
#define AB_HIST_BINS 24
int ab_hist_bin(double ulp);

void ab_acc_init(ab_acc *a);
void ab_acc_add(ab_acc *a, size_t index, double x, double y, const ab_refval *r,
                ab_precision prec);
/* Merge b into a; b's samples must all come after a's, so that ties on
 * max_ulp keep the lowest index and sums add up in a fixed order. */
void ab_acc_merge(ab_acc *a, const ab_acc *b);
double ab_acc_mean_ulp(const ab_acc *a);

/* The f32 exhaustive path's per-input facts, computed once and shared by
 * every variant: cr, the reference value v as a double, and 1/ulp(v), so
 * that ab_acc_add_f32 is ab_acc_add in double arithmetic (its ULP errors
 * agree with ab_measure's to within 2^-50 relative). */
typedef struct {
    double v, inv_ulp, inv_q;   /* inv_q = 4 inv_ulp */
    ab_grid grid;
    double cr_ulp, cr_abs, cr_rel; /* the error of cr itself (when plain) */
    float cr;
    uint32_t cr_bits;
    unsigned char kind;     /* ab_value_kind */
    unsigned char plain;    /* v finite or zero and cr finite: errors by formula */
} ab_ref32;
void ab_ref32_from(const ab_refval *r, ab_ref32 *out);
/* From a value v (the fast tier's) whose f32 rounding is cr and whose
 * grid place is g (ab_fast32_decide). */
void ab_ref32_from_value(double v, float cr, const ab_grid *g, ab_ref32 *out);
void ab_acc_add_f32(ab_acc *a, size_t index, float x, float y, const ab_ref32 *r);
/* n outputs at once, indices base, base + 1, ...: the same as n calls of
 * ab_acc_add_f32, except that the ULPs of the correctly rounded outputs
 * are summed in double within the block (then added to sum_ulp). */
void ab_acc_add_f32_block(ab_acc *a, size_t base, const float *x, const float *y,
                          const ab_ref32 *r, size_t n);
#endif
