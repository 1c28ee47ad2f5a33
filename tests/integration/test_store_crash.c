/*
 * test_store_crash — a kiosk killed at any moment keeps every ticket it
 * confirmed, and its numbering has no gap and no repeat.
 *
 * A child process takes tickets in a loop and, after each store_submit()
 * that returned 0, reports the records and their ticket numbers to the
 * parent through a pipe (one write(2) per commit, so a report is whole or
 * absent). The parent SIGKILLs it after a random 0–25 ms, reopens the
 * store (which recovers the WAL) and starts another child, 200 times.
 * Then: every reported record is in the database with its number; the
 * file passes integrity_check; per service and office day the numbers are
 * exactly 1..max; no record lacks its ticket or outbox row; and the next
 * ticket is max + 1.
 *
 * SIGKILL loses what the process had not handed to the kernel; a power
 * cut also loses what the kernel had not written to the disk, which is
 * what synchronous=FULL is for (test_store_schema checks it is set).
 */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

#define KILLS        200
#define MAX_DELAY_US 25000

struct report {
    char id[REC_ID_SIZE];
    int service;
    char day[11];
    int seq;
};

struct reports {
    struct report *r;
    size_t n, cap;
};

/* The child: take tickets until killed. Never returns. */
static void child(const char *path, int out_fd)
{
    struct store *st = NULL;
    char err[256];
    /* A child the parent failed to kill must not outlive the test. */
    alarm(30);
    if (store_open(path, &st, err, sizeof(err)) != 0)
        _exit(3);
    for (unsigned i = 0;; i++) {
        struct rec_visit visit;
        struct rec_guest g, g2;
        struct rec_meeting m;
        struct rec_complaint k;
        struct store_ticket_request rq[2];
        struct store_submission subs[2];
        struct rec_ticket tickets[2];
        const char *ids[2];
        size_t n = 1;
        int64_t now = FX_NOW_MS + i;

        store_visit_begin(st, now, "id", &visit);
        switch (i % 4) {
        case 0:
            fx_guest(&g, "Tamu");
            fx_ticket_req(&rq[0], REC_SERVICE_GUEST, FX_DAY);
            subs[0] = fx_sub(&visit, REC_GUEST_ENTRY, &g, &rq[0]);
            ids[0] = g.meta.id;
            break;
        case 1:
            fx_meeting(&m, "Pemohon");
            fx_ticket_req(&rq[0], REC_SERVICE_MEETING, FX_DAY);
            subs[0] = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq[0]);
            ids[0] = m.meta.id;
            break;
        case 2:
            fx_guest(&g, "Tamu");
            fx_ticket_req(&rq[0], REC_SERVICE_GUEST, FX_DAY2);
            subs[0] = fx_sub(&visit, REC_GUEST_ENTRY, &g, &rq[0]);
            ids[0] = g.meta.id;
            break;
        default: /* a complaint and a guest-book line in one commit */
            fx_complaint(&k, REC_PRIVACY_NAMED, "Pelapor", "Isi pengaduan");
            fx_ticket_req(&rq[0], REC_SERVICE_COMPLAINT, FX_DAY);
            subs[0] = fx_sub(&visit, REC_COMPLAINT, &k, &rq[0]);
            ids[0] = k.meta.id;
            fx_guest(&g2, "Pelapor");
            fx_ticket_req(&rq[1], REC_SERVICE_GUEST, FX_DAY);
            subs[1] = fx_sub(&visit, REC_GUEST_ENTRY, &g2, &rq[1]);
            ids[1] = g2.meta.id;
            n = 2;
            break;
        }
        if (store_submit(st, subs, n, now, tickets) != 0)
            _exit(4);

        char line[256];
        size_t len = 0;
        for (size_t j = 0; j < n; j++) {
            int w = snprintf(line + len, sizeof(line) - len, "%s %d %s %d\n", ids[j],
                             (int)tickets[j].service, tickets[j].office_day, tickets[j].seq);
            if (w < 0 || (size_t)w >= sizeof(line) - len)
                _exit(5);
            len += (size_t)w;
        }
        /* One write below PIPE_BUF: the parent reads all of it or none. */
        if (write(out_fd, line, len) != (ssize_t)len)
            _exit(6);
    }
}

