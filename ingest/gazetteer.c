/* ingest/gazetteer.c: the reference gazetteer (data/entities.jsonl): loading, lookups, roles by
 * date, the tokenizer the matcher and the extractor share, and the alias matcher (a trie over
 * normalized tokens, matched leftmost-longest). Also slugs and ASCII folding. */
#include "ingest/entities.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 and folding ---- */

/* Decodes the sequence at s (avail bytes left) into *cp and returns its length (1-4). A
 * malformed byte decodes as U+FFFD with length 1. */
static size_t gz_utf8_decode(const unsigned char *s, size_t avail, unsigned *cp)
{
    unsigned c = s[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && avail >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && avail >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        unsigned v = ((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    if (c >= 0xF0 && c <= 0xF4 && avail >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        unsigned v =
            ((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3F);
        if (v >= 0x10000 && v <= 0x10FFFF) {
            *cp = v;
            return 4;
        }
    }
    *cp = 0xFFFD;
    return 1;
}

/* ASCII letters for U+00C0..U+024F; "" keeps the character as it is. */
static const char *const fold_latin[0x250 - 0xC0] = {
    "A", "A",  "A",  "A",  "A",  "A",  "AE", "C",  "E",  "E",  "E",  "E",  "I",  "I",  "I",  "I",
    "D", "N",  "O",  "O",  "O",  "O",  "O",  "",   "O",  "U",  "U",  "U",  "U",  "Y",  "TH", "ss",
    "a", "a",  "a",  "a",  "a",  "a",  "ae", "c",  "e",  "e",  "e",  "e",  "i",  "i",  "i",  "i",
    "d", "n",  "o",  "o",  "o",  "o",  "o",  "",   "o",  "u",  "u",  "u",  "u",  "y",  "th", "y",
    "A", "a",  "A",  "a",  "A",  "a",  "C",  "c",  "C",  "c",  "C",  "c",  "C",  "c",  "D",  "d",
    "D", "d",  "E",  "e",  "E",  "e",  "E",  "e",  "E",  "e",  "E",  "e",  "G",  "g",  "G",  "g",
    "G", "g",  "G",  "g",  "H",  "h",  "H",  "h",  "I",  "i",  "I",  "i",  "I",  "i",  "I",  "i",
    "I", "i",  "IJ", "ij", "J",  "j",  "K",  "k",  "k",  "L",  "l",  "L",  "l",  "L",  "l",  "L",
    "l", "L",  "l",  "N",  "n",  "N",  "n",  "N",  "n",  "n",  "N",  "n",  "O",  "o",  "O",  "o",
    "O", "o",  "OE", "oe", "R",  "r",  "R",  "r",  "R",  "r",  "S",  "s",  "S",  "s",  "S",  "s",
    "S", "s",  "T",  "t",  "T",  "t",  "T",  "t",  "U",  "u",  "U",  "u",  "U",  "u",  "U",  "u",
    "U", "u",  "U",  "u",  "W",  "w",  "Y",  "y",  "Y",  "Z",  "z",  "Z",  "z",  "Z",  "z",  "s",
    "b", "B",  "",   "",   "",   "",   "O",  "",   "",   "D",  "D",  "",   "",   "",   "",   "",
    "E", "F",  "f",  "G",  "",   "",   "",   "I",  "K",  "k",  "l",  "",   "",   "N",  "n",  "O",
    "O", "o",  "",   "",   "P",  "p",  "",   "",   "",   "",   "",   "t",  "T",  "t",  "T",  "U",
    "u", "",   "V",  "Y",  "y",  "Z",  "z",  "",   "",   "",   "",   "",   "",   "",   "",   "",
    "",  "",   "",   "",   "DZ", "Dz", "dz", "LJ", "Lj", "lj", "NJ", "Nj", "nj", "A",  "a",  "I",
    "i", "O",  "o",  "U",  "u",  "U",  "u",  "U",  "u",  "U",  "u",  "U",  "u",  "",   "A",  "a",
    "A", "a",  "AE", "ae", "G",  "g",  "G",  "g",  "K",  "k",  "O",  "o",  "O",  "o",  "",   "",
    "j", "DZ", "Dz", "dz", "G",  "g",  "",   "",   "N",  "n",  "A",  "a",  "AE", "ae", "O",  "o",
    "A", "a",  "A",  "a",  "E",  "e",  "E",  "e",  "I",  "i",  "I",  "i",  "O",  "o",  "O",  "o",
    "R", "r",  "R",  "r",  "U",  "u",  "U",  "u",  "S",  "s",  "T",  "t",  "",   "",   "H",  "h",
    "",  "d",  "",   "",   "",   "",   "A",  "a",  "E",  "e",  "O",  "o",  "O",  "o",  "O",  "o",
    "O", "o",  "Y",  "y",  "l",  "n",  "t",  "j",  "",   "",   "A",  "C",  "c",  "L",  "T",  "",
    "",  "",   "",   "B",  "",   "",   "E",  "e",  "J",  "j",  "",   "",   "R",  "r",  "Y",  "y"};

static int gz_is_space(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029;
}

static int gz_is_apostrophe(unsigned cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032;
}

static int gz_is_dash(unsigned cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 ||
           cp == 0xFE63 || cp == 0xFF0D;
}

static int gz_is_dquote(unsigned cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
           cp == 0xAB || cp == 0xBB || cp == 0x2033 || cp == 0xFF02;
}

/* Letters and digits of any script: everything but ASCII punctuation, spaces, Latin-1 and
 * General Punctuation signs, CJK and full-width punctuation. */
static int gz_is_alnum(unsigned cp)
{
    if (cp < 0x80)
        return isalnum((int)cp);
    if (cp <= 0xBF)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD || cp == 0x02BC)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0xFE30 && cp <= 0xFE6F))
        return 0;
    return 1;
}

/* A growable byte buffer. */
struct gz_buf {
    char *s;
    size_t len, cap;
};

static int gz_buf_grow(struct gz_buf *b, size_t n);

static inline int gz_buf_put(struct gz_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap && gz_buf_grow(b, n) < 0)
        return -1;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

static int gz_buf_grow(struct gz_buf *b, size_t n)
{
    {
        size_t cap = b->cap ? b->cap : 256;
        char *p;
        while (b->len + n + 1 > cap)
            cap *= 2;
        p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    return 0;
}

/* Appends the folded form of one character whose UTF-8 bytes are src[0..n). */
static int gz_fold_put(struct gz_buf *b, unsigned cp, const char *src, size_t n)
{
    if (cp < 0x80 && cp != '\'' && cp != '-' && cp != '"' && !gz_is_space(cp))
        return gz_buf_put(b, src, 1);
    if (cp >= 0xC0 && cp < 0x250 && fold_latin[cp - 0xC0][0])
        return gz_buf_put(b, fold_latin[cp - 0xC0], strlen(fold_latin[cp - 0xC0]));
    if (gz_is_apostrophe(cp))
        return gz_buf_put(b, "'", 1);
    if (gz_is_dash(cp))
        return gz_buf_put(b, "-", 1);
    if (gz_is_dquote(cp))
        return gz_buf_put(b, "\"", 1);
    if (gz_is_space(cp))
        return gz_buf_put(b, " ", 1);
    return gz_buf_put(b, src, n);
}

char *ingest_fold(const char *s, size_t len)
{
    struct gz_buf b = {0};
    size_t i = 0;

    /* folding never makes a text longer: allocate once */
    b.cap = len + 1;
    b.s = malloc(b.cap);
    if (!b.s)
        return NULL;
    b.s[0] = '\0';
    while (i < len) {
        if ((unsigned char)s[i] < 0x80 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
            s[i] != '\f' && s[i] != '\v') {
            b.s[b.len++] = s[i++];
            continue;
        }
        unsigned cp;
        size_t n = gz_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (gz_fold_put(&b, cp, s + i, n) < 0) {
            free(b.s);
            return NULL;
        }
        i += n;
    }
    b.s[b.len] = '\0';
    return b.s;
}

char *ingest_slug(const char *name)
{
    char *folded = ingest_fold(name, strlen(name)), *out;
    size_t n = 0;
    int dash = 0;

    if (!folded)
        return NULL;
    out = malloc(strlen(folded) + 1);
    if (!out) {
        free(folded);
        return NULL;
    }
    for (const char *p = folded; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\'')
            continue; /* "O'Neill" -> "oneill", "Jun'ichiro" -> "junichiro" */
        if (c < 0x80 && isalnum(c)) {
            if (dash && n > 0)
                out[n++] = '-';
            dash = 0;
            out[n++] = (char)tolower(c);
        } else if (c < 0x80 || (c & 0xC0) == 0xC0) {
            dash = 1; /* ASCII punctuation or the lead byte of a character we cannot spell */
        }
    }
    out[n] = '\0';
    free(folded);
    return out;
}

/* ---- types ---- */

static const char *const gz_type_names[] = {"person", "organization", "country", "place",
                                            "agreement"};

const char *ingest_entity_type_name(enum ingest_entity_type type)
{
    if ((unsigned)type < sizeof(gz_type_names) / sizeof(gz_type_names[0]))
        return gz_type_names[type];
    return "unknown";
}

int ingest_entity_type_parse(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof(gz_type_names) / sizeof(gz_type_names[0]); i++)
        if (strcmp(name, gz_type_names[i]) == 0)
            return (int)i;
    return -1;
}

