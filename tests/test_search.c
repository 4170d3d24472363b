/* tests/test_search.c: /v1/search end to end over tests/fixtures/search (four short articles
 * written for these tests: a title-only and a body-only match of one word, a phrase and its
 * words apart, "radar" and "radars", a minister's name with and without its macron and in
 * Japanese script, curly quotes, two sources and four dates). Ranking, syntax, filters,
 * snippets and offsets on multi-byte text, hostile queries, and the same syntax on
 * /v1/documents and /v1/statements. */
#include <stdlib.h>
#include <string.h>

#include "tests/harness.h"
#include "tests/unit.h"

static struct harness_server srv;

/* The reply to GET path, which must have status want_status (new reference, or NULL). */
static json_t *get_json(const char *path, long want_status)
{
    json_t *out;

    CHECK(harness_get_json(&srv, path, want_status, &out) == 0);
    return out;
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The ids of a list's data joined by spaces, in order (malloc'd). */
static char *ids_of(json_t *list)
{
    size_t i, n = 1;
    json_t *item;
    char *out;

    json_array_foreach(json_object_get(list, "data"), i, item) n += strlen(str(item, "id")) + 1;
    out = calloc(1, n);
    if (!out)
        return NULL;
    json_array_foreach(json_object_get(list, "data"), i, item) {
        if (i)
            strcat(out, " ");
        strcat(out, str(item, "id"));
    }
    return out;
}

/* GET path must answer 200 with exactly these ids, in this order ("" for none). */
static void want_ids(const char *path, const char *ids)
{
    json_t *list = get_json(path, 200);
    char *got = list ? ids_of(list) : NULL;

    if (!got || strcmp(got, ids) != 0)
        fprintf(stderr, "GET %s\n", path);
    CHECK_STR(got, ids);
    free(got);
    json_decref(list);
}

/* GET path must answer 200 with these ids in any order (space-separated, sorted). */
static int id_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void want_id_set(const char *path, const char *ids)
{
    json_t *list = get_json(path, 200), *data = json_object_get(list, "data");
    const char *sorted[64];
    size_t n = json_array_size(data);
    char got[1024] = "";

    CHECK(n <= 64);
    for (size_t i = 0; i < n && i < 64; i++)
        sorted[i] = str(json_array_get(data, i), "id");
    qsort(sorted, n < 64 ? n : 64, sizeof(sorted[0]), id_cmp);
    for (size_t i = 0; i < n && i < 64; i++)
        snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? " " : "", sorted[i]);
    if (strcmp(got, ids) != 0)
        fprintf(stderr, "GET %s\n", path);
    CHECK_STR(got, ids);
    json_decref(list);
}

/* GET path must be a 400 whose errors name param first. */
static void want_400(const char *path, const char *param)
{
    json_t *p = get_json(path, 400);
    const char *named = str(json_array_get(json_object_get(p, "errors"), 0), "param");

    if (!named || strcmp(named, param) != 0)
        fprintf(stderr, "GET %s\n", path);
    CHECK_STR(named, param);
    json_decref(p);
}

/* The first hit of a search with this id, borrowed from list. */
static json_t *hit(json_t *list, const char *id)
{
    size_t i;
    json_t *h;

    json_array_foreach(json_object_get(list, "data"), i, h) if (!strcmp(str(h, "id"), id)) return h;
    return NULL;
}

/* Every [start, end) of h's matches.offsets cuts exactly want out of text; and there are n. */
static void check_offsets(json_t *h, const char *text, const char *want, size_t n)
{
    json_t *offsets = json_object_get(json_object_get(h, "matches"), "offsets"), *pair;
    size_t i;

    CHECK(json_array_size(offsets) == n);
    json_array_foreach(offsets, i, pair) {
        json_int_t s = json_integer_value(json_array_get(pair, 0));
        json_int_t e = json_integer_value(json_array_get(pair, 1));
        int ok = text && s >= 0 && e >= s && (size_t)e <= strlen(text) &&
                 (size_t)(e - s) == strlen(want) && !strncmp(text + s, want, (size_t)(e - s));
        if (!ok)
            fprintf(stderr, "offsets [%lld, %lld) do not cut \"%s\"\n", (long long)s,
                    (long long)e, want);
        CHECK(ok);
    }
}

