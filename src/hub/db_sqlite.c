/*
 * db_sqlite — the hub's store in one SQLite file, for one office: WAL,
 * synchronous=FULL, a busy timeout, numbered migrations recorded in
 * PRAGMA user_version, one cached prepared statement per query.
 *
 * The one idea: a push is one IMMEDIATE transaction whose upsert only
 * replaces a row with a newer version from the same kiosk, so a resent or
 * reordered batch can never move a record backwards or across kiosks.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/db_backend.h"

/* clang-format off */
static const char *const m1_base =
    "CREATE TABLE kiosks ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " code_hash TEXT UNIQUE,"
    " token_hash TEXT UNIQUE,"
    " created_ms INTEGER NOT NULL,"
    " enrolled_ms INTEGER,"
    " revoked_ms INTEGER,"
    " last_push_ms INTEGER);"
    "CREATE UNIQUE INDEX kiosks_current_name ON kiosks (name) WHERE revoked_ms IS NULL;"
    "CREATE TABLE records ("
    " id TEXT PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " kiosk INTEGER NOT NULL REFERENCES kiosks (id),"
    " payload TEXT NOT NULL,"
    " tracking_code TEXT,"
    " received_ms INTEGER NOT NULL);"
    "CREATE INDEX records_by_code ON records (tracking_code) WHERE tracking_code IS NOT NULL;"
    "CREATE TABLE decisions ("
    " cursor INTEGER PRIMARY KEY AUTOINCREMENT,"
    " record_id TEXT NOT NULL REFERENCES records (id),"
    " status TEXT NOT NULL,"
    " schedule TEXT NOT NULL,"
    " answer TEXT NOT NULL,"
    " class TEXT NOT NULL,"
    " due_ms INTEGER NOT NULL,"
    " decided_ms INTEGER NOT NULL);"
    "CREATE INDEX decisions_by_record ON decisions (record_id, cursor);";
/* 2: attachment uploads, and what /metrics and uploads read of a record
 * without parsing its payload (filled in for records already held). */
static const char *const m2_uploads =
    "ALTER TABLE records ADD COLUMN status TEXT;"
    "ALTER TABLE records ADD COLUMN due_ms INTEGER;"
    "ALTER TABLE records ADD COLUMN sha256 TEXT;"
    "ALTER TABLE records ADD COLUMN size_bytes INTEGER;"
    "UPDATE records SET status = json_extract(payload, '$.status'),"
    " due_ms = coalesce(json_extract(payload, '$.due_ms'), json_extract(payload, '$.reply_due_ms')),"
    " sha256 = CASE WHEN kind = 'attachment' THEN json_extract(payload, '$.sha256') END,"
    " size_bytes = CASE WHEN kind = 'attachment' THEN json_extract(payload, '$.size_bytes') END;"
    "CREATE INDEX records_by_sha256 ON records (kiosk, sha256) WHERE sha256 IS NOT NULL;"
    "CREATE TABLE uploads ("
    " kiosk INTEGER NOT NULL REFERENCES kiosks (id),"
    " sha256 TEXT NOT NULL,"
    " received_bytes INTEGER NOT NULL CHECK (received_bytes >= 0),"
    " complete_ms INTEGER,"
    " PRIMARY KEY (kiosk, sha256));"
    "CREATE TABLE upload_chunks ("
    " kiosk INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " start_byte INTEGER NOT NULL,"
    " data BLOB NOT NULL,"
    " PRIMARY KEY (kiosk, sha256, start_byte),"
    " FOREIGN KEY (kiosk, sha256) REFERENCES uploads (kiosk, sha256));";
/* 3: office documents published for every kiosk (calendars, rules, texts). */
static const char *const m3_documents =
    "CREATE TABLE documents ("
    " cursor INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " published_ms INTEGER NOT NULL);";
/* clang-format on */

/* Append only: migration i brings user_version from i to i + 1. */
static const char *const migrations[] = {m1_base, m2_uploads, m3_documents};
#define MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

