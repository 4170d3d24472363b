/* ingest/segment.c: paragraphs of the clean text and the sentence splitter (doc.h). A period
 * ends a sentence unless it closes an abbreviation ("Mr.", "Oct. 3", "No. 2"), an initial
 * ("Kurt M. Campbell") or a dotted acronym that the next word shows to be mid-sentence
 * ("the U.S. Navy" but "the U.S. The"). */
#include "ingest/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int segment_is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static int segment_is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

static int segment_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int segment_is_alpha(unsigned char c) { return segment_is_upper(c) || segment_is_lower(c); }

static int segment_is_space(const char *t, size_t i, size_t len)
{
    unsigned char c = (unsigned char)t[i];
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
           (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0);
}

static size_t segment_space_len(const char *t, size_t i, size_t len)
{
    return (unsigned char)t[i] == 0xC2 ? 2 : (segment_is_space(t, i, len) ? 1 : 0);
}

/* Length of a closing quote or bracket at t[i], or 0: " ' ) ] ” ’ ». */
static size_t segment_closer(const char *t, size_t i, size_t len)
{
    const unsigned char *p = (const unsigned char *)t + i;

    if (p[0] == '"' || p[0] == '\'' || p[0] == ')' || p[0] == ']')
        return 1;
    if (len - i >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9D || p[2] == 0x99))
        return 3;
    if (len - i >= 2 && p[0] == 0xC2 && p[1] == 0xBB)
        return 2;
    return 0;
}

/* Length of an opening quote or bracket at t[i], or 0: " ' ( [ “ ‘ «. */
static size_t segment_opener(const char *t, size_t i, size_t len)
{
    const unsigned char *p = (const unsigned char *)t + i;

    if (p[0] == '"' || p[0] == '\'' || p[0] == '(' || p[0] == '[')
        return 1;
    if (len - i >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x98))
        return 3;
    if (len - i >= 2 && p[0] == 0xC2 && p[1] == 0xAB)
        return 2;
    return 0;
}

static int segment_ellipsis_at(const char *t, size_t i, size_t len)
{
    return len - i >= 3 && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
           (unsigned char)t[i + 2] == 0xA6;
}

static int segment_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
            return 1;
    return 0;
}

#define SEGMENT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Titles and other abbreviations that are followed by a name or a number, never by the end of a
 * sentence. */
static const char *const segment_titles[] = {
    "Mr",   "Mrs",  "Ms",   "Messrs", "Mmes", "Mme", "Dr",   "Prof", "Gen", "Gens", "Lt",   "Col",
    "Maj",  "Capt", "Sgt",  "Cpl",    "Pvt",  "Adm", "Cmdr", "Brig", "Gov", "Govs", "Sen",  "Sens",
    "Rep",  "Reps", "Rev",  "Hon",    "St",   "Mt",  "Ft",   "Pres", "Amb", "Supt", "Insp", "Det",
    "Atty", "Sec",  "Secs", "Fr",     "Sr",   "Jr",  "vs",   "Vs",   "Ave", "Blvd", "Gov't"};

/* Abbreviations that end a sentence only before a number-less sentence start. */
static const char *const segment_before_number[] = {"No",   "Nos",  "no",  "Vol", "vol", "Fig",
                                                    "fig",  "Art",  "p",   "pp",  "Ch",  "ch",
                                                    "Para", "para", "Sec", "Nr"};

