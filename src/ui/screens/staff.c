/*
 * staff — the technician's and staff's screens, reached from Home by
 * holding the top-left corner for a few seconds (ui_press()): a PIN on
 * the number pad, then the kiosk's state (records waiting for the hub,
 * printer, scanner, last problems) and a reprint of the last ticket.
 *
 * The one idea: nothing here is the visitor's. The PIN's digits live in
 * struct ui_staff, never in a widget (the field shows and edits one '*'
 * per digit), are handed to the checking thread and wiped at once; the
 * lockout after wrong PINs sits beside them, outside the visitor's
 * session, so going Home does not lift it. Both screens return Home on
 * the idle timeout without asking, as they hold no visitor data.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/civil.h"
#include "kiosk/errlog.h"
#include "kiosk/pin.h"
#include "ui/i18n.h"
#include "ui/pincheck.h"
#include "ui/screens.h"

static int64_t now_ms(const struct ui *ui)
{
    return ui->clock.mono_ms(ui->clock.ctx);
}

static void forget_pin(struct ui_staff *st)
{
    sodium_memzero(st->pin, sizeof(st->pin));
    sodium_memzero(st->masked, sizeof(st->masked));
}

void ui_staff_begin(struct ui *ui)
{
    if (!ui->svc.cfg->staff_pin_hash[0]) {
        errlog_add("ui", "the staff screen was asked for, but staff_pin_hash is not set; add the "
                         "line `serambi pin` prints to the configuration");
        return;
    }
    forget_pin(&ui->staff);
    ui->staff.message[0] = '\0';
    ui_go(ui, &ui_screen_staff_pin);
}

/* --- the PIN ---------------------------------------------------------------- */

/*
 * The pad typed into masked: a digit where a '*' was expected goes into
 * the PIN at the same place; fewer stars than digits means the last ones
 * were deleted. Then masked shows one '*' per digit again. Anything the
 * pad types that is not a digit (+, -) is dropped.
 */
static void take_typing(struct ui_staff *st)
{
    size_t had = strlen(st->pin), n = 0;
    char pin[sizeof(st->pin)];
    size_t from = 0; /* digits of the old PIN used so far */
    for (const char *c = st->masked; *c; c++) {
        if (*c == '*' && from < had && n + 1 < sizeof(pin))
            pin[n++] = st->pin[from++];
        else if (*c >= '0' && *c <= '9' && n + 1 < sizeof(pin))
            pin[n++] = *c;
    }
    pin[n] = '\0';
    memcpy(st->pin, pin, n + 1);
    sodium_memzero(pin, sizeof(pin));
    memset(st->masked, 0, sizeof(st->masked));
    memset(st->masked, '*', n < sizeof(st->masked) ? n : sizeof(st->masked) - 1);
}

static void wrong_pin(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    int64_t locked_ms = ui_pinlock_wrong(&st->lock, now_ms(ui));
    if (locked_ms > 0) {
        errlog_add("ui", "%d wrong staff PINs in a row: the PIN screen is locked for %lld s",
                   UI_PINLOCK_TRIES, (long long)(locked_ms / 1000));
        st->message[0] = '\0';
        return;
    }
    snprintf(st->message, sizeof(st->message), _("PIN salah. Sisa percobaan: %d."),
             ui_pinlock_tries_left(&st->lock));
}

static void check_pin(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    if (st->checking || ui_pinlock_left_ms(&st->lock, now_ms(ui)) > 0)
        return;
    ui->focus[0] = '\0';
    if (!pin_valid(st->pin)) {
        forget_pin(st);
        wrong_pin(ui);
        return;
    }
    int rc = ui_pincheck_start(ui->svc.cfg->staff_pin_hash, st->pin);
    forget_pin(st); /* the checking thread has its own copy */
    if (rc < 0) {
        errlog_add("ui", "the staff PIN could not be checked: %s", strerror(-rc));
        snprintf(st->message, sizeof(st->message), "%s",
                 _("PIN belum dapat diperiksa. Mohon coba sekali lagi."));
        return;
    }
    st->checking = true;
    st->message[0] = '\0';
}

/* The checking thread's answer, once it is there. */
static void take_answer(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    if (!st->checking)
        return;
    int rc = ui_pincheck_take();
    if (rc == -EINPROGRESS)
        return;
    st->checking = false;
    if (rc == 0) {
        ui_pinlock_right(&st->lock);
        st->message[0] = '\0';
        ui_go(ui, &ui_screen_staff);
    } else if (rc == -EACCES) {
        wrong_pin(ui);
    } else {
        errlog_add("ui",
                   "the staff PIN could not be checked: staff_pin_hash is not usable (%s); "
                   "make a new one with `serambi pin`",
                   strerror(-rc));
        snprintf(st->message, sizeof(st->message), "%s",
                 _("PIN belum dapat diperiksa. Mohon hubungi teknisi."));
    }
}

