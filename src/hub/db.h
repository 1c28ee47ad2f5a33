/*
 * db — the hub's store behind one interface: SQLite for one office
 * ("sqlite:PATH"), PostgreSQL for many kiosks ("postgresql://…").
 *
 * The one idea: callers never see SQL or a backend. A struct hub_db is one
 * connection; the server keeps a pool of them (see pool.h). Every backend
 * runs the same numbered migrations and only prepared statements, so a
 * visitor's text is always a value and never part of a query.
 */
#ifndef SERAMBI_HUB_DB_H
#define SERAMBI_HUB_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/officedoc.h"
#include "core/records.h"

#define HUB_HASH_HEX   65 /* SHA-256 as lowercase hex + NUL */
#define HUB_NAME_SIZE  64 /* a kiosk's name */
#define HUB_TEXT_BYTES 512

struct hub_db;

/* Opens url ("sqlite:PATH" or "postgresql://…"), creating and migrating
 * the schema. 0 and a new connection (close it with hub_db_close()), or
 * -EINVAL for an unknown scheme, -EPROTO for a schema newer than this
 * program, -EIO otherwise; errbuf (may be NULL) then says why, without
 * the password of a URL. */
int hub_db_open(const char *url, struct hub_db **out, char *errbuf, size_t errcap);
/* hub_db_close(NULL) does nothing. */
void hub_db_close(struct hub_db *db);

/* "sqlite" or "postgresql". Static. */
const char *hub_db_backend(const struct hub_db *db);
/* The last error of this connection, for logs; never a stored value. Borrowed. */
const char *hub_db_last_error(const struct hub_db *db);
/* The schema version of an open store. */
int hub_db_schema_version(struct hub_db *db);

/* A trivial query: 0 when the store answers, -EIO otherwise. */
int hub_db_ping(struct hub_db *db);

/* --- kiosks and their credentials -------------------------------------- */

/* Records a kiosk to be enrolled with the hash of its one-time code.
 * 0, -EEXIST when the name is taken (and not revoked), or -EIO. */
int hub_db_kiosk_add(struct hub_db *db, const char *name, const char *code_hash, int64_t now_ms);

/* Exchanges a one-time code (by hash) for a token (by hash), in one
 * statement, so a code works once even when two kiosks race. The used
 * code stays with its kiosk until it is revoked, so the same code with
 * the same token is answered again (the repeat of a lost answer, at any
 * time later) and changes nothing. Writes the kiosk's name to name_out
 * (cap >= HUB_NAME_SIZE). 0 for both; -EACCES when no unused, unexpired,
 * unrevoked code has that hash and no current kiosk holds that code with
 * that token (another token, or one another kiosk holds); or -EIO. */
int hub_db_kiosk_redeem(struct hub_db *db, const char *code_hash, const char *token_hash,
                        int64_t now_ms, int64_t expiry_ms, char *name_out, size_t cap);

/* Revokes a kiosk's code and token. 0, -ENOENT for an unknown or already
 * revoked name, or -EIO. */
int hub_db_kiosk_revoke(struct hub_db *db, const char *name, int64_t now_ms);

/* The kiosk whose token has this hash. 0 and *kiosk_out, -EACCES when no
 * current kiosk holds it, or -EIO. */
int hub_db_kiosk_auth(struct hub_db *db, const char *token_hash, int64_t *kiosk_out);

/* --- records -------------------------------------------------------------- */

/* One pushed outbox row. Strings are borrowed for the call. */
struct hub_push_row {
    enum rec_kind kind;
    const char *id;            /* a UUID */
    int version;               /* >= 1 */
    const char *payload;       /* the record as compact JSON */
    const char *tracking_code; /* "" when the record has none */
    const char *status;        /* "" when the record has none */
    int64_t due_ms;            /* 0 when none */
    const char *sha256;        /* attachments: the bytes' SHA-256 (hex); "" otherwise */
    int64_t size_bytes;        /* attachments: how many bytes; 0 otherwise */
};

/*
 * Upserts rows for a kiosk in one transaction: a row replaces what is held
 * only when its version is newer and the record belongs to this kiosk.
 * held_out[i] gets the version now held for rows[i] (which may be newer
 * than the row's, or 0 when another kiosk owns that id). 0, -EBUSY, or
 * -EIO with nothing written.
 */
int hub_db_push(struct hub_db *db, int64_t kiosk, const struct hub_push_row *rows, size_t n,
                int64_t now_ms, int *held_out);

/* What the public status page shows: no personal data. */
struct hub_status {
    enum rec_kind kind; /* REC_MEETING_REQUEST or REC_COMPLAINT */
    char status[16];
    int64_t created_ms;
    int64_t due_ms; /* 0 when none */
    char schedule[256];
};

/* Looks up a canonical tracking code. 0, -ENOENT, or -EIO. */
int hub_db_status(struct hub_db *db, const char *code, struct hub_status *out);

/* This process's write generation: it grows after every push and every
 * decision (committed or not), so an answer read at generation g (asked
 * before reading) is still true while the generation is g. */
