/*
 * worker — scanning a visitor's letter beside the touch UI: each scan
 * runs scan_session_run() on a thread of its own, page by page, while
 * the UI goes on drawing; the pages are kept in memory, compressed and
 * with a thumbnail, until the visitor confirms them, and then become the
 * one PDF that is stored with the record.
 *
 * The one idea: the worker thread only ever hands pages over; every
 * change to the letter (a finished scan taken in, a page removed, the
 * letter discarded) happens on the caller's thread in
 * scan_worker_poll() and the calls after it, so the pages and
 * thumbnails the caller reads never change under it. A scan that fails
 * or is cancelled adds nothing: its pages are dropped whole.
 *
 * Blank pages (the backs of a one-sided letter from a duplex feeder) are
 * dropped as they come. Grey and colour pages are kept as the JPEG that
 * goes into the PDF; line-art pages as their 1-bit pixels (an A4 page at
 * 300 dpi is about 1 MB), G4-compressed when the PDF is made.
 *
 * All functions but scan_worker_new() are for one thread (the UI's);
 * the wake callback is called from the worker thread.
 */
#ifndef SERAMBI_SCAN_WORKER_H
#define SERAMBI_SCAN_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scan/image.h"
#include "scan/pdf.h"
#include "scan/problem.h"
#include "scan/session.h"

struct scan_worker_config {
    struct scan_options scan; /* device borrowed; max_pages: pages a letter may have (0: none) */
    int jpeg_quality;         /* 1..100 */
    int thumb_width_px, thumb_height_px;
    /* Called from the worker thread when something changed (a page came,
     * the scan ended); may be NULL. Must not block. */
    void (*wake)(void);
};

enum scan_worker_state {
    SCAN_WORKER_IDLE,     /* no scan runs; the pages are as the visitor left them */
    SCAN_WORKER_SCANNING, /* a scan runs */
};

struct scan_worker_status {
    enum scan_worker_state state;
    int pages;         /* pages kept */
    int scanning_page; /* while scanning: pages received so far in this scan */
    /* The problem of the last scan that ended (SCAN_OK when it added pages,
     * or before any scan); stays until the next scan starts or
     * scan_worker_discard(). */
    enum scan_problem problem;
    int blank_dropped; /* blank pages dropped by the last scan */
};

struct scan_worker;

/* 0 and a new worker (free it with scan_worker_free()), -EINVAL for a
 * bad config, or -ENOMEM. Nothing is opened: SANE starts with each scan. */
int scan_worker_new(const struct scan_worker_config *cfg, struct scan_worker **out);
/* Cancels a running scan, waits for its thread (up to 10 s: a driver
 * that does not stop is left to the end of the process, with w) and drops
 * every page; scan_worker_free(NULL) does nothing. */
void scan_worker_free(struct scan_worker *w);

/*
 * Starts a scan on the worker thread. replace_index < 0 appends the pages
 * the scanner gives (up to the page limit together with those kept);
 * otherwise the one page scanned replaces page replace_index. 0, -EBUSY
 * while a scan runs, -EFBIG when the letter has as many pages as allowed,
 * -EINVAL for an index out of range, -ENOMEM or -EAGAIN (no thread).
 */
int scan_worker_start(struct scan_worker *w, int replace_index);
/* Asks a running scan to stop; it ends with SCAN_PROBLEM_CANCELLED and
 * adds nothing. Does nothing when no scan runs. Does not wait. */
void scan_worker_cancel(struct scan_worker *w);

/* Takes in a scan that ended (its pages, or its problem) and says where
 * the letter stands. Call it before reading pages, e.g. once per build. */
void scan_worker_poll(struct scan_worker *w, struct scan_worker_status *out);

/* Pages kept (as of the last poll). */
int scan_worker_page_count(const struct scan_worker *w);
/* The thumbnail of page index (grey), or NULL. Borrowed: valid until the
 * next poll, remove, discard or free. *serial (may be NULL) gets a number
 * that is different for every page ever scanned, for caching pictures. */
const struct scan_image *scan_worker_thumbnail(const struct scan_worker *w, int index,
                                               uint64_t *serial);
/* Removes page index. 0, -EBUSY while a scan runs, or -EINVAL. */
int scan_worker_remove(struct scan_worker *w, int index);
/* Cancels a running scan, waits for it (up to 1.5 s), and forgets every
 * page and the last problem: the next visitor starts with nothing. A scan
 * that has not stopped by then is left to end on its own: its pages are
 * dropped when it does, it shows as no scan, and scan_worker_start()
 * says -EBUSY until it ended. The UI never waits longer for a driver. */
void scan_worker_discard(struct scan_worker *w);

/*
 * The kept pages as one PDF with info's metadata. 0 and a new buffer of
 * *len bytes in *out (free() it) and the page count in *pages; -ENODATA
 * without a page, -EBUSY while a scan runs, -EINVAL, -ENOMEM or -EIO. The
 * pages stay kept (a failed commit can be tried again).
 */
int scan_worker_pdf(struct scan_worker *w, const struct scan_pdf_info *info, uint8_t **out,
                    size_t *len, int *pages);

#endif
