/*
 * test_hub_status_cache — the status page's answers kept in memory: a
 * hit only for the same code and format, at the same store generation
 * and within the age; nothing kept when the age is 0 or the body does
 * not fit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/status_cache.h"

#define CODE  "9RY-34T4"
#define OTHER "4KX-P2QM"

static bool get(struct hub_status_cache *c, const char *code, bool json, uint64_t gen, int64_t now,
                const char *want)
{
    char *body = NULL;
    size_t len = 0;
    if (!hub_status_cache_get(c, code, json, gen, now, &body, &len))
        return false;
    assert_int_equal(len, strlen(want));
    assert_memory_equal(body, want, len);
    free(body);
    return true;
}

static void test_hit_only_while_nothing_changed(void **state)
{
    (void)state;
    struct hub_status_cache *c = hub_status_cache_new(1000);
    assert_non_null(c);
    assert_false(get(c, CODE, false, 7, 5000, ""));
    hub_status_cache_put(c, CODE, false, 7, 5000, "<html>a</html>", 14);
    assert_true(get(c, CODE, false, 7, 5000, "<html>a</html>"));
    assert_true(get(c, CODE, false, 7, 5999, "<html>a</html>"));
    /* too old, a clock that went back, a write since, the other format,
     * another code */
    assert_false(get(c, CODE, false, 7, 6000, ""));
    assert_false(get(c, CODE, false, 7, 4999, ""));
    assert_false(get(c, CODE, false, 8, 5001, ""));
    assert_false(get(c, CODE, true, 7, 5001, ""));
    assert_false(get(c, OTHER, false, 7, 5001, ""));
    /* both formats of one code side by side */
    hub_status_cache_put(c, CODE, true, 7, 5000, "{\"a\":1}", 7);
    assert_true(get(c, CODE, true, 7, 5001, "{\"a\":1}"));
    assert_true(get(c, CODE, false, 7, 5001, "<html>a</html>"));
    /* a newer answer replaces the old one */
    hub_status_cache_put(c, CODE, false, 8, 5500, "<html>b</html>", 14);
    assert_true(get(c, CODE, false, 8, 5600, "<html>b</html>"));
    assert_false(get(c, CODE, false, 7, 5600, ""));
    hub_status_cache_free(c);
}

static void test_many_codes_stay_bounded_and_right(void **state)
{
    (void)state;
    struct hub_status_cache *c = hub_status_cache_new(1000);
    char code[16], page[32];
    /* more codes than slots: every hit is the right code's page */
    for (int i = 0; i < 3000; i++) {
        snprintf(code, sizeof(code), "C%05d", i);
        snprintf(page, sizeof(page), "page %d", i);
        hub_status_cache_put(c, code, false, 1, 100, page, strlen(page));
    }
    int hits = 0;
    for (int i = 0; i < 3000; i++) {
        char *body = NULL;
        size_t len = 0;
        snprintf(code, sizeof(code), "C%05d", i);
        snprintf(page, sizeof(page), "page %d", i);
        if (hub_status_cache_get(c, code, false, 1, 200, &body, &len)) {
            hits++;
            assert_int_equal(len, strlen(page));
            assert_memory_equal(body, page, len);
            free(body);
        }
    }
    assert_true(hits > 0 && hits < 3000);
    hub_status_cache_free(c);
}

static void test_nothing_kept_when_off_or_too_big(void **state)
{
    (void)state;
    struct hub_status_cache *off = hub_status_cache_new(0);
    hub_status_cache_put(off, CODE, false, 1, 100, "x", 1);
    assert_false(get(off, CODE, false, 1, 100, "x"));
    hub_status_cache_free(off);

    struct hub_status_cache *c = hub_status_cache_new(1000);
    size_t big = 64 * 1024;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, 'x', big);
    hub_status_cache_put(c, CODE, false, 1, 100, text, big);
    assert_false(get(c, CODE, false, 1, 100, ""));
    free(text);
    hub_status_cache_put(c, CODE, false, 1, 100, "", 0);
    assert_false(get(c, CODE, false, 1, 100, ""));
    hub_status_cache_free(c);
    hub_status_cache_free(NULL);
    char *body = NULL;
    size_t len = 0;
    assert_false(hub_status_cache_get(NULL, CODE, false, 1, 100, &body, &len));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_only_while_nothing_changed),
        cmocka_unit_test(test_many_codes_stay_bounded_and_right),
        cmocka_unit_test(test_nothing_kept_when_off_or_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
