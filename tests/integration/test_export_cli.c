/*
 * test_export_cli — `serambi export` as staff run it: the program reads
 * the configuration, opens the kiosk's database in data_dir and writes
 * JSON or CSV to stdout; wrong usage exits 2, a missing database exits 1
 * without creating one.
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
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

struct ctx {
    char dir[256];
    char config[512];
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    char text[512];
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    snprintf(text, sizeof(text), "# test kiosk\ndata_dir = %s\n", c->dir);
    th_write_file(c->dir, "kiosk.conf", text, c->config, sizeof(c->config));
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    th_rmtree(c->dir);
    free(c);
    return 0;
}

static void fill_store(const struct ctx *c)
{
    char path[512];
    struct rec_guest g;
    struct rec_ticket t;
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    struct store *st = fx_open(path);
    fx_guest(&g, "Ni Luh Putu Ayu, S.E.");
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS, FX_DAY, &g, &t), 0);
    fx_guest(&g, "Budi \"Bud\" Santoso");
    assert_int_equal(fx_submit_guest(st, FX_NOW_MS + 1, FX_DAY, &g, &t), 0);
    store_close(st);
}

static void run(const struct ctx *c, const char *a1, const char *a2, const char *a3, const char *a4,
                struct th_run *r)
{
    char *argv[] = {(char *)th_serambi_bin(),
                    "--config",
                    (char *)c->config,
                    "export",
                    (char *)a1,
                    (char *)a2,
                    (char *)a3,
                    (char *)a4,
                    NULL};
    th_run(argv, r);
}

static void test_json_to_stdout(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    json_error_t jerr;
    fill_store(c);
    run(c, "--kind", "guest", "--format", "json", &r);
    if (r.exit_code != 0)
        fail_msg("exit %d: %s", r.exit_code, r.err);
    json_t *rows = json_loads(r.out, 0, &jerr);
    assert_non_null(rows);
    assert_int_equal(json_array_size(rows), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "name")),
                        "Ni Luh Putu Ayu, S.E.");
    json_decref(rows);
    th_run_fini(&r);

    run(c, "--kind=ticket", "--format=json", NULL, NULL, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "\"number\":\"T-002\""));
    th_run_fini(&r);
}

static void test_csv_to_stdout(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    fill_store(c);
    run(c, "--format", "csv", "--kind", "guest", &r);
    assert_int_equal(r.exit_code, 0);
    assert_true(strncmp(r.out, "id,visit_id,kiosk_id,", 21) == 0);
    assert_non_null(strstr(r.out, ",\"Ni Luh Putu Ayu, S.E.\","));
    assert_non_null(strstr(r.out, ",\"Budi \"\"Bud\"\" Santoso\","));
    assert_string_equal(r.err, "");
    th_run_fini(&r);
}

static void test_wrong_usage_exits_2(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    fill_store(c);
    run(c, "--kind", "guest", NULL, NULL, &r);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "usage: serambi export"));
    th_run_fini(&r);
    run(c, "--kind", "visitors", "--format", "json", &r);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "unknown kind 'visitors'"));
    th_run_fini(&r);
    run(c, "--kind", "guest", "--format", "xml", &r);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "unknown format 'xml'"));
    th_run_fini(&r);
    run(c, "--help", NULL, NULL, NULL, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "KIND is one of"));
    th_run_fini(&r);
}

static void test_missing_database_is_not_created(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    char path[512];
    run(c, "--kind", "guest", "--format", "json", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "no database at"));
    assert_string_equal(r.out, "");
    th_run_fini(&r);
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    assert_int_not_equal(access(path, F_OK), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_json_to_stdout),
        T(test_csv_to_stdout),
        T(test_wrong_usage_exits_2),
        T(test_missing_database_is_not_created),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
