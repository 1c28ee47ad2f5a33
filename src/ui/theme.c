/*
 * theme — colours and sizes; see theme.h.
 */
#include "ui/theme.h"

#include "ui/geom.h"

static const struct ui_color C_BG = {0xF3, 0xF5, 0xF8}, C_SURFACE = {0xFF, 0xFF, 0xFF},
                             C_TEXT = {0x17, 0x1C, 0x2B}, C_MUTED = {0x4A, 0x53, 0x66},
                             C_PRIMARY = {0x0B, 0x57, 0xA4}, C_WHITE = {0xFF, 0xFF, 0xFF},
                             C_BORDER = {0xA9, 0xB4, 0xC4}, C_FOCUS = {0x0B, 0x57, 0xA4},
                             C_ERROR = {0xA8, 0x1C, 0x1C}, C_HEADER = {0x0A, 0x35, 0x66},
                             C_BLACK = {0, 0, 0}, C_YELLOW = {0xFF, 0xE0, 0x33},
                             C_PINK = {0xFF, 0x9E, 0x9E};

void ui_theme_make(int picture_w, int picture_h, double px_per_mm, bool large_text,
                   bool high_contrast, struct ui_theme *out)
{
    struct ui_theme t;
    int shorter = picture_w < picture_h ? picture_w : picture_h;
    /* Readable at arm's length on the panel, and in proportion on big ones. */
    int body = ui_geom_mm_to_px(4.0, px_per_mm);
    if (body < shorter / 26)
        body = shorter / 26;
    if (large_text)
        body = body * 4 / 3;
    t.font_px[UI_FONT_SMALL] = body * 4 / 5;
    t.font_px[UI_FONT_BODY] = body;
    t.font_px[UI_FONT_HEADING] = body * 11 / 10;
    t.font_px[UI_FONT_TITLE] = body * 3 / 2;
    t.font_px[UI_FONT_HUGE] = body * 3;
    t.bold[UI_FONT_SMALL] = false;
    t.bold[UI_FONT_BODY] = false;
    t.bold[UI_FONT_HEADING] = true;
    t.bold[UI_FONT_TITLE] = true;
    t.bold[UI_FONT_HUGE] = true;
    t.target_px = ui_geom_mm_to_px(UI_MIN_TARGET_MM, px_per_mm);
    if (t.target_px < body * 2)
        t.target_px = body * 2;
    t.gap_px = body / 2;
    t.margin_px = body;
    t.line_px = body / 10 > 1 ? body / 10 : 1;

    if (high_contrast) {
        t.bg = C_BLACK;
        t.surface = C_BLACK;
        t.text = C_WHITE;
        t.muted = C_WHITE;
        t.primary = C_YELLOW;
        t.on_primary = C_BLACK;
        t.border = C_WHITE;
        t.focus = C_YELLOW;
        t.error = C_PINK;
        t.header = C_BLACK;
        t.on_header = C_YELLOW;
        t.line_px += 1;
    } else {
        t.bg = C_BG;
        t.surface = C_SURFACE;
        t.text = C_TEXT;
        t.muted = C_MUTED;
        t.primary = C_PRIMARY;
        t.on_primary = C_WHITE;
        t.border = C_BORDER;
        t.focus = C_FOCUS;
        t.error = C_ERROR;
        t.header = C_HEADER;
        t.on_header = C_WHITE;
    }
    *out = t;
}
