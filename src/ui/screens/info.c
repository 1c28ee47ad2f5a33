/*
 * info — the service standard as the office publishes it: requirements,
 * procedure, times, cost, complaint channels and classes, and the
 * SP4N-LAPOR! QR code. The words are office data
 * (assets/office/service-info.LANG.txt), not code.
 */
#include <stdio.h>

#include "ui/i18n.h"
#include "ui/screens.h"

static void build(struct ui *ui)
{
    const struct ui_doc *doc = ui->session->lang[0] == 'e' ? &ui->info_en : &ui->info_id;
    char bullet[UI_TEXT_MAX];
    int qr = 0;
    if (doc->count == 0) {
        ui_text(ui, _("Informasi layanan"), UI_FONT_TITLE, 0);
        ui_text(ui,
                _("Maaf, informasi layanan belum tersedia di kiosk ini. Mohon tanyakan "
                  "kepada petugas."),
                UI_FONT_BODY, 0);
    }
    for (size_t i = 0; i < doc->count; i++) {
        const struct ui_block *b = &doc->blocks[i];
        switch (b->kind) {
        case UI_BLOCK_TITLE:
            ui_text(ui, b->text, UI_FONT_TITLE, 0);
            break;
        case UI_BLOCK_HEADING:
            ui_space(ui, ui->theme.gap_px);
            ui_text(ui, b->text, UI_FONT_HEADING, 0);
            break;
        case UI_BLOCK_PARAGRAPH:
            ui_text(ui, b->text, UI_FONT_BODY, 0);
            break;
        case UI_BLOCK_BULLET:
            snprintf(bullet, sizeof(bullet), "\xE2\x80\xA2 %s", b->text);
            ui_text(ui, bullet, UI_FONT_BODY, 0);
            break;
        case UI_BLOCK_QR: {
            char id[32];
            snprintf(id, sizeof(id), qr ? "info.qr%d" : "info.lapor_qr", qr + 1);
            ui_qr(ui, id, b->text, ui->theme.target_px * 3);
            ui_text(ui, b->text, UI_FONT_SMALL, UI_CENTER | UI_MUTED);
            qr++;
            break;
        }
        }
    }
    if (ui_button(ui, "info.back", _("Kembali ke beranda"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_info = {"info", build, false};
