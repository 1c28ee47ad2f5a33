/*
 * test_hub_api — the hub's HTTP API against a real server on loopback and
 * a real store: enrollment (repeated with the kiosk's own token after a
 * lost answer), pushes (idempotent, never backwards, never across
 * kiosks), the change feed, the public status page, /healthz and
 * /metrics, and what an attacker can try: no token, a revoked token,
 * oversized and malformed bodies, SQL metacharacters. Office documents:
 * published through the store and with `serambi-hub publish`, paged by
 * cursor, refused when broken.
 *
 * Every test runs on SQLite; the same tests run on PostgreSQL when
 * SERAMBI_TEST_PG_URL names a server (tests/pg-harness starts a private
 * one).
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "../helpers.h"
#include "../hub_client.h"
#include "core/tracking.h"
#include "hub/config.h"

#include <libpq-fe.h>

#define MEETING_ID   "01941d2e-8a00-7000-8000-000000000001"
#define COMPLAINT_ID "01941d2e-8a00-7000-8000-000000000002"
#define LETTER_ID    "01941d2e-8a00-7000-8000-000000000003"
#define ATTACH_MAX   200000
#define CODE_M       "9RY-34T4"

struct ctx {
    char dir[256];
    char url[512];
    struct hub_server *srv;
    int port;
    char token[HUB_TOKEN_SIZE];
};

static const char *backend_url; /* NULL: a SQLite file in the test's folder */

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    if (backend_url) {
        /* A fresh, empty database for each test. */
        snprintf(c->url, sizeof(c->url), "%s", backend_url);
        PGconn *pg = PQconnectdb(backend_url);
        assert_int_equal(PQstatus(pg), CONNECTION_OK);
        PGresult *r = PQexec(pg, "SET client_min_messages = warning; "
                                 "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(pg);
    } else
        snprintf(c->url, sizeof(c->url), "sqlite:%s/hub.db", c->dir);
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1:0");
    snprintf(cfg.db_url, sizeof(cfg.db_url), "%s", c->url);
    cfg.threads = 2;
    cfg.max_body_bytes = 64 * 1024;
    cfg.status_per_minute = 5;
    cfg.enroll_per_minute = 5;
    cfg.attachment_max_bytes = ATTACH_MAX;
    char err[512] = "";
    int rc = hub_server_start(&cfg, &c->srv, err, sizeof(err));
    if (rc)
        fprintf(stderr, "hub_server_start: %s\n", err);
    assert_int_equal(rc, 0);
    c->port = hub_server_port(c->srv);
    char code[HUB_CODE_SIZE];
    hc_enroll_code(c->url, "kiosk-a", code);
    hc_enroll(c->port, code, c->token);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    hub_server_stop(c->srv);
    th_rmtree(c->dir);
    free(c);
    return 0;
}

/* A push body of one meeting request at a version, with a name. */
static void meeting_body(char *buf, size_t cap, const char *id, const char *code, int version,
                         const char *status, const char *applicant)
{
    int n = snprintf(buf, cap,
                     "{\"rows\":[{\"kind\":\"meeting\",\"id\":\"%s\",\"version\":%d,\"record\":"
                     "{\"id\":\"%s\",\"applicant\":\"%s\",\"tracking_code\":\"%s\","
                     "\"status\":\"%s\",\"created_ms\":1767315600000,"
                     "\"reply_due_ms\":1767574800000}}]}",
                     id, version, id, applicant, code, status);
    assert_true(n > 0 && (size_t)n < cap);
}

static long push(struct ctx *c, const char *token, const char *body, struct hc_reply *r)
{
    hc_post(c->port, "/api/v1/push", token, body, r);
    return r->status;
}

static void expect_held(const struct hc_reply *r, const char *id, int version)
{
    char want[128];
    snprintf(want, sizeof(want), "{\"id\":\"%s\",\"version\":%d}", id, version);
    if (!strstr(r->body, want))
        fprintf(stderr, "body: %s\nwanted: %s\n", r->body, want);
    assert_non_null(strstr(r->body, want));
}

static long status_of(struct ctx *c, const char *code, struct hc_reply *r)
{
    char path[64];
    snprintf(path, sizeof(path), "/status/%s", code);
    hc_get(c->port, path, NULL, "application/json", r);
    return r->status;
}

static void test_enroll_code_works_once(void **state)
{
    struct ctx *c = *state;
    char code[HUB_CODE_SIZE], body[128];
    hc_enroll_code(c->url, "kiosk-b", code);
    /* Typed in lower case and with spaces: still the code. */
    snprintf(body, sizeof(body), "{\"code\":\"  %.5s %s\"}", code, code + 6);
    for (char *p = body; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    struct hc_reply r;
    hc_post(c->port, "/api/v1/enroll", NULL, body, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"kiosk\":\"kiosk-b\""));
    hc_reply_fini(&r);
    hc_post(c->port, "/api/v1/enroll", NULL, body, &r);
    assert_int_equal(r.status, 401);
    hc_reply_fini(&r);
    hc_post(c->port, "/api/v1/enroll", NULL, "{\"code\":\"AAAAA-AAAAA\"}", &r);
    assert_int_equal(r.status, 401);
    hc_reply_fini(&r);
}

/* What the store holds for a kiosk: its token hash and enrollment time
 * ("" and 0 when none), read straight from the store. */
static void kiosk_row(struct ctx *c, const char *name, char hash[HUB_HASH_HEX], long long *enrolled)
{
    static const char q[] = "SELECT coalesce(token_hash, ''), coalesce(enrolled_ms, 0) "
                            "FROM kiosks WHERE name = $1 AND revoked_ms IS NULL";
    hash[0] = '\0';
    *enrolled = 0;
    if (backend_url) {
        PGconn *pg = PQconnectdb(backend_url);
        assert_int_equal(PQstatus(pg), CONNECTION_OK);
        const char *params[] = {name};
        PGresult *r = PQexecParams(pg, q, 1, NULL, params, NULL, NULL, 0);
        assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
        if (PQntuples(r) == 1) {
            snprintf(hash, HUB_HASH_HEX, "%s", PQgetvalue(r, 0, 0));
            *enrolled = atoll(PQgetvalue(r, 0, 1));
        }
        PQclear(r);
        PQfinish(pg);
        return;
    }
    char path[300];
    snprintf(path, sizeof(path), "%s/hub.db", c->dir);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(hash, HUB_HASH_HEX, "%s", (const char *)sqlite3_column_text(st, 0));
        *enrolled = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static long enroll_with(struct ctx *c, const char *code, const char *token, struct hc_reply *r)
{
    char body[256];
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"token\":\"%s\"}", code, token);
    hc_post(c->port, "/api/v1/enroll", NULL, body, r);
    return r->status;
}

