/*
 * hotplug — the scanner watcher; see hotplug.h.
 *
 * One thread does everything that may wait: it sleeps in libusb's event
 * handling (or on a condition variable when there are no USB events),
 * the hotplug callback only marks a check as due, and the check itself
 * (scan_backend_probe()) runs on the thread with no lock of ours held.
 * Everyone else only sets flags under the lock and wakes the thread:
 * libusb_interrupt_event_handler() breaks its USB wait, the condition
 * variable its periodic one. A burst of USB events (a scanner that
 * re-enumerates after loading its firmware, a hub with several devices)
 * pushes the check back by settle_ms each time, so SANE is asked once,
 * when the bus has calmed down.
 */
#include "scan/hotplug.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libusb.h>

#include "scan/backend.h"

/* With USB events, the thread still looks at its flags this often. */
#define USB_WAIT_MAX_MS 60000

struct scan_hotplug {
    pthread_t thread;
    pthread_mutex_t lock; /* guards everything below up to usb */
    pthread_cond_t cond;  /* wakes the wait without USB events */
    struct scan_hotplug_state state;
    bool stop;
    bool due;          /* a check is wanted ... */
    int64_t due_at_ms; /* ... not before this (settling after USB events) */
    bool notify_pending;

    libusb_context *usb; /* NULL: no USB events, periodic checks */
    libusb_hotplug_callback_handle usb_cb;
    char wanted[sizeof(((struct scan_hotplug_state *)0)->device)];
    int recheck_ms, settle_ms;
    void (*notify)(void *ctx);
    void *notify_ctx;
};

/* One watcher per process: SANE's session end has one observer. */
static pthread_mutex_t one_lock = PTHREAD_MUTEX_INITIALIZER;
static bool one_running;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the rules ------------------------------------------------------------ */

bool scan_hotplug_on_probe(struct scan_hotplug_state *st, int rc, const char *name)
{
    if (rc == -EBUSY)
        return false; /* a session holds SANE: its end asks again */
    struct scan_hotplug_state before = *st;
    if (rc == 0) {
        if (st->presence != SCAN_PRESENCE_READY || strcmp(st->device, name) != 0)
            st->problem = SCAN_OK; /* a scanner (re)attached starts afresh */
        st->presence = SCAN_PRESENCE_READY;
        snprintf(st->device, sizeof(st->device), "%s", name);
        st->probe_error = 0;
    } else {
        st->presence = SCAN_PRESENCE_ABSENT;
        st->device[0] = '\0';
        st->problem = SCAN_OK;
        st->probe_error = rc == -ENODEV ? 0 : rc;
    }
    return st->presence != before.presence || strcmp(st->device, before.device) != 0 ||
           st->problem != before.problem || st->probe_error != before.probe_error;
}

bool scan_hotplug_on_scan(struct scan_hotplug_state *st, const enum scan_problem *last_run)
{
    if (!last_run || *last_run == st->problem)
        return false;
    st->problem = *last_run;
    return true;
}

int scan_hotplug_describe(const struct scan_hotplug_state *st, const char *wanted, char *buf,
                          size_t cap)
{
    int n;
    if (st->presence == SCAN_PRESENCE_READY && st->problem != SCAN_OK)
        n = snprintf(buf, cap, "%s; last scan: %s", st->device, scan_problem_name(st->problem));
    else if (st->presence == SCAN_PRESENCE_READY)
        n = snprintf(buf, cap, "%s", st->device);
    else if (st->presence == SCAN_PRESENCE_UNKNOWN)
        n = snprintf(buf, cap, "not checked yet");
    else if (st->probe_error)
        n = snprintf(buf, cap, "SANE cannot start (%s)", strerror(-st->probe_error));
    else if (wanted && wanted[0])
        n = snprintf(buf, cap, "%s is not attached", wanted);
    else
        n = snprintf(buf, cap, "no scanner found");
    return n >= 0 && (size_t)n < cap ? 0 : -ENAMETOOLONG;
}

