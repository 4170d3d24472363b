/* handlers/stats.c: counts per resource and the last ingest (openapi.yaml: /v1/stats). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handlers/handlers.h"
#include "server/cache.h"
#include "server/http.h"
#include "server/metrics.h"

/* The ingest facts in the order the API documents them; numbers as numbers. */
static json_t *stats_ingest(const struct store_stats *stats)
{
    json_t *ingest = json_object(), *skipped = json_array(), *by_reason = json_object();

    for (size_t i = 0; i < stats->meta_count; i++) {
        const char *k = stats->meta_keys[i], *v = stats->meta_values[i];
        if (!strcmp(k, "complete") || !strcmp(k, "corpus"))
            continue; /* the corpus path is the operator's business, not the API's */
        if (!strncmp(k, "files_", 6))
            json_object_set_new(ingest, k, json_integer(strtoll(v, NULL, 10)));
        else if (!strcmp(k, "ingest_microseconds"))
            json_object_set_new(ingest, "duration_ms", json_real((double)strtoll(v, NULL, 10) / 1000.0));
        else
            json_object_set_new(ingest, k, json_string(v));
    }
    for (size_t i = 0; i < stats->skip_count; i++) {
        const struct store_skip *s = &stats->skips[i];
        json_t *n = json_object_get(by_reason, s->reason);
        json_array_append_new(skipped, json_pack("{s:s, s:s, s:s}", "file", s->file_name,
                                                 "reason", s->reason, "detail", s->detail));
        json_object_set_new(by_reason, s->reason, json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    json_object_set_new(ingest, "skipped", skipped);
    json_object_set_new(ingest, "skipped_by_reason", by_reason);
    return ingest;
}

int stats_get(struct api_req *req)
{
    struct store_stats stats;
    const struct srv_ctx *srv = req->srv;
    char started[32];
    json_t *body;
    int rc = store_stats_get(req->store, &stats);

    if (rc != STORE_OK)
        return api_reply_store_error(req, rc, "stats", "");
    req->cache_control = "no-store";
    api_iso8601(srv->started_at, started, sizeof(started));
    body = json_pack("{s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:{s:s, s:I, s:i, s:s}}",
                     "version", TWOPLUS_VERSION, "sqlite_version", store_sqlite_version(),
                     "counts", "documents", (json_int_t)stats.documents, "entities",
                     (json_int_t)stats.entities, "mentions", (json_int_t)stats.mentions,
                     "statements", (json_int_t)stats.statements, "meetings",
                     (json_int_t)stats.meetings, "ingest", stats_ingest(&stats),
                     "server", "started_at", started, "uptime_s",
                     (json_int_t)(time(NULL) - srv->started_at), "threads",
                     (int)srv->cfg->threads, "database", srv->cfg->db ? "file" : "memory");
    store_stats_clear(&stats);
    {
        struct srv_cache_stats cs;
        srv_cache_stats(srv->cache, &cs);
        json_object_set_new(body, "cache",
                            json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:I}", "enabled",
                                      srv->cache != NULL, "max_bytes", (json_int_t)cs.max_bytes,
                                      "bytes", (json_int_t)cs.bytes, "entries",
                                      (json_int_t)cs.entries, "hits", (json_int_t)cs.hits,
                                      "misses", (json_int_t)cs.misses, "evictions",
                                      (json_int_t)cs.evictions));
    }
    return api_reply_json_new(req, 200, body);
}

int stats_metrics(struct api_req *req)
{
    const struct srv_ctx *srv = req->srv;
    struct srv_cache_stats cs;
    struct store_stats stats;
    char *requests = srv_metrics_render(), *body = NULL;
    int rc = store_stats_get(req->store, &stats), n;
    double ingest_ms = 0;
    int64_t ingested = 0, skipped = 0;

    if (rc != STORE_OK || !requests) {
        free(requests);
        if (rc == STORE_OK)
            store_stats_clear(&stats);
        return api_reply_store_error(req, rc == STORE_OK ? STORE_NOMEM : rc, "metrics", "");
    }
    for (size_t i = 0; i < stats.meta_count; i++) {
        if (!strcmp(stats.meta_keys[i], "ingest_microseconds"))
            ingest_ms = (double)strtoll(stats.meta_values[i], NULL, 10) / 1000.0;
        else if (!strcmp(stats.meta_keys[i], "files_ingested"))
            ingested = strtoll(stats.meta_values[i], NULL, 10);
        else if (!strcmp(stats.meta_keys[i], "files_skipped"))
            skipped = strtoll(stats.meta_values[i], NULL, 10);
    }
    srv_cache_stats(srv->cache, &cs);
    n = asprintf(&body,
                 "%s"
                 "# HELP twoplus_cache_hits_total Requests answered from a reused response.\n"
                 "# TYPE twoplus_cache_hits_total counter\ntwoplus_cache_hits_total %llu\n"
                 "# HELP twoplus_cache_misses_total Requests that found no reusable response.\n"
                 "# TYPE twoplus_cache_misses_total counter\ntwoplus_cache_misses_total %llu\n"
                 "# HELP twoplus_cache_bytes Bytes of reused responses kept.\n"
                 "# TYPE twoplus_cache_bytes gauge\ntwoplus_cache_bytes %zu\n"
                 "# HELP twoplus_requests_in_flight Requests being answered.\n"
                 "# TYPE twoplus_requests_in_flight gauge\ntwoplus_requests_in_flight %ld\n"
                 "# HELP twoplus_open_connections Client connections open.\n"
                 "# TYPE twoplus_open_connections gauge\ntwoplus_open_connections %u\n"
                 "# HELP twoplus_documents Documents served.\n"
                 "# TYPE twoplus_documents gauge\ntwoplus_documents %lld\n"
                 "# HELP twoplus_ingest_files Corpus files by outcome of the last ingest.\n"
                 "# TYPE twoplus_ingest_files gauge\n"
                 "twoplus_ingest_files{outcome=\"ingested\"} %lld\n"
                 "twoplus_ingest_files{outcome=\"skipped\"} %lld\n"
                 "# HELP twoplus_ingest_duration_seconds How long the last ingest took.\n"
                 "# TYPE twoplus_ingest_duration_seconds gauge\n"
                 "twoplus_ingest_duration_seconds %.6f\n",
                 requests, (unsigned long long)cs.hits, (unsigned long long)cs.misses, cs.bytes,
                 (long)atomic_load(&((struct srv_ctx *)srv)->in_flight),
                 srv_http_connections((struct srv_ctx *)srv), (long long)stats.documents,
                 (long long)ingested, (long long)skipped, ingest_ms / 1000.0);
    free(requests);
    store_stats_clear(&stats);
    if (n < 0)
        return api_reply_store_error(req, STORE_NOMEM, "metrics", "");
    req->cache_control = "no-store";
    rc = api_reply_body(req, 200, "text/plain; version=0.0.4; charset=utf-8", body, strlen(body),
                        0);
    free(body);
    return rc;
}