static void test_enroll_repeat_with_own_token_is_answered_again(void **state)
{
    struct ctx *c = *state;
    char code[HUB_CODE_SIZE], token[HUB_TOKEN_SIZE], other[HUB_TOKEN_SIZE], want[HUB_HASH_HEX];
    char hash[HUB_HASH_HEX], again[HUB_HASH_HEX], body[1024];
    long long enrolled = 0, enrolled_again = 0;
    struct hc_reply r;
    hc_enroll_code(c->url, "kiosk-b", code);
    hub_auth_new_token(token);
    hub_auth_hash_token(token, want);
    assert_int_equal(enroll_with(c, code, token, &r), 200);
    assert_non_null(strstr(r.body, "\"kiosk\":\"kiosk-b\""));
    assert_non_null(strstr(r.body, token)); /* the hub holds the kiosk's own token */
    hc_reply_fini(&r);
    kiosk_row(c, "kiosk-b", hash, &enrolled);
    assert_string_equal(hash, want);
    assert_true(enrolled > 0);
    /* The answer was lost; the kiosk asks again a little later. */
    usleep(20000);
    assert_int_equal(enroll_with(c, code, token, &r), 200);
    assert_non_null(strstr(r.body, "\"kiosk\":\"kiosk-b\""));
    hc_reply_fini(&r);
    kiosk_row(c, "kiosk-b", again, &enrolled_again);
    assert_string_equal(again, want);
    assert_int_equal(enrolled_again, enrolled);
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, token, body, &r), 200);
    expect_held(&r, MEETING_ID, 1);
    hc_reply_fini(&r);
    /* The code with any other token, or an unknown code: refused, nothing written. */
    hub_auth_new_token(other);
    assert_int_equal(enroll_with(c, code, other, &r), 401);
    hc_reply_fini(&r);
    assert_int_equal(enroll_with(c, "AAAAA-AAAAA", token, &r), 401);
    hc_reply_fini(&r);
    kiosk_row(c, "kiosk-b", again, &enrolled_again);
    assert_string_equal(again, want);
    assert_int_equal(enrolled_again, enrolled);
    assert_int_equal(push(c, other, body, &r), 401);
    hc_reply_fini(&r);
}

static void test_enroll_token_must_be_well_formed(void **state)
{
    struct ctx *c = *state;
    char code[HUB_CODE_SIZE], token[HUB_TOKEN_SIZE], body[256], hash[HUB_HASH_HEX];
    long long enrolled = 1;
    struct hc_reply r;
    hub_auth_new_token(token);
    assert_true(hub_auth_token_valid(token));
    static const char *const bad[] = {
        "",
        "short",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /* 44 */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   /* 42 */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",  /* standard base64 */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",  /* padding */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",  /* stray bits after 32 bytes */
        "AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(hub_auth_token_valid(bad[i]));
    hc_enroll_code(c->url, "kiosk-b", code);
    /* setup() made one attempt; 5 a minute per address. */
    static const char *const tokens[] = {
        "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+\"",
        "\"short\"",
        "43",
    };
    for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
        snprintf(body, sizeof(body), "{\"code\":\"%s\",\"token\":%s}", code, tokens[i]);
        hc_post(c->port, "/api/v1/enroll", NULL, body, &r);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body, "token"));
        hc_reply_fini(&r);
    }
    kiosk_row(c, "kiosk-b", hash, &enrolled);
    assert_string_equal(hash, "");
    assert_int_equal(enrolled, 0);
    /* Nothing was used up: the code still works with a good token. */
    assert_int_equal(enroll_with(c, code, token, &r), 200);
    hc_reply_fini(&r);
}

static void test_enroll_repeat_after_revoke_is_refused(void **state)
{
    struct ctx *c = *state;
    char code[HUB_CODE_SIZE], token[HUB_TOKEN_SIZE], body[1024];
    struct hc_reply r;
    hc_enroll_code(c->url, "kiosk-b", code);
    hub_auth_new_token(token);
    assert_int_equal(enroll_with(c, code, token, &r), 200);
    hc_reply_fini(&r);
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    assert_int_equal(hub_db_kiosk_revoke(db, "kiosk-b", 1), 0);
    hub_db_close(db);
    assert_int_equal(enroll_with(c, code, token, &r), 401);
    hc_reply_fini(&r);
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, token, body, &r), 401);
    hc_reply_fini(&r);
}

static void test_enroll_cannot_take_another_kiosks_token(void **state)
{
    struct ctx *c = *state;
    char code[HUB_CODE_SIZE], token[HUB_TOKEN_SIZE], hash[HUB_HASH_HEX];
    long long enrolled = 1;
    struct hc_reply r;
    hc_enroll_code(c->url, "kiosk-b", code);
    /* kiosk-a's token offered with kiosk-b's code: refused, code not used. */
    assert_int_equal(enroll_with(c, code, c->token, &r), 401);
    hc_reply_fini(&r);
    kiosk_row(c, "kiosk-b", hash, &enrolled);
    assert_int_equal(enrolled, 0);
    hub_auth_new_token(token);
    assert_int_equal(enroll_with(c, code, token, &r), 200);
    hc_reply_fini(&r);
}

static void test_push_is_idempotent_and_never_backwards(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    expect_held(&r, MEETING_ID, 1);
    hc_reply_fini(&r);
    /* A resend after a lost answer: same answer. */
    assert_int_equal(push(c, c->token, body, &r), 200);
    expect_held(&r, MEETING_ID, 1);
    hc_reply_fini(&r);
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 3, "in_process", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    expect_held(&r, MEETING_ID, 3);
    hc_reply_fini(&r);
    /* A late older version does not overwrite the newer one. */
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 2, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    expect_held(&r, MEETING_ID, 3);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"in_process\""));
    hc_reply_fini(&r);
}

static void test_push_cannot_take_another_kiosks_record(void **state)
{
    struct ctx *c = *state;
    char body[1024], code[HUB_CODE_SIZE], other[HUB_TOKEN_SIZE];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    hc_enroll_code(c->url, "kiosk-b", code);
    hc_enroll(c->port, code, other);
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 9, "closed", "Mallory");
    assert_int_equal(push(c, other, body, &r), 200);
    expect_held(&r, MEETING_ID, 0);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"received\""));
    hc_reply_fini(&r);
}

static void test_no_write_without_a_valid_token(void **state)
{
    struct ctx *c = *state;
    char body[1024], bad[HUB_TOKEN_SIZE];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, NULL, body, &r), 401);
    hc_reply_fini(&r);
    memcpy(bad, c->token, sizeof(bad));
    bad[0] = bad[0] == 'A' ? 'B' : 'A';
    assert_int_equal(push(c, bad, body, &r), 401);
    hc_reply_fini(&r);
    assert_int_equal(push(c, "short", body, &r), 401);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 404);
    hc_reply_fini(&r);
    hc_get(c->port, "/api/v1/changes", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    hc_reply_fini(&r);
}

