/*
 * soak_hub_sync — the kiosk and the hub under abuse, end to end with the
 * real programs: 2,000 meeting requests, each with a scanned letter of
 * tens of KB (some of several hundred, so many chunks), reach a real
 * serambi-hub from `serambi sync` while
 *   - the hub is killed with SIGKILL and restarted at random moments,
 *   - the kiosk's sync process is killed with SIGKILL and restarted,
 *   - a proxy between them cuts connections after a random number of
 *     bytes (mostly in the middle of a chunk),
 *   - visitors keep coming, and some records get a version 2.
 * Afterwards every record is on the hub exactly once at its latest
 * version, every letter is byte-identical there, and the kiosk has
 * nothing left to send.
 *
 * The letters are random bytes behind a PDF header: only their bytes
 * matter here. The version 2 rows go into the outbox through the store's
 * internal outbox function, because nothing on the kiosk edits a record
 * yet. Run by `make soak`, not by `make check`: it takes minutes. On
 * SQLite, then on the private PostgreSQL of tests/pg-server when it is
 * installed (SERAMBI_SOAK_PG=0 leaves it out).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
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
#include <libpq-fe.h>
#include <sodium.h>

#include "../helpers.h"
#include "../hub_client.h"
#include "../store_fixture.h"
#include "store/layout.h"
#include "store/store.h"

#define RECORDS         2000
#define PRELOADED       1500 /* the rest arrive while the soak runs */
#define VERSION2        100  /* preloaded records that get a version 2 */
#define CHUNK_KIB       16
#define CHAOS_MAX_MS    (180 * 1000)
#define CHAOS_UNTIL     50 /* letters left when the chaos ends */
#define CALM_TIMEOUT_MS (6 * 60 * 1000)
#define CUT_MIN_BYTES   (4 * 1024)
#define CUT_MAX_BYTES   (512 * 1024)

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* --- a proxy that cuts connections -------------------------------------- */

struct proxy {
    int listen_fd;
    int port;
    int target_port;
    atomic_bool cutting;
    atomic_bool stop;
    atomic_int cuts;
    atomic_int cuts_in_upload; /* cut while a PUT of a chunk was on its way */
    atomic_int active;
    pthread_t thread;
};

struct pipe_arg {
    struct proxy *p;
    int client;
    long budget; /* bytes both ways before the cut; 0: none */
};

static int listen_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(fd, 64), 0);
    socklen_t len = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static void *pipe_run(void *arg)
{
    struct pipe_arg *pa = arg;
    struct proxy *p = pa->p;
    int upstream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                            .sin_port = htons((uint16_t)p->target_port)};
    long moved = 0;
    bool in_put = false;
    /* Without this, Nagle and delayed ACKs cost every request 40 ms. */
    int one = 1;
    setsockopt(pa->client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (upstream >= 0)
        setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (upstream >= 0 && connect(upstream, (struct sockaddr *)&a, sizeof(a)) == 0) {
        struct pollfd fds[2] = {{pa->client, POLLIN, 0}, {upstream, POLLIN, 0}};
        char buf[8192];
        while (!atomic_load(&p->stop)) {
            int n = poll(fds, 2, 200);
            if (n < 0)
                break;
            bool done = false;
            for (int i = 0; i < 2 && !done; i++) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                ssize_t got = read(fds[i].fd, buf, sizeof(buf));
                if (got <= 0) {
                    done = true;
                    break;
                }
                size_t send_n = (size_t)got;
                /* curl writes a request's head in one piece. */
                if (i == 0 && got >= 4 && memcmp(buf, "PUT ", 4) == 0)
                    in_put = true;
                else if (i == 1)
                    in_put = false;
                if (pa->budget > 0 && moved + got >= pa->budget) {
                    /* Pass part of it on, then cut both ways. */
                    send_n = (size_t)(pa->budget - moved);
                    done = true;
                    atomic_fetch_add(&p->cuts, 1);
                    if (in_put)
                        atomic_fetch_add(&p->cuts_in_upload, 1);
                }
                if (send_n > 0 && write(fds[1 - i].fd, buf, send_n) != (ssize_t)send_n)
                    done = true;
                moved += got;
            }
            if (done)
                break;
        }
    }
    if (upstream >= 0)
        close(upstream);
    close(pa->client);
    atomic_fetch_sub(&p->active, 1);
    free(pa);
    return NULL;
}