/* ---- the tokenizer ---- */

/* Words whose trailing period is part of them. */
static const char *const gz_abbrevs[] = {
    "Mr",   "Mrs", "Ms",   "Dr",   "Messrs", "Mme",    "Mlle", "Gen",  "Gens", "Lt",
    "Col",  "Maj", "Adm",  "Sen",  "Sens",   "Rep",    "Reps", "Gov",  "Govs", "Jr",
    "Sr",   "St",  "Prof", "Capt", "Sgt",    "Brig",   "Cmdr", "Cdr",  "Rev",  "Hon",
    "Ft",   "Mt",  "No",   "Nos",  "Jan",    "Feb",    "Mar",  "Apr",  "Jun",  "Jul",
    "Aug",  "Sep", "Sept", "Oct",  "Nov",    "Dec",    "Inc",  "Co",   "Corp", "Ltd",
    "Bros", "vs",  "etc",  "Vol",  "Dept",   "Univ",   "Ave",  "Blvd", "Pres", "Supt",
    "Insp", "Amb", "Cpl",  "Pvt",  "Esq",    "approx", "Fig",  "Op",   "Pp",   "Rd"};

static int gz_is_abbrev(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(gz_abbrevs) / sizeof(gz_abbrevs[0]); i++)
        if (strlen(gz_abbrevs[i]) == n && memcmp(gz_abbrevs[i], w, n) == 0)
            return 1;
    return 0;
}

struct gz_tokenizer {
    const unsigned char *s;
    size_t len;
    struct ingest_tokens *out;
    size_t cap;
    struct gz_buf norm;
};

