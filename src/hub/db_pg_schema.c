/*
 * db_pg_schema — see db_pg_schema.h.
 */
#include "hub/db_pg_schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const char *const m1_base =
    "CREATE TABLE kiosks ("
    " id BIGSERIAL PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " code_hash TEXT UNIQUE,"
    " token_hash TEXT UNIQUE,"
    " created_ms BIGINT NOT NULL,"
    " enrolled_ms BIGINT,"
    " revoked_ms BIGINT,"
    " last_push_ms BIGINT);"
    "CREATE UNIQUE INDEX kiosks_current_name ON kiosks (name) WHERE revoked_ms IS NULL;"
    "CREATE TABLE records ("
    " id TEXT PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " kiosk BIGINT NOT NULL REFERENCES kiosks (id),"
    " payload TEXT NOT NULL,"
    " tracking_code TEXT,"
    " received_ms BIGINT NOT NULL);"
    "CREATE INDEX records_by_code ON records (tracking_code) WHERE tracking_code IS NOT NULL;"
    "CREATE TABLE decisions ("
    " cursor BIGSERIAL PRIMARY KEY,"
    " record_id TEXT NOT NULL REFERENCES records (id),"
    " status TEXT NOT NULL,"
    " schedule TEXT NOT NULL,"
    " answer TEXT NOT NULL,"
    " class TEXT NOT NULL,"
    " due_ms BIGINT NOT NULL,"
    " decided_ms BIGINT NOT NULL);"
    "CREATE INDEX decisions_by_record ON decisions (record_id, cursor);";
/* 2: attachment uploads, and what /metrics and uploads read of a record
 * without parsing its payload (filled in for records already held). */
static const char *const m2_uploads =
    "ALTER TABLE records ADD COLUMN status TEXT, ADD COLUMN due_ms BIGINT,"
    " ADD COLUMN sha256 TEXT, ADD COLUMN size_bytes BIGINT;"
    "UPDATE records SET status = payload::jsonb->>'status',"
    " due_ms = coalesce((payload::jsonb->>'due_ms')::bigint, (payload::jsonb->>'reply_due_ms')::bigint),"
    " sha256 = CASE WHEN kind = 'attachment' THEN payload::jsonb->>'sha256' END,"
    " size_bytes = CASE WHEN kind = 'attachment' THEN (payload::jsonb->>'size_bytes')::bigint END;"
    "CREATE INDEX records_by_sha256 ON records (kiosk, sha256) WHERE sha256 IS NOT NULL;"
    "CREATE TABLE uploads ("
    " kiosk BIGINT NOT NULL REFERENCES kiosks (id),"
    " sha256 TEXT NOT NULL,"
    " received_bytes BIGINT NOT NULL CHECK (received_bytes >= 0),"
    " complete_ms BIGINT,"
    " PRIMARY KEY (kiosk, sha256));"
    "CREATE TABLE upload_chunks ("
    " kiosk BIGINT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " start_byte BIGINT NOT NULL,"
    " data BYTEA NOT NULL,"
    " PRIMARY KEY (kiosk, sha256, start_byte),"
    " FOREIGN KEY (kiosk, sha256) REFERENCES uploads (kiosk, sha256));";
/* 3: office documents published for every kiosk (calendars, rules, texts). */
static const char *const m3_documents =
    "CREATE TABLE documents ("
    " cursor BIGSERIAL PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " published_ms BIGINT NOT NULL);";
/* clang-format on */

/* Append only: migration i brings the recorded version from i to i + 1. */
static const char *const migrations[] = {m1_base, m2_uploads, m3_documents};
#define MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* Any constant shared by every serambi-hub: the key of the advisory lock
 * that lets one process at a time migrate. */
#define MIGRATION_LOCK "7470113"

/* Runs one plain statement; the libpq message on failure. */
static int run(PGconn *conn, struct hub_db *db, const char *sql, PGresult **out)
{
    PGresult *r = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (out)
            *out = r;
        else
            PQclear(r);
        return 0;
    }
    char msg[200];
    snprintf(msg, sizeof(msg), "%s", PQerrorMessage(conn));
    msg[strcspn(msg, "\n")] = '\0';
    PQclear(r);
    return hub_db_fail(db, -EIO, "postgresql: %s: %s", sql, msg);
}

int hub_pg_schema_version(PGconn *conn, struct hub_db *db)
{
    PGresult *r = NULL;
    int rc = run(conn, db, "SELECT coalesce(max(version), 0) FROM hub_schema", &r);
    if (rc < 0)
        return rc;
    int v = PQgetisnull(r, 0, 0) ? 0 : (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

int hub_pg_migrate(PGconn *conn, struct hub_db *db)
{
    int rc = run(conn, db, "SELECT pg_advisory_lock(" MIGRATION_LOCK ")", NULL);
    if (rc < 0)
        return rc;
    rc = run(conn, db,
             "CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER PRIMARY KEY, "
             "applied_ms BIGINT NOT NULL)",
             NULL);
    int v = rc == 0 ? hub_pg_schema_version(conn, db) : rc;
    rc = v < 0 ? v : 0;
    if (rc == 0 && v > MIGRATIONS)
        rc = hub_db_fail(db, -EPROTO,
                         "the hub store was written by a newer serambi-hub (schema %d, this "
                         "program knows %d)",
                         v, MIGRATIONS);
    for (; rc == 0 && v < MIGRATIONS; v++) {
        char bump[128];
        snprintf(bump, sizeof(bump),
                 "INSERT INTO hub_schema VALUES (%d, (extract(epoch from now()) * 1000)::bigint)",
                 v + 1);
        rc = run(conn, db, "BEGIN", NULL);
        if (rc == 0)
            rc = run(conn, db, migrations[v], NULL);
        if (rc == 0)
            rc = run(conn, db, bump, NULL);
        if (rc == 0)
            rc = run(conn, db, "COMMIT", NULL);
        if (rc < 0)
            PQclear(PQexec(conn, "ROLLBACK"));
    }
    PQclear(PQexec(conn, "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")"));
    return rc;
}
