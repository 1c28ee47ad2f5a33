/*
 * test_kiosk_scanner — the UI's scanner hook as the kiosk wires it: the
 * watcher's states in the UI's words, and a kiosk whose watcher did not
 * start (the hook still answers, it never blocks nor crashes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/devices.h"
#include "kiosk/scanner.h"

static void test_states_in_the_ui_words(void **state)
{
    (void)state;
    struct scan_hotplug_state st = {0};
    assert_int_equal(scanner_ui_state(&st), UI_DEV_UNKNOWN);
    st.presence = SCAN_PRESENCE_ABSENT;
    assert_int_equal(scanner_ui_state(&st), UI_DEV_ABSENT);
    st.presence = SCAN_PRESENCE_READY;
    assert_int_equal(scanner_ui_state(&st), UI_DEV_READY);
    /* A jam is the visitor's to clear: the scanner stays ready. */
    st.problem = SCAN_PROBLEM_JAM;
    assert_int_equal(scanner_ui_state(&st), UI_DEV_READY);
    /* No permission, or a scanner that cannot scan as set up: staff. */
    st.problem = SCAN_PROBLEM_DENIED;
    assert_int_equal(scanner_ui_state(&st), UI_DEV_TROUBLE);
    st.problem = SCAN_PROBLEM_UNSUPPORTED;
    assert_int_equal(scanner_ui_state(&st), UI_DEV_TROUBLE);
}

static void test_hook_without_a_watcher(void **state)
{
    (void)state;
    struct ui_devices dev = {0};
    struct kiosk_devices devices = {0};
    char detail[64] = "x";
    scanner_ui_hooks(&dev);
    assert_non_null(dev.scanner);
    dev.ctx = &devices;
    assert_int_equal(dev.scanner(dev.ctx, detail, sizeof(detail)), UI_DEV_UNKNOWN);
    assert_string_equal(detail, "the scanner is not watched");
    assert_int_equal(dev.scanner(NULL, detail, sizeof(detail)), UI_DEV_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_states_in_the_ui_words),
        cmocka_unit_test(test_hook_without_a_watcher),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
