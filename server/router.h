/* server/router.h: the one route table, and dispatch: 404, 405 + Allow, OPTIONS, HEAD, and the
 * checks every route shares (unknown, repeated or malformed query parameters). */
#ifndef TWOPLUS_ROUTER_H
#define TWOPLUS_ROUTER_H

#include "server/api.h"

struct router_route {
    const char *pattern; /* "/v1/documents/{id}": {name} captures one segment */
    api_handler get;     /* answers GET and HEAD */
    const char *params;  /* the query parameters the route accepts, comma-separated */
};

/* Answers req: finds the route, checks method and parameters, and calls the handler. */
int router_dispatch(struct api_req *req);

/* The index of the route whose pattern matches path, or router_route_count if none does. */
size_t router_route_index(const char *path);

/* The route table, for tests and the spec check: count and rows. */
extern const struct router_route router_routes[];
extern const size_t router_route_count;

#endif
