/*
 * db_pg — the hub's store on PostgreSQL, for a province of kiosks and
 * several hub processes behind a load balancer: libpq, statements
 * prepared once per connection; the schema and its migrations are
 * db_pg_schema.c's.
 *
 * The one idea: the upsert and the answer are one statement. A CTE writes
 * the row when its version is newer and from the same kiosk, and the
 * query returns what is held either way, so a push costs one round trip
 * per row inside one transaction per batch.
 */
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/db_backend.h"
#include "hub/db_pg_schema.h"

enum stmt_id {
    S_PING,
    S_KIOSK_ADD,
    S_KIOSK_REDEEM,
    S_KIOSK_REPEAT,
    S_KIOSK_REVOKE,
    S_KIOSK_AUTH,
    S_UPSERT,
    S_TOUCH,
    S_STATUS,
    S_LATEST,
    S_DECIDE,
    S_CHANGES,
    S_COUNT,
    S_KIOSKS,
    S_ATT_SIZE,
    S_UP_ENSURE,
    S_UP_LOCK,
    S_UP_SET,
    S_UP_DONE,
    S_UP_DROP,
    S_CHUNK_ADD,
    S_CHUNKS,
    S_CHUNKS_DROP,
    S_OVERDUE,
    S_PUBLISH,
    S_DOCUMENTS,
    S_N
};

