/* ingest/utf8.c: UTF-8 validation and word counting over raw bytes. */
#include "ingest/ingest.h"

#include <ctype.h>

/* Returns the length of the well-formed sequence at s (1-4), or 0 if it is malformed.
 * Follows the table in Unicode 15, section 3.9 (D92). */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (avail < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (avail < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

int ingest_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

/* True for code points that are punctuation or spaces rather than word characters: the General
 * Punctuation block (dashes, curly quotes, ellipsis), Latin-1 punctuation and CJK punctuation. */
static int utf8_is_separator(unsigned cp)
{
    return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x80 && cp <= 0xBF && cp != 0xAA &&
                                              cp != 0xB5 && cp != 0xBA) ||
           (cp >= 0x3000 && cp <= 0x303F) || cp == 0xD7 || cp == 0xF7 || cp == 0xFEFF;
}

size_t ingest_word_count(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t words = 0, i = 0;
    int in_word = 0;

    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        unsigned cp;
        int word_char;

        if (n == 0) {
            n = 1;
            cp = 0xFFFD;
        } else if (n == 1) {
            cp = p[i];
        } else {
            cp = p[i] & (0xFF >> (n + 1));
            for (size_t k = 1; k < n; k++)
                cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        /* An apostrophe continues a word ("Japan's") but never starts one. */
        if (cp < 0x80)
            word_char = isalnum((int)cp) || (in_word && (cp == '\'' || cp == '-'));
        else
            word_char = !utf8_is_separator(cp) || (in_word && cp == 0x2019);
        if (word_char && !in_word)
            words++;
        in_word = word_char;
        i += n;
    }
    return words;
}