static void test_revoked_token_is_refused(void **state)
{
    struct ctx *c = *state;
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    assert_int_equal(hub_db_kiosk_revoke(db, "kiosk-a", 1), 0);
    assert_int_equal(hub_db_kiosk_revoke(db, "kiosk-a", 1), -ENOENT);
    hub_db_close(db);
    char body[1024];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 401);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 404);
    hc_reply_fini(&r);
}

static void test_bad_bodies_are_refused(void **state)
{
    struct ctx *c = *state;
    static const char *const bodies[] = {
        "",
        "not json",
        "[]",
        "{\"rows\":[]}",
        "{\"rows\":{}}",
        "{\"rows\":[1]}",
        "{\"rows\":[{\"kind\":\"meeting\",\"id\":\"x\",\"version\":1,\"record\":{}}]}",
        "{\"rows\":[{\"kind\":\"spaceship\",\"id\":\"" MEETING_ID
        "\",\"version\":1,\"record\":{}}]}",
        "{\"rows\":[{\"kind\":\"survey\",\"id\":\"" MEETING_ID "\",\"version\":0,\"record\":{}}]}",
        "{\"rows\":[{\"kind\":\"survey\",\"id\":\"" MEETING_ID
        "\",\"version\":99999999999,\"record\":{}}]}",
        "{\"rows\":[{\"kind\":\"meeting\",\"id\":\"" MEETING_ID
        "\",\"version\":1,\"record\":{\"tracking_code\":\"ABC-DEFH\"}}]}",
        "{\"rows\":[{\"kind\":\"survey\",\"id\":\"" MEETING_ID "\",\"version\":1,\"record\":"
        "{\"id\":\"" COMPLAINT_ID "\"}}]}",
        "{\"a\":1,\"a\":2}",
        "{\"rows\":[{\"kind\":\"survey\",\"id\":\"" MEETING_ID "\",\"version\":1,\"record\":{}}]",
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        struct hc_reply r;
        long st = push(c, c->token, bodies[i], &r);
        if (st != 400)
            fprintf(stderr, "body %zu: %ld %s\n", i, st, r.body);
        assert_int_equal(st, 400);
        hc_reply_fini(&r);
    }
    /* Over the body limit: 413, and the server still answers. */
    size_t big = 200 * 1024;
    char *huge = malloc(big + 1);
    assert_non_null(huge);
    memset(huge, ' ', big);
    huge[big] = '\0';
    struct hc_reply r;
    hc_request(c->port, "POST", "/api/v1/push", c->token, NULL, huge, big, &r);
    assert_int_equal(r.status, 413);
    hc_reply_fini(&r);
    free(huge);
    hc_get(c->port, "/healthz", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    hc_reply_fini(&r);
    /* Too many rows in one batch. */
    size_t cap = 600 * 160;
    char *many = malloc(cap);
    assert_non_null(many);
    size_t pos = (size_t)snprintf(many, cap, "{\"rows\":[");
    for (int i = 0; i < 600; i++)
        pos += (size_t)snprintf(many + pos, cap - pos,
                                "%s{\"kind\":\"survey\",\"id\":\"01941d2e-8a00-7000-8000-%012d\","
                                "\"version\":1,\"record\":{}}",
                                i ? "," : "", i);
    snprintf(many + pos, cap - pos, "]}");
    assert_int_equal(push(c, c->token, many, &r), 413);
    hc_reply_fini(&r);
    free(many);
}

static void test_sql_metacharacters_are_text(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    const char *evil = "Robert'); DROP TABLE records;-- \\\" ; SELECT * FROM kiosks; %_";
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", evil);
    assert_int_equal(push(c, c->token, body, &r), 200);
    expect_held(&r, MEETING_ID, 1);
    hc_reply_fini(&r);
    /* The tables are there, and the text came back as it went in. */
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_null(strstr(r.body, "Robert"));
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, "'%20OR%201=1--", &r), 404);
    hc_reply_fini(&r);
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    struct hub_decision d = {.decided_ms = 1};
    snprintf(d.record_id, sizeof(d.record_id), "%s", MEETING_ID);
    snprintf(d.status, sizeof(d.status), "scheduled");
    snprintf(d.schedule, sizeof(d.schedule), "x'); DELETE FROM decisions; --");
    assert_int_equal(hub_db_decide(db, &d), 0);
    int64_t counts[REC_KIND_COUNT];
    assert_int_equal(hub_db_count_by_kind(db, counts), 0);
    assert_int_equal(counts[REC_MEETING_REQUEST], 1);
    hub_db_close(db);
    hc_get(c->port, "/api/v1/changes", c->token, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "x'); DELETE FROM decisions; --"));
    hc_reply_fini(&r);
}

static void test_change_feed_by_cursor(void **state)
{
    struct ctx *c = *state;
    char body[1024], code[HUB_CODE_SIZE], other[HUB_TOKEN_SIZE];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    hc_get(c->port, "/api/v1/changes?after=0", c->token, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "{\"changes\":[],\"next\":0}");
    hc_reply_fini(&r);

    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    struct hub_decision d = {.decided_ms = 1767400000000, .due_ms = 0};
    snprintf(d.record_id, sizeof(d.record_id), "%s", MEETING_ID);
    snprintf(d.status, sizeof(d.status), "scheduled");
    snprintf(d.schedule, sizeof(d.schedule), "Senin 5 Jan 09.00, Ruang Rapat 2");
    assert_int_equal(hub_db_decide(db, &d), 0);
    int64_t first = d.cursor;
    snprintf(d.status, sizeof(d.status), "answered");
    snprintf(d.answer, sizeof(d.answer), "Surat balasan terkirim");
    assert_int_equal(hub_db_decide(db, &d), 0);
    snprintf(d.record_id, sizeof(d.record_id), "%s", COMPLAINT_ID);
    assert_int_equal(hub_db_decide(db, &d), -ENOENT);
    hub_db_close(db);

    hc_get(c->port, "/api/v1/changes?limit=1", c->token, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"status\":\"scheduled\""));
    assert_null(strstr(r.body, "\"status\":\"answered\""));
    hc_reply_fini(&r);
    char path[64];
    snprintf(path, sizeof(path), "/api/v1/changes?after=%lld", (long long)first);
    hc_get(c->port, path, c->token, NULL, &r);
    assert_non_null(strstr(r.body, "\"status\":\"answered\""));
    assert_null(strstr(r.body, "\"status\":\"scheduled\""));
    hc_reply_fini(&r);
    hc_get(c->port, "/api/v1/changes?after=-1", c->token, NULL, &r);
    assert_int_equal(r.status, 400);
    hc_reply_fini(&r);
    /* Another kiosk sees nothing of this kiosk's records. */
    hc_enroll_code(c->url, "kiosk-b", code);
    hc_enroll(c->port, code, other);
    hc_get(c->port, "/api/v1/changes", other, NULL, &r);
    assert_string_equal(r.body, "{\"changes\":[],\"next\":0}");
    hc_reply_fini(&r);
    /* The status page shows the latest decision and the schedule. */
    assert_int_equal(status_of(c, "9ry%2034t4", &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"answered\""));
    assert_non_null(strstr(r.body, "Ruang Rapat 2"));
    hc_reply_fini(&r);
}

