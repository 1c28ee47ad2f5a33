/*
 * thumbnail — the small grey picture of a page that the touch screen
 * shows so the visitor can check each page before confirming.
 *
 * The one idea: a box filter (the mean of every source pixel a thumbnail
 * pixel covers), so thin pen strokes fade to grey instead of vanishing
 * the way they would if every n-th pixel were picked.
 */
#ifndef SERAMBI_SCAN_THUMBNAIL_H
#define SERAMBI_SCAN_THUMBNAIL_H

#include "scan/image.h"

/* Makes a grey image of page that fits in max_width_px × max_height_px,
 * keeping the aspect ratio (never larger than the page). 0 and a new image
 * (the caller frees it with scan_image_free()), -EINVAL, or -ENOMEM. */
int scan_thumbnail_new(const struct scan_image *page, int max_width_px, int max_height_px,
                       struct scan_image **out);

#endif
