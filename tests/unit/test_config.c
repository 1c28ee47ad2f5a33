/*
 * test_config — the defaults, one test per case file under
 * tests/data/config/ (each says "# expect: ok" or "# expect: FRAGMENT" of
 * the error message), and loading real files: missing, unreadable, too
 * big, a folder, Windows line ends and byte order mark.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "kiosk/config.h"

#define CASE_DIR "tests/data/config"

static int parse_text(struct kiosk_config *cfg, const char *text, char *err, size_t cap)
{
    return config_parse(cfg, "t.conf", text, strlen(text), err, cap);
}

static void test_defaults(void **state)
{
    (void)state;
    struct kiosk_config cfg;
    memset(&cfg, 0x5A, sizeof(cfg));
    config_defaults(&cfg);
    assert_string_equal(cfg.source, "");
    assert_string_equal(cfg.kiosk_name, "Kiosk");
    assert_string_equal(cfg.office_name, "Dinas Koperasi dan UKM Provinsi Kalimantan Barat");
    assert_string_equal(cfg.data_dir, "/var/lib/serambi");
    assert_string_equal(cfg.assets_dir, CONFIG_DEFAULT_ASSETS_DIR);
    assert_string_equal(cfg.timezone, "Asia/Pontianak");
    assert_int_equal(cfg.utc_offset_min, 420);
    assert_string_equal(config_zone_abbrev(&cfg), "WIB");
    for (int d = 0; d < 4; d++) {
        assert_int_equal(cfg.hours[d].open_min, 7 * 60 + 30);
        assert_int_equal(cfg.hours[d].close_min, 16 * 60);
    }
    assert_int_equal(cfg.hours[4].open_min, 7 * 60 + 30);
    assert_int_equal(cfg.hours[4].close_min, 16 * 60 + 30);
    for (int d = 5; d < 7; d++)
        assert_int_equal(cfg.hours[d].open_min, cfg.hours[d].close_min);
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_GUEST], "T");
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_MEETING], "R");
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_COMPLAINT], "P");
    assert_int_equal(cfg.complaint_default_class, REC_CLASS_NORMATIVE);
    assert_int_equal(cfg.retention_days, 30);
    assert_string_equal(cfg.language, "id");
    char db[64];
    assert_int_equal(config_db_path(&cfg, db, sizeof(db)), 0);
    assert_string_equal(db, "/var/lib/serambi/kiosk.db");
}

/* --- the case files ---------------------------------------------------- */

struct case_file {
    char name[256];
};

static void run_case_file(void **state)
{
    const struct case_file *c = *state;
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", CASE_DIR, c->name);
    size_t len = 0;
    char *text = th_read_file(path, &len);
    assert_non_null(text);

    struct kiosk_config cfg, before;
    config_defaults(&cfg);
    before = cfg;
    char err[512] = "";
    int rc = config_parse(&cfg, c->name, text, len, err, sizeof(err));

    int expectations = 0;
    for (char *line = text; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "# expect: ", 10) == 0) {
            const char *want = line + 10;
            expectations++;
            if (strcmp(want, "ok") == 0) {
                if (rc != 0)
                    fail_msg("%s: expected success, got: %s", c->name, err);
            } else {
                if (rc != -EINVAL)
                    fail_msg("%s: expected an error containing '%s', got rc %d", c->name, want, rc);
                if (!strstr(err, want))
                    fail_msg("%s: error\n  '%s'\ndoes not contain\n  '%s'", c->name, err, want);
                /* A rejected file leaves the configuration as it was. */
                assert_memory_equal(&cfg, &before, sizeof(cfg));
            }
        }
        line = next;
    }
    free(text);
    if (expectations == 0)
        fail_msg("%s has no '# expect:' line", c->name);
}

static int case_filter(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && strcmp(e->d_name + n - 5, ".conf") == 0;
}

