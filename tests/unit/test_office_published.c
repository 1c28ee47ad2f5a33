/*
 * test_office_published — office data the hub published, as the kiosk
 * uses it: files in DATA_DIR/published taken over the assets folder's (a
 * published year replaces that year, other asset years stay; published
 * rules replace the rules), and the running kiosk's intake reloading them
 * after the sync worker's signal, keeping the old data when a reload
 * fails. Real store, real files in a temporary folder, the shipped assets.
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
#include "core/civil.h"
#include "kiosk/config.h"
#include "kiosk/errlog.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "store/store.h"
#include "sync/docfile.h"

#define CAL_2027 "year = 2027\n2027-03-10  nasional  Hari Suci Nyepi\n"

struct fixture {
    char dir[256];
    char published[512];
    struct kiosk_config cfg;
    struct office office;
    struct store *st;
    struct intake in;
};

static int64_t wib(const char *local)
{
    int64_t m;
    assert_int_equal(civil_parse_local_minutes(local, &m), 0);
    return civil_utc_ms(m, 420);
}

static int64_t day_of(const char *local)
{
    return civil_office_day(wib(local), 420);
}

static void load(struct fixture *f)
{
    char err[512] = "";
    office_fini(&f->office);
    int rc = office_load(&f->cfg, &f->office, err, sizeof(err));
    if (rc)
        fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
}

static void publish(struct fixture *f, const char *name, const char *text)
{
    assert_int_equal(sync_docfile_write(f->published, name, text, strlen(text)), 0);
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof(f));
    th_mkdtemp(f.dir, sizeof(f.dir));
    config_defaults(&f.cfg);
    snprintf(f.cfg.data_dir, sizeof(f.cfg.data_dir), "%s", f.dir);
    snprintf(f.cfg.assets_dir, sizeof(f.cfg.assets_dir), "%s", th_assets_dir());
    assert_int_equal(office_published_dir(&f.cfg, f.published, sizeof(f.published)), 0);
    f.in.office_generation = office_published_generation();
    load(&f);
    char db[512], err[512];
    assert_int_equal(config_db_path(&f.cfg, db, sizeof(db)), 0);
    assert_int_equal(store_open(db, &f.st, err, sizeof(err)), 0);
    f.in.cfg = &f.cfg;
    f.in.office = &f.office;
    f.in.store = f.st;
    errlog_clear();
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

static void published_year_replaces_that_year_only(void **state)
{
    struct fixture *f = *state;
    assert_true(cal_year_known(f->office.cal, 2026));
    assert_false(cal_year_known(f->office.cal, 2027));
    assert_non_null(cal_holiday_on(f->office.cal, day_of("2026-01-01T00:00")));
    publish(f, "calendar/2026.txt", "year = 2026\n2026-01-02  nasional  Libur uji\n");
    publish(f, "calendar/2027.txt", CAL_2027);
    load(f);
    assert_int_equal(cal_year_count(f->office.cal), 3); /* 2025 from assets, 2026, 2027 */
    assert_true(cal_year_known(f->office.cal, 2025));
    assert_non_null(cal_holiday_on(f->office.cal, day_of("2025-01-01T00:00")));
    assert_null(cal_holiday_on(f->office.cal, day_of("2026-01-01T00:00")));
    assert_non_null(cal_holiday_on(f->office.cal, day_of("2026-01-02T00:00")));
    assert_non_null(cal_holiday_on(f->office.cal, day_of("2027-03-10T00:00")));
}

static void published_rules_replace_the_assets_rules(void **state)
{
    struct fixture *f = *state;
    char path[512];
    snprintf(path, sizeof(path), "%s/office/service-rules.conf", th_assets_dir());
    size_t len = 0;
    char *rules = th_read_file(path, &len);
    assert_non_null(rules);
    char *amount = strstr(rules, "amount   = 15");
    assert_non_null(amount);
    memcpy(amount, "amount   = 30", 13);
    assert_int_equal(rule_table_get(&f->office.rules, RULE_ADMIN_HANDLING)->amount, 15);
    publish(f, "office/service-rules.conf", rules);
    load(f);
    assert_int_equal(rule_table_get(&f->office.rules, RULE_ADMIN_HANDLING)->amount, 30);
    free(rules);
}

static int64_t guest_due(struct fixture *f, const char *local, struct due_result *due)
{
    struct rec_visit visit;
    struct rec_guest g;
    struct rec_ticket t;
    memset(&g, 0, sizeof(g));
    snprintf(g.name, sizeof(g.name), "Tamu Uji");
    snprintf(g.purpose, sizeof(g.purpose), "Konsultasi");
    g.party_size = 1;
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &g};
    store_visit_begin(f->st, wib(local), "id", &visit);
    assert_int_equal(intake_submit(&f->in, &visit, rec, wib(local), &t, due), 0);
    return t.due_ms;
}

static void intake_reloads_after_the_signal(void **state)
{
    struct fixture *f = *state;
    struct due_result due;
    /* 2027 unknown: Nyepi (a Wednesday) counts as a working day. */
    assert_int_equal(guest_due(f, "2027-03-10T08:00", &due), wib("2027-03-10T08:15"));
    assert_int_equal(due.unknown_year_count, 1);
    /* On disk but not signalled: nothing changes under the visitor. */
    publish(f, "calendar/2027.txt", CAL_2027);
    assert_int_equal(guest_due(f, "2027-03-10T08:00", &due), wib("2027-03-10T08:15"));
    /* The worker's signal: the next submission counts with the new year. */
    office_published_changed();
    assert_int_equal(guest_due(f, "2027-03-10T08:00", &due), wib("2027-03-11T07:45"));
    assert_int_equal(due.unknown_year_count, 0);
    assert_int_equal(intake_reload_office(&f->in), 0); /* nothing new since */
    struct errlog_line lines[ERRLOG_LINES];
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), 0);
}

static void failed_reload_keeps_the_old_data(void **state)
{
    struct fixture *f = *state;
    publish(f, "calendar/2027.txt", CAL_2027);
    office_published_changed();
    assert_int_equal(intake_reload_office(&f->in), 1);
    /* A file broken on disk after it was checked (the writer never does
     * this: the file is written here directly to make the failure). */
    char path[768];
    snprintf(path, sizeof(path), "%s/calendar/2027.txt", f->published);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("year = 2027\n2027-13-01  nasional  Bulan ketiga belas\n", fp);
    fclose(fp);
    office_published_changed();
    assert_true(intake_reload_office(&f->in) < 0);
    struct due_result due;
    assert_int_equal(guest_due(f, "2027-03-10T08:00", &due), wib("2027-03-11T07:45"));
    struct errlog_line lines[ERRLOG_LINES];
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), 1); /* once, not per visitor */
    assert_non_null(strstr(lines[0].text, "calendar/2027.txt:2"));
    assert_non_null(strstr(lines[0].text, "previous calendar"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(published_year_replaces_that_year_only, setup, teardown),
        cmocka_unit_test_setup_teardown(published_rules_replace_the_assets_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(intake_reloads_after_the_signal, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_reload_keeps_the_old_data, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
