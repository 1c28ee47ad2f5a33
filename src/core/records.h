/*
 * records — what a visitor leaves at the kiosk, as plain structs.
 *
 * Every record carries the same header (struct rec_meta): a UUIDv7 made on
 * the kiosk, the id of the visit (one sitting of one visitor) it belongs
 * to, the kiosk's id, UTC times in milliseconds and a version that grows
 * with each change, so the hub can keep the newest. Text fields are fixed
 * UTF-8 buffers sized for their longest valid value, so a form can be
 * wiped with one memset when the visitor walks away.
 */
#ifndef SERAMBI_CORE_RECORDS_H
#define SERAMBI_CORE_RECORDS_H

#include <stdint.h>

#define REC_ID_SIZE 37 /* 36 characters of a UUID + NUL */

/* Limits in characters (code points); buffers hold 4 bytes per character. */
#define REC_NAME_CHARS    80
#define REC_ORG_CHARS     120
#define REC_PHONE_CHARS   20
#define REC_EMAIL_CHARS   254
#define REC_SHORT_CHARS   200  /* purpose, person to meet, subject, dates */
#define REC_TEXT_CHARS    2000 /* complaint text */
#define REC_COMMENT_CHARS 500  /* survey comment */
#define REC_BUF(chars)    ((chars)*4 + 1)

enum rec_kind {
    REC_VISIT,
    REC_GUEST_ENTRY,
    REC_MEETING_REQUEST,
    REC_COMPLAINT,
    REC_SURVEY,
    REC_TICKET,
    REC_ATTACHMENT,
    REC_KIND_COUNT
};

/* Stable names used in the store, the sync protocol and exports:
 * "visit", "guest", "meeting", "complaint", "survey", "ticket",
 * "attachment". Returns NULL for an out-of-range kind. */
const char *rec_kind_name(enum rec_kind kind);
/* The kind of a name; 0 or -EINVAL. */
int rec_kind_parse(const char *name, enum rec_kind *out);

enum rec_status {
    REC_STATUS_RECEIVED,   /* "received": stored at the kiosk */
    REC_STATUS_IN_PROCESS, /* "in_process": staff are working on it */
    REC_STATUS_SCHEDULED,  /* "scheduled": a meeting has a date */
    REC_STATUS_ANSWERED,   /* "answered": the reply letter or answer is out */
    REC_STATUS_CLOSED,     /* "closed" */
    REC_STATUS_COUNT
};
const char *rec_status_name(enum rec_status status);
int rec_status_parse(const char *name, enum rec_status *out);

struct rec_meta {
    char id[REC_ID_SIZE];
    char visit_id[REC_ID_SIZE];
    char kiosk_id[REC_ID_SIZE];
    int64_t created_ms; /* UTC */
    int64_t updated_ms; /* UTC */
    int version;        /* 1 on creation */
};

/* One sitting of one visitor: links what they did. */
struct rec_visit {
    struct rec_meta meta;
    char lang[3]; /* "id" or "en": the language the visitor chose */
};

/* A line of the guest book. */
struct rec_guest {
    struct rec_meta meta;
    char name[REC_BUF(REC_NAME_CHARS)];
    char organization[REC_BUF(REC_ORG_CHARS)]; /* cooperative, SME, agency; may be "" */
    char phone[REC_BUF(REC_PHONE_CHARS)];      /* normalized +62…; may be "" */
    char purpose[REC_BUF(REC_SHORT_CHARS)];
    char meet_whom[REC_BUF(REC_SHORT_CHARS)]; /* person or section; may be "" */
    int party_size;                           /* 1..99 */
};

/* A request for a meeting or audience (fasilitasi rapat/audiensi). */
struct rec_meeting {
    struct rec_meta meta;
    char applicant[REC_BUF(REC_NAME_CHARS)];
    char organization[REC_BUF(REC_ORG_CHARS)];
    char phone[REC_BUF(REC_PHONE_CHARS)];
    char email[REC_BUF(REC_EMAIL_CHARS)]; /* may be "" */
    char subject[REC_BUF(REC_SHORT_CHARS)];
    char preferred_dates[REC_BUF(REC_SHORT_CHARS)]; /* as the visitor said it */
    char tracking_code[16];                         /* set by the store */
    enum rec_status status;
    int64_t reply_due_ms; /* when the reply letter is due (UTC) */
};

