/*
 * test_store_submit — store_submit(): what the caller gets back, ticket
 * numbers per service per office day, one visit for many records, and the
 * promise of the transaction: a batch that fails anywhere stores nothing,
 * uses no ticket number and leaves the caller's structs as they were.
 * Also: what the schema refuses, SQL metacharacters kept as plain text,
 * tracking-code collisions, and error messages that name no visitor.
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
#include "core/tracking.h"
#include "core/uuid.h"

/* struct ctx, setup() and teardown(): a fresh store in a temporary folder,
 * from store_fixture.h. */
FX_STORE_SUITE

/* Row counts of every table a submission writes, to compare before/after. */
struct counts {
    int64_t visits, guests, meetings, complaints, surveys, tickets, counters, codes, outbox;
};

static struct counts count_rows(struct store *st)
{
    struct counts n = {
        fx_rows(st, "visits"),           fx_rows(st, "guest_entries"),
        fx_rows(st, "meeting_requests"), fx_rows(st, "complaints"),
        fx_rows(st, "survey_responses"), fx_rows(st, "tickets"),
        fx_rows(st, "ticket_counters"),  fx_rows(st, "tracking_codes"),
        fx_rows(st, "outbox"),
    };
    return n;
}

static void assert_counts_equal(struct counts a, struct counts b)
{
    assert_int_equal(a.visits, b.visits);
    assert_int_equal(a.guests, b.guests);
    assert_int_equal(a.meetings, b.meetings);
    assert_int_equal(a.complaints, b.complaints);
    assert_int_equal(a.surveys, b.surveys);
    assert_int_equal(a.tickets, b.tickets);
    assert_int_equal(a.counters, b.counters);
    assert_int_equal(a.codes, b.codes);
    assert_int_equal(a.outbox, b.outbox);
}

static json_t *outbox_payload(struct store *st, const char *record_id)
{
    sqlite3_stmt *stmt = NULL;
    json_error_t jerr;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT payload FROM outbox WHERE record_id = ?1", -1,
                                        &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, record_id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    json_t *j = json_loads((const char *)sqlite3_column_text(stmt, 0), 0, &jerr);
    sqlite3_finalize(stmt);
    assert_non_null(j);
    return j;
}

static void test_guest_gets_ids_and_ticket_after_commit(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_guest g;
    struct store_ticket_request req;
    struct rec_ticket ticket;

    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    assert_true(uuid_valid(visit.meta.id));
    assert_string_equal(visit.meta.kiosk_id, store_kiosk_id(c->st));
    fx_guest(&g, "Budi Santoso");
    fx_ticket_req(&req, REC_SERVICE_GUEST, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, &req);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), 0);

    int64_t ms;
    assert_true(uuid_valid(g.meta.id));
    assert_int_equal(uuid7_time_ms(g.meta.id, &ms), 0);
    assert_int_equal(ms, FX_NOW_MS);
    assert_string_equal(g.meta.visit_id, visit.meta.id);
    assert_string_equal(g.meta.kiosk_id, store_kiosk_id(c->st));
    assert_int_equal(g.meta.created_ms, FX_NOW_MS);
    assert_int_equal(g.meta.updated_ms, FX_NOW_MS);
    assert_int_equal(g.meta.version, 1);
    assert_string_equal(g.name, "Budi Santoso");

    assert_true(uuid_valid(ticket.meta.id));
    assert_string_not_equal(ticket.meta.id, g.meta.id);
    assert_string_equal(ticket.meta.visit_id, visit.meta.id);
    assert_string_equal(ticket.record_id, g.meta.id);
    assert_int_equal(ticket.record_kind, REC_GUEST_ENTRY);
    assert_int_equal(ticket.service, REC_SERVICE_GUEST);
    assert_string_equal(ticket.office_day, FX_DAY);
    assert_int_equal(ticket.seq, 1);
    assert_string_equal(ticket.number, "T-001");
    assert_string_equal(ticket.tracking_code, "");
    assert_int_equal(ticket.due_ms, 0);

    struct counts n = count_rows(c->st);
    assert_int_equal(n.visits, 1);
    assert_int_equal(n.guests, 1);
    assert_int_equal(n.tickets, 1);
    assert_int_equal(n.outbox, 3); /* visit, guest entry, ticket */

    json_t *p = outbox_payload(c->st, g.meta.id);
    assert_string_equal(json_string_value(json_object_get(p, "name")), "Budi Santoso");
    assert_string_equal(json_string_value(json_object_get(p, "id")), g.meta.id);
    assert_int_equal(json_integer_value(json_object_get(p, "party_size")), 2);
    assert_int_equal(json_integer_value(json_object_get(p, "version")), 1);
    json_decref(p);
    p = outbox_payload(c->st, ticket.meta.id);
    assert_string_equal(json_string_value(json_object_get(p, "number")), "T-001");
    assert_string_equal(json_string_value(json_object_get(p, "service")), "guest");
    json_decref(p);
    p = outbox_payload(c->st, visit.meta.id);
    assert_string_equal(json_string_value(json_object_get(p, "lang")), "id");
    json_decref(p);
}

