/* sweep_outputs.h: the sweep's extra outputs for the report, written as
 * observers of the job engine: per-bucket error profiles and the special
 * values table; and the histogram bins beside the accuracy CSV. */
#ifndef AB_SWEEP_OUTPUTS_H
#define AB_SWEEP_OUTPUTS_H
#include "csv_io.h"
#include "sweep.h"

#define AB_PROFILE_BUCKETS 512

/* Profiles: one CSV per (activation, precision, range) in dir, with the
 * max ULP of every variant over AB_PROFILE_BUCKETS ordinal buckets (a NaN
 * mismatch counts as inf).  Adds an observer to o; returns -1 (errno set)
 * when dir cannot be created or is not a directory.  Each profile is
 * written to a temporary that joins set (renamed with the command's other
 * outputs by ab_output_set_commit); a profile that cannot be written
 * removes every temporary and exits 2 with one line.  Call ab_profiles_end
 * after the commit (committed: it succeeded; if not, a directory the sweep
 * created is removed again). */
int ab_profiles_begin(ab_sweep_opts *o, const char *dir, ab_output_set *set);
void ab_profiles_end(ab_sweep_opts *o, int committed);

/* Special values: every variant's output on the special set, next to the
 * correctly rounded value (activation,precision,input,expected,variant,
 * output,match), into w, whose header this writes. */
void ab_special_values_begin(ab_sweep_opts *o, ab_csv_writer *w);

/* The edges of the ulp_histogram column's AB_HIST_BINS bins, beside an
 * accuracy CSV: for DIR/NAME.csv, DIR/NAME.ulp_bins.csv (any other name:
 * NAME.ulp_bins.csv), one row per bin: bin,lower,upper,lower_included,
 * upper_included (ULP, %.17g, inf for the last bin; 1 = the edge belongs
 * to the bin).  ab_hist_bins_path: that path (malloc'd), or NULL when
 * there is none: stdout ("-"), or a path that exists and is not a regular
 * file (a device such as /dev/null).  ab_hist_bins_add writes it to a
 * temporary that joins set (renamed with the CSV by ab_output_set_commit);
 * -1 with one line on stderr (and set marked failed) when it cannot. */
char *ab_hist_bins_path(const char *csv_path);
int ab_hist_bins_add(const char *csv_path, ab_output_set *set);
void ab_hist_bins_write(ab_csv_writer *w);
#endif
