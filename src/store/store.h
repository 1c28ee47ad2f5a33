/*
 * store — the kiosk's durable memory: one SQLite file in the data
 * directory (WAL, synchronous=FULL, foreign keys, busy timeout), schema
 * migrations numbered in code and recorded in PRAGMA user_version.
 *
 * The one idea: a visitor's record, its outbox row (what the sync worker
 * will send to the hub) and its ticket are written in ONE transaction, and
 * the caller receives the ticket only after COMMIT returned. What a visitor
 * saw confirmed on screen survives a power cut; what they did not see
 * confirmed left no trace and used no ticket number.
 *
 * A struct store is one connection: each thread opens its own.
 */
#ifndef SERAMBI_STORE_STORE_H
#define SERAMBI_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/records.h"
#include "core/tracking.h"

struct store;

/*
 * Opens the database at path, creating it when absent, and migrates it to
 * the current schema. Returns 0 and a new store (the caller closes it with
 * store_close()), or a negative errno: -EPROTO when the file was written by
 * a newer Serambi, -EIO when SQLite cannot open or migrate it, or the file
 * is not a Serambi store, or the file system refuses WAL. On failure
 * errbuf (may be NULL) receives a message for a technician. Two processes
 * may open a new file at once: it is created and migrated once.
 */
int store_open(const char *path, struct store **out, char *errbuf, size_t errcap);
/* Closes the connection; store_close(NULL) does nothing. A store must not
 * be used across fork(). */
void store_close(struct store *st);

/* The schema version this program writes, and the one of an open store. */
int store_schema_latest(void);
int store_schema_version(struct store *st);

/*
 * Copies what commits wrote to the write-ahead log into the database file
 * (a PASSIVE checkpoint: it waits for no reader or writer and skips what
 * they hold). Call it when no visitor is waiting, e.g. from the sync
 * worker after a push: commits then do not pay for it. Until someone does,
 * SQLite checkpoints by itself once the log passes about 40 MB. 0, or a
 * negative errno with store_last_error() saying why.
 */
int store_checkpoint(struct store *st);

/* Runs SQLite's integrity check over the whole file (seconds on a large
 * store: for diagnostics, not for the visitor's path). 0, or -EIO with
 * store_last_error() saying what is damaged. */
int store_integrity_check(struct store *st);

/* The kiosk's id, made once when the database was created. Borrowed;
 * valid until store_close(). */
const char *store_kiosk_id(const struct store *st);

/* The last SQLite error of this connection, for logs. Never contains
 * visitor data. Borrowed. */
const char *store_last_error(const struct store *st);

/* Starts a visit (one visitor's sitting) in memory: id, kiosk id, time.
 * Nothing is written until the first submission of the visit. */
void store_visit_begin(struct store *st, int64_t now_ms, const char *lang, struct rec_visit *out);

/* A scanned letter (one PDF) to keep with its record. */
struct store_letter {
    const uint8_t *pdf; /* borrowed */
    size_t len;
    int pages;
};

/* A record to submit: kind selects the member of the union (guest,
 * meeting, complaint or survey). Borrowed; on success the store has filled
 * in its meta (id, kiosk id, times, version 1) and, for meetings and
 * complaints, its tracking code. letter, when not NULL, is kept as the
 * record's attachment (as store_attachment_add() does) in the same
 * transaction: the record is stored with its letter or not at all. */
struct store_record {
    enum rec_kind kind;
    union {
        struct rec_guest *guest;
        struct rec_meeting *meeting;
        struct rec_complaint *complaint;
        struct rec_survey *survey;
    } u;
    const struct store_letter *letter; /* meetings and complaints only; may be NULL */
    /* A tracking code the caller drew with store_draw_tracking(), because
     * it is already printed on the letter; NULL or "": the store draws one.
     * Meetings and complaints only. */
    const char *tracking_code;
};

/* What the ticket of a submission is: the caller computed the office day
 * and the due time from the working calendar. */
struct store_ticket_request {
    enum rec_service service;
    char prefix[4];      /* "R" */
    char office_day[11]; /* local "YYYY-MM-DD" */
    int64_t due_ms;      /* 0: no due time */
    char rule_kind[32];  /* the rule due_ms came from, or "" */
};

struct store_submission {
    const struct rec_visit *visit;             /* borrowed; inserted on first use */
    struct store_record record;                /* borrowed, filled in on success */
    const struct store_ticket_request *ticket; /* NULL: the record gets no ticket */
};

