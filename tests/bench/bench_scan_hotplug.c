/*
 * bench_scan_hotplug — what one check of the scanner watcher costs: SANE
 * started, its devices listed and SANE ended again (scan_backend_probe()),
 * with the machine's own SANE configuration (every backend Debian lists
 * in /etc/sane.d/dll.conf) and with the test backend alone; beside it,
 * listing the devices of a SANE kept up (what a check would cost if SANE
 * stayed initialised, which would not see a scanner plugged in later).
 *
 *   bench_scan_hotplug DIR     (DIR is created for a SANE configuration)
 *
 * Prints medians of 21 runs; never fails for being slow. The machine's
 * configuration lists no scanner here unless one is attached.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scan/backend.h"
#include "scan/session.h"

#define RUNS 21

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *ms)
{
    qsort(ms, RUNS, sizeof(ms[0]), by_value);
    return ms[RUNS / 2];
}

/* One fresh start-list-end per run; the first (cold) run is not counted. */
static int probe_ms(double *out, int *found)
{
    double ms[RUNS];
    char name[256];
    int rc = scan_backend_probe(NULL, name, sizeof(name));
    for (int i = 0; i < RUNS; i++) {
        double t = now_ms();
        rc = scan_backend_probe(NULL, name, sizeof(name));
        ms[i] = now_ms() - t;
        if (rc < 0 && rc != -ENODEV)
            return rc;
    }
    *found = rc == 0;
    *out = median(ms);
    return 0;
}

static int kept_up_ms(double *out)
{
    double ms[RUNS];
    char name[256];
    struct scan_session *s = NULL;
    if (scan_session_new(&s) < 0)
        return -EIO;
    scan_session_find(s, NULL, name, sizeof(name));
    for (int i = 0; i < RUNS; i++) {
        double t = now_ms();
        scan_session_find(s, NULL, name, sizeof(name));
        ms[i] = now_ms() - t;
    }
    scan_session_free(s);
    *out = median(ms);
    return 0;
}

/* SANE reads SANE_CONFIG_DIR once per process: each configuration is
 * measured in a child of its own. config_dir NULL: the machine's. */
struct result {
    int rc;
    int found;
    double probe_ms, kept_up_ms;
};

static struct result measure(const char *config_dir)
{
    struct result res = {.rc = -EIO};
    int fds[2];
    if (pipe(fds) != 0)
        return res;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        if (config_dir)
            setenv("SANE_CONFIG_DIR", config_dir, 1);
        else
            unsetenv("SANE_CONFIG_DIR");
        res.rc = probe_ms(&res.probe_ms, &res.found);
        if (res.rc == 0)
            res.rc = kept_up_ms(&res.kept_up_ms);
        ssize_t n = write(fds[1], &res, sizeof(res));
        _exit(n == (ssize_t)sizeof(res) ? 0 : 1);
    }
    close(fds[1]);
    if (pid < 0 || read(fds[0], &res, sizeof(res)) != (ssize_t)sizeof(res))
        res.rc = -EIO;
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return res;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: bench_scan_hotplug DIR\n", stderr);
        return 2;
    }
    char dir[4096], path[4200];
    snprintf(dir, sizeof(dir), "%s/sane-hotplug", argv[1]);
    mkdir(argv[1], 0700);
    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/dll.conf", dir);
    FILE *f = fopen(path, "w");
    if (!f || fputs("test\n", f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "bench_scan_hotplug: cannot write %s\n", path);
        return 1;
    }
    struct result sys = measure(NULL), test = measure(dir);
    if (sys.rc < 0 || test.rc < 0) {
        fputs("bench_scan_hotplug: SANE cannot start\n", stderr);
        return 1;
    }
    printf("%-44s %8s %8s %s\n", "scanner check, median of 21", "check", "kept up", "found");
    printf("%-44s %8.2f %8.2f %s\n", "every backend of the system dll.conf", sys.probe_ms,
           sys.kept_up_ms, sys.found ? "yes" : "no");
    printf("%-44s %8.2f %8.2f %s\n", "the test backend alone", test.probe_ms, test.kept_up_ms,
           test.found ? "yes" : "no");
    puts("(check: SANE started, devices listed, SANE ended; kept up: the list alone from a SANE "
         "left initialised, which does not see a scanner plugged in later)");
    return 0;
}
