/*
 * test_ui_info_reload — the service information screen after the hub sent
 * new visitor texts: the UI loop reads them again once the sync worker
 * signalled, but never while a visitor is reading the screen; the next
 * time it is opened it shows the new text. Real UI on SDL's offscreen
 * driver, real files written by the sync worker's writer.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <cmocka.h>

#include "../helpers.h"
#include "kiosk/config.h"
#include "kiosk/office.h"
#include "store/store.h"
#include "sync/docfile.h"
#include "ui/app.h"
#include "ui/screens.h"

#include "../ui_fixture.h"

#define NEW_INFO "# Jam layanan baru\nMulai Senin, loket buka pukul 08.00.\n"

static int64_t fake_mono = 1000000;
static int64_t mono(void *ctx)
{
    (void)ctx;
    return fake_mono;
}
static int64_t wall(void *ctx)
{
    (void)ctx;
    return 1767225600000; /* 2026-01-01 */
}

struct fixture {
    char dir[256];
    char published[512];
    struct kiosk_config cfg;
    struct ui_session session;
    struct store *st;
    struct ui ui;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char db[512], err[512];
    assert_non_null(f);
    th_mkdtemp(f->dir, sizeof(f->dir));
    config_defaults(&f->cfg);
    snprintf(f->cfg.data_dir, sizeof(f->cfg.data_dir), "%s", f->dir);
    snprintf(f->cfg.assets_dir, sizeof(f->cfg.assets_dir), "%s", th_assets_dir());
    snprintf(f->cfg.display.video_driver, sizeof(f->cfg.display.video_driver), "offscreen");
    f->cfg.display.width_px = 800;
    f->cfg.display.height_px = 480;
    assert_int_equal(office_published_dir(&f->cfg, f->published, sizeof(f->published)), 0);
    snprintf(db, sizeof(db), "%s/kiosk.db", f->dir);
    assert_int_equal(store_open(db, &f->st, err, sizeof(err)), 0);
    ui_session_wipe(&f->session, "id");
    f->ui.svc.cfg = &f->cfg;
    f->ui.svc.store = f->st;
    f->ui.session = &f->session;
    struct ui_clock clock = {mono, wall, NULL};
    if (ui_app_open(&f->ui, &clock, err, sizeof(err)) < 0)
        fail_msg("ui_app_open: %s", err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ui_app_close(&f->ui);
    store_close(f->st);
    th_rmtree(f->dir);
    free(f);
    return 0;
}

/* One turn of the real event loop: it reloads, draws, takes the quit. */
static void loop_once(struct ui *ui)
{
    SDL_Event quit = {.type = SDL_QUIT};
    assert_int_equal(SDL_PushEvent(&quit), 1);
    assert_int_equal(ui_app_run(ui), 0);
}

static void new_text_shows_the_next_time_the_screen_opens(void **state)
{
    struct fixture *f = *state;
    struct ui *ui = &f->ui;
    assert_true(ui->info_id.count > 0);
    assert_false(strcmp(ui->info_id.blocks[0].text, "Jam layanan baru") == 0);

    /* A visitor is reading the screen when the text arrives. */
    tap(ui, "home.info");
    assert_string_equal(ui->screen->id, "info");
    assert_false(shows(ui, "Jam layanan baru"));
    assert_int_equal(
        sync_docfile_write(f->published, "office/service-info.id.txt", NEW_INFO, strlen(NEW_INFO)),
        0);
    office_published_changed();
    loop_once(ui);
    assert_false(shows(ui, "Jam layanan baru"));

    /* Back on Home the loop reads it; opened again, it shows. */
    tap(ui, "info.back");
    assert_string_equal(ui->screen->id, "home");
    loop_once(ui);
    assert_string_equal(ui->info_id.blocks[0].text, "Jam layanan baru");
    tap(ui, "home.info");
    assert_true(shows(ui, "Jam layanan baru"));
    assert_true(shows(ui, "loket buka pukul 08.00"));
    /* The English text was not published: the assets' stays. */
    assert_true(ui->info_en.count > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_text_shows_the_next_time_the_screen_opens, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