static void test_meeting_and_complaint_get_tracking_codes(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_meeting m;
    struct rec_complaint k;
    struct store_ticket_request rq_m, rq_k;
    struct rec_ticket tickets[2];
    char canon[TRACKING_SIZE];

    store_visit_begin(c->st, FX_NOW_MS, "en", &visit);
    fx_meeting(&m, "Siti Aminah");
    fx_complaint(&k, REC_PRIVACY_ANONYMOUS, "", "Antrean di loket terlalu lama.");
    fx_ticket_req(&rq_m, REC_SERVICE_MEETING, FX_DAY);
    fx_ticket_req(&rq_k, REC_SERVICE_COMPLAINT, FX_DAY);
    struct store_submission subs[2] = {
        fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq_m),
        fx_sub(&visit, REC_COMPLAINT, &k, &rq_k),
    };
    assert_int_equal(store_submit(c->st, subs, 2, FX_NOW_MS, tickets), 0);

    assert_int_equal(tracking_normalize(m.tracking_code, canon), 0);
    assert_string_equal(canon, m.tracking_code);
    assert_int_equal(tracking_normalize(k.tracking_code, canon), 0);
    assert_string_not_equal(m.tracking_code, k.tracking_code);
    assert_string_equal(tickets[0].tracking_code, m.tracking_code);
    assert_string_equal(tickets[1].tracking_code, k.tracking_code);
    assert_string_equal(tickets[0].number, "R-001");
    assert_string_equal(tickets[1].number, "P-001");
    assert_string_equal(tickets[0].rule_kind, "reply_letter");
    assert_int_equal(tickets[0].due_ms, rq_m.due_ms);
    assert_int_equal(fx_rows(c->st, "tracking_codes"), 2);
    assert_int_equal(fx_rows(c->st, "visits"), 1);
}

static void test_one_visit_many_records(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_guest g;
    struct rec_meeting m;
    struct rec_survey s;
    struct store_ticket_request rq_g, rq_m;
    struct rec_ticket tickets[3];

    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_guest(&g, "Dewi Lestari");
    fx_meeting(&m, "Dewi Lestari");
    fx_survey(&s, 4);
    fx_ticket_req(&rq_g, REC_SERVICE_GUEST, FX_DAY);
    fx_ticket_req(&rq_m, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission subs[3] = {
        fx_sub(&visit, REC_GUEST_ENTRY, &g, &rq_g),
        fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq_m),
        fx_sub(&visit, REC_SURVEY, &s, NULL),
    };
    memset(tickets, 0x5A, sizeof(tickets));
    assert_int_equal(store_submit(c->st, subs, 3, FX_NOW_MS, tickets), 0);
    assert_string_equal(tickets[0].number, "T-001");
    assert_string_equal(tickets[1].number, "R-001");
    /* No ticket asked, none written. */
    assert_int_equal(((unsigned char *)&tickets[2])[0], 0x5A);
    assert_true(uuid_valid(s.meta.id));
    assert_string_equal(s.meta.visit_id, visit.meta.id);

    /* The same visit later in the sitting: no second visit row or outbox row. */
    struct rec_survey s2;
    fx_survey(&s2, 3);
    struct store_submission again = fx_sub(&visit, REC_SURVEY, &s2, NULL);
    assert_int_equal(store_submit(c->st, &again, 1, FX_NOW_MS + 1000, NULL), 0);
    assert_int_equal(fx_rows(c->st, "visits"), 1);
    assert_int_equal(fx_int(store_db(c->st), "SELECT count(*) FROM outbox WHERE kind = 'visit'"),
                     1);
    assert_int_equal(fx_rows(c->st, "survey_responses"), 2);
}

