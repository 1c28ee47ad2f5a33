/*
 * test_ui_replay — the journeys in tests/ui (one .replay file each), run through the
 * real serambi binary with --replay on the offscreen video driver, on
 * three displays: the Raspberry Pi touch display (800x480 landscape), a
 * 1080x1920 portrait screen, and the Pi display turned a quarter (touches
 * rotated with it). After each journey the store is read back through
 * `serambi export` to prove what was (or was not) stored: guest-book
 * entries, meeting requests, complaints or survey answers, by the
 * journey's name, and a scanned letter is read back from the store and
 * must be a PDF that qpdf accepts, with the page count pdfinfo expects.
 *
 * The scanner is SANE's `test` backend (the real libsane, enabled
 * through a private SANE_CONFIG_DIR): a journey may give it a test.conf
 * of its own (an injected jam, a slow scan to cancel). Its feeder always
 * holds 10 sheets, so letters of other lengths are scanned from the glass
 * (scan_source = flatbed), one page after another.
 *
 * Screenshots are written to a temporary folder that is removed; set
 * SERAMBI_UI_SHOTS=DIR to keep them for looking at.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "../helpers.h"

struct display {
    const char *name;
    int width, height, rotation, width_mm, height_mm;
};

static const struct display displays[] = {
    {"landscape-800x480", 800, 480, 0, 155, 86},
    {"portrait-1080x1920", 1080, 1920, 0, 268, 476},
    {"rotated-800x480", 800, 480, 90, 155, 86},
};

struct journey {
    const char *script;
    int rows;                /* records stored at the end (see export_kind()) */
    const char *stored[6];   /* texts the export must contain */
    const char *unstored[3]; /* texts it must not contain */
};

/* What a journey that scans needs, by its script. */
struct scanning {
    const char *script;
    const char *conf;    /* more kiosk.conf lines, or NULL */
    const char *backend; /* more test.conf lines of the SANE test backend, or NULL */
    int letter_pages;    /* pages of the one letter stored; 0: no letter stored */
};

/* Letters of a few pages, one page after another from the glass. */
#define FLATBED "scan_source = flatbed\n"
/* An injected paper jam on the first line of the first sheet. */
#define JAMMED "read-status-code \"SANE_STATUS_JAMMED\"\n"
/* 200 ms after each buffer the backend sends: long enough to cancel. */
#define SLOW "read-delay true\nread-delay-duration 200000\n"

/* The staff journeys' PIN; their kiosk.conf gets the line `serambi pin`
 * prints for it. */
#define STAFF_PIN "246810"
/* The records their staff screen shows waiting for the hub: the survey
 * and its visit. */
#define STAFF_BACKLOG 2

static const struct journey journeys[] = {
    {"home-id.replay", 0, {NULL}, {NULL}},
    {"home-en.replay", 0, {NULL}, {NULL}},
    {"guest-id.replay",
     1,
     {"Siti Aminah, S.E.", "Koperasi Maju Bersama", "+6281256506007",
      "Konsultasi izin usaha simpan pinjam", "Bidang Kelembagaan", NULL},
     {NULL}},
    {"guest-en.replay",
     1,
     {"Budi Santoso", "+62561732690", "Meeting about SME licensing", NULL},
     {"12345", NULL}},
    {"guest-idle.replay", 0, {NULL}, {"Rahasia", "Urusan pribadi", NULL}},
    {"guest-stay.replay", 0, {NULL}, {"Dewi", NULL}},
    {"guest-caret.replay", 1, {"Budi Santoso", "Rapat koperasi", NULL}, {"Budy", NULL}},
    {"info-id.replay", 0, {NULL}, {NULL}},
    {"info-en.replay", 0, {NULL}, {NULL}},
    /* An anonymous complaint keeps an empty name: "privacy,name,phone". */
    {"complaint-id.replay",
     1,
     {"anonymous,,,", "Antrean di loket perizinan lama sekali", "normative", NULL},
     {NULL}},
    {"complaint-en.replay",
     1,
     {"confidential,Rudi Hartono,+6281345678901", "The permit counter asked me for a fee.",
      "normative", NULL},
     {"12345", NULL}},
    {"meeting-id.replay",
     1,
     {"Siti Aminah", "Koperasi Maju Bersama", "+6281256506007", "Pendampingan koperasi simpan",
      "Senin pagi", NULL},
     {NULL}},
    {"meeting-en.replay",
     1,
     {"Budi Santoso", "+62561732690", "Cooperative licensing", NULL},
     {NULL}},
    /* A jam: the plain message, then the request goes on, letter at the desk. */
    {"meeting-jam.replay", 1, {"Dewi Lestari", "Audiensi UMKM", NULL}, {NULL}},
    /* The visitor stops the scan and leaves: nothing is stored. */
    {"meeting-cancel.replay", 0, {NULL}, {"Rahmat", NULL}},
    {"complaint-scan.replay",
     1,
     {"named,Rudi Hartono,+6281345678901", "Kuitansi pungutan liar", NULL},
     {NULL}},
    /* The 9 scores in order, then the comment. */
    {"survey-id.replay", 1, {",4,3,4,4,3,2,4,1,3,Ruang tunggu perlu kipas angin.,", NULL}, {NULL}},
    {"survey-en.replay", 1, {",1,2,3,4,1,2,3,4,2,,", NULL}, {NULL}},
    /* The staff journeys store one survey; the PIN is never stored. */
    {"staff-id.replay", 1, {",4,4,4,4,4,4,4,4,4,,", NULL}, {STAFF_PIN, NULL}},
    {"staff-en.replay", 1, {",1,2,3,4,1,2,3,4,2,,", NULL}, {STAFF_PIN, NULL}},
};