static unsigned gz_peek(const struct gz_tokenizer *t, size_t pos, size_t *n)
{
    unsigned cp = 0;
    if (pos >= t->len) {
        *n = 0;
        return 0;
    }
    *n = gz_utf8_decode(t->s + pos, t->len - pos, &cp);
    return cp;
}

static int gz_tok_push(struct gz_tokenizer *t, size_t start, size_t end, size_t norm,
                       unsigned flags)
{
    struct ingest_token *tk;

    if (t->out->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        struct ingest_token *p = realloc(t->out->tok, cap * sizeof(*p));
        if (!p)
            return -1;
        t->out->tok = p;
        t->cap = cap;
    }
    if (gz_buf_put(&t->norm, "", 1) < 0) /* the terminating NUL becomes part of the buffer */
        return -1;
    tk = &t->out->tok[t->out->count++];
    tk->start = start;
    tk->end = end;
    tk->norm = norm;
    tk->norm_len = t->norm.len - 1 - norm;
    tk->flags = flags;
    return 0;
}

/* Case flags of a normalized word. */
static unsigned gz_word_flags(const char *w, size_t n)
{
    size_t upper = 0, lower = 0, other = 0;
    unsigned flags = INGEST_TOK_WORD;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c >= 'a' && c <= 'z')
            lower++;
        else if (c >= 0x80)
            other++;
    }
    if (n > 0 && w[0] >= 'A' && w[0] <= 'Z')
        flags |= INGEST_TOK_CAP;
    else if (n > 0 && w[0] >= 'a' && w[0] <= 'z')
        flags |= INGEST_TOK_LOWER;
    else if (n > 0 && w[0] >= '0' && w[0] <= '9')
        flags |= INGEST_TOK_DIGIT;
    else if (other && !upper && !lower)
        flags |= INGEST_TOK_UNCASED;
    if (upper >= 2 && lower == 0)
        flags |= INGEST_TOK_UPPER;
    return flags;
}

/* Scans a word starting at pos (an alphanumeric character) and pushes it. Returns the
 * position after it, or (size_t)-1 on out of memory. */
static size_t gz_scan_word(struct gz_tokenizer *t, size_t pos, unsigned ws_flags)
{
    size_t start = pos, norm = t->norm.len, n, n2, n3;
    unsigned cp, flags;
    int digits_only = 1;

    for (;;) {
        cp = gz_peek(t, pos, &n);
        if (n && gz_is_alnum(cp)) {
            if (!(cp < 0x80 && isdigit((int)cp)))
                digits_only = 0;
            if (gz_fold_put(&t->norm, cp, (const char *)t->s + pos, n) < 0)
                return (size_t)-1;
            pos += n;
            continue;
        }
        if (n && gz_is_apostrophe(cp)) {
            unsigned c2 = gz_peek(t, pos + n, &n2), c3;
            if (!n2 || !gz_is_alnum(c2))
                break;
            c3 = gz_peek(t, pos + n + n2, &n3);
            if ((c2 == 's' || c2 == 'S') && (!n3 || !gz_is_alnum(c3)))
                break; /* possessive: "Japan's" is "Japan" + "'s" */
            if (gz_buf_put(&t->norm, "'", 1) < 0)
                return (size_t)-1;
            pos += n;
            continue;
        }
        if (n && digits_only && (cp == ',' || cp == '.')) {
            unsigned c2 = gz_peek(t, pos + 1, &n2);
            if (n2 && c2 < 0x80 && isdigit((int)c2)) { /* "9,000", "1.5" */
                if (gz_buf_put(&t->norm, (const char *)t->s + pos, 1) < 0)
                    return (size_t)-1;
                pos++;
                continue;
            }
        }
        break;
    }
    {
        const char *w = t->norm.s + norm;
        size_t wn = t->norm.len - norm;
        unsigned extra = 0;

        cp = gz_peek(t, pos, &n);
        if (n && cp == '.') {
            int one_letter = wn == 1 && isalpha((unsigned char)w[0]);
            unsigned c2 = gz_peek(t, pos + 1, &n2), c3 = gz_peek(t, pos + 2, &n3);
            if (one_letter && n2 && c2 < 0x80 && isalpha((int)c2) && n3 && c3 == '.') {
                /* "U.S.", "a.m.", "H.W.": letter-period pairs */
                while (pos + 2 < t->len && t->s[pos] == '.' && isalpha(t->s[pos + 1]) &&
                       t->s[pos + 2] == '.' && !(pos + 3 < t->len && isalnum(t->s[pos + 3]))) {
                    if (gz_buf_put(&t->norm, (const char *)t->s + pos, 2) < 0)
                        return (size_t)-1;
                    pos += 2;
                }
                if (gz_buf_put(&t->norm, ".", 1) < 0)
                    return (size_t)-1;
                pos++;
                extra = INGEST_TOK_ABBR;
            } else if (one_letter && w[0] >= 'A' && w[0] <= 'Z') {
                if (gz_buf_put(&t->norm, ".", 1) < 0)
                    return (size_t)-1;
                pos++;
                extra = INGEST_TOK_ABBR | INGEST_TOK_INITIAL;
            } else if (gz_is_abbrev(w, wn)) {
                if (gz_buf_put(&t->norm, ".", 1) < 0)
                    return (size_t)-1;
                pos++;
                extra = INGEST_TOK_ABBR;
            }
        }
        /* "U. S.", "H. W.": capital initials one space apart become one token */
        while ((extra & INGEST_TOK_ABBR) && t->norm.len - norm <= 8 &&
               t->norm.s[t->norm.len - 2] >= 'A' && t->norm.s[t->norm.len - 2] <= 'Z' &&
               (t->norm.len - norm == 2 || t->norm.s[t->norm.len - 3] == '.') && pos + 2 < t->len &&
               t->s[pos] == ' ' && t->s[pos + 1] >= 'A' && t->s[pos + 1] <= 'Z' &&
               t->s[pos + 2] == '.' && !(pos + 3 < t->len && isalnum(t->s[pos + 3]))) {
            if (gz_buf_put(&t->norm, (const char *)t->s + pos + 1, 2) < 0)
                return (size_t)-1;
            pos += 3;
            extra = INGEST_TOK_ABBR;
        }
        flags = gz_word_flags(t->norm.s + norm, t->norm.len - norm) | extra | ws_flags;
    }
    if (gz_tok_push(t, start, pos, norm, flags) < 0)
        return (size_t)-1;
    return pos;
}

