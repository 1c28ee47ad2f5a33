/*
 * internal — what the store's own files share and the public header does
 * not show: the connection struct, the cache of prepared statements and
 * the helpers that turn an SQLite failure into an errno plus a message.
 *
 * The one idea: every statement the store runs more than once is prepared
 * once per connection and kept, indexed by enum store_stmt_id; whoever
 * takes one from the cache resets it when done, so that no statement keeps
 * a read transaction open behind the caller's back. Tests include this
 * header to look inside a store (its SQLite handle, its random source).
 */
#ifndef SERAMBI_STORE_INTERNAL_H
#define SERAMBI_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store/record_json.h"
#include "store/store.h"

enum store_stmt_id {
    STMT_BEGIN_IMMEDIATE,
    STMT_COMMIT,
    STMT_ROLLBACK,
    STMT_INSERT_VISIT,
    STMT_INSERT_GUEST,
    STMT_INSERT_MEETING,
    STMT_INSERT_COMPLAINT,
    STMT_INSERT_SURVEY,
    STMT_INSERT_TICKET,
    STMT_INSERT_TRACKING,
    STMT_TRACKING_TAKEN,
    STMT_COUNTER_LOAD,
    STMT_COUNTER_SAVE,
    STMT_OUTBOX_ADD,
    STMT_OUTBOX_NEXT,
    STMT_OUTBOX_ACK,
    STMT_OUTBOX_BACKLOG,
    STMT_FIND_TRACKING,
    STMT_TICKETS_FOR_DAY,
    STMT_LAST_TICKET,
    STMT_COUNT
};

/* Fills buf with n random bytes. */
typedef void (*store_random_fn)(void *ctx, uint8_t *buf, size_t n);

struct store {
    sqlite3 *db;
    char kiosk_id[REC_ID_SIZE];
    int schema_version;
    char last_error[256];
    sqlite3_stmt *stmts[STMT_COUNT];
    store_random_fn random;
    void *random_ctx;
    int64_t id_ms; /* the time and random bits of the last id made */
    uint8_t id_random[10];
    uint8_t pool[256]; /* libsodium's bytes, drawn 256 at a time */
    size_t pool_left;
    struct store_json json; /* writes every outbox payload */
};

/*
 * The cached statement id, prepared from sql on first use. Returns 0 and a
 * statement that is reset and has no bindings (borrowed; reset it with
 * sqlite3_reset() when done), or -EIO.
 */
int store_stmt(struct store *st, enum store_stmt_id id, const char *sql, sqlite3_stmt **out);

/* Steps a statement that returns no rows and resets it. 0 or an errno from
 * store_fail(). what names the operation for store_last_error(). */
int store_exec_stmt(struct store *st, sqlite3_stmt *stmt, const char *what);

/*
 * Records "what: SQLite's message" as the last error and returns the errno
 * of an SQLite result code: -EINVAL for a broken constraint or a value of
 * the wrong type, -EBUSY for a lock that was not released in time,
 * -ENOSPC for a full disk, -EIO otherwise. SQLite's messages name
 * constraints and columns, never the values bound to a statement, and no
 * store statement has a value written into its text, so the message holds
 * no visitor data.
 */
int store_fail(struct store *st, const char *what, int sqlite_rc);
/* Records a message that did not come from SQLite; returns err. */
int store_fail_errno(struct store *st, const char *what, int err);

/* BEGIN IMMEDIATE, COMMIT and ROLLBACK through the cache. Rollback is
 * quiet: it keeps the error that made the caller roll back. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * Writes a new UUIDv7 for a record made at now_ms. Ids made in the same
 * millisecond count up from the first one's random bits (RFC 9562, 6.2,
 * "monotonic random"), so a connection's ids sort in the order it made
 * them: index inserts land at the right edge of the B-trees instead of all
 * over them. Ids are not secrets; tracking codes are fully random.
 */
void store_make_id(struct store *st, int64_t now_ms, char out[REC_ID_SIZE]);

/* n random bytes from the store's source (libsodium unless a test chose
 * another). A store must not be carried across fork(): parent and child
 * would draw the same pooled bytes (SQLite forbids it anyway). */
void store_random(struct store *st, uint8_t *buf, size_t n);

/* Adds the outbox row of a record version; payload[0..len) is copied.
 * 0 or an errno from store_fail(). Runs inside the caller's transaction. */
int store_outbox_add(struct store *st, enum rec_kind kind, const char *record_id, int version,
                     const char *payload, size_t len, int64_t now_ms);

/* Inserts the attachment row of pdf[0..len) for parent (a stored meeting
 * request or complaint) and its outbox row, inside the caller's
 * transaction; *out gets the row. 0, -EINVAL for bytes that are no PDF or
 * no page, or an errno from store_fail(). */
int store_attachment_insert(struct store *st, const struct rec_meta *parent, const uint8_t *pdf,
                            size_t len, int pages, int64_t now_ms, struct rec_attachment *out);

/* For tests: the connection, and a deterministic random source (fn NULL
 * puts libsodium back). */
sqlite3 *store_db(struct store *st);
void store_set_random(struct store *st, store_random_fn fn, void *ctx);

#endif
