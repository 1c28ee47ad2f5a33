/*
 * rasterconv — CUPS raster to ESC/POS; see rasterconv.h.
 */
#include "printer/rasterconv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Without a printer width from the PPD or the job, the widest common
 * thermal mechanism (80 mm paper) is assumed. */
#define DEFAULT_MAX_DOTS 576u

struct page {
    struct escpos_buf out; /* the page's ESC/POS */
    uint8_t *band;         /* up to ESCPOS_BAND_ROWS printable rows; borrowed */
    size_t band_rows;
    size_t wbytes;         /* bytes per printed row */
    unsigned pending_feed; /* blank rows not yet fed */
};

static void set_err(char *err, size_t cap, const char *msg)
{
    if (cap > 0)
        snprintf(err, cap, "%s", msg);
}

static int check_header(const cups_page_header2_t *h, char *err, size_t cap)
{
    if (h->cupsBitsPerColor != 1 || h->cupsBitsPerPixel != 1) {
        set_err(err, cap, "raster is not 1 bit per pixel");
        return -EBADMSG;
    }
    if (h->cupsColorSpace != CUPS_CSPACE_K && h->cupsColorSpace != CUPS_CSPACE_W &&
        h->cupsColorSpace != CUPS_CSPACE_SW) {
        set_err(err, cap, "raster colour space is not black or white");
        return -EBADMSG;
    }
    if (h->cupsWidth == 0 || h->cupsWidth > RASTERCONV_MAX_WIDTH || h->cupsHeight == 0 ||
        h->cupsHeight > RASTERCONV_MAX_ROWS) {
        set_err(err, cap, "raster page size out of range");
        return -EBADMSG;
    }
    if (h->cupsBytesPerLine != (h->cupsWidth + 7) / 8) {
        set_err(err, cap, "raster bytes per line do not match its width");
        return -EBADMSG;
    }
    return 0;
}

static int flush_band(struct page *p)
{
    if (p->band_rows == 0)
        return 0;
    int rc = escpos_raster(&p->out, p->band, p->wbytes, p->band_rows);
    p->band_rows = 0;
    return rc;
}

/* Adds one row, already cropped and with 1 = black, to the page. */
static int add_row(struct page *p, const uint8_t *row)
{
    bool blank = true;
    for (size_t i = 0; i < p->wbytes && blank; i++)
        blank = row[i] == 0;
    if (blank) {
        p->pending_feed++;
        return flush_band(p);
    }
    if (p->pending_feed > 0) {
        int rc = escpos_feed(&p->out, p->pending_feed);
        if (rc != 0)
            return rc;
        p->pending_feed = 0;
    }
    memcpy(p->band + p->band_rows * p->wbytes, row, p->wbytes);
    if (++p->band_rows == ESCPOS_BAND_ROWS)
        return flush_band(p);
    return 0;
}

static int write_all(const struct rasterconv_events *ev, const struct escpos_buf *b)
{
    return b->len ? ev->write(ev->ctx, b->data, b->len) : 0;
}

/* The feed after a page in dots; from the header in points (1/72 in). */
static unsigned page_feed(const cups_page_header2_t *h, const struct rasterconv_options *opt)
{
    if (!opt->feed_from_header)
        return opt->feed_dots;
    unsigned long long dots = (unsigned long long)h->AdvanceDistance * h->HWResolution[1] / 72;
    return dots > RASTERCONV_MAX_FEED ? RASTERCONV_MAX_FEED : (unsigned)dots;
}

