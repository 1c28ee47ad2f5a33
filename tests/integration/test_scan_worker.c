/*
 * test_scan_worker — the UI's scan worker against SANE's `test` backend
 * (the real libsane, enabled through a private SANE_CONFIG_DIR whose
 * test.conf each case rewrites: SANE reads it again at every scan). The
 * caller's thread only polls, as the UI does; the wake callback counts.
 *
 * A cancelled scan, an injected jam and a scan past the page limit add
 * nothing and leave the pages kept before untouched; a blank sheet adds
 * nothing; rescanning replaces one page; the kept pages become one PDF
 * that qpdf accepts with the right page count.
 */
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../sane_fixture.h"
#include "scan/worker.h"

/* A hung backend must fail the suite, not stall it. */
#define WATCHDOG_S  120
#define DEADLINE_MS 20000

static struct sane_fixture sane;
static atomic_int wakes;
/* While set, the worker thread stays inside its wake call: a scan that
 * does not stop (what a wedged scanner's driver does, which cannot be
 * made to happen here on purpose). */
static atomic_bool hold_wakes;

static void on_wake(void)
{
    atomic_fetch_add(&wakes, 1);
    while (atomic_load(&hold_wakes)) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

/* The backend's picture and extra test.conf lines for the next scans. */
static void backend(const char *picture, const char *extra)
{
    char text[1024];
    int n = snprintf(text, sizeof(text),
                     "number_of_devices 1\ntest-picture \"%s\"\n"
                     "tl_x 0.0\ntl_y 0.0\nbr_x 80.0\nbr_y 100.0\n%s",
                     picture, extra);
    assert_true(n > 0 && (size_t)n < sizeof(text));
    sf_write(&sane, "test.conf", text);
}

static int group_setup(void **state)
{
    (void)state;
    /* kept loaded so that LeakSanitizer can name the backend's own leak
     * of a page cancelled midway (tests/lsan-suppressions.txt) */
    if (sf_init(&sane, "test\n", "test") != 0)
        return -1;
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

static struct scan_worker *worker(enum scan_source source, int max_pages)
{
    struct scan_worker_config cfg = {
        .scan = {.device = "test:0",
                 .source = source,
                 .mode = SCAN_MODE_GRAY,
                 .resolution_dpi = 100,
                 .max_pages = max_pages},
        .jpeg_quality = 75,
        .thumb_width_px = 120,
        .thumb_height_px = 160,
        .wake = on_wake,
    };
    struct scan_worker *w = NULL;
    assert_int_equal(scan_worker_new(&cfg, &w), 0);
    return w;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls as the UI does until no scan runs; the final status. */
static struct scan_worker_status wait_idle(struct scan_worker *w)
{
    struct scan_worker_status st;
    for (int waited = 0; waited < DEADLINE_MS; waited += 5) {
        scan_worker_poll(w, &st);
        if (st.state == SCAN_WORKER_IDLE)
            return st;
        sleep_ms(5);
    }
    fail_msg("the scan did not end within %d ms", DEADLINE_MS);
    return st;
}

static struct scan_worker_status scan(struct scan_worker *w, int replace_index)
{
    assert_int_equal(scan_worker_start(w, replace_index), 0);
    return wait_idle(w);
}

static void test_flatbed_pages_rescan_remove_and_pdf(void **state)
{
    (void)state;
    char path[600];
    backend("Grid", "");
    struct scan_worker *w = worker(SCAN_SOURCE_FLATBED, 5);
    atomic_store(&wakes, 0);
    struct scan_worker_status st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_OK);
    assert_int_equal(st.pages, 1);
    /* A page and the end of the scan each woke the UI. */
    assert_true(atomic_load(&wakes) >= 2);
    uint64_t first = 0, again = 0;
    const struct scan_image *th = scan_worker_thumbnail(w, 0, &first);
    assert_non_null(th);
    assert_int_equal(th->pixels, SCAN_PIXELS_GRAY);
    assert_true(th->width_px <= 120 && th->height_px <= 160);
    assert_null(scan_worker_thumbnail(w, 1, NULL));

    assert_int_equal(scan(w, -1).pages, 2);
    assert_int_equal(scan(w, -1).pages, 3);
    /* Page 2 scanned again: still three pages, page 2 is a new one. */
    uint64_t before = 0;
    scan_worker_thumbnail(w, 1, &before);
    st = scan(w, 1);
    assert_int_equal(st.problem, SCAN_OK);
    assert_int_equal(st.pages, 3);
    scan_worker_thumbnail(w, 1, &again);
    assert_true(again != before && again != first);
    assert_int_equal(scan_worker_remove(w, 2), 0);
    assert_int_equal(scan_worker_page_count(w), 2);
    assert_int_equal(scan_worker_remove(w, 2), -EINVAL);
    assert_int_equal(scan_worker_start(w, 2), -EINVAL);

    struct scan_pdf_info info = {.title = "Surat permohonan", .created_ms = INT64_C(1767315600000)};
    uint8_t *pdf = NULL;
    size_t len = 0;
    int pages = 0;
    assert_int_equal(scan_worker_pdf(w, &info, &pdf, &len, &pages), 0);
    assert_int_equal(pages, 2);
    assert_memory_equal(pdf, "%PDF-", 5);
    FILE *f = NULL;
    snprintf(path, sizeof(path), "%s/letter.pdf", sane.top);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf, 1, len, f), len);
    fclose(f);
    free(pdf);
    struct th_run r;
    th_run((char *[]){"/usr/bin/qpdf", "--check", path, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    th_run((char *[]){"/usr/bin/pdfinfo", path, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "Pages:           2"));
    th_run_fini(&r);
    remove(path);

    /* The kept pages stay for a second try; discarding forgets them. */
    assert_int_equal(scan_worker_page_count(w), 2);
    scan_worker_discard(w);
    assert_int_equal(scan_worker_page_count(w), 0);
    assert_int_equal(scan_worker_pdf(w, &info, &pdf, &len, &pages), -ENODATA);
    scan_worker_free(w);
}

static void test_page_limit(void **state)
{
    (void)state;
    backend("Grid", "");
    /* The feeder holds 10 sheets: more than the 3 allowed, nothing kept. */
    struct scan_worker *w = worker(SCAN_SOURCE_ADF, 3);
    struct scan_worker_status st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_PROBLEM_TOO_MANY);
    assert_int_equal(st.pages, 0);
    scan_worker_free(w);

    /* One page at a time up to the limit; then starting is refused. */
    w = worker(SCAN_SOURCE_FLATBED, 2);
    assert_int_equal(scan(w, -1).pages, 1);
    assert_int_equal(scan(w, -1).pages, 2);
    assert_int_equal(scan_worker_start(w, -1), -EFBIG);
    /* Scanning a page again stays within the limit. */
    assert_int_equal(scan(w, 0).pages, 2);
    scan_worker_free(w);

    /* With room for 12, the ten sheets come in whole. */
    w = worker(SCAN_SOURCE_ADF, 12);
    st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_OK);
    assert_int_equal(st.pages, 10);
    /* ... and a second feeder load may bring two more, not ten. */
    st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_PROBLEM_TOO_MANY);
    assert_int_equal(st.pages, 10);
    scan_worker_free(w);
}

