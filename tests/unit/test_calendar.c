/*
 * test_calendar — weekly hours, the offset, the year file parser (good
 * files, every kind of broken line, garbage), and the calendars we ship.
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

static int64_t day_of(const char *ymd)
{
    struct civil_date d;
    assert_int_equal(civil_parse_date(ymd, &d), 0);
    return civil_days_from_date(d);
}

static struct calendar *new_cal(void)
{
    struct calendar *cal = NULL;
    assert_int_equal(cal_new(&cal), 0);
    assert_non_null(cal);
    return cal;
}

static int load(struct calendar *cal, const char *text, struct cal_error *err)
{
    return cal_load_year(cal, text, strlen(text), 0, err);
}

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
    if (rc != 0)
        fail_msg("%s:%d: %s", path, err.line, err.message);
    free(text);
}

/* --- hours and offset ------------------------------------------------------ */

static void test_default_week(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    static const struct cal_hours want[7] = {
        {450, 960}, {450, 960}, {450, 960}, {450, 960}, {450, 990}, {0, 0}, {0, 0},
    };
    for (int wd = 0; wd < 7; wd++) {
        struct cal_hours h = cal_hours(cal, wd);
        assert_int_equal(h.open_min, want[wd].open_min);
        assert_int_equal(h.close_min, want[wd].close_min);
    }
    assert_int_equal(cal_utc_offset(cal), 420);
    assert_int_equal(cal_year_count(cal), 0);
    assert_int_equal(cal_holiday_count(cal), 0);
    assert_false(cal_year_known(cal, 2026));
    cal_free(cal);
}

static void test_set_hours(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    assert_int_equal(cal_set_hours(cal, 5, 8 * 60, 12 * 60), 0);
    assert_int_equal(cal_hours(cal, 5).open_min, 480);
    assert_int_equal(cal_hours(cal, 5).close_min, 720);
    /* open == close closes the day, stored as 0–0 */
    assert_int_equal(cal_set_hours(cal, 0, 600, 600), 0);
    assert_int_equal(cal_hours(cal, 0).open_min, 0);
    assert_int_equal(cal_hours(cal, 0).close_min, 0);
    /* the whole day */
    assert_int_equal(cal_set_hours(cal, 6, 0, 1440), 0);
    assert_int_equal(cal_hours(cal, 6).close_min, 1440);
    /* out-of-range weekday reads as closed */
    assert_int_equal(cal_hours(cal, 7).close_min, 0);
    assert_int_equal(cal_hours(cal, -1).close_min, 0);
    cal_free(cal);
}

static void test_set_hours_rejects(void **state)
{
    (void)state;
    static const int bad[][3] = {
        {-1, 450, 960}, {7, 450, 960}, {0, 960, 450}, {0, -1, 960}, {0, 450, 1441}, {0, 2000, 2000},
    };
    struct calendar *cal = new_cal();
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(cal_set_hours(cal, bad[i][0], bad[i][1], bad[i][2]), -EINVAL);
        /* nothing changed */
        assert_int_equal(cal_hours(cal, 0).open_min, 450);
        assert_int_equal(cal_hours(cal, 0).close_min, 960);
    }
    cal_free(cal);
}

static void test_utc_offset(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    assert_int_equal(cal_set_utc_offset(cal, 480), 0);
    assert_int_equal(cal_utc_offset(cal), 480);
    assert_int_equal(cal_set_utc_offset(cal, -720), 0);
    assert_int_equal(cal_set_utc_offset(cal, 840), 0);
    assert_int_equal(cal_set_utc_offset(cal, 841), -EINVAL);
    assert_int_equal(cal_set_utc_offset(cal, -721), -EINVAL);
    assert_int_equal(cal_utc_offset(cal), 840);
    cal_free(cal);
}

static void test_free_null(void **state)
{
    (void)state;
    cal_free(NULL);
}

