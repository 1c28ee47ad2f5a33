/*
 * textlayout — where the lines of a typed text break and where its caret
 * stands, so that a text field can show a caret inside wrapped text and
 * move it where a finger taps.
 *
 * The one idea: the layout asks a measure function for the width of a
 * piece of text and knows nothing else of fonts, so it is tested with a
 * fixed-width measure and drawn with SDL_ttf's. Lines are byte ranges of
 * the text that together cover all of it: the spaces where a line breaks
 * stay at the end of that line, and a newline ends its line.
 */
#ifndef SERAMBI_UI_TEXTLAYOUT_H
#define SERAMBI_UI_TEXTLAYOUT_H

#include <stddef.h>

/* The width in pixels of len bytes of UTF-8 at s (not NUL-terminated). */
typedef int (*ui_measure_fn)(void *ctx, const char *s, size_t len);

struct ui_line {
    size_t start, len; /* bytes of the text */
};

/*
 * Breaks len bytes of text into lines no wider than width: between words
 * where it can, between characters inside a word wider than a line. An
 * empty text, or one ending in a newline, ends with an empty line. Writes
 * at most max lines and returns how many there are (more than max when
 * they did not all fit).
 */
int ui_layout_wrap(const char *text, size_t len, int width, ui_measure_fn measure, void *ctx,
                   struct ui_line *lines, int max);

/* The end of the line starting at byte start: after its newline, after
 * the spaces where it breaks, or at len. */
size_t ui_layout_line_end(const char *text, size_t len, size_t start, int width,
                          ui_measure_fn measure, void *ctx);

#define UI_LAYOUT_REWRAP_MAX 512

/*
 * Lays text out again after an edit, for the price of the lines it
 * touched: lines holds the n_old lines of the text before the edit
 * (old_len bytes), whose first prefix bytes and last suffix bytes are
 * still the same. The result is what ui_layout_wrap() gives; when the
 * old lines cannot be trusted (more than UI_LAYOUT_REWRAP_MAX or max, or
 * sizes that do not fit together) it is ui_layout_wrap().
 */
int ui_layout_rewrap(const char *text, size_t len, size_t prefix, size_t suffix, size_t old_len,
                     int width, ui_measure_fn measure, void *ctx, struct ui_line *lines, int n_old,
                     int max);

/* The index of the line that shows a caret at byte offset at: at the
 * start of a line rather than the end of the one before. */
int ui_layout_line_of(const struct ui_line *lines, int n, size_t at);

/* The caret offset in line (of text) nearest to x pixels from its start,
 * always between two characters, never after its closing newline. */
size_t ui_layout_offset_at(const char *text, struct ui_line line, int x, ui_measure_fn measure,
                           void *ctx);

#endif
