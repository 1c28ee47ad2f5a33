/*
 * test_ui_widgets — the toolkit on SDL's offscreen driver: every touch
 * target is at least 12 mm high on real panel sizes (keyboard included),
 * a tap reaches the widget under it and nothing behind an open dialog,
 * one touch counts once even though SDL also makes a mouse click of it,
 * touches are rotated with the picture, the idle timeout wipes what a
 * visitor typed from the session and from the text cache, and a
 * paragraph field keeps its end in view and counts characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/config.h"
#include "ui/app.h"
#include "ui/screens.h"

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

static int taps;
static bool ticked;
static void test_build(struct ui *ui)
{
    ui_text(ui, "Judul", UI_FONT_TITLE, 0);
    if (ui_button(ui, "t.button", "Tombol", UI_PRIMARY))
        taps++;
    ui_check(ui, "t.check", "Centang", &ticked);
    ui_field(ui, "t.field", "Nama", ui->session->guest_typed[UI_GUEST_NAME],
             sizeof(ui->session->guest_typed[0]), false, NULL);
    ui_field(ui, "t.phone", "Telepon", ui->session->guest_typed[UI_GUEST_PHONE],
             sizeof(ui->session->guest_typed[0]), true, NULL);
}
static const struct ui_screen test_screen = {"test", test_build, true};

struct fixture {
    struct kiosk_config cfg;
    struct ui_session session;
    struct ui ui;
};

static struct fixture *open_ui(int w, int h, int rotation, int w_mm, bool large)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    config_defaults(&f->cfg);
    snprintf(f->cfg.display.video_driver, sizeof(f->cfg.display.video_driver), "offscreen");
    f->cfg.display.width_px = w;
    f->cfg.display.height_px = h;
    f->cfg.display.rotation_deg = rotation;
    f->cfg.display.width_mm = w_mm;
    ui_session_wipe(&f->session, "id");
    f->session.large_text = large;
    f->ui.svc.cfg = &f->cfg;
    f->ui.session = &f->session;
    struct ui_clock clock = {mono, wall, NULL};
    char err[512];
    fake_mono = 1000000;
    fake_wall = 1767225600000; /* 2026-01-01 */
    int rc = ui_app_open(&f->ui, &clock, err, sizeof(err));
    if (rc < 0)
        fail_msg("ui_app_open: %s", err);
    f->ui.screen = &test_screen;
    ui_build(&f->ui);
    taps = 0;
    return f;
}

static void close_ui(struct fixture *f)
{
    ui_app_close(&f->ui);
    free(f);
}

static struct ui_point middle(const struct ui *ui, const char *id)
{
    const struct ui_widget *w = ui_find(ui, id);
    assert_non_null(w);
    return (struct ui_point){w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2};
}

static void targets_are_twelve_millimetres(void **state)
{
    (void)state;
    static const struct {
        int w, h, rotation, w_mm;
    } panels[] = {
        {800, 480, 0, 155}, {800, 480, 90, 155}, {1080, 1920, 0, 268}, {1920, 1080, 0, 477}};
    for (size_t p = 0; p < sizeof(panels) / sizeof(panels[0]); p++) {
        for (int large = 0; large < 2; large++) {
            struct fixture *f =
                open_ui(panels[p].w, panels[p].h, panels[p].rotation, panels[p].w_mm, large);
            int min = ui_geom_mm_to_px(UI_MIN_TARGET_MM, f->ui.px_per_mm);
            for (int field = 0; field < 2; field++) {
                ui_tap(&f->ui, middle(&f->ui, field ? "t.phone" : "t.field"));
                assert_int_equal(f->ui.overflow, 0);
                for (int i = 0; i < f->ui.count; i++) {
                    const struct ui_widget *w = &f->ui.widgets[i];
                    if (!w->id[0] || w->kind == UI_W_QR || w->kind == UI_W_PROGRESS)
                        continue;
                    if (w->rect.h < min)
                        fail_msg("%s is %d px high on %dx%d, less than %d", w->id, w->rect.h,
                                 panels[p].w, panels[p].h, min);
                    /* Ten letters across a 480 px portrait picture cannot be
                     * 12 mm wide; everywhere else keys are. */
                    if (w->kind == UI_W_KEY && f->ui.w >= 800 && w->rect.w < min)
                        fail_msg("%s is %d px wide on %dx%d", w->id, w->rect.w, panels[p].w,
                                 panels[p].h);
                    assert_true(w->rect.x >= 0 && w->rect.x + w->rect.w <= f->ui.w);
                }
            }
            close_ui(f);
        }
    }
}

