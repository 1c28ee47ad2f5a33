/*
 * app — display, event loop and input; see app.h.
 */
#include "ui/app.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "kiosk/errlog.h"
#include "kiosk/office.h"
#include "ui/i18n.h"
#include "ui/pincheck.h"
#include "ui/screens.h"

static int64_t real_mono_ms(void *ctx)
{
    (void)ctx;
    return (int64_t)SDL_GetTicks64();
}

static int64_t real_wall_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int fail(char *err, size_t cap, int rc, const char *what)
{
    snprintf(err, cap, "%s: %s", what, SDL_GetError());
    return rc;
}

/* A missing or broken text is not fatal: the screen says to ask staff (or,
 * when read again, keeps the text it had), and the technician reads why
 * here. A text the office published through the hub comes before the
 * assets folder's. */
static int load_info(struct ui *ui, const char *lang, struct ui_doc *doc, bool again)
{
    char dir[PATH_MAX], path[PATH_MAX + 64];
    int rc = -ENAMETOOLONG;
    int n = -1;
    if (office_published_dir(ui->svc.cfg, dir, sizeof(dir)) == 0)
        n = snprintf(path, sizeof(path), "%s/office/service-info.%s.txt", dir, lang);
    if (n < 0 || n >= (int)sizeof(path) || access(path, F_OK) < 0)
        n = snprintf(path, sizeof(path), "%s/office/service-info.%s.txt", ui->svc.cfg->assets_dir,
                     lang);
    if (n >= 0 && n < (int)sizeof(path))
        rc = ui_doc_load(path, doc);
    if (rc < 0)
        errlog_add("ui", "warning: %s: %s; the service information screen %s", path, strerror(-rc),
                   again ? "keeps its previous text" : "is empty");
    return rc;
}

/* The generation of published documents the texts were read at. */
static unsigned info_generation;

/* After the hub sent documents, the texts are read again, but never while
 * a visitor reads them: the screen shows the new text when next opened. */
static void refresh_info(struct ui *ui)
{
    unsigned generation = office_published_generation();
    if (generation == info_generation || ui->screen == &ui_screen_info)
        return;
    info_generation = generation;
    struct ui_doc fresh = {0};
    if (load_info(ui, "id", &fresh, true) == 0) {
        ui_doc_fini(&ui->info_id);
        ui->info_id = fresh;
    }
    fresh = (struct ui_doc){0};
    if (load_info(ui, "en", &fresh, true) == 0) {
        ui_doc_fini(&ui->info_en);
        ui->info_en = fresh;
    }
}

/* One wake at a time in SDL's queue: set by ui_app_wake(), cleared when
 * the loop takes the event. */
static atomic_bool wake_pending;
static atomic_bool app_open;

