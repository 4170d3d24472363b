/* ingest/meetings.c: meeting mentions in one document (meetings.h): triggers in each sentence,
 * their kind, status, date, place and participants, collapsed into one mention per meeting
 * with all its evidence; then the participants the text names only by office are resolved
 * from the gazetteer on the meeting date. Registry loading and cross-document merging are in
 * ingest/registry.c. */
#include "ingest/meetings.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MT_NONE SIZE_MAX

/* ---- seats: the offices that make a meeting a 2+2, a summit, a ministerial ---- */

enum {
    SEAT_US_STATE = 1u << 0,
    SEAT_US_DEFENSE = 1u << 1,
    SEAT_JP_FOREIGN = 1u << 2,
    SEAT_JP_DEFENSE = 1u << 3,
    SEAT_LEADER_US = 1u << 4,
    SEAT_LEADER_JP = 1u << 5,
    SEAT_LEADER_OTHER = 1u << 6,
    SEAT_MINISTER_OTHER = 1u << 7,
    SEAT_OFFICIAL = 1u << 8,
    SEAT_SPOKES = 1u << 9,
};
#define SEAT_US (SEAT_US_STATE | SEAT_US_DEFENSE)
#define SEAT_JP (SEAT_JP_FOREIGN | SEAT_JP_DEFENSE)
#define SEAT_FOUR (SEAT_US | SEAT_JP)
#define SEAT_LEADERS (SEAT_LEADER_US | SEAT_LEADER_JP | SEAT_LEADER_OTHER)

enum { NAT_UNKNOWN = 0, NAT_US, NAT_JP, NAT_OTHER };

/* ---- the folded text: lower-case ASCII, curly quotes and dashes made plain, same words ---- */

struct mt_text {
    const char *clean;
    size_t clean_len;
    char *low; /* folded copy */
    size_t n;
    size_t *map; /* n + 1 entries: the clean offset of each folded byte */
};

static int mt_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int mt_text_init(struct mt_text *t, const char *clean, size_t len)
{
    size_t j = 0;

    t->clean = clean;
    t->clean_len = len;
    t->low = malloc(len + 1);
    t->map = malloc((len + 1) * sizeof *t->map);
    if (!t->low || !t->map) {
        free(t->low);
        free(t->map);
        t->low = NULL;
        t->map = NULL;
        return -1;
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)clean[i];
        if (c == 0xE2 && i + 2 < len && (unsigned char)clean[i + 1] == 0x80) {
            unsigned char c3 = (unsigned char)clean[i + 2];
            char r = 0;
            if (c3 == 0x98 || c3 == 0x99)
                r = '\'';
            else if (c3 == 0x9C || c3 == 0x9D)
                r = '"';
            else if (c3 >= 0x90 && c3 <= 0x95)
                r = '-';
            if (r) {
                t->map[j] = i;
                t->low[j++] = r;
                i += 3;
                continue;
            }
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)clean[i + 1] == 0xA0) {
            t->map[j] = i;
            t->low[j++] = ' ';
            i += 2;
            continue;
        }
        t->map[j] = i;
        t->low[j++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
        i++;
    }
    t->map[j] = len;
    t->low[j] = '\0';
    t->n = j;
    return 0;
}

static void mt_text_clear(struct mt_text *t)
{
    free(t->low);
    free(t->map);
    t->low = NULL;
    t->map = NULL;
}

/* The folded offset of a clean offset (the first folded byte at or after it). */
static size_t mt_low_of(const struct mt_text *t, size_t clean_off)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->map[mid] < clean_off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t mt_clean_of(const struct mt_text *t, size_t low_off)
{
    return t->map[low_off > t->n ? t->n : low_off];
}

/* phrase (lower-case) at folded offset i, on word boundaries where the phrase has word ends.
 * Quote marks inside the text do not break a phrase ('"get ahead" of' is "ahead of"). Returns
 * the length matched in the text, or 0. */
static size_t mt_at(const struct mt_text *t, size_t i, size_t to, const char *phrase)
{
    size_t n = strlen(phrase), j = i, k = 0;
    if (to > t->n)
        to = t->n;
    if (i >= to || t->low[i] != phrase[0])
        return 0;
    while (k < n) {
        if (j >= to)
            return 0;
        if (t->low[j] == phrase[k]) {
            j++, k++;
            continue;
        }
        if (k > 0 && t->low[j] == '"' && phrase[k] != '"') {
            j++;
            continue;
        }
        if (k > 0 && phrase[k - 1] == ' ' && t->low[j] == ' ') {
            j++;
            continue;
        }
        return 0;
    }
    if (i > 0 && mt_alnum((unsigned char)t->low[i - 1]) && mt_alnum((unsigned char)phrase[0]))
        return 0;
    if (j < t->n && mt_alnum((unsigned char)t->low[j]) && mt_alnum((unsigned char)phrase[n - 1]))
        return 0;
    return j - i;
}

/* The first occurrence of phrase in [from, to), or MT_NONE. */
static size_t mt_find(const struct mt_text *t, size_t from, size_t to, const char *phrase)
{
    size_t n = strlen(phrase);
    if (to > t->n)
        to = t->n;
    for (size_t i = from; i + 1 <= to && n > 0; i++) {
        const char *hit = memchr(t->low + i, phrase[0], to - i);
        if (!hit)
            return MT_NONE;
        i = (size_t)(hit - t->low);
        if (mt_at(t, i, to, phrase))
            return i;
    }
    return MT_NONE;
}

/* The first occurrence in [from, to) of any phrase in list; *len gets its length. */
static size_t mt_find_any(const struct mt_text *t, size_t from, size_t to, const char *const *list,
                          size_t *len)
{
    size_t best = MT_NONE, blen = 0;
    for (; *list; list++) {
        size_t p = mt_find(t, from, to, *list);
        if (p != MT_NONE && (best == MT_NONE || p < best || (p == best && strlen(*list) > blen))) {
            best = p;
            blen = strlen(*list);
        }
    }
    if (len)
        *len = blen;
    return best;
}

/* The length of the longest phrase of list at i (mt_at), or 0. */
static size_t mt_at_any(const struct mt_text *t, size_t i, size_t to, const char *const *list)
{
    size_t best = 0;
    for (; *list; list++) {
        size_t n = mt_at(t, i, to, *list);
        if (n > best)
            best = n;
    }
    return best;
}

/* The occurrence of any phrase in [from, to) nearest to pos. */
static size_t mt_find_nearest(const struct mt_text *t, size_t from, size_t to,
                              const char *const *list, size_t pos, size_t *len)
{
    size_t best = MT_NONE, bdist = SIZE_MAX, blen = 0;
    for (; *list; list++) {
        size_t n = strlen(*list);
        for (size_t p = mt_find(t, from, to, *list); p != MT_NONE;
             p = mt_find(t, p + 1, to, *list)) {
            size_t d = p + n <= pos ? pos - (p + n) : p > pos ? p - pos : 0;
            if (d < bdist) {
                bdist = d;
                best = p;
                blen = n;
            }
        }
    }
    if (len)
        *len = blen;
    return best;
}

static int mt_has_any(const struct mt_text *t, size_t from, size_t to, const char *const *list)
{
    return mt_find_any(t, from, to, list, NULL) != MT_NONE;
}

/* Skips spaces and quote marks forward from i. */
static size_t mt_skip_fwd(const struct mt_text *t, size_t i, size_t to)
{
    while (i < to && (t->low[i] == ' ' || t->low[i] == '"' || t->low[i] == '\''))
        i++;
    return i;
}

/* The start of the word ending at or before i (skipping spaces and quotes back). */
static size_t mt_word_before(const struct mt_text *t, size_t i, size_t from, size_t *wend)
{
    while (i > from && !mt_alnum((unsigned char)t->low[i - 1]) && t->low[i - 1] != '\'')
        i--;
    *wend = i;
    while (i > from && (mt_alnum((unsigned char)t->low[i - 1]) || t->low[i - 1] == '-' ||
                        t->low[i - 1] == '\'' || t->low[i - 1] == '.'))
        i--;
    return i;
}

/* The gap between two ranges (0 when they touch or overlap). */
static long mt_dist(size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a1 <= b0)
        return (long)(b0 - a1);
    if (b1 <= a0)
        return (long)(a0 - b1);
    return 0;
}

/* A past-tense verb ("criticized", "issued") among the words of [a, b). */
static int mt_verb_between(const struct mt_text *t, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < t->n;) {
        if (!mt_alnum((unsigned char)t->low[i])) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < b && i < t->n && mt_alnum((unsigned char)t->low[i]))
            i++;
        int capital = t->clean[t->map[s]] >= 'A' && t->clean[t->map[s]] <= 'Z';
        if (!capital && i - s >= 5 && t->low[i - 2] == 'e' && t->low[i - 1] == 'd' &&
            (s == 0 || t->low[s - 1] != '-'))
            return 1;
    }
    return 0;
}

/* The clause at b is tied in time to the clause with a (a < b): a comma and "as",
 * "while" or "when" between them, and no semicolon ("The allies agreed on Saturday to ...,
 * as their ministers held talks in Brisbane": the talks were on Saturday). */
static int mt_clause_tied(const struct mt_text *t, size_t a, size_t b)
{
    static const char *const ties[] = {", as ", ", while ", ", when ", NULL};
    size_t tl, tp = mt_find_any(t, a, b, ties, &tl);
    return tp != MT_NONE && !memchr(t->low + a, ';', b - a) &&
           mt_find_any(t, tp + tl, b, ties, NULL) == MT_NONE;
}

/* A topic word between a date and a trigger after it, close to the trigger and in its
 * clause: "on Monday about the security talks". */
static int mt_about_between(const struct mt_text *t, size_t a, size_t b)
{
    static const char *const topic[] = {"about", "concerning", "regarding", NULL};
    size_t tl, tp = mt_find_any(t, a, b, topic, &tl);
    while (tp != MT_NONE && b - tp > 30)
        tp = mt_find_any(t, tp + 1, b, topic, &tl);
    return tp != MT_NONE && !memchr(t->low + tp, ',', b - tp);
}

/* ---- growable arrays ---- */

static int mt_grow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    void *grown = realloc(*arr, ncap * size);
    if (!grown)
        return -1;
    *arr = grown;
    *cap = ncap;
    return 0;
}
#define MT_PUSH(arr, count, cap, value)                                                            \
    (mt_grow((void **)&(arr), &(cap), (count) + 1, sizeof *(arr)) == 0                             \
         ? ((arr)[(count)++] = (value), 0)                                                         \
         : -1)

static char *mt_strndup(const char *s, size_t n);

/* ---- the document as the extractor sees it ---- */

struct mt_person {
    size_t mention;    /* index into the mentions */
    size_t start, end; /* folded offsets */
    size_t sentence;
    unsigned seat;
    int nat;
};

struct mt_place {
    size_t start, end; /* folded offsets of the words */
    size_t sentence;
    int rank;          /* 3 venue, 2 city or region, 1 country */
    const char *id;    /* borrowed: a mention's or gazetteer's id, or NULL */
    const char *name;  /* borrowed */
    const char *venue; /* static venue name, or NULL */
    char *owned_name;  /* for the dateline */
    char *text_name;   /* a place the gazetteer lacks, as the text writes it */
};

struct mt_seatreq {
    size_t start, end; /* folded offsets of the words */
    size_t sentence;
    unsigned seats;
    const char *via; /* "counterparts" or "role" */
    int bare;        /* "foreign and defense ministers" with no country: 2+2 only */
};

/* One trigger: a place in a sentence that reports a meeting. */
struct mt_raw {
    size_t sentence;
    size_t start, end; /* folded offsets of the trigger words */
    const char *kind;  /* NULL until an anaphor is resolved */
    int anaphoric, foreign, generic, similar, history, spawned;
    int day_shift; /* "the next day": days after the date taken from the meeting before */
    int distinct;              /* "the previous session", "last year's": another meeting */
    int before;                /* "the previous session", "the prior meeting": one that was */
    size_t bound;              /* "The meeting followed ...": owns no words after this */
    const char *fallback_kind; /* an anaphor with nothing to refer to: the offices' kind */
    int ministerial_anaphor;   /* "the ministerial talks": a 2+2 or a ministerial before */
    int their;                 /* "their talks": the parties named in the sentence */
    int current;               /* "this year's meeting": joins only a meeting dated then */
    int rescheduled;           /* "will instead hold it on Jan. 11": the new date of one put
                                  back, another meeting, set */
    int topic;                 /* "talked about convening a 2+2": a meeting discussed at
                                  another; the words before it are that other's */
    const char *status;        /* from the words around; NULL when they say nothing */
    int cued;                  /* the status came from a status word, not from the tense */
    enum ingest_tense tense;
    size_t win_start, win_end;
    /* date: an expression in the sentence, by its clean range */
    int has_date;
    size_t date_sentence; /* the sentence the date words are in */
    struct ingest_range date_clean;
    /* the spawning "since" date for a spawned mention is in date_clean too */
    size_t place;     /* index into places, or MT_NONE */
    long place_score; /* its strength: rank against distance */
    size_t *persons;  /* indexes into persons */
    size_t person_count, person_cap;
    int participation; /* persons come from a participation cue: any role fits */
    size_t cluster;
};

struct mt_outcome {
    size_t sentence;
    size_t cue;           /* folded offset of the cue */
    int result, expected; /* a result reached; a result expected */
};

struct mt_cluster {
    const char *kind;
    const char *status;
    int status_cued; /* the status comes from words about the meeting, not the tense alone */
    int foreign;
    size_t *raws;
    size_t raw_count, raw_cap;
};

struct mt_ctx {
    struct mt_text t;
    const struct ingest_sentence *sentences;
    size_t sentence_count;
    size_t *sent_lo, *sent_hi; /* folded bounds of each sentence */
    const struct ingest_mention *mentions;
    size_t mention_count;
    const struct ingest_gazetteer *gz;
    const char *doc_date;
    const char *dateline;
    /* where "here" is with no dateline: the place of "here in Washington" elsewhere in the
     * text (borrowed), or NULL when the text never says */
    const char *here_id, *here_name;
    int japan_named; /* the text names Japan somewhere (mt_japan_in_text) */
    struct mt_person *persons;
    size_t person_count, person_cap;
    struct mt_place *places;
    size_t place_count, place_cap;
    struct mt_place *travel; /* "will travel to Washington": where persons go */
    size_t travel_count, travel_cap;
    struct mt_seatreq *reqs;
    size_t req_count, req_cap;
    struct mt_raw *raws;
    size_t raw_count, raw_cap;
    struct mt_outcome *outcomes;
    size_t outcome_count, outcome_cap;
    struct mt_cluster *clusters;
    size_t cluster_count, cluster_cap;
    /* Per sentence s, persons [pfirst[s], pend[s]), places, office phrases and triggers
     * likewise: each list is kept in sentence order so a sentence's part is a range. */
    size_t *pfirst, *pend, *lfirst, *lend, *qfirst, *qend, *rfirst, *rend, *ofirst;
    size_t scan_dates; /* date expressions of the sentence whose triggers are being scanned,
                          deadlines ("by the end of 2014") left out */
};

#define MT_EACH_PERSON(cx, s, i) for (size_t i = (cx)->pfirst[s]; i < (cx)->pend[s]; i++)
#define MT_EACH_PLACE(cx, s, i) for (size_t i = (cx)->lfirst[s]; i < (cx)->lend[s]; i++)
#define MT_EACH_REQ(cx, s, i) for (size_t i = (cx)->qfirst[s]; i < (cx)->qend[s]; i++)

/* ---- word lists ---- */

static const char *const mt_scc_names[] = {"two-plus-two",
                                           "two plus two",
                                           "2+2",
                                           "2 + 2",
                                           "2-plus-2",
                                           "2 plus 2",
                                           "2-2 meeting",
                                           "security consultative committee",
                                           "security consultative talks",
                                           "security consultative meeting",
                                           NULL};

/* Nouns that report a meeting. Not "dialogue": "the U.S.-Japan dialogue" is mostly the
 * relationship, and a named "2+2 dialogue" is found with its name. */
static const char *const mt_meeting_nouns[] = {"meeting",       "meetings",   "talks",
                                               "session",       "sessions",   "gathering",
                                               "consultations", "conference", "round",
                                               NULL};

static const char *const mt_interaction[] = {
    "meet",          "meets",         "met",        "meeting",     "meetings",
    "talks",         "discuss",       "discusses",  "discussing",  "discussed",
    "discussion",    "discussions",   "confer",     "conferred",   "conferring",
    "consultations", "gathering",     "session",    "hosted",      "host",
    "hosts",         "hosting",       "welcomed",   "welcome",     "welcomes",
    "sit down with", "sat down with", "sat across", "joint visit", "summit",
    "held talks",    "hold talks",    "received",   "receives",    "receiving",
    "joined",        NULL};

static const char *const mt_not_meetings[] = {"meeting of minds",
                                              "meeting of the minds",
                                              "news conference",
                                              "press conference",
                                              "talk with reporters",
                                              "talks with reporters",
                                              "six-party talks",
                                              "six party talks",
                                              "peace talks",
                                              "trade talks",
                                              "nuclear talks",
                                              "climate talks",
                                              "budget talks",
                                              "coalition talks",
                                              "cabinet meeting",
                                              "board meeting",
                                              "shareholders meeting",
                                              "emergency session",
                                              "emergency meeting",
                                              "plenary session",
                                              "diet session",
                                              "senate plenary session",
                                              "security council meeting",
                                              "session of the diet",
                                              "party conference",
                                              "conference call",
                                              NULL};

static const char *const mt_cancel_cues[] = {
    "cancel",       "cancels",    "cancelled",        "canceled",    "cancelling",  "canceling",
    "cancellation", "called off", "call off",         "calls off",   "calling off", "scrapped",
    "scrap",        "scraps",     "postponed",        "postpone",    "postpones",   "postponement",
    "put off",      "shelved",    "has been delayed", "was delayed", "put back",    "pushed back",
    "dropped",      NULL};

static const char *const mt_propose_cues[] = {"proposed",
                                              "invited",
                                              "has invited",
                                              "aim to",
                                              "aimed to",
                                              "intend to hold",
                                              "intends to hold",
                                              "propose",
                                              "proposes",
                                              "proposing",
                                              "proposal",
                                              "hopes to",
                                              "hope to",
                                              "hoped to",
                                              "hoping to",
                                              "seeks to",
                                              "seek to",
                                              "seeking to",
                                              "suggested",
                                              "considering holding",
                                              "weighing",
                                              "weighs",
                                              "mulling",
                                              "consider holding",
                                              "aims to",
                                              "aiming to",
                                              "wants to hold",
                                              "want to hold",
                                              "calls for holding",
                                              "called for holding",
                                              "may hold",
                                              "might hold",
                                              "could hold",
                                              "push for",
                                              "pushing for",
                                              "pushed for",
                                              "would like to hold",
                                              "would like to meet",
                                              "like to hold",
                                              "would like to have",
                                              NULL};

static const char *const mt_announce_cues[] = {
    "announced",     "announce",           "announces", "announcing", "announcement",
    "told reporters", "told a news conference", NULL};

static const char *const mt_schedule_cues[] = {"will",          "'ll",
                                               "is to",         "are to",
                                               "was to",        "were to",
                                               "scheduled",     "expected to",
                                               "upcoming",      "forthcoming",
                                               "eve of",        "ahead of",
                                               "next",          "to be held",
                                               "set for",       "slated",
                                               "due to",        "look forward",
                                               "looks forward", "looking forward",
                                               "would be held", "would have been",
                                               "would meet",    "is due",
                                               "would take place", "in the coming",
                                               "are due",       "would hold",
                                               "are also to",   "is also to",
                                               "would also hold", "would also meet",
                                               /* an itinerary told in the present: "then
                                                  travels to Canada before holding talks" */
                                               "then travels",  "then heads",
                                               "then flies",    "then goes",
                                               /* arrangements under way: "are arranging to
                                                  hold", "preparing to host" */
                                               "arranging to",  "arranging for",
                                               "preparing to hold", "preparing to host",
                                               "making arrangements",
                                               /* a condition of a plan: "if realized, it would
                                                  be the first such meeting since ..." */
                                               "if realized",   "if it goes ahead",
                                               "if it takes place", "would be the first",
                                               "would mark the first", NULL};

/* Future words that also name plans of other things ("the stalled plan to move a base"):
 * they count only when the words around are not in the past tense. */
static const char *const mt_weak_schedule_cues[] = {"planned",     "plans to", "plan to",
                                                    "planning to", "pending",  NULL};

/* A plan that changed: "had originally been planned", "was initially set": the words say
 * nothing about whether the meeting then took place. */
static const char *const mt_changed_plan_cues[] = {
    "originally", "initially", "had been planned", "had been scheduled", "had been set", NULL};

/* A plan told in the past perfect: "had been due to hold", "had been expected to". */
static const char *const mt_changed_plan_cues_past[] = {
    "had been due", "had been expected", "had been scheduled", "had been set",
    "had been planned", "had planned", NULL};

/* Taking part from afar: no place. */
static const char *const mt_virtual_cues[] = {"video link",       "videoconference",
                                              "virtual meeting",  "virtual talks",
                                              "virtual session",  "virtual format",
                                              "video conference", "video-conference",
                                              "virtually",        "online",
                                              "by video",         "via video",
                                              "teleconference",   "by phone",
                                              "by telephone",     "telephone talks",
                                              "phone talks",      NULL};

static const char *const mt_held_cues[] = {
    "held",       "met",        "took place", "hosted",
    "convened",   "during the", "after the",  "as the meeting began",
    "began",      "agreed",     "signed",     "concluded",
    "wrapped up", "attended",   "approved",   "adopted",
    "reaffirmed", "pledged",    "was held",   "were held",
    "sat across", "told",       NULL};

static const char *const mt_history_cues[] = {"began in",
                                              "began",
                                              "started in",
                                              "were launched",
                                              "was launched",
                                              "was set up",
                                              "were set up",
                                              "was established",
                                              "were established",
                                              "was created",
                                              "first met in",
                                              "dates back to",
                                              "date back to",
                                              "dates to",
                                              "since its inception",
                                              "were first held",
                                              "was first held",
                                              "first convened",
                                              NULL};

/* Results a meeting reached ... */
static const char *const mt_outcome_cues[] = {"agreed",          "agree to",
                                              "agree on",        "agreeing",
                                              "agreement",       "called for",
                                              "call for",        "calls for",
                                              "calling for",     "called on",
                                              "calling on",      "pledged",
                                              "pledges",         "reaffirmed",
                                              "reaffirming",     "decided",
                                              "decision to",     "the decision",
                                              "approved",        "adopted",
                                              "signed",          "confirmed",
                                              "declared",        "committed to",
                                              "vowed",           "consensus",
                                              "consensuses",     "unveiled",
                                              "announced",       "expressed",
                                              "issued",          "released",
                                              "would deploy",    "would bolster",
                                              "would determine", "said it would",
                                              "joint statement", NULL};

/* ... and results expected of one still to come. */
static const char *const mt_expected_cues[] = {"will deploy",
                                               "would deploy",
                                               "will declare",
                                               "would issue",
                                               "will issue",
                                               "will encourage",
                                               "would bolster",
                                               "will bolster",
                                               "joint statement",
                                               "expected to sign",
                                               "expected to issue",
                                               "expected to agree",
                                               "expected to approve",
                                               "expected to adopt",
                                               "expected to announce",
                                               "expected to criticize",
                                               "expected to welcome",
                                               "expected to confirm",
                                               NULL};

static const char *const mt_participation_cues[] = {
    "participants",   "represented by",  "representing the", "delegation", "led by",
    "headed by",      "attended",        "attending",        "joined by",  "sat in on",
    "accompanied by", "was represented", "were represented",
    /* "His deputy took the Pentagon's seat beside Powell, across from Kawaguchi", "Pompeo
       led for the State Department; Japan sent Kono and Iwaya" */
    "'s seat",        "took the seat",   "across from",      "led for",    "japan sent",
    "washington sent", "tokyo sent",     "represented the",  NULL};

static const char *const mt_third_countries[] = {
    "australia",    "australian", "india",       "indian",     "south korea", "south korean",
    "korean",       "philippine", "philippines", "britain",    "british",     "u.k.",
    "france",       "french",     "germany",     "german",     "russia",      "russian",
    "indonesia",    "indonesian", "vietnam",     "vietnamese", "canada",      "canadian",
    "italy",        "italian",    "nato",        "chinese",    "china",       "north korea",
    "north korean", "pyongyang",  NULL};

static const char *const mt_counterpart_words[] = {"counterparts", "counterpart", NULL};

/* The word before pos (from the sentence start a) names a third country: "their Australian
 * counterparts". */
static int mt_third_before(const struct mt_ctx *cx, size_t pos, size_t a)
{
    size_t wend, ws = mt_word_before(&cx->t, pos, a, &wend);
    for (const char *const *c = mt_third_countries; ws < wend && *c; c++) {
        size_t n = strlen(*c); /* one word: "South Korean" ends with "korean" */
        if (wend - ws == n && memcmp(cx->t.low + ws, *c, n) == 0)
            return 1;
    }
    return 0;
}

/* ---- nationality and seat of a person ---- */

static int mt_nat_of_words(const char *s)
{
    static const char *const jp[] = {"japan", "japanese", NULL};
    static const char *const us[] = {"u.s.", "united states", "american", "us ", NULL};
    static const char *const other[] = {
        "netherlands", "dutch",  "china",  "chinese", "korea",   "korean",         "australia",
        "australian",  "india",  "indian", "britain", "british", "united kingdom", "germany",
        "german",      "france", "french", "russia",  "russian", "singapore",      "philippine",
        "taiwan",      "canada", "canadian", "italy", "italian", NULL};
    for (const char *const *w = jp; *w; w++)
        if (strcasestr(s, *w))
            return NAT_JP;
    for (const char *const *w = us; *w; w++)
        if (strcasestr(s, *w))
            return NAT_US;
    for (const char *const *w = other; *w; w++)
        if (strcasestr(s, *w))
            return NAT_OTHER;
    return NAT_UNKNOWN;
}

static int mt_nat_of_entity(const struct ingest_kb_entity *e)
{
    if (!e || !e->nationality)
        return NAT_UNKNOWN;
    if (strcmp(e->nationality, "united-states") == 0 || strcasecmp(e->nationality, "US") == 0)
        return NAT_US;
    if (strcmp(e->nationality, "japan") == 0 || strcasecmp(e->nationality, "JP") == 0)
        return NAT_JP;
    return NAT_OTHER;
}

/* The seat an office gives: role is a title as a gazetteer or a text states it. */
static unsigned mt_seat_of_role(const char *role, int nat)
{
    char r[256];
    size_t n = 0;

    if (!role)
        return 0;
    for (; role[n] && n + 1 < sizeof r; n++)
        r[n] = (role[n] >= 'A' && role[n] <= 'Z') ? (char)(role[n] - 'A' + 'a') : role[n];
    r[n] = '\0';
    if (nat == NAT_UNKNOWN)
        nat = mt_nat_of_words(r);
#define HAS(w) (strstr(r, w) != NULL)
    if (HAS("spokes") || HAS("press secretary"))
        return SEAT_SPOKES;
    if (HAS("vice president") || HAS("vice-president") || HAS("deputy prime minister") ||
        HAS("vice minister") || HAS("vice-minister") || HAS("vice premier"))
        return SEAT_OFFICIAL;
    if (HAS("prime minister") || HAS("premier"))
        return nat == NAT_OTHER || nat == NAT_US ? SEAT_LEADER_OTHER : SEAT_LEADER_JP;
    if (HAS("president") && !HAS("president of the ") && !HAS("president, "))
        return nat == NAT_OTHER || nat == NAT_JP ? SEAT_LEADER_OTHER : SEAT_LEADER_US;
    if (HAS("president of the united states"))
        return SEAT_LEADER_US;
    if (HAS("deputy") || HAS("assistant") || HAS("under secretary") || HAS("undersecretary") ||
        HAS("under-secretary"))
        return SEAT_OFFICIAL;
    /* "Foreign Secretary" (Britain), "Secretary of National Defense" (the Philippines): a
     * minister elsewhere, never one of the U.S. seats */
    if (HAS("foreign secretary") || HAS("secretary of foreign affairs") ||
        HAS("secretary for foreign affairs") || HAS("foreign affairs secretary") ||
        HAS("secretary of national defense") || HAS("secretary of state for"))
        return SEAT_MINISTER_OTHER;
    if (HAS("secretary of state") || HAS("state secretary"))
        return nat == NAT_OTHER ? SEAT_MINISTER_OTHER : SEAT_US_STATE;
    if (HAS("secretary of defense") || HAS("defense secretary") || HAS("secretary of defence") ||
        HAS("defence secretary"))
        return nat == NAT_OTHER ? SEAT_MINISTER_OTHER : SEAT_US_DEFENSE;
    if (HAS("foreign minister") || HAS("minister for foreign affairs") ||
        HAS("minister of foreign affairs") || HAS("foreign affairs minister"))
        return nat == NAT_OTHER || nat == NAT_US ? SEAT_MINISTER_OTHER : SEAT_JP_FOREIGN;
    if (HAS("defense minister") || HAS("defence minister") || HAS("minister of defense") ||
        HAS("minister of defence") || HAS("minister of state for defense") ||
        (HAS("defense agency") && (HAS("director") || HAS("chief") || HAS("head"))) ||
        (HAS("defence agency") && (HAS("director") || HAS("chief") || HAS("head"))))
        return nat == NAT_OTHER || nat == NAT_US ? SEAT_MINISTER_OTHER : SEAT_JP_DEFENSE;
    if (HAS("minister"))
        return SEAT_MINISTER_OTHER;
    if (HAS("director") || HAS("ambassador") || HAS("official") || HAS("bureau") || HAS("chief") ||
        HAS("adviser") || HAS("advisor") ||
        HAS("commander") || HAS("general") || HAS("envoy") || HAS("coordinator") ||
        HAS("secretary"))
        return SEAT_OFFICIAL;
#undef HAS
    return 0;
}

