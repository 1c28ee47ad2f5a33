/*
 * db_backend — what a hub store backend provides: one table of functions
 * behind struct hub_db, so db.c can dispatch on the URL's scheme and the
 * rest of the hub never knows which database it talks to.
 */
#ifndef SERAMBI_HUB_DB_BACKEND_H
#define SERAMBI_HUB_DB_BACKEND_H

#include <stdbool.h>

#include "hub/db.h"

enum hub_db_tx { HUB_DB_BEGIN, HUB_DB_COMMIT, HUB_DB_ROLLBACK };

/* What an upload step writes (value: see each). */
enum hub_db_upload_step {
    HUB_DB_UP_RECEIVED, /* the upload now holds value bytes (a row made when missing) */
    HUB_DB_UP_DROP,     /* every chunk and the upload row go */
    HUB_DB_UP_DONE,     /* complete at value (ms) */
};

/* Called with each stored chunk in order; non-zero stops. */
typedef int (*hub_db_chunk_cb)(void *ctx, const void *data, size_t len);

struct hub_db_ops {
    const char *name;
    void (*close)(struct hub_db *db);
    int (*schema_version)(struct hub_db *db);
    int (*ping)(struct hub_db *db);
    int (*kiosk_add)(struct hub_db *db, const char *name, const char *code_hash, int64_t now_ms);
    int (*kiosk_redeem)(struct hub_db *db, const char *code_hash, const char *token_hash,
                        int64_t now_ms, int64_t expiry_ms, char *name_out, size_t cap);
    int (*kiosk_revoke)(struct hub_db *db, const char *name, int64_t now_ms);
    int (*kiosk_auth)(struct hub_db *db, const char *token_hash, int64_t *kiosk_out);
    int (*push)(struct hub_db *db, int64_t kiosk, const struct hub_push_row *rows, size_t n,
                int64_t now_ms, int *held_out);
    int (*status)(struct hub_db *db, const char *code, struct hub_status *out);
    int (*decide)(struct hub_db *db, struct hub_decision *d);
    int (*changes)(struct hub_db *db, int64_t kiosk, int64_t after, size_t max,
                   struct hub_decision **out, size_t *n);
    int (*count_by_kind)(struct hub_db *db, int64_t counts[REC_KIND_COUNT]);
    int (*kiosks)(struct hub_db *db, hub_db_kiosk_cb cb, void *ctx);
    /* Attachment uploads: the flow (the offset, one transaction per chunk,
     * the whole hashed on the last chunk, dropped on a mismatch) is db.c's;
     * a backend gives these steps. upload_state: -ENOENT without an
     * attachment record of that kiosk and hash; lock holds the upload's
     * row for the transaction. */
    int (*tx)(struct hub_db *db, enum hub_db_tx what);
    int (*upload_state)(struct hub_db *db, int64_t kiosk, const char *sha256, bool lock,
                        struct hub_attachment *out);
    int (*upload_step)(struct hub_db *db, enum hub_db_upload_step step, int64_t kiosk,
                       const char *sha256, int64_t value);
    int (*chunk_add)(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                     const void *data, size_t len);
    int (*chunks_each)(struct hub_db *db, int64_t kiosk, const char *sha256, hub_db_chunk_cb cb,
                       void *ctx);
    int (*overdue_by_kind)(struct hub_db *db, int64_t now_ms, int64_t counts[REC_KIND_COUNT]);
    /* A checked document with its SHA-256 (hex), and the feed (db.h). */
    int (*publish)(struct hub_db *db, const char *name, const char *text, size_t len,
                   const char *sha256, int64_t now_ms, int64_t *cursor_out);
    int (*documents)(struct hub_db *db, int64_t after, size_t max, struct hub_document **out,
                     size_t *n);
};

/* The overdue figure of /metrics, the same for both backends; p is the
 * placeholder of "now" in the backend's syntax. A staff decision's status
 * and due time override what the kiosk pushed. */
#define HUB_DB_OVERDUE_SQL(p)                                                                      \
    "SELECT kind, count(*) FROM (SELECT r.kind AS kind, "                                          \
    "coalesce((SELECT d.status FROM decisions d WHERE d.record_id = r.id "                         \
    "ORDER BY d.cursor DESC LIMIT 1), r.status) AS st, "                                           \
    "coalesce((SELECT d.due_ms FROM decisions d WHERE d.record_id = r.id AND d.due_ms > 0 "        \
    "ORDER BY d.cursor DESC LIMIT 1), r.due_ms) AS due "                                           \
    "FROM records r WHERE r.status IS NOT NULL) x "                                                \
    "WHERE due > 0 AND due < " p " AND st IN ('received', 'in_process') GROUP BY kind"

/* Every backend's connection starts with this. */
struct hub_db {
    const struct hub_db_ops *ops;
    char error[256];
};

/* Opens a backend on what follows the scheme. Same contract as hub_db_open(). */
int hub_db_sqlite_open(const char *path, struct hub_db **out, char *errbuf, size_t errcap);
int hub_db_pg_open(const char *url, struct hub_db **out, char *errbuf, size_t errcap);

/* Fills db->error (printf-style) and returns rc. */
int hub_db_fail(struct hub_db *db, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The state of a record from its payload and its latest decision, shared by
 * the backends: reads "status", "created_ms" and the due time out of the
 * payload JSON. 0 or -EIO for a payload that is not a record. */
int hub_db_status_from_payload(const char *payload, enum rec_kind kind, struct hub_status *out);

#endif
