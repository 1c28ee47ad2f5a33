/*
 * test_ui_letter — the letter step's screens and the image widget on
 * SDL's offscreen driver, without a scanner: the scanner hook's state
 * decides whether "Pindai surat" is offered, going on without the letter
 * sends the paper to the desk (the complaint's attachment asks for none),
 * and page previews are textures that the end of a visit destroys.
 * Scanning itself is tested with SANE's test backend in test_scan_worker
 * and the tests/ui journeys.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/config.h"
#include "scan/worker.h"
#include "ui/app.h"
#include "ui/screens.h"

#include "../ui_fixture.h"

static int64_t fake_mono = 1000000, fake_wall = 1767225600000; /* 2026-01-01 */
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

static enum ui_dev_state scanner_now;
static enum ui_dev_state scanner(void *ctx, char *detail, size_t cap)
{
    (void)ctx;
    snprintf(detail, cap, "test");
    return scanner_now;
}

struct fixture {
    struct kiosk_config cfg;
    struct ui_session session;
    struct ui ui;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    config_defaults(&f->cfg);
    snprintf(f->cfg.display.video_driver, sizeof(f->cfg.display.video_driver), "offscreen");
    f->cfg.display.width_px = 800;
    f->cfg.display.height_px = 480;
    ui_session_wipe(&f->session, "id");
    f->ui.svc.cfg = &f->cfg;
    f->ui.session = &f->session;
    struct ui_clock clock = {mono, wall, NULL};
    char err[512];
    if (ui_app_open(&f->ui, &clock, err, sizeof(err)) < 0)
        fail_msg("ui_app_open: %s", err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ui_app_close(&f->ui);
    free(f);
    return 0;
}

static void open_screen(struct ui *ui, const struct ui_screen *screen)
{
    ui->screen = screen;
    ui_build(ui);
}

static void no_scanner_means_the_desk(void **state)
{
    struct fixture *f = *state;
    struct ui *ui = &f->ui;
    /* The kiosk has no scan worker at all. */
    open_screen(ui, &ui_screen_meeting_letter);
    assert_null(ui_find(ui, "meeting.scan"));
    assert_true(shows(ui, "Pemindai tidak tersedia"));
    assert_true(shows(ui, "meja layanan"));
    tap(ui, "meeting.without");
    assert_string_equal(ui->screen->id, "meeting.review");
    assert_true(f->session.letter_at_desk);
    assert_true(shows(ui, "Diserahkan kepada petugas di meja layanan"));

    /* The complaint's attachment may be skipped without any paper. */
    f->session.letter_at_desk = false;
    open_screen(ui, &ui_screen_complaint_letter);
    assert_false(shows(ui, "meja layanan"));
    tap(ui, "complaint.without");
    assert_string_equal(ui->screen->id, "complaint.review");
    assert_false(f->session.letter_at_desk);
}

static void hook_tells_the_scanner_state(void **state)
{
    struct fixture *f = *state;
    struct ui *ui = &f->ui;
    /* A worker that is never started: the hook alone decides. */
    struct scan_worker_config wc = {
        .scan = {.device = "nosuch:0", .resolution_dpi = 200},
        .jpeg_quality = 75,
        .thumb_width_px = 10,
        .thumb_height_px = 10,
    };
    struct scan_worker *w = NULL;
    assert_int_equal(scan_worker_new(&wc, &w), 0);
    ui->svc.letter = w;
    ui->svc.dev.scanner = scanner;

    scanner_now = UI_DEV_READY;
    open_screen(ui, &ui_screen_meeting_letter);
    assert_true(shows(ui, "Pemindai siap."));
    assert_non_null(ui_find(ui, "meeting.scan"));

    scanner_now = UI_DEV_ABSENT;
    ui_refresh(ui);
    assert_null(ui_find(ui, "meeting.scan"));
    assert_true(shows(ui, "Pemindai tidak tersedia"));

    scanner_now = UI_DEV_TROUBLE;
    ui_refresh(ui);
    assert_true(shows(ui, "Pemindai sedang bermasalah."));
    assert_non_null(ui_find(ui, "meeting.scan")); /* trying may tell more */

    /* Without a hook a scan is tried and reports what it finds. */
    ui->svc.dev.scanner = NULL;
    ui_refresh(ui);
    assert_non_null(ui_find(ui, "meeting.scan"));
    assert_false(shows(ui, "Pemindai siap."));
    ui->svc.letter = NULL;
    scan_worker_free(w);
}

static uint8_t grey[40 * 60];

static void image_build(struct ui *ui)
{
    struct ui_pixels px = {grey, 40, 60, 1, 40};
    ui_image(ui, "t.image", 555, &px, 90);
}
static const struct ui_screen image_screen = {"t", image_build, true};

static void previews_are_cached_and_wiped(void **state)
{
    struct fixture *f = *state;
    struct ui *ui = &f->ui;
    for (size_t i = 0; i < sizeof(grey); i++)
        grey[i] = (uint8_t)(i % 251);
    struct ui_pixels px = {grey, 40, 60, 1, 40};
    int w = 0, h = 0;
    /* The widget: a picture by key, in a box of the height asked for. */
    open_screen(ui, &image_screen);
    const struct ui_widget *img = ui_find(ui, "t.image");
    assert_non_null(img);
    assert_int_equal(img->kind, UI_W_IMAGE);
    assert_int_equal(img->image_key, 555);
    assert_int_equal(img->rect.h, 90);
    assert_non_null(ui_images_get(&ui->images, 555, &w, &h));
    assert_int_equal(ui_draw(ui), 0);
    assert_int_equal(ui_images_put(&ui->images, ui->ren, 7, &px), 0);
    assert_non_null(ui_images_get(&ui->images, 7, &w, &h));
    assert_int_equal(w, 40);
    assert_int_equal(h, 60);
    /* Declared again: the pixels are not needed, the texture stays. */
    assert_int_equal(ui_images_put(&ui->images, ui->ren, 7, NULL), 0);
    assert_int_equal(ui_images_put(&ui->images, ui->ren, 8, NULL), -EINVAL);
    assert_int_equal(ui_images_put(&ui->images, ui->ren, 0, &px), -EINVAL);
    struct ui_pixels short_rows = {grey, 40, 60, 3, 40};
    assert_int_equal(ui_images_put(&ui->images, ui->ren, 9, &short_rows), -EINVAL);

    /* More pictures than slots: the least recently declared ones go. */
    for (uint64_t key = 100; key < 100 + UI_IMAGE_SLOTS + 5; key++)
        assert_int_equal(ui_images_put(&ui->images, ui->ren, key, &px), 0);
    assert_null(ui_images_get(&ui->images, 7, &w, &h));
    assert_null(ui_images_get(&ui->images, 100, &w, &h));
    assert_non_null(ui_images_get(&ui->images, 100 + UI_IMAGE_SLOTS + 4, &w, &h));

    /* The picture is drawn into its box, and the visit's end wipes it. */
    assert_int_equal(ui_draw(ui), 0);
    ui_finish_visit(ui);
    assert_null(ui_images_get(&ui->images, 100 + UI_IMAGE_SLOTS + 4, &w, &h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(no_scanner_means_the_desk, setup, teardown),
        cmocka_unit_test_setup_teardown(hook_tells_the_scanner_state, setup, teardown),
        cmocka_unit_test_setup_teardown(previews_are_cached_and_wiped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
