/* recommend.h: per-variant summaries of the accuracy and throughput CSVs,
 * and the recommendation rule shared by `actbench report` and
 * `actbench recommend`.
 *
 * Rule: for an activation, a precision and a ULP budget U, the candidates
 * are the variants that hold (verdict.h: within their declared bound and
 * no failure of any class, properties included, on every range, and
 * status "ok") whose max ULP over all ranges is <= U.  The
 * recommendation is the candidate with the smallest ns_per_elem_min at
 * n = 4096 (throughput mode); ties keep the earlier row.  Candidates
 * without a throughput row are not ranked; when no candidate has one, the
 * recommendation is the most accurate candidate, flagged "not measured". */
#ifndef AB_RECOMMEND_H
#define AB_RECOMMEND_H
#include <stddef.h>
#include <stdint.h>
#include "csv_io.h"
#include "csv_schema.h"
#include "verdict.h"

#define AB_L1_SIZE 4096u
#define AB_SUMMARY_HIST_BINS 24

/* One (activation, precision, variant), aggregated over its ranges. */
typedef struct {
    const char *activation, *precision, *variant, *strategy, *isa;
    const char *library;         /* a framework peer's "name version"; "" for none */
    double declared;             /* declared_max_ulp (inf: none) */
    double max_ulp;              /* over all ranges */
    double max_ulp_full, max_ulp_core;   /* NAN when the range is absent */
    double mean_ulp_full, cr_full;       /* full range; NAN when absent */
    uint64_t monotone_full, double_rounded_full; /* full range's counts */
    uint64_t samples;            /* over all ranges */
    uint64_t overflow, nan, sign_errors, zero_flush;   /* summed over ranges */
    int within_bound;            /* on every range */
    int status_ok;               /* every range ran (plugins: no crash) */
    double overflow_onset, nan_onset;    /* smallest |x| over ranges; NAN: none */
    uint64_t hist[AB_SUMMARY_HIST_BINS]; /* full range (all ranges if absent) */
    int have_hist;
    ab_verdict verdict;          /* over every range */
    double ns_l1;                /* ns_per_elem_min at size 4096; NAN: none */
    double ns_l1_median;         /* the same row's median (NAN: not recorded) */
    size_t n_l1;                 /* that row's elements per call */
    /* Evidence, over the ranges but the special set (always every input):
     * ranges measured on every input or on samples; every_input: a range
     * of over 2^20 inputs was exhaustive (a whole f32 scan), or a 16-bit
     * full range was (all 65,536 patterns). */
    size_t ranges_exhaustive, ranges_sampled;
    int every_input;
} ab_vsummary;

/* One throughput CSV row. */
typedef struct {
    const char *activation, *variant, *precision, *strategy;
    size_t n;                    /* elements per call */
    size_t size;                 /* the size asked for (column size; n when absent) */
    double ns_min, ns_median;
    int latency;                 /* mode = latency */
} ab_tprow;

typedef struct {
    ab_results acc;              /* owns the accuracy strings */
    ab_results exh;              /* the exhaustive CSV, when have_exh */
    int have_exh;
    ab_csv_table tp;             /* owns the throughput strings */
    int have_tp;
    ab_vsummary *v;
    size_t n;
    ab_tprow *t;
    size_t nt;
    uint64_t seed, samples_requested;
} ab_summary;

/* Loads the accuracy CSV (required), the throughput CSV and the exhaustive
 * CSV (both optional: NULL or a missing file leaves have_tp / have_exh 0).
 * An exhaustive row is preferred over the sampled row of the same
 * (activation, variant, precision, range).  Returns 0, or -1 with a
 * message "file:line: ..." in err. */
int ab_summary_load(ab_summary *s, const char *acc, const char *tp, const char *exh, char *err,
                    size_t errlen);
/* What a variant's figures rest on: "exhaustive: all 2^32 inputs",
 * "exhaustive: all 65,536 inputs" (16-bit), "sampled" or "partly exhaustive". */
const char *ab_vsummary_evidence(const ab_vsummary *v);
void ab_summary_free(ab_summary *s);

/* The variant holds: the rule above without the budget. */
int ab_vsummary_clean(const ab_vsummary *v);
/* "holds", or "fails: REASON" / "fails as declared: REASON (declared: ...)"
 * (ab_verdict_reason). */
const char *ab_vsummary_verdict(const ab_vsummary *v, char *buf, size_t len);

typedef struct {
    long best;                   /* index into s->v, or -1 */
    size_t variants;             /* variants of (activation, precision) */
    size_t candidates;           /* clean and within the budget */
    size_t measured;             /* candidates with a throughput row */
    /* Timing ties.  noise(v) = (median - min) / min of v's row at 4096.
     * A candidate ties with the fastest F when its min is within
     * F's min * (1 + max(noise(F), noise(v))); among the ties the most
     * accurate wins (then the faster, then the earlier row). */
    long fastest;                /* F; -1 when nothing is measured */
    double noise;                /* the band that decided best against F */
    long runner_up;              /* fastest measured candidate outside the ties; -1: none */
    /* best < 0: the variant nearest to qualifying (a clean one over the
     * budget with the smallest max ULP, else the most accurate one), -1
     * when the precision has no variant. */
    long closest;
} ab_recommendation;

ab_recommendation ab_recommend(const ab_summary *s, const char *activation,
                               const char *precision, double max_ulp);

/* One line: "stable (stable, scalar): max ULP 0.98, 2.31 ns/elem at n=4096;
 * 3 of 5 variants qualify; evidence: sampled", with the timing margin
 * ("12% faster than B", or "ties with F within the 4% noise, more
 * accurate"), or "none: ..." naming the closest variant and what rules it
 * out.  budget: the max ULP asked for. */
void ab_recommendation_text(const ab_summary *s, const ab_recommendation *r, double budget,
                            char *buf, size_t len);
/* The most accurate variant of (act, prec) that holds (smallest max ULP);
 * the most accurate of all when none holds; -1 when there is none.  It is
 * a none's closest variant, and the overview's "best". */
long ab_most_accurate_variant(const ab_summary *s, const char *act, const char *prec);
/* Why the closest variant (r->closest) does not qualify for the budget:
 * "max ULP 1.5 > 1" and/or its verdict's reason.  "" when r->closest < 0. */
void ab_recommendation_why_not(const ab_summary *s, const ab_recommendation *r, double budget,
                               char *buf, size_t len);
/* The timing margin of r->best, as in ab_recommendation_text ("" when
 * untimed or alone). */
void ab_recommendation_margin(const ab_summary *s, const ab_recommendation *r, char *buf,
                              size_t len);
#endif
