/*
 * job — see job.h.
 */
#include "print/job.h"

#include <errno.h>

#include <cups/cups.h>

#include "print/connect.h"

int print_job_state(const char *server, int job_id, enum print_job_state *state)
{
    http_t *http = NULL;
    char uri[HTTP_MAX_URI];
    int rc = print_connect(server, &http);
    if (rc != 0)
        return rc;
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", 0, "/jobs/%d",
                     job_id);
    ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", NULL,
                 "job-state");
    ipp_t *resp = cupsDoRequest(http, req, "/");
    ipp_attribute_t *a = resp ? ippFindAttribute(resp, "job-state", IPP_TAG_ENUM) : NULL;
    if (a) {
        *state = (enum print_job_state)ippGetInteger(a, 0);
        rc = 0;
    } else {
        ipp_status_t s = resp ? ippGetStatusCode(resp) : cupsLastError();
        rc = s == IPP_STATUS_ERROR_NOT_FOUND             ? -ENOENT
             : s == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ? -EHOSTUNREACH
                                                         : -EIO;
    }
    ippDelete(resp);
    httpClose(http);
    return rc;
}
