/*
 * bench_hub — how fast a kiosk's backlog drains into the hub, and how many
 * public status requests the hub answers.
 *
 *   bench_hub DIR     (DIR is created; its bench files are replaced)
 *
 * 1. Drain: a kiosk store holding a backlog of about 10,000 outbox rows
 *    (guest-book visitors: visit, entry and ticket each) is pushed by the
 *    real sync client (sync_round(), 500 rows a request) into a hub on
 *    loopback, on SQLite and, when PostgreSQL is installed, on a private
 *    PostgreSQL server (tests/pg-server). Rows per second, end to end.
 * 2. Status: `wrk -t2 -c32 -d5s` on GET /status/CODE (HTML) of a hub with
 *    a 2-thread pool, as configured by default and again with
 *    status_cache_ms = 0 (every answer read from the store and rendered),
 *    and on nginx serving a static file of the same size
 *    from the same machine, when wrk and nginx are installed; requests
 *    per second and the ratio.
 *
 * Prints a table; never fails for being slow.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <limits.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hub/auth.h"
#include "hub/db.h"
#include "hub/server.h"
#include "store/store.h"
#include "sync/client.h"
#include "sync/worker.h"

#define VISITORS 3334 /* x 3 outbox rows = 10,002 */
#define NOW_MS   INT64_C(1767315600000)

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int fill_kiosk(const char *path, int64_t *rows)
{
    unlink(path);
    char err[256];
    struct store *st = NULL;
    int rc = store_open(path, &st, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "bench_hub: %s\n", err);
        return rc;
    }
    struct rec_visit *visits = calloc(VISITORS, sizeof(*visits));
    struct rec_guest *guests = calloc(VISITORS, sizeof(*guests));
    struct store_submission *subs = calloc(VISITORS, sizeof(*subs));
    struct store_ticket_request req = {.service = REC_SERVICE_GUEST, .prefix = "T"};
    snprintf(req.office_day, sizeof(req.office_day), "2026-01-02");
    rc = -ENOMEM;
    if (!visits || !guests || !subs)
        goto out;
    for (int i = 0; i < VISITORS; i++) {
        store_visit_begin(st, NOW_MS, "id", &visits[i]);
        snprintf(guests[i].name, sizeof(guests[i].name), "Tamu Uji %d", i);
        snprintf(guests[i].purpose, sizeof(guests[i].purpose), "Konsultasi koperasi");
        guests[i].party_size = 1;
        subs[i] =
            (struct store_submission){.visit = &visits[i],
                                      .record = {.kind = REC_GUEST_ENTRY, .u.guest = &guests[i]},
                                      .ticket = &req};
    }
    /* One ticket per submission: tickets_out needs VISITORS entries. */
    struct rec_ticket *tickets = calloc(VISITORS, sizeof(*tickets));
    rc = tickets ? store_submit(st, subs, VISITORS, NOW_MS, tickets) : -ENOMEM;
    free(tickets);
    if (rc == 0)
        rc = store_outbox_backlog(st, rows, NULL);
    if (rc < 0)
        fprintf(stderr, "bench_hub: filling the kiosk: %s\n", store_last_error(st));
out:
    free(visits);
    free(guests);
    free(subs);
    store_close(st);
    return rc;
}

/* Enrolls a kiosk directly in the hub's store and writes its token. */
static int enroll(const char *url, const char *token_path)
{
    struct hub_db *db = NULL;
    char err[256], code[HUB_CODE_SIZE], hash[HUB_HASH_HEX], token[HUB_TOKEN_SIZE],
        thash[HUB_HASH_HEX], name[HUB_NAME_SIZE];
    int rc = hub_db_open(url, &db, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "bench_hub: %s\n", err);
        return rc;
    }
    hub_auth_new_code(code);
    hub_auth_hash_code(code, hash);
    hub_auth_new_token(token);
    hub_auth_hash_token(token, thash);
    int64_t t = (int64_t)time(NULL) * 1000;
    rc = hub_db_kiosk_add(db, "bench", hash, t);
    if (rc == 0)
        rc = hub_db_kiosk_redeem(db, hash, thash, t, 60000, name, sizeof(name));
    hub_db_close(db);
    return rc == 0 ? sync_token_save(token_path, token) : rc;
}

