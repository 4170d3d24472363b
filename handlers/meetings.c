/* handlers/meetings.c: the /v1/meetings resource and /v1/timeline (openapi.yaml:
 * /v1/meetings*, /v1/timeline). */
#include <stdlib.h>
#include <string.h>

#include "handlers/handlers.h"

static const char *const meetings_kinds[] = {"scc", "scc-document", "working-level", "summit",
                                             "ministerial", "other", NULL};
static const char *const meetings_statuses[] = {"held", "scheduled", "announced", "proposed",
                                                "cancelled", "referenced", "issued", NULL};

/* One value of a closed list, or NULL (absent, or bad and recorded). */
static const char *meetings_one(struct api_req *req, const char *param,
                                const char *const *allowed)
{
    unsigned set = api_param_set(req, param, allowed);

    for (size_t k = 0; allowed[k]; k++)
        if (set == 1u << k)
            return allowed[k];
    if (set)
        api_param_error(req, param, "takes one value");
    return NULL;
}

int meetings_list(struct api_req *req)
{
    struct store_meeting_query q = {
        .from = api_param_date(req, "from"),
        .to = api_param_date(req, "to"),
        .kind = meetings_one(req, "kind", meetings_kinds),
        .status = meetings_one(req, "status", meetings_statuses),
        .participant = api_query(req, "participant"),
        .place = api_param_text(req, "place", 200),
        .document = api_query(req, "document"),
    };
    struct api_page page;
    struct store_list list;

    api_param_page(req, store_meeting_sorts, "date", &page);
    if (api_has_param_errors(req)) {
        api_page_clear(&page);
        return api_reply_param_errors(req);
    }
    return api_reply_store_list(req, store_meeting_list(req->store, &q, &page.store, &list),
                                &list, &page, "meetings", "");
}

int meetings_get(struct api_req *req)
{
    const char *id = api_param_id(req, 0, "id");
    json_t *meeting;
    int rc;

    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_meeting_get(req->store, id, &meeting);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "meeting", id);
    return api_reply_json_new(req, 200, meeting);
}

int timeline_get(struct api_req *req)
{
    static const char *const buckets[] = {"year", "month", "day", NULL};
    static const char *const types[] = {"meeting", "document", "statement", NULL};
    const char *bucket = meetings_one(req, "bucket", buckets);
    const char *from = api_param_date(req, "from"), *to = api_param_date(req, "to");
    unsigned set = api_param_set(req, "types", types);
    long per_bucket = 10;
    json_t *rows;
    int rc;

    api_param_uint(req, "items", 0, 100, &per_bucket);
    if (api_has_param_errors(req))
        return api_reply_param_errors(req);
    rc = store_timeline(req->store, bucket ? bucket : "year", from, to, set ? set : 7u,
                        (int)per_bucket, &rows);
    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "timeline", "");
    return api_reply_json_new(req, 200,
                              json_pack("{s:s, s:s?, s:s?, s:o}", "bucket",
                                        bucket ? bucket : "year", "from", from, "to", to,
                                        "buckets", rows));
}
