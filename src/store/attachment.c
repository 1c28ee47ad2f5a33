/*
 * attachment — a scanned letter kept with the record it belongs to: the
 * PDF's bytes, its SHA-256 and page count in the attachments table and
 * its description in the outbox, in one transaction.
 *
 * The one idea: the letter is addressed by its content. The hub and the
 * sync worker name it by SHA-256, so an upload that was cut off and
 * retried, or bytes damaged on the way, are recognised by comparing one
 * hash; and the bytes never travel in an outbox payload (the sync worker
 * uploads them on their own), only the description does.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/layout.h"

#define PDF_MIME "application/pdf"

static int parent_exists(struct store *st, enum rec_kind kind, const struct rec_meta *parent)
{
    const struct store_layout *lo = store_layout_of(kind);
    char sql[128];
    sqlite3_stmt *stmt = NULL;
    int n =
        snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE id = ?1 AND visit_id = ?2", lo->table);
    if (n < 0 || (size_t)n >= sizeof(sql))
        return store_fail_errno(st, "attachment: parent query", -EINVAL);
    int src = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "attachment: parent query", src);
    sqlite3_bind_text(stmt, 1, parent->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, parent->visit_id, -1, SQLITE_STATIC);
    src = sqlite3_step(stmt);
    int rc = src == SQLITE_ROW    ? 0
             : src == SQLITE_DONE ? store_fail_errno(st, "attachment: no such record", -ENOENT)
                                  : store_fail(st, "attachment: parent query", src);
    sqlite3_finalize(stmt);
    return rc;
}

/* Inserts the row (described by the layout) and then its bytes. */
static int insert_row(struct store *st, const struct rec_attachment *a, const uint8_t *pdf,
                      size_t len)
{
    const struct store_layout *lo = store_layout_of(REC_ATTACHMENT);
    char sql[1024];
    sqlite3_stmt *stmt = NULL;
    int rc = store_layout_insert_sql(lo, "", sql, sizeof(sql));
    if (rc < 0)
        return store_fail_errno(st, "attachment: insert statement", rc);
    int src = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "attachment: insert", src);
    if (store_layout_bind(lo, stmt, 1, a) < 0) {
        rc = store_fail_errno(st, "attachment: bind", -EINVAL);
        goto out;
    }
    src = sqlite3_step(stmt);
    if (src != SQLITE_DONE) {
        rc = store_fail(st, "attachment: insert", src);
        goto out;
    }
    sqlite3_finalize(stmt);
    stmt = NULL;
    /* The bytes are no column of the layout: they never go into JSON. */
    src = sqlite3_prepare_v2(st->db, "UPDATE attachments SET data = ?1 WHERE id = ?2", -1, &stmt,
                             NULL);
    if (src != SQLITE_OK) {
        rc = store_fail(st, "attachment: data", src);
        goto out;
    }
    sqlite3_bind_blob64(stmt, 1, pdf, (sqlite3_uint64)len, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, a->meta.id, -1, SQLITE_STATIC);
    src = sqlite3_step(stmt);
    rc = src == SQLITE_DONE ? 0 : store_fail(st, "attachment: data", src);
out:
    sqlite3_finalize(stmt);
    return rc;
}

static bool is_pdf(const struct rec_meta *parent, const uint8_t *pdf, size_t len, int pages)
{
    return parent && pdf && len >= 5 && memcmp(pdf, "%PDF-", 5) == 0 && pages >= 1 &&
           strnlen(parent->id, REC_ID_SIZE) == REC_ID_SIZE - 1 &&
           strnlen(parent->visit_id, REC_ID_SIZE) == REC_ID_SIZE - 1;
}