/* A role the gazetteer gives a person over the whole of [lo, hi] ("YYYY-MM-DD"), or NULL. */
static const struct ingest_kb_role *mt_role_over(const struct ingest_kb_entity *e, const char *lo,
                                                 const char *hi)
{
    const struct ingest_kb_role *best = NULL;
    for (size_t i = 0; e && i < e->role_count; i++) {
        const struct ingest_kb_role *r = &e->roles[i];
        if (r->from && strncmp(r->from, lo, 10) > 0)
            continue;
        if (r->to && strncmp(r->to, hi, 10) < 0)
            continue;
        if (!best || (r->from && best->from && strcmp(r->from, best->from) > 0))
            best = r;
    }
    return best;
}

/* The person at p is the one someone else followed in office ("Gates, who had succeeded
 * Rumsfeld", "who had replaced Machimura and Ohno"): not at the meeting. Between the verb
 * and the person only names, commas and "and". Not "Hamada's predecessor, Nobuo Kishi",
 * who may have sat at a meeting before the change. */
static int mt_replaced_person(const struct mt_ctx *cx, size_t p)
{
    static const char *const verbs[] = {"succeeded", "replaced", "replacing", "succeeding",
                                        NULL};
    const struct mt_text *t = &cx->t;
    size_t lo = p > 60 ? p - 60 : 0, vl, v = MT_NONE;
    for (size_t q = mt_find_any(t, lo, p, verbs, &vl); q != MT_NONE;
         q = mt_find_any(t, q + 1, p, verbs, &vl))
        v = q + vl;
    if (v == MT_NONE)
        return 0;
    /* every word between is capitalized in the clean text, or "and" */
    for (size_t i = v; i < p;) {
        while (i < p && !mt_alnum((unsigned char)t->low[i]))
            i++;
        size_t j = i;
        while (j < p && (mt_alnum((unsigned char)t->low[j]) || t->low[j] == '.'))
            j++;
        if (j > i && !(j - i == 3 && memcmp(t->low + i, "and", 3) == 0)) {
            const char *c = t->clean + mt_clean_of(t, i);
            if (!(*c >= 'A' && *c <= 'Z'))
                return 0;
        }
        i = j;
    }
    return 1;
}

/* r stands in a sentence's opening phrase ("Following the talks, the four ministers held
 * ..."): the officials after the comma act in the clause, not in it. */
static int mt_in_opener(const struct mt_ctx *cx, const struct mt_raw *r)
{
    static const char *const openers[] = {"following", "after", "before", "ahead of", NULL};
    size_t lo = cx->sent_lo[r->sentence], hi = cx->sent_hi[r->sentence];
    if (!mt_at_any(&cx->t, lo, hi, openers))
        return 0;
    const char *comma = memchr(cx->t.low + lo, ',', hi - lo);
    return comma && r->end <= (size_t)(comma - cx->t.low);
}

/* "Donald Rumsfeld was not among them": named with the meeting, not at it. */
static int mt_absent_person(const struct mt_ctx *cx, const struct mt_person *p)
{
    static const char *const absent[] = {"was not among", "were not among", "was absent",
                                         "were absent",   "did not attend", "didn't attend",
                                         "stayed away",   "skipped",        "was missing",
                                         "was not present", NULL};
    size_t hi = cx->sent_hi[p->sentence];
    return mt_at_any(&cx->t, mt_skip_fwd(&cx->t, p->end, hi), hi, absent) != 0;
}

/* e holds, or held, one of the four seats or a leader's office by the gazetteer. */
static int mt_any_seat_role(const struct ingest_kb_entity *e)
{
    for (size_t i = 0; i < e->role_count; i++)
        if (mt_seat_of_role(e->roles[i].title, mt_nat_of_entity(e)) & (SEAT_FOUR | SEAT_LEADERS))
            return 1;
    return 0;
}

/* e held some office on some day of [lo, hi]. */
static int mt_role_meets(const struct ingest_kb_entity *e, const char *lo, const char *hi)
{
    for (size_t i = 0; e && i < e->role_count; i++) {
        const struct ingest_kb_role *r = &e->roles[i];
        if ((!r->from || strncmp(r->from, hi, 10) <= 0) && (!r->to || strncmp(r->to, lo, 10) >= 0))
            return 1;
    }
    return 0;
}

/* ---- sentences and the things in them ---- */

static size_t mt_sentence_of(const struct mt_ctx *cx, size_t low_off)
{
    size_t lo = 0, hi = cx->sentence_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cx->sent_hi[mid] <= low_off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < cx->sentence_count && cx->sent_lo[lo] <= low_off)
        return lo;
    return MT_NONE;
}

/* Venues named in the texts, and the city each stands in. */
static const struct {
    const char *words, *venue, *city;
} mt_venues[] = {
    {"the state department", "State Department", "Washington, D.C."},
    {"state department", "State Department", "Washington, D.C."},
    {"the department of state", "U.S. Department of State", "Washington, D.C."},
    {"the pentagon", "The Pentagon", "Washington, D.C."},
    {"the white house", "White House", "Washington, D.C."},
    {"blair house", "Blair House", "Washington, D.C."},
    {"the iikura guest house", "Iikura Guest House", "Tokyo"},
    {"iikura guest house", "Iikura Guest House", "Tokyo"},
    {"the iikura guesthouse", "Iikura Guest House", "Tokyo"},
    {"akasaka palace", "Akasaka Palace", "Tokyo"},
    {"the akasaka state guest house", "Akasaka Palace", "Tokyo"},
    {"the kantei", "Prime Minister's Office", "Tokyo"},
    {"the prime minister's office", "Prime Minister's Office", "Tokyo"},
    {"the prime minister's official residence", "Prime Minister's Office", "Tokyo"},
    {"camp david", "Camp David", "Camp David"},
    /* the ministries' seats in Tokyo, named by their districts */
    {"the defense ministry in ichigaya", "Ministry of Defense (Ichigaya)", "Tokyo"},
    {"the defence ministry in ichigaya", "Ministry of Defense (Ichigaya)", "Tokyo"},
    {"ichigaya", "Ministry of Defense (Ichigaya)", "Tokyo"},
    {"the foreign ministry in kasumigaseki", "Ministry of Foreign Affairs (Kasumigaseki)", "Tokyo"},
    {"kasumigaseki", "Ministry of Foreign Affairs (Kasumigaseki)", "Tokyo"},
    /* bare, as listings write them ("summit, White House:") */
    {"department of state", "U.S. Department of State", "Washington, D.C."},
    {"white house", "White House", "Washington, D.C."},
};

/* The gazetteer place with this name or alias, or NULL. */
static const struct ingest_kb_entity *mt_place_by_name(const struct ingest_gazetteer *gz,
                                                       const char *name)
{
    size_t n = gz ? ingest_gazetteer_count(gz) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(gz, i);
        if (!e || e->type != INGEST_ENT_PLACE)
            continue;
        if (strcasecmp(e->name, name) == 0)
            return e;
        for (size_t a = 0; a < e->alias_count; a++)
            if (strcasecmp(e->aliases[a], name) == 0)
                return e;
    }
    return NULL;
}

static int mt_prep_before(const struct mt_ctx *cx, size_t pos, size_t from,
                          const char *const *preps)
{
    size_t wend, ws = mt_word_before(&cx->t, pos, from, &wend);
    if (ws == wend)
        return 0;
    for (; *preps; preps++)
        if (strlen(*preps) == wend - ws && memcmp(cx->t.low + ws, *preps, wend - ws) == 0)
            return 1;
    return 0;
}

/* A listing's entry: "Security Consultative Committee ("2+2"), Department of State,
 * Washington." The words at [pos, end) follow a comma that closes a meeting's name, a venue
 * or another listed place, and end their part of the line (a comma, colon, period or the
 * sentence end follow, no verb). */
static int mt_listed_place(const struct mt_ctx *cx, size_t pos, size_t end, size_t from, size_t to)
{
    static const char *const names[] = {"meeting", "talks",  "summit", "committee",
                                         "2+2",     "two-plus-two", "session", "consultations",
                                         NULL};
    const struct mt_text *t = &cx->t;
    size_t q = end;
    while (q < to && t->low[q] == ' ')
        q++;
    if (q < to && t->low[q] != ',' && t->low[q] != ':' && t->low[q] != '.' && t->low[q] != ';')
        return 0;
    q = pos;
    while (q > from && t->low[q - 1] == ' ')
        q--;
    if (q <= from || t->low[q - 1] != ',')
        return 0;
    q--;
    /* what the comma closes: a parenthesis after a name ("(\"2+2\")"), a name, a venue or a
     * place */
    if (q > from && t->low[q - 1] == ')') {
        const char *open = NULL;
        for (size_t k = q - 1; k-- > from && !open;)
            if (t->low[k] == '(')
                open = t->low + k;
        if (!open)
            return 0;
        q = (size_t)(open - t->low);
        while (q > from && t->low[q - 1] == ' ')
            q--;
    }
    size_t wend, ws = mt_word_before(t, q, from, &wend);
    for (const char *const *n = names; ws < wend && *n; n++) {
        size_t nl = strlen(*n);
        if (wend >= from + nl && memcmp(t->low + wend - nl, *n, nl) == 0)
            return 1;
    }
    for (size_t k = 0; k < cx->place_count; k++)
        if (cx->places[k].end == wend && cx->places[k].start >= from)
            return 1;
    return 0;
}

/* Folded text [i, hi) opens with a year and a colon, after any bullet ("- 2007: Washington,
 * May 1."). Sets [*ys, *ye) to the year's folded offsets. */
static int mt_timeline_year(const struct mt_ctx *cx, size_t i, size_t hi, size_t *ys, size_t *ye)
{
    const char *low = cx->t.low;
    size_t bullets = 0;
    while (i < hi && (low[i] == '-' || low[i] == '*' || low[i] == ' ' ||
                      (unsigned char)low[i] >= 0x80) && bullets < 6) {
        bullets += low[i] != ' ';
        i++; /* "-", "*", a dash or a bullet sign (UTF-8 bytes) */
    }
    if (i + 5 > hi || low[i + 4] != ':' || (low[i] != '1' && low[i] != '2'))
        return 0;
    for (size_t k = 0; k < 4; k++)
        if (low[i + k] < '0' || low[i + k] > '9')
            return 0;
    *ys = i;
    *ye = i + 4;
    return 1;
}

/* Sentence s opens a paragraph with a year and a colon (mt_timeline_year): a timeline entry.
 * Sets [*ys, *ye) to the year's folded offsets. */
static int mt_timeline_heading(const struct mt_ctx *cx, size_t s, size_t *ys, size_t *ye)
{
    if (s > 0 && cx->sentences[s - 1].paragraph == cx->sentences[s].paragraph)
        return 0;
    return mt_timeline_year(cx, cx->sent_lo[s], cx->sent_hi[s], ys, ye);
}

/* Sentence h is the timeline heading (mt_timeline_heading) of the paragraph sentence s is in,
 * s itself or before it. Returns h, or MT_NONE. */
static size_t mt_timeline_entry(const struct mt_ctx *cx, size_t s)
{
    size_t h = s, ys, ye;
    while (h > 0 && cx->sentences[h - 1].paragraph == cx->sentences[s].paragraph)
        h--;
    return mt_timeline_heading(cx, h, &ys, &ye) ? h : MT_NONE;
}

/* Folded text [from, pos) is "(place: " or "place: ": a release's line naming where. */
static int mt_release_place_line(const struct mt_ctx *cx, size_t from, size_t pos)
{
    size_t i = from;
    if (i < pos && cx->t.low[i] == '(')
        i++;
    if (!mt_at(&cx->t, i, pos, "place"))
        return 0;
    i += 5;
    if (i >= pos || cx->t.low[i] != ':')
        return 0;
    return mt_skip_fwd(&cx->t, i + 1, pos) == pos;
}

/* Is the place at [pos, ...) introduced as where something happens ("in Tokyo", "at the
 * State Department", "visit to Tokyo", "to Seoul, where")? */
static int mt_place_cue(const struct mt_ctx *cx, size_t pos, size_t end, size_t from, size_t to)
{
    static const char *const at_in[] = {"in", "at", "inside", NULL};
    static const char *const visits[] = {"visit",    "visits",  "visited", "visiting",
                                         "re-visit", "revisit", "trip",    NULL};
    size_t wend, ws = mt_word_before(&cx->t, pos, from, &wend);
    const char *low = cx->t.low;

    if (mt_prep_before(cx, pos, from, at_in))
        return 1;
    /* "at a New York hotel" */
    if (ws < wend && (memcmp(low + ws, "a", 1) == 0 || memcmp(low + ws, "the", 3) == 0) &&
        (wend - ws == 1 || wend - ws == 3) && mt_prep_before(cx, ws, from, at_in))
        return 1;
    if (mt_prep_before(cx, pos, from, visits))
        return 1; /* "re-visit Japan" */
    /* "(Place: Tokyo)", a release's line naming where (mt_release_place) */
    if (mt_release_place_line(cx, from, pos))
        return 1;
    /* "- 2007: Washington, May 1.": the place a timeline entry opens with */
    size_t ys, ye;
    if (mt_timeline_year(cx, from, to, &ys, &ye) && mt_skip_fwd(&cx->t, ye + 1, to) == pos)
        return 1;
    if (mt_listed_place(cx, pos, end, from, to))
        return 1;
    /* "to Seoul, where", "from Tokyo, where they met", "to Anchorage, Alaska, where" */
    {
        size_t q = end;
        if (q < to && low[q] == ',') {
            q++;
            while (q < to && low[q] == ' ')
                q++;
            if (!mt_at(&cx->t, q, to, "where")) {
                size_t w = q; /* one word naming the state or country */
                while (w < to && mt_alnum((unsigned char)low[w]))
                    w++;
                if (w > q && w < to && low[w] == ',' && mt_clean_of(&cx->t, q) < cx->t.clean_len &&
                    cx->t.clean[mt_clean_of(&cx->t, q)] >= 'A' &&
                    cx->t.clean[mt_clean_of(&cx->t, q)] <= 'Z') {
                    q = w + 1;
                    while (q < to && low[q] == ' ')
                        q++;
                }
            }
            if (mt_at(&cx->t, q, to, "where"))
                return 1;
        }
    }
    if (wend - ws == 2 && memcmp(low + ws, "to", 2) == 0) {
        static const char *const arrive[] = {"welcomed", "welcomes", "welcome", NULL};
        if (mt_prep_before(cx, ws, from, visits))
            return 1; /* "a visit to Tokyo" */
        /* "welcomed Prime Minister Shinzo Abe to the White House" */
        for (size_t k = from; k < ws; k++)
            for (const char *const *a = arrive; *a; a++)
                if (mt_at(&cx->t, k, ws, *a) && ws - k < 80)
                    return 1;
        size_t q = end;
        while (q < to && (low[q] == ' ' || low[q] == ','))
            q++;
        /* "went on to Seoul for talks with ...": the place the trip is for */
        if (mt_at(&cx->t, q, to, "for") &&
            mt_find_any(&cx->t, q, q + 30 < to ? q + 30 : to, mt_meeting_nouns, NULL) != MT_NONE)
            return 1;
    }
    return 0;
}

