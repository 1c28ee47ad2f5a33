/*
 * db — picks the backend from the URL's scheme and forwards each call to
 * it. The schema and the meaning of each call are the same for every
 * backend; see db.h.
 */
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/db_backend.h"

int hub_db_open(const char *url, struct hub_db **out, char *errbuf, size_t errcap)
{
    if (strncmp(url, "sqlite:", 7) == 0)
        return hub_db_sqlite_open(url + 7, out, errbuf, errcap);
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        return hub_db_pg_open(url, out, errbuf, errcap);
    if (errbuf && errcap)
        snprintf(errbuf, errcap,
                 "unknown database URL scheme (expected sqlite:PATH or postgresql://…)");
    return -EINVAL;
}

void hub_db_close(struct hub_db *db)
{
    if (db)
        db->ops->close(db);
}

const char *hub_db_backend(const struct hub_db *db)
{
    return db->ops->name;
}

const char *hub_db_last_error(const struct hub_db *db)
{
    return db->error;
}

int hub_db_fail(struct hub_db *db, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(db->error, sizeof(db->error), fmt, ap);
    va_end(ap);
    if (n < 0)
        db->error[0] = '\0';
    return rc;
}

int hub_db_schema_version(struct hub_db *db)
{
    return db->ops->schema_version(db);
}

int hub_db_ping(struct hub_db *db)
{
    return db->ops->ping(db);
}

int hub_db_kiosk_add(struct hub_db *db, const char *name, const char *code_hash, int64_t now_ms)
{
    return db->ops->kiosk_add(db, name, code_hash, now_ms);
}

int hub_db_kiosk_redeem(struct hub_db *db, const char *code_hash, const char *token_hash,
                        int64_t now_ms, int64_t expiry_ms, char *name_out, size_t cap)
{
    return db->ops->kiosk_redeem(db, code_hash, token_hash, now_ms, expiry_ms, name_out, cap);
}

int hub_db_kiosk_revoke(struct hub_db *db, const char *name, int64_t now_ms)
{
    return db->ops->kiosk_revoke(db, name, now_ms);
}

int hub_db_kiosk_auth(struct hub_db *db, const char *token_hash, int64_t *kiosk_out)
{
    return db->ops->kiosk_auth(db, token_hash, kiosk_out);
}

/* Bumped after every write that can change what the status page says,
 * whatever its outcome; see hub_db_generation(). */
static atomic_uint_fast64_t generation = 1;

uint64_t hub_db_generation(void)
{
    return (uint64_t)atomic_load(&generation);
}

int hub_db_push(struct hub_db *db, int64_t kiosk, const struct hub_push_row *rows, size_t n,
                int64_t now_ms, int *held_out)
{
    int rc = db->ops->push(db, kiosk, rows, n, now_ms, held_out);
    atomic_fetch_add(&generation, 1);
    return rc;
}

int hub_db_status(struct hub_db *db, const char *code, struct hub_status *out)
{
    return db->ops->status(db, code, out);
}

int hub_db_decide(struct hub_db *db, struct hub_decision *d)
{
    int rc = db->ops->decide(db, d);
    atomic_fetch_add(&generation, 1);
    return rc;
}

int hub_db_changes(struct hub_db *db, int64_t kiosk, int64_t after, size_t max,
                   struct hub_decision **out, size_t *n)
{
    return db->ops->changes(db, kiosk, after, max, out, n);
}

int hub_db_count_by_kind(struct hub_db *db, int64_t counts[REC_KIND_COUNT])
{
    return db->ops->count_by_kind(db, counts);
}

int hub_db_kiosks(struct hub_db *db, hub_db_kiosk_cb cb, void *ctx)
{
    return db->ops->kiosks(db, cb, ctx);
}

/* --- attachment uploads: the flow; the backends give the steps ------------ */

int hub_db_attachment_state(struct hub_db *db, int64_t kiosk, const char *sha256,
                            struct hub_attachment *out)
{
    return db->ops->upload_state(db, kiosk, sha256, false, out);
}

static int hash_chunk(void *ctx, const void *data, size_t len)
{
    return crypto_hash_sha256_update(ctx, data, (unsigned long long)len);
}

/* Inside the transaction: stores the chunk, and verifies the whole when it
 * is complete. 0, 1 for a mismatch (dropped: to commit, then -EBADMSG),
 * or an error. */
static int put_chunk(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                     const void *data, size_t len, int64_t now_ms, struct hub_attachment *a)
{
    const struct hub_db_ops *ops = db->ops;
    int rc = ops->upload_state(db, kiosk, sha256, true, a);
    if (rc < 0 || a->complete_ms)
        return rc;
    if (offset != a->received_bytes)
        return hub_db_fail(db, -ERANGE, "the upload holds another number of bytes");
    if ((int64_t)len > a->size_bytes - offset)
        return hub_db_fail(db, -EFBIG, "the chunk goes past the attachment's size");
    int64_t received = offset + (int64_t)len;
    rc = ops->upload_step(db, HUB_DB_UP_RECEIVED, kiosk, sha256, received);
    if (rc == 0 && len > 0)
        rc = ops->chunk_add(db, kiosk, sha256, offset, data, len);
    if (rc < 0)
        return rc;
    a->received_bytes = received;
    if (received < a->size_bytes)
        return 0;
    crypto_hash_sha256_state h;
    unsigned char sum[crypto_hash_sha256_BYTES];
    char hex[HUB_HASH_HEX];
    crypto_hash_sha256_init(&h);
    rc = ops->chunks_each(db, kiosk, sha256, hash_chunk, &h);
    if (rc < 0)
        return rc;
    crypto_hash_sha256_final(&h, sum);
    sodium_bin2hex(hex, sizeof(hex), sum, sizeof(sum));
    if (strcmp(hex, sha256) != 0) {
        rc = ops->upload_step(db, HUB_DB_UP_DROP, kiosk, sha256, 0);
        a->received_bytes = 0;
        return rc < 0 ? rc : 1;
    }
    rc = ops->upload_step(db, HUB_DB_UP_DONE, kiosk, sha256, now_ms);
    if (rc == 0)
        a->complete_ms = now_ms;
    return rc;
}

