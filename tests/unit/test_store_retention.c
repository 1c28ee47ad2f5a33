/*
 * test_store_retention — store_purge(): personal fields blanked once the
 * hub acknowledged every version of a record and the retention passed;
 * never before the acknowledgement, never before the retention; what
 * must stay (ids, times, codes, statuses, tickets, scores) stays.
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

#define DAY_MS    INT64_C(86400000)
#define ACK_MS    (FX_NOW_MS + 3600000)
#define RETENTION 30

struct ctx {
    char dir[256];
    struct store *st;
    struct rec_guest g;
    struct rec_meeting m;
    struct rec_complaint k;
    struct rec_survey s;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    char path[512];
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    c->st = fx_open(path);

    struct rec_visit visit;
    struct store_ticket_request rq_g, rq_m, rq_k;
    struct rec_ticket tickets[4];
    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_guest(&c->g, "Budi Santoso");
    fx_meeting(&c->m, "Siti Aminah");
    fx_complaint(&c->k, REC_PRIVACY_CONFIDENTIAL, "Andi Wijaya", "Petugas tidak ada di tempat");
    FX_SET(c->k.email, "andi@example.id");
    fx_survey(&c->s, 4);
    fx_ticket_req(&rq_g, REC_SERVICE_GUEST, FX_DAY);
    fx_ticket_req(&rq_m, REC_SERVICE_MEETING, FX_DAY);
    fx_ticket_req(&rq_k, REC_SERVICE_COMPLAINT, FX_DAY);
    struct store_submission subs[4] = {
        fx_sub(&visit, REC_GUEST_ENTRY, &c->g, &rq_g),
        fx_sub(&visit, REC_MEETING_REQUEST, &c->m, &rq_m),
        fx_sub(&visit, REC_COMPLAINT, &c->k, &rq_k),
        fx_sub(&visit, REC_SURVEY, &c->s, NULL),
    };
    assert_int_equal(store_submit(c->st, subs, 4, FX_NOW_MS, tickets), 0);
    /* The meeting's scanned letter, with its bytes. */
    fx_exec(store_db(c->st),
            "INSERT INTO attachments SELECT '01943a2b-0000-7000-8000-0000000000aa', visit_id, "
            "kiosk_id, created_ms, updated_ms, 1, id, "
            "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "
            "'application/pdf', 4, 1, X'25504446', NULL FROM meeting_requests");
    fx_exec(store_db(c->st), "UPDATE meeting_requests SET schedule = 'Senin 10.00', "
                             "answer = 'Diterima, dibawa ke rapat'");
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

/* The hub answers for every row queued so far (or for one record). */
static void ack_all(struct store *st, const char *only_id, int64_t when)
{
    struct store_outbox_batch b;
    struct store_ack acks[32];
    size_t n = 0;
    assert_int_equal(store_outbox_next(st, 32, &b), 0);
    for (size_t i = 0; i < b.n; i++) {
        if (only_id && strcmp(b.rows[i].record_id, only_id) != 0)
            continue;
        memcpy(acks[n].record_id, b.rows[i].record_id, sizeof(acks[n].record_id));
        acks[n].version = b.rows[i].version;
        n++;
    }
    store_outbox_batch_fini(&b);
    assert_int_equal(store_outbox_ack(st, acks, n, when), 0);
}

static int purge(struct store *st, int64_t now_ms, int days)
{
    int purged = -1;
    assert_int_equal(store_purge(st, now_ms, days, &purged), 0);
    return purged;
}

static char *guest_name(struct store *st)
{
    return fx_text(store_db(st), "SELECT name FROM guest_entries");
}

static void test_nothing_before_the_hub_has_it(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(purge(c->st, FX_NOW_MS + 1000 * DAY_MS, RETENTION), 0);
    char *name = guest_name(c->st);
    assert_string_equal(name, "Budi Santoso");
    free(name);
    assert_int_equal(fx_rows(c->st, "outbox"), 8);
}

static void test_nothing_before_retention_ends(void **state)
{
    struct ctx *c = *state;
    ack_all(c->st, NULL, ACK_MS);
    assert_int_equal(purge(c->st, ACK_MS + RETENTION * DAY_MS - 1, RETENTION), 0);
    char *name = guest_name(c->st);
    assert_string_equal(name, "Budi Santoso");
    free(name);
    assert_int_equal(fx_rows(c->st, "outbox"), 8);
}

