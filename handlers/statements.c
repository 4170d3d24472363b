/* handlers/statements.c: the /v1/statements resource (openapi.yaml: /v1/statements*). */
#include <stdlib.h>

#include "handlers/handlers.h"

int statements_list(struct api_req *req)
{
    struct store_statement_query q = {
        .speaker = api_query(req, "speaker"),
        .entity = api_query(req, "entity"),
        .document = api_query(req, "document"),
        .meeting = api_query(req, "meeting"),
        .from = api_param_date(req, "from"),
        .to = api_param_date(req, "to"),
        .kinds = api_param_set(req, "kind", store_statement_kinds),
    };
    char *fts = api_param_search(req, "q", 1);
    struct api_page page;
    struct store_list list;
    int rc;

    q.fts = fts;
    api_param_page(req, store_statement_sorts, "date", &page);
    if (api_has_param_errors(req)) {
        free(fts);
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    rc = store_statement_list(req->store, &q, &page.store, &list);
    free(fts);
    return api_reply_store_list(req, rc, &list, &page, "statements", "");
}

int statements_get(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    json_t *statement;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_statement_get(req->store, id, 300, &statement);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "statement", id);
    return api_reply_json_new(req, 200, statement);
}
