/*
 * test_hub_sync — the kiosk and the hub end to end on loopback with the
 * real programs: `serambi-hub enroll` makes a code, the kiosk (configured
 * with hub_url and enrollment_code) enrolls and pushes what `serambi demo`
 * stored, staff decide with `serambi-hub decide`, and the kiosk pulls the
 * decision into its own status screen. Scanned letters follow their
 * records in chunks and arrive byte for byte. A kiosk whose token was
 * revoked sends nothing. A holiday calendar published with `serambi-hub
 * publish` reaches the kiosk's data folder and its due times; a document
 * the kiosk refuses is skipped, and a crash between file and cursor only
 * repeats a document. An enrollment whose answer a proxy cut off after
 * the hub committed is asked again with the same code and the kiosk's
 * own pending token, which outlives the process that made it.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "../helpers.h"
#include "../hub_client.h"
#include "../store_fixture.h"
#include "store/store.h"
#include "sync/client.h"

struct ctx {
    char dir[256];
    char conf[512];
    char hub_bin[512];
    char db_url[512];
    char code[HUB_CODE_SIZE]; /* the kiosk's enrollment code */
    int port;
    pid_t hub;
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

static void hub_cmd(struct ctx *c, char *const args[], struct th_run *r)
{
    char *argv[16] = {c->hub_bin, "--db", c->db_url};
    int n = 3;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    th_run(argv, r);
}

static void kiosk_cmd(struct ctx *c, char *const args[], struct th_run *r)
{
    char *argv[16] = {(char *)th_serambi_bin(), "--config", c->conf};
    int n = 3;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    th_run(argv, r);
}

/* Starts serambi-hub on c->port and waits until /healthz answers (a
 * stderr line per start goes to the test log). */
