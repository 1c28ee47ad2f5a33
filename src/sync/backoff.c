/*
 * backoff — "full jitter": the cap doubles per failure up to max_ms and
 * the delay is uniform in [cap/2, cap], keeping half the cap as a floor
 * so a kiosk never hammers a hub that just said no.
 */
#include "sync/backoff.h"

int64_t sync_backoff_ms(int failures, int64_t base_ms, int64_t max_ms, uint32_t random,
                        int retry_after_s)
{
    int64_t cap = base_ms;
    for (int i = 1; i < failures && cap < max_ms; i++)
        cap *= 2;
    if (cap > max_ms)
        cap = max_ms;
    int64_t half = cap / 2;
    int64_t delay = half + (int64_t)((uint64_t)random * (uint64_t)(cap - half + 1) >> 32);
    int64_t floor_ms = (int64_t)retry_after_s * 1000;
    return delay < floor_ms ? floor_ms : delay;
}
