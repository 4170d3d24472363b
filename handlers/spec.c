/* handlers/spec.c: the API description (openapi.yaml: /openapi.yaml, /). */
#include "handlers/handlers.h"

extern const char openapi_embed_data[];
extern const size_t openapi_embed_size;

int spec_openapi(struct api_req *req)
{
    return api_reply_body(req, 200, "application/yaml; charset=utf-8", openapi_embed_data,
                          openapi_embed_size, 1);
}

int spec_index(struct api_req *req)
{
    return api_reply_json_new(
        req, 200,
        json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}}",
                  "name", "twoplus", "version",
                  TWOPLUS_VERSION, "description",
                  "A JSON API over news and official texts on the U.S.-Japan alliance and its "
                  "two-plus-two meetings.",
                  "links", "openapi", "/openapi.yaml", "documents", "/v1/documents", "entities",
                  "/v1/entities", "statements", "/v1/statements", "meetings", "/v1/meetings",
                  "timeline", "/v1/timeline", "search", "/v1/search", "stats", "/v1/stats",
                  "health", "/healthz", "ready", "/readyz"));
}
