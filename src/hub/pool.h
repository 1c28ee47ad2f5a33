/*
 * pool — a fixed set of store connections shared by the server's threads.
 * A connection is used by one request at a time; a thread that finds none
 * free waits. With as many connections as threads, nobody waits.
 */
#ifndef SERAMBI_HUB_POOL_H
#define SERAMBI_HUB_POOL_H

#include <stddef.h>

#include "hub/db.h"

struct hub_pool;

/* Opens n connections to url. 0 and a new pool (free it with
 * hub_pool_free()), or hub_db_open()'s error with errbuf saying why. */
int hub_pool_new(const char *url, size_t n, struct hub_pool **out, char *errbuf, size_t errcap);
/* Closes every connection; none may be in use. NULL does nothing. */
void hub_pool_free(struct hub_pool *pool);

/* A free connection, waiting for one if needed. Borrowed until
 * hub_pool_release(). */
struct hub_db *hub_pool_acquire(struct hub_pool *pool);
void hub_pool_release(struct hub_pool *pool, struct hub_db *db);

#endif
