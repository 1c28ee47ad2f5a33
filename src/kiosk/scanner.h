/*
 * scanner — the kiosk's scanner watcher (scan/hotplug.h) as the UI sees
 * it: started from the configuration, each change a wake for the UI,
 * and the UI's scanner hook answered from the watcher's last state.
 *
 * The one idea: the hook runs on the UI thread during a build, so it only
 * copies the state the watcher thread keeps; it never asks SANE or USB.
 */
#ifndef SERAMBI_KIOSK_SCANNER_H
#define SERAMBI_KIOSK_SCANNER_H

#include "kiosk/config.h"
#include "scan/hotplug.h"
#include "ui/ui.h"

/* Starts the watcher for cfg's scanner_device (any scanner when empty),
 * with USB events where there are some, else every
 * scanner_recheck_seconds; each change calls ui_app_wake(). NULL, with a
 * warning on stderr, when it cannot start: the kiosk works on, letters
 * are then handed in at the desk. Stop it with scan_hotplug_stop(). */
struct scan_hotplug *scanner_start(const struct kiosk_config *cfg);

/* Sets dev->scanner; dev->ctx must be the kiosk's struct kiosk_devices. */
void scanner_ui_hooks(struct ui_devices *dev);

/* The UI's word for a watcher state: ready, absent, unknown, or trouble
 * when the last scan showed the scanner cannot work as set up (no
 * permission, cannot scan as asked). */
enum ui_dev_state scanner_ui_state(const struct scan_hotplug_state *st);

#endif