static void test_status_page_has_no_personal_data_and_is_rate_limited(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Siti <Nurhaliza>");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    hc_get(c->port, "/status/9RY-34T4", NULL, "text/html", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.content_type, "text/html"));
    assert_non_null(strstr(r.body, CODE_M));
    assert_null(strstr(r.body, "Siti"));
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_null(strstr(r.body, "Siti"));
    assert_non_null(strstr(r.body, "\"due_ms\":1767574800000"));
    hc_reply_fini(&r);
    /* A typo in the check symbol is simply not found. */
    assert_int_equal(status_of(c, "9RY-34T5", &r), 404);
    hc_reply_fini(&r);
    /* 5 a minute per address: the 6th waits, with Retry-After. */
    for (int i = 0; i < 2; i++) {
        status_of(c, CODE_M, &r);
        hc_reply_fini(&r);
    }
    assert_int_equal(status_of(c, CODE_M, &r), 429);
    assert_true(atoi(r.retry_after) >= 1);
    hc_reply_fini(&r);
}

/* The status page is answered from memory while nothing changed
 * (status_cache.c), yet each push and each staff decision shows on the
 * very next request, in HTML and in JSON. */
static void test_status_page_follows_every_change(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Siti");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"received\""));
    hc_reply_fini(&r);
    /* a newer version from the kiosk */
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 2, "in_process", "Siti");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"in_process\""));
    hc_reply_fini(&r);
    hc_get(c->port, "/status/" CODE_M, NULL, "text/html", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "in_process"));
    hc_reply_fini(&r);
    /* staff schedule the meeting */
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    struct hub_decision d = {.decided_ms = 1};
    snprintf(d.record_id, sizeof(d.record_id), "%s", MEETING_ID);
    snprintf(d.status, sizeof(d.status), "scheduled");
    snprintf(d.schedule, sizeof(d.schedule), "Senin 09.00, ruang rapat 2");
    assert_int_equal(hub_db_decide(db, &d), 0);
    hub_db_close(db);
    hc_get(c->port, "/status/" CODE_M, NULL, "text/html", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "scheduled"));
    assert_non_null(strstr(r.body, "ruang rapat 2"));
    hc_reply_fini(&r);
    assert_int_equal(status_of(c, CODE_M, &r), 200);
    assert_non_null(strstr(r.body, "\"status\":\"scheduled\""));
    hc_reply_fini(&r);
}

static void test_health_metrics_and_unknown_routes(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    hc_get(c->port, "/healthz", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    hc_reply_fini(&r);
    hc_get(c->port, "/metrics", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "serambi_hub_records{kind=\"meeting\"} 1\n"));
    assert_non_null(strstr(r.body, "serambi_hub_kiosk_last_push_age_seconds{kiosk=\"kiosk-a\"}"));
    assert_non_null(
        strstr(r.body, "serambi_hub_requests_total{route=\"POST /api/v1/push\",code=\"2xx\"} 1\n"));
    hc_reply_fini(&r);
    hc_get(c->port, "/nowhere", NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    hc_reply_fini(&r);
    hc_request(c->port, "DELETE", "/healthz", NULL, NULL, NULL, 0, &r);
    assert_int_equal(r.status, 405);
    hc_reply_fini(&r);
    hc_get(c->port, "/status/", NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    hc_reply_fini(&r);
}

/* HTTPS with a certificate and key from the configuration, on loopback
 * here, but the point is that it may then listen anywhere. */
static void test_https_when_configured(void **state)
{
    (void)state;
    char dir[256], cert[512], key[512];
    th_mkdtemp(dir, sizeof(dir));
    snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
    snprintf(key, sizeof(key), "%s/key.pem", dir);
    struct th_run r;
    th_run((char *[]){"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                      "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                      "-keyout", key, "-out", cert, NULL},
           &r);
    if (r.exit_code != 0) {
        th_run_fini(&r);
        th_rmtree(dir);
        skip();
    }
    th_run_fini(&r);
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1:0");
    snprintf(cfg.db_url, sizeof(cfg.db_url), "sqlite:%s/hub.db", dir);
    snprintf(cfg.tls_cert, sizeof(cfg.tls_cert), "%s", cert);
    snprintf(cfg.tls_key, sizeof(cfg.tls_key), "%s", key);
    cfg.threads = 1;
    struct hub_server *srv = NULL;
    char err[512] = "";
    int rc = hub_server_start(&cfg, &srv, err, sizeof(err));
    if (rc)
        fprintf(stderr, "hub_server_start: %s\n", err);
    assert_int_equal(rc, 0);
    char url[96];
    snprintf(url, sizeof(url), "https://127.0.0.1:%d/healthz", hub_server_port(srv));
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CAINFO, cert);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L); /* the certificate names localhost */
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    CURLcode cc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    if (cc != CURLE_OK)
        fprintf(stderr, "curl: %s\n", curl_easy_strerror(cc));
    assert_int_equal(cc, CURLE_OK);
    assert_int_equal(status, 200);
    /* Plain HTTP to the HTTPS port gets no answer. */
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", hub_server_port(srv));
    c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
    cc = curl_easy_perform(c);
    status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    assert_int_not_equal(status, 200);
    hub_server_stop(srv);
    th_rmtree(dir);
}

static void test_plain_http_only_on_loopback(void **state)
{
    (void)state;
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.db_url, sizeof(cfg.db_url), "sqlite::memory:");
    static const char *const refused[] = {"0.0.0.0:0", "[::]:0", "192.0.2.1:8080"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        snprintf(cfg.listen, sizeof(cfg.listen), "%s", refused[i]);
        struct hub_server *srv = NULL;
        char err[512] = "";
        assert_int_equal(hub_server_start(&cfg, &srv, err, sizeof(err)), -EPERM);
        assert_non_null(strstr(err, "loopback"));
    }
    snprintf(cfg.listen, sizeof(cfg.listen), "localhost:80");
    struct hub_server *srv = NULL;
    char err[512] = "";
    assert_int_equal(hub_server_start(&cfg, &srv, err, sizeof(err)), -EINVAL);
}

/* --- attachments ---------------------------------------------------- */

static void sha256_hex(const uint8_t *data, size_t len, char hex[HUB_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, HUB_HASH_HEX, h, sizeof(h));
}