int store_attachment_insert(struct store *st, const struct rec_meta *parent, const uint8_t *pdf,
                            size_t len, int pages, int64_t now_ms, struct rec_attachment *out)
{
    struct rec_attachment a;
    unsigned char hash[crypto_hash_sha256_BYTES];
    size_t json_len = 0;
    if (!is_pdf(parent, pdf, len, pages))
        return store_fail_errno(st, "attachment: not a PDF, no pages or no parent record", -EINVAL);
    memset(&a, 0, sizeof(a));
    crypto_hash_sha256(hash, pdf, len);
    sodium_bin2hex(a.sha256, sizeof(a.sha256), hash, sizeof(hash));
    memcpy(a.record_id, parent->id, REC_ID_SIZE);
    memcpy(a.mime, PDF_MIME, sizeof(PDF_MIME));
    a.size_bytes = (int64_t)len;
    a.pages = pages;
    store_make_id(st, now_ms, a.meta.id);
    memcpy(a.meta.visit_id, parent->visit_id, REC_ID_SIZE);
    memcpy(a.meta.kiosk_id, st->kiosk_id, REC_ID_SIZE);
    a.meta.created_ms = a.meta.updated_ms = now_ms;
    a.meta.version = 1;
    int rc = insert_row(st, &a, pdf, len);
    if (rc < 0)
        return rc;
    rc = store_record_json(&st->json, store_layout_of(REC_ATTACHMENT), &a, &json_len);
    if (rc < 0)
        return store_fail_errno(st, "attachment: payload", rc);
    rc = store_outbox_add(st, REC_ATTACHMENT, a.meta.id, 1, st->json.buf, json_len, now_ms);
    if (rc < 0)
        return rc;
    *out = a;
    return 0;
}

int store_attachment_add(struct store *st, enum rec_kind parent_kind, const struct rec_meta *parent,
                         const uint8_t *pdf, size_t len, int pages, int64_t now_ms,
                         struct rec_attachment *out)
{
    struct rec_attachment a;
    bool in_txn = false;
    int rc;

    if ((parent_kind != REC_MEETING_REQUEST && parent_kind != REC_COMPLAINT) ||
        !is_pdf(parent, pdf, len, pages))
        return store_fail_errno(st, "attachment: not a PDF, no pages or no parent record", -EINVAL);

    rc = store_begin(st);
    if (rc < 0)
        goto out;
    in_txn = true;
    rc = parent_exists(st, parent_kind, parent);
    if (rc < 0)
        goto out;
    rc = store_attachment_insert(st, parent, pdf, len, pages, now_ms, &a);
    if (rc < 0)
        goto out;
    rc = store_commit(st);
    if (rc < 0)
        goto out;
    in_txn = false;
    *out = a;
out:
    if (in_txn)
        store_rollback(st);
    return rc;
}

int store_attachment_data(struct store *st, const char *attachment_id, uint8_t **data, size_t *len)
{
    sqlite3_stmt *stmt = NULL;
    uint8_t *buf = NULL;
    int rc;
    int src = sqlite3_prepare_v2(st->db, "SELECT data, sha256 FROM attachments WHERE id = ?1", -1,
                                 &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "attachment: read", src);
    sqlite3_bind_text(stmt, 1, attachment_id, -1, SQLITE_STATIC);
    src = sqlite3_step(stmt);
    if (src == SQLITE_DONE || (src == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_NULL)) {
        rc = store_fail_errno(st, "attachment: none, or its bytes were purged", -ENOENT);
        goto out;
    }
    if (src != SQLITE_ROW) {
        rc = store_fail(st, "attachment: read", src);
        goto out;
    }
    size_t n = (size_t)sqlite3_column_bytes(stmt, 0);
    const void *blob = sqlite3_column_blob(stmt, 0);
    const unsigned char *want = sqlite3_column_text(stmt, 1);
    buf = malloc(n ? n : 1);
    if (!buf) {
        rc = store_fail_errno(st, "attachment: read", -ENOMEM);
        goto out;
    }
    if (n)
        memcpy(buf, blob, n);
    /* Content addressing is also a check: damaged bytes are not handed on. */
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(hash, buf, n);
    sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
    if (!want || strcmp(hex, (const char *)want) != 0) {
        rc = store_fail_errno(st, "attachment: bytes do not match their SHA-256", -EIO);
        goto out;
    }
    *data = buf;
    *len = n;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    sqlite3_finalize(stmt);
    return rc;
}

