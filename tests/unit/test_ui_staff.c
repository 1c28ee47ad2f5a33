/*
 * test_ui_staff — the staff screens on SDL's offscreen driver with a real
 * store: only a long hold in the top-left corner of Home opens the PIN
 * screen (a short press or a tap there does not, nor a hold elsewhere,
 * nor any hold without a configured hash); the PIN's digits never reach
 * a widget and are wiped after the check; and the staff screen says
 * "not available" plainly for every device hook the kiosk lacks.
 *
 * The device hooks of the second case are fakes standing in for the
 * printer and scanner workers, to check what the screen makes of each
 * answer; the workers themselves are tested with real devices elsewhere.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../helpers.h"
#include "kiosk/config.h"
#include "kiosk/errlog.h"
#include "kiosk/pin.h"
#include "store/store.h"
#include "ui/app.h"
#include "ui/screens.h"

#include "../ui_fixture.h"

#define PIN "246810"

static int64_t fake_mono, fake_wall;
static int64_t mono(void *ctx)
{
    (void)ctx;
    return fake_mono;
}
static int64_t wall(void *ctx)
{
    (void)ctx;
    return fake_wall;
}

struct fixture {
    char dir[256];
    struct kiosk_config cfg;
    struct ui_session session;
    struct store *st;
    struct ui ui;
};

static struct fixture *open_ui(bool with_pin)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char db[512], err[512];
    assert_non_null(f);
    th_mkdtemp(f->dir, sizeof(f->dir));
    snprintf(db, sizeof(db), "%s/kiosk.db", f->dir);
    assert_int_equal(store_open(db, &f->st, err, sizeof(err)), 0);
    config_defaults(&f->cfg);
    snprintf(f->cfg.display.video_driver, sizeof(f->cfg.display.video_driver), "offscreen");
    f->cfg.display.width_px = 800;
    f->cfg.display.height_px = 480;
    if (with_pin)
        assert_int_equal(pin_hash(PIN, f->cfg.staff_pin_hash), 0);
    ui_session_wipe(&f->session, "id");
    f->ui.svc.cfg = &f->cfg;
    f->ui.svc.store = f->st;
    f->ui.session = &f->session;
    struct ui_clock clock = {mono, wall, NULL};
    fake_mono = 1000000;
    fake_wall = 1767225600000; /* 2026-01-01 */
    if (ui_app_open(&f->ui, &clock, err, sizeof(err)) < 0)
        fail_msg("ui_app_open: %s", err);
    return f;
}

static void close_ui(struct fixture *f)
{
    ui_app_close(&f->ui);
    store_close(f->st);
    th_rmtree(f->dir);
    free(f);
}

/* Builds again until the checking thread has answered (at most 20 s). */
static void await_check(struct ui *ui)
{
    const struct timespec step = {0, 5L * 1000 * 1000};
    for (int i = 0; i < 4000 && ui->staff.checking; i++) {
        (void)ui_app_take_wake();
        ui_refresh(ui);
        nanosleep(&step, NULL);
    }
    assert_false(ui->staff.checking);
}

static void only_a_long_hold_in_the_corner_of_home(void **state)
{
    (void)state;
    struct fixture *f = open_ui(true);
    struct ui *ui = &f->ui;
    struct ui_point corner = {4, 4};
    assert_string_equal(ui->screen->id, "home");
    ui_tap(ui, corner);
    assert_string_equal(ui->screen->id, "home");
    ui_press(ui, corner, 500);
    assert_string_equal(ui->screen->id, "home");
    ui_press(ui, corner, UI_STAFF_HOLD_MS - 1);
    assert_string_equal(ui->screen->id, "home");
    /* Held long in the middle of the header: only a tap there. */
    ui_press(ui, (struct ui_point){ui->w / 2, 4}, UI_STAFF_HOLD_MS * 2);
    assert_string_equal(ui->screen->id, "home");
    /* Held long on a button: that button's tap, nothing more. */
    const struct ui_widget *info = ui_find(ui, "home.info");
    assert_non_null(info);
    ui_press(ui, (struct ui_point){info->rect.x + 2, info->rect.y + 2}, UI_STAFF_HOLD_MS);
    assert_string_equal(ui->screen->id, "info");
    /* Away from Home a hold in the corner opens nothing. */
    ui_press(ui, corner, UI_STAFF_HOLD_MS);
    assert_string_equal(ui->screen->id, "info");
    tap(ui, "home");
    ui_press(ui, corner, UI_STAFF_HOLD_MS);
    assert_string_equal(ui->screen->id, "staff.pin");
    close_ui(f);
}

static void no_hash_no_staff_screen(void **state)
{
    (void)state;
    struct fixture *f = open_ui(false);
    struct errlog_line line;
    errlog_clear();
    ui_press(&f->ui, (struct ui_point){4, 4}, UI_STAFF_HOLD_MS);
    assert_string_equal(f->ui.screen->id, "home");
    assert_int_equal(errlog_copy(&line, 1), 1);
    assert_non_null(strstr(line.text, "staff_pin_hash is not set"));
    close_ui(f);
}

