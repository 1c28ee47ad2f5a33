/*
 * qr — QR codes through libqrencode; see qr.h.
 */
#include "ui/qr.h"

#include <errno.h>
#include <stdlib.h>

#include <qrencode.h>

#define QUIET_MODULES 4

static QRcode *encode(const char *text)
{
    /* Level M survives a scuffed or badly lit screen. */
    return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

int ui_qr_modules(const char *text)
{
    QRcode *qr = encode(text);
    if (!qr)
        return errno == ERANGE ? -EINVAL : -ENOMEM;
    int n = qr->width;
    QRcode_free(qr);
    return n;
}

int ui_qr_draw(SDL_Renderer *ren, const char *text, struct ui_rect r)
{
    int rc = 0;
    SDL_Rect *cells = NULL;
    QRcode *qr = encode(text);
    if (!qr) {
        rc = errno == ERANGE ? -EINVAL : -ENOMEM;
        goto out;
    }
    int total = qr->width + 2 * QUIET_MODULES;
    int module = r.w / total;
    if (module < 1)
        module = 1;
    int offset_x = r.x + (r.w - module * qr->width) / 2;
    int offset_y = r.y + (r.h - module * qr->width) / 2;
    SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
    SDL_RenderFillRect(ren, &(SDL_Rect){r.x, r.y, r.w, r.h});
    cells = calloc((size_t)qr->width * (size_t)qr->width, sizeof(*cells));
    if (!cells) {
        rc = -ENOMEM;
        goto out;
    }
    int n = 0;
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
                cells[n++] =
                    (SDL_Rect){offset_x + x * module, offset_y + y * module, module, module};
    SDL_SetRenderDrawColor(ren, 0, 0, 0, 255);
    SDL_RenderFillRects(ren, cells, n);
out:
    free(cells);
    if (qr)
        QRcode_free(qr);
    return rc;
}
