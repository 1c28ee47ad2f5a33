/*
 * worker — a letter's scans on a thread of their own; see worker.h.
 *
 * What the two threads share sits under one mutex: the session of the
 * running scan (so that a cancel never meets a freed one), the cancel
 * flag, the pages handed over so far and how the scan ended. The kept
 * letter belongs to the caller's thread alone.
 */
#include "scan/worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan/blank.h"
#include "scan/jpeg.h"
#include "scan/thumbnail.h"

struct page {
    uint64_t serial;
    uint8_t *jpeg; /* grey or colour: what goes into the PDF */
    size_t jpeg_len;
    int width_px, height_px, resolution_dpi;
    struct scan_image *bitonal; /* line art: the pixels, G4-coded by the PDF */
    struct scan_image *thumb;
};

struct pages {
    struct page *v;
    int n, cap;
};

struct scan_worker {
    struct scan_worker_config cfg;
    char device[256];

    /* the caller's thread only */
    struct pages kept;
    bool running;
    bool abandoned; /* discarded while running: its pages are nobody's */
    pthread_t thread;
    int replace_index;
    enum scan_problem problem;
    int blank_dropped;

    /* shared with the worker thread, under lock */
    pthread_mutex_t lock;
    pthread_cond_t ended_cond;    /* signalled when ended is set */
    struct scan_session *session; /* while the thread has one */
    bool cancel;
    bool ended;
    int max_pages; /* of the running scan */
    struct pages staged;
    int received, blank;
    enum scan_problem result;
    uint64_t serial;
};

static void page_fini(struct page *p)
{
    free(p->jpeg);
    scan_image_free(p->bitonal);
    scan_image_free(p->thumb);
    memset(p, 0, sizeof(*p));
}

static void pages_clear(struct pages *ps)
{
    for (int i = 0; i < ps->n; i++)
        page_fini(&ps->v[i]);
    ps->n = 0;
}

static void pages_fini(struct pages *ps)
{
    pages_clear(ps);
    free(ps->v);
    ps->v = NULL;
    ps->cap = 0;
}

/* Appends p (moved in). 0 or -ENOMEM. */
static int pages_push(struct pages *ps, struct page *p)
{
    if (ps->n == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 8;
        struct page *v = realloc(ps->v, (size_t)cap * sizeof(*v));
        if (!v)
            return -ENOMEM;
        ps->v = v;
        ps->cap = cap;
    }
    ps->v[ps->n++] = *p;
    memset(p, 0, sizeof(*p));
    return 0;
}

static void wake(const struct scan_worker *w)
{
    if (w->cfg.wake)
        w->cfg.wake();
}

/* How long the UI waits for a scan told to stop when a visit ends, and
 * how long freeing the worker waits. A backend that takes longer (a USB
 * transfer waiting out its timeout, a wedged device) keeps its thread, and
 * the visitor does not wait for it. */
#define DISCARD_WAIT_MS 1500
#define FREE_WAIT_MS    10000

/* --- the worker thread ------------------------------------------------------ */

/* Compresses img (taken) into p with its thumbnail. */
static int make_page(struct scan_worker *w, struct scan_image *img, struct page *p)
{
    int rc = scan_thumbnail_new(img, w->cfg.thumb_width_px, w->cfg.thumb_height_px, &p->thumb);
    if (rc < 0)
        goto out;
    p->width_px = img->width_px;
    p->height_px = img->height_px;
    p->resolution_dpi = img->resolution_dpi;
    if (img->pixels == SCAN_PIXELS_BITONAL) {
        p->bitonal = img;
        img = NULL;
    } else {
        rc = scan_jpeg_encode(img, w->cfg.jpeg_quality, &p->jpeg, &p->jpeg_len);
    }
out:
    scan_image_free(img);
    return rc;
}

static int on_page(void *ctx, struct scan_image *img)
{
    struct scan_worker *w = ctx;
    struct page p = {0};
    bool blank = scan_blank_is_blank(img);
    pthread_mutex_lock(&w->lock);
    w->received++;
    w->blank += blank;
    pthread_mutex_unlock(&w->lock);
    if (blank) {
        scan_image_free(img);
        wake(w);
        return 0;
    }
    int rc = make_page(w, img, &p);
    if (rc == 0) {
        pthread_mutex_lock(&w->lock);
        p.serial = ++w->serial;
        rc = pages_push(&w->staged, &p);
        pthread_mutex_unlock(&w->lock);
    }
    page_fini(&p);
    wake(w);
    return rc;
}