static void take(struct store *st, enum rec_service service, const char *day, const char *want)
{
    struct rec_visit visit;
    struct store_ticket_request req;
    struct rec_ticket ticket;
    struct rec_guest g;
    struct rec_meeting m;
    struct rec_complaint k;
    struct store_submission sub;

    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_ticket_req(&req, service, day);
    if (service == REC_SERVICE_GUEST) {
        fx_guest(&g, "Tamu");
        sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, &req);
    } else if (service == REC_SERVICE_MEETING) {
        fx_meeting(&m, "Pemohon");
        sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &req);
    } else {
        fx_complaint(&k, REC_PRIVACY_NAMED, "Pelapor", "Isi pengaduan");
        sub = fx_sub(&visit, REC_COMPLAINT, &k, &req);
    }
    assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &ticket), 0);
    assert_string_equal(ticket.number, want);
    assert_string_equal(ticket.office_day, day);
}

static void test_ticket_numbers_per_service_per_day(void **state)
{
    struct ctx *c = *state;
    take(c->st, REC_SERVICE_GUEST, FX_DAY, "T-001");
    take(c->st, REC_SERVICE_MEETING, FX_DAY, "R-001");
    take(c->st, REC_SERVICE_GUEST, FX_DAY, "T-002");
    take(c->st, REC_SERVICE_COMPLAINT, FX_DAY, "P-001");
    take(c->st, REC_SERVICE_MEETING, FX_DAY, "R-002");
    take(c->st, REC_SERVICE_GUEST, FX_DAY, "T-003");
    /* A new office day starts every service at 1 again. */
    take(c->st, REC_SERVICE_GUEST, FX_DAY2, "T-001");
    take(c->st, REC_SERVICE_COMPLAINT, FX_DAY2, "P-001");
    /* A late record of the earlier day continues that day's sequence. */
    take(c->st, REC_SERVICE_GUEST, FX_DAY, "T-004");
    assert_int_equal(fx_rows(c->st, "ticket_counters"), 5);
}

static void test_ticket_number_past_999(void **state)
{
    struct ctx *c = *state;
    fx_exec(store_db(c->st), "INSERT INTO ticket_counters VALUES ('guest', '" FX_DAY "', 999)");
    take(c->st, REC_SERVICE_GUEST, FX_DAY, "T-1000");
}

/* A batch whose second submission breaks a rule: nothing of either. */
static void check_batch_fails(struct ctx *c, struct store_submission *second, int want_rc)
{
    struct rec_visit visit;
    struct rec_guest g, before;
    struct store_ticket_request req;
    struct rec_ticket tickets[2], untouched[2];
    struct rec_ticket first_ticket;

    /* One committed visitor first, so the counter exists. */
    struct rec_guest earlier;
    fx_guest(&earlier, "Pengunjung Pertama");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY, &earlier, &first_ticket), 0);
    assert_string_equal(first_ticket.number, "T-001");
    struct counts was = count_rows(c->st);

    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_guest(&g, "Budi Santoso");
    before = g;
    fx_ticket_req(&req, REC_SERVICE_GUEST, FX_DAY);
    second->visit = &visit;
    struct store_submission subs[2] = {fx_sub(&visit, REC_GUEST_ENTRY, &g, &req), *second};
    memset(tickets, 0xA5, sizeof(tickets));
    memcpy(untouched, tickets, sizeof(tickets));

    assert_int_equal(store_submit(c->st, subs, 2, FX_NOW_MS, tickets), want_rc);
    assert_string_not_equal(store_last_error(c->st), "");
    assert_counts_equal(count_rows(c->st), was);
    assert_memory_equal(&g, &before, sizeof(g));
    assert_memory_equal(tickets, untouched, sizeof(tickets));
    assert_int_equal(fx_int(store_db(c->st), "SELECT last_seq FROM ticket_counters "
                                             "WHERE service = 'guest'"),
                     1);
    assert_true(sqlite3_get_autocommit(store_db(c->st)));

    /* The number the failed batch would have used is the next one given. */
    struct rec_ticket next;
    fx_guest(&g, "Budi Santoso");
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY, &g, &next), 0);
    assert_string_equal(next.number, "T-002");
}

