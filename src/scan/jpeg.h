/*
 * jpeg — a grey or colour page as a baseline JPEG in memory
 * (libjpeg-turbo), the way the PDF carries it: libharu embeds JPEG bytes
 * as they are (DCTDecode), so this is the only lossy step.
 */
#ifndef SERAMBI_SCAN_JPEG_H
#define SERAMBI_SCAN_JPEG_H

#include <stddef.h>
#include <stdint.h>

#include "scan/image.h"

#define SCAN_JPEG_QUALITY_DEFAULT 75

/* Encodes a grey or RGB img at quality 1..100. 0 and a new buffer of *len
 * bytes in *out (the caller frees it with free()), -EINVAL for a bitonal
 * image or a quality out of range, -ENOMEM, or -EIO when libjpeg fails. */
int scan_jpeg_encode(const struct scan_image *img, int quality, uint8_t **out, size_t *len);

#endif
