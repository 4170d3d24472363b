/* server/metrics.c: lock-free request counters by route and status, and a latency histogram. */
#include "server/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "server/router.h"

#define METRICS_MAX_ROUTES 64

static const unsigned metrics_statuses[] = {200, 204, 304, 400, 404, 405, 413, 414,
                                            431, 499, 500, 503, 0 /* other */};
#define METRICS_NSTATUS (sizeof(metrics_statuses) / sizeof(metrics_statuses[0]))

/* Upper bounds in seconds, as Prometheus histograms want them. */
static const double metrics_bounds[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                        0.025,  0.05,    0.1,    0.25,  0.5,    1.0,  2.5};
#define METRICS_NBOUNDS (sizeof(metrics_bounds) / sizeof(metrics_bounds[0]))

static atomic_ullong metrics_requests[METRICS_MAX_ROUTES + 1][METRICS_NSTATUS];
static atomic_ullong metrics_buckets[METRICS_NBOUNDS + 1];
static atomic_ullong metrics_micros_sum, metrics_count, metrics_bytes;

void srv_metrics_record(size_t route, unsigned status, int64_t micros, size_t bytes)
{
    size_t s = METRICS_NSTATUS - 1, b = METRICS_NBOUNDS;

    if (route > METRICS_MAX_ROUTES)
        route = METRICS_MAX_ROUTES;
    for (size_t i = 0; i + 1 < METRICS_NSTATUS; i++)
        if (metrics_statuses[i] == status)
            s = i;
    for (size_t i = 0; i < METRICS_NBOUNDS; i++)
        if ((double)micros / 1e6 <= metrics_bounds[i]) {
            b = i;
            break;
        }
    atomic_fetch_add_explicit(&metrics_requests[route][s], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&metrics_buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&metrics_micros_sum, (unsigned long long)(micros > 0 ? micros : 0),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&metrics_count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&metrics_bytes, bytes, memory_order_relaxed);
}

char *srv_metrics_render(void)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    unsigned long long cumulative = 0;

    if (!f)
        return NULL;
    fputs("# HELP twoplus_http_requests_total Requests answered, by route and status.\n"
          "# TYPE twoplus_http_requests_total counter\n",
          f);
    for (size_t r = 0; r <= router_route_count && r <= METRICS_MAX_ROUTES; r++)
        for (size_t s = 0; s < METRICS_NSTATUS; s++) {
            unsigned long long n = atomic_load(&metrics_requests[r][s]);
            char status[16];
            if (!n)
                continue;
            if (metrics_statuses[s])
                snprintf(status, sizeof(status), "%u", metrics_statuses[s]);
            else
                snprintf(status, sizeof(status), "other");
            fprintf(f, "twoplus_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                    r < router_route_count ? router_routes[r].pattern : "unmatched", status, n);
        }
    fputs("# HELP twoplus_http_request_duration_seconds Time from request to reply.\n"
          "# TYPE twoplus_http_request_duration_seconds histogram\n",
          f);
    for (size_t b = 0; b <= METRICS_NBOUNDS; b++) {
        cumulative += atomic_load(&metrics_buckets[b]);
        if (b < METRICS_NBOUNDS)
            fprintf(f, "twoplus_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                    metrics_bounds[b], cumulative);
        else
            fprintf(f, "twoplus_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                    cumulative);
    }
    fprintf(f, "twoplus_http_request_duration_seconds_sum %.6f\n",
            (double)atomic_load(&metrics_micros_sum) / 1e6);
    fprintf(f, "twoplus_http_request_duration_seconds_count %llu\n", atomic_load(&metrics_count));
    fputs("# HELP twoplus_http_response_bytes_total Body bytes sent.\n"
          "# TYPE twoplus_http_response_bytes_total counter\n",
          f);
    fprintf(f, "twoplus_http_response_bytes_total %llu\n", atomic_load(&metrics_bytes));
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}
