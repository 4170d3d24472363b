/* server/api.c: request accessors, parameter parsing and every reply. The one place that
 * turns a handler's answer into an HTTP response (headers, ETag, gzip, CORS). */
#include "server/api.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"
#include "server/cache.h"
#include "server/conv.h"
#include "server/http.h"
#include "server/log.h"

#define API_GZIP_MIN 1024 /* smaller bodies gain too little to pay for the CPU and header */

const char *api_path_arg(const struct api_req *req, size_t i)
{
    return i < req->nargs ? req->args[i] : "";
}

const char *api_query(const struct api_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *api_header(const struct api_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

/* Copies s into buf (at most size-1 bytes, not splitting a character) with every byte that is
 * not part of well-formed UTF-8, and every control character, replaced by '?', so that text
 * quoting a client's input can always go into JSON. */
static const char *api_printable(const char *s, char *buf, size_t size)
{
    size_t n = 0, len = strlen(s), bad;

    while (n + 1 < size && *s) {
        size_t take = 1;
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            take = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (take > len || !ingest_utf8_valid(s, take, &bad) || n + take >= size)
                take = 0;
        }
        if (take == 0 || c < 0x20 || c == 0x7F) {
            buf[n++] = '?';
            s++;
            len--;
            continue;
        }
        memcpy(buf + n, s, take);
        n += take;
        s += take;
        len -= take;
    }
    buf[n] = '\0';
    return buf;
}

void api_param_error(struct api_req *req, const char *param, const char *fmt, ...)
{
    char msg[512], clean_msg[512], clean_param[128];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!req->param_errors)
        req->param_errors = json_array();
    json_array_append_new(req->param_errors,
                          json_pack("{s:s, s:s}", "param",
                                    api_printable(param, clean_param, sizeof(clean_param)),
                                    "message", api_printable(msg, clean_msg, sizeof(clean_msg))));
}

int api_has_param_errors(const struct api_req *req)
{
    return req->param_errors && json_array_size(req->param_errors) > 0;
}

