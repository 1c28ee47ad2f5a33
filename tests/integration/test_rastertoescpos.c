/*
 * test_rastertoescpos — the filter program as cupsd runs it: what it
 * prints is decoded back and compared bit for bit with the raster; cut and
 * feed come from the job, the queue's PPD or, without a PPD, the raster
 * header; a raster wider than the paper is cropped with a warning; bad and
 * truncated rasters end in an ERROR: line and exit 1, never a crash (this
 * suite also runs under ASan and UBSan); SIGTERM cancels; paper status
 * from the back channel becomes STATE: lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../print_fixture.h"
#include "printer/rasterconv.h"

struct env {
    char dir[256];
    char filter[512];
    char ppd58[512];
    char ppd80[512];
    char in[512], out[512], err[512], bc[512];
};

static int setup(void **state)
{
    static struct env e;
    const char *build = getenv("SERAMBI_BUILD");
    if (!build)
        build = "build/release";
    snprintf(e.filter, sizeof(e.filter), "%s/bin/rastertoescpos", build);
    snprintf(e.ppd58, sizeof(e.ppd58), "%s/ppd/serambi58.ppd", build);
    snprintf(e.ppd80, sizeof(e.ppd80), "%s/ppd/serambi80.ppd", build);
    th_mkdtemp(e.dir, sizeof(e.dir));
    snprintf(e.in, sizeof(e.in), "%s/in.ras", e.dir);
    snprintf(e.out, sizeof(e.out), "%s/out.bin", e.dir);
    snprintf(e.err, sizeof(e.err), "%s/err.txt", e.dir);
    snprintf(e.bc, sizeof(e.bc), "%s/backchannel", e.dir);
    *state = &e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    th_rmtree(e->dir);
    return 0;
}

struct result {
    int status;
    uint8_t *out;
    size_t out_len;
    char *err;
    struct pf_decoded d;
};

static void run(struct env *e, const char *copies, const char *options, const char *ppd,
                const char *bc, struct result *r)
{
    size_t n;
    r->status = pf_run_filter(e->filter, copies, options, e->in, ppd, bc, e->out, e->err);
    r->out = (uint8_t *)th_read_file(e->out, &r->out_len);
    r->err = th_read_file(e->err, &n);
    assert_non_null(r->out);
    assert_non_null(r->err);
    /* Whatever the input, sanitizers and crashes never speak. */
    if (strstr(r->err, "Sanitizer") || strstr(r->err, "runtime error"))
        fail_msg("filter: %s", r->err);
    assert_int_equal(pf_decode(r->out, r->out_len, &r->d), 0);
}

static void result_fini(struct result *r)
{
    free(r->out);
    free(r->err);
    pf_decoded_fini(&r->d);
}

static void test_ppd_defaults_58_and_80(void **state)
{
    struct env *e = *state;
    const struct {
        const char *ppd;
        unsigned dots;
    } cases[] = {{e->ppd58, 384}, {e->ppd80, 576}};
    for (size_t i = 0; i < 2; i++) {
        struct pf_bitmap bm;
        struct result r;
        pf_ticket(&bm, cases[i].dots, 500, (unsigned)i + 1);
        pf_write_raster(e->in, &bm, 1, NULL);
        run(e, "1", "", cases[i].ppd, NULL, &r);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.err, "PAGE: 1 1\n"));
        assert_int_equal(r.d.resets, 1);
        assert_int_equal(r.d.status_requests, 1);
        assert_int_equal(r.d.npages, 1);
        /* The PPD's defaults: partial cut after 3 mm (24 dots). */
        assert_int_equal(r.d.pages[0].cut, 'P');
        pf_assert_page(&r.d.pages[0], &bm, cases[i].dots, 24);
        /* White gaps went out as feeds: far less than the bitmap itself. */
        assert_true(r.out_len < pf_stride(bm.width) * bm.height * 6 / 10);
        result_fini(&r);
        pf_bitmap_fini(&bm);
    }
}

static void test_job_options_win(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct result r;
    pf_ticket(&bm, 384, 200, 7);
    pf_write_raster(e->in, &bm, 1, NULL);

    run(e, "1", "CutMode=Full FeedAfter=10mm", e->ppd58, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.d.pages[0].cut, 'F');
    pf_assert_page(&r.d.pages[0], &bm, 384, 80);
    result_fini(&r);

    run(e, "1", "CutMode=None FeedAfter=0mm", e->ppd58, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.d.npages, 1);
    assert_int_equal(r.d.pages[0].cut, 0);
    pf_assert_page(&r.d.pages[0], &bm, 384, 0);
    result_fini(&r);

    /* A value the PPD does not know is named and the default stays. */
    run(e, "1", "CutMode=Sideways", e->ppd58, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "WARNING: unknown CutMode"));
    assert_int_equal(r.d.pages[0].cut, 'P');
    result_fini(&r);
    pf_bitmap_fini(&bm);
}