static void taps_reach_widgets_and_dialogs_block(void **state)
{
    (void)state;
    struct fixture *f = open_ui(800, 480, 0, 155, false);
    struct ui_point button = middle(&f->ui, "t.button");
    ui_tap(&f->ui, button);
    assert_int_equal(taps, 1);
    ui_tap(&f->ui, middle(&f->ui, "t.check"));
    assert_true(ticked);
    ui_tap(&f->ui, middle(&f->ui, "t.check"));
    assert_false(ticked);

    /* The idle dialog opens; the button behind it does not react. */
    fake_mono += (int64_t)f->cfg.display.idle_timeout_s * 1000;
    ui_tick(&f->ui);
    assert_non_null(ui_find(&f->ui, "idle.stay"));
    ui_tap(&f->ui, button);
    assert_int_equal(taps, 0 + 1);
    ui_tap(&f->ui, middle(&f->ui, "idle.stay"));
    assert_null(ui_find(&f->ui, "idle.stay"));
    ui_tap(&f->ui, button);
    assert_int_equal(taps, 2);
    close_ui(f);
}

static void keyboard_edits_the_focused_field(void **state)
{
    (void)state;
    struct fixture *f = open_ui(800, 480, 0, 155, false);
    ui_tap(&f->ui, middle(&f->ui, "t.field"));
    assert_string_equal(f->ui.focus, "t.field");
    ui_tap(&f->ui, middle(&f->ui, "kb.b"));
    ui_tap(&f->ui, middle(&f->ui, "kb.u"));
    ui_tap(&f->ui, middle(&f->ui, "kb.d"));
    ui_tap(&f->ui, middle(&f->ui, "kb.i"));
    assert_string_equal(f->session.guest_typed[UI_GUEST_NAME], "Budi");
    /* The field being edited stays above the keyboard. */
    const struct ui_widget *field = ui_find(&f->ui, "t.field");
    assert_true(field->rect.y >= f->ui.content.y);
    assert_true(field->rect.y + field->rect.h <= f->ui.content.y + f->ui.content.h);
    ui_tap(&f->ui, middle(&f->ui, "kb.done"));
    assert_string_equal(f->ui.focus, "");
    assert_null(ui_find(&f->ui, "kb.a"));
    close_ui(f);
}

static void idle_wipes_session_and_text_cache(void **state)
{
    (void)state;
    struct fixture *f = open_ui(800, 480, 0, 155, false);
    ui_tap(&f->ui, middle(&f->ui, "t.field"));
    const char *name = "Rahasia";
    snprintf(f->session.guest_typed[UI_GUEST_NAME], sizeof(f->session.guest_typed[0]), "%s", name);
    ui_build(&f->ui);
    ui_draw(&f->ui);
    fake_mono += (int64_t)f->cfg.display.idle_timeout_s * 1000;
    ui_tick(&f->ui);
    fake_mono += (int64_t)f->cfg.display.idle_countdown_s * 1000;
    ui_tick(&f->ui);
    assert_ptr_equal(f->ui.screen, &ui_screen_home);
    static const struct ui_session empty;
    struct ui_session expected = empty;
    snprintf(expected.lang, sizeof(expected.lang), "id");
    assert_memory_equal(&f->session, &expected, sizeof(expected));
    for (int i = 0; i < UI_TEXTCACHE_SLOTS; i++)
        if (f->ui.texts.slots[i].text)
            assert_null(strstr(f->ui.texts.slots[i].text, name));
    close_ui(f);
}

