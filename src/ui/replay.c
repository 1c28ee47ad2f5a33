/*
 * replay — runs replay scripts against the UI; see replay.h.
 */
#include "ui/replay.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ui/app.h"
#include "ui/script.h"

#define SCRIPT_MAX_BYTES ((size_t)16 * 1024 * 1024) /* a monkey test is long */

static int64_t mono(void *ctx)
{
    return ((struct ui_replay_clock *)ctx)->mono_ms;
}

static int64_t wall(void *ctx)
{
    return ((struct ui_replay_clock *)ctx)->wall_ms;
}

struct ui_clock ui_replay_clock(struct ui_replay_clock *c)
{
    return (struct ui_clock){mono, wall, c};
}

struct run {
    struct ui *ui;
    struct ui_replay_clock *clock;
    const char *shots;
    char why[600];
};

static int fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->why, sizeof(r->why), fmt, ap);
    va_end(ap);
    return -1;
}

/* Time passes: every timer due on the way fires at its own moment. */
static void advance(struct run *r, int64_t ms)
{
    while (ms > 0) {
        int64_t next = ui_next_timer_ms(r->ui);
        int64_t step = next < 0 || next > ms ? ms : next;
        r->clock->mono_ms += step;
        r->clock->wall_ms += step;
        ms -= step;
        if (next >= 0 && step == next)
            ui_tick(r->ui);
        if (next == 0 && step == 0)
            ui_tick(r->ui);
    }
    ui_tick(r->ui);
}

static int tap_id(struct run *r, const char *id, const struct ui_script_cmd *at)
{
    struct ui *ui = r->ui;
    const struct ui_widget *w = ui_find(ui, id);
    if (!w)
        return fail(r, "no widget '%s' on screen '%s'", id, ui->screen->id);
    /* Scroll it into view first, as a visitor would. */
    if (w->flags & UI_CONTENT) {
        int top = ui->content.y, bottom = ui->content.y + ui->content.h;
        if (w->rect.y < top || w->rect.y + w->rect.h > bottom) {
            int dy = w->rect.y < top ? w->rect.y - top : w->rect.y + w->rect.h - bottom;
            ui_scroll(ui, dy);
            w = ui_find(ui, id);
            if (!w)
                return fail(r, "widget '%s' went away while scrolling", id);
        }
    }
    struct ui_point p = {w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2};
    if (at && at->offset) {
        if (at->x >= w->rect.w || at->y >= w->rect.h)
            return fail(r, "%d %d is outside widget '%s' (%dx%d)", at->x, at->y, id, w->rect.w,
                        w->rect.h);
        p = (struct ui_point){w->rect.x + at->x, w->rect.y + at->y};
    }
    const struct ui_widget *top = ui_hit(ui, p);
    if (!top || strcmp(top->id, id) != 0)
        return fail(r, "widget '%s' cannot be tapped: %s%s is in front of it", id,
                    top ? "" : "nothing that reacts", top ? top->id : "");
    ui_tap(ui, p);
    return 0;
}

static int type_text(struct run *r, const char *text)
{
    struct ui *ui = r->ui;
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        if (!ui->focus[0])
            return fail(r, "no field is being edited: tap a field before typing");
        size_t len = 1;
        unsigned char c = (unsigned char)text[i];
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (i + len > n)
            len = n - i;
        const char *path[UI_KB_PATH_MAX];
        int taps = ui_kb_path(ui->kb.layer, text + i, len, path);
        if (taps < 0)
            return fail(r, "'%.*s' cannot be typed on the on-screen keyboard", (int)len, text + i);
        for (int k = 0; k < taps; k++)
            if (tap_id(r, path[k], NULL) < 0)
                return -1;
        i += len;
    }
    return 0;
}

static bool shows(const struct ui *ui, const char *text)
{
    for (int i = 0; i < ui->count; i++)
        if (strstr(ui->widgets[i].text, text))
            return true;
    return false;
}

static int screenshot(struct run *r, const char *name)
{
    if (!r->shots)
        return 0;
    char path[4096];
    size_t len = strlen(name);
    bool has_ext = len > 4 && strcmp(name + len - 4, ".png") == 0;
    if (snprintf(path, sizeof(path), "%s/%s%s", r->shots, name, has_ext ? "" : ".png") >=
        (int)sizeof(path))
        return fail(r, "the screenshot path is too long");
    if (ui_draw(r->ui) < 0 || ui_app_screenshot(r->ui, path) < 0)
        return fail(r, "could not write %s: %s", path, SDL_GetError());
    return 0;
}

/* Builds again every few milliseconds of real time until the screen (or
 * the text) is there: for what a worker thread answers. */
