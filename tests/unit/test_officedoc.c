/*
 * test_officedoc — the office documents a kiosk takes from its hub: the
 * names (exactly four kinds; traversal, absolute paths and near misses
 * refused), the shipped assets as good documents, and broken ones with
 * messages that name the document and the line.
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
#include "core/officedoc.h"

#define CAL_2027                                                                                   \
    "# Hari libur 2027\n"                                                                          \
    "year = 2027\n"                                                                                \
    "2027-01-01  nasional      Tahun Baru Masehi\n"                                                \
    "2027-03-10  nasional      Hari Suci Nyepi\n"

static char *asset(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", th_assets_dir(), name);
    char *text = th_read_file(path, len);
    assert_non_null(text);
    return text;
}

static void expect_refused(const char *name, const char *text, int want_rc, const char *want)
{
    char err[512] = "";
    int rc = officedoc_check(name, text, strlen(text), err, sizeof(err));
    if (rc != want_rc || !strstr(err, want))
        fprintf(stderr, "%s: rc %d, message: %s\n", name, rc, err);
    assert_int_equal(rc, want_rc);
    assert_non_null(strstr(err, want));
}

static void test_names(void **state)
{
    (void)state;
    enum officedoc_kind kind;
    int year = -1;
    assert_int_equal(officedoc_name("calendar/2027.txt", &kind, &year), 0);
    assert_int_equal(kind, OFFICEDOC_CALENDAR);
    assert_int_equal(year, 2027);
    assert_int_equal(officedoc_name("calendar/2000.txt", NULL, NULL), 0);
    assert_int_equal(officedoc_name("calendar/2100.txt", NULL, NULL), 0);
    assert_int_equal(officedoc_name("office/service-rules.conf", &kind, &year), 0);
    assert_int_equal(kind, OFFICEDOC_RULES);
    assert_int_equal(year, 0);
    assert_int_equal(officedoc_name("office/service-info.id.txt", &kind, NULL), 0);
    assert_int_equal(kind, OFFICEDOC_INFO);
    assert_int_equal(officedoc_name("office/service-info.en.txt", &kind, NULL), 0);
    assert_int_equal(kind, OFFICEDOC_INFO);

    static const char *const bad[] = {
        "",
        "calendar/1999.txt",
        "calendar/2101.txt",
        "calendar/27.txt",
        "calendar/20270.txt",
        "calendar/2027.txt.bak",
        "calendar/2027.TXT",
        "calendar/202a.txt",
        "calendar/.2027.txt",
        "calendar//2027.txt",
        "calendar/../2027.txt",
        "../calendar/2027.txt",
        "calendar/2027.txt/",
        "/etc/passwd",
        "/calendar/2027.txt",
        "office/../../hub-token",
        "office/service-info.fr.txt",
        "office/service-rules.conf ",
        "office\\service-rules.conf",
        "kiosk.db",
        "2027.txt",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (officedoc_name(bad[i], NULL, NULL) != -EINVAL)
            fprintf(stderr, "accepted: '%s'\n", bad[i]);
        assert_int_equal(officedoc_name(bad[i], NULL, NULL), -EINVAL);
        expect_refused(bad[i], CAL_2027, -EINVAL, "not a document a kiosk takes");
    }
}

static void test_good_documents(void **state)
{
    (void)state;
    char err[512] = "";
    assert_int_equal(
        officedoc_check("calendar/2027.txt", CAL_2027, strlen(CAL_2027), err, sizeof(err)), 0);
    static const char *const shipped[][2] = {
        {"calendar/2025.txt", "calendar/2025.txt"},
        {"calendar/2026.txt", "calendar/2026.txt"},
        {"office/service-rules.conf", "office/service-rules.conf"},
        {"office/service-info.id.txt", "office/service-info.id.txt"},
        {"office/service-info.en.txt", "office/service-info.en.txt"},
    };
    for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
        size_t len = 0;
        char *text = asset(shipped[i][1], &len);
        int rc = officedoc_check(shipped[i][0], text, len, err, sizeof(err));
        if (rc)
            fprintf(stderr, "%s\n", err);
        assert_int_equal(rc, 0);
        free(text);
    }
}

static void test_calendar_of_another_year(void **state)
{
    (void)state;
    /* The 2026 decree published as 2027: refused, with the line. */
    size_t len = 0;
    char *text = asset("calendar/2026.txt", &len);
    char err[512] = "";
    assert_int_equal(officedoc_check("calendar/2027.txt", text, len, err, sizeof(err)), -EINVAL);
    assert_non_null(strstr(err, "calendar/2027.txt:"));
    assert_non_null(strstr(err, "2027"));
    free(text);
    expect_refused("calendar/2028.txt", CAL_2027, -EINVAL, "calendar/2028.txt:2: ");
}

