/*
 * backend — the process's one SANE, shared by the scan sessions and the
 * scanner watcher (hotplug.h).
 *
 * SANE keeps process-wide state: sane_init() once, sane_exit() once, and
 * no two calls at the same time from two threads. The one idea: SANE is
 * up only while it is used, and it has one user at a time. A scan
 * session holds it from scan_session_new() to scan_session_free(); while
 * it does, the watcher does not ask SANE anything (its probe says
 * -EBUSY, and it asks again when the session ends). Without a session,
 * each probe starts SANE, lists the devices and ends SANE again: many
 * backends look for their USB devices only in sane_init(), so a list
 * from a SANE that stayed up would not show a scanner plugged in later.
 *
 * Internal to src/scan: scan_session_* and scan_hotplug_* are the API.
 */
#ifndef SERAMBI_SCAN_BACKEND_H
#define SERAMBI_SCAN_BACKEND_H

#include <stddef.h>

#include "scan/problem.h"

/* A session begins: SANE starts if nobody uses it. Waits while a probe
 * runs. 0, or -EIO when SANE cannot start. */
int scan_backend_acquire(void);

/* A session ends: SANE ends when it was the last. last_run is the
 * problem of the session's last scan (NULL: it scanned nothing); the
 * watcher hears of it (scan_backend_watch()). */
void scan_backend_release(const enum scan_problem *last_run);

/* The name of wanted (NULL or "": the first device listed) into
 * name[cap], from the SANE a session holds. 0, -ENODEV when absent, or
 * -ENAMETOOLONG. Opens nothing. */
int scan_backend_find(const char *wanted, char *name, size_t cap);

/* The same from a SANE started for this question alone: -EBUSY while a
 * session holds SANE, -EIO when SANE cannot start. Blocks for as long
 * as the backends take to list their devices (milliseconds for USB). */
int scan_backend_probe(const char *wanted, char *name, size_t cap);

/* Called when the last session ends, with its last_run (may be NULL).
 * Runs on the session's thread with the backend's lock held: it must
 * only note and wake, never call into this module. */
typedef void (*scan_backend_idle_fn)(void *ctx, const enum scan_problem *last_run);

/* Sets the one observer of sessions ending (fn NULL: none). Once it
 * returns, the previous observer is never called again. */
void scan_backend_watch(scan_backend_idle_fn fn, void *ctx);

#endif
