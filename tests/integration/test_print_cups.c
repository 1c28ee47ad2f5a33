/*
 * test_print_cups — tickets through a real CUPS scheduler: a private cupsd
 * on loopback (print_cupsd.h), queues made with lpadmin from the PPDs that
 * ppdc built, CUPS raster written with libcups and submitted the way the
 * kiosk does (Create-Job, Send-Document as application/vnd.cups-raster).
 * What reaches the capture backend is decoded back and must be the raster,
 * bit for bit, for 58 and 80 mm paper, with the cut and feed that the
 * job's options or the queue's defaults chose.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../print_cupsd.h"
#include "../print_fixture.h"

struct env {
    struct pcd cupsd;
    char ppd58[512], ppd80[512];
};

static int setup(void **state)
{
    static struct env e;
    char filter[512];
    const char *build = getenv("SERAMBI_BUILD");
    const char *source = getenv("SERAMBI_SOURCE");
    if (!build)
        build = "build/release";
    if (!source)
        source = ".";
    snprintf(filter, sizeof(filter), "%s/bin/rastertoescpos", build);
    snprintf(e.ppd58, sizeof(e.ppd58), "%s/ppd/serambi58.ppd", build);
    snprintf(e.ppd80, sizeof(e.ppd80), "%s/ppd/serambi80.ppd", build);
    *state = &e;
    pcd_start(&e.cupsd, filter, source);
    pcd_add_queue(&e.cupsd, "serambi58", e.ppd58, NULL);
    /* A queue default, as a technician would set it. */
    pcd_add_queue(&e.cupsd, "serambi80", e.ppd80, "FeedAfter=10mm");
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    pcd_stop(&e->cupsd);
    return 0;
}

static int job_state(http_t *http, int port, int id)
{
    char uri[256];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "127.0.0.1", port,
                     "/jobs/%d", id);
    ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ipp_t *resp = cupsDoRequest(http, req, "/");
    ipp_attribute_t *a = resp ? ippFindAttribute(resp, "job-state", IPP_TAG_ENUM) : NULL;
    int s = a ? ippGetInteger(a, 0) : -1;
    ippDelete(resp);
    return s;
}

/* Prints pages through queue `queue` with job options `options` and
 * decodes what the printer got. */
static void print_and_capture(struct env *e, const char *queue, const struct pf_bitmap *pages,
                              size_t n, const char *options, struct pf_decoded *d)
{
    char ras_path[512], out_path[512], name[128];
    size_t len;
    pcd_path(ras_path, sizeof(ras_path), &e->cupsd, "ticket.ras");
    snprintf(name, sizeof(name), "out/%s.bin", queue);
    pcd_path(out_path, sizeof(out_path), &e->cupsd, name);
    unlink(out_path);
    pf_write_raster(ras_path, pages, n, NULL);
    uint8_t *ras = (uint8_t *)th_read_file(ras_path, &len);
    assert_non_null(ras);

    http_t *http = httpConnect2("127.0.0.1", e->cupsd.port, NULL, AF_INET, HTTP_ENCRYPTION_NEVER, 1,
                                30000, NULL);
    assert_non_null(http);
    cups_option_t *opts = NULL;
    int nopts = cupsParseOptions(options, 0, &opts);
    int id = cupsCreateJob(http, queue, "ticket", nopts, opts);
    cupsFreeOptions(nopts, opts);
    if (id <= 0)
        fail_msg("Create-Job: %s", cupsLastErrorString());
    assert_int_equal(cupsStartDocument(http, queue, id, "ticket", "application/vnd.cups-raster", 1),
                     HTTP_STATUS_CONTINUE);
    assert_int_equal(cupsWriteRequestData(http, (const char *)ras, len), HTTP_STATUS_CONTINUE);
    assert_int_equal(cupsFinishDocument(http, queue), IPP_STATUS_OK);
    free(ras);

    int s = -1;
    for (int i = 0; i < 600; i++) {
        s = job_state(http, e->cupsd.port, id);
        if (s >= IPP_JSTATE_CANCELED)
            break;
        usleep(20 * 1000);
    }
    httpClose(http);
    if (s != IPP_JSTATE_COMPLETED) {
        pcd_dump_errors(&e->cupsd);
        fail_msg("job %d on %s ended in state %d, not completed", id, queue, s);
    }
    uint8_t *out = (uint8_t *)th_read_file(out_path, &len);
    assert_non_null(out);
    assert_int_equal(pf_decode(out, len, d), 0);
    free(out);
}

static void test_58mm_queue_defaults(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct pf_decoded d;
    pf_ticket(&bm, 384, 700, 21);
    print_and_capture(e, "serambi58", &bm, 1, "", &d);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 'P');
    pf_assert_page(&d.pages[0], &bm, 384, 24);
    pf_decoded_fini(&d);
    pf_bitmap_fini(&bm);
}

static void test_58mm_job_options(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct pf_decoded d;
    pf_ticket(&bm, 384, 300, 22);
    print_and_capture(e, "serambi58", &bm, 1, "CutMode=Full FeedAfter=20mm", &d);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 'F');
    pf_assert_page(&d.pages[0], &bm, 384, 160);
    pf_decoded_fini(&d);

    print_and_capture(e, "serambi58", &bm, 1, "CutMode=None FeedAfter=0mm", &d);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 0);
    pf_assert_page(&d.pages[0], &bm, 384, 0);
    pf_decoded_fini(&d);
    pf_bitmap_fini(&bm);
}

static void test_80mm_queue_default_and_job_option(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm[2];
    struct pf_decoded d;
    pf_ticket(&bm[0], 576, 640, 23);
    pf_ticket(&bm[1], 576, 200, 24);
    /* The queue's FeedAfter=10mm (80 dots), the PPD's partial cut. */
    print_and_capture(e, "serambi80", bm, 2, "", &d);
    assert_int_equal(d.npages, 2);
    assert_int_equal(d.pages[0].cut, 'P');
    pf_assert_page(&d.pages[0], &bm[0], 576, 80);
    pf_assert_page(&d.pages[1], &bm[1], 576, 80);
    pf_decoded_fini(&d);

    /* The job changes the cut; the queue's feed stays. */
    print_and_capture(e, "serambi80", bm, 1, "CutMode=Full", &d);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 'F');
    pf_assert_page(&d.pages[0], &bm[0], 576, 80);
    pf_decoded_fini(&d);
    pf_bitmap_fini(&bm[0]);
    pf_bitmap_fini(&bm[1]);
}

static void test_wider_raster_cropped_on_58mm(void **state)
{
    struct env *e = *state;
    struct pf_bitmap bm;
    struct pf_decoded d;
    pf_ticket(&bm, 576, 120, 25); /* an 80 mm ticket sent to a 58 mm queue */
    print_and_capture(e, "serambi58", &bm, 1, "", &d);
    pf_assert_page(&d.pages[0], &bm, 384, 24);
    pf_decoded_fini(&d);
    pf_bitmap_fini(&bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_58mm_queue_defaults),
        cmocka_unit_test(test_58mm_job_options),
        cmocka_unit_test(test_80mm_queue_default_and_job_option),
        cmocka_unit_test(test_wider_raster_cropped_on_58mm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