/* clang-format off */
static const struct {
    const char *sql;
    int nparams;
} stmts[S_N] = {
    [S_PING] = {"SELECT 1", 0},
    [S_KIOSK_ADD] = {"INSERT INTO kiosks (name, code_hash, created_ms) VALUES ($1, $2, $3::bigint)", 3},
    [S_KIOSK_REDEEM] = {"UPDATE kiosks SET token_hash = $2, enrolled_ms = $3::bigint "
                        "WHERE code_hash = $1 AND enrolled_ms IS NULL AND revoked_ms IS NULL "
                        "AND created_ms >= $4::bigint RETURNING name", 4},
    [S_KIOSK_REPEAT] = {"SELECT name FROM kiosks WHERE code_hash = $1 AND token_hash = $2 "
                        "AND revoked_ms IS NULL", 2},
    [S_KIOSK_REVOKE] = {"UPDATE kiosks SET revoked_ms = $2::bigint, code_hash = NULL, token_hash = NULL "
                        "WHERE name = $1 AND revoked_ms IS NULL", 2},
    [S_KIOSK_AUTH] = {"SELECT id FROM kiosks WHERE token_hash = $1 AND revoked_ms IS NULL", 1},
    [S_UPSERT] = {"WITH up AS (INSERT INTO records AS r "
                  "(id, kind, version, kiosk, payload, tracking_code, received_ms, "
                  "status, due_ms, sha256, size_bytes) "
                  "VALUES ($1, $2, $3::int, $4::bigint, $5, NULLIF($6, ''), $7::bigint, "
                  "NULLIF($8, ''), $9::bigint, NULLIF($10, ''), $11::bigint) "
                  "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                  "payload = excluded.payload, tracking_code = excluded.tracking_code, "
                  "received_ms = excluded.received_ms, status = excluded.status, "
                  "due_ms = excluded.due_ms, sha256 = excluded.sha256, size_bytes = excluded.size_bytes "
                  "WHERE excluded.version > r.version AND r.kiosk = excluded.kiosk "
                  "RETURNING version, kiosk) "
                  "SELECT version, kiosk FROM up UNION ALL "
                  "SELECT version, kiosk FROM records WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM up)", 11},
    [S_TOUCH] = {"UPDATE kiosks SET last_push_ms = $2::bigint WHERE id = $1::bigint", 2},
    [S_STATUS] = {"SELECT id, kind, payload FROM records WHERE tracking_code = $1 "
                  "AND kind IN ('meeting', 'complaint') LIMIT 1", 1},
    [S_LATEST] = {"SELECT status, schedule, due_ms FROM decisions WHERE record_id = $1 "
                  "ORDER BY cursor DESC LIMIT 1", 1},
    [S_DECIDE] = {"INSERT INTO decisions (record_id, status, schedule, answer, class, due_ms, decided_ms) "
                  "SELECT id, $2, $3, $4, $5, $6::bigint, $7::bigint FROM records WHERE id = $1 "
                  "RETURNING cursor, (SELECT kind FROM records WHERE id = $1)", 7},
    [S_CHANGES] = {"SELECT d.cursor, d.record_id, r.kind, d.status, d.schedule, d.answer, d.class, "
                   "d.due_ms, d.decided_ms FROM decisions d JOIN records r ON r.id = d.record_id "
                   "WHERE r.kiosk = $1::bigint AND d.cursor > $2::bigint ORDER BY d.cursor "
                   "LIMIT $3::bigint", 3},
    [S_COUNT] = {"SELECT kind, count(*) FROM records GROUP BY kind", 0},
    [S_KIOSKS] = {"SELECT name, coalesce(last_push_ms, 0) FROM kiosks "
                  "WHERE revoked_ms IS NULL AND enrolled_ms IS NOT NULL ORDER BY name", 0},
    [S_ATT_SIZE] = {"SELECT size_bytes FROM records WHERE kiosk = $1::bigint AND sha256 = $2 LIMIT 1", 2},
    [S_UP_ENSURE] = {"INSERT INTO uploads (kiosk, sha256, received_bytes) VALUES ($1::bigint, $2, 0) "
                     "ON CONFLICT (kiosk, sha256) DO NOTHING", 2},
    [S_UP_LOCK] = {"SELECT received_bytes, coalesce(complete_ms, 0) FROM uploads "
                   "WHERE kiosk = $1::bigint AND sha256 = $2 FOR UPDATE", 2},
    [S_UP_SET] = {"UPDATE uploads SET received_bytes = $3::bigint WHERE kiosk = $1::bigint AND sha256 = $2", 3},
    [S_UP_DONE] = {"UPDATE uploads SET complete_ms = $3::bigint WHERE kiosk = $1::bigint AND sha256 = $2", 3},
    [S_UP_DROP] = {"DELETE FROM uploads WHERE kiosk = $1::bigint AND sha256 = $2", 2},
    [S_CHUNK_ADD] = {"INSERT INTO upload_chunks (kiosk, sha256, start_byte, data) "
                     "VALUES ($1::bigint, $2, $3::bigint, $4::bytea)", 4},
    [S_CHUNKS] = {"SELECT data FROM upload_chunks WHERE kiosk = $1::bigint AND sha256 = $2 "
                  "ORDER BY start_byte", 2},
    [S_CHUNKS_DROP] = {"DELETE FROM upload_chunks WHERE kiosk = $1::bigint AND sha256 = $2", 2},
    [S_OVERDUE] = {HUB_DB_OVERDUE_SQL("$1::bigint"), 1},
    [S_PUBLISH] = {"INSERT INTO documents (name, body, sha256, published_ms) "
                   "VALUES ($1, $2, $3, $4::bigint) RETURNING cursor", 4},
    [S_DOCUMENTS] = {"SELECT cursor, name, body, sha256, published_ms FROM documents "
                     "WHERE cursor > $1::bigint ORDER BY cursor LIMIT $2::bigint", 2},
};
/* clang-format on */

struct pg_db {
    struct hub_db base; /* first: a struct hub_db * is a struct pg_db * */
    PGconn *conn;
};

static struct pg_db *from(struct hub_db *db)
{
    return (struct pg_db *)db;
}

static int fail_res(struct pg_db *p, PGresult *res, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    /* 40001 serialization failure, 40P01 deadlock: worth a retry. */
    int rc = state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) ? -EBUSY
             : state && strcmp(state, "23505") == 0                                ? -EEXIST
                                                                                   : -EIO;
    char msg[200];
    snprintf(msg, sizeof(msg), "%s", PQerrorMessage(p->conn));
    msg[strcspn(msg, "\n")] = '\0';
    PQclear(res);
    return hub_db_fail(&p->base, rc, "postgresql: %s: %s", what, msg);
}

/* Runs a prepared statement with parameters in the given formats (NULL:
 * all text) and results in result_format (1: binary); on success *res
 * holds the result (the caller clears it). */
