/*
 * test_due — due times over the calendars we ship (2025 and 2026; 2027
 * deliberately missing): every unit, receipts before opening, at opening,
 * at closing, after closing, on weekends, holidays and cuti bersama, across
 * Idul Fitri 2026, the turn of 2025/2026 and into the unknown 2027; other
 * office hours; the fixed UTC offset; leap days; and the walk bound.
 *
 * Times in the tables are office wall-clock time, "YYYY-MM-DDTHH:MM".
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "core/calendar.h"
#include "core/civil.h"
#include "core/due.h"

#define MIN RULE_WORKING_MINUTES
#define HRS RULE_WORKING_HOURS
#define WD  RULE_WORKING_DAYS
#define CD  RULE_CALENDAR_DAYS

static void load_asset_year(struct calendar *cal, int year)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/calendar/%d.txt", th_assets_dir(), year);
    size_t len = 0;
    char *text = th_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    struct cal_error err;
    int rc = cal_load_year(cal, text, len, year, &err);
    free(text);
    if (rc != 0)
        fail_msg("%s:%d: %s", path, err.line, err.message);
}

/* The default week with the shipped 2025 and 2026 calendars. */
static struct calendar *shipped(void)
{
    struct calendar *cal = NULL;
    assert_int_equal(cal_new(&cal), 0);
    load_asset_year(cal, 2025);
    load_asset_year(cal, 2026);
    return cal;
}

static int64_t local_ms(const struct calendar *cal, const char *when)
{
    int64_t local_min;
    if (civil_parse_local_minutes(when, &local_min) != 0)
        fail_msg("bad time in test: %s", when);
    return civil_utc_ms(local_min, cal_utc_offset(cal));
}

static void format_local(const struct calendar *cal, int64_t utc_ms, char *buf, size_t cap)
{
    assert_int_equal(civil_format_local(civil_local_minutes(utc_ms, cal_utc_offset(cal)), buf, cap),
                     0);
}

static struct rule rule_of(enum rule_unit unit, int amount)
{
    struct rule r;
    memset(&r, 0, sizeof(r));
    r.unit = unit;
    r.amount = amount;
    return r;
}

struct due_case {
    enum rule_unit unit;
    int amount;
    const char *from; /* office time */
    const char *due;  /* office time, "YYYY-MM-DD HH:MM" */
    int unknown_year; /* the one unknown year expected, or 0 */
    const char *why;
};

static void run_cases(struct calendar *cal, const struct due_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct due_case *c = &cases[i];
        struct rule r = rule_of(c->unit, c->amount);
        struct due_result res;
        int rc = due_compute(cal, &r, local_ms(cal, c->from), &res);
        if (rc != 0)
            fail_msg("%s: %d %s from %s: error %d", c->why, c->amount, rule_unit_name(c->unit),
                     c->from, rc);
        char got[32];
        format_local(cal, res.due_ms, got, sizeof(got));
        if (strcmp(got, c->due) != 0)
            fail_msg("%s: %d %s from %s: due %s, wanted %s", c->why, c->amount,
                     rule_unit_name(c->unit), c->from, got, c->due);
        int want_count = c->unknown_year ? 1 : 0;
        if (res.unknown_year_count != want_count ||
            (want_count && res.unknown_years[0] != c->unknown_year))
            fail_msg("%s: from %s: %d unknown years (first %d), wanted %d", c->why, c->from,
                     res.unknown_year_count, res.unknown_year_count ? res.unknown_years[0] : 0,
                     c->unknown_year);
    }
}

/* --- working minutes and hours -------------------------------------------- */