/*
 * SANE's test backend stops its reader thread with an asynchronous
 * cancel, which could land inside malloc and hang the program for good
 * when a scan ends early (an injected error, a cancel); this program runs
 * with tests/sane/deferred-cancel.c preloaded, which keeps that cancel
 * deferred. Such cases still run in a child process with a deadline (and
 * once more when it hung), so that a hang fails the suite instead of
 * stalling it. The child reports the first check that failed as its exit
 * status.
 */
#define CHILD_DEADLINE_S 20

static int in_child(int (*fn)(void))
{
    for (int attempt = 1;; attempt++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            alarm(CHILD_DEADLINE_S);
            /* exit(), not _exit(): LeakSanitizer checks the child too. */
            exit(fn());
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFEXITED(status))
            return WEXITSTATUS(status);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGALRM || attempt == 3)
            return 100 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        fprintf(stderr, "a scan hung in the test backend; again (%d)\n", attempt);
    }
}

/* The status of a scan run to its end, as the child sees it. */
static int child_scan(struct scan_worker *w, int replace_index, struct scan_worker_status *st)
{
    if (scan_worker_start(w, replace_index) != 0)
        return -1;
    for (int waited = 0; waited < DEADLINE_MS; waited += 5) {
        scan_worker_poll(w, st);
        if (st->state == SCAN_WORKER_IDLE)
            return 0;
        sleep_ms(5);
    }
    return -1;
}

