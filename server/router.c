/* server/router.c: the route table and dispatch. Every route answers GET, HEAD and OPTIONS;
 * the rest is decided here once (STYLE.md: GNU Taler's table of designated initializers). */
#include "server/router.h"

#include <microhttpd.h>
#include <string.h>

#include "handlers/handlers.h"
#include "ingest/ingest.h"

#define ROUTER_ALLOW "GET, HEAD, OPTIONS"
#define PAGE_PARAMS "limit,cursor,sort"

const struct router_route router_routes[] = {
    {.pattern = "/", .get = ui_root, .params = ""},
    {.pattern = "/ui/{file}", .get = ui_asset, .params = ""},
    {.pattern = "/healthz", .get = health_live, .params = ""},
    {.pattern = "/readyz", .get = health_ready, .params = ""},
    {.pattern = "/openapi.yaml", .get = spec_openapi, .params = ""},
    {.pattern = "/v1/stats", .get = stats_get, .params = ""},
    {.pattern = "/metrics", .get = stats_metrics, .params = ""},
    {.pattern = "/v1/documents", .get = documents_list,
     .params = PAGE_PARAMS ",source,published_from,published_to,q,mode"},
    {.pattern = "/v1/documents/{id}", .get = documents_get, .params = "include"},
    {.pattern = "/v1/documents/{id}/text", .get = documents_text, .params = ""},
    {.pattern = "/v1/documents/{id}/entities", .get = documents_entities,
     .params = PAGE_PARAMS ",type"},
    {.pattern = "/v1/entities", .get = entities_list,
     .params = PAGE_PARAMS ",type,q,document,kb,min_mentions"},
    {.pattern = "/v1/entities/{id}", .get = entities_get, .params = ""},
    {.pattern = "/v1/entities/{id}/mentions", .get = entities_mentions,
     .params = PAGE_PARAMS ",document"},
    {.pattern = "/v1/entities/{id}/related", .get = entities_related, .params = PAGE_PARAMS ",type"},
    {.pattern = "/v1/entities/{id}/statements", .get = entities_statements,
     .params = PAGE_PARAMS ",as"},
    {.pattern = "/v1/statements", .get = statements_list,
     .params = PAGE_PARAMS ",speaker,entity,document,meeting,kind,q,mode,from,to"},
    {.pattern = "/v1/statements/{id}", .get = statements_get, .params = ""},
    {.pattern = "/v1/meetings", .get = meetings_list,
     .params = PAGE_PARAMS ",from,to,kind,status,participant,place,document"},
    {.pattern = "/v1/meetings/{id}", .get = meetings_get, .params = ""},
    {.pattern = "/v1/timeline", .get = timeline_get, .params = "bucket,from,to,types,items"},
    {.pattern = "/v1/search", .get = search_get,
     .params = PAGE_PARAMS ",q,mode,type,from,to,entity,speaker,source,mark_open,mark_close"},
};
const size_t router_route_count = sizeof(router_routes) / sizeof(router_routes[0]);

/* Matches path against pattern, capturing {name} segments into req->args. */
static int router_match(const char *pattern, const char *path, struct api_req *req)
{
    req->nargs = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *pend = strchr(pattern, '}'), *send = strchr(path, '/');
            size_t len = send ? (size_t)(send - path) : strlen(path);
            if (!pend || len == 0 || req->nargs == API_MAX_ARGS)
                return 0;
            req->args[req->nargs++] = path; /* terminated below, in a copy */
            pattern = pend + 1;
            path += len;
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

size_t router_route_index(const char *path)
{
    struct api_req scratch = {0};
    char copy[1024];

    if (strlen(path) >= sizeof(copy))
        return router_route_count;
    memcpy(copy, path, strlen(path) + 1);
    for (size_t i = 0; i < router_route_count; i++)
        if (router_match(router_routes[i].pattern, copy, &scratch))
            return i;
    return router_route_count;
}

struct router_check {
    struct api_req *req;
    const char *allowed;
    char seen[32][32];
    size_t nseen;
};

static int router_param_known(const char *allowed, const char *key)
{
    size_t klen = strlen(key);

    while (*allowed) {
        const char *end = strchr(allowed, ',');
        size_t len = end ? (size_t)(end - allowed) : strlen(allowed);
        if (len == klen && strncmp(allowed, key, len) == 0)
            return 1;
        allowed += len + (end != NULL);
    }
    return 0;
}

static enum MHD_Result router_check_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                          size_t key_size, const char *value, size_t value_size)
{
    struct router_check *check = cls;
    size_t bad;

    (void)kind;
    if (key_size == 0 && !value)
        return MHD_YES; /* a stray '&' ("?&limit=1"): nothing was asked */
    if (strlen(key) != key_size || !ingest_utf8_valid(key, key_size, &bad)) {
        api_param_error(check->req, key, "parameter names must be UTF-8 text without NUL");
        return MHD_YES;
    }
    if (!router_param_known(check->allowed, key)) {
        if (*check->allowed)
            api_param_error(check->req, key, "unknown parameter; this endpoint accepts: %s",
                            check->allowed);
        else
            api_param_error(check->req, key, "unknown parameter; this endpoint takes none");
        return MHD_YES;
    }
    for (size_t i = 0; i < check->nseen; i++)
        if (strcmp(check->seen[i], key) == 0) {
            api_param_error(check->req, key, "given more than once");
            return MHD_YES;
        }
    if (check->nseen < 32 && key_size < sizeof(check->seen[0]))
        memcpy(check->seen[check->nseen++], key, key_size + 1);
    if (!value)
        api_param_error(check->req, key, "needs a value: %s=...", key);
    else if (strlen(value) != value_size || !ingest_utf8_valid(value, value_size, &bad))
        api_param_error(check->req, key, "must be UTF-8 text without NUL bytes");
    return MHD_YES;
}

int router_dispatch(struct api_req *req)
{
    const struct router_route *route = NULL;
    char copy[1024];
    struct router_check check = {.req = req};

    if (strlen(req->path) >= sizeof(copy))
        return api_reply_problem(req, 404, "not-found", "no resource at this path");
    /* Match on a copy whose captured segments can be cut at their '/'. */
    memcpy(copy, req->path, strlen(req->path) + 1);
    for (size_t i = 0; i < router_route_count; i++) {
        if (router_match(router_routes[i].pattern, copy, req)) {
            route = &router_routes[i];
            break;
        }
    }
    if (!route) {
        req->nargs = 0;
        return api_reply_problem(req, 404, "not-found",
                                 "no resource at this path; see /openapi.yaml");
    }
    for (size_t i = 0; i < req->nargs; i++) {
        char *end = strchr(req->args[i], '/');
        if (end)
            *end = '\0';
    }

    if (strcmp(req->method, "OPTIONS") == 0)
        return api_reply_empty(req, 204, ROUTER_ALLOW);
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        req->allow = ROUTER_ALLOW;
        return api_reply_problem(req, 405, "method-not-allowed",
                                 "this resource answers GET, HEAD and OPTIONS");
    }
    check.allowed = route->params;
    MHD_get_connection_values_n(req->conn, MHD_GET_ARGUMENT_KIND, router_check_param, &check);
    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    return route->get(req);
}
