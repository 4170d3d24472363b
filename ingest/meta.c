/* ingest/meta.c: document metadata read off the page (doc.h): title, outlet, canonical URL,
 * publication date with its precision, byline, dateline and language, each with the raw range
 * it came from. The cleaner has already named the page's chrome (doc->removed); this file reads
 * values out of those spans. Nothing is guessed: what the page does not state stays NULL. */
#include "ingest/doc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int meta_is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static int meta_is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

static int meta_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A UTF-8 lead byte of a letter: Latin-1 letters up to U+07FF and the CJK, kana and Hangul
 * planes; not U+0080..U+00BF (C2: symbols) nor U+2000..U+2FFF (E2: punctuation, dashes). */
static int meta_letter_lead(unsigned char c)
{
    return (c >= 0xC3 && c <= 0xDF) || (c >= 0xE3 && c <= 0xED);
}

static unsigned char meta_lower(unsigned char c)
{
    return meta_is_upper(c) ? (unsigned char)(c + 32) : c;
}

static int meta_starts_ci(const char *t, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);

    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (meta_lower((unsigned char)t[i]) != meta_lower((unsigned char)prefix[i]))
            return 0;
    return 1;
}

/* Offset of needle in t[0..n), ASCII case-insensitive, or n. */
static size_t meta_find_ci(const char *t, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; i + k <= n; i++)
        if (meta_starts_ci(t + i, n - i, needle))
            return i;
    return n;
}

#define META_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- removed spans as text with a raw map ---- */

struct meta_view {
    char *text;
    size_t *map; /* len + 1 raw offsets */
    size_t len;
    int loaded; /* 1: text and map are malloc'd; 2: the span is too long, read as empty */
    char empty_text[1];
    size_t empty_map[1];
};

struct meta_ctx {
    const char *raw;
    size_t raw_len;
    struct ingest_doc *doc;
    struct meta_view *views;
    size_t body_start; /* raw offset where the body begins (raw_len when there is none) */
    pcre2_code *rx_full[5], *rx_month, *rx_year, *rx_url_date, *rx_dateline;
    pcre2_match_data *md;
};

/* Metadata lines are short: a longer removed span (a merged menu, a teaser) is read as empty. */
#define META_SPAN_MAX 4096

/* The removed span i as collapsed text; NULL on out of memory. */
static const struct meta_view *meta_view(struct meta_ctx *cx, size_t i)
{
    struct meta_view *v = &cx->views[i];
    const struct ingest_range *r = &cx->doc->removed[i].raw;

    if (v->loaded)
        return v;
    if (r->end - r->start > META_SPAN_MAX) { /* read as empty; nothing to free */
        v->empty_text[0] = '\0';
        v->empty_map[0] = r->start;
        v->text = v->empty_text;
        v->map = v->empty_map;
        v->len = 0;
        v->loaded = 2;
        return v;
    }
    if (ingest_clean_collapse(cx->raw, *r, &v->text, &v->map, &v->len))
        return NULL;
    v->loaded = 1;
    return v;
}

/* Chrome that carries metadata sits above the story or at its very end: only the first and
 * the last META_NEAR removed spans are read, so a page of a million menu lines stays linear. */
#define META_NEAR 400

static int meta_near(const struct meta_ctx *cx, size_t i)
{
    return i < META_NEAR || i + META_NEAR >= cx->doc->removed_count;
}

static int meta_reason_is(const struct ingest_removed *r, const char *reason)
{
    return strcmp(r->reason, reason) == 0;
}

/* Sets f to t[s, e) of the view, trimmed of spaces and of the punctuation in strip. */
static int meta_set(struct ingest_field *f, const struct meta_view *v, size_t s, size_t e,
                    const char *strip)
{
    char *value;

    while (s < e && (v->text[s] == ' ' || strchr(strip, v->text[s])))
        s++;
    while (e > s && (v->text[e - 1] == ' ' || strchr(strip, v->text[e - 1])))
        e--;
    if (s >= e)
        return 0;
    value = strndup(v->text + s, e - s);
    if (!value)
        return -1;
    free(f->value);
    f->value = value;
    f->provenance = INGEST_PROV_EXTRACTED;
    f->raw.start = v->map[s];
    f->raw.end = e < v->len ? v->map[e] : v->map[v->len];
    return 0;
}

/* ---- regular expressions ---- */

/* The date shapes and the dateline are regular expressions: each is a fixed sequence of
 * optional parts (abbreviated month with or without a period, ordinal suffix, comma, agency
 * in brackets), which a pattern states in one line where hand scanning needs a state machine
 * per shape. All are compiled once per document and matched on short spans only. */
#define META_MONTHS                                                                                \
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"                \
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
#define META_MON "(" META_MONTHS ")\\.?"       /* captures the month */
#define META_MON_ANY "(?:" META_MONTHS ")\\.?" /* does not */

enum meta_shape { META_YMD, META_DMY_NUM, META_MDY, META_DMY, META_ISO };

static const char *const meta_full_patterns[] = {
    [META_YMD] = "(?<![\\d.])(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})(?![\\d])",
    [META_DMY_NUM] = "(?<![\\d./])(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})(?![\\d])",
    [META_MDY] = "\\b" META_MON "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
    [META_DMY] = "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" META_MON ",?\\s+(\\d{4})(?!\\d)",
    [META_ISO] = "(?<![\\d])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d])",
};

