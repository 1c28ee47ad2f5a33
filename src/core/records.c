/*
 * records — the stable names of record kinds and their enumerations. These
 * strings go into the store, the sync protocol and exports, so they never
 * change once shipped.
 */
#include "core/records.h"

#include <errno.h>
#include <string.h>

static const char *const kind_names[REC_KIND_COUNT] = {
    "visit", "guest", "meeting", "complaint", "survey", "ticket", "attachment",
};
static const char *const status_names[REC_STATUS_COUNT] = {
    "received", "in_process", "scheduled", "answered", "closed",
};
static const char *const privacy_names[REC_PRIVACY_COUNT] = {
    "named", "anonymous", "confidential",
};
static const char *const class_names[REC_CLASS_COUNT] = {
    "light", "normative", "no_supervision", "supervision",
};
static const char *const service_names[REC_SERVICE_COUNT] = {
    "guest", "meeting", "complaint",
};

static const char *name_of(const char *const *names, int count, int value)
{
    return (value >= 0 && value < count) ? names[value] : NULL;
}

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

#define ENUM_NAMES(fn_name, fn_parse, type, names, count)                                          \
    const char *fn_name(type value)                                                                \
    {                                                                                              \
        return name_of(names, count, (int)value);                                                  \
    }                                                                                              \
    int fn_parse(const char *name, type *out)                                                      \
    {                                                                                              \
        int v;                                                                                     \
        int rc = parse_name(names, count, name, &v);                                               \
        if (rc == 0)                                                                               \
            *out = (type)v;                                                                        \
        return rc;                                                                                 \
    }

ENUM_NAMES(rec_kind_name, rec_kind_parse, enum rec_kind, kind_names, REC_KIND_COUNT)
ENUM_NAMES(rec_status_name, rec_status_parse, enum rec_status, status_names, REC_STATUS_COUNT)
ENUM_NAMES(rec_privacy_name, rec_privacy_parse, enum rec_privacy, privacy_names, REC_PRIVACY_COUNT)
ENUM_NAMES(rec_class_name, rec_class_parse, enum rec_complaint_class, class_names, REC_CLASS_COUNT)
ENUM_NAMES(rec_service_name, rec_service_parse, enum rec_service, service_names, REC_SERVICE_COUNT)