static void pin_digits_never_reach_a_widget(void **state)
{
    (void)state;
    struct fixture *f = open_ui(true);
    struct ui *ui = &f->ui;
    ui_press(ui, (struct ui_point){4, 4}, UI_STAFF_HOLD_MS);
    assert_string_equal(ui->screen->id, "staff.pin");
    tap(ui, "staff.pin");
    const char *keys[] = {"kb.2", "kb.4", "kb.6", "kb.8", "kb.1", "kb.9", "kb.backspace", "kb.0"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        tap(ui, keys[i]);
    assert_string_equal(ui->staff.pin, PIN);
    assert_true(shows(ui, "******"));
    for (int i = 0; i < ui->count; i++) {
        const struct ui_widget *w = &ui->widgets[i];
        if (w->kind == UI_W_FIELD &&
            (strpbrk(w->text, "0123456789") || (w->buf && strpbrk(w->buf, "0123456789"))))
            fail_msg("widget '%s' holds digits", w->id);
    }
    tap(ui, "kb.backspace");
    tap(ui, "kb.backspace");
    tap(ui, "kb.plus"); /* the pad's signs are no digits */
    tap(ui, "kb.7");
    tap(ui, "kb.1");
    assert_string_equal(ui->staff.pin, "246871");
    assert_string_equal(ui->staff.masked, "******");
    tap(ui, "staff.pin.ok");
    /* Handed to the checking thread and wiped at once. */
    assert_true(ui->staff.checking);
    assert_string_equal(ui->staff.pin, "");
    assert_string_equal(ui->staff.masked, "");
    await_check(ui);
    assert_string_equal(ui->screen->id, "staff.pin");
    assert_true(shows(ui, "PIN salah. Sisa percobaan: 2."));

    tap(ui, "staff.pin");
    for (const char *c = PIN; *c; c++) {
        char key[8];
        snprintf(key, sizeof(key), "kb.%c", *c);
        tap(ui, key);
    }
    tap(ui, "staff.pin.ok");
    await_check(ui);
    if (strcmp(ui->screen->id, "staff") != 0)
        fail_msg("still on %s: '%s'", ui->screen->id, ui->staff.message);
    assert_int_equal(ui_pinlock_tries_left(&ui->staff.lock), UI_PINLOCK_TRIES);
    close_ui(f);
}

/* --- the staff screen with and without device hooks ------------------------- */

static int reprint_rc;
static int reprints;
static enum ui_dev_state fake_printer(void *ctx, char *detail, size_t cap)
{
    (void)ctx;
    snprintf(detail, cap, "ticket: paper out");
    return UI_DEV_TROUBLE;
}
static enum ui_dev_state fake_scanner(void *ctx, char *detail, size_t cap)
{
    (void)ctx;
    (void)detail;
    (void)cap;
    return UI_DEV_READY;
}
static int fake_reprint(void *ctx)
{
    (void)ctx;
    reprints++;
    return reprint_rc;
}

static void open_staff(struct ui *ui)
{
    ui_press(ui, (struct ui_point){4, 4}, UI_STAFF_HOLD_MS);
    tap(ui, "staff.pin");
    for (const char *c = PIN; *c; c++) {
        char key[8];
        snprintf(key, sizeof(key), "kb.%c", *c);
        tap(ui, key);
    }
    tap(ui, "staff.pin.ok");
    await_check(ui);
    assert_string_equal(ui->screen->id, "staff");
}

static void devices_without_hooks_are_not_available(void **state)
{
    (void)state;
    struct fixture *f = open_ui(true);
    struct ui *ui = &f->ui;
    open_staff(ui);
    assert_true(shows(ui, "Data menunggu dikirim ke hub: 0"));
    assert_true(shows(ui, "Pencetak tiket: tidak tersedia"));
    assert_true(shows(ui, "Pemindai surat: tidak tersedia"));
    tap(ui, "staff.reprint");
    assert_true(shows(ui, "Cetak ulang tidak tersedia di kiosk ini."));
    tap(ui, "staff.exit");
    assert_string_equal(ui->screen->id, "home");
    assert_string_equal(ui->staff.message, "");
    close_ui(f);
}

static void devices_with_hooks_say_their_state(void **state)
{
    (void)state;
    struct fixture *f = open_ui(true);
    struct ui *ui = &f->ui;
    ui->svc.dev = (struct ui_devices){
        .printer = fake_printer, .scanner = fake_scanner, .reprint_last = fake_reprint};
    errlog_clear();
    open_staff(ui);
    assert_true(shows(ui, "Pencetak tiket: bermasalah"));
    assert_true(shows(ui, "ticket: paper out"));
    assert_true(shows(ui, "Pemindai surat: siap"));
    assert_true(shows(ui, "Tidak ada."));
    reprint_rc = 0;
    tap(ui, "staff.reprint");
    assert_true(shows(ui, "Tiket terakhir sudah dikirim ke pencetak."));
    reprint_rc = -ENOENT;
    tap(ui, "staff.reprint");
    assert_true(shows(ui, "Belum ada tiket yang dapat dicetak ulang."));
    reprint_rc = -EIO;
    tap(ui, "staff.reprint");
    assert_true(shows(ui, "Tiket belum dapat dicetak ulang"));
    assert_int_equal(reprints, 3);
    /* The failure is among the last problems, for the technician. */
    assert_true(shows(ui, "the last ticket was not reprinted"));
    close_ui(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_a_long_hold_in_the_corner_of_home),
        cmocka_unit_test(no_hash_no_staff_screen),
        cmocka_unit_test(pin_digits_never_reach_a_widget),
        cmocka_unit_test(devices_without_hooks_are_not_available),
        cmocka_unit_test(devices_with_hooks_say_their_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
