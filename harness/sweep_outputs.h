/* sweep_outputs.h: the sweep's extra outputs for the report, written as
 * observers of the job engine: per-bucket error profiles and the special
 * values table. */
#ifndef AB_SWEEP_OUTPUTS_H
#define AB_SWEEP_OUTPUTS_H
#include "csv_io.h"
#include "sweep.h"

#define AB_PROFILE_BUCKETS 512

/* Profiles: one CSV per (activation, precision, range) in dir, with the
 * max ULP of every variant over AB_PROFILE_BUCKETS ordinal buckets (a NaN
 * mismatch counts as inf).  Adds an observer to o; returns -1 (errno set)
 * when dir cannot be created.  Call ab_profiles_end after the
 * sweep. */
int ab_profiles_begin(ab_sweep_opts *o, const char *dir);
void ab_profiles_end(ab_sweep_opts *o);

/* Special values: every variant's output on the special set, next to the
 * correctly rounded value (activation,precision,input,expected,variant,
 * output,match), into w, whose header this writes. */
void ab_special_values_begin(ab_sweep_opts *o, ab_csv_writer *w);
#endif
