/* server/main.c: the twoplus command: parse options, ingest, serve until SIGTERM/SIGINT. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/build.h"
#include "server/cache.h"
#include "server/config.h"
#include "server/http.h"
#include "server/log.h"

/* Serves ctx until SIGTERM or SIGINT; the signals are blocked in every thread and taken here
 * with sigwait, so no handler runs inside libmicrohttpd's threads. */
static int main_serve(struct srv_ctx *ctx, const sigset_t *stop)
{
    int sig = 0;

    ctx->cache = srv_cache_new(ctx->cfg->cache_bytes);
    if (srv_http_start(ctx) != 0) {
        srv_cache_free(ctx->cache);
        return 1;
    }
    atomic_store(&ctx->ready, 1);
    printf("twoplus listening on http://%s%s%s:%u\n", strchr(ctx->cfg->host, ':') ? "[" : "",
           ctx->cfg->host, strchr(ctx->cfg->host, ':') ? "]" : "", ctx->port);
    fflush(stdout);
    sigwait(stop, &sig);
    srv_log("%s: finishing requests in flight, then stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
    atomic_store(&ctx->stopping, 1);
    srv_http_stop(ctx, 10000);
    srv_cache_free(ctx->cache);
    ctx->cache = NULL;
    return 0;
}

/* Waits, during an ingest, for the stop signals that main_serve takes once serving: a stop
 * before the database is complete abandons the build (nothing half-built is kept or served)
 * and exits, 0 for serve (stopped as asked) and 1 for ingest (no database was made). */
struct main_watch {
    const struct srv_config *cfg;
    const sigset_t *stop;
};

static void *main_watch_ingest(void *arg)
{
    const struct main_watch *w = arg;
    int sig = 0;

    if (sigwait(w->stop, &sig) != 0)
        return NULL;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL); /* the signal is taken: act on it */
    srv_log("%s during the ingest: stopping; nothing of it is kept",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    store_db_abandon_build(w->cfg->db);
    _exit(w->cfg->command == SRV_INGEST ? 1 : 0);
}

/* srv_build with the stop signals watched (see main_watch_ingest). */
static int main_build(const struct srv_config *cfg, const sigset_t *stop, struct store_db **db,
                      struct srv_build_summary *summary)
{
    struct main_watch w = {cfg, stop};
    pthread_t watcher;
    int watching = pthread_create(&watcher, NULL, main_watch_ingest, &w) == 0, rc;

    rc = srv_build(cfg, db, summary);
    if (watching) { /* a signal from now on stays pending for main_serve's sigwait */
        pthread_cancel(watcher);
        pthread_join(watcher, NULL);
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct srv_config cfg;
    struct srv_ctx ctx = {0};
    struct srv_build_summary summary;
    sigset_t stop;
    char err[512];
    int rc = 1;

    if (srv_config_parse(&cfg, argc, argv, err, sizeof(err)) != 0) {
        fprintf(stderr, "twoplus: %s\n", err);
        return 2;
    }
    if (cfg.command == SRV_HELP) {
        fputs(srv_config_usage, stdout);
        return 0;
    }
    if (cfg.command == SRV_VERSION) {
        printf("twoplus %s\n", TWOPLUS_VERSION);
        return 0;
    }
    /* Block the stop signals before any thread starts, so every thread inherits the mask. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    ctx.cfg = &cfg;
    ctx.started_at = (int64_t)time(NULL);
    if (cfg.command == SRV_SERVE && cfg.no_ingest) {
        if (store_db_open(cfg.db, &ctx.db, err, sizeof(err)) != STORE_OK) {
            srv_log("%s", err);
            return 1;
        }
    } else if (main_build(&cfg, &stop, &ctx.db, &summary) != 0) {
        return 1;
    }
    if (cfg.command == SRV_INGEST)
        rc = 0;
    else
        rc = main_serve(&ctx, &stop);
    store_db_close(ctx.db);
    return rc;
}
