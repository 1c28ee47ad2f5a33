/*
 * test_errlog — the ring of the last problems for the staff screen:
 * newest first, the oldest pushed out, long lines cut at a character
 * boundary, and lines added from many threads at once all accounted for.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"
#include "kiosk/errlog.h"

static void newest_first_and_the_oldest_pushed_out(void **state)
{
    (void)state;
    struct errlog_line lines[ERRLOG_LINES + 2];
    errlog_clear();
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), 0);
    errlog_add("print", "paper out on queue %s", "ticket");
    errlog_add("sync", "the hub did not answer");
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), 2);
    assert_string_equal(lines[0].module, "sync");
    assert_string_equal(lines[0].text, "the hub did not answer");
    assert_string_equal(lines[1].text, "paper out on queue ticket");
    assert_true(lines[0].utc_ms > 1700000000000LL);
    assert_int_equal(errlog_copy(lines, 1), 1);
    assert_string_equal(lines[0].module, "sync");

    for (int i = 0; i < ERRLOG_LINES + 3; i++)
        errlog_add("ui", "problem %d", i);
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES + 2), ERRLOG_LINES);
    char want[32];
    snprintf(want, sizeof(want), "problem %d", ERRLOG_LINES + 2);
    assert_string_equal(lines[0].text, want);
    snprintf(want, sizeof(want), "problem %d", 3);
    assert_string_equal(lines[ERRLOG_LINES - 1].text, want);
    errlog_clear();
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), 0);
}

static void long_lines_are_cut_between_characters(void **state)
{
    (void)state;
    char text[400];
    size_t n = 0;
    /* "é" is two bytes: every other cut point would split one. */
    for (int i = 0; i < 190; i++) {
        const char *c = i % 2 ? "é" : "a";
        memcpy(text + n, c, strlen(c));
        n += strlen(c);
    }
    text[n] = '\0';
    errlog_clear();
    errlog_add("ui", "%s", text);
    struct errlog_line line;
    assert_int_equal(errlog_copy(&line, 1), 1);
    assert_true(strlen(line.text) < ERRLOG_LINE_MAX);
    assert_true(strlen(line.text) >= ERRLOG_LINE_MAX - 3);
    assert_int_equal(text_check(line.text, 0, NULL), 0);
    assert_memory_equal(line.text, text, strlen(line.text));
}

static void *adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        errlog_add("t", "line %d", i);
    return NULL;
}

static void many_threads_at_once(void **state)
{
    (void)state;
    pthread_t t[4];
    errlog_clear();
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, adder, NULL), 0);
    struct errlog_line lines[ERRLOG_LINES];
    for (int i = 0; i < 200; i++)
        assert_true(errlog_copy(lines, ERRLOG_LINES) <= ERRLOG_LINES);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(errlog_copy(lines, ERRLOG_LINES), ERRLOG_LINES);
    for (int i = 0; i < ERRLOG_LINES; i++)
        assert_true(strncmp(lines[i].text, "line ", 5) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(newest_first_and_the_oldest_pushed_out),
        cmocka_unit_test(long_lines_are_cut_between_characters),
        cmocka_unit_test(many_threads_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
