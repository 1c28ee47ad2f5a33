/*
 * session — one scan from open to close: the device chosen, set up
 * (options.c), its pages read, SANE's status mapped to the visitor's
 * problem; see session.h. SANE itself is started and ended through
 * backend.c, which keeps the scanner watcher away while a session lives.
 *
 * Cancel and close meet at one mutex: sane_cancel() may run on another
 * thread while this one waits in sane_read() (SANE allows that, and it is
 * how a backend is interrupted), but never on a handle that is closed.
 */
#include "scan/session.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sane/sane.h>

#include "scan/backend.h"
#include "scan/options.h"

/* Rows allocated at a time when the scanner does not know the height. */
#define UNKNOWN_HEIGHT_STEP 1024

struct scan_session {
    pthread_mutex_t lock; /* guards handle against a concurrent cancel */
    SANE_Handle handle;   /* open only during scan_session_run() */
    atomic_bool cancelled;
    bool device_listed; /* the open device was in SANE's list */
    bool ran;           /* a run began: problem is its outcome */
    enum scan_problem problem;
    char detail[256];
};

int scan_source_parse(const char *name, enum scan_source *out)
{
    if (strcmp(name, "flatbed") == 0)
        *out = SCAN_SOURCE_FLATBED;
    else if (strcmp(name, "adf") == 0)
        *out = SCAN_SOURCE_ADF;
    else
        return -EINVAL;
    return 0;
}

int scan_mode_parse(const char *name, enum scan_mode *out)
{
    if (strcmp(name, "lineart") == 0)
        *out = SCAN_MODE_LINEART;
    else if (strcmp(name, "gray") == 0)
        *out = SCAN_MODE_GRAY;
    else if (strcmp(name, "color") == 0)
        *out = SCAN_MODE_COLOR;
    else
        return -EINVAL;
    return 0;
}

__attribute__((format(printf, 3, 4))) static int
fail(struct scan_session *s, enum scan_problem problem, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->detail, sizeof(s->detail), fmt, ap);
    va_end(ap);
    if (n < 0)
        s->detail[0] = '\0';
    s->problem = problem;
    return scan_problem_errno(problem);
}

/* The problem a SANE status means while scanning. */
static enum scan_problem problem_of(SANE_Status status)
{
    switch (status) {
    case SANE_STATUS_GOOD:
    case SANE_STATUS_EOF:
        return SCAN_OK;
    case SANE_STATUS_CANCELLED:
        return SCAN_PROBLEM_CANCELLED;
    case SANE_STATUS_DEVICE_BUSY:
        return SCAN_PROBLEM_BUSY;
    case SANE_STATUS_JAMMED:
        return SCAN_PROBLEM_JAM;
    case SANE_STATUS_NO_DOCS:
        return SCAN_PROBLEM_NO_PAPER;
    case SANE_STATUS_COVER_OPEN:
        return SCAN_PROBLEM_COVER_OPEN;
    case SANE_STATUS_IO_ERROR:
        return SCAN_PROBLEM_IO;
    case SANE_STATUS_UNSUPPORTED:
        return SCAN_PROBLEM_UNSUPPORTED;
    case SANE_STATUS_ACCESS_DENIED:
        return SCAN_PROBLEM_DENIED;
    default:
        return SCAN_PROBLEM_FAILED;
    }
}

int scan_session_new(struct scan_session **out)
{
    struct scan_session *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return -ENOMEM;
    }
    if (scan_backend_acquire() < 0) {
        pthread_mutex_destroy(&s->lock);
        free(s);
        return -EIO;
    }
    atomic_init(&s->cancelled, false);
    *out = s;
    return 0;
}

