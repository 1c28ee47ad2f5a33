/*
 * queue — see queue.h. One Get-Printer-Attributes request per query.
 */
#include "print/queue.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cups/cups.h>

#include "print/connect.h"

/* When a queue names no resolution: what every thermal receipt printer
 * we support has. */
#define DEFAULT_DPI 203

static const struct {
    const char *keyword;
    unsigned bit;
} reason_bits[] = {
    {"media-empty", PRINT_REASON_MEDIA_EMPTY},
    {"media-needed", PRINT_REASON_MEDIA_EMPTY},
    {"media-low", PRINT_REASON_MEDIA_LOW},
    {"offline", PRINT_REASON_OFFLINE},
    {"connecting-to-device", PRINT_REASON_OFFLINE},
    {"timed-out", PRINT_REASON_OFFLINE},
    {"door-open", PRINT_REASON_DOOR_OPEN},
    {"cover-open", PRINT_REASON_DOOR_OPEN},
    {"paused", PRINT_REASON_PAUSED},
};

unsigned print_reason_bit(const char *keyword)
{
    static const char *const suffixes[] = {"-error", "-warning", "-report"};
    size_t len = strlen(keyword);
    bool error = false;
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        size_t sl = strlen(suffixes[i]);
        if (len >= sl && strcmp(keyword + len - sl, suffixes[i]) == 0) {
            len -= sl;
            error = i == 0;
            break;
        }
    }
    for (size_t i = 0; i < sizeof(reason_bits) / sizeof(reason_bits[0]); i++)
        if (strlen(reason_bits[i].keyword) == len &&
            strncmp(reason_bits[i].keyword, keyword, len) == 0)
            return reason_bits[i].bit;
    return error ? PRINT_REASON_OTHER : 0;
}

bool print_queue_ready(const struct print_queue_info *info)
{
    const unsigned stops = PRINT_REASON_MEDIA_EMPTY | PRINT_REASON_OFFLINE |
                           PRINT_REASON_DOOR_OPEN | PRINT_REASON_PAUSED | PRINT_REASON_OTHER;
    return info->accepting && info->state != PRINT_STATE_STOPPED && !(info->reasons & stops);
}

static unsigned resolution(ipp_t *resp)
{
    static const char *const names[] = {"printer-resolution-default",
                                        "pwg-raster-document-resolution-supported"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        ipp_attribute_t *a = ippFindAttribute(resp, names[i], IPP_TAG_RESOLUTION);
        ipp_res_t units;
        int y;
        int x = a ? ippGetResolution(a, 0, &y, &units) : 0;
        if (x > 0 && units == IPP_RES_PER_CM)
            x = (x * 254 + 50) / 100;
        if (x > 0 && x < 10000)
            return (unsigned)x;
    }
    return DEFAULT_DPI;
}

static int member_int(ipp_t *col, const char *name)
{
    ipp_attribute_t *a = ippFindAttribute(col, name, IPP_TAG_INTEGER);
    return a ? ippGetInteger(a, 0) : -1;
}

/* The printable width in dots from media-col-default: the media's width
 * less its side margins, in hundredths of millimetres. */
static unsigned dot_width(ipp_t *resp, unsigned dpi)
{
    ipp_attribute_t *a = ippFindAttribute(resp, "media-col-default", IPP_TAG_BEGIN_COLLECTION);
    ipp_t *col = a ? ippGetCollection(a, 0) : NULL;
    ipp_attribute_t *s = col ? ippFindAttribute(col, "media-size", IPP_TAG_BEGIN_COLLECTION) : NULL;
    ipp_t *size = s ? ippGetCollection(s, 0) : NULL;
    int x = size ? member_int(size, "x-dimension") : -1;
    int left = col ? member_int(col, "media-left-margin") : -1;
    int right = col ? member_int(col, "media-right-margin") : -1;
    if (x <= 0 || left < 0 || right < 0 || left + right >= x)
        return 0;
    return (unsigned)(((long long)(x - left - right) * dpi + 1270) / 2540);
}

/* Get-Printer-Attributes of printer `uri` at `resource` over http: 0 with
 * *out filled, or a negative errno. */
