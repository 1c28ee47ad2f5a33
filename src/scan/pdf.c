/*
 * pdf — libharu document building; see pdf.h for the traps it avoids.
 */
#include "scan/pdf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "scan/jpeg.h"

struct scan_pdf {
    HPDF_Doc doc;
    int jpeg_quality;
    int pages;
    bool finished;
    HPDF_STATUS error; /* the last libharu error, 0 when none */
};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    (void)detail_no;
    struct scan_pdf *pdf = user_data;
    pdf->error = error_no;
}

static int errno_of(const struct scan_pdf *pdf)
{
    if (pdf->error == HPDF_FAILD_TO_ALLOC_MEM)
        return -ENOMEM;
    return -EIO;
}

static bool ascii(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

static int set_date(struct scan_pdf *pdf, int64_t created_ms, int offset_min)
{
    time_t local = (time_t)(created_ms / 1000) + (time_t)offset_min * 60;
    struct tm tm;
    if (!gmtime_r(&local, &tm))
        return -EINVAL;
    int off = offset_min < 0 ? -offset_min : offset_min;
    char ind = 'Z';
    if (offset_min != 0)
        ind = offset_min < 0 ? '-' : '+';
    HPDF_Date date = {
        .year = tm.tm_year + 1900,
        .month = tm.tm_mon + 1,
        .day = tm.tm_mday,
        .hour = tm.tm_hour,
        .minutes = tm.tm_min,
        .seconds = tm.tm_sec,
        .ind = ind,
        .off_hour = off / 60,
        .off_minutes = off % 60,
    };
    return HPDF_SetInfoDateAttr(pdf->doc, HPDF_INFO_CREATION_DATE, date) == HPDF_OK ? 0
                                                                                    : errno_of(pdf);
}

static int set_info(struct scan_pdf *pdf, const struct scan_pdf_info *info)
{
    int rc = set_date(pdf, info->created_ms, info->utc_offset_min);
    if (rc < 0)
        return rc;
    if (HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_CREATOR, "Serambi") != HPDF_OK)
        return errno_of(pdf);
    if (info->title && HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_TITLE, info->title) != HPDF_OK)
        return errno_of(pdf);
    /* Staff search by code: it goes where viewers show and index it. */
    if (info->tracking_code && info->tracking_code[0] &&
        (HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_SUBJECT, info->tracking_code) != HPDF_OK ||
         HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_KEYWORDS, info->tracking_code) != HPDF_OK))
        return errno_of(pdf);
    return 0;
}

int scan_pdf_new(const struct scan_pdf_info *info, int jpeg_quality, struct scan_pdf **out)
{
    int rc;
    if (!info || !ascii(info->title) || !ascii(info->tracking_code) || jpeg_quality < 1 ||
        jpeg_quality > 100)
        return -EINVAL;
    struct scan_pdf *pdf = calloc(1, sizeof(*pdf));
    if (!pdf)
        return -ENOMEM;
    pdf->jpeg_quality = jpeg_quality;
    pdf->doc = HPDF_New(on_error, pdf);
    if (!pdf->doc) {
        rc = -ENOMEM;
        goto out;
    }
    /* Without HPDF_COMP_IMAGE, libharu G4-encodes 1-bit images but leaves
     * out their /Filter: readers then take the G4 bytes for raw pixels. */
    if (HPDF_SetCompressionMode(pdf->doc, HPDF_COMP_ALL) != HPDF_OK) {
        rc = errno_of(pdf);
        goto out;
    }
    rc = set_info(pdf, info);
    if (rc < 0)
        goto out;
    *out = pdf;
    pdf = NULL;
out:
    scan_pdf_free(pdf);
    return rc;
}

void scan_pdf_free(struct scan_pdf *pdf)
{
    if (!pdf)
        return;
    if (pdf->doc)
        HPDF_Free(pdf->doc);
    free(pdf);
}

