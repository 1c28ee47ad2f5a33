/*
 * image — one scanned page in memory, as the scanner delivered it.
 *
 * The one idea: a page is either bitonal (1 bit per pixel, bit set = black,
 * most significant bit first, as SANE delivers line art) or 8-bit grey or
 * RGB. Every later step (blank check, thumbnail, JPEG or G4 in the PDF)
 * reads this one shape, so a scanner's quirks stop at the session.
 */
#ifndef SERAMBI_SCAN_IMAGE_H
#define SERAMBI_SCAN_IMAGE_H

#include <stddef.h>
#include <stdint.h>

enum scan_pixels {
    SCAN_PIXELS_BITONAL, /* 1 bit per pixel, 1 = black */
    SCAN_PIXELS_GRAY,    /* 8 bits, 0 = black, 255 = white */
    SCAN_PIXELS_RGB,     /* 3 × 8 bits */
};

struct scan_image {
    enum scan_pixels pixels;
    int width_px;
    int height_px;
    int resolution_dpi;
    size_t stride_bytes; /* bytes from one row to the next */
    uint8_t *data;       /* height_px rows of stride_bytes; owned by the image */
};

/* Makes a white page of the given shape. 0 and a new image (free it with
 * scan_image_free()), -EINVAL for a size out of range (1..65535 pixels a
 * side, 1..4800 dpi), or -ENOMEM. */
int scan_image_new(enum scan_pixels pixels, int width_px, int height_px, int resolution_dpi,
                   struct scan_image **out);
/* scan_image_free(NULL) does nothing. */
void scan_image_free(struct scan_image *img);

/* The row y of img. Borrowed; valid until scan_image_free(). */
uint8_t *scan_image_row(const struct scan_image *img, int y);

/* The lightness 0 (black) .. 255 (white) of pixel x of a row of img. */
int scan_image_lightness(const struct scan_image *img, const uint8_t *row, int x);

#endif
