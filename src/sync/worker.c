/*
 * worker — a thread that runs sync_round() in a loop. Waiting is a timed
 * wait on a condition variable, so sync_worker_stop() wakes it at once
 * instead of after a backoff of minutes.
 */
#include "sync/worker.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "sync/backoff.h"
#include "sync/client.h"

/* Attachments asked for at a time. */
#define UPLOAD_BATCH 50

struct sync_worker {
    struct sync_worker_config cfg;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct sync_worker_state state;
};

void sync_worker_defaults(struct sync_worker_config *cfg)
{
    cfg->batch_rows = 200;
    cfg->upload_chunk_bytes = 256 * 1024;
    cfg->idle_ms = 2000;
    cfg->backoff_base_ms = 1000;
    cfg->backoff_max_ms = 5 * 60 * 1000;
    cfg->retention_days = -1;
    cfg->purge_interval_ms = 60 * 60 * 1000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Retention does not wait for the hub: records it acknowledged long ago
 * are blanked even while it is unreachable. A busy store is tried again
 * after the next round rather than an hour later. The message names no
 * record, only what went wrong.
 */
static void purge_if_due(const struct sync_worker_config *cfg, struct sync_worker_state *state,
                         int64_t *next_purge_ms)
{
    struct store *st = NULL;
    char errbuf[256] = "";
    int purged = 0;
    if (cfg->retention_days < 0 || mono_ms() < *next_purge_ms)
        return;
    int rc = store_open(cfg->db_path, &st, errbuf, sizeof(errbuf));
    if (rc < 0)
        goto out;
    rc = store_purge(st, wall_ms(), cfg->retention_days, &purged);
    if (rc < 0)
        goto out;
    state->purged += purged;
    *next_purge_ms = mono_ms() + cfg->purge_interval_ms;
out:
    if (rc < 0)
        fprintf(stderr, "serambi: warning: sync: retention purge failed (%s); trying again\n",
                strerror(-rc));
    store_close(st);
}

int sync_worker_enroll(const struct sync_worker_config *cfg, char token[SYNC_TOKEN_SIZE],
                       struct sync_error *err)
{
    char offered[SYNC_TOKEN_SIZE], held[SYNC_TOKEN_SIZE];
    struct sync_client *c = NULL;
    int rc = sync_token_pending(cfg->token_path, cfg->enrollment_code, offered);
    if (rc == -EINVAL) {
        snprintf(err->message, sizeof(err->message),
                 "the enrollment code is empty or too long; use the code `serambi-hub enroll` "
                 "printed");
        return rc;
    }
    if (rc < 0) {
        snprintf(err->message, sizeof(err->message),
                 "cannot keep a pending token beside %.150s (%s); check that data_dir is writable",
                 cfg->token_path, strerror(-rc));
        return rc;
    }
    rc = sync_client_new(cfg->hub_url, "", &c);
    if (rc == 0)
        rc = sync_enroll(c, cfg->enrollment_code, offered, held, err);
    sync_client_free(c);
    if (rc < 0)
        goto out;
    if (strcmp(held, offered) == 0) {
        rc = sync_token_promote(cfg->token_path);
    } else {
        /* A hub that makes tokens itself: keep its token; ours is unused. */
        rc = sync_token_save(cfg->token_path, held);
        if (rc == 0)
            sync_token_discard(cfg->token_path);
    }
    if (rc < 0)
        snprintf(err->message, sizeof(err->message),
                 "enrolled, but the token could not be saved in %.150s (%s); run again",
                 cfg->token_path, strerror(-rc));
    else
        memcpy(token, held, strlen(held) + 1);
out:
    sodium_memzero(offered, sizeof(offered));
    sodium_memzero(held, sizeof(held));
    return rc;
}

static int enroll(const struct sync_worker_config *cfg, char token[SYNC_TOKEN_SIZE],
                  struct sync_worker_state *state, int *retry_after_s)
{
    struct sync_error err = {0};
    int rc = sync_worker_enroll(cfg, token, &err);
    if (rc < 0) {
        snprintf(state->last_error, sizeof(state->last_error), "enrollment: %.200s",
                 err.message[0] ? err.message : strerror(-rc));
        *retry_after_s = err.retry_after_s;
    }
    return rc;
}

int sync_round(const struct sync_worker_config *cfg, struct sync_worker_state *state,
               int *retry_after_s)
{
    char token[SYNC_TOKEN_SIZE];
    struct sync_client *c = NULL;
    struct store *st = NULL;
    struct sync_error err = {0};
    *retry_after_s = 0;
    int rc = sync_token_load(cfg->token_path, token);
    if (rc == -ENOENT && cfg->enrollment_code[0])
        rc = enroll(cfg, token, state, retry_after_s);
    else if (rc == -ENOENT)
        snprintf(state->last_error, sizeof(state->last_error),
                 "not enrolled: set enrollment_code or run `serambi enroll CODE`");
    if (rc < 0)
        return rc;
    state->enrolled = true;
    char errbuf[256];
    rc = store_open(cfg->db_path, &st, errbuf, sizeof(errbuf));
    if (rc < 0) {
        snprintf(state->last_error, sizeof(state->last_error), "store: %.200s", errbuf);
        return rc;
    }
    rc = sync_client_new(cfg->hub_url, token, &c);
    if (rc < 0)
        goto out;
    size_t n = 0;
    do {
        rc = sync_push(c, st, (size_t)cfg->batch_rows, wall_ms(), &n, &err);
        if (rc == 0)
            state->pushed += (int64_t)n;
    } while (rc == 0 && n > 0);
    size_t skipped = 0;
    struct sync_error skip = {0};
    /* Page by page through every letter waiting, once per round: one the
     * hub refuses is asked about again next round, and never keeps the
     * ones after it waiting. */
    struct store_upload cursor = {0};
    while (rc == 0) {
        size_t k = 0;
        n = 0;
        rc = sync_upload(c, st, &cursor, (size_t)cfg->upload_chunk_bytes, UPLOAD_BATCH, wall_ms(),
                         &n, &k, &err);
        state->uploaded += (int64_t)n; /* what went before a failure counts too */
        if (k > 0) {
            skipped += k;
            skip = err;
        }
        if (n + k == 0)
            break;
    }
    /* The outbox drained: a quiet moment to fold the log into the file. */
    if (rc == 0)
        store_checkpoint(st);
    while (rc == 0) {
        rc = sync_pull(c, st, wall_ms(), &n, &err);
        if (rc == 0)
            state->pulled += (int64_t)n;
        if (n == 0)
            break;
    }
    size_t documents = 0;
    while (rc == 0 && cfg->documents_dir[0]) {
        struct sync_documents page = {0};
        rc = sync_pull_documents(c, st, cfg->documents_dir, cfg->note, &page, &err);
        documents += page.written;
        if (rc < 0 || page.fetched == 0)
            break;
    }
    state->documents += (int64_t)documents;
    if (documents > 0 && cfg->documents_changed)
        cfg->documents_changed();
    if (rc < 0) {
        snprintf(state->last_error, sizeof(state->last_error), "%s",
                 err.message[0] ? err.message : strerror(-rc));
        *retry_after_s = err.retry_after_s;
    } else if (skipped) {
        snprintf(state->last_error, sizeof(state->last_error), "%zu attachments skipped: %s",
                 skipped, skip.message);
    } else {
        state->last_error[0] = '\0';
    }
out:
    sync_client_free(c);
    store_close(st);
    return rc;
}

static void *run(void *arg)
{
    struct sync_worker *w = arg;
    struct sync_worker_state state = {0};
    int64_t next_purge_ms = 0; /* the first purge comes with the first round */
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        pthread_mutex_unlock(&w->lock);
        int retry_after_s = 0;
        int rc = sync_round(&w->cfg, &state, &retry_after_s);
        state.failures = rc < 0 ? state.failures + 1 : 0;
        purge_if_due(&w->cfg, &state, &next_purge_ms);
        int64_t wait_ms =
            rc < 0 ? sync_backoff_ms(state.failures, w->cfg.backoff_base_ms, w->cfg.backoff_max_ms,
                                     randombytes_random(), retry_after_s)
                   : w->cfg.idle_ms;
        if (rc < 0)
            fprintf(stderr, "serambi: warning: sync: %s; retrying in %lld ms\n", state.last_error,
                    (long long)wait_ms);
        pthread_mutex_lock(&w->lock);
        w->state = state;
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += (time_t)(wait_ms / 1000);
        until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int sync_worker_start(const struct sync_worker_config *cfg, struct sync_worker **out)
{
    struct sync_worker *w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    w->cfg = *cfg;
    pthread_mutex_init(&w->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &attr);
    pthread_condattr_destroy(&attr);
    int rc = pthread_create(&w->thread, NULL, run, w);
    if (rc != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return -rc;
    }
    *out = w;
    return 0;
}

void sync_worker_stop(struct sync_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void sync_worker_state(struct sync_worker *w, struct sync_worker_state *out)
{
    pthread_mutex_lock(&w->lock);
    *out = w->state;
    pthread_mutex_unlock(&w->lock);
}