static void pin_screen(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    int64_t now = now_ms(ui);
    take_answer(ui);
    take_typing(st);
    ui_text(ui, _("Petugas"), UI_FONT_TITLE, 0);
    int64_t left_ms = ui_pinlock_left_ms(&st->lock, now);
    if (left_ms > 0) {
        ui_textf(ui, UI_FONT_BODY, UI_ERROR,
                 _("Terlalu banyak PIN salah. Coba lagi dalam %d detik."),
                 (int)((left_ms + 999) / 1000));
        /* The countdown's next second. */
        ui_redraw_at(ui, now + (left_ms % 1000 ? left_ms % 1000 : 1000));
    } else {
        ui_field(ui, "staff.pin", _("PIN petugas"), st->masked, sizeof(st->masked), true,
                 st->message);
        if (st->checking)
            ui_text(ui, _("Memeriksa PIN…"), UI_FONT_BODY, UI_MUTED);
    }
    if (left_ms == 0)
        ui_row(ui, 2);
    if (ui_button(ui, "staff.pin.cancel", _("Batal"), 0))
        ui_finish_visit(ui);
    if (left_ms == 0 && ui_button(ui, "staff.pin.ok", _("Masuk"), UI_PRIMARY))
        check_pin(ui);
}

const struct ui_screen ui_screen_staff_pin = {"staff.pin", pin_screen, false};

/* --- the kiosk's state -------------------------------------------------------- */

static const char *device_state(enum ui_dev_state s)
{
    switch (s) {
    case UI_DEV_READY:
        return _("siap");
    case UI_DEV_ABSENT:
        return _("tidak terpasang");
    case UI_DEV_TROUBLE:
        return _("bermasalah");
    default:
        return _("belum diketahui");
    }
}

static void device(struct ui *ui, const char *label,
                   enum ui_dev_state (*hook)(void *ctx, char *detail, size_t cap))
{
    char detail[160] = "";
    if (!hook) {
        ui_textf(ui, UI_FONT_BODY, 0, "%s: %s", label, _("tidak tersedia"));
        return;
    }
    enum ui_dev_state s = hook(ui->svc.dev.ctx, detail, sizeof(detail));
    ui_textf(ui, UI_FONT_BODY, s == UI_DEV_READY ? 0 : UI_ERROR, "%s: %s", label, device_state(s));
    if (detail[0])
        ui_text(ui, detail, UI_FONT_SMALL, UI_MUTED);
}

static void backlog(struct ui *ui)
{
    int64_t rows = 0, oldest_ms = 0;
    if (store_outbox_backlog(ui->svc.store, &rows, &oldest_ms) < 0) {
        ui_text(ui, _("Data yang menunggu dikirim ke hub tidak dapat dibaca."), UI_FONT_BODY,
                UI_ERROR);
        return;
    }
    ui_textf(ui, UI_FONT_BODY, 0, _("Data menunggu dikirim ke hub: %lld"), (long long)rows);
    if (rows > 0 && oldest_ms > 0) {
        int64_t waited_min = (ui->clock.wall_ms(ui->clock.ctx) - oldest_ms) / 60000;
        ui_textf(ui, UI_FONT_SMALL, UI_MUTED, _("Yang terlama sudah menunggu %lld menit."),
                 (long long)(waited_min > 0 ? waited_min : 0));
    }
}

static void last_problems(struct ui *ui)
{
    struct errlog_line lines[ERRLOG_LINES];
    size_t n = errlog_copy(lines, ERRLOG_LINES);
    ui_text(ui, _("Masalah terakhir"), UI_FONT_HEADING, 0);
    if (n == 0)
        ui_text(ui, _("Tidak ada."), UI_FONT_BODY, UI_MUTED);
    for (size_t i = 0; i < n; i++) {
        char when[32];
        int64_t local = civil_local_minutes(lines[i].utc_ms, ui->svc.cfg->utc_offset_min);
        if (civil_format_local(local, when, sizeof(when)) < 0)
            snprintf(when, sizeof(when), "-");
        ui_textf(ui, UI_FONT_SMALL, 0, "%s %s: %s", when, lines[i].module, lines[i].text);
    }
}

static void reprint(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    const char *said;
    if (!ui->svc.dev.reprint_last) {
        said = _("Cetak ulang tidak tersedia di kiosk ini.");
    } else {
        int rc = ui->svc.dev.reprint_last(ui->svc.dev.ctx);
        if (rc == 0) {
            said = _("Tiket terakhir sudah dikirim ke pencetak.");
        } else if (rc == -ENOENT) {
            said = _("Belum ada tiket yang dapat dicetak ulang.");
        } else {
            errlog_add("ui", "the last ticket was not reprinted: %s", strerror(-rc));
            said = _("Tiket belum dapat dicetak ulang; lihat masalah terakhir di bawah.");
        }
    }
    snprintf(st->message, sizeof(st->message), "%s", said);
}

static void staff_screen(struct ui *ui)
{
    struct ui_staff *st = &ui->staff;
    ui_text(ui, _("Layar petugas"), UI_FONT_TITLE, 0);
    ui_textf(ui, UI_FONT_SMALL, UI_MUTED, "%s", ui->svc.cfg->kiosk_name);
    backlog(ui);
    device(ui, _("Pencetak tiket"), ui->svc.dev.printer);
    device(ui, _("Pemindai surat"), ui->svc.dev.scanner);
    if (ui_button(ui, "staff.reprint", _("Cetak ulang tiket terakhir"), 0))
        reprint(ui);
    if (st->message[0])
        ui_text(ui, st->message, UI_FONT_BODY, 0);
    last_problems(ui);
    if (ui_button(ui, "staff.exit", _("Keluar"), UI_PRIMARY))
        ui_finish_visit(ui);
}

const struct ui_screen ui_screen_staff = {"staff", staff_screen, false};
