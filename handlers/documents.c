/* handlers/documents.c: the /v1/documents resource (openapi.yaml: /v1/documents*). */
#include <stdlib.h>
#include <string.h>

#include "handlers/handlers.h"

static const char *const documents_includes[] = {"raw", "removed", NULL};

int documents_list(struct api_req *req)
{
    struct api_page page;
    struct store_doc_query q = {
        .source = api_param_text(req, "source", 256),
        .published_from = api_param_date(req, "published_from"),
        .published_to = api_param_date(req, "published_to"),
    };
    struct store_list list;
    char *fts = api_param_search(req, "q", 1);
    int rc;

    q.fts = fts;
    api_param_page(req, store_doc_sorts, "id", &page);
    if (api_has_param_errors(req)) {
        free(fts);
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    rc = store_doc_list(req->store, &q, &page.store, &list);
    free(fts);
    return api_reply_store_list(req, rc, &list, &page, "documents", "");
}

int documents_get(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    unsigned include = api_param_set(req, "include", documents_includes);
    json_t *doc;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    /* The bits of api_param_set follow documents_includes: raw = 1, removed = 2. */
    rc = store_doc_get(req->store, id, include, &doc);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "document", id);
    return api_reply_json_new(req, 200, doc);
}

int documents_text(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    char *text;
    size_t len;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_doc_text(req->store, id, &text, &len);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "document", id);
    rc = api_reply_body(req, 200, "text/plain; charset=utf-8", text, len, 0);
    free(text);
    return rc;
}