static int api_id_valid(const char *id)
{
    size_t n = strlen(id);

    if (n == 0 || n > 128 || id[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

const char *api_param_id(struct api_req *req, size_t i, const char *param)
{
    const char *id = api_path_arg(req, i);

    if (api_id_valid(id))
        return id;
    api_param_error(req, param,
                    "must be 1 to 128 characters of letters, digits, '.', '_' or '-', not "
                    "starting with '.'");
    return NULL;
}

unsigned api_param_set(struct api_req *req, const char *param, const char *const *allowed)
{
    const char *v = api_query(req, param);
    unsigned set = 0;

    if (!v)
        return 0;
    for (;;) {
        const char *end = strchr(v, ',');
        size_t len = end ? (size_t)(end - v) : strlen(v);
        size_t k;
        if (len == 0) {
            api_param_error(req, param, "has an empty item; give a comma-separated list");
            return 0;
        }
        for (k = 0; allowed[k]; k++)
            if (strlen(allowed[k]) == len && strncmp(allowed[k], v, len) == 0)
                break;
        if (!allowed[k]) {
            char list[256] = "";
            for (size_t j = 0; allowed[j]; j++)
                snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
                         j ? ", " : "", allowed[j]);
            api_param_error(req, param, "unknown value '%.*s'; allowed: %s",
                            (int)(len > 64 ? 64 : len), v, list);
            return 0;
        }
        set |= 1u << k;
        if (!end)
            break;
        v = end + 1;
    }
    return set;
}

const char *api_param_date(struct api_req *req, const char *param)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *v = api_query(req, param);
    size_t n;
    int y = 0, m = 1, d = 1, ok;

    if (!v)
        return NULL;
    n = strlen(v);
    ok = (n == 4 || n == 7 || n == 10);
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? v[i] == '-' : (v[i] >= '0' && v[i] <= '9');
    if (ok) {
        y = atoi(v);
        if (n >= 7)
            m = atoi(v + 5);
        if (n == 10)
            d = atoi(v + 8);
        ok = y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
             !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    }
    if (ok)
        return v;
    api_param_error(req, param, "must be a date YYYY, YYYY-MM or YYYY-MM-DD");
    return NULL;
}

const char *api_param_text(struct api_req *req, const char *param, size_t max_len)
{
    const char *v = api_query(req, param);

    if (!v)
        return NULL;
    if (!*v) {
        api_param_error(req, param, "must not be empty");
        return NULL;
    }
    if (strlen(v) > max_len) {
        api_param_error(req, param, "must be at most %zu bytes", max_len);
        return NULL;
    }
    return v;
}

char *api_param_search(struct api_req *req, const char *param, int allow_advanced)
{
    const char *v = api_param_text(req, param, 4096), *mode = api_query(req, "mode");
    char err[128], *fts = NULL;

    if (mode && (!allow_advanced || (strcmp(mode, "advanced") && strcmp(mode, "simple")))) {
        api_param_error(req, "mode", "must be 'simple' or 'advanced'");
        return NULL;
    }
    if (!v)
        return NULL;
    if (mode && !strcmp(mode, "advanced")) {
        fts = strdup(v); /* raw FTS5: SQLite reports a syntax error as STORE_BADQUERY */
        return fts;
    }
    if (store_fts_translate(v, &fts, err, sizeof(err)) != 0) {
        api_param_error(req, param, "%s", err);
        return NULL;
    }
    return fts;
}

static int api_parse_uint(const char *s, long min, long max, long *out)
{
    long v = 0;

    if (!*s || strlen(s) > 10)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int api_param_uint(struct api_req *req, const char *param, long min, long max, long *out)
{
    const char *s = api_query(req, param);

    if (!s)
        return 0;
    if (api_parse_uint(s, min, max, out) != 0) {
        api_param_error(req, param, "must be a whole number from %ld to %ld", min, max);
        return -1;
    }
    return 1;
}

void api_param_page(struct api_req *req, const char *const *sortable, const char *default_sort,
                    struct api_page *page)
{
    const char *limit = api_query(req, "limit"), *sort = api_query(req, "sort");
    const char *cursor = api_query(req, "cursor");
    /* default_sort may start with '-': the default order is then descending. */
    const char *field = default_sort[0] == '-' ? default_sort + 1 : default_sort;
    int desc = default_sort[0] == '-';

    long v;

    memset(page, 0, sizeof(*page));
    page->store.limit = API_LIMIT_DEFAULT;

    if (limit && api_parse_uint(limit, 1, API_LIMIT_MAX, &v) != 0)
        api_param_error(req, "limit", "must be a whole number from 1 to %d", API_LIMIT_MAX);
    else if (limit)
        page->store.limit = (int)v;
    if (sort) {
        const char *name = sort[0] == '-' ? sort + 1 : sort;
        size_t k;
        for (k = 0; sortable[k]; k++)
            if (strcmp(sortable[k], name) == 0)
                break;
        if (sortable[k]) {
            field = sortable[k];
            desc = sort[0] == '-';
        } else {
            char list[256] = "";
            for (size_t j = 0; sortable[j]; j++)
                snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s%s",
                         j ? ", " : "", sortable[j], "");
            api_param_error(req, "sort",
                            "cannot sort by '%.64s'; sortable fields: %s (prefix '-' for "
                            "descending)",
                            sort, list);
        }
    }
    page->store.sort = field;
    page->store.desc = desc;
    if (cursor) {
        int cdesc = 0;
        if (conv_cursor_decode(cursor, &page->cursor_sort, &cdesc, &page->cursor_key,
                               &page->cursor_id) != 0) {
            api_param_error(req, "cursor", "is not a cursor this server issued; use "
                                           "page.next_cursor of the previous page unchanged");
        } else if (strcmp(page->cursor_sort, field) != 0 || cdesc != desc) {
            api_param_error(req, "cursor", "was issued for another sort order; keep the sort "
                                           "parameter of the first page");
        } else {
            /* A NULL key sorts first: an empty key compares the same way in SQL text order. */
            page->store.after_key = page->cursor_key ? page->cursor_key : "";
            page->store.after_id = page->cursor_id;
        }
    }
}

void api_page_clear(struct api_page *page)
{
    if (!page)
        return;
    free(page->cursor_sort);
    free(page->cursor_key);
    free(page->cursor_id);
    memset(page, 0, sizeof(*page));
}

void api_iso8601(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- replies ---- */

static void api_add_cors(struct api_req *req, struct MHD_Response *resp)
{
    const char *allowed = req->srv->cfg->cors_origin;
    const char *origin;

    if (strcmp(allowed, "*") == 0) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
    } else {
        origin = api_header(req, "Origin");
        if (!conv_origin_allowed(allowed, origin))
            return;
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", origin);
    }
    MHD_add_response_header(resp, "Access-Control-Expose-Headers", "ETag, Link");
}

static const char *api_vary(const struct api_req *req)
{
    if (strcmp(req->srv->cfg->cors_origin, "*") == 0)
        return req->vary_accept ? "Accept, Accept-Encoding" : "Accept-Encoding";
    return req->vary_accept ? "Accept, Accept-Encoding, Origin" : "Accept-Encoding, Origin";
}

static const char *api_cache_control(const struct api_req *req)
{
    return req->cache_control ? req->cache_control : req->srv->cfg->cache_control;
}

static int api_queue(struct api_req *req, unsigned status, struct MHD_Response *resp,
                     size_t bytes)
{
    enum MHD_Result r = MHD_queue_response(req->conn, status, resp);

    MHD_destroy_response(resp);
    req->status = status;
    req->bytes = bytes;
    return r == MHD_YES;
}

/* The 304 for a 200 with this ETag: the same validators and cache headers, no body. */
static struct MHD_Response *api_not_modified(struct api_req *req, const char *etag)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);

    if (!resp)
        return NULL;
    MHD_add_response_header(resp, "ETag", etag);
    MHD_add_response_header(resp, "Cache-Control", api_cache_control(req));
    MHD_add_response_header(resp, "Vary", api_vary(req));
    api_add_cors(req, resp);
    return resp;
}

