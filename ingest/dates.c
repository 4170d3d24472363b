/* ingest/dates.c: date expressions in running text (dates.h): a small tokenizer, then
 * matchers tried longest-first at each token; relative expressions are resolved against the
 * document date with the tense deciding the direction. Nothing is guessed: when the words and
 * the document date do not fix a value, the value stays "". */
#include "ingest/dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens ---- */

enum dates_tok_type { DATES_WORD, DATES_NUM, DATES_PUNCT };

struct dates_tok {
    size_t start, end;
    enum dates_tok_type type;
    char c;            /* punctuation: the ASCII char; curly quotes -> '\'', dashes -> '-' */
    unsigned char gap; /* white space before the token */
    unsigned char brk; /* a line break before the token: expressions never cross it */
};

static int dates_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int dates_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int dates_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int dates_tokenize(const char *s, size_t len, struct dates_tok **out, size_t *count)
{
    struct dates_tok *toks = NULL;
    size_t n = 0, cap = 0, i = 0;
    int gap = 1, brk = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        struct dates_tok t = {0};

        if (dates_is_space(c)) {
            gap = 1;
            if (c == '\n')
                brk = 1;
            i++;
            continue;
        }
        t.start = i;
        if (dates_is_alpha(c)) {
            while (i < len && dates_is_alpha((unsigned char)s[i]))
                i++;
            t.type = DATES_WORD;
        } else if (dates_is_digit(c)) {
            while (i < len && dates_is_digit((unsigned char)s[i]))
                i++;
            t.type = DATES_NUM;
        } else if (c < 0x80) {
            i++;
            t.type = DATES_PUNCT;
            t.c = (char)c;
        } else {
            size_t k = 1;
            while (i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
                k++;
            t.type = DATES_PUNCT;
            t.c = '?';
            if (k == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80) {
                unsigned char c3 = (unsigned char)s[i + 2];
                if (c3 == 0x98 || c3 == 0x99) /* U+2018, U+2019 */
                    t.c = '\'';
                else if (c3 >= 0x90 && c3 <= 0x95) /* hyphens and dashes */
                    t.c = '-';
                else if (c3 == 0x9C || c3 == 0x9D)
                    t.c = '"';
            }
            i += k;
        }
        t.end = i;
        t.gap = (unsigned char)gap;
        t.brk = (unsigned char)brk;
        gap = brk = 0;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            struct dates_tok *grown = realloc(toks, ncap * sizeof *toks);
            if (!grown) {
                free(toks);
                return -1;
            }
            toks = grown;
            cap = ncap;
        }
        toks[n++] = t;
    }
    *out = toks;
    *count = n;
    return 0;
}

/* ---- calendar ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long dates_days(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void dates_civil(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp, yy;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 0 = Sunday .. 6 = Saturday. */
static int dates_weekday(long z) { return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6); }

static int dates_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int dates_month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return y == 0 ? 29 : 28 + dates_leap(y); /* y == 0: year not known yet */
    return days[m - 1];
}

/* The document date as far as it is known. */
struct dates_anchor {
    int y, m, d;
    enum ingest_precision prec;
};

static int dates_parse_num(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!dates_is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static struct dates_anchor dates_anchor_parse(const char *doc_date)
{
    struct dates_anchor a = {0, 0, 0, INGEST_PREC_UNKNOWN};
    size_t n = doc_date ? strlen(doc_date) : 0;
    int y, m, d;

    if (n < 4 || dates_parse_num(doc_date, 4, &y) != 0 || y < 1000)
        return a;
    a.y = y;
    a.prec = INGEST_PREC_YEAR;
    if (n < 7 || doc_date[4] != '-' || dates_parse_num(doc_date + 5, 2, &m) != 0 || m < 1 || m > 12)
        return a;
    a.m = m;
    a.prec = INGEST_PREC_MONTH;
    if (n < 10 || doc_date[7] != '-' || dates_parse_num(doc_date + 8, 2, &d) != 0 || d < 1 ||
        d > dates_month_days(y, m))
        return a;
    a.d = d;
    a.prec = INGEST_PREC_DAY;
    return a;
}

/* ---- matching ---- */

struct dates_ctx {
    const char *text;
    const struct dates_tok *tok;
    size_t n;
    struct dates_anchor doc;
    enum ingest_tense tense;
    int heading_year; /* "- 2007: Washington, May 1.": the year the words open with, or 0 */
};

/* What a matcher found: tokens [first, end), and the value when resolved (y == 0: not). */
struct dates_hit {
    size_t end;
    int y, m, d;
    enum ingest_precision prec;
    int relative;
    const char *kind, *part;
};

static size_t dates_tok_len(const struct dates_ctx *cx, size_t i)
{
    return cx->tok[i].end - cx->tok[i].start;
}

/* Token i is the word w (ASCII, case-insensitive). */
static int dates_is(const struct dates_ctx *cx, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i >= cx->n || cx->tok[i].type != DATES_WORD || dates_tok_len(cx, i) != n)
        return 0;
    return strncasecmp(cx->text + cx->tok[i].start, w, n) == 0;
}

static int dates_is_any(const struct dates_ctx *cx, size_t i, const char *const *words)
{
    for (; *words; words++)
        if (dates_is(cx, i, *words))
            return 1;
    return 0;
}

static int dates_punct(const struct dates_ctx *cx, size_t i, char c)
{
    return i < cx->n && cx->tok[i].type == DATES_PUNCT && cx->tok[i].c == c;
}

/* Token i exists and continues the expression (no line break before it). */
static int dates_next(const struct dates_ctx *cx, size_t i) { return i < cx->n && !cx->tok[i].brk; }

/* Token i follows i-1 with no space. */
static int dates_tight(const struct dates_ctx *cx, size_t i)
{
    return i < cx->n && !cx->tok[i].gap;
}

static int dates_capitalized(const struct dates_ctx *cx, size_t i)
{
    unsigned char c = (unsigned char)cx->text[cx->tok[i].start];
    return c >= 'A' && c <= 'Z';
}

static int dates_num(const struct dates_ctx *cx, size_t i, int *v, size_t *digits)
{
    if (i >= cx->n || cx->tok[i].type != DATES_NUM || dates_tok_len(cx, i) > 6)
        return 0;
    *digits = dates_tok_len(cx, i);
    return dates_parse_num(cx->text + cx->tok[i].start, *digits, v) == 0;
}

