/*
 * layout — the field lists of the record kinds; see layout.h. A list must
 * name the columns of its table exactly as the migrations left them: the
 * INSERT built from it fails to prepare otherwise, which every store test
 * would notice at once.
 */
#include "store/layout.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TEXT(type, member)                                                                         \
    {                                                                                              \
#member, STORE_F_TEXT, offsetof(type, member), sizeof(((type *)0)->member)                 \
    }
#define FIELD(type, member, ftype)                                                                 \
    {                                                                                              \
#member, ftype, offsetof(type, member), 0                                                  \
    }

/* Every struct of core/records starts with struct rec_meta, so these
 * offsets hold for all of them. */
#define META_FIELDS                                                                                \
    TEXT(struct rec_meta, id), TEXT(struct rec_meta, visit_id), TEXT(struct rec_meta, kiosk_id),   \
        FIELD(struct rec_meta, created_ms, STORE_F_I64),                                           \
        FIELD(struct rec_meta, updated_ms, STORE_F_I64),                                           \
        FIELD(struct rec_meta, version, STORE_F_INT)

static const struct store_field visit_fields[] = {
    META_FIELDS,
    TEXT(struct rec_visit, lang),
};

static const struct store_field guest_fields[] = {
    META_FIELDS,
    TEXT(struct rec_guest, name),
    TEXT(struct rec_guest, organization),
    TEXT(struct rec_guest, phone),
    TEXT(struct rec_guest, purpose),
    TEXT(struct rec_guest, meet_whom),
    FIELD(struct rec_guest, party_size, STORE_F_INT),
};

static const struct store_field meeting_fields[] = {
    META_FIELDS,
    TEXT(struct rec_meeting, applicant),
    TEXT(struct rec_meeting, organization),
    TEXT(struct rec_meeting, phone),
    TEXT(struct rec_meeting, email),
    TEXT(struct rec_meeting, subject),
    TEXT(struct rec_meeting, preferred_dates),
    TEXT(struct rec_meeting, tracking_code),
    FIELD(struct rec_meeting, status, STORE_F_STATUS),
    FIELD(struct rec_meeting, reply_due_ms, STORE_F_I64),
};

static const struct store_field complaint_fields[] = {
    META_FIELDS,
    FIELD(struct rec_complaint, privacy, STORE_F_PRIVACY),
    TEXT(struct rec_complaint, name),
    TEXT(struct rec_complaint, phone),
    TEXT(struct rec_complaint, email),
    TEXT(struct rec_complaint, body),
    TEXT(struct rec_complaint, tracking_code),
    {"class", STORE_F_CLASS, offsetof(struct rec_complaint, cls), 0},
    FIELD(struct rec_complaint, status, STORE_F_STATUS),
    FIELD(struct rec_complaint, due_ms, STORE_F_I64),
};

#define SCORE(i)                                                                                   \
    {                                                                                              \
        "score" #i, STORE_F_U8, offsetof(struct rec_survey, scores) + (i)-1, 0                     \
    }

static const struct store_field survey_fields[] = {
    META_FIELDS,
    SCORE(1),
    SCORE(2),
    SCORE(3),
    SCORE(4),
    SCORE(5),
    SCORE(6),
    SCORE(7),
    SCORE(8),
    SCORE(9),
    TEXT(struct rec_survey, comment),
};

static const struct store_field ticket_fields[] = {
    META_FIELDS,
    TEXT(struct rec_ticket, record_id),
    FIELD(struct rec_ticket, record_kind, STORE_F_KIND),
    FIELD(struct rec_ticket, service, STORE_F_SERVICE),
    TEXT(struct rec_ticket, office_day),
    FIELD(struct rec_ticket, seq, STORE_F_INT),
    TEXT(struct rec_ticket, number),
    TEXT(struct rec_ticket, tracking_code),
    FIELD(struct rec_ticket, due_ms, STORE_F_I64),
    TEXT(struct rec_ticket, rule_kind),
};

static const struct store_field attachment_fields[] = {
    META_FIELDS,
    TEXT(struct rec_attachment, record_id),
    TEXT(struct rec_attachment, sha256),
    TEXT(struct rec_attachment, mime),
    FIELD(struct rec_attachment, size_bytes, STORE_F_I64),
    FIELD(struct rec_attachment, pages, STORE_F_INT),
};

#define LAYOUT(kind, table, fields)                                                                \
    {                                                                                              \
        kind, table, fields, sizeof(fields) / sizeof((fields)[0])                                  \
    }

static const struct store_layout layouts[REC_KIND_COUNT] = {
    LAYOUT(REC_VISIT, "visits", visit_fields),
    LAYOUT(REC_GUEST_ENTRY, "guest_entries", guest_fields),
    LAYOUT(REC_MEETING_REQUEST, "meeting_requests", meeting_fields),
    LAYOUT(REC_COMPLAINT, "complaints", complaint_fields),
    LAYOUT(REC_SURVEY, "survey_responses", survey_fields),
    LAYOUT(REC_TICKET, "tickets", ticket_fields),
    LAYOUT(REC_ATTACHMENT, "attachments", attachment_fields),
};

const struct store_layout *store_layout_of(enum rec_kind kind)
{
    if ((int)kind < 0 || kind >= REC_KIND_COUNT)
        return NULL;
    return &layouts[kind];
}

struct rec_meta *store_layout_meta(void *rec)
{
    return (struct rec_meta *)rec;
}

/* Appends text at *pos; false when it does not fit. */
static bool append(char *buf, size_t cap, size_t *pos, const char *text)
{
    size_t len = strlen(text);
    if (*pos + len >= cap)
        return false;
    memcpy(buf + *pos, text, len + 1);
    *pos += len;
    return true;
}

