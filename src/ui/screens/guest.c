/*
 * guest — the guest book: consent first (what is collected, why, how long
 * it is kept: UU 27/2022 on personal data protection), then the form,
 * a review, and the done screen with the ticket number large and a QR
 * code. "Kirim" commits through intake_submit(), so the number shown is
 * the number stored.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "ui/i18n.h"
#include "ui/screens.h"
#include "ui/submit.h"

/* --- consent --------------------------------------------------------------- */

static void consent(struct ui *ui)
{
    struct ui_session *s = ui->session;
    ui_text(ui, _("Buku tamu"), UI_FONT_TITLE, 0);
    ui_text(ui, _("Sebelum mengisi, mohon baca keterangan berikut."), UI_FONT_BODY, 0);
    ui_text(ui,
            _("Yang kami catat: nama, instansi/koperasi/UMKM, nomor telepon, keperluan, orang "
              "atau bagian yang dituju, dan jumlah orang."),
            UI_FONT_BODY, 0);
    ui_text(ui,
            _("Untuk apa: mencatat kunjungan dan menghubungi Bapak/Ibu bila diperlukan. Data "
              "tidak dipakai untuk keperluan lain."),
            UI_FONT_BODY, 0);
    ui_textf(ui, UI_FONT_BODY, 0,
             _("Berapa lama: data pribadi dihapus %d hari setelah diterima kantor, sesuai "
               "UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."),
             ui->svc.cfg->retention_days);
    if (ui_check(ui, "guest.consent", _("Saya setuju data saya dicatat untuk keperluan ini."),
                 &s->guest_consent))
        s->notice[0] = '\0';
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "guest.cancel", _("Batal"), 0))
        ui_finish_visit(ui);
    if (ui_button(ui, "guest.next", _("Lanjut"), UI_PRIMARY)) {
        if (s->guest_consent) {
            s->notice[0] = '\0';
            if (!s->guest_typed[UI_GUEST_PARTY][0])
                snprintf(s->guest_typed[UI_GUEST_PARTY], sizeof(s->guest_typed[0]), "1");
            ui_go(ui, &ui_screen_guest_form);
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon centang persetujuan bila Bapak/Ibu ingin melanjutkan."));
        }
    }
}

const struct ui_screen ui_screen_guest_consent = {"guest.consent", consent, true};

/* --- form ------------------------------------------------------------------ */

/* Checks every field; the cleaned values go to s->guest. */
static bool validate(struct ui_session *s)
{
    char(*t)[REC_BUF(REC_SHORT_CHARS)] = s->guest_typed;
    struct rec_guest *g = &s->guest;
    struct val_outcome *e = s->guest_error;
    e[UI_GUEST_NAME] = val_name(t[UI_GUEST_NAME], true, g->name, sizeof(g->name));
    e[UI_GUEST_ORG] =
        val_organization(t[UI_GUEST_ORG], false, g->organization, sizeof(g->organization));
    e[UI_GUEST_PHONE] = val_phone(t[UI_GUEST_PHONE], false, g->phone, sizeof(g->phone));
    e[UI_GUEST_PURPOSE] =
        val_text(t[UI_GUEST_PURPOSE], 3, REC_SHORT_CHARS, 0, g->purpose, sizeof(g->purpose));
    e[UI_GUEST_MEET] =
        val_text(t[UI_GUEST_MEET], 0, REC_SHORT_CHARS, 0, g->meet_whom, sizeof(g->meet_whom));
    e[UI_GUEST_PARTY] = val_party_size(t[UI_GUEST_PARTY], &g->party_size);
    for (int i = 0; i < UI_GUEST_FIELDS; i++)
        if (e[i].code != VAL_OK)
            return false;
    return true;
}

static void field(struct ui *ui, enum ui_guest_field f, const char *id, const char *label,
                  bool phone)
{
    struct ui_session *s = ui->session;
    char message[256] = "";
    if (s->guest_checked && s->guest_error[f].code != VAL_OK &&
        val_message(s->guest_error[f], val_lang_from(s->lang), message, sizeof(message)) < 0)
        message[0] = '\0';
    ui_field(ui, id, label, s->guest_typed[f], sizeof(s->guest_typed[f]), phone, message);
}

static void form(struct ui *ui)
{
    struct ui_session *s = ui->session;
    if (s->guest_checked)
        validate(s); /* messages follow what is typed */
    ui_text(ui, _("Buku tamu"), UI_FONT_TITLE, 0);
    field(ui, UI_GUEST_NAME, "guest.name", _("Nama lengkap"), false);
    field(ui, UI_GUEST_ORG, "guest.org", _("Instansi, koperasi atau UMKM (boleh kosong)"), false);
    field(ui, UI_GUEST_PHONE, "guest.phone", _("Nomor telepon (boleh kosong)"), true);
    field(ui, UI_GUEST_PURPOSE, "guest.purpose", _("Keperluan"), false);
    field(ui, UI_GUEST_MEET, "guest.meet", _("Orang atau bagian yang dituju (boleh kosong)"),
          false);
    field(ui, UI_GUEST_PARTY, "guest.party", _("Jumlah orang"), true);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "guest.back", _("Kembali"), 0))
        ui_go(ui, &ui_screen_guest_consent);
    if (ui_button(ui, "guest.next", _("Lanjut"), UI_PRIMARY)) {
        s->guest_checked = true;
        if (validate(s)) {
            s->notice[0] = '\0';
            ui_go(ui, &ui_screen_guest_review);
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon periksa isian yang diberi keterangan."));
        }
    }
}

const struct ui_screen ui_screen_guest_form = {"guest.form", form, true};

/* --- review ---------------------------------------------------------------- */

static void submit(struct ui *ui)
{
    struct ui_session *s = ui->session;
    struct store_record rec = {.kind = REC_GUEST_ENTRY, .u.guest = &s->guest};
    ui_submit(ui, rec,
              _("Maaf, data belum dapat disimpan. Mohon coba sekali lagi, atau hubungi "
                "petugas."),
              &ui_screen_guest_done);
}

static void review(struct ui *ui)
{
    struct ui_session *s = ui->session;
    const struct rec_guest *g = &s->guest;
    char party[16];
    snprintf(party, sizeof(party), "%d", g->party_size);
    ui_text(ui, _("Mohon periksa kembali"), UI_FONT_TITLE, 0);
    ui_review_line(ui, _("Nama lengkap"), g->name);
    ui_review_line(ui, _("Instansi, koperasi atau UMKM"), g->organization);
    ui_review_line(ui, _("Nomor telepon"), g->phone);
    ui_review_line(ui, _("Keperluan"), g->purpose);
    ui_review_line(ui, _("Orang atau bagian yang dituju"), g->meet_whom);
    ui_review_line(ui, _("Jumlah orang"), party);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "guest.edit", _("Ubah"), 0))
        ui_go(ui, &ui_screen_guest_form);
    if (ui_button(ui, "guest.submit", _("Kirim"), UI_PRIMARY))
        submit(ui);
}

const struct ui_screen ui_screen_guest_review = {"guest.review", review, true};

/* --- done ------------------------------------------------------------------ */

static void done(struct ui *ui)
{
    ui_text(ui, _("Terima kasih, kunjungan Bapak/Ibu sudah tercatat."), UI_FONT_TITLE, UI_CENTER);
    ui_ticket_card(ui, "guest", &ui->session->ticket);
    ui_text(ui, _("Mohon tunggu, petugas akan memanggil nomor Anda."), UI_FONT_BODY, UI_CENTER);
    if (ui_button(ui, "guest.finish", _("Selesai"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_guest_done = {"guest.done", done, true};
