/*
 * submit — store_submit(): a visitor's records, their tickets, their
 * scanned letters and their outbox rows in one BEGIN IMMEDIATE
 * transaction.
 *
 * The one idea: nothing the caller can see changes before COMMIT returned.
 * Ids, tracking codes and ticket numbers are made into a scratch copy of
 * each record and a list of pending results; only after the commit are
 * they copied into the caller's structs and tickets_out. A submission that
 * failed leaves the caller holding exactly what it passed in, and the
 * ticket counter, being a row of the same transaction, is rolled back
 * with everything else: a number is used only by a ticket that exists.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/ticketno.h"
#include "core/tracking.h"
#include "store/internal.h"
#include "store/layout.h"

/* A collision needs two equal codes among 31^6 (8.9e8); sixteen in a row
 * means the random source is broken, not that the codes ran out. */
#define TRACKING_ATTEMPTS 16

struct pending {
    struct rec_meta meta;
    char tracking_code[16];
    struct rec_ticket ticket;
};

union record_copy {
    struct rec_guest guest;
    struct rec_meeting meeting;
    struct rec_complaint complaint;
    struct rec_survey survey;
};

/* The caller's record and its size; NULL for a kind store_submit() does
 * not take. */
static void *record_of(const struct store_record *r, size_t *size)
{
    switch (r->kind) {
    case REC_GUEST_ENTRY:
        *size = sizeof(*r->u.guest);
        return r->u.guest;
    case REC_MEETING_REQUEST:
        *size = sizeof(*r->u.meeting);
        return r->u.meeting;
    case REC_COMPLAINT:
        *size = sizeof(*r->u.complaint);
        return r->u.complaint;
    case REC_SURVEY:
        *size = sizeof(*r->u.survey);
        return r->u.survey;
    default:
        return NULL;
    }
}

/* The tracking code member of a meeting or complaint, else NULL. */
static char *tracking_of(enum rec_kind kind, void *rec)
{
    if (kind == REC_MEETING_REQUEST)
        return ((struct rec_meeting *)rec)->tracking_code;
    if (kind == REC_COMPLAINT)
        return ((struct rec_complaint *)rec)->tracking_code;
    return NULL;
}

static bool terminated(const char *s, size_t cap)
{
    return strnlen(s, cap) < cap;
}

static int check_ticket(const struct store_ticket_request *t)
{
    struct civil_date day;
    if ((int)t->service < 0 || t->service >= REC_SERVICE_COUNT ||
        !terminated(t->prefix, sizeof(t->prefix)) || !ticketno_prefix_valid(t->prefix) ||
        !terminated(t->office_day, sizeof(t->office_day)) ||
        civil_parse_date(t->office_day, &day) < 0 ||
        !terminated(t->rule_kind, sizeof(t->rule_kind)))
        return -EINVAL;
    return 0;
}

/* What can be refused before the transaction starts. */
static int check_submissions(struct store *st, const struct store_submission *subs, size_t n,
                             const struct rec_ticket *tickets_out)
{
    for (size_t i = 0; i < n; i++) {
        const struct store_submission *s = &subs[i];
        size_t size;
        if (!s->visit || !record_of(&s->record, &size))
            return store_fail_errno(st, "submit: a submission has no visit or no record", -EINVAL);
        if (s->record.letter && s->record.kind != REC_MEETING_REQUEST &&
            s->record.kind != REC_COMPLAINT)
            return store_fail_errno(
                st, "submit: only meeting requests and complaints take a letter", -EINVAL);
        if (!s->ticket)
            continue;
        if (s->record.kind == REC_SURVEY)
            return store_fail_errno(st, "submit: a survey response gets no ticket", -EINVAL);
        if (check_ticket(s->ticket) < 0)
            return store_fail_errno(st, "submit: bad ticket request (service, prefix or day)",
                                    -EINVAL);
        if (!tickets_out)
            return store_fail_errno(st, "submit: a ticket was asked for without tickets_out",
                                    -EINVAL);
    }
    return 0;
}

