/*
 * calendar — weekly hours, offset and per-year holidays; see calendar.h.
 *
 * Holidays are kept in one array sorted by day so that a lookup is a binary
 * search: a due-time walk asks about every day it passes. A year file is
 * parsed into a scratch list first and merged only when the whole file is
 * good, so a broken file never leaves half a year behind.
 */
#include "core/calendar.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/text.h"

#define DAYS_IN_YEAR_MAX 366

struct calendar {
    struct cal_hours week[7];
    int utc_offset_min;
    int *years; /* ascending */
    size_t year_count;
    struct cal_holiday *holidays; /* ascending by day, no two on one day */
    size_t holiday_count;
};

static const char *const kind_names[CAL_DAY_KIND_COUNT] = {"nasional", "cuti-bersama"};

const char *cal_kind_name(enum cal_day_kind kind)
{
    return ((int)kind >= 0 && kind < CAL_DAY_KIND_COUNT) ? kind_names[kind] : NULL;
}

int cal_kind_parse(const char *name, enum cal_day_kind *out)
{
    if (!name)
        return -EINVAL;
    for (int i = 0; i < CAL_DAY_KIND_COUNT; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (enum cal_day_kind)i;
            return 0;
        }
    }
    return -EINVAL;
}

int cal_new(struct calendar **out)
{
    struct calendar *cal = calloc(1, sizeof(*cal));
    if (!cal)
        return -ENOMEM;
    const int open = 7 * 60 + 30;
    for (int wd = 0; wd < 4; wd++)
        cal->week[wd] = (struct cal_hours){open, 16 * 60};
    cal->week[4] = (struct cal_hours){open, 16 * 60 + 30};
    /* Saturday and Sunday stay 0–0 from calloc: closed. */
    cal->utc_offset_min = CAL_DEFAULT_UTC_OFFSET_MIN;
    *out = cal;
    return 0;
}

void cal_free(struct calendar *cal)
{
    if (!cal)
        return;
    free(cal->years);
    free(cal->holidays);
    free(cal);
}

int cal_set_hours(struct calendar *cal, int weekday, int open_min, int close_min)
{
    if (weekday < 0 || weekday > 6 || open_min < 0 || close_min > CIVIL_MIN_PER_DAY ||
        open_min > close_min)
        return -EINVAL;
    if (open_min == close_min)
        open_min = close_min = 0;
    cal->week[weekday] = (struct cal_hours){open_min, close_min};
    return 0;
}

struct cal_hours cal_hours(const struct calendar *cal, int weekday)
{
    if (weekday < 0 || weekday > 6)
        return (struct cal_hours){0, 0};
    return cal->week[weekday];
}

int cal_set_utc_offset(struct calendar *cal, int utc_offset_min)
{
    if (utc_offset_min < CAL_UTC_OFFSET_MIN_MIN || utc_offset_min > CAL_UTC_OFFSET_MIN_MAX)
        return -EINVAL;
    cal->utc_offset_min = utc_offset_min;
    return 0;
}

int cal_utc_offset(const struct calendar *cal)
{
    return cal->utc_offset_min;
}

bool cal_year_known(const struct calendar *cal, int year)
{
    for (size_t i = 0; i < cal->year_count; i++)
        if (cal->years[i] == year)
            return true;
    return false;
}

size_t cal_year_count(const struct calendar *cal)
{
    return cal->year_count;
}

int cal_year_at(const struct calendar *cal, size_t i)
{
    return i < cal->year_count ? cal->years[i] : 0;
}

