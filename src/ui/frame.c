/*
 * frame — one build of the whole picture: header bar, the screen's
 * content in its scrolling column, the keyboard under the field being
 * edited, and the dialog on top; then what taps, drags and timers do to
 * it. The idle timeout lives here, because it applies to every screen
 * that holds a visitor's data.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "scan/worker.h"
#include "ui/i18n.h"
#include "ui/screens.h"
#include "ui/ui.h"

#define IDLE_DIALOG_ID "idle"

void ui_go(struct ui *ui, const struct ui_screen *screen)
{
    ui->next_screen = screen;
}

void ui_restyle(struct ui *ui)
{
    ui_theme_make(ui->w, ui->h, ui->px_per_mm, ui->session->large_text, ui->session->high_contrast,
                  &ui->theme);
}

void ui_finish_visit(struct ui *ui)
{
    ui_session_wipe(ui->session, ui->svc.cfg->language);
    /* Typed words also live in the text textures and the last build. */
    ui_textcache_clear(&ui->texts);
    /* So do a scanned letter's pages and their previews. */
    if (ui->svc.letter)
        scan_worker_discard(ui->svc.letter);
    ui_images_clear(&ui->images);
    memset(ui->widgets, 0, sizeof(ui->widgets));
    ui->count = 0;
    ui->focus[0] = '\0';
    ui->caret = 0;
    ui->wrap_first = 0;
    memset(&ui->wrap, 0, sizeof(ui->wrap)); /* where its lines broke */
    ui->idle_deadline_ms = 0;
    /* A PIN half typed goes too; the lockout after wrong PINs stays. */
    sodium_memzero(ui->staff.pin, sizeof(ui->staff.pin));
    sodium_memzero(ui->staff.masked, sizeof(ui->staff.masked));
    ui->staff.checking = false; /* an answer nobody waits for is dropped */
    ui->staff.message[0] = '\0';
    ui_i18n_set(ui->session->lang);
    ui_restyle(ui);
    ui->next_screen = ui->home;
}

void ui_dialog_begin(struct ui *ui)
{
    int margin = ui->theme.margin_px;
    int width = ui->w - 4 * margin;
    if (width > ui->theme.font_px[UI_FONT_BODY] * 28)
        width = ui->theme.font_px[UI_FONT_BODY] * 28;
    ui->dialog_first = ui->count;
    ui_add_raw(ui, UI_W_SCRIM, NULL, (struct ui_rect){0, 0, ui->w, ui->h}, NULL, UI_FONT_BODY,
               UI_MODAL);
    ui_add_raw(ui, UI_W_PANEL, NULL, (struct ui_rect){0, 0, 0, 0}, NULL, UI_FONT_BODY, UI_MODAL);
    ui->saved_cursor_y = ui->cursor_y;
    ui->building_dialog = true;
    ui->dialog_col = (struct ui_rect){(ui->w - width) / 2 + margin, 0, width - 2 * margin, 0};
    ui->cursor_y = margin;
}

void ui_dialog_end(struct ui *ui)
{
    int margin = ui->theme.margin_px;
    int height = ui->cursor_y - ui->theme.gap_px + margin;
    int top = (ui->h - height) / 2;
    if (top < 0)
        top = 0;
    if (ui->dialog_first + 1 < ui->count) {
        struct ui_widget *panel = &ui->widgets[ui->dialog_first + 1];
        panel->rect =
            (struct ui_rect){ui->dialog_col.x - margin, top, ui->dialog_col.w + 2 * margin, height};
    }
    for (int i = ui->dialog_first + 2; i < ui->count; i++)
        ui->widgets[i].rect.y += top;
    ui->building_dialog = false;
    ui->cursor_y = ui->saved_cursor_y;
}

/* A header button as wide as its word needs, and at least a fifth of
 * the screen so that it reads as a button. */
static int header_button_w(struct ui *ui, const char *label)
{
    SDL_Texture *tex;
    int w = 0, h;
    if (ui_textcache_get(&ui->texts, label, ui->theme.font_px[UI_FONT_BODY], false, 0, true, &tex,
                         &w, &h) < 0)
        w = ui->w / 4;
    w += 2 * ui->theme.gap_px;
    return w < ui->w / 5 ? ui->w / 5 : w;
}