static const char *const segment_months[] = {"Jan", "Feb", "Mar",  "Apr", "Jun", "Jul",
                                             "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};

/* Abbreviations that may end a sentence: one does when the next word is a function word
 * ("... Apple Inc. The deal"). */
static const char *const segment_maybe[] = {"Inc", "Corp",   "Co",  "Ltd",  "Plc",  "LLC", "Bros",
                                            "etc", "approx", "est", "Dept", "Univ", "Assn"};

/* Decides whether the period at t[dot] ends a sentence, given the next word at t[next]. */
static int segment_period_ends(const char *t, size_t len, size_t dot, size_t next)
{
    size_t ts = dot, nw = next;
    int dotted = 0;
    unsigned char nc = (unsigned char)t[next];

    while (ts > 0 &&
           (segment_is_alpha((unsigned char)t[ts - 1]) || t[ts - 1] == '.' || t[ts - 1] == '\'')) {
        dotted |= t[ts - 1] == '.';
        ts--;
    }
    if (segment_is_lower(nc))
        return 0;
    if (ts == dot) /* after a digit, a quote or a bracket: "in 1996." */
        return 1;
    if (segment_in(t + ts, dot - ts, segment_titles, SEGMENT_COUNT(segment_titles)))
        return 0;
    if (segment_is_digit(nc) &&
        (segment_in(t + ts, dot - ts, segment_before_number,
                    SEGMENT_COUNT(segment_before_number)) ||
         segment_in(t + ts, dot - ts, segment_months, SEGMENT_COUNT(segment_months))))
        return 0;
    if (dot - ts == 1 && segment_is_upper((unsigned char)t[ts]))
        return 0; /* an initial: "Kurt M. Campbell" */
    if (dotted || segment_in(t + ts, dot - ts, segment_maybe, SEGMENT_COUNT(segment_maybe))) {
        size_t we = nw;
        while (we < len && segment_is_alpha((unsigned char)t[we]))
            we++;
        /* "the U.S. Navy" goes on; "the U.S. The talks" and "at 6 a.m. Officials" are hard to
         * tell apart, so only a function word after the acronym starts a sentence. */
        return we > nw && ingest_stop_word(t + nw, we - nw);
    }
    return 1;
}

struct segment_out {
    struct ingest_range *r;
    size_t count, cap;
};

static int segment_push(struct segment_out *o, const char *t, size_t s, size_t e)
{
    while (s < e && segment_is_space(t, s, e))
        s += segment_space_len(t, s, e);
    while (e > s &&
           (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t' ||
            (e - s >= 2 && (unsigned char)t[e - 2] == 0xC2 && (unsigned char)t[e - 1] == 0xA0)))
        e -= (unsigned char)t[e - 1] == 0xA0 ? 2 : 1;
    if (s >= e)
        return 0;
    if (o->count == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 16;
        struct ingest_range *nr = realloc(o->r, ncap * sizeof(*nr));
        if (!nr)
            return -1;
        o->r = nr;
        o->cap = ncap;
    }
    o->r[o->count++] = (struct ingest_range){s, e};
    return 0;
}

/* Appends the sentences of t[from, to) to o. */
static int segment_split(const char *t, size_t from, size_t to, struct segment_out *o)
{
    size_t start = from, i = from;

    while (i < to) {
        unsigned char c = (unsigned char)t[i];
        size_t j, k, next;
        int ellipsis = 0, period = 0;

        if (c == '\n') { /* table rows and paragraph breaks */
            if (segment_push(o, t, start, i))
                return -1;
            start = ++i;
            continue;
        }
        if (c != '.' && c != '!' && c != '?' && !segment_ellipsis_at(t, i, to)) {
            i++;
            continue;
        }
        j = i;
        while (j < to) { /* the run of terminal marks: "?!", "...", "…" */
            if (t[j] == '.' || t[j] == '!' || t[j] == '?') {
                period |= t[j] == '.';
                j++;
            } else if (segment_ellipsis_at(t, j, to)) {
                ellipsis = 1;
                j += 3;
            } else {
                break;
            }
        }
        ellipsis |= j - i >= 3 && t[i] == '.' && t[i + 1] == '.';
        while (j < to && (k = segment_closer(t, j, to)) > 0)
            j += k;
        if (j >= to || !segment_is_space(t, j, to)) {
            i = j > i ? j : i + 1;
            continue;
        }
        next = j;
        while (next < to && segment_is_space(t, next, to))
            next += segment_space_len(t, next, to);
        while (next < to && (k = segment_opener(t, next, to)) > 0)
            next += k;
        if (next >= to) {
            i = j;
            continue;
        }
        if (ellipsis || !period ? !segment_is_lower((unsigned char)t[next])
                                : segment_period_ends(t, to, i, next)) {
            if (segment_push(o, t, start, j))
                return -1;
            start = j;
        }
        i = j;
    }
    return segment_push(o, t, start, to);
}

int ingest_sentences(const char *text, size_t len, struct ingest_range **out, size_t *count)
{
    struct segment_out o = {0};

    *out = NULL;
    *count = 0;
    if (text && segment_split(text, 0, len, &o)) {
        free(o.r);
        return -1;
    }
    *out = o.r;
    *count = o.count;
    return 0;
}

int ingest_segment_doc(struct ingest_doc *doc)
{
    struct segment_out o = {0};
    struct ingest_paragraph *paras = NULL;
    struct ingest_sentence *sents = NULL;
    size_t np = 0, cap = 0, start = 0, ns = 0;
    const char *t = doc->clean;
    size_t len = doc->clean_len;

    while (t && start < len) {
        const char *brk = memmem(t + start, len - start, "\n\n", 2);
        size_t end = brk ? (size_t)(brk - t) : len;
        if (end > start) {
            if (np == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                struct ingest_paragraph *bigger = realloc(paras, ncap * sizeof(*bigger));
                if (!bigger)
                    goto fail;
                paras = bigger;
                cap = ncap;
            }
            paras[np++].clean = (struct ingest_range){start, end};
        }
        start = end + 2;
    }
    if (np) {
        for (size_t p = 0; p < np; p++)
            if (segment_split(t, paras[p].clean.start, paras[p].clean.end, &o))
                goto fail;
        sents = malloc((o.count ? o.count : 1) * sizeof(*sents));
        if (!sents)
            goto fail;
        for (size_t p = 0, s = 0; s < o.count; s++) {
            while (p + 1 < np && o.r[s].start >= paras[p].clean.end)
                p++;
            sents[s].clean = o.r[s];
            sents[s].paragraph = p;
        }
        ns = o.count;
    }
    free(o.r);
    doc->paragraphs = paras;
    doc->paragraph_count = np;
    doc->sentences = sents;
    doc->sentence_count = ns;
    return 0;
fail:
    free(o.r);
    free(paras);
    free(sents);
    return -1;
}
