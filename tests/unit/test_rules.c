/*
 * test_rules — the service rules table: names, the class → kind map, the
 * shipped rules file, every kind of broken file, and garbage.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "core/rules.h"

/* A complete, valid table; cases below add to it or break a copy of it. */
#define SECTION(kind, amount, unit)                                                                \
    "[" kind "]\namount = " amount "\nunit = " unit "\nlabel_id = L " kind "\nlabel_en = E " kind  \
    "\n"
#define GOOD_ADMIN                                                                                 \
    "[admin_handling]\namount = 15\nunit = working_minutes\n"                                      \
    "label_id = Penyelesaian administrasi\nlabel_en = Administrative handling\n"
#define GOOD_REST                                                                                  \
    SECTION("reply_letter", "3", "calendar_days")                                                  \
    SECTION("complaint_light", "3", "working_hours")                                               \
    SECTION("complaint_normative", "5", "working_days")                                            \
    SECTION("complaint_no_supervision", "14", "working_days")                                      \
    SECTION("complaint_supervision", "60", "working_days")
#define GOOD GOOD_ADMIN GOOD_REST

static int parse(const char *text, struct rule_table *t, struct ini_error *err)
{
    return rule_table_parse(text, strlen(text), t, err);
}

static void test_kind_names(void **state)
{
    (void)state;
    static const char *const names[RULE_KIND_COUNT] = {
        "admin_handling",           "reply_letter",
        "complaint_light",          "complaint_normative",
        "complaint_no_supervision", "complaint_supervision",
    };
    for (int k = 0; k < RULE_KIND_COUNT; k++) {
        enum rule_kind back;
        assert_string_equal(rule_kind_name((enum rule_kind)k), names[k]);
        assert_int_equal(rule_kind_parse(names[k], &back), 0);
        assert_int_equal(back, k);
    }
    enum rule_kind untouched = RULE_REPLY_LETTER;
    assert_null(rule_kind_name(RULE_KIND_COUNT));
    assert_null(rule_kind_name((enum rule_kind) - 1));
    assert_int_equal(rule_kind_parse("complaint", &untouched), -EINVAL);
    assert_int_equal(rule_kind_parse("Admin_Handling", &untouched), -EINVAL);
    assert_int_equal(rule_kind_parse("", &untouched), -EINVAL);
    assert_int_equal(rule_kind_parse(NULL, &untouched), -EINVAL);
    assert_int_equal(untouched, RULE_REPLY_LETTER);
}

static void test_unit_names(void **state)
{
    (void)state;
    static const char *const names[RULE_UNIT_COUNT] = {
        "working_minutes",
        "working_hours",
        "calendar_days",
        "working_days",
    };
    for (int u = 0; u < RULE_UNIT_COUNT; u++) {
        enum rule_unit back;
        assert_string_equal(rule_unit_name((enum rule_unit)u), names[u]);
        assert_int_equal(rule_unit_parse(names[u], &back), 0);
        assert_int_equal(back, u);
    }
    enum rule_unit unit;
    assert_null(rule_unit_name(RULE_UNIT_COUNT));
    assert_int_equal(rule_unit_parse("days", &unit), -EINVAL);
    assert_int_equal(rule_unit_parse("hours", &unit), -EINVAL);
    assert_int_equal(rule_unit_parse("working_days ", &unit), -EINVAL);
}

static void test_class_map(void **state)
{
    (void)state;
    static const enum rule_kind want[REC_CLASS_COUNT] = {
        [REC_CLASS_LIGHT] = RULE_COMPLAINT_LIGHT,
        [REC_CLASS_NORMATIVE] = RULE_COMPLAINT_NORMATIVE,
        [REC_CLASS_NO_SUPERVISION] = RULE_COMPLAINT_NO_SUPERVISION,
        [REC_CLASS_SUPERVISION] = RULE_COMPLAINT_SUPERVISION,
    };
    for (int c = 0; c < REC_CLASS_COUNT; c++) {
        enum rule_kind k = RULE_ADMIN_HANDLING;
        assert_int_equal(rule_kind_for_class((enum rec_complaint_class)c, &k), 0);
        assert_int_equal(k, want[c]);
    }
    enum rule_kind k = RULE_REPLY_LETTER;
    assert_int_equal(rule_kind_for_class(REC_CLASS_COUNT, &k), -EINVAL);
    assert_int_equal(rule_kind_for_class((enum rec_complaint_class) - 1, &k), -EINVAL);
    assert_int_equal(k, RULE_REPLY_LETTER);
}

