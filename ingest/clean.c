/* ingest/clean.c: the cleaning stage (doc.h): raw page -> normalized text with a map back to raw
 * offsets; page chrome dropped by a general paragraph classifier, each removed span with a
 * reason; NewsDiffs version tables read row by row; teasers of other stories set aside.
 * Paragraph and sentence ranges: segment.c. Metadata: meta.c. */
#include "ingest/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- bytes and words ---- */

static int clean_is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static int clean_is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

static int clean_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int clean_is_alnum(unsigned char c)
{
    return clean_is_upper(c) || clean_is_lower(c) || clean_is_digit(c);
}

static unsigned char clean_lower(unsigned char c)
{
    return clean_is_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Length (1-4) of the well-formed UTF-8 sequence at s, or 0 if it is ill-formed (Unicode 15,
 * table 3-7). */
static size_t clean_seq_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return avail >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return avail >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
                       (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

/* Length of the ill-formed subpart at s (where clean_seq_len() gave 0): a possible lead byte
 * with the continuation bytes that still fit it, else one byte. Each subpart becomes one
 * U+FFFD, the practice Unicode recommends (section 3.9, "U+FFFD Substitution of Maximal
 * Subparts"). */
static size_t clean_bad_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, k = 1;

    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 1;
    if (k < avail && s[k] >= lo && s[k] <= hi) {
        k++;
        while (k < need && k < avail && (s[k] & 0xC0) == 0x80)
            k++;
    }
    return k < need ? k : 1;
}

/* Byte length of the horizontal white space character at s[i] ('\n' is not one), or 0. Covers
 * U+00A0, U+2000..U+200B, U+202F, U+205F, U+3000 and U+FEFF besides ASCII. */
static size_t clean_space_at(const char *s, size_t i, size_t len)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t avail = len - i;

    if (p[0] == ' ' || p[0] == '\t' || p[0] == '\v' || p[0] == '\f')
        return 1;
    if (p[0] == 0xC2 && avail >= 2 && p[1] == 0xA0)
        return 2;
    if (avail >= 3) {
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF))
            return 3;
        if ((p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
            (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
            (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
            return 3;
    }
    return 0;
}

/* Byte length of a white space character that ends just before s[end] (start bounds it). */
static size_t clean_space_before(const char *s, size_t start, size_t end)
{
    for (size_t k = 1; k <= 3 && k <= end - start; k++)
        if (clean_space_at(s, end - k, end) == k)
            return k;
    return 0;
}

/* True for a code point that separates words: the General Punctuation block, Latin-1
 * punctuation, CJK punctuation, arrows and geometric shapes (bullets). */
static int clean_cp_separator(unsigned cp)
{
    return (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x80 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2190 && cp <= 0x25FF) || cp == 0xD7 ||
           cp == 0xF7 || cp == 0xFEFF || cp == 0xFFFD;
}

/* The code point at t[i] (valid UTF-8) and its length in *n. */
static unsigned clean_cp_at(const char *t, size_t i, size_t len, size_t *n)
{
    const unsigned char *p = (const unsigned char *)t + i;
    size_t k;
    unsigned cp;

    if (p[0] < 0x80) {
        *n = 1;
        return p[0];
    }
    k = clean_seq_len(p, len - i);

    if (k <= 1) {
        *n = 1;
        return p[0];
    }
    cp = p[0] & (0xFF >> (k + 1));
    for (size_t j = 1; j < k; j++)
        cp = (cp << 6) | (p[j] & 0x3F);
    *n = k;
    return cp;
}

static int clean_word_char(unsigned cp)
{
    return cp < 0x80 ? clean_is_alnum((unsigned char)cp) : !clean_cp_separator(cp);
}

/* Finds the next word in t[*i, len): letters and digits of any script, with inner apostrophes,
 * hyphens and dots ("Japan's", "two-plus-two", "U.S", "5.26"). Returns 1 with [*ws, *we). */
static int clean_next_word(const char *t, size_t len, size_t *i, size_t *ws, size_t *we)
{
    size_t k = *i, n;

    while (k < len && !clean_word_char(clean_cp_at(t, k, len, &n)))
        k += n;
    if (k >= len) {
        *i = len;
        return 0;
    }
    *ws = k;
    while (k < len) {
        unsigned cp = clean_cp_at(t, k, len, &n);
        if (clean_word_char(cp)) {
            k += n;
            continue;
        }
        if ((cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.') && k + n < len) {
            size_t n2;
            if (clean_word_char(clean_cp_at(t, k + n, len, &n2))) {
                k += n;
                continue;
            }
        }
        break;
    }
    *we = k;
    *i = k;
    return 1;
}

#define CLEAN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { CLEAN_W_STOP = 1, CLEAN_W_NAV = 2, CLEAN_W_SHARE = 4 };

/* One table of the words the classifier counts, sorted, with what each is: an English function
 * word (STOP: the stop-word density of jusText, high in running prose, low in menus and
 * headline lists), a word of site navigation and account widgets (NAV), a word of a share or
 * tools row (SHARE: "Share | Email | Print"). */
static const struct clean_word {
    const char *word;
    unsigned flags;
} clean_words[] = {
    {"a", CLEAN_W_STOP},
    {"about", CLEAN_W_STOP},
    {"above", CLEAN_W_STOP},
    {"accessibility", CLEAN_W_NAV},
    {"account", CLEAN_W_NAV},
    {"advertise", CLEAN_W_NAV},
    {"advertisement", CLEAN_W_NAV},
    {"advertising", CLEAN_W_NAV},
    {"after", CLEAN_W_STOP},
    {"again", CLEAN_W_STOP},
    {"against", CLEAN_W_STOP},
    {"all", CLEAN_W_STOP},
    {"almost", CLEAN_W_STOP},
    {"along", CLEAN_W_STOP},
    {"already", CLEAN_W_STOP},
    {"also", CLEAN_W_STOP},
    {"although", CLEAN_W_STOP},
    {"am", CLEAN_W_STOP},
    {"among", CLEAN_W_STOP},
    {"an", CLEAN_W_STOP},
    {"and", CLEAN_W_STOP},
    {"another", CLEAN_W_STOP},
    {"any", CLEAN_W_STOP},
    {"anyone", CLEAN_W_STOP},
    {"anything", CLEAN_W_STOP},
    {"apps", CLEAN_W_NAV},
    {"archive", CLEAN_W_NAV},
    {"archives", CLEAN_W_NAV},
    {"are", CLEAN_W_STOP},
    {"around", CLEAN_W_STOP},
    {"as", CLEAN_W_STOP},
    {"at", CLEAN_W_STOP},
    {"be", CLEAN_W_STOP},
    {"became", CLEAN_W_STOP},
    {"because", CLEAN_W_STOP},
    {"become", CLEAN_W_STOP},
    {"been", CLEAN_W_STOP},
    {"before", CLEAN_W_STOP},
    {"being", CLEAN_W_STOP},
    {"below", CLEAN_W_STOP},
    {"between", CLEAN_W_STOP},
    {"bookmark", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"both", CLEAN_W_STOP},
    {"but", CLEAN_W_STOP},
    {"by", CLEAN_W_STOP},
    {"can", CLEAN_W_STOP},
    {"cannot", CLEAN_W_STOP},
    {"careers", CLEAN_W_NAV},
    {"cart", CLEAN_W_NAV},
    {"cite", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"comment", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"comments", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"contact", CLEAN_W_NAV},
    {"cookie", CLEAN_W_NAV},
    {"cookies", CLEAN_W_NAV},
    {"copy", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"could", CLEAN_W_STOP},
    {"did", CLEAN_W_STOP},
    {"do", CLEAN_W_STOP},
    {"does", CLEAN_W_STOP},
    {"doing", CLEAN_W_STOP},
    {"donate", CLEAN_W_NAV},
    {"done", CLEAN_W_STOP},
    {"down", CLEAN_W_STOP},
    {"download", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"during", CLEAN_W_STOP},
    {"each", CLEAN_W_STOP},
    {"either", CLEAN_W_STOP},
    {"else", CLEAN_W_STOP},
    {"email", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"english", CLEAN_W_NAV},
    {"enough", CLEAN_W_STOP},
    {"even", CLEAN_W_STOP},
    {"ever", CLEAN_W_STOP},
    {"every", CLEAN_W_STOP},
    {"facebook", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"faq", CLEAN_W_NAV},
    {"feedback", CLEAN_W_NAV},
    {"few", CLEAN_W_STOP},
    {"for", CLEAN_W_STOP},
    {"forum", CLEAN_W_NAV},
    {"forums", CLEAN_W_NAV},
    {"from", CLEAN_W_STOP},
    {"further", CLEAN_W_STOP},
    {"had", CLEAN_W_STOP},
    {"has", CLEAN_W_STOP},
    {"have", CLEAN_W_STOP},
    {"having", CLEAN_W_STOP},
    {"he", CLEAN_W_STOP},
    {"help", CLEAN_W_NAV},
    {"her", CLEAN_W_STOP},
    {"here", CLEAN_W_STOP},
    {"hers", CLEAN_W_STOP},
    {"herself", CLEAN_W_STOP},
    {"him", CLEAN_W_STOP},
    {"himself", CLEAN_W_STOP},
    {"his", CLEAN_W_STOP},
    {"home", CLEAN_W_NAV},
    {"homepage", CLEAN_W_NAV},
    {"how", CLEAN_W_STOP},
    {"however", CLEAN_W_STOP},
    {"i", CLEAN_W_STOP},
    {"if", CLEAN_W_STOP},
    {"in", CLEAN_W_STOP},
    {"index", CLEAN_W_NAV},
    {"instagram", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"into", CLEAN_W_STOP},
    {"is", CLEAN_W_STOP},
    {"it", CLEAN_W_STOP},
    {"its", CLEAN_W_STOP},
    {"itself", CLEAN_W_STOP},
    {"just", CLEAN_W_STOP},
    {"latest", CLEAN_W_NAV},
    {"least", CLEAN_W_STOP},
    {"less", CLEAN_W_STOP},
    {"linkedin", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"login", CLEAN_W_NAV},
    {"logout", CLEAN_W_NAV},
    {"mainpage", CLEAN_W_NAV},
    {"many", CLEAN_W_STOP},
    {"may", CLEAN_W_STOP},
    {"me", CLEAN_W_STOP},
    {"menu", CLEAN_W_NAV},
    {"messenger", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"might", CLEAN_W_STOP},
    {"more", CLEAN_W_STOP},
    {"most", CLEAN_W_STOP},
    {"much", CLEAN_W_STOP},
    {"multimedia", CLEAN_W_NAV},
    {"must", CLEAN_W_STOP},
    {"my", CLEAN_W_STOP},
    {"myself", CLEAN_W_STOP},
    {"neither", CLEAN_W_STOP},
    {"newsletter", CLEAN_W_NAV},
    {"newsletters", CLEAN_W_NAV},
    {"no", CLEAN_W_STOP},
    {"nor", CLEAN_W_STOP},
    {"not", CLEAN_W_STOP},
    {"now", CLEAN_W_STOP},
    {"of", CLEAN_W_STOP},
    {"off", CLEAN_W_STOP},
    {"often", CLEAN_W_STOP},
    {"on", CLEAN_W_STOP},
    {"once", CLEAN_W_STOP},
    {"one", CLEAN_W_STOP},
    {"only", CLEAN_W_STOP},
    {"onto", CLEAN_W_STOP},
    {"or", CLEAN_W_STOP},
    {"other", CLEAN_W_STOP},
    {"others", CLEAN_W_STOP},
    {"otherwise", CLEAN_W_STOP},
    {"our", CLEAN_W_STOP},
    {"ours", CLEAN_W_STOP},
    {"ourselves", CLEAN_W_STOP},
    {"out", CLEAN_W_STOP},
    {"over", CLEAN_W_STOP},
    {"own", CLEAN_W_STOP},
    {"pdf", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"per", CLEAN_W_STOP},
    {"perhaps", CLEAN_W_STOP},
    {"photos", CLEAN_W_NAV},
    {"pinterest", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"podcast", CLEAN_W_NAV},
    {"podcasts", CLEAN_W_NAV},
    {"print", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"privacy", CLEAN_W_NAV},
    {"rather", CLEAN_W_STOP},
    {"reddit", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"register", CLEAN_W_NAV},
    {"rss", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"same", CLEAN_W_STOP},
    {"save", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"search", CLEAN_W_NAV},
    {"sections", CLEAN_W_NAV},
    {"several", CLEAN_W_STOP},
    {"shall", CLEAN_W_STOP},
    {"share", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"she", CLEAN_W_STOP},
    {"should", CLEAN_W_STOP},
    {"since", CLEAN_W_STOP},
    {"sitemap", CLEAN_W_NAV},
    {"skip", CLEAN_W_NAV},
    {"so", CLEAN_W_STOP},
    {"some", CLEAN_W_STOP},
    {"still", CLEAN_W_STOP},
    {"subscribe", CLEAN_W_NAV},
    {"subscription", CLEAN_W_NAV},
    {"subscriptions", CLEAN_W_NAV},
    {"such", CLEAN_W_STOP},
    {"telegram", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"terms", CLEAN_W_NAV},
    {"than", CLEAN_W_STOP},
    {"that", CLEAN_W_STOP},
    {"the", CLEAN_W_STOP},
    {"their", CLEAN_W_STOP},
    {"theirs", CLEAN_W_STOP},
    {"them", CLEAN_W_STOP},
    {"themselves", CLEAN_W_STOP},
    {"then", CLEAN_W_STOP},
    {"there", CLEAN_W_STOP},
    {"therefore", CLEAN_W_STOP},
    {"these", CLEAN_W_STOP},
    {"they", CLEAN_W_STOP},
    {"this", CLEAN_W_STOP},
    {"those", CLEAN_W_STOP},
    {"though", CLEAN_W_STOP},
    {"through", CLEAN_W_STOP},
    {"thus", CLEAN_W_STOP},
    {"to", CLEAN_W_STOP},
    {"together", CLEAN_W_STOP},
    {"too", CLEAN_W_STOP},
    {"topics", CLEAN_W_NAV},
    {"toward", CLEAN_W_STOP},
    {"towards", CLEAN_W_STOP},
    {"tweet", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"twitter", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"under", CLEAN_W_STOP},
    {"unless", CLEAN_W_STOP},
    {"until", CLEAN_W_STOP},
    {"up", CLEAN_W_STOP},
    {"upon", CLEAN_W_STOP},
    {"us", CLEAN_W_STOP},
    {"very", CLEAN_W_STOP},
    {"via", CLEAN_W_STOP},
    {"video", CLEAN_W_NAV},
    {"videos", CLEAN_W_NAV},
    {"was", CLEAN_W_STOP},
    {"we", CLEAN_W_STOP},
    {"weather", CLEAN_W_NAV},
    {"well", CLEAN_W_STOP},
    {"were", CLEAN_W_STOP},
    {"what", CLEAN_W_STOP},
    {"whatever", CLEAN_W_STOP},
    {"whatsapp", CLEAN_W_NAV | CLEAN_W_SHARE},
    {"when", CLEAN_W_STOP},
    {"whenever", CLEAN_W_STOP},
    {"where", CLEAN_W_STOP},
    {"whereas", CLEAN_W_STOP},
    {"whether", CLEAN_W_STOP},
    {"which", CLEAN_W_STOP},
    {"while", CLEAN_W_STOP},
    {"who", CLEAN_W_STOP},
    {"whoever", CLEAN_W_STOP},
    {"whole", CLEAN_W_STOP},
    {"whom", CLEAN_W_STOP},
    {"whose", CLEAN_W_STOP},
    {"why", CLEAN_W_STOP},
    {"will", CLEAN_W_STOP},
    {"with", CLEAN_W_STOP},
    {"within", CLEAN_W_STOP},
    {"without", CLEAN_W_STOP},
    {"would", CLEAN_W_STOP},
    {"yet", CLEAN_W_STOP},
    {"you", CLEAN_W_STOP},
    {"your", CLEAN_W_STOP},
    {"yours", CLEAN_W_STOP},
    {"yourself", CLEAN_W_STOP},
    {"yourselves", CLEAN_W_STOP},
    {"youtube", CLEAN_W_NAV | CLEAN_W_SHARE},
};

static int clean_word_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct clean_word *)elem)->word);
}