static void test_kind_names(void **state)
{
    (void)state;
    enum cal_day_kind k;
    assert_string_equal(cal_kind_name(CAL_NATIONAL), "nasional");
    assert_string_equal(cal_kind_name(CAL_CUTI_BERSAMA), "cuti-bersama");
    assert_null(cal_kind_name(CAL_DAY_KIND_COUNT));
    assert_int_equal(cal_kind_parse("cuti-bersama", &k), 0);
    assert_int_equal(k, CAL_CUTI_BERSAMA);
    assert_int_equal(cal_kind_parse("nasional", &k), 0);
    assert_int_equal(k, CAL_NATIONAL);
    assert_int_equal(cal_kind_parse("Nasional", &k), -EINVAL);
    assert_int_equal(cal_kind_parse("", &k), -EINVAL);
    assert_int_equal(cal_kind_parse(NULL, &k), -EINVAL);
}

/* --- year files: good ------------------------------------------------------ */

static void test_empty_year_is_known(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "# nothing decided yet\nyear = 2030\n", &err), 0);
    assert_true(cal_year_known(cal, 2030));
    assert_false(cal_year_known(cal, 2029));
    assert_int_equal(cal_holiday_count(cal), 0);
    cal_free(cal);
}

static void test_good_file_layouts(void **state)
{
    (void)state;
    /* BOM, CRLF, tabs, indentation, trailing blanks, comments, no final newline */
    const char *text = "\xef\xbb\xbf# Libur 2026\r\n"
                       "\r\n"
                       "   year=2026   \r\n"
                       "2026-08-17\tnasional\tHari Kemerdekaan   \r\n"
                       "  # a comment between days\n"
                       "  2026-03-20   cuti-bersama   Cuti bersama Idul Fitri\n"
                       "2026-01-01 nasional Tahun Baru  # not a comment: part of the name";
    struct calendar *cal = new_cal();
    struct cal_error err;
    int rc = load(cal, text, &err);
    if (rc)
        fail_msg("line %d: %s", err.line, err.message);
    assert_true(cal_year_known(cal, 2026));
    assert_int_equal(cal_holiday_count(cal), 3);
    /* sorted by day whatever the order in the file */
    assert_int_equal(cal_holiday_at(cal, 0)->day, day_of("2026-01-01"));
    assert_int_equal(cal_holiday_at(cal, 1)->day, day_of("2026-03-20"));
    assert_int_equal(cal_holiday_at(cal, 2)->day, day_of("2026-08-17"));
    assert_null(cal_holiday_at(cal, 3));

    const struct cal_holiday *h = cal_holiday_on(cal, day_of("2026-08-17"));
    assert_non_null(h);
    assert_int_equal(h->kind, CAL_NATIONAL);
    assert_string_equal(h->name, "Hari Kemerdekaan");
    h = cal_holiday_on(cal, day_of("2026-03-20"));
    assert_non_null(h);
    assert_int_equal(h->kind, CAL_CUTI_BERSAMA);
    assert_string_equal(h->name, "Cuti bersama Idul Fitri");
    h = cal_holiday_on(cal, day_of("2026-01-01"));
    assert_string_equal(h->name, "Tahun Baru  # not a comment: part of the name");
    assert_null(cal_holiday_on(cal, day_of("2026-01-02")));
    cal_free(cal);
}

static void test_utf8_names_and_limits(void **state)
{
    (void)state;
    char text[1024];
    char name[CAL_NAME_SIZE];
    memset(name, 'x', CAL_NAME_SIZE - 1);
    name[CAL_NAME_SIZE - 1] = '\0';
    snprintf(text, sizeof(text),
             "year = 2026\n"
             "2026-05-31 nasional Hari Raya Waisak \xe2\x80\x94 Buddha P\xc5\xabrnim\xc4\x81\n"
             "2026-06-01 nasional %s\n",
             name);
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, text, &err), 0);
    assert_int_equal(strlen(cal_holiday_on(cal, day_of("2026-06-01"))->name), CAL_NAME_SIZE - 1);
    cal_free(cal);
}

static void test_leap_day(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "year = 2028\n2028-02-29 nasional Leap test\n", &err), 0);
    assert_non_null(cal_holiday_on(cal, day_of("2028-02-29")));
    assert_int_equal(load(cal, "year = 2027\n2027-02-29 nasional No such day\n", &err), -EINVAL);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "not a date"));
    assert_false(cal_year_known(cal, 2027));
    cal_free(cal);
}