static void test_good_table(void **state)
{
    (void)state;
    struct rule_table t;
    struct ini_error err;
    assert_int_equal(parse(GOOD, &t, &err), 0);
    for (int k = 0; k < RULE_KIND_COUNT; k++)
        assert_int_equal(rule_table_get(&t, (enum rule_kind)k)->kind, k);
    const struct rule *r = rule_table_get(&t, RULE_ADMIN_HANDLING);
    assert_int_equal(r->amount, 15);
    assert_int_equal(r->unit, RULE_WORKING_MINUTES);
    assert_string_equal(r->label_id, "Penyelesaian administrasi");
    assert_string_equal(r->label_en, "Administrative handling");
    r = rule_table_get(&t, RULE_COMPLAINT_NO_SUPERVISION);
    assert_int_equal(r->amount, 14);
    assert_int_equal(r->unit, RULE_WORKING_DAYS);
    assert_string_equal(r->label_id, "L complaint_no_supervision");
    assert_null(rule_table_get(&t, RULE_KIND_COUNT));
    assert_null(rule_table_get(NULL, RULE_ADMIN_HANDLING));
}

/* Sections in any order, keys in any order, comments, a section opened twice. */
static void test_good_layouts(void **state)
{
    (void)state;
    const char *text = "; rules\n" GOOD_REST "\n# admin last, keys shuffled\n"
                       "[admin_handling]\r\nlabel_en = Administrative handling\r\n"
                       "unit=working_hours\r\n"
                       "[admin_handling]\n  amount   =   0002  \n"
                       "label_id = Penyelesaian administrasi \xe2\x80\x94 15 menit\n";
    struct rule_table t;
    struct ini_error err;
    int rc = parse(text, &t, &err);
    if (rc)
        fail_msg("line %d key %s: %s", err.line, err.key, err.message);
    const struct rule *r = rule_table_get(&t, RULE_ADMIN_HANDLING);
    assert_int_equal(r->amount, 2);
    assert_int_equal(r->unit, RULE_WORKING_HOURS);
    assert_string_equal(r->label_id, "Penyelesaian administrasi \xe2\x80\x94 15 menit");
}

/* The reply letter's unit is switchable in the file. */
static void test_reply_letter_switch(void **state)
{
    (void)state;
    const char *text = GOOD_ADMIN SECTION("reply_letter", "3", "working_days")
        SECTION("complaint_light", "3", "working_hours")
            SECTION("complaint_normative", "5", "working_days")
                SECTION("complaint_no_supervision", "14", "working_days")
                    SECTION("complaint_supervision", "60", "working_days");
    struct rule_table t;
    assert_int_equal(parse(text, &t, NULL), 0);
    assert_int_equal(rule_table_get(&t, RULE_REPLY_LETTER)->unit, RULE_WORKING_DAYS);
}

static void test_amount_limits(void **state)
{
    (void)state;
    struct rule_table t;
    struct ini_error err;
    assert_int_equal(parse(GOOD "[complaint_light]\n", &t, &err), 0);
    assert_int_equal(parse(SECTION("admin_handling", "1", "working_minutes") GOOD_REST, &t, &err),
                     0);
    assert_int_equal(rule_table_get(&t, RULE_ADMIN_HANDLING)->amount, 1);
    assert_int_equal(
        parse(SECTION("admin_handling", "1000", "working_minutes") GOOD_REST, &t, &err), 0);
    assert_int_equal(rule_table_get(&t, RULE_ADMIN_HANDLING)->amount, RULE_AMOUNT_MAX);
}

struct bad_case {
    const char *text;
    int line;
    const char *key;
    const char *says;
};

