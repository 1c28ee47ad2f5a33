/*
 * test_cli_due — `serambi due` as staff run it: the real program, a
 * configuration file written for the test, the shipped assets (or a
 * private copy with a calendar missing or broken). Checks what is printed,
 * the warnings on stderr and the exit status.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../helpers.h"

struct fixture {
    char dir[256];
    char config[512];
    char assets[512]; /* a private assets folder, made on demand */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    th_mkdtemp(f->dir, sizeof(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    th_rmtree(f->dir);
    free(f);
    return 0;
}

/* Writes the configuration: data and assets folders, then extra lines. */
static void write_config(struct fixture *f, const char *assets_dir, const char *extra)
{
    char text[4096];
    snprintf(text, sizeof(text), "data_dir = %s\nassets_dir = %s\n%s", f->dir, assets_dir,
             extra ? extra : "");
    th_write_file(f->dir, "kiosk.conf", text, f->config, sizeof(f->config));
}

/* A private assets folder DIR/name with the shipped rules file and, when
 * with_calendar, an empty calendar folder. */
static void make_assets(struct fixture *f, const char *name, int with_calendar)
{
    char path[768], src[768];
    snprintf(f->assets, sizeof(f->assets), "%s/%s", f->dir, name);
    assert_int_equal(mkdir(f->assets, 0700), 0);
    snprintf(path, sizeof(path), "%s/office", f->assets);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(src, sizeof(src), "%s/office/service-rules.conf", th_assets_dir());
    char *rules = th_read_file(src, NULL);
    if (!rules)
        fail_msg("cannot read %s", src);
    char written[1024];
    th_write_file(path, "service-rules.conf", rules, written, sizeof(written));
    free(rules);
    if (with_calendar) {
        snprintf(path, sizeof(path), "%s/calendar", f->assets);
        assert_int_equal(mkdir(path, 0700), 0);
    }
}

static void put_asset(struct fixture *f, const char *sub, const char *name, const char *text)
{
    char dir[768], written[1024];
    snprintf(dir, sizeof(dir), "%s/%s", f->assets, sub);
    th_write_file(dir, name, text, written, sizeof(written));
}

static void copy_shipped_year(struct fixture *f, int year)
{
    char src[768], name[16];
    snprintf(src, sizeof(src), "%s/calendar/%d.txt", th_assets_dir(), year);
    snprintf(name, sizeof(name), "%d.txt", year);
    char *text = th_read_file(src, NULL);
    if (!text)
        fail_msg("cannot read %s", src);
    put_asset(f, "calendar", name, text);
    free(text);
}

/* Runs serambi --config CONFIG due ARGS... (up to 4 arguments). */
static void run_due(struct fixture *f, struct th_run *r, const char *a1, const char *a2,
                    const char *a3, const char *a4)
{
    char *argv[] = {(char *)th_serambi_bin(),
                    "--config",
                    f->config,
                    "due",
                    (char *)a1,
                    (char *)a2,
                    (char *)a3,
                    (char *)a4,
                    NULL};
    th_run(argv, r);
}

static void expect_in(const char *haystack, const char *needle, const char *where)
{
    if (!strstr(haystack, needle))
        fail_msg("%s lacks '%s':\n%s", where, needle, haystack);
}

/* --- the shipped assets --------------------------------------------------- */

static void test_lists_rules(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    struct th_run r;
    run_due(f, &r, NULL, NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 0);
    static const char *const want[] = {
        "admin_handling",
        "15  working_minutes",
        "reply_letter",
        "3  calendar_days",
        "complaint_light",
        "3  working_hours",
        "Pengaduan ringan / Light complaint",
        "complaint_normative",
        "complaint_no_supervision",
        "14  working_days",
        "complaint_supervision",
        "60  working_days",
        "holiday calendars: 2025 2026",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        expect_in(r.out, want[i], "the list");
    assert_string_equal(r.err, "");
    th_run_fini(&r);
}

static void test_idul_fitri_2026(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    struct th_run r;
    run_due(f, &r, "complaint_light", "--from", "2026-03-17T15:55", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "complaint_light: Pengaduan ringan (Light complaint), 3 working_hours",
              "stdout");
    expect_in(r.out, "from: Tue 2026-03-17 15:55 WIB", "stdout");
    expect_in(r.out, "due:  Wed 2026-03-25 10:25 WIB", "stdout");
    assert_string_equal(r.err, "");
    th_run_fini(&r);
}

struct cli_case {
    const char *kind;
    const char *from;
    const char *due;
};

static void test_table(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    static const struct cli_case cases[] = {
        {"complaint_light", "2026-01-09T15:55", "due:  Mon 2026-01-12 09:55 WIB"},
        {"admin_handling", "2026-01-09T16:20", "due:  Mon 2026-01-12 07:35 WIB"},
        {"reply_letter", "2026-01-08T10:00", "due:  Mon 2026-01-12 16:00 WIB"},
        {"complaint_normative", "2026-03-19T10:00", "due:  Wed 2026-04-01 16:00 WIB"},
        {"complaint_no_supervision", "2026-01-05T10:00", "due:  Mon 2026-01-26 16:00 WIB"},
        {"complaint_supervision", "2026-01-05T10:00", "due:  Fri 2026-04-10 16:30 WIB"},
        {"complaint_light", "2025-12-31 14:00", "due:  Fri 2026-01-02 08:30 WIB"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char from_arg[64];
        snprintf(from_arg, sizeof(from_arg), "--from=%s", cases[i].from);
        struct th_run r;
        run_due(f, &r, cases[i].kind, from_arg, NULL, NULL);
        if (r.exit_code != 0 || !strstr(r.out, cases[i].due) || r.err[0])
            fail_msg("%s %s: exit %d\n%s%s", cases[i].kind, cases[i].from, r.exit_code, r.out,
                     r.err);
        th_run_fini(&r);
    }
}

static void test_into_2027_warns(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    struct th_run r;
    run_due(f, &r, "complaint_normative", "--from", "2026-12-28T10:00", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "due:  Mon 2027-01-04 16:00 WIB", "stdout");
    expect_in(r.err, "no holiday calendar for 2027", "stderr");
    expect_in(r.err, "only weekends", "stderr");
    expect_in(r.err, "Staff should publish the 2027 calendar on the hub", "stderr");
    expect_in(r.err, "calendar/2027.txt", "stderr");
    th_run_fini(&r);
}

static void test_now_by_default(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    struct th_run r;
    run_due(f, &r, "admin_handling", NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "from: ", "stdout");
    expect_in(r.out, "due:  ", "stdout");
    th_run_fini(&r);
}

static void test_help(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    struct th_run r;
    run_due(f, &r, "--help", NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "usage: serambi due", "stdout");
    th_run_fini(&r);
}

/* --- wrong usage: exit 2 ------------------------------------------------------ */

struct usage_case {
    const char *a1, *a2, *a3;
    const char *says;
};

static void test_wrong_usage(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), NULL);
    static const struct usage_case cases[] = {
        {"complaint_heavy", NULL, NULL, "unknown kind 'complaint_heavy'"},
        {"light", "--from", "2026-03-17T15:55", "the kinds are: admin_handling"},
        {"complaint_light", "--from", "2026-02-30T10:00", "'2026-02-30T10:00' is not a time"},
        {"complaint_light", "--from", "2026-03-17T24:00", "expected YYYY-MM-DDTHH:MM"},
        {"complaint_light", "--from", "2026-03-17", "is not a time"},
        {"complaint_light", "--from", "tomorrow", "in office time (WIB)"},
        {"complaint_light", "--from", "", "is not a time"},
        {"complaint_light", "--from", NULL, "--from needs a time"},
        {"--from", "2026-03-17T15:55", NULL, "needs a KIND"},
        {"complaint_light", "reply_letter", NULL, "one kind at a time"},
        {"complaint_light", "--until", "x", "unknown option '--until'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct th_run r;
        run_due(f, &r, cases[i].a1, cases[i].a2, cases[i].a3, NULL);
        if (r.exit_code != 2 || !strstr(r.err, cases[i].says) || r.out[0])
            fail_msg("case %zu: exit %d, stderr:\n%s\nwanted exit 2 saying '%s'", i, r.exit_code,
                     r.err, cases[i].says);
        th_run_fini(&r);
    }
}

/* --- the configuration shapes the answer ---------------------------------- */

static void test_saturday_open_and_wita(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), "timezone = Asia/Makassar\nhours_saturday = 08:00-12:00\n");
    struct th_run r;
    run_due(f, &r, "complaint_light", "--from", "2026-01-09T15:55", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "due:  Sat 2026-01-10 10:25 WITA", "stdout");
    th_run_fini(&r);
}