/* --- the watcher ------------------------------------------------------------ */

/* Breaks the thread's wait; the caller has set its flags under the lock. */
static void wake(struct scan_hotplug *w)
{
    pthread_cond_signal(&w->cond);
    if (w->usb)
        libusb_interrupt_event_handler(w->usb);
}

/* On the watcher thread, inside libusb's event handling. */
static int LIBUSB_CALL on_usb(libusb_context *ctx, libusb_device *dev, libusb_hotplug_event event,
                              void *arg)
{
    (void)ctx;
    (void)dev;
    (void)event;
    struct scan_hotplug *w = arg;
    pthread_mutex_lock(&w->lock);
    w->due = true;
    w->due_at_ms = now_ms() + w->settle_ms;
    pthread_mutex_unlock(&w->lock);
    return 0; /* stay registered */
}

/* The backend's observer: the last session ended (backend lock held). */
static void on_session_end(void *arg, const enum scan_problem *last_run)
{
    struct scan_hotplug *w = arg;
    pthread_mutex_lock(&w->lock);
    if (scan_hotplug_on_scan(&w->state, last_run))
        w->notify_pending = true;
    w->due = true;
    w->due_at_ms = now_ms();
    pthread_mutex_unlock(&w->lock);
    wake(w);
}

/* Sleeps until until_ms at most, or a wake; the lock is held. */
static void wait_locked(struct scan_hotplug *w, int64_t until_ms)
{
    int64_t left = until_ms - now_ms();
    if (left <= 0)
        return;
    if (w->usb) {
        struct timeval tv = {.tv_sec = left / 1000, .tv_usec = (left % 1000) * 1000};
        pthread_mutex_unlock(&w->lock);
        libusb_handle_events_timeout_completed(w->usb, &tv, NULL);
        pthread_mutex_lock(&w->lock);
        return;
    }
    struct timespec ts = {.tv_sec = until_ms / 1000, .tv_nsec = (until_ms % 1000) * 1000000};
    pthread_cond_timedwait(&w->cond, &w->lock, &ts);
}

static void *watch(void *arg)
{
    struct scan_hotplug *w = arg;
    char name[sizeof(w->state.device)];
    /* A network backend asked for its list may write into a socket the
     * other end has closed: a plain EPIPE for it, not the kiosk's end. */
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, NULL);
    int64_t next_poll_ms = now_ms();
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        int64_t now = now_ms();
        if (w->notify_pending) {
            w->notify_pending = false;
            pthread_mutex_unlock(&w->lock);
            if (w->notify)
                w->notify(w->notify_ctx);
            pthread_mutex_lock(&w->lock);
            continue;
        }
        if (!w->usb && now >= next_poll_ms && !w->due) {
            w->due = true;
            w->due_at_ms = now;
        }
        if (w->due && now >= w->due_at_ms) {
            w->due = false;
            pthread_mutex_unlock(&w->lock);
            int rc = scan_backend_probe(w->wanted, name, sizeof(name));
            pthread_mutex_lock(&w->lock);
            if (scan_hotplug_on_probe(&w->state, rc, name))
                w->notify_pending = true;
            next_poll_ms = now_ms() + w->recheck_ms;
            continue;
        }
        int64_t until = w->usb ? now + USB_WAIT_MAX_MS : next_poll_ms;
        if (w->due && w->due_at_ms < until)
            until = w->due_at_ms;
        wait_locked(w, until);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* USB events for any device, arriving or leaving; false where libusb
 * has none (then w->usb stays NULL). */
static bool open_usb(struct scan_hotplug *w)
{
    if (libusb_init(&w->usb) != LIBUSB_SUCCESS) {
        w->usb = NULL;
        return false;
    }
    if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) &&
        libusb_hotplug_register_callback(
            w->usb, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT, 0,
            LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, on_usb, w,
            &w->usb_cb) == LIBUSB_SUCCESS)
        return true;
    libusb_exit(w->usb);
    w->usb = NULL;
    return false;
}

