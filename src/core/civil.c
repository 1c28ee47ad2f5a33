/*
 * civil — Gregorian date arithmetic by day numbers (Howard Hinnant's
 * days-from-civil algorithm), so that no code path depends on the C
 * library's TZ environment or on localtime().
 */
#include "core/civil.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

bool civil_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int civil_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && civil_is_leap(year))
        return 29;
    return days[month - 1];
}

bool civil_date_valid(struct civil_date d)
{
    return d.year >= 1970 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= civil_days_in_month(d.year, d.month);
}

int64_t civil_days_from_date(struct civil_date d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t mp = (d.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct civil_date civil_date_from_days(int64_t days)
{
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    struct civil_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

int civil_weekday(int64_t days)
{
    /* 1970-01-01 was a Thursday (ISO 3). */
    int64_t w = (days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w;
}

static int parse_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -EINVAL;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int parse_date_prefix(const char *s, struct civil_date *out)
{
    struct civil_date d;
    if (parse_digits(s, 4, &d.year) || s[4] != '-' || parse_digits(s + 5, 2, &d.month) ||
        s[7] != '-' || parse_digits(s + 8, 2, &d.day))
        return -EINVAL;
    if (!civil_date_valid(d))
        return -EINVAL;
    *out = d;
    return 0;
}

int civil_parse_date(const char *s, struct civil_date *out)
{
    struct civil_date d;
    if (!s || strlen(s) != 10 || parse_date_prefix(s, &d))
        return -EINVAL;
    *out = d;
    return 0;
}

int civil_parse_hhmm(const char *s, int *minutes)
{
    int h, m;
    if (!s || strlen(s) != 5 || parse_digits(s, 2, &h) || s[2] != ':' || parse_digits(s + 3, 2, &m))
        return -EINVAL;
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -EINVAL;
    *minutes = h * 60 + m;
    return 0;
}

int civil_parse_local_minutes(const char *s, int64_t *local_min)
{
    struct civil_date d;
    int hm;
    if (!s || strlen(s) != 16 || parse_date_prefix(s, &d) || (s[10] != 'T' && s[10] != ' '))
        return -EINVAL;
    if (civil_parse_hhmm(s + 11, &hm) || hm >= CIVIL_MIN_PER_DAY)
        return -EINVAL;
    *local_min = civil_days_from_date(d) * CIVIL_MIN_PER_DAY + hm;
    return 0;
}

int64_t civil_local_minutes(int64_t utc_ms, int utc_offset_min)
{
    return floor_div(utc_ms, CIVIL_MS_PER_MIN) + utc_offset_min;
}

int64_t civil_utc_ms(int64_t local_min, int utc_offset_min)
{
    return (local_min - utc_offset_min) * CIVIL_MS_PER_MIN;
}

int64_t civil_office_day(int64_t utc_ms, int utc_offset_min)
{
    return floor_div(civil_local_minutes(utc_ms, utc_offset_min), CIVIL_MIN_PER_DAY);
}

/* Copies a formatted result out only when it fits, so that buf is never
 * left holding a cut-off date. */
static int copy_out(const char *tmp, int n, char *buf, size_t cap)
{
    if (n < 0 || (size_t)n >= cap)
        return -ENOSPC;
    memcpy(buf, tmp, (size_t)n + 1);
    return 0;
}

int civil_format_date(int64_t days, char *buf, size_t cap)
{
    struct civil_date d = civil_date_from_days(days);
    char tmp[48];
    int n = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.year, d.month, d.day);
    return copy_out(tmp, n, buf, cap);
}

int civil_format_local(int64_t local_min, char *buf, size_t cap)
{
    int64_t days = floor_div(local_min, CIVIL_MIN_PER_DAY);
    int64_t mins = local_min - days * CIVIL_MIN_PER_DAY;
    struct civil_date d = civil_date_from_days(days);
    char tmp[48];
    int n = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day,
                     (int)(mins / 60), (int)(mins % 60));
    return copy_out(tmp, n, buf, cap);
}