/* One finger tap, plus the mouse click SDL synthesizes from it, on a
 * picture turned 90 degrees: one tap, on the right widget. */
static void touch_counts_once_and_is_rotated(void **state)
{
    (void)state;
    struct fixture *f = open_ui(800, 480, 90, 155, false);
    assert_int_equal(f->ui.w, 480);
    assert_int_equal(f->ui.h, 800);
    struct ui_point on_panel =
        ui_geom_picture_to_panel(middle(&f->ui, "t.button"), f->ui.panel_w, f->ui.panel_h, 90);
    float x = (float)on_panel.x / (float)f->ui.panel_w;
    float y = (float)on_panel.y / (float)f->ui.panel_h;
    SDL_Event ev = {0};
    ev.type = SDL_FINGERDOWN;
    ev.tfinger.fingerId = 7;
    ev.tfinger.x = x;
    ev.tfinger.y = y;
    SDL_PushEvent(&ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.which = SDL_TOUCH_MOUSEID;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = on_panel.x;
    ev.button.y = on_panel.y;
    SDL_PushEvent(&ev);
    ev = (SDL_Event){0};
    ev.type = SDL_FINGERUP;
    ev.tfinger.fingerId = 7;
    ev.tfinger.x = x;
    ev.tfinger.y = y;
    SDL_PushEvent(&ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.which = SDL_TOUCH_MOUSEID;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = on_panel.x;
    ev.button.y = on_panel.y;
    SDL_PushEvent(&ev);
    ev = (SDL_Event){.type = SDL_QUIT};
    SDL_PushEvent(&ev);
    f->ui.screen = &test_screen; /* ui_app_run starts where it is */
    assert_int_equal(ui_app_run(&f->ui), 0);
    assert_int_equal(taps, 1);
    close_ui(f);
}

static void area_build(struct ui *ui)
{
    ui_textarea(ui, "t.area", "Isi", ui->session->complaint_body,
                sizeof(ui->session->complaint_body), REC_TEXT_CHARS, NULL);
}
static const struct ui_screen area_screen = {"area", area_build, true};

/* A paragraph longer than a widget holds keeps its end, cut at the start
 * of a character, and the counter counts characters, not bytes. */
static void textarea_keeps_the_end_and_counts_characters(void **state)
{
    (void)state;
    struct fixture *f = open_ui(800, 480, 0, 155, false);
    char *body = f->session.complaint_body;
    for (int i = 0; i < 999; i++)
        memcpy(body + 2 * i, "\xc3\xa9", 2); /* é */
    body[1998] = '\0';
    f->ui.screen = &area_screen;
    ui_build(&f->ui);
    const struct ui_widget *w = ui_find(&f->ui, "t.area");
    assert_non_null(w);
    assert_true(w->flags & UI_WRAP);
    assert_true(strlen(w->text) > 400);
    assert_int_equal((unsigned char)w->text[0], 0xc3);
    assert_int_equal(strcmp(w->text + strlen(w->text) - 2, "\xc3\xa9"), 0);
    bool counted = false;
    for (int i = 0; i < f->ui.count; i++)
        counted |= strcmp(f->ui.widgets[i].text, "999/2000") == 0;
    assert_true(counted);
    ui_tap(&f->ui, middle(&f->ui, "t.area"));
    ui_tap(&f->ui, middle(&f->ui, "kb.a"));
    assert_int_equal(strlen(body), 1999); /* "a", or "A" at the start of a sentence */
    counted = false;
    for (int i = 0; i < f->ui.count; i++)
        counted |= strcmp(f->ui.widgets[i].text, "1000/2000") == 0;
    assert_true(counted);
    close_ui(f);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_are_twelve_millimetres),
        cmocka_unit_test(taps_reach_widgets_and_dialogs_block),
        cmocka_unit_test(keyboard_edits_the_focused_field),
        cmocka_unit_test(idle_wipes_session_and_text_cache),
        cmocka_unit_test(touch_counts_once_and_is_rotated),
        cmocka_unit_test(textarea_keeps_the_end_and_counts_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
