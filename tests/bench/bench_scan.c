/*
 * bench_scan — what the kiosk does with each page once the scanner sent
 * its last line: the blank check, then compression into the letter's PDF
 * (G4 for line art, JPEG at quality 75 for grey), for full A4 pages at
 * 300 dpi (2480 × 3508 pixels) synthesized to look like a typed letter:
 * text lines of word-sized strokes, a letterhead block, and for grey a
 * little paper noise. The SANE test backend scans only a small area, so
 * the pages are made here.
 *
 *   bench_scan [DIR]     (DIR is unused: nothing is written)
 *
 * For each kind: 50 pages into one PDF; median and p99 ms per page, PDF
 * bytes per page after the single save, and the resident memory after
 * page 1, 10 and 50 (it grows by the compressed pages only). Prints a
 * table; never fails for being slow.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scan/blank.h"
#include "scan/image.h"
#include "scan/pdf.h"

#define PAGES  50
#define WIDTH  2480
#define HEIGHT 3508
#define DPI    300

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static uint32_t rng = 12345;
static uint32_t next_random(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

/* A typed page: 1-inch margins, 40 lines of words 2–12 letters long. */
static void synth(struct scan_image *img, int seed)
{
    rng = (uint32_t)seed * 7919u + 1u;
    memset(img->data, img->pixels == SCAN_PIXELS_BITONAL ? 0x00 : 0xff,
           img->stride_bytes * (size_t)img->height_px);
    if (img->pixels == SCAN_PIXELS_GRAY)
        for (size_t i = 0; i < img->stride_bytes * (size_t)img->height_px; i += 7)
            img->data[i] = (uint8_t)(244 + next_random() % 8); /* paper grain */
    for (int line = 0; line < 40; line++) {
        int y0 = 450 + line * 70, x = 300;
        while (x < WIDTH - 300) {
            int word = (int)(2 + next_random() % 11) * 28;
            if (x + word > WIDTH - 300)
                break;
            for (int y = y0; y < y0 + 30; y++) {
                uint8_t *row = scan_image_row(img, y);
                for (int xx = x; xx < x + word; xx++) {
                    /* "H"-shaped letters in 28-pixel cells: two stems
                     * and a bar, about what a 12 pt typeface gives. */
                    int cx = (xx - x) % 28, cy = y - y0;
                    bool stem = cx < 4 || (cx >= 14 && cx < 18);
                    bool bar = cx < 18 && cy >= 13 && cy < 17;
                    if (!stem && !bar)
                        continue;
                    if (img->pixels == SCAN_PIXELS_BITONAL)
                        row[xx / 8] |= (uint8_t)(0x80 >> (xx % 8));
                    else
                        row[xx] = 30;
                }
            }
            x += word + 28;
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run(enum scan_pixels pixels, const char *name)
{
    struct scan_image *img = NULL;
    struct scan_pdf *pdf = NULL;
    struct scan_pdf_info info = {.title = "Benchmark", .tracking_code = "ABC-DEFG"};
    double ms[PAGES];
    long rss[3] = {0, 0, 0};
    uint8_t *bytes = NULL;
    size_t len = 0;
    int rc = scan_image_new(pixels, WIDTH, HEIGHT, DPI, &img);
    if (rc == 0)
        rc = scan_pdf_new(&info, 75, &pdf);
    for (int i = 0; rc == 0 && i < PAGES; i++) {
        synth(img, i);
        double t0 = now_ms();
        if (scan_blank_is_blank(img)) {
            fprintf(stderr, "bench_scan: page %d judged blank\n", i);
            rc = -1;
            break;
        }
        rc = scan_pdf_add_page(pdf, img);
        ms[i] = now_ms() - t0;
        if (i == 0)
            rss[0] = rss_kb();
        else if (i == 9)
            rss[1] = rss_kb();
        else if (i == PAGES - 1)
            rss[2] = rss_kb();
    }
    double save_ms = 0;
    if (rc == 0) {
        double t0 = now_ms();
        rc = scan_pdf_finish(pdf, &bytes, &len);
        save_ms = now_ms() - t0;
    }
    if (rc == 0) {
        qsort(ms, PAGES, sizeof(ms[0]), cmp_double);
        printf("| %-7s | %6.1f | %6.1f | %8zu | %6.1f | %7ld | %7ld | %7ld |\n", name,
               ms[PAGES / 2], ms[PAGES * 99 / 100], len / PAGES, save_ms, rss[0] / 1024,
               rss[1] / 1024, rss[2] / 1024);
    } else {
        fprintf(stderr, "bench_scan: %s failed (%d)\n", name, rc);
    }
    free(bytes);
    scan_pdf_free(pdf);
    scan_image_free(img);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("A4 at 300 dpi, %d pages into one PDF; ms from the last line to the page in the PDF\n",
           PAGES);
    printf("| page    | median | p99    | B/page   | save ms | MB p1   | MB p10  | MB p50  |\n");
    printf("|---------|-------:|-------:|---------:|--------:|--------:|--------:|--------:|\n");
    int failed = run(SCAN_PIXELS_BITONAL, "bitonal");
    failed |= run(SCAN_PIXELS_GRAY, "grey");
    return failed;
}
