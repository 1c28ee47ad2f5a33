/*
 * test_cli_doctor — `serambi doctor` on a fresh kiosk, a kiosk whose
 * calendar lacks the current year, and kiosks with a damaged database or
 * rules file: the right rows, and exit 1 only when something is broken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "../helpers.h"

struct kiosk {
    char dir[256];
    char conf[512];
    char data[400];
    char assets[400];
};

static void make_kiosk(struct kiosk *k, const char *assets)
{
    th_mkdtemp(k->dir, sizeof(k->dir));
    snprintf(k->data, sizeof(k->data), "%s/data", k->dir);
    snprintf(k->assets, sizeof(k->assets), "%s", assets);
    assert_int_equal(mkdir(k->data, 0700), 0);
    char text[1024];
    snprintf(text, sizeof(text), "data_dir = %s\nassets_dir = %s\n", k->data, k->assets);
    th_write_file(k->dir, "kiosk.conf", text, k->conf, sizeof(k->conf));
}

static void run(struct kiosk *k, const char *cmd, struct th_run *r)
{
    char *argv[] = {(char *)th_serambi_bin(), "--config", k->conf, (char *)cmd, NULL};
    th_run(argv, r);
}

static void fresh_kiosk_is_healthy_with_a_note(void **state)
{
    (void)state;
    struct kiosk k;
    make_kiosk(&k, th_assets_dir());
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "config     ok"));
    assert_non_null(strstr(r.out, "office     ok"));
    assert_non_null(strstr(r.out, "does not exist yet"));
    assert_non_null(strstr(r.out, "disk       ok"));
    assert_non_null(strstr(r.out, "0 failed"));
    th_run_fini(&r);

    /* After the kiosk has stored something, the store row is ok. */
    run(&k, "demo", &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "store      ok"));
    assert_non_null(strstr(r.out, "integrity ok"));
    assert_non_null(strstr(r.out, "rows wait for the hub"));
    th_run_fini(&r);
    th_rmtree(k.dir);
}

static void missing_year_is_a_warning_that_names_it(void **state)
{
    (void)state;
    struct kiosk k;
    char assets[300], path[512], rules_src[512];
    th_mkdtemp(assets, sizeof(assets));
    snprintf(path, sizeof(path), "%s/office", assets);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(rules_src, sizeof(rules_src), "%s/office/service-rules.conf", th_assets_dir());
    char *rules = th_read_file(rules_src, NULL);
    assert_non_null(rules);
    char written[600];
    th_write_file(path, "service-rules.conf", rules, written, sizeof(written));
    free(rules);
    snprintf(path, sizeof(path), "%s/calendar", assets);
    assert_int_equal(mkdir(path, 0700), 0); /* present, but empty */

    make_kiosk(&k, assets);
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char expect[64];
    snprintf(expect, sizeof(expect), "no holiday calendar for %d", tm.tm_year + 1900);
    /* Near midnight of 31 December the office's year may be the next. */
    char expect_next[64];
    snprintf(expect_next, sizeof(expect_next), "no holiday calendar for %d", tm.tm_year + 1901);
    assert_true(strstr(r.out, expect) || strstr(r.out, expect_next));
    assert_non_null(strstr(r.out, "calendar   warn"));
    th_run_fini(&r);
    th_rmtree(k.dir);
    th_rmtree(assets);
}

static void damaged_database_fails(void **state)
{
    (void)state;
    struct kiosk k;
    make_kiosk(&k, th_assets_dir());
    char db[512];
    th_write_file(k.data, "kiosk.db", "this is not a database, it is a shopping list\n", db,
                  sizeof(db));
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.out, "store      FAIL"));
    assert_non_null(strstr(r.out, "1 failed"));
    th_run_fini(&r);
    th_rmtree(k.dir);
}

static void broken_rules_file_fails_with_its_line(void **state)
{
    (void)state;
    struct kiosk k;
    char assets[300], path[512];
    th_mkdtemp(assets, sizeof(assets));
    snprintf(path, sizeof(path), "%s/office", assets);
    assert_int_equal(mkdir(path, 0700), 0);
    char written[600];
    th_write_file(path, "service-rules.conf", "[reply_letter]\namount = three\n", written,
                  sizeof(written));
    make_kiosk(&k, assets);
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.out, "office     FAIL"));
    assert_non_null(strstr(r.out, "service-rules.conf:2"));
    th_run_fini(&r);
    th_rmtree(k.dir);
    th_rmtree(assets);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresh_kiosk_is_healthy_with_a_note),
        cmocka_unit_test(missing_year_is_a_warning_that_names_it),
        cmocka_unit_test(damaged_database_fails),
        cmocka_unit_test(broken_rules_file_fails_with_its_line),
    };
    return cmocka_run_group_tests_name("cli_doctor", tests, NULL, NULL);
}