/* The clean text of a document (malloc'd), or NULL. */
static char *doc_text(const char *id)
{
    char path[256];
    struct harness_resp r;
    char *out = NULL;

    snprintf(path, sizeof(path), "/v1/documents/%s/text", id);
    if (harness_get(&srv, path, &r) == 0 && r.status == 200)
        out = strdup(r.body);
    harness_resp_clear(&r);
    return out;
}

static int contains(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

/* A title hit outranks a text hit of the same word; a title-only hit's snippet marks the
 * word in the title, and its offsets (into the clean text) are empty. */
static void test_ranking(void)
{
    json_t *list = get_json("/v1/search?q=kestrel&type=document", 200), *h;
    char *text = doc_text("radar-site");

    want_ids("/v1/search?q=kestrel&type=document", "patrol-flights radar-site");
    want_ids("/v1/search?q=kestrel&type=document&sort=-rank", "radar-site patrol-flights");
    h = hit(list, "patrol-flights");
    CHECK(contains(str(h, "snippet"), "<mark>Kestrel</mark> Patrols"));
    CHECK_STR(str(json_object_get(h, "matches"), "field"), "text");
    check_offsets(h, "", "", 0);
    h = hit(list, "radar-site");
    CHECK(contains(str(h, "snippet"), "a <mark>kestrel</mark> hovering"));
    check_offsets(h, text, "kestrel", 1);
    CHECK(json_real_value(json_object_get(json_array_get(json_object_get(list, "data"), 0),
                                          "score")) >
          json_real_value(json_object_get(json_array_get(json_object_get(list, "data"), 1),
                                          "score")));
    free(text);
    json_decref(list);
}

/* Words, "phrases" (straight or typographic quotes), prefix*, OR, -exclusion. */
static void test_syntax(void)
{
    want_id_set("/v1/search?q=joint%20exercise&type=document", "okinawa-drill patrol-flights");
    want_id_set("/v1/search?q=%22joint%20exercise%22&type=document", "okinawa-drill");
    /* “joint exercise” and 「…」 as typed on phones and Japanese keyboards */
    want_id_set("/v1/search?q=%E2%80%9Cjoint%20exercise%E2%80%9D&type=document", "okinawa-drill");
    want_id_set("/v1/search?q=%E3%80%8Cjoint%20exercise%E3%80%8D&type=document", "okinawa-drill");
    want_id_set("/v1/search?q=%22joint%20exercise&type=document", "okinawa-drill"); /* unclosed */
    want_id_set("/v1/search?q=radar&type=document", "radar-site");
    want_id_set("/v1/search?q=rada*&type=document", "okinawa-drill radar-site");
    want_id_set("/v1/search?q=%22early%20warn%22*&type=document", "radar-site");
    want_id_set("/v1/search?q=%E5%B0%8F%E9%87%8E%E5%AF%BA*&type=document", "minister-profile");
    want_id_set("/v1/search?q=kestrel%20OR%20marines&type=document",
                "okinawa-drill patrol-flights radar-site");
    want_id_set("/v1/search?q=exercise%20-okinawa&type=document", "patrol-flights");
    want_id_set("/v1/search?q=exercise%20-%22joint%20exercise%22&type=document",
                "patrol-flights");
    want_id_set("/v1/search?q=exercise%20-okin*&type=document", "patrol-flights");
    /* A term of punctuation alone (an em dash, an ellipsis, a reference mark) is dropped,
     * not kept as a phrase that matches nothing. */
    want_id_set("/v1/search?q=radar%20%E2%80%94%20island&type=document", "radar-site");
    want_id_set("/v1/search?q=radar%20%E2%80%A6&type=document", "radar-site");
    want_id_set("/v1/search?q=%E2%80%BBradar%20%E2%80%BB&type=document", "radar-site");
    /* FTS5 operators are words in the simple syntax, raw FTS5 with mode=advanced. */
    want_id_set("/v1/search?q=NEAR(radar%20island)&type=document", "");
    want_id_set("/v1/search?q=NEAR(radar%20island,%205)&type=document&mode=advanced",
                "radar-site");
    want_id_set("/v1/search?q=title%3Akestrel&type=document&mode=advanced", "patrol-flights");
    /* A column of documents alone: the statements and entities have no "title". */
    json_decref(get_json("/v1/search?q=title%3Akestrel&mode=advanced", 400));
    /* The same syntax behind q= on the lists. */
    want_id_set("/v1/documents?q=%E2%80%9Cjoint%20exercise%E2%80%9D", "okinawa-drill");
    want_id_set("/v1/documents?q=radar%20%E2%80%94%20island", "radar-site");
    want_id_set("/v1/statements?q=patrols%20-predictable", "");
    want_id_set("/v1/statements?q=patrols%20%E2%80%94%20steady", "patrol-flights-q1");
}

/* Diacritics are ignored both ways, and snippets and offsets keep the text as written. */
static void test_diacritics_and_scripts(void)
{
    json_t *list, *h;
    char *text = doc_text("minister-profile");

    want_id_set("/v1/search?q=Onodera&type=document", "minister-profile patrol-flights");
    want_id_set("/v1/search?q=%C5%8Cnodera&type=document", "minister-profile patrol-flights");
    want_id_set("/v1/search?q=%C5%8CNODERA&type=document", "minister-profile patrol-flights");
    list = get_json("/v1/search?q=onodera&type=document", 200);
    h = hit(list, "minister-profile");
    CHECK(contains(str(h, "snippet"), "<mark>\xC5\x8Cnodera</mark>"));
    check_offsets(h, text, "\xC5\x8Cnodera", 2);
    json_decref(list);

    /* Japanese script: the name as one token, marked whole; custom multi-byte marks. */
    list = get_json("/v1/search?q=%E5%B0%8F%E9%87%8E%E5%AF%BA%E4%BA%94%E5%85%B8&type=document"
                    "&mark_open=%E3%80%90&mark_close=%E3%80%91",
                    200);
    h = hit(list, "minister-profile");
    CHECK(json_array_size(json_object_get(list, "data")) == 1);
    CHECK(contains(str(h, "snippet"), "\xE3\x80\x90\xE5\xB0\x8F\xE9\x87\x8E\xE5\xAF\xBA\xE4\xBA"
                                      "\x94\xE5\x85\xB8\xE3\x80\x91"));
    CHECK(!contains(str(h, "snippet"), "<mark>"));
    check_offsets(h, text, "\xE5\xB0\x8F\xE9\x87\x8E\xE5\xAF\xBA\xE4\xBA\x94\xE5\x85\xB8", 2);
    json_decref(list);

    /* A statement in curly quotes: offsets index the statement's own text. */
    list = get_json("/v1/search?q=works&type=statement", 200);
    h = hit(list, "minister-profile-q1");
    CHECK(h != NULL);
    CHECK(contains(str(h, "snippet"), "<mark>works</mark>"));
    CHECK_STR(str(json_object_get(h, "matches"), "field"), "statement");
    check_offsets(h, str(h, "text"), "works", 1);
    json_decref(list);
    free(text);
}

/* A statement found by its speaker's name alone shows the name marked. */
static void test_speaker_snippet(void)
{
    json_t *list = get_json("/v1/search?q=hagel&type=statement", 200), *h;

    h = hit(list, "okinawa-drill-q1");
    CHECK(h != NULL);
    CHECK(contains(str(h, "snippet"), "<mark>Hagel</mark>"));
    check_offsets(h, "", "", 0);
    json_decref(list);
}

static void test_filters(void)
{
    const char *base = "/v1/search?q=defense&type=document";
    char path[512];

#define WITH(extra) (snprintf(path, sizeof(path), "%s&%s", base, extra), path)
    want_id_set(base, "minister-profile okinawa-drill patrol-flights radar-site");
    want_id_set(WITH("from=2014"), "minister-profile patrol-flights radar-site");
    want_id_set(WITH("to=2014"), "okinawa-drill patrol-flights");
    want_id_set(WITH("from=2014-07&to=2016"), "radar-site");
    want_id_set(WITH("from=2014-06-12&to=2014-06-12"), "patrol-flights");
    want_id_set(WITH("source=harbor%20ledger"), "patrol-flights radar-site");
    want_id_set(WITH("source=Pacific%20Wire&to=2015"), "okinawa-drill");
    want_id_set(WITH("source=Nobody"), "");
    want_id_set(WITH("entity=chuck-hagel"), "okinawa-drill");
    want_id_set(WITH("entity=itsunori-onodera"), "minister-profile patrol-flights");
#undef WITH
    /* All types: the entity itself, its statement, the document naming it. */
    want_id_set("/v1/search?q=hagel&entity=chuck-hagel",
                "chuck-hagel okinawa-drill okinawa-drill-q1");
    want_id_set("/v1/search?q=patrols&speaker=itsunori-onodera", "patrol-flights-q1");
    want_id_set("/v1/search?q=patrols&speaker=chuck-hagel", "");
    want_id_set("/v1/search?q=will&type=statement&from=2015", "minister-profile-q1");
    want_id_set("/v1/search?q=will&type=statement&to=2015", "patrol-flights-q1");
    want_id_set("/v1/search?q=onodera&type=entity", "itsunori-onodera");
    want_400("/v1/search?q=patrols&type=document&speaker=itsunori-onodera", "speaker");
    want_400("/v1/search?q=patrols&from=2014-02-30", "from");
    want_400("/v1/search?q=patrols&to=14", "to");
    want_400("/v1/search?q=patrols&source=", "source");
    want_400("/v1/search?q=patrols&type=document,meeting", "type");
}

/* Keyset pages by rank: one hit per page gives the same hits in the same order. */
static void test_pages(void)
{
    json_t *all = get_json("/v1/search?q=defense%20OR%20the&limit=200", 200);
    size_t n = json_array_size(json_object_get(all, "data")), k = 0;
    char path[1024] = "/v1/search?q=defense%20OR%20the&limit=1";
    double last = 1e300;

    CHECK(n >= 8);
    while (k <= n) {
        json_t *page = get_json(path, 200), *h = json_array_get(json_object_get(page, "data"), 0);
        const char *cursor = str(json_object_get(page, "page"), "next_cursor");
        CHECK(h && json_equal(h, json_array_get(json_object_get(all, "data"), k)));
        CHECK(json_real_value(json_object_get(h, "score")) <= last);
        last = json_real_value(json_object_get(h, "score"));
        k++;
        if (!cursor) {
            json_decref(page);
            break;
        }
        snprintf(path, sizeof(path), "/v1/search?q=defense%%20OR%%20the&limit=1&cursor=%s",
                 cursor);
        json_decref(page);
    }
    CHECK(k == n);
    json_decref(all);
}

/* Empty, blank, punctuation-only and stopword-only queries. */
static void test_empty_queries(void)
{
    json_t *list;

    want_400("/v1/search", "q");
    want_400("/v1/search?q=", "q");
    want_400("/v1/search?q=%20%20%09", "q");
    want_400("/v1/search?q=%E2%80%94%20%E2%80%A6%20!!", "q");
    want_400("/v1/search?q=-radar", "q");
    want_400("/v1/documents?q=%E2%80%94", "q");
    want_400("/v1/statements?q=%E3%80%8C%E3%80%8D", "q");
    /* There is no stopword list: "the and" is searched like any words, best matches first. */
    list = get_json("/v1/search?q=the%20and&type=document", 200);
    CHECK(json_array_size(json_object_get(list, "data")) == 4);
    json_decref(list);
}

/* Whatever q holds: a 200, or a 400 naming q (simple syntax) or saying q (advanced). */
static void test_hostile_queries(void)
{
    static const char *const queries[] = {
        "%22", "%22%22%22", "%22radar", "radar%22", "OR", "OR%20OR", "radar%20OR", "AND",
        "NOT", "NOT%20radar", "-", "--radar", "-%22", "*", "**", "radar**", "*radar", "^radar",
        "(", ")", "()", "(radar", "NEAR(", "NEAR(radar", "title%3A", "%7Btitle%7D%3Aradar",
        "radar%01site", "%01%02%03", "%7F", "%0A%0D%09radar", "%E2%80%9C", "%E2%80%9Cradar",
        "%E2%80%9D%E2%80%9C", "%C2%AB%C2%BB", "%E2%80%AE", "%F0%9F%98%80", "%F0%9F%98%80radar",
        "a%CC%81", "%CC%81", "%EF%BC%82radar%EF%BC%82", "%5C", "%5C%22", "'", "%27%20OR%201%3D1",
        "radar%20-%20-%20-", "%22radar%22*%22", "%E3%80%8C%E6%97%A5%E7%B1%B3",
    };
    static const char *const routes[] = {"/v1/search", "/v1/documents", "/v1/statements"};
    static const char *const modes[] = {"", "&mode=advanced"};
    char path[12000];

    for (size_t r = 0; r < 3; r++)
        for (size_t m = 0; m < 2; m++)
            for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
                struct harness_resp resp;
                snprintf(path, sizeof(path), "%s?q=%s%s", routes[r], queries[i], modes[m]);
                CHECK(harness_get(&srv, path, &resp) == 0);
                if (resp.status == 400) {
                    const char *param = str(
                        json_array_get(json_object_get(resp.json, "errors"), 0), "param");
                    int ok = m ? contains(str(resp.json, "detail"), "q ")
                               : param && !strcmp(param, "q");
                    if (!ok)
                        fprintf(stderr, "GET %s: %.300s\n", path, resp.body);
                    CHECK(ok);
                } else if (resp.status != 200) {
                    fprintf(stderr, "GET %s: status %ld: %.300s\n", path, resp.status, resp.body);
                    CHECK(!"a hostile query got neither 200 nor 400");
                }
                harness_resp_clear(&resp);
            }
    /* Specific answers: an unclosed quote runs to the end; OR with nothing to join. */
    want_id_set("/v1/search?q=%22radar&type=document", "radar-site");
    want_id_set("/v1/search?q=radar%20OR&type=document", "radar-site");
    want_id_set("/v1/search?q=radar%01island&type=document", "radar-site");
    want_400("/v1/search?q=OR", "q");
    /* 10 KB and 33 words: 400 naming q. */
    {
        size_t n = (size_t)snprintf(path, sizeof(path), "/v1/search?q=");
        while (n < 10240 + 13)
            n += (size_t)snprintf(path + n, sizeof(path) - n, "radar%%20");
        want_400(path, "q");
        n = (size_t)snprintf(path, sizeof(path), "/v1/search?q=");
        for (int i = 0; i < 33; i++)
            n += (size_t)snprintf(path + n, sizeof(path) - n, "w%d%%20", i);
        want_400(path, "q");
    }
}

