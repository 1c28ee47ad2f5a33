/*
 * store — opening and closing a connection: the checks that the file is
 * ours and not from the future, the PRAGMAs that make a commit durable,
 * the migrations, the kiosk id; and what every other store file shares
 * (statement cache, error messages, transactions, randomness).
 *
 * The one idea: the durability settings are verified, not just requested.
 * SQLite answers a journal_mode it cannot apply by quietly keeping the old
 * one, and a kiosk that believed it had WAL + synchronous=FULL while it had
 * neither would lose confirmed tickets on the first power cut.
 */
#include "store/internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/uuid.h"
#include "store/schema.h"

/* How long a writer waits for another connection's transaction. Writes
 * of one visitor take about a millisecond, so 5 s only runs out when
 * something is stuck. */
#define BUSY_TIMEOUT_MS 5000

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

/* The default source: one getrandom() for many ids and codes, which a
 * batch of thousands of visitors otherwise spends a syscall each on. */
static void sodium_random(void *ctx, uint8_t *buf, size_t n)
{
    struct store *st = ctx;
    if (n > sizeof(st->pool)) {
        randombytes_buf(buf, n);
        return;
    }
    if (st->pool_left < n) {
        randombytes_buf(st->pool, sizeof(st->pool));
        st->pool_left = sizeof(st->pool);
    }
    uint8_t *p = st->pool + sizeof(st->pool) - st->pool_left;
    memcpy(buf, p, n);
    sodium_memzero(p, n); /* used bytes do not linger */
    st->pool_left -= n;
}

/* One-row, one-column query of the connection's own SQL; the text copied
 * to buf. 0, -ENOENT when there is no row, or -EIO. */
static int query_text(sqlite3 *db, const char *sql, char *buf, size_t cap)
{
    sqlite3_stmt *stmt = NULL;
    int rc = -EIO;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        goto out;
    int step = sqlite3_step(stmt);
    if (step == SQLITE_DONE) {
        rc = -ENOENT;
        goto out;
    }
    if (step != SQLITE_ROW)
        goto out;
    const unsigned char *text = sqlite3_column_text(stmt, 0);
    int n = snprintf(buf, cap, "%s", text ? (const char *)text : "");
    if (n < 0 || (size_t)n >= cap)
        goto out;
    rc = 0;
out:
    sqlite3_finalize(stmt);
    return rc;
}

static int query_int(sqlite3 *db, const char *sql, int64_t *value)
{
    char buf[32];
    int rc = query_text(db, sql, buf, sizeof(buf));
    if (rc == 0)
        *value = strtoll(buf, NULL, 10);
    return rc;
}

/* Refuses a file that is not a Serambi store before anything writes to
 * it. One statement, so one snapshot: another process may be creating
 * the same file at this moment. */
static int check_file(sqlite3 *db, const char *path, char *errbuf, size_t errcap)
{
    sqlite3_stmt *stmt = NULL;
    int64_t app_id = 0, version = 0, objects = 0;
    int rc = -EIO;
    if (sqlite3_prepare_v2(db,
                           "SELECT (SELECT application_id FROM pragma_application_id), "
                           "(SELECT user_version FROM pragma_user_version), "
                           "(SELECT count(*) FROM sqlite_master)",
                           -1, &stmt, NULL) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
        say(errbuf, errcap, "cannot read %s: %s", path, sqlite3_errmsg(db));
        goto out;
    }
    app_id = sqlite3_column_int64(stmt, 0);
    version = sqlite3_column_int64(stmt, 1);
    objects = sqlite3_column_int64(stmt, 2);
    if (app_id != STORE_APPLICATION_ID && (app_id != 0 || objects != 0)) {
        say(errbuf, errcap, "%s is an SQLite database of another program, not a Serambi store",
            path);
        goto out;
    }
    if (version > store_schema_count()) {
        say(errbuf, errcap,
            "%s has schema version %lld but this program knows versions up to %d: it was "
            "written by a newer Serambi; install that version or restore a backup",
            path, (long long)version, store_schema_count());
        rc = -EPROTO;
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(stmt);
    return rc;
}

/* Switching a new file to WAL needs it alone for a moment, and another
 * process creating the same file holds it while it migrates. SQLite
 * answers "busy" here without calling the busy handler, so we wait. */
static int enable_wal(sqlite3 *db, char *mode, size_t cap)
{
    for (int waited_ms = 0;; waited_ms += 10) {
        sqlite3_stmt *stmt = NULL;
        int src = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
        if (src == SQLITE_OK)
            src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            const unsigned char *text = sqlite3_column_text(stmt, 0);
            int n = snprintf(mode, cap, "%s", text ? (const char *)text : "");
            sqlite3_finalize(stmt);
            return (n < 0 || (size_t)n >= cap) ? -EIO : 0;
        }
        sqlite3_finalize(stmt);
        if ((src & 0xFF) != SQLITE_BUSY || waited_ms >= BUSY_TIMEOUT_MS)
            return -EIO;
        sqlite3_sleep(10);
    }
}

