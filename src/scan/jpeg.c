/*
 * jpeg — libjpeg-turbo compression to memory; see jpeg.h.
 *
 * libjpeg reports errors by calling error_exit, which must not return; the
 * only portable way out is longjmp back here, so the state that must be
 * freed afterwards lives in variables that are volatile or untouched
 * between setjmp and the jump.
 */
#include "scan/jpeg.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

struct jpeg_failure {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
};

static void on_error(j_common_ptr cinfo)
{
    struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;
    longjmp(f->jump, 1);
}

/* libjpeg prints warnings to stderr by default; a page is not a log line. */
static void on_message(j_common_ptr cinfo)
{
    (void)cinfo;
}

int scan_jpeg_encode(const struct scan_image *img, int quality, uint8_t **out, size_t *len)
{
    struct jpeg_compress_struct cinfo;
    struct jpeg_failure failure;
    volatile int rc = -EIO;

    if (img->pixels == SCAN_PIXELS_BITONAL || quality < 1 || quality > 100)
        return -EINVAL;
    /* Our own buffer, larger than any JPEG of the page: libjpeg's memory
     * destination then never reallocates, and on an error there is
     * exactly one buffer to free (its own would leak). */
    size_t cap = img->stride_bytes * (size_t)img->height_px + 65536;
    unsigned char *own = malloc(cap);
    if (!own)
        return -ENOMEM;
    cinfo.err = jpeg_std_error(&failure.mgr);
    failure.mgr.error_exit = on_error;
    failure.mgr.output_message = on_message;
    jpeg_create_compress(&cinfo);
    if (setjmp(failure.jump)) {
        rc = -EIO;
        goto out;
    }
    unsigned char *mem = own;
    unsigned long size = cap;
    jpeg_mem_dest(&cinfo, &mem, &size);
    cinfo.image_width = (JDIMENSION)img->width_px;
    cinfo.image_height = (JDIMENSION)img->height_px;
    cinfo.input_components = img->pixels == SCAN_PIXELS_RGB ? 3 : 1;
    cinfo.in_color_space = img->pixels == SCAN_PIXELS_RGB ? JCS_RGB : JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    /* The resolution travels in JFIF; PDF viewers use the page size. */
    cinfo.density_unit = 1;
    cinfo.X_density = cinfo.Y_density = (UINT16)img->resolution_dpi;
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = scan_image_row(img, (int)cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    if (mem != own) {
        /* Cannot happen with the margin above, but stay correct if it does. */
        free(own);
        own = mem;
    } else {
        /* Give back the unused tail of the large buffer. */
        unsigned char *fit = realloc(own, size ? size : 1);
        if (fit)
            own = fit;
    }
    *out = own;
    *len = size;
    own = NULL;
    rc = 0;
out:
    jpeg_destroy_compress(&cinfo);
    free(own);
    return rc;
}