static void start_hub(struct ctx *c)
{
    char listen[64];
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", c->port);
    c->hub = fork();
    assert_true(c->hub >= 0);
    if (c->hub == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        execl(c->hub_bin, c->hub_bin, "--db", c->db_url, "--listen", listen, (char *)NULL);
        _exit(127);
    }
    char url[96];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", c->port);
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

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    const char *build = getenv("SERAMBI_BUILD");
    assert_non_null(build);
    snprintf(c->hub_bin, sizeof(c->hub_bin), "%s/bin/serambi-hub", build);
    snprintf(c->db_url, sizeof(c->db_url), "sqlite:%s/hub.db", c->dir);
    c->port = free_port();

    struct th_run r;
    hub_cmd(c, (char *[]){"enroll", "--name", "lobby-1", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    char *code = c->code;
    sscanf(r.out, "%11s", code);
    assert_int_equal(strlen(code), HUB_CODE_SIZE - 1);
    th_run_fini(&r);

    char text[1024], path[512];
    snprintf(text, sizeof(text),
             "data_dir = %s/data\nassets_dir = %s\nhub_url = http://127.0.0.1:%d/\n"
             "enrollment_code = %s\n",
             c->dir, th_assets_dir(), c->port, code);
    th_write_file(c->dir, "kiosk.conf", text, c->conf, sizeof(c->conf));
    snprintf(path, sizeof(path), "%s/data", c->dir);
    assert_int_equal(mkdir(path, 0700), 0);

    start_hub(c);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    kill(c->hub, SIGTERM);
    int status = 0;
    waitpid(c->hub, &status, 0);
    /* SIGTERM is a clean stop. */
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    th_rmtree(c->dir);
    free(c);
    return 0;
}

static int64_t backlog(struct ctx *c)
{
    char path[512], err[256];
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    int64_t rows = -1;
    assert_int_equal(store_outbox_backlog(st, &rows, NULL), 0);
    store_close(st);
    return rows;
}

/* The first meeting request the kiosk holds: its id and tracking code. */
static void first_meeting(struct ctx *c, char *id, size_t idcap, char *code, size_t codecap)
{
    struct th_run r;
    kiosk_cmd(c, (char *[]){"export", "--kind", "meeting", "--format", "json", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    json_t *all = json_loads(r.out, 0, NULL);
    assert_true(json_array_size(all) >= 1);
    json_t *m = json_array_get(all, 0);
    snprintf(id, idcap, "%s", json_string_value(json_object_get(m, "id")));
    snprintf(code, codecap, "%s", json_string_value(json_object_get(m, "tracking_code")));
    json_decref(all);
    th_run_fini(&r);
}

static void test_records_reach_the_hub_and_decisions_come_back(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    assert_true(backlog(c) > 0);

    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    assert_int_equal(backlog(c), 0);

    char id[64], code[16];
    first_meeting(c, id, sizeof(id), code, sizeof(code));
    struct hc_reply h;
    char path[64];
    snprintf(path, sizeof(path), "/status/%s", code);
    hc_get(c->port, path, NULL, "application/json", &h);
    assert_int_equal(h.status, 200);
    assert_non_null(strstr(h.body, "\"status\":\"received\""));
    hc_reply_fini(&h);

    hub_cmd(c,
            (char *[]){"decide", id, "--status", "scheduled", "--schedule",
                       "Senin 09.00, Ruang Rapat 2", NULL},
            &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    /* Sending again is harmless: nothing left to push, one update to pull. */
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "pushed 0 rows, applied 1 staff updates"));
    th_run_fini(&r);

    char dbpath[512], err[256];
    snprintf(dbpath, sizeof(dbpath), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(dbpath, &st, err, sizeof(err)), 0);
    struct store_status s;
    assert_int_equal(store_find_by_tracking(st, code, &s), 0);
    assert_int_equal(s.status, REC_STATUS_SCHEDULED);
    assert_string_equal(s.schedule, "Senin 09.00, Ruang Rapat 2");
    store_close(st);

    /* The decision came from another process (`serambi-hub decide`), so
     * the serving hub's answer cache does not know of it: its answer is
     * new after at most status_cache_ms (1 s by default). */
    usleep(1100 * 1000);
    hc_get(c->port, path, NULL, "application/json", &h);
    assert_non_null(strstr(h.body, "\"status\":\"scheduled\""));
    hc_reply_fini(&h);
}

/* A letter of len bytes that starts like a PDF (the store checks that). */
static uint8_t *letter(size_t len, uint32_t seed)
{
    uint8_t *b = malloc(len);
    assert_non_null(b);
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1664525u + 1013904223u;
        b[i] = (uint8_t)(seed >> 24);
    }
    memcpy(b, "%PDF-1.4\n", 9);
    return b;
}

static void test_letters_follow_their_records_in_chunks(void **state)
{
    struct ctx *c = *state;
    /* 4 KiB chunks: the letters below take 1, 3 and 13 requests. */
    char text[1024], conf[512];
    char *old = th_read_file(c->conf, NULL);
    assert_non_null(old);
    snprintf(text, sizeof(text), "%ssync_chunk_kib = 4\n", old);
    free(old);
    th_write_file(c->dir, "kiosk.conf", text, conf, sizeof(conf));

    char path[512], err[256];
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    static const size_t sizes[] = {3000, 9000, 50000};
    uint8_t *bytes[3];
    struct rec_attachment att[3];
    for (int i = 0; i < 3; i++) {
        struct rec_visit visit;
        struct rec_meeting m;
        struct store_ticket_request req;
        struct rec_ticket ticket;
        store_visit_begin(st, FX_NOW_MS, "id", &visit);
        fx_meeting(&m, "Pemohon Uji");
        fx_ticket_req(&req, REC_SERVICE_MEETING, FX_DAY);
        struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &req);
        assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &ticket), 0);
        bytes[i] = letter(sizes[i], (uint32_t)i + 1);
        assert_int_equal(store_attachment_add(st, REC_MEETING_REQUEST, &m.meta, bytes[i], sizes[i],
                                              1, FX_NOW_MS, &att[i]),
                         0);
    }
    int64_t waiting = 0, waiting_bytes = 0;
    assert_int_equal(store_attachment_backlog(st, &waiting, &waiting_bytes), 0);
    assert_int_equal(waiting, 3);
    assert_int_equal(waiting_bytes, 62000);
    /* Before its record reached the hub, no letter may go. */
    struct store_upload *list = NULL;
    size_t n = 9;
    assert_int_equal(store_attachment_pending(st, NULL, 10, &list, &n), 0);
    assert_int_equal(n, 0);
    assert_null(list);
    store_close(st);

    struct th_run r;
    kiosk_cmd(c, (char *[]){"doctor", NULL}, &r);
    assert_non_null(strstr(r.out, "3 attachments (60 KiB) wait to upload"));
    th_run_fini(&r);
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "sync", "--once", NULL};
    th_run(argv, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    /* 1 + 3 + 13 chunks, each answered 200. */
    struct hc_reply h;
    hc_get(c->port, "/metrics", NULL, NULL, &h);
    assert_non_null(strstr(h.body, "serambi_hub_requests_total{route=\"PUT "
                                   "/api/v1/attachments/{sha256}\",code=\"2xx\"} 17\n"));
    hc_reply_fini(&h);

    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    assert_int_equal(store_attachment_backlog(st, &waiting, NULL), 0);
    assert_int_equal(waiting, 0);
    assert_int_equal(fx_int(store_db(st), "SELECT count(*) FROM attachments "
                                          "WHERE uploaded_ms IS NOT NULL AND data IS NOT NULL"),
                     3);
    store_close(st);
    char token[128] = "", hash[HUB_HASH_HEX];
    snprintf(path, sizeof(path), "%s/data/hub-token", c->dir);
    char *t = th_read_file(path, NULL);
    assert_non_null(t);
    sscanf(t, "%127s", token);
    free(t);
    hub_auth_hash_token(token, hash);
    struct hub_db *db = NULL;
    assert_int_equal(hub_db_open(c->db_url, &db, err, sizeof(err)), 0);
    int64_t kiosk = 0;
    assert_int_equal(hub_db_kiosk_auth(db, hash, &kiosk), 0);
    for (int i = 0; i < 3; i++) {
        uint8_t *copy = NULL;
        size_t len = 0;
        assert_int_equal(hub_db_attachment_read(db, kiosk, att[i].sha256, &copy, &len), 0);
        assert_int_equal(len, sizes[i]);
        assert_memory_equal(copy, bytes[i], len);
        free(copy);
        free(bytes[i]);
    }
    hub_db_close(db);
}

