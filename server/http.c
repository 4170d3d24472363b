/* server/http.c: the libmicrohttpd daemon: options, the access handler that turns a
 * connection into an api_req for the router, request completion and the access log.
 * Read ../shared/notes before changing the loop: the response is queued on the second call
 * of the access handler, and the epoll daemon always runs a thread pool. */
#include "server/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/api.h"
#include "server/cache.h"
#include "server/conv.h"
#include "server/log.h"
#include "server/metrics.h"
#include "server/router.h"

/* Per-request state, the con_cls of libmicrohttpd: made by http_uri_seen() when the request
 * line has been read, set up by the first call of the access handler. */
struct http_request {
    struct api_req req;
    struct timespec start;
    char *path;        /* our copy: libmicrohttpd's url pointer is not ours to keep; NULL until
                        * the access handler's first call */
    size_t params;     /* query parameters of the request line */
    int params_cut;    /* more than HTTP_MAX_PARAMS: the query was not parsed */
};

/* No route takes more than a dozen parameters; a request line with more than this many is
 * answered 414 without parsing them. */
#define HTTP_MAX_PARAMS 256

static int64_t http_micros_since(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - start->tv_sec) * 1000000 +
           (now.tv_nsec - start->tv_nsec) / 1000;
}

struct http_key_arg {
    const char *key, *value;
};

struct http_key_args {
    struct http_key_arg args[32];
    size_t count;
    int overflow;
};

static enum MHD_Result http_key_collect(void *cls, enum MHD_ValueKind kind, const char *key,
                                        const char *value)
{
    struct http_key_args *a = cls;

    (void)kind;
    if (a->count == 32) {
        a->overflow = 1;
        return MHD_NO;
    }
    a->args[a->count++] = (struct http_key_arg){key, value ? value : ""};
    return MHD_YES;
}

static int http_key_cmp(const void *x, const void *y)
{
    const struct http_key_arg *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->value, b->value);
}

/* The normalized request a cached response answers: path, query parameters sorted, the
 * encoding the client takes, and (with an origin list) the origin. NULL: do not reuse. */
static char *http_cache_key(const struct api_req *req)
{
    struct http_key_args a = {.count = 0};
    const struct srv_config *cfg = req->srv->cfg;
    const char *origin = "";
    char *key = NULL;
    size_t len;
    FILE *f;

    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, http_key_collect, &a);
    if (a.overflow)
        return NULL;
    qsort(a.args, a.count, sizeof(a.args[0]), http_key_cmp);
    if (strcmp(cfg->cors_origin, "*") != 0) {
        origin = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Origin");
        if (!conv_origin_allowed(cfg->cors_origin, origin))
            origin = "";
    }
    f = open_memstream(&key, &len);
    if (!f)
        return NULL;
    fputs(req->path, f);
    for (size_t i = 0; i < a.count; i++)
        fprintf(f, "%c%s=%s", i ? '&' : '?', a.args[i].key, a.args[i].value);
    fprintf(f, "|%s|%s",
            conv_accepts_gzip(MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
                                                          "Accept-Encoding"))
                ? "gz"
                : "id",
            origin);
    if (fclose(f) != 0) {
        free(key);
        return NULL;
    }
    return key;
}

/* The URI log callback: the raw request target, before libmicrohttpd parses its query.
 * libmicrohttpd 0.9.75 stores each query parameter in the connection's memory pool during that
 * parse, and a pool that runs out there leaves the connection hanging until the timeout (its
 * 431 is queued, then the request goes on as if parsed). A target with more parameters than
 * any route takes is therefore cut at '?' before the parse (the bytes are the connection's own
 * read buffer; libmicrohttpd has found the '?' already and parses from the byte after it) and
 * answered 414 by the access handler. The returned state becomes the request's con_cls. */
static void *http_uri_seen(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct srv_ctx *ctx = cls;
    struct http_request *hr = calloc(1, sizeof(*hr));
    char *query = uri ? strchr(uri, '?') : NULL;

    (void)conn;
    if (!hr)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &hr->start);
    if (query && query[1]) {
        hr->params = 1;
        for (const char *p = query + 1; *p; p++)
            hr->params += *p == '&';
    }
    if (hr->params > HTTP_MAX_PARAMS) {
        hr->params_cut = 1;
        query[1] = '\0';
    }
    atomic_fetch_add(&ctx->in_flight, 1);
    return hr;
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version,
                                   const char *upload_data, size_t *upload_data_size,
                                   void **con_cls)
{
    struct srv_ctx *ctx = cls;
    struct http_request *hr = *con_cls;

    (void)upload_data;
    if (!hr)
        return MHD_NO; /* http_uri_seen() ran out of memory */
    if (!hr->path) {
        /* First call: headers only. Answering now would make libmicrohttpd close the
         * connection after the reply (notes, pitfall 1), so only set up state. */
        hr->path = strdup(url ? url : "/");
        if (!hr->path)
            return MHD_NO;
        hr->req.method = method;
        hr->req.path = hr->path;
        hr->req.conn = conn;
        hr->req.srv = ctx;
        hr->req.is_head = strcmp(method, "HEAD") == 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* No route takes a body: read and drop it; the reply comes once it is consumed. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    /* RFC 9112 3.2: a 1.1 request without Host is a 400 (libmicrohttpd lets it through). */
    if (!strcmp(version, MHD_HTTP_VERSION_1_1) &&
        !MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST))
        return api_reply_problem(&hr->req, 400, "missing-host",
                                 "an HTTP/1.1 request needs a Host header")
                   ? MHD_YES
                   : MHD_NO;
    if (hr->params_cut) {
        return api_reply_problem(&hr->req, 414, "too-many-parameters",
                                 "the query has %zu parameters; at most %d are read", hr->params,
                                 HTTP_MAX_PARAMS)
                   ? MHD_YES
                   : MHD_NO;
    }
    if (ctx->cache && (!strcmp(method, "GET") || hr->req.is_head)) {
        size_t bytes = 0;
        unsigned status;
        hr->req.cache_key = http_cache_key(&hr->req);
        status = hr->req.cache_key
                     ? srv_cache_serve(ctx->cache, hr->req.cache_key, conn,
                                       MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                                   "If-None-Match"),
                                       &bytes)
                     : 0;
        if (status) {
            hr->req.status = status;
            hr->req.bytes = bytes;
            return MHD_YES;
        }
    }
    hr->req.store = store_reader(ctx->db);
    if (!hr->req.store)
        return api_reply_problem(&hr->req, 503, "unavailable", "the database cannot be read")
                   ? MHD_YES
                   : MHD_NO;
    store_set_deadline(hr->req.store, ctx->cfg->query_timeout_ms);
    return router_dispatch(&hr->req) ? MHD_YES : MHD_NO;
}

