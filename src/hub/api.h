/*
 * api — the hub's routes, independent of the HTTP library: a request is a
 * method, a path, a few headers and a body; a response is a status, a
 * content type and a body. The server (server.c) adapts libmicrohttpd to
 * this, and the tests and fuzz targets call hub_api_dispatch() directly.
 */
#ifndef SERAMBI_HUB_API_H
#define SERAMBI_HUB_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hub/metrics.h"
#include "hub/pool.h"
#include "hub/ratelimit.h"
#include "hub/status_cache.h"

struct hub_ctx {
    struct hub_pool *pool;                 /* borrowed */
    struct hub_ratelimit *status_limit;    /* borrowed */
    struct hub_ratelimit *enroll_limit;    /* borrowed */
    struct hub_metrics *metrics;           /* borrowed */
    struct hub_status_cache *status_cache; /* borrowed; NULL: none */
    int push_max_rows;
    int64_t attachment_max_bytes; /* a larger attachment is refused (413) */
};

/* Borrowed for the call. Any header may be NULL when absent. */
struct hub_request {
    const char *method;
    const char *path;
    const char *authorization; /* "Bearer TOKEN" */
    const char *accept;
    const char *client;     /* the client's address, for rate limits */
    const char *arg_after;  /* ?after= */
    const char *arg_limit;  /* ?limit= */
    const char *arg_offset; /* ?offset= */
    const char *body;       /* not NUL-terminated */
    size_t body_len;
    int64_t now_ms;
};

struct hub_response {
    int status;
    const char *content_type; /* static */
    char *body;               /* owned: free with hub_response_fini() */
    size_t body_len;
    int retry_after_s; /* > 0: a Retry-After header */
};

void hub_response_fini(struct hub_response *resp);

typedef void (*hub_handler)(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                            struct hub_response *resp);

/* True for a SHA-256 as 64 lowercase hex digits. */
bool hub_api_sha256_valid(const char *s);

/* Parses a whole number from lo to hi; NULL gives dflt. 0 or -EINVAL. */
int hub_api_parse_count(const char *s, long long lo, long long hi, long long dflt, long long *out);

/* A route: "GET" and "/api/v1/changes", or a pattern ending in "{name}"
 * that takes the rest of the path (one segment) as param. */
struct hub_route {
    const char *method;
    const char *pattern;
    hub_handler handler;
};

/* Every route the server answers; static. The OpenAPI test compares this
 * with docs/api.yaml. */
const struct hub_route *hub_api_routes(size_t *n);

/* Answers req into *resp (which the caller finishes with
 * hub_response_fini()); writes the route's index, or -1 when none
 * matched, to *route_out (may be NULL). Never fails: errors are 4xx/5xx. */
void hub_api_dispatch(struct hub_ctx *ctx, const struct hub_request *req, struct hub_response *resp,
                      int *route_out);

/* --- for the handlers (api_*.c) --------------------------------------- */

/* Sets a JSON body {"error": message} with status. */
void hub_api_error(struct hub_response *resp, int status, const char *message);
/* Takes ownership of json (decref'd here) and sets it as the body. */
void hub_api_json(struct hub_response *resp, int status, void *json);
/* Sets a text body (copied) with a static content type. */
void hub_api_text(struct hub_response *resp, int status, const char *content_type, const char *text,
                  size_t len);
/* A store call failed: logs what the store said (never a stored value)
 * once, and answers 503 with Retry-After. */
void hub_api_store_failed(struct hub_db *db, const char *what, struct hub_response *resp);
/* The kiosk making the request, from its bearer token. 0 and *kiosk_out,
 * or an error already written to resp (401 or 503). */
int hub_api_kiosk(struct hub_db *db, const struct hub_request *req, struct hub_response *resp,
                  int64_t *kiosk_out);

/* The handlers. */
void hub_api_enroll(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                    struct hub_response *resp);
void hub_api_push(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                  struct hub_response *resp);
void hub_api_changes(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp);
void hub_api_documents(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                       struct hub_response *resp);
void hub_api_upload_state(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                          struct hub_response *resp);
void hub_api_upload_put(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                        struct hub_response *resp);
void hub_api_status(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                    struct hub_response *resp);
void hub_api_healthz(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp);
void hub_api_metrics(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp);

#endif
