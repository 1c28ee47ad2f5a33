/*
 * ui_fixture — what the suites that drive the UI in-process share: whether
 * a text is on screen, and a tap on a widget by its id, scrolled into view
 * first as a finger (or the replay) would.
 *
 * Header-only (static inline). Include after <cmocka.h> and ui/app.h.
 */
#ifndef SERAMBI_TESTS_UI_FIXTURE_H
#define SERAMBI_TESTS_UI_FIXTURE_H

#include <stdbool.h>
#include <string.h>

#include "ui/ui.h"

static inline bool shows(const struct ui *ui, const char *text)
{
    for (int i = 0; i < ui->count; i++)
        if (strstr(ui->widgets[i].text, text))
            return true;
    return false;
}

static inline void tap(struct ui *ui, const char *id)
{
    const struct ui_widget *w = ui_find(ui, id);
    if (!w)
        fail_msg("no widget '%s' on screen '%s'", id, ui->screen->id);
    int top = ui->content.y, bottom = ui->content.y + ui->content.h;
    if ((w->flags & UI_CONTENT) && (w->rect.y < top || w->rect.y + w->rect.h > bottom)) {
        ui_scroll(ui, w->rect.y < top ? w->rect.y - top : w->rect.y + w->rect.h - bottom);
        w = ui_find(ui, id);
        assert_non_null(w);
    }
    ui_tap(ui, (struct ui_point){w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2});
}

#endif
