/*
 * datetext — see datetext.h.
 */
#include "core/datetext.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"

struct names {
    const char *weekday[7];
    const char *month[12];
    const char *at; /* between the date and the time */
};

static const struct names indonesian = {
    {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"},
    {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
     "Oktober", "November", "Desember"},
    "pukul",
};

static const struct names english = {
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    "at",
};

int datetext_format(const char *lang, int64_t utc_ms, int utc_offset_min, const char *zone,
                    char *buf, size_t cap)
{
    const struct names *n = lang && strcmp(lang, "en") == 0 ? &english : &indonesian;
    int64_t local_min = civil_local_minutes(utc_ms, utc_offset_min);
    int64_t days = local_min / CIVIL_MIN_PER_DAY - (local_min % CIVIL_MIN_PER_DAY < 0);
    int64_t minute = local_min - days * CIVIL_MIN_PER_DAY;
    struct civil_date d = civil_date_from_days(days);
    int wd = civil_weekday(days);
    if (cap == 0)
        return -ENOSPC;
    /* The office writes the time with a dot: 16.00. */
    int len = snprintf(buf, cap, "%s, %d %s %d %s %02d.%02d %s", n->weekday[wd], d.day,
                       n->month[d.month - 1], d.year, n->at, (int)(minute / 60), (int)(minute % 60),
                       zone ? zone : "");
    if (len < 0 || (size_t)len >= cap) {
        buf[0] = '\0';
        return -ENOSPC;
    }
    return 0;
}