static void *proxy_run(void *arg)
{
    struct proxy *p = arg;
    struct pollfd pfd = {p->listen_fd, POLLIN, 0};
    while (!atomic_load(&p->stop)) {
        if (poll(&pfd, 1, 100) <= 0)
            continue;
        int client = accept4(p->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        struct pipe_arg *pa = calloc(1, sizeof(*pa));
        assert_non_null(pa);
        pa->p = p;
        pa->client = client;
        if (atomic_load(&p->cutting))
            pa->budget = CUT_MIN_BYTES + (long)(rnd() % (CUT_MAX_BYTES - CUT_MIN_BYTES));
        atomic_fetch_add(&p->active, 1);
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&t, &attr, pipe_run, pa) != 0) {
            atomic_fetch_sub(&p->active, 1);
            close(client);
            free(pa);
        }
        pthread_attr_destroy(&attr);
    }
    return NULL;
}

static void proxy_start(struct proxy *p, int target_port)
{
    memset(p, 0, sizeof(*p));
    p->listen_fd = listen_loopback(&p->port);
    p->target_port = target_port;
    atomic_store(&p->cutting, true);
    assert_int_equal(pthread_create(&p->thread, NULL, proxy_run, p), 0);
}

static void proxy_stop(struct proxy *p)
{
    atomic_store(&p->stop, true);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < 100 && atomic_load(&p->active) > 0; i++)
        sleep_ms(20);
    close(p->listen_fd);
}

/* --- the processes ---------------------------------------------------- */

struct soak {
    char dir[256];
    char conf[512];
    char hub_bin[512];
    char hub_log[512];
    char db_url[512];
    char kiosk_db[512];
    int hub_port;
    pid_t hub;
    pid_t kiosk;
    struct proxy proxy;
    int hub_kills, kiosk_kills;
};

