/*
 * hotplug — whether a scanner is attached, known at any moment without
 * asking the device: a watcher thread follows USB arrivals and
 * departures (libusb hotplug) and, after each, asks SANE again whether
 * the configured scanner (or any) is listed. Where libusb cannot report
 * hotplug events (no USB at all, a platform without them) it asks SANE
 * every recheck period instead.
 *
 * The one idea: a USB event only says "something changed"; SANE alone
 * says whether it is a scanner it can drive. So the watcher never
 * matches vendor or product numbers, and a scanner SANE does not know
 * stays absent however often it is plugged in. SANE is asked through a
 * short-lived sane_init()/sane_get_devices()/sane_exit() that opens no
 * device (backend.h), and never while a scan session lives: during a
 * scan the state stays as it was, and when the session ends the watcher
 * notes the scan's problem and asks SANE again.
 *
 * scan_hotplug_get() may be called from any thread at any time and
 * never waits for SANE or USB: it copies the state under a lock held
 * only for copies. The notify callback runs on the watcher thread after
 * each change.
 */
#ifndef SERAMBI_SCAN_HOTPLUG_H
#define SERAMBI_SCAN_HOTPLUG_H

#include <stdbool.h>
#include <stddef.h>

#include "scan/problem.h"

enum scan_presence {
    SCAN_PRESENCE_UNKNOWN, /* not asked yet */
    SCAN_PRESENCE_ABSENT,  /* SANE lists no (such) scanner, or cannot start */
    SCAN_PRESENCE_READY    /* listed; nothing is open */
};

struct scan_hotplug_state {
    enum scan_presence presence;
    char device[128]; /* the SANE name when ready, else "" */
    /* The problem of the last scan since the scanner became ready
     * (SCAN_OK: none yet, or it went well). */
    enum scan_problem problem;
    int probe_error; /* 0, or why SANE could not be asked (-EIO: it cannot start) */
    bool usb_events; /* USB events drive the checks; false: every recheck period */
};

enum scan_hotplug_mode {
    SCAN_HOTPLUG_AUTO, /* libusb hotplug where it works, else periodic */
    SCAN_HOTPLUG_POLL  /* periodic only */
};

struct scan_hotplug_config {
    const char *device; /* the SANE name wanted; NULL or "": any scanner. Copied. */
    enum scan_hotplug_mode mode;
    int recheck_ms; /* period of the checks without USB events, > 0 */
    int settle_ms;  /* after a USB event, quiet this long before asking (>= 0) */
    /* Called on the watcher thread after each change of the state; may be
     * NULL. Must not block nor call scan_hotplug_stop(). */
    void (*notify)(void *ctx);
    void *notify_ctx;
};

struct scan_hotplug;

/* Starts the watcher; its first check runs at once. 0 and a new watcher
 * (stop it with scan_hotplug_stop()), -EINVAL for a bad config, -EBUSY
 * when another watcher runs in this process, -ENOMEM or -EAGAIN. */
int scan_hotplug_start(const struct scan_hotplug_config *cfg, struct scan_hotplug **out);

/* Stops the thread, waits for it and frees the watcher; NULL does
 * nothing. Waits for a check that is running. */
void scan_hotplug_stop(struct scan_hotplug *w);

/* The state as last seen. Never blocks on SANE or USB. */
void scan_hotplug_get(struct scan_hotplug *w, struct scan_hotplug_state *out);

/* The SANE name the watcher looks for ("" for any). Borrowed; valid
 * until scan_hotplug_stop(). */
const char *scan_hotplug_wanted(const struct scan_hotplug *w);

/* Asks SANE again soon (without waiting for settle_ms); does not wait. */
void scan_hotplug_recheck(struct scan_hotplug *w);

/* Whether libusb reports USB arrivals and departures on this machine (what
 * SCAN_HOTPLUG_AUTO would use), for the technician's check. */
bool scan_hotplug_usb_events(void);

/* --- the rules, for the watcher and its tests ------------------------------ */

/* The answer of a probe (0 with name, or a negative errno) applied to st:
 * -EBUSY changes nothing; a scanner that becomes ready starts without a
 * problem. True when st changed. */
bool scan_hotplug_on_probe(struct scan_hotplug_state *st, int rc, const char *name);

/* A scan session ended; last_run is its last scan's problem (NULL: it
 * scanned nothing). True when st changed. */
bool scan_hotplug_on_scan(struct scan_hotplug_state *st, const enum scan_problem *last_run);

/* One line for staff and technicians: the device, or why there is none,
 * and the last scan's problem. Into buf[cap]; 0 or -ENAMETOOLONG (cut). */
int scan_hotplug_describe(const struct scan_hotplug_state *st, const char *wanted, char *buf,
                          size_t cap);

#endif
