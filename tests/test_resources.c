/* tests/test_resources.c: documents metadata, entities, statements, meetings, timeline,
 * search and metrics, end to end over tests/fixtures/api (three short articles written for
 * these tests: a 2013 Tokyo two-plus-two, a 2005 preview of a Washington one, an undated
 * note naming people no gazetteer knows). */
#include <stdlib.h>
#include <string.h>

#include "tests/harness.h"
#include "tests/unit.h"

#define DOC_2013 "2013-tokyo-two-plus-two"
#define DOC_2005 "2005-washington-preview"
#define DOC_NOTE "undated-think-tank-note"

static struct harness_server srv;

static json_t *get_json(const char *path, long want_status)
{
    json_t *out;

    CHECK(harness_get_json(&srv, path, want_status, &out) == 0);
    return out;
}

static char *get_text(const char *path)
{
    struct harness_resp r;
    char *out = NULL;

    if (harness_get(&srv, path, &r) == 0 && r.status == 200)
        out = strdup(r.body);
    harness_resp_clear(&r);
    return out;
}

/* The item of a list whose key has value, or NULL. */
static json_t *find(json_t *list, const char *key, const char *value)
{
    size_t i;
    json_t *item;

    json_array_foreach(list, i, item) {
        const char *v = json_string_value(json_object_get(item, key));
        if (v && !strcmp(v, value))
            return item;
    }
    return NULL;
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void test_documents_metadata(void)
{
    json_t *list = get_json("/v1/documents?sort=-published", 200), *data, *d;

    data = json_object_get(list, "data");
    CHECK(json_array_size(data) == 3);
    CHECK_STR(str(json_array_get(data, 0), "id"), DOC_2013);
    d = find(data, "id", DOC_2013);
    CHECK_STR(str(d, "title"), "Allies Widen Defense Pact at First Tokyo Session");
    CHECK_STR(str(json_object_get(d, "published"), "date"), "2013-10-03");
    CHECK_STR(str(json_object_get(d, "published"), "precision"), "day");
    CHECK_STR(str(json_object_get(d, "published"), "provenance"), "extracted");
    CHECK_STR(str(d, "dateline"), "TOKYO");
    d = find(data, "id", DOC_NOTE);
    CHECK(d && json_is_null(json_object_get(json_object_get(d, "published"), "date")));
    json_decref(list);

    list = get_json("/v1/documents?published_from=2010", 200);
    CHECK(json_array_size(json_object_get(list, "data")) == 1);
    json_decref(list);
    list = get_json("/v1/documents?published_to=2005-02", 200);
    data = json_object_get(list, "data");
    CHECK(json_array_size(data) == 1 && find(data, "id", DOC_2005));
    json_decref(list);
    list = get_json("/v1/documents?published_from=2005-02-31", 400);
    json_decref(list);

    /* The full document: paragraphs index the text; removed spans on request. */
    d = get_json("/v1/documents/" DOC_2013 "?include=removed", 200);
    {
        const char *text = str(d, "text");
        json_t *paras = json_object_get(d, "paragraphs"), *p;
        size_t i;
        CHECK(text && !strstr(text, "Published: October 3, 2013"));
        CHECK(json_array_size(paras) >= 4);
        json_array_foreach(paras, i, p) {
            json_int_t s = json_integer_value(json_object_get(p, "start")),
                       e = json_integer_value(json_object_get(p, "end"));
            CHECK(text && s >= 0 && e > s && (size_t)e <= strlen(text));
        }
        CHECK(json_is_array(json_object_get(d, "removed")));
        CHECK_STR(str(json_object_get(json_object_get(d, "metadata"), "published"), "value"),
                  "2013-10-03");
    }
    json_decref(d);
}

static void test_document_search(void)
{
    json_t *list = get_json("/v1/documents?q=guidelines", 200);
    CHECK(json_array_size(json_object_get(list, "data")) == 1 &&
          find(json_object_get(list, "data"), "id", DOC_2013));
    json_decref(list);
    list = get_json("/v1/documents?q=%22security%20treaty%22", 200);
    CHECK(find(json_object_get(list, "data"), "id", DOC_2005) != NULL);
    json_decref(list);
    list = get_json("/v1/documents?q=%22%22", 400);
    json_decref(list);
    list = get_json("/v1/documents?q=radar%20-guam", 200);
    CHECK(json_array_size(json_object_get(list, "data")) == 0);
    json_decref(list);
    list = get_json("/v1/documents?q=NEAR(radar&mode=advanced", 400);
    json_decref(list);
}

/* Every mention's offsets cut its surface out of the document text. */
static void check_mentions_point_at_text(const char *entity)
{
    char path[256];
    json_t *list, *m;
    size_t i;

    snprintf(path, sizeof(path), "/v1/entities/%s/mentions?limit=200", entity);
    list = get_json(path, 200);
    CHECK(json_array_size(json_object_get(list, "data")) >= 1);
    json_array_foreach(json_object_get(list, "data"), i, m) {
        char tpath[256], *text;
        json_int_t s = json_integer_value(json_object_get(m, "start")),
                   e = json_integer_value(json_object_get(m, "end"));
        snprintf(tpath, sizeof(tpath), "/v1/documents/%s/text", str(m, "document"));
        text = get_text(tpath);
        CHECK(text && e > s && (size_t)e <= strlen(text) &&
              !strncmp(text + s, str(m, "surface"), (size_t)(e - s)));
        free(text);
    }
    json_decref(list);
}

static void test_entities(void)
{
    static const char *const people[] = {"john-kerry", "chuck-hagel", "fumio-kishida",
                                         "itsunori-onodera", "condoleezza-rice",
                                         "donald-rumsfeld", "nobutaka-machimura",
                                         "yoshinori-ohno", NULL};
    json_t *list = get_json("/v1/entities?type=person&limit=200", 200), *e;

    for (size_t i = 0; people[i]; i++) {
        e = find(json_object_get(list, "data"), "id", people[i]);
        if (!e)
            fprintf(stderr, "person %s not listed\n", people[i]);
        CHECK(e && json_is_true(json_object_get(e, "kb")));
    }
    /* A person no gazetteer knows, found by title and name. */
    e = find(json_object_get(list, "data"), "id", "elena-marsh");
    CHECK(e && json_is_false(json_object_get(e, "kb")));
    json_decref(list);

    e = get_json("/v1/entities/john-kerry", 200);
    CHECK_STR(str(e, "type"), "person");
    CHECK(json_integer_value(json_object_get(e, "mentions")) >= 2); /* name and "Mr. Kerry" */
    CHECK(json_array_size(json_object_get(e, "roles")) >= 1);
    CHECK(find(json_object_get(e, "document_list"), "id", DOC_2013) != NULL);
    json_decref(e);

    check_mentions_point_at_text("john-kerry");
    check_mentions_point_at_text("japan");

    list = get_json("/v1/entities/john-kerry/related?type=person", 200);
    e = json_object_get(list, "data");
    {
        int hagel = 0;
        size_t i;
        json_t *item;
        json_array_foreach(e, i, item) hagel |=
            !strcmp(str(json_object_get(item, "entity"), "id"), "chuck-hagel");
        CHECK(hagel);
    }
    json_decref(list);

    list = get_json("/v1/entities?q=kerr", 200);
    CHECK(find(json_object_get(list, "data"), "id", "john-kerry") != NULL);
    json_decref(list);
    list = get_json("/v1/documents/" DOC_NOTE "/entities", 200);
    CHECK(find(json_object_get(list, "data"), "id", "elena-marsh") != NULL);
    json_decref(list);
    json_decref(get_json("/v1/entities/no-such-entity", 404));
    json_decref(get_json("/v1/entities/no-such-entity/mentions", 404));
    json_decref(get_json("/v1/entities?type=planet", 400));
}

static void test_statements(void)
{
    json_t *list = get_json("/v1/statements?speaker=john-kerry", 200), *s;

    s = json_array_get(json_object_get(list, "data"), 0);
    CHECK(s && str(s, "text") && !strncmp(str(s, "text"), "The alliance is adjusting", 25));
    CHECK_STR(str(json_object_get(s, "speaker"), "id"), "john-kerry");
    CHECK_STR(str(json_object_get(s, "date"), "date"), "2013-10-03");
    json_decref(list);

    list = get_json("/v1/statements?speaker=itsunori-onodera", 200);
    s = json_array_get(json_object_get(list, "data"), 0);
    CHECK(s && strstr(str(s, "text"), "larger share of the burden"));
    json_decref(list);

    list = get_json("/v1/statements?document=" DOC_2005 "&kind=document", 200);
    s = json_array_get(json_object_get(list, "data"), 0);
    CHECK(s && strstr(str(s, "text"), "encourage the peaceful resolution"));
    CHECK(s && json_is_null(json_object_get(s, "speaker")));
    json_decref(list);

    list = get_json("/v1/statements?speaker=elena-marsh", 200);
    CHECK(json_array_size(json_object_get(list, "data")) == 1);
    json_decref(list);

    list = get_json("/v1/statements?q=burden", 200);
    CHECK(json_array_size(json_object_get(list, "data")) >= 1);
    json_decref(list);

    /* The context window around a quote reads on both sides of it. */
    list = get_json("/v1/statements?speaker=richard-boucher", 200);
    s = json_array_get(json_object_get(list, "data"), 0);
    if (s) {
        char path[256];
        json_t *one;
        snprintf(path, sizeof(path), "/v1/statements/%s", str(s, "id"));
        one = get_json(path, 200);
        CHECK(strstr(str(json_object_get(one, "context"), "after"), "Boucher said") != NULL);
        json_decref(one);
    }
    CHECK(s != NULL);
    json_decref(list);
    json_decref(get_json("/v1/statements?kind=rumor", 400));
    json_decref(get_json("/v1/statements/nope", 404));
}

/* The item of an array whose "text" contains needle, or NULL. */
static json_t *find_text(json_t *array, const char *needle)
{
    size_t i;
    json_t *item;

    json_array_foreach(array, i, item) {
        const char *text = str(item, "text");
        if (text && strstr(text, needle))
            return item;
    }
    return NULL;
}

static void test_meetings(void)
{
    json_t *list = get_json("/v1/meetings?from=2013&to=2013", 200), *m;
    size_t i;
    json_t *p;
    int found = 0;

    json_array_foreach(json_object_get(list, "data"), i, m) {
        const char *reg = str(m, "registry_id");
        if (reg && !strcmp(reg, "scc-2013-10-03")) {
            int n = 0;
            found = 1;
            CHECK_STR(str(m, "origin"), "both");
            CHECK_STR(str(json_object_get(m, "date"), "date"), "2013-10-03");
            json_array_foreach(json_object_get(m, "participants"), i, p) {
                const char *id = str(p, "id");
                n += !strcmp(id, "john-kerry") || !strcmp(id, "chuck-hagel") ||
                     !strcmp(id, "fumio-kishida") || !strcmp(id, "itsunori-onodera");
            }
            CHECK(n == 4);
        }
    }
    CHECK(found);
    json_decref(list);

    m = get_json("/v1/meetings/scc-2013-10-03", 200);
    CHECK(find(json_object_get(m, "evidence"), "document", DOC_2013) != NULL);
    CHECK(json_array_size(json_object_get(m, "outcomes")) >= 1);
    CHECK(json_is_object(json_object_get(m, "registry")));
    /* Quotes in a text that reports the meeting are tied to it, both ways. */
    CHECK(find_text(json_object_get(m, "statements"), "adjusting to a region") != NULL);
    json_decref(m);
    list = get_json("/v1/statements?meeting=scc-2013-10-03&speaker=john-kerry", 200);
    CHECK(find_text(json_object_get(list, "data"), "adjusting to a region") != NULL);
    json_decref(list);

    /* The 2005 preview: "on Saturday" from a Friday article is the 19th. */
    list = get_json("/v1/meetings?participant=condoleezza-rice&from=2005-02&to=2005-02", 200);
    m = find(json_object_get(list, "data"), "registry_id", "scc-2005-02-19");
    CHECK(m && (!strcmp(str(m, "origin"), "both")));
    json_decref(list);

    /* Registry meetings no text reports are listed too. */
    list = get_json("/v1/meetings?kind=scc&limit=200", 200);
    CHECK(json_integer_value(json_object_get(json_object_get(list, "page"), "total")) >= 20);
    json_decref(list);
    json_decref(get_json("/v1/meetings?status=maybe", 400));
    json_decref(get_json("/v1/meetings/scc-1800-01-01", 404));
}

static void test_timeline(void)
{
    json_t *t = get_json("/v1/timeline?bucket=year&from=2005&to=2013", 200), *b;
    int y2013 = 0;
    size_t i;

    json_array_foreach(json_object_get(t, "buckets"), i, b) {
        if (!strcmp(str(b, "period"), "2013")) {
            y2013 = 1;
            CHECK(json_integer_value(json_object_get(json_object_get(b, "counts"), "documents")) ==
                  1);
            CHECK(json_integer_value(json_object_get(json_object_get(b, "counts"), "meetings")) >=
                  1);
        }
    }
    CHECK(y2013);
    json_decref(t);
    json_decref(get_json("/v1/timeline?bucket=week", 400));
}

/* page.total of a list. */
static json_int_t list_total(const char *path)
{
    json_t *list = get_json(path, 200);
    json_int_t n = json_integer_value(json_object_get(json_object_get(list, "page"), "total"));

    json_decref(list);
    return n;
}

/* The later of two date bounds from (a), and the earlier of two to bounds (each covering its
 * whole period: "2013" ends after "2013-10"). */
static const char *later_from(const char *a, const char *b)
{
    return !a ? b : strcmp(a, b) > 0 ? a : b;
}

static const char *earlier_to(const char *a, const char *b)
{
    char x[32], y[32];

    if (!a)
        return b;
    snprintf(x, sizeof(x), "%s-99", a);
    snprintf(y, sizeof(y), "%s-99", b);
    return strcmp(x, y) < 0 ? a : b;
}

/* The timeline's counts and first items (counted at ingest) agree with the lists over the same
 * period, for every period of the bucket. from and to may be NULL. */
static void check_timeline_agrees(const char *bucket, const char *from, const char *to)
{
    char path[512];
    json_t *t, *b;
    size_t i, w = !strcmp(bucket, "year") ? 4 : !strcmp(bucket, "month") ? 7 : 10;

    snprintf(path, sizeof(path), "/v1/timeline?bucket=%s%s%s%s%s", bucket, from ? "&from=" : "",
             from ? from : "", to ? "&to=" : "", to ? to : "");
    t = get_json(path, 200);
    CHECK(json_array_size(json_object_get(t, "buckets")) >= 1);
    json_array_foreach(json_object_get(t, "buckets"), i, b) {
        const char *period = str(b, "period"), *lo, *hi;
        json_t *counts = json_object_get(b, "counts"), *list, *item;
        size_t k;

        CHECK(period != NULL);
        if (!period)
            continue;
        if (i > 0)
            CHECK(strcmp(str(json_array_get(json_object_get(t, "buckets"), i - 1), "period"),
                         period) < 0);
        /* A period shorter than the bucket (a year-only date in a month timeline) holds only
         * that exact date, which a list cannot ask for alone: only its items are checked. */
        lo = later_from(from, period);
        hi = earlier_to(to, period);
        json_array_foreach(json_object_get(b, "meetings"), k, item)
            CHECK(str(item, "date") && !strncmp(str(item, "date"), period, strlen(period)));
        snprintf(path, sizeof(path), "/v1/documents?published_from=%s&published_to=%s"
                 "&sort=published&limit=200", lo, hi);
        list = get_json(path, 200);
        json_array_foreach(json_object_get(b, "documents"), k, item) {
            json_t *d = json_array_get(json_object_get(list, "data"), k);
            CHECK(str(item, "date") && !strncmp(str(item, "date"), period, strlen(period)));
            if (strlen(period) == w)
                CHECK(d && !strcmp(str(item, "id"), str(d, "id")));
        }
        if (strlen(period) == w) {
            CHECK(json_integer_value(json_object_get(counts, "documents")) ==
                  json_integer_value(json_object_get(json_object_get(list, "page"), "total")));
            snprintf(path, sizeof(path), "/v1/meetings?from=%s&to=%s&limit=1", lo, hi);
            CHECK(json_integer_value(json_object_get(counts, "meetings")) == list_total(path));
            snprintf(path, sizeof(path), "/v1/statements?from=%s&to=%s&limit=1", lo, hi);
            CHECK(json_integer_value(json_object_get(counts, "statements")) == list_total(path));
        }
        json_decref(list);
    }
    json_decref(t);
}

static void test_timeline_agrees(void)
{
    json_t *t, *b;

    check_timeline_agrees("year", NULL, NULL);
    check_timeline_agrees("year", "2005-02-19", "2013-10");
    check_timeline_agrees("month", "2005", "2013");
    check_timeline_agrees("day", NULL, "2013-10-03");

    /* from cuts inside a period: the meeting of 2013-10-03 is neither counted nor listed. */
    t = get_json("/v1/timeline?bucket=year&from=2013-10-04&to=2013&types=meeting", 200);
    b = json_array_get(json_object_get(t, "buckets"), 0);
    CHECK(!b || !find(json_object_get(b, "meetings"), "id", "scc-2013-10-03"));
    json_decref(t);
    t = get_json("/v1/timeline?bucket=month&from=2013-10&to=2013-10&items=0", 200);
    b = json_array_get(json_object_get(t, "buckets"), 0);
    CHECK(json_array_size(json_object_get(t, "buckets")) == 1);
    CHECK_STR(str(b, "period"), "2013-10");
    CHECK(json_integer_value(json_object_get(json_object_get(b, "counts"), "documents")) == 1);
    CHECK(json_is_array(json_object_get(b, "documents")) &&
          json_array_size(json_object_get(b, "documents")) == 0);
    json_decref(t);
    t = get_json("/v1/timeline?bucket=day&from=2013-10-03&to=2013-10-03&types=document", 200);
    b = json_array_get(json_object_get(t, "buckets"), 0);
    CHECK(find(json_object_get(b, "documents"), "id", DOC_2013) != NULL);
    CHECK(json_integer_value(json_object_get(json_object_get(b, "counts"), "meetings")) == 0);
    CHECK(json_array_size(json_object_get(b, "meetings")) == 0);
    json_decref(t);
}

/* An entity's document list and roles (derived at ingest) agree with its mentions. */
static void test_entity_derived(const char *entity)
{
    char path[512];
    json_t *e, *d, *all, *r;
    size_t i, k;
    json_int_t total = 0;

    snprintf(path, sizeof(path), "/v1/entities/%s", entity);
    e = get_json(path, 200);
    snprintf(path, sizeof(path), "/v1/entities/%s/mentions?limit=200", entity);
    all = get_json(path, 200);
    CHECK(json_array_size(json_object_get(e, "document_list")) >= 1);
    json_array_foreach(json_object_get(e, "document_list"), i, d) {
        json_int_t n = 0;
        json_t *m;
        json_array_foreach(json_object_get(all, "data"), k, m) n +=
            !strcmp(str(m, "document"), str(d, "id"));
        CHECK(json_integer_value(json_object_get(d, "mentions")) == n);
        total += n;
        if (i > 0) {
            /* Oldest first (undated first), then by id. */
            json_t *prev = json_array_get(json_object_get(e, "document_list"), i - 1);
            const char *a = str(prev, "published") ? str(prev, "published") : "",
                       *b = str(d, "published") ? str(d, "published") : "";
            CHECK(strcmp(a, b) < 0 || (!strcmp(a, b) && strcmp(str(prev, "id"), str(d, "id")) < 0));
        }
    }
    CHECK(total == json_integer_value(json_object_get(e, "mentions")));
    json_array_foreach(json_object_get(e, "roles_in_text"), i, r) {
        json_int_t n = 0;
        json_t *m, *docs = json_object_get(r, "documents");
        const char *last_doc = NULL;
        size_t nd = 0;
        json_array_foreach(json_object_get(all, "data"), k, m) {
            if (!str(m, "role") || strcmp(str(m, "role"), str(r, "role")) ||
                !str(m, "role_from") || strcmp(str(m, "role_from"), "text"))
                continue;
            n++;
            if (!last_doc || strcmp(last_doc, str(m, "document"))) {
                /* Documents in the order the mentions come (document order). */
                CHECK_STR(json_string_value(json_array_get(docs, nd)), str(m, "document"));
                nd++;
            }
            last_doc = str(m, "document");
        }
        CHECK(n >= 1 && json_integer_value(json_object_get(r, "mentions")) == n);
        CHECK(json_array_size(docs) == nd);
    }
    json_decref(all);
    json_decref(e);
}

/* A list page by page (limit=1) through the cursor: the same items, in the same order, as one
 * page of 200. path has a query string; returns the full list (release: json_decref). */
static json_t *walk_pages(const char *path)
{
    char url[1024];
    json_t *all;
    size_t seen = 0;

    snprintf(url, sizeof(url), "%s&limit=200", path);
    all = get_json(url, 200);
    snprintf(url, sizeof(url), "%s&limit=1", path);
    for (int guard = 0; guard < 200; guard++) {
        json_t *page = get_json(url, 200), *m = json_array_get(json_object_get(page, "data"), 0);
        json_t *want = json_array_get(json_object_get(all, "data"), seen);
        const char *next = str(json_object_get(page, "page"), "next_cursor");
        CHECK(m && want && json_equal(m, want));
        seen += m != NULL;
        if (!next || !m) {
            json_decref(page);
            break;
        }
        snprintf(url, sizeof(url), "%s&limit=1&cursor=%s", path, next);
        json_decref(page);
    }
    CHECK(seen == json_array_size(json_object_get(all, "data")) && seen >= 2);
    return all;
}

/* Mentions, and statements by position: document order, then offset, through every page. */
static void test_position_pages(const char *path, const char *doc_key)
{
    json_t *all = walk_pages(path);
    size_t n = json_array_size(json_object_get(all, "data"));

    for (size_t i = 1; i < n; i++) {
        json_t *a = json_array_get(json_object_get(all, "data"), i - 1),
               *b = json_array_get(json_object_get(all, "data"), i);
        const char *da = str(a, doc_key) ? str(a, doc_key)
                                         : str(json_object_get(a, "document"), "id"),
                   *db = str(b, doc_key) ? str(b, doc_key)
                                         : str(json_object_get(b, "document"), "id");
        int c = da && db ? strcmp(da, db) : -2; /* ids follow file order */
        CHECK(c < 0 || (c == 0 && json_integer_value(json_object_get(a, "start")) <
                                      json_integer_value(json_object_get(b, "start"))));
    }
    json_decref(all);
}

/* Date filters on lists: the same rows as the dates say, undated rows never in a range. */
static void test_date_filters(void)
{
    json_t *list = get_json("/v1/documents?published_to=2099&limit=200", 200);

    CHECK(json_array_size(json_object_get(list, "data")) == 2);
    CHECK(!find(json_object_get(list, "data"), "id", DOC_NOTE));
    json_decref(list);
    list = get_json("/v1/documents?published_from=2005-02&published_to=2013-10-03&sort=-published",
                    200);
    CHECK(json_array_size(json_object_get(list, "data")) == 2);
    CHECK_STR(str(json_array_get(json_object_get(list, "data"), 0), "id"), DOC_2013);
    json_decref(list);
    CHECK(list_total("/v1/documents?published_from=2013-10-04") == 0);
    CHECK(list_total("/v1/statements?speaker=john-kerry&from=2013-10-03&to=2013-10-03") >= 1);
    CHECK(list_total("/v1/statements?speaker=john-kerry&to=2013-10-02") == 0);
    CHECK(list_total("/v1/meetings?to=1800") == 0);
    CHECK(list_total("/v1/meetings?from=2013-10-03&to=2013-10-03") >= 1);
}

static void test_search(void)
{
    json_t *list = get_json("/v1/search?q=radar", 200), *hit, *offsets;
    char *text;

    hit = json_array_get(json_object_get(list, "data"), 0);
    CHECK_STR(str(hit, "type"), "document");
    CHECK_STR(str(hit, "id"), DOC_2013);
    CHECK(str(hit, "snippet") && strstr(str(hit, "snippet"), "<mark>radar</mark>"));
    offsets = json_object_get(json_object_get(hit, "matches"), "offsets");
    text = get_text("/v1/documents/" DOC_2013 "/text");
    CHECK(json_array_size(offsets) >= 1);
    if (text && json_array_size(offsets)) {
        json_int_t s = json_integer_value(json_array_get(json_array_get(offsets, 0), 0));
        json_int_t e = json_integer_value(json_array_get(json_array_get(offsets, 0), 1));
        CHECK(e - s == 5 && !strncmp(text + s, "radar", 5));
    }
    free(text);
    json_decref(list);

    list = get_json("/v1/search?q=kerry&type=entity", 200);
    CHECK(find(json_object_get(list, "data"), "id", "john-kerry") != NULL);
    json_decref(list);
    list = get_json("/v1/search?q=burden&type=statement&mark_open=%5B&mark_close=%5D", 200);
    hit = json_array_get(json_object_get(list, "data"), 0);
    CHECK(hit && strstr(str(hit, "snippet"), "[burden]"));
    json_decref(list);
    json_decref(get_json("/v1/search", 400));
    json_decref(get_json("/v1/search?q=%20%20", 400));
}

static void test_metrics(void)
{
    char *text = get_text("/metrics");
    CHECK(text && strstr(text, "twoplus_http_requests_total{route=\"/v1/documents\",status=\"200\"}"));
    CHECK(text && strstr(text, "twoplus_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
    CHECK(text && strstr(text, "twoplus_documents 3"));
    free(text);
}

int main(void)
{
    const char *args[] = {"--corpus", "tests/fixtures/api", NULL};

    if (harness_start(&srv, args) != 0)
        return 1;
    test_documents_metadata();
    test_document_search();
    test_entities();
    test_statements();
    test_meetings();
    test_timeline();
    test_timeline_agrees();
    test_entity_derived("john-kerry");
    test_entity_derived("japan");
    test_position_pages("/v1/entities/japan/mentions?sort=position", "document");
    test_position_pages("/v1/entities/john-kerry/mentions?document=" DOC_2013, "document");
    test_position_pages("/v1/statements?sort=position&kind=direct,partial,document,term", "");
    json_decref(walk_pages("/v1/statements?sort=-confidence"));
    json_decref(walk_pages("/v1/statements?sort=date&from=2005"));
    test_date_filters();
    test_search();
    test_metrics();
    CHECK(harness_stop(&srv) == 0);
    return unit_done("test_resources");
}