/* The flags of w[0..len) lower-cased in clean_words, or 0. */
static unsigned clean_word_flags(const char *w, size_t len)
{
    char low[16];
    const struct clean_word *hit;

    if (len == 0 || len >= sizeof(low))
        return 0; /* longer than any listed word */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            return 0;
        low[i] = (char)clean_lower(c);
    }
    low[len] = '\0';
    hit = bsearch(low, clean_words, CLEAN_COUNT(clean_words), sizeof(*clean_words), clean_word_cmp);
    return hit ? hit->flags : 0;
}

int ingest_stop_word(const char *w, size_t len)
{
    return (clean_word_flags(w, len) & CLEAN_W_STOP) != 0;
}

/* ASCII case-insensitive helpers over t[0..n). */
static int clean_starts_ci(const char *t, size_t n, const char *prefix)
{
    size_t k;

    if (prefix[0] &&
        (n == 0 || clean_lower((unsigned char)t[0]) != clean_lower((unsigned char)prefix[0])))
        return 0;
    k = strlen(prefix);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (clean_lower((unsigned char)t[i]) != clean_lower((unsigned char)prefix[i]))
            return 0;
    return 1;
}

static int clean_equals_ci(const char *t, size_t n, const char *word)
{
    size_t i = 0;

    while (i < n && word[i] &&
           clean_lower((unsigned char)t[i]) == clean_lower((unsigned char)word[i]))
        i++;
    return i == n && word[i] == '\0';
}

/* Offset of needle in t[0..n) (ASCII case-insensitive), or -1. Callers bound n. */
static long clean_find_ci(const char *t, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    unsigned char lo = clean_lower((unsigned char)needle[0]);
    unsigned char up = clean_is_lower(lo) ? (unsigned char)(lo - 32) : lo;

    if (k == 0)
        return 0;
    for (size_t i = 0; i + k <= n; i++)
        if (((unsigned char)t[i] == lo || (unsigned char)t[i] == up) &&
            clean_starts_ci(t + i, n - i, needle))
            return (long)i;
    return -1;
}

static int clean_has_ci(const char *t, size_t n, const char *needle)
{
    return clean_find_ci(t, n, needle) >= 0;
}

/* ---- growing buffers ---- */

static int clean_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *np;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return -1;
        ncap *= 2;
    }
    np = realloc(*p, ncap * elem);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

/* A text being built, optionally with the raw offset of each byte. */
struct clean_text {
    char *s;
    size_t len, cap;
    size_t *map; /* NULL when no map is kept */
    size_t map_cap;
    int with_map;
};

static int clean_text_put(struct clean_text *t, const char *bytes, size_t n, size_t raw,
                          int same_raw)
{
    if (clean_grow((void **)&t->s, &t->cap, t->len + n + 1, 1))
        return -1;
    if (t->with_map && clean_grow((void **)&t->map, &t->map_cap, t->len + n + 1, sizeof(size_t)))
        return -1;
    memcpy(t->s + t->len, bytes, n);
    if (t->with_map)
        for (size_t i = 0; i < n; i++)
            t->map[t->len + i] = same_raw ? raw : raw + i;
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

/* ---- the normalized page ---- */

/* A point from which normalized offsets map to raw offsets again linearly (fixed: every byte up
 * to the next mark maps to the same raw offset, as the three bytes of a U+FFFD do). */
struct clean_mark {
    size_t norm, raw;
    int fixed;
};

struct clean_line {
    size_t start, end; /* trimmed; start == end for a blank line */
};

enum clean_kind { CLEAN_TEXT, CLEAN_TABLE, CLEAN_VCELL };
enum clean_class { CLEAN_BAD, CLEAN_SHORT, CLEAN_NEAR, CLEAN_GOOD };
enum clean_end {
    CLEAN_END_NONE,
    CLEAN_END_SENT,
    CLEAN_END_COLON,
    CLEAN_END_SEMI,
    CLEAN_END_COMMA,
    CLEAN_END_ELLIPSIS
};

/* A paragraph candidate: one line, a hard-wrapped block of lines, a content table, or one cell
 * of a version table. */
struct clean_unit {
    size_t start, end; /* in the normalized text */
    size_t block;      /* blank-line separated block it belongs to */
    size_t lines;
    uint32_t chars, words, stops, nav, share, seps; /* saturate at UINT32_MAX */
    size_t letters, bytes;
    unsigned char kind, cls, end_kind;
    unsigned char bullet, numbered, url, truncated, title_like, name_like;
    unsigned char end_period;  /* ends in '.' (not '?' or '!') */
    unsigned char forced;      /* the class is decided (a detector, or a version cell) */
    unsigned char transparent; /* chrome inside the story: ignored as a neighbour */
    unsigned char contagious;  /* a caption or consent line: its small block goes with it */
    unsigned char list_head;   /* "Related", "Most read": the lines after it are a link list */
    unsigned char keep;
    const char *reason;
};

struct clean_page {
    const char *raw;
    size_t raw_len;
    char *s; /* normalized text: valid UTF-8, LF line ends, no control characters */
    size_t len, cap;
    struct clean_mark *marks;
    size_t mark_count, mark_cap, mark_hint;
    size_t invalid;
    struct clean_line *lines;
    size_t line_count, line_cap;
    struct clean_unit *units;
    size_t unit_count, unit_cap;
    struct ingest_removed *removed;
    size_t removed_count, removed_cap;
    char **related;
    size_t related_count, related_cap;
    struct ingest_range *cells;
    size_t cell_cap;
    struct clean_text scratch; /* the folded text of the unit being looked at */
    struct clean_text lower;   /* scratch with ASCII letters lower-cased (detectors) */
    int versions;
    size_t next_block;
};

static int clean_mark(struct clean_page *pg, size_t norm, size_t raw, int fixed)
{
    if (pg->mark_count && pg->marks[pg->mark_count - 1].norm == norm) {
        pg->marks[pg->mark_count - 1].raw = raw;
        pg->marks[pg->mark_count - 1].fixed = fixed;
        return 0;
    }
    if (clean_grow((void **)&pg->marks, &pg->mark_cap, pg->mark_count + 1, sizeof(*pg->marks)))
        return -1;
    pg->marks[pg->mark_count++] = (struct clean_mark){norm, raw, fixed};
    return 0;
}

/* The raw offset of normalized offset p; p == len maps to the raw length. Callers mostly go
 * forward, so the last mark used is tried first. */
static size_t clean_raw_at(struct clean_page *pg, size_t p)
{
    size_t lo = 0, hi = pg->mark_count, h = pg->mark_hint;
    const struct clean_mark *m;

    if (p >= pg->len)
        return pg->raw_len;
    if (pg->mark_count == 0 || pg->marks[0].norm > p)
        return p;
    if (h < pg->mark_count && pg->marks[h].norm <= p) {
        while (h + 1 < pg->mark_count && pg->marks[h + 1].norm <= p && h - pg->mark_hint < 8)
            h++;
        if (h + 1 == pg->mark_count || pg->marks[h + 1].norm > p)
            goto found;
    }
    while (hi - lo > 1) { /* the last mark with norm <= p */
        size_t mid = lo + (hi - lo) / 2;
        if (pg->marks[mid].norm <= p)
            lo = mid;
        else
            hi = mid;
    }
    h = lo;
found:
    pg->mark_hint = h;
    m = &pg->marks[h];
    return m->fixed ? m->raw : m->raw + (p - m->norm);
}

/* Normalizes the raw bytes: invalid UTF-8 -> U+FFFD (counted), CR LF and CR -> LF, other
 * control characters -> space, a leading byte order mark dropped. Marks record where the
 * normalized -> raw offset relation changes. */
static int clean_normalize(struct clean_page *pg)
{
    const unsigned char *p = (const unsigned char *)pg->raw;
    size_t len = pg->raw_len, i = 0;

    if (clean_grow((void **)&pg->s, &pg->cap, len + 1, 1))
        return -1;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        i = 3;
        if (clean_mark(pg, 0, 3, 0))
            return -1;
    }
    while (i < len) {
        unsigned char c = p[i];
        size_t k;

        if (pg->len + 4 > pg->cap && clean_grow((void **)&pg->s, &pg->cap, pg->len + 5, 1))
            return -1;
        if (c >= 0x20 && c < 0x7F) {
            pg->s[pg->len++] = (char)c;
            i++;
            continue;
        }
        if (c < 0x80) {
            if (c == '\r' && i + 1 < len && p[i + 1] == '\n') {
                pg->s[pg->len++] = '\n'; /* maps to the CR; the LF is skipped */
                i += 2;
                if (clean_mark(pg, pg->len, i, 0))
                    return -1;
                continue;
            }
            pg->s[pg->len++] = c == '\r' ? '\n' : c == '\n' || c == '\t' ? (char)c : ' ';
            i++;
            continue;
        }
        k = clean_seq_len(p + i, len - i);
        if (k) {
            memcpy(pg->s + pg->len, p + i, k);
            pg->len += k;
            i += k;
            continue;
        }
        k = clean_bad_len(p + i, len - i);
        if (clean_mark(pg, pg->len, i, 1))
            return -1;
        memcpy(pg->s + pg->len, "\xEF\xBF\xBD", 3);
        pg->len += 3;
        i += k;
        pg->invalid++;
        if (clean_mark(pg, pg->len, i, 0))
            return -1;
    }
    pg->s[pg->len] = '\0';
    return 0;
}

