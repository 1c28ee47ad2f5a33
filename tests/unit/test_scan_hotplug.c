/*
 * test_scan_hotplug — the scanner watcher's rules, without a thread:
 * what each answer of SANE and each ended scan make of the state, when
 * the UI must hear of it, and the line staff read.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "scan/hotplug.h"

static void test_first_answer_is_a_change(void **state)
{
    (void)state;
    struct scan_hotplug_state a = {0}, b = {0};
    assert_int_equal(a.presence, SCAN_PRESENCE_UNKNOWN);
    assert_true(scan_hotplug_on_probe(&a, -ENODEV, ""));
    assert_int_equal(a.presence, SCAN_PRESENCE_ABSENT);
    assert_true(scan_hotplug_on_probe(&b, 0, "test:0"));
    assert_int_equal(b.presence, SCAN_PRESENCE_READY);
    assert_string_equal(b.device, "test:0");
}

static void test_same_answer_is_no_change(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    assert_true(scan_hotplug_on_probe(&st, 0, "pixma:04A91912"));
    assert_false(scan_hotplug_on_probe(&st, 0, "pixma:04A91912"));
    assert_true(scan_hotplug_on_probe(&st, -ENODEV, ""));
    assert_false(scan_hotplug_on_probe(&st, -ENODEV, ""));
    assert_int_equal(st.presence, SCAN_PRESENCE_ABSENT);
    assert_string_equal(st.device, "");
}

static void test_another_scanner_is_a_change(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    scan_hotplug_on_probe(&st, 0, "test:0");
    assert_true(scan_hotplug_on_probe(&st, 0, "pixma:04A91912"));
    assert_string_equal(st.device, "pixma:04A91912");
}

/* A session holds SANE: the watcher keeps what it knew. */
static void test_busy_keeps_the_state(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    assert_false(scan_hotplug_on_probe(&st, -EBUSY, ""));
    assert_int_equal(st.presence, SCAN_PRESENCE_UNKNOWN);
    scan_hotplug_on_probe(&st, 0, "test:0");
    assert_false(scan_hotplug_on_probe(&st, -EBUSY, ""));
    assert_int_equal(st.presence, SCAN_PRESENCE_READY);
    assert_string_equal(st.device, "test:0");
}

static void test_sane_failing_is_absent_with_a_reason(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    char line[128];
    scan_hotplug_on_probe(&st, 0, "test:0");
    assert_true(scan_hotplug_on_probe(&st, -EIO, ""));
    assert_int_equal(st.presence, SCAN_PRESENCE_ABSENT);
    assert_int_equal(st.probe_error, -EIO);
    assert_int_equal(scan_hotplug_describe(&st, NULL, line, sizeof(line)), 0);
    assert_non_null(strstr(line, "SANE cannot start"));
    /* From "cannot start" to plain absent is news too. */
    assert_true(scan_hotplug_on_probe(&st, -ENODEV, ""));
    assert_int_equal(st.probe_error, 0);
}

static void test_scan_problem_is_kept_until_the_scanner_changes(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    enum scan_problem jam = SCAN_PROBLEM_JAM, ok = SCAN_OK;
    scan_hotplug_on_probe(&st, 0, "test:0");
    assert_true(scan_hotplug_on_scan(&st, &jam));
    assert_int_equal(st.problem, SCAN_PROBLEM_JAM);
    assert_false(scan_hotplug_on_scan(&st, &jam));
    /* A session that scanned nothing says nothing about the last scan. */
    assert_false(scan_hotplug_on_scan(&st, NULL));
    assert_int_equal(st.problem, SCAN_PROBLEM_JAM);
    /* The check after the scan finds the same scanner: the jam stays. */
    assert_false(scan_hotplug_on_probe(&st, 0, "test:0"));
    assert_int_equal(st.problem, SCAN_PROBLEM_JAM);
    /* A good scan clears it. */
    assert_true(scan_hotplug_on_scan(&st, &ok));
    assert_int_equal(st.problem, SCAN_OK);
    /* Pulled out and plugged in again: it starts afresh. */
    scan_hotplug_on_scan(&st, &jam);
    assert_true(scan_hotplug_on_probe(&st, -ENODEV, ""));
    assert_int_equal(st.problem, SCAN_OK);
    scan_hotplug_on_probe(&st, 0, "test:0");
    assert_int_equal(st.problem, SCAN_OK);
}

static void test_describe_says_what_staff_need(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    enum scan_problem cover = SCAN_PROBLEM_COVER_OPEN;
    char line[128];
    assert_int_equal(scan_hotplug_describe(&st, NULL, line, sizeof(line)), 0);
    assert_string_equal(line, "not checked yet");
    scan_hotplug_on_probe(&st, -ENODEV, "");
    assert_int_equal(scan_hotplug_describe(&st, NULL, line, sizeof(line)), 0);
    assert_string_equal(line, "no scanner found");
    assert_int_equal(scan_hotplug_describe(&st, "fujitsu:fi-800R:1", line, sizeof(line)), 0);
    assert_string_equal(line, "fujitsu:fi-800R:1 is not attached");
    scan_hotplug_on_probe(&st, 0, "fujitsu:fi-800R:1");
    assert_int_equal(scan_hotplug_describe(&st, "fujitsu:fi-800R:1", line, sizeof(line)), 0);
    assert_string_equal(line, "fujitsu:fi-800R:1");
    scan_hotplug_on_scan(&st, &cover);
    assert_int_equal(scan_hotplug_describe(&st, NULL, line, sizeof(line)), 0);
    assert_string_equal(line, "fujitsu:fi-800R:1; last scan: cover_open");
    char small[8];
    assert_int_equal(scan_hotplug_describe(&st, NULL, small, sizeof(small)), -ENAMETOOLONG);
    assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void test_bad_config_is_refused(void **state)
{
    (void)state;
    struct scan_hotplug *w = NULL;
    char long_name[300];
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    struct scan_hotplug_config cfg = {.mode = SCAN_HOTPLUG_POLL, .recheck_ms = 0};
    assert_int_equal(scan_hotplug_start(NULL, &w), -EINVAL);
    assert_int_equal(scan_hotplug_start(&cfg, &w), -EINVAL);
    cfg.recheck_ms = 1000;
    cfg.settle_ms = -1;
    assert_int_equal(scan_hotplug_start(&cfg, &w), -EINVAL);
    cfg.settle_ms = 0;
    cfg.device = long_name;
    assert_int_equal(scan_hotplug_start(&cfg, &w), -EINVAL);
    assert_null(w);
    scan_hotplug_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_answer_is_a_change),
        cmocka_unit_test(test_same_answer_is_no_change),
        cmocka_unit_test(test_another_scanner_is_a_change),
        cmocka_unit_test(test_busy_keeps_the_state),
        cmocka_unit_test(test_sane_failing_is_absent_with_a_reason),
        cmocka_unit_test(test_scan_problem_is_kept_until_the_scanner_changes),
        cmocka_unit_test(test_describe_says_what_staff_need),
        cmocka_unit_test(test_bad_config_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