/* The one send path: every reply with a body ends here. mode says who owns body. A 200 whose
 * request has a cache key is handed to the response cache after it is queued. */
static int api_send(struct api_req *req, unsigned status, const char *content_type,
                    const char *body, size_t len, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *resp, *not_modified = NULL;
    struct srv_ctx *srv = (struct srv_ctx *)req->srv;
    char etag[CONV_ETAG_SIZE], *gz = NULL;
    size_t gz_len = 0;
    int validated = status == 200, queued;
    int want_gzip = len >= API_GZIP_MIN && conv_accepts_gzip(api_header(req, "Accept-Encoding"));
    int reusable =
        validated && req->cache_key && !req->cache_control && !req->vary_accept && srv->cache;

    if (validated) {
        conv_etag(body, len, want_gzip, etag);
        if (!reusable && conv_etag_matches(api_header(req, "If-None-Match"), etag)) {
            if (mode == MHD_RESPMEM_MUST_FREE)
                free((void *)body);
            resp = api_not_modified(req, etag);
            return resp ? api_queue(req, 304, resp, 0) : 0;
        }
    }
    if (want_gzip && conv_gzip(body, len, &gz, &gz_len) == 0) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free((void *)body);
        body = gz;
        len = gz_len;
        mode = MHD_RESPMEM_MUST_FREE;
    } else if (want_gzip && validated) {
        conv_etag(body, len, 0, etag); /* compression failed: the identity tag goes out */
    }
    resp = MHD_create_response_from_buffer(len, (void *)body, mode);
    if (!resp) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free((void *)body);
        return 0;
    }
    MHD_add_response_header(resp, "Content-Type", content_type);
    if (gz)
        MHD_add_response_header(resp, "Content-Encoding", "gzip");
    MHD_add_response_header(resp, "Vary", api_vary(req));
    if (validated) {
        MHD_add_response_header(resp, "ETag", etag);
        MHD_add_response_header(resp, "Cache-Control", api_cache_control(req));
    } else {
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
    if (req->link)
        MHD_add_response_header(resp, "Link", req->link);
    if (req->allow)
        MHD_add_response_header(resp, "Allow", req->allow);
    if (req->retry_after)
        MHD_add_response_header(resp, "Retry-After", req->retry_after);
    api_add_cors(req, resp);
    if (!reusable)
        return api_queue(req, status, resp, len);

    /* Reused responses are queued exactly as the cache will queue them later. */
    not_modified = api_not_modified(req, etag);
    if (conv_etag_matches(api_header(req, "If-None-Match"), etag) && not_modified) {
        queued = MHD_queue_response(req->conn, 304, not_modified) == MHD_YES;
        req->status = 304;
        req->bytes = 0;
    } else {
        queued = MHD_queue_response(req->conn, status, resp) == MHD_YES;
        req->status = status;
        req->bytes = len;
    }
    if (!srv_cache_put(srv->cache, req->cache_key, resp, not_modified, etag, len)) {
        MHD_destroy_response(resp);
        if (not_modified)
            MHD_destroy_response(not_modified);
    }
    return queued;
}