static int exec_fmt(struct pg_db *p, enum stmt_id id, const char *const *params, const int *lengths,
                    const int *formats, int result_format, PGresult **res)
{
    char name[16];
    snprintf(name, sizeof(name), "s%d", (int)id);
    PGresult *r =
        PQexecPrepared(p->conn, name, stmts[id].nparams, params, lengths, formats, result_format);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail_res(p, r, stmts[id].sql);
    *res = r;
    return 0;
}

static int exec(struct pg_db *p, enum stmt_id id, const char *const *params, PGresult **res)
{
    return exec_fmt(p, id, params, NULL, NULL, 0, res);
}

static int exec_plain(struct pg_db *p, const char *sql)
{
    PGresult *r = PQexec(p->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail_res(p, r, sql);
    PQclear(r);
    return 0;
}

static void copy_val(PGresult *r, int row, int col, char *buf, size_t cap)
{
    const char *t = PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
    size_t n = strlen(t);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, t, n);
    buf[n] = '\0';
}

static int64_t i64_val(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static void pg_close(struct hub_db *db)
{
    struct pg_db *p = from(db);
    PQfinish(p->conn);
    free(p);
}

static int pg_schema_version(struct hub_db *db)
{
    return hub_pg_schema_version(from(db)->conn, db);
}

static int prepare_all(struct pg_db *p)
{
    for (int i = 0; i < S_N; i++) {
        char name[16];
        snprintf(name, sizeof(name), "s%d", i);
        PGresult *r = PQprepare(p->conn, name, stmts[i].sql, stmts[i].nparams, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            return fail_res(p, r, stmts[i].sql);
        PQclear(r);
    }
    return 0;
}

static int pg_ping(struct hub_db *db)
{
    PGresult *r = NULL;
    int rc = exec(from(db), S_PING, NULL, &r);
    PQclear(r);
    return rc;
}

static void i64_text(char *buf, size_t cap, int64_t v)
{
    snprintf(buf, cap, "%" PRId64, v);
}

static int pg_kiosk_add(struct hub_db *db, const char *name, const char *code_hash, int64_t now_ms)
{
    char now[24];
    i64_text(now, sizeof(now), now_ms);
    const char *params[] = {name, code_hash, now};
    PGresult *r = NULL;
    int rc = exec(from(db), S_KIOSK_ADD, params, &r);
    PQclear(r);
    if (rc == -EEXIST)
        hub_db_fail(db, rc, "a kiosk of that name is enrolled");
    return rc;
}

static int pg_kiosk_redeem(struct hub_db *db, const char *code_hash, const char *token_hash,
                           int64_t now_ms, int64_t expiry_ms, char *name_out, size_t cap)
{
    char now[24], oldest[24];
    i64_text(now, sizeof(now), now_ms);
    i64_text(oldest, sizeof(oldest), now_ms - expiry_ms);
    const char *params[] = {code_hash, token_hash, now, oldest};
    PGresult *r = NULL;
    int rc = exec(from(db), S_KIOSK_REDEEM, params, &r);
    /* A token another kiosk holds (UNIQUE) is refused like a wrong code. */
    if (rc == -EEXIST)
        return hub_db_fail(db, -EACCES, "that token belongs to another kiosk");
    if (rc == 0 && PQntuples(r) == 0) {
        /* Not a fresh code: the repeat of a lost answer holds both already. */
        PQclear(r);
        r = NULL;
        rc = exec(from(db), S_KIOSK_REPEAT, params, &r);
    }
    if (rc < 0)
        return rc;
    if (PQntuples(r) != 1)
        rc = hub_db_fail(db, -EACCES, "no such enrollment code");
    else
        copy_val(r, 0, 0, name_out, cap);
    PQclear(r);
    return rc;
}

static int pg_kiosk_revoke(struct hub_db *db, const char *name, int64_t now_ms)
{
    char now[24];
    i64_text(now, sizeof(now), now_ms);
    const char *params[] = {name, now};
    PGresult *r = NULL;
    int rc = exec(from(db), S_KIOSK_REVOKE, params, &r);
    if (rc < 0)
        return rc;
    if (strcmp(PQcmdTuples(r), "1") != 0)
        rc = hub_db_fail(db, -ENOENT, "no such kiosk");
    PQclear(r);
    return rc;
}

static int pg_kiosk_auth(struct hub_db *db, const char *token_hash, int64_t *kiosk_out)
{
    const char *params[] = {token_hash};
    PGresult *r = NULL;
    int rc = exec(from(db), S_KIOSK_AUTH, params, &r);
    if (rc < 0)
        return rc;
    if (PQntuples(r) == 1)
        *kiosk_out = i64_val(r, 0, 0);
    else
        rc = -EACCES;
    PQclear(r);
    return rc;
}

/* Reads the results of one pipelined query: its result, then NULL. */
static int pipeline_result(struct pg_db *p, PGresult **out)
{
    PGresult *r = PQgetResult(p->conn);
    ExecStatusType st = PQresultStatus(r);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -EIO;
    if (rc < 0) {
        fail_res(p, r, "push");
        r = NULL;
    }
    /* Each query's results end with NULL. */
    PGresult *extra;
    while ((extra = PQgetResult(p->conn)) != NULL)
        PQclear(extra);
    if (out && rc == 0)
        *out = r;
    else
        PQclear(r);
    return rc;
}

/*
 * The whole batch goes in libpq's pipeline mode: BEGIN, one upsert per
 * row, the kiosk's last push time and COMMIT are sent at once and their
 * answers read afterwards. Round trips, not the server, bound a push:
 * pipelined, a batch costs one.
 */
static int pg_push(struct hub_db *db, int64_t kiosk, const struct hub_push_row *rows, size_t n,
                   int64_t now_ms, int *held_out)
{
    struct pg_db *p = from(db);
    int *held = calloc(n ? n : 1, sizeof(*held));
    char(*versions)[16] = calloc(n ? n : 1, sizeof(*versions));
    char(*dues)[24] = calloc(n ? n : 1, sizeof(*dues));
    char(*sizes)[24] = calloc(n ? n : 1, sizeof(*sizes));
    int rc = -ENOMEM;
    if (!held || !versions || !dues || !sizes)
        goto out;
    char kiosk_s[24], now[24];
    i64_text(kiosk_s, sizeof(kiosk_s), kiosk);
    i64_text(now, sizeof(now), now_ms);
    rc = -EIO;
    if (!PQenterPipelineMode(p->conn)) {
        hub_db_fail(db, -EIO, "postgresql: cannot enter pipeline mode");
        goto out;
    }
    char upsert[16], touch_name[16];
    snprintf(upsert, sizeof(upsert), "s%d", (int)S_UPSERT);
    snprintf(touch_name, sizeof(touch_name), "s%d", (int)S_TOUCH);
    bool sent = PQsendQueryParams(p->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0);
    for (size_t i = 0; sent && i < n; i++) {
        snprintf(versions[i], sizeof(versions[i]), "%d", rows[i].version);
        bool has_due = rows[i].due_ms > 0;
        bool has_sha = rows[i].sha256 && rows[i].sha256[0];
        snprintf(dues[i], sizeof(dues[i]), "%" PRId64, rows[i].due_ms);
        snprintf(sizes[i], sizeof(sizes[i]), "%" PRId64, rows[i].size_bytes);
        const char *params[] = {rows[i].id,
                                rec_kind_name(rows[i].kind),
                                versions[i],
                                kiosk_s,
                                rows[i].payload,
                                rows[i].tracking_code ? rows[i].tracking_code : "",
                                now,
                                rows[i].status ? rows[i].status : "",
                                has_due ? dues[i] : NULL,
                                has_sha ? rows[i].sha256 : "",
                                has_sha ? sizes[i] : NULL};
        sent = PQsendQueryPrepared(p->conn, upsert, 11, params, NULL, NULL, 0);
    }
    const char *touch[] = {kiosk_s, now};
    sent = sent && PQsendQueryPrepared(p->conn, touch_name, 2, touch, NULL, NULL, 0) &&
           PQsendQueryParams(p->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0) &&
           PQpipelineSync(p->conn);
    if (!sent) {
        hub_db_fail(db, -EIO, "postgresql: sending the batch failed");
    } else {
        rc = pipeline_result(p, NULL);
        for (size_t i = 0; i < n; i++) {
            PGresult *r = NULL;
            if (pipeline_result(p, rc == 0 ? &r : NULL) < 0 || rc < 0) {
                rc = -EIO;
                continue;
            }
            held[i] = PQntuples(r) == 1 && i64_val(r, 0, 1) == kiosk ? (int)i64_val(r, 0, 0) : 0;
            PQclear(r);
        }
        if (pipeline_result(p, NULL) < 0 || pipeline_result(p, NULL) < 0)
            rc = -EIO;
        /* The sync point. */
        PGresult *r;
        while ((r = PQgetResult(p->conn)) != NULL) {
            bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync)
                break;
        }
    }
    PQexitPipelineMode(p->conn);
    if (rc < 0) {
        char keep[sizeof(db->error)];
        memcpy(keep, db->error, sizeof(keep));
        PQclear(PQexec(p->conn, "ROLLBACK"));
        memcpy(db->error, keep, sizeof(keep));
        goto out;
    }
    memcpy(held_out, held, n * sizeof(*held));
out:
    free(held);
    free(versions);
    free(dues);
    free(sizes);
    return rc;
}

static int pg_status(struct hub_db *db, const char *code, struct hub_status *out)
{
    struct pg_db *p = from(db);
    const char *params[] = {code};
    PGresult *r = NULL;
    int rc = exec(p, S_STATUS, params, &r);
    if (rc < 0)
        return rc;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return -ENOENT;
    }
    char id[REC_ID_SIZE];
    enum rec_kind kind;
    struct hub_status res;
    copy_val(r, 0, 0, id, sizeof(id));
    if (rec_kind_parse(PQgetvalue(r, 0, 1), &kind) < 0 ||
        hub_db_status_from_payload(PQgetvalue(r, 0, 2), kind, &res) < 0) {
        PQclear(r);
        return hub_db_fail(db, -EIO, "a stored record is not readable");
    }
    PQclear(r);
    res.schedule[0] = '\0';
    const char *lp[] = {id};
    rc = exec(p, S_LATEST, lp, &r);
    if (rc < 0)
        return rc;
    if (PQntuples(r) == 1) {
        copy_val(r, 0, 0, res.status, sizeof(res.status));
        copy_val(r, 0, 1, res.schedule, sizeof(res.schedule));
        if (i64_val(r, 0, 2) > 0)
            res.due_ms = i64_val(r, 0, 2);
    }
    PQclear(r);
    *out = res;
    return 0;
}

