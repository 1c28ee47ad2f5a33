/*
 * retention — store_purge(): personal data leaves the kiosk once the hub
 * holds it and the retention the office configured has passed (UU 27/2022
 * asks to keep it no longer than needed).
 *
 * The one idea: the outbox decides. A record is done when every outbox
 * row of it was acknowledged, the last one at least retention_days ago.
 * Its personal fields are blanked and stamped with purged_ms (the tables'
 * CHECKs allow blank names only then), the bytes of its scanned letters
 * dropped retention_days after the hub confirmed it holds them
 * (uploaded_ms), and its outbox rows deleted. What is left — ids, times, codes,
 * tickets, statuses, survey scores — still answers the status screen and
 * still counts in statistics, and names no one.
 */
#include <errno.h>
#include <stdbool.h>

#include "store/internal.h"

#define MS_PER_DAY INT64_C(86400000)

/* Records all of whose outbox rows were acknowledged before ?1. */
#define DONE                                                                                       \
    "WITH done (record_id) AS (SELECT record_id FROM outbox GROUP BY record_id "                   \
    "HAVING count(*) = count(acked_ms) AND max(acked_ms) <= ?1) "

/* ?2 is now. Every statement counts its blanked rows into *purged except
 * the attachment bytes and the outbox deletion, which come last because
 * "done" is computed from the outbox. */
static const struct purge_step {
    const char *sql;
    bool counts;
} steps[] = {
    {DONE "UPDATE guest_entries SET name = '', organization = '', phone = '', purpose = '', "
          "meet_whom = '', purged_ms = ?2 WHERE purged_ms IS NULL AND id IN done",
     true},
    {DONE "UPDATE meeting_requests SET applicant = '', organization = '', phone = '', email = '', "
          "subject = '', preferred_dates = '', answer = '', purged_ms = ?2 "
          "WHERE purged_ms IS NULL AND id IN done",
     true},
    {DONE "UPDATE complaints SET name = '', phone = '', email = '', body = '', answer = '', "
          "purged_ms = ?2 WHERE purged_ms IS NULL AND id IN done",
     true},
    {DONE "UPDATE survey_responses SET comment = '', purged_ms = ?2 "
          "WHERE purged_ms IS NULL AND id IN done",
     true},
    /* A letter's bytes go retention_days after the hub confirmed it holds
     * them (uploaded_ms), whatever became of the record's outbox rows. */
    {"UPDATE attachments SET data = NULL WHERE data IS NOT NULL AND uploaded_ms <= ?1", false},
    {DONE "DELETE FROM outbox WHERE record_id IN done", false},
};

int store_purge(struct store *st, int64_t now_ms, int retention_days, int *purged)
{
    int rc, count = 0;
    if (retention_days < 0)
        return -EINVAL;
    int64_t cutoff_ms = now_ms - (int64_t)retention_days * MS_PER_DAY;

    rc = store_begin(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        sqlite3_stmt *stmt = NULL;
        /* Not cached: a purge runs once a day or so. */
        int src = sqlite3_prepare_v2(st->db, steps[i].sql, -1, &stmt, NULL);
        if (src == SQLITE_OK && (src = sqlite3_bind_int64(stmt, 1, cutoff_ms)) == SQLITE_OK &&
            (sqlite3_bind_parameter_count(stmt) < 2 ||
             (src = sqlite3_bind_int64(stmt, 2, now_ms)) == SQLITE_OK))
            src = sqlite3_step(stmt);
        if (src != SQLITE_DONE) {
            rc = store_fail(st, "purge", src);
            sqlite3_finalize(stmt);
            goto out;
        }
        if (steps[i].counts)
            count += sqlite3_changes(st->db);
        sqlite3_finalize(stmt);
    }
    rc = store_commit(st);
    if (rc < 0)
        goto out;
    if (purged)
        *purged = count;
out:
    if (rc < 0)
        store_rollback(st);
    return rc;
}
