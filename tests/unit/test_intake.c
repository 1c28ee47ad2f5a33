/*
 * test_intake — a visitor's action from form to committed ticket, with the
 * real store in a temporary folder and the office data shipped in assets/.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "core/civil.h"
#include "kiosk/config.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "store/store.h"

struct fixture {
    char dir[256];
    struct kiosk_config cfg;
    struct office office;
    struct store *st;
    struct intake in;
};

/* Office minutes "YYYY-MM-DDTHH:MM" in WIB as UTC milliseconds. */
static int64_t wib(const char *local)
{
    int64_t m;
    assert_int_equal(civil_parse_local_minutes(local, &m), 0);
    return civil_utc_ms(m, 420);
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof(f));
    th_mkdtemp(f.dir, sizeof(f.dir));
    config_defaults(&f.cfg);
    snprintf(f.cfg.data_dir, sizeof(f.cfg.data_dir), "%s", f.dir);
    snprintf(f.cfg.assets_dir, sizeof(f.cfg.assets_dir), "%s", th_assets_dir());
    char err[512] = "";
    int rc = office_load(&f.cfg, &f.office, err, sizeof(err));
    if (rc)
        fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    char db[512];
    assert_int_equal(config_db_path(&f.cfg, db, sizeof(db)), 0);
    assert_int_equal(store_open(db, &f.st, err, sizeof(err)), 0);
    f.in = (struct intake){.cfg = &f.cfg, .office = &f.office, .store = f.st};
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    office_fini(&f->office);
    th_rmtree(f->dir);
    return 0;
}

static void fill_guest(struct rec_guest *g)
{
    memset(g, 0, sizeof(*g));
    snprintf(g->name, sizeof(g->name), "Siti Aminah");
    snprintf(g->purpose, sizeof(g->purpose), "Konsultasi");
    g->party_size = 1;
}

static void guest_gets_numbered_ticket_due_in_15_working_minutes(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    struct rec_guest g;
    struct rec_ticket t1, t2;
    int64_t now = wib("2026-01-02T08:00"); /* a Friday */
    store_visit_begin(f->st, now, "id", &visit);
    fill_guest(&g);
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &g};
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, &t1, NULL), 0);
    assert_int_equal(intake_submit(&f->in, &visit, rec, now + 60000, &t2, NULL), 0);
    assert_string_equal(t1.number, "T-001");
    assert_string_equal(t2.number, "T-002");
    assert_string_equal(t1.office_day, "2026-01-02");
    assert_string_equal(t1.rule_kind, "admin_handling");
    assert_int_equal(t1.due_ms, wib("2026-01-02T08:15"));
    assert_string_equal(t1.tracking_code, "");
}

/* 23:59 and 00:00 WIB are both 16:xx–17:00 on one UTC day: numbers must
 * start again at the office's midnight, not at UTC's. */
static void numbers_restart_at_local_midnight(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    struct rec_guest g;
    struct rec_ticket t;
    fill_guest(&g);
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &g};
    int64_t late = wib("2026-01-05T23:58");
    store_visit_begin(f->st, late, "id", &visit);
    assert_int_equal(intake_submit(&f->in, &visit, rec, late, &t, NULL), 0);
    assert_int_equal(intake_submit(&f->in, &visit, rec, late + 60000, &t, NULL), 0);
    assert_string_equal(t.number, "T-002");
    assert_string_equal(t.office_day, "2026-01-05");

    int64_t midnight = wib("2026-01-06T00:00");
    assert_int_equal(civil_office_day(midnight, 0), civil_office_day(late, 0)); /* same UTC day */
    store_visit_begin(f->st, midnight, "id", &visit);
    assert_int_equal(intake_submit(&f->in, &visit, rec, midnight, &t, NULL), 0);
    assert_string_equal(t.number, "T-001");
    assert_string_equal(t.office_day, "2026-01-06");
}

static void meeting_reply_due_and_tracking_code(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    static struct rec_meeting m;
    struct rec_ticket t;
    struct due_result due;
    int64_t now = wib("2026-01-02T10:00");
    store_visit_begin(f->st, now, "id", &visit);
    memset(&m, 0, sizeof(m));
    snprintf(m.applicant, sizeof(m.applicant), "Budi Santoso");
    snprintf(m.organization, sizeof(m.organization), "KSP Maju Bersama");
    snprintf(m.phone, sizeof(m.phone), "+6281256506007");
    snprintf(m.subject, sizeof(m.subject), "Audiensi");
    struct store_record rec = {.kind = REC_MEETING_REQUEST, .u.meeting = &m};
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, &t, &due), 0);

    struct due_result expect;
    assert_int_equal(office_due(&f->office, RULE_REPLY_LETTER, now, &expect), 0);
    assert_int_equal(m.reply_due_ms, expect.due_ms);
    assert_int_equal(t.due_ms, expect.due_ms);
    assert_int_equal(due.unknown_year_count, 0);
    assert_string_equal(t.number, "R-001");
    assert_string_equal(t.tracking_code, m.tracking_code);
    assert_int_equal((int)strlen(t.tracking_code), 8);

    struct store_status s;
    assert_int_equal(store_find_by_tracking(f->st, t.tracking_code, &s), 0);
    assert_int_equal(s.kind, REC_MEETING_REQUEST);
    assert_string_equal(s.ticket_number, "R-001");
    assert_int_equal(s.due_ms, expect.due_ms);
}

