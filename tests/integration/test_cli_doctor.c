/*
 * test_cli_doctor — `serambi doctor` on a fresh kiosk, a kiosk whose
 * calendar lacks the current year, and kiosks with a damaged database or
 * rules file: the right rows, and exit 1 only when something is broken.
 * The hub rows against a real serambi-hub on loopback: answering and
 * enrolled, answering but not enrolled, and configured but not there.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"

struct kiosk {
    char dir[256];
    char conf[512];
    char data[400];
    char assets[400];
};

/* extra: more configuration lines, or "". */
static void make_kiosk_with(struct kiosk *k, const char *assets, const char *extra)
{
    th_mkdtemp(k->dir, sizeof(k->dir));
    snprintf(k->data, sizeof(k->data), "%s/data", k->dir);
    snprintf(k->assets, sizeof(k->assets), "%s", assets);
    assert_int_equal(mkdir(k->data, 0700), 0);
    char text[1024];
    snprintf(text, sizeof(text), "data_dir = %s\nassets_dir = %s\n%s", k->data, k->assets, extra);
    th_write_file(k->dir, "kiosk.conf", text, k->conf, sizeof(k->conf));
}

static void make_kiosk(struct kiosk *k, const char *assets)
{
    make_kiosk_with(k, assets, "");
}

static void run(struct kiosk *k, const char *cmd, struct th_run *r)
{
    char *argv[] = {(char *)th_serambi_bin(), "--config", k->conf, (char *)cmd, NULL};
    th_run(argv, r);
}

static void fresh_kiosk_is_healthy_with_a_note(void **state)
{
    (void)state;
    struct kiosk k;
    make_kiosk(&k, th_assets_dir());
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "config     ok"));
    assert_non_null(strstr(r.out, "office     ok"));
    assert_non_null(strstr(r.out, "does not exist yet"));
    assert_non_null(strstr(r.out, "disk       ok"));
    assert_non_null(strstr(r.out, "hub        warn"));
    assert_non_null(strstr(r.out, "works offline"));
    assert_null(strstr(r.out, "enrolled"));
    assert_non_null(strstr(r.out, "0 failed"));
    th_run_fini(&r);

    /* After the kiosk has stored something, the store row is ok. */
    run(&k, "demo", &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "store      ok"));
    assert_non_null(strstr(r.out, "integrity ok"));
    assert_non_null(strstr(r.out, "rows wait for the hub"));
    th_run_fini(&r);
    th_rmtree(k.dir);
}

static void missing_year_is_a_warning_that_names_it(void **state)
{
    (void)state;
    struct kiosk k;
    char assets[300], path[512], rules_src[512];
    th_mkdtemp(assets, sizeof(assets));
    snprintf(path, sizeof(path), "%s/office", assets);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(rules_src, sizeof(rules_src), "%s/office/service-rules.conf", th_assets_dir());
    char *rules = th_read_file(rules_src, NULL);
    assert_non_null(rules);
    char written[600];
    th_write_file(path, "service-rules.conf", rules, written, sizeof(written));
    free(rules);
    snprintf(path, sizeof(path), "%s/calendar", assets);
    assert_int_equal(mkdir(path, 0700), 0); /* present, but empty */

    make_kiosk(&k, assets);
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char expect[64];
    snprintf(expect, sizeof(expect), "no holiday calendar for %d", tm.tm_year + 1900);
    /* Near midnight of 31 December the office's year may be the next. */
    char expect_next[64];
    snprintf(expect_next, sizeof(expect_next), "no holiday calendar for %d", tm.tm_year + 1901);
    assert_true(strstr(r.out, expect) || strstr(r.out, expect_next));
    assert_non_null(strstr(r.out, "calendar   warn"));
    th_run_fini(&r);
    th_rmtree(k.dir);
    th_rmtree(assets);
}

static void damaged_database_fails(void **state)
{
    (void)state;
    struct kiosk k;
    make_kiosk(&k, th_assets_dir());
    char db[512];
    th_write_file(k.data, "kiosk.db", "this is not a database, it is a shopping list\n", db,
                  sizeof(db));
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.out, "store      FAIL"));
    assert_non_null(strstr(r.out, "1 failed"));
    th_run_fini(&r);
    th_rmtree(k.dir);
}

static void broken_rules_file_fails_with_its_line(void **state)
{
    (void)state;
    struct kiosk k;
    char assets[300], path[512];
    th_mkdtemp(assets, sizeof(assets));
    snprintf(path, sizeof(path), "%s/office", assets);
    assert_int_equal(mkdir(path, 0700), 0);
    char written[600];
    th_write_file(path, "service-rules.conf", "[reply_letter]\namount = three\n", written,
                  sizeof(written));
    make_kiosk(&k, assets);
    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.out, "office     FAIL"));
    assert_non_null(strstr(r.out, "service-rules.conf:2"));
    th_run_fini(&r);
    th_rmtree(k.dir);
    th_rmtree(assets);
}

/* --- a real serambi-hub on loopback ----------------------------------- */

