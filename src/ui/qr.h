/*
 * qr — QR codes (the ticket's tracking link, SP4N-LAPOR!) drawn as
 * squares with libqrencode.
 *
 * The one idea: a QR code is always dark on white with its quiet zone,
 * whatever the theme, or phones do not read it.
 */
#ifndef SERAMBI_UI_QR_H
#define SERAMBI_UI_QR_H

#include <SDL.h>

#include "ui/geom.h"

/* Draws text as a QR code filling the square r. 0, -EINVAL (too long
 * for a QR code) or -ENOMEM. */
int ui_qr_draw(SDL_Renderer *ren, const char *text, struct ui_rect r);

/* The number of modules per side of text's code, without the quiet
 * zone; a negative errno as above. For tests and layout. */
int ui_qr_modules(const char *text);

#endif
