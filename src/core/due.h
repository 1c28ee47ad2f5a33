/*
 * due — when a promise of the service standard falls due: a receipt time,
 * a rule (amount and unit) and the office calendar give the due time.
 *
 * Counting is in whole minutes of office time; the seconds of the receipt
 * are dropped, as on the printed receipt. Office hours of a day are the
 * half-open span [open, close): at the closing minute the office is closed.
 * A working day is a day with hours that is not a holiday or cuti bersama.
 *
 * - working_minutes / working_hours: time ticks only inside office hours of
 *   working days. Received before opening: counting starts at opening;
 *   after closing or on a closed day: at the next opening. The due time
 *   may be the closing minute itself.
 * - working_days (N): day 0 is the day of receipt when it is a working day
 *   and receipt is before its closing; otherwise day 0 is the next working
 *   day. Due at the closing time of the Nth working day after day 0.
 * - calendar_days (N): day 0 as for working days; due at the closing time
 *   of the day N calendar days after day 0, or, when that day is closed, at
 *   the closing time of the next working day.
 *
 * Years without a holiday file are counted with only the weekly closed
 * days as closed; the result lists them so the caller can warn. The walk
 * gives up after DUE_MAX_SPAN_DAYS, so a calendar that is never open
 * returns an error instead of looping.
 */
#ifndef SERAMBI_CORE_DUE_H
#define SERAMBI_CORE_DUE_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/rules.h"

/* A due time lies at most this many days after the day of receipt. */
#define DUE_MAX_SPAN_DAYS 4000
/* Years a span of DUE_MAX_SPAN_DAYS + 1 days can touch: never overflows. */
#define DUE_UNKNOWN_YEARS_MAX 12

struct due_result {
    int64_t due_ms; /* UTC milliseconds; a whole office minute */
    /* Years from the day of receipt to the due day that have no holiday
     * file, ascending. 0 means the national calendar was fully known. */
    int unknown_year_count;
    int unknown_years[DUE_UNKNOWN_YEARS_MAX];
};

/*
 * The due time of rule for something received at from_ms (UTC
 * milliseconds). cal and rule are borrowed for the call. Returns 0 with
 * *out filled; -EINVAL for a rule with an amount or unit out of range;
 * -ERANGE when from_ms is before 1970 or too close to year 9999, or when
 * the calendar has no working time to reach the due time within
 * DUE_MAX_SPAN_DAYS (for instance every weekday closed).
 */
int due_compute(const struct calendar *cal, const struct rule *rule, int64_t from_ms,
                struct due_result *out);

#endif
