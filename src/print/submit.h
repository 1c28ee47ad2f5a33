/*
 * submit — hands one rendered ticket to CUPS from inside the kiosk
 * process, with no `lp` child: Create-Job, then Send-Document with the
 * raster as its one document.
 *
 * The one idea: the kiosk sends a raster it rendered itself at the
 * queue's dot width — CUPS raster for our ESC/POS driver, PWG raster for
 * an IPP Everywhere printer — so nothing is converted on the kiosk.
 */
#ifndef SERAMBI_PRINT_SUBMIT_H
#define SERAMBI_PRINT_SUBMIT_H

#include <stddef.h>

#define PRINT_FORMAT_CUPS_RASTER "application/vnd.cups-raster"
#define PRINT_FORMAT_PWG_RASTER  "image/pwg-raster"

/* Submits `len` bytes at `data` (borrowed) in `format` to `queue` on
 * `server` ("host:port"; NULL: cupsServer()) as job `title`, with job
 * options `options` ("name=value ..."; may be NULL). Returns 0 with the
 * job id in *job_id once the scheduler accepted the document;
 * -EHOSTUNREACH, -ENOENT (no such queue), -EAGAIN (the queue refuses
 * jobs now) or -EIO. */
int print_submit(const char *server, const char *queue, const char *title, const char *format,
                 const void *data, size_t len, const char *options, int *job_id);

#endif