/* "TOKYO —", "NEW YORK —", "WASHINGTON (Reuters) -", "NAGO, Japan —", "WASHINGTON, Oct. 3 —",
 * "Tokyo, March 16 (Kyodo) --": a place in capitals, or a place in any case when a news agency
 * in brackets follows, then a dash. The place is group 1 or 2. */
static const char meta_dateline_pattern[] =
    "^(?:(\\p{Lu}[\\p{Lu}.'\\x{2019}-]+(?:\\s\\p{Lu}[\\p{Lu}.'\\x{2019}-]+){0,3}"
    "(?:,\\s\\p{Lu}[\\p{L}.]+(?:\\s\\p{Lu}[\\p{L}.]+){0,2})?)"
    "(?:,\\s(?i:" META_MON_ANY ")\\s\\d{1,2})?(?:\\s\\([^)]{2,40}\\))?"
    "|(\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+){0,2})(?:,\\s(?i:" META_MON_ANY ")\\s\\d{1,2})?"
    "\\s\\([^)]{2,40}\\))"
    "\\s+(?:\\x{2014}|\\x{2013}|--|-)\\s";

static pcre2_code *meta_compile(const char *pattern, uint32_t flags)
{
    int err;
    PCRE2_SIZE off;

    return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags | PCRE2_UTF, &err, &off,
                         NULL);
}

static int meta_rx_init(struct meta_ctx *cx)
{
    for (size_t i = 0; i < META_COUNT(meta_full_patterns); i++)
        if (!(cx->rx_full[i] = meta_compile(meta_full_patterns[i], PCRE2_CASELESS)))
            return -1;
    cx->rx_month = meta_compile("\\b" META_MON ",?\\s+(\\d{4})(?!\\d)", PCRE2_CASELESS);
    cx->rx_year = meta_compile("(?<![\\d.,/:-])((?:19|20)\\d\\d)(?![\\d.,/:]\\d|\\d)", 0);
    cx->rx_url_date =
        meta_compile("/((?:19|20)\\d\\d)[/-](\\d{1,2})(?:[/-](\\d{1,2}))?(?=[/-])", 0);
    cx->rx_dateline = meta_compile(meta_dateline_pattern, 0);
    cx->md = pcre2_match_data_create(8, NULL);
    return cx->rx_month && cx->rx_year && cx->rx_url_date && cx->rx_dateline && cx->md ? 0 : -1;
}

static void meta_rx_free(struct meta_ctx *cx)
{
    for (size_t i = 0; i < META_COUNT(cx->rx_full); i++)
        pcre2_code_free(cx->rx_full[i]);
    pcre2_code_free(cx->rx_month);
    pcre2_code_free(cx->rx_year);
    pcre2_code_free(cx->rx_url_date);
    pcre2_code_free(cx->rx_dateline);
    pcre2_match_data_free(cx->md);
}

/* Matches rx on t[from, len); returns 1 with the whole match in [*s, *e). */
static int meta_match(struct meta_ctx *cx, const pcre2_code *rx, const char *t, size_t len,
                      size_t from, size_t *s, size_t *e)
{
    PCRE2_SIZE *ov;

    if (pcre2_match(rx, (PCRE2_SPTR)t, len, from, 0, cx->md, NULL) < 0)
        return 0;
    ov = pcre2_get_ovector_pointer(cx->md);
    *s = ov[0];
    *e = ov[1];
    return 1;
}

/* Group g of the last match as [*s, *e); 0 when it did not take part. */
static int meta_group(struct meta_ctx *cx, int g, size_t *s, size_t *e)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(cx->md);

    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *s = ov[2 * g];
    *e = ov[2 * g + 1];
    return 1;
}

static int meta_group_int(struct meta_ctx *cx, const char *t, int g)
{
    size_t s, e;
    int v = 0;

    if (!meta_group(cx, g, &s, &e))
        return 0;
    for (size_t i = s; i < e && i < s + 6; i++)
        v = v * 10 + (t[i] - '0');
    return v;
}

static int meta_month_number(const char *w)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};

    for (int m = 0; m < 12; m++)
        if (meta_starts_ci(w, 3, months[m]))
            return m + 1;
    return 0;
}

/* ---- dates ---- */

struct meta_date {
    int year, month, day;
    enum ingest_precision precision;
    size_t s, e; /* in the view's text */
};

static int meta_valid(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (y < 1900 || y > 2100 || (m && (m < 1 || m > 12)))
        return 0;
    if (d && (!m || d < 1 || d > days[m - 1] ||
              (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))))
        return 0;
    return 1;
}

/* The most precise date in t[0..len) (the earliest among equals): full dates in the shapes
 * above, then "June 2014", then a lone year when allow_year. Returns 1 if one was found. */
static int meta_find_date(struct meta_ctx *cx, const char *t, size_t len, int allow_year,
                          struct meta_date *out)
{
    struct meta_date best = {0};
    size_t s, e;

