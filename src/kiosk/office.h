/*
 * office — the office's working rules as the kiosk runs them: the calendar
 * (weekly hours and time offset from the configuration, holidays from
 * ASSETS/calendar/YYYY.txt, one file per year) and the service rules table
 * (ASSETS/office/service-rules.conf). This is where the files are read;
 * core/calendar and core/rules only parse what they are given.
 *
 * A missing calendar folder is not fatal: every year is then unknown and
 * counts only the weekly closed days as closed, which due times report.
 * A broken file is fatal: a kiosk never promises a date from a calendar it
 * half understood.
 */
#ifndef SERAMBI_KIOSK_OFFICE_H
#define SERAMBI_KIOSK_OFFICE_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/due.h"
#include "core/rules.h"
#include "kiosk/config.h"

#define OFFICE_FILE_MAX 1048576 /* bytes; a year file is about 2 KiB */

struct office {
    struct calendar *cal; /* owned; freed by office_fini() */
    struct rule_table rules;
    char warning[512]; /* "" or something a technician should fix */
};

/*
 * Fills *out from cfg: hours and offset, every calendar year file, the
 * rules file. Returns 0 (out->warning may still say something), or a
 * negative errno with err holding "FILE:LINE: what is wrong"; *out is
 * written only on success. Release with office_fini().
 */
int office_load(const struct kiosk_config *cfg, struct office *out, char *err, size_t errcap);
/* Frees what office_load() made; safe on a zeroed struct and twice. */
void office_fini(struct office *o);

/* The due time of kind for something received at from_ms (UTC); see
 * due_compute() for the result and errors. */
int office_due(const struct office *o, enum rule_kind kind, int64_t from_ms,
               struct due_result *out);

#endif
