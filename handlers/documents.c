/* handlers/documents.c: the /v1/documents resource (openapi.yaml: /v1/documents*). */
#include <string.h>

#include "handlers/handlers.h"

static const char *const documents_sortable[] = {"id", "title", NULL};

/* The fields a list item and a single document share. */
static json_t *documents_summary(const struct store_doc *doc)
{
    char modified[32];

    api_iso8601(doc->mtime, modified, sizeof(modified));
    return json_pack("{s:s, s:s?, s:s, s:I, s:I, s:s, s:s}", "id", doc->id, "title", doc->title,
                     "file_name", doc->file_name, "byte_size", (json_int_t)doc->byte_size,
                     "word_count", (json_int_t)doc->word_count, "sha256", doc->sha256,
                     "file_modified_at", modified);
}

int documents_list(struct api_req *req)
{
    struct api_page page;
    struct store_doc_list list;
    json_t *data;
    int rc;

    api_param_page(req, documents_sortable, "id", &page);
    if (api_has_param_errors(req)) {
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    rc = store_doc_list(req->store, &page.store, &list);
    if (rc != STORE_OK) {
        api_page_clear(&page);
        return api_reply_store_error(req, rc, "documents", "");
    }
    data = json_array();
    for (size_t i = 0; i < list.count; i++)
        json_array_append_new(data, documents_summary(&list.docs[i]));
    rc = api_reply_list_new(req, data, &page, list.total, list.has_more, list.next_key,
                            list.count ? list.docs[list.count - 1].id : NULL);
    store_doc_list_clear(&list);
    api_page_clear(&page);
    return rc;
}

static const char *const documents_includes[] = {"raw", NULL};
#define DOCUMENTS_INCLUDE_RAW 1u

int documents_get(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    unsigned include = api_param_set(req, "include", documents_includes);
    struct store_doc doc;
    json_t *body;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_doc_get(req->store, id, include & DOCUMENTS_INCLUDE_RAW, &doc);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "document", id);
    body = documents_summary(&doc);
    json_object_set_new(body, "text", json_string(doc.clean_text));
    if (doc.raw_text)
        json_object_set_new(body, "raw_text", json_string(doc.raw_text));
    store_doc_clear(&doc);
    return api_reply_json_new(req, 200, body);
}

int documents_text(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    struct store_doc doc;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_doc_get(req->store, id, 0, &doc);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "document", id);
    rc = api_reply_body(req, 200, "text/plain; charset=utf-8", doc.clean_text,
                        strlen(doc.clean_text), 0);
    store_doc_clear(&doc);
    return rc;
}
