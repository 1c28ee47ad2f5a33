/*
 * thumbnail — box-filtered downscaling to grey; see thumbnail.h.
 */
#include "scan/thumbnail.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

int scan_thumbnail_new(const struct scan_image *page, int max_width_px, int max_height_px,
                       struct scan_image **out)
{
    struct scan_image *thumb = NULL;
    uint64_t *sum = NULL;
    uint32_t *count = NULL;
    int rc;
    if (max_width_px < 1 || max_height_px < 1)
        return -EINVAL;
    /* The scale that fits both sides, as a fraction, to stay in integers. */
    int64_t w = max_width_px, h = (int64_t)page->height_px * max_width_px / page->width_px;
    if (h > max_height_px) {
        h = max_height_px;
        w = (int64_t)page->width_px * max_height_px / page->height_px;
    }
    if (w > page->width_px || h > page->height_px) {
        w = page->width_px;
        h = page->height_px;
    }
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    rc = scan_image_new(SCAN_PIXELS_GRAY, (int)w, (int)h, page->resolution_dpi, &thumb);
    if (rc < 0)
        goto out;
    sum = calloc((size_t)w, sizeof(*sum));
    count = calloc((size_t)w, sizeof(*count));
    if (!sum || !count) {
        rc = -ENOMEM;
        goto out;
    }
    /* One thumbnail row at a time: memory stays one row of sums. */
    int y_src = 0;
    for (int ty = 0; ty < h; ty++) {
        int y_end = (int)((int64_t)(ty + 1) * page->height_px / h);
        for (int tx = 0; tx < w; tx++)
            sum[tx] = count[tx] = 0;
        for (; y_src < y_end; y_src++) {
            const uint8_t *row = scan_image_row(page, y_src);
            for (int x = 0; x < page->width_px; x++) {
                int tx = (int)((int64_t)x * w / page->width_px);
                sum[tx] += (uint64_t)scan_image_lightness(page, row, x);
                count[tx]++;
            }
        }
        uint8_t *trow = scan_image_row(thumb, ty);
        for (int tx = 0; tx < w; tx++)
            trow[tx] = count[tx] ? (uint8_t)(sum[tx] / count[tx]) : 255;
    }
    *out = thumb;
    thumb = NULL;
    rc = 0;
out:
    free(sum);
    free(count);
    scan_image_free(thumb);
    return rc;
}