const struct cal_holiday *cal_holiday_on(const struct calendar *cal, int64_t day)
{
    size_t lo = 0, hi = cal->holiday_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t d = cal->holidays[mid].day;
        if (d == day)
            return &cal->holidays[mid];
        if (d < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t cal_holiday_count(const struct calendar *cal)
{
    return cal->holiday_count;
}

const struct cal_holiday *cal_holiday_at(const struct calendar *cal, size_t i)
{
    return i < cal->holiday_count ? &cal->holidays[i] : NULL;
}

struct cal_hours cal_day_hours(const struct calendar *cal, int64_t day)
{
    if (cal_holiday_on(cal, day))
        return (struct cal_hours){0, 0};
    return cal->week[civil_weekday(day)];
}

bool cal_is_working_day(const struct calendar *cal, int64_t day)
{
    struct cal_hours h = cal_day_hours(cal, day);
    return h.open_min < h.close_min;
}

/* --- year files ----------------------------------------------------------- */

static int fail(struct cal_error *err, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct cal_error *err, int line, const char *fmt, ...)
{
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return -EINVAL;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

struct year_parse {
    int year; /* 0 until the `year =` line */
    int year_line;
    struct cal_holiday *days; /* DAYS_IN_YEAR_MAX entries */
    size_t count;
    int line_of[DAYS_IN_YEAR_MAX]; /* line that named each day of the year, 0 = none */
};

static int parse_year_line(struct year_parse *yp, char *s, int line, int expect_year,
                           struct cal_error *err)
{
    char *p = s + 4; /* past "year" */
    while (is_blank(*p))
        p++;
    if (*p != '=')
        return fail(err, line, "expected 'year = YYYY'");
    p++;
    while (is_blank(*p))
        p++;
    struct civil_date jan1 = {0, 1, 1};
    bool digits = strlen(p) == 4;
    for (int i = 0; digits && i < 4; i++) {
        digits = p[i] >= '0' && p[i] <= '9';
        jan1.year = jan1.year * 10 + (p[i] - '0');
    }
    if (!digits || !civil_date_valid(jan1))
        return fail(err, line, "expected 'year = YYYY' with a year from 1970 to 9999, not '%.20s'",
                    p);
    if (yp->year)
        return fail(err, line, "a second 'year' line (the first is on line %d)", yp->year_line);
    if (expect_year > 0 && jan1.year != expect_year)
        return fail(err, line, "'year = %d' does not match %d, the year expected for this file",
                    jan1.year, expect_year);
    yp->year = jan1.year;
    yp->year_line = line;
    return 0;
}

static int parse_day_line(struct year_parse *yp, char *s, int line, struct cal_error *err)
{
    static const char shape[] = "expected 'YYYY-MM-DD  nasional|cuti-bersama  Name'";
    char date_text[11];
    struct civil_date date;
    size_t date_len = strcspn(s, " \t");
    if (date_len != 10)
        return fail(err, line, "%s", shape);
    memcpy(date_text, s, 10);
    date_text[10] = '\0';
    if (civil_parse_date(date_text, &date))
        return fail(err, line, "'%s' is not a date; %s", date_text, shape);
    if (!yp->year)
        return fail(err, line, "a date before the 'year = YYYY' line");
    if (date.year != yp->year)
        return fail(err, line, "%s is not in %d, the year this file is for", date_text, yp->year);

    char *p = s + 10;
    while (is_blank(*p))
        p++;
    char *kind_text = p;
    size_t kind_len = strcspn(p, " \t");
    p += kind_len;
    bool has_name = false;
    if (*p) {
        *p++ = '\0';
        while (is_blank(*p))
            p++;
        has_name = *p != '\0';
    }
    enum cal_day_kind kind;
    if (kind_len == 0)
        return fail(err, line, "%s", shape);
    if (cal_kind_parse(kind_text, &kind))
        return fail(err, line, "unknown kind '%.32s': expected 'nasional' or 'cuti-bersama'",
                    kind_text);
    if (!has_name)
        return fail(err, line, "%s has no name; %s", date_text, shape);
    if (strlen(p) >= CAL_NAME_SIZE)
        return fail(err, line, "the name is longer than %d bytes", CAL_NAME_SIZE - 1);
    if (text_check(p, 0, NULL) != 0)
        return fail(err, line,
                    "the name is not UTF-8 text, or holds a control character (such as a tab) or a "
                    "direction override");

    int64_t day = civil_days_from_date(date);
    int64_t jan1 = civil_days_from_date((struct civil_date){date.year, 1, 1});
    int index = (int)(day - jan1);
    if (yp->line_of[index])
        return fail(err, line, "%s is listed twice (also on line %d)", date_text,
                    yp->line_of[index]);
    yp->line_of[index] = line;
    struct cal_holiday *h = &yp->days[yp->count++];
    h->day = day;
    h->kind = kind;
    snprintf(h->name, sizeof(h->name), "%s", p);
    return 0;
}

static int by_day(const void *a, const void *b)
{
    int64_t x = ((const struct cal_holiday *)a)->day;
    int64_t y = ((const struct cal_holiday *)b)->day;
    return (x > y) - (x < y);
}

static int parse_year(struct year_parse *yp, const char *text, size_t len, int expect_year,
                      struct cal_error *err)
{
    char buf[CAL_LINE_MAX + 1];
    size_t pos = 0;
    int line = 0;
    /* Editors on other systems may start the file with a byte-order mark. */
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        pos = 3;
    while (pos < len) {
        line++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - pos;
        if (n > CAL_LINE_MAX)
            return fail(err, line, "the line is longer than %d bytes", CAL_LINE_MAX);
        if (memchr(text + pos, '\0', n))
            return fail(err, line, "the line contains a NUL byte");
        memcpy(buf, text + pos, n);
        buf[n] = '\0';
        pos = end + 1;

        while (n > 0 && (is_blank(buf[n - 1]) || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        char *s = buf;
        while (is_blank(*s))
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        int rc;
        if (strncmp(s, "year", 4) == 0 && (is_blank(s[4]) || s[4] == '='))
            rc = parse_year_line(yp, s, line, expect_year, err);
        else
            rc = parse_day_line(yp, s, line, err);
        if (rc < 0)
            return rc;
    }
    if (!yp->year)
        return fail(err, 0, "the file does not say its year: add a line 'year = YYYY'");
    return 0;
}

int cal_load_year(struct calendar *cal, const char *text, size_t len, int expect_year,
                  struct cal_error *err)
{
    struct cal_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof(*err));

    int rc;
    struct year_parse *yp = calloc(1, sizeof(*yp));
    struct cal_holiday *merged = NULL;
    int *years = NULL;
    if (!yp || !(yp->days = calloc(DAYS_IN_YEAR_MAX, sizeof(*yp->days)))) {
        rc = -ENOMEM;
        goto out;
    }
    rc = parse_year(yp, text ? text : "", text ? len : 0, expect_year, err);
    if (rc < 0)
        goto out;
    if (cal_year_known(cal, yp->year)) {
        rc = -EEXIST;
        fail(err, yp->year_line, "year %d is loaded already (is there a second file for it?)",
             yp->year);
        goto out;
    }

    years = malloc((cal->year_count + 1) * sizeof(*years));
    merged = malloc((cal->holiday_count + yp->count + 1) * sizeof(*merged));
    if (!years || !merged) {
        rc = -ENOMEM;
        goto out;
    }
    size_t y = 0;
    while (y < cal->year_count && cal->years[y] < yp->year) {
        years[y] = cal->years[y];
        y++;
    }
    years[y] = yp->year;
    if (cal->year_count > y)
        memcpy(years + y + 1, cal->years + y, (cal->year_count - y) * sizeof(*years));
    if (cal->holiday_count)
        memcpy(merged, cal->holidays, cal->holiday_count * sizeof(*merged));
    if (yp->count)
        memcpy(merged + cal->holiday_count, yp->days, yp->count * sizeof(*merged));
    /* Years never overlap and duplicates were refused, so days stay unique. */
    qsort(merged, cal->holiday_count + yp->count, sizeof(*merged), by_day);

    free(cal->years);
    free(cal->holidays);
    cal->years = years;
    cal->year_count++;
    cal->holidays = merged;
    cal->holiday_count += yp->count;
    years = NULL;
    merged = NULL;
    rc = 0;
out:
    free(years);
    free(merged);
    if (yp)
        free(yp->days);
    free(yp);
    return rc;
}
