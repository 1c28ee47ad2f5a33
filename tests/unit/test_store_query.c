/*
 * test_store_query — reading back: the status screen behind a tracking
 * code (with what staff answered), the tickets of one office day in issue
 * order, and the last ticket for a reprint.
 */
#include <errno.h>
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

static void test_status_of_a_meeting_and_a_complaint(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_meeting m;
    struct rec_complaint k;
    struct store_ticket_request rq;
    struct rec_ticket tickets[2];
    struct store_status s;

    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_meeting(&m, "Siti Aminah");
    fx_complaint(&k, REC_PRIVACY_CONFIDENTIAL, "Andi", "Berkas saya belum diproses");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission subs[2] = {
        fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq),
        fx_sub(&visit, REC_COMPLAINT, &k, NULL),
    };
    assert_int_equal(store_submit(c->st, subs, 2, FX_NOW_MS, tickets), 0);

    assert_int_equal(store_find_by_tracking(c->st, m.tracking_code, &s), 0);
    assert_int_equal(s.kind, REC_MEETING_REQUEST);
    assert_string_equal(s.record_id, m.meta.id);
    assert_string_equal(s.tracking_code, m.tracking_code);
    assert_string_equal(s.ticket_number, "R-001");
    assert_int_equal(s.status, REC_STATUS_RECEIVED);
    assert_int_equal(s.created_ms, FX_NOW_MS);
    assert_int_equal(s.due_ms, m.reply_due_ms);
    assert_string_equal(s.schedule, "");
    assert_string_equal(s.answer, "");

    /* A complaint without a ticket has a status all the same. */
    assert_int_equal(store_find_by_tracking(c->st, k.tracking_code, &s), 0);
    assert_int_equal(s.kind, REC_COMPLAINT);
    assert_string_equal(s.record_id, k.meta.id);
    assert_string_equal(s.ticket_number, "");
    assert_int_equal(s.due_ms, k.due_ms);

    /* What staff sent back shows on the status screen. */
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(c->st),
                                        "UPDATE meeting_requests SET status = 'scheduled', "
                                        "schedule = ?1, answer = ?2 WHERE id = ?3",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, "Senin 12 Januari, 10.00 WIB, Ruang Rapat Lt. 2", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, "Permohonan audiensi diterima", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, m.meta.id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    assert_int_equal(store_find_by_tracking(c->st, m.tracking_code, &s), 0);
    assert_int_equal(s.status, REC_STATUS_SCHEDULED);
    assert_string_equal(s.schedule, "Senin 12 Januari, 10.00 WIB, Ruang Rapat Lt. 2");
    assert_string_equal(s.answer, "Permohonan audiensi diterima");
}

static void test_unknown_code_is_enoent(void **state)
{
    struct ctx *c = *state;
    struct store_status s;
    memset(&s, 0x77, sizeof(s));
    struct store_status before = s;
    assert_int_equal(store_find_by_tracking(c->st, "K7M-4QX9", &s), -ENOENT);
    assert_int_equal(store_find_by_tracking(c->st, "", &s), -ENOENT);
    assert_int_equal(store_find_by_tracking(c->st, "' OR 1=1 --", &s), -ENOENT);
    assert_memory_equal(&s, &before, sizeof(s));
}

struct walk {
    int calls;
    int stop_at;
    char numbers[8][16];
    struct store *st;
};

static int collect(void *ctx, const struct rec_ticket *t)
{
    struct walk *w = ctx;
    fx_copy(w->numbers[w->calls], sizeof(w->numbers[0]), t->number);
    w->calls++;
    /* The walk holds no statement: the callback may use the store. */
    if (w->st) {
        struct rec_ticket last;
        assert_int_equal(store_last_ticket(w->st, &last), 0);
        int64_t rows;
        assert_int_equal(store_outbox_backlog(w->st, &rows, NULL), 0);
    }
    return w->calls == w->stop_at ? 42 : 0;
}

static void test_tickets_of_a_day_in_issue_order(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_ticket t;
    struct rec_visit visit;
    struct rec_meeting m;
    struct store_ticket_request rq;

    fx_guest(&g, "A");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY, &g, &t), 0);
    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_meeting(&m, "B");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS + 1, &t), 0);
    fx_guest(&g, "C");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS + 2, FX_DAY2, &g, &t), 0);
    fx_guest(&g, "D");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS + 3, FX_DAY, &g, &t), 0);

    struct walk w = {.st = c->st};
    assert_int_equal(store_tickets_for_day(c->st, FX_DAY, collect, &w), 0);
    assert_int_equal(w.calls, 3);
    assert_string_equal(w.numbers[0], "T-001");
    assert_string_equal(w.numbers[1], "R-001");
    assert_string_equal(w.numbers[2], "T-002");

    struct walk stop = {.stop_at = 2};
    assert_int_equal(store_tickets_for_day(c->st, FX_DAY, collect, &stop), 42);
    assert_int_equal(stop.calls, 2);

    struct walk none = {0};
    assert_int_equal(store_tickets_for_day(c->st, "2025-12-31", collect, &none), 0);
    assert_int_equal(none.calls, 0);
    assert_int_equal(store_tickets_for_day(c->st, FX_DAY, NULL, NULL), -EINVAL);
}

static void test_last_ticket_for_a_reprint(void **state)
{
    struct ctx *c = *state;
    struct rec_ticket last, t;
    struct rec_guest g;
    memset(&last, 0x33, sizeof(last));
    struct rec_ticket before = last;
    assert_int_equal(store_last_ticket(c->st, &last), -ENOENT);
    assert_memory_equal(&last, &before, sizeof(last));

    fx_guest(&g, "A");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY2, &g, &t), 0);
    fx_guest(&g, "B");
    /* Issued later, though for an earlier office day: still the last. */
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS + 5, FX_DAY, &g, &t), 0);
    assert_int_equal(store_last_ticket(c->st, &last), 0);
    assert_string_equal(last.meta.id, t.meta.id);
    assert_string_equal(last.meta.visit_id, t.meta.visit_id);
    assert_string_equal(last.meta.kiosk_id, t.meta.kiosk_id);
    assert_int_equal(last.meta.created_ms, FX_NOW_MS + 5);
    assert_int_equal(last.meta.version, 1);
    assert_string_equal(last.record_id, g.meta.id);
    assert_int_equal(last.record_kind, REC_GUEST_ENTRY);
    assert_int_equal(last.service, REC_SERVICE_GUEST);
    assert_int_equal(last.seq, 1);
    assert_string_equal(last.number, "T-001");
    assert_string_equal(last.tracking_code, "");
    assert_int_equal(last.due_ms, 0);
    assert_string_equal(last.rule_kind, "");
    assert_string_equal(last.office_day, FX_DAY);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_status_of_a_meeting_and_a_complaint),
        T(test_unknown_code_is_enoent),
        T(test_tickets_of_a_day_in_issue_order),
        T(test_last_ticket_for_a_reprint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
