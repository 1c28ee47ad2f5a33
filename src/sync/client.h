/*
 * client — the kiosk's side of the sync protocol (docs/api.yaml) over
 * libcurl: enroll once, push outbox batches, pull staff decisions.
 *
 * The one idea: the outbox is acknowledged only with what the hub says it
 * holds, and pulled decisions are saved with their cursor in one
 * transaction, so any request may fail at any point and simply be made
 * again. One struct sync_client is one thread's connection (keep-alive).
 */
#ifndef SERAMBI_SYNC_CLIENT_H
#define SERAMBI_SYNC_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define SYNC_TOKEN_SIZE    64
#define SYNC_NEW_TOKEN_LEN 43 /* a token the kiosk makes: 32 bytes in base64url */

struct sync_client;

/* A client for hub_url (borrowed string copied) with the kiosk's token
 * ("" before enrollment). 0 and a new client (free it with
 * sync_client_free()), or -ENOMEM. */
int sync_client_new(const char *hub_url, const char *token, struct sync_client **out);
void sync_client_free(struct sync_client *c);

/* The outcome of a request that did not succeed, for the worker's backoff
 * and for a technician. */
struct sync_error {
    int retry_after_s; /* the hub's Retry-After, or 0 */
    long http_status;  /* 0 when no answer came */
    char message[256];
};

/*
 * Redeems a one-time code with the token this kiosk made for it
 * (sync_token_pending()): the hub takes that token, or answers again that
 * it holds it when this is the repeat of a request whose answer was lost.
 * 0 with the token to keep in token_out: the one sent, or the hub's own
 * from a hub that makes tokens itself; -EACCES when the hub refused the
 * code, -EAGAIN when it could not be reached or was busy, -EPROTO for an
 * answer that is not ours; *err says more.
 */
int sync_enroll(struct sync_client *c, const char *code, const char *token,
                char token_out[SYNC_TOKEN_SIZE], struct sync_error *err);

/* Pushes the oldest max_rows rows of the outbox and acknowledges what the
 * hub holds. *pushed gets the number of rows acknowledged (0: the outbox
 * was empty, or the hub holds none of them, e.g. ids another kiosk owns:
 * the caller stops pushing for this round rather than resend forever).
 * 0, -EACCES (token refused: nothing was acknowledged), -EAGAIN, -EPROTO,
 * or a store error. */
int sync_push(struct sync_client *c, struct store *st, size_t max_rows, int64_t now_ms,
              size_t *pushed, struct sync_error *err);

/*
 * Uploads the bytes of up to max_files attachments whose records the hub
 * acknowledged (store_attachment_pending()), chunk_bytes per request,
 * starting after *cursor (zeroed: from the oldest; NULL: always from the
 * oldest) and moving *cursor past the ones it looked at, so that letters
 * the hub refuses cannot keep the ones after them waiting.
 * For each it first asks the hub how many bytes it holds and continues
 * from there; a complete, verified upload is marked with
 * store_attachment_uploaded(). *uploaded gets how many were completed,
 * *skipped how many the hub will not take (no such record there, or
 * larger than its limit; *err then names the last), both also when an
 * error ends the call. 0, or an error as sync_push(); what was completed
 * before it stays marked.
 */
int sync_upload(struct sync_client *c, struct store *st, struct store_upload *cursor,
                size_t chunk_bytes, size_t max_files, int64_t now_ms, size_t *uploaded,
                size_t *skipped, struct sync_error *err);

/* Pulls one page of staff decisions after the saved cursor and applies
 * them. *applied gets how many came (0: up to date). Errors as sync_push(). */
int sync_pull(struct sync_client *c, struct store *st, int64_t now_ms, size_t *applied,
              struct sync_error *err);

/* A line for the technician about one office document (its name, never
 * visitor data); see sync_pull_documents(). */
typedef void (*sync_note_fn)(const char *line);

/* What one page of the document feed did. */
struct sync_documents {
    size_t fetched; /* documents in the page (0: up to date) */
    size_t written; /* written under the folder */
    size_t refused; /* that this kiosk's checks refused, skipped */
};

/*
 * Pulls one page of the office documents published after the saved
 * cursor (store_documents_cursor()). Each is checked again with
 * officedoc_check(): a good one is written atomically under dir
 * (sync_docfile_write()), a refused one is skipped so that the feed never
 * blocks; note (may be NULL: stderr) gets one line for each. Only then is
 * the cursor saved, so a crash repeats a document, never skips one.
 * 0 with *out (nothing fetched from a hub without the feed, HTTP 404), or
 * an error as sync_push() (-EIO: a file could not be written; the cursor
 * did not move).
 */
int sync_pull_documents(struct sync_client *c, struct store *st, const char *dir, sync_note_fn note,
                        struct sync_documents *out, struct sync_error *err);

/* Asks the hub's GET /healthz, waiting at most timeout_ms in all: 0 when
 * it answers 200; -EAGAIN when it cannot be reached in time, -EIO when it
 * answers that its store is unreachable (or any other status); *err says
 * which. Sends no token and no visitor data. */
int sync_health(struct sync_client *c, long timeout_ms, struct sync_error *err);

/* The token kept in path (mode 0600): 0, -ENOENT when there is none yet,
 * -EIO. And saving it: written to a temporary file, synced, renamed and
 * the folder synced. */
int sync_token_load(const char *path, char token[SYNC_TOKEN_SIZE]);
int sync_token_save(const char *path, const char *token);

/*
 * The token this kiosk offers with code before it is enrolled, kept in
 * "<path>.pending" (mode 0600) next to the token file: the one kept there
 * for the same code (case, spaces and hyphens ignored), or else a new one
 * (32 random bytes, base64url) saved durably there before it is returned,
 * so every retry, also after a crash or a restart, offers the same token.
 * 0, -EINVAL for a code that is empty or too long, or -EIO/-errno.
 */
int sync_token_pending(const char *path, const char *code, char token[SYNC_TOKEN_SIZE]);

/* After the hub took the pending token: makes it the token at path (one
 * rename, then the folder synced). 0 or -errno. */
int sync_token_promote(const char *path);
/* Removes the pending token beside path, if any (the hub kept its own). */
void sync_token_discard(const char *path);

#endif
