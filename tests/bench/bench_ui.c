/*
 * bench_ui — what a visitor feels of the UI on SDL's software renderer
 * (offscreen, as the tests run it): the time from a tap to the frame that
 * shows it on the busiest screens (the guest form with the keyboard up and
 * a long line; the complaint form with a 2,000-character text being
 * edited in its middle, laid out again at every key), at 800x480 and
 * 1920x1080, with the text cache and with the cache emptied before every
 * frame. Prints a table; never fails on being slow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/config.h"
#include "ui/app.h"
#include "ui/screens.h"

#define TAPS 400

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int64_t mono(void *ctx)
{
    (void)ctx;
    return (int64_t)now_ms();
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run(int w, int h, int w_mm, bool cached, bool paragraph)
{
    static struct kiosk_config cfg;
    static struct ui_session session;
    static struct ui ui;
    static double samples[TAPS];
    char err[512];
    memset(&ui, 0, sizeof(ui));
    config_defaults(&cfg);
    snprintf(cfg.display.video_driver, sizeof(cfg.display.video_driver), "offscreen");
    cfg.display.width_px = w;
    cfg.display.height_px = h;
    cfg.display.width_mm = w_mm;
    snprintf(cfg.assets_dir, sizeof(cfg.assets_dir), "%s",
             getenv("SERAMBI_ASSETS") ? getenv("SERAMBI_ASSETS") : "assets");
    ui_session_wipe(&session, "id");
    ui.svc.cfg = &cfg;
    ui.session = &session;
    struct ui_clock clock = {mono, mono, NULL};
    double t0 = now_ms();
    if (ui_app_open(&ui, &clock, err, sizeof(err)) < 0 || ui_draw(&ui) < 0) {
        fprintf(stderr, "bench_ui: %s\n", err);
        ui_app_close(&ui);
        return 1;
    }
    double first = now_ms() - t0;
    const char *field = paragraph ? "complaint.body" : "guest.purpose";
    if (paragraph) {
        static const char words[] = "Antrean di loket perizinan lama sekali dan petugas tidak "
                                    "ada di tempat pada jam kerja. ";
        size_t n = 0, cap = sizeof(session.complaint_body);
        while (n + sizeof(words) < cap && n + sizeof(words) < 2000)
            n += (size_t)snprintf(session.complaint_body + n, cap - n, "%s", words);
        session.complaint_privacy = REC_PRIVACY_ANONYMOUS + 1;
        ui.screen = &ui_screen_complaint_form;
    } else {
        session.guest_consent = true;
        snprintf(session.guest_typed[UI_GUEST_PURPOSE], sizeof(session.guest_typed[0]),
                 "Konsultasi pendirian koperasi simpan pinjam dan perizinan usaha mikro kecil");
        ui.screen = &ui_screen_guest_form;
    }
    ui_build(&ui);
    const struct ui_widget *f = ui_find(&ui, field);
    ui_scroll(&ui, f->rect.y - ui.content.y); /* as a finger would */
    f = ui_find(&ui, field);
    ui_tap(&ui, (struct ui_point){f->rect.x + f->rect.w / 2, f->rect.y + f->rect.h / 2});
    if (paragraph) { /* a second tap puts the caret inside the text */
        f = ui_find(&ui, field);
        ui_tap(&ui, (struct ui_point){f->rect.x + f->rect.w / 2, f->rect.y + f->rect.h / 2});
    }
    if (!ui_find(&ui, "kb.a")) {
        fprintf(stderr, "bench_ui: the keyboard did not open\n");
        ui_app_close(&ui);
        return 1;
    }
    ui_draw(&ui);
    static const char *keys[] = {"kb.a", "kb.backspace"};
    for (int i = 0; i < TAPS; i++) {
        const struct ui_widget *k = ui_find(&ui, keys[i % 2]);
        struct ui_point p = {k->rect.x + k->rect.w / 2, k->rect.y + k->rect.h / 2};
        if (!cached)
            ui_textcache_clear(&ui.texts);
        double a = now_ms();
        ui_tap(&ui, p);
        ui_draw(&ui);
        samples[i] = now_ms() - a;
    }
    qsort(samples, TAPS, sizeof(samples[0]), cmp);
    printf("| %4dx%-4d | %-9s | %-8s | %6.1f | %6.2f | %6.2f |\n", w, h,
           paragraph ? "paragraph" : "line", cached ? "cached" : "no cache", first,
           samples[TAPS / 2], samples[TAPS * 99 / 100]);
    ui_app_close(&ui);
    return 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    printf("| display   | field     | text     | open+first frame ms | tap→frame median ms | p99 "
           "ms |\n");
    printf("|---|---|---|---|---|---|\n");
    int rc = 0;
    for (int p = 0; p < 2; p++) {
        rc |= run(800, 480, 155, true, p);
        rc |= run(800, 480, 155, false, p);
        rc |= run(1920, 1080, 477, true, p);
        rc |= run(1920, 1080, 477, false, p);
    }
    return rc;
}
