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

int hub_db_attachment_state(struct hub_db *db, int64_t kiosk, const char *sha256,
                            struct hub_attachment *out)
{
    return db->ops->attachment_state(db, kiosk, sha256, out);
}

int hub_db_attachment_put(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                          const void *data, size_t len, int64_t now_ms, struct hub_attachment *out)
{
    return db->ops->attachment_put(db, kiosk, sha256, offset, data, len, now_ms, out);
}

int hub_db_attachment_read(struct hub_db *db, int64_t kiosk, const char *sha256, uint8_t **data,
                           size_t *len)
{
    return db->ops->attachment_read(db, kiosk, sha256, data, len);
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

int hub_db_upload_check(struct hub_db *db, const struct hub_attachment *a, int64_t offset,
                        size_t len)
{
    if (offset != a->received_bytes)
        return hub_db_fail(db, -ERANGE, "the upload holds another number of bytes");
    if ((int64_t)len > a->size_bytes - offset)
        return hub_db_fail(db, -EFBIG, "the chunk goes past the attachment's size");
    return 0;
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
