/*
 * test_sync_backoff — the sync worker's waits: they grow with failures up
 * to the cap and no further, stay within [cap/2, cap] whatever the random
 * value, and never undercut the hub's Retry-After.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sync/backoff.h"

static void test_grows_then_stops_at_the_cap(void **state)
{
    (void)state;
    int64_t prev_cap = 0;
    for (int f = 1; f <= 40; f++) {
        int64_t lo = sync_backoff_ms(f, 1000, 300000, 0, 0);
        int64_t hi = sync_backoff_ms(f, 1000, 300000, UINT32_MAX, 0);
        assert_true(lo <= hi);
        assert_true(hi <= 300000);
        assert_true(hi >= prev_cap);
        assert_true(lo >= hi / 2 - 1);
        prev_cap = hi;
    }
    assert_int_equal(sync_backoff_ms(1, 1000, 300000, UINT32_MAX, 0), 1000);
    assert_int_equal(sync_backoff_ms(3, 1000, 300000, UINT32_MAX, 0), 4000);
    assert_int_equal(sync_backoff_ms(100, 1000, 300000, UINT32_MAX, 0), 300000);
    assert_int_equal(sync_backoff_ms(100, 1000, 300000, 0, 0), 150000);
}

static void test_retry_after_is_a_floor(void **state)
{
    (void)state;
    assert_int_equal(sync_backoff_ms(1, 1000, 300000, 0, 120), 120000);
    assert_int_equal(sync_backoff_ms(100, 1000, 300000, UINT32_MAX, 1), 300000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grows_then_stops_at_the_cap),
        cmocka_unit_test(test_retry_after_is_a_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
