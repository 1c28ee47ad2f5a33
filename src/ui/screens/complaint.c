/*
 * complaint — a complaint (pengaduan): first the choice of anonymous,
 * named or confidential, explained plainly, then contact and the
 * complaint text, a review, and the done screen with the ticket number,
 * the tracking code large with a QR code, and the due time the service
 * standard promises. "Kirim" commits through intake_submit(), which works
 * out the class and the due time, so what is shown is what was stored.
 *
 * An anonymous complaint never asks for a name, so none can be kept; the
 * store refuses one anyway.
 */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "ui/i18n.h"
#include "ui/letter.h"
#include "ui/screens.h"
#include "ui/submit.h"

enum { NAME, PHONE, BODY };

/* The fewest characters that can say what went wrong. */
#define BODY_MIN_CHARS 10

static enum rec_privacy privacy(const struct ui_session *s)
{
    return (enum rec_privacy)(s->complaint_privacy - 1);
}

static bool anonymous(const struct ui_session *s)
{
    return s->complaint_privacy == REC_PRIVACY_ANONYMOUS + 1;
}

/* --- privacy --------------------------------------------------------------- */

static void choose(struct ui *ui)
{
    struct ui_session *s = ui->session;
    ui_text(ui, _("Pengaduan"), UI_FONT_TITLE, 0);
    ui_text(ui, _("Bagaimana Bapak/Ibu ingin menyampaikan pengaduan ini?"), UI_FONT_BODY, 0);
    bool hit = ui_radio(ui, "complaint.anonymous",
                        _("Tanpa nama: nama Anda tidak ditanyakan dan tidak dicatat. Kami tidak "
                          "dapat menghubungi Anda, tetapi Anda dapat memantau jawaban dengan "
                          "kode pelacakan."),
                        &s->complaint_privacy, REC_PRIVACY_ANONYMOUS + 1);
    hit |= ui_radio(ui, "complaint.named",
                    _("Dengan nama: petugas yang menangani mengetahui siapa yang mengadu dan "
                      "dapat menghubungi Anda."),
                    &s->complaint_privacy, REC_PRIVACY_NAMED + 1);
    hit |= ui_radio(ui, "complaint.confidential",
                    _("Rahasia: nama Anda dicatat, tetapi hanya pejabat pengelola pengaduan yang "
                      "dapat melihatnya, bukan petugas yang diadukan."),
                    &s->complaint_privacy, REC_PRIVACY_CONFIDENTIAL + 1);
    if (hit)
        s->notice[0] = '\0';
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "complaint.cancel", _("Batal"), 0))
        ui_finish_visit(ui);
    if (ui_button(ui, "complaint.next", _("Lanjut"), UI_PRIMARY)) {
        if (s->complaint_privacy) {
            s->notice[0] = '\0';
            if (anonymous(s)) /* a name typed before the choice changed goes */
                memset(s->complaint_name, 0, sizeof(s->complaint_name));
            ui_go(ui, &ui_screen_complaint_form);
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon pilih salah satu cara menyampaikan pengaduan."));
        }
    }
}

const struct ui_screen ui_screen_complaint_privacy = {"complaint.privacy", choose, true};

/* --- form ------------------------------------------------------------------ */

/* Checks every field; the cleaned values go to s->complaint. Name and
 * phone are needed to answer a named or confidential complaint; an
 * anonymous one may leave a phone number and keeps no name. */
static bool validate(struct ui_session *s)
{
    struct rec_complaint *c = &s->complaint;
    struct val_outcome *e = s->complaint_error;
    bool anon = anonymous(s);
    c->privacy = privacy(s);
    if (anon) {
        e[NAME] = (struct val_outcome){VAL_OK, 0};
        c->name[0] = '\0';
    } else {
        e[NAME] = val_name(s->complaint_name, true, c->name, sizeof(c->name));
    }
    e[PHONE] = val_phone(s->complaint_phone, !anon, c->phone, sizeof(c->phone));
    e[BODY] = val_text(s->complaint_body, BODY_MIN_CHARS, REC_TEXT_CHARS, TEXT_MULTILINE, c->body,
                       sizeof(c->body));
    return e[NAME].code == VAL_OK && e[PHONE].code == VAL_OK && e[BODY].code == VAL_OK;
}

static void message(const struct ui_session *s, int f, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (s->complaint_checked && s->complaint_error[f].code != VAL_OK &&
        val_message(s->complaint_error[f], val_lang_from(s->lang), buf, cap) < 0)
        buf[0] = '\0';
}

