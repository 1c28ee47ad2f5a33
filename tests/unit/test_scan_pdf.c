/*
 * test_scan_pdf — the letter's PDF renders as it was scanned. Pages of
 * every kind (line art, grey, colour) are synthesized, put in one PDF,
 * checked with qpdf and pdfinfo, then rasterised with pdftoppm and
 * compared with the pages by mean absolute difference: a file that parses
 * but shows noise (G4 bytes without their /Filter) or a negative
 * (BlackIs1 wrong) fails here, not on a staff member's screen.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "scan/image.h"
#include "scan/pdf.h"

#define DPI 100
#define W   400 /* 4 inches: 288 pt */
#define H   560 /* 5.6 inches: 403.2 pt */

/* An asymmetric page: a dark block top left (catches flips), text-like
 * bars, and for grey and colour a gradient (catches inversion). */
static struct scan_image *synth(enum scan_pixels pixels)
{
    struct scan_image *img = NULL;
    assert_int_equal(scan_image_new(pixels, W, H, DPI, &img), 0);
    for (int y = 0; y < H; y++) {
        uint8_t *row = scan_image_row(img, y);
        for (int x = 0; x < W; x++) {
            bool block = x >= 40 && x < 160 && y >= 40 && y < 120;
            bool bar = y >= 200 && y < 480 && (y % 40) < 12 && x >= 40 && x < 360 - (y % 80);
            int grey = block || bar ? 10 : (y >= 500 ? 255 - x * 255 / W : 255);
            switch (pixels) {
            case SCAN_PIXELS_BITONAL:
                if (grey < 128)
                    row[x / 8] |= (uint8_t)(0x80 >> (x % 8));
                break;
            case SCAN_PIXELS_GRAY:
                row[x] = (uint8_t)grey;
                break;
            case SCAN_PIXELS_RGB:
                row[x * 3] = (uint8_t)grey;
                row[x * 3 + 1] = (uint8_t)grey;
                row[x * 3 + 2] = (uint8_t)(block ? 200 : grey); /* a blue block */
                break;
            }
        }
    }
    return img;
}

struct pgm {
    int width, height;
    uint8_t *data;
};

/* Reads a binary PGM (P5, maxval 255) as pdftoppm writes it. */
static void read_pgm(const char *path, struct pgm *out)
{
    size_t len = 0;
    char *text = th_read_file(path, &len);
    assert_non_null(text);
    int w = 0, h = 0, maxval = 0, header = 0;
    assert_int_equal(sscanf(text, "P5 %d %d %d%n", &w, &h, &maxval, &header), 3);
    assert_int_equal(maxval, 255);
    header++; /* the one whitespace byte after maxval */
    assert_true((size_t)header + (size_t)w * (size_t)h <= len);
    out->width = w;
    out->height = h;
    out->data = malloc((size_t)w * (size_t)h);
    assert_non_null(out->data);
    memcpy(out->data, text + header, (size_t)w * (size_t)h);
    free(text);
}

/* Mean absolute difference, in grey levels, between the rendering and
 * the page's lightness; inverted compares with the page's negative. */
static double mad(const struct pgm *r, const struct scan_image *img, bool inverted)
{
    assert_true(abs(r->width - img->width_px) <= 1 && abs(r->height - img->height_px) <= 1);
    int w = r->width < img->width_px ? r->width : img->width_px;
    int h = r->height < img->height_px ? r->height : img->height_px;
    double sum = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *row = scan_image_row(img, y);
        for (int x = 0; x < w; x++) {
            int want = scan_image_lightness(img, row, x);
            if (inverted)
                want = 255 - want;
            sum += abs((int)r->data[(size_t)y * (size_t)r->width + (size_t)x] - want);
        }
    }
    return sum / ((double)w * h);
}

static void run_ok(char *const argv[], struct th_run *r)
{
    th_run(argv, r);
    if (r->exit_code != 0)
        fprintf(stderr, "%s failed: %s\n", argv[0], r->err);
    assert_int_equal(r->exit_code, 0);
}