static enum store_stmt_id insert_id(enum rec_kind kind)
{
    switch (kind) {
    case REC_VISIT:
        return STMT_INSERT_VISIT;
    case REC_GUEST_ENTRY:
        return STMT_INSERT_GUEST;
    case REC_MEETING_REQUEST:
        return STMT_INSERT_MEETING;
    case REC_COMPLAINT:
        return STMT_INSERT_COMPLAINT;
    case REC_SURVEY:
        return STMT_INSERT_SURVEY;
    default:
        return STMT_INSERT_TICKET;
    }
}

/* Inserts rec into its table and queues its JSON in the outbox. With
 * if_new, a row whose id exists already is left alone, without outbox. */
static int insert_record(struct store *st, enum rec_kind kind, const void *rec, bool if_new,
                         int64_t now_ms)
{
    const struct store_layout *lo = store_layout_of(kind);
    enum store_stmt_id id = insert_id(kind);
    char sql[2048];
    const char *text = NULL; /* only needed the first time */
    size_t len = 0;
    sqlite3_stmt *stmt = NULL;
    int rc;

    if (!st->stmts[id]) {
        rc = store_layout_insert_sql(lo, if_new ? " ON CONFLICT (id) DO NOTHING" : "", sql,
                                     sizeof(sql));
        if (rc < 0)
            return store_fail_errno(st, "submit: insert statement", rc);
        text = sql;
    }
    rc = store_stmt(st, id, text, &stmt);
    if (rc < 0)
        return rc;
    if (store_layout_bind(lo, stmt, 1, rec) < 0)
        return store_fail_errno(st, "submit: a text is unterminated or an enumeration unknown",
                                -EINVAL);
    rc = store_exec_stmt(st, stmt, "submit: insert");
    if (rc < 0 || (if_new && sqlite3_changes(st->db) == 0))
        return rc;

    rc = store_record_json(&st->json, lo, rec, &len);
    if (rc < 0)
        return store_fail_errno(st, "submit: a text is not valid UTF-8", rc);
    const struct rec_meta *meta = rec;
    return store_outbox_add(st, kind, meta->id, meta->version, st->json.buf, len, now_ms);
}

static void fill_meta(struct store *st, struct rec_meta *meta, const char *visit_id, int64_t now_ms)
{
    store_make_id(st, now_ms, meta->id);
    memcpy(meta->visit_id, visit_id, REC_ID_SIZE);
    memcpy(meta->kiosk_id, st->kiosk_id, REC_ID_SIZE);
    meta->created_ms = now_ms;
    meta->updated_ms = now_ms;
    meta->version = 1;
}

int store_draw_tracking(struct store *st, char code[TRACKING_SIZE])
{
    sqlite3_stmt *stmt = NULL;
    for (int attempt = 0; attempt < TRACKING_ATTEMPTS; attempt++) {
        uint8_t random[TRACKING_RANDOM_BYTES];
        store_random(st, random, sizeof(random));
        tracking_make(random, code);
        int rc = store_stmt(st, STMT_TRACKING_TAKEN, "SELECT 1 FROM tracking_codes WHERE code = ?1",
                            &stmt);
        if (rc < 0)
            return rc;
        sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
        int src = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (src == SQLITE_DONE)
            return 0;
        if (src != SQLITE_ROW)
            return store_fail(st, "draw tracking code", src);
    }
    return store_fail_errno(st, "draw tracking code: none free (random source broken?)", -EIO);
}

/* Registers a code for record_id: the one the caller drew (wanted), or a
 * fresh one, drawing again on a collision. */