static void header(struct ui *ui, int height)
{
    const struct ui_theme *t = &ui->theme;
    ui_add_raw(ui, UI_W_PANEL, NULL, (struct ui_rect){0, 0, ui->w, height}, NULL, UI_FONT_BODY,
               UI_SELECTED);
    int pad = (height - t->target_px) / 2; /* header buttons are full targets */
    int x = pad, right = ui->w - pad;
    if (ui->screen != ui->home) {
        int w = header_button_w(ui, _("Beranda"));
        ui_add_raw(ui, UI_W_BUTTON, "home", (struct ui_rect){x, pad, w, height - 2 * pad},
                   _("Beranda"), UI_FONT_BODY, UI_SELECTED);
        x += w + pad;
    }
    /* The other language, named in itself, so anyone finds their own. */
    const char *other = strcmp(ui->session->lang, "en") == 0 ? "Bahasa Indonesia" : "English";
    int w = header_button_w(ui, other);
    ui_add_raw(ui, UI_W_BUTTON, "lang", (struct ui_rect){right - w, pad, w, height - 2 * pad},
               other, UI_FONT_BODY, UI_SELECTED);
    right -= w + pad;
    if (ui->screen != ui->home) /* Home names the office in large type */
        ui_add_raw(ui, UI_W_TEXT, NULL, (struct ui_rect){x, 0, right - x, height},
                   ui->svc.cfg->office_name, UI_FONT_SMALL, UI_SELECTED | UI_CENTER);
}

/* Gaps between keys: enough to tell keys apart, never taken from the
 * keys themselves, so large text does not shrink them below a target. */
static int key_gap(const struct ui *ui)
{
    int gap = ui->theme.gap_px / 2;
    int one_mm = ui_geom_mm_to_px(1.0, ui->px_per_mm);
    return gap < one_mm ? gap : one_mm;
}

static void keyboard(struct ui *ui, struct ui_rect area)
{
    const struct ui_kb_key *keys;
    size_t n = ui_kb_keys(ui->kb.layer, &keys);
    struct ui_rect rects[UI_KB_MAX_KEYS];
    ui_add_raw(ui, UI_W_PANEL, NULL, area, NULL, UI_FONT_BODY, 0);
    int pad = key_gap(ui);
    struct ui_rect inner = {area.x + pad, area.y + pad, area.w - 2 * pad, area.h - 2 * pad};
    /* A phone pad is as wide as it needs, not the whole screen. */
    if (ui->kb.layer == UI_KB_PHONE && inner.w > inner.h) {
        inner.x += (inner.w - inner.h) / 2;
        inner.w = inner.h;
    }
    ui_kb_layout(ui->kb.layer, inner, pad, rects);
    for (size_t i = 0; i < n; i++) {
        unsigned flags = 0;
        if (keys[i].action == UI_KB_DONE)
            flags |= UI_PRIMARY;
        else if (keys[i].action == UI_KB_SHIFT && ui->kb.layer == UI_KB_UPPER)
            flags |= UI_CHECKED;
        else if (keys[i].action != UI_KB_INSERT)
            flags |= UI_MUTED;
        struct ui_kb_key shown = keys[i];
        if (keys[i].action != UI_KB_INSERT)
            shown.label = gettext(keys[i].label);
        ui_add_key(ui, &shown, rects[i], flags);
    }
}

static void idle_dialog(struct ui *ui)
{
    int64_t left_ms = ui->idle_deadline_ms - ui->clock.mono_ms(ui->clock.ctx);
    int seconds = (int)((left_ms + 999) / 1000);
    int total = ui->svc.cfg->display.idle_countdown_s;
    if (seconds < 0)
        seconds = 0;
    ui_dialog_begin(ui);
    ui_text(ui, _("Apakah Bapak/Ibu masih di sini?"), UI_FONT_TITLE, UI_CENTER);
    ui_textf(ui, UI_FONT_BODY, UI_CENTER,
             _("Demi menjaga data pribadi Anda, isian akan dihapus dalam %d detik."), seconds);
    ui_progress(ui, "idle.countdown", total > 0 ? seconds * 1000 / total : 0);
    ui_row(ui, 2);
    if (ui_button(ui, "idle.leave", _("Selesai"), 0))
        ui_finish_visit(ui);
    if (ui_button(ui, "idle.stay", _("Ya, saya masih di sini"), UI_PRIMARY))
        ui->idle_deadline_ms = 0;
    ui_dialog_end(ui);
}