static const struct scanning scannings[] = {
    {"meeting-id.replay", FLATBED, NULL, 3},     {"meeting-en.replay", FLATBED, NULL, 3},
    {"meeting-jam.replay", NULL, JAMMED, 0},     {"meeting-cancel.replay", FLATBED, SLOW, 0},
    {"complaint-scan.replay", FLATBED, NULL, 1},
};

/* A journey's scanning needs; none for one that does not scan. */
static struct scanning scanning_of(const char *script)
{
    for (size_t i = 0; i < sizeof(scannings) / sizeof(scannings[0]); i++)
        if (strcmp(scannings[i].script, script) == 0)
            return scannings[i];
    return (struct scanning){script, NULL, NULL, 0};
}

#define N_DISPLAYS (sizeof(displays) / sizeof(displays[0]))
#define N_JOURNEYS (sizeof(journeys) / sizeof(journeys[0]))

struct pair {
    const struct display *display;
    const struct journey *journey;
};

/* The kind a journey stores, by its name: the guest book unless the
 * script is a complaint or survey journey. */
static const char *export_kind(const char *script)
{
    if (strncmp(script, "complaint-", 10) == 0)
        return "complaint";
    if (strncmp(script, "survey-", 7) == 0 || strncmp(script, "staff-", 6) == 0)
        return "survey";
    if (strncmp(script, "meeting-", 8) == 0)
        return "meeting";
    return "guest";
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The SANE configuration every run of serambi here sees: only the test
 * backend, so no journey (nor the monkey) ever probes real scanners. */
static char sane_top[256], sane_dir[512];

static void sane_backend(const char *extra)
{
    char text[1024], path[600];
    snprintf(text, sizeof(text),
             "number_of_devices 1\ntest-picture \"Grid\"\n"
             "tl_x 0.0\ntl_y 0.0\nbr_x 80.0\nbr_y 100.0\n%s",
             extra ? extra : "");
    th_write_file(sane_dir, "test.conf", text, path, sizeof(path));
}

static void sane_teardown(void)
{
    th_rmtree(sane_top);
}

static void sane_setup(void)
{
    char path[600];
    th_mkdtemp(sane_top, sizeof(sane_top));
    snprintf(sane_dir, sizeof(sane_dir), "%s/sane.d", sane_top);
    mkdir(sane_dir, 0700);
    th_write_file(sane_dir, "dll.conf", "test\n", path, sizeof(path));
    sane_backend(NULL);
    setenv("SANE_CONFIG_DIR", sane_dir, 1);
    atexit(sane_teardown);
}

/*
 * Runs a replay under a deadline. SANE's test backend stops its reader
 * thread with an asynchronous cancel, which could land inside malloc and
 * hang serambi for good when a scan ends early (a jam, a cancel); a
 * journey that scans runs with tests/sane/deferred-cancel.c preloaded,
 * which keeps that cancel deferred. A run that still hangs is killed and
 * replayed, as test_scan_cli does.
 *
 * The same backend leaks the buffer of a page it was stopped in, and
 * serambi unloads it at sane_exit(), after which LeakSanitizer could not
 * tell whose leak it is. So a journey that scans runs with the backend
 * preloaded: it stays mapped after sane_exit(), its leak is named and
 * suppressed (tests/lsan-suppressions.txt), and every other leak still
 * fails the run. ASan then must not insist on coming first.
 */
static void run_replay(char *const argv[], bool scans, struct th_run *r)
{
    const char *asan = getenv("ASAN_OPTIONS");
    char saved[512] = "";
    if (asan)
        snprintf(saved, sizeof(saved), "%s", asan);
    if (scans) {
        setenv("ASAN_OPTIONS", "verify_asan_link_order=0:abort_on_error=0:halt_on_error=1", 1);
        glob_t g;
        if (glob("/usr/lib/*/sane/libsane-test.so.1", 0, NULL, &g) == 0) { /* any arch */
            th_sane_cancel_env(g.gl_pathv[0]);
            globfree(&g);
        } else {
            th_sane_cancel_env(NULL);
        }
    }
    char *timed[16] = {"/usr/bin/timeout", "-s", "KILL", "90"};
    size_t n = 4;
    for (size_t i = 0; argv[i] && n < 15; i++)
        timed[n++] = argv[i];
    timed[n] = NULL;
    for (int attempt = 1;; attempt++) {
        th_run(timed, r);
        if (r->exit_code != -1 || attempt == 3)
            break;
        fprintf(stderr, "a scan hung in the test backend; again (%d)\n", attempt);
        th_run_fini(r);
    }
    unsetenv("LD_PRELOAD");
    if (asan)
        setenv("ASAN_OPTIONS", saved, 1);
    else
        unsetenv("ASAN_OPTIONS");
}

/* The letter a journey stored: pages attachments rows (0 or 1) belonging
 * to a record of kind, whose bytes are a PDF of that many pages. */
static void check_letter(const char *dir, const char *table, int pages)
{
    char db[600], pdf[600], sql[256], code[16] = "";
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    snprintf(db, sizeof(db), "%s/data/kiosk.db", dir);
    snprintf(pdf, sizeof(pdf), "%s/letter.pdf", dir);
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM attachments", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), pages > 0 ? 1 : 0);
    sqlite3_finalize(st);
    if (pages > 0) {
        snprintf(sql, sizeof(sql),
                 "SELECT a.pages, a.data, r.tracking_code FROM attachments a "
                 "JOIN %s r ON r.id = a.record_id",
                 table);
        assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), pages);
        FILE *f = fopen(pdf, "wb");
        assert_non_null(f);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        assert_int_equal(fwrite(sqlite3_column_blob(st, 1), 1, len, f), len);
        fclose(f);
        snprintf(code, sizeof(code), "%s", (const char *)sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    if (pages == 0)
        return;
    struct th_run r;
    th_run((char *[]){"/usr/bin/qpdf", "--check", pdf, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    th_run((char *[]){"/usr/bin/pdfinfo", pdf, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    const char *line = strstr(r.out, "Pages:");
    assert_non_null(line);
    assert_int_equal(strtol(line + 6, NULL, 10), pages);
    /* The letter names the tracking code the visitor was given. */
    line = strstr(r.out, "Subject:");
    assert_non_null(line);
    assert_true(code[0] && strstr(line, code));
    th_run_fini(&r);
}

/* A staff journey's kiosk.conf gets the hash of STAFF_PIN, made by the
 * real `serambi pin` from a pipe. */
static void add_staff_pin(const char *script, const char *dir, char *text, size_t cap, char *conf,
                          size_t conf_cap)
{
    if (strncmp(script, "staff-", 6) != 0)
        return;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "printf '%%s\\n' %s | '%s' --config '%s' pin", STAFF_PIN,
             th_serambi_bin(), conf);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    struct th_run r;
    th_run(argv, &r);
    if (r.exit_code != 0)
        fail_msg("serambi pin: %s", r.err);
    assert_non_null(strstr(r.out, "staff_pin_hash = $argon2id$"));
    assert_null(strstr(r.out, STAFF_PIN));
    size_t len = strlen(text);
    assert_true(len + strlen(r.out) < cap);
    memcpy(text + len, r.out, strlen(r.out) + 1);
    th_run_fini(&r);
    th_write_file(dir, "kiosk.conf", text, conf, conf_cap);
}

/* The outbox of a staff journey's store holds what its staff screen said. */
static void check_staff_backlog(const char *script, const char *dir)
{
    if (strncmp(script, "staff-", 6) != 0)
        return;
    char path[512];
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    snprintf(path, sizeof(path), "%s/data/kiosk.db", dir);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(stmt, 0), STAFF_BACKLOG);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void run_journey(void **state)
{
    const struct pair *p = *state;
    const char *source = getenv("SERAMBI_SOURCE");
    const char *build = getenv("SERAMBI_BUILD");
    const struct scanning scan = scanning_of(p->journey->script);
    char dir[256], conf[512], text[2048], script[1024], shots[1024];
    th_mkdtemp(dir, sizeof(dir));
    snprintf(text, sizeof(text),
             "data_dir = %s/data\nassets_dir = %s\nlocale_dir = %s/locale\n"
             "video_driver = offscreen\ndisplay_width = %d\ndisplay_height = %d\n"
             "display_rotation = %d\ndisplay_width_mm = %d\ndisplay_height_mm = %d\n%s",
             dir, th_assets_dir(), build ? build : "build/release", p->display->width,
             p->display->height, p->display->rotation, p->display->width_mm, p->display->height_mm,
             scan.conf ? scan.conf : "");
    th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
    sane_backend(scan.backend);
    add_staff_pin(p->journey->script, dir, text, sizeof(text), conf, sizeof(conf));
    snprintf(script, sizeof(script), "%s/tests/ui/%s", source ? source : ".", p->journey->script);
    const char *keep = getenv("SERAMBI_UI_SHOTS");
    if (keep && *keep) {
        snprintf(shots, sizeof(shots), "%s/%s", keep, p->display->name);
        mkdir(keep, 0755);
    } else {
        snprintf(shots, sizeof(shots), "%s/shots", dir);
    }
    mkdir(shots, 0755);

    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "--replay", script,
                    "--screenshots",          shots,      NULL};
    struct th_run r;
    run_replay(argv, scan.conf || scan.backend, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s on %s:\n%s", p->journey->script, p->display->name, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);

    char *export[] = {(char *)th_serambi_bin(),
                      "--config",
                      conf,
                      "export",
                      "--kind",
                      (char *)export_kind(p->journey->script),
                      "--format",
                      "csv",
                      NULL};
    th_run(export, &r);
    assert_int_equal(r.exit_code, 0);
    /* A header line, then one line per entry (no entry has a newline). */
    int rows = count_lines(r.out) - 1;
    if (rows < 0)
        rows = 0;
    assert_int_equal(rows, p->journey->rows);
    for (int i = 0; p->journey->stored[i]; i++)
        if (!strstr(r.out, p->journey->stored[i]))
            fail_msg("the store lacks '%s'", p->journey->stored[i]);
    for (int i = 0; p->journey->unstored[i]; i++)
        if (strstr(r.out, p->journey->unstored[i]))
            fail_msg("the store holds '%s'", p->journey->unstored[i]);
    th_run_fini(&r);
    check_staff_backlog(p->journey->script, dir);
    const char *kind = export_kind(p->journey->script);
    check_letter(dir,
                 strcmp(kind, "meeting") == 0     ? "meeting_requests"
                 : strcmp(kind, "complaint") == 0 ? "complaints"
                                                  : "visits",
                 scan.letter_pages);
    th_rmtree(dir);
}

/* Status check: `serambi demo` stores a meeting request; its tracking
 * code is typed in lower case, first with two symbols swapped (caught by
 * the check symbol), then right. The script is written here because the
 * code is new on every run. */
static void status_check_finds_a_stored_request(void **state)
{
    (void)state;
    const char *build = getenv("SERAMBI_BUILD");
    for (size_t d = 0; d < N_DISPLAYS; d++) {
        for (int english = 0; english < 2; english++) {
            char dir[256], conf[512], text[4096], script[512];
            th_mkdtemp(dir, sizeof(dir));
            snprintf(text, sizeof(text),
                     "data_dir = %s/data\nassets_dir = %s\nlocale_dir = %s/locale\n"
                     "video_driver = offscreen\ndisplay_width = %d\ndisplay_height = %d\n"
                     "display_rotation = %d\n",
                     dir, th_assets_dir(), build ? build : "build/release", displays[d].width,
                     displays[d].height, displays[d].rotation);
            th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
            char *demo[] = {(char *)th_serambi_bin(), "--config", conf, "demo", NULL};
            struct th_run r;
            th_run(demo, &r);
            assert_int_equal(r.exit_code, 0);
            const char *at = strstr(r.out, "meeting request");
            assert_non_null(at);
            at = strstr(at, "code ");
            assert_non_null(at);
            char code[16] = "", typo[16];
            for (int i = 0; i < 8; i++)
                code[i] = (char)(at[5 + i] >= 'A' && at[5 + i] <= 'Z' ? at[5 + i] + 32 : at[5 + i]);
            th_run_fini(&r);
            memcpy(typo, code, sizeof(typo));
            typo[0] = code[1];
            typo[1] = code[0];
            if (typo[0] == typo[1])
                typo[1] = typo[1] == '2' ? '3' : '2'; /* still one wrong symbol */
            snprintf(text, sizeof(text),
                     "%s"
                     "tap home.status\nexpect-screen status\ntap status.code\ntype %s\n"
                     "tap status.check\nexpect-text %s\n"
                     "tap status.code\n"
                     "tap kb.backspace\ntap kb.backspace\ntap kb.backspace\ntap kb.backspace\n"
                     "tap kb.backspace\ntap kb.backspace\ntap kb.backspace\ntap kb.backspace\n"
                     "type %s\ntap status.check\nexpect-text R-001\nexpect-text %s\n"
                     "tap status.back\nexpect-screen home\n",
                     english ? "tap lang\n" : "", typo,
                     english ? "This code is not recognised" : "Kode tidak dikenali", code,
                     english ? "Received, waiting to be processed" : "Diterima, menunggu diproses");
            th_write_file(dir, "status.replay", text, script, sizeof(script));
            char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "--replay", script, NULL};
            th_run(argv, &r);
            if (r.exit_code != 0)
                fprintf(stderr, "status on %s: %s", displays[d].name, r.err);
            assert_int_equal(r.exit_code, 0);
            th_run_fini(&r);
            th_rmtree(dir);
        }
    }
}

/* A monkey: random taps anywhere and random waits, on the real binary
 * with its real store. It must not crash, leak (under ASan) or get stuck:
 * at the end, after the idle timeout, the kiosk is Home again.
 * SERAMBI_MONKEY_TAPS sets how many taps (default 3000; `make monkey` runs
 * 100,000 under the sanitizers, and then only this test). */
static void monkey_never_gets_stuck(void **state)
{
    (void)state;
    const char *build = getenv("SERAMBI_BUILD");
    const char *env = getenv("SERAMBI_MONKEY_TAPS");
    long taps = env && *env ? strtol(env, NULL, 10) : 3000;
    for (size_t d = 0; d < N_DISPLAYS; d += 2) {
        char dir[256], conf[512], text[1024], script[512];
        th_mkdtemp(dir, sizeof(dir));
        /* A scanner that is never there: a scan the monkey starts fails at
         * once, and the test backend's leaks (see run_replay()) stay out. */
        snprintf(text, sizeof(text),
                 "data_dir = %s/data\nassets_dir = %s\nlocale_dir = %s/locale\n"
                 "video_driver = offscreen\ndisplay_width = %d\ndisplay_height = %d\n"
                 "scanner_device = nosuch:0\n",
                 dir, th_assets_dir(), build ? build : "build/release", displays[d].width,
                 displays[d].height);
        th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
        snprintf(script, sizeof(script), "%s/monkey.replay", dir);
        FILE *f = fopen(script, "w");
        assert_non_null(f);
        uint64_t x = 0x9E3779B97F4A7C15ULL + d;
        for (long i = 0; i < taps; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if (x % 97 == 0)
                fprintf(f, "clock +%d\n", (int)(x >> 40) % 120);
            else if (x % 13 == 0) /* a swipe up or down */
                fprintf(f, "scroll %d\n", (int)((x >> 16) % 1201) - 600);
            else
                fprintf(f, "tap %d %d\n", (int)((x >> 8) % (uint64_t)displays[d].width),
                        (int)((x >> 24) % (uint64_t)displays[d].height));
        }
        fputs("clock +300\nexpect-screen home\n", f);
        fclose(f);
        char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "--replay", script, NULL};
        struct th_run r;
        th_run(argv, &r);
        if (r.exit_code != 0)
            fprintf(stderr, "monkey on %s: %s", displays[d].name, r.err);
        assert_int_equal(r.exit_code, 0);
        th_run_fini(&r);
        th_rmtree(dir);
    }
}

static void broken_script_names_its_line(void **state)
{
    (void)state;
    char dir[256], conf[512], script[512], text[1024];
    th_mkdtemp(dir, sizeof(dir));
    snprintf(text, sizeof(text), "data_dir = %s/data\nassets_dir = %s\nvideo_driver = offscreen\n",
             dir, th_assets_dir());
    th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
    th_write_file(dir, "bad.replay", "expect-screen home\nexpect-screen guest.form\n", script,
                  sizeof(script));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "--replay", script, NULL};
    struct th_run r;
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "bad.replay:2: expect-screen guest.form: the screen is 'home'"));
    th_run_fini(&r);

    th_write_file(dir, "bad.replay", "tap\n", script, sizeof(script));
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "bad.replay:1: tap needs an argument"));
    th_run_fini(&r);

    th_write_file(dir, "bad.replay", "tap no.such.widget\n", script, sizeof(script));
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "no widget 'no.such.widget' on screen 'home'"));
    th_run_fini(&r);
    th_rmtree(dir);
}