static void test_revoked_kiosk_sends_nothing(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r); /* enrolls */
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    hub_cmd(c, (char *[]){"revoke", "lobby-1", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
    th_run_fini(&r);
    int64_t before = backlog(c);
    assert_true(before > 0);
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "401"));
    th_run_fini(&r);
    assert_int_equal(backlog(c), before);
    char id[64], code[16];
    first_meeting(c, id, sizeof(id), code, sizeof(code));
    struct hc_reply h;
    char path[64];
    snprintf(path, sizeof(path), "/status/%s", code);
    hc_get(c->port, path, NULL, "application/json", &h);
    assert_int_equal(h.status, 404);
    hc_reply_fini(&h);
}

static int64_t hub_records(struct ctx *c)
{
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->db_url, &db, err, sizeof(err)), 0);
    int64_t counts[REC_KIND_COUNT], total = 0;
    assert_int_equal(hub_db_count_by_kind(db, counts), 0);
    for (int k = 0; k < REC_KIND_COUNT; k++)
        total += counts[k];
    hub_db_close(db);
    return total;
}

static int64_t kiosk_records(struct ctx *c)
{
    char path[512], err[256];
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    static const char *const tables[] = {"visits",     "guest_entries",    "meeting_requests",
                                         "complaints", "survey_responses", "tickets",
                                         "attachments"};
    int64_t n = 0;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
        n += fx_rows(st, tables[i]);
    store_close(st);
    return n;
}