static const struct due_case working_time_cases[] = {
    /* The worked example of docs/service-rules.md. */
    {HRS, 3, "2026-01-09T15:55", "2026-01-12 09:55", 0, "Friday 15:55: 35 min, then Monday"},
    {HRS, 3, "2026-01-12T06:00", "2026-01-12 10:30", 0, "before opening counts from 07:30"},
    {HRS, 3, "2026-01-12T00:00", "2026-01-12 10:30", 0, "midnight counts from opening"},
    {HRS, 3, "2026-01-12T07:29", "2026-01-12 10:30", 0, "a minute before opening"},
    {HRS, 3, "2026-01-12T07:30", "2026-01-12 10:30", 0, "exactly at opening"},
    {HRS, 3, "2026-01-12T07:31", "2026-01-12 10:31", 0, "a minute after opening"},
    {HRS, 3, "2026-01-12T13:00", "2026-01-12 16:00", 0, "ends exactly at closing"},
    {HRS, 3, "2026-01-12T13:01", "2026-01-13 07:31", 0, "one minute spills to Tuesday"},
    {HRS, 3, "2026-01-12T15:59", "2026-01-13 10:29", 0, "a minute before closing"},
    {HRS, 3, "2026-01-12T16:00", "2026-01-13 10:30", 0, "exactly at closing is after hours"},
    {HRS, 3, "2026-01-12T20:00", "2026-01-13 10:30", 0, "evening: next opening"},
    {HRS, 3, "2026-01-12T23:59", "2026-01-13 10:30", 0, "last minute of the day"},
    {HRS, 3, "2026-01-09T16:29", "2026-01-12 10:29", 0, "Friday closes at 16:30"},
    {HRS, 3, "2026-01-09T16:30", "2026-01-12 10:30", 0, "Friday exactly at closing"},
    {HRS, 3, "2026-01-10T10:00", "2026-01-12 10:30", 0, "Saturday: Monday's opening"},
    {HRS, 3, "2026-01-11T23:59", "2026-01-12 10:30", 0, "Sunday night"},
    {HRS, 3, "2026-01-01T09:00", "2026-01-02 10:30", 0, "on New Year's Day (holiday)"},
    {HRS, 3, "2026-01-15T15:00", "2026-01-19 09:30", 0, "Friday 16 Jan is Isra Mikraj"},
    {HRS, 3, "2026-02-13T15:00", "2026-02-18 09:00", 0, "Imlek: cuti bersama Mon, holiday Tue"},
    {HRS, 3, "2026-03-17T15:55", "2026-03-25 10:25", 0, "Idul Fitri 2026: closed 18-24 March"},
    {HRS, 3, "2026-03-18T09:00", "2026-03-25 10:30", 0, "filed on cuti bersama (Nyepi)"},
    {HRS, 3, "2026-03-21T09:00", "2026-03-25 10:30", 0, "filed on Idul Fitri (a Saturday)"},
    {HRS, 3, "2026-03-24T16:10", "2026-03-25 10:30", 0, "last day of cuti bersama"},
    {HRS, 3, "2025-12-31T14:00", "2026-01-02 08:30", 0, "across the new year 2025 to 2026"},
    {HRS, 3, "2025-12-24T15:00", "2025-12-29 09:30", 0, "Christmas and cuti bersama 2025"},
    {HRS, 3, "2025-03-27T15:00", "2025-04-08 09:30", 0, "Nyepi and Idul Fitri 2025"},
    {HRS, 5, "2026-01-12T12:00", "2026-01-13 08:30", 0, "5 working hours"},
    {HRS, 1000, "2026-01-05T07:30", "2026-07-08 11:00", 0, "the largest amount of hours"},
    {HRS, 3, "2026-12-31T15:00", "2027-01-01 09:30", 2027, "into 2027: only weekends closed"},
    {HRS, 3, "2026-12-31T20:00", "2027-01-01 10:30", 2027, "after closing on 31 Dec 2026"},
    {MIN, 15, "2026-01-12T10:00", "2026-01-12 10:15", 0, "15 minutes inside hours"},
    {MIN, 15, "2026-01-12T15:45", "2026-01-12 16:00", 0, "15 minutes ending at closing"},
    {MIN, 15, "2026-01-12T15:50", "2026-01-13 07:35", 0, "10 today, 5 tomorrow"},
    {MIN, 15, "2026-01-09T16:20", "2026-01-12 07:35", 0, "Friday 16:20 to Monday"},
    {MIN, 15, "2026-01-12T05:00", "2026-01-12 07:45", 0, "before opening"},
    {MIN, 1, "2026-01-12T15:59", "2026-01-12 16:00", 0, "the last working minute"},
    {MIN, 1, "2026-01-12T16:00", "2026-01-13 07:31", 0, "one minute at closing"},
};

