/*
 * metrics — request counters and latency buckets, written in the
 * Prometheus text exposition format.
 */
#include "hub/metrics.h"

#include <errno.h>

static const int64_t bucket_us[HUB_METRICS_BUCKETS] = {500,    1000,   5000,   25000,
                                                       100000, 500000, 2000000};

void hub_metrics_count(struct hub_metrics *m, int route, int status, int64_t micros)
{
    int r = route < 0 || route >= HUB_METRICS_ROUTES - 1 ? HUB_METRICS_ROUTES - 1 : route;
    struct hub_route_metrics *rm = &m->routes[r];
    int cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    atomic_fetch_add_explicit(&rm->by_class[cls], 1, memory_order_relaxed);
    int b = 0;
    while (b < HUB_METRICS_BUCKETS && micros > bucket_us[b])
        b++;
    atomic_fetch_add_explicit(&rm->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&rm->sum_us, (uint_fast64_t)(micros > 0 ? micros : 0),
                              memory_order_relaxed);
}

int hub_metrics_write(const struct hub_metrics *m, const char *const *names, int nroutes, FILE *out)
{
    fputs("# HELP serambi_hub_requests_total HTTP requests answered, by route and status class.\n"
          "# TYPE serambi_hub_requests_total counter\n",
          out);
    for (int r = 0; r <= nroutes && r < HUB_METRICS_ROUTES; r++) {
        int idx = r == nroutes ? HUB_METRICS_ROUTES - 1 : r;
        const char *name = r == nroutes ? "none" : names[r];
        for (int c = 1; c <= 5; c++) {
            uint64_t v = atomic_load_explicit(&m->routes[idx].by_class[c], memory_order_relaxed);
            if (v)
                fprintf(out, "serambi_hub_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n", name,
                        c, (unsigned long long)v);
        }
    }
    fputs("# HELP serambi_hub_request_seconds Time to answer a request.\n"
          "# TYPE serambi_hub_request_seconds histogram\n",
          out);
    for (int r = 0; r < nroutes && r < HUB_METRICS_ROUTES - 1; r++) {
        const struct hub_route_metrics *rm = &m->routes[r];
        uint64_t cum = 0;
        for (int b = 0; b <= HUB_METRICS_BUCKETS; b++) {
            cum += atomic_load_explicit(&rm->buckets[b], memory_order_relaxed);
            if (b < HUB_METRICS_BUCKETS)
                fprintf(out, "serambi_hub_request_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                        names[r], (double)bucket_us[b] / 1e6, (unsigned long long)cum);
            else
                fprintf(out, "serambi_hub_request_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                        names[r], (unsigned long long)cum);
        }
        fprintf(out, "serambi_hub_request_seconds_sum{route=\"%s\"} %g\n", names[r],
                (double)atomic_load_explicit(&rm->sum_us, memory_order_relaxed) / 1e6);
        fprintf(out, "serambi_hub_request_seconds_count{route=\"%s\"} %llu\n", names[r],
                (unsigned long long)cum);
    }
    return ferror(out) ? -EIO : 0;
}
