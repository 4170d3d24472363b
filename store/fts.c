/* store/fts.c: the safe search syntax, translated to FTS5. Every term is emitted as an FTS5
 * string ("..."), so nothing a user types can be read as an FTS5 operator or column filter. */
#include "store/internal.h"

#include <pthread.h>
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

/* ---- which terms hold a word: asked of the indexes' own tokenizer ----
 * A term FTS5 reads as no token at all ("—", "…", "※") is an empty phrase, and an empty
 * phrase matches no row: kept in an AND it would empty every answer. Only the tokenizer
 * knows which characters make tokens (Unicode letters, numbers, private use), so the
 * translator asks unicode61 itself, with the options of schema.sql, from a private in-memory
 * connection opened once and kept for the life of the process. */

static struct {
    sqlite3 *conn;
    fts5_tokenizer tok;
    void *tok_ctx;
    int ok;
} fts_words;
static pthread_once_t fts_words_once = PTHREAD_ONCE_INIT;
static const char *fts_tokenizer_args[] = {"remove_diacritics", "2"};

static void fts_words_init(void)
{
    sqlite3_stmt *stmt = NULL;
    fts5_api *api = NULL;

    if (sqlite3_open_v2(":memory:", &fts_words.conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return;
    if (sqlite3_prepare_v2(fts_words.conn, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    fts_words.ok = api && api->xFindTokenizer(api, "unicode61", &fts_words.tok_ctx,
                                              &fts_words.tok) == SQLITE_OK;
}

static int fts_token_seen(void *ctx, int flags, const char *token, int n, int start, int end)
{
    (void)flags;
    (void)token;
    (void)n;
    (void)start;
    (void)end;
    *(int *)ctx = 1;
    return SQLITE_DONE; /* one token is enough */
}

/* True if s[0..len) holds a letter or digit by a byte test: ASCII letters and digits, and any
 * byte >= 0x80 (other scripts). The fallback when the tokenizer cannot be had. */
static int fts_has_word_bytes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
            return 1;
    }
    return 0;
}

/* The tokenizer for one translation (tokenizers keep scratch space, so each call has its own),
 * or NULL when unicode61 is not available. Release: fts_tokenizer_free(). */
static Fts5Tokenizer *fts_tokenizer_new(void)
{
    Fts5Tokenizer *tok = NULL;

    pthread_once(&fts_words_once, fts_words_init);
    if (!fts_words.ok ||
        fts_words.tok.xCreate(fts_words.tok_ctx, fts_tokenizer_args, 2, &tok) != SQLITE_OK)
        return NULL;
    return tok;
}

static void fts_tokenizer_free(Fts5Tokenizer *tok)
{
    if (tok)
        fts_words.tok.xDelete(tok);
}

/* True if FTS5 finds at least one token in s[0..len). */
static int fts_has_word(Fts5Tokenizer *tok, const char *s, size_t len)
{
    int seen = 0, rc;

    if (!tok || len > (size_t)FTS_MAX_QUERY)
        return fts_has_word_bytes(s, len);
    rc = fts_words.tok.xTokenize(tok, &seen, FTS5_TOKENIZE_QUERY, s, (int)len, fts_token_seen);
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return fts_has_word_bytes(s, len);
    return seen;
}

static int fts_space(char c)
{
    return (unsigned char)c <= ' ' || c == 0x7f;
}

/* The length in bytes of the quotation mark that starts at p, or 0. Besides '"', the marks
 * keyboards and word processors put in its place: U+201C U+201D U+201E (curly quotes), U+00AB
 * U+00BB (guillemets), U+300C U+300D U+300E U+300F (Japanese corner brackets). Any of them
 * opens or closes a phrase. */
static size_t fts_quote_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    if (u[0] == '"')
        return 1;
    if (u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C && u[2] <= 0x9E)
        return 3;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] >= 0x8C && u[2] <= 0x8F)
        return 3;
    return 0;
}

/* The first quotation mark at or after p, or NULL. */
static const char *fts_find_quote(const char *p)
{
    for (; *p; p++)
        if (fts_quote_len(p))
            return p;
    return NULL;
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
    Fts5Tokenizer *tok;

    *out = NULL;
    if (strlen(query) > FTS_MAX_QUERY) {
        snprintf(err, err_size, "is longer than %d bytes", FTS_MAX_QUERY);
        return -1;
    }
    tok = fts_tokenizer_new();
    while (*p) {
        struct fts_term t = {0};
        size_t qlen;
        while (*p && fts_space(*p))
            p++;
        if (!*p)
            break;
        if (*p == '-' && p[1] && !fts_space(p[1])) {
            t.negate = 1;
            p++;
        }
        if ((qlen = fts_quote_len(p)) != 0) {
            const char *end = fts_find_quote(p + qlen);
            t.text = p + qlen;
            t.len = end ? (size_t)(end - t.text) : strlen(t.text); /* unbalanced: to the end */
            p = end ? end + fts_quote_len(end) : t.text + t.len;
        } else {
            const char *start = p;
            while (*p && !fts_space(*p) && !fts_quote_len(p))
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
        if (!fts_has_word(tok, t.text, t.len))
            continue; /* punctuation alone matches nothing: drop it */
        if (nterms == FTS_MAX_TERMS) {
            snprintf(err, err_size, "has more than %d terms", FTS_MAX_TERMS);
            fts_tokenizer_free(tok);
            return -1;
        }
        t.or_before = pending_or && !t.negate;
        pending_or = 0;
        positives += !t.negate;
        terms[nterms++] = t;
    }
    fts_tokenizer_free(tok);
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