void scan_session_free(struct scan_session *s)
{
    if (!s)
        return;
    scan_backend_release(s->ran ? &s->problem : NULL);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

enum scan_problem scan_session_problem(const struct scan_session *s)
{
    return s->problem;
}

const char *scan_session_detail(const struct scan_session *s)
{
    return s->detail;
}

void scan_session_cancel(struct scan_session *s)
{
    pthread_mutex_lock(&s->lock);
    atomic_store(&s->cancelled, true);
    if (s->handle)
        sane_cancel(s->handle);
    pthread_mutex_unlock(&s->lock);
}

int scan_session_find(struct scan_session *s, const char *wanted, char *name, size_t cap)
{
    (void)s;
    return scan_backend_find(wanted, name, cap);
}

/* --- reading a page ------------------------------------------------------- */

static int pixels_of(const SANE_Parameters *p, enum scan_pixels *out)
{
    if (!p->last_frame)
        return -ENOTSUP; /* three-pass colour: no scanner of ours needs it */
    if (p->format == SANE_FRAME_GRAY && p->depth == 1)
        *out = SCAN_PIXELS_BITONAL;
    else if (p->format == SANE_FRAME_GRAY && p->depth == 8)
        *out = SCAN_PIXELS_GRAY;
    else if (p->format == SANE_FRAME_RGB && p->depth == 8)
        *out = SCAN_PIXELS_RGB;
    else
        return -ENOTSUP;
    return 0;
}

/* Makes room for row `rows` of an image whose height was unknown. */
static int grow(struct scan_image *img, int rows)
{
    if (rows < img->height_px)
        return 0;
    if (img->height_px > 65535 - UNKNOWN_HEIGHT_STEP)
        return -EFBIG;
    int height = img->height_px + UNKNOWN_HEIGHT_STEP;
    uint8_t *data = realloc(img->data, img->stride_bytes * (size_t)height);
    if (!data)
        return -ENOMEM;
    memset(data + img->stride_bytes * (size_t)img->height_px, 0,
           img->stride_bytes * UNKNOWN_HEIGHT_STEP);
    img->data = data;
    img->height_px = height;
    return 0;
}

/* Reads the frame sane_start() began into a new image. */
static int read_page(struct scan_session *s, SANE_Handle h, int resolution_dpi,
                     struct scan_image **out)
{
    SANE_Parameters p;
    struct scan_image *img = NULL;
    uint8_t *line = NULL;
    enum scan_pixels pixels;
    int rc;
    SANE_Status st = sane_get_parameters(h, &p);
    if (st != SANE_STATUS_GOOD) {
        rc = fail(s, problem_of(st), "reading the page size: %s", sane_strstatus(st));
        goto out;
    }
    if (pixels_of(&p, &pixels) < 0 || p.pixels_per_line < 1 || p.bytes_per_line < 1) {
        rc = fail(s, SCAN_PROBLEM_UNSUPPORTED, "unsupported frame (format %d, depth %d)",
                  (int)p.format, p.depth);
        goto out;
    }
    bool height_known = p.lines > 0;
    rc = scan_image_new(pixels, p.pixels_per_line, height_known ? p.lines : UNKNOWN_HEIGHT_STEP,
                        resolution_dpi, &img);
    if (rc < 0) {
        rc = fail(s, rc == -ENOMEM ? SCAN_PROBLEM_FAILED : SCAN_PROBLEM_UNSUPPORTED,
                  "page of %d x %d pixels: cannot hold it", p.pixels_per_line, p.lines);
        goto out;
    }
    /* A line may carry padding past the pixels (bytes_per_line > stride). */
    size_t bpl = (size_t)p.bytes_per_line;
    size_t keep = bpl < img->stride_bytes ? bpl : img->stride_bytes;
    line = malloc(bpl);
    if (!line) {
        rc = fail(s, SCAN_PROBLEM_FAILED, "out of memory");
        goto out;
    }
    int rows = 0;
    size_t filled = 0;
    for (;;) {
        SANE_Int got = 0;
        st = sane_read(h, line + filled, (SANE_Int)(bpl - filled), &got);
        if (st == SANE_STATUS_EOF)
            break;
        if (st != SANE_STATUS_GOOD) {
            /* A backend interrupted by sane_cancel() may say anything. */
            enum scan_problem why =
                atomic_load(&s->cancelled) ? SCAN_PROBLEM_CANCELLED : problem_of(st);
            rc = fail(s, why, "reading line %d: %s", rows, sane_strstatus(st));
            goto out;
        }
        if (atomic_load(&s->cancelled)) {
            rc = fail(s, SCAN_PROBLEM_CANCELLED, "cancelled at line %d", rows);
            goto out;
        }
        filled += (size_t)got;
        if (filled < bpl)
            continue;
        filled = 0;
        if (height_known && rows >= img->height_px)
            continue; /* more lines than announced: keep the announced size */
        if (!height_known && grow(img, rows) < 0) {
            rc = fail(s, SCAN_PROBLEM_FAILED, "page longer than the kiosk can hold");
            goto out;
        }
        memcpy(scan_image_row(img, rows), line, keep);
        rows++;
    }
    /* Some backends end a cancelled frame with a plain end of data. */
    if (atomic_load(&s->cancelled)) {
        rc = fail(s, SCAN_PROBLEM_CANCELLED, "cancelled at line %d", rows);
        goto out;
    }
    if (rows == 0) {
        rc = fail(s, SCAN_PROBLEM_IO, "the scanner sent an empty page");
        goto out;
    }
    /* Short pages keep what came; the rest stays white. */
    if (!height_known)
        img->height_px = rows;
    *out = img;
    img = NULL;
    rc = 0;
out:
    free(line);
    scan_image_free(img);
    return rc;
}

/* --- the run ------------------------------------------------------------ */

static int open_device(struct scan_session *s, const char *wanted, SANE_Handle *out)
{
    char name[256];
    int rc = scan_session_find(s, wanted, name, sizeof(name));
    s->device_listed = rc == 0;
    /* A configured name need not be listed (network scanners, aliases):
     * try it anyway. */
    if (rc < 0 && wanted && wanted[0]) {
        int n = snprintf(name, sizeof(name), "%s", wanted);
        rc = n >= 0 && (size_t)n < sizeof(name) ? 0 : -ENAMETOOLONG;
    }
    if (rc < 0)
        return fail(s, SCAN_PROBLEM_NO_SCANNER, "no scanner found");
    SANE_Handle h = NULL;
    SANE_Status st = sane_open(name, &h);
    if (st != SANE_STATUS_GOOD) {
        enum scan_problem p = problem_of(st);
        if (p == SCAN_PROBLEM_IO || p == SCAN_PROBLEM_FAILED)
            p = SCAN_PROBLEM_NO_SCANNER;
        return fail(s, p, "cannot open %s: %s", name, sane_strstatus(st));
    }
    snprintf(s->detail, sizeof(s->detail), "%s", name);
    *out = h;
    return 0;
}

static void close_device(struct scan_session *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->handle) {
        /* Ends the scan the backend may still be in (ADF, errors). */
        sane_cancel(s->handle);
        sane_close(s->handle);
        s->handle = NULL;
    }
    pthread_mutex_unlock(&s->lock);
}

