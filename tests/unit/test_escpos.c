/*
 * test_escpos — the exact bytes of each ESC/POS command the filter sends
 * (a wrong byte prints garbage on real paper), images split into bands,
 * and the status answers a printer gives to DLE EOT.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "printer/escpos.h"

static void assert_bytes(const struct escpos_buf *b, const uint8_t *want, size_t n)
{
    assert_int_equal(b->len, n);
    assert_memory_equal(b->data, want, n);
}

static void test_init_feed_cut(void **state)
{
    (void)state;
    struct escpos_buf b;
    escpos_buf_init(&b);
    assert_int_equal(escpos_init(&b), 0);
    assert_int_equal(escpos_feed(&b, 300), 0); /* two steps: 255 + 45 */
    assert_int_equal(escpos_feed(&b, 0), 0);   /* nothing at all */
    assert_int_equal(escpos_cut(&b, ESCPOS_CUT_PARTIAL, 0), 0);
    assert_int_equal(escpos_cut(&b, ESCPOS_CUT_FULL, 24), 0);
    assert_int_equal(escpos_cut(&b, ESCPOS_CUT_NONE, 10), 0); /* a feed only */
    static const uint8_t want[] = {0x1b, '@', 0x1b, 'J', 255, 0x1b, 'J',  45,  0x1d, 'V',
                                   66,   0,   0x1d, 'V', 65,  24,   0x1b, 'J', 10};
    assert_bytes(&b, want, sizeof(want));
    assert_int_equal(escpos_cut(&b, ESCPOS_CUT_FULL, 256), -EINVAL);
    assert_int_equal(escpos_cut(&b, (enum escpos_cut)7, 0), -EINVAL);
    assert_int_equal(b.len, sizeof(want));
    escpos_buf_clear(&b);
    assert_int_equal(b.len, 0);
    escpos_buf_fini(&b);
    escpos_buf_fini(&b); /* twice is harmless */
}

static void test_raster_bands(void **state)
{
    (void)state;
    struct escpos_buf b;
    uint8_t img[50 * 3];
    for (size_t i = 0; i < sizeof(img); i++)
        img[i] = (uint8_t)i;
    escpos_buf_init(&b);
    /* 50 rows of 3 bytes: bands of 24, 24 and 2 rows. */
    assert_int_equal(escpos_raster(&b, img, 3, 50), 0);
    assert_int_equal(b.len, 3 * 8 + sizeof(img));
    static const uint8_t head1[] = {0x1d, 'v', '0', 0, 3, 0, 24, 0};
    static const uint8_t head3[] = {0x1d, 'v', '0', 0, 3, 0, 2, 0};
    assert_memory_equal(b.data, head1, 8);
    assert_memory_equal(b.data + 8, img, 72);
    assert_memory_equal(b.data + 80, head1, 8);
    assert_memory_equal(b.data + 88, img + 72, 72);
    assert_memory_equal(b.data + 160, head3, 8);
    assert_memory_equal(b.data + 168, img + 144, 6);

    escpos_buf_clear(&b);
    assert_int_equal(escpos_raster(&b, img, 0, 1), -EINVAL);
    assert_int_equal(escpos_raster(&b, img, ESCPOS_MAX_WIDTH_BYTES + 1, 1), -EINVAL);
    assert_int_equal(escpos_raster(&b, img, 3, 0), 0); /* no rows, no bytes */
    assert_int_equal(b.len, 0);
    escpos_buf_fini(&b);
}

static void test_status(void **state)
{
    (void)state;
    struct escpos_buf b;
    escpos_buf_init(&b);
    assert_int_equal(escpos_status_request(&b, ESCPOS_STATUS_PAPER), 0);
    static const uint8_t want[] = {0x10, 0x04, 4};
    assert_bytes(&b, want, sizeof(want));
    assert_int_equal(escpos_status_request(&b, (enum escpos_status_kind)5), -EINVAL);
    escpos_buf_fini(&b);

    struct escpos_status st = {0};
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x12, &st), 0);
    assert_false(st.paper_near_end || st.paper_out);
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x1e, &st), 0);
    assert_true(st.paper_near_end);
    assert_false(st.paper_out);
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x72, &st), 0);
    assert_true(st.paper_out);

    struct escpos_status st2 = {0};
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PRINTER, 0x1a, &st2), 0);
    assert_true(st2.offline);
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_OFFLINE, 0x36, &st2), 0);
    assert_true(st2.cover_open && st2.paper_out);
    assert_int_equal(escpos_status_parse(ESCPOS_STATUS_ERROR, 0x1e, &st2), 0);
    assert_true(st2.cutter_error && st2.unrecoverable);

    /* Not status bytes: fixed bits wrong. Nothing changes. */
    struct escpos_status st3 = {0};
    static const uint8_t junk[] = {0x00, 0xff, 0x13, 0x92, 0x02, 0x10, 'A'};
    for (size_t i = 0; i < sizeof(junk); i++)
        assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, junk[i], &st3), -EINVAL);
    assert_false(st3.paper_out || st3.paper_near_end);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_feed_cut),
        cmocka_unit_test(test_raster_bands),
        cmocka_unit_test(test_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
