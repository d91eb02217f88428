/* verdict.h: whether a variant holds, and why not, from its accuracy CSV
 * rows.  The report, `recommend` and the gate all use this one rule.
 *
 * A variant (or one of its rows) holds when, on every range, its max ULP
 * is within its declared bound, every failure count is zero (overflow,
 * nan, sign_errors, zero_flush and each property's violations) and it ran
 * (status ok).  When it does not hold, and every failing class is one the
 * variant declares it expects (the expected_failure column, "classes:
 * reason"), it "fails as declared"; otherwise it fails.  A naive variant
 * that declares nothing expects every class: "the article's formula:
 * measured, not promised".  A crash is never expected. */
#ifndef AB_VERDICT_H
#define AB_VERDICT_H
#include <stddef.h>
#include <stdint.h>
#include "../api/actbench.h"
#include "csv_schema.h"

#define AB_NAIVE_REASON "the article's formula: measured, not promised"
#define AB_FAIL_CLASSES 10

typedef enum { AB_HOLDS = 0, AB_FAILS_AS_DECLARED, AB_FAILS } ab_verdict_kind;

/* Per class: failures, inputs (or pairs) checked, the ranges that failed,
 * and the first violating input (as text, from the first failing row). */
typedef struct {
    uint64_t bad, of;
    char ranges[96];
    char first[48];
} ab_class_tally;

typedef struct {
    ab_class_tally c[AB_FAIL_CLASSES];  /* by bit position of AB_FAIL_* */
    double max_ulp, declared;          /* bound: the worst max ULP of a row above its bound */
    char properties[160];              /* the declared properties text */
    char crashed[96];                  /* "" or "crashed (SEGV) on core" */
    unsigned expected;                 /* declared classes */
    char expect_reason[256];
    int rows;
} ab_verdict;

/* The class's name: "bound", "overflow", "nan", "sign", "zero_flush",
 * "range", "monotone", "symmetry", "nan_class", "inf_class". */
const char *ab_fail_class_name(int bit);

/* The classes v expects (AB_FAIL_* bits): its declaration, or every class
 * for a naive variant or a library's kernel that declares none. */
unsigned ab_variant_expected(const ab_variant *v);
/* The expected_failure text a variant's rows carry: "sign,nan: reason",
 * "any: reason", or "" when it declares nothing. */
const char *ab_expected_text(const ab_variant *v, char *buf, size_t len);

void ab_verdict_init(ab_verdict *v);
/* Adds one range row.  what: AB_VERDICT_COUNTS (max ULP, bound, the
 * metric failure counts, status, expected failures), AB_VERDICT_PROPS
 * (the property columns), or both (a sampled row's properties stand in
 * for an exhaustive row swept before the property columns existed). */
enum { AB_VERDICT_COUNTS = 1, AB_VERDICT_PROPS = 2, AB_VERDICT_ALL = 3 };
void ab_verdict_add(ab_verdict *v, const ab_result_row *r, int what);

unsigned ab_verdict_failing(const ab_verdict *v);   /* AB_FAIL_* bits */
ab_verdict_kind ab_verdict_kind_of(const ab_verdict *v);
/* "holds", "fails as declared" or "fails". */
const char *ab_verdict_word(ab_verdict_kind k);
/* Why it does not hold, one clause per failing class, "; "-separated:
 * "nan on 2 of 19 inputs (special); range: 3 of 16384 outputs outside
 * [-1, 1], first at 0x1.0f5c28p+3"; for a variant failing as declared,
 * followed by " (declared: REASON)"; "" when it holds. */
const char *ab_verdict_reason(const ab_verdict *v, char *buf, size_t len);
/* One row on its own. */
ab_verdict_kind ab_row_verdict(const ab_result_row *r, char *reason, size_t len);
#endif