enum stmt_id {
    S_PING,
    S_KIOSK_ADD,
    S_KIOSK_REDEEM,
    S_KIOSK_REPEAT,
    S_KIOSK_NAME,
    S_KIOSK_REVOKE,
    S_KIOSK_AUTH,
    S_UPSERT,
    S_HELD,
    S_TOUCH,
    S_STATUS,
    S_LATEST,
    S_DECIDE_KIND,
    S_DECIDE,
    S_CHANGES,
    S_COUNT,
    S_KIOSKS,
    S_ATT_SIZE,
    S_UP_GET,
    S_UP_SET,
    S_UP_DONE,
    S_UP_DROP,
    S_CHUNK_ADD,
    S_CHUNKS,
    S_CHUNKS_DROP,
    S_OVERDUE,
    S_PUBLISH,
    S_DOCUMENTS,
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_N
};

/* clang-format off */
static const char *const sql[S_N] = {
    [S_PING] = "SELECT 1",
    [S_KIOSK_ADD] = "INSERT INTO kiosks (name, code_hash, created_ms) VALUES (?1, ?2, ?3)",
    [S_KIOSK_REDEEM] = "UPDATE kiosks SET token_hash = ?2, enrolled_ms = ?3 "
                       "WHERE code_hash = ?1 AND enrolled_ms IS NULL AND revoked_ms IS NULL "
                       "AND created_ms >= ?4",
    [S_KIOSK_REPEAT] = "SELECT name FROM kiosks WHERE code_hash = ?1 AND token_hash = ?2 "
                       "AND revoked_ms IS NULL",
    [S_KIOSK_NAME] = "SELECT name FROM kiosks WHERE token_hash = ?1",
    [S_KIOSK_REVOKE] = "UPDATE kiosks SET revoked_ms = ?2, code_hash = NULL, token_hash = NULL "
                       "WHERE name = ?1 AND revoked_ms IS NULL",
    [S_KIOSK_AUTH] = "SELECT id FROM kiosks WHERE token_hash = ?1 AND revoked_ms IS NULL",
    [S_UPSERT] = "INSERT INTO records (id, kind, version, kiosk, payload, tracking_code, received_ms, "
                 "status, due_ms, sha256, size_bytes) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET "
                 "version = excluded.version, payload = excluded.payload, "
                 "tracking_code = excluded.tracking_code, received_ms = excluded.received_ms, "
                 "status = excluded.status, due_ms = excluded.due_ms, sha256 = excluded.sha256, "
                 "size_bytes = excluded.size_bytes "
                 "WHERE excluded.version > records.version AND records.kiosk = excluded.kiosk",
    [S_HELD] = "SELECT version, kiosk FROM records WHERE id = ?1",
    [S_TOUCH] = "UPDATE kiosks SET last_push_ms = ?2 WHERE id = ?1",
    [S_STATUS] = "SELECT id, kind, payload FROM records WHERE tracking_code = ?1 "
                 "AND kind IN ('meeting', 'complaint')",
    [S_LATEST] = "SELECT status, schedule, due_ms FROM decisions WHERE record_id = ?1 "
                 "ORDER BY cursor DESC LIMIT 1",
    [S_DECIDE_KIND] = "SELECT kind FROM records WHERE id = ?1",
    [S_DECIDE] = "INSERT INTO decisions (record_id, status, schedule, answer, class, due_ms, decided_ms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_CHANGES] = "SELECT d.cursor, d.record_id, r.kind, d.status, d.schedule, d.answer, d.class, "
                  "d.due_ms, d.decided_ms FROM decisions d JOIN records r ON r.id = d.record_id "
                  "WHERE r.kiosk = ?1 AND d.cursor > ?2 ORDER BY d.cursor LIMIT ?3",
    [S_COUNT] = "SELECT kind, count(*) FROM records GROUP BY kind",
    [S_KIOSKS] = "SELECT name, coalesce(last_push_ms, 0) FROM kiosks "
                 "WHERE revoked_ms IS NULL AND enrolled_ms IS NOT NULL ORDER BY name",
    [S_ATT_SIZE] = "SELECT size_bytes FROM records WHERE kiosk = ?1 AND sha256 = ?2 LIMIT 1",
    [S_UP_GET] = "SELECT received_bytes, coalesce(complete_ms, 0) FROM uploads "
                 "WHERE kiosk = ?1 AND sha256 = ?2",
    [S_UP_SET] = "INSERT INTO uploads (kiosk, sha256, received_bytes) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT (kiosk, sha256) DO UPDATE SET received_bytes = excluded.received_bytes",
    [S_UP_DONE] = "UPDATE uploads SET complete_ms = ?3 WHERE kiosk = ?1 AND sha256 = ?2",
    [S_UP_DROP] = "DELETE FROM uploads WHERE kiosk = ?1 AND sha256 = ?2",
    [S_CHUNK_ADD] = "INSERT INTO upload_chunks (kiosk, sha256, start_byte, data) VALUES (?1, ?2, ?3, ?4)",
    [S_CHUNKS] = "SELECT data FROM upload_chunks WHERE kiosk = ?1 AND sha256 = ?2 ORDER BY start_byte",
    [S_CHUNKS_DROP] = "DELETE FROM upload_chunks WHERE kiosk = ?1 AND sha256 = ?2",
    [S_OVERDUE] = HUB_DB_OVERDUE_SQL("?1"),
    [S_PUBLISH] = "INSERT INTO documents (name, body, sha256, published_ms) VALUES (?1, ?2, ?3, ?4)",
    [S_DOCUMENTS] = "SELECT cursor, name, body, sha256, published_ms FROM documents "
                    "WHERE cursor > ?1 ORDER BY cursor LIMIT ?2",
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
};
/* clang-format on */

