/*
 * schema — the migrations, oldest first, and the loop that applies them;
 * see schema.h for why the schema only ever grows by appended steps.
 *
 * Conventions the tables follow:
 * - STRICT tables: a value of the wrong type is refused, not converted.
 * - Enumerations are stored by their stable names from core/records and
 *   checked with OR chains: an IN list in a CHECK makes SQLite build a
 *   temporary index for every row inserted (a quarter of a batch's time).
 * - Text limits are in characters, as the visitor's forms count them,
 *   except staff texts, which must fit the byte buffers of store_status.
 * - Personal text may be blank only after store_purge() set purged_ms.
 */
#include "store/schema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

/* clang-format off */

/* The meta columns of every record table (struct rec_meta). Part of
 * migration 1: never edit. */
#define META_COLUMNS \
    "id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),\n" \
    "visit_id TEXT NOT NULL REFERENCES visits (id),\n" \
    "kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) = 36),\n" \
    "created_ms INTEGER NOT NULL,\n" \
    "updated_ms INTEGER NOT NULL,\n" \
    "version INTEGER NOT NULL CHECK (version >= 1),\n"

#define STATUS_CHECK \
    "CHECK (status = 'received' OR status = 'in_process' OR status = 'scheduled' OR " \
    "status = 'answered' OR status = 'closed')"
#define SERVICE_CHECK "CHECK (service = 'guest' OR service = 'meeting' OR service = 'complaint')"
#define DAY_CHECK "CHECK (office_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"
#define SCORE(n) "score" #n " INTEGER NOT NULL CHECK (score" #n " BETWEEN 1 AND 4),\n"

