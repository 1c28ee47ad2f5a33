/*
 * rules — parsing and lookup of the service rules table; see rules.h.
 *
 * The parser fills a scratch table and copies it out only when every kind
 * has every key, so a caller never holds a table with a rule of amount 0.
 */
#include "core/rules.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

static const char *const kind_names[RULE_KIND_COUNT] = {
    "admin_handling",           "reply_letter",          "complaint_light", "complaint_normative",
    "complaint_no_supervision", "complaint_supervision",
};
static const char *const unit_names[RULE_UNIT_COUNT] = {
    "working_minutes",
    "working_hours",
    "calendar_days",
    "working_days",
};

/* The keys of a section, as bits of struct parse.seen. */
enum field { F_AMOUNT, F_UNIT, F_LABEL_ID, F_LABEL_EN, F_COUNT };
static const char *const field_names[F_COUNT] = {"amount", "unit", "label_id", "label_en"};

static int parse_name(const char *const *names, int count, const char *name, int *out)
{
    if (!name)
        return -EINVAL;
    for (int i = 0; i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = i;
            return 0;
        }
    }
    return -EINVAL;
}

const char *rule_kind_name(enum rule_kind kind)
{
    return ((int)kind >= 0 && kind < RULE_KIND_COUNT) ? kind_names[kind] : NULL;
}

int rule_kind_parse(const char *name, enum rule_kind *out)
{
    int v;
    int rc = parse_name(kind_names, RULE_KIND_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rule_kind)v;
    return rc;
}

const char *rule_unit_name(enum rule_unit unit)
{
    return ((int)unit >= 0 && unit < RULE_UNIT_COUNT) ? unit_names[unit] : NULL;
}

int rule_unit_parse(const char *name, enum rule_unit *out)
{
    int v;
    int rc = parse_name(unit_names, RULE_UNIT_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rule_unit)v;
    return rc;
}

const struct rule *rule_table_get(const struct rule_table *t, enum rule_kind kind)
{
    if (!t || (int)kind < 0 || kind >= RULE_KIND_COUNT)
        return NULL;
    return &t->rules[kind];
}

int rule_kind_for_class(enum rec_complaint_class cls, enum rule_kind *out)
{
    static const enum rule_kind by_class[REC_CLASS_COUNT] = {
        [REC_CLASS_LIGHT] = RULE_COMPLAINT_LIGHT,
        [REC_CLASS_NORMATIVE] = RULE_COMPLAINT_NORMATIVE,
        [REC_CLASS_NO_SUPERVISION] = RULE_COMPLAINT_NO_SUPERVISION,
        [REC_CLASS_SUPERVISION] = RULE_COMPLAINT_SUPERVISION,
    };
    if ((int)cls < 0 || cls >= REC_CLASS_COUNT)
        return -EINVAL;
    *out = by_class[cls];
    return 0;
}

/* --- parsing ---------------------------------------------------------------- */

struct parse {
    struct rule_table table;
    unsigned seen[RULE_KIND_COUNT]; /* bit per enum field */
    int first_line[RULE_KIND_COUNT];
};

static int parse_amount(const char *value, int *out)
{
    size_t n = strlen(value);
    if (n == 0 || n > 4)
        return -EINVAL;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (value[i] < '0' || value[i] > '9')
            return -EINVAL;
        v = v * 10 + (value[i] - '0');
    }
    if (v < 1 || v > RULE_AMOUNT_MAX)
        return -EINVAL;
    *out = v;
    return 0;
}

static int on_pair(void *ctx, const char *section, const char *key, const char *value, int line,
                   struct ini_error *err)
{
    struct parse *p = ctx;
    enum rule_kind kind;
    int field;
    if (!section[0])
        return ini_fail(err, line, key, "comes before any [section]; put it under a rule kind");
    if (rule_kind_parse(section, &kind))
        return ini_fail(err, line, key,
                        "unknown rule kind [%.40s]: expected admin_handling, reply_letter, "
                        "complaint_light, complaint_normative, complaint_no_supervision or "
                        "complaint_supervision",
                        section);
    if (parse_name(field_names, F_COUNT, key, &field))
        return ini_fail(err, line, key,
                        "unknown key in [%s]: expected amount, unit, label_id or label_en",
                        section);
    if (p->seen[kind] & (1u << field))
        return ini_fail(err, line, key, "is set twice in [%s]", section);

    struct rule *r = &p->table.rules[kind];
    switch (field) {
    case F_AMOUNT:
        if (parse_amount(value, &r->amount))
            return ini_fail(err, line, key, "'%.40s' is not a whole number from 1 to %d", value,
                            RULE_AMOUNT_MAX);
        break;
    case F_UNIT:
        if (rule_unit_parse(value, &r->unit))
            return ini_fail(err, line, key,
                            "unknown unit '%.40s': expected working_minutes, working_hours, "
                            "calendar_days or working_days",
                            value);
        break;
    default: {
        char *label = field == F_LABEL_ID ? r->label_id : r->label_en;
        if (!value[0])
            return ini_fail(err, line, key, "is empty");
        if (strlen(value) >= RULE_LABEL_SIZE)
            return ini_fail(err, line, key, "is longer than %d bytes", RULE_LABEL_SIZE - 1);
        if (text_check(value, 0, NULL) != 0)
            return ini_fail(err, line, key,
                            "is not UTF-8 text, or holds a control character (such as a tab) or a "
                            "direction override");
        snprintf(label, RULE_LABEL_SIZE, "%s", value);
        break;
    }
    }
    if (!p->seen[kind])
        p->first_line[kind] = line;
    p->seen[kind] |= 1u << field;
    return 0;
}

int rule_table_parse(const char *text, size_t len, struct rule_table *out, struct ini_error *err)
{
    struct parse p;
    memset(&p, 0, sizeof(p));
    struct ini_error scratch;
    if (!err)
        err = &scratch;
    int rc = ini_parse(text ? text : "", text ? len : 0, on_pair, &p, err);
    if (rc < 0)
        return rc;
    for (int k = 0; k < RULE_KIND_COUNT; k++) {
        if (!p.seen[k])
            return ini_fail(err, 0, NULL, "the section [%s] is missing", kind_names[k]);
        for (int f = 0; f < F_COUNT; f++)
            if (!(p.seen[k] & (1u << f)))
                return ini_fail(err, p.first_line[k], field_names[f], "is missing from [%s]",
                                kind_names[k]);
        p.table.rules[k].kind = (enum rule_kind)k;
    }
    *out = p.table;
    return 0;
}
