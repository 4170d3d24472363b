/* tests/test_hostile.c: hostile requests. Every case must get a 4xx problem+json (or the
 * right 2xx), leave the server alive, and the next normal request must still be answered
 * correctly. Runs against the real binary on the bundled corpus. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/harness.h"
#include "tests/unit.h"

static struct harness_server srv;
static int cases_run;

/* The server still answers a normal request correctly. */
static void check_alive(const char *after)
{
    struct harness_resp r;
    int ok = harness_get(&srv, "/v1/documents?limit=1", &r) == 0 && r.status == 200 &&
             json_array_size(json_object_get(r.json, "data")) == 1;
    if (!ok)
        fprintf(stderr, "server not healthy after: %s\n", after);
    CHECK(ok);
    harness_resp_clear(&r);
}

/* A reply that is either a success or a problem+json 4xx with status in the body. */
static int reply_ok(const struct harness_resp *r, int allow_2xx)
{
    char *ctype = harness_header(r, "Content-Type");
    int ok;

    if (r->status >= 200 && r->status < 300)
        ok = allow_2xx;
    else if (r->status == 414 || r->status == 431 || r->status == 413)
        ok = 1; /* answered by libmicrohttpd before routing */
    else
        ok = r->status >= 400 && r->status < 500 && ctype &&
             !strcmp(ctype, "application/problem+json") && r->json &&
             json_integer_value(json_object_get(r->json, "status")) == r->status;
    free(ctype);
    return ok;
}

static void hostile_get(const char *path, int allow_2xx)
{
    struct harness_resp r;
    int transport = harness_get(&srv, path, &r);

    cases_run++;
    CHECK(transport == 0);
    if (transport == 0 && !reply_ok(&r, allow_2xx)) {
        fprintf(stderr, "hostile case %.160s: status %ld body %.200s\n", path, r.status, r.body);
        CHECK(!"bad reply to a hostile request");
    }
    harness_resp_clear(&r);
}

/* Values that must never be read as SQL, FTS5 or paths. */
static const char *const injections[] = {
    "'", "%27%20OR%201%3D1--", "1;DROP%20TABLE%20documents", "%22", "%5C", "NEAR(a%20b)",
    "title%3Ajapan", "*", "%00", "a%00b", "%FF%FE", "%C0%AF", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd",
    "%0D%0ASet-Cookie%3A%20x%3D1", "-1", "99999999999999999999999", "1e9", "0x10", "%20",
    "()", "%E2%80%AE", "%F0%9F%87%AF%F0%9F%87%B5", "null", "true",
};

/* Every accepted parameter of every list route, fed every injection. */
static void test_parameter_injection(void)
{
    static const struct {
        const char *path, *params[12];
    } routes[] = {
        {"/v1/documents", {"limit", "cursor", "sort", "source", "published_from", "published_to",
                           "q", "mode", NULL}},
        {"/v1/entities", {"limit", "cursor", "sort", "type", "q", "document", "kb",
                          "min_mentions", NULL}},
        {"/v1/statements", {"limit", "cursor", "sort", "speaker", "entity", "document", "meeting",
                            "kind", "q", "from", "to", NULL}},
        {"/v1/meetings", {"limit", "cursor", "sort", "from", "to", "kind", "status",
                          "participant", "place", "document", NULL}},
        {"/v1/search", {"q", "type", "from", "to", "entity", "speaker", "source", "mark_open",
                        "limit", "cursor", "mode", NULL}},
        {"/v1/timeline", {"bucket", "from", "to", "types", "items", NULL}},
    };
    for (size_t r = 0; r < sizeof(routes) / sizeof(routes[0]); r++)
        for (size_t p = 0; routes[r].params[p]; p++)
            for (size_t v = 0; v < sizeof(injections) / sizeof(injections[0]); v++) {
                char path[512];
                /* search needs q; give it one unless q is the parameter under attack */
                snprintf(path, sizeof(path), "%s?%s=%s%s", routes[r].path, routes[r].params[p],
                         injections[v],
                         !strcmp(routes[r].path, "/v1/search") && strcmp(routes[r].params[p], "q")
                             ? "&q=japan"
                             : "");
                hostile_get(path, 1);
            }
    check_alive("parameter injection");
}

