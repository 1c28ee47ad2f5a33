/*
 * scanner — the scanner watcher wired to the UI; see scanner.h.
 */
#include "kiosk/scanner.h"

#include <stdio.h>

#include "kiosk/devices.h"
#include "ui/app.h"

/* After a USB event, the bus settles this long before SANE is asked: a
 * scanner that loads its firmware re-enumerates within it. */
#define SETTLE_MS 500

static void wake_ui(void *ctx)
{
    (void)ctx;
    ui_app_wake();
}

struct scan_hotplug *scanner_start(const struct kiosk_config *cfg)
{
    struct scan_hotplug *w = NULL;
    struct scan_hotplug_config hc = {
        .device = cfg->scanner_device,
        .mode = SCAN_HOTPLUG_AUTO,
        .recheck_ms = cfg->scanner_recheck_s * 1000,
        .settle_ms = SETTLE_MS,
        .notify = wake_ui,
    };
    if (scan_hotplug_start(&hc, &w) < 0) {
        fputs("serambi: warning: cannot watch the scanner; the screens cannot say whether it "
              "is there (letters go to the desk when a scan fails)\n",
              stderr);
        return NULL;
    }
    return w;
}

enum ui_dev_state scanner_ui_state(const struct scan_hotplug_state *st)
{
    switch (st->presence) {
    case SCAN_PRESENCE_READY:
        return st->problem == SCAN_PROBLEM_DENIED || st->problem == SCAN_PROBLEM_UNSUPPORTED
                   ? UI_DEV_TROUBLE
                   : UI_DEV_READY;
    case SCAN_PRESENCE_ABSENT:
        return UI_DEV_ABSENT;
    default:
        return UI_DEV_UNKNOWN;
    }
}

static enum ui_dev_state hook_scanner(void *ctx, char *detail, size_t cap)
{
    const struct kiosk_devices *d = ctx;
    struct scan_hotplug_state st;
    if (!d || !d->scanner) {
        snprintf(detail, cap, "the scanner is not watched");
        return UI_DEV_UNKNOWN;
    }
    scan_hotplug_get(d->scanner, &st);
    scan_hotplug_describe(&st, scan_hotplug_wanted(d->scanner), detail, cap);
    return scanner_ui_state(&st);
}

void scanner_ui_hooks(struct ui_devices *dev)
{
    dev->scanner = hook_scanner;
}