/* ---- ties: equal scores are ordered by id, on every page ----
 * Five copies of one short text (equal BM25 scores) and one text with the word in its title
 * too (a better score), dated so that a date filter splits the copies. Each page of the search
 * keeps only its best hits, so a cut inside a group of equal scores, and a cursor that points
 * into one, must still give the order (score, then type and id) of the whole list. */

static const char ties_text[] =
    "The harbor pilots kept a log of every ferry that passed the breakwater. Fog came in before "
    "dawn, so the beacon on the breakwater stayed lit until noon, and the pilots wrote that "
    "down too.\n";
static const char ties_title_text[] =
    "Breakwater beacon repaired\n\nCrews replaced the lamp of the beacon at the end of the "
    "breakwater after a winter storm cracked its housing. The pilots said the work took two "
    "weeks.\n";
static const char ties_manifest[] =
    "{\"file\": \"tie-a.txt\", \"published\": \"2001-03-01\"}\n"
    "{\"file\": \"tie-b.txt\", \"published\": \"2003-03-01\"}\n"
    "{\"file\": \"tie-c.txt\", \"published\": \"2001-05-01\"}\n"
    "{\"file\": \"tie-d.txt\", \"published\": \"2003-05-01\"}\n"
    "{\"file\": \"tie-e.txt\", \"published\": \"2003-07-01\"}\n"
    "{\"file\": \"beacon-repair.txt\", \"title\": \"Breakwater beacon repaired\", "
    "\"published\": \"2002-01-01\"}\n";