static void test_years_merge_sorted(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "year = 2026\n2026-01-01 nasional A\n", &err), 0);
    assert_int_equal(load(cal, "year = 2024\n2024-12-25 nasional B\n", &err), 0);
    assert_int_equal(load(cal, "year = 2025\n2025-01-01 nasional C\n2025-12-25 nasional D\n", &err),
                     0);
    assert_int_equal(cal_year_count(cal), 3);
    assert_int_equal(cal_year_at(cal, 0), 2024);
    assert_int_equal(cal_year_at(cal, 1), 2025);
    assert_int_equal(cal_year_at(cal, 2), 2026);
    assert_int_equal(cal_year_at(cal, 3), 0);
    assert_int_equal(cal_holiday_count(cal), 4);
    for (size_t i = 1; i < cal_holiday_count(cal); i++)
        assert_true(cal_holiday_at(cal, i - 1)->day < cal_holiday_at(cal, i)->day);
    assert_string_equal(cal_holiday_on(cal, day_of("2025-12-25"))->name, "D");
    cal_free(cal);
}

static void test_same_year_twice(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "year = 2026\n2026-01-01 nasional A\n", &err), 0);
    assert_int_equal(load(cal, "# copy\nyear = 2026\n2026-01-02 nasional B\n", &err), -EEXIST);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "2026"));
    assert_int_equal(cal_holiday_count(cal), 1);
    assert_null(cal_holiday_on(cal, day_of("2026-01-02")));
    cal_free(cal);
}

static void test_expected_year(void **state)
{
    (void)state;
    const char *text = "year = 2026\n";
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(cal_load_year(cal, text, strlen(text), 2027, &err), -EINVAL);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "2027"));
    assert_false(cal_year_known(cal, 2026));
    assert_int_equal(cal_load_year(cal, text, strlen(text), 2026, &err), 0);
    assert_true(cal_year_known(cal, 2026));
    cal_free(cal);
}

/* A failed file changes nothing, even after some good lines. */
static void test_all_or_nothing(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "year = 2025\n2025-01-01 nasional A\n", &err), 0);
    assert_int_equal(load(cal,
                          "year = 2026\n2026-01-01 nasional A\n2026-01-16 nasional B\n"
                          "2026-13-01 nasional C\n",
                          &err),
                     -EINVAL);
    assert_int_equal(err.line, 4);
    assert_false(cal_year_known(cal, 2026));
    assert_int_equal(cal_holiday_count(cal), 1);
    assert_null(cal_holiday_on(cal, day_of("2026-01-16")));
    cal_free(cal);
}

static void test_day_hours(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, "year = 2026\n2026-03-19 nasional Nyepi\n", &err), 0);
    /* a Thursday holiday is closed */
    assert_false(cal_is_working_day(cal, day_of("2026-03-19")));
    assert_int_equal(cal_day_hours(cal, day_of("2026-03-19")).close_min, 0);
    /* the Friday after is open until 16:30 */
    assert_true(cal_is_working_day(cal, day_of("2026-03-20")));
    assert_int_equal(cal_day_hours(cal, day_of("2026-03-20")).close_min, 990);
    /* Saturday closed by the week */
    assert_false(cal_is_working_day(cal, day_of("2026-03-21")));
    /* an unknown year has no holidays: 1 Jan 2027 (a Friday) counts as open */
    assert_true(cal_is_working_day(cal, day_of("2027-01-01")));
    assert_false(cal_is_working_day(cal, day_of("2027-01-02")));
    cal_free(cal);
}

/* --- year files: broken ---------------------------------------------------- */

struct bad_case {
    const char *text;
    int line;
    const char *says; /* a fragment of the message */
};

