/*
 * test_store_letter — a record submitted with its scanned letter: the
 * record, its ticket, the letter's bytes and both outbox rows commit in
 * one transaction, or nothing does (a letter that is no PDF, a letter on
 * a kind that takes none).
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
#include "store/internal.h"

FX_STORE_SUITE

static const char pdf[] = "%PDF-1.4\n% the first bytes of a letter\n%%EOF\n";

static int submit(struct store *st, enum rec_kind kind, void *rec, enum rec_service service,
                  const struct store_letter *letter, struct rec_ticket *ticket)
{
    struct rec_visit visit;
    struct store_ticket_request rq;
    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_ticket_req(&rq, service, FX_DAY);
    struct store_submission sub = fx_sub(&visit, kind, rec, &rq);
    sub.record.letter = letter;
    return store_submit(st, &sub, 1, FX_NOW_MS, ticket);
}

static void test_meeting_and_letter_in_one_commit(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_ticket t;
    struct store_letter letter = {(const uint8_t *)pdf, sizeof(pdf) - 1, 3};
    fx_meeting(&m, "Siti");
    assert_int_equal(submit(c->st, REC_MEETING_REQUEST, &m, REC_SERVICE_MEETING, &letter, &t), 0);
    assert_int_equal(fx_rows(c->st, "meeting_requests"), 1);
    assert_int_equal(fx_rows(c->st, "attachments"), 1);
    /* visit, request, ticket and attachment each have their outbox row */
    assert_int_equal(fx_rows(c->st, "outbox"), 4);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM attachments WHERE record_id = '%s' AND pages = 3 "
             "AND visit_id = '%s'",
             m.meta.id, m.meta.visit_id);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(c->st), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);

    struct rec_complaint k;
    fx_complaint(&k, REC_PRIVACY_NAMED, "Rudi", "Pungutan di loket perizinan.");
    letter.pages = 1;
    assert_int_equal(submit(c->st, REC_COMPLAINT, &k, REC_SERVICE_COMPLAINT, &letter, &t), 0);
    assert_int_equal(fx_rows(c->st, "attachments"), 2);
}

static void test_bad_letter_stores_nothing(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_ticket t;
    struct store_letter not_pdf = {(const uint8_t *)"GIF89a", 6, 1};
    struct store_letter no_pages = {(const uint8_t *)pdf, sizeof(pdf) - 1, 0};
    fx_meeting(&m, "Siti");
    assert_int_equal(submit(c->st, REC_MEETING_REQUEST, &m, REC_SERVICE_MEETING, &not_pdf, &t),
                     -EINVAL);
    assert_int_equal(submit(c->st, REC_MEETING_REQUEST, &m, REC_SERVICE_MEETING, &no_pages, &t),
                     -EINVAL);
    /* The request went with its letter: neither is there, nor a ticket. */
    assert_int_equal(fx_rows(c->st, "meeting_requests"), 0);
    assert_int_equal(fx_rows(c->st, "tickets"), 0);
    assert_int_equal(fx_rows(c->st, "attachments"), 0);
    assert_int_equal(fx_rows(c->st, "outbox"), 0);
    assert_string_equal(m.tracking_code, ""); /* the caller's record untouched */

    struct rec_guest g;
    struct store_letter letter = {(const uint8_t *)pdf, sizeof(pdf) - 1, 1};
    fx_guest(&g, "Budi");
    assert_int_equal(submit(c->st, REC_GUEST_ENTRY, &g, REC_SERVICE_GUEST, &letter, &t), -EINVAL);
    assert_int_equal(fx_rows(c->st, "guest_entries"), 0);
}

/* Random bytes for draws: the same twice, then others. */
struct replay_bytes {
    int calls;
};

static void first_twice(void *ctx, uint8_t *buf, size_t n)
{
    struct replay_bytes *r = ctx;
    memset(buf, r->calls < 2 ? 0x11 : 0x5A, n);
    r->calls++;
}

/* The letter's PDF carries the tracking code, so the caller draws it
 * first and the record keeps exactly that code; one already taken fails
 * the whole submission. */
static void test_drawn_tracking_code_is_kept(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m, again;
    struct rec_ticket t;
    struct store_letter letter = {(const uint8_t *)pdf, sizeof(pdf) - 1, 1};
    char code[TRACKING_SIZE], check[TRACKING_SIZE];
    struct replay_bytes r = {0};
    store_set_random(c->st, first_twice, &r);
    assert_int_equal(store_draw_tracking(c->st, code), 0);
    store_set_random(c->st, NULL, NULL);
    assert_int_equal(tracking_normalize(code, check), 0); /* a real code, check symbol and all */

    fx_meeting(&m, "Siti");
    struct rec_visit visit;
    struct store_ticket_request rq;
    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq);
    sub.record.letter = &letter;
    sub.record.tracking_code = code;
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &t), 0);
    assert_string_equal(m.tracking_code, code);
    assert_string_equal(t.tracking_code, code);

    /* Taken now: a second record naming it stores nothing. */
    fx_meeting(&again, "Budi");
    sub = fx_sub(&visit, REC_MEETING_REQUEST, &again, &rq);
    sub.record.tracking_code = code;
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &t), -EEXIST);
    sub.record.tracking_code = "ABC-DEF0"; /* not a code at all */
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &t), -EINVAL);
    assert_int_equal(fx_rows(c->st, "meeting_requests"), 1);

    /* A draw landing on the code in use draws again. */
    store_set_random(c->st, first_twice, &r);
    assert_int_equal(store_draw_tracking(c->st, check), 0);
    store_set_random(c->st, NULL, NULL);
    assert_int_equal(r.calls, 3);
    assert_string_not_equal(check, code);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_meeting_and_letter_in_one_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_letter_stores_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drawn_tracking_code_is_kept, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