/* GOOD has 30 lines, so a line appended to it is line 31. */
static const struct bad_case bad_cases[] = {
    {"amount = 3\n" GOOD, 1, "amount", "before any [section]"},
    {GOOD "[complaint_lite]\namount = 3\n", 32, "amount", "unknown rule kind [complaint_lite]"},
    {GOOD "[complaint_light]\namont = 3\n", 32, "amont", "unknown key"},
    {GOOD "[complaint_light]\nlabel = x\n", 32, "label", "unknown key"},
    {GOOD "[complaint_light]\namount = 4\n", 32, "amount", "set twice"},
    {GOOD "[admin_handling]\nunit = working_minutes\n", 32, "unit", "set twice"},
    {SECTION("admin_handling", "0", "working_minutes") GOOD_REST, 2, "amount", "1 to 1000"},
    {SECTION("admin_handling", "1001", "working_minutes") GOOD_REST, 2, "amount", "1 to 1000"},
    {SECTION("admin_handling", "-3", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "+3", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "3.5", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "0x10", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "15 menit", "working_minutes") GOOD_REST, 2, "amount",
     "whole number"},
    {SECTION("admin_handling", "", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "00015", "working_minutes") GOOD_REST, 2, "amount", "whole number"},
    {SECTION("admin_handling", "99999999999", "working_minutes") GOOD_REST, 2, "amount",
     "whole number"},
    {SECTION("admin_handling", "15", "minutes") GOOD_REST, 3, "unit", "unknown unit 'minutes'"},
    {SECTION("admin_handling", "15", "Working_Minutes") GOOD_REST, 3, "unit", "unknown unit"},
    {SECTION("admin_handling", "15", "") GOOD_REST, 3, "unit", "unknown unit"},
    {GOOD_REST, 0, "", "[admin_handling] is missing"},
    {"", 0, "", "[admin_handling] is missing"},
    {"# only comments\n", 0, "", "is missing"},
    {"[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = A\n" GOOD_REST, 2,
     "label_en", "missing from [admin_handling]"},
    {"[admin_handling]\nlabel_en = E\nlabel_id = A\nunit = working_minutes\n" GOOD_REST, 2,
     "amount", "missing from [admin_handling]"},
    {"[admin_handling]\namount = 15\nlabel_id = A\nlabel_en = E\n" GOOD_REST, 2, "unit", "missing"},
    {"[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id =\nlabel_en = E\n" GOOD_REST,
     4, "label_id", "is empty"},
    {"[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = A\n"
     "label_en = bad \xff byte\n" GOOD_REST,
     5, "label_en", "UTF-8"},
    {"[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = A\tB\n"
     "label_en = E\n" GOOD_REST,
     4, "label_id", "control character"},
    {"[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = A\n"
     "label_en = \xe2\x80\xae reversed\n" GOOD_REST,
     5, "label_en", "direction override"},
    {GOOD "[complaint_light\n", 31, "", "[name]"},
    {GOOD "[]\n", 31, "", "bad section name"},
    {GOOD "just words\n", 31, "", "key = value"},
    {GOOD "= 3\n", 31, "", "bad key name"},
};

static void test_bad_tables(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const struct bad_case *c = &bad_cases[i];
        struct rule_table t;
        memset(&t, 0xa5, sizeof(t));
        struct ini_error err;
        int rc = parse(c->text, &t, &err);
        if (rc != -EINVAL || err.line != c->line || strcmp(err.key, c->key) != 0 ||
            !strstr(err.message, c->says))
            fail_msg("case %zu: rc %d, line %d, key '%s', '%s'; wanted line %d key '%s' saying "
                     "'%s'",
                     i, rc, err.line, err.key, err.message, c->line, c->key, c->says);
        /* nothing written on failure */
        const unsigned char *bytes = (const unsigned char *)&t;
        for (size_t b = 0; b < sizeof(t); b++)
            assert_int_equal(bytes[b], 0xa5);
    }
}

static void test_label_too_long(void **state)
{
    (void)state;
    char text[4096];
    char label[RULE_LABEL_SIZE + 1];
    memset(label, 'x', sizeof(label) - 1);
    label[sizeof(label) - 1] = '\0';
    snprintf(text, sizeof(text),
             "[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = %s\n"
             "label_en = E\n" GOOD_REST,
             label);
    struct rule_table t;
    struct ini_error err;
    assert_int_equal(parse(text, &t, &err), -EINVAL);
    assert_int_equal(err.line, 4);
    assert_string_equal(err.key, "label_id");
    assert_non_null(strstr(err.message, "longer"));

    label[RULE_LABEL_SIZE - 1] = '\0'; /* the longest that fits */
    snprintf(text, sizeof(text),
             "[admin_handling]\namount = 15\nunit = working_minutes\nlabel_id = %s\n"
             "label_en = E\n" GOOD_REST,
             label);
    assert_int_equal(parse(text, &t, &err), 0);
    assert_int_equal(strlen(rule_table_get(&t, RULE_ADMIN_HANDLING)->label_id),
                     RULE_LABEL_SIZE - 1);
}