int ingest_tokenize(const char *text, size_t len, struct ingest_tokens *out)
{
    struct gz_tokenizer t = {(const unsigned char *)text, len, out, 0, {0}};
    size_t pos = 0;
    unsigned ws = INGEST_TOK_SPACE | INGEST_TOK_NEWLINE | INGEST_TOK_PARA;
    int newlines = 0;

    memset(out, 0, sizeof(*out));
    if (gz_buf_put(&t.norm, "", 0) < 0)
        goto fail;
    while (pos < len) {
        size_t n, n2;
        unsigned cp = gz_peek(&t, pos, &n);

        if (gz_is_space(cp)) {
            ws |= INGEST_TOK_SPACE;
            if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
                ws |= INGEST_TOK_NEWLINE;
                if (++newlines >= 2 || cp == 0x2029)
                    ws |= INGEST_TOK_PARA;
            }
            pos += n;
            continue;
        }
        if (gz_is_alnum(cp)) {
            pos = gz_scan_word(&t, pos, ws);
            if (pos == (size_t)-1)
                goto fail;
        } else {
            size_t norm = t.norm.len;
            unsigned flags = ws;
            size_t end = pos + n;
            unsigned prev = out->count ? out->tok[out->count - 1].flags : 0;

            if (gz_is_apostrophe(cp) && !(ws & INGEST_TOK_SPACE) && (prev & INGEST_TOK_WORD)) {
                unsigned c2 = gz_peek(&t, pos + n, &n2), c3;
                size_t n3;
                c3 = gz_peek(&t, pos + n + n2, &n3);
                if (n2 && (c2 == 's' || c2 == 'S') && (!n3 || !gz_is_alnum(c3))) {
                    if (gz_buf_put(&t.norm, "'s", 2) < 0)
                        goto fail;
                    end = pos + n + n2;
                    flags |= INGEST_TOK_POSS;
                } else {
                    const struct ingest_token *pt = &out->tok[out->count - 1];
                    char lc = t.norm.s[pt->norm + pt->norm_len - 1];
                    if ((lc == 's' || lc == 'S') && (!n2 || !gz_is_alnum(c2)))
                        flags |= INGEST_TOK_POSS; /* "the States' interests" */
                    if (gz_buf_put(&t.norm, "'", 1) < 0)
                        goto fail;
                }
            } else if (gz_fold_put(&t.norm, cp, text + pos, n) < 0) {
                goto fail;
            }
            if (gz_tok_push(&t, pos, end, norm, flags) < 0)
                goto fail;
            pos = end;
        }
        ws = 0;
        newlines = 0;
    }
    out->norm = t.norm.s;
    return 0;
fail:
    free(t.norm.s);
    free(out->tok);
    memset(out, 0, sizeof(*out));
    return -1;
}

void ingest_tokens_clear(struct ingest_tokens *tokens)
{
    if (!tokens)
        return;
    free(tokens->tok);
    free(tokens->norm);
    memset(tokens, 0, sizeof(*tokens));
}

/* ---- the gazetteer ---- */

struct gz_edge {
    uint64_t key; /* parent node << 32 | token id; 0 = empty (the root is 0 and
                     token ids start at 1, so a real key is never 0) */
    uint32_t child;
};

struct gz_node_hits {
    uint32_t first, count; /* into hits */
};

struct ingest_gazetteer {
    json_t *rows; /* every row as read: owns the strings the entities point to */
    struct ingest_kb_entity *entities;
    size_t count;
    size_t *id_slots; /* open addressing: entity index + 1, 0 = empty */
    size_t id_cap;
    char **vocab; /* token id - 1 -> normalized token */
    size_t vocab_count, vocab_alloc;
    uint32_t *vocab_slots; /* open addressing: token id, 0 = empty */
    size_t vocab_cap;
    struct gz_edge *edges;
    size_t edge_count, edge_cap;
    uint32_t node_count;
    struct gz_node_hits *node_hits; /* node_count entries */
    struct ingest_alias_hit *hits;
    size_t hit_count;
};

static uint64_t gz_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint64_t gz_hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* The token id of a normalized word, or 0. */
static uint32_t gz_vocab_get(const struct ingest_gazetteer *gz, const char *w)
{
    size_t mask, i;

    if (!gz->vocab_cap)
        return 0;
    mask = gz->vocab_cap - 1;
    for (i = gz_hash_str(w) & mask; gz->vocab_slots[i]; i = (i + 1) & mask)
        if (strcmp(gz->vocab[gz->vocab_slots[i] - 1], w) == 0)
            return gz->vocab_slots[i];
    return 0;
}

