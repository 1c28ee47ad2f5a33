/*
 * bench_store — how long a visitor waits for the durable commit of what
 * they submitted, and how fast the store takes a large batch.
 *
 *   bench_store DIR     (DIR is created; its bench files are replaced)
 *
 * 1. The floor: a bare SQLite transaction of two small inserts with WAL
 *    and synchronous=FULL, the cost of one fsync on this disk.
 * 2. One visitor: store_submit() with n = 1 (visit, guest-book entry,
 *    ticket, three outbox rows, one COMMIT), 2000 times; median, p99, max.
 *    Every 200 visitors the kiosk is idle and store_checkpoint() runs, as
 *    the sync worker does; it is timed on its own line.
 * 3. A batch: 10,000 visitors in one store_submit(); records per second,
 *    then the checkpoint that follows it, and both together.
 *
 * Prints a table; never fails for being slow (see docs/benchmarks.md for
 * the targets and the figures measured so far).
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"

#define COMMITS 2000
#define WARMUP  50
#define BATCH   10000
#define NOW_MS  INT64_C(1767315600000)

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The value below which a share q of the sorted samples lie. */
static double quantile(const double *sorted, size_t n, double q)
{
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

static int make_dirs(const char *path)
{
    char buf[4096];
    int n = snprintf(buf, sizeof(buf), "%s", path);
    if (n < 0 || (size_t)n >= sizeof(buf))
        return -ENAMETOOLONG;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -errno;
    return 0;
}

/* Removes a database file and its WAL companions. */
static void remove_db(const char *path)
{
    char side[4200];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

static void row(const char *what, double *samples, size_t n)
{
    qsort(samples, n, sizeof(*samples), cmp_double);
    printf("%-44s %8.3f %8.3f %8.3f\n", what, quantile(samples, n, 0.5), quantile(samples, n, 0.99),
           samples[n - 1]);
}

static int bench_bare(const char *dir, double *samples)
{
    char path[4200];
    sqlite3 *db = NULL;
    sqlite3_stmt *a = NULL, *b = NULL;
    int rc = -1;
    snprintf(path, sizeof(path), "%s/bench-bare.db", dir);
    remove_db(path);
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                     "CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT);"
                     "CREATE TABLE o (seq INTEGER PRIMARY KEY, v TEXT);",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO r (v) VALUES ('a guest-book line of some length')", -1,
                           &a, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO o (v) VALUES ('{\"outbox\":\"row\"}')", -1, &b, NULL) !=
            SQLITE_OK)
        goto out;
    for (int i = 0; i < WARMUP + COMMITS; i++) {
        double t0 = now_ms();
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_step(a) != SQLITE_DONE || sqlite3_step(b) != SQLITE_DONE ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            goto out;
        sqlite3_reset(a);
        sqlite3_reset(b);
        if (i >= WARMUP)
            samples[i - WARMUP] = now_ms() - t0;
    }
    rc = 0;
out:
    if (rc < 0)
        fprintf(stderr, "bench_store: bare SQLite: %s\n", db ? sqlite3_errmsg(db) : "no memory");
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    sqlite3_close(db);
    remove_db(path);
    return rc;
}

static void guest(struct rec_guest *g, int i)
{
    memset(g, 0, sizeof(*g));
    snprintf(g->name, sizeof(g->name), "Pengunjung Nomor %d", i);
    snprintf(g->organization, sizeof(g->organization), "Koperasi Simpan Pinjam Sejahtera");
    snprintf(g->phone, sizeof(g->phone), "+6281234%06d", i % 1000000);
    snprintf(g->purpose, sizeof(g->purpose), "Konsultasi perizinan dan pembinaan koperasi");
    snprintf(g->meet_whom, sizeof(g->meet_whom), "Bidang Kelembagaan");
    g->party_size = 1 + i % 3;
}

static void ticket_request(struct store_ticket_request *rq)
{
    memset(rq, 0, sizeof(*rq));
    rq->service = REC_SERVICE_GUEST;
    snprintf(rq->prefix, sizeof(rq->prefix), "T");
    snprintf(rq->office_day, sizeof(rq->office_day), "2026-01-02");
    rq->due_ms = NOW_MS + 15 * 60000;
    snprintf(rq->rule_kind, sizeof(rq->rule_kind), "admin_handling");
}

#define IDLE_EVERY 200

static int checkpoint(struct store *st, double *ms)
{
    double t0 = now_ms();
    int rc = store_checkpoint(st);
    *ms = now_ms() - t0;
    if (rc < 0)
        fprintf(stderr, "bench_store: checkpoint: %s\n", store_last_error(st));
    return rc;
}

static int bench_one_visitor(struct store *st, double *samples, double *idle, size_t *n_idle)
{
    struct store_ticket_request rq;
    ticket_request(&rq);
    *n_idle = 0;
    for (int i = 0; i < WARMUP + COMMITS; i++) {
        if (i >= WARMUP && (i - WARMUP) % IDLE_EVERY == 0 && checkpoint(st, &idle[(*n_idle)++]) < 0)
            return -EIO;
        struct rec_visit visit;
        struct rec_guest g;
        struct rec_ticket t;
        double t0 = now_ms();
        store_visit_begin(st, NOW_MS + i, "id", &visit);
        guest(&g, i);
        struct store_submission sub = {&visit, {.kind = REC_GUEST_ENTRY, .u.guest = &g}, &rq};
        int rc = store_submit(st, &sub, 1, NOW_MS + i, &t);
        if (rc < 0) {
            fprintf(stderr, "bench_store: submit: %s\n", store_last_error(st));
            return rc;
        }
        if (i >= WARMUP)
            samples[i - WARMUP] = now_ms() - t0;
    }
    return 0;
}

static int bench_batch(struct store *st, double *elapsed_ms)
{
    struct rec_visit *visits = calloc(BATCH, sizeof(*visits));
    struct rec_guest *guests = calloc(BATCH, sizeof(*guests));
    struct store_submission *subs = calloc(BATCH, sizeof(*subs));
    struct rec_ticket *tickets = calloc(BATCH, sizeof(*tickets));
    struct store_ticket_request rq;
    int rc = -ENOMEM;
    if (!visits || !guests || !subs || !tickets)
        goto out;
    ticket_request(&rq);
    for (int i = 0; i < BATCH; i++) {
        store_visit_begin(st, NOW_MS + i, "id", &visits[i]);
        guest(&guests[i], i);
        subs[i] = (struct store_submission){
            &visits[i], {.kind = REC_GUEST_ENTRY, .u.guest = &guests[i]}, &rq};
    }
    /* Only the store's work is timed, not the filling of the forms. */
    double t0 = now_ms();
    rc = store_submit(st, subs, BATCH, NOW_MS, tickets);
    *elapsed_ms = now_ms() - t0;
    if (rc < 0)
        fprintf(stderr, "bench_store: batch: %s\n", store_last_error(st));
out:
    free(visits);
    free(guests);
    free(subs);
    free(tickets);
    return rc;
}

int main(int argc, char **argv)
{
    static double samples[COMMITS];
    double idle[COMMITS / IDLE_EVERY + 1];
    size_t n_idle = 0;
    char path[4200], err[512];
    struct store *st = NULL;
    double batch_ms = 0, batch_checkpoint_ms = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: bench_store DIR\n");
        return 2;
    }
    if (make_dirs(argv[1]) < 0) {
        fprintf(stderr, "bench_store: cannot create %s\n", argv[1]);
        return 1;
    }
    snprintf(path, sizeof(path), "%s/bench-store.db", argv[1]);
    remove_db(path);

    printf("store: durable commits in %s (SQLite %s, WAL, synchronous=FULL)\n", argv[1],
           sqlite3_libversion());
    printf("%-44s %8s %8s %8s\n", "ms", "median", "p99", "max");
    if (bench_bare(argv[1], samples) < 0)
        return 1;
    row("bare SQLite txn, 2 inserts (x2000)", samples, COMMITS);

    if (store_open(path, &st, err, sizeof(err)) < 0) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    if (bench_one_visitor(st, samples, idle, &n_idle) < 0)
        return 1;
    row("store_submit, 1 visitor + ticket (x2000)", samples, COMMITS);
    row("store_checkpoint when idle (per 200 visitors)", idle, n_idle);

    if (checkpoint(st, &batch_checkpoint_ms) < 0 || bench_batch(st, &batch_ms) < 0 ||
        checkpoint(st, &batch_checkpoint_ms) < 0)
        return 1;
    printf("\n%-44s %8s %12s\n", "batch of 10000 visitors", "ms", "records/s");
    printf("%-44s %8.1f %12.0f\n", "store_submit (one transaction)", batch_ms,
           BATCH / (batch_ms / 1e3));
    printf("%-44s %8.1f\n", "store_checkpoint afterwards", batch_checkpoint_ms);
    printf("%-44s %8.1f %12.0f\n", "both", batch_ms + batch_checkpoint_ms,
           BATCH / ((batch_ms + batch_checkpoint_ms) / 1e3));
    store_close(st);
    remove_db(path);
    return 0;
}