static int set_pragmas(sqlite3 *db, const char *path, char *errbuf, size_t errcap)
{
    char mode[16];
    int64_t sync = -1, fk = -1;
    /* temp_store: statement journals stay in memory instead of temporary
     * files, which made batches half again as slow and wear the SD card.
     * cache_size: a limit in KiB, not an allocation; a large batch that
     * outgrows the default 2 MiB spills pages to the log and reads them back.
     * wal_autocheckpoint: checkpoints belong to store_checkpoint() when no
     * visitor waits; 10,000 pages (40 MiB) only bounds the log if no one
     * calls it. */
    if (enable_wal(db, mode, sizeof(mode)) < 0 ||
        sqlite3_exec(db,
                     "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                     "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384; "
                     "PRAGMA wal_autocheckpoint = 10000",
                     NULL, NULL, NULL) != SQLITE_OK ||
        query_int(db, "PRAGMA synchronous", &sync) < 0 ||
        query_int(db, "PRAGMA foreign_keys", &fk) < 0) {
        say(errbuf, errcap, "cannot configure %s: %s", path, sqlite3_errmsg(db));
        return -EIO;
    }
    /* 2 is FULL. */
    if (strcasecmp(mode, "wal") != 0 || sync != 2 || fk != 1) {
        say(errbuf, errcap,
            "%s: the file system refused the durable settings (journal_mode %s, synchronous %d, "
            "foreign_keys %d); the data partition must be a local, writable ext4 or similar",
            path, mode, (int)sync, (int)fk);
        return -EIO;
    }
    return 0;
}

static int64_t wall_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The kiosk id is made once, with the file; later opens read it. */
static int load_kiosk_id(struct store *st, char *errbuf, size_t errcap)
{
    const char *select = "SELECT value FROM meta WHERE key = 'kiosk_id'";
    int rc = query_text(st->db, select, st->kiosk_id, sizeof(st->kiosk_id));
    if (rc == -ENOENT) {
        char id[UUID_STR_SIZE];
        sqlite3_stmt *stmt = NULL;
        store_make_id(st, wall_clock_ms(), id);
        /* OR IGNORE: a second process creating the same file keeps the first id. */
        if (sqlite3_prepare_v2(st->db,
                               "INSERT OR IGNORE INTO meta (key, value) VALUES ('kiosk_id', ?1)",
                               -1, &stmt, NULL) == SQLITE_OK &&
            sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_DONE)
            rc = query_text(st->db, select, st->kiosk_id, sizeof(st->kiosk_id));
        else
            rc = -EIO;
        sqlite3_finalize(stmt);
    }
    if (rc == 0 && !uuid_valid(st->kiosk_id))
        rc = -EIO;
    if (rc < 0)
        say(errbuf, errcap, "cannot read or make the kiosk id: %s", sqlite3_errmsg(st->db));
    return rc < 0 ? -EIO : 0;
}

int store_open(const char *path, struct store **out, char *errbuf, size_t errcap)
{
    struct store *st = NULL;
    int rc;
    if (!path || !out)
        return -EINVAL;
    if (sodium_init() < 0) {
        say(errbuf, errcap, "libsodium could not start (no source of random numbers)");
        return -EIO;
    }
    st = calloc(1, sizeof(*st));
    if (!st) {
        say(errbuf, errcap, "out of memory");
        return -ENOMEM;
    }
    st->random = sodium_random;
    st->random_ctx = st;
    st->id_ms = INT64_MIN; /* no id made yet */
    /* NOMUTEX: a connection belongs to one thread (see store.h). */
    if (sqlite3_open_v2(path, &st->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        say(errbuf, errcap, "cannot open %s: %s", path,
            st->db ? sqlite3_errmsg(st->db) : "out of memory");
        rc = -EIO;
        goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);

    rc = check_file(st->db, path, errbuf, errcap);
    if (rc < 0)
        goto out;
    rc = set_pragmas(st->db, path, errbuf, errcap);
    if (rc < 0)
        goto out;
    rc = store_schema_migrate(st->db, store_schema_count(), errbuf, errcap);
    if (rc < 0)
        goto out;
    rc = store_schema_read_version(st->db, &st->schema_version);
    if (rc < 0)
        goto out;
    rc = load_kiosk_id(st, errbuf, errcap);
    if (rc < 0)
        goto out;
    *out = st;
    st = NULL;
out:
    store_close(st);
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < STMT_COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    /* Closing the last connection checkpoints and removes the WAL file. */
    sqlite3_close(st->db);
    store_json_fini(&st->json);
    sodium_memzero(st->pool, sizeof(st->pool));
    free(st);
}

int store_schema_latest(void)
{
    return store_schema_count();
}

int store_schema_version(struct store *st)
{
    return st->schema_version;
}

int store_checkpoint(struct store *st)
{
    int src = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    /* BUSY: another connection is checkpointing right now, which is as good. */
    if (src == SQLITE_OK || src == SQLITE_BUSY)
        return 0;
    return store_fail(st, "checkpoint", src);
}

int store_integrity_check(struct store *st)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, "integrity check", rc);
    rc = sqlite3_step(stmt);
    int result;
    if (rc != SQLITE_ROW) {
        result = store_fail(st, "integrity check", rc);
    } else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
        /* The report names pages and indexes, never row contents. */
        snprintf(st->last_error, sizeof(st->last_error), "integrity check: %s",
                 (const char *)sqlite3_column_text(stmt, 0));
        result = -EIO;
    } else {
        result = 0;
    }
    sqlite3_finalize(stmt);
    return result;
}