static int ask(http_t *http, const char *uri, const char *resource, struct print_queue_info *info)
{
    static const char *const wanted[] = {
        "printer-state",
        "printer-state-reasons",
        "printer-is-accepting-jobs",
        "media-col-default",
        "printer-resolution-default",
        "pwg-raster-document-resolution-supported",
        "document-format-supported",
        "device-uri",
    };
    struct print_queue_info out = {.state = PRINT_STATE_STOPPED};
    int rc;
    ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);
    ipp_t *resp = cupsDoRequest(http, req, resource);
    if (!resp) {
        rc = cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND             ? -ENOENT
             : cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ? -EHOSTUNREACH
                                                                       : -EIO;
        goto out;
    }
    if (ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
        rc = ippGetStatusCode(resp) == IPP_STATUS_ERROR_NOT_FOUND ? -ENOENT : -EIO;
        goto out;
    }
    ipp_attribute_t *a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
    if (a)
        out.state = (enum print_state)ippGetInteger(a, 0);
    a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    out.accepting = a && ippGetBoolean(a, 0);
    a = ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD);
    for (int i = 0; a && i < ippGetCount(a); i++)
        out.reasons |= print_reason_bit(ippGetString(a, i, NULL));
    a = ippFindAttribute(resp, "document-format-supported", IPP_TAG_MIMETYPE);
    for (int i = 0; a && i < ippGetCount(a); i++) {
        const char *f = ippGetString(a, i, NULL);
        if (f && strcmp(f, "application/vnd.cups-raster") == 0)
            out.formats |= PRINT_FORMAT_BIT_CUPS_RASTER;
        else if (f && strcmp(f, "image/pwg-raster") == 0)
            out.formats |= PRINT_FORMAT_BIT_PWG_RASTER;
    }
    a = ippFindAttribute(resp, "device-uri", IPP_TAG_URI);
    if (a && ippGetString(a, 0, NULL))
        snprintf(out.device_uri, sizeof(out.device_uri), "%s", ippGetString(a, 0, NULL));
    out.media_given = ippFindAttribute(resp, "media-col-default", IPP_TAG_BEGIN_COLLECTION) != NULL;
    out.dpi = resolution(resp);
    out.dot_width = dot_width(resp, out.dpi);
    *info = out;
    rc = 0;
out:
    ippDelete(resp);
    return rc;
}

int print_queue_query(const char *server, const char *queue, struct print_queue_info *info)
{
    http_t *http = NULL;
    char uri[HTTP_MAX_URI];
    int rc = print_connect(server, &http);
    if (rc != 0)
        return rc;
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL, "localhost", 0,
                     "/printers/%s", queue);
    rc = ask(http, uri, "/", info);
    httpClose(http);
    return rc;
}

unsigned print_queue_format(const struct print_queue_info *info)
{
    const unsigned both = PRINT_FORMAT_BIT_CUPS_RASTER | PRINT_FORMAT_BIT_PWG_RASTER;
    if ((info->formats & both) == both)
        return info->media_given ? PRINT_FORMAT_BIT_CUPS_RASTER : 0;
    return info->formats & both;
}

int print_queue_ask_printer(const struct print_queue_info *queue, struct print_queue_info *printer)
{
    char scheme[16], user[64], host[256], resource[HTTP_MAX_URI];
    int port;
    if (httpSeparateURI(HTTP_URI_CODING_ALL, queue->device_uri, scheme, sizeof(scheme), user,
                        sizeof(user), host, sizeof(host), &port, resource,
                        sizeof(resource)) < HTTP_URI_STATUS_OK ||
        (strcmp(scheme, "ipp") != 0 && strcmp(scheme, "ipps") != 0))
        return -ENOTSUP;
    http_encryption_t enc =
        strcmp(scheme, "ipps") == 0 ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED;
    http_t *http = httpConnect2(host, port, NULL, AF_UNSPEC, enc, 1, PRINT_TIMEOUT_MS, NULL);
    if (!http)
        return -EHOSTUNREACH;
    httpSetTimeout(http, PRINT_TIMEOUT_MS / 1000.0, NULL, NULL);
    int rc = ask(http, queue->device_uri, resource, printer);
    httpClose(http);
    return rc == -ENOENT ? -EIO : rc;
}

void print_queue_describe(const struct print_queue_info *info, char *buf, size_t cap)
{
    static const struct {
        unsigned bit;
        const char *words;
    } words[] = {
        {PRINT_REASON_MEDIA_EMPTY, "paper out"},
        {PRINT_REASON_MEDIA_LOW, "paper low"},
        {PRINT_REASON_OFFLINE, "printer offline or unplugged"},
        {PRINT_REASON_DOOR_OPEN, "cover open"},
        {PRINT_REASON_PAUSED, "queue stopped (cupsenable starts it)"},
        {PRINT_REASON_OTHER, "printer error"},
    };
    size_t used = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (!(info->reasons & words[i].bit))
            continue;
        int n = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", words[i].words);
        if (n < 0 || (size_t)n >= cap - used)
            return;
        used += (size_t)n;
    }
    const char *more = NULL;
    if (!info->accepting)
        more = "not accepting jobs (cupsaccept allows them)";
    else if (info->state == PRINT_STATE_STOPPED && !(info->reasons & PRINT_REASON_PAUSED))
        more = "stopped";
    else if (used == 0)
        more = info->state == PRINT_STATE_PROCESSING ? "printing" : "ready";
    if (more)
        snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", more);
}
