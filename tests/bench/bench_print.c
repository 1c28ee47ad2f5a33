/*
 * bench_print — what the printer filter costs per ticket: wall time, CPU
 * time and the bytes that go down the USB cable, for ticket-sized rasters
 * at 58 mm (384 dots) and 80 mm (576 dots).
 *
 *   bench_print DIR     (DIR is created; its bench files are replaced)
 *
 * 1. The conversion in-process (rasterconv_run on a raster in memory),
 *    1000 times: median and p99 of wall time, CPU time per ticket.
 * 2. The filter program as cupsd runs it (rastertoescpos next to this
 *    program's folder, in ../bin), 200 times: wall time from fork to
 *    exit, and its CPU time (user + system, from wait4).
 *
 * The ticket is synthetic but shaped like the kiosk's: office name, a
 * large queue number, a QR code, eight lines of text, white between them.
 *
 * 3. The kiosk's own path against a real scheduler: a private cupsd
 *    (tests/print_cupsd.h) with queues from our 58 and 80 mm PPDs and the
 *    capture backend. Per ticket, from the visitor's "done" (a complaint
 *    committed through intake into a real store, its ticket handed to the
 *    ticket printer) to CUPS's answer to Send-Document (the job is
 *    accepted), and until the job's bytes are in the capture file; the
 *    CUPS raster and ESC/POS bytes of a real ticket; then the filter
 *    program timed on that real ticket as in 2.
 *
 * Prints tables; never fails for being slow (see docs/benchmarks.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h> /* the assertions of print_cupsd.h; failing one aborts */

#include "../print_cupsd.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "kiosk/tickets.h"
#include "print/submit.h"
#include "printer/rasterconv.h"

#define RUNS_INPROC 1000
#define RUNS_FILTER 200
#define RUNS_KIOSK  100

struct mem {
    uint8_t *data;
    size_t len, cap, pos;
};

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof(*v), cmp_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static ssize_t mem_write(void *ctx, unsigned char *buf, size_t len)
{
    struct mem *m = ctx;
    if (m->len + len > m->cap) {
        size_t cap = (m->len + len) * 2;
        uint8_t *d = realloc(m->data, cap);
        if (!d)
            return -1;
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, buf, len);
    m->len += len;
    return (ssize_t)len;
}

