/*
 * test_scan_hotplug_usb — a USB scanner plugged in and pulled out while
 * the watcher runs, with real libusb and real SANE: umockdev (its
 * testbed library and its preload library, under which this program
 * re-executes itself) emulates the sysfs tree, the /dev/bus/usb nodes
 * and the udev events of a Canon CanoScan LiDE 400 (04a9:1912). libusb
 * hears the events through its udev monitor; SANE's `pixma` backend finds
 * the scanner through libusb in the emulated sysfs, and only while it is
 * there.
 *
 * What is not real: the device answers no USB transfer (umockdev backs
 * its node with a plain file), so pixma's request for the serial number
 * fails, which pixma tolerates; no scan is possible, and none is needed
 * to tell presence.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <umockdev.h>

#include "../helpers.h"
#include "../sane_fixture.h"
#include "scan/hotplug.h"

#define WATCHDOG_S 60
#define WAIT_MS    10000
#define PRELOAD    "libumockdev-preload.so.0"

#define SCANNER_SYSFS "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"

/* The root hub every USB bus has: with it, libusb finds a sysfs tree to
 * read when it starts, as on a real machine. */
static const char root_hub[] =
    "P: /devices/pci0000:00/0000:00:14.0/usb1\n"
    "N: bus/usb/001/001\n"
    "E: DEVNAME=/dev/bus/usb/001/001\n"
    "E: DEVTYPE=usb_device\n"
    "E: SUBSYSTEM=usb\n"
    "E: BUSNUM=001\n"
    "E: DEVNUM=001\n"
    "A: busnum=1\\n\n"
    "A: devnum=1\\n\n"
    "A: idVendor=1d6b\\n\n"
    "A: idProduct=0002\\n\n"
    "A: speed=480\\n\n"
    "A: bConfigurationValue=1\\n\n"
    /* device (hub class), one configuration, one interface, one endpoint */
    "H: descriptors=12010002090001406B1D020001060302010109021900010100E000"
    "0904000001090000000705810304000C\n";

/* The scanner: device descriptor 04a9:1912, one configuration with a
 * vendor-specific interface and two bulk endpoints, as pixma expects. */
static const char scanner[] = "P: /devices/pci0000:00/0000:00:14.0/usb1/1-1\n"
                              "N: bus/usb/001/002\n"
                              "E: DEVNAME=/dev/bus/usb/001/002\n"
                              "E: DEVTYPE=usb_device\n"
                              "E: SUBSYSTEM=usb\n"
                              "E: BUSNUM=001\n"
                              "E: DEVNUM=002\n"
                              "A: busnum=1\\n\n"
                              "A: devnum=2\\n\n"
                              "A: idVendor=04a9\\n\n"
                              "A: idProduct=1912\\n\n"
                              "A: speed=480\\n\n"
                              "A: bConfigurationValue=1\\n\n"
                              "H: descriptors=12010002000000"
                              "40A904121900010102030109022000010100C032"
                              "0904000002FF0000000705810200020007050202000200\n";

static UMockdevTestbed *bed;
static struct sane_fixture sane;

static int news_count;
static pthread_mutex_t news_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_news(void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&news_lock);
    news_count++;
    pthread_mutex_unlock(&news_lock);
}

static int news(void)
{
    pthread_mutex_lock(&news_lock);
    int n = news_count;
    pthread_mutex_unlock(&news_lock);
    return n;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits up to ms for the state to be presence, and for at least count
 * notifications; false when that does not happen. */
static bool wait_for(struct scan_hotplug *w, enum scan_presence presence, int count, int ms,
                     struct scan_hotplug_state *out)
{
    int64_t until = now_ms() + ms;
    for (;;) {
        scan_hotplug_get(w, out);
        bool done = out->presence == presence && news() >= count;
        if (done || now_ms() >= until)
            return done;
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

/* umockdev sends the "add" event of a device it adds, as the kernel does. */
static void plug_in(void)
{
    GError *err = NULL;
    assert_true(umockdev_testbed_add_from_string(bed, scanner, &err));
}

/* Removing sends no event by itself: with_event sends the kernel's. */

static void pull_out(bool with_event)
{
    if (with_event)
        umockdev_testbed_uevent(bed, SCANNER_SYSFS, "remove");
    umockdev_testbed_remove_device(bed, SCANNER_SYSFS);
}

static struct scan_hotplug *running;

static struct scan_hotplug *start(enum scan_hotplug_mode mode, int recheck_ms)
{
    struct scan_hotplug *w = NULL;
    struct scan_hotplug_config cfg = {
        .mode = mode, .recheck_ms = recheck_ms, .settle_ms = 50, .notify = on_news};
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
    return 0;
}

/* The scanner arrives and leaves; the watcher hears it from libusb and
 * SANE confirms it: absent, ready, absent, each change told. */
static void test_arrival_and_departure(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    int n = news();
    /* No periodic check could help within the test. */
    struct scan_hotplug *w = start(SCAN_HOTPLUG_AUTO, 3600 * 1000);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 1, WAIT_MS, &st));
    assert_true(st.usb_events);
    plug_in();
    assert_true(wait_for(w, SCAN_PRESENCE_READY, n + 2, WAIT_MS, &st));
    assert_string_equal(st.device, "pixma:04A91912");
    pull_out(true);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 3, WAIT_MS, &st));
    assert_string_equal(st.device, "");
    stop(w);
}