static void build_once(struct ui *ui)
{
    const struct ui_theme *t = &ui->theme;
    ui->count = 0;
    ui->overflow = 0;
    ui->row_cols = 0;
    ui->building_dialog = false;
    ui->redraw_at_ms = 0; /* the screen asks again if it still counts down */
    int header_h = t->target_px + t->gap_px;
    header(ui, header_h);

    int kb_h = 0;
    if (ui->focus[0]) {
        /* Every key at least a touch target high, gaps included. */
        int rows = ui->kb.layer == UI_KB_PHONE ? 5 : 4;
        kb_h = rows * t->target_px + (rows + 1) * key_gap(ui);
        if (kb_h > ui->h - header_h - 2 * t->target_px)
            kb_h = ui->h - header_h - 2 * t->target_px;
    }
    ui->content = (struct ui_rect){0, header_h, ui->w, ui->h - header_h - kb_h};
    int width = ui->w - 2 * t->margin_px;
    if (width > t->font_px[UI_FONT_BODY] * 32)
        width = t->font_px[UI_FONT_BODY] * 32;
    ui->col = (struct ui_rect){(ui->w - width) / 2, 0, width, 0};
    ui->cursor_y = ui->content.y + t->margin_px;
    ui->screen->build(ui);
    ui->row_cols = 0;
    ui->content_h = ui->cursor_y - ui->content.y + t->margin_px;

    if (ui->focus[0]) {
        const struct ui_widget *field = ui_find(ui, ui->focus);
        if (field && field->kind == UI_W_FIELD)
            keyboard(ui, (struct ui_rect){0, ui->h - kb_h, ui->w, kb_h});
        else
            ui->focus[0] = '\0';
    }
    if (ui->idle_deadline_ms)
        idle_dialog(ui);
}

static void clamp_scroll(struct ui *ui)
{
    int max = ui->content_h - ui->content.h;
    if (ui->scroll_px > max)
        ui->scroll_px = max;
    if (ui->scroll_px < 0)
        ui->scroll_px = 0;
}

void ui_build(struct ui *ui)
{
    char focus_before[UI_ID_MAX];
    snprintf(focus_before, sizeof(focus_before), "%s", ui->focus);
    build_once(ui);
    /* A tap acts in the first build only; later ones only lay out. */
    ui->tapped[0] = '\0';
    /* The keyboard came or went: the content area changed size. */
    if (strcmp(focus_before, ui->focus) != 0)
        build_once(ui);
    int before = ui->scroll_px;
    clamp_scroll(ui);
    if (ui->scroll_to_focus && ui->focus[0]) {
        /* Keep the field being edited, with its label, above the keyboard. */
        const struct ui_widget *f = ui_find(ui, ui->focus);
        if (f) {
            int label = ui->theme.font_px[UI_FONT_BODY] * 2;
            if (f->rect.y - label < ui->content.y)
                ui->scroll_px -= ui->content.y - (f->rect.y - label);
            else if (f->rect.y + f->rect.h + label > ui->content.y + ui->content.h)
                ui->scroll_px += f->rect.y + f->rect.h + label - (ui->content.y + ui->content.h);
        }
        ui->scroll_to_focus = false;
        clamp_scroll(ui);
    }
    if (ui->scroll_px != before)
        build_once(ui);
    ui->dirty = true;
}

const struct ui_widget *ui_find(const struct ui *ui, const char *id)
{
    for (int i = 0; i < ui->count; i++)
        if (ui->widgets[i].id[0] && strcmp(ui->widgets[i].id, id) == 0)
            return &ui->widgets[i];
    return NULL;
}

/* The widget a tap at p is for: the top-most with an id, only the
 * dialog's while one is open, content only inside the content area. */
const struct ui_widget *ui_hit(const struct ui *ui, struct ui_point p)
{
    bool modal = false;
    for (int i = 0; i < ui->count; i++)
        modal |= (ui->widgets[i].flags & UI_MODAL) != 0;
    for (int i = ui->count - 1; i >= 0; i--) {
        const struct ui_widget *w = &ui->widgets[i];
        if (!w->id[0] || (modal && !(w->flags & UI_MODAL)))
            continue;
        if ((w->flags & UI_CONTENT) && !ui_rect_contains(ui->content, p))
            continue;
        if (ui_rect_contains(w->rect, p))
            return w;
    }
    return NULL;
}

static void switch_screen(struct ui *ui)
{
    while (ui->next_screen) {
        ui->screen = ui->next_screen;
        ui->next_screen = NULL;
        ui->scroll_px = 0;
        ui->focus[0] = '\0';
        ui_build(ui);
    }
}

