/* store/fts.c: the safe search syntax, translated to FTS5. Every term is emitted as an FTS5
 * string ("..."), so nothing a user types can be read as an FTS5 operator or column filter. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FTS_MAX_TERMS 32
#define FTS_MAX_QUERY 4096

struct fts_term {
    const char *text; /* not NUL-terminated */
    size_t len;
    int prefix, negate, or_before;
};

/* True if s[0..len) holds a letter or digit (any byte >= 0x80 counts: other scripts). */
static int fts_has_word(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
            return 1;
    }
    return 0;
}

static int fts_space(char c)
{
    return (unsigned char)c <= ' ' || c == 0x7f;
}

int store_fts_translate(const char *query, char **out, char *err, size_t err_size)
{
    struct fts_term terms[FTS_MAX_TERMS];
    size_t nterms = 0, positives = 0;
    const char *p = query;
    int pending_or = 0;
    FILE *f;
    char *buf = NULL;
    size_t buf_len = 0;

    *out = NULL;
    if (strlen(query) > FTS_MAX_QUERY) {
        snprintf(err, err_size, "is longer than %d bytes", FTS_MAX_QUERY);
        return -1;
    }
    while (*p) {
        struct fts_term t = {0};
        while (*p && fts_space(*p))
            p++;
        if (!*p)
            break;
        if (*p == '-' && p[1] && !fts_space(p[1])) {
            t.negate = 1;
            p++;
        }
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            t.text = p + 1;
            t.len = end ? (size_t)(end - p - 1) : strlen(p + 1); /* unbalanced: to the end */
            p = end ? end + 1 : p + strlen(p);
        } else {
            const char *start = p;
            while (*p && !fts_space(*p) && *p != '"')
                p++;
            t.text = start;
            t.len = (size_t)(p - start);
            if (t.len == 2 && !strncmp(start, "OR", 2) && !t.negate) {
                pending_or = nterms > 0;
                continue;
            }
            while (t.len && t.text[t.len - 1] == '*') {
                t.prefix = 1;
                t.len--;
            }
        }
        if (*p == '*') { /* "phrase"* */
            t.prefix = 1;
            p++;
        }
        if (!fts_has_word(t.text, t.len))
            continue; /* punctuation alone matches nothing: drop it */
        if (nterms == FTS_MAX_TERMS) {
            snprintf(err, err_size, "has more than %d terms", FTS_MAX_TERMS);
            return -1;
        }
        t.or_before = pending_or && !t.negate;
        pending_or = 0;
        positives += !t.negate;
        terms[nterms++] = t;
    }
    if (nterms == 0) {
        snprintf(err, err_size, "must contain at least one word");
        return -1;
    }
    if (positives == 0) {
        snprintf(err, err_size, "needs at least one term that is not excluded with '-'");
        return -1;
    }
    f = open_memstream(&buf, &buf_len);
    if (!f) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    /* Positive terms first (AND, or OR where asked), then each exclusion as NOT. */
    for (size_t i = 0, written = 0; i < nterms; i++) {
        if (terms[i].negate)
            continue;
        if (written)
            fputs(terms[i].or_before ? " OR " : " AND ", f);
        fputc('"', f);
        for (size_t k = 0; k < terms[i].len; k++) {
            char c = terms[i].text[k];
            if (c == '"')
                fputc('"', f); /* a quote inside an FTS5 string is doubled */
            fputc(fts_space(c) ? ' ' : c, f);
        }
        fputc('"', f);
        if (terms[i].prefix)
            fputc('*', f);
        written++;
    }
    if (positives > 1 || nterms > positives) {
        /* Wrap the positive part so NOT applies to all of it. */
        char *pos = NULL;
        size_t pos_len = 0;
        if (fclose(f) != 0) {
            free(buf);
            snprintf(err, err_size, "out of memory");
            return -1;
        }
        pos = buf;
        pos_len = buf_len;
        buf = NULL;
        f = open_memstream(&buf, &buf_len);
        if (!f) {
            free(pos);
            snprintf(err, err_size, "out of memory");
            return -1;
        }
        fprintf(f, "(%.*s)", (int)pos_len, pos);
        free(pos);
        for (size_t i = 0; i < nterms; i++) {
            if (!terms[i].negate)
                continue;
            fputs(" NOT \"", f);
            for (size_t k = 0; k < terms[i].len; k++) {
                char c = terms[i].text[k];
                if (c == '"')
                    fputc('"', f);
                fputc(fts_space(c) ? ' ' : c, f);
            }
            fputc('"', f);
            if (terms[i].prefix)
                fputc('*', f);
        }
    }
    if (fclose(f) != 0) {
        free(buf);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    *out = buf;
    return 0;
}
