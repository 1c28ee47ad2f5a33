/*
 * session — scanning through SANE, so that any SANE-supported scanner
 * works: flatbed or sheet feeder, one page or many.
 *
 * The one idea: the scanner is opened only for the length of one scan
 * and closed right after, whatever happened. An idle kiosk holds no
 * device, so a technician's tool, a replug or a power cycle of the
 * scanner never finds it taken. Each page is handed over complete, as a
 * struct scan_image; a scan that fails or is cancelled reports one
 * scan_problem and the caller drops the pages it got, so no half letter
 * is ever kept.
 *
 * SANE is initialised once per process: keep one session at a time.
 * scan_session_run() blocks (run it in a worker thread);
 * scan_session_cancel() may be called from any other thread.
 */
#ifndef SERAMBI_SCAN_SESSION_H
#define SERAMBI_SCAN_SESSION_H

#include <stddef.h>

#include "scan/image.h"
#include "scan/problem.h"

enum scan_source { SCAN_SOURCE_FLATBED, SCAN_SOURCE_ADF };
enum scan_mode { SCAN_MODE_LINEART, SCAN_MODE_GRAY, SCAN_MODE_COLOR };

/* "flatbed"/"adf", "lineart"/"gray"/"color": 0 or -EINVAL. */
int scan_source_parse(const char *name, enum scan_source *out);
int scan_mode_parse(const char *name, enum scan_mode *out);

struct scan_options {
    const char *device; /* SANE device name; NULL or "": the first one found. Borrowed. */
    enum scan_source source;
    enum scan_mode mode;
    int resolution_dpi;
    int max_pages; /* a feeder holding more fails with SCAN_PROBLEM_TOO_MANY; 0: no limit */
};

/* Receives each page, in order; takes ownership of page (free it with
 * scan_image_free()). A negative return stops the scan (the session
 * reports SCAN_PROBLEM_FAILED) and is returned by scan_session_run(). */
typedef int (*scan_page_fn)(void *ctx, struct scan_image *page);

struct scan_session;

/* Initialises SANE. 0 and a new session (free it with
 * scan_session_free()), -ENOMEM, or -EIO when SANE cannot start. */
int scan_session_new(struct scan_session **out);
/* Ends SANE; scan_session_free(NULL) does nothing. No scan may run. */
void scan_session_free(struct scan_session *s);

/*
 * Opens the device, scans every page the source gives (one from a
 * flatbed; from a feeder, until it is empty), hands each to page_fn,
 * closes the device. 0 when at least one page was scanned, else a
 * negative errno (scan_problem_errno() of the problem) with
 * scan_session_problem() saying what the visitor must hear and
 * scan_session_detail() what a technician may read.
 */
int scan_session_run(struct scan_session *s, const struct scan_options *opt, scan_page_fn page_fn,
                     void *ctx);

/* Stops a running scan as soon as the scanner allows; the run then fails
 * with SCAN_PROBLEM_CANCELLED. Safe from any thread; does nothing when no
 * scan runs. */
void scan_session_cancel(struct scan_session *s);

/* The problem of the last run (SCAN_OK after a success). */
enum scan_problem scan_session_problem(const struct scan_session *s);
/* The last run's detail for logs and the technician: the device and
 * SANE's own words. Borrowed; valid until the next run. Holds no page
 * content. */
const char *scan_session_detail(const struct scan_session *s);

/* Whether a scanner is attached: the name of wanted (NULL or "": the first
 * one found) into name[cap]. 0, -ENODEV when absent, -ENAMETOOLONG. Opens
 * nothing. */
int scan_session_find(struct scan_session *s, const char *wanted, char *name, size_t cap);

#endif
