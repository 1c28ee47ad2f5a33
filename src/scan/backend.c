/*
 * backend — SANE's start, end and device list behind one lock; see
 * backend.h.
 *
 * The lock is held for the whole of a probe (start, list, end) and for
 * each start and end of a session, never for a scan: a session's scan
 * runs without it, and the probe keeps away by the count of users.
 */
#include "scan/backend.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sane/sane.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int users; /* sessions alive; SANE is up while > 0 */
static scan_backend_idle_fn observer;
static void *observer_ctx;

static int start_sane(void)
{
    SANE_Int version = 0;
    return sane_init(&version, NULL) == SANE_STATUS_GOOD ? 0 : -EIO;
}

int scan_backend_acquire(void)
{
    int rc = 0;
    pthread_mutex_lock(&lock);
    if (users == 0)
        rc = start_sane();
    if (rc == 0)
        users++;
    pthread_mutex_unlock(&lock);
    return rc;
}

void scan_backend_release(const enum scan_problem *last_run)
{
    pthread_mutex_lock(&lock);
    if (users > 0 && --users == 0) {
        sane_exit();
        if (observer)
            observer(observer_ctx, last_run);
    }
    pthread_mutex_unlock(&lock);
}

/* Looks wanted up in SANE's list; the lock is held. */
static int find_locked(const char *wanted, char *name, size_t cap)
{
    const SANE_Device **list = NULL;
    if (sane_get_devices(&list, SANE_TRUE) != SANE_STATUS_GOOD || !list)
        return -ENODEV;
    for (size_t i = 0; list[i]; i++) {
        if (wanted && wanted[0] && strcmp(list[i]->name, wanted) != 0)
            continue;
        int n = snprintf(name, cap, "%s", list[i]->name);
        return n >= 0 && (size_t)n < cap ? 0 : -ENAMETOOLONG;
    }
    return -ENODEV;
}

int scan_backend_find(const char *wanted, char *name, size_t cap)
{
    pthread_mutex_lock(&lock);
    int rc = users > 0 ? find_locked(wanted, name, cap) : -ENODEV;
    pthread_mutex_unlock(&lock);
    return rc;
}

int scan_backend_probe(const char *wanted, char *name, size_t cap)
{
    int rc;
    pthread_mutex_lock(&lock);
    if (users > 0) {
        rc = -EBUSY;
        goto out;
    }
    rc = start_sane();
    if (rc < 0)
        goto out;
    rc = find_locked(wanted, name, cap);
    sane_exit();
out:
    pthread_mutex_unlock(&lock);
    return rc;
}

void scan_backend_watch(scan_backend_idle_fn fn, void *ctx)
{
    pthread_mutex_lock(&lock);
    observer = fn;
    observer_ctx = ctx;
    pthread_mutex_unlock(&lock);
}