static int clean_split_lines(struct clean_page *pg)
{
    size_t start = 0;

    while (start <= pg->len) {
        const char *nl = memchr(pg->s + start, '\n', pg->len - start);
        size_t end = nl ? (size_t)(nl - pg->s) : pg->len, a = start, b = end, k;

        while (a < b && (k = clean_space_at(pg->s, a, b)) > 0)
            a += k;
        while (b > a && (k = clean_space_before(pg->s, a, b)) > 0)
            b -= k;
        if (clean_grow((void **)&pg->lines, &pg->line_cap, pg->line_count + 1, sizeof(*pg->lines)))
            return -1;
        pg->lines[pg->line_count++] = (struct clean_line){a, b};
        if (!nl)
            break;
        start = end + 1;
    }
    return 0;
}

/* Appends s[start, end) to out with white space folded: a run holding a line break becomes
 * '\n' when keep_lines (table rows), any other run one space; a run at either end is dropped.
 * *gaps (may be NULL) counts runs of two or more spaces not after sentence punctuation: the
 * column gaps of menus pasted from a page ("World   Politics   Business"). */
static int clean_fold(struct clean_page *pg, size_t start, size_t end, int keep_lines,
                      struct clean_text *out, size_t *gaps)
{
    const char *s = pg->s;
    size_t i = start, first = out->len;

    while (i < end) {
        size_t k = s[i] == '\n' ? 1 : clean_space_at(s, i, end);
        if (k) {
            size_t run_start = i, chars = 0;
            int newline = 0;
            while (i < end && (k = s[i] == '\n' ? 1 : clean_space_at(s, i, end)) > 0) {
                newline |= s[i] == '\n';
                chars += s[i] == '\t' ? 2 : 1;
                i += k;
            }
            if (out->len == first || i >= end)
                continue;
            if (gaps && chars >= 2 && !newline) {
                unsigned char prev = (unsigned char)s[run_start - 1];
                if (!strchr(".?!:;\"')", prev) && prev != 0x9D && prev != 0x99)
                    (*gaps)++;
            }
            if (clean_text_put(out, newline && keep_lines ? "\n" : " ", 1,
                               out->with_map ? clean_raw_at(pg, run_start) : 0, 1))
                return -1;
            continue;
        }
        k = 1;
        while (i + k < end && s[i + k] != '\n' && !clean_space_at(s, i + k, end))
            k++;
        if (clean_text_put(out, s + i, k, out->with_map ? clean_raw_at(pg, i) : 0, 0))
            return -1;
        if (out->with_map) /* marks inside the run (U+FFFD, CR LF) break the linear map */
            for (size_t j = 1; j < k; j++)
                out->map[out->len - k + j] = clean_raw_at(pg, i + j);
        i += k;
    }
    return 0;
}

/* ---- paragraph candidates ---- */

static size_t clean_chars(const char *s, size_t start, size_t end)
{
    size_t n = 0;

    for (size_t i = start; i < end; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int clean_add_unit(struct clean_page *pg, size_t start, size_t end, size_t lines,
                          enum clean_kind kind, size_t block)
{
    struct clean_unit *u;

    if (clean_grow((void **)&pg->units, &pg->unit_cap, pg->unit_count + 1, sizeof(*pg->units)))
        return -1;
    u = &pg->units[pg->unit_count++];
    memset(u, 0, sizeof(*u));
    u->start = start;
    u->end = end;
    u->lines = lines;
    u->kind = (unsigned char)kind;
    u->block = block;
    return 0;
}

/* Length of a list marker at t[0..n) ("• ", "* ", "- ", "– ") including the space after it,
 * or 0. */
static size_t clean_bullet_len(const char *t, size_t n)
{
    static const char *const marks[] = {"\xE2\x80\xA2",
                                        "*",
                                        "-",
                                        "\xE2\x80\x93",
                                        "\xE2\x80\x94",
                                        "\xC2\xB7",
                                        "\xE2\x96\xAA",
                                        "\xE2\x96\xBA",
                                        "\xE2\x97\xA6",
                                        "\xE2\x96\xA0",
                                        "\xE2\x97\x8F",
                                        "\xE2\x80\xA3",
                                        "+"};

    for (size_t i = 0; i < CLEAN_COUNT(marks); i++) {
        size_t k = strlen(marks[i]);
        if (n > k && memcmp(t, marks[i], k) == 0 && clean_space_at(t, k, n))
            return k + clean_space_at(t, k, n);
    }
    return 0;
}

/* Length of a number marker ("1. ", "12) ") at t[0..n), or 0. */
static size_t clean_number_len(const char *t, size_t n)
{
    size_t i = 0;

    while (i < n && i < 3 && clean_is_digit((unsigned char)t[i]))
        i++;
    if (i == 0 || i + 1 >= n || (t[i] != '.' && t[i] != ')') || t[i + 1] != ' ')
        return 0;
    return i + 2;
}

static int clean_line_has_pipe(const struct clean_page *pg, size_t l)
{
    const struct clean_line *ln = &pg->lines[l];
    return memchr(pg->s + ln->start, '|', ln->end - ln->start) != NULL;
}

/* A Markdown-style table separator row: cells of three or more '-' (with optional ':'). */
static int clean_separator_row(const char *t, size_t n)
{
    size_t dashes = 0, pipes = 0;

    for (size_t i = 0; i < n; i++) {
        if (t[i] == '-')
            dashes++;
        else if (t[i] == '|')
            pipes++;
        else if (t[i] != ':' && t[i] != ' ' && t[i] != '\t')
            return 0;
    }
    return pipes >= 1 && dashes >= 3;
}

/* True if lines [a, b) are one paragraph hard-wrapped at a fixed width (press releases, mail):
 * every line but the last fills most of the width, none is over 110 characters or starts a
 * list item, and at least once a line without final punctuation runs on into a lower-case
 * word. */
static int clean_wrapped(const struct clean_page *pg, size_t a, size_t b)
{
    size_t maxw = 0, soft = 0;

    if (b - a < 2)
        return 0;
    for (size_t l = a; l < b; l++) {
        const struct clean_line *ln = &pg->lines[l];
        size_t w = clean_chars(pg->s, ln->start, ln->end);
        if (w > 110 || clean_line_has_pipe(pg, l))
            return 0;
        if (l > a && (clean_bullet_len(pg->s + ln->start, ln->end - ln->start) ||
                      clean_number_len(pg->s + ln->start, ln->end - ln->start)))
            return 0;
        if (w > maxw)
            maxw = w;
    }
    for (size_t l = a; l + 1 < b; l++) {
        const struct clean_line *ln = &pg->lines[l];
        size_t w = clean_chars(pg->s, ln->start, ln->end);
        unsigned char last = (unsigned char)pg->s[ln->end - 1];
        if (w < 30 || w * 10 < maxw * 6)
            return 0;
        if (!strchr(".!?:;\"", last) &&
            clean_is_lower((unsigned char)pg->s[pg->lines[l + 1].start]))
            soft++;
    }
    return soft > 0;
}

/* Splits the non-blank lines [l0, l1) of one block into units: a content table (pipe rows with a
 * separator row) is one unit, a hard-wrapped paragraph is one unit, any other line is its own. */
static int clean_block_units(struct clean_page *pg, size_t l0, size_t l1)
{
    size_t block = pg->next_block++, l = l0, text_from = l0;

    while (l <= l1) {
        size_t end = l;
        int table = 0;

        if (l < l1 && clean_line_has_pipe(pg, l)) {
            while (end < l1 && clean_line_has_pipe(pg, end))
                end++;
            for (size_t k = l + 1; k < end && !table; k++)
                table = clean_separator_row(pg->s + pg->lines[k].start,
                                            pg->lines[k].end - pg->lines[k].start);
        }
        if (l == l1 || table) {
            if (text_from < l && clean_wrapped(pg, text_from, l)) {
                if (clean_add_unit(pg, pg->lines[text_from].start, pg->lines[l - 1].end,
                                   l - text_from, CLEAN_TEXT, block))
                    return -1;
            } else {
                for (size_t k = text_from; k < l; k++)
                    if (clean_add_unit(pg, pg->lines[k].start, pg->lines[k].end, 1, CLEAN_TEXT,
                                       block))
                        return -1;
            }
            if (l == l1)
                break;
            if (clean_add_unit(pg, pg->lines[l].start, pg->lines[end - 1].end, end - l, CLEAN_TABLE,
                               block))
                return -1;
            l = text_from = end;
            continue;
        }
        l = end > l ? end : l + 1;
    }
    return 0;
}

/* ---- dates in a line ---- */

static int clean_month_word(const char *w, size_t n)
{
    static const char *const months[] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};

    for (size_t m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        if (n == full || n == 3 || (m == 8 && n == 4)) {
            size_t i = 0;
            while (i < n && clean_lower((unsigned char)w[i]) == (unsigned char)months[m][i])
                i++;
            if (i == n)
                return (int)m + 1;
        }
    }
    return 0;
}

static int clean_in_words(const char *w, size_t n, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (clean_equals_ci(w, n, words[i]))
            return 1;
    return 0;
}

static int clean_has_digit(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (clean_is_digit((unsigned char)t[i]))
            return 1;
    return 0;
}

/* True for "2021/03/16", "14/12/2018", "2022.12.23", "2013-10-03T09:12:00Z": three digit
 * groups joined by one separator, one of them a four-digit year. */
static int clean_numeric_date(const char *w, size_t n)
{
    size_t group[3] = {0}, g = 0, i = 0;
    char sep = 0;

    while (g < 3) {
        size_t s = i;
        while (i < n && clean_is_digit((unsigned char)w[i]))
            i++;
        group[g++] = i - s;
        if (g == 3 || i >= n)
            break;
        if (w[i] != '/' && w[i] != '-' && w[i] != '.')
            return 0;
        if (sep && w[i] != sep)
            return 0;
        sep = w[i++];
    }
    return g == 3 && group[0] && group[1] && group[1] <= 2 && group[2] &&
           (group[0] == 4 || group[2] == 4);
}

/* Scans t for date words. Returns 1 when at least half the words are date words and the line
 * holds a date (see clean_timestamp()); *has_full_date tells whether t holds a date at all. */
static int clean_date_words(const char *t, size_t n, size_t words, int *has_full_date)
{
    static const char *const dateish[] = {
        "am",       "pm",      "a.m",      "p.m",       "jst",     "est",     "edt",
        "et",       "gmt",     "utc",      "bst",       "cet",     "cest",    "kst",
        "pst",      "pdt",     "cst",      "cdt",       "mst",     "hkt",     "sgt",
        "ist",      "aest",    "z",        "published", "updated", "posted",  "last",
        "modified", "date",    "on",       "at",        "first",   "created", "issued",
        "released", "release", "years",    "year",      "ago",     "hours",   "hour",
        "minutes",  "mins",    "min",      "days",      "day",     "vol",     "no",
        "issue",    "edition", "time",     "local",     "monday",  "tuesday", "wednesday",
        "thursday", "friday",  "saturday", "sunday",    "mon",     "tue",     "tues",
        "wed",      "thu",     "thurs",    "fri",       "sat",     "sun"};
    size_t i = 0, total = 0, dates = 0, prev_month = 0, prev_number = 0;
    int has_date = 0, year = 0;

    *has_full_date = 0;
    if (n > 100 || words > 14 || !clean_has_digit(t, n))
        return 0; /* a date has digits */
    while (i < n) {
        size_t s, e;
        while (i < n && t[i] == ' ')
            i++;
        s = i;
        while (i < n && t[i] != ' ')
            i++;
        e = i;
        while (s < e && strchr("([", t[s]))
            s++;
        while (e > s && strchr(",.;:)]|", t[e - 1]))
            e--;
        if (s == e) /* punctuation and separators ("|", "/", "·") are neither */
            continue;
        if (!clean_is_alnum((unsigned char)t[s])) {
            size_t k;
            if ((unsigned char)t[s] < 0x80 || clean_cp_separator(clean_cp_at(t, s, e, &k)))
                continue;
        }
        total++;
        if (clean_is_digit((unsigned char)t[s])) {
            size_t k = s;
            while (k < e && (clean_is_digit((unsigned char)t[k]) || strchr(":/.-TZ", t[k])))
                k++;
            if (k == e) {
                dates++;
                year |= e - s == 4 && (t[s] == '1' || t[s] == '2');
                if (clean_numeric_date(t + s, e - s) || prev_month)
                    has_date = 1;
                prev_number = 1;
                prev_month = 0;
                continue;
            }
        } else if (clean_month_word(t + s, e - s)) {
            dates++;
            has_date |= (int)prev_number;
            prev_month = 1;
            prev_number = 0;
            continue;
        } else if (clean_in_words(t + s, e - s, dateish, CLEAN_COUNT(dateish))) {
            dates++;
        }
        prev_month = prev_number = 0;
    }
    *has_full_date = has_date;
    /* an issue line: nothing but date words and a year ("Vol. 8, No. 2 · 2016") */
    has_date |= year && dates == total;
    return has_date && dates * 2 >= total;
}

/* A line that is only a date, a time and labels: "Oct. 3, 2013", "Published: March 17, 2021
 * at 3:05 p.m. ET", "14/12/2018 · 18:05 JST", "APRIL 19, 2019 / 6:12 PM / 5 YEARS AGO". At
 * least half of its words are date words and it holds a full date. */
static int clean_timestamp(const char *t, size_t n, size_t words)
{
    int full_date;
    return clean_date_words(t, n, words, &full_date);
}

/* ---- features ---- */

static int clean_closing_at_end(const char *t, size_t n, size_t *k)
{
    static const char *const closers[] = {"\"",           "'",        ")", "]", "\xE2\x80\x9D",
                                          "\xE2\x80\x99", "\xC2\xBB", "*"};

    for (size_t i = 0; i < CLEAN_COUNT(closers); i++) {
        size_t m = strlen(closers[i]);
        if (n >= m && memcmp(t + n - m, closers[i], m) == 0) {
            *k = m;
            return 1;
        }
    }
    return 0;
}

/* How t ends, after closing quotes and brackets. */
static unsigned char clean_end_kind(const char *t, size_t n)
{
    size_t k;

    while (n > 0 && clean_closing_at_end(t, n, &k))
        n -= k;
    if (n == 0)
        return CLEAN_END_NONE;
    if (n >= 3 && memcmp(t + n - 3, "\xE2\x80\xA6", 3) == 0)
        return CLEAN_END_ELLIPSIS;
    switch (t[n - 1]) {
    case '.':
        return n >= 3 && t[n - 2] == '.' && t[n - 3] == '.' ? CLEAN_END_ELLIPSIS : CLEAN_END_SENT;
    case '!':
    case '?':
        return CLEAN_END_SENT;
    case ':':
        return CLEAN_END_COLON;
    case ';':
        return CLEAN_END_SEMI;
    case ',':
        return CLEAN_END_COMMA;
    default:
        return CLEAN_END_NONE;
    }
}

/* Separators of menus and link rows: '|', bullets and dots between items, " > " and " / "
 * (breadcrumbs), guillemets. */
static size_t clean_separators(const char *t, size_t n)
{
    static const char *const seps[] = {"\xE2\x80\xA2", "\xC2\xB7", "\xC2\xBB",     "\xE2\x80\xBA",
                                       " > ",          " / ",      "\xE2\x89\xA1", "\xE2\x96\xAA",
                                       " :: "};
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '|') {
            count++;
            while (i + 1 < n && t[i + 1] == '|')
                i++;
            continue;
        }
        if ((c != ' ' || i + 1 >= n || (t[i + 1] != '>' && t[i + 1] != '/' && t[i + 1] != ':')) &&
            c != 0xC2 &&
            c != 0xE2)
            continue;
        for (size_t j = 0; j < CLEAN_COUNT(seps); j++) {
            size_t k = strlen(seps[j]);
            if (i + k <= n && memcmp(t + i, seps[j], k) == 0 && (i > 0 || k == 3)) {
                count++;
                break;
            }
        }
    }
    return count;
}

