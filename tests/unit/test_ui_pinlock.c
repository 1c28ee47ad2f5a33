/*
 * test_ui_pinlock — the staff PIN's rate limit: three wrong PINs lock,
 * each lockout twice as long as the one before up to the cap, the lock
 * ends on the clock, and the right PIN starts over.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ui/pinlock.h"

static void three_wrong_pins_lock_for_thirty_seconds(void **state)
{
    (void)state;
    struct ui_pinlock l = {0};
    int64_t t = 1000000;
    assert_int_equal(ui_pinlock_left_ms(&l, t), 0);
    assert_int_equal(ui_pinlock_tries_left(&l), 3);
    assert_int_equal(ui_pinlock_wrong(&l, t), 0);
    assert_int_equal(ui_pinlock_tries_left(&l), 2);
    assert_int_equal(ui_pinlock_wrong(&l, t + 10), 0);
    assert_int_equal(ui_pinlock_left_ms(&l, t + 10), 0);
    assert_int_equal(ui_pinlock_wrong(&l, t + 20), 30000);
    assert_int_equal(ui_pinlock_left_ms(&l, t + 20), 30000);
    assert_int_equal(ui_pinlock_left_ms(&l, t + 20 + 29999), 1);
    assert_int_equal(ui_pinlock_left_ms(&l, t + 20 + 30000), 0);
    /* After the lock, three tries again. */
    assert_int_equal(ui_pinlock_tries_left(&l), 3);
}

static void lockouts_double_up_to_the_cap(void **state)
{
    (void)state;
    struct ui_pinlock l = {0};
    int64_t t = 0;
    const int64_t want[] = {30000, 60000, 120000, 240000, 480000, 960000, 960000, 960000};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(ui_pinlock_wrong(&l, t), 0);
        assert_int_equal(ui_pinlock_wrong(&l, t), 0);
        int64_t locked = ui_pinlock_wrong(&l, t);
        assert_int_equal(locked, want[i]);
        assert_true(locked <= UI_PINLOCK_MAX_MS);
        t += locked;
        assert_int_equal(ui_pinlock_left_ms(&l, t), 0);
    }
}

static void the_right_pin_starts_over(void **state)
{
    (void)state;
    struct ui_pinlock l = {0};
    for (int i = 0; i < 6; i++)
        ui_pinlock_wrong(&l, 0); /* two lockouts */
    ui_pinlock_wrong(&l, 100000);
    ui_pinlock_right(&l);
    assert_int_equal(ui_pinlock_tries_left(&l), 3);
    assert_int_equal(ui_pinlock_left_ms(&l, 100000), 0);
    ui_pinlock_wrong(&l, 200000);
    ui_pinlock_wrong(&l, 200000);
    /* The first lockout's length again, not the third's. */
    assert_int_equal(ui_pinlock_wrong(&l, 200000), 30000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_wrong_pins_lock_for_thirty_seconds),
        cmocka_unit_test(lockouts_double_up_to_the_cap),
        cmocka_unit_test(the_right_pin_starts_over),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
