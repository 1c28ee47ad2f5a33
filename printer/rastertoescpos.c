/*
 * rastertoescpos — the CUPS filter for ESC/POS thermal receipt printers:
 * CUPS raster in (file or stdin), ESC/POS out on stdout, messages for
 * cupsd on stderr.
 *
 *   rastertoescpos job-id user title copies options [file]
 *
 * The one idea: options are settled here, once, before any page is read —
 * the job's options first, then the queue's PPD defaults, and only when
 * the queue has no PPD the raster header's own CutMedia and AdvanceDistance
 * — so a cut or feed chosen on the queue is never lost to a client that
 * wrote a bare header. The conversion itself is rasterconv.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cups/cups.h>
#include <cups/ppd.h>
#include <cups/sidechannel.h>

#include "printer/escpos.h"
#include "printer/rasterconv.h"

/* 203 dpi: 8 dots to the millimetre. */
#define DOTS_PER_MM 8u
/* Seconds to wait after the job for the printer's answer to DLE EOT: none.
 * The request went out before the first page and a printer answers it as
 * it arrives, long before the page is printed, so the answer is in by now
 * or never comes; waiting would only hold every job back. */
#define STATUS_WAIT 0.0

static volatile sig_atomic_t canceled;

struct job {
    struct escpos_status last; /* what was last reported to cupsd */
    int have_last;
};

static void on_term(int sig)
{
    (void)sig;
    canceled = 1;
}

static int write_out(void *ctx, const uint8_t *data, size_t len)
{
    (void)ctx;
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, data, len);
        if (n < 0 && errno == EINTR && !canceled)
            continue;
        if (n < 0)
            return errno == EINTR ? -ECANCELED : -errno;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static void poll_status(struct job *job, double timeout);

static void on_page(void *ctx, unsigned number, unsigned copies)
{
    fprintf(stderr, "PAGE: %u %u\n", number, copies);
    poll_status(ctx, 0.0);
}

static void on_warning(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "WARNING: %s\n", msg);
}

static void report(const char *reason, int now, int before, int known)
{
    if (!known || now != before)
        fprintf(stderr, "STATE: %c%s\n", now ? '+' : '-', reason);
}

/* Reads what the printer answered to DLE EOT 4 on the back channel, if
 * anything, and tells cupsd about the paper through STATE: lines. */
static void poll_status(struct job *job, double timeout)
{
    char buf[16];
    ssize_t n = cupsBackChannelRead(buf, sizeof(buf), timeout);
    struct escpos_status st = {0};
    int any = 0;
    for (ssize_t i = 0; i < n; i++)
        if (escpos_status_parse(ESCPOS_STATUS_PAPER, (uint8_t)buf[i], &st) == 0)
            any = 1;
    if (!any)
        return;
    report("media-low-warning", st.paper_near_end, job->last.paper_near_end, job->have_last);
    report("media-empty-error", st.paper_out, job->last.paper_out, job->have_last);
    job->last = st;
    job->have_last = 1;
}

static int request_status(void)
{
    struct escpos_buf b;
    escpos_buf_init(&b);
    int rc = escpos_status_request(&b, ESCPOS_STATUS_PAPER);
    if (rc == 0)
        rc = write_out(NULL, b.data, b.len);
    escpos_buf_fini(&b);
    return rc;
}

/* A PPD driver's filter reads its PPD: that is the CUPS 2 driver interface,
 * which libcups marks deprecated in favour of printer applications. The
 * PPD calls are kept in this one region. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static int parse_cut(const char *v, void *out)
{
    enum escpos_cut *cut = out;
    if (strcmp(v, "None") == 0)
        *cut = ESCPOS_CUT_NONE;
    else if (strcmp(v, "Partial") == 0)
        *cut = ESCPOS_CUT_PARTIAL;
    else if (strcmp(v, "Full") == 0)
        *cut = ESCPOS_CUT_FULL;
    else
        return -EINVAL;
    return 0;
}

/* FeedAfter is in millimetres: "0mm" .. "50mm". */
static int parse_feed(const char *v, void *out)
{
    unsigned *dots = out;
    char *end;
    errno = 0;
    unsigned long mm = strtoul(v, &end, 10);
    if (errno || end == v || (strcmp(end, "mm") != 0 && *end) || mm > 50)
        return -EINVAL;
    *dots = (unsigned)mm * DOTS_PER_MM;
    return 0;
}

