/*
 * test_ini — what the parser hands its callback (section, key, value,
 * line) for well-formed files, and where and why it stops on the rest.
 * Every error must carry the line, and the key when there is one.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/ini.h"

#define MAX_PAIRS 16

struct pair {
    char section[64], key[64], value[INI_LINE_MAX + 1];
    int line;
};

struct seen {
    struct pair pairs[MAX_PAIRS];
    int count;
    const char *fail_key; /* the handler refuses this key */
    int fail_rc;
};

static int collect(void *ctx, const char *section, const char *key, const char *value, int line,
                   struct ini_error *err)
{
    struct seen *s = ctx;
    if (s->fail_key && strcmp(key, s->fail_key) == 0) {
        if (s->fail_rc == -EINVAL)
            return ini_fail(err, line, key, "'%s' is not allowed", value);
        return s->fail_rc; /* without a message or key: the parser fills the key in */
    }
    assert_true(s->count < MAX_PAIRS);
    struct pair *p = &s->pairs[s->count++];
    snprintf(p->section, sizeof(p->section), "%s", section);
    snprintf(p->key, sizeof(p->key), "%s", key);
    snprintf(p->value, sizeof(p->value), "%s", value);
    p->line = line;
    return 0;
}

static int parse(const char *text, struct seen *s, struct ini_error *err)
{
    memset(s, 0, sizeof(*s));
    return ini_parse(text, strlen(text), collect, s, err);
}

static void expect_pair(const struct seen *s, int i, const char *section, const char *key,
                        const char *value, int line)
{
    assert_true(i < s->count);
    assert_string_equal(s->pairs[i].section, section);
    assert_string_equal(s->pairs[i].key, key);
    assert_string_equal(s->pairs[i].value, value);
    assert_int_equal(s->pairs[i].line, line);
}

static void test_pairs_sections_comments(void **state)
{
    (void)state;
    static const char text[] = "# comment\n"
                               "top = 1\n"
                               "\n"
                               "; another comment\n"
                               "   # indented comment\n"
                               "[rule.one]\n"
                               "amount   =   15  \n"
                               "\tunit\t=\tworking_days\t\n"
                               "label = a = b\n"
                               "empty =\n"
                               "[ second ]\n"
                               "k-2 = last";
    struct seen s;
    struct ini_error err;
    assert_int_equal(parse(text, &s, &err), 0);
    assert_int_equal(s.count, 6);
    expect_pair(&s, 0, "", "top", "1", 2);
    expect_pair(&s, 1, "rule.one", "amount", "15", 7);
    expect_pair(&s, 2, "rule.one", "unit", "working_days", 8);
    expect_pair(&s, 3, "rule.one", "label", "a = b", 9);
    expect_pair(&s, 4, "rule.one", "empty", "", 10);
    expect_pair(&s, 5, "second", "k-2", "last", 12);
}

static void test_windows_line_ends_and_bom(void **state)
{
    (void)state;
    struct seen s;
    struct ini_error err;
    assert_int_equal(parse("\xEF\xBB\xBF"
                           "a = 1\r\n\r\n[s]\r\nb = 2\r\n",
                           &s, &err),
                     0);
    assert_int_equal(s.count, 2);
    expect_pair(&s, 0, "", "a", "1", 1);
    expect_pair(&s, 1, "s", "b", "2", 4);
    /* A BOM is only skipped at the very start. */
    assert_int_equal(parse("a = 1\n\xEF\xBB\xBF"
                           "b = 2\n",
                           &s, &err),
                     -EINVAL);
    assert_int_equal(err.line, 2);
    /* A file that is only a BOM is empty. */
    assert_int_equal(parse("\xEF\xBB\xBF", &s, &err), 0);
    assert_int_equal(s.count, 0);
}

static void test_length_is_respected(void **state)
{
    (void)state;
    static const char text[] = "a = 1\nb = 2\n";
    struct seen s;
    memset(&s, 0, sizeof(s));
    /* Only "a = 1\nb" is given: "b" without "=" is the error, on line 2. */
    struct ini_error err;
    assert_int_equal(ini_parse(text, 7, collect, &s, &err), -EINVAL);
    assert_int_equal(err.line, 2);
    memset(&s, 0, sizeof(s));
    assert_int_equal(ini_parse(text, 6, collect, &s, &err), 0);
    assert_int_equal(s.count, 1);
    memset(&s, 0, sizeof(s));
    assert_int_equal(ini_parse(text, 0, collect, &s, &err), 0);
    assert_int_equal(s.count, 0);
    assert_int_equal(ini_parse(NULL, 0, collect, &s, NULL), 0);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        {"a = 1\njust words\n", 2, "expected 'key = value'"},
        {"[section\n", 1, "section header must look like [name]"},
        {"[section] extra\n", 1, "section header must look like [name]"},
        {"[]\n", 1, "bad section name ''"},
        {"[two words]\n", 1, "bad section name 'two words'"},
        {"= value\n", 1, "bad key name ''"},
        {"my key = 1\n", 1, "bad key name 'my key'"},
        {"k\xC3\xA9y = 1\n", 1, "bad key name"},
        {"\n\n\nx\n", 4, "expected 'key = value'"},
        {"a = 1\n[ok]\nb", 3, "expected 'key = value'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct seen s;
        struct ini_error err;
        assert_int_equal(parse(cases[i].text, &s, &err), -EINVAL);
        if (err.line != cases[i].line || !strstr(err.message, cases[i].message))
            fail_msg("case %zu: line %d '%s'", i, err.line, err.message);
        assert_string_equal(err.key, "");
    }
}