static int mt_person_cmp(const void *a, const void *b)
{
    const struct mt_person *x = a, *y = b;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int mt_place_cmp(const void *a, const void *b)
{
    const struct mt_place *x = a, *y = b;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int mt_req_cmp(const void *a, const void *b)
{
    const struct mt_seatreq *x = a, *y = b;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* first/end of each sentence's part of a list sorted by sentence; the sentence of item i
 * is read through the accessor. */
#define MT_RANGES(cx, list, count, first, end)                                                     \
    do {                                                                                           \
        size_t i_ = 0;                                                                             \
        for (size_t s_ = 0; s_ < (cx)->sentence_count; s_++) {                                     \
            while (i_ < (count) && (list)[i_].sentence < s_)                                       \
                i_++;                                                                              \
            (first)[s_] = i_;                                                                      \
            while (i_ < (count) && (list)[i_].sentence == s_)                                      \
                i_++;                                                                              \
            (end)[s_] = i_;                                                                        \
        }                                                                                          \
    } while (0)

/* The role e held on the first full date sentence s gives, or NULL. */
static const struct ingest_kb_role *mt_role_on_sentence_date(const struct mt_ctx *cx,
                                                             const struct ingest_kb_entity *e,
                                                             size_t s)
{
    const struct ingest_sentence *st = &cx->sentences[s];
    const struct ingest_kb_role *role = NULL;
    struct ingest_date_expr *d = NULL;
    size_t n = 0;
    /* read in the past: a bare month ("held by video in January") counts too, for a person
     * who holds none of the offices now may have held one then, not later */
    if (ingest_dates_find(cx->t.clean + st->clean.start, st->clean.end - st->clean.start,
                          cx->doc_date, INGEST_TENSE_PAST, &d, &n) != 0)
        return NULL;
    for (size_t k = 0; k < n && !role; k++)
        if ((!d[k].relative || (d[k].kind && strcmp(d[k].kind, "month") == 0)) &&
            d[k].value[0])
            role = ingest_gazetteer_role_on(e, d[k].value);
    free(d);
    return role;
}

/* The role a person held on a date the sentence gives in full ("In April 2015 in New York,
 * John Kerry and Ashton Carter sat down with ..."), for one who held none of the offices
 * on the document date; in a timeline entry with no such date, the date of its heading. NULL
 * when there is no such date or the person held none then. */
static const struct ingest_kb_role *mt_role_in_sentence(const struct mt_ctx *cx,
                                                        const struct ingest_kb_entity *e, size_t s)
{
    /* "- 2007: Washington, May 1. Rice and Gates received ...": the entry's heading first,
     * a year in the entry's words ("the first rewrite since 1997") being another time */
    size_t h = mt_timeline_entry(cx, s);
    const struct ingest_kb_role *entry =
        h == MT_NONE || h == s ? NULL : mt_role_on_sentence_date(cx, e, h);
    return entry ? entry : mt_role_on_sentence_date(cx, e, s);
}

/* A transcript's speaker label ("SECRETARY POMPEO: ... Acting Secretary Shanahan and I were
 * glad to welcome ..."): the label is a person in capitals that opens a sentence and is
 * followed by a colon, after an optional "(through interpreter)"; each "I" of the paragraph
 * from there on is that person. Adds those persons; returns 0, or -1 when out of memory. */
static int mt_scan_speakers(struct mt_ctx *cx)
{
    const struct mt_text *t = &cx->t;
    size_t n0 = cx->person_count;
    for (size_t i = 0; i < n0; i++) {
        const struct mt_person sp = cx->persons[i];
        size_t s = sp.sentence, a = cx->sent_lo[s], b = cx->sent_hi[s], q = sp.end;
        int capitals = 1;
        if (sp.start > a + 40)
            continue;
        for (size_t k = mt_clean_of(t, a); k < mt_clean_of(t, sp.end) && capitals; k++)
            capitals = !(t->clean[k] >= 'a' && t->clean[k] <= 'z');
        if (!capitals)
            continue;
        if (q + 1 < b && t->low[q] == ' ' && t->low[q + 1] == '(') {
            const char *close = memchr(t->low + q, ')', b - q);
            if (!close)
                continue;
            q = (size_t)(close - t->low) + 1;
        }
        if (q >= b || t->low[q] != ':')
            continue;
        size_t para = cx->sentences[s].paragraph;
        for (size_t k = s; k < cx->sentence_count && cx->sentences[k].paragraph == para; k++)
            for (size_t p = mt_find(t, k == s ? q : cx->sent_lo[k], cx->sent_hi[k], "i");
                 p != MT_NONE; p = mt_find(t, p + 1, cx->sent_hi[k], "i")) {
                if (t->clean[mt_clean_of(t, p)] != 'I')
                    continue;
                struct mt_person me = sp;
                me.start = p;
                me.end = p + 1;
                me.sentence = k;
                if (MT_PUSH(cx->persons, cx->person_count, cx->person_cap, me) != 0)
                    return -1;
            }
    }
    return 0;
}

/* A role of a minister or prime minister (offices Japan has; the U.S. has secretaries):
 * "Foreign Minister". */
static int mt_minister_role(const char *role)
{
    char r[128];
    size_t n = 0;
    for (; role[n] && n + 1 < sizeof r; n++)
        r[n] = (role[n] >= 'A' && role[n] <= 'Z') ? (char)(role[n] - 'A' + 'a') : role[n];
    r[n] = '\0';
    return strstr(r, "minister") != NULL;
}

/* Whether the text names Japan anywhere, by name, adjective or capital. */
static int mt_japan_in_text(const struct mt_ctx *cx)
{
    static const char *const jp[] = {"japan", "japanese", "japan's", "tokyo", NULL};
    if (mt_has_any(&cx->t, 0, cx->t.n, jp))
        return 1;
    for (size_t i = 0; i < cx->mention_count; i++)
        if (cx->mentions[i].entity_id && strcmp(cx->mentions[i].entity_id, "japan") == 0)
            return 1;
    return 0;
}

/* "in the Queensland capital", "at the Japanese capital": for "capital" at p (sentence
 * [a, b)), the folded offset of "the" when one to three capitalized words stand between it and
 * "capital", a place cue comes before, and the dateline may be that capital (the gazetteer
 * does not place the dateline city in another country than a country named); else MT_NONE. */
static size_t mt_capital_of(const struct mt_ctx *cx, size_t p, size_t a, size_t b)
{
    const struct mt_text *t = &cx->t;
    size_t q = p, wend, ws, words = 0;
    for (;;) {
        ws = mt_word_before(t, q, a, &wend);
        if (ws == wend)
            return MT_NONE;
        if (wend - ws == 3 && memcmp(t->low + ws, "the", 3) == 0)
            break;
        unsigned char c0 = (unsigned char)t->clean[mt_clean_of(t, ws)];
        if (c0 < 'A' || c0 > 'Z' || ++words > 3)
            return MT_NONE;
        q = ws;
    }
    if (!words || !mt_place_cue(cx, ws, p + 7, a, b))
        return MT_NONE;
    const struct ingest_kb_entity *dl = mt_place_by_name(cx->gz, cx->dateline);
    for (size_t i = 0; dl && dl->country && i < cx->mention_count; i++) {
        const struct ingest_mention *m = &cx->mentions[i];
        size_t lo = mt_low_of(t, m->clean.start);
        if (lo > ws && lo < p && m->type == INGEST_ENT_COUNTRY && m->entity_id &&
            strcmp(m->entity_id, dl->country) != 0)
            return MT_NONE; /* "the Japanese capital" under a WASHINGTON dateline */
    }
    return ws;
}

/* With no dateline, "here" is the place the text itself puts there: "the one held here in
 * Washington", "here, in Canberra". Sets cx->here_id/here_name from the first such place
 * (from the place mentions collected so far); leaves them NULL when the text never says, so
 * that "here" then gives no place rather than a guessed one. */
static void mt_here_named(struct mt_ctx *cx)
{
    static const char *const forms[] = {"here in ", "here, in ", NULL};
    const struct mt_text *t = &cx->t;
    size_t fl;
    for (size_t p = mt_find_any(t, 0, t->n, forms, &fl); p != MT_NONE && !cx->here_name;
         p = mt_find_any(t, p + 1, t->n, forms, &fl)) {
        size_t q = p + fl;
        if (mt_at(t, q, t->n, "the "))
            q += 4;
        for (size_t k = 0; k < cx->place_count; k++) {
            const struct mt_place *pl = &cx->places[k];
            if (pl->start == q && pl->rank == 2 && pl->name) {
                cx->here_id = pl->id;
                cx->here_name = pl->name;
                break;
            }
        }
    }
}

/* An interview in "Q:" / "A:" form whose opening (before the first question) names one
 * person: that person is the "you" of the questions and the "I" or "we" of the answers
 * ("Interview: Defense Minister Gen Nakatani" then "Q: You met Secretary Hegseth here
 * yesterday."). Adds those persons; returns 0, or -1 when out of memory. */
static int mt_scan_interview(struct mt_ctx *cx)
{
    const struct mt_text *t = &cx->t;
    size_t first_q = MT_NONE, who = MT_NONE, n0 = cx->person_count;
    for (size_t s = 0; s < cx->sentence_count && first_q == MT_NONE; s++)
        if (mt_at(t, cx->sent_lo[s], cx->sent_hi[s], "q:"))
            first_q = s;
    if (first_q == MT_NONE)
        return 0;
    for (size_t i = 0; i < n0; i++) {
        const struct mt_person *p = &cx->persons[i];
        if (p->sentence >= first_q)
            continue;
        const char *id = cx->mentions[p->mention].entity_id;
        if (!id || (who != MT_NONE &&
                    strcmp(id, cx->mentions[cx->persons[who].mention].entity_id) != 0))
            return 0; /* two people before the questions: no single interviewee */
        who = i;
    }
    if (who == MT_NONE)
        return 0;
    int asking = 0;
    for (size_t s = first_q; s < cx->sentence_count; s++) {
        static const char *const you[] = {"you", NULL};
        static const char *const me[] = {"i", "we", NULL};
        size_t a = cx->sent_lo[s], b = cx->sent_hi[s], wl;
        if (s == 0 || cx->sentences[s].paragraph != cx->sentences[s - 1].paragraph) {
            if (mt_at(t, a, b, "q:"))
                asking = 1;
            else if (mt_at(t, a, b, "a:"))
                asking = 0;
            else
                asking = -1; /* a paragraph of neither */
        }
        if (asking < 0)
            continue;
        for (size_t p = mt_find_any(t, a, b, asking ? you : me, &wl); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, asking ? you : me, &wl)) {
            if (wl == 1 && t->clean[mt_clean_of(t, p)] != 'I')
                continue;
            struct mt_person me_ = cx->persons[who];
            me_.start = p;
            me_.end = p + wl;
            me_.sentence = s;
            if (MT_PUSH(cx->persons, cx->person_count, cx->person_cap, me_) != 0)
                return -1;
        }
    }
    return 0;
}

/* Collects persons, places (with venues and "here"), seat requests of a sentence. */
/* A person named again without a title keeps the country and office the first naming gave
 * ("Philippine Foreign Affairs Secretary Enrique Manalo ... with Manalo"): persons are in
 * text order. */
static void mt_nat_carried(struct mt_ctx *cx)
{
    for (size_t i = 0; i < cx->person_count; i++) {
        struct mt_person *p = &cx->persons[i];
        const char *id = cx->mentions[p->mention].entity_id;
        if (p->nat != NAT_UNKNOWN || !id)
            continue;
        for (size_t j = 0; j < i; j++) {
            const struct mt_person *o = &cx->persons[j];
            const char *oid = cx->mentions[o->mention].entity_id;
            if (o->nat == NAT_UNKNOWN || !oid || strcmp(oid, id) != 0)
                continue;
            p->nat = o->nat;
            if (!p->seat || o->nat == NAT_OTHER)
                p->seat = o->seat;
            break;
        }
        /* "South Korean Foreign Minister Chung and Defence Minister Suh": the second office
         * of a pair joined by "and" is of the first's country too */
        if (p->nat == NAT_UNKNOWN && i > 0 && cx->persons[i - 1].sentence == p->sentence &&
            cx->persons[i - 1].nat == NAT_OTHER) {
            const struct mt_person *o = &cx->persons[i - 1];
            size_t q = mt_skip_fwd(&cx->t, o->end, p->start);
            /* "Jr." after the first name */
            if (mt_at(&cx->t, q, p->start, "jr."))
                q = mt_skip_fwd(&cx->t, q + 3, p->start);
            if (mt_at(&cx->t, q, p->start, "and") && !memchr(cx->t.low + q, ',', p->start - q)) {
                p->nat = NAT_OTHER;
                p->seat = mt_seat_of_role(cx->mentions[p->mention].role, NAT_OTHER);
            }
        }
    }
}

static int mt_scan_entities(struct mt_ctx *cx)
{
    cx->japan_named = mt_japan_in_text(cx);
    /* Persons and places from the entity mentions. */
    for (size_t i = 0; i < cx->mention_count; i++) {
        const struct ingest_mention *m = &cx->mentions[i];
        size_t lo = mt_low_of(&cx->t, m->clean.start), hi = mt_low_of(&cx->t, m->clean.end);
        size_t s = mt_sentence_of(cx, lo);
        if (s == MT_NONE)
            continue;
        if (m->type == INGEST_ENT_PERSON) {
            const struct ingest_kb_entity *e =
                m->kb && cx->gz ? ingest_gazetteer_find(cx->gz, m->entity_id) : NULL;
            const char *role = m->role;
            struct mt_person p = {i, lo, hi, s, 0, NAT_UNKNOWN};
            char before[48];
            size_t b0 = lo > 40 ? lo - 40 : 0;

            if (!role && e && cx->doc_date) {
                const struct ingest_kb_role *r = ingest_gazetteer_role_on(e, cx->doc_date);
                role = r ? r->title : NULL;
            }
            p.nat = mt_nat_of_entity(e);
            if (p.nat == NAT_UNKNOWN && role)
                p.nat = mt_nat_of_words(role);
            if (p.nat == NAT_UNKNOWN && lo > cx->sent_lo[s]) {
                if (b0 < cx->sent_lo[s])
                    b0 = cx->sent_lo[s];
                memcpy(before, cx->t.low + b0, lo - b0);
                before[lo - b0] = '\0';
                p.nat = mt_nat_of_words(before);
            }
            /* "Foreign Minister Penny Wong" in a story that never names Japan: a minister
             * of the other country it is about, not Japan's */
            if (p.nat == NAT_UNKNOWN && role && !cx->japan_named && mt_minister_role(role))
                p.nat = NAT_OTHER;
            p.seat = mt_seat_of_role(role, p.nat);
            /* "Defence Secretary Gavin Williamson": the gazetteer lists every holder of the
             * four seats since 1989, so a titled person it lacks holds that office elsewhere */
            if (!e && cx->gz && m->role && (p.seat & SEAT_FOUR)) {
                p.seat = SEAT_MINISTER_OTHER;
                p.nat = NAT_OTHER;
            }
            /* "the secretary", "the minister": the gazetteer knows which office */
            if (!(p.seat & (SEAT_FOUR | SEAT_LEADERS)) && e && cx->doc_date) {
                const struct ingest_kb_role *r = ingest_gazetteer_role_on(e, cx->doc_date);
                unsigned kseat = r ? mt_seat_of_role(r->title, mt_nat_of_entity(e)) : 0;
                if (kseat & (SEAT_FOUR | SEAT_LEADERS))
                    p.seat = kseat;
            }
            /* also for a role that is no office ("Hamada's predecessor, Nobuo Kishi") */
            if (!(p.seat & (SEAT_FOUR | SEAT_LEADERS)) && e && (!m->role || !p.seat)) {
                const struct ingest_kb_role *r = mt_role_in_sentence(cx, e, s);
                unsigned kseat = r ? mt_seat_of_role(r->title, mt_nat_of_entity(e)) : 0;
                if (kseat & (SEAT_FOUR | SEAT_LEADERS))
                    p.seat = kseat;
            }
            if (MT_PUSH(cx->persons, cx->person_count, cx->person_cap, p) != 0)
                return -1;
        } else if (m->type == INGEST_ENT_PLACE || m->type == INGEST_ENT_COUNTRY) {
            struct mt_place pl = {
                lo,           hi,      s,    m->type == INGEST_ENT_COUNTRY ? 1 : 2,
                m->entity_id, m->name, NULL, NULL, NULL};
            static const char *const travel[] = {
                "travel to",    "travels to",    "traveled to", "travelled to",
                "traveling to", "travelling to", "fly to",      "flies to",
                "flew to",      "flying to",     "head to",     "heads to",
                "headed to",    "arrive in",     "arrives in",  "arrived in",
                "arriving in",  "go to",         "goes to",     "went to",
                "come to",      "comes to",      "came to",     "fly on to",
                "flies on to",  "flew on to",    "travel on to", "travels on to",
                "traveled on to", "go on to",    "goes on to",  "went on to", NULL};
            if (m->demonym)
                continue;
            /* A sea, a strait or a region is what the talks are about, never where they are
             * held ("coercion in the East China Sea"). */
            const struct ingest_kb_entity *pe =
                m->type == INGEST_ENT_PLACE && cx->gz && m->entity_id
                    ? ingest_gazetteer_find(cx->gz, m->entity_id)
                    : NULL;
            if (pe && pe->kind &&
                (strcmp(pe->kind, "sea") == 0 || strcmp(pe->kind, "strait") == 0 ||
                 strcmp(pe->kind, "region") == 0))
                continue;
            for (const char *const *tv = travel; *tv; tv++) {
                size_t tl = strlen(*tv);
                if (lo >= cx->sent_lo[s] + tl + 1 && mt_at(&cx->t, lo - tl - 1, lo, *tv) &&
                    cx->t.low[lo - 1] == ' ') {
                    if (MT_PUSH(cx->travel, cx->travel_count, cx->travel_cap, pl) != 0)
                        return -1;
                    break;
                }
            }
            if (!mt_place_cue(cx, lo, hi, cx->sent_lo[s], cx->sent_hi[s]))
                continue;
            /* "in the Queensland capital", "the Japanese capital": a city of that place,
             * not the place itself (see mt_capital_of below) */
            if (mt_at(&cx->t, mt_skip_fwd(&cx->t, hi, cx->sent_hi[s]), cx->sent_hi[s], "capital"))
                continue;
            if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0)
                return -1;
        }
    }
    if (!cx->dateline)
        mt_here_named(cx);
    /* Venues and "here", from the words. */
    for (size_t s = 0; s < cx->sentence_count; s++) {
        size_t a = cx->sent_lo[s], b = cx->sent_hi[s];
        for (size_t v = 0; v < sizeof mt_venues / sizeof mt_venues[0]; v++) {
            for (size_t p = mt_find(&cx->t, a, b, mt_venues[v].words); p != MT_NONE;
                 p = mt_find(&cx->t, p + 1, b, mt_venues[v].words)) {
                size_t e = p + strlen(mt_venues[v].words);
                int dup = 0;
                if (!mt_place_cue(cx, p, e, a, b))
                    continue;
                for (size_t k = 0; k < cx->place_count; k++)
                    if (cx->places[k].rank == 3 && cx->places[k].start <= p &&
                        cx->places[k].end >= e)
                        dup = 1;
                if (dup)
                    continue;
                const struct ingest_kb_entity *city = mt_place_by_name(cx->gz, mt_venues[v].city);
                if (!city && strcmp(mt_venues[v].city, "Washington, D.C.") == 0)
                    city = mt_place_by_name(cx->gz, "Washington");
                struct mt_place pl = {p,
                                      e,
                                      s,
                                      3,
                                      city ? city->id : NULL,
                                      city ? city->name : mt_venues[v].city,
                                      mt_venues[v].venue,
                                      NULL,
                                      NULL};
                if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0)
                    return -1;
            }
        }
        /* "to Anchorage, Alaska, where he ...": a place the gazetteer lacks, named where
         * something happens */
        for (size_t p = mt_find(&cx->t, a, b, ", where"); p != MT_NONE;
             p = mt_find(&cx->t, p + 1, b, ", where")) {
            static const char *const preps[] = {"to", "in", "from", "at", NULL};
            const char *cl = cx->t.clean;
            size_t e = p, st = p, words = 0;
            /* an optional ", Alaska" */
            size_t w = mt_word_before(&cx->t, e, a, &e);
            if (w > a + 2 && cx->t.low[w - 2] == ',' && cx->t.low[w - 1] == ' ' &&
                cl[mt_clean_of(&cx->t, w)] >= 'A' && cl[mt_clean_of(&cx->t, w)] <= 'Z') {
                e = w - 2;
            } else {
                e = p;
            }
            /* one to three capitalized words, after a preposition of place */
            for (size_t q = e; words < 3;) {
                size_t wend, ws = mt_word_before(&cx->t, q, a, &wend);
                unsigned char c0 = (unsigned char)cl[mt_clean_of(&cx->t, ws)];
                if (ws == wend || c0 < 'A' || c0 > 'Z')
                    break;
                st = ws;
                words++;
                q = ws;
            }
            if (!words || !mt_prep_before(cx, st, a, preps))
                continue;
            /* not a place, person or body the entities already know, nor a date ("in
             * January, where") */
            int known = 0;
            for (size_t k = 0; k < cx->place_count && !known; k++)
                known = cx->places[k].start < e && st < cx->places[k].end;
            for (size_t k = 0; k < cx->mention_count && !known; k++) {
                size_t ms = mt_low_of(&cx->t, cx->mentions[k].clean.start);
                size_t me = mt_low_of(&cx->t, cx->mentions[k].clean.end);
                known = ms < e && st < me;
            }
            if (!known) {
                struct ingest_date_expr *de = NULL;
                size_t dn = 0, c0 = mt_clean_of(&cx->t, st);
                if (ingest_dates_find(cl + c0, mt_clean_of(&cx->t, e) - c0, NULL,
                                      INGEST_TENSE_UNKNOWN, &de, &dn) != 0)
                    return -1;
                free(de);
                known = dn > 0;
            }
            if (known)
                continue;
            struct mt_place pl = {st, e, s, 2, NULL, NULL, NULL, NULL, NULL};
            pl.text_name = mt_strndup(cl + mt_clean_of(&cx->t, st),
                                      mt_clean_of(&cx->t, e) - mt_clean_of(&cx->t, st));
            if (!pl.text_name)
                return -1;
            pl.name = pl.text_name;
            if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0) {
                free(pl.text_name);
                return -1;
            }
        }
        /* "will instead hold it there": the place last named before */
        for (size_t p = mt_find(&cx->t, a, b, "there"); p != MT_NONE;
             p = mt_find(&cx->t, p + 1, b, "there")) {
            static const char *const verbs[] = {"it",   "them", "held",    "hold",   "meet",
                                                "met",  "meeting", "convene", "talks", NULL};
            const struct mt_place *prev = NULL;
            if (!mt_prep_before(cx, p, a, verbs))
                continue;
            for (size_t k = 0; k < cx->place_count; k++) {
                const struct mt_place *q = &cx->places[k];
                if (q->start < p && q->rank >= 2 && q->name && !q->owned_name &&
                    (!prev || q->start > prev->start))
                    prev = q;
            }
            if (!prev)
                continue;
            struct mt_place pl = *prev;
            if (prev->text_name && !(pl.text_name = strdup(prev->text_name)))
                return -1;
            pl.name = pl.text_name ? pl.text_name : prev->name;
            pl.start = p;
            pl.end = p + 5;
            pl.sentence = s;
            if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0) {
                free(pl.text_name);
                return -1;
            }
        }
        /* "in the Queensland capital": the dateline's city, a story's usual way not to
         * repeat it; with no dateline, or one the gazetteer places in another country than
         * the one named, no place */
        for (size_t p = mt_find(&cx->t, a, b, "capital"); p != MT_NONE && cx->dateline;
             p = mt_find(&cx->t, p + 1, b, "capital")) {
            size_t the = mt_capital_of(cx, p, a, b);
            if (the == MT_NONE)
                continue;
            struct mt_place pl = {the, p + 7, s, 2, NULL, NULL, NULL, NULL, NULL};
            pl.owned_name = strdup("");
            if (!pl.owned_name)
                return -1;
            pl.name = pl.owned_name; /* the dateline place, in mt_finish() */
            if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0) {
                free(pl.owned_name);
                return -1;
            }
        }
        if (!cx->dateline && !cx->here_name)
            continue;
        for (size_t p = mt_find(&cx->t, a, b, "here"); p != MT_NONE;
             p = mt_find(&cx->t, p + 1, b, "here")) {
            /* not "here and there", but "met ... here and agreed" is a place */
            static const char *const not_here[] = {"here is",        "here are",      "here's",
                                                   "here and there", "here and abroad",
                                                   "here and in",    "here to",       NULL};
            size_t wend, ws = mt_word_before(&cx->t, p, a, &wend);
            int skip = 0;
            for (const char *const *w = not_here; *w; w++)
                if (mt_at(&cx->t, p, b, *w))
                    skip = 1;
            if (skip || ws == wend)
                continue; /* "Here is ..." opens a sentence: not a place */
            struct mt_place pl = {p, p + 4, s, 2, NULL, NULL, NULL, NULL, NULL};
            pl.owned_name = strdup("");
            if (!pl.owned_name)
                return -1;
            pl.name = pl.owned_name; /* filled with the dateline place below */
            if (MT_PUSH(cx->places, cx->place_count, cx->place_cap, pl) != 0) {
                free(pl.owned_name);
                return -1;
            }
        }
    }
    /* "met their Australian counterparts, Penny Wong and Richard Marles": persons the text
     * names as a third country's counterparts of ministers are ministers there. */
    for (size_t s = 0; s < cx->sentence_count; s++) {
        size_t a = cx->sent_lo[s], b = cx->sent_hi[s], cl;
        for (size_t cp = mt_find_any(&cx->t, a, b, mt_counterpart_words, &cl); cp != MT_NONE;
             cp = mt_find_any(&cx->t, cp + 1, b, mt_counterpart_words, &cl)) {
            size_t q = cp + cl;
            if (!mt_third_before(cx, cp, a) || q >= b || cx->t.low[q] != ',')
                continue;
            for (size_t i = 0; i < cx->person_count; i++) {
                struct mt_person *p = &cx->persons[i];
                if (p->sentence != s || p->start < q || p->seat)
                    continue;
                /* the apposition: names joined by commas and "and" only */
                int joined = 1;
                for (size_t k = q; k < p->start && joined; k++) {
                    int inside = 0;
                    for (size_t j = 0; j < cx->person_count && !inside; j++)
                        inside = cx->persons[j].sentence == s && cx->persons[j].start <= k &&
                                 k < cx->persons[j].end;
                    if (!inside && cx->t.low[k] != ',' && cx->t.low[k] != ' ' &&
                        !(k + 3 <= p->start && memcmp(cx->t.low + k, "and", 3) == 0 &&
                          (k += 2, 1)))
                        joined = 0;
                }
                if (joined) {
                    p->seat = SEAT_MINISTER_OTHER;
                    p->nat = NAT_OTHER;
                }
            }
        }
    }
    if (mt_scan_speakers(cx) != 0 || mt_scan_interview(cx) != 0)
        return -1;
    if (cx->person_count)
        qsort(cx->persons, cx->person_count, sizeof *cx->persons, mt_person_cmp);
    mt_nat_carried(cx);
    if (cx->place_count)
        qsort(cx->places, cx->place_count, sizeof *cx->places, mt_place_cmp);
    MT_RANGES(cx, cx->persons, cx->person_count, cx->pfirst, cx->pend);
    MT_RANGES(cx, cx->places, cx->place_count, cx->lfirst, cx->lend);
    return 0;
}

/* Is a person mention adjacent to [a, b) (an office naming that person, not an unnamed one)? */
static int mt_person_near(const struct mt_ctx *cx, size_t s, size_t a, size_t b)
{
    MT_EACH_PERSON(cx, s, i)
    {
        const struct mt_person *p = &cx->persons[i];
        if (p->start >= b && p->start - b <= 4)
            return 1;
        if (p->end <= a && a - p->end <= 6)
            return 1;
        if (p->start <= a && p->end >= b)
            return 1;
    }
    return 0;
}

/* Ministers and no head of government named in sentence s before p or in the sentence
 * before: whom "the two leaders" stands for. */
static int mt_ministers_before(const struct mt_ctx *cx, size_t s, size_t p)
{
    int ministers = 0, leaders = 0;
    for (size_t k = s > 0 ? s - 1 : s; k <= s; k++)
        MT_EACH_PERSON(cx, k, i)
        {
            const struct mt_person *pe = &cx->persons[i];
            if (k == s && pe->start >= p)
                break;
            ministers |= (pe->seat & (SEAT_FOUR | SEAT_MINISTER_OTHER)) != 0;
            leaders |= (pe->seat & SEAT_LEADERS) != 0;
        }
    return ministers && !leaders;
}

static int mt_add_req(struct mt_ctx *cx, size_t s, size_t a, size_t b, unsigned seats,
                      const char *via, int bare)
{
    struct mt_seatreq r = {a, b, s, seats, via, bare};
    for (size_t i = cx->req_count; i-- > 0 && cx->reqs[i].sentence == s;)
        if (cx->reqs[i].start < b && a < cx->reqs[i].end)
            return 0; /* overlaps a longer phrase already taken */
    return MT_PUSH(cx->reqs, cx->req_count, cx->req_cap, r);
}

/* Offices named without a person: "the U.S. Secretaries of State and Defense", "their Japanese
 * counterparts", "the Japanese foreign and defense ministers". */
/* The nouns for the four ministers together: "the foreign and defense chiefs". */
static const char *const mt_office_nouns[] = {"ministers", "chiefs", "heads"};

