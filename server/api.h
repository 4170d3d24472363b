/* server/api.h: what a handler may use: request accessors, parameter parsing that collects
 * errors, and every api_reply_* (JSON, lists with Link, problem+json, ETag/304, gzip, CORS).
 * Handlers include this and store.h only; never microhttpd.h or sqlite3.h.
 * Every api_reply_* returns the value the handler returns; *_new variants take the reference. */
#ifndef TWOPLUS_API_H
#define TWOPLUS_API_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define API_MAX_ARGS 4
#define API_LIMIT_DEFAULT 20
#define API_LIMIT_MAX 200

struct srv_ctx; /* the running server: config, database, counters (server/http.h) */

struct api_req {
    const char *method;
    const char *path;
    const char *args[API_MAX_ARGS]; /* captured {segments} of the route pattern */
    size_t nargs;
    struct store *store;            /* this thread's reader */
    const struct srv_ctx *srv;
    void *conn;                     /* the connection: only server/ looks inside */
    json_t *param_errors;           /* [{param, message}] collected by api_param_* */
    int is_head;
    const char *link;               /* a Link header for the reply being built */
    const char *allow;              /* an Allow header (405 replies) */
    const char *retry_after;        /* a Retry-After header (503 replies) */
    const char *cache_control;      /* overrides --cache-control (e.g. "no-store"); a reply
                                       with an override is never reused */
    char *cache_key;                /* the normalized request, when its reply may be reused */
    int vary_accept;                /* the reply was chosen by Accept: Vary says so, and it is
                                       never reused (the cache key leaves Accept out) */
    unsigned status;                /* what was sent, for the access log */
    size_t bytes;
};

typedef int (*api_handler)(struct api_req *req);

/* ---- reading the request ---- */

/* The i-th captured path segment ({id} ...), or "" if there is none. */
const char *api_path_arg(const struct api_req *req, size_t i);
/* A query parameter's decoded value, or NULL if absent. */
const char *api_query(const struct api_req *req, const char *name);
/* A request header, or NULL. */
const char *api_header(const struct api_req *req, const char *name);

/* ---- parameters: each parser records a bad value in req->param_errors ---- */

/* Records that param is bad, with a sentence for the client. */
void api_param_error(struct api_req *req, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A resource id from path segment i: 1-128 characters of [A-Za-z0-9._-]. NULL if malformed
 * (and recorded under the name param). */
const char *api_param_id(struct api_req *req, size_t i, const char *param);

/* A comma-separated list parameter whose items must come from allowed (NULL-terminated).
 * Returns a bit set of the allowed indexes present; 0 when absent or bad (bad is recorded). */
unsigned api_param_set(struct api_req *req, const char *param, const char *const *allowed);

/* A whole number min..max written as plain digits (no sign, no spaces, at most 10 digits).
 * Returns 1 with *out set, 0 when absent (*out untouched), -1 when bad (recorded with the
 * range in the message). */
int api_param_uint(struct api_req *req, const char *param, long min, long max, long *out);

/* A date bound: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date). NULL if absent or bad. */
const char *api_param_date(struct api_req *req, const char *param);

/* A non-empty text parameter of at most max_len bytes. NULL if absent or bad. */
const char *api_param_text(struct api_req *req, const char *param, size_t max_len);

/* A full-text query from param (user syntax, or raw FTS5 when mode=advanced is allowed and
 * given). Returns a malloc'd FTS5 expression, or NULL if absent or bad (recorded). */
char *api_param_search(struct api_req *req, const char *param, int allow_advanced);

/* Keyset pagination: limit (1..200, default 20), sort (one of sortable, optionally with a
 * leading '-'; default default_sort, which may itself start with '-') and cursor (must have been made for the same sort).
 * Fills page; the strings in it live as long as req. */
struct api_page {
    struct store_page store;
    char *cursor_sort, *cursor_key, *cursor_id; /* owned by the page */
};
void api_param_page(struct api_req *req, const char *const *sortable, const char *default_sort,
                    struct api_page *page);
void api_page_clear(struct api_page *page);

/* True if any parameter was bad; the handler then returns api_reply_param_errors(req). */
int api_has_param_errors(const struct api_req *req);

/* ---- replies ---- */

/* 200 (or status) with a JSON body: ETag, 304 on If-None-Match, gzip, CORS, Cache-Control. */
int api_reply_json_new(struct api_req *req, unsigned status, json_t *body);

/* A list: {"data": data, "page": {"limit", "next_cursor", "total"}} with a Link rel="next"
 * header when next_key/next_id are set. Takes the data reference. */
int api_reply_list_new(struct api_req *req, json_t *data, const struct api_page *page,
                       int64_t total, int has_more, const char *next_key, const char *next_id);

/* Replies with a store list page (as api_reply_list_new), or with the store error rc as
 * api_reply_store_error() does. Clears list and page in both cases. */
int api_reply_store_list(struct api_req *req, int rc, struct store_list *list,
                         struct api_page *page, const char *what, const char *id);

/* A body of another type (text/plain, application/yaml): same headers as JSON.
 * persistent: body outlives the response (static data) and is not copied. */
int api_reply_body(struct api_req *req, unsigned status, const char *content_type,
                   const char *body, size_t len, int persistent);

/* RFC 9457 problem+json: type urn:twoplus:problem:<code>, title from the status, detail. */
int api_reply_problem(struct api_req *req, unsigned status, const char *code, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

/* 400 listing every bad parameter collected in req->param_errors. */
int api_reply_param_errors(struct api_req *req);

/* Maps a store code to a reply: STORE_NOTFOUND -> 404 naming what/id, others -> 500/503. */
int api_reply_store_error(struct api_req *req, int rc, const char *what, const char *id);

/* A reply without body (204 for OPTIONS), with the CORS headers and Allow. */
int api_reply_empty(struct api_req *req, unsigned status, const char *allow);

/* ISO-8601 UTC ("2026-11-23T19:38:02Z") of a Unix time, into buf of at least 21 bytes. */
void api_iso8601(int64_t t, char *buf, size_t size);

#endif