struct sqlite_db {
    struct hub_db base; /* first: a struct hub_db * is a struct sqlite_db * */
    sqlite3 *db;
    sqlite3_stmt *stmts[S_N];
};

static struct sqlite_db *from(struct hub_db *db)
{
    return (struct sqlite_db *)db;
}

static int fail(struct sqlite_db *s, const char *what)
{
    int code = sqlite3_errcode(s->db);
    int rc = code == SQLITE_BUSY || code == SQLITE_LOCKED ? -EBUSY : -EIO;
    return hub_db_fail(&s->base, rc, "sqlite: %s: %s", what, sqlite3_errmsg(s->db));
}

/* A prepared statement, reset and cleared of its last bindings. */
static sqlite3_stmt *stmt(struct sqlite_db *s, enum stmt_id id)
{
    if (!s->stmts[id]) {
        if (sqlite3_prepare_v3(s->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id],
                               NULL) != SQLITE_OK)
            return NULL;
    } else {
        sqlite3_reset(s->stmts[id]);
        sqlite3_clear_bindings(s->stmts[id]);
    }
    return s->stmts[id];
}

/* Runs a statement that returns no rows. */
static int run(struct sqlite_db *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(s, what);
}

static int run_simple(struct sqlite_db *s, enum stmt_id id)
{
    sqlite3_stmt *st = stmt(s, id);
    return st ? run(s, st, sql[id]) : fail(s, sql[id]);
}

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t cap)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    if (!t)
        t = "";
    size_t n = strlen(t);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, t, n);
    buf[n] = '\0';
}

static void sq_close(struct hub_db *db)
{
    struct sqlite_db *s = from(db);
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    free(s);
}

static int user_version(sqlite3 *db, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = -EIO;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

static int sq_schema_version(struct hub_db *db)
{
    int v = -1;
    return user_version(from(db)->db, &v) == 0 ? v : -EIO;
}

/* Runs the missing migrations, each in its own transaction with the
 * version bump, so two hubs starting at once migrate once. */
static int migrate(struct sqlite_db *s)
{
    for (;;) {
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return fail(s, "begin migration");
        int v = 0;
        if (user_version(s->db, &v) < 0) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return fail(s, "schema version");
        }
        if (v >= MIGRATIONS) {
            sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
            return v > MIGRATIONS ? hub_db_fail(&s->base, -EPROTO,
                                                "the hub store was written by a newer serambi-hub "
                                                "(schema %d, this program knows %d)",
                                                v, MIGRATIONS)
                                  : 0;
        }
        char bump[64];
        snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, bump, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            int rc = fail(s, "migration");
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
}

static int sq_ping(struct hub_db *db)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_PING);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        return fail(s, "ping");
    sqlite3_reset(st);
    return 0;
}

static int sq_kiosk_add(struct hub_db *db, const char *name, const char *code_hash, int64_t now_ms)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_KIOSK_ADD);
    if (!st)
        return fail(s, "prepare kiosk add");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, code_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_ms);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT)
        return hub_db_fail(db, -EEXIST, "a kiosk of that name is enrolled");
    return rc == SQLITE_DONE ? 0 : fail(s, "kiosk add");
}

