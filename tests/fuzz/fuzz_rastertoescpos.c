/*
 * fuzz_rastertoescpos — the filter's conversion on arbitrary bytes, read
 * through libcups' raster reader as cupsd would hand them over: any input
 * ends in pages or an error, never a crash, a hang or a leak. The first
 * byte picks the printer width, cut and feed, so option paths get fuzzed
 * too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "printer/rasterconv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libcups allocates one row of the header's cupsBytesPerLine (up to 4 GB)
 * inside cupsRasterReadHeader2, before any filter can look at the header.
 * The allocation is never touched, so it costs address space, not memory;
 * the malloc limit is raised above it so that the fuzzer reports what our
 * code does, not that. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char limit[] = "-malloc_limit_mb=4200";
    static char *args[64];
    int n = *argc < 62 ? *argc : 62;
    memcpy(args, *argv, (size_t)n * sizeof(char *));
    args[n++] = limit;
    args[n] = NULL;
    *argc = n;
    *argv = args;
    return 0;
}

struct input {
    const uint8_t *data;
    size_t size, pos;
};

static ssize_t read_input(void *ctx, unsigned char *buf, size_t len)
{
    struct input *in = ctx;
    size_t n = in->size - in->pos < len ? in->size - in->pos : len;
    memcpy(buf, in->data + in->pos, n);
    in->pos += n;
    return (ssize_t)n;
}

static int count_bytes(void *ctx, const uint8_t *data, size_t len)
{
    (void)data;
    *(size_t *)ctx += len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned widths[] = {0, 384, 576, 8};
    if (size < 1)
        return 0;
    struct rasterconv_options opt = {
        .width_dots = widths[data[0] & 3],
        .cut = (enum escpos_cut)((data[0] >> 2) % 3),
        .feed_dots = (data[0] >> 4) * 8u,
        .copies = 1 + (data[0] >> 7),
        .cut_from_header = (data[0] & 0x40) != 0,
        .feed_from_header = (data[0] & 0x20) != 0,
    };
    struct input in = {.data = data + 1, .size = size - 1};
    size_t written = 0;
    struct rasterconv_events ev = {.ctx = &written, .write = count_bytes};
    char err[128];
    cups_raster_t *ras = cupsRasterOpenIO(read_input, &in, CUPS_RASTER_READ);
    if (!ras)
        return 0;
    (void)rasterconv_run(ras, &opt, &ev, err, sizeof(err));
    cupsRasterClose(ras);
    return 0;
}
