/* server/metrics.h: request counters and latency histogram for GET /metrics (Prometheus text
 * format 0.0.4). Counters are atomics: recording never takes a lock. */
#ifndef TWOPLUS_METRICS_H
#define TWOPLUS_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* Counts one finished request: route is an index into router_routes (router_route_count for
 * a path no route matches), micros its duration. */
void srv_metrics_record(size_t route, unsigned status, int64_t micros, size_t bytes);

/* Appends the request metrics in the exposition format to a malloc'd string. */
char *srv_metrics_render(void);

#endif