int api_reply_body(struct api_req *req, unsigned status, const char *content_type,
                   const char *body, size_t len, int persistent)
{
    return api_send(req, status, content_type, body, len,
                    persistent ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY);
}

static int api_send_json(struct api_req *req, unsigned status, const char *content_type,
                         json_t *body)
{
    /* Ten significant digits: 1.763, not 1.7629999999999999. */
    char *text = body ? json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;

    json_decref(body);
    if (!text) {
        /* Out of memory while rendering: the one reply that needs no allocation. */
        static const char oom[] = "{\"type\":\"urn:twoplus:problem:internal\",\"title\":"
                                  "\"Internal Server Error\",\"status\":500}";
        return api_send(req, 500, "application/problem+json", oom, sizeof(oom) - 1,
                        MHD_RESPMEM_PERSISTENT);
    }
    return api_send(req, status, content_type, text, strlen(text), MHD_RESPMEM_MUST_FREE);
}

int api_reply_json_new(struct api_req *req, unsigned status, json_t *body)
{
    return api_send_json(req, status, "application/json", body);
}

/* The URL of the next page: this path with the same query, cursor replaced. */
static enum MHD_Result api_next_link_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                         const char *value)
{
    char **url = cls;
    char *k, *v, *grown;

    (void)kind;
    if (!*url || strcmp(key, "cursor") == 0)
        return MHD_YES;
    k = conv_query_escape(key);
    v = conv_query_escape(value ? value : "");
    if (!k || !v || asprintf(&grown, "%s%s=%s&", *url, k, v) < 0)
        grown = NULL;
    free(k);
    free(v);
    free(*url);
    *url = grown;
    return MHD_YES;
}

int api_reply_list_new(struct api_req *req, json_t *data, const struct api_page *page,
                       int64_t total, int has_more, const char *next_key, const char *next_id)
{
    char *cursor = NULL, *url = NULL, *link = NULL;
    json_t *root;
    int rc;

    if (has_more) {
        cursor = conv_cursor_encode(page->store.sort, page->store.desc, next_key, next_id);
        if (cursor && asprintf(&url, "%s?", req->path) >= 0) {
            MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, api_next_link_arg,
                                      &url);
            if (url && asprintf(&link, "<%scursor=%s>; rel=\"next\"", url, cursor) < 0)
                link = NULL;
        }
        if (!cursor || !link) {
            free(cursor);
            free(url);
            json_decref(data);
            return api_reply_problem(req, 500, "internal", "out of memory");
        }
    }
    root = json_pack("{s:o, s:{s:i, s:s?, s:I}}", "data", data, "page", "limit",
                     page->store.limit, "next_cursor", cursor, "total", (json_int_t)total);
    req->link = link; /* api_send adds it to the response it creates */
    rc = api_send_json(req, 200, "application/json", root);
    req->link = NULL;
    free(cursor);
    free(url);
    free(link);
    return rc;
}