static void test_without_ppd(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct result r;
    cups_page_header2_t h;
    pf_ticket(&bm, 384, 120, 3);

    /* A bare header: no cut, no feed. */
    pf_write_raster(e->in, &bm, 1, NULL);
    run(e, "1", "", NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.d.pages[0].cut, 0);
    pf_assert_page(&r.d.pages[0], &bm, 384, 0);
    result_fini(&r);

    /* The header asks for a cut and a quarter inch (18 pt = 50 dots). */
    pf_header(&h, &bm);
    h.CutMedia = CUPS_CUT_PAGE;
    h.AdvanceDistance = 18;
    pf_write_raster(e->in, &bm, 1, &h);
    run(e, "1", "", NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.d.pages[0].cut, 'F');
    pf_assert_page(&r.d.pages[0], &bm, 384, 50);
    result_fini(&r);

    /* Job options still win over the header. */
    run(e, "1", "CutMode=Partial FeedAfter=5mm", NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.d.pages[0].cut, 'P');
    pf_assert_page(&r.d.pages[0], &bm, 384, 40);
    result_fini(&r);

    /* A PPD that is not there is a warning, not a failure. */
    run(e, "1", "", "/nonexistent/queue.ppd", NULL, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "WARNING: cannot read the PPD"));
    result_fini(&r);
    pf_bitmap_fini(&bm);
}

static void test_wide_raster_cropped(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct result r;
    pf_ticket(&bm, 645, 100, 9); /* odd width: the last byte is partial */
    pf_write_raster(e->in, &bm, 1, NULL);

    run(e, "1", "", e->ppd58, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "WARNING: raster is 645 dots wide, printer 384"));
    pf_assert_page(&r.d.pages[0], &bm, 384, 24);
    result_fini(&r);

    /* Without a PPD the widest thermal paper is assumed. */
    run(e, "1", "", NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "printer 576"));
    pf_assert_page(&r.d.pages[0], &bm, 576, 0);
    result_fini(&r);
    pf_bitmap_fini(&bm);

    /* Narrower than the paper prints as it is, partial byte masked. */
    pf_ticket(&bm, 301, 60, 4);
    pf_write_raster(e->in, &bm, 1, NULL);
    run(e, "1", "", e->ppd80, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.err, "WARNING"));
    pf_assert_page(&r.d.pages[0], &bm, 576, 24);
    result_fini(&r);
    pf_bitmap_fini(&bm);
}

static void test_pages_and_copies(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm[2];
    struct result r;
    pf_ticket(&bm[0], 576, 150, 11);
    pf_ticket(&bm[1], 576, 90, 12);
    pf_write_raster(e->in, bm, 2, NULL);

    run(e, "2", "", e->ppd80, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "PAGE: 1 2\n"));
    assert_non_null(strstr(r.err, "PAGE: 2 2\n"));
    assert_int_equal(r.d.npages, 4);
    pf_assert_page(&r.d.pages[0], &bm[0], 576, 24);
    pf_assert_page(&r.d.pages[1], &bm[0], 576, 24);
    pf_assert_page(&r.d.pages[2], &bm[1], 576, 24);
    pf_assert_page(&r.d.pages[3], &bm[1], 576, 24);
    result_fini(&r);
    pf_bitmap_fini(&bm[0]);
    pf_bitmap_fini(&bm[1]);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Runs the filter on in.ras and expects an ERROR: line and exit 1. */
static void expect_error(struct env *e, const char *what)
{
    struct result r;
    run(e, "1", "", e->ppd58, NULL, &r);
    if (r.status != 1 || !strstr(r.err, "ERROR: "))
        fail_msg("%s: exit %d, stderr: %s", what, r.status, r.err);
    /* Never half an image: a bad page is dropped before a byte of it. */
    assert_int_equal(r.d.bands, 0);
    result_fini(&r);
}