static const struct {
    const char *name;
    int month, abbr;
} dates_months[] = {
    {"January", 1, 0},   {"February", 2, 0}, {"March", 3, 0},     {"April", 4, 0},
    {"May", 5, 0},       {"June", 6, 0},     {"July", 7, 0},      {"August", 8, 0},
    {"September", 9, 0}, {"October", 10, 0}, {"November", 11, 0}, {"December", 12, 0},
    {"Jan", 1, 1},       {"Feb", 2, 1},      {"Mar", 3, 1},       {"Apr", 4, 1},
    {"Jun", 6, 1},       {"Jul", 7, 1},      {"Aug", 8, 1},       {"Sep", 9, 1},
    {"Sept", 9, 1},      {"Oct", 10, 1},     {"Nov", 11, 1},      {"Dec", 12, 1},
};

/* A capitalized month name at i ("Oct." takes its period). Sets *month, *abbr and *next. */
static int dates_month_at(const struct dates_ctx *cx, size_t i, int *month, int *abbr, size_t *next)
{
    if (i >= cx->n || cx->tok[i].type != DATES_WORD || !dates_capitalized(cx, i))
        return 0;
    for (size_t k = 0; k < sizeof dates_months / sizeof dates_months[0]; k++) {
        size_t n = strlen(dates_months[k].name);
        if (dates_tok_len(cx, i) != n ||
            strncasecmp(cx->text + cx->tok[i].start, dates_months[k].name, n) != 0)
            continue;
        /* All-capital words are headline style ("OCTOBER 3"); mixed "MAy" is not a month. */
        *month = dates_months[k].month;
        *abbr = dates_months[k].abbr;
        *next = i + 1;
        if (dates_punct(cx, i + 1, '.') && dates_tight(cx, i + 1) && *abbr)
            *next = i + 2;
        return 1;
    }
    return 0;
}

static const char *const dates_weekdays[] = {"Sunday",   "Monday", "Tuesday",  "Wednesday",
                                             "Thursday", "Friday", "Saturday", NULL};

static int dates_weekday_at(const struct dates_ctx *cx, size_t i)
{
    if (i >= cx->n || cx->tok[i].type != DATES_WORD || !dates_capitalized(cx, i))
        return -1;
    for (int k = 0; dates_weekdays[k]; k++)
        if (dates_is(cx, i, dates_weekdays[k]))
            return k;
    return -1;
}

/* A day of the month at i: 1-31, with an optional tight "st", "nd", "rd", "th". */
static int dates_day_at(const struct dates_ctx *cx, size_t i, int *day, size_t *next)
{
    int v;
    size_t digits, j = i + 1;

    if (!dates_next(cx, i) || !dates_num(cx, i, &v, &digits) || digits > 2 || v < 1 || v > 31)
        return 0;
    if (j < cx->n && dates_tight(cx, j) && cx->tok[j].type == DATES_WORD) {
        static const char *const suffix[] = {"st", "nd", "rd", "th", NULL};
        if (!dates_is_any(cx, j, suffix))
            return 0; /* "3am", "2x" */
        j++;
    }
    /* "10:30", "3.5", "5%" are not days. */
    if (j < cx->n && dates_tight(cx, j) &&
        (dates_punct(cx, j, ':') || dates_punct(cx, j, '%') ||
         (dates_punct(cx, j, '.') && j + 1 < cx->n && cx->tok[j + 1].type == DATES_NUM &&
          dates_tight(cx, j + 1)) ||
         (dates_punct(cx, j, ',') && j + 1 < cx->n && cx->tok[j + 1].type == DATES_NUM &&
          dates_tight(cx, j + 1))))
        return 0;
    *day = v;
    *next = j;
    return 1;
}

/* A year at i: four digits 1800-2099 that are not part of a larger number or a decade. */
static int dates_year_at(const struct dates_ctx *cx, size_t i, int *year, size_t *next)
{
    int v;
    size_t digits, j = i + 1;

    if (!dates_next(cx, i) || !dates_num(cx, i, &v, &digits) || digits != 4 || v < 1800 || v > 2099)
        return 0;
    if (i > 0 && dates_tight(cx, i) &&
        (dates_punct(cx, i - 1, '$') || dates_punct(cx, i - 1, '#') ||
         dates_punct(cx, i - 1, '.') || dates_punct(cx, i - 1, ',') ||
         dates_punct(cx, i - 1, '-') || dates_punct(cx, i - 1, '/') ||
         dates_punct(cx, i - 1, ':') || cx->tok[i - 1].type == DATES_WORD))
        return 0;
    if (j < cx->n && dates_tight(cx, j)) {
        if (cx->tok[j].type == DATES_WORD)
            return 0; /* "1990s", "2000km" */
        if ((dates_punct(cx, j, ',') || dates_punct(cx, j, '.') || dates_punct(cx, j, '-') ||
             dates_punct(cx, j, '/') || dates_punct(cx, j, ':')) &&
            j + 1 < cx->n && cx->tok[j + 1].type == DATES_NUM && dates_tight(cx, j + 1))
            return 0; /* "2012-13", "2010.5", "1999,000" */
        if (dates_punct(cx, j, '\'') && j + 1 < cx->n && dates_tight(cx, j + 1) &&
            dates_is(cx, j + 1, "s"))
            return 0; /* "1990's" */
    }
    *year = v;
    *next = j;
    return 1;
}

static int dates_number_word(const struct dates_ctx *cx, size_t i, int *v)
{
    static const char *const words[] = {"a",    "one",    "two",    "three", "four",
                                        "five", "six",    "seven",  "eight", "nine",
                                        "ten",  "eleven", "twelve", NULL};
    size_t digits;
    for (int k = 0; words[k]; k++)
        if (dates_is(cx, i, words[k])) {
            *v = k == 0 ? 1 : k;
            return 1;
        }
    if (dates_is(cx, i, "an")) {
        *v = 1;
        return 1;
    }
    return dates_num(cx, i, v, &digits) && digits <= 2 && *v > 0;
}

/* A year heading the text and closed by a colon, after any bullet ("- 2007: Washington, May
 * 1.", "2013: Tokyo, in October"): a timeline entry, whose month and day without a year are
 * of that year, not of the document's. Returns the year, or 0. */
static int dates_heading_year(const struct dates_ctx *cx)
{
    size_t i = 0, next;
    int y;
    while (i < cx->n && cx->tok[i].type == DATES_PUNCT && i < 2)
        i++; /* the bullet: "-", "*", a dash */
    if (!dates_year_at(cx, i, &y, &next) || !dates_punct(cx, next, ':'))
        return 0;
    return y;
}

/* Resolves a month (and day, 0 when none) without a year against the document date, in the
 * direction of the tense. With no tense, the nearer year wins (news convention: "on Oct. 14"
 * in a February story is last October). Returns the year, or 0 when it cannot be fixed. */
