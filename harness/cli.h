/* cli.h: argument parsing shared by the commands.  Every bad input ends
 * in a one-line message naming the flag and what is valid, and exit 2. */
#ifndef AB_CLI_H
#define AB_CLI_H
#include <stddef.h>
#include <stdint.h>
#include "sweep.h"

#define AB_EXIT_USAGE 2

extern const char *ab_cmd;   /* "actbench sweep", for messages */

_Noreturn void ab_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Value of an option that takes an argument: --flag VALUE or --flag=VALUE.
 * Returns NULL when argv[*i] is not that flag. */
const char *ab_opt_value(int argc, char **argv, int *i, const char *flag, const char *alias);

uint64_t ab_parse_u64(const char *flag, const char *s, uint64_t min, uint64_t max,
                      int allow_suffix);
/* Splits a comma-separated list into out (names and the strings in one
 * malloc'd block: free(out->names) frees both).  Empty items are kept
 * ("" is one empty name, "a,,b" three names), for ab_check_names or the
 * number parser to reject. */
void ab_parse_names(const char *s, ab_filter *out);
/* --precision P[,P..]: a bit per ab_precision (usage error, exit 2, on an
 * unknown name). */
unsigned ab_parse_precisions(const char *s);
/* Checks every name of f is in valid[0..n); else exits naming the empty
 * item, or listing the valid names. */
void ab_check_names(const char *flag, const ab_filter *f, const char *const *valid, size_t n);
/* Appends s to list[0..n) unless it is there (or the list is full, max);
 * returns the new count. */
size_t ab_add_name(const char **list, size_t n, size_t max, const char *s);
/* A command's exit status rc, or AB_EXIT_USAGE after one line on stderr
 * when its standard output could not be written (a full disk, /dev/full,
 * a closed pipe): output that was lost is an error, whatever rc says.
 * A command that writes stdout prints no message of its own for that. */
int ab_finish_stdout(int rc);
#endif