static void *run(void *arg)
{
    struct scan_worker *w = arg;
    struct scan_session *s = NULL;
    enum scan_problem problem = SCAN_OK;
    if (scan_session_new(&s) < 0) {
        problem = SCAN_PROBLEM_NO_SCANNER;
        goto out;
    }
    pthread_mutex_lock(&w->lock);
    w->session = s;
    bool cancelled = w->cancel;
    struct scan_options opt = w->cfg.scan;
    opt.device = w->device;
    opt.max_pages = w->max_pages;
    pthread_mutex_unlock(&w->lock);
    if (cancelled)
        problem = SCAN_PROBLEM_CANCELLED;
    else if (scan_session_run(s, &opt, on_page, w) < 0)
        problem = scan_session_problem(s);
    pthread_mutex_lock(&w->lock);
    w->session = NULL;
    if (problem == SCAN_OK && w->staged.n == 0)
        problem = SCAN_PROBLEM_BLANK;
    pthread_mutex_unlock(&w->lock);
    if (problem != SCAN_OK)
        fprintf(stderr, "serambi: scan: %s (%s)\n", scan_problem_name(problem),
                scan_session_detail(s));
    scan_session_free(s);
out:
    pthread_mutex_lock(&w->lock);
    w->result = problem;
    if (problem != SCAN_OK)
        pages_clear(&w->staged); /* no half letter */
    w->ended = true;
    pthread_cond_broadcast(&w->ended_cond);
    pthread_mutex_unlock(&w->lock);
    wake(w);
    return NULL;
}

/* --- the caller's thread ------------------------------------------------------ */

int scan_worker_new(const struct scan_worker_config *cfg, struct scan_worker **out)
{
    if (!cfg || cfg->jpeg_quality < 1 || cfg->jpeg_quality > 100 || cfg->thumb_width_px < 1 ||
        cfg->thumb_height_px < 1 || cfg->scan.max_pages < 0 || cfg->scan.resolution_dpi < 1)
        return -EINVAL;
    struct scan_worker *w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int rc = pthread_cond_init(&w->ended_cond, &ca);
    pthread_condattr_destroy(&ca);
    if (rc != 0) {
        free(w);
        return -ENOMEM;
    }
    if (pthread_mutex_init(&w->lock, NULL) != 0) {
        pthread_cond_destroy(&w->ended_cond);
        free(w);
        return -ENOMEM;
    }
    w->cfg = *cfg;
    if (cfg->scan.device &&
        snprintf(w->device, sizeof(w->device), "%s", cfg->scan.device) >= (int)sizeof(w->device)) {
        pthread_cond_destroy(&w->ended_cond);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return -EINVAL;
    }
    w->cfg.scan.device = NULL; /* borrowed by the config: w->device is ours */
    *out = w;
    return 0;
}

/* Waits for a scan that has ended (or will end at once). */
static void join(struct scan_worker *w)
{
    if (!w->running)
        return;
    pthread_join(w->thread, NULL);
    w->running = false;
}

/* Waits up to ms for the running scan to end. True when it did (and its
 * thread is joined). */
static bool join_within(struct scan_worker *w, int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    while (!w->ended && pthread_cond_timedwait(&w->ended_cond, &w->lock, &until) == 0)
        ;
    bool ended = w->ended;
    pthread_mutex_unlock(&w->lock);
    if (ended)
        join(w);
    return ended;
}