/*
 * Draws a tracking code that no record of this store has yet, for a
 * caller who must print it before the record is submitted (the scanned
 * letter's PDF). The code is only reserved by the submission that names
 * it in store_record.tracking_code; that submission fails with -EEXIST
 * in the unlikely case another took it first. 0 or a negative errno.
 */
int store_draw_tracking(struct store *st, char code[TRACKING_SIZE]);

/*
 * Writes n submissions, their outbox rows and their tickets in one
 * transaction. Returns 0 after COMMIT, and only then fills in the records
 * and writes tickets_out[i] for each submission i that asked for a ticket
 * (tickets_out has n entries; the others are left alone; it may be NULL
 * when no submission asked). Returns a negative errno and writes nothing
 * anywhere on failure: -EINVAL for a record that breaks the schema's rules
 * (or a text that is not UTF-8, or a survey with a ticket), -EBUSY when
 * the database stayed locked, -ENOSPC when the disk is full, -EIO
 * otherwise. store_last_error() then says which rule, never which value.
 */
int store_submit(struct store *st, struct store_submission *subs, size_t n, int64_t now_ms,
                 struct rec_ticket *tickets_out);

/* What the status screen shows for a tracking code. No personal data. */
struct store_status {
    enum rec_kind kind; /* REC_MEETING_REQUEST or REC_COMPLAINT */
    char record_id[REC_ID_SIZE];
    char tracking_code[16];
    char ticket_number[16];
    enum rec_status status;
    int64_t created_ms;
    int64_t due_ms;
    char schedule[256]; /* staff's schedule and place, or "" */
    char answer[512];   /* staff's answer summary, or "" */
};

/* Looks up a canonical tracking code ("ABC-DEFG", see tracking_normalize()).
 * 0, -ENOENT, or -EIO; *out is written only on 0. */
int store_find_by_tracking(struct store *st, const char *code, struct store_status *out);

/* Calls cb for each ticket of an office day ("YYYY-MM-DD"), in issue order.
 * The ticket is borrowed for the call. The tickets are read before the
 * first call, so cb may use the store. A non-zero return from cb stops the
 * walk and is returned. */
typedef int (*store_ticket_cb)(void *ctx, const struct rec_ticket *ticket);
int store_tickets_for_day(struct store *st, const char *office_day, store_ticket_cb cb, void *ctx);

/* The most recent ticket (for a reprint). 0, -ENOENT or -EIO. */
int store_last_ticket(struct store *st, struct rec_ticket *out);

/* --- outbox: what the sync worker sends ------------------------------- */

struct store_outbox_row {
    int64_t seq; /* outbox order */
    enum rec_kind kind;
    char record_id[REC_ID_SIZE];
    int version;
    char *payload_json; /* the record as JSON; owned by the batch */
};

struct store_outbox_batch {
    struct store_outbox_row *rows;
    size_t n;
};

/* The oldest max unacknowledged rows. Fills *out (free it with
 * store_outbox_batch_fini()). 0 or -EIO. */
int store_outbox_next(struct store *st, size_t max, struct store_outbox_batch *out);
void store_outbox_batch_fini(struct store_outbox_batch *batch);

/* Marks acknowledged every row of record_id whose version is <= version,
 * and drops its payload (the hub holds it now). Unknown ids are ignored. */
struct store_ack {
    char record_id[REC_ID_SIZE];
    int version;
};
int store_outbox_ack(struct store *st, const struct store_ack *acks, size_t n, int64_t now_ms);

/* Unacknowledged rows and the creation time of the oldest (0 when none).
 * Either pointer may be NULL. */
int store_outbox_backlog(struct store *st, int64_t *rows, int64_t *oldest_ms);

/* --- export and retention --------------------------------------------- */

enum store_format { STORE_FORMAT_JSON, STORE_FORMAT_CSV };

/* Writes every record of a kind to out: a JSON array, or CSV with a
 * header line (RFC 4180 quoting). Each time column "X_ms" (UTC
 * milliseconds) is followed by "X_at", the same time readable in office
 * time with its offset ("2026-01-02T08:00:00+07:00"). 0, -EINVAL or -EIO. */
int store_export(struct store *st, enum rec_kind kind, enum store_format format, int utc_offset_min,
                 FILE *out);