bool scan_hotplug_usb_events(void)
{
    libusb_context *usb = NULL;
    if (libusb_init(&usb) != LIBUSB_SUCCESS)
        return false;
    bool events = libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
    libusb_exit(usb);
    return events;
}

static void close_usb(struct scan_hotplug *w)
{
    if (!w->usb)
        return;
    libusb_hotplug_deregister_callback(w->usb, w->usb_cb);
    libusb_exit(w->usb);
    w->usb = NULL;
}

static int init_sync(struct scan_hotplug *w)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return -ENOMEM;
    int rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
                     pthread_cond_init(&w->cond, &attr) == 0
                 ? 0
                 : -ENOMEM;
    pthread_condattr_destroy(&attr);
    if (rc == 0 && pthread_mutex_init(&w->lock, NULL) != 0) {
        pthread_cond_destroy(&w->cond);
        rc = -ENOMEM;
    }
    return rc;
}

int scan_hotplug_start(const struct scan_hotplug_config *cfg, struct scan_hotplug **out)
{
    if (!cfg || cfg->recheck_ms <= 0 || cfg->settle_ms < 0 ||
        (cfg->mode != SCAN_HOTPLUG_AUTO && cfg->mode != SCAN_HOTPLUG_POLL))
        return -EINVAL;
    const char *wanted = cfg->device ? cfg->device : "";
    struct scan_hotplug *w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    int n = snprintf(w->wanted, sizeof(w->wanted), "%s", wanted);
    if (n < 0 || (size_t)n >= sizeof(w->wanted)) {
        free(w);
        return -EINVAL;
    }
    w->recheck_ms = cfg->recheck_ms;
    w->settle_ms = cfg->settle_ms;
    w->notify = cfg->notify;
    w->notify_ctx = cfg->notify_ctx;
    w->due = true; /* the first check, at once */
    w->due_at_ms = now_ms();
    int rc = init_sync(w);
    if (rc < 0) {
        free(w);
        return rc;
    }
    pthread_mutex_lock(&one_lock);
    if (one_running) {
        rc = -EBUSY;
        goto unlock;
    }
    w->state.usb_events = cfg->mode == SCAN_HOTPLUG_AUTO && open_usb(w);
    scan_backend_watch(on_session_end, w);
    if (pthread_create(&w->thread, NULL, watch, w) != 0) {
        scan_backend_watch(NULL, NULL);
        close_usb(w);
        rc = -EAGAIN;
        goto unlock;
    }
    one_running = true;
unlock:
    pthread_mutex_unlock(&one_lock);
    if (rc < 0) {
        pthread_cond_destroy(&w->cond);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return rc;
    }
    *out = w;
    return 0;
}

void scan_hotplug_stop(struct scan_hotplug *w)
{
    if (!w)
        return;
    scan_backend_watch(NULL, NULL);
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_mutex_unlock(&w->lock);
    wake(w);
    pthread_join(w->thread, NULL);
    close_usb(w);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
    pthread_mutex_lock(&one_lock);
    one_running = false;
    pthread_mutex_unlock(&one_lock);
}

void scan_hotplug_get(struct scan_hotplug *w, struct scan_hotplug_state *out)
{
    pthread_mutex_lock(&w->lock);
    *out = w->state;
    pthread_mutex_unlock(&w->lock);
}

const char *scan_hotplug_wanted(const struct scan_hotplug *w)
{
    return w->wanted; /* written before the thread started, never after */
}

void scan_hotplug_recheck(struct scan_hotplug *w)
{
    pthread_mutex_lock(&w->lock);
    w->due = true;
    w->due_at_ms = now_ms();
    pthread_mutex_unlock(&w->lock);
    wake(w);
}