static int sq_kiosk_redeem(struct hub_db *db, const char *code_hash, const char *token_hash,
                           int64_t now_ms, int64_t expiry_ms, char *name_out, size_t cap)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_KIOSK_REDEEM);
    if (!st)
        return fail(s, "prepare redeem");
    sqlite3_bind_text(st, 1, code_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_ms);
    sqlite3_bind_int64(st, 4, now_ms - expiry_ms);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    /* A token another kiosk holds (UNIQUE) is refused like a wrong code. */
    if (rc == SQLITE_CONSTRAINT)
        return hub_db_fail(db, -EACCES, "that token belongs to another kiosk");
    if (rc != SQLITE_DONE)
        return fail(s, "redeem");
    bool fresh = sqlite3_changes(s->db) == 1;
    /* Fresh: the row now holds the token. A repeat: the row must already
     * hold both the code and this token. */
    st = stmt(s, fresh ? S_KIOSK_NAME : S_KIOSK_REPEAT);
    if (!st)
        return fail(s, "prepare kiosk name");
    if (fresh)
        sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    else {
        sqlite3_bind_text(st, 1, code_hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, token_hash, -1, SQLITE_STATIC);
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_col(st, 0, name_out, cap);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE && !fresh)
        return hub_db_fail(db, -EACCES, "no such enrollment code");
    return fail(s, "kiosk name");
}

static int sq_kiosk_revoke(struct hub_db *db, const char *name, int64_t now_ms)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_KIOSK_REVOKE);
    if (!st)
        return fail(s, "prepare revoke");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ms);
    int rc = run(s, st, "revoke");
    if (rc < 0)
        return rc;
    return sqlite3_changes(s->db) == 1 ? 0 : hub_db_fail(db, -ENOENT, "no such kiosk");
}

static int sq_kiosk_auth(struct hub_db *db, const char *token_hash, int64_t *kiosk_out)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_KIOSK_AUTH);
    if (!st)
        return fail(s, "prepare auth");
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *kiosk_out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? -EACCES : fail(s, "auth");
}

static int push_one(struct sqlite_db *s, int64_t kiosk, const struct hub_push_row *r,
                    int64_t now_ms, int *held)
{
    sqlite3_stmt *st = stmt(s, S_UPSERT);
    if (!st)
        return fail(s, "prepare upsert");
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rec_kind_name(r->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->version);
    sqlite3_bind_int64(st, 4, kiosk);
    sqlite3_bind_text(st, 5, r->payload, -1, SQLITE_STATIC);
    if (r->tracking_code && r->tracking_code[0])
        sqlite3_bind_text(st, 6, r->tracking_code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, now_ms);
    if (r->status && r->status[0])
        sqlite3_bind_text(st, 8, r->status, -1, SQLITE_STATIC);
    if (r->due_ms > 0)
        sqlite3_bind_int64(st, 9, r->due_ms);
    if (r->sha256 && r->sha256[0]) {
        sqlite3_bind_text(st, 10, r->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 11, r->size_bytes);
    }
    int rc = run(s, st, "upsert");
    if (rc < 0)
        return rc;
    st = stmt(s, S_HELD);
    if (!st)
        return fail(s, "prepare held");
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        return fail(s, "held");
    *held = sqlite3_column_int64(st, 1) == kiosk ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    return 0;
}

static int sq_push(struct hub_db *db, int64_t kiosk, const struct hub_push_row *rows, size_t n,
                   int64_t now_ms, int *held_out)
{
    struct sqlite_db *s = from(db);
    int *held = calloc(n ? n : 1, sizeof(*held));
    if (!held)
        return -ENOMEM;
    int rc = run_simple(s, S_BEGIN);
    if (rc < 0)
        goto out;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = push_one(s, kiosk, &rows[i], now_ms, &held[i]);
    if (rc == 0) {
        sqlite3_stmt *st = stmt(s, S_TOUCH);
        if (!st) {
            rc = fail(s, "prepare touch");
        } else {
            sqlite3_bind_int64(st, 1, kiosk);
            sqlite3_bind_int64(st, 2, now_ms);
            rc = run(s, st, "touch");
        }
    }
    if (rc == 0)
        rc = run_simple(s, S_COMMIT);
    if (rc < 0) {
        char keep[sizeof(db->error)];
        memcpy(keep, db->error, sizeof(keep));
        run_simple(s, S_ROLLBACK);
        memcpy(db->error, keep, sizeof(keep));
        goto out;
    }
    memcpy(held_out, held, n * sizeof(*held));
out:
    free(held);
    return rc;
}

