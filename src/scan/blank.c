/*
 * blank — ink counting over a page's inner area; see blank.h.
 */
#include "scan/blank.h"

#include <stdint.h>

/* Counts ink in whole bytes where it can: a bitonal page is a bit count. */
static uint64_t ink_bitonal(const struct scan_image *img, int x0, int x1, int y0, int y1)
{
    uint64_t ink = 0;
    for (int y = y0; y < y1; y++) {
        const uint8_t *row = scan_image_row(img, y);
        for (int x = x0; x < x1; x++)
            ink += (row[x / 8] >> (7 - x % 8)) & 1;
    }
    return ink;
}

int scan_blank_ink_permille(const struct scan_image *img)
{
    int mx = (int)((int64_t)img->width_px * SCAN_BLANK_MARGIN_PERMILLE / 1000);
    int my = (int)((int64_t)img->height_px * SCAN_BLANK_MARGIN_PERMILLE / 1000);
    int x0 = mx, x1 = img->width_px - mx, y0 = my, y1 = img->height_px - my;
    uint64_t ink = 0;
    uint64_t counted = (uint64_t)(x1 - x0) * (uint64_t)(y1 - y0);
    if (counted == 0)
        return 0;
    if (img->pixels == SCAN_PIXELS_BITONAL) {
        ink = ink_bitonal(img, x0, x1, y0, y1);
    } else {
        for (int y = y0; y < y1; y++) {
            const uint8_t *row = scan_image_row(img, y);
            for (int x = x0; x < x1; x++)
                ink += scan_image_lightness(img, row, x) < SCAN_BLANK_INK_LIGHTNESS;
        }
    }
    return (int)(ink * 1000 / counted);
}

bool scan_blank_is_blank(const struct scan_image *img)
{
    return scan_blank_ink_permille(img) < SCAN_BLANK_INK_PERMILLE;
}
