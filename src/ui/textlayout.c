/*
 * textlayout — greedy line breaking over a measure function.
 */
#include "ui/textlayout.h"

#include <stdbool.h>
#include <string.h>

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

size_t ui_layout_line_end(const char *text, size_t len, size_t start, int width,
                          ui_measure_fn measure, void *ctx)
{
    size_t i = start;
    while (i < len) {
        if (text[i] == '\n')
            return i + 1;
        size_t word_end = i;
        while (word_end < len && text[word_end] != ' ' && text[word_end] != '\n')
            word_end++;
        if (word_end > i && measure(ctx, text + start, word_end - start) > width)
            break;
        i = word_end;
        while (i < len && text[i] == ' ')
            i++;
    }
    if (i == start && i < len) /* one word wider than the line */
        i = start + fit_chars(text, len, start, width, measure, ctx);
    return i;
}

/* Lays out from pos (the start of line n) to the end, or until a line
 * starts where an old one started in text that did not change (from
 * same_from on, old lines shifted by shift): the rest is the old lines. */
static int wrap_from(const char *text, size_t len, size_t pos, int n, int width,
                     ui_measure_fn measure, void *ctx, struct ui_line *lines, int max,
                     const struct ui_line *old, int n_old, size_t same_from, long long shift)
{
    int j = 0;
    for (;;) {
        if (old && pos >= same_from && n > 0) {
            while (j < n_old && (long long)old[j].start + shift < (long long)pos)
                j++;
            if (j < n_old && (long long)old[j].start + shift == (long long)pos) {
                for (; j < n_old; j++, n++)
                    if (n < max)
                        lines[n] =
                            (struct ui_line){(size_t)((long long)old[j].start + shift), old[j].len};
                return n;
            }
        }
        size_t end = ui_layout_line_end(text, len, pos, width, measure, ctx);
        bool newline = end > pos && text[end - 1] == '\n';
        if (n < max)
            lines[n] = (struct ui_line){pos, end - pos};
        n++;
        pos = end;
        if (pos >= len) {
            if (newline) { /* after a final newline: the empty line to type on */
                if (n < max)
                    lines[n] = (struct ui_line){len, 0};
                n++;
            }
            return n;
        }
    }
}

int ui_layout_wrap(const char *text, size_t len, int width, ui_measure_fn measure, void *ctx,
                   struct ui_line *lines, int max)
{
    return wrap_from(text, len, 0, 0, width, measure, ctx, lines, max, NULL, 0, 0, 0);
}

int ui_layout_rewrap(const char *text, size_t len, size_t prefix, size_t suffix, size_t old_len,
                     int width, ui_measure_fn measure, void *ctx, struct ui_line *lines, int n_old,
                     int max)
{
    struct ui_line old[UI_LAYOUT_REWRAP_MAX];
    if (n_old <= 0 || n_old > max || n_old > UI_LAYOUT_REWRAP_MAX || prefix > len ||
        suffix > len - prefix || prefix + suffix > old_len)
        return ui_layout_wrap(text, len, width, measure, ctx, lines, max);
    memcpy(old, lines, (size_t)n_old * sizeof(old[0]));
    /* The line before the edit may take a word from it, so from there. */
    int k = ui_layout_line_of(old, n_old, prefix);
    if (k > 0)
        k--;
    /* A word broken between characters runs on from the line before. */
    while (k > 0 && old[k - 1].len > 0 && text[old[k - 1].start + old[k - 1].len - 1] != ' ' &&
           text[old[k - 1].start + old[k - 1].len - 1] != '\n')
        k--;
    return wrap_from(text, len, old[k].start, k, width, measure, ctx, lines, max, old, n_old,
                     len - suffix, (long long)len - (long long)old_len);
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