    for (size_t p = 0; p < META_COUNT(meta_full_patterns); p++) {
        size_t from = 0;
        while (from < len && meta_match(cx, cx->rx_full[p], t, len, from, &s, &e)) {
            struct meta_date d = {0};
            size_t gs = 0, ge = 0;
            switch ((enum meta_shape)p) {
            case META_YMD:
            case META_ISO:
                d.year = meta_group_int(cx, t, 1);
                d.month = meta_group_int(cx, t, 2);
                d.day = meta_group_int(cx, t, 3);
                break;
            case META_DMY_NUM: /* day first ("17/03/2021"), unless only month first fits */
                d.day = meta_group_int(cx, t, 1);
                d.month = meta_group_int(cx, t, 2);
                d.year = meta_group_int(cx, t, 3);
                if (d.month > 12 && d.day <= 12) {
                    int m = d.day;
                    d.day = d.month;
                    d.month = m;
                }
                break;
            case META_MDY:
                meta_group(cx, 1, &gs, &ge);
                d.month = meta_month_number(t + gs);
                d.day = meta_group_int(cx, t, 2);
                d.year = meta_group_int(cx, t, 3);
                break;
            case META_DMY:
                meta_group(cx, 2, &gs, &ge);
                d.day = meta_group_int(cx, t, 1);
                d.month = meta_month_number(t + gs);
                d.year = meta_group_int(cx, t, 3);
                break;
            }
            if (meta_valid(d.year, d.month, d.day) && (!best.precision || s < best.s)) {
                d.precision = INGEST_PREC_DAY;
                d.s = s;
                d.e = e;
                best = d;
            }
            from = e > from ? e : from + 1;
        }
    }
    if (!best.precision && meta_match(cx, cx->rx_month, t, len, 0, &s, &e)) {
        size_t gs = 0, ge = 0;
        meta_group(cx, 1, &gs, &ge);
        best.month = meta_month_number(t + gs);
        best.year = meta_group_int(cx, t, 2);
        best.precision = meta_valid(best.year, best.month, 0) ? INGEST_PREC_MONTH : 0;
        best.s = s;
        best.e = e;
    }
    if (!best.precision && allow_year && meta_match(cx, cx->rx_year, t, len, 0, &s, &e)) {
        best.year = meta_group_int(cx, t, 1);
        best.precision = meta_valid(best.year, 0, 0) ? INGEST_PREC_YEAR : 0;
        best.s = s;
        best.e = e;
    }
    if (!best.precision)
        return 0;
    *out = best;
    return 1;
}

/* How the page labels a date: 3 published ("Published:", "Posted", "first published or seen
 * on"), 1 updated ("Updated", "Last modified"), else 2. */
static int meta_date_label(const char *t, size_t date_start)
{
    static const char *const published[] = {"published", "posted", "seen on", "released",
                                            "issued",    "date:",  "dated"};
    static const char *const updated[] = {"updated", "modified", "last changed", "revised"};
    size_t from = date_start > 48 ? date_start - 48 : 0, n = date_start - from;

    for (size_t i = 0; i < META_COUNT(updated); i++)
        if (meta_find_ci(t + from, n, updated[i]) < n)
            return 1;
    for (size_t i = 0; i < META_COUNT(published); i++)
        if (meta_find_ci(t + from, n, published[i]) < n)
            return 3;
    return 2;
}

static int meta_set_date(struct ingest_meta *m, const struct meta_view *v,
                         const struct meta_date *d)
{
    char buf[16];

    if (d->precision == INGEST_PREC_DAY)
        snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->precision == INGEST_PREC_MONTH)
        snprintf(buf, sizeof(buf), "%04d-%02d", d->year, d->month);
    else
        snprintf(buf, sizeof(buf), "%04d", d->year);
    free(m->published.value);
    m->published.value = strdup(buf);
    if (!m->published.value)
        return -1;
    m->published.provenance = INGEST_PROV_EXTRACTED;
    m->published.raw.start = v->map[d->s];
    m->published.raw.end = d->e < v->len ? v->map[d->e] : v->map[v->len];
    m->published_precision = d->precision;
    return 0;
}

/* The publication date: the dates in the chrome above the story (time stamps, the NewsDiffs
 * header, a masthead or issue line), ranked by label (published over plain over updated) and
 * precision; then a date in the URL path. Footers (the copyright year), captions, link lists
 * and the headline are never read; neither is the body. */
