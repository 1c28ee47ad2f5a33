/*
 * api_public — what anyone may ask: the status of a tracking code (the
 * ticket's QR code leads here), and the operators' /healthz and /metrics.
 *
 * The one idea: the status page answers from the record's kind, status,
 * dates and the staff's schedule only. Names, phone numbers, letters and
 * answers never leave through it, and each client address is rate-limited
 * so that codes cannot be tried in bulk.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/tracking.h"
#include "hub/api.h"

static bool wants_json(const struct hub_request *req)
{
    return req->accept && strstr(req->accept, "application/json") &&
           !strstr(req->accept, "text/html");
}

static void utc_text(int64_t ms, char *buf, size_t cap)
{
    if (ms <= 0) {
        snprintf(buf, cap, "-");
        return;
    }
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        snprintf(buf, cap, "-");
}

/* Writes text HTML-escaped. */
static void put_escaped(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

static void status_html(const char *code, const struct hub_status *s, struct hub_response *resp)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out) {
        hub_api_error(resp, 503, "out of memory");
        return;
    }
    char created[40], due[40];
    utc_text(s->created_ms, created, sizeof(created));
    utc_text(s->due_ms, due, sizeof(due));
    fputs("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
          "<title>Status layanan</title></head><body><h1>Status layanan / Service status</h1>"
          "<dl><dt>Kode / Code</dt><dd>",
          out);
    put_escaped(out, code);
    fprintf(out, "</dd><dt>Layanan / Service</dt><dd>%s</dd><dt>Status</dt><dd>",
            s->kind == REC_MEETING_REQUEST ? "Permohonan rapat / Meeting request"
                                           : "Pengaduan / Complaint");
    put_escaped(out, s->status);
    fprintf(out,
            "</dd><dt>Diterima / Received</dt><dd>%s</dd><dt>Batas waktu / Due</dt><dd>%s</dd>",
            created, due);
    if (s->schedule[0]) {
        fputs("<dt>Jadwal / Schedule</dt><dd>", out);
        put_escaped(out, s->schedule);
        fputs("</dd>", out);
    }
    fputs("</dl></body></html>\n", out);
    if (fclose(out) != 0 || !buf) {
        free(buf);
        hub_api_error(resp, 503, "out of memory");
        return;
    }
    hub_response_fini(resp);
    resp->status = 200;
    resp->content_type = "text/html; charset=utf-8";
    resp->body = buf;
    resp->body_len = len;
}

void hub_api_status(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                    struct hub_response *resp)
{
    int retry = 60;
    if (!hub_ratelimit_allow(ctx->status_limit, req->client ? req->client : "", req->now_ms,
                             &retry)) {
        resp->retry_after_s = retry;
        hub_api_error(resp, 429, "too many requests; try again later");
        return;
    }
    char code[TRACKING_SIZE];
    if (strlen(param) > 32 || tracking_normalize(param, code) < 0) {
        hub_api_error(resp, 404, "no such tracking code");
        return;
    }
    bool json = wants_json(req);
    /* asked before reading: see hub_db_generation() */
    uint64_t generation = hub_db_generation();
    if (hub_status_cache_get(ctx->status_cache, code, json, generation, req->now_ms, &resp->body,
                             &resp->body_len)) {
        resp->status = 200;
        resp->content_type = json ? "application/json" : "text/html; charset=utf-8";
        return;
    }
    struct hub_status s;
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int rc = hub_db_status(db, code, &s);
    if (rc < 0 && rc != -ENOENT)
        hub_api_store_failed(db, "status", resp);
    hub_pool_release(ctx->pool, db);
    if (rc == -ENOENT) {
        hub_api_error(resp, 404, "no such tracking code");
        return;
    }
    if (rc < 0)
        return;
    if (json)
        hub_api_json(resp, 200,
                     json_pack("{sssssssIsIss}", "code", code, "kind", rec_kind_name(s.kind),
                               "status", s.status, "created_ms", (json_int_t)s.created_ms, "due_ms",
                               (json_int_t)s.due_ms, "schedule", s.schedule));
    else
        status_html(code, &s, resp);
    if (resp->status == 200)
        hub_status_cache_put(ctx->status_cache, code, json, generation, req->now_ms, resp->body,
                             resp->body_len);
}