void ui_tap(struct ui *ui, struct ui_point p)
{
    ui->last_input_ms = ui->clock.mono_ms(ui->clock.ctx);
    const struct ui_widget *w = ui_hit(ui, p);
    if (!w)
        return;
    if (w->kind == UI_W_KEY) {
        const struct ui_widget *field = ui_find(ui, ui->focus);
        if (field && field->buf) {
            int rc = ui_kb_press_at(&ui->kb, w->id, field->buf, field->cap, &ui->caret);
            if (rc == (int)UI_KB_DONE)
                ui->focus[0] = '\0';
        }
        ui_build(ui);
        return;
    }
    char id[UI_ID_MAX];
    snprintf(id, sizeof(id), "%s", w->id);
    if (strcmp(id, "lang") == 0) {
        snprintf(ui->session->lang, sizeof(ui->session->lang), "%s",
                 strcmp(ui->session->lang, "en") == 0 ? "id" : "en");
        ui_i18n_set(ui->session->lang);
    } else if (strcmp(id, "home") == 0) {
        ui_finish_visit(ui);
    }
    if (w->kind == UI_W_FIELD && strcmp(id, ui->focus) == 0)
        ui_field_tap(ui, w, p); /* the caret moves where the finger is */
    if (w->kind != UI_W_FIELD && strcmp(id, ui->focus) != 0)
        ui->focus[0] = '\0'; /* a tap elsewhere ends editing */
    snprintf(ui->tapped, sizeof(ui->tapped), "%s", id);
    ui_build(ui);
    ui->tapped[0] = '\0';
    if (ui->next_screen)
        switch_screen(ui);
    else
        ui_build(ui);
}

void ui_redraw_at(struct ui *ui, int64_t at_ms)
{
    if (!ui->redraw_at_ms || at_ms < ui->redraw_at_ms)
        ui->redraw_at_ms = at_ms;
}

void ui_press(struct ui *ui, struct ui_point p, int64_t held_ms)
{
    /* The corner is a touch target square; Home has nothing there. */
    int corner = ui->theme.target_px;
    if (held_ms < UI_STAFF_HOLD_MS || ui->screen != ui->home || ui->idle_deadline_ms ||
        p.x >= corner || p.y >= corner) {
        ui_tap(ui, p);
        return;
    }
    ui->last_input_ms = ui->clock.mono_ms(ui->clock.ctx);
    ui_staff_begin(ui);
    switch_screen(ui);
    ui->dirty = true;
}

void ui_refresh(struct ui *ui)
{
    ui_build(ui);
    switch_screen(ui);
    ui->dirty = true;
}

void ui_scroll(struct ui *ui, int dy)
{
    ui->last_input_ms = ui->clock.mono_ms(ui->clock.ctx);
    ui->scroll_px += dy;
    clamp_scroll(ui);
    ui_build(ui);
}

/* A visitor who only changed the language or a display mode leaves no
 * data, but the next visitor should not inherit the choice. */
static bool settings_changed(const struct ui *ui)
{
    const struct ui_session *s = ui->session;
    return strcmp(s->lang, ui->svc.cfg->language) != 0 || s->large_text || s->high_contrast;
}

void ui_tick(struct ui *ui)
{
    int64_t now = ui->clock.mono_ms(ui->clock.ctx);
    int64_t timeout = (int64_t)ui->svc.cfg->display.idle_timeout_s * 1000;
    if (ui->redraw_at_ms && now >= ui->redraw_at_ms) {
        ui_build(ui);
        switch_screen(ui);
    }
    if (ui->idle_deadline_ms) {
        if (now >= ui->idle_deadline_ms)
            ui_finish_visit(ui);
        ui_build(ui); /* the countdown's seconds */
        switch_screen(ui);
        return;
    }
    if (now - ui->last_input_ms < timeout)
        return;
    if (ui->screen->holds_visitor_data) {
        ui->idle_deadline_ms = now + (int64_t)ui->svc.cfg->display.idle_countdown_s * 1000;
        ui->focus[0] = '\0';
        ui_build(ui);
    } else if (ui->screen != ui->home || settings_changed(ui)) {
        /* Nothing personal on screen: back to Home without asking. */
        ui_finish_visit(ui);
        switch_screen(ui);
    }
}

static int64_t idle_timer_ms(struct ui *ui, int64_t now)
{
    if (ui->idle_deadline_ms) {
        int64_t left = ui->idle_deadline_ms - now;
        int64_t to_second = left % 1000;
        return left <= 0 ? 0 : to_second ? to_second : 1000;
    }
    if (ui->screen == ui->home && !settings_changed(ui))
        return -1;
    int64_t due = ui->last_input_ms + (int64_t)ui->svc.cfg->display.idle_timeout_s * 1000;
    return due > now ? due - now : 0;
}

int64_t ui_next_timer_ms(struct ui *ui)
{
    int64_t now = ui->clock.mono_ms(ui->clock.ctx);
    int64_t idle = idle_timer_ms(ui, now);
    if (!ui->redraw_at_ms)
        return idle;
    int64_t redraw = ui->redraw_at_ms > now ? ui->redraw_at_ms - now : 0;
    return idle < 0 || redraw < idle ? redraw : idle;
}