int store_layout_columns(const struct store_layout *lo, char *buf, size_t cap)
{
    size_t pos = 0;
    if (cap == 0)
        return -ENOSPC;
    buf[0] = '\0';
    for (size_t i = 0; i < lo->n_fields; i++) {
        if ((i > 0 && !append(buf, cap, &pos, ", ")) || !append(buf, cap, &pos, lo->fields[i].name))
            return -ENOSPC;
    }
    return 0;
}

int store_layout_insert_sql(const struct store_layout *lo, const char *suffix, char *buf,
                            size_t cap)
{
    char columns[1024];
    int rc = store_layout_columns(lo, columns, sizeof(columns));
    if (rc < 0)
        return rc;
    size_t pos = 0;
    if (!append(buf, cap, &pos, "INSERT INTO ") || !append(buf, cap, &pos, lo->table) ||
        !append(buf, cap, &pos, " (") || !append(buf, cap, &pos, columns) ||
        !append(buf, cap, &pos, ") VALUES ("))
        return -ENOSPC;
    for (size_t i = 0; i < lo->n_fields; i++) {
        char param[16];
        int n = snprintf(param, sizeof(param), "%s?%zu", i > 0 ? ", " : "", i + 1);
        if (n < 0 || (size_t)n >= sizeof(param) || !append(buf, cap, &pos, param))
            return -ENOSPC;
    }
    if (!append(buf, cap, &pos, ")") || !append(buf, cap, &pos, suffix))
        return -ENOSPC;
    return 0;
}

/* The stored name of an enumeration field, or NULL when it has none. */
static const char *enum_name(enum store_field_type type, const void *p)
{
    switch (type) {
    case STORE_F_KIND:
        return rec_kind_name(*(const enum rec_kind *)p);
    case STORE_F_STATUS:
        return rec_status_name(*(const enum rec_status *)p);
    case STORE_F_PRIVACY:
        return rec_privacy_name(*(const enum rec_privacy *)p);
    case STORE_F_CLASS:
        return rec_class_name(*(const enum rec_complaint_class *)p);
    case STORE_F_SERVICE:
        return rec_service_name(*(const enum rec_service *)p);
    default:
        return NULL;
    }
}

const char *store_field_enum_name(const struct store_field *f, const void *rec)
{
    return enum_name(f->type, (const char *)rec + f->offset);
}

static int enum_parse(enum store_field_type type, const char *name, void *p)
{
    switch (type) {
    case STORE_F_KIND:
        return rec_kind_parse(name, (enum rec_kind *)p);
    case STORE_F_STATUS:
        return rec_status_parse(name, (enum rec_status *)p);
    case STORE_F_PRIVACY:
        return rec_privacy_parse(name, (enum rec_privacy *)p);
    case STORE_F_CLASS:
        return rec_class_parse(name, (enum rec_complaint_class *)p);
    case STORE_F_SERVICE:
        return rec_service_parse(name, (enum rec_service *)p);
    default:
        return -EINVAL;
    }
}

int store_layout_bind(const struct store_layout *lo, sqlite3_stmt *stmt, int first, const void *rec)
{
    const char *base = rec;
    for (size_t i = 0; i < lo->n_fields; i++) {
        const struct store_field *f = &lo->fields[i];
        const void *p = base + f->offset;
        int param = first + (int)i;
        int src;
        switch (f->type) {
        case STORE_F_TEXT: {
            size_t len = strnlen(p, f->size);
            if (len == f->size)
                return -EINVAL;
            src = sqlite3_bind_text(stmt, param, p, (int)len, SQLITE_STATIC);
            break;
        }
        case STORE_F_INT:
            src = sqlite3_bind_int(stmt, param, *(const int *)p);
            break;
        case STORE_F_I64:
            src = sqlite3_bind_int64(stmt, param, *(const int64_t *)p);
            break;
        case STORE_F_U8:
            src = sqlite3_bind_int(stmt, param, *(const uint8_t *)p);
            break;
        default: {
            const char *name = enum_name(f->type, p);
            if (!name)
                return -EINVAL;
            src = sqlite3_bind_text(stmt, param, name, -1, SQLITE_STATIC);
            break;
        }
        }
        if (src != SQLITE_OK)
            return -EINVAL;
    }
    return 0;
}

int store_layout_read(const struct store_layout *lo, sqlite3_stmt *stmt, int first, void *rec)
{
    char *base = rec;
    for (size_t i = 0; i < lo->n_fields; i++) {
        const struct store_field *f = &lo->fields[i];
        void *p = base + f->offset;
        int col = first + (int)i;
        switch (f->type) {
        case STORE_F_TEXT: {
            const unsigned char *text = sqlite3_column_text(stmt, col);
            size_t len = (size_t)sqlite3_column_bytes(stmt, col);
            if (len >= f->size)
                return -EIO;
            if (len > 0)
                memcpy(p, text, len);
            ((char *)p)[len] = '\0';
            break;
        }
        case STORE_F_INT: {
            int64_t v = sqlite3_column_int64(stmt, col);
            if (v < INT32_MIN || v > INT32_MAX)
                return -EIO;
            *(int *)p = (int)v;
            break;
        }
        case STORE_F_I64:
            *(int64_t *)p = sqlite3_column_int64(stmt, col);
            break;
        case STORE_F_U8: {
            int v = sqlite3_column_int(stmt, col);
            if (v < 0 || v > UINT8_MAX)
                return -EIO;
            *(uint8_t *)p = (uint8_t)v;
            break;
        }
        default:
            if (enum_parse(f->type, (const char *)sqlite3_column_text(stmt, col), p) < 0)
                return -EIO;
            break;
        }
    }
    return 0;
}