static void test_working_time(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    run_cases(cal, working_time_cases, sizeof(working_time_cases) / sizeof(working_time_cases[0]));
    cal_free(cal);
}

/* --- working days ------------------------------------------------------------- */

static const struct due_case working_day_cases[] = {
    {WD, 5, "2026-01-05T10:00", "2026-01-12 16:00", 0, "Monday: five days later"},
    {WD, 5, "2026-01-05T06:00", "2026-01-12 16:00", 0, "before opening: same day 0"},
    {WD, 5, "2026-01-05T07:30", "2026-01-12 16:00", 0, "exactly at opening"},
    {WD, 5, "2026-01-05T15:59", "2026-01-12 16:00", 0, "a minute before closing"},
    {WD, 5, "2026-01-05T16:00", "2026-01-13 16:00", 0, "exactly at closing: day 0 Tuesday"},
    {WD, 5, "2026-01-05T22:00", "2026-01-13 16:00", 0, "evening: day 0 Tuesday"},
    {WD, 5, "2026-01-02T10:00", "2026-01-09 16:30", 0, "due on a Friday: closes 16:30"},
    {WD, 5, "2026-01-09T10:00", "2026-01-19 16:00", 0, "skips Isra Mikraj on Friday 16th"},
    {WD, 5, "2026-01-10T10:00", "2026-01-20 16:00", 0, "Saturday: day 0 is Monday"},
    {WD, 5, "2026-01-12T10:00", "2026-01-20 16:00", 0, "a holiday inside the count"},
    {WD, 5, "2026-03-17T10:00", "2026-03-31 16:00", 0, "across Idul Fitri 2026"},
    {WD, 5, "2026-03-19T10:00", "2026-04-01 16:00", 0, "filed on Nyepi"},
    {WD, 5, "2026-05-13T10:00", "2026-05-22 16:30", 0, "Ascension and cuti bersama"},
    {WD, 5, "2025-12-22T10:00", "2025-12-31 16:00", 0, "Christmas 2025"},
    {WD, 5, "2025-12-23T10:00", "2026-01-02 16:30", 0, "across the new year"},
    {WD, 1, "2026-01-05T10:00", "2026-01-06 16:00", 0, "one working day"},
    {WD, 14, "2026-01-05T10:00", "2026-01-26 16:00", 0, "14 working days"},
    {WD, 60, "2026-01-05T10:00", "2026-04-10 16:30", 0, "60 working days"},
    {WD, 60, "2026-03-02T09:00", "2026-06-10 16:00", 0, "60 working days over Idul Fitri"},
    {WD, 60, "2026-10-01T10:00", "2026-12-28 16:00", 0, "60 days ending just inside 2026"},
    {WD, 5, "2026-12-28T10:00", "2027-01-04 16:00", 2027, "into 2027: 1 Jan counted"},
    {WD, 60, "2026-11-02T10:00", "2027-01-27 16:00", 2027, "60 days into 2027"},
};

static void test_working_days(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    run_cases(cal, working_day_cases, sizeof(working_day_cases) / sizeof(working_day_cases[0]));
    cal_free(cal);
}

/* --- calendar days (the reply letter) -------------------------------------- */

