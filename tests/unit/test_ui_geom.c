/*
 * test_ui_geom — rotation of the picture on the panel and of touches back
 * into it, and millimetres to pixels for touch targets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ui/geom.h"

static void picture_size_swaps_for_quarter_turns(void **state)
{
    (void)state;
    int w, h;
    ui_geom_picture_size(800, 480, 0, &w, &h);
    assert_true(w == 800 && h == 480);
    ui_geom_picture_size(800, 480, 90, &w, &h);
    assert_true(w == 480 && h == 800);
    ui_geom_picture_size(800, 480, 180, &w, &h);
    assert_true(w == 800 && h == 480);
    ui_geom_picture_size(1920, 1080, 270, &w, &h);
    assert_true(w == 1080 && h == 1920);
}

/* A picture corner lands on the panel corner the turn takes it to. */
static void corners_follow_the_turn(void **state)
{
    (void)state;
    struct ui_point top_left = {0, 0};
    struct ui_point p = ui_geom_picture_to_panel(top_left, 800, 480, 90);
    assert_int_equal(p.x, 799); /* turned clockwise: top left goes top right */
    assert_int_equal(p.y, 0);
    p = ui_geom_picture_to_panel(top_left, 800, 480, 180);
    assert_true(p.x == 799 && p.y == 479);
    p = ui_geom_picture_to_panel(top_left, 800, 480, 270);
    assert_true(p.x == 0 && p.y == 479);
    /* A touch at the panel's top right is the picture's top left at 90. */
    p = ui_geom_panel_to_picture((struct ui_point){799, 0}, 800, 480, 90);
    assert_true(p.x == 0 && p.y == 0);
}

static void touches_round_trip_at_every_turn(void **state)
{
    (void)state;
    static const int turns[] = {0, 90, 180, 270};
    static const int panels[][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    for (int t = 0; t < 4; t++) {
        for (int k = 0; k < 3; k++) {
            int pw = panels[k][0], ph = panels[k][1], w, h;
            ui_geom_picture_size(pw, ph, turns[t], &w, &h);
            for (int y = 0; y < h; y += 37) {
                for (int x = 0; x < w; x += 41) {
                    struct ui_point panel =
                        ui_geom_picture_to_panel((struct ui_point){x, y}, pw, ph, turns[t]);
                    assert_in_range(panel.x, 0, pw - 1);
                    assert_in_range(panel.y, 0, ph - 1);
                    struct ui_point back = ui_geom_panel_to_picture(panel, pw, ph, turns[t]);
                    assert_int_equal(back.x, x);
                    assert_int_equal(back.y, y);
                }
            }
        }
    }
}

static void twelve_millimetres_on_real_panels(void **state)
{
    (void)state;
    /* Raspberry Pi 7" display: 800 px over 155 mm. */
    double ppm = ui_geom_px_per_mm(800, 155);
    assert_int_equal(ui_geom_mm_to_px(UI_MIN_TARGET_MM, ppm), 62);
    /* A 21.5" 1080p portrait monitor: 1080 px over 268 mm. */
    ppm = ui_geom_px_per_mm(1080, 268);
    assert_int_equal(ui_geom_mm_to_px(UI_MIN_TARGET_MM, ppm), 49);
    /* Unknown size: a desktop's nominal 96 dpi, never zero. */
    assert_true(ui_geom_mm_to_px(UI_MIN_TARGET_MM, ui_geom_px_per_mm(0, 0)) >= 45);
}

static void rect_contains_its_edges_right(void **state)
{
    (void)state;
    struct ui_rect r = {10, 20, 30, 40};
    assert_true(ui_rect_contains(r, (struct ui_point){10, 20}));
    assert_true(ui_rect_contains(r, (struct ui_point){39, 59}));
    assert_false(ui_rect_contains(r, (struct ui_point){40, 59}));
    assert_false(ui_rect_contains(r, (struct ui_point){39, 60}));
    assert_false(ui_rect_contains(r, (struct ui_point){9, 20}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picture_size_swaps_for_quarter_turns),
        cmocka_unit_test(corners_follow_the_turn),
        cmocka_unit_test(touches_round_trip_at_every_turn),
        cmocka_unit_test(twelve_millimetres_on_real_panels),
        cmocka_unit_test(rect_contains_its_edges_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
