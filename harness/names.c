/* names.c: see names.h. */
#include "names.h"
#include <stdio.h>
#include <string.h>

static int alnum_(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int ab_name_ok(const char *s) {
    if (!s || !alnum_(s[0])) return 0;
    size_t n = 0;
    for (; s[n]; n++)
        if (n >= AB_NAME_MAX || !(alnum_(s[n]) || s[n] == '.' || s[n] == '+' || s[n] == '-'))
            return 0;
    return 1;
}

const char *ab_msg_quote(const char *s, char *out, size_t len) {
    size_t k = 0, shown = 0;
    if (!len) return out;
    for (; s && *s && shown < 60; s++, shown++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c < 0x7f) {
            if (k + 1 >= len) break;
            out[k++] = (char)c;
        } else {
            if (k + 4 >= len) break;
            k += (size_t)snprintf(out + k, len - k, "\\x%02x", c);
        }
    }
    if (s && *s && k + 3 < len) k += (size_t)snprintf(out + k, len - k, "...");
    out[k] = 0;
    return out;
}
