/* handlers/search.c: ranked full-text search (openapi.yaml: /v1/search). */
#include <stdlib.h>
#include <string.h>

#include "handlers/handlers.h"

int search_get(struct api_req *req)
{
    static const char *const types[] = {"document", "statement", "entity", NULL};
    struct store_search_query q = {
        .types = api_param_set(req, "type", types),
        .from = api_param_date(req, "from"),
        .to = api_param_date(req, "to"),
        .entity = api_query(req, "entity"),
        .speaker = api_query(req, "speaker"),
        .source = api_param_text(req, "source", 256),
        .mark_open = api_query(req, "mark_open"),
        .mark_close = api_query(req, "mark_close"),
    };
    char *fts = api_param_search(req, "q", 1);
    struct api_page page;
    struct store_list list;
    int rc;

    if (!fts && !api_has_param_errors(req))
        api_param_error(req, "q", "is required");
    if (q.mark_open && strlen(q.mark_open) > 64)
        api_param_error(req, "mark_open", "must be at most 64 bytes");
    if (q.mark_close && strlen(q.mark_close) > 64)
        api_param_error(req, "mark_close", "must be at most 64 bytes");
    api_param_page(req, store_search_sorts, "rank", &page);
    if (api_has_param_errors(req)) {
        free(fts);
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    q.fts = fts;
    if (!q.types)
        q.types = 7u;
    if (q.speaker)
        q.types &= 2u; /* only statements have speakers */
    if (!q.types) {
        free(fts);
        api_param_error(req, "speaker", "filters statements; type must include statement");
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    if (!q.mark_open)
        q.mark_open = "<mark>";
    if (!q.mark_close)
        q.mark_close = "</mark>";
    rc = store_search(req->store, &q, &page.store, &list);
    free(fts);
    return api_reply_store_list(req, rc, &list, &page, "search", "");
}