const char *store_kiosk_id(const struct store *st)
{
    return st->kiosk_id;
}

const char *store_last_error(const struct store *st)
{
    return st->last_error;
}

void store_visit_begin(struct store *st, int64_t now_ms, const char *lang, struct rec_visit *out)
{
    memset(out, 0, sizeof(*out));
    store_make_id(st, now_ms, out->meta.id);
    /* A visit is the sitting its records point to; it points to itself. */
    memcpy(out->meta.visit_id, out->meta.id, sizeof(out->meta.visit_id));
    memcpy(out->meta.kiosk_id, st->kiosk_id, sizeof(out->meta.kiosk_id));
    out->meta.created_ms = now_ms;
    out->meta.updated_ms = now_ms;
    out->meta.version = 1;
    /* Anything but a known language fails the table's CHECK at submit. */
    snprintf(out->lang, sizeof(out->lang), "%s", lang ? lang : "id");
}

/* --- shared by the store's files ----------------------------------------- */

int store_stmt(struct store *st, enum store_stmt_id id, const char *sql, sqlite3_stmt **out)
{
    sqlite3_stmt *stmt = st->stmts[id];
    if (!stmt) {
        int src = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
        if (src != SQLITE_OK)
            return store_fail(st, "prepare", src);
        st->stmts[id] = stmt;
    } else {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
    *out = stmt;
    return 0;
}

int store_exec_stmt(struct store *st, sqlite3_stmt *stmt, const char *what)
{
    int src = sqlite3_step(stmt);
    int rc = (src == SQLITE_DONE || src == SQLITE_ROW) ? 0 : store_fail(st, what, src);
    sqlite3_reset(stmt);
    return rc;
}

int store_fail(struct store *st, const char *what, int sqlite_rc)
{
    snprintf(st->last_error, sizeof(st->last_error), "%s: %s (%d)", what, sqlite3_errmsg(st->db),
             sqlite_rc);
    switch (sqlite_rc & 0xFF) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
        return -EINVAL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return -EBUSY;
    case SQLITE_FULL:
        return -ENOSPC;
    case SQLITE_NOMEM:
        return -ENOMEM;
    default:
        return -EIO;
    }
}

int store_fail_errno(struct store *st, const char *what, int err)
{
    snprintf(st->last_error, sizeof(st->last_error), "%s: %s", what, strerror(-err));
    return err;
}

int store_begin(struct store *st)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_BEGIN_IMMEDIATE, "BEGIN IMMEDIATE", &stmt);
    return rc < 0 ? rc : store_exec_stmt(st, stmt, "begin");
}

int store_commit(struct store *st)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_COMMIT, "COMMIT", &stmt);
    return rc < 0 ? rc : store_exec_stmt(st, stmt, "commit");
}

void store_rollback(struct store *st)
{
    sqlite3_stmt *stmt = NULL;
    /* SQLite already rolled back after some errors (full disk, I/O). */
    if (sqlite3_get_autocommit(st->db))
        return;
    if (store_stmt(st, STMT_ROLLBACK, "ROLLBACK", &stmt) == 0) {
        sqlite3_step(stmt);
        sqlite3_reset(stmt);
    }
}

/* Adds one to the random bits of a UUIDv7 (those uuid7_make() keeps:
 * the low nibble of byte 0, byte 1, the low 6 bits of byte 2, bytes 3..9).
 * False on overflow. */
static bool increment_random(uint8_t r[UUID_RANDOM_BYTES])
{
    for (int i = UUID_RANDOM_BYTES - 1; i >= 3; i--)
        if (++r[i] != 0)
            return true;
    if ((r[2] & 0x3F) != 0x3F) {
        r[2]++;
        return true;
    }
    r[2] &= 0xC0;
    if (++r[1] != 0)
        return true;
    if ((r[0] & 0x0F) != 0x0F) {
        r[0]++;
        return true;
    }
    return false;
}

void store_make_id(struct store *st, int64_t now_ms, char out[REC_ID_SIZE])
{
    _Static_assert(sizeof(st->id_random) == UUID_RANDOM_BYTES, "id_random size");
    if (now_ms != st->id_ms || !increment_random(st->id_random)) {
        store_random(st, st->id_random, sizeof(st->id_random));
        /* Clearing the top counting bit leaves 2^61 increments of room. */
        st->id_random[2] &= (uint8_t)~0x20;
        st->id_ms = now_ms;
    }
    uuid7_make(now_ms, st->id_random, out);
}

void store_random(struct store *st, uint8_t *buf, size_t n)
{
    st->random(st->random_ctx, buf, n);
}

sqlite3 *store_db(struct store *st)
{
    return st->db;
}

void store_set_random(struct store *st, store_random_fn fn, void *ctx)
{
    st->random = fn ? fn : sodium_random;
    st->random_ctx = fn ? ctx : st;
}