/* A bounded soak: the sync worker runs while visitors keep coming and the
 * hub is killed with SIGKILL and restarted; at the end every record is on
 * the hub exactly once and the outbox is empty. */
static void test_hub_killed_while_syncing(void **state)
{
    struct ctx *c = *state;
    pid_t kiosk = fork();
    assert_true(kiosk >= 0);
    if (kiosk == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(th_serambi_bin(), th_serambi_bin(), "--config", c->conf, "sync", (char *)NULL);
        _exit(127);
    }
    struct th_run r;
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 6; i++) {
            kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
            assert_int_equal(r.exit_code, 0);
            th_run_fini(&r);
            usleep(30000 * (unsigned)(i + round));
        }
        kill(c->hub, SIGKILL);
        waitpid(c->hub, NULL, 0);
        kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
        th_run_fini(&r);
        start_hub(c);
    }
    /* The worker catches up on its own once the hub stays up. */
    for (int i = 0; i < 100 && backlog(c) > 0; i++)
        usleep(100000);
    kill(kiosk, SIGTERM);
    int status = 0;
    waitpid(kiosk, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(backlog(c), 0);
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    assert_int_equal(backlog(c), 0);
    assert_int_equal(hub_records(c), kiosk_records(c));
}

/* --- enrollment whose answer is lost ----------------------------------------- */

/* A proxy for one connection that loses the hub's answer for real: it
 * passes the kiosk's request on to the hub, waits until the hub starts
 * answering (so it has committed), and then closes both connections
 * without passing a byte back. */
struct cutter {
    int listen_fd;
    int hub_port;
    char status_line[64]; /* what the hub began its answer with */
};

static ssize_t read_request(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    char *end = NULL;
    while (len + 1 < cap) {
        ssize_t n = recv(fd, buf + len, cap - 1 - len, 0);
        if (n <= 0)
            return -1;
        len += (size_t)n;
        buf[len] = '\0';
        end = strstr(buf, "\r\n\r\n");
        if (!end)
            continue;
        const char *cl = strcasestr(buf, "\r\ncontent-length:");
        size_t body = cl ? strtoul(cl + 17, NULL, 10) : 0;
        if (len >= (size_t)(end + 4 - buf) + body)
            return (ssize_t)len;
    }
    return -1;
}

static void *cut_one_answer(void *arg)
{
    struct cutter *cut = arg;
    char buf[8192];
    int kiosk = accept(cut->listen_fd, NULL, NULL);
    int hub = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)cut->hub_port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ssize_t len = kiosk >= 0 ? read_request(kiosk, buf, sizeof(buf)) : -1;
    if (len > 0 && hub >= 0 && connect(hub, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        send(hub, buf, (size_t)len, MSG_NOSIGNAL) == len) {
        ssize_t n = recv(hub, buf, sizeof(buf) - 1, 0);
        if (n > 0) {
            buf[n] = '\0';
            buf[strcspn(buf, "\r\n")] = '\0';
            snprintf(cut->status_line, sizeof(cut->status_line), "%.63s", buf);
        }
    }
    if (hub >= 0)
        close(hub);
    if (kiosk >= 0)
        close(kiosk);
    return NULL;
}

