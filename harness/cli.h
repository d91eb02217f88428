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
/* Splits a comma-separated list; an empty list yields one empty name, which
 * ab_check_names then rejects with the list of valid names. */
void ab_parse_names(const char *s, ab_filter *out);
/* Checks every name of f is in valid[0..n); else exits listing them. */
void ab_check_names(const char *flag, const ab_filter *f, const char *const *valid, size_t n);
/* Appends s to list[0..n) unless it is there (or the list is full, max);
 * returns the new count. */
size_t ab_add_name(const char **list, size_t n, size_t max, const char *s);
#endif