static int mt_scan_offices(struct mt_ctx *cx)
{
    static const struct {
        const char *words;
        unsigned seats;
        int bare;
    } offices[] = {
        /* '#' stands for each word of mt_office_nouns, "defense" also for "defence" */
        {"japanese and u.s. foreign and defense #", SEAT_FOUR, 0},
        {"u.s. and japanese foreign and defense #", SEAT_FOUR, 0},
        {"japanese and american foreign and defense #", SEAT_FOUR, 0},
        {"american and japanese foreign and defense #", SEAT_FOUR, 0},
        {"foreign and defense # of both", SEAT_FOUR, 0},
        {"foreign and defense # of the two", SEAT_FOUR, 0},
        {"both countries' foreign and defense #", SEAT_FOUR, 0},
        {"two countries' foreign and defense #", SEAT_FOUR, 0},
        {"allies' foreign and defense #", SEAT_FOUR, 0},
        {"foreign and defense # of japan and the", SEAT_FOUR, 0},
        {"foreign and defense # of the united states and japan", SEAT_FOUR, 0},
        {"foreign and defense # of the u.s. and japan", SEAT_FOUR, 0},
        {"japanese foreign and defense #", SEAT_JP, 0},
        {"japan's foreign and defense #", SEAT_JP, 0},
        {"foreign and defense # of japan", SEAT_JP, 0},
        {"foreign and defense #", SEAT_FOUR, 1},
        {"defense and foreign #", SEAT_FOUR, 1},
        {"secretaries of state and defense", SEAT_US, 0},
        {"secretaries of state and defence", SEAT_US, 0},
        {"secretaries of defense and state", SEAT_US, 0},
        {"secretaries of state and of defense", SEAT_US, 0},
        {"secretary of state and secretary of defense", SEAT_US, 0},
        {"secretary of state and the secretary of defense", SEAT_US, 0},
        {"secretary of state and defense secretary", SEAT_US, 0},
        {"the two secretaries", SEAT_US, 0},
        {"the four ministers", SEAT_FOUR, 0}, /* a readout's name for the 2+2's members */
        {"the same four ministers", SEAT_FOUR, 0},
        {"the same four officials", SEAT_FOUR, 0},
        /* "The four are also to hold ...": the four just named, as the subject of a verb
         * (not "the four Quad leaders") */
        {"the four are", SEAT_FOUR, 0},
        {"the four were", SEAT_FOUR, 0},
        {"the four will", SEAT_FOUR, 0},
        {"the four also", SEAT_FOUR, 0},
        {"the four met", SEAT_FOUR, 0},
        {"the four held", SEAT_FOUR, 0},
        {"both secretaries", SEAT_US, 0},
        {"the secretaries", SEAT_US, 0},
        {"the japanese foreign minister", SEAT_JP_FOREIGN, 0},
        {"japan's top diplomat", SEAT_JP_FOREIGN, 0},
        {"the japanese top diplomat", SEAT_JP_FOREIGN, 0},
        {"japan's defense chief", SEAT_JP_DEFENSE, 0},
        {"the japanese defense chief", SEAT_JP_DEFENSE, 0},
        {"america's top diplomat", SEAT_US_STATE, 0},
        {"the top u.s. diplomat", SEAT_US_STATE, 0},
        {"the u.s. top diplomat", SEAT_US_STATE, 0},
        {"america's defense chief", SEAT_US_DEFENSE, 0},
        {"the u.s. defense chief", SEAT_US_DEFENSE, 0},
        {"the pentagon chief", SEAT_US_DEFENSE, 0},
        {"japan's foreign minister", SEAT_JP_FOREIGN, 0},
        {"the japanese defense minister", SEAT_JP_DEFENSE, 0},
        {"japan's defense minister", SEAT_JP_DEFENSE, 0},
        {"the defense agency director-general", SEAT_JP_DEFENSE, 0},
        {"the defense agency director general", SEAT_JP_DEFENSE, 0},
        {"the u.s. secretary of state", SEAT_US_STATE, 0},
        {"the secretary of state", SEAT_US_STATE, 0},
        {"the u.s. secretary of defense", SEAT_US_DEFENSE, 0},
        {"the secretary of defense", SEAT_US_DEFENSE, 0},
        {"the u.s. defense secretary", SEAT_US_DEFENSE, 0},
        {"the defense secretary", SEAT_US_DEFENSE, 0},
        {"the leaders of the u.s. and japan", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
        {"the leaders of the united states and japan", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
        {"the leaders of japan and the u.s.", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
        {"the leaders of japan and the united states", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
        {"the leaders of both countries", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
        {"the two leaders", SEAT_LEADER_US | SEAT_LEADER_JP, 0},
    };

    for (size_t s = 0; s < cx->sentence_count; s++) {
        size_t a = cx->sent_lo[s], b = cx->sent_hi[s];
        for (size_t o = 0; o < sizeof offices / sizeof offices[0]; o++) {
            const char *hash = strchr(offices[o].words, '#');
            const char *def = strstr(offices[o].words, "defense");
            size_t nouns = hash ? sizeof mt_office_nouns / sizeof mt_office_nouns[0] : 1;
            for (size_t v = 0; v < nouns * (def ? 2 : 1); v++) {
                char words[96];
                if (hash) {
                    snprintf(words, sizeof words, "%.*s%s%s", (int)(hash - offices[o].words),
                             offices[o].words, mt_office_nouns[v % nouns], hash + 1);
                } else {
                    snprintf(words, sizeof words, "%s", offices[o].words);
                }
                char *d = strstr(words, "defense");
                if (v >= nouns && d)
                    d[5] = 'c'; /* "defence" */
                for (size_t p = mt_find(&cx->t, a, b, words); p != MT_NONE;
                     p = mt_find(&cx->t, p + 1, b, words)) {
                    size_t e = p + strlen(words);
                    if (words[0] == 't' && strstr(words, "secretaries") &&
                        mt_at(&cx->t, mt_skip_fwd(&cx->t, e, b), b, "of"))
                        continue; /* "the secretaries of state and defense": the longer one */
                    if (!(offices[o].seats & (offices[o].seats - 1)) &&
                        mt_person_near(cx, s, p, e))
                        continue; /* "the Japanese foreign minister, Nobutaka Machimura" */
                    /* "Austin hosted Hamada ... before the two leaders sat down": the two
                     * ministers just named, not the heads of government */
                    if ((offices[o].seats & SEAT_LEADERS) && mt_ministers_before(cx, s, p))
                        continue;
                    if (mt_add_req(cx, s, p, e, offices[o].seats, "role", offices[o].bare) != 0)
                        return -1;
                }
            }
        }
        /* "Japan's top diplomat and its defense chief": "its" is the country just named. */
        {
            static const struct {
                const char *words;
                unsigned jp, us;
            } its[] = {{"its top diplomat", SEAT_JP_FOREIGN, SEAT_US_STATE},
                       {"its foreign minister", SEAT_JP_FOREIGN, SEAT_US_STATE},
                       {"its defense chief", SEAT_JP_DEFENSE, SEAT_US_DEFENSE},
                       {"its defence chief", SEAT_JP_DEFENSE, SEAT_US_DEFENSE},
                       {"its defense minister", SEAT_JP_DEFENSE, SEAT_US_DEFENSE},
                       {"its defence minister", SEAT_JP_DEFENSE, SEAT_US_DEFENSE}};
            static const char *const jp[] = {"japan's", "japanese", "japan", NULL};
            static const char *const us[] = {"america's", "u.s.", "united states", NULL};
            for (size_t o = 0; o < sizeof its / sizeof its[0]; o++)
                for (size_t p = mt_find(&cx->t, a, b, its[o].words); p != MT_NONE;
                     p = mt_find(&cx->t, p + 1, b, its[o].words)) {
                    size_t lo = p > a + 60 ? p - 60 : a, jl, ul;
                    size_t jp_at = mt_find_any(&cx->t, lo, p, jp, &jl);
                    size_t us_at = mt_find_any(&cx->t, lo, p, us, &ul);
                    unsigned seat = jp_at != MT_NONE && us_at == MT_NONE   ? its[o].jp
                                    : us_at != MT_NONE && jp_at == MT_NONE ? its[o].us
                                                                           : 0;
                    size_t e = p + strlen(its[o].words);
                    if (seat && !mt_person_near(cx, s, p, e) &&
                        mt_add_req(cx, s, p, e, seat, "role", 0) != 0)
                        return -1;
                }
        }
        /* Counterparts: "their Japanese counterparts" stands for the Japanese offices that
         * match the American ones in the sentence, and the reverse. */
        static const struct {
            const char *words;
            int side; /* NAT_JP: the counterparts are Japanese */
            int plural;
        } cps[] = {{"japanese counterparts", NAT_JP, 1}, {"japanese counterpart", NAT_JP, 0},
                   {"american counterparts", NAT_US, 1}, {"american counterpart", NAT_US, 0},
                   {"u.s. counterparts", NAT_US, 1},     {"u.s. counterpart", NAT_US, 0},
                   {"us counterparts", NAT_US, 1},       {"us counterpart", NAT_US, 0}};
        for (size_t c = 0; c < sizeof cps / sizeof cps[0]; c++) {
            size_t p = mt_find(&cx->t, a, b, cps[c].words);
            if (p == MT_NONE)
                continue;
            /* The offices on the other side, from persons and office phrases. */
            unsigned other = 0;
            MT_EACH_PERSON(cx, s, i)
            other |= cx->persons[i].seat;
            for (size_t i = cx->req_count; i-- > 0 && cx->reqs[i].sentence == s;)
                other |= cx->reqs[i].seats;
            unsigned want = 0;
            if (cps[c].side == NAT_JP) {
                if (other & SEAT_US_STATE)
                    want |= SEAT_JP_FOREIGN;
                if (other & SEAT_US_DEFENSE)
                    want |= SEAT_JP_DEFENSE;
            } else {
                if (other & SEAT_JP_FOREIGN)
                    want |= SEAT_US_STATE;
                if (other & SEAT_JP_DEFENSE)
                    want |= SEAT_US_DEFENSE;
            }
            if (!want)
                continue; /* "senior Japanese officials ... their American counterparts" */
            if (mt_add_req(cx, s, p, p + strlen(cps[c].words), want, "counterparts", 0) != 0)
                return -1;
        }
    }
    if (cx->req_count)
        qsort(cx->reqs, cx->req_count, sizeof *cx->reqs, mt_req_cmp);
    MT_RANGES(cx, cx->reqs, cx->req_count, cx->qfirst, cx->qend);
    /* "The two countries' foreign and defense ministers -- Taro Kono, Takeshi Iwaya, Mike
     * Pompeo and Patrick Shanahan --": a name listed after the four offices holds one of
     * them, even when nothing else tells which. */
    for (size_t q = 0; q < cx->req_count; q++) {
        const struct mt_seatreq *rq = &cx->reqs[q];
        size_t s = rq->sentence, at = rq->end;
        int dash = 0;
        if ((rq->seats & SEAT_FOUR) != SEAT_FOUR)
            continue;
        while (at < cx->sent_hi[s] && (cx->t.low[at] == ' ' || cx->t.low[at] == '-'))
            dash |= cx->t.low[at++] == '-';
        if (!dash)
            continue; /* only a dashed list */
        MT_EACH_PERSON(cx, s, i)
        {
            struct mt_person *p = &cx->persons[i];
            if (p->start < at)
                continue;
            int listed = 1; /* only commas, spaces, "and" and names since the dash */
            for (size_t k = at; k < p->start && listed; k++) {
                char c = cx->t.low[k];
                if (c == ',' || c == ' ')
                    continue;
                if (k + 3 <= p->start && memcmp(cx->t.low + k, "and", 3) == 0) {
                    k += 2;
                    continue;
                }
                listed = 0;
            }
            if (!listed)
                break;
            if (!p->seat)
                p->seat = SEAT_FOUR;
            at = p->end;
        }
    }
    return 0;
}

/* ---- triggers ---- */

static int mt_add_raw(struct mt_ctx *cx, size_t s, size_t a, size_t b, const char *kind,
                      size_t *out)
{
    struct mt_raw r;
    memset(&r, 0, sizeof r);
    r.sentence = s;
    r.start = a;
    r.end = b;
    r.kind = kind;
    r.place = MT_NONE;
    r.cluster = MT_NONE;
    r.bound = MT_NONE;
    /* One trigger per place: a typed trigger overlapping another extends it. */
    for (size_t i = cx->raw_count; i-- > 0 && cx->raws[i].sentence == s;) {
        struct mt_raw *o = &cx->raws[i];
        if (o->start < b + 2 && a < o->end + 2) {
            if (kind && (!o->kind || o->generic)) {
                o->kind = kind;
                o->anaphoric = o->generic = 0;
            }
            if (a < o->start)
                o->start = a;
            if (b > o->end)
                o->end = b;
            if (out)
                *out = i;
            return 0;
        }
    }
    if (MT_PUSH(cx->raws, cx->raw_count, cx->raw_cap, r) != 0)
        return -1;
    if (out)
        *out = cx->raw_count - 1;
    return 0;
}

/* One ally paired with a third country before the trigger ends, the other ally not named
 * in the sentence: "the foreign and defense ministers of Japan and Australia held ...",
 * "Australian and Japanese ministers met". */
static int mt_foreign_pair(const struct mt_ctx *cx, size_t from, size_t b, size_t to)
{
    static const char *const jp[] = {"japan", "japanese", "japan's", NULL};
    static const char *const us[] = {"u.s.", "united states", "american", "americans",
                                     "washington", NULL};
    static const char *const joins[] = {" and ", "-", NULL};
    const struct mt_text *t = &cx->t;
    int has_jp = mt_has_any(t, from, to, jp), has_us = mt_has_any(t, from, to, us);
    const char *const *ally = has_jp && !has_us ? jp : has_us && !has_jp ? us : NULL;

    if (!ally)
        return 0;
    for (const char *const *c = mt_third_countries; *c; c++)
        for (size_t p = mt_find(t, from, b, *c); p != MT_NONE; p = mt_find(t, p + 1, b, *c)) {
            size_t e = p + strlen(*c);
            for (const char *const *j = joins; *j; j++) {
                size_t jl = strlen(*j);
                /* "<third> and Japan" */
                if (e + jl < to && strncmp(t->low + e, *j, jl) == 0)
                    for (const char *const *al = ally; *al; al++)
                        if (mt_at(t, e + jl, to, *al) ||
                            (e + jl + 4 < to && strncmp(t->low + e + jl, "the ", 4) == 0 &&
                             mt_at(t, e + jl + 4, to, *al)))
                            return 1;
                /* "Japan and <third>", "Japan and the Philippines" */
                for (const char *const *al = ally; *al; al++) {
                    size_t al_len = strlen(*al), q = p;
                    if (q >= from + 4 && strncmp(t->low + q - 4, "the ", 4) == 0)
                        q -= 4;
                    if (q >= from + al_len + jl && strncmp(t->low + q - jl, *j, jl) == 0 &&
                        mt_at(t, q - jl - al_len, q - jl, *al))
                        return 1;
                }
            }
        }
    return 0;
}

/* The sentence from..to names a minister or leader of a third country and persons or words
 * of one ally only: "they are due to meet South Korean Foreign Minister Chung for a similar
 * meeting", "X and Y held a 2+2 with Manalo and Teodoro" (Manalo named before with his
 * country). */
static int mt_foreign_persons(const struct mt_ctx *cx, size_t from, size_t to)
{
    static const char *const jp[] = {"japan", "japanese", "japan's", NULL};
    static const char *const us[] = {"u.s.", "united states", "american", "americans", NULL};
    size_t s = mt_sentence_of(cx, from);
    int has_jp = mt_has_any(&cx->t, from, to, jp), has_us = mt_has_any(&cx->t, from, to, us);
    int other = 0;

    if (s == MT_NONE)
        return 0;
    MT_EACH_PERSON(cx, s, i)
    {
        const struct mt_person *p = &cx->persons[i];
        has_jp |= p->nat == NAT_JP || (p->seat & (SEAT_JP | SEAT_LEADER_JP));
        has_us |= p->nat == NAT_US || (p->seat & (SEAT_US | SEAT_LEADER_US));
        other |= p->nat == NAT_OTHER && (p->seat & (SEAT_MINISTER_OTHER | SEAT_LEADER_OTHER));
    }
    return other && !(has_jp && has_us);
}

/* A third country named with the trigger: "Japan-Australia 2+2", "with their South Korean
 * counterparts", "U.S.-India". */
static int mt_foreign_near(const struct mt_ctx *cx, size_t a, size_t b, size_t from, size_t to)
{
    size_t lo = a > from + 30 ? a - 30 : from;
    size_t hi = b + 60 < to ? b + 60 : to;

    for (const char *const *c = mt_third_countries; *c; c++) {
        size_t p = mt_find(&cx->t, lo, a, *c);
        /* "Japan-Australia 2+2": a hyphenated pair just before */
        if (p != MT_NONE) {
            size_t e = p + strlen(*c);
            if ((e < cx->t.n && cx->t.low[e] == '-') || (p > 0 && cx->t.low[p - 1] == '-'))
                return 1;
        }
        p = mt_find(&cx->t, b, hi, *c);
        if (p != MT_NONE) {
            /* "talks with their South Korean counterparts", not "talks with President Trump
             * on trade and North Korea": the country is whom the talks are with, not about */
            static const char *const topic[] = {"on", "about", "over", "regarding", NULL};
            size_t w = mt_find(&cx->t, b, p, "with");
            if (w == MT_NONE)
                w = mt_find(&cx->t, b, p, "between");
            if (w != MT_NONE && !mt_has_any(&cx->t, w, p, topic))
                return 1;
        }
    }
    return mt_foreign_pair(cx, from, b, to) || mt_foreign_persons(cx, from, to);
}

/* A plural meeting noun after a word that counts them ("previous sessions", "many
 * meetings", "past gatherings"): several meetings told together. */
static int mt_plural_set(const struct mt_text *t, size_t from, size_t p, const char *noun)
{
    static const char *const plurals[] = {"meetings", "sessions", "gatherings", "rounds", NULL};
    static const char *const counting[] = {"previous", "past",    "earlier", "prior",
                                           "several",  "many",    "numerous", "multiple",
                                           "regular",  "annual",  NULL};
    int plural = 0;
    for (const char *const *w = plurals; *w && !plural; w++)
        plural = strcmp(noun, *w) == 0;
    if (!plural)
        return 0;
    size_t wend, ws = mt_word_before(t, p, from, &wend);
    for (const char *const *w = counting; *w; w++)
        if (wend - ws == strlen(*w) && memcmp(t->low + ws, *w, wend - ws) == 0)
            return 1;
    return 0;
}

static int mt_excluded(const struct mt_ctx *cx, size_t p, size_t from, size_t to)
{
    for (const char *const *x = mt_not_meetings; *x; x++) {
        size_t n = strlen(*x);
        size_t lo = p > from + n ? p - n : from;
        size_t q = mt_find(&cx->t, lo, p + n < to ? p + n : to, *x);
        if (q != MT_NONE && q <= p && q + n > p)
            return 1;
    }
    return 0;
}

/* Persons of the sentence with seats among mask. */
static unsigned mt_sentence_seats(const struct mt_ctx *cx, size_t s, unsigned mask, int *count)
{
    unsigned seats = 0;
    int n = 0;
    MT_EACH_PERSON(cx, s, i)
    if (cx->persons[i].seat & mask) {
        seats |= cx->persons[i].seat;
        n++;
    }
    MT_EACH_REQ(cx, s, i)
    if (!cx->reqs[i].bare)
        seats |= cx->reqs[i].seats & mask;
    if (count)
        *count = n;
    return seats & mask;
}

static int mt_popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* Both countries take part: named, as demonyms, or through persons. */
static int mt_bilateral(const struct mt_ctx *cx, size_t s)
{
    static const char *const jp[] = {"japan", "japanese", "japan's", "tokyo", NULL};
    static const char *const us[] = {
        "u.s.", "united states", "american", "americans", "washington", "us", NULL};
    size_t a = cx->sent_lo[s], b = cx->sent_hi[s];
    int has_jp = mt_has_any(&cx->t, a, b, jp), has_us = mt_has_any(&cx->t, a, b, us);
    MT_EACH_PERSON(cx, s, i)
    {
        has_jp |= cx->persons[i].nat == NAT_JP;
        has_us |= cx->persons[i].nat == NAT_US;
    }
    return has_jp && has_us;
}

/* Sentence s names one of the allies by country or through a person of theirs (not by a
 * capital: "the third took place in Washington" names where, not who). */
static int mt_ally_named(const struct mt_ctx *cx, size_t s)
{
    static const char *const allies[] = {"japan",     "japanese",      "japan's", "u.s.",
                                         "americans", "united states", "american", NULL};
    MT_EACH_PERSON(cx, s, i)
    if (cx->persons[i].nat == NAT_JP || cx->persons[i].nat == NAT_US)
        return 1;
    return mt_has_any(&cx->t, cx->sent_lo[s], cx->sent_hi[s], allies);
}

/* The country a place lies in, as NAT_*: a country mention itself, or a gazetteer place. */
static int mt_place_nat(const struct mt_ctx *cx, const struct mt_place *pl)
{
    const char *country = pl->id;
    if (pl->rank == 2 && pl->id && cx->gz) {
        const struct ingest_kb_entity *e = ingest_gazetteer_find(cx->gz, pl->id);
        country = e ? e->country : NULL;
    } else if (pl->rank == 3) {
        return strcmp(pl->name ? pl->name : "", "Tokyo") == 0 ? NAT_JP : NAT_US;
    }
    if (!country)
        return NAT_UNKNOWN;
    if (strcmp(country, "japan") == 0)
        return NAT_JP;
    if (strcmp(country, "united-states") == 0)
        return NAT_US;
    return NAT_OTHER;
}

/* Persons and offices of sentence s with seats in mask: their positions' middle. */
static size_t mt_seats_middle(const struct mt_ctx *cx, size_t s, unsigned mask)
{
    size_t lo = MT_NONE, hi = 0;
    MT_EACH_PERSON(cx, s, i)
    if (cx->persons[i].seat & mask) {
        if (lo == MT_NONE || cx->persons[i].start < lo)
            lo = cx->persons[i].start;
        if (cx->persons[i].end > hi)
            hi = cx->persons[i].end;
    }
    MT_EACH_REQ(cx, s, i)
    if (cx->reqs[i].seats & mask) {
        if (lo == MT_NONE || cx->reqs[i].start < lo)
            lo = cx->reqs[i].start;
        if (cx->reqs[i].end > hi)
            hi = cx->reqs[i].end;
    }
    return lo == MT_NONE ? cx->sent_lo[s] : (lo + hi) / 2;
}


/* A group's name in the words just before [p, e) or just after it, with no comma between:
 * "the NATO summit", "host the group's summit"; not "the Quad summit, is to hold talks". */
static int mt_group_near(const struct mt_ctx *cx, size_t p, size_t e, size_t a, size_t b,
                         const char *const *multi)
{
    size_t lo = p > a + 25 ? p - 25 : a, hi = e + 25 < b ? e + 25 : b;
    for (const char *const *m = multi; *m; m++) {
        size_t n = strlen(*m);
        for (size_t q = mt_find(&cx->t, lo, p, *m); q != MT_NONE;
             q = mt_find(&cx->t, q + 1, p, *m))
            if (q + n <= p && !memchr(cx->t.low + q + n, ',', p - (q + n)))
                return 1;
        for (size_t q = mt_find(&cx->t, e, hi, *m); q != MT_NONE;
             q = mt_find(&cx->t, q + 1, hi, *m))
            if (!memchr(cx->t.low + e, ',', q - e))
                return 1;
    }
    return 0;
}

/* The meeting word nearest the persons: not an excluded one ("meeting of minds"), and with
 * multi (NULL: none) not one a group's name comes just before ("for the Quad summit, will ...
 * hold talks with": the talks, not the group's summit). */
static size_t mt_interaction_near(const struct mt_ctx *cx, size_t s, size_t mid, size_t *len,
                                  const char *const *multi)
{
    size_t a = cx->sent_lo[s], b = cx->sent_hi[s], best = MT_NONE, bd = 0, blen = 0;
    for (const char *const *w = mt_interaction; *w; w++) {
        size_t n = strlen(*w);
        for (size_t p = mt_find(&cx->t, a, b, *w); p != MT_NONE;
             p = mt_find(&cx->t, p + 1, b, *w)) {
            if (mt_excluded(cx, p, a, b) || (multi && mt_group_near(cx, p, p + n, a, b, multi)))
                continue;
            size_t d = (size_t)mt_dist(p, p + n, mid, mid);
            if (best == MT_NONE || d < bd) {
                best = p;
                bd = d;
                blen = n;
            }
        }
    }
    *len = blen;
    return best;
}

/* The raw of sentence s that covers [p, e), or MT_NONE. */
static size_t mt_raw_at(const struct mt_ctx *cx, size_t s, size_t p, size_t e)
{
    for (size_t i = cx->raw_count; i-- > 0 && cx->raws[i].sentence == s;)
        if (cx->raws[i].start < e && p < cx->raws[i].end)
            return i;
    return MT_NONE;
}

/* Sentence s of a story about the 2+2 series: an earlier sentence reported one, and s names
 * no party of its own (no person; no country or leader before to, the end of the clause
 * looked at) but does give a date. */
/* Where the clause holding p ends: at ", and " or ";" after it, else at b. */
static size_t mt_clause_end(const struct mt_text *t, size_t p, size_t b)
{
    static const char *const clause_ends[] = {", and ", ";", NULL};
    size_t ce = mt_find_any(t, p, b, clause_ends, NULL);
    return ce == MT_NONE ? b : ce;
}

static int mt_series_story(const struct mt_ctx *cx, size_t s, size_t to)
{
    static const char *const parties[] = {"japan",    "japanese", "u.s.",  "united states",
                                          "american", "leader",   "leaders", "president",
                                          "prime minister", NULL};
    int scc = 0;
    for (size_t i = 0; i < cx->raw_count && !scc; i++)
        scc = cx->raws[i].sentence < s && cx->raws[i].kind &&
              strcmp(cx->raws[i].kind, "scc") == 0 && !cx->raws[i].foreign;
    int person = 0;
    MT_EACH_PERSON(cx, s, i)
    person |= cx->persons[i].start < to;
    if (!scc || person || mt_has_any(&cx->t, cx->sent_lo[s], to, parties) ||
        mt_has_any(&cx->t, cx->sent_lo[s], to, mt_third_countries))
        return 0;
    return cx->scan_dates > 0;
}

/* Two different persons of sentence s hold a leader's office. */
static int mt_leader_pair(const struct mt_ctx *cx, size_t s)
{
    const char *first = NULL;
    MT_EACH_PERSON(cx, s, i)
    {
        const char *id = cx->mentions[cx->persons[i].mention].entity_id;
        if (!(cx->persons[i].seat & SEAT_LEADERS) || !id)
            continue;
        if (first && strcmp(first, id) != 0)
            return 1;
        first = id;
    }
    return 0;
}

/* "between <leader> and <leader>", "with <leader>" right after a meeting noun ending at e. */
static int mt_leaders_after(const struct mt_ctx *cx, size_t s, size_t e)
{
    static const char *const preps[] = {"between", "with", "of", NULL};
    size_t hi = cx->sent_hi[s], q = mt_skip_fwd(&cx->t, e, hi);
    size_t pl = mt_at_any(&cx->t, q, hi, preps);
    if (!pl)
        return 0;
    q = mt_skip_fwd(&cx->t, q + pl, hi);
    MT_EACH_PERSON(cx, s, i)
    if ((cx->persons[i].seat & SEAT_LEADERS) && cx->persons[i].start >= q &&
        cx->persons[i].start - q <= 20)
        return 1;
    return 0;
}

static int mt_scan_triggers(struct mt_ctx *cx, size_t s)
{
    size_t a = cx->sent_lo[s], b = cx->sent_hi[s];
    const struct mt_text *t = &cx->t;
    size_t idx;

    /* Named 2+2s and the SCC. */
    for (const char *const *w = mt_scc_names; *w; w++) {
        for (size_t p = mt_find(t, a, b, *w); p != MT_NONE; p = mt_find(t, p + 1, b, *w)) {
            size_t e = p + strlen(*w);
            const char *kind = "scc";
            static const char *const lower_level[] = {
                "working-level", "working level", "vice-ministerial",       "vice ministerial",
                "deputy-level",  "sub-cabinet",   "director-general-level", NULL};
            size_t lo = p > a + 30 ? p - 30 : a;
            if (mt_has_any(t, lo, p, lower_level))
                kind = "working-level";
            /* The noun that follows belongs to the trigger: '"two-plus-two" meeting'. */
            size_t q = mt_skip_fwd(t, e, b);
            static const char *const follow[] = {"security meeting",
                                                 "security talks",
                                                 "security dialogue",
                                                 "ministerial meeting",
                                                 "ministerial talks",
                                                 "ministerial",
                                                 "meeting",
                                                 "meetings",
                                                 "talks",
                                                 "session",
                                                 "dialogue",
                                                 "format",
                                                 "framework",
                                                 NULL};
            for (const char *const *f = follow; *f; f++)
                if (mt_at(t, q, b, *f)) {
                    e = q + strlen(*f);
                    break;
                }
            if (mt_add_raw(cx, s, p, e, kind, &idx) != 0)
                return -1;
            if (!strstr(*w, "committee"))
                cx->raws[idx].foreign |= mt_foreign_near(cx, p, e, a, b);
        }
    }
    /* "SCC" in capitals. */
    for (size_t p = mt_find(t, a, b, "scc"); p != MT_NONE; p = mt_find(t, p + 1, b, "scc"))
        if (memcmp(cx->t.clean + mt_clean_of(t, p), "SCC", 3) == 0 &&
            mt_add_raw(cx, s, p, p + 3, "scc", NULL) != 0)
            return -1;

    /* Working-level talks. */
    {
        static const char *const wl[] = {"working-level",
                                         "working level",
                                         "security subcommittee",
                                         "vice-ministerial",
                                         "vice ministerial",
                                         "deputy-level",
                                         "sub-cabinet",
                                         "director-general-level",
                                         "security consultations",
                                         NULL};
        static const char *const nouns[] = {"consultations", "talks",    "meeting",     "meetings",
                                            "session",       "dialogue", "discussions", NULL};
        for (const char *const *w = wl; *w; w++) {
            for (size_t p = mt_find(t, a, b, *w); p != MT_NONE; p = mt_find(t, p + 1, b, *w)) {
                size_t e = p + strlen(*w), nl = 0;
                int self = strstr(*w, "subcommittee") || strstr(*w, "consultations");
                if (!self) {
                    size_t q = mt_find_any(t, e, e + 45 < b ? e + 45 : b, nouns, &nl);
                    if (q == MT_NONE)
                        continue; /* "working-level officials" */
                    e = q + nl;
                }
                if (mt_add_raw(cx, s, p, e, "working-level", &idx) != 0)
                    return -1;
                cx->raws[idx].foreign |= mt_foreign_near(cx, p, e, a, b);
            }
        }
        for (size_t p = mt_find(t, a, b, "ssc"); p != MT_NONE; p = mt_find(t, p + 1, b, "ssc"))
            if (memcmp(cx->t.clean + mt_clean_of(t, p), "SSC", 3) == 0 &&
                mt_add_raw(cx, s, p, p + 3, "working-level", NULL) != 0)
                return -1;
    }

    /* Ministerial talks by name. */
    {
        static const char *const mn[] = {"foreign ministers' meeting",
                                         "foreign ministers meeting",
                                         "foreign ministers' talks",
                                         "foreign ministers talks",
                                         "foreign ministerial",
                                         "defense ministers' meeting",
                                         "defense ministers meeting",
                                         "defense ministers' talks",
                                         "defense ministers talks",
                                         "defence ministers' meeting",
                                         "defense chiefs' meeting",
                                         "defense chiefs' talks",
                                         "defense chiefs talks",
                                         "ministerial meeting",
                                         "ministerial talks",
                                         "ministerial dialogue",
                                         "ministerial-level meeting",
                                         "ministerial-level talks",
                                         "ministerial-level dialogue",
                                         "ministerial level meeting",
                                         "ministerial level talks",
                                         NULL};
        for (const char *const *w = mn; *w; w++)
            for (size_t p = mt_find(t, a, b, *w); p != MT_NONE; p = mt_find(t, p + 1, b, *w)) {
                if (p >= a + 5 && memcmp(t->low + p - 5, "vice-", 5) == 0)
                    continue;
                static const char *const defs[] = {"the", "this", "that", "such", NULL};
                if (mt_prep_before(cx, p, a, defs)) {
                    /* "ahead of the ministerial talks": the 2+2 the story is about */
                    if (mt_add_raw(cx, s, p, p + strlen(*w), NULL, &idx) != 0)
                        return -1;
                    if (!cx->raws[idx].kind) {
                        cx->raws[idx].anaphoric = 1;
                        cx->raws[idx].ministerial_anaphor = 1;
                        cx->raws[idx].fallback_kind = "ministerial";
                    }
                    continue;
                }
                if (mt_add_raw(cx, s, p, p + strlen(*w), "ministerial", &idx) != 0)
                    return -1;
                cx->raws[idx].foreign |= mt_foreign_near(cx, p, p + strlen(*w), a, b);
            }
    }

    /* Summits by name, and leaders visiting the other country. */
    {
        static const char *const named_visits[] = {"state visit", "official visit", NULL};
        size_t nl;
        for (size_t p = mt_find_any(t, a, b, named_visits, &nl); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, named_visits, &nl)) {
            if (mt_add_raw(cx, s, p, p + nl, "summit", &idx) != 0)
                return -1;
            cx->raws[idx].foreign |= mt_foreign_near(cx, p, p + nl, a, b);
        }
    }
    for (size_t p = mt_find(t, a, b, "summit"); p != MT_NONE; p = mt_find(t, p + 1, b, "summit")) {
        static const char *const multi[] = {"apec",
                                            "g-20",
                                            "g20",
                                            "g-7",
                                            "g7",
                                            "g-8",
                                            "g8",
                                            "group of seven",
                                            "group of eight",
                                            "group of 20",
                                            "group of twenty",
                                            "nato",
                                            "asean",
                                            "east asia",
                                            "nuclear security",
                                            "quad",
                                            "un",
                                            "group's", /* "hosts the group's summit" */
                                            NULL};
        size_t e = p + 6, lo = p > a + 25 ? p - 25 : a;
        static const char *const follow[] = {" meeting", " talks", NULL};
        for (const char *const *f = follow; *f; f++)
            if (e + strlen(*f) <= b && strncmp(t->low + e, *f, strlen(*f)) == 0)
                e += strlen(*f);
        /* A multilateral summit is not a meeting of the two; "on the sidelines of" one, the
         * meeting is the bilateral one reported with it. */
        if (mt_has_any(t, lo, p, multi) ||
            mt_find(t, p > a + 50 ? p - 50 : a, p, "sidelines of") != MT_NONE)
            continue;
        /* "the NATO summit ... Mr. Iwaya attended the summit": "the summit" is that one */
        if (mt_at(t, p >= 4 ? p - 4 : 0, p, "the ")) {
            int multi_before = 0;
            for (size_t q = mt_find(t, 0, p, "summit"); q != MT_NONE && !multi_before;
                 q = mt_find(t, q + 1, p, "summit"))
                multi_before = mt_has_any(t, q > 25 ? q - 25 : 0, q, multi);
            if (multi_before)
                continue;
        }
        if (mt_add_raw(cx, s, p, e, "summit", &idx) != 0)
            return -1;
        if (mt_foreign_near(cx, p, e, a, b))
            cx->raws[idx].foreign = 1;
    }
    MT_EACH_PERSON(cx, s, i)
    {
        const struct mt_person *p = &cx->persons[i];
        if (!(p->seat & (SEAT_LEADER_US | SEAT_LEADER_JP)))
            continue;
        int other = (p->seat & SEAT_LEADER_US) ? NAT_JP : NAT_US;
        static const char *const trips[] = {"'s trip to",           "'s visit to",
                                            "'s state visit to",    "'s re-visit to",
                                            "'s official visit to", NULL};
        static const char *const visits[] = {"visit",      "visits",  "visited",
                                             "re-visit",   "revisit", "travel to",
                                             "travels to", "trip to", NULL};
        size_t q = p->end, len, v = MT_NONE;
        for (const char *const *tr = trips; *tr && v == MT_NONE; tr++)
            if (q + strlen(*tr) <= b && strncmp(t->low + q, *tr, strlen(*tr)) == 0)
                v = q + 3, len = strlen(*tr) - 3;
        if (v == MT_NONE) {
            v = mt_find_any(t, q, q + 40 < b ? q + 40 : b, visits, &len);
            if (v != MT_NONE && mt_find_any(t, q, v, mt_meeting_nouns, NULL) != MT_NONE)
                v = MT_NONE;
        }
        if (v == MT_NONE)
            continue;
        /* the visit reaches the other alliance country: a place there follows */
        MT_EACH_PLACE(cx, s, k)
        {
            const struct mt_place *pl = &cx->places[k];
            if (pl->start >= v && pl->start - v < 40 && mt_place_nat(cx, pl) == other) {
                if (mt_add_raw(cx, s, v, v + len, "summit", NULL) != 0)
                    return -1;
                break;
            }
        }
    }

    /* The body itself meeting: "the forum did not meet again until December 2002", "the
     * committee met in Tokyo". */
    {
        /* "when our predecessors last met in this format": the ministers before them */
        static const char *const bodies[] = {"the forum",        "the committee",
                                             "the panel",        "the ministers",
                                             "our predecessors", "their predecessors",
                                             NULL};
        static const char *const verbs[] = {"meet", "met", "meets", "convene", "convened",
                                            "reconvene", "reconvened", "gather", "gathered",
                                            NULL};
        size_t bl;
        for (size_t p = mt_find_any(t, a, b, bodies, &bl); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, bodies, &bl)) {
            size_t hi = p + bl + 25 < b ? p + bl + 25 : b, vl;
            size_t v = mt_find_any(t, p + bl, hi, verbs, &vl);
            if (v == MT_NONE)
                continue;
            /* "the ministers did not gather again until 2002" tells of the series' next
             * meeting; "when the ministers met" is the meeting told of already */
            if (strncmp(t->low + p, "the ministers", bl) == 0 &&
                !mt_at(t, mt_skip_fwd(t, v + vl, b), b, "again"))
                continue;
            /* "the Committee" of a text that has named the Security Consultative Committee
             * is that committee, not the meeting reported just before ("Recalling the
             * summit ... since the Committee last met") */
            int scc = strncmp(t->low + p, "the committee", bl) == 0 &&
                      mt_find(t, 0, p, "security consultative committee") != MT_NONE;
            if (mt_add_raw(cx, s, v, v + vl, scc ? "scc" : NULL, &idx) != 0)
                return -1;
            if (!cx->raws[idx].kind)
                cx->raws[idx].anaphoric = 1;
            /* "since the committee last met": its meeting before this one */
            if (mt_find(t, p + bl, v, "last") != MT_NONE)
                cx->raws[idx].distinct = cx->raws[idx].before = 1;
        }
    }

    /* "In 2006 the ministers endorsed a roadmap", in a story about the 2+2 series: the
     * ministers deciding on a date tells of a meeting of theirs then. Only the clause of
     * the decision must name no party ("... agreed to turn a regiment into a lighter unit,
     * and the most recent session began upgrading U.S. Forces Japan"). */
    {
        static const char *const who[] = {"the ministers", "the four ministers", NULL};
        static const char *const acts[] = {"endorsed", "approved", "adopted", "agreed",
                                           "signed",   "issued",   "unveiled", NULL};
        size_t wl;
        for (size_t p = mt_find_any(t, a, b, who, &wl); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, who, &wl)) {
            size_t q = mt_skip_fwd(t, p + wl, b), al = mt_at_any(t, q, b, acts);
            if (!al)
                continue;
            if (!mt_series_story(cx, s, mt_clause_end(t, q + al, b)))
                continue;
            if (mt_add_raw(cx, s, q, q + al, NULL, &idx) != 0)
                return -1;
            if (!cx->raws[idx].kind)
                cx->raws[idx].anaphoric = 1;
        }
    }

    /* An ordinal standing for an earlier meeting of the series: "the third took place in
     * Washington in April 2023", "the previous one was held in Tokyo". */
    {
        static const char *const ords[] = {"first",   "second", "third",    "fourth", "fifth",
                                           "sixth",   "seventh", "eighth",  "ninth",  "tenth",
                                           "previous", "last",   "prior",   NULL};
        static const char *const done[] = {"took place", "was held", "were held", "had been held",
                                           "had taken place", NULL};
        for (size_t p = mt_find(t, a, b, "the "); p != MT_NONE; p = mt_find(t, p + 1, b, "the ")) {
            size_t q = p + 4, ol = mt_at_any(t, q, b, ords), dl;
            if (!ol)
                continue;
            q = mt_skip_fwd(t, q + ol, b);
            if (mt_at(t, q, b, "one"))
                q = mt_skip_fwd(t, q + 3, b);
            if (!(dl = mt_at_any(t, q, b, done)))
                continue;
            if (mt_add_raw(cx, s, p, q + dl, NULL, &idx) != 0)
                return -1;
            if (!cx->raws[idx].kind) {
                cx->raws[idx].anaphoric = 1;
                cx->raws[idx].distinct = 1;
                cx->raws[idx].before = 1;
            }
        }
    }

    /* The new date of a meeting put back: "will instead hold it there on Jan. 11", "was
     * postponed to March 20". Another meeting of the kind just reported, set. */
    {
        static const char *const moved[] = {
            "instead hold", "instead meet",    "instead be held",  "instead take place",
            "instead convene", "rescheduled for", "rescheduled to", "postponed to",
            "postponed until", "put back to",  "pushed back to",   "moved to",
            "delayed to",   "delayed until",   NULL};
        size_t ml;
        for (size_t p = mt_find_any(t, a, b, moved, &ml); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, moved, &ml)) {
            if (mt_add_raw(cx, s, p, p + ml, NULL, &idx) != 0)
                return -1;
            if (!cx->raws[idx].kind) {
                cx->raws[idx].anaphoric = 1;
                cx->raws[idx].distinct = 1;
                cx->raws[idx].rescheduled = 1;
            }
        }
    }

    /* "We would like to hold one": "one" stands for the meeting named in the sentence
     * before or earlier in this one. */
    {
        static const char *const ones[] = {"hold one",    "holding one",  "held one",
                                           "convene one", "convening one", "have one",
                                           "having one",  NULL};
        size_t ol;
        for (size_t p = mt_find_any(t, a, b, ones, &ol); p != MT_NONE;
             p = mt_find_any(t, p + 1, b, ones, &ol)) {
            int named = 0;
            for (size_t i = cx->raw_count; i-- > 0 && !named;)
                named = cx->raws[i].sentence + 1 >= s && cx->raws[i].start < p;
            if (!named || mt_at(t, mt_skip_fwd(t, p + ol, b), b, "of"))
                continue; /* "one of the ..." */
            if (mt_add_raw(cx, s, p, p + ol, NULL, &idx) != 0)
                return -1;
            if (!cx->raws[idx].kind)
                cx->raws[idx].anaphoric = 1;
        }
    }

    /* Meeting nouns: "the meeting", "Saturday's meeting", "such talks" refer back; "a
     * meeting" with both countries named is a meeting of some kind. */
    for (const char *const *w = mt_meeting_nouns; *w; w++) {
        for (size_t p = mt_find(t, a, b, *w); p != MT_NONE; p = mt_find(t, p + 1, b, *w)) {
            static const char *const multi[] = {
                "apec", "g-20",  "g20", "g-7",  "g7",        "g-8",          "g8",
                "nato", "asean", "un",  "u.n.", "six-party", "multilateral", "security council",
                NULL};
            size_t e = p + strlen(*w), ws, wend, cur = p;
            int anaphoric = 0, similar = 0, distinct = 0, their = 0, before = 0, current = 0;
            if (mt_excluded(cx, p, a, b) || strcmp(*w, "conference") == 0)
                continue; /* a conference only as the committee's name */
            /* "last December's round", "the previous round": a round of talks already
             * reported; not "a round of sanctions", "year-round", "round trip" */
            if (strcmp(*w, "round") == 0 &&
                (cx->raw_count == 0 || (p > 0 && t->low[p - 1] == '-') ||
                 (e < b && t->low[e] == '-') || mt_at(t, mt_skip_fwd(t, e, b), b, "of") ||
                 mt_at(t, mt_skip_fwd(t, e, b), b, "trip") ||
                 mt_at(t, mt_skip_fwd(t, e, b), b, "table")))
                continue;
            if (mt_has_any(t, p > a + 20 ? p - 20 : a, p, multi) ||
                mt_find(t, p > a + 50 ? p - 50 : a, p, "sidelines of") != MT_NONE)
                continue;
            /* "a Monday meeting of the Quad": a meeting of a group of its own */
            {
                static const char *const groups[] = {"the quad", "quad", NULL};
                size_t q = mt_skip_fwd(t, e, b);
                if (mt_at(t, q, b, "of") && mt_at_any(t, mt_skip_fwd(t, q + 2, b), b, groups)) {
                    if (mt_add_raw(cx, s, p, e, "other", &idx) != 0)
                        return -1;
                    cx->raws[idx].foreign = 1;
                    continue;
                }
            }
            /* "Previous sessions in Tokyo were held without ...", "many meetings": a number of
             * meetings told together, none of them one meeting */
            if (mt_plural_set(t, a, p, *w))
                continue;
            /* Look back over up to four words for what introduces the noun. */
            for (int k = 0; k < 4 && cur > a; k++) {
                ws = mt_word_before(t, cur, a, &wend);
                if (ws == wend)
                    break;
                size_t n = wend - ws;
                const char *word = t->low + ws;
#define W(x) (n == strlen(x) && memcmp(word, x, n) == 0)
                /* "their own bilateral meeting": another than the one told of before */
                if (W("previous") || W("last") || W("next") || W("prior") || W("earlier") ||
                    W("own"))
                    distinct = 1;
                /* "last year's meeting" is another; "this year's meeting" the one the story
                 * is about */
                if (W("year's") || W("month's") || W("week's")) {
                    size_t pend, ps = mt_word_before(t, ws, a, &pend);
                    if (!(pend - ps == 4 && memcmp(t->low + ps, "this", 4) == 0))
                        distinct = 1;
                    else
                        current = 1;
                }
                if (W("previous") || W("prior") || W("earlier"))
                    before = 1;
                /* "the first such meeting since the talks in Washington": one before */
                if (W("since") && k > 0)
                    before = distinct = 1;
                if (W("their"))
                    their = 1;
                if (W("similar"))
                    similar = anaphoric = 1;
                else if (W("the") || W("this") || W("that") || W("these") || W("those") ||
                         W("such") || W("its") || W("their") || W("next") || W("previous") ||
                         W("last") || W("latest") || W("upcoming") ||
                         (n > 2 && word[n - 2] == '\'' && word[n - 1] == 's') ||
                         (n > 1 && word[n - 1] == '\''))
                    anaphoric = 1;
                if (W("a") || W("an")) {
                    if (!similar)
                        anaphoric = 0;
                    break;
                }
                if (anaphoric && !similar && !W("the") && !W("such"))
                    break;
                if (W("in") || W("at") || W("of") || W("for") || W("to") || W("and") || W("with") ||
                    W("during") || W("after") || W("before"))
                    break;
#undef W
                cur = ws;
            }
            if (!anaphoric && strcmp(*w, "round") == 0)
                continue; /* "round out the visit": a noun only after a determiner */
            /* "the next meeting of the Security Consultative Committee": one trigger with the
             * name after it, of its kind */
            {
                size_t q = mt_skip_fwd(t, e, b);
                if (mt_at(t, q, b, "of the")) {
                    q = mt_skip_fwd(t, q + 6, b);
                    for (const char *const *nm = mt_scc_names; *nm; nm++)
                        if (mt_at(t, q, b, *nm)) {
                            e = q + strlen(*nm);
                            break;
                        }
                }
            }
            if (anaphoric) {
                if (mt_add_raw(cx, s, p, e, NULL, &idx) != 0)
                    return -1;
                if (!cx->raws[idx].kind) {
                    cx->raws[idx].anaphoric = 1;
                    cx->raws[idx].similar = similar;
                    cx->raws[idx].distinct = distinct;
                    cx->raws[idx].before = before;
                    cx->raws[idx].their = their;
                    cx->raws[idx].current = current;
                    if (similar)
                        cx->raws[idx].foreign |= mt_foreign_near(cx, p, e, a, b);
                }
            } else if (mt_bilateral(cx, s)) {
                if (mt_add_raw(cx, s, p, e, NULL, &idx) != 0)
                    return -1;
                if (!cx->raws[idx].kind) {
                    cx->raws[idx].kind = "other";
                    cx->raws[idx].generic = 1;
                    cx->raws[idx].foreign |= mt_foreign_near(cx, p, e, a, b);
                }
            } else if (mt_series_story(cx, s, mt_clause_end(t, e, b))) {
                /* "A session pencilled in for 2001 was dropped", in a story about the 2+2:
                 * another meeting of that series */
                if (mt_add_raw(cx, s, p, e, NULL, &idx) != 0)
                    return -1;
                if (!cx->raws[idx].kind) {
                    cx->raws[idx].anaphoric = 1;
                    cx->raws[idx].distinct = 1;
                }
            }
        }
    }

    /* Leaders of both countries meeting, or two leaders of any countries ("Prime Minister
     * Suga and Prime Minister Morrison met"): a summit. */
    {
        unsigned leaders = mt_sentence_seats(cx, s, SEAT_LEADERS, NULL);
        static const char *const multi[] = {
            "apec", "g-20",  "g20",  "g-7", "g7",        "g-8",          "g8",
            "nato", "asean", "u.n.", "un",  "six-party", "multilateral", "nuclear security",
            "group's", "quad", "group of seven", "group of eight", "group of 20", NULL};
        if (((leaders & SEAT_LEADER_US) && (leaders & SEAT_LEADER_JP)) || mt_leader_pair(cx, s)) {
            size_t len, q = mt_interaction_near(
                            cx, s, mt_seats_middle(cx, s, SEAT_LEADERS), &len, multi);
            /* "The meeting built on Prime Minister May's visit to Tokyo, when she and Abe
             * agreed ...": the leader's visit is the summit, the meeting another */
            static const char *const visit[] = {"'s visit to", "s' visit to", "visited", NULL};
            size_t vl, vq = mt_find_any(t, a, b, visit, &vl);
            if (vq != MT_NONE && q != MT_NONE) {
                size_t at0 = mt_raw_at(cx, s, q, q + len);
                if (at0 != MT_NONE && cx->raws[at0].anaphoric &&
                    !mt_leaders_after(cx, s, cx->raws[at0].end)) {
                    q = t->low[vq] == '\'' || t->low[vq] == 's' ? vq + 3 : vq;
                    len = 5;
                }
            }
            /* "where he had met Canadian Prime Minister Trudeau": a leader of one ally meeting
             * another country's, told through a pronoun, is read below, where the pronoun
             * finds its leader (a summit all the same) */
            if (q != MT_NONE && !((leaders & SEAT_LEADER_US) && (leaders & SEAT_LEADER_JP))) {
                static const char *const aux[] = {"had", "has", "also", "then", "later", NULL};
                static const char *const pron[] = {"he", "she", NULL};
                size_t wend, ws = mt_word_before(t, q, a, &wend);
                while (ws < wend && ws > a && mt_prep_before(cx, wend, a, aux))
                    ws = mt_word_before(t, ws, a, &wend);
                if (ws < wend && mt_prep_before(cx, wend, a, pron))
                    q = MT_NONE;
            }
            size_t at = q == MT_NONE ? MT_NONE : mt_raw_at(cx, s, q, q + len);
            /* "the four Quad leaders -- A, B, C and D -- would try to meet": the group's */
            for (const char *const *mw = multi; q != MT_NONE && *mw; mw++)
                for (size_t mp = mt_find(t, a, q, *mw); mp != MT_NONE && q != MT_NONE;
                     mp = mt_find(t, mp + 1, q, *mw))
                    if (mt_at(t, mt_skip_fwd(t, mp + strlen(*mw), q), q, "leaders"))
                        q = MT_NONE;
            if (q != MT_NONE && mt_find(t, q > a + 50 ? q - 50 : a, q, "sidelines of") != MT_NONE)
                q = MT_NONE;
            /* "the meeting between President Biden and Prime Minister Kishida": the noun
             * is defined by the leaders after it, not by the meeting before */
            if (q != MT_NONE && at != MT_NONE && cx->raws[at].anaphoric &&
                mt_leaders_after(cx, s, cx->raws[at].end)) {
                cx->raws[at].kind = "summit";
                cx->raws[at].anaphoric = cx->raws[at].distinct = cx->raws[at].before = 0;
            } else if (q != MT_NONE && (at == MT_NONE || !cx->raws[at].anaphoric) &&
                       mt_add_raw(cx, s, q, q + len, "summit", NULL) != 0)
                return -1;
        }
    }

    /* Officials of both governments meeting: working-level talks. */
    {
        static const char *const both[] = {"officials of the two governments",
                                           "officials from the two governments",
                                           "officials of both governments",
                                           "officials from both governments",
                                           "officials of the two countries",
                                           "officials from the two countries",
                                           "officials of both countries",
                                           "officials from both countries",
                                           "officials of both sides",
                                           "officials from both sides",
                                           "officials of japan and the united states",
                                           "officials from japan and the united states",
                                           "officials of the united states and japan",
                                           "officials from the united states and japan",
                                           "japanese and u.s. officials",
                                           "u.s. and japanese officials",
                                           "japanese and american officials",
                                           "american and japanese officials",
                                           NULL};
        static const char *const verbs[] = {
            "met",           "meet",      "meets",  "meeting",  "held talks", "hold talks",
            "holding talks", "conferred", "confer", "gathered", NULL};
        size_t bl, bp = mt_find_any(t, a, b, both, &bl);
        if (bp != MT_NONE) {
            size_t vl, vp = mt_find_any(t, bp + bl, b, verbs, &vl);
            if (vp != MT_NONE && vp - (bp + bl) < 60 &&
                mt_add_raw(cx, s, vp, vp + vl, "working-level", NULL) != 0)
                return -1;
        }
    }

    /* Ministers of one ally meeting "their Australian counterparts": a meeting with a third
     * country, the same one a foreign 2+2 of the sentence before may have named. */
    {
        size_t cl;
        size_t cp = mt_find_any(t, a, b, mt_counterpart_words, &cl);
        unsigned seats = mt_sentence_seats(cx, s, SEAT_FOUR, NULL);
        if (cp != MT_NONE && seats && mt_third_before(cx, cp, a)) {
            size_t len, q = mt_interaction_near(cx, s, cp, &len, NULL);
            if (q != MT_NONE && q < cp) {
                if (mt_add_raw(cx, s, q, q + len, "other", &idx) != 0)
                    return -1;
                cx->raws[idx].foreign = 1;
            }
        }
    }

    /* Meeting a third country's people: "are to sit down with senior Chinese officials",
     * "will meet Indian leaders". */
    {
        static const char *const whom[] = {"officials", "leaders",   "ministers",   "delegation",
                                           "diplomats", "negotiators", NULL};
        static const char *const adj[] = {"senior", "top", "high-level", "visiting", NULL};
        static const char *const verbs[] = {"sit down with", "sat down with", "meet with",
                                            "met with",      "meet",          "met",
                                            "meets",         "hold talks with", "held talks with",
                                            "talks with",    NULL};
        size_t wl;
        for (size_t w = mt_find_any(t, a, b, whom, &wl); w != MT_NONE;
             w = mt_find_any(t, w + 1, b, whom, &wl)) {
            if (!mt_third_before(cx, w, a))
                continue;
            size_t wend, ws = mt_word_before(t, w, a, &wend); /* the country's word */
            size_t at = ws;
            if (mt_prep_before(cx, ws, a, adj))
                at = mt_word_before(t, ws, a, &wend);
            size_t vl, v = mt_find_any(t, at > a + 40 ? at - 40 : a, at, verbs, &vl);
            if (v == MT_NONE || mt_skip_fwd(t, v + vl, b) != at)
                continue; /* the verb governs these people directly */
            if (mt_add_raw(cx, s, v, v + vl, "other", &idx) != 0)
                return -1;
            cx->raws[idx].foreign = 1;
        }
    }

    /* "he had met NATO Secretary General Mark Rutte here": a minister of one ally (named, or
     * "he"/"she" for the one the sentence before opens with) meeting someone of neither ally,
     * in a sentence that reports no meeting otherwise. */
    {
        static const char *const verbs[] = {"met", "meets", "met with", "meets with",
                                            "held talks with", "holds talks with", NULL};
        int own = 0;
        for (size_t i = cx->raw_count; i-- > 0 && cx->raws[i].sentence == s;)
            own = 1;
        size_t vl, v = own ? MT_NONE : mt_find_any(t, a, b, verbs, &vl);
        const struct mt_person *obj = NULL;
        MT_EACH_PERSON(cx, s, i)
        if (v != MT_NONE && !obj && cx->persons[i].start >= v + vl &&
            cx->persons[i].start - (v + vl) <= 40)
            obj = &cx->persons[i];
        if (obj && (obj->nat == NAT_US || obj->nat == NAT_JP ||
                    (obj->seat & (SEAT_FOUR | SEAT_LEADER_US | SEAT_LEADER_JP))))
            obj = NULL; /* both allies: the rules below */
        size_t subj = MT_NONE;
        if (obj) {
            static const char *const aux[] = {"had", "has", "also", "then", "later", NULL};
            static const char *const pron[] = {"he", "she", NULL};
            size_t wend, ws = mt_word_before(t, v, a, &wend);
            while (ws < wend && mt_prep_before(cx, wend, a, aux) && ws > a)
                ws = mt_word_before(t, ws, a, &wend);
            MT_EACH_PERSON(cx, s, i)
            if (cx->persons[i].end <= v && v - cx->persons[i].end <= 12 &&
                (cx->persons[i].seat & (SEAT_FOUR | SEAT_LEADER_US | SEAT_LEADER_JP)))
                subj = i;
            /* "Kishida reached Washington from Ottawa, where he had met ...": the one the
             * sentence opens with */
            if (subj == MT_NONE && mt_prep_before(cx, wend, a, pron) &&
                cx->pend[s] > cx->pfirst[s] && cx->persons[cx->pfirst[s]].end <= ws)
                subj = cx->pfirst[s];
            if (subj == MT_NONE && mt_prep_before(cx, wend, a, pron) && s > 0) {
                /* the one the sentence before opens with */
                for (size_t i = cx->pfirst[s - 1]; i < cx->pend[s - 1] && subj == MT_NONE; i++)
                    subj = i;
                if (subj != MT_NONE &&
                    !(cx->persons[subj].seat & (SEAT_FOUR | SEAT_LEADER_US | SEAT_LEADER_JP)))
                    subj = MT_NONE;
            }
        }
        if (obj && subj != MT_NONE) {
            /* two heads of government meeting are a summit, however it is told */
            int summit = (cx->persons[subj].seat & (SEAT_LEADER_US | SEAT_LEADER_JP)) &&
                         (obj->seat & SEAT_LEADER_OTHER);
            if (mt_add_raw(cx, s, v, v + vl, summit ? "summit" : "other", &idx) != 0)
                return -1;
            struct mt_raw *r = &cx->raws[idx];
            r->foreign = 1;
            r->participation = 1; /* the one met, whatever the office */
            size_t oi = (size_t)(obj - cx->persons);
            if (MT_PUSH(r->persons, r->person_count, r->person_cap, subj) != 0 ||
                MT_PUSH(r->persons, r->person_count, r->person_cap, oi) != 0)
                return -1;
        }
    }

    /* Ministers of both sides meeting: a 2+2 when three or more of the four offices are
     * there, a ministerial when one on each side. A definite "the meeting" refers back
     * instead, and only falls back on this kind when there is nothing to refer to. */
    {
        unsigned seats = mt_sentence_seats(cx, s, SEAT_FOUR, NULL);
        int bare4 = 0;
        MT_EACH_REQ(cx, s, i)
        bare4 |= cx->reqs[i].bare;
        const char *kind = NULL;
        if ((seats & SEAT_US) && (seats & SEAT_JP))
            kind = mt_popcount(seats) >= 3 ? "scc" : "ministerial";
        else if (bare4 && mt_bilateral(cx, s))
            kind = "scc";
        if (kind) {
            size_t len,
                   q = mt_interaction_near(cx, s, mt_seats_middle(cx, s, SEAT_FOUR), &len, NULL);
            /* "the same four ministers approved ...", "adopted ... by Rice and Rumsfeld with
             * Aso and Nukaga": the ministers of both sides acting together met to do it */
            if (q == MT_NONE && strcmp(kind, "scc") == 0) {
                static const char *const joint[] = {"approved", "adopted", "issued",
                                                    "endorsed", "unveiled", NULL};
                size_t jl, best = MT_NONE, bd = 0, mid = mt_seats_middle(cx, s, SEAT_FOUR);
                for (size_t p = mt_find_any(&cx->t, a, b, joint, &jl); p != MT_NONE;
                     p = mt_find_any(&cx->t, p + 1, b, joint, &jl)) {
                    size_t d = (size_t)mt_dist(p, p + jl, mid, mid);
                    if (best == MT_NONE || d < bd) {
                        best = p;
                        bd = d;
                        len = jl;
                    }
                }
                q = best;
            }
            size_t at = q == MT_NONE ? MT_NONE : mt_raw_at(cx, s, q, q + len);
            if (at != MT_NONE && cx->raws[at].anaphoric) {
                cx->raws[at].fallback_kind = kind;
            } else if (q != MT_NONE) {
                if (mt_add_raw(cx, s, q, q + len, kind, &idx) != 0)
                    return -1;
                cx->raws[idx].foreign |= mt_foreign_near(cx, q, q + len, a, b);
            }
        }
    }

    /* "- 2013: Tokyo, in October.": an entry of a timeline in a story about the 2+2 series
     * is another meeting of it, even with no meeting word */
    {
        size_t ys, ye;
        int own = 0;
        for (size_t i = cx->raw_count; i-- > 0 && cx->raws[i].sentence == s;)
            own = 1;
        if (!own && mt_timeline_heading(cx, s, &ys, &ye) && mt_series_story(cx, s, b)) {
            if (mt_add_raw(cx, s, ys, ye, NULL, &idx) != 0)
                return -1;
            cx->raws[idx].anaphoric = 1;
            cx->raws[idx].distinct = 1;
            own = 1;
        }
        /* "The 2007 statement, approved in Washington on May 1, 2007, ...": in a story about
         * the series, a text adopted at a place or on a date was adopted at a meeting of it */
        static const char *const adopted[] = {"approved in", "approved at", "approved on",
                                              "adopted in",  "adopted at",  "adopted on",
                                              "issued in",   "issued at",   "issued on",
                                              NULL};
        size_t al, ap = own ? MT_NONE : mt_find_any(&cx->t, a, b, adopted, &al);
        if (ap != MT_NONE && mt_series_story(cx, s, b)) {
            if (mt_add_raw(cx, s, ap, ap + al - 3, NULL, &idx) != 0)
                return -1;
            cx->raws[idx].anaphoric = 1;
            cx->raws[idx].distinct = 1;
        }
    }
    return 0;
}

/* ---- the words around each trigger: status, tense, history, "first ... since" ---- */

/* A cue about the meeting, not about another thing: "call off a planned rocket launch" has
 * an object with no meeting word in it. */
static int mt_cue_about_meeting(const struct mt_ctx *cx, size_t a, size_t b,
                                const char *const *cues)
{
    static const char *const dets[] = {"a",   "an",  "the",   "its",  "their",
                                       "his", "her", "plans", "plan", NULL};
    static const char *const meetingish[] = {
        "meeting", "meetings",      "talks",       "session",    "summit",
        "visit",   "trip",          "gathering",   "dialogue",   "two-plus-two",
        "2+2",     "consultations", "ministerial", "conference", NULL};
    const struct mt_text *t = &cx->t;
    for (const char *const *c = cues; *c; c++) {
        size_t n = strlen(*c);
        for (size_t p = mt_find(t, a, b, *c); p != MT_NONE; p = mt_find(t, p + 1, b, *c)) {
            size_t q = mt_skip_fwd(t, p + n, b);
            int det = 0;
            for (const char *const *d = dets; *d && !det; d++)
                det = mt_at(t, q, b, *d);
            if (!det)
                return 1; /* "has been called off after ...", "no date has been proposed yet" */
            size_t hi = q + 45 < b ? q + 45 : b;
            if (mt_has_any(t, q, hi, meetingish))
                return 1;
        }
    }
    return 0;
}

/* Someone told to meet: "the leaders asked their ministers to meet", "instructed them to
 * hold talks": wished for, not set. */
static int mt_directed(const struct mt_ctx *cx, size_t a, size_t b)
{
    static const char *const verbs[] = {"asked",     "asks",     "ask",       "instructed",
                                        "instructs", "directed", "directs",   "urged",
                                        "urges",     "urge",     "urging",    "tasked",
                                        "called on", "calling on", NULL};
    static const char *const acts[] = {"to meet", "to hold", "to convene", NULL};
    size_t vl, al;
    for (size_t v = mt_find_any(&cx->t, a, b, verbs, &vl); v != MT_NONE;
         v = mt_find_any(&cx->t, v + 1, b, verbs, &vl)) {
        size_t hi = v + vl + 60 < b ? v + vl + 60 : b;
        size_t q = mt_find_any(&cx->t, v + vl, hi, acts, &al);
        if (q != MT_NONE)
            return 1;
    }
    return 0;
}

/* The words [a, b) announce a meeting: not "the four are expected to announce steps",
 * what the meeting is to bring. */
static int mt_announced(const struct mt_text *t, size_t a, size_t b)
{
    size_t n;
    for (size_t p = mt_find_any(t, a, b, mt_announce_cues, &n); p != MT_NONE;
         p = mt_find_any(t, p + 1, b, mt_announce_cues, &n))
        if (!(p >= a + 3 && strncmp(t->low + p - 3, "to ", 3) == 0) &&
            !(p >= a + 5 && strncmp(t->low + p - 5, "will ", 5) == 0))
            return 1;
    return 0;
}

static const char *mt_status_of(const struct mt_ctx *cx, struct mt_raw *r)
{
    const struct mt_text *t = &cx->t;
    size_t a = r->win_start, b = r->win_end, len;
    size_t mid = (r->start + r->end) / 2;

    /* "Will there be a two-plus-two soon?": a question asks, it reports nothing; the
     * answer or other reports give the status */
    {
        size_t e = cx->sent_hi[r->sentence];
        while (e > cx->sent_lo[r->sentence] && (t->low[e - 1] == ' ' || t->low[e - 1] == '"'))
            e--;
        if (e > cx->sent_lo[r->sentence] && t->low[e - 1] == '?') {
            r->cued = 0;
            return NULL;
        }
    }
    r->cued = 1;
    /* "Biden had been due to hold talks with Albanese. Those plans are now off.": the plans
     * of the sentence before called off */
    if (r->sentence + 1 < cx->sentence_count) {
        static const char *const plans[] = {"those plans", "these plans", "the plans",
                                            "that plan",   "the plan",    NULL};
        static const char *const off[] = {"are now off",  "are off",      "is off",
                                          "is now off",   "were dropped", "was dropped",
                                          "were scrapped", "was scrapped", "were put off",
                                          "was put off",  "were shelved", "was shelved",
                                          "were postponed", "was postponed", "were cancelled",
                                          "was cancelled", "were canceled", "was canceled",
                                          "fell through", NULL};
        size_t n0 = cx->sent_lo[r->sentence + 1], n1 = cx->sent_hi[r->sentence + 1];
        /* "... hoped to hold them in the spring. Those plans were put off when ...": a plan,
         * wished for or set, then undone */
        if (mt_at_any(t, n0, n1, plans) && mt_has_any(t, n0, n1, off) &&
            (mt_has_any(t, a, b, mt_changed_plan_cues_past) ||
             mt_has_any(t, a, b, mt_propose_cues) || mt_has_any(t, a, b, mt_schedule_cues)))
            return "cancelled";
        /* "A session was planned for July 1 ... Tokyo called it off after ...": a plan told
         * in the past, then undone by a verb whose "it" is that plan's meeting */
        static const char *const undone[] = {
            "called it off", "calls it off",   "call it off",  "put it off",   "puts it off",
            "cancelled it",  "canceled it",    "cancels it",   "postponed it", "postpones it",
            "scrapped it",   "scraps it",      "shelved it",   "dropped it",   NULL};
        static const char *const planned[] = {"was planned",   "were planned", "was scheduled",
                                              "was set for",   "was due",      "were due",
                                              "was to ",       "were to ",     NULL};
        size_t s0 = cx->sent_lo[r->sentence], s1 = cx->sent_hi[r->sentence];
        if (mt_has_any(t, n0, n0 + 60 < n1 ? n0 + 60 : n1, undone) &&
            (mt_has_any(t, s0, s1, planned) || mt_has_any(t, s0, s1, mt_changed_plan_cues_past)))
            return "cancelled";
    }
    /* "hopes to travel to Washington for talks with Biden": the talks are the purpose of
     * the trip before them, and what is said of the trip is said of them */
    if (r > cx->raws && r[-1].sentence == r->sentence && r[-1].end <= r->start &&
        r->start - r[-1].end < 40 && mt_find(t, r[-1].end, r->start, " for ") != MT_NONE &&
        !mt_verb_between(t, r[-1].end, r->start))
        a = r[-1].win_start;
    if (mt_cue_about_meeting(cx, a, b, mt_cancel_cues))
        return "cancelled";
    if (mt_cue_about_meeting(cx, a, b, mt_propose_cues) &&
        mt_find(t, a, b, "agreed to hold") == MT_NONE)
        return "proposed";
    if (mt_directed(cx, a, b))
        return "proposed";
    /* "their previous session ... had to be held by video link": a meeting that was */
    if (r->before)
        return "held";
    /* "announced on Tuesday after talks here": what came after the talks is reported, so
     * they took place */
    {
        size_t wend, ws = mt_word_before(t, r->start, r->win_start, &wend);
        static const char *const dets[] = {"the", "their", "its", "a", NULL};
        if (ws < wend && mt_prep_before(cx, wend, r->win_start, dets))
            ws = mt_word_before(t, ws, r->win_start, &wend);
        if (wend - ws == 5 && memcmp(t->low + ws, "after", 5) == 0)
            return "held";
    }
    if (mt_has_any(t, a, b, mt_changed_plan_cues))
        return NULL;
    size_t hp = mt_find_nearest(t, a, b, mt_held_cues, mid, &len);
    size_t sp = mt_find_nearest(t, a, b, mt_schedule_cues, mid, &len);
    /* "had to be held", "had been expected to": a plan told in the past perfect */
    if (sp != MT_NONE && sp >= a + 4 && strncmp(t->low + sp - 4, "had ", 4) == 0)
        sp = MT_NONE;
    /* "The next day, Obama welcomed Abe": a day of the narrative, not a plan */
    if (sp != MT_NONE && sp >= a + 4 && strncmp(t->low + sp, "next day", 8) == 0 &&
        strncmp(t->low + sp - 4, "the ", 4) == 0)
        sp = MT_NONE;
    if (sp == MT_NONE && r->tense != INGEST_TENSE_PAST) {
        sp = mt_find_nearest(t, a, b, mt_weak_schedule_cues, mid, &len);
        if (sp != MT_NONE) {
            /* "the stalled plan to move a base": a plan noun of another thing */
            static const char *const dets[] = {"the", "a",   "its",  "their",
                                               "his", "her", "this", NULL};
            size_t wend, w1 = mt_word_before(t, sp, a, &wend);
            /* "the plan to", "the stalled plan to" */
            if (mt_prep_before(cx, sp, a, dets) || (w1 < wend && mt_prep_before(cx, w1, a, dets)))
                sp = MT_NONE;
        }
    }
    /* A cue far from the trigger does not outvote the tense of the words around it ("the
     * guidelines that will allow ..." in a past report). */
    if (sp != MT_NONE && r->tense == INGEST_TENSE_PAST &&
        mt_dist(sp, sp + 1, r->start, r->end) > 80)
        sp = MT_NONE;
    if (hp != MT_NONE && r->tense == INGEST_TENSE_FUTURE &&
        mt_dist(hp, hp + 1, r->start, r->end) > 80)
        hp = MT_NONE;
    int future = sp != MT_NONE || r->tense == INGEST_TENSE_FUTURE;
    if (hp != MT_NONE && sp != MT_NONE) {
        size_t dh = hp > mid ? hp - mid : mid - hp, ds = sp > mid ? sp - mid : mid - sp;
        future = ds < dh;
    } else if (hp != MT_NONE)
        future = 0;
    r->cued = (sp != MT_NONE && mt_dist(sp, sp + 1, r->start, r->end) <= 60) ||
              (hp != MT_NONE && mt_dist(hp, hp + 1, r->start, r->end) <= 60);
    if (future && mt_announced(t, a, b))
        return "announced";
    if (future && (sp != MT_NONE || r->tense == INGEST_TENSE_FUTURE))
        return "scheduled";
    if (hp != MT_NONE || r->tense == INGEST_TENSE_PAST)
        return "held";
    r->cued = 0;
    return NULL;
}

/* ---- dates ---- */

struct mt_sdates {
    struct ingest_date_expr *e;
    size_t n;
};

/* ---- clustering ---- */

static int mt_status_group(const char *st)
{
    if (!st)
        return 0;
    if (strcmp(st, "held") == 0)
        return 1;
    if (strcmp(st, "referenced") == 0)
        return 3;
    if (strcmp(st, "cancelled") == 0)
        return 4;
    return 2; /* scheduled, announced, proposed */
}

static int mt_status_compatible(const char *a, const char *b)
{
    int ga = mt_status_group(a), gb = mt_status_group(b);
    if (!ga || !gb || ga == gb)
        return 1;
    if ((ga == 4 && gb == 2) || (ga == 2 && gb == 4))
        return 1;
    return 0;
}

static int mt_status_rank(const char *st)
{
    static const char *const order[] = {"proposed", "scheduled", "announced",
                                        "held",     "cancelled", NULL};
    for (int i = 0; st && order[i]; i++)
        if (strcmp(st, order[i]) == 0)
            return i + 1;
    return 0;
}

/* Two date values agree at the coarser precision. */
static int mt_dates_agree(const char *a, const char *b)
{
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    if (!*a || !*b)
        return 1;
    return strncmp(a, b, n) == 0;
}

/* The clause "When ... ," of sentence s that holds the words at p: [*c0, *c1). */
static int mt_when_clause(const struct mt_ctx *cx, size_t s, size_t p, size_t *c0, size_t *c1)
{
    const struct mt_text *t = &cx->t;
    size_t lo = cx->sent_lo[s], hi = cx->sent_hi[s];
    size_t w = MT_NONE;
    for (size_t q = mt_find(t, lo, p, "when"); q != MT_NONE; q = mt_find(t, q + 1, p, "when"))
        w = q;
    if (w == MT_NONE || memchr(t->low + w, ',', p - w))
        return 0;
    const char *comma = memchr(t->low + p, ',', hi - p);
    if (!comma)
        return 0;
    *c0 = w;
    *c1 = (size_t)(comma - t->low);
    return 1;
}

/* The date words at dlo tell when something else happened, when the sentence has another
 * date: the day of a report ("announced on Friday that the ministers will meet on Sunday")
 * or of someone taking office ("the first talks since Biden took office in January"). */
static int mt_event_date_of(const struct mt_ctx *cx, size_t dlo, size_t from,
                            const char *const *events)
{
    static const char *const preps[] = {"on", "in", NULL};
    size_t wend, ws = dlo;
    if (mt_prep_before(cx, dlo, from, preps))
        ws = mt_word_before(&cx->t, dlo, from, &wend);
    for (const char *const *e = events; *e; e++) {
        size_t n = strlen(*e);
        size_t q = ws;
        while (q > from && cx->t.low[q - 1] == ' ')
            q--;
        if (q >= from + n && memcmp(cx->t.low + q - n, *e, n) == 0 &&
            (q == from + n || !mt_alnum((unsigned char)cx->t.low[q - n - 1])))
            return 1;
    }
    return 0;
}

static int mt_other_event_date(const struct mt_ctx *cx, size_t dlo, size_t from)
{
    static const char *const events[] = {"announced", "said",      "told reporters",
                                         "confirmed", "took office", "taking office",
                                         "sworn in",  "was sworn in", NULL};
    return mt_event_date_of(cx, dlo, from, events);
}

/* "since Hamada took office in August": the day someone took office, never a meeting's,
 * even as the sentence's only date. */
static int mt_office_taken_date(const struct mt_ctx *cx, size_t dlo, size_t from)
{
    static const char *const events[] = {"took office",    "taking office", "takes office",
                                         "sworn in",       "assumed office", "took up the post",
                                         "was appointed",  "were appointed", NULL};
    return mt_event_date_of(cx, dlo, from, events);
}

/* "a meeting the two governments had planned for 2001": the date of a plan for the meeting
 * (a plan verb, then "for" just before the date at dlo) is the meeting's. */
static int mt_plan_for(const struct mt_ctx *cx, size_t dlo, size_t from)
{
    static const char *const fors[] = {"for", NULL};
    static const char *const plans[] = {"planned", "scheduled", "set", "slated", "pencilled in",
                                        "penciled in", NULL};
    size_t wend, ws;
    if (!mt_prep_before(cx, dlo, from, fors))
        return 0;
    ws = mt_word_before(&cx->t, dlo, from, &wend);
    for (const char *const *p = plans; *p; p++) {
        size_t n = strlen(*p), q = ws;
        while (q > from && cx->t.low[q - 1] == ' ')
            q--;
        if (q >= from + n && memcmp(cx->t.low + q - n, *p, n) == 0)
            return 1;
    }
    return 0;
}

/* Does raw r name a leader the summit cluster cl lacks, while cl names one r lacks
 * ("Biden had been due to hold talks with Albanese" / "Modi is to hold talks with
 * Albanese"): two summits, not one. */
static int mt_leader_in(const struct mt_ctx *cx, const struct mt_raw *r, const char *id)
{
    for (size_t i = 0; i < r->person_count; i++) {
        const struct mt_person *p = &cx->persons[r->persons[i]];
        const char *pid = cx->mentions[p->mention].entity_id;
        if ((p->seat & SEAT_LEADERS) && pid && strcmp(pid, id) == 0)
            return 1;
    }
    return 0;
}

static int mt_other_leaders(const struct mt_ctx *cx, const struct mt_raw *r,
                            const struct mt_cluster *cl)
{
    int r_extra = 0, cl_extra = 0;
    if (strcmp(r->kind, "summit") != 0 || strcmp(cl->kind, "summit") != 0)
        return 0;
    for (size_t i = 0; i < r->person_count && !r_extra; i++) {
        const struct mt_person *p = &cx->persons[r->persons[i]];
        const char *id = cx->mentions[p->mention].entity_id;
        if (!(p->seat & SEAT_LEADERS) || !id)
            continue;
        int found = 0;
        for (size_t k = 0; k < cl->raw_count && !found; k++)
            found = mt_leader_in(cx, &cx->raws[cl->raws[k]], id);
        r_extra = !found;
    }
    for (size_t k = 0; k < cl->raw_count && r_extra && !cl_extra; k++) {
        const struct mt_raw *o = &cx->raws[cl->raws[k]];
        for (size_t i = 0; i < o->person_count && !cl_extra; i++) {
            const struct mt_person *p = &cx->persons[o->persons[i]];
            const char *id = cx->mentions[p->mention].entity_id;
            cl_extra = (p->seat & SEAT_LEADERS) && id && !mt_leader_in(cx, r, id);
        }
    }
    return r_extra && cl_extra;
}

/* Triggers o and r of one sentence stand in clauses of their own, each with its persons
 * ("Motegi held a Foreign Ministers' Meeting with Blinken, and Kishi held a Defense
 * Ministers' Meeting with Austin"). */
static int mt_own_clauses(const struct mt_ctx *cx, const struct mt_raw *o, const struct mt_raw *r)
{
    const struct mt_raw *x = o->start < r->start ? o : r, *y = o->start < r->start ? r : o;
    size_t cut = mt_find(&cx->t, x->end, y->start, ", and ");
    if (cut == MT_NONE)
        return 0;
    int before = 0, after = 0;
    MT_EACH_PERSON(cx, x->sentence, i)
    {
        if (cx->persons[i].start < cut)
            before = 1;
        else
            after = 1;
    }
    return before && after;
}

/* r names someone in one of the four seats that a report of cl gives to someone else
 * ("a session with Iwaya and Nakatani, called off" / "convene a 2+2 with Motegi and
 * Koizumi"): two meetings. */
static int mt_seat_clash(const struct mt_ctx *cx, const struct mt_raw *r,
                         const struct mt_cluster *cl)
{
    for (size_t i = 0; i < r->person_count; i++) {
        const struct mt_person *p = &cx->persons[r->persons[i]];
        const char *id = cx->mentions[p->mention].entity_id;
        unsigned seat = p->seat & SEAT_FOUR;
        if (!id || !seat || (seat & (seat - 1)))
            continue;
        for (size_t k = 0; k < cl->raw_count; k++) {
            const struct mt_raw *o = &cx->raws[cl->raws[k]];
            for (size_t j = 0; j < o->person_count; j++) {
                const struct mt_person *q = &cx->persons[o->persons[j]];
                const char *qid = cx->mentions[q->mention].entity_id;
                if ((q->seat & SEAT_FOUR) == seat && qid && strcmp(qid, id) != 0)
                    return 1;
            }
        }
    }
    return 0;
}

/* ---- the extraction ---- */

/* d ("YYYY-MM-DD") moved by n days, in place; other precisions are left alone. */
static void mt_shift_day(char d[11], long n)
{
    int y, m, dd;
    if (n == 0 || strlen(d) != 10 || sscanf(d, "%d-%d-%d", &y, &m, &dd) != 3)
        return;
    /* days from the civil date and back (H. Hinnant's algorithms) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long z = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + n;
    era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long mon = mp < 10 ? mp + 3 : mp - 9;
    long yr = yoe + era * 400 + (mon <= 2);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)(yr % 10000), (int)(mon % 100),
             (int)(day % 100));
    memcpy(d, buf, 10);
    d[10] = '\0';
}

/* The value of a raw's date words as first read (with their sentence's tense), or "". */
static void mt_raw_value(const struct mt_ctx *cx, const struct mt_sdates *sd,
                         const struct mt_raw *r, char out[11])
{
    out[0] = '\0';
    if (!r->has_date)
        return;
    const struct mt_sdates *d = &sd[r->date_sentence];
    for (size_t k = 0; k < d->n; k++)
        if (d->e[k].clean.start + cx->sentences[r->date_sentence].clean.start ==
            r->date_clean.start)
            memcpy(out, d->e[k].value, 11);
    mt_shift_day(out, r->day_shift);
}

/* "Marles said that everything agreed at last December's round in Washington had been
 * carried out": the person reports a meeting of another month or year, named in what they
 * say (an anaphor dated by its own words in the sentence, coarser than a day); saying so
 * does not make them one of its participants. */
static int mt_reporter_of(const struct mt_ctx *cx, const struct mt_person *p,
                          const struct mt_raw *r, const struct mt_sdates *sd, size_t base)
{
    static const char *const says[] = {"said",    "says",     "told",  "noted", "notes",
                                       "recalled", "recalls", "added", "adds",  NULL};
    size_t q = mt_skip_fwd(&cx->t, p->end, cx->sent_hi[p->sentence]);
    if (!r->anaphoric || !r->has_date || r->date_sentence != p->sentence || r->start < q ||
        !mt_at_any(&cx->t, q, cx->sent_hi[p->sentence], says))
        return 0;
    for (size_t k = 0; k < sd->n; k++)
        if (base + sd->e[k].clean.start == r->date_clean.start)
            return sd->e[k].precision != INGEST_PREC_DAY;
    return 0;
}

static void mt_ctx_clear(struct mt_ctx *cx)
{
    for (size_t i = 0; i < cx->raw_count; i++)
        free(cx->raws[i].persons);
    for (size_t i = 0; i < cx->place_count; i++) {
        free(cx->places[i].owned_name);
        free(cx->places[i].text_name);
    }
    for (size_t i = 0; i < cx->cluster_count; i++)
        free(cx->clusters[i].raws);
    free(cx->raws);
    free(cx->places);
    free(cx->travel);
    free(cx->persons);
    free(cx->reqs);
    free(cx->outcomes);
    free(cx->clusters);
    free(cx->sent_lo);
    free(cx->sent_hi);
    free(cx->pfirst);
    free(cx->pend);
    free(cx->lfirst);
    free(cx->lend);
    free(cx->qfirst);
    free(cx->qend);
    free(cx->rfirst);
    free(cx->rend);
    free(cx->ofirst);
    mt_text_clear(&cx->t);
}

static void mt_participant_clear(struct ingest_meeting_participant *p)
{
    free(p->entity_id);
    free(p->name);
    free(p->role);
}

static void mt_mention_clear(struct ingest_meeting_mention *m)
{
    if (!m)
        return;
    free(m->date_text);
    free(m->place_id);
    free(m->place_name);
    free(m->venue);
    for (size_t i = 0; i < m->participant_count; i++)
        mt_participant_clear(&m->participants[i]);
    free(m->participants);
    free(m->outcomes);
    free(m->evidence);
    free(m->label);
    memset(m, 0, sizeof *m);
}

void ingest_meeting_result_clear(struct ingest_meeting_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->count; i++)
        mt_mention_clear(&result->mentions[i]);
    free(result->mentions);
    result->mentions = NULL;
    result->count = 0;
}

static char *mt_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* "TOKYO" -> "Tokyo", "NEW YORK" -> "New York"; a mixed-case dateline stays as written. */
static char *mt_title_case(const char *s)
{
    size_t n = strlen(s);
    int upper = 1;
    char *d = mt_strndup(s, n);
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            upper = 0;
    if (!upper)
        return d;
    for (size_t i = 0; i < n; i++) {
        int start = i == 0 || d[i - 1] == ' ' || d[i - 1] == '-';
        if (!start && d[i] >= 'A' && d[i] <= 'Z')
            d[i] = (char)(d[i] - 'A' + 'a');
    }
    return d;
}

/* The interval of days a date value with a part covers. */
static void mt_interval(const char *date, const char *part, char lo[11], char hi[11])
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = atoi(date), m1 = 1, m2 = 12, d1 = 1, d2 = 31;
    size_t n = strlen(date);

    if (n >= 10) {
        memcpy(lo, date, 10);
        memcpy(hi, date, 10);
        lo[10] = hi[10] = '\0';
        return;
    }
    if (n >= 7) {
        m1 = m2 = atoi(date + 5);
        d2 = mdays[m1 - 1];
        if (m1 == 2)
            d2 = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
        if (part) {
            if (strcmp(part, "early") == 0 || strcmp(part, "start") == 0)
                d2 = 10;
            else if (strcmp(part, "mid") == 0)
                d1 = 11, d2 = 20;
            else if (strcmp(part, "late") == 0 || strcmp(part, "end") == 0)
                d1 = 21;
        }
    } else if (part) {
        static const struct {
            const char *part;
            int m1, m2;
        } parts[] = {{"h1", 1, 6},     {"h2", 7, 12},    {"q1", 1, 3},    {"q2", 4, 6},
                     {"q3", 7, 9},     {"q4", 10, 12},   {"early", 1, 4}, {"mid", 5, 8},
                     {"late", 9, 12},  {"end", 12, 12},  {"start", 1, 1}, {"spring", 3, 5},
                     {"summer", 6, 8}, {"autumn", 9, 11}};
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            if (strcmp(part, parts[i].part) == 0)
                m1 = parts[i].m1, m2 = parts[i].m2;
        d2 = mdays[m2 - 1];
        if (m2 == 2)
            d2 = 28;
    }
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m1, d1);
    memcpy(lo, buf, 10);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m2, d2);
    memcpy(hi, buf, 10);
    lo[10] = hi[10] = '\0';
}

