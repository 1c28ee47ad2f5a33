/*
 * print_cupsd — a private CUPS scheduler for the printing tests: its own
 * configuration, spool, logs and ServerBin in a temporary folder, listening
 * on a free loopback port, never the machine's cupsd. ServerBin holds links
 * to the system's backends and helpers, our filter and the capture backend
 * (tests/print/capture-backend), which writes each job's device bytes to a
 * file.
 *
 * Header-only (static inline) so that each suite takes what it uses.
 * Include after <cmocka.h>. pcd_stop() runs from a cmocka teardown, so the
 * scheduler stops and the folder goes even when a test fails, and again at
 * exit in case the setup itself failed; the scheduler also gets SIGTERM
 * when the test program dies.
 */
#ifndef SERAMBI_TESTS_PRINT_CUPSD_H
#define SERAMBI_TESTS_PRINT_CUPSD_H

#include <arpa/inet.h>
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "helpers.h"

struct pcd {
    char dir[256];
    int port;
    pid_t pid;
    char server[64]; /* "127.0.0.1:PORT", for lpadmin -h */
};

static inline void pcd_stop(struct pcd *c);

/* The scheduler still running, for the exit handler: a failure inside the
 * suite's setup skips cmocka's teardown, but not exit(). */
static struct pcd *pcd_running;

static inline void pcd_at_exit(void)
{
    if (pcd_running)
        pcd_stop(pcd_running);
}

static inline void pcd_path(char *buf, size_t cap, const struct pcd *c, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", c->dir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

static inline void pcd_mkdir(const struct pcd *c, const char *name, mode_t mode)
{
    char p[512];
    pcd_path(p, sizeof(p), c, name);
    assert_int_equal(mkdir(p, mode), 0);
    assert_int_equal(chmod(p, mode), 0); /* past the umask */
}

/* Links every program in the system's ServerBin/sub into ours. */
static inline void pcd_link_all(const struct pcd *c, const char *sub)
{
    char from[PATH_MAX], to[PATH_MAX];
    snprintf(from, sizeof(from), "/usr/lib/cups/%s", sub);
    DIR *d = opendir(from);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        int n1 = snprintf(from, sizeof(from), "/usr/lib/cups/%s/%s", sub, e->d_name);
        int n2 = snprintf(to, sizeof(to), "%s/bin/%s/%s", c->dir, sub, e->d_name);
        assert_true(n1 > 0 && (size_t)n1 < sizeof(from) && n2 > 0 && (size_t)n2 < sizeof(to));
        assert_int_equal(symlink(from, to), 0);
    }
    closedir(d);
}

static inline int pcd_free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t len = sizeof(a);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_true(s >= 0);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
    close(s);
    return ntohs(a.sin_port);
}

static inline int pcd_listening(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof(a)) == 0;
    if (s >= 0)
        close(s);
    return ok;
}

/* Starts the scheduler with our filter `filter` and the capture backend
 * found in the source tree `source`. */
