/*
 * widgets — declaring and laying out the widgets of one build, and what a
 * tap on each does; see ui.h. Drawing is in draw.c, the dialog and the
 * header in frame.c.
 */
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui.h"

/* The next free slot, or NULL when the build is full (counted, so tests
 * catch a screen that declares too much). */
static struct ui_widget *add(struct ui *ui, enum ui_kind kind, const char *id)
{
    if (ui->count >= UI_WIDGETS_MAX) {
        ui->overflow++;
        return NULL;
    }
    struct ui_widget *w = &ui->widgets[ui->count++];
    memset(w, 0, sizeof(*w));
    w->kind = kind;
    snprintf(w->id, sizeof(w->id), "%s", id ? id : "");
    return w;
}

/* The column widgets flow in: the content's, or the open dialog's. */
static struct ui_rect column(const struct ui *ui)
{
    return ui->building_dialog ? ui->dialog_col : ui->col;
}

/* Takes h pixels of the flow (or a cell of the current row). */
static struct ui_rect place(struct ui *ui, int h)
{
    struct ui_rect col = column(ui);
    int gap = ui->theme.gap_px;
    struct ui_rect r;
    if (ui->row_cols > 1) {
        int cw = (col.w - gap * (ui->row_cols - 1)) / ui->row_cols;
        r = (struct ui_rect){col.x + ui->row_col * (cw + gap), ui->cursor_y, cw, h};
        if (h > ui->row_h)
            ui->row_h = h;
        if (++ui->row_col == ui->row_cols) {
            ui->cursor_y += ui->row_h + gap;
            ui->row_cols = 0;
        }
    } else {
        r = (struct ui_rect){col.x, ui->cursor_y, col.w, h};
        ui->cursor_y += h + gap;
    }
    if (!ui->building_dialog)
        r.y -= ui->scroll_px;
    return r;
}

/* The width the next widget will get: a cell of the row, or the column. */
static int cell_width(const struct ui *ui)
{
    struct ui_rect col = column(ui);
    if (ui->row_cols > 1)
        return (col.w - ui->theme.gap_px * (ui->row_cols - 1)) / ui->row_cols;
    return col.w;
}

static unsigned area_flags(const struct ui *ui)
{
    return ui->building_dialog ? UI_MODAL : UI_CONTENT;
}

static bool tapped(struct ui *ui, const char *id)
{
    return ui->tapped[0] && strcmp(ui->tapped, id) == 0;
}

void ui_row(struct ui *ui, int n)
{
    ui->row_cols = n;
    ui->row_col = 0;
    ui->row_h = 0;
}

void ui_space(struct ui *ui, int px)
{
    ui->cursor_y += px;
}

static int text_height(struct ui *ui, const char *text, enum ui_font_role font, int wrap,
                       bool centered)
{
    SDL_Texture *tex;
    int w, h;
    if (ui_textcache_get(&ui->texts, text, ui->theme.font_px[font], ui->theme.bold[font], wrap,
                         centered, &tex, &w, &h) < 0)
        return ui->theme.font_px[font] * 3 / 2;
    return h;
}

void ui_text(struct ui *ui, const char *text, enum ui_font_role font, unsigned flags)
{
    int h = text_height(ui, text, font,
                        cell_width(ui) - ((flags & UI_ERROR) ? ui->theme.line_px * 4 : 0),
                        (flags & UI_CENTER) != 0);
    struct ui_rect r = place(ui, h);
    struct ui_widget *w = add(ui, UI_W_TEXT, NULL);
    if (!w)
        return;
    w->rect = r;
    w->font = font;
    w->flags = flags | area_flags(ui);
    snprintf(w->text, sizeof(w->text), "%s", text);
}