static void test_bad_survey_score_fails_whole_batch(void **state)
{
    struct ctx *c = *state;
    struct rec_survey s;
    fx_survey(&s, 4);
    s.scores[8] = 5;
    struct store_submission second = fx_sub(NULL, REC_SURVEY, &s, NULL);
    check_batch_fails(c, &second, -EINVAL);
    assert_string_equal(s.meta.id, "");
}

static void test_check_violation_fails_whole_batch(void **state)
{
    struct ctx *c = *state;
    struct rec_complaint k;
    struct store_ticket_request req;
    /* An anonymous complaint must not keep a name. */
    fx_complaint(&k, REC_PRIVACY_ANONYMOUS, "Siti Rahmawati", "Pelayanan lambat");
    fx_ticket_req(&req, REC_SERVICE_COMPLAINT, FX_DAY);
    struct store_submission second = fx_sub(NULL, REC_COMPLAINT, &k, &req);
    check_batch_fails(c, &second, -EINVAL);
    assert_string_equal(k.tracking_code, "");
    assert_null(strstr(store_last_error(c->st), "Siti"));
}

static void test_failure_after_ticket_fails_whole_batch(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct store_ticket_request req;
    /* The last statement of the batch fails: the 2nd ticket's outbox row. */
    fx_exec(store_db(c->st), "CREATE TEMP TRIGGER fail_second_ticket BEFORE INSERT ON outbox "
                             "WHEN NEW.kind = 'ticket' AND (SELECT count(*) FROM tickets) >= 3 "
                             "BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
    fx_guest(&g, "Kedua");
    fx_ticket_req(&req, REC_SERVICE_GUEST, FX_DAY);
    struct store_submission second = fx_sub(NULL, REC_GUEST_ENTRY, &g, &req);
    check_batch_fails(c, &second, -EINVAL);
}

static void test_refused_before_the_transaction(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_survey s;
    struct rec_guest g;
    struct store_ticket_request req;
    struct rec_ticket ticket;
    struct store_submission sub;

    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_survey(&s, 3);
    fx_guest(&g, "Tamu");
    fx_ticket_req(&req, REC_SERVICE_GUEST, FX_DAY);

    sub = fx_sub(&visit, REC_SURVEY, &s, &req); /* a survey takes no ticket */
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    sub = fx_sub(NULL, REC_GUEST_ENTRY, &g, &req);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, &req);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    sub.record.kind = REC_TICKET;
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, &req);
    FX_SET(req.prefix, "t1");
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    fx_ticket_req(&req, REC_SERVICE_GUEST, "2026-02-30");
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    fx_ticket_req(&req, REC_SERVICE_GUEST, FX_DAY);
    req.service = REC_SERVICE_COUNT;
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), -EINVAL);
    assert_int_equal(store_submit(c->st, NULL, 0, FX_NOW_MS, NULL), 0);

    /* What only the schema knows. */
    struct rec_visit bad_lang;
    store_visit_begin(c->st, FX_NOW_MS, "fr", &bad_lang);
    sub = fx_sub(&bad_lang, REC_SURVEY, &s, NULL);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    g.party_size = 0;
    sub = fx_sub(&visit, REC_GUEST_ENTRY, &g, NULL);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    fx_guest(&g, "");
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    fx_guest(&g, "Nama yang jauh terlalu panjang untuk buku tamu, lebih dari delapan puluh huruf "
                 "panjangnya");
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    /* Not UTF-8: refused before it could reach the hub. */
    fx_guest(&g, "Bad \xff\xfe name");
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);
    /* An enumeration value without a name. */
    fx_guest(&g, "Tamu");
    struct rec_meeting m;
    fx_meeting(&m, "Pemohon");
    m.status = REC_STATUS_COUNT;
    sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, NULL);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);

    struct counts zero = {0};
    assert_counts_equal(count_rows(c->st), zero);
}