/* Pushes the record of an attachment (of MEETING_ID) with this hash and size. */
static void push_letter(struct ctx *c, const char *token, const char *sha, size_t size)
{
    char body[1024];
    snprintf(body, sizeof(body),
             "{\"rows\":[{\"kind\":\"attachment\",\"id\":\"%s\",\"version\":1,\"record\":"
             "{\"id\":\"%s\",\"record_id\":\"%s\",\"sha256\":\"%s\",\"mime\":\"application/pdf\","
             "\"size_bytes\":%zu,\"pages\":1}}]}",
             LETTER_ID, LETTER_ID, MEETING_ID, sha, size);
    struct hc_reply r;
    assert_int_equal(push(c, token, body, &r), 200);
    expect_held(&r, LETTER_ID, 1);
    hc_reply_fini(&r);
}

static long put_chunk(struct ctx *c, const char *token, const char *sha, size_t offset,
                      const uint8_t *data, size_t len, struct hc_reply *r)
{
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/attachments/%s?offset=%zu", sha, offset);
    hc_request(c->port, "PUT", path, token, "application/json", (const char *)data, len, r);
    return r->status;
}

static long upload_state(struct ctx *c, const char *token, const char *sha, struct hc_reply *r)
{
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/attachments/%s", sha);
    hc_get(c->port, path, token, "application/json", r);
    return r->status;
}

static void expect_received(const struct hc_reply *r, size_t received, bool complete)
{
    char want[96];
    snprintf(want, sizeof(want), "\"received\":%zu,\"complete\":%s", received,
             complete ? "true" : "false");
    if (!strstr(r->body, want))
        fprintf(stderr, "body: %s\nwanted: %s\n", r->body, want);
    assert_non_null(strstr(r->body, want));
}

static uint8_t *letter_bytes(size_t len, uint32_t seed)
{
    uint8_t *b = malloc(len);
    assert_non_null(b);
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        b[i] = (uint8_t)(seed >> 16);
    }
    memcpy(b, "%PDF-", 5);
    return b;
}

/* The hub's copy of the upload, read from its store. */
static int hub_copy(struct ctx *c, const char *sha, uint8_t **data, size_t *len)
{
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    char hash[HUB_HASH_HEX];
    hub_auth_hash_token(c->token, hash);
    int64_t kiosk = 0;
    assert_int_equal(hub_db_kiosk_auth(db, hash, &kiosk), 0);
    int rc = hub_db_attachment_read(db, kiosk, sha, data, len);
    hub_db_close(db);
    return rc;
}

static void test_attachment_upload_resumes_and_is_verified(void **state)
{
    struct ctx *c = *state;
    size_t size = 100000, chunk = 40000;
    uint8_t *bytes = letter_bytes(size, 7);
    char sha[HUB_HASH_HEX];
    sha256_hex(bytes, size, sha);
    struct hc_reply r;
    /* Bytes only for a record the hub holds. */
    assert_int_equal(upload_state(c, c->token, sha, &r), 404);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, chunk, &r), 404);
    hc_reply_fini(&r);
    push_letter(c, c->token, sha, size);
    assert_int_equal(upload_state(c, c->token, sha, &r), 200);
    assert_non_null(strstr(r.body, "\"size\":100000"));
    expect_received(&r, 0, false);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, chunk, &r), 200);
    expect_received(&r, chunk, false);
    hc_reply_fini(&r);
    /* A resend after a lost answer: the hub says where it stands. */
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, chunk, &r), 409);
    expect_received(&r, chunk, false);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, 2 * chunk, bytes, chunk, &r), 409);
    hc_reply_fini(&r);
    /* One byte past the record's size (and within the body limit). */
    uint8_t *over = calloc(1, size - chunk + 1);
    assert_non_null(over);
    assert_int_equal(put_chunk(c, c->token, sha, chunk, over, size - chunk + 1, &r), 413);
    assert_non_null(strstr(r.body, "past the attachment's size"));
    hc_reply_fini(&r);
    free(over);
    uint8_t *copy = NULL;
    size_t len = 0;
    assert_int_equal(hub_copy(c, sha, &copy, &len), -ENOENT);
    /* The hub was "cut off" here: ask, then continue from its offset. */
    assert_int_equal(upload_state(c, c->token, sha, &r), 200);
    expect_received(&r, chunk, false);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, chunk, bytes + chunk, chunk, &r), 200);
    hc_reply_fini(&r);
    assert_int_equal(
        put_chunk(c, c->token, sha, 2 * chunk, bytes + 2 * chunk, size - 2 * chunk, &r), 200);
    expect_received(&r, size, true);
    hc_reply_fini(&r);
    assert_int_equal(hub_copy(c, sha, &copy, &len), 0);
    assert_int_equal(len, size);
    assert_memory_equal(copy, bytes, size);
    free(copy);
    /* Complete: a late chunk changes nothing. */
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, chunk, &r), 200);
    expect_received(&r, size, true);
    hc_reply_fini(&r);
    free(bytes);
}

static void test_attachment_mismatch_is_dropped(void **state)
{
    struct ctx *c = *state;
    size_t size = 50000;
    uint8_t *bytes = letter_bytes(size, 11);
    char sha[HUB_HASH_HEX];
    sha256_hex(bytes, size, sha);
    push_letter(c, c->token, sha, size);
    bytes[size - 1] ^= 0x40; /* damaged on the way */
    struct hc_reply r;
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, 30000, &r), 200);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, 30000, bytes + 30000, size - 30000, &r), 422);
    expect_received(&r, 0, false);
    hc_reply_fini(&r);
    assert_int_equal(upload_state(c, c->token, sha, &r), 200);
    expect_received(&r, 0, false);
    hc_reply_fini(&r);
    uint8_t *copy = NULL;
    size_t len = 0;
    assert_int_equal(hub_copy(c, sha, &copy, &len), -ENOENT);
    /* The right bytes then go through. */
    bytes[size - 1] ^= 0x40;
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, size, &r), 200);
    expect_received(&r, size, true);
    hc_reply_fini(&r);
    assert_int_equal(hub_copy(c, sha, &copy, &len), 0);
    assert_memory_equal(copy, bytes, size);
    free(copy);
    free(bytes);
}