static const struct bad_case bad_cases[] = {
    {"", 0, "year = YYYY"},
    {"# only a comment\n\n", 0, "does not say its year"},
    {"2026-01-01 nasional A\nyear = 2026\n", 1, "before the 'year"},
    {"year = 2026\nyear = 2026\n", 2, "second 'year'"},
    {"year = 2026\nyear = 2027\n", 2, "first is on line 1"},
    {"year = 26\n", 1, "year = YYYY"},
    {"year = 1969\n", 1, "1970"},
    {"year = 02026\n", 1, "year = YYYY"},
    {"year = 2026x\n", 1, "year = YYYY"},
    {"year = abcd\n", 1, "year = YYYY"},
    {"year = -202\n", 1, "year = YYYY"},
    {"year =\n", 1, "year = YYYY"},
    {"year 2026\n", 1, "expected 'year = YYYY'"},
    {"year: 2026\n", 1, "YYYY-MM-DD"},
    {"years = 2026\n", 1, "YYYY-MM-DD"},
    {"year = 2026\n2025-12-31 nasional Old\n", 2, "not in 2026"},
    {"year = 2026\n2027-01-01 nasional New\n", 2, "not in 2026"},
    {"year = 2026\n2026-02-30 nasional X\n", 2, "not a date"},
    {"year = 2026\n2026-00-10 nasional X\n", 2, "not a date"},
    {"year = 2026\n2026-1-01 nasional X\n", 2, "YYYY-MM-DD"},
    {"year = 2026\n26-01-01 nasional X\n", 2, "YYYY-MM-DD"},
    {"year = 2026\n2026/01/01 nasional X\n", 2, "not a date"},
    {"year = 2026\n2026-01-01nasional X\n", 2, "YYYY-MM-DD"},
    {"year = 2026\n2026-01-01\n", 2, "YYYY-MM-DD"},
    {"year = 2026\n2026-01-01   \n", 2, "YYYY-MM-DD"},
    {"year = 2026\n2026-01-01 nasional\n", 2, "has no name"},
    {"year = 2026\n2026-01-01 nasional   \t \n", 2, "has no name"},
    {"year = 2026\n2026-01-01 libur Tahun Baru\n", 2, "unknown kind 'libur'"},
    {"year = 2026\n2026-01-01 Nasional Tahun Baru\n", 2, "unknown kind"},
    {"year = 2026\n2026-01-01 cuti_bersama X\n", 2, "unknown kind"},
    {"year = 2026\n2026-01-01 nasional A\n\n2026-01-01 cuti-bersama B\n", 4,
     "listed twice (also on line 2)"},
    {"year = 2026\n2026-01-01 nasional bad \xff byte\n", 2, "UTF-8"},
    {"year = 2026\n2026-01-01 nasional overlong \xc0\xaf\n", 2, "UTF-8"},
    {"year = 2026\n2026-01-01 nasional surrogate \xed\xa0\x80\n", 2, "UTF-8"},
    {"year = 2026\n2026-01-01 nasional cut \xe2\x80\n", 2, "UTF-8"},
    {"year = 2026\n2026-01-01 nasional bell \x07\n", 2, "UTF-8"},
    {"year = 2026\n2026-01-01 nasional Tahun\tBaru\n", 2, "control character"},
    {"year = 2026\n2026-01-01 nasional abc\xe2\x80\xae reversed\n", 2, "direction override"},
    {"year = 2026\n2026-01-01 nasional A\n2026-01-02 nasional esc \x1b[31m\n", 3, "UTF-8"},
    {"[calendar]\nyear = 2026\n", 1, "YYYY-MM-DD"},
    {"year = 2026\nfoo\n", 2, "YYYY-MM-DD"},
};

static void test_bad_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const struct bad_case *c = &bad_cases[i];
        struct calendar *cal = new_cal();
        struct cal_error err;
        int rc = load(cal, c->text, &err);
        if (rc != -EINVAL || err.line != c->line || !strstr(err.message, c->says))
            fail_msg("case %zu: rc %d, line %d, '%s'; wanted line %d saying '%s'", i, rc, err.line,
                     err.message, c->line, c->says);
        assert_int_equal(cal_year_count(cal), 0);
        assert_int_equal(cal_holiday_count(cal), 0);
        cal_free(cal);
    }
}

static void test_name_too_long(void **state)
{
    (void)state;
    char text[1024];
    char name[CAL_NAME_SIZE + 1];
    memset(name, 'x', CAL_NAME_SIZE);
    name[CAL_NAME_SIZE] = '\0';
    snprintf(text, sizeof(text), "year = 2026\n2026-01-01 nasional %s\n", name);
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(load(cal, text, &err), -EINVAL);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "longer"));
    cal_free(cal);
}

