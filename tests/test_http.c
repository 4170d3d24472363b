/* tests/test_http.c: the API conventions and /v1/documents, end to end against the real
 * binary on tests/fixtures/http (three documents written for these tests). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tests/harness.h"
#include "tests/unit.h"

static struct harness_server srv;

/* ---- checks used by the table ---- */

static int is_problem(const struct harness_resp *r, long status, const char *param)
{
    char *ctype = harness_header(r, "Content-Type");
    json_t *errors = json_object_get(r->json, "errors");
    int ok = ctype && strcmp(ctype, "application/problem+json") == 0 && r->json &&
             json_integer_value(json_object_get(r->json, "status")) == status &&
             json_is_string(json_object_get(r->json, "type")) &&
             json_is_string(json_object_get(r->json, "title")) &&
             json_is_string(json_object_get(r->json, "detail"));

    if (ok && param) {
        int named = 0;
        for (size_t i = 0; i < json_array_size(errors); i++)
            named |= !strcmp(json_string_value(json_object_get(json_array_get(errors, i),
                                                               "param")), param);
        ok = named;
    }
    free(ctype);
    return ok;
}

static int check_list_all(const struct harness_resp *r)
{
    json_t *data = json_object_get(r->json, "data"), *page = json_object_get(r->json, "page");
    return json_array_size(data) == 3 && json_integer_value(json_object_get(page, "total")) == 3 &&
           json_integer_value(json_object_get(page, "limit")) == 20 &&
           json_is_null(json_object_get(page, "next_cursor")) &&
           !strcmp(json_string_value(json_object_get(json_array_get(data, 0), "id")),
                   "alpha-2015-guidelines");
}

static int check_doc_alpha(const struct harness_resp *r)
{
    const char *title = json_string_value(json_object_get(r->json, "title"));
    const char *text = json_string_value(json_object_get(r->json, "text"));
    return title && !strcmp(title, "Allies Sign Off on Revised Defense Guidelines") && text &&
           strstr(text, "the first revision since 1997") &&
           json_object_get(r->json, "raw_text") == NULL &&
           json_integer_value(json_object_get(r->json, "byte_size")) > 100 &&
           strlen(json_string_value(json_object_get(r->json, "sha256"))) == 64;
}

static int check_doc_raw(const struct harness_resp *r)
{
    return json_is_string(json_object_get(r->json, "raw_text"));
}

static int check_untitled(const struct harness_resp *r)
{
    /* No line of this file reads like a headline: the title is null, never invented. */
    return json_is_null(json_object_get(r->json, "title"));
}

static int check_utf8_text(const struct harness_resp *r)
{
    char *ctype = harness_header(r, "Content-Type");
    int ok = ctype && !strcmp(ctype, "text/plain; charset=utf-8") &&
             strstr(r->body, "Übergänge, Größe und Maß") != NULL;
    free(ctype);
    return ok;
}

static int check_health(const struct harness_resp *r)
{
    char *cc = harness_header(r, "Cache-Control");
    int ok = !strcmp(json_string_value(json_object_get(r->json, "status")), "ok") && cc &&
             !strcmp(cc, "no-store");
    free(cc);
    return ok;
}

static int check_ready(const struct harness_resp *r)
{
    return !strcmp(json_string_value(json_object_get(r->json, "status")), "ready");
}

static int check_stats(const struct harness_resp *r)
{
    json_t *ingest = json_object_get(r->json, "ingest");
    return json_integer_value(json_object_get(json_object_get(r->json, "counts"), "documents")) ==
               3 &&
           json_integer_value(json_object_get(ingest, "files_ingested")) == 3 &&
           json_integer_value(json_object_get(ingest, "files_skipped")) == 0 &&
           json_is_number(json_object_get(ingest, "duration_ms")) &&
           json_is_string(json_object_get(r->json, "sqlite_version")) &&
           json_is_string(json_object_get(r->json, "version"));
}

static int check_openapi(const struct harness_resp *r)
{
    char *ctype = harness_header(r, "Content-Type");
    int ok = ctype && strstr(ctype, "yaml") && strstr(r->body, "openapi: 3.1");
    free(ctype);
    return ok;
}

static int check_405(const struct harness_resp *r)
{
    char *allow = harness_header(r, "Allow");
    int ok = allow && !strcmp(allow, "GET, HEAD, OPTIONS") && is_problem(r, 405, NULL);
    free(allow);
    return ok;
}