static void test_paths(void)
{
    static const char *const paths[] = {
        "/v1/documents/..%2F..%2Fetc%2Fpasswd", "/v1/documents/%00", "/v1/documents/a%00b",
        "/v1/documents/%FF", "/v1/documents/'%20OR%20'1'='1", "/../../etc/passwd",
        "/v1/documents/./x", "/v1//documents", "/v1/documents//text", "/V1/DOCUMENTS",
        "/v1/entities/%E2%80%AE", "/v1/statements/..", "/v1/meetings/%2e%2e",
        "/v1/search/extra", "/v1/documents/x/text/more", "/v1/entities/x/unknown",
        "/%20", "/v1/documents?", "/v1/documents?&&&", "/v1/documents?=",
        "/v1/documents?limit", "/v1/documents#fragment",
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
        hostile_get(paths[i], 1);
    check_alive("hostile paths");
}

static void test_many_parameters(void)
{
    char *path = malloc(40000);
    size_t n = 0;

    if (!path)
        return;
    n += (size_t)snprintf(path, 40000, "/v1/documents?");
    for (int i = 0; i < 3000 && n < 39000; i++)
        n += (size_t)snprintf(path + n, 40000 - n, "p%d=%d&", i, i);
    hostile_get(path, 0);
    n = (size_t)snprintf(path, 40000, "/v1/documents?");
    for (int i = 0; i < 2000 && n < 39000; i++)
        n += (size_t)snprintf(path + n, 40000 - n, "limit=%d&", i % 200 + 1);
    hostile_get(path, 0); /* repeated parameters: 400 */
    /* Parameters beyond what libmicrohttpd's connection memory holds: short ones, so that the
     * line fits its read buffer. A 414 from us, at once (not a hang until the timeout). */
    n = (size_t)snprintf(path, 40000, "/v1/documents?");
    for (int i = 0; i < 12000 && n < 30000; i++)
        n += (size_t)snprintf(path + n, 40000 - n, "%sa", i ? "&" : "");
    {
        struct harness_resp r;
        const char *type, *detail;
        CHECK(harness_get(&srv, path, &r) == 0);
        CHECK(r.status == 414);
        type = json_string_value(json_object_get(r.json, "type"));
        detail = json_string_value(json_object_get(r.json, "detail"));
        CHECK(type && strstr(type, "too-many-parameters"));
        CHECK(detail && strstr(detail, "parameters"));
        harness_resp_clear(&r);
    }
    free(path);
    check_alive("thousands of parameters");
}

static void test_limits_and_cursors(void)
{
    static const char *const cases[] = {
        "/v1/documents?limit=-5", "/v1/documents?limit=0", "/v1/documents?limit=201",
        "/v1/documents?limit=1.5", "/v1/documents?limit=%2B5", "/v1/documents?limit=%205",
        "/v1/documents?limit=18446744073709551617", "/v1/documents?cursor=",
        "/v1/documents?cursor=AAAA", "/v1/documents?cursor=%3D%3D%3D",
        "/v1/documents?cursor=WyJ2MSIsImlkIixmYWxzZSwiYSJd",
        "/v1/documents?cursor=WyJ2MSIsInRpdGxlIixmYWxzZSwiYSIsImEiXQ", /* other sort */
        "/v1/entities?min_mentions=-1", "/v1/entities?min_mentions=abc",
        "/v1/timeline?items=1000", "/v1/timeline?bucket=week",
        "/v1/entities?min_mentions=%2B5", "/v1/entities?min_mentions=%205",
        "/v1/timeline?items=%2B5", "/v1/timeline?items=-0", "/v1/timeline?items=5%20",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        hostile_get(cases[i], 0);
    /* A forged cursor that decodes well only moves the page; it cannot fail. */
    hostile_get("/v1/documents?cursor=WyJ2MSIsImlkIixmYWxzZSwienp6Iiwienp6Il0", 1);
    check_alive("limits and cursors");
}

/* Raw HTTP that libcurl would not send. Each must get an HTTP reply or a close, never a
 * hang or a crash. */
static void test_raw(void)
{
    static const struct {
        const char *name, *bytes;
        int half_close;
        const char *want; /* a substring the reply must contain, or NULL for "anything" */
    } cases[] = {
        {"unknown method", "BREW /v1/documents HTTP/1.1\r\nHost: x\r\n\r\n", 0, "HTTP/1.1 4"},
        {"lower-case method", "get /v1/documents HTTP/1.1\r\nHost: x\r\n\r\n", 0, "HTTP/1.1"},
        {"body on GET", "GET /v1/documents?limit=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        "Connection: close\r\n\r\nhello", 0, "HTTP/1.1 200"},
        {"pipelined", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/documents?limit=1 "
                      "HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0, "\"data\""},
        {"half-closed", "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1,
         "HTTP/1.1 200"},
        {"no Host on 1.1", "GET /healthz HTTP/1.1\r\n\r\n", 0, "HTTP/1.1 400"},
        {"HTTP/1.0", "GET /healthz HTTP/1.0\r\n\r\n", 0, "200"},
        {"bad version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 0, NULL},
        {"garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 1, NULL},
        {"header without colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nBroken\r\n\r\n", 0, NULL},
        {"NUL in path", "GET /v1/doc\0uments HTTP/1.1\r\nHost: x\r\n\r\n", 0, NULL},
        {"chunked GET", "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0, "HTTP/1.1"},
        {"conflicting lengths", "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                                "Content-Length: 2\r\n\r\nab", 0, NULL},
        {"huge content length", "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                "99999999999999\r\n\r\n", 1, NULL},
        {"absolute URI", "GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n"
                         "Connection: close\r\n\r\n", 0, "HTTP/1.1"},
        {"only CRLFs", "\r\n\r\n\r\n\r\n", 1, NULL},
        {"request line only", "GET /healthz", 1, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *reply = NULL;
        size_t len = strlen(cases[i].bytes);
        if (!strcmp(cases[i].name, "NUL in path")) /* the bytes go on past the NUL */
            len += 1 + strlen(cases[i].bytes + len + 1);
        cases_run++;
        CHECK(harness_raw(&srv, cases[i].bytes, len, cases[i].half_close, 800, &reply) == 0);
        if (cases[i].want && (!reply || !strstr(reply, cases[i].want))) {
            fprintf(stderr, "raw case '%s': reply %.200s\n", cases[i].name, reply ? reply : "");
            CHECK(!"raw case");
        }
        free(reply);
        check_alive(cases[i].name);
    }
}

static void test_headers(void)
{
    static const char *const sets[][3] = {
        {"If-None-Match: \"unterminated", NULL},
        {"If-None-Match: W/", NULL},
        {"If-None-Match: *", NULL},
        {"Accept-Encoding: gzip;q=abc, br;q=", NULL},
        {"Accept-Encoding: ,,,,,", NULL},
        {"Origin: \xff\xfe", NULL},
        {"Origin: null", NULL},
        {"Access-Control-Request-Method: DELETE", "Origin: https://x.example"},
        {"X-Forwarded-For: 1.2.3.4, 5.6.7.8", NULL},
        {"Range: bytes=0-10", NULL},
    };
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        struct harness_resp r;
        cases_run++;
        CHECK(harness_request(&srv, "GET", "/v1/documents?limit=1", sets[i], NULL, &r) == 0);
        CHECK(r.status == 200 || r.status == 304);
        harness_resp_clear(&r);
    }
    check_alive("hostile headers");
}

/* Opens n connections to s, each sending a request line and one header but never the blank
 * line that ends the headers (a slowloris). Returns how many were opened; fds[] holds them. */
static size_t open_idle(const struct harness_server *s, int *fds, size_t n)
{
    static const char partial[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
    size_t opened = 0;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (size_t i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            break;
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
            write(fd, partial, sizeof(partial) - 1) != (ssize_t)(sizeof(partial) - 1)) {
            close(fd);
            break;
        }
        fds[opened++] = fd;
    }
    return opened;
}

static void close_all(int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        close(fds[i]);
}

/* 1,000 idle half-sent requests must not stop other clients; and once the connection limit
 * is reached, the per-connection timeout frees the slots for a client that comes later. */
static void test_slowloris(void)
{
    enum { IDLE = 1000, SMALL_LIMIT = 8 };
    static int fds[IDLE];
    const char *args[] = {"--corpus", "corpus", "--max-connections", "8", "--timeout", "1", NULL};
    struct harness_server small;
    struct harness_resp r;
    size_t n = open_idle(&srv, fds, IDLE);

    cases_run++;
    CHECK(n == IDLE);
    check_alive("1,000 idle connections"); /* answered while they are all still open */
    close_all(fds, n);

    if (harness_start(&small, args) != 0) {
        CHECK(!"server with --max-connections 8 did not start");
        return;
    }
    cases_run++;
    n = open_idle(&small, fds, SMALL_LIMIT);
    CHECK(n == SMALL_LIMIT);
    sleep(3); /* past --timeout 1: the server drops the idle connections */
    CHECK(harness_get(&small, "/healthz", &r) == 0 && r.status == 200);
    harness_resp_clear(&r);
    close_all(fds, n);
    CHECK(harness_stop(&small) == 0);
}

int main(void)
{
    const char *args[] = {"--corpus", "corpus", NULL};

    if (harness_start(&srv, args) != 0)
        return 1;
    test_parameter_injection();
    test_paths();
    test_many_parameters();
    test_limits_and_cursors();
    test_raw();
    test_headers();
    test_slowloris();
    fprintf(stderr, "hostile cases run: %d\n", cases_run);
    CHECK(cases_run >= 100);
    CHECK(harness_stop(&srv) == 0);
    return unit_done("test_hostile");
}