static int clean_connector(const char *w, size_t n)
{
    static const char *const words[] = {"and", "de", "der", "du",  "for", "la",
                                        "le",  "of", "the", "van", "von"};
    for (size_t i = 0; i < CLEAN_COUNT(words); i++)
        if (clean_equals_ci(w, n, words[i]))
            return 1;
    return 0;
}

/* Offset of the first " | ", " — ", " – ", " - ", " · " or " :: " in t, or n: where a site suffix or a
 * date after a name begins. */
static size_t clean_name_cut(const char *t, size_t n)
{
    if (n > 240)
        return n; /* names and headlines are short */
    static const char *const cuts[] = {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
                                       " - ", " \xC2\xB7 ",     " || ",
                                       " :: "};
    size_t best = n;

    for (size_t i = 0; i < CLEAN_COUNT(cuts); i++) {
        const char *hit = memmem(t, n, cuts[i], strlen(cuts[i]));
        if (hit && (size_t)(hit - t) < best)
            best = (size_t)(hit - t);
    }
    return best;
}

/* True if t[0..n) reads like a proper name of an outlet or office: one to seven capitalized
 * words (connectors like "of" allowed), no digits, no final punctuation, no widget words. */
static int clean_name_like(const char *t, size_t n)
{
    size_t i = 0, ws, we, words = 0;

    if (n == 0 || n > 80 || clean_end_kind(t, n) != CLEAN_END_NONE)
        return 0;
    while (clean_next_word(t, n, &i, &ws, &we)) {
        unsigned char c = (unsigned char)t[ws];
        if (clean_is_digit(c) || (clean_word_flags(t + ws, we - ws) & CLEAN_W_NAV))
            return 0;
        if (clean_is_lower(c) && !clean_connector(t + ws, we - ws))
            return 0;
        words++;
    }
    for (size_t k = 0; k < n; k++)
        if (strchr(",;:!?()[]\"|/>", t[k]))
            return 0;
    return words >= 1 && words <= 7;
}

static uint32_t clean_sat(size_t v) { return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v; }

static int clean_features(struct clean_page *pg, struct clean_unit *u)
{
    const char *t;
    size_t n, i = 0, ws, we, gaps = 0, cut, skip;
    size_t words = 0, stops = 0, nav = 0, share = 0;

    pg->scratch.len = 0;
    if (clean_fold(pg, u->start, u->end, u->kind == CLEAN_TABLE, &pg->scratch, &gaps))
        return -1;
    t = pg->scratch.s ? pg->scratch.s : "";
    n = pg->scratch.len;
    u->bytes = n;
    u->chars = clean_sat(clean_chars(t, 0, n));
    skip = clean_bullet_len(t, n);
    u->bullet = skip > 0;
    if (!skip && (skip = clean_number_len(t, n)) > 0)
        u->numbered = 1;
    i = skip;
    while (clean_next_word(t, n, &i, &ws, &we)) {
        unsigned flags = clean_word_flags(t + ws, we - ws);
        words++;
        stops += (flags & CLEAN_W_STOP) != 0;
        nav += (flags & CLEAN_W_NAV) != 0;
        share += (flags & CLEAN_W_SHARE) != 0;
    }
    u->words = clean_sat(words);
    u->stops = clean_sat(stops);
    u->nav = clean_sat(nav);
    u->share = clean_sat(share);
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)t[k];
        if (clean_is_upper(c) || clean_is_lower(c) || (c >= 0xC0))
            u->letters++;
    }
    u->seps = clean_sat(gaps + clean_separators(t + skip, n - skip));
    u->end_kind = clean_end_kind(t, n);
    {
        size_t k, m = n;
        while (m > 0 && clean_closing_at_end(t, m, &k))
            m -= k;
        u->end_period = u->end_kind == CLEAN_END_SENT && t[m - 1] == '.';
    }
    u->url = memmem(t, n, "://", 3) != NULL || clean_has_ci(t, n < 400 ? n : 400, "www.");
    u->truncated = (u->end_kind == CLEAN_END_NONE || u->end_kind == CLEAN_END_COMMA ||
                    u->end_kind == CLEAN_END_ELLIPSIS) &&
                   u->chars >= 100 && u->words >= 15 && u->kind == CLEAN_TEXT;
    /* A headline: as ingest_title_guess() judges a line, allowing one " | Site" suffix. */
    cut = clean_name_cut(t, n);
    {
        size_t tw = 0, j = 0, tn = cut < n && t[cut + 1] == '|' ? cut : n, k;
        unsigned char e = clean_end_kind(t, tn);
        while (clean_next_word(t, tn, &j, &ws, &we))
            tw++;
        while (tn > 0 && clean_closing_at_end(t, tn, &k))
            tn -= k;
        /* a final period ends a sentence, unless it closes an acronym ("... alongside U.S.") */
        int period = tn > 0 && t[tn - 1] == '.' &&
                     !(tn >= 4 && t[tn - 3] == '.' && clean_is_upper((unsigned char)t[tn - 2]));
        u->title_like = tw >= 3 && tw <= 30 && tn <= 200 && tn > 0 && !period && !u->url &&
                        !u->bullet && !u->numbered && e != CLEAN_END_COLON && e != CLEAN_END_SEMI &&
                        e != CLEAN_END_COMMA && e != CLEAN_END_ELLIPSIS &&
                        u->letters * 2 >= u->bytes && clean_separators(t, tn) == 0 &&
                        u->kind == CLEAN_TEXT && u->lines == 1;
    }
    if (u->title_like && u->words <= 6) { /* "Example Monthly — June 2014" is no headline */
        int dated;
        clean_date_words(t, n, u->words, &dated);
        u->title_like = !dated;
    }
    u->name_like = u->kind == CLEAN_TEXT && u->lines == 1 && clean_name_like(t, cut);
    return 0;
}

/* ---- detectors: kinds of page chrome named by their own shape ---- */

/* The detectors match lower-case phrases against a lower-cased copy of the unit (ASCII folded;
 * other bytes as they are), with memmem and memcmp. */
static int clean_has_lc(const char *low, size_t n, const char *phrase)
{
    return memmem(low, n, phrase, strlen(phrase)) != NULL;
}

static int clean_starts_lc(const char *low, size_t n, const char *phrase)
{
    size_t k = strlen(phrase);
    return k <= n && memcmp(low, phrase, k) == 0;
}

static int clean_equals_lc(const char *low, size_t n, const char *phrase)
{
    return strlen(phrase) == n && memcmp(low, phrase, n) == 0;
}

static int clean_starts_any_lc(const char *low, size_t n, const char *const *phrases, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (low[0] == phrases[i][0] && clean_starts_lc(low, n, phrases[i]))
            return 1;
    return 0;
}

static size_t clean_count_lc(const char *low, size_t n, const char *const *phrases, size_t count)
{
    size_t hits = 0;

    for (size_t i = 0; i < count; i++)
        hits += (size_t)clean_has_lc(low, n, phrases[i]);
    return hits;
}

static int clean_in_words_lc(const char *low, size_t n, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (low[0] == words[i][0] && clean_equals_lc(low, n, words[i]))
            return 1;
    return 0;
}

struct clean_verdict {
    const char *reason;
    unsigned char transparent, contagious, list_head;
};

/* The first name words at t[*i...]: capitalized words and initials ("Kurt M. Campbell"),
 * separated by single spaces. Returns how many; *i moves past them. */
static size_t clean_name_words(const char *t, size_t n, size_t *i)
{
    size_t count = 0, k = *i;

    for (;;) {
        size_t s = k, e;
        if (count > 0) {
            if (k >= n || t[k] != ' ')
                break;
            s = ++k;
        }
        e = s;
        while (e < n && t[e] != ' ' && t[e] != ',' && t[e] != ';' && t[e] != '|')
            e++;
        if (e == s ||
            !(clean_is_upper((unsigned char)t[s]) ||
              ((unsigned char)t[s] >= 0xC3 && (unsigned char)t[s] != 0xE2)) ||
            clean_is_digit((unsigned char)t[e - 1]))
            break;
        count++;
        k = e;
        *i = k;
    }
    return count;
}

static int clean_role_word(const char *t, size_t n)
{
    static const char *const roles[] = {
        "writer",    "reporter",  "correspondent", "editor",      "staff",      "contributor",
        "columnist", "fellow",    "professor",     "analyst",     "researcher", "director",
        "chief",     "bureau",    "journalist",    "author",      "producer",   "photographer",
        "economist", "scholar",   "lecturer",      "commentator", "freelance",  "contributing",
        "senior",    "associate", "visiting",      "special"};
    size_t i = 0, ws, we, words = 0;

    while (words < 4 && clean_next_word(t, n, &i, &ws, &we)) {
        words++;
        if (clean_in_words(t + ws, we - ws, roles, CLEAN_COUNT(roles)))
            return 1;
    }
    return 0;
}

/* A byline on its own line: "By A and B", "BY A", "Name | Staff Writer", "Name — Senior
 * Fellow, ...", "Name, Tokyo correspondent". */
