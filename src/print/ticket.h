/*
 * ticket — the paper a visitor takes home: composed from a stored ticket
 * in the visitor's language, rendered into a 1-bit raster exactly the
 * queue's dot width (Noto Sans through SDL2_ttf, the QR code through
 * libqrencode), and encoded as CUPS raster for our ESC/POS queues or PWG
 * raster for IPP Everywhere printers.
 *
 * The one idea: the kiosk draws every dot itself at the printer's width
 * and resolution, so what the printer prints is exactly what was
 * rendered, and no converter runs on the kiosk. Composing is pure (the
 * words come in already translated), so the print worker can remake a
 * ticket that waited for paper long after the visitor's screen is gone.
 */
#ifndef SERAMBI_PRINT_TICKET_H
#define SERAMBI_PRINT_TICKET_H

#include <stddef.h>
#include <stdint.h>

#include "core/records.h"

/* Printed on every ticket in both languages, whatever the visitor chose. */
#define TICKET_FREE_LINE "Layanan ini gratis / This service is free of charge"

/* The words of a ticket in one language, translated by the caller (on
 * the thread that owns gettext's language). */
struct ticket_words {
    char service[REC_SERVICE_COUNT][96];   /* "Pengaduan" */
    char number_label[64];                 /* "Nomor antrean" */
    char code_label[64];                   /* "Kode pelacakan" */
    char scan_hint[128];                   /* under the QR code */
    char due_label[REC_SERVICE_COUNT][96]; /* "Jawaban paling lambat:"; "" for none */
    char next_step[REC_SERVICE_COUNT][256];
};

/* What one ticket says, every line ready to print. */
struct ticket_doc {
    char office[256];
    char service[96];
    char number_label[64];
    char number[16];
    char code_label[64];
    char code[16]; /* "" for a guest-book ticket */
    char url[320]; /* the QR code's public status page, or "" */
    char scan_hint[128];
    char issued[96]; /* the ticket's time */
    char due_label[96];
    char due[96]; /* "" when the service promises no due time */
    char next_step[256];
};

/* Composes the ticket t (borrowed) in lang ("id" or "en") with words w:
 * office is the office's name, status_url the QR code's target ("" for
 * none), times in office time (utc_offset_min, zone "WIB"). */
void ticket_compose(const struct ticket_words *w, const char *lang, const struct rec_ticket *t,
                    const char *office, const char *status_url, int utc_offset_min,
                    const char *zone, struct ticket_doc *out);

/* A 1-bit picture: rows of stride bytes, the leftmost dot in the high
 * bit, 1 = black; bits past width are 0. */
struct ticket_bitmap {
    unsigned width, height, dpi;
    size_t stride;
    uint8_t *bits; /* owned */
};
void ticket_bitmap_fini(struct ticket_bitmap *bm);

struct ticket_renderer;

/* Opens the fonts (the files given, or Noto Sans through fontconfig when
 * "" or NULL), as the UI finds them. Call on one thread, before any
 * ticket_render(). 0, or -ENOENT / -EIO / -ENOMEM with err saying what to
 * do. */
int ticket_renderer_open(const char *regular, const char *bold, struct ticket_renderer **out,
                         char *err, size_t errcap);
void ticket_renderer_close(struct ticket_renderer *r);

/* Draws doc dot_width dots wide at dpi (dots per inch): text wraps inside
 * the width, the number is as large as fits. The renderer is used by one
 * thread at a time. 0, -EINVAL (a width under 200 dots or a dpi out of
 * 100..1200), -ENOMEM or -EIO. */
int ticket_render(struct ticket_renderer *r, const struct ticket_doc *doc, unsigned dot_width,
                  unsigned dpi, struct ticket_bitmap *out);

/* Encodes bm as one page of CUPS raster (format PRINT_FORMAT_CUPS_RASTER)
 * or PWG raster (PRINT_FORMAT_PWG_RASTER). 0 with a malloc'd buffer in
 * *data, -EINVAL for another format, -ENOMEM or -EIO. */
int ticket_encode(const struct ticket_bitmap *bm, const char *format, uint8_t **data, size_t *len);

/* Writes bm as a PNG picture (for a kiosk without a printer). 0 or -EIO. */
int ticket_write_png(const struct ticket_bitmap *bm, const char *path);

#endif
