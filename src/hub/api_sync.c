/*
 * api_sync — what kiosks call: enroll once, push outbox batches, pull the
 * staff's decisions.
 *
 * The one idea: every answer says what the hub now holds, never what it
 * did. A kiosk that resends a batch after a timeout gets the same answer
 * again, and acknowledges exactly what is safe on the hub; one that
 * repeats its enrollment with the same code and its own token is told
 * again that it is enrolled.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/tracking.h"
#include "core/uuid.h"
#include "hub/api.h"
#include "hub/auth.h"

#define CHANGES_DEFAULT 100
#define CHANGES_MAX     1000

static json_t *parse_body(const struct hub_request *req, struct hub_response *resp)
{
    json_error_t err;
    json_t *root =
        req->body ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err) : NULL;
    if (!json_is_object(root)) {
        json_decref(root);
        hub_api_error(resp, 400, "the body must be a JSON object");
        return NULL;
    }
    return root;
}

void hub_api_enroll(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                    struct hub_response *resp)
{
    (void)param;
    int retry = 60;
    /* Codes are 10 symbols of 31: the limit makes guessing one hopeless. */
    if (ctx->enroll_limit && !hub_ratelimit_allow(ctx->enroll_limit, req->client ? req->client : "",
                                                  req->now_ms, &retry)) {
        resp->retry_after_s = retry;
        hub_api_error(resp, 429, "too many enrollment attempts; try again later");
        return;
    }
    json_t *root = parse_body(req, resp);
    if (!root)
        return;
    const char *code = json_string_value(json_object_get(root, "code"));
    if (!code || strlen(code) > 32) {
        hub_api_error(resp, 400, "\"code\" must be the enrollment code");
        goto out;
    }
    /* The kiosk's own token lets it repeat a request whose answer it lost;
     * a kiosk older than that sends none and gets one made here. */
    json_t *sent = json_object_get(root, "token");
    const char *own = json_string_value(sent);
    if (sent && (!own || !hub_auth_token_valid(own))) {
        hub_api_error(resp, 400, "\"token\" must be 43 characters of base64url (32 bytes)");
        goto out;
    }
    char code_hash[HUB_HASH_HEX], token[HUB_TOKEN_SIZE], token_hash[HUB_HASH_HEX];
    char name[HUB_NAME_SIZE];
    hub_auth_hash_code(code, code_hash);
    if (own)
        memcpy(token, own, HUB_TOKEN_SIZE);
    else
        hub_auth_new_token(token);
    hub_auth_hash_token(token, token_hash);
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int rc = hub_db_kiosk_redeem(db, code_hash, token_hash, req->now_ms, HUB_CODE_LIFETIME_MS, name,
                                 sizeof(name));
    if (rc == -EACCES)
        hub_api_error(resp, 401, "unknown, used or expired enrollment code");
    else if (rc < 0)
        hub_api_store_failed(db, "enroll", resp);
    else
        hub_api_json(resp, 200, json_pack("{ssss}", "kiosk", name, "token", token));
    hub_pool_release(ctx->pool, db);
out:
    json_decref(root);
}

/* Checks one row of a push and points r at its parts (borrowed from the
 * JSON, which the caller keeps). payload gets a new string. */
static const char *check_row(json_t *row, struct hub_push_row *r, char **payload)
{
    const char *kind = json_string_value(json_object_get(row, "kind"));
    const char *id = json_string_value(json_object_get(row, "id"));
    json_t *version = json_object_get(row, "version");
    json_t *record = json_object_get(row, "record");
    if (!kind || rec_kind_parse(kind, &r->kind) < 0)
        return "\"kind\" must name a record kind";
    if (!id || !uuid_valid(id))
        return "\"id\" must be a UUID";
    if (!json_is_integer(version) || json_integer_value(version) < 1 ||
        json_integer_value(version) > INT_MAX)
        return "\"version\" must be a whole number from 1";
    if (!json_is_object(record))
        return "\"record\" must be an object";
    const char *rid = json_string_value(json_object_get(record, "id"));
    if (rid && strcmp(rid, id) != 0)
        return "\"record.id\" differs from \"id\"";
    r->id = id;
    r->version = (int)json_integer_value(version);
    r->tracking_code = "";
    const char *status = json_string_value(json_object_get(record, "status"));
    r->status = status && strlen(status) < 16 ? status : "";
    json_t *due =
        json_object_get(record, r->kind == REC_MEETING_REQUEST ? "reply_due_ms" : "due_ms");
    r->due_ms = json_is_integer(due) && json_integer_value(due) > 0 ? json_integer_value(due) : 0;
    r->sha256 = "";
    r->size_bytes = 0;
    if (r->kind == REC_ATTACHMENT) {
        const char *sha = json_string_value(json_object_get(record, "sha256"));
        json_t *size = json_object_get(record, "size_bytes");
        if (!sha || !hub_api_sha256_valid(sha))
            return "\"record.sha256\" must be 64 lowercase hex digits";
        if (!json_is_integer(size) || json_integer_value(size) < 0)
            return "\"record.size_bytes\" must be a whole number from 0";
        r->sha256 = sha;
        r->size_bytes = json_integer_value(size);
    }
    if (r->kind == REC_MEETING_REQUEST || r->kind == REC_COMPLAINT) {
        const char *code = json_string_value(json_object_get(record, "tracking_code"));
        char canon[TRACKING_SIZE];
        if (!code || tracking_normalize(code, canon) < 0 || strcmp(canon, code) != 0)
            return "\"record.tracking_code\" must be a tracking code";
        if (!json_string_value(json_object_get(record, "status")) ||
            !json_is_integer(json_object_get(record, "created_ms")))
            return "\"record\" lacks its status or creation time";
        r->tracking_code = code;
    }
    *payload = json_dumps(record, JSON_COMPACT);
    return *payload ? NULL : "out of memory";
}

