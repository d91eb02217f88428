/* svg.h: gnuplot's SVG output made fit to inline in the report. */
#ifndef AB_REPORT_SVG_H
#define AB_REPORT_SVG_H

/* Turns a gnuplot SVG document into an element that can be inlined in
 * HTML: drops the XML prolog, DOCTYPE, comments, <title> and <desc>,
 * empty groups and runs of white space; prefixes every id (and every
 * reference to one: href="#id", url(#id)) with "prefix-" so that ids of
 * different plots cannot clash; shortens coordinates in d= and transform=
 * attributes to one decimal; adds role="img" and aria-label=label
 * (escaped).  Returns a malloc'd string, or NULL when svg has no <svg
 * element. */
char *ab_svg_inline(const char *svg, const char *prefix, const char *label);
#endif
