/*
 * printing — which tickets are still to be printed, in the store, so
 * that a ticket the printer could not print survives a restart and comes
 * out when the printer is back.
 *
 * The one idea: a ticket is committed unprinted (printed_ms NULL) in the
 * visitor's transaction; the print worker marks it submitted (the CUPS
 * job), then printed once CUPS says the job completed. Nothing but that
 * answer ends a ticket's wait, so no ticket is lost to a paper-out, a
 * stopped queue or a crash.
 */
#ifndef SERAMBI_STORE_PRINTING_H
#define SERAMBI_STORE_PRINTING_H

#include <stddef.h>
#include <stdint.h>

#include "core/records.h"
#include "store/store.h"

/* A ticket waiting for paper. */
struct store_print_item {
    struct rec_ticket ticket;
    char lang[3]; /* the visit's language: "id" or "en" */
    int job_id;   /* the CUPS job it was last submitted as, or 0 */
    int attempts; /* submissions so far */
};

/* The oldest (at most max) tickets not printed yet, oldest first, into
 * items; their number in *count. 0 or -EIO. */
int store_print_pending(struct store *st, struct store_print_item *items, size_t max,
                        size_t *count);

/* How many tickets wait. 0 or -EIO. */
int store_print_backlog(struct store *st, int64_t *pending);

/* The ticket was accepted by CUPS as job_id (> 0): one attempt more. */
int store_print_submitted(struct store *st, const char *ticket_id, int job_id);
/* CUPS reports the ticket's job completed: it is printed. */
int store_print_done(struct store *st, const char *ticket_id, int64_t now_ms);
/* The ticket's job ended without printing (cancelled, aborted, gone):
 * it waits to be submitted again. */
int store_print_lost(struct store *st, const char *ticket_id);
/* Staff's reprint: the ticket waits for paper again, its attempts
 * counted afresh. */
int store_print_again(struct store *st, const char *ticket_id);

#endif
