/*
 * due — walks the office calendar day by day from the receipt; see due.h
 * for the counting rules. Every loop is bounded by the last day the walk
 * may reach, so no calendar, however closed, can make it spin.
 */
#include "core/due.h"

#include <errno.h>

#include "core/civil.h"

struct walk {
    const struct calendar *cal;
    int64_t last_day; /* the walk fails rather than look past this day */
};

static bool open_day(const struct walk *w, int64_t day, struct cal_hours *h)
{
    *h = cal_day_hours(w->cal, day);
    return h->open_min < h->close_min;
}

/* The first working day on or after day; -ERANGE past the bound. */
static int next_working_day(const struct walk *w, int64_t day, int64_t *out)
{
    struct cal_hours h;
    for (; day <= w->last_day; day++) {
        if (open_day(w, day, &h)) {
            *out = day;
            return 0;
        }
    }
    return -ERANGE;
}

static int add_working_minutes(const struct walk *w, int64_t from_min, int64_t minutes,
                               int64_t *due_min)
{
    int64_t day = from_min / CIVIL_MIN_PER_DAY;
    int64_t minute = from_min - day * CIVIL_MIN_PER_DAY;
    struct cal_hours h;
    for (; day <= w->last_day; day++, minute = 0) {
        if (!open_day(w, day, &h))
            continue;
        if (minute < h.open_min)
            minute = h.open_min;
        if (minute >= h.close_min)
            continue;
        int64_t left_today = h.close_min - minute;
        if (minutes <= left_today) {
            *due_min = day * CIVIL_MIN_PER_DAY + minute + minutes;
            return 0;
        }
        minutes -= left_today;
    }
    return -ERANGE;
}

/* Day 0 of a count in days: the day of receipt if the office is still to
 * close on it, else the next working day. */
static int day_zero(const struct walk *w, int64_t from_min, int64_t *out)
{
    int64_t day = from_min / CIVIL_MIN_PER_DAY;
    int64_t minute = from_min - day * CIVIL_MIN_PER_DAY;
    struct cal_hours h;
    if (open_day(w, day, &h) && minute < h.close_min) {
        *out = day;
        return 0;
    }
    return next_working_day(w, day + 1, out);
}

static int add_days(const struct walk *w, int64_t from_min, int amount, bool working_only,
                    int64_t *due_min)
{
    int64_t day;
    int rc = day_zero(w, from_min, &day);
    if (rc < 0)
        return rc;
    if (working_only) {
        for (int n = 0; n < amount; n++) {
            rc = next_working_day(w, day + 1, &day);
            if (rc < 0)
                return rc;
        }
    } else {
        rc = next_working_day(w, day + amount, &day);
        if (rc < 0)
            return rc;
    }
    struct cal_hours h = cal_day_hours(w->cal, day);
    *due_min = day * CIVIL_MIN_PER_DAY + h.close_min;
    return 0;
}

int due_compute(const struct calendar *cal, const struct rule *rule, int64_t from_ms,
                struct due_result *out)
{
    if (!cal || !rule || rule->amount < 1 || rule->amount > RULE_AMOUNT_MAX)
        return -EINVAL;

    const int offset = cal_utc_offset(cal);
    const int64_t latest_day = civil_days_from_date((struct civil_date){9999, 12, 31});
    int64_t from_min = civil_local_minutes(from_ms, offset);
    int64_t from_day = civil_office_day(from_ms, offset);
    if (from_day < 0 || from_day > latest_day - DUE_MAX_SPAN_DAYS)
        return -ERANGE;
    struct walk w = {cal, from_day + DUE_MAX_SPAN_DAYS};

    int64_t due_min;
    int rc;
    switch (rule->unit) {
    case RULE_WORKING_MINUTES:
        rc = add_working_minutes(&w, from_min, rule->amount, &due_min);
        break;
    case RULE_WORKING_HOURS:
        rc = add_working_minutes(&w, from_min, (int64_t)rule->amount * 60, &due_min);
        break;
    case RULE_WORKING_DAYS:
        rc = add_days(&w, from_min, rule->amount, true, &due_min);
        break;
    case RULE_CALENDAR_DAYS:
        rc = add_days(&w, from_min, rule->amount, false, &due_min);
        break;
    default:
        return -EINVAL;
    }
    if (rc < 0)
        return rc;

    /* The walk touched every day from receipt to the due day, so the
     * years it counted without a calendar are exactly these. */
    struct due_result r = {.due_ms = civil_utc_ms(due_min, offset)};
    int first_year = civil_date_from_days(from_day).year;
    /* A due time is never at 00:00 (amounts are >= 1 minute, closing is
     * after opening), and a closing time of 24:00 belongs to the day before. */
    int last_year = civil_date_from_days((due_min - 1) / CIVIL_MIN_PER_DAY).year;
    for (int y = first_year; y <= last_year; y++)
        if (!cal_year_known(cal, y) && r.unknown_year_count < DUE_UNKNOWN_YEARS_MAX)
            r.unknown_years[r.unknown_year_count++] = y;
    *out = r;
    return 0;
}
