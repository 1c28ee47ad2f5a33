/*
 * outbox — the queue the sync worker drains: one row per record version,
 * in commit order, holding the JSON the hub will receive.
 *
 * The one idea: an acknowledgement names a record and the newest version
 * the hub holds, and only rows up to that version are marked. A version
 * written after the hub answered stays queued, so a late answer to an
 * earlier push can never swallow a newer change. The payload is dropped
 * at once on ack: the hub has it, and personal data should not sit in two
 * places longer than needed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_outbox_add(struct store *st, enum rec_kind kind, const char *record_id, int version,
                     const char *payload, size_t len, int64_t now_ms)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_OUTBOX_ADD,
                        "INSERT INTO outbox (kind, record_id, version, payload, created_ms) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                        &stmt);
    if (rc < 0)
        return rc;
    if (sqlite3_bind_text(stmt, 1, rec_kind_name(kind), -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(stmt, 2, record_id, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int(stmt, 3, version) != SQLITE_OK ||
        sqlite3_bind_text(stmt, 4, payload, (int)len, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(stmt, 5, now_ms) != SQLITE_OK)
        return store_fail(st, "outbox bind", sqlite3_errcode(st->db));
    return store_exec_stmt(st, stmt, "outbox insert");
}

void store_outbox_batch_fini(struct store_outbox_batch *batch)
{
    if (!batch)
        return;
    for (size_t i = 0; i < batch->n; i++)
        free(batch->rows[i].payload_json);
    free(batch->rows);
    batch->rows = NULL;
    batch->n = 0;
}

static int read_row(sqlite3_stmt *stmt, struct store_outbox_row *row)
{
    const char *kind = (const char *)sqlite3_column_text(stmt, 1);
    const char *id = (const char *)sqlite3_column_text(stmt, 2);
    const char *payload = (const char *)sqlite3_column_text(stmt, 4);
    if (!kind || rec_kind_parse(kind, &row->kind) < 0 || !id || strlen(id) >= REC_ID_SIZE ||
        !payload)
        return -EIO;
    row->seq = sqlite3_column_int64(stmt, 0);
    memcpy(row->record_id, id, strlen(id) + 1);
    row->version = sqlite3_column_int(stmt, 3);
    row->payload_json = strdup(payload);
    return row->payload_json ? 0 : -ENOMEM;
}

int store_outbox_next(struct store *st, size_t max, struct store_outbox_batch *out)
{
    struct store_outbox_batch batch = {0};
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_OUTBOX_NEXT,
                        "SELECT seq, kind, record_id, version, payload FROM outbox "
                        "WHERE acked_ms IS NULL ORDER BY seq LIMIT ?1",
                        &stmt);
    if (rc < 0)
        return rc;
    if (max > 0) {
        batch.rows = calloc(max, sizeof(*batch.rows));
        if (!batch.rows) {
            rc = store_fail_errno(st, "outbox batch", -ENOMEM);
            goto out;
        }
    }
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)max);
    int src = SQLITE_DONE;
    while (batch.n < max && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
        rc = read_row(stmt, &batch.rows[batch.n]);
        if (rc < 0) {
            rc = store_fail_errno(st, "outbox row", rc);
            goto out;
        }
        batch.n++;
    }
    if (batch.n < max && src != SQLITE_DONE) {
        rc = store_fail(st, "outbox read", src);
        goto out;
    }
    *out = batch;
    batch = (struct store_outbox_batch){0};
    rc = 0;
out:
    sqlite3_reset(stmt);
    store_outbox_batch_fini(&batch);
    return rc;
}

int store_outbox_ack(struct store *st, const struct store_ack *acks, size_t n, int64_t now_ms)
{
    sqlite3_stmt *stmt = NULL;
    int rc;
    if (n == 0)
        return 0;
    if (!acks)
        return -EINVAL;
    rc = store_stmt(st, STMT_OUTBOX_ACK,
                    "UPDATE outbox SET acked_ms = ?1, payload = NULL "
                    "WHERE record_id = ?2 AND version <= ?3 AND acked_ms IS NULL",
                    &stmt);
    if (rc < 0)
        return rc;
    /* One transaction: one fsync for the whole batch the hub answered. */
    rc = store_begin(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(stmt, 1, now_ms);
        sqlite3_bind_text(stmt, 2, acks[i].record_id, (int)strnlen(acks[i].record_id, REC_ID_SIZE),
                          SQLITE_STATIC);
        sqlite3_bind_int(stmt, 3, acks[i].version);
        rc = store_exec_stmt(st, stmt, "outbox ack");
        if (rc < 0)
            goto out;
    }
    rc = store_commit(st);
out:
    if (rc < 0)
        store_rollback(st);
    return rc;
}

int store_outbox_backlog(struct store *st, int64_t *rows, int64_t *oldest_ms)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_OUTBOX_BACKLOG,
                        "SELECT count(*), "
                        "coalesce((SELECT created_ms FROM outbox WHERE acked_ms IS NULL "
                        "ORDER BY seq LIMIT 1), 0) "
                        "FROM outbox WHERE acked_ms IS NULL",
                        &stmt);
    if (rc < 0)
        return rc;
    int src = sqlite3_step(stmt);
    if (src != SQLITE_ROW) {
        rc = store_fail(st, "outbox backlog", src);
        goto out;
    }
    if (rows)
        *rows = sqlite3_column_int64(stmt, 0);
    if (oldest_ms)
        *oldest_ms = sqlite3_column_int64(stmt, 1);
    rc = 0;
out:
    sqlite3_reset(stmt);
    return rc;
}