static int sq_status(struct hub_db *db, const char *code, struct hub_status *out)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_STATUS);
    if (!st)
        return fail(s, "prepare status");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? -ENOENT : fail(s, "status");
    }
    char id[REC_ID_SIZE];
    enum rec_kind kind;
    struct hub_status res;
    copy_col(st, 0, id, sizeof(id));
    const char *kname = (const char *)sqlite3_column_text(st, 1);
    const char *payload = (const char *)sqlite3_column_text(st, 2);
    if (!kname || rec_kind_parse(kname, &kind) < 0 || !payload ||
        hub_db_status_from_payload(payload, kind, &res) < 0) {
        sqlite3_reset(st);
        return hub_db_fail(db, -EIO, "a stored record is not readable");
    }
    sqlite3_reset(st);
    res.schedule[0] = '\0';
    st = stmt(s, S_LATEST);
    if (!st)
        return fail(s, "prepare latest");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, res.status, sizeof(res.status));
        copy_col(st, 1, res.schedule, sizeof(res.schedule));
        if (sqlite3_column_int64(st, 2) > 0)
            res.due_ms = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, "latest decision");
    *out = res;
    return 0;
}

static int sq_decide(struct hub_db *db, struct hub_decision *d)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_DECIDE_KIND);
    if (!st)
        return fail(s, "prepare decide");
    sqlite3_bind_text(st, 1, d->record_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    enum rec_kind kind = REC_KIND_COUNT;
    if (rc == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        if (!k || rec_kind_parse(k, &kind) < 0)
            kind = REC_KIND_COUNT;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return hub_db_fail(db, -ENOENT, "no such record");
    if (rc != SQLITE_ROW || kind == REC_KIND_COUNT)
        return fail(s, "decide kind");
    st = stmt(s, S_DECIDE);
    if (!st)
        return fail(s, "prepare decide");
    sqlite3_bind_text(st, 1, d->record_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->schedule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, d->answer, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, d->cls, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, d->due_ms);
    sqlite3_bind_int64(st, 7, d->decided_ms);
    rc = run(s, st, "decide");
    if (rc < 0)
        return rc;
    d->kind = kind;
    d->cursor = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int sq_changes(struct hub_db *db, int64_t kiosk, int64_t after, size_t max,
                      struct hub_decision **out, size_t *n)
{
    struct sqlite_db *s = from(db);
    struct hub_decision *list = NULL;
    size_t count = 0;
    int rc = 0;
    sqlite3_stmt *st = stmt(s, S_CHANGES);
    if (!st)
        return fail(s, "prepare changes");
    if (max > 0) {
        list = calloc(max, sizeof(*list));
        if (!list)
            return -ENOMEM;
    }
    sqlite3_bind_int64(st, 1, kiosk);
    sqlite3_bind_int64(st, 2, after);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    while (count < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct hub_decision *d = &list[count];
        const char *k = (const char *)sqlite3_column_text(st, 2);
        if (!k || rec_kind_parse(k, &d->kind) < 0)
            continue;
        d->cursor = sqlite3_column_int64(st, 0);
        copy_col(st, 1, d->record_id, sizeof(d->record_id));
        copy_col(st, 3, d->status, sizeof(d->status));
        copy_col(st, 4, d->schedule, sizeof(d->schedule));
        copy_col(st, 5, d->answer, sizeof(d->answer));
        copy_col(st, 6, d->cls, sizeof(d->cls));
        d->due_ms = sqlite3_column_int64(st, 7);
        d->decided_ms = sqlite3_column_int64(st, 8);
        count++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && max > 0) {
        rc = fail(s, "changes");
        sqlite3_reset(st);
        free(list);
        return rc;
    }
    sqlite3_reset(st);
    if (count == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    *n = count;
    return 0;
}

/* A statement answering (kind, count) rows, its parameter ?1 bound to
 * now_ms when it has one, as counts per kind. */
static int kind_counts(struct sqlite_db *s, enum stmt_id id, int64_t now_ms,
                       int64_t counts[REC_KIND_COUNT])
{
    int64_t c[REC_KIND_COUNT] = {0};
    sqlite3_stmt *st = stmt(s, id);
    if (!st)
        return fail(s, sql[id]);
    if (sqlite3_bind_parameter_count(st) > 0)
        sqlite3_bind_int64(st, 1, now_ms);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        enum rec_kind k;
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (name && rec_kind_parse(name, &k) == 0)
            c[k] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, sql[id]);
    memcpy(counts, c, sizeof(c));
    return 0;
}

static int sq_count_by_kind(struct hub_db *db, int64_t counts[REC_KIND_COUNT])
{
    return kind_counts(from(db), S_COUNT, 0, counts);
}

static int sq_kiosks(struct hub_db *db, hub_db_kiosk_cb cb, void *ctx)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_KIOSKS);
    if (!st)
        return fail(s, "prepare kiosks");
    int rc, cbrc = 0;
    while (cbrc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char name[HUB_NAME_SIZE];
        copy_col(st, 0, name, sizeof(name));
        cbrc = cb(ctx, name, sqlite3_column_int64(st, 1));
    }
    if (cbrc == 0 && rc != SQLITE_DONE)
        cbrc = fail(s, "kiosks");
    sqlite3_reset(st);
    return cbrc;
}