static int check_options(const struct harness_resp *r)
{
    char *allow = harness_header(r, "Allow"), *acao = harness_header(r, "Access-Control-Allow-Origin");
    int ok = allow && !strcmp(allow, "GET, HEAD, OPTIONS") && acao && !strcmp(acao, "*") &&
             r->len == 0;
    free(allow);
    free(acao);
    return ok;
}

#define PROBLEM_CHECK(name, status, param)                                                     \
    static int name(const struct harness_resp *r) { return is_problem(r, status, param); }
PROBLEM_CHECK(p404, 404, NULL)
PROBLEM_CHECK(p400_limit, 400, "limit")
PROBLEM_CHECK(p400_sort, 400, "sort")
PROBLEM_CHECK(p400_cursor, 400, "cursor")
PROBLEM_CHECK(p400_unknown, 400, "color")
PROBLEM_CHECK(p400_id, 400, "id")
PROBLEM_CHECK(p400_include, 400, "include")
PROBLEM_CHECK(p400_empty, 400, "")

static const struct http_case {
    const char *method, *path;
    long want_status;
    int (*check)(const struct harness_resp *);
} http_cases[] = {
    {"GET", "/healthz", 200, check_health},
    {"GET", "/readyz", 200, check_ready},
    {"GET", "/v1/stats", 200, check_stats},
    {"GET", "/openapi.yaml", 200, check_openapi},
    {"GET", "/v1/documents", 200, check_list_all},
    {"GET", "/v1/documents/alpha-2015-guidelines", 200, check_doc_alpha},
    {"GET", "/v1/documents/alpha-2015-guidelines?include=raw", 200, check_doc_raw},
    {"GET", "/v1/documents/gamma-wire", 200, check_untitled},
    {"GET", "/v1/documents/beta-okinawa-notes/text", 200, check_utf8_text},
    {"GET", "/v1/documents/no-such-doc", 404, p404},
    {"GET", "/v1/documents/no-such-doc/text", 404, p404},
    {"GET", "/v1/nothing-here", 404, p404},
    {"GET", "/v1/documents/", 404, p404},
    {"GET", "/v1/documents?limit=0", 400, p400_limit},
    {"GET", "/v1/documents?limit=201", 400, p400_limit},
    {"GET", "/v1/documents?limit=-1", 400, p400_limit},
    {"GET", "/v1/documents?limit=abc", 400, p400_limit},
    {"GET", "/v1/documents?limit=99999999999999999999", 400, p400_limit},
    {"GET", "/v1/documents?limit=5&limit=6", 400, p400_limit},
    {"GET", "/v1/documents?sort=size", 400, p400_sort},
    {"GET", "/v1/documents?sort=", 400, p400_sort},
    {"GET", "/v1/documents?cursor=not-a-cursor", 400, p400_cursor},
    {"GET", "/v1/documents?cursor=WyJ2MSJd", 400, p400_cursor},
    {"GET", "/v1/documents?color=blue", 400, p400_unknown},
    {"GET", "/v1/documents?=x", 400, p400_empty},
    {"GET", "/v1/documents/bad%20id", 400, p400_id},
    {"GET", "/v1/documents/.hidden", 400, p400_id},
    {"GET", "/v1/documents/alpha-2015-guidelines?include=everything", 400, p400_include},
    {"POST", "/v1/documents", 405, check_405},
    {"DELETE", "/v1/documents/alpha-2015-guidelines", 405, check_405},
    {"PUT", "/healthz", 405, check_405},
    {"OPTIONS", "/v1/documents", 204, check_options},
};

static void run_table(void)
{
    for (size_t i = 0; i < sizeof(http_cases) / sizeof(http_cases[0]); i++) {
        const struct http_case *c = &http_cases[i];
        struct harness_resp r;
        int transport = harness_request(&srv, c->method, c->path, NULL, NULL, &r);
        CHECK(transport == 0);
        if (transport != 0)
            continue;
        if (r.status != c->want_status || !c->check(&r)) {
            fprintf(stderr, "case %s %s: status %ld (want %ld), body: %.300s\n", c->method,
                    c->path, r.status, c->want_status, r.body);
            CHECK(!"case failed");
        }
        harness_resp_clear(&r);
    }
}

/* Walks every page with limit=1 through next_cursor and the Link header; the ids must come
 * out complete and in the requested order. */
