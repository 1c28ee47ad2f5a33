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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_meeting_and_letter_in_one_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_letter_stores_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