static void no_display_is_explained(void **state)
{
    (void)state;
    char dir[256], conf[512], text[1024];
    th_mkdtemp(dir, sizeof(dir));
    /* x11 with no X server: what a kiosk started over ssh would meet. */
    snprintf(text, sizeof(text), "data_dir = %s/data\nassets_dir = %s\nvideo_driver = x11\n", dir,
             th_assets_dir());
    th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, NULL};
    setenv("DISPLAY", ":987", 1);
    struct th_run r;
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "no display could be opened"));
    assert_non_null(strstr(r.err, "video_driver = offscreen"));
    th_run_fini(&r);
    th_rmtree(dir);
}

int main(void)
{
    static struct pair pairs[N_DISPLAYS * N_JOURNEYS];
    sane_setup();
    const char *monkey = getenv("SERAMBI_MONKEY_TAPS");
    if (monkey && *monkey) { /* `make monkey`: the long run alone */
        const struct CMUnitTest only[] = {cmocka_unit_test(monkey_never_gets_stuck)};
        return cmocka_run_group_tests_name("ui_monkey", only, NULL, NULL);
    }
    static char names[N_DISPLAYS * N_JOURNEYS][96];
    struct CMUnitTest tests[N_DISPLAYS * N_JOURNEYS + 4];
    size_t n = 0;
    for (size_t d = 0; d < N_DISPLAYS; d++) {
        for (size_t j = 0; j < N_JOURNEYS; j++, n++) {
            pairs[n] = (struct pair){&displays[d], &journeys[j]};
            snprintf(names[n], sizeof(names[n]), "%s on %s", journeys[j].script, displays[d].name);
            tests[n] = (struct CMUnitTest){names[n], run_journey, NULL, NULL, &pairs[n]};
        }
    }
    tests[n++] = (struct CMUnitTest){"status_check_finds_a_stored_request",
                                     status_check_finds_a_stored_request, NULL, NULL, NULL};
    tests[n++] =
        (struct CMUnitTest){"monkey_never_gets_stuck", monkey_never_gets_stuck, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"broken_script_names_its_line", broken_script_names_its_line,
                                     NULL, NULL, NULL};
    tests[n++] =
        (struct CMUnitTest){"no_display_is_explained", no_display_is_explained, NULL, NULL, NULL};
    return _cmocka_run_group_tests("ui_replay", tests, n, NULL, NULL);
}
