/*
 * theme — colours and sizes of everything drawn: normal, large text and
 * high contrast, sized from the panel's physical size so that a touch
 * target is at least UI_MIN_TARGET_MM on any panel.
 *
 * The one idea: widgets never pick a colour or a size themselves. And no
 * state is told by colour alone: checked boxes carry a tick, errors a sign
 * and words, the focused field a thicker frame and a caret.
 */
#ifndef SERAMBI_UI_THEME_H
#define SERAMBI_UI_THEME_H

#include <stdbool.h>
#include <stdint.h>

enum ui_font_role {
    UI_FONT_SMALL,
    UI_FONT_BODY,
    UI_FONT_HEADING, /* body size, bold */
    UI_FONT_TITLE,
    UI_FONT_HUGE,
    UI_FONT_ROLES
};

struct ui_color {
    uint8_t r, g, b;
};

struct ui_theme {
    struct ui_color bg, surface, text, muted, primary, on_primary, border, focus, error, header,
        on_header;
    int font_px[UI_FONT_ROLES];
    bool bold[UI_FONT_ROLES];
    int target_px; /* height of buttons, fields and keys */
    int gap_px;    /* between widgets */
    int margin_px; /* around the content */
    int line_px;   /* frame thickness */
};

/* A theme for a picture_w x picture_h picture at px_per_mm. */
void ui_theme_make(int picture_w, int picture_h, double px_per_mm, bool large_text,
                   bool high_contrast, struct ui_theme *out);

#endif
