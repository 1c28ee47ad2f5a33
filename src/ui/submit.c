/*
 * submit — see submit.h.
 */
#include "ui/submit.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/errlog.h"
#include "kiosk/intake.h"
#include "ui/session.h"

int ui_submit(struct ui *ui, struct store_record rec, const char *failed_text,
              const struct ui_screen *done)
{
    struct ui_session *s = ui->session;
    int64_t now = ui->clock.wall_ms(ui->clock.ctx);
    if (!s->visit_open) {
        store_visit_begin(ui->svc.store, now, s->lang, &s->visit);
        s->visit_open = true;
    }
    struct rec_ticket ticket;
    bool with_ticket = rec.kind != REC_SURVEY;
    int rc = intake_submit(ui->svc.intake, &s->visit, rec, now, with_ticket ? &ticket : NULL, NULL);
    if (rc < 0) {
        /* For the technician: the kind of failure, never the visitor's data. */
        errlog_add("ui", "a %s record was not stored: %s (%s)", rec_kind_name(rec.kind),
                   strerror(-rc), store_last_error(ui->svc.store));
        snprintf(s->notice, sizeof(s->notice), "%s", failed_text);
        return rc;
    }
    if (with_ticket) {
        s->ticket = ticket;
        const struct ui_devices *d = &ui->svc.dev;
        if (d->print_ticket && d->print_ticket(d->ctx, &ticket) < 0)
            errlog_add("ui", "a ticket was stored but not handed to the printer");
    }
    s->notice[0] = '\0';
    ui_go(ui, done);
    return 0;
}