int api_reply_store_list(struct api_req *req, int rc, struct store_list *list,
                         struct api_page *page, const char *what, const char *id)
{
    if (rc != STORE_OK) {
        api_page_clear(page);
        return api_reply_store_error(req, rc, what, id);
    }
    rc = api_reply_list_new(req, json_incref(list->items), page, list->total, list->has_more,
                            list->next_key, list->next_id);
    store_list_clear(list);
    api_page_clear(page);
    return rc;
}

/* The decoded path, percent-encoded again where a URI needs it, so "instance" is always a
 * valid URI reference. Cut (at a character boundary) to fit size. */
static void api_path_escape(const char *path, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < size; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~!$&'()*+,;=:@", *p)) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
}

static const char *api_status_title(unsigned status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    }
    return "Error";
}

static json_t *api_problem(struct api_req *req, unsigned status, const char *code,
                           const char *detail)
{
    char type[128], clean_detail[1024], instance[512];

    snprintf(type, sizeof(type), "urn:twoplus:problem:%s", code);
    api_path_escape(req->path, instance, sizeof(instance));
    return json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title",
                     api_status_title(status), "status", (int)status, "detail",
                     api_printable(detail, clean_detail, sizeof(clean_detail)), "instance",
                     instance);
}

int api_reply_problem(struct api_req *req, unsigned status, const char *code, const char *fmt,
                      ...)
{
    char detail[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    return api_send_json(req, status, "application/problem+json",
                         api_problem(req, status, code, detail));
}

int api_reply_param_errors(struct api_req *req)
{
    json_t *problem;
    size_t n = json_array_size(req->param_errors);
    json_t *first = json_array_get(req->param_errors, 0);
    char detail[600];

    snprintf(detail, sizeof(detail), "%s %s%s", json_string_value(json_object_get(first, "param")),
             json_string_value(json_object_get(first, "message")),
             n > 1 ? " (and more: see errors)" : "");
    problem = api_problem(req, 400, "invalid-parameter", detail);
    if (problem) {
        json_object_set_new(problem, "errors", req->param_errors);
        req->param_errors = NULL;
    }
    return api_send_json(req, 400, "application/problem+json", problem);
}

int api_reply_store_error(struct api_req *req, int rc, const char *what, const char *id)
{
    if (rc == STORE_NOTFOUND)
        return api_reply_problem(req, 404, "not-found", "no %s with id '%s'", what, id);
    if (rc == STORE_NOMEM)
        return api_reply_problem(req, 503, "overloaded", "the server is short of memory; retry");
    if (rc == STORE_TIMEOUT) {
        req->retry_after = "1";
        return api_reply_problem(req, 503, "query-timeout",
                                 "the query took longer than the server allows; narrow it or "
                                 "retry");
    }
    if (rc == STORE_BADQUERY) {
        api_param_error(req, "q", "is not a valid FTS5 query (mode=advanced)");
        return api_reply_param_errors(req);
    }
    return api_reply_problem(req, 500, "internal", "the request could not be answered");
}

int api_reply_empty(struct api_req *req, unsigned status, const char *allow)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    const char *asked = api_header(req, "Access-Control-Request-Method");

    if (!resp)
        return 0;
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    api_add_cors(req, resp);
    if (asked && allow) {
        /* A CORS preflight: say what may follow, and let the browser cache the answer. */
        MHD_add_response_header(resp, "Access-Control-Allow-Methods", allow);
        MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                "Accept, Accept-Encoding, If-None-Match, Content-Type");
        MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
    }
    return api_queue(req, status, resp, 0);
}
