/*
 * updates — applies what staff decided on the hub (status, schedule and
 * place, answer summary, complaint class and due time) to the kiosk's
 * copy, so the status screen answers offline too.
 *
 * The one idea: a page of the change feed and the cursor after it are
 * written in one transaction. A crash either keeps both or neither, so the
 * next pull asks again from the right place and no decision is skipped.
 * Staff updates are the hub's: they change no version and add no outbox row.
 * The document feed's cursor lives beside the decisions' in `meta`; its
 * files are written by the sync worker before the cursor moves.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

#define CURSOR_KEY           "sync_cursor"
#define DOCUMENTS_CURSOR_KEY "documents_cursor"

static int meta_cursor(struct store *st, const char *key, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, "cursor prepare", rc);
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    int64_t v = 0;
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        v = text ? strtoll(text, NULL, 10) : 0;
        rc = SQLITE_DONE;
    }
    int err = rc == SQLITE_DONE ? 0 : store_fail(st, "cursor read", rc);
    sqlite3_finalize(stmt);
    if (err == 0)
        *out = v;
    return err;
}

int store_sync_cursor(struct store *st, int64_t *out)
{
    return meta_cursor(st, CURSOR_KEY, out);
}

int store_documents_cursor(struct store *st, int64_t *out)
{
    return meta_cursor(st, DOCUMENTS_CURSOR_KEY, out);
}

int store_documents_cursor_save(struct store *st, int64_t cursor)
{
    sqlite3_stmt *stmt = NULL;
    char value[24];
    int rc = sqlite3_prepare_v2(st->db,
                                "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, "documents cursor prepare", rc);
    snprintf(value, sizeof(value), "%" PRId64, cursor);
    sqlite3_bind_text(stmt, 1, DOCUMENTS_CURSOR_KEY, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(stmt);
    int err = rc == SQLITE_DONE ? 0 : store_fail(st, "documents cursor save", rc);
    sqlite3_finalize(stmt);
    return err;
}

static int apply_one(struct store *st, sqlite3_stmt *meeting, sqlite3_stmt *complaint,
                     const struct store_update *u, int64_t now_ms)
{
    sqlite3_stmt *stmt = u->kind == REC_MEETING_REQUEST ? meeting : complaint;
    const char *status = rec_status_name(u->status);
    if (!status || (u->kind != REC_MEETING_REQUEST && u->kind != REC_COMPLAINT))
        return store_fail_errno(st, "update: not a meeting or complaint update", -EINVAL);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    sqlite3_bind_text(stmt, 1, u->record_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, u->answer, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, u->due_ms);
    sqlite3_bind_int64(stmt, 5, now_ms);
    if (u->kind == REC_MEETING_REQUEST) {
        sqlite3_bind_text(stmt, 6, u->schedule, -1, SQLITE_STATIC);
    } else if (u->has_class) {
        const char *cls = rec_class_name(u->cls);
        if (!cls)
            return store_fail_errno(st, "update: unknown complaint class", -EINVAL);
        sqlite3_bind_text(stmt, 6, cls, -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    /* A record this kiosk no longer has (or never had) changes nothing. */
    return rc == SQLITE_DONE ? 0 : store_fail(st, "update", rc);
}

int store_apply_updates(struct store *st, const struct store_update *updates, size_t n,
                        int64_t cursor, int64_t now_ms)
{
    sqlite3_stmt *meeting = NULL, *complaint = NULL, *save = NULL;
    int rc = 0;
    /* due_ms 0 leaves the due time as it was. */
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE meeting_requests SET status = ?2, answer = ?3, "
                           "reply_due_ms = CASE WHEN ?4 > 0 THEN ?4 ELSE reply_due_ms END, "
                           "staff_updated_ms = ?5, schedule = ?6 WHERE id = ?1",
                           -1, &meeting, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "UPDATE complaints SET status = ?2, answer = ?3, "
                           "due_ms = CASE WHEN ?4 > 0 THEN ?4 ELSE due_ms END, "
                           "staff_updated_ms = ?5, class = coalesce(?6, class) WHERE id = ?1",
                           -1, &complaint, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           -1, &save, NULL) != SQLITE_OK) {
        rc = store_fail(st, "update prepare", sqlite3_errcode(st->db));
        goto out;
    }
    rc = store_begin(st);
    if (rc < 0)
        goto out;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = apply_one(st, meeting, complaint, &updates[i], now_ms);
    if (rc == 0) {
        char value[24];
        snprintf(value, sizeof(value), "%" PRId64, cursor);
        sqlite3_bind_text(save, 1, CURSOR_KEY, -1, SQLITE_STATIC);
        sqlite3_bind_text(save, 2, value, -1, SQLITE_TRANSIENT);
        int step = sqlite3_step(save);
        if (step != SQLITE_DONE)
            rc = store_fail(st, "cursor save", step);
    }
    if (rc == 0)
        rc = store_commit(st);
    else
        store_rollback(st);
out:
    sqlite3_finalize(meeting);
    sqlite3_finalize(complaint);
    sqlite3_finalize(save);
    return rc;
}