/* Scans until the source is done; pages go to page_fn. */
static int scan_pages(struct scan_session *s, SANE_Handle h, const struct scan_options *o,
                      scan_page_fn page_fn, void *ctx, int *pages)
{
    for (;;) {
        if (atomic_load(&s->cancelled))
            return fail(s, SCAN_PROBLEM_CANCELLED, "cancelled after %d pages", *pages);
        SANE_Status st = sane_start(h);
        if (st == SANE_STATUS_NO_DOCS && *pages > 0)
            return 0; /* the feeder is empty: the letter is complete */
        if (st != SANE_STATUS_GOOD)
            return fail(s, atomic_load(&s->cancelled) ? SCAN_PROBLEM_CANCELLED : problem_of(st),
                        "starting page %d: %s", *pages + 1, sane_strstatus(st));
        if (o->max_pages > 0 && *pages >= o->max_pages)
            return fail(s, SCAN_PROBLEM_TOO_MANY, "more than %d pages", o->max_pages);
        struct scan_image *page = NULL;
        int rc = read_page(s, h, o->resolution_dpi, &page);
        if (rc < 0)
            return rc;
        (*pages)++;
        rc = page_fn(ctx, page);
        if (rc < 0) {
            fail(s, SCAN_PROBLEM_FAILED, "page %d could not be kept (%s)", *pages, strerror(-rc));
            return rc;
        }
        if (o->source == SCAN_SOURCE_FLATBED)
            return 0;
    }
}

static int run(struct scan_session *s, const struct scan_options *opt, scan_page_fn page_fn,
               void *ctx);

/*
 * Backends feed pages through a pipe from a reader thread they start in
 * sane_start(); when a scan ends early the pipe's reading end closes
 * under the writer, and the SIGPIPE that follows would end the whole
 * kiosk. Threads inherit the signal mask of the thread that starts them,
 * so blocking SIGPIPE here, for the length of the run, turns it into a
 * plain EPIPE for the backend's reader without touching the rest of the
 * process.
 */
int scan_session_run(struct scan_session *s, const struct scan_options *opt, scan_page_fn page_fn,
                     void *ctx)
{
    sigset_t pipe_only, before;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &before);
    int rc = run(s, opt, page_fn, ctx);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    return rc;
}

static int run(struct scan_session *s, const struct scan_options *opt, scan_page_fn page_fn,
               void *ctx)
{
    SANE_Handle h = NULL;
    int pages = 0;
    s->ran = true;
    s->problem = SCAN_OK;
    s->detail[0] = '\0';
    if (!opt || !page_fn || opt->resolution_dpi < 1 || opt->max_pages < 0)
        return fail(s, SCAN_PROBLEM_FAILED, "bad scan options");
    atomic_store(&s->cancelled, false);
    int rc = open_device(s, opt->device, &h);
    if (rc < 0)
        return rc;
    char device[256];
    snprintf(device, sizeof(device), "%s", s->detail);
    pthread_mutex_lock(&s->lock);
    s->handle = h;
    bool cancelled = atomic_load(&s->cancelled);
    pthread_mutex_unlock(&s->lock);
    if (cancelled) {
        rc = fail(s, SCAN_PROBLEM_CANCELLED, "cancelled before the first page");
        goto out;
    }
    rc = scan_options_apply(h, opt, &s->problem, s->detail, sizeof(s->detail));
    if (rc < 0)
        goto out;
    rc = scan_pages(s, h, opt, page_fn, ctx, &pages);
out:
    close_device(s);
    if (rc < 0 && s->device_listed &&
        (s->problem == SCAN_PROBLEM_IO || s->problem == SCAN_PROBLEM_FAILED)) {
        /* An I/O error from a scanner that is no longer there was a pull. */
        char name[256];
        if (scan_session_find(s, device, name, sizeof(name)) == -ENODEV)
            rc = fail(s, SCAN_PROBLEM_UNPLUGGED, "%s disappeared during the scan", device);
    }
    return rc;
}
