/*
 * test_print_submit — the kiosk's side of printing against a real CUPS
 * scheduler (the private cupsd of print_cupsd.h): the queue's dot width,
 * resolution, state and reasons read from its IPP attributes; a paused or
 * refusing queue seen as such; a ticket submitted in-process arriving at
 * the printer bit for bit; and the errors for a queue or a scheduler that
 * is not there.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../print_cupsd.h"
#include "../print_fixture.h"
#include "print/queue.h"
#include "print/submit.h"
#include "print/worker.h"

struct env {
    struct pcd cupsd;
};

static int setup(void **state)
{
    static struct env e;
    char filter[512], ppd58[512], ppd80[512];
    const char *build = getenv("SERAMBI_BUILD");
    const char *source = getenv("SERAMBI_SOURCE");
    if (!build)
        build = "build/release";
    if (!source)
        source = ".";
    snprintf(filter, sizeof(filter), "%s/bin/rastertoescpos", build);
    snprintf(ppd58, sizeof(ppd58), "%s/ppd/serambi58.ppd", build);
    snprintf(ppd80, sizeof(ppd80), "%s/ppd/serambi80.ppd", build);
    *state = &e;
    pcd_start(&e.cupsd, filter, source);
    pcd_add_queue(&e.cupsd, "ticket58", ppd58, NULL);
    pcd_add_queue(&e.cupsd, "ticket80", ppd80, NULL);
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    pcd_stop(&e->cupsd);
    return 0;
}

static void test_reason_keywords(void **state)
{
    (void)state;
    assert_int_equal(print_reason_bit("media-empty-error"), PRINT_REASON_MEDIA_EMPTY);
    assert_int_equal(print_reason_bit("media-empty"), PRINT_REASON_MEDIA_EMPTY);
    assert_int_equal(print_reason_bit("media-needed-warning"), PRINT_REASON_MEDIA_EMPTY);
    assert_int_equal(print_reason_bit("media-low-report"), PRINT_REASON_MEDIA_LOW);
    assert_int_equal(print_reason_bit("offline-report"), PRINT_REASON_OFFLINE);
    assert_int_equal(print_reason_bit("door-open-error"), PRINT_REASON_DOOR_OPEN);
    assert_int_equal(print_reason_bit("paused"), PRINT_REASON_PAUSED);
    assert_int_equal(print_reason_bit("marker-supply-low-warning"), 0);
    assert_int_equal(print_reason_bit("none"), 0);
    assert_int_equal(print_reason_bit("jammed-error"), PRINT_REASON_OTHER);
    assert_int_equal(print_reason_bit("-error"), PRINT_REASON_OTHER);
    assert_int_equal(print_reason_bit("media-empty-errorx"), 0);
    assert_int_equal(print_reason_bit(""), 0);
}

static void test_queue_describes_itself(void **state)
{
    struct env *e = *state;
    struct print_queue_info info;
    assert_int_equal(print_queue_query(e->cupsd.server, "ticket58", &info), 0);
    assert_int_equal(info.dpi, 203);
    assert_int_equal(info.dot_width, 384);
    assert_int_equal(info.state, PRINT_STATE_IDLE);
    assert_true(info.accepting);
    assert_int_equal(info.reasons, 0);
    assert_true(print_queue_ready(&info));

    assert_int_equal(print_queue_query(e->cupsd.server, "ticket80", &info), 0);
    assert_int_equal(info.dot_width, 576);
}

static void run_tool(const struct env *e, const char *tool, const char *queue)
{
    struct th_run r;
    char *argv[] = {(char *)tool, "-h", (char *)e->cupsd.server, (char *)queue, NULL};
    th_run(argv, &r);
    if (r.exit_code != 0)
        fail_msg("%s: %s", tool, r.err);
    th_run_fini(&r);
}

static void test_paused_and_refusing(void **state)
{
    struct env *e = *state;
    struct print_queue_info info;
    static const uint8_t junk[4] = "RaS3";
    int id = -1;

    run_tool(e, "/usr/sbin/cupsdisable", "ticket58");
    assert_int_equal(print_queue_query(e->cupsd.server, "ticket58", &info), 0);
    assert_int_equal(info.state, PRINT_STATE_STOPPED);
    assert_true(info.reasons & PRINT_REASON_PAUSED);
    assert_false(print_queue_ready(&info));
    run_tool(e, "/usr/sbin/cupsenable", "ticket58");

    run_tool(e, "/usr/sbin/cupsreject", "ticket58");
    assert_int_equal(print_queue_query(e->cupsd.server, "ticket58", &info), 0);
    assert_false(info.accepting);
    assert_false(print_queue_ready(&info));
    assert_int_equal(print_submit(e->cupsd.server, "ticket58", "ticket", PRINT_FORMAT_CUPS_RASTER,
                                  junk, sizeof(junk), NULL, &id),
                     -EAGAIN);
    assert_int_equal(id, -1);
    run_tool(e, "/usr/sbin/cupsaccept", "ticket58");
    assert_int_equal(print_queue_query(e->cupsd.server, "ticket58", &info), 0);
    assert_true(print_queue_ready(&info));
}

static void test_missing_queue_and_scheduler(void **state)
{
    struct env *e = *state;
    struct print_queue_info info = {.dpi = 7};
    char nobody[64];
    int id = -1;
    assert_int_equal(print_queue_query(e->cupsd.server, "no-such-queue", &info), -ENOENT);
    assert_int_equal(info.dpi, 7); /* untouched */
    int rc = print_submit(e->cupsd.server, "no-such-queue", "t", PRINT_FORMAT_CUPS_RASTER, "RaS3",
                          4, NULL, &id);
    if (rc != -ENOENT)
        fail_msg("submit to a missing queue: %d, %s", rc, cupsLastErrorString());
    snprintf(nobody, sizeof(nobody), "127.0.0.1:%d", pcd_free_port());
    assert_int_equal(print_queue_query(nobody, "ticket58", &info), -EHOSTUNREACH);
    assert_int_equal(
        print_submit(nobody, "ticket58", "t", PRINT_FORMAT_CUPS_RASTER, "RaS3", 4, NULL, &id),
        -EHOSTUNREACH);
    assert_int_equal(print_queue_query("127.0.0.1:99999", "ticket58", &info), -EINVAL);
    assert_int_equal(id, -1);
}