static int pg_decide(struct hub_db *db, struct hub_decision *d)
{
    char due[24], at[24];
    i64_text(due, sizeof(due), d->due_ms);
    i64_text(at, sizeof(at), d->decided_ms);
    const char *params[] = {d->record_id, d->status, d->schedule, d->answer, d->cls, due, at};
    PGresult *r = NULL;
    int rc = exec(from(db), S_DECIDE, params, &r);
    if (rc < 0)
        return rc;
    enum rec_kind kind;
    if (PQntuples(r) != 1)
        rc = hub_db_fail(db, -ENOENT, "no such record");
    else if (rec_kind_parse(PQgetvalue(r, 0, 1), &kind) < 0)
        rc = hub_db_fail(db, -EIO, "a stored record has an unknown kind");
    else {
        d->cursor = i64_val(r, 0, 0);
        d->kind = kind;
    }
    PQclear(r);
    return rc;
}

static int pg_changes(struct hub_db *db, int64_t kiosk, int64_t after, size_t max,
                      struct hub_decision **out, size_t *n)
{
    char k[24], a[24], m[24];
    i64_text(k, sizeof(k), kiosk);
    i64_text(a, sizeof(a), after);
    i64_text(m, sizeof(m), (int64_t)max);
    const char *params[] = {k, a, m};
    PGresult *r = NULL;
    int rc = exec(from(db), S_CHANGES, params, &r);
    if (rc < 0)
        return rc;
    size_t rows = (size_t)PQntuples(r), count = 0;
    struct hub_decision *list = rows ? calloc(rows, sizeof(*list)) : NULL;
    if (rows && !list) {
        PQclear(r);
        return -ENOMEM;
    }
    for (size_t i = 0; i < rows; i++) {
        struct hub_decision *d = &list[count];
        if (rec_kind_parse(PQgetvalue(r, (int)i, 2), &d->kind) < 0)
            continue;
        d->cursor = i64_val(r, (int)i, 0);
        copy_val(r, (int)i, 1, d->record_id, sizeof(d->record_id));
        copy_val(r, (int)i, 3, d->status, sizeof(d->status));
        copy_val(r, (int)i, 4, d->schedule, sizeof(d->schedule));
        copy_val(r, (int)i, 5, d->answer, sizeof(d->answer));
        copy_val(r, (int)i, 6, d->cls, sizeof(d->cls));
        d->due_ms = i64_val(r, (int)i, 7);
        d->decided_ms = i64_val(r, (int)i, 8);
        count++;
    }
    PQclear(r);
    if (count == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    *n = count;
    return 0;
}

/* A statement answering (kind, count) rows, as counts per kind. */
static int kind_counts(struct pg_db *p, enum stmt_id id, const char *const *params,
                       int64_t counts[REC_KIND_COUNT])
{
    PGresult *r = NULL;
    int rc = exec(p, id, params, &r);
    if (rc < 0)
        return rc;
    int64_t c[REC_KIND_COUNT] = {0};
    for (int i = 0; i < PQntuples(r); i++) {
        enum rec_kind k;
        if (rec_kind_parse(PQgetvalue(r, i, 0), &k) == 0)
            c[k] = i64_val(r, i, 1);
    }
    PQclear(r);
    memcpy(counts, c, sizeof(c));
    return 0;
}

static int pg_count_by_kind(struct hub_db *db, int64_t counts[REC_KIND_COUNT])
{
    return kind_counts(from(db), S_COUNT, NULL, counts);
}

static int pg_kiosks(struct hub_db *db, hub_db_kiosk_cb cb, void *ctx)
{
    PGresult *r = NULL;
    int rc = exec(from(db), S_KIOSKS, NULL, &r);
    if (rc < 0)
        return rc;
    for (int i = 0; rc == 0 && i < PQntuples(r); i++) {
        char name[HUB_NAME_SIZE];
        copy_val(r, i, 0, name, sizeof(name));
        rc = cb(ctx, name, i64_val(r, i, 1));
    }
    PQclear(r);
    return rc;
}

/* The attachment's size from its record and its upload's progress; with
 * lock, inside a transaction, the upload's row is locked (and made). */
static int upload_state(struct pg_db *p, int64_t kiosk, const char *sha256, bool lock,
                        struct hub_attachment *out)
{
    char k[24];
    i64_text(k, sizeof(k), kiosk);
    const char *params[] = {k, sha256};
    PGresult *r = NULL;
    int rc = exec(p, S_ATT_SIZE, params, &r);
    if (rc < 0)
        return rc;
    struct hub_attachment a = {0};
    bool found = PQntuples(r) == 1;
    if (found)
        a.size_bytes = i64_val(r, 0, 0);
    PQclear(r);
    if (!found)
        return hub_db_fail(&p->base, -ENOENT, "no attachment record with that SHA-256");
    if (lock) {
        rc = exec(p, S_UP_ENSURE, params, &r);
        PQclear(r);
        if (rc < 0)
            return rc;
    }
    rc = exec(p, S_UP_LOCK, params, &r);
    if (rc < 0)
        return rc;
    if (PQntuples(r) == 1) {
        a.received_bytes = i64_val(r, 0, 0);
        a.complete_ms = i64_val(r, 0, 1);
    }
    PQclear(r);
    *out = a;
    return 0;
}

static int pg_upload_state(struct hub_db *db, int64_t kiosk, const char *sha256, bool lock,
                           struct hub_attachment *out)
{
    /* Outside a transaction, FOR UPDATE holds its lock for this statement only. */
    return upload_state(from(db), kiosk, sha256, lock, out);
}

static int pg_tx(struct hub_db *db, enum hub_db_tx what)
{
    struct pg_db *p = from(db);
    if (what == HUB_DB_ROLLBACK) {
        PQclear(PQexec(p->conn, "ROLLBACK"));
        return 0;
    }
    return exec_plain(p, what == HUB_DB_BEGIN ? "BEGIN" : "COMMIT");
}

static int run_key(struct pg_db *p, enum stmt_id id, int64_t kiosk, const char *sha256,
                   const int64_t *third)
{
    char k[24], v[24];
    i64_text(k, sizeof(k), kiosk);
    if (third)
        i64_text(v, sizeof(v), *third);
    const char *params[] = {k, sha256, v};
    PGresult *r = NULL;
    int rc = exec(p, id, params, &r);
    PQclear(r);
    return rc;
}

static int pg_upload_step(struct hub_db *db, enum hub_db_upload_step step, int64_t kiosk,
                          const char *sha256, int64_t value)
{
    struct pg_db *p = from(db);
    switch (step) {
    case HUB_DB_UP_RECEIVED:
        return run_key(p, S_UP_SET, kiosk, sha256, &value);
    case HUB_DB_UP_DONE:
        return run_key(p, S_UP_DONE, kiosk, sha256, &value);
    case HUB_DB_UP_DROP:
        break;
    }
    int rc = run_key(p, S_CHUNKS_DROP, kiosk, sha256, NULL);
    return rc < 0 ? rc : run_key(p, S_UP_DROP, kiosk, sha256, NULL);
}

static int pg_chunk_add(struct hub_db *db, int64_t kiosk, const char *sha256, int64_t offset,
                        const void *data, size_t len)
{
    struct pg_db *p = from(db);
    if (len > (size_t)INT32_MAX)
        return hub_db_fail(db, -EFBIG, "the chunk is too large");
    char k[24], o[24];
    i64_text(k, sizeof(k), kiosk);
    i64_text(o, sizeof(o), offset);
    const char *params[] = {k, sha256, o, data};
    const int lengths[] = {0, 0, 0, (int)len};
    const int formats[] = {0, 0, 0, 1};
    PGresult *r = NULL;
    int rc = exec_fmt(p, S_CHUNK_ADD, params, lengths, formats, 0, &r);
    PQclear(r);
    return rc;
}

/* The chunks of an upload in order, from one binary result. */
static int pg_chunks_each(struct hub_db *db, int64_t kiosk, const char *sha256, hub_db_chunk_cb cb,
                          void *ctx)
{
    struct pg_db *p = from(db);
    char k[24];
    i64_text(k, sizeof(k), kiosk);
    const char *params[] = {k, sha256};
    PGresult *r = NULL;
    int rc = exec_fmt(p, S_CHUNKS, params, NULL, NULL, 1, &r);
    if (rc < 0)
        return rc;
    int stop = 0;
    for (int i = 0; !stop && i < PQntuples(r); i++)
        stop = cb(ctx, PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0));
    PQclear(r);
    return stop ? (stop < 0 ? stop : -EIO) : 0;
}