static int meta_published(struct meta_ctx *cx)
{
    struct ingest_doc *doc = cx->doc;
    struct meta_date best = {0};
    const struct meta_view *best_view = NULL;
    int best_score = -1;

    for (size_t i = 0; i < doc->removed_count; i++) {
        const struct ingest_removed *r = &doc->removed[i];
        const struct meta_view *v;
        struct meta_date d;
        int header = r->raw.start < cx->body_start, stamp = meta_reason_is(r, "timestamp");
        int score;
        if (!meta_near(cx, i) || !(header || stamp || meta_reason_is(r, "version-preamble")))
            continue;
        if (!(stamp || meta_reason_is(r, "version-preamble") || meta_reason_is(r, "header") ||
              meta_reason_is(r, "site-name") || meta_reason_is(r, "byline") ||
              meta_reason_is(r, "dateline-line") || meta_reason_is(r, "boilerplate") ||
              meta_reason_is(r, "navigation")))
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        /* a lone year in a breadcrumb or menu ("Home > Press Releases > 2014") is an archive
         * section, not a date the page gives itself */
        if (!meta_find_date(cx, v->text, v->len,
                            !memmem(v->text, v->len, " > ", 3) &&
                                !memmem(v->text, v->len, "\xC2\xBB", 2) &&
                                !memmem(v->text, v->len, "\xE2\x80\xBA", 3) &&
                                !memmem(v->text, v->len, " | ", 3),
                            &d))
            continue;
        /* label first, then precision; a stamp below the story only as a last resort */
        score = meta_date_label(v->text, d.s) * 8 + (stamp ? 4 : 0) + (int)d.precision -
                (header ? 0 : 24);
        if (score > best_score) {
            best_score = score;
            best = d;
            best_view = v;
        }
    }
    if (best_view)
        return meta_set_date(&doc->meta, best_view, &best);
    /* A date in the path of the page's own URL: "/2013/10/04/". */
    for (size_t i = 0; i < doc->removed_count; i++) {
        const struct ingest_removed *r = &doc->removed[i];
        const struct meta_view *v;
        size_t s, e, from = 0;
        if (!meta_reason_is(r, "url") && !meta_reason_is(r, "version-preamble"))
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        while (meta_match(cx, cx->rx_url_date, v->text, v->len, from, &s, &e)) {
            struct meta_date d = {0};
            size_t gs = 0, ge = 0;
            d.year = meta_group_int(cx, v->text, 1);
            d.month = meta_group_int(cx, v->text, 2);
            d.day = meta_group(cx, 3, &gs, &ge) ? meta_group_int(cx, v->text, 3) : 0;
            d.precision = d.day ? INGEST_PREC_DAY : INGEST_PREC_MONTH;
            d.s = s + 1;
            d.e = e;
            if (memmem(v->text, s, "://", 3) && meta_valid(d.year, d.month, d.day))
                return meta_set_date(&doc->meta, v, &d);
            from = e;
        }
    }
    return 0;
}

/* ---- title, URL, outlet ---- */

/* Offset of the first " | " (or " || ") in t, or n. */
static size_t meta_pipe(const char *t, size_t n)
{
    const char *p = t;

    while ((p = memchr(p, '|', n - (size_t)(p - t))) != NULL) {
        size_t at = (size_t)(p - t), k = at + 1;
        while (k < n && t[k] == '|')
            k++;
        if (at > 0 && t[at - 1] == ' ' && k < n && t[k] == ' ')
            return at - 1;
        p = t + k;
        if (k >= n)
            break;
    }
    return n;
}

static size_t meta_words(const char *t, size_t n)
{
    size_t w = 0;
    int in = 0;

    for (size_t i = 0; i < n; i++) {
        int c = t[i] != ' ';
        w += c && !in;
        in = c;
    }
    return w;
}

/* The headline the cleaner chose; a " | Site" suffix is cut off here (and read as the outlet
 * by meta_source()). */
static int meta_title(struct meta_ctx *cx)
{
    for (size_t i = 0; i < cx->doc->removed_count; i++) {
        const struct meta_view *v;
        size_t cut;
        if (!meta_reason_is(&cx->doc->removed[i], "headline"))
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        cut = meta_pipe(v->text, v->len);
        if (cut < v->len && meta_words(v->text + cut, v->len - cut) > 6)
            cut = v->len;
        return meta_set(&cx->doc->meta.title, v, 0, cut, "#"); /* "# Headline" (Markdown) */
    }
    return 0;
}

/* The URL token at or after t[from], as [*s, *e). */
static int meta_url_token(const char *t, size_t n, size_t from, size_t *s, size_t *e)
{
    size_t i = from + meta_find_ci(t + from, n - from, "http");

    while (i < n) {
        if (meta_starts_ci(t + i, n - i, "http://") || meta_starts_ci(t + i, n - i, "https://")) {
            size_t k = i;
            while (k < n && t[k] != ' ' && t[k] != '"' && t[k] != '<' && t[k] != '>')
                k++;
            while (k > i && strchr(".,;:)]'", t[k - 1]))
                k--;
            *s = i;
            *e = k;
            return 1;
        }
        i += 4;
        i += meta_find_ci(t + i, n - i, "http");
    }
    return 0;
}

/* The canonical URL: a URL line above the story, the NewsDiffs "original source" line, or a
 * line labelled "URL:" / "Link:" / "Canonical". URLs in menus or the body are not the page's
 * address. */
static int meta_url(struct meta_ctx *cx)
{
    static const char *const labels[] = {
        "url:", "link:", "canonical", "permalink", "original source", "source url", "article url"};

    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < cx->doc->removed_count; i++) {
            const struct ingest_removed *r = &cx->doc->removed[i];
            const struct meta_view *v;
            size_t s, e;
            int labelled = 0;
            if (pass == 0 && !meta_reason_is(r, "url"))
                continue;
            if (pass == 1 && (meta_reason_is(r, "url") || !meta_near(cx, i)))
                continue;
            if (!(v = meta_view(cx, i)))
                return -1;
            if (!meta_url_token(v->text, v->len, 0, &s, &e))
                continue;
            for (size_t k = 0; k < META_COUNT(labels); k++)
                labelled |= meta_find_ci(v->text, s, labels[k]) < s;
            if (pass == 0 || labelled)
                return meta_set(&cx->doc->meta.url, v, s, e, "");
        }
    return 0;
}

