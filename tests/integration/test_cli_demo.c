/*
 * test_cli_demo — `serambi demo` stores sample visitors in the configured
 * data folder, and a second run continues the day's ticket numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../helpers.h"

static void write_config(const char *dir, const char *data_dir, char *path, size_t cap)
{
    char text[1024];
    snprintf(text, sizeof(text), "data_dir = %s\nassets_dir = %s\n", data_dir, th_assets_dir());
    th_write_file(dir, "kiosk.conf", text, path, cap);
}

static void demo_stores_and_numbers_continue(void **state)
{
    (void)state;
    char dir[256], data[512], conf[512];
    th_mkdtemp(dir, sizeof(dir));
    snprintf(data, sizeof(data), "%s/data", dir);
    write_config(dir, data, conf, sizeof(conf));

    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "demo", NULL};
    struct th_run r;
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "T-001"));
    assert_non_null(strstr(r.out, "R-001"));
    assert_non_null(strstr(r.out, "P-001"));
    th_run_fini(&r);

    char db[600];
    struct stat sb;
    snprintf(db, sizeof(db), "%s/kiosk.db", data);
    assert_int_equal(stat(db, &sb), 0);
    assert_int_equal(stat(data, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700); /* personal data: owner only */

    char *argv2[] = {(char *)th_serambi_bin(), "--config", conf, "demo", NULL};
    th_run(argv2, &r);
    assert_int_equal(r.exit_code, 0);
    /* Unless the day changed between the two runs, numbers continue. */
    assert_true(strstr(r.out, "T-002") || strstr(r.out, "T-001"));
    assert_null(strstr(r.out, "T-003"));
    th_run_fini(&r);
    th_rmtree(dir);
}

static void unusable_data_folder_is_explained(void **state)
{
    (void)state;
    char dir[256], conf[512];
    th_mkdtemp(dir, sizeof(dir));
    /* A data folder whose parent does not exist. */
    char data[512];
    snprintf(data, sizeof(data), "%s/missing/parent/data", dir);
    write_config(dir, data, conf, sizeof(conf));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "demo", NULL};
    struct th_run r;
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "data folder"));
    assert_non_null(strstr(r.err, data));
    th_run_fini(&r);
    th_rmtree(dir);
}

static void unknown_command_is_a_usage_error(void **state)
{
    (void)state;
    char *argv[] = {(char *)th_serambi_bin(), "frobnicate", NULL};
    struct th_run r;
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
    assert_non_null(strstr(r.err, "usage:"));
    th_run_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_stores_and_numbers_continue),
        cmocka_unit_test(unusable_data_folder_is_explained),
        cmocka_unit_test(unknown_command_is_a_usage_error),
    };
    return cmocka_run_group_tests_name("cli_demo", tests, NULL, NULL);
}
