/*
 * escpos — ESC/POS encoding; see escpos.h. Command bytes follow the Epson
 * ESC/POS reference that the cheap 58/80 mm clones implement too; only
 * commands those clones agree on are used (no page mode, no compression).
 */
#include "printer/escpos.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define ESC 0x1b
#define GS  0x1d
#define DLE 0x10
#define EOT 0x04

void escpos_buf_init(struct escpos_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void escpos_buf_fini(struct escpos_buf *b)
{
    free(b->data);
    escpos_buf_init(b);
}

void escpos_buf_clear(struct escpos_buf *b)
{
    b->len = 0;
}

static int reserve(struct escpos_buf *b, size_t more)
{
    if (more <= b->cap - b->len)
        return 0;
    if (more > SIZE_MAX / 2 - b->len)
        return -ENOMEM;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < more)
        cap *= 2;
    uint8_t *data = realloc(b->data, cap);
    if (!data)
        return -ENOMEM;
    b->data = data;
    b->cap = cap;
    return 0;
}

static int append(struct escpos_buf *b, const void *bytes, size_t n)
{
    int rc = reserve(b, n);
    if (rc != 0)
        return rc;
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    return 0;
}

int escpos_init(struct escpos_buf *b)
{
    static const uint8_t cmd[] = {ESC, '@'};
    return append(b, cmd, sizeof(cmd));
}

int escpos_raster(struct escpos_buf *b, const uint8_t *bits, size_t width_bytes, size_t rows)
{
    if (width_bytes == 0 || width_bytes > ESCPOS_MAX_WIDTH_BYTES)
        return -EINVAL;
    size_t bands = (rows + ESCPOS_BAND_ROWS - 1) / ESCPOS_BAND_ROWS;
    int rc = reserve(b, bands * 8 + rows * width_bytes);
    if (rc != 0)
        return rc;
    for (size_t row = 0; row < rows; row += ESCPOS_BAND_ROWS) {
        size_t n = rows - row < ESCPOS_BAND_ROWS ? rows - row : ESCPOS_BAND_ROWS;
        /* m = 0: normal density, one printer dot per image bit. */
        const uint8_t head[] = {GS,
                                'v',
                                '0',
                                0,
                                (uint8_t)(width_bytes & 0xff),
                                (uint8_t)(width_bytes >> 8),
                                (uint8_t)(n & 0xff),
                                (uint8_t)(n >> 8)};
        (void)append(b, head, sizeof(head));
        (void)append(b, bits + row * width_bytes, n * width_bytes);
    }
    return 0;
}

int escpos_feed(struct escpos_buf *b, unsigned dots)
{
    while (dots > 0) {
        unsigned step = dots > 255 ? 255 : dots;
        const uint8_t cmd[] = {ESC, 'J', (uint8_t)step};
        int rc = append(b, cmd, sizeof(cmd));
        if (rc != 0)
            return rc;
        dots -= step;
    }
    return 0;
}

int escpos_cut(struct escpos_buf *b, enum escpos_cut kind, unsigned feed_dots)
{
    if (feed_dots > 255)
        return -EINVAL;
    switch (kind) {
    case ESCPOS_CUT_NONE:
        return escpos_feed(b, feed_dots);
    case ESCPOS_CUT_PARTIAL:
    case ESCPOS_CUT_FULL: {
        /* Function B (65/66) feeds before cutting, in one command, so the
         * printer accounts for the distance between head and blade. */
        const uint8_t cmd[] = {GS, 'V', kind == ESCPOS_CUT_FULL ? 65 : 66, (uint8_t)feed_dots};
        return append(b, cmd, sizeof(cmd));
    }
    }
    return -EINVAL;
}

int escpos_status_request(struct escpos_buf *b, enum escpos_status_kind kind)
{
    if (kind < ESCPOS_STATUS_PRINTER || kind > ESCPOS_STATUS_PAPER)
        return -EINVAL;
    const uint8_t cmd[] = {DLE, EOT, (uint8_t)kind};
    return append(b, cmd, sizeof(cmd));
}

int escpos_status_parse(enum escpos_status_kind kind, uint8_t byte, struct escpos_status *st)
{
    /* Every answer has bit 1 and bit 4 set and bits 0 and 7 clear; that is
     * how a status byte is told from stray data on the back channel. */
    if ((byte & 0x93) != 0x12)
        return -EINVAL;
    switch (kind) {
    case ESCPOS_STATUS_PRINTER:
        if (byte & 0x08)
            st->offline = true;
        return 0;
    case ESCPOS_STATUS_OFFLINE:
        if (byte & 0x04)
            st->cover_open = true;
        if (byte & 0x20)
            st->paper_out = true;
        return 0;
    case ESCPOS_STATUS_ERROR:
        if (byte & 0x04)
            st->cutter_error = true;
        if (byte & 0x08)
            st->unrecoverable = true;
        return 0;
    case ESCPOS_STATUS_PAPER:
        if (byte & 0x0c)
            st->paper_near_end = true;
        if (byte & 0x60)
            st->paper_out = true;
        return 0;
    }
    return -EINVAL;
}