static void test_attachment_only_its_kiosk_writes(void **state)
{
    struct ctx *c = *state;
    size_t size = 1000;
    uint8_t *bytes = letter_bytes(size, 3);
    char sha[HUB_HASH_HEX], code[HUB_CODE_SIZE], other[HUB_TOKEN_SIZE];
    sha256_hex(bytes, size, sha);
    push_letter(c, c->token, sha, size);
    struct hc_reply r;
    assert_int_equal(put_chunk(c, NULL, sha, 0, bytes, size, &r), 401);
    hc_reply_fini(&r);
    assert_int_equal(upload_state(c, NULL, sha, &r), 401);
    hc_reply_fini(&r);
    hc_enroll_code(c->url, "kiosk-b", code);
    hc_enroll(c->port, code, other);
    assert_int_equal(upload_state(c, other, sha, &r), 404);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, other, sha, 0, bytes, size, &r), 404);
    hc_reply_fini(&r);
    /* Malformed requests. */
    assert_int_equal(upload_state(c, c->token, "ABC", &r), 400);
    hc_reply_fini(&r);
    char upper[HUB_HASH_HEX];
    memcpy(upper, sha, sizeof(upper));
    upper[0] = 'G';
    assert_int_equal(upload_state(c, c->token, upper, &r), 400);
    hc_reply_fini(&r);
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/attachments/%s", sha);
    hc_request(c->port, "PUT", path, c->token, NULL, (const char *)bytes, size, &r);
    assert_int_equal(r.status, 400);
    hc_reply_fini(&r);
    snprintf(path, sizeof(path), "/api/v1/attachments/%s?offset=-1", sha);
    hc_request(c->port, "PUT", path, c->token, NULL, (const char *)bytes, size, &r);
    assert_int_equal(r.status, 400);
    hc_reply_fini(&r);
    hc_request(c->port, "DELETE", path, c->token, NULL, NULL, 0, &r);
    assert_int_equal(r.status, 405);
    hc_reply_fini(&r);
    /* A revoked kiosk writes nothing. */
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    assert_int_equal(hub_db_kiosk_revoke(db, "kiosk-a", 1), 0);
    hub_db_close(db);
    assert_int_equal(put_chunk(c, c->token, sha, 0, bytes, size, &r), 401);
    hc_reply_fini(&r);
    free(bytes);
}

static void test_attachment_size_limit(void **state)
{
    struct ctx *c = *state;
    char sha[HUB_HASH_HEX];
    uint8_t b[8] = "%PDF-1.";
    sha256_hex(b, sizeof(b), sha);
    /* The record may say anything; the bytes of one too large are refused. */
    push_letter(c, c->token, sha, ATTACH_MAX + 1);
    struct hc_reply r;
    assert_int_equal(upload_state(c, c->token, sha, &r), 413);
    hc_reply_fini(&r);
    assert_int_equal(put_chunk(c, c->token, sha, 0, b, sizeof(b), &r), 413);
    hc_reply_fini(&r);
    /* A record of an attachment without its hash or size is refused. */
    char body[512];
    snprintf(body, sizeof(body),
             "{\"rows\":[{\"kind\":\"attachment\",\"id\":\"%s\",\"version\":2,\"record\":"
             "{\"sha256\":\"%.60s\",\"size_bytes\":10}}]}",
             LETTER_ID, sha);
    assert_int_equal(push(c, c->token, body, &r), 400);
    hc_reply_fini(&r);
    snprintf(body, sizeof(body),
             "{\"rows\":[{\"kind\":\"attachment\",\"id\":\"%s\",\"version\":2,\"record\":"
             "{\"sha256\":\"%s\",\"size_bytes\":-1}}]}",
             LETTER_ID, sha);
    assert_int_equal(push(c, c->token, body, &r), 400);
    hc_reply_fini(&r);
}

static void test_enroll_is_rate_limited(void **state)
{
    struct ctx *c = *state;
    struct hc_reply r;
    /* setup() made one attempt; 5 a minute per address. */
    for (int i = 0; i < 4; i++) {
        hc_post(c->port, "/api/v1/enroll", NULL, "{\"code\":\"AAAAA-AAAAA\"}", &r);
        assert_int_equal(r.status, 401);
        hc_reply_fini(&r);
    }
    char code[HUB_CODE_SIZE], body[64];
    hc_enroll_code(c->url, "kiosk-b", code);
    snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
    hc_post(c->port, "/api/v1/enroll", NULL, body, &r);
    assert_int_equal(r.status, 429);
    assert_true(atoi(r.retry_after) >= 1);
    hc_reply_fini(&r);
    /* Nothing was redeemed: the code still works for the kiosk later. */
    struct hub_db *db = NULL;
    char err[256], hash[HUB_HASH_HEX], thash[HUB_HASH_HEX], name[HUB_NAME_SIZE];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    hub_auth_hash_code(code, hash);
    hub_auth_hash_token("t", thash);
    assert_int_equal(hub_db_kiosk_redeem(db, hash, thash, (int64_t)time(NULL) * 1000,
                                         HUB_CODE_LIFETIME_MS, name, sizeof(name)),
                     0);
    hub_db_close(db);
}

static void test_metrics_count_overdue_items(void **state)
{
    struct ctx *c = *state;
    char body[1024];
    struct hc_reply r;
    /* Due on 5 January 2026, still "received": overdue. */
    meeting_body(body, sizeof(body), MEETING_ID, CODE_M, 1, "received", "Budi");
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    /* A complaint due tomorrow is not. */
    long long tomorrow = ((long long)time(NULL) + 86400) * 1000;
    char code[TRACKING_SIZE];
    tracking_make((const uint8_t[TRACKING_RANDOM_BYTES]){1, 2, 3, 4, 5, 6, 7, 8}, code);
    snprintf(body, sizeof(body),
             "{\"rows\":[{\"kind\":\"complaint\",\"id\":\"%s\",\"version\":1,\"record\":"
             "{\"id\":\"%s\",\"tracking_code\":\"%s\",\"status\":\"received\","
             "\"created_ms\":1767315600000,\"due_ms\":%lld}}]}",
             COMPLAINT_ID, COMPLAINT_ID, code, tomorrow);
    assert_int_equal(push(c, c->token, body, &r), 200);
    hc_reply_fini(&r);
    hc_get(c->port, "/metrics", NULL, NULL, &r);
    assert_non_null(strstr(r.body, "serambi_hub_overdue_records{kind=\"meeting\"} 1\n"));
    assert_non_null(strstr(r.body, "serambi_hub_overdue_records{kind=\"complaint\"} 0\n"));
    /* Sync lag per kiosk. */
    assert_non_null(strstr(r.body, "serambi_hub_kiosk_last_push_age_seconds{kiosk=\"kiosk-a\"} "));
    hc_reply_fini(&r);
    /* Staff answer the meeting: no longer overdue. Staff move the
     * complaint's due time into the past: overdue. */
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    struct hub_decision d = {.decided_ms = 1};
    snprintf(d.record_id, sizeof(d.record_id), "%s", MEETING_ID);
    snprintf(d.status, sizeof(d.status), "answered");
    assert_int_equal(hub_db_decide(db, &d), 0);
    snprintf(d.record_id, sizeof(d.record_id), "%s", COMPLAINT_ID);
    snprintf(d.status, sizeof(d.status), "in_process");
    d.due_ms = 1767315600000;
    assert_int_equal(hub_db_decide(db, &d), 0);
    hub_db_close(db);
    hc_get(c->port, "/metrics", NULL, NULL, &r);
    assert_non_null(strstr(r.body, "serambi_hub_overdue_records{kind=\"meeting\"} 0\n"));
    assert_non_null(strstr(r.body, "serambi_hub_overdue_records{kind=\"complaint\"} 1\n"));
    hc_reply_fini(&r);
}