static int pg_overdue_by_kind(struct hub_db *db, int64_t now_ms, int64_t counts[REC_KIND_COUNT])
{
    char now[24];
    i64_text(now, sizeof(now), now_ms);
    const char *params[] = {now};
    return kind_counts(from(db), S_OVERDUE, params, counts);
}

/*
 * The table lock makes publications take their cursors in the order they
 * commit: without it a kiosk could read cursor 8 while 7 is still
 * uncommitted, move past 7 and never see it. Readers are not blocked.
 */
static int pg_publish(struct hub_db *db, const char *name, const char *text, size_t len,
                      const char *sha256, int64_t now_ms, int64_t *cursor_out)
{
    struct pg_db *p = from(db);
    char at[24];
    i64_text(at, sizeof(at), now_ms);
    (void)len; /* text is NUL-terminated and holds no NUL (officedoc_check()) */
    const char *params[] = {name, text, sha256, at};
    PGresult *r = NULL;
    int rc = exec_plain(p, "BEGIN");
    if (rc == 0)
        rc = exec_plain(p, "LOCK TABLE documents IN EXCLUSIVE MODE");
    if (rc == 0)
        rc = exec(p, S_PUBLISH, params, &r);
    if (rc == 0) {
        *cursor_out = i64_val(r, 0, 0);
        PQclear(r);
        rc = exec_plain(p, "COMMIT");
    }
    if (rc < 0) {
        char keep[sizeof(db->error)];
        memcpy(keep, db->error, sizeof(keep));
        PQclear(PQexec(p->conn, "ROLLBACK"));
        memcpy(db->error, keep, sizeof(keep));
    }
    return rc;
}