enum rec_privacy {
    REC_PRIVACY_NAMED,        /* "named": the team sees who complained */
    REC_PRIVACY_ANONYMOUS,    /* "anonymous": no name is kept */
    REC_PRIVACY_CONFIDENTIAL, /* "confidential": name kept, hidden from the team */
    REC_PRIVACY_COUNT
};
const char *rec_privacy_name(enum rec_privacy privacy);
int rec_privacy_parse(const char *name, enum rec_privacy *out);

/* Complaint classes of the service standard, each with its own due time. */
enum rec_complaint_class {
    REC_CLASS_LIGHT,          /* "light": ringan, 3 working hours */
    REC_CLASS_NORMATIVE,      /* "normative": 5 working days */
    REC_CLASS_NO_SUPERVISION, /* "no_supervision": tidak berkadar pengawasan, 14 */
    REC_CLASS_SUPERVISION,    /* "supervision": berkadar pengawasan, 60 */
    REC_CLASS_COUNT
};
const char *rec_class_name(enum rec_complaint_class cls);
int rec_class_parse(const char *name, enum rec_complaint_class *out);

struct rec_complaint {
    struct rec_meta meta;
    enum rec_privacy privacy;
    char name[REC_BUF(REC_NAME_CHARS)];   /* "" when anonymous */
    char phone[REC_BUF(REC_PHONE_CHARS)]; /* optional */
    char email[REC_BUF(REC_EMAIL_CHARS)]; /* optional */
    char body[REC_BUF(REC_TEXT_CHARS)];
    char tracking_code[16];       /* set by the store */
    enum rec_complaint_class cls; /* the default class until staff triage it */
    enum rec_status status;
    int64_t due_ms; /* when the answer is due for cls (UTC) */
};

/* The 9 elements of the public-service satisfaction survey (SKM,
 * PermenPAN-RB 14/2017), each rated 1 (not good) to 4 (very good). */
#define REC_SKM_ELEMENTS 9
struct rec_survey {
    struct rec_meta meta;
    uint8_t scores[REC_SKM_ELEMENTS]; /* 1..4 */
    char comment[REC_BUF(REC_COMMENT_CHARS)];
};

/* The service a ticket is for; each has its own number sequence per day. */
enum rec_service {
    REC_SERVICE_GUEST,     /* default prefix "T" */
    REC_SERVICE_MEETING,   /* default prefix "R" */
    REC_SERVICE_COMPLAINT, /* default prefix "P" */
    REC_SERVICE_COUNT
};
const char *rec_service_name(enum rec_service service); /* "guest", "meeting", "complaint" */
int rec_service_parse(const char *name, enum rec_service *out);

/* The queue ticket / receipt a visitor takes home. */
struct rec_ticket {
    struct rec_meta meta;
    char record_id[REC_ID_SIZE]; /* the record it is a receipt for */
    enum rec_kind record_kind;
    enum rec_service service;
    char office_day[11];    /* local date, "YYYY-MM-DD" */
    int seq;                /* 1, 2, … within service and office day */
    char number[16];        /* "R-007" */
    char tracking_code[16]; /* "" for a guest-book ticket */
    int64_t due_ms;         /* 0 when the service promises no due time */
    char rule_kind[32];     /* the rule due_ms came from, or "" */
};

/* A scanned letter or attachment, content-addressed by SHA-256. */
struct rec_attachment {
    struct rec_meta meta;
    char record_id[REC_ID_SIZE];
    char sha256[65]; /* lowercase hex */
    char mime[32];   /* "application/pdf" */
    int64_t size_bytes;
    int pages;
};

#endif
