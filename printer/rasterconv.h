/*
 * rasterconv — turns a CUPS raster stream (1-bit pages) into ESC/POS for a
 * thermal printer: the heart of the rastertoescpos filter, kept apart from
 * the filter's argv, PPD and signal handling so that tests and the fuzzer
 * can run it on bytes in memory.
 *
 * The one idea: each page is encoded whole into memory before a byte goes
 * out, so a malformed or truncated page never leaves half an image and no
 * cut on the paper, and copies are the same bytes written again. Runs of
 * blank rows become paper feeds instead of image data: a ticket is mostly
 * white, and feeding is both faster and smaller.
 */
#ifndef SERAMBI_PRINTER_RASTERCONV_H
#define SERAMBI_PRINTER_RASTERCONV_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cups/raster.h>

#include "printer/escpos.h"

/* Longest page accepted, in rows: about 2 m of paper at 203 dpi, ten times
 * the longest ticket. Compressed raster repeats rows, so a few bytes can
 * ask for this many; the limit bounds the work one page can cause. */
#define RASTERCONV_MAX_ROWS (1u << 14)
/* Widest raster row accepted before cropping, in dots: 1 m at 203 dpi;
 * wider is not a receipt. */
#define RASTERCONV_MAX_WIDTH (1u << 13)
/* Longest feed after a page, in dots: 25 cm, a stuck option, not a ticket. */
#define RASTERCONV_MAX_FEED 2000u

struct rasterconv_options {
    unsigned width_dots; /* printer's dot width; 0: the raster's, up to 576 */
    enum escpos_cut cut; /* after each copy of each page */
    unsigned feed_dots;  /* fed after each page, before the cut */
    /* Without a PPD and without a job option, the page's own raster header
     * decides: CutMedia (any but none is a full cut), AdvanceDistance. */
    bool cut_from_header;
    bool feed_from_header;
    unsigned copies;                     /* 1 or more */
    const volatile sig_atomic_t *cancel; /* borrowed; stops at the next row when set */
};

struct rasterconv_events {
    void *ctx;
    /* Writes bytes to the printer; 0 or a negative errno. */
    int (*write)(void *ctx, const uint8_t *data, size_t len);
    /* A page went out `copies` times; may be NULL. */
    void (*page)(void *ctx, unsigned number, unsigned copies);
    /* Something the operator should know, job goes on; may be NULL. */
    void (*warning)(void *ctx, const char *msg);
};

/* Reads every page from `ras` (borrowed) and writes the ESC/POS for it.
 * Returns 0; -ECANCELED when opt->cancel was set; -EBADMSG for a raster that
 * is malformed, truncated or holds no page, with a reason in err (cap bytes,
 * may be 0); -ENOMEM; or the write callback's error. */
int rasterconv_run(cups_raster_t *ras, const struct rasterconv_options *opt,
                   const struct rasterconv_events *ev, char *err, size_t cap);

#endif