static int gz_vocab_grow(struct ingest_gazetteer *gz)
{
    size_t cap = gz->vocab_cap ? gz->vocab_cap * 2 : 1024;
    uint32_t *slots = calloc(cap, sizeof(*slots));

    if (!slots)
        return -1;
    for (size_t k = 0; k < gz->vocab_count; k++) {
        size_t i = gz_hash_str(gz->vocab[k]) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    free(gz->vocab_slots);
    gz->vocab_slots = slots;
    gz->vocab_cap = cap;
    return 0;
}

/* The token id of w, added if new; 0 on out of memory. */
static uint32_t gz_vocab_add(struct ingest_gazetteer *gz, const char *w)
{
    uint32_t id = gz_vocab_get(gz, w);
    size_t i;

    if (id)
        return id;
    if ((gz->vocab_count + 1) * 2 > gz->vocab_cap && gz_vocab_grow(gz) < 0)
        return 0;
    if (gz->vocab_count == gz->vocab_alloc) {
        size_t n = gz->vocab_alloc ? gz->vocab_alloc * 2 : 1024;
        char **p = realloc(gz->vocab, n * sizeof(*p));
        if (!p)
            return 0;
        gz->vocab = p;
        gz->vocab_alloc = n;
    }
    gz->vocab[gz->vocab_count] = strdup(w);
    if (!gz->vocab[gz->vocab_count])
        return 0;
    gz->vocab_count++;
    for (i = gz_hash_str(w) & (gz->vocab_cap - 1); gz->vocab_slots[i];
         i = (i + 1) & (gz->vocab_cap - 1))
        ;
    gz->vocab_slots[i] = (uint32_t)gz->vocab_count;
    return (uint32_t)gz->vocab_count;
}

/* The child of node by token id, or 0 (the root is never a child). */
static uint32_t gz_child(const struct ingest_gazetteer *gz, uint32_t node, uint32_t tok)
{
    uint64_t key = (uint64_t)node << 32 | tok;
    size_t mask, i;

    if (!gz->edge_cap)
        return 0;
    mask = gz->edge_cap - 1;
    for (i = gz_hash_u64(key) & mask; gz->edges[i].key; i = (i + 1) & mask)
        if (gz->edges[i].key == key)
            return gz->edges[i].child;
    return 0;
}

static int gz_edges_grow(struct ingest_gazetteer *gz)
{
    size_t cap = gz->edge_cap ? gz->edge_cap * 2 : 4096;
    struct gz_edge *e = calloc(cap, sizeof(*e));

    if (!e)
        return -1;
    for (size_t k = 0; k < gz->edge_cap; k++) {
        size_t i;
        if (!gz->edges[k].key)
            continue;
        for (i = gz_hash_u64(gz->edges[k].key) & (cap - 1); e[i].key; i = (i + 1) & (cap - 1))
            ;
        e[i] = gz->edges[k];
    }
    free(gz->edges);
    gz->edges = e;
    gz->edge_cap = cap;
    return 0;
}

/* The child of node by tok, created if missing; 0 on out of memory. */
static uint32_t gz_child_add(struct ingest_gazetteer *gz, uint32_t node, uint32_t tok)
{
    uint32_t child = gz_child(gz, node, tok);
    uint64_t key = (uint64_t)node << 32 | tok;
    size_t i;

    if (child)
        return child;
    if ((gz->edge_count + 1) * 2 > gz->edge_cap && gz_edges_grow(gz) < 0)
        return 0;
    for (i = gz_hash_u64(key) & (gz->edge_cap - 1); gz->edges[i].key;
         i = (i + 1) & (gz->edge_cap - 1))
        ;
    gz->edges[i].key = key;
    gz->edges[i].child = gz->node_count++;
    gz->edge_count++;
    return gz->edges[i].child;
}

/* A (node, hit) pair collected while building, sorted into node_hits afterwards. */
struct gz_pending {
    uint32_t node;
    struct ingest_alias_hit hit;
};

struct gz_build {
    struct gz_pending *items;
    size_t count, cap;
};

/* Adds the words of one name, alias or demonym of entity e to the trie. Words that tokenize
 * to nothing are ignored. Returns 0, or -1 on out of memory. */
static int gz_insert(struct ingest_gazetteer *gz, struct gz_build *b, const char *words,
                     size_t entity, int demonym)
{
    struct ingest_tokens tk;
    uint32_t node = 0;

    if (ingest_tokenize(words, strlen(words), &tk) < 0)
        return -1;
    for (size_t i = 0; i < tk.count; i++) {
        uint32_t id = gz_vocab_add(gz, tk.norm + tk.tok[i].norm);
        if (!id || !(node = gz_child_add(gz, node, id))) {
            ingest_tokens_clear(&tk);
            return -1;
        }
    }
    ingest_tokens_clear(&tk);
    if (node == 0)
        return 0;
    for (size_t k = b->count; k-- > 0 && b->count - k <= 64;) /* same row listed twice */
        if (b->items[k].node == node && b->items[k].hit.entity == entity)
            return 0;
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        struct gz_pending *p = realloc(b->items, cap * sizeof(*p));
        if (!p)
            return -1;
        b->items = p;
        b->cap = cap;
    }
    b->items[b->count].node = node;
    b->items[b->count].hit.entity = entity;
    b->items[b->count].hit.demonym = demonym;
    b->count++;
    return 0;
}

static int gz_pending_cmp(const void *a, const void *b)
{
    const struct gz_pending *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    if (x->hit.demonym != y->hit.demonym) /* an alias outranks a demonym */
        return x->hit.demonym - y->hit.demonym;
    return x->hit.entity < y->hit.entity ? -1 : x->hit.entity > y->hit.entity;
}

