/*
 * status_cache — the public status page's answers, kept for a moment.
 *
 * A ticket's QR code is scanned again and again (a visitor checking, a
 * desk phone refreshing), and each answer would otherwise cost a store
 * transaction and a rendering. The one idea: an answer is served again
 * from memory only while nothing can have changed it — no push and no
 * staff decision in this process since it was made (the store's write
 * generation, hub_db_generation()) — and for at most max_age_ms, which
 * bounds what another hub process writing to the same PostgreSQL could
 * leave stale. Unknown codes are never kept, so a record pushed a moment
 * later is found at once.
 *
 * A fixed table indexed by a keyed hash of the code and the format; a
 * newcomer takes the slot of whoever was there. Memory stays bounded
 * whatever the traffic.
 */
#ifndef SERAMBI_HUB_STATUS_CACHE_H
#define SERAMBI_HUB_STATUS_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hub_status_cache;

/* NULL when out of memory. Free with hub_status_cache_free() (NULL is
 * fine). max_age_ms <= 0 keeps nothing. */
struct hub_status_cache *hub_status_cache_new(int max_age_ms);
void hub_status_cache_free(struct hub_status_cache *c);

/* The answer kept for (code, json) if it is still fresh: a malloc'd copy
 * of its body in *body (the caller frees it) and its length. False when
 * there is none. Thread-safe. */
bool hub_status_cache_get(struct hub_status_cache *c, const char *code, bool json,
                          uint64_t generation, int64_t now_ms, char **body, size_t *len);

/* Keeps a copy of an answer made at store generation `generation`.
 * Bodies larger than a slot holds are not kept. Thread-safe. */
void hub_status_cache_put(struct hub_status_cache *c, const char *code, bool json,
                          uint64_t generation, int64_t now_ms, const char *body, size_t len);

#endif
