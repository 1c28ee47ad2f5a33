/*
 * cmd_demo — `serambi demo`, a walk through the core and the store: a few sample
 * visitors go through intake into the real store in the configured data
 * directory, and the kiosk prints what it would print on their tickets.
 * The sample people are invented; no real visitor data is involved.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/civil.h"
#include "kiosk/commands.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "store/store.h"

static int64_t now_utc_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void format_local(const struct kiosk_config *cfg, int64_t utc_ms, char *buf, size_t cap)
{
    if (civil_format_local(civil_local_minutes(utc_ms, cfg->utc_offset_min), buf, cap) < 0)
        snprintf(buf, cap, "?");
}

static void print_ticket(const struct kiosk_config *cfg, const char *what,
                         const struct rec_ticket *t, const struct due_result *due)
{
    char due_text[32];
    format_local(cfg, t->due_ms, due_text, sizeof(due_text));
    printf("  %-22s ticket %-6s  code %-9s  due %s %s (%s)\n", what, t->number,
           t->tracking_code[0] ? t->tracking_code : "-", due_text, config_zone_abbrev(cfg),
           t->rule_kind);
    for (int i = 0; i < due->unknown_year_count; i++)
        printf("    warning: no holiday calendar for %d: only weekends counted as closed\n",
               due->unknown_years[i]);
}

static int ensure_dir(const char *path)
{
    if (mkdir(path, 0700) == 0 || errno == EEXIST)
        return 0;
    return -errno;
}

int cmd_demo(const struct kiosk_config *cfg, int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fputs("usage: serambi demo\n", stderr);
        return EXIT_USAGE;
    }

    struct office office = {0};
    struct store *st = NULL;
    char err[512];
    char db[4096];
    int status = 1;
    int rc;

    if (office_load(cfg, &office, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        goto out;
    }
    if (office.warning[0])
        fprintf(stderr, "serambi: warning: %s\n", office.warning);
    rc = ensure_dir(cfg->data_dir);
    if (rc < 0) {
        fprintf(stderr, "serambi: cannot create the data folder %s: %s\n", cfg->data_dir,
                strerror(-rc));
        goto out;
    }
    if (config_db_path(cfg, db, sizeof(db)) < 0 || store_open(db, &st, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        goto out;
    }

    int64_t now = now_utc_ms();
    char now_text[32];
    format_local(cfg, now, now_text, sizeof(now_text));
    printf("Serambi — %s\n", cfg->office_name);
    printf("kiosk %s, %s %s, store %s\n\n", store_kiosk_id(st), now_text, config_zone_abbrev(cfg),
           db);

    struct intake in = {.cfg = cfg, .office = &office, .store = st};
    struct rec_visit visit;
    struct rec_ticket ticket;
    struct due_result due;

    /* One sitting: a guest-book entry, then a meeting request. */
    store_visit_begin(st, now, "id", &visit);
    static struct rec_guest guest;
    memset(&guest, 0, sizeof(guest));
    snprintf(guest.name, sizeof(guest.name), "Contoh Pengunjung");
    snprintf(guest.organization, sizeof(guest.organization), "Koperasi Contoh Sejahtera");
    snprintf(guest.phone, sizeof(guest.phone), "+6281200000000");
    snprintf(guest.purpose, sizeof(guest.purpose), "Konsultasi perizinan koperasi");
    guest.party_size = 2;
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &guest};
    if ((rc = intake_submit(&in, &visit, rec, now, &ticket, &due)) < 0)
        goto fail;
    print_ticket(cfg, "guest book", &ticket, &due);

    static struct rec_meeting meeting;
    memset(&meeting, 0, sizeof(meeting));
    snprintf(meeting.applicant, sizeof(meeting.applicant), "Contoh Pengunjung");
    snprintf(meeting.organization, sizeof(meeting.organization), "Koperasi Contoh Sejahtera");
    snprintf(meeting.phone, sizeof(meeting.phone), "+6281200000000");
    snprintf(meeting.subject, sizeof(meeting.subject), "Audiensi pembinaan koperasi");
    rec = (struct store_record){.kind = REC_MEETING_REQUEST, .u.meeting = &meeting};
    if ((rc = intake_submit(&in, &visit, rec, now, &ticket, &due)) < 0)
        goto fail;
    print_ticket(cfg, "meeting request", &ticket, &due);

    /* Another visitor: an anonymous complaint and a survey. */
    store_visit_begin(st, now, "id", &visit);
    static struct rec_complaint complaint;
    memset(&complaint, 0, sizeof(complaint));
    complaint.privacy = REC_PRIVACY_ANONYMOUS;
    snprintf(complaint.body, sizeof(complaint.body), "Contoh pengaduan: antrean terlalu lama.");
    rec = (struct store_record){.kind = REC_COMPLAINT, .u.complaint = &complaint};
    if ((rc = intake_submit(&in, &visit, rec, now, &ticket, &due)) < 0)
        goto fail;
    print_ticket(cfg, "complaint", &ticket, &due);

    static struct rec_survey survey;
    memset(&survey, 0, sizeof(survey));
    for (int i = 0; i < REC_SKM_ELEMENTS; i++)
        survey.scores[i] = (uint8_t)(3 + i % 2);
    rec = (struct store_record){.kind = REC_SURVEY, .u.survey = &survey};
    if ((rc = intake_submit(&in, &visit, rec, now, NULL, NULL)) < 0)
        goto fail;
    printf("  %-22s stored, no ticket\n", "survey (SKM)");

    struct store_status found;
    if ((rc = store_find_by_tracking(st, complaint.tracking_code, &found)) < 0)
        goto fail;
    printf("\nstatus check of %s: %s, ticket %s\n", found.tracking_code,
           rec_status_name(found.status), found.ticket_number);

    int64_t backlog = 0, oldest = 0;
    if ((rc = store_outbox_backlog(st, &backlog, &oldest)) < 0)
        goto fail;
    printf("outbox: %lld rows wait for the hub\n", (long long)backlog);
    printf("\n`serambi` without a command opens the touch UI; `serambi export --kind guest\n"
           "--format csv` shows the guest book stored so far.\n");
    status = 0;
    goto out;

fail:
    fprintf(stderr, "serambi: could not store the sample record: %s (%s)\n", strerror(-rc),
            st ? store_last_error(st) : "");
out:
    store_close(st);
    office_fini(&office);
    return status;
}