static ssize_t mem_read(void *ctx, unsigned char *buf, size_t len)
{
    struct mem *m = ctx;
    size_t n = m->len - m->pos < len ? m->len - m->pos : len;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

static int count_out(void *ctx, const uint8_t *data, size_t len)
{
    (void)data;
    *(size_t *)ctx += len;
    return 0;
}

static uint32_t rnd(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* Fills a w x h box at (x0, y0) with "glyphs": cells of cw x ch dots, a
 * fifth of the dots black, one dot of white around each cell. */
static void glyphs(uint8_t *bits, size_t stride, unsigned x0, unsigned y0, unsigned w, unsigned h,
                   unsigned cw, unsigned ch, uint32_t *seed)
{
    for (unsigned y = y0; y < y0 + h; y++)
        for (unsigned x = x0; x < x0 + w; x++) {
            unsigned cx = (x - x0) % cw, cy = (y - y0) % ch;
            if (cx == 0 || cy == 0 || cx == cw - 1 || cy == ch - 1)
                continue;
            if (rnd(seed) % 5 == 0)
                bits[y * stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
        }
}

/* A ticket `width` dots wide as CUPS raster in m. Returns its height. */
static unsigned make_ticket(unsigned width, struct mem *m)
{
    const unsigned height = 1100;
    size_t stride = (width + 7) / 8;
    uint8_t *bits = calloc(stride * height, 1);
    uint32_t seed = 12345;
    unsigned y = 24, margin = 16, text_w = width - 2 * margin;
    if (!bits)
        exit(1);
    glyphs(bits, stride, margin, y, text_w, 48, 12, 24, &seed); /* office name */
    y += 48 + 24;
    glyphs(bits, stride, width / 2 - 120, y, 240, 96, 60, 96, &seed); /* */
    y += 96 + 24;
    for (unsigned qy = 0; qy < 232; qy++) /* QR code: 29 modules of 8 dots */
        for (unsigned qx = 0; qx < 232; qx++)
            if (((qx / 8) * 31 + (qy / 8) * 17 + (qx / 8) * (qy / 8)) % 3 == 0) {
                unsigned x = width / 2 - 116 + qx;
                bits[(y + qy) * stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
            }
    y += 232 + 24;
    for (int line = 0; line < 8; line++, y += 36) /* text */
        glyphs(bits, stride, margin, y, text_w, 24, 12, 24, &seed);

    cups_raster_t *r = cupsRasterOpenIO(mem_write, m, CUPS_RASTER_WRITE_COMPRESSED);
    cups_page_header2_t h;
    memset(&h, 0, sizeof(h));
    h.HWResolution[0] = h.HWResolution[1] = 203;
    h.cupsWidth = width;
    h.cupsHeight = height;
    h.cupsBitsPerColor = h.cupsBitsPerPixel = 1;
    h.cupsBytesPerLine = (unsigned)stride;
    h.cupsColorSpace = CUPS_CSPACE_K;
    h.NumCopies = 1;
    if (!r || !cupsRasterWriteHeader2(r, &h) ||
        cupsRasterWritePixels(r, bits, (unsigned)(stride * height)) != stride * height) {
        fprintf(stderr, "bench_print: cannot write the raster\n");
        exit(1);
    }
    cupsRasterClose(r);
    free(bits);
    return height;
}

static void bench_inproc(const char *name, struct mem *ras, unsigned width)
{
    static double wall[RUNS_INPROC];
    struct rasterconv_options opt = {
        .width_dots = width, .cut = ESCPOS_CUT_PARTIAL, .feed_dots = 24, .copies = 1};
    size_t out = 0;
    struct rasterconv_events ev = {.ctx = &out, .write = count_out};
    char err[128];
    double cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < RUNS_INPROC; i++) {
        double t0 = clock_ms(CLOCK_MONOTONIC);
        ras->pos = 0;
        out = 0;
        cups_raster_t *r = cupsRasterOpenIO(mem_read, ras, CUPS_RASTER_READ);
        if (!r || rasterconv_run(r, &opt, &ev, err, sizeof(err)) != 0) {
            fprintf(stderr, "bench_print: conversion failed: %s\n", err);
            exit(1);
        }
        cupsRasterClose(r);
        wall[i] = clock_ms(CLOCK_MONOTONIC) - t0;
    }
    double cpu = (clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / RUNS_INPROC;
    printf("| %-28s | %7.3f | %7.3f | %7.3f | %7zu | %7zu |\n", name,
           quantile(wall, RUNS_INPROC, 0.5), quantile(wall, RUNS_INPROC, 0.99), cpu, ras->len, out);
}

static void bench_filter(const char *name, const char *filter, const char *in, const char *out,
                         size_t ras_len)
{
    static double wall[RUNS_FILTER], cpu[RUNS_FILTER];
    for (int i = 0; i < RUNS_FILTER; i++) {
        double t0 = clock_ms(CLOCK_MONOTONIC);
        pid_t pid = fork();
        if (pid < 0)
            exit(1);
        if (pid == 0) {
            int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
            int nul = open("/dev/null", O_WRONLY);
            if (fd < 0 || nul < 0 || dup2(fd, 1) < 0 || dup2(nul, 2) < 0)
                _exit(127);
            unsetenv("PPD");
            execl(filter, "rastertoescpos", "1", "bench", "ticket", "1",
                  "CutMode=Partial FeedAfter=3mm", in, (char *)NULL);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
            fprintf(stderr, "bench_print: %s failed\n", filter);
            exit(1);
        }
        wall[i] = clock_ms(CLOCK_MONOTONIC) - t0;
        cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    }
    struct stat st;
    if (stat(out, &st) != 0)
        exit(1);
    printf("| %-28s | %7.3f | %7.3f | %7.3f | %7zu | %7lld |\n", name,
           quantile(wall, RUNS_FILTER, 0.5), quantile(wall, RUNS_FILTER, 0.99),
           quantile(cpu, RUNS_FILTER, 0.5), ras_len, (long long)st.st_size);
}

/* --- 3. the kiosk's path through cupsd --------------------------------------- */

struct kiosk_run {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool accepted;
    double accepted_ms;
    size_t raster_bytes;
    const char *keep_raster; /* the first ticket's raster goes here */
};

static void on_rendered(void *ctx, const struct rec_ticket *t, const struct ticket_bitmap *bm)
{
    struct kiosk_run *k = ctx;
    (void)t;
    if (!k->keep_raster)
        return;
    uint8_t *data;
    size_t len;
    FILE *f = fopen(k->keep_raster, "wb");
    if (f && ticket_encode(bm, PRINT_FORMAT_CUPS_RASTER, &data, &len) == 0) {
        fwrite(data, 1, len, f);
        free(data);
    }
    if (f)
        fclose(f);
    k->keep_raster = NULL;
}

static void on_submitted(void *ctx, const struct rec_ticket *t, int job, size_t bytes)
{
    struct kiosk_run *k = ctx;
    (void)t;
    (void)job;
    pthread_mutex_lock(&k->lock);
    k->accepted = true;
    k->accepted_ms = clock_ms(CLOCK_MONOTONIC);
    k->raster_bytes = bytes;
    pthread_cond_signal(&k->cond);
    pthread_mutex_unlock(&k->lock);
}

static void bench_kiosk(struct pcd *cupsd, struct office *office, struct kiosk_config *cfg,
                        const char *queue, const char *keep_raster)
{
    static double commit[RUNS_KIOSK], accepted[RUNS_KIOSK], at_backend[RUNS_KIOSK];
    static struct tickets_options opt;
    static struct rec_complaint c;
    struct kiosk_run k = {.keep_raster = keep_raster};
    struct tickets *t = NULL;
    struct store *st = NULL;
    char err[512], db[PATH_MAX], out[PATH_MAX], name[128];
    size_t escpos_bytes = 0;
    pthread_mutex_init(&k.lock, NULL);
    pthread_cond_init(&k.cond, NULL);
    snprintf(cfg->printer_queue, sizeof(cfg->printer_queue), "%s", queue);
    opt = (struct tickets_options){.cfg = cfg,
                                   .server = cupsd->server,
                                   .rendered = on_rendered,
                                   .submitted = on_submitted,
                                   .rendered_ctx = &k};
    tickets_words("id", "id", &opt.words[0]);
    tickets_words("en", "id", &opt.words[1]);
    if (config_db_path(cfg, db, sizeof(db)) < 0 || store_open(db, &st, err, sizeof(err)) < 0 ||
        tickets_start(&opt, &t, err, sizeof(err)) < 0) {
        fprintf(stderr, "bench_print: %s\n", err);
        exit(1);
    }
    snprintf(name, sizeof(name), "out/%s.bin", queue);
    pcd_path(out, sizeof(out), cupsd, name);
    struct intake in = {.cfg = cfg, .office = office, .store = st};
    for (int i = 0; i < RUNS_KIOSK; i++) {
        struct rec_visit visit;
        struct rec_ticket ticket;
        struct timespec ts;
        struct stat sb;
        clock_gettime(CLOCK_REALTIME, &ts);
        int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
        memset(&c, 0, sizeof(c));
        c.privacy = REC_PRIVACY_ANONYMOUS;
        snprintf(c.body, sizeof(c.body), "Antrean terlalu lama.");
        struct store_record rec = {.kind = REC_COMPLAINT, .u.complaint = &c};
        pthread_mutex_lock(&k.lock);
        k.accepted = false;
        pthread_mutex_unlock(&k.lock);

        double t0 = clock_ms(CLOCK_MONOTONIC);
        store_visit_begin(st, now, "id", &visit);
        if (intake_submit(&in, &visit, rec, now, &ticket, NULL) < 0) {
            fprintf(stderr, "bench_print: the complaint was not stored\n");
            exit(1);
        }
        commit[i] = clock_ms(CLOCK_MONOTONIC) - t0;
        tickets_print(t, &ticket);
        pthread_mutex_lock(&k.lock);
        while (!k.accepted)
            pthread_cond_wait(&k.cond, &k.lock);
        accepted[i] = k.accepted_ms - t0;
        pthread_mutex_unlock(&k.lock);
        /* The capture backend renames the job's file into place when
         * it has every byte. */
        for (int w = 0; stat(out, &sb) != 0; w++) {
            if (w > 100000) {
                pcd_dump_errors(cupsd);
                fprintf(stderr, "bench_print: job %d never reached the backend\n", i);
                exit(1);
            }
            usleep(100);
        }
        at_backend[i] = clock_ms(CLOCK_MONOTONIC) - t0;
        escpos_bytes = (size_t)sb.st_size;
        unlink(out);
    }
    tickets_stop(t);
    store_close(st);
    printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %zu | %zu |\n", queue,
           quantile(commit, RUNS_KIOSK, 0.5), quantile(accepted, RUNS_KIOSK, 0.5),
           quantile(accepted, RUNS_KIOSK, 0.99), quantile(at_backend, RUNS_KIOSK, 0.5),
           quantile(at_backend, RUNS_KIOSK, 0.99), quantile(commit, RUNS_KIOSK, 0.99),
           k.raster_bytes, escpos_bytes);
    pthread_cond_destroy(&k.cond);
    pthread_mutex_destroy(&k.lock);
}

/* Times the kiosk's path for both paper widths; the first ticket of each
 * is kept in DIR/kiosk-WIDTH.ras for the filter's timing. */
static void bench_kiosk_path(const char *dir, const char *self_dir, const char *filter)
{
    static struct kiosk_config cfg;
    struct office office = {0};
    struct pcd cupsd;
    char err[512], ppd[PATH_MAX + 64], ras[2][PATH_MAX];
    pcd_start(&cupsd, filter, ".");
    static const char *const queues[2] = {"ticket58", "ticket80"};
    static const char *const ppds[2] = {"serambi58.ppd", "serambi80.ppd"};
    for (int i = 0; i < 2; i++) {
        snprintf(ppd, sizeof(ppd), "%s/../ppd/%s", self_dir, ppds[i]);
        pcd_add_queue(&cupsd, queues[i], ppd, NULL);
    }
    config_defaults(&cfg);
    pcd_path(cfg.data_dir, sizeof(cfg.data_dir), &cupsd, "data");
    snprintf(cfg.assets_dir, sizeof(cfg.assets_dir), "%s", th_assets_dir());
    snprintf(cfg.public_url, sizeof(cfg.public_url), "https://layanan.example.go.id");
    if (mkdir(cfg.data_dir, 0700) != 0 || office_load(&cfg, &office, err, sizeof(err)) < 0) {
        fprintf(stderr, "bench_print: %s\n", err);
        exit(1);
    }
    printf("\n| kiosk path, %d tickets | commit median ms | accepted median ms | accepted p99 ms "
           "| at backend median ms | at backend p99 ms | commit p99 ms | CUPS raster bytes | "
           "ESC/POS bytes |\n",
           RUNS_KIOSK);
    printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < 2; i++) {
        snprintf(ras[i], sizeof(ras[i]), "%s/kiosk-%s.ras", dir, queues[i]);
        bench_kiosk(&cupsd, &office, &cfg, queues[i], ras[i]);
    }
    office_fini(&office);
    pcd_stop(&cupsd);

    printf("\n| the kiosk's real ticket | wall median ms | wall p99 ms | CPU ms | raster bytes "
           "| ESC/POS bytes |\n");
    printf("|---|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < 2; i++) {
        char out[2 * PATH_MAX + 16], name[64];
        struct stat sb;
        snprintf(out, sizeof(out), "%s.escpos", ras[i]);
        snprintf(name, sizeof(name), "%s, filter program", queues[i]);
        if (stat(ras[i], &sb) == 0)
            bench_filter(name, filter, ras[i], out, (size_t)sb.st_size);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_print DIR\n");
        return 2;
    }
    if (mkdir(argv[1], 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "bench_print: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char self[PATH_MAX], filter[PATH_MAX + 32];
    if (!realpath(argv[0], self))
        return 1;
    snprintf(filter, sizeof(filter), "%s/../bin/rastertoescpos", dirname(self));

    printf("| ticket | wall median ms | wall p99 ms | CPU ms | raster bytes | ESC/POS bytes |\n");
    printf("|---|---:|---:|---:|---:|---:|\n");
    static const unsigned widths[] = {384, 576};
    for (int i = 0; i < 2; i++) {
        struct mem ras = {0};
        char name[64], in[PATH_MAX], out[PATH_MAX];
        unsigned h = make_ticket(widths[i], &ras);
        snprintf(name, sizeof(name), "%u x %u, in-process", widths[i], h);
        bench_inproc(name, &ras, widths[i]);
        snprintf(in, sizeof(in), "%s/ticket-%u.ras", argv[1], widths[i]);
        snprintf(out, sizeof(out), "%s/ticket-%u.escpos", argv[1], widths[i]);
        FILE *f = fopen(in, "wb");
        if (!f || fwrite(ras.data, 1, ras.len, f) != ras.len || fclose(f) != 0)
            return 1;
        if (access(filter, X_OK) == 0) {
            snprintf(name, sizeof(name), "%u x %u, filter program", widths[i], h);
            bench_filter(name, filter, in, out, ras.len);
        }
        free(ras.data);
    }
    if (access(filter, X_OK) != 0) {
        printf("(no %s: the filter program and the kiosk's path were not timed)\n", filter);
        return 0;
    }
    bench_kiosk_path(argv[1], self, filter); /* self is its folder now */
    return 0;
}
