/*
 * fuzz_scan_page — what a scanner sends: any page shape (line art, grey,
 * colour; any width and height the session accepts, kept small here) and
 * any pixel bytes go through the blank check, the thumbnail and the PDF
 * without a fault, and every page a PDF took comes out of the one save.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/blank.h"
#include "scan/image.h"
#include "scan/pdf.h"
#include "scan/thumbnail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 6)
        return 0;
    enum scan_pixels pixels = (enum scan_pixels)(data[0] % 3);
    int width = 1 + (data[1] | (data[2] & 1) << 8);  /* 1..512 */
    int height = 1 + (data[3] | (data[4] & 1) << 8); /* 1..512 */
    int thumb = 1 + data[5] % 200;
    data += 6;
    size -= 6;
    struct scan_image *img = NULL;
    struct scan_image *small = NULL;
    struct scan_pdf *pdf = NULL;
    uint8_t *bytes = NULL;
    size_t len = 0;
    if (scan_image_new(pixels, width, height, 1 + width % 600, &img) != 0)
        abort();
    size_t total = img->stride_bytes * (size_t)img->height_px;
    for (size_t i = 0; i < total && size > 0; i++)
        img->data[i] = data[i % size];
    (void)scan_blank_is_blank(img);
    if (scan_thumbnail_new(img, thumb, thumb, &small) != 0)
        abort();
    if (small->width_px > thumb || small->height_px > thumb)
        abort();
    struct scan_pdf_info info = {.title = "fuzz", .tracking_code = "ABC-DEFG"};
    if (scan_pdf_new(&info, 50, &pdf) != 0)
        abort();
    if (scan_pdf_add_page(pdf, img) != 0 || scan_pdf_finish(pdf, &bytes, &len) != 0)
        abort();
    if (len < 5 || memcmp(bytes, "%PDF-", 5) != 0)
        abort();
    free(bytes);
    scan_pdf_free(pdf);
    scan_image_free(small);
    scan_image_free(img);
    return 0;
}