static int dates_year_for(const struct dates_ctx *cx, int m, int d)
{
    const struct dates_anchor *a = &cx->doc;
    long cand, doc;
    int y = a->y;

    if (cx->heading_year)
        return cx->heading_year;
    if (a->prec == INGEST_PREC_UNKNOWN)
        return 0;
    if (a->prec == INGEST_PREC_YEAR)
        return y;
    doc = dates_days(a->y, a->m, a->prec == INGEST_PREC_DAY ? a->d : 15);
    cand = dates_days(y, m, d ? d : 15);
    if (a->prec == INGEST_PREC_MONTH && m == a->m)
        return y; /* same month: the document date cannot tell before from after */
    if (!d && m == a->m)
        return y;
    if (cx->tense == INGEST_TENSE_PAST && cand > doc)
        return y - 1;
    if (cx->tense == INGEST_TENSE_FUTURE && cand < doc)
        return y + 1;
    if (cx->tense == INGEST_TENSE_UNKNOWN) {
        if (cand - doc > 183)
            return y - 1;
        if (doc - cand > 183)
            return y + 1;
    }
    return y;
}

static void dates_hit_day(struct dates_hit *h, long z)
{
    dates_civil(z, &h->y, &h->m, &h->d);
    h->prec = INGEST_PREC_DAY;
}

/* "2013-10-03", "2013/10/03". */
static int dates_match_iso(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    int y, m, d;
    size_t dy, dm, dd;
    char sep;

    if (!dates_num(cx, i, &y, &dy) || dy != 4 || i + 4 >= cx->n)
        return 0;
    sep = cx->tok[i + 1].c;
    if (cx->tok[i + 1].type != DATES_PUNCT || (sep != '-' && sep != '/') ||
        !dates_punct(cx, i + 3, sep))
        return 0;
    for (size_t k = i + 1; k <= i + 4; k++)
        if (!dates_tight(cx, k))
            return 0;
    if (!dates_num(cx, i + 2, &m, &dm) || !dates_num(cx, i + 4, &d, &dd) || dm > 2 || dd > 2 ||
        m < 1 || m > 12 || d < 1 || d > dates_month_days(y, m) || y < 1800 || y > 2099)
        return 0;
    if (i + 5 < cx->n && dates_tight(cx, i + 5) && cx->tok[i + 5].type == DATES_NUM)
        return 0;
    h->end = i + 5;
    h->y = y, h->m = m, h->d = d;
    h->prec = INGEST_PREC_DAY;
    h->kind = "absolute";
    return 1;
}

/* Token i is the CJK character c (its UTF-8 bytes), written tight against the token before. */
static int dates_cjk(const struct dates_ctx *cx, size_t i, const char *c)
{
    size_t n = strlen(c);
    return i < cx->n && cx->tok[i].type == DATES_PUNCT && dates_tok_len(cx, i) == n &&
           memcmp(cx->text + cx->tok[i].start, c, n) == 0 && dates_tight(cx, i);
}

/* Japanese style: "2023年1月11日" (day), "2023年1月" (month). Western digits only; an era
 * year ("令和5年") is not read. */
static int dates_match_kanji(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    static const char nen[] = "\xE5\xB9\xB4", gatsu[] = "\xE6\x9C\x88", nichi[] = "\xE6\x97\xA5";
    int y, m, d;
    size_t dy, dm, dd;

    if (!dates_num(cx, i, &y, &dy) || dy != 4 || y < 1800 || y > 2099 || !dates_cjk(cx, i + 1, nen))
        return 0;
    if (!dates_num(cx, i + 2, &m, &dm) || !dates_tight(cx, i + 2) || dm > 2 || m < 1 || m > 12 ||
        !dates_cjk(cx, i + 3, gatsu))
        return 0;
    h->y = y, h->m = m;
    h->kind = "absolute";
    if (dates_num(cx, i + 4, &d, &dd) && dates_tight(cx, i + 4) && dd <= 2 &&
        dates_cjk(cx, i + 5, nichi) && d >= 1 && d <= dates_month_days(y, m)) {
        h->d = d;
        h->prec = INGEST_PREC_DAY;
        h->end = i + 6;
        return 1;
    }
    h->prec = INGEST_PREC_MONTH;
    h->kind = "month";
    h->end = i + 4;
    return 1;
}

/* An optional year after a month or a day: [","] YYYY. */
static int dates_trailing_year(const struct dates_ctx *cx, size_t j, int *y, size_t *next)
{
    if (dates_punct(cx, j, ',') && dates_next(cx, j) && dates_year_at(cx, j + 1, y, next))
        return 1;
    return dates_next(cx, j) && dates_year_at(cx, j, y, next);
}

/* Fills a month-day hit, resolving a missing year. Returns 0 if the day cannot exist. */
static int dates_fill_month_day(const struct dates_ctx *cx, struct dates_hit *h, int y, int m,
                                int d, int range)
{
    if (d > dates_month_days(y, m))
        return 0;
    h->kind = "absolute";
    if (!y) {
        y = dates_year_for(cx, m, range ? 0 : d);
        h->relative = !cx->heading_year;
        if (y && d > dates_month_days(y, m))
            y = 0; /* "Feb. 29" in a common year */
    }
    h->y = y, h->m = m, h->d = d;
    h->prec = range ? INGEST_PREC_MONTH : INGEST_PREC_DAY; /* "Oct. 3-4": not one day */
    if (!y)
        h->prec = INGEST_PREC_UNKNOWN;
    return 1;
}

/* "[Thursday,] Oct. 3[, 2013]", "October 3rd", "Oct. 3-4, 2013"; "3 October 2013", "the 3rd of
 * October"; and "October 2013", "October of 2013" (month). */
