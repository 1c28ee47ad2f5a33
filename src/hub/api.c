/*
 * api — the route table and what every handler shares: matching a request
 * to a route, JSON and error bodies, and the kiosk's bearer token.
 *
 * The one idea: the table is the single list of what the hub serves. The
 * server dispatches through it, /metrics labels by it, and a test holds
 * docs/api.yaml to it, so the description cannot drift from the code.
 */
#include "hub/api.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/auth.h"

static const struct hub_route routes[] = {
    {"POST", "/api/v1/enroll", hub_api_enroll},
    {"POST", "/api/v1/push", hub_api_push},
    {"GET", "/api/v1/changes", hub_api_changes},
    {"GET", "/api/v1/documents", hub_api_documents},
    {"GET", "/api/v1/attachments/{sha256}", hub_api_upload_state},
    {"PUT", "/api/v1/attachments/{sha256}", hub_api_upload_put},
    {"GET", "/status/{code}", hub_api_status},
    {"GET", "/healthz", hub_api_healthz},
    {"GET", "/metrics", hub_api_metrics},
};

#define NROUTES ((int)(sizeof(routes) / sizeof(routes[0])))
_Static_assert(NROUTES < HUB_METRICS_ROUTES, "metrics keep one slot per route");

const struct hub_route *hub_api_routes(size_t *n)
{
    *n = (size_t)NROUTES;
    return routes;
}

void hub_response_fini(struct hub_response *resp)
{
    free(resp->body);
    resp->body = NULL;
    resp->body_len = 0;
}

void hub_api_text(struct hub_response *resp, int status, const char *content_type, const char *text,
                  size_t len)
{
    hub_response_fini(resp);
    resp->status = status;
    resp->content_type = content_type;
    resp->body = malloc(len + 1);
    if (!resp->body) {
        resp->status = 503;
        return;
    }
    memcpy(resp->body, text, len);
    resp->body[len] = '\0';
    resp->body_len = len;
}

void hub_api_json(struct hub_response *resp, int status, void *json)
{
    hub_response_fini(resp);
    char *text = json ? json_dumps(json, JSON_COMPACT) : NULL;
    json_decref(json);
    resp->content_type = "application/json";
    if (!text) {
        resp->status = 503;
        return;
    }
    resp->status = status;
    resp->body = text;
    resp->body_len = strlen(text);
}

void hub_api_error(struct hub_response *resp, int status, const char *message)
{
    hub_api_json(resp, status, json_pack("{ss}", "error", message));
    if (resp->status == 503 && status != 503)
        resp->status = status; /* out of memory for the body: the status still says it */
}

void hub_api_store_failed(struct hub_db *db, const char *what, struct hub_response *resp)
{
    fprintf(stderr, "serambi-hub: error: %s: %s\n", what, hub_db_last_error(db));
    hub_api_error(resp, 503, "the store is busy or failing; try again");
    resp->retry_after_s = 2;
}

int hub_api_kiosk(struct hub_db *db, const struct hub_request *req, struct hub_response *resp,
                  int64_t *kiosk_out)
{
    static const char prefix[] = "Bearer ";
    const char *auth = req->authorization;
    if (!auth || strncmp(auth, prefix, sizeof(prefix) - 1) != 0 ||
        strlen(auth + sizeof(prefix) - 1) != HUB_TOKEN_SIZE - 1) {
        hub_api_error(resp, 401, "a kiosk token is required");
        return -EACCES;
    }
    char hash[HUB_HASH_HEX];
    hub_auth_hash_token(auth + sizeof(prefix) - 1, hash);
    int rc = hub_db_kiosk_auth(db, hash, kiosk_out);
    if (rc == -EACCES)
        hub_api_error(resp, 401, "unknown or revoked kiosk token");
    else if (rc < 0)
        hub_api_store_failed(db, "token check", resp);
    return rc;
}

bool hub_api_sha256_valid(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (n >= 64 || !((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 64;
}

int hub_api_parse_count(const char *s, long long lo, long long hi, long long dflt, long long *out)
{
    if (!s) {
        *out = dflt;
        return 0;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -EINVAL;
    *out = v;
    return 0;
}

/* The param of a "{name}" pattern: one non-empty segment. */
static bool match(const char *pattern, const char *path, const char **param)
{
    const char *brace = strchr(pattern, '{');
    if (!brace)
        return strcmp(pattern, path) == 0;
    size_t prefix = (size_t)(brace - pattern);
    if (strncmp(pattern, path, prefix) != 0)
        return false;
    const char *rest = path + prefix;
    if (!rest[0] || strchr(rest, '/'))
        return false;
    *param = rest;
    return true;
}

void hub_api_dispatch(struct hub_ctx *ctx, const struct hub_request *req, struct hub_response *resp,
                      int *route_out)
{
    bool path_known = false;
    *resp = (struct hub_response){0};
    for (int i = 0; i < NROUTES; i++) {
        const char *param = NULL;
        if (!match(routes[i].pattern, req->path, &param))
            continue;
        path_known = true;
        /* HEAD is a GET whose body the server leaves out. */
        bool head = strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0;
        if (!head && strcmp(routes[i].method, req->method) != 0)
            continue;
        if (route_out)
            *route_out = i;
        routes[i].handler(ctx, req, param, resp);
        return;
    }
    if (route_out)
        *route_out = -1;
    if (path_known)
        hub_api_error(resp, 405, "method not allowed");
    else
        hub_api_error(resp, 404, "not found");
}