/* A scanner pulled out without its udev event is not noticed: it is the
 * event that drives the check (so this test could fail), and a forced
 * re-check is what repairs the state. */
static void test_no_event_no_check(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    int n = news();
    struct scan_hotplug *w = start(SCAN_HOTPLUG_AUTO, 3600 * 1000);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 1, WAIT_MS, &st));
    plug_in();
    assert_true(wait_for(w, SCAN_PRESENCE_READY, n + 2, WAIT_MS, &st));
    pull_out(false);
    assert_false(wait_for(w, SCAN_PRESENCE_ABSENT, n + 3, 1000, &st));
    assert_string_equal(st.device, "pixma:04A91912");
    scan_hotplug_recheck(w);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 3, WAIT_MS, &st));
    stop(w);
}

/* Without USB events (as where libusb has no hotplug), the periodic check
 * sees the same plug and pull. */
static void test_periodic_fallback(void **state)
{
    (void)state;
    struct scan_hotplug_state st;
    int n = news();
    struct scan_hotplug *w = start(SCAN_HOTPLUG_POLL, 200);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 1, WAIT_MS, &st));
    assert_false(st.usb_events);
    plug_in();
    assert_true(wait_for(w, SCAN_PRESENCE_READY, n + 2, WAIT_MS, &st));
    assert_string_equal(st.device, "pixma:04A91912");
    pull_out(false);
    assert_true(wait_for(w, SCAN_PRESENCE_ABSENT, n + 3, WAIT_MS, &st));
    stop(w);
}

static int group_setup(void **state)
{
    (void)state;
    GError *err = NULL;
    /* pixma kept loaded so that LeakSanitizer can name the backend's leaks */
    if (sf_init(&sane, "pixma\n", "pixma") != 0)
        return -1;
    bed = umockdev_testbed_new();
    if (!bed || !umockdev_testbed_add_from_string(bed, root_hub, &err))
        return -1;
    alarm(WATCHDOG_S);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    alarm(0);
    g_object_unref(bed);
    sf_fini(&sane);
    return 0;
}

/* The sanitizer runtime, when this program has one: it must come first
 * in LD_PRELOAD, before umockdev's library. */
static int find_asan(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    if (info->dlpi_name && strstr(info->dlpi_name, "/libasan.so")) {
        snprintf(arg, PATH_MAX, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}

/* umockdev works through its preload library: run again under it. */
static void reexec_under_umockdev(char **argv)
{
    const char *preload = getenv("LD_PRELOAD");
    if (preload && strstr(preload, PRELOAD))
        return;
    char asan[PATH_MAX] = "", value[PATH_MAX + 64];
    dl_iterate_phdr(find_asan, asan);
    snprintf(value, sizeof(value), "%s%s%s", asan, asan[0] ? ":" : "", PRELOAD);
    setenv("LD_PRELOAD", value, 1);
    if (asan[0]) {
        /* Leaks inside libusb (no frame pointers) are traced to their
         * caller only by the slow unwinder; see tests/lsan-suppressions.txt. */
        const char *opts = getenv("ASAN_OPTIONS");
        snprintf(value, sizeof(value), "%s%sfast_unwind_on_malloc=0", opts ? opts : "",
                 opts && opts[0] ? ":" : "");
        setenv("ASAN_OPTIONS", value, 1);
    }
    execv("/proc/self/exe", argv);
    fprintf(stderr, "test_scan_hotplug_usb: cannot run under %s: %s\n", PRELOAD, strerror(errno));
    exit(1);
}

int main(int argc, char **argv)
{
    (void)argc;
    reexec_under_umockdev(argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_arrival_and_departure, stop_leftover),
        cmocka_unit_test_teardown(test_no_event_no_check, stop_leftover),
        cmocka_unit_test_teardown(test_periodic_fallback, stop_leftover),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