static void test_null_text(void **state)
{
    (void)state;
    struct rule_table t;
    struct ini_error err;
    assert_int_equal(rule_table_parse(NULL, 0, &t, &err), -EINVAL);
    assert_non_null(strstr(err.message, "missing"));
}

static void test_shipped_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof(path), "%s/office/service-rules.conf", th_assets_dir());
    size_t len = 0;
    char *text = th_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    struct rule_table t;
    struct ini_error err;
    int rc = rule_table_parse(text, len, &t, &err);
    free(text);
    if (rc)
        fail_msg("%s:%d: %s: %s", path, err.line, err.key, err.message);
    static const struct {
        enum rule_kind kind;
        int amount;
        enum rule_unit unit;
    } want[] = {
        {RULE_ADMIN_HANDLING, 15, RULE_WORKING_MINUTES},
        {RULE_REPLY_LETTER, 3, RULE_CALENDAR_DAYS},
        {RULE_COMPLAINT_LIGHT, 3, RULE_WORKING_HOURS},
        {RULE_COMPLAINT_NORMATIVE, 5, RULE_WORKING_DAYS},
        {RULE_COMPLAINT_NO_SUPERVISION, 14, RULE_WORKING_DAYS},
        {RULE_COMPLAINT_SUPERVISION, 60, RULE_WORKING_DAYS},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct rule *r = rule_table_get(&t, want[i].kind);
        assert_int_equal(r->amount, want[i].amount);
        assert_int_equal(r->unit, want[i].unit);
        assert_true(strlen(r->label_id) > 0);
        assert_true(strlen(r->label_en) > 0);
    }
    assert_string_equal(rule_table_get(&t, RULE_COMPLAINT_LIGHT)->label_id, "Pengaduan ringan");
}

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random bytes and damaged copies of a good file: refused or accepted
 * cleanly, never a crash (ASan and UBSan watch). */
static void test_garbage(void **state)
{
    (void)state;
    static const char base[] = GOOD;
    uint32_t seed = 0xc0ffee1u;
    int accepted = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t len;
        char buf[sizeof(base)];
        if (iter % 2) {
            len = next_rand(&seed) % 200;
            for (size_t i = 0; i < len; i++)
                buf[i] = (char)(next_rand(&seed) & 0xff);
        } else {
            len = sizeof(base) - 1;
            memcpy(buf, base, len);
            int flips = 1 + (int)(next_rand(&seed) % 3);
            for (int f = 0; f < flips; f++)
                buf[next_rand(&seed) % len] = (char)(next_rand(&seed) & 0xff);
        }
        char *exact = malloc(len ? len : 1);
        assert_non_null(exact);
        memcpy(exact, buf, len);
        struct rule_table t;
        struct ini_error err;
        int rc = rule_table_parse(exact, len, &t, &err);
        assert_true(rc == 0 || rc == -EINVAL);
        if (rc == 0) {
            accepted++;
            for (int k = 0; k < RULE_KIND_COUNT; k++) {
                const struct rule *r = rule_table_get(&t, (enum rule_kind)k);
                assert_true(r->amount >= 1 && r->amount <= RULE_AMOUNT_MAX);
                assert_non_null(rule_unit_name(r->unit));
                assert_true(r->label_id[0] && r->label_en[0]);
            }
        } else {
            assert_true(strlen(err.message) > 0);
        }
        free(exact);
    }
    assert_true(accepted > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names),     cmocka_unit_test(test_unit_names),
        cmocka_unit_test(test_class_map),      cmocka_unit_test(test_good_table),
        cmocka_unit_test(test_good_layouts),   cmocka_unit_test(test_reply_letter_switch),
        cmocka_unit_test(test_amount_limits),  cmocka_unit_test(test_bad_tables),
        cmocka_unit_test(test_label_too_long), cmocka_unit_test(test_null_text),
        cmocka_unit_test(test_shipped_file),   cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
