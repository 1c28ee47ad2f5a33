/*
 * test_ticketno — which prefixes a ticket may carry, and how its number is
 * written: zero-padded to three digits, growing past 999, never cut short.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/ticketno.h"

static void test_prefix_valid(void **state)
{
    (void)state;
    static const struct {
        const char *prefix;
        bool ok;
    } cases[] = {
        {"T", true},   {"R", true},   {"P", true},     {"AUD", true},
        {"ZZ", true},  {"", false},   {"ABCD", false}, {"t", false},
        {"Tm", false}, {"T1", false}, {"1", false},    {"-", false},
        {" T", false}, {"T ", false}, {"T-", false},   {"\xC3\x84", false}, /* Ä */
        {"@", false},  {"[", false}, /* the neighbours of A and Z */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (ticketno_prefix_valid(cases[i].prefix) != cases[i].ok)
            fail_msg("'%s': valid says %d", cases[i].prefix, !cases[i].ok);
    assert_false(ticketno_prefix_valid(NULL));
}

static void test_format(void **state)
{
    (void)state;
    static const struct {
        const char *prefix;
        int seq;
        const char *want;
    } cases[] = {
        {"R", 7, "R-007"},
        {"P", 1, "P-001"},
        {"T", 42, "T-042"},
        {"T", 999, "T-999"},
        {"T", 1000, "T-1000"},
        {"AUD", 12345, "AUD-12345"},
        {"ABC", INT_MAX, "ABC-2147483647"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[TICKETNO_SIZE];
        assert_int_equal(ticketno_format(cases[i].prefix, cases[i].seq, buf, sizeof(buf)), 0);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_format_errors(void **state)
{
    (void)state;
    char buf[TICKETNO_SIZE] = "untouched";
    assert_int_equal(ticketno_format("R", 0, buf, sizeof(buf)), -EINVAL);
    assert_int_equal(ticketno_format("R", -1, buf, sizeof(buf)), -EINVAL);
    assert_int_equal(ticketno_format("r", 1, buf, sizeof(buf)), -EINVAL);
    assert_int_equal(ticketno_format(NULL, 1, buf, sizeof(buf)), -EINVAL);
    assert_string_equal(buf, "untouched");
    /* "R-007" takes 6 bytes with its NUL: 5 is short, and nothing is written. */
    assert_int_equal(ticketno_format("R", 7, buf, 5), -ENOSPC);
    assert_string_equal(buf, "untouched");
    assert_int_equal(ticketno_format("R", 7, buf, 6), 0);
    assert_string_equal(buf, "R-007");
    assert_int_equal(ticketno_format("R", 7, NULL, 0), -ENOSPC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefix_valid),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
