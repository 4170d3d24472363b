/* fuzz/fuzz_http.c: libFuzzer target for the request side of the server as a whole: the
 * router, every query-parameter parser (limit, sort, cursor, dates, ids, sets, search text),
 * the response cache's request normalization and the handlers behind them. The real server
 * runs in this process (in-memory database built from $TWOPLUS_FUZZ_CORPUS, default corpus/)
 * and each input becomes one well-formed HTTP/1.1 request on a loopback connection, so the
 * fuzzer explores what twoplus does with a request, not how libmicrohttpd parses one.
 *
 * Input: the first line is "[METHOD ]TARGET"; every further line is a header "Name: value".
 * Bytes of the target that cannot appear raw in a request line are percent-encoded, so any
 * decoded value still reaches the parameter parsers.
 * A finding: a crash or sanitizer report in any server thread, a 5xx other than 503, a reply
 * that does not come within 15 s even when sent again, a JSON body that does not parse, or a problem+json whose
 * "status" is not the HTTP status. */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "server/build.h"
#include "server/cache.h"
#include "server/config.h"
#include "server/http.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HTTP_MAX_REQUEST 16384

#define HTTP_HISTORY 16
#define HTTP_WAIT_S 15 /* the server closes an idle connection after 10 s (--timeout) */

static struct srv_config http_cfg;
static char http_history[HTTP_HISTORY][512]; /* the last requests, shown when one hangs */
static size_t http_count;
static size_t http_stalls; /* requests answered only when sent again */
static struct srv_ctx http_srv;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *corpus = getenv("TWOPLUS_FUZZ_CORPUS");
    char *args[] = {"twoplus", "--corpus", (char *)(corpus ? corpus : "corpus"), "--data",
                    "data", "--listen", "127.0.0.1:0", "--threads", "2", "--access-log",
                    "off", "--cache-mb", "1", "--timeout", "10", NULL};
    struct srv_build_summary summary;
    char err[512];

    (void)argc;
    (void)argv;
    if (srv_config_parse(&http_cfg, (int)(sizeof(args) / sizeof(args[0])) - 1, args, err,
                         sizeof(err)) != 0) {
        fprintf(stderr, "fuzz_http: %s\n", err);
        exit(2);
    }
    http_srv.cfg = &http_cfg;
    if (srv_build(&http_cfg, &http_srv.db, &summary) != 0) {
        fprintf(stderr, "fuzz_http: cannot build the database (run from the source root)\n");
        exit(2);
    }
    http_srv.cache = srv_cache_new(http_cfg.cache_bytes);
    if (srv_http_start(&http_srv) != 0)
        exit(2);
    atomic_store(&http_srv.ready, 1);
    return 0;
}

/* Appends the request built from the fuzz input to buf. Returns its length. */
static size_t http_request(const uint8_t *data, size_t size, char *buf)
{
    static const char *const methods[] = {"GET ", "HEAD ", "OPTIONS ", "POST ", "DELETE "};
    static const char hex[] = "0123456789ABCDEF";
    const char *method = "GET";
    size_t n = 0, i = 0, line_end;

    for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
        size_t len = strlen(methods[m]);
        if (size >= len && memcmp(data, methods[m], len) == 0) {
            method = methods[m];
            i = len;
            break;
        }
    }
    n += (size_t)snprintf(buf, HTTP_MAX_REQUEST, "%.*s ", (int)strcspn(method, " "), method);
    if (i >= size || data[i] != '/')
        buf[n++] = '/';
    for (; i < size && data[i] != '\n' && n < HTTP_MAX_REQUEST / 2; i++) {
        uint8_t c = data[i];
        if (c <= 0x20 || c == 0x7F || c == '#') {
            buf[n++] = '%';
            buf[n++] = hex[c >> 4];
            buf[n++] = hex[c & 15];
        } else {
            buf[n++] = (char)c;
        }
    }
    n += (size_t)snprintf(buf + n, HTTP_MAX_REQUEST - n,
                          " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
    /* Headers: whole lines with a name, no CR or NUL; Host and Connection stay ours. */
    for (i++; i < size; i = line_end + 1) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        line_end = nl ? (size_t)(nl - data) : size;
        size_t len = line_end - i;
        const uint8_t *colon = memchr(data + i, ':', len);
        if (!colon || colon == data + i || memchr(data + i, '\r', len) ||
            memchr(data + i, '\0', len) || memchr(data + i, ' ', (size_t)(colon - data) - i) ||
            (len >= 4 && !strncasecmp((const char *)data + i, "host", 4)) ||
            (len >= 10 && !strncasecmp((const char *)data + i, "connection", 10)) ||
            (len >= 14 && !strncasecmp((const char *)data + i, "content-length", 14)) ||
            (len >= 17 && !strncasecmp((const char *)data + i, "transfer-encoding", 17)) ||
            n + len + 4 >= HTTP_MAX_REQUEST)
            continue;
        memcpy(buf + n, data + i, len);
        n += len;
        buf[n++] = '\r';
        buf[n++] = '\n';
    }
    buf[n++] = '\r';
    buf[n++] = '\n';
    return n;
}

