/*
 * edit — the caret of the field being edited: where a field's text sits,
 * how it is laid out and scrolled so that the caret stays in view, and
 * where a tap puts the caret. Drawing (draw.c) and tapping (frame.c) both
 * ask here, so the caret lands where the visitor sees the letter.
 */
#include <limits.h>
#include <string.h>

#include "ui/ui.h"

/* Longest piece measured at once; a longer one is wider than any line. */
#define MEASURE_MAX 2048

int ui_measure(void *font, const char *s, size_t len)
{
    char buf[MEASURE_MAX];
    int w = 0, h = 0;
    if (len == 0)
        return 0;
    if (len >= sizeof(buf))
        return INT_MAX / 2;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (!font || TTF_SizeUTF8(font, buf, &w, &h) < 0)
        return (int)len * 8; /* no font: a guess keeps the caret moving */
    return w;
}

static uint64_t hash_of(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static const char *text_of(const struct ui_widget *w)
{
    return w->buf ? w->buf : w->text;
}

/* The lines of the wrapped field w at width, laid out again only when
 * its text or size changed. */
static const struct ui_wrap *lay_out(struct ui *ui, const struct ui_widget *w, TTF_Font *font,
                                     int width)
{
    struct ui_wrap *c = &ui->wrap;
    const char *text = text_of(w);
    size_t len = strlen(text);
    uint64_t h = hash_of(text, len);
    int px = ui->theme.font_px[w->font];
    bool bold = ui->theme.bold[w->font];
    bool same_look = c->n > 0 && c->width == width && c->px == px && c->bold == bold;
    if (same_look && c->hash == h && c->len == len)
        return c;
    int n;
    if (same_look && c->has_text && c->n < UI_WRAP_LINES && len < sizeof(c->text)) {
        /* An edit: only the lines it touched are laid out again. */
        size_t prefix = 0, suffix = 0;
        while (prefix < len && prefix < c->len && text[prefix] == c->text[prefix])
            prefix++;
        while (suffix < len - prefix && suffix < c->len - prefix &&
               text[len - 1 - suffix] == c->text[c->len - 1 - suffix])
            suffix++;
        n = ui_layout_rewrap(text, len, prefix, suffix, c->len, width, ui_measure, font, c->lines,
                             c->n, UI_WRAP_LINES);
    } else {
        n = ui_layout_wrap(text, len, width, ui_measure, font, c->lines, UI_WRAP_LINES);
    }
    c->has_text = len < sizeof(c->text); /* else laid out whole next time */
    if (c->has_text)
        memcpy(c->text, text, len + 1);
    c->n = n < UI_WRAP_LINES ? n : UI_WRAP_LINES;
    c->hash = h;
    c->len = len;
    c->width = width;
    c->px = px;
    c->bold = bold;
    return c;
}

void ui_field_view(struct ui *ui, const struct ui_widget *w, struct ui_field_view *v)
{
    const struct ui_theme *t = &ui->theme;
    int pad = t->gap_px;
    struct ui_rect r = w->rect;
    const char *text = text_of(w);
    size_t len = strlen(text);
    bool editing = (w->flags & UI_FOCUSED) != 0;
    memset(v, 0, sizeof(*v));
    v->box = (struct ui_rect){r.x + pad, r.y, r.w - 3 * pad, r.h};
    if (ui_fonts_get(&ui->fonts, t->font_px[w->font], t->bold[w->font], &v->font) < 0)
        v->font = NULL;
    v->caret = ui->caret < len ? ui->caret : len;
    while (v->caret > 0 && v->caret < len && ((unsigned char)text[v->caret] & 0xC0u) == 0x80u)
        v->caret--;
    if (!(w->flags & UI_WRAP)) {
        int caret_x = ui_measure(v->font, text, editing ? v->caret : len) + t->line_px * 3;
        v->shift = caret_x > v->box.w ? caret_x - v->box.w : 0;
        return;
    }
    int inset = pad / 2;
    v->box.y += inset;
    v->box.h -= 2 * inset;
    v->line_h = v->font ? TTF_FontLineSkip(v->font) : t->font_px[w->font];
    if (v->line_h < 1)
        v->line_h = 1;
    v->visible = v->box.h / v->line_h;
    if (v->visible < 1)
        v->visible = 1;
    v->wrap = lay_out(ui, w, v->font, v->box.w);
    int most = v->wrap->n - v->visible > 0 ? v->wrap->n - v->visible : 0;
    if (!editing) { /* the end, where typing goes on */
        v->first = most;
        return;
    }
    /* Being edited, the lines stay where they are while the caret is in
     * view (a tap must not move the text under the finger) and scroll
     * only as far as it takes to show the caret's line. */
    int line = ui_layout_line_of(v->wrap->lines, v->wrap->n, v->caret);
    int first = ui->wrap_first;
    if (first > most)
        first = most;
    if (line < first)
        first = line;
    if (line >= first + v->visible)
        first = line - v->visible + 1;
    v->first = first < 0 ? 0 : first;
    ui->wrap_first = v->first;
}

void ui_field_tap(struct ui *ui, const struct ui_widget *w, struct ui_point p)
{
    struct ui_field_view v;
    ui_field_view(ui, w, &v);
    const char *text = text_of(w);
    int x = p.x - v.box.x;
    if (!(w->flags & UI_WRAP)) {
        struct ui_line all = {0, strlen(text)};
        ui->caret = ui_layout_offset_at(text, all, x + v.shift, ui_measure, v.font);
        return;
    }
    int line = v.first + (p.y - v.box.y) / v.line_h;
    if (p.y < v.box.y)
        line = v.first;
    if (line >= v.wrap->n)
        line = v.wrap->n - 1;
    if (line < 0)
        return;
    ui->caret = ui_layout_offset_at(text, v.wrap->lines[line], x, ui_measure, v.font);
}
