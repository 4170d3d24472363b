/* handlers/handlers.h: the entry points the route table names, one group per resource file. */
#ifndef TWOPLUS_HANDLERS_H
#define TWOPLUS_HANDLERS_H

#include "server/api.h"

/* handlers/health.c: /healthz, /readyz */
int health_live(struct api_req *req);
int health_ready(struct api_req *req);

/* handlers/stats.c: /v1/stats */
int stats_get(struct api_req *req);
/* /metrics: Prometheus text format */
int stats_metrics(struct api_req *req);

/* handlers/documents.c: /v1/documents, /v1/documents/{id}, /v1/documents/{id}/text */
int documents_list(struct api_req *req);
int documents_get(struct api_req *req);
int documents_text(struct api_req *req);

/* handlers/entities.c: /v1/entities, /v1/entities/{id}, .../mentions, .../related,
 * .../statements, /v1/documents/{id}/entities */
int entities_list(struct api_req *req);
int entities_get(struct api_req *req);
int entities_mentions(struct api_req *req);
int entities_related(struct api_req *req);
int entities_statements(struct api_req *req);
int documents_entities(struct api_req *req);

/* handlers/statements.c: /v1/statements, /v1/statements/{id} */
int statements_list(struct api_req *req);
int statements_get(struct api_req *req);

/* handlers/meetings.c: /v1/meetings, /v1/meetings/{id}, /v1/timeline */
int meetings_list(struct api_req *req);
int meetings_get(struct api_req *req);
int timeline_get(struct api_req *req);

/* handlers/search.c: /v1/search */
int search_get(struct api_req *req);

/* handlers/spec.c: /openapi.yaml, / */
int spec_openapi(struct api_req *req);
int spec_index(struct api_req *req);

/* handlers/ui.c: / (the dashboard to a browser, spec_index to the rest), /ui/{file} */
int ui_root(struct api_req *req);
int ui_asset(struct api_req *req);

#endif