static void test_malformed_rasters(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    size_t len;

    write_bytes(e->in, "", 0);
    expect_error(e, "empty file");
    write_bytes(e->in, "%PDF-1.4\n", 9);
    expect_error(e, "not a raster");
    write_bytes(e->in, "RaS3", 4);
    expect_error(e, "sync word and nothing else");

    pf_ticket(&bm, 384, 100, 5);
    pf_write_raster(e->in, &bm, 1, NULL);
    uint8_t *good = (uint8_t *)th_read_file(e->in, &len);
    assert_non_null(good);
    /* Truncated: inside the header, just after it, in the middle of the
     * pixels, one byte short. */
    const size_t cuts[] = {10, 1796 + 4, len / 2, len - 1};
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        char what[64];
        snprintf(what, sizeof(what), "truncated at %zu of %zu", cuts[i], len);
        write_bytes(e->in, good, cuts[i]);
        expect_error(e, what);
    }
    free(good);

    pf_write_raster(e->in, &bm, 0, NULL); /* a sync word, then nothing */
    expect_error(e, "no page");

    /* Headers that lie; libcups may refuse them itself, or the filter does. */
    cups_page_header2_t lies[6];
    for (int i = 0; i < 6; i++)
        pf_header(&lies[i], &bm);
    lies[0].cupsBytesPerLine = 10;                /* does not match width */
    lies[1].cupsHeight = RASTERCONV_MAX_ROWS + 1; /* longer than any paper */
    lies[2].cupsColorSpace = CUPS_CSPACE_RGB;     /* colour */
    lies[3].cupsWidth = 0;                        /* nothing */
    lies[4].cupsBitsPerColor = 2;                 /* 2-bit grey */
    lies[5].cupsWidth = RASTERCONV_MAX_WIDTH + 8; /* wider than any paper */
    lies[5].cupsBytesPerLine = lies[5].cupsWidth / 8;
    for (int i = 0; i < 6; i++) {
        char what[32];
        int fd = open(e->in, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        assert_true(fd >= 0);
        cups_raster_t *ras = cupsRasterOpen(fd, CUPS_RASTER_WRITE);
        assert_non_null(ras);
        (void)cupsRasterWriteHeader2(ras, &lies[i]);
        (void)cupsRasterWritePixels(ras, bm.bits, (unsigned)(pf_stride(bm.width) * 4));
        cupsRasterClose(ras);
        close(fd);
        snprintf(what, sizeof(what), "lying header %d", i);
        expect_error(e, what);
    }
    pf_bitmap_fini(&bm);
}

static void test_back_channel_status(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct result r;
    pf_ticket(&bm, 384, 60, 2);
    pf_write_raster(e->in, &bm, 1, NULL);

    write_bytes(e->bc, "\x1e", 1); /* paper near its end */
    run(e, "1", "", e->ppd58, e->bc, &r);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "STATE: +media-low-warning\n"));
    assert_non_null(strstr(r.err, "STATE: -media-empty-error\n"));
    result_fini(&r);

    write_bytes(e->bc, "\x72", 1); /* paper out */
    run(e, "1", "", e->ppd58, e->bc, &r);
    assert_non_null(strstr(r.err, "STATE: +media-empty-error\n"));
    result_fini(&r);

    write_bytes(e->bc, "AB", 2); /* not status answers: nothing said */
    run(e, "1", "", e->ppd58, e->bc, &r);
    assert_null(strstr(r.err, "STATE:"));
    result_fini(&r);
    pf_bitmap_fini(&bm);
}

/* SIGTERM while the filter waits for the rest of a page: it stops, says
 * so, exits 0, and the half page never reaches the printer. */
static void test_sigterm_cancels(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    size_t len;
    int fds[2];
    pf_ticket(&bm, 384, 400, 6);
    pf_write_raster(e->in, &bm, 1, NULL);
    uint8_t *ras = (uint8_t *)th_read_file(e->in, &len);
    assert_non_null(ras);
    assert_int_equal(pipe(fds), 0);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int out = open(e->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(e->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || dup2(fds[0], 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        close(fds[1]);
        unsetenv("PPD");
        execl(e->filter, "rastertoescpos", "1", "u", "t", "1", "", (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    assert_int_equal(write(fds[1], ras, len / 2), (ssize_t)(len / 2));
    usleep(200 * 1000);
    assert_int_equal(kill(pid, SIGTERM), 0);
    usleep(100 * 1000);
    close(fds[1]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    size_t n;
    char *err = th_read_file(e->err, &n);
    uint8_t *out = (uint8_t *)th_read_file(e->out, &len);
    assert_non_null(err);
    assert_non_null(out);
    assert_non_null(strstr(err, "INFO: job canceled"));
    assert_null(strstr(err, "ERROR"));
    struct pf_decoded d;
    assert_int_equal(pf_decode(out, len, &d), 0);
    assert_int_equal(d.bands, 0);
    pf_decoded_fini(&d);
    free(err);
    free(out);
    free(ras);
    pf_bitmap_fini(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ppd_defaults_58_and_80),
        cmocka_unit_test(test_job_options_win),
        cmocka_unit_test(test_without_ppd),
        cmocka_unit_test(test_wide_raster_cropped),
        cmocka_unit_test(test_pages_and_copies),
        cmocka_unit_test(test_malformed_rasters),
        cmocka_unit_test(test_back_channel_status),
        cmocka_unit_test(test_sigterm_cancels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
