/* html.c: see html.h. */
#include "html.h"
#include <stdlib.h>
#include <string.h>

static const char *entity(char c) {
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

void ab_html_escape(FILE *f, const char *s) {
    for (; s && *s; s++) {
        const char *e = entity(*s);
        if (e) fputs(e, f);
        else fputc(*s, f);
    }
}

char *ab_html_escape_str(const char *s) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f) return NULL;
    ab_html_escape(f, s);
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

void ab_html_anchor(char *out, size_t len, const char *act) {
    size_t k = 0;
    k += (size_t)snprintf(out, len, "act-");
    for (; *act && k + 1 < len; act++) {
        char c = *act;
        out[k++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_') ? c : '_';
    }
    out[k] = 0;
}

void ab_html_page_name(char *out, size_t len, const char *act) {
    char id[160];
    ab_html_anchor(id, sizeof id, act);
    /* id is "act-NAME"; "index" would be the overview's file. */
    snprintf(out, len, "%s.html", strcmp(id + 4, "index") ? id + 4 : id);
}

void ab_html_act_link(FILE *f, const char *act) {
    char page[176];
    ab_html_page_name(page, sizeof page, act);
    fprintf(f, "<a href=\"%s\">", page);
    ab_html_escape(f, act);
    fputs("</a>", f);
}
