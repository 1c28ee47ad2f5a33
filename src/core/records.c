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
    "named",
    "anonymous",
    "confidential",
};
static const char *const class_names[REC_CLASS_COUNT] = {
    "light",
    "normative",
    "no_supervision",
    "supervision",
};
static const char *const service_names[REC_SERVICE_COUNT] = {
    "guest",
    "meeting",
    "complaint",
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

const char *rec_kind_name(enum rec_kind value)
{
    return name_of(kind_names, REC_KIND_COUNT, (int)value);
}

int rec_kind_parse(const char *name, enum rec_kind *out)
{
    int v;
    int rc = parse_name(kind_names, REC_KIND_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rec_kind)v;
    return rc;
}

const char *rec_status_name(enum rec_status value)
{
    return name_of(status_names, REC_STATUS_COUNT, (int)value);
}

int rec_status_parse(const char *name, enum rec_status *out)
{
    int v;
    int rc = parse_name(status_names, REC_STATUS_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rec_status)v;
    return rc;
}

const char *rec_privacy_name(enum rec_privacy value)
{
    return name_of(privacy_names, REC_PRIVACY_COUNT, (int)value);
}

int rec_privacy_parse(const char *name, enum rec_privacy *out)
{
    int v;
    int rc = parse_name(privacy_names, REC_PRIVACY_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rec_privacy)v;
    return rc;
}

const char *rec_class_name(enum rec_complaint_class value)
{
    return name_of(class_names, REC_CLASS_COUNT, (int)value);
}

int rec_class_parse(const char *name, enum rec_complaint_class *out)
{
    int v;
    int rc = parse_name(class_names, REC_CLASS_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rec_complaint_class)v;
    return rc;
}

const char *rec_service_name(enum rec_service value)
{
    return name_of(service_names, REC_SERVICE_COUNT, (int)value);
}

int rec_service_parse(const char *name, enum rec_service *out)
{
    int v;
    int rc = parse_name(service_names, REC_SERVICE_COUNT, name, &v);
    if (rc == 0)
        *out = (enum rec_service)v;
    return rc;
}