static int make_tracking(struct store *st, enum rec_kind kind, const char *record_id,
                         const char *wanted, char code[TRACKING_SIZE])
{
    sqlite3_stmt *stmt = NULL;
    if (wanted && wanted[0] && tracking_normalize(wanted, code) < 0)
        return store_fail_errno(st, "submit: the tracking code given is not one", -EINVAL);
    for (int attempt = 0; attempt < TRACKING_ATTEMPTS; attempt++) {
        if (!wanted || !wanted[0]) {
            uint8_t random[TRACKING_RANDOM_BYTES];
            store_random(st, random, sizeof(random));
            tracking_make(random, code);
        }
        int rc = store_stmt(st, STMT_INSERT_TRACKING,
                            "INSERT INTO tracking_codes (code, kind, record_id) "
                            "VALUES (?1, ?2, ?3)",
                            &stmt);
        if (rc < 0)
            return rc;
        sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, rec_kind_name(kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, record_id, -1, SQLITE_STATIC);
        int src = sqlite3_step(stmt);
        /* Only this statement is undone by a conflict; the transaction goes on. */
        if (src == SQLITE_CONSTRAINT_PRIMARYKEY) {
            sqlite3_reset(stmt);
            if (wanted && wanted[0])
                return store_fail_errno(st, "submit: the tracking code given is taken", -EEXIST);
            continue;
        }
        rc = src == SQLITE_DONE ? 0 : store_fail(st, "submit: tracking code", src);
        sqlite3_reset(stmt);
        return rc;
    }
    return store_fail_errno(st, "submit: no free tracking code (random source broken?)", -EIO);
}

/*
 * Ticket counters of one transaction. The transaction holds the write
 * lock, so a counter read once stays valid to the end: numbers are counted
 * here and each counter is written back once, before COMMIT. A batch of
 * 10,000 guest-book lines then costs one counter write, not 10,000.
 */
#define COUNTER_SLOTS 8

struct counter {
    enum rec_service service;
    char office_day[11];
    int last_seq;
};

struct counters {
    struct counter slot[COUNTER_SLOTS];
    size_t n;
};

static int counter_save(struct store *st, const struct counter *c)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_COUNTER_SAVE,
                        "INSERT INTO ticket_counters (service, office_day, last_seq) "
                        "VALUES (?1, ?2, ?3) ON CONFLICT (service, office_day) "
                        "DO UPDATE SET last_seq = excluded.last_seq",
                        &stmt);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, rec_service_name(c->service), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, c->office_day, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, c->last_seq);
    return store_exec_stmt(st, stmt, "submit: ticket counter");
}

/* The stored last number of a service and day; 0 when none was given. */
static int counter_load(struct store *st, struct counter *c)
{
    sqlite3_stmt *stmt = NULL;
    int rc = store_stmt(st, STMT_COUNTER_LOAD,
                        "SELECT last_seq FROM ticket_counters "
                        "WHERE service = ?1 AND office_day = ?2",
                        &stmt);
    if (rc < 0)
        return rc;
    sqlite3_bind_text(stmt, 1, rec_service_name(c->service), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, c->office_day, -1, SQLITE_STATIC);
    int src = sqlite3_step(stmt);
    c->last_seq = src == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    rc = (src == SQLITE_ROW || src == SQLITE_DONE) ? 0 : store_fail(st, "submit: counter", src);
    sqlite3_reset(stmt);
    return rc;
}

