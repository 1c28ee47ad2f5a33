/*
 * escpos — the ESC/POS commands a receipt printer needs, as bytes: reset,
 * raster images (GS v 0) in bands, paper feed, cuts, and the real-time
 * status answers (DLE EOT).
 *
 * The one idea: every encoder appends to a growable byte buffer the caller
 * owns and does no I/O, so the same code serves the CUPS filter, a future
 * IPP printer application and the tests' decoder checks.
 */
#ifndef SERAMBI_PRINTER_ESCPOS_H
#define SERAMBI_PRINTER_ESCPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Thermal printers buffer a GS v 0 image before printing it; bands of at
 * most this many rows keep that buffer small on cheap 58 mm mechanisms. */
#define ESCPOS_BAND_ROWS 24
/* GS v 0 takes the width in bytes as two bytes; printers stop far lower. */
#define ESCPOS_MAX_WIDTH_BYTES 255

struct escpos_buf {
    uint8_t *data; /* owned; NULL until the first append */
    size_t len;
    size_t cap;
};

/* Empty buffer; escpos_buf_fini() releases what appends allocated. */
void escpos_buf_init(struct escpos_buf *b);
void escpos_buf_fini(struct escpos_buf *b);
/* Forgets the bytes but keeps the memory for the next page. */
void escpos_buf_clear(struct escpos_buf *b);

/* ESC @: clears the printer's settings and buffer. 0 or -ENOMEM. */
int escpos_init(struct escpos_buf *b);

/* GS v 0 for one image of rows * width_bytes bytes, row after row, most
 * significant bit the leftmost dot, 1 = black (`bits` borrowed). The image
 * goes out in bands of ESCPOS_BAND_ROWS rows. 0, -EINVAL (width 0 or above
 * ESCPOS_MAX_WIDTH_BYTES) or -ENOMEM. */
int escpos_raster(struct escpos_buf *b, const uint8_t *bits, size_t width_bytes, size_t rows);

/* ESC J: feeds `dots` dot rows (split into steps of at most 255). */
int escpos_feed(struct escpos_buf *b, unsigned dots);

enum escpos_cut {
    ESCPOS_CUT_NONE,
    ESCPOS_CUT_PARTIAL, /* leaves a hinge so the ticket does not fall */
    ESCPOS_CUT_FULL,
};
/* GS V 65/66 n: feeds `feed_dots` (at most 255) then cuts, so the last
 * printed row clears the blade. ESCPOS_CUT_NONE only feeds. */
int escpos_cut(struct escpos_buf *b, enum escpos_cut kind, unsigned feed_dots);

/* DLE EOT n, the real-time status requests. */
enum escpos_status_kind {
    ESCPOS_STATUS_PRINTER = 1,
    ESCPOS_STATUS_OFFLINE = 2,
    ESCPOS_STATUS_ERROR = 3,
    ESCPOS_STATUS_PAPER = 4,
};
int escpos_status_request(struct escpos_buf *b, enum escpos_status_kind kind);

struct escpos_status {
    bool offline;
    bool cover_open;
    bool paper_near_end;
    bool paper_out;
    bool cutter_error;
    bool unrecoverable;
};
/* Reads one status byte answering a request of `kind` into *st, adding to
 * what earlier answers set. -EINVAL when the byte is not a status answer
 * (the fixed bits are wrong), and *st is left alone. */
int escpos_status_parse(enum escpos_status_kind kind, uint8_t byte, struct escpos_status *st);

#endif