static void test_offset_zone_label(void **state)
{
    struct fixture *f = *state;
    write_config(f, th_assets_dir(), "timezone = UTC+07:00\n");
    struct th_run r;
    run_due(f, &r, "complaint_light", "--from", "2026-03-17T15:55", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "due:  Wed 2026-03-25 10:25 UTC+07:00", "stdout");
    th_run_fini(&r);
}

/* The configuration refuses a week with no open day, but a rule can still
 * ask for more working time than the bound allows: an error, not a hang. */
static void test_walk_bound(void **state)
{
    struct fixture *f = *state;
    make_assets(f, "assets", 1);
    put_asset(f, "office", "service-rules.conf",
              "[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = A\nlabel_en = A\n"
              "[reply_letter]\namount = 3\nunit = calendar_days\nlabel_id = B\nlabel_en = B\n"
              "[complaint_light]\namount = 3\nunit = working_hours\nlabel_id = C\nlabel_en = C\n"
              "[complaint_normative]\namount = 5\nunit = working_days\nlabel_id = D\n"
              "label_en = D\n"
              "[complaint_no_supervision]\namount = 14\nunit = working_days\nlabel_id = E\n"
              "label_en = E\n"
              "[complaint_supervision]\namount = 1000\nunit = working_days\nlabel_id = F\n"
              "label_en = F\n");
    write_config(f, f->assets,
                 "hours_monday = 07:30-07:31\nhours_tuesday = closed\nhours_wednesday = closed\n"
                 "hours_thursday = closed\nhours_friday = closed\n");
    struct th_run r;
    run_due(f, &r, "complaint_supervision", "--from", "2026-03-17T15:55", NULL);
    assert_int_equal(r.exit_code, 1);
    expect_in(r.err, "no working time within 4000 days", "stderr");
    assert_string_equal(r.out, "");
    th_run_fini(&r);

    /* the same week still answers a rule that fits: 15 Mondays of one minute */
    run_due(f, &r, "admin_handling", "--from", "2026-03-17T15:55", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "due:  Mon 2026-06-29 07:31 WIB", "stdout");
    th_run_fini(&r);
}