static const struct due_case calendar_day_cases[] = {
    {CD, 3, "2026-01-05T10:00", "2026-01-08 16:00", 0, "Monday: Thursday at closing"},
    {CD, 3, "2026-01-05T06:00", "2026-01-08 16:00", 0, "before opening"},
    {CD, 3, "2026-01-05T16:00", "2026-01-09 16:30", 0, "at closing: from Tuesday"},
    {CD, 3, "2026-01-05T17:00", "2026-01-09 16:30", 0, "after closing: from Tuesday"},
    {CD, 3, "2026-01-09T10:00", "2026-01-12 16:00", 0, "Friday: Monday"},
    {CD, 3, "2026-01-08T10:00", "2026-01-12 16:00", 0, "lands on Sunday: moves to Monday"},
    {CD, 3, "2026-01-07T10:00", "2026-01-12 16:00", 0, "lands on Saturday: moves to Monday"},
    {CD, 3, "2026-01-10T10:00", "2026-01-15 16:00", 0, "Saturday: day 0 is Monday"},
    {CD, 3, "2026-01-13T10:00", "2026-01-19 16:00", 0, "lands on Isra Mikraj Friday"},
    {CD, 3, "2026-03-16T10:00", "2026-03-25 16:00", 0, "lands in Idul Fitri: after it"},
    {CD, 3, "2026-03-20T10:00", "2026-03-30 16:00", 0, "filed on cuti bersama"},
    {CD, 3, "2025-12-30T10:00", "2026-01-02 16:30", 0, "across the new year"},
    {CD, 3, "2026-12-30T10:00", "2027-01-04 16:00", 2027, "lands on 2 Jan 2027 (Saturday)"},
    {CD, 1, "2026-12-31T10:00", "2027-01-01 16:30", 2027, "1 Jan 2027 unknown: open"},
};

static void test_calendar_days(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    run_cases(cal, calendar_day_cases, sizeof(calendar_day_cases) / sizeof(calendar_day_cases[0]));
    cal_free(cal);
}

/* --- other office hours ------------------------------------------------------- */

static const struct due_case saturday_cases[] = {
    {HRS, 3, "2026-01-09T15:55", "2026-01-10 10:25", 0, "Saturday open 08:00-12:00"},
    {HRS, 3, "2026-01-10T11:00", "2026-01-12 09:30", 0, "one hour on Saturday"},
    {HRS, 3, "2026-03-17T15:55", "2026-03-25 10:25", 0, "Idul Fitri Saturday stays closed"},
    {WD, 2, "2026-01-08T10:00", "2026-01-10 12:00", 0, "Saturday is a working day"},
    {CD, 3, "2026-01-07T10:00", "2026-01-10 12:00", 0, "lands on an open Saturday"},
};

static void test_saturday_open(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    assert_int_equal(cal_set_hours(cal, 5, 8 * 60, 12 * 60), 0);
    run_cases(cal, saturday_cases, sizeof(saturday_cases) / sizeof(saturday_cases[0]));
    cal_free(cal);
}

static const struct due_case short_week_cases[] = {
    /* Monday closed, Tuesday 08:00-12:00, the rest default. */
    {HRS, 3, "2026-01-09T15:55", "2026-01-13 10:25", 0, "Monday closed by the week"},
    {HRS, 5, "2026-01-13T10:00", "2026-01-14 10:30", 0, "a short Tuesday"},
    {WD, 1, "2026-01-12T10:00", "2026-01-14 16:00", 0, "filed on a closed Monday"},
    {WD, 1, "2026-01-13T12:00", "2026-01-15 16:00", 0, "Tuesday closes at 12:00"},
};

static void test_short_week(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    assert_int_equal(cal_set_hours(cal, 0, 0, 0), 0);
    assert_int_equal(cal_set_hours(cal, 1, 8 * 60, 12 * 60), 0);
    run_cases(cal, short_week_cases, sizeof(short_week_cases) / sizeof(short_week_cases[0]));
    cal_free(cal);
}