static HPDF_Image load_image(struct scan_pdf *pdf, const struct scan_image *page, int *rc)
{
    if (page->pixels == SCAN_PIXELS_BITONAL) {
        /* libharu codes our set bits (1 = black, as SANE's line art) as
         * the black runs of the G4 stream and copies black_is1 into its
         * /BlackIs1. Decoded, a black run must come out as 0, which is
         * black in DeviceGray: so false. true gives a negative page. */
        HPDF_Image image = HPDF_Image_LoadRaw1BitImageFromMem(
            pdf->doc, page->data, (HPDF_UINT)page->width_px, (HPDF_UINT)page->height_px,
            (HPDF_UINT)page->stride_bytes, HPDF_FALSE, HPDF_TRUE);
        if (!image)
            *rc = errno_of(pdf);
        return image;
    }
    uint8_t *jpeg = NULL;
    size_t len = 0;
    *rc = scan_jpeg_encode(page, pdf->jpeg_quality, &jpeg, &len);
    if (*rc < 0)
        return NULL;
    /* libharu copies the bytes into the document's own stream. */
    HPDF_Image image = HPDF_LoadJpegImageFromMem(pdf->doc, jpeg, (HPDF_UINT)len);
    free(jpeg);
    if (!image)
        *rc = errno_of(pdf);
    return image;
}

static HPDF_REAL page_pt(int px, int dpi)
{
    HPDF_REAL pt = (HPDF_REAL)px * 72.0f / (HPDF_REAL)dpi;
    if (pt < HPDF_MIN_PAGE_SIZE)
        return HPDF_MIN_PAGE_SIZE;
    if (pt > HPDF_MAX_PAGE_SIZE)
        return HPDF_MAX_PAGE_SIZE;
    return pt;
}

/* A new last page of the paper's size showing image. */
static int place(struct scan_pdf *pdf, HPDF_Image image, int width_px, int height_px,
                 int resolution_dpi)
{
    /* The page is the paper's size: pixels at the scan's resolution,
     * within what PDF readers accept (libharu refuses the rest). */
    HPDF_REAL width_pt = page_pt(width_px, resolution_dpi);
    HPDF_REAL height_pt = page_pt(height_px, resolution_dpi);
    HPDF_Page p = HPDF_AddPage(pdf->doc);
    if (!p || HPDF_Page_SetWidth(p, width_pt) != HPDF_OK ||
        HPDF_Page_SetHeight(p, height_pt) != HPDF_OK ||
        HPDF_Page_DrawImage(p, image, 0, 0, width_pt, height_pt) != HPDF_OK)
        return errno_of(pdf);
    pdf->pages++;
    return 0;
}

int scan_pdf_add_page(struct scan_pdf *pdf, const struct scan_image *page)
{
    int rc = 0;
    if (pdf->finished)
        return -EALREADY;
    if (!page || page->resolution_dpi < 1)
        return -EINVAL;
    HPDF_Image image = load_image(pdf, page, &rc);
    if (!image)
        return rc < 0 ? rc : -EIO;
    return place(pdf, image, page->width_px, page->height_px, page->resolution_dpi);
}

int scan_pdf_add_jpeg(struct scan_pdf *pdf, const uint8_t *jpeg, size_t len, int width_px,
                      int height_px, int resolution_dpi)
{
    if (pdf->finished)
        return -EALREADY;
    if (!jpeg || len < 4 || len > UINT32_MAX || width_px < 1 || height_px < 1 || resolution_dpi < 1)
        return -EINVAL;
    /* libharu copies the bytes into the document's own stream. */
    HPDF_Image image = HPDF_LoadJpegImageFromMem(pdf->doc, jpeg, (HPDF_UINT)len);
    if (!image)
        return errno_of(pdf);
    return place(pdf, image, width_px, height_px, resolution_dpi);
}

int scan_pdf_page_count(const struct scan_pdf *pdf)
{
    return pdf->pages;
}

int scan_pdf_finish(struct scan_pdf *pdf, uint8_t **out, size_t *len)
{
    uint8_t *buf = NULL;
    int rc;
    if (pdf->finished)
        return -EALREADY;
    if (pdf->pages == 0)
        return -ENODATA;
    pdf->finished = true;
    if (HPDF_SaveToStream(pdf->doc) != HPDF_OK) {
        rc = errno_of(pdf);
        goto out;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf->doc);
    if (size == 0) {
        rc = -EIO;
        goto out;
    }
    buf = malloc(size);
    if (!buf) {
        rc = -ENOMEM;
        goto out;
    }
    HPDF_UINT32 got = size;
    HPDF_STATUS st = HPDF_ReadFromStream(pdf->doc, buf, &got);
    /* The whole stream in one read ends with "end of stream". */
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
        rc = -EIO;
        goto out;
    }
    *out = buf;
    *len = size;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    return rc;
}
