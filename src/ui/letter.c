/*
 * letter — the shared letter step; see letter.h.
 *
 * The screens poll the scan worker on every build: a build follows each
 * touch and each wake the worker sends, so progress, the end of a scan
 * and its problem show as soon as they happen, and the UI thread never
 * waits for the scanner.
 */
#include "ui/letter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/worker.h"
#include "ui/i18n.h"
#include "ui/submit.h"

/* "PREFIX.name" or "PREFIX.name.N" (N from 1) into id. */
static const char *wid(char id[UI_ID_MAX], const struct ui_letter_flow *f, const char *name, int n)
{
    if (n > 0)
        snprintf(id, UI_ID_MAX, "%s.%s.%d", f->prefix, name, n);
    else
        snprintf(id, UI_ID_MAX, "%s.%s", f->prefix, name);
    return id;
}

static struct scan_worker_status poll(struct ui *ui)
{
    struct scan_worker_status st = {.state = SCAN_WORKER_IDLE, .problem = SCAN_OK};
    if (ui->svc.letter)
        scan_worker_poll(ui->svc.letter, &st);
    return st;
}

static int page_limit(const struct ui *ui)
{
    return ui->svc.cfg->scan_max_pages;
}

static void start(struct ui *ui, int replace_index)
{
    struct ui_session *s = ui->session;
    int rc = scan_worker_start(ui->svc.letter, replace_index);
    if (rc == 0) {
        s->letter_waiting = true;
        s->notice[0] = '\0';
    } else if (rc == -EFBIG) {
        snprintf(s->notice, sizeof(s->notice),
                 _("Surat sudah %d halaman, sebanyak yang dapat dipindai di sini. Halaman "
                   "berikutnya mohon diserahkan kepada petugas."),
                 page_limit(ui));
    } else {
        snprintf(s->notice, sizeof(s->notice), "%s",
                 _("Maaf, pemindaian belum dapat dimulai. Mohon coba sekali lagi."));
    }
}

/* While a scan runs: which page, and the way to stop it. true when it runs. */
static bool scanning(struct ui *ui, const struct ui_letter_flow *f,
                     const struct scan_worker_status *st)
{
    char id[UI_ID_MAX];
    if (st->state != SCAN_WORKER_SCANNING)
        return false;
    ui_textf(ui, UI_FONT_HEADING, 0, _("Sedang memindai halaman %d ..."), st->scanning_page + 1);
    int limit = page_limit(ui);
    ui_progress(ui, wid(id, f, "progress", 0),
                limit > 0 ? (st->pages + st->scanning_page) * 1000 / limit : 0);
    ui_text(ui, _("Mohon tunggu, jangan tarik kertas dari pemindai."), UI_FONT_BODY, UI_MUTED);
    if (ui_button(ui, wid(id, f, "cancel", 0), _("Batalkan pemindaian"), 0))
        scan_worker_cancel(ui->svc.letter);
    return true;
}

/* The last scan's problem in the visitor's words. */
static void problem(struct ui *ui, const struct scan_worker_status *st)
{
    if (st->problem == SCAN_OK)
        return;
    const struct scan_problem_text *t = scan_problem_text(st->problem);
    bool english = strcmp(ui->session->lang, "en") == 0;
    ui_text(ui, english ? t->en : t->id, UI_FONT_BODY, UI_ERROR);
}

static enum ui_dev_state scanner_state(struct ui *ui)
{
    char detail[128];
    if (!ui->svc.letter)
        return UI_DEV_ABSENT;
    if (!ui->svc.dev.scanner)
        return UI_DEV_UNKNOWN; /* no watcher: a scan will tell */
    return ui->svc.dev.scanner(ui->svc.dev.ctx, detail, sizeof(detail));
}