static int run_case_files(void)
{
    struct dirent **list = NULL;
    int n = scandir(CASE_DIR, &list, case_filter, alphasort);
    if (n < 40) {
        fprintf(stderr, "test_config: expected the case files in %s (found %d)\n", CASE_DIR, n);
        return 1;
    }
    struct CMUnitTest *tests = calloc((size_t)n, sizeof(*tests));
    struct case_file *cases = calloc((size_t)n, sizeof(*cases));
    assert_non_null(tests);
    assert_non_null(cases);
    for (int i = 0; i < n; i++) {
        snprintf(cases[i].name, sizeof(cases[i].name), "%s", list[i]->d_name);
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case_file;
        tests[i].initial_state = &cases[i];
        free(list[i]);
    }
    free(list);
    int failed = _cmocka_run_group_tests("config case files", tests, (size_t)n, NULL, NULL);
    free(tests);
    free(cases);
    return failed;
}

/* --- values ----------------------------------------------------------------- */

static void test_full_file_values(void **state)
{
    (void)state;
    size_t len;
    char *text = th_read_file(CASE_DIR "/good-full.conf", &len);
    assert_non_null(text);
    struct kiosk_config cfg;
    config_defaults(&cfg);
    char err[512] = "";
    assert_int_equal(config_parse(&cfg, "good-full.conf", text, len, err, sizeof(err)), 0);
    free(text);
    assert_string_equal(cfg.kiosk_name, "Kiosk Lobi Lantai 1");
    assert_string_equal(cfg.office_name,
                        "Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat");
    assert_string_equal(cfg.data_dir, "/srv/serambi/data"); /* trailing slash dropped */
    assert_string_equal(cfg.assets_dir, "/opt/serambi/share");
    assert_string_equal(cfg.timezone, "Asia/Makassar");
    assert_int_equal(cfg.utc_offset_min, 480);
    assert_string_equal(config_zone_abbrev(&cfg), "WITA");
    assert_int_equal(cfg.hours[0].open_min, 480);
    assert_int_equal(cfg.hours[0].close_min, 900);
    assert_int_equal(cfg.hours[1].open_min, 480); /* "08:00 - 15:00" with spaces */
    assert_int_equal(cfg.hours[1].close_min, 900);
    assert_int_equal(cfg.hours[3].open_min, cfg.hours[3].close_min); /* closed */
    assert_int_equal(cfg.hours[4].close_min, 11 * 60 + 30);
    assert_int_equal(cfg.hours[5].open_min, 480);
    assert_int_equal(cfg.hours[6].open_min, 0);
    assert_int_equal(cfg.hours[6].close_min, 1440);
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_GUEST], "TM");
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_MEETING], "AUD");
    assert_string_equal(cfg.ticket_prefix[REC_SERVICE_COMPLAINT], "ADU");
    assert_int_equal(cfg.complaint_default_class, REC_CLASS_LIGHT);
    assert_int_equal(cfg.retention_days, 3650);
    assert_string_equal(cfg.language, "en");
    char db[64];
    assert_int_equal(config_db_path(&cfg, db, sizeof(db)), 0);
    assert_string_equal(db, "/srv/serambi/data/kiosk.db");
}