void ui_textf(struct ui *ui, enum ui_font_role font, unsigned flags, const char *fmt, ...)
{
    char buf[UI_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    ui_text(ui, buf, font, flags);
}

static bool button(struct ui *ui, const char *id, const char *label, unsigned flags, int min_h)
{
    int wrap = cell_width(ui) - 2 * ui->theme.gap_px;
    int h = text_height(ui, label, UI_FONT_BODY, wrap, true) + ui->theme.gap_px;
    if (h < min_h)
        h = min_h;
    struct ui_rect r = place(ui, h);
    struct ui_widget *w = add(ui, UI_W_BUTTON, id);
    if (w) {
        w->rect = r;
        w->font = UI_FONT_BODY;
        w->flags = flags | area_flags(ui);
        snprintf(w->text, sizeof(w->text), "%s", label);
    }
    return tapped(ui, id);
}

bool ui_button(struct ui *ui, const char *id, const char *label, unsigned flags)
{
    return button(ui, id, label, flags, ui->theme.target_px);
}

bool ui_tile(struct ui *ui, const char *id, const char *label, unsigned flags)
{
    return button(ui, id, label, flags, ui->theme.target_px * 3 / 2);
}

static bool choice(struct ui *ui, enum ui_kind kind, const char *id, const char *label, bool on)
{
    int wrap = cell_width(ui) - ui->theme.target_px - ui->theme.gap_px;
    int h = text_height(ui, label, UI_FONT_BODY, wrap, false);
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    struct ui_rect r = place(ui, h);
    struct ui_widget *w = add(ui, kind, id);
    if (w) {
        w->rect = r;
        w->font = UI_FONT_BODY;
        w->flags = (on ? UI_CHECKED : 0) | area_flags(ui);
        snprintf(w->text, sizeof(w->text), "%s", label);
    }
    return tapped(ui, id);
}

bool ui_check(struct ui *ui, const char *id, const char *label, bool *value)
{
    bool hit = tapped(ui, id);
    if (hit)
        *value = !*value;
    choice(ui, UI_W_CHECK, id, label, *value);
    return hit;
}

bool ui_radio(struct ui *ui, const char *id, const char *label, int *group, int mine)
{
    bool hit = tapped(ui, id);
    if (hit)
        *group = mine;
    choice(ui, UI_W_RADIO, id, label, *group == mine);
    return hit;
}

void ui_field(struct ui *ui, const char *id, const char *label, char *buf, size_t cap, bool phone,
              const char *error)
{
    if (tapped(ui, id) && strcmp(ui->focus, id) != 0) {
        snprintf(ui->focus, sizeof(ui->focus), "%s", id);
        ui_kb_init(&ui->kb, phone);
        ui->scroll_to_focus = true;
        ui->caret = strlen(buf); /* typing goes on at the end */
    }
    ui_text(ui, label, UI_FONT_BODY, 0);
    ui->cursor_y -= ui->theme.gap_px * 2 / 3; /* the label belongs to its box */
    struct ui_rect r = place(ui, ui->theme.target_px);
    struct ui_widget *w = add(ui, UI_W_FIELD, id);
    if (w) {
        w->rect = r;
        w->font = UI_FONT_BODY;
        w->flags = area_flags(ui) | (strcmp(ui->focus, id) == 0 ? UI_FOCUSED : 0) |
                   (error && error[0] ? UI_ERROR : 0);
        snprintf(w->text, sizeof(w->text), "%s", buf);
        w->buf = buf;
        w->cap = cap;
        w->phone = phone;
    }
    if (error && error[0])
        ui_text(ui, error, UI_FONT_BODY, UI_ERROR);
}

/* Code points of a UTF-8 string, counted the way the limits of the
 * records are (a stray byte counts as one, so the counter never stalls). */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0u) != 0x80u;
    return n;
}

