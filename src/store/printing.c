/*
 * printing — see printing.h. Few statements, run once per ticket or poll:
 * prepared on each call rather than kept in the connection's cache.
 */
#include "store/printing.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/internal.h"
#include "store/layout.h"

/* Before the ticket's own columns, in this order. */
#define EXTRA_COLUMNS 3

int store_print_pending(struct store *st, struct store_print_item *items, size_t max, size_t *count)
{
    const struct store_layout *lo = store_layout_of(REC_TICKET);
    char columns[512], sql[1024];
    sqlite3_stmt *stmt = NULL;
    size_t n = 0;
    int rc = store_layout_columns(lo, columns, sizeof(columns));
    int len = snprintf(sql, sizeof(sql),
                       "SELECT (SELECT lang FROM visits v WHERE v.id = t.visit_id), "
                       "coalesce(print_job, 0), print_attempts, %s FROM tickets t "
                       "WHERE printed_ms IS NULL ORDER BY created_ms, rowid LIMIT ?",
                       columns);
    if (rc < 0 || len < 0 || (size_t)len >= sizeof(sql))
        return store_fail_errno(st, "tickets to print", -ENOSPC);
    int src = sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "tickets to print", src);
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)max);
    while (n < max && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_print_item *it = &items[n];
        memset(it, 0, sizeof(*it));
        const unsigned char *lang = sqlite3_column_text(stmt, 0);
        snprintf(it->lang, sizeof(it->lang), "%s",
                 lang && strcmp((const char *)lang, "en") == 0 ? "en" : "id");
        it->job_id = sqlite3_column_int(stmt, 1);
        it->attempts = sqlite3_column_int(stmt, 2);
        if (store_layout_read(lo, stmt, EXTRA_COLUMNS, &it->ticket) < 0) {
            rc = store_fail_errno(st, "tickets to print: a stored value does not fit", -EIO);
            goto out;
        }
        n++;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE) {
        rc = store_fail(st, "tickets to print", src);
        goto out;
    }
    *count = n;
    rc = 0;
out:
    sqlite3_finalize(stmt);
    return rc;
}

int store_print_backlog(struct store *st, int64_t *pending)
{
    sqlite3_stmt *stmt = NULL;
    int src = sqlite3_prepare_v2(
        store_db(st), "SELECT count(*) FROM tickets WHERE printed_ms IS NULL", -1, &stmt, NULL);
    if (src == SQLITE_OK)
        src = sqlite3_step(stmt);
    if (src != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return store_fail(st, "tickets to print", src);
    }
    *pending = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return 0;
}

/* Runs sql with the ticket id as ?1 and, when has_value, value as ?2. */
static int update(struct store *st, const char *what, const char *sql, const char *ticket_id,
                  bool has_value, int64_t value)
{
    sqlite3_stmt *stmt = NULL;
    int src = sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, what, src);
    sqlite3_bind_text(stmt, 1, ticket_id, -1, SQLITE_TRANSIENT);
    if (has_value)
        sqlite3_bind_int64(stmt, 2, value);
    src = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (src != SQLITE_DONE)
        return store_fail(st, what, src);
    return sqlite3_changes(store_db(st)) > 0 ? 0 : -ENOENT;
}

int store_print_submitted(struct store *st, const char *ticket_id, int job_id)
{
    if (job_id <= 0)
        return -EINVAL;
    return update(st, "ticket submitted",
                  "UPDATE tickets SET print_job = ?2, print_attempts = print_attempts + 1 "
                  "WHERE id = ?1 AND printed_ms IS NULL",
                  ticket_id, true, job_id);
}

int store_print_done(struct store *st, const char *ticket_id, int64_t now_ms)
{
    return update(st, "ticket printed",
                  "UPDATE tickets SET printed_ms = ?2, print_job = NULL "
                  "WHERE id = ?1 AND printed_ms IS NULL",
                  ticket_id, true, now_ms);
}

int store_print_lost(struct store *st, const char *ticket_id)
{
    return update(st, "ticket job lost",
                  "UPDATE tickets SET print_job = NULL WHERE id = ?1 AND printed_ms IS NULL",
                  ticket_id, false, 0);
}

int store_print_again(struct store *st, const char *ticket_id)
{
    return update(st, "ticket reprint",
                  "UPDATE tickets SET printed_ms = NULL, print_job = NULL, "
                  "print_attempts = 0 WHERE id = ?1",
                  ticket_id, false, 0);
}