/* Words that make a name an organization rather than a person. */
static int meta_org_name(const char *t, size_t n)
{
    static const char *const words[] = {
        "online", "news",     "daily",   "times",     "post",       "press",      "agency",
        "herald", "journal",  "service", "network",   "media",      "group",      "bureau",
        "staff",  "wire",     "tribune", "gazette",   "radio",      "television", "broadcasting",
        "xinhua", "reuters",  "kyodo",   "afp",       "associated", "bloomberg",  "yonhap",
        "jiji",   "ministry", "office",  "newspaper", "editorial",  "desk",       "correspondents"};
    size_t i = 0;

    while (i < n) {
        size_t s = i;
        while (i < n && t[i] != ' ')
            i++;
        for (size_t k = 0; k < META_COUNT(words); k++) {
            size_t w = strlen(words[k]), e = i;
            while (e > s && strchr(".,;:'", t[e - 1]))
                e--;
            if (e - s == w && meta_starts_ci(t + s, e - s, words[k]))
                return 1;
        }
        while (i < n && t[i] == ' ')
            i++;
    }
    return 0;
}

/* Name words at t[*i]: capitalized words and initials separated by single spaces; with
 * particles ("van", "de") between capitalized words. Returns how many; *i moves past them. */
static size_t meta_name_words(const char *t, size_t n, size_t *i)
{
    static const char *const particles[] = {"de",  "van", "von", "der", "bin", "al",  "da",
                                            "del", "la",  "le",  "du",  "ter", "ten", "di"};
    size_t count = 0, k = *i;

    for (;;) {
        size_t s = k, e;
        int particle = 0;
        if (count > 0) {
            if (k >= n || t[k] != ' ')
                break;
            s = ++k;
        }
        e = s;
        while (e < n && t[e] != ' ' && t[e] != ',' && t[e] != ';' && t[e] != '|' && t[e] != '/')
            e++;
        while (e > s && (t[e - 1] == '*' || t[e - 1] == '_')) /* "**By Jane Doe**" */
            e--;
        for (size_t p = 0; p < META_COUNT(particles) && count > 0; p++)
            particle |= e - s == strlen(particles[p]) && memcmp(t + s, particles[p], e - s) == 0;
        if (e == s || meta_is_digit((unsigned char)t[s]) || meta_is_digit((unsigned char)t[e - 1]))
            break;
        if (!(meta_is_upper((unsigned char)t[s]) || meta_letter_lead((unsigned char)t[s]) ||
              particle))
            break;
        if (e - s == 3 && meta_starts_ci(t + s, 3, "and"))
            break;
        count++;
        k = e;
        if (!particle)
            *i = k;
    }
    return count;
}

/* The person names at t[from]: "A", "A and B", "A, B and C", as one range [*s, *e) written as
 * on the page. A name is two or more name words ending at a separator, not at a lower-case
 * word ("Tokyo correspondent" is no name). Returns the number of names. */
static size_t meta_names(const char *t, size_t n, size_t from, size_t *s, size_t *e)
{
    size_t i = from, names = 0;

    *s = *e = from;
    for (;;) {
        size_t j = i, w = meta_name_words(t, n, &j);
        size_t k = j < n && t[j] == ' ' ? j + 1 : j;
        int at_sep = k >= n || t[k] == ',' || t[k] == ';' || t[k] == '|' || t[k] == '/' ||
                     t[k] == '*' || t[k] == '_' ||
                     meta_starts_ci(t + k, n - k, "and ") || meta_starts_ci(t + k, n - k, "& ") ||
                     meta_starts_ci(t + k, n - k, "in ") ||
                     meta_starts_ci(t + k, n - k, "\xE2\x80") || meta_starts_ci(t + k, n - k, "- ");
        if (w >= 3 && meta_org_name(t + i, j - i)) {
            /* the outlet after the name ("By A and B Associated Press"): keep the words
             * before the first organization word, and stop there */
            size_t cut = i, kept = 0, at = i;
            while (at < j) {
                size_t we = at;
                while (we < j && t[we] != ' ')
                    we++;
                if (meta_org_name(t + at, we - at))
                    break;
                cut = we;
                kept++;
                at = we < j ? we + 1 : j;
            }
            if (kept >= 2 && kept <= 5) {
                if (names == 0)
                    *s = i;
                *e = cut;
                names++;
            }
            break;
        }
        if (w < 2 || w > 5 || !at_sep || meta_org_name(t + i, j - i))
            break;
        if (names == 0)
            *s = i;
        *e = j;
        names++;
        if (meta_starts_ci(t + j, n - j, " and "))
            i = j + 5;
        else if (meta_starts_ci(t + j, n - j, " & "))
            i = j + 3;
        else if (meta_starts_ci(t + j, n - j, ", "))
            i = j + 2;
        else
            break;
    }
    return names;
}

