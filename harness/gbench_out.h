/* gbench_out.h: bench --format gbench, the throughput rows in Google
 * Benchmark's JSON schema (its --benchmark_format=json), so that its
 * tools/compare.py can compare two actbench runs, or an actbench run with
 * a Google Benchmark one.
 *
 * Made from the throughput document (json_out.h: its "rows", keyed by the
 * CSV's columns), so it says nothing the CSV does not.  Each row is one
 * benchmark named ACTIVATION/PRECISION/VARIANT/N (latency rows: .../N/latency):
 *   run_type "iteration": the best of the row's timed samples (actbench's
 *     ns_per_elem_min); real_time = cpu_time = ns per call (one thread,
 *     pinned: no separate CPU clock), time_unit "ns", iterations = calls
 *     in that sample (inner), counters items_per_second (elements),
 *     bytes_per_second, ns_per_elem, cycles_per_elem, reps;
 *   run_type "aggregate" NAME_median: the median sample (aggregate_name
 *     "median", repetitions = reps).
 * A row whose plugin child failed has error_occurred and error_message (its
 * status) and no times.  The context has Google's fields (date, host_name,
 * executable, num_cpus, mhz_per_cpu from the TSC, cpu_scaling_enabled,
 * caches, load_avg, library_build_type) plus actbench's (commit, ABI). */
#ifndef AB_GBENCH_OUT_H
#define AB_GBENCH_OUT_H
#include <jansson.h>

/* A new document from a throughput document; NULL when out of memory. */
json_t *ab_gbench_document(const json_t *throughput);
#endif