static void test_broken_lines(void **state)
{
    (void)state;
    expect_refused("calendar/2027.txt",
                   "year = 2027\n2027-01-01  nasional  Tahun Baru\n2027-02-30  nasional  X\n",
                   -EINVAL, "calendar/2027.txt:3: ");
    expect_refused("calendar/2027.txt", "year = 2027\n2027-01-01  libur  Tahun Baru\n", -EINVAL,
                   "calendar/2027.txt:2: ");
    expect_refused("calendar/2027.txt", "2027-01-01  nasional  Tahun Baru\n", -EINVAL,
                   "calendar/2027.txt");
    expect_refused("office/service-rules.conf", "[admin_handling]\namount = many\n", -EINVAL,
                   "office/service-rules.conf:2: amount");
    expect_refused("office/service-rules.conf", "[admin_handling]\namount = 15\n", -EINVAL,
                   "office/service-rules.conf");
    expect_refused("office/service-info.id.txt", "# Judul\nbaris \x1b[31m merah\n", -EILSEQ,
                   "office/service-info.id.txt:2: character U+001B");
    expect_refused("office/service-info.en.txt", "# Title\n\xe2\x80\xae reversed\n", -EILSEQ,
                   "office/service-info.en.txt:2: character U+202E");
    expect_refused("office/service-info.en.txt", "# Title\nok\n\xc3\x28\n", -EILSEQ,
                   "office/service-info.en.txt:3: not UTF-8");
    expect_refused("calendar/2027.txt", "year = 2027\n\xff\n", -EILSEQ,
                   "calendar/2027.txt:2: not UTF-8");
    expect_refused("office/service-info.id.txt", "", -EINVAL, "empty");
    /* CR LF line ends are text, not control characters. */
    char err[512] = "";
    const char *crlf = "# Judul\r\nSatu baris.\r\n";
    assert_int_equal(
        officedoc_check("office/service-info.id.txt", crlf, strlen(crlf), err, sizeof(err)), 0);
}

static void test_nul_and_size(void **state)
{
    (void)state;
    char err[512] = "";
    static const char nul[] = "year = 2027\n\0\n";
    assert_int_equal(officedoc_check("calendar/2027.txt", nul, sizeof(nul) - 1, err, sizeof(err)),
                     -EILSEQ);
    assert_non_null(strstr(err, "calendar/2027.txt:2: a NUL byte"));

    size_t big = OFFICEDOC_INFO_MAX_BYTES + 1;
    char *text = malloc(OFFICEDOC_MAX_BYTES + 1);
    assert_non_null(text);
    memset(text, 'a', OFFICEDOC_MAX_BYTES + 1);
    assert_int_equal(officedoc_check("office/service-info.id.txt", text, big, err, sizeof(err)),
                     -EFBIG);
    assert_non_null(strstr(err, "office/service-info.id.txt: "));
    assert_int_equal(officedoc_check("office/service-info.id.txt", text, big - 1, err, sizeof(err)),
                     0);
    assert_int_equal(officedoc_check("office/service-rules.conf", text, OFFICEDOC_MAX_BYTES + 1,
                                     err, sizeof(err)),
                     -EFBIG);
    free(text);
}

static void test_refused_name_is_printable(void **state)
{
    (void)state;
    char err[512] = "";
    const char *name = "calendar/\x1b[2J\n2027.txt";
    assert_int_equal(officedoc_check(name, CAL_2027, strlen(CAL_2027), err, sizeof(err)), -EINVAL);
    for (const char *p = err; *p; p++)
        assert_true(*p >= ' ' && *p < 0x7f);
    assert_non_null(strstr(err, "'calendar/?[2J?2027.txt'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_good_documents),
        cmocka_unit_test(test_calendar_of_another_year),
        cmocka_unit_test(test_broken_lines),
        cmocka_unit_test(test_nul_and_size),
        cmocka_unit_test(test_refused_name_is_printable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
