/*
 * rules — the service rules table: how long the office has for each
 * promise of its service standard (15 minutes of administrative handling,
 * a reply letter in 3 days, complaints by class), and in which unit that
 * time is counted. The numbers are data, read from a `key = value` file
 * (assets/office/service-rules.conf) with one section per rule kind:
 *
 *     [complaint_light]
 *     amount   = 3
 *     unit     = working_hours
 *     label_id = Pengaduan ringan
 *     label_en = Light complaint
 *
 * Every kind must be present with all four keys; an unknown section, key
 * or unit, or a bad amount, is an error naming the line and the key. What
 * each unit means precisely is in due.h and docs/service-rules.md.
 */
#ifndef SERAMBI_CORE_RULES_H
#define SERAMBI_CORE_RULES_H

#include <stddef.h>

#include "core/ini.h"
#include "core/records.h"

#define RULE_AMOUNT_MAX 1000
#define RULE_LABEL_SIZE 128 /* bytes of a label, with the NUL */

/* The section names in the file are the stable names of the kinds. */
enum rule_kind {
    RULE_ADMIN_HANDLING,           /* "admin_handling" */
    RULE_REPLY_LETTER,             /* "reply_letter" */
    RULE_COMPLAINT_LIGHT,          /* "complaint_light" */
    RULE_COMPLAINT_NORMATIVE,      /* "complaint_normative" */
    RULE_COMPLAINT_NO_SUPERVISION, /* "complaint_no_supervision" */
    RULE_COMPLAINT_SUPERVISION,    /* "complaint_supervision" */
    RULE_KIND_COUNT
};

enum rule_unit {
    RULE_WORKING_MINUTES, /* "working_minutes" */
    RULE_WORKING_HOURS,   /* "working_hours" */
    RULE_CALENDAR_DAYS,   /* "calendar_days" */
    RULE_WORKING_DAYS,    /* "working_days" */
    RULE_UNIT_COUNT
};

struct rule {
    enum rule_kind kind;
    int amount; /* 1..RULE_AMOUNT_MAX */
    enum rule_unit unit;
    char label_id[RULE_LABEL_SIZE]; /* Indonesian, shown first */
    char label_en[RULE_LABEL_SIZE];
};

/* Every kind, indexed by enum rule_kind. */
struct rule_table {
    struct rule rules[RULE_KIND_COUNT];
};

/* Stable names; NULL out of range. And back: 0 or -EINVAL. */
const char *rule_kind_name(enum rule_kind kind);
int rule_kind_parse(const char *name, enum rule_kind *out);
const char *rule_unit_name(enum rule_unit unit);
int rule_unit_parse(const char *name, enum rule_unit *out);

/*
 * Parses the rules file text[0..len). Returns 0 with *out filled, or
 * -EINVAL with *err naming the line (0 when a whole section or key is
 * missing from the file) and the key. *out is written only on success.
 */
int rule_table_parse(const char *text, size_t len, struct rule_table *out, struct ini_error *err);

/* The rule of kind; borrowed from t. NULL for a kind out of range. */
const struct rule *rule_table_get(const struct rule_table *t, enum rule_kind kind);

/* The rule kind that sets the answer time of a complaint class.
 * 0 or -EINVAL for a class out of range. */
int rule_kind_for_class(enum rec_complaint_class cls, enum rule_kind *out);

#endif