struct hub {
    char dir[256];
    char bin[512];
    char db_url[512];
    int port;
    pid_t pid;
};

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t len = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* Starts serambi-hub on a free loopback port and waits for /healthz. */
static void start_hub(struct hub *h)
{
    const char *build = getenv("SERAMBI_BUILD");
    assert_non_null(build);
    th_mkdtemp(h->dir, sizeof(h->dir));
    snprintf(h->bin, sizeof(h->bin), "%s/bin/serambi-hub", build);
    snprintf(h->db_url, sizeof(h->db_url), "sqlite:%s/hub.db", h->dir);
    h->port = free_port();
    char listen[64];
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", h->port);
    h->pid = fork();
    assert_true(h->pid >= 0);
    if (h->pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        execl(h->bin, h->bin, "--db", h->db_url, "--listen", listen, (char *)NULL);
        _exit(127);
    }
    char url[96];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", h->port);
    for (int i = 0; i < 250; i++) {
        CURL *probe = curl_easy_init();
        curl_easy_setopt(probe, CURLOPT_URL, url);
        curl_easy_setopt(probe, CURLOPT_NOBODY, 1L);
        CURLcode cc = curl_easy_perform(probe);
        curl_easy_cleanup(probe);
        if (cc == CURLE_OK)
            return;
        usleep(20000);
    }
    fail_msg("serambi-hub did not start");
}

static void stop_hub(struct hub *h)
{
    kill(h->pid, SIGTERM);
    int status = 0;
    waitpid(h->pid, &status, 0);
    th_rmtree(h->dir);
}

static void hub_url_line(char *buf, size_t cap, int port)
{
    snprintf(buf, cap, "hub_url = http://127.0.0.1:%d/\n", port);
}

static void answering_hub_and_enrolled_kiosk_are_ok(void **state)
{
    (void)state;
    struct hub h;
    start_hub(&h);
    struct kiosk k;
    char extra[128];
    hub_url_line(extra, sizeof(extra), h.port);
    make_kiosk_with(&k, th_assets_dir(), extra);

    struct th_run r;
    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "hub        ok"));
    assert_non_null(strstr(r.out, "enrolled   warn"));
    assert_non_null(strstr(r.out, "serambi enroll CODE"));
    th_run_fini(&r);

    char *hub_argv[] = {h.bin, "--db", h.db_url, "enroll", "--name", "lobby-1", NULL};
    th_run(hub_argv, &r);
    assert_int_equal(r.exit_code, 0);
    char code[32] = "";
    assert_int_equal(sscanf(r.out, "%31s", code), 1);
    th_run_fini(&r);
    char *enroll_argv[] = {(char *)th_serambi_bin(), "--config", k.conf, "enroll", code, NULL};
    th_run(enroll_argv, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);

    run(&k, "doctor", &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "hub        ok"));
    assert_non_null(strstr(r.out, "enrolled   ok"));
    assert_non_null(strstr(r.out, "0 failed"));
    th_run_fini(&r);
    th_rmtree(k.dir);
    stop_hub(&h);
}

static void hub_that_does_not_answer_fails_with_a_way_forward(void **state)
{
    (void)state;
    struct kiosk k;
    char extra[128];
    hub_url_line(extra, sizeof(extra), free_port()); /* nothing listens there */
    make_kiosk_with(&k, th_assets_dir(), extra);
    struct th_run r;
    time_t start = time(NULL);
    run(&k, "doctor", &r);
    assert_true(time(NULL) - start < 10);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.out, "hub        FAIL"));
    assert_non_null(strstr(r.out, "check the network and that serambi-hub runs there"));
    assert_non_null(strstr(r.out, "1 failed"));
    th_run_fini(&r);
    th_rmtree(k.dir);
}

/* The SANE configuration every doctor run here sees: the test backend
 * alone, so that no test asks the machine's real scanner backends (which
 * also leak what LeakSanitizer cannot name once sane_exit() unloads them). */
static char sane_dir[256];

static void sane_backends(const char *dll_conf)
{
    char path[512];
    th_write_file(sane_dir, "dll.conf", dll_conf, path, sizeof(path));
}

static int group_setup(void **state)
{
    (void)state;
    th_mkdtemp(sane_dir, sizeof(sane_dir));
    sane_backends("test\n");
    setenv("SANE_CONFIG_DIR", sane_dir, 1);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    th_rmtree(sane_dir);
    return 0;
}

/* The scanner row against SANE's test backend, enabled or not: found, or
 * a warning that says what to do. */
static void scanner_row_says_found_or_what_to_do(void **state)
{
    (void)state;
    struct kiosk k, named;
    struct th_run r;
    make_kiosk(&k, th_assets_dir());
    run(&k, "doctor", &r);
    assert_non_null(strstr(r.out, "scanner    ok    test:0 found"));
    th_run_fini(&r);

    make_kiosk_with(&named, th_assets_dir(), "scanner_device = nosuch:scanner\n");
    run(&named, "doctor", &r);
    assert_non_null(
        strstr(r.out, "scanner    warn  nosuch:scanner (scanner_device) is not attached"));
    assert_non_null(strstr(r.out, "scanimage -L"));
    th_run_fini(&r);

    sane_backends("");
    run(&k, "doctor", &r);
    sane_backends("test\n");
    assert_non_null(strstr(r.out, "scanner    warn  no scanner found: plug the scanner in"));
    /* A kiosk works without a scanner: not a failure. */
    assert_null(strstr(r.out, "scanner    FAIL"));
    th_run_fini(&r);
    th_rmtree(named.dir);
    th_rmtree(k.dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresh_kiosk_is_healthy_with_a_note),
        cmocka_unit_test(missing_year_is_a_warning_that_names_it),
        cmocka_unit_test(damaged_database_fails),
        cmocka_unit_test(broken_rules_file_fails_with_its_line),
        cmocka_unit_test(answering_hub_and_enrolled_kiosk_are_ok),
        cmocka_unit_test(hub_that_does_not_answer_fails_with_a_way_forward),
        cmocka_unit_test(scanner_row_says_found_or_what_to_do),
    };
    return cmocka_run_group_tests_name("cli_doctor", tests, group_setup, group_teardown);
}
