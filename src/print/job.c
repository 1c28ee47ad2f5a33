/*
 * job — see job.h.
 */
#include "print/job.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cups/cups.h>

#include "print/connect.h"

bool print_job_reason_failed(const char *keyword)
{
    static const char *const failed[] = {
        "job-completed-with-errors",
        "aborted-by-system",
        "job-canceled-at-device",
        "unsupported-document-format",
    };
    static const char suffix[] = "-error";
    size_t len = strlen(keyword);
    for (size_t i = 0; i < sizeof(failed) / sizeof(failed[0]); i++)
        if (strcmp(keyword, failed[i]) == 0)
            return true;
    return len >= sizeof(suffix) - 1 && strcmp(keyword + len - (sizeof(suffix) - 1), suffix) == 0;
}

bool print_job_printed(const struct print_job_info *info)
{
    return info->state == PRINT_JOB_COMPLETED && !info->failed;
}

static int ipp_error(ipp_t *resp)
{
    ipp_status_t s = resp ? ippGetStatusCode(resp) : cupsLastError();
    return s == IPP_STATUS_ERROR_NOT_FOUND             ? -ENOENT
           : s == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ? -EHOSTUNREACH
                                                       : -EIO;
}

int print_job_query(const char *server, int job_id, struct print_job_info *info)
{
    static const char *const wanted[] = {"job-state", "job-state-reasons",
                                         "job-impressions-completed", "time-at-creation"};
    http_t *http = NULL;
    char uri[HTTP_MAX_URI];
    struct print_job_info out = {.impressions = -1};
    int rc = print_connect(server, &http);
    if (rc != 0)
        return rc;
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", 0, "/jobs/%d",
                     job_id);
    ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);
    ipp_t *resp = cupsDoRequest(http, req, "/");
    ipp_attribute_t *a = resp ? ippFindAttribute(resp, "job-state", IPP_TAG_ENUM) : NULL;
    if (!a) {
        rc = ipp_error(resp);
        goto out;
    }
    out.state = (enum print_job_state)ippGetInteger(a, 0);
    a = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD);
    for (int i = 0; a && i < ippGetCount(a) && !out.failed; i++) {
        const char *r = ippGetString(a, i, NULL);
        if (r && print_job_reason_failed(r)) {
            out.failed = true;
            snprintf(out.failed_reason, sizeof(out.failed_reason), "%s", r);
        }
    }
    a = ippFindAttribute(resp, "job-impressions-completed", IPP_TAG_INTEGER);
    if (a)
        out.impressions = ippGetInteger(a, 0);
    a = ippFindAttribute(resp, "time-at-creation", IPP_TAG_INTEGER);
    if (a)
        out.created_s = ippGetInteger(a, 0);
    *info = out;
    rc = 0;
out:
    ippDelete(resp);
    httpClose(http);
    return rc;
}

int print_job_cancel(const char *server, int job_id)
{
    http_t *http = NULL;
    char uri[HTTP_MAX_URI];
    int rc = print_connect(server, &http);
    if (rc != 0)
        return rc;
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", 0, "/jobs/%d",
                     job_id);
    ipp_t *req = ippNewRequest(IPP_OP_CANCEL_JOB);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ipp_t *resp = cupsDoRequest(http, req, "/jobs/");
    rc = resp && ippGetStatusCode(resp) <= IPP_STATUS_OK_CONFLICTING ? 0 : ipp_error(resp);
    ippDelete(resp);
    httpClose(http);
    return rc;
}

int print_job_state(const char *server, int job_id, enum print_job_state *state)
{
    struct print_job_info info;
    int rc = print_job_query(server, job_id, &info);
    if (rc == 0)
        *state = info.state;
    return rc;
}