static void test_timezones(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        int offset;
        const char *abbrev;
    } cases[] = {
        {"Asia/Jakarta", 420, "WIB"},     {"Asia/Pontianak", 420, "WIB"},
        {"Asia/Makassar", 480, "WITA"},   {"Asia/Jayapura", 540, "WIT"},
        {"UTC+07:00", 420, "UTC+07:00"},  {"UTC-03:30", -210, "UTC-03:30"},
        {"UTC+05:45", 345, "UTC+05:45"},  {"UTC+14:00", 840, "UTC+14:00"},
        {"UTC-12:00", -720, "UTC-12:00"}, {"UTC+00:00", 0, "UTC+00:00"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[64], err[512] = "";
        snprintf(text, sizeof(text), "timezone = %s\n", cases[i].value);
        struct kiosk_config cfg;
        config_defaults(&cfg);
        if (parse_text(&cfg, text, err, sizeof(err)) != 0)
            fail_msg("%s: %s", cases[i].value, err);
        assert_int_equal(cfg.utc_offset_min, cases[i].offset);
        assert_string_equal(config_zone_abbrev(&cfg), cases[i].abbrev);
    }
    static const char *const bad[] = {
        "asia/jakarta", "Asia/Jakarta ", "UTC",       "UTC+7:00",  "UTC+07", "UTC 07:00",
        "UTC+14:15",    "UTC-12:30",     "UTC+07:05", "GMT+07:00", "+07:00", "Europe/London",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[64], err[512] = "";
        snprintf(text, sizeof(text), "timezone = \"%s\"\n", bad[i]);
        struct kiosk_config cfg;
        config_defaults(&cfg);
        if (parse_text(&cfg, text, err, sizeof(err)) != -EINVAL)
            fail_msg("timezone '%s' was accepted", bad[i]);
        assert_non_null(strstr(err, "t.conf:1: timezone: "));
        assert_non_null(strstr(err, "expected Asia/Jakarta"));
    }
}

static void test_hours_and_retention_bounds(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int ok;
    } cases[] = {
        {"hours_monday = 00:00-00:01", 1},
        {"hours_monday = 23:59-24:00", 1},
        {"hours_monday = 07:30-16:00", 1},
        {"hours_monday =07:30   -   16:00", 1},
        {"hours_monday = 07:30-", 0},
        {"hours_monday = -16:00", 0},
        {"hours_monday = 07:30", 0},
        {"hours_monday = 07:30-16:00-17:00", 0},
        {"hours_monday = 07.30-16.00", 0},
        {"hours_monday = 07:60-16:00", 0},
        {"hours_monday = Closed", 0},
        {"hours_monday = closed", 1},
        {"retention_days = 1", 1},
        {"retention_days = 3650", 1},
        {"retention_days = 0030", 1},
        {"retention_days = 3651", 0},
        {"retention_days = 30.5", 0},
        {"retention_days = ' 30'", 0},
        {"language = en", 1},
        {"language = \"en\"", 1},
        {"complaint_default_class = supervision", 1},
        {"complaint_default_class = no_supervision", 1},
        {"complaint_default_class = Normative", 0},
        {"data_dir = /", 1},
        {"data_dir = ./data", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct kiosk_config cfg;
        config_defaults(&cfg);
        char err[512] = "";
        int rc = parse_text(&cfg, cases[i].line, err, sizeof(err));
        if ((rc == 0) != cases[i].ok)
            fail_msg("'%s': rc %d (%s)", cases[i].line, rc, err);
    }
    struct kiosk_config cfg;
    config_defaults(&cfg);
    char err[512];
    assert_int_equal(parse_text(&cfg, "retention_days = 0030", err, sizeof(err)), 0);
    assert_int_equal(cfg.retention_days, 30);
    assert_int_equal(parse_text(&cfg, "data_dir = /", err, sizeof(err)), 0);
    char db[64];
    assert_int_equal(config_db_path(&cfg, db, sizeof(db)), 0);
    assert_string_equal(db, "/kiosk.db");
}

static void test_rejected_file_changes_nothing(void **state)
{
    (void)state;
    struct kiosk_config cfg, before;
    config_defaults(&cfg);
    before = cfg;
    char err[512];
    /* Valid lines before the bad one must not leak into cfg. */
    assert_int_equal(parse_text(&cfg,
                                "kiosk_name = Lain\nlanguage = en\ntimezone = Asia/Jayapura\n"
                                "retention_days = never\n",
                                err, sizeof(err)),
                     -EINVAL);
    assert_memory_equal(&cfg, &before, sizeof(cfg));
    assert_non_null(strstr(err, "t.conf:4: retention_days: 'never' is not a whole number"));
}