void hub_api_push(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                  struct hub_response *resp)
{
    (void)param;
    struct hub_push_row *rows = NULL;
    char **payloads = NULL;
    int *held = NULL;
    size_t n = 0;
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int64_t kiosk;
    /* The token first: nobody learns anything about bodies without one. */
    json_t *root = NULL;
    if (hub_api_kiosk(db, req, resp, &kiosk) < 0)
        goto out;
    root = parse_body(req, resp);
    if (!root)
        goto out;
    json_t *list = json_object_get(root, "rows");
    n = json_array_size(list);
    if (!json_is_array(list) || n == 0 || n > (size_t)ctx->push_max_rows) {
        hub_api_error(resp, json_is_array(list) && n > 0 ? 413 : 400,
                      "\"rows\" must be a non-empty array within the batch limit");
        goto out;
    }
    rows = calloc(n, sizeof(*rows));
    payloads = calloc(n, sizeof(*payloads));
    held = calloc(n, sizeof(*held));
    if (!rows || !payloads || !held) {
        hub_api_error(resp, 503, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const char *why = check_row(json_array_get(list, i), &rows[i], &payloads[i]);
        if (why) {
            char msg[160];
            snprintf(msg, sizeof(msg), "rows[%zu]: %s", i, why);
            hub_api_error(resp, 400, msg);
            goto out;
        }
        rows[i].payload = payloads[i];
    }
    int rc = hub_db_push(db, kiosk, rows, n, req->now_ms, held);
    if (rc < 0) {
        hub_api_store_failed(db, "push", resp);
        goto out;
    }
    json_t *answer = json_array();
    for (size_t i = 0; answer && i < n; i++)
        json_array_append_new(answer, json_pack("{sssi}", "id", rows[i].id, "version", held[i]));
    hub_api_json(resp, 200, json_pack("{so}", "held", answer));
out:
    hub_pool_release(ctx->pool, db);
    for (size_t i = 0; payloads && i < n; i++)
        free(payloads[i]);
    free(payloads);
    free(rows);
    free(held);
    json_decref(root);
}

void hub_api_changes(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                     struct hub_response *resp)
{
    (void)param;
    struct hub_decision *list = NULL;
    size_t n = 0;
    long long after, limit;
    int64_t kiosk;
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    if (hub_api_kiosk(db, req, resp, &kiosk) < 0)
        goto out;
    if (hub_api_parse_count(req->arg_after, 0, LLONG_MAX, 0, &after) < 0 ||
        hub_api_parse_count(req->arg_limit, 1, CHANGES_MAX, CHANGES_DEFAULT, &limit) < 0) {
        hub_api_error(resp, 400, "\"after\" and \"limit\" must be whole numbers");
        goto out;
    }
    if (hub_db_changes(db, kiosk, after, (size_t)limit, &list, &n) < 0) {
        hub_api_store_failed(db, "changes", resp);
        goto out;
    }
    json_t *changes = json_array();
    int64_t next = after;
    for (size_t i = 0; changes && i < n; i++) {
        const struct hub_decision *d = &list[i];
        json_array_append_new(changes,
                              json_pack("{sIsssssssssssssIsI}", "cursor", (json_int_t)d->cursor,
                                        "id", d->record_id, "kind", rec_kind_name(d->kind),
                                        "status", d->status, "schedule", d->schedule, "answer",
                                        d->answer, "class", d->cls, "due_ms", (json_int_t)d->due_ms,
                                        "decided_ms", (json_int_t)d->decided_ms));
        next = d->cursor;
    }
    hub_api_json(resp, 200, json_pack("{sosI}", "changes", changes, "next", (json_int_t)next));
out:
    hub_pool_release(ctx->pool, db);
    free(list);
}
