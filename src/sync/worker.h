/*
 * worker — the kiosk's sync thread: enrolls when it has a code and no
 * token (with a token of its own made first, so a lost answer costs only
 * a retry), then forever pushes the outbox, pulls staff decisions and waits;
 * after a failure it backs off with jitter (honouring Retry-After) and
 * tries again. It never gives up: a hub that is down for days is caught
 * up with when it returns. Attachment bytes go after their records (the
 * hub takes bytes only for a record it holds), in chunks. After the staff
 * decisions come the office documents (calendars, rules, visitor texts),
 * written under documents_dir; the worker only signals that they arrived,
 * and whoever uses the office data reloads it on its own thread. Between
 * rounds it also ends the retention
 * of personal data (store_purge()), at most once per purge interval.
 */
#ifndef SERAMBI_SYNC_WORKER_H
#define SERAMBI_SYNC_WORKER_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "sync/client.h"

struct sync_worker_config {
    char db_path[PATH_MAX];    /* the kiosk's store; the worker opens its own connection */
    char token_path[PATH_MAX]; /* where the token is kept */
    char hub_url[256];
    char enrollment_code[32]; /* "" when none */
    int batch_rows;           /* rows per push */
    int upload_chunk_bytes;   /* attachment bytes per upload request */
    int idle_ms;              /* wait between rounds when all is sent */
    int backoff_base_ms;
    int backoff_max_ms;
    int retention_days;    /* store_purge()'s retention; negative: this worker never purges */
    int purge_interval_ms; /* between purges: an hour (shorter in tests) */
    char documents_dir[PATH_MAX]; /* published office documents go here; "": not pulled */
    sync_note_fn note;            /* a line per office document; NULL: stderr */
    /* Called on the worker's thread after a round that wrote office
     * documents; it must only signal (e.g. bump a counter and wake the UI).
     * NULL: nobody is told. */
    void (*documents_changed)(void);
};

/* Fills the timing defaults (batch 200, chunks of 256 KiB, idle 2 s,
 * backoff 1 s … 5 min, purge hourly) and retention_days -1: the caller sets the office's. */
void sync_worker_defaults(struct sync_worker_config *cfg);

/* What the worker last saw, for the staff screen and `serambi doctor`. */
struct sync_worker_state {
    int64_t pushed;    /* rows acknowledged since start */
    int64_t uploaded;  /* attachments whose bytes the hub confirmed since start */
    int64_t pulled;    /* staff decisions applied since start */
    int64_t purged;    /* records whose personal data was blanked since start */
    int64_t documents; /* office documents written since start */
    int failures;      /* consecutive failed rounds */
    bool enrolled;
    char last_error[320]; /* "" after a good round; never visitor data */
};

struct sync_worker;

/* Starts the thread. 0 and a worker (stop it with sync_worker_stop()),
 * or a negative errno. */
int sync_worker_start(const struct sync_worker_config *cfg, struct sync_worker **out);
/* Asks the thread to stop, waits for its current request, frees. NULL is fine. */
void sync_worker_stop(struct sync_worker *w);
/* A copy of the current state. */
void sync_worker_state(struct sync_worker *w, struct sync_worker_state *out);

/*
 * Enrolls with cfg->enrollment_code exactly once, however often it is
 * called: offers the pending token (sync_token_pending(), made and kept
 * before the first attempt) and makes it the token at cfg->token_path
 * only when the hub took it, so a lost answer, a crash or a restart is
 * followed by the same request and the same answer. 0 with the token;
 * otherwise an error as sync_enroll() (or a file error) with *err saying
 * what, and the pending token kept for the next try.
 */
int sync_worker_enroll(const struct sync_worker_config *cfg, char token[SYNC_TOKEN_SIZE],
                       struct sync_error *err);

/*
 * One round in the calling thread: enroll if needed, push until the outbox
 * is empty, upload the bytes of the attachments the hub now holds the
 * records of, pull staff decisions and then office documents until up to
 * date. 0 when everything went, or the errno of
 * the failure with state->last_error saying what; *retry_after_s gets the
 * hub's Retry-After (0 when none).
 */
int sync_round(const struct sync_worker_config *cfg, struct sync_worker_state *state,
               int *retry_after_s);

#endif