int ui_app_open(struct ui *ui, const struct ui_clock *clock, char *err, size_t errcap)
{
    const struct config_display *d = &ui->svc.cfg->display;
    ui->clock = clock ? *clock : (struct ui_clock){real_mono_ms, real_wall_ms, NULL};
    ui->rotation_deg = d->rotation_deg;
    ui->home = &ui_screen_home;

    if (d->video_driver[0])
        SDL_SetHint(SDL_HINT_VIDEODRIVER, d->video_driver);
    else if (ui->replay && !SDL_getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen"); /* a replay needs no screen */
    /* One touch must not arrive twice, as a finger and as a mouse. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    bool offscreen = strcmp(d->video_driver, "offscreen") == 0 ||
                     (SDL_getenv("SDL_VIDEODRIVER") &&
                      strcmp(SDL_getenv("SDL_VIDEODRIVER"), "offscreen") == 0) ||
                     (ui->replay && !d->video_driver[0]);
    if (offscreen) {
        /* Without these SDL 2.26 runs the software renderer through
         * llvmpipe: five times slower frames and 90 MB more memory. */
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        snprintf(err, errcap,
                 "no display could be opened (%s). On a desktop, start the kiosk from a "
                 "graphical session (DISPLAY or WAYLAND_DISPLAY set); on the kiosk, check "
                 "video_driver = kmsdrm and that the user may open /dev/dri; without any "
                 "screen, set video_driver = offscreen",
                 SDL_GetError());
        return -ENODEV;
    }
    /* With no screen at all SDL falls back to drivers that draw nowhere;
     * a kiosk nobody can see is an error unless that was asked for. */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!offscreen && driver &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        snprintf(err, errcap,
                 "no display could be opened (SDL found only its '%s' driver). On a desktop, "
                 "start the kiosk from a graphical session (DISPLAY or WAYLAND_DISPLAY set); on "
                 "the kiosk, check video_driver = kmsdrm and that the user may open /dev/dri; "
                 "to run without any screen, set video_driver = offscreen",
                 driver);
        return -ENODEV;
    }
    if (TTF_Init() < 0)
        return fail(err, errcap, -EIO, "the font engine did not start");
    IMG_Init(IMG_INIT_PNG);

    int w = d->width_px, h = d->height_px;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (d->fullscreen && !offscreen)
        flags |= (w && h) ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (!w || !h) {
        w = 800; /* the Raspberry Pi touch display, for a window */
        h = 480;
    }
    ui->win =
        SDL_CreateWindow("Serambi", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!ui->win) {
        snprintf(err, errcap,
                 "no window could be opened (%s). On a desktop, start the kiosk from a "
                 "graphical session; without any screen, set video_driver = offscreen",
                 SDL_GetError());
        return -ENODEV;
    }
    SDL_GetWindowSize(ui->win, &ui->panel_w, &ui->panel_h);
    ui->ren = SDL_CreateRenderer(ui->win, -1, 0);
    if (!ui->ren)
        return fail(err, errcap, -ENODEV, "no renderer for the display");
    ui_geom_picture_size(ui->panel_w, ui->panel_h, ui->rotation_deg, &ui->w, &ui->h);
    ui->picture = SDL_CreateTexture(ui->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                    ui->w, ui->h);
    if (!ui->picture)
        return fail(err, errcap, -ENODEV, "the renderer cannot draw off screen");
    int panel_mm = d->width_mm;
    int panel_px = ui->panel_w;
    ui->px_per_mm = ui_geom_px_per_mm(panel_px, panel_mm);

    int rc = ui_fonts_init(&ui->fonts, d->font_path, d->font_bold_path, err, errcap);
    if (rc < 0)
        return rc;
    ui_textcache_init(&ui->texts, ui->ren, &ui->fonts);
    if (ui_i18n_init(d->locale_dir) < 0)
        fprintf(stderr, "serambi: ui: warning: no C.UTF-8 locale; texts stay in Indonesian\n");
    ui_i18n_set(ui->session->lang);
    info_generation = office_published_generation();
    load_info(ui, "id", &ui->info_id, false);
    load_info(ui, "en", &ui->info_en, false);
    ui_restyle(ui);
    ui->screen = ui->home;
    ui->last_input_ms = ui->clock.mono_ms(ui->clock.ctx);
    ui_build(ui);
    atomic_store(&wake_pending, false);
    atomic_store(&app_open, true);
    return 0;
}