/* --- missing and broken assets -------------------------------------------- */

static void test_no_calendar_folder(void **state)
{
    struct fixture *f = *state;
    make_assets(f, "assets", 0);
    write_config(f, f->assets, NULL);
    struct th_run r;
    run_due(f, &r, "complaint_light", "--from", "2026-03-17T15:55", NULL);
    assert_int_equal(r.exit_code, 0);
    /* without the calendar, 18 March counts as a working day */
    expect_in(r.out, "due:  Wed 2026-03-18 10:25 WIB", "stdout");
    expect_in(r.err, "no calendar folder", "stderr");
    expect_in(r.err, "no holiday calendar for 2026", "stderr");
    th_run_fini(&r);
}

static void test_empty_year_file(void **state)
{
    struct fixture *f = *state;
    make_assets(f, "assets", 1);
    copy_shipped_year(f, 2026);
    put_asset(f, "calendar", "2027.txt", "# decree not out yet: no days\nyear = 2027\n");
    put_asset(f, "calendar", "README", "not a year file: ignored\n");
    put_asset(f, "calendar", ".2027.txt.swp", "editor leftovers: ignored\n");
    write_config(f, f->assets, NULL);
    struct th_run r;
    run_due(f, &r, "complaint_normative", "--from", "2026-12-28T10:00", NULL);
    assert_int_equal(r.exit_code, 0);
    expect_in(r.out, "due:  Mon 2027-01-04 16:00 WIB", "stdout");
    /* 2027 is known (empty), so nothing to warn about */
    assert_string_equal(r.err, "");
    th_run_fini(&r);
}

struct broken_case {
    const char *file;
    const char *text;
    const char *says;
};

static void test_broken_calendar(void **state)
{
    struct fixture *f = *state;
    static const struct broken_case cases[] = {
        {"2026.txt", "year = 2026\n2026-01-01 nasional Tahun Baru\n2026-02-30 nasional X\n",
         "/calendar/2026.txt:3: '2026-02-30' is not a date"},
        {"2027.txt", "year = 2026\n", "/calendar/2027.txt:1: 'year = 2026' does not match 2027"},
        {"libur.txt", "2026-01-01 nasional X\n", "/calendar/libur.txt:1: a date before"},
        {"2026.txt", "# nothing\n", "/calendar/2026.txt: the file does not say its year"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "assets%zu", i);
        make_assets(f, name, 1);
        put_asset(f, "calendar", cases[i].file, cases[i].text);
        write_config(f, f->assets, NULL);

        struct th_run r;
        run_due(f, &r, "complaint_light", "--from", "2026-03-17T15:55", NULL);
        if (r.exit_code != 1 || !strstr(r.err, cases[i].says) || r.out[0])
            fail_msg("case %zu: exit %d, stderr:\n%s\nwanted exit 1 saying '%s'", i, r.exit_code,
                     r.err, cases[i].says);
        th_run_fini(&r);
    }
}

static void test_broken_rules(void **state)
{
    struct fixture *f = *state;
    make_assets(f, "assets", 1);
    put_asset(f, "office", "service-rules.conf",
              "[admin_handling]\namount = 15\nunit = minutes\nlabel_id = A\nlabel_en = B\n");
    write_config(f, f->assets, NULL);
    struct th_run r;
    run_due(f, &r, NULL, NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 1);
    expect_in(r.err, "office/service-rules.conf:3: unit: unknown unit 'minutes'", "stderr");
    th_run_fini(&r);
}

static void test_missing_rules(void **state)
{
    struct fixture *f = *state;
    snprintf(f->assets, sizeof(f->assets), "%s/empty-assets", f->dir);
    assert_int_equal(mkdir(f->assets, 0700), 0);
    write_config(f, f->assets, NULL);
    struct th_run r;
    run_due(f, &r, "complaint_light", NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 1);
    expect_in(r.err, "office/service-rules.conf: cannot read", "stderr");
    th_run_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lists_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idul_fitri_2026, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_into_2027_warns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_now_by_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_saturday_open_and_wita, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offset_zone_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_calendar_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_year_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_calendar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_rules, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
