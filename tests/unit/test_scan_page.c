/*
 * test_scan_page — what happens to a page before it reaches the PDF:
 * blank detection (empty backs dropped, faint notes and dark feeder
 * borders judged right), thumbnails (size, aspect, strokes kept as grey),
 * JPEG encoding, and the visitor's words for every scan problem.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scan/blank.h"
#include "scan/image.h"
#include "scan/jpeg.h"
#include "scan/problem.h"
#include "scan/thumbnail.h"

static struct scan_image *page(enum scan_pixels pixels, int w, int h)
{
    struct scan_image *img = NULL;
    assert_int_equal(scan_image_new(pixels, w, h, 100, &img), 0);
    return img;
}

static void set_dark(struct scan_image *img, int x, int y)
{
    uint8_t *row = scan_image_row(img, y);
    switch (img->pixels) {
    case SCAN_PIXELS_BITONAL:
        row[x / 8] |= (uint8_t)(0x80 >> (x % 8));
        break;
    case SCAN_PIXELS_GRAY:
        row[x] = 20;
        break;
    case SCAN_PIXELS_RGB:
        row[x * 3] = 10;
        row[x * 3 + 1] = 10;
        row[x * 3 + 2] = 80; /* blue ink */
        break;
    }
}

/* A line of "text": a dark band across the middle, 2 % of the page. */
static void write_line(struct scan_image *img)
{
    for (int y = img->height_px / 2; y < img->height_px / 2 + img->height_px / 50; y++)
        for (int x = img->width_px / 10; x < img->width_px * 9 / 10; x++)
            set_dark(img, x, y);
}

static void test_new_rejects_bad_sizes(void **state)
{
    (void)state;
    struct scan_image *img = NULL;
    assert_int_equal(scan_image_new(SCAN_PIXELS_GRAY, 0, 10, 100, &img), -EINVAL);
    assert_int_equal(scan_image_new(SCAN_PIXELS_GRAY, 10, 70000, 100, &img), -EINVAL);
    assert_int_equal(scan_image_new(SCAN_PIXELS_GRAY, 10, 10, 0, &img), -EINVAL);
    assert_null(img);
    scan_image_free(NULL);
}

static void test_white_pages_are_blank(void **state)
{
    (void)state;
    enum scan_pixels kinds[] = {SCAN_PIXELS_BITONAL, SCAN_PIXELS_GRAY, SCAN_PIXELS_RGB};
    for (size_t i = 0; i < 3; i++) {
        struct scan_image *img = page(kinds[i], 400, 560);
        assert_true(scan_blank_is_blank(img));
        write_line(img);
        assert_false(scan_blank_is_blank(img));
        scan_image_free(img);
    }
}

static void test_dust_is_blank(void **state)
{
    (void)state;
    struct scan_image *img = page(SCAN_PIXELS_GRAY, 400, 560);
    /* 40 specks on 200,000 pixels: 0.2 per mille, the back of a sheet. */
    for (int i = 0; i < 40; i++)
        set_dark(img, 30 + (i * 37) % 340, 30 + (i * 53) % 500);
    assert_true(scan_blank_is_blank(img));
    scan_image_free(img);
}

static void test_dark_border_is_blank(void **state)
{
    (void)state;
    /* A feeder's shadow along every edge is not writing. */
    struct scan_image *img = page(SCAN_PIXELS_BITONAL, 400, 560);
    for (int y = 0; y < 560; y++)
        for (int x = 0; x < 400; x++)
            if (x < 10 || x >= 390 || y < 12 || y >= 548)
                set_dark(img, x, y);
    assert_true(scan_blank_is_blank(img));
    scan_image_free(img);
}

static void test_short_signed_note_is_not_blank(void **state)
{
    (void)state;
    struct scan_image *img = page(SCAN_PIXELS_GRAY, 400, 560);
    /* A signature: a 100 x 3 stroke, 1.4 per mille of the inner area. */
    for (int y = 300; y < 303; y++)
        for (int x = 150; x < 250; x++)
            set_dark(img, x, y);
    assert_false(scan_blank_is_blank(img));
    assert_true(scan_blank_ink_permille(img) >= 1);
    scan_image_free(img);
}

static void test_thumbnail_fits_and_keeps_aspect(void **state)
{
    (void)state;
    struct scan_image *img = page(SCAN_PIXELS_RGB, 827, 1169); /* A4 at 100 dpi */
    struct scan_image *thumb = NULL;
    assert_int_equal(scan_thumbnail_new(img, 120, 160, &thumb), 0);
    assert_int_equal(thumb->pixels, SCAN_PIXELS_GRAY);
    assert_true(thumb->width_px <= 120 && thumb->height_px <= 160);
    assert_true(thumb->width_px == 120 || thumb->height_px == 160);
    /* 827/1169 = 0.707: the thumbnail is an A4 too. */
    int ratio_permille = thumb->width_px * 1000 / thumb->height_px;
    assert_true(ratio_permille > 690 && ratio_permille < 725);
    scan_image_free(thumb);
    scan_image_free(img);
}

