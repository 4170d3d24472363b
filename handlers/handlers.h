/* handlers/handlers.h: the entry points the route table names, one group per resource file. */
#ifndef TWOPLUS_HANDLERS_H
#define TWOPLUS_HANDLERS_H

#include "server/api.h"

/* handlers/health.c: /healthz, /readyz */
int health_live(struct api_req *req);
int health_ready(struct api_req *req);

/* handlers/stats.c: /v1/stats */
int stats_get(struct api_req *req);

/* handlers/documents.c: /v1/documents, /v1/documents/{id}, /v1/documents/{id}/text */
int documents_list(struct api_req *req);
int documents_get(struct api_req *req);
int documents_text(struct api_req *req);

/* handlers/spec.c: /openapi.yaml, / */
int spec_openapi(struct api_req *req);
int spec_index(struct api_req *req);

#endif
