/*
 * home — the first screen a visitor sees: the office, its services as big
 * choices, the language, and the large-text and high-contrast modes. It
 * holds no visitor data, so the idle timeout only resets the modes.
 */
#include <stdio.h>

#include "ui/i18n.h"
#include "ui/screens.h"

static void build(struct ui *ui)
{
    struct ui_session *s = ui->session;
    const struct ui_theme *t = &ui->theme;
    ui_text(ui, _("Selamat datang"), UI_FONT_TITLE, UI_CENTER);
    ui_text(ui, ui->svc.cfg->office_name, UI_FONT_BODY, UI_CENTER);
    ui_text(ui, _("Silakan pilih layanan yang Bapak/Ibu perlukan."), UI_FONT_BODY,
            UI_CENTER | UI_MUTED);
    ui_space(ui, t->gap_px);

    /* Side by side when the screen is wide, one under another when tall. */
    if (ui->w > ui->h)
        ui_row(ui, 3);
    if (ui_tile(ui, "home.guest", _("Isi buku tamu"), UI_PRIMARY)) {
        s->guest_consent = false;
        ui_go(ui, &ui_screen_guest_consent);
    }
    if (ui_tile(ui, "home.meeting", _("Ajukan permohonan audiensi"), 0)) {
        s->notice[0] = '\0';
        ui_go(ui, &ui_screen_meeting_form);
    }
    if (ui_tile(ui, "home.complaint", _("Sampaikan pengaduan"), 0)) {
        s->complaint_privacy = 0;
        ui_go(ui, &ui_screen_complaint_privacy);
    }
    if (ui->w > ui->h)
        ui_row(ui, 3);
    if (ui_tile(ui, "home.survey", _("Isi survei kepuasan"), 0))
        ui_go(ui, &ui_screen_survey);
    if (ui_tile(ui, "home.info", _("Informasi layanan"), 0))
        ui_go(ui, &ui_screen_info);
    if (ui_tile(ui, "home.status", _("Cek status permohonan atau pengaduan"), 0)) {
        s->status_typed[0] = '\0';
        s->status_message[0] = '\0';
        ui_go(ui, &ui_screen_status);
    }
    ui_text(ui, _("Semua layanan di kantor ini gratis, tidak dipungut biaya."), UI_FONT_BODY,
            UI_CENTER);
    ui_space(ui, t->gap_px);

    ui_row(ui, 2);
    /* Both boxes are declared every time; either may change the theme. */
    bool changed = ui_check(ui, "home.large_text", _("Teks besar"), &s->large_text);
    changed |= ui_check(ui, "home.contrast", _("Kontras tinggi"), &s->high_contrast);
    if (changed)
        ui_restyle(ui);
}

const struct ui_screen ui_screen_home = {"home", build, false};