static void bind_key(sqlite3_stmt *st, int64_t kiosk, const char *sha256)
{
    sqlite3_bind_int64(st, 1, kiosk);
    sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
}

/* The attachment's size from its record and its upload's progress. */
static int upload_state(struct sqlite_db *s, int64_t kiosk, const char *sha256,
                        struct hub_attachment *out)
{
    sqlite3_stmt *st = stmt(s, S_ATT_SIZE);
    if (!st)
        return fail(s, "prepare attachment size");
    bind_key(st, kiosk, sha256);
    int rc = sqlite3_step(st);
    struct hub_attachment a = {0};
    if (rc == SQLITE_ROW)
        a.size_bytes = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return hub_db_fail(&s->base, -ENOENT, "no attachment record with that SHA-256");
    if (rc != SQLITE_ROW)
        return fail(s, "attachment size");
    st = stmt(s, S_UP_GET);
    if (!st)
        return fail(s, "prepare upload");
    bind_key(st, kiosk, sha256);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        a.received_bytes = sqlite3_column_int64(st, 0);
        a.complete_ms = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, "upload");
    *out = a;
    return 0;
}

static int sq_upload_state(struct hub_db *db, int64_t kiosk, const char *sha256, bool lock,
                           struct hub_attachment *out)
{
    (void)lock; /* BEGIN IMMEDIATE already holds the database's write lock */
    return upload_state(from(db), kiosk, sha256, out);
}

static int sq_tx(struct hub_db *db, enum hub_db_tx what)
{
    struct sqlite_db *s = from(db);
    if (what == HUB_DB_ROLLBACK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return 0;
    }
    return run_simple(s, what == HUB_DB_BEGIN ? S_BEGIN : S_COMMIT);
}

static int run_key(struct sqlite_db *s, enum stmt_id id, int64_t kiosk, const char *sha256,
                   const int64_t *third)
{
    sqlite3_stmt *st = stmt(s, id);
    if (!st)
        return fail(s, sql[id]);
    bind_key(st, kiosk, sha256);
    if (third)
        sqlite3_bind_int64(st, 3, *third);
    return run(s, st, sql[id]);
}

static int sq_upload_step(struct hub_db *db, enum hub_db_upload_step step, int64_t kiosk,
                          const char *sha256, int64_t value)
{
    struct sqlite_db *s = from(db);
    switch (step) {
    case HUB_DB_UP_RECEIVED:
        return run_key(s, S_UP_SET, kiosk, sha256, &value);
    case HUB_DB_UP_DONE:
        return run_key(s, S_UP_DONE, kiosk, sha256, &value);
    case HUB_DB_UP_DROP:
        break;
    }
    int rc = run_key(s, S_CHUNKS_DROP, kiosk, sha256, NULL);
    return rc < 0 ? rc : run_key(s, S_UP_DROP, kiosk, sha256, NULL);
}

static int sq_chunk_add(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                        const void *data, size_t len)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_CHUNK_ADD);
    if (!st)
        return fail(s, "prepare chunk");
    bind_key(st, kiosk, sha256);
    sqlite3_bind_int64(st, 3, offset);
    sqlite3_bind_blob64(st, 4, data, (sqlite3_uint64)len, SQLITE_STATIC);
    return run(s, st, "chunk");
}