static void drain(const char *dir, const char *label, const char *url)
{
    char kiosk[512], token_path[512];
    snprintf(kiosk, sizeof(kiosk), "%s/kiosk.db", dir);
    snprintf(token_path, sizeof(token_path), "%s/hub-token", dir);
    int64_t rows = 0;
    struct hub_server *srv = NULL;
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1:0");
    snprintf(cfg.db_url, sizeof(cfg.db_url), "%s", url);
    char err[512];
    if (fill_kiosk(kiosk, &rows) < 0 || enroll(url, token_path) < 0 ||
        hub_server_start(&cfg, &srv, err, sizeof(err)) < 0) {
        printf("| drain into %-10s | failed to set up |\n", label);
        hub_server_stop(srv);
        return;
    }
    struct sync_worker_config wc = {0};
    sync_worker_defaults(&wc);
    wc.batch_rows = 500;
    snprintf(wc.db_path, sizeof(wc.db_path), "%s", kiosk);
    snprintf(wc.token_path, sizeof(wc.token_path), "%s", token_path);
    snprintf(wc.hub_url, sizeof(wc.hub_url), "http://127.0.0.1:%d", hub_server_port(srv));
    struct sync_worker_state state = {0};
    int retry = 0;
    double t0 = now_ms();
    int rc = sync_round(&wc, &state, &retry);
    double ms = now_ms() - t0;
    hub_server_stop(srv);
    if (rc < 0 || state.pushed != rows)
        printf("| drain into %-10s | failed: %s |\n", label, state.last_error);
    else
        printf("| drain %lld rows into %-10s | %8.0f ms | %8.0f rows/s |\n", (long long)rows, label,
               ms, (double)rows / ms * 1000.0);
}

/* Runs wrk and returns its requests per second, or 0. */
static double wrk(const char *url)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "wrk -t2 -c32 -d5s '%s' 2>/dev/null", url);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    char line[256];
    double rps = 0;
    while (fgets(line, sizeof(line), p))
        if (sscanf(line, "Requests/sec: %lf", &rps) == 1)
            break;
    while (fgets(line, sizeof(line), p)) {
    }
    pclose(p);
    return rps;
}

static size_t count_body(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    *(size_t *)ctx += size * n;
    return size * n;
}

