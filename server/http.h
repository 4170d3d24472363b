/* server/http.h: the running server: libmicrohttpd daemon, its context, start and stop. */
#ifndef TWOPLUS_HTTP_H
#define TWOPLUS_HTTP_H

#include <stdatomic.h>
#include <stdint.h>

#include "server/config.h"
#include "store/store.h"

struct srv_ctx {
    const struct srv_config *cfg;
    struct store_db *db;
    atomic_int ready;        /* ingest done: /readyz says 200 */
    atomic_int stopping;     /* SIGTERM taken: /readyz says 503 while requests finish */
    atomic_long in_flight;   /* requests being answered, for a graceful stop */
    int64_t started_at;      /* Unix time */
    void *daemon;            /* struct MHD_Daemon */
    struct srv_cache *cache; /* rendered responses, or NULL (--cache-mb 0) */
    unsigned port;           /* the port actually bound */
};

/* Starts the daemon on cfg->host:cfg->port with cfg->threads polling threads (epoll).
 * Returns 0 with ctx->port set, or -1 after printing why to stderr. */
int srv_http_start(struct srv_ctx *ctx);

/* Client connections open now. */
unsigned srv_http_connections(struct srv_ctx *ctx);

/* Stops accepting, waits up to grace_ms for requests in flight, then stops the daemon. */
void srv_http_stop(struct srv_ctx *ctx, int grace_ms);

#endif
