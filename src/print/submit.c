/*
 * submit — see submit.h.
 */
#include "print/submit.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include <cups/cups.h>

#include "print/connect.h"

static int ipp_error(void)
{
    switch (cupsLastError()) {
    case IPP_STATUS_ERROR_NOT_FOUND:
        return -ENOENT;
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
        return -EAGAIN;
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
        return -EHOSTUNREACH;
    default:
        return -EIO;
    }
}

/* Create-Job by hand rather than cupsCreateJob(), which looks the queue up
 * among the client's destinations first and, for a queue that is not
 * there, reports a local error instead of the scheduler's not-found. */
static int create_job(http_t *http, const char *queue, const char *title, int nopts,
                      cups_option_t *opts, int *job_id)
{
    char uri[HTTP_MAX_URI], resource[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", 0,
                     "/printers/%s", queue);
    snprintf(resource, sizeof(resource), "/printers/%s", queue);
    ipp_t *req = ippNewRequest(IPP_OP_CREATE_JOB);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", NULL, title);
    cupsEncodeOptions2(req, nopts, opts, IPP_TAG_OPERATION);
    cupsEncodeOptions2(req, nopts, opts, IPP_TAG_JOB);
    ipp_t *resp = cupsDoRequest(http, req, resource);
    ipp_attribute_t *a = resp ? ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER) : NULL;
    int rc = 0;
    if (!a || ippGetInteger(a, 0) <= 0)
        rc = ipp_error();
    else
        *job_id = ippGetInteger(a, 0);
    ippDelete(resp);
    return rc;
}

int print_submit(const char *server, const char *queue, const char *title, const char *format,
                 const void *data, size_t len, const char *options, int *job_id)
{
    http_t *http = NULL;
    cups_option_t *opts = NULL;
    int nopts = cupsParseOptions(options, 0, &opts);
    bool started = false;
    int rc = print_connect(server, &http);
    if (rc != 0)
        goto out;
    int id;
    rc = create_job(http, queue, title, nopts, opts, &id);
    if (rc != 0)
        goto out;
    if (cupsStartDocument(http, queue, id, title, format, 1) != HTTP_STATUS_CONTINUE) {
        rc = ipp_error();
        goto out;
    }
    started = true;
    if (cupsWriteRequestData(http, data, len) != HTTP_STATUS_CONTINUE) {
        rc = -EIO;
        goto out;
    }
    started = false;
    if (cupsFinishDocument(http, queue) != IPP_STATUS_OK) {
        rc = ipp_error();
        goto out;
    }
    *job_id = id;
    rc = 0;
out:
    if (started) /* ends the request so the connection can be closed */
        (void)cupsFinishDocument(http, queue);
    cupsFreeOptions(nopts, opts);
    if (http)
        httpClose(http);
    return rc;
}
