/* html.h: text made safe for the report's HTML. */
#ifndef AB_REPORT_HTML_H
#define AB_REPORT_HTML_H
#include <stdio.h>
#include <stddef.h>

/* Writes s with & < > " ' escaped (safe in text and in quoted attributes). */
void ab_html_escape(FILE *f, const char *s);
/* The same into a malloc'd string (NULL when out of memory). */
char *ab_html_escape_str(const char *s);
/* "act-" then the activation's name with anything but [A-Za-z0-9_-]
 * replaced by '_': an element id and a #fragment. */
void ab_html_anchor(char *out, size_t len, const char *act);
/* The activation's page in the report's site: its name with anything but
 * [A-Za-z0-9_-] replaced by '_', then ".html" ("act-index.html" for an
 * activation named index, whose name is the overview's). */
void ab_html_page_name(char *out, size_t len, const char *act);
/* <a href="NAME.html">act</a>: a link to the activation's page. */
void ab_html_act_link(FILE *f, const char *act);
#endif