static void test_pagination(const char *sort, const char *const *want, size_t nwant)
{
    char path[1024];
    size_t seen = 0;

    snprintf(path, sizeof(path), "/v1/documents?limit=1&sort=%s", sort);
    for (int guard = 0; guard < 10; guard++) {
        struct harness_resp r;
        json_t *page;
        const char *next;
        char *link;

        CHECK(harness_get(&srv, path, &r) == 0 && r.status == 200);
        if (r.status != 200)
            return;
        CHECK(json_array_size(json_object_get(r.json, "data")) == 1);
        if (seen < nwant)
            CHECK_STR(json_string_value(json_object_get(
                          json_array_get(json_object_get(r.json, "data"), 0), "id")),
                      want[seen]);
        seen++;
        page = json_object_get(r.json, "page");
        CHECK(json_integer_value(json_object_get(page, "total")) == (json_int_t)nwant);
        next = json_string_value(json_object_get(page, "next_cursor"));
        link = harness_header(&r, "Link");
        if (!next) {
            CHECK(link == NULL);
            harness_resp_clear(&r);
            free(link);
            break;
        }
        /* The Link header carries the same query with the cursor replaced. */
        CHECK(link && link[0] == '<' && strstr(link, next) && strstr(link, "rel=\"next\"") &&
              strstr(link, "limit=1") && strstr(link, sort));
        if (link) {
            char *end = strchr(link, '>');
            if (end) {
                *end = '\0';
                snprintf(path, sizeof(path), "%s", link + 1);
            }
        }
        free(link);
        harness_resp_clear(&r);
    }
    CHECK(seen == nwant);
}

static void test_cursor_sort_mismatch(void)
{
    struct harness_resp r, r2;
    char path[512];
    const char *next;

    CHECK(harness_get(&srv, "/v1/documents?limit=1&sort=title", &r) == 0);
    next = json_string_value(json_object_get(json_object_get(r.json, "page"), "next_cursor"));
    CHECK(next != NULL);
    snprintf(path, sizeof(path), "/v1/documents?limit=1&sort=-title&cursor=%s", next ? next : "");
    CHECK(harness_get(&srv, path, &r2) == 0);
    CHECK(r2.status == 400 && is_problem(&r2, 400, "cursor"));
    harness_resp_clear(&r);
    harness_resp_clear(&r2);
}

static void test_etag(void)
{
    struct harness_resp r, r2, r3;
    char *etag, inm[128], *etag2;
    const char *h[2] = {inm, NULL};

    CHECK(harness_get(&srv, "/v1/documents/alpha-2015-guidelines", &r) == 0);
    etag = harness_header(&r, "ETag");
    CHECK(etag && etag[0] == '"' && etag[strlen(etag) - 1] == '"');
    snprintf(inm, sizeof(inm), "If-None-Match: \"nope\", %s", etag ? etag : "");
    CHECK(harness_request(&srv, "GET", "/v1/documents/alpha-2015-guidelines", h, NULL, &r2) == 0);
    CHECK(r2.status == 304 && r2.len == 0);
    etag2 = harness_header(&r2, "ETag");
    CHECK(etag2 && etag && !strcmp(etag, etag2));
    snprintf(inm, sizeof(inm), "If-None-Match: \"0000000000000000\"");
    CHECK(harness_request(&srv, "GET", "/v1/documents/alpha-2015-guidelines", h, NULL, &r3) == 0);
    CHECK(r3.status == 200 && r3.len == r.len);
    free(etag);
    free(etag2);
    harness_resp_clear(&r);
    harness_resp_clear(&r2);
    harness_resp_clear(&r3);
}

static void test_head(void)
{
    struct harness_resp get, head;
    char *len_get, *len_head, *etag_get, *etag_head;

    CHECK(harness_get(&srv, "/v1/documents", &get) == 0);
    CHECK(harness_request(&srv, "HEAD", "/v1/documents", NULL, NULL, &head) == 0);
    CHECK(head.status == 200 && head.len == 0);
    len_get = harness_header(&get, "Content-Length");
    len_head = harness_header(&head, "Content-Length");
    etag_get = harness_header(&get, "ETag");
    etag_head = harness_header(&head, "ETag");
    CHECK(len_get && len_head && !strcmp(len_get, len_head));
    CHECK(etag_get && etag_head && !strcmp(etag_get, etag_head));
    free(len_get);
    free(len_head);
    free(etag_get);
    free(etag_head);
    harness_resp_clear(&get);
    harness_resp_clear(&head);
}