static int dates_match_month_day(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    int m, abbr, d, d2 = 0, y = 0;
    size_t j = i, k;

    if (dates_weekday_at(cx, j) >= 0) {
        size_t w = j + 1;
        if (dates_punct(cx, w, ','))
            w++;
        if (!dates_next(cx, w) || !dates_month_at(cx, w, &m, &abbr, &k))
            return 0;
        j = w;
    }
    if (dates_month_at(cx, j, &m, &abbr, &k)) {
        if (dates_day_at(cx, k, &d, &k)) {
            if (dates_punct(cx, k, '-') && dates_tight(cx, k) && dates_tight(cx, k + 1) &&
                dates_day_at(cx, k + 1, &d2, &k) && d2 <= d)
                return 0;
            if (!dates_trailing_year(cx, k, &y, &k))
                y = 0;
            if (!dates_fill_month_day(cx, h, y, m, d, d2 != 0))
                return 0;
            h->end = k;
            return 1;
        }
        /* "October 2013", "Oct. 2013", "October of 2013" */
        size_t y0 = k;
        if (dates_is(cx, y0, "of"))
            y0++;
        if (dates_trailing_year(cx, y0, &y, &k)) {
            h->end = k;
            h->y = y, h->m = m;
            h->prec = INGEST_PREC_MONTH;
            h->kind = "month";
            return 1;
        }
        return 0;
    }
    if (j != i)
        return 0;
    /* Day first. */
    if (!dates_day_at(cx, i, &d, &k))
        return 0;
    if (dates_is(cx, k, "of"))
        k++;
    if (!dates_next(cx, k) || !dates_month_at(cx, k, &m, &abbr, &k))
        return 0;
    if (!dates_trailing_year(cx, k, &y, &k))
        y = 0;
    if (!dates_fill_month_day(cx, h, y, m, d, 0))
        return 0;
    h->end = k;
    return 1;
}

/* Words after which a bare month name reads as a date ("in December"), not as a name or verb. */
static const char *const dates_month_preps[] = {
    "in",    "by",     "since",  "until", "till", "through", "throughout",
    "from",  "during", "before", "after", "of",   "between", "late",
    "early", "mid",    "around", "last",  "next", "this",    NULL};

/* A bare full month name, resolved by tense; or "last/next/this December". */
static int dates_match_bare_month(const struct dates_ctx *cx, size_t i, struct dates_hit *h,
                                  int after_part)
{
    int m, abbr, y;
    size_t k, first = i;
    int rel = 0; /* -1 last, +1 next, 2 this */

    if (dates_is(cx, i, "last") || dates_is(cx, i, "past"))
        rel = -1;
    else if (dates_is(cx, i, "next") || dates_is(cx, i, "coming"))
        rel = 1;
    else if (dates_is(cx, i, "this"))
        rel = 2;
    if (rel)
        i++;
    /* an abbreviation only after "last/next/this", which make it a date ("last Sept.'s
     * meeting"); alone "Mar." or "Jan." may be a name */
    if (!dates_next(cx, i) || !dates_month_at(cx, i, &m, &abbr, &k) || (abbr && !rel))
        return 0;
    /* "November of this year", "December last year": the year is stated relative. */
    {
        size_t q = k;
        if (dates_is(cx, q, "of") && dates_next(cx, q + 1))
            q++;
        if (!rel && dates_next(cx, q) && dates_next(cx, q + 1) && dates_is(cx, q + 1, "year") &&
            (dates_is(cx, q, "this") || dates_is(cx, q, "last") || dates_is(cx, q, "next"))) {
            int off = dates_is(cx, q, "this") ? 0 : dates_is(cx, q, "last") ? -1 : 1;
            h->kind = "month";
            h->relative = 1;
            h->m = m;
            h->end = q + 2;
            if (cx->doc.prec >= INGEST_PREC_YEAR) {
                h->y = cx->doc.y + off;
                h->prec = INGEST_PREC_MONTH;
            }
            return 1;
        }
    }
    if (!rel && !after_part) {
        /* The word before must make it a date: "in May", not "May I" or "Theresa May". */
        if (first == 0 || !dates_is_any(cx, first - 1, dates_month_preps) || cx->tok[first].brk)
            return 0;
    }
    const struct dates_anchor *a = &cx->doc;
    h->kind = "month";
    h->relative = 1;
    h->m = m;
    h->prec = INGEST_PREC_MONTH;
    if (rel == 0) {
        y = dates_year_for(cx, m, 0);
        h->relative = !cx->heading_year;
    } else if (a->prec < INGEST_PREC_MONTH) {
        y = rel == 2 ? a->y : 0;
    } else if (rel == -1) {
        y = m < a->m ? a->y : a->y - 1;
    } else if (rel == 1) {
        y = m > a->m ? a->y : a->y + 1;
    } else {
        y = a->y;
    }
    h->y = y;
    if (!y)
        h->prec = INGEST_PREC_UNKNOWN;
    h->end = k;
    return 1;
}

static int dates_same_week_day(const struct dates_ctx *cx, int wd, int rel, long doc, long *out)
{
    int dwd = dates_weekday(doc);
    int back = (dwd - wd + 7) % 7; /* days back to the latest such day on or before doc */
    int fwd = (wd - dwd + 7) % 7;  /* days on to the earliest on or after doc */

    switch (rel) {
    case -1: /* last Friday: strictly before */
        *out = doc - (back ? back : 7);
        return 1;
    case 1: /* next Friday: strictly after */
        *out = doc + (fwd ? fwd : 7);
        return 1;
    case 2: { /* this Friday: in the document's week (Monday first) */
        long monday = doc - (dwd + 6) % 7;
        *out = monday + (wd + 6) % 7;
        return 1;
    }
    default:
        break;
    }
    if (back == 0) {
        *out = doc;
        return 1;
    }
    if (cx->tense == INGEST_TENSE_PAST) {
        *out = doc - back;
        return 1;
    }
    if (cx->tense == INGEST_TENSE_FUTURE) {
        *out = doc + fwd;
        return 1;
    }
    return 0; /* no tense: Friday could be either way; never guessed */
}

/* "Thursday", "on Thursday", "Saturday's", "last Friday", "next Monday", "this (coming) Sunday". */
static int dates_match_weekday(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    static const char *const not_days[] = {"Black",  "Good",   "Ash",    "Super",  "Cyber", "Holy",
                                           "Maundy", "Easter", "Bloody", "Shrove", NULL};
    int rel = 0, wd;
    size_t j = i;
    long z;

    if (dates_is(cx, j, "last") || dates_is(cx, j, "past"))
        rel = -1, j++;
    else if (dates_is(cx, j, "next"))
        rel = 1, j++;
    else if (dates_is(cx, j, "this")) {
        rel = 2, j++;
        if (dates_is(cx, j, "coming") && dates_next(cx, j))
            rel = 1, j++;
    } else if (dates_is(cx, j, "coming"))
        rel = 1, j++;
    if (!dates_next(cx, j) || (wd = dates_weekday_at(cx, j)) < 0)
        return 0;
    if (j > 0 && !rel && cx->tok[j - 1].type == DATES_WORD && dates_is_any(cx, j - 1, not_days))
        return 0;
    h->end = j + 1;
    h->kind = "weekday";
    h->relative = 1;
    if (cx->doc.prec == INGEST_PREC_DAY &&
        dates_same_week_day(cx, wd, rel, dates_days(cx->doc.y, cx->doc.m, cx->doc.d), &z))
        dates_hit_day(h, z);
    return 1;
}

