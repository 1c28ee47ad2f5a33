/*
 * pool — store connections behind a mutex and a condition variable. The
 * free ones are a stack, so the connection used last (whose statements
 * and pages are warm) is handed out next.
 */
#include "hub/pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

struct hub_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    size_t n, nfree;
    struct hub_db **all;
    struct hub_db **free_stack;
};

int hub_pool_new(const char *url, size_t n, struct hub_pool **out, char *errbuf, size_t errcap)
{
    struct hub_pool *p = calloc(1, sizeof(*p));
    int rc = -ENOMEM;
    if (!p || n == 0)
        goto out;
    p->all = calloc(n, sizeof(struct hub_db *));
    p->free_stack = calloc(n, sizeof(struct hub_db *));
    if (!p->all || !p->free_stack)
        goto out;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (size_t i = 0; i < n; i++) {
        rc = hub_db_open(url, &p->all[i], errbuf, errcap);
        if (rc < 0)
            goto out;
        p->n++;
        p->free_stack[p->nfree++] = p->all[i];
    }
    *out = p;
    p = NULL;
    rc = 0;
out:
    hub_pool_free(p);
    return rc;
}

void hub_pool_free(struct hub_pool *pool)
{
    if (!pool)
        return;
    if (pool->all) {
        for (size_t i = 0; i < pool->n; i++)
            hub_db_close(pool->all[i]);
        pthread_mutex_destroy(&pool->lock);
        pthread_cond_destroy(&pool->freed);
    }
    free(pool->all);
    free(pool->free_stack);
    free(pool);
}

struct hub_db *hub_pool_acquire(struct hub_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    while (pool->nfree == 0)
        pthread_cond_wait(&pool->freed, &pool->lock);
    struct hub_db *db = pool->free_stack[--pool->nfree];
    pthread_mutex_unlock(&pool->lock);
    return db;
}

void hub_pool_release(struct hub_pool *pool, struct hub_db *db)
{
    pthread_mutex_lock(&pool->lock);
    pool->free_stack[pool->nfree++] = db;
    pthread_cond_signal(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}