/* Going on without scanning: for a letter the paper goes to the desk. */
static void without(struct ui *ui, const struct ui_letter_flow *f, bool trouble)
{
    char id[UI_ID_MAX];
    struct ui_session *s = ui->session;
    if (!f->optional)
        ui_text(ui,
                trouble ? _("Bapak/Ibu tetap dapat melanjutkan permohonan tanpa memindai. Mohon "
                            "serahkan surat aslinya kepada petugas di meja layanan.")
                        : _("Tidak dapat memindai? Bapak/Ibu tetap dapat melanjutkan, lalu "
                            "menyerahkan surat aslinya kepada petugas di meja layanan."),
                UI_FONT_BODY, 0);
    if (ui_button(ui, wid(id, f, "without", 0),
                  f->optional ? _("Lewati, tanpa lampiran") : _("Lanjut tanpa memindai surat"),
                  trouble ? UI_PRIMARY : 0)) {
        if (ui->svc.letter)
            scan_worker_discard(ui->svc.letter);
        s->letter_at_desk = !f->optional;
        s->letter_waiting = false;
        s->notice[0] = '\0';
        ui_go(ui, f->next);
    }
}

void ui_letter_step(struct ui *ui, const struct ui_letter_flow *f)
{
    struct ui_session *s = ui->session;
    struct scan_worker_status st = poll(ui);
    char id[UI_ID_MAX];
    ui_text(ui, f->title, UI_FONT_TITLE, 0);
    ui_text(ui, f->intro, UI_FONT_BODY, 0);
    if (scanning(ui, f, &st))
        return;
    if (s->letter_waiting) {
        s->letter_waiting = false;
        if (st.problem == SCAN_OK && st.pages > 0) {
            ui_go(ui, f->pages);
            return;
        }
    }
    enum ui_dev_state dev = scanner_state(ui);
    switch (dev) {
    case UI_DEV_READY:
        if (st.problem == SCAN_OK) /* after a problem, the problem is what counts */
            ui_text(ui, _("Pemindai siap."), UI_FONT_BODY, UI_MUTED);
        break;
    case UI_DEV_ABSENT:
        ui_text(ui, _("Pemindai tidak tersedia saat ini."), UI_FONT_BODY, UI_ERROR);
        break;
    case UI_DEV_TROUBLE:
        ui_text(ui, _("Pemindai sedang bermasalah."), UI_FONT_BODY, UI_ERROR);
        break;
    default:
        break;
    }
    problem(ui, &st);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    bool trouble =
        dev == UI_DEV_ABSENT || (st.problem != SCAN_OK && st.problem != SCAN_PROBLEM_CANCELLED);
    if (dev != UI_DEV_ABSENT) {
        if (st.pages > 0) {
            ui_textf(ui, UI_FONT_BODY, 0, _("%d halaman sudah dipindai."), st.pages);
            if (ui_button(ui, wid(id, f, "review_pages", 0), _("Lihat halaman"), UI_PRIMARY))
                ui_go(ui, f->pages);
        } else {
            ui_text(ui,
                    strcmp(ui->svc.cfg->scan_source, "flatbed") == 0
                        ? _("Letakkan halaman pertama menghadap ke bawah di kaca pemindai, lalu "
                            "sentuh Pindai surat.")
                        : _("Letakkan semua halaman surat di pengumpan pemindai, lalu sentuh "
                            "Pindai surat."),
                    UI_FONT_BODY, 0);
            if (ui_button(ui, wid(id, f, "scan", 0), _("Pindai surat"), trouble ? 0 : UI_PRIMARY))
                start(ui, -1);
        }
    }
    without(ui, f, trouble);
    if (ui_button(ui, wid(id, f, "back", 0), _("Kembali"), 0)) {
        s->notice[0] = '\0';
        ui_go(ui, f->back);
    }
}