/* The Monday-first week at offset k from the document's, as a month when it lies in one month;
 * lo/hi clip it ("earlier this week": Monday to the document date). */
static void dates_week(const struct dates_ctx *cx, int k, int clip, struct dates_hit *h)
{
    long doc, monday, lo, hi;
    int y1, m1, d1, y2, m2, d2;

    h->kind = "relative-week";
    h->relative = 1;
    if (cx->doc.prec != INGEST_PREC_DAY)
        return;
    doc = dates_days(cx->doc.y, cx->doc.m, cx->doc.d);
    monday = doc - (dates_weekday(doc) + 6) % 7 + 7L * k;
    lo = monday, hi = monday + 6;
    if (clip < 0)
        hi = doc;
    else if (clip > 0)
        lo = doc;
    dates_civil(lo, &y1, &m1, &d1);
    dates_civil(hi, &y2, &m2, &d2);
    if (y1 == y2 && m1 == m2) {
        h->y = y1, h->m = m1;
        h->prec = INGEST_PREC_MONTH;
    }
}

static void dates_month_offset(const struct dates_ctx *cx, int k, struct dates_hit *h)
{
    h->kind = "relative-month";
    h->relative = 1;
    if (cx->doc.prec < INGEST_PREC_MONTH)
        return;
    int mm = cx->doc.y * 12 + (cx->doc.m - 1) + k;
    h->y = mm / 12;
    h->m = mm % 12 + 1;
    h->prec = INGEST_PREC_MONTH;
}

static void dates_year_offset(const struct dates_ctx *cx, int k, struct dates_hit *h)
{
    h->kind = "relative-year";
    h->relative = 1;
    if (cx->doc.prec < INGEST_PREC_YEAR)
        return;
    h->y = cx->doc.y + k;
    h->prec = INGEST_PREC_YEAR;
}

/* "this year, 2010": the stated year completes a relative year. */
static void dates_year_apposition(const struct dates_ctx *cx, struct dates_hit *h)
{
    int y;
    size_t k;
    if (dates_punct(cx, h->end, ',') && dates_next(cx, h->end + 1) &&
        dates_year_at(cx, h->end + 1, &y, &k)) {
        h->end = k;
        h->relative = 0; /* the words give the year */
        h->y = y;
        h->prec = INGEST_PREC_YEAR;
    }
}

/* Relative words: days, weeks, months, years. */
static int dates_match_relative(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    size_t j = i;
    int k = 0, clip = 0, unit = 0; /* unit: 1 week, 2 month, 3 year */
    long doc = 0;
    int have_day = cx->doc.prec == INGEST_PREC_DAY;

    if (have_day)
        doc = dates_days(cx->doc.y, cx->doc.m, cx->doc.d);

    /* Days. */
    if (dates_is(cx, i, "the") && dates_is(cx, i + 1, "day") && dates_next(cx, i + 2) &&
        dates_next(cx, i + 3)) {
        int off = 0;
        if (dates_is(cx, i + 2, "before") && dates_is(cx, i + 3, "yesterday"))
            off = -2;
        else if (dates_is(cx, i + 2, "after") && dates_is(cx, i + 3, "tomorrow"))
            off = 2;
        if (off) {
            h->end = i + 4;
            h->kind = "relative-day";
            h->relative = 1;
            if (have_day)
                dates_hit_day(h, doc + off);
            return 1;
        }
    }
    {
        int off = 99;
        size_t end = i + 1;
        if (dates_is(cx, i, "yesterday"))
            off = -1;
        else if (dates_is(cx, i, "today") || dates_is(cx, i, "tonight"))
            off = 0;
        else if (dates_is(cx, i, "tomorrow"))
            off = 1;
        else if (dates_is(cx, i, "last") && dates_next(cx, i + 1) && dates_is(cx, i + 1, "night"))
            off = -1, end = i + 2;
        else if (dates_is(cx, i, "this") && dates_next(cx, i + 1) &&
                 (dates_is(cx, i + 1, "morning") || dates_is(cx, i + 1, "afternoon") ||
                  dates_is(cx, i + 1, "evening")))
            off = 0, end = i + 2;
        else if ((dates_is(cx, i, "earlier") || dates_is(cx, i, "later")) &&
                 dates_next(cx, i + 1) && dates_is(cx, i + 1, "today"))
            off = 0, end = i + 2;
        if (off != 99) {
            h->end = end;
            h->kind = "relative-day";
            h->relative = 1;
            if (have_day)
                dates_hit_day(h, doc + off);
            return 1;
        }
    }
    /* "the next day", "the following day", "the previous day", "the same day": they count from
     * a day the narrative set, not from the document date: kept, unresolved. */
    if (dates_is(cx, i, "the") && dates_next(cx, i + 1) && dates_next(cx, i + 2) &&
        (dates_is(cx, i + 1, "next") || dates_is(cx, i + 1, "following") ||
         dates_is(cx, i + 1, "previous") || dates_is(cx, i + 1, "same")) &&
        dates_is(cx, i + 2, "day")) {
        h->end = i + 3;
        h->kind = "relative-day";
        h->relative = 1;
        return 1;
    }
    /* "N days/weeks/months/years ago" */
    {
        int v;
        if (dates_number_word(cx, i, &v) && dates_next(cx, i + 1) && dates_next(cx, i + 2) &&
            dates_is(cx, i + 2, "ago")) {
            h->end = i + 3;
            if (dates_is(cx, i + 1, "day") || dates_is(cx, i + 1, "days")) {
                h->kind = "relative-day";
                h->relative = 1;
                if (have_day)
                    dates_hit_day(h, doc - v);
                return 1;
            }
            if (dates_is(cx, i + 1, "week") || dates_is(cx, i + 1, "weeks")) {
                dates_week(cx, -v, 0, h);
                return 1;
            }
            if (dates_is(cx, i + 1, "month") || dates_is(cx, i + 1, "months")) {
                dates_month_offset(cx, -v, h);
                return 1;
            }
            if (dates_is(cx, i + 1, "year") || dates_is(cx, i + 1, "years")) {
                dates_year_offset(cx, -v, h);
                return 1;
            }
            h->end = 0;
        }
    }
    /* "[earlier|later|early|late] (last|this|next) (week|month|year)" */
    if (dates_is(cx, j, "earlier"))
        clip = -1, j++;
    else if (dates_is(cx, j, "later"))
        clip = 1, j++;
    if (!dates_next(cx, j))
        return 0;
    if (dates_is(cx, j, "last") || dates_is(cx, j, "past"))
        k = -1;
    else if (dates_is(cx, j, "this"))
        k = 0;
    else if (dates_is(cx, j, "next") || dates_is(cx, j, "coming"))
        k = 1;
    else
        return 0;
    if (clip && k != 0)
        return 0; /* "earlier last week" is not a phrase we resolve */
    if (dates_is(cx, j, "past") && !clip)
        return 0; /* "the past week" is a span, not a week */
    j++;
    if (!dates_next(cx, j))
        return 0;
    if (dates_is(cx, j, "week"))
        unit = 1;
    else if (dates_is(cx, j, "month"))
        unit = 2;
    else if (dates_is(cx, j, "year"))
        unit = 3;
    else
        return 0;
    h->end = j + 1;
    if (unit == 1)
        dates_week(cx, k, clip, h);
    else if (unit == 2)
        dates_month_offset(cx, k, h);
    else {
        dates_year_offset(cx, k, h);
        dates_year_apposition(cx, h);
    }
    return 1;
}