static void test_windows_file(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBFkiosk_name = Kiosk Lobi\r\n"
                               "# komentar\r\n"
                               "language = en\r\n";
    struct kiosk_config cfg;
    config_defaults(&cfg);
    char err[512] = "";
    if (config_parse(&cfg, "win.conf", text, strlen(text), err, sizeof(err)) != 0)
        fail_msg("%s", err);
    assert_string_equal(cfg.kiosk_name, "Kiosk Lobi");
    assert_string_equal(cfg.language, "en");
    /* A second BOM, inside the file, is not skipped. */
    static const char twice[] = "language = en\n\xEF\xBB\xBFkiosk_name = x\n";
    assert_int_equal(config_parse(&cfg, "win.conf", twice, strlen(twice), err, sizeof(err)),
                     -EINVAL);
    assert_non_null(strstr(err, "win.conf:2:"));
}

static void test_error_buffers(void **state)
{
    (void)state;
    struct kiosk_config cfg;
    config_defaults(&cfg);
    /* No buffer, or a tiny one: still an error, never an overflow. */
    assert_int_equal(config_parse(&cfg, "t.conf", "x = 1", 5, NULL, 0), -EINVAL);
    char tiny[8];
    assert_int_equal(config_parse(&cfg, "t.conf", "x = 1", 5, tiny, sizeof(tiny)), -EINVAL);
    assert_string_equal(tiny, "t.conf:");
    char err[512];
    assert_int_equal(config_parse(&cfg, NULL, "x = 1", 5, err, sizeof(err)), -EINVAL);
    assert_non_null(strstr(err, ":1: x: unknown key"));
    /* A NUL byte inside the text. */
    static const char nul[] = "language = e\0n\n";
    assert_int_equal(config_parse(&cfg, "t.conf", nul, sizeof(nul) - 1, err, sizeof(err)), -EINVAL);
    assert_non_null(strstr(err, "t.conf:1:"));
}

static void test_db_path_too_long(void **state)
{
    (void)state;
    struct kiosk_config cfg;
    config_defaults(&cfg);
    char buf[26] = "untouched";
    /* "/var/lib/serambi/kiosk.db" is 25 characters and its NUL. */
    assert_int_equal(config_db_path(&cfg, buf, 25), -ENAMETOOLONG);
    assert_string_equal(buf, "untouched");
    assert_int_equal(config_db_path(&cfg, buf, 26), 0);
    assert_string_equal(buf, "/var/lib/serambi/kiosk.db");
    assert_int_equal(config_db_path(&cfg, NULL, 0), -ENAMETOOLONG);
}

/* --- files ------------------------------------------------------------------ */