/* Open around the clock: the walk meets a closing time of 24:00. */
static void test_open_all_day(void **state)
{
    (void)state;
    struct calendar *cal = NULL;
    assert_int_equal(cal_new(&cal), 0);
    for (int wd = 0; wd < 7; wd++)
        assert_int_equal(cal_set_hours(cal, wd, 0, 1440), 0);
    struct rule r = rule_of(HRS, 3);
    struct due_result res;
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-12T22:00"), &res), 0);
    assert_int_equal(res.due_ms, local_ms(cal, "2026-01-13T01:00"));
    r = rule_of(WD, 1);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-12T22:00"), &res), 0);
    /* the close of Tuesday at 24:00 is the first instant of Wednesday */
    assert_int_equal(res.due_ms, local_ms(cal, "2026-01-14T00:00"));
    assert_int_equal(res.unknown_year_count, 1);
    assert_int_equal(res.unknown_years[0], 2026);
    cal_free(cal);
}

/* --- the fixed offset -------------------------------------------------------- */

/* 17 March 2026 15:55 WIB is 08:55 UTC; the due time 25 March 10:25 WIB
 * is 03:25 UTC, Unix time 1774409100. */
static void test_utc_instants(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    struct rule r = rule_of(HRS, 3);
    struct due_result res;
    int64_t from_ms = INT64_C(1773737700) * 1000; /* 2026-03-17T08:55:00Z */
    assert_int_equal(due_compute(cal, &r, from_ms, &res), 0);
    assert_int_equal(res.due_ms, INT64_C(1774409100) * 1000);
    int64_t utc_min;
    assert_int_equal(civil_parse_local_minutes("2026-03-25T03:25", &utc_min), 0);
    assert_int_equal(res.due_ms, civil_utc_ms(utc_min, 0));
    /* seconds of the receipt are dropped: 08:55:59.999 gives the same */
    assert_int_equal(due_compute(cal, &r, from_ms + 59999, &res), 0);
    assert_int_equal(res.due_ms, INT64_C(1774409100) * 1000);
    /* the due time is a whole minute */
    assert_int_equal(res.due_ms % 60000, 0);
    cal_free(cal);
}

/* WIB has no daylight saving, so an office at UTC+7 is exactly an office
 * at UTC+0 whose hours are 7 hours earlier: every due instant must agree,
 * including around the days other zones change their clocks. */
static void test_offset_is_a_pure_shift(void **state)
{
    (void)state;
    struct calendar *wib = shipped();
    struct calendar *utc = shipped();
    assert_int_equal(cal_set_utc_offset(utc, 0), 0);
    for (int wd = 0; wd < 7; wd++) {
        struct cal_hours h = cal_hours(wib, wd);
        if (h.open_min < h.close_min)
            assert_int_equal(cal_set_hours(utc, wd, h.open_min - 420, h.close_min - 420), 0);
    }
    static const struct {
        enum rule_unit unit;
        int amount;
    } rules[] = {{MIN, 15}, {HRS, 3}, {WD, 5}, {WD, 60}, {CD, 3}};
    static const char *const starts[] = {
        "2026-03-06T00:00", /* a week before US clocks change (8 March) */
        "2026-03-26T00:00", /* around the EU change (29 March) */
        "2026-10-22T00:00", /* around the EU change back (25 October) */
        "2025-12-29T00:00", /* the turn of the year */
    };
    int compared = 0;
    for (size_t s = 0; s < sizeof(starts) / sizeof(starts[0]); s++) {
        int64_t t0;
        assert_int_equal(civil_parse_local_minutes(starts[s], &t0), 0);
        /* every 37 minutes for 12 days, in office (WIB) time */
        for (int64_t m = 0; m < 12 * 1440; m += 37) {
            int64_t from_ms = civil_utc_ms(t0 + m, 420);
            for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
                struct rule rule = rule_of(rules[r].unit, rules[r].amount);
                struct due_result a, b;
                assert_int_equal(due_compute(wib, &rule, from_ms, &a), 0);
                assert_int_equal(due_compute(utc, &rule, from_ms, &b), 0);
                if (a.due_ms != b.due_ms)
                    fail_msg("%s + %lld min, %d %s: %lld vs %lld", starts[s], (long long)m,
                             rule.amount, rule_unit_name(rule.unit), (long long)a.due_ms,
                             (long long)b.due_ms);
                compared++;
            }
        }
    }
    assert_true(compared > 7000);
    cal_free(wib);
    cal_free(utc);
}