/* Days from a to b ("YYYY-MM-DD"). */
static long mt_days_between(const char *a, const char *b)
{
    long da, db;
    int y, m, d;
    sscanf(a, "%d-%d-%d", &y, &m, &d);
    y -= m <= 2;
    da = 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d;
    sscanf(b, "%d-%d-%d", &y, &m, &d);
    y -= m <= 2;
    db = 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d;
    return db - da;
}

/* The single gazetteer person holding the seat over [lo, hi], or NULL (none, or several). */
static const struct ingest_kb_entity *mt_seat_holder(const struct ingest_gazetteer *gz,
                                                     unsigned seat, const char *lo, const char *hi,
                                                     const struct ingest_kb_role **role)
{
    const struct ingest_kb_entity *found = NULL;
    size_t n = gz ? ingest_gazetteer_count(gz) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(gz, i);
        if (!e || e->type != INGEST_ENT_PERSON)
            continue;
        for (size_t k = 0; k < e->role_count; k++) {
            const struct ingest_kb_role *r = &e->roles[k];
            if (!(mt_seat_of_role(r->title, mt_nat_of_entity(e)) & seat))
                continue;
            if (r->from && strncmp(r->from, lo, 10) > 0)
                continue;
            if (r->to && strncmp(r->to, hi, 10) < 0)
                continue;
            if (found && found != e)
                return NULL;
            found = e;
            *role = r;
        }
    }
    return found;
}