static void test_name_length_limits(void **state)
{
    (void)state;
    char text[256];
    char name[80];
    struct seen s;
    struct ini_error err;
    /* 63 characters fit the 64-byte key and section buffers; 64 do not. */
    memset(name, 'k', 63);
    name[63] = '\0';
    snprintf(text, sizeof(text), "[%s]\n%s = v\n", name, name);
    assert_int_equal(parse(text, &s, &err), 0);
    expect_pair(&s, 0, name, name, "v", 2);
    memset(name, 'k', 64);
    name[64] = '\0';
    snprintf(text, sizeof(text), "%s = v\n", name);
    assert_int_equal(parse(text, &s, &err), -EINVAL);
    assert_non_null(strstr(err.message, "bad key name"));
    snprintf(text, sizeof(text), "[%s]\n", name);
    assert_int_equal(parse(text, &s, &err), -EINVAL);
    assert_non_null(strstr(err.message, "bad section name"));
}

static void test_line_length_and_nul(void **state)
{
    (void)state;
    char text[INI_LINE_MAX + 16];
    struct seen s;
    struct ini_error err;
    /* "k = " and a value filling the line to exactly INI_LINE_MAX bytes. */
    memcpy(text, "k = ", 4);
    memset(text + 4, 'v', INI_LINE_MAX - 4);
    text[INI_LINE_MAX] = '\n';
    text[INI_LINE_MAX + 1] = '\0';
    assert_int_equal(parse(text, &s, &err), 0);
    assert_int_equal(strlen(s.pairs[0].value), INI_LINE_MAX - 4);
    memset(text + 4, 'v', INI_LINE_MAX - 3);
    text[INI_LINE_MAX + 1] = '\n';
    text[INI_LINE_MAX + 2] = '\0';
    assert_int_equal(parse(text, &s, &err), -EINVAL);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "longer than"));

    static const char nul[] = "a = 1\nb = x\0y\n";
    memset(&s, 0, sizeof(s));
    assert_int_equal(ini_parse(nul, sizeof(nul) - 1, collect, &s, &err), -EINVAL);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "NUL"));
    assert_int_equal(s.count, 1);
}

static void test_handler_errors(void **state)
{
    (void)state;
    struct seen s;
    struct ini_error err;
    memset(&s, 0, sizeof(s));
    s.fail_key = "bad";
    s.fail_rc = -EINVAL;
    static const char text[] = "good = 1\n\nbad = 2\nafter = 3\n";
    assert_int_equal(ini_parse(text, strlen(text), collect, &s, &err), -EINVAL);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.key, "bad");
    assert_string_equal(err.message, "'2' is not allowed");
    assert_int_equal(s.count, 1); /* stopped at the error */

    /* Another errno passes through, and the parser names the key. */
    memset(&s, 0, sizeof(s));
    s.fail_key = "bad";
    s.fail_rc = -ERANGE;
    assert_int_equal(ini_parse(text, strlen(text), collect, &s, &err), -ERANGE);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.key, "bad");

    /* err may be NULL. */
    memset(&s, 0, sizeof(s));
    s.fail_key = "bad";
    s.fail_rc = -EINVAL;
    assert_int_equal(ini_parse(text, strlen(text), collect, &s, NULL), -EINVAL);
}

static void test_ini_fail(void **state)
{
    (void)state;
    struct ini_error err;
    assert_int_equal(ini_fail(&err, 7, "amount", "must be %d to %d", 1, 1000), -EINVAL);
    assert_int_equal(err.line, 7);
    assert_string_equal(err.key, "amount");
    assert_string_equal(err.message, "must be 1 to 1000");
    assert_int_equal(ini_fail(&err, 2, NULL, "x"), -EINVAL);
    assert_string_equal(err.key, "");
    assert_int_equal(ini_fail(NULL, 1, "k", "x"), -EINVAL);
    /* Long messages are cut, never overflow. */
    char long_text[400];
    memset(long_text, 'm', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    ini_fail(&err, 1, long_text, "%s", long_text);
    assert_int_equal(strlen(err.key), sizeof(err.key) - 1);
    assert_int_equal(strlen(err.message), sizeof(err.message) - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_sections_comments),
        cmocka_unit_test(test_windows_line_ends_and_bom),
        cmocka_unit_test(test_length_is_respected),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_name_length_limits),
        cmocka_unit_test(test_line_length_and_nul),
        cmocka_unit_test(test_handler_errors),
        cmocka_unit_test(test_ini_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