/* The same wall-clock receipt in WITA (UTC+8) gives the same wall-clock
 * due time, one hour earlier in UTC. */
static void test_other_zone(void **state)
{
    (void)state;
    struct calendar *wib = shipped();
    struct calendar *wita = shipped();
    assert_int_equal(cal_set_utc_offset(wita, 480), 0);
    struct rule r = rule_of(HRS, 3);
    struct due_result a, b;
    assert_int_equal(due_compute(wib, &r, local_ms(wib, "2026-03-17T15:55"), &a), 0);
    assert_int_equal(due_compute(wita, &r, local_ms(wita, "2026-03-17T15:55"), &b), 0);
    char text[32];
    format_local(wita, b.due_ms, text, sizeof(text));
    assert_string_equal(text, "2026-03-25 10:25");
    assert_int_equal(a.due_ms - b.due_ms, 60 * 60000);
    cal_free(wib);
    cal_free(wita);
}

/* --- leap years and unknown years ------------------------------------------ */

static void test_leap_day(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    struct cal_error err;
    const char *y2028 = "year = 2028\n";
    assert_int_equal(cal_load_year(cal, y2028, strlen(y2028), 0, &err), 0);
    static const struct due_case cases[] = {
        {CD, 3, "2028-02-28T10:00", "2028-03-02 16:00", 0, "29 Feb 2028 is a day"},
        {WD, 1, "2028-02-28T10:00", "2028-02-29 16:00", 0, "29 Feb 2028 is a Tuesday"},
        {HRS, 3, "2028-02-28T15:00", "2028-02-29 09:30", 0, "hours over the leap day"},
        {CD, 3, "2027-02-26T10:00", "2027-03-01 16:00", 2027, "2027 has no 29 Feb"},
    };
    run_cases(cal, cases, sizeof(cases) / sizeof(cases[0]));
    cal_free(cal);
}

static void test_unknown_years_listed(void **state)
{
    (void)state;
    struct calendar *cal = NULL;
    assert_int_equal(cal_new(&cal), 0);
    struct rule r = rule_of(WD, RULE_AMOUNT_MAX);
    struct due_result res;
    /* no year known at all: 1000 working days from 2026 reach 2029 */
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-05T10:00"), &res), 0);
    assert_int_equal(res.unknown_year_count, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(res.unknown_years[i], 2026 + i);

    /* known years are left out, and the list stays ascending */
    load_asset_year(cal, 2026);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2025-12-31T10:00"), &res), 0);
    assert_int_equal(res.unknown_year_count, 4);
    assert_int_equal(res.unknown_years[0], 2025);
    assert_int_equal(res.unknown_years[1], 2027);
    assert_int_equal(res.unknown_years[2], 2028);
    assert_int_equal(res.unknown_years[3], 2029);

    /* a receipt after closing on 31 Dec of an unknown year names that year */
    r = rule_of(HRS, 1);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2025-12-31T20:00"), &res), 0);
    assert_int_equal(res.unknown_year_count, 1);
    assert_int_equal(res.unknown_years[0], 2025);
    cal_free(cal);
}

/* --- errors ------------------------------------------------------------------ */

static void test_every_day_closed(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    for (int wd = 0; wd < 7; wd++)
        assert_int_equal(cal_set_hours(cal, wd, 0, 0), 0);
    static const enum rule_unit units[] = {MIN, HRS, WD, CD};
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        struct rule r = rule_of(units[i], 1);
        struct due_result res = {.due_ms = 42};
        assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-05T10:00"), &res), -ERANGE);
        assert_int_equal(res.due_ms, 42); /* untouched on error */
    }
    cal_free(cal);
}

