/* handlers/entities.c: the /v1/entities resource and /v1/documents/{id}/entities
 * (openapi.yaml: /v1/entities*, /v1/documents/{id}/entities). */
#include <stdlib.h>
#include <string.h>

#include "handlers/handlers.h"

static const char *const entities_types[] = {"person", "organization", "country", "place",
                                             "agreement", NULL};

/* The one type named by param, or NULL (absent, or bad and recorded). */
static const char *entities_type(struct api_req *req, const char *param)
{
    unsigned set = api_param_set(req, param, entities_types);

    for (size_t k = 0; entities_types[k]; k++)
        if (set == 1u << k)
            return entities_types[k];
    if (set)
        api_param_error(req, param, "takes one type");
    return NULL;
}

int entities_list(struct api_req *req)
{
    static const char *const bools[] = {"true", "false", NULL};
    struct store_entity_query q = {
        .type = entities_type(req, "type"),
        .q = api_param_text(req, "q", 200),
        .document = api_query(req, "document"),
        .kb = -1,
        .min_mentions = 1,
    };
    struct api_page page;
    struct store_list list;
    unsigned kb = api_param_set(req, "kb", bools);
    long min;

    if (kb == 1u || kb == 2u)
        q.kb = kb == 1u;
    else if (kb)
        api_param_error(req, "kb", "must be true or false");
    if (api_param_uint(req, "min_mentions", 0, 1000000000, &min) == 1)
        q.min_mentions = min;
    api_param_page(req, store_entity_sorts, "-mentions", &page); /* most mentioned first */
    if (api_has_param_errors(req)) {
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    return api_reply_store_list(req, store_entity_list(req->store, &q, &page.store, &list), &list,
                               &page, "entities", "");
}

int entities_get(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    json_t *entity;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_entity_get(req->store, id, &entity);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "entity", id);
    return api_reply_json_new(req, 200, entity);
}

/* The page and the id of an entity sub-resource: returns 0 and the id, or -1 after the reply
 * (400 for bad parameters, 404 for an unknown entity) was queued into *reply. */
static int entities_sub(struct api_req *req, const char *default_sort,
                        const char *const *sortable, struct api_page *page, const char **id,
                        int *reply)
{
    int rc;

    *id = api_param_id(req, 0, "id");
    api_param_page(req, sortable, default_sort, page);
    if (api_has_param_errors(req)) {
        api_page_clear(page);
        *reply = api_reply_param_errors(req);
        return -1;
    }
    rc = store_exists(req->store, "entities", *id);
    if (rc != STORE_OK) {
        api_page_clear(page);
        *reply = api_reply_store_error(req, rc, "entity", *id);
        return -1;
    }
    return 0;
}

int entities_mentions(struct api_req *req)
{
    const char *id, *document = api_query(req, "document");
    struct api_page page;
    struct store_list list;
    int reply;

    if (entities_sub(req, "position", store_mention_sorts, &page, &id, &reply) != 0)
        return reply;
    return api_reply_store_list(
        req, store_entity_mentions(req->store, id, document, &page.store, &list), &list, &page,
        "entity", id);
}

int entities_related(struct api_req *req)
{
    const char *id, *type = entities_type(req, "type");
    struct api_page page;
    struct store_list list;
    int reply;

    if (entities_sub(req, "-sentences", store_related_sorts, &page, &id, &reply) != 0)
        return reply;
    return api_reply_store_list(req, store_entity_related(req->store, id, type, &page.store, &list),
                               &list, &page, "entity", id);
}

int entities_statements(struct api_req *req)
{
    static const char *const roles[] = {"speaker", "mentioned", NULL};
    unsigned as = api_param_set(req, "as", roles);
    struct store_statement_query q = {0};
    const char *id;
    struct api_page page;
    struct store_list list;
    int reply;

    if (as == 3u)
        api_param_error(req, "as", "takes one value: speaker or mentioned");
    if (entities_sub(req, "date", store_statement_sorts, &page, &id, &reply) != 0)
        return reply;
    if (as == 2u)
        q.entity = id;
    else
        q.speaker = id;
    return api_reply_store_list(req, store_statement_list(req->store, &q, &page.store, &list),
                               &list, &page, "entity", id);
}

int documents_entities(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id"), *type = entities_type(req, "type");
    struct api_page page;
    struct store_list list;
    int rc;

    api_param_page(req, store_doc_entity_sorts, "-mentions", &page);
    if (api_has_param_errors(req)) {
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    rc = store_exists(req->store, "documents", id);
    if (rc != STORE_OK) {
        api_page_clear(&page);
        return api_reply_store_error(req, rc, "document", id);
    }
    return api_reply_store_list(req, store_doc_entities(req->store, id, type, &page.store, &list),
                               &list, &page, "document", id);
}