int hub_db_attachment_put(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                          const void *data, size_t len, int64_t now_ms, struct hub_attachment *out)
{
    struct hub_attachment a = {0};
    int rc = db->ops->tx(db, HUB_DB_BEGIN);
    if (rc < 0)
        return rc;
    rc = put_chunk(db, kiosk, sha256, offset, data, len, now_ms, &a);
    if (rc >= 0) {
        int mismatch = rc;
        rc = db->ops->tx(db, HUB_DB_COMMIT);
        if (rc == 0 && mismatch)
            rc = hub_db_fail(db, -EBADMSG, "the bytes do not match their SHA-256");
    }
    if (rc < 0 && rc != -EBADMSG) {
        char keep[sizeof(db->error)];
        memcpy(keep, db->error, sizeof(keep));
        db->ops->tx(db, HUB_DB_ROLLBACK);
        memcpy(db->error, keep, sizeof(keep));
    }
    if (rc == 0 || rc == -ERANGE || rc == -EBADMSG)
        *out = a;
    return rc;
}

struct collect {
    uint8_t *buf;
    size_t n, size;
};

static int collect_chunk(void *ctx, const void *data, size_t len)
{
    struct collect *c = ctx;
    if (len > c->size - c->n)
        return -EIO;
    if (len)
        memcpy(c->buf + c->n, data, len);
    c->n += len;
    return 0;
}

int hub_db_attachment_read(struct hub_db *db, int64_t kiosk, const char *sha256, uint8_t **data,
                           size_t *len)
{
    struct hub_attachment a = {0};
    int rc = db->ops->upload_state(db, kiosk, sha256, false, &a);
    if (rc < 0)
        return rc;
    if (!a.complete_ms)
        return hub_db_fail(db, -ENOENT, "the upload is not complete");
    struct collect c = {.buf = malloc(a.size_bytes > 0 ? (size_t)a.size_bytes : 1),
                        .size = (size_t)a.size_bytes};
    if (!c.buf)
        return -ENOMEM;
    rc = db->ops->chunks_each(db, kiosk, sha256, collect_chunk, &c);
    if (rc < 0 || c.n != c.size) {
        free(c.buf);
        return rc < 0 && rc != -EIO ? rc : hub_db_fail(db, -EIO, "the stored chunks do not add up");
    }
    *data = c.buf;
    *len = c.n;
    return 0;
}

int hub_db_overdue_by_kind(struct hub_db *db, int64_t now_ms, int64_t counts[REC_KIND_COUNT])
{
    return db->ops->overdue_by_kind(db, now_ms, counts);
}

int hub_db_publish(struct hub_db *db, const char *name, const char *text, size_t len,
                   int64_t now_ms, int64_t *cursor_out)
{
    int rc = officedoc_check(name, text, len, db->error, sizeof(db->error));
    if (rc < 0)
        return rc;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[HUB_HASH_HEX];
    crypto_hash_sha256(digest, (const unsigned char *)text, len);
    sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
    int64_t cursor = 0;
    rc = db->ops->publish(db, name, text, len, hex, now_ms, &cursor);
    if (rc == 0 && cursor_out)
        *cursor_out = cursor;
    return rc;
}

int hub_db_documents(struct hub_db *db, int64_t after, size_t max, struct hub_document **out,
                     size_t *n)
{
    return db->ops->documents(db, after, max, out, n);
}

void hub_db_documents_free(struct hub_document *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        free(list[i].text);
    free(list);
}

int hub_db_status_from_payload(const char *payload, enum rec_kind kind, struct hub_status *out)
{
    json_t *root = json_loads(payload, 0, NULL);
    int rc = -EIO;
    if (!json_is_object(root))
        goto out;
    const char *status = json_string_value(json_object_get(root, "status"));
    json_t *created = json_object_get(root, "created_ms");
    json_t *due = json_object_get(root, kind == REC_MEETING_REQUEST ? "reply_due_ms" : "due_ms");
    if (!status || strlen(status) >= sizeof(out->status) || !json_is_integer(created))
        goto out;
    struct hub_status s = {.kind = kind};
    memcpy(s.status, status, strlen(status) + 1);
    s.created_ms = json_integer_value(created);
    s.due_ms = json_is_integer(due) ? json_integer_value(due) : 0;
    *out = s;
    rc = 0;
out:
    json_decref(root);
    return rc;
}