/* A loopback port nobody listens on (nginx cannot take one that wrk's
 * connections to a stopped server still hold). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(sa);
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
        port = ntohs(sa.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static void status_bench(const char *dir)
{
    if (system("command -v wrk >/dev/null 2>&1") != 0) {
        printf("| status | wrk is not installed |\n");
        return;
    }
    char url[512], kiosk[512], token_path[512];
    snprintf(url, sizeof(url), "sqlite:%s/status-hub.db", dir);
    snprintf(kiosk, sizeof(kiosk), "%s/status-hub.db", dir);
    unlink(kiosk);
    snprintf(token_path, sizeof(token_path), "%s/status-token", dir);
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1:0");
    snprintf(cfg.db_url, sizeof(cfg.db_url), "%s", url);
    cfg.threads = 2;
    cfg.status_per_minute = 10000000;
    struct hub_server *srv = NULL;
    char err[512], token[SYNC_TOKEN_SIZE];
    if (enroll(url, token_path) < 0 || sync_token_load(token_path, token) < 0 ||
        hub_server_start(&cfg, &srv, err, sizeof(err)) < 0) {
        printf("| status | failed to set up |\n");
        return;
    }
    int port = hub_server_port(srv);
    /* One meeting request to look up. */
    char body[768], target[128];
    snprintf(body, sizeof(body),
             "{\"rows\":[{\"kind\":\"meeting\",\"id\":\"01941d2e-8a00-7000-8000-000000000001\","
             "\"version\":1,\"record\":{\"tracking_code\":\"9RY-34T4\",\"status\":\"received\","
             "\"created_ms\":1767315600000,\"reply_due_ms\":1767574800000}}]}");
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    h = curl_slist_append(h, auth);
    snprintf(target, sizeof(target), "http://127.0.0.1:%d/api/v1/push", port);
    size_t got = 0;
    curl_easy_setopt(c, CURLOPT_URL, target);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
    curl_easy_perform(c);
    curl_slist_free_all(h);
    curl_easy_reset(c);
    snprintf(target, sizeof(target), "http://127.0.0.1:%d/status/9RY-34T4", port);
    got = 0;
    curl_easy_setopt(c, CURLOPT_URL, target);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
    curl_easy_perform(c);
    curl_easy_cleanup(c);
    double hub_rps = wrk(target);
    hub_server_stop(srv);
    printf("| GET /status/CODE, %zu-byte page, 2 threads | %8.0f req/s |\n", got, hub_rps);
    /* The same with every answer read from the store and rendered. */
    cfg.status_cache_ms = 0;
    if (hub_server_start(&cfg, &srv, err, sizeof(err)) < 0) {
        printf("| status without the cache | failed to set up |\n");
        return;
    }
    snprintf(target, sizeof(target), "http://127.0.0.1:%d/status/9RY-34T4", hub_server_port(srv));
    double uncached_rps = wrk(target);
    hub_server_stop(srv);
    printf("| GET /status/CODE, status_cache_ms = 0 | %8.0f req/s |\n", uncached_rps);

    if (system("command -v nginx >/dev/null 2>&1") != 0) {
        printf("| nginx static file | nginx is not installed |\n");
        return;
    }
    /* nginx on a free loopback port, serving a file of the same size. */
    char conf[512], page[512], cmd[2048];
    snprintf(page, sizeof(page), "%s/nginx/page.html", dir);
    snprintf(cmd, sizeof(cmd), "mkdir -p %s/nginx/logs && head -c %zu /dev/zero | tr '\\0' x > %s",
             dir, got, page);
    if (system(cmd) != 0)
        return;
    int nport = free_port();
    if (nport <= 0)
        return;
    snprintf(conf, sizeof(conf), "%s/nginx/nginx.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return;
    fprintf(f,
            "worker_processes 2;\npid %s/nginx/nginx.pid;\nerror_log %s/nginx/logs/error.log;\n"
            "events { worker_connections 1024; }\nhttp { access_log off;\n"
            " server { listen 127.0.0.1:%d; root %s/nginx; } }\n",
            dir, dir, nport, dir);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "nginx -p %s/nginx -c %s -g 'user root;' 2>/dev/null", dir, conf);
    if (system(cmd) != 0) {
        printf("| nginx static file | nginx did not start |\n");
        return;
    }
    usleep(200000);
    snprintf(target, sizeof(target), "http://127.0.0.1:%d/page.html", nport);
    double nginx_rps = wrk(target);
    snprintf(cmd, sizeof(cmd), "nginx -p %s/nginx -c %s -s stop 2>/dev/null", dir, conf);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_hub: nginx did not stop\n");
    printf("| nginx, static file of the same size, 2 workers | %8.0f req/s |\n", nginx_rps);
    if (nginx_rps > 0)
        printf("| ratio hub / nginx | %.2f |\n| ratio hub without the cache / nginx | %.2f |\n",
               hub_rps / nginx_rps, uncached_rps / nginx_rps);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_hub DIR\n");
        return 2;
    }
    char dir[256], cmd[1100];
    /* nginx needs absolute paths. */
    snprintf(cmd, sizeof(cmd), "mkdir -p '%.900s/hub'", argv[1]);
    char *abs = system(cmd) == 0 ? realpath(argv[1], NULL) : NULL;
    if (!abs || (size_t)snprintf(dir, sizeof(dir), "%s/hub", abs) >= sizeof(dir) ||
        hub_auth_init() < 0) {
        fprintf(stderr, "bench_hub: cannot use %s\n", argv[1]);
        free(abs);
        return 1;
    }
    free(abs);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    signal(SIGPIPE, SIG_IGN);
    char url[600];
    snprintf(url, sizeof(url), "sqlite:%s/hub.db", dir);
    snprintf(cmd, sizeof(cmd), "%s/hub.db", dir);
    unlink(cmd);
    drain(dir, "SQLite", url);

    FILE *p = popen("tests/pg-server start", "r");
    char line[1024] = "", pgdir[512] = "", pgurl[512] = "";
    if (p && fgets(line, sizeof(line), p) && sscanf(line, "%511s %511s", pgdir, pgurl) == 2) {
        pclose(p);
        drain(dir, "PostgreSQL", pgurl);
        snprintf(cmd, sizeof(cmd), "tests/pg-server stop '%s'", pgdir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_hub: the PostgreSQL server did not stop\n");
    } else {
        if (p)
            pclose(p);
        printf("| drain into PostgreSQL | not installed |\n");
    }
    status_bench(dir);
    curl_global_cleanup();
    return 0;
}
