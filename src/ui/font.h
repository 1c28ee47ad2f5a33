/*
 * font — the typeface: Noto Sans regular and bold, found through
 * fontconfig unless the configuration names the files, opened once per
 * pixel size.
 *
 * The one idea: a missing font is an error the technician can act on
 * ("install fonts-noto-core or set font_path"), found at start, never a
 * blank screen later.
 */
#ifndef SERAMBI_UI_FONT_H
#define SERAMBI_UI_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_ttf.h>

#define UI_FONT_SIZES_MAX 16

struct ui_fonts {
    char regular_path[4096];
    char bold_path[4096];
    struct {
        int px;
        bool bold;
        TTF_Font *font; /* owned */
    } open[UI_FONT_SIZES_MAX];
    int count;
};

/*
 * Finds the regular and bold files: the given paths (borrowed; "" to ask
 * fontconfig for Noto Sans). TTF_Init() must have run. 0, or -ENOENT with
 * err saying which font is missing and what to do.
 */
int ui_fonts_init(struct ui_fonts *f, const char *regular, const char *bold, char *err,
                  size_t errcap);
/* Closes every font opened; safe twice and on a zeroed struct. */
void ui_fonts_fini(struct ui_fonts *f);

/* The font of px pixels, opened on first use. Borrowed until
 * ui_fonts_fini(). 0, or -EIO when the file cannot be opened. */
int ui_fonts_get(struct ui_fonts *f, int px, bool bold, TTF_Font **out);

#endif