static const struct {
    const char *status;
    enum scan_problem problem;
} injected[] = {{"SANE_STATUS_JAMMED", SCAN_PROBLEM_JAM},
                {"SANE_STATUS_IO_ERROR", SCAN_PROBLEM_IO},
                {"SANE_STATUS_COVER_OPEN", SCAN_PROBLEM_COVER_OPEN}};
static size_t injected_case;

/* One page kept, then a scan that fails, adding to the letter and
 * replacing its page: the letter stays as it was. */
static int failure_child(void)
{
    struct scan_worker_status st;
    uint64_t kept = 0, now = 0;
    char extra[128];
    backend("Grid", "");
    struct scan_worker *w = worker(SCAN_SOURCE_FLATBED, 5);
    if (child_scan(w, -1, &st) < 0 || st.pages != 1)
        return 1;
    scan_worker_thumbnail(w, 0, &kept);
    snprintf(extra, sizeof(extra), "read-status-code \"%s\"\n", injected[injected_case].status);
    backend("Grid", extra);
    if (child_scan(w, -1, &st) < 0)
        return 2;
    if (st.problem != injected[injected_case].problem || st.pages != 1)
        return 3;
    if (child_scan(w, 0, &st) < 0 || st.problem != injected[injected_case].problem)
        return 4;
    scan_worker_thumbnail(w, 0, &now);
    if (now != kept || scan_worker_page_count(w) != 1)
        return 5;
    scan_worker_free(w);
    return 0;
}

static void test_failure_leaves_nothing(void **state)
{
    (void)state;
    for (injected_case = 0; injected_case < sizeof(injected) / sizeof(injected[0]);
         injected_case++) {
        int rc = in_child(failure_child);
        if (rc != 0)
            fail_msg("%s: check %d failed", injected[injected_case].status, rc);
    }
    /* Every sheet empty: nothing to keep. */
    backend("Solid white", "");
    struct scan_worker *w = worker(SCAN_SOURCE_FLATBED, 5);
    struct scan_worker_status st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_PROBLEM_BLANK);
    assert_int_equal(st.pages, 0);
    assert_int_equal(st.blank_dropped, 1);
    scan_worker_free(w);
    /* A scanner that is not there. */
    backend("Grid", "");
    struct scan_worker_config cfg = {
        .scan = {.device = "nosuch:0", .source = SCAN_SOURCE_FLATBED, .resolution_dpi = 100},
        .jpeg_quality = 75,
        .thumb_width_px = 10,
        .thumb_height_px = 10};
    assert_int_equal(scan_worker_new(&cfg, &w), 0);
    st = scan(w, -1);
    assert_int_equal(st.problem, SCAN_PROBLEM_NO_SCANNER);
    assert_int_equal(st.pages, 0);
    scan_worker_free(w);
}

