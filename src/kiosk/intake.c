/*
 * intake — from a confirmed form to a committed record and ticket; see
 * intake.h.
 */
#include "kiosk/intake.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "kiosk/errlog.h"

/* The ticket's service and the rule its due time comes from. */
static int plan_ticket(const struct kiosk_config *cfg, struct store_record record,
                       enum rec_service *service, enum rule_kind *rule)
{
    switch (record.kind) {
    case REC_GUEST_ENTRY:
        *service = REC_SERVICE_GUEST;
        *rule = RULE_ADMIN_HANDLING;
        return 0;
    case REC_MEETING_REQUEST:
        *service = REC_SERVICE_MEETING;
        *rule = RULE_REPLY_LETTER;
        return 0;
    case REC_COMPLAINT:
        *service = REC_SERVICE_COMPLAINT;
        record.u.complaint->cls = cfg->complaint_default_class;
        return rule_kind_for_class(record.u.complaint->cls, rule);
    default:
        return -EINVAL;
    }
}

int intake_reload_office(struct intake *in)
{
    unsigned generation = office_published_generation();
    struct office fresh = {0};
    char err[512];
    if (generation == in->office_generation)
        return 0;
    /* Moved on also when it fails: the same broken files are not tried
     * (and logged) again for every visitor, only after the next change. */
    in->office_generation = generation;
    int rc = office_load(in->cfg, &fresh, err, sizeof(err));
    if (rc < 0) {
        errlog_add("intake", "warning: the previous calendar and rules stay in use: %s", err);
        return rc;
    }
    office_fini(in->office);
    *in->office = fresh;
    return 1;
}

int intake_submit(struct intake *in, const struct rec_visit *visit, struct store_record record,
                  int64_t now_ms, struct rec_ticket *ticket_out, struct due_result *due_out)
{
    struct store_submission sub = {.visit = visit, .record = record, .ticket = NULL};
    struct store_ticket_request req;
    struct due_result due = {0};
    struct rec_ticket ticket;
    int rc;

    intake_reload_office(in); /* a failure keeps the old data, logged */
    if (record.kind == REC_SURVEY) {
        rc = store_submit(in->store, &sub, 1, now_ms, NULL);
        goto out;
    }
    if (!ticket_out)
        return -EINVAL;

    enum rec_service service;
    enum rule_kind rule;
    rc = plan_ticket(in->cfg, record, &service, &rule);
    if (rc < 0)
        return rc;
    rc = office_due(in->office, rule, now_ms, &due);
    if (rc < 0)
        return rc;

    memset(&req, 0, sizeof(req));
    req.service = service;
    memcpy(req.prefix, in->cfg->ticket_prefix[service], sizeof(req.prefix));
    rc = civil_format_date(civil_office_day(now_ms, in->cfg->utc_offset_min), req.office_day,
                           sizeof(req.office_day));
    if (rc < 0)
        return rc;
    req.due_ms = due.due_ms;
    snprintf(req.rule_kind, sizeof(req.rule_kind), "%s", rule_kind_name(rule));

    if (record.kind == REC_MEETING_REQUEST) {
        record.u.meeting->status = REC_STATUS_RECEIVED;
        record.u.meeting->reply_due_ms = due.due_ms;
    } else if (record.kind == REC_COMPLAINT) {
        record.u.complaint->status = REC_STATUS_RECEIVED;
        record.u.complaint->due_ms = due.due_ms;
    }

    sub.ticket = &req;
    rc = store_submit(in->store, &sub, 1, now_ms, &ticket);
    if (rc == 0)
        *ticket_out = ticket;
out:
    if (rc == 0 && due_out)
        *due_out = due;
    return rc;
}