static void form(struct ui *ui)
{
    struct ui_session *s = ui->session;
    char msg[256];
    if (s->complaint_checked)
        validate(s); /* messages follow what is typed */
    ui_text(ui, _("Pengaduan"), UI_FONT_TITLE, 0);
    if (anonymous(s)) {
        ui_text(ui,
                _("Tanpa nama: nama tidak dicatat. Nomor telepon boleh diisi bila Bapak/Ibu "
                  "bersedia dihubungi."),
                UI_FONT_BODY, UI_MUTED);
        message(s, PHONE, msg, sizeof(msg));
        ui_field(ui, "complaint.phone", _("Nomor telepon (boleh kosong)"), s->complaint_phone,
                 sizeof(s->complaint_phone), true, msg);
    } else {
        message(s, NAME, msg, sizeof(msg));
        ui_field(ui, "complaint.name", _("Nama lengkap"), s->complaint_name,
                 sizeof(s->complaint_name), false, msg);
        message(s, PHONE, msg, sizeof(msg));
        ui_field(ui, "complaint.phone", _("Nomor telepon"), s->complaint_phone,
                 sizeof(s->complaint_phone), true, msg);
    }
    message(s, BODY, msg, sizeof(msg));
    ui_textarea(ui, "complaint.body", _("Isi pengaduan: apa yang terjadi, kapan, dan di mana"),
                s->complaint_body, sizeof(s->complaint_body), REC_TEXT_CHARS, msg);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "complaint.back", _("Kembali"), 0))
        ui_go(ui, &ui_screen_complaint_privacy);
    if (ui_button(ui, "complaint.next", _("Lanjut"), UI_PRIMARY)) {
        s->complaint_checked = true;
        if (validate(s)) {
            s->notice[0] = '\0';
            ui_go(ui, &ui_screen_complaint_letter); /* the optional attachment */
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon periksa isian yang diberi keterangan."));
        }
    }
}

const struct ui_screen ui_screen_complaint_form = {"complaint.form", form, true};

/* --- review ---------------------------------------------------------------- */

static const char *privacy_label(enum rec_privacy p)
{
    switch (p) {
    case REC_PRIVACY_ANONYMOUS:
        return _("Tanpa nama");
    case REC_PRIVACY_CONFIDENTIAL:
        return _("Rahasia");
    default:
        return _("Dengan nama");
    }
}

static void submit(struct ui *ui)
{
    struct ui_session *s = ui->session;
    struct store_record rec = {.kind = REC_COMPLAINT, .u.complaint = &s->complaint};
    ui_letter_submit(ui, rec, "Lampiran pengaduan",
                     _("Maaf, pengaduan belum dapat disimpan. Mohon coba sekali lagi, atau "
                       "hubungi petugas."),
                     &ui_screen_complaint_done);
}

static void review(struct ui *ui)
{
    struct ui_session *s = ui->session;
    const struct rec_complaint *c = &s->complaint;
    ui_text(ui, _("Mohon periksa kembali"), UI_FONT_TITLE, 0);
    ui_review_line(ui, _("Cara menyampaikan"), privacy_label(c->privacy));
    if (c->privacy != REC_PRIVACY_ANONYMOUS)
        ui_review_line(ui, _("Nama lengkap"), c->name);
    ui_review_line(ui, _("Nomor telepon"), c->phone);
    ui_review_line(ui, _("Isi pengaduan"), c->body);
    char pages[64] = "";
    if (ui_letter_page_count(ui) > 0)
        snprintf(pages, sizeof(pages), _("Dipindai, %d halaman"), ui_letter_page_count(ui));
    ui_review_line(ui, _("Lampiran"), pages);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "complaint.edit", _("Ubah"), 0))
        ui_go(ui, &ui_screen_complaint_letter);
    if (ui_button(ui, "complaint.submit", _("Kirim"), UI_PRIMARY))
        submit(ui);
}

const struct ui_screen ui_screen_complaint_review = {"complaint.review", review, true};

/* --- done ------------------------------------------------------------------ */

static void done(struct ui *ui)
{
    ui_text(ui, _("Terima kasih, pengaduan Bapak/Ibu sudah kami terima."), UI_FONT_TITLE,
            UI_CENTER);
    /* Number and code both large: the visitor may leave without paper. */
    ui_ticket_card(ui, "complaint", &ui->session->ticket);
    ui_text(ui, _("Simpan kode ini untuk memantau jawaban di menu Cek status."), UI_FONT_BODY,
            UI_CENTER);
    ui_text(ui,
            _("Bapak/Ibu juga dapat menyampaikan pengaduan melalui SP4N-LAPOR! di "
              "lapor.go.id."),
            UI_FONT_BODY, UI_CENTER | UI_MUTED);
    if (ui_button(ui, "complaint.finish", _("Selesai"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_complaint_done = {"complaint.done", done, true};