static int cancel_child(void)
{
    /* 100 ms after every buffer: a page at 600 dpi takes seconds. */
    backend("Grid", "read-delay true\nread-delay-duration 100000\n");
    struct scan_worker_config cfg = {.scan = {.device = "test:0",
                                              .source = SCAN_SOURCE_FLATBED,
                                              .mode = SCAN_MODE_GRAY,
                                              .resolution_dpi = 600},
                                     .jpeg_quality = 75,
                                     .thumb_width_px = 10,
                                     .thumb_height_px = 10};
    struct scan_worker *w = NULL;
    struct scan_worker_status st;
    if (scan_worker_new(&cfg, &w) != 0 || scan_worker_start(w, -1) != 0)
        return 1;
    scan_worker_poll(w, &st);
    if (st.state != SCAN_WORKER_SCANNING)
        return 2;
    if (scan_worker_start(w, -1) != -EBUSY || scan_worker_remove(w, 0) != -EBUSY)
        return 3;
    sleep_ms(150);
    scan_worker_cancel(w);
    for (int waited = 0; st.state != SCAN_WORKER_IDLE && waited < DEADLINE_MS; waited += 5) {
        sleep_ms(5);
        scan_worker_poll(w, &st);
    }
    if (st.state != SCAN_WORKER_IDLE || st.problem != SCAN_PROBLEM_CANCELLED || st.pages != 0)
        return 4;
    /* Freeing a worker in the middle of a scan stops it and keeps nothing. */
    if (scan_worker_start(w, -1) != 0)
        return 5;
    sleep_ms(100);
    scan_worker_free(w);
    return 0;
}

static void test_cancel(void **state)
{
    (void)state;
    assert_int_equal(in_child(cancel_child), 0);
}

/* A visit that ends while the scanner does not stop: the UI does not
 * wait for it (if it did, this test would never get past the discard:
 * the scan is held until after it), the next visitor sees no scan and no
 * page of it, and scanning starts again once the scan ended. */
static void test_visit_ends_while_the_scanner_hangs(void **state)
{
    (void)state;
    backend("Grid", "");
    struct scan_worker *w = worker(SCAN_SOURCE_FLATBED, 5);
    struct scan_worker_status st;
    atomic_store(&wakes, 0);
    atomic_store(&hold_wakes, true);
    assert_int_equal(scan_worker_start(w, -1), 0);
    while (atomic_load(&wakes) == 0) /* the thread is held now */
        sleep_ms(5);
    scan_worker_discard(w);
    scan_worker_poll(w, &st);
    assert_int_equal(st.state, SCAN_WORKER_IDLE);
    assert_int_equal(st.pages, 0);
    assert_int_equal(st.problem, SCAN_OK);
    assert_int_equal(scan_worker_start(w, -1), -EBUSY);
    atomic_store(&hold_wakes, false);
    int rc = -EBUSY;
    for (int waited = 0; rc == -EBUSY && waited < DEADLINE_MS; waited += 5) {
        sleep_ms(5);
        rc = scan_worker_start(w, -1);
    }
    assert_int_equal(rc, 0);
    st = wait_idle(w);
    /* only the new scan's page: the abandoned one's was dropped */
    assert_int_equal(st.problem, SCAN_OK);
    assert_int_equal(st.pages, 1);
    scan_worker_free(w);
}

static void test_bad_config(void **state)
{
    (void)state;
    struct scan_worker *w = NULL;
    struct scan_worker_config cfg = {.scan = {.resolution_dpi = 100},
                                     .jpeg_quality = 0,
                                     .thumb_width_px = 10,
                                     .thumb_height_px = 10};
    assert_int_equal(scan_worker_new(&cfg, &w), -EINVAL);
    cfg.jpeg_quality = 75;
    cfg.scan.max_pages = -1;
    assert_int_equal(scan_worker_new(&cfg, &w), -EINVAL);
    scan_worker_free(NULL);
}

int main(int argc, char **argv)
{
    (void)argc;
    th_sane_cancel_reexec(argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flatbed_pages_rescan_remove_and_pdf),
        cmocka_unit_test(test_page_limit),
        cmocka_unit_test(test_failure_leaves_nothing),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_visit_ends_while_the_scanner_hangs),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
