/*
 * print_fixture — what the printing suites share: ticket-like 1-bit
 * bitmaps, CUPS raster made from them with libcups itself, and a small
 * ESC/POS decoder that turns the printer's bytes back into bitmaps so a
 * test can compare what was sent with what would be printed, bit for bit.
 *
 * Header-only (static inline) so that each suite takes what it uses.
 * Include after <cmocka.h>.
 */
#ifndef SERAMBI_TESTS_PRINT_FIXTURE_H
#define SERAMBI_TESTS_PRINT_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cups/raster.h>

/* A 1-bit image, rows of (width + 7) / 8 bytes, MSB leftmost, 1 = black. */
struct pf_bitmap {
    unsigned width, height;
    uint8_t *bits;
};

static inline size_t pf_stride(unsigned width)
{
    return (width + 7) / 8;
}

static inline void pf_bitmap_fini(struct pf_bitmap *bm)
{
    free(bm->bits);
    bm->bits = NULL;
}

/* A ticket-like image: lines of "text" (pseudo-random dots, the same for a
 * seed) between white gaps, with a white top and bottom margin. */
static inline void pf_ticket(struct pf_bitmap *bm, unsigned width, unsigned height, unsigned seed)
{
    size_t stride = pf_stride(width);
    bm->width = width;
    bm->height = height;
    bm->bits = calloc(stride * height + 1, 1);
    assert_non_null(bm->bits);
    uint32_t x = seed * 2654435761u + 1;
    for (unsigned y = 16; y + 16 < height; y++) {
        if ((y / 30) % 2 == 1) /* 30-row gaps between 30-row text lines */
            continue;
        for (size_t i = 1; i + 1 < stride; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bm->bits[y * stride + i] = (uint8_t)x;
        }
    }
    if (width % 8) /* bits past the width stay clear */
        for (unsigned y = 0; y < height; y++)
            bm->bits[y * stride + stride - 1] &= (uint8_t)(0xff << (8 - width % 8));
}

/* The raster header a kiosk would write for bm at 203 dpi. */
static inline void pf_header(cups_page_header2_t *h, const struct pf_bitmap *bm)
{
    memset(h, 0, sizeof(*h));
    snprintf(h->MediaClass, sizeof(h->MediaClass), "PwgRaster");
    h->HWResolution[0] = h->HWResolution[1] = 203;
    h->PageSize[0] = bm->width * 72 / 203;
    h->PageSize[1] = bm->height * 72 / 203;
    h->cupsWidth = bm->width;
    h->cupsHeight = bm->height;
    h->cupsBitsPerColor = 1;
    h->cupsBitsPerPixel = 1;
    h->cupsBytesPerLine = (unsigned)pf_stride(bm->width);
    h->cupsColorOrder = CUPS_ORDER_CHUNKED;
    h->cupsColorSpace = CUPS_CSPACE_K;
    h->cupsNumColors = 1;
    h->NumCopies = 1;
}

/* Writes pages to path as CUPS raster; header tweaks come through h (NULL:
 * pf_header's). */
static inline void pf_write_raster(const char *path, const struct pf_bitmap *pages, size_t n,
                                   const cups_page_header2_t *h)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    assert_true(fd >= 0);
    cups_raster_t *r = cupsRasterOpen(fd, CUPS_RASTER_WRITE_COMPRESSED);
    assert_non_null(r);
    for (size_t p = 0; p < n; p++) {
        cups_page_header2_t hh;
        if (h)
            hh = *h;
        else
            pf_header(&hh, &pages[p]);
        assert_true(cupsRasterWriteHeader2(r, &hh));
        size_t len = pf_stride(pages[p].width) * pages[p].height;
        assert_int_equal(cupsRasterWritePixels(r, pages[p].bits, (unsigned)len), len);
    }
    cupsRasterClose(r);
    assert_int_equal(close(fd), 0);
}

/* One page as the printer would print it. */
struct pf_page {
    unsigned width_bytes; /* of the first image band; 0 when none */
    unsigned rows;        /* image rows and fed rows */
    uint8_t *bits;        /* rows * width_bytes */
    int cut;              /* 0 none, 'F' full, 'P' partial */
    int width_changed;    /* bands of different widths on one page */
};

struct pf_decoded {
    struct pf_page pages[16];
    unsigned npages;
    unsigned resets;          /* ESC @ */
    unsigned status_requests; /* DLE EOT */
    unsigned bands;           /* GS v 0 commands */
};

static inline void pf_decoded_fini(struct pf_decoded *d)
{
    for (unsigned i = 0; i <= d->npages && i < 16; i++)
        free(d->pages[i].bits);
    memset(d, 0, sizeof(*d));
}

