/*
 * survey — the public-service satisfaction survey (Survei Kepuasan
 * Masyarakat, PermenPAN-RB 14/2017): its 9 elements, each asked as one
 * plain question answered 1 (not good) to 4 (very good), an optional
 * comment, and a thank-you. "Kirim" commits through intake_submit(); a
 * survey gets no ticket, since it asks nothing back of the office.
 *
 * Nothing personal is asked, so the answers cannot be traced to a visitor.
 */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "ui/i18n.h"
#include "ui/screens.h"
#include "ui/submit.h"

/* The elements in the order of the regulation; one short question each. */
static const char *const questions[REC_SKM_ELEMENTS] = {
    N_("1. Persyaratan: apakah persyaratan layanan jelas dan sesuai?"),
    N_("2. Prosedur: apakah cara mendapatkan layanan mudah diikuti?"),
    N_("3. Waktu: apakah layanan selesai sesuai waktu yang dijanjikan?"),
    N_("4. Biaya: apakah biaya sesuai ketentuan (layanan ini gratis)?"),
    N_("5. Hasil: apakah hasil layanan sesuai yang dijanjikan?"),
    N_("6. Kemampuan petugas: apakah petugas menguasai pekerjaannya?"),
    N_("7. Sikap petugas: apakah petugas sopan dan ramah?"),
    N_("8. Pengaduan dan saran: apakah pengaduan dan saran ditanggapi dengan baik?"),
    N_("9. Sarana: apakah ruang tunggu dan fasilitasnya nyaman?"),
};

static const char *const answers[VAL_SCORE_MAX] = {
    N_("1 Tidak baik"),
    N_("2 Kurang baik"),
    N_("3 Baik"),
    N_("4 Sangat baik"),
};

/* The cleaned answers go to s->survey; false while one is missing or the
 * comment does not pass. */
static bool validate(struct ui_session *s, struct val_outcome *comment)
{
    bool ok = true;
    for (int i = 0; i < REC_SKM_ELEMENTS; i++) {
        if (val_score(s->survey_score[i]).code != VAL_OK)
            ok = false;
        else
            s->survey.scores[i] = (uint8_t)s->survey_score[i];
    }
    *comment = val_text(s->survey_comment, 0, REC_COMMENT_CHARS, TEXT_MULTILINE, s->survey.comment,
                        sizeof(s->survey.comment));
    return ok && comment->code == VAL_OK;
}

static void submit(struct ui *ui)
{
    struct ui_session *s = ui->session;
    struct store_record rec = {.kind = REC_SURVEY, .u.survey = &s->survey};
    ui_submit(ui, rec,
              _("Maaf, jawaban belum dapat disimpan. Mohon coba sekali lagi, atau hubungi "
                "petugas."),
              &ui_screen_survey_done);
}

static void form(struct ui *ui)
{
    struct ui_session *s = ui->session;
    struct val_outcome comment = {VAL_OK, 0};
    char msg[256] = "", id[UI_ID_MAX];
    if (s->survey_checked && !validate(s, &comment) && comment.code != VAL_OK &&
        val_message(comment, val_lang_from(s->lang), msg, sizeof(msg)) < 0)
        msg[0] = '\0';
    ui_text(ui, _("Survei Kepuasan Masyarakat"), UI_FONT_TITLE, 0);
    ui_text(ui,
            _("Mohon nilai layanan kami hari ini. Tidak perlu menulis nama. Pilih 1 sampai 4 "
              "untuk setiap pertanyaan."),
            UI_FONT_BODY, 0);
    /* Two answers a row on a narrow column keeps every label on one line. */
    int per_row = ui->w > ui->h && ui->w >= 1000 ? VAL_SCORE_MAX : 2;
    for (int q = 0; q < REC_SKM_ELEMENTS; q++) {
        ui_space(ui, ui->theme.gap_px / 2);
        ui_text(ui, _(questions[q]), UI_FONT_BODY, 0);
        if (s->survey_checked && !s->survey_score[q])
            ui_text(ui, _("Mohon pilih salah satu jawaban."), UI_FONT_BODY, UI_ERROR);
        for (int a = 1; a <= VAL_SCORE_MAX; a++) {
            if ((a - 1) % per_row == 0)
                ui_row(ui, per_row);
            snprintf(id, sizeof(id), "survey.q%d.%d", q + 1, a);
            ui_radio(ui, id, _(answers[a - 1]), &s->survey_score[q], a);
        }
    }
    ui_space(ui, ui->theme.gap_px / 2);
    ui_textarea(ui, "survey.comment", _("Saran atau komentar (boleh kosong)"), s->survey_comment,
                sizeof(s->survey_comment), REC_COMMENT_CHARS, msg);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_row(ui, 2);
    if (ui_button(ui, "survey.cancel", _("Batal"), 0))
        ui_finish_visit(ui);
    if (ui_button(ui, "survey.submit", _("Kirim"), UI_PRIMARY)) {
        s->survey_checked = true;
        if (validate(s, &comment)) {
            s->notice[0] = '\0';
            submit(ui);
        } else {
            snprintf(s->notice, sizeof(s->notice), "%s",
                     _("Mohon jawab setiap pertanyaan yang diberi keterangan."));
        }
    }
}

const struct ui_screen ui_screen_survey = {"survey", form, true};

static void done(struct ui *ui)
{
    ui_text(ui, _("Terima kasih atas penilaian Bapak/Ibu."), UI_FONT_TITLE, UI_CENTER);
    ui_text(ui, _("Jawaban Anda membantu kami memperbaiki pelayanan."), UI_FONT_BODY, UI_CENTER);
    if (ui_button(ui, "survey.finish", _("Selesai"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_survey_done = {"survey.done", done, true};
