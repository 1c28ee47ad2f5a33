/*
 * test_ui_keyboard — the on-screen keyboard as data: every key fits its
 * area without overlapping, presses edit the text as a visitor expects
 * (one capital after shift, backspace takes a whole UTF-8 character, a
 * full field refuses more), and every printable ASCII character a form
 * needs can be reached by ui_kb_path() in a few presses.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/keyboard.h"

static bool overlap(struct ui_rect a, struct ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void keys_fit_and_do_not_overlap(void **state)
{
    (void)state;
    struct ui_rect areas[] = {{0, 200, 800, 280}, {0, 1200, 1080, 700}, {5, 300, 470, 500}};
    for (int layer = 0; layer < UI_KB_LAYER_COUNT; layer++) {
        for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++) {
            const struct ui_kb_key *keys;
            size_t n = ui_kb_keys((enum ui_kb_layer)layer, &keys);
            assert_true(n <= UI_KB_MAX_KEYS);
            struct ui_rect r[UI_KB_MAX_KEYS];
            ui_kb_layout((enum ui_kb_layer)layer, areas[a], 4, r);
            for (size_t i = 0; i < n; i++) {
                assert_true(r[i].w > 0 && r[i].h > 0);
                assert_true(r[i].x >= areas[a].x && r[i].y >= areas[a].y);
                assert_true(r[i].x + r[i].w <= areas[a].x + areas[a].w);
                assert_true(r[i].y + r[i].h <= areas[a].y + areas[a].h);
                for (size_t j = i + 1; j < n; j++)
                    assert_false(overlap(r[i], r[j]));
            }
        }
    }
}

static void ids_are_unique_per_layer(void **state)
{
    (void)state;
    for (int layer = 0; layer < UI_KB_LAYER_COUNT; layer++) {
        const struct ui_kb_key *keys;
        size_t n = ui_kb_keys((enum ui_kb_layer)layer, &keys);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(strncmp(keys[i].id, "kb.", 3), 0);
            for (size_t j = i + 1; j < n; j++)
                assert_string_not_equal(keys[i].id, keys[j].id);
        }
    }
}

static void shift_gives_one_capital(void **state)
{
    (void)state;
    struct ui_kb kb;
    char buf[16] = "";
    ui_kb_init(&kb, false);
    assert_int_equal(kb.layer, UI_KB_UPPER); /* a name starts with a capital */
    assert_int_equal(ui_kb_press(&kb, "kb.s", buf, sizeof(buf)), UI_KB_INSERT);
    assert_int_equal(ui_kb_press(&kb, "kb.i", buf, sizeof(buf)), UI_KB_INSERT);
    assert_string_equal(buf, "Si");
    ui_kb_press(&kb, "kb.shift", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.t", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.i", buf, sizeof(buf));
    assert_string_equal(buf, "SiTi");
    ui_kb_press(&kb, "kb.mode", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.1", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.2", buf, sizeof(buf)); /* signs stay until ABC */
    assert_string_equal(buf, "SiTi12");
    assert_int_equal(ui_kb_press(&kb, "kb.q", buf, sizeof(buf)), -ENOENT);
    assert_int_equal(ui_kb_press(&kb, "kb.done", buf, sizeof(buf)), UI_KB_DONE);
}