/*
 * Blanks the personal data (names, phone numbers, e-mail, organisation,
 * free text) of records whose every outbox row was acknowledged at least
 * retention_days before now, and deletes the outbox rows of every such
 * record (visits and tickets too). The bytes of a scanned letter go
 * retention_days after the hub confirmed it holds them (uploaded_ms), and
 * not before. Tickets,
 * times, codes, statuses and survey scores stay. *purged gets the number
 * of records blanked (may be NULL). 0, -EINVAL for negative days, -EBUSY,
 * or -EIO.
 */
int store_purge(struct store *st, int64_t now_ms, int retention_days, int *purged);

/* --- staff updates pulled from the hub (updates.c) --------------------- */

/* What staff decided about a meeting request or a complaint. */
struct store_update {
    char record_id[REC_ID_SIZE];
    enum rec_kind kind; /* REC_MEETING_REQUEST or REC_COMPLAINT */
    enum rec_status status;
    char schedule[256]; /* meetings: date and place, or "" */
    char answer[512];   /* answer summary, or "" */
    bool has_class;     /* complaints: staff set cls at triage */
    enum rec_complaint_class cls;
    int64_t due_ms; /* the new due time, or 0 when unchanged */
};

/* Applies n updates (borrowed) and saves cursor as the place to pull from
 * next, in one transaction. Updates of records this kiosk does not hold
 * change nothing. 0, or -EINVAL (a kind or enumeration out of range, a
 * text over its column's limit), -EBUSY or -EIO with nothing written. */
int store_apply_updates(struct store *st, const struct store_update *updates, size_t n,
                        int64_t cursor, int64_t now_ms);

/* The cursor saved by the last store_apply_updates(); 0 before any. 0 or -EIO. */
int store_sync_cursor(struct store *st, int64_t *out);

/* The place in the hub's document feed (office calendars, rules, texts):
 * 0 before any. The caller saves it only after the documents before it
 * are on disk, so a crash repeats a document and never skips one.
 * 0, -EBUSY or -EIO. */
int store_documents_cursor(struct store *st, int64_t *out);
int store_documents_cursor_save(struct store *st, int64_t cursor);

/* --- attachments: scanned letters ------------------------------------- */

/*
 * Keeps pdf[0..len) (borrowed) as the attachment of a stored meeting
 * request or complaint (parent: its meta as store_submit() filled it in):
 * the bytes, their SHA-256, the page count and an outbox row describing
 * them (without the bytes), in one transaction. Returns 0 and fills *out
 * after COMMIT; otherwise writes nothing anywhere: -EINVAL (not a PDF, no
 * page, a parent kind that takes no letter), -ENOENT when the parent is
 * not stored, -EBUSY, -ENOSPC or -EIO, with store_last_error() saying why.
 */
int store_attachment_add(struct store *st, enum rec_kind parent_kind, const struct rec_meta *parent,
                         const uint8_t *pdf, size_t len, int pages, int64_t now_ms,
                         struct rec_attachment *out);

/* The bytes of an attachment, checked against its SHA-256. 0 and a new
 * buffer of *len bytes in *data (the caller frees it with free()),
 * -ENOENT when there is none or its bytes were purged, -EIO when they no
 * longer match their hash. */
int store_attachment_data(struct store *st, const char *attachment_id, uint8_t **data, size_t *len);

/* An attachment whose bytes wait for the hub. */
struct store_upload {
    char id[REC_ID_SIZE]; /* the attachment's record */
    char sha256[65];      /* lowercase hex */
    int64_t size_bytes;
    int64_t created_ms; /* with id, where the next page of the list starts */
};

/* Attachments whose bytes are kept, not yet confirmed by the hub
 * (uploaded_ms), and whose record the hub has acknowledged (no outbox row
 * of it waits): the ones the sync worker may upload now, oldest first, at
 * most max, coming after `after` (the last of the previous page; NULL:
 * from the first). *out is a new array of *n (the caller frees it; NULL
 * when none). 0 or -EIO. */
int store_attachment_pending(struct store *st, const struct store_upload *after, size_t max,
                             struct store_upload **out, size_t *n);

/* The hub confirmed it holds the bytes of attachment_id (verified by their
 * SHA-256): stamps uploaded_ms, from which their retention runs. 0,
 * -EBUSY or -EIO; an unknown id changes nothing. */
int store_attachment_uploaded(struct store *st, const char *attachment_id, int64_t now_ms);

/* Attachments whose bytes have not reached the hub yet, and how many bytes
 * they are. Either pointer may be NULL. 0 or -EIO. */
int store_attachment_backlog(struct store *st, int64_t *count, int64_t *bytes);

#endif
