/*
 * ratelimit — a token bucket per client address for the public status
 * page, so nobody can walk the space of tracking codes quickly.
 *
 * The one idea: a fixed table indexed by a keyed hash of the address; a
 * newcomer takes over the slot of whoever was there. Memory stays bounded
 * whatever the traffic, and an evicted address merely starts afresh.
 */
#ifndef SERAMBI_HUB_RATELIMIT_H
#define SERAMBI_HUB_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct hub_ratelimit;

/* per_minute requests per address, with bursts up to the same number.
 * NULL when out of memory. Free with hub_ratelimit_free() (NULL is fine). */
struct hub_ratelimit *hub_ratelimit_new(int per_minute);
void hub_ratelimit_free(struct hub_ratelimit *rl);

/* True when addr may make a request at now_ms (and counts it); false with
 * *retry_after_s (may be NULL) when it must wait. Thread-safe. */
bool hub_ratelimit_allow(struct hub_ratelimit *rl, const char *addr, int64_t now_ms,
                         int *retry_after_s);

#endif
