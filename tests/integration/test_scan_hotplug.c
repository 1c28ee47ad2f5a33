/*
 * test_scan_hotplug — the scanner watcher's thread against real SANE
 * (its `test` backend, enabled or not through a private dll.conf), with
 * periodic checks: the state follows SANE's list, a re-check can be
 * forced, nothing asks SANE while a scan session lives, and a scan's
 * problem reaches the watcher when the session ends. USB events are
 * tested in test_scan_hotplug_usb.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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
#include "scan/hotplug.h"
#include "scan/session.h"

/* A hung backend must fail the suite, not stall it. */
#define WATCHDOG_S 60
/* How long a change may take to show; generous for a loaded machine. */
#define WAIT_MS 10000

static struct sane_fixture sane;

/* The watcher's notify: counts and wakes the test. */
struct news {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int count;
};

static struct news news = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};

static void on_news(void *ctx)
{
    struct news *n = ctx;
    pthread_mutex_lock(&n->lock);
    n->count++;
    pthread_cond_broadcast(&n->cond);
    pthread_mutex_unlock(&n->lock);
}

static int news_count(void)
{
    pthread_mutex_lock(&news.lock);
    int n = news.count;
    pthread_mutex_unlock(&news.lock);
    return n;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits up to ms for the count of notifications to pass count. */
static bool news_after(int count, int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&news.lock);
    while (news.count <= count && pthread_cond_timedwait(&news.cond, &news.lock, &until) == 0)
        ;
    bool more = news.count > count;
    pthread_mutex_unlock(&news.lock);
    return more;
}

/* Waits up to ms for the watcher to say presence; false when it does not. */
static bool wait_for(struct scan_hotplug *w, enum scan_presence presence, int ms,
                     struct scan_hotplug_state *out)
{
    int64_t until = now_ms() + ms;
    for (;;) {
        scan_hotplug_get(w, out);
        if (out->presence == presence || now_ms() >= until)
            return out->presence == presence;
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

/* Which backends SANE loads: "test" or none. Read by each sane_init(). */
static void backends(const char *dll_conf)
{
    sf_write(&sane, "dll.conf", dll_conf);
}

static void test_conf(const char *extra)
{
    char text[512];
    snprintf(text, sizeof(text),
             "number_of_devices 1\ntest-picture \"Grid\"\n"
             "tl_x 0.0\ntl_y 0.0\nbr_x 20.0\nbr_y 20.0\n%s",
             extra);
    sf_write(&sane, "test.conf", text);
}

static struct scan_hotplug *running;

static struct scan_hotplug *start(int recheck_ms)
{
    struct scan_hotplug *w = NULL;
    struct scan_hotplug_config cfg = {.mode = SCAN_HOTPLUG_POLL,
                                      .recheck_ms = recheck_ms,
                                      .notify = on_news,
                                      .notify_ctx = &news};
    assert_int_equal(scan_hotplug_start(&cfg, &w), 0);
    running = w;
    return w;
}

/* Stops the watcher a test started. */
static void stop(struct scan_hotplug *w)
{
    scan_hotplug_stop(w);
    running = NULL;
}

/* A test that failed midway leaves its watcher running: stop it, so that
 * the next test can start its own. */
static int stop_leftover(void **state)
{
    (void)state;
    stop(running);
    test_conf("");
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    /* kept loaded so that LeakSanitizer can name the backend's own leaks
     * (tests/lsan-suppressions.txt); each test says which backends load */
    if (sf_init(&sane, "", "test") != 0)
        return -1;
    test_conf("");
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

/* Without USB events the watcher asks SANE every period: a scanner that
 * appears and one that goes are both seen, and each change is told. */
static void test_periodic_checks_follow_sane(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    backends("test\n");
    int before = news_count();
    struct scan_hotplug *w = start(100);
    assert_true(wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st));
    assert_string_equal(st.device, "test:0");
    assert_false(st.usb_events);
    backends("");
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, WAIT_MS, &st));
    assert_string_equal(st.device, "");
    backends("test\n");
    assert_true(wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st));
    /* unknown -> ready -> absent -> ready */
    assert_true(news_after(before + 2, WAIT_MS));
    stop(w);
}

/* With a period far beyond the test, only a forced re-check can see the
 * scanner that appeared. */
static void test_recheck_on_demand(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    backends("");
    struct scan_hotplug *w = start(3600 * 1000);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, WAIT_MS, &st));
    backends("test\n");
    /* Nothing asks SANE again by itself... */
    assert_false(wait_for(w, SCAN_PRESENCE_READY, 300, &st));
    /* ...until asked to. */
    scan_hotplug_recheck(w);
    assert_true(wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st));
    assert_string_equal(st.device, "test:0");
    stop(w);
}

/* A configured device name is looked for, not just any scanner. */
static void test_wanted_device(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    struct scan_hotplug *w = NULL;
    backends("test\n");
    struct scan_hotplug_config cfg = {
        .device = "test:1", .mode = SCAN_HOTPLUG_POLL, .recheck_ms = 100};
    assert_int_equal(scan_hotplug_start(&cfg, &w), 0);
    running = w;
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, WAIT_MS, &st));
    test_conf("number_of_devices 2\n");
    assert_true(wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st));
    assert_string_equal(st.device, "test:1");
    stop(w);
    test_conf("");
}

/* While a session holds SANE the watcher does not ask: the state stays
 * as it was even though SANE would now list nothing; when the session
 * ends, the watcher asks at once. */
