/*
 * test_ui_replay — the journeys in tests/ui (one .replay file each), run through the
 * real serambi binary with --replay on the offscreen video driver, on
 * three displays: the Raspberry Pi touch display (800x480 landscape), a
 * 1080x1920 portrait screen, and the Pi display turned a quarter (touches
 * rotated with it). After each journey the store is read back through
 * `serambi export` to prove what was (or was not) stored: guest-book
 * entries, complaints or survey answers, by the journey's name.
 *
 * Screenshots are written to a temporary folder that is removed; set
 * SERAMBI_UI_SHOTS=DIR to keep them for looking at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

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
    /* The 9 scores in order, then the comment. */
    {"survey-id.replay", 1, {",4,3,4,4,3,2,4,1,3,Ruang tunggu perlu kipas angin.,", NULL}, {NULL}},
    {"survey-en.replay", 1, {",1,2,3,4,1,2,3,4,2,,", NULL}, {NULL}},
};

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
    if (strncmp(script, "survey-", 7) == 0)
        return "survey";
    return "guest";
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void run_journey(void **state)
{
    const struct pair *p = *state;
    const char *source = getenv("SERAMBI_SOURCE");
    const char *build = getenv("SERAMBI_BUILD");
    char dir[256], conf[512], text[2048], script[1024], shots[1024];
    th_mkdtemp(dir, sizeof(dir));
    snprintf(text, sizeof(text),
             "data_dir = %s/data\nassets_dir = %s\nlocale_dir = %s/locale\n"
             "video_driver = offscreen\ndisplay_width = %d\ndisplay_height = %d\n"
             "display_rotation = %d\ndisplay_width_mm = %d\ndisplay_height_mm = %d\n",
             dir, th_assets_dir(), build ? build : "build/release", p->display->width,
             p->display->height, p->display->rotation, p->display->width_mm, p->display->height_mm);
    th_write_file(dir, "kiosk.conf", text, conf, sizeof(conf));
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
    th_run(argv, &r);
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
 * SERAMBI_MONKEY_TAPS sets how many taps (default 3000). */
static void monkey_never_gets_stuck(void **state)
{
    (void)state;
    const char *build = getenv("SERAMBI_BUILD");
    const char *env = getenv("SERAMBI_MONKEY_TAPS");
    long taps = env && *env ? strtol(env, NULL, 10) : 3000;
    for (size_t d = 0; d < N_DISPLAYS; d += 2) {
        char dir[256], conf[512], text[1024], script[512];
        th_mkdtemp(dir, sizeof(dir));
        snprintf(text, sizeof(text),
                 "data_dir = %s/data\nassets_dir = %s\nlocale_dir = %s/locale\n"
                 "video_driver = offscreen\ndisplay_width = %d\ndisplay_height = %d\n",
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
