/*
 * pincheck — the staff PIN check on a worker thread; see pincheck.h.
 */
#include "ui/pincheck.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/pin.h"
#include "ui/app.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t worker;
static bool started;  /* a thread was made and not yet joined */
static bool finished; /* it has answered */
static int answer;
static char hash_copy[PIN_HASH_SIZE];
static char pin_copy[PIN_MAX_DIGITS + 1];

static void *check(void *arg)
{
    (void)arg;
    /* The buffers are the worker's alone until it says it finished. */
    int rc = pin_verify(hash_copy, pin_copy);
    sodium_memzero(pin_copy, sizeof(pin_copy));
    pthread_mutex_lock(&lock);
    answer = rc;
    finished = true;
    pthread_mutex_unlock(&lock);
    ui_app_wake();
    return NULL;
}

int ui_pincheck_start(const char *hash, const char *pin)
{
    int rc = 0;
    if (strlen(pin) > PIN_MAX_DIGITS || strlen(hash) >= sizeof(hash_copy))
        return -EINVAL;
    pthread_mutex_lock(&lock);
    if (started && !finished) {
        rc = -EBUSY;
        goto out;
    }
    if (started) /* an answer nobody took */
        pthread_join(worker, NULL);
    started = false;
    finished = false;
    snprintf(hash_copy, sizeof(hash_copy), "%s", hash);
    snprintf(pin_copy, sizeof(pin_copy), "%s", pin);
    int err = pthread_create(&worker, NULL, check, NULL);
    if (err) {
        sodium_memzero(pin_copy, sizeof(pin_copy));
        rc = -err;
        goto out;
    }
    started = true;
out:
    pthread_mutex_unlock(&lock);
    return rc;
}

int ui_pincheck_take(void)
{
    int rc;
    pthread_mutex_lock(&lock);
    if (!started) {
        rc = -ENOENT;
    } else if (!finished) {
        rc = -EINPROGRESS;
    } else {
        pthread_join(worker, NULL); /* it has returned or is about to */
        started = false;
        finished = false;
        rc = answer;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void ui_pincheck_fini(void)
{
    pthread_mutex_lock(&lock);
    bool join = started;
    started = false;
    finished = false;
    pthread_mutex_unlock(&lock);
    if (join)
        pthread_join(worker, NULL);
}
