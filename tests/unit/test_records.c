/*
 * test_records — the names of kinds, statuses, privacy levels, complaint
 * classes and services. They are stored, synced and exported, so the test
 * spells each one out: renaming one must fail here first.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/records.h"

typedef const char *(*name_fn)(int value);
typedef int (*parse_fn)(const char *name, int *out);

/* Adapters, so one loop can check every enumeration. */
#define ADAPT(fn_name, fn_parse, type)                                                             \
    static const char *fn_name##_int(int v)                                                        \
    {                                                                                              \
        return fn_name((type)v);                                                                   \
    }                                                                                              \
    static int fn_parse##_int(const char *name, int *out)                                          \
    {                                                                                              \
        type v;                                                                                    \
        int rc = fn_parse(name, &v);                                                               \
        if (rc == 0)                                                                               \
            *out = (int)v;                                                                         \
        return rc;                                                                                 \
    }

ADAPT(rec_kind_name, rec_kind_parse, enum rec_kind)
ADAPT(rec_status_name, rec_status_parse, enum rec_status)
ADAPT(rec_privacy_name, rec_privacy_parse, enum rec_privacy)
ADAPT(rec_class_name, rec_class_parse, enum rec_complaint_class)
ADAPT(rec_service_name, rec_service_parse, enum rec_service)

static const struct enumeration {
    const char *what;
    name_fn name;
    parse_fn parse;
    int count;
    const char *const names[8];
} enumerations[] = {
    {"kind",
     rec_kind_name_int,
     rec_kind_parse_int,
     REC_KIND_COUNT,
     {"visit", "guest", "meeting", "complaint", "survey", "ticket", "attachment"}},
    {"status",
     rec_status_name_int,
     rec_status_parse_int,
     REC_STATUS_COUNT,
     {"received", "in_process", "scheduled", "answered", "closed"}},
    {"privacy",
     rec_privacy_name_int,
     rec_privacy_parse_int,
     REC_PRIVACY_COUNT,
     {"named", "anonymous", "confidential"}},
    {"class",
     rec_class_name_int,
     rec_class_parse_int,
     REC_CLASS_COUNT,
     {"light", "normative", "no_supervision", "supervision"}},
    {"service",
     rec_service_name_int,
     rec_service_parse_int,
     REC_SERVICE_COUNT,
     {"guest", "meeting", "complaint"}},
};

static void test_names_round_trip(void **state)
{
    (void)state;
    for (size_t e = 0; e < sizeof(enumerations) / sizeof(enumerations[0]); e++) {
        const struct enumeration *en = &enumerations[e];
        for (int v = 0; v < en->count; v++) {
            const char *name = en->name(v);
            assert_non_null(name);
            if (strcmp(name, en->names[v]) != 0)
                fail_msg("%s %d is '%s', want '%s'", en->what, v, name, en->names[v]);
            int back = -1;
            assert_int_equal(en->parse(name, &back), 0);
            assert_int_equal(back, v);
        }
        assert_null(en->names[en->count]); /* the test lists every value */
        assert_null(en->name(en->count));
        assert_null(en->name(-1));
    }
}

static void test_unknown_names(void **state)
{
    (void)state;
    static const char *const unknown[] = {"",       "Guest",      "GUEST",  " guest",   "guest ",
                                          "guests", "in-process", "ringan", "normatif", "x"};
    for (size_t e = 0; e < sizeof(enumerations) / sizeof(enumerations[0]); e++) {
        const struct enumeration *en = &enumerations[e];
        for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
            int out = -42;
            if (en->parse(unknown[i], &out) != -EINVAL)
                fail_msg("%s accepted '%s'", en->what, unknown[i]);
            assert_int_equal(out, -42);
        }
        int out = -42;
        assert_int_equal(en->parse(NULL, &out), -EINVAL);
        assert_int_equal(out, -42);
    }
}

static void test_buffer_sizes(void **state)
{
    (void)state;
    /* Every text field holds its limit in 4-byte characters and a NUL. */
    assert_int_equal(REC_BUF(REC_NAME_CHARS), 321);
    assert_int_equal(sizeof(((struct rec_guest *)0)->name), REC_BUF(REC_NAME_CHARS));
    assert_int_equal(sizeof(((struct rec_guest *)0)->organization), REC_BUF(REC_ORG_CHARS));
    assert_int_equal(sizeof(((struct rec_guest *)0)->phone), REC_BUF(REC_PHONE_CHARS));
    assert_int_equal(sizeof(((struct rec_meeting *)0)->email), REC_BUF(REC_EMAIL_CHARS));
    assert_int_equal(sizeof(((struct rec_complaint *)0)->body), REC_BUF(REC_TEXT_CHARS));
    assert_int_equal(sizeof(((struct rec_survey *)0)->comment), REC_BUF(REC_COMMENT_CHARS));
    assert_int_equal(sizeof(((struct rec_meta *)0)->id), 37);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_unknown_names),
        cmocka_unit_test(test_buffer_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