static int counters_save(struct store *st, const struct counters *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        int rc = counter_save(st, &cs->slot[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Takes the next number of the request's service and day. */
static int next_seq(struct store *st, struct counters *cs, const struct store_ticket_request *req,
                    int *seq)
{
    struct counter *c = NULL;
    for (size_t i = 0; i < cs->n && !c; i++)
        if (cs->slot[i].service == req->service &&
            strcmp(cs->slot[i].office_day, req->office_day) == 0)
            c = &cs->slot[i];
    if (!c) {
        /* Full: write back the oldest counter and forget it. */
        if (cs->n == COUNTER_SLOTS) {
            int rc = counter_save(st, &cs->slot[0]);
            if (rc < 0)
                return rc;
            memmove(&cs->slot[0], &cs->slot[1], (COUNTER_SLOTS - 1) * sizeof(cs->slot[0]));
            cs->n--;
        }
        c = &cs->slot[cs->n];
        c->service = req->service;
        memcpy(c->office_day, req->office_day, sizeof(c->office_day));
        int rc = counter_load(st, c);
        if (rc < 0)
            return rc;
        cs->n++;
    }
    c->last_seq++;
    *seq = c->last_seq;
    return 0;
}

static int issue_ticket(struct store *st, struct counters *cs,
                        const struct store_ticket_request *req, enum rec_kind kind,
                        const struct rec_meta *record, const char *tracking, int64_t now_ms,
                        struct rec_ticket *t)
{
    int seq = 0;
    int rc = next_seq(st, cs, req, &seq);
    if (rc < 0)
        return rc;
    memset(t, 0, sizeof(*t));
    fill_meta(st, &t->meta, record->visit_id, now_ms);
    memcpy(t->record_id, record->id, sizeof(t->record_id));
    t->record_kind = kind;
    t->service = req->service;
    memcpy(t->office_day, req->office_day, sizeof(t->office_day));
    t->seq = seq;
    rc = ticketno_format(req->prefix, seq, t->number, sizeof(t->number));
    if (rc < 0)
        return store_fail_errno(st, "submit: ticket number", rc);
    memcpy(t->tracking_code, tracking, strlen(tracking) + 1);
    t->due_ms = req->due_ms;
    memcpy(t->rule_kind, req->rule_kind, sizeof(t->rule_kind));
    return insert_record(st, REC_TICKET, t, false, now_ms);
}

static int submit_one(struct store *st, const struct store_submission *s, int64_t now_ms,
                      union record_copy *copy, struct counters *cs, struct pending *p)
{
    enum rec_kind kind = s->record.kind;
    size_t size = 0;
    const void *rec = record_of(&s->record, &size);
    int rc = insert_record(st, REC_VISIT, s->visit, true, now_ms);
    if (rc < 0)
        return rc;

    memcpy(copy, rec, size);
    struct rec_meta *meta = store_layout_meta(copy);
    fill_meta(st, meta, s->visit->meta.id, now_ms);
    char *tracking = tracking_of(kind, copy);
    if (tracking) {
        rc = make_tracking(st, kind, meta->id, s->record.tracking_code, tracking);
        if (rc < 0)
            return rc;
    }
    rc = insert_record(st, kind, copy, false, now_ms);
    if (rc < 0)
        return rc;
    if (s->record.letter) {
        const struct store_letter *l = s->record.letter;
        struct rec_attachment a;
        rc = store_attachment_insert(st, meta, l->pdf, l->len, l->pages, now_ms, &a);
        if (rc < 0)
            return rc;
    }
    if (s->ticket) {
        rc = issue_ticket(st, cs, s->ticket, kind, meta, tracking ? tracking : "", now_ms,
                          &p->ticket);
        if (rc < 0)
            return rc;
    }
    p->meta = *meta;
    if (tracking)
        memcpy(p->tracking_code, tracking, sizeof(p->tracking_code));
    return 0;
}

int store_submit(struct store *st, struct store_submission *subs, size_t n, int64_t now_ms,
                 struct rec_ticket *tickets_out)
{
    struct pending *pending = NULL;
    union record_copy *copy = NULL;
    struct counters counters = {.n = 0};
    bool in_txn = false;
    int rc;

    if (n == 0)
        return 0;
    if (!subs)
        return -EINVAL;
    rc = check_submissions(st, subs, n, tickets_out);
    if (rc < 0)
        return rc;
    pending = calloc(n, sizeof(*pending));
    copy = malloc(sizeof(*copy));
    if (!pending || !copy) {
        rc = store_fail_errno(st, "submit", -ENOMEM);
        goto out;
    }

    rc = store_begin(st);
    if (rc < 0)
        goto out;
    in_txn = true;
    for (size_t i = 0; i < n; i++) {
        rc = submit_one(st, &subs[i], now_ms, copy, &counters, &pending[i]);
        if (rc < 0)
            goto out;
    }
    rc = counters_save(st, &counters);
    if (rc < 0)
        goto out;
    rc = store_commit(st);
    if (rc < 0)
        goto out;
    in_txn = false;

    /* Committed: now, and only now, the caller learns ids, codes, tickets. */
    for (size_t i = 0; i < n; i++) {
        size_t size;
        void *rec = record_of(&subs[i].record, &size);
        *store_layout_meta(rec) = pending[i].meta;
        char *tracking = tracking_of(subs[i].record.kind, rec);
        if (tracking)
            memcpy(tracking, pending[i].tracking_code, sizeof(pending[i].tracking_code));
        if (subs[i].ticket)
            tickets_out[i] = pending[i].ticket;
    }
out:
    if (in_txn)
        store_rollback(st);
    free(copy);
    free(pending);
    return rc;
}