static void test_gzip(void)
{
    const char *gz[] = {"Accept-Encoding: gzip", NULL};
    const char *nogz[] = {"Accept-Encoding: gzip;q=0, identity", NULL};
    struct harness_resp plain, packed, refused;
    char *enc, *vary, *etag_plain, *etag_packed, *out = NULL;
    z_stream zs = {0};

    CHECK(harness_get(&srv, "/v1/documents?include=", &plain) == 0); /* 400: small, no gzip */
    enc = harness_header(&plain, "Content-Encoding");
    CHECK(enc == NULL);
    free(enc);
    harness_resp_clear(&plain);

    /* The API description is the largest body the fixtures give. */
    CHECK(harness_get(&srv, "/openapi.yaml", &plain) == 0);
    CHECK(harness_request(&srv, "GET", "/openapi.yaml", gz, NULL, &packed) == 0);
    CHECK(harness_request(&srv, "GET", "/openapi.yaml", nogz, NULL, &refused) == 0);
    CHECK(plain.len >= 1024); /* otherwise this test proves nothing */
    enc = harness_header(&packed, "Content-Encoding");
    vary = harness_header(&packed, "Vary");
    CHECK(enc && !strcmp(enc, "gzip"));
    CHECK(vary && strstr(vary, "Accept-Encoding"));
    CHECK(packed.len < plain.len);
    etag_plain = harness_header(&plain, "ETag");
    etag_packed = harness_header(&packed, "ETag");
    CHECK(etag_plain && etag_packed && strcmp(etag_plain, etag_packed) != 0);
    /* The compressed body inflates to exactly the identity body. */
    out = calloc(1, plain.len + 1);
    if (out && inflateInit2(&zs, 15 + 16) == Z_OK) {
        zs.next_in = (unsigned char *)packed.body;
        zs.avail_in = (unsigned)packed.len;
        zs.next_out = (unsigned char *)out;
        zs.avail_out = (unsigned)plain.len + 1;
        CHECK(inflate(&zs, Z_FINISH) == Z_STREAM_END);
        CHECK(zs.total_out == plain.len && memcmp(out, plain.body, plain.len) == 0);
        inflateEnd(&zs);
    }
    free(enc);
    enc = harness_header(&refused, "Content-Encoding");
    CHECK(enc == NULL && refused.len == plain.len);
    free(enc);
    free(vary);
    free(out);
    free(etag_plain);
    free(etag_packed);
    harness_resp_clear(&plain);
    harness_resp_clear(&packed);
    harness_resp_clear(&refused);
}

static void test_big_request(void)
{
    /* An oversized request line or header block is refused with 414/431, and the server
     * keeps answering. */
    size_t n = 300 * 1024; /* past the 256 KiB a connection may use */
    char *path = malloc(n + 32), *hdr = malloc(n + 32);
    const char *hs[2] = {hdr, NULL};
    struct harness_resp r;

    if (!path || !hdr) {
        free(path);
        free(hdr);
        CHECK(!"out of memory");
        return;
    }
    strcpy(path, "/v1/documents?x=");
    memset(path + strlen(path), 'a', n);
    path[n + 16] = '\0';
    strcpy(hdr, "X-Big: ");
    memset(hdr + 7, 'b', n);
    hdr[n + 7] = '\0';
    if (harness_get(&srv, path, &r) == 0) {
        CHECK(r.status == 414 || r.status == 431);
        harness_resp_clear(&r);
    }
    if (harness_request(&srv, "GET", "/healthz", hs, NULL, &r) == 0) {
        CHECK(r.status == 431 || r.status == 413);
        harness_resp_clear(&r);
    }
    CHECK(harness_get(&srv, "/healthz", &r) == 0 && r.status == 200);
    harness_resp_clear(&r);
    free(path);
    free(hdr);
}

static void test_access_log(void)
{
    char *log = harness_log(&srv);
    CHECK(log && strstr(log, "\"method\":\"GET\"") && strstr(log, "\"path\":\"/v1/documents\"") &&
          strstr(log, "\"status\":200") && strstr(log, "\"us\":"));
    free(log);
}