/* Pages of limit hits of base (a search path), followed by their cursors: the ids in order,
 * space-separated, must be want, and every page must say the same total. */
static void want_pages(const char *base, int limit, const char *want, json_int_t total)
{
    char path[2048], got[1024] = "";
    int pages = 0;

    snprintf(path, sizeof(path), "%s&limit=%d", base, limit);
    for (;;) {
        json_t *page = get_json(path, 200), *data = json_object_get(page, "data"), *h;
        const char *cursor = str(json_object_get(page, "page"), "next_cursor");
        size_t i;
        CHECK(page != NULL);
        CHECK(json_integer_value(json_object_get(json_object_get(page, "page"), "total")) ==
              total);
        CHECK(json_array_size(data) <= (size_t)limit);
        CHECK(cursor || json_array_size(data) > 0 || pages == 0);
        json_array_foreach(data, i, h) snprintf(got + strlen(got), sizeof(got) - strlen(got),
                                                "%s%s", *got ? " " : "", str(h, "id"));
        pages++;
        if (!cursor || pages > 20) {
            json_decref(page);
            break;
        }
        snprintf(path, sizeof(path), "%s&limit=%d&cursor=%s", base, limit, cursor);
        json_decref(page);
    }
    if (strcmp(got, want) != 0)
        fprintf(stderr, "pages of %s, limit %d\n", base, limit);
    CHECK_STR(got, want);
}

