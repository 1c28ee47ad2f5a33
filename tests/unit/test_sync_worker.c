/*
 * test_sync_worker — the worker ends the retention of personal data: its
 * first round purges what the hub acknowledged long ago, even while no hub
 * answers; it purges again only after the purge interval; a negative
 * retention leaves the store alone. No hub runs here: the kiosk is not
 * enrolled, so every round fails at once without touching the network.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"
#include "sync/worker.h"

#define RETENTION  30
#define WAIT_MS    10000
#define HOUR_MS    (60 * 60 * 1000)
#define SHORT_MS   100
#define PURGED_SQL "SELECT count(*) FROM guest_entries WHERE purged_ms IS NOT NULL"

struct ctx {
    char dir[256];
    char db[512];
    struct store *st;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    fx_path(c->db, sizeof(c->db), c->dir, "kiosk.db");
    c->st = fx_open(c->db);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    store_close(c->st);
    th_rmtree(c->dir);
    free(c);
    return 0;
}

/* A visitor signed in on FX_NOW_MS and the hub acknowledged it at once:
 * far more than RETENTION days before the wall clock the worker reads. */
static void old_acknowledged_guest(struct store *st, const char *name)
{
    struct rec_guest g;
    struct rec_ticket t;
    struct store_outbox_batch b;
    struct store_ack acks[8];
    fx_guest(&g, name);
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), 0);
    assert_int_equal(store_outbox_next(st, 8, &b), 0);
    assert_true(b.n > 0 && b.n <= 8);
    for (size_t i = 0; i < b.n; i++) {
        memcpy(acks[i].record_id, b.rows[i].record_id, sizeof(acks[i].record_id));
        acks[i].version = b.rows[i].version;
    }
    size_t n = b.n;
    store_outbox_batch_fini(&b);
    assert_int_equal(store_outbox_ack(st, acks, n, FX_NOW_MS), 0);
}

static struct sync_worker *start(const struct ctx *c, int retention_days, int interval_ms)
{
    struct sync_worker_config wc;
    struct sync_worker *w = NULL;
    memset(&wc, 0, sizeof(wc));
    sync_worker_defaults(&wc);
    snprintf(wc.db_path, sizeof(wc.db_path), "%s", c->db);
    snprintf(wc.token_path, sizeof(wc.token_path), "%s/hub-token", c->dir);
    snprintf(wc.hub_url, sizeof(wc.hub_url), "http://127.0.0.1:9/");
    wc.idle_ms = 20;
    wc.backoff_base_ms = 20;
    wc.backoff_max_ms = 40;
    wc.retention_days = retention_days;
    wc.purge_interval_ms = interval_ms;
    assert_int_equal(sync_worker_start(&wc, &w), 0);
    return w;
}

/* Waits until the worker has purged at least want records; the count. */
static int64_t wait_purged(struct sync_worker *w, int64_t want)
{
    struct sync_worker_state s;
    for (int waited = 0; waited < WAIT_MS; waited += 10) {
        sync_worker_state(w, &s);
        if (s.purged >= want)
            return s.purged;
        usleep(10000);
    }
    sync_worker_state(w, &s);
    return s.purged;
}

static void first_round_purges_even_without_a_hub(void **state)
{
    struct ctx *c = *state;
    old_acknowledged_guest(c->st, "Budi Santoso");
    struct sync_worker *w = start(c, RETENTION, HOUR_MS);
    assert_int_equal(wait_purged(w, 1), 1);
    sync_worker_stop(w);
    assert_int_equal(fx_int(store_db(c->st), PURGED_SQL), 1);
    char *name = fx_text(store_db(c->st), "SELECT name FROM guest_entries");
    assert_string_equal(name, "");
    free(name);
}

static void purges_again_after_the_interval(void **state)
{
    struct ctx *c = *state;
    old_acknowledged_guest(c->st, "Budi Santoso");
    struct sync_worker *w = start(c, RETENTION, SHORT_MS);
    assert_int_equal(wait_purged(w, 1), 1);
    old_acknowledged_guest(c->st, "Siti Aminah");
    assert_int_equal(wait_purged(w, 2), 2);
    sync_worker_stop(w);
    assert_int_equal(fx_int(store_db(c->st), PURGED_SQL), 2);
}

static void purges_at_most_once_per_interval(void **state)
{
    struct ctx *c = *state;
    old_acknowledged_guest(c->st, "Budi Santoso");
    struct sync_worker *w = start(c, RETENTION, HOUR_MS);
    assert_int_equal(wait_purged(w, 1), 1);
    old_acknowledged_guest(c->st, "Siti Aminah");
    usleep(500000); /* many rounds, none an hour after the first purge */
    struct sync_worker_state s;
    sync_worker_state(w, &s);
    assert_int_equal(s.purged, 1);
    sync_worker_stop(w);
    assert_int_equal(fx_int(store_db(c->st), PURGED_SQL), 1);
}

static void negative_retention_never_purges(void **state)
{
    struct ctx *c = *state;
    old_acknowledged_guest(c->st, "Budi Santoso");
    struct sync_worker *w = start(c, -1, SHORT_MS);
    usleep(300000);
    struct sync_worker_state s;
    sync_worker_state(w, &s);
    sync_worker_stop(w);
    assert_int_equal(s.purged, 0);
    assert_int_equal(fx_int(store_db(c->st), PURGED_SQL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(first_round_purges_even_without_a_hub, setup, teardown),
        cmocka_unit_test_setup_teardown(purges_again_after_the_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(purges_at_most_once_per_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(negative_retention_never_purges, setup, teardown),
    };
    return cmocka_run_group_tests_name("sync_worker", tests, NULL, NULL);
}
