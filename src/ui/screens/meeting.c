/*
 * meeting — a request for a meeting (audiensi) with the office: the
 * applicant, their organisation, phone, subject and preferred dates,
 * then the letter step (the request letter scanned at the kiosk, or
 * handed at the desk when it cannot be), a review, and the done screen
 * with the ticket number, the tracking code large with a QR code, and
 * the day the reply letter is due (3 working days, docs/service-rules.md).
 * "Kirim" commits the request and its scanned letter in one transaction
 * through intake, so what is shown is what was stored.
 */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "ui/i18n.h"
#include "ui/letter.h"
#include "ui/screens.h"

/* --- form ------------------------------------------------------------------ */

/* Checks every field; the cleaned values go to s->meeting. */
static bool validate(struct ui_session *s)
{
    char(*t)[REC_BUF(REC_SHORT_CHARS)] = s->meeting_typed;
    struct rec_meeting *m = &s->meeting;
    struct val_outcome *e = s->meeting_error;
    e[UI_MEETING_NAME] = val_name(t[UI_MEETING_NAME], true, m->applicant, sizeof(m->applicant));
    e[UI_MEETING_ORG] =
        val_organization(t[UI_MEETING_ORG], false, m->organization, sizeof(m->organization));
    e[UI_MEETING_PHONE] = val_phone(t[UI_MEETING_PHONE], true, m->phone, sizeof(m->phone));
    e[UI_MEETING_SUBJECT] =
        val_text(t[UI_MEETING_SUBJECT], 3, REC_SHORT_CHARS, 0, m->subject, sizeof(m->subject));
    e[UI_MEETING_DATES] = val_text(t[UI_MEETING_DATES], 0, REC_SHORT_CHARS, 0, m->preferred_dates,
                                   sizeof(m->preferred_dates));
    m->email[0] = '\0';
    for (int i = 0; i < UI_MEETING_FIELDS; i++)
        if (e[i].code != VAL_OK)
            return false;
    return true;
}

static void field(struct ui *ui, enum ui_meeting_field f, const char *id, const char *label,
                  bool phone)
{
    struct ui_session *s = ui->session;
    char message[256] = "";
    if (s->meeting_checked && s->meeting_error[f].code != VAL_OK &&
        val_message(s->meeting_error[f], val_lang_from(s->lang), message, sizeof(message)) < 0)
        message[0] = '\0';
    ui_field(ui, id, label, s->meeting_typed[f], sizeof(s->meeting_typed[f]), phone, message);
}

static void form(struct ui *ui)
{
    struct ui_session *s = ui->session;
    if (s->meeting_checked)
        validate(s); /* messages follow what is typed */
    ui_text(ui, _("Permohonan audiensi"), UI_FONT_TITLE, 0);
    ui_text(ui,
            _("Untuk bertemu pimpinan atau pejabat kantor ini. Kami membalas dengan surat "
              "paling lambat 3 hari kerja."),
            UI_FONT_BODY, UI_MUTED);
    field(ui, UI_MEETING_NAME, "meeting.name", _("Nama pemohon"), false);
    field(ui, UI_MEETING_ORG, "meeting.org", _("Instansi, koperasi atau UMKM (boleh kosong)"),
          false);
    field(ui, UI_MEETING_PHONE, "meeting.phone", _("Nomor telepon"), true);
    field(ui, UI_MEETING_SUBJECT, "meeting.subject", _("Hal yang ingin dibicarakan"), false);
    field(ui, UI_MEETING_DATES, "meeting.dates",
          _("Tanggal yang Bapak/Ibu inginkan, satu atau dua (boleh kosong)"), false);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "meeting.cancel", _("Batal"), 0))
        ui_finish_visit(ui);
    if (ui_button(ui, "meeting.next", _("Lanjut"), UI_PRIMARY)) {
        s->meeting_checked = true;
        if (validate(s)) {
            s->notice[0] = '\0';
            ui_go(ui, &ui_screen_meeting_letter);
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon periksa isian yang diberi keterangan."));
        }
    }
}

