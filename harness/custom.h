/* custom.h: input sources given on the command line, next to the named
 * ranges: an interval `--range LO:HI` (sampled on ordinals as the named
 * ranges are; exhaustive when it holds at most N values) and a list
 * `--inputs FILE` (one float per line).  They apply to every selected
 * elementwise activation, and appear in the CSV as
 *   range_<LO>_<HI>   (the bounds as typed; lo/hi columns: the bounds in
 *                      the precision, rounded inward)
 *   inputs_<file>     (the file's base name, unsafe characters as _). */
#ifndef AB_CUSTOM_H
#define AB_CUSTOM_H
#include <stddef.h>
#include "../api/actbench.h"

/* 1 when s is an interval (it has a ':'). */
int ab_is_interval(const char *s);
/* Adds the interval spec for the precisions in mask (bit p set: p
 * selected).  Returns its name, or NULL with a one-line reason in err. */
const char *ab_custom_range_add(const char *spec, unsigned mask, char *err, size_t len);
/* Adds the list in path, each value rounded to each precision in mask.
 * Returns its name, or NULL with a one-line reason in err. */
const char *ab_custom_inputs_add(const char *path, unsigned mask, char *err, size_t len);

size_t ab_custom_count(void);
const char *ab_custom_name(size_t i);
/* Interval bounds in p; -1 when name is not a custom interval. */
int ab_custom_bounds(const char *name, ab_precision p, double *lo, double *hi);
/* The list's values in p (NULL when name is not a list). */
const double *ab_custom_list(const char *name, ab_precision p, size_t *n);
/* 1 when name is a custom list. */
int ab_source_is_list(const char *name);
/* "<source>+search", the range name of a search row (kept for the
 * process's life). */
const char *ab_search_range_name(const char *source);
/* A fingerprint of every custom source (names, bounds, list contents),
 * for the shards' selection check. */
unsigned long long ab_custom_fingerprint(void);
#endif
