/*
 * test_cli_config — the real serambi program given a configuration file:
 * a bad one must stop it before any command runs, with one line on stderr
 * naming file, line and key, and a non-zero exit; a good one must let the
 * command run. `help` is the command, since it needs nothing else.
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
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"

struct fixture {
    char dir[256];
    char config[512];
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

/* Runs `serambi --config PATH COMMAND`, or `--config=PATH` when joined. */
static void run_with_config(const char *path, const char *command, int joined, struct th_run *r)
{
    char joined_arg[600];
    snprintf(joined_arg, sizeof(joined_arg), "--config=%s", path);
    char *argv[5];
    int n = 0;
    argv[n++] = (char *)th_serambi_bin();
    if (joined) {
        argv[n++] = joined_arg;
    } else {
        argv[n++] = "--config";
        argv[n++] = (char *)path;
    }
    argv[n++] = (char *)command;
    argv[n] = NULL;
    th_run(argv, r);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static const struct bad_case {
    const char *text;
    const char *where; /* ":LINE: KEY: " after the file name */
    const char *what;
} bad_cases[] = {
    {"kiosk_name = Kiosk Lobi\ntimezone = Asia/Bangkok\n",
     ":2: timezone: ", "unknown time zone 'Asia/Bangkok'; expected Asia/Jakarta"},
    {"# a comment\n\nretention_days = 30 days\n", ":3: retention_days: ",
     "'30 days' is not a whole number; expected a whole number of days from 1 to 3650"},
    {"language = id\nlanguage = en\n", ":2: language: ", "is set again (first on line 1)"},
    {"hours_monday = 16:00-07:30\n", ":1: hours_monday: ", "opens at 16:00 but closes at 07:30"},
    {"data_dir = data\n", ":1: data_dir: ", "'data' is not an absolute path"},
    {"ticket_prefix_complaint = R\n",
     ":1: ticket_prefix_complaint: ", "'R' is already the prefix of meeting tickets"},
    {"lang = en\n", ":1: lang: ", "unknown key"},
};

static void test_bad_config_stops_the_program(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        for (int joined = 0; joined < 2; joined++) {
            th_write_file(f->dir, "kiosk.conf", bad_cases[i].text, f->config, sizeof(f->config));
            struct th_run r;
            run_with_config(f->config, "help", joined, &r);
            char want[1024];
            snprintf(want, sizeof(want), "serambi: %s%s%s", f->config, bad_cases[i].where,
                     bad_cases[i].what);
            if (r.exit_code == 0)
                fail_msg("case %zu: exit 0 with a bad config", i);
            assert_int_equal(r.exit_code, 1);
            if (!strstr(r.err, want))
                fail_msg("case %zu: stderr\n  %s\nlacks\n  %s", i, r.err, want);
            /* One line for a person, and the command never ran. */
            assert_int_equal(count_lines(r.err), 1);
            assert_string_equal(r.out, "");
            th_run_fini(&r);
        }
    }
}

static void test_good_config_lets_the_command_run(void **state)
{
    struct fixture *f = *state;
    char text[1024];
    snprintf(text, sizeof(text),
             "\xEF\xBB\xBF# saved on Windows\r\n"
             "kiosk_name = \"Kiosk Lobi\"\r\n"
             "data_dir = %s\r\n"
             "timezone = Asia/Makassar\r\n"
             "hours_saturday = 08:00-12:00\r\n",
             f->dir);
    th_write_file(f->dir, "kiosk.conf", text, f->config, sizeof(f->config));
    struct th_run r;
    run_with_config(f->config, "help", 0, &r);
    if (r.exit_code != 0)
        fail_msg("exit %d: %s", r.exit_code, r.err);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "usage: serambi"));
    th_run_fini(&r);
}

static void test_missing_and_unreadable_files(void **state)
{
    struct fixture *f = *state;
    char path[512], want[700];
    struct th_run r;

    snprintf(path, sizeof(path), "%s/nowhere.conf", f->dir);
    run_with_config(path, "help", 0, &r);
    assert_int_equal(r.exit_code, 1);
    snprintf(want, sizeof(want), "serambi: %s: cannot read the configuration: %s", path,
             strerror(ENOENT));
    if (!strstr(r.err, want))
        fail_msg("stderr '%s' lacks '%s'", r.err, want);
    th_run_fini(&r);

    run_with_config(f->dir, "help", 0, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, strerror(EISDIR)));
    th_run_fini(&r);

    if (geteuid() != 0) {
        th_write_file(f->dir, "locked.conf", "language = en\n", path, sizeof(path));
        assert_int_equal(chmod(path, 0), 0);
        run_with_config(path, "help", 0, &r);
        assert_int_equal(r.exit_code, 1);
        snprintf(want, sizeof(want), "serambi: %s: cannot read the configuration: %s", path,
                 strerror(EACCES));
        if (!strstr(r.err, want))
            fail_msg("stderr '%s' lacks '%s'", r.err, want);
        th_run_fini(&r);
    }
}

static void test_oversized_file(void **state)
{
    struct fixture *f = *state;
    size_t size = 65536 + 1;
    char *text = malloc(size + 1);
    assert_non_null(text);
    memset(text, '#', size);
    text[size] = '\0';
    char path[512];
    th_write_file(f->dir, "huge.conf", text, path, sizeof(path));
    free(text);
    struct th_run r;
    run_with_config(path, "help", 0, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "huge.conf: is larger than 65536 bytes"));
    th_run_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_config_stops_the_program, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_config_lets_the_command_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_unreadable_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oversized_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