/* --- shutdown under load ----------------------------------------------- */

struct load {
    int port;
    atomic_bool stop;
    atomic_long answered;
};

struct loader {
    struct load *load;
    bool keep_alive;
};

static void *load_run(void *arg)
{
    const struct loader *me = arg;
    struct load *l = me->load;
    char url[96];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", l->port);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    /* Kept-alive connections keep the server's workers busy; new ones
     * arrive while it stops. */
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, me->keep_alive ? 0L : 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, hc_on_body);
    struct hc_reply r = {0};
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    while (!atomic_load(&l->stop)) {
        if (curl_easy_perform(c) == CURLE_OK)
            atomic_fetch_add(&l->answered, 1);
        hc_reply_fini(&r);
    }
    curl_easy_cleanup(c);
    return NULL;
}

static void *stop_run(void *arg)
{
    hub_server_stop(arg);
    return NULL;
}

/* libmicrohttpd 0.9.75 aborts in MHD_quiesce_daemon() with a thread pool
 * on epoll when its workers are busy with kept-alive connections; the
 * server must stop cleanly however busy it is. An abort ends this whole
 * program. The load ends shortly after the stop began, so that the stop
 * need not wait out its grace period for the kept-alive connections. */
static void test_stop_under_load_50_times(void **state)
{
    (void)state;
    char dir[256];
    th_mkdtemp(dir, sizeof(dir));
    struct hub_config cfg;
    hub_config_defaults(&cfg);
    snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1:0");
    snprintf(cfg.db_url, sizeof(cfg.db_url), "sqlite:%s/hub.db", dir);
    cfg.threads = 2;
    cfg.timeout_s = 1;
    long answered = 0;
    for (int i = 0; i < 50; i++) {
        struct hub_server *srv = NULL;
        char err[512] = "";
        assert_int_equal(hub_server_start(&cfg, &srv, err, sizeof(err)), 0);
        struct load l = {.port = hub_server_port(srv)};
        struct loader loaders[4];
        pthread_t threads[4], stopper;
        for (int t = 0; t < 4; t++) {
            loaders[t] = (struct loader){&l, t < 2};
            assert_int_equal(pthread_create(&threads[t], NULL, load_run, &loaders[t]), 0);
        }
        for (int k = 0; k < 400 && atomic_load(&l.answered) < 20; k++)
            usleep(5000);
        assert_int_equal(pthread_create(&stopper, NULL, stop_run, srv), 0);
        usleep(30000);
        atomic_store(&l.stop, true);
        for (int t = 0; t < 4; t++)
            pthread_join(threads[t], NULL);
        pthread_join(stopper, NULL);
        answered += atomic_load(&l.answered);
    }
    /* The load was real. */
    assert_true(answered >= 50 * 20);
    th_rmtree(dir);
}

/* --- office documents ------------------------------------------------------ */

#define CAL_2027                                                                                   \
    "year = 2027\n2027-01-01  nasional  Tahun Baru Masehi\n"                                       \
    "2027-03-10  nasional  Hari Suci Nyepi \xe2\x80\x94 'quoted' \"text\"\n"
#define CAL_2027_FIXED "year = 2027\n2027-01-01  nasional  Tahun Baru Masehi\n"

static int64_t publish(struct ctx *c, const char *name, const char *text)
{
    struct hub_db *db = NULL;
    char err[256];
    int64_t cursor = -1;
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    int rc = hub_db_publish(db, name, text, strlen(text), 1767400000000, &cursor);
    if (rc)
        fprintf(stderr, "publish: %s\n", hub_db_last_error(db));
    assert_int_equal(rc, 0);
    hub_db_close(db);
    assert_true(cursor > 0);
    return cursor;
}

/* GET /api/v1/documents?after=…&limit=…: the parsed answer (decref it). */
static json_t *documents(struct ctx *c, long long after, int limit, long want_status)
{
    char path[96];
    struct hc_reply r;
    snprintf(path, sizeof(path), "/api/v1/documents?after=%lld&limit=%d", after, limit);
    hc_get(c->port, path, c->token, NULL, &r);
    assert_int_equal(r.status, want_status);
    json_t *root = json_loads(r.body, 0, NULL);
    hc_reply_fini(&r);
    assert_non_null(root);
    return root;
}

static void expect_document(json_t *doc, int64_t cursor, const char *name, const char *text)
{
    assert_int_equal(json_integer_value(json_object_get(doc, "cursor")), cursor);
    assert_string_equal(json_string_value(json_object_get(doc, "name")), name);
    assert_string_equal(json_string_value(json_object_get(doc, "text")), text);
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[HUB_HASH_HEX];
    crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
    sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
    assert_string_equal(json_string_value(json_object_get(doc, "sha256")), hex);
    assert_int_equal(json_integer_value(json_object_get(doc, "published_ms")), 1767400000000);
}

