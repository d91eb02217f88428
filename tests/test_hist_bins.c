/* test_hist_bins.c: the ulp_histogram bin edges written beside an accuracy
 * CSV (NAME.ulp_bins.csv) agree with ab_hist_bin, the function that bins:
 * each edge lands in the bin its *_included flag says, the doubles just
 * inside and just outside each edge on the right side of it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../harness/csv_io.h"
#include "../harness/metrics.h"
#include "../harness/sweep_outputs.h"
#include "subprocess.h"

TestSuite(hist_bins, .timeout = 30);

static double number(const char *s) {
    char *end;
    double v = strtod(s, &end);
    cr_assert(*s && !*end, "not a number: '%s'", s);
    return v;
}

static int flag(const char *s) {
    cr_assert(!strcmp(s, "0") || !strcmp(s, "1"), "not 0 or 1: '%s'", s);
    return s[0] == '1';
}

/* Writes the side file for dir/accuracy.csv through an output set, as a
 * sweep does, and reads it back. */
static void read_bins(const char *dir, ab_csv_table *t) {
    char *csv = ab_path_join(dir, "accuracy.csv");
    ab_output_set set = {0};
    cr_assert_eq(ab_hist_bins_add(csv, &set), 0);
    cr_assert_eq(ab_output_set_commit(&set), 0);
    free(csv);
    char *bins = ab_path_join(dir, "accuracy.ulp_bins.csv"), err[512];
    cr_assert_eq(ab_csv_read(bins, t, err, sizeof err), 0, "%s", err);
    free(bins);
}

Test(hist_bins, edges_agree_with_the_binning) {
    char *dir = ab_make_tmpdir();
    ab_csv_table t;
    read_bins(dir, &t);
    static const char *const cols[] = {"bin", "lower", "upper", "lower_included", "upper_included"};
    int c[5];
    for (int k = 0; k < 5; k++) {
        c[k] = ab_csv_column(&t, cols[k]);
        cr_assert_geq(c[k], 0, "no column %s", cols[k]);
    }
    cr_assert_eq(t.nrows, 1 + AB_HIST_BINS, "%zu rows, want one per bin", t.nrows - 1);
    double prev_upper = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        char **row = t.cells[r];
        int k = (int)number(row[c[0]]);
        double lo = number(row[c[1]]), hi = number(row[c[2]]);
        int lo_in = flag(row[c[3]]), hi_in = flag(row[c[4]]);
        cr_expect_eq(k, (int)r - 1, "bins out of order at line %zu", t.line[r]);
        cr_expect(lo < hi, "bin %d: [%g, %g] is empty", k, lo, hi);
        /* Contiguous: each bin starts where the previous one ended. */
        if (r == 1) cr_expect(lo == 0 && lo_in, "bin 0 does not start at 0 included");
        else cr_expect(lo == prev_upper, "bin %d starts at %g, bin %d ended at %g", k, lo, k - 1, prev_upper);
        prev_upper = hi;
        /* The edges, and the doubles beside them on either side. */
        int want_lo = lo_in ? k : k - 1, want_hi = hi_in ? k : k + 1;
        if (k > 0 || lo_in)
            cr_expect_eq(ab_hist_bin(lo), want_lo, "ab_hist_bin(%.17g) = %d, bin %d says %d", lo,
                         ab_hist_bin(lo), k, want_lo);
        cr_expect_eq(ab_hist_bin(nextafter(lo, INFINITY)), k, "just above %.17g: bin %d, not %d", lo,
                     ab_hist_bin(nextafter(lo, INFINITY)), k);
        cr_expect_eq(ab_hist_bin(nextafter(hi, 0)), k, "just below %.17g: bin %d, not %d", hi,
                     ab_hist_bin(nextafter(hi, 0)), k);
        if (isfinite(hi)) {
            cr_expect_eq(ab_hist_bin(hi), want_hi, "ab_hist_bin(%.17g) = %d, bin %d says %d", hi,
                         ab_hist_bin(hi), k, want_hi);
            cr_expect_eq(ab_hist_bin(nextafter(hi, INFINITY)), k + 1, "just above %.17g: bin %d",
                         hi, ab_hist_bin(nextafter(hi, INFINITY)));
        } else {
            cr_expect(hi_in && ab_hist_bin(INFINITY) == k, "an infinite error is not in the last bin");
        }
    }
    cr_expect(isinf(prev_upper), "the last bin ends at %g, not inf", prev_upper);
    ab_csv_table_free(&t);
    ab_remove_tmpdir(dir);
}

Test(hist_bins, side_file_names) {
    char *p = ab_hist_bins_path("results/accuracy.csv");
    cr_expect_str_eq(p, "results/accuracy.ulp_bins.csv");
    free(p);
    p = ab_hist_bins_path("out.data");
    cr_expect_str_eq(p, "out.data.ulp_bins.csv");
    free(p);
    cr_expect_null(ab_hist_bins_path("-"), "stdout has no side file");
    cr_expect_null(ab_hist_bins_path("/dev/null"), "a device has no side file");
}