void scan_worker_free(struct scan_worker *w)
{
    if (!w)
        return;
    scan_worker_discard(w);
    if (w->running && !join_within(w, FREE_WAIT_MS)) {
        /* Its thread still uses w: leave both to the end of the process. */
        fprintf(stderr, "serambi: scan: the scanner's driver does not stop; leaving it\n");
        return;
    }
    pthread_cond_destroy(&w->ended_cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

int scan_worker_start(struct scan_worker *w, int replace_index)
{
    struct scan_worker_status st;
    scan_worker_poll(w, &st);
    if (w->running)
        return -EBUSY; /* also a scan abandoned by the last visit, still ending */
    if (replace_index >= w->kept.n)
        return -EINVAL;
    int limit = w->cfg.scan.max_pages;
    if (replace_index < 0 && limit > 0 && w->kept.n >= limit)
        return -EFBIG;
    pthread_mutex_lock(&w->lock);
    w->cancel = false;
    w->ended = false;
    w->received = 0;
    w->blank = 0;
    w->result = SCAN_OK;
    pages_clear(&w->staged);
    /* A page scanned again is one sheet; more fails the scan whole. */
    w->max_pages = replace_index >= 0 ? 1 : limit > 0 ? limit - w->kept.n : 0;
    pthread_mutex_unlock(&w->lock);
    w->replace_index = replace_index;
    w->problem = SCAN_OK;
    w->blank_dropped = 0;
    if (pthread_create(&w->thread, NULL, run, w) != 0)
        return -EAGAIN;
    w->running = true;
    return 0;
}

void scan_worker_cancel(struct scan_worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->cancel = true;
    if (w->session)
        scan_session_cancel(w->session);
    pthread_mutex_unlock(&w->lock);
}

/* Moves the pages of a scan that succeeded into the letter. */
static void take_in(struct scan_worker *w)
{
    if (w->replace_index >= 0 && w->staged.n == 1) {
        page_fini(&w->kept.v[w->replace_index]);
        w->kept.v[w->replace_index] = w->staged.v[0];
        w->staged.n = 0;
        return;
    }
    for (int i = 0; i < w->staged.n; i++) {
        if (pages_push(&w->kept, &w->staged.v[i]) < 0) {
            w->problem = SCAN_PROBLEM_FAILED;
            break;
        }
    }
    pages_clear(&w->staged);
}

void scan_worker_poll(struct scan_worker *w, struct scan_worker_status *out)
{
    int received = 0;
    if (w->running) {
        pthread_mutex_lock(&w->lock);
        bool ended = w->ended;
        received = w->received;
        pthread_mutex_unlock(&w->lock);
        if (ended) {
            join(w);
            /* The thread is gone: what it left is ours without the lock. */
            if (!w->abandoned) {
                w->problem = w->result;
                w->blank_dropped = w->blank;
                if (w->result == SCAN_OK)
                    take_in(w);
            }
            w->abandoned = false;
            pages_clear(&w->staged);
        }
    }
    /* A scan left behind by the last visit is not this visitor's. */
    bool scanning = w->running && !w->abandoned;
    *out = (struct scan_worker_status){
        .state = scanning ? SCAN_WORKER_SCANNING : SCAN_WORKER_IDLE,
        .pages = w->kept.n,
        .scanning_page = scanning ? received : 0,
        .problem = w->problem,
        .blank_dropped = w->blank_dropped,
    };
}

int scan_worker_page_count(const struct scan_worker *w)
{
    return w->kept.n;
}

const struct scan_image *scan_worker_thumbnail(const struct scan_worker *w, int index,
                                               uint64_t *serial)
{
    if (index < 0 || index >= w->kept.n)
        return NULL;
    if (serial)
        *serial = w->kept.v[index].serial;
    return w->kept.v[index].thumb;
}

int scan_worker_remove(struct scan_worker *w, int index)
{
    if (w->running)
        return -EBUSY;
    if (index < 0 || index >= w->kept.n)
        return -EINVAL;
    page_fini(&w->kept.v[index]);
    memmove(&w->kept.v[index], &w->kept.v[index + 1],
            (size_t)(w->kept.n - index - 1) * sizeof(w->kept.v[0]));
    w->kept.n--;
    return 0;
}

void scan_worker_discard(struct scan_worker *w)
{
    if (w->running) {
        scan_worker_cancel(w);
        /* Not for ever: its pages are dropped whenever it ends (cancel is
         * set, and abandoned says they are nobody's). */
        w->abandoned = !join_within(w, DISCARD_WAIT_MS);
        if (w->abandoned)
            fprintf(stderr,
                    "serambi: scan: the scanner did not stop within %d ms; it ends on "
                    "its own, and scanning waits until then\n",
                    DISCARD_WAIT_MS);
    }
    if (!w->running)
        pages_fini(&w->staged); /* otherwise the thread still adds to it */
    pages_fini(&w->kept);
    w->problem = SCAN_OK;
    w->blank_dropped = 0;
}

int scan_worker_pdf(struct scan_worker *w, const struct scan_pdf_info *info, uint8_t **out,
                    size_t *len, int *pages)
{
    struct scan_pdf *pdf = NULL;
    if (w->running)
        return -EBUSY;
    if (w->kept.n == 0)
        return -ENODATA;
    int rc = scan_pdf_new(info, w->cfg.jpeg_quality, &pdf);
    if (rc < 0)
        return rc;
    for (int i = 0; i < w->kept.n && rc == 0; i++) {
        const struct page *p = &w->kept.v[i];
        if (p->bitonal)
            rc = scan_pdf_add_page(pdf, p->bitonal);
        else
            rc = scan_pdf_add_jpeg(pdf, p->jpeg, p->jpeg_len, p->width_px, p->height_px,
                                   p->resolution_dpi);
    }
    if (rc == 0)
        rc = scan_pdf_finish(pdf, out, len);
    if (rc == 0)
        *pages = w->kept.n;
    scan_pdf_free(pdf);
    return rc;
}