void ui_letter_pages(struct ui *ui, const struct ui_letter_flow *f)
{
    struct ui_session *s = ui->session;
    struct scan_worker_status st = poll(ui);
    char id[UI_ID_MAX];
    ui_text(ui, _("Periksa halaman surat"), UI_FONT_TITLE, 0);
    if (scanning(ui, f, &st))
        return;
    s->letter_waiting = false;
    if (st.pages == 0) {
        ui_go(ui, f->letter);
        return;
    }
    problem(ui, &st);
    if (st.problem != SCAN_OK)
        ui_text(ui, _("Halaman yang sudah dipindai tetap tersimpan."), UI_FONT_BODY, UI_MUTED);
    if (s->notice[0])
        ui_text(ui, s->notice, UI_FONT_BODY, UI_ERROR);
    ui_textf(ui, UI_FONT_BODY, 0,
             _("%d halaman dipindai. Mohon periksa apakah setiap halaman terbaca."), st.pages);
    int rescan = -1, remove = -1;
    for (int i = 0; i < st.pages; i++) {
        uint64_t serial = 0;
        const struct scan_image *th = scan_worker_thumbnail(ui->svc.letter, i, &serial);
        if (!th)
            continue;
        struct ui_pixels px = {th->data, th->width_px, th->height_px, 1, th->stride_bytes};
        ui_textf(ui, UI_FONT_HEADING, 0, _("Halaman %d"), i + 1);
        ui_image(ui, wid(id, f, "page", i + 1), serial, &px, ui->theme.target_px * 4);
        ui_row(ui, 2);
        if (ui_button(ui, wid(id, f, "rescan", i + 1), _("Pindai ulang"), 0))
            rescan = i;
        if (ui_button(ui, wid(id, f, "remove", i + 1), _("Hapus halaman"), 0))
            remove = i;
    }
    if (rescan >= 0)
        start(ui, rescan);
    if (remove >= 0 && scan_worker_remove(ui->svc.letter, remove) == 0)
        s->notice[0] = '\0';
    if (page_limit(ui) <= 0 || st.pages < page_limit(ui)) {
        if (ui_button(ui, wid(id, f, "add", 0), _("Tambah halaman"), 0))
            start(ui, -1);
    } else {
        ui_textf(ui, UI_FONT_BODY, UI_MUTED,
                 _("Batas %d halaman tercapai. Halaman lainnya mohon diserahkan kepada petugas."),
                 page_limit(ui));
    }
    ui_row(ui, 2);
    if (ui_button(ui, wid(id, f, "pages_back", 0), _("Kembali"), 0)) {
        s->notice[0] = '\0';
        ui_go(ui, f->letter);
    }
    if (ui_button(ui, wid(id, f, "next", 0), _("Lanjut"), UI_PRIMARY)) {
        s->letter_at_desk = false;
        s->notice[0] = '\0';
        ui_go(ui, f->next);
    }
}

int ui_letter_page_count(const struct ui *ui)
{
    if (!ui->svc.letter || ui->session->letter_at_desk)
        return 0;
    return scan_worker_page_count(ui->svc.letter);
}

int ui_letter_submit(struct ui *ui, struct store_record rec, const char *title,
                     const char *failed_text, const struct ui_screen *done)
{
    struct ui_session *s = ui->session;
    struct store_letter letter = {0};
    uint8_t *pdf = NULL;
    int rc;
    char code[TRACKING_SIZE] = "";
    if (ui_letter_page_count(ui) > 0) {
        /* The letter carries the code the visitor is given: drawn now,
         * kept by the commit below. */
        rc = store_draw_tracking(ui->svc.store, code);
        if (rc < 0) {
            fprintf(stderr, "serambi: ui: no tracking code for the scanned letter: %s\n",
                    strerror(-rc));
            snprintf(s->notice, sizeof(s->notice), "%s", failed_text);
            return rc;
        }
        rec.tracking_code = code;
        struct scan_pdf_info info = {
            .title = title,
            .tracking_code = code,
            .created_ms = ui->clock.wall_ms(ui->clock.ctx),
            .utc_offset_min = ui->svc.cfg->utc_offset_min,
        };
        rc = scan_worker_pdf(ui->svc.letter, &info, &pdf, &letter.len, &letter.pages);
        if (rc < 0) {
            fprintf(stderr, "serambi: ui: the scanned letter could not be made a PDF: %s\n",
                    strerror(-rc));
            snprintf(s->notice, sizeof(s->notice), "%s", failed_text);
            return rc;
        }
        letter.pdf = pdf;
        rec.letter = &letter;
    }
    rc = ui_submit(ui, rec, failed_text, done);
    free(pdf);
    if (rc == 0 && ui->svc.letter)
        scan_worker_discard(ui->svc.letter); /* it is in the store now */
    return rc;
}