static void test_load_files(void **state)
{
    (void)state;
    char dir[256], path[512], err[512];
    struct kiosk_config cfg;
    th_mkdtemp(dir, sizeof(dir));

    th_write_file(dir, "kiosk.conf", "kiosk_name = Kiosk Lobi\ntimezone = Asia/Jayapura\n", path,
                  sizeof(path));
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(config_load(&cfg, path, err, sizeof(err)), 0);
    assert_string_equal(cfg.source, path);
    assert_string_equal(cfg.kiosk_name, "Kiosk Lobi");
    assert_int_equal(cfg.utc_offset_min, 540);
    assert_int_equal(cfg.retention_days, 30); /* defaults under the file */

    th_write_file(dir, "bad.conf", "\n\nlanguage = jv\n", path, sizeof(path));
    struct kiosk_config before = cfg;
    assert_int_equal(config_load(&cfg, path, err, sizeof(err)), -EINVAL);
    assert_memory_equal(&cfg, &before, sizeof(cfg));
    char want[600];
    snprintf(want, sizeof(want), "%s:3: language: unknown language 'jv'", path);
    assert_non_null(strstr(err, want));

    snprintf(path, sizeof(path), "%s/missing.conf", dir);
    assert_int_equal(config_load(&cfg, path, err, sizeof(err)), -ENOENT);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, strerror(ENOENT)));

    assert_int_equal(config_load(&cfg, dir, err, sizeof(err)), -EISDIR);
    assert_non_null(strstr(err, strerror(EISDIR)));

    /* Exactly the cap is read; one byte more is refused. */
    char *big = malloc(CONFIG_FILE_MAX_BYTES + 2);
    assert_non_null(big);
    memset(big, '\n', CONFIG_FILE_MAX_BYTES);
    big[0] = '#';
    big[CONFIG_FILE_MAX_BYTES] = '\0';
    th_write_file(dir, "cap.conf", big, path, sizeof(path));
    assert_int_equal(config_load(&cfg, path, err, sizeof(err)), 0);
    big[CONFIG_FILE_MAX_BYTES] = '\n';
    big[CONFIG_FILE_MAX_BYTES + 1] = '\0';
    th_write_file(dir, "big.conf", big, path, sizeof(path));
    free(big);
    assert_int_equal(config_load(&cfg, path, err, sizeof(err)), -EFBIG);
    assert_non_null(strstr(err, "big.conf: is larger than 65536 bytes"));

    if (geteuid() != 0) {
        th_write_file(dir, "secret.conf", "language = en\n", path, sizeof(path));
        assert_int_equal(chmod(path, 0), 0);
        assert_int_equal(config_load(&cfg, path, err, sizeof(err)), -EACCES);
        assert_non_null(strstr(err, strerror(EACCES)));
    }
    th_rmtree(dir);
}

static void test_load_default_path(void **state)
{
    (void)state;
    /* Only meaningful where no kiosk is installed, which is where tests run. */
    if (access(CONFIG_DEFAULT_PATH, F_OK) == 0)
        skip();
    struct kiosk_config cfg;
    char err[512];
    memset(&cfg, 0x5A, sizeof(cfg));
    assert_int_equal(config_load(&cfg, NULL, err, sizeof(err)), 0);
    assert_string_equal(cfg.source, "");
    assert_string_equal(cfg.timezone, "Asia/Pontianak");
}

static void test_every_key_documented(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "kiosk_name",
        "office_name",
        "data_dir",
        "assets_dir",
        "timezone",
        "hours_monday",
        "hours_tuesday",
        "hours_wednesday",
        "hours_thursday",
        "hours_friday",
        "hours_saturday",
        "hours_sunday",
        "ticket_prefix_guest",
        "ticket_prefix_meeting",
        "ticket_prefix_complaint",
        "complaint_default_class",
        "retention_days",
        "language",
    };
    char *doc = th_read_file("docs/config.md", NULL);
    assert_non_null(doc);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        char tick[64];
        snprintf(tick, sizeof(tick), "`%s`", keys[i]);
        if (!strstr(doc, tick))
            fail_msg("docs/config.md does not mention %s", tick);
        /* And the key really exists: a bad value names it. */
        char text[96], err[512] = "";
        snprintf(text, sizeof(text), "%s = \x01\n", keys[i]);
        struct kiosk_config cfg;
        config_defaults(&cfg);
        assert_int_equal(parse_text(&cfg, text, err, sizeof(err)), -EINVAL);
        char want[96];
        snprintf(want, sizeof(want), "t.conf:1: %s: contains a control character", keys[i]);
        if (!strstr(err, want))
            fail_msg("%s: %s", keys[i], err);
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_full_file_values),
        cmocka_unit_test(test_timezones),
        cmocka_unit_test(test_hours_and_retention_bounds),
        cmocka_unit_test(test_rejected_file_changes_nothing),
        cmocka_unit_test(test_windows_file),
        cmocka_unit_test(test_error_buffers),
        cmocka_unit_test(test_db_path_too_long),
        cmocka_unit_test(test_load_files),
        cmocka_unit_test(test_load_default_path),
        cmocka_unit_test(test_every_key_documented),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    failed += run_case_files();
    return failed;
}
