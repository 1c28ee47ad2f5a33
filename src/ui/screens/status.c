/*
 * status — a visitor types the tracking code from their receipt and sees
 * where their request or complaint stands, from the kiosk's own store
 * (staff updates arrive there by sync). The code's check symbol catches a
 * typo, which is answered with "check the code", never with an error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/tracking.h"
#include "ui/i18n.h"
#include "ui/screens.h"

static const char *status_text(enum rec_status st)
{
    static const char *const names[REC_STATUS_COUNT] = {
        [REC_STATUS_RECEIVED] = N_("Diterima, menunggu diproses"),
        [REC_STATUS_IN_PROCESS] = N_("Sedang diproses"),
        [REC_STATUS_SCHEDULED] = N_("Sudah dijadwalkan"),
        [REC_STATUS_ANSWERED] = N_("Sudah dijawab"),
        [REC_STATUS_CLOSED] = N_("Ditutup"),
    };
    return (unsigned)st < REC_STATUS_COUNT ? _(names[st]) : "-";
}

static void check(struct ui *ui)
{
    struct ui_session *s = ui->session;
    char code[TRACKING_SIZE];
    s->status_found = false;
    s->status_message[0] = '\0';
    int rc = tracking_normalize(s->status_typed, code);
    if (rc == 0) {
        rc = store_find_by_tracking(ui->svc.store, code, &s->status);
        if (rc == 0) {
            s->status_found = true;
            return;
        }
    }
    const char *why;
    if (rc == -EINVAL || rc == -EBADMSG)
        why = _("Kode tidak dikenali. Mohon periksa kembali kode pada tanda terima Anda, "
                "misalnya K7M-4QX9.");
    else if (rc == -ENOENT)
        why = _("Kode ini belum tercatat di kiosk ini. Bila tanda terima Anda dari hari ini, "
                "mohon tanyakan kepada petugas.");
    else
        why = _("Maaf, status belum dapat dilihat. Mohon tanyakan kepada petugas.");
    snprintf(s->status_message, sizeof(s->status_message), "%s", why);
}

static void when(struct ui *ui, const char *label, int64_t utc_ms)
{
    char text[32];
    if (utc_ms <= 0 || civil_format_local(civil_local_minutes(utc_ms, ui->svc.cfg->utc_offset_min),
                                          text, sizeof(text)) < 0)
        return;
    ui_textf(ui, UI_FONT_BODY, 0, "%s: %s %s", label, text, config_zone_abbrev(ui->svc.cfg));
}

static void build(struct ui *ui)
{
    struct ui_session *s = ui->session;
    ui_text(ui, _("Cek status"), UI_FONT_TITLE, 0);
    ui_field(ui, "status.code", _("Kode pelacakan pada tanda terima"), s->status_typed,
             sizeof(s->status_typed), false, s->status_message);
    if (ui_button(ui, "status.check", _("Cek"), UI_PRIMARY))
        check(ui);
    if (s->status_found) {
        const struct store_status *st = &s->status;
        ui_text(ui, st->kind == REC_COMPLAINT ? _("Pengaduan") : _("Permohonan rapat/audiensi"),
                UI_FONT_HEADING, 0);
        ui_textf(ui, UI_FONT_BODY, 0, "%s: %s", _("Nomor tiket"), st->ticket_number);
        ui_textf(ui, UI_FONT_BODY, 0, "%s: %s", _("Status"), status_text(st->status));
        when(ui, _("Diterima"), st->created_ms);
        when(ui, _("Batas waktu jawaban"), st->due_ms);
        if (st->schedule[0])
            ui_textf(ui, UI_FONT_BODY, 0, "%s: %s", _("Jadwal"), st->schedule);
        if (st->answer[0])
            ui_textf(ui, UI_FONT_BODY, 0, "%s: %s", _("Jawaban"), st->answer);
    }
    if (ui_button(ui, "status.back", _("Kembali ke beranda"), 0))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_status = {"status", build, true};