static void backspace_removes_whole_characters(void **state)
{
    (void)state;
    struct ui_kb kb;
    char buf[16] = "Ab\xC3\xA9"; /* "Abé" */
    ui_kb_init(&kb, false);
    ui_kb_press(&kb, "kb.backspace", buf, sizeof(buf));
    assert_string_equal(buf, "Ab");
    ui_kb_press(&kb, "kb.backspace", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.backspace", buf, sizeof(buf));
    ui_kb_press(&kb, "kb.backspace", buf, sizeof(buf));
    assert_string_equal(buf, "");
}

static void full_field_refuses_more(void **state)
{
    (void)state;
    struct ui_kb kb;
    char buf[4] = "";
    ui_kb_init(&kb, true);
    assert_int_equal(kb.layer, UI_KB_PHONE);
    for (int i = 0; i < 3; i++)
        assert_int_equal(ui_kb_press(&kb, "kb.0", buf, sizeof(buf)), UI_KB_INSERT);
    assert_int_equal(ui_kb_press(&kb, "kb.8", buf, sizeof(buf)), -ENOSPC);
    assert_string_equal(buf, "000");
}

/* Following the path from any layer types exactly the character. */
static void every_form_character_is_reachable(void **state)
{
    (void)state;
    const char *chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        " .,'-@/:()&+\"_?!;#%=*";
    for (int start = UI_KB_LOWER; start <= UI_KB_SYMBOLS; start++) {
        for (const char *c = chars; *c; c++) {
            struct ui_kb kb = {.layer = (enum ui_kb_layer)start};
            char buf[8] = "";
            const char *path[UI_KB_PATH_MAX];
            int n = ui_kb_path(kb.layer, c, 1, path);
            assert_true(n >= 1 && n <= UI_KB_PATH_MAX);
            for (int i = 0; i < n; i++)
                assert_true(ui_kb_press(&kb, path[i], buf, sizeof(buf)) >= 0);
            assert_int_equal(buf[0], *c);
            assert_int_equal(buf[1], '\0');
        }
    }
    const char *path[UI_KB_PATH_MAX];
    assert_int_equal(ui_kb_path(UI_KB_LOWER, "\xC3\xA9", 2, path), -ENOENT);
    assert_int_equal(ui_kb_path(UI_KB_PHONE, "a", 1, path), -ENOENT);
    assert_int_equal(ui_kb_path(UI_KB_PHONE, "+", 1, path), 1);
}

static void editing_happens_at_the_caret(void **state)
{
    (void)state;
    struct ui_kb kb;
    char buf[16] = "Sti";
    size_t caret = 1;
    ui_kb_init(&kb, false);
    kb.layer = UI_KB_LOWER;
    assert_int_equal(ui_kb_press_at(&kb, "kb.i", buf, sizeof(buf), &caret), UI_KB_INSERT);
    assert_string_equal(buf, "Siti");
    assert_int_equal(caret, 2);
    assert_int_equal(ui_kb_press_at(&kb, "kb.backspace", buf, sizeof(buf), &caret),
                     UI_KB_BACKSPACE);
    assert_string_equal(buf, "Sti");
    assert_int_equal(caret, 1);
    /* At the start, backspace has nothing before it. */
    caret = 0;
    ui_kb_press_at(&kb, "kb.backspace", buf, sizeof(buf), &caret);
    assert_string_equal(buf, "Sti");
    assert_int_equal(caret, 0);
    /* A caret inside a character is moved onto its start first. */
    strcpy(buf, "a\xc3\xa9"
                "b"); /* aéb */
    caret = 2;        /* inside é */
    ui_kb_press_at(&kb, "kb.backspace", buf, sizeof(buf), &caret);
    assert_string_equal(buf, "\xc3\xa9"
                             "b");
    assert_int_equal(caret, 0);
    /* Past the end means the end. */
    caret = 99;
    ui_kb_press_at(&kb, "kb.x", buf, sizeof(buf), &caret);
    assert_string_equal(buf, "\xc3\xa9"
                             "bx");
    assert_int_equal(caret, strlen(buf));
    /* A full field is left as it was, caret too. */
    char small[4] = "abc";
    caret = 1;
    assert_int_equal(ui_kb_press_at(&kb, "kb.x", small, sizeof(small), &caret), -ENOSPC);
    assert_string_equal(small, "abc");
    assert_int_equal(caret, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_fit_and_do_not_overlap),
        cmocka_unit_test(ids_are_unique_per_layer),
        cmocka_unit_test(shift_gives_one_capital),
        cmocka_unit_test(backspace_removes_whole_characters),
        cmocka_unit_test(full_field_refuses_more),
        cmocka_unit_test(every_form_character_is_reachable),
        cmocka_unit_test(editing_happens_at_the_caret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
