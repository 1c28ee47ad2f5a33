/*
 * ticket — see ticket.h. Layout top to bottom at 203 dpi sizes scaled to
 * the printer's resolution: office name, service, the number as large as
 * fits, the tracking code, the QR code, the time, the due time, the free
 * of charge line and the next step.
 */
#include "print/ticket.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <cups/raster.h>
#include <qrencode.h>

#include "core/datetext.h"
#include "print/submit.h"
#include "ui/font.h"

/* The thermal printers' resolution, which the sizes below are for. */
#define BASE_DPI 203
/* A ticket never gets longer than this (at 203 dpi: 50 cm). */
#define MAX_ROWS_BASE 4000
#define QUIET_MODULES 4

struct ticket_renderer {
    struct ui_fonts fonts;
    bool ttf;
};

void ticket_compose(const struct ticket_words *w, const char *lang, const struct rec_ticket *t,
                    const char *office, const char *status_url, int utc_offset_min,
                    const char *zone, struct ticket_doc *out)
{
    int s = t->service >= 0 && t->service < REC_SERVICE_COUNT ? (int)t->service : 0;
    memset(out, 0, sizeof(*out));
    snprintf(out->office, sizeof(out->office), "%s", office);
    snprintf(out->service, sizeof(out->service), "%s", w->service[s]);
    snprintf(out->number_label, sizeof(out->number_label), "%s", w->number_label);
    snprintf(out->number, sizeof(out->number), "%s", t->number);
    if (t->tracking_code[0]) {
        snprintf(out->code_label, sizeof(out->code_label), "%s", w->code_label);
        snprintf(out->code, sizeof(out->code), "%s", t->tracking_code);
        snprintf(out->url, sizeof(out->url), "%s", status_url ? status_url : "");
        if (out->url[0])
            snprintf(out->scan_hint, sizeof(out->scan_hint), "%s", w->scan_hint);
    }
    datetext_format(lang, t->meta.created_ms, utc_offset_min, zone, out->issued,
                    sizeof(out->issued));
    if (t->due_ms > 0 && w->due_label[s][0]) {
        snprintf(out->due_label, sizeof(out->due_label), "%s", w->due_label[s]);
        datetext_format(lang, t->due_ms, utc_offset_min, zone, out->due, sizeof(out->due));
    }
    snprintf(out->next_step, sizeof(out->next_step), "%s", w->next_step[s]);
}

void ticket_bitmap_fini(struct ticket_bitmap *bm)
{
    free(bm->bits);
    bm->bits = NULL;
}

