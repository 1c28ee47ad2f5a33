/*
 * test_civil — day numbers against the C library's gmtime_r() for every
 * day from 1900 to 2400, round trips over the whole range the kiosk
 * accepts (1970..9999), the strict parsers, and office-time arithmetic
 * around midnight and before 1970 (flooring, not truncating).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/civil.h"

static void test_known_days(void **state)
{
    (void)state;
    static const struct {
        struct civil_date d;
        int64_t days;
        int weekday;
    } cases[] = {
        {{1970, 1, 1}, 0, 3}, /* Thursday */
        {{1970, 1, 2}, 1, 4},      {{1969, 12, 31}, -1, 2},
        {{2000, 2, 29}, 11016, 1}, /* Tuesday */
        {{2000, 3, 1}, 11017, 2},  {{2024, 2, 29}, 19782, 3},
        {{2025, 8, 17}, 20317, 6}, /* Independence Day 2025, a Sunday */
        {{2026, 1, 1}, 20454, 3},  {{9999, 12, 31}, 2932896, 4},
        {{1900, 3, 1}, -25508, 3},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(civil_days_from_date(cases[i].d), cases[i].days);
        struct civil_date back = civil_date_from_days(cases[i].days);
        assert_int_equal(back.year, cases[i].d.year);
        assert_int_equal(back.month, cases[i].d.month);
        assert_int_equal(back.day, cases[i].d.day);
        assert_int_equal(civil_weekday(cases[i].days), cases[i].weekday);
    }
}

