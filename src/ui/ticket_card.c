/*
 * ticket_card — the one ticket every done screen shows: the number and
 * the tracking code large enough to copy by hand, the QR code of the
 * public status page, the due time the service standard promises, and
 * what the printer is doing with the paper. Number, code and QR code
 * stay on screen whatever the printer does: a visitor may leave without
 * paper.
 */
#include <stdio.h>

#include "core/datetext.h"
#include "ui/i18n.h"
#include "ui/ui.h"

static void due_line(struct ui *ui, const struct rec_ticket *t)
{
    const struct kiosk_config *cfg = ui->svc.cfg;
    char when[128];
    if (t->due_ms <= 0 || t->service == REC_SERVICE_GUEST ||
        datetext_format(ui->session->lang, t->due_ms, cfg->utc_offset_min, config_zone_abbrev(cfg),
                        when, sizeof(when)) < 0)
        return;
    if (t->service == REC_SERVICE_COMPLAINT)
        ui_textf(ui, UI_FONT_BODY, UI_CENTER, _("Jawaban paling lambat: %s"), when);
    else
        ui_textf(ui, UI_FONT_BODY, UI_CENTER, _("Surat balasan paling lambat: %s"), when);
}

static void paper_line(struct ui *ui, const struct rec_ticket *t)
{
    const struct ui_devices *d = &ui->svc.dev;
    enum ui_ticket_paper p = d->ticket_paper ? d->ticket_paper(d->ctx, t->meta.id) : UI_PAPER_NONE;
    switch (p) {
    case UI_PAPER_NONE:
        break;
    case UI_PAPER_PRINTING:
        ui_text(ui, _("Tiket sedang dicetak…"), UI_FONT_HEADING, UI_CENTER);
        break;
    case UI_PAPER_PRINTED:
        ui_text(ui, _("Silakan ambil tiket Anda."), UI_FONT_HEADING, UI_CENTER);
        break;
    case UI_PAPER_TROUBLE:
        ui_text(ui,
                _("Printer sedang tidak dapat mencetak. Silakan tunjukkan nomor ini kepada "
                  "petugas."),
                UI_FONT_HEADING, UI_CENTER | UI_ERROR);
        break;
    }
}

void ui_ticket_card(struct ui *ui, const char *id_prefix, const struct rec_ticket *t)
{
    char id[UI_ID_MAX], url[320];
    paper_line(ui, t);
    ui_text(ui, _("Nomor antrean Anda"), UI_FONT_BODY, UI_CENTER);
    ui_text(ui, t->number, UI_FONT_HUGE, UI_CENTER);
    if (t->tracking_code[0]) {
        ui_text(ui, _("Kode pelacakan"), UI_FONT_BODY, UI_CENTER);
        ui_text(ui, t->tracking_code, UI_FONT_HUGE, UI_CENTER);
        /* Without a hub address the code itself: still readable by staff. */
        if (config_status_url(ui->svc.cfg, t->tracking_code, url, sizeof(url)) < 0)
            snprintf(url, sizeof(url), "%s", t->tracking_code);
        snprintf(id, sizeof(id), "%s.qr", id_prefix);
        ui_qr(ui, id, url, ui->theme.target_px * 3);
    }
    due_line(ui, t);
}
