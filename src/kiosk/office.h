/*
 * office — the office's working rules as the kiosk runs them: the calendar
 * (weekly hours and time offset from the configuration, holidays from
 * ASSETS/calendar/YYYY.txt, one file per year) and the service rules table
 * (ASSETS/office/service-rules.conf). This is where the files are read;
 * core/calendar and core/rules only parse what they are given.
 *
 * Documents the office published on its hub (core/officedoc.h) arrive by
 * sync in DATA_DIR/published, laid out like the assets folder
 * (DATA_DIR/published/calendar/2027.txt, DATA_DIR/published/office/
 * service-rules.conf, …). A published file is taken over the same file
 * of the assets folder; calendar years merge: a published year replaces
 * that year's asset file, years only in the assets stay.
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
#include "core/officedoc.h"
#include "core/rules.h"
#include "kiosk/config.h"

#define OFFICE_FILE_MAX OFFICEDOC_MAX_BYTES /* bytes; a year file is about 2 KiB */

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

/* The folder of published documents, DATA_DIR/published. 0 or -ENAMETOOLONG. */
int office_published_dir(const struct kiosk_config *cfg, char *buf, size_t cap);

/* Says that new published documents are on disk: bumps a counter that the
 * users of the office data compare with the one they loaded at, and then
 * reload on their own thread. Safe from any thread. */
void office_published_changed(void);
/* That counter; 0 until the first office_published_changed(). */
unsigned office_published_generation(void);

/* The due time of kind for something received at from_ms (UTC); see
 * due_compute() for the result and errors. */
int office_due(const struct office *o, enum rule_kind kind, int64_t from_ms,
               struct due_result *out);

#endif