static void add_reports(struct reports *all, char *text)
{
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        assert_non_null(end); /* never half a line */
        *end = '\0';
        if (all->n == all->cap) {
            all->cap = all->cap ? all->cap * 2 : 1024;
            all->r = realloc(all->r, all->cap * sizeof(*all->r));
            assert_non_null(all->r);
        }
        struct report *r = &all->r[all->n++];
        assert_int_equal(sscanf(line, "%36s %d %10s %d", r->id, &r->service, r->day, &r->seq), 4);
        line = end + 1;
    }
}

/* Starts a child, kills it after delay_us, and collects its reports. */
static void run_and_kill(const char *path, useconds_t delay_us, struct reports *all)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child(path, fds[1]);
    }
    close(fds[1]);
    usleep(delay_us);
    assert_int_equal(kill(pid, SIGKILL), 0);

    struct fx_mem *m = fx_mem_open();
    char buf[4096];
    ssize_t got;
    while ((got = read(fds[0], buf, sizeof(buf))) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        assert_true(got > 0);
        fwrite(buf, 1, (size_t)got, m->f);
    }
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
        fail_msg("the child stopped by itself (status %d): its store_open or submit failed",
                 status);
    char *text = fx_mem_close(m);
    add_reports(all, text);
    free(text);
}

static const char *const service_table[REC_SERVICE_COUNT] = {"guest_entries", "meeting_requests",
                                                             "complaints"};

static void check_reports(sqlite3 *db, const struct reports *all)
{
    for (size_t i = 0; i < all->n; i++) {
        const struct report *r = &all->r[i];
        sqlite3_stmt *stmt = NULL;
        char sql[256];
        snprintf(sql, sizeof(sql),
                 "SELECT t.seq, t.service, t.office_day FROM %s x JOIN tickets t "
                 "ON t.record_id = x.id WHERE x.id = ?1",
                 service_table[r->service]);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
        sqlite3_bind_text(stmt, 1, r->id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_ROW)
            fail_msg("record %s was confirmed but is not stored", r->id);
        assert_int_equal(sqlite3_column_int(stmt, 0), r->seq);
        assert_string_equal((const char *)sqlite3_column_text(stmt, 1),
                            rec_service_name((enum rec_service)r->service));
        assert_string_equal((const char *)sqlite3_column_text(stmt, 2), r->day);
        sqlite3_finalize(stmt);
    }
}

/* Per service and day: numbers 1..max, each once; the counter agrees. */
static void check_numbering(struct store *st)
{
    sqlite3 *db = store_db(st);
    sqlite3_stmt *stmt = NULL;
    int keys = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT t.service, t.office_day, count(*), "
                                        "count(DISTINCT t.seq), min(t.seq), max(t.seq), "
                                        "(SELECT last_seq FROM ticket_counters c WHERE "
                                        "c.service = t.service AND c.office_day = t.office_day) "
                                        "FROM tickets t GROUP BY t.service, t.office_day",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        int count = sqlite3_column_int(stmt, 2);
        assert_int_equal(sqlite3_column_int(stmt, 3), count);
        assert_int_equal(sqlite3_column_int(stmt, 4), 1);
        assert_int_equal(sqlite3_column_int(stmt, 5), count);
        assert_int_equal(sqlite3_column_int(stmt, 6), count);
        keys++;
    }
    sqlite3_finalize(stmt);
    assert_int_equal(keys, 4);
    assert_int_equal(fx_rows(st, "ticket_counters"), 4);
}

