/*
 * test_ui_script — reading replay script lines: every command, its
 * arguments, and what a malformed line is told.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/script.h"

static int parse(const char *line, struct ui_script_cmd *cmd, char *err)
{
    return ui_script_parse_line(line, strlen(line), cmd, err, 256);
}

static void commands_and_arguments(void **state)
{
    (void)state;
    struct ui_script_cmd c;
    char err[256];
    assert_int_equal(parse("tap home.guest", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_TAP_ID);
    assert_string_equal(c.arg, "home.guest");
    assert_int_equal(parse("tap 120 45\r", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_TAP_XY);
    assert_true(c.x == 120 && c.y == 45);
    assert_int_equal(parse("type Siti Aminah, S.E. ", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_TYPE);
    assert_string_equal(c.arg, "Siti Aminah, S.E. "); /* typed spaces count */
    assert_int_equal(parse("wait 1500", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_WAIT && c.amount == 1500);
    assert_int_equal(parse("clock +120", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_CLOCK && c.amount == 120);
    assert_int_equal(parse("expect-screen guest.form", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_EXPECT_SCREEN);
    assert_int_equal(parse("expect-text Mohon Bapak/Ibu isi bagian ini.", &c, err), 0);
    assert_string_equal(c.arg, "Mohon Bapak/Ibu isi bagian ini.");
    assert_int_equal(parse("expect-no-text Rahasia", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_EXPECT_NO_TEXT);
    assert_int_equal(parse("screenshot home-id", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_SCREENSHOT);
    assert_int_equal(parse("await-screen meeting.pages", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_AWAIT_SCREEN && strcmp(c.arg, "meeting.pages") == 0);
    assert_int_equal(parse("await-text Halaman 3", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_AWAIT_TEXT && strcmp(c.arg, "Halaman 3") == 0);
    assert_int_equal(parse("await-screen", &c, err), -EINVAL);
    assert_int_equal(parse("hold 5 7 3000", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_HOLD && c.x == 5 && c.y == 7 && c.amount == 3000);
    assert_int_equal(parse("scroll 240", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_SCROLL && c.amount == 240);
    assert_int_equal(parse("scroll -80", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_SCROLL && c.amount == -80);
    assert_int_equal(parse("scroll up", &c, err), -EINVAL);
    assert_int_equal(parse("scroll --5", &c, err), -EINVAL);
    assert_int_equal(parse("tap guest.name 3 10", &c, err), 0);
    assert_true(c.op == UI_SCRIPT_TAP_ID && c.offset && c.x == 3 && c.y == 10);
    assert_string_equal(c.arg, "guest.name");
    assert_int_equal(parse("tap guest.name 3 x", &c, err), -EINVAL);
    assert_int_equal(parse("   # a comment", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_NONE);
    assert_int_equal(parse("", &c, err), 0);
    assert_int_equal(c.op, UI_SCRIPT_NONE);
}

static void malformed_lines_say_what_is_expected(void **state)
{
    (void)state;
    struct ui_script_cmd c;
    char err[256];
    assert_int_equal(parse("swipe home.guest", &c, err), -EINVAL);
    assert_non_null(strstr(err, "unknown command 'swipe'"));
    assert_int_equal(parse("hold 5 5", &c, err), -EINVAL);
    assert_non_null(strstr(err, "hold takes X Y MS"));
    assert_int_equal(parse("hold 5 5 soon", &c, err), -EINVAL);
    assert_int_equal(parse("hold -5 5 3000", &c, err), -EINVAL);
    assert_int_equal(parse("hold 5 5 3000 4", &c, err), -EINVAL);
    assert_int_equal(parse("hold 5 5 9999999999", &c, err), -EINVAL);
    assert_int_equal(parse("tap", &c, err), -EINVAL);
    assert_non_null(strstr(err, "tap needs an argument"));
    assert_int_equal(parse("tap 10 x", &c, err), -EINVAL);
    assert_int_equal(parse("tap -1 5", &c, err), -EINVAL);
    assert_int_equal(parse("wait soon", &c, err), -EINVAL);
    assert_int_equal(parse("wait 9999999999", &c, err), -EINVAL);
    assert_int_equal(parse("clock 120", &c, err), -EINVAL);
    assert_non_null(strstr(err, "+SECONDS"));
    assert_int_equal(parse("clock +-5", &c, err), -EINVAL);
    assert_int_equal(parse("screenshot ../escape", &c, err), -EINVAL);
    assert_int_equal(parse("screenshot .hidden", &c, err), -EINVAL);
    assert_int_equal(parse("type a\x01", &c, err), -EINVAL);
    assert_int_equal(ui_script_parse_line("tap a\0b", 7, &c, err, sizeof(err)), -EINVAL);
    char longline[UI_SCRIPT_LINE_MAX + 8];
    memset(longline, 'a', sizeof(longline) - 1);
    longline[sizeof(longline) - 1] = '\0';
    memcpy(longline, "type ", 5);
    assert_int_equal(parse(longline, &c, err), -EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(commands_and_arguments),
        cmocka_unit_test(malformed_lines_say_what_is_expected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
