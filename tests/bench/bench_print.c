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
 * Prints a table; never fails for being slow (see docs/benchmarks.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "printer/rasterconv.h"

#define RUNS_INPROC 1000
#define RUNS_FILTER 200

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
    if (access(filter, X_OK) != 0)
        printf("(no %s: the filter program was not timed)\n", filter);
    return 0;
}
