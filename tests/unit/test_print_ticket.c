/*
 * test_print_ticket — the printed ticket before it meets a printer: the
 * date as the office writes it in both languages, what a ticket says for
 * each service, the rendering at 58 and 80 mm widths (exact width, text
 * inside the margins however long the office's name, the QR code), and
 * CUPS and PWG raster read back by libcups dot for dot. Real fonts (Noto
 * Sans through fontconfig) and the real libqrencode. Set
 * SERAMBI_TICKET_PNG=DIR to keep the rendered ticket as DIR/ticket.png.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cups/raster.h>

#include "../helpers.h"
#include "core/datetext.h"
#include "print/submit.h"
#include "print/ticket.h"

/* 2026-12-07 09:00 UTC: Monday 16.00 in Pontianak (UTC+7). */
#define MONDAY_0900_UTC ((int64_t)20794 * 86400000 + 9 * 3600000)

static void test_date_in_both_languages(void **state)
{
    (void)state;
    char buf[96];
    assert_int_equal(datetext_format("id", MONDAY_0900_UTC, 420, "WIB", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "Senin, 7 Desember 2026 pukul 16.00 WIB");
    assert_int_equal(datetext_format("en", MONDAY_0900_UTC, 420, "WIB", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "Monday, 7 December 2026 at 16.00 WIB");
    /* Before midnight UTC is already the next day in Jayapura (UTC+9). */
    assert_int_equal(
        datetext_format("id", MONDAY_0900_UTC + 15 * 3600000, 540, "WIT", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "Selasa, 8 Desember 2026 pukul 09.00 WIT");
    assert_int_equal(datetext_format("id", MONDAY_0900_UTC, 420, "WIB", buf, 10), -ENOSPC);
    assert_string_equal(buf, "");
}

static void words(struct ticket_words *w)
{
    memset(w, 0, sizeof(*w));
    snprintf(w->service[REC_SERVICE_GUEST], sizeof(w->service[0]), "Buku tamu");
    snprintf(w->service[REC_SERVICE_MEETING], sizeof(w->service[0]), "Permohonan rapat/audiensi");
    snprintf(w->service[REC_SERVICE_COMPLAINT], sizeof(w->service[0]), "Pengaduan");
    snprintf(w->number_label, sizeof(w->number_label), "Nomor antrean Anda");
    snprintf(w->code_label, sizeof(w->code_label), "Kode pelacakan");
    snprintf(w->scan_hint, sizeof(w->scan_hint), "Pindai untuk melihat status permohonan Anda.");
    snprintf(w->due_label[REC_SERVICE_COMPLAINT], sizeof(w->due_label[0]),
             "Jawaban paling lambat:");
    snprintf(w->due_label[REC_SERVICE_MEETING], sizeof(w->due_label[0]),
             "Surat balasan paling lambat:");
    for (int s = 0; s < REC_SERVICE_COUNT; s++)
        snprintf(w->next_step[s], sizeof(w->next_step[0]),
                 "Mohon tunggu, petugas akan memanggil nomor Anda.");
}

static void complaint(struct rec_ticket *t)
{
    memset(t, 0, sizeof(*t));
    t->service = REC_SERVICE_COMPLAINT;
    t->record_kind = REC_COMPLAINT;
    snprintf(t->number, sizeof(t->number), "P-007");
    snprintf(t->tracking_code, sizeof(t->tracking_code), "K7M-4QX9");
    t->meta.created_ms = MONDAY_0900_UTC - 6 * 3600000;
    t->due_ms = MONDAY_0900_UTC;
}

static void test_compose(void **state)
{
    (void)state;
    struct ticket_words w;
    struct rec_ticket t;
    struct ticket_doc d;
    words(&w);
    complaint(&t);
    ticket_compose(&w, "id", &t, "Dinas Koperasi", "https://hub.example/status/K7M-4QX9", 420,
                   "WIB", &d);
    assert_string_equal(d.service, "Pengaduan");
    assert_string_equal(d.number, "P-007");
    assert_string_equal(d.code, "K7M-4QX9");
    assert_string_equal(d.url, "https://hub.example/status/K7M-4QX9");
    assert_string_equal(d.issued, "Senin, 7 Desember 2026 pukul 10.00 WIB");
    assert_string_equal(d.due_label, "Jawaban paling lambat:");
    assert_string_equal(d.due, "Senin, 7 Desember 2026 pukul 16.00 WIB");

    /* A guest-book ticket has no code, no status page and no due time. */
    t.service = REC_SERVICE_GUEST;
    t.tracking_code[0] = '\0';
    ticket_compose(&w, "en", &t, "Dinas Koperasi", "https://hub.example/status/", 420, "WIB", &d);
    assert_string_equal(d.code, "");
    assert_string_equal(d.url, "");
    assert_string_equal(d.due, "");
    assert_string_equal(d.issued, "Monday, 7 December 2026 at 10.00 WIB");
}

struct env {
    struct ticket_renderer *r;
};

static int setup(void **state)
{
    static struct env e;
    char err[256];
    if (ticket_renderer_open(NULL, NULL, &e.r, err, sizeof(err)) < 0)
        fail_msg("%s", err);
    *state = &e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    ticket_renderer_close(e->r);
    return 0;
}

static void doc_of(struct ticket_doc *d, const char *office, bool with_url)
{
    struct ticket_words w;
    struct rec_ticket t;
    words(&w);
    complaint(&t);
    ticket_compose(&w, "id", &t, office, with_url ? "https://hub.example/status/K7M-4QX9" : "", 420,
                   "WIB", d);
}

static bool dot(const struct ticket_bitmap *bm, unsigned x, unsigned y)
{
    return (bm->bits[(size_t)y * bm->stride + x / 8] >> (7 - x % 8)) & 1;
}

/* Black dots in columns [x0, x1) of every row. */
static unsigned black_in_columns(const struct ticket_bitmap *bm, unsigned x0, unsigned x1)
{
    unsigned n = 0;
    for (unsigned y = 0; y < bm->height; y++)
        for (unsigned x = x0; x < x1 && x < bm->width; x++)
            n += dot(bm, x, y);
    return n;
}

static void test_render_widths(void **state)
{
    struct env *e = *state;
    static const unsigned widths[] = {384, 576, 390};
    struct ticket_doc d;
    doc_of(&d, "Dinas Koperasi dan UKM Provinsi Kalimantan Barat", true);
    for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        struct ticket_bitmap bm;
        assert_int_equal(ticket_render(e->r, &d, widths[i], 203, &bm), 0);
        assert_int_equal(bm.width, widths[i]);
        assert_int_equal(bm.stride, (widths[i] + 7) / 8);
        assert_true(bm.height > 400 && bm.height < 2000);
        assert_true(black_in_columns(&bm, 4, widths[i] - 4) > 1000);
        /* the margins stay white, and bits past the width are clear */
        assert_int_equal(black_in_columns(&bm, 0, 4), 0);
        assert_int_equal(black_in_columns(&bm, widths[i] - 4, widths[i]), 0);
        for (unsigned y = 0; widths[i] % 8 && y < bm.height; y++)
            assert_int_equal(bm.bits[y * bm.stride + bm.stride - 1] & (0xff >> (widths[i] % 8)), 0);
        ticket_bitmap_fini(&bm);
    }
    struct ticket_bitmap bm;
    assert_int_equal(ticket_render(e->r, &d, 100, 203, &bm), -EINVAL);
    assert_int_equal(ticket_render(e->r, &d, 384, 20, &bm), -EINVAL);
}

static void test_long_names_wrap(void **state)
{
    struct env *e = *state;
    struct ticket_doc shortd, longd;
    struct ticket_bitmap a, b;
    doc_of(&shortd, "Dinas", true);
    doc_of(&longd,
           "Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat "
           "SebuahNamaTanpaSpasiYangLebihPanjangDariSelebarKertasTiket",
           true);
    assert_int_equal(ticket_render(e->r, &shortd, 384, 203, &a), 0);
    assert_int_equal(ticket_render(e->r, &longd, 384, 203, &b), 0);
    /* Four more lines at least, and nothing in the margins. */
    assert_true(b.height >= a.height + 4 * 26);
    assert_int_equal(black_in_columns(&b, 0, 4), 0);
    assert_int_equal(black_in_columns(&b, 380, 384), 0);
    ticket_bitmap_fini(&a);
    ticket_bitmap_fini(&b);
}

static void test_qr_code(void **state)
{
    struct env *e = *state;
    struct ticket_doc with, without;
    struct ticket_bitmap a, b;
    doc_of(&with, "Dinas", true);
    doc_of(&without, "Dinas", false);
    assert_int_equal(ticket_render(e->r, &with, 384, 203, &a), 0);
    assert_int_equal(ticket_render(e->r, &without, 384, 203, &b), 0);
    /* The code (29 modules or more, 5 dots each, quiet zone) makes it longer. */
    assert_true(a.height >= b.height + 29 * 5);
    ticket_bitmap_fini(&a);
    ticket_bitmap_fini(&b);
}

struct reader {
    const uint8_t *data;
    size_t len, pos;
};

static ssize_t mem_read(void *ctx, unsigned char *buf, size_t len)
{
    struct reader *r = ctx;
    size_t n = r->len - r->pos < len ? r->len - r->pos : len;
    memcpy(buf, r->data + r->pos, n);
    r->pos += n;
    return (ssize_t)n;
}

static void read_back(const uint8_t *data, size_t len, const struct ticket_bitmap *bm)
{
    struct reader rd = {data, len, 0};
    cups_raster_t *r = cupsRasterOpenIO(mem_read, &rd, CUPS_RASTER_READ);
    cups_page_header2_t h;
    assert_non_null(r);
    assert_true(cupsRasterReadHeader2(r, &h));
    assert_int_equal(h.cupsWidth, bm->width);
    assert_int_equal(h.cupsHeight, bm->height);
    assert_int_equal(h.cupsBitsPerPixel, 1);
    assert_int_equal(h.cupsColorSpace, CUPS_CSPACE_K);
    assert_int_equal(h.HWResolution[0], 203);
    uint8_t *row = malloc(bm->stride);
    assert_non_null(row);
    for (unsigned y = 0; y < bm->height; y++) {
        assert_int_equal(cupsRasterReadPixels(r, row, (unsigned)bm->stride), bm->stride);
        assert_memory_equal(row, bm->bits + y * bm->stride, bm->stride);
    }
    assert_false(cupsRasterReadHeader2(r, &h)); /* one page */
    free(row);
    cupsRasterClose(r);
}

static void test_encode_cups_and_pwg(void **state)
{
    struct env *e = *state;
    struct ticket_doc d;
    struct ticket_bitmap bm;
    uint8_t *data = NULL;
    size_t len = 0;
    doc_of(&d, "Dinas Koperasi dan UKM Provinsi Kalimantan Barat", true);
    assert_int_equal(ticket_render(e->r, &d, 576, 203, &bm), 0);

    assert_int_equal(ticket_encode(&bm, PRINT_FORMAT_CUPS_RASTER, &data, &len), 0);
    /* compressed CUPS raster (version 2) in this machine's byte order */
    assert_true(memcmp(data, "2SaR", 4) == 0 || memcmp(data, "RaS2", 4) == 0);
    read_back(data, len, &bm);
    /* Mostly white: compressed far below the bitmap's size. */
    assert_true(len < bm.stride * bm.height / 3);
    free(data);

    assert_int_equal(ticket_encode(&bm, PRINT_FORMAT_PWG_RASTER, &data, &len), 0);
    assert_memory_equal(data, "RaS2", 4);
    read_back(data, len, &bm);
    free(data);

    assert_int_equal(ticket_encode(&bm, "text/plain", &data, &len), -EINVAL);

    char dir[256], path[512];
    const char *keep = getenv("SERAMBI_TICKET_PNG");
    th_mkdtemp(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/ticket.png", keep && *keep ? keep : dir);
    assert_int_equal(ticket_write_png(&bm, path), 0);
    char *png = th_read_file(path, &len);
    assert_non_null(png);
    assert_memory_equal(png, "\x89PNG", 4);
    free(png);
    th_rmtree(dir);
    ticket_bitmap_fini(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_in_both_languages),
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_render_widths),
        cmocka_unit_test(test_long_names_wrap),
        cmocka_unit_test(test_qr_code),
        cmocka_unit_test(test_encode_cups_and_pwg),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