/* The byline: the reporters' names in a byline or credit line, without "By", roles, places
 * or editors ("Reporting by A and B; Editing by C" gives "A and B"). An outlet in the byline
 * ("By People's Daily Online and contributed by Yu Qing") is skipped for the person after it. */
static int meta_byline(struct meta_ctx *cx)
{
    /* bylines above the story, then below it, then a date line that names the author
     * ("Posted on 12 May 2016 by Jane Doe"), then an author tagline after the story ("Jane
     * Doe is a reporter for ...") */
    for (int pass = 0; pass < 4; pass++)
        for (size_t i = 0; i < cx->doc->removed_count; i++) {
            const struct ingest_removed *r = &cx->doc->removed[i];
            const struct meta_view *v;
            size_t s, e, from = 0, at;
            if (pass < 2 &&
                (!meta_reason_is(r, "byline") || (pass == 0) != (r->raw.start < cx->body_start)))
                continue;
            if (pass == 2 && (!meta_reason_is(r, "timestamp") || !meta_near(cx, i)))
                continue;
            if (pass == 3) {
                size_t j;
                if (!meta_reason_is(r, "author-bio") || r->raw.start < cx->body_start ||
                    !meta_near(cx, i))
                    continue;
                if (!(v = meta_view(cx, i)))
                    return -1;
                j = 0;
                while (j < v->len && (v->text[j] == '*' || v->text[j] == '_'))
                    j++;
                s = j;
                if (meta_name_words(v->text, v->len, &j) >= 2 && j <= 60 &&
                    (meta_starts_ci(v->text + j, v->len - j, " is ") ||
                     meta_starts_ci(v->text + j, v->len - j, " writes ") ||
                     meta_starts_ci(v->text + j, v->len - j, " covers ")) &&
                    !meta_org_name(v->text + s, j - s))
                    return meta_set(&cx->doc->meta.byline, v, s, j, "");
                continue;
            }
            if (!(v = meta_view(cx, i)))
                return -1;
            if (meta_starts_ci(v->text, v->len, "editing by"))
                continue;
            /* each "by" in turn, then the line's start ("Name | Staff Writer") */
            for (;;) {
                at = from + meta_find_ci(v->text + from, v->len - from, "by ");
                if (at >= v->len)
                    break;
                if ((at == 0 || v->text[at - 1] == ' ' || v->text[at - 1] == '*' ||
                     v->text[at - 1] == '_') &&
                    !(at >= 8 && meta_starts_ci(v->text + at - 8, 8, "editing ")) &&
                    meta_names(v->text, v->len, at + 3, &s, &e))
                    return meta_set(&cx->doc->meta.byline, v, s, e, "");
                from = at + 3;
            }
            if (pass < 2 && meta_names(v->text, v->len, 0, &s, &e))
                return meta_set(&cx->doc->meta.byline, v, s, e, "");
        }
    return 0;
}

/* An outlet name from t[s, e) of view v: generic trailing words of a link ("Home",
 * "Mainpage", "Newsletter") and a trailing date part are dropped. */
static int meta_set_outlet(struct ingest_field *f, const struct meta_view *v, size_t s, size_t e)
{
    static const char *const generic[] = {" home",          " homepage",   " mainpage",
                                          " main page",     " newsletter", " index",
                                          " online edition"};
    int again = 1;

    /* a menu or bullet glyph before the name ("≡ GlobalWire"): a General Punctuation,
     * arrow or math symbol (U+2000-U+2BFF) and a space */
    while (s + 4 <= e && (unsigned char)v->text[s] == 0xE2 &&
           (unsigned char)v->text[s + 1] >= 0x80 && (unsigned char)v->text[s + 1] <= 0xAF &&
           v->text[s + 3] == ' ')
        s += 4;
    while (e > s && strchr(" .,;:", v->text[e - 1]))
        e--;
    while (again) {
        again = 0;
        for (size_t k = 0; k < META_COUNT(generic); k++) {
            size_t w = strlen(generic[k]);
            if (e - s > w && meta_starts_ci(v->text + e - w, w, generic[k])) {
                e -= w;
                again = 1;
            }
        }
    }
    return meta_set(f, v, s, e, "");
}

/* True if t[0..n) is in capitals only (some letters, no lower case). */
static int meta_all_caps(const char *t, size_t n)
{
    size_t upper = 0;

    for (size_t i = 0; i < n; i++) {
        if (meta_is_lower((unsigned char)t[i]))
            return 0;
        upper += meta_is_upper((unsigned char)t[i]);
    }
    return upper >= 2;
}

/* A masthead in capitals ("SOUTH SEAS HERALD") is written as the page writes it elsewhere
 * ("Copyright South Seas Herald."), when it does. */