static pid_t spawn(char *const argv[], const char *log)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        int out = log ? open(log, O_WRONLY | O_CREAT | O_APPEND, 0600) : devnull;
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(out, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static bool hub_answers(int port)
{
    char url[96];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", port);
    CURL *probe = curl_easy_init();
    curl_easy_setopt(probe, CURLOPT_URL, url);
    curl_easy_setopt(probe, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(probe, CURLOPT_TIMEOUT, 2L);
    CURLcode cc = curl_easy_perform(probe);
    curl_easy_cleanup(probe);
    return cc == CURLE_OK;
}

static void hub_start(struct soak *s)
{
    char listen[64];
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", s->hub_port);
    char *argv[] = {s->hub_bin, "--db", s->db_url, "--listen", listen, NULL};
    s->hub = spawn(argv, s->hub_log);
    for (int i = 0; i < 500; i++) {
        if (hub_answers(s->hub_port))
            return;
        sleep_ms(20);
    }
    fail_msg("serambi-hub did not start; see its log");
}

static void kill_wait(pid_t pid, int sig)
{
    kill(pid, sig);
    waitpid(pid, NULL, 0);
}

static void kiosk_start(struct soak *s)
{
    char *argv[] = {(char *)th_serambi_bin(), "--config", s->conf, "sync", NULL};
    s->kiosk = spawn(argv, NULL);
}

/* --- the kiosk's records ------------------------------------------------ */

/* A letter: a PDF header and random bytes; mostly tens of KB, one in ten
 * a few hundred KB. */
static uint8_t *letter(size_t *len)
{
    uint32_t r = rnd() % 100;
    size_t n = r < 10 ? 150000 + rnd() % 250000 : 8000 + rnd() % 60000;
    uint8_t *b = malloc(n);
    assert_non_null(b);
    randombytes_buf(b, n);
    memcpy(b, "%PDF-1.4\n", 9);
    *len = n;
    return b;
}

/* A meeting request with its ticket and letter, as the kiosk commits them. */
static void visitor(struct store *st, struct rec_meeting *m)
{
    struct rec_visit visit;
    struct store_ticket_request req;
    struct rec_ticket ticket;
    int64_t now = wall_ms();
    store_visit_begin(st, now, "id", &visit);
    fx_meeting(m, "Pemohon Uji Ketahanan");
    fx_ticket_req(&req, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, m, &req);
    int rc;
    while ((rc = store_submit(st, &sub, 1, now, &ticket)) == -EBUSY)
        sleep_ms(5);
    assert_int_equal(rc, 0);
    size_t len = 0;
    uint8_t *pdf = letter(&len);
    struct rec_attachment a;
    while ((rc = store_attachment_add(st, REC_MEETING_REQUEST, &m->meta, pdf, len, 1, now, &a)) ==
           -EBUSY)
        sleep_ms(5);
    assert_int_equal(rc, 0);
    free(pdf);
}

/* Version 2 of a record, as an edit on the kiosk would queue it. */
static void version2(struct store *st, struct rec_meeting *m)
{
    m->meta.version = 2;
    m->meta.updated_ms = wall_ms();
    FX_SET(m->preferred_dates, "Rabu pagi (versi 2)");
    size_t len = 0;
    assert_int_equal(store_record_json(&st->json, store_layout_of(REC_MEETING_REQUEST), m, &len),
                     0);
    int rc;
    while ((rc = store_outbox_add(st, REC_MEETING_REQUEST, m->meta.id, 2, st->json.buf, len,
                                  wall_ms())) == -EBUSY)
        sleep_ms(5);
    assert_int_equal(rc, 0);
}

static void backlogs(struct soak *s, int64_t *rows, int64_t *letters)
{
    struct store *st = fx_open(s->kiosk_db);
    assert_int_equal(store_outbox_backlog(st, rows, NULL), 0);
    assert_int_equal(store_attachment_backlog(st, letters, NULL), 0);
    store_close(st);
}

/* --- what the hub holds ------------------------------------------------- */

/* Calls back for each (id, version) the hub holds, reading its store
 * directly: the hub has no call that lists records. */
static void hub_records(struct soak *s, void (*cb)(void *, const char *, int, const char *),
                        void *ctx)
{
    if (strncmp(s->db_url, "sqlite:", 7) == 0) {
        sqlite3 *db = NULL;
        assert_int_equal(sqlite3_open_v2(s->db_url + 7, &db, SQLITE_OPEN_READONLY, NULL),
                         SQLITE_OK);
        sqlite3_stmt *st = NULL;
        assert_int_equal(
            sqlite3_prepare_v2(db, "SELECT id, version, payload FROM records", -1, &st, NULL),
            SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
               (const char *)sqlite3_column_text(st, 2));
        sqlite3_finalize(st);
        sqlite3_close(db);
        return;
    }
    PGconn *pg = PQconnectdb(s->db_url);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    PGresult *r = PQexec(pg, "SELECT id, version, payload FROM records");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    for (int i = 0; i < PQntuples(r); i++)
        cb(ctx, PQgetvalue(r, i, 0), atoi(PQgetvalue(r, i, 1)), PQgetvalue(r, i, 2));
    PQclear(r);
    PQfinish(pg);
}

struct expect {
    sqlite3 *kiosk;
    sqlite3_stmt *latest;
    int64_t seen;
    int64_t v2_seen;
};

static void check_record(void *ctx, const char *id, int version, const char *payload)
{
    struct expect *e = ctx;
    sqlite3_reset(e->latest);
    sqlite3_bind_text(e->latest, 1, id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(e->latest) != SQLITE_ROW || sqlite3_column_type(e->latest, 0) == SQLITE_NULL)
        fail_msg("the hub holds a record the kiosk never sent");
    int want = sqlite3_column_int(e->latest, 0);
    if (version != want)
        fail_msg("a record is on the hub at version %d, the kiosk's latest is %d", version, want);
    if (version == 2) {
        assert_non_null(strstr(payload, "(versi 2)"));
        e->v2_seen++;
    }
    e->seen++;
}

static void verify(struct soak *s)
{
    /* Every record once, at its latest version: the hub's rows are keyed
     * by id, so "once" is the count matching the kiosk's records. */
    struct expect e = {0};
    assert_int_equal(sqlite3_open_v2(s->kiosk_db, &e.kiosk, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(e.kiosk,
                                        "SELECT max(version) FROM outbox WHERE record_id = ?1", -1,
                                        &e.latest, NULL),
                     SQLITE_OK);
    int64_t kiosk_records = fx_int(e.kiosk, "SELECT count(DISTINCT record_id) FROM outbox");
    assert_int_equal(fx_int(e.kiosk, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL"), 0);
    hub_records(s, check_record, &e);
    sqlite3_finalize(e.latest);
    fprintf(stderr, "soak: hub holds %lld records (%lld at version 2); kiosk sent %lld\n",
            (long long)e.seen, (long long)e.v2_seen, (long long)kiosk_records);
    assert_int_equal(e.seen, kiosk_records);
    assert_int_equal(e.v2_seen, VERSION2);
    assert_int_equal(fx_int(e.kiosk, "SELECT count(*) FROM meeting_requests"), RECORDS);

    /* Every letter byte for byte. */
    char token[128] = "", path[600], hash[HUB_HASH_HEX], err[256];
    snprintf(path, sizeof(path), "%s/data/hub-token", s->dir);
    char *t = th_read_file(path, NULL);
    assert_non_null(t);
    sscanf(t, "%127s", token);
    free(t);
    hub_auth_hash_token(token, hash);
    struct hub_db *db = NULL;
    assert_int_equal(hub_db_open(s->db_url, &db, err, sizeof(err)), 0);
    int64_t kiosk = 0;
    assert_int_equal(hub_db_kiosk_auth(db, hash, &kiosk), 0);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(e.kiosk,
                                        "SELECT sha256, data, uploaded_ms FROM attachments", -1,
                                        &st, NULL),
                     SQLITE_OK);
    int64_t letters = 0, bytes = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *sha = (const char *)sqlite3_column_text(st, 0);
        const void *data = sqlite3_column_blob(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        assert_true(sqlite3_column_int64(st, 2) > 0);
        uint8_t *copy = NULL;
        size_t copy_len = 0;
        assert_int_equal(hub_db_attachment_read(db, kiosk, sha, &copy, &copy_len), 0);
        assert_int_equal(copy_len, len);
        assert_memory_equal(copy, data, len);
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[HUB_HASH_HEX];
        crypto_hash_sha256(h, copy, copy_len);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        assert_string_equal(hex, sha);
        free(copy);
        letters++;
        bytes += (int64_t)len;
    }
    sqlite3_finalize(st);
    hub_db_close(db);
    sqlite3_close(e.kiosk);
    fprintf(stderr, "soak: %lld letters (%.1f MB) byte-identical on the hub\n", (long long)letters,
            (double)bytes / 1e6);
    assert_int_equal(letters, RECORDS);
}

/* --- the soak ------------------------------------------------------------- */

/* The soak running, so that a failed assertion does not leave its
 * processes behind (see stop_children()). */
static struct soak *running;

static void soak(const char *db_url_or_null)
{
    static struct soak s;
    memset(&s, 0, sizeof(s));
    running = &s;
    th_mkdtemp(s.dir, sizeof(s.dir));
    const char *build = getenv("SERAMBI_BUILD");
    assert_non_null(build);
    snprintf(s.hub_bin, sizeof(s.hub_bin), "%s/bin/serambi-hub", build);
    snprintf(s.hub_log, sizeof(s.hub_log), "%s/hub.log", s.dir);
    if (db_url_or_null)
        snprintf(s.db_url, sizeof(s.db_url), "%s", db_url_or_null);
    else
        snprintf(s.db_url, sizeof(s.db_url), "sqlite:%s/hub.db", s.dir);
    snprintf(s.kiosk_db, sizeof(s.kiosk_db), "%s/data/kiosk.db", s.dir);
    int fd = listen_loopback(&s.hub_port);
    close(fd);
    proxy_start(&s.proxy, s.hub_port);

    struct th_run r;
    char *enroll[] = {s.hub_bin, "--db", s.db_url, "enroll", "--name", "soak-kiosk", NULL};
    th_run(enroll, &r);
    assert_int_equal(r.exit_code, 0);
    char code[HUB_CODE_SIZE] = "";
    sscanf(r.out, "%11s", code);
    th_run_fini(&r);
    char text[2048], path[600];
    snprintf(text, sizeof(text),
             "data_dir = %s/data\nassets_dir = %s\nhub_url = http://127.0.0.1:%d/\n"
             "sync_chunk_kib = %d\n",
             s.dir, th_assets_dir(), s.proxy.port, CHUNK_KIB);
    th_write_file(s.dir, "kiosk.conf", text, s.conf, sizeof(s.conf));
    snprintf(path, sizeof(path), "%s/data", s.dir);
    assert_int_equal(mkdir(path, 0700), 0);

    int64_t t0 = mono_ms();
    /* The kiosk's records before the soak, and 100 of them kept for a
     * version 2 during it. */
    struct store *st = fx_open(s.kiosk_db);
    static struct rec_meeting v2[VERSION2];
    for (int i = 0; i < PRELOADED; i++) {
        struct rec_meeting m;
        visitor(st, &m);
        if (i % (PRELOADED / VERSION2) == 0 && i / (PRELOADED / VERSION2) < VERSION2)
            v2[i / (PRELOADED / VERSION2)] = m;
    }
    int64_t t_loaded = mono_ms();

    /* Enrolled once, before the chaos: a code is used up by the hub
     * even when its answer is lost on the way. */
    hub_start(&s);
    atomic_store(&s.proxy.cutting, false);
    char *enroll_kiosk[] = {(char *)th_serambi_bin(), "--config", s.conf, "enroll", code, NULL};
    th_run(enroll_kiosk, &r);
    if (r.exit_code != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
    atomic_store(&s.proxy.cutting, true);
    kiosk_start(&s);

    /* Chaos: kills at random moments while visitors keep coming, until
     * nearly every letter went through it. */
    int added = PRELOADED, v2_done = 0;
    int64_t chaos_end = mono_ms() + CHAOS_MAX_MS;
    while (mono_ms() < chaos_end) {
        sleep_ms(300 + rnd() % 2200);
        uint32_t what = rnd() % 10;
        if (what < 5) {
            kill_wait(s.hub, SIGKILL);
            s.hub_kills++;
            sleep_ms(rnd() % 400);
            hub_start(&s);
        } else if (what < 8) {
            kill_wait(s.kiosk, SIGKILL);
            s.kiosk_kills++;
            kiosk_start(&s);
        } else {
            kill_wait(s.hub, SIGKILL);
            kill_wait(s.kiosk, SIGKILL);
            s.hub_kills++;
            s.kiosk_kills++;
            hub_start(&s);
            kiosk_start(&s);
        }
        for (int k = 0; k < 12 && added < RECORDS; k++, added++) {
            struct rec_meeting m;
            visitor(st, &m);
        }
        for (int k = 0; k < 4 && v2_done < VERSION2; k++, v2_done++)
            version2(st, &v2[v2_done]);
        int64_t rows, letters;
        backlogs(&s, &rows, &letters);
        if (added == RECORDS && v2_done == VERSION2 && letters <= CHAOS_UNTIL)
            break;
    }
    for (; added < RECORDS; added++) {
        struct rec_meeting m;
        visitor(st, &m);
    }
    for (; v2_done < VERSION2; v2_done++)
        version2(st, &v2[v2_done]);
    store_close(st);
    int64_t t_chaos = mono_ms();
    int cuts = atomic_load(&s.proxy.cuts), cuts_in_upload = atomic_load(&s.proxy.cuts_in_upload);

    /* Calm: no more cuts or kills. The kiosk is restarted once so that it
     * does not sit out a long backoff earned during the chaos. */
    atomic_store(&s.proxy.cutting, false);
    kill_wait(s.kiosk, SIGKILL);
    s.kiosk_kills++;
    kiosk_start(&s);
    int64_t rows = -1, letters = -1;
    int64_t calm_end = mono_ms() + CALM_TIMEOUT_MS;
    while (mono_ms() < calm_end) {
        backlogs(&s, &rows, &letters);
        if (rows == 0 && letters == 0)
            break;
        sleep_ms(250);
    }
    int64_t t_done = mono_ms();
    kill(s.kiosk, SIGTERM);
    int status = 0;
    waitpid(s.kiosk, &status, 0);
    s.kiosk = 0;
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    fprintf(stderr,
            "soak (%s): %d records with letters; preload %.1f s, chaos %.1f s (%d hub kills, "
            "%d kiosk kills, %d connections cut, %d of them in a chunk's upload), catch-up "
            "%.1f s; backlog left: %lld rows, %lld letters\n",
            db_url_or_null ? "postgresql" : "sqlite", RECORDS, (double)(t_loaded - t0) / 1000,
            (double)(t_chaos - t_loaded) / 1000, s.hub_kills, s.kiosk_kills, cuts, cuts_in_upload,
            (double)(t_done - t_chaos) / 1000, (long long)rows, (long long)letters);
    assert_int_equal(rows, 0);
    assert_int_equal(letters, 0);
    assert_true(s.hub_kills > 0 && s.kiosk_kills > 1 && cuts_in_upload > 0);
    verify(&s);
    fprintf(stderr, "soak: verified in %.1f s\n", (double)(mono_ms() - t_done) / 1000);
    kill(s.hub, SIGTERM);
    waitpid(s.hub, &status, 0);
    s.hub = 0;
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    proxy_stop(&s.proxy);
    th_rmtree(s.dir);
    running = NULL;
}

/* After a failure: the hub and the kiosk are killed, and their folder is
 * removed (its letters and names are made up, but nothing is left). */
static int stop_children(void **state)
{
    (void)state;
    if (!running)
        return 0;
    if (running->kiosk > 0)
        kill_wait(running->kiosk, SIGKILL);
    if (running->hub > 0)
        kill_wait(running->hub, SIGKILL);
    if (running->proxy.thread)
        proxy_stop(&running->proxy);
    if (running->dir[0])
        th_rmtree(running->dir);
    running = NULL;
    return 0;
}

static void test_soak_sqlite(void **state)
{
    (void)state;
    soak(NULL);
}

static char pg_dir[256], pg_url[512];

static void test_soak_postgresql(void **state)
{
    (void)state;
    if (!pg_url[0])
        skip();
    PGconn *pg = PQconnectdb(pg_url);
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    PQclear(PQexec(pg, "SET client_min_messages = warning; DROP SCHEMA public CASCADE; "
                       "CREATE SCHEMA public"));
    PQfinish(pg);
    soak(pg_url);
}

static void pg_script(const char *verb, const char *arg, struct th_run *r)
{
    const char *src = getenv("SERAMBI_SOURCE");
    char script[512];
    snprintf(script, sizeof(script), "%s/tests/pg-server", src ? src : ".");
    th_run((char *[]){script, (char *)verb, (char *)arg, NULL}, r);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    assert_int_equal(hub_auth_init(), 0);
    signal(SIGPIPE, SIG_IGN);
    rng_state = (uint64_t)time(NULL) * 2654435761u | 1;
    const char *seed = getenv("SERAMBI_SOAK_SEED");
    if (seed && seed[0])
        rng_state = strtoull(seed, NULL, 10) | 1;
    fprintf(stderr, "soak: seed %llu (SERAMBI_SOAK_SEED repeats it)\n",
            (unsigned long long)rng_state);
    const char *want_pg = getenv("SERAMBI_SOAK_PG");
    if (!want_pg || strcmp(want_pg, "0") != 0) {
        struct th_run r;
        pg_script("start", NULL, &r);
        if (r.exit_code != 0 || sscanf(r.out, "%255s %511s", pg_dir, pg_url) != 2)
            fprintf(stderr, "soak: PostgreSQL did not start (not installed?): %s", r.err);
        th_run_fini(&r);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_soak_sqlite, stop_children),
        cmocka_unit_test_teardown(test_soak_postgresql, stop_children),
    };
    int failed = cmocka_run_group_tests_name("soak_hub_sync", tests, NULL, NULL);
    if (pg_dir[0]) {
        struct th_run r;
        pg_script("stop", pg_dir, &r);
        th_run_fini(&r);
    }
    curl_global_cleanup();
    return failed;
}