static void test_thumbnail_keeps_thin_strokes(void **state)
{
    (void)state;
    /* A 1-pixel line every 8 rows on line art: picking every 8th row
     * could miss all of them; the box filter turns them into grey. */
    struct scan_image *img = page(SCAN_PIXELS_BITONAL, 800, 800);
    for (int y = 3; y < 800; y += 8)
        for (int x = 0; x < 800; x++)
            set_dark(img, x, y);
    struct scan_image *thumb = NULL;
    assert_int_equal(scan_thumbnail_new(img, 100, 100, &thumb), 0);
    assert_int_equal(thumb->width_px, 100);
    assert_int_equal(thumb->height_px, 100);
    for (int y = 0; y < 100; y++) {
        int v = scan_image_row(thumb, y)[50];
        assert_true(v > 200 && v < 240); /* 7/8 white: 223 */
    }
    scan_image_free(thumb);
    /* Never larger than the page. */
    assert_int_equal(scan_thumbnail_new(img, 2000, 2000, &thumb), 0);
    assert_int_equal(thumb->width_px, 800);
    scan_image_free(thumb);
    assert_int_equal(scan_thumbnail_new(img, 0, 10, &thumb), -EINVAL);
    scan_image_free(img);
}

static void test_jpeg_encodes_gray_and_color(void **state)
{
    (void)state;
    enum scan_pixels kinds[] = {SCAN_PIXELS_GRAY, SCAN_PIXELS_RGB};
    for (size_t i = 0; i < 2; i++) {
        struct scan_image *img = page(kinds[i], 300, 200);
        write_line(img);
        uint8_t *jpeg = NULL;
        size_t len = 0;
        assert_int_equal(scan_jpeg_encode(img, 75, &jpeg, &len), 0);
        assert_true(len > 100 && len < img->stride_bytes * 200);
        assert_int_equal(jpeg[0], 0xff);
        assert_int_equal(jpeg[1], 0xd8);
        assert_int_equal(jpeg[len - 2], 0xff);
        assert_int_equal(jpeg[len - 1], 0xd9);
        free(jpeg);
        assert_int_equal(scan_jpeg_encode(img, 0, &jpeg, &len), -EINVAL);
        assert_int_equal(scan_jpeg_encode(img, 101, &jpeg, &len), -EINVAL);
        scan_image_free(img);
    }
    struct scan_image *bits = page(SCAN_PIXELS_BITONAL, 16, 16);
    uint8_t *jpeg = NULL;
    size_t len = 0;
    assert_int_equal(scan_jpeg_encode(bits, 75, &jpeg, &len), -EINVAL);
    scan_image_free(bits);
}

static void test_every_problem_has_plain_words(void **state)
{
    (void)state;
    for (int p = 0; p < SCAN_PROBLEM_COUNT; p++) {
        const struct scan_problem_text *t = scan_problem_text((enum scan_problem)p);
        assert_non_null(t->id);
        assert_non_null(t->en);
        assert_true(strlen(t->id) > 10 && strlen(t->en) > 10);
        /* Never a raw code on the visitor's screen. */
        assert_null(strstr(t->id, "SANE"));
        assert_null(strpbrk(t->id, "0123456789"));
        assert_null(strpbrk(t->en, "0123456789"));
        assert_non_null(scan_problem_name((enum scan_problem)p));
        if (p != SCAN_OK)
            assert_true(scan_problem_errno((enum scan_problem)p) < 0);
    }
    assert_non_null(strstr(scan_problem_text(SCAN_PROBLEM_JAM)->id, "tersangkut"));
    assert_non_null(strstr(scan_problem_text(SCAN_PROBLEM_UNPLUGGED)->id, "Bapak/Ibu"));
    assert_ptr_equal(scan_problem_text((enum scan_problem)99),
                     scan_problem_text(SCAN_PROBLEM_FAILED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_rejects_bad_sizes),
        cmocka_unit_test(test_white_pages_are_blank),
        cmocka_unit_test(test_dust_is_blank),
        cmocka_unit_test(test_dark_border_is_blank),
        cmocka_unit_test(test_short_signed_note_is_not_blank),
        cmocka_unit_test(test_thumbnail_fits_and_keeps_aspect),
        cmocka_unit_test(test_thumbnail_keeps_thin_strokes),
        cmocka_unit_test(test_jpeg_encodes_gray_and_color),
        cmocka_unit_test(test_every_problem_has_plain_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