static int gz_finish_trie(struct ingest_gazetteer *gz, struct gz_build *b)
{
    qsort(b->items, b->count, sizeof(*b->items), gz_pending_cmp);
    gz->node_hits = calloc(gz->node_count ? gz->node_count : 1, sizeof(*gz->node_hits));
    gz->hits = malloc((b->count ? b->count : 1) * sizeof(*gz->hits));
    if (!gz->node_hits || !gz->hits)
        return -1;
    for (size_t i = 0; i < b->count; i++) {
        struct gz_node_hits *nh = &gz->node_hits[b->items[i].node];
        if (nh->count == 0)
            nh->first = (uint32_t)i;
        nh->count++;
        gz->hits[i] = b->items[i].hit;
    }
    gz->hit_count = b->count;
    return 0;
}

static int gz_id_put(struct ingest_gazetteer *gz, size_t index)
{
    size_t mask = gz->id_cap - 1, i;
    const char *id = gz->entities[index].id;

    for (i = gz_hash_str(id) & mask; gz->id_slots[i]; i = (i + 1) & mask)
        if (strcmp(gz->entities[gz->id_slots[i] - 1].id, id) == 0)
            return -1;
    gz->id_slots[i] = index + 1;
    return 0;
}

const struct ingest_kb_entity *ingest_gazetteer_find(const struct ingest_gazetteer *gz,
                                                     const char *id)
{
    size_t mask, i;

    if (!gz || !id || !gz->id_cap)
        return NULL;
    mask = gz->id_cap - 1;
    for (i = gz_hash_str(id) & mask; gz->id_slots[i]; i = (i + 1) & mask)
        if (strcmp(gz->entities[gz->id_slots[i] - 1].id, id) == 0)
            return &gz->entities[gz->id_slots[i] - 1];
    return NULL;
}

size_t ingest_gazetteer_count(const struct ingest_gazetteer *gz) { return gz ? gz->count : 0; }

const struct ingest_kb_entity *ingest_gazetteer_entity(const struct ingest_gazetteer *gz, size_t i)
{
    return gz && i < gz->count ? &gz->entities[i] : NULL;
}

void ingest_gazetteer_free(struct ingest_gazetteer *gz)
{
    if (!gz)
        return;
    for (size_t i = 0; i < gz->count; i++) {
        free((void *)gz->entities[i].aliases);
        free((void *)gz->entities[i].demonyms);
        free((void *)gz->entities[i].roles);
        free((void *)gz->entities[i].json);
    }
    free(gz->entities);
    json_decref(gz->rows);
    free(gz->id_slots);
    for (size_t i = 0; i < gz->vocab_count; i++)
        free(gz->vocab[i]);
    free(gz->vocab);
    free(gz->vocab_slots);
    free(gz->edges);
    free(gz->node_hits);
    free(gz->hits);
    free(gz);
}

/* The string member key of row, NULL when absent or null; -1 in *bad when it is another
 * type. */
static const char *gz_opt_str(json_t *row, const char *key, int *bad)
{
    json_t *v = json_object_get(row, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = 1;
        return NULL;
    }
    return json_string_value(v);
}

/* An array of strings member as a malloc'd pointer array (the strings stay in the row).
 * Returns 0, 1 when the member has the wrong shape, -1 on out of memory. */
static int gz_str_array(json_t *row, const char *key, const char *const **out, size_t *count)
{
    json_t *arr = json_object_get(row, key), *v;
    const char **list;
    size_t i;

    *out = NULL;
    *count = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr))
        return 1;
    list = calloc(json_array_size(arr) + 1, sizeof(*list));
    if (!list)
        return -1;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v)) {
            free(list);
            return 1;
        }
        list[i] = json_string_value(v);
    }
    *out = list;
    *count = json_array_size(arr);
    return 0;
}

/* The row's demonyms followed by those of its "adjectives" that are neither demonyms nor
 * aliases ("Philippine"; "U.S." stays an alias). Returns 0, 1 on a wrong shape, -1 on OOM. */
static int gz_demonyms(json_t *row, struct ingest_kb_entity *e)
{
    const char *const *dem, *const *adj;
    const char **all;
    size_t nd, na, n;
    int rc = gz_str_array(row, "demonyms", &dem, &nd);

    if (rc != 0)
        return rc;
    rc = gz_str_array(row, "adjectives", &adj, &na);
    if (rc != 0 || na == 0) {
        e->demonyms = dem;
        e->demonym_count = nd;
        free((void *)adj);
        if (rc != 0)
            free((void *)dem);
        return rc;
    }
    all = calloc(nd + na + 1, sizeof(*all));
    if (!all) {
        free((void *)dem);
        free((void *)adj);
        return -1;
    }
    for (n = 0; n < nd; n++)
        all[n] = dem[n];
    for (size_t i = 0; i < na; i++) {
        int seen = 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(all[k], adj[i]) == 0;
        for (size_t k = 0; k < e->alias_count && !seen; k++)
            seen = strcmp(e->aliases[k], adj[i]) == 0;
        if (!seen)
            all[n++] = adj[i];
    }
    free((void *)dem);
    free((void *)adj);
    e->demonyms = all;
    e->demonym_count = n;
    return 0;
}