int store_attachment_pending(struct store *st, const struct store_upload *after, size_t max,
                             struct store_upload **out, size_t *n)
{
    sqlite3_stmt *stmt = NULL;
    struct store_upload *list = NULL;
    size_t count = 0;
    int rc = 0;
    *out = NULL;
    *n = 0;
    if (max == 0)
        return 0;
    /* The outbox's unique (record_id, version) index answers NOT EXISTS. */
    int src = sqlite3_prepare_v2(
        st->db,
        "SELECT id, sha256, size_bytes, created_ms FROM attachments a WHERE data IS NOT NULL AND "
        "uploaded_ms IS NULL AND (created_ms, id) > (?2, ?3) AND NOT EXISTS (SELECT 1 FROM "
        "outbox o WHERE o.record_id = a.id AND o.acked_ms IS NULL) ORDER BY created_ms, id "
        "LIMIT ?1",
        -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "attachment: pending", src);
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)max);
    sqlite3_bind_int64(stmt, 2, after ? after->created_ms : INT64_MIN);
    sqlite3_bind_text(stmt, 3, after ? after->id : "", -1, SQLITE_TRANSIENT);
    list = calloc(max, sizeof(*list));
    if (!list) {
        rc = store_fail_errno(st, "attachment: pending", -ENOMEM);
        goto out;
    }
    while (count < max && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_upload *u = &list[count];
        const char *id = (const char *)sqlite3_column_text(stmt, 0);
        const char *sha = (const char *)sqlite3_column_text(stmt, 1);
        if (!id || !sha || strlen(id) >= sizeof(u->id) || strlen(sha) >= sizeof(u->sha256))
            continue;
        memcpy(u->id, id, strlen(id) + 1);
        memcpy(u->sha256, sha, strlen(sha) + 1);
        u->size_bytes = sqlite3_column_int64(stmt, 2);
        u->created_ms = sqlite3_column_int64(stmt, 3);
        count++;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE) {
        rc = store_fail(st, "attachment: pending", src);
        goto out;
    }
    if (count > 0) {
        *out = list;
        *n = count;
        list = NULL;
    }
out:
    free(list);
    sqlite3_finalize(stmt);
    return rc;
}

int store_attachment_uploaded(struct store *st, const char *attachment_id, int64_t now_ms)
{
    sqlite3_stmt *stmt = NULL;
    int src = sqlite3_prepare_v2(
        st->db, "UPDATE attachments SET uploaded_ms = ?2 WHERE id = ?1 AND uploaded_ms IS NULL", -1,
        &stmt, NULL);
    if (src == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, attachment_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, now_ms);
        src = sqlite3_step(stmt);
    }
    int rc = src == SQLITE_DONE ? 0 : store_fail(st, "attachment: uploaded", src);
    sqlite3_finalize(stmt);
    return rc;
}

int store_attachment_backlog(struct store *st, int64_t *count, int64_t *bytes)
{
    sqlite3_stmt *stmt = NULL;
    int src = sqlite3_prepare_v2(st->db,
                                 "SELECT count(*), coalesce(sum(size_bytes), 0) FROM attachments "
                                 "WHERE data IS NOT NULL AND uploaded_ms IS NULL",
                                 -1, &stmt, NULL);
    if (src == SQLITE_OK)
        src = sqlite3_step(stmt);
    int rc = 0;
    if (src == SQLITE_ROW) {
        if (count)
            *count = sqlite3_column_int64(stmt, 0);
        if (bytes)
            *bytes = sqlite3_column_int64(stmt, 1);
    } else {
        rc = store_fail(st, "attachment: backlog", src);
    }
    sqlite3_finalize(stmt);
    return rc;
}