/* The date a person held a seat over: does the gazetteer give them this seat over [lo, hi]? */
static unsigned mt_seat_over(const struct ingest_kb_entity *e, const char *lo, const char *hi)
{
    const struct ingest_kb_role *r = mt_role_over(e, lo, hi);
    return r ? mt_seat_of_role(r->title, mt_nat_of_entity(e)) : 0;
}

static int mt_person_fits(const char *kind, unsigned seat)
{
    if (seat & SEAT_SPOKES)
        return 0;
    if (strcmp(kind, "scc") == 0)
        return (seat & SEAT_FOUR) != 0;
    if (strcmp(kind, "ministerial") == 0)
        return (seat & (SEAT_FOUR | SEAT_MINISTER_OTHER)) != 0;
    if (strcmp(kind, "summit") == 0)
        return (seat & SEAT_LEADERS) != 0;
    if (strcmp(kind, "working-level") == 0)
        return (seat & SEAT_OFFICIAL) != 0;
    return seat != 0;
}

static int mt_seat_order(unsigned seat)
{
    static const unsigned order[] = {SEAT_LEADER_US,  SEAT_LEADER_JP,  SEAT_US_STATE,
                                     SEAT_US_DEFENSE, SEAT_JP_FOREIGN, SEAT_JP_DEFENSE};
    for (int i = 0; i < 6; i++)
        if (seat & order[i])
            return i;
    return 6;
}

struct mt_pbuild {
    struct ingest_meeting_participant *list;
    unsigned *seats;
    size_t count, cap, scap;
};

static int mt_pb_has(const struct mt_pbuild *pb, const char *id)
{
    for (size_t i = 0; i < pb->count; i++)
        if (pb->list[i].entity_id && id && strcmp(pb->list[i].entity_id, id) == 0)
            return 1;
    return 0;
}

static int mt_pb_add(struct mt_pbuild *pb, const char *id, const char *name, const char *role,
                     struct ingest_range clean, const char *via, unsigned seat)
{
    struct ingest_meeting_participant p;
    if (!id || mt_pb_has(pb, id))
        return 0;
    memset(&p, 0, sizeof p);
    p.entity_id = strdup(id);
    p.name = name ? strdup(name) : NULL;
    p.role = role ? strdup(role) : NULL;
    p.clean = clean;
    p.via = via;
    if (!p.entity_id || (name && !p.name) || (role && !p.role) ||
        mt_grow((void **)&pb->seats, &pb->scap, pb->count + 1, sizeof *pb->seats) != 0 ||
        MT_PUSH(pb->list, pb->count, pb->cap, p) != 0) {
        mt_participant_clear(&p);
        return -1;
    }
    pb->seats[pb->count - 1] = seat;
    return 0;
}

/* Finishes one cluster into a mention. */
static int mt_finish(struct mt_ctx *cx, struct mt_cluster *c, int main_meeting,
                     struct ingest_meeting_mention *m)
{
    const struct mt_text *t = &cx->t;
    enum ingest_tense orient;
    const char *status = c->status;
    struct mt_pbuild pb = {0};
    const char *part = NULL;
    int rc = -1;

    memset(m, 0, sizeof *m);
    m->kind = c->kind;
    /* Status: the strongest the words give; a history reference stands alone. */
    if (!status) {
        status = "held";
        for (size_t k = 0; k < c->raw_count; k++)
            if (cx->raws[c->raws[k]].tense == INGEST_TENSE_FUTURE)
                status = "scheduled";
    }
    m->status = status;
    orient = mt_status_group(status) == 2   ? INGEST_TENSE_FUTURE
             : mt_status_group(status) == 4 ? INGEST_TENSE_UNKNOWN
                                            : INGEST_TENSE_PAST;

    /* Date: the most precise the mentions give, read again in the meeting's direction. */
    for (size_t k = 0; k < c->raw_count; k++) {
        const struct mt_raw *r = &cx->raws[c->raws[k]];
        const struct ingest_sentence *s = &cx->sentences[r->date_sentence];
        struct ingest_date_expr *e = NULL;
        size_t n = 0;
        if (!r->has_date)
            continue;
        enum ingest_tense dir = orient;
        if (mt_status_group(status) == 4) {
            /* "had been pencilled in for Friday", "set for July 1": the date of a plan */
            static const char *const plan_for[] = {"for", NULL};
            if (mt_prep_before(cx, mt_low_of(t, r->date_clean.start), cx->sent_lo[r->date_sentence],
                               plan_for))
                dir = INGEST_TENSE_FUTURE;
        }
        if (ingest_dates_find(t->clean + s->clean.start, s->clean.end - s->clean.start,
                              cx->doc_date, dir, &e, &n) != 0)
            goto out;
        /* "was planned for July 1" in a December story: a month and day of a plan called
         * off is the nearer one, not next year's; only a weekday counts forward */
        for (size_t i = 0; i < n && dir == INGEST_TENSE_FUTURE && mt_status_group(status) == 4;
             i++)
            if (e[i].clean.start + s->clean.start == r->date_clean.start && e[i].relative &&
                strcmp(e[i].kind, "absolute") == 0) {
                free(e);
                e = NULL;
                dir = INGEST_TENSE_UNKNOWN;
                if (ingest_dates_find(t->clean + s->clean.start, s->clean.end - s->clean.start,
                                      cx->doc_date, dir, &e, &n) != 0)
                    goto out;
                break;
            }
        for (size_t i = 0; i < n; i++) {
            if (e[i].clean.start + s->clean.start != r->date_clean.start)
                continue;
            if (!m->date_text || (int)e[i].precision > (int)m->date_precision) {
                free(m->date_text);
                m->date_text = mt_strndup(t->clean + r->date_clean.start,
                                          r->date_clean.end - r->date_clean.start);
                if (!m->date_text) {
                    free(e);
                    goto out;
                }
                memcpy(m->date, e[i].value, sizeof m->date);
                mt_shift_day(m->date, r->day_shift);
                m->date_precision = e[i].precision;
                m->date_range = r->date_clean;
                part = e[i].part;
            }
        }
        free(e);
    }
    if (m->date_precision == INGEST_PREC_UNKNOWN)
        m->date[0] = '\0';
    m->date_part = m->date[0] ? part : NULL;
    /* "2023-01-11 — Security Consultative Committee" in a listing of 10 January: a day
     * after the document's cannot have been held; it is set for then */
    if (strcmp(status, "held") == 0 && m->date_precision == INGEST_PREC_DAY &&
        cx->doc_date && strlen(cx->doc_date) == 10 && strcmp(m->date, cx->doc_date) > 0) {
        status = "scheduled";
        m->status = status;
    }

    /* Place: the strongest cue; a dateline when the text says "here", or when it is the
     * story's own meeting, reported as hosted there or with no other place. */
    {
        const struct mt_place *best = NULL;
        long best_score = 0;
        for (size_t k = 0; k < c->raw_count; k++) {
            const struct mt_raw *r = &cx->raws[c->raws[k]];
            if (r->place == MT_NONE)
                continue;
            const struct mt_place *pl = &cx->places[r->place];
            /* across reports, the stronger kind of place; then the nearer */
            if (!best || pl->rank > best->rank ||
                (pl->rank == best->rank && r->place_score > best_score)) {
                best = pl;
                best_score = r->place_score;
            }
        }
        /* "(Place: Tokyo)" atop a release: where its meetings placed only by their country
         * ("who were visiting Japan") were held */
        if (best && best->rank == 1)
            for (size_t k = 0; k < cx->place_count; k++)
                if (cx->places[k].rank >= 2 && !cx->places[k].owned_name &&
                    mt_release_place_line(cx, cx->sent_lo[cx->places[k].sentence],
                                          cx->places[k].start)) {
                    best = &cx->places[k];
                    break;
                }
        if (best && best->owned_name && !best->venue && !cx->dateline) {
            /* "here", placed by the text's own "here in Washington"; else no place */
            if (cx->here_name) {
                m->place_name = strdup(cx->here_name);
                m->place_id = cx->here_id ? strdup(cx->here_id) : ingest_slug(cx->here_name);
                if (!m->place_name || !m->place_id)
                    goto out;
            }
        } else if (best && best->owned_name && !best->venue) { /* "here" */
            const struct ingest_kb_entity *e = mt_place_by_name(cx->gz, cx->dateline);
            m->place_name = e ? strdup(e->name) : mt_title_case(cx->dateline);
            if (!m->place_name)
                goto out;
            if (e)
                m->place_id = strdup(e->id);
            else
                m->place_id = ingest_slug(m->place_name);
            if (!m->place_id)
                goto out;
        } else if (best) {
            if (best->name && !(m->place_name = strdup(best->name)))
                goto out;
            if (best->id && !(m->place_id = strdup(best->id)))
                goto out;
            if (best->venue) {
                m->venue = mt_strndup(t->clean + mt_clean_of(t, best->start),
                                      mt_clean_of(t, best->end) - mt_clean_of(t, best->start));
                if (!m->venue)
                    goto out;
            }
        }
        if (best) {
            m->place_range.start = mt_clean_of(t, best->start);
            m->place_range.end = mt_clean_of(t, best->end);
        }
    }
    /* Taking part by video link: the meeting has no place of its own. */
    int remote = 0;
    for (size_t k = 0; k < c->raw_count; k++)
        remote |= mt_has_any(t, cx->raws[c->raws[k]].win_start, cx->raws[c->raws[k]].win_end,
                             mt_virtual_cues);
    if (remote && m->place_name && !m->venue) {
        /* "spoke from London with ... in Tokyo": where each side sat, not a meeting place */
        free(m->place_name);
        free(m->place_id);
        m->place_name = m->place_id = NULL;
    }
    /* No place in the words: the dateline, for the story's own meeting (the first it reports,
     * or one "hosted" there) held or set within three days of the story. */
    if (!m->place_name && !remote && cx->dateline && m->date_precision == INGEST_PREC_DAY &&
        cx->doc_date && strlen(cx->doc_date) >= 10 && mt_status_group(status) <= 2 &&
        strcmp(status, "proposed") != 0 && labs(mt_days_between(cx->doc_date, m->date)) <= 3) {
        static const char *const host[] = {"hosted",   "hosts",    "host", "hosting",
                                           "welcomed", "welcomes", NULL};
        int hosted = 0;
        for (size_t k = 0; k < c->raw_count; k++)
            hosted |=
                mt_has_any(t, cx->raws[c->raws[k]].win_start, cx->raws[c->raws[k]].win_end, host);
        if (hosted || main_meeting) {
            const struct ingest_kb_entity *e = mt_place_by_name(cx->gz, cx->dateline);
            m->place_name = e ? strdup(e->name) : mt_title_case(cx->dateline);
            if (!m->place_name)
                goto out;
            m->place_id = e ? strdup(e->id) : ingest_slug(m->place_name);
            if (!m->place_id)
                goto out;
        }
    }