int ticket_renderer_open(const char *regular, const char *bold, struct ticket_renderer **out,
                         char *err, size_t errcap)
{
    struct ticket_renderer *r = calloc(1, sizeof(*r));
    if (!r) {
        snprintf(err, errcap, "out of memory for the ticket's fonts");
        return -ENOMEM;
    }
    if (TTF_Init() < 0) {
        snprintf(err, errcap, "cannot start the font renderer: %s", TTF_GetError());
        free(r);
        return -EIO;
    }
    r->ttf = true;
    int rc = ui_fonts_init(&r->fonts, regular, bold, err, errcap);
    if (rc < 0) {
        ticket_renderer_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

void ticket_renderer_close(struct ticket_renderer *r)
{
    if (!r)
        return;
    ui_fonts_fini(&r->fonts);
    if (r->ttf)
        TTF_Quit();
    free(r);
}

/* --- drawing into the bitmap ----------------------------------------------- */

struct canvas {
    struct ticket_bitmap *bm;
    unsigned max_rows;
    int y;      /* the next free row */
    int margin; /* dots left and right */
    unsigned dpi;
    struct ticket_renderer *r;
};

static int scaled(const struct canvas *c, int base)
{
    return (int)(((long)base * (long)c->dpi + BASE_DPI / 2) / BASE_DPI);
}

static void set_dot(struct canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || (unsigned)x >= c->bm->width || (unsigned)y >= c->max_rows)
        return;
    c->bm->bits[(size_t)y * c->bm->stride + (size_t)x / 8] |= (uint8_t)(0x80u >> (x % 8));
}

/* Copies the set pixels of an 8-bit Solid rendering at (x, y). */
static void blit(struct canvas *c, SDL_Surface *s, int x, int y)
{
    const uint8_t *px = s->pixels;
    for (int row = 0; row < s->h; row++)
        for (int col = 0; col < s->w; col++)
            if (px[(size_t)row * (size_t)s->pitch + (size_t)col])
                set_dot(c, x + col, y + row);
}

static int font(struct canvas *c, int base_px, bool bold, TTF_Font **f)
{
    return ui_fonts_get(&c->r->fonts, scaled(c, base_px), bold, f);
}

static int width_of(TTF_Font *f, const char *s, size_t len)
{
    char buf[512];
    int w = 0, h = 0;
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (TTF_SizeUTF8(f, buf, &w, &h) < 0)
        return 0;
    return w;
}

/* One line of text, centred or from the left margin. */
static int line(struct canvas *c, TTF_Font *f, const char *s, size_t len, bool center)
{
    char buf[512];
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int h = TTF_FontLineSkip(f);
    if (len > 0) {
        SDL_Color black = {0, 0, 0, 255};
        SDL_Surface *surf = TTF_RenderUTF8_Solid(f, buf, black);
        if (!surf)
            return -EIO;
        int avail = (int)c->bm->width - 2 * c->margin;
        int x = center && surf->w < avail ? c->margin + (avail - surf->w) / 2 : c->margin;
        blit(c, surf, x, c->y);
        SDL_FreeSurface(surf);
    }
    c->y += h;
    return 0;
}

/* The length of the first UTF-8 character at s. */
static size_t char_len(const char *s)
{
    unsigned char b = (unsigned char)*s;
    size_t n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return i;
    return n;
}

/* A paragraph wrapped at spaces inside the margins; a word wider than the
 * paper is broken between characters. */
static int paragraph(struct canvas *c, int base_px, bool bold, const char *text, bool center)
{
    TTF_Font *f;
    int rc = font(c, base_px, bold, &f);
    if (rc < 0)
        return rc;
    int avail = (int)c->bm->width - 2 * c->margin;
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p) {
        size_t fit = 0, last_space = 0;
        while (p[fit]) {
            size_t next = fit + char_len(p + fit);
            if (width_of(f, p, next) > avail)
                break;
            if (p[fit] == ' ')
                last_space = fit;
            fit = next;
        }
        size_t take = fit;
        if (p[fit] && last_space > 0)
            take = last_space;
        if (take == 0)
            take = char_len(p); /* not even one character fits: print it cropped */
        size_t shown = take;
        while (shown > 0 && p[shown - 1] == ' ')
            shown--;
        rc = line(c, f, p, shown, center);
        if (rc < 0)
            return rc;
        p += take;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* The queue number: bold and as large as fits the width, up to base_px. */
static int big(struct canvas *c, int base_px, const char *text)
{
    int avail = (int)c->bm->width - 2 * c->margin;
    for (int px = base_px; px >= 16; px -= 4) {
        TTF_Font *f;
        int rc = font(c, px, true, &f);
        if (rc < 0)
            return rc;
        if (width_of(f, text, strlen(text)) <= avail || px - 4 < 16)
            return line(c, f, text, strlen(text), true);
    }
    return 0;
}

static int qr(struct canvas *c, const char *text)
{
    /* Level M survives a crumpled ticket. */
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return errno == ERANGE ? -EINVAL : -ENOMEM;
    int avail = (int)c->bm->width - 2 * c->margin;
    int module = avail / (q->width + 2 * QUIET_MODULES);
    /* 5 dots (0.6 mm) at 203 dpi: a code about 2 cm wide, which phones
     * read from arm's length, in few printed rows. */
    if (module > scaled(c, 5))
        module = scaled(c, 5);
    if (module < 1)
        module = 1;
    int side = module * q->width;
    int x0 = c->margin + (avail - side) / 2;
    int y0 = c->y + module * QUIET_MODULES;
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width; x++)
            if (q->data[y * q->width + x] & 1)
                for (int dy = 0; dy < module; dy++)
                    for (int dx = 0; dx < module; dx++)
                        set_dot(c, x0 + x * module + dx, y0 + y * module + dy);
    c->y = y0 + side + module * QUIET_MODULES;
    QRcode_free(q);
    return 0;
}

static void rule(struct canvas *c)
{
    c->y += scaled(c, 8);
    for (int t = 0; t < scaled(c, 2); t++)
        for (int x = c->margin; x < (int)c->bm->width - c->margin; x++)
            set_dot(c, x, c->y + t);
    c->y += scaled(c, 2) + scaled(c, 8);
}

static int draw(struct canvas *c, const struct ticket_doc *d)
{
    int rc = 0;
    /* Sizes for 384 dots; an 80 mm ticket gets its number larger. */
    int number_px = c->bm->width * BASE_DPI / c->dpi >= 500 ? 104 : 96;
    c->y = scaled(c, 8);
    if ((rc = paragraph(c, 26, true, d->office, true)) < 0 ||
        (rc = paragraph(c, 24, false, d->service, true)) < 0)
        return rc;
    rule(c);
    if ((rc = paragraph(c, 22, false, d->number_label, true)) < 0 ||
        (rc = big(c, number_px, d->number)) < 0)
        return rc;
    if (d->code[0]) {
        if ((rc = paragraph(c, 22, false, d->code_label, true)) < 0 ||
            (rc = big(c, 44, d->code)) < 0)
            return rc;
    }
    if (d->url[0]) {
        if ((rc = qr(c, d->url)) < 0 || (rc = paragraph(c, 20, false, d->scan_hint, true)) < 0)
            return rc;
    }
    rule(c);
    if ((rc = paragraph(c, 22, false, d->issued, false)) < 0)
        return rc;
    if (d->due[0]) {
        if ((rc = paragraph(c, 22, false, d->due_label, false)) < 0 ||
            (rc = paragraph(c, 22, true, d->due, false)) < 0)
            return rc;
    }
    c->y += scaled(c, 8);
    if ((rc = paragraph(c, 22, true, TICKET_FREE_LINE, true)) < 0 ||
        (rc = paragraph(c, 22, false, d->next_step, false)) < 0)
        return rc;
    c->y += scaled(c, 16);
    return 0;
}

int ticket_render(struct ticket_renderer *r, const struct ticket_doc *doc, unsigned dot_width,
                  unsigned dpi, struct ticket_bitmap *out)
{
    if (!r || dot_width < 200 || dot_width > 20000 || dpi < 100 || dpi > 1200)
        return -EINVAL;
    struct ticket_bitmap bm = {.width = dot_width, .dpi = dpi, .stride = (dot_width + 7) / 8};
    struct canvas c = {.bm = &bm, .dpi = dpi, .r = r};
    c.max_rows = (unsigned)scaled(&c, MAX_ROWS_BASE);
    c.margin = scaled(&c, 4);
    bm.bits = calloc((size_t)c.max_rows, bm.stride);
    if (!bm.bits)
        return -ENOMEM;
    int rc = draw(&c, doc);
    if (rc < 0) {
        ticket_bitmap_fini(&bm);
        return rc;
    }
    bm.height = c.y < (int)c.max_rows ? (unsigned)c.y : c.max_rows;
    *out = bm;
    return 0;
}

/* --- encoding ---------------------------------------------------------------- */

struct mem {
    uint8_t *data;
    size_t len, cap;
    bool failed;
};

static ssize_t mem_write(void *ctx, unsigned char *buf, size_t len)
{
    struct mem *m = ctx;
    if (m->len + len > m->cap) {
        size_t cap = m->cap ? m->cap : 16384;
        while (cap < m->len + len)
            cap *= 2;
        uint8_t *d = realloc(m->data, cap);
        if (!d) {
            m->failed = true;
            return -1;
        }
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, buf, len);
    m->len += len;
    return (ssize_t)len;
}

int ticket_encode(const struct ticket_bitmap *bm, const char *format, uint8_t **data, size_t *len)
{
    bool pwg = strcmp(format, PRINT_FORMAT_PWG_RASTER) == 0;
    if (!pwg && strcmp(format, PRINT_FORMAT_CUPS_RASTER) != 0)
        return -EINVAL;
    struct mem m = {0};
    cups_raster_t *ras =
        cupsRasterOpenIO(mem_write, &m, pwg ? CUPS_RASTER_WRITE_PWG : CUPS_RASTER_WRITE_COMPRESSED);
    if (!ras)
        return -ENOMEM;
    cups_page_header2_t h;
    memset(&h, 0, sizeof(h));
    if (pwg) {
        snprintf(h.MediaType, sizeof(h.MediaType), "stationery");
        snprintf(h.cupsRenderingIntent, sizeof(h.cupsRenderingIntent), "perceptual");
        snprintf(h.cupsPageSizeName, sizeof(h.cupsPageSizeName), "custom");
    }
    h.HWResolution[0] = h.HWResolution[1] = bm->dpi;
    h.PageSize[0] = (unsigned)((bm->width * 72u + bm->dpi / 2) / bm->dpi);
    h.PageSize[1] = (unsigned)((bm->height * 72u + bm->dpi / 2) / bm->dpi);
    h.cupsPageSize[0] = (float)h.PageSize[0];
    h.cupsPageSize[1] = (float)h.PageSize[1];
    h.ImagingBoundingBox[2] = h.PageSize[0];
    h.ImagingBoundingBox[3] = h.PageSize[1];
    h.cupsWidth = bm->width;
    h.cupsHeight = bm->height;
    h.cupsBitsPerColor = 1;
    h.cupsBitsPerPixel = 1;
    h.cupsBytesPerLine = (unsigned)bm->stride;
    h.cupsColorOrder = CUPS_ORDER_CHUNKED;
    h.cupsColorSpace = CUPS_CSPACE_K;
    h.cupsNumColors = 1;
    h.NumCopies = 1;
    h.cupsInteger[0] = 1; /* PWG: TotalPageCount */
    size_t bytes = bm->stride * bm->height;
    int rc = 0;
    if (!cupsRasterWriteHeader2(ras, &h) ||
        cupsRasterWritePixels(ras, bm->bits, (unsigned)bytes) != bytes)
        rc = m.failed ? -ENOMEM : -EIO;
    cupsRasterClose(ras);
    if (rc == 0 && m.failed)
        rc = -ENOMEM;
    if (rc < 0) {
        free(m.data);
        return rc;
    }
    *data = m.data;
    *len = m.len;
    return 0;
}

int ticket_write_png(const struct ticket_bitmap *bm, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, (int)bm->width, (int)bm->height, 8,
                                                    SDL_PIXELFORMAT_INDEX8);
    if (!s)
        return -EIO;
    SDL_Color colors[2] = {{255, 255, 255, 255}, {0, 0, 0, 255}};
    SDL_SetPaletteColors(s->format->palette, colors, 0, 2);
    uint8_t *px = s->pixels;
    for (unsigned y = 0; y < bm->height; y++)
        for (unsigned x = 0; x < bm->width; x++)
            px[(size_t)y * (size_t)s->pitch + x] =
                (uint8_t)((bm->bits[y * bm->stride + x / 8] >> (7 - x % 8)) & 1);
    int rc = IMG_SavePNG(s, path) == 0 ? 0 : -EIO;
    SDL_FreeSurface(s);
    return rc;
}