static void test_limits_count_characters_not_bytes(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_ticket t;
    char name[REC_BUF(REC_NAME_CHARS)];
    /* 80 characters of two bytes each: 160 bytes, still a valid name. */
    size_t pos = 0;
    for (int i = 0; i < REC_NAME_CHARS; i++) {
        name[pos++] = (char)0xC3;
        name[pos++] = (char)0xA9; /* é */
    }
    name[pos] = '\0';
    fx_guest(&g, name);
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY, &g, &t), 0);
}

static void test_sql_metacharacters_are_plain_text(void **state)
{
    struct ctx *c = *state;
    struct rec_guest g;
    struct rec_ticket t;
    const char *name = "Robert'); DROP TABLE guest_entries;--";
    const char *purpose = "50% \"diskon\"; _ \\ ? ?1 :x @y $z";
    fx_guest(&g, name);
    FX_SET(g.purpose, purpose);
    assert_int_equal(fx_submit_guest(c->st, FX_NOW_MS, FX_DAY, &g, &t), 0);

    char *got = fx_text(store_db(c->st), "SELECT name FROM guest_entries");
    assert_string_equal(got, name);
    free(got);
    got = fx_text(store_db(c->st), "SELECT purpose FROM guest_entries");
    assert_string_equal(got, purpose);
    free(got);
    json_t *p = outbox_payload(c->st, g.meta.id);
    assert_string_equal(json_string_value(json_object_get(p, "purpose")), purpose);
    json_decref(p);
    assert_int_equal(fx_rows(c->st, "guest_entries"), 1);
}

static void test_errors_name_no_visitor(void **state)
{
    struct ctx *c = *state;
    struct rec_visit visit;
    struct rec_meeting m;
    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_meeting(&m, "Siti Rahmawati");
    FX_SET(m.phone, "+62 812 3456 7890 ext 12345"); /* longer than 20 characters */
    FX_SET(m.email, "siti.rahmawati@example.id");
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, NULL);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, NULL), -EINVAL);

    const char *err = store_last_error(c->st);
    assert_string_not_equal(err, "");
    assert_non_null(strstr(err, "CHECK"));
    assert_null(strstr(err, "Siti"));
    assert_null(strstr(err, "Rahmawati"));
    assert_null(strstr(err, "812"));
    assert_null(strstr(err, "example.id"));
    assert_null(strstr(err, "CV Sinar"));
}

/* --- tracking-code collisions ------------------------------------------- */

struct scripted {
    int tracking_draws; /* 8-byte requests seen */
    int collide_until;  /* draws below this number repeat the same bytes */
    uint64_t counter;
};

static void scripted_random(void *ctx, uint8_t *buf, size_t n)
{
    struct scripted *s = ctx;
    if (n == TRACKING_RANDOM_BYTES) {
        uint8_t fill =
            s->tracking_draws < s->collide_until ? 0x11 : (uint8_t)(0x20 + s->tracking_draws);
        memset(buf, fill, n);
        s->tracking_draws++;
        return;
    }
    /* Ids: different every time. */
    s->counter++;
    memset(buf, 0, n);
    memcpy(buf + n - sizeof(s->counter), &s->counter, sizeof(s->counter));
}

static int submit_meeting(struct store *st, struct rec_meeting *m)
{
    struct rec_visit visit;
    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_meeting(m, "Pemohon");
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, m, NULL);
    return store_submit(st, &sub, 1, FX_NOW_MS, NULL);
}