const struct ui_screen ui_screen_meeting_form = {"meeting.form", form, true};

/* --- the letter ------------------------------------------------------------ */

static const struct ui_letter_flow *flow(void)
{
    static struct ui_letter_flow f;
    f = (struct ui_letter_flow){
        .prefix = "meeting",
        .letter = &ui_screen_meeting_letter,
        .pages = &ui_screen_meeting_pages,
        .back = &ui_screen_meeting_form,
        .next = &ui_screen_meeting_review,
        .optional = false,
        .title = _("Surat permohonan"),
        .intro = _("Permohonan audiensi disertai surat. Pindai surat Bapak/Ibu di sini, agar "
                   "petugas dapat segera membacanya."),
    };
    return &f;
}

static void letter(struct ui *ui)
{
    ui_letter_step(ui, flow());
}

static void pages(struct ui *ui)
{
    ui_letter_pages(ui, flow());
}

const struct ui_screen ui_screen_meeting_letter = {"meeting.letter", letter, true};
const struct ui_screen ui_screen_meeting_pages = {"meeting.pages", pages, true};

/* --- review ---------------------------------------------------------------- */

static void letter_line(struct ui *ui, char *buf, size_t cap)
{
    int n = ui_letter_page_count(ui);
    if (n > 0)
        snprintf(buf, cap, _("Dipindai, %d halaman"), n);
    else
        snprintf(buf, cap, "%s", _("Diserahkan kepada petugas di meja layanan"));
}

static void submit(struct ui *ui)
{
    struct ui_session *s = ui->session;
    struct store_record rec = {.kind = REC_MEETING_REQUEST, .u.meeting = &s->meeting};
    ui_letter_submit(ui, rec, "Surat permohonan audiensi",
                     _("Maaf, permohonan belum dapat disimpan. Mohon coba sekali lagi, atau "
                       "hubungi petugas."),
                     &ui_screen_meeting_done);
}

static void review(struct ui *ui)
{
    struct ui_session *s = ui->session;
    const struct rec_meeting *m = &s->meeting;
    char line[128];
    ui_text(ui, _("Mohon periksa kembali"), UI_FONT_TITLE, 0);
    ui_review_line(ui, _("Nama pemohon"), m->applicant);
    ui_review_line(ui, _("Instansi, koperasi atau UMKM"), m->organization);
    ui_review_line(ui, _("Nomor telepon"), m->phone);
    ui_review_line(ui, _("Hal yang ingin dibicarakan"), m->subject);
    ui_review_line(ui, _("Tanggal yang diinginkan"), m->preferred_dates);
    letter_line(ui, line, sizeof(line));
    ui_review_line(ui, _("Surat permohonan"), line);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "meeting.edit", _("Ubah"), 0))
        ui_go(ui, &ui_screen_meeting_form);
    if (ui_button(ui, "meeting.submit", _("Kirim"), UI_PRIMARY))
        submit(ui);
}

const struct ui_screen ui_screen_meeting_review = {"meeting.review", review, true};

/* --- done ------------------------------------------------------------------ */

static void done(struct ui *ui)
{
    struct ui_session *s = ui->session;
    ui_text(ui, _("Terima kasih, permohonan Bapak/Ibu sudah kami terima."), UI_FONT_TITLE,
            UI_CENTER);
    /* Number, code, QR and the reply's due day: the visitor may leave
     * without paper. */
    ui_ticket_card(ui, "meeting", &s->ticket);
    ui_text(ui, _("Simpan kode ini untuk memantau jawaban di menu Cek status."), UI_FONT_BODY,
            UI_CENTER);
    if (s->letter_at_desk)
        ui_text(ui,
                _("Mohon serahkan surat permohonan asli kepada petugas di meja layanan, dengan "
                  "menyebutkan nomor antrean ini."),
                UI_FONT_HEADING, UI_CENTER);
    if (ui_button(ui, "meeting.finish", _("Selesai"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_meeting_done = {"meeting.done", done, true};