/* Fills e from row. Returns 0, -1 on out of memory, or 1 with the problem in err. */
static int gz_row_fill(json_t *row, struct ingest_kb_entity *e, char *err, size_t err_size)
{
    const char *type;
    json_t *roles, *r;
    struct ingest_kb_role *list = NULL;
    size_t i;
    int bad = 0, rc;

    memset(e, 0, sizeof(*e));
    if (!json_is_object(row)) {
        snprintf(err, err_size, "a row must be a JSON object");
        return 1;
    }
    e->id = gz_opt_str(row, "id", &bad);
    e->name = gz_opt_str(row, "name", &bad);
    type = gz_opt_str(row, "type", &bad);
    if (bad || !e->id || !*e->id || !e->name || !*e->name || !type) {
        snprintf(err, err_size, "\"id\", \"type\" and \"name\" must be non-empty strings");
        return 1;
    }
    if (ingest_entity_type_parse(type) < 0) {
        snprintf(err, err_size,
                 "row \"%s\": unknown type \"%s\" (person, organization, country, place or "
                 "agreement)",
                 e->id, type);
        return 1;
    }
    e->type = (enum ingest_entity_type)ingest_entity_type_parse(type);
    e->source = gz_opt_str(row, "source", &bad);
    e->surname = gz_opt_str(row, "surname", &bad);
    e->given_name = gz_opt_str(row, "given_name", &bad);
    e->gender = gz_opt_str(row, "gender", &bad);
    e->nationality = gz_opt_str(row, "nationality", &bad);
    e->country = gz_opt_str(row, "country", &bad);
    e->kind = gz_opt_str(row, "kind", &bad);
    e->metonym_for = gz_opt_str(row, "metonym_for", &bad);
    if (bad) {
        snprintf(err, err_size,
                 "row \"%s\": source, surname, given_name, gender, nationality, country, kind "
                 "and metonym_for must be strings or null",
                 e->id);
        return 1;
    }
    rc = gz_str_array(row, "aliases", &e->aliases, &e->alias_count);
    if (rc == 0)
        rc = gz_demonyms(row, e);
    if (rc != 0) {
        if (rc > 0)
            snprintf(err, err_size,
                     "row \"%s\": aliases, demonyms and adjectives must be arrays of strings",
                     e->id);
        return rc;
    }
    roles = json_object_get(row, "roles");
    if (roles && !json_is_null(roles)) {
        if (!json_is_array(roles)) {
            snprintf(err, err_size, "row \"%s\": roles must be an array", e->id);
            return 1;
        }
        list = calloc(json_array_size(roles) + 1, sizeof(*list));
        if (!list)
            return -1;
        json_array_foreach(roles, i, r)
        {
            struct ingest_kb_role *role = &list[i];
            if (!json_is_object(r)) {
                bad = 1;
                break;
            }
            role->title = gz_opt_str(r, "title", &bad);
            role->org = gz_opt_str(r, "org", &bad);
            role->from = gz_opt_str(r, "from", &bad);
            role->to = gz_opt_str(r, "to", &bad);
            role->source = gz_opt_str(r, "source", &bad);
            if (!role->title)
                bad = 1;
        }
        if (bad) {
            free(list);
            snprintf(err, err_size,
                     "row \"%s\": each role must be an object with a string \"title\" (org, "
                     "from, to and source strings or null)",
                     e->id);
            return 1;
        }
        e->roles = list;
        e->role_count = json_array_size(roles);
    }
    e->json = json_dumps(row, JSON_COMPACT);
    return e->json ? 0 : -1;
}

int ingest_gazetteer_load(const char *path, struct ingest_gazetteer **out, char *err,
                          size_t err_size)
{
    struct ingest_gazetteer *gz = NULL;
    struct gz_build build = {0};
    FILE *f = NULL;
    char *line = NULL;
    size_t line_cap = 0, lineno = 0, cap = 0;
    ssize_t got;
    int rc = -1;

    *out = NULL;
    if (err_size)
        err[0] = '\0';
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        goto out;
    }
    gz = calloc(1, sizeof(*gz));
    if (!gz || !(gz->rows = json_array()))
        goto nomem;
    gz->node_count = 1; /* the root */
    while ((got = getline(&line, &line_cap, f)) != -1) {
        json_error_t jerr;
        json_t *row;
        char why[256];
        size_t k = 0;
        int frc;

        lineno++;
        while (k < (size_t)got && isspace((unsigned char)line[k]))
            k++;
        if (k == (size_t)got)
            continue; /* blank line */
        row = json_loadb(line, (size_t)got, 0, &jerr);
        if (!row) {
            snprintf(err, err_size, "%s:%zu: not valid JSON: %s", path, lineno, jerr.text);
            goto out;
        }
        if (json_array_append_new(gz->rows, row) < 0)
            goto nomem;
        if (gz->count == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct ingest_kb_entity *p = realloc(gz->entities, ncap * sizeof(*p));
            if (!p)
                goto nomem;
            gz->entities = p;
            cap = ncap;
        }
        frc = gz_row_fill(row, &gz->entities[gz->count], why, sizeof(why));
        if (frc != 0) { /* what a failed row had allocated */
            free((void *)gz->entities[gz->count].aliases);
            free((void *)gz->entities[gz->count].demonyms);
            free((void *)gz->entities[gz->count].roles);
            free((void *)gz->entities[gz->count].json);
        }
        if (frc < 0)
            goto nomem;
        if (frc > 0) {
            snprintf(err, err_size, "%s:%zu: %s", path, lineno, why);
            goto out;
        }
        gz->count++;
    }
    if (ferror(f)) {
        snprintf(err, err_size, "%s: read error: %s", path, strerror(errno));
        goto out;
    }
    for (gz->id_cap = 64; gz->id_cap < gz->count * 2 + 1; gz->id_cap *= 2)
        ;
    gz->id_slots = calloc(gz->id_cap, sizeof(*gz->id_slots));
    if (!gz->id_slots)
        goto nomem;
    for (size_t i = 0; i < gz->count; i++) {
        const struct ingest_kb_entity *e = &gz->entities[i];
        if (gz_id_put(gz, i) < 0) {
            snprintf(err, err_size, "%s: the id \"%s\" is used by more than one row", path, e->id);
            goto out;
        }
        if (gz_insert(gz, &build, e->name, i, 0) < 0)
            goto nomem;
        for (size_t k = 0; k < e->alias_count; k++)
            if (gz_insert(gz, &build, e->aliases[k], i, 0) < 0)
                goto nomem;
        for (size_t k = 0; k < e->demonym_count; k++)
            if (gz_insert(gz, &build, e->demonyms[k], i, 1) < 0)
                goto nomem;
    }
    if (gz_finish_trie(gz, &build) < 0)
        goto nomem;
    *out = gz;
    gz = NULL;
    rc = 0;
    goto out;
