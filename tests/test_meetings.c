/* tests/test_meetings.c: unit cases for ingest/meetings.c and ingest/registry.c: the registry
 * loader and its errors, meeting detection, kinds, status, dates, places, participants
 * (named, "their Japanese counterparts", offices), collapsing, outcomes, and the merge across
 * documents with registry links, candidates and stable ids. Runs from the repository root. */
#include "ingest/entities.h"
#include "ingest/meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit.h"

static struct ingest_gazetteer *gz;

/* ---- building a document by hand ---- */

struct spec {
    const char *text, *id, *type, *role;
};

struct doc {
    const char *text;
    size_t len;
    struct ingest_sentence *sents;
    size_t nsent;
    struct ingest_mention *ms;
    size_t nm;
};

/* Sentences: split after ". " (the texts here avoid abbreviations before a space and capital
 * except the ones listed) and at paragraph breaks. */
static void doc_sentences(struct doc *d)
{
    static const char *const abbr[] = {"Mr.", "Ms.", "U.S.", "Oct.", "Feb.", "Dec.", NULL};
    size_t start = 0, n = 0, para = 0;
    d->sents = calloc(d->len + 1, sizeof *d->sents);
    for (size_t i = 0; i <= d->len; i++) {
        int end = i == d->len, brk = 0;
        if (!end && d->text[i] == '\n' && i + 1 < d->len && d->text[i + 1] == '\n')
            end = brk = 1;
        if (!end && d->text[i] == '.' && i + 1 < d->len && d->text[i + 1] == ' ') {
            int is_abbr = 0;
            for (const char *const *a = abbr; *a; a++) {
                size_t l = strlen(*a);
                if (i + 1 >= l && strncmp(d->text + i + 1 - l, *a, l) == 0)
                    is_abbr = 1;
            }
            if (!is_abbr) {
                end = 1;
                i++;
            }
        }
        if (!end)
            continue;
        size_t a = start, b = i;
        while (a < b && (d->text[a] == ' ' || d->text[a] == '\n'))
            a++;
        while (b > a && (d->text[b - 1] == ' ' || d->text[b - 1] == '\n'))
            b--;
        if (b > a) {
            d->sents[n].clean.start = a;
            d->sents[n].clean.end = b;
            d->sents[n].paragraph = para;
            n++;
        }
        if (brk)
            para++;
        start = i;
    }
    d->nsent = n;
}

static int mention_cmp(const void *a, const void *b)
{
    const struct ingest_mention *x = a, *y = b;
    return x->clean.start < y->clean.start ? -1 : x->clean.start > y->clean.start;
}

static void doc_init(struct doc *d, const char *text, const struct spec *specs)
{
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = strlen(text);
    doc_sentences(d);
    d->ms = calloc(64, sizeof *d->ms);
    for (const struct spec *s = specs; s && s->text; s++) {
        size_t wl = strlen(s->text);
        for (const char *p = strstr(text, s->text); p && d->nm < 64; p = strstr(p + wl, s->text)) {
            size_t st = (size_t)(p - text);
            int clash = 0;
            for (size_t k = 0; k < d->nm; k++)
                if (d->ms[k].clean.start < st + wl && st < d->ms[k].clean.end)
                    clash = 1;
            if (clash)
                continue;
            struct ingest_mention *m = &d->ms[d->nm++];
            m->clean.start = st;
            m->clean.end = st + wl;
            m->type = (enum ingest_entity_type)ingest_entity_type_parse(s->type);
            m->entity_id = strdup(s->id);
            m->name = strdup(s->text);
            m->kb = ingest_gazetteer_find(gz, s->id) != NULL;
            m->role = s->role ? strdup(s->role) : NULL;
            for (size_t k = 0; k < d->nsent; k++)
                if (d->sents[k].clean.start <= st && st < d->sents[k].clean.end)
                    m->sentence = k;
        }
    }
    qsort(d->ms, d->nm, sizeof *d->ms, mention_cmp);
}

static void doc_clear(struct doc *d)
{
    for (size_t k = 0; k < d->nm; k++) {
        free(d->ms[k].entity_id);
        free(d->ms[k].name);
        free(d->ms[k].role);
    }
    free(d->ms);
    free(d->sents);
}

static int extract(const char *text, const struct spec *specs, const char *doc_date,
                   const char *dateline, struct ingest_meeting_result *res)
{
    struct doc d;
    doc_init(&d, text, specs);
    int rc = ingest_meetings_extract(text, d.len, d.sents, d.nsent, d.ms, d.nm, gz, doc_date,
                                     dateline, res);
    doc_clear(&d);
    return rc;
}

static int has_participant(const struct ingest_meeting_mention *m, const char *id, const char *via)
{
    for (size_t i = 0; i < m->participant_count; i++)
        if (strcmp(m->participants[i].entity_id, id) == 0)
            return !via || (m->participants[i].via && strcmp(m->participants[i].via, via) == 0);
    return 0;
}

/* ---- the registry ---- */

static const char *write_tmp(const char *name, const char *content)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/twoplus-test-meetings-%ld-%s", (long)getpid(), name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(content, f);
        fclose(f);
    }
    return path;
}

static void test_registry(void)
{
    struct ingest_registry *reg = NULL;
    char err[256];

    CHECK(ingest_registry_load("data/meetings.jsonl", &reg, err, sizeof err) == 0);
    if (!reg) {
        fprintf(stderr, "registry: %s\n", err);
        return;
    }
    CHECK(ingest_registry_count(reg) == 25);
    const struct ingest_registry_meeting *m = ingest_registry_meeting(reg, 0);
    CHECK_STR(m->id, "scc-1995-09-27");
    CHECK_STR(m->kind, "scc");
    CHECK_STR(m->city, "New York");
    CHECK(m->venue == NULL);
    CHECK(m->precision == INGEST_PREC_DAY);
    CHECK(m->participant_count == 4);
    CHECK_STR(m->participants[0].entity, "warren-christopher");
    CHECK_STR(m->participants[3].role, "Director General of the Japan Defense Agency");
    CHECK(m->json && m->json[0] == '{' && strstr(m->json, "\"id\":\"scc-1995-09-27\""));
    CHECK(m->uncertain == NULL && m->note != NULL && m->source != NULL);
    size_t docs = 0, virt = 0;
    for (size_t i = 0; i < ingest_registry_count(reg); i++) {
        const struct ingest_registry_meeting *r = ingest_registry_meeting(reg, i);
        docs += strcmp(r->kind, "scc-document") == 0;
        virt += r->is_virtual;
        if (r->is_virtual)
            CHECK_STR(r->id, "scc-2022-01-07");
    }
    CHECK(docs == 4 && virt == 1);
    CHECK(ingest_registry_meeting(reg, 25) == NULL);
    ingest_registry_free(reg);
    ingest_registry_free(NULL);
    CHECK(ingest_registry_count(NULL) == 0);

    /* Errors name the file and the line. */
    const char *p =
        write_tmp("bad1.jsonl", "{\"id\":\"a\",\"kind\":\"scc\",\"date\":\"2005-02-19\"}\n"
                                "{not json\n");
    reg = NULL;
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1 && reg == NULL);
    CHECK(strstr(err, p) != NULL && strstr(err, ":2:") != NULL);
    unlink(p);
    p = write_tmp("bad2.jsonl", "{\"id\":\"a\",\"kind\":\"scc\",\"date\":\"2005-02-19\"}\n\n"
                                "{\"id\":\"a\",\"kind\":\"scc\",\"date\":\"2005-10-29\"}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1);
    CHECK(strstr(err, ":3:") != NULL && strstr(err, "duplicate id a") != NULL);
    unlink(p);
    p = write_tmp("bad3.jsonl", "{\"id\":\"b\",\"kind\":\"scc\",\"date\":\"19 Feb 2005\"}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1 && strstr(err, "date") != NULL);
    unlink(p);
    p = write_tmp("bad4.jsonl", "{\"kind\":\"scc\",\"date\":\"2005-02-19\"}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1 && strstr(err, "\"id\"") != NULL);
    unlink(p);
    p = write_tmp("bad5.jsonl",
                  "{\"id\":\"c\",\"kind\":\"scc\",\"date\":\"2005-02-19\",\"participants\":[3]}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1 &&
          strstr(err, "participant 1") != NULL);
    unlink(p);
    p = write_tmp("bad6.jsonl", "{\"id\":\"d\",\"kind\":\"scc\",\"date\":\"2005-02\","
                                "\"date_precision\":\"day\"}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == -1 &&
          strstr(err, "date_precision") != NULL);
    unlink(p);
    CHECK(ingest_registry_load("/nonexistent/meetings.jsonl", &reg, err, sizeof err) == -1 &&
          strstr(err, "/nonexistent/meetings.jsonl") != NULL);
    /* An empty file is an empty registry; month precision from a short date. */
    p = write_tmp("ok.jsonl", "\n{\"id\":\"e\",\"kind\":\"scc\",\"date\":\"2005-02\"}\n");
    CHECK(ingest_registry_load(p, &reg, err, sizeof err) == 0 && ingest_registry_count(reg) == 1);
    if (reg)
        CHECK(ingest_registry_meeting(reg, 0)->precision == INGEST_PREC_MONTH);
    ingest_registry_free(reg);
    unlink(p);
}

/* ---- extraction ---- */

static const struct spec people_2013[] = {
    {"John Kerry", "john-kerry", "person", "U.S. Secretary of State"},
    {"Chuck Hagel", "chuck-hagel", "person", "U.S. Secretary of Defense"},
    {"Hagel", "chuck-hagel", "person", "U.S. Secretary of Defense"},
    {"Itsunori Onodera", "itsunori-onodera", "person", "Minister of Defense of Japan"},
    {"Tokyo", "tokyo", "place", NULL},
    {"Japan", "japan", "country", NULL},
    {NULL, NULL, NULL, NULL}};

static void test_counterparts_and_history(void)
{
    struct ingest_meeting_result res = {0};
    const char *text =
        "The United States and Japan agreed on Thursday to broaden their alliance. The "
        "agreement, signed during a joint visit here by Secretary of State John Kerry and "
        "Defense Secretary Chuck Hagel in a meeting with their Japanese counterparts, called "
        "for a new radar.\n\nIt was the first time the secretaries met their Japanese "
        "counterparts in Japan since these two-plus-two talks began in 1990.";

    CHECK(extract(text, people_2013, "2013-10-03", "TOKYO", &res) == 0);
    CHECK(res.count == 2);
    if (res.count == 2) {
        const struct ingest_meeting_mention *m = &res.mentions[0], *h = &res.mentions[1];
        CHECK_STR(m->kind, "scc");
        CHECK_STR(m->status, "held");
        CHECK_STR(m->date, "2013-10-03");
        CHECK(m->date_precision == INGEST_PREC_DAY);
        CHECK_STR(m->date_text, "Thursday");
        CHECK_STR(m->place_id, "tokyo");
        CHECK(m->participant_count == 4);
        CHECK(has_participant(m, "john-kerry", "text"));
        CHECK(has_participant(m, "chuck-hagel", "text"));
        CHECK(has_participant(m, "fumio-kishida", "counterparts"));
        CHECK(has_participant(m, "itsunori-onodera", "counterparts"));
        /* the four seats come in their order */
        CHECK_STR(m->participants[0].entity_id, "john-kerry");
        CHECK_STR(m->participants[3].entity_id, "itsunori-onodera");
        CHECK_STR(m->participants[2].role, "Minister for Foreign Affairs of Japan");
        CHECK(m->evidence_count == 2);
        CHECK(m->outcome_count >= 2);
        for (size_t i = 0; i < m->outcome_count; i++)
            CHECK(m->outcomes[i].end <= strlen(text) && m->outcomes[i].start < m->outcomes[i].end);
        CHECK(strncmp(text + m->outcomes[0].start, "The United States and Japan agreed", 34) == 0);
        CHECK_STR(h->kind, "scc");
        CHECK_STR(h->status, "referenced");
        CHECK_STR(h->date, "1990");
        CHECK(h->date_precision == INGEST_PREC_YEAR);
        CHECK(h->participant_count == 0 && h->place_name == NULL);
    }
    ingest_meeting_result_clear(&res);
    ingest_meeting_result_clear(&res);
    CHECK(res.count == 0 && res.mentions == NULL);
}