/* A year standing alone, where the words around make it a date: "in 1996", "the 1996
 * declaration", "since 1990." — not "2000 troops". */
static int dates_match_year(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    /* After these a year reads as a date whatever follows ... */
    static const char *const before[] = {
        "in",     "since",   "by",         "until",  "till",   "from", "before", "after",
        "during", "through", "throughout", "early",  "late",   "mid",  "circa",  "around",
        "year",   "fiscal",  "spring",     "summer", "autumn", "fall", "winter", NULL};
    /* ... after these only when no lower-case word follows ("to 2000 troops"). */
    static const char *const weak[] = {"of", "the", "and", "to", "between", "than",
                                       "as", "for", "on",  "at", "or",      NULL};
    int y;
    size_t k;

    if (!dates_year_at(cx, i, &y, &k))
        return 0;
    int lower_next =
        k < cx->n && !cx->tok[k].brk && cx->tok[k].type == DATES_WORD && !dates_capitalized(cx, k);
    int ok = i > 0 && !cx->tok[i].brk &&
             (dates_is_any(cx, i - 1, before) || (!lower_next && dates_is_any(cx, i - 1, weak)));
    if (!ok && i > 0 && !cx->tok[i].brk && cx->tok[i - 1].type == DATES_PUNCT && !lower_next &&
        (cx->tok[i - 1].c == ',' || cx->tok[i - 1].c == '(' || cx->tok[i - 1].c == '"' ||
         cx->tok[i - 1].c == '\''))
        ok = 1;
    if (!ok && (k >= cx->n || cx->tok[k].brk || cx->tok[k].type == DATES_PUNCT ||
                (cx->tok[k].type == DATES_WORD && dates_capitalized(cx, k))))
        ok = 1;
    /* "the 2015 session", "the 2006 roadmap": a year naming an event, not a count */
    static const char *const events[] = {
        "session", "sessions", "meeting",  "meetings", "talks",     "summit",  "visit",
        "election", "elections", "agreement", "accord", "guidelines", "declaration", "statement",
        "roadmap", "treaty",   "attacks",  "attack",   "crisis",    "war",     "review",
        NULL};
    if (!ok && i > 0 && !cx->tok[i].brk && dates_is(cx, i - 1, "the") && lower_next &&
        dates_is_any(cx, k, events))
        ok = 1;
    /* "a session pencilled in for 2001": the year a plan was for */
    static const char *const plans[] = {"planned", "scheduled", "set",      "slated",
                                        "in",      "due",       "expected", "pencilled",
                                        "penciled", NULL};
    if (!ok && i > 1 && !cx->tok[i].brk && dates_is(cx, i - 1, "for") &&
        dates_is_any(cx, i - 2, plans))
        ok = 1;
    if (!ok)
        return 0;
    h->end = k;
    h->y = y;
    h->prec = INGEST_PREC_YEAR;
    h->kind = "year";
    return 1;
}

/* A part of a month or year: "early", "mid", "mid-", "late", "the end of", "the first half of",
 * "spring (of)". Sets *part and returns the token after the modifier, or 0. */
static size_t dates_part_at(const struct dates_ctx *cx, size_t i, const char **part, int *season)
{
    size_t j = i;
    *season = 0;
    if (dates_is(cx, j, "the") && dates_next(cx, j + 1))
        j++;
    if (dates_is(cx, j, "first") || dates_is(cx, j, "second") || dates_is(cx, j, "latter") ||
        dates_is(cx, j, "third") || dates_is(cx, j, "fourth")) {
        int ord = dates_is(cx, j, "first")    ? 1
                  : dates_is(cx, j, "third")  ? 3
                  : dates_is(cx, j, "fourth") ? 4
                                              : 2;
        if (!dates_next(cx, j + 1) || !dates_next(cx, j + 2) || !dates_is(cx, j + 2, "of"))
            return 0;
        if (dates_is(cx, j + 1, "half") && ord <= 2)
            *part = ord == 1 ? "h1" : "h2";
        else if (dates_is(cx, j + 1, "quarter") && !dates_is(cx, j, "latter")) {
            static const char *const q[] = {"q1", "q2", "q3", "q4"};
            *part = q[ord - 1];
        } else
            return 0;
        return j + 3;
    }
    if (dates_is(cx, j, "end") || dates_is(cx, j, "beginning") || dates_is(cx, j, "start") ||
        dates_is(cx, j, "middle")) {
        *part = dates_is(cx, j, "end") ? "end" : dates_is(cx, j, "middle") ? "mid" : "start";
        if (dates_is(cx, j + 1, "of") && dates_next(cx, j + 1) && dates_next(cx, j + 2))
            return j + 2;
        if (dates_is(cx, j, "end") && dates_punct(cx, j + 1, '-') && dates_tight(cx, j + 1) &&
            dates_tight(cx, j + 2))
            return j + 2;
        return 0;
    }
    if (j != i)
        return 0; /* "the early ..." is not a part */
    if (dates_is(cx, j, "early") || dates_is(cx, j, "mid") || dates_is(cx, j, "late")) {
        *part = dates_is(cx, j, "early") ? "early" : dates_is(cx, j, "late") ? "late" : "mid";
        if (dates_punct(cx, j + 1, '-') && dates_tight(cx, j + 1) && dates_tight(cx, j + 2))
            return j + 2;
        return dates_next(cx, j + 1) ? j + 1 : 0;
    }
    if (dates_is(cx, j, "spring") || dates_is(cx, j, "summer") || dates_is(cx, j, "autumn") ||
        dates_is(cx, j, "fall") || dates_is(cx, j, "winter")) {
        *part = dates_is(cx, j, "spring")   ? "spring"
                : dates_is(cx, j, "summer") ? "summer"
                : dates_is(cx, j, "winter") ? "winter"
                                            : "autumn";
        *season = 1;
        if (dates_is(cx, j + 1, "of") && dates_next(cx, j + 1) && dates_next(cx, j + 2))
            return j + 2;
        return dates_next(cx, j + 1) ? j + 1 : 0;
    }
    return 0;
}