static int pg_documents(struct hub_db *db, int64_t after, size_t max, struct hub_document **out,
                        size_t *n)
{
    char a[24], m[24];
    i64_text(a, sizeof(a), after);
    i64_text(m, sizeof(m), (int64_t)max);
    const char *params[] = {a, m};
    PGresult *r = NULL;
    int rc = exec(from(db), S_DOCUMENTS, params, &r);
    if (rc < 0)
        return rc;
    size_t rows = (size_t)PQntuples(r);
    struct hub_document *list = rows ? calloc(rows, sizeof(*list)) : NULL;
    if (rows && !list) {
        PQclear(r);
        return -ENOMEM;
    }
    for (size_t i = 0; i < rows; i++) {
        struct hub_document *d = &list[i];
        size_t len = (size_t)PQgetlength(r, (int)i, 2);
        d->text = malloc(len + 1);
        if (!d->text) {
            PQclear(r);
            hub_db_documents_free(list, rows);
            return -ENOMEM;
        }
        memcpy(d->text, PQgetvalue(r, (int)i, 2), len);
        d->text[len] = '\0';
        d->len = len;
        d->cursor = i64_val(r, (int)i, 0);
        copy_val(r, (int)i, 1, d->name, sizeof(d->name));
        copy_val(r, (int)i, 3, d->sha256, sizeof(d->sha256));
        d->published_ms = i64_val(r, (int)i, 4);
    }
    PQclear(r);
    *out = list;
    *n = rows;
    return 0;
}

