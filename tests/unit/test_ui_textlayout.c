/*
 * Line breaking and caret placement of typed text, with a measure of 10
 * pixels per character so that every break can be worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/textlayout.h"

/* 10 px per character, counting code points, not bytes. */
static int mono(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0u) != 0x80u;
    return n * 10;
}

static int wrap(const char *text, int width, struct ui_line *lines, int max)
{
    return ui_layout_wrap(text, strlen(text), width, mono, NULL, lines, max);
}

/* Line i as a string, for readable assertions. */
static const char *line(const char *text, const struct ui_line *l, char *buf)
{
    memcpy(buf, text + l->start, l->len);
    buf[l->len] = '\0';
    return buf;
}

static void words_wrap_between_words(void **state)
{
    (void)state;
    struct ui_line l[8];
    char buf[64];
    const char *t = "pelayanan lambat sekali hari ini";
    int n = wrap(t, 150, l, 8); /* 15 characters a line */
    assert_int_equal(n, 3);
    assert_string_equal(line(t, &l[0], buf), "pelayanan "); /* "pelayanan lambat" is 16 */
    assert_string_equal(line(t, &l[1], buf), "lambat sekali ");
    assert_string_equal(line(t, &l[2], buf), "hari ini");
    /* The lines cover the text without gaps. */
    assert_int_equal(l[1].start, l[0].start + l[0].len);
    assert_int_equal(l[2].start + l[2].len, strlen(t));
}

static void a_long_word_breaks_between_characters(void **state)
{
    (void)state;
    struct ui_line l[8];
    char buf[64];
    const char *t = "abcdefghijkl mn";
    int n = wrap(t, 50, l, 8);
    assert_int_equal(n, 3);
    assert_string_equal(line(t, &l[0], buf), "abcde");
    assert_string_equal(line(t, &l[1], buf), "fghij");
    assert_string_equal(line(t, &l[2], buf), "kl mn"); /* exactly 50: fits */
    /* Narrower than one character: one character a line, never stuck. */
    n = wrap("\xc3\xa9t\xc3\xa9", 5, l, 8);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].len, 2);
    assert_int_equal(l[1].len, 1);
}

static void newlines_end_lines(void **state)
{
    (void)state;
    struct ui_line l[8];
    char buf[64];
    const char *t = "satu\ndua\n";
    int n = wrap(t, 500, l, 8);
    assert_int_equal(n, 3);
    assert_string_equal(line(t, &l[0], buf), "satu\n");
    assert_string_equal(line(t, &l[1], buf), "dua\n");
    assert_int_equal(l[2].start, strlen(t)); /* the empty line to type on */
    assert_int_equal(l[2].len, 0);
    n = wrap("", 100, l, 8);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].len, 0);
}

static void too_many_lines_are_counted_not_written(void **state)
{
    (void)state;
    struct ui_line l[2] = {{99, 99}, {99, 99}};
    assert_int_equal(wrap("a b c d e", 10, l, 1), 5);
    assert_int_equal(l[1].start, 99); /* untouched */
}

static void the_caret_belongs_to_the_start_of_a_line(void **state)
{
    (void)state;
    struct ui_line l[8];
    const char *t = "pelayanan lambat sekali";
    int n = wrap(t, 150, l, 8);
    assert_int_equal(ui_layout_line_of(l, n, 0), 0);
    assert_int_equal(ui_layout_line_of(l, n, 9), 0);
    assert_int_equal(ui_layout_line_of(l, n, 10), 1); /* the start of "lambat" */
    assert_int_equal(ui_layout_line_of(l, n, strlen(t)), n - 1);
}

static void a_tap_finds_the_nearest_gap_between_characters(void **state)
{
    (void)state;
    const char *t = "ab\xc3\xa9"
                    "d\n";
    struct ui_line all = {0, strlen(t)};
    assert_int_equal(ui_layout_offset_at(t, all, -30, mono, NULL), 0);
    assert_int_equal(ui_layout_offset_at(t, all, 4, mono, NULL), 0);
    assert_int_equal(ui_layout_offset_at(t, all, 6, mono, NULL), 1);
    assert_int_equal(ui_layout_offset_at(t, all, 24, mono, NULL), 2);
    assert_int_equal(ui_layout_offset_at(t, all, 27, mono, NULL), 4); /* after é: 2 bytes */
    /* Far right: the end of the line, before its newline. */
    assert_int_equal(ui_layout_offset_at(t, all, 900, mono, NULL), 5);
}

/* Any edit, laid out again from the old lines, gives exactly what laying
 * out the whole text gives: random texts of words, long words and
 * newlines, random inserts and deletes anywhere. */
static void rewrap_equals_a_fresh_layout(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a ", "lama ", "sekali, ",           "\n",      "abcdefghijklmnop",
        "  ", "di ",   "\xc3\xa9t\xc3\xa9 ", "loket. ", "x"};
    uint64_t x = 88172645463325252ull;
    char before[1200], after[1200];
    struct ui_line lines[256], fresh[256];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        before[0] = '\0';
        for (int w = 0; w < 60; w++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            const char *p = pieces[x % 10];
            if (len + strlen(p) >= 600)
                break;
            memcpy(before + len, p, strlen(p) + 1);
            len += strlen(p);
        }
        int width = 40 + (int)(x % 200);
        int n = wrap(before, width, lines, 256);
        /* An edit: delete d bytes at at, then insert a piece there. */
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t at = len ? (size_t)(x % (len + 1)) : 0;
        size_t d = (size_t)((x >> 20) % 8);
        if (at + d > len)
            d = len - at;
        const char *ins = (x >> 40) % 3 ? pieces[(x >> 44) % 10] : "";
        size_t nlen = 0;
        memcpy(after, before, at);
        nlen = at;
        memcpy(after + nlen, ins, strlen(ins));
        nlen += strlen(ins);
        memcpy(after + nlen, before + at + d, len - at - d);
        nlen += len - at - d;
        after[nlen] = '\0';
        size_t prefix = 0, suffix = 0;
        while (prefix < len && prefix < nlen && before[prefix] == after[prefix])
            prefix++;
        while (suffix < len - prefix && suffix < nlen - prefix &&
               before[len - 1 - suffix] == after[nlen - 1 - suffix])
            suffix++;
        int m =
            ui_layout_rewrap(after, nlen, prefix, suffix, len, width, mono, NULL, lines, n, 256);
        int f = wrap(after, width, fresh, 256);
        assert_int_equal(m, f);
        for (int i = 0; i < f; i++) {
            assert_int_equal(lines[i].start, fresh[i].start);
            assert_int_equal(lines[i].len, fresh[i].len);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_wrap_between_words),
        cmocka_unit_test(a_long_word_breaks_between_characters),
        cmocka_unit_test(newlines_end_lines),
        cmocka_unit_test(too_many_lines_are_counted_not_written),
        cmocka_unit_test(the_caret_belongs_to_the_start_of_a_line),
        cmocka_unit_test(a_tap_finds_the_nearest_gap_between_characters),
        cmocka_unit_test(rewrap_equals_a_fresh_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