/* "last spring", "this summer", "next fall": the season's year, when the document date fixes it. */
static int dates_match_relative_season(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    static const struct {
        const char *name, *part;
        int first, last; /* months */
    } seasons[] = {{"spring", "spring", 3, 5},
                   {"summer", "summer", 6, 8},
                   {"autumn", "autumn", 9, 11},
                   {"fall", "autumn", 9, 11},
                   {"winter", "winter", 12, 14}};
    int rel;
    const struct dates_anchor *a = &cx->doc;

    if (dates_is(cx, i, "last"))
        rel = -1;
    else if (dates_is(cx, i, "this"))
        rel = 0;
    else if (dates_is(cx, i, "next"))
        rel = 1;
    else
        return 0;
    if (!dates_next(cx, i + 1))
        return 0;
    for (size_t s = 0; s < sizeof seasons / sizeof seasons[0]; s++) {
        if (!dates_is(cx, i + 1, seasons[s].name))
            continue;
        h->end = i + 2;
        h->kind = "season";
        h->part = seasons[s].part;
        h->relative = 1;
        if (a->prec < INGEST_PREC_MONTH)
            return 1;
        int y = 0;
        if (seasons[s].first == 12) {
            /* Winter spans two years: its year would be a guess. */
        } else if (rel == 0) {
            y = a->y;
        } else if (rel == -1) {
            y = seasons[s].last < a->m ? a->y : a->y - 1;
        } else {
            y = seasons[s].first > a->m ? a->y : a->y + 1;
        }
        if (y) {
            h->y = y;
            h->prec = INGEST_PREC_YEAR;
        }
        return 1;
    }
    return 0;
}

/* Tries the matchers at token i, longest forms first. */
static int dates_match(const struct dates_ctx *cx, size_t i, struct dates_hit *h)
{
    const char *part = NULL;
    int season;
    size_t j;

    memset(h, 0, sizeof *h);
    if (dates_match_iso(cx, i, h) || dates_match_kanji(cx, i, h) ||
        dates_match_month_day(cx, i, h))
        return 1;
    memset(h, 0, sizeof *h);
    j = dates_part_at(cx, i, &part, &season);
    if (j) {
        struct dates_hit b;
        int found = 0;

        memset(&b, 0, sizeof b);
        if (!season && dates_match_month_day(cx, j, &b) && strcmp(b.kind, "month") == 0)
            found = 1;
        if (!found && !season) {
            memset(&b, 0, sizeof b);
            found = dates_match_bare_month(cx, j, &b, 1);
        }
        if (!found) {
            memset(&b, 0, sizeof b);
            found = dates_match_relative(cx, j, &b) &&
                    (strcmp(b.kind, "relative-month") == 0 || strcmp(b.kind, "relative-year") == 0);
            if (found && season && strcmp(b.kind, "relative-month") == 0)
                found = 0;
        }
        if (!found) {
            memset(&b, 0, sizeof b);
            if (dates_year_at(cx, j, &b.y, &b.end)) {
                found = 1;
                b.kind = "year";
                b.prec = INGEST_PREC_YEAR;
            }
        }
        if (found) {
            *h = b;
            /* A part of a year is a "season" ("the first half of 2010", "spring 2010"); a part
             * of a month keeps the month's kind ("mid November", "late last month"). */
            if (strcmp(h->kind, "year") == 0 || (strcmp(h->kind, "relative-year") == 0 &&
                                                 (season || part[0] == 'h' || part[0] == 'q')))
                h->kind = "season";
            h->part = part;
            return 1;
        }
        memset(h, 0, sizeof *h);
    }
    if (dates_match_relative_season(cx, i, h))
        return 1;
    memset(h, 0, sizeof *h);
    if (dates_match_weekday(cx, i, h))
        return 1;
    memset(h, 0, sizeof *h);
    if (dates_match_bare_month(cx, i, h, 0))
        return 1;
    memset(h, 0, sizeof *h);
    if (dates_match_relative(cx, i, h))
        return 1;
    memset(h, 0, sizeof *h);
    return dates_match_year(cx, i, h);
}

int ingest_dates_find(const char *text, size_t len, const char *doc_date, enum ingest_tense tense,
                      struct ingest_date_expr **out, size_t *count)
{
    struct dates_tok *toks = NULL;
    struct ingest_date_expr *exprs = NULL;
    size_t ntok = 0, n = 0, cap = 0;
    struct dates_ctx cx;

    *out = NULL;
    *count = 0;
    if (dates_tokenize(text, len, &toks, &ntok) != 0)
        return -1;
    cx.text = text;
    cx.tok = toks;
    cx.n = ntok;
    cx.doc = dates_anchor_parse(doc_date);
    cx.tense = tense;
    cx.heading_year = 0;
    int heading = dates_heading_year(&cx);
    for (size_t i = 0; i < ntok;) {
        struct dates_hit h;
        struct ingest_date_expr e;

        if (toks[i].brk)
            heading = 0; /* the entry's line ends: no later line is of its year */
        cx.heading_year = heading;

        /* Matches start at a word or number boundary only. */
        if (toks[i].type == DATES_PUNCT ||
            (i > 0 && !toks[i].gap && toks[i - 1].type != DATES_PUNCT) ||
            !dates_match(&cx, i, &h) || h.end <= i) {
            i++;
            continue;
        }
        memset(&e, 0, sizeof e);
        e.clean.start = toks[i].start;
        e.clean.end = toks[h.end - 1].end;
        /* A year moved past 9999 or before 1 by a relative expression has no YYYY form. */
        e.precision = h.y >= 1 && h.y <= 9999 ? h.prec : INGEST_PREC_UNKNOWN;
        if (e.precision == INGEST_PREC_DAY)
            snprintf(e.value, sizeof e.value, "%04d-%02d-%02d", h.y, h.m, h.d);
        else if (e.precision == INGEST_PREC_MONTH)
            snprintf(e.value, sizeof e.value, "%04d-%02d", h.y, h.m);
        else if (e.precision == INGEST_PREC_YEAR)
            snprintf(e.value, sizeof e.value, "%04d", h.y);
        e.relative = h.relative;
        e.kind = h.kind;
        e.part = h.part;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct ingest_date_expr *grown = realloc(exprs, ncap * sizeof *exprs);
            if (!grown) {
                free(exprs);
                free(toks);
                return -1;
            }
            exprs = grown;
            cap = ncap;
        }
        exprs[n++] = e;
        i = h.end;
    }
    free(toks);
    *out = exprs;
    *count = n;
    return 0;
}