static void test_line_too_long(void **state)
{
    (void)state;
    char text[CAL_LINE_MAX + 64];
    int n = snprintf(text, sizeof(text), "year = 2026\n#");
    memset(text + n, 'c', CAL_LINE_MAX - 1);
    text[n + CAL_LINE_MAX - 1] = '\0';
    struct calendar *cal = new_cal();
    struct cal_error err;
    /* a comment of exactly CAL_LINE_MAX bytes is fine */
    assert_int_equal(load(cal, text, &err), 0);
    cal_free(cal);

    text[n + CAL_LINE_MAX - 1] = 'c';
    text[n + CAL_LINE_MAX] = '\0';
    cal = new_cal();
    assert_int_equal(load(cal, text, &err), -EINVAL);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "longer"));
    cal_free(cal);
}

static void test_nul_byte(void **state)
{
    (void)state;
    static const char text[] = "year = 2026\n2026-01-01 nasional A\0B\n";
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(cal_load_year(cal, text, sizeof(text) - 1, 0, &err), -EINVAL);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "NUL"));
    /* a NULL buffer is an empty file */
    assert_int_equal(cal_load_year(cal, NULL, 0, 0, NULL), -EINVAL);
    cal_free(cal);
}

/* The length given is what counts, not a NUL: the parser never reads past it. */
static void test_length_respected(void **state)
{
    (void)state;
    const char *text = "year = 2026\n2026-01-01 nasional A\n2026-01-02 nasional B\n";
    size_t cut = strlen("year = 2026\n2026-01-01 nasional A\n");
    char *copy = malloc(cut);
    assert_non_null(copy);
    memcpy(copy, text, cut); /* no NUL: ASan reports a read past the end */
    struct calendar *cal = new_cal();
    struct cal_error err;
    assert_int_equal(cal_load_year(cal, copy, cut, 0, &err), 0);
    assert_int_equal(cal_holiday_count(cal), 1);
    free(copy);
    cal_free(cal);
}

/* Deterministic garbage: random bytes, and good lines with random damage.
 * Each must be refused or accepted cleanly, never crash (ASan watches). */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_garbage(void **state)
{
    (void)state;
    static const char base[] = "# 2026\nyear = 2026\n2026-01-01  nasional  Tahun Baru\n"
                               "2026-03-20\tcuti-bersama\tCuti bersama Idul Fitri\n";
    uint32_t seed = 0x5e7a3b1u;
    int accepted = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t len;
        char buf[256];
        if (iter % 2) {
            len = next_rand(&seed) % sizeof(buf);
            for (size_t i = 0; i < len; i++)
                buf[i] = (char)(next_rand(&seed) & 0xff);
        } else {
            len = sizeof(base) - 1;
            memcpy(buf, base, len);
            int flips = 1 + (int)(next_rand(&seed) % 4);
            for (int f = 0; f < flips; f++)
                buf[next_rand(&seed) % len] = (char)(next_rand(&seed) & 0xff);
            len = next_rand(&seed) % (len + 1);
        }
        char *exact = malloc(len ? len : 1);
        assert_non_null(exact);
        memcpy(exact, buf, len);
        struct calendar *cal = new_cal();
        struct cal_error err;
        int rc = cal_load_year(cal, exact, len, 0, &err);
        assert_true(rc == 0 || rc == -EINVAL);
        if (rc == 0) {
            accepted++;
            assert_int_equal(cal_year_count(cal), 1);
            for (size_t i = 1; i < cal_holiday_count(cal); i++)
                assert_true(cal_holiday_at(cal, i - 1)->day < cal_holiday_at(cal, i)->day);
        } else {
            assert_true(err.line >= 0);
            assert_true(strlen(err.message) > 0);
            assert_int_equal(cal_year_count(cal), 0);
        }
        free(exact);
        cal_free(cal);
    }
    /* some damaged copies of the good file must still be good */
    assert_true(accepted > 0);
}

/* --- the calendars we ship ------------------------------------------------- */

struct shipped_day {
    const char *date;
    enum cal_day_kind kind;
};