/* Settles one option into *out: the job's value when it parses, else the
 * PPD's marked choice, which is the queue's default. -ENOENT for neither. */
static int settle(const char *name, int num, cups_option_t *opts, ppd_file_t *ppd,
                  int (*parse)(const char *v, void *out), void *out)
{
    const char *v = cupsGetOption(name, num, opts);
    if (v) {
        if (parse(v, out) == 0)
            return 0;
        fprintf(stderr, "WARNING: unknown %s \"%s\" ignored\n", name, v);
    }
    ppd_choice_t *c = ppd ? ppdFindMarkedChoice(ppd, name) : NULL;
    return c && parse(c->choice, out) == 0 ? 0 : -ENOENT;
}

/* Settles cut, feed and width from the job's options `arg` and the PPD at
 * `ppd_path` (may be NULL: a queue without PPD, or the filter run by hand). */
static void settle_options(const char *arg, const char *ppd_path, struct rasterconv_options *o)
{
    cups_option_t *opts = NULL;
    int num = cupsParseOptions(arg, 0, &opts);
    ppd_file_t *ppd = NULL;

    if (ppd_path && *ppd_path) {
        ppd = ppdOpenFile(ppd_path);
        if (!ppd)
            fprintf(stderr, "WARNING: cannot read the PPD; using job options and the raster\n");
    }
    if (ppd) {
        ppdMarkDefaults(ppd);
        cupsMarkOptions(ppd, num, opts);
        ppd_attr_t *a = ppdFindAttr(ppd, "SerambiDotWidth", NULL);
        if (a && a->value)
            o->width_dots = (unsigned)strtoul(a->value, NULL, 10);
        if (o->width_dots > ESCPOS_MAX_WIDTH_BYTES * 8)
            o->width_dots = 0;
    }
    o->cut_from_header = settle("CutMode", num, opts, ppd, parse_cut, &o->cut) != 0;
    o->feed_from_header = settle("FeedAfter", num, opts, ppd, parse_feed, &o->feed_dots) != 0;
    cupsFreeOptions(num, opts);
    if (ppd)
        ppdClose(ppd);
}

#pragma GCC diagnostic pop

int main(int argc, char *argv[])
{
    struct rasterconv_options opt = {.cancel = &canceled, .cut = ESCPOS_CUT_NONE};
    struct job job = {.have_last = 0};
    struct rasterconv_events ev = {
        .ctx = &job, .write = write_out, .page = on_page, .warning = on_warning};
    cups_raster_t *ras = NULL;
    int fd = STDIN_FILENO, status = 1;
    char err[160] = "";

    if (argc < 6 || argc > 7) {
        fprintf(stderr, "Usage: %s job-id user title copies options [file]\n",
                argc > 0 ? argv[0] : "rastertoescpos");
        return 1;
    }
    /* Unbuffered, so PAGE: and STATE: lines reach cupsd as they happen. */
    setbuf(stderr, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    char *end;
    unsigned long copies = strtoul(argv[4], &end, 10);
    opt.copies = (*end || copies < 1) ? 1 : copies > 999 ? 999 : (unsigned)copies;

    if (argc == 7) {
        fd = open(argv[6], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "ERROR: cannot open the print file: %s\n", strerror(errno));
            goto out;
        }
    }
    settle_options(argv[5], getenv("PPD"), &opt);

    ras = cupsRasterOpen(fd, CUPS_RASTER_READ);
    if (!ras) {
        fprintf(stderr, "ERROR: the print file is not a CUPS raster\n");
        goto out;
    }
    /* Asked before the pages so that a bidirectional printer has answered
     * by the time they are out. */
    if (request_status() != 0 && !canceled) {
        fprintf(stderr, "ERROR: cannot write to the printer\n");
        goto out;
    }
    int rc = rasterconv_run(ras, &opt, &ev, err, sizeof(err));
    /* A read cut short by the cancel is a cancel, not a bad raster. */
    if (rc == -ECANCELED || canceled) {
        fprintf(stderr, "INFO: job canceled\n");
        status = 0;
        goto out;
    }
    if (rc == -EBADMSG)
        fprintf(stderr, "ERROR: bad raster: %s\n", err);
    else if (rc != 0)
        fprintf(stderr, "ERROR: printing failed: %s\n", strerror(-rc));
    else
        status = 0;
    poll_status(&job, STATUS_WAIT);
out:
    if (ras)
        cupsRasterClose(ras);
    if (fd != STDIN_FILENO && fd >= 0)
        close(fd);
    return status;
}