/* Reads the rows of one page whose header is h and encodes them. */
static int encode_page(cups_raster_t *ras, const cups_page_header2_t *h,
                       const struct rasterconv_options *opt, unsigned dots, struct page *p,
                       char *err, size_t cap)
{
    unsigned width = h->cupsWidth < dots ? h->cupsWidth : dots;
    bool white = h->cupsColorSpace != CUPS_CSPACE_K;
    uint8_t mask = (uint8_t)(width % 8 ? 0xff << (8 - width % 8) : 0xff);
    int rc = 0;

    uint8_t *line = malloc(h->cupsBytesPerLine);
    uint8_t *band = malloc((size_t)(width + 7) / 8 * ESCPOS_BAND_ROWS);

    p->wbytes = (width + 7) / 8;
    p->band = band;
    p->band_rows = 0;
    p->pending_feed = 0;
    escpos_buf_clear(&p->out);
    if (!line || !band) {
        rc = -ENOMEM;
        goto out;
    }
    for (unsigned y = 0; y < h->cupsHeight; y++) {
        if (opt->cancel && *opt->cancel) {
            rc = -ECANCELED;
            goto out;
        }
        if (cupsRasterReadPixels(ras, line, h->cupsBytesPerLine) != h->cupsBytesPerLine) {
            set_err(err, cap, "raster ends in the middle of a page");
            rc = -EBADMSG;
            goto out;
        }
        if (white)
            for (size_t i = 0; i < p->wbytes; i++)
                line[i] = (uint8_t)~line[i];
        line[p->wbytes - 1] &= mask;
        rc = add_row(p, line);
        if (rc != 0)
            goto out;
    }
    rc = flush_band(p);
    if (rc == 0)
        rc = escpos_feed(&p->out, p->pending_feed + page_feed(h, opt));
    enum escpos_cut cut = opt->cut;
    if (opt->cut_from_header)
        cut = h->CutMedia == CUPS_CUT_NONE ? ESCPOS_CUT_NONE : ESCPOS_CUT_FULL;
    /* A cut with no extra feed still brings the last row past the blade:
     * the printer knows its own head-to-blade distance. */
    if (rc == 0 && cut != ESCPOS_CUT_NONE)
        rc = escpos_cut(&p->out, cut, 0);
out:
    p->band = NULL;
    free(line);
    free(band);
    return rc;
}

int rasterconv_run(cups_raster_t *ras, const struct rasterconv_options *opt,
                   const struct rasterconv_events *ev, char *err, size_t cap)
{
    struct page p = {.band = NULL};
    cups_page_header2_t h;
    unsigned pages = 0, copies = opt->copies ? opt->copies : 1;
    bool warned_crop = false;
    int rc;

    escpos_buf_init(&p.out);
    rc = escpos_init(&p.out);
    if (rc == 0)
        rc = write_all(ev, &p.out);
    if (rc != 0)
        goto out;
    while (cupsRasterReadHeader2(ras, &h)) {
        rc = check_header(&h, err, cap);
        if (rc != 0)
            goto out;
        unsigned dots = opt->width_dots;
        if (dots == 0)
            dots = h.cupsWidth < DEFAULT_MAX_DOTS ? h.cupsWidth : DEFAULT_MAX_DOTS;
        if (dots > ESCPOS_MAX_WIDTH_BYTES * 8)
            dots = ESCPOS_MAX_WIDTH_BYTES * 8;
        if (h.cupsWidth > dots && !warned_crop && ev->warning) {
            char msg[160];
            snprintf(msg, sizeof(msg), "raster is %u dots wide, printer %u: right side cut off",
                     h.cupsWidth, dots);
            ev->warning(ev->ctx, msg);
            warned_crop = true;
        }
        rc = encode_page(ras, &h, opt, dots, &p, err, cap);
        if (rc != 0)
            goto out;
        pages++;
        for (unsigned c = 0; c < copies && rc == 0; c++) {
            if (opt->cancel && *opt->cancel)
                rc = -ECANCELED;
            else
                rc = write_all(ev, &p.out);
        }
        if (rc != 0)
            goto out;
        if (ev->page)
            ev->page(ev->ctx, pages, copies);
    }
    if (opt->cancel && *opt->cancel) {
        rc = -ECANCELED;
        goto out;
    }
    if (pages == 0) {
        set_err(err, cap, "raster holds no page");
        rc = -EBADMSG;
    }
out:
    escpos_buf_fini(&p.out);
    return rc;
}