uint64_t hub_db_generation(void);

/* --- staff decisions and the change feed -------------------------------- */

/* What staff decided about a meeting request or a complaint. The latest
 * decision is the record's state; each has a cursor for the feed. */
struct hub_decision {
    int64_t cursor; /* set by the store */
    char record_id[REC_ID_SIZE];
    enum rec_kind kind;
    char status[16];
    char schedule[256];
    char answer[HUB_TEXT_BYTES];
    char cls[24];   /* complaint class, or "" */
    int64_t due_ms; /* 0: unchanged */
    int64_t decided_ms;
};

/* Adds a decision. 0, -ENOENT when the record is not on the hub, or -EIO. */
int hub_db_decide(struct hub_db *db, struct hub_decision *d);

/* Decisions about this kiosk's records with cursor > after, oldest first,
 * at most max. *out is a new array of *n entries (the caller frees it;
 * NULL when none). 0 or -EIO. */
int hub_db_changes(struct hub_db *db, int64_t kiosk, int64_t after, size_t max,
                   struct hub_decision **out, size_t *n);

/* --- published office documents ---------------------------------------- */

/* A calendar, rules table or visitor text the office published for every
 * kiosk (core/officedoc.h names them). */
struct hub_document {
    int64_t cursor; /* set by the store; grows with every publication */
    char name[OFFICEDOC_NAME_SIZE];
    char sha256[HUB_HASH_HEX]; /* of text[0..len) */
    int64_t published_ms;
    char *text; /* owned by the list; NUL-terminated */
    size_t len;
};

/*
 * Publishes text[0..len) as document name after checking it with
 * officedoc_check(). 0 and its cursor in *cursor_out (may be NULL);
 * -EINVAL, -EFBIG or -EILSEQ for a document a kiosk would refuse (the
 * error says what is wrong and where; nothing stored), or -EIO.
 */
int hub_db_publish(struct hub_db *db, const char *name, const char *text, size_t len,
                   int64_t now_ms, int64_t *cursor_out);

/* The documents published with cursor > after, oldest first, at most
 * max; a name published twice comes twice (the later one counts). *out is
 * a new array of *n entries (free it with hub_db_documents_free(); NULL
 * when none). 0, -ENOMEM or -EIO. */
int hub_db_documents(struct hub_db *db, int64_t after, size_t max, struct hub_document **out,
                     size_t *n);
/* Frees a list from hub_db_documents(); NULL is fine. */
void hub_db_documents_free(struct hub_document *list, size_t n);

/* --- attachment bytes ---------------------------------------------------- */

/* An attachment's upload as the hub holds it. */
struct hub_attachment {
    int64_t size_bytes;     /* what the attachment record says */
    int64_t received_bytes; /* bytes held so far, from offset 0 */
    int64_t complete_ms;    /* when the whole was verified; 0 while incomplete */
};

/* The upload of the attachment whose record (pushed by this kiosk) has
 * this SHA-256 (lowercase hex). 0, -ENOENT when the kiosk pushed no such
 * record, or -EIO. */
int hub_db_attachment_state(struct hub_db *db, int64_t kiosk, const char *sha256,
                            struct hub_attachment *out);

/*
 * Adds data[0..len) at offset to the upload, in one transaction; the
 * chunk that completes it is verified against sha256 first. 0 and the new
 * state; -ENOENT (no such record); -ERANGE when offset is not the bytes
 * held (*out tells how many are); -EFBIG when the chunk goes past the
 * record's size; -EBADMSG when the whole does not match its SHA-256 (the
 * partial bytes are then dropped); -EBUSY or -EIO. A chunk for a complete
 * upload changes nothing and answers its state.
 */
int hub_db_attachment_put(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                          const void *data, size_t len, int64_t now_ms, struct hub_attachment *out);

/* The bytes of a complete, verified upload. 0 and a new buffer (the
 * caller frees it), -ENOENT when there is none (yet), or -EIO. */
int hub_db_attachment_read(struct hub_db *db, int64_t kiosk, const char *sha256, uint8_t **data,
                           size_t *len);

/* --- figures for /metrics ----------------------------------------------- */

/* Records past their due time (before now_ms) whose status, the latest
 * staff decision's or else the pushed one, is still received or
 * in_process; per kind. 0 or -EIO. */
int hub_db_overdue_by_kind(struct hub_db *db, int64_t now_ms, int64_t counts[REC_KIND_COUNT]);

/* Records held per kind (indexed by enum rec_kind). 0 or -EIO. */
int hub_db_count_by_kind(struct hub_db *db, int64_t counts[REC_KIND_COUNT]);

/* Calls cb for each enrolled, unrevoked kiosk with the time of its last
 * push (0 when never). A non-zero return from cb stops and is returned. */
typedef int (*hub_db_kiosk_cb)(void *ctx, const char *name, int64_t last_push_ms);
int hub_db_kiosks(struct hub_db *db, hub_db_kiosk_cb cb, void *ctx);

#endif