/* Sends req and reads the whole reply into a malloc'd *reply. Returns 0, or -1 on timeout. */
static int http_exchange(const char *req, size_t len, char **reply, size_t *reply_len)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)http_srv.port)};
    struct timeval tv = {.tv_sec = HTTP_WAIT_S};
    size_t cap = 65536, got = 0;
    char *buf = malloc(cap + 1);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), rc = -1;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!buf || fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
        connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
        perror("fuzz_http: connect");
        abort(); /* the server stopped listening */
    }
    if (send(fd, req, len, MSG_NOSIGNAL) == (ssize_t)len) {
        for (;;) {
            ssize_t r;
            if (got == cap) {
                char *more = realloc(buf, 2 * cap + 1);
                if (!more)
                    break;
                buf = more;
                cap *= 2;
            }
            r = recv(fd, buf + got, cap - got, 0);
            if (r < 0) {
                got = (size_t)-1; /* timeout: no complete answer */
                break;
            }
            if (r == 0)
                break;
            got += (size_t)r;
        }
    }
    close(fd);
    if (got != (size_t)-1) {
        buf[got] = '\0';
        *reply = buf;
        *reply_len = got;
        rc = 0;
    } else {
        free(buf);
    }
    return rc;
}

/* The value of header name in the reply's header block (not NUL-terminated: *len). */
static const char *http_header(const char *reply, const char *body, const char *name, int *len)
{
    size_t nlen = strlen(name);

    for (const char *p = strstr(reply, "\r\n"); p && p + 2 < body; p = strstr(p + 2, "\r\n")) {
        if (!strncasecmp(p + 2, name, nlen) && p[2 + nlen] == ':') {
            const char *v = p + 3 + nlen;
            while (*v == ' ')
                v++;
            *len = (int)strcspn(v, "\r");
            return v;
        }
    }
    return NULL;
}

static void http_check(const char *req, const char *reply, size_t len)
{
    const char *body = strstr(reply, "\r\n\r\n"), *ctype, *enc;
    int status = 0, ctype_len = 0, enc_len = 0;
    json_t *doc;

    if (len == 0)
        return; /* closed without an answer: libmicrohttpd's choice for some requests */
    if (sscanf(reply, "HTTP/1.%*d %d", &status) != 1 || !body) {
        fprintf(stderr, "fuzz_http: not an HTTP reply to\n%s\n", req);
        abort();
    }
    body += 4;
    if (status >= 500 && status != 503) {
        fprintf(stderr, "fuzz_http: %d for\n%s\n---\n%s\n", status, req, reply);
        abort();
    }
    ctype = http_header(reply, body, "Content-Type", &ctype_len);
    enc = http_header(reply, body, "Content-Encoding", &enc_len);
    if (!ctype || enc || strstr(req, "HEAD ") == req || (size_t)(body - reply) == len)
        return;
    if (!(ctype_len >= 16 && !strncmp(ctype, "application/json", 16)) &&
        !(ctype_len >= 24 && !strncmp(ctype, "application/problem+json", 24)))
        return;
    doc = json_loadb(body, len - (size_t)(body - reply), 0, NULL);
    if (!doc) {
        fprintf(stderr, "fuzz_http: a JSON body that does not parse for\n%s\n", req);
        abort();
    }
    if (ctype_len >= 24 && !strncmp(ctype, "application/problem+json", 24) &&
        json_integer_value(json_object_get(doc, "status")) != status) {
        fprintf(stderr, "fuzz_http: problem status is not %d for\n%s\n", status, req);
        abort();
    }
    json_decref(doc);
}

/* The number of connections waiting in the server's accept queue (/proc/net/tcp: the
 * receive queue of the listening socket), or 0 if it cannot be read. */
static size_t http_accept_queue(void)
{
    FILE *f = fopen("/proc/net/tcp", "r");
    char line[512];
    size_t queue = 0;

    while (f && fgets(line, sizeof(line), f)) {
        unsigned port, state, rx;
        if (sscanf(line, " %*u: %*x:%x %*x:%*x %x %*x:%x", &port, &state, &rx) == 3 &&
            port == http_srv.port && state == 0x0A)
            queue = rx;
    }
    if (f)
        fclose(f);
    return queue;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *req = malloc(HTTP_MAX_REQUEST + 8), *reply = NULL;
    size_t len, reply_len = 0;

    if (!req)
        return 0;
    len = http_request(data, size, req);
    req[len] = '\0';
    if (http_exchange(req, len, &reply, &reply_len) != 0) {
        /* Longer than the server's own idle timeout: the connection was never taken up.
         * Say whether the server still answers, how many connections wait in its accept
         * queue, and what came just before; a retry that is answered makes it a stall to
         * report, not a finding about this input. */
        size_t backlog = http_accept_queue();
        int answered = http_exchange(req, len, &reply, &reply_len) == 0;
        fprintf(stderr, "fuzz_http: stall %zu: no answer within %d s to\n%s\n(%zu connections "
                        "waited in the accept queue; the same request again %s)\n",
                ++http_stalls, HTTP_WAIT_S, req, backlog,
                answered ? "was answered" : "was not answered");
        for (size_t k = 1; k <= HTTP_HISTORY; k++) {
            const char *prev = http_history[(http_count + HTTP_HISTORY - k) % HTTP_HISTORY];
            if (prev[0])
                fprintf(stderr, "  previous request -%zu: %.*s\n", k, (int)strcspn(prev, "\r"),
                        prev);
        }
        if (!answered)
            abort();
    }
    snprintf(http_history[http_count++ % HTTP_HISTORY], sizeof(http_history[0]), "%s", req);
    http_check(req, reply, reply_len);
    free(reply);
    free(req);
    return 0;
}