static void test_submit_arrives_bit_for_bit(void **state)
{
    struct env *e = *state;
    struct print_queue_info info;
    struct pf_bitmap bm;
    struct pf_decoded d;
    char ras[512], out[512];
    size_t len;
    int id = 0;

    /* Rendered at the width the queue gives, as the kiosk does. */
    assert_int_equal(print_queue_query(e->cupsd.server, "ticket80", &info), 0);
    pf_ticket(&bm, info.dot_width, 480, 31);
    pcd_path(ras, sizeof(ras), &e->cupsd, "submit.ras");
    pcd_path(out, sizeof(out), &e->cupsd, "out/ticket80.bin");
    pf_write_raster(ras, &bm, 1, NULL);
    uint8_t *data = (uint8_t *)th_read_file(ras, &len);
    assert_non_null(data);
    assert_int_equal(print_submit(e->cupsd.server, "ticket80", "ticket", PRINT_FORMAT_CUPS_RASTER,
                                  data, len, "CutMode=Full", &id),
                     0);
    assert_true(id > 0);
    free(data);

    uint8_t *got = NULL;
    for (int i = 0; i < 500 && !got; i++) {
        got = (uint8_t *)th_read_file(out, &len);
        if (!got)
            usleep(20 * 1000);
    }
    if (!got)
        pcd_dump_errors(&e->cupsd);
    assert_non_null(got);
    assert_int_equal(pf_decode(got, len, &d), 0);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 'F');
    pf_assert_page(&d.pages[0], &bm, info.dot_width, 24);
    pf_decoded_fini(&d);
    free(got);
    pf_bitmap_fini(&bm);
}

struct collected {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct print_result res[4];
    int n;
};

static void collect(void *ctx, const struct print_result *res)
{
    struct collected *c = ctx;
    pthread_mutex_lock(&c->lock);
    if (c->n < 4)
        c->res[c->n++] = *res;
    pthread_cond_signal(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

/* The worker reports each ticket with the queue's state: printed on a
 * ready queue; held by CUPS (and reported as paused) on a stopped one;
 * refused by a queue that does not exist. */
static void test_worker_reports(void **state)
{
    struct env *e = *state;
    struct collected c = {.n = 0};
    struct print_worker *w = NULL;
    struct pf_bitmap bm;
    char ras[512];
    size_t len;
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.cond, NULL);
    pf_ticket(&bm, 384, 100, 41);
    pcd_path(ras, sizeof(ras), &e->cupsd, "worker.ras");
    pf_write_raster(ras, &bm, 1, NULL);

    run_tool(e, "/usr/sbin/cupsdisable", "ticket58");
    assert_int_equal(print_worker_start(e->cupsd.server, collect, &c, &w), 0);
    for (uint64_t tag = 1; tag <= 3; tag++) {
        uint8_t *data = (uint8_t *)th_read_file(ras, &len);
        assert_non_null(data);
        const char *queue = tag == 3 ? "no-such-queue" : tag == 2 ? "ticket58" : "ticket80";
        assert_int_equal(
            print_worker_submit(w, queue, PRINT_FORMAT_CUPS_RASTER, data, len, NULL, tag), 0);
    }
    pthread_mutex_lock(&c.lock);
    while (c.n < 3)
        pthread_cond_wait(&c.cond, &c.lock);
    pthread_mutex_unlock(&c.lock);
    print_worker_stop(w);
    run_tool(e, "/usr/sbin/cupsenable", "ticket58");

    assert_int_equal(c.res[0].tag, 1);
    assert_int_equal(c.res[0].rc, 0);
    assert_true(c.res[0].job_id > 0);
    assert_true(c.res[0].have_info && print_queue_ready(&c.res[0].info));
    assert_int_equal(c.res[1].tag, 2);
    assert_int_equal(c.res[1].rc, 0); /* held, printed when enabled */
    assert_true(c.res[1].have_info && (c.res[1].info.reasons & PRINT_REASON_PAUSED));
    assert_false(print_queue_ready(&c.res[1].info));
    assert_int_equal(c.res[2].tag, 3);
    assert_int_equal(c.res[2].rc, -ENOENT);
    assert_false(c.res[2].have_info);

    uint8_t junk[1] = {0};
    assert_int_equal(print_worker_submit(NULL, "q", "f", junk, 1, NULL, 9), -EINVAL);
    print_worker_stop(NULL);
    pthread_cond_destroy(&c.cond);
    pthread_mutex_destroy(&c.lock);
    pf_bitmap_fini(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reason_keywords),
        cmocka_unit_test(test_queue_describes_itself),
        cmocka_unit_test(test_paused_and_refusing),
        cmocka_unit_test(test_missing_queue_and_scheduler),
        cmocka_unit_test(test_submit_arrives_bit_for_bit),
        cmocka_unit_test(test_worker_reports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