static void cutter_start(struct cutter *cut, int hub_port, int *port, pthread_t *thread)
{
    memset(cut, 0, sizeof(*cut));
    cut->hub_port = hub_port;
    cut->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(cut->listen_fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(cut->listen_fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t alen = sizeof(a);
    assert_int_equal(getsockname(cut->listen_fd, (struct sockaddr *)&a, &alen), 0);
    assert_int_equal(listen(cut->listen_fd, 4), 0);
    *port = ntohs(a.sin_port);
    assert_int_equal(pthread_create(thread, NULL, cut_one_answer, cut), 0);
}

/* The whole of a small file under the kiosk's data folder, or NULL. */
static char *data_file(struct ctx *c, const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/data/%s", c->dir, name);
    return th_read_file(path, NULL);
}

static void expect_mode_0600(struct ctx *c, const char *name)
{
    char path[512];
    struct stat sb;
    snprintf(path, sizeof(path), "%s/data/%s", c->dir, name);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
}

/* The first line of a token file. */
static void first_line(const char *text, char out[SYNC_TOKEN_SIZE])
{
    assert_non_null(text);
    size_t n = strcspn(text, "\n");
    assert_true(n < SYNC_TOKEN_SIZE);
    memcpy(out, text, n);
    out[n] = '\0';
}

static void test_lost_enroll_answer_is_asked_again(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    /* `serambi enroll CODE` through the proxy: the hub redeems the code,
     * the kiosk never hears so. */
    struct cutter cut;
    pthread_t thread;
    int proxy_port = 0;
    cutter_start(&cut, c->port, &proxy_port, &thread);
    char text[1024], conf[512];
    snprintf(text, sizeof(text),
             "data_dir = %s/data\nassets_dir = %s\nhub_url = http://127.0.0.1:%d/\n", c->dir,
             th_assets_dir(), proxy_port);
    th_write_file(c->dir, "cut.conf", text, conf, sizeof(conf));
    th_run((char *[]){(char *)th_serambi_bin(), "--config", conf, "enroll", c->code, NULL}, &r);
    pthread_join(thread, NULL);
    close(cut.listen_fd);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "run the same command again"));
    th_run_fini(&r);
    assert_string_equal(cut.status_line, "HTTP/1.1 200 OK");
    char *pending = data_file(c, "hub-token.pending");
    assert_null(data_file(c, "hub-token"));
    expect_mode_0600(c, "hub-token.pending");
    char offered[SYNC_TOKEN_SIZE], kept[SYNC_TOKEN_SIZE];
    first_line(pending, offered);
    free(pending);
    assert_int_equal(strlen(offered), SYNC_NEW_TOKEN_LEN);
    /* The code is used up, yet the same command again enrolls the kiosk
     * with the token it offered the first time. */
    kiosk_cmd(c, (char *[]){"enroll", c->code, NULL}, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    char *token = data_file(c, "hub-token");
    first_line(token, kept);
    free(token);
    assert_int_equal(strcmp(kept, offered), 0); /* never printed */
    assert_null(data_file(c, "hub-token.pending"));
    expect_mode_0600(c, "hub-token");
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    assert_int_equal(backlog(c), 0);
    assert_int_equal(hub_records(c), kiosk_records(c));
}

/* The pending token is on disk before the first attempt, and every later
 * process (a retry, a restart) offers that same token. */
static void test_pending_token_survives_a_restart(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    kiosk_cmd(c, (char *[]){"demo", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    kill(c->hub, SIGTERM);
    waitpid(c->hub, NULL, 0);
    kiosk_cmd(c, (char *[]){"enroll", c->code, NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    th_run_fini(&r);
    char *first = data_file(c, "hub-token.pending");
    assert_non_null(first);
    expect_mode_0600(c, "hub-token.pending");
    /* The worker (enrollment_code in the configuration) and the command
     * again, each a new process: the same token, the hub still down. */
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "enrollment"));
    th_run_fini(&r);
    char *again = data_file(c, "hub-token.pending");
    assert_non_null(again);
    assert_int_equal(strcmp(again, first), 0);
    free(again);
    assert_null(data_file(c, "hub-token"));
    start_hub(c);
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    char offered[SYNC_TOKEN_SIZE], kept[SYNC_TOKEN_SIZE];
    char *token = data_file(c, "hub-token");
    first_line(first, offered);
    first_line(token, kept);
    free(first);
    free(token);
    assert_int_equal(strcmp(kept, offered), 0); /* never printed */
    assert_int_equal(backlog(c), 0);
    assert_int_equal(hub_records(c), kiosk_records(c));
}

/* --- office documents ------------------------------------------------------ */

#define CAL_2027 "# Uji\nyear = 2027\n2027-03-10  nasional  Hari Suci Nyepi\n"

static int64_t documents_cursor(struct ctx *c)
{
    char path[512], err[256];
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    int64_t cursor = -1;
    assert_int_equal(store_documents_cursor(st, &cursor), 0);
    store_close(st);
    return cursor;
}

static void due_nyepi(struct ctx *c, const char *want_due, bool want_warning)
{
    struct th_run r;
    kiosk_cmd(c, (char *[]){"due", "admin_handling", "--from", "2027-03-10T08:00", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    if (!strstr(r.out, want_due))
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_non_null(strstr(r.out, want_due));
    assert_true((strstr(r.err, "no holiday calendar for 2027") != NULL) == want_warning);
    th_run_fini(&r);
}

/* Rows a hub of today never serves (it checks what it publishes): written
 * into its store directly, as a newer hub's document or a damaged row
 * would arrive. */
static void hub_store_insert_document(struct ctx *c, const char *name, const char *text)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(c->db_url + strlen("sqlite:"), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO documents (name, body, sha256, published_ms) "
                                        "VALUES (?1, ?2, '', 0)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_published_calendar_reaches_the_kiosk(void **state)
{
    struct ctx *c = *state;
    struct th_run r;
    char file[512], path[512];
    /* Enrolled, nothing published yet: 2027 is unknown to the kiosk. */
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "wrote 0 office documents"));
    th_run_fini(&r);
    due_nyepi(c, "due:  Wed 2027-03-10 08:15 WIB", true);
    snprintf(path, sizeof(path), "%s/data/hub-token", c->dir);
    size_t token_len = 0;
    char *token = th_read_file(path, &token_len);
    assert_non_null(token);

    th_write_file(c->dir, "keppres-2027.txt", CAL_2027, file, sizeof(file));
    hub_cmd(c, (char *[]){"publish", "calendar/2027.txt", file, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    hub_store_insert_document(c, "../hub-token", CAL_2027);
    hub_store_insert_document(c, "calendar/2028.txt", CAL_2027);

    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "wrote 1 office documents"));
    assert_non_null(strstr(r.err, "office document calendar/2027.txt updated from the hub"));
    assert_non_null(strstr(r.err, "refused: '../hub-token': not a document a kiosk takes"));
    assert_non_null(strstr(r.err, "refused: calendar/2028.txt:2: "));
    th_run_fini(&r);
    assert_int_equal(documents_cursor(c), 3);

    /* The file is where the assets' would be, byte for byte; the refused
     * names wrote nothing (the token is untouched). */
    snprintf(path, sizeof(path), "%s/data/published/calendar/2027.txt", c->dir);
    size_t len = 0;
    char *got = th_read_file(path, &len);
    assert_non_null(got);
    assert_string_equal(got, CAL_2027);
    free(got);
    snprintf(path, sizeof(path), "%s/data/published/calendar/2028.txt", c->dir);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof(path), "%s/data/hub-token", c->dir);
    got = th_read_file(path, &len);
    assert_non_null(got);
    assert_int_equal(len, token_len);
    assert_memory_equal(got, token, len);
    free(got);
    free(token);
    /* Nyepi now closes the office: the 15 minutes run on Thursday. */
    due_nyepi(c, "due:  Thu 2027-03-11 07:45 WIB", false);

    /* Up to date: nothing again. */
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "wrote 0 office documents"));
    assert_null(strstr(r.err, "refused"));
    th_run_fini(&r);

    /* A crash after the file was written and before the cursor was saved
     * leaves exactly this: the file on disk, the cursor before it. */
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    char err[256];
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    assert_int_equal(store_documents_cursor_save(st, 0), 0);
    store_close(st);
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    assert_non_null(strstr(r.out, "wrote 1 office documents")); /* repeated, not skipped */
    th_run_fini(&r);
    assert_int_equal(documents_cursor(c), 3);
    due_nyepi(c, "due:  Thu 2027-03-11 07:45 WIB", false);
    /* No temporary file is left beside it. */
    snprintf(path, sizeof(path), "%s/data/published/calendar", c->dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));)
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 1);
}

