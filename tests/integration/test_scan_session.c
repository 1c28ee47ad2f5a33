/*
 * test_scan_session — the scan session inside one process, as the kiosk's
 * scanner worker uses it, against SANE's `test` backend slowed down to a
 * visitor's pace: a cancel from another thread stops the scan and keeps
 * nothing; a finished scan goes through the PDF into the store as the
 * attachment of a meeting request, and comes back byte for byte.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../sane_fixture.h"
#include "../store_fixture.h"
#include "scan/blank.h"
#include "scan/pdf.h"
#include "scan/session.h"

/* A hung backend must fail the suite, not stall it. */
#define WATCHDOG_S 60

static struct sane_fixture sane;

/* 100 ms after every buffer the backend sends: a 1200 dpi page takes
 * about a second, long enough to cancel in the middle. */
static const char backend_conf[] = "number_of_devices 1\n"
                                   "test-picture \"Grid\"\n"
                                   "read-delay true\nread-delay-duration 100000\n"
                                   "tl_x 0.0\ntl_y 0.0\nbr_x 80.0\nbr_y 100.0\n";

static int group_setup(void **state)
{
    (void)state;
    /* The test backend leaks the buffer of a page cancelled midway (its
     * reader thread is stopped before it frees it): kept loaded, its
     * frames carry the backend's name, which tests/lsan-suppressions.txt
     * names. Our own leaks stay visible. */
    if (sf_init(&sane, "test\n", "test") != 0)
        return -1;
    sf_write(&sane, "test.conf", backend_conf);
    alarm(WATCHDOG_S);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    alarm(0);
    sf_fini(&sane);
    return 0;
}

FX_STORE_SUITE

struct pages {
    struct scan_pdf *pdf; /* NULL: only count */
    int count;
};

static int keep_page(void *ctx, struct scan_image *page)
{
    struct pages *p = ctx;
    int rc = 0;
    p->count++;
    if (p->pdf && !scan_blank_is_blank(page))
        rc = scan_pdf_add_page(p->pdf, page);
    scan_image_free(page);
    return rc;
}

static void *cancel_soon(void *arg)
{
    struct timespec delay = {0, 100 * 1000 * 1000};
    nanosleep(&delay, NULL);
    scan_session_cancel(arg);
    return NULL;
}

static void test_cancel_from_another_thread(void **state)
{
    struct ctx *c = *state;
    struct scan_session *s = NULL;
    struct pages got = {0};
    pthread_t canceller;
    assert_int_equal(scan_session_new(&s), 0);
    struct scan_options opt = {
        .source = SCAN_SOURCE_FLATBED, .mode = SCAN_MODE_GRAY, .resolution_dpi = 1200};
    assert_int_equal(pthread_create(&canceller, NULL, cancel_soon, s), 0);
    int rc = scan_session_run(s, &opt, keep_page, &got);
    assert_int_equal(pthread_join(canceller, NULL), 0);
    if (rc != -ECANCELED)
        fprintf(stderr, "cancel: %s\n", scan_session_detail(s));
    assert_int_equal(rc, -ECANCELED);
    assert_int_equal(scan_session_problem(s), SCAN_PROBLEM_CANCELLED);
    assert_int_equal(got.count, 0);
    /* Cancelling when nothing runs does nothing; the next scan works. */
    scan_session_cancel(s);
    opt.resolution_dpi = 100;
    rc = scan_session_run(s, &opt, keep_page, &got);
    if (rc != 0)
        fprintf(stderr, "after cancel: %s\n", scan_session_detail(s));
    assert_int_equal(rc, 0);
    assert_int_equal(got.count, 1);
    scan_session_free(s);
    assert_int_equal(fx_rows(c->st, "attachments"), 0);
}

static void test_letter_goes_into_the_store(void **state)
{
    struct ctx *c = *state;
    struct scan_session *s = NULL;
    struct rec_meeting m;
    struct rec_visit visit;
    struct store_ticket_request rq;
    struct rec_ticket ticket;
    store_visit_begin(c->st, FX_NOW_MS, "id", &visit);
    fx_meeting(&m, "Siti");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq);
    assert_int_equal(store_submit(c->st, &sub, 1, FX_NOW_MS, &ticket), 0);

    char name[256];
    assert_int_equal(scan_session_new(&s), 0);
    assert_int_equal(scan_session_find(s, NULL, name, sizeof(name)), 0);
    assert_string_equal(name, "test:0");
    assert_int_equal(scan_session_find(s, "nosuch:0", name, sizeof(name)), -ENODEV);

    struct scan_pdf_info info = {.title = "Surat permohonan",
                                 .tracking_code = m.tracking_code,
                                 .created_ms = FX_NOW_MS,
                                 .utc_offset_min = 420};
    struct pages got = {0};
    assert_int_equal(scan_pdf_new(&info, 75, &got.pdf), 0);
    struct scan_options opt = {.source = SCAN_SOURCE_ADF,
                               .mode = SCAN_MODE_LINEART,
                               .resolution_dpi = 100,
                               .max_pages = 10};
    assert_int_equal(scan_session_run(s, &opt, keep_page, &got), 0);
    assert_int_equal(got.count, 10);
    uint8_t *pdf = NULL;
    size_t len = 0;
    assert_int_equal(scan_pdf_finish(got.pdf, &pdf, &len), 0);
    struct rec_attachment a;
    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta, pdf, len,
                                          scan_pdf_page_count(got.pdf), FX_NOW_MS, &a),
                     0);
    assert_int_equal(a.pages, 10);
    uint8_t *back = NULL;
    size_t back_len = 0;
    assert_int_equal(store_attachment_data(c->st, a.meta.id, &back, &back_len), 0);
    assert_int_equal(back_len, len);
    assert_memory_equal(back, pdf, len);
    printf("10 line-art pages at 100 dpi: %zu bytes of PDF\n", len);
    free(back);
    free(pdf);
    scan_pdf_free(got.pdf);

    /* A feeder holding more than the limit fails whole: nothing is kept. */
    struct pages over = {0};
    opt.max_pages = 3;
    assert_int_equal(scan_session_run(s, &opt, keep_page, &over), -EFBIG);
    assert_int_equal(scan_session_problem(s), SCAN_PROBLEM_TOO_MANY);
    scan_session_free(s);
    assert_int_equal(fx_rows(c->st, "attachments"), 1);
}

int main(int argc, char **argv)
{
    (void)argc;
    th_sane_cancel_reexec(argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cancel_from_another_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_letter_goes_into_the_store, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