static int clean_byline(const struct clean_unit *u, const char *t, const char *low, size_t n)
{
    static const char *const cuts[] = {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", ", "};
    size_t i = 3;

    if (u->words > 16 || u->lines > 2)
        return 0;
    if (clean_starts_lc(low, n, "by ") && n > 3 && clean_name_words(t, n, &i) >= 1 &&
        u->end_kind != CLEAN_END_SENT)
        return 1;
    for (size_t c = 0; c < CLEAN_COUNT(cuts); c++) {
        const char *hit = memmem(t, n, cuts[c], strlen(cuts[c]));
        size_t at, j = 0;
        if (!hit)
            continue;
        at = (size_t)(hit - t);
        if (clean_name_words(t, at, &j) >= 2 && j == at && at <= 40 && u->words <= 12 &&
            clean_role_word(hit + strlen(cuts[c]), n - at - strlen(cuts[c])))
            return 1;
    }
    return 0;
}

/* "Mark Sullivan in Washington": a name and the reporter's city, above the story. */
static int clean_byline_in_place(const char *t, size_t n, size_t words)
{
    size_t i = 0, names, j;

    if (words < 3 || words > 6)
        return 0;
    names = clean_name_words(t, n, &i);
    if (names < 2 || names > 3 || !clean_starts_ci(t + i, n - i, " in "))
        return 0;
    j = i + 4;
    return clean_name_words(t, n, &j) >= 1 && j == n;
}

/* A dateline standing alone: "NAGO, Japan" (place in capitals, region after a comma). */
static int clean_dateline_line(const char *t, size_t n, size_t words)
{
    size_t i = 0, upper = 0, j;

    if (words > 5 || n > 40)
        return 0;
    while (i < n && t[i] != ',') {
        unsigned char c = (unsigned char)t[i];
        if (clean_is_lower(c) || clean_is_digit(c))
            return 0;
        upper += clean_is_upper(c);
        i++;
    }
    if (i >= n || upper < 2 || i + 2 >= n || t[i + 1] != ' ')
        return 0;
    j = i + 2;
    return clean_name_words(t, n, &j) >= 1 && j == n;
}

/* A caption, photo credit or gallery counter ("Image 1 of 4", "Photo: ...", "... (AP Photo/X)");
 * low is the lower-cased line. */
static int clean_caption(const char *low, size_t n)
{
    static const char *const starts[] = {
        "photo:",           "photo by ",       "photos:",       "photograph:",
        "photograph by ",   "picture:",        "pictured:",     "image:",
        "caption:",         "credit:",         "file photo",    "(photo",
        "photo credit",     "illustration:",   "graphic:",      "image credit",
        "click to enlarge", "click to expand", "tap to expand", "enlarge this image",
        "view gallery"};
    static const char *const counters[] = {"image ", "photo ", "slide ", "picture ", "gallery "};
    long open;

    for (size_t i = 0; i < CLEAN_COUNT(starts); i++)
        if (clean_starts_lc(low, n, starts[i]))
            return 1;
    for (size_t i = 0; i < CLEAN_COUNT(counters); i++) {
        size_t k = strlen(counters[i]), j;
        if (!clean_starts_lc(low, n, counters[i]))
            continue;
        j = k;
        while (j < n && clean_is_digit((unsigned char)low[j]))
            j++;
        if (j > k && clean_starts_lc(low + j, n - j, " of ") && j + 4 < n &&
            clean_is_digit((unsigned char)low[j + 4]))
            return 1;
    }
    /* A credit in brackets closing the line: "(AP Photo/Hiro Tanabe)", "(Getty Images)". */
    if (n > 2 && low[n - 1] == ')' && n < 600) {
        open = -1;
        for (size_t i = n - 1; i-- > 0;)
            if (low[i] == '(') {
                open = (long)i;
                break;
            }
        if (open >= 0) {
            const char *in = low + open;
            size_t m = n - (size_t)open;
            if (clean_has_lc(in, m, "photo") || clean_has_lc(in, m, "getty") ||
                clean_has_lc(in, m, "images") || clean_has_lc(in, m, "afp/") ||
                clean_has_lc(in, m, "/afp") || clean_has_lc(in, m, "epa/"))
                return 1;
        }
    }
    return 0;
}

/* Headings of link lists and of teaser boxes ("Recommended for you"). */
static int clean_list_heading(const char *t, size_t n, size_t words)
{
    static const char *const heads[] = {"related",
                                        "related articles",
                                        "related stories",
                                        "related coverage",
                                        "related links",
                                        "related topics",
                                        "related content",
                                        "related news",
                                        "related reading",
                                        "read more",
                                        "read also",
                                        "also read",
                                        "see also",
                                        "more on this",
                                        "more on this story",
                                        "more news",
                                        "headlines",
                                        "most read",
                                        "most popular",
                                        "most viewed",
                                        "most shared",
                                        "most emailed",
                                        "most commented",
                                        "trending",
                                        "trending now",
                                        "top stories",
                                        "latest news",
                                        "latest stories",
                                        "editor's pick",
                                        "editors' pick",
                                        "editor's picks",
                                        "editors' picks",
                                        "editor's choice",
                                        "editors' choice",
                                        "in depth",
                                        "special coverage",
                                        "special reports",
                                        "major headlines",
                                        "notes",
                                        "footnotes",
                                        "references",
                                        "sources",
                                        "topics",
                                        "tags",
                                        "keywords",
                                        "further reading",
                                        "popular",
                                        "hot topics",
                                        "elsewhere",
                                        "you may have missed"};
    static const char *const teaser_heads[] = {
        "recommended",       "recommended for you", "recommended stories", "recommended reading",
        "you may also like", "you might also like", "more stories",        "read next",
        "in other news",     "around the web",      "from the web",        "sponsored stories",
        "more to read",      "what to read next",   "don't miss"};
    static const char *const prefixes[] = {"more in ", "more from ",  "latest from ",
                                           "also in ", "more about ", "more on "};
    char low[64];
    size_t m = 0;

    while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
        n--;
    if (n == 0 || n >= sizeof(low) || words > 5)
        return 0;
    for (size_t i = 0; i < n && m + 1 < sizeof(low); i++) {
        if ((unsigned char)t[i] == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
            (unsigned char)t[i + 2] == 0x99) {
            low[m++] = '\''; /* U+2019 as an apostrophe */
            i += 2;
            continue;
        }
        low[m++] = (char)clean_lower((unsigned char)t[i]);
    }
    low[m] = '\0';
    for (size_t i = 0; i < CLEAN_COUNT(teaser_heads); i++)
        if (low[0] == teaser_heads[i][0] && strcmp(low, teaser_heads[i]) == 0)
            return 1;
    for (size_t i = 0; i < CLEAN_COUNT(heads); i++)
        if (low[0] == heads[i][0] && strcmp(low, heads[i]) == 0)
            return 1;
    for (size_t i = 0; i < CLEAN_COUNT(prefixes); i++)
        if (strncmp(low, prefixes[i], strlen(prefixes[i])) == 0 && words <= 4)
            return 1;
    return 0;
}

static int clean_end_marker(const char *low, size_t n, size_t words)
{
    static const char *const marks[] = {"(end)", "end",     "###",
                                        "-30-",  "-end-",   "(ends)",
                                        "[end]", "- end -", "\xE2\x80\x94 end \xE2\x80\x94"};

    if (words > 2 || n > 20)
        return 0;
    if (n >= 2 && low[0] == '=' && low[1] == '=')
        return 1;
    return clean_in_words_lc(low, n, marks, CLEAN_COUNT(marks));
}

/* An author tagline: "Kevin Morales is a national security reporter for GlobalWire.", "Jane
 * Doe writes about Japan and is a fellow at ...": a name, then " is a(n)/the " or a verb of
 * the trade, and a role word of the press or the academy; at most two sentences. Read only
 * at the tail of a story (clean_taglines), where such a line describes its author. */
static int clean_tagline(const char *t, size_t n)
{
    static const char *const verbs[] = {" is a ", " is an ", " is the ", " writes ", " covers ",
                                        " reports on ", " has covered ", " has written "};
    static const char *const roles[] = {
        "writer",     "reporter",   "correspondent", "editor",     "contributor",
        "columnist",  "fellow",     "professor",     "analyst",    "researcher",
        "journalist", "author",     "producer",      "blogger",    "lecturer",
        "scholar",    "commentator", "freelance",    "journalism", "foreign policy"};
    size_t i = 0, sentences = 0, at = n;
    int role = 0;

    if (n < 20 || n > 700 || clean_name_words(t, n, &i) < 2)
        return 0;
    for (size_t k = 0; k < CLEAN_COUNT(verbs); k++)
        if (clean_starts_ci(t + i, n - i, verbs[k]) ||
            (t[i] == ',' && clean_find_ci(t + i, n - i < 80 ? n - i : 80, verbs[k]) >= 0))
            at = i;
    if (at == n)
        return 0;
    for (size_t k = 0; k < CLEAN_COUNT(roles) && !role; k++)
        role = clean_has_ci(t, n, roles[k]);
    for (size_t k = 0; k + 1 < n; k++)
        sentences += (t[k] == '.' || t[k] == '?' || t[k] == '!') && t[k + 1] == ' ';
    return role && sentences <= 4;
}

/* Position-free detectors. */
static void clean_detect(const struct clean_unit *u, const char *t, const char *low, size_t n,
                         struct clean_verdict *v)
{
    static const char *const cookie[] = {"cookie",
                                         "consent",
                                         "accept all",
                                         "reject all",
                                         "manage preferences",
                                         "privacy settings",
                                         "your device",
                                         "personalis",
                                         "personaliz",
                                         "our partners",
                                         "tracking technolog"};
    static const char *const paywall[] = {
        "subscriber",         "subscribe",         "subscription",     "free article",
        "articles remaining", "article remaining", "continue reading", "unlimited access",
        "log in to",          "sign in to",        "paywall",          "premium",
        "register to"};
    static const char *const ads[] = {
        "advertisement",     "advertisements", "advertising", "ad",       "sponsored",
        "sponsored content", "paid content",   "promoted",    "paid post"};
    static const char *const credits[] = {
        "reporting by ", "additional reporting by ", "writing by ", "editing by ", "compiled by ",
        "written by ",   "contributed by ",          "text by ",    "source: ",    "sources: "};
    static const char *const bios[] = {"about the author", "the author is ", "(the author ",
                                       "the writer is ", "(the writer "};
    static const char *const navs[] = {"skip to",
                                       "back to top",
                                       "page top",
                                       "click here",
                                       "jump to",
                                       "breaking news",
                                       "accessibility links",
                                       "text size",
                                       "sign in",
                                       "log in",
                                       "sign up",
                                       "enter your email",
                                       "follow us",
                                       "top of page",
                                       "return to top",
                                       "go to top",
                                       "back to "};
    static const char *const comments[] = {
        "post a comment", "leave a comment",     "add a comment",         "view comments",
        "show comments",  "join the discussion", "join the conversation", "comments ("};
    static const char *const labels[] = {"related:",         "related coverage:",
                                         "related topics:",  "related articles:",
                                         "related stories:", "read more:",
                                         "read also:",       "also read:",
                                         "see also:",        "more:"};
    static const char *const tags[] = {
        "tags:", "topics:", "keywords:", "filed under:", "categories:", "tagged:"};
    memset(v, 0, sizeof(*v));
    if (u->words == 0) {
        v->reason = "decoration";
        return;
    }
    if (u->kind == CLEAN_TABLE || n > 1200)
        return; /* chrome comes in short pieces; long text is left to the classifier */
    if (u->url && !memchr(t, ' ', n)) {
        v->reason = "url";
    } else if (n < 300 && (memmem(t, n, "\xC2\xA9", 2) || clean_starts_lc(low, n, "copyright") ||
                           clean_has_lc(low, n, "all rights reserved"))) {
        v->reason = "footer";
    } else if (n < 800 && (clean_has_lc(low, n, "cookie") || clean_has_lc(low, n, "consent")) &&
               clean_count_lc(low, n, cookie, CLEAN_COUNT(cookie)) >= 2) {
        v->reason = "cookie-notice";
        v->contagious = 1;
    } else if (n < 300 && clean_count_lc(low, n, paywall, CLEAN_COUNT(paywall)) >= 2) {
        v->reason = "paywall";
        v->transparent = 1;
    } else if (n < 300 && (clean_has_lc(low, n, "newsletter") || clean_has_lc(low, n, "inbox")) &&
               (clean_has_lc(low, n, "sign up") || clean_has_lc(low, n, "subscribe") ||
                clean_has_lc(low, n, "email") || clean_has_lc(low, n, "inbox"))) {
        v->reason = "newsletter";
        v->transparent = 1;
    } else if (clean_caption(low, n)) {
        v->reason = "caption";
        v->transparent = v->contagious = 1;
    } else if (clean_in_words_lc(low, n, ads, CLEAN_COUNT(ads)) ||
               (n < 80 && (clean_has_lc(low, n, "below advertisement") ||
                           clean_has_lc(low, n, "after advertisement") ||
                           clean_has_lc(low, n, "continues below")))) {
        v->reason = "advertisement";
        v->transparent = 1;
    } else if (n < 300 &&
               (clean_has_lc(low, n, "; editing by") || clean_has_lc(low, n, " / written by") ||
                clean_starts_any_lc(low, n, credits, CLEAN_COUNT(credits)) ||
                clean_has_lc(low, n, " contributed to this report") ||
                clean_has_lc(low, n, " contributed to this story") ||
                clean_has_lc(low, n, " contributed to this article") ||
                clean_has_lc(low, n, " contributed reporting"))) {
        v->reason = clean_has_lc(low, n, "by ") ? "byline" : "credits";
    } else if (n < 600 && clean_starts_any_lc(low, n, bios, CLEAN_COUNT(bios))) {
        v->reason = "author-bio";
    } else if (clean_byline(u, t, low, n)) {
        v->reason = "byline";
    } else if (clean_timestamp(t, n, u->words)) {
        v->reason = "timestamp";
    } else if (clean_end_marker(low, n, u->words)) {
        v->reason = "end-marker";
    } else if (u->share >= 2 && u->words <= 12 && u->stops * 4 <= u->words) {
        v->reason = "share";
    } else if (n < 60 && (clean_count_lc(low, n, comments, CLEAN_COUNT(comments)) ||
                          clean_equals_lc(low, n, "comments"))) {
        v->reason = "comments";
    } else if (n < 30 &&
               (clean_has_lc(low, n, " min read") || clean_has_lc(low, n, " minute read") ||
                clean_has_lc(low, n, " mins read") || clean_has_lc(low, n, "-minute read"))) {
        v->reason = "navigation";
    } else if (n < 60 && clean_starts_any_lc(low, n, navs, CLEAN_COUNT(navs))) {
        v->reason = "navigation";
    } else if (clean_list_heading(t, n, u->words)) {
        v->reason = "related-links";
        v->list_head = 1;
        v->transparent = 1;
    } else if (n < 250 && clean_starts_any_lc(low, n, labels, CLEAN_COUNT(labels))) {
        v->reason = "related-links";
        v->transparent = 1;
    } else if (n < 250 && clean_starts_any_lc(low, n, tags, CLEAN_COUNT(tags))) {
        v->reason = "tags";
    } else if (u->words <= 12 && u->seps >= 1 &&
               (memmem(t, n, " > ", 3) || memmem(t, n, " \xC2\xBB ", 4) ||
                memmem(t, n, " \xE2\x80\xBA ", 5) || (memmem(t, n, " / ", 3) && u->words <= 4))) {
        v->reason = "navigation"; /* a breadcrumb */
    }
}

/* ---- classification ---- */

/* The context-free class of a paragraph, after jusText (Pomikalek 2011, "Removing Boilerplate
 * and Duplicate Content from Web Corpora", ch. 4): long text dense in function words is good,
 * link rows and menus are bad, short text waits for its neighbours. Two changes for pasted
 * news pages: text without final punctuation stays short however long its headline, and a
 * short full sentence counts as near-good. */
static unsigned char clean_initial_class(const struct clean_unit *u)
{
    int terminal = u->end_kind == CLEAN_END_SENT || u->end_kind == CLEAN_END_COLON ||
                   u->end_kind == CLEAN_END_SEMI;
    size_t w = u->words;

    if (u->kind == CLEAN_TABLE)
        return CLEAN_NEAR; /* figures: kept when the story around them is */
    if (w == 0)
        return CLEAN_BAD;
    if ((u->seps >= 2 && u->seps * 3 >= w) || (u->seps >= 1 && w <= 8 && !terminal))
        return CLEAN_BAD; /* "Home | World | Asia" */
    if (u->nav * 2 >= w && w <= 12)
        return CLEAN_BAD;
    if (u->chars < 70)
        return terminal && w >= 6 && u->stops * 5 >= w ? CLEAN_NEAR : CLEAN_SHORT;
    if (!terminal && (w <= 20 || u->chars < 120))
        return CLEAN_SHORT; /* headline-like; longer text without an end is cut-off prose */
    if (u->stops * 100 < w * 18)
        /* few English function words: a menu, a list of names, or a sentence in another
         * language; a full sentence without separators or widget words is the last */
        return u->end_kind == CLEAN_END_SENT && w >= 8 && u->seps == 0 && u->nav == 0 ? CLEAN_NEAR
                                                                                      : CLEAN_BAD;
    if (terminal && u->stops * 100 >= w * 28 && u->chars >= 150)
        return CLEAN_GOOD;
    return CLEAN_NEAR;
}

/* Copies pg->scratch into pg->lower, ASCII letters lower-cased. */
static int clean_lower_copy(struct clean_page *pg)
{
    size_t n = pg->scratch.len;

    if (clean_grow((void **)&pg->lower.s, &pg->lower.cap, n + 1, 1))
        return -1;
    for (size_t i = 0; i < n; i++)
        pg->lower.s[i] = (char)clean_lower((unsigned char)pg->scratch.s[i]);
    pg->lower.s[n] = '\0';
    pg->lower.len = n;
    return 0;
}

/* Folds unit u into pg->scratch. */
static int clean_unit_text(struct clean_page *pg, const struct clean_unit *u)
{
    pg->scratch.len = 0;
    if (clean_fold(pg, u->start, u->end, u->kind == CLEAN_TABLE, &pg->scratch, NULL))
        return -1;
    if (!pg->scratch.s && clean_text_put(&pg->scratch, "", 0, 0, 0))
        return -1;
    return 0;
}

static void clean_force(struct clean_unit *u, const char *reason, int transparent)
{
    u->forced = 1;
    u->cls = CLEAN_BAD;
    u->reason = reason;
    u->transparent = (unsigned char)(u->transparent || transparent);
}

/* A caption or a consent banner takes the other lines of its small block with it ("Image 3 of
 * 4" / caption / "Photo: Kyodo"). */
static void clean_contagion(struct clean_page *pg)
{
    size_t i = 0;

    while (i < pg->unit_count) {
        size_t j = i, hit = pg->unit_count;
        while (j < pg->unit_count && pg->units[j].block == pg->units[i].block) {
            if (pg->units[j].contagious && hit == pg->unit_count)
                hit = j;
            j++;
        }
        if (hit < pg->unit_count && j - i <= 4)
            for (size_t k = i; k < j; k++)
                if (!pg->units[k].forced && pg->units[k].chars < 300 &&
                    pg->units[k].kind == CLEAN_TEXT)
                    clean_force(&pg->units[k], pg->units[hit].reason, pg->units[hit].transparent);
        i = j;
    }
}

/* Link lists: the lines under a list heading ("Related", "Most read", "Recommended for you"),
 * and runs of bullet items that mostly lack final punctuation (headlines, not content). */
static void clean_lists(struct clean_page *pg)
{
    struct clean_unit *units = pg->units;
    size_t n = pg->unit_count;

    size_t last_good = n;

    for (size_t i = 0; i < n; i++)
        if (units[i].cls == CLEAN_GOOD && !units[i].forced)
            last_good = i;
    for (size_t i = 0; i < n; i++) {
        int alone, tail;
        if (!units[i].list_head)
            continue;
        alone = i + 1 >= n || units[i + 1].block != units[i].block;
        /* a heading on its own after the story's last long paragraph: all that follows is
         * the box ("Related stories" and one-line summaries of them) */
        tail = alone && (last_good == n || last_good < i);
        for (size_t j = i + 1; j < n; j++) {
            struct clean_unit *u = &units[j];
            int same = u->block == units[i].block;
            if (u->kind != CLEAN_TEXT || u->list_head || (!same && !alone))
                break;
            if (u->truncated)
                clean_force(u, "teaser", 1);
            else if ((same && u->chars < 250) || (tail && u->chars < 400) ||
                     (!same && u->chars < 100 && u->end_kind != CLEAN_END_SENT))
                clean_force(u, u->forced ? u->reason : "related-links", 1);
            else
                break;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t j = i, terminal = 0;
        int intro;
        while (j < n && units[j].kind == CLEAN_TEXT && (units[j].bullet || units[j].numbered)) {
            terminal += units[j].end_period || units[j].end_kind == CLEAN_END_SEMI ||
                        units[j].end_kind == CLEAN_END_COLON;
            j++;
        }
        if (j == i) {
            i++;
            continue;
        }
        intro = i > 0 && units[i - 1].end_kind == CLEAN_END_COLON && units[i - 1].words >= 5 &&
                !units[i - 1].forced;
        if (j - i >= 2 && terminal * 2 < j - i && !intro)
            for (size_t k = i; k < j; k++)
                if (!units[k].forced)
                    clean_force(&units[k], "related-links", 1);
        i = j;
    }
}

/* The nearest class before and after each unit, skipping transparent units, short ones, and
 * near-good ones unless with_near (the page edges count as bad). */
static void clean_neighbours(const struct clean_page *pg, unsigned char *prev, unsigned char *next,
                             int with_near)
{
    unsigned char last = CLEAN_BAD;
    size_t n = pg->unit_count;

    for (size_t i = 0; i < n; i++) {
        const struct clean_unit *u = &pg->units[i];
        prev[i] = last;
        if (!u->transparent &&
            (u->cls == CLEAN_GOOD || u->cls == CLEAN_BAD || (with_near && u->cls == CLEAN_NEAR)))
            last = u->cls;
    }
    last = CLEAN_BAD;
    for (size_t i = n; i-- > 0;) {
        const struct clean_unit *u = &pg->units[i];
        next[i] = last;
        if (!u->transparent &&
            (u->cls == CLEAN_GOOD || u->cls == CLEAN_BAD || (with_near && u->cls == CLEAN_NEAR)))
            last = u->cls;
    }
}

/* jusText's context rules: a short paragraph between good ones is good, between bad ones bad;
 * a near-good paragraph is bad only between bad ones. Linear: neighbours are precomputed. */
static int clean_context(struct clean_page *pg)
{
    size_t n = pg->unit_count;
    unsigned char *buf = malloc(4 * (n + 1));
    unsigned char *pgb, *ngb, *pgn, *ngn;

    if (!buf)
        return -1;
    pgb = buf, ngb = buf + n + 1, pgn = buf + 2 * (n + 1), ngn = buf + 3 * (n + 1);
    clean_neighbours(pg, pgb, ngb, 0);
    clean_neighbours(pg, pgn, ngn, 1);
    for (size_t i = 0; i < n; i++) {
        struct clean_unit *u = &pg->units[i];
        if (u->forced || u->cls != CLEAN_SHORT)
            continue;
        if (pgb[i] == CLEAN_GOOD && ngb[i] == CLEAN_GOOD)
            u->cls = CLEAN_GOOD;
        else if (pgb[i] == CLEAN_BAD && ngb[i] == CLEAN_BAD)
            u->cls = CLEAN_BAD;
        else if ((pgb[i] == CLEAN_BAD && pgn[i] == CLEAN_NEAR) ||
                 (ngb[i] == CLEAN_BAD && ngn[i] == CLEAN_NEAR))
            u->cls = CLEAN_GOOD;
        else
            u->cls = CLEAN_BAD;
    }
    clean_neighbours(pg, pgb, ngb, 0);
    for (size_t i = 0; i < n; i++) {
        struct clean_unit *u = &pg->units[i];
        if (!u->forced && u->cls == CLEAN_NEAR)
            u->cls = pgb[i] == CLEAN_BAD && ngb[i] == CLEAN_BAD ? CLEAN_BAD : CLEAN_GOOD;
        u->keep = u->cls == CLEAN_GOOD;
    }
    free(buf);
    return 0;
}

/* FNV-1a hash of a word, ASCII lower-cased: the key of the content-word sets below. */
static uint64_t clean_word_hash(const char *w, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++)
        h = (h ^ clean_lower((unsigned char)w[i])) * 1099511628211ULL;
    return h | 1; /* 0 marks an empty slot */
}

/* A set of content-word hashes (open addressing, load at most one half). */
struct clean_words {
    uint64_t *slot;
    size_t cap, used;
};

static int clean_words_add(struct clean_words *w, uint64_t h)
{
    size_t i;

    if ((w->used + 1) * 2 > w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 64;
        uint64_t *bigger = calloc(ncap, sizeof(*bigger));
        if (!bigger)
            return -1;
        for (size_t j = 0; j < w->cap; j++)
            if (w->slot[j]) {
                size_t k = (size_t)(w->slot[j] % ncap);
                while (bigger[k])
                    k = (k + 1) % ncap;
                bigger[k] = w->slot[j];
            }
        free(w->slot);
        w->slot = bigger;
        w->cap = ncap;
    }
    i = (size_t)(h % w->cap);
    while (w->slot[i] && w->slot[i] != h)
        i = (i + 1) % w->cap;
    if (!w->slot[i]) {
        w->slot[i] = h;
        w->used++;
    }
    return 0;
}

static int clean_words_has(const struct clean_words *w, uint64_t h)
{
    size_t i;

    if (!w->cap)
        return 0;
    i = (size_t)(h % w->cap);
    while (w->slot[i] && w->slot[i] != h)
        i = (i + 1) % w->cap;
    return w->slot[i] == h;
}

/* Adds (add) or looks up the content words of unit u: ASCII words of four letters or more that
 * are not stop words. *total and *hits count them when looking up. */
static int clean_words_of(struct clean_page *pg, const struct clean_unit *u, struct clean_words *w,
                          int add, size_t *total, size_t *hits)
{
    size_t i = 0, ws, we;

    if (clean_unit_text(pg, u))
        return -1;
    while (clean_next_word(pg->scratch.s, pg->scratch.len, &i, &ws, &we)) {
        uint64_t h;
        if (we - ws < 4 || ingest_stop_word(pg->scratch.s + ws, we - ws))
            continue;
        h = clean_word_hash(pg->scratch.s + ws, we - ws);
        if (add) {
            if (clean_words_add(w, h))
                return -1;
        } else {
            (*total)++;
            *hits += (size_t)clean_words_has(w, h);
        }
    }
    return 0;
}

/* Teasers: after the story's last complete paragraph, paragraphs cut off mid-sentence are
 * snippets of other stories. One that continues the story's own block and shares most of its
 * vocabulary is a truncated last paragraph instead, and stays. */
static int clean_teasers(struct clean_page *pg)
{
    struct clean_words story = {0};
    size_t n = pg->unit_count, last = n;
    int built = 0, rc = -1;

    for (size_t i = 0; i < n; i++)
        if (pg->units[i].keep && !pg->units[i].truncated)
            last = i;
    if (last == n)
        return 0;
    for (size_t i = last + 1; i < n; i++) {
        struct clean_unit *u = &pg->units[i];
        if (!u->truncated || (u->forced && u->reason && strcmp(u->reason, "teaser") != 0) ||
            (size_t)u->stops * 100 < (size_t)u->words * 15)
            continue;
        if (u->block == pg->units[last].block) {
            size_t total = 0, hits = 0;
            if (!built) { /* the story's vocabulary, once */
                for (size_t k = 0; k <= last; k++)
                    if (pg->units[k].keep &&
                        clean_words_of(pg, &pg->units[k], &story, 1, NULL, NULL))
                        goto out;
                built = 1;
            }
            if (clean_words_of(pg, u, &story, 0, &total, &hits))
                goto out;
            if (total && hits * 2 >= total)
                continue;
        }
        clean_force(u, "teaser", 0);
        u->keep = 0;
    }
    rc = 0;
out:
    free(story.slot);
    return rc;
}

/* Author notes after the story: a heading "About the author" takes the paragraph under it, and
 * the story's last kept paragraphs are dropped while they read as author taglines. */
static int clean_taglines(struct clean_page *pg)
{
    size_t n = pg->unit_count;

    for (size_t i = 0; i + 1 < n; i++) {
        struct clean_unit *u = &pg->units[i], *next = &pg->units[i + 1];
        if (u->reason && strcmp(u->reason, "author-bio") == 0 && u->words <= 4 &&
            !next->forced && next->kind == CLEAN_TEXT && next->chars < 1200) {
            clean_force(next, "author-bio", 0);
            next->keep = 0;
        }
    }
    for (size_t i = n; i-- > 0;) {
        struct clean_unit *u = &pg->units[i];
        if (!u->keep)
            continue;
        if (u->kind != CLEAN_TEXT || u->bullet || u->numbered)
            break;
        if (clean_unit_text(pg, u))
            return -1;
        if (!clean_tagline(pg->scratch.s, pg->scratch.len))
            break;
        clean_force(u, "author-bio", 0);
        u->keep = 0;
    }
    return 0;
}

/* Names the chrome the detectors left unnamed: the headline, the site name (a proper name
 * among the first lines, above the headline), then by position (header, footer, boilerplate). */
static void clean_name_reasons(struct clean_page *pg)
{
    size_t n = pg->unit_count, first = n, last = 0, title = n, suffixed = n;

    for (size_t i = 0; i < n; i++)
        if (pg->units[i].keep) {
            if (first == n)
                first = i;
            last = i;
        }
    /* The headline is the first headline-like line above the story (a standfirst may follow
     * it) and below the menu, if there is one. A proper name at the top ("Harbor Times") is the masthead, unless nothing else
     * qualifies; a "Headline | Outlet" line counts when no bare headline is there. */
    if (pg->versions == 0) {
        size_t named = n;
        int reopened = 0;
        for (size_t i = 0; i < first && i < n; i++) {
            const struct clean_unit *u = &pg->units[i];
            if (u->nav > 0 && u->nav * 2 >= u->words && u->words <= 12 && title < n)
                reopened = 1; /* a line above the menu is the site's slogan, not the headline */
            if (u->reason || !u->title_like || u->nav > 0)
                continue;
            if (u->name_like)
                named = i;
            else if (u->seps == 0 && (title == n || reopened)) {
                title = i;
                reopened = 0;
            } else if (u->seps > 0 && suffixed == n)
                suffixed = i;
        }
        if (title == n)
            title = suffixed < n ? suffixed : named;
        if (title < n)
            pg->units[title].reason = "headline";
    }
    /* the masthead: a proper name among the first lines, above the headline */
    for (size_t i = 0; i < first && i < n && i < 3 && i < title; i++)
        if (!pg->units[i].reason && pg->units[i].name_like) {
            pg->units[i].reason = "site-name";
            break;
        }
    for (size_t i = 0; i < n; i++) {
        struct clean_unit *u = &pg->units[i];
        int listy = u->seps > 0 || u->nav > 0;
        if (u->keep || u->reason)
            continue;
        if (i < first)
            u->reason = listy ? "navigation" : "header";
        else if (i > last)
            u->reason = listy ? "navigation" : "footer";
        else
            u->reason = listy ? "navigation" : "boilerplate";
    }
}

/* A page with no paragraph long enough to be good: a brief of short paragraphs, or a page in
 * another language (few English function words anywhere). Sentences count as near-good
 * whatever their function words when the page is not English; then the stretch between two
 * pieces of chrome with the most near-good text is taken as the story. */
static void clean_no_good(struct clean_page *pg)
{
    size_t n = pg->unit_count, words = 0, stops = 0, best_chars = 0, best_from = n, best_to = n;

    for (size_t i = 0; i < n; i++) {
        words += pg->units[i].words;
        stops += pg->units[i].stops;
    }
    if (stops * 10 < words) /* not English: judge by length and sentence shape only */
        for (size_t i = 0; i < n; i++) {
            struct clean_unit *u = &pg->units[i];
            if (!u->forced && u->end_kind == CLEAN_END_SENT && u->words >= 5 && u->seps == 0)
                u->cls = u->chars >= 150 ? CLEAN_GOOD : CLEAN_NEAR;
        }
    for (size_t i = 0; i < n; i++)
        if (pg->units[i].cls == CLEAN_GOOD)
            return;
    for (size_t i = 0; i < n;) {
        size_t j = i, chars = 0;
        while (j < n && !(pg->units[j].cls == CLEAN_BAD && !pg->units[j].transparent)) {
            if (pg->units[j].cls == CLEAN_NEAR)
                chars += pg->units[j].chars;
            j++;
        }
        if (chars > best_chars) {
            best_chars = chars;
            best_from = i;
            best_to = j;
        }
        i = j + 1;
    }
    for (size_t i = best_from; i < best_to; i++)
        if (pg->units[i].cls == CLEAN_NEAR)
            pg->units[i].cls = CLEAN_GOOD;
}

static int clean_classify(struct clean_page *pg)
{
    size_t n = pg->unit_count, first_body = n, good = 0;

    for (size_t i = 0; i < n; i++) {
        struct clean_unit *u = &pg->units[i];
        struct clean_verdict v;
        if (clean_features(pg, u))
            return -1;
        u->cls = clean_initial_class(u);
        if (clean_lower_copy(pg))
            return -1;
        clean_detect(u, pg->scratch.s ? pg->scratch.s : "", pg->lower.s, pg->scratch.len, &v);
        if (v.reason) {
            clean_force(u, v.reason, v.transparent);
            u->contagious = v.contagious;
            u->list_head = v.list_head;
        } else if (u->kind == CLEAN_VCELL) {
            u->forced = 1;
            u->cls = CLEAN_GOOD;
        }
    }
    for (size_t i = 0; i < n && first_body == n; i++)
        if (pg->units[i].cls == CLEAN_GOOD)
            first_body = i;
    for (size_t i = 0; i < n && first_body == n; i++)
        if (pg->units[i].cls == CLEAN_NEAR && pg->units[i].end_kind == CLEAN_END_SENT)
            first_body = i;
    /* Above the story: bylines with a place, datelines on their own line. */
    for (size_t i = 0; i < first_body; i++) {
        struct clean_unit *u = &pg->units[i];
        if (u->forced || u->kind != CLEAN_TEXT || u->chars > 60)
            continue;
        if (clean_unit_text(pg, u))
            return -1;
        if (clean_byline_in_place(pg->scratch.s, pg->scratch.len, u->words))
            clean_force(u, "byline", 0);
        else if (clean_dateline_line(pg->scratch.s, pg->scratch.len, u->words))
            clean_force(u, "dateline-line", 0);
    }
    clean_contagion(pg);
    clean_lists(pg);
    for (size_t i = 0; i < n; i++)
        good += pg->units[i].cls == CLEAN_GOOD;
    if (good == 0)
        clean_no_good(pg);
    if (clean_context(pg) || clean_teasers(pg) || clean_taglines(pg))
        return -1;
    clean_name_reasons(pg);
    return 0;
}

/* ---- version tables (NewsDiffs) ---- */

/* Splits the pipe row s[start, end) into trimmed cells in pg->cells: one trailing '|' closes
 * the row, the others separate cells. */
static int clean_row_cells(struct clean_page *pg, size_t start, size_t end, size_t *count)
{
    size_t c = start, k;

    *count = 0;
    if (end > start && pg->s[end - 1] == '|')
        end--;
    for (size_t i = start; i <= end; i++) {
        size_t a, b;
        if (i < end && pg->s[i] != '|')
            continue;
        a = c, b = i;
        while (a < b && (k = clean_space_at(pg->s, a, b)) > 0)
            a += k;
        while (b > a && (k = clean_space_before(pg->s, a, b)) > 0)
            b -= k;
        if (clean_grow((void **)&pg->cells, &pg->cell_cap, *count + 1, sizeof(*pg->cells)))
            return -1;
        pg->cells[(*count)++] = (struct ingest_range){a, b};
        c = i + 1;
    }
    return 0;
}

static int clean_line_blank(const struct clean_page *pg, size_t l)
{
    return pg->lines[l].start == pg->lines[l].end;
}

static int clean_line_ends_pipe(const struct clean_page *pg, size_t l)
{
    return !clean_line_blank(pg, l) && pg->s[pg->lines[l].end - 1] == '|';
}

/* The line of a "Version 2 | Version 3 |" header followed by a "---|---|" row, or
 * line_count; *cols gets the number of version columns. */
static int clean_find_versions(struct clean_page *pg, size_t *at, size_t *cols)
{
    *at = pg->line_count;
    for (size_t l = 0; l + 1 < pg->line_count; l++) {
        const struct clean_line *ln = &pg->lines[l];
        size_t count, ok = 0, next = l + 1;
        if (!clean_starts_ci(pg->s + ln->start, ln->end - ln->start, "version ") ||
            !clean_line_has_pipe(pg, l))
            continue;
        if (clean_row_cells(pg, ln->start, ln->end, &count))
            return -1;
        for (size_t c = 0; c < count; c++) {
            const char *t = pg->s + pg->cells[c].start;
            size_t m = pg->cells[c].end - pg->cells[c].start;
            ok += clean_starts_ci(t, m, "version ") && m > 8 && clean_is_digit((unsigned char)t[8]);
        }
        while (next < pg->line_count && clean_line_blank(pg, next))
            next++;
        if (count >= 2 && ok == count && next < pg->line_count &&
            clean_separator_row(pg->s + pg->lines[next].start,
                                pg->lines[next].end - pg->lines[next].start)) {
            *at = l;
            *cols = count;
            return 0;
        }
    }
    return 0;
}

/* Records s[start, end) as removed for reason. */
static int clean_remove(struct clean_page *pg, size_t start, size_t end, const char *reason)
{
    struct clean_text t = {0};
    struct ingest_removed *r;

    if (clean_fold(pg, start, end, 0, &t, NULL) || (!t.s && clean_text_put(&t, "", 0, 0, 0)) ||
        clean_grow((void **)&pg->removed, &pg->removed_cap, pg->removed_count + 1,
                   sizeof(*pg->removed))) {
        free(t.s);
        return -1;
    }
    r = &pg->removed[pg->removed_count++];
    r->raw.start = clean_raw_at(pg, start);
    r->raw.end = clean_raw_at(pg, end);
    r->reason = reason;
    r->text = t.s;
    return 0;
}

static int clean_cells_equal(struct clean_page *pg, struct ingest_range a, struct ingest_range b)
{
    struct clean_text x = {0}, y = {0};
    int eq = -1;

    if (!clean_fold(pg, a.start, a.end, 0, &x, NULL) &&
        !clean_fold(pg, b.start, b.end, 0, &y, NULL))
        eq = x.len == y.len && (x.len == 0 || memcmp(x.s, y.s, x.len) == 0);
    free(x.s);
    free(y.s);
    return eq;
}

/* A version table: the header lines above it (source, URL, "changed N times") and its header
 * rows are removed; each row gives one paragraph, the rightmost non-empty cell (the latest
 * wording); the other cells are removed as duplicate or superseded versions. The first row is
 * the headline; "(about 1 hour later)" rows are the versions' time gaps. *after gets the first
 * line after the table. */
static int clean_version_table(struct clean_page *pg, size_t at, size_t cols, size_t *after)
{
    size_t l = at + 1, count;
    int headline = 1;

    pg->versions = (int)cols;
    for (size_t k = 0; k < at; k++)
        if (!clean_line_blank(pg, k) &&
            clean_remove(pg, pg->lines[k].start, pg->lines[k].end, "version-preamble"))
            return -1;
    if (clean_remove(pg, pg->lines[at].start, pg->lines[at].end, "version-table-header"))
        return -1;
    while (clean_line_blank(pg, l))
        l++;
    if (clean_remove(pg, pg->lines[l].start, pg->lines[l].end, "version-table-header"))
        return -1;
    for (l++; l < pg->line_count; l++) {
        size_t pick = SIZE_MAX;
        const char *reason = NULL;
        if (clean_line_blank(pg, l)) {
            size_t next = l;
            while (next < pg->line_count && clean_line_blank(pg, next))
                next++;
            if (next == pg->line_count || !clean_line_ends_pipe(pg, next))
                break;
            l = next;
        }
        if (!clean_line_ends_pipe(pg, l))
            break;
        if (clean_row_cells(pg, pg->lines[l].start, pg->lines[l].end, &count))
            return -1;
        if (count > cols) {
            /* '|' inside the text: "A | B | A | B |" is two cells of "A | B" each; otherwise
             * the oldest cell takes the extra pieces and the latest stays whole */
            size_t per = count % cols == 0 ? count / cols : 1;
            if (per > 1) {
                for (size_t c = 0; c < cols; c++)
                    pg->cells[c] = (struct ingest_range){pg->cells[c * per].start,
                                                         pg->cells[c * per + per - 1].end};
            } else {
                pg->cells[count - cols].start = pg->cells[0].start;
                memmove(pg->cells, pg->cells + (count - cols), cols * sizeof(*pg->cells));
            }
            count = cols;
        }
        for (size_t c = 0; c < count; c++)
            if (pg->cells[c].end > pg->cells[c].start)
                pick = c;
        if (pick == SIZE_MAX)
            continue;
        {
            const char *t = pg->s + pg->cells[pick].start;
            size_t m = pg->cells[pick].end - pg->cells[pick].start;
            if (m > 2 && t[0] == '(' && t[m - 1] == ')' &&
                (clean_has_ci(t, m, " later") || clean_has_ci(t, m, " earlier") ||
                 clean_has_ci(t, m, " ago")))
                reason = "version-timestamp";
            else if (headline)
                reason = "headline";
        }
        for (size_t c = 0; c < count; c++) {
            int eq;
            if (c == pick || pg->cells[c].end == pg->cells[c].start)
                continue;
            eq = clean_cells_equal(pg, pg->cells[c], pg->cells[pick]);
            if (eq < 0 || clean_remove(pg, pg->cells[c].start, pg->cells[c].end,
                                       reason && strcmp(reason, "headline") != 0 ? reason
                                       : eq ? "duplicate-version"
                                            : "superseded-version"))
                return -1;
        }
        if (reason) {
            if (clean_remove(pg, pg->cells[pick].start, pg->cells[pick].end, reason))
                return -1;
            headline = headline && strcmp(reason, "headline") != 0;
            continue;
        }
        headline = 0;
        if (clean_add_unit(pg, pg->cells[pick].start, pg->cells[pick].end, 1, CLEAN_VCELL,
                           pg->next_block++))
            return -1;
    }
    *after = l;
    return 0;
}

static int clean_build_units(struct clean_page *pg)
{
    size_t l = 0, at, cols = 0;

    if (clean_find_versions(pg, &at, &cols))
        return -1;
    if (at < pg->line_count && clean_version_table(pg, at, cols, &l))
        return -1;
    while (l < pg->line_count) {
        size_t b;
        while (l < pg->line_count && clean_line_blank(pg, l))
            l++;
        b = l;
        while (l < pg->line_count && !clean_line_blank(pg, l))
            l++;
        if (b < l && clean_block_units(pg, b, l))
            return -1;
    }
    return 0;
}

/* ---- output ---- */

static int clean_removed_cmp(const void *a, const void *b)
{
    const struct ingest_removed *x = a, *y = b;

    if (x->raw.start != y->raw.start)
        return x->raw.start < y->raw.start ? -1 : 1;
    return x->raw.end < y->raw.end ? -1 : x->raw.end > y->raw.end;
}

/* Reasons whose adjacent lines (same block) are recorded as one removed span: a menu of twenty
 * lines is one "navigation" span. Lines that metadata reads one by one stay apart. */
static int clean_mergeable(const char *reason)
{
    static const char *const single[] = {"headline",  "site-name",     "byline", "credits",
                                         "timestamp", "dateline-line", "url",    "teaser"};

    for (size_t i = 0; i < CLEAN_COUNT(single); i++)
        if (strcmp(reason, single[i]) == 0)
            return 0;
    return 1;
}

/* Gives the text of the open run back to its removed span. */
static int clean_close_run(struct clean_page *pg, struct clean_text *run, size_t *run_index)
{
    if (*run_index == SIZE_MAX)
        return 0;
    if (!run->s && clean_text_put(run, "", 0, 0, 0))
        return -1;
    pg->removed[*run_index].text = run->s;
    memset(run, 0, sizeof(*run));
    *run_index = SIZE_MAX;
    return 0;
}

static int clean_output(struct clean_page *pg, struct ingest_doc *doc)
{
    struct clean_text out = {0}, run = {0};
    size_t last_end = 0, run_index = SIZE_MAX;
    int any = 0;

    out.with_map = 1;
    for (size_t i = 0; i < pg->unit_count; i++) {
        const struct clean_unit *u = &pg->units[i];
        if (!u->keep) {
            const char *reason = u->reason ? u->reason : "boilerplate";
            struct ingest_removed *r;
            if (run_index != SIZE_MAX && !pg->units[i - 1].keep &&
                pg->units[i - 1].block == u->block &&
                strcmp(pg->removed[run_index].reason, reason) == 0) {
                if (clean_text_put(&run, " ", 1, 0, 0) ||
                    clean_fold(pg, u->start, u->end, 0, &run, NULL))
                    goto fail;
                pg->removed[run_index].raw.end = clean_raw_at(pg, u->end);
                continue;
            }
            if (clean_close_run(pg, &run, &run_index) || clean_remove(pg, u->start, u->end, reason))
                goto fail;
            r = &pg->removed[pg->removed_count - 1];
            if (strcmp(reason, "teaser") == 0) {
                char *copy = strdup(r->text);
                if (!copy || clean_grow((void **)&pg->related, &pg->related_cap,
                                        pg->related_count + 1, sizeof(*pg->related))) {
                    free(copy);
                    goto fail;
                }
                pg->related[pg->related_count++] = copy;
            }
            if (clean_mergeable(reason)) { /* the builder holds the text while the run is open */
                run.s = r->text;
                run.len = strlen(r->text);
                run.cap = run.len + 1;
                r->text = NULL;
                run_index = pg->removed_count - 1;
            }
            continue;
        }
        if (clean_close_run(pg, &run, &run_index))
            goto fail;
        if (any && clean_text_put(&out, "\n\n", 2, last_end, 1))
            goto fail;
        if (clean_fold(pg, u->start, u->end, u->kind == CLEAN_TABLE, &out, NULL))
            goto fail;
        last_end = clean_raw_at(pg, u->end);
        any = 1;
    }
    if (clean_close_run(pg, &run, &run_index))
        goto fail;
    if (clean_text_put(&out, "", 0, 0, 0) ||
        clean_grow((void **)&out.map, &out.map_cap, out.len + 1, sizeof(size_t)))
        goto fail;
    out.map[out.len] = last_end;
    doc->clean = out.s;
    doc->clean_len = out.len;
    doc->clean_to_raw = out.map;
    if (pg->removed_count)
        qsort(pg->removed, pg->removed_count, sizeof(*pg->removed), clean_removed_cmp);
    doc->removed = pg->removed;
    doc->removed_count = pg->removed_count;
    pg->removed = NULL;
    pg->removed_count = 0;
    doc->related = pg->related;
    doc->related_count = pg->related_count;
    pg->related = NULL;
    pg->related_count = 0;
    doc->versions = pg->versions;
    doc->invalid_utf8 = pg->invalid;
    return 0;
fail:
    if (run_index != SIZE_MAX) /* the span's text is the builder's */
        pg->removed[run_index].text = run.s;
    else
        free(run.s);
    free(out.s);
    free(out.map);
    return -1;
}

static void clean_page_clear(struct clean_page *pg)
{
    free(pg->s);
    free(pg->marks);
    free(pg->lines);
    free(pg->units);
    for (size_t i = 0; i < pg->removed_count; i++)
        free(pg->removed[i].text);
    free(pg->removed);
    for (size_t i = 0; i < pg->related_count; i++)
        free(pg->related[i]);
    free(pg->related);
    free(pg->cells);
    free(pg->scratch.s);
    free(pg->lower.s);
    memset(pg, 0, sizeof(*pg));
}

int ingest_clean(const char *raw, size_t len, struct ingest_doc *out)
{
    struct clean_page pg = {0};
    int rc = -1;

    memset(out, 0, sizeof(*out));
    pg.raw = raw ? raw : "";
    pg.raw_len = raw ? len : 0;
    if (clean_normalize(&pg) || clean_split_lines(&pg) || clean_build_units(&pg))
        goto out;
    free(pg.lines); /* units hold what is needed from here on */
    pg.lines = NULL;
    pg.line_count = pg.line_cap = 0;
    if (clean_classify(&pg) || clean_output(&pg, out))
        goto out;
    if (ingest_segment_doc(out) || ingest_meta_extract(pg.raw, pg.raw_len, out))
        goto out;
    rc = 0;
out:
    clean_page_clear(&pg);
    if (rc)
        ingest_doc_clear(out);
    return rc;
}

static void clean_field_clear(struct ingest_field *f)
{
    free(f->value);
    memset(f, 0, sizeof(*f));
}

void ingest_doc_clear(struct ingest_doc *doc)
{
    if (!doc)
        return;
    free(doc->clean);
    free(doc->clean_to_raw);
    free(doc->paragraphs);
    free(doc->sentences);
    for (size_t i = 0; i < doc->removed_count; i++)
        free(doc->removed[i].text);
    free(doc->removed);
    for (size_t i = 0; i < doc->related_count; i++)
        free(doc->related[i]);
    free(doc->related);
    clean_field_clear(&doc->meta.title);
    clean_field_clear(&doc->meta.source);
    clean_field_clear(&doc->meta.url);
    clean_field_clear(&doc->meta.published);
    clean_field_clear(&doc->meta.byline);
    clean_field_clear(&doc->meta.dateline);
    clean_field_clear(&doc->meta.language);
    memset(doc, 0, sizeof(*doc));
}

int ingest_clean_collapse(const char *raw, struct ingest_range r, char **text, size_t **to_raw,
                          size_t *len)
{
    struct clean_page pg = {0};
    struct clean_text out = {0};
    int rc = -1;

    *text = NULL;
    *to_raw = NULL;
    *len = 0;
    if (r.end < r.start)
        r.end = r.start;
    pg.raw = raw + r.start;
    pg.raw_len = r.end - r.start;
    out.with_map = 1;
    if (clean_normalize(&pg) || clean_fold(&pg, 0, pg.len, 0, &out, NULL) ||
        clean_text_put(&out, "", 0, 0, 0) ||
        clean_grow((void **)&out.map, &out.map_cap, out.len + 1, sizeof(size_t)))
        goto out;
    for (size_t i = 0; i < out.len; i++)
        out.map[i] += r.start;
    out.map[out.len] = r.end;
    *text = out.s;
    *to_raw = out.map;
    *len = out.len;
    out.s = NULL;
    out.map = NULL;
    rc = 0;
out:
    free(out.s);
    free(out.map);
    clean_page_clear(&pg);
    return rc;
}