static inline void pcd_start(struct pcd *c, const char *filter, const char *source)
{
    char p[512], text[4096];
    static int handler_set;
    memset(c, 0, sizeof(*c));
    th_mkdtemp(c->dir, sizeof(c->dir));
    pcd_running = c;
    if (!handler_set && atexit(pcd_at_exit) == 0)
        handler_set = 1;
    /* Filters run as the unprivileged lp user: it must reach the PPDs and
     * the programs, never the captures. */
    assert_int_equal(chmod(c->dir, 0755), 0);
    pcd_mkdir(c, "conf", 0755);
    pcd_mkdir(c, "conf/ppd", 0755);
    pcd_mkdir(c, "spool", 0755);
    pcd_mkdir(c, "tmp", 01777);
    pcd_mkdir(c, "cache", 0755);
    pcd_mkdir(c, "state", 0755);
    pcd_mkdir(c, "log", 0755);
    pcd_mkdir(c, "out", 0700);
    pcd_mkdir(c, "bin", 0755);
    static const char *const subs[] = {"backend", "filter", "daemon", "notifier"};
    for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
        snprintf(p, sizeof(p), "bin/%s", subs[i]);
        pcd_mkdir(c, p, 0755);
        pcd_link_all(c, subs[i]);
    }
    pcd_path(p, sizeof(p), c, "bin/filter/rastertoescpos");
    char abs[PATH_MAX];
    assert_non_null(realpath(filter, abs));
    assert_int_equal(symlink(abs, p), 0);

    /* A backend without world permissions runs as root, so it can write
     * into out/, which the filters cannot read. */
    char src[512];
    size_t len;
    snprintf(src, sizeof(src), "%s/tests/print/capture-backend", source);
    char *script = th_read_file(src, &len);
    assert_non_null(script);
    th_write_file(c->dir, "bin/backend/capture", script, p, sizeof(p));
    free(script);
    assert_int_equal(chmod(p, 0700), 0);

    c->port = pcd_free_port();
    snprintf(c->server, sizeof(c->server), "127.0.0.1:%d", c->port);
    snprintf(text, sizeof(text),
             "LogLevel debug\n"
             "Listen 127.0.0.1:%d\n"
             "Browsing No\n"
             "WebInterface No\n"
             "DefaultAuthType None\n"
             "ErrorPolicy abort-job\n"
             "PreserveJobHistory Yes\n"
             "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
             "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
             c->port);
    th_write_file(c->dir, "conf/cupsd.conf", text, p, sizeof(p));
    static const char *const files_conf[][2] = {
        {"ServerRoot", "conf"},          {"ServerBin", "bin"},
        {"RequestRoot", "spool"},        {"TempDir", "tmp"},
        {"CacheDir", "cache"},           {"StateDir", "state"},
        {"AccessLog", "log/access_log"}, {"ErrorLog", "log/error_log"},
        {"PageLog", "log/page_log"},
    };
    size_t used =
        (size_t)snprintf(text, sizeof(text), "DataDir /usr/share/cups\nSystemGroup root\n");
    for (size_t i = 0; i < sizeof(files_conf) / sizeof(files_conf[0]); i++) {
        int n = snprintf(text + used, sizeof(text) - used, "%s %s/%s\n", files_conf[i][0], c->dir,
                         files_conf[i][1]);
        assert_true(n > 0 && (size_t)n < sizeof(text) - used);
        used += (size_t)n;
    }
    th_write_file(c->dir, "conf/cups-files.conf", text, p, sizeof(p));

    char conf[512], files[512];
    pcd_path(conf, sizeof(conf), c, "conf/cupsd.conf");
    pcd_path(files, sizeof(files), c, "conf/cups-files.conf");
    c->pid = fork();
    assert_true(c->pid >= 0);
    if (c->pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", conf, "-s", files, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200 && !pcd_listening(c->port); i++) {
        int status;
        if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
            c->pid = 0;
            fail_msg("cupsd exited at start (status %d)", status);
        }
        usleep(50 * 1000);
    }
    assert_true(pcd_listening(c->port));
    /* libcups in this process talks to this scheduler only. */
    setenv("CUPS_SERVER", c->server, 1);
}

/* Stops the scheduler and removes its folder. Safe on a half-started one. */
static inline void pcd_stop(struct pcd *c)
{
    if (c->pid > 0) {
        int status;
        kill(c->pid, SIGTERM);
        for (int i = 0; i < 100; i++) {
            if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
                c->pid = 0;
                break;
            }
            usleep(50 * 1000);
        }
        if (c->pid > 0) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
            c->pid = 0;
        }
    }
    if (c->dir[0])
        th_rmtree(c->dir);
    c->dir[0] = '\0';
    if (pcd_running == c)
        pcd_running = NULL;
}

/* Prints the scheduler's error lines, to explain a failed test. */
static inline void pcd_dump_errors(const struct pcd *c)
{
    char p[512];
    size_t len;
    pcd_path(p, sizeof(p), c, "log/error_log");
    char *log = th_read_file(p, &len);
    if (!log)
        return;
    for (char *line = log, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (line[0] == 'E' || line[0] == 'W' || strstr(line, "[Job"))
            fprintf(stderr, "cupsd: %s\n", line);
    }
    free(log);
}

/* Adds queue `name` printing to the capture file out/NAME.bin from the PPD
 * at `ppd`; `option` (may be NULL) is one "-o name=value" default. */
static inline void pcd_add_queue(const struct pcd *c, const char *name, const char *ppd,
                                 const char *option)
{
    char uri[512];
    struct th_run r;
    snprintf(uri, sizeof(uri), "capture:%s/out/%s.bin", c->dir, name);
    char *argv[] = {"/usr/sbin/lpadmin",
                    "-h",
                    (char *)c->server,
                    "-p",
                    (char *)name,
                    "-E",
                    "-v",
                    uri,
                    "-P",
                    (char *)ppd,
                    option ? "-o" : NULL,
                    (char *)option,
                    NULL};
    th_run(argv, &r);
    if (r.exit_code != 0)
        fail_msg("lpadmin %s: %s", name, r.err);
    th_run_fini(&r);
}

#endif