    /* Participants named with the meeting. */
    for (size_t k = 0; k < c->raw_count; k++) {
        const struct mt_raw *r = &cx->raws[c->raws[k]];
        for (size_t i = 0; i < r->person_count; i++) {
            const struct mt_person *p = &cx->persons[r->persons[i]];
            const struct ingest_mention *mm = &cx->mentions[p->mention];
            unsigned seat = p->seat;
            const char *role = mm->role;
            const struct ingest_kb_entity *e =
                mm->kb && cx->gz ? ingest_gazetteer_find(cx->gz, mm->entity_id) : NULL;
            if (e && m->date[0]) {
                char lo[11], hi[11];
                mt_interval(m->date, m->date_part, lo, hi);
                const struct ingest_kb_role *kr = mt_role_over(e, lo, hi);
                if (kr) {
                    role = kr->title;
                    seat = mt_seat_of_role(kr->title, mt_nat_of_entity(e));
                } else if (e->role_count > 0 && cx->doc_date && !mt_role_meets(e, lo, hi) &&
                           strncmp(cx->doc_date, hi, 10) > 0) {
                    /* "Hamada's predecessor, Nobuo Kishi" at a meeting months before the
                     * story: the office a person holds now is not one held then (a meeting
                     * to come is left to the text: the gazetteer cannot know the future);
                    * one out of every office by then ("after Jim Mattis resigned") was not
                     * there, whatever the sentence's cues */
                    role = NULL;
                    seat = 0;
                    if (mt_any_seat_role(e))
                        continue;
                }
            }
            if (!r->participation && !mt_person_fits(c->kind, seat))
                continue;
            if (mt_replaced_person(cx, p->start) || mt_absent_person(cx, p))
                continue;
            if (r->participation && (seat & SEAT_SPOKES))
                continue;
            if (mt_pb_add(&pb, mm->entity_id, mm->name, role, mm->clean, "text", seat) != 0)
                goto out;
        }
    }
    /* Offices the text names without a person, resolved on the meeting's dates. */
    if (m->date[0] && cx->gz) {
        char lo[11], hi[11];
        unsigned have = 0;
        mt_interval(m->date, m->date_part, lo, hi);
        for (size_t i = 0; i < pb.count; i++)
            have |= pb.seats[i];
        for (size_t k0 = 0; k0 < c->raw_count; k0++) {
            const struct mt_raw *r = &cx->raws[c->raws[k0]];
            size_t rs = r->sentence;
            int seen = 0;
            for (size_t k1 = 0; k1 < k0; k1++)
                seen |= cx->raws[c->raws[k1]].sentence == rs;
            if (seen)
                continue; /* this sentence's offices were taken with an earlier report */
            MT_EACH_REQ(cx, rs, q)
            {
                const struct mt_seatreq *rq = &cx->reqs[q];
                int tied = 0;
                /* the office belongs to the nearest trigger of its sentence */
                for (size_t k = 0; k < c->raw_count && !tied; k++) {
                    const struct mt_raw *own = &cx->raws[c->raws[k]];
                    if (own->sentence != rs)
                        continue;
                    tied = 1;
                    for (size_t j = cx->rfirst[rs]; tied && j < cx->rend[rs]; j++) {
                        const struct mt_raw *o = &cx->raws[j];
                        if (o->cluster != own->cluster && !mt_in_opener(cx, o) &&
                            mt_dist(o->start, o->end, rq->start, rq->end) <
                                mt_dist(own->start, own->end, rq->start, rq->end))
                            tied = 0;
                    }
                }
                if (!tied || (rq->bare && strcmp(c->kind, "scc") != 0))
                    continue;
                unsigned want = rq->seats;
                if (c->foreign) {
                    /* "the foreign and defense ministers of Japan and the Philippines": only
                     * the ally named has seats the gazetteer knows */
                    static const char *const jp[] = {"japan", "japanese", "japan's", NULL};
                    static const char *const us[] = {"u.s.", "united states", "american", NULL};
                    unsigned side = 0;
                    if (mt_has_any(t, cx->sent_lo[rs], cx->sent_hi[rs], jp))
                        side |= SEAT_JP | SEAT_LEADER_JP;
                    if (mt_has_any(t, cx->sent_lo[rs], cx->sent_hi[rs], us))
                        side |= SEAT_US | SEAT_LEADER_US;
                    /* none named ("the secretaries ... their South Korean counterparts"): all;
                     * but "the four" of a group's meeting are that group's four */
                    if (side)
                        want &= side;
                    else if ((rq->seats & SEAT_FOUR) == SEAT_FOUR)
                        continue;
                }
                if (!mt_person_fits(c->kind, rq->seats) && strcmp(c->kind, "other") != 0)
                    continue;
                for (unsigned bit = SEAT_US_STATE; bit <= SEAT_LEADER_JP; bit <<= 1) {
                    const struct ingest_kb_role *role = NULL;
                    if (!(want & bit) || (have & bit))
                        continue;
                    const struct ingest_kb_entity *e = mt_seat_holder(cx->gz, bit, lo, hi, &role);
                    if (!e)
                        continue;
                    struct ingest_range rr = {mt_clean_of(t, rq->start), mt_clean_of(t, rq->end)};
                    if (mt_pb_add(&pb, e->id, e->name, role->title, rr, rq->via, bit) != 0)
                        goto out;
                    have |= bit;
                }
            }
        }
    }
    /* A 2+2 of the story's own time has four seats: persons the text names elsewhere who
     * held an empty seat over the meeting's dates fill it. */
    if (strcmp(c->kind, "scc") == 0 && !c->foreign && m->date[0] && cx->doc_date &&
        mt_status_group(status) != 3 && strlen(cx->doc_date) >= 10) {
        char lo[11], hi[11], dlo[11], dhi[11];
        unsigned have = 0;
        mt_interval(m->date, m->date_part, lo, hi);
        mt_interval(cx->doc_date, NULL, dlo, dhi);
        /* "the story's own time": the meeting's days come within a month of the story's */
        int near = strncmp(lo, dhi, 10) <= 0 ? mt_days_between(lo, dhi) <= 31
                                             : mt_days_between(dhi, lo) <= 31;
        if (strncmp(hi, dlo, 10) >= 0 && strncmp(lo, dhi, 10) <= 0)
            near = 1;
        for (size_t i = 0; i < pb.count; i++)
            have |= pb.seats[i];
        for (size_t i = 0; near && cx->gz && i < cx->person_count; i++) {
            const struct ingest_mention *mm = &cx->mentions[cx->persons[i].mention];
            const struct ingest_kb_entity *e =
                mm->kb ? ingest_gazetteer_find(cx->gz, mm->entity_id) : NULL;
            /* one the gazetteer lacks: the office the text gives them */
            unsigned seat = e ? mt_seat_over(e, lo, hi) : mm->role ? cx->persons[i].seat : 0;
            if (!(seat & SEAT_FOUR) || (have & seat))
                continue;
            const struct ingest_kb_role *kr = e ? mt_role_over(e, lo, hi) : NULL;
            if (mt_pb_add(&pb, mm->entity_id, mm->name, kr ? kr->title : mm->role, mm->clean,
                          "seat", seat) != 0)
                goto out;
            have |= seat;
        }
    }
    /* Still no place: where the participants travel for it ("Aso and Nukaga will travel to
     * Washington next week ... The two ministers are to meet Rice"), next to its reports. */
    if (!m->place_name && !remote) {
        size_t first = cx->raws[c->raws[0]].sentence, last = first;
        for (size_t k = 0; k < c->raw_count; k++)
            if (cx->raws[c->raws[k]].sentence > last)
                last = cx->raws[c->raws[k]].sentence;
        for (size_t q = 0; q < cx->travel_count && !m->place_name; q++) {
            const struct mt_place *tp = &cx->travel[q];
            int goer = 0;
            if (tp->sentence + 1 < first || tp->sentence > last + 1)
                continue;
            for (size_t i = 0; i < cx->person_count && !goer; i++) {
                const struct ingest_mention *mm = &cx->mentions[cx->persons[i].mention];
                if (cx->persons[i].sentence == tp->sentence && mt_pb_has(&pb, mm->entity_id))
                    goer = 1;
            }
            if (!goer)
                continue;
            if ((tp->name && !(m->place_name = strdup(tp->name))) ||
                (tp->id && !(m->place_id = strdup(tp->id))))
                goto out;
            m->place_range.start = mt_clean_of(t, tp->start);
            m->place_range.end = mt_clean_of(t, tp->end);
        }
    }
    /* Order: leaders, then the four seats, then others as found. */
    for (size_t i = 1; i < pb.count; i++)
        for (size_t j = i; j > 0 && mt_seat_order(pb.seats[j]) < mt_seat_order(pb.seats[j - 1]);
             j--) {
            struct ingest_meeting_participant tp = pb.list[j];
            unsigned ts = pb.seats[j];
            pb.list[j] = pb.list[j - 1];
            pb.seats[j] = pb.seats[j - 1];
            pb.list[j - 1] = tp;
            pb.seats[j - 1] = ts;
        }
    m->participants = pb.list;
    m->participant_count = pb.count;
    pb.list = NULL;
    pb.count = 0;

    /* Evidence, the first report, the label. */
    for (size_t k = 0; k < c->raw_count; k++) {
        const struct mt_raw *r = &cx->raws[c->raws[k]];
        struct ingest_evidence ev = {cx->sentences[r->sentence].clean};
        int dup = 0;
        for (size_t i = 0; i < m->evidence_count; i++)
            dup |= m->evidence[i].clean.start == ev.clean.start;
        if (dup)
            continue;
        size_t cap = m->evidence_count;
        if (mt_grow((void **)&m->evidence, &cap, m->evidence_count + 1, sizeof *m->evidence) != 0)
            goto out;
        m->evidence[m->evidence_count++] = ev;
    }
    m->clean = cx->sentences[cx->raws[c->raws[0]].sentence].clean;
    {
        const struct mt_raw *lab = &cx->raws[c->raws[0]];
        for (size_t k = 0; k < c->raw_count; k++) {
            const struct mt_raw *r = &cx->raws[c->raws[k]];
            if (!r->anaphoric && !r->generic && !r->spawned) {
                lab = r;
                break;
            }
        }
        size_t a = mt_clean_of(t, lab->start), b = mt_clean_of(t, lab->end);
        char *label = malloc(b - a + 1);
        size_t n = 0;
        if (!label)
            goto out;
        for (size_t i = a; i < b; i++) {
            unsigned char ch = (unsigned char)t->clean[i];
            if (ch == '"')
                continue;
            if (ch == 0xE2 && i + 2 < b && (unsigned char)t->clean[i + 1] == 0x80 &&
                ((unsigned char)t->clean[i + 2] == 0x9C ||
                 (unsigned char)t->clean[i + 2] == 0x9D)) {
                i += 2;
                continue;
            }
            label[n++] = (char)ch;
        }
        label[n] = '\0';
        m->label = label;
    }
    rc = 0;
out:
    for (size_t i = 0; i < pb.count; i++)
        mt_participant_clear(&pb.list[i]);
    free(pb.list);
    free(pb.seats);
    return rc;
}

/* The date a dateline gives ("TOKYO, March 16, 2021 —", "WASHINGTON, Oct. 3, 2013 (AP) -"):
 * a place in capitals, a comma, a whole date, then a dash or a parenthesis. Returns 1 with
 * out ("YYYY-MM-DD"), 0 when the sentence opens otherwise, -1 on out of memory. */
static int mt_dateline_date(const char *s, size_t n, char out[11])
{
    struct ingest_date_expr *e = NULL;
    size_t count = 0, i = 0;
    int rc = 0;

    while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '.' || s[i] == '-'))
        i++;
    if (i < 2 || i >= n || s[i] != ',')
        return 0;
    size_t lim = i + 40 < n ? i + 40 : n;
    if (ingest_dates_find(s + i, lim - i, NULL, INGEST_TENSE_UNKNOWN, &e, &count) != 0)
        return -1;
    if (count > 0 && e[0].precision == INGEST_PREC_DAY && !e[0].relative &&
        e[0].clean.start <= 3) {
        size_t q = i + e[0].clean.end;
        while (q < n && s[q] == ' ')
            q++;
        /* an em dash (E2 80 94), an en dash (E2 80 93), "-" or "(" */
        int dash = q + 2 < n && (unsigned char)s[q] == 0xE2 && (unsigned char)s[q + 1] == 0x80 &&
                   ((unsigned char)s[q + 2] == 0x93 || (unsigned char)s[q + 2] == 0x94);
        if (q < n && (s[q] == '-' || s[q] == '(' || dash)) {
            memcpy(out, e[0].value, 11);
            rc = 1;
        }
    }
    free(e);
    return rc;
}

int ingest_meetings_extract(const char *text, size_t len, const struct ingest_sentence *sentences,
                            size_t sentence_count, const struct ingest_mention *mentions,
                            size_t mention_count, const struct ingest_gazetteer *gz,
                            const char *doc_date, const char *dateline,
                            struct ingest_meeting_result *out)
{
    struct mt_ctx cx;
    struct mt_sdates *sd = NULL;
    struct ingest_meeting_mention *list = NULL;
    size_t list_count = 0;
    int rc = -1;

    memset(&cx, 0, sizeof cx);
    memset(out, 0, sizeof *out);
    if (doc_date && !*doc_date)
        doc_date = NULL;
    char dateline_date[11];
    if (!doc_date && sentence_count > 0) {
        int dl = mt_dateline_date(text + sentences[0].clean.start,
                                  sentences[0].clean.end - sentences[0].clean.start, dateline_date);
        if (dl < 0)
            return -1;
        if (dl == 1)
            doc_date = dateline_date; /* "TOKYO, March 16, 2021 — ... on Tuesday" */
    }
    if (dateline && !*dateline)
        dateline = NULL;
    cx.sentences = sentences;
    cx.sentence_count = sentence_count;
    cx.mentions = mentions;
    cx.mention_count = mention_count;
    cx.gz = gz;
    cx.doc_date = doc_date;
    cx.dateline = dateline;
    if (mt_text_init(&cx.t, text, len) != 0)
        return -1;
    cx.sent_lo = calloc(sentence_count + 1, sizeof *cx.sent_lo);
    cx.sent_hi = calloc(sentence_count + 1, sizeof *cx.sent_hi);
    sd = calloc(sentence_count + 1, sizeof *sd);
    size_t **ranges[] = {&cx.pfirst, &cx.pend,   &cx.lfirst, &cx.lend,  &cx.qfirst,
                         &cx.qend,   &cx.rfirst, &cx.rend,   &cx.ofirst};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (!(*ranges[i] = calloc(sentence_count + 2, sizeof **ranges[i])))
            goto out;
    if (!cx.sent_lo || !cx.sent_hi || !sd)
        goto out;
    for (size_t s = 0; s < sentence_count; s++) {
        cx.sent_lo[s] = mt_low_of(&cx.t, sentences[s].clean.start);
        cx.sent_hi[s] = mt_low_of(&cx.t, sentences[s].clean.end);
    }
    if (mt_scan_entities(&cx) != 0 || mt_scan_offices(&cx) != 0)
        goto out;