/* ---- tense ---- */

static int tense_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncasecmp(w, *list, n) == 0)
            return 1;
    return 0;
}

enum ingest_tense ingest_tense_of(const char *sentence, size_t len)
{
    static const char *const past_irregular[] = {
        "met",    "held",    "was",     "were",  "had",    "did",   "began",     "made",    "took",
        "gave",   "came",    "went",    "saw",   "left",   "led",   "sent",      "spent",   "won",
        "lost",   "brought", "thought", "found", "became", "chose", "drew",      "flew",    "got",
        "kept",   "knew",    "paid",    "ran",   "rose",   "sat",   "spoke",     "stood",   "wrote",
        "struck", "sought",  "fought",  "felt",  "heard",  "ago",   "yesterday", "earlier", "last",
        "signed", "agreed",  "opened",  "ended", "hosted", NULL};
    static const char *const reporting[] = {
        "said",  "told",      "added",     "noted",    "stated",  "explained", "reported",
        "asked", "announced", "according", "declared", "replied", NULL};
    static const char *const not_past[] = {
        "need",        "speed",     "seed",          "feed",
        "breed",       "proceed",   "succeed",       "exceed",
        "indeed",      "bleed",     "weed",          "greed",
        "creed",       "deed",      "heed",          "reed",
        "hundred",     "kindred",   "sacred",        "naked",
        "wicked",      "rugged",    "ragged",        "crooked",
        "beloved",     "bed",       "red",           "shed",
        "wed",         "embed",     "concerned",     "interested",
        "united",      "limited",   "based",         "related",
        "advanced",    "supposed",  "used",          "armed",
        "detailed",    "expected",  "scheduled",     "planned",
        "proposed",    "slated",    "unprecedented", "sophisticated",
        "complicated", "dedicated", "talented",      "skilled",
        NULL};
    static const char *const determiners[] = {
        "the",  "a",  "an", "this", "that", "these", "those", "its",  "their", "his", "her", "our",
        "your", "my", "be", "is",   "are",  "am",    "being", "will", "would", "to",  "not", NULL};
    static const char *const future_single[] = {"will",      "shall",  "upcoming", "forthcoming",
                                                "pending",   "next",   "tomorrow", "planned",
                                                "scheduled", "slated", "would",    NULL};
    /* Word spans: start, length. */
    size_t ws[256], wl[256], nw = 0;
    int future = 0, past = 0;

    for (size_t i = 0; i < len && nw < 256;) {
        if (!dates_is_alpha((unsigned char)sentence[i])) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < len && dates_is_alpha((unsigned char)sentence[i]))
            i++;
        ws[nw] = s;
        wl[nw] = i - s;
        nw++;
    }
#define TW(k, w) ((k) < nw && wl[k] == strlen(w) && strncasecmp(sentence + ws[k], w, wl[k]) == 0)
    for (size_t k = 0; k < nw; k++) {
        const char *w = sentence + ws[k];
        size_t n = wl[k];

        if (tense_in(w, n, future_single)) {
            future++;
            continue;
        }
        /* "'ll", "won't" */
        if ((n == 2 && strncmp(w, "ll", 2) == 0 && ws[k] > 0 &&
             (sentence[ws[k] - 1] == '\'' || (unsigned char)sentence[ws[k] - 1] == 0x99)) ||
            (TW(k, "won") && k + 1 < nw && TW(k + 1, "t"))) {
            future++;
            continue;
        }
        if ((TW(k, "plan") || TW(k, "plans")) && TW(k + 1, "to") && k > 0 &&
            (TW(k - 1, "the") || TW(k - 1, "a") || TW(k - 1, "its") || TW(k - 1, "their") ||
             TW(k - 1, "his") || TW(k - 1, "her") || TW(k - 1, "this") || TW(k - 1, "that") ||
             (k > 1 && (TW(k - 2, "the") || TW(k - 2, "a") || TW(k - 2, "its") ||
                        TW(k - 2, "their") || TW(k - 2, "this"))))) {
            k++; /* "the stalled plan to move": a noun, not a future */
            continue;
        }
        if ((TW(k, "going") || TW(k, "plan") || TW(k, "plans") || TW(k, "planning") ||
             TW(k, "expected") || TW(k, "due") || TW(k, "set")) &&
            TW(k + 1, "to")) {
            if (TW(k, "due") || TW(k, "set")) {
                if (k == 0 || !(TW(k - 1, "is") || TW(k - 1, "are") || TW(k - 1, "am")))
                    continue;
            }
            future++;
            k++;
            continue;
        }
        if ((TW(k, "is") || TW(k, "are") || TW(k, "am")) && TW(k + 1, "to")) {
            future++;
            k++;
            continue;
        }
        if ((TW(k, "ahead") || TW(k, "eve")) && TW(k + 1, "of")) {
            future++;
            k++;
            continue;
        }
        if ((TW(k, "look") || TW(k, "looks") || TW(k, "looking")) && TW(k + 1, "forward")) {
            future++;
            k++;
            continue;
        }
        if (TW(k, "later") && TW(k + 1, "this")) {
            future++;
            k++;
            continue;
        }
        if (tense_in(w, n, reporting))
            continue;
        if (w[0] >= 'A' && w[0] <= 'Z' && k > 0)
            continue; /* names: "Armed Services", "United States" */
        int after_aux = k > 0 && tense_in(sentence + ws[k - 1], wl[k - 1], determiners);
        if (tense_in(w, n, past_irregular)) {
            if (!after_aux || TW(k, "was") || TW(k, "were") || TW(k, "had") || TW(k, "did") ||
                TW(k, "last") || TW(k, "earlier") || TW(k, "ago"))
                past++;
            continue;
        }
        /* "so-called", "long-awaited", "U.S.-led": the second half of a compound is an
         * adjective */
        int compound = ws[k] > 0 && sentence[ws[k] - 1] == '-';
        if (n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'd' && !tense_in(w, n, not_past) &&
            !after_aux && !compound)
            past++;
    }
#undef TW
    if (future > past)
        return INGEST_TENSE_FUTURE;
    if (past > future)
        return INGEST_TENSE_PAST;
    return INGEST_TENSE_UNKNOWN;
}
