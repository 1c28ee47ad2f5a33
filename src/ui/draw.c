/*
 * draw — paints the widgets of the last build into the picture, then
 * shows the picture on the panel turned by the configured rotation.
 */
#include <errno.h>
#include <string.h>

#include "ui/qr.h"
#include "ui/ui.h"

static void color(SDL_Renderer *ren, struct ui_color c)
{
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, 255);
}

static SDL_Rect sdl(struct ui_rect r)
{
    return (SDL_Rect){r.x, r.y, r.w, r.h};
}

static void fill(struct ui *ui, struct ui_rect r, struct ui_color c)
{
    color(ui->ren, c);
    SDL_Rect s = sdl(r);
    SDL_RenderFillRect(ui->ren, &s);
}

/* A frame of thickness px inside r. */
static void frame(struct ui *ui, struct ui_rect r, int px, struct ui_color c)
{
    color(ui->ren, c);
    SDL_Rect sides[4] = {{r.x, r.y, r.w, px},
                         {r.x, r.y + r.h - px, r.w, px},
                         {r.x, r.y, px, r.h},
                         {r.x + r.w - px, r.y, px, r.h}};
    SDL_RenderFillRects(ui->ren, sides, 4);
}

enum align { LEFT, CENTER };

/* Text in r, vertically centred when it is one line shorter than r. */
static void text(struct ui *ui, const char *s, enum ui_font_role font, struct ui_rect r,
                 struct ui_color c, enum align align, int wrap)
{
    SDL_Texture *tex;
    int w, h;
    if (!s[0] ||
        ui_textcache_get(&ui->texts, s, ui->theme.font_px[font], ui->theme.bold[font], wrap,
                         align == CENTER, &tex, &w, &h) < 0 ||
        !tex)
        return;
    SDL_Rect dst = {r.x, r.y + (r.h - h) / 2, w, h};
    if (align == CENTER)
        dst.x = r.x + (r.w - w) / 2;
    if (h > r.h)
        dst.y = r.y;
    SDL_SetTextureColorMod(tex, c.r, c.g, c.b);
    SDL_RenderCopy(ui->ren, tex, NULL, &dst);
}

/* One piece of a field's text, len bytes at s, with its left end at x and
 * its top at y. */
static void piece(struct ui *ui, const struct ui_widget *w, const char *s, size_t len, int x, int y)
{
    const struct ui_theme *t = &ui->theme;
    char buf[UI_TEXT_MAX * 4];
    SDL_Texture *tex = NULL;
    int tw = 0, th = 0;
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
        len--;
    if (len == 0)
        return;
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (ui_textcache_get(&ui->texts, buf, t->font_px[w->font], t->bold[w->font], 0, false, &tex,
                         &tw, &th) < 0 ||
        !tex)
        return;
    SDL_Rect dst = {x, y, tw, th};
    SDL_SetTextureColorMod(tex, t->text.r, t->text.g, t->text.b);
    SDL_RenderCopy(ui->ren, tex, NULL, &dst);
}

/* A field's text and, while it is being edited, its caret: one line
 * scrolled so the caret shows, or a paragraph wrapped to the box with the
 * caret's line in view (edit.c lays both out, so a tap finds the same
 * letters). */
static void field_text(struct ui *ui, const struct ui_widget *w)
{
    const struct ui_theme *t = &ui->theme;
    struct ui_field_view v;
    const char *text = w->buf ? w->buf : w->text;
    ui_field_view(ui, w, &v);
    bool editing = (w->flags & UI_FOCUSED) != 0;
    int caret_w = t->line_px * 2;
    if (!(w->flags & UI_WRAP)) {
        int line_h = v.font ? TTF_FontLineSkip(v.font) : t->font_px[w->font];
        int y = v.box.y + (v.box.h - line_h) / 2;
        piece(ui, w, text, strlen(text), v.box.x - v.shift, y);
        if (editing) {
            int x = v.box.x - v.shift + ui_measure(v.font, text, v.caret);
            fill(ui, (struct ui_rect){x + 1, w->rect.y + w->rect.h / 5, caret_w, w->rect.h * 3 / 5},
                 t->text);
        }
        return;
    }
    for (int i = v.first; i < v.wrap->n && i < v.first + v.visible; i++) {
        const struct ui_line *l = &v.wrap->lines[i];
        piece(ui, w, text + l->start, l->len, v.box.x, v.box.y + (i - v.first) * v.line_h);
    }
    if (editing) {
        int line = ui_layout_line_of(v.wrap->lines, v.wrap->n, v.caret);
        const struct ui_line *l = &v.wrap->lines[line];
        int x = v.box.x + ui_measure(v.font, text + l->start, v.caret - l->start);
        int y = v.box.y + (line - v.first) * v.line_h;
        fill(ui, (struct ui_rect){x + 1, y, caret_w, v.line_h}, t->text);
    }
}

