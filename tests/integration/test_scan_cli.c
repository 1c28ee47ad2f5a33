/*
 * test_scan_cli — `serambi scan` against SANE's own `test` backend, the
 * real libsane, enabled through a private SANE_CONFIG_DIR (dll.conf
 * listing only `test`, and a test.conf per case choosing the picture and
 * the status the backend injects).
 *
 * Each produced PDF must pass `qpdf --check`, have the page count and
 * size `pdfinfo` expects, and render (pdftoppm) like the picture
 * `scanimage` gets from the same backend with the same settings. Each
 * injected failure must give its plain message, exit 1 and leave no file
 * behind, not even a partial one.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../helpers.h"

/* 80 × 100 mm at 100 dpi: 314 × 393 pixels, 226.08 × 282.96 pt. */
#define PAGE_SIZE_PT "226.08 x 282.96 pts"

struct fixture {
    char dir[256];
    char sane[512];
    char config[512];
    char out[512];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char path[512];
    if (!f)
        return -1;
    th_mkdtemp(f->dir, sizeof(f->dir));
    snprintf(f->sane, sizeof(f->sane), "%s/sane.d", f->dir);
    if (mkdir(f->sane, 0700) != 0)
        return -1;
    th_write_file(f->sane, "dll.conf", "test\n", path, sizeof(path));
    th_write_file(f->dir, "kiosk.conf", "# defaults\n", f->config, sizeof(f->config));
    snprintf(f->out, sizeof(f->out), "%s/letter.pdf", f->dir);
    setenv("SANE_CONFIG_DIR", f->sane, 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    unsetenv("SANE_CONFIG_DIR");
    th_rmtree(f->dir);
    free(f);
    return 0;
}

/* The backend's settings for one case; extra is more test.conf lines. */
static void backend(struct fixture *f, const char *picture, const char *extra)
{
    char text[1024], path[512];
    int n = snprintf(text, sizeof(text),
                     "number_of_devices 1\n"
                     "test-picture \"%s\"\n"
                     "resolution_min 1.0\nresolution_max 1200.0\nresolution_quant 1.0\n"
                     "geometry_min 0.0\ngeometry_max 200.0\ngeometry_quant 1.0\n"
                     "tl_x 0.0\ntl_y 0.0\nbr_x 80.0\nbr_y 100.0\n%s",
                     picture, extra);
    assert_true(n > 0 && (size_t)n < sizeof(text));
    th_write_file(f->sane, "test.conf", text, path, sizeof(path));
}

/*
 * The test backend stops its reader thread with an asynchronous cancel,
 * which could land inside malloc and hang serambi for good when an error
 * is injected while the page is still being produced. Every serambi run
 * here has tests/sane/deferred-cancel.c preloaded, which keeps that cancel
 * deferred; a scan still gets a deadline (and one more try) so that a
 * hang fails the suite instead of stalling it.
 */
#define SCAN_DEADLINE "10"
#define SCAN_ATTEMPTS 3
/* timeout(1) re-raises the KILL it sent, so th_run() sees a signal. */
#define TIMED_OUT (-1)

static void scan(struct fixture *f, const char *source, const char *mode, struct th_run *r)
{
    char *argv[] = {"/usr/bin/timeout",
                    "-s",
                    "KILL",
                    SCAN_DEADLINE,
                    (char *)th_serambi_bin(),
                    "--config",
                    f->config,
                    "scan",
                    "--source",
                    (char *)source,
                    "--mode",
                    (char *)mode,
                    "--resolution",
                    "100",
                    "--out",
                    f->out,
                    NULL};
    for (int attempt = 1;; attempt++) {
        th_run(argv, r);
        if (r->exit_code != TIMED_OUT || attempt == SCAN_ATTEMPTS)
            return;
        fprintf(stderr, "scan hung in the test backend; again (%d)\n", attempt);
        th_run_fini(r);
    }
}

static void expect_pdf(struct fixture *f, int pages)
{
    struct th_run r;
    th_run((char *[]){"/usr/bin/qpdf", "--check", f->out, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    th_run((char *[]){"/usr/bin/pdfinfo", f->out, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    const char *line = strstr(r.out, "Pages:");
    assert_non_null(line);
    assert_int_equal(strtol(line + 6, NULL, 10), pages);
    assert_non_null(strstr(r.out, PAGE_SIZE_PT));
    th_run_fini(&r);
}

/* A PNM (P4, P5 or P6) as lightness 0..255 per pixel. */
struct grey {
    int width, height;
    uint8_t *px;
};

static const char *skip_space(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        if (*p != '#')
            return p;
        while (*p && *p != '\n')
            p++;
    }
}

static void read_pnm(const char *path, struct grey *g)
{
    size_t len = 0;
    char *text = th_read_file(path, &len);
    assert_non_null(text);
    assert_true(len > 2 && text[0] == 'P');
    char kind = text[1];
    const char *p = skip_space(text + 2);
    char *end = NULL;
    g->width = (int)strtol(p, &end, 10);
    p = skip_space(end);
    g->height = (int)strtol(p, &end, 10);
    if (kind != '4') {
        p = skip_space(end);
        assert_int_equal(strtol(p, &end, 10), 255);
    }
    const uint8_t *data = (const uint8_t *)end + 1;
    size_t n = (size_t)g->width * (size_t)g->height;
    g->px = malloc(n);
    assert_non_null(g->px);
    size_t stride = kind == '4' ? ((size_t)g->width + 7) / 8 : 0;
    size_t need = kind == '4' ? stride * (size_t)g->height : kind == '5' ? n : 3 * n;
    assert_true((size_t)(data - (const uint8_t *)text) + need <= len);
    for (int y = 0; y < g->height; y++)
        for (int x = 0; x < g->width; x++) {
            size_t i = (size_t)y * (size_t)g->width + (size_t)x;
            if (kind == '4') {
                g->px[i] = (data[(size_t)y * stride + (size_t)x / 8] >> (7 - x % 8)) & 1 ? 0 : 255;
            } else if (kind == '5') {
                g->px[i] = data[i];
            } else {
                const uint8_t *c = data + 3 * i;
                g->px[i] = (uint8_t)((c[0] * 77 + c[1] * 150 + c[2] * 29) >> 8);
            }
        }
    free(text);
}

/* The first page of the PDF rendered at 100 dpi against what scanimage
 * gets from the backend: mean absolute difference in grey levels. */
static double compare_with_scanimage(struct fixture *f, const char *mode, const char *depth)
{
    char pnm[600], prefix[600], ppm[700];
    snprintf(pnm, sizeof(pnm), "%s/direct.pnm", f->dir);
    snprintf(prefix, sizeof(prefix), "%s/render", f->dir);
    snprintf(ppm, sizeof(ppm), "%s.pgm", prefix);
    struct th_run r;
    char out_arg[700];
    snprintf(out_arg, sizeof(out_arg), "--output-file=%s", pnm);
    th_run((char *[]){"/usr/bin/scanimage", "-d", "test:0", "--mode", (char *)mode, "--depth",
                      (char *)depth, "--resolution", "100", "--format=pnm", out_arg, NULL},
           &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    th_run((char *[]){"/usr/bin/pdftoppm", "-r", "100", "-gray", "-f", "1", "-l", "1",
                      "-singlefile", f->out, prefix, NULL},
           &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    struct grey want, got;
    read_pnm(pnm, &want);
    read_pnm(ppm, &got);
    assert_true(abs(want.width - got.width) <= 1 && abs(want.height - got.height) <= 1);
    int w = want.width < got.width ? want.width : got.width;
    int h = want.height < got.height ? want.height : got.height;
    double sum = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            sum += abs((int)want.px[(size_t)y * (size_t)want.width + (size_t)x] -
                       (int)got.px[(size_t)y * (size_t)got.width + (size_t)x]);
    free(want.px);
    free(got.px);
    return sum / ((double)w * h);
}

/* Nothing is left where the PDF would have gone: only our own files. */
static void expect_no_pdf(struct fixture *f)
{
    DIR *d = opendir(f->dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        assert_null(strstr(e->d_name, "letter.pdf"));
    closedir(d);
}

static void test_flatbed_gray_color_lineart(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *mode, *sane_mode, *depth;
    } cases[] = {{"gray", "Gray", "8"}, {"color", "Color", "8"}, {"lineart", "Gray", "1"}};
    backend(f, "Grid", "");
    for (size_t i = 0; i < 3; i++) {
        struct th_run r;
        scan(f, "flatbed", cases[i].mode, &r);
        if (r.exit_code != 0)
            fprintf(stderr, "%s\n", r.err);
        assert_int_equal(r.exit_code, 0);
        assert_non_null(strstr(r.out, "1 page(s)"));
        th_run_fini(&r);
        expect_pdf(f, 1);
        double d = compare_with_scanimage(f, cases[i].sane_mode, cases[i].depth);
        printf("%s: rendered page differs from the scan by %.2f grey levels\n", cases[i].mode, d);
        assert_true(d < 12.0);
        remove(f->out);
    }
}

static void test_feeder_gives_every_page(void **state)
{
    struct fixture *f = *state;
    struct th_run r;
    backend(f, "Grid", "");
    /* The test backend's feeder holds 10 sheets. */
    scan(f, "adf", "lineart", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "10 page(s)"));
    th_run_fini(&r);
    expect_pdf(f, 10);
}

static void test_blank_sheets_are_refused(void **state)
{
    struct fixture *f = *state;
    struct th_run r;
    backend(f, "Solid white", "");
    scan(f, "adf", "gray", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "Halaman tampak kosong"));
    assert_non_null(strstr(r.err, "The page looks empty"));
    th_run_fini(&r);
    expect_no_pdf(f);
}

static void test_injected_failures(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *status, *source, *id, *en, *name;
    } cases[] = {
        {"SANE_STATUS_JAMMED", "adf", "Kertas tersangkut", "The paper is jammed", "jam"},
        {"SANE_STATUS_NO_DOCS", "adf", "Belum ada kertas", "There is no paper", "no_paper"},
        {"SANE_STATUS_COVER_OPEN", "flatbed", "Penutup pemindai terbuka", "cover is open",
         "cover_open"},
        {"SANE_STATUS_DEVICE_BUSY", "flatbed", "sedang dipakai", "in use", "busy"},
        {"SANE_STATUS_IO_ERROR", "flatbed", "pemindaian gagal", "the scan failed", "io_error"},
        {"SANE_STATUS_CANCELLED", "flatbed", "dibatalkan", "cancelled", "cancelled"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char extra[128];
        snprintf(extra, sizeof(extra), "read-status-code \"%s\"\n", cases[i].status);
        backend(f, "Grid", extra);
        struct th_run r;
        scan(f, cases[i].source, "gray", &r);
        if (r.exit_code != 1)
            fprintf(stderr, "%s: exit %d: %s\n", cases[i].status, r.exit_code, r.err);
        assert_int_equal(r.exit_code, 1);
        assert_non_null(strstr(r.err, cases[i].id));
        assert_non_null(strstr(r.err, cases[i].en));
        assert_non_null(strstr(r.err, cases[i].name));
        th_run_fini(&r);
        expect_no_pdf(f);
    }
}

static void test_missing_scanner_and_usage(void **state)
{
    struct fixture *f = *state;
    struct th_run r;
    backend(f, "Grid", "");
    char *argv[] = {(char *)th_serambi_bin(), "--config", f->config, "scan", "--device",
                    "nosuch:scanner",         "--out",    f->out,    NULL};
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "pemindai belum siap"));
    assert_non_null(strstr(r.err, "no_scanner"));
    th_run_fini(&r);
    expect_no_pdf(f);

    /* The configured scanner is the one used when --device is not given. */
    char conf[512];
    th_write_file(f->dir, "configured.conf", "scanner_device = nosuch:configured\n", conf,
                  sizeof(conf));
    char *configured[] = {
        (char *)th_serambi_bin(), "--config", conf, "scan", "--out", f->out, NULL};
    th_run(configured, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "nosuch:configured"));
    th_run_fini(&r);
    expect_no_pdf(f);

    char *bad[] = {(char *)th_serambi_bin(),
                   "--config",
                   f->config,
                   "scan",
                   "--source",
                   "roll",
                   "--out",
                   f->out,
                   NULL};
    th_run(bad, &r);
    assert_int_equal(r.exit_code, 2);
    th_run_fini(&r);
    char *no_out[] = {(char *)th_serambi_bin(), "--config", f->config, "scan", NULL};
    th_run(no_out, &r);
    assert_int_equal(r.exit_code, 2);
    th_run_fini(&r);
}

int main(void)
{
    th_sane_cancel_env(NULL); /* for every serambi run */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_flatbed_gray_color_lineart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feeder_gives_every_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blank_sheets_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_injected_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_scanner_and_usage, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
