/*
 * store_fixture — what the store's test suites share: sample visitors'
 * records that pass every CHECK, ticket requests, and a look at the
 * database through the store's own connection or a plain SQLite one.
 *
 * Header-only (static inline) so that each suite takes what it uses.
 * Include after <cmocka.h>.
 */
#ifndef SERAMBI_TESTS_STORE_FIXTURE_H
#define SERAMBI_TESTS_STORE_FIXTURE_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/records.h"
#include "store/internal.h"
#include "store/store.h"

/* 2026-01-02 08:00 in Pontianak (WIB, UTC+7). */
#define FX_NOW_MS INT64_C(1767315600000)
#define FX_DAY    "2026-01-02"
#define FX_DAY2   "2026-01-05"

static inline void fx_path(char *buf, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

static inline struct store *fx_open(const char *path)
{
    struct store *st = NULL;
    char err[512] = "";
    int rc = store_open(path, &st, err, sizeof(err));
    if (rc != 0)
        fprintf(stderr, "store_open: %s\n", err);
    assert_int_equal(rc, 0);
    assert_non_null(st);
    return st;
}

/* The common suite state: a fresh store in its own temporary folder, set
 * up and torn down around each test. Expands to struct ctx, setup() and
 * teardown(); needs helpers.h and <stdlib.h>. */
#define FX_STORE_SUITE                                                                             \
    struct ctx {                                                                                   \
        char dir[256];                                                                             \
        struct store *st;                                                                          \
    };                                                                                             \
    static int setup(void **state)                                                                 \
    {                                                                                              \
        struct ctx *c = calloc(1, sizeof(*c));                                                     \
        char path[512];                                                                            \
        assert_non_null(c);                                                                        \
        th_mkdtemp(c->dir, sizeof(c->dir));                                                        \
        fx_path(path, sizeof(path), c->dir, "kiosk.db");                                           \
        c->st = fx_open(path);                                                                     \
        *state = c;                                                                                \
        return 0;                                                                                  \
    }                                                                                              \
    static int teardown(void **state)                                                              \
    {                                                                                              \
        struct ctx *c = *state;                                                                    \
        store_close(c->st);                                                                        \
        th_rmtree(c->dir);                                                                         \
        free(c);                                                                                   \
        return 0;                                                                                  \
    }

static inline void fx_copy(char *dst, size_t cap, const char *src)
{
    int n = snprintf(dst, cap, "%s", src);
    assert_true(n >= 0 && (size_t)n < cap);
}
#define FX_SET(field, text) fx_copy((field), sizeof(field), (text))

static inline void fx_guest(struct rec_guest *g, const char *name)
{
    memset(g, 0, sizeof(*g));
    FX_SET(g->name, name);
    FX_SET(g->organization, "Koperasi Simpan Pinjam Maju Bersama");
    FX_SET(g->phone, "+6281234567890");
    FX_SET(g->purpose, "Konsultasi perizinan usaha");
    FX_SET(g->meet_whom, "Bidang UKM");
    g->party_size = 2;
}

static inline void fx_meeting(struct rec_meeting *m, const char *applicant)
{
    memset(m, 0, sizeof(*m));
    FX_SET(m->applicant, applicant);
    FX_SET(m->organization, "CV Sinar Kapuas");
    FX_SET(m->phone, "+6285245678901");
    FX_SET(m->email, "sinar.kapuas@example.id");
    FX_SET(m->subject, "Audiensi pendampingan koperasi");
    FX_SET(m->preferred_dates, "Senin atau Selasa pagi");
    m->status = REC_STATUS_RECEIVED;
    m->reply_due_ms = FX_NOW_MS + 3 * INT64_C(86400000);
}

static inline void fx_complaint(struct rec_complaint *c, enum rec_privacy privacy, const char *name,
                                const char *body)
{
    memset(c, 0, sizeof(*c));
    c->privacy = privacy;
    FX_SET(c->name, name);
    FX_SET(c->phone, "+6281345678902");
    FX_SET(c->body, body);
    c->cls = REC_CLASS_NORMATIVE;
    c->status = REC_STATUS_RECEIVED;
    c->due_ms = FX_NOW_MS + 7 * INT64_C(86400000);
}

static inline void fx_survey(struct rec_survey *s, uint8_t score)
{
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < REC_SKM_ELEMENTS; i++)
        s->scores[i] = score;
    FX_SET(s->comment, "Pelayanan cepat dan ramah");
}