static void test_tracking_collision_draws_again(void **state)
{
    struct ctx *c = *state;
    struct scripted s = {.collide_until = 3};
    struct rec_meeting a, b;
    uint8_t same[TRACKING_RANDOM_BYTES], fresh[TRACKING_RANDOM_BYTES];
    char code_same[TRACKING_SIZE], code_fresh[TRACKING_SIZE];
    memset(same, 0x11, sizeof(same));
    tracking_make(same, code_same);

    store_set_random(c->st, scripted_random, &s);
    assert_int_equal(submit_meeting(c->st, &a), 0);
    assert_string_equal(a.tracking_code, code_same);
    /* Draws 2 and 3 repeat the taken code; draw 4 is new. */
    assert_int_equal(submit_meeting(c->st, &b), 0);
    assert_int_equal(s.tracking_draws, 4);
    memset(fresh, 0x20 + 3, sizeof(fresh));
    tracking_make(fresh, code_fresh);
    assert_string_equal(b.tracking_code, code_fresh);
    assert_int_equal(fx_rows(c->st, "meeting_requests"), 2);

    /* A source that only ever repeats itself gives up, storing nothing. */
    s.collide_until = 1000;
    struct rec_meeting d;
    assert_int_equal(submit_meeting(c->st, &d), -EIO);
    assert_non_null(strstr(store_last_error(c->st), "tracking code"));
    assert_int_equal(fx_rows(c->st, "meeting_requests"), 2);
    store_set_random(c->st, NULL, NULL);
    assert_int_equal(submit_meeting(c->st, &d), 0);
}

/* --- ids ------------------------------------------------------------------ */

static void test_ids_count_up_within_a_millisecond(void **state)
{
    struct ctx *c = *state;
    enum { N = 50 };
    static struct rec_guest g[N];
    static struct rec_visit v[N];
    static struct store_submission subs[N];
    static struct store_ticket_request rq;
    static struct rec_ticket t[N];
    fx_ticket_req(&rq, REC_SERVICE_GUEST, FX_DAY);
    for (int i = 0; i < N; i++) {
        store_visit_begin(c->st, FX_NOW_MS, "id", &v[i]);
        fx_guest(&g[i], "Tamu");
        subs[i] = fx_sub(&v[i], REC_GUEST_ENTRY, &g[i], &rq);
    }
    assert_int_equal(store_submit(c->st, subs, N, FX_NOW_MS, t), 0);
    for (int i = 1; i < N; i++) {
        int64_t ms;
        assert_true(strcmp(v[i - 1].meta.id, v[i].meta.id) < 0);
        assert_true(strcmp(g[i - 1].meta.id, g[i].meta.id) < 0);
        assert_true(strcmp(t[i - 1].meta.id, t[i].meta.id) < 0);
        assert_int_equal(uuid7_time_ms(g[i].meta.id, &ms), 0);
        assert_int_equal(ms, FX_NOW_MS);
        assert_int_equal(t[i].seq, i + 1);
    }
}

static void all_ones(void *ctx, uint8_t *buf, size_t n)
{
    (void)ctx;
    memset(buf, 0xFF, n);
}

static void test_id_counting_carries_over(void **state)
{
    struct ctx *c = *state;
    struct rec_visit a, b, d;
    int64_t ms;
    /* All-ones random bits: the second id must carry into higher bits and
     * still be a valid, larger UUIDv7. */
    store_set_random(c->st, all_ones, NULL);
    store_visit_begin(c->st, FX_NOW_MS + 7, "id", &a);
    store_visit_begin(c->st, FX_NOW_MS + 7, "id", &b);
    store_visit_begin(c->st, FX_NOW_MS + 8, "id", &d);
    store_set_random(c->st, NULL, NULL);
    assert_true(strcmp(a.meta.id, b.meta.id) < 0);
    assert_true(strcmp(b.meta.id, d.meta.id) < 0);
    assert_int_equal(uuid7_time_ms(b.meta.id, &ms), 0);
    assert_int_equal(ms, FX_NOW_MS + 7);
    assert_string_equal(a.meta.id + 19, "9fff-ffffffffffff");
    assert_string_equal(b.meta.id + 19, "a000-000000000000");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_guest_gets_ids_and_ticket_after_commit),
        T(test_meeting_and_complaint_get_tracking_codes),
        T(test_one_visit_many_records),
        T(test_ticket_numbers_per_service_per_day),
        T(test_ticket_number_past_999),
        T(test_bad_survey_score_fails_whole_batch),
        T(test_check_violation_fails_whole_batch),
        T(test_failure_after_ticket_fails_whole_batch),
        T(test_refused_before_the_transaction),
        T(test_limits_count_characters_not_bytes),
        T(test_sql_metacharacters_are_plain_text),
        T(test_errors_name_no_visitor),
        T(test_tracking_collision_draws_again),
        T(test_ids_count_up_within_a_millisecond),
        T(test_id_counting_carries_over),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