static void test_blanks_personal_fields_and_keeps_the_rest(void **state)
{
    struct ctx *c = *state;
    sqlite3 *db = store_db(c->st);
    struct store_status before, after;
    assert_int_equal(store_find_by_tracking(c->st, c->m.tracking_code, &before), 0);
    ack_all(c->st, NULL, ACK_MS);
    int64_t now = ACK_MS + RETENTION * DAY_MS;
    assert_int_equal(purge(c->st, now, RETENTION), 4);

    /* Gone: whatever names or describes a person. */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM guest_entries WHERE name = '' AND "
                                "organization = '' AND phone = '' AND purpose = '' AND "
                                "meet_whom = ''"),
                     1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM meeting_requests WHERE applicant = '' AND "
                                "organization = '' AND phone = '' AND email = '' AND "
                                "subject = '' AND preferred_dates = '' AND answer = ''"),
                     1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM complaints WHERE name = '' AND phone = '' "
                                "AND email = '' AND body = '' AND answer = ''"),
                     1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM survey_responses WHERE comment = ''"), 1);
    /* The letter's bytes were never confirmed by the hub: they stay. */
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE data IS NULL"), 0);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM guest_entries WHERE purged_ms = "
                                "1767315600000 + 3600000 + 30 * 86400000"),
                     1);

    /* Kept: what the status screen, the statistics and the hub's ids need. */
    assert_int_equal(fx_int(db, "SELECT party_size FROM guest_entries"), 2);
    assert_int_equal(fx_int(db, "SELECT score1 + score9 FROM survey_responses"), 8);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM tickets"), 3);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE size_bytes = 4"), 1);
    char *cls = fx_text(db, "SELECT class || '/' || privacy || '/' || status FROM complaints");
    assert_string_equal(cls, "normative/confidential/received");
    free(cls);
    assert_int_equal(store_find_by_tracking(c->st, c->m.tracking_code, &after), 0);
    assert_string_equal(after.record_id, before.record_id);
    assert_string_equal(after.ticket_number, before.ticket_number);
    assert_int_equal(after.due_ms, before.due_ms);
    assert_string_equal(after.schedule, "Senin 10.00");
    assert_string_equal(after.answer, "");
    assert_int_equal(store_find_by_tracking(c->st, c->k.tracking_code, &after), 0);

    /* Their acknowledged outbox rows are gone; a second purge has no work. */
    assert_int_equal(fx_rows(c->st, "outbox"), 0);
    assert_int_equal(purge(c->st, now + DAY_MS, RETENTION), 0);

    /* The export shows the blanks. */
    char *text = fx_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_JSON);
    assert_null(strstr(text, "Budi"));
    assert_non_null(strstr(text, "\"name\":\"\""));
    free(text);
    text = fx_export(c->st, REC_COMPLAINT, STORE_FORMAT_CSV);
    assert_null(strstr(text, "Andi"));
    assert_null(strstr(text, "Petugas"));
    free(text);
}

/* Metadata acknowledged is not bytes delivered: a scanned letter stays on
 * the kiosk until the hub confirmed its bytes, however long that takes. */
static void test_letter_bytes_stay_until_the_hub_confirms_them(void **state)
{
    struct ctx *c = *state;
    sqlite3 *db = store_db(c->st);
    ack_all(c->st, NULL, ACK_MS);
    int64_t now = ACK_MS + RETENTION * DAY_MS;
    purge(c->st, now, RETENTION);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE data IS NOT NULL"), 1);
    purge(c->st, now + 400 * DAY_MS, RETENTION);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE data IS NOT NULL"), 1);

    /* Confirmed at ACK_MS + 400 days: kept until the retention after it. */
    fx_exec(db, "UPDATE attachments SET uploaded_ms = 1767315600000 + 3600000 + 400 * 86400000");
    purge(c->st, now + 399 * DAY_MS, RETENTION);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE data IS NOT NULL"), 1);
    purge(c->st, now + 400 * DAY_MS, RETENTION);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE data IS NULL"), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM attachments WHERE size_bytes = 4"), 1);
}

static void test_only_what_was_acknowledged(void **state)
{
    struct ctx *c = *state;
    sqlite3 *db = store_db(c->st);
    /* A newer version of the guest entry is still on its way to the hub. */
    assert_int_equal(store_outbox_add(c->st, REC_GUEST_ENTRY, c->g.meta.id, 2, "{}", 2, ACK_MS), 0);
    struct store_ack ack;
    memcpy(ack.record_id, c->g.meta.id, sizeof(ack.record_id));
    ack.version = 1;
    assert_int_equal(store_outbox_ack(c->st, &ack, 1, ACK_MS), 0);
    ack_all(c->st, c->s.meta.id, ACK_MS);

    assert_int_equal(purge(c->st, ACK_MS + 365 * DAY_MS, RETENTION), 1);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM survey_responses WHERE comment = ''"), 1);
    char *name = guest_name(c->st);
    assert_string_equal(name, "Budi Santoso");
    free(name);
    assert_int_equal(fx_int(db, "SELECT count(*) FROM meeting_requests WHERE applicant = ''"), 0);
    /* Only the survey's row left the outbox. */
    assert_int_equal(fx_rows(c->st, "outbox"), 8);
}

static void test_zero_retention_and_bad_arguments(void **state)
{
    struct ctx *c = *state;
    ack_all(c->st, NULL, ACK_MS);
    assert_int_equal(store_purge(c->st, ACK_MS, 0, NULL), 0);
    assert_int_equal(fx_rows(c->st, "outbox"), 0);
    assert_int_equal(store_purge(c->st, ACK_MS, -1, NULL), -EINVAL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_nothing_before_the_hub_has_it),
        T(test_nothing_before_retention_ends),
        T(test_blanks_personal_fields_and_keeps_the_rest),
        T(test_letter_bytes_stay_until_the_hub_confirms_them),
        T(test_only_what_was_acknowledged),
        T(test_zero_retention_and_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
