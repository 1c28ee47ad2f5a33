/*
 * pdf — the confirmed pages of a letter as one PDF (libharu), page by
 * page, so that only compressed pages are ever held: a 50-page letter
 * costs the size of its PDF, not of 50 raw pages.
 *
 * The one idea: each page keeps its scanned size (pixels at its
 * resolution) and carries the cheapest faithful encoding — line art as
 * CCITT G4, grey and colour as JPEG. Three libharu 2.3 traps are handled
 * here and nowhere else: a 1-bit image is written without its
 * /CCITTFaxDecode filter unless image compression is switched on (the file
 * parses but renders as noise); BlackIs1 must say what the bits mean or
 * the page comes out inverted; and a document saved twice is corrupt, so
 * scan_pdf_finish() is the one and only save.
 */
#ifndef SERAMBI_SCAN_PDF_H
#define SERAMBI_SCAN_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "scan/image.h"

struct scan_pdf;

/* What the document says about itself (the Info dictionary). */
struct scan_pdf_info {
    const char *title;         /* borrowed; ASCII; NULL: none */
    const char *tracking_code; /* borrowed; ASCII; NULL or "": none */
    int64_t created_ms;        /* UTC */
    int utc_offset_min;        /* the office's zone, for the date shown */
};

/* Starts an empty document. 0 and a new document (free it with
 * scan_pdf_free()), -EINVAL for a non-ASCII text, or -ENOMEM. */
int scan_pdf_new(const struct scan_pdf_info *info, int jpeg_quality, struct scan_pdf **out);
/* Frees the document; scan_pdf_free(NULL) does nothing. */
void scan_pdf_free(struct scan_pdf *pdf);

/* Appends page as a new last page, compressed; page is only read and may
 * be freed right after. 0, -EALREADY after scan_pdf_finish(), -EINVAL,
 * -ENOMEM, or -EIO when libharu refused. */
int scan_pdf_add_page(struct scan_pdf *pdf, const struct scan_image *page);

/* Appends a page already compressed as a baseline JPEG (scan_jpeg_encode())
 * of width_px × height_px at resolution_dpi; jpeg[0..len) is copied. Return
 * values as scan_pdf_add_page(). */
int scan_pdf_add_jpeg(struct scan_pdf *pdf, const uint8_t *jpeg, size_t len, int width_px,
                      int height_px, int resolution_dpi);

/* Pages added so far. */
int scan_pdf_page_count(const struct scan_pdf *pdf);

/* Saves the document, once. 0 and a new buffer of *len bytes in *out (the
 * caller frees it with free()); -EALREADY when called before, -ENODATA
 * without a page, -ENOMEM or -EIO. The document accepts no page after. */
int scan_pdf_finish(struct scan_pdf *pdf, uint8_t **out, size_t *len);

#endif