static int await(struct run *r, const struct ui_script_cmd *cmd)
{
    struct ui *ui = r->ui;
    const struct timespec step = {0, 5L * 1000 * 1000};
    for (int waited = 0;; waited += 5) {
        (void)ui_app_take_wake();
        ui_refresh(ui);
        bool there = cmd->op == UI_SCRIPT_AWAIT_SCREEN ? strcmp(ui->screen->id, cmd->arg) == 0
                                                       : shows(ui, cmd->arg);
        if (there)
            return 0;
        if (waited >= UI_SCRIPT_AWAIT_MS)
            break;
        nanosleep(&step, NULL);
    }
    if (cmd->op == UI_SCRIPT_AWAIT_SCREEN)
        return fail(r, "after %d s the screen is still '%s', not '%s'", UI_SCRIPT_AWAIT_MS / 1000,
                    ui->screen->id, cmd->arg);
    return fail(r, "after %d s screen '%s' does not show this text", UI_SCRIPT_AWAIT_MS / 1000,
                ui->screen->id);
}

static int execute(struct run *r, const struct ui_script_cmd *cmd)
{
    struct ui *ui = r->ui;
    switch (cmd->op) {
    case UI_SCRIPT_NONE:
        return 0;
    case UI_SCRIPT_TAP_ID:
        return tap_id(r, cmd->arg, cmd);
    case UI_SCRIPT_TAP_XY:
        if (cmd->x >= ui->w || cmd->y >= ui->h)
            return fail(r, "%d %d is outside the %dx%d screen", cmd->x, cmd->y, ui->w, ui->h);
        ui_tap(ui, (struct ui_point){cmd->x, cmd->y});
        return 0;
    case UI_SCRIPT_HOLD:
        if (cmd->x >= ui->w || cmd->y >= ui->h)
            return fail(r, "%d %d is outside the %dx%d screen", cmd->x, cmd->y, ui->w, ui->h);
        advance(r, cmd->amount); /* the finger rests while the clock runs */
        ui_press(ui, (struct ui_point){cmd->x, cmd->y}, cmd->amount);
        return 0;
    case UI_SCRIPT_TYPE:
        return type_text(r, cmd->arg);
    case UI_SCRIPT_WAIT:
        advance(r, cmd->amount);
        return 0;
    case UI_SCRIPT_CLOCK:
        advance(r, cmd->amount * 1000);
        return 0;
    case UI_SCRIPT_EXPECT_SCREEN:
        if (strcmp(ui->screen->id, cmd->arg) != 0)
            return fail(r, "the screen is '%s', not '%s'", ui->screen->id, cmd->arg);
        return 0;
    case UI_SCRIPT_EXPECT_TEXT:
        if (!shows(ui, cmd->arg))
            return fail(r, "screen '%s' does not show this text", ui->screen->id);
        return 0;
    case UI_SCRIPT_EXPECT_NO_TEXT:
        if (shows(ui, cmd->arg))
            return fail(r, "screen '%s' still shows this text", ui->screen->id);
        return 0;
    case UI_SCRIPT_SCREENSHOT:
        return screenshot(r, cmd->arg);
    case UI_SCRIPT_AWAIT_SCREEN:
    case UI_SCRIPT_AWAIT_TEXT:
        return await(r, cmd);
    case UI_SCRIPT_SCROLL:
        ui_scroll(ui, (int)cmd->amount);
        return 0;
    }
    return 0;
}

/* The whole script, sized by the file, so a short journey costs little
 * and a long monkey run still fits. */
static char *read_script(const char *path, size_t *len)
{
    char *buf = NULL;
    struct stat sb;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > SCRIPT_MAX_BYTES)
        goto out;
    buf = malloc((size_t)sb.st_size + 1);
    if (!buf)
        goto out;
    *len = fread(buf, 1, (size_t)sb.st_size, f);
    if (ferror(f)) {
        free(buf);
        buf = NULL;
        goto out;
    }
    buf[*len] = '\0';
out:
    fclose(f);
    return buf;
}

int ui_replay_run(struct ui *ui, struct ui_replay_clock *c, const char *path, const char *shots_dir,
                  FILE *report)
{
    size_t len = 0;
    int status = 0;
    char *text = read_script(path, &len);
    if (!text) {
        fprintf(report,
                "serambi: cannot read the replay script %s (missing, unreadable or "
                "over 16 MiB)\n",
                path);
        return 2;
    }
    struct run r = {.ui = ui, .clock = c, .shots = shots_dir};
    static struct ui_script_cmd cmd;
    int line_no = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - line) : len - pos;
        pos += line_len + 1;
        line_no++;
        char err[256];
        if (ui_script_parse_line(line, line_len, &cmd, err, sizeof(err)) < 0) {
            fprintf(report, "%s:%d: %s\n", path, line_no, err);
            status = 2;
            break;
        }
        if (execute(&r, &cmd) < 0) {
            fprintf(report, "%s:%d: %.*s: %s\n", path, line_no,
                    (int)(line_len > 200 ? 200 : line_len), line, r.why);
            status = 1;
            break;
        }
        if (ui->overflow) {
            fprintf(report, "%s:%d: screen '%s' declares more than %d widgets\n", path, line_no,
                    ui->screen->id, UI_WIDGETS_MAX);
            status = 1;
            break;
        }
        if (ui->dirty && ui_draw(ui) < 0) {
            fprintf(report, "%s:%d: drawing failed: %s\n", path, line_no, SDL_GetError());
            status = 1;
            break;
        }
    }
    free(text);
    return status;
}