static void test_document_feed_by_cursor(void **state)
{
    struct ctx *c = *state;
    struct hc_reply r;
    hc_get(c->port, "/api/v1/documents", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    hc_reply_fini(&r);
    hc_get(c->port, "/api/v1/documents", "0000000000000000000000000000000000000000000", NULL, &r);
    assert_int_equal(r.status, 401);
    hc_reply_fini(&r);
    hc_get(c->port, "/api/v1/documents", c->token, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "{\"documents\":[],\"next\":0}");
    hc_reply_fini(&r);

    size_t rules_len = 0;
    char path[512];
    snprintf(path, sizeof(path), "%s/office/service-rules.conf", th_assets_dir());
    char *rules = th_read_file(path, &rules_len);
    assert_non_null(rules);
    int64_t c1 = publish(c, "calendar/2027.txt", CAL_2027);
    int64_t c2 = publish(c, "office/service-rules.conf", rules);
    int64_t c3 = publish(c, "calendar/2027.txt", CAL_2027_FIXED);
    assert_true(c1 < c2 && c2 < c3);

    json_t *page = documents(c, 0, 2, 200);
    json_t *list = json_object_get(page, "documents");
    assert_int_equal(json_array_size(list), 2);
    expect_document(json_array_get(list, 0), c1, "calendar/2027.txt", CAL_2027);
    expect_document(json_array_get(list, 1), c2, "office/service-rules.conf", rules);
    assert_int_equal(json_integer_value(json_object_get(page, "next")), c2);
    json_decref(page);
    /* The same name again: it comes again, the later text. */
    page = documents(c, c2, 10, 200);
    list = json_object_get(page, "documents");
    assert_int_equal(json_array_size(list), 1);
    expect_document(json_array_get(list, 0), c3, "calendar/2027.txt", CAL_2027_FIXED);
    assert_int_equal(json_integer_value(json_object_get(page, "next")), c3);
    json_decref(page);
    page = documents(c, c3, 10, 200);
    assert_int_equal(json_array_size(json_object_get(page, "documents")), 0);
    assert_int_equal(json_integer_value(json_object_get(page, "next")), c3);
    json_decref(page);
    json_decref(documents(c, 0, 51, 400));
    json_decref(documents(c, -1, 10, 400));
    free(rules);
}

static void run_hub_cli(struct ctx *c, char *const args[], struct th_run *r)
{
    const char *build = getenv("SERAMBI_BUILD");
    assert_non_null(build);
    char bin[512];
    snprintf(bin, sizeof(bin), "%s/bin/serambi-hub", build);
    char *argv[12] = {bin, "--db", c->url};
    int n = 3;
    for (int i = 0; args[i] && n < 11; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    th_run(argv, r);
}

static void test_publish_command_refuses_broken_documents(void **state)
{
    struct ctx *c = *state;
    char file[512];
    struct th_run r;
    /* The 2027 file with a 31st of February on its line 3. */
    th_write_file(c->dir, "2027.txt",
                  "year = 2027\n2027-01-01  nasional  Tahun Baru Masehi\n"
                  "2027-02-31  nasional  Tidak ada\n",
                  file, sizeof(file));
    run_hub_cli(c, (char *[]){"publish", "calendar/2027.txt", file, NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "calendar/2027.txt:3: "));
    assert_non_null(strstr(r.err, "nothing was published"));
    th_run_fini(&r);
    /* A good file under a name no kiosk takes. */
    th_write_file(c->dir, "good.txt", CAL_2027_FIXED, file, sizeof(file));
    run_hub_cli(c, (char *[]){"publish", "../calendar/2027.txt", file, NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "not a document a kiosk takes"));
    th_run_fini(&r);
    run_hub_cli(c, (char *[]){"publish", "calendar/2028.txt", file, NULL}, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "calendar/2028.txt:1: "));
    th_run_fini(&r);
    run_hub_cli(c, (char *[]){"publish", "calendar/2027.txt", NULL}, &r);
    assert_int_equal(r.exit_code, 2);
    th_run_fini(&r);
    /* The store refuses it too, whoever calls. */
    struct hub_db *db = NULL;
    char err[256];
    assert_int_equal(hub_db_open(c->url, &db, err, sizeof(err)), 0);
    assert_int_equal(hub_db_publish(db, "calendar/2027.txt", "year = 2026\n", 12, 1, NULL),
                     -EINVAL);
    assert_non_null(strstr(hub_db_last_error(db), "calendar/2027.txt:1: "));
    hub_db_close(db);
    json_t *page = documents(c, 0, 10, 200);
    assert_int_equal(json_array_size(json_object_get(page, "documents")), 0);
    json_decref(page);

    /* The good file under its name: stored, its cursor printed. */
    run_hub_cli(c, (char *[]){"publish", "calendar/2027.txt", file, NULL}, &r);
    assert_int_equal(r.exit_code, 0);
    long long cursor = 0;
    assert_int_equal(sscanf(r.out, "%lld", &cursor), 1);
    th_run_fini(&r);
    page = documents(c, 0, 10, 200);
    json_t *list = json_object_get(page, "documents");
    assert_int_equal(json_array_size(list), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "cursor")),
                     cursor);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "text")),
                        CAL_2027_FIXED);
    json_decref(page);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

static const struct CMUnitTest tests[] = {
    T(test_enroll_code_works_once),
    T(test_enroll_repeat_with_own_token_is_answered_again),
    T(test_enroll_token_must_be_well_formed),
    T(test_enroll_repeat_after_revoke_is_refused),
    T(test_enroll_cannot_take_another_kiosks_token),
    T(test_push_is_idempotent_and_never_backwards),
    T(test_push_cannot_take_another_kiosks_record),
    T(test_no_write_without_a_valid_token),
    T(test_revoked_token_is_refused),
    T(test_bad_bodies_are_refused),
    T(test_sql_metacharacters_are_text),
    T(test_change_feed_by_cursor),
    T(test_status_page_has_no_personal_data_and_is_rate_limited),
    T(test_status_page_follows_every_change),
    T(test_health_metrics_and_unknown_routes),
    T(test_attachment_upload_resumes_and_is_verified),
    T(test_attachment_mismatch_is_dropped),
    T(test_attachment_only_its_kiosk_writes),
    T(test_attachment_size_limit),
    T(test_enroll_is_rate_limited),
    T(test_metrics_count_overdue_items),
    T(test_document_feed_by_cursor),
    T(test_publish_command_refuses_broken_documents),
};

/* Starts the private PostgreSQL server of tests/pg-server: 0 with its
 * folder and URL, or -ENODEV when PostgreSQL is not installed. */
static int pg_start(char *dir, size_t dircap, char *url, size_t urlcap)
{
    const char *src = getenv("SERAMBI_SOURCE");
    char script[512];
    snprintf(script, sizeof(script), "%s/tests/pg-server", src ? src : ".");
    struct th_run r;
    th_run((char *[]){script, "start", NULL}, &r);
    int rc = -ENODEV;
    char d[256], u[512];
    if (r.exit_code == 0 && sscanf(r.out, "%255s %511s", d, u) == 2) {
        snprintf(dir, dircap, "%s", d);
        snprintf(url, urlcap, "%s", u);
        rc = 0;
    } else {
        fprintf(stderr, "pg-server: %s", r.err);
    }
    th_run_fini(&r);
    return rc;
}

static void pg_stop(const char *dir)
{
    const char *src = getenv("SERAMBI_SOURCE");
    char script[512];
    snprintf(script, sizeof(script), "%s/tests/pg-server", src ? src : ".");
    struct th_run r;
    th_run((char *[]){script, "stop", (char *)dir, NULL}, &r);
    th_run_fini(&r);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    assert_int_equal(hub_auth_init(), 0);
    const struct CMUnitTest server_tests[] = {
        cmocka_unit_test(test_https_when_configured),
        cmocka_unit_test(test_plain_http_only_on_loopback),
        cmocka_unit_test(test_stop_under_load_50_times),
    };
    int failed = cmocka_run_group_tests_name("hub_server", server_tests, NULL, NULL);
    failed += _cmocka_run_group_tests("hub_api_sqlite", tests, sizeof(tests) / sizeof(tests[0]),
                                      NULL, NULL);
    static char pg_dir[256], pg_url[512];
    const char *given = getenv("SERAMBI_TEST_PG_URL");
    if (given && given[0])
        backend_url = given;
    else if (pg_start(pg_dir, sizeof(pg_dir), pg_url, sizeof(pg_url)) == 0)
        backend_url = pg_url;
    else
        fprintf(stderr, "hub_api: PostgreSQL is not installed; its tests did not run\n");
    if (backend_url)
        failed += _cmocka_run_group_tests("hub_api_postgresql", tests,
                                          sizeof(tests) / sizeof(tests[0]), NULL, NULL);
    if (pg_dir[0])
        pg_stop(pg_dir);
    curl_global_cleanup();
    return failed;
}
