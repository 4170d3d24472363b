/* ingest/quotes.c: statements (quotes.h). Quote spans come from pairing double quote marks
 * inside each paragraph; each span is then classified (direct, partial, document, term) and
 * attributed by an ordered sieve over the words around it (after Muzny et al. 2017). Owns the
 * speech-cue lexicons and the attribution rules. When no rule is sure, the speaker stays NULL:
 * a wrong speaker is worse than none.
 *
 * Conventions: a statement's clean range is the quoted words without the marks, surrounding
 * white space and one trailing comma (`"We agree," he said` -> `We agree`). Single quotes are
 * never statement boundaries (they are nested quotes or apostrophes: Japan’s, ’90s). The
 * sentences argument is accepted for the interface; attribution computes its own clause frames
 * because they must respect the quote marks (a frame runs across sentence ends inside quotes). */
#include "ingest/quotes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define QNONE ((size_t)-1)
#define QSENT_MAX 400  /* tokens: a "sentence" longer than this is cut (no full stops) */
#define QLOOK_MAX 2000 /* tokens looked back for a pronoun's antecedent */

/* ---- tokens ---- */

enum { QT_WORD = 1, QT_PUNCT, QT_DQ, QT_SQ };
enum { QM_OPEN = 1, QM_CLOSE, QM_AMBIG };

struct qtok {
    size_t start, end;
    size_t para;
    size_t mention; /* the mention covering the token, or QNONE */
    size_t quote;   /* the quote span covering the token (marks included), or QNONE */
    size_t event;   /* the speech cue starting at this token, or QNONE */
    unsigned char kind;
    unsigned char mark;  /* QT_DQ: QM_* from glyph and flanking */
    unsigned char cap;   /* word: starts with an upper-case or non-ASCII letter */
    unsigned char digit; /* word: starts with a digit */
    char punct;          /* QT_PUNCT: the ASCII char; dashes '-', ellipsis 'E', other '~' */
};

/* ---- speakers ---- */

enum qspk_kind { SPK_NONE = 0, SPK_PERSON, SPK_ORG, SPK_DOC, SPK_UNNAMED, SPK_PRONOUN };

/* How a speaker was found: decides the rule name and the confidence. */
enum qhow { HOW_NONE = 0, HOW_NAME, HOW_PRONOUN_PARA, HOW_NEAREST, HOW_CONTINUATION };

struct qspk {
    enum qspk_kind kind;
    enum qhow how;
    size_t mention; /* entity mention naming the speaker (or its id), or QNONE */
    size_t w0, w1;  /* tokens [w0, w1) naming the speaker; w0 == QNONE: none */
    size_t d0, d1;  /* tokens [d0, d1) of a description; d0 == QNONE: none */
    char gender;    /* PERSON: 'm', 'f' or 0; PRONOUN: 'm','f','i' (it),'p','x' */
    int plural;
    int elided;       /* found through an elided subject ("..., saying") */
    int unknown_name; /* SPK_NONE because the words are a name no mention covers:
                         someone spoke whom the entity stage did not see */
    double conf;
};

/* A speech cue outside quotes: "said", "told", "according to", "saying" ... */
struct qevent {
    size_t tok;
    unsigned flags;
    int state; /* 0 unresolved, 1 resolving, 2 resolved */
    struct qspk spk;
};

/* A speaker known at a position: an attributed cue or statement. */
struct qhist {
    size_t tok, para;
    struct qspk spk;
};

struct qspan {
    size_t open_tok, close_tok; /* close_tok QNONE: never closed (repaired) */
    size_t after_tok;           /* first token after the quote */
    size_t first_para, last_para;
    struct ingest_range *seg; /* the quoted words, per paragraph */
    size_t nseg;
    int repaired;
};

struct qcx {
    const char *text;
    size_t len;
    const struct ingest_paragraph *paras;
    size_t npara;
    struct ingest_paragraph whole;
    const struct ingest_mention *ments;
    size_t nment;
    const struct ingest_gazetteer *gz;
    const char *doc_date;
    struct qtok *tok;
    size_t ntok, captok;
    size_t *para_first, *para_end;
    unsigned char *para_narr; /* the paragraph has words outside quotes */
    struct qspan *spans;
    size_t nspan, capspan;
    struct qevent *ev;
    size_t nev, capev;
    struct qhist *hist;
    size_t nhist, caphist;
    char *ment_gender;
    int oom;
};

static int q_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *np;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    np = realloc(*p, ncap * elem);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

/* ---- UTF-8 and character classes ---- */