nomem:
    snprintf(err, err_size, "%s: out of memory", path);
out:
    free(build.items);
    free(line);
    if (f)
        fclose(f);
    ingest_gazetteer_free(gz);
    return rc;
}

/* Writes the first (lower = 1) or last day of the period a date names into out[11]:
 * "2005" -> "2005-01-01" / "2005-12-31". Returns 0, or -1 when the date is not one. */
static int gz_date_bound(const char *d, int lower, char out[11])
{
    size_t n = strlen(d);

    if (!(n == 4 || n == 7 || n == 10))
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? d[i] != '-' : !isdigit((unsigned char)d[i]))
            return -1;
    memcpy(out, d, n);
    if (n == 4)
        memcpy(out + 4, lower ? "-01-01" : "-12-31", 6);
    else if (n == 7)
        memcpy(out + 7, lower ? "-01" : "-31", 3);
    out[10] = '\0';
    return 0;
}

const struct ingest_kb_role *ingest_gazetteer_role_on(const struct ingest_kb_entity *e,
                                                      const char *date)
{
    const struct ingest_kb_role *best = NULL;
    char lo[11], hi[11], best_from[11] = "";

    if (!e || !date || gz_date_bound(date, 1, lo) < 0 || gz_date_bound(date, 0, hi) < 0)
        return NULL;
    for (size_t i = 0; i < e->role_count; i++) {
        const struct ingest_kb_role *r = &e->roles[i];
        char from[11] = "0000-00-00", to[11] = "9999-99-99";
        if (r->from && gz_date_bound(r->from, 1, from) < 0)
            continue;
        if (r->to && gz_date_bound(r->to, 0, to) < 0)
            continue;
        /* the periods overlap; of several roles, the one taken up last wins */
        if (strcmp(from, hi) <= 0 && strcmp(to, lo) >= 0 && strcmp(from, best_from) >= 0) {
            best = r;
            memcpy(best_from, from, sizeof(from));
        }
    }
    return best;
}

static int gz_is_article(const char *w)
{
    return strcmp(w, "the") == 0 || strcmp(w, "The") == 0 || strcmp(w, "THE") == 0;
}

/* The longest name in the trie starting at token i: *end (0 when none) and its node. */
static void gz_longest(const struct ingest_gazetteer *gz, const uint32_t *ids, size_t n, size_t i,
                       size_t *end, size_t *node_out)
{
    uint32_t node = 0;

    *end = 0;
    *node_out = 0;
    for (size_t j = i; j < n && ids[j]; j++) {
        node = gz_child(gz, node, ids[j]);
        if (!node)
            break;
        if (gz->node_hits[node].count) {
            *end = j + 1;
            *node_out = node;
        }
    }
}

int ingest_gazetteer_match(const struct ingest_gazetteer *gz, const struct ingest_tokens *tokens,
                           struct ingest_alias_match **out, size_t *count)
{
    uint32_t *ids = NULL;
    struct ingest_alias_match *list = NULL;
    size_t n = tokens->count, found = 0, cap = 0;

    *out = NULL;
    *count = 0;
    if (!gz || n == 0)
        return 0;
    ids = malloc(n * sizeof(*ids));
    if (!ids)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct ingest_token *t = &tokens->tok[i];
        const char *w = tokens->norm + t->norm;
        ids[i] = gz_vocab_get(gz, w);
        if (!ids[i] && (t->flags & INGEST_TOK_UPPER) && t->norm_len < 64) {
            char title[64];
            for (size_t k = 0; k <= t->norm_len; k++) /* "TOKYO" -> "Tokyo", "U.S." stays */
                title[k] = k == 0 ? w[k] : (char)tolower((unsigned char)w[k]);
            ids[i] = gz_vocab_get(gz, title);
        }
    }
    for (size_t i = 0; i < n;) {
        size_t best_end = 0, best_node = 0;
        gz_longest(gz, ids, n, i, &best_end, &best_node);
        if (!best_end) {
            i++;
            continue;
        }
        if (best_end > i + 1 && gz_is_article(tokens->norm + tokens->tok[i].norm)) {
            /* "the U.S. Marine Corps": an alias "the U.S." must not hide a longer name that
             * starts after the article */
            size_t next_end = 0, next_node = 0;
            gz_longest(gz, ids, n, i + 1, &next_end, &next_node);
            if (next_end > best_end) {
                i++;
                continue;
            }
        }
        if (found == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            struct ingest_alias_match *p = realloc(list, ncap * sizeof(*p));
            if (!p) {
                free(ids);
                free(list);
                return -1;
            }
            list = p;
            cap = ncap;
        }
        list[found].first = i;
        list[found].last = best_end;
        list[found].hits = gz->hits + gz->node_hits[best_node].first;
        list[found].hit_count = gz->node_hits[best_node].count;
        found++;
        i = best_end;
    }
    free(ids);
    *out = list;
    *count = found;
    return 0;
}
