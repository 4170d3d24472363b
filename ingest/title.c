/* ingest/title.c: the provisional document title, taken from the first headline-like line. */
#include "ingest/ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A copy of s[0..len) with runs of ASCII white space folded to one space and both ends trimmed. */
static char *title_collapse(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    int space = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char)s[i])) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        out[n++] = s[i];
    }
    out[n] = '\0';
    return out;
}

static int title_line_fits(const char *line)
{
    size_t len = strlen(line), letters = 0, words;
    char last;

    if (len == 0 || len > 200)
        return 0;
    words = ingest_word_count(line, len);
    if (words < 3 || words > 30)
        return 0;
    /* Navigation rows, tables and bullets are not headlines. */
    if (strchr(line, '|') || strstr(line, "://") || strstr(line, "www.") || line[0] == '*' ||
        line[0] == '-' || strncmp(line, "\xE2\x80\xA2", 3) == 0 /* U+2022 bullet */)
        return 0;
    last = line[len - 1];
    if (last == '.' || last == ':' || last == ',' || last == ';')
        return 0;
    for (size_t i = 0; i < len; i++)
        letters += isalpha((unsigned char)line[i]) || (unsigned char)line[i] >= 0x80;
    return letters * 2 >= len; /* timestamps and figure rows are mostly digits */
}

char *ingest_title_guess(const char *text, size_t len)
{
    size_t start = 0;

    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        char *line = title_collapse(text + start, end - start);

        if (!line)
            return NULL;
        if (title_line_fits(line))
            return line;
        free(line);
        start = end + 1;
    }
    return NULL;
}