static void complaint_takes_the_configured_default_class(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    static struct rec_complaint c;
    struct rec_ticket t;
    /* Friday 15:55, Friday closes at 16:30: a light complaint has 35
     * minutes on Friday and 2 h 25 on Monday. */
    int64_t now = wib("2026-01-09T15:55");
    f->cfg.complaint_default_class = REC_CLASS_LIGHT;
    store_visit_begin(f->st, now, "en", &visit);
    memset(&c, 0, sizeof(c));
    c.privacy = REC_PRIVACY_ANONYMOUS;
    c.cls = REC_CLASS_SUPERVISION; /* a visitor cannot choose the class */
    snprintf(c.body, sizeof(c.body), "Antrean terlalu lama.");
    struct store_record rec = {.kind = REC_COMPLAINT, .u.complaint = &c};
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, &t, NULL), 0);
    assert_int_equal(c.cls, REC_CLASS_LIGHT);
    assert_int_equal(c.due_ms, wib("2026-01-12T09:55"));
    assert_string_equal(t.rule_kind, "complaint_light");
    assert_string_equal(t.number, "P-001");
}

static void unknown_year_is_reported(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    static struct rec_complaint c;
    struct rec_ticket t;
    struct due_result due;
    int64_t now = wib("2026-12-30T10:00"); /* 14 working days reach 2027 */
    f->cfg.complaint_default_class = REC_CLASS_NO_SUPERVISION;
    store_visit_begin(f->st, now, "id", &visit);
    memset(&c, 0, sizeof(c));
    snprintf(c.name, sizeof(c.name), "Rina");
    snprintf(c.body, sizeof(c.body), "Pelayanan lambat.");
    struct store_record rec = {.kind = REC_COMPLAINT, .u.complaint = &c};
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, &t, &due), 0);
    assert_int_equal(due.unknown_year_count, 1);
    assert_int_equal(due.unknown_years[0], 2027);
}

static void survey_has_no_ticket_and_bad_survey_stores_nothing(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    static struct rec_survey s;
    int64_t now = wib("2026-01-02T11:00");
    store_visit_begin(f->st, now, "id", &visit);
    memset(&s, 0, sizeof(s));
    for (int i = 0; i < REC_SKM_ELEMENTS; i++)
        s.scores[i] = 4;
    struct store_record rec = {.kind = REC_SURVEY, .u.survey = &s};
    int64_t before = 0, oldest = 0;
    assert_int_equal(store_outbox_backlog(f->st, &before, &oldest), 0);
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, NULL, NULL), 0);
    int64_t after = 0;
    assert_int_equal(store_outbox_backlog(f->st, &after, &oldest), 0);
    assert_int_equal(after, before + 2); /* the visit and the survey */

    static struct rec_survey bad;
    memset(&bad, 0, sizeof(bad));
    bad.scores[0] = 5;
    rec.u.survey = &bad;
    store_visit_begin(f->st, now, "id", &visit);
    assert_true(intake_submit(&f->in, &visit, rec, now, NULL, NULL) < 0);
    int64_t again = 0;
    assert_int_equal(store_outbox_backlog(f->st, &again, &oldest), 0);
    assert_int_equal(again, after);
}

static void ticket_request_without_ticket_out_is_refused(void **state)
{
    struct fixture *f = *state;
    struct rec_visit visit;
    struct rec_guest g;
    int64_t now = wib("2026-01-02T08:00");
    store_visit_begin(f->st, now, "id", &visit);
    fill_guest(&g);
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &g};
    assert_int_equal(intake_submit(&f->in, &visit, rec, now, NULL, NULL), -EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(guest_gets_numbered_ticket_due_in_15_working_minutes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(numbers_restart_at_local_midnight, setup, teardown),
        cmocka_unit_test_setup_teardown(meeting_reply_due_and_tracking_code, setup, teardown),
        cmocka_unit_test_setup_teardown(complaint_takes_the_configured_default_class, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unknown_year_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(survey_has_no_ticket_and_bad_survey_stores_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(ticket_request_without_ticket_out_is_refused, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("intake", tests, NULL, NULL);
}
