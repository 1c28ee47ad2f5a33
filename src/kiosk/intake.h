/*
 * intake — one call per visitor action ("done" on a form): the office day
 * and the due time the service standard promises are worked out here from
 * the configuration and the working calendar, then the record, its outbox
 * row and its ticket are committed together by the store.
 *
 * The one idea: the ticket a visitor is shown is the ticket that was
 * committed. Nothing is returned before the store's COMMIT.
 *
 * When the sync worker has written new office documents (a calendar, the
 * rules) it only signals (office_published_changed()); the next
 * submission reloads the office data on the caller's thread first, so the
 * next visitor's due time counts with what the office published.
 */
#ifndef SERAMBI_KIOSK_INTAKE_H
#define SERAMBI_KIOSK_INTAKE_H

#include <stdint.h>

#include "core/due.h"
#include "core/records.h"
#include "kiosk/config.h"
#include "kiosk/office.h"
#include "store/store.h"

/* What intake works with; all borrowed, owned by the caller. */
struct intake {
    const struct kiosk_config *cfg;
    struct office *office; /* replaced in place by intake_reload_office() */
    struct store *store;
    unsigned office_generation; /* office_published_generation() *office was loaded at */
};

/*
 * Reloads *in->office when office_published_generation() moved since it
 * was loaded. Returns 1 after a reload, 0 when nothing was new, or the
 * office_load() error: the old data then stays in use and the reason is
 * logged once (errlog). intake_submit() calls it first.
 */
int intake_reload_office(struct intake *in);

/*
 * Submits one record of a visit at now_ms (UTC). Guest entries, meeting
 * requests and complaints get a ticket (written to *ticket_out, which may
 * be NULL only for a survey); surveys get none.
 *
 * The record is completed before the commit: a meeting request's reply
 * due time; a complaint's class (the configured default until staff
 * triage it) and its due time; and, through the store, ids and tracking
 * codes. *due_out (may be NULL) says which years of the national calendar
 * were unknown while counting, so the caller can warn.
 *
 * Returns 0 after the commit; otherwise a negative errno from due_compute()
 * or store_submit(), and nothing was stored (the derived fields of the
 * record may have been filled in; the visitor's own text is untouched).
 */
int intake_submit(struct intake *in, const struct rec_visit *visit, struct store_record record,
                  int64_t now_ms, struct rec_ticket *ticket_out, struct due_result *due_out);

#endif
