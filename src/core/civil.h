/*
 * civil — calendar dates and office-local clock time, with no time zone
 * database and no global state.
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar; weekdays are ISO (0 = Monday … 6 = Sunday). Office time is UTC
 * plus a fixed offset in minutes: Indonesia's zones (WIB +7, WITA +8,
 * WIT +9) have kept the same offset without daylight saving since 1988, so
 * a fixed offset is exact for every date the kiosk meets.
 */
#ifndef SERAMBI_CORE_CIVIL_H
#define SERAMBI_CORE_CIVIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CIVIL_MS_PER_MIN  INT64_C(60000)
#define CIVIL_MIN_PER_DAY 1440

struct civil_date {
    int year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
};

/* Days since 1970-01-01 of a valid date. */
int64_t civil_days_from_date(struct civil_date d);
/* The date of a day number. */
struct civil_date civil_date_from_days(int64_t days);
/* 0 = Monday … 6 = Sunday. */
int civil_weekday(int64_t days);
bool civil_is_leap(int year);
int civil_days_in_month(int year, int month);
bool civil_date_valid(struct civil_date d);

/* Parses exactly "YYYY-MM-DD". Returns 0 or -EINVAL; *out written on success. */
int civil_parse_date(const char *s, struct civil_date *out);
/* Parses exactly "YYYY-MM-DDTHH:MM" (also accepts a space for the T) as
 * minutes since 1970-01-01 00:00 on the office's wall clock. 0 or -EINVAL. */
int civil_parse_local_minutes(const char *s, int64_t *local_min);
/* Parses "HH:MM" (00:00..24:00) as minutes after midnight. 0 or -EINVAL. */
int civil_parse_hhmm(const char *s, int *minutes);

/* Office wall-clock minutes for a UTC instant, and back. Floors toward the
 * past, so 07:29:59 is minute 07:29. */
int64_t civil_local_minutes(int64_t utc_ms, int utc_offset_min);
int64_t civil_utc_ms(int64_t local_min, int utc_offset_min);

/* The office day (local date) of a UTC instant as a day number. */
int64_t civil_office_day(int64_t utc_ms, int utc_offset_min);

/* Formats "YYYY-MM-DD" (cap >= 11) and "YYYY-MM-DD HH:MM" (cap >= 17) of
 * local minutes. Return 0 or -ENOSPC. */
int civil_format_date(int64_t days, char *buf, size_t cap);
int civil_format_local(int64_t local_min, char *buf, size_t cap);

#endif
