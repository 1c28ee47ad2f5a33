/*
 * test_store_busy — several connections on one file, as the kiosk's
 * threads have: a writer waits for another's transaction and then
 * commits, gives up with -EBUSY (and no trace) when the lock outlasts its
 * timeout, readers never wait for a writer, two threads taking tickets at
 * once never share a number, and two connections creating the same new
 * file migrate it once.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

struct ctx {
    char dir[256];
    char path[512];
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    fx_path(c->path, sizeof(c->path), c->dir, "kiosk.db");
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    th_rmtree(c->dir);
    free(c);
    return 0;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct holder {
    sqlite3 *db;
    int hold_ms;
};

static void *release_later(void *arg)
{
    struct holder *h = arg;
    usleep((useconds_t)h->hold_ms * 1000);
    sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    return NULL;
}

static void test_writer_waits_for_the_lock(void **state)
{
    struct ctx *c = *state;
    struct store *st = fx_open(c->path);
    sqlite3 *other = fx_raw_open(c->path);
    struct rec_guest g;
    struct rec_ticket t;
    pthread_t thread;
    struct holder h = {other, 300};

    fx_exec(other, "BEGIN IMMEDIATE");
    assert_int_equal(pthread_create(&thread, NULL, release_later, &h), 0);
    int64_t start = mono_ms();
    fx_guest(&g, "Budi");
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), 0);
    int64_t waited = mono_ms() - start;
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_true(waited >= 250);
    assert_true(waited < 4000);
    assert_string_equal(t.number, "T-001");
    sqlite3_close(other);
    store_close(st);
}

static void test_writer_gives_up_without_a_trace(void **state)
{
    struct ctx *c = *state;
    struct store *st = fx_open(c->path);
    sqlite3 *other = fx_raw_open(c->path);
    struct rec_guest g, before;
    struct rec_ticket t;

    sqlite3_busy_timeout(store_db(st), 100);
    fx_exec(other, "BEGIN IMMEDIATE");
    fx_guest(&g, "Budi");
    before = g;
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), -EBUSY);
    assert_non_null(strstr(store_last_error(st), "locked"));
    assert_memory_equal(&g, &before, sizeof(g));
    /* Not even the ack of a batch gets in. */
    struct store_ack ack = {"01943a2b-0000-7000-8000-000000000001", 1};
    assert_int_equal(store_outbox_ack(st, &ack, 1, FX_NOW_MS), -EBUSY);
    assert_int_equal(store_purge(st, FX_NOW_MS, 30, NULL), -EBUSY);
    fx_exec(other, "COMMIT");

    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), 0);
    assert_string_equal(t.number, "T-001");
    assert_int_equal(fx_rows(st, "guest_entries"), 1);
    sqlite3_close(other);
    store_close(st);
}

static void test_readers_do_not_wait(void **state)
{
    struct ctx *c = *state;
    struct store *st = fx_open(c->path);
    struct rec_guest g;
    struct rec_ticket t;
    fx_guest(&g, "Budi");
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), 0);

    /* Another thread is in the middle of a write. */
    sqlite3 *other = fx_raw_open(c->path);
    fx_exec(other, "BEGIN IMMEDIATE");
    fx_exec(other, "DELETE FROM outbox");

    int64_t start = mono_ms();
    int64_t rows = 0;
    struct rec_ticket last;
    struct store_status s;
    assert_int_equal(store_outbox_backlog(st, &rows, NULL), 0);
    assert_int_equal(rows, 3); /* the uncommitted delete is not seen */
    assert_int_equal(store_last_ticket(st, &last), 0);
    assert_int_equal(store_find_by_tracking(st, "K7M-4QX9", &s), -ENOENT);
    char *text = fx_export(st, REC_GUEST_ENTRY, STORE_FORMAT_CSV);
    free(text);
    assert_true(mono_ms() - start < 1000);

    fx_exec(other, "ROLLBACK");
    sqlite3_close(other);
    store_close(st);
}

#define PER_THREAD 40

struct taker {
    const char *path;
    int seqs[PER_THREAD];
    int rc;
};

static void *take_tickets(void *arg)
{
    struct taker *tk = arg;
    struct store *st = NULL;
    char err[256];
    tk->rc = store_open(tk->path, &st, err, sizeof(err));
    for (int i = 0; i < PER_THREAD && tk->rc == 0; i++) {
        struct rec_guest g;
        struct rec_ticket t;
        fx_guest(&g, "Tamu");
        tk->rc = fx_submit_guest(st, FX_NOW_MS + i, FX_DAY, &g, &t);
        tk->seqs[i] = t.seq;
    }
    store_close(st);
    return NULL;
}

static void test_two_threads_never_share_a_number(void **state)
{
    struct ctx *c = *state;
    struct taker a = {.path = c->path}, b = {.path = c->path};
    pthread_t ta, tb;
    store_close(fx_open(c->path));
    assert_int_equal(pthread_create(&ta, NULL, take_tickets, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, take_tickets, &b), 0);
    assert_int_equal(pthread_join(ta, NULL), 0);
    assert_int_equal(pthread_join(tb, NULL), 0);
    assert_int_equal(a.rc, 0);
    assert_int_equal(b.rc, 0);

    int seen[2 * PER_THREAD + 1] = {0};
    for (int i = 0; i < PER_THREAD; i++) {
        for (int k = 0; k < 2; k++) {
            int seq = k ? b.seqs[i] : a.seqs[i];
            assert_in_range(seq, 1, 2 * PER_THREAD);
            assert_int_equal(seen[seq], 0);
            seen[seq] = 1;
        }
        /* Each thread's own numbers rise. */
        if (i > 0) {
            assert_true(a.seqs[i] > a.seqs[i - 1]);
            assert_true(b.seqs[i] > b.seqs[i - 1]);
        }
    }
}

struct opener {
    const char *path;
    char kiosk_id[REC_ID_SIZE];
    char err[256];
    int rc;
};

static void *open_new(void *arg)
{
    struct opener *o = arg;
    struct store *st = NULL;
    o->rc = store_open(o->path, &st, o->err, sizeof(o->err));
    if (o->rc == 0)
        memcpy(o->kiosk_id, store_kiosk_id(st), sizeof(o->kiosk_id));
    store_close(st);
    return NULL;
}

static void test_two_connections_create_one_store(void **state)
{
    struct ctx *c = *state;
    for (int round = 0; round < 20; round++) {
        char path[512], name[32];
        snprintf(name, sizeof(name), "new-%d.db", round);
        fx_path(path, sizeof(path), c->dir, name);
        struct opener a = {.path = path}, b = {.path = path};
        pthread_t ta, tb;
        assert_int_equal(pthread_create(&ta, NULL, open_new, &a), 0);
        assert_int_equal(pthread_create(&tb, NULL, open_new, &b), 0);
        assert_int_equal(pthread_join(ta, NULL), 0);
        assert_int_equal(pthread_join(tb, NULL), 0);
        if (a.rc != 0 || b.rc != 0)
            fail_msg("round %d: %s / %s", round, a.rc ? a.err : "ok", b.rc ? b.err : "ok");
        assert_string_equal(a.kiosk_id, b.kiosk_id);
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_writer_waits_for_the_lock),
        T(test_writer_gives_up_without_a_trace),
        T(test_readers_do_not_wait),
        T(test_two_threads_never_share_a_number),
        T(test_two_connections_create_one_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