static void http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                           enum MHD_RequestTerminationCode toe)
{
    struct srv_ctx *ctx = cls;
    struct http_request *hr = *con_cls;

    (void)conn;
    if (!hr)
        return;
    if (hr->path) { /* else libmicrohttpd answered before the access handler ran */
        unsigned status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? hr->req.status : 499;
        int64_t micros = http_micros_since(&hr->start);
        srv_metrics_record(router_route_index(hr->path), status, micros, hr->req.bytes);
        if (ctx->cfg->access_log)
            srv_log_access(hr->req.method, hr->path, status, hr->req.bytes, micros);
    }
    json_decref(hr->req.param_errors);
    free(hr->req.cache_key);
    free(hr->path);
    free(hr);
    *con_cls = NULL;
    atomic_fetch_sub(&ctx->in_flight, 1);
}

static int http_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decoding of the path and query values, in place: as libmicrohttpd's own, except
 * that "%00" stays as it is, so no decoded value ever hides a NUL that would cut it short
 * (an id "a%00b" is then simply malformed, not "a"). */
static size_t http_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    char *r = s, *w = s;

    (void)cls;
    (void)conn;
    while (*r) {
        int hi, lo;
        if (r[0] == '%' && (hi = http_hex(r[1])) >= 0 && (lo = http_hex(r[2])) >= 0 &&
            (hi | lo) != 0) {
            *w++ = (char)(hi << 4 | lo);
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

/* libmicrohttpd's own messages (bad requests it rejects itself, socket errors). */
static void http_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];

    (void)cls;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    srv_log("http: %s", msg);
}

int srv_http_start(struct srv_ctx *ctx)
{
    const struct srv_config *cfg = ctx->cfg;
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
    struct addrinfo *ai = NULL;
    char port[8];
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    const union MHD_DaemonInfo *info;
    struct MHD_Daemon *d;
    int gai;

    snprintf(port, sizeof(port), "%u", cfg->port);
    gai = getaddrinfo(cfg->host, port, &hints, &ai);
    if (gai != 0) {
        srv_log("cannot listen on %s:%u: %s", cfg->host, cfg->port, gai_strerror(gai));
        return -1;
    }
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* Always a thread pool, even of one: a single internal epoll thread stalls at 128
     * keep-alive connections in 0.9.75 (notes, pitfall 2). The connection memory pool holds
     * the request (line and headers) and the reply's headers; 0.9.75
     * zeroes the whole pool before each request of a keep-alive connection, so its size is
     * paid on every request: a cached 40 KB reply took 41-44 us of server CPU with 256 KiB and
     * 22-26 us with 64 KiB, /healthz 27-44 us and 18-22 us (2026-12-02, wrk -c64, both servers
     * in one run). 64 KiB holds any request the API needs (a 10 KB q, 256 parameters). */
    d = MHD_start_daemon(
        flags, 0, NULL, NULL, http_access, ctx, MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, http_unescape, NULL, MHD_OPTION_URI_LOG_CALLBACK,
        http_uri_seen, ctx, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 1 ? cfg->threads : 2),
        MHD_OPTION_NOTIFY_COMPLETED, http_completed, ctx, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)cfg->timeout_s, MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!d) {
        srv_log("cannot listen on %s:%u (address in use, or not an address of this machine?)",
                cfg->host, cfg->port);
        return -1;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    ctx->port = info ? info->port : cfg->port;
    ctx->daemon = d;
    return 0;
}

unsigned srv_http_connections(struct srv_ctx *ctx)
{
    const union MHD_DaemonInfo *info =
        ctx->daemon ? MHD_get_daemon_info(ctx->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS)
                    : NULL;
    return info ? info->num_connections : 0;
}

void srv_http_stop(struct srv_ctx *ctx, int grace_ms)
{
    struct MHD_Daemon *d = ctx->daemon;

    if (!d)
        return;
    /* Stop accepting first; then let requests in flight finish before closing. */
    MHD_quiesce_daemon(d);
    for (int waited = 0; waited < grace_ms && atomic_load(&ctx->in_flight) > 0; waited += 10)
        usleep(10 * 1000);
    MHD_stop_daemon(d);
    ctx->daemon = NULL;
}