static int meta_source_case(struct meta_ctx *cx)
{
    struct ingest_field *f = &cx->doc->meta.source;
    size_t n = f->value ? strlen(f->value) : 0;

    if (!n || !meta_all_caps(f->value, n))
        return 0;
    for (size_t i = 0; i < cx->doc->removed_count; i++) {
        const struct meta_view *v;
        if (!meta_near(cx, i))
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        for (size_t k = 0; k + n <= v->len; k++) {
            if (!meta_starts_ci(v->text + k, v->len - k, f->value) ||
                meta_all_caps(v->text + k, n) ||
                (k > 0 && v->text[k - 1] != ' ' && v->text[k - 1] != '\xA9') ||
                (k + n < v->len && !strchr(" .,|", v->text[k + n])))
                continue;
            return meta_set(f, v, k, k + n, "");
        }
    }
    return 0;
}

/* The outlet, in order of how plainly the page states it: the NewsDiffs header ("from the
 * source 'nytimes'"), a "Source: X" line, an outlet as byline ("By People's Daily Online"), a
 * "Headline | Outlet" line, the site name at the top, an "Outlet Home" footer link, the
 * copyright holder. */
static int meta_source(struct meta_ctx *cx)
{
    struct ingest_doc *doc = cx->doc;
    struct ingest_field *f = &doc->meta.source;
    const char *title = doc->meta.title.value;

    for (int rule = 0; rule < 7 && !f->value; rule++)
        for (size_t i = 0; i < doc->removed_count && !f->value; i++) {
            const struct ingest_removed *r = &doc->removed[i];
            const struct meta_view *v;
            size_t at, s, e;
            const char *t;
            size_t n;
            if (!meta_near(cx, i) || (rule == 0 && !meta_reason_is(r, "version-preamble")) ||
                ((rule == 1 || rule == 2) && !meta_reason_is(r, "byline") &&
                 !meta_reason_is(r, "credits")) ||
                (rule == 3 && r->raw.start >= cx->body_start) ||
                (rule == 4 && !meta_reason_is(r, "site-name")) ||
                (rule == 6 && !meta_reason_is(r, "footer")))
                continue;
            if (!(v = meta_view(cx, i)))
                return -1;
            t = v->text;
            n = v->len;
            switch (rule) {
            case 0:
                at = meta_find_ci(t, n, "source '");
                if (at < n) {
                    const char *q = memchr(t + at + 8, '\'', n - at - 8);
                    if (q && meta_set(f, v, at + 8, (size_t)(q - t), ""))
                        return -1;
                }
                break;
            case 1:
                if (meta_starts_ci(t, n, "source:") || meta_starts_ci(t, n, "sources:")) {
                    s = (size_t)((const char *)memchr(t, ':', n) - t) + 1;
                    e = s + meta_find_ci(t + s, n - s, " / ");
                    if (e > s + meta_find_ci(t + s, n - s, " | "))
                        e = s + meta_find_ci(t + s, n - s, " | ");
                    if (meta_set_outlet(f, v, s, e))
                        return -1;
                }
                break;
            case 2:
                if (meta_starts_ci(t, n, "by ")) {
                    size_t j = 3;
                    meta_name_words(t, n, &j);
                    if (j > 3 && meta_org_name(t + 3, j - 3) && meta_set(f, v, 3, j, ""))
                        return -1;
                }
                break;
            case 3: /* "Headline | Outlet" */
                at = meta_pipe(t, n);
                if (title && at < n && at == strlen(title) && memcmp(t, title, at) == 0) {
                    s = at + (t[at + 2] == '|' ? 4 : 3);
                    if (meta_words(t + s, n - s) <= 6 && meta_set(f, v, s, n, ""))
                        return -1;
                }
                break;
            case 4:
                e = n;
                for (const char *const *sep =
                         (const char *const[]){" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ",
                                               " \xC2\xB7 ", " :: ", NULL};
                     *sep; sep++) {
                    const char *hit = memmem(t, n, *sep, strlen(*sep));
                    if (hit && (size_t)(hit - t) < e)
                        e = (size_t)(hit - t);
                }
                if (meta_set_outlet(f, v, 0, e))
                    return -1;
                break;
            case 5: /* "Back to Newsletter Index || Alliance Watch Home" */
                s = 0;
                while (s < n) {
                    size_t seg = s + meta_pipe(t + s, n - s), k = seg;
                    while (k > s && t[k - 1] == ' ')
                        k--;
                    if ((k - s > 5 && meta_starts_ci(t + k - 5, 5, " home")) ||
                        (k - s > 9 && meta_starts_ci(t + k - 9, 9, " mainpage")) ||
                        (k - s > 9 && meta_starts_ci(t + k - 9, 9, " homepage"))) {
                        size_t j = s;
                        if (meta_name_words(t, k, &j) >= 2 && j == k &&
                            !meta_starts_ci(t + s, k - s, "back to"))
                            return meta_set_outlet(f, v, s, k);
                    }
                    if (seg >= n)
                        break;
                    s = seg + (t[seg + 1] == '|' && t[seg + 2] == '|' ? 4 : 3);
                }
                break;
            case 6: /* "© 2014 Harbor Times Media Group. All rights reserved." */
                at = meta_find_ci(t, n, "\xC2\xA9");
                at = at < n ? at + 2 : meta_starts_ci(t, n, "copyright") ? 9 : n;
                if (at < n) {
                    size_t j;
                    while (at < n && (t[at] == ' ' || meta_is_digit((unsigned char)t[at]) ||
                                      t[at] == '\xC2' || t[at] == '\xA9'))
                        at++;
                    j = at;
                    if (meta_name_words(t, n, &j) >= 1 && meta_set_outlet(f, v, at, j))
                        return -1;
                }
                break;
            }
        }
    return meta_source_case(cx);
}