static inline int pf_append_rows(struct pf_page *p, const uint8_t *rows, unsigned wbytes,
                                 unsigned n)
{
    if (p->width_bytes == 0)
        p->width_bytes = wbytes;
    if (wbytes != p->width_bytes)
        p->width_changed = 1;
    if (wbytes != p->width_bytes || n == 0)
        return n == 0 ? 0 : -EBADMSG;
    uint8_t *more = realloc(p->bits, (size_t)(p->rows + n) * wbytes);
    if (!more)
        return -ENOMEM;
    p->bits = more;
    if (rows)
        memcpy(p->bits + (size_t)p->rows * wbytes, rows, (size_t)n * wbytes);
    else
        memset(p->bits + (size_t)p->rows * wbytes, 0, (size_t)n * wbytes);
    p->rows += n;
    return 0;
}

/* Decodes the ESC/POS the filter writes. Feeds before the first image of a
 * page are kept as white rows once the width is known. -EBADMSG on any
 * byte that is not one of the commands the filter may send. */
static inline int pf_decode(const uint8_t *b, size_t len, struct pf_decoded *d)
{
    size_t i = 0;
    unsigned early_feed = 0;
    memset(d, 0, sizeof(*d));
    while (i < len) {
        struct pf_page *p = &d->pages[d->npages < 16 ? d->npages : 15];
        if (len - i >= 2 && b[i] == 0x1b && b[i + 1] == '@') {
            d->resets++;
            i += 2;
        } else if (len - i >= 3 && b[i] == 0x10 && b[i + 1] == 0x04) {
            d->status_requests++;
            i += 3;
        } else if (len - i >= 3 && b[i] == 0x1b && b[i + 1] == 'J') {
            if (p->width_bytes == 0)
                early_feed += b[i + 2];
            else if (pf_append_rows(p, NULL, p->width_bytes, b[i + 2]) != 0)
                return -EBADMSG;
            i += 3;
        } else if (len - i >= 8 && b[i] == 0x1d && b[i + 1] == 'v' && b[i + 2] == '0') {
            unsigned w = b[i + 4] | (unsigned)b[i + 5] << 8;
            unsigned h = b[i + 6] | (unsigned)b[i + 7] << 8;
            if (b[i + 3] != 0 || w == 0 || (size_t)w * h > len - i - 8)
                return -EBADMSG;
            if (p->width_bytes == 0 && early_feed) {
                p->width_bytes = w;
                if (pf_append_rows(p, NULL, w, early_feed) != 0)
                    return -EBADMSG;
                early_feed = 0;
            }
            if (pf_append_rows(p, b + i + 8, w, h) != 0)
                return -EBADMSG;
            d->bands++;
            i += 8 + (size_t)w * h;
        } else if (len - i >= 4 && b[i] == 0x1d && b[i + 1] == 'V' &&
                   (b[i + 2] == 65 || b[i + 2] == 66)) {
            p->cut = b[i + 2] == 65 ? 'F' : 'P';
            if (d->npages == 16)
                return -EBADMSG;
            d->npages++;
            early_feed = 0;
            i += 4;
        } else {
            return -EBADMSG;
        }
    }
    /* A page without a cut at the end still counts. */
    if (d->npages < 16 && d->pages[d->npages].rows > 0)
        d->npages++;
    return 0;
}

/* Asserts that page p prints bm cropped to `dots`, then `feed` white rows. */
static inline void pf_assert_page(const struct pf_page *p, const struct pf_bitmap *bm,
                                  unsigned dots, unsigned feed)
{
    unsigned width = bm->width < dots ? bm->width : dots;
    size_t wb = pf_stride(width), stride = pf_stride(bm->width);
    assert_false(p->width_changed);
    assert_int_equal(p->width_bytes, wb);
    assert_int_equal(p->rows, bm->height + feed);
    for (unsigned y = 0; y < bm->height; y++) {
        for (size_t x = 0; x < wb; x++) {
            uint8_t want = bm->bits[y * stride + x];
            if (x == wb - 1 && width % 8)
                want &= (uint8_t)(0xff << (8 - width % 8));
            if (p->bits[y * wb + x] != want)
                fail_msg("row %u byte %zu: printed %02x, sent %02x", y, x, p->bits[y * wb + x],
                         want);
        }
    }
    for (size_t k = (size_t)bm->height * wb; k < (size_t)p->rows * wb; k++)
        assert_int_equal(p->bits[k], 0);
}

/* Runs the filter at `filter` the way cupsd does: job-id user title copies
 * options file, ESC/POS to out_path, messages to err_path, the back
 * channel (fd 3) reading from backchannel_path when not NULL, PPD in the
 * environment when not NULL. Returns the exit status, -1 for a signal. */
static inline int pf_run_filter(const char *filter, const char *copies, const char *options,
                                const char *input, const char *ppd, const char *backchannel_path,
                                const char *out_path, const char *err_path)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int in = open("/dev/null", O_RDONLY);
        if (out < 0 || err < 0 || in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        if (backchannel_path) {
            int bc = open(backchannel_path, O_RDONLY);
            if (bc < 0 || dup2(bc, 3) < 0)
                _exit(127);
        } else {
            close(3);
        }
        if (ppd)
            setenv("PPD", ppd, 1);
        else
            unsetenv("PPD");
        execl(filter, "rastertoescpos", "42", "visitor", "ticket", copies, options, input,
              (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        assert_int_equal(errno, EINTR);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
