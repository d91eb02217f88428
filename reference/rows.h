/* rows.h: MPFR references of the row operations, and the row Ziv loop. */
#ifndef AB_REFERENCE_ROWS_H
#define AB_REFERENCE_ROWS_H
#include "reference.h"
#include "../api/actbench.h"

/* The centre of the radial basis functions: c_i = 1/2 for every i. */
#define AB_RBF_CENTRE 0.5

/* |y - f| <= 2^(EXP(y) + k - p): the bound of a result with relative error
 * below 2^(k-1-p) (the extra 1 covers |f| slightly above 2^EXP(y)). */
long ab_row_rel_err(const mpfr_t y, int k, mpfr_prec_t p);

/* d = a - b exactly (d's precision is set to hold it). */
void ab_row_sub_exact(mpfr_t d, const mpfr_t a, const mpfr_t b);

void ab_rowref_softmax(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_log_softmax(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_logsumexp(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_maxout(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_mean(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_max(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_min(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_gaussian_rbf(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_multiquadric_rbf(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);

/* The backward passes (AB_ROW_HALF: x = row[0..L), g = row[L..2L)),
 * reference/rows_backward.c. */
void ab_rowref_softmax_backward(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);
void ab_rowref_log_softmax_backward(mpfr_t *y, long *err, mpfr_t *x, size_t n, mpfr_prec_t p, ab_row_scratch *s);

/* Row Ziv: one context per thread (NULL only on allocation failure). */
typedef struct ab_row_ref_ctx ab_row_ref_ctx;
ab_row_ref_ctx *ab_row_ref_ctx_new(void);
void ab_row_ref_ctx_free(ab_row_ref_ctx *c);

/* Evaluates op's reference on the row x[0..n) from 64 (f32) or 96 (f64)
 * bits, doubling the precision of the whole row until every output's
 * rounding is decided, up to AB_REF_MAX_PREC bits.  Fills
 * out[0..ab_row_out_len(op, n)); returns the number of outputs whose
 * rounding was still undecided at the cap (their cap_hit is set). */
size_t ab_row_reference_eval(ab_row_ref_ctx *c, const ab_row_op *op, ab_precision prec,
                             const double *x, size_t n, ab_refval *out);
#endif
