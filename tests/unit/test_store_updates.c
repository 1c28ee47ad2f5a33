/*
 * test_store_updates — staff decisions pulled from the hub: they change
 * the status screen's view of a record, their cursor is saved with them,
 * a decision about an unknown record changes nothing, and a bad one
 * leaves nothing behind (not even the cursor).
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

struct ctx {
    char dir[256];
    struct store *st;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    char path[512];
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    c->st = fx_open(path);
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

/* A meeting request and a complaint, submitted with their tickets. */
static void submit_two(struct store *st, struct rec_meeting *m, struct rec_complaint *cp)
{
    struct rec_visit visit;
    struct store_ticket_request rm, rc;
    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_meeting(m, "Budi Santoso");
    fx_complaint(cp, REC_PRIVACY_NAMED, "Siti Aminah", "Antrian terlalu lama");
    fx_ticket_req(&rm, REC_SERVICE_MEETING, FX_DAY);
    fx_ticket_req(&rc, REC_SERVICE_COMPLAINT, FX_DAY);
    struct store_submission subs[2] = {fx_sub(&visit, REC_MEETING_REQUEST, m, &rm),
                                       fx_sub(&visit, REC_COMPLAINT, cp, &rc)};
    struct rec_ticket tickets[2];
    assert_int_equal(store_submit(st, subs, 2, FX_NOW_MS, tickets), 0);
}

static void test_updates_reach_the_status_screen(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_complaint cp;
    submit_two(c->st, &m, &cp);
    int64_t outbox_rows = fx_rows(c->st, "outbox");
    int64_t cursor = -1;
    assert_int_equal(store_sync_cursor(c->st, &cursor), 0);
    assert_int_equal(cursor, 0);

    struct store_update u[3] = {0};
    snprintf(u[0].record_id, sizeof(u[0].record_id), "%s", m.meta.id);
    u[0].kind = REC_MEETING_REQUEST;
    u[0].status = REC_STATUS_SCHEDULED;
    snprintf(u[0].schedule, sizeof(u[0].schedule), "Senin 09.00, Ruang Rapat 2");
    snprintf(u[1].record_id, sizeof(u[1].record_id), "%s", cp.meta.id);
    u[1].kind = REC_COMPLAINT;
    u[1].status = REC_STATUS_IN_PROCESS;
    u[1].has_class = true;
    u[1].cls = REC_CLASS_LIGHT;
    u[1].due_ms = FX_NOW_MS + 3 * 3600000;
    snprintf(u[1].answer, sizeof(u[1].answer), "Sedang ditangani");
    /* A record this kiosk does not hold: ignored. */
    snprintf(u[2].record_id, sizeof(u[2].record_id), "01941d2e-8a00-7000-8000-00000000ffff");
    u[2].kind = REC_COMPLAINT;
    u[2].status = REC_STATUS_CLOSED;
    assert_int_equal(store_apply_updates(c->st, u, 3, 42, FX_NOW_MS + 1000), 0);

    assert_int_equal(store_sync_cursor(c->st, &cursor), 0);
    assert_int_equal(cursor, 42);
    struct store_status s;
    assert_int_equal(store_find_by_tracking(c->st, m.tracking_code, &s), 0);
    assert_int_equal(s.status, REC_STATUS_SCHEDULED);
    assert_string_equal(s.schedule, "Senin 09.00, Ruang Rapat 2");
    assert_int_equal(s.due_ms, m.reply_due_ms); /* due_ms 0: unchanged */
    assert_int_equal(store_find_by_tracking(c->st, cp.tracking_code, &s), 0);
    assert_int_equal(s.status, REC_STATUS_IN_PROCESS);
    assert_int_equal(s.due_ms, FX_NOW_MS + 3 * 3600000);
    assert_string_equal(s.answer, "Sedang ditangani");
    char *cls = fx_text(c->st->db, "SELECT class FROM complaints");
    assert_string_equal(cls, "light");
    free(cls);
    /* Staff updates are not the kiosk's changes: nothing new to send. */
    assert_int_equal(fx_rows(c->st, "outbox"), outbox_rows);
}

static void test_a_bad_update_writes_nothing(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_complaint cp;
    submit_two(c->st, &m, &cp);
    struct store_update u[2] = {0};
    snprintf(u[0].record_id, sizeof(u[0].record_id), "%s", m.meta.id);
    u[0].kind = REC_MEETING_REQUEST;
    u[0].status = REC_STATUS_CLOSED;
    snprintf(u[1].record_id, sizeof(u[1].record_id), "%s", cp.meta.id);
    u[1].kind = REC_COMPLAINT;
    u[1].status = REC_STATUS_COUNT; /* out of range */
    assert_int_equal(store_apply_updates(c->st, u, 2, 7, FX_NOW_MS), -EINVAL);
    int64_t cursor = -1;
    assert_int_equal(store_sync_cursor(c->st, &cursor), 0);
    assert_int_equal(cursor, 0);
    struct store_status s;
    assert_int_equal(store_find_by_tracking(c->st, m.tracking_code, &s), 0);
    assert_int_equal(s.status, REC_STATUS_RECEIVED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_updates_reach_the_status_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_bad_update_writes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
