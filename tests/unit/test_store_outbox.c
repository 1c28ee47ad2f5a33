/*
 * test_store_outbox — what the sync worker sees: batches in commit order,
 * acknowledgements that cover a version and the ones before it but never
 * a newer one, payloads dropped at once on ack, and the backlog.
 */
#include <errno.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

/* struct ctx, setup() and teardown(): a fresh store in a temporary folder,
 * from store_fixture.h. */
FX_STORE_SUITE

/* A guest (visit, guest, ticket rows) at t, then a meeting (visit,
 * meeting, ticket) at t + 1000. */
static void two_visitors(struct store *st, int64_t t, struct rec_guest *g, struct rec_meeting *m)
{
    struct rec_ticket ticket;
    struct rec_visit visit;
    struct store_ticket_request rq;
    fx_guest(g, "Budi");
    assert_int_equal(fx_submit_guest(st, t, FX_DAY, g, &ticket), 0);
    store_visit_begin(st, t + 1000, "en", &visit);
    fx_meeting(m, "Siti");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, m, &rq);
    assert_int_equal(store_submit(st, &sub, 1, t + 1000, &ticket), 0);
}

static void test_batches_in_commit_order(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_meeting m;
    struct store_outbox_batch b;
    two_visitors(c->st, FX_NOW_MS, &g, &m);

    assert_int_equal(store_outbox_next(c->st, 100, &b), 0);
    assert_int_equal(b.n, 6);
    static const enum rec_kind want[6] = {REC_VISIT, REC_GUEST_ENTRY,     REC_TICKET,
                                          REC_VISIT, REC_MEETING_REQUEST, REC_TICKET};
    for (size_t i = 0; i < b.n; i++) {
        json_error_t jerr;
        assert_int_equal(b.rows[i].kind, want[i]);
        assert_int_equal(b.rows[i].version, 1);
        if (i > 0)
            assert_true(b.rows[i].seq > b.rows[i - 1].seq);
        json_t *j = json_loads(b.rows[i].payload_json, 0, &jerr);
        assert_non_null(j);
        assert_string_equal(json_string_value(json_object_get(j, "id")), b.rows[i].record_id);
        json_decref(j);
    }
    assert_string_equal(b.rows[1].record_id, g.meta.id);
    assert_string_equal(b.rows[4].record_id, m.meta.id);
    int64_t first_seq = b.rows[0].seq;
    store_outbox_batch_fini(&b);
    assert_null(b.rows);
    assert_int_equal(b.n, 0);
    store_outbox_batch_fini(&b);
    store_outbox_batch_fini(NULL);

    assert_int_equal(store_outbox_next(c->st, 2, &b), 0);
    assert_int_equal(b.n, 2);
    assert_int_equal(b.rows[0].seq, first_seq);
    store_outbox_batch_fini(&b);

    assert_int_equal(store_outbox_next(c->st, 0, &b), 0);
    assert_int_equal(b.n, 0);
    store_outbox_batch_fini(&b);
}

static int64_t acked_ms_of(struct store *st, const char *record_id, int version)
{
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT coalesce(acked_ms, -1), payload IS NULL "
                                        "FROM outbox WHERE record_id = ?1 AND version = ?2",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, record_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, version);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t acked = sqlite3_column_int64(stmt, 0);
    /* An acknowledged row has no payload; an unacknowledged one has. */
    assert_int_equal(sqlite3_column_int(stmt, 1), acked >= 0);
    sqlite3_finalize(stmt);
    return acked;
}

static void test_ack_covers_up_to_its_version(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_meeting m;
    two_visitors(c->st, FX_NOW_MS, &g, &m);

    /* Staff's change made the meeting's version 2 before the hub answered
     * for version 1. */
    assert_int_equal(store_outbox_add(c->st, REC_MEETING_REQUEST, m.meta.id, 2, "{\"version\":2}",
                                      13, FX_NOW_MS + 5000),
                     0);

    struct store_ack ack;
    fx_copy(ack.record_id, sizeof(ack.record_id), m.meta.id);
    ack.version = 1;
    assert_int_equal(store_outbox_ack(c->st, &ack, 1, FX_NOW_MS + 6000), 0);
    assert_int_equal(acked_ms_of(c->st, m.meta.id, 1), FX_NOW_MS + 6000);
    assert_int_equal(acked_ms_of(c->st, m.meta.id, 2), -1);

    struct store_outbox_batch b;
    assert_int_equal(store_outbox_next(c->st, 100, &b), 0);
    assert_int_equal(b.n, 6);
    assert_string_equal(b.rows[5].record_id, m.meta.id);
    assert_int_equal(b.rows[5].version, 2);
    assert_string_equal(b.rows[5].payload_json, "{\"version\":2}");
    for (size_t i = 0; i < 5; i++)
        assert_string_not_equal(b.rows[i].record_id, m.meta.id);
    store_outbox_batch_fini(&b);

    /* A repeated answer changes nothing, a later one takes version 2. */
    assert_int_equal(store_outbox_ack(c->st, &ack, 1, FX_NOW_MS + 7000), 0);
    assert_int_equal(acked_ms_of(c->st, m.meta.id, 1), FX_NOW_MS + 6000);
    struct store_ack acks[3];
    fx_copy(acks[0].record_id, sizeof(acks[0].record_id), m.meta.id);
    acks[0].version = 2;
    fx_copy(acks[1].record_id, sizeof(acks[1].record_id), "01943a2b-0000-7000-8000-0000000000ff");
    acks[1].version = 1; /* unknown: ignored */
    fx_copy(acks[2].record_id, sizeof(acks[2].record_id), g.meta.id);
    acks[2].version = 1;
    assert_int_equal(store_outbox_ack(c->st, acks, 3, FX_NOW_MS + 8000), 0);
    assert_int_equal(acked_ms_of(c->st, m.meta.id, 2), FX_NOW_MS + 8000);
    assert_int_equal(acked_ms_of(c->st, g.meta.id, 1), FX_NOW_MS + 8000);

    assert_int_equal(store_outbox_ack(c->st, NULL, 0, FX_NOW_MS), 0);
    assert_int_equal(fx_rows(c->st, "outbox"), 7);
}

static void test_backlog(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_meeting m;
    int64_t rows = -1, oldest = -1;

    assert_int_equal(store_outbox_backlog(c->st, &rows, &oldest), 0);
    assert_int_equal(rows, 0);
    assert_int_equal(oldest, 0);

    two_visitors(c->st, FX_NOW_MS, &g, &m);
    assert_int_equal(store_outbox_backlog(c->st, &rows, &oldest), 0);
    assert_int_equal(rows, 6);
    assert_int_equal(oldest, FX_NOW_MS);

    /* The hub took the first visitor: the oldest is now the second. */
    struct store_outbox_batch b;
    struct store_ack acks[3];
    assert_int_equal(store_outbox_next(c->st, 3, &b), 0);
    for (size_t i = 0; i < 3; i++) {
        memcpy(acks[i].record_id, b.rows[i].record_id, sizeof(acks[i].record_id));
        acks[i].version = b.rows[i].version;
    }
    store_outbox_batch_fini(&b);
    assert_int_equal(store_outbox_ack(c->st, acks, 3, FX_NOW_MS + 2000), 0);
    assert_int_equal(store_outbox_backlog(c->st, &rows, &oldest), 0);
    assert_int_equal(rows, 3);
    assert_int_equal(oldest, FX_NOW_MS + 1000);
    assert_int_equal(store_outbox_backlog(c->st, NULL, NULL), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_batches_in_commit_order),
        T(test_ack_covers_up_to_its_version),
        T(test_backlog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