/* ---- dateline, language ---- */

/* The dateline: the place opening the first paragraph ("TOKYO —", "WASHINGTON (Reuters) -",
 * "Tokyo, March 16 (Kyodo) --"), or a dateline line above the story ("NAGO, Japan"). */
static int meta_dateline(struct meta_ctx *cx)
{
    struct ingest_doc *doc = cx->doc;
    size_t s, e, plen = doc->clean_len;

    if (doc->paragraph_count)
        plen = doc->paragraphs[0].clean.end;
    if (plen > 400)
        plen = 400;
    if (plen && meta_match(cx, cx->rx_dateline, doc->clean, plen, 0, &s, &e) &&
        (meta_group(cx, 1, &s, &e) || meta_group(cx, 2, &s, &e))) {
        char *value = strndup(doc->clean + s, e - s);
        if (!value)
            return -1;
        doc->meta.dateline.value = value;
        doc->meta.dateline.provenance = INGEST_PROV_EXTRACTED;
        doc->meta.dateline.raw.start = doc->clean_to_raw[s];
        doc->meta.dateline.raw.end = doc->clean_to_raw[e];
        return 0;
    }
    for (size_t i = 0; i < doc->removed_count; i++) {
        const struct meta_view *v;
        if (!meta_reason_is(&doc->removed[i], "dateline-line"))
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        return meta_set(&doc->meta.dateline, v, 0, v->len, "");
    }
    /* a place before the date on the date line above the story: "Tokyo, 2 May 2006" */
    for (size_t i = 0; i < doc->removed_count && i < META_NEAR; i++) {
        static const char *const weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        const struct meta_view *v;
        size_t j = 0, w;
        int weekday = 0;
        if (!meta_reason_is(&doc->removed[i], "timestamp") ||
            doc->removed[i].raw.start >= cx->body_start)
            continue;
        if (!(v = meta_view(cx, i)))
            return -1;
        w = meta_name_words(v->text, v->len, &j);
        for (size_t k = 0; k < META_COUNT(weekdays); k++)
            weekday |= meta_starts_ci(v->text, v->len, weekdays[k]);
        if (w < 1 || w > 3 || weekday || meta_month_number(v->text) || j + 2 >= v->len ||
            v->text[j] != ',' || v->text[j + 1] != ' ' ||
            !(meta_is_digit((unsigned char)v->text[j + 2]) ||
              (v->len - j - 2 >= 3 && meta_month_number(v->text + j + 2))))
            continue;
        return meta_set(&doc->meta.dateline, v, 0, j, "");
    }
    return 0;
}

/* "en" when at least a fifth of the body's words are English function words (running English
 * has two in five; other languages next to none). */
static int meta_language(struct meta_ctx *cx)
{
    struct ingest_doc *doc = cx->doc;
    const char *t = doc->clean;
    size_t words = 0, stops = 0, i = 0, n = doc->clean_len;

    while (i < n) {
        size_t s;
        while (i < n &&
               !(meta_is_upper((unsigned char)t[i]) || meta_is_lower((unsigned char)t[i]) ||
                 (unsigned char)t[i] >= 0xC0 || meta_is_digit((unsigned char)t[i])))
            i++;
        s = i;
        while (i < n && (meta_is_upper((unsigned char)t[i]) || meta_is_lower((unsigned char)t[i]) ||
                         (unsigned char)t[i] >= 0x80 || meta_is_digit((unsigned char)t[i])))
            i++;
        if (i > s) {
            words++;
            stops += ingest_stop_word(t + s, i - s);
        }
    }
    if (words < 5 || stops * 5 < words)
        return 0;
    doc->meta.language.value = strdup("en");
    if (!doc->meta.language.value)
        return -1;
    doc->meta.language.provenance = INGEST_PROV_EXTRACTED;
    doc->meta.language.raw.start = doc->clean_to_raw[0];
    doc->meta.language.raw.end = doc->clean_to_raw[n];
    return 0;
}

int ingest_meta_extract(const char *raw, size_t len, struct ingest_doc *doc)
{
    struct meta_ctx cx = {0};
    int rc = -1;

    cx.raw = raw;
    cx.raw_len = len;
    cx.doc = doc;
    cx.body_start = doc->clean_len ? doc->clean_to_raw[0] : len;
    cx.views = calloc(doc->removed_count + 1, sizeof(*cx.views));
    if (!cx.views || meta_rx_init(&cx))
        goto out;
    if (meta_title(&cx) || meta_url(&cx) || meta_published(&cx) || meta_byline(&cx) ||
        meta_source(&cx) || meta_dateline(&cx) || meta_language(&cx))
        goto out;
    rc = 0;
out:
    for (size_t i = 0; cx.views && i < doc->removed_count; i++)
        if (cx.views[i].loaded == 1) {
            free(cx.views[i].text);
            free(cx.views[i].map);
        }
    free(cx.views);
    meta_rx_free(&cx);
    return rc;
}