static const struct hub_db_ops ops = {
    .name = "postgresql",
    .close = pg_close,
    .schema_version = pg_schema_version,
    .ping = pg_ping,
    .kiosk_add = pg_kiosk_add,
    .kiosk_redeem = pg_kiosk_redeem,
    .kiosk_revoke = pg_kiosk_revoke,
    .kiosk_auth = pg_kiosk_auth,
    .push = pg_push,
    .status = pg_status,
    .decide = pg_decide,
    .changes = pg_changes,
    .count_by_kind = pg_count_by_kind,
    .kiosks = pg_kiosks,
    .tx = pg_tx,
    .upload_state = pg_upload_state,
    .upload_step = pg_upload_step,
    .chunk_add = pg_chunk_add,
    .chunks_each = pg_chunks_each,
    .overdue_by_kind = pg_overdue_by_kind,
    .publish = pg_publish,
    .documents = pg_documents,
};

int hub_db_pg_open(const char *url, struct hub_db **out, char *errbuf, size_t errcap)
{
    struct pg_db *p = calloc(1, sizeof(*p));
    int rc = -ENOMEM;
    if (!p)
        goto out;
    p->base.ops = &ops;
    rc = -EIO;
    p->conn = PQconnectdb(url);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        /* libpq's message names host and database, never the password. */
        hub_db_fail(&p->base, -EIO, "postgresql: cannot connect: %s",
                    p->conn ? PQerrorMessage(p->conn) : "out of memory");
        p->base.error[strcspn(p->base.error, "\n")] = '\0';
        goto out;
    }
    PQclear(PQexec(p->conn, "SET client_min_messages = warning"));
    rc = hub_pg_migrate(p->conn, &p->base);
    if (rc == 0)
        rc = prepare_all(p);
    if (rc < 0)
        goto out;
    *out = &p->base;
    p = NULL;
out:
    if (rc < 0 && errbuf && errcap)
        snprintf(errbuf, errcap, "%s", p && p->base.error[0] ? p->base.error : "out of memory");
    if (p)
        pg_close(&p->base);
    return rc;
}
