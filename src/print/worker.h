/*
 * worker — printing off the UI thread. The UI hands a rendered ticket to
 * the worker and goes on drawing; the worker asks the queue how it is,
 * submits the ticket, and reports both through a callback the kiosk chose
 * (which posts them to the main loop as an event).
 *
 * The one idea: a ticket is submitted whenever the queue accepts jobs,
 * even when the printer is out of paper or offline, because CUPS holds the
 * job and prints it when the printer is back; the result carries the
 * queue's state so the done screen can tell the visitor to see the officer.
 */
#ifndef SERAMBI_PRINT_WORKER_H
#define SERAMBI_PRINT_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print/queue.h"

struct print_worker;

struct print_result {
    uint64_t tag;                 /* the caller's, from print_worker_submit() */
    int rc;                       /* 0, or print_queue_query()'s / print_submit()'s error */
    int job_id;                   /* when rc is 0 */
    bool have_info;               /* whether info holds the queue's answer */
    struct print_queue_info info; /* the queue just before the submission */
};

/* Called on the worker's thread, once per request; `res` is borrowed for
 * the call. */
typedef void (*print_done_fn)(void *ctx, const struct print_result *res);

/* Starts the worker thread talking to `server` (copied; NULL: the
 * client's default). Returns 0 with *out, or -ENOMEM / -EAGAIN. */
int print_worker_start(const char *server, print_done_fn done, void *ctx,
                       struct print_worker **out);

/* Queues one document for `queue` in `format` with job `options` (may be
 * NULL); strings are copied. Takes ownership of `data` (malloc'd) when it
 * returns 0; on -ENOMEM, -EINVAL or -ESHUTDOWN the caller keeps it. */
int print_worker_submit(struct print_worker *w, const char *queue, const char *format,
                        uint8_t *data, size_t len, const char *options, uint64_t tag);

/* Stops the thread after the request in progress; requests still queued
 * are dropped without a callback. NULL does nothing. */
void print_worker_stop(struct print_worker *w);

#endif
