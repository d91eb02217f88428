/* names.h: which names (activation, variant, range) actbench accepts from
 * a file or a plugin, and how a value read from a file is quoted in a
 * one-line error message.
 *
 * A name is 1 to 64 characters from A-Z a-z 0-9 _ . + -, and starts with a
 * letter, a digit or '_' (so no "..", no leading dot or dash, no '/').
 * Names build file paths (the report's <act>_<prec>_<range>.csv profiles)
 * and command lines (the report's "reproduce this run"), and appear in
 * HTML, SVG, gnuplot and XML: this set is safe in all of them.  Every
 * built-in name is in it. */
#ifndef AB_NAMES_H
#define AB_NAMES_H
#include <stddef.h>

#define AB_NAME_MAX 64
/* The rule, for messages: "1-64 characters from ...". */
#define AB_NAME_RULE "1-64 characters from A-Z a-z 0-9 _ . + -, starting with a letter, a digit or _"

/* 1 when s is a valid name. */
int ab_name_ok(const char *s);
/* s for a message: at most 60 characters, control and non-ASCII bytes as
 * \xNN, so that the message stays on one line.  Returns out. */
const char *ab_msg_quote(const char *s, char *out, size_t len);
#endif