/* No record without its ticket and its outbox row, nor the reverse. */
static void check_nothing_half_written(struct store *st)
{
    sqlite3 *db = store_db(st);
    for (int s = 0; s < REC_SERVICE_COUNT; s++) {
        char sql[256];
        snprintf(sql, sizeof(sql),
                 "SELECT count(*) FROM %s WHERE id NOT IN (SELECT record_id FROM tickets) "
                 "OR id NOT IN (SELECT record_id FROM outbox)",
                 service_table[s]);
        assert_int_equal(fx_int(db, sql), 0);
    }
    assert_int_equal(fx_int(db, "SELECT count(*) FROM tickets WHERE record_id NOT IN "
                                "(SELECT id FROM guest_entries UNION ALL SELECT id FROM "
                                "meeting_requests UNION ALL SELECT id FROM complaints) "
                                "OR id NOT IN (SELECT record_id FROM outbox)"),
                     0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM visits WHERE id NOT IN "
                                "(SELECT record_id FROM outbox)"),
                     0);
}

static void check_next_numbers(struct store *st)
{
    static const struct {
        enum rec_service service;
        const char *day;
        const char *table_sql;
    } keys[] = {
        {REC_SERVICE_GUEST, FX_DAY,
         "SELECT max(seq) FROM tickets WHERE service = 'guest' AND "
         "office_day = '" FX_DAY "'"},
        {REC_SERVICE_GUEST, FX_DAY2,
         "SELECT max(seq) FROM tickets WHERE service = 'guest' AND "
         "office_day = '" FX_DAY2 "'"},
        {REC_SERVICE_MEETING, FX_DAY, "SELECT max(seq) FROM tickets WHERE service = 'meeting'"},
        {REC_SERVICE_COMPLAINT, FX_DAY,
         "SELECT max(seq) FROM tickets WHERE service = "
         "'complaint'"},
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        int64_t max = fx_int(store_db(st), keys[i].table_sql);
        struct rec_visit visit;
        struct rec_guest g;
        struct rec_meeting m;
        struct rec_complaint k;
        struct store_ticket_request rq;
        struct rec_ticket t;
        struct store_submission sub;
        store_visit_begin(st, FX_NOW_MS, "id", &visit);
        fx_ticket_req(&rq, keys[i].service, keys[i].day);
        if (keys[i].service == REC_SERVICE_GUEST) {
            fx_guest(&g, "Sesudah");
            sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, &rq);
        } else if (keys[i].service == REC_SERVICE_MEETING) {
            fx_meeting(&m, "Sesudah");
            sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq);
        } else {
            fx_complaint(&k, REC_PRIVACY_NAMED, "Sesudah", "Sesudah");
            sub = fx_sub(&visit, REC_COMPLAINT, &k, &rq);
        }
        assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &t), 0);
        assert_int_equal(t.seq, max + 1);
    }
}

static void test_kill_at_random_moments(void **state)
{
    (void)state;
    char dir[256], path[512];
    struct reports all = {0};
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    th_mkdtemp(dir, sizeof(dir));
    fx_path(path, sizeof(path), dir, "kiosk.db");
    printf("crash test seed %u\n", seed);
    srand(seed);

    for (int i = 0; i < KILLS; i++) {
        run_and_kill(path, (useconds_t)(rand() % (MAX_DELAY_US + 1)), &all);
        /* Reopening recovers the WAL the killed child left behind. */
        struct store *st = fx_open(path);
        store_close(st);
    }
    printf("crash test: %d kills, %zu confirmed records\n", KILLS, all.n);
    assert_true(all.n > 0);

    struct store *st = fx_open(path);
    char *ok = fx_text(store_db(st), "PRAGMA integrity_check");
    assert_string_equal(ok, "ok");
    free(ok);
    assert_int_equal(fx_int(store_db(st), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    check_reports(store_db(st), &all);
    check_numbering(st);
    check_nothing_half_written(st);
    check_next_numbers(st);
    store_close(st);

    free(all.r);
    th_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_at_random_moments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