/* Open one minute a week: 1000 working minutes would take 19 years, past
 * the bound, so the answer is an error and not a long walk. */
static void test_walk_bound(void **state)
{
    (void)state;
    struct calendar *cal = NULL;
    assert_int_equal(cal_new(&cal), 0);
    for (int wd = 0; wd < 7; wd++)
        assert_int_equal(cal_set_hours(cal, wd, 0, 0), 0);
    assert_int_equal(cal_set_hours(cal, 0, 450, 451), 0);
    struct due_result res;
    struct rule r = rule_of(MIN, RULE_AMOUNT_MAX);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-05T10:00"), &res), -ERANGE);
    r = rule_of(WD, RULE_AMOUNT_MAX);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-05T10:00"), &res), -ERANGE);
    /* 500 weeks fit in the bound: Monday 07:31, 500 weeks later */
    r = rule_of(MIN, 500);
    assert_int_equal(due_compute(cal, &r, local_ms(cal, "2026-01-05T10:00"), &res), 0);
    char text[32];
    format_local(cal, res.due_ms, text, sizeof(text));
    assert_string_equal(text, "2035-08-06 07:31");
    assert_true(res.unknown_year_count <= DUE_UNKNOWN_YEARS_MAX);
    cal_free(cal);
}

static void test_bad_rules(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    struct due_result res;
    int64_t t = local_ms(cal, "2026-01-05T10:00");
    struct rule r = rule_of(HRS, 0);
    assert_int_equal(due_compute(cal, &r, t, &res), -EINVAL);
    r = rule_of(HRS, RULE_AMOUNT_MAX + 1);
    assert_int_equal(due_compute(cal, &r, t, &res), -EINVAL);
    r = rule_of(HRS, -5);
    assert_int_equal(due_compute(cal, &r, t, &res), -EINVAL);
    r = rule_of(RULE_UNIT_COUNT, 3);
    assert_int_equal(due_compute(cal, &r, t, &res), -EINVAL);
    r = rule_of(HRS, 3);
    assert_int_equal(due_compute(NULL, &r, t, &res), -EINVAL);
    assert_int_equal(due_compute(cal, NULL, t, &res), -EINVAL);
    cal_free(cal);
}

static void test_time_range(void **state)
{
    (void)state;
    struct calendar *cal = shipped();
    struct rule r = rule_of(HRS, 3);
    struct due_result res;
    /* before 1970 in office time */
    assert_int_equal(due_compute(cal, &r, -INT64_C(8) * 3600 * 1000, &res), -ERANGE);
    assert_int_equal(due_compute(cal, &r, INT64_MIN, &res), -ERANGE);
    assert_int_equal(due_compute(cal, &r, INT64_MAX, &res), -ERANGE);
    /* the first office minute of 1970 is fine */
    assert_int_equal(due_compute(cal, &r, civil_utc_ms(0, 420), &res), 0);
    cal_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_working_time),         cmocka_unit_test(test_working_days),
        cmocka_unit_test(test_calendar_days),        cmocka_unit_test(test_saturday_open),
        cmocka_unit_test(test_short_week),           cmocka_unit_test(test_open_all_day),
        cmocka_unit_test(test_utc_instants),         cmocka_unit_test(test_offset_is_a_pure_shift),
        cmocka_unit_test(test_other_zone),           cmocka_unit_test(test_leap_day),
        cmocka_unit_test(test_unknown_years_listed), cmocka_unit_test(test_every_day_closed),
        cmocka_unit_test(test_walk_bound),           cmocka_unit_test(test_bad_rules),
        cmocka_unit_test(test_time_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