void hub_api_healthz(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp)
{
    (void)req;
    (void)param;
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int rc = hub_db_ping(db);
    if (rc < 0)
        fprintf(stderr, "serambi-hub: error: healthz: %s\n", hub_db_last_error(db));
    hub_pool_release(ctx->pool, db);
    if (rc == 0)
        hub_api_text(resp, 200, "text/plain; charset=utf-8", "ok\n", 3);
    else
        hub_api_text(resp, 503, "text/plain; charset=utf-8", "store unreachable\n", 18);
}

struct lag_ctx {
    FILE *out;
    int64_t now_ms;
};

static int write_lag(void *ctx, const char *name, int64_t last_push_ms)
{
    struct lag_ctx *l = ctx;
    if (last_push_ms <= 0)
        return 0;
    fputs("serambi_hub_kiosk_last_push_age_seconds{kiosk=\"", l->out);
    for (const char *p = name; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', l->out);
        if (*p != '\n')
            fputc(*p, l->out);
    }
    fprintf(l->out, "\"} %.3f\n", (double)(l->now_ms - last_push_ms) / 1000.0);
    return 0;
}

void hub_api_metrics(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp)
{
    (void)param;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out) {
        hub_api_error(resp, 503, "out of memory");
        return;
    }
    size_t nroutes;
    const struct hub_route *routes = hub_api_routes(&nroutes);
    const char *names[HUB_METRICS_ROUTES];
    char labels[HUB_METRICS_ROUTES][48];
    for (size_t i = 0; i < nroutes && i < HUB_METRICS_ROUTES; i++) {
        snprintf(labels[i], sizeof(labels[i]), "%s %s", routes[i].method, routes[i].pattern);
        names[i] = labels[i];
    }
    hub_metrics_write(ctx->metrics, names, (int)nroutes, out);

    int64_t counts[REC_KIND_COUNT];
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int rc = hub_db_count_by_kind(db, counts);
    if (rc == 0) {
        fputs("# HELP serambi_hub_records Records held, by kind.\n"
              "# TYPE serambi_hub_records gauge\n",
              out);
        for (int k = 0; k < REC_KIND_COUNT; k++)
            fprintf(out, "serambi_hub_records{kind=\"%s\"} %lld\n", rec_kind_name((enum rec_kind)k),
                    (long long)counts[k]);
        fputs("# HELP serambi_hub_kiosk_last_push_age_seconds Time since a kiosk last pushed.\n"
              "# TYPE serambi_hub_kiosk_last_push_age_seconds gauge\n",
              out);
        struct lag_ctx l = {out, req->now_ms};
        rc = hub_db_kiosks(db, write_lag, &l);
    }
    if (rc == 0)
        rc = hub_db_overdue_by_kind(db, req->now_ms, counts);
    if (rc == 0) {
        fputs("# HELP serambi_hub_overdue_records Records past their due time whose status is "
              "still received or in_process, by kind.\n"
              "# TYPE serambi_hub_overdue_records gauge\n",
              out);
        for (int k = 0; k < REC_KIND_COUNT; k++)
            if (k == REC_MEETING_REQUEST || k == REC_COMPLAINT || counts[k] > 0)
                fprintf(out, "serambi_hub_overdue_records{kind=\"%s\"} %lld\n",
                        rec_kind_name((enum rec_kind)k), (long long)counts[k]);
    }
    hub_pool_release(ctx->pool, db);
    fprintf(out, "# TYPE serambi_hub_store_up gauge\nserambi_hub_store_up %d\n", rc == 0);
    if (fclose(out) != 0 || !buf) {
        free(buf);
        hub_api_error(resp, 503, "out of memory");
        return;
    }
    hub_response_fini(resp);
    resp->status = 200;
    resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp->body = buf;
    resp->body_len = len;
}