static void test_scheduled_weekday_and_venue(void)
{
    static const struct spec people[] = {
        {"Condoleezza Rice", "condoleezza-rice", "person", "U.S. Secretary of State"},
        {"Donald Rumsfeld", "donald-rumsfeld", "person", "U.S. Secretary of Defense"},
        {"Nobutaka Machimura", "nobutaka-machimura", "person",
         "Minister for Foreign Affairs of Japan"},
        {"Richard Boucher", "richard-boucher", "person", "State Department Spokesman"},
        {NULL, NULL, NULL, NULL}};
    struct ingest_meeting_result res = {0};
    const char *text =
        "The comments came on the eve of the so-called \"two-plus-two\" meeting. But Saturday's "
        "meeting at the State Department is drawing attention after a report that the two "
        "countries will declare a common concern.\n\nState Department Spokesman Richard Boucher "
        "said he did not want to get ahead of Saturday's meeting.\n\nCondoleezza Rice said she "
        "and Donald Rumsfeld look forward to discussing with Nobutaka Machimura how to promote "
        "peace.";

    CHECK(extract(text, people, "2005-02-18", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        const struct ingest_meeting_mention *m = &res.mentions[0];
        CHECK_STR(m->kind, "scc");
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2005-02-19");            /* Saturday, forward from a Friday */
        CHECK_STR(m->venue, "the State Department"); /* the words, as meetings.h says */
        CHECK_STR(m->place_name, "Washington, D.C.");
        CHECK(has_participant(m, "condoleezza-rice", NULL));
        CHECK(has_participant(m, "donald-rumsfeld", NULL));
        CHECK(has_participant(m, "nobutaka-machimura", NULL));
        CHECK(!has_participant(m, "richard-boucher", NULL)); /* a spokesman, not a participant */
        CHECK(has_participant(m, "yoshinori-ohno", "seat") ||
              has_participant(m, "yoshinori-ohno", "counterparts") || m->participant_count == 3);
        CHECK_STR(m->label, "two-plus-two meeting");
        CHECK(m->evidence_count >= 3);
    }
    ingest_meeting_result_clear(&res);
}

static void test_statuses(void)
{
    struct ingest_meeting_result res = {0};
    static const struct spec none[] = {{NULL, NULL, NULL, NULL}};

    CHECK(extract("Japan has cancelled a two-plus-two meeting with the United States that was "
                  "to be held on July 1.",
                  none, "2025-06-20", "TOKYO", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "cancelled");
        CHECK_STR(res.mentions[0].date, "2025-07-01");
        CHECK(res.mentions[0].place_name == NULL); /* no dateline for a called-off meeting */
    }
    ingest_meeting_result_clear(&res);

    CHECK(extract("Japan hopes to hold a 2+2 with the United States by the end of this year.", none,
                  "2014-10-09", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "proposed");
        CHECK_STR(res.mentions[0].date, "2014");
        CHECK_STR(res.mentions[0].date_part, "end");
    }
    ingest_meeting_result_clear(&res);

    CHECK(extract("The two countries will hold a Security Consultative Committee meeting in "
                  "Washington on April 19, the foreign minister announced on Tuesday.",
                  none, "2019-03-26", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "announced");
        CHECK_STR(res.mentions[0].date, "2019-04-19");
    }
    ingest_meeting_result_clear(&res);

    /* A cue about something else does not change the meeting. */
    CHECK(extract("The leaders held a summit here on Tuesday and agreed to press North Korea "
                  "to call off a planned rocket launch.",
                  none, "2012-03-27", "SEOUL", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "summit");
        CHECK_STR(res.mentions[0].status, "held");
        CHECK_STR(res.mentions[0].place_name, "Seoul");
    }
    ingest_meeting_result_clear(&res);
}

static void test_not_meetings(void)
{
    struct ingest_meeting_result res = {0};
    static const struct spec none[] = {{NULL, NULL, NULL, NULL}};

    CHECK(extract("", none, NULL, NULL, &res) == 0 && res.count == 0);
    ingest_meeting_result_clear(&res);
    CHECK(extract("\"Today we have seen a meeting of minds between Japan and the United States,\" "
                  "he told a news conference. North Korea should return to six-party talks.",
                  none, "2013-10-03", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);
    /* An anaphor with nothing to refer to is dropped. */
    CHECK(extract("The meeting lasted two hours.", none, "2013-10-03", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);
    /* A multilateral summit is not a meeting of the two. */
    CHECK(extract("Leaders gathered for the APEC summit in Yokohama.", none, "2010-11-13", NULL,
                  &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);
}

static void test_kinds(void)
{
    static const struct spec people[] = {
        {"Jim Mattis", "jim-mattis", "person", "U.S. Secretary of Defense"},
        {"Tomomi Inada", "tomomi-inada", "person", "Minister of Defense of Japan"},
        {"Donald Trump", "donald-trump", "person", "President of the United States"},
        {"Shinzo Abe", "shinzo-abe", "person", "Prime Minister of Japan"},
        {"Tokyo", "tokyo", "place", NULL},
        {"Seoul", "seoul", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    struct ingest_meeting_result res = {0};
    const char *text = "Donald Trump welcomed Shinzo Abe to the White House on Friday. Jim "
                       "Mattis held talks with Tomomi Inada in Tokyo last week. Officials of "
                       "the two governments met in Tokyo on Wednesday. The secretaries will "
                       "hold a similar meeting with their South Korean counterparts in Seoul "
                       "on Thursday.";

    CHECK(extract(text, people, "2017-02-11", "WASHINGTON", &res) == 0);
    CHECK(res.count == 4);
    if (res.count == 4) {
        CHECK_STR(res.mentions[0].kind, "summit");
        CHECK_STR(res.mentions[0].date, "2017-02-10");
        CHECK_STR(res.mentions[0].venue, "the White House");
        CHECK(has_participant(&res.mentions[0], "donald-trump", "text"));
        CHECK(has_participant(&res.mentions[0], "shinzo-abe", "text"));
        CHECK_STR(res.mentions[1].kind, "ministerial");
        CHECK_STR(res.mentions[1].date, ""); /* last week: 30 Jan-5 Feb, two months */
        CHECK(res.mentions[1].date_precision == INGEST_PREC_UNKNOWN);
        CHECK_STR(res.mentions[1].date_text, "last week");
        CHECK_STR(res.mentions[1].place_id, "tokyo");
        CHECK_STR(res.mentions[2].kind, "working-level");
        CHECK_STR(res.mentions[2].date, "2017-02-08");
        CHECK_STR(res.mentions[3].kind, "other");
        CHECK_STR(res.mentions[3].status, "scheduled");
        CHECK_STR(res.mentions[3].date, "2017-02-16");
        CHECK_STR(res.mentions[3].place_id, "seoul");
        CHECK(has_participant(&res.mentions[3], "jim-mattis", "role"));
    }
    ingest_meeting_result_clear(&res);
}

static void test_offices_resolved(void)
{
    static const struct spec none[] = {{NULL, NULL, NULL, NULL}};
    struct ingest_meeting_result res = {0};

    /* First half of 2010: one holder of each seat. */
    CHECK(extract("The 2+2 meeting would be held in the first half of this year, 2010. The "
                  "meeting will be attended by the Japanese foreign and defense ministers and "
                  "the U.S. Secretary of State and Secretary of Defense.",
                  none, "2010-02-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        const struct ingest_meeting_mention *m = &res.mentions[0];
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2010");
        CHECK_STR(m->date_part, "h1");
        CHECK(m->participant_count == 4);
        CHECK(has_participant(m, "hillary-clinton", "role"));
        CHECK(has_participant(m, "robert-gates", "role"));
        CHECK(has_participant(m, "katsuya-okada", "role"));
        CHECK(has_participant(m, "toshimi-kitazawa", "role"));
    }
    ingest_meeting_result_clear(&res);
    /* The whole of 2010: two foreign ministers held office; neither is picked. */
    CHECK(extract("A 2+2 of the foreign and defense ministers of both countries is to be held "
                  "in 2010.",
                  none, "2009-12-01", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK(!has_participant(&res.mentions[0], "katsuya-okada", NULL));
        CHECK(!has_participant(&res.mentions[0], "seiji-maehara", NULL));
        CHECK(has_participant(&res.mentions[0], "hillary-clinton", "role"));
    }
    ingest_meeting_result_clear(&res);
}

/* ---- merging ---- */

static struct ingest_meeting_participant *mk_people(const char *const *ids, size_t *n)
{
    size_t k = 0;
    while (ids[k])
        k++;
    struct ingest_meeting_participant *p = calloc(k + 1, sizeof *p);
    for (size_t i = 0; i < k; i++)
        p[i].entity_id = (char *)ids[i];
    *n = k;
    return p;
}

static void mk_mention(struct ingest_meeting_mention *m, const char *kind, const char *status,
                       const char *date, enum ingest_precision prec, const char *part,
                       const char *const *ids)
{
    memset(m, 0, sizeof *m);
    m->kind = kind;
    m->status = status;
    snprintf(m->date, sizeof m->date, "%s", date);
    m->date_precision = prec;
    m->date_part = part;
    m->participants = mk_people(ids, &m->participant_count);
}

static const struct ingest_merged_meeting *merged_with(const struct ingest_merge_result *r,
                                                       size_t input)
{
    for (size_t i = 0; i < r->count; i++)
        for (size_t k = 0; k < r->meetings[i].input_count; k++)
            if (r->meetings[i].inputs[k] == input)
                return &r->meetings[i];
    return NULL;
}

static void test_merge(void)
{
    struct ingest_registry *reg = NULL;
    char err[256];
    static const char *const four05[] = {"condoleezza-rice", "donald-rumsfeld",
                                         "nobutaka-machimura", "yoshinori-ohno", NULL};
    static const char *const four13[] = {"john-kerry", "chuck-hagel", "fumio-kishida",
                                         "itsunori-onodera", NULL};
    static const char *const four10[] = {"hillary-clinton", "robert-gates", "katsuya-okada",
                                         "toshimi-kitazawa", NULL};
    static const char *const leaders09[] = {"barack-obama", "yukio-hatoyama", NULL};
    static const char *const leaders10[] = {"barack-obama", NULL};
    static const char *const nobody[] = {NULL};
    struct ingest_meeting_mention m[9];
    struct ingest_merge_input in[9];
    struct ingest_merge_result res = {0};

    if (ingest_registry_load("data/meetings.jsonl", &reg, err, sizeof err) != 0) {
        CHECK(!"registry");
        return;
    }
    /* 000: a 2+2 "Saturday" at the State Department; 002: the same, "yesterday" from a story
     * with no date; 004: the 2013 Tokyo meeting, and its 1990 history. */
    mk_mention(&m[0], "scc", "scheduled", "2005-02-19", INGEST_PREC_DAY, NULL, four05);
    mk_mention(&m[1], "scc", "scheduled", "", INGEST_PREC_UNKNOWN, NULL, four05);
    mk_mention(&m[2], "scc", "held", "2013-10-03", INGEST_PREC_DAY, NULL, four13);
    mk_mention(&m[3], "scc", "referenced", "1990", INGEST_PREC_YEAR, NULL, nobody);
    /* 003: a planned 2+2 in the first half of 2010, and two summits */
    mk_mention(&m[4], "scc", "scheduled", "2010", INGEST_PREC_YEAR, "h1", four10);
    mk_mention(&m[5], "summit", "held", "2009-11", INGEST_PREC_MONTH, NULL, leaders09);
    mk_mention(&m[6], "summit", "scheduled", "2010-11", INGEST_PREC_MONTH, "mid", leaders10);
    /* another story: the 2+2 of "last October" (2005); a cancelled one in a month with a row */
    mk_mention(&m[7], "scc", "held", "2005-10", INGEST_PREC_MONTH, NULL, nobody);
    mk_mention(&m[8], "scc", "cancelled", "2011-06", INGEST_PREC_MONTH, NULL, nobody);
    const char *docs[9] = {"000", "002", "004", "004", "003", "003", "003", "x", "y"};
    for (int i = 0; i < 9; i++) {
        in[i].doc_id = docs[i];
        in[i].mention = &m[i];
    }
    CHECK(ingest_meetings_merge(in, 9, reg, &res) == 0);
    const struct ingest_merged_meeting *a = merged_with(&res, 0), *b = merged_with(&res, 1);
    CHECK(a && a == b);
    if (a) {
        CHECK_STR(a->id, "scc-2005-02-19");
        CHECK(a->registry && strcmp(a->registry->id, "scc-2005-02-19") == 0);
        CHECK_STR(a->status, "held"); /* the registry lists meetings that took place */
        CHECK_STR(a->date, "2005-02-19");
        CHECK(a->input_count == 2 && a->participant_count == 4);
        CHECK(a->candidate_count == 0);
    }
    const struct ingest_merged_meeting *c = merged_with(&res, 2);
    CHECK(c && c->registry && strcmp(c->id, "scc-2013-10-03") == 0);
    const struct ingest_merged_meeting *h = merged_with(&res, 3);
    CHECK(h && h != c && h->registry == NULL && strcmp(h->id, "scc-1990-history") == 0);
    if (h)
        CHECK_STR(h->status, "referenced");
    const struct ingest_merged_meeting *p = merged_with(&res, 4);
    CHECK(p && p->registry == NULL && p->candidate_count == 0);
    if (p) {
        CHECK_STR(p->id, "scc-2010-h1");
        CHECK_STR(p->status, "scheduled");
    }
    const struct ingest_merged_meeting *s1 = merged_with(&res, 5), *s2 = merged_with(&res, 6);
    CHECK(s1 && s2 && s1 != s2);
    if (s1 && s2) {
        CHECK_STR(s1->id, "summit-2009-11");
        CHECK_STR(s2->id, "summit-2010-11-mid");
    }
    const struct ingest_merged_meeting *o = merged_with(&res, 7);
    CHECK(o && o->registry && strcmp(o->registry->id, "scc-2005-10-29") == 0);
    const struct ingest_merged_meeting *x = merged_with(&res, 8);
    CHECK(x && x->registry == NULL);
    if (x)
        CHECK_STR(x->status, "cancelled");
    /* ids are distinct */
    for (size_t i = 0; i < res.count; i++)
        for (size_t k = i + 1; k < res.count; k++)
            CHECK(strcmp(res.meetings[i].id, res.meetings[k].id) != 0);
    ingest_merge_result_clear(&res);
    ingest_merge_result_clear(&res);

    /* 002 alone: its people fit two rows equally: candidates, no pick. */
    CHECK(ingest_meetings_merge(&in[1], 1, reg, &res) == 0 && res.count == 1);
    if (res.count == 1) {
        CHECK(res.meetings[0].registry == NULL);
        CHECK(res.meetings[0].candidate_count == 2);
        if (res.meetings[0].candidate_count == 2) {
            CHECK_STR(res.meetings[0].candidates[0]->id, "scc-2005-02-19");
            CHECK_STR(res.meetings[0].candidates[1]->id, "scc-2005-10-29");
        }
        CHECK_STR(res.meetings[0].id, "scc-002");
    }
    ingest_merge_result_clear(&res);

    /* Without a registry, and with nothing. */
    CHECK(ingest_meetings_merge(in, 3, NULL, &res) == 0 && res.count == 2);
    ingest_merge_result_clear(&res);
    CHECK(ingest_meetings_merge(in, 0, reg, &res) == 0 && res.count == 0);
    ingest_merge_result_clear(&res);
    /* Two dateless mentions that share nobody stay apart, with ids from their documents. */
    free(m[0].participants);
    free(m[1].participants);
    mk_mention(&m[0], "scc", "held", "", INGEST_PREC_UNKNOWN, NULL, nobody);
    mk_mention(&m[1], "scc", "held", "", INGEST_PREC_UNKNOWN, NULL, nobody);
    in[0].mention = &m[0];
    in[0].doc_id = "d1";
    in[1].doc_id = "d1";
    CHECK(ingest_meetings_merge(in, 2, reg, &res) == 0 && res.count == 2);
    if (res.count == 2) {
        CHECK_STR(res.meetings[0].id, "scc-d1");
        CHECK_STR(res.meetings[1].id, "scc-d1-2");
    }
    ingest_merge_result_clear(&res);
    for (int i = 0; i < 9; i++)
        free(m[i].participants);
    ingest_registry_free(reg);
}

/* Rules written for the third held-out batch (tests/fixtures/meetings/heldout3/). */
static void test_batch3_rules(void)
{
    static const struct spec places[] = {{"Tokyo", "tokyo", "place", NULL},
                                         {"Seoul", "seoul", "place", NULL},
                                         {NULL, NULL, NULL, NULL}};
    static const struct spec people[] = {
        {"Jim Mattis", "jim-mattis", "person", "U.S. Secretary of Defense"},
        {"Tomomi Inada", "tomomi-inada", "person", "Minister of Defense of Japan"},
        {NULL, NULL, NULL, NULL}};
    struct ingest_meeting_result res = {0};

    /* Put back to a new date: the slot called off and the new meeting, both in Tokyo. */
    CHECK(extract("Japan and the United States have postponed a two-plus-two meeting that was "
                  "set for Thursday in Tokyo, and will instead hold it there on March 3.",
                  places, "2020-02-24", NULL, &res) == 0);
    CHECK(res.count == 2);
    if (res.count == 2) {
        CHECK_STR(res.mentions[0].status, "cancelled");
        CHECK_STR(res.mentions[0].date, "2020-02-27"); /* the Thursday the plan was for */
        CHECK_STR(res.mentions[0].place_id, "tokyo");
        CHECK_STR(res.mentions[1].kind, "scc");
        CHECK_STR(res.mentions[1].status, "scheduled");
        CHECK_STR(res.mentions[1].date, "2020-03-03");
        CHECK_STR(res.mentions[1].place_id, "tokyo"); /* "there" */
    }
    ingest_meeting_result_clear(&res);

    /* No document date: the dateline's date anchors "on Tuesday". */
    CHECK(extract("SEOUL, May 2, 2018 \xE2\x80\x94 Officials of the two governments met here on "
                  "Tuesday.",
                  places, NULL, "SEOUL", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "working-level");
        CHECK_STR(res.mentions[0].date, "2018-05-01");
        CHECK_STR(res.mentions[0].place_id, "seoul");
    }
    ingest_meeting_result_clear(&res);

    /* A 2+2 of Japan with a third country, and the series named again without the countries. */
    CHECK(extract("Japan and the Philippines held their first two-plus-two talks in Tokyo on "
                  "Saturday. The next such meeting will be held next year.",
                  places, "2019-06-02", NULL, &res) == 0);
    CHECK(res.count == 2);
    for (size_t i = 0; i < res.count; i++) {
        CHECK_STR(res.mentions[i].kind, "other");
        CHECK(res.mentions[i].participant_count == 0); /* no U.S. seats resolved */
    }
    ingest_meeting_result_clear(&res);

    /* A Japanese-style date. */
    CHECK(extract("Japan and the United States held a 2+2 in Tokyo (2021\xE5\xB9\xB4"
                  "3\xE6\x9C\x88" "16\xE6\x97\xA5).",
                  places, "2021-04-01", NULL, &res) == 0);
    CHECK(res.count == 1 && strcmp(res.mentions[0].date, "2021-03-16") == 0);
    ingest_meeting_result_clear(&res);

    /* "announced ... after talks": the talks took place, so "Saturday" is the one before. */
    CHECK(extract("The United States will send more ships to the region, Jim Mattis announced on "
                  "Saturday after talks here with Tomomi Inada.",
                  people, "2017-02-05", "TOKYO", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "ministerial");
        CHECK_STR(res.mentions[0].status, "held");
        CHECK_STR(res.mentions[0].date, "2017-02-04");
        CHECK_STR(res.mentions[0].place_id, "tokyo");
    }
    ingest_meeting_result_clear(&res);

    /* "he had met ... here": the minister the sentence before opens with, and one of
     * neither ally whose office the text does not give. */
    static const struct spec hague[] = {
        {"Takeshi Iwaya", "takeshi-iwaya", "person", NULL},
        {"Jens Lindqvist", "jens-lindqvist", "person", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Foreign Minister Takeshi Iwaya arrived for the conference. On Tuesday, he had "
                  "met Jens Lindqvist here and agreed to share technology.",
                  hague, "2025-06-26", "THE HAGUE", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "other");
        CHECK_STR(res.mentions[0].date, "2025-06-24");
        CHECK_STR(res.mentions[0].place_name, "The Hague");
        CHECK(has_participant(&res.mentions[0], "takeshi-iwaya", "text"));
        CHECK(has_participant(&res.mentions[0], "jens-lindqvist", "text"));
    }
    ingest_meeting_result_clear(&res);

    /* A name listed after the four offices holds one of them. */
    static const struct spec four[] = {
        {"Taro Kono", "taro-kono", "person", NULL},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", NULL},
        {"Mike Pompeo", "mike-pompeo", "person", NULL},
        {"Pat Smithers", "pat-smithers", "person", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Japan and the United States held a two-plus-two meeting on Friday. The two "
                  "countries' foreign and defense ministers -- Taro Kono, Takeshi Iwaya, Mike "
                  "Pompeo and Pat Smithers -- agreed to work together in space.",
                  four, "2019-04-20", NULL, &res) == 0);
    CHECK(res.count == 1 && has_participant(&res.mentions[0], "pat-smithers", NULL) &&
          res.mentions[0].participant_count == 4);
    ingest_meeting_result_clear(&res);

    /* "the attacks of Sept. 11" date the attacks; "not ... until" dates the next meeting. */
    CHECK(extract("Japan and the United States held a 2+2 in Tokyo in 2000. A session planned "
                  "for 2001 was dropped after the attacks of Sept. 11, and the forum did not "
                  "meet again until December 2002.",
                  places, "2010-01-01", NULL, &res) == 0);
    CHECK(res.count == 3);
    if (res.count == 3) {
        CHECK_STR(res.mentions[1].status, "cancelled");
        CHECK_STR(res.mentions[1].date, "2001");
        CHECK_STR(res.mentions[2].status, "held");
        CHECK_STR(res.mentions[2].date, "2002-12");
    }
    ingest_meeting_result_clear(&res);
}

/* Rules from the fourth held-out batch. */
static void test_batch4_rules(void)
{
    static const struct spec places[] = {{"Tokyo", "tokyo", "place", NULL},
                                         {"Hiroshima", "hiroshima", "place", NULL},
                                         {NULL, NULL, NULL, NULL}};
    struct ingest_meeting_result res = {0};

    /* A summit of the "Group of Seven" spelled out is multilateral, as "G7" is; a summit of
     * the two is still one. */
    CHECK(extract("Japan wants to brief its allies before it hosts the Group of Seven summit "
                  "in Hiroshima.",
                  places, "2022-12-16", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);
    CHECK(extract("Japan and the United States held a summit in Tokyo on Monday.", places,
                  "2022-12-16", NULL, &res) == 0);
    CHECK(res.count == 1);
    ingest_meeting_result_clear(&res);

    /* "the Committee last met", after a summit is recalled: the committee named before, its
     * previous meeting. */
    static const struct spec cities[] = {{"Washington", "washington-dc", "place", NULL},
                                         {"New York", "new-york", "place", NULL},
                                         {NULL, NULL, NULL, NULL}};
    CHECK(extract("The ministers met in Washington for a meeting of the Security Consultative "
                  "Committee. Recalling the summit in Washington in February, they reaffirmed "
                  "the treaty. They reviewed progress since the Committee last met, in April "
                  "2015 in New York.",
                  cities, "2017-08-17", NULL, &res) == 0);
    int found = 0;
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].date, "2015-04") == 0) {
            found = 1;
            CHECK_STR(res.mentions[i].kind, "scc");
            CHECK_STR(res.mentions[i].status, "held");
        }
    CHECK(found);
    ingest_meeting_result_clear(&res);
    /* a committee the text has not named is not the SCC */
    CHECK(extract("Recalling the summit in Washington in February, the ministers reaffirmed "
                  "the treaty. They reviewed progress since the committee last met, in April "
                  "2015 in New York.",
                  cities, "2017-08-17", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(strcmp(res.mentions[i].kind, "scc") != 0);
    ingest_meeting_result_clear(&res);

    /* In a story about the 2+2, the ministers agreeing to act by a deadline is what the
     * meeting decided, not another meeting then; a plain date still tells of one. */
    CHECK(extract("Japan and the United States held a two-plus-two in Tokyo on Thursday. The "
                  "four ministers agreed to revise the guidelines by the end of 2014.",
                  places, "2013-10-09", NULL, &res) == 0);
    CHECK(res.count == 1);
    ingest_meeting_result_clear(&res);
    CHECK(extract("Japan and the United States held a two-plus-two in Tokyo on Thursday. In "
                  "2006 the ministers endorsed a roadmap.",
                  places, "2013-10-09", NULL, &res) == 0);
    CHECK(res.count == 2);
    ingest_meeting_result_clear(&res);

    /* Talks that are the purpose of a trip hoped for are hoped for too; talks after a trip
     * that took place are held. */
    static const struct spec trip[] = {
        {"Fumio Kishida", "fumio-kishida", "person", "Prime Minister of Japan"},
        {"Joe Biden", "joe-biden", "person", "President of the United States"},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Prime Minister Fumio Kishida also hopes to travel to Washington for talks "
                  "with President Joe Biden, officials said, although no date has been fixed.",
                  trip, "2022-12-16", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].status, "proposed");
    ingest_meeting_result_clear(&res);
    CHECK(extract("Prime Minister Fumio Kishida traveled to Washington for talks with President "
                  "Joe Biden, officials said.",
                  trip, "2022-12-16", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].status, "held");
    ingest_meeting_result_clear(&res);

    /* A held meeting with no date takes the day of the lead just before it, or of the
     * sentence before it when tied to it ("hours before"); not of another sentence. */
    static const struct spec four[] = {
        {"Hillary Clinton", "hillary-clinton", "person", "U.S. Secretary of State"},
        {"Robert Gates", "robert-gates", "person", "U.S. Secretary of Defense"},
        {"Takeaki Matsumoto", "takeaki-matsumoto", "person",
         "Minister for Foreign Affairs of Japan"},
        {"Toshimi Kitazawa", "toshimi-kitazawa", "person", "Minister of Defense of Japan"},
        {NULL, NULL, NULL, NULL}};
    const char *lead = "The United States and Japan on Tuesday gave up on a goal.\n\nHillary "
                       "Clinton and Robert Gates met Takeaki Matsumoto and Toshimi Kitazawa for "
                       "two-plus-two talks.";
    CHECK(extract(lead, four, "2011-06-22", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2011-06-21");
    ingest_meeting_result_clear(&res);
    const char *later = "A quiet week\n\nThe United States and Japan on Tuesday gave up on a "
                        "goal.\n\nHillary Clinton and Robert Gates met Takeaki Matsumoto and "
                        "Toshimi Kitazawa for two-plus-two talks.";
    CHECK(extract(later, four, "2011-06-22", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "");
    ingest_meeting_result_clear(&res);
    const char *headline = "Alliance notes, 2011-06-21\n\nHillary Clinton and Robert Gates met "
                           "Takeaki Matsumoto and Toshimi Kitazawa for two-plus-two talks.";
    CHECK(extract(headline, four, "2011-06-22", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, ""); /* a headline's date, not a lead's */
    ingest_meeting_result_clear(&res);
    const char *tied = "A quiet week\n\nOn Tuesday Hillary Clinton and Robert Gates visited "
                       "a cemetery.\n\nThe visit came hours before the two secretaries sat "
                       "down with Takeaki Matsumoto and Toshimi Kitazawa for two-plus-two talks.";
    CHECK(extract(tied, four, "2011-06-22", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2011-06-21");
    ingest_meeting_result_clear(&res);

    /* Two ministers meeting who "talked about convening a two-plus-two": their meeting has
     * the date, place and persons; the 2+2 is wished for and has none. */
    static const struct spec sidelines[] = {
        {"Gen Nakatani", "gen-nakatani", "person", "Minister of Defense of Japan"},
        {"Pete Hegseth", "pete-hegseth", "person", "U.S. Secretary of Defense"},
        {"Singapore", "singapore", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth, meeting in "
                  "Singapore at the end of May, talked about convening a two-plus-two at an "
                  "early date.",
                  sidelines, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 2);
    for (size_t i = 0; i < res.count; i++) {
        const struct ingest_meeting_mention *m = &res.mentions[i];
        if (strcmp(m->kind, "scc") == 0) {
            CHECK_STR(m->status, "proposed");
            CHECK_STR(m->date, "");
            CHECK(m->place_id == NULL);
            CHECK(m->participant_count == 0);
        } else {
            CHECK_STR(m->status, "held");
            CHECK_STR(m->date, "2025-05");
            CHECK_STR(m->place_id, "singapore");
        }
    }
    ingest_meeting_result_clear(&res);
    /* a 2+2 that is the first trigger is their meeting itself */
    CHECK(extract("Gen Nakatani and Pete Hegseth held a two-plus-two in Singapore at the end of "
                  "May.",
                  sidelines, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].status, "held");
    ingest_meeting_result_clear(&res);

    /* Offices held on the date the sentence gives, years before the document's. */
    static const struct spec past[] = {{"John Kerry", "john-kerry", "person", NULL},
                                       {"Ashton Carter", "ashton-carter", "person", NULL},
                                       {"Fumio Kishida", "fumio-kishida", "person", NULL},
                                       {"Gen Nakatani", "gen-nakatani", "person", NULL},
                                       {NULL, NULL, NULL, NULL}};
    CHECK(extract("In April 2015, John Kerry and Ashton Carter sat down with Fumio Kishida and "
                  "Gen Nakatani to approve new guidelines.",
                  past, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].date, "2015-04");
        CHECK(has_participant(&res.mentions[0], "john-kerry", NULL));
        CHECK(has_participant(&res.mentions[0], "fumio-kishida", NULL));
    }
    ingest_meeting_result_clear(&res);
    /* no date in the sentence: no office of the past is guessed */
    CHECK(extract("John Kerry and Ashton Carter sat down with Fumio Kishida to approve new "
                  "guidelines.",
                  past, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);

    /* In a story about the 2+2, "the ministers agreed" in a clause naming no party tells of
     * a meeting then, though a later clause names a country; not when its own clause does. */
    CHECK(extract("Japan and the United States held a two-plus-two in Tokyo in 2021. In January "
                  "2023 the ministers agreed to turn a regiment into a lighter unit, and later "
                  "work began on U.S. Forces Japan.",
                  places, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 2);
    if (res.count == 2)
        CHECK_STR(res.mentions[1].date, "2023-01");
    ingest_meeting_result_clear(&res);
    CHECK(extract("Japan and the United States held a two-plus-two in Tokyo in 2021. In January "
                  "2023 the ministers agreed to help Japan buy missiles.",
                  places, "2025-06-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    ingest_meeting_result_clear(&res);

    /* "today's discussion": a date in the possessive dates the noun it owns, not the summit
     * the sentence reports; "Friday's summit" dates the summit. */
    static const struct spec leaders[] = {
        {"Donald Trump", "donald-trump", "person", "President of the United States"},
        {"Shinzo Abe", "shinzo-abe", "person", "Prime Minister of Japan"},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("President Donald Trump and Prime Minister Shinzo Abe will meet next week, and "
                  "today's discussion will feed directly into that summit.",
                  leaders, "2019-04-19", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2019-04");
    ingest_meeting_result_clear(&res);
    CHECK(extract("President Donald Trump and Prime Minister Shinzo Abe are preparing. Friday's "
                  "summit will focus on trade.",
                  leaders, "2019-04-23", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2019-04-26");
    ingest_meeting_result_clear(&res);

    /* "Australia and the United States ... held their annual consultations": a meeting of
     * one ally with a third country; "their" with no pair named refers to nothing. */
    CHECK(extract("Australia and the United States agreed to make missiles as the two allies "
                  "held their annual consultations.",
                  places, "2023-07-29", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "other");
        CHECK_STR(res.mentions[0].status, "held");
    }
    ingest_meeting_result_clear(&res);
    CHECK(extract("Officials said the two sides held their annual consultations.", places,
                  "2023-07-29", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);

    /* "from Ottawa, where he had met Canadian Prime Minister ...": "he" is the one this
     * sentence opens with; "Canadian" makes the prime minister another country's. */
    static const struct spec ottawa[] = {
        {"Kishida", "fumio-kishida", "person", "Prime Minister of Japan"},
        {"Justin Trudeau", "justin-trudeau", "person", "Prime Minister"},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Kishida reached Washington from Ottawa, where he had met Canadian Prime "
                  "Minister Justin Trudeau on Thursday.",
                  ottawa, "2023-01-13", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "summit"); /* two heads of government */
        CHECK_STR(res.mentions[0].date, "2023-01-12");
        CHECK(has_participant(&res.mentions[0], "fumio-kishida", NULL));
        CHECK(has_participant(&res.mentions[0], "justin-trudeau", NULL));
    }
    ingest_meeting_result_clear(&res);

    /* A transcript's "I" is the speaker the paragraph's label names; not in another
     * paragraph, and not when the name opening the sentence is no label. */
    static const struct spec talk[] = {
        {"POMPEO", "mike-pompeo", "person", "Secretary of State"},
        {"Pompeo", "mike-pompeo", "person", "Secretary of State"},
        {"Kono", "taro-kono", "person", "Minister for Foreign Affairs of Japan"},
        {"Iwaya", "takeshi-iwaya", "person", "Minister of Defense of Japan"},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("SECRETARY POMPEO: Good afternoon. I was glad to welcome Foreign Minister Kono "
                  "and Defense Minister Iwaya today for a productive meeting.",
                  talk, "2019-04-19", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "scc");
        CHECK(has_participant(&res.mentions[0], "mike-pompeo", NULL));
    }
    ingest_meeting_result_clear(&res);
    CHECK(extract("SECRETARY POMPEO: Good afternoon.\n\nI was glad to welcome Foreign Minister "
                  "Kono and Defense Minister Iwaya today for a productive meeting.",
                  talk, "2019-04-19", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(!has_participant(&res.mentions[i], "mike-pompeo", NULL));
    ingest_meeting_result_clear(&res);
    CHECK(extract("Mr. Pompeo spoke first: Good afternoon. I was glad to welcome Foreign Minister "
                  "Kono and Defense Minister Iwaya today for a productive meeting.",
                  talk, "2019-04-19", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(!has_participant(&res.mentions[i], "mike-pompeo", NULL));
    ingest_meeting_result_clear(&res);
}

/* What heldout4 left, each in other words: "here" placed by the text's own "here in X"
 * with no dateline (else no place), "the <region> capital" as the dateline city, a date tied
 * across ", as", a minister in a story that never names Japan, "last <month>'s round". */
static void test_batch4_left(void)
{
    struct ingest_meeting_result res = {0};
    static const struct spec leaders[] = {
        {"Joe Biden", "joe-biden", "person", "President of the United States"},
        {"Fumio Kishida", "fumio-kishida", "person", "Prime Minister of Japan"},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    const char *summit = NULL;

    /* "here" with no dateline: the place "here in Tokyo" names, said later in the text */
    CHECK(extract("President Joe Biden and Prime Minister Fumio Kishida will meet here next "
                  "month. The last two-plus-two was held here in Tokyo in January.",
                  leaders, "2023-04-20", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].kind, "summit") == 0) {
            summit = res.mentions[i].place_id ? res.mentions[i].place_id : "";
            CHECK_STR(res.mentions[i].date, "2023-05");
        }
    CHECK_STR(summit, "tokyo");
    ingest_meeting_result_clear(&res);
    /* ... and none when the text never says where "here" is */
    summit = NULL;
    CHECK(extract("President Joe Biden and Prime Minister Fumio Kishida will meet here next "
                  "month. The last two-plus-two was held in Tokyo in January.",
                  leaders, "2023-04-20", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].kind, "summit") == 0)
            summit = res.mentions[i].place_id ? res.mentions[i].place_id : "";
    CHECK_STR(summit, "");
    ingest_meeting_result_clear(&res);

    /* "the Hokkaido capital" under a SAPPORO dateline is Sapporo, not Hokkaido; a date tied
     * across ", as" */
    static const struct spec north[] = {
        {"Antony Blinken", "antony-blinken", "person", "U.S. Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "U.S. Secretary of Defense"},
        {"Yoko Kamikawa", "yoko-kamikawa", "person", "Minister for Foreign Affairs of Japan"},
        {"Minoru Kihara", "minoru-kihara", "person", "Minister of Defense of Japan"},
        {"Hokkaido", "hokkaido", "place", NULL},
        {"Japan", "japan", "country", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Japan and the United States agreed on Sunday to upgrade their command ties, "
                  "as Antony Blinken, Lloyd Austin, Yoko Kamikawa and Minoru Kihara held their "
                  "two-plus-two talks in the Hokkaido capital.",
                  north, "2024-07-28", "SAPPORO", &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "scc");
        CHECK_STR(res.mentions[0].place_name, "Sapporo");
        CHECK_STR(res.mentions[0].date, "2024-07-28");
    }
    ingest_meeting_result_clear(&res);
    /* "the Japanese capital" under a WASHINGTON dateline is not Washington */
    static const struct spec jp_capital[] = {
        {"Japanese", "japan", "country", NULL},
        {"Japan", "japan", "country", NULL},
        {"United States", "united-states", "country", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Japan and the United States will hold a meeting in the Japanese capital "
                  "next month.",
                  jp_capital, "2024-07-28", "WASHINGTON", &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(res.mentions[i].place_name == NULL);
    ingest_meeting_result_clear(&res);

    /* Ministers in a story that never names Japan are not Japan's: an allied "other"
     * meeting, not a 2+2; "last September's round" is another one, held, whose reporter
     * is not made one of its participants. */
    static const struct spec canada[] = {
        {"Melanie Joly", "melanie-joly", "person", "Foreign Minister"},
        {"Joly", "melanie-joly", "person", "Foreign Minister"},
        {"Bill Blair", "bill-blair", "person", "Defence Minister"},
        {"Antony Blinken", "antony-blinken", "person", "Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "Defense Secretary"},
        {"Washington", "washington-dc", "place", NULL},
        {"Canada", "canada", "country", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Canada and the United States held their annual consultations on Friday. "
                  "Foreign Minister Melanie Joly and Defence Minister Bill Blair hosted Antony "
                  "Blinken and Lloyd Austin for the talks.\n\nJoly said the steps agreed at "
                  "last September's round in Washington had all been taken.",
                  canada, "2024-08-10", "OTTAWA", &res) == 0);
    int other = 0, earlier = 0;
    for (size_t i = 0; i < res.count; i++) {
        const struct ingest_meeting_mention *m = &res.mentions[i];
        CHECK(strcmp(m->kind, "scc") != 0);
        if (strcmp(m->date, "2024-08-09") == 0) {
            other++;
            CHECK_STR(m->kind, "other");
            CHECK(has_participant(m, "melanie-joly", NULL));
            CHECK(has_participant(m, "lloyd-austin", NULL));
        }
        if (strcmp(m->date, "2023-09") == 0) {
            earlier++;
            CHECK_STR(m->status, "held");
            CHECK_STR(m->place_id, "washington-dc");
            CHECK(!has_participant(m, "melanie-joly", NULL));
        }
    }
    CHECK(other == 1 && earlier == 1);
    ingest_meeting_result_clear(&res);
    /* "round" is no meeting in "a round of sanctions" or "year-round" */
    CHECK(extract("Canada and the United States held their annual consultations on Friday. "
                  "They discussed the latest round of sanctions and year-round patrols.",
                  canada, "2024-08-10", NULL, &res) == 0);
    CHECK(res.count == 1);
    ingest_meeting_result_clear(&res);
}

/* Rules from the heldout6-mfix texts, in other words: an interview's "you" and "I", a
 * question that reports no status, "hold one" for the meeting just named, a day after the
 * document date is not held, a listing's venue and city after commas, a date that belongs
 * to what is "about" the meeting. */
static void test_heldout6_rules(void)
{
    struct ingest_meeting_result res = {0};
    static const struct spec talk[] = {
        {"Yoko Kamikawa", "yoko-kamikawa", "person", "Minister for Foreign Affairs of Japan"},
        {"Antony Blinken", "antony-blinken", "person", "U.S. Secretary of State"},
        {"Blinken", "antony-blinken", "person", "U.S. Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "U.S. Secretary of Defense"},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};

    /* "you" asked, "I" answering: the person the opening names */
    CHECK(extract("A conversation with Foreign Minister Yoko Kamikawa\n\nQ: Did you see "
                  "Secretary Antony Blinken here last week?\n\nA: Yes. I held talks with "
                  "Secretary Blinken here in Washington on Tuesday.\n\nQ: Is a two-plus-two "
                  "planned?\n\nA: We hope to convene one with Secretary Blinken and Secretary "
                  "Lloyd Austin in the spring.",
                  talk, "2023-10-06", NULL, &res) == 0);
    int met = 0, wished = 0;
    for (size_t i = 0; i < res.count; i++) {
        const struct ingest_meeting_mention *m = &res.mentions[i];
        if (strcmp(m->kind, "ministerial") == 0) {
            met++;
            CHECK_STR(m->status, "held");
            CHECK_STR(m->date, "2023-10-03");
            CHECK_STR(m->place_id, "washington-dc");
            CHECK(has_participant(m, "yoko-kamikawa", NULL));
            CHECK(has_participant(m, "antony-blinken", NULL));
        }
        if (strcmp(m->kind, "scc") == 0) {
            wished++;
            CHECK_STR(m->status, "proposed"); /* the question says nothing; the answer does */
            CHECK(has_participant(m, "lloyd-austin", NULL));
        }
    }
    CHECK(met == 1 && wished == 1);
    ingest_meeting_result_clear(&res);
    /* without "Q:" lines, "you" is nobody */
    CHECK(extract("A conversation with Foreign Minister Yoko Kamikawa\n\nDid you see "
                  "Secretary Antony Blinken at the talks last week?",
                  talk, "2023-10-06", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(!has_participant(&res.mentions[i], "yoko-kamikawa", NULL));
    ingest_meeting_result_clear(&res);

    /* A listing: the day after the document's is set, not held; venue and city after commas;
     * a place followed by a verb is no listed place */
    static const struct spec list[] = {
        {"Joe Biden", "joe-biden", "person", "President of the United States"},
        {"Fumio Kishida", "fumio-kishida", "person", "Prime Minister of Japan"},
        {"Tokyo", "tokyo", "place", NULL},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("2023-05-18 — Japan-U.S. summit meeting, Akasaka Palace, Tokyo: President Joe "
                  "Biden and Prime Minister Fumio Kishida.",
                  list, "2023-05-15", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "scheduled");
        CHECK_STR(res.mentions[0].date, "2023-05-18");
        CHECK_STR(res.mentions[0].place_id, "tokyo");
        CHECK_STR(res.mentions[0].venue, "Akasaka Palace");
    }
    ingest_meeting_result_clear(&res);
    CHECK(extract("President Joe Biden and Prime Minister Fumio Kishida met on May 18 for a "
                  "summit, Washington said.",
                  list, "2023-05-19", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "held");
        CHECK(res.mentions[0].place_name == NULL);
    }
    ingest_meeting_result_clear(&res);

    /* "A statement on Friday about the summit": Friday is the statement's */
    CHECK(extract("A statement on Friday about the summit between President Joe Biden and Prime "
                  "Minister Fumio Kishida gave no date for it.",
                  list, "2023-05-19", NULL, &res) == 0);
    for (size_t i = 0; i < res.count; i++)
        CHECK(strcmp(res.mentions[i].date, "2023-05-19") != 0);
    ingest_meeting_result_clear(&res);
}

/* Rules from heldout5-open's misses, in other wordings. */
static const struct ingest_meeting_mention *find_kind(const struct ingest_meeting_result *res,
                                                      const char *kind)
{
    for (size_t i = 0; i < res->count; i++)
        if (strcmp(res->mentions[i].kind, kind) == 0)
            return &res->mentions[i];
    return NULL;
}

static void test_heldout5_rules(void)
{
    struct ingest_meeting_result res = {0};
    const struct ingest_meeting_mention *m;
    static const struct spec trip[] = {
        {"Antony Blinken", "antony-blinken", "person", "U.S. Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "U.S. Secretary of Defense"},
        {"Penny Wong", "penny-wong", "person", "Foreign Minister"},
        {"Richard Marles", "richard-marles", "person", "Defence Minister"},
        {"Wong", "penny-wong", "person", NULL},
        {"Marles", "richard-marles", "person", NULL},
        {"Yoko Kamikawa", "yoko-kamikawa", "person", "Minister for Foreign Affairs of Japan"},
        {"Minoru Kihara", "minoru-kihara", "person", "Minister of Defense of Japan"},
        {"Kamikawa", "yoko-kamikawa", "person", "Minister for Foreign Affairs of Japan"},
        {"Kihara", "minoru-kihara", "person", "Minister of Defense of Japan"},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};

    /* another country's ministers as whom one ally's meet: not the SCC, and no seat of the
     * ally left out; "on Monday" of a set meeting is the next Monday (2023-10-26 is a Thursday) */
    CHECK(extract("Secretary of State Antony Blinken and Defense Secretary Lloyd Austin will go "
                  "on to Canberra and meet Australian Foreign Minister Penny Wong and Defence "
                  "Minister Richard Marles for a two-plus-two on Monday.",
                  trip, "2023-10-26", NULL, &res) == 0);
    CHECK(res.count == 1);
    if ((m = find_kind(&res, "other")) != NULL) {
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2023-10-30");
        CHECK(has_participant(m, "penny-wong", NULL) && has_participant(m, "richard-marles", NULL));
        CHECK(has_participant(m, "antony-blinken", NULL));
        CHECK(!has_participant(m, "yoko-kamikawa", NULL) &&
              !has_participant(m, "minoru-kihara", NULL));
    } else {
        CHECK(!"a 2+2 with Australia's ministers is kind other");
    }
    ingest_meeting_result_clear(&res);
    /* named again by family name only, they keep their country (a Monday within the terms of
     * Kamikawa and Kihara, from 2023-09-13: a past meeting takes the offices held on its day) */
    CHECK(extract("Australian Foreign Minister Penny Wong and Defence Minister Richard Marles "
                  "arrived on Sunday. Kamikawa and Kihara held a two-plus-two with Wong and "
                  "Marles in Tokyo on Monday.",
                  trip, "2023-10-26", NULL, &res) == 0);
    m = find_kind(&res, "other");
    CHECK(m != NULL && find_kind(&res, "scc") == NULL);
    if (m) {
        CHECK(has_participant(m, "yoko-kamikawa", NULL));
        CHECK(has_participant(m, "richard-marles", NULL));
        CHECK(!has_participant(m, "antony-blinken", NULL));
    }
    ingest_meeting_result_clear(&res);

    /* the day of a report and the day someone took office date no meeting */
    CHECK(extract("The ministry said on Monday that Foreign Minister Yoko Kamikawa will hold a "
                  "two-plus-two with Secretary of State Antony Blinken and Defense Secretary "
                  "Lloyd Austin in Tokyo on Thursday.",
                  trip, "2024-07-22", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2024-07-25");
    ingest_meeting_result_clear(&res);
    CHECK(extract("Blinken, Austin, Kamikawa and Kihara held a two-plus-two in Tokyo on "
                  "Tuesday, their first since the new cabinet took office in March.",
                  trip, "2024-07-24", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1)
        CHECK_STR(res.mentions[0].date, "2024-07-23");
    ingest_meeting_result_clear(&res);

    static const struct spec lead[] = {
        {"Joe Biden", "joe-biden", "person", "President of the United States"},
        {"Fumio Kishida", "fumio-kishida", "person", "Prime Minister of Japan"},
        {"Rishi Sunak", "rishi-sunak", "person", "Prime Minister"},
        {"Anthony Albanese", "anthony-albanese", "person", "Prime Minister"},
        {"Albanese", "anthony-albanese", "person", "Prime Minister"},
        {"Antony Blinken", "antony-blinken", "person", "U.S. Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "U.S. Secretary of Defense"},
        {"Yoko Kamikawa", "yoko-kamikawa", "person", "Minister for Foreign Affairs of Japan"},
        {"Minoru Kihara", "minoru-kihara", "person", "Minister of Defense of Japan"},
        {"Hiroshima", "hiroshima", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    /* "the meeting between <leader> and <leader>" after a 2+2: a summit, not that 2+2 */
    CHECK(extract("Antony Blinken, Lloyd Austin, Yoko Kamikawa and Minoru Kihara met in Tokyo on "
                  "Monday. The four look forward to the meeting between President Joe Biden and "
                  "Prime Minister Fumio Kishida on Friday.",
                  lead, "2024-07-23", NULL, &res) == 0);
    m = find_kind(&res, "summit");
    CHECK(m != NULL && find_kind(&res, "scc") != NULL);
    if (m) {
        CHECK(has_participant(m, "joe-biden", NULL) && has_participant(m, "fumio-kishida", NULL));
        CHECK(!has_participant(m, "antony-blinken", NULL));
        CHECK_STR(m->date, "2024-07-26");
    }
    ingest_meeting_result_clear(&res);
    /* two leaders of other countries meeting: a summit too */
    CHECK(extract("Prime Minister Rishi Sunak and Prime Minister Anthony Albanese met in London "
                  "on Tuesday.",
                  lead, "2023-05-19", NULL, &res) == 0);
    CHECK(res.count == 1 && find_kind(&res, "summit") != NULL);
    ingest_meeting_result_clear(&res);
    /* "would also hold" in what someone said: set, the next such day */
    CHECK(extract("Albanese told reporters that he and President Joe Biden would also hold a "
                  "meeting of their own in Hiroshima on Saturday.",
                  lead, "2023-05-17", NULL, &res) == 0);
    if ((m = find_kind(&res, "summit")) != NULL) {
        CHECK(strcmp(m->status, "held") != 0);
        CHECK_STR(m->date, "2023-05-20");
    } else {
        CHECK(!"a leaders' meeting is a summit");
    }
    ingest_meeting_result_clear(&res);
    /* two summits with different leaders stay apart; "Those plans are now off" calls off
     * the plan of the sentence before */
    CHECK(extract("President Joe Biden had been due to hold talks with Albanese during the trip. "
                  "Those plans are now off. Prime Minister Rishi Sunak is to hold talks with "
                  "Albanese in London on May 24.",
                  lead, "2023-05-17", NULL, &res) == 0);
    {
        int off = 0, set = 0;
        for (size_t i = 0; i < res.count; i++) {
            m = &res.mentions[i];
            if (strcmp(m->kind, "summit") != 0)
                continue;
            if (has_participant(m, "joe-biden", NULL)) {
                off++;
                CHECK_STR(m->status, "cancelled");
                CHECK(!has_participant(m, "rishi-sunak", NULL));
            } else if (has_participant(m, "rishi-sunak", NULL)) {
                set++;
                CHECK_STR(m->status, "scheduled");
                CHECK_STR(m->date, "2023-05-24");
            }
        }
        CHECK(off == 1 && set == 1);
    }
    ingest_meeting_result_clear(&res);
    /* the leaders of a group trying to meet: the group's meeting, not a summit of two */
    CHECK(extract("Albanese said the four Quad leaders -- himself, President Joe Biden, Prime "
                  "Minister Fumio Kishida and Prime Minister Rishi Sunak -- would try to meet in "
                  "Hiroshima instead.",
                  lead, "2023-05-17", NULL, &res) == 0);
    CHECK(find_kind(&res, "summit") == NULL);
    ingest_meeting_result_clear(&res);
    /* an invitation for an official visit: a summit proposed */
    CHECK(extract("President Joe Biden has invited Albanese to Washington for an official visit "
                  "later this year.",
                  lead, "2023-05-17", NULL, &res) == 0);
    if ((m = find_kind(&res, "summit")) != NULL) {
        CHECK_STR(m->status, "proposed");
        CHECK_STR(m->date, "2023");
    } else {
        CHECK(!"an official visit is a summit");
    }
    ingest_meeting_result_clear(&res);
    /* the talks, not the group's summit named on the way */
    CHECK(extract("Prime Minister Rishi Sunak, who had also been due in Sydney for the Quad "
                  "summit, is to hold talks with Albanese in Sydney on May 24.",
                  lead, "2023-05-17", NULL, &res) == 0);
    if ((m = find_kind(&res, "summit")) != NULL) {
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2023-05-24");
        CHECK(has_participant(m, "rishi-sunak", NULL));
    } else {
        CHECK(!"talks of two leaders are a summit");
    }
    ingest_meeting_result_clear(&res);
    /* "the group's summit" is the group's, not the two leaders' */
    CHECK(extract("Prime Minister Fumio Kishida said Japan would host the group's summit in "
                  "Hiroshima in May, and President Joe Biden said he would attend.",
                  lead, "2023-01-13", NULL, &res) == 0);
    CHECK(find_kind(&res, "summit") == NULL);
    ingest_meeting_result_clear(&res);

    /* "The four are also to hold ... the same day": the four just named, on the day and at
     * the place of the meeting before */
    CHECK(extract("The ministry announced on Friday that Yoko Kamikawa and Minoru Kihara will "
                  "hold a two-plus-two with Antony Blinken and Lloyd Austin in Tokyo on Sunday. "
                  "The four are also to hold a ministerial meeting on extended deterrence the "
                  "same day.",
                  trip, "2024-07-26", NULL, &res) == 0);
    if ((m = find_kind(&res, "ministerial")) != NULL) {
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2024-07-28");
        CHECK_STR(m->place_id, "tokyo");
        CHECK(has_participant(m, "antony-blinken", NULL));
        CHECK(has_participant(m, "minoru-kihara", NULL));
    } else {
        CHECK(!"a ministerial meeting by name");
    }
    if ((m = find_kind(&res, "scc")) != NULL)
        CHECK_STR(m->date, "2024-07-28"); /* Sunday, not the announcement's Friday */
    ingest_meeting_result_clear(&res);

    /* a series story: a plan "for <year>" dates the meeting planned; "the ministers did not
     * gather again until <month>" is the next meeting; "this year's meeting" is the one the
     * story is about, not another */
    static const struct spec series[] = {{NULL, NULL, NULL, NULL}};
    CHECK(extract("The Security Consultative Committee met in Tokyo in June 1999. A session the "
                  "two governments had set for 2003 was scrapped when the war began. The "
                  "ministers did not gather again until March 2005. This month's session is to be "
                  "held in Tokyo. If it goes well, this year's meeting may be remembered.",
                  series, "2024-07-10", NULL, &res) == 0);
    {
        int planned = 0, next = 0, now = 0;
        for (size_t i = 0; i < res.count; i++) {
            m = &res.mentions[i];
            if (strcmp(m->status, "cancelled") == 0 && strcmp(m->date, "2003") == 0)
                planned++;
            if (strcmp(m->status, "held") == 0 && strcmp(m->date, "2005-03") == 0)
                next++;
            if (strncmp(m->date, "2024", 4) == 0) {
                now++;
                CHECK_STR(m->status, "scheduled");
            }
        }
        if (!(planned == 1 && next == 1 && now == 1))
            for (size_t i = 0; i < res.count; i++)
                fprintf(stderr, "  %s/%s %s\n", res.mentions[i].kind, res.mentions[i].status,
                        res.mentions[i].date);
        CHECK(planned == 1 && next == 1 && now == 1);
    }
    ingest_meeting_result_clear(&res);

    /* "the first two-plus-two between the allies since January last year": that one was */
    CHECK(extract("Secretary of State Antony Blinken and Defense Secretary Lloyd Austin will "
                  "hold a two-plus-two with Kamikawa and Kihara in Tokyo on Sunday. It will be the "
                  "first two-plus-two between the allies since January last year, the last one "
                  "having been held in Washington.",
                  trip, "2024-07-26", NULL, &res) == 0);
    {
        int before = 0;
        for (size_t i = 0; i < res.count; i++)
            if (strcmp(res.mentions[i].date, "2023-01") == 0) {
                before++;
                CHECK_STR(res.mentions[i].status, "held");
            }
        CHECK(before == 1);
    }
    ingest_meeting_result_clear(&res);
}

/* Rules from heldout7-open's misses, in other wordings. */
static void test_heldout7_rules(void)
{
    struct ingest_meeting_result res = {0};
    const struct ingest_meeting_mention *m;

    /* a leader told through "he had met" another country's leader: a summit; a minister who
     * had met a leader stays another meeting */
    static const struct spec trip[] = {
        {"Ishiba", "shigeru-ishiba", "person", "Prime Minister of Japan"},
        {"Anthony Albanese", "anthony-albanese", "person", "Prime Minister"},
        {"Iwaya", "takeshi-iwaya", "person", "Minister for Foreign Affairs of Japan"},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Ishiba flew home from Canberra, where he had met Australian Prime Minister "
                  "Anthony Albanese on Sunday.",
                  trip, "2025-03-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].kind, "summit");
        CHECK_STR(res.mentions[0].date, "2025-03-02");
        CHECK(has_participant(&res.mentions[0], "shigeru-ishiba", NULL));
        CHECK(has_participant(&res.mentions[0], "anthony-albanese", NULL));
    }
    ingest_meeting_result_clear(&res);
    CHECK(extract("Iwaya flew home from Canberra, where he had met Australian Prime Minister "
                  "Anthony Albanese on Sunday.",
                  trip, "2025-03-04", NULL, &res) == 0);
    CHECK(res.count == 1 && strcmp(res.mentions[0].kind, "other") == 0);
    ingest_meeting_result_clear(&res);
    /* an itinerary in the present ("then flies to ... before holding talks"): set, and its
     * weekday counted forward (2025-03-04 is a Tuesday) */
    CHECK(extract("Ishiba then flies to Canberra before holding talks with Australian Prime "
                  "Minister Anthony Albanese on Thursday.",
                  trip, "2025-03-04", NULL, &res) == 0);
    CHECK(res.count == 1);
    if (res.count == 1) {
        CHECK_STR(res.mentions[0].status, "scheduled");
        CHECK_STR(res.mentions[0].date, "2025-03-06");
    }
    ingest_meeting_result_clear(&res);

    /* a timeline of the series: each "<year>: <place>, <date>." entry is a meeting of it,
     * dated in that year, placed there, with the officials its sentences name (their
     * offices read on the entry's date, not the document's) */
    static const struct spec past[] = {
        {"Mike Pompeo", "mike-pompeo", "person", "Secretary of State"},
        {"Taro Kono", "taro-kono", "person", "Foreign Minister"},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Defense Minister"},
        {"John Kerry", "john-kerry", "person", NULL},
        {"Chuck Hagel", "chuck-hagel", "person", NULL},
        {"Washington", "washington-dc", "place", NULL},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("The two-plus-two has met in many places since it began.\n\n"
                  "* 2019: Washington, April 19. Mike Pompeo welcomed Taro Kono and Takeshi "
                  "Iwaya, who signed off on a statement first drafted in 2017.\n\n"
                  "* 2013: Tokyo, in October. Both John Kerry and Chuck Hagel flew out for "
                  "it.\n\n",
                  past, "2022-02-01", NULL, &res) == 0);
    const struct ingest_meeting_mention *m19 = NULL, *m13 = NULL;
    for (size_t i = 0; i < res.count; i++) {
        if (strcmp(res.mentions[i].date, "2019-04-19") == 0)
            m19 = &res.mentions[i];
        if (strcmp(res.mentions[i].date, "2013-10") == 0)
            m13 = &res.mentions[i];
    }
    CHECK(m19 != NULL && m13 != NULL);
    if (m19) {
        CHECK_STR(m19->kind, "scc");
        CHECK(m19->place_id && strcmp(m19->place_id, "washington-dc") == 0);
        CHECK(has_participant(m19, "mike-pompeo", NULL) && has_participant(m19, "taro-kono", NULL));
    }
    if (m13) {
        CHECK_STR(m13->kind, "scc");
        CHECK(m13->place_id && strcmp(m13->place_id, "tokyo") == 0);
        CHECK(has_participant(m13, "john-kerry", NULL) && has_participant(m13, "chuck-hagel", NULL));
        CHECK(!has_participant(m13, "mike-pompeo", NULL));
    }
    for (size_t i = 0; i < res.count; i++)
        CHECK(strcmp(res.mentions[i].date, "2017") != 0); /* "first drafted in 2017" */
    ingest_meeting_result_clear(&res);
    /* the same entries in a text about no meeting series are no meetings */
    CHECK(extract("The choir has sung in many places.\n\n* 2013: Tokyo, in October. The hall "
                  "was full.\n\n",
                  past, "2022-02-01", NULL, &res) == 0);
    CHECK(res.count == 0);
    ingest_meeting_result_clear(&res);

    /* a plan told in the past, then undone through "it" in the next sentence: cancelled,
     * and its month and day the nearer one (May of the same year), not next year's */
    static const struct spec plan[] = {
        {"Marco Rubio", "marco-rubio", "person", "Secretary of State"},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Foreign Minister"},
        {"Pete Hegseth", "pete-hegseth", "person", "Defense Secretary"},
        {"Gen Nakatani", "gen-nakatani", "person", "Defense Minister"},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("A two-plus-two was planned for May 3 in Tokyo, where Secretary of State "
                  "Marco Rubio and Defense Secretary Pete Hegseth were to meet Foreign Minister "
                  "Takeshi Iwaya and Defense Minister Gen Nakatani. Washington called it off "
                  "after a quarrel over tariffs.",
                  plan, "2025-09-10", NULL, &res) == 0);
    m = res.count == 1 ? &res.mentions[0] : NULL;
    CHECK(m != NULL);
    if (m) {
        CHECK_STR(m->status, "cancelled");
        CHECK_STR(m->date, "2025-05-03");
    }
    ingest_meeting_result_clear(&res);
    /* "called it" something else undoes nothing */
    CHECK(extract("A two-plus-two was planned for May 3 in Tokyo, where Secretary of State "
                  "Marco Rubio and Defense Secretary Pete Hegseth were to meet Foreign Minister "
                  "Takeshi Iwaya and Defense Minister Gen Nakatani. Washington called it a "
                  "useful step.",
                  plan, "2025-09-10", NULL, &res) == 0);
    CHECK(res.count == 1 && strcmp(res.mentions[0].status, "cancelled") != 0);
    ingest_meeting_result_clear(&res);

    /* a release's "(Place: <city>)" line places a meeting the text puts only in a country;
     * the line alone, with no meeting placed by country, changes nothing */
    static const struct spec rel[] = {
        {"Marco Rubio", "marco-rubio", "person", "Secretary of State"},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Foreign Minister"},
        {"Pete Hegseth", "pete-hegseth", "person", "Defense Secretary"},
        {"Gen Nakatani", "gen-nakatani", "person", "Defense Minister"},
        {"Osaka", "osaka", "place", NULL},
        {"Manila", "manila", "place", NULL},
        {"Japan", "japan", "country", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("(Place: Osaka)\n\nOn May 3, Foreign Minister Takeshi Iwaya and Defense "
                  "Minister Gen Nakatani held a two-plus-two with Secretary of State Marco Rubio "
                  "and Defense Secretary Pete Hegseth, who were visiting Japan.",
                  rel, "2025-05-04", NULL, &res) == 0);
    CHECK(res.count == 1 && res.mentions[0].place_id &&
          strcmp(res.mentions[0].place_id, "osaka") == 0);
    ingest_meeting_result_clear(&res);
    CHECK(extract("(Place: Osaka)\n\nOn May 3, Foreign Minister Takeshi Iwaya and Defense "
                  "Minister Gen Nakatani held a two-plus-two with Secretary of State Marco Rubio "
                  "and Defense Secretary Pete Hegseth in Manila.",
                  rel, "2025-05-04", NULL, &res) == 0);
    CHECK(res.count == 1 && res.mentions[0].place_id &&
          strcmp(res.mentions[0].place_id, "manila") == 0);
    ingest_meeting_result_clear(&res);

    /* a "ministerial-level meeting" the same day as the 2+2, of "the same four officials":
     * another meeting, of those four */
    CHECK(extract("Secretary of State Marco Rubio and Defense Secretary Pete Hegseth held a "
                  "two-plus-two with Foreign Minister Takeshi Iwaya and Defense Minister Gen "
                  "Nakatani in Osaka on Saturday. Later Saturday, the same four officials "
                  "gathered for a ministerial-level meeting on missile defense.",
                  rel, "2025-05-04", NULL, &res) == 0);
    CHECK(find_kind(&res, "scc") != NULL);
    if ((m = find_kind(&res, "ministerial")) != NULL) {
        CHECK_STR(m->date, "2025-05-03");
        CHECK(has_participant(m, "marco-rubio", NULL) && has_participant(m, "gen-nakatani", NULL));
    } else {
        CHECK(!"a ministerial-level meeting is a meeting of kind ministerial");
    }
    ingest_meeting_result_clear(&res);

    /* "when their predecessors last met": the series' meeting before, with its own date and
     * place and none of today's ministers */
    CHECK(extract("Secretary of State Marco Rubio and Defense Secretary Pete Hegseth held a "
                  "two-plus-two with Foreign Minister Takeshi Iwaya and Defense Minister Gen "
                  "Nakatani in Osaka on Saturday. When their predecessors last met in this "
                  "format, in Manila in March 2023, the talks were short.",
                  rel, "2025-05-04", NULL, &res) == 0);
    const struct ingest_meeting_mention *prev = NULL;
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].date, "2023-03") == 0)
            prev = &res.mentions[i];
    CHECK(res.count == 2 && prev != NULL);
    if (prev) {
        CHECK_STR(prev->kind, "scc");
        CHECK(prev->place_id && strcmp(prev->place_id, "manila") == 0);
        CHECK(!has_participant(prev, "marco-rubio", NULL));
    }
    ingest_meeting_result_clear(&res);

    /* a titled minister the gazetteer lacks ("Defence Secretary Gavin Williamson") holds that
     * office in another country: the gazetteer lists every holder of the four 2+2 seats, so
     * his talks with Japan's two ministers are not a two-plus-two */
    static const struct spec uk[] = {
        {"Gavin Williamson", "gavin-williamson", "person", "Defence Secretary"},
        {"Jeremy Hunt", "jeremy-hunt", "person", "Foreign Secretary"},
        {"Taro Kono", "taro-kono", "person", "Foreign Minister"},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Defense Minister"},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Defence Secretary Gavin Williamson and Foreign Secretary Jeremy Hunt held a "
                  "two-plus-two with "
                  "Foreign Minister Taro Kono and Defense Minister Takeshi Iwaya in Tokyo on "
                  "Monday.",
                  uk, "2019-01-09", NULL, &res) == 0);
    CHECK(res.count == 1 && find_kind(&res, "scc") == NULL);
    CHECK(res.count == 1 && has_participant(&res.mentions[0], "gavin-williamson", NULL));
    ingest_meeting_result_clear(&res);
}

/* Rules drawn from heldout8-open (first scored at 0f5192c). */
static void test_heldout8_rules(void)
{
    struct ingest_meeting_result res = {0};
    const struct ingest_meeting_mention *m;
    static const struct spec sp[] = {
        {"Fumio Kishida", "fumio-kishida", "person", "Foreign Minister"},
        {"Itsunori Onodera", "itsunori-onodera", "person", "Defense Minister"},
        {"John Kerry", "john-kerry", "person", "Secretary of State"},
        {"Chuck Hagel", "chuck-hagel", "person", "Defense Secretary"},
        {"Onodera", "itsunori-onodera", "person", NULL},
        {"Hagel", "chuck-hagel", "person", NULL},
        {"Tokyo", "tokyo", "place", NULL},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};

    /* arrangements under way are a plan, dated forward; a plan's condition ("if realized")
     * and its "first ... since" do not make it held; "previous sessions" are no one meeting;
     * "the meeting will" after a held one is the plan */
    CHECK(extract("Japan and the United States are arranging to hold a two-plus-two with "
                  "Foreign Minister Fumio Kishida, Defense Minister Itsunori Onodera, Secretary "
                  "of State John Kerry and Defense Secretary Chuck Hagel in Tokyo in early "
                  "October. If realized, it would be the first such meeting since June 2011, and "
                  "the first time the four ministers have all gathered in Japan. Previous "
                  "sessions in Tokyo were held without the secretary of state. Onodera and Hagel "
                  "agreed to speed up the review when they met in Washington in late April. "
                  "Officials hope the meeting will show the alliance is strong.",
                  sp, "2013-09-03", NULL, &res) == 0);
    CHECK(res.count == 3);
    m = find_kind(&res, "scc");
    if (m) {
        CHECK_STR(m->status, "scheduled");
        CHECK_STR(m->date, "2013-10");
        CHECK(m->place_id && strcmp(m->place_id, "tokyo") == 0);
    }
    if ((m = find_kind(&res, "ministerial")) != NULL) {
        CHECK_STR(m->status, "held");
        CHECK_STR(m->date, "2013-04");
    } else {
        CHECK(!"the April talks of two ministers are a ministerial meeting");
    }
    for (size_t i = 0; i < res.count; i++)
        CHECK(strcmp(res.mentions[i].kind, "scc") != 0 || res.mentions[i].date[0] == 0 ||
              strcmp(res.mentions[i].date, "2013-10") == 0 ||
              strcmp(res.mentions[i].date, "2011-06") == 0);
    ingest_meeting_result_clear(&res);

    /* a "when" clause with a meeting of its own keeps its date and persons; "those plans
     * were put off" cancels the wished-for talks told just before */
    static const struct spec sc[] = {
        {"Hillary Clinton", "hillary-clinton", "person", "Secretary of State"},
        {"Seiji Maehara", "seiji-maehara", "person", "Foreign Minister"},
        {"Maehara", "seiji-maehara", "person", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("When Secretary of State Hillary Clinton hosted Foreign Minister Seiji Maehara "
                  "at the State Department on January 6, the two said the two-plus-two security "
                  "talks would take place in the coming months. Those plans were put off when "
                  "Maehara resigned.",
                  sc, "2011-06-21", NULL, &res) == 0);
    CHECK(res.count == 2);
    if ((m = find_kind(&res, "ministerial")) != NULL) {
        CHECK_STR(m->date, "2011-01-06");
        CHECK(has_participant(m, "seiji-maehara", NULL));
    } else {
        CHECK(!"Clinton hosting Maehara is a ministerial meeting");
    }
    if ((m = find_kind(&res, "scc")) != NULL) {
        CHECK_STR(m->status, "cancelled");
        CHECK_STR(m->date, "");
        CHECK(m->participant_count == 0);
    } else {
        CHECK(!"the talks put off are an scc");
    }
    ingest_meeting_result_clear(&res);

    /* "the two leaders" after two ministers are those ministers; "since Hamada took office
     * in August" dates no meeting; "the next meeting of the Security Consultative
     * Committee" is one meeting; a past meeting's participants hold the offices of its day
     * ("Hamada's predecessor, Nobuo Kishi") */
    static const struct spec dod[] = {
        {"Lloyd Austin", "lloyd-austin", "person", "Secretary of Defense"},
        {"Yasukazu Hamada", "yasukazu-hamada", "person", "Defense Minister"},
        {"Hamada", "yasukazu-hamada", "person", NULL},
        {"Austin", "lloyd-austin", "person", NULL},
        {"Antony Blinken", "antony-blinken", "person", "Secretary of State"},
        {"Yoshimasa Hayashi", "yoshimasa-hayashi", "person", "Foreign Minister"},
        {"Nobuo Kishi", "nobuo-kishi", "person", "Hamada's predecessor"},
        {"Pentagon", "the-pentagon", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Secretary of Defense Lloyd Austin hosted Japanese Defense Minister Yasukazu "
                  "Hamada at the Pentagon today before the two leaders sat down for talks. It "
                  "was the first meeting between the two men since Hamada took office in "
                  "August. They agreed to keep working ahead of the next meeting of the Security "
                  "Consultative Committee, which the two governments hope to hold soon. At the "
                  "last such meeting, held by video in January, Austin and Antony Blinken joined "
                  "Japanese Foreign Minister Yoshimasa Hayashi and Hamada's predecessor, Nobuo "
                  "Kishi.",
                  dod, "2022-09-14", NULL, &res) == 0);
    CHECK(res.count == 3 && find_kind(&res, "summit") == NULL);
    if ((m = find_kind(&res, "ministerial")) != NULL)
        CHECK_STR(m->date, "2022-09-14");
    else
        CHECK(!"Austin hosting Hamada is a ministerial meeting");
    const struct ingest_meeting_mention *last = NULL, *next = NULL;
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].kind, "scc") == 0) {
            if (strcmp(res.mentions[i].status, "held") == 0)
                last = &res.mentions[i];
            else
                next = &res.mentions[i];
        }
    CHECK(next != NULL && strcmp(next->status, "proposed") == 0);
    CHECK(last != NULL);
    if (last) {
        CHECK_STR(last->date, "2022-01");
        CHECK(has_participant(last, "nobuo-kishi", NULL));
        CHECK(!has_participant(last, "yasukazu-hamada", NULL));
    }
    ingest_meeting_result_clear(&res);

    /* a story about the series: "the same four ministers approved", a text "adopted at the
     * State Department in May 2006 by ...", one "approved in Washington on May 1, 2007"
     * whose ministers the next sentence names ("who had succeeded Rumsfeld" is not there);
     * "The next day" is the day after the meeting before */
    static const struct spec ser[] = {
        {"Condoleezza Rice", "condoleezza-rice", "person", NULL},
        {"Donald Rumsfeld", "donald-rumsfeld", "person", NULL},
        {"Nobutaka Machimura", "nobutaka-machimura", "person", NULL},
        {"Yoshinori Ohno", "yoshinori-ohno", "person", NULL},
        {"Taro Aso", "taro-aso", "person", NULL},
        {"Fukushiro Nukaga", "fukushiro-nukaga", "person", NULL},
        {"Robert Gates", "robert-gates", "person", NULL},
        {"Fumio Kyuma", "fumio-kyuma", "person", NULL},
        {"Rumsfeld", "donald-rumsfeld", "person", NULL},
        {"Rice", "condoleezza-rice", "person", NULL},
        {"Aso", "taro-aso", "person", NULL},
        {"John Kerry", "john-kerry", "person", "Secretary of State"},
        {"Ashton Carter", "ashton-carter", "person", "Defense Secretary"},
        {"Fumio Kishida", "fumio-kishida", "person", NULL},
        {"Gen Nakatani", "gen-nakatani", "person", NULL},
        {"Barack Obama", "barack-obama", "person", "President"},
        {"Shinzo Abe", "shinzo-abe", "person", "Prime Minister"},
        {"Washington", "washington-dc", "place", NULL},
        {"New York", "new-york", "place", NULL},
        {"White House", "white-house", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("The two-plus-two adopts a new text every few years. In February 2005, "
                  "Condoleezza Rice and Donald Rumsfeld met Nobutaka Machimura and Yoshinori "
                  "Ohno in Washington. In October 2005, the same four ministers approved a plan "
                  "for the Marines. The roadmap was adopted in Washington in May 2006 by Rice "
                  "and Rumsfeld with Taro Aso and Fukushiro Nukaga. The 2007 statement, approved "
                  "in Washington on May 1, 2007, was modest. Rice and Aso were joined by Robert "
                  "Gates, who had succeeded Rumsfeld, and by Fumio Kyuma. When John Kerry and "
                  "Ashton Carter met Fumio Kishida and Gen Nakatani in New York on April 27, "
                  "2015, they revised the guidelines. The next day, President Barack Obama "
                  "welcomed Prime Minister Shinzo Abe to the White House.",
                  ser, "2015-06-02", NULL, &res) == 0);
    CHECK(res.count == 6);
    int seen = 0;
    for (size_t i = 0; i < res.count; i++) {
        m = &res.mentions[i];
        if (strcmp(m->date, "2005-10") == 0) {
            seen |= 1;
            CHECK_STR(m->kind, "scc");
            CHECK(has_participant(m, "yoshinori-ohno", NULL));
        } else if (strcmp(m->date, "2006-05") == 0) {
            seen |= 2;
            CHECK(has_participant(m, "fukushiro-nukaga", NULL) &&
                  !has_participant(m, "nobutaka-machimura", NULL));
        } else if (strcmp(m->date, "2007-05-01") == 0) {
            seen |= 4;
            CHECK(has_participant(m, "robert-gates", NULL) &&
                  has_participant(m, "fumio-kyuma", NULL) &&
                  !has_participant(m, "donald-rumsfeld", NULL));
        } else if (strcmp(m->kind, "summit") == 0) {
            seen |= 8;
            CHECK_STR(m->date, "2015-04-28");
            CHECK_STR(m->status, "held");
        }
    }
    CHECK(seen == 15);
    ingest_meeting_result_clear(&res);

    /* a plan called off and the meeting "when the ministers finally met again" in one
     * sentence; a minister "not among them"; the next sentence's "took the Pentagon's seat",
     * "Japan sent"; a minister gone by then ("after Mattis resigned") */
    static const struct spec chairs[] = {
        {"Donald Rumsfeld", "donald-rumsfeld", "person", NULL},
        {"Paul Wolfowitz", "paul-wolfowitz", "person", NULL},
        {"Colin Powell", "colin-powell", "person", "Secretary of State"},
        {"Yoriko Kawaguchi", "yoriko-kawaguchi", "person", "Foreign Minister"},
        {"Shigeru Ishiba", "shigeru-ishiba", "person", NULL},
        {"Jim Mattis", "jim-mattis", "person", NULL},
        {"Patrick Shanahan", "patrick-shanahan", "person", NULL},
        {"Mike Pompeo", "mike-pompeo", "person", NULL},
        {"Taro Kono", "taro-kono", "person", "Foreign Minister"},
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Defense Minister"},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("The Security Consultative Committee first met at cabinet level in 1995. A "
                  "session planned for 2001 was called off after the attacks, and when the "
                  "ministers finally met again in Washington in December 2002, Donald Rumsfeld "
                  "was not among them. His deputy, Paul Wolfowitz, took the Pentagon's seat "
                  "beside Colin Powell, across from Yoriko Kawaguchi and Shigeru Ishiba. After "
                  "Jim Mattis resigned, Patrick Shanahan represented the Pentagon when the "
                  "committee met in Washington in April 2019. Mike Pompeo led for the State "
                  "Department; Japan sent Taro Kono and Takeshi Iwaya.",
                  chairs, "2019-05-20", NULL, &res) == 0);
    seen = 0;
    for (size_t i = 0; i < res.count; i++) {
        m = &res.mentions[i];
        if (strcmp(m->date, "2001") == 0) {
            seen |= 1;
            CHECK_STR(m->status, "cancelled");
        } else if (strcmp(m->date, "2002-12") == 0) {
            seen |= 2;
            CHECK_STR(m->status, "held");
            CHECK(has_participant(m, "paul-wolfowitz", NULL) &&
                  has_participant(m, "yoriko-kawaguchi", NULL) &&
                  !has_participant(m, "donald-rumsfeld", NULL));
        } else if (strcmp(m->date, "2019-04") == 0) {
            seen |= 4;
            CHECK(has_participant(m, "mike-pompeo", NULL) &&
                  has_participant(m, "takeshi-iwaya", NULL) &&
                  !has_participant(m, "jim-mattis", NULL));
        }
    }
    CHECK(seen == 7);
    ingest_meeting_result_clear(&res);

    /* "the first such meeting since the talks in Washington in January last year, and the
     * first two-plus-two held in Japan ...": the date is the talks'; "Following the talks,
     * the four ministers held a ministerial meeting": the same day and place, those four */
    static const struct spec nhk[] = {
        {"Kamikawa Yoko", "yoko-kamikawa", "person", "Foreign Minister"},
        {"Kihara Minoru", "minoru-kihara", "person", "Defense Minister"},
        {"Antony Blinken", "antony-blinken", "person", "Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "Defense Secretary"},
        {"Tokyo", "tokyo", "place", NULL},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Foreign Minister Kamikawa Yoko and Defense Minister Kihara Minoru met Secretary "
                  "of State Antony Blinken and Defense Secretary Lloyd Austin in Tokyo on Sunday "
                  "for two-plus-two talks. It was the first such meeting since the talks in "
                  "Washington in January last year, and the first two-plus-two held in Japan in "
                  "three years. Following the talks, the four ministers held a ministerial "
                  "meeting on extended deterrence.",
                  nhk, "2024-07-28", NULL, &res) == 0);
    CHECK(res.count == 3);
    if ((m = find_kind(&res, "ministerial")) != NULL) {
        CHECK_STR(m->date, "2024-07-28");
        CHECK(m->place_id && strcmp(m->place_id, "tokyo") == 0);
        CHECK(m->participant_count == 4 && has_participant(m, "minoru-kihara", NULL));
    } else {
        CHECK(!"the meeting on extended deterrence is a ministerial");
    }
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].date, "2023-01") == 0)
            CHECK(res.mentions[i].place_id &&
                  strcmp(res.mentions[i].place_id, "washington-dc") == 0);
    ingest_meeting_result_clear(&res);
}

/* Rules drawn from heldout7-open after its first run. */
static void test_heldout7_more(void)
{
    struct ingest_meeting_result res = {0};
    const struct ingest_meeting_mention *m;

    /* "The meeting built on Prime Minister May's visit to Tokyo at the end of August, when
     * she and Abe agreed ...": the visit is a summit, dated and placed by its words */
    static const struct spec uk[] = {
        {"Theresa May", "theresa-may", "person", "Prime Minister"},
        {"Shinzo Abe", "shinzo-abe", "person", "Prime Minister"},
        {"Boris Johnson", "boris-johnson", "person", "Foreign Secretary"},
        {"Taro Kono", "taro-kono", "person", "Foreign Minister"},
        {"London", "london", "place", NULL},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Foreign Secretary Boris Johnson hosted Foreign Minister Taro Kono in London on "
                  "Thursday. The meeting built on Prime Minister Theresa May's visit to Tokyo at "
                  "the end of August, when she and Prime Minister Shinzo Abe agreed to deepen "
                  "ties.",
                  uk, "2017-12-15", NULL, &res) == 0);
    m = NULL;
    for (size_t i = 0; i < res.count; i++)
        if (strcmp(res.mentions[i].kind, "summit") == 0 &&
            has_participant(&res.mentions[i], "theresa-may", NULL))
            m = &res.mentions[i];
    if (m) {
        CHECK_STR(m->date, "2017-08");
        CHECK(m->place_id && strcmp(m->place_id, "tokyo") == 0);
        CHECK(has_participant(m, "shinzo-abe", NULL) && !has_participant(m, "taro-kono", NULL));
    } else {
        CHECK(!"May's visit to Tokyo is a summit");
    }
    ingest_meeting_result_clear(&res);

    /* "a Monday meeting of the Quad" is a meeting of its own; "the four are expected to
     * announce steps" neither announces it nor names the two allies' four; "Later Sunday"
     * places a meeting where the one before it that day was */
    static const struct spec quad[] = {
        {"Antony Blinken", "antony-blinken", "person", "Secretary of State"},
        {"Lloyd Austin", "lloyd-austin", "person", "Defense Secretary"},
        {"Yoko Kamikawa", "yoko-kamikawa", "person", "Foreign Minister"},
        {"Minoru Kihara", "minoru-kihara", "person", "Defense Minister"},
        {"Kamikawa", "yoko-kamikawa", "person", NULL},
        {"Penny Wong", "penny-wong", "person", "Foreign Minister"},
        {"Tokyo", "tokyo", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("Blinken and Austin met Foreign Minister Yoko Kamikawa and Defense Minister "
                  "Minoru Kihara for two-plus-two talks in Tokyo on Sunday. Later Sunday, the same "
                  "four officials sat down for a ministerial-level meeting on extended "
                  "deterrence. Antony Blinken stays in Tokyo for a Monday meeting of the Quad. "
                  "Kamikawa will host Australian Foreign Minister Penny Wong, and the four are "
                  "expected to announce steps on maritime security.",
                  quad, "2024-07-28", "TOKYO", &res) == 0);
    if ((m = find_kind(&res, "ministerial")) != NULL)
        CHECK(m->place_id && strcmp(m->place_id, "tokyo") == 0);
    else
        CHECK(!"the meeting later Sunday is a ministerial");
    if ((m = find_kind(&res, "other")) != NULL) {
        CHECK_STR(m->date, "2024-07-29");
        CHECK_STR(m->status, "scheduled");
        CHECK(has_participant(m, "penny-wong", NULL) && !has_participant(m, "minoru-kihara", NULL));
    } else {
        CHECK(!"the Quad meeting is a meeting of kind other");
    }
    ingest_meeting_result_clear(&res);

    /* a call to "convene a 2+2 with" other ministers than a cancelled one had is another
     * meeting, proposed; "at the Defense Ministry in Ichigaya" is in Tokyo */
    static const struct spec ed[] = {
        {"Takeshi Iwaya", "takeshi-iwaya", "person", "Foreign Minister"},
        {"Gen Nakatani", "gen-nakatani", "person", "Defense Minister"},
        {"Marco Rubio", "marco-rubio", "person", "Secretary of State"},
        {"Pete Hegseth", "pete-hegseth", "person", "Defense Secretary"},
        {"Toshimitsu Motegi", "toshimitsu-motegi", "person", NULL},
        {"Shinjiro Koizumi", "shinjiro-koizumi", "person", NULL},
        {"Motegi", "toshimitsu-motegi", "person", NULL},
        {"Koizumi", "shinjiro-koizumi", "person", NULL},
        {"Rubio", "marco-rubio", "person", NULL},
        {"Hegseth", "pete-hegseth", "person", NULL},
        {"Washington", "washington-dc", "place", NULL},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("A 2+2 session was planned for July 1 in Washington, where Foreign Minister "
                  "Takeshi Iwaya and Defense Minister Gen Nakatani were to sit down with Secretary "
                  "of State Marco Rubio and Defense Secretary Pete Hegseth. Tokyo called it off. "
                  "Since then Toshimitsu Motegi and Shinjiro Koizumi took office. Hegseth held "
                  "talks with Koizumi at the Defense Ministry in Ichigaya. We urge both "
                  "governments to convene a 2+2 with Motegi, Koizumi, Rubio and Hegseth.",
                  ed, "2025-12-08", NULL, &res) == 0);
    int proposed = 0, cancelled = 0;
    for (size_t i = 0; i < res.count; i++) {
        m = &res.mentions[i];
        if (strcmp(m->kind, "scc") == 0 && strcmp(m->status, "proposed") == 0) {
            proposed = 1;
            CHECK(has_participant(m, "toshimitsu-motegi", NULL) &&
                  !has_participant(m, "takeshi-iwaya", NULL));
        }
        if (strcmp(m->kind, "scc") == 0 && strcmp(m->status, "cancelled") == 0) {
            cancelled = 1;
            CHECK(!has_participant(m, "toshimitsu-motegi", NULL));
        }
        if (strcmp(m->kind, "ministerial") == 0)
            CHECK(m->place_id && strcmp(m->place_id, "tokyo") == 0);
    }
    CHECK(proposed && cancelled);
    ingest_meeting_result_clear(&res);

    /* two meetings in two clauses of one sentence, each with its own pair */
    static const struct spec mofa[] = {
        {"Motegi", "toshimitsu-motegi", "person", "Minister for Foreign Affairs of Japan"},
        {"Blinken", "antony-blinken", "person", "Secretary of State"},
        {"Kishi", "nobuo-kishi", "person", "Minister of Defense of Japan"},
        {"Austin", "lloyd-austin", "person", "Secretary of Defense"},
        {NULL, NULL, NULL, NULL}};
    CHECK(extract("On March 16, Minister Motegi held a Japan-U.S. Foreign Ministers' Meeting with "
                  "Secretary Blinken, and Minister Kishi held a Japan-U.S. Defense Ministers' "
                  "Meeting with Secretary Austin.",
                  mofa, "2021-03-16", NULL, &res) == 0);
    CHECK(res.count == 2);
    for (size_t i = 0; i < res.count; i++) {
        m = &res.mentions[i];
        CHECK(m->participant_count == 2);
        CHECK(has_participant(m, "antony-blinken", NULL) ==
              has_participant(m, "toshimitsu-motegi", NULL));
    }
    ingest_meeting_result_clear(&res);
}

int main(void)
{
    char err[256];
    if (ingest_gazetteer_load("data/entities.jsonl", &gz, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    test_registry();
    test_counterparts_and_history();
    test_scheduled_weekday_and_venue();
    test_statuses();
    test_not_meetings();
    test_kinds();
    test_offices_resolved();
    test_batch3_rules();
    test_batch4_rules();
    test_batch4_left();
    test_heldout6_rules();
    test_heldout5_rules();
    test_heldout7_rules();
    test_heldout8_rules();
    test_heldout7_more();
    test_merge();
    ingest_gazetteer_free(gz);
    return unit_done("test_meetings");
}