static void test_cors_list(void)
{
    struct harness_server s2;
    const char *args[] = {"--corpus", "tests/fixtures/http", "--cors-origin",
                          "https://dash.example, https://other.example", NULL};
    const char *good[] = {"Origin: https://dash.example", NULL};
    const char *bad[] = {"Origin: https://evil.example", NULL};
    const char *pre[] = {"Origin: https://other.example", "Access-Control-Request-Method: GET",
                         NULL};
    struct harness_resp r;
    char *h;

    if (harness_start(&s2, args) != 0) {
        CHECK(!"second server did not start");
        return;
    }
    CHECK(harness_request(&s2, "GET", "/v1/documents", good, NULL, &r) == 0);
    h = harness_header(&r, "Access-Control-Allow-Origin");
    CHECK(h && !strcmp(h, "https://dash.example"));
    free(h);
    h = harness_header(&r, "Vary");
    CHECK(h && strstr(h, "Origin"));
    free(h);
    h = harness_header(&r, "Access-Control-Expose-Headers");
    CHECK(h && strstr(h, "ETag") && strstr(h, "Link"));
    free(h);
    harness_resp_clear(&r);
    CHECK(harness_request(&s2, "GET", "/v1/documents", bad, NULL, &r) == 0);
    h = harness_header(&r, "Access-Control-Allow-Origin");
    CHECK(h == NULL && r.status == 200);
    free(h);
    harness_resp_clear(&r);
    CHECK(harness_request(&s2, "OPTIONS", "/v1/documents/x", pre, NULL, &r) == 0);
    CHECK(r.status == 204);
    h = harness_header(&r, "Access-Control-Allow-Methods");
    CHECK(h && strstr(h, "GET"));
    free(h);
    h = harness_header(&r, "Access-Control-Allow-Origin");
    CHECK(h && !strcmp(h, "https://other.example"));
    free(h);
    harness_resp_clear(&r);
    CHECK(harness_stop(&s2) == 0);
}

/* With response reuse on, repeated requests are answered from the cache: same body, same
 * ETag, and the counters say so. */
static void test_cache_counters(int enabled)
{
    struct harness_resp a, b, st;
    char *ea, *eb;
    json_t *cache;

    CHECK(harness_get(&srv, "/v1/documents?sort=title&limit=2", &a) == 0);
    CHECK(harness_get(&srv, "/v1/documents?limit=2&sort=title", &b) == 0); /* same, reordered */
    CHECK(a.status == 200 && b.status == 200 && a.len == b.len &&
          memcmp(a.body, b.body, a.len) == 0);
    ea = harness_header(&a, "ETag");
    eb = harness_header(&b, "ETag");
    CHECK(ea && eb && !strcmp(ea, eb));
    CHECK(harness_get(&srv, "/v1/stats", &st) == 0);
    cache = json_object_get(st.json, "cache");
    CHECK(json_is_true(json_object_get(cache, "enabled")) == enabled);
    if (enabled)
        CHECK(json_integer_value(json_object_get(cache, "hits")) >= 1 &&
              json_integer_value(json_object_get(cache, "entries")) >= 1);
    else
        CHECK(json_integer_value(json_object_get(cache, "hits")) == 0);
    free(ea);
    free(eb);
    harness_resp_clear(&a);
    harness_resp_clear(&b);
    harness_resp_clear(&st);
}

/* Every convention holds with response reuse on (the default) and off. */
static int run_suite(const char *cache_mb)
{
    const char *args[] = {"--corpus", "tests/fixtures/http", "--threads", "2", "--cache-mb",
                          cache_mb, NULL};
    static const char *const by_id[] = {"alpha-2015-guidelines", "beta-okinawa-notes",
                                        "gamma-wire"};
    static const char *const by_title_desc[] = {"beta-okinawa-notes", "alpha-2015-guidelines",
                                                "gamma-wire"};
    static const char *const by_id_desc[] = {"gamma-wire", "beta-okinawa-notes",
                                             "alpha-2015-guidelines"};

    fprintf(stderr, "== suite with --cache-mb %s\n", cache_mb);
    if (harness_start(&srv, args) != 0)
        return 1;
    run_table();
    run_table(); /* again: now answered from reused responses where enabled */
    test_pagination("id", by_id, 3);
    test_pagination("-id", by_id_desc, 3);
    /* Titles sort case-insensitively; a document without a title sorts first ascending and
     * so last descending. */
    test_pagination("-title", by_title_desc, 3);
    test_cursor_sort_mismatch();
    test_etag();
    test_head();
    test_gzip();
    test_big_request();
    test_access_log();
    test_cors_list();
    test_cache_counters(strcmp(cache_mb, "0") != 0);
    CHECK(harness_stop(&srv) == 0);
    return 0;
}

int main(void)
{
    if (run_suite("64") != 0 || run_suite("0") != 0)
        CHECK(!"server did not start");
    return unit_done("test_http");
}