static inline void fx_ticket_req(struct store_ticket_request *r, enum rec_service service,
                                 const char *day)
{
    static const char *const prefixes[REC_SERVICE_COUNT] = {"T", "R", "P"};
    memset(r, 0, sizeof(*r));
    r->service = service;
    FX_SET(r->prefix, prefixes[service]);
    FX_SET(r->office_day, day);
    if (service != REC_SERVICE_GUEST) {
        r->due_ms = FX_NOW_MS + 3 * INT64_C(86400000);
        FX_SET(r->rule_kind, service == REC_SERVICE_MEETING ? "reply_letter" : "normative");
    }
}

static inline struct store_submission fx_sub(const struct rec_visit *visit, enum rec_kind kind,
                                             void *rec, const struct store_ticket_request *req)
{
    struct store_submission s;
    memset(&s, 0, sizeof(s));
    s.visit = visit;
    s.record.kind = kind;
    switch (kind) {
    case REC_GUEST_ENTRY:
        s.record.u.guest = rec;
        break;
    case REC_MEETING_REQUEST:
        s.record.u.meeting = rec;
        break;
    case REC_COMPLAINT:
        s.record.u.complaint = rec;
        break;
    default:
        s.record.u.survey = rec;
        break;
    }
    s.ticket = req;
    return s;
}

/* One visitor signs the guest book and takes a ticket of day. */
static inline int fx_submit_guest(struct store *st, int64_t now_ms, const char *day,
                                  struct rec_guest *g, struct rec_ticket *ticket)
{
    struct rec_visit visit;
    struct store_ticket_request req;
    store_visit_begin(st, now_ms, "id", &visit);
    fx_ticket_req(&req, REC_SERVICE_GUEST, day);
    struct store_submission sub = fx_sub(&visit, REC_GUEST_ENTRY, g, &req);
    return store_submit(st, &sub, 1, now_ms, ticket);
}

/* The first column of the first row of sql, as an integer (the store's
 * own connection, so PRAGMAs show its settings). */
static inline int64_t fx_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t v;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* The same as text; the caller frees it. */
static inline char *fx_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(stmt, 0);
    char *copy = strdup(t ? (const char *)t : "");
    sqlite3_finalize(stmt);
    assert_non_null(copy);
    return copy;
}

static inline void fx_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
        sqlite3_free(err);
        fail();
    }
}

/* Rows in a table, through the store's connection. */
static inline int64_t fx_rows(struct store *st, const char *table)
{
    char sql[128];
    int n = snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    assert_true(n > 0 && (size_t)n < sizeof(sql));
    return fx_int(store_db(st), sql);
}

/* A plain connection of the test's own, for files the store must not
 * touch first. */
static inline sqlite3 *fx_raw_open(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

/* A growing text in memory (open_memstream). The holder lives on the
 * heap: GCC takes a stack one for a dangling pointer once inlined. */
struct fx_mem {
    char *buf;
    size_t len;
    FILE *f;
};

static inline struct fx_mem *fx_mem_open(void)
{
    struct fx_mem *m = calloc(1, sizeof(*m));
    assert_non_null(m);
    m->f = open_memstream(&m->buf, &m->len);
    assert_non_null(m->f);
    return m;
}

/* Closes the stream and returns its text; the caller frees it. */
static inline char *fx_mem_close(struct fx_mem *m)
{
    assert_int_equal(fclose(m->f), 0);
    char *text = m->buf;
    free(m);
    return text;
}

/* An export, in memory; the caller frees it. */
static inline char *fx_export(struct store *st, enum rec_kind kind, enum store_format format)
{
    struct fx_mem *m = fx_mem_open();
    int rc = store_export(st, kind, format, 420, m->f);
    char *text = fx_mem_close(m);
    assert_int_equal(rc, 0);
    return text;
}

#endif
