/*
 * tickets — the kiosk's ticket printer: after a visitor's record is
 * committed, its ticket is rendered at the queue's dot width and
 * submitted to CUPS from a worker thread; the worker also watches the
 * queue (every few seconds, and quickly while a job is out) and the jobs
 * it submitted, so the done screen can say "take your ticket" or "see the
 * officer", staff see the printer's state, and a ticket the printer could
 * not print waits in the store and comes out when the printer is back.
 *
 * The one idea: the store, not memory, says which tickets still need
 * paper (store/printing.h), and only CUPS's "job completed" (with no
 * job-state-reasons saying it failed) ends a ticket's wait. A job out
 * much longer than a ticket takes means the printer cannot be reached
 * (a network printer switched off: CUPS retries and reports nothing), so
 * it counts as trouble until it completes. The UI thread only flags work and reads a snapshot under
 * a mutex: it never waits for CUPS, the store's writes or the renderer.
 *
 * Without a printer (ticket_dir set) each ticket is written as a PNG file
 * there instead.
 */
#ifndef SERAMBI_KIOSK_TICKETS_H
#define SERAMBI_KIOSK_TICKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/records.h"
#include "kiosk/config.h"
#include "print/queue.h"
#include "print/ticket.h"

struct tickets;

/* What the printing of one ticket came to, for the visitor's screen. */
enum tickets_paper {
    TICKETS_UNKNOWN,  /* not a ticket this service was asked to print */
    TICKETS_PRINTING, /* on its way */
    TICKETS_PRINTED,  /* CUPS says the job completed (or the file is written) */
    TICKETS_TROUBLE   /* the printer cannot print now: the ticket waits */
};

/* The printer as the worker last saw it. */
struct tickets_status {
    bool to_file;                 /* ticket_dir is set: no printer is used */
    bool asked;                   /* the worker has asked the queue at least once */
    int rc;                       /* print_queue_query()'s answer: 0, -ENOENT, … */
    struct print_queue_info info; /* when rc is 0 */
    int64_t pending;              /* tickets waiting for paper */
    bool ready;                   /* a ticket printed now would come out */
    /* A job of ours has been out longer than stall_ms while the queue
     * looked ready: the printer is most likely off or unreachable. */
    bool stalled;
    int64_t stalled_s; /* how long the oldest such job has waited */
    /* The queue names no format the kiosk can send (a queue without a
     * driver) and the printer behind it does not say either: tickets
     * wait. */
    bool no_format;
};

/* How long a job may be out before the printer counts as in trouble: a
 * ticket takes a few seconds even on a slow office printer. */
#define TICKETS_STALL_MS 20000

struct tickets_options {
    const struct kiosk_config *cfg; /* borrowed until tickets_stop() */
    struct ticket_words words[2];   /* Indonesian, English */
    const char *server;             /* CUPS server "host:port"; NULL: cupsServer() */
    void (*wake)(void);             /* called when the state changed (ui_app_wake); may be NULL */
    int poll_ms;                    /* the queue is asked this often; 0: 3000 */
    int stall_ms;                   /* a job out this long is trouble; 0: TICKETS_STALL_MS */
    /* For tests and benchmarks (may be NULL): called on the worker with
     * every bitmap rendered, before it is encoded and submitted. */
    void (*rendered)(void *ctx, const struct rec_ticket *t, const struct ticket_bitmap *bm);
    /* Likewise (may be NULL): CUPS accepted t as job_id, bytes long. */
    void (*submitted)(void *ctx, const struct rec_ticket *t, int job_id, size_t bytes);
    void *rendered_ctx; /* for both */
};

/* Opens the fonts (on the calling thread), a store connection of its own
 * and starts the worker, which prints what waits from before. 0, or a
 * negative errno with err saying what to do. */
int tickets_start(const struct tickets_options *opt, struct tickets **out, char *err,
                  size_t errcap);
/* Stops the worker after its current step; tickets not printed stay
 * waiting in the store. NULL does nothing. */
void tickets_stop(struct tickets *t);

/* Prints ticket (borrowed; committed unprinted by the store) soon. Called
 * on the UI thread: only flags the worker. 0 or -EINVAL. */
int tickets_print(struct tickets *t, const struct rec_ticket *ticket);
/* Staff's reprint of the most recent ticket. 0 or -EINVAL. */
int tickets_reprint_last(struct tickets *t);
/* Asks the worker to look at the queue now. */
void tickets_poke(struct tickets *t);

/* What became of the ticket with ticket_id. */
enum tickets_paper tickets_paper(struct tickets *t, const char *ticket_id);
/* A snapshot of the printer's state. */
void tickets_status(struct tickets *t, struct tickets_status *out);
/* One line for staff: "ticket: ready, 384 dots, 0 waiting"; a stalled
 * job and a queue without a usable format are said in words. */
void tickets_describe(const struct tickets_status *s, const char *queue, char *buf, size_t cap);

struct ui_devices;
/* Sets the printer's hooks of dev, whose ctx is the kiosk's struct
 * kiosk_devices (kiosk/devices.h) with this service in it. */
void tickets_ui_hooks(struct ui_devices *dev);

/* Fills w with the ticket's words in lang, through gettext: call on the
 * UI thread (it switches the UI's language and back to restore_lang). */
void tickets_words(const char *lang, const char *restore_lang, struct ticket_words *w);

#endif
