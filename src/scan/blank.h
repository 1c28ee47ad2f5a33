/*
 * blank — tells an empty page (the back of a one-sided letter fed through
 * a duplex feeder) from a page with writing on it.
 *
 * The one idea: count ink, not average brightness. A page is blank when
 * fewer than one pixel in a thousand inside its margins is clearly darker
 * than paper; the margins are skipped because feeders leave dark borders
 * and shadows there. A short signed note still has far more ink than that.
 */
#ifndef SERAMBI_SCAN_BLANK_H
#define SERAMBI_SCAN_BLANK_H

#include <stdbool.h>

#include "scan/image.h"

/* Ink is lightness below this (0..255). */
#define SCAN_BLANK_INK_LIGHTNESS 160
/* Pixels in the margins, in per mille of each side, are not counted. */
#define SCAN_BLANK_MARGIN_PERMILLE 40
/* A page with less ink than this, in per mille of the counted pixels, is blank. */
#define SCAN_BLANK_INK_PERMILLE 1

/* Ink per mille (0..1000) of img inside its margins. */
int scan_blank_ink_permille(const struct scan_image *img);
/* Whether img looks like an empty sheet. */
bool scan_blank_is_blank(const struct scan_image *img);

#endif