static uint32_t q_decode(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    size_t k;
    uint32_t cp;

    *n = 1;
    if (c < 0x80)
        return c;
    if ((c & 0xE0) == 0xC0) {
        k = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        k = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        k = 4;
        cp = c & 0x07;
    } else {
        return 0xFFFD;
    }
    if (i + k > len)
        return 0xFFFD;
    for (size_t j = 1; j < k; j++) {
        unsigned char d = (unsigned char)s[i + j];
        if ((d & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (d & 0x3F);
    }
    *n = k;
    return cp;
}

/* The code point that ends at byte i (0 at the start of the text). */
static uint32_t q_prev_cp(const char *s, size_t i)
{
    size_t j, n;

    if (i == 0)
        return 0;
    j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    return q_decode(s, i, j, &n);
}

static int q_is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int q_is_dq_cp(uint32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB ||
           c == 0xBB;
}

static int q_is_sq_cp(uint32_t c)
{
    return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B;
}

static int q_is_alnum_ascii(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int q_is_punct_cp(uint32_t c)
{
    if (c < 0x80)
        return !q_is_alnum_ascii(c) && !q_is_space_cp(c);
    return (c >= 0x2010 && c <= 0x205E) || c == 0xAB || c == 0xBB || c == 0xA1 || c == 0xBF ||
           c == 0xB7 || c == 0xA7 || c == 0xB6 || (c >= 0x3001 && c <= 0x303F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || c == 0xFFFD;
}

static int q_is_wordch(uint32_t c)
{
    if (c < 0x80)
        return q_is_alnum_ascii(c);
    return !q_is_punct_cp(c) && !q_is_space_cp(c);
}

static int q_ascii_in(uint32_t c, const char *set)
{
    return c != 0 && c < 0x80 && strchr(set, (int)c) != NULL;
}

/* ---- token text ---- */

static size_t q_tlen(const struct qcx *cx, size_t i) { return cx->tok[i].end - cx->tok[i].start; }

static int q_lc(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

/* Token i is the word w (ASCII, compared without case). */
static int q_weq(const struct qcx *cx, size_t i, const char *w)
{
    size_t n = strlen(w);
    const char *s;

    if (i >= cx->ntok || cx->tok[i].kind != QT_WORD || q_tlen(cx, i) != n)
        return 0;
    s = cx->text + cx->tok[i].start;
    for (size_t k = 0; k < n; k++)
        if (q_lc((unsigned char)s[k]) != q_lc((unsigned char)w[k]))
            return 0;
    return 1;
}

static int q_win(const struct qcx *cx, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (q_weq(cx, i, *list))
            return 1;
    return 0;
}

static int q_is_word(const struct qcx *cx, size_t i)
{
    return i < cx->ntok && cx->tok[i].kind == QT_WORD;
}

static int q_is_lower_word(const struct qcx *cx, size_t i)
{
    return q_is_word(cx, i) && !cx->tok[i].cap && !cx->tok[i].digit;
}

static int q_is_punct(const struct qcx *cx, size_t i, char c)
{
    return i < cx->ntok && cx->tok[i].kind == QT_PUNCT && cx->tok[i].punct == c;
}

/* The possessive "’s" / "'s" split off a word by the tokenizer. */
static int q_is_possessive(const struct qcx *cx, size_t i)
{
    const char *s;
    size_t n;

    if (!q_is_word(cx, i))
        return 0;
    s = cx->text + cx->tok[i].start;
    n = q_tlen(cx, i);
    return (n == 2 && s[0] == '\'' && q_lc((unsigned char)s[1]) == 's') ||
           (n == 4 && memcmp(s, "\xE2\x80\x99", 3) == 0 && q_lc((unsigned char)s[3]) == 's');
}

/* A lower-case word ending in "-ly" (an adverb, mostly). */
static int q_is_ly(const struct qcx *cx, size_t i)
{
    size_t n = q_tlen(cx, i);
    const char *s = cx->text + cx->tok[i].start;

    return q_is_lower_word(cx, i) && n > 3 && s[n - 2] == 'l' && s[n - 1] == 'y';
}

/* A lower-case word ending in "-ed" or "-ing" (a verb form, mostly). */
static int q_is_verb_form(const struct qcx *cx, size_t i)
{
    size_t n = q_tlen(cx, i);
    const char *s = cx->text + cx->tok[i].start;

    if (!q_is_word(cx, i) || cx->tok[i].digit)
        return 0;
    return (n > 3 && q_lc((unsigned char)s[n - 2]) == 'e' &&
            q_lc((unsigned char)s[n - 1]) == 'd') ||
           (n > 4 && q_lc((unsigned char)s[n - 3]) == 'i' && q_lc((unsigned char)s[n - 2]) == 'n' &&
            q_lc((unsigned char)s[n - 1]) == 'g');
}

/* ---- lexicons ---- */

enum {
    CUE_INVERT = 1, /* may stand before its subject after a quote: "Q," said X */
    CUE_PART = 2,   /* participle: "saying", "adding" */
    CUE_BASE = 4,   /* base form: counts only after an auxiliary ("did say") */
    CUE_ACCORD = 8, /* "according to X" */
};

struct qcue {
    const char *word;
    unsigned flags;
};

static const struct qcue q_cues[] = {
    {"said", CUE_INVERT},
    {"says", CUE_INVERT},
    {"say", CUE_BASE},
    {"told", 0},
    {"tells", 0},
    {"tell", CUE_BASE},
    {"stated", CUE_INVERT},
    {"states", 0},
    {"state", CUE_BASE},
    {"noted", CUE_INVERT},
    {"notes", CUE_INVERT},
    {"added", CUE_INVERT},
    {"adds", CUE_INVERT},
    {"warned", CUE_INVERT},
    {"warns", CUE_INVERT},
    {"insisted", CUE_INVERT},
    {"insists", CUE_INVERT},
    {"urged", 0},
    {"urges", 0},
    {"declared", CUE_INVERT},
    {"declares", CUE_INVERT},
    {"declare", CUE_BASE},
    {"asked", CUE_INVERT},
    {"asks", CUE_INVERT},
    {"explained", CUE_INVERT},
    {"explains", CUE_INVERT},
    {"argued", CUE_INVERT},
    {"argues", CUE_INVERT},
    {"wrote", CUE_INVERT},
    {"writes", CUE_INVERT},
    {"replied", CUE_INVERT},
    {"replies", CUE_INVERT},
    {"responded", CUE_INVERT},
    {"answered", CUE_INVERT},
    {"continued", CUE_INVERT},
    {"began", CUE_INVERT}, /* "Q --" Conroy began, before ... */
    {"interjected", CUE_INVERT},
    {"countered", CUE_INVERT},
    {"retorted", CUE_INVERT},
    {"quipped", CUE_INVERT},
    {"recalled", CUE_INVERT},
    {"acknowledged", CUE_INVERT},
    {"stressed", CUE_INVERT},
    {"emphasized", CUE_INVERT},
    {"emphasised", CUE_INVERT},
    {"announced", 0},
    {"remarked", CUE_INVERT},
    {"observed", CUE_INVERT},
    {"commented", CUE_INVERT},
    {"concluded", CUE_INVERT},
    {"conceded", CUE_INVERT},
    {"cautioned", CUE_INVERT},
    {"predicted", CUE_INVERT},
    {"complained", CUE_INVERT},
    {"suggested", CUE_INVERT},
    {"maintained", 0},
    {"reiterated", 0},
    {"vowed", 0},
    {"pledged", 0},
    {"promised", 0},
    {"contended", 0},
    {"claimed", 0},
    {"admitted", 0},
    {"confirmed", 0},
    {"denied", 0},
    {"repeated", 0},
    {"described", 0},
    {"describes", 0},
    {"called", 0},
    {"calls", 0},
    {"expressed", 0},
    {"indicated", 0},
    {"testified", 0},
    {"reads", 0},
    {"saying", CUE_PART},
    {"adding", CUE_PART},
    {"noting", CUE_PART},
    {"warning", CUE_PART},
    {"insisting", CUE_PART},
    {"declaring", CUE_PART},
    {"stating", CUE_PART},
    {"arguing", CUE_PART},
    {"explaining", CUE_PART},
    {"telling", CUE_PART},
    {"asking", CUE_PART},
    {"urging", CUE_PART},
    {"stressing", CUE_PART},
    {"calling", CUE_PART},
    {"describing", CUE_PART},
    {"according", CUE_ACCORD},
};

/* Verbs a document takes as subject besides the cues: "the statement will ...". */
static const char *const q_docverbs[] = {
    "will",     "would",     "shall",    "should",    "must",       "can",        "could",
    "may",      "requires",  "required", "provides",  "provided",   "commits",    "committed",
    "obliges",  "obligates", "lists",    "listed",    "sets",       "stipulates", "includes",
    "included", "affirms",   "affirmed", "reaffirms", "reaffirmed", "recognizes", "recognized",
    "welcomes", "welcomed",  "condemns", "condemned", "allows",     "allowed",    "gives",
    "mentions", "mentioned", "refers",   "referred",  "defines",    "defined",    NULL};

static const char *const q_person_nouns[] = {"official",
                                             "officials",
                                             "diplomat",
                                             "diplomats",
                                             "spokesman",
                                             "spokesmen",
                                             "spokeswoman",
                                             "spokeswomen",
                                             "spokesperson",
                                             "spokespeople",
                                             "spokespersons",
                                             "source",
                                             "sources",
                                             "aide",
                                             "aides",
                                             "adviser",
                                             "advisers",
                                             "advisor",
                                             "advisors",
                                             "analyst",
                                             "analysts",
                                             "expert",
                                             "experts",
                                             "observer",
                                             "observers",
                                             "people",
                                             "person",
                                             "lawmaker",
                                             "lawmakers",
                                             "legislator",
                                             "legislators",
                                             "negotiator",
                                             "negotiators",
                                             "envoy",
                                             "envoys",
                                             "representative",
                                             "representatives",
                                             "minister",
                                             "ministers",
                                             "secretary",
                                             "ambassador",
                                             "ambassadors",
                                             "commander",
                                             "commanders",
                                             "officer",
                                             "officers",
                                             "member",
                                             "members",
                                             "leader",
                                             "leaders",
                                             "president",
                                             "premier",
                                             "chief",
                                             "head",
                                             "director",
                                             "correspondent",
                                             "reporter",
                                             "reporters",
                                             "critic",
                                             "critics",
                                             "resident",
                                             "residents",
                                             "scholar",
                                             "scholars",
                                             "professor",
                                             "researcher",
                                             "researchers",
                                             "strategist",
                                             "strategists",
                                             "veteran",
                                             "veterans",
                                             "executive",
                                             "executives",
                                             "participant",
                                             "participants",
                                             "general",
                                             "generals",
                                             "admiral",
                                             "colonel",
                                             "captain",
                                             "mayor",
                                             "governor",
                                             "senator",
                                             "senators",
                                             "congressman",
                                             "congresswoman",
                                             "predecessor",
                                             "successor",
                                             "insider",
                                             "insiders",
                                             "staffer",
                                             "staffers",
                                             "worker",
                                             "workers",
                                             "man",
                                             "woman",
                                             "men",
                                             "women",
                                             "citizen",
                                             "citizens",
                                             "activist",
                                             "activists",
                                             "protester",
                                             "protesters",
                                             "fisherman",
                                             "fishermen",
                                             "farmer",
                                             "farmers",
                                             "student",
                                             "students",
                                             "economist",
                                             "economists",
                                             "lawyer",
                                             "lawyers",
                                             "delegate",
                                             "delegates",
                                             "counterpart",
                                             "counterparts",
                                             "specialist",
                                             "specialists",
                                             "planner",
                                             "planners",
                                             "bureaucrat",
                                             "bureaucrats",
                                             "politician",
                                             "politicians",
                                             "candidate",
                                             "candidates",
                                             "deputy",
                                             "undersecretary",
                                             "attache",
                                             "consul",
                                             "negotiator",
                                             "chairman",
                                             "chairwoman",
                                             "chair",
                                             "commentator",
                                             "commentators",
                                             "academic",
                                             "academics",
                                             "author",
                                             "authors",
                                             "writer",
                                             "writers",
                                             "drafters",
                                             "architect",
                                             "architects",
                                             "witness",
                                             "witnesses",
                                             "survivor",
                                             "survivors",
                                             "organizer",
                                             "organizers",
                                             "moderator",
                                             "moderators",
                                             "interviewer",
                                             "interviewers",
                                             "panelist",
                                             "panelists",
                                             NULL};

static const char *const q_org_nouns[] = {
    "ministry",     "ministries",   "government", "governments",    "office",      "embassy",
    "embassies",    "department",   "agency",     "administration", "council",     "committee",
    "commission",   "party",        "bureau",     "military",       "navy",        "army",
    "pentagon",     "kremlin",      "cabinet",    "parliament",     "diet",        "congress",
    "senate",       "newspaper",    "company",    "firm",           "bank",        "institute",
    "university",   "association",  "group",      "union",          "court",       "police",
    "force",        "forces",       "guard",      "side",           "command",     "headquarters",
    "secretariat",  "legislature",  "assembly",   "delegation",     "broadcaster", "daily",
    "organization", "organisation", "alliance",   "media",          "press",       "outlet",
    "television",   "radio",        NULL};

/* Organization heads that speak for their country: "the South Korean government". */
static const char *const q_state_nouns[] = {
    "government", "governments", "ministry", "embassy", "administration", "military",   "navy",
    "army",       "cabinet",     "side",     "forces",  "force",          "delegation", NULL};

static const char *const q_doc_nouns[] = {
    "statement",  "statements", "agreement",  "agreements",   "declaration", "report",
    "document",   "outline",    "guidelines", "guideline",    "treaty",      "communique",
    "communiqué", "letter",     "resolution", "memo",         "memorandum",  "accord",
    "pact",       "text",       "draft",      "plan",         "strategy",    "review",
    "paper",      "editorial",  "article",    "constitution", "law",         "bill",
    "charter",    "roadmap",    "proposal",   "annex",        "appendix",    "transcript",
    "release",    "notice",     "directive",  "study",        "survey",      "assessment",
    "framework",  "program",    "programme",  "policy",       "cable",       "note",
    "readout",    "readouts",   "sheet",      "laws",         "treaties",    "documents",
    "reports",    "regulations", "summary",   "summaries",   NULL};

/* Words skipped between a subject and its verb: "Mr. Boucher further said". */
static const char *const q_skip_before_verb[] = {
    "also",         "further", "then",       "later",     "again",     "still",     "once",
    "nevertheless", "however", "only",       "even",      "just",      "often",     "always",
    "never",        "not",     "did",        "does",      "do",        "has",       "have",
    "had",          "will",    "would",      "could",     "can",       "may",       "might",
    "should",       "must",    "now",        "already",   "too",       "yesterday", "today",
    "tonight",      "earlier", "monday",     "tuesday",   "wednesday", "thursday",  "friday",
    "saturday",     "sunday",  "separately", "privately", "publicly",  NULL};

static const char *const q_prepositions[] = {
    "of",      "for",       "in",      "at",      "with",    "from",    "on",
    "by",      "to",        "about",   "under",   "over",    "during",  "after",
    "before",  "into",      "near",    "without", "within",  "between", "among",
    "against", "across",    "through", "toward",  "towards", "via",     "per",
    "like",    "including", "since",   "until",   "amid",    "upon",    NULL};

/* Words that open a clause: the subject of a verb is never before them. */
static const char *const q_clause_words[] = {
    "that",  "which",    "who",    "whom", "whose", "when",   "because",
    "while", "although", "though", "if",   "after", "before", "since",
    "where", "whether",  "as",     "but",  "and",   "so",     NULL};

/* Words that stop a right frame: the next cue does not report the quote before them. */
static const char *const q_rframe_block[] = {"that",   "which",   "because", "but",    "while",
                                             "when",   "if",      "after",   "before", "although",
                                             "though", "whether", "so",      NULL};

/* Words that make a left frame "reported speech" rather than an introduction. */
static const char *const q_lintro_block[] = {
    "that",    "whether", "if",    "how",   "what", "why", "which", "who",
    "because", "when",    "where", "is",    "was",  "are", "were",  "be",
    "been",    "being",   "to",    "would", "will", "not", NULL};

/* Words that start a clause with its own subject: a cue before them governs nothing after. */
static const char *const q_contrast_words[] = {"while",    "whereas", "but",
                                               "although", "though",  NULL};

static const char *const q_determiners[] = {
    "the", "a",  "an",   "this",  "these", "those", "his", "her",  "its", "their",
    "our", "my", "your", "whose", "any",   "every", "no",  "such", NULL};

/* Sentence openers skipped up to the first comma before the subject. */
static const char *const q_intro_words[] = {
    "in",         "on",         "at",         "during",    "after",     "before",     "under",
    "with",       "from",       "for",        "as",        "while",     "although",   "though",
    "when",       "since",      "despite",    "following", "unlike",    "like",       "amid",
    "ahead",      "earlier",    "later",      "last",      "this",      "next",       "meanwhile",
    "however",    "separately", "instead",    "without",   "within",    "through",    "by",
    "once",       "if",         "because",    "yesterday", "today",     "ironically", "still",
    "also",       "now",        "there",      "here",      "according", "asked",      "speaking",
    "addressing", "defending",  "responding", "referring", "monday",    "tuesday",    "wednesday",
    "thursday",   "friday",     "saturday",   "sunday",    "to",        "over",       "back",
    "against",    "outside",    "inside",     "near",      "beyond",    "behind",     "beside",
    "around",     "along",      "across",     "throughout", "among",    "between",    "aboard",
    "alongside",  "opposite",   "nearby",     "elsewhere", "overseas",  "abroad",     "afterward",
    "afterwards", "finally",    "initially",  "previously", "recently", "eventually", "ultimately",
    "similarly",  "notably",    NULL};

static const char *const q_conj_words[] = {"and", "but", "yet", "so", "or", "nor", "then", NULL};

/* Words that end a noun phrase read forward from the start of a sentence. */
static const char *const q_np_stop[] = {
    "is",       "was",    "are",   "were",    "be",    "been",      "has",    "have",   "had",
    "will",     "would",  "can",   "could",   "may",   "might",     "should", "must",   "did",
    "does",     "do",     "not",   "that",    "which", "who",       "whose",  "also",   "further",
    "then",     "later",  "again", "still",   "once",  "only",      "even",   "just",   "often",
    "always",   "never",  "now",   "already", "too",   "yesterday", "today",  "thinks", "hopes",
    "believes", "wants",  "seeks", "sought",  "met",   "went",      "meets",  "visits", "plans",
    "expects",  "expect", "agree", "agrees",  "fears", "feels",     "felt",   "knows",  "knew",
    "made",     "makes",  "gave",  "gives",   "took",  "takes",     "came",   "comes",  "put",
    "puts",     "let",    "lets",  "both",    "all",   "each",      "in",     "on",     "at",
    "to",       "for",    "from",  "with",    "by",    "about",     "during", "after",  "before",
    "under",    "over",   "into",  "and",     "but",   "or",        "as",     "than",   NULL};

static const char *const q_function_words[] = {
    "and",    "or",      "but",       "of",        "in",    "on",      "at",     "to",
    "for",    "from",    "with",      "by",        "as",    "that",    "which",  "who",
    "is",     "was",     "are",       "were",      "be",    "been",    "has",    "have",
    "had",    "will",    "would",     "can",       "could", "may",     "might",  "should",
    "must",   "do",      "does",      "did",       "not",   "than",    "then",   "so",
    "when",   "while",   "if",        "because",   "the",   "a",       "an",     "this",
    "these",  "those",   "its",       "his",       "her",   "their",   "our",    "it",
    "he",     "she",     "they",      "we",        "i",     "you",     "prior",  "during",
    "after",  "before",  "over",      "under",     "about", "against", "into",   "through",
    "within", "without", "between",   "among",     "until", "since",   "via",    "per",
    "unless", "also",    "only",      "even",      "just",  "still",   "yet",    "said",
    "says",   "told",    "according", "including", "where", "whether", "there",  "here",
    "now",    "again",   "once",      "all",       "both",  "each",    "any",    "some",
    "no",     "nor",     "too",       "very",      "more",  "most",    "less",   "least",
    "toward", "towards", "upon",      "amid",      "like",  "across",  "around", "along",
    "behind", "beyond",  "despite",   NULL};

/* Words that, right before a quote, make it a name or term: the so-called "two-plus-two". */
static const char *const q_naming_words[] = {
    "so-called", "called",   "call",      "calls",   "named",    "dubbed",  "termed",
    "nicknamed", "titled",   "entitled",  "labeled", "labelled", "branded", "word",
    "words",     "term",     "phrase",    "slogan",  "motto",    "name",    "label",
    "title",     "headline", "codenamed", "known",   "dub",      NULL};

static const char *const q_title_minor[] = {"the", "of", "and", "on",   "for", "in", "to", "a",
                                            "an",  "at", "by",  "with", "or",  "de", "du", NULL};

static const char *const q_abbrevs[] = {
    "mr",   "mrs", "ms",   "dr",     "st",  "jr",   "sr",   "gen", "lt",   "col", "sgt",    "capt",
    "cmdr", "adm", "gov",  "sen",    "rep", "prof", "rev",  "hon", "pres", "mt",  "ft",     "no",
    "nos",  "vol", "co",   "corp",   "inc", "ltd",  "bros", "jan", "feb",  "mar", "apr",    "jun",
    "jul",  "aug", "sep",  "sept",   "oct", "nov",  "dec",  "vs",  "etc",  "al",  "approx", "dept",
    "univ", "maj", "brig", "messrs", "mme", "fig",  "op",   "ed",  "rte",  NULL};

static const struct qcue *q_cue_of(const struct qcx *cx, size_t i)
{
    for (size_t k = 0; k < sizeof q_cues / sizeof q_cues[0]; k++)
        if (q_weq(cx, i, q_cues[k].word))
            return &q_cues[k];
    return NULL;
}

/* Token i reads as a speech verb where it stands (a noun phrase ends before it). "state" is
 * far more often a noun or an adjective ("the state news agency", "state media"): it is a
 * verb only where it is a cue, after an auxiliary. Other base forms stay verbs ("officials
 * say"). */
static int q_is_cue_verb(const struct qcx *cx, size_t i)
{
    const struct qcue *c = q_cue_of(cx, i);

    if (c && (c->flags & CUE_BASE) && q_weq(cx, i, "state"))
        return cx->tok[i].event != QNONE;
    return c != NULL;
}

static int q_is_reflexive(const struct qcx *cx, size_t i)
{
    return q_weq(cx, i, "himself") || q_weq(cx, i, "herself") || q_weq(cx, i, "itself") ||
           q_weq(cx, i, "themselves");
}

static int q_is_pronoun(const struct qcx *cx, size_t i, char *kind)
{
    static const struct {
        const char *w;
        char k;
    } pr[] = {{"he", 'm'}, {"she", 'f'}, {"it", 'i'}, {"they", 'p'}, {"we", 'x'}, {"i", 'x'}};

    for (size_t k = 0; k < sizeof pr / sizeof pr[0]; k++)
        if (q_weq(cx, i, pr[k].w)) {
            if (kind)
                *kind = pr[k].k;
            return 1;
        }
    return 0;
}

static int q_is_plural_noun(const struct qcx *cx, size_t i)
{
    const char *s = cx->text + cx->tok[i].start;
    size_t n = q_tlen(cx, i);

    if (q_weq(cx, i, "people") || q_weq(cx, i, "men") || q_weq(cx, i, "women") ||
        q_weq(cx, i, "spokesmen") || q_weq(cx, i, "spokeswomen") || q_weq(cx, i, "spokespeople") ||
        q_weq(cx, i, "fishermen"))
        return 1;
    return n > 2 && s[n - 1] == 's' && s[n - 2] != 's';
}

/* ---- tokenizer ---- */

static int q_push_tok(struct qcx *cx, size_t start, size_t end, unsigned char kind)
{
    struct qtok *t;
    unsigned char c;

    if (q_grow((void **)&cx->tok, &cx->captok, cx->ntok + 1, sizeof *cx->tok) != 0)
        return -1;
    t = &cx->tok[cx->ntok++];
    memset(t, 0, sizeof *t);
    t->start = start;
    t->end = end;
    t->kind = kind;
    t->mention = t->quote = t->event = QNONE;
    c = (unsigned char)cx->text[start];
    if (kind == QT_WORD) {
        t->cap = (c >= 'A' && c <= 'Z') || c >= 0x80;
        t->digit = c >= '0' && c <= '9';
        if (c >= 0x80) {
            size_t n;
            uint32_t cp = q_decode(cx->text, cx->len, start, &n);
            if (q_is_sq_cp(cp)) /* ’90s */
                t->cap = 0, t->digit = 1;
        }
    }
    return 0;
}

/* Opening or closing, from the glyph and the characters on either side of the mark. */
static unsigned char q_mark_class(const struct qcx *cx, size_t start, size_t end, uint32_t cp)
{
    uint32_t pc = q_prev_cp(cx->text, start), nc = 0;
    size_t n;
    int lb, rb, open, close;

    if (end < cx->len)
        nc = q_decode(cx->text, cx->len, end, &n);
    lb = pc == 0 || q_is_space_cp(pc) || q_ascii_in(pc, "([{-/'") || pc == 0x2014 || pc == 0x2013 ||
         pc == 0x2018 || pc == 0x201C;
    rb = nc == 0 || q_is_space_cp(nc) || q_ascii_in(nc, ".,;:!?)]}-'") || nc == 0x2014 ||
         nc == 0x2013 || nc == 0x2019 || nc == 0x201D || nc == 0x2026;
    open = lb && !rb;
    close = !lb && rb;
    if (cp == 0x201C || cp == 0x201E || cp == 0xAB)
        return close ? QM_CLOSE : QM_OPEN;
    if (cp == 0x201D || cp == 0xBB)
        return open ? QM_OPEN : QM_CLOSE;
    return open ? QM_OPEN : close ? QM_CLOSE : QM_AMBIG;
}

static int q_tokenize(struct qcx *cx)
{
    const char *s = cx->text;
    size_t i = 0, n;

    while (i < cx->len) {
        uint32_t c = q_decode(s, cx->len, i, &n);

        if (q_is_space_cp(c)) {
            i += n;
            continue;
        }
        if (q_is_wordch(c) || (q_is_sq_cp(c) && i + n < cx->len && s[i + n] >= '0' &&
                               s[i + n] <= '9' && (i == 0 || q_is_space_cp(q_prev_cp(s, i))))) {
            size_t j = i + n, m, m2;
            for (;;) {
                uint32_t d, e;
                if (j >= cx->len)
                    break;
                d = q_decode(s, cx->len, j, &m);
                if (q_is_wordch(d)) {
                    j += m;
                    continue;
                }
                if (j + m >= cx->len)
                    break;
                e = q_decode(s, cx->len, j + m, &m2);
                if (!q_is_wordch(e))
                    break;
                if (q_is_sq_cp(d)) {
                    /* split the possessive: Japan’s -> Japan + ’s */
                    size_t k = j + m + m2;
                    if ((e == 's' || e == 'S') &&
                        (k >= cx->len || !q_is_wordch(q_decode(s, cx->len, k, &m2))))
                        break;
                    j += m;
                    continue;
                }
                if (d == '-' || d == '.' || d == '+' || d == '&' || d == 0x2011) {
                    j += m;
                    continue;
                }
                break;
            }
            if (q_push_tok(cx, i, j, QT_WORD) != 0)
                return -1;
            i = j;
            continue;
        }
        if (q_is_dq_cp(c)) {
            if (q_push_tok(cx, i, i + n, QT_DQ) != 0)
                return -1;
            cx->tok[cx->ntok - 1].mark = q_mark_class(cx, i, i + n, c);
            i += n;
            continue;
        }
        if (q_is_sq_cp(c)) {
            /* a possessive right after a word: ’s */
            if (cx->ntok && cx->tok[cx->ntok - 1].end == i &&
                cx->tok[cx->ntok - 1].kind == QT_WORD && i + n < cx->len &&
                (s[i + n] == 's' || s[i + n] == 'S') &&
                (i + n + 1 >= cx->len || !q_is_wordch((unsigned char)s[i + n + 1]))) {
                if (q_push_tok(cx, i, i + n + 1, QT_WORD) != 0)
                    return -1;
                i += n + 1;
                continue;
            }
            if (q_push_tok(cx, i, i + n, QT_SQ) != 0)
                return -1;
            i += n;
            continue;
        }
        if (q_push_tok(cx, i, i + n, QT_PUNCT) != 0)
            return -1;
        if (c < 0x80)
            cx->tok[cx->ntok - 1].punct = (char)c;
        else if (c >= 0x2010 && c <= 0x2015)
            cx->tok[cx->ntok - 1].punct = '-';
        else if (c == 0x2026)
            cx->tok[cx->ntok - 1].punct = 'E';
        else
            cx->tok[cx->ntok - 1].punct = '~'; /* other marks: never a boundary */
        i += n;
    }
    return 0;
}

/* ---- paragraphs and mentions ---- */

static int q_assign_paragraphs(struct qcx *cx)
{
    size_t p = 0;

    cx->para_first = malloc((cx->npara ? cx->npara : 1) * sizeof *cx->para_first);
    cx->para_end = malloc((cx->npara ? cx->npara : 1) * sizeof *cx->para_end);
    if (!cx->para_first || !cx->para_end)
        return -1;
    for (size_t k = 0; k < cx->npara; k++)
        cx->para_first[k] = cx->para_end[k] = QNONE;
    for (size_t i = 0; i < cx->ntok; i++) {
        while (p + 1 < cx->npara && cx->tok[i].start >= cx->paras[p + 1].clean.start)
            p++;
        cx->tok[i].para = p;
        if (cx->para_first[p] == QNONE)
            cx->para_first[p] = i;
        cx->para_end[p] = i + 1;
    }
    /* empty paragraphs: an empty token range at the right place */
    for (size_t k = 0, next = 0; k < cx->npara; k++) {
        if (cx->para_first[k] == QNONE)
            cx->para_first[k] = cx->para_end[k] = next;
        next = cx->para_end[k];
    }
    return 0;
}

/* The first token whose end is past byte b. */
static size_t q_tok_at(const struct qcx *cx, size_t b)
{
    size_t lo = 0, hi = cx->ntok;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cx->tok[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int q_is_pronoun_mention(const struct ingest_mention *m)
{
    return m->rule && strcmp(m->rule, "pronoun") == 0;
}

static void q_map_mentions(struct qcx *cx)
{
    for (size_t m = 0; m < cx->nment; m++) {
        const struct ingest_mention *me = &cx->ments[m];
        if (q_is_pronoun_mention(me) || !me->entity_id || me->clean.end <= me->clean.start ||
            me->clean.end > cx->len)
            continue;
        for (size_t i = q_tok_at(cx, me->clean.start);
             i < cx->ntok && cx->tok[i].start < me->clean.end; i++)
            cx->tok[i].mention = m;
    }
}

static int q_honorific_gender(const struct qcx *cx, size_t first_tok)
{
    size_t j = first_tok;

    /* "Mr." is in the mention or right before it */
    for (int k = 0; k < 3 && j < cx->ntok; k++, j--) {
        if (q_weq(cx, j, "mr") || q_weq(cx, j, "sir"))
            return 'm';
        if (q_weq(cx, j, "ms") || q_weq(cx, j, "mrs") || q_weq(cx, j, "miss") ||
            q_weq(cx, j, "madam"))
            return 'f';
        if (j == 0)
            break;
    }
    return 0;
}

/* Gender per mention: the mention's, else any mention of the same entity, else the
 * gazetteer's, else an honorific in the text. */
static int q_genders(struct qcx *cx)
{
    cx->ment_gender = calloc(cx->nment ? cx->nment : 1, 1);
    if (!cx->ment_gender)
        return -1;
    for (size_t m = 0; m < cx->nment; m++) {
        const struct ingest_mention *me = &cx->ments[m];
        char g = me->gender;
        if (me->type != INGEST_ENT_PERSON || !me->entity_id)
            continue;
        if (g == 0 && me->clean.start < cx->len)
            g = (char)q_honorific_gender(cx, q_tok_at(cx, me->clean.start));
        cx->ment_gender[m] = g;
    }
    for (size_t m = 0; m < cx->nment; m++) {
        const struct ingest_mention *me = &cx->ments[m];
        if (me->type != INGEST_ENT_PERSON || !me->entity_id || cx->ment_gender[m])
            continue;
        for (size_t k = 0; k < cx->nment && !cx->ment_gender[m]; k++)
            if (cx->ment_gender[k] && cx->ments[k].entity_id &&
                strcmp(cx->ments[k].entity_id, me->entity_id) == 0)
                cx->ment_gender[m] = cx->ment_gender[k];
        if (!cx->ment_gender[m] && cx->gz && me->kb) {
            const struct ingest_kb_entity *e = ingest_gazetteer_find(cx->gz, me->entity_id);
            if (e && e->gender && (e->gender[0] == 'm' || e->gender[0] == 'f'))
                cx->ment_gender[m] = e->gender[0];
        }
    }
    return 0;
}

/* ---- quote spans ---- */

/* The end of paragraph p's words (never past the text, whatever the caller's ranges say). */
static size_t q_para_text_end(const struct qcx *cx, size_t p)
{
    size_t e = cx->para_end[p];

    return e > cx->para_first[p] ? cx->tok[e - 1].end : e < cx->ntok ? cx->tok[e].start : cx->len;
}

static void q_trim(const struct qcx *cx, struct ingest_range *r, int comma)
{
    size_t n;

    while (r->start < r->end && q_is_space_cp(q_decode(cx->text, r->end, r->start, &n)))
        r->start += n;
    while (r->end > r->start && q_is_space_cp(q_prev_cp(cx->text, r->end))) {
        uint32_t c = q_prev_cp(cx->text, r->end);
        r->end -= c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    if (comma && r->end > r->start && cx->text[r->end - 1] == ',') {
        r->end--;
        q_trim(cx, r, 0);
    }
}

static int q_span_add_seg(struct qspan *sp, size_t start, size_t end)
{
    struct ingest_range *ns = realloc(sp->seg, (sp->nseg + 1) * sizeof *sp->seg);

    if (!ns)
        return -1;
    sp->seg = ns;
    sp->seg[sp->nseg].start = start;
    sp->seg[sp->nseg].end = end;
    sp->nseg++;
    return 0;
}

static struct qspan *q_span_new(struct qcx *cx, size_t open_tok)
{
    struct qspan *sp;

    if (q_grow((void **)&cx->spans, &cx->capspan, cx->nspan + 1, sizeof *cx->spans) != 0)
        return NULL;
    sp = &cx->spans[cx->nspan++];
    memset(sp, 0, sizeof *sp);
    sp->open_tok = open_tok;
    sp->close_tok = QNONE;
    sp->after_tok = QNONE;
    sp->first_para = sp->last_para = cx->tok[open_tok].para;
    return sp;
}

static const char *const q_cut_pronouns[] = {"he", "she", "they", NULL};

/* An unclosed quote: the first ", he told" / ", Mr. X said" / ", said X" inside it is where
 * the closing mark was forgotten. Returns the comma token, or QNONE. */
static size_t q_repair_cut(const struct qcx *cx, size_t from, size_t to)
{
    for (size_t k = from; k + 2 < to; k++) {
        size_t j = k + 1, lim;
        if (!q_is_punct(cx, k, ','))
            continue;
        if (q_win(cx, j, q_cut_pronouns)) {
            j++;
        } else if (cx->tok[j].mention != QNONE &&
                   cx->ments[cx->tok[j].mention].type == INGEST_ENT_PERSON) {
            size_t m = cx->tok[j].mention;
            while (j < to && cx->tok[j].mention == m)
                j++;
        } else {
            const struct qcue *c = q_cue_of(cx, j);
            if (c && (c->flags & CUE_INVERT) && j + 1 < to && cx->tok[j + 1].cap)
                return k;
            continue;
        }
        for (lim = j + 3; j < to && j < lim; j++) {
            const struct qcue *c = q_cue_of(cx, j);
            if (c && !(c->flags & (CUE_PART | CUE_BASE | CUE_ACCORD)))
                return k;
            if (!q_win(cx, j, q_skip_before_verb) && !q_is_ly(cx, j))
                break;
        }
    }
    return QNONE;
}

/* Ends an open span in paragraph p that has no closing mark. */
static int q_span_unclosed(struct qcx *cx, struct qspan *sp, size_t seg_start, size_t p)
{
    size_t to = cx->para_end[p], cut = QNONE, seg_end;

    if (sp->nseg == 0)
        cut = q_repair_cut(cx, sp->open_tok + 1, to);
    else
        cut = q_repair_cut(cx, cx->para_first[p] + 1, to);
    seg_end = cut != QNONE ? cx->tok[cut].start : q_para_text_end(cx, p);
    if (seg_end < seg_start)
        seg_end = seg_start;
    if (q_span_add_seg(sp, seg_start, seg_end) != 0)
        return -1;
    sp->after_tok = cut != QNONE ? cut : to;
    sp->last_para = p;
    sp->repaired = 1;
    return 0;
}

/* Pairs the double quote marks paragraph by paragraph. A quote left open at the end of a
 * paragraph continues when the next paragraph opens with a quote mark; otherwise it is
 * repaired and the pairing starts afresh, so one bad mark never costs the rest. */
static int q_find_spans(struct qcx *cx)
{
    size_t carry = QNONE; /* index of a span continuing into the next paragraph */

    for (size_t p = 0; p < cx->npara; p++) {
        size_t a = cx->para_first[p], b = cx->para_end[p], cur = QNONE, seg_start = 0;
        size_t i = a;

        if (carry != QNONE) {
            if (a < b && cx->tok[a].kind == QT_DQ) {
                cur = carry;
                seg_start = cx->tok[a].end;
                cx->spans[cur].last_para = p;
                i = a + 1;
            } else {
                /* should not happen: the carry test looked ahead */
                cx->spans[carry].after_tok = a;
            }
            carry = QNONE;
        }
        for (; i < b; i++) {
            struct qtok *t = &cx->tok[i];
            if (t->kind != QT_DQ)
                continue;
            if (cur == QNONE) {
                struct qspan *sp;
                if (t->mark == QM_CLOSE)
                    continue; /* a stray closing mark */
                sp = q_span_new(cx, i);
                if (!sp)
                    return -1;
                cur = (size_t)(sp - cx->spans);
                seg_start = t->end;
                continue;
            }
            if (t->mark == QM_OPEN) {
                /* an opening mark inside a quote: the previous one was never closed */
                struct qspan *sp = &cx->spans[cur];
                if (q_span_add_seg(sp, seg_start, t->start) != 0)
                    return -1;
                sp->after_tok = i;
                sp->last_para = p;
                sp->repaired = 1;
                sp = q_span_new(cx, i);
                if (!sp)
                    return -1;
                cur = (size_t)(sp - cx->spans);
                seg_start = t->end;
                continue;
            }
            if (q_span_add_seg(&cx->spans[cur], seg_start, t->start) != 0)
                return -1;
            cx->spans[cur].close_tok = i;
            cx->spans[cur].after_tok = i + 1;
            cx->spans[cur].last_para = p;
            cur = QNONE;
        }
        if (cur != QNONE) {
            size_t nb = p + 1 < cx->npara ? cx->para_first[p + 1] : QNONE;
            if (nb != QNONE && nb < cx->para_end[p + 1] && cx->tok[nb].kind == QT_DQ &&
                cx->tok[nb].mark != QM_CLOSE) {
                if (q_span_add_seg(&cx->spans[cur], seg_start, q_para_text_end(cx, p)) != 0)
                    return -1;
                carry = cur;
            } else if (q_span_unclosed(cx, &cx->spans[cur], seg_start, p) != 0) {
                return -1;
            }
        }
    }
    /* trim the quoted words; mark the tokens each span covers */
    for (size_t s = 0; s < cx->nspan; s++) {
        struct qspan *sp = &cx->spans[s];
        size_t last = sp->close_tok != QNONE ? sp->close_tok : sp->after_tok - 1;
        for (size_t k = 0; k < sp->nseg; k++)
            q_trim(cx, &sp->seg[k], k + 1 == sp->nseg);
        for (size_t i = sp->open_tok; i <= last && i < cx->ntok; i++)
            cx->tok[i].quote = s;
    }
    cx->para_narr = calloc(cx->npara, 1);
    if (!cx->para_narr)
        return -1;
    for (size_t i = 0; i < cx->ntok; i++)
        if (cx->tok[i].quote == QNONE && cx->tok[i].kind == QT_WORD)
            cx->para_narr[cx->tok[i].para] = 1;
    return 0;
}

static int q_span_empty(const struct qspan *sp)
{
    for (size_t k = 0; k < sp->nseg; k++)
        if (sp->seg[k].end > sp->seg[k].start)
            return 0;
    return 1;
}

/* ---- sentences and clauses ---- */

static int q_is_abbrev(const struct qcx *cx, size_t w)
{
    const char *s = cx->text + cx->tok[w].start;
    size_t n = q_tlen(cx, w);

    if (n == 1 && cx->tok[w].cap)
        return 1; /* an initial: Kurt M. Campbell */
    if (memchr(s, '.', n))
        return 1; /* U.S. U.N. D.C. a.m. */
    return q_win(cx, w, q_abbrevs);
}

/* Token i ends a sentence outside quotes. */
static int q_terminal_at(const struct qcx *cx, size_t i)
{
    size_t next = i + 1;

    if (i >= cx->ntok || cx->tok[i].kind != QT_PUNCT || cx->tok[i].quote != QNONE)
        return 0;
    if (!strchr(".!?", cx->tok[i].punct) || cx->tok[i].punct == 0)
        return 0;
    if (cx->tok[i].punct == '.' && i > 0 && cx->tok[i - 1].kind == QT_WORD &&
        cx->tok[i - 1].end == cx->tok[i].start && q_is_abbrev(cx, i - 1) &&
        !(next < cx->ntok && cx->tok[next].kind == QT_DQ))
        return 0;
    if (next >= cx->ntok || cx->tok[next].para != cx->tok[i].para)
        return 1;
    return (cx->tok[next].kind == QT_WORD && (cx->tok[next].cap || cx->tok[next].digit)) ||
           cx->tok[next].kind == QT_DQ || q_is_punct(cx, next, '(');
}

/* The closed quote s ends its sentence: "... the world." Mr. X ... */
static int q_quote_ends_sentence(const struct qcx *cx, size_t s)
{
    const struct qspan *sp = &cx->spans[s];
    size_t c = sp->close_tok, next;

    if (c == QNONE || c == 0)
        return 0;
    if (cx->tok[c - 1].kind != QT_PUNCT || !cx->tok[c - 1].punct ||
        !strchr(".!?", cx->tok[c - 1].punct))
        return 0;
    next = c + 1;
    if (next >= cx->ntok || cx->tok[next].para != cx->tok[c].para)
        return 1;
    return (cx->tok[next].kind == QT_WORD && (cx->tok[next].cap || cx->tok[next].digit)) ||
           cx->tok[next].kind == QT_DQ;
}

/* The first token of the sentence holding token i (frames jump over quotes). */
static size_t q_sent_start(const struct qcx *cx, size_t i)
{
    size_t p = cx->tok[i].para, lo = cx->para_first[p], j = i;
    size_t own = cx->tok[i].quote;

    if (i > lo + QSENT_MAX)
        lo = i - QSENT_MAX;
    while (j > lo) {
        size_t k = j - 1, s = cx->tok[k].quote;
        if (s != QNONE && s != own) {
            const struct qspan *sp = &cx->spans[s];
            if (k == sp->close_tok && q_quote_ends_sentence(cx, s))
                return j;
            if (cx->tok[sp->open_tok].para != p)
                return sp->open_tok;
            j = sp->open_tok;
            continue;
        }
        if (q_terminal_at(cx, k))
            return j;
        j = k;
    }
    return lo;
}

/* One past the last token of the sentence that holds token i. */
static size_t q_sent_end(const struct qcx *cx, size_t i)
{
    size_t own = i < cx->ntok ? cx->tok[i].quote : QNONE;

    for (size_t k = i; k < cx->ntok; k++) {
        if (k >= i + QSENT_MAX)
            return k;
        size_t s = cx->tok[k].quote;
        if (k > i && cx->tok[k].para != cx->tok[k - 1].para)
            return k;
        if (s != QNONE && s != own) {
            const struct qspan *sp = &cx->spans[s];
            if (sp->close_tok == QNONE) {
                k = sp->after_tok - 1;
                continue;
            }
            k = sp->close_tok;
            if (q_quote_ends_sentence(cx, s))
                return k + 1;
            continue;
        }
        if (q_terminal_at(cx, k))
            return k + 1;
    }
    return cx->ntok;
}

/* ---- noun phrases ---- */

static void q_spk_none(struct qspk *s)
{
    memset(s, 0, sizeof *s);
    s->mention = s->w0 = s->w1 = s->d0 = s->d1 = QNONE;
}

static enum ingest_entity_type q_mtype(const struct qcx *cx, size_t m) { return cx->ments[m].type; }

/* The mention ending at token i is followed by a possessive: Japan’s, the Philippines’. */
static int q_mention_possessive(const struct qcx *cx, size_t last_tok)
{
    size_t n = last_tok + 1;

    if (n >= cx->ntok)
        return 0;
    if (q_is_possessive(cx, n))
        return 1;
    return cx->tok[n].kind == QT_SQ && cx->tok[n].start == cx->tok[last_tok].end;
}

static size_t q_mention_last_tok(const struct qcx *cx, size_t i)
{
    size_t m = cx->tok[i].mention;

    while (i + 1 < cx->ntok && cx->tok[i + 1].mention == m)
        i++;
    return i;
}

static size_t q_mention_first_tok(const struct qcx *cx, size_t i)
{
    size_t m = cx->tok[i].mention;

    while (i > 0 && cx->tok[i - 1].mention == m)
        i--;
    return i;
}

/* The mention at token i comes after a preposition: "Matsuda of the Maritime SDF". */
static int q_mention_after_prep(const struct qcx *cx, size_t i, size_t lo)
{
    size_t f = q_mention_first_tok(cx, i);

    if (f <= lo)
        return 0;
    f--;
    if (q_win(cx, f, q_determiners) && f > lo)
        f--;
    return q_win(cx, f, q_prepositions) && !cx->tok[f].cap;
}

/* Nearest org mention before token lo whose words contain the noun at token head: "the
 * ministry" -> "China’s Foreign Ministry". QNONE when none within the document before. */
static size_t q_org_coref(const struct qcx *cx, size_t lo, size_t head)
{
    size_t hn = q_tlen(cx, head);
    const char *hs = cx->text + cx->tok[head].start;

    for (size_t i = lo; i-- > 0 && i + QLOOK_MAX > lo;) {
        size_t m = cx->tok[i].mention;
        if (m == QNONE || cx->tok[i].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_ORGANIZATION)
            continue;
        if (q_tlen(cx, i) == hn) {
            const char *s = cx->text + cx->tok[i].start;
            size_t k = 0;
            while (k < hn && q_lc((unsigned char)s[k]) == q_lc((unsigned char)hs[k]))
                k++;
            if (k == hn)
                return m;
        }
    }
    return QNONE;
}

static void q_spk_mention(const struct qcx *cx, struct qspk *s, size_t m, size_t tok)
{
    size_t f = q_mention_first_tok(cx, tok), l = q_mention_last_tok(cx, tok);

    s->mention = m;
    s->w0 = f;
    s->w1 = l + 1;
    switch (q_mtype(cx, m)) {
    case INGEST_ENT_PERSON:
        s->kind = SPK_PERSON;
        s->gender = cx->ment_gender[m];
        break;
    case INGEST_ENT_AGREEMENT:
        s->kind = SPK_DOC;
        break;
    default:
        s->kind = SPK_ORG;
        break;
    }
    s->how = HOW_NAME;
}

/* What the words [a, b) name as a speaker: a person or organization mention, a pronoun, an
 * unnamed person ("a senior foreign diplomat"), an organization or document description. */
static void q_classify(const struct qcx *cx, size_t a, size_t b, struct qspk *out)
{
    size_t h, k;

    q_spk_none(out);
    while (a < b &&
           (q_win(cx, a, q_conj_words) || q_is_punct(cx, a, ',') || q_weq(cx, a, "as") ||
            q_is_punct(cx, a, '-') || cx->tok[a].quote != QNONE || cx->tok[a].kind == QT_DQ))
        a++; /* also the end of a quote: `resolved," Shoichi Nakagawa, ...` */
    while (b > a && (cx->tok[b - 1].kind == QT_PUNCT || cx->tok[b - 1].kind == QT_SQ ||
                     (b > a + 1 && q_is_reflexive(cx, b - 1))))
        b--; /* "Ms. Takaichi herself told": the emphatic pronoun is not a head noun */
    if (a >= b)
        return;
    for (size_t i = a; i < b; i++)
        if (cx->tok[i].quote != QNONE || cx->tok[i].kind == QT_DQ ||
            (cx->tok[i].event != QNONE && !(cx->ev[cx->tok[i].event].flags & CUE_BASE)))
            return; /* a quote or a speech verb inside: a clause, not a speaker phrase */
    /* "Benning shook her head when": a name, then a verb and its object, is a clause whose
     * subject is the name */
    if (cx->tok[a].mention != QNONE && q_mtype(cx, cx->tok[a].mention) == INGEST_ENT_PERSON) {
        size_t l = q_mention_last_tok(cx, a) + 1;
        if (l + 1 < b && q_is_lower_word(cx, l) && !q_win(cx, l, q_prepositions) &&
            !q_win(cx, l, q_determiners) && !q_win(cx, l, q_conj_words) &&
            (q_win(cx, l + 1, q_determiners) || q_weq(cx, l + 1, "her") ||
             q_weq(cx, l + 1, "his") || q_weq(cx, l + 1, "their") || q_weq(cx, l + 1, "its"))) {
            q_spk_mention(cx, out, cx->tok[a].mention, a);
            return;
        }
    }
    if (b - a == 1 && q_is_pronoun(cx, a, &out->gender)) {
        out->kind = SPK_PRONOUN;
        out->w0 = a;
        out->w1 = b;
        out->plural = out->gender == 'p';
        return;
    }
    if (cx->tok[a].mention == QNONE &&
        ((q_is_lower_word(cx, a) && (q_win(cx, a, q_prepositions) || q_win(cx, a, q_clause_words) ||
                                     q_is_verb_form(cx, a) || q_is_ly(cx, a))) ||
         (cx->tok[a].cap && q_win(cx, a, q_intro_words) && !q_win(cx, a, q_determiners))))
        return; /* an adverbial: "in a statement", "speaking to reporters", "Earlier" */
    /* the head is before the first preposition that follows a common noun or a name */
    h = b;
    for (k = a + 1; k < b; k++) {
        int after_noun, after_person;
        if (q_win(cx, k, q_clause_words) && !cx->tok[k].cap && !q_weq(cx, k, "and")) {
            h = k;
            break;
        }
        if (!q_win(cx, k, q_prepositions) || cx->tok[k].cap)
            continue;
        /* "officials in Beijing", "the head of the CIA"; not "Secretary of State" */
        after_noun = q_is_lower_word(cx, k - 1) || cx->tok[k - 1].digit ||
                     (q_win(cx, k - 1, q_person_nouns) && q_is_plural_noun(cx, k - 1));
        after_person = cx->tok[k - 1].mention != QNONE &&
                       q_mtype(cx, cx->tok[k - 1].mention) == INGEST_ENT_PERSON;
        if (after_noun || after_person) {
            h = k;
            break;
        }
    }
    /* "one of the people": the head is after "of" */
    if (h < b && h == a + 1 && q_weq(cx, h, "of") &&
        (q_weq(cx, a, "one") || q_weq(cx, a, "two") || q_weq(cx, a, "three") ||
         q_weq(cx, a, "some") || q_weq(cx, a, "many") || q_weq(cx, a, "several") ||
         q_weq(cx, a, "most") || q_weq(cx, a, "none") || q_weq(cx, a, "each") ||
         q_weq(cx, a, "both") || q_weq(cx, a, "all"))) {
        size_t e = b;
        for (k = h + 1; k < b; k++)
            if (q_win(cx, k, q_prepositions) || q_win(cx, k, q_clause_words)) {
                e = k;
                break;
            }
        q_classify(cx, h + 1, e, out);
        if (out->kind == SPK_UNNAMED) {
            out->d0 = a;
            out->d1 = b;
            out->w0 = a;
            out->w1 = b;
            out->plural = 0;
        }
        return;
    }
    int passed_noun = 0; /* an unknown word after the words scanned: they modify it */
    for (k = h; k-- > a;) {
        size_t m = cx->tok[k].mention;
        if (m != QNONE) {
            size_t last = q_mention_last_tok(cx, k);
            if (q_mention_possessive(cx, last) || (cx->ments[m].demonym && k + 1 < h) ||
                (q_mtype(cx, m) != INGEST_ENT_PERSON && q_mention_after_prep(cx, k, a)) ||
                passed_noun) {
                k = q_mention_first_tok(cx, k);
                continue; /* a modifier: Japan’s, Japanese, Chinese state media */
            }
            q_spk_mention(cx, out, m, k);
            if (out->kind == SPK_DOC || out->kind == SPK_ORG) {
                out->d0 = a;
                out->d1 = b;
            }
            return;
        }
        if (cx->tok[k].kind != QT_WORD || q_is_possessive(cx, k))
            continue;
        if (q_win(cx, k, q_person_nouns)) {
            out->kind = SPK_UNNAMED;
            out->plural = q_is_plural_noun(cx, k);
            out->how = HOW_NAME;
            out->w0 = out->d0 = a;
            out->w1 = out->d1 = b;
            return;
        }
        if (q_win(cx, k, q_org_nouns) || q_win(cx, k, q_doc_nouns)) {
            int doc = !q_win(cx, k, q_org_nouns);
            out->kind = doc ? SPK_DOC : SPK_ORG;
            out->how = HOW_NAME;
            out->w0 = out->d0 = a;
            out->w1 = out->d1 = b;
            /* "A fact sheet released by ...": the document, not its story ("Article 5 of the
             * treaty" keeps its number and what it belongs to) */
            if (doc) {
                out->d1 = k + 1;
                while (out->d1 < b && cx->tok[out->d1].kind == QT_WORD &&
                       (cx->tok[out->d1].digit || cx->tok[out->d1].cap))
                    out->d1++;
                if (out->d1 < b && q_weq(cx, out->d1, "of"))
                    out->d1 = b;
            }
            out->plural = !doc && q_is_plural_noun(cx, k);
            /* an entity the phrase is about: the South Korean government, the 1997 guidelines */
            for (size_t i = a; i < b; i++) {
                size_t mm = cx->tok[i].mention;
                if (mm == QNONE)
                    continue;
                if (doc ? q_mtype(cx, mm) == INGEST_ENT_AGREEMENT
                        : q_mtype(cx, mm) == INGEST_ENT_COUNTRY && q_win(cx, k, q_state_nouns)) {
                    out->mention = mm;
                    break;
                }
            }
            /* "the ministry": the ministry named before */
            if (!doc && out->mention == QNONE && b - a == 2 && k == a + 1 && q_weq(cx, a, "the"))
                out->mention = q_org_coref(cx, a, k);
            return;
        }
        if (cx->tok[k].cap && k > a && cx->tok[k - 1].mention != QNONE &&
            cx->tok[k - 1].end + 1 == cx->tok[k].start && cx->text[cx->tok[k - 1].end] == ' ' &&
            q_mtype(cx, cx->tok[k - 1].mention) == INGEST_ENT_PERSON &&
            !q_mention_possessive(cx, k - 1)) {
            /* the rest of a name the mention stopped short of: "Qian" Qichen */
            q_spk_mention(cx, out, cx->tok[k - 1].mention, k - 1);
            out->w1 = k + 1;
            return;
        }
        if (cx->tok[k].cap && !q_win(cx, k, q_determiners) && !q_weq(cx, k, "senior")) {
            out->unknown_name = 1; /* an unknown name: never guessed, but remembered */
            out->w0 = a;
            out->w1 = b;
            return;
        }
        if (k + 1 < h && q_is_possessive(cx, k + 1))
            return; /* "the plan's authors": the head was after the possessor, unknown */
        if (q_is_lower_word(cx, k) && !q_win(cx, k, q_determiners))
            passed_noun = 1;
    }
}

/* The "-ed"/"-ing" word at token k stands between a determiner and a noun, as an adjective
 * does: "a retired admiral", "the ruling party" (not a speech verb: "the statement said"). */
static int q_attributive(const struct qcx *cx, size_t k)
{
    return k > 0 && q_win(cx, k - 1, q_determiners) && cx->tok[k - 1].para == cx->tok[k].para &&
           !q_is_cue_verb(cx, k) && q_is_word(cx, k + 1) && !q_win(cx, k + 1, q_function_words);
}

/* The end of a noun phrase read forward from token a (exclusive), at most 12 tokens. */
static size_t q_np_run(const struct qcx *cx, size_t a, size_t limit)
{
    size_t k = a;

    for (; k < limit && k < a + 12; k++) {
        const struct qtok *t = &cx->tok[k];
        if (t->mention != QNONE)
            continue;
        if (t->kind == QT_WORD) {
            if (q_is_possessive(cx, k) || t->cap || t->digit)
                continue;
            if (q_is_verb_form(cx, k) && q_attributive(cx, k))
                continue; /* "a retired admiral" */
            if (q_win(cx, k, q_np_stop) || q_is_cue_verb(cx, k) || q_is_ly(cx, k) ||
                q_is_verb_form(cx, k))
                break;
            if (k > a && q_win(cx, k, q_prepositions))
                break;
            if (k > a && q_is_pronoun(cx, k, NULL))
                break;
            continue;
        }
        if (t->kind == QT_SQ && k > a && cx->tok[k - 1].end == t->start)
            continue;
        if (t->kind == QT_PUNCT && t->punct == '.' && k > a && cx->tok[k - 1].end == t->start &&
            q_is_abbrev(cx, k - 1) && k + 1 < limit && cx->tok[k + 1].cap)
            continue; /* "Mr. Kerry", "Gov. Denny Tamaki" */
        break;
    }
    return k;
}

/* The start of the noun phrase that ends at token end (exclusive), no further back than lo:
 * "signed on to [a joint statement]". */
static size_t q_np_back(const struct qcx *cx, size_t end, size_t lo)
{
    size_t k = end;

    while (k > lo && k + 12 > end) {
        const struct qtok *t = &cx->tok[k - 1];
        if (t->mention == QNONE) {
            if (t->kind == QT_PUNCT && !(t->punct == '.' && k - 1 > lo && q_is_abbrev(cx, k - 2) &&
                                         cx->tok[k - 2].end == t->start))
                break;
            if (t->kind == QT_DQ || t->kind == QT_SQ || t->quote != QNONE)
                break;
            if (t->kind == QT_WORD && !t->cap && !t->digit && !q_is_possessive(cx, k - 1) &&
                !(q_is_verb_form(cx, k - 1) && q_attributive(cx, k - 1)) &&
                (q_win(cx, k - 1, q_prepositions) || q_win(cx, k - 1, q_np_stop) ||
                 q_is_cue_verb(cx, k - 1) || q_is_verb_form(cx, k - 1) || q_is_ly(cx, k - 1) ||
                 q_is_pronoun(cx, k - 1, NULL)))
                break;
        }
        k--;
    }
    return k;
}

/* Token i is a word in capitals ("MANILA", "TOKYO"): a dateline's. */
static int q_all_caps(const struct qcx *cx, size_t i)
{
    size_t letters = 0;

    if (cx->tok[i].kind != QT_WORD)
        return 0;
    for (size_t k = cx->tok[i].start; k < cx->tok[i].end; k++) {
        unsigned char c = (unsigned char)cx->text[k];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

/* "MANILA (AP) — X said" / "NAHA, Japan — ...": the token after a dateline that opens the
 * paragraph at s, or s when there is none. */
static size_t q_skip_dateline(const struct qcx *cx, size_t s, size_t limit)
{
    size_t k = s;

    if (s != cx->para_first[cx->tok[s].para] || !q_all_caps(cx, s))
        return s;
    while (k < limit && k < s + 10) {
        if (q_is_punct(cx, k, '-'))
            return k + 1;
        if (cx->tok[k].kind == QT_DQ || cx->tok[k].quote != QNONE ||
            (cx->tok[k].kind == QT_WORD && !cx->tok[k].cap))
            break;
        k++;
    }
    return s;
}

static const char *const q_relatives[] = {"where", "which", "who", "whose", "when", NULL};

/* The first word of a sentence after intros: "In response, the ministry" -> "the". */
static size_t q_subject_start(const struct qcx *cx, size_t s, size_t limit)
{
    if (s < limit)
        s = q_skip_dateline(cx, s, limit);
    for (int round = 0; round < 3 && s < limit; round++) {
        if (cx->tok[s].kind == QT_DQ && cx->tok[s].quote != QNONE) {
            const struct qspan *sp = &cx->spans[cx->tok[s].quote];
            s = sp->after_tok;
            while (s < limit && cx->tok[s].kind == QT_PUNCT)
                s++;
            continue;
        }
        if (q_win(cx, s, q_conj_words)) {
            s++;
            if (q_is_punct(cx, s, ','))
                s++;
            continue;
        }
        /* "Outside the gate, where protesters sit, Higa ...": a relative clause after a
         * leading phrase is skipped like the phrase */
        if (cx->tok[s].mention == QNONE &&
            (q_win(cx, s, q_intro_words) || (cx->tok[s].cap && q_is_verb_form(cx, s)) ||
             (round > 0 && !cx->tok[s].cap && q_win(cx, s, q_relatives)))) {
            size_t k = s + 1;
            while (k < limit && !q_is_punct(cx, k, ',') && !q_is_cue_verb(cx, k) &&
                   cx->tok[k].kind != QT_DQ)
                k++;
            if (k < limit && q_is_punct(cx, k, ',')) {
                s = k + 1;
                continue;
            }
        }
        break;
    }
    return s;
}

/* A person named in apposition after the phrase ending at token e, before limit: ", Daniel
 * Kessler," or ", Mr. Kessler." at the end of the sentence. Returns the name's first token, or
 * QNONE. */
static size_t q_apposed_person(const struct qcx *cx, size_t e, size_t limit)
{
    size_t n = e + 1, l;

    if (n >= limit || !q_is_punct(cx, e, ','))
        return QNONE;
    if (n + 2 < limit && q_is_abbrev(cx, n) && q_is_punct(cx, n + 1, '.') &&
        cx->tok[n + 2].mention != QNONE)
        n += 2; /* the honorific the mention left out */
    if (cx->tok[n].mention == QNONE || cx->tok[n].quote != QNONE ||
        q_mtype(cx, cx->tok[n].mention) != INGEST_ENT_PERSON)
        return QNONE;
    l = q_mention_last_tok(cx, n) + 1;
    if (l >= limit || q_is_punct(cx, l, ',') || q_terminal_at(cx, l))
        return n;
    return QNONE;
}

/* The subject of the sentence starting at token s (not resolving pronouns). */
static void q_sentence_subject(const struct qcx *cx, size_t s, size_t limit, struct qspk *out)
{
    static const char *const questions[] = {
        "was", "is",  "are", "were", "did", "do",  "does",  "will", "would", "can",
        "could", "should", "has", "have", "had", "how", "what", "why", "where", "who", NULL};
    size_t a = q_subject_start(cx, s, limit), e;

    q_spk_none(out);
    if (a >= limit)
        return;
    if (q_is_pronoun(cx, a, NULL)) {
        q_classify(cx, a, a + 1, out);
        return;
    }
    /* "Was that a demand or a request?": a question, not a sentence about someone named */
    if (cx->tok[a].cap && q_win(cx, a, questions))
        return;
    e = q_np_run(cx, a, limit);
    if (e > a)
        q_classify(cx, a, e, out);
    /* "Marles cut in:": a name, then a verb the lexicons do not know */
    if (out->kind == SPK_NONE && !out->unknown_name && cx->tok[a].mention != QNONE &&
        q_mtype(cx, cx->tok[a].mention) == INGEST_ENT_PERSON) {
        size_t l = q_mention_last_tok(cx, a) + 1;
        if (l < limit && q_is_lower_word(cx, l) && !q_win(cx, l, q_function_words) &&
            !q_win(cx, l, q_determiners) && !q_win(cx, l, q_np_stop))
            q_spk_mention(cx, out, cx->tok[a].mention, a);
    }
    /* "India's foreign minister, Subrahmanyam Jaishankar, pressed ...": a role with a name in
     * apposition is that person */
    if (out->kind == SPK_UNNAMED && !out->plural && e + 1 < limit && q_is_punct(cx, e, ',') &&
        cx->tok[e + 1].mention != QNONE && cx->tok[e + 1].quote == QNONE &&
        q_mtype(cx, cx->tok[e + 1].mention) == INGEST_ENT_PERSON &&
        q_is_punct(cx, q_mention_last_tok(cx, e + 1) + 1, ','))
        q_spk_mention(cx, out, cx->tok[e + 1].mention, e + 1);
    /* "On the missile defense program he was more cautious": the subject after a leading
     * phrase that no comma closes */
    if (out->kind == SPK_NONE && !out->unknown_name && q_win(cx, a, q_prepositions)) {
        for (size_t k = a + 1; k < limit && k < a + 10; k++) {
            if (cx->tok[k].kind == QT_DQ || cx->tok[k].quote != QNONE ||
                q_is_punct(cx, k, ','))
                break;
            if (q_is_pronoun(cx, k, NULL) && !q_weq(cx, k, "it") && k + 1 < limit &&
                cx->tok[k + 1].kind == QT_WORD && !cx->tok[k + 1].cap) {
                q_classify(cx, k, k + 1, out);
                break;
            }
        }
    }
}

/* What a person says, as the head of a phrase: "Nakatani's answer was brief: "Q"". */
static const char *const q_speech_nouns[] = {
    "answer",   "reply",    "response", "message",     "verdict", "reaction", "retort",
    "comment",  "comments", "remark",   "remarks",     "advice",  "warning",  "words",
    "argument", "point",    "view",     "explanation", "pitch",   "plea",     NULL};

/* A colon introduction whose subject is a person's words: "Nakatani's answer was brief:",
 * "Marsh's reply, when it came, was short:". Sets *out to the person; 0 when it is not. */
static int q_possessive_speech(const struct qcx *cx, size_t s, size_t colon, struct qspk *out)
{
    size_t a = q_subject_start(cx, s, colon), l, k;

    if (a >= colon || cx->tok[a].mention == QNONE ||
        q_mtype(cx, cx->tok[a].mention) != INGEST_ENT_PERSON)
        return 0;
    l = q_mention_last_tok(cx, a);
    if (!q_mention_possessive(cx, l))
        return 0;
    /* the speech noun, after at most two modifiers: "Nakatani's short, sharp answer" */
    for (k = l + 2; k < colon && k < l + 4 && !q_win(cx, k, q_speech_nouns); k++)
        if (!q_is_lower_word(cx, k) && !q_is_punct(cx, k, ','))
            return 0;
    if (k >= colon || k >= l + 4)
        return 0;
    /* the rest is a short predicate about the words, with no one else named in it */
    if (colon > k + 10)
        return 0;
    for (size_t j = k + 1; j < colon; j++)
        if (cx->tok[j].kind == QT_DQ || cx->tok[j].quote != QNONE ||
            (cx->tok[j].mention != QNONE &&
             q_mtype(cx, cx->tok[j].mention) == INGEST_ENT_PERSON) ||
            cx->tok[j].event != QNONE)
            return 0;
    q_spk_mention(cx, out, cx->tok[a].mention, a);
    return 1;
}

/* Is token k a boundary between clauses when looking for a subject? */
static int q_clause_boundary(const struct qcx *cx, size_t k)
{
    const struct qtok *t = &cx->tok[k];

    if (t->kind == QT_DQ || t->quote != QNONE)
        return 1;
    if (t->kind == QT_PUNCT)
        return strchr(",;:-(", t->punct) != NULL;
    return q_win(cx, k, q_clause_words) && !t->cap;
}

static void q_split_parts(const struct qcx *cx, size_t a, size_t b, struct qspk *out)
{
    int best = 0;
    size_t ps = a;

    q_spk_none(out);
    for (size_t k = a; k <= b; k++) {
        if (k < b && !q_is_punct(cx, k, ',') && !q_is_punct(cx, k, '-'))
            continue;
        if (k > ps) {
            struct qspk c;
            int pri = 0;
            if (q_weq(cx, ps, "and") || q_weq(cx, ps, "but") || q_weq(cx, ps, "or")) {
                best = 0; /* ", and Lowell, asked ..., said": a new clause starts here */
                q_spk_none(out);
            }
            q_classify(cx, ps, k, &c);
            switch (c.kind) {
            case SPK_PERSON:
                pri = 6;
                break;
            case SPK_ORG:
            case SPK_DOC:
                pri = c.mention != QNONE ? 5 : 3;
                break;
            case SPK_PRONOUN:
                pri = 4;
                break;
            case SPK_UNNAMED:
                pri = 3;
                break;
            default:
                pri = 0;
            }
            if (pri > best) {
                best = pri;
                *out = c;
            }
        }
        ps = k + 1;
    }
}

/* Token i is a lower-case word ending in "-ing" ("traveling", "speaking"). */
static int q_is_ing(const struct qcx *cx, size_t i)
{
    size_t n = q_tlen(cx, i);
    return cx->tok[i].kind == QT_WORD && !cx->tok[i].cap && n > 5 &&
           memcmp(cx->text + cx->tok[i].end - 3, "ing", 3) == 0;
}

/* The subject of the verb at token v, looking back no further than token lo. */
static void q_subject_before(const struct qcx *cx, size_t v, size_t lo, struct qspk *out,
                             int *elided)
{
    size_t j = v, k;

    q_spk_none(out);
    *elided = 0;
    while (j > lo) {
        j--;
        if (!(q_win(cx, j, q_skip_before_verb) || q_is_ly(cx, j)) || cx->tok[j].mention != QNONE)
            break;
        if (j == lo)
            return;
    }
    if (j < lo || j == v)
        return;
    if (q_is_pronoun(cx, j, NULL)) {
        q_classify(cx, j, j + 1, out);
        return;
    }
    if (cx->tok[j].mention != QNONE && cx->tok[j].quote == QNONE) {
        size_t m = cx->tok[j].mention;
        if (q_mtype(cx, m) == INGEST_ENT_PERSON && q_mention_after_prep(cx, j, lo)) {
            /* "A senior official traveling with the minister said": the person is in a
             * modifier; an unnamed source or a body heading the phrase is the speaker */
            size_t f = q_mention_first_tok(cx, j), a = f, e;
            struct qspk head;
            while (a > lo && !q_clause_boundary(cx, a - 1))
                a--;
            for (e = a + 1; e < f; e++)
                if (!cx->tok[e].cap && (q_win(cx, e, q_prepositions) || q_is_ing(cx, e)))
                    break;
            if (a < e && e < f) {
                q_classify(cx, a, e, &head);
                if (head.kind == SPK_UNNAMED || head.kind == SPK_ORG) {
                    *out = head;
                    return;
                }
            }
        }
        if (q_mtype(cx, m) == INGEST_ENT_PERSON || !q_mention_after_prep(cx, j, lo)) {
            q_spk_mention(cx, out, m, j);
            return;
        }
    }
    if (q_weq(cx, j, "who") || q_weq(cx, j, "which") || q_weq(cx, j, "that")) {
        /* "a joint statement that said", "the ministry, which said": the noun phrase the
         * relative pronoun stands for, right before it */
        size_t end = j, a;
        if (end > lo && q_is_punct(cx, end - 1, ','))
            end--;
        a = q_np_back(cx, end, lo);
        q_classify(cx, a, end, out);
        return;
    }
    if (q_is_punct(cx, j, ',')) {
        /* X, the ..., said / X, in a statement, said / X, who ..., said */
        q_split_parts(cx, lo, j, out);
        return;
    }
    /* "X and told ...", "Benning shook her head when told of his remark": the verb's subject
     * is the clause's */
    if (q_weq(cx, j, "and") || q_weq(cx, j, "but") || q_weq(cx, j, "or") ||
        ((q_weq(cx, j, "when") || q_weq(cx, j, "while") || q_weq(cx, j, "after") ||
          q_weq(cx, j, "before") || q_weq(cx, j, "if") || q_weq(cx, j, "once") ||
          q_weq(cx, j, "until") || q_weq(cx, j, "unless")) &&
         !cx->tok[j].cap)) {
        *elided = 1;
        return;
    }
    for (k = j; k > lo && !q_clause_boundary(cx, k - 1); k--)
        ;
    q_classify(cx, k, j + 1, out);
}

/* ---- history of speakers ---- */

static int q_hist_push(struct qcx *cx, size_t tok, const struct qspk *spk)
{
    struct qhist *h;

    if (q_grow((void **)&cx->hist, &cx->caphist, cx->nhist + 1, sizeof *cx->hist) != 0) {
        cx->oom = 1; /* sticky: checked once per quote */
        return -1;
    }
    h = &cx->hist[cx->nhist++];
    h->tok = tok;
    h->para = cx->tok[tok].para;
    h->spk = *spk;
    return 0;
}

/* The latest speaker known in paragraph p before token `before`; with_none: also an
 * abstention. NULL when none. */
static const struct qhist *q_hist_latest(const struct qcx *cx, size_t p, size_t before,
                                         int with_none)
{
    const struct qhist *best = NULL;

    /* entries come in text order, give or take one sentence (a cue after its quote is
     * resolved with the quote), so the search stops two paragraphs back */
    for (size_t k = cx->nhist; k-- > 0;) {
        const struct qhist *h = &cx->hist[k];
        if (h->para + 2 < p)
            break;
        if (h->para != p || h->tok >= before || (!with_none && h->spk.kind == SPK_NONE))
            continue;
        if (!best || h->tok > best->tok)
            best = h;
    }
    return best;
}

/* ---- speech cues ---- */

static const char *const q_passive_aux[] = {"was", "were", "is",  "are", "be",
                                            "been", "being", "get", "got", NULL};
static const char *const q_aux[] = {"did", "does", "do",    "will",   "would", "could",
                                    "can", "may",  "might", "should", "must",  NULL};
static const char *const q_part_before[] = {"and",  "before", "after", "while",   "then",
                                            "also", "by",     "when",  "without", NULL};

/* "The readout quoted Mr. Motegi as telling ...", "Kyodo cited her as saying", "he was quoted
 * as saying": for the participle at token v after "as", the token after the quoting verb (v - 1
 * when the verb is passive: the sentence's subject is the one quoted), or QNONE when v is not
 * in such a frame. */
static size_t q_quoted_as(const struct qcx *cx, size_t v)
{
    static const char *const quoting[] = {"quoted", "quotes", "quoting", "cited",
                                          "cites",  "citing", NULL};

    if (v < 2 || !q_weq(cx, v - 1, "as") || cx->tok[v - 1].para != cx->tok[v].para)
        return QNONE;
    for (size_t k = v - 1; k-- > 0 && k + 12 > v;) {
        const struct qtok *t = &cx->tok[k];
        if (t->para != cx->tok[v].para || t->kind == QT_DQ || t->quote != QNONE ||
            q_terminal_at(cx, k) || q_is_punct(cx, k, ';') || q_is_punct(cx, k, ':'))
            return QNONE;
        if (t->mention == QNONE && !t->cap && q_win(cx, k, quoting)) {
            if (q_weq(cx, k + 1, "by") ||
                (k > 0 && (q_weq(cx, k - 1, "was") || q_weq(cx, k - 1, "were") ||
                           q_weq(cx, k - 1, "is") || q_weq(cx, k - 1, "are") ||
                           q_weq(cx, k - 1, "been") || q_weq(cx, k - 1, "being"))))
                return v - 1; /* passive: "X was quoted (by Kyodo) as saying" is X's */
            return k + 1;
        }
        if (t->mention == QNONE && !t->cap && q_win(cx, k, q_clause_words))
            return QNONE;
    }
    return QNONE;
}

static int q_find_events(struct qcx *cx)
{
    for (size_t i = 0; i < cx->ntok; i++) {
        const struct qtok *t = &cx->tok[i];
        const struct qcue *c;
        size_t prev = i > 0 && cx->tok[i - 1].para == t->para ? i - 1 : QNONE;
        struct qevent *e;

        if (t->kind != QT_WORD || t->quote != QNONE || t->mention != QNONE)
            continue;
        c = q_cue_of(cx, i);
        if (!c || (t->cap && !(c->flags & CUE_ACCORD)))
            continue;
        if (prev != QNONE && (q_win(cx, prev, q_determiners) || q_is_possessive(cx, prev)))
            continue; /* a noun: "a warning", "the statement" */
        if ((c->flags & CUE_ACCORD) && !q_weq(cx, i + 1, "to"))
            continue;
        if (c->flags & CUE_BASE) {
            size_t j = prev;
            if (j != QNONE && q_weq(cx, j, "not") && j > 0)
                j--;
            if (j == QNONE || !q_win(cx, j, q_aux))
                continue;
        }
        if ((c->flags & CUE_PART) &&
            (prev == QNONE || !(q_is_punct(cx, prev, ',') || q_win(cx, prev, q_part_before) ||
                                q_quoted_as(cx, i) != QNONE)))
            continue;
        if (q_grow((void **)&cx->ev, &cx->capev, cx->nev + 1, sizeof *cx->ev) != 0)
            return -1;
        e = &cx->ev[cx->nev];
        memset(e, 0, sizeof *e);
        e->tok = i;
        e->flags = c->flags;
        q_spk_none(&e->spk);
        cx->tok[i].event = cx->nev++;
    }
    return 0;
}

/* The first token of the frame token v reports in: its sentence's start, after a dateline
 * ("WASHINGTON — A report ..., urged ...": a dateline names where, never who). Quotes inside
 * the frame stay in it (a term can sit in the subject: Mizuno, whose party favors a smaller
 * "host nation support" budget, told ...); noun phrases never include quoted words. */
static size_t q_frame_lo(const struct qcx *cx, size_t v)
{
    return q_skip_dateline(cx, q_sent_start(cx, v), v);
}

static void q_resolve_pronoun(struct qcx *cx, size_t ptok, struct qspk *io);
static int q_resolve_event(struct qcx *cx, size_t e);

/* Speaker of the clause an elided subject or a participle hangs on: an earlier cue of the
 * same sentence, else the sentence's subject. */
static int q_clause_speaker(struct qcx *cx, size_t v, struct qspk *out)
{
    size_t ss = q_sent_start(cx, v);

    for (size_t k = v; k-- > ss;) {
        size_t e = cx->tok[k].event;
        if (e == QNONE || cx->tok[k].quote != QNONE)
            continue;
        if (q_resolve_event(cx, e) != 0)
            return -1;
        if (cx->ev[e].spk.kind != SPK_NONE) {
            *out = cx->ev[e].spk;
            out->elided = 1;
            return 0;
        }
    }
    q_sentence_subject(cx, ss, v, out);
    if (out->kind == SPK_PRONOUN)
        q_resolve_pronoun(cx, out->w0, out);
    if (out->kind != SPK_NONE)
        out->elided = 1;
    return 0;
}

/* The noun phrase right after token v: "said Fumio Kishida, the ...", "according to X". */
static void q_np_after(const struct qcx *cx, size_t v, struct qspk *out)
{
    size_t a = v + 1, k, se = q_sent_end(cx, v);

    for (k = a; k < se; k++) {
        const struct qtok *t = &cx->tok[k];
        if (t->kind == QT_DQ || t->quote != QNONE || q_is_punct(cx, k, ',') ||
            q_is_punct(cx, k, ';') || q_is_punct(cx, k, ':') || q_terminal_at(cx, k))
            break;
        if (k > a && t->mention == QNONE && q_is_lower_word(cx, k) &&
            (q_win(cx, k, q_clause_words) || q_is_cue_verb(cx, k)))
            break;
    }
    q_classify(cx, a, k, out);
    /* "asked the moderator, Daniel Kessler, a former aide": a singular role, or a role the
     * lexicon does not know, with a name in apposition is that person */
    if (k < se && ((out->kind == SPK_UNNAMED && !out->plural) ||
                   (out->kind == SPK_NONE && !out->unknown_name && k > a + 1 &&
                    q_win(cx, a, q_determiners)))) {
        size_t n = q_apposed_person(cx, k, se);
        if (n != QNONE) {
            q_spk_mention(cx, out, cx->tok[n].mention, n);
            out->d0 = out->d1 = QNONE; /* named: no description */
        }
    }
}

static int q_resolve_event(struct qcx *cx, size_t e)
{
    struct qevent *ev = &cx->ev[e];
    size_t v = ev->tok, j, lo;
    struct qspk spk;
    int elided = 0;

    if (ev->state != 0)
        return 0; /* resolved, or being resolved (a cycle): keep what is there */
    ev->state = 1;
    q_spk_none(&spk);
    lo = q_frame_lo(cx, v);
    if (ev->flags & CUE_ACCORD) {
        q_np_after(cx, v + 1, &spk);
    } else if (ev->flags & CUE_PART) {
        size_t q = q_quoted_as(cx, v);
        if (q != QNONE && q + 1 < v)
            q_classify(cx, q, v - 1, &spk); /* the one quoted, not who quotes him */
        else if (q_clause_speaker(cx, v, &spk) != 0)
            return -1;
    } else {
        /* "Q," said X / "Q?" asked X: the verb right after the quote */
        int inverted = 0;
        size_t pf = cx->para_first[cx->tok[v].para];
        for (j = v; j > pf;) {
            j--;
            if (!q_win(cx, j, q_skip_before_verb) && !q_is_ly(cx, j))
                break;
        }
        if (j < v) {
            const struct qtok *t = &cx->tok[j];
            if (t->kind == QT_DQ || t->quote != QNONE ||
                (q_is_punct(cx, j, ',') && j > 0 && cx->tok[j - 1].quote != QNONE))
                inverted = 1;
        }
        if (inverted) {
            if (ev->flags & CUE_INVERT)
                q_np_after(cx, v, &spk);
        } else if (j < v && q_win(cx, j, q_passive_aux) && !cx->tok[j].cap) {
            /* "Conroy was asked whether ...": the subject is the one asked or told, and who
             * asked is not said */
        } else {
            q_subject_before(cx, v, lo, &spk, &elided);
            if (elided && q_clause_speaker(cx, v, &spk) != 0)
                return -1;
        }
    }
    if (spk.kind == SPK_PRONOUN)
        q_resolve_pronoun(cx, spk.w0, &spk);
    ev = &cx->ev[e]; /* q_clause_speaker may have resolved others; ev stays valid */
    ev->spk = spk;
    ev->state = 2;
    if ((spk.kind != SPK_NONE || spk.unknown_name) && q_hist_push(cx, v, &spk) != 0)
        return -1;
    return 0;
}

/* ---- pronouns ---- */

/* 2: fits; 1: may fit (gender unknown); 0: does not fit; -1: a person of the other gender. */
static int q_compat(const struct qspk *s, char want)
{
    switch (want) {
    case 'm':
    case 'f':
        if (s->kind == SPK_PERSON)
            return s->gender == want ? 2 : s->gender == 0 ? 1 : -1;
        if (s->kind == SPK_UNNAMED)
            return s->plural ? 0 : 1;
        return 0;
    case 'i':
        return (s->kind == SPK_ORG && !s->plural) || s->kind == SPK_DOC ? 2 : 0;
    case 'p':
        if (s->kind == SPK_UNNAMED)
            return s->plural ? 2 : 0;
        return s->kind == SPK_ORG ? 1 : 0;
    default:
        return 0;
    }
}

static int q_person_before(const struct qcx *cx, size_t from, size_t to)
{
    if (to > from + QLOOK_MAX)
        from = to - QLOOK_MAX;
    for (size_t k = from; k < to; k++)
        if (cx->tok[k].mention != QNONE && cx->tok[k].quote == QNONE &&
            q_mtype(cx, cx->tok[k].mention) == INGEST_ENT_PERSON)
            return 1;
    return 0;
}

/* The mention at token k is the object of a speech verb: "told Mr. Abe", "urged Kishida". */
static int q_cue_object(const struct qcx *cx, size_t k)
{
    static const char *const tell[] = {"told",     "tells",  "tell",    "telling",    "urged",
                                       "urges",    "urging", "asked",   "asks",       "asking",
                                       "warned",   "warns",  "warning", "questioned", "assured",
                                       "reminded", NULL};
    size_t f = q_mention_first_tok(cx, k), v;

    if (f >= 2 && q_is_punct(cx, f - 1, '.') && q_is_abbrev(cx, f - 2))
        f -= 2; /* "told Mr. Abe" when the mention is "Abe" */
    if (f == 0 || !q_win(cx, f - 1, tell))
        return 0;
    v = f - 1;
    /* not "Q," asked Rubio: there the name is the speaker */
    return !(v > 0 && (cx->tok[v - 1].kind == QT_DQ || cx->tok[v - 1].quote != QNONE ||
                       (q_is_punct(cx, v - 1, ',') && v > 1 && cx->tok[v - 2].quote != QNONE)));
}

/* A person other than spk, of the gender wanted or of unknown gender, named outside quotes
 * in tokens (from, to): then a pronoun after them could mean either. */
static int q_other_fitting_person(const struct qcx *cx, size_t from, size_t to,
                                  const struct qspk *spk, char want)
{
    const char *id = spk->mention != QNONE ? cx->ments[spk->mention].entity_id : NULL;

    if (want != 'm' && want != 'f')
        return 0;
    if (to > from + QLOOK_MAX)
        from = to - QLOOK_MAX;
    for (size_t k = from + 1; k < to && k < cx->ntok; k++) {
        size_t m = cx->tok[k].mention;
        if (m == QNONE || cx->tok[k].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_PERSON)
            continue;
        if (id && strcmp(cx->ments[m].entity_id, id) == 0)
            continue;
        if (q_cue_object(cx, k))
            continue; /* "he had told Mr. Abe": the one told is not the next speaker */
        if (cx->ment_gender[m] == want || cx->ment_gender[m] == 0)
            return 1;
    }
    return 0;
}

/* Another person than spk in tokens [from, to) who could be the one a pronoun means: of the
 * gender wanted, or of unknown gender and not a possessive ("asked about Lin's remarks"). */
static int q_other_subject_like(const struct qcx *cx, size_t from, size_t to,
                                const struct qspk *spk, char want)
{
    const char *id = spk->mention != QNONE ? cx->ments[spk->mention].entity_id : NULL;

    for (size_t k = from; k < to && k < cx->ntok; k++) {
        size_t m = cx->tok[k].mention, e;
        const char *after;
        if (m == QNONE || cx->tok[k].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_PERSON)
            continue;
        if (id && strcmp(cx->ments[m].entity_id, id) == 0)
            continue;
        if (cx->ment_gender[m] == want)
            return 1;
        if (cx->ment_gender[m] != 0)
            continue;
        e = cx->ments[m].clean.end;
        after = cx->text + e;
        if ((e + 2 <= cx->len && !memcmp(after, "'s", 2)) ||
            (e + 4 <= cx->len && !memcmp(after, "\xE2\x80\x99s", 4)))
            continue;
        return 1;
    }
    return 0;
}

/* Another person who fits the pronoun spoke in paragraph p besides spk. */
static int q_other_speaker(const struct qcx *cx, size_t p, const struct qspk *spk, char want)
{
    const char *id = spk->mention != QNONE ? cx->ments[spk->mention].entity_id : NULL;

    for (size_t k = cx->nhist; k-- > 0;) {
        const struct qspk *o = &cx->hist[k].spk;
        if (cx->hist[k].para + 2 < p)
            break;
        if (cx->hist[k].para != p || o->kind != SPK_PERSON || q_compat(o, want) < 1)
            continue;
        if (!id || o->mention == QNONE || strcmp(cx->ments[o->mention].entity_id, id) != 0)
            return 1;
    }
    return 0;
}

/* Someone the entity stage did not see spoke in paragraph p between tokens from and to. */
static int q_unknown_between(const struct qcx *cx, size_t p, size_t from, size_t to)
{
    for (size_t k = cx->nhist; k-- > 0;) {
        const struct qhist *h = &cx->hist[k];
        if (h->para + 2 < p)
            break;
        if (h->para == p && h->spk.kind == SPK_NONE && h->spk.unknown_name &&
            (from == QNONE || h->tok > from) && h->tok < to)
            return 1;
    }
    return 0;
}

static int q_is_question_cue(const struct qcx *cx, size_t i)
{
    return cx->tok[i].event != QNONE &&
           (q_weq(cx, i, "asked") || q_weq(cx, i, "asks") || q_weq(cx, i, "questioned"));
}

static int q_has_narrative(const struct qcx *cx, size_t p) { return cx->para_narr[p]; }

/* The sentence from token s has two people joined by "and" as its subject, each of whom a
 * pronoun of gender want could mean ("Motegi and Mr. Kihara were both asked ..."): a "he"
 * after it does not say which. */
static int q_pair_subject(const struct qcx *cx, size_t s, size_t limit, char want)
{
    size_t a, e, n;
    struct qspk x, y;

    if (want != 'm' && want != 'f')
        return 0;
    a = q_subject_start(cx, s, limit);
    if (a >= limit)
        return 0;
    e = q_np_run(cx, a, limit);
    if (e <= a || e + 1 >= limit || !q_weq(cx, e, "and"))
        return 0;
    n = e + 1; /* the second name right after "and", with the honorific the mention left out */
    if (n + 2 < limit && q_is_abbrev(cx, n) && q_is_punct(cx, n + 1, '.'))
        n += 2;
    if (cx->tok[n].mention == QNONE || cx->tok[n].quote != QNONE ||
        q_mtype(cx, cx->tok[n].mention) != INGEST_ENT_PERSON ||
        q_mention_possessive(cx, q_mention_last_tok(cx, n)))
        return 0; /* not "Arai and Tanabe's aides" */
    q_classify(cx, a, e, &x);
    q_spk_mention(cx, &y, cx->tok[n].mention, n);
    if (x.kind != SPK_PERSON || q_compat(&x, want) < 1 || q_compat(&y, want) < 1)
        return 0;
    return strcmp(cx->ments[x.mention].entity_id, cx->ments[y.mention].entity_id) != 0;
}

/* The one asked in the sentence [s, e), when a he/she (want) after it can mean only that one:
 * "I once asked an American general what it meant", "Reporters asked Ms. Ueda about it",
 * "We asked a pilot the same question". Sets *out; 0 when the sentence asks no one who fits. */
static int q_asked_one(const struct qcx *cx, size_t s, size_t e, char want, struct qspk *out)
{
    static const char *const wh[] = {"what", "whether", "why", "how", "if", "when", "where",
                                     "who", NULL};

    for (size_t k = s; k < e; k++) {
        size_t a = k + 1, b;
        if (cx->tok[k].quote != QNONE || !q_is_question_cue(cx, k))
            continue;
        if (k > s && q_win(cx, k - 1, q_passive_aux))
            return 0; /* "X was asked": X is the one asked, and the subject */
        b = q_np_run(cx, a, e);
        for (size_t j = a + 1; j < b; j++)
            if (cx->tok[j].mention == QNONE && !cx->tok[j].cap &&
                (q_win(cx, j, q_determiners) || q_win(cx, j, wh))) {
                b = j; /* the second object, or the question: "the same question", "what" */
                break;
            }
        if (b <= a)
            return 0;
        q_classify(cx, a, b, out);
        if ((out->kind == SPK_UNNAMED && !out->plural) ||
            (out->kind == SPK_PERSON && q_compat(out, want) >= 1))
            return !q_other_subject_like(cx, out->w1, e, out, want);
        return 0;
    }
    return 0;
}

/* A person other than spk whose gender is known to be want, named outside quotes in tokens
 * [from, to). */
static int q_gendered_other(const struct qcx *cx, size_t from, size_t to, const struct qspk *spk,
                            char want)
{
    const char *id = spk->mention != QNONE ? cx->ments[spk->mention].entity_id : NULL;

    for (size_t k = from; k < to && k < cx->ntok; k++) {
        size_t m = cx->tok[k].mention;
        if (m == QNONE || cx->tok[k].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_PERSON ||
            cx->ment_gender[m] != want)
            continue;
        if (!id || strcmp(cx->ments[m].entity_id, id) != 0)
            return 1;
    }
    return 0;
}

/* The nearest person a he/she (want) at token ptok can mean, looking back three paragraphs:
 * the nearest of that gender, or the nearest of unknown gender when no one else on the way
 * back fits ("Gov. Denny Tamaki ... [a woman speaks] ... "Q," he said"). Not when the person
 * is one of two named together, or when someone the entity stage missed spoke since. Sets
 * *out and *conf; 0 when unsure. */
static int q_nearest_person(const struct qcx *cx, size_t ptok, char want, struct qspk *out,
                            double *conf)
{
    size_t p = cx->tok[ptok].para, stop = cx->para_first[p > 3 ? p - 3 : 0], k, pick = QNONE;

    if (ptok > stop + QLOOK_MAX)
        stop = ptok - QLOOK_MAX;
    for (k = ptok; k-- > stop;) {
        size_t m = cx->tok[k].mention;
        char g;
        if (m == QNONE || cx->tok[k].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_PERSON)
            continue;
        g = cx->ment_gender[m];
        if (g != 0 && g != want) {
            k = q_mention_first_tok(cx, k);
            continue;
        }
        if (pick != QNONE) {
            if (strcmp(cx->ments[m].entity_id, cx->ments[cx->tok[pick].mention].entity_id) != 0)
                return 0; /* the nearer one's gender is unknown, and this one fits too */
            k = q_mention_first_tok(cx, k);
            continue;
        }
        pick = k;
        if (g == want)
            break;
        k = q_mention_first_tok(cx, k); /* unknown gender: fits only if no one else does */
    }
    if (pick == QNONE)
        return 0;
    {
        size_t ks = q_sent_start(cx, pick);
        if (q_pair_subject(cx, ks, q_sent_end(cx, ks), want))
            return 0; /* the nearest is one of two named together */
    }
    for (size_t pp = cx->tok[pick].para; pp <= p; pp++)
        if (q_unknown_between(cx, pp, pp == cx->tok[pick].para ? pick : QNONE, ptok))
            return 0;
    q_spk_mention(cx, out, cx->tok[pick].mention, pick);
    *conf = cx->ment_gender[cx->tok[pick].mention] == want ? 0.7 : 0.6;
    return 1;
}

/* Resolves he/she/it/they at token ptok to a speaker, in order: the subject of the same
 * sentence, the paragraph's latest speaker, the person the paragraph is about, the previous
 * paragraph's latest speaker, the nearest person of the same gender. A paragraph speaker of
 * the other gender, or two people who fit named together as a subject ("X and Y were both
 * asked"), means the text is unsure: no speaker. */
static void q_resolve_pronoun(struct qcx *cx, size_t ptok, struct qspk *io)
{
    char want = io->gender;
    size_t w0 = io->w0, w1 = io->w1, p = cx->tok[ptok].para, ss;
    struct qspk cand;
    const struct qhist *h;
    int found = 0, c;
    enum qhow how = HOW_PRONOUN_PARA;
    double conf = 0.8;

    q_spk_none(io);
    if (want != 'm' && want != 'f' && want != 'i' && want != 'p')
        return;
    /* (a) the subject of the same sentence: "Hashimoto thinks ..., and he noted" */
    ss = q_sent_start(cx, ptok);
    q_sentence_subject(cx, ss, ptok, &cand);
    if (cand.unknown_name && cand.w1 <= ptok && (want == 'm' || want == 'f'))
        return; /* "Hideki Saito, ..., and he": a name the entity stage missed */
    if (cand.kind != SPK_NONE && cand.kind != SPK_PRONOUN && cand.w1 <= ptok) {
        c = q_compat(&cand, want);
        if (c == 2 || (c == 1 && cand.kind == SPK_UNNAMED))
            found = 1;
    }
    /* (a') "Sato nodded. "Q," she said": a narrative sentence about one person, right
     * before the sentence the quote opens, introduces its speaker */
    if (!found && (want == 'm' || want == 'f') && ss > cx->para_first[p] &&
        cx->tok[ss].kind == QT_DQ) {
        size_t ps = q_sent_start(cx, ss - 1);
        int narrative = 1;
        for (size_t k = ps; k < ss; k++)
            if (cx->tok[k].kind == QT_DQ || cx->tok[k].quote != QNONE)
                narrative = 0;
        if (narrative && q_pair_subject(cx, ps, ss, want))
            return; /* "X and Y were both asked. "Q," he said": either of them */
        if (narrative) {
            struct qspk prev;
            q_sentence_subject(cx, ps, ss, &prev);
            /* "A member of the party, Kazuko Yonamine, pressed ...": the name in apposition */
            if (prev.kind == SPK_UNNAMED) {
                size_t k = ps;
                while (k + 2 < ss && !q_is_punct(cx, k, ',') &&
                       (cx->tok[k].mention == QNONE ||
                        q_mtype(cx, cx->tok[k].mention) != INGEST_ENT_PERSON))
                    k++;
                if (k + 2 < ss && q_is_punct(cx, k, ',') && cx->tok[k + 1].mention != QNONE &&
                    q_mtype(cx, cx->tok[k + 1].mention) == INGEST_ENT_PERSON &&
                    q_is_punct(cx, q_mention_last_tok(cx, k + 1) + 1, ','))
                    q_spk_mention(cx, &prev, cx->tok[k + 1].mention, k + 1);
            }
            c = prev.kind == SPK_PERSON ? q_compat(&prev, want) : 0;
            if (c >= 1 && !q_other_subject_like(cx, ps, ss, &prev, want)) {
                cand = prev;
                found = 1;
                conf = c == 2 ? 0.75 : 0.65; /* of unknown gender, but the only one it can be */
            } else if (c < 1 && q_asked_one(cx, ps, ss, want, &prev)) {
                cand = prev; /* "I asked a general what it meant. "Q," he said" */
                found = 1;
                conf = 0.7;
            }
        }
    }
    /* (b') "A reporter asked Rubio about tariffs. "Q," he said": the one asked answers */
    if (!found && (h = q_hist_latest(cx, p, ptok, 0)) != NULL && q_is_question_cue(cx, h->tok)) {
        size_t o = h->tok + 1, m = o < cx->ntok ? cx->tok[o].mention : QNONE;
        if (m != QNONE && q_mtype(cx, m) == INGEST_ENT_PERSON && cx->ment_gender[m] == want &&
            !q_other_fitting_person(cx, q_mention_last_tok(cx, o), ptok, &h->spk, want)) {
            q_spk_mention(cx, &cand, m, o);
            found = 1;
        }
    }
    /* (b) the paragraph's latest speaker, unless someone else who fits was named since */
    if (!found && (h = q_hist_latest(cx, p, ptok, 0)) != NULL) {
        c = q_compat(&h->spk, want);
        if (c == -1)
            return;
        if (c >= 1) {
            if (q_other_fitting_person(cx, h->tok, ptok, &h->spk, want) ||
                q_unknown_between(cx, p, h->tok, ptok))
                return;
            cand = h->spk;
            found = 1;
            if (c == 1 && h->spk.kind == SPK_PERSON)
                conf = 0.65;
        }
    }
    /* (c) the person (or body) the paragraph is about */
    if (!found && ptok >= q_sent_end(cx, cx->para_first[p]) &&
        !q_pair_subject(cx, cx->para_first[p], cx->para_end[p], want)) {
        q_sentence_subject(cx, cx->para_first[p], cx->para_end[p], &cand);
        if (cand.unknown_name && (want == 'm' || want == 'f'))
            return; /* the paragraph is about someone unrecognized */
        if (cand.kind != SPK_NONE && cand.kind != SPK_PRONOUN) {
            c = q_compat(&cand, want);
            if (c == 2) {
                found = 1;
            } else if (c == 1 && cand.kind == SPK_PERSON &&
                       !q_other_fitting_person(cx, cand.w0, ptok, &cand, want) &&
                       !q_other_fitting_person(cx, cx->para_first[p], cand.w0, &cand, want)) {
                found = 1; /* gender unknown, but the only person the paragraph names */
                conf = 0.65;
            }
        }
    }
    /* (d) the previous paragraph's latest speaker (paragraphs inside a quote are skipped) */
    if (!found && ((want != 'm' && want != 'f') || !q_person_before(cx, cx->para_first[p], ptok))) {
        for (size_t pp = p; pp-- > 0;) {
            if (!q_has_narrative(cx, pp))
                continue; /* inside a quote running over paragraphs */
            h = q_hist_latest(cx, pp, cx->para_end[pp], 0);
            if (h && (c = q_compat(&h->spk, want)) >= 1) {
                if (q_other_fitting_person(cx, h->tok, cx->para_end[pp], &h->spk, want) ||
                    q_other_speaker(cx, pp, &h->spk, want) ||
                    q_unknown_between(cx, pp, QNONE, cx->para_end[pp]))
                    return;
                /* a speaker of unknown gender, and someone who is a he/she named shortly
                 * before: either can be meant */
                if (c == 1 && h->spk.kind == SPK_PERSON &&
                    q_gendered_other(cx, cx->para_first[p > 3 ? p - 3 : 0], ptok, &h->spk, want))
                    return;
                cand = h->spk;
                found = 1;
                conf = c == 2 ? 0.75 : 0.65;
            }
            break; /* only the paragraph right before */
        }
    }
    /* (e) the nearest person of the same gender, or of unknown gender when no one else fits */
    if (!found && (want == 'm' || want == 'f') && q_nearest_person(cx, ptok, want, &cand, &conf)) {
        found = 1;
        how = HOW_NEAREST;
    }
    if (!found)
        return;
    *io = cand;
    io->w0 = w0;
    io->w1 = w1;
    if (cand.kind == SPK_PERSON)
        io->how = how;
    io->conf = conf;
}

/* ---- classifying a quote ---- */

enum qpos { POS_NONE = 0, POS_BEFORE, POS_AFTER, POS_COLON, POS_ACCORD };

struct qattr {
    enum ingest_statement_kind kind;
    struct qspk spk;
    size_t cue0, cue1; /* cue tokens [cue0, cue1), cue0 QNONE: none */
    enum qpos pos;
};

/* The content tokens of span s: [*a, *b). */
static void q_span_tokens(const struct qcx *cx, size_t s, size_t *a, size_t *b)
{
    const struct qspan *sp = &cx->spans[s];

    *a = sp->open_tok + 1;
    *b = sp->close_tok != QNONE ? sp->close_tok : sp->after_tok;
    if (*b > cx->ntok)
        *b = cx->ntok;
    /* a repaired quote ends at its cut: drop the cut comma */
    while (*b > *a && cx->tok[*b - 1].quote != s)
        (*b)--;
}

static size_t q_span_words(const struct qcx *cx, size_t s)
{
    size_t a, b, n = 0;

    q_span_tokens(cx, s, &a, &b);
    for (size_t k = a; k < b; k++)
        if (cx->tok[k].kind == QT_WORD && !q_is_possessive(cx, k))
            n++;
    return n;
}

static int q_has_upper_inside(const struct qcx *cx, size_t k)
{
    const char *s = cx->text + cx->tok[k].start;
    size_t n = q_tlen(cx, k);

    for (size_t i = 0; i < n; i++)
        if (s[i] == '-' || s[i] == '+' || (s[i] >= '0' && s[i] <= '9') ||
            (i > 0 && s[i] >= 'A' && s[i] <= 'Z'))
            return 1;
    return 0;
}

/* A title or name in title case: "Japan-U.S. Security Treaty", "Blue Team", "2+2". */
static int q_title_case(const struct qcx *cx, size_t s)
{
    size_t a, b, words = 0, nonminor = 0, special = 0;

    q_span_tokens(cx, s, &a, &b);
    for (size_t k = a; k < b; k++) {
        const struct qtok *t = &cx->tok[k];
        if (t->kind == QT_PUNCT && (t->punct == '?' || t->punct == '!'))
            return 0;
        if (t->kind != QT_WORD || q_is_possessive(cx, k))
            continue;
        words++;
        if (!t->cap && !t->digit && q_win(cx, k, q_title_minor))
            continue;
        nonminor++;
        if (!t->cap && !t->digit)
            return 0;
        if (q_has_upper_inside(cx, k) || t->digit)
            special = 1;
    }
    if (nonminor == 0 || words > 8)
        return 0;
    if (b > a && q_is_punct(cx, b - 1, '.') && words > 4)
        return 0;
    return nonminor >= 2 || special;
}

/* A word that reads as a verb in the third person: "continues", "remains" (not "talks"
 * after a one-word modifier: the caller only asks after several words). */
static int q_is_verb_s(const struct qcx *cx, size_t i)
{
    size_t n = q_tlen(cx, i);
    const char *w = cx->text + cx->tok[i].start;

    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i';
}

/* The same short quote appears elsewhere in the text: a catchphrase, not one speaker's
 * words ("deepen the Japan-U.S. alliance" twice in one article). */
static int q_repeated(const struct qcx *cx, size_t s)
{
    const struct qspan *sp = &cx->spans[s];
    size_t n;

    if (sp->nseg != 1 || q_span_words(cx, s) > 6)
        return 0;
    n = sp->seg[0].end - sp->seg[0].start;
    for (size_t k = 0; k < cx->nspan; k++) {
        const struct qspan *o = &cx->spans[k];
        if (k == s || o->nseg != 1 || o->seg[0].end - o->seg[0].start != n)
            continue;
        if (memcmp(cx->text + o->seg[0].start, cx->text + sp->seg[0].start, n) == 0)
            return 1;
    }
    return 0;
}

/* 2: a name or title for sure (so-called, the word, title case); 1: used as a modifier
 * ("one-China" policy); 0: neither. */
static int q_term_hint(const struct qcx *cx, size_t s)
{
    const struct qspan *sp = &cx->spans[s];
    size_t o = sp->open_tok, a, b, n;

    if (o > 0 && cx->tok[o - 1].para == cx->tok[o].para) {
        size_t k = o - 1;
        if (q_win(cx, k, q_determiners) && k > 0)
            k--;
        if (q_win(cx, k, q_naming_words) && !cx->tok[k].cap)
            return 2;
        if (q_weq(cx, k, "as") && k > 0 && q_weq(cx, k - 1, "known"))
            return 2;
    }
    if (q_title_case(cx, s))
        return 2;
    if (q_repeated(cx, s))
        return 1;
    q_span_tokens(cx, s, &a, &b);
    n = sp->after_tok;
    if (sp->close_tok == QNONE || n >= cx->ntok || cx->tok[n].para != cx->tok[o].para)
        return 0;
    for (size_t k = a; k < b; k++)
        if (cx->tok[k].kind == QT_PUNCT && cx->tok[k].punct && strchr(".!?,;:", cx->tok[k].punct))
            return 0;
    if (q_span_words(cx, s) <= 3 && q_is_lower_word(cx, n) && !q_win(cx, n, q_function_words) &&
        !q_win(cx, n, q_np_stop) && !q_is_ly(cx, n) && !q_cue_of(cx, n) &&
        !q_is_possessive(cx, n) && cx->tok[n].mention == QNONE &&
        !(q_span_words(cx, s) > 1 && q_is_verb_s(cx, n)))
        return 1; /* "one-China" policy; not: the "close relationship" continues */
    return 0;
}

static int q_sentence_like(const struct qcx *cx, size_t s)
{
    size_t a, b;

    if (q_span_words(cx, s) >= 4)
        return 1;
    q_span_tokens(cx, s, &a, &b);
    while (a < b && cx->tok[a].kind != QT_WORD)
        a++;
    return a < b && cx->tok[a].cap && b > a && cx->tok[b - 1].kind == QT_PUNCT &&
           cx->tok[b - 1].punct && strchr(".!?", cx->tok[b - 1].punct);
}

/* Words that open a clause with its own subject inside a sentence. */
static const char *const q_subordinators[] = {"before", "after", "when", "while", "as",
                                              "until",  "once",  "then", NULL};

/* A cue introducing the quote from the left: X said, "Q" / X told Y: "Q" / according to X,
 * "Q" / X said "Q". Returns 1 with *ev, 2 for a bare colon (*colon), 0 for none. */
static int q_lintro(const struct qcx *cx, size_t s, size_t *ev, size_t *colon)
{
    size_t o = cx->spans[s].open_tok, k = o, p = cx->tok[o].para, lo, words = 0;
    int sep;

    *ev = *colon = QNONE;
    if (o == cx->para_first[p] && p > 0 && cx->para_end[p - 1] > cx->para_first[p - 1] &&
        q_is_punct(cx, cx->para_end[p - 1] - 1, ':'))
        k = cx->para_end[p - 1]; /* the introduction ends the previous paragraph */
    if (k == 0)
        return 0;
    lo = cx->para_first[cx->tok[k - 1].para];
    if (q_is_punct(cx, k - 1, ':'))
        *colon = k - 1;
    sep = q_is_punct(cx, k - 1, ',') || q_is_punct(cx, k - 1, ':');
    for (size_t j = k; j > lo;) {
        j--;
        if (cx->tok[j].quote != QNONE || q_terminal_at(cx, j))
            break;
        if (cx->tok[j].event != QNONE) {
            if (j + 1 == k || sep) {
                *ev = cx->tok[j].event;
                return 1;
            }
            break;
        }
        if (q_weq(cx, j, "to") && j > 0 && q_weq(cx, j - 1, "according"))
            continue;
        if (q_win(cx, j, q_lintro_block) && !cx->tok[j].cap)
            break;
        if (*colon != QNONE && !cx->tok[j].cap && q_win(cx, j, q_subordinators)) {
            /* "X began, before Y cut in: "Q"": a clause with its own subject introduces the
             * quote, not the cue before it (but "she said after the signing: "Q"") */
            struct qspk c;
            q_sentence_subject(cx, j + 1, *colon, &c);
            if (c.kind == SPK_PERSON || c.kind == SPK_UNNAMED || c.kind == SPK_PRONOUN ||
                c.unknown_name)
                break;
        }
        if (cx->tok[j].kind == QT_WORD && ++words > 12)
            break;
    }
    return *colon != QNONE ? 2 : 0;
}

/* A cue reporting the quote from the right: "Q," X said / "Q," said X / "Q" in the region,
 * she said / "Q," according to X. Returns the event, or QNONE. */
static size_t q_rcue(const struct qcx *cx, size_t s)
{
    const struct qspan *sp = &cx->spans[s];
    size_t a = sp->after_tok, end, words = 0;

    if (a >= cx->ntok || cx->tok[a].para != sp->last_para)
        return QNONE;
    end = q_sent_end(cx, a);
    for (size_t k = a; k < end; k++) {
        if (cx->tok[k].kind == QT_DQ || cx->tok[k].quote != QNONE)
            break;
        if (cx->tok[k].event != QNONE) {
            if (cx->ev[cx->tok[k].event].flags & CUE_PART)
                break;
            return cx->tok[k].event;
        }
        if (q_win(cx, k, q_rframe_block) && !cx->tok[k].cap)
            break;
        if (cx->tok[k].kind == QT_WORD && ++words > 12)
            break;
    }
    return QNONE;
}

/* The verb at token v, right before a quote, heads a relative clause whose antecedent is a
 * document: "Article 9 of the Constitution, which renounces "..."", "the treaty that binds
 * "..."". Sets *out to the document; 0 when it is not. */
static int q_doc_relative(const struct qcx *cx, size_t v, size_t lo, struct qspk *out)
{
    size_t r = v, end, a;

    if (!q_is_lower_word(cx, v) || r <= lo)
        return 0;
    if (q_is_ly(cx, r - 1) && r - 1 > lo)
        r--; /* "which expressly renounces" */
    r--;
    if (!q_weq(cx, r, "which") && !q_weq(cx, r, "that"))
        return 0;
    if (cx->tok[r].cap || r <= lo)
        return 0;
    end = q_is_punct(cx, r - 1, ',') ? r - 1 : r;
    a = q_np_back(cx, end, lo);
    /* "Article 9 of its Constitution": the phrase goes on over "of" */
    if (a > lo + 1 && a < end && q_weq(cx, a - 1, "of")) {
        size_t a2 = q_np_back(cx, a - 1, lo);
        if (a2 < a - 1)
            a = a2;
    }
    if (a >= end)
        return 0;
    q_classify(cx, a, end, out);
    return out->kind == SPK_DOC;
}

/* The clause starting at token w is what a speech verb before it reports: "Teodoro told
 * reporters that [the pact would help "..."]" (the words are his, about the pact). Not
 * "According to an aide, the communique will": a source named aside leaves the clause the
 * document's. */
static int q_reported_clause(const struct qcx *cx, size_t w, size_t ss)
{
    size_t t = w;

    if (t == QNONE || t <= ss || !q_weq(cx, t - 1, "that") || cx->tok[t - 1].cap)
        return 0;
    for (size_t k = t - 1; k-- > ss && k + 8 > t;) {
        size_t e = cx->tok[k].event;
        if (cx->tok[k].quote != QNONE || q_is_punct(cx, k, ';') || q_is_punct(cx, k, ','))
            return 0;
        if (e != QNONE)
            return !(cx->ev[e].flags & CUE_ACCORD);
    }
    return 0;
}

/* The cue that governs a quote inside reported speech: Mr. Boucher said the view is not
 * entirely "rosy" / the statement will "encourage ...". Returns 1 with *out and *cue. */
static int q_govern(struct qcx *cx, size_t s, struct qspk *out, size_t *cue)
{
    size_t o = cx->spans[s].open_tok, ss = q_sent_start(cx, o), j = o;

    while (j > ss) {
        size_t e;
        j--;
        if (cx->tok[j].quote != QNONE) {
            j = cx->spans[cx->tok[j].quote].open_tok;
            continue;
        }
        if (q_is_punct(cx, j, ';') ||
            (q_win(cx, j, q_contrast_words) && !cx->tok[j].cap && cx->tok[j + 1].event == QNONE))
            break; /* "X called it "A," while a reviewer dismissed it as "B"": another clause */
        e = cx->tok[j].event;
        if (e != QNONE) {
            q_resolve_event(cx, e);
            if (cx->ev[e].spk.kind != SPK_NONE) {
                *out = cx->ev[e].spk;
                *cue = j;
                return 1;
            }
            continue;
        }
        if (j + 1 == o) {
            struct qspk c;
            if (q_doc_relative(cx, j, ss, &c)) {
                *out = c;
                *cue = QNONE;
                return 1;
            }
        }
        if (q_is_lower_word(cx, j) && q_win(cx, j, q_docverbs)) {
            struct qspk c;
            int elided;
            q_subject_before(cx, j, q_frame_lo(cx, j), &c, &elided);
            if (c.kind == SPK_PRONOUN && c.gender == 'i')
                q_resolve_pronoun(cx, c.w0, &c);
            if (c.kind == SPK_DOC && !q_reported_clause(cx, c.w0, ss)) {
                /* "the joint statement will "..."", even when an official reports it
                 * ("According to an official, ..."): the words are the document's */
                *out = c;
                *cue = j;
                return 1;
            }
        }
    }
    /* "The document also underscored "...": a document as the sentence's subject */
    {
        struct qspk c;
        q_sentence_subject(cx, ss, o, &c);
        if (c.kind == SPK_PRONOUN && c.gender == 'i')
            q_resolve_pronoun(cx, c.w0, &c);
        if (c.kind == SPK_DOC) {
            *out = c;
            *cue = QNONE;
            return 1;
        }
    }
    return 0;
}

/* A sentence framed by a document ("Under those laws, Japan may use force when an attack
 * "threatens ..."", "In the 1997 guidelines, ..."): words quoted in it with no cue are the
 * document's. Sets *out to the document for the quote opening at token o. */
static int q_intro_document(const struct qcx *cx, size_t o, struct qspk *out)
{
    static const char *const frames[] = {"under", "in", "per", "by", "according", NULL};
    size_t a = q_skip_dateline(cx, q_sent_start(cx, o), o), k;

    if (a >= o || !q_win(cx, a, frames) || cx->tok[a].mention != QNONE)
        return 0;
    if (q_weq(cx, a, "according") && !q_weq(cx, ++a, "to"))
        return 0;
    a++;
    for (k = a; k < o && !q_is_punct(cx, k, ','); k++)
        if (cx->tok[k].kind == QT_DQ || cx->tok[k].quote != QNONE || k > a + 8)
            return 0;
    if (k >= o)
        return 0;
    q_classify(cx, a, k, out);
    return out->kind == SPK_DOC;
}

/* Another person named, outside quotes, in tokens (from, to) than the speaker spk. */
static int q_other_person(const struct qcx *cx, size_t from, size_t to, const struct qspk *spk)
{
    const char *id = spk->mention != QNONE ? cx->ments[spk->mention].entity_id : NULL;

    if (to > from + QLOOK_MAX)
        return 1; /* too far to call it a continuation */
    for (size_t k = from + 1; k < to && k < cx->ntok; k++) {
        size_t m = cx->tok[k].mention;
        if (m == QNONE || cx->tok[k].quote != QNONE || q_mtype(cx, m) != INGEST_ENT_PERSON)
            continue;
        if (!id || strcmp(cx->ments[m].entity_id, id) != 0)
            return 1;
    }
    return 0;
}

/* A quote with no cue of its own that goes on from the speaker before it: in the same
 * paragraph, or opening the paragraph after the one where that speaker spoke. */
static int q_continuation(const struct qcx *cx, size_t s, struct qspk *out)
{
    size_t o = cx->spans[s].open_tok, p = cx->tok[o].para;
    const struct qhist *h = q_hist_latest(cx, p, o, 1);
    double conf = 0.85;

    if (!h && o == cx->para_first[p] && p > 0) {
        h = q_hist_latest(cx, p - 1, cx->para_end[p - 1], 1);
        conf = 0.75;
        if (h && q_other_person(cx, h->tok, cx->para_end[p - 1], &h->spk))
            return 0;
    } else if (h && q_other_person(cx, h->tok, o, &h->spk)) {
        return 0;
    }
    if (!h)
        return 0;
    *out = h->spk;
    if (out->kind == SPK_PERSON)
        out->how = HOW_CONTINUATION;
    if (out->kind != SPK_NONE)
        out->conf = out->conf > 0 && out->conf < conf ? out->conf : conf;
    return 1;
}

static void q_attr_cue(struct qattr *A, const struct qcx *cx, size_t tok)
{
    A->cue0 = tok;
    A->cue1 = tok == QNONE ? QNONE : tok + 1;
    if (tok != QNONE && q_weq(cx, tok, "according") && q_weq(cx, tok + 1, "to"))
        A->cue1 = tok + 2;
}

/* "Q: ..." / "A: "Q"": an answer line in an interview is the interviewee's, the last person
 * quoted in the paragraphs before it. Sets *out when it finds one. */
static void q_answer_line(const struct qcx *cx, size_t colon, struct qspk *out)
{
    size_t p = cx->tok[colon].para, f = cx->para_first[p];

    if (colon != f + 1 || q_tlen(cx, f) != 1 || cx->text[cx->tok[f].start] != 'A')
        return;
    for (size_t pp = p; pp-- > 0 && pp + 3 > p;) {
        const struct qhist *h = q_hist_latest(cx, pp, cx->para_end[pp], 0);
        if (h && h->spk.kind == SPK_PERSON) {
            *out = h->spk;
            out->how = HOW_CONTINUATION;
            out->conf = 0.7;
            return;
        }
    }
}

/* The subject of the clause a colon closes: the sentence's, or that of a clause after a
 * subordinator or ", and" ("Q --" Conroy began, before Marles cut in: "Q": Marles's). */
static void q_colon_subject(const struct qcx *cx, size_t colon, struct qspk *out)
{
    size_t ss = q_sent_start(cx, colon);

    for (size_t k = colon; k-- > ss + 1;) {
        struct qspk c;
        if (cx->tok[k].quote != QNONE || cx->tok[k].cap)
            continue;
        if (!q_win(cx, k, q_subordinators) &&
            !((q_weq(cx, k, "and") || q_weq(cx, k, "but")) && q_is_punct(cx, k - 1, ',')))
            continue;
        q_sentence_subject(cx, k + 1, colon, &c);
        if (c.kind != SPK_NONE || c.unknown_name) {
            *out = c;
            return;
        }
        break; /* "..., and then said:": the sentence's subject */
    }
    q_sentence_subject(cx, ss, colon, out);
}

/* Kind and speaker of span s: the sieve. */
static void q_attribute(struct qcx *cx, size_t s, struct qattr *A)
{
    const struct qspan *sp = &cx->spans[s];
    size_t o = sp->open_tok, ss = q_sent_start(cx, o), ev, colon, rc, cue;
    int hint = q_term_hint(cx, s), li, at_start = 1;

    memset(A, 0, sizeof *A);
    A->kind = INGEST_STMT_TERM;
    A->cue0 = A->cue1 = QNONE;
    q_spk_none(&A->spk);
    for (size_t k = ss; k < o; k++)
        if (cx->tok[k].kind == QT_WORD || cx->tok[k].kind == QT_DQ)
            at_start = 0;
    if (hint == 2)
        return;
    li = q_lintro(cx, s, &ev, &colon);
    if (li == 1) {
        q_resolve_event(cx, ev);
        A->spk = cx->ev[ev].spk;
        A->kind = INGEST_STMT_DIRECT;
        A->pos = (cx->ev[ev].flags & CUE_ACCORD) ? POS_ACCORD : POS_BEFORE;
        q_attr_cue(A, cx, cx->ev[ev].tok);
    } else if (li == 2 && !q_quote_ends_sentence(cx, s) && (rc = q_rcue(cx, s)) != QNONE) {
        /* "The message was blunt: "Q," the official said": the cue after wins, unless the
         * quote ends its sentence ("Marsh went first: "Q." Higa said he ...": that cue is
         * the next sentence's) */
        q_resolve_event(cx, rc);
        A->spk = cx->ev[rc].spk;
        A->kind = INGEST_STMT_DIRECT;
        A->pos = (cx->ev[rc].flags & CUE_ACCORD) ? POS_ACCORD : POS_AFTER;
        q_attr_cue(A, cx, cx->ev[rc].tok);
    } else if (li == 2) {
        q_colon_subject(cx, colon, &A->spk);
        if (A->spk.kind == SPK_NONE && !A->spk.unknown_name)
            q_possessive_speech(cx, q_sent_start(cx, colon), colon, &A->spk);
        if (A->spk.kind == SPK_PRONOUN)
            q_resolve_pronoun(cx, A->spk.w0, &A->spk);
        if (A->spk.kind == SPK_NONE && !A->spk.unknown_name)
            q_answer_line(cx, colon, &A->spk);
        A->kind = INGEST_STMT_DIRECT;
        A->pos = POS_COLON;
        q_attr_cue(A, cx, colon);
    } else if ((rc = q_rcue(cx, s)) != QNONE) {
        q_resolve_event(cx, rc);
        A->spk = cx->ev[rc].spk;
        A->kind = at_start ? INGEST_STMT_DIRECT : INGEST_STMT_PARTIAL;
        A->pos = (cx->ev[rc].flags & CUE_ACCORD) ? POS_ACCORD : POS_AFTER;
        q_attr_cue(A, cx, cx->ev[rc].tok);
        if (!at_start && (hint == 1 || q_govern(cx, s, &A->spk, &cue))) {
            if (hint == 1) {
                A->kind = INGEST_STMT_TERM;
                q_spk_none(&A->spk);
                A->cue0 = A->cue1 = QNONE;
                return;
            }
            A->pos = POS_BEFORE; /* the clause's own cue comes first */
            q_attr_cue(A, cx, cue);
        }
    } else if (at_start) {
        if (hint == 1 && !q_sentence_like(cx, s))
            return;
        if (q_continuation(cx, s, &A->spk))
            A->kind = INGEST_STMT_DIRECT;
        else if (q_sentence_like(cx, s))
            A->kind = INGEST_STMT_DIRECT;
        else
            return;
    } else {
        if (hint == 1)
            return;
        if (q_govern(cx, s, &A->spk, &cue)) {
            A->kind = INGEST_STMT_PARTIAL;
            A->pos = POS_BEFORE;
            q_attr_cue(A, cx, cue);
        } else if (q_intro_document(cx, o, &A->spk)) {
            A->kind = INGEST_STMT_PARTIAL; /* made a document below */
            A->pos = POS_BEFORE;
        } else if (q_span_words(cx, s) <= 4) {
            return;
        } else {
            A->kind = INGEST_STMT_PARTIAL;
        }
    }
    if (A->spk.kind == SPK_DOC && (A->kind == INGEST_STMT_DIRECT || A->kind == INGEST_STMT_PARTIAL))
        A->kind = INGEST_STMT_DOCUMENT;
    if (A->spk.kind == SPK_PRONOUN)
        q_spk_none(&A->spk); /* never left unresolved */
}

/* The rule name and confidence of an attribution. */
static const char *q_rule(const struct qcx *cx, const struct qattr *A, int repaired, double *conf)
{
    const struct qspk *s = &A->spk;
    const char *rule = "none";
    double c = 0;

    switch (s->kind) {
    case SPK_ORG:
        rule = "organization";
        c = s->mention != QNONE ? 0.9 : 0.8;
        break;
    case SPK_UNNAMED:
        rule = "unnamed";
        c = 0.85;
        break;
    case SPK_DOC:
        rule = "document";
        c = s->mention != QNONE ? 0.85 : 0.8;
        break;
    case SPK_PERSON:
        switch (s->how) {
        case HOW_CONTINUATION:
            rule = "continuation";
            c = s->conf;
            break;
        case HOW_PRONOUN_PARA:
            rule = "pronoun-paragraph";
            c = s->conf;
            break;
        case HOW_NEAREST:
            rule = "nearest-person";
            c = s->conf;
            break;
        default:
            switch (A->pos) {
            case POS_AFTER:
                rule = "quote-said-name";
                c = 0.95;
                break;
            case POS_COLON:
                rule = "colon";
                c = 0.9;
                break;
            case POS_ACCORD:
                rule = "according-to";
                c = 0.9;
                break;
            default:
                rule = "name-said-quote";
                c = 0.95;
                break;
            }
            if (s->mention != QNONE && cx->ments[s->mention].rule &&
                strcmp(cx->ments[s->mention].rule, "role-reference") == 0)
                c -= 0.05;
        }
        break;
    default:
        break;
    }
    if (s->kind != SPK_PERSON && s->kind != SPK_NONE && s->conf > 0 && s->conf < c)
        c = s->conf; /* reached through a pronoun or a continuation */
    if (s->elided)
        c *= 0.95;
    if (repaired)
        c *= 0.8;
    if (c <= 0 || c > 1)
        c = c > 1 ? 1 : 0;
    *conf = c;
    return rule;
}

/* ---- statements ---- */

static char *q_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *q_strdup_or_null(const char *s, int *oom)
{
    char *d;

    if (!s)
        return NULL;
    d = q_strndup(s, strlen(s));
    if (!d)
        *oom = 1;
    return d;
}

static char *q_tok_text(const struct qcx *cx, size_t a, size_t b, int *oom)
{
    char *d;

    if (a == QNONE || b <= a || b > cx->ntok)
        return NULL;
    d = q_strndup(cx->text + cx->tok[a].start, cx->tok[b - 1].end - cx->tok[a].start);
    if (!d)
        *oom = 1;
    return d;
}

static const char *q_role_of(const struct qcx *cx, size_t m)
{
    const char *id = cx->ments[m].entity_id;
    const char *best = NULL;

    if (cx->ments[m].role)
        return cx->ments[m].role;
    for (size_t k = 0; k < cx->nment; k++) {
        if (!cx->ments[k].role || !cx->ments[k].entity_id || strcmp(cx->ments[k].entity_id, id))
            continue;
        best = cx->ments[k].role;
        if (k > m)
            break; /* the nearest one before, else the first after */
    }
    return best;
}

/* A speech cue in the past tense: "said", "told", "warned", "wrote" ... */
static int q_is_past_cue(const struct qcx *cx, size_t i)
{
    size_t n = q_tlen(cx, i);
    const char *w = cx->text + cx->tok[i].start;

    if (cx->tok[i].event == QNONE || (cx->ev[cx->tok[i].event].flags & (CUE_PART | CUE_BASE)))
        return 0;
    return q_weq(cx, i, "said") || q_weq(cx, i, "told") || q_weq(cx, i, "wrote") ||
           (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd');
}

/* The day the statement was made, from a day-precise date on the cue's side of the quote in
 * the cue's sentence: "Mr. Hagel said ... on Thursday afternoon", "On Thursday, Rumsfeld
 * said". A date naming something else ("Saturday's meeting") is not the day of speaking.
 * Returns -1 on OOM. */
static int q_date(const struct qcx *cx, size_t cue, size_t s, struct ingest_statement *st)
{
    size_t ss, se, base, best_d = QNONE, n = 0, lo, hi;
    struct ingest_date_expr *ex = NULL;
    enum ingest_tense tense;

    if (cue == QNONE || cue >= cx->ntok)
        return 0;
    ss = q_sent_start(cx, cue);
    se = q_sent_end(cx, cue);
    if (se <= ss)
        return 0;
    if (cue < cx->spans[s].open_tok) {
        lo = ss;
        hi = cx->spans[s].open_tok;
    } else {
        lo = cx->spans[s].after_tok;
        hi = se;
    }
    if (hi <= lo || hi > cx->ntok)
        return 0;
    /* the frame alone: the quoted words' tense is not the tense of speaking */
    base = cx->tok[lo].start;
    if (q_is_past_cue(cx, cue))
        tense = INGEST_TENSE_PAST; /* what was said was said on or before the paper's day */
    else
        tense = ingest_tense_of(cx->text + base, cx->tok[hi - 1].end - base);
    if (ingest_dates_find(cx->text + base, cx->tok[hi - 1].end - base, cx->doc_date, tense, &ex,
                          &n) != 0)
        return -1;
    for (size_t k = 0; k < n; k++) {
        size_t t, d;
        if (ex[k].precision != INGEST_PREC_DAY || !ex[k].value[0])
            continue;
        t = q_tok_at(cx, base + ex[k].clean.start);
        if (t >= cx->ntok || cx->tok[t].quote != QNONE || t < lo || t >= hi ||
            q_is_possessive(cx, q_tok_at(cx, base + ex[k].clean.end)))
            continue;
        d = t > cue ? t - cue : cue - t;
        if (best_d == QNONE || d < best_d) {
            best_d = d;
            memcpy(st->date, ex[k].value, sizeof st->date);
            st->date[sizeof st->date - 1] = '\0';
            st->date_precision = INGEST_PREC_DAY;
        }
    }
    free(ex);
    return 0;
}

static int q_add_mentioned(struct ingest_statement *st, const char *id)
{
    char **nm, *d;

    for (size_t k = 0; k < st->mentioned_count; k++)
        if (strcmp(st->mentioned[k], id) == 0)
            return 0;
    d = q_strndup(id, strlen(id));
    if (!d)
        return -1;
    nm = realloc(st->mentioned, (st->mentioned_count + 1) * sizeof *nm);
    if (!nm) {
        free(d);
        return -1;
    }
    st->mentioned = nm;
    st->mentioned[st->mentioned_count++] = d;
    return 0;
}

static void q_statement_clear(struct ingest_statement *st)
{
    free(st->text);
    free(st->speaker_id);
    free(st->speaker_name);
    free(st->speaker_role);
    free(st->speaker_description);
    free(st->cue);
    for (size_t k = 0; k < st->mentioned_count; k++)
        free(st->mentioned[k]);
    free(st->mentioned);
    memset(st, 0, sizeof *st);
}

/* Fills st from span s and its attribution. Returns -1 on OOM (st is cleared). */
static int q_statement(struct qcx *cx, size_t s, const struct qattr *A,
                       const struct ingest_statement *prev, struct ingest_statement *st)
{
    const struct qspan *sp = &cx->spans[s];
    const struct qspk *spk = &A->spk;
    size_t tl = 0, k;
    int oom = 0;
    char *w;

    memset(st, 0, sizeof *st);
    st->clean.start = sp->seg[0].start;
    st->clean.end = sp->seg[sp->nseg - 1].end;
    for (k = 0; k < sp->nseg; k++)
        tl += sp->seg[k].end - sp->seg[k].start + 1;
    st->text = w = malloc(tl + 1);
    if (!w)
        return -1;
    for (k = 0; k < sp->nseg; k++) {
        size_t n = sp->seg[k].end - sp->seg[k].start;
        if (n == 0)
            continue;
        if (w != st->text)
            *w++ = ' ';
        memcpy(w, cx->text + sp->seg[k].start, n);
        w += n;
    }
    *w = '\0';
    st->kind = A->kind;
    st->paragraph = sp->first_para;
    st->rule = q_rule(cx, A, sp->repaired, &st->confidence);
    if (spk->kind != SPK_NONE && spk->mention != QNONE) {
        const struct ingest_mention *m = &cx->ments[spk->mention];
        st->speaker_id = q_strdup_or_null(m->entity_id, &oom);
        st->speaker_name = q_strdup_or_null(m->name, &oom);
        if (m->type == INGEST_ENT_PERSON)
            st->speaker_role = q_strdup_or_null(q_role_of(cx, spk->mention), &oom);
    }
    if (spk->kind != SPK_NONE) {
        st->speaker_description = q_tok_text(cx, spk->d0, spk->d1, &oom);
        if (spk->w0 != QNONE && spk->w1 > spk->w0 && spk->w1 <= cx->ntok) {
            st->speaker.start = cx->tok[spk->w0].start;
            st->speaker.end = cx->tok[spk->w1 - 1].end;
        }
    }
    if (A->cue0 != QNONE && A->kind != INGEST_STMT_TERM) {
        st->cue = q_tok_text(cx, A->cue0, A->cue1, &oom);
        st->cue_range.start = cx->tok[A->cue0].start;
        st->cue_range.end = cx->tok[A->cue1 - 1].end;
    }
    if (!oom && A->kind != INGEST_STMT_TERM && spk->kind != SPK_NONE) {
        if (A->cue0 != QNONE && q_date(cx, A->cue0, s, st) != 0)
            oom = 1;
        else if (A->cue0 == QNONE && prev && prev->paragraph == st->paragraph &&
                 spk->how == HOW_CONTINUATION) {
            memcpy(st->date, prev->date, sizeof st->date);
            st->date_precision = prev->date_precision;
        }
    }
    for (k = 0; k < cx->nment && !oom; k++) {
        const struct ingest_mention *m = &cx->ments[k];
        if (q_is_pronoun_mention(m) || !m->entity_id || m->clean.start < st->clean.start ||
            m->clean.end > st->clean.end)
            continue;
        if (q_add_mentioned(st, m->entity_id) != 0)
            oom = 1;
    }
    if (oom) {
        q_statement_clear(st);
        return -1;
    }
    return 0;
}

/* ---- the public functions ---- */

const char *ingest_statement_kind_name(enum ingest_statement_kind kind)
{
    switch (kind) {
    case INGEST_STMT_DIRECT:
        return "direct";
    case INGEST_STMT_PARTIAL:
        return "partial";
    case INGEST_STMT_DOCUMENT:
        return "document";
    case INGEST_STMT_TERM:
        return "term";
    }
    return "unknown";
}

void ingest_statement_result_clear(struct ingest_statement_result *result)
{
    if (!result)
        return;
    for (size_t k = 0; k < result->count; k++)
        q_statement_clear(&result->statements[k]);
    free(result->statements);
    result->statements = NULL;
    result->count = 0;
}

static void q_cx_free(struct qcx *cx)
{
    for (size_t s = 0; s < cx->nspan; s++)
        free(cx->spans[s].seg);
    free(cx->spans);
    free(cx->tok);
    free(cx->para_first);
    free(cx->para_end);
    free(cx->para_narr);
    free(cx->ev);
    free(cx->hist);
    free(cx->ment_gender);
}

int ingest_statements_extract(const char *text, size_t len,
                              const struct ingest_paragraph *paragraphs, size_t paragraph_count,
                              const struct ingest_sentence *sentences, size_t sentence_count,
                              const struct ingest_mention *mentions, size_t mention_count,
                              const struct ingest_gazetteer *gz, const char *doc_date,
                              struct ingest_statement_result *out)
{
    struct qcx cx;
    size_t cap = 0;
    int rc = -1;

    (void)sentences;
    (void)sentence_count;
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return 0;
    memset(&cx, 0, sizeof cx);
    cx.text = text;
    cx.len = len;
    cx.paras = paragraphs;
    cx.npara = paragraph_count;
    if (!paragraphs || paragraph_count == 0) {
        cx.whole.clean.start = 0;
        cx.whole.clean.end = len;
        cx.paras = &cx.whole;
        cx.npara = 1;
    }
    cx.ments = mentions;
    cx.nment = mentions ? mention_count : 0;
    cx.gz = gz;
    cx.doc_date = doc_date;
    if (q_tokenize(&cx) != 0 || q_assign_paragraphs(&cx) != 0 || q_genders(&cx) != 0)
        goto out;
    q_map_mentions(&cx);
    if (q_find_spans(&cx) != 0 || q_find_events(&cx) != 0)
        goto out;
    for (size_t i = 0; i < cx.ntok; i++) {
        size_t s = cx.tok[i].quote;
        struct qattr A;
        struct ingest_statement *st;

        if (cx.tok[i].event != QNONE && q_resolve_event(&cx, cx.tok[i].event) != 0)
            goto out;
        if (s == QNONE || cx.spans[s].open_tok != i || q_span_empty(&cx.spans[s]))
            continue;
        q_attribute(&cx, s, &A);
        if (cx.oom)
            goto out;
        if (A.kind != INGEST_STMT_TERM && q_hist_push(&cx, i, &A.spk) != 0)
            goto out;
        if (q_grow((void **)&out->statements, &cap, out->count + 1, sizeof *out->statements))
            goto out;
        st = &out->statements[out->count];
        if (q_statement(&cx, s, &A, out->count ? st - 1 : NULL, st) != 0)
            goto out;
        out->count++;
    }
    rc = cx.oom ? -1 : 0;
out:
    q_cx_free(&cx);
    if (rc != 0)
        ingest_statement_result_clear(out);
    return rc;
}