    /* Triggers, then what each trigger's words say. */
    for (size_t s = 0; s < sentence_count; s++) {
        size_t first = cx.raw_count;
        const struct ingest_sentence *sent = &sentences[s];
        enum ingest_tense stense =
            ingest_tense_of(text + sent->clean.start, sent->clean.end - sent->clean.start);

        if (ingest_dates_find(text + sent->clean.start, sent->clean.end - sent->clean.start,
                              doc_date, stense, &sd[s].e, &sd[s].n) != 0)
            goto out;
        /* A deadline ("met in October and agreed to revise the guidelines by the end of
         * 2014") dates what was agreed, not the meeting, when the sentence has another date;
         * alone it may be the meeting's ("hopes to hold one by the end of the year"). */
        {
            static const char *const until[] = {"by", "until", "till", NULL};
            static const char *const nots[] = {"not", "n't", "never", NULL};
            size_t kept = 0;
            char *deadline = calloc(sd[s].n + 1, 1);
            if (!deadline)
                goto out;
            for (size_t k = 0; k < sd[s].n; k++) {
                size_t dlo = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.start);
                /* "did not meet again until December 2002": when it next met */
                size_t lo = dlo > cx.sent_lo[s] + 60 ? dlo - 60 : cx.sent_lo[s];
                /* "The 2007 statement, approved on May 1, 2007": a year naming a thing */
                static const char *const dets[] = {"the", "a", "its", "their", NULL};
                size_t dhi = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.end);
                int attributive = sd[s].e[k].precision == INGEST_PREC_YEAR &&
                                  mt_prep_before(&cx, dlo, cx.sent_lo[s], dets) &&
                                  dhi + 1 < cx.sent_hi[s] && cx.t.low[dhi] == ' ' &&
                                  mt_alnum((unsigned char)cx.t.low[dhi + 1]) &&
                                  !(cx.t.low[dhi + 1] >= '0' && cx.t.low[dhi + 1] <= '9');
                deadline[k] = (mt_prep_before(&cx, dlo, cx.sent_lo[s], until) &&
                               !mt_has_any(&cx.t, lo, dlo, nots)) ||
                              mt_other_event_date(&cx, dlo, cx.sent_lo[s]) || attributive;
                kept += !deadline[k];
            }
            if (kept > 0 && kept < sd[s].n) {
                kept = 0;
                for (size_t k = 0; k < sd[s].n; k++)
                    if (!deadline[k])
                        sd[s].e[kept++] = sd[s].e[k];
                sd[s].n = kept;
            } else if (kept == 0) {
                size_t n = 0;
                for (size_t k = 0; k < sd[s].n; k++)
                    if (!mt_office_taken_date(
                            &cx, mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.start),
                            cx.sent_lo[s]))
                        sd[s].e[n++] = sd[s].e[k];
                sd[s].n = n;
            }
            free(deadline);
            /* a sentence dated only by a deadline ("the four ministers agreed to revise the
             * guidelines by the end of 2014") tells of no meeting then */
            cx.scan_dates = kept;
        }
        if (mt_scan_triggers(&cx, s) != 0)
            goto out;
        /* Sort this sentence's triggers by position. */
        for (size_t i = first + 1; i < cx.raw_count; i++)
            for (size_t j = i; j > first && cx.raws[j].start < cx.raws[j - 1].start; j--) {
                struct mt_raw tmp = cx.raws[j];
                cx.raws[j] = cx.raws[j - 1];
                cx.raws[j - 1] = tmp;
            }
        /* Windows: a trigger owns the words up to half way to its neighbours. */
        for (size_t i = first; i < cx.raw_count; i++) {
            struct mt_raw *r = &cx.raws[i];
            r->win_start = i == first ? cx.sent_lo[s] : (cx.raws[i - 1].end + r->start) / 2;
            r->win_end =
                i + 1 == cx.raw_count ? cx.sent_hi[s] : (r->end + cx.raws[i + 1].start) / 2;
            while (r->win_start > cx.sent_lo[s] &&
                   mt_alnum((unsigned char)cx.t.low[r->win_start]) &&
                   mt_alnum((unsigned char)cx.t.low[r->win_start - 1]))
                r->win_start--;
            while (r->win_end < cx.sent_hi[s] && mt_alnum((unsigned char)cx.t.low[r->win_end]) &&
                   mt_alnum((unsigned char)cx.t.low[r->win_end - 1]))
                r->win_end++;
            r->tense = ingest_tense_of(cx.t.low + r->win_start, r->win_end - r->win_start);
            if (r->tense == INGEST_TENSE_UNKNOWN && i + 1 == cx.raw_count && i == first)
                r->tense = stense;
            r->status = mt_status_of(&cx, r);
            if (r->rescheduled) {
                r->status = "scheduled";
                r->cued = 1;
            }
            /* "The meeting followed a visit to Tokyo last week by ...": what comes after
             * such a verb is another event */
            static const char *const rel[] = {
                "followed", "follows",    "came after",  "comes after",          "preceded",
                "precedes", "came a day", "comes a day", "came on the heels of", NULL};
            size_t rl, rp = mt_find_any(&cx.t, r->end,
                                        r->end + 25 < cx.sent_hi[s] ? r->end + 25 : cx.sent_hi[s],
                                        rel, &rl);
            if (r->anaphoric && rp != MT_NONE)
                r->bound = rp + rl;
        }
        /* History ("talks began in 1990") and "the first such meeting since August 2017". */
        size_t nraw = cx.raw_count;
        for (size_t i = first; i < nraw; i++) {
            struct mt_raw *r = &cx.raws[i];
            size_t hl, hp = mt_find_any(&cx.t, r->end,
                                        r->end + 40 < cx.sent_hi[s] ? r->end + 40 : cx.sent_hi[s],
                                        mt_history_cues, &hl);
            if (hp != MT_NONE) {
                for (size_t k = 0; k < sd[s].n; k++) {
                    size_t dlo = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.start);
                    if (dlo >= hp + hl && dlo < hp + hl + 12) {
                        r->history = 1;
                        r->status = "referenced";
                        r->has_date = 1;
                        r->date_sentence = s;
                        r->date_clean.start = sent->clean.start + sd[s].e[k].clean.start;
                        r->date_clean.end = sent->clean.start + sd[s].e[k].clean.end;
                        break;
                    }
                }
                if (!r->history && hl > 6) { /* "was set up", with no date */
                    r->history = 1;
                    r->status = "referenced";
                }
            }
            /* "the first 2+2 since", "the first two-plus-two between the allies since" */
            size_t sp = mt_find(&cx.t, r->end,
                                r->end + 40 < cx.sent_hi[s] ? r->end + 40 : cx.sent_hi[s], "since");
            if (sp != MT_NONE && memchr(cx.t.low + r->end, ',', sp - r->end))
                sp = MT_NONE;
            size_t fp =
                mt_find(&cx.t, r->start > cx.sent_lo[s] + 40 ? r->start - 40 : cx.sent_lo[s],
                        r->start, "first");
            if (sp != MT_NONE && fp != MT_NONE && !r->history) {
                for (size_t k = 0; k < sd[s].n; k++) {
                    size_t dlo = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.start);
                    if (dlo < sp + 6 || dlo > sp + 8)
                        continue;
                    struct mt_raw sr;
                    memset(&sr, 0, sizeof sr);
                    sr.sentence = s;
                    sr.start = dlo;
                    sr.end = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.end);
                    sr.spawned = 1;
                    sr.anaphoric = 1;
                    sr.kind = r->kind;
                    sr.status = "held";
                    sr.tense = INGEST_TENSE_PAST;
                    sr.has_date = 1;
                    sr.date_sentence = s;
                    sr.date_clean.start = sent->clean.start + sd[s].e[k].clean.start;
                    sr.date_clean.end = sent->clean.start + sd[s].e[k].clean.end;
                    sr.win_start = sr.start;
                    sr.win_end = cx.sent_hi[s];
                    sr.place = MT_NONE;
                    sr.cluster = MT_NONE;
                    sr.bound = MT_NONE;
                    if (MT_PUSH(cx.raws, cx.raw_count, cx.raw_cap, sr) != 0)
                        goto out;
                    r = &cx.raws[i]; /* the push may have moved the array */
                    r->win_end = sr.start;
                    break;
                }
            }
        }
        /* "Nakatani and Hegseth, meeting in Singapore at the end of May, talked about
         * convening a two-plus-two": the 2+2 is what they discussed, wished for; the date,
         * place and persons before it are those of their meeting. */
        for (size_t i = first; i < cx.raw_count; i++) {
            static const char *const topics[] = {"about convening",    "about holding",
                                                 "discussed convening", "discussed holding",
                                                 "discussing holding",  NULL};
            struct mt_raw *r = &cx.raws[i];
            size_t lo = r->start > cx.sent_lo[s] + 25 ? r->start - 25 : cx.sent_lo[s];
            size_t tl, tp = mt_find_any(&cx.t, lo, r->start, topics, &tl);
            if (tp == MT_NONE || i == first)
                continue; /* a meeting of their own must be reported before it */
            r->topic = 1;
            r->status = "proposed";
            r->cued = 1;
        }
        /* Dates go to triggers nearest first, one date per trigger and one trigger per date;
         * a spawned trigger owns what follows its "since"; "The meeting followed ..." owns
         * nothing after the verb. */
        for (;;) {
            size_t bk = MT_NONE, bi = MT_NONE;
            long bd = 0;
            for (size_t k = 0; k < sd[s].n; k++) {
                size_t dstart = sent->clean.start + sd[s].e[k].clean.start;
                size_t dlo = mt_low_of(&cx.t, dstart);
                size_t dhi = mt_low_of(&cx.t, sent->clean.start + sd[s].e[k].clean.end);
                int taken = 0;
                /* "the attacks of Sept. 11": a date of another thing, unless it is the
                 * meeting's own ("the meeting of Oct. 3") */
                static const char *const of[] = {"of", NULL};
                int of_before = mt_prep_before(&cx, dlo, cx.sent_lo[s], of);
                int possessive = dhi + 2 <= cx.sent_hi[s] && cx.t.low[dhi] == '\'' &&
                                 cx.t.low[dhi + 1] == 's';
                for (size_t i = first; i < cx.raw_count && !taken; i++)
                    taken = cx.raws[i].has_date && cx.raws[i].date_sentence == s &&
                            cx.raws[i].date_clean.start == dstart;
                if (taken)
                    continue;
                /* "When Clinton hosted Maehara on January 6, the two said the security talks
                 * would ...": the date of a "when" clause is its own meeting's */
                size_t w0 = MT_NONE, w1 = MT_NONE;
                if (mt_when_clause(&cx, s, dlo, &w0, &w1)) {
                    int inside = 0;
                    for (size_t i = first; i < cx.raw_count && !inside; i++)
                        inside = cx.raws[i].start >= w0 && cx.raws[i].end <= w1 &&
                                 !cx.raws[i].has_date && !cx.raws[i].history;
                    if (!inside)
                        w0 = w1 = MT_NONE;
                }
                for (size_t i = first; i < cx.raw_count; i++) {
                    const struct mt_raw *r = &cx.raws[i];
                    long d = mt_dist(r->start, r->end, dlo, dhi);
                    if (w0 != MT_NONE && (r->start < w0 || r->end > w1))
                        continue;
                    /* "since the talks in Washington in January, and the first 2+2 held in
                     * Japan": a clause apart */
                    {
                        size_t g0 = dhi <= r->start ? dhi : r->end,
                               g1 = dhi <= r->start ? r->start : dlo;
                        if (g0 < g1 && mt_find(&cx.t, g0, g1, ", and ") != MT_NONE)
                            d += 40;
                    }
                    if (r->has_date || r->history || (r->bound != MT_NONE && dlo >= r->bound) ||
                        ((r->rescheduled || r->topic) && dlo < r->start))
                        continue; /* a new date comes after "instead hold it" */
                    if (of_before && !(r->end <= dlo && dlo - r->end <= 4))
                        continue;
                    /* "today's discussion will feed into that summit": a date in the
                     * possessive dates the noun it owns, the trigger only when that is it
                     * ("Saturday's meeting") */
                    if (possessive && !(r->start >= dhi && r->start <= dhi + 4))
                        continue;
                    /* "An article on Monday about the security talks": the date is the
                     * article's, the talks its topic */
                    if (dhi <= r->start && mt_about_between(&cx.t, dhi, r->start))
                        continue;
                    if (r->spawned) {
                        if (dlo < r->start)
                            continue;
                        d = 0;
                    }
                    /* "China's Foreign Ministry on Monday criticized the statement issued after
                     * their security talks": a past verb between a bare "talks" and the date
                     * gives the date to that verb */
                    if ((r->anaphoric || r->generic) && d > 30 &&
                        mt_verb_between(&cx.t, dhi < r->start ? dhi : r->end,
                                        dhi < r->start ? r->start : dlo) &&
                        !(dhi < r->start && mt_clause_tied(&cx.t, dhi, r->start)) &&
                        !(dlo > r->end && mt_plan_for(&cx, dlo, r->end)))
                        continue;
                    if (bk == MT_NONE || d < bd) {
                        bk = k;
                        bi = i;
                        bd = d;
                    }
                }
            }
            if (bk == MT_NONE)
                break;
            struct mt_raw *r = &cx.raws[bi];
            r->has_date = 1;
            r->date_sentence = s;
            r->date_clean.start = sent->clean.start + sd[s].e[bk].clean.start;
            r->date_clean.end = sent->clean.start + sd[s].e[bk].clean.end;
        }
        /* Places go to the nearest trigger; a trigger keeps the place that is strongest for
         * its distance ("a meeting in New York, two days before Abe was due at the White
         * House": New York). */
        MT_EACH_PLACE(&cx, s, k)
        {
            const struct mt_place *pl = &cx.places[k];
            size_t best = MT_NONE;
            long bd = 0;
            /* "In Seoul, the government said it had watched the talks": where the speaker is */
            int opener = pl->start <= cx.sent_lo[s] + 3 && pl->end < cx.sent_hi[s] &&
                         cx.t.low[pl->end] == ',';
            for (size_t i = first; i < cx.raw_count; i++) {
                const struct mt_raw *r = &cx.raws[i];
                long d = mt_dist(r->start, r->end, pl->start, pl->end);
                /* "held in Manila; the third took place in Washington": a clause apart */
                size_t g0 = pl->end < r->start ? pl->end : r->end,
                       g1 = pl->end < r->start ? r->start : pl->start;
                if (g0 < g1 && memchr(cx.t.low + g0, ';', g1 - g0))
                    d += 60;
                if (r->history || (r->bound != MT_NONE && pl->start >= r->bound) ||
                    ((r->rescheduled || r->topic) && pl->start < r->start))
                    continue;
                if (opener && (r->anaphoric || r->generic))
                    continue;
                if (r->spawned) {
                    if (pl->start < r->start)
                        continue;
                    d = 0;
                }
                if (best == MT_NONE || d < bd) {
                    best = i;
                    bd = d;
                }
            }
            if (best == MT_NONE)
                continue;
            struct mt_raw *r = &cx.raws[best];
            long score = 30L * pl->rank - bd;
            if (r->place == MT_NONE || score > r->place_score) {
                r->place = k;
                r->place_score = score;
            }
        }
        /* Persons of the sentence go to its triggers; the kind decides later who fits. */
        int part_cue = mt_has_any(&cx.t, cx.sent_lo[s], cx.sent_hi[s], mt_participation_cues);
        MT_EACH_PERSON(&cx, s, k)
        {
            const struct mt_person *p = &cx.persons[k];
            if (!p->seat && !part_cue)
                continue;
            int plain = 0;
            for (size_t i = first; i < cx.raw_count; i++)
                plain |= !cx.raws[i].history && !cx.raws[i].spawned && !cx.raws[i].distinct;
            /* "When Clinton hosted Maehara on January 6, the two said the talks would ...":
             * the persons of a "when" clause with a meeting of its own are that meeting's */
            size_t w0 = MT_NONE, w1 = MT_NONE;
            if (mt_when_clause(&cx, s, p->start, &w0, &w1)) {
                int inside = 0;
                for (size_t i = first; i < cx.raw_count && !inside; i++)
                    inside = cx.raws[i].start >= w0 && cx.raws[i].end <= w1;
                if (!inside)
                    w0 = w1 = MT_NONE;
            }
            for (size_t i = first; i < cx.raw_count; i++) {
                struct mt_raw *r = &cx.raws[i];
                if (r->history || r->spawned || r->topic || (r->distinct && plain))
                    continue;
                if (w0 != MT_NONE && (r->start < w0 || r->end > w1))
                    continue;
                /* "Motegi held a meeting with Blinken, and Kishi held one with Austin": a
                 * person of one clause is not at the other clause's meeting */
                int other_clause = 0;
                for (size_t j = first; j < cx.raw_count && !other_clause; j++) {
                    const struct mt_raw *o = &cx.raws[j];
                    if (j == i || !mt_own_clauses(&cx, o, r))
                        continue;
                    const struct mt_raw *x = o->start < r->start ? o : r;
                    const struct mt_raw *y = o->start < r->start ? r : o;
                    size_t cut = mt_find(&cx.t, x->end, y->start, ", and ");
                    other_clause = (p->start < cut) != (r->start < cut);
                }
                if (other_clause)
                    continue;
                if (mt_reporter_of(&cx, p, r, &sd[s], sent->clean.start))
                    continue;
                if (MT_PUSH(r->persons, r->person_count, r->person_cap, k) != 0)
                    goto out;
            }
        }
        /* Participation cues without a trigger: persons join the meeting just reported. */
        static const char *const gatherings[] = {"summit", "forum", "conference", NULL};
        if (first == cx.raw_count && cx.raw_count > 0 && part_cue &&
            !mt_has_any(&cx.t, cx.sent_lo[s], cx.sent_hi[s], gatherings)) {
            /* not "attended the summit in place of ...": a gathering of its own, not listed */
            struct mt_raw *r = &cx.raws[cx.raw_count - 1];
            if (r->sentence + 2 >= s && !r->history) {
                MT_EACH_PERSON(&cx, s, k)
                {
                    if (cx.persons[k].seat & SEAT_SPOKES)
                        continue;
                    if (MT_PUSH(r->persons, r->person_count, r->person_cap, k) != 0)
                        goto out;
                }
                r->participation = 1;
            }
        } else if (first < cx.raw_count && part_cue) {
            /* "the participants in the talks", "the meeting was attended by": the cue must
             * stand by the trigger, not in another clause ("a dialogue led by ...") */
            for (size_t i = first; i < cx.raw_count; i++) {
                struct mt_raw *r = &cx.raws[i];
                size_t lo = r->start > cx.sent_lo[s] + 30 ? r->start - 30 : cx.sent_lo[s];
                size_t hi = r->end + 30 < cx.sent_hi[s] ? r->end + 30 : cx.sent_hi[s];
                if (!r->generic && mt_has_any(&cx.t, lo, hi, mt_participation_cues))
                    r->participation = 1;
            }
        }
        /* Outcomes. */
        {
            size_t cl, cp = mt_find_any(&cx.t, cx.sent_lo[s], cx.sent_hi[s], mt_outcome_cues, &cl);
            size_t el, ep = mt_find_any(&cx.t, cx.sent_lo[s], cx.sent_hi[s], mt_expected_cues, &el);
            if (cp != MT_NONE || ep != MT_NONE) {
                struct mt_outcome o = {s, cp != MT_NONE ? cp : ep, cp != MT_NONE, ep != MT_NONE};
                if (MT_PUSH(cx.outcomes, cx.outcome_count, cx.outcome_cap, o) != 0)
                    goto out;
            }
        }
    }

    MT_RANGES(&cx, cx.raws, cx.raw_count, cx.rfirst, cx.rend);
    /* "Foreign Secretary Dominic Raab and Defence Secretary Ben Wallace spoke from London with
     * Foreign Minister Toshimitsu Motegi ...": a sentence that reports no meeting of its own
     * but names ministers of two countries together, right after one that reports a meeting
     * without naming who took part, names its participants. */
    for (size_t s = 1; s < sentence_count; s++) {
        unsigned seats = 0, nats = 0;
        int n = 0;
        if (cx.rend[s] > cx.rfirst[s] || cx.rend[s - 1] == cx.rfirst[s - 1])
            continue;
        MT_EACH_PERSON(&cx, s, k)
        if (cx.persons[k].seat & (SEAT_FOUR | SEAT_MINISTER_OTHER)) {
            seats |= cx.persons[k].seat;
            nats |= 1u << cx.persons[k].nat;
            n++;
        }
        if (n < 2 || !((seats & SEAT_US && seats & SEAT_JP) ||
                       (nats & (1u << NAT_OTHER) && nats & ((1u << NAT_US) | (1u << NAT_JP)))))
            continue;
        struct mt_raw *r = NULL;
        for (size_t i = cx.rend[s - 1]; i-- > cx.rfirst[s - 1] && !r;)
            if (!cx.raws[i].history && !cx.raws[i].spawned && !cx.raws[i].distinct)
                r = &cx.raws[i];
        int named = 0;
        for (size_t i = cx.rfirst[s - 1]; i < cx.rend[s - 1]; i++)
            for (size_t k = 0; k < cx.raws[i].person_count; k++)
                named |= (cx.persons[cx.raws[i].persons[k]].seat &
                          (SEAT_FOUR | SEAT_MINISTER_OTHER | SEAT_LEADERS)) != 0;
        if (!r || named)
            continue;
        MT_EACH_PERSON(&cx, s, k)
        if (cx.persons[k].seat & (SEAT_FOUR | SEAT_MINISTER_OTHER) &&
            MT_PUSH(r->persons, r->person_count, r->person_cap, k) != 0)
            goto out;
    }
    {
        /* ofirst[s]: the first outcome of sentence s or later */
        size_t o = 0;
        for (size_t k = 0; k <= sentence_count; k++) {
            while (o < cx.outcome_count && cx.outcomes[o].sentence < k)
                o++;
            cx.ofirst[k] = o;
        }
    }

    /* A report with no date of its own takes a day from a sentence next to it that reports
     * the results ("The United States and Japan agreed on Thursday ..." then "The agreement,
     * signed during a joint visit ..."). */
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        size_t best = MT_NONE, bestk = 0;
        if (r->has_date || r->history || r->spawned ||
            (r->status && strcmp(r->status, "held") != 0))
            continue;
        size_t o0 = cx.ofirst[r->sentence >= 2 ? r->sentence - 2 : 0];
        size_t o1 = cx.ofirst[r->sentence + 2 <= sentence_count ? r->sentence + 2 : sentence_count];
        for (size_t o = o0; o < o1; o++) {
            size_t os = cx.outcomes[o].sentence;
            if (!cx.outcomes[o].result || os == r->sentence || os + 2 < r->sentence ||
                os > r->sentence + 1)
                continue;
            if (cx.rend[os] > cx.rfirst[os])
                continue; /* it reports a meeting of its own */
            for (size_t k = 0; k < sd[os].n; k++) {
                const char *kind = sd[os].e[k].kind;
                if (strcmp(kind, "weekday") != 0 && strcmp(kind, "absolute") != 0 &&
                    strcmp(kind, "relative-day") != 0)
                    continue;
                if (best == MT_NONE || (os < r->sentence && best > r->sentence) ||
                    (os < r->sentence && os > best)) {
                    best = os;
                    bestk = k;
                }
                break;
            }
        }
        if (best == MT_NONE)
            continue;
        r->has_date = 1;
        r->date_sentence = best;
        r->date_clean.start = sentences[best].clean.start + sd[best].e[bestk].clean.start;
        r->date_clean.end = sentences[best].clean.start + sd[best].e[bestk].clean.end;
    }

    /* A held meeting with no date of its own takes the day of the sentence just before
     * it, when that sentence reports no meeting and either is the article's lead ("The
     * United States and Japan on Tuesday gave up ..." then "Clinton and Gates met ...") or
     * the meeting is tied to it ("Last Thursday Kerry and Hagel laid wreaths" then "The
     * visit came hours before the two secretaries sat down with ..."). */
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        static const char *const ties[] = {
            "hours before", "hours after",  "hours later", "later that day", "the same day",
            "that evening", "that morning", "that afternoon", "shortly before", "shortly after",
            NULL};
        size_t s = r->sentence, p = s - 1;
        if (s == 0 || r->has_date || r->history || r->spawned || r->distinct || r->before ||
            (r->status && strcmp(r->status, "held") != 0) || cx.rend[p] > cx.rfirst[p])
            continue;
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = cx.raws[j].history || cx.raws[j].spawned;
        /* a lead tells what happened ("gave up"), not a headline's "Alliance Notes, <date>" */
        int lead = p == 0 && first &&
                   ingest_tense_of(text + sentences[p].clean.start,
                                   sentences[p].clean.end - sentences[p].clean.start) ==
                       INGEST_TENSE_PAST;
        if (!lead && mt_find_any(&cx.t, cx.sent_lo[s], r->start, ties, NULL) == MT_NONE)
            continue;
        for (size_t k = 0; k < sd[p].n; k++) {
            const char *kind = sd[p].e[k].kind;
            if (strcmp(kind, "weekday") != 0 && strcmp(kind, "absolute") != 0 &&
                strcmp(kind, "relative-day") != 0)
                continue;
            if (sd[p].e[k].precision != INGEST_PREC_DAY)
                continue;
            r->has_date = 1;
            r->date_sentence = p;
            r->date_clean.start = sentences[p].clean.start + sd[p].e[k].clean.start;
            r->date_clean.end = sentences[p].clean.start + sd[p].e[k].clean.end;
            break;
        }
    }

    /* A timeline entry ("- 2007: Washington, May 1. Rice and Gates received ..."): the
     * meetings its later sentences tell of take the day and place of its heading, and
     * officials named in a sentence of it with no meeting word ("with Kerry and Hagel flying
     * in") are participants of the entry's meeting. */
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        size_t s = r->sentence, h = mt_timeline_entry(&cx, s);
        if (h == MT_NONE || r->history || r->spawned)
            continue;
        /* a date of the sentence's own counts when it falls in the entry's year, not
         * "the first rewrite since 1997" */
        int own = 0;
        size_t ys = 0, ye;
        for (size_t k = 0; h < s && k < sd[s].n; k++)
            own |= mt_timeline_heading(&cx, h, &ys, &ye) &&
                   strncmp(sd[s].e[k].value, cx.t.low + ys, 4) == 0;
        if (h < s ? !own : r->start < cx.sent_lo[s] + 12) {
            size_t best = MT_NONE;
            for (size_t k = 0; k < sd[h].n; k++)
                if (best == MT_NONE || sd[h].e[k].precision > sd[h].e[best].precision)
                    best = k;
            if (best != MT_NONE) {
                r->has_date = 1;
                r->date_sentence = h;
                r->date_clean.start = sentences[h].clean.start + sd[h].e[best].clean.start;
                r->date_clean.end = sentences[h].clean.start + sd[h].e[best].clean.end;
            }
            MT_EACH_PLACE(&cx, h, k)
            {
                r->place = k;
                r->place_score = 1000; /* the entry's own place, above any in its words */
                break;
            }
        }
        if (s != h)
            continue;
        for (size_t q = s + 1; q < sentence_count &&
                               sentences[q].paragraph == sentences[s].paragraph;
             q++) {
            if (cx.rend[q] > cx.rfirst[q])
                continue;
            MT_EACH_PERSON(&cx, q, k)
            if ((cx.persons[k].seat & SEAT_FOUR) &&
                MT_PUSH(r->persons, r->person_count, r->person_cap, k) != 0)
                goto out;
        }
    }

    /* "The four are also to hold a ministerial meeting on deterrence the same day": the day
     * and place of the meeting told of before it. */
    for (size_t i = 1; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        static const char *const same[] = {
            "the same day",       "that same day",        "following the talks",
            "following the meeting", "after the talks,",  "after the meeting,",
            "later that day",     "later the same day",   "later on monday",
            "later monday",       "later tuesday",        "later wednesday",
            "later thursday",     "later friday",         "later saturday",
            "later sunday",       NULL};
        /* "The next day, Obama welcomed Abe": the day after the meeting before */
        static const char *const next[] = {"the next day", "the following day", "a day later",
                                           "the day after", NULL};
        static const char *const prev[] = {"the previous day", "the day before", "a day earlier",
                                           NULL};
        char own[11] = "";
        mt_raw_value(&cx, sd, r, own); /* "the same day" itself is kept unresolved */
        size_t lo = cx.sent_lo[r->sentence], hi = cx.sent_hi[r->sentence];
        int shift = mt_has_any(&cx.t, lo, hi, next) ? 1 : mt_has_any(&cx.t, lo, hi, prev) ? -1 : 0;
        if (r->history || r->spawned || (!shift && !mt_has_any(&cx.t, lo, hi, same)))
            continue;
        if (own[0] && (shift || r->place != MT_NONE))
            continue;
        for (size_t j = i; j-- > 0;) {
            const struct mt_raw *o = &cx.raws[j];
            if (!o->has_date || o->history || o->distinct || o->spawned ||
                o->sentence == r->sentence)
                continue;
            char theirs[11] = "";
            mt_raw_value(&cx, sd, o, theirs);
            if (own[0]) {
                /* "Later Sunday, the same four sat down ...": dated by its own words, placed
                 * where the meeting before was, when that was the same day */
                if (strcmp(own, theirs) == 0)
                    r->place = o->place;
                break;
            }
            if (shift && strlen(theirs) != 10)
                break; /* the day after a month is no day */
            r->has_date = 1;
            r->date_sentence = o->date_sentence;
            r->date_clean = o->date_clean;
            r->day_shift = o->day_shift + shift;
            if (r->place == MT_NONE && !shift)
                r->place = o->place;
            break;
        }
    }

    /* Anaphors take the kind of the meeting they refer to: the nearest before, else after. */
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        if (r->kind && !r->anaphoric)
            continue;
        if (r->kind)
            continue; /* spawned: the kind of its trigger */
        /* "Australia and the United States ... as the two allies held their annual
         * consultations": their own talks, of the ally and the third country paired */
        if (r->their && mt_foreign_pair(&cx, cx.sent_lo[r->sentence], cx.sent_hi[r->sentence],
                                        cx.sent_hi[r->sentence])) {
            r->kind = "other";
            r->foreign = 1;
            continue;
        }
        const char *kind = NULL;
        /* "hopes the meeting will showcase ...": a meeting to come, told of after one that
         * was, is the one to come told of before that */
        for (int strict = r->cued && r->status && !r->distinct ? 1 : 0; strict >= 0 && !kind; strict--)
            for (size_t j = i; j-- > 0;)
                if (cx.raws[j].kind && !cx.raws[j].history && !cx.raws[j].generic &&
                    (!r->ministerial_anaphor || strcmp(cx.raws[j].kind, "scc") == 0 ||
                     strcmp(cx.raws[j].kind, "ministerial") == 0) &&
                    (!strict || mt_status_compatible(cx.raws[j].status, r->status))) {
                    kind = cx.raws[j].kind;
                    r->foreign |= cx.raws[j].foreign; /* "such talks" after a Japan-Australia 2+2 */
                    break;
                }
        for (size_t j = i + 1; !kind && j < cx.raw_count; j++)
            if (cx.raws[j].kind && !cx.raws[j].anaphoric && !cx.raws[j].generic &&
                cx.raws[j].sentence <= r->sentence + 1 &&
                (!r->ministerial_anaphor || strcmp(cx.raws[j].kind, "scc") == 0 ||
                 strcmp(cx.raws[j].kind, "ministerial") == 0)) {
                kind = cx.raws[j].kind;
                /* "the fourth meeting of the two countries' 2+2 format" */
                r->foreign |= cx.raws[j].foreign;
                break;
            }
        if (!kind)
            kind = r->fallback_kind;
        if (!kind && (r->similar || (r->their && mt_bilateral(&cx, r->sentence))))
            kind = "other"; /* "after their security talks", Japan and the U.S. named */
        r->kind = kind;
        if (r->foreign && kind && strcmp(kind, "summit") != 0)
            r->kind = "other";
    }
    /* A story about a meeting of one ally with a third country goes on about that series
     * without naming the countries again ("It was the fourth 2+2 ministerial dialogue between
     * the treaty allies", "The previous 2+2 was held in London"): such a report is foreign
     * like the one before it, unless its sentence names an ally. */
    for (size_t i = 1; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        if (r->foreign || r->history || !r->kind || strcmp(r->kind, "summit") == 0 ||
            mt_ally_named(&cx, r->sentence))
            continue;
        for (size_t j = i; j-- > 0;)
            if (cx.raws[j].kind && !cx.raws[j].history) {
                r->foreign = cx.raws[j].foreign;
                break;
            }
    }
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        if (r->foreign && r->kind && strcmp(r->kind, "summit") != 0)
            r->kind = "other"; /* a meeting not between the two allies; leaders' is a summit */
        if (r->spawned) {
            /* the kind of the trigger it came from */
            for (size_t j = i; j-- > 0 && !r->kind;)
                if (cx.raws[j].sentence == r->sentence && cx.raws[j].kind)
                    r->kind = cx.raws[j].kind;
        }
    }

    /* Collapse mentions of one meeting: same kind (a bare bilateral "meeting" joins a typed
     * one), compatible status, agreeing dates and places. */
    for (size_t i = 0; i < cx.raw_count; i++) {
        struct mt_raw *r = &cx.raws[i];
        size_t best = MT_NONE;
        char rdate[11] = "";
        if (!r->kind)
            continue;
        mt_raw_value(&cx, sd, r, rdate);
        /* a plain anaphor ("after the meeting") refers to a meeting told of as such, not to
         * one named only as "the previous one"; that one only when there is no other */
        int skip_previous = r->anaphoric && !r->distinct && !r->has_date;
    again:
        for (size_t c = r->distinct ? 0 : cx.cluster_count; c-- > 0;) {
            struct mt_cluster *cl = &cx.clusters[c];
            int ok = 1;
            if (skip_previous) {
                /* nor to one named only in "the first since the talks in Washington" */
                int only_previous = 1;
                for (size_t k = 0; k < cl->raw_count && only_previous; k++)
                    only_previous = cx.raws[cl->raws[k]].before || cx.raws[cl->raws[k]].spawned;
                if (only_previous)
                    continue;
            }
            if (strcmp(cl->kind, r->kind) != 0 && strcmp(cl->kind, "other") != 0 &&
                strcmp(r->kind, "other") != 0)
                continue;
            if (cl->foreign != r->foreign)
                continue;
            /* two triggers of one kind in one sentence report one meeting */
            int same_sentence = 0;
            for (size_t k = 0; k < cl->raw_count; k++) {
                const struct mt_raw *o = &cx.raws[cl->raws[k]];
                same_sentence |= o->sentence == r->sentence && strcmp(o->kind, r->kind) == 0 &&
                                 !o->distinct && !r->distinct && !o->spawned && !r->spawned &&
                                 !mt_own_clauses(&cx, o, r);
            }
            /* "this year's meeting may be remembered": a tense alone says nothing of the
             * meeting of the story's own time */
            if (!same_sentence && !mt_status_compatible(cl->status, r->status) &&
                !(r->current && !r->cued))
                continue;
            if (mt_other_leaders(&cx, r, cl) || (!same_sentence && mt_seat_clash(&cx, r, cl)))
                continue;
            int apart = 0;
            for (size_t k = 0; k < cl->raw_count && !apart; k++) {
                const struct mt_raw *o = &cx.raws[cl->raws[k]];
                apart = o->sentence == r->sentence && mt_own_clauses(&cx, o, r);
            }
            if (apart)
                continue;
            if (r->current) {
                int dated = 0;
                for (size_t k = 0; k < cl->raw_count && !dated; k++) {
                    char odate[11] = "";
                    mt_raw_value(&cx, sd, &cx.raws[cl->raws[k]], odate);
                    dated = odate[0] && (!rdate[0] || mt_dates_agree(rdate, odate));
                }
                if (!dated)
                    continue;
            }
            if ((cl->status && strcmp(cl->status, "referenced") == 0) != r->history)
                continue;
            for (size_t k = 0; k < cl->raw_count && ok; k++) {
                const struct mt_raw *o = &cx.raws[cl->raws[k]];
                char odate[11] = "";
                mt_raw_value(&cx, sd, o, odate);
                if (r->has_date && o->has_date) {
                    size_t rl = r->date_clean.end - r->date_clean.start;
                    size_t ol = o->date_clean.end - o->date_clean.start;
                    int same_words = rl == ol && strncasecmp(text + r->date_clean.start,
                                                             text + o->date_clean.start, rl) == 0;
                    if (!same_words && !(rdate[0] && odate[0] && mt_dates_agree(rdate, odate)) &&
                        !(!rdate[0] || !odate[0]))
                        ok = 0;
                    if (!same_words && (r->history || o->history) && strcmp(rdate, odate) != 0)
                        ok = 0;
                    /* two words for days that both resolve but differ */
                    if (!same_words && rdate[0] && odate[0] && !mt_dates_agree(rdate, odate))
                        ok = 0;
                }
                if (r->place != MT_NONE && o->place != MT_NONE) {
                    const struct mt_place *pa = &cx.places[r->place], *pb2 = &cx.places[o->place];
                    if (pa->rank >= 2 && pb2->rank >= 2 && pa->name && pb2->name &&
                        !pa->owned_name && !pb2->owned_name && strcmp(pa->name, pb2->name) != 0)
                        ok = 0;
                }
            }
            if (!ok)
                continue;
            best = c;
            break;
        }
        if (best == MT_NONE && skip_previous) {
            skip_previous = 0;
            goto again;
        }
        if (best == MT_NONE) {
            struct mt_cluster cl;
            memset(&cl, 0, sizeof cl);
            cl.kind = r->kind;
            cl.foreign = r->foreign;
            if (MT_PUSH(cx.clusters, cx.cluster_count, cx.cluster_cap, cl) != 0)
                goto out;
            best = cx.cluster_count - 1;
        }
        struct mt_cluster *cl = &cx.clusters[best];
        if (MT_PUSH(cl->raws, cl->raw_count, cl->raw_cap, i) != 0)
            goto out;
        if (strcmp(cl->kind, "other") == 0)
            cl->kind = r->kind;
        if (r->history)
            cl->status = "referenced";
        else if (mt_status_rank(r->status) > mt_status_rank(cl->status) &&
                 !(r->current && !r->cued && cl->raw_count > 1) &&
                 !(!r->cued && cl->status_cued)) {
            /* the tense of a later mention ("the first time the four have gathered") does
             * not outvote what the words said of the meeting ("are arranging to hold") */
            cl->status = r->status;
            cl->status_cued = r->cued;
        } else if (r->cued && r->status && !cl->status_cued &&
                   mt_status_rank(r->status) == mt_status_rank(cl->status))
            cl->status_cued = 1;
        r->cluster = best;
    }

    /* Outcomes: a sentence reporting a decision goes to the meeting it names, else to the
     * nearest meeting reported before it (or just after it, for a lead). */
    if (!(list = calloc(cx.cluster_count + 1, sizeof *list)))
        goto out;
    size_t main_cluster = MT_NONE;
    for (size_t i = 0; i < cx.raw_count && main_cluster == MT_NONE; i++) {
        const struct mt_raw *r = &cx.raws[i];
        if (r->cluster != MT_NONE && !r->history && !r->foreign && !r->spawned && !r->distinct)
            main_cluster = r->cluster;
    }
    for (size_t c = 0; c < cx.cluster_count; c++) {
        if (mt_finish(&cx, &cx.clusters[c], c == main_cluster, &list[c]) != 0) {
            list_count = c + 1;
            goto out;
        }
        list_count = c + 1;
    }
    for (size_t o = 0; o < cx.outcome_count; o++) {
        size_t s = cx.outcomes[o].sentence, best = MT_NONE, best_at = 0;
        size_t s0 = s >= 6 ? s - 6 : 0, s1 = s + 1 < sentence_count ? s + 1 : sentence_count - 1;
        long bd = 0;
        for (size_t i = cx.rfirst[s0]; i < cx.rend[s1]; i++) {
            const struct mt_raw *r = &cx.raws[i];
            long d;
            if (r->cluster == MT_NONE)
                continue;
            const char *st = list[r->cluster].status;
            if (strcmp(st, "referenced") == 0 || strcmp(st, "cancelled") == 0 ||
                strcmp(st, "proposed") == 0)
                continue;
            if (strcmp(st, "held") != 0 && !cx.outcomes[o].expected)
                continue; /* a meeting still to come has no results yet */
            if (r->sentence == s)
                d = -100000 + mt_dist(r->start, r->end, cx.outcomes[o].cue, cx.outcomes[o].cue + 1);
            else if (r->sentence < s)
                d = 2 * (long)(s - r->sentence);
            else
                d = 4 * (long)(r->sentence - s) + 3; /* a lead before its first report */
            if (r->sentence != s && (d > 12 || (r->sentence > s && r->sentence > s + 1)))
                continue;
            /* of two reports in one earlier sentence, the later one is the nearer */
            if (best == MT_NONE || d < bd || (d == bd && r->sentence < s && r->start > best_at)) {
                best = r->cluster;
                bd = d;
                best_at = r->start;
            }
        }
        if (best == MT_NONE)
            continue;
        struct ingest_meeting_mention *m = &list[best];
        size_t cap = m->outcome_count;
        if (mt_grow((void **)&m->outcomes, &cap, m->outcome_count + 1, sizeof *m->outcomes) != 0)
            goto out;
        m->outcomes[m->outcome_count++] = sentences[s].clean;
    }
    /* A meeting word with nothing known about it (no date, place, participant or status
     * word: "the so-called 2+2 talks bring together ...") reports no meeting. */
    {
        size_t kept = 0;
        for (size_t i = 0; i < list_count; i++) {
            struct ingest_meeting_mention *m = &list[i];
            int cued = 0;
            for (size_t k = 0; k < cx.clusters[i].raw_count; k++) {
                const struct mt_raw *r = &cx.raws[cx.clusters[i].raws[k]];
                cued |= r->cued || r->history || r->spawned;
            }
            /* "the so-called 2+2 talks bring together ...": the format, not a meeting */
            if (!m->date_text && !m->place_name && m->participant_count == 0 &&
                (!cx.clusters[i].status || !cued)) {
                mt_mention_clear(m);
                continue;
            }
            list[kept++] = *m;
        }
        list_count = kept;
    }
    /* Output in the order of first report. */
    for (size_t i = 1; i < list_count; i++)
        for (size_t j = i; j > 0 && list[j].clean.start < list[j - 1].clean.start; j--) {
            struct ingest_meeting_mention tmp = list[j];
            list[j] = list[j - 1];
            list[j - 1] = tmp;
        }
    out->mentions = list;
    out->count = list_count;
    list = NULL;
    list_count = 0;
    rc = 0;
out:
    if (list) {
        for (size_t i = 0; i < list_count; i++)
            mt_mention_clear(&list[i]);
        free(list);
    }
    for (size_t s = 0; sd && s < sentence_count; s++)
        free(sd[s].e);
    free(sd);
    mt_ctx_clear(&cx);
    return rc;
}