/* 1: the records, the tickets and their counters, the outbox. */
static const char *const m1_base[] = {
    "PRAGMA application_id = 1397902658", /* STORE_APPLICATION_ID */

    "CREATE TABLE meta (\n"
    "key TEXT PRIMARY KEY NOT NULL,\n"
    "value TEXT NOT NULL\n"
    ") STRICT",

    /* Small rows keyed by id: one B-tree instead of a table and its key index. */
    "CREATE TABLE visits (\n"
    "id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),\n"
    "visit_id TEXT NOT NULL CHECK (visit_id = id),\n"
    "kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) = 36),\n"
    "created_ms INTEGER NOT NULL,\n"
    "updated_ms INTEGER NOT NULL,\n"
    "version INTEGER NOT NULL CHECK (version >= 1),\n"
    "lang TEXT NOT NULL CHECK (lang = 'id' OR lang = 'en')\n"
    ") STRICT, WITHOUT ROWID",

    "CREATE TABLE guest_entries (\n"
    META_COLUMNS
    "name TEXT NOT NULL CHECK (length(name) <= 80),\n"
    "organization TEXT NOT NULL CHECK (length(organization) <= 120),\n"
    "phone TEXT NOT NULL CHECK (length(phone) <= 20),\n"
    "purpose TEXT NOT NULL CHECK (length(purpose) <= 200),\n"
    "meet_whom TEXT NOT NULL CHECK (length(meet_whom) <= 200),\n"
    "party_size INTEGER NOT NULL CHECK (party_size BETWEEN 1 AND 99),\n"
    "purged_ms INTEGER,\n"
    "CHECK (name <> '' OR purged_ms IS NOT NULL)\n"
    ") STRICT",

    /* One registry for the codes of both kinds: a code printed on a
     * receipt must lead to exactly one record, whichever table holds it. */
    "CREATE TABLE tracking_codes (\n"
    "code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 8),\n"
    "kind TEXT NOT NULL CHECK (kind = 'meeting' OR kind = 'complaint'),\n"
    "record_id TEXT NOT NULL UNIQUE CHECK (length(record_id) = 36)\n"
    ") STRICT",

    "CREATE TABLE meeting_requests (\n"
    META_COLUMNS
    "applicant TEXT NOT NULL CHECK (length(applicant) <= 80),\n"
    "organization TEXT NOT NULL CHECK (length(organization) <= 120),\n"
    "phone TEXT NOT NULL CHECK (length(phone) <= 20),\n"
    "email TEXT NOT NULL CHECK (length(email) <= 254),\n"
    "subject TEXT NOT NULL CHECK (length(subject) <= 200),\n"
    "preferred_dates TEXT NOT NULL CHECK (length(preferred_dates) <= 200),\n"
    "tracking_code TEXT NOT NULL UNIQUE REFERENCES tracking_codes (code),\n"
    "status TEXT NOT NULL " STATUS_CHECK ",\n"
    "reply_due_ms INTEGER NOT NULL,\n"
    "purged_ms INTEGER,\n"
    "CHECK ((applicant <> '' AND subject <> '') OR purged_ms IS NOT NULL)\n"
    ") STRICT",

    "CREATE TABLE complaints (\n"
    META_COLUMNS
    "privacy TEXT NOT NULL CHECK (privacy = 'named' OR privacy = 'anonymous' OR "
    "privacy = 'confidential'),\n"
    "name TEXT NOT NULL CHECK (length(name) <= 80),\n"
    "phone TEXT NOT NULL CHECK (length(phone) <= 20),\n"
    "email TEXT NOT NULL CHECK (length(email) <= 254),\n"
    "body TEXT NOT NULL CHECK (length(body) <= 2000),\n"
    "tracking_code TEXT NOT NULL UNIQUE REFERENCES tracking_codes (code),\n"
    "class TEXT NOT NULL CHECK (class = 'light' OR class = 'normative' OR "
    "class = 'no_supervision' OR class = 'supervision'),\n"
    "status TEXT NOT NULL " STATUS_CHECK ",\n"
    "due_ms INTEGER NOT NULL,\n"
    "purged_ms INTEGER,\n"
    /* An anonymous complaint keeps no name, whatever the form sent. */
    "CHECK (privacy <> 'anonymous' OR name = ''),\n"
    "CHECK (body <> '' OR purged_ms IS NOT NULL)\n"
    ") STRICT",

    "CREATE TABLE survey_responses (\n"
    META_COLUMNS
    SCORE(1) SCORE(2) SCORE(3) SCORE(4) SCORE(5) SCORE(6) SCORE(7) SCORE(8) SCORE(9)
    "comment TEXT NOT NULL CHECK (length(comment) <= 500),\n"
    "purged_ms INTEGER\n"
    ") STRICT",

    "CREATE TABLE tickets (\n"
    META_COLUMNS
    "record_id TEXT NOT NULL CHECK (length(record_id) = 36),\n"
    "record_kind TEXT NOT NULL CHECK (record_kind = 'guest' OR record_kind = 'meeting' OR "
    "record_kind = 'complaint'),\n"
    "service TEXT NOT NULL " SERVICE_CHECK ",\n"
    "office_day TEXT NOT NULL " DAY_CHECK ",\n"
    "seq INTEGER NOT NULL CHECK (seq >= 1),\n"
    "number TEXT NOT NULL CHECK (length(number) BETWEEN 3 AND 15),\n"
    "tracking_code TEXT NOT NULL CHECK (tracking_code = '' OR length(tracking_code) = 8),\n"
    "due_ms INTEGER NOT NULL,\n"
    "rule_kind TEXT NOT NULL CHECK (length(rule_kind) <= 31),\n"
    /* Day first: the same index finds the tickets of a day. */
    "UNIQUE (office_day, service, seq)\n"
    ") STRICT",

    /* The counter, not max(seq), gives the next number, so a number is
     * never handed out twice even if a ticket row were ever removed. */
    "CREATE TABLE ticket_counters (\n"
    "service TEXT NOT NULL " SERVICE_CHECK ",\n"
    "office_day TEXT NOT NULL " DAY_CHECK ",\n"
    "last_seq INTEGER NOT NULL CHECK (last_seq >= 1),\n"
    "PRIMARY KEY (service, office_day)\n"
    ") STRICT, WITHOUT ROWID",

    /* A scanned letter: the reference now, the bytes (data) once scanning
     * lands. data is dropped by the purge like any personal field. */
    "CREATE TABLE attachments (\n"
    META_COLUMNS
    "record_id TEXT NOT NULL CHECK (length(record_id) = 36),\n"
    "sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),\n"
    "mime TEXT NOT NULL CHECK (length(mime) BETWEEN 1 AND 31),\n"
    "size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),\n"
    "pages INTEGER NOT NULL CHECK (pages >= 0),\n"
    "data BLOB,\n"
    "CHECK (data IS NULL OR length(data) = size_bytes)\n"
    ") STRICT",

    /* AUTOINCREMENT: a seq is never reused after old rows are deleted, so
     * the sync worker's order stays the order of the kiosk's commits. A
     * row keeps its payload until the hub acknowledged it. */
    "CREATE TABLE outbox (\n"
    "seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "kind TEXT NOT NULL CHECK (kind = 'visit' OR kind = 'guest' OR kind = 'meeting' OR "
    "kind = 'complaint' OR kind = 'survey' OR kind = 'ticket' OR kind = 'attachment'),\n"
    "record_id TEXT NOT NULL CHECK (length(record_id) = 36),\n"
    "version INTEGER NOT NULL CHECK (version >= 1),\n"
    "payload TEXT,\n"
    "created_ms INTEGER NOT NULL,\n"
    "acked_ms INTEGER,\n"
    "UNIQUE (record_id, version),\n"
    "CHECK (payload IS NOT NULL OR acked_ms IS NOT NULL)\n"
    ") STRICT",

    NULL,
};

/* 2: what staff send back for the status screen (struct store_status):
 * the schedule and place of a meeting, an answer summary, and when staff
 * last changed the record. Byte limits match the status buffers. */
static const char *const m2_staff_updates[] = {
    "ALTER TABLE meeting_requests ADD COLUMN schedule TEXT NOT NULL DEFAULT '' "
    "CHECK (length(CAST(schedule AS BLOB)) <= 255)",
    "ALTER TABLE meeting_requests ADD COLUMN answer TEXT NOT NULL DEFAULT '' "
    "CHECK (length(CAST(answer AS BLOB)) <= 511)",
    "ALTER TABLE meeting_requests ADD COLUMN staff_updated_ms INTEGER",
    "ALTER TABLE complaints ADD COLUMN answer TEXT NOT NULL DEFAULT '' "
    "CHECK (length(CAST(answer AS BLOB)) <= 511)",
    "ALTER TABLE complaints ADD COLUMN staff_updated_ms INTEGER",
    NULL,
};

/* 3: indexes for what the kiosk asks often, and no more: every index is
 * written on every visitor's commit. The outbox keeps acknowledged rows
 * until their retention ends, so the sync worker's "oldest
 * unacknowledged" must not walk past them; the status screen finds a
 * ticket by its tracking code. */
static const char *const m3_indexes[] = {
    "CREATE INDEX outbox_unacked ON outbox (seq) WHERE acked_ms IS NULL",
    /* Guest-book tickets have no code and stay out of this index. */
    "CREATE INDEX tickets_by_code ON tickets (tracking_code) WHERE tracking_code <> ''",
    "CREATE INDEX attachments_by_record ON attachments (record_id)",
    NULL,
};

/* 4: when the hub confirmed it holds an attachment's bytes (verified by
 * their SHA-256). The purge drops a letter's bytes only after that: the
 * record's metadata can be acknowledged long before its bytes arrive, and
 * a letter must never leave the kiosk before it has reached the hub. */
static const char *const m4_attachment_upload[] = {
    "ALTER TABLE attachments ADD COLUMN uploaded_ms INTEGER",
    NULL,
};

/* 5: printing tickets. A ticket waits for the printer until printed_ms
 * is set; print_job is the CUPS job of its last submission while it is
 * not seen printed, print_attempts how often it was submitted. Tickets
 * issued before the kiosk printed count as handed out: the first start
 * after the update must not print them all. */
static const char *const m5_ticket_printing[] = {
    "ALTER TABLE tickets ADD COLUMN printed_ms INTEGER",
    "ALTER TABLE tickets ADD COLUMN print_attempts INTEGER NOT NULL DEFAULT 0 CHECK (print_attempts >= 0)",
    "ALTER TABLE tickets ADD COLUMN print_job INTEGER CHECK (print_job IS NULL OR print_job > 0)",
    "UPDATE tickets SET printed_ms = created_ms",
    "CREATE INDEX tickets_unprinted ON tickets (created_ms) WHERE printed_ms IS NULL",
    NULL,
};

/* clang-format on */

/* A migration is a list of SQL steps (NULL-terminated), run in order in
 * one transaction. */
struct migration {
    const char *what;
    const char *const *steps;
};

/* Append only. */
static const struct migration migrations[] = {
    {"base tables", m1_base},
    {"staff schedule and answers", m2_staff_updates},
    {"indexes", m3_indexes},
    {"attachment upload confirmations", m4_attachment_upload},
    {"ticket printing", m5_ticket_printing},
};

#define MIGRATION_COUNT ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_count(void)
{
    return MIGRATION_COUNT;
}

__attribute__((format(printf, 3, 4))) static void say(char *errbuf, size_t errcap, const char *fmt,
                                                      ...)
{
    if (!errbuf || errcap == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(errbuf, errcap, fmt, ap);
    va_end(ap);
    if (n < 0)
        errbuf[0] = '\0';
}

int store_schema_read_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *stmt = NULL;
    int rc = -EIO;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        goto out;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        goto out;
    *version = sqlite3_column_int(stmt, 0);
    rc = 0;
out:
    sqlite3_finalize(stmt);
    return rc;
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -EIO;
}

static int exec_steps(sqlite3 *db, const char *const *steps)
{
    for (size_t i = 0; steps[i]; i++)
        if (exec(db, steps[i]) < 0)
            return -EIO;
    return 0;
}

int store_schema_migrate(sqlite3 *db, int target, char *errbuf, size_t errcap)
{
    int rc = 0, current = 0;
    if (target < 0 || target > MIGRATION_COUNT)
        return -EINVAL;
    /* The common case, an up-to-date file, takes no write lock. */
    if (store_schema_read_version(db, &current) == 0 && current == target)
        return 0;
    for (;;) {
        int version = 0;
        if (exec(db, "BEGIN IMMEDIATE") < 0) {
            say(errbuf, errcap, "cannot lock the database to migrate it: %s", sqlite3_errmsg(db));
            rc = -EIO;
            goto out;
        }
        /* Read under the lock: another process may have migrated meanwhile. */
        rc = store_schema_read_version(db, &version);
        if (rc < 0) {
            say(errbuf, errcap, "cannot read the schema version: %s", sqlite3_errmsg(db));
            goto out;
        }
        if (version > target) {
            say(errbuf, errcap,
                "the database has schema version %d but this program knows versions up to %d: "
                "it was written by a newer Serambi; install that version or restore a backup",
                version, target);
            rc = -EPROTO;
            goto out;
        }
        if (version == target)
            break;

        const struct migration *m = &migrations[version];
        char set_version[48];
        int n = snprintf(set_version, sizeof(set_version), "PRAGMA user_version = %d", version + 1);
        if (n < 0 || (size_t)n >= sizeof(set_version)) {
            rc = -EIO;
            goto out;
        }
        if (exec_steps(db, m->steps) < 0 || exec(db, set_version) < 0 || exec(db, "COMMIT") < 0) {
            say(errbuf, errcap, "migration %d (%s) failed: %s", version + 1, m->what,
                sqlite3_errmsg(db));
            rc = -EIO;
            goto out;
        }
    }
    if (exec(db, "COMMIT") < 0) {
        say(errbuf, errcap, "cannot finish the schema check: %s", sqlite3_errmsg(db));
        rc = -EIO;
        goto out;
    }
    rc = 0;
out:
    if (rc < 0 && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