/* A hub older than the document feed answers 404: nothing is taken and
 * the round goes on (here a path the hub does not serve answers the same). */
static void test_hub_without_the_feed(void **state)
{
    struct ctx *c = *state;
    char url[128], path[512], err[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/older-hub", c->port);
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    struct sync_client *client = NULL;
    assert_int_equal(sync_client_new(url, "", &client), 0);
    struct sync_documents got = {.fetched = 99};
    struct sync_error e;
    snprintf(path, sizeof(path), "%s/data/published", c->dir);
    assert_int_equal(sync_pull_documents(client, st, path, NULL, &got, &e), 0);
    assert_int_equal(got.fetched, 0);
    assert_int_equal(got.written, 0);
    int64_t cursor = -1;
    assert_int_equal(store_documents_cursor(st, &cursor), 0);
    assert_int_equal(cursor, 0);
    sync_client_free(client);
    store_close(st);
}

/* Letters the hub will not take (here: their records are not on the hub,
 * as after the hub's store was restored from an older backup, so it
 * answers 404) are more than one upload page (50) and older than a letter
 * it will take: that one still goes in the same round. */
static void test_refused_letters_do_not_hold_back_the_rest(void **state)
{
    struct ctx *c = *state;
    char path[512], err[256];
    snprintf(path, sizeof(path), "%s/data/kiosk.db", c->dir);
    struct store *st = NULL;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    struct rec_attachment good;
    for (int i = 0; i <= 60; i++) {
        struct rec_visit visit;
        struct rec_meeting m;
        struct store_ticket_request req;
        struct rec_ticket ticket;
        struct rec_attachment att;
        bool last = i == 60;
        store_visit_begin(st, FX_NOW_MS, "id", &visit);
        fx_meeting(&m, "Pemohon Uji");
        fx_ticket_req(&req, REC_SERVICE_MEETING, FX_DAY);
        struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &req);
        assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &ticket), 0);
        uint8_t *bytes = letter(2000, (uint32_t)i + 7);
        assert_int_equal(store_attachment_add(st, REC_MEETING_REQUEST, &m.meta, bytes, 2000, 1,
                                              FX_NOW_MS + (last ? 60000 : i), &att),
                         0);
        free(bytes);
        if (last) {
            good = att;
        } else {
            /* as if the hub had acknowledged them once */
            fx_exec(store_db(st), "UPDATE outbox SET acked_ms = 1 WHERE acked_ms IS NULL");
        }
    }
    store_close(st);

    struct th_run r;
    kiosk_cmd(c, (char *[]){"sync", "--once", NULL}, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);

    assert_int_equal(store_open(path, &st, err, sizeof(err)), 0);
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT uploaded_ms IS NOT NULL FROM attachments WHERE id = '%s'",
             good.meta.id);
    assert_int_equal(fx_int(store_db(st), sql), 1);
    /* the refused ones keep their bytes and wait, asked again next round */
    assert_int_equal(fx_int(store_db(st), "SELECT count(*) FROM attachments WHERE uploaded_ms "
                                          "IS NULL AND data IS NOT NULL"),
                     60);
    store_close(st);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    assert_int_equal(hub_auth_init(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_records_reach_the_hub_and_decisions_come_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_letters_follow_their_records_in_chunks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_revoked_kiosk_sends_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hub_killed_while_syncing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_enroll_answer_is_asked_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pending_token_survives_a_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_published_calendar_reaches_the_kiosk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hub_without_the_feed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_letters_do_not_hold_back_the_rest, setup,
                                        teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return failed;
}
