/*
 * metrics — counters the server keeps for /metrics (Prometheus text):
 * requests by route and status class, and their latency histogram.
 *
 * The one idea: plain atomic counters in a fixed array indexed by route,
 * so counting costs a few relaxed additions and no lock; figures that live
 * in the store (records by kind, sync lag per kiosk) are read at scrape.
 */
#ifndef SERAMBI_HUB_METRICS_H
#define SERAMBI_HUB_METRICS_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define HUB_METRICS_ROUTES  16 /* routes + 1 for "no route" */
#define HUB_METRICS_BUCKETS 7

struct hub_route_metrics {
    atomic_uint_fast64_t by_class[6]; /* index status / 100: 1xx … 5xx */
    atomic_uint_fast64_t buckets[HUB_METRICS_BUCKETS + 1];
    atomic_uint_fast64_t sum_us;
};

struct hub_metrics {
    struct hub_route_metrics routes[HUB_METRICS_ROUTES];
};

/* Counts one request; route -1 is a request that matched no route. */
void hub_metrics_count(struct hub_metrics *m, int route, int status, int64_t micros);

/* Appends the counters in Prometheus text format; names maps a route
 * index to its label ("GET /healthz"). 0 or -EIO. */
int hub_metrics_write(const struct hub_metrics *m, const char *const *names, int nroutes,
                      FILE *out);

#endif