static void test_no_check_while_a_session_lives(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    struct scan_session *s = NULL;
    backends("test\n");
    struct scan_hotplug *w = start(50);
    assert_true(wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st));
    assert_int_equal(scan_session_new(&s), 0);
    backends("");
    /* Ten periods: a check run now would start a second SANE. */
    assert_false(wait_for(w, SCAN_PRESENCE_ABSENT, 500, &st));
    assert_string_equal(st.device, "test:0");
    scan_session_free(s);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, WAIT_MS, &st));
    stop(w);
}

static int drop_page(void *ctx, struct scan_image *page)
{
    (void)ctx;
    scan_image_free(page);
    return 0;
}

/* Waits up to WAIT_MS for the watcher's problem to be problem. */
static bool problem_becomes(struct scan_hotplug *w, enum scan_problem problem,
                            struct scan_hotplug_state *st)
{
    int64_t until = now_ms() + WAIT_MS;
    do
        scan_hotplug_get(w, st);
    while (st->problem != problem && now_ms() < until);
    return st->problem == problem;
}

/*
 * The jam scenario, in a child process (see the test below): 0 when every
 * check held, else the number of the check that failed. No cmocka
 * assertion here: one that failed would jump back into the child's copy
 * of the test runner.
 */
static int jam_scenario(void)
{
    struct scan_hotplug_state st;
    struct scan_session *s = NULL;
    struct scan_hotplug *w = NULL;
    char line[160];
    int failed = 0;
    struct scan_hotplug_config cfg = {.mode = SCAN_HOTPLUG_POLL,
                                      .recheck_ms = 3600 * 1000,
                                      .notify = on_news,
                                      .notify_ctx = &news};
    struct scan_options opt = {
        .source = SCAN_SOURCE_FLATBED, .mode = SCAN_MODE_GRAY, .resolution_dpi = 50};
    backends("test\n");
    if (scan_hotplug_start(&cfg, &w) < 0)
        return 1;
    if (!wait_for(w, SCAN_PRESENCE_READY, WAIT_MS, &st))
        failed = 2;
    int before = news_count();
    test_conf("read-status-code \"SANE_STATUS_JAMMED\"\n");
    if (!failed && scan_session_new(&s) < 0)
        failed = 3;
    if (!failed && (scan_session_run(s, &opt, drop_page, NULL) != -EIO ||
                    scan_session_problem(s) != SCAN_PROBLEM_JAM))
        failed = 4;
    scan_session_free(s);
    s = NULL;
    /* The session's end brought the jam to the watcher, which told it. */
    if (!failed && !problem_becomes(w, SCAN_PROBLEM_JAM, &st))
        failed = 5;
    if (!failed && (st.presence != SCAN_PRESENCE_READY || !news_after(before, WAIT_MS)))
        failed = 6;
    if (!failed && (scan_hotplug_describe(&st, NULL, line, sizeof(line)) != 0 ||
                    strcmp(line, "test:0; last scan: jam") != 0))
        failed = 7;
    /* A good scan clears it. */
    test_conf("");
    if (!failed && (scan_session_new(&s) < 0 || scan_session_run(s, &opt, drop_page, NULL) != 0))
        failed = 8;
    scan_session_free(s);
    if (!failed && !problem_becomes(w, SCAN_OK, &st))
        failed = 9;
    scan_hotplug_stop(w);
    return failed;
}

/*
 * A jam reported by a real scan is in the watcher's state (and told) once
 * the session ends; a good scan clears it. SANE's test backend stops its
 * reader thread with an asynchronous cancel when a scan ends early, which
 * could hang the program (docs/scanning.md; the preloaded
 * tests/sane/deferred-cancel.c prevents it): the scenario still runs in a
 * child under a deadline, again when it hung, so a hang cannot stall the
 * suite.
 */
static void test_scan_problem_reaches_the_watcher(void **state)
{
    (void)state;
    for (int attempt = 1; attempt <= 3; attempt++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            exit(jam_scenario()); /* exit(), not _exit(): LeakSanitizer checks the child */
        int status = 0;
        int64_t until = now_ms() + 3 * WAIT_MS;
        pid_t done = 0;
        while ((done = waitpid(pid, &status, WNOHANG)) == 0 && now_ms() < until) {
            struct timespec pause = {0, 20 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
        if (done == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fprintf(stderr, "a scan hung in the test backend; again (%d)\n", attempt);
            continue;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fprintf(stderr, "jam scenario: check %d failed\n",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        return;
    }
    fail_msg("the test backend hung three times");
}

static void test_one_watcher_per_process(void **state)
{
    (void)state;
    backends("");
    struct scan_hotplug *w = start(1000), *second = NULL;
    struct scan_hotplug_config cfg = {.mode = SCAN_HOTPLUG_POLL, .recheck_ms = 1000};
    assert_int_equal(scan_hotplug_start(&cfg, &second), -EBUSY);
    assert_null(second);
    stop(w);
    /* Stopped, another may start. */
    assert_int_equal(scan_hotplug_start(&cfg, &second), 0);
    running = second;
    stop(second);
}

int main(int argc, char **argv)
{
    (void)argc;
    th_sane_cancel_reexec(argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_periodic_checks_follow_sane, stop_leftover),
        cmocka_unit_test_teardown(test_recheck_on_demand, stop_leftover),
        cmocka_unit_test_teardown(test_wanted_device, stop_leftover),
        cmocka_unit_test_teardown(test_no_check_while_a_session_lives, stop_leftover),
        cmocka_unit_test_teardown(test_scan_problem_reaches_the_watcher, stop_leftover),
        cmocka_unit_test_teardown(test_one_watcher_per_process, stop_leftover),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
