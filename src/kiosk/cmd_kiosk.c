/*
 * cmd_kiosk — `serambi` without a command: the kiosk itself. Loads the
 * office data, opens the store, and hands both to the touch UI; with
 * --replay, drives the UI from a script instead of a finger. With a hub
 * configured and the kiosk enrolled, the sync worker runs beside the UI
 * on its own store connection; without, records wait in the outbox.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kiosk/commands.h"
#include "kiosk/devices.h"
#include "kiosk/errlog.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "kiosk/scanner.h"
#include "kiosk/tickets.h"
#include "scan/worker.h"
#include "store/store.h"
#include "sync/client.h"
#include "sync/worker.h"
#include "ui/app.h"
#include "ui/replay.h"

static void note_document(const char *line)
{
    errlog_add("sync", "%s", line);
}

/* On the worker's thread: only signal; the UI thread reloads (intake,
 * the service information screen). */
static void documents_arrived(void)
{
    office_published_changed();
    ui_app_wake();
}

/* Starts the worker when there is a hub and a token or a code to get one.
 * A kiosk that cannot sync still serves visitors, so failures only warn. */
static struct sync_worker *start_sync(const struct kiosk_config *cfg)
{
    struct sync_worker_config wc;
    struct sync_worker *w = NULL;
    char token[SYNC_TOKEN_SIZE];
    if (!cfg->hub_url[0] || cmd_sync_worker_config(cfg, cfg->enrollment_code, &wc) < 0)
        return NULL;
    wc.note = note_document;
    wc.documents_changed = documents_arrived;
    if (!wc.enrollment_code[0] && sync_token_load(wc.token_path, token) < 0) {
        fputs("serambi: warning: hub_url is set but this kiosk is not enrolled; records wait "
              "(run `serambi enroll CODE`)\n",
              stderr);
        return NULL;
    }
    if (sync_worker_start(&wc, &w) < 0)
        fputs("serambi: warning: cannot start the sync worker; records wait\n", stderr);
    return w;
}

/* Previews as large as a portrait screen shows a page, in grey. */
#define LETTER_THUMB_WIDTH_PX  360
#define LETTER_THUMB_HEIGHT_PX 510
#define LETTER_RESOLUTION_DPI  200

/* The worker that scans visitors' letters. Without it the letter step
 * sends visitors to the desk, so a failure only warns. */
static struct scan_worker *start_letters(const struct kiosk_config *cfg)
{
    struct scan_worker_config wc = {
        .scan = {.device = cfg->scanner_device,
                 .source = SCAN_SOURCE_ADF,
                 .mode = SCAN_MODE_GRAY,
                 .resolution_dpi = LETTER_RESOLUTION_DPI,
                 .max_pages = cfg->scan_max_pages},
        .jpeg_quality = cfg->scan_jpeg_quality,
        .thumb_width_px = LETTER_THUMB_WIDTH_PX,
        .thumb_height_px = LETTER_THUMB_HEIGHT_PX,
        .wake = ui_app_wake,
    };
    struct scan_worker *w = NULL;
    if (scan_source_parse(cfg->scan_source, &wc.scan.source) < 0 || scan_worker_new(&wc, &w) < 0)
        fputs("serambi: warning: cannot start the letter scanner; letters go to the desk\n",
              stderr);
    return w;
}

/* The ticket printer, after the UI's translations are loaded (its words
 * come from them). Without it visitors are sent to the officer. */
static struct tickets *start_tickets(const struct kiosk_config *cfg, const char *lang)
{
    static struct tickets_options opt;
    struct tickets *t = NULL;
    char err[512];
    opt = (struct tickets_options){.cfg = cfg, .wake = ui_app_wake};
    tickets_words("id", lang, &opt.words[0]);
    tickets_words("en", lang, &opt.words[1]);
    if (tickets_start(&opt, &t, err, sizeof(err)) < 0)
        fprintf(stderr, "serambi: warning: tickets cannot be printed: %s\n", err);
    return t;
}

int cmd_kiosk(const struct kiosk_config *cfg, const char *replay, const char *shots_dir)
{
    static struct kiosk_devices devices;
    static struct ui ui;
    static struct ui_session session;
    struct office office = {0};
    struct store *st = NULL;
    struct sync_worker *sync = NULL;
    struct scan_worker *letters = NULL;
    char err[1024];
    char db[4096];
    int status = 1;
    /* Read before loading: documents written meanwhile are loaded again. */
    unsigned office_generation = office_published_generation();

    if (office_load(cfg, &office, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        goto out;
    }
    if (office.warning[0])
        fprintf(stderr, "serambi: warning: %s\n", office.warning);
    if (mkdir(cfg->data_dir, 0700) < 0 && errno != EEXIST) {
        fprintf(stderr, "serambi: cannot create the data folder %s: %s\n", cfg->data_dir,
                strerror(errno));
        goto out;
    }
    if (config_db_path(cfg, db, sizeof(db)) < 0 || store_open(db, &st, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        goto out;
    }

    sync = start_sync(cfg);

    struct intake in = {
        .cfg = cfg, .office = &office, .store = st, .office_generation = office_generation};
    ui_session_wipe(&session, cfg->language);
    letters = start_letters(cfg);
    ui.svc = (struct ui_services){.cfg = cfg, .intake = &in, .store = st, .letter = letters};
    ui.session = &session;
    ui.replay = replay != NULL;

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct ui_replay_clock rclock = {.mono_ms = 1000000,
                                     .wall_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000};
    struct ui_clock clock = ui_replay_clock(&rclock);
    if (ui_app_open(&ui, replay ? &clock : NULL, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        goto close;
    }
    devices.tickets = start_tickets(cfg, session.lang);
    ui.svc.dev.ctx = &devices;
    tickets_ui_hooks(&ui.svc.dev);
    devices.scanner = scanner_start(cfg);
    scanner_ui_hooks(&ui.svc.dev);
    if (replay)
        status = ui_replay_run(&ui, &rclock, replay, shots_dir, stderr);
    else
        status = ui_app_run(&ui) < 0 ? 1 : 0;
close:
    tickets_stop(devices.tickets); /* before the wake it calls goes away */
    devices.tickets = NULL;
    scan_hotplug_stop(devices.scanner); /* before the wake it calls goes away */
    devices.scanner = NULL;
    scan_worker_free(letters); /* before the wake it calls goes away */
    ui_app_close(&ui);
    ui_session_wipe(&session, cfg->language);
out:
    sync_worker_stop(sync);
    store_close(st);
    office_fini(&office);
    return status;
}
