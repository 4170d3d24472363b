/* handlers/health.c: liveness and readiness (openapi.yaml: /healthz, /readyz). */
#include "handlers/handlers.h"
#include "server/http.h"

int health_live(struct api_req *req)
{
    req->cache_control = "no-store";
    return api_reply_json_new(req, 200, json_pack("{s:s}", "status", "ok"));
}

int health_ready(struct api_req *req)
{
    const struct srv_ctx *srv = req->srv;

    if (atomic_load(&((struct srv_ctx *)srv)->stopping))
        return api_reply_problem(req, 503, "stopping", "the server is shutting down");
    req->cache_control = "no-store";
    if (!atomic_load(&((struct srv_ctx *)srv)->ready))
        return api_reply_problem(req, 503, "not-ready", "the corpus is still being ingested");
    return api_reply_json_new(req, 200, json_pack("{s:s}", "status", "ready"));
}
