/*
 * test_print_job — when a job counts as a printed ticket, and which
 * format a queue gets: job-state-reasons that say a job failed (CUPS
 * ends a job "completed" or "stopped" with them), and the format chosen
 * from a queue's document-format-supported and whether a driver
 * describes its paper (a queue without a driver lists every format it
 * passes through). The attribute values are the ones CUPS 2.4 reported
 * in tests/integration/test_print_tickets.c.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "print/job.h"
#include "print/queue.h"

static void test_reasons_that_fail(void **state)
{
    (void)state;
    static const char *const failed[] = {
        "job-completed-with-errors",   "aborted-by-system",     "job-canceled-at-device",
        "unsupported-document-format", "document-format-error", "document-unprintable-error",
        "document-access-error",       "compression-error",
    };
    for (size_t i = 0; i < sizeof(failed) / sizeof(failed[0]); i++)
        assert_true(print_job_reason_failed(failed[i]));
    static const char *const fine[] = {
        "none",
        "job-completed-successfully",
        "job-completed-with-warnings",
        "processing-to-stop-point", /* CUPS 2.4's reason of a completed job */
        "job-printing",
        "job-incoming",
        "cups-waiting-for-job-completed",
        "error", /* not a "*-error" keyword */
        "",
    };
    for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
        assert_false(print_job_reason_failed(fine[i]));
}

static void test_printed_only_when_completed_well(void **state)
{
    (void)state;
    struct print_job_info j = {.state = PRINT_JOB_COMPLETED, .impressions = 1};
    assert_true(print_job_printed(&j));
    j.failed = true;
    assert_false(print_job_printed(&j));
    j.failed = false;
    for (int s = PRINT_JOB_PENDING; s < PRINT_JOB_COMPLETED; s++) {
        j.state = (enum print_job_state)s;
        assert_false(print_job_printed(&j));
    }
}

static void test_format_of_a_queue(void **state)
{
    (void)state;
    const unsigned cups = PRINT_FORMAT_BIT_CUPS_RASTER, pwg = PRINT_FORMAT_BIT_PWG_RASTER;
    struct print_queue_info q = {.formats = cups, .media_given = true};
    assert_int_equal(print_queue_format(&q), cups); /* our PPD queues */
    q.formats = pwg;
    assert_int_equal(print_queue_format(&q), pwg); /* an everywhere queue */
    q.formats = cups | pwg;
    assert_int_equal(print_queue_format(&q), cups); /* a driver takes either */
    q.media_given = false;
    assert_int_equal(print_queue_format(&q), 0); /* a raw queue: the printer decides */
    q.formats = 0;
    q.media_given = true;
    assert_int_equal(print_queue_format(&q), 0); /* neither */
    q.formats = pwg;
    q.media_given = false;
    assert_int_equal(print_queue_format(&q), pwg); /* says it plainly */
}

static void test_asking_a_printer_that_is_not_ipp(void **state)
{
    (void)state;
    struct print_queue_info q = {0}, printer;
    assert_int_equal(print_queue_ask_printer(&q, &printer), -ENOTSUP);
    snprintf(q.device_uri, sizeof(q.device_uri), "usb://EPSON/TM-T20III?serial=X");
    assert_int_equal(print_queue_ask_printer(&q, &printer), -ENOTSUP);
    snprintf(q.device_uri, sizeof(q.device_uri), "capture:/tmp/ticket.bin");
    assert_int_equal(print_queue_ask_printer(&q, &printer), -ENOTSUP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reasons_that_fail),
        cmocka_unit_test(test_printed_only_when_completed_well),
        cmocka_unit_test(test_format_of_a_queue),
        cmocka_unit_test(test_asking_a_printer_that_is_not_ipp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