static void test_ties(void)
{
    const char *best = "/v1/search?q=breakwater%20beacon&type=document";
    const char *worst = "/v1/search?q=breakwater%20beacon&type=document&sort=-rank";
    json_t *list = get_json("/v1/search?q=breakwater%20beacon&type=document", 200);
    json_t *data = json_object_get(list, "data");
    double tied = json_real_value(json_object_get(json_array_get(data, 1), "score"));

    /* The copies tie, below the text that has the words in its title as well. */
    CHECK(json_array_size(data) == 6);
    CHECK(json_real_value(json_object_get(json_array_get(data, 0), "score")) > tied);
    for (size_t i = 2; i < json_array_size(data); i++)
        CHECK(json_real_value(json_object_get(json_array_get(data, i), "score")) == tied);
    json_decref(list);
    for (int limit = 1; limit <= 7; limit++) {
        want_pages(best, limit, "beacon-repair tie-a tie-b tie-c tie-d tie-e", 6);
        want_pages(worst, limit, "tie-e tie-d tie-c tie-b tie-a beacon-repair", 6);
    }
    /* Filters are applied before the cut: the copies dated from 2002 on, then those before. */
    want_pages("/v1/search?q=breakwater%20beacon&type=document&from=2002", 2,
               "beacon-repair tie-b tie-d tie-e", 4);
    want_pages("/v1/search?q=breakwater%20beacon&type=document&to=2002&sort=-rank", 1,
               "tie-c tie-a beacon-repair", 3);
    want_pages("/v1/search?q=ferry&type=document&to=2001", 1, "tie-a tie-c", 2);
    /* Every type at once: the statements and entities of these texts do not match. */
    want_pages("/v1/search?q=breakwater%20beacon", 4,
               "beacon-repair tie-a tie-b tie-c tie-d tie-e", 6);
    want_pages("/v1/search?q=lighthouse", 3, "", 0);
}

