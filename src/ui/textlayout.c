/*
 * textlayout — greedy line breaking over a measure function.
 */
#include "ui/textlayout.h"

#include <stdbool.h>

static bool continuation(char c)
{
    return ((unsigned char)c & 0xC0u) == 0x80u;
}

/* The end of the character starting at i. */
static size_t next_char(const char *text, size_t len, size_t i)
{
    i++;
    while (i < len && continuation(text[i]))
        i++;
    return i;
}

/* How many bytes from start fit in width: at least one character, so a
 * line always moves on. */
static size_t fit_chars(const char *text, size_t len, size_t start, int width,
                        ui_measure_fn measure, void *ctx)
{
    size_t end = next_char(text, len, start);
    while (end < len && text[end] != '\n') {
        size_t more = next_char(text, len, end);
        if (measure(ctx, text + start, more - start) > width)
            break;
        end = more;
    }
    return end - start;
}

int ui_layout_wrap(const char *text, size_t len, int width, ui_measure_fn measure, void *ctx,
                   struct ui_line *lines, int max)
{
    int n = 0;
    size_t pos = 0;
    for (;;) {
        size_t start = pos, i = pos;
        bool newline = false;
        while (i < len) {
            if (text[i] == '\n') {
                newline = true;
                break;
            }
            size_t word_end = i;
            while (word_end < len && text[word_end] != ' ' && text[word_end] != '\n')
                word_end++;
            if (word_end > i && measure(ctx, text + start, word_end - start) > width)
                break;
            i = word_end;
            while (i < len && text[i] == ' ')
                i++;
        }
        if (i == start && !newline && i < len) /* one word wider than the line */
            i = start + fit_chars(text, len, start, width, measure, ctx);
        if (newline)
            i++;
        if (n < max)
            lines[n] = (struct ui_line){start, i - start};
        n++;
        pos = i;
        if (pos >= len && !newline)
            break;
        if (pos >= len) { /* after a final newline: the empty line to type on */
            if (n < max)
                lines[n] = (struct ui_line){len, 0};
            n++;
            break;
        }
    }
    return n;
}

int ui_layout_line_of(const struct ui_line *lines, int n, size_t at)
{
    int line = 0;
    for (int i = 1; i < n; i++)
        if (lines[i].start <= at)
            line = i;
    return line;
}

size_t ui_layout_offset_at(const char *text, struct ui_line line, int x, ui_measure_fn measure,
                           void *ctx)
{
    size_t end = line.start + line.len;
    if (line.len > 0 && text[end - 1] == '\n')
        end--;
    size_t best = line.start;
    int best_dist = x < 0 ? -x : x;
    for (size_t i = line.start; i < end;) {
        i = next_char(text, end, i);
        int w = measure(ctx, text + line.start, i - line.start);
        int dist = w > x ? w - x : x - w;
        if (dist < best_dist) {
            best = i;
            best_dist = dist;
        } else if (w > x) {
            break; /* widths only grow from here */
        }
    }
    return best;
}
