/*
 * queue — what the kiosk needs to know about its CUPS print queue: whether
 * a ticket can come out now (printer-state, printer-state-reasons, whether
 * jobs are accepted) and how wide the paper is in printer dots, so that
 * the ticket is rendered to exactly that width.
 *
 * The one idea: everything comes from the queue's IPP attributes, asked of
 * the scheduler in-process, never from our own constants: a 58 mm, an
 * 80 mm or an IPP Everywhere printer all describe themselves. A queue
 * without a driver (CUPS's raw queue, what `lpadmin -m everywhere` leaves
 * when the printer did not answer) describes nothing: it passes every
 * format through, so only the printer behind it can say what it takes.
 */
#ifndef SERAMBI_PRINT_QUEUE_H
#define SERAMBI_PRINT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

enum print_state {
    PRINT_STATE_IDLE = 3, /* the IPP printer-state values */
    PRINT_STATE_PROCESSING = 4,
    PRINT_STATE_STOPPED = 5,
};

/* printer-state-reasons the kiosk acts on, as bits. */
enum print_reason {
    PRINT_REASON_MEDIA_EMPTY = 1u << 0, /* media-empty, media-needed */
    PRINT_REASON_MEDIA_LOW = 1u << 1,   /* media-low */
    PRINT_REASON_OFFLINE = 1u << 2,     /* offline, connecting-to-device, timed-out */
    PRINT_REASON_DOOR_OPEN = 1u << 3,   /* door-open, cover-open */
    PRINT_REASON_PAUSED = 1u << 4,      /* paused: a person stopped the queue */
    PRINT_REASON_OTHER = 1u << 5,       /* any other reason at error level */
};

/* Document formats a queue takes that the kiosk can send, as bits. */
enum print_format_bit {
    PRINT_FORMAT_BIT_CUPS_RASTER = 1u << 0, /* our PPD queues */
    PRINT_FORMAT_BIT_PWG_RASTER = 1u << 1,  /* IPP Everywhere printers */
};

struct print_queue_info {
    enum print_state state;
    unsigned reasons;     /* PRINT_REASON_* */
    bool accepting;       /* printer-is-accepting-jobs */
    unsigned dpi;         /* across the paper */
    unsigned dot_width;   /* printable width in dots; 0 when the queue does not say */
    unsigned formats;     /* PRINT_FORMAT_BIT_* from document-format-supported */
    bool media_given;     /* the queue has media-col-default: a driver describes the paper */
    char device_uri[256]; /* the queue's device-uri, "" when not given */
};

/* The reasons in plain words for staff ("paper out, door open"), or
 * "ready" / "stopped" / "not accepting jobs", into buf. */
void print_queue_describe(const struct print_queue_info *info, char *buf, size_t cap);

/* The bit for one printer-state-reasons keyword, with or without its
 * -error, -warning or -report suffix; 0 for "none" and for reasons that do
 * not stop a ticket (below error level and not one of ours). */
unsigned print_reason_bit(const char *keyword);

/* Asks the scheduler `server` ("host:port"; NULL: the client's default,
 * cupsServer()) about `queue`. Returns 0 with *info filled; -ENOENT when
 * the queue does not exist; -EHOSTUNREACH when the scheduler does not
 * answer; -EIO for another IPP error. */
int print_queue_query(const char *server, const char *queue, struct print_queue_info *info);

/* Whether a ticket printed now would come out. */
bool print_queue_ready(const struct print_queue_info *info);

/* The one format a ticket must be sent in to this queue, as a
 * PRINT_FORMAT_BIT_*: the only one of ours it lists, or CUPS raster when
 * a driver takes both. 0 when the queue cannot say: it lists neither, or
 * it lists both without describing its paper (a queue without a driver
 * lists every format it passes through; the printer decides). */
unsigned print_queue_format(const struct print_queue_info *info);

/* Asks the printer behind a queue without a driver (its device_uri,
 * ipp:// or ipps://) what it takes: on success *printer holds its
 * formats, resolution and printable width (its state fields are the
 * printer's own). 0; -ENOTSUP when the device is not an IPP printer;
 * -EHOSTUNREACH when it does not answer (switched off); -EIO. */
int print_queue_ask_printer(const struct print_queue_info *queue, struct print_queue_info *printer);

#endif