static void test_pages_render_as_scanned(void **state)
{
    (void)state;
    char dir[256], path[512], prefix[512], pgm[600];
    th_mkdtemp(dir, sizeof(dir));
    struct scan_image *pages[3] = {synth(SCAN_PIXELS_BITONAL), synth(SCAN_PIXELS_GRAY),
                                   synth(SCAN_PIXELS_RGB)};
    /* Rendering smooths edges (and JPEG blurs them a little); a page shown
     * as noise or as its negative is off by 100 and more. */
    const double limit[3] = {6.0, 6.0, 8.0};
    struct scan_pdf_info info = {.title = "Surat permohonan",
                                 .tracking_code = "ABC-DEFG",
                                 .created_ms = INT64_C(1767315600000),
                                 .utc_offset_min = 420};
    struct scan_pdf *pdf = NULL;
    assert_int_equal(scan_pdf_new(&info, 75, &pdf), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(scan_pdf_add_page(pdf, pages[i]), 0);
    assert_int_equal(scan_pdf_page_count(pdf), 3);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(scan_pdf_finish(pdf, &bytes, &len), 0);
    /* Saved once: a second save (corrupt in libharu) is refused. */
    uint8_t *again = NULL;
    assert_int_equal(scan_pdf_finish(pdf, &again, &len), -EALREADY);
    assert_int_equal(scan_pdf_add_page(pdf, pages[0]), -EALREADY);
    scan_pdf_free(pdf);

    /* The G4 page names its filter; without it readers show noise. */
    assert_non_null(memmem(bytes, len, "/CCITTFaxDecode", 15));
    assert_non_null(memmem(bytes, len, "/DCTDecode", 10));
    snprintf(path, sizeof(path), "%s/letter.pdf", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(bytes);

    struct th_run r;
    run_ok((char *[]){"/usr/bin/qpdf", "--check", path, NULL}, &r);
    th_run_fini(&r);
    run_ok((char *[]){"/usr/bin/pdfinfo", path, NULL}, &r);
    assert_non_null(strstr(r.out, "Pages:           3"));
    assert_non_null(strstr(r.out, "288 x 403.2 pts"));
    assert_non_null(strstr(r.out, "ABC-DEFG"));
    assert_non_null(strstr(r.out, "Surat permohonan"));
    th_run_fini(&r);

    for (int i = 0; i < 3; i++) {
        char page[16];
        snprintf(page, sizeof(page), "%d", i + 1);
        snprintf(prefix, sizeof(prefix), "%s/page%d", dir, i + 1);
        run_ok((char *[]){"/usr/bin/pdftoppm", "-r", "100", "-gray", "-f", page, "-l", page,
                          "-singlefile", path, prefix, NULL},
               &r);
        th_run_fini(&r);
        snprintf(pgm, sizeof(pgm), "%s.pgm", prefix);
        struct pgm render;
        read_pgm(pgm, &render);
        double d = mad(&render, pages[i], false);
        double inv = mad(&render, pages[i], true);
        printf("page %d: mean abs difference %.2f (against its negative %.1f)\n", i + 1, d, inv);
        assert_true(d < limit[i]);
        assert_true(inv > 100.0);
        free(render.data);
    }
    for (int i = 0; i < 3; i++)
        scan_image_free(pages[i]);
    th_rmtree(dir);
}

static void test_refuses_what_it_cannot_write(void **state)
{
    (void)state;
    struct scan_pdf *pdf = NULL;
    struct scan_pdf_info info = {.title = "Surat", .created_ms = 0};
    assert_int_equal(scan_pdf_new(&info, 0, &pdf), -EINVAL);
    info.tracking_code = "K\xc3\xb6"
                         "de";
    assert_int_equal(scan_pdf_new(&info, 75, &pdf), -EINVAL);
    assert_null(pdf);
    info.tracking_code = NULL;
    assert_int_equal(scan_pdf_new(&info, 75, &pdf), 0);
    uint8_t *bytes = NULL;
    size_t len = 0;
    assert_int_equal(scan_pdf_finish(pdf, &bytes, &len), -ENODATA);
    assert_null(bytes);
    scan_pdf_free(pdf);
    scan_pdf_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_render_as_scanned),
        cmocka_unit_test(test_refuses_what_it_cannot_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
