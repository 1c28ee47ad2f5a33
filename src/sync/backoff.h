/*
 * backoff — how long the sync worker waits after a failure: exponential,
 * with full jitter (a random time between zero and the cap), so that a
 * hundred kiosks coming back after an outage do not knock together. A
 * Retry-After from the hub is a floor. The worker never gives up; the
 * delay only stops growing at max_ms.
 */
#ifndef SERAMBI_SYNC_BACKOFF_H
#define SERAMBI_SYNC_BACKOFF_H

#include <stdint.h>

/* The delay before attempt number failures + 1 (failures >= 1), from a
 * uniformly random 32-bit value, at least retry_after_s seconds. */
int64_t sync_backoff_ms(int failures, int64_t base_ms, int64_t max_ms, uint32_t random,
                        int retry_after_s);

#endif