void ui_app_close(struct ui *ui)
{
    ui_pincheck_fini(); /* its thread wakes the loop */
    atomic_store(&app_open, false);
    ui_doc_fini(&ui->info_id);
    ui_doc_fini(&ui->info_en);
    if (ui->ren)
        ui_textcache_fini(&ui->texts);
    ui_fonts_fini(&ui->fonts);
    if (ui->picture)
        SDL_DestroyTexture(ui->picture);
    if (ui->ren)
        SDL_DestroyRenderer(ui->ren);
    if (ui->win)
        SDL_DestroyWindow(ui->win);
    ui->picture = NULL;
    ui->ren = NULL;
    ui->win = NULL;
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

int ui_app_screenshot(struct ui *ui, const char *path)
{
    int rc = -EIO;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ui->w, ui->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        goto out;
    if (SDL_SetRenderTarget(ui->ren, ui->picture) < 0 ||
        SDL_RenderReadPixels(ui->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) < 0)
        goto out;
    if (IMG_SavePNG(s, path) < 0)
        goto out;
    rc = 0;
out:
    SDL_SetRenderTarget(ui->ren, NULL);
    SDL_FreeSurface(s);
    return rc;
}

/* One pointer (finger or mouse) from down to up: a tap (or a long
 * press, see ui_press()) unless it moved far enough to be a drag of the
 * content. */
struct pointer {
    bool down, dragging;
    struct ui_point start, last;
    int64_t down_ms; /* on the UI's clock */
};

static struct ui_point from_panel(const struct ui *ui, int x, int y)
{
    return ui_geom_panel_to_picture((struct ui_point){x, y}, ui->panel_w, ui->panel_h,
                                    ui->rotation_deg);
}

static void pointer_down(struct ui *ui, struct pointer *p, struct ui_point at)
{
    *p = (struct pointer){
        .down = true, .start = at, .last = at, .down_ms = ui->clock.mono_ms(ui->clock.ctx)};
}

static void pointer_move(struct ui *ui, struct pointer *p, struct ui_point at)
{
    if (!p->down)
        return;
    int dy = at.y - p->last.y;
    int slop = ui->theme.gap_px;
    if (!p->dragging && (at.y - p->start.y > slop || p->start.y - at.y > slop) &&
        ui_rect_contains(ui->content, p->start))
        p->dragging = true;
    if (p->dragging && dy)
        ui_scroll(ui, -dy);
    p->last = at;
}

static void pointer_up(struct ui *ui, struct pointer *p)
{
    if (p->down && !p->dragging)
        ui_press(ui, p->start, ui->clock.mono_ms(ui->clock.ctx) - p->down_ms);
    p->down = false;
}

void ui_app_wake(void)
{
    if (!atomic_load(&app_open) || atomic_exchange(&wake_pending, true))
        return;
    SDL_Event ev = {.type = SDL_USEREVENT};
    if (SDL_PushEvent(&ev) < 1)
        atomic_store(&wake_pending, false);
}

bool ui_app_take_wake(void)
{
    if (!atomic_load(&app_open))
        return false;
    SDL_FlushEvent(SDL_USEREVENT);
    return atomic_exchange(&wake_pending, false);
}

int ui_app_run(struct ui *ui)
{
    struct pointer ptr = {0};
    SDL_FingerID finger = -1;
    for (;;) {
        refresh_info(ui);
        if (ui->dirty && ui_draw(ui) < 0)
            return -EIO;
        int64_t wait = ui_next_timer_ms(ui);
        SDL_Event ev;
        int got = wait < 0 ? SDL_WaitEvent(&ev)
                           : SDL_WaitEventTimeout(&ev, wait > 60000 ? 60000 : (int)wait + 1);
        while (got) {
            switch (ev.type) {
            case SDL_QUIT:
                return 0;
            case SDL_KEYDOWN:
                if (ev.key.keysym.sym == SDLK_ESCAPE && !ui->svc.cfg->display.fullscreen)
                    return 0;
                break;
            case SDL_FINGERDOWN:
                if (finger == -1) {
                    finger = ev.tfinger.fingerId;
                    pointer_down(ui, &ptr,
                                 from_panel(ui, (int)(ev.tfinger.x * (float)ui->panel_w),
                                            (int)(ev.tfinger.y * (float)ui->panel_h)));
                }
                break;
            case SDL_FINGERMOTION:
                if (ev.tfinger.fingerId == finger)
                    pointer_move(ui, &ptr,
                                 from_panel(ui, (int)(ev.tfinger.x * (float)ui->panel_w),
                                            (int)(ev.tfinger.y * (float)ui->panel_h)));
                break;
            case SDL_FINGERUP:
                if (ev.tfinger.fingerId == finger) {
                    pointer_up(ui, &ptr);
                    finger = -1;
                }
                break;
            /* Mouse events SDL made from a touch carry SDL_TOUCH_MOUSEID:
             * the finger events above already handled that touch. */
            case SDL_MOUSEBUTTONDOWN:
                if (ev.button.which != SDL_TOUCH_MOUSEID && ev.button.button == SDL_BUTTON_LEFT)
                    pointer_down(ui, &ptr, from_panel(ui, ev.button.x, ev.button.y));
                break;
            case SDL_MOUSEMOTION:
                if (ev.motion.which != SDL_TOUCH_MOUSEID)
                    pointer_move(ui, &ptr, from_panel(ui, ev.motion.x, ev.motion.y));
                break;
            case SDL_MOUSEBUTTONUP:
                if (ev.button.which != SDL_TOUCH_MOUSEID && ev.button.button == SDL_BUTTON_LEFT)
                    pointer_up(ui, &ptr);
                break;
            case SDL_MOUSEWHEEL:
                ui_scroll(ui, -ev.wheel.y * ui->theme.target_px);
                break;
            case SDL_WINDOWEVENT:
                ui->dirty = true;
                break;
            case SDL_USEREVENT:
                atomic_store(&wake_pending, false);
                ui_refresh(ui);
                break;
            default:
                break;
            }
            got = SDL_PollEvent(&ev);
        }
        ui_tick(ui);
    }
}