static void check_shipped(int year, const struct shipped_day *days, size_t n, size_t nasional,
                          size_t cuti)
{
    struct calendar *cal = new_cal();
    load_asset_year(cal, year);
    assert_true(cal_year_known(cal, year));
    assert_int_equal(cal_holiday_count(cal), n);
    size_t counts[CAL_DAY_KIND_COUNT] = {0};
    for (size_t i = 0; i < cal_holiday_count(cal); i++)
        counts[cal_holiday_at(cal, i)->kind]++;
    assert_int_equal(counts[CAL_NATIONAL], nasional);
    assert_int_equal(counts[CAL_CUTI_BERSAMA], cuti);
    for (size_t i = 0; i < n; i++) {
        const struct cal_holiday *h = cal_holiday_on(cal, day_of(days[i].date));
        if (!h)
            fail_msg("%s is missing from %d.txt", days[i].date, year);
        if (h->kind != days[i].kind)
            fail_msg("%s has the wrong kind in %d.txt", days[i].date, year);
        assert_true(strlen(h->name) > 0);
    }
    cal_free(cal);
}

#define N CAL_NATIONAL
#define C CAL_CUTI_BERSAMA

static void test_shipped_2025(void **state)
{
    (void)state;
    static const struct shipped_day days[] = {
        {"2025-01-01", N}, {"2025-01-27", N}, {"2025-01-29", N}, {"2025-03-29", N},
        {"2025-03-31", N}, {"2025-04-01", N}, {"2025-04-18", N}, {"2025-04-20", N},
        {"2025-05-01", N}, {"2025-05-12", N}, {"2025-05-29", N}, {"2025-06-01", N},
        {"2025-06-06", N}, {"2025-06-27", N}, {"2025-08-17", N}, {"2025-09-05", N},
        {"2025-12-25", N}, {"2025-01-28", C}, {"2025-03-28", C}, {"2025-04-02", C},
        {"2025-04-03", C}, {"2025-04-04", C}, {"2025-04-07", C}, {"2025-05-13", C},
        {"2025-05-30", C}, {"2025-06-09", C}, {"2025-12-26", C},
    };
    check_shipped(2025, days, sizeof(days) / sizeof(days[0]), 17, 10);
}

static void test_shipped_2026(void **state)
{
    (void)state;
    static const struct shipped_day days[] = {
        {"2026-01-01", N}, {"2026-01-16", N}, {"2026-02-17", N}, {"2026-03-19", N},
        {"2026-03-21", N}, {"2026-03-22", N}, {"2026-04-03", N}, {"2026-04-05", N},
        {"2026-05-01", N}, {"2026-05-14", N}, {"2026-05-27", N}, {"2026-05-31", N},
        {"2026-06-01", N}, {"2026-06-16", N}, {"2026-08-17", N}, {"2026-08-25", N},
        {"2026-12-25", N}, {"2026-02-16", C}, {"2026-03-18", C}, {"2026-03-20", C},
        {"2026-03-23", C}, {"2026-03-24", C}, {"2026-05-15", C}, {"2026-05-28", C},
        {"2026-12-24", C},
    };
    check_shipped(2026, days, sizeof(days) / sizeof(days[0]), 17, 8);
}

#undef N
#undef C

/* The Idul Fitri week of 2026: closed from Wednesday 18 to Tuesday 24 March. */
static void test_shipped_idul_fitri_2026(void **state)
{
    (void)state;
    struct calendar *cal = new_cal();
    load_asset_year(cal, 2026);
    assert_true(cal_is_working_day(cal, day_of("2026-03-17")));
    for (int64_t day = day_of("2026-03-18"); day <= day_of("2026-03-24"); day++)
        assert_false(cal_is_working_day(cal, day));
    assert_true(cal_is_working_day(cal, day_of("2026-03-25")));
    assert_false(cal_year_known(cal, 2027));
    cal_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_week),
        cmocka_unit_test(test_set_hours),
        cmocka_unit_test(test_set_hours_rejects),
        cmocka_unit_test(test_utc_offset),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_empty_year_is_known),
        cmocka_unit_test(test_good_file_layouts),
        cmocka_unit_test(test_utf8_names_and_limits),
        cmocka_unit_test(test_leap_day),
        cmocka_unit_test(test_years_merge_sorted),
        cmocka_unit_test(test_same_year_twice),
        cmocka_unit_test(test_expected_year),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_day_hours),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_name_too_long),
        cmocka_unit_test(test_line_too_long),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_length_respected),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_shipped_2025),
        cmocka_unit_test(test_shipped_2026),
        cmocka_unit_test(test_shipped_idul_fitri_2026),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
