/*
 * calendar — when the office is open: weekly office hours, the office's
 * fixed UTC offset, and the national holidays and cuti bersama of each
 * year, read from one plain-text file per year that staff can edit.
 *
 * The one idea: a year is either *known* (its file was loaded, even if it
 * lists no day) or unknown. An unknown year is never an error here; it
 * simply has no holidays, so only the weekly closed days count as closed.
 * Callers that compute due times report the unknown years they crossed
 * (see due.h), so that nobody trusts a date silently made without the
 * national calendar.
 *
 * Year file format (one file per year, UTF-8):
 *
 *     # comment lines start with '#'; blank lines are ignored
 *     year = 2026
 *     2026-01-01  nasional      Tahun Baru Masehi
 *     2026-02-16  cuti-bersama  Cuti bersama Tahun Baru Imlek
 *
 * The `year = YYYY` line comes before any date, exactly once; every date
 * belongs to that year and appears once. Days are office-local dates.
 */
#ifndef SERAMBI_CORE_CALENDAR_H
#define SERAMBI_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAL_DEFAULT_UTC_OFFSET_MIN 420 /* WIB, Asia/Pontianak */
#define CAL_UTC_OFFSET_MIN_MIN     (-720)
#define CAL_UTC_OFFSET_MIN_MAX     840
#define CAL_NAME_SIZE              128 /* bytes of a holiday's name, with the NUL */
#define CAL_LINE_MAX               512 /* bytes of one line of a year file */

struct calendar;

/* Opening hours of one day in office minutes after midnight. open_min ==
 * close_min means closed; a closed day is always stored as 0–0. */
struct cal_hours {
    int open_min;
    int close_min;
};

enum cal_day_kind {
    CAL_NATIONAL,     /* "nasional": a national holiday */
    CAL_CUTI_BERSAMA, /* "cuti-bersama": collective leave, offices closed */
    CAL_DAY_KIND_COUNT
};

struct cal_holiday {
    int64_t day; /* days since 1970-01-01, office-local date */
    enum cal_day_kind kind;
    char name[CAL_NAME_SIZE];
};

/* Where a year file is wrong: line is 1-based, 0 for the file as a whole. */
struct cal_error {
    int line;
    char message[192];
};

/* A new calendar with the default week (Mon–Thu 07:30–16:00,
 * Fri 07:30–16:30, Sat–Sun closed), offset +420 and no known year.
 * 0 or -ENOMEM; *out written on success. Free with cal_free(). */
int cal_new(struct calendar **out);
/* Frees cal and everything it holds; cal_free(NULL) does nothing. */
void cal_free(struct calendar *cal);

/* Hours of weekday (0 = Monday … 6 = Sunday). Needs 0 <= open_min <=
 * close_min <= 1440; open_min == close_min closes the day. 0 or -EINVAL
 * (nothing changed). */
int cal_set_hours(struct calendar *cal, int weekday, int open_min, int close_min);
/* The weekly hours of weekday; closed (0–0) for a weekday out of range. */
struct cal_hours cal_hours(const struct calendar *cal, int weekday);

/* Minutes east of UTC, CAL_UTC_OFFSET_MIN_MIN..CAL_UTC_OFFSET_MIN_MAX.
 * 0 or -EINVAL. */
int cal_set_utc_offset(struct calendar *cal, int utc_offset_min);
int cal_utc_offset(const struct calendar *cal);

/*
 * Adds the year described by text[0..len) (the format above). With
 * expect_year > 0 the file must declare that year (the loader knows it
 * from the file's name). All or nothing: on error the calendar is
 * unchanged and *err says which line and why. Returns 0, -EINVAL for a
 * malformed file, -EEXIST when the year is known already, -ENOMEM.
 */
int cal_load_year(struct calendar *cal, const char *text, size_t len, int expect_year,
                  struct cal_error *err);

/* True once a file for year has been loaded. */
bool cal_year_known(const struct calendar *cal, int year);
/* The known years in ascending order: count and the i-th (0 when out of range). */
size_t cal_year_count(const struct calendar *cal);
int cal_year_at(const struct calendar *cal, size_t i);

/* The holiday or cuti bersama on day, or NULL. Borrowed; valid until the
 * next cal_load_year() or cal_free(). */
const struct cal_holiday *cal_holiday_on(const struct calendar *cal, int64_t day);
/* Every loaded holiday, sorted by day. Borrowed like cal_holiday_on(). */
size_t cal_holiday_count(const struct calendar *cal);
const struct cal_holiday *cal_holiday_at(const struct calendar *cal, size_t i);

/* The hours the office keeps on day: its weekday's hours, or closed on a
 * holiday or cuti bersama. */
struct cal_hours cal_day_hours(const struct calendar *cal, int64_t day);
bool cal_is_working_day(const struct calendar *cal, int64_t day);

/* "nasional" / "cuti-bersama"; NULL out of range. And back: 0 or -EINVAL. */
const char *cal_kind_name(enum cal_day_kind kind);
int cal_kind_parse(const char *name, enum cal_day_kind *out);

#endif
