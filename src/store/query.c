/*
 * query — what the kiosk reads back: the status behind a tracking code,
 * the tickets of a day, the last ticket for a reprint.
 *
 * The one idea: a reader never holds the database while the caller works.
 * Rows are copied out and the statement reset before a callback runs or
 * the function returns, so a slow screen cannot keep a read transaction
 * open (which would stop WAL checkpoints and let the file grow).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/layout.h"

/* The newest ticket with the record's code gives the status its number
 * (through the partial index tickets_by_code). */
#define TICKET_OF(table)                                                                           \
    "coalesce((SELECT number FROM tickets WHERE tracking_code = " table ".tracking_code "          \
    "AND tracking_code <> '' ORDER BY rowid DESC LIMIT 1), '')"

/* clang-format off */
static const char find_sql[] =
    "SELECT 'meeting', m.id, m.tracking_code, " TICKET_OF("m") ", m.status, m.created_ms, "
    "m.reply_due_ms, m.schedule, m.answer FROM meeting_requests m WHERE m.tracking_code = ?1 "
    "UNION ALL "
    "SELECT 'complaint', c.id, c.tracking_code, " TICKET_OF("c") ", c.status, c.created_ms, "
    "c.due_ms, '', c.answer FROM complaints c WHERE c.tracking_code = ?1";
/* clang-format on */

/* Copies column col into a buffer; false when it does not fit. */
static bool copy_text(sqlite3_stmt *stmt, int col, char *buf, size_t cap)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    size_t len = (size_t)sqlite3_column_bytes(stmt, col);
    if (len >= cap)
        return false;
    if (len > 0)
        memcpy(buf, text, len);
    buf[len] = '\0';
    return true;
}

int store_find_by_tracking(struct store *st, const char *code, struct store_status *out)
{
    struct store_status s;
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_FIND_TRACKING, find_sql, &stmt);
    if (rc < 0)
        return rc;
    memset(&s, 0, sizeof(s));
    sqlite3_bind_text(stmt, 1, code ? code : "", -1, SQLITE_STATIC);
    int src = sqlite3_step(stmt);
    if (src == SQLITE_DONE) {
        rc = -ENOENT;
        goto out;
    }
    if (src != SQLITE_ROW) {
        rc = store_fail(st, "find by tracking code", src);
        goto out;
    }
    if (rec_kind_parse((const char *)sqlite3_column_text(stmt, 0), &s.kind) < 0 ||
        !copy_text(stmt, 1, s.record_id, sizeof(s.record_id)) ||
        !copy_text(stmt, 2, s.tracking_code, sizeof(s.tracking_code)) ||
        !copy_text(stmt, 3, s.ticket_number, sizeof(s.ticket_number)) ||
        rec_status_parse((const char *)sqlite3_column_text(stmt, 4), &s.status) < 0 ||
        !copy_text(stmt, 7, s.schedule, sizeof(s.schedule)) ||
        !copy_text(stmt, 8, s.answer, sizeof(s.answer))) {
        rc = store_fail_errno(st, "find by tracking code: a stored value does not fit", -EIO);
        goto out;
    }
    s.created_ms = sqlite3_column_int64(stmt, 5);
    s.due_ms = sqlite3_column_int64(stmt, 6);
    *out = s;
    rc = 0;
out:
    sqlite3_reset(stmt);
    return rc;
}

/* The cached SELECT of every ticket column, followed by tail. */
static int ticket_stmt(struct store *st, enum store_stmt_id id, const char *tail,
                       sqlite3_stmt **out)
{
    char sql[1024];
    const char *text = NULL;
    if (!st->stmts[id]) {
        char columns[512];
        int rc = store_layout_columns(store_layout_of(REC_TICKET), columns, sizeof(columns));
        int n = snprintf(sql, sizeof(sql), "SELECT %s FROM tickets %s", columns, tail);
        if (rc < 0 || n < 0 || (size_t)n >= sizeof(sql))
            return store_fail_errno(st, "ticket query", -ENOSPC);
        text = sql;
    }
    return store_stmt(st, id, text, out);
}

int store_tickets_for_day(struct store *st, const char *office_day, store_ticket_cb cb, void *ctx)
{
    const struct store_layout *lo = store_layout_of(REC_TICKET);
    struct rec_ticket *tickets = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *stmt = NULL;
    int rc, src;

    if (!office_day || !cb)
        return -EINVAL;
    rc = ticket_stmt(st, STMT_TICKETS_FOR_DAY, "WHERE office_day = ?1 ORDER BY rowid", &stmt);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, office_day, -1, SQLITE_STATIC);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t bigger = cap ? cap * 2 : 64;
            struct rec_ticket *grown = realloc(tickets, bigger * sizeof(*tickets));
            if (!grown) {
                rc = store_fail_errno(st, "tickets of a day", -ENOMEM);
                goto out;
            }
            tickets = grown;
            cap = bigger;
        }
        memset(&tickets[n], 0, sizeof(tickets[n]));
        if (store_layout_read(lo, stmt, 0, &tickets[n]) < 0) {
            rc = store_fail_errno(st, "tickets of a day: a stored value does not fit", -EIO);
            goto out;
        }
        n++;
    }
    if (src != SQLITE_DONE) {
        rc = store_fail(st, "tickets of a day", src);
        goto out;
    }
    sqlite3_reset(stmt);
    stmt = NULL;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = cb(ctx, &tickets[i]);
out:
    if (stmt)
        sqlite3_reset(stmt);
    free(tickets);
    return rc;
}

int store_last_ticket(struct store *st, struct rec_ticket *out)
{
    struct rec_ticket t;
    sqlite3_stmt *stmt = NULL;
    int rc = ticket_stmt(st, STMT_LAST_TICKET, "ORDER BY rowid DESC LIMIT 1", &stmt);
    if (rc < 0)
        return rc;
    int src = sqlite3_step(stmt);
    if (src == SQLITE_DONE) {
        rc = -ENOENT;
        goto out;
    }
    if (src != SQLITE_ROW) {
        rc = store_fail(st, "last ticket", src);
        goto out;
    }
    memset(&t, 0, sizeof(t));
    if (store_layout_read(store_layout_of(REC_TICKET), stmt, 0, &t) < 0) {
        rc = store_fail_errno(st, "last ticket: a stored value does not fit", -EIO);
        goto out;
    }
    *out = t;
    rc = 0;
out:
    sqlite3_reset(stmt);
    return rc;
}