/* A tick drawn with thick strokes: visible without colour. */
static void tick(struct ui *ui, struct ui_rect box, struct ui_color c)
{
    color(ui->ren, c);
    int t = box.w / 8 > 1 ? box.w / 8 : 1;
    int x0 = box.x + box.w / 5, y0 = box.y + box.h / 2;
    int x1 = box.x + box.w * 2 / 5, y1 = box.y + box.h * 3 / 4;
    int x2 = box.x + box.w * 4 / 5, y2 = box.y + box.h / 4;
    for (int d = -t / 2; d <= t / 2; d++) {
        SDL_RenderDrawLine(ui->ren, x0, y0 + d, x1, y1 + d);
        SDL_RenderDrawLine(ui->ren, x1, y1 + d, x2, y2 + d);
    }
}

static void disc(struct ui *ui, int cx, int cy, int radius, struct ui_color c)
{
    color(ui->ren, c);
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = 0;
        while ((dx + 1) * (dx + 1) + dy * dy <= radius * radius)
            dx++;
        SDL_RenderDrawLine(ui->ren, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

static void draw_widget(struct ui *ui, const struct ui_widget *w)
{
    const struct ui_theme *t = &ui->theme;
    struct ui_rect r = w->rect;
    int pad = t->gap_px;
    switch (w->kind) {
    case UI_W_TEXT: {
        struct ui_color c = w->flags & UI_SELECTED ? t->on_header
                            : w->flags & UI_ERROR  ? t->error
                            : w->flags & UI_MUTED  ? t->muted
                                                   : t->text;
        if (w->flags & UI_ERROR)
            fill(ui, (struct ui_rect){r.x, r.y, t->line_px * 2, r.h}, t->error);
        struct ui_rect in = r;
        if (w->flags & UI_ERROR) {
            in.x += t->line_px * 4;
            in.w -= t->line_px * 4;
        }
        text(ui, w->text, w->font, in, c, w->flags & UI_CENTER ? CENTER : LEFT, in.w);
        break;
    }
    case UI_W_BUTTON:
    case UI_W_KEY: {
        bool filled = (w->flags & (UI_PRIMARY | UI_CHECKED)) != 0;
        if (w->flags & UI_SELECTED) {
            frame(ui, r, t->line_px, t->on_header);
            text(ui, w->text, w->font, r, t->on_header, CENTER, 0);
            break;
        }
        fill(ui, r, filled ? t->primary : w->flags & UI_MUTED ? t->bg : t->surface);
        frame(ui, r, t->line_px, filled ? t->primary : t->border);
        struct ui_rect in = {r.x + pad, r.y, r.w - 2 * pad, r.h};
        text(ui, w->text, w->font, in, filled ? t->on_primary : t->text, CENTER,
             w->kind == UI_W_BUTTON ? in.w : 0);
        break;
    }
    case UI_W_FIELD: {
        bool focused = w->flags & UI_FOCUSED;
        fill(ui, r, t->surface);
        frame(ui, r, focused ? t->line_px * 3 : t->line_px,
              focused               ? t->focus
              : w->flags & UI_ERROR ? t->error
                                    : t->border);
        struct ui_rect in = {r.x + pad, r.y, r.w - 3 * pad, r.h};
        SDL_Rect clip = sdl(in);
        SDL_Rect outer;
        SDL_RenderGetClipRect(ui->ren, &outer);
        SDL_IntersectRect(&clip, &outer, &clip);
        SDL_RenderSetClipRect(ui->ren, &clip);
        field_text(ui, w);
        SDL_RenderSetClipRect(ui->ren, outer.w ? &outer : NULL);
        break;
    }
    case UI_W_CHECK:
    case UI_W_RADIO: {
        int size = t->target_px * 3 / 5;
        struct ui_rect box = {r.x + (t->target_px - size) / 2, r.y + (r.h - size) / 2, size, size};
        bool on = w->flags & UI_CHECKED;
        if (w->kind == UI_W_CHECK) {
            fill(ui, box, on ? t->primary : t->surface);
            frame(ui, box, t->line_px * 2, on ? t->primary : t->text);
            if (on)
                tick(ui, box, t->on_primary);
        } else {
            disc(ui, box.x + size / 2, box.y + size / 2, size / 2, t->text);
            disc(ui, box.x + size / 2, box.y + size / 2, size / 2 - t->line_px * 2, t->surface);
            if (on)
                disc(ui, box.x + size / 2, box.y + size / 2, size / 4, t->primary);
        }
        struct ui_rect label = {r.x + t->target_px + pad, r.y, r.w - t->target_px - pad, r.h};
        text(ui, w->text, w->font, label, t->text, LEFT, label.w);
        break;
    }
    case UI_W_QR:
        ui_qr_draw(ui->ren, w->text, r);
        break;
    case UI_W_IMAGE: {
        int iw = 0, ih = 0;
        SDL_Texture *tex = ui_images_get(&ui->images, w->image_key, &iw, &ih);
        if (!tex || iw < 1 || ih < 1 || r.w < 1 || r.h < 1) {
            fill(ui, r, t->surface);
            break;
        }
        /* As large as the box allows, the page's shape kept. */
        int64_t dw = r.w, dh = (int64_t)ih * r.w / iw;
        if (dh > r.h) {
            dh = r.h;
            dw = (int64_t)iw * r.h / ih;
        }
        struct ui_rect in = {r.x + (r.w - (int)dw) / 2, r.y + (r.h - (int)dh) / 2, (int)dw,
                             (int)dh};
        SDL_Rect dst = sdl(in);
        SDL_RenderCopy(ui->ren, tex, NULL, &dst);
        frame(ui, in, t->line_px, t->border);
        break;
    }
    case UI_W_PROGRESS:
        fill(ui, r, t->surface);
        fill(ui, (struct ui_rect){r.x, r.y, r.w * w->value / 1000, r.h}, t->primary);
        frame(ui, r, t->line_px, t->text);
        break;
    case UI_W_PANEL:
        if (w->flags & UI_SELECTED) {
            fill(ui, r, t->header);
            fill(ui, (struct ui_rect){r.x, r.y + r.h - t->line_px, r.w, t->line_px}, t->on_header);
        } else {
            fill(ui, r, t->bg);
            frame(ui, r, t->line_px * 2, t->border);
        }
        break;
    case UI_W_SCRIM:
        SDL_SetRenderDrawBlendMode(ui->ren, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(ui->ren, 0, 0, 0, 170);
        SDL_RenderFillRect(ui->ren, &(SDL_Rect){r.x, r.y, r.w, r.h});
        SDL_SetRenderDrawBlendMode(ui->ren, SDL_BLENDMODE_NONE);
        break;
    }
}

int ui_draw(struct ui *ui)
{
    if (SDL_SetRenderTarget(ui->ren, ui->picture) < 0)
        return -EIO;
    color(ui->ren, ui->theme.bg);
    SDL_RenderClear(ui->ren);
    SDL_Rect content = sdl(ui->content);
    for (int i = 0; i < ui->count; i++) {
        const struct ui_widget *w = &ui->widgets[i];
        SDL_RenderSetClipRect(ui->ren, w->flags & UI_CONTENT ? &content : NULL);
        draw_widget(ui, w);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    /* A hint that there is more below, not only a cut-off line. */
    if (ui->content_h - ui->scroll_px > ui->content.h) {
        int bar = ui->theme.line_px * 3;
        int len = ui->content.h * ui->content.h / ui->content_h;
        int top = ui->content.y + ui->scroll_px * ui->content.h / ui->content_h;
        fill(ui, (struct ui_rect){ui->w - bar * 2, top, bar, len}, ui->theme.muted);
    }
    SDL_SetRenderTarget(ui->ren, NULL);
    SDL_SetRenderDrawColor(ui->ren, 0, 0, 0, 255);
    SDL_RenderClear(ui->ren);
    SDL_Rect dst = {(ui->panel_w - ui->w) / 2, (ui->panel_h - ui->h) / 2, ui->w, ui->h};
    SDL_RenderCopyEx(ui->ren, ui->picture, NULL, &dst, ui->rotation_deg, NULL, SDL_FLIP_NONE);
    SDL_RenderPresent(ui->ren);
    ui->dirty = false;
    return 0;
}