static int sq_chunks_each(struct hub_db *db, int64_t kiosk, const char *sha256, hub_db_chunk_cb cb,
                          void *ctx)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_CHUNKS);
    if (!st)
        return fail(s, "prepare chunks");
    bind_key(st, kiosk, sha256);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
        stop = cb(ctx, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    sqlite3_reset(st);
    if (stop)
        return stop < 0 ? stop : -EIO;
    return rc == SQLITE_DONE ? 0 : fail(s, "chunks");
}

static int sq_overdue_by_kind(struct hub_db *db, int64_t now_ms, int64_t counts[REC_KIND_COUNT])
{
    return kind_counts(from(db), S_OVERDUE, now_ms, counts);
}

static int sq_publish(struct hub_db *db, const char *name, const char *text, size_t len,
                      const char *sha256, int64_t now_ms, int64_t *cursor_out)
{
    struct sqlite_db *s = from(db);
    sqlite3_stmt *st = stmt(s, S_PUBLISH);
    if (!st)
        return fail(s, "prepare publish");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now_ms);
    int rc = run(s, st, "publish");
    if (rc == 0)
        *cursor_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int sq_documents(struct hub_db *db, int64_t after, size_t max, struct hub_document **out,
                        size_t *n)
{
    struct sqlite_db *s = from(db);
    struct hub_document *list = NULL;
    size_t count = 0;
    int rc = 0;
    sqlite3_stmt *st = stmt(s, S_DOCUMENTS);
    if (!st)
        return fail(s, "prepare documents");
    if (max > 0) {
        list = calloc(max, sizeof(*list));
        if (!list)
            return -ENOMEM;
    }
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
    while (count < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct hub_document *d = &list[count];
        size_t len = (size_t)sqlite3_column_bytes(st, 2);
        const char *body = (const char *)sqlite3_column_text(st, 2);
        d->text = malloc(len + 1);
        if (!d->text) {
            rc = -ENOMEM;
            break;
        }
        if (len)
            memcpy(d->text, body, len);
        d->text[len] = '\0';
        d->len = len;
        d->cursor = sqlite3_column_int64(st, 0);
        copy_col(st, 1, d->name, sizeof(d->name));
        copy_col(st, 3, d->sha256, sizeof(d->sha256));
        d->published_ms = sqlite3_column_int64(st, 4);
        count++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && max > 0) {
        rc = rc == -ENOMEM ? rc : fail(s, "documents");
        sqlite3_reset(st);
        hub_db_documents_free(list, count);
        return rc;
    }
    sqlite3_reset(st);
    if (count == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    *n = count;
    return 0;
}

static const struct hub_db_ops ops = {
    .name = "sqlite",
    .close = sq_close,
    .schema_version = sq_schema_version,
    .ping = sq_ping,
    .kiosk_add = sq_kiosk_add,
    .kiosk_redeem = sq_kiosk_redeem,
    .kiosk_revoke = sq_kiosk_revoke,
    .kiosk_auth = sq_kiosk_auth,
    .push = sq_push,
    .status = sq_status,
    .decide = sq_decide,
    .changes = sq_changes,
    .count_by_kind = sq_count_by_kind,
    .kiosks = sq_kiosks,
    .tx = sq_tx,
    .upload_state = sq_upload_state,
    .upload_step = sq_upload_step,
    .chunk_add = sq_chunk_add,
    .chunks_each = sq_chunks_each,
    .overdue_by_kind = sq_overdue_by_kind,
    .publish = sq_publish,
    .documents = sq_documents,
};

int hub_db_sqlite_open(const char *path, struct hub_db **out, char *errbuf, size_t errcap)
{
    struct sqlite_db *s = calloc(1, sizeof(*s));
    int rc = -ENOMEM;
    if (!s)
        goto out;
    s->base.ops = &ops;
    rc = -EIO;
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        fail(s, "open");
        goto out;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (sqlite3_exec(s->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fail(s, "pragmas");
        goto out;
    }
    rc = migrate(s);
    if (rc < 0)
        goto out;
    *out = &s->base;
    s = NULL;
out:
    if (rc < 0 && errbuf && errcap)
        snprintf(errbuf, errcap, "%s", s && s->base.error[0] ? s->base.error : "out of memory");
    if (s)
        sq_close(&s->base);
    return rc;
}