void ui_textarea(struct ui *ui, const char *id, const char *label, char *buf, size_t cap,
                 int max_chars, const char *error)
{
    if (tapped(ui, id) && strcmp(ui->focus, id) != 0) {
        snprintf(ui->focus, sizeof(ui->focus), "%s", id);
        ui_kb_init(&ui->kb, false);
        ui->scroll_to_focus = true;
        ui->caret = strlen(buf);
        ui->wrap_first = INT_MAX; /* the end in view, where the caret is */
    }
    ui_text(ui, label, UI_FONT_BODY, 0);
    ui->cursor_y -= ui->theme.gap_px * 2 / 3;
    /* Enough lines to read back a sentence; three on a low screen, so the
     * whole box stays in view above the keyboard. */
    int lines = ui->h < 600 ? 3 : 5;
    int px = ui->theme.font_px[UI_FONT_BODY], line_h = px * 4 / 3;
    TTF_Font *font;
    if (ui_fonts_get(&ui->fonts, px, ui->theme.bold[UI_FONT_BODY], &font) == 0)
        line_h = TTF_FontLineSkip(font);
    /* Whole lines and the insets above and below them (edit.c). */
    struct ui_rect r = place(ui, lines * line_h + ui->theme.gap_px);
    struct ui_widget *w = add(ui, UI_W_FIELD, id);
    if (w) {
        w->rect = r;
        w->font = UI_FONT_BODY;
        w->flags = area_flags(ui) | UI_WRAP | (strcmp(ui->focus, id) == 0 ? UI_FOCUSED : 0) |
                   (error && error[0] ? UI_ERROR : 0);
        /* A widget holds less than a long complaint: keep the end, where the
         * visitor is typing, cut at the start of a character. */
        const char *tail = buf;
        size_t len = strlen(buf);
        if (len >= sizeof(w->text)) {
            tail = buf + len - (sizeof(w->text) - 1);
            while (((unsigned char)*tail & 0xC0u) == 0x80u)
                tail++;
        }
        snprintf(w->text, sizeof(w->text), "%s", tail);
        w->buf = buf;
        w->cap = cap;
        w->phone = false;
    }
    int chars = utf8_chars(buf);
    ui_textf(ui, UI_FONT_SMALL, chars > max_chars ? UI_ERROR : UI_MUTED, "%d/%d", chars, max_chars);
    if (error && error[0])
        ui_text(ui, error, UI_FONT_BODY, UI_ERROR);
}

void ui_qr(struct ui *ui, const char *id, const char *text, int size_px)
{
    struct ui_rect r = place(ui, size_px);
    struct ui_widget *w = add(ui, UI_W_QR, id);
    if (!w)
        return;
    w->rect = (struct ui_rect){r.x + (r.w - size_px) / 2, r.y, size_px, size_px};
    w->flags = area_flags(ui);
    snprintf(w->text, sizeof(w->text), "%s", text);
}

bool ui_image(struct ui *ui, const char *id, uint64_t key, const struct ui_pixels *px, int box_h_px)
{
    /* Uploaded now, while the pixels are sure to be there. */
    if (ui->ren)
        ui_images_put(&ui->images, ui->ren, key, px);
    struct ui_rect r = place(ui, box_h_px);
    struct ui_widget *w = add(ui, UI_W_IMAGE, id);
    if (w) {
        w->rect = r;
        w->flags = area_flags(ui);
        w->image_key = key;
    }
    return tapped(ui, id);
}

void ui_progress(struct ui *ui, const char *id, int permille)
{
    struct ui_rect r = place(ui, ui->theme.gap_px * 2);
    struct ui_widget *w = add(ui, UI_W_PROGRESS, id);
    if (!w)
        return;
    w->rect = r;
    w->flags = area_flags(ui);
    w->value = permille < 0 ? 0 : permille > 1000 ? 1000 : permille;
}

/* --- keys and dialogs, declared by frame.c ------------------------------- */

void ui_add_key(struct ui *ui, const struct ui_kb_key *key, struct ui_rect r, unsigned flags)
{
    struct ui_widget *w = add(ui, UI_W_KEY, key->id);
    if (!w)
        return;
    w->rect = r;
    w->font = UI_FONT_BODY;
    w->flags = flags;
    snprintf(w->text, sizeof(w->text), "%s", key->label);
}

int ui_add_raw(struct ui *ui, enum ui_kind kind, const char *id, struct ui_rect r, const char *text,
               enum ui_font_role font, unsigned flags)
{
    struct ui_widget *w = add(ui, kind, id);
    if (!w)
        return -1;
    w->rect = r;
    w->font = font;
    w->flags = flags;
    snprintf(w->text, sizeof(w->text), "%s", text ? text : "");
    return ui->count - 1;
}

bool ui_was_tapped(struct ui *ui, const char *id)
{
    return tapped(ui, id);
}

void ui_review_line(struct ui *ui, const char *label, const char *value)
{
    ui_text(ui, label, UI_FONT_SMALL, UI_MUTED);
    ui->cursor_y -= ui->theme.gap_px * 2 / 3;
    ui_text(ui, value[0] ? value : "-", UI_FONT_BODY, 0);
}