/* A corpus of the texts above in a fresh folder, served by srv. Returns 0 or -1. */
static int ties_start(void)
{
    static char dir[256];
    static const char *const names[] = {"tie-a.txt", "tie-b.txt", "tie-c.txt", "tie-d.txt",
                                        "tie-e.txt"};
    const char *args[] = {"--corpus", dir, NULL};

    if (harness_tmpdir(dir, sizeof(dir)) != 0)
        return -1;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (harness_write_file(dir, names[i], ties_text, sizeof(ties_text) - 1) != 0)
            return -1;
    if (harness_write_file(dir, "beacon-repair.txt", ties_title_text,
                           sizeof(ties_title_text) - 1) != 0 ||
        harness_write_file(dir, "manifest.jsonl", ties_manifest, sizeof(ties_manifest) - 1) != 0)
        return -1;
    return harness_start(&srv, args);
}

int main(void)
{
    const char *args[] = {"--corpus", "tests/fixtures/search", NULL};

    if (harness_start(&srv, args) != 0)
        return 1;
    test_ranking();
    test_syntax();
    test_diacritics_and_scripts();
    test_speaker_snippet();
    test_filters();
    test_pages();
    test_empty_queries();
    test_hostile_queries();
    CHECK(harness_stop(&srv) == 0);
    CHECK(ties_start() == 0);
    test_ties();
    CHECK(harness_stop(&srv) == 0);
    return unit_done("test_search");
}
