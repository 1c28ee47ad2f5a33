/*
 * datetext — a moment written out as the office writes it for visitors,
 * on screen and on the printed ticket: "Senin, 7 Desember 2026 pukul
 * 16.00 WIB", or "Monday, 7 December 2026 at 16.00 WIB" in English.
 *
 * The one idea: a pure function of the language, with the names of days
 * and months in code, so the UI thread and the print worker write the
 * same date without sharing gettext's process-wide language.
 */
#ifndef SERAMBI_CORE_DATETEXT_H
#define SERAMBI_CORE_DATETEXT_H

#include <stddef.h>
#include <stdint.h>

/* Writes utc_ms in office time (UTC + utc_offset_min) followed by zone
 * ("WIB") into buf. lang "en" is English, anything else Indonesian.
 * Returns 0, or -ENOSPC with buf empty when it does not fit. */
int datetext_format(const char *lang, int64_t utc_ms, int utc_offset_min, const char *zone,
                    char *buf, size_t cap);

#endif
