/*
 * image — allocation and pixel access of a scanned page; see image.h.
 */
#include "scan/image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SIDE_MAX_PX    65535
#define RESOLUTION_MAX 4800

static size_t stride_of(enum scan_pixels pixels, int width_px)
{
    switch (pixels) {
    case SCAN_PIXELS_BITONAL:
        return ((size_t)width_px + 7) / 8;
    case SCAN_PIXELS_GRAY:
        return (size_t)width_px;
    case SCAN_PIXELS_RGB:
        return (size_t)width_px * 3;
    }
    return 0;
}

int scan_image_new(enum scan_pixels pixels, int width_px, int height_px, int resolution_dpi,
                   struct scan_image **out)
{
    if (width_px < 1 || width_px > SIDE_MAX_PX || height_px < 1 || height_px > SIDE_MAX_PX ||
        resolution_dpi < 1 || resolution_dpi > RESOLUTION_MAX)
        return -EINVAL;
    size_t stride = stride_of(pixels, width_px);
    if (stride == 0)
        return -EINVAL;
    struct scan_image *img = calloc(1, sizeof(*img));
    if (!img)
        return -ENOMEM;
    img->data = malloc(stride * (size_t)height_px);
    if (!img->data) {
        free(img);
        return -ENOMEM;
    }
    /* White: no bit set in line art, 255 in grey and colour. */
    memset(img->data, pixels == SCAN_PIXELS_BITONAL ? 0x00 : 0xff, stride * (size_t)height_px);
    img->pixels = pixels;
    img->width_px = width_px;
    img->height_px = height_px;
    img->resolution_dpi = resolution_dpi;
    img->stride_bytes = stride;
    *out = img;
    return 0;
}

void scan_image_free(struct scan_image *img)
{
    if (!img)
        return;
    free(img->data);
    free(img);
}

uint8_t *scan_image_row(const struct scan_image *img, int y)
{
    return img->data + (size_t)y * img->stride_bytes;
}

int scan_image_lightness(const struct scan_image *img, const uint8_t *row, int x)
{
    switch (img->pixels) {
    case SCAN_PIXELS_BITONAL:
        return (row[x / 8] >> (7 - x % 8)) & 1 ? 0 : 255;
    case SCAN_PIXELS_GRAY:
        return row[x];
    case SCAN_PIXELS_RGB: {
        const uint8_t *p = row + (size_t)x * 3;
        /* Rec. 601 weights in integers: what a reader's eye calls dark. */
        return (p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8;
    }
    }
    return 255;
}