static void test_against_gmtime(void **state)
{
    (void)state;
    struct civil_date first = {1900, 1, 1}, last = {2400, 12, 31};
    int64_t from = civil_days_from_date(first), to = civil_days_from_date(last);
    for (int64_t day = from; day <= to; day++) {
        time_t t = (time_t)(day * 86400);
        struct tm tm;
        assert_non_null(gmtime_r(&t, &tm));
        struct civil_date d = civil_date_from_days(day);
        if (d.year != tm.tm_year + 1900 || d.month != tm.tm_mon + 1 || d.day != tm.tm_mday)
            fail_msg("day %lld: %04d-%02d-%02d, libc says %04d-%02d-%02d", (long long)day, d.year,
                     d.month, d.day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        /* tm_wday: 0 = Sunday; ISO: 0 = Monday. */
        assert_int_equal(civil_weekday(day), (tm.tm_wday + 6) % 7);
        assert_int_equal(civil_days_from_date(d), day);
    }
}

static void test_round_trip_whole_range(void **state)
{
    (void)state;
    /* Walk every valid date from 1970 to 9999 by hand and compare. */
    struct civil_date d = {1970, 1, 1};
    int64_t day = 0;
    for (;;) {
        assert_true(civil_date_valid(d));
        if (civil_days_from_date(d) != day)
            fail_msg("%04d-%02d-%02d is not day %lld", d.year, d.month, d.day, (long long)day);
        struct civil_date back = civil_date_from_days(day);
        assert_memory_equal(&back, &d, sizeof(d));
        if (d.year == 9999 && d.month == 12 && d.day == 31)
            break;
        if (++d.day > civil_days_in_month(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
        day++;
    }
    assert_int_equal(day, 2932896);
}

static void test_leap_and_month_lengths(void **state)
{
    (void)state;
    assert_false(civil_is_leap(1900));
    assert_true(civil_is_leap(2000));
    assert_true(civil_is_leap(2024));
    assert_false(civil_is_leap(2025));
    assert_false(civil_is_leap(2100));
    assert_true(civil_is_leap(2400));
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        assert_int_equal(civil_days_in_month(2025, m), lengths[m - 1]);
        assert_int_equal(civil_days_in_month(2024, m), lengths[m - 1] + (m == 2));
    }
    assert_int_equal(civil_days_in_month(2025, 0), 0);
    assert_int_equal(civil_days_in_month(2025, 13), 0);
}

static void test_date_valid(void **state)
{
    (void)state;
    static const struct {
        struct civil_date d;
        bool ok;
    } cases[] = {
        {{2024, 2, 29}, true},  {{2023, 2, 29}, false}, {{2025, 12, 31}, true},
        {{2025, 13, 1}, false}, {{2025, 0, 1}, false},  {{2025, 1, 0}, false},
        {{2025, 4, 31}, false}, {{1970, 1, 1}, true},   {{1969, 12, 31}, false},
        {{9999, 12, 31}, true}, {{10000, 1, 1}, false}, {{2025, 1, 32}, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(civil_date_valid(cases[i].d), cases[i].ok);
}

static void test_parse_date(void **state)
{
    (void)state;
    struct civil_date d = {1, 2, 3};
    assert_int_equal(civil_parse_date("2025-08-17", &d), 0);
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.month, 8);
    assert_int_equal(d.day, 17);
    static const char *const bad[] = {
        "2025-8-17",   "2025-08-1",  "2025/08/17", "2025-08-170", " 2025-08-17",
        "2025-08-17 ", "2023-02-29", "2025-13-01", "2025-00-10",  "1969-12-31",
        "+025-08-17",  "2025-0a-17", "",           "20250817",    "2025-08-17T07:30",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct civil_date keep = {1, 2, 3};
        if (civil_parse_date(bad[i], &keep) != -EINVAL)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(keep.year, 1); /* written only on success */
    }
    assert_int_equal(civil_parse_date(NULL, &d), -EINVAL);
}

static void test_parse_hhmm(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int minutes;
    } good[] = {{"00:00", 0}, {"07:30", 450}, {"16:00", 960}, {"23:59", 1439}, {"24:00", 1440}};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        int m = -1;
        assert_int_equal(civil_parse_hhmm(good[i].s, &m), 0);
        assert_int_equal(m, good[i].minutes);
    }
    static const char *const bad[] = {"24:01",  "25:00", "7:30", "07:60", "07-30", "07:30 ",
                                      " 07:30", "0730",  "",     "-1:00", "07:3a"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int m = -7;
        if (civil_parse_hhmm(bad[i], &m) != -EINVAL)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(m, -7);
    }
    int m;
    assert_int_equal(civil_parse_hhmm(NULL, &m), -EINVAL);
}

static void test_parse_local_minutes(void **state)
{
    (void)state;
    int64_t m = 0;
    struct civil_date d = {2025, 1, 2};
    int64_t day = civil_days_from_date(d);
    assert_int_equal(civil_parse_local_minutes("2025-01-02T07:30", &m), 0);
    assert_int_equal(m, day * 1440 + 450);
    assert_int_equal(civil_parse_local_minutes("2025-01-02 07:30", &m), 0);
    assert_int_equal(m, day * 1440 + 450);
    assert_int_equal(civil_parse_local_minutes("1970-01-01T00:00", &m), 0);
    assert_int_equal(m, 0);
    static const char *const bad[] = {
        "2025-01-02T24:00",
        "2025-01-02T7:30",
        "2025-01-02T07:30Z",
        "2025-01-02_07:30",
        "2025-02-30T07:30",
        "2025-01-02",
        "",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int64_t keep = 42;
        if (civil_parse_local_minutes(bad[i], &keep) != -EINVAL)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(keep, 42);
    }
    assert_int_equal(civil_parse_local_minutes(NULL, &m), -EINVAL);
}

static void test_office_time(void **state)
{
    (void)state;
    /* Flooring: the millisecond before 1970 is minute -1, not 0. */
    assert_int_equal(civil_local_minutes(-1, 0), -1);
    assert_int_equal(civil_local_minutes(0, 0), 0);
    assert_int_equal(civil_local_minutes(59999, 0), 0);
    assert_int_equal(civil_local_minutes(60000, 0), 1);
    assert_int_equal(civil_local_minutes(-60000, 0), -1);
    assert_int_equal(civil_local_minutes(-60001, 0), -2);
    assert_int_equal(civil_local_minutes(0, 420), 420);
    assert_int_equal(civil_local_minutes(0, -210), -210);

    /* 2025-01-01 17:00 UTC is 2025-01-02 00:00 WIB. */
    struct civil_date d = {2025, 1, 1};
    int64_t day = civil_days_from_date(d);
    int64_t utc_ms = (day * 1440 + 17 * 60) * CIVIL_MS_PER_MIN;
    assert_int_equal(civil_office_day(utc_ms, 420), day + 1);
    assert_int_equal(civil_office_day(utc_ms - 1, 420), day);
    assert_int_equal(civil_office_day(utc_ms, 0), day);
    assert_int_equal(civil_office_day(-1, 0), -1);
    assert_int_equal(civil_office_day(-1, 420), 0);

    for (int offset = -720; offset <= 840; offset += 15) {
        for (int64_t local = -3000; local <= 3000; local += 7) {
            int64_t ms = civil_utc_ms(local, offset);
            assert_int_equal(civil_local_minutes(ms, offset), local);
            assert_int_equal(civil_local_minutes(ms + 59999, offset), local);
            assert_int_equal(civil_local_minutes(ms - 1, offset), local - 1);
        }
    }
}

static void test_format(void **state)
{
    (void)state;
    char buf[32];
    struct civil_date d = {2025, 8, 17};
    int64_t day = civil_days_from_date(d);
    assert_int_equal(civil_format_date(day, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "2025-08-17");
    assert_int_equal(civil_format_local(day * 1440 + 450, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "2025-08-17 07:30");
    assert_int_equal(civil_format_local(-1, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "1969-12-31 23:59");
    assert_int_equal(civil_format_date(-1, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "1969-12-31");

    /* Exactly enough room, and one byte short: nothing written then. */
    char exact[17];
    assert_int_equal(civil_format_date(day, exact, 11), 0);
    assert_string_equal(exact, "2025-08-17");
    memcpy(exact, "untouched", 10);
    assert_int_equal(civil_format_date(day, exact, 10), -ENOSPC);
    assert_string_equal(exact, "untouched");
    assert_int_equal(civil_format_local(day * 1440, exact, 17), 0);
    assert_string_equal(exact, "2025-08-17 00:00");
    memcpy(exact, "untouched", 10);
    assert_int_equal(civil_format_local(day * 1440, exact, 16), -ENOSPC);
    assert_string_equal(exact, "untouched");

    /* Formatting what parsing read gives the text back. */
    int64_t m;
    assert_int_equal(civil_parse_local_minutes("2024-02-29T23:59", &m), 0);
    assert_int_equal(civil_format_local(m, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "2024-02-29 23:59");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_days),
        cmocka_unit_test(test_against_gmtime),
        cmocka_unit_test(test_round_trip_whole_range),
        cmocka_unit_test(test_leap_and_month_lengths),
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_parse_hhmm),
        cmocka_unit_test(test_parse_local_minutes),
        cmocka_unit_test(test_office_time),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
